#!/usr/bin/env bash
# End-to-end tests of `occam-cli animate`: the animated figures listed for a sweep, a training
# run and a pruning run; their GIFs read back (frames, size, delays, loop) by a GIF block reader
# written here, and their WebMs probed with gst-discoverer-1.0; frame counts against what the
# store holds; --max-frames; Ctrl-C leaving nothing behind. Speaks TAP.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
source "$(dirname "${BASH_SOURCE[0]}")/cli-test-lib.sh"

run_id () { sed -n 's/^experiment: \([0-9a-f]\{16\}\).*/\1/p' "$tmp/out" "$tmp/err" | head -n 1; }

# "FRAMES WxH TOTAL_DELAY LOOPS" of a GIF, from its blocks (GIF89a: screen descriptor, global
# table, extensions, image descriptors with local tables and LZW data in sub-blocks).
gif_info () {
  python3 - "$1" <<'PY'
import struct, sys
d = open(sys.argv[1], "rb").read()
assert d[:6] in (b"GIF87a", b"GIF89a"), "not a GIF"
w, h, flags = struct.unpack("<HHB", d[6:11])
p = 13 + (3 * 2 ** ((flags & 7) + 1) if flags & 0x80 else 0)
frames = delay = 0
loops = False
def skip_blocks(p):
    while d[p]:
        p += d[p] + 1
    return p + 1
while d[p] != 0x3B:
    if d[p] == 0x21:
        label = d[p + 1]
        if label == 0xF9:
            delay += struct.unpack("<H", d[p + 4:p + 6])[0]
        if label == 0xFF and d[p + 3:p + 14] == b"NETSCAPE2.0":
            loops = True
        p = skip_blocks(p + 2)
    elif d[p] == 0x2C:
        il, it, iw, ih, f = struct.unpack("<HHHHB", d[p + 1:p + 10])
        assert il + iw <= w and it + ih <= h, "a frame outside the screen"
        assert frames > 0 or (iw, ih) == (w, h), "a first frame smaller than the screen"
        p += 10 + (3 * 2 ** ((f & 7) + 1) if f & 0x80 else 0)
        p = skip_blocks(p + 1)
        frames += 1
    else:
        raise SystemExit("unexpected block 0x%02x at %d" % (d[p], p))
print(frames, "%dx%d" % (w, h), delay, "loops" if loops else "once")
PY
}

# ---- The experiments ----

run sweep --dataset spiral --n-points 300 --widths 2,4,8 --seeds 0,1 --epochs 6 \
    --record-every-epochs 1 --store "$store" -q
check "sweep runs" test "$status" -eq 0
sweep=$(run_id)
run train --dataset moons --hidden 8 --epochs 12 --store "$store" -q
check "training run" test "$status" -eq 0
train=$(run_id)
python3 - "$tmp/img.csv" <<'PY'
import random, sys
random.seed(2)
with open(sys.argv[1], "w") as f:
    for i in range(240):
        y = i % 2
        f.write(",".join([str(y)] + ["%.3f" % (random.random() + (0.7 if j % 2 == y else 0))
                                     for j in range(16)]) + "\n")
PY
run prune --dataset csv --data-file "$tmp/img.csv" --hidden 8 --iterations 30 --batch 32 \
    --levels 3 --seeds 0 --store "$store" -q
check "pruning run" test "$status" -eq 0
prune=$(run_id)

# What the store holds, read independently of the catalogue.
finished_points=$(sql "$store" "SELECT COUNT(*) FROM points WHERE experiment_id = '$sweep' AND status = 'finished'")
check "the sweep stored six finished points" test "$finished_points" -eq 6

# ---- Lists ----

run animate --experiment "$sweep" --store "$store" --list
check "sweep: animated figures listed" test "$status" -eq 0
check "sweep: double descent fills in over its six points" \
  grep -q "^double-descent  *6 frames (points)" "$tmp/out"
check "sweep: learning curve over its evaluations" \
  grep -q "^learning-curve  *[0-9]* frames (evaluations)" "$tmp/out"
check "sweep: the heatmap is not animated" bash -c "! grep -q '^epoch-heatmap' '$tmp/out'"
run animate --experiment "$prune" --store "$store" --list
check "prune: mask across its four levels (dense and three pruned)" \
  grep -q "^mask  *4 frames (levels)" "$tmp/out"
check "prune: receptive fields across levels" grep -q "^receptive-fields  *4 frames" "$tmp/out"
run animate --experiment "$train" --store "$store" --list
check "train: learning curves listed" grep -q "^learning-curves  *[0-9]* frames" "$tmp/out"
# A run on 2-D data stores θ at its evaluations (all of them up to 200): one frame each.
snapshots=$(sql "$store" "SELECT shape FROM artifacts WHERE experiment_id = '$train' AND name = 'boundary_evals'")
check "train: a boundary snapshot per stored evaluation ($snapshots)" \
  test "$snapshots" = "[$(sql "$store" "SELECT COUNT(*) FROM curves WHERE experiment_id = '$train'")]"
check "train: the decision boundary forms over its snapshots" \
  grep -q "^decision-boundary  *${snapshots//[^0-9]/} frames (snapshots)" "$tmp/out"

# ---- GIF ----

run animate --experiment "$sweep" --store "$store" --figure double-descent --out "$tmp/dd.gif" \
    --size 480x270 --fps 4 --hold-last 1 -q
