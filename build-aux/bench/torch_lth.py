#!/usr/bin/python3
"""PyTorch peer for `occam-cli prune`: the same lottery-ticket procedure on Fashion-MNIST.

LeNet-300-100 (ReLU), Glorot-normal weights and zero biases, Adam, minibatches from a fresh
permutation every epoch, evaluation (test set and the first N training examples) at iteration 0,
every K iterations and at the end. Iterative magnitude pruning: per level, each hidden layer loses
RATE of its remaining weights and the output layer OUTPUT_RATE, by |w| of the trained weights;
survivors rewind to their initial values. Controls at IMP's per-layer densities: reinit (same
mask, new initialisation) and random (random mask, original initialisation). Masks are applied the
way OpenLTH does it, by multiplying the weights with the mask before every forward pass.

Prints one CSV row per control and level (as occam-cli's first columns) and the wall time.
Run with Debian's interpreter (/usr/bin/python3), where python3-torch lives.

SPDX-License-Identifier: GPL-3.0-or-later
"""
import argparse
import math
import multiprocessing
import os
import sys
import time

import numpy as np
import torch

from idx import load_idx


def load_fashion_mnist(folder):
    def images(name):
        return torch.from_numpy(load_idx(os.path.join(folder, name)).reshape(-1, 784)
                                .astype(np.float32) / 255.0)

    def labels(name):
        return torch.from_numpy(load_idx(os.path.join(folder, name)).astype(np.int64))

    return (images("train-images-idx3-ubyte.gz"), labels("train-labels-idx1-ubyte.gz"),
            images("t10k-images-idx3-ubyte.gz"), labels("t10k-labels-idx1-ubyte.gz"))


SIZES = [784, 300, 100, 10]


def glorot_init(gen):
    """Weights [out, in] ~ N(0, 2 / (in + out)), biases 0."""
    params = []
    for fan_in, fan_out in zip(SIZES[:-1], SIZES[1:]):
        w = torch.randn(fan_out, fan_in, generator=gen) * math.sqrt(2.0 / (fan_in + fan_out))
        params += [w, torch.zeros(fan_out)]
    return params


def forward(params, masks, x):
    n_layers = len(params) // 2
    for l in range(n_layers):
        w, b = params[2 * l], params[2 * l + 1]
        x = torch.nn.functional.linear(x, w * masks[l], b)
        if l + 1 < n_layers:
            x = torch.relu(x)
    return x


@torch.no_grad()
def accuracy(params, masks, x, y):
    return (forward(params, masks, x).argmax(1) == y).float().mean().item()


