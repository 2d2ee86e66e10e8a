#!/usr/bin/python3
"""PyTorch peer for `occam-cli sweep --preset nakkiran-mlp`: the same 784-H-10 ReLU networks
(PyTorch's default init), Adam lr 1e-3, batch 128, cross-entropy, Fashion-MNIST's first 4000
training images with 20 % of their labels replaced by a different random label, evaluated on the
10k test set at the end. Trains the widths one after another with every core, or two at a time
with one thread each (--parallel 2), whichever you ask for. Prints one CSV row per width and the
total wall time. Run with Debian's interpreter (/usr/bin/python3), where python3-torch lives.

SPDX-License-Identifier: GPL-3.0-or-later
"""
import argparse
import gzip
import multiprocessing as mp
import time

import numpy as np
import torch

DIR = "/usr/share/datasets/fashion-mnist/"
WIDTHS = "1,2,4,6,8,10,12,14,16,20,24,28,32,40,48,64,96,128,256,512,1024"


def load(name, offset):
    with gzip.open(DIR + name) as f:
        return np.frombuffer(f.read(), np.uint8, offset=offset)


def data(n, noise, seed=0):
    x = load("train-images-idx3-ubyte.gz", 16).reshape(-1, 784)[:n] / 255.0
    y = load("train-labels-idx1-ubyte.gz", 8)[:n].astype(np.int64).copy()
    rng = np.random.default_rng(seed)
    flip = rng.choice(n, int(round(noise * n)), replace=False)
    y[flip] = (y[flip] + rng.integers(1, 10, len(flip))) % 10
    xt = load("t10k-images-idx3-ubyte.gz", 16).reshape(-1, 784) / 255.0
    yt = load("t10k-labels-idx1-ubyte.gz", 8).astype(np.int64)
    f = lambda a: torch.tensor(a, dtype=torch.float32)
    return f(x), torch.tensor(y), f(xt), torch.tensor(yt)


def train(args):
    width, epochs, threads, n, noise = args
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    x, y, xt, yt = data(n, noise)
    model = torch.nn.Sequential(torch.nn.Linear(784, width), torch.nn.ReLU(),
                                torch.nn.Linear(width, 10))
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = torch.nn.CrossEntropyLoss()
    t0 = time.perf_counter()
    for _ in range(epochs):
        perm = torch.randperm(n)
        for s in range(0, n, 128):
            i = perm[s:s + 128]
            opt.zero_grad(set_to_none=True)
            loss_fn(model(x[i]), y[i]).backward()
            opt.step()
    with torch.no_grad():
        train_err = (model(x).argmax(1) != y).float().mean().item()
        test_err = (model(xt).argmax(1) != yt).float().mean().item()
    return width, train_err, test_err, time.perf_counter() - t0


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--widths", default=WIDTHS)
    ap.add_argument("--epochs", type=int, default=1000)
    ap.add_argument("--n-train", type=int, default=4000)
    ap.add_argument("--label-noise", type=float, default=0.2)
    ap.add_argument("--parallel", type=int, default=2,
                    help="widths trained at once, one thread each (1: one at a time, all threads)")
    a = ap.parse_args()
    widths = sorted((int(w) for w in a.widths.split(",")), reverse=True)
    cores = mp.cpu_count()
    t0 = time.perf_counter()
    if a.parallel > 1:
        with mp.get_context("spawn").Pool(a.parallel) as pool:
            rows = pool.map(train, [(w, a.epochs, 1, a.n_train, a.label_noise) for w in widths],
                            chunksize=1)
    else:
        rows = [train((w, a.epochs, cores, a.n_train, a.label_noise)) for w in widths]
    total = time.perf_counter() - t0
    print("width,train_error,test_error,seconds")
    for w, tr, te, s in sorted(rows):
        print(f"{w},{tr:.4f},{te:.4f},{s:.2f}")
    print(f"total_seconds,{total:.2f}")


if __name__ == "__main__":
    main()
