#!/usr/bin/env bash
# End-to-end tests of `occam-cli prune`: the CSV, densities per level, --export-masks, the store,
# reuse, `occam-cli run`, resume after Ctrl-C, presets and bad input. Speaks TAP.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
source "$(dirname "${BASH_SOURCE[0]}")/cli-test-lib.sh"

level_lines () { grep -c ' level *[0-9]* *density' "$1"; }

# 2-60-60-4 on blobs (widths off the arena's 16-float blocks, so export offsets are tested);
# 3 levels after the dense one; two seeds; three controls.
common=(--dataset blobs --n-points 400 --val-size 100 --hidden 60,60 --iterations 100 --batch 32
        --eval-every 20 --store "$store")
run prune "${common[@]}" --levels 3 --controls imp,reinit,random --seeds 0,1 \
    --csv "$tmp/a.csv" --export-masks "$tmp/masks"
check "prune runs" test "$status" -eq 0
check "CSV header" grep -q "^control,seed,level,density,test_accuracy,early_stop_iteration,early_stop_test_accuracy,status,train_accuracy,early_stop_val_accuracy,iterations,seconds,layer0_density,layer1_density,layer2_density$" "$tmp/a.csv"
check "one row per control, seed and level: 3 × 2 × 4" test "$(rows "$tmp/a.csv")" -eq 24
check "one line per finished level" test "$(level_lines "$tmp/out")" -eq 24
check "level lines show early stopping on the validation split" grep -q "imp  *seed 1  level  2  density .* test accuracy .* early stop: iteration [0-9]*, test accuracy" "$tmp/out"
check "summary: smallest matching density per control" bash -c 'grep -q "^  imp  .* of weights (level" <<<"$0" && grep -q "^  random " <<<"$0"' "$out"
check "the CSV is what the densities and controls say" python3 - "$tmp/a.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
imp = {(r["seed"], r["level"]): r for r in rows if r["control"] == "imp"}
for r in rows:
    k = int(r["level"])
    # Hidden layers lose 20 % of what remains per level (60·60 weights: rounding < 0.3 %),
    # the output layer 10 %.
    assert abs(float(r["layer1_density"]) - 0.8 ** k) < 0.003, r
    assert abs(float(r["layer2_density"]) - 0.9 ** k) < 0.01, r
    # Controls train at IMP's exact per-layer densities.
    i = imp[(r["seed"], r["level"])]
    for c in ("density", "layer0_density", "layer1_density", "layer2_density"):
        assert r[c] == i[c], (r, i)
    assert r["status"] == "finished" and 0 <= float(r["test_accuracy"]) <= 1, r
    assert 0 < int(r["early_stop_iteration"]) <= 100 and r["iterations"] == "100", r
    if k == 0:
        # Level 0 of every control is the one dense network.
        assert r["test_accuracy"] == i["test_accuracy"], (r, i)
PY

check "exported 24 points × 3 layers × (mask, init, final)" test "$(ls "$tmp/masks" | wc -l)" -eq 216
check "exported masks and weights parse as .npy with the layer shapes" python3 - "$tmp/masks" "$tmp/a.csv" <<'PY'
import ast, csv, struct, sys
d = sys.argv[1]
def load(name):
    b = open(f"{d}/{name}", "rb").read()
    assert b[:6] == b"\x93NUMPY", name
    hlen = struct.unpack("<H", b[8:10])[0]
    h = ast.literal_eval(b[10:10 + hlen].decode())
    data = b[10 + hlen:]
    n = h["shape"][0] * h["shape"][1]
    if h["descr"] == "|u1":
        vals = list(data)
    else:
        assert h["descr"] == "<f4", h
        vals = list(struct.unpack(f"<{n}f", data))
    assert len(vals) == n and not h["fortran_order"], h
    return h["shape"], vals
shapes = {0: (60, 2), 1: (60, 60), 2: (4, 60)}
for r in csv.DictReader(open(sys.argv[2])):
    for l, shape in shapes.items():
        base = f"{r['control']}-s{r['seed']}-l{int(r['level']):02d}-layer{l}"
        (ms, m), (is_, w0), (fs, wt) = load(base + "-mask.npy"), load(base + "-init.npy"), load(base + "-final.npy")
        assert ms == is_ == fs == shape, (base, ms, is_, fs)
        assert set(m) <= {0, 1}, base
        assert abs(sum(m) / len(m) - float(r[f"layer{l}_density"])) < 1e-6, base
        # Pruned weights start at 0 and stay there: no regrowth under Adam.
        assert all(x == 0 and y == 0 for k, x, y in zip(m, w0, wt) if k == 0), base
