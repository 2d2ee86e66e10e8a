/* oc-bench.h — measurements for performance work: raw sgemm throughput and synthetic data.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "oc-dataset.h"

G_BEGIN_DECLS

/* Median GFLOP/s of @repeats square n×n×n sgemm calls with the current BLAS threads: the practical
 * peak the training loop is measured against. */
double     oc_bench_sgemm_gflops (int n, int repeats);

/* A dataset of uniform [0, 1) features and uniform random labels, for timing only. */
OcDataset *oc_bench_dataset_new  (guint n_train, guint n_test, guint dim, guint n_classes,
                                  guint64 seed, GError **error);

G_END_DECLS
