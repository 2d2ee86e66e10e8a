#!/usr/bin/env bash
# End-to-end tests of `occam-cli plot --experiment`: the figures listed for a small sweep, a
# sample-wise sweep with recorded epochs, random features, a pruning run and a training run;
# every listed figure drawn to PNG, SVG and PDF; parameters; and every error path (exit 2, one
# line, no file written). Speaks TAP.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
source "$(dirname "${BASH_SOURCE[0]}")/cli-test-lib.sh"

# The experiment ID a run printed ("experiment: ID · …").
run_id () { sed -n 's/^experiment: \([0-9a-f]\{16\}\).*/\1/p' "$tmp/out" "$tmp/err" | head -n 1; }
names () { cut -d' ' -f1 "$tmp/out" | tr '\n' ' ' | sed 's/ $//'; }
# Bad input as the library judges it, and nothing written: each such command below names its
# output (or store) $tmp/bad*, so any file of that name is one it should not have written.
refused () {
  expect_bad_input "$@"
  if compgen -G "$tmp/bad*" >/dev/null; then
    not_ok "$1: nothing written" "files: $(ls "$tmp")"
  fi
}
# A real PNG, SVG or PDF of the expected kind, not empty.
is_png () { [ "$(head -c 8 "$1" | od -An -tx1 | tr -d ' \n')" = "89504e470d0a1a0a" ]; }
is_svg () { head -c 400 "$1" | grep -q '<svg'; }
is_pdf () { [ "$(head -c 5 "$1")" = "%PDF-" ]; }
png_size () {
  python3 -c 'import struct, sys
d = open(sys.argv[1], "rb").read(24)
print("%dx%d" % struct.unpack(">II", d[16:24]))' "$1"
}

run --help
check "occam-cli --help says plot also draws a stored experiment's figures" grep -q "^  plot .*stored experiment" <<<"$out"

# ---- The experiments ----

# The small sweep of the task: model-wise, evaluated at the start and the end only.
run sweep --dataset spiral --widths 2,8 --seeds 0,1 --epochs 5 --store "$store"
check "small sweep runs" test "$status" -eq 0
sweep=$(run_id)
# Sample-wise with every epoch recorded: the heatmap has something to draw.
run sweep --dataset spiral --widths 4 --n-trains 100,200 --seeds 0 --epochs 3 \
    --record-every-epochs 1 --store "$store"
check "sample-wise sweep runs" test "$status" -eq 0
samples=$(run_id)
run rff --dataset spiral --features 10,40,200 --seeds 0,1 --store "$store"
check "random features run" test "$status" -eq 0
rff=$(run_id)
# 16 features make 4 × 4 images: receptive fields and per-pixel fan-out exist.
python3 - "$tmp/img.csv" <<'PY'
import random, sys
random.seed(1)
with open(sys.argv[1], "w") as f:
    for i in range(300):
        y = i % 3
        f.write(",".join([str(y)] + ["%.3f" % (random.random() + (0.5 if j % 3 == y else 0))
                                     for j in range(16)]) + "\n")
PY
run prune --dataset csv --data-file "$tmp/img.csv" --hidden 12 --iterations 40 --batch 32 \
    --levels 2 --controls imp,random --seeds 0,1 --store "$store"
check "pruning run" test "$status" -eq 0
prune=$(run_id)
run train --dataset spiral --hidden 8 --epochs 2 --store "$store"
check "training run" test "$status" -eq 0
train=$(run_id)
# A run stored without its trained weights (as a diverged one is), kept apart from the others.
run train --dataset moons --hidden 8 --epochs 2 --store "$store"
bare=$(run_id)
python3 -c 'import sqlite3, sys
with sqlite3.connect(sys.argv[1]) as c:
    c.execute("DELETE FROM artifacts WHERE experiment_id = ? AND name = ?", (sys.argv[2], "theta_final"))' \
  "$store" "$bare"
run linear --n 50 --ps 10,20 --store "$store"
linear=$(run_id)
check "five experiment IDs" \
  test -n "$sweep" -a -n "$samples" -a -n "$rff" -a -n "$prune" -a -n "$train"

# ---- Lists ----

# Lists experiment $1's figures; checks that it worked and that their names are $2.
expect_figures () {
  run plot --experiment "$1" --store "$store" --list-figures
  check "$3: $2" test "$status" -eq 0 -a "$(names)" = "$2"
}

expect_figures "$sweep" "double-descent learning-curve seed-distribution norms" \
  "small sweep: the Sweep page's figures (no recorded epochs, no heatmap)"
check "sweep: descriptions name the axis" \
  grep -q "^double-descent  *Test and train error against parameters" "$tmp/out"
