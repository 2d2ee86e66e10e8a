/* oc-bench.c — sgemm peak and synthetic data for benchmarks.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <cblas.h>
#include <math.h>
#include <stdlib.h>

#include "occam/oc-bench.h"
#include "occam/oc-error.h"
#include "occam/oc-prune.h"
#include "occam/oc-rng.h"
#include "oc-dataset-private.h"

static int
compare_double (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

double
oc_bench_sgemm_gflops (int n, int repeats)
{
  g_autofree float *a = g_new (float, (gsize) n * n);
  g_autofree float *b = g_new (float, (gsize) n * n);
  g_autofree float *c = g_new0 (float, (gsize) n * n);
  g_autofree double *rates = g_new (double, MAX (repeats, 1));
  OcRng rng;

  oc_rng_init (&rng, 0, OC_STREAM_USER);
  for (gsize i = 0; i < (gsize) n * n; i++)
    {
      a[i] = (float) oc_rng_uniform (&rng);
      b[i] = (float) oc_rng_uniform (&rng);
    }
  /* One untimed call warms the caches and OpenBLAS's thread pool. */
  cblas_sgemm (CblasRowMajor, CblasNoTrans, CblasNoTrans, n, n, n, 1, a, n, b, n, 0, c, n);
  for (int r = 0; r < MAX (repeats, 1); r++)
    {
      gint64 t0 = g_get_monotonic_time ();

      cblas_sgemm (CblasRowMajor, CblasNoTrans, CblasNoTrans, n, n, n, 1, a, n, b, n, 0, c, n);
      rates[r] = 2.0 * n * n * (double) n / ((g_get_monotonic_time () - t0) * 1e3);
    }
  qsort (rates, MAX (repeats, 1), sizeof (double), compare_double);
  return rates[MAX (repeats, 1) / 2];
}

OcDataset *
oc_bench_dataset_new (guint n_train, guint n_test, guint dim, guint n_classes, guint64 seed,
                      GError **error)
{
  g_autoptr (OcDataset) ds = g_new0 (OcDataset, 1);
  OcSplit *splits[] = { &ds->train, &ds->test };
  guint sizes[] = { n_train, n_test };
  OcRng rng;

  g_return_val_if_fail (dim > 0 && n_classes >= 2, NULL);

  ds->name = g_strdup ("random");
  ds->source = g_strdup ("generated");
  ds->dim = dim;
  ds->n_classes = n_classes;
  ds->n_groups = 1;
  ds->class_names = oc_class_names_numbered (n_classes);
  oc_rng_init (&rng, seed, OC_STREAM_GENERATOR);
  for (guint s = 0; s < G_N_ELEMENTS (splits); s++)
    {
      if (!oc_split_alloc (splits[s], sizes[s], dim, 1, s == 0 ? "train" : "test", error))
        return NULL;
      /* Random 8-bit pixels, as MNIST-like images have; the training split keeps them as codes
       * too, as oc_dataset_load() keeps IDX images'. */
      if (s == 0)
        oc_split_alloc_codes (splits[s], dim);
      for (gsize i = 0; i < (gsize) sizes[s] * dim; i++)
        {
          guint8 k = (guint8) oc_rng_below (&rng, 256);

          splits[s]->x[i] = oc_code_input (k);
          if (splits[s]->x8 != NULL)
            splits[s]->x8[i] = k;
        }
      for (guint i = 0; i < sizes[s]; i++)
        splits[s]->y[i] = (gint32) oc_rng_below (&rng, n_classes);
    }
  return g_steal_pointer (&ds);
}

/* Weights kept after @k levels at @rates (k real): each layer keeps (1 − its rate)^k. */
static void
ticket_keep (const OcMlp *mlp, const OcPruneRates *rates, double k, gsize *keep)
{
  for (guint l = 0; l < mlp->n_layers; l++)
    {
      gsize n = oc_mlp_weight_count (mlp, l);
      double rate = l + 1 == mlp->n_layers ? rates->output_rate : rates->rate;
      double kept = round ((double) n * pow (1.0 - rate, k));

      keep[l] = (gsize) CLAMP (kept, 1.0, (double) n);
    }
}

gboolean
oc_bench_ticket_mask (OcMlp *mlp, double density, GError **error)
{
  g_autofree gsize *keep = NULL;
  g_autofree float *scores = NULL;
  g_autoptr (OcPruneTopk) topk = NULL;
  OcPruneRates rates;
  double lo = 0, hi = 1, target;
  gsize total = oc_mlp_total_weights (mlp);

  g_return_val_if_fail (mlp != NULL && density > 0 && density <= 1, FALSE);

  if (!oc_mlp_enable_mask (mlp, error))
    return FALSE;
  oc_prune_rates_init (&rates);
  keep = g_new (gsize, mlp->n_layers);
  target = density * (double) total;
  /* The total kept falls with k: bracket the target, then bisect. */
  for (;;)
    {
      gsize sum = 0;

      ticket_keep (mlp, &rates, hi, keep);
      for (guint l = 0; l < mlp->n_layers; l++)
        sum += keep[l];
      if ((double) sum <= target || hi > 1e4)
        break;
      hi *= 2;
    }
  for (int it = 0; it < 100; it++)
    {
      double mid = 0.5 * (lo + hi);
      gsize sum = 0;

      ticket_keep (mlp, &rates, mid, keep);
      for (guint l = 0; l < mlp->n_layers; l++)
        sum += keep[l];
      if ((double) sum > target)
        lo = mid;
      else
        hi = mid;
    }
  ticket_keep (mlp, &rates, density >= 1 ? 0 : hi, keep);
  scores = oc_try_alloc0_n (mlp->n_params, sizeof (float), "pruning scores", error);
  if (scores == NULL)
    return FALSE;
  oc_prune_scores_magnitude (mlp, scores);
  topk = oc_prune_topk_new ();
  oc_prune_topk_mask (topk, mlp, scores, keep);
  oc_mlp_apply_mask (mlp);
  return TRUE;
}
