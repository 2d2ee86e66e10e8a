#!/usr/bin/env bash
# End-to-end tests of `occam-cli sweep` and `occam-cli rff`: CSV columns, the store, reuse, resume
# after Ctrl-C, a diverged point, presets and bad input. Speaks TAP.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
source "$(dirname "${BASH_SOURCE[0]}")/cli-test-lib.sh"

common=(--dataset spiral --n-points 400 --batch 32 --store "$store")

run sweep "${common[@]}" --widths 2,8,32 --seeds 0,1 --epochs 5 --csv "$tmp/a.csv"
check "sweep runs" test "$status" -eq 0
check "sweep CSV header" grep -q "^width,params,n_train,label_noise,seed,epoch,train_error,train_loss,test_error,test_loss" "$tmp/a.csv"
# 3 widths × 2 seeds, evaluated at the start and the end.
check "one row per point and recorded epoch" test "$(rows "$tmp/a.csv")" -eq 12
check "parameters are 3W + W·2 + 2 for 2-W-2" grep -q "^8,42,320,0,1,5," "$tmp/a.csv"
check "every point reported" test "$(grep -c '^\[[0-9]*/6\]' "$tmp/err")" -eq 6
check "with its solution's norms" test "$(grep -c '^\[[0-9]*/6\] .*, ‖θ‖ [0-9.]*, path norm [0-9.]* · ' "$tmp/err")" -eq 6
check "summary table" grep -q "test err (min–max)" <<<"$out"
check "the norms are the last columns" test "$(head -1 "$tmp/a.csv")" = \
  "width,params,n_train,label_noise,seed,epoch,train_error,train_loss,test_error,test_loss,$(
  )iteration,status,theta_norm,distance_from_init,path_norm"
# The same network trained on its own: its JSON summary holds the norms the sweep's CSV shows on
# that point's last row (they measure θ_T; earlier rows have none).
run train --dataset spiral --n-points 400 --batch 32 --hidden 8 --epochs 5 --seed 1 --threads 1 \
  --store "$store" --json "$tmp/w8s1.json" -q
check "train reports the solution's norms" grep -q "^solution:   ‖θ_T‖₂ [0-9.]* · distance $(
  )from the initialisation ‖θ_T − θ₀‖₂ [0-9.]* · path norm [0-9.]*$" <<<"$out"
check "a point's norms on its last row, as train measures them" \
  python3 - "$tmp/a.csv" "$tmp/w8s1.json" <<'PY'
import csv, json, math, sys
rows = list(csv.DictReader(open(sys.argv[1])))
names = ["theta_norm", "distance_from_init", "path_norm"]
for w in "2", "8", "32":
    for s in "0", "1":
        mine = [r for r in rows if r["width"] == w and r["seed"] == s]
        assert len(mine) == 2, mine
        assert all(mine[0][k] == "" for k in names), mine[0]
        assert all(math.isfinite(float(mine[1][k])) and float(mine[1][k]) > 0 for k in names), mine[1]
last = [r for r in rows if r["width"] == "8" and r["seed"] == "1"][-1]
ref = json.load(open(sys.argv[2]))
for k in names:
    assert math.isclose(float(last[k]), ref[k], rel_tol=1e-6), (k, last[k], ref[k])
# The distance is measured from θ₀, which is not zero.
assert float(last["distance_from_init"]) != float(last["theta_norm"])
PY

# The summary against a reference computed from the CSV: per n, a row per width with the means and
# test-error range over seeds, n·K marked at the first width with that many parameters, "train
# error ≈ 0" at the first width whose mean train error is ≤ 0.01, networks stuck near chance.
run sweep --dataset blobs --n-points 200 --n-trains 50,100 --widths 1,2,64,256 --seeds 0,1,2 \
  --epochs 100 --batch 16 --store "$store" --csv "$tmp/m.csv" -q
check "model-wise summary over two n: one table per n" test "$(grep -c '^   width     params' <<<"$out")" -eq 2
check "the summary marks n·K, interpolation and stuck runs" bash -c 'grep -q "← n·K = 200  ← train error ≈ 0 from here" <<<"$0" && grep -q "(stuck: 1 of 3)" <<<"$0"' "$out"
check "the summary's rows are the CSV's means, ranges and marks" python3 - "$tmp/m.csv" 4 "$tmp/out" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
K = int(sys.argv[2])
last = {}
for r in rows:  # the final evaluation of each point
    last[(r["n_train"], r["label_noise"], int(r["width"]), r["seed"])] = r
