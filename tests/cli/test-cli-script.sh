#!/usr/bin/env bash
# test-cli-script.sh — occam-cli in scripts: runs list/show --json, "-" for standard output (with
# the human summary on stderr and a closed pipe handled), progress in a log, and exports whose
# headers name every column once and write missing values as empty fields. Speaks TAP. The
# signal exit codes are in tests/hostile/signals.cases.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
. "$(dirname "$0")/cli-test-lib.sh"
cd "$tmp" || exit 1

eval_header=iteration,epoch,train_loss,train_error,val_loss,val_error,test_loss,test_error
small=(--dataset blobs --hidden 8 --epochs 40 --store "$store")

# ---- "-": standard output carries the data alone ----

"$cli" train "${small[@]}" --csv - 2>"$tmp/h.err" | head -3 >"$tmp/h.out"
st=${PIPESTATUS[0]}
check "train --csv - | head -3 ends well (0, or 141 when head closed the pipe first)" \
  bash -c '[ "$0" -eq 0 ] || [ "$0" -eq 141 ]' "$st"
check "… reads three lines of clean CSV, the header first" \
  test "$(head -1 h.out)" = "$eval_header" -a "$(wc -l < h.out)" -eq 3
check "… the summary went to stderr" grep -q "^final: .*accuracy" h.err
check "… and the experiment line too" grep -q "^experiment: [0-9a-f]\{16\} · stored in" h.err
check "no file named - was written" test ! -e ./-
id=$(sed -n 's/^experiment: \([0-9a-f]\{16\}\) .*/\1/p' h.err)

run train "${small[@]}" --csv "$tmp/file.csv"
"$cli" train "${small[@]}" --csv - >"$tmp/stdout.csv" 2>/dev/null
check "--csv - writes byte for byte what --csv FILE writes" cmp file.csv stdout.csv
check "--csv FILE leaves the summary on stdout" grep -q "^final: " <<<"$out"
check "missing values (no validation split) are empty fields, not nan" \
  bash -c '! grep -qi nan file.csv && sed -n 2p file.csv | grep -q "^[0-9]*,[0-9.e+-]*,[0-9.e+-]*,[0-9.e+-]*,,,"'

"$cli" train "${small[@]}" --json - >"$tmp/t.json" 2>"$tmp/t.err"
check "train --json - is one JSON document naming the experiment" python3 -c '
import json, sys
d = json.load(open("t.json"))
assert d["experiment"] == sys.argv[1], d["experiment"]
assert d["dataset"] == "blobs" and d["n_val"] == 0, d
' "$id"

# A reader that is gone before the run ends: the run is still recorded, quietly, exit 141.
"$cli" train --dataset blobs --hidden 8 --epochs 41 --store "$store" --csv - 2>"$tmp/p.err" | true
st=${PIPESTATUS[0]}
check "a closed standard output ends the command with 141" test "$st" -eq 141
check "… without an error message" bash -c '! grep -qi "occam-cli:\|broken pipe" p.err'
check "… and the experiment is recorded finished, not left running" \
  test "$(sql "$store" "SELECT status FROM experiments WHERE description LIKE '%41 epochs%'")" = finished

# ---- Progress in a log ----

run train --dataset spiral --hidden 32 --epochs 400 --store "$store"
progress=$(grep -c '^\[ *[0-9]*%\] iteration' "$tmp/err")
evals=$(python3 -c 'import json, sys; print(len(json.load(sys.stdin)["points"][0]["curve"]))' \
          < <("$cli" runs export "$(sed -n 's/^experiment: \([0-9a-f]*\) .*/\1/p' "$tmp/out")" \
                --store "$store" --json - 2>/dev/null))
check "a run logged to a file writes a handful of progress lines, not one per evaluation" \
  bash -c '[ "$0" -ge 2 ] && [ "$0" -le 4 ] && [ "$1" -ge 400 ]' "$progress" "$evals"
check "… the last of them at 100 %" bash -c 'grep "^\[ *[0-9]*%\] iteration" "$0" | tail -1 | grep -q "^\[100%\] iteration 2800/2800"' "$tmp/err"
check "… no carriage returns in a log" bash -c '! grep -q $'"'"'\r'"'"' "$0"' "$tmp/err"
run train --dataset spiral --hidden 32 --epochs 400 --store "$store" --rerun --progress=never
check "--progress=never: no progress line" test "$(grep -c '%\]' "$tmp/err")" -eq 0
run train --dataset spiral --hidden 32 --epochs 400 --store "$store" --rerun --progress=always
check "--progress=always: the live line, redrawn with carriage returns, even in a file" \
  grep -q $'\r\033\[K\[ *[0-9]*%\] iteration' "$tmp/err"
