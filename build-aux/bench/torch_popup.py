#!/usr/bin/python3
"""PyTorch peer for `occam-cli prune --method edge-popup --densities …` on Fashion-MNIST.

What occam-cli computes for that command with its defaults: a dense 784-300-100-10 network
(PyTorch's nn.Linear initialisation) trained as the baseline, then for each density an
edge-popup run (Ramanujan et al. 2020): the weights frozen at the signed Kaiming constant
±√(2/fan_in), scaled by 1/√k for a layer keeping a fraction k; a score per weight initialised
U(±1/√fan_in) and trained; each layer keeps the top-k of |score| (the output layer too); the
gradient passes straight through the top-k. Every network trains with SGD, momentum 0.9, lr 0.1,
a cosine schedule over all steps, batch 128, minibatches from a fresh permutation every epoch,
and is evaluated (test set and the whole training set) at the start and after every epoch, as
occam-cli does.

Prints one CSV row per network (method,density,seed,test_accuracy) and the wall time. Run with
Debian's interpreter (/usr/bin/python3), where python3-torch lives.

SPDX-License-Identifier: GPL-3.0-or-later
"""
import argparse
import math
import multiprocessing
import os
import time

import torch

from torch_lth import load_fashion_mnist

SIZES = [784, 300, 100, 10]


class TopK(torch.autograd.Function):
    """The mask of the k largest values of a (non-negative) score tensor; straight-through."""

    @staticmethod
    def forward(ctx, a, k):
        mask = torch.zeros_like(a)
        mask.view(-1)[torch.topk(a.flatten(), k, sorted=False).indices] = 1
        return mask

    @staticmethod
    def backward(ctx, g):
        return g, None


def forward(weights, biases, masks, x):
    for l, (w, b) in enumerate(zip(weights, biases)):
        x = torch.nn.functional.linear(x, w * masks[l], b)
        if l + 1 < len(weights):
            x = torch.relu(x)
    return x


@torch.no_grad()
def accuracy(weights, biases, masks, x, y):
    return (forward(weights, biases, masks, x).argmax(1) == y).float().mean().item()


def run(density, data, args, seed):
    """Trains the dense network (density None) or edge-popup's scores; the final test accuracy."""
    x_train, y_train, x_test, y_test = data
    gen = torch.Generator().manual_seed(seed)
    weights, biases, scores, keep = [], [], [], []
    for fan_in, fan_out in zip(SIZES[:-1], SIZES[1:]):
        if density is None:
            layer = torch.nn.Linear(fan_in, fan_out)
            weights.append(layer.weight.detach().clone().requires_grad_(True))
            biases.append(layer.bias.detach().clone().requires_grad_(True))
            continue
        k = max(1, round(density * fan_in * fan_out))
        sign = torch.randint(0, 2, (fan_out, fan_in), generator=gen).float() * 2 - 1
        weights.append(sign * math.sqrt(2.0 / fan_in) * math.sqrt(fan_in * fan_out / k))
        biases.append(torch.zeros(fan_out))
        bound = 1.0 / math.sqrt(fan_in)
        scores.append(((torch.rand(fan_out, fan_in, generator=gen) * 2 - 1) * bound)
                      .requires_grad_(True))
        keep.append(k)
    params = weights + biases if density is None else scores
    opt = torch.optim.SGD(params, lr=args.lr, momentum=0.9)
    n = x_train.shape[0]
    steps = math.ceil(n / args.batch)
    total = steps * args.epochs
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda t: 0.5 * (1 + math.cos(math.pi * t / total)))

    def masks():
        if density is None:
            return [1.0] * len(weights)
        return [TopK.apply(s.abs(), k) for s, k in zip(scores, keep)]

    test_acc = None
    for epoch in range(args.epochs + 1):
        with torch.no_grad():
            m = masks()
            test_acc = accuracy(weights, biases, m, x_test, y_test)
            accuracy(weights, biases, m, x_train, y_train)
        if epoch == args.epochs:
            break
        perm = torch.randperm(n, generator=gen)
        for s in range(steps):
            idx = perm[s * args.batch:(s + 1) * args.batch]
            opt.zero_grad(set_to_none=True)
            loss = torch.nn.functional.cross_entropy(
                forward(weights, biases, masks(), x_train[idx]), y_train[idx])
            loss.backward()
            opt.step()
            sched.step()
    return test_acc


_DATA = None


def _init_worker(data_dir, threads):
    global _DATA
    torch.set_num_threads(threads)
    _DATA = load_fashion_mnist(data_dir)


def _task(density, args, seed):
    return run(density, _DATA, args, seed)


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data-dir", default="/usr/share/datasets/fashion-mnist")
    ap.add_argument("--densities", default="50,30,10,5", help="percent kept")
    ap.add_argument("--epochs", type=int, default=10)
    ap.add_argument("--lr", type=float, default=0.1)
    ap.add_argument("--batch", type=int, default=128)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--parallel", type=int, default=os.cpu_count(),
                    help="networks at once, one process each (as occam-cli's workers)")
    ap.add_argument("--threads", type=int, default=1, help="torch threads per process")
    args = ap.parse_args()
    densities = [float(d) / 100 for d in args.densities.split(",")]

    t0 = time.perf_counter()
    pool = multiprocessing.get_context("fork").Pool(args.parallel, _init_worker,
                                                    (args.data_dir, args.threads))
    jobs = [(None, pool.apply_async(_task, (None, args, args.seed)))]
    jobs += [(d, pool.apply_async(_task, (d, args, args.seed))) for d in densities]
    rows = [(d, job.get()) for d, job in jobs]
    pool.close()
    pool.join()
    seconds = time.perf_counter() - t0
    print("method,density,seed,test_accuracy")
    for d, acc in rows:
        print(f"{'dense' if d is None else 'edge-popup'},{1 if d is None else d:g},{args.seed},"
              f"{acc:.6f}")
    print(f"# seconds {seconds:.2f}")


if __name__ == "__main__":
    main()
