# cli-test-lib.sh — what the occam-cli end-to-end tests share; sourced by each test after `set -u`.
#
# A temporary folder removed at exit (with $bg, a background run, killed first), a store of the
# test's own, and TAP: ok/skip/not_ok/check count test cases in $n, and finish prints the plan
# and fails the script when a case failed.
#
# SPDX-License-Identifier: GPL-3.0-or-later
cli=${OC_CLI:?OC_CLI must point at occam-cli}
tmp=$(mktemp -d)
bg=
trap '[ -n "$bg" ] && kill -9 "$bg" 2>/dev/null; rm -rf "$tmp"' EXIT
# Nothing here may touch the user's store, even through a command that forgot --store.
export XDG_DATA_HOME="$tmp/xdg-data"
store="$tmp/occam.db"
n=0
failed=0

ok () { n=$((n + 1)); echo "ok $n - $1"; }
skip () { n=$((n + 1)); echo "ok $n - $1 # SKIP $2"; }
not_ok () { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; shift; for l in "$@"; do echo "# $l"; done; }
check () { local name=$1; shift; if "$@"; then ok "$name"; else not_ok "$name" "command: $*" "exit ${status-}" "stdout: ${out-}" "stderr: ${err-}"; fi; }

# Runs occam-cli; sets $status, $out, $err.
run () { "$cli" "$@" >"$tmp/out" 2>"$tmp/err"; status=$?; out=$(cat "$tmp/out"); err=$(cat "$tmp/err"); }
# One value from an SQLite query on a store.
sql () { python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])' "$@"; }
# Data rows of a CSV file.
rows () { tail -n +2 "$1" | wc -l; }

# Bad input: exit 2 and one line on stderr containing NEEDLE.
expect_bad_input () {
  local name=$1 needle=$2; shift 2
  run "$@"
  if [ "$status" -eq 2 ] && [ "$(wc -l < "$tmp/err")" -eq 1 ] && grep -qF -- "$needle" "$tmp/err"; then
    ok "$name"
  else
    not_ok "$name" "exit $status, stderr: $err"
  fi
}

finish () { echo "1..$n"; [ "$failed" -eq 0 ]; }