run sweep --dataset blobs --widths 2,4,8 --epochs 20 --store "$store"
check "a sweep in a log ends with a last line at 100 %" \
  bash -c 'grep "points · elapsed" "$0" | tail -1 | grep -q "^\[100%\] 3/3 points"' "$tmp/err"

# ---- runs list --json, runs show --json ----

"$cli" runs list --store "$store" --json >"$tmp/list.json"
check "runs list --json | python3 -m json.tool" python3 -m json.tool list.json /dev/null
"$cli" runs list --store "$store" >"$tmp/list.txt"
check "runs list --json lists the table's experiments, in its order, with every key" python3 -c '
import json
d = json.load(open("list.json"))
rows = [l.split()[0] for l in open("list.txt").read().splitlines()[1:]]
ids = [e["id"] for e in d["experiments"]]
assert ids == rows, (ids, rows)
keys = ["id", "hash", "kind", "dataset", "description", "status", "created", "updated",
        "planned_points", "stored_points", "finished_points", "compute_seconds", "wall_seconds"]
for e in d["experiments"]:
    assert list(e) == keys, list(e)
    assert e["hash"].startswith(e["id"]) and len(e["hash"]) == 64
    assert e["status"] == "finished" and e["finished_points"] == e["planned_points"]
sweep = [e for e in d["experiments"] if e["kind"] == "sweep"]
assert len(sweep) == 1 and sweep[0]["planned_points"] == 3, sweep
assert d["store"].endswith("occam.db")
'

# TIME is wall time: three points of 100 s each that ran side by side took 1:40, not 5:00.
sweep_id=$(python3 -c 'import json; print([e["id"] for e in json.load(open("list.json"))["experiments"] if e["kind"] == "sweep"][0])')
python3 -c '
import sqlite3, sys
with sqlite3.connect(sys.argv[1]) as db:
    n = db.execute("UPDATE points SET started = ?, finished = ?, seconds = 100 WHERE experiment_id = ?",
                   ("2026-01-01T10:00:00Z", "2026-01-01T10:01:40Z", sys.argv[2])).rowcount
assert n == 3, n
' "$store" "$sweep_id"
"$cli" runs list --store "$store" --json >"$tmp/wall.json"
"$cli" runs list --store "$store" >"$tmp/wall.txt"
check "runs list: a parallel sweep's TIME is its wall time (1:40), compute_seconds the sum (300)" \
  python3 -c '
import json, sys
(e,) = [e for e in json.load(open("wall.json"))["experiments"] if e["id"] == sys.argv[1]]
assert e["compute_seconds"] == 300 and e["wall_seconds"] == 100, e
(row,) = [l.split() for l in open("wall.txt") if l.startswith(sys.argv[1])]
assert row[7] == "1:40", row  # CREATED is a date and a time
' "$sweep_id"
"$cli" runs show "$sweep_id" --store "$store" >"$tmp/wall-show.txt"
check "runs show says both" grep -q "^points: .*1:40 wall time · 5:00 of compute" wall-show.txt

run runs export "$id" --store "$store" --csv "$tmp/exp"
"$cli" runs show "${id:0:6}" --store "$store" --json >"$tmp/show.json"
check "runs show --json: the experiment, its spec and its points, as the export's CSV has them" \
  python3 -c '
import csv, json, sys
d = json.load(open("show.json"))
assert d["id"] == sys.argv[1] and d["kind"] == "train"
assert d["spec"]["kind"] == "train" and d["spec"]["train"]["epochs"] == 40, d["spec"]
(p,) = d["points"]
assert p["key"] == {} and p["status"] == "finished", p
assert p["artifacts"] == ["boundary_evals", "boundary_thetas", "distance_from_init", "path_norm",
                          "theta_final", "theta_norm"], p  # blobs is 2-D: boundary snapshots
