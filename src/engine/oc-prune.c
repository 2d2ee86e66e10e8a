/* oc-prune.c — scores and masks for iterative magnitude pruning and its controls.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "occam/oc-error.h"
#include "occam/oc-prune.h"
#include "oc-config.h"
#include <glib/gi18n-lib.h>

void
oc_prune_rates_init (OcPruneRates *rates)
{
  rates->scope = OC_PRUNE_SCOPE_LAYER;
  rates->rate = 0.2;
  rates->output_rate = 0.1;
  rates->prune_output = TRUE;
}

gsize
oc_prune_count (gsize alive, double rate)
{
  double n = ceil (rate * (double) alive - 1e-9);

  if (n <= 0)
    return 0;
  return MIN ((gsize) n, alive);
}

typedef struct
{
  float score;
  gsize pos; /* index into the parameter arena */
} Ranked;

static int
cmp_ranked (const void *a, const void *b)
{
  const Ranked *x = a, *y = b;

  if (x->score != y->score)
    return x->score < y->score ? -1 : 1;
  return (x->pos > y->pos) - (x->pos < y->pos);
}

/* Collects the alive weights of the layers in [first, last] and masks the @n lowest-ranked. */
static void
prune_lowest (OcMlp *mlp, const float *scores, guint first, guint last, double rate)
{
  gsize alive = 0, k = 0, n;
  g_autofree Ranked *r = NULL;

  for (guint l = first; l <= last; l++)
    alive += oc_mlp_count_alive (mlp, (int) l);
  n = oc_prune_count (alive, rate);
  if (n == 0)
    return;
  r = g_new (Ranked, alive);
  for (guint l = first; l <= last; l++)
    {
      gsize off = mlp->w_offset[l], nw = oc_mlp_weight_count (mlp, l);

      for (gsize i = 0; i < nw; i++)
        if (mlp->mask[off + i] != 0.0f)
          {
            /* NaN scores sort first: a weight we cannot rank is not one to keep. */
            float s = scores[off + i];

            r[k].score = isnan (s) ? -INFINITY : s;
            r[k].pos = off + i;
            k++;
          }
    }
  qsort (r, alive, sizeof (Ranked), cmp_ranked);
  for (gsize i = 0; i < n; i++)
    mlp->mask[r[i].pos] = 0.0f;
}

void
oc_prune_by_scores (OcMlp *mlp, const float *scores, const OcPruneRates *rates)
{
  guint last;

  g_return_if_fail (mlp != NULL && mlp->mask != NULL && scores != NULL && rates != NULL);

  last = mlp->n_layers - 1;
  if (rates->scope == OC_PRUNE_SCOPE_GLOBAL)
    {
      guint hi = rates->prune_output || last == 0 ? last : last - 1;

      prune_lowest (mlp, scores, 0, hi, rates->rate);
    }
  else
    for (guint l = 0; l <= last; l++)
      {
        if (l == last && l > 0 && !rates->prune_output)
          continue;
        prune_lowest (mlp, scores, l, l, l == last && l > 0 ? rates->output_rate : rates->rate);
      }
  oc_mlp_apply_mask (mlp);
}

void
oc_prune_scores_magnitude (const OcMlp *mlp, float *scores)
{
  for (gsize i = 0; i < mlp->n_params; i++)
    scores[i] = fabsf (mlp->params[i]);
}

void
oc_prune_random_mask (OcMlp *mlp, const gsize *alive, OcRng *rng)
{
  g_return_if_fail (mlp != NULL && mlp->mask != NULL && alive != NULL && rng != NULL);

  for (guint l = 0; l < mlp->n_layers; l++)
    {
      gsize nw = oc_mlp_weight_count (mlp, l), keep = MIN (alive[l], nw);
      float *m = mlp->mask + mlp->w_offset[l];
      g_autofree guint32 *perm = g_new (guint32, nw);

      /* A uniformly random subset of exactly `keep` positions: the first `keep` of a shuffle. */
      for (gsize i = 0; i < nw; i++)
        perm[i] = (guint32) i;
      oc_rng_shuffle_u32 (rng, perm, nw);
      for (gsize i = 0; i < nw; i++)
        m[i] = 0.0f;
      for (gsize i = 0; i < keep; i++)
        m[perm[i]] = 1.0f;
    }
  oc_mlp_apply_mask (mlp);
}

