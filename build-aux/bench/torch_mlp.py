#!/usr/bin/python3
"""PyTorch peer for `occam-cli bench`: the same 784-W-10 ReLU network, PyTorch's default init,
Adam, batch 128, on random data, one epoch timed at a time; prints the median seconds per epoch for
its best thread count. Run with Debian's interpreter (/usr/bin/python3) where python3-torch lives.

SPDX-License-Identifier: GPL-3.0-or-later
"""
import argparse
import statistics
import time

import torch


def time_epochs(width, depth, batch, n_train, epochs, threads):
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    x = torch.rand(n_train, 784)
    y = torch.randint(0, 10, (n_train,))
    layers, d_in = [], 784
    for _ in range(depth):
        layers += [torch.nn.Linear(d_in, width), torch.nn.ReLU()]
        d_in = width
    layers.append(torch.nn.Linear(d_in, 10))
    model = torch.nn.Sequential(*layers)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = torch.nn.CrossEntropyLoss()
    times = []
    for _ in range(epochs):
        perm = torch.randperm(n_train)
        t0 = time.perf_counter()
        for start in range(0, n_train, batch):
            idx = perm[start:start + batch]
            opt.zero_grad(set_to_none=True)
            loss = loss_fn(model(x[idx]), y[idx])
            loss.backward()
            opt.step()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--widths", default="64,1024")
    ap.add_argument("--depth", type=int, default=1)
    ap.add_argument("--batch", type=int, default=128)
    ap.add_argument("--n-train", type=int, default=60000)
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--threads", default="1,2", help="thread counts to try; the best is reported")
    args = ap.parse_args()
    print("width,depth,batch,n_train,threads,seconds_per_epoch")
    for w in (int(s) for s in args.widths.split(",")):
        best = None
        for t in (int(s) for s in args.threads.split(",")):
            s = time_epochs(w, args.depth, args.batch, args.n_train, args.epochs, t)
            if best is None or s < best[1]:
                best = (t, s)
        print(f"{w},{args.depth},{args.batch},{args.n_train},{best[0]},{best[1]:.6f}", flush=True)


if __name__ == "__main__":
    main()
