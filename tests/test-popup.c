/* test-popup.c — edge-popup (Ramanujan et al. 2020) and the sanity checks of pruning at
 * initialisation (Frankle et al. 2021): the top-k mask against a sort, the straight-through
 * gradient against finite differences, frozen weights, and the per-layer counts of the checks.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "occam/oc-lottery.h"
#include "occam/oc-prune.h"

typedef struct
{
  float a;
  gsize pos;
} Ranked;

/* Largest |score| first, ties by position: the order the mask must follow. */
static int
cmp_desc (const void *x, const void *y)
{
  const Ranked *a = x, *b = y;

  if (a->a != b->a)
    return a->a > b->a ? -1 : 1;
  return (a->pos > b->pos) - (a->pos < b->pos);
}

static void
test_popup_topk (void)
{
  const guint sizes[] = { 37, 29, 11 };
  g_autoptr (OcMlp) m = oc_mlp_new (sizes, 3, OC_ACT_RELU, NULL);
  g_autoptr (OcPruneTopk) topk = oc_prune_topk_new ();
  g_autofree float *s = g_new0 (float, m->n_params);
  const double densities[] = { 0.5, 0.1, 0.013, 0.9 };
  OcRng rng;

  g_assert_true (oc_mlp_enable_mask (m, NULL));
  oc_rng_init (&rng, 5, OC_STREAM_USER);
  for (guint trial = 0; trial < G_N_ELEMENTS (densities); trial++)
    {
      gsize keep[2];

      /* Few distinct magnitudes of both signs, so many ties straddle the threshold. */
      for (gsize i = 0; i < m->n_params; i++)
        s[i] = (float) ((int) oc_rng_below (&rng, 13) - 6) * 0.25f;
      oc_prune_keep_counts (m, densities[trial], TRUE, keep);
      oc_prune_topk_mask (topk, m, s, keep);
      for (guint l = 0; l < 2; l++)
        {
          gsize nw = oc_mlp_weight_count (m, l), off = m->w_offset[l];
          g_autofree Ranked *r = g_new (Ranked, nw);

          g_assert_cmpuint (keep[l], ==, MAX ((gsize) llround (densities[trial] * nw), 1));
          g_assert_cmpuint (oc_mlp_count_alive (m, (int) l), ==, keep[l]);
          for (gsize i = 0; i < nw; i++)
            {
              r[i].a = fabsf (s[off + i]);
              r[i].pos = i;
            }
          qsort (r, nw, sizeof *r, cmp_desc);
          for (gsize i = 0; i < nw; i++)
            g_assert_cmpfloat (m->mask[off + r[i].pos], ==, i < keep[l] ? 1.0f : 0.0f);
        }
    }
  /* The output layer stays whole when it is not pruned. */
  {
    gsize keep[2];

    oc_prune_keep_counts (m, 0.1, FALSE, keep);
    g_assert_cmpuint (keep[1], ==, 29 * 11);
  }
}

/* A small 2-D problem for the training tests. */
static OcDataset *
blobs (guint n_points)
{
  OcDataOptions o;

  oc_data_options_init (&o);
  o.name = "blobs";
  o.n_points = n_points;
  return oc_dataset_load (&o, NULL, NULL);
}

static void
popup_config (OcTrainConfig *cfg, const guint *hidden, guint n_hidden)
{
  oc_train_config_init (cfg);
  cfg->hidden = hidden;
  cfg->n_hidden = n_hidden;
  cfg->init = OC_INIT_SIGNED_CONSTANT;
  cfg->optim.kind = OC_OPTIM_SGD;
  cfg->optim.lr = 1.0;
  cfg->threads = 1;
  cfg->seed = 11;
}

/* The loss of θ·m̃ over the whole training split, m̃ the gate of weight @i moved by @h. */
static double
gated_loss (const OcMlp *m, const float *w, const OcDataset *ds, gsize i, double h)
{
  g_autoptr (OcMlp) q = oc_mlp_dup (m, NULL);
  g_autofree float *g = g_new (float, m->n_params);
  double loss;

  for (gsize k = 0; k < m->n_params; k++)
    q->params[k] = w[k] * m->mask[k];
  q->params[i] = (float) (w[i] * (m->mask[i] + h));
  g_assert_true (oc_mlp_gradient (q, OC_LOSS_CE, ds->n_groups, ds->n_classes, ds->train.x,
                                  ds->train.y, ds->train.n, g, &loss, NULL));
  return loss;
}

/* The mask is a step function of the scores, so the loss as a function of s has zero gradient
 * wherever the mask does not flip: there is no true gradient to compare with. What straight-
 * through computes is the gradient of the relaxed objective in which the mask is a gate
 * m̃ = m + (|s| − |s₀|) (the identity in |s| around s₀): ∂L/∂s_i = ∂L/∂(θ_i m̃_i) · θ_i ·
 * sign(s_i). So: one full-batch SGD step with lr 1 gives g = s₀ − s₁ from the training code, and
 * a central difference of L in the gate of each weight (times sign(s_i)) must give the same —
 * for kept weights (m = 1) and dropped ones (m = 0) alike. */
