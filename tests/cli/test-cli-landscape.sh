#!/usr/bin/env bash
# End-to-end tests of `occam-cli landscape`: the three CSVs and how their numbers agree, reuse,
# occam-cli run on the same spec, a stored network (--from-experiment) whose θ₀ the seed
# reproduces, two seeds, and the figures. Bad input is in tests/hostile/landscape.cases.
# Speaks TAP.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
source "$(dirname "${BASH_SOURCE[0]}")/cli-test-lib.sh"

net=(--dataset moons --n-points 1500 --hidden 16 --epochs 4 --batch 32)
small=(--grid 9 --line-points 11 --eval-examples 500 --checkpoints 12)

run landscape "${net[@]}" "${small[@]}" --plane pca --store "$store" \
  --line-csv "$tmp/l.csv" --plane-csv "$tmp/p.csv" --trajectory-csv "$tmp/t.csv"
check "landscape runs" test "$status" -eq 0
check "line CSV header" test "$(head -1 "$tmp/l.csv")" = "alpha,train_loss,train_error,test_loss,test_error"
check "plane CSV header" test "$(head -1 "$tmp/p.csv")" = "alpha,beta,train_loss,train_error,test_loss,test_error"
check "trajectory CSV header" test "$(head -1 "$tmp/t.csv")" = "iteration,alpha,beta,train_loss"
# 11 values of α from −0.5 to 1.5 in steps of 0.2 miss 0 and 1, which are added.
check "one line row per α, 0 and 1 included" test "$(rows "$tmp/l.csv")" -eq 13
check "one plane row per grid point" test "$(rows "$tmp/p.csv")" -eq 81
check "one trajectory row per checkpoint" test "$(rows "$tmp/t.csv")" -eq 13
check "each part reported as it ends" test "$(grep -c '^\[[0-9]/3\]' "$tmp/err")" -eq 3
check "summary: the line and its monotonicity" bash -c 'grep -q "^line θ₀ → θ_T (13 values of α from -0.5 to 1.5):" <<<"$0" && grep -q "from θ₀ to θ_T" <<<"$0"' "$out"
check "summary: the PCA axes and the trajectory" bash -c 'grep -q "PC1 (.* of the path.s variance), from" <<<"$0" && grep -q "^trajectory: 13 checkpoints" <<<"$0"' "$out"
check "θ_T is the same network on the line, the plane and the trajectory" python3 - "$tmp" <<'PY'
import csv, sys
d = sys.argv[1]
line = {float(r["alpha"]): r for r in csv.DictReader(open(d + "/l.csv"))}
plane = {(float(r["alpha"]), float(r["beta"])): r for r in csv.DictReader(open(d + "/p.csv"))}
traj = list(csv.DictReader(open(d + "/t.csv")))
# The stored float32 values, written the same way: equal as text.
assert line[1.0]["train_loss"] == plane[(0.0, 0.0)]["train_loss"] == traj[-1]["train_loss"], \
    (line[1.0], plane[(0.0, 0.0)], traj[-1])
assert line[1.0]["test_error"] == plane[(0.0, 0.0)]["test_error"]
assert traj[-1]["alpha"] == "0" and traj[-1]["beta"] == "0" and traj[0]["iteration"] == "0"
assert float(traj[0]["alpha"]) < 0 and float(traj[0]["beta"]) < 0
# The grid reaches 1.2 times as far as the trajectory along each direction.
amax = max(abs(float(t["alpha"])) for t in traj)
assert abs(max(a for a, b in plane) - 1.2 * amax) < 1e-4 * amax, (max(a for a, b in plane), amax)
# Training lowered the loss along the line and the trajectory.
assert float(line[0.0]["train_loss"]) > float(line[1.0]["train_loss"]) + 0.1
assert float(traj[0]["train_loss"]) > float(traj[-1]["train_loss"]) + 0.1
PY
cp "$tmp/l.csv" "$tmp/l1.csv"; cp "$tmp/p.csv" "$tmp/p1.csv"

run landscape "${net[@]}" "${small[@]}" --plane pca --store "$store" \
  --line-csv "$tmp/l.csv" --plane-csv "$tmp/p.csv"
check "the same command reuses all three parts" grep -q "reused all 3 points" <<<"$out"
check "a reused landscape writes the same CSVs" bash -c 'cmp -s "$0/l.csv" "$0/l1.csv" && cmp -s "$0/p.csv" "$0/p1.csv"' "$tmp"

