#!/usr/bin/env bash
# End-to-end tests of specs and the experiment store: train → store → runs/run/merge, resume,
# kill -9 and damaged stores. Speaks TAP. Every command gets --store in a temporary folder.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
source "$(dirname "${BASH_SOURCE[0]}")/cli-test-lib.sh"

train_args=(train --dataset blobs --hidden 16 --epochs 20 --val-size 100 --store "$store")

# Acceptance 1: train records an experiment; runs list shows it; runs export writes CSV pandas reads.
run "${train_args[@]}" --csv "$tmp/a.csv" --json "$tmp/a.json"
check "train records an experiment" test "$status" -eq 0
id=$(sed -n 's/^experiment: \([0-9a-f]*\) · stored in .*/\1/p' <<<"$out")
check "train prints the experiment ID" test "${#id}" -eq 16
check "train showed progress" grep -q "iteration" "$tmp/err"
check "the store holds one finished point" test "$(sql "$store" "SELECT count(*) FROM points WHERE experiment_id = '$id' AND status = 'finished'")" = 1
check "the store holds the curve" test "$(sql "$store" "SELECT count(*) FROM curves WHERE experiment_id = '$id'")" -eq 21
check "the store is in WAL mode" test "$(sql "$store" "PRAGMA journal_mode")" = wal

run runs list --store "$store"
check "runs list shows it" grep -q "^$id  train  blobs .* finished  1/1 .* hidden 16 · adam lr 0.001 · batch 128 · 20 epochs · seed 0" <<<"$out"

run runs show "${id:0:6}" --store "$store"
check "runs show takes an ID prefix" grep -q "^experiment $id (train) · finished" <<<"$out"
check "runs show prints the spec" grep -q '"hidden": \[16\]' <<<"$out"

run runs export "${id:0:8}" --csv "$tmp/export" --json "$tmp/export" --store "$store"
check "runs export succeeds" test "$status" -eq 0
check "exported curve equals train --csv" cmp -s "$tmp/a.csv" "$tmp/export/$id-curves.csv"
pandas_python=
for py in python3 /usr/bin/python3; do
  if "$py" -c "import pandas" 2>/dev/null; then pandas_python=$py; break; fi
done
if [ -n "$pandas_python" ]; then
  check "pandas reads the exported CSV" "$pandas_python" - "$tmp/export" "$id" <<'PY'
import sys, pandas as pd
d, id = sys.argv[1], sys.argv[2]
curves = pd.read_csv(f"{d}/{id}-curves.csv")
points = pd.read_csv(f"{d}/{id}-points.csv")
assert len(curves) == 21 and curves["iteration"].is_monotonic_increasing, curves
assert points.loc[0, "status"] == "finished" and points.loc[0, "final_test_error"] < 0.2, points
assert points.loc[0, "architecture"] == "2-16-4", points
PY
else
  skip "pandas reads the exported CSV" "python3-pandas is not installed"
fi
check "the exported CSV has the expected shape" python3 - "$tmp/export" "$id" <<'PY'
import csv, sys, json
d, id = sys.argv[1], sys.argv[2]
rows = list(csv.DictReader(open(f"{d}/{id}-curves.csv")))
assert len(rows) == 21 and rows[-1]["epoch"] == "20", rows[-1]
pts = list(csv.DictReader(open(f"{d}/{id}-points.csv")))
assert len(pts) == 1 and float(pts[0]["final_test_error"]) < 0.2, pts
doc = json.load(open(f"{d}/{id}.json"))
assert doc["id"] == id and doc["spec"]["model"]["hidden"] == [16], doc["spec"]
assert len(doc["points"][0]["curve"]) == 21
PY

# Acceptance 2: the same command does not train again.
finished=$(sql "$store" "SELECT finished FROM points WHERE experiment_id = '$id'")
run "${train_args[@]}" --csv "$tmp/b.csv" --json "$tmp/b.json"
check "the second run succeeds" test "$status" -eq 0
check "the second run says it reused the result" grep -q "^experiment: $id · reused the result from" <<<"$out"
check "the second run did not train" bash -c '! grep -q iteration "$0"' "$tmp/err"
check "the second run still prints the summary" grep -q "^final: .*accuracy" <<<"$out"
check "the second run writes the same CSV" cmp -s "$tmp/a.csv" "$tmp/b.csv"
check "the second run writes the same JSON" cmp -s "$tmp/a.json" "$tmp/b.json"
check "the stored point was not replaced" test "$(sql "$store" "SELECT finished FROM points WHERE experiment_id = '$id'")" = "$finished"
check "still one experiment" test "$(sql "$store" "SELECT count(*) FROM experiments")" = 1

run "${train_args[@]}" --threads 1 -q
check "threads do not change the experiment" grep -q "^experiment: $id · reused" <<<"$out"
run "${train_args[@]}" --rerun -q
check "--rerun trains again" grep -q "^experiment: $id · stored in" <<<"$out"
check "--rerun replaced the point" test "$(sql "$store" "SELECT count(*) FROM curves WHERE experiment_id = '$id'")" -eq 21

