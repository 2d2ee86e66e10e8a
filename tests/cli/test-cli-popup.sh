#!/usr/bin/env bash
# End-to-end tests of `occam-cli prune --method edge-popup --densities`: the CSV
# (method,density,seed,test_accuracy,…), the per-layer densities of edge-popup and of the sanity
# checks, reuse, and the methods figure combining experiments. Speaks TAP.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
source "$(dirname "${BASH_SOURCE[0]}")/cli-test-lib.sh"

# 2-40-40-4 on blobs: edge-popup and its checks, SNIP and its checks, at 50 % and 20 %.
common=(--dataset blobs --n-points 600 --hidden 40,40 --epochs 15 --batch 32 --store "$store")
run prune "${common[@]}" --method edge-popup --densities 20,50 \
    --controls snip,snip-shuffle,snip-reinit,edge-popup-shuffle,edge-popup-reinit --csv "$tmp/e.csv"
check "prune --method edge-popup runs" test "$status" -eq 0
check "CSV header" grep -q "^method,density,seed,test_accuracy,level,early_stop_iteration,early_stop_test_accuracy,status,train_accuracy,early_stop_val_accuracy,iterations,seconds,layer0_density,layer1_density,layer2_density$" "$tmp/e.csv"
check "one dense row, then six methods × two densities" test "$(rows "$tmp/e.csv")" -eq 13
check "the CSV is what the densities and methods say" python3 - "$tmp/e.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
by = {(r["method"], r["level"]): r for r in rows}
sizes = [(2, 40), (40, 40), (40, 4)]
dense = float(by[("dense", "0")]["test_accuracy"])
assert by[("dense", "0")]["density"] == "1", by[("dense", "0")]
for level, d in ((1, 0.5), (2, 0.2)):
    ep = by[("edge-popup", str(level))]
    # Edge-popup keeps round(d · weights) in every layer, the output layer too.
    for l, (i, o) in enumerate(sizes):
        assert abs(float(ep[f"layer{l}_density"]) - round(d * i * o) / (i * o)) < 1e-6, ep
    total = sum(i * o for i, o in sizes)
    assert abs(float(ep["density"]) - sum(round(d * i * o) for i, o in sizes) / total) < 1e-6, ep
    # SNIP ranks globally: its total is the density, its layers are its own.
    snip = by[("snip", str(level))]
    assert abs(float(snip["density"]) - d) < 1e-3, snip
    # The checks keep their method's per-layer counts.
    for m in ("snip", "edge-popup"):
        for c in ("shuffle", "reinit"):
            r = by[(f"{m}-{c}", str(level))]
            for l in range(3):
                assert r[f"layer{l}_density"] == by[(m, str(level))][f"layer{l}_density"], (r, m)
    # No weight training for edge-popup and its checks: the checks are evaluated at iteration 0.
    assert ep["iterations"] == by[("snip", str(level))]["iterations"] != "0", ep
    for c in ("edge-popup-shuffle", "edge-popup-reinit"):
        assert by[(c, str(level))]["iterations"] == "0", by[(c, str(level))]
    # The random network's sub-network classifies the four blobs far above chance (25 %); at
    # 20 % its weights matter: shuffled within each layer or redrawn, they are near chance.
    acc = float(ep["test_accuracy"])
    assert acc > 0.8, ep
    if level == 2:
        for c in ("edge-popup-shuffle", "edge-popup-reinit"):
            assert acc > float(by[(c, "2")]["test_accuracy"]) + 0.3, (ep, by[(c, "2")])
    for r in rows:
        assert r["status"] == "finished", r
PY
check "the summary has a row per density and each method's matching density" bash -c \
  'grep -q "^    2       20.00 %" <<<"$0" && grep -q "^  edge-popup  " <<<"$0"' "$out"

cp "$tmp/e.csv" "$tmp/first.csv"
run prune "${common[@]}" --method edge-popup --densities 50,20 \
    --controls snip-reinit,snip-shuffle,edge-popup-reinit,edge-popup-shuffle --csv "$tmp/e.csv"
check "the same run in another order is reused" grep -q "reused all 19 points" <<<"$out"
check "and writes the same CSV" cmp -s "$tmp/e.csv" "$tmp/first.csv"

bad=(prune --dataset blobs --epochs 1 --store "$store" --csv "$tmp/bad.csv")
expect_bad_input "--densities out of range" "--densities: 100 is not a percentage of weights kept" "${bad[@]}" --method edge-popup --densities 50,100
expect_bad_input "--densities empty" "--densities: must not be empty" "${bad[@]}" --method edge-popup --densities ""
expect_bad_input "--densities without a method at init" "--densities: needs a method that prunes at initialisation" "${bad[@]}" --densities 50
expect_bad_input "--levels with --densities" "--levels: belongs to iterative magnitude pruning's levels" "${bad[@]}" --method edge-popup --densities 50 --levels 3
expect_bad_input "--popup-init without edge-popup" "--popup-init: only applies to edge-popup" "${bad[@]}" --popup-init kaiming-normal
check "no CSV left behind" test ! -e "$tmp/bad.csv"

finish