check "sweep: the learning curve takes a width, the peak by default, and a seed" \
  grep -q "^learning-curve  *.* · width=2 (a hidden width: 2, 8), $(
         )seed=all (one seed, 0, 1, or all (mean and min–max over seeds))$" "$tmp/out"
check "sweep: the seed distribution says what it draws" \
  grep -q "^seed-distribution  *Final train and test error of every seed by width" "$tmp/out"
expect_figures "$samples" "double-descent epoch-heatmap learning-curve seed-distribution norms" \
  "sample-wise sweep with recorded epochs: the heatmap too"
check "sample-wise sweep: the learning curve takes n" \
  grep -q "· n=[0-9]* (a training-set size n: 100, 200), seed=all (one seed, 0, or all $(
         )(mean and min–max over seeds))$" "$tmp/out"
check "sample-wise sweep: described by training examples" \
  grep -q "against training examples n" "$tmp/out"
expect_figures "$rff" "random-features coefficient-norm norms" "random features"
expect_figures "$prune" "accuracy methods early-stop layer-density weight-histogram $(
  )weight-scatter receptive-fields input-fan-out mask mask-overlap seed-overlap" \
  "pruning: the Pruning page's figures and the methods figure"
check "prune: level and layer with their defaults" \
  grep -q "^weight-histogram .* · level=2 (an IMP level with stored weights, 0 to 2), $(
         )layer=0 (a weight layer, 0 to 1; 0 is the first, 16→12)$" "$tmp/out"
expect_figures "$train" "learning-curves weight-histogram decision-boundary" \
  "train: curves, the trained weights and, on 2-D data, the decision boundary"
expect_figures "$bare" "learning-curves" "train without theta_final: learning curves only"
expect_figures "${sweep:0:6}" "double-descent learning-curve seed-distribution norms" \
  "an ID prefix is enough"

# ---- Every listed figure in every format ----

for id in "$sweep" "$samples" "$rff" "$prune" "$train"; do
  run plot --experiment "$id" --store "$store" --list-figures
  all=0 drawn=0
  for figure in $(names); do
    for fmt in png svg pdf; do
      all=$((all + 1))
      file="$tmp/fig-$id-$figure.$fmt"
      "$cli" plot --experiment "$id" --store "$store" --figure "$figure" --out "$file" \
        2>"$tmp/err" && "is_$fmt" "$file" && drawn=$((drawn + 1))
    done
  done
  check "experiment $id: all $all figure files drawn" test "$drawn" -eq "$all" -a "$all" -gt 0
done
check "PNG at 1280 × 720 by default" \
  test "$(png_size "$tmp/fig-$sweep-double-descent.png")" = "1280x720"
run plot --experiment "$sweep" --store "$store" --figure double-descent --size 640x360 --scale 2 \
    --theme dark --out "$tmp/dark.png"
check "--size, --scale and --theme" \
  test "$status" -eq 0 -a "$(png_size "$tmp/dark.png")" = "1280x720"
check "the dark theme draws another picture" bash -c '! cmp -s "$0" "$1"' "$tmp/dark.png" \
  "$tmp/fig-$sweep-double-descent.png"
run plot --experiment "$sweep" --store "$store" --figure double-descent --out "$tmp/again.png"
check "the same figure twice: the same bytes" \
  cmp -s "$tmp/again.png" "$tmp/fig-$sweep-double-descent.png"

# ---- Parameters ----

run plot --experiment "$sweep" --store "$store" --figure learning-curve --param width=2 \
    --out "$tmp/w2.png"
check "width=2 is the default" cmp -s "$tmp/w2.png" "$tmp/fig-$sweep-learning-curve.png"
run plot --experiment "$sweep" --store "$store" --figure learning-curve --param width=8 \
    --out "$tmp/w8.png"
check "width=8 draws another group" bash -c '[ "$0" -eq 0 ] && ! cmp -s "$1" "$2"' "$status" \
  "$tmp/w8.png" "$tmp/w2.png"
run plot --experiment "$sweep" --store "$store" --figure learning-curve --param seed=1 \
    --param width=8 --out "$tmp/w8s1.svg"
check "seed=1 width=8: that run's curve alone" \
  bash -c '[ "$0" -eq 0 ] && grep -q "Width 8 · .* · seed 1\b" "$1"' "$status" "$tmp/w8s1.svg"
run plot --experiment "$sweep" --store "$store" --figure learning-curve --param width=8 \
    --param seed=all --out "$tmp/w8all.png"
check "seed=all is every seed of the group" cmp -s "$tmp/w8all.png" "$tmp/w8.png"
run plot --experiment "$samples" --store "$store" --figure learning-curve --param n=100 \
    --out "$tmp/n100.svg"
