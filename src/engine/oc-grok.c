/* oc-grok.c — the measures of a grokking run: embedding spectrum, summary steps, pair grids.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include "occam/oc-error.h"
#include "occam/oc-grok.h"
#include "oc-config.h"
#include <glib/gi18n-lib.h>

static int
cmp_double_desc (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x < y) - (x > y);
}

/* The sum of the @top_k largest of @e[1…n−1] (the non-constant frequencies); sorts @scratch. */
static double
top_k_sum (const double *e, guint n, guint top_k, double *scratch)
{
  double top = 0;

  if (n < 2)
    return 0;
  memcpy (scratch, e + 1, sizeof (double) * (n - 1));
  qsort (scratch, n - 1, sizeof (double), cmp_double_desc);
  for (guint k = 0; k < MIN (top_k, n - 1); k++)
    top += scratch[k];
  return top;
}

gboolean
oc_grok_fourier_spectrum (const OcMlp *model, guint p, guint top_k, double *energy,
                          double *share)
{
  guint n_freq = oc_grok_n_frequencies (p), hidden, inputs;
  const float *w;
  double total = 0, top = 0;
  g_autofree double *cos_t = NULL, *sin_t = NULL, *unit = NULL, *scratch = NULL;

  g_return_val_if_fail (model != NULL && energy != NULL && p >= 2, FALSE);

  inputs = model->sizes[0];
  hidden = model->sizes[1];
  if (inputs != 2 * p)
    return FALSE;
  w = oc_mlp_weights (model, 0); /* W₀ [hidden, 2p]: row h, column a (first) or p + b (second) */
  /* cos(2π j/p) and sin(2π j/p) for j = k·a mod p: one table serves every frequency. */
  cos_t = g_new (double, p);
  sin_t = g_new (double, p);
  unit = g_new (double, n_freq);
  scratch = g_new (double, n_freq);
  for (guint j = 0; j < p; j++)
    {
      cos_t[j] = cos (2 * G_PI * j / p);
      sin_t[j] = sin (2 * G_PI * j / p);
    }
  memset (energy, 0, sizeof (double) * n_freq);
  for (guint h = 0; h < hidden; h++)
    {
      double unit_total = 0;

      memset (unit, 0, sizeof (double) * n_freq);
      for (guint operand = 0; operand < 2; operand++)
        {
          const float *row = w + (gsize) h * inputs + operand * p;

          for (guint k = 0; k < n_freq; k++)
            {
              double re = 0, im = 0, e;
              guint j = 0;

              for (guint a = 0; a < p; a++)
                {
                  re += row[a] * cos_t[j];
                  im -= row[a] * sin_t[j];
                  j += k;
                  if (j >= p)
                    j -= p;
                }
              /* |F(k)|² / p, so that Σ over all p frequencies is Σ_a row[a]² (Parseval); k and
               * p − k carry the same energy for a real row. */
              e = (re * re + im * im) / p;
              unit[k] += (k == 0 || 2 * k == p) ? e : 2 * e;
            }
        }
      for (guint k = 0; k < n_freq; k++)
        {
          energy[k] += unit[k];
          unit_total += unit[k];
        }
      total += unit_total;
      top += top_k_sum (unit, n_freq, top_k, scratch);
    }
  if (share != NULL)
    *share = total > 0 ? top / total : NAN;
  return TRUE;
}

void
oc_grok_summary_steps (const OcEvalPoint *evals, guint n, gint64 *memorised, gint64 *generalised)
{
  gint64 mem = -1, gen = -1;

  g_return_if_fail (evals != NULL || n == 0);

  for (guint i = 0; i < n; i++)
    {
      /* Accuracies are compared as errors so that 1 − 0.99 rounding cannot move the step. */
      if (mem < 0 && evals[i].train_error <= 1 - OC_GROK_MEMORISED_ACCURACY + 1e-12)
        mem = (gint64) evals[i].iteration;
      if (gen < 0 && evals[i].test_error <= 1 - OC_GROK_GENERALISED_ACCURACY + 1e-12)
        gen = (gint64) evals[i].iteration;
    }
  if (memorised != NULL)
    *memorised = mem;
  if (generalised != NULL)
    *generalised = gen;
}

static guint
argmax_block (const float *x, guint n)
{
  guint best = 0;

  for (guint i = 1; i < n; i++)
    if (x[i] > x[best])
      best = i;
  return best;
}

gboolean
oc_grok_decode_pair (const OcDataset *data, const float *x, guint *a, guint *b)
{
  g_return_val_if_fail (data != NULL && x != NULL && a != NULL && b != NULL, FALSE);

  if (g_strcmp0 (data->name, "modadd") == 0)
    {
      guint p = data->dim / 2;

      *a = argmax_block (x, p);
      *b = argmax_block (x + p, p);
      return TRUE;
    }
  if (g_strcmp0 (data->name, "addition") == 0)
    {
      /* Digit i of a (least significant first) is one-hot in x[10i…10i+9], of b in
       * x[10(digits + i)…]. */
      guint digits = data->dim / 20, scale = 1;

      *a = *b = 0;
      for (guint i = 0; i < digits; i++, scale *= 10)
        {
          *a += argmax_block (x + 10 * i, 10) * scale;
          *b += argmax_block (x + 10 * (digits + i), 10) * scale;
        }
      return TRUE;
    }
  return FALSE;
}

/* Every output group of row @r predicted right. */
static gboolean
row_right (const float *logits, const gint32 *y, guint G, guint K)
{
  for (guint g = 0; g < G; g++)
    if (argmax_block (logits + (gsize) g * K, K) != (guint) y[g])
      return FALSE;
  return TRUE;
}

guint8 *
oc_grok_pair_grid (const OcMlp *model, const OcDataset *data, guint *rows, guint *cols,
                   GError **error)
{
  g_autofree guint8 *grid = NULL;
  g_autofree float *logits = NULL;
  guint side, out;
  const OcSplit *test = &data->test, *train = &data->train;

  g_return_val_if_fail (model != NULL && data != NULL && rows != NULL && cols != NULL, NULL);

  if (g_strcmp0 (data->name, "modadd") == 0)
    side = data->dim / 2;
  else if (g_strcmp0 (data->name, "addition") == 0)
    side = (guint) llround (pow (10, data->dim / 20));
  else
    {
      g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                   _("%s: pair grids are for the addition and modadd datasets"), data->name);
      return NULL;
    }
  out = data->n_groups * data->n_classes;
  grid = g_new0 (guint8, (gsize) side * side);
  for (guint i = 0; i < train->n; i++)
    {
      guint a, b;

      oc_grok_decode_pair (data, train->x + (gsize) i * data->dim, &a, &b);
      grid[(gsize) a * side + b] = OC_GROK_PAIR_TRAIN;
    }
  if (test->n > 0)
    {
      logits = oc_try_alloc0_n ((gsize) test->n * out, sizeof (float), "held-out predictions",
                                error);
      if (logits == NULL || !oc_mlp_predict (model, test->x, test->n, logits, error))
        return NULL;
    }
  for (guint i = 0; i < test->n; i++)
    {
      guint a, b;

      oc_grok_decode_pair (data, test->x + (gsize) i * data->dim, &a, &b);
      grid[(gsize) a * side + b] = row_right (logits + (gsize) i * out,
                                              test->y + (gsize) i * data->n_groups,
                                              data->n_groups, data->n_classes)
                                     ? OC_GROK_PAIR_RIGHT : OC_GROK_PAIR_WRONG;
    }
  *rows = *cols = side;
  return g_steal_pointer (&grid);
}