# Specs: --dump-spec, run, every flag has a key.
run "${train_args[@]}" --dump-spec --store "$tmp/never.db"
check "--dump-spec exits 0" test "$status" -eq 0
check "--dump-spec does not train or open the store" test ! -e "$tmp/never.db"
check "--dump-spec names the experiment" grep -q "^experiment $id$" "$tmp/err"
cp "$tmp/out" "$tmp/spec.json"
run run "$tmp/spec.json" --store "$store" -q
check "run SPEC reuses the experiment train made" grep -q "^experiment: $id · reused" <<<"$out"
run run - --store "$store" -q <"$tmp/spec.json"
check "run - reads the spec from standard input" grep -q "^experiment: $id · reused" <<<"$out"
run run "$tmp/spec.json" --dump-spec
check "run --dump-spec prints the same canonical spec" cmp -s "$tmp/out" "$tmp/spec.json"

run run --list-fields
cp "$tmp/out" "$tmp/fields.tsv"
run train --help-all
check "every train flag is a spec key (or an output option)" python3 - "$tmp/out" "$tmp/fields.tsv" "$tmp/spec.json" <<'PY'
import json, re, sys
help_text, fields, spec = open(sys.argv[1]).read(), open(sys.argv[2]).read(), json.load(open(sys.argv[3]))
flags = set(re.findall(r"^\s+(?:-\w, )?--([a-z0-9-]+)", help_text, re.M))
outputs = {"help", "help-all", "help-data", "help-training", "csv", "json", "quiet", "progress",
           "store", "rerun", "dump-spec", "shard", "mpi", "cpus-per-rank"}
rows = [l.split("\t") for l in fields.splitlines()[1:] if l.startswith("train\t")]
by_flag = {r[2][2:]: r[1] for r in rows}
missing = sorted(flags - outputs - set(by_flag))
assert not missing, f"flags without a spec key: {missing}"
assert len(flags - outputs) >= 30, flags
for flag, path in by_flag.items():
    section, key = path[2:].split(".")
    assert key in spec[section], f"{path} (--{flag}) is not in the canonical spec"
PY

printf '{"version": 1, "kind": "train", "optim": {"lr": -1}}' >"$tmp/bad.json"
expect_bad_input "a bad spec names the file and the JSON path" "bad.json: \$.optim.lr: must be > 0, got -1" run "$tmp/bad.json" --store "$store"
printf '{"version": 1, "kind": "train", "optim": {"learning_rate": 0.1}}' >"$tmp/bad.json"
expect_bad_input "an unknown key is rejected" "\$.optim.learning_rate: unknown key" run "$tmp/bad.json" --store "$store"
expect_bad_input "a missing spec file" "no-such-spec.json" run "$tmp/no-such-spec.json" --store "$store"
expect_bad_input "a flag error names the flag" "--lr: must be > 0, got -1" train --lr -1 --store "$store"

# Failures are recorded as they are.
expect_bad_input "bad input leaves no experiment behind" "/nonexistent" train --dataset mnist --data-dir /nonexistent --store "$store"
check "no experiment for the failed load" test "$(sql "$store" "SELECT count(*) FROM experiments")" = 1
run train --dataset xor --optimizer sgd --lr 1e9 --loss mse --epochs 5 -q --store "$store"
check "divergence exits 1" test "$status" -eq 1
check "divergence is recorded as failed" test "$(sql "$store" "SELECT count(*) FROM experiments e JOIN points p ON p.experiment_id = e.id WHERE e.status = 'failed' AND p.status = 'failed' AND p.error LIKE '%diverged%'")" = 1
run train --dataset xor --optimizer sgd --lr 1e9 --loss mse --epochs 5 -q --store "$store"
check "a failed point is not reused" bash -c '[ "$0" -eq 1 ] && ! grep -q reused <<<"$1"' "$status" "$out"

# Acceptance 3 on the command line: kill -9 in the middle of a run.
"$cli" train --dataset blobs --hidden 64 --epochs 100000 --store "$store" -q >/dev/null 2>&1 &
bg=$!
for _ in $(seq 1 200); do
  [ "$(sql "$store" "SELECT count(*) FROM experiments WHERE status = 'running'" 2>/dev/null)" = 1 ] && break
  sleep 0.05
done
kill -9 "$bg"; wait "$bg" 2>/dev/null; bg=
check "the store passes integrity_check after kill -9" test "$(sql "$store" "PRAGMA integrity_check")" = ok
check "the killed run is left running with no point" test "$(sql "$store" "SELECT count(*) FROM experiments e WHERE status = 'running' AND NOT EXISTS (SELECT 1 FROM points p WHERE p.experiment_id = e.id)")" = 1
check "finished points survived" test "$(sql "$store" "SELECT count(*) FROM points WHERE experiment_id = '$id' AND status = 'finished'")" = 1
run "${train_args[@]}" -q
check "the store works after kill -9" grep -q "^experiment: $id · reused" <<<"$out"

