#!/usr/bin/env bash
# End-to-end tests of `occam-cli grok`: both CSVs against each other and the store, the summary
# table, reuse with byte-identical CSVs, run from a spec file, the figures, full batch in train.
# Speaks TAP.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
source "$(dirname "${BASH_SOURCE[0]}")/cli-test-lib.sh"

common=(--modulus 13 --hidden 64 --iterations 300 --eval-schedule log:20 --threads 1
        --store "$store")

run grok "${common[@]}" --weight-decays 0,1 --csv "$tmp/g.csv" --summary-csv "$tmp/s.csv"
check "grok runs" test "$status" -eq 0
check "per-evaluation CSV header" test "$(head -1 "$tmp/g.csv")" = "train_fraction,weight_decay,seed,step,train_accuracy,test_accuracy,train_loss,test_loss,weight_norm,fourier_share"
check "summary CSV header" test "$(head -1 "$tmp/s.csv")" = "train_fraction,weight_decay,seed,memorised_step,generalised_step"
check "one summary row per run" test "$(rows "$tmp/s.csv")" -eq 2
check "every run reported" test "$(grep -c '^\[[0-9]/2\] fraction 0.5 · wd' "$tmp/err")" -eq 2
check "the table names both summary steps" grep -q "memorised   found the rule    ratio" <<<"$out"
# The summary steps are the first logged steps whose accuracies reach 99 % and 95 %, the table
# prints them, and every evaluation of the store's curves is a CSV row with its measures.
check "summary CSV, table and per-evaluation CSV agree with the store" python3 - "$tmp/g.csv" "$tmp/s.csv" "$tmp/out" "$store" <<'PY'
import csv, sqlite3, sys
ev = list(csv.DictReader(open(sys.argv[1])))
summ = list(csv.DictReader(open(sys.argv[2])))
table = open(sys.argv[3]).read()
con = sqlite3.connect(sys.argv[4])
assert con.execute("SELECT count(*) FROM curves").fetchone()[0] == len(ev), "rows ≠ evaluations"
for s in summ:
    rows = [r for r in ev if r["weight_decay"] == s["weight_decay"]]
    steps = [int(r["step"]) for r in rows]
    assert steps[0] == 0 and steps == sorted(steps) and steps[-1] == 300, steps
    # log:20 over 300 steps: the distinct round(300^(k/19)), plus step 0.
    want = sorted({min(max(round(300 ** (k / 19)), 1), 300) for k in range(19)} | {0, 300})
    assert steps == want, (steps, want)
    mem = next((r["step"] for r in rows if float(r["train_accuracy"]) >= 0.99), "")
    gen = next((r["step"] for r in rows if float(r["test_accuracy"]) >= 0.95), "")
    assert (s["memorised_step"], s["generalised_step"]) == (mem, gen), (s, mem, gen)
    line = next(l for l in table.splitlines() if l.split()[:3] == ["0.5", s["weight_decay"], "0"])
    assert line.split()[3] == (mem or "never"), line
    for r in rows:
        assert float(r["weight_norm"]) > 0 and 0 < float(r["fourier_share"]) <= 1, r
PY
check "weight decay shrinks the weights: the final norm is lower with it" python3 - "$tmp/g.csv" <<'PY'
import csv, sys
ev = list(csv.DictReader(open(sys.argv[1])))
last = {r["weight_decay"]: float(r["weight_norm"]) for r in ev}
assert last["1"] < last["0"], last
PY
cp "$tmp/g.csv" "$tmp/g1.csv"; cp "$tmp/s.csv" "$tmp/s1.csv"
run grok "${common[@]}" --weight-decays 0,1 --csv "$tmp/g.csv" --summary-csv "$tmp/s.csv"
check "the same command reuses both runs" grep -q "reused all 2 points" <<<"$out"
check "and writes the same CSVs byte for byte" bash -c 'cmp -s "$0" "$1" && cmp -s "$2" "$3"' "$tmp/g.csv" "$tmp/g1.csv" "$tmp/s.csv" "$tmp/s1.csv"

run grok "${common[@]}" --weight-decays 0,1 --dump-spec
check "the spec says full batch and the schedule" bash -c 'grep -q "\"batch\": \"full\"" <<<"$0" && grep -q "\"eval_schedule\": \"log:20\"" <<<"$0"' "$out"
printf '%s' "$out" > "$tmp/spec.json"
run run "$tmp/spec.json" --store "$store" --csv "$tmp/r.csv"
check "occam-cli run reuses it and writes the grok CSV" cmp -s "$tmp/r.csv" "$tmp/g1.csv"

id=$(sql "$store" "SELECT id FROM experiments WHERE kind = 'grok'")
run plot --store "$store" --experiment "$id" --list-figures
check "the experiment lists its figures" bash -c 'for f in accuracy measures steps-vs-fraction spectrum held-out-final; do grep -q "^$f " <<<"$0" || exit 1; done' "$out"
run plot --store "$store" --experiment "$id" --figure accuracy --param run=0.5/0/0 --out "$tmp/a.png"
check "accuracy figure of a chosen run" test "$status" -eq 0 -a -s "$tmp/a.png"
expect_bad_input "an unknown run is refused with the runs it has" "run=0.5/7/0: expected a finished run as train fraction/weight decay/seed: 0.5/0/0, 0.5/1/0" \
  plot --store "$store" --experiment "$id" --figure accuracy --param run=0.5/7/0 --out "$tmp/b.png"

run grok --dataset addition --digits 1 --hidden 32 --iterations 50 --eval-schedule log:5 --threads 1 --store "$store" --summary-csv "$tmp/add.csv"
check "addition runs too, without a Fourier share" bash -c 'test "$0" -eq 0 && ! grep -q "Fourier share" <<<"$1"' "$status" "$out"

run train --dataset modadd --modulus 11 --batch full --iterations 5 --store "$store" --csv "$tmp/t.csv"
check "train --batch full: one step per epoch" bash -c 'tail -1 "$0" | grep -q "^5,5,"' "$tmp/t.csv"

finish