check "double descent to GIF" test "$status" -eq 0
info=$(gif_info "$tmp/dd.gif")
# Six frames at 4 fps (150 hundredths) and the last held one second more.
check "GIF: six frames of 480x270, 2.5 s in all, looping ($info)" \
  test "$info" = "6 480x270 250 loops"
check "GIF: the output line says what was written" \
  grep -q "wrote $tmp/dd.gif: 6 frames of double-descent, 480x270 at 4 fps" "$tmp/out"

evals=$(sql "$store" "SELECT COUNT(*) FROM curves WHERE experiment_id = '$train'")
run animate --experiment "$train" --store "$store" --figure learning-curves --out "$tmp/lc.gif" \
    --size 320x180 --hold-last 0 -q
check "training curves to GIF" test "$status" -eq 0
frames=$(gif_info "$tmp/lc.gif" | cut -d' ' -f1)
listed=$(sed -n 's/^learning-curves  *\([0-9]*\) frames.*/\1/p' <<<"$("$cli" animate --experiment "$train" --store "$store" --list)")
check "GIF: one frame per stored evaluation ($frames, listed $listed)" \
  test -n "$frames" -a "$frames" = "$listed" -a "$frames" -gt 2
check "GIF: as many frames as the store has evaluations ($evals)" test "$frames" -eq "$evals"

run animate --experiment "$train" --store "$store" --figure decision-boundary \
    --out "$tmp/boundary.gif" --size 320x240 --hold-last 0 -q
check "decision boundary to GIF" test "$status" -eq 0
check "GIF: one frame per boundary snapshot" \
  test "$(gif_info "$tmp/boundary.gif" | cut -d' ' -f1)" = "${snapshots//[^0-9]/}"

# A store from before the snapshots: the boundary draws but does not animate, and says why.
cp "$store" "$tmp/old.db"
python3 -c 'import sqlite3, sys; db = sqlite3.connect(sys.argv[1]); db.execute(sys.argv[2]); db.commit()' \
  "$tmp/old.db" "DELETE FROM artifacts WHERE experiment_id = '$train' AND name LIKE 'boundary_%'"
run animate --experiment "$train" --store "$tmp/old.db" --list
check "old store: the boundary is not listed as animated" \
  bash -c "! grep -q '^decision-boundary' '$tmp/out'"
run animate --experiment "$train" --store "$tmp/old.db" --figure decision-boundary \
    --out "$tmp/old.gif" -q
check "old store: animating the boundary fails" test "$status" -ne 0
check "old store: it says to run again" \
  grep -q "this run stored no boundary snapshots; run it again with this version" "$tmp/err"
check "old store: nothing written" test ! -e "$tmp/old.gif"
run plot --experiment "$train" --store "$tmp/old.db" --figure decision-boundary \
    --out "$tmp/old.png"
check "old store: the final boundary still draws" test "$status" -eq 0 -a -s "$tmp/old.png"

run animate --experiment "$train" --store "$store" --figure learning-curves --out "$tmp/few.gif" \
    --size 320x180 --max-frames 3 --hold-last 0 -q
check "--max-frames 3: three frames" test "$(gif_info "$tmp/few.gif" | cut -d' ' -f1)" = 3

# ---- WebM ----

if command -v gst-discoverer-1.0 >/dev/null; then
  run animate --experiment "$prune" --store "$store" --figure mask --out "$tmp/mask.webm" \
      --size 640x360 --fps 2 --hold-last 1 --theme dark -q
  check "mask across levels to WebM" test "$status" -eq 0
  gst-discoverer-1.0 "$tmp/mask.webm" >"$tmp/disc" 2>&1
  check "WebM: VP8 in WebM" grep -q "video #1: VP8" "$tmp/disc"
  check "WebM: 640x360" bash -c "grep -q 'Width: 640' '$tmp/disc' && grep -q 'Height: 360' '$tmp/disc'"
  # Four levels at 2 fps, and the last held a second: 3 s.
  check "WebM: 3 s long" grep -q "Duration: 0:00:03.000000000" "$tmp/disc"
else
  skip "WebM" "gst-discoverer-1.0 is not installed (gstreamer1.0-plugins-base-apps)"
fi

# ---- Ctrl-C ----

# A run evaluated at every iteration: hundreds of frames, so the interrupt lands mid-encoding.
run train --dataset moons --hidden 4 --epochs 200 --batch full --eval-every 1 \
    --train-eval-examples 0 --store "$store" -q
long=$(run_id)
check "a training run with an evaluation per iteration" test "$status" -eq 0 -a -n "$long"
"$cli" animate --experiment "$long" --store "$store" --figure learning-curves \
    --out "$tmp/stopped.webm" --size 1280x720 --max-frames 0 --fps 1 \
    --progress always >"$tmp/sig.out" 2>"$tmp/sig.err" &
bg=$!
# Interrupt once the first frame is out.
for _ in $(seq 1 600); do grep -q "frame 1/" "$tmp/sig.err" 2>/dev/null && break; sleep 0.05; done
kill -INT "$bg"
wait "$bg"
status=$?
bg=
check "Ctrl-C: exit 130 ($status)" test "$status" -eq 130
check "Ctrl-C: nothing written" bash -c "! ls -a '$tmp' | grep -q 'stopped.webm'"
check "Ctrl-C: says so" grep -q "stopped: .*stopped.webm was not written" "$tmp/sig.err"

finish
