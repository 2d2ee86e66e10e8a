/* oc-rff.c — random Fourier and ReLU features with a minimum-norm least-squares readout.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Φ = features of the training inputs, [n, N]; coef = argmin ‖Φ·coef − Y‖ with the smallest norm
 * (oc_min_norm_lstsq); Y is the one-hot encoding of every label group. The projection X·Wᵀ runs in
 * single precision through sgemm (it is the large product), everything after it in double.
 *
 * For N ≥ 2n (fit_wide) Φ is kept in single precision — the projection behind it is single
 * precision already — and the dual Gram matrix ΦΦᵀ is summed in double from single-precision
 * products of 2048 features each (ssyrk, twice the rate of dsyrk), so no n × N double array
 * exists: 640 MB instead of 1.28 GB at N = 40,000, n = 4,000. On belkin-rff that changes the test
 * squared loss at N = 8,000…40,000 by at most 2e−7 relative; from N = 4,500 (κ(Φ) = 5,300) it
 * would flip a test example, so closer to N = n the whole double Φ is kept, as is the QR path of
 * oc_min_norm_lstsq that N = n needs.
 */
#include <cblas.h>
#include <math.h>
#include <string.h>

#include "occam/oc-error.h"
#include "occam/oc-rff.h"
#include "occam/oc-rng.h"
#include "occam/oc-train.h"
#include "oc-lstsq-private.h"
#include "oc-simd.h"
#include "oc-config.h"
#include <glib/gi18n-lib.h>

/* Rows per chunk when computing test features and predictions. */
#define OC_RFF_CHUNK 1024
/* Rows per chunk when computing the single-precision training features of fit_wide. */
#define OC_RFF_WIDE_ROWS 256
/* Feature columns per block of fit_wide's coefficients, and per single-precision product of its
 * Gram matrix (each block's product is rounded once, then summed in double). */
#define OC_RFF_BLOCK 512
#define OC_RFF_GRAM_BLOCK 2048
/* fit_wide from N = OC_RFF_WIDE_RATIO · n on: κ(Φ) is small there (below 2,000 in belkin-rff). */
#define OC_RFF_WIDE_RATIO 2

void
oc_rff_config_init (OcRffConfig *cfg)
{
  memset (cfg, 0, sizeof *cfg);
  cfg->kind = OC_FEATURES_FOURIER;
  cfg->n_features = 1000;
  cfg->sigma = 5.0;
}

typedef struct
{
  const OcRffConfig *cfg;
  guint              dim, n;  /* input dimension, number of features */
  float             *w;       /* [n, dim] */
  float             *b;       /* [n] phases (Fourier) */
  float             *z;       /* [chunk, n] projection scratch */
} Features;

static void
features_clear (Features *f)
{
  g_clear_pointer (&f->w, g_free);
  g_clear_pointer (&f->b, g_free);
  g_clear_pointer (&f->z, g_free);
}

static gboolean
features_init (Features *f, const OcRffConfig *cfg, guint dim, GError **error)
{
  OcRng rng;
  double sd = cfg->kind == OC_FEATURES_FOURIER ? 1.0 / cfg->sigma : 1.0 / sqrt (dim);

  f->cfg = cfg;
  f->dim = dim;
  f->n = cfg->n_features;
  f->w = oc_try_alloc ((gsize) f->n * dim * sizeof (float), "random feature weights", error);
  if (f->w == NULL)
    return FALSE;
  f->b = g_new (float, f->n);
  f->z = oc_try_alloc ((gsize) OC_RFF_CHUNK * f->n * sizeof (float), "a feature chunk", error);
  if (f->z == NULL)
    return FALSE;
  oc_rng_init (&rng, cfg->seed, OC_STREAM_FEATURES);
  oc_rng_fill_normal (&rng, f->w, (gsize) f->n * dim, sd);
  for (guint j = 0; j < f->n; j++)
    f->b[j] = (float) (2 * G_PI * oc_rng_uniform (&rng));
  return TRUE;
}

/* cos(x) for |x| up to ~1e6, vectorisable: reduce by 2π in two parts, then the even Taylor series
 * to r²⁰ on [−π, π] (truncation error below 1e−10). glibc's scalar cos costs ~15× more per element,
 * and the features of Belkin's sweep need a few billion of them. */
