#!/usr/bin/env bash
# End-to-end tests of `occam-cli deck` (slides of stored figures: add, reorder, retitle, export as
# a PDF and as one PNG/SVG per slide) and `occam-cli tour` (the scene list with presets and
# estimates, --prepare --quick of one scene and the second call that has nothing to do, the deck
# of the tour). Speaks TAP.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
source "$(dirname "${BASH_SOURCE[0]}")/cli-test-lib.sh"
export OPENBLAS_NUM_THREADS=1

run train --dataset spiral --n-points 300 --hidden 16 --epochs 10 --store "$store" -q
check "a train experiment to show" test "$status" -eq 0
id=$(sql "$store" "SELECT id FROM experiments")

run deck add talk --experiment "${id:0:6}" --figure learning-curves --caption "Loss falls" \
    --store "$store"
check "deck add with an ID prefix" test "$status" -eq 0
check "the slide names the full ID" grep -q "slide 1 is learning-curves of $id" <<<"$out"
run deck add talk --experiment "$id" --figure decision-boundary --title "Where the classes meet" \
    --quick-variant "10 epochs" --at 1 --store "$store"
check "deck add --at 1" test "$status" -eq 0
run deck add talk --experiment "$id" --figure weight-histogram --store "$store"
check "deck add at the end" test "$status" -eq 0
run deck show talk --json --store "$store"
check "show --json: the slides in order with their fields" python3 - "$out" "$id" <<'PY'
import json, sys
d = json.loads(sys.argv[1])
figs = [s["figure"] for s in d["slides"]]
assert figs == ["decision-boundary", "learning-curves", "weight-histogram"], figs
s = d["slides"][0]
assert s["position"] == 1 and s["experiment"] == sys.argv[2], s
assert s["title"] == "Where the classes meet" and s["quick"] is True and s["quick_note"] == "10 epochs", s
assert d["slides"][1]["caption"] == "Loss falls" and d["slides"][1]["title"] is None, d
PY
run deck move talk 1 3 --store "$store"
check "deck move" test "$status" -eq 0
run deck title talk 1 "The curve" --store "$store"
check "deck title" test "$status" -eq 0
run deck caption talk 3 "" --store "$store"
check "deck caption (cleared)" test "$status" -eq 0
run deck show talk --json --store "$store"
check "the edits are stored" python3 - "$out" <<'PY'
import json, sys
d = json.loads(sys.argv[1])
assert [s["figure"] for s in d["slides"]] == ["learning-curves", "weight-histogram", "decision-boundary"], d
assert d["slides"][0]["title"] == "The curve", d
PY
run deck list --json --store "$store"
check "list --json" python3 -c 'import json, sys; d = json.loads(sys.argv[1]); assert [(x["name"], x["slides"]) for x in d["decks"]] == [("talk", 3)], d' "$out"

# Export: a PDF of three 16:9 pages with the text as text; PNG files of the given size.
run deck export talk --out "$tmp/talk.pdf" --store "$store"
check "export PDF" test "$status" -eq 0
if command -v pdfinfo >/dev/null && command -v pdftotext >/dev/null; then
  check "three pages of 1280 × 720 pt" bash -c 'pdfinfo "$0" | grep -q "^Pages: *3$" && pdfinfo "$0" | grep -q "^Page size: *1280 x 720 pts"' "$tmp/talk.pdf"
  check "titles, captions and the quick-variant note are text" bash -c 'pdftotext "$0" - | tr "\n" " " > "$0.txt"; grep -q "The curve" "$0.txt" && grep -q "Loss falls" "$0.txt" && grep -q "Quick variant: 10 epochs" "$0.txt" && grep -q "Where the classes meet" "$0.txt"' "$tmp/talk.pdf"
else
  skip "PDF pages" "pdfinfo/pdftotext not installed"
  skip "PDF text" "pdfinfo/pdftotext not installed"