"$cli" landscape "${net[@]}" "${small[@]}" --plane pca --dump-spec > "$tmp/spec.json" 2>/dev/null
run run "$tmp/spec.json" --store "$store" --line-csv "$tmp/l2.csv" --plane-csv "$tmp/p2.csv"
check "occam-cli run on the dumped spec is the same experiment" grep -q "reused all 3 points" <<<"$out"
check "occam-cli run writes the same CSVs" bash -c 'cmp -s "$0/l2.csv" "$0/l1.csv" && cmp -s "$0/p2.csv" "$0/p1.csv"' "$tmp"

# A stored landscape lends its network and its checkpoints: the same trajectory in another
# experiment (no line this time), with the checkpoint count taken from it.
pca_id=$("$cli" landscape "${net[@]}" "${small[@]}" --plane pca --dump-spec 2>&1 >/dev/null | awk '{print $2}')
run landscape --from-experiment "$pca_id" --plane pca --line none --grid 9 --eval-examples 500 \
  --store "$store" --trajectory-csv "$tmp/t2.csv"
check "a PCA plane over a stored landscape's network reuses its checkpoints" \
  bash -c 'test "$0" -eq 0 && cmp -s "$1/t.csv" "$1/t2.csv"' "$status" "$tmp"

# A stored train experiment: its settings become the landscape's and its θ₀ is rebuilt from the
# seed, so α = 0 is the network the training's first evaluation saw.
run train --dataset moons --n-points 1500 --hidden 8 --epochs 3 --store "$store" --csv "$tmp/train.csv" -q
train_id=$(sed -n 's/^experiment: \([0-9a-f]*\) .*/\1/p' <<<"$out" | head -1)
run landscape --from-experiment "${train_id:0:6}" --grid 5 --eval-examples 100000 --store "$store" \
  --line-csv "$tmp/lt.csv" --plane-csv "$tmp/pt.csv"
check "a landscape of a stored train experiment runs" test "$status" -eq 0
check "its network was taken from the store, not trained" grep -q "training (taken from the store)" "$tmp/err"
check "its summary names the stored network" grep -q "^network: Moons · 2-8-2" <<<"$out"
check "α = 0 is θ₀ of the training's seed, α = 1 its θ_T" python3 - "$tmp" <<'PY'
import csv, sys
d = sys.argv[1]
curve = list(csv.DictReader(open(d + "/train.csv")))
line = {float(r["alpha"]): r for r in csv.DictReader(open(d + "/lt.csv"))}
for alpha, ev in ((0.0, curve[0]), (1.0, curve[-1])):
    for k in ("train_loss", "test_loss"):
        a, b = float(line[alpha][k]), float(ev[k])
        assert abs(a - b) <= 1e-6 * max(1, abs(b)), (alpha, k, a, b)
    for k in ("train_error", "test_error"):
        assert abs(float(line[alpha][k]) - float(ev[k])) < 1e-6, (alpha, k)  # float32 stored
PY
run landscape --from-experiment "$train_id" --hidden 8 --grid 5 --eval-examples 100000 --store "$store" -q
check "a flag that agrees with the stored network is the same experiment" grep -q "reused all 3 points" <<<"$out"

run landscape "${net[@]}" --line seeds:1,2 --plane none --line-points 5 --eval-examples 300 \
  --store "$store" --line-csv "$tmp/ls.csv"
check "a line between two seeds trains both" test "$(grep -c '^\[[0-9]/3\] training · seed' "$tmp/err")" -eq 2
check "its summary gives the error barrier" grep -q "^error barrier: the test error rises" <<<"$out"
check "its line has α = 0 and 1" bash -c 'grep -q "^0," "$0" && grep -q "^1," "$0"' "$tmp/ls.csv"

# Figures of the stored experiment.
id=$("$cli" landscape "${net[@]}" "${small[@]}" --plane pca --dump-spec 2>&1 >/dev/null | awk '{print $2}')
run plot --store "$store" --experiment "$id" --list-figures
check "the landscape's figures are listed" bash -c 'grep -q "^slice " <<<"$0" && grep -q "^profile " <<<"$0" && grep -q "^replay " <<<"$0"' "$out"
run plot --store "$store" --experiment "$id" --figure replay --param at=3.5 --out "$tmp/r.png"
check "a replay frame between two checkpoints draws" bash -c 'test "$0" -eq 0 && test -s "$1"' "$status" "$tmp/r.png"
run plot --store "$store" --experiment "$id" --figure slice --param field=test-error --out "$tmp/s.svg"
check "the test-error slice exports as SVG" bash -c 'test "$0" -eq 0 && grep -q "<svg" "$1"' "$status" "$tmp/s.svg"

finish