gboolean
oc_prune_scores_snip (const OcMlp *mlp, OcLoss loss, const OcDataset *data, const OcSplit *split,
                      guint n, float *scores, GError **error)
{
  n = MIN (n, split->n);
  if (n == 0)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                   _("SNIP needs training examples, and the training split is empty"));
      return FALSE;
    }
  if (!oc_mlp_gradient (mlp, loss, data->n_groups, data->n_classes, split->x, split->y, n, scores,
                        NULL, error))
    return FALSE;
  for (gsize i = 0; i < mlp->n_params; i++)
    scores[i] = fabsf (scores[i] * mlp->params[i]);
  return TRUE;
}

void
oc_prune_scores_synflow (const OcMlp *mlp, float *scores)
{
  guint L = mlp->n_layers, max_w = 0;
  g_autofree double *a = NULL;   /* forward activations a_l, [(L+1) × max width] */
  g_autofree double *g = NULL;   /* backward g_l = ∂R/∂a_l, same shape */

  for (guint l = 0; l <= L; l++)
    max_w = MAX (max_w, mlp->sizes[l]);
  a = g_new0 (double, (gsize) (L + 1) * max_w);
  g = g_new0 (double, (gsize) (L + 1) * max_w);
  /* a_0 = 1; a_l = |W_l| a_{l−1} (masked weights are already 0, ReLU is the identity on ≥ 0). */
  for (guint j = 0; j < mlp->sizes[0]; j++)
    a[j] = 1.0;
  for (guint l = 0; l < L; l++)
    {
      const float *w = oc_mlp_weights (mlp, l);
      const double *in = a + (gsize) l * max_w;
      double *out = a + (gsize) (l + 1) * max_w;

      for (guint o = 0; o < mlp->sizes[l + 1]; o++)
        {
          double s = 0;

          for (guint i = 0; i < mlp->sizes[l]; i++)
            s += fabs ((double) w[(gsize) o * mlp->sizes[l] + i]) * in[i];
          out[o] = s;
        }
    }
  /* R = 1ᵀ a_L: g_L = 1, g_{l−1} = |W_l|ᵀ g_l. */
  for (guint o = 0; o < mlp->sizes[L]; o++)
    g[(gsize) L * max_w + o] = 1.0;
  for (guint l = L; l-- > 1;)
    {
      const float *w = oc_mlp_weights (mlp, l);
      const double *gout = g + (gsize) (l + 1) * max_w;
      double *gin = g + (gsize) l * max_w;

      for (guint i = 0; i < mlp->sizes[l]; i++)
        gin[i] = 0;
      for (guint o = 0; o < mlp->sizes[l + 1]; o++)
        for (guint i = 0; i < mlp->sizes[l]; i++)
          gin[i] += fabs ((double) w[(gsize) o * mlp->sizes[l] + i]) * gout[o];
    }
  memset (scores, 0, sizeof (float) * mlp->n_params);
  /* ∂R/∂|w_oi| = g_{l+1}[o] · a_l[i]; the score is that times |w_oi|. */
  for (guint l = 0; l < L; l++)
    {
      const float *w = oc_mlp_weights (mlp, l);
      const double *gout = g + (gsize) (l + 1) * max_w, *in = a + (gsize) l * max_w;
      float *s = scores + mlp->w_offset[l];

      for (guint o = 0; o < mlp->sizes[l + 1]; o++)
        for (guint i = 0; i < mlp->sizes[l]; i++)
          {
            gsize k = (gsize) o * mlp->sizes[l] + i;

            s[k] = (float) (gout[o] * in[i] * fabs ((double) w[k]));
          }
    }
}

double
oc_prune_density (const OcMlp *mlp, int l)
{
  gsize total = l < 0 ? oc_mlp_total_weights (mlp) : oc_mlp_weight_count (mlp, (guint) l);

  return total > 0 ? (double) oc_mlp_count_alive (mlp, l) / (double) total : 0.0;
}

double
oc_prune_mask_iou (const OcMlp *a, const OcMlp *b, int l)
{
  gsize inter = 0, uni = 0;

  g_return_val_if_fail (a->n_params == b->n_params, NAN);

  for (guint k = 0; k < a->n_layers; k++)
    {
      gsize off = a->w_offset[k], nw = oc_mlp_weight_count (a, k);

      if (l >= 0 && (guint) l != k)
        continue;
      for (gsize i = 0; i < nw; i++)
        {
          gboolean x = a->mask == NULL || a->mask[off + i] != 0.0f;
          gboolean y = b->mask == NULL || b->mask[off + i] != 0.0f;

          inter += x && y;
          uni += x || y;
        }
    }
  return uni > 0 ? (double) inter / (double) uni : 1.0;
}

/* Edge-popup and sanity checks ---------------------------------------------------------------- */