static void
test_popup_straight_through (void)
{
  static const guint hidden[] = { 6 };
  g_autoptr (OcDataset) ds = blobs (60);
  g_autoptr (OcMlp) m = NULL;
  g_autoptr (OcTrainResult) r = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree float *w = NULL;
  g_autofree float *s0 = NULL;
  g_autofree float *s1 = NULL;
  g_autofree gsize *keep = NULL;
  g_autoptr (OcPruneTopk) topk = oc_prune_topk_new ();
  OcTrainConfig cfg;
  OcPopupConfig popup;
  OcRng rng;
  guint checked = 0, kept = 0, dropped = 0;
  const double h = 1e-3;

  g_assert_nonnull (ds);
  popup_config (&cfg, hidden, 1);
  /* Random biases: with the signed constant's zero biases, a unit whose inputs are all dropped
   * sits exactly on ReLU's kink, where the two one-sided slopes differ and no central difference
   * can agree with either. */
  cfg.init = OC_INIT_TORCH_DEFAULT;
  cfg.batch = ds->train.n;
  cfg.iterations = 1;
  m = oc_train_build_model (&cfg, ds, &error);
  g_assert_no_error (error);
  g_assert_true (oc_mlp_enable_mask (m, NULL));
  w = oc_mlp_snapshot (m, NULL);
  keep = g_new (gsize, m->n_layers);
  oc_prune_keep_counts (m, 0.5, TRUE, keep);
  s0 = g_new (float, m->n_params);
  oc_rng_init (&rng, 2, OC_STREAM_USER);
  oc_prune_init_scores (m, s0, &rng);
  s1 = g_memdup2 (s0, sizeof (float) * m->n_params);
  popup.weights = w;
  popup.scores = s1;
  popup.keep = keep;
  r = oc_train_popup_run (&cfg, ds, m, &popup, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (r);
  g_assert_cmpuint (r->iterations, ==, 1);

  /* The mask the step was computed with: the top-k of s₀. */
  oc_prune_topk_mask (topk, m, s0, keep);
  for (guint l = 0; l < m->n_layers; l++)
    for (gsize k = 0; k < oc_mlp_weight_count (m, l); k++)
      {
        gsize i = m->w_offset[l] + k;
        double st = (double) s0[i] - (double) s1[i];
        double fd = (gated_loss (m, w, ds, i, h) - gated_loss (m, w, ds, i, -h)) / (2 * h)
                    * (s0[i] >= 0 ? 1 : -1);

        g_assert_cmpfloat (fabs (st - fd), <=, 2e-4 + 0.02 * fabs (fd));
        checked++;
        if (fabs (fd) > 1e-3)
          {
            kept += m->mask[i] != 0;
            dropped += m->mask[i] == 0;
          }
      }
  /* Every weight was checked, and the gradient is not trivially zero on either side. */
  g_assert_cmpuint (checked, ==, oc_mlp_total_weights (m));
  g_assert_cmpuint (kept, >=, 5);
  g_assert_cmpuint (dropped, >=, 5);
}

/* Training scores never changes a weight, keeps exactly the top-k of the final scores, and
 * learns: an untrained random network's sub-network classifies well above chance. */
static void
test_popup_frozen_weights (void)
{
  static const guint hidden[] = { 64, 64 };
  g_autoptr (OcDataset) ds = blobs (1000);
  g_autoptr (OcMlp) m = NULL;
  g_autoptr (OcTrainResult) r = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree float *w = NULL;
  g_autofree float *w_copy = NULL;
  g_autofree float *s = NULL;
  g_autofree float *s_init = NULL;
  gsize keep[3];
  OcTrainConfig cfg;
  OcPopupConfig popup;
  double acc0, acc;
  OcRng rng;

  popup_config (&cfg, hidden, 2);
  cfg.optim.kind = OC_OPTIM_MOMENTUM;
  cfg.optim.lr = 0.1;
  cfg.optim.schedule = OC_SCHEDULE_COSINE;
  cfg.batch = 32;
  cfg.epochs = 10;
  m = oc_train_build_model (&cfg, ds, &error);
  g_assert_no_error (error);
  g_assert_true (oc_mlp_enable_mask (m, NULL));
  w = oc_mlp_snapshot (m, NULL);
  w_copy = g_memdup2 (w, sizeof (float) * m->n_params);
  oc_prune_keep_counts (m, 0.3, TRUE, keep);
  s = g_new (float, m->n_params);
  oc_rng_init (&rng, 4, OC_STREAM_USER);
  oc_prune_init_scores (m, s, &rng);
  s_init = g_memdup2 (s, sizeof (float) * m->n_params);
  popup.weights = w;
  popup.scores = s;
  popup.keep = keep;
  r = oc_train_popup_run (&cfg, ds, m, &popup, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  /* The frozen arena is untouched, and the network is exactly θ on the mask. */
  g_assert_cmpmem (w, sizeof (float) * m->n_params, w_copy, sizeof (float) * m->n_params);
  for (gsize i = 0; i < m->n_params; i++)
    g_assert_cmpfloat (m->params[i], ==, w[i] * m->mask[i]);
  /* The signed constant: ±√(2/fan_in) for every weight, biases 0. */
  for (guint l = 0; l < m->n_layers; l++)
    {
      for (gsize k = 0; k < oc_mlp_weight_count (m, l); k++)
        g_assert_cmpfloat (fabs (w[m->w_offset[l] + k]), ==, (float) sqrt (2.0 / m->sizes[l]));
      for (guint j = 0; j < m->sizes[l + 1]; j++)
        g_assert_cmpfloat (oc_mlp_bias (m, l)[j], ==, 0.0f);
    }
  /* Exactly keep[l] per layer, and no dropped weight outranks a kept one. */
  for (guint l = 0; l < m->n_layers; l++)
    {
      float min_kept = INFINITY, max_dropped = 0;

      g_assert_cmpuint (oc_mlp_count_alive (m, (int) l), ==, keep[l]);
      for (gsize k = 0; k < oc_mlp_weight_count (m, l); k++)
        {
          gsize i = m->w_offset[l] + k;

          if (m->mask[i] != 0)
            min_kept = MIN (min_kept, fabsf (s[i]));
          else
            max_dropped = MAX (max_dropped, fabsf (s[i]));
        }
      g_assert_cmpfloat (min_kept, >=, max_dropped);
    }
  /* The scores moved, and the sub-network learned the four blobs. */
  g_assert_cmpint (memcmp (s, s_init, sizeof (float) * m->n_params), !=, 0);
  acc0 = 1 - g_array_index (r->evals, OcEvalPoint, 0).test_error;
  acc = 1 - r->final.test_error;
  g_test_message ("edge-popup on blobs: test accuracy %.3f at the start, %.3f after", acc0, acc);
  g_assert_cmpfloat (acc, >, 0.8);
  g_assert_cmpfloat (acc, >, acc0 + 0.2);
}

/* The lottery driver with densities: the sanity checks keep their method's per-layer counts;
 * shuffle moves weights, reinit keeps the mask with other weights; edge-popup's are untrained. */
typedef struct
{
  GMutex  lock;
  gsize   n_params;
  guint   n_layers;
  float  *mask[OC_N_CONTROLS][4];
  float  *start[OC_N_CONTROLS][4];
  float  *final[OC_N_CONTROLS][4];
  guint64 iterations[OC_N_CONTROLS][4];
  double  density[OC_N_CONTROLS][4];
  guint   n;
} Rec;

static gboolean
rec_finished (const OcLevelOutcome *o, gpointer user_data, GError **error)
{
  Rec *r = user_data;

  g_mutex_lock (&r->lock);
  g_assert_cmpuint (o->level, <, 4);
  g_assert_null (r->mask[o->control][o->level]);
  r->n_params = o->model->n_params;
  r->n_layers = o->model->n_layers;
  r->mask[o->control][o->level] = g_memdup2 (o->model->mask, sizeof (float) * r->n_params);
  r->start[o->control][o->level] = g_memdup2 (o->start, sizeof (float) * r->n_params);
  r->final[o->control][o->level] = g_memdup2 (o->model->params, sizeof (float) * r->n_params);
  r->iterations[o->control][o->level] = o->result != NULL ? o->result->iterations : G_MAXUINT64;
  r->density[o->control][o->level] = o->density;
  r->n++;
  g_mutex_unlock (&r->lock);
  return TRUE;
}

static gsize
layer_alive (const float *mask, const OcMlp *layout, guint l)
{
  gsize n = 0;

  for (gsize k = 0; k < oc_mlp_weight_count (layout, l); k++)
    n += mask[layout->w_offset[l] + k] != 0;
  return n;
}

static void
test_popup_checks (void)
{
  static const guint hidden[] = { 24, 16 };
  static const OcControl checks[] = {
    OC_CONTROL_SNIP_SHUFFLE, OC_CONTROL_SNIP_REINIT, OC_CONTROL_SYNFLOW_SHUFFLE,
    OC_CONTROL_SYNFLOW_REINIT, OC_CONTROL_POPUP_SHUFFLE, OC_CONTROL_POPUP_REINIT,
  };
  OcDataOptions data;
  OcTrainConfig train;
  OcLotteryConfig cfg;
  OcLotteryCallbacks cb = { 0 };
  Rec rec = { 0 };
  g_autoptr (GArray) densities = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GError) error = NULL;
  g_autoptr (OcMlp) layout = NULL;
  const double d[] = { 0.5, 0.2 };
  guint controls = 1u << OC_CONTROL_IMP;

  oc_data_options_init (&data);
  data.name = "blobs";
  data.n_points = 400;
  oc_train_config_init (&train);
  train.hidden = hidden;
  train.n_hidden = 2;
  train.iterations = 30;
  train.batch = 32;
  train.seed = 2;
  oc_lottery_config_init (&cfg);
  cfg.data = &data;
  cfg.train = &train;
  g_array_append_vals (densities, d, 2);
  cfg.densities = densities;
  for (guint i = 0; i < G_N_ELEMENTS (checks); i++)
    controls |= 1u << checks[i] | 1u << oc_control_parent (checks[i]);
  cfg.controls = controls;
  cfg.workers = 2;
  g_mutex_init (&rec.lock);
  cb.level_finished = rec_finished;
  cb.user_data = &rec;
  g_assert_true (oc_lottery_run (&cfg, &cb, NULL, &error));
  g_assert_no_error (error);
  /* IMP's dense level, then every method and check at level 0 (the dense copy), 1 and 2. */
  g_assert_cmpuint (rec.n, ==, 1 + 9 * 3);
  {
    const guint sizes[] = { 2, 24, 16, 4 };

    layout = oc_mlp_new (sizes, 4, OC_ACT_RELU, NULL);
  }
  g_assert_cmpuint (layout->n_params, ==, rec.n_params);
  for (guint level = 1; level <= 2; level++)
    {
      /* Edge-popup keeps the density in every layer; SNIP and SynFlow rank globally. */
      for (guint l = 0; l < rec.n_layers; l++)
        g_assert_cmpuint (layer_alive (rec.mask[OC_CONTROL_EDGE_POPUP][level], layout, l), ==,
                          MAX ((gsize) llround (d[level - 1]
                                                * oc_mlp_weight_count (layout, l)), 1));
      g_assert_cmpfloat (fabs (rec.density[OC_CONTROL_SNIP][level] - d[level - 1]), <, 1e-3);
      for (guint i = 0; i < G_N_ELEMENTS (checks); i++)
        {
          OcControl c = checks[i], p = oc_control_parent (c);
          gboolean shuffle = i % 2 == 0, differ_w = FALSE, differ_m = FALSE;

          for (guint l = 0; l < rec.n_layers; l++)
            g_assert_cmpuint (layer_alive (rec.mask[c][level], layout, l), ==,
                              layer_alive (rec.mask[p][level], layout, l));
          for (gsize k = 0; k < rec.n_params; k++)
            {
              differ_m |= rec.mask[c][level][k] != rec.mask[p][level][k];
              if (rec.mask[p][level][k] != 0 && rec.mask[c][level][k] != 0)
                differ_w |= rec.start[c][level][k] != rec.start[p][level][k];
            }
          /* Shuffle: other positions, the method's own weights where both keep one (for
           * edge-popup the whole frozen network, identical). Reinit: the same mask, new
           * weights. */
          g_assert_true (shuffle ? differ_m : !differ_m);
          g_assert_true (shuffle ? !differ_w : differ_w);
          /* Edge-popup's checks are not trained, SNIP's and SynFlow's are. */
          g_assert_cmpuint (rec.iterations[c][level], ==,
                            p == OC_CONTROL_EDGE_POPUP ? 0 : train.iterations);
        }
      /* Edge-popup trains scores, never weights: its network is its frozen start on the mask. */
      for (gsize k = 0; k < rec.n_params; k++)
        g_assert_cmpfloat (rec.final[OC_CONTROL_EDGE_POPUP][level][k], ==,
                           rec.start[OC_CONTROL_EDGE_POPUP][level][k]
                           * rec.mask[OC_CONTROL_EDGE_POPUP][level][k]);
      g_assert_cmpuint (rec.iterations[OC_CONTROL_EDGE_POPUP][level], ==, train.iterations);
    }
  for (guint c = 0; c < OC_N_CONTROLS; c++)
    for (guint l = 0; l < 4; l++)
      {
        g_free (rec.mask[c][l]);
        g_free (rec.start[c][l]);
        g_free (rec.final[c][l]);
      }
  g_mutex_clear (&rec.lock);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/popup/topk", test_popup_topk);
  g_test_add_func ("/popup/straight-through", test_popup_straight_through);
  g_test_add_func ("/popup/frozen-weights", test_popup_frozen_weights);
  g_test_add_func ("/popup/checks", test_popup_checks);
  return g_test_run ();
}