PY
# IMP rewinds to θ₀: every level of a seed starts from the dense network's initial weights.
check "IMP's survivors restart from θ₀" python3 - "$tmp/masks" <<'PY'
import struct, sys
def f32(path):
    b = open(path, "rb").read(); h = struct.unpack("<H", b[8:10])[0]
    return struct.unpack(f"<{(len(b) - 10 - h) // 4}f", b[10 + h:])
d = sys.argv[1]
w0 = f32(f"{d}/imp-s1-l00-layer1-init.npy")
w3 = f32(f"{d}/imp-s1-l03-layer1-init.npy")
assert all(b == 0 or a == b for a, b in zip(w0, w3)) and sum(b != 0 for b in w3) > 1000
PY

id=$(sed -n 's/^experiment: \([0-9a-f]*\) · .*/\1/p' <<<"$out" | head -1)
check "the store holds one point per level" test "$(sql "$store" "SELECT count(*) FROM points WHERE experiment_id = '$id' AND status = 'finished'")" -eq 24
check "points are keyed by control, seed and level" test "$(sql "$store" "SELECT count(*) FROM points WHERE experiment_id = '$id' AND key = '{\"control\":\"reinit\",\"seed\":1,\"level\":2}'")" -eq 1
check "IMP levels keep masks, weights, the next mask and the solution's norms" test "$(sql "$store" "SELECT group_concat(name) FROM (SELECT name FROM artifacts WHERE experiment_id = '$id' AND key = '{\"control\":\"imp\",\"seed\":0,\"level\":1}' ORDER BY name)")" = "distance_from_init,layer_alive,layer_density,mask,next_mask,path_norm,theta_final,theta_norm,theta_start"
check "the experiment is finished" test "$(sql "$store" "SELECT status FROM experiments WHERE id = '$id'")" = finished

run prune "${common[@]}" --levels 3 --controls reinit,random,imp --seeds 1,0 --csv "$tmp/b.csv"
check "the same run again reuses every level" grep -q "reused all 24 points" <<<"$out"
check "nothing trained the second time" test "$(level_lines "$tmp/out")" -eq 0
check "reused CSV identical" cmp -s "$tmp/a.csv" "$tmp/b.csv"

"$cli" prune "${common[@]}" --levels 3 --controls imp,reinit,random --seeds 0,1 --dump-spec \
  2>/dev/null >"$tmp/spec.json"
check "the spec has the prune section" grep -q '"controls": "imp,reinit,random"' "$tmp/spec.json"
run run "$tmp/spec.json" --store "$store" --csv "$tmp/c.csv"
check "occam-cli run reuses the same experiment" grep -q "experiment: $id · reused all 24 points" <<<"$out"
check "occam-cli run writes the same CSV" cmp -s "$tmp/a.csv" "$tmp/c.csv"

# Densities with every layer at 20 %: the whole network follows 0.8^k.
run prune "${common[@]}" --levels 4 --output-rate 0.2 --csv "$tmp/d.csv" -q
check "total density ≈ 0.8^k with every layer at 20 %" python3 - "$tmp/d.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
assert len(rows) == 5
for r in rows:
    assert abs(float(r["density"]) - 0.8 ** int(r["level"])) < 0.005, r
PY
run prune "${common[@]}" --levels 2 --scope global --prune-output no --method snip -q --csv "$tmp/e.csv"
check "global scope with the output kept; SNIP at the same density" python3 - "$tmp/e.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
assert {r["control"] for r in rows} == {"imp", "snip"} and len(rows) == 6, rows
imp = {r["level"]: r for r in rows if r["control"] == "imp"}
for r in rows:
    assert float(r["layer2_density"]) == 1.0, r
    assert abs(float(r["density"]) - float(imp[r["level"]]["density"])) < 1e-3, r
PY

# Resume after Ctrl-C: IMP alone, one level at a time; stop once level 2 is in.
slow=(--dataset blobs --n-points 2000 --hidden 256,256 --iterations 1500 --batch 64 --eval-every 500
      --levels 12 --workers 1 --threads 1)
