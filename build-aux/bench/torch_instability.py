#!/usr/bin/python3
"""PyTorch peer for `occam-cli instability`: linear mode connectivity on Fashion-MNIST.

LeNet-300-100 (ReLU), Glorot-normal weights and zero biases, Adam 1.2e-3, batch 60, minibatches
from a fresh permutation every epoch. A parent trains to the largest k and keeps its whole state
(weights and Adam's state_dict, step counter included) at every k; two children per k load it
and finish the T iterations with their own data orders (the current epoch reshuffled, training
going on at the same position), in --parallel processes of one thread each, as occam-cli runs
its children. The test error and loss are measured at N evenly spaced points on the line between
the two children; instability = max error − mean of the ends.

Prints `k,instability,child_error_0,child_error_1` per k and the wall time on stderr.
Run with Debian's interpreter (/usr/bin/python3), where python3-torch lives.

SPDX-License-Identifier: GPL-3.0-or-later
"""
import argparse
import copy
import math
import multiprocessing
import os
import sys
import time

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from torch_lth import SIZES, glorot_init, load_fashion_mnist  # noqa: E402

DATA = None


def forward(params, x):
    n_layers = len(params) // 2
    for l in range(n_layers):
        x = torch.nn.functional.linear(x, params[2 * l], params[2 * l + 1])
        if l + 1 < n_layers:
            x = torch.relu(x)
    return x


@torch.no_grad()
def evaluate(params, x, y):
    logits = forward(params, x)
    loss = torch.nn.functional.cross_entropy(logits, y).item()
    return (logits.argmax(1) != y).float().mean().item(), loss


def train(params, opt, gen, start, total, pos, perm, args):
    """Steps from `start` to `total`; `perm`/`pos` is where the epoch stands."""
    x, y = DATA[0], DATA[1]
    n = x.shape[0]
    for _ in range(start, total):
        if pos >= n:
            perm, pos = torch.randperm(n, generator=gen), 0
        idx = perm[pos:pos + args.batch]
        pos += len(idx)
        loss = torch.nn.functional.cross_entropy(forward(params, x[idx]), y[idx])
        opt.zero_grad()
        loss.backward()
        opt.step()
    return pos, perm


def child(job):
    k, c, state, args = job
    torch.set_num_threads(1)
    params = [p.clone().requires_grad_(True) for p in state["params"]]
    opt = torch.optim.Adam(params, lr=args.lr)
    opt.load_state_dict(copy.deepcopy(state["opt"]))
    gen = torch.Generator().manual_seed(1000 + 2 * args.seed + c)
    n = DATA[0].shape[0]
    pos = state["pos"]
    perm = torch.randperm(n, generator=gen) if pos < n else None
    train(params, opt, gen, k, args.iterations, pos, perm, args)
    return k, c, [p.detach() for p in params]


def main():
    global DATA
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    ap.add_argument("--iterations", type=int, default=5000)
    ap.add_argument("--ks", default="0,100,500,2000")
    ap.add_argument("--alphas", type=int, default=11)
    ap.add_argument("--batch", type=int, default=60)
    ap.add_argument("--lr", type=float, default=1.2e-3)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--parallel", type=int, default=os.cpu_count())
    args = ap.parse_args()
    t0 = time.time()
    DATA = load_fashion_mnist(args.data)
    ks = sorted(int(k) for k in args.ks.split(","))
    torch.set_num_threads(args.parallel)
    gen = torch.Generator().manual_seed(args.seed)
    params = [p.requires_grad_(True) for p in glorot_init(gen)]
    opt = torch.optim.Adam(params, lr=args.lr)
    n = DATA[0].shape[0]
    states, pos, perm, it = {}, n, None, 0
    for k in ks:
        pos, perm = train(params, opt, gen, it, k, pos, perm, args)
        it = k
        states[k] = {"params": [p.detach().clone() for p in params],
                     "opt": copy.deepcopy(opt.state_dict()), "pos": pos}
    jobs = [(k, c, states[k], args) for k in ks for c in (0, 1)]
    with multiprocessing.get_context("fork").Pool(args.parallel) as pool:
        done = pool.map(child, jobs, chunksize=1)
    children = {(k, c): p for k, c, p in done}
    print("k,instability,child_error_0,child_error_1")
    for k in ks:
        a, b = children[(k, 0)], children[(k, 1)]
        errors = []
        for i in range(args.alphas):
            alpha = i / (args.alphas - 1)
            mid = [(1 - alpha) * pa + alpha * pb for pa, pb in zip(a, b)]
            errors.append(evaluate(mid, DATA[2], DATA[3])[0])
        inst = max(errors) - (errors[0] + errors[-1]) / 2
        print(f"{k},{inst:.6f},{errors[0]:.4f},{errors[-1]:.4f}")
    print(f"seconds {time.time() - t0:.1f}", file=sys.stderr)


if __name__ == "__main__":
    main()
