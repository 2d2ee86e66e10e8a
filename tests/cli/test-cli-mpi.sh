#!/usr/bin/env bash
# End-to-end tests of `occam-cli … --mpi` under Open MPI's mpirun (3 ranks on one machine,
# oversubscribed): the point rows equal a single-process run's for a sweep and a prune
# experiment; a rank killed mid-run leaves what arrived in the store, and the same command
# resumes to the same rows; bad --cpus-per-rank. Speaks TAP.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
source "$(dirname "${BASH_SOURCE[0]}")/cli-test-lib.sh"
source "$(dirname "${BASH_SOURCE[0]}")/point-rows.sh"

mpi=(mpirun --allow-run-as-root --oversubscribe -np 3)
# Open MPI wants a writable session folder and would look for other nodes' transports.
export OMPI_MCA_btl=self,vader OMPI_MCA_plm=isolated OMPI_MCA_rmaps_base_oversubscribe=1 \
  TMPDIR="$tmp"
# Sanitizer build: Open MPI's own allocations are suppressed by library (build-aux/lsan.supp),
# which needs its plugins still loaded at exit and stacks unwound through them.
if [ -n "${ASAN_OPTIONS:-}" ]; then
  export OMPI_MCA_mca_base_component_disable_dlclose=1
  export ASAN_OPTIONS="$ASAN_OPTIONS:fast_unwind_on_malloc=0"
fi

sweep=(sweep --dataset spiral --n-points 200 --widths 2,4,8,16,32 --seeds 0,1,2 --epochs 4)
run "${sweep[@]}" --store "$tmp/single.db" -q
check "sweep: the single-process run" test "$status" -eq 0
"${mpi[@]}" "$cli" "${sweep[@]}" --mpi --store "$tmp/mpi.db" >"$tmp/out" 2>"$tmp/err"
status=$?
check "sweep --mpi on 3 ranks runs" test "$status" -eq 0
check "sweep --mpi says how it computes" grep -q "Computing 15 points on 2 MPI ranks" "$tmp/err"
check "sweep --mpi: one experiment line, from rank 0 only" test "$(grep -c '^experiment: .* · 15 points' "$tmp/out")" -eq 1
check "sweep --mpi: finished" test "$(sql "$tmp/mpi.db" "SELECT status FROM experiments")" = finished
point_rows "$tmp/single.db" >"$tmp/single.rows"
point_rows "$tmp/mpi.db" >"$tmp/mpi.rows"
check "sweep --mpi: the point rows equal the single-process run's" cmp "$tmp/single.rows" "$tmp/mpi.rows"
check "sweep --mpi: 15 rows compared" test "$(wc -l <"$tmp/mpi.rows")" -eq 15

# Prune: a seed's chain goes to one rank, with its artifacts (masks) back to rank 0.
prune=(prune --dataset blobs --n-points 200 --hidden 8 --iterations 10 --levels 2
  --controls imp,reinit --seeds 0,1,2 --threads 1 --workers 1)
run "${prune[@]}" --store "$tmp/psingle.db" -q
"${mpi[@]}" "$cli" "${prune[@]}" --mpi --store "$tmp/pmpi.db" -q >"$tmp/out" 2>"$tmp/err"
check "prune --mpi runs" test $? -eq 0
point_rows "$tmp/psingle.db" >"$tmp/psingle.rows"
point_rows "$tmp/pmpi.db" >"$tmp/pmpi.rows"
check "prune --mpi: the point rows and artifacts equal the single-process run's" cmp "$tmp/psingle.rows" "$tmp/pmpi.rows"
check "prune --mpi: artifacts came along" test "$(sql "$tmp/pmpi.db" "SELECT count(*) FROM artifacts")" -eq "$(sql "$tmp/psingle.db" "SELECT count(*) FROM artifacts")"

# A rank dies after 3 units (a test hook: SIGKILL): mpirun ends the job, the store keeps every
# point rank 0 received, and the same command resumes with the rest.
OCCAM_TEST_MPI_DIE_AFTER=3 "${mpi[@]}" "$cli" "${sweep[@]}" --mpi --store "$tmp/killed.db" -q \
  >"$tmp/out" 2>"$tmp/err"
status=$?
check "a killed rank fails the job" test "$status" -ne 0
kept=$(sql "$tmp/killed.db" "SELECT count(*) FROM points WHERE status = 'finished'")
check "the store keeps the points that arrived ($kept)" test "$kept" -ge 3 -a "$kept" -lt 15
check "the experiment is not finished" test "$(sql "$tmp/killed.db" "SELECT status FROM experiments")" != finished
"${mpi[@]}" "$cli" "${sweep[@]}" --mpi --store "$tmp/killed.db" >"$tmp/out" 2>"$tmp/err"
check "the same command resumes" grep -q "· $kept reused from" "$tmp/out"
check "resumed: finished" test "$(sql "$tmp/killed.db" "SELECT status FROM experiments")" = finished
point_rows "$tmp/killed.db" >"$tmp/killed.rows"
check "resumed: the point rows equal the single-process run's" cmp "$tmp/single.rows" "$tmp/killed.rows"

expect_bad_input "--cpus-per-rank without --mpi" "--cpus-per-rank is for MPI jobs" \
  "${sweep[@]}" --store "$tmp/x.db" --cpus-per-rank 2
expect_bad_input "--cpus-per-rank 0" "--cpus-per-rank 0: give 1 to 4096" \
  "${sweep[@]}" --store "$tmp/x.db" --mpi --cpus-per-rank 0

finish