(row,) = csv.DictReader(open("exp/%s-points.csv" % sys.argv[1]))
assert abs(p["final"]["test_error"] - float(row["final_test_error"])) < 1e-9
assert p["iterations"] == int(row["iterations"]) == 280, p["iterations"]
assert p["early_stop"]["val_loss"] is None and row["es_val_loss"] == ""
' "$id"
expect_bad_input "runs list --json takes no value" "runs list: --json takes no value here" \
  runs list --store "$store" --json=x.json
check "… and writes no file" test ! -e x.json

"$cli" runs export "$id" --store "$store" --json - >"$tmp/export.json" 2>"$tmp/export.err"
run runs export "$id" --store "$store" --json "$tmp/exp"
check "runs export --json - writes the document ID.json holds" cmp export.json "exp/$id.json"
check "… and says nothing on standard output but the document" bash -c '! grep -q "^wrote" "$0"' export.json

# ---- Figures to standard output ----

"$cli" plot --in file.csv --out - --format png >"$tmp/fig.png" 2>"$tmp/fig.err"
st=$?
"$cli" plot --in file.csv --out "$tmp/ref.png"
check "plot --out - --format png writes the PNG --out FILE.png writes" \
  bash -c '[ "$0" -eq 0 ] && cmp fig.png ref.png && [ ! -s fig.err ]' "$st"
"$cli" plot --experiment "$id" --store "$store" --figure learning-curves --out - --format svg \
  >"$tmp/fig.svg"
check "plot --experiment … --out - --format svg writes an SVG" \
  bash -c 'head -c 100 fig.svg | grep -q "<?xml" && tail -c 20 fig.svg | grep -q "</svg>"'
check "no file named - after the figures" test ! -e ./-

# ---- Every export kind: unique header names, missing values empty ----

run sweep --dataset blobs --widths 2,4 --epochs 3 --store "$store"
sweep_id=$(sed -n 's/^experiment: \([0-9a-f]*\) .*/\1/p' <<<"$out" | head -1)
run rff --dataset spiral --features 10,40 --store "$store"
rff_id=$(sed -n 's/^experiment: \([0-9a-f]*\) .*/\1/p' <<<"$out" | head -1)
run linear --n 20 --ps 10,30 --store "$store"
linear_id=$(sed -n 's/^experiment: \([0-9a-f]*\) .*/\1/p' <<<"$out" | head -1)
run prune --dataset blobs --hidden 8 --epochs 2 --levels 1 --val-size 100 --store "$store"
prune_id=$(sed -n 's/^experiment: \([0-9a-f]*\) .*/\1/p' <<<"$out" | head -1)
for kind in train:$id sweep:$sweep_id rff:$rff_id linear:$linear_id prune:$prune_id; do
  k=${kind%%:*} e=${kind#*:}
  run runs export "$e" --store "$store" --csv "$tmp/all"
  check "$k export: every header name once, every row as wide, no nan or (null)" python3 -c '
import csv, sys
for name in ("points", "curves"):
    rows = list(csv.reader(open("all/%s-%s.csv" % (sys.argv[1], name))))
    header = rows[0]
    dup = sorted({h for h in header if header.count(h) > 1})
    assert not dup, (name, dup)
    assert len(rows) > 1 or name == "curves", name  # rff and linear points have no curve
    for r in rows[1:]:
        assert len(r) == len(header), (name, len(r), len(header))
        assert not {"nan", "NaN", "(null)", "null"} & set(r), (name, r)
' "$e"
done
check "the sweep export has the coordinate n_train (empty: every example) and result_n_train" \
  python3 -c '
import csv, sys
rows = list(csv.DictReader(open("all/%s-points.csv" % sys.argv[1])))
assert [r["width"] for r in rows] and sorted(int(r["width"]) for r in rows) == [2, 4], rows
for r in rows:
    assert r["n_train"] == "" and int(r["result_n_train"]) == 800, r
    assert r["es_val_loss"] == "" and r["final_val_loss"] == "" and float(r["final_test_error"]) >= 0
curves = list(csv.DictReader(open("all/%s-curves.csv" % sys.argv[1])))
assert set(curves[0]) >= {"width", "n_train", "seed", "iteration"} and "result_n_train" not in curves[0]
' "$sweep_id"
check "a prune export with a validation split fills es_* and val_*" python3 -c '
import csv, sys
rows = list(csv.DictReader(open("all/%s-points.csv" % sys.argv[1])))
assert rows and all(r["es_val_loss"] != "" and r["final_val_loss"] != "" for r in rows), rows
' "$prune_id"

finish
