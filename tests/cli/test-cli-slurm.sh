#!/usr/bin/env bash
# The Slurm scripts of build-aux/slurm without Slurm: the array script run once per task with the
# variables Slurm would set (0-based, 1-based and stepped arrays), then the merge script; the
# merged store equals a single-process run row for row. A task submitted again resumes from its
# copy; a missing shard makes the merge say so. (build-aux/slurm/test-local-slurm runs them on a
# real single-node Slurm.) Speaks TAP.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
source "$(dirname "${BASH_SOURCE[0]}")/cli-test-lib.sh"
source "$(dirname "${BASH_SOURCE[0]}")/point-rows.sh"

slurm="$OC_TEST_SRCDIR/../build-aux/slurm"
export OCCAM_CLI="$cli"
experiment=(sweep --dataset spiral --n-points 200 --widths 2,4,8,16,32 --seeds 0,1 --epochs 3
  --threads 1 --workers 1)

run "${experiment[@]}" -q --store "$tmp/single.db"
check "the single-process run" test "$status" -eq 0
point_rows "$tmp/single.db" >"$tmp/single.rows"

# $1: results folder, $2: first ID, $3: step, $4: count.
array_tasks () {
  local results=$1 first=$2 step=$3 count=$4 id
  for i in $(seq 0 $((count - 1))); do
    id=$((first + i * step))
    env SLURM_ARRAY_JOB_ID=4242 SLURM_JOB_ID=$((4243 + i)) SLURM_ARRAY_TASK_ID=$id \
      SLURM_ARRAY_TASK_MIN=$first SLURM_ARRAY_TASK_MAX=$((first + (count - 1) * step)) \
      SLURM_ARRAY_TASK_STEP=$step SLURM_ARRAY_TASK_COUNT=$count SLURM_CPUS_PER_TASK=1 \
      TMPDIR="$tmp/node-local" \
      bash "$slurm/occam-array.sbatch" "$results" "${experiment[@]}" -q >>"$tmp/array.out" 2>&1 \
      || return 1
  done
}

mkdir -p "$tmp/node-local"
for array in "0 1 3" "1 1 4" "1 2 3"; do
  set -- $array
  results="$tmp/results-$1-$2-$3"
  check "array $1..(step $2) of $3 tasks: every task runs" array_tasks "$results" "$@"
  check "array $1..(step $2): one store per shard" test "$(ls "$results"/shard-*-of-"$3".db | wc -l)" -eq "$3"
  check "array $1..(step $2): the shards are partial" test "$(sql "$results/shard-1-of-$3.db" "SELECT status FROM experiments")" = partial
  bash "$slurm/occam-merge.sbatch" "$results" >"$tmp/out" 2>"$tmp/err"
  check "array $1..(step $2): the merge job succeeds" test $? -eq 0
  check "array $1..(step $2): merged, finished" test "$(sql "$results/merged.db" "SELECT status FROM experiments")" = finished
  point_rows "$results/merged.db" >"$tmp/merged.rows"
  check "array $1..(step $2): the merged store equals the single-process run" cmp "$tmp/single.rows" "$tmp/merged.rows"
done
check "node-local folders are removed" test -z "$(ls -A "$tmp/node-local")"

# Submitted again, a task finds its points in its copy and computes nothing.
results="$tmp/results-0-1-3"
before=$(sql "$results/shard-2-of-3.db" "SELECT group_concat(finished) FROM points")
env SLURM_ARRAY_TASK_ID=1 SLURM_ARRAY_TASK_MIN=0 SLURM_ARRAY_TASK_COUNT=3 TMPDIR="$tmp/node-local" \
  bash "$slurm/occam-array.sbatch" "$results" "${experiment[@]}" >"$tmp/out" 2>"$tmp/err"
check "a resubmitted task succeeds" test $? -eq 0
check "a resubmitted task reuses its points" grep -q "shard 2/3 · its .* points are stored" "$tmp/out"
check "a resubmitted task leaves its points as they were" test "$(sql "$results/shard-2-of-3.db" "SELECT group_concat(finished) FROM points")" = "$before"

# A lost shard: the merge says which, and fails.
rm "$results/shard-3-of-3.db" "$results/merged.db"
bash "$slurm/occam-merge.sbatch" "$results" >"$tmp/out" 2>"$tmp/err"
check "a missing shard fails the merge" test $? -eq 1
check "the merge names the missing shard" grep -q "missing shard-3-of-3.db" "$tmp/err"
check "without it the experiment stays partial" test "$(sql "$results/merged.db" "SELECT status FROM experiments")" = partial

# Not an array task.
bash "$slurm/occam-array.sbatch" "$tmp/x" "${experiment[@]}" >"$tmp/out" 2>"$tmp/err"
check "outside an array job the script refuses" test $? -eq 2
check "... and says how to submit it" grep -q "submit with sbatch --array=1-N" "$tmp/err"

finish
