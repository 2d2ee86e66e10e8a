# point-rows.sh — sourced by the CLI tests that compare stores written in different ways.
#
# SPDX-License-Identifier: GPL-3.0-or-later

# The point rows of every experiment in a store, without what depends on when and where they ran
# (times, threads), in key order; curves and artifacts as digests.
point_rows () {
  python3 - "$1" <<'PY'
import hashlib, sqlite3, sys
con = sqlite3.connect(sys.argv[1])
skip = {"started", "finished", "seconds", "train_seconds", "eval_seconds", "seconds_per_epoch",
        "gflops", "final_seconds", "es_seconds"}
cols = [r[1] for r in con.execute("PRAGMA table_info(points)") if r[1] not in skip]
for row in con.execute(f"SELECT {', '.join(cols)} FROM points ORDER BY experiment_id, key"):
    exp, key = row[0], row[1]
    curve = con.execute("SELECT step, iteration, epoch, train_loss, train_error, val_loss, "
                        "val_error, test_loss, test_error FROM curves WHERE experiment_id = ? "
                        "AND key = ? ORDER BY step", (exp, key)).fetchall()
    arts = con.execute("SELECT name, dtype, shape, npy FROM artifacts WHERE experiment_id = ? "
                       "AND key = ? ORDER BY name", (exp, key)).fetchall()
    h = hashlib.sha256(repr(curve).encode() + repr(arts).encode()).hexdigest()[:16]
    print(repr(row), h)
PY
}