def train(params0, masks, data, args, seed):
    """Trains a copy of params0 under masks; returns (trained params, final test accuracy)."""
    x_train, y_train, x_test, y_test = data
    params = [p.clone().requires_grad_(True) for p in params0]
    opt = torch.optim.Adam(params, lr=args.lr)
    gen = torch.Generator().manual_seed(seed)
    n = x_train.shape[0]
    perm, pos = None, n
    x_eval, y_eval = x_train[:args.train_eval_examples], y_train[:args.train_eval_examples]
    for it in range(args.iterations + 1):
        if it % args.eval_every == 0 or it == args.iterations:
            test_acc = accuracy(params, masks, x_test, y_test)
            accuracy(params, masks, x_eval, y_eval)
        if it == args.iterations:
            break
        if pos >= n:
            perm, pos = torch.randperm(n, generator=gen), 0
        idx = perm[pos:pos + args.batch]
        pos += args.batch
        opt.zero_grad(set_to_none=True)
        loss = torch.nn.functional.cross_entropy(forward(params, masks, x_train[idx]), y_train[idx])
        loss.backward()
        opt.step()
    with torch.no_grad():
        trained = [p.detach() * (masks[i // 2] if i % 2 == 0 else 1) for i, p in enumerate(params)]
    return trained, test_acc


def prune_magnitude(trained, masks, rate, output_rate):
    """Each layer loses ceil(rate · alive) of its alive weights with the smallest |w|."""
    out = []
    for l, m in enumerate(masks):
        r = output_rate if l == len(masks) - 1 else rate
        w = trained[2 * l].abs().flatten()
        alive = m.flatten().nonzero().squeeze(1)
        k = math.ceil(r * alive.numel() - 1e-9)
        order = torch.argsort(w[alive], stable=True)
        new = m.flatten().clone()
        new[alive[order[:k]]] = 0
        out.append(new.view_as(m))
    return out


def random_masks(masks, gen):
    out = []
    for m in masks:
        keep = int(m.sum().item())
        new = torch.zeros(m.numel())
        new[torch.randperm(m.numel(), generator=gen)[:keep]] = 1
        out.append(new.view_as(m))
    return out


def density(masks):
    return sum(m.sum().item() for m in masks) / sum(m.numel() for m in masks)


_DATA = None


def _init_worker(data_dir, threads):
    global _DATA
    torch.set_num_threads(threads)
    _DATA = load_fashion_mnist(data_dir)


def _train_task(params0, masks, args, seed):
    trained, acc = train(params0, masks, _DATA, args, seed)
    return trained, acc


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data-dir", default="/usr/share/datasets/fashion-mnist")
    ap.add_argument("--iterations", type=int, default=5000)
    ap.add_argument("--levels", type=int, default=20)
    ap.add_argument("--controls", default="imp,reinit,random")
    ap.add_argument("--rate", type=float, default=0.2)
    ap.add_argument("--output-rate", type=float, default=0.1)
    ap.add_argument("--lr", type=float, default=1.2e-3)
    ap.add_argument("--batch", type=int, default=60)
    ap.add_argument("--eval-every", type=int, default=100)
    ap.add_argument("--train-eval-examples", type=int, default=5000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--parallel", type=int, default=os.cpu_count(),
                    help="trainings at once, one process each (as occam-cli's workers)")
    ap.add_argument("--threads", type=int, default=1, help="torch threads per process")
    args = ap.parse_args()
    controls = [c for c in args.controls.split(",") if c != "imp"]
    for c in controls:
        if c not in ("reinit", "random"):
            sys.exit(f"unknown control {c}")

    # The same task graph as occam-cli: IMP level L+1 needs IMP level L; the controls of level L
    # need IMP's mask at L and run beside the IMP chain.
    t0 = time.perf_counter()
    pool = multiprocessing.get_context("fork").Pool(args.parallel, _init_worker,
                                                    (args.data_dir, args.threads))
    theta0 = glorot_init(torch.Generator().manual_seed(args.seed))
    masks = [torch.ones(o, i) for i, o in zip(SIZES[:-1], SIZES[1:])]
    rows, pending = [], []
    for level in range(args.levels + 1):
        trained, acc = pool.apply(_train_task, (theta0, masks, args, args.seed))
        rows.append(("imp", level, density(masks), acc))
        for c in controls:
            if level == 0:
                rows.append((c, 0, 1.0, acc))
                continue
            gen = torch.Generator().manual_seed(1000003 * args.seed + level)
            if c == "reinit":
                start, cmask = glorot_init(gen), masks
            else:
                start, cmask = theta0, random_masks(masks, gen)
            pending.append((c, level, density(cmask),
                            pool.apply_async(_train_task, (start, cmask, args, args.seed))))
        masks = prune_magnitude(trained, masks, args.rate, args.output_rate)
    for c, level, d, res in pending:
        rows.append((c, level, d, res.get()[1]))
    pool.close()
    pool.join()
    seconds = time.perf_counter() - t0
    order = {"imp": 0, "reinit": 1, "random": 2}
    print("control,seed,level,density,test_accuracy")
    for c, level, d, acc in sorted(rows, key=lambda r: (order[r[0]], r[1])):
        print(f"{c},{args.seed},{level},{d:.9g},{acc:.9g}")
    print(f"# seconds {seconds:.1f} parallel {args.parallel} threads {args.threads}", flush=True)


if __name__ == "__main__":
    main()