check "n=100 for a sample-wise sweep" grep -q "n = 100" "$tmp/n100.svg"
run plot --experiment "$prune" --store "$store" --figure weight-histogram --param level=1 \
    --param layer=1 --out "$tmp/h11.svg"
check "level=1 layer=1" grep -q "layer 2 (12→3) · level 1" "$tmp/h11.svg"
run plot --experiment "$prune" --store "$store" --figure receptive-fields --param level=0 \
    --out "$tmp/rf0.png"
check "receptive fields of the dense level" test "$status" -eq 0
run plot --experiment "$prune" --store "$store" --figure receptive-fields --param sort=norm \
    --size 2400x700 --out "$tmp/rf-norm.svg"
check "receptive fields by norm" grep -q "largest norm first" "$tmp/rf-norm.svg"
run plot --experiment "$prune" --store "$store" --figure receptive-fields \
    --size 2400x700 --out "$tmp/rf.svg"
check "receptive fields by surviving inputs by default, dead units counted" \
  grep -q "most inputs first" "$tmp/rf.svg"
check "receptive fields: signed trained weights with a colour bar" \
  grep -q "trained weight θ_T (pruned: 0)" "$tmp/rf.svg"
run plot --experiment "$prune" --store "$store" --figure early-stop --out "$tmp/es.svg"
check "early stop without a validation split says so" grep -q "No validation split" "$tmp/es.svg"

# ---- Bad input: exit 2, one line, nothing written ----

refused "receptive fields in an unknown order" "parameter sort=size: expected inputs" \
  plot --experiment "$prune" --store "$store" --figure receptive-fields --param sort=size \
  --out "$tmp/bad.png"
refused "unknown experiment" "no experiment with ID 0123" \
  plot --experiment 0123 --store "$store" --figure double-descent --out "$tmp/bad.png"
refused "not an ID" "'xyz' is not an experiment ID" \
  plot --experiment xyz --store "$store" --list-figures
# Train runs with other seeds until two IDs share a first digit (at most 17 by pigeonhole).
prefix=
for seed in $(seq 1 17); do
  "$cli" train --dataset blobs --n-points 100 --hidden 2 --epochs 1 --seed "$seed" \
    --store "$store" -q >/dev/null 2>&1
  prefix=$("$cli" runs list --store "$store" | awk 'NR > 1 { print substr($1, 1, 1) }' | sort \
           | uniq -d | head -n 1)
  [ -n "$prefix" ] && break
done
refused "ambiguous ID prefix" "ID prefix $prefix matches several experiments" \
  plot --experiment "$prefix" --store "$store" --figure double-descent --out "$tmp/bad.png"
refused "unknown figure: the valid ones listed" \
  "has no figure 'dd'; its figures: double-descent, learning-curve" \
  plot --experiment "$sweep" --store "$store" --figure dd --out "$tmp/bad.png"
refused "another kind's figure" "has no figure 'double-descent'; its figures: accuracy," \
  plot --experiment "$prune" --store "$store" --figure double-descent --out "$tmp/bad.png"
refused "parameter value not in the sweep" "parameter width=3: expected a hidden width: 2, 8" \
  plot --experiment "$sweep" --store "$store" --figure learning-curve --param width=3 \
  --out "$tmp/bad.png"
refused "parameter of another figure" "parameter 'level=1': learning-curve takes width" \
  plot --experiment "$sweep" --store "$store" --figure learning-curve --param level=1 \
  --out "$tmp/bad.png"
refused "seed not in the sweep" "parameter seed=5: width 8 has no finished run of that $(
        )seed; expected one seed, 0, 1, or all" \
  plot --experiment "$sweep" --store "$store" --figure learning-curve --param width=8 \
  --param seed=5 --out "$tmp/bad.png"
refused "seed not a number" "parameter seed=first: expected one seed, 0, 1, or all" \
  plot --experiment "$sweep" --store "$store" --figure learning-curve --param seed=first \
  --out "$tmp/bad.png"
refused "parameter without a value" "parameter 'width': expected KEY=VALUE, like width=2" \
  plot --experiment "$sweep" --store "$store" --figure learning-curve --param width \
  --out "$tmp/bad.png"
refused "parameter twice" "parameter width is given twice" \
  plot --experiment "$sweep" --store "$store" --figure learning-curve --param width=2 \
  --param width=8 --out "$tmp/bad.png"
refused "parameter of a figure without any" "double-descent takes no parameters" \
  plot --experiment "$sweep" --store "$store" --figure double-descent --param width=2 \
  --out "$tmp/bad.png"
