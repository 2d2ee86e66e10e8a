#!/usr/bin/python3
"""numpy peer for `occam-cli rff --preset belkin-rff`: random Fourier features on Fashion-MNIST.

The first N_TRAIN training images scaled to [0, 1]; per number of features N: weights ~ N(0, 1/σ²)
and phases ~ U[0, 2π) in single precision, the projection X·Wᵀ in single precision, the features
√(2/N)·cos(z + b) in double; the minimum-norm least-squares readout on the one-hot labels through
the smaller Gram matrix (primal ΦᵀΦ for N ≤ n, dual ΦΦᵀ beyond), Cholesky where it is well
conditioned (LAPACK's condition estimate), else the pseudo-inverse from an eigen-decomposition
(divide and conquer) with the usual cut-off — the algorithm occam-cli used before its QR path.
Test features in blocks of 1024 rows.

Prints one CSV row per N (features, train_error, test_error, test_mse, coef_norm, seconds) and the
total seconds. Run with Debian's interpreter (/usr/bin/python3), where python3-numpy and
python3-scipy live.

SPDX-License-Identifier: GPL-3.0-or-later
"""
import argparse
import os
import time

import numpy as np
import scipy.linalg as sl
from scipy.linalg import lapack

from idx import load_idx


def solve_psd(gram, rhs):
    """gram·x = rhs for a positive semi-definite gram: Cholesky, or the pseudo-inverse."""
    m = gram.shape[0]
    eps = np.finfo(np.float64).eps
    anorm = np.abs(gram).sum(axis=0).max()
    c, info = lapack.dpotrf(gram, lower=1)
    if info == 0:
        rcond, info = lapack.dpocon(c, anorm, uplo="L")
        if info == 0 and rcond >= m * eps:
            return sl.cho_solve((c, True), rhs)
    w, v = sl.eigh(gram, driver="evd")
    tol = w.max() * m * eps
    inv = np.where(w > tol, 1.0 / np.where(w > tol, w, 1.0), 0.0)
    return v @ (inv[:, None] * (v.T @ rhs))


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data-dir", default="/usr/share/datasets/fashion-mnist")
    ap.add_argument("--n-train", type=int, default=4000)
    ap.add_argument("--features", default="100,200,500,1000,2000,3000,3500,3800,3900,3950,4000,"
                    "4050,4100,4200,4500,5000,6000,8000,10000,20000,40000")
    ap.add_argument("--sigma", type=float, default=5.0)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()

    t_start = time.perf_counter()
    x = load_idx(os.path.join(args.data_dir, "train-images-idx3-ubyte.gz"))
    y = load_idx(os.path.join(args.data_dir, "train-labels-idx1-ubyte.gz"))
    xt = load_idx(os.path.join(args.data_dir, "t10k-images-idx3-ubyte.gz"))
    yt = load_idx(os.path.join(args.data_dir, "t10k-labels-idx1-ubyte.gz"))
    x = x.reshape(len(x), -1)[:args.n_train].astype(np.float32) / 255.0
    y = y[:args.n_train].astype(np.int64)
    xt = xt.reshape(len(xt), -1).astype(np.float32) / 255.0
    yt = yt.astype(np.int64)
    n, dim, k = x.shape[0], x.shape[1], 10
    onehot = np.zeros((n, k))
    onehot[np.arange(n), y] = 1.0
    rng = np.random.default_rng(args.seed)

    print("features,train_error,test_error,test_mse,coef_norm,seconds", flush=True)
    for nf in (int(s) for s in args.features.split(",")):
        t0 = time.perf_counter()
        w = (rng.standard_normal((nf, dim), dtype=np.float32) / np.float32(args.sigma))
        b = rng.uniform(0, 2 * np.pi, nf).astype(np.float32)
        scale = np.sqrt(2.0 / nf)

        def features(rows):
            return scale * np.cos((rows @ w.T).astype(np.float64) + b)

        phi = features(x)
        if nf <= n:
            coef = solve_psd(phi.T @ phi, phi.T @ onehot)
        else:
            coef = phi.T @ solve_psd(phi @ phi.T, onehot)
        train_error = np.mean((phi @ coef).argmax(1) != y)
        del phi
        wrong, sq = 0, 0.0
        for start in range(0, len(xt), 1024):
            pred = features(xt[start:start + 1024]) @ coef
            labels = yt[start:start + 1024]
            wrong += int(np.sum(pred.argmax(1) != labels))
            target = np.zeros_like(pred)
            target[np.arange(len(labels)), labels] = 1.0
            sq += float(np.sum((pred - target) ** 2))
        print(f"{nf},{train_error:.9g},{wrong / len(xt):.9g},{sq / len(xt):.9g},"
              f"{np.linalg.norm(coef):.9g},{time.perf_counter() - t0:.3f}", flush=True)
    print(f"# seconds {time.perf_counter() - t_start:.1f}", flush=True)


if __name__ == "__main__":
    main()
