#!/usr/bin/env bash
# End-to-end tests of `occam-cli train` and `occam-cli bench`, speaking TAP.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
source "$(dirname "${BASH_SOURCE[0]}")/cli-test-lib.sh"

run --help
check "--help lists train" grep -q "train" <<<"$out"
run train --help-all
check "train --help-all documents the flags" \
  bash -c 'for f in --dataset --data-dir --n-train --subset --label-noise --val-size --hidden --activation --init --loss --optimizer --lr --momentum --weight-decay --schedule --batch --epochs --iterations --eval-every --seed --threads --digits --modulus --train-fraction --noise --csv --json; do grep -q -- "$f" <<<"$0" || { echo "missing $f"; exit 1; }; done' "$out"

run train --dataset blobs --hidden 16 --epochs 50 --val-size 100 --csv "$tmp/run.csv" --json "$tmp/run.json" -q
check "train on blobs succeeds" test "$status" -eq 0
check "CSV header" test "$(head -1 "$tmp/run.csv")" = \
  "iteration,epoch,train_loss,train_error,val_loss,val_error,test_loss,test_error"
check "CSV has one row per evaluation" test "$(wc -l < "$tmp/run.csv")" -eq 52
check "JSON summary parses" python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert d['final']['test_error'] < 0.2, d" "$tmp/run.json"
check "summary reports speed" grep -q "GFLOP/s" <<<"$out"
check "summary reports early stopping" grep -q "early stop: iteration" <<<"$out"

run train --dataset blobs --hidden 16 --epochs 3 --csv "$tmp/a.csv" -q --seed 7
run train --dataset blobs --hidden 16 --epochs 3 --csv "$tmp/b.csv" -q --seed 7 --rerun
check "same seed, same numbers" cmp -s "$tmp/a.csv" "$tmp/b.csv"
run train --dataset blobs --hidden 16 --epochs 3 --csv "$tmp/c.csv" -q --seed 8
check "other seed, other numbers" bash -c '! cmp -s "$0" "$1"' "$tmp/a.csv" "$tmp/c.csv"

run train --dataset modadd --modulus 23 --train-fraction 0.3 --hidden 256 --epochs 300 -q \
  --json "$tmp/modadd.json"
check "modadd memorises its training pairs" python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert d['final']['train_error'] == 0, d" "$tmp/modadd.json"
check "modadd reports held-out pairs" grep -q "held-out pairs" <<<"$out"

expect_bad_input "missing data folder" "/nonexistent" train --data-dir /nonexistent
mkdir -p "$tmp/idx"
# A gzip stream cut in the middle.
python3 - "$tmp/idx" <<'PY'
import gzip, struct, sys, os
d = sys.argv[1]
def write(name, payload):
    open(os.path.join(d, name), "wb").write(gzip.compress(payload))
imgs = struct.pack(">IIII", 0x803, 100, 28, 28) + bytes(100 * 784)
labs = struct.pack(">II", 0x801, 100) + bytes(i % 10 for i in range(100))
for prefix in ("train", "t10k"):
    write(f"{prefix}-images-idx3-ubyte.gz", imgs)
    write(f"{prefix}-labels-idx1-ubyte.gz", labs)
full = open(os.path.join(d, "train-images-idx3-ubyte.gz"), "rb").read()
open(os.path.join(d, "train-images-idx3-ubyte.gz"), "wb").write(full[: len(full) // 2])
PY
expect_bad_input "truncated IDX names the file" "train-images-idx3-ubyte.gz" train --data-dir "$tmp/idx"
expect_bad_input "unknown dataset" "valid names" train --dataset nosuch
expect_bad_input "bad hidden widths" "--hidden" train --hidden 10,abc
expect_bad_input "negative learning rate" "--lr" train --lr -1
expect_bad_input "both epochs and iterations" "not both" train --epochs 2 --iterations 5
expect_bad_input "output folder missing" "does not exist" train --dataset xor --csv "$tmp/no/such/dir/x.csv"
check "no output file left behind" test ! -e "$tmp/no/such/dir/x.csv"

run train --dataset xor --optimizer sgd --lr 1e9 --loss mse --epochs 5 --csv "$tmp/diverged.csv" -q
if [ "$status" -eq 1 ] && grep -q "diverged" "$tmp/err" && [ ! -e "$tmp/diverged.csv" ]; then
  ok "divergence exits 1 and writes no CSV"
else
  not_ok "divergence exits 1 and writes no CSV" "exit $status, stderr: $err"
fi

run bench --widths 8 --n-train 512 --epochs 1 --threads 1 --csv "$tmp/bench.csv"
check "bench runs" test "$status" -eq 0
check "bench CSV" grep -q "^8,1," "$tmp/bench.csv"
(cd "$tmp" && "$cli" bench --landscape 3 --widths 8 --eval-examples 64 --epochs 1 --threads 1 \
   --csv - >"$tmp/landscape.out" 2>"$tmp/landscape.err")
check "bench --landscape --csv - writes the CSV to standard output, no file named -" \
  bash -c 'grep -q "^width,depth,params,grid," "$0" && [ ! -e "$1/-" ]' "$tmp/landscape.out" "$tmp"

finish
