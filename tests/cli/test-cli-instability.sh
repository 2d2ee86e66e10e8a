#!/usr/bin/env bash
# End-to-end tests of `occam-cli instability`: the path and summary CSVs against each other and
# against the store, reuse byte for byte, `occam-cli run`, a pruned level of a prune experiment,
# and the figures drawn from the store. Speaks TAP.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
source "$(dirname "${BASH_SOURCE[0]}")/cli-test-lib.sh"

# 2-24-12-2 on the spiral, Adam, 240 steps; children branch off at 0, 30 and 120 for two seeds.
common=(--dataset spiral --n-points 600 --hidden 24,12 --batch 32 --lr 0.01 --iterations 240
        --store "$store")
run instability "${common[@]}" --rewind-iterations 120,0,30 --seeds 0,1 --alphas 6 \
    --csv "$tmp/p.csv" --summary-csv "$tmp/s.csv"
check "instability runs" test "$status" -eq 0
check "path CSV header" grep -qx "k,level,seed,alpha,test_error,test_loss" "$tmp/p.csv"
check "summary CSV header" grep -qx "k,level,seed,instability" "$tmp/s.csv"
check "one path row per k, seed and α: 3 × 2 × 6" test "$(rows "$tmp/p.csv")" -eq 36
check "one summary row per k and seed" test "$(rows "$tmp/s.csv")" -eq 6
check "one line per point as it ends" test "$(grep -c '^k [0-9]* · seed [01] *instability' "$tmp/out")" -eq 6
check "a summary row per k with its stability" grep -qE '^ +120 +[0-9.]+ % +[0-9.]+ – [0-9.]+ % +[0-9.]+ % +(yes|no)$' "$tmp/out"
check "the summary is max over the path minus the mean of its ends, per k and seed" python3 - "$tmp/p.csv" "$tmp/s.csv" "$store" <<'PY'
import csv, io, sqlite3, struct, sys
from collections import defaultdict
paths = defaultdict(list)
for r in csv.DictReader(open(sys.argv[1])):
    paths[(int(r["k"]), int(r["level"]), int(r["seed"]))].append(
        (float(r["alpha"]), float(r["test_error"]), float(r["test_loss"])))
assert sorted(paths) == [(k, 0, s) for k in (0, 30, 120) for s in (0, 1)], sorted(paths)
summary = {(int(r["k"]), int(r["level"]), int(r["seed"])): float(r["instability"])
           for r in csv.DictReader(open(sys.argv[2]))}
for key, p in paths.items():
    assert [a for a, _, _ in p] == [0, 0.2, 0.4, 0.6, 0.8, 1], p
    errors = [e for _, e, _ in p]
    assert all(0 <= e <= 1 for e in errors), p
    want = max(errors) - (errors[0] + errors[-1]) / 2
    assert abs(summary[key] - want) < 1e-6, (key, summary[key], want)
# The ends are the children's own evaluations, stored next to the path.
con = sqlite3.connect(sys.argv[3])
for key, blob in con.execute("SELECT key, npy FROM artifacts WHERE name = 'children'"):
    import json
    k = json.loads(key)
    hlen = struct.unpack("<H", blob[8:10])[0]
    e0, l0, e1, l1 = struct.unpack("<4f", blob[10 + hlen:])
    p = paths[(k["k"], k["level"], k["seed"])]
    assert abs(p[0][1] - e0) < 1e-6 and abs(p[-1][1] - e1) < 1e-6, (k, p, e0, e1)
PY
check "different seeds give different children" python3 - "$tmp/s.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
by = {(r["k"], r["seed"]): r["instability"] for r in rows}
assert any(by[(k, "0")] != by[(k, "1")] for k in ("0", "30", "120")), by
PY

cp "$tmp/p.csv" "$tmp/p1.csv"; cp "$tmp/s.csv" "$tmp/s1.csv"
run instability "${common[@]}" --rewind-iterations 0,30,120 --seeds 0,1 --alphas 6 \
    --csv "$tmp/p.csv" --summary-csv "$tmp/s.csv"
check "the same experiment again reuses every point" grep -q "reused all 6 points" "$tmp/out"
check "and writes the same CSVs byte for byte" bash -c 'cmp -s "$0/p.csv" "$0/p1.csv" && cmp -s "$0/s.csv" "$0/s1.csv"' "$tmp"

run instability "${common[@]}" --rewind-iterations 0,30,120 --seeds 0,1 --alphas 6 --dump-spec
printf '%s\n' "$out" > "$tmp/spec.json"
run run "$tmp/spec.json" --store "$store" --csv "$tmp/p2.csv"
check "occam-cli run takes the spec and writes the same path CSV" cmp -s "$tmp/p.csv" "$tmp/p2.csv"

exp=$(sql "$store" "SELECT id FROM experiments WHERE kind = 'instability'")
run plot --experiment "$exp" --store "$store" --list-figures
check "the catalogue lists both figures" bash -c 'grep -q "^instability " <<<"$0" && grep -q "^instability-path " <<<"$0"' "$out"
for fig in instability instability-path; do
  run plot --experiment "$exp" --store "$store" --figure "$fig" --out "$tmp/$fig.png"
  check "plot --figure $fig draws a PNG" python3 -c 'import sys; assert open(sys.argv[1], "rb").read(8) == b"\x89PNG\r\n\x1a\n"' "$tmp/$fig.png"
done

# A pruned level: level 1 of a prune experiment with the same training, rewound to iteration 20.
run prune "${common[@]}" --levels 1 --rate 0.5 --rewind iter:20 -q
pid=$(sql "$store" "SELECT id FROM experiments WHERE kind = 'prune'")
run instability "${common[@]}" --from-experiment "${pid:0:6}" --level 1 --rewind-iterations 20 \
    --alphas 3 --summary-csv "$tmp/l.csv"
check "a pruned level at its rewind point runs" test "$status" -eq 0
check "its summary row names the level" grep -qE "^20,1,0,[0-9.e-]+$" "$tmp/l.csv"
check "the source prefix is stored as the full ID" test "$(sql "$store" "SELECT count(*) FROM experiments WHERE kind = 'instability' AND json_extract(spec, '$.instability.from_experiment') = '$pid'")" -eq 1

finish