static inline double
fast_cos (double x)
{
  const double inv_2pi = 0.15915494309189535;
  const double two_pi_hi = 6.28318530717958623, two_pi_lo = 2.4492935982947064e-16;
  double k = nearbyint (x * inv_2pi);
  double r = (x - k * two_pi_hi) - k * two_pi_lo;
  double r2 = r * r;
  double p = -1.0 / 2432902008176640000.0;            /* −1/20! */
  p = p * r2 + 1.0 / 6402373705728000.0;               /* 1/18! */
  p = p * r2 - 1.0 / 20922789888000.0;                 /* −1/16! */
  p = p * r2 + 1.0 / 87178291200.0;                    /* 1/14! */
  p = p * r2 - 1.0 / 479001600.0;                      /* −1/12! */
  p = p * r2 + 1.0 / 3628800.0;                        /* 1/10! */
  p = p * r2 - 1.0 / 40320.0;                          /* −1/8! */
  p = p * r2 + 1.0 / 720.0;                            /* 1/6! */
  p = p * r2 - 1.0 / 24.0;                             /* −1/4! */
  p = p * r2 + 0.5;                                    /* 1/2! */
  return 1.0 - p * r2;
}

double
oc_rff_cos (double x)
{
  return fast_cos (x);
}

OC_VECTOR_CLONES static void
fourier_row (double *restrict out, const float *restrict z, const float *restrict b, int n,
             double scale)
{
  for (int j = 0; j < n; j++)
    out[j] = scale * fast_cos ((double) z[j] + b[j]);
}

OC_VECTOR_CLONES static void
relu_row (double *restrict out, const float *restrict z, int n, double scale)
{
  for (int j = 0; j < n; j++)
    out[j] = z[j] > 0 ? scale * z[j] : 0.0;
}

/* phi[rows, N] (double) for rows of x[rows, dim]; rows ≤ OC_RFF_CHUNK. */
static void
features_compute (Features *f, const float *x, int rows, double *phi)
{
  double scale = sqrt (2.0 / f->n);
  int n = (int) f->n;

  cblas_sgemm (CblasRowMajor, CblasNoTrans, CblasTrans, rows, n, (int) f->dim, 1.0f, x,
               (int) f->dim, f->w, (int) f->dim, 0.0f, f->z, n);
  for (int r = 0; r < rows; r++)
    {
      if (f->cfg->kind == OC_FEATURES_FOURIER)
        fourier_row (phi + (gsize) r * n, f->z + (gsize) r * n, f->b, n, scale);
      else
        relu_row (phi + (gsize) r * n, f->z + (gsize) r * n, n, scale);
    }
}

/* Columns [@j0, @j0 + @nb) of phi[n, ld] (single precision) into out[n, nb] (double). */
static void
columns_to_double (const float *phi, int n, int ld, int j0, int nb, double *out)
{
  for (int r = 0; r < n; r++)
    {
      const float *src = phi + (gsize) r * ld + j0;
      double *dst = out + (gsize) r * nb;

      for (int j = 0; j < nb; j++)
        dst[j] = src[j];
    }
}

/* The wide case (N ≫ n) without an n × N double array: the training features in single precision,
 * the dual Gram matrix ΦΦᵀ summed in double from single-precision products of OC_RFF_GRAM_BLOCK
 * features each, α from oc_lstsq_dual_gram, then coef = Φᵀα and the training predictions Φ·coef
 * in double from double copies of OC_RFF_BLOCK features at a time. @y [n, gk] are the targets, @coef [N, gk] and @pred [n, gk] receive the results. Sets
 * *@solved to FALSE, computing nothing, when the Gram matrix is numerically singular: the caller
 * then solves from the double features (the QR path). */
