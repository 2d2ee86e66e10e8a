/* oc-bench.h — measurements for performance work: raw sgemm throughput and synthetic data.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "oc-dataset.h"
#include "oc-mlp.h"

G_BEGIN_DECLS

/* Median GFLOP/s of @repeats square n×n×n sgemm calls with the current BLAS threads: the practical
 * peak the training loop is measured against. */
double     oc_bench_sgemm_gflops (int n, int repeats);

/* A dataset of uniform [0, 1) features and uniform random labels, for timing only. */
OcDataset *oc_bench_dataset_new  (guint n_train, guint n_test, guint dim, guint n_classes,
                                  guint64 seed, GError **error);

/* Prunes @mlp by magnitude to a lottery ticket keeping the fraction @density (0 < density ≤ 1)
 * of all its weights, in the proportions of Frankle & Carbin's iterative pruning (layer-wise:
 * hidden layers lose 20 % and the output layer 10 % per level, so after k levels the hidden
 * layers keep 0.8^k and the output layer 0.9^k; k is real here, found so that the total matches).
 * Enables the mask. Returns FALSE (with @error) when the mask cannot be allocated. */
gboolean   oc_bench_ticket_mask  (OcMlp *mlp, double density, GError **error);

G_END_DECLS
