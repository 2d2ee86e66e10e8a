#!/usr/bin/env bash
# End-to-end tests of running beyond one process: shards of a sweep and of a prune experiment
# merged back equal the whole run (point rows compared in SQL, timestamps aside), worker counts
# that follow the CPUs a process may use (taskset), and the note for a store on a network file
# system (forced by a hook). Speaks TAP.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
source "$(dirname "${BASH_SOURCE[0]}")/cli-test-lib.sh"
source "$(dirname "${BASH_SOURCE[0]}")/point-rows.sh"

# $1: name; the rest: the command's flags (without --store and --shard). Three shards into three
# stores, merged, against the whole run in one store.
shards_equal_whole () {
  local name=$1; shift
  local dir="$tmp/$name"
  mkdir -p "$dir"
  run "$@" --store "$dir/whole.db" -q
  check "$name: the whole run" test "$status" -eq 0
  for k in 1 2 3; do
    run "$@" --store "$dir/s$k.db" --shard "$k/3" -q
    check "$name: shard $k/3 runs" test "$status" -eq 0
    check "$name: shard $k/3 is partial, not finished" test "$(sql "$dir/s$k.db" "SELECT status FROM experiments")" = partial
  done
  check "$name: each point in exactly one shard" test \
    "$(for k in 1 2 3; do sql "$dir/s$k.db" "SELECT group_concat(key, '|') FROM points"; done | tr '|' '\n' | sort | uniq -d | wc -l)" -eq 0
  run merge --store "$dir/merged.db" "$dir/s1.db" "$dir/s2.db" "$dir/s3.db"
  check "$name: the shards merge" test "$status" -eq 0
  check "$name: merged, the experiment is finished" test "$(sql "$dir/merged.db" "SELECT status FROM experiments")" = finished
  check "$name: the same experiment ID everywhere" test \
    "$(sql "$dir/merged.db" "SELECT id FROM experiments")" = "$(sql "$dir/whole.db" "SELECT id FROM experiments")"
  point_rows "$dir/whole.db" >"$dir/whole.rows"
  point_rows "$dir/merged.db" >"$dir/merged.rows"
  check "$name: merged shards equal the whole run, row for row" cmp "$dir/whole.rows" "$dir/merged.rows"
  check "$name: rows were compared" test "$(wc -l <"$dir/whole.rows")" -ge 6
}

shards_equal_whole sweep sweep --dataset spiral --n-points 200 --widths 2,4,8,16 --seeds 0,1 \
  --epochs 3 --threads 1 --workers 1
shards_equal_whole prune prune --dataset blobs --n-points 200 --hidden 8 --iterations 10 \
  --levels 2 --controls imp,reinit --seeds 0,1,2 --threads 1 --workers 1

# A shard with nothing of its own still says so, and records the experiment as partial.
run linear --n 20 --ps 5,10 --seeds 0 --store "$tmp/empty.db" --shard 3/3
check "an empty shard succeeds" test "$status" -eq 0
check "an empty shard says it has no points" grep -q "shard 3/3 has none of its 2 points" <<<"$out"
check "an empty shard records a partial experiment" test "$(sql "$tmp/empty.db" "SELECT status FROM experiments")" = partial

# Worker counts follow the CPUs the process may use: one CPU, one worker with one thread.
if taskset -c 0 true 2>/dev/null; then
  OCCAM_CGROUP_ROOT=/nonexistent taskset -c 0 "$cli" sweep --dataset spiral --n-points 100 \
    --widths 2,4,8 --seeds 0 --epochs 1 --store "$tmp/t.db" >"$tmp/out" 2>"$tmp/err"
  check "taskset -c 0: one point at a time with one thread" grep -q "1 at a time with 1 thread each" "$tmp/err"
  SLURM_CPUS_PER_TASK=1 "$cli" sweep --dataset spiral --n-points 100 --widths 2,4,8 --seeds 1 \
    --epochs 1 --store "$tmp/t.db" >"$tmp/out" 2>"$tmp/err"
  check "SLURM_CPUS_PER_TASK=1: one point at a time" grep -q "1 at a time with 1 thread each" "$tmp/err"
else
  skip "taskset -c 0" "taskset cannot set the affinity here"
  skip "SLURM_CPUS_PER_TASK" "taskset cannot set the affinity here"
fi

# A store on a network file system: a rollback journal, and a note saying so (the type is forced
# by a hook); on the test folder's own file system no note.
OCCAM_TEST_FS_TYPE=nfs "$cli" linear --n 20 --ps 5 --seeds 0 --store "$tmp/nfs.db" -q \
  >"$tmp/out" 2>"$tmp/err"
check "nfs: the run succeeds" test $? -eq 0
check "nfs: one note about the rollback journal" grep -q "^note: .*nfs.db is on a network file system (nfs): using a rollback journal" "$tmp/err"
check "nfs: the store's journal mode is delete" test "$(sql "$tmp/nfs.db" "PRAGMA journal_mode")" = delete
"$cli" linear --n 20 --ps 5 --seeds 0 --store "$tmp/local.db" -q >"$tmp/out" 2>"$tmp/err"
check "local: no note" test ! -s "$tmp/err"
check "local: WAL" test "$(sql "$tmp/local.db" "PRAGMA journal_mode")" = wal

finish