static gboolean
fit_wide (Features *f, const OcSplit *train, const double *y, int gk, double ridge,
          GCancellable *cancellable, double *coef, double *pred, OcRffResult *out,
          gboolean *solved, GError **error)
{
  int n = (int) train->n, nf = (int) f->n;
  g_autofree float *phi = NULL, *part = NULL;
  g_autofree double *chunk = NULL, *gram = NULL, *block = NULL, *alpha = NULL;
  gboolean singular = FALSE;

  *solved = FALSE;
  phi = oc_try_alloc ((gsize) n * nf * sizeof (float), "the training features (n × N)", error);
  if (phi == NULL)
    return FALSE;
  chunk = oc_try_alloc ((gsize) MIN (OC_RFF_WIDE_ROWS, n) * nf * sizeof (double), "a feature chunk",
                       error);
  if (chunk == NULL)
    return FALSE;
  for (int start = 0; start < n; start += OC_RFF_WIDE_ROWS)
    {
      int rows = MIN (OC_RFF_WIDE_ROWS, n - start);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      features_compute (f, train->x + (gsize) start * f->dim, rows, chunk);
      for (gsize i = 0; i < (gsize) rows * nf; i++)
        phi[(gsize) start * nf + i] = (float) chunk[i];
    }
  g_clear_pointer (&chunk, g_free);
  gram = oc_try_alloc0_n ((gsize) n * n, sizeof (double), "a Gram matrix", error);
  if (gram == NULL)
    return FALSE;
  part = oc_try_alloc ((gsize) n * n * sizeof (float), "a Gram matrix block", error);
  if (part == NULL)
    return FALSE;
  for (int j0 = 0; j0 < nf; j0 += OC_RFF_GRAM_BLOCK)
    {
      int nb = MIN (OC_RFF_GRAM_BLOCK, nf - j0);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      cblas_ssyrk (CblasRowMajor, CblasUpper, CblasNoTrans, n, nb, 1, phi + j0, nf, 0, part, n);
      for (int i = 0; i < n; i++)
        for (int j = i; j < n; j++)
          gram[(gsize) i * n + j] += part[(gsize) i * n + j];
    }
  g_clear_pointer (&part, g_free);
  block = oc_try_alloc ((gsize) n * OC_RFF_BLOCK * sizeof (double), "a feature block", error);
  if (block == NULL)
    return FALSE;
  alpha = g_memdup2 (y, (gsize) n * gk * sizeof (double));
  if (!oc_lstsq_dual_gram (gram, n, alpha, gk, ridge, &out->condition, &out->pseudo_inverse,
                           &singular, error))
    return FALSE;
  if (singular)
    return TRUE;
  g_clear_pointer (&gram, g_free);
  memset (pred, 0, (gsize) n * gk * sizeof (double));
  for (int j0 = 0; j0 < nf; j0 += OC_RFF_BLOCK)
    {
      int nb = MIN (OC_RFF_BLOCK, nf - j0);
      double *c = coef + (gsize) j0 * gk;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      columns_to_double (phi, n, nf, j0, nb, block);
      cblas_dgemm (CblasRowMajor, CblasTrans, CblasNoTrans, nb, gk, n, 1, block, nb, alpha, gk, 0,
                   c, gk);
      cblas_dgemm (CblasRowMajor, CblasNoTrans, CblasNoTrans, n, gk, nb, 1, block, nb, c, gk, 1,
                   pred, gk);
    }
  *solved = TRUE;
  return TRUE;
}

/* Adds the zero-one and squared losses of pred[rows, G·K] against labels[rows, G]. */
static void
score (const double *pred, const gint32 *labels, int rows, int g, int k, double *wrong,
       double *sq)
{
  for (int r = 0; r < rows; r++)
    {
      gboolean bad = FALSE;

      for (int gi = 0; gi < g; gi++)
        {
          const double *p = pred + ((gsize) r * g + gi) * k;
          int y = labels[(gsize) r * g + gi], best = 0;

          for (int c = 0; c < k; c++)
            {
              double d = p[c] - (c == y);

              *sq += d * d;
              if (p[c] > p[best])
                best = c;
            }
          bad |= best != y;
        }
      *wrong += bad;
    }
}

static gboolean
evaluate_split (Features *f, const OcSplit *split, const double *coef, int g, int k,
                GCancellable *cancellable, double *err, double *mse, GError **error)
{
  g_autofree double *phi = NULL, *pred = NULL;
  double wrong = 0, sq = 0;

  if (split->n == 0)
    {
      *err = *mse = NAN;
      return TRUE;
    }
  phi = oc_try_alloc ((gsize) MIN (OC_RFF_CHUNK, split->n) * f->n * sizeof (double),
                      "a feature chunk", error);
  if (phi == NULL)
    return FALSE;
  pred = g_new (double, (gsize) MIN (OC_RFF_CHUNK, split->n) * g * k);
  for (guint start = 0; start < split->n; start += OC_RFF_CHUNK)
    {
      int rows = (int) MIN (OC_RFF_CHUNK, split->n - start);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      features_compute (f, split->x + (gsize) start * f->dim, rows, phi);
      cblas_dgemm (CblasRowMajor, CblasNoTrans, CblasNoTrans, rows, g * k, (int) f->n, 1, phi,
                   (int) f->n, coef, g * k, 0, pred, g * k);
      score (pred, split->y + (gsize) start * g, rows, g, k, &wrong, &sq);
    }
  *err = wrong / split->n;
  *mse = sq / split->n;
  return TRUE;
}