void
oc_prune_keep_counts (const OcMlp *mlp, double density, gboolean prune_output, gsize *keep)
{
  for (guint l = 0; l < mlp->n_layers; l++)
    {
      gsize nw = oc_mlp_weight_count (mlp, l);

      if (l + 1 == mlp->n_layers && l > 0 && !prune_output)
        keep[l] = nw;
      else
        keep[l] = CLAMP ((gsize) llround (density * (double) nw), 1, nw);
    }
}

#define TOPK_BINS 65536

struct _OcPruneTopk
{
  guint32 hist[TOPK_BINS];
};

OcPruneTopk *
oc_prune_topk_new (void)
{
  return g_new0 (OcPruneTopk, 1);
}

void
oc_prune_topk_free (OcPruneTopk *topk)
{
  g_free (topk);
}

/* |s| as an unsigned key in the order of the magnitudes; NaN ranks lowest. */
static inline guint32
topk_key (float s)
{
  guint32 bits;

  if (isnan (s))
    return 0;
  memcpy (&bits, &s, sizeof bits);
  return bits & 0x7fffffffu;
}

/* The mask of the @k largest keys of s[n] (ties: earlier position first) into m[n]. */
static void
topk_layer (OcPruneTopk *t, float *m, const float *s, gsize n, gsize k)
{
  gsize above = 0, need, ties;
  guint32 hi = 0, lo = 0, threshold;

  if (k >= n || k == 0)
    {
      for (gsize i = 0; i < n; i++)
        m[i] = k > 0 ? 1.0f : 0.0f;
      return;
    }
  /* Pass 1: which high half holds the k-th largest key. */
  memset (t->hist, 0, sizeof t->hist);
  for (gsize i = 0; i < n; i++)
    t->hist[topk_key (s[i]) >> 16]++;
  for (guint32 b = TOPK_BINS; b-- > 0;)
    if (above + t->hist[b] >= k)
      {
        hi = b;
        break;
      }
    else
      above += t->hist[b];
  /* Pass 2: the low half, among keys with that high half. */
  need = k - above;
  memset (t->hist, 0, sizeof t->hist);
  for (gsize i = 0; i < n; i++)
    {
      guint32 key = topk_key (s[i]);

      if (key >> 16 == hi)
        t->hist[key & 0xffffu]++;
    }
  for (guint32 b = TOPK_BINS; b-- > 0;)
    if (t->hist[b] >= need)
      {
        lo = b;
        break;
      }
    else
      need -= t->hist[b];
  threshold = hi << 16 | lo;
  /* Everything above the threshold, then `need` of the keys equal to it, earliest first. */
  ties = need;
  for (gsize i = 0; i < n; i++)
    {
      guint32 key = topk_key (s[i]);
      gboolean keep = key > threshold || (key == threshold && ties > 0);

      if (key == threshold && keep)
        ties--;
      m[i] = keep ? 1.0f : 0.0f;
    }
}

void
oc_prune_topk_mask (OcPruneTopk *topk, OcMlp *mlp, const float *scores, const gsize *keep)
{
  g_return_if_fail (topk != NULL && mlp != NULL && mlp->mask != NULL && scores != NULL);

  for (guint l = 0; l < mlp->n_layers; l++)
    {
      gsize off = mlp->w_offset[l];

      topk_layer (topk, mlp->mask + off, scores + off, oc_mlp_weight_count (mlp, l), keep[l]);
    }
}

void
oc_prune_init_scores (const OcMlp *mlp, float *scores, OcRng *rng)
{
  memset (scores, 0, sizeof (float) * mlp->n_params);
  for (guint l = 0; l < mlp->n_layers; l++)
    {
      float *s = scores + mlp->w_offset[l];
      double bound = 1.0 / sqrt ((double) mlp->sizes[l]);

      for (gsize i = 0; i < oc_mlp_weight_count (mlp, l); i++)
        s[i] = (float) ((2.0 * oc_rng_uniform (rng) - 1.0) * bound);
    }
}

void
oc_prune_shuffle_mask (OcMlp *mlp, OcRng *rng)
{
  g_autofree gsize *alive = NULL;

  g_return_if_fail (mlp != NULL && mlp->mask != NULL && rng != NULL);

  alive = g_new (gsize, mlp->n_layers);
  for (guint l = 0; l < mlp->n_layers; l++)
    alive[l] = oc_mlp_count_alive (mlp, (int) l);
  /* A uniformly random subset of each layer's size is a within-layer shuffle of the mask. */
  oc_prune_random_mask (mlp, alive, rng);
}
