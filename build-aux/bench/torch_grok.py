#!/usr/bin/python3
"""PyTorch peer for `occam-cli grok --preset grokking-mlp`: (a + b) mod p with one-hot a and b
concatenated, half of the pairs training, a 2p-256-p ReLU MLP with PyTorch's default init,
AdamW (lr 1e-3, betas 0.9/0.98, weight decay 1), full batch, cross-entropy, evaluated (train and
held-out accuracy and loss) at the same log-spaced steps as Occam's log:200 schedule. Prints one
CSV row: the wall seconds of the whole run, its threads, and the summary steps (train accuracy
first >= 99 %, held-out first >= 95 %), so both sides' grokking can be compared, not only their
speed. Run with Debian's interpreter (/usr/bin/python3) where python3-torch lives.

SPDX-License-Identifier: GPL-3.0-or-later
"""
import argparse
import os
import time

import torch


def log_steps(total, n):
    steps = []
    for k in range(n):
        s = total if k == n - 1 else round(total ** (k / (n - 1)))
        s = min(max(s, 1), total)
        if not steps or s > steps[-1]:
            steps.append(s)
    return set(steps)


def run(p, fraction, hidden, iterations, evals, wd, seed, threads):
    torch.set_num_threads(threads)
    torch.manual_seed(seed)
    a = torch.arange(p).repeat_interleave(p)
    b = torch.arange(p).repeat(p)
    x = torch.cat([torch.nn.functional.one_hot(a, p), torch.nn.functional.one_hot(b, p)], 1).float()
    y = (a + b) % p
    perm = torch.randperm(p * p, generator=torch.Generator().manual_seed(seed))
    n_train = round(fraction * p * p)
    tr, te = perm[:n_train], perm[n_train:]
    xtr, ytr, xte, yte = x[tr], y[tr], x[te], y[te]
    model = torch.nn.Sequential(torch.nn.Linear(2 * p, hidden), torch.nn.ReLU(),
                                torch.nn.Linear(hidden, p))
    opt = torch.optim.AdamW(model.parameters(), lr=1e-3, betas=(0.9, 0.98), weight_decay=wd)
    loss_fn = torch.nn.CrossEntropyLoss()
    at = log_steps(iterations, evals)
    memorised = generalised = None
    t0 = time.perf_counter()
    for step in range(1, iterations + 1):
        opt.zero_grad(set_to_none=True)
        loss = loss_fn(model(xtr), ytr)
        loss.backward()
        opt.step()
        if step in at:
            with torch.no_grad():
                train_acc = (model(xtr).argmax(1) == ytr).float().mean().item()
                test_acc = (model(xte).argmax(1) == yte).float().mean().item()
            if memorised is None and train_acc >= 0.99:
                memorised = step
            if generalised is None and test_acc >= 0.95:
                generalised = step
    seconds = time.perf_counter() - t0
    return seconds, memorised, generalised, test_acc


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--modulus", type=int, default=97)
    ap.add_argument("--train-fraction", type=float, default=0.5)
    ap.add_argument("--hidden", type=int, default=256)
    ap.add_argument("--iterations", type=int, default=20000)
    ap.add_argument("--evals", type=int, default=200)
    ap.add_argument("--weight-decay", type=float, default=1.0)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--threads", type=int, default=0, help="0: every core")
    args = ap.parse_args()
    threads = args.threads or os.cpu_count()
    seconds, mem, gen, acc = run(args.modulus, args.train_fraction, args.hidden, args.iterations,
                                 args.evals, args.weight_decay, args.seed, threads)
    print("seconds,threads,memorised_step,generalised_step,test_accuracy")
    print(f"{seconds:.3f},{threads},{mem or ''},{gen or ''},{acc:.4f}", flush=True)


if __name__ == "__main__":
    main()