fi
run deck export talk --out "$tmp/slides" --format png --size 640x360 --store "$store"
check "export PNG into a new folder" test "$status" -eq 0
check "slide-01.png … slide-03.png of 640 × 360" python3 - "$tmp/slides" <<'PY'
import os, struct, sys
names = sorted(os.listdir(sys.argv[1]))
assert names == ["slide-01.png", "slide-02.png", "slide-03.png"], names
for n in names:
    head = open(os.path.join(sys.argv[1], n), "rb").read(24)
    assert head[:8] == b"\x89PNG\r\n\x1a\n", n
    assert struct.unpack(">II", head[16:24]) == (640, 360), (n, struct.unpack(">II", head[16:24]))
PY
run deck export talk --out "$tmp/svg" --format svg --store "$store"
check "export SVG keeps text as <text>" bash -c 'grep -q "<text[^>]*>The curve</text>" "$0/slide-01.svg"' "$tmp/svg"

# Errors leave the deck as it was and write nothing.
expect_bad_input "a figure the experiment lacks" "has no figure 'double-descent'" \
  deck add talk --experiment "$id" --figure double-descent --store "$store"
expect_bad_input "move past the end" "its slides are 1 to 3" deck move talk 1 9 --store "$store"
run deck remove talk 2 --store "$store"
check "deck remove" test "$status" -eq 0
run deck delete talk --store "$store"
check "deck delete" test "$status" -eq 0
expect_bad_input "the deleted deck is gone" "no decks yet" deck show talk --store "$store"

# The tour: every scene with its preset and both estimates.
run tour --list --store "$store"
check "tour --list" test "$status" -eq 0
check "every scene, in the talk's order, with a preset and two estimates" python3 - "$out" <<'PY'
import re, sys
lines = sys.argv[1].splitlines()
scenes = ["rule", "u-curve", "model-wise", "epoch-wise", "random-features", "landscape",
          "unlucky-inits", "lottery", "faster", "smallest"]
rows = [l for l in lines if l.split() and l.split()[0] in scenes]
assert [r.split()[0] for r in rows] == scenes, rows
for r in rows:
    assert re.search(r"(sweep|rff|prune|grok|landscape) [a-z-]+", r), r
    assert re.search(r"(\d+:\d\d|stored)\s+(\d+:\d\d|stored)$", r), r
assert lines[-1].startswith("Left to compute"), lines[-1]
PY

# Preparing the cheapest scene (random features: least squares on 1000 images) fills the store;
# a second call computes nothing.
run tour --prepare --quick random-features --store "$tmp/tour.db" --progress never
check "tour --prepare --quick random-features" test "$status" -eq 0
check "it ran one experiment of 14 points" test "$(sql "$tmp/tour.db" "SELECT count(*) FROM points WHERE status = 'finished'")" -eq 14
run tour --list --store "$tmp/tour.db"
check "the scene's quick results are listed as stored" bash -c 'grep "^random-features" <<<"$0" | grep -q "stored$"' "$out"
before=$(sql "$tmp/tour.db" "SELECT max(finished) FROM points")
run tour --prepare --quick random-features --store "$tmp/tour.db"
check "a second call does nothing and says so" bash -c '[ "$1" -eq 0 ] && grep -q "^Nothing to prepare" <<<"$0"' "$out" "$status"
check "… and writes nothing" test "$(sql "$tmp/tour.db" "SELECT max(finished) FROM points")" = "$before"

# The tour's deck: the prepared scene's figures, and slides saying how to prepare the others.
run tour --deck "$tmp/tour.pdf" --quick --store "$tmp/tour.db"
check "tour --deck" test "$status" -eq 0
check "it says how many scenes are not prepared" grep -q "9 scenes are not prepared" <<<"$out"
if command -v pdftotext >/dev/null; then
  check "the deck has the narration, the figures and the prepare slides" bash -c 'pdftotext "$0" - | tr "\n" " " > "$0.txt"; grep -q "The same peak without a neural network" "$0.txt" && grep -q "Quick variant: 1,000 training images" "$0.txt" && grep -q "tour --prepare --quick model-wise" "$0.txt"' "$tmp/tour.pdf"
else
  skip "the deck's text" "pdftotext not installed"
fi

finish