want = []
for n in sorted({k[0] for k in last}, key=int):
    want.append("   width     params   train err     test err (min–max)  test loss")
    nk_marked = fitted = False
    for w in sorted({k[2] for k in last if k[0] == n}):
        pts = [v for k, v in last.items() if k[0] == n and k[2] == w]
        tr = [float(p["train_error"]) for p in pts]
        te = [float(p["test_error"]) for p in pts]
        tl = [float(p["test_loss"]) for p in pts]
        params = int(pts[0]["params"])
        notes = ""
        if not nk_marked and params >= int(n) * K:
            notes += "  ← n·K = %d" % (int(n) * K)
            nk_marked = True
        if not fitted and sum(tr) / len(tr) <= 0.01:
            notes += "  ← train error ≈ 0 from here"
            fitted = True
        stuck = sum(e >= 0.9 * (1 - 1 / K) for e in tr)
        if stuck:
            notes += "  (stuck: %d of %d)" % (stuck, len(pts))
        want.append("%8d %10d %11.4f %10.4f (%.4f–%.4f) %10.4f%s" % (
            w, params, sum(tr) / len(tr), sum(te) / len(te), min(te), max(te), sum(tl) / len(tl),
            notes))
    want.append("(n = %s, label noise 0)" % n)
got = [l for l in open(sys.argv[3]).read().splitlines() if l and not l.startswith("experiment")]
assert got == want, "\n".join(["got:"] + got + ["want:"] + want)
PY

run sweep "${common[@]}" --widths 8 --n-trains 50,100,200 --epochs 5
check "sample-wise summary: a row per n" bash -c 'grep -q "^       n     params" <<<"$0" && grep -q "^     200         42 " <<<"$0" && grep -q "^(width 8, label noise 0)$" <<<"$0"' "$out"

run sweep "${common[@]}" --widths 2,8,32 --seeds 0,1 --epochs 5 --csv "$tmp/b.csv"
check "the same sweep again reuses every point" grep -q "reused all 6 points" <<<"$out"
check "nothing trained the second time" test "$(grep -c '^\[' "$tmp/err")" -eq 0
check "reused CSV identical" cmp -s "$tmp/a.csv" "$tmp/b.csv"

run sweep "${common[@]}" --widths 2,8,32 --seeds 0,1 --epochs 5 --record-every-epochs 1 --csv "$tmp/c.csv"
check "epoch-wise records: 6 rows per point" test "$(rows "$tmp/c.csv")" -eq 36

run sweep "${common[@]}" --widths log:2:32:3 --seeds 1,0 --epochs 5 --dump-spec
check "axes are canonical in the spec" grep -q '"widths": "2,8,32"' <<<"$out"
"$cli" sweep "${common[@]}" --widths 2,8,32 --seeds 0,1 --epochs 5 --dump-spec 2>/dev/null > "$tmp/spec.json"
run run "$tmp/spec.json" --store "$store"
check "occam-cli run resumes the same sweep from its spec" grep -q "reused all 6 points" <<<"$out"
expect_bad_input "run --json is refused for a sweep (only train writes one)" "--json: not available for sweep" run "$tmp/spec.json" --store "$store" --json "$tmp/x.json"
check "no JSON left behind" test ! -e "$tmp/x.json"

# Resume after Ctrl-C: one worker, so points finish one by one.
slow=(--widths 64,128,256,512 --epochs 400 --workers 1 --threads 1)
"$cli" sweep "${common[@]}" "${slow[@]}" --csv "$tmp/r.csv" >"$tmp/r.out" 2>"$tmp/r.err" &
bg=$!
for _ in $(seq 1 600); do grep -q '^\[1/4\]' "$tmp/r.err" 2>/dev/null && break; sleep 0.05; done
kill -INT "$bg"
wait "$bg"
st=$?
bg=
done_first=$(grep -c '^\[[0-9]*/4\]' "$tmp/r.err")
check "Ctrl-C stops the sweep with exit 130" test "$st" -eq 130 -a "$done_first" -lt 4
run sweep "${common[@]}" "${slow[@]}" --csv "$tmp/r.csv"
check "resume reuses the finished points" grep -q "$done_first reused" <<<"$out"
check "resume trains only the rest" test "$(grep -c '^\[[0-9]*/' "$tmp/err")" -eq $((4 - done_first))
check "resumed CSV complete" test "$(rows "$tmp/r.csv")" -eq 8

run sweep --dataset xor --n-points 1000 --widths 2,2048 --optimizer sgd --lr 0.5 --loss mse --epochs 5 --store "$store" --csv "$tmp/d.csv"
check "a diverged point does not stop the sweep" test "$status" -eq 0
check "the diverged point is in the CSV as failed, without norms" \
  grep -q "^2048,.*,failed,,,$" "$tmp/d.csv"