# Ctrl-C: the experiment is marked cancelled.
"$cli" train --dataset blobs --hidden 64 --epochs 100000 --seed 1 --store "$store" -q >/dev/null 2>"$tmp/sigint.err" &
bg=$!
for _ in $(seq 1 200); do
  [ "$(sql "$store" "SELECT count(*) FROM experiments WHERE status = 'running' AND spec LIKE '%\"seed\":1}%'" 2>/dev/null)" = 1 ] && break
  sleep 0.05
done
kill -INT "$bg"; wait "$bg"; sigint_status=$?; bg=
check "Ctrl-C exits 130 (128 + SIGINT), as shells expect" test "$sigint_status" -eq 130
check "Ctrl-C marks the experiment cancelled" test "$(sql "$store" "SELECT count(*) FROM experiments WHERE status = 'cancelled'")" = 1

# runs rm and unknown IDs.
expect_bad_input "an unknown ID" "no experiment with ID 00000" runs show 00000 --store "$store"
expect_bad_input "an ID must be hex" "not an experiment ID" runs show xyz --store "$store"
run runs rm "${id:0:10}" --store "$store"
check "runs rm says what it removed" grep -q "^removed $id (train, blobs, hidden 16 .*): 1 point$" <<<"$out"
check "runs rm removed points and curves" test "$(sql "$store" "SELECT count(*) FROM curves WHERE experiment_id = '$id'")" = 0
run runs list --store "$store"
check "runs list no longer shows it" bash -c '! grep -q "^$0" <<<"$1"' "$id" "$out"

# merge: a shard computed elsewhere, folded in twice.
shard="$tmp/shard.db"
run train --dataset moons --hidden 8 --epochs 3 -q --store "$shard"
run train --dataset blobs --hidden 16 --epochs 20 --val-size 100 -q --store "$shard"
counts () { for t in experiments points curves artifacts; do sql "$store" "SELECT count(*) FROM $t"; done | tr '\n' ' '; }
run merge "$shard" --store "$store"
check "merge succeeds" test "$status" -eq 0
check "merge reports what it added" grep -q "2 new experiments, 2 new points" <<<"$out"
first=$(counts)
run merge "$shard" --store "$store"
check "merging twice adds nothing" grep -q "0 new experiments, 0 new points, 2 kept" <<<"$out"
check "merging twice keeps the row counts" test "$first" = "$(counts)"
run "${train_args[@]}" -q
check "a merged result is reused" grep -q "^experiment: $id · reused" <<<"$out"

# Files that are not stores are left alone.
head -c 20000 /dev/urandom >"$tmp/random.db"
cp "$tmp/random.db" "$tmp/random.copy"
expect_bad_input "a damaged store is refused" "random.db" runs list --store "$tmp/random.db"
check "the damaged file is untouched" cmp -s "$tmp/random.db" "$tmp/random.copy"
expect_bad_input "train refuses it too" "random.db" train --dataset xor --epochs 1 --store "$tmp/random.db"
check "the damaged file is still untouched" cmp -s "$tmp/random.db" "$tmp/random.copy"
cp "$shard" "$tmp/newer.db"
python3 -c 'import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute("PRAGMA user_version = 42"); c.commit(); c.close()' "$tmp/newer.db"
cp "$tmp/newer.db" "$tmp/newer.copy"
expect_bad_input "a newer store is refused" "newer Occam (store schema 42" runs list --store "$tmp/newer.db"
check "the newer store is untouched" cmp -s "$tmp/newer.db" "$tmp/newer.copy"
expect_bad_input "merging a newer store is refused" "newer Occam" merge "$tmp/newer.db" --store "$store"
expect_bad_input "runs list on a missing store" "no experiment store here yet" runs list --store "$tmp/missing.db"
check "runs list did not create it" test ! -e "$tmp/missing.db"

# The read-only folder case needs a user the permission bits apply to.
if [ "$(id -u)" != 0 ]; then
  skip "read-only folder (as an unprivileged user)" "covered by test-store as this user"
elif command -v setpriv >/dev/null && [ -x "${OC_TEST_BUILDDIR:-}/test-store" ]; then
  ro_tmp=$(mktemp -d); chmod 1777 "$ro_tmp"
  if TMPDIR=$ro_tmp setpriv --reuid=65534 --regid=65534 --clear-groups \
       "$OC_TEST_BUILDDIR/test-store" -p /store/read-only >"$tmp/ro.out" 2>&1 \
     && grep -q "^ok 1 /store/read-only$" "$tmp/ro.out"; then
    ok "read-only folder (as an unprivileged user)"
  elif grep -q "Permission denied\|cannot open" "$tmp/ro.out"; then
    skip "read-only folder (as an unprivileged user)" "the build folder is not readable by nobody"
  else
    not_ok "read-only folder (as an unprivileged user)" "$(cat "$tmp/ro.out")"
  fi
  rm -rf "$ro_tmp"
else
  skip "read-only folder (as an unprivileged user)" "needs setpriv and OC_TEST_BUILDDIR"
fi

finish