"$cli" prune "${slow[@]}" --store "$store" >"$tmp/r.out" 2>"$tmp/r.err" &
bg=$!
# Up to five minutes: a sanitizer build on a loaded machine takes well over 30 s to reach level 2.
for _ in $(seq 1 6000); do grep -q ' level  2 ' "$tmp/r.out" 2>/dev/null && break; sleep 0.05; done
kill -INT "$bg"
wait "$bg"
st=$?
bg=
first=$(level_lines "$tmp/r.out")
check "Ctrl-C stops the run with exit 130 and says how to resume" test "$st" -eq 130 -a "$first" -lt 13 -a "$first" -ge 3
check "the cancel message" grep -q "cancelled after .* of 13 points are stored — run the same command again to resume" "$tmp/r.err"
run prune "${slow[@]}" --store "$store" --csv "$tmp/r.csv"
check "resume says what is stored" grep -q "^experiment: .* · 13 points · $first reused from" <<<"$out"
check "resume continues at the next level" bash -c 'grep " level *[0-9]* *density" <<<"$0" | head -1 | grep -q " level *$1 "' "$out" "$first"
check "resume trains only the rest" test "$(level_lines "$tmp/out")" -eq $((13 - first))
run prune "${slow[@]}" --store "$tmp/fresh.db" --csv "$tmp/f.csv" -q
check "a resumed run has the numbers of an uninterrupted one" \
  cmp -s <(cut -d, -f1-11 "$tmp/r.csv") <(cut -d, -f1-11 "$tmp/f.csv")

run prune --list-presets
check "presets listed" bash -c 'grep -q "^frankle-carbin " <<<"$0" && grep -q "^openlth " <<<"$0" && grep -q "^talk " <<<"$0"' "$out"
run prune --preset talk --dump-spec
check "talk preset: 10 % of all weights, 30 times, rewind" bash -c 'grep -q "\"levels\": 30," <<<"$0" && grep -q "\"rate\": 0.1," <<<"$0" && grep -q "\"scope\": \"global\"" <<<"$0" && grep -q "\"prune_output\": \"yes\"" <<<"$0"' "$out"
run prune --preset frankle-carbin --iterations 5000 --val-size 0 --dump-spec
check "flags override a preset" bash -c 'grep -q "\"iterations\": 5000," <<<"$0" && grep -q "\"val_size\": 0," <<<"$0" && grep -q "\"lr\": 0.0012," <<<"$0"' "$out"

bad=(prune --dataset blobs --iterations 100 --store "$store")
expect_bad_input "bad --rewind" "--rewind: \"back\" is not init, none or iter:K" "${bad[@]}" --rewind back
expect_bad_input "--rewind past the end" "--rewind: iter:100 must be before" "${bad[@]}" --rewind iter:100
expect_bad_input "bad --controls" "--controls: unknown control \"lucky\"" "${bad[@]}" --controls imp,lucky
expect_bad_input "--rate out of range" "--rate: must be in (0, 1), got 1.5" "${bad[@]}" --rate 1.5
expect_bad_input "bad --scope" "--scope: \"net\" is not one of layer, global" "${bad[@]}" --scope net
expect_bad_input "bad --prune-output" "--prune-output: \"maybe\" is not one of no, yes" "${bad[@]}" --prune-output maybe
expect_bad_input "bad --one-shot" "--one-shot: must be in [0, 1)" "${bad[@]}" --one-shot 1
expect_bad_input "bad --method" "--method: \"grasp\" is not one of" "${bad[@]}" --method grasp
expect_bad_input "unknown preset" "valid presets are frankle-carbin, openlth, talk" prune --preset nosuch
expect_bad_input "bad --match-tolerance" "--match-tolerance" "${bad[@]}" --match-tolerance -1
expect_bad_input "unwritable CSV folder" "does not exist" "${bad[@]}" --csv "$tmp/no/dir/x.csv"
touch "$tmp/file"
expect_bad_input "--export-masks onto a file" "--export-masks: $tmp/file exists and is not a folder" "${bad[@]}" --export-masks "$tmp/file"
expect_bad_input "run --json is refused for prune" "--json: not available" run "$tmp/spec.json" --store "$store" --json "$tmp/x.json"
check "no output files left behind" test ! -e "$tmp/x.json" -a ! -e "$tmp/no"

finish