check "the other point finished" grep -q "^2,.*,finished,[0-9.e+-]\+,[0-9.e+-]\+,[0-9.e+-]\+$" "$tmp/d.csv"

run plot --kind curve --in "$tmp/c.csv" --x params --logx --y test_error,train_error,test_loss --vline 40:n·K --out "$tmp/dd.png"
check "a sweep CSV plots with a reference line" test "$status" -eq 0 -a -s "$tmp/dd.png"
expect_bad_input "a bad --vline is refused" "--vline" plot --in "$tmp/c.csv" --out "$tmp/bad.png" --vline abc
check "no figure left behind" test ! -e "$tmp/bad.png"

run sweep --list-presets
check "presets listed" grep -q "^nakkiran-mlp " <<<"$out"
run sweep --preset nakkiran-mlp --dump-spec
check "nakkiran-mlp preset as published" bash -c 'grep -q "\"epochs\": 1000" <<<"$0" && grep -q "\"n_train\": 4000" <<<"$0" && grep -q "\"label_noises\": \"0.2\"" <<<"$0" && grep -q "1,2,4,6,8,10,12,14,16,20,24,28,32,40,48,64,96,128,256,512,1024" <<<"$0"' "$out"
run sweep --preset stuck-inits --dump-spec
check "stuck-inits preset as the talk has it" python3 - "$out" <<'PY'
import json, sys
text = sys.argv[1]
d = json.loads(text[text.index("{"):])
assert d["data"]["name"] == "fashion-mnist" and d["data"]["n_train"] == 1000, d["data"]
assert d["data"]["subset"] == "first" and d["data"]["label_noise"] == 0, d["data"]
assert d["model"]["init"] == "torch-default" and d["model"]["activation"] == "relu", d["model"]
assert d["optim"]["kind"] == "adam" and d["optim"]["lr"] == 0.001, d["optim"]
assert d["train"]["batch"] == 128 and d["train"]["epochs"] == 300, d["train"]
assert d["sweep"]["widths"] == "2,3,4,8,32", d["sweep"]
assert d["sweep"]["seeds"].split(",") == [str(i) for i in range(16)], d["sweep"]
PY
run sweep --preset nakkiran-mlp --epochs 10 --dump-spec
check "flags override a preset" grep -q '"epochs": 10,' <<<"$out"

expect_bad_input "bad widths" "--widths" sweep "${common[@]}" --widths 2,abc
expect_bad_input "noise out of range" "--noises" sweep "${common[@]}" --noises 0,1.5
expect_bad_input "unknown preset" "nakkiran-mlp" sweep --preset nosuch
expect_bad_input "unwritable CSV folder" "does not exist" sweep "${common[@]}" --widths 2 --csv "$tmp/no/dir/x.csv"

rffset=(--dataset fashion-mnist --n-train 200 --features 50,200,800 --store "$store" --threads 1)
run rff "${rffset[@]}" --csv "$tmp/rff.csv"
check "rff runs" test "$status" -eq 0
check "rff CSV header" grep -q "^features,n_train,label_noise,seed,train_error,test_error,train_mse,test_mse,coef_norm" "$tmp/rff.csv"
check "rff: one row per feature count" test "$(rows "$tmp/rff.csv")" -eq 3
check "rff: the squared loss peaks at N = n" grep -q "peaks at N = 200 (n = 200" <<<"$out"
run rff "${rffset[@]}"
check "rff reuses its points" grep -q "reused all 3 points" <<<"$out"
expect_bad_input "rff: bad sigma" "--sigma" rff --dataset blobs --sigma -1 --store "$store"

run linear --n 100 --ps 20,50,100,200,1000 --seeds 0,1,2 --store "$store" --csv "$tmp/lin.csv" -q
check "linear runs" test "$status" -eq 0
check "linear CSV header" test "$(head -1 "$tmp/lin.csv")" = "p,n,gamma,seed,risk,theory"
check "linear: one row per p and seed" test "$(rows "$tmp/lin.csv")" -eq 15
check "linear: the measured risk peaks at p = n" grep -q "peaks at p = 100 (n = 100)" <<<"$out"
check "linear: the measured risk follows the closed form away from p = n" python3 - "$tmp/lin.csv" <<'PY'
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1])))
for p in ("20", "1000"):
    r = [float(x["risk"]) for x in rows if x["p"] == p]
    t = float(next(x["theory"] for x in rows if x["p"] == p))
    assert abs(statistics.mean(r) - t) < 0.35 * t, (p, r, t)
PY
expect_bad_input "linear: bad p list" "--ps" linear --ps 0,abc --store "$store"

finish