refused "level out of range" \
  "parameter level=7: expected an IMP level with stored weights, 0 to 2" \
  plot --experiment "$prune" --store "$store" --figure mask --param level=7 --out "$tmp/bad.png"
refused "layer out of range" "parameter layer=2: expected a weight layer, 0 to 1" \
  plot --experiment "$prune" --store "$store" --figure mask --param layer=2 --out "$tmp/bad.png"
refused "layer not a number" "parameter layer=first: expected a weight layer" \
  plot --experiment "$prune" --store "$store" --figure mask --param layer=first --out "$tmp/bad.png"
refused "not available: no recorded epochs" \
  "epoch-heatmap has nothing to draw: it needs three evaluations per point or more" \
  plot --experiment "$sweep" --store "$store" --figure epoch-heatmap --out "$tmp/bad.png"
refused "not available: no trained weights stored" \
  "weight-histogram has nothing to draw: the stored run has no theta_final artifact" \
  plot --experiment "$bare" --store "$store" --figure weight-histogram --out "$tmp/bad.png"
refused "not available: one seed" "seed-overlap has nothing to draw: it needs two seeds" \
  plot --experiment "$(run prune --dataset csv --data-file "$tmp/img.csv" --hidden 12 \
                       --iterations 40 --batch 32 --levels 1 --seeds 0 --store "$store"; run_id)" \
  --store "$store" --figure seed-overlap --out "$tmp/bad.png"
# A sweep stored before the norms were recorded: the norms figure says why it has nothing.
run sweep --dataset spiral --widths 2,4 --seeds 0 --epochs 2 --store "$store"
old=$(run_id)
python3 -c 'import sqlite3, sys
with sqlite3.connect(sys.argv[1]) as c:
    c.execute("DELETE FROM artifacts WHERE experiment_id = ? AND name IN (?, ?, ?)",
              (sys.argv[2], "theta_norm", "distance_from_init", "path_norm"))' "$store" "$old"
expect_figures "$old" "double-descent learning-curve seed-distribution" \
  "a sweep without recorded norms: no norms figure"
refused "not available: no norms recorded" \
  "norms has nothing to draw: it needs a finished point that recorded its norms" \
  plot --experiment "$old" --store "$store" --figure norms --out "$tmp/bad.png"
refused "a kind without figures" "is a linear experiment, which has no figures here" \
  plot --experiment "$linear" --store "$store" --list-figures
refused "missing store, not created" "no experiment store here yet" \
  plot --experiment "$sweep" --store "$tmp/bad.db" --figure double-descent --out "$tmp/bad.png"
refused "--figure needs --out" "plot --figure needs --out FILE.{png,svg,pdf}" \
  plot --experiment "$sweep" --store "$store" --figure double-descent
refused "--out needs a known extension" "the name must end in .png, .svg or .pdf" \
  plot --experiment "$sweep" --store "$store" --figure double-descent --out "$tmp/bad.gif"
refused "--out into a missing folder" "does not exist; create it first" \
  plot --experiment "$sweep" --store "$store" --figure double-descent --out "$tmp/bad/x.png"
refused "--in and --experiment" "choose --in FILE.csv or --experiment ID, not both" \
  plot --experiment "$sweep" --in "$tmp/img.csv" --figure double-descent --out "$tmp/bad.png"
refused "CSV options refused" "--logx shapes a figure from --in CSV" \
  plot --experiment "$sweep" --store "$store" --figure double-descent --logx --out "$tmp/bad.png"
refused "--list-figures needs --experiment" "--list-figures needs --experiment ID" \
  plot --list-figures --store "$store"
refused "--param needs --figure" "--param needs --figure NAME" \
  plot --experiment "$sweep" --store "$store" --list-figures --param width=2
refused "--list-figures or --figure" "choose --list-figures or --figure NAME, not both" \
  plot --experiment "$sweep" --store "$store" --list-figures --figure double-descent \
  --out "$tmp/bad.png"
refused "--experiment needs a figure" "plot --experiment needs --figure NAME or --list-figures" \
  plot --experiment "$sweep" --store "$store" --out "$tmp/bad.png"
refused "bad theme" "--theme 'neon'" \
  plot --experiment "$sweep" --store "$store" --figure double-descent --theme neon \
  --out "$tmp/bad.png"

# ---- The CSV mode is unchanged ----

run sweep --dataset spiral --widths 2,8 --seeds 0,1 --epochs 5 --store "$store" \
    --csv "$tmp/dd.csv"
run plot --kind curve --in "$tmp/dd.csv" --x params --y test_error,train_error --logx \
    --out "$tmp/csv.png"
check "plot --in still draws a CSV" test "$status" -eq 0
check "plot --in writes a PNG" is_png "$tmp/csv.png"

finish