gboolean
oc_rff_fit (const OcRffConfig *cfg, const OcDataset *data, GCancellable *cancellable,
            OcRffResult *out, GError **error)
{
  Features f = { 0 };
  g_autofree double *phi = NULL, *y = NULL, *coef = NULL, *pred = NULL;
  const OcSplit *train;
  gint64 t0 = g_get_monotonic_time ();
  int n, g, k, nf;
  double norm = 0;
  gboolean ok = FALSE, solved = FALSE;

  g_return_val_if_fail (cfg != NULL && data != NULL && out != NULL, FALSE);

  train = &data->train;
  if (cfg->n_features == 0 || cfg->n_features > 1000000)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                   _("features must be between 1 and 1000000 (got %u)"), cfg->n_features);
      return FALSE;
    }
  if (cfg->kind == OC_FEATURES_FOURIER && !(cfg->sigma > 0 && isfinite (cfg->sigma)))
    {
      g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                   _("sigma must be a positive number (got %g)"), cfg->sigma);
      return FALSE;
    }
  if (train->n == 0)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT, _("the training split is empty"));
      return FALSE;
    }
  n = (int) train->n;
  nf = (int) cfg->n_features;
  g = (int) data->n_groups;
  k = (int) data->n_classes;
  memset (out, 0, sizeof *out);
  out->n_features = cfg->n_features;
  out->n_train = train->n;
  oc_blas_set_threads (cfg->threads);

  if (!features_init (&f, cfg, data->dim, error))
    goto out;
  y = g_new0 (double, (gsize) n * g * k);
  for (int r = 0; r < n; r++)
    for (int gi = 0; gi < g; gi++)
      y[((gsize) r * g + gi) * k + train->y[(gsize) r * g + gi]] = 1.0;
  coef = oc_try_alloc ((gsize) nf * g * k * sizeof (double), "the coefficients", error);
  if (coef == NULL)
    goto out;
  pred = g_new (double, (gsize) n * g * k);
  if (nf >= OC_RFF_WIDE_RATIO * n
      && !fit_wide (&f, train, y, g * k, cfg->ridge, cancellable, coef, pred, out, &solved,
                    error))
    goto out;
  if (!solved)
    {
      phi = oc_try_alloc ((gsize) n * nf * sizeof (double), "the training features (n × N)",
                          error);
      if (phi == NULL)
        goto out;
      for (int start = 0; start < n; start += OC_RFF_CHUNK)
        {
          int rows = MIN (OC_RFF_CHUNK, n - start);

          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            goto out;
          features_compute (&f, train->x + (gsize) start * data->dim, rows,
                            phi + (gsize) start * nf);
        }
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto out;
      if (!oc_min_norm_lstsq (phi, n, nf, y, g * k, cfg->ridge, coef, &out->condition,
                              &out->pseudo_inverse, error))
        goto out;
      /* Training predictions from the features already at hand, before they are freed. */
      cblas_dgemm (CblasRowMajor, CblasNoTrans, CblasNoTrans, n, g * k, nf, 1, phi, nf, coef,
                   g * k, 0, pred, g * k);
      g_clear_pointer (&phi, g_free);
    }
  for (gsize i = 0; i < (gsize) nf * g * k; i++)
    norm += coef[i] * coef[i];
  out->coef_norm = sqrt (norm);
  {
    double wrong = 0, sq = 0;

    score (pred, train->y, n, g, k, &wrong, &sq);
    out->train_error = wrong / n;
    out->train_mse = sq / n;
  }
  if (!evaluate_split (&f, &data->test, coef, g, k, cancellable, &out->test_error,
                       &out->test_mse, error))
    goto out;
  out->seconds = (g_get_monotonic_time () - t0) / 1e6;
  ok = TRUE;

out:
  features_clear (&f);
  return ok;
}

static const char *const feature_names[] = { "fourier", "relu" };

gboolean
oc_feature_kind_from_string (const char *s, OcFeatureKind *out)
{
  for (guint i = 0; i < G_N_ELEMENTS (feature_names); i++)
    if (g_strcmp0 (s, feature_names[i]) == 0)
      {
        *out = (OcFeatureKind) i;
        return TRUE;
      }
  return FALSE;
}

const char *
oc_feature_kind_to_string (OcFeatureKind k)
{
  g_return_val_if_fail ((guint) k < G_N_ELEMENTS (feature_names), NULL);
  return feature_names[k];
}
