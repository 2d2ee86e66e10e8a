"""idx.py — the IDX reader the Python peers share (numpy only, so a numpy peer needs no torch).

SPDX-License-Identifier: GPL-3.0-or-later
"""
import gzip

import numpy as np


def load_idx(path):
    """The array in a gzipped IDX file (MNIST's format), as uint8 of its stated shape."""
    with gzip.open(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)
