/* oc-lottery.c — the lottery-ticket driver: a small task graph on a worker pool.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Tasks are trainings. IMP level L of a seed depends on IMP level L−1 (its mask comes from those
 * trained weights); every control at level L depends on IMP level L (it copies the densities or
 * the mask). Workers take IMP tasks first — they are the critical path — then controls, lowest
 * level first. Level 0 (dense) is trained once and reported for every control.
 */
#include <math.h>
#include <string.h>

#include "occam/oc-cpus.h"
#include "occam/oc-error.h"
#include "occam/oc-lottery.h"
#include "oc-config.h"
#include <glib/gi18n-lib.h>
#include <inttypes.h>

#define SYNFLOW_ITERATIONS 100

static const char *const control_names[] = {
  "imp", "reinit", "random", "snip", "synflow", "random-init", "edge-popup",
  "snip-shuffle", "snip-reinit", "synflow-shuffle", "synflow-reinit",
  "edge-popup-shuffle", "edge-popup-reinit",
};
G_STATIC_ASSERT (G_N_ELEMENTS (control_names) == OC_N_CONTROLS);

/* Random streams of the edge-popup network and of the sanity checks, apart from every other. */
#define STREAM_POPUP_WEIGHTS (OC_STREAM_USER + 2)
#define STREAM_POPUP_SCORES  (OC_STREAM_USER + 3)
#define STREAM_POPUP_REINIT  (OC_STREAM_USER + 4)
#define STREAM_SHUFFLE       (OC_STREAM_USER + 5)

OcControl
oc_control_parent (OcControl c)
{
  switch (c)
    {
    case OC_CONTROL_SNIP_SHUFFLE:
    case OC_CONTROL_SNIP_REINIT:
      return OC_CONTROL_SNIP;
    case OC_CONTROL_SYNFLOW_SHUFFLE:
    case OC_CONTROL_SYNFLOW_REINIT:
      return OC_CONTROL_SYNFLOW;
    case OC_CONTROL_POPUP_SHUFFLE:
    case OC_CONTROL_POPUP_REINIT:
      return OC_CONTROL_EDGE_POPUP;
    default:
      return c;
    }
}

gboolean
oc_control_has_checks (OcControl c)
{
  return c == OC_CONTROL_SNIP || c == OC_CONTROL_SYNFLOW || c == OC_CONTROL_EDGE_POPUP;
}

/* Index of a method with sanity checks in SeedState.method_masks. */
static guint
method_slot (OcControl c)
{
  return c == OC_CONTROL_SNIP ? 0 : c == OC_CONTROL_SYNFLOW ? 1 : 2;
}

gboolean
oc_control_from_string (const char *s, OcControl *out)
{
  for (guint i = 0; i < G_N_ELEMENTS (control_names); i++)
    if (g_strcmp0 (s, control_names[i]) == 0)
      {
        *out = (OcControl) i;
        return TRUE;
      }
  return FALSE;
}

const char *
oc_control_to_string (OcControl c)
{
  g_return_val_if_fail ((guint) c < G_N_ELEMENTS (control_names), NULL);
  return control_names[c];
}

gboolean
oc_rewind_from_string (const char *s, OcRewind *rewind, guint64 *iteration)
{
  if (g_strcmp0 (s, "init") == 0)
    {
      *rewind = OC_REWIND_INIT;
      *iteration = 0;
      return TRUE;
    }
  if (g_strcmp0 (s, "none") == 0)
    {
      *rewind = OC_REWIND_NONE;
      *iteration = 0;
      return TRUE;
    }
  if (s != NULL && g_str_has_prefix (s, "iter:")
      && g_ascii_string_to_unsigned (s + 5, 10, 1, G_MAXUINT32, iteration, NULL))
    {
      *rewind = OC_REWIND_ITER;
      return TRUE;
    }
  return FALSE;
}

void
oc_lottery_config_init (OcLotteryConfig *cfg)
{
  memset (cfg, 0, sizeof *cfg);
  oc_prune_rates_init (&cfg->rates);
  cfg->levels = 20;
  cfg->rewind = OC_REWIND_INIT;
  cfg->controls = 1u << OC_CONTROL_IMP;
  cfg->snip_examples = 100;
  cfg->popup_init = OC_INIT_SIGNED_CONSTANT;
  cfg->popup_scale_density = TRUE;
}

guint
oc_lottery_n_levels (const OcLotteryConfig *cfg)
{
  if (cfg->densities != NULL)
    return cfg->densities->len + 1;
  return cfg->one_shot > 0 ? 2 : cfg->levels + 1;
}

void
oc_lottery_plan (const OcLotteryConfig *cfg, guint *workers, guint *threads)
{
  OcSweepConfig plan_cfg = { 0 };
  guint n_seeds = cfg->seeds != NULL && cfg->seeds->len > 0 ? cfg->seeds->len : 1;

  /* One training per worker with BLAS threads sharing the rest (see oc_sweep_plan); a single
   * IMP chain is sequential, so it gets every core instead. The training's threads setting
   * caps the cores the whole run uses. */
  plan_cfg.workers = cfg->workers;
  oc_sweep_plan (&plan_cfg, cfg->controls == (1u << OC_CONTROL_IMP) ? n_seeds : 1000,
                 cfg->train->threads > 0 ? cfg->train->threads : oc_cpus_available (),
                 workers, threads);
}

typedef struct _Lottery Lottery;

/* Everything about one seed. Written by the IMP chain, read by the controls of earlier levels. */
typedef struct
{
  guint64  seed;
  OcMlp   *base;          /* θ₀ with an all-ones mask */
  float   *rewind;        /* θ₀ or θ_k */
  float  **masks;         /* [n_levels] IMP's mask at each level (NULL until known) */
  float   *theta_final;   /* IMP's trained weights of the last finished level */
  float  **method_masks;  /* [3 × n_levels] the masks of snip, synflow and edge-popup at each
                           * level, for their sanity checks (NULL until known) */
  guint    n_levels;
  const OcTrainResult *dense; /* level 0, kept for the controls' reports */
  OcTrainResult *dense_owned;
} SeedState;

typedef struct
{
  SeedState *seed;
  OcControl  control;
  guint      level;
} Task;

struct _Lottery
{
  const OcLotteryConfig    *cfg;
  const OcLotteryCallbacks *cb;
  GCancellable             *cancellable;
  const OcDataset          *data;
  guint                     n_levels;
  guint                     blas_threads;
  GPtrArray                *seeds;   /* SeedState */

  GMutex                    lock;
  GCond                     cond;
  GQueue                    imp_tasks;
  GQueue                    control_tasks;
  guint                     running;
  gboolean                  stop;
  GError                   *error;
};

static void
seed_state_free (gpointer p)
{
  SeedState *s = p;

  oc_mlp_free (s->base);
  g_free (s->rewind);
  for (guint l = 0; s->masks != NULL && s->masks[l] != (gpointer) -1; l++)
    g_free (s->masks[l]);
  g_free (s->masks);
  for (guint i = 0; s->method_masks != NULL && i < 3 * s->n_levels; i++)
    g_free (s->method_masks[i]);
  g_free (s->method_masks);
  g_free (s->theta_final);
  if (s->dense_owned != NULL)
    oc_train_result_free (s->dense_owned);
  g_free (s);
}

static void
fail (Lottery *lt, GError *error)
{
  g_mutex_lock (&lt->lock);
  if (lt->error == NULL)
    lt->error = error;
  else
    g_error_free (error);
  lt->stop = TRUE;
  g_cond_broadcast (&lt->cond);
  g_mutex_unlock (&lt->lock);
}

/* Controls run lowest level first, so finished levels fill in from the left. */
static gint
cmp_task (gconstpointer a, gconstpointer b, gpointer user_data)
{
  const Task *x = a, *y = b;

  if (x->level != y->level)
    return x->level < y->level ? -1 : 1;
  return (int) x->control - (int) y->control;
}

static void
push_task (Lottery *lt, SeedState *s, OcControl c, guint level)
{
  Task *t = g_new (Task, 1);

  t->seed = s;
  t->control = c;
  t->level = level;
  /* Called with the lock held. */
  if (c == OC_CONTROL_IMP)
    g_queue_push_tail (&lt->imp_tasks, t);
  else
    g_queue_insert_sorted (&lt->control_tasks, t, cmp_task, NULL);
  g_cond_signal (&lt->cond);
}

typedef struct
{
  Lottery   *lt;
  OcControl  control;
  guint64    seed;
  guint      level;
} ProgressCtx;

static void
on_progress (const OcProgress *p, gpointer user_data)
{
  ProgressCtx *ctx = user_data;

  ctx->lt->cb->progress (ctx->control, ctx->seed, ctx->level, p, ctx->lt->cb->user_data);
}

static void
layer_densities (const OcMlp *m, double *out)
{
  for (guint l = 0; l < m->n_layers; l++)
    out[l] = oc_prune_density (m, (int) l);
}

/* Trains @model from its current weights and reports the outcome. Returns FALSE when the sweep
 * must stop (cancelled, or the callback failed). */
/* How a level's network is computed: weights trained (IMP, the controls, SNIP, SynFlow), scores
 * trained on frozen weights (edge-popup), or nothing trained (edge-popup's sanity checks). */
typedef struct
{
  const OcPopupConfig *popup;     /* edge-popup: train these scores */
  gboolean             eval_only; /* evaluate the network as it is */
  const float         *start;     /* what the level records as theta_start; NULL: the model */
} Compute;

static gboolean
train_and_report (Lottery *lt, SeedState *s, OcControl control, guint level, OcMlp *model,
                  float **snapshot, const float *next_mask_for_report, OcTrainResult **result_out,
                  const Compute *how)
{
  OcTrainConfig cfg = *lt->cfg->train;
  g_autoptr (OcTrainResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree float *start = how != NULL && how->start != NULL
                            ? g_memdup2 (how->start, sizeof (float) * model->n_params)
                            : oc_mlp_snapshot (model, NULL);
  g_autofree double *dens = g_new (double, model->n_layers);
  g_autofree float *next_mask = NULL;
  ProgressCtx ctx = { lt, control, s->seed, level };
  OcLevelOutcome o = { 0 };

  cfg.seed = s->seed;
  cfg.threads = lt->blas_threads;
  /* A level reports its final and early-stopping evaluations only (oc_prune_point_record_new,
   * the prune CSV and figures): the curves in between are not evaluated. */
  cfg.eval_reported_only = TRUE;
  cfg.snapshot_at = snapshot != NULL ? lt->cfg->rewind_iteration : 0;
  if (how != NULL && how->eval_only)
    result = oc_train_evaluate_only (&cfg, lt->data, model, &error);
  else if (how != NULL && how->popup != NULL)
    result = oc_train_popup_run (&cfg, lt->data, model, how->popup, lt->cancellable,
                                 lt->cb->progress != NULL ? on_progress : NULL, &ctx, &error);
  else
    result = oc_train_run (&cfg, lt->data, model, lt->cancellable,
                           lt->cb->progress != NULL ? on_progress : NULL, &ctx, snapshot, &error);
  if (result == NULL && !g_error_matches (error, OC_ERROR, OC_ERROR_DIVERGED))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        fail (lt, g_steal_pointer (&error));
      return FALSE;
    }
  layer_densities (model, dens);
  o.control = control;
  o.seed = s->seed;
  o.level = level;
  o.status = result != NULL ? OC_POINT_FINISHED : OC_POINT_DIVERGED;
  o.error = error;
  o.result = result;
  o.model = model;
  o.start = start;
  o.data = lt->data;
  o.density = oc_prune_density (model, -1);
  o.layer_density = dens;
  o.next_mask = next_mask_for_report;
  if (control == OC_CONTROL_IMP && level + 1 < lt->n_levels && result != NULL
      && lt->cfg->densities == NULL)
    {
      /* The next level's mask: prune the trained weights by magnitude. */
      g_autoptr (OcMlp) next = oc_mlp_dup (model, NULL);
      g_autofree float *scores = g_new (float, model->n_params);
      OcPruneRates rates = lt->cfg->rates;

      if (lt->cfg->one_shot > 0)
        {
          /* Straight to the target density in one step. */
          rates.rate = 1.0 - lt->cfg->one_shot;
          rates.output_rate = rates.rate;
        }
      oc_prune_scores_magnitude (next, scores);
      oc_prune_by_scores (next, scores, &rates);
      next_mask = g_memdup2 (next->mask, sizeof (float) * model->n_params);
      o.next_mask = next_mask;
    }
  if (lt->cb->level_finished != NULL)
    {
      GError *cb_error = NULL;

      if (!lt->cb->level_finished (&o, lt->cb->user_data, &cb_error))
        {
          fail (lt, cb_error != NULL ? cb_error
                                     : g_error_new (OC_ERROR, OC_ERROR_IO, _("Recording a level failed")));
          return FALSE;
        }
    }
  if (control == OC_CONTROL_IMP)
    {
      g_mutex_lock (&lt->lock);
      if (next_mask != NULL)
        s->masks[level + 1] = g_steal_pointer (&next_mask);
      g_free (s->theta_final);
      s->theta_final = oc_mlp_snapshot (model, NULL);
      g_mutex_unlock (&lt->lock);
    }
  if (result_out != NULL)
    *result_out = g_steal_pointer (&result);
  return o.status == OC_POINT_FINISHED || control != OC_CONTROL_IMP;
}

/* Global pruning at initialisation to exactly @target alive weights by @scores_of. */
static void
prune_at_init (Lottery *lt, OcMlp *m, OcControl control, gsize target, guint64 seed)
{
  g_autofree float *scores = g_new (float, m->n_params);
  OcPruneRates rates = lt->cfg->rates;
  guint rounds = control == OC_CONTROL_SYNFLOW ? SYNFLOW_ITERATIONS : 1;
  gsize total = oc_mlp_count_alive (m, -1);
  /* A dense output layer (prune_output off) counts towards @target but is not ranked. */
  int kept = rates.prune_output || m->n_layers == 1 ? -1 : (int) m->n_layers - 1;
  OcRng rng;

  rates.scope = OC_PRUNE_SCOPE_GLOBAL;
  oc_rng_init (&rng, seed, OC_STREAM_MASK);
  for (guint r = 1; r <= rounds; r++)
    {
      /* SynFlow's exponential schedule: alive_r = total · (target/total)^(r/rounds). */
      double goal = total * pow ((double) target / (double) total, (double) r / rounds);
      gsize alive = oc_mlp_count_alive (m, -1);
      gsize ranked = alive - (kept >= 0 ? oc_mlp_count_alive (m, kept) : 0);

      if (control == OC_CONTROL_SNIP)
        {
          if (!oc_prune_scores_snip (m, lt->cfg->train->loss, lt->data, &lt->data->train,
                                     lt->cfg->snip_examples, scores, NULL))
            oc_prune_scores_magnitude (m, scores);
        }
      else if (control == OC_CONTROL_SYNFLOW)
        oc_prune_scores_synflow (m, scores);
      else
        for (gsize i = 0; i < m->n_params; i++)
          scores[i] = (float) oc_rng_uniform (&rng);
      if (ranked > 0 && goal < alive)
        {
          /* The rate applies to the ranked weights only. */
          rates.rate = MIN (1.0, ((double) alive - round (goal)) / (double) ranked);
          oc_prune_by_scores (m, scores, &rates);
        }
    }
}

/* The density level @level prunes to in densities mode (level ≥ 1). */
static double
level_density (Lottery *lt, guint level)
{
  return g_array_index (lt->cfg->densities, double, level - 1);
}

/* Called with the lock held; takes @mask. */
static void
set_method_mask (SeedState *s, OcControl method, guint level, float *mask)
{
  float **slot = &s->method_masks[method_slot (method) * s->n_levels + level];

  g_free (*slot);
  *slot = mask;
}

/* Edge-popup's frozen network for @keep: popup_init from its own stream, times 1/√k per layer
 * with the scaled variant; @stream tells the network of the method from its reinit check's. */
static float *
popup_weights (Lottery *lt, SeedState *s, const gsize *keep, guint stream)
{
  g_autoptr (OcMlp) w = oc_mlp_dup (s->base, NULL);
  OcRng rng;

  oc_rng_init (&rng, s->seed, stream);
  oc_mlp_init_params (w, lt->cfg->popup_init, &rng);
  if (lt->cfg->popup_scale_density)
    for (guint l = 0; l < w->n_layers; l++)
      {
        gsize nw = oc_mlp_weight_count (w, l);
        float f = (float) sqrt ((double) nw / (double) MAX (keep[l], 1));
        float *p = oc_mlp_weights (w, l);

        for (gsize i = 0; i < nw; i++)
          p[i] *= f;
      }
  return oc_mlp_snapshot (w, NULL);
}

/* Edge-popup at one level: each layer keeps the level's density (densities mode) or IMP's
 * count at that level. */
static void
run_popup (Lottery *lt, SeedState *s, guint level, OcMlp *m, const float *imp_mask)
{
  g_autofree gsize *keep = g_new (gsize, m->n_layers);
  g_autofree float *weights = NULL;
  g_autofree float *scores = g_new (float, m->n_params);
  OcPopupConfig popup;
  Compute how = { &popup, FALSE, NULL };
  OcRng rng;

  if (lt->cfg->densities != NULL)
    oc_prune_keep_counts (m, level_density (lt, level), lt->cfg->rates.prune_output, keep);
  else
    {
      g_autoptr (OcMlp) ref = oc_mlp_dup (s->base, NULL);

      memcpy (ref->mask, imp_mask, sizeof (float) * m->n_params);
      for (guint l = 0; l < m->n_layers; l++)
        keep[l] = oc_mlp_count_alive (ref, (int) l);
    }
  weights = popup_weights (lt, s, keep, STREAM_POPUP_WEIGHTS);
  oc_rng_init (&rng, s->seed, STREAM_POPUP_SCORES);
  oc_prune_init_scores (m, scores, &rng);
  popup.weights = weights;
  popup.scores = scores;
  popup.keep = keep;
  /* theta_start records the whole random network edge-popup chooses from. */
  how.start = weights;
  if (!train_and_report (lt, s, OC_CONTROL_EDGE_POPUP, level, m, NULL, NULL, NULL, &how)
      && g_cancellable_is_cancelled (lt->cancellable))
    return;
  g_mutex_lock (&lt->lock);
  set_method_mask (s, OC_CONTROL_EDGE_POPUP, level, g_memdup2 (m->mask, sizeof (float)
                                                                      * m->n_params));
  g_mutex_unlock (&lt->lock);
}

/* A sanity check of SNIP, SynFlow or edge-popup at one level, from the method's mask there. */
static void
run_check (Lottery *lt, SeedState *s, OcControl control, guint level, OcMlp *m)
{
  OcControl method = oc_control_parent (control);
  gboolean shuffle = control == OC_CONTROL_SNIP_SHUFFLE || control == OC_CONTROL_SYNFLOW_SHUFFLE
                     || control == OC_CONTROL_POPUP_SHUFFLE;
  g_autofree float *weights = NULL;
  g_autofree gsize *keep = g_new (gsize, m->n_layers);
  Compute how = { NULL, FALSE, NULL };
  OcRng rng;

  g_mutex_lock (&lt->lock);
  memcpy (m->mask, s->method_masks[method_slot (method) * s->n_levels + level],
          sizeof (float) * m->n_params);
  g_mutex_unlock (&lt->lock);
  for (guint l = 0; l < m->n_layers; l++)
    keep[l] = oc_mlp_count_alive (m, (int) l);
  if (method == OC_CONTROL_EDGE_POPUP)
    {
      /* No weight is trained: the checks are evaluated as edge-popup is, on the same random
       * network with a shuffled mask, or on a new random network with the same mask. */
      weights = popup_weights (lt, s, keep, shuffle ? STREAM_POPUP_WEIGHTS : STREAM_POPUP_REINIT);
      oc_mlp_restore (m, weights);
      how.eval_only = TRUE;
      how.start = weights;
    }
  else if (!shuffle)
    {
      /* A fresh initialisation from the stream IMP's reinit control uses. */
      oc_rng_init (&rng, s->seed, OC_STREAM_USER + 1);
      oc_mlp_init_params (m, lt->cfg->train->init, &rng);
    }
  if (shuffle)
    {
      oc_rng_init (&rng, s->seed * 1000003u + level, STREAM_SHUFFLE + (guint) control);
      oc_prune_shuffle_mask (m, &rng);
    }
  oc_mlp_apply_mask (m);
  train_and_report (lt, s, control, level, m, NULL, NULL, NULL, &how);
}

static void
run_task (Lottery *lt, Task *t)
{
  SeedState *s = t->seed;
  gsize n = s->base->n_params;
  g_autoptr (OcMlp) m = NULL;
  g_autofree float *next_mask = g_new (float, n);
  g_autofree float *theta = g_new (float, n);
  const float *mask;

  /* Resume: a recorded level is not trained again. */
  if (lt->cb->lookup != NULL
      && lt->cb->lookup (t->control, s->seed, t->level, next_mask, theta, n, lt->cb->user_data))
    {
      if (oc_control_has_checks (t->control))
        {
          g_mutex_lock (&lt->lock);
          set_method_mask (s, t->control, t->level, g_steal_pointer (&next_mask));
          g_mutex_unlock (&lt->lock);
        }
      else if (t->control == OC_CONTROL_IMP)
        {
          g_mutex_lock (&lt->lock);
          if (t->level + 1 < lt->n_levels)
            s->masks[t->level + 1] = g_steal_pointer (&next_mask);
          g_free (s->theta_final);
          s->theta_final = g_steal_pointer (&theta);
          g_mutex_unlock (&lt->lock);
        }
      return;
    }

  m = oc_mlp_dup (s->base, NULL);
  g_mutex_lock (&lt->lock);
  mask = s->masks[t->level];
  g_mutex_unlock (&lt->lock);
  switch (t->control)
    {
    case OC_CONTROL_IMP:
      memcpy (m->mask, mask, sizeof (float) * n);
      if (t->level == 0 && lt->cfg->rewind == OC_REWIND_ITER)
        {
          OcTrainResult *r = NULL;

          /* Level 0 also yields θ_k for every later level. */
          if (!train_and_report (lt, s, OC_CONTROL_IMP, 0, m, &s->rewind, NULL, &r, NULL))
            return;
          s->dense_owned = r;
          s->dense = r;
          return;
        }
      if (t->level > 0 && lt->cfg->rewind == OC_REWIND_ITER && s->rewind == NULL)
        {
          /* Resumed after level 0: recompute θ_k by training k steps from θ₀ (deterministic). */
          OcTrainConfig cfg = *lt->cfg->train;
          g_autoptr (OcMlp) k = oc_mlp_dup (s->base, NULL);
          g_autoptr (OcTrainResult) r = NULL;

          cfg.seed = s->seed;
          cfg.threads = lt->blas_threads;
          cfg.iterations = lt->cfg->rewind_iteration;
          r = oc_train_run (&cfg, lt->data, k, lt->cancellable, NULL, NULL, NULL, NULL);
          if (r == NULL)
            return;
          s->rewind = oc_mlp_snapshot (k, NULL);
        }
      if (lt->cfg->rewind == OC_REWIND_NONE && t->level > 0 && s->theta_final != NULL)
        oc_mlp_restore (m, s->theta_final);
      else
        oc_mlp_restore (m, s->rewind);
      {
        OcTrainResult *r = NULL;

        if (!train_and_report (lt, s, OC_CONTROL_IMP, t->level, m, NULL, NULL, &r, NULL))
          return;
        if (t->level == 0)
          {
            s->dense_owned = r;
            s->dense = r;
          }
        else
          oc_train_result_free (r);
      }
      return;

    case OC_CONTROL_REINIT:
      {
        OcRng rng;

        /* A fresh initialisation from a stream the original never used. */
        oc_rng_init (&rng, s->seed, OC_STREAM_USER + 1);
        memcpy (m->mask, mask, sizeof (float) * n);
        oc_mlp_init_params (m, lt->cfg->train->init, &rng);
      }
      break;

    case OC_CONTROL_RANDOM:
      {
        g_autofree gsize *alive = g_new (gsize, m->n_layers);
        g_autoptr (OcMlp) ref = oc_mlp_dup (s->base, NULL);
        OcRng rng;

        memcpy (ref->mask, mask, sizeof (float) * n);
        for (guint l = 0; l < m->n_layers; l++)
          alive[l] = oc_mlp_count_alive (ref, (int) l);
        oc_rng_init (&rng, s->seed * 1000003u + t->level, OC_STREAM_MASK);
        oc_prune_random_mask (m, alive, &rng);
      }
      break;

    case OC_CONTROL_SNIP:
    case OC_CONTROL_SYNFLOW:
    case OC_CONTROL_RANDOM_INIT:
      {
        gsize target;

        if (lt->cfg->densities != NULL)
          target = (gsize) llround (level_density (lt, t->level)
                                    * (double) oc_mlp_total_weights (m));
        else
          {
            g_autoptr (OcMlp) ref = oc_mlp_dup (s->base, NULL);

            memcpy (ref->mask, mask, sizeof (float) * n);
            target = oc_mlp_count_alive (ref, -1);
          }
        prune_at_init (lt, m, t->control, MAX (target, 1), s->seed * 1000003u + t->level);
        if (oc_control_has_checks (t->control))
          {
            g_mutex_lock (&lt->lock);
            set_method_mask (s, t->control, t->level,
                             g_memdup2 (m->mask, sizeof (float) * n));
            g_mutex_unlock (&lt->lock);
          }
      }
      break;

    case OC_CONTROL_EDGE_POPUP:
      run_popup (lt, s, t->level, m, mask);
      return;

    case OC_CONTROL_SNIP_SHUFFLE:
    case OC_CONTROL_SNIP_REINIT:
    case OC_CONTROL_SYNFLOW_SHUFFLE:
    case OC_CONTROL_SYNFLOW_REINIT:
    case OC_CONTROL_POPUP_SHUFFLE:
    case OC_CONTROL_POPUP_REINIT:
      run_check (lt, s, t->control, t->level, m);
      return;

    default:
      g_return_if_reached ();
    }
  train_and_report (lt, s, t->control, t->level, m, NULL, NULL, NULL, NULL);
}

/* Level 0 of a control is the dense network: report IMP's result again, marked reused. */
static void
report_dense_control (Lottery *lt, SeedState *s, OcControl c)
{
  g_autoptr (OcMlp) m = oc_mlp_dup (s->base, NULL);
  g_autofree double *dens = g_new (double, m->n_layers);
  OcLevelOutcome o = { 0 };
  GError *error = NULL;

  if (lt->cb->level_finished == NULL || s->dense == NULL)
    return;
  if (lt->cb->lookup != NULL && lt->cb->lookup (c, s->seed, 0, NULL, NULL, 0, lt->cb->user_data))
    return;
  /* The model reported is the dense network as trained (θ_T), as for IMP's level 0. */
  g_mutex_lock (&lt->lock);
  if (s->theta_final != NULL)
    oc_mlp_restore (m, s->theta_final);
  g_mutex_unlock (&lt->lock);
  layer_densities (m, dens);
  o.control = c;
  o.seed = s->seed;
  o.level = 0;
  o.status = OC_POINT_FINISHED;
  o.result = s->dense;
  o.model = m;
  o.start = s->base->params;
  o.data = lt->data;
  o.density = 1.0;
  o.layer_density = dens;
  o.reused = TRUE;
  if (!lt->cb->level_finished (&o, lt->cb->user_data, &error))
    fail (lt, error != NULL ? error : g_error_new (OC_ERROR, OC_ERROR_IO, _("Recording failed")));
}

static gpointer
worker (gpointer user_data)
{
  Lottery *lt = user_data;

  g_mutex_lock (&lt->lock);
  for (;;)
    {
      Task *t;

      while (!lt->stop && g_queue_is_empty (&lt->imp_tasks) && g_queue_is_empty (&lt->control_tasks)
             && lt->running > 0)
        g_cond_wait (&lt->cond, &lt->lock);
      if (lt->stop || g_cancellable_is_cancelled (lt->cancellable)
          || (g_queue_is_empty (&lt->imp_tasks) && g_queue_is_empty (&lt->control_tasks)))
        break;
      t = g_queue_pop_head (!g_queue_is_empty (&lt->imp_tasks) ? &lt->imp_tasks
                                                                : &lt->control_tasks);
      lt->running++;
      g_mutex_unlock (&lt->lock);

      run_task (lt, t);

      g_mutex_lock (&lt->lock);
      if (t->control == OC_CONTROL_IMP && !lt->stop)
        {
          SeedState *s = t->seed;

          /* IMP level L done: its controls can run, and IMP level L+1 has its mask. */
          if (t->level == 0)
            {
              g_mutex_unlock (&lt->lock);
              for (guint c = OC_CONTROL_REINIT; c < OC_N_CONTROLS; c++)
                if (lt->cfg->controls & (1u << c))
                  report_dense_control (lt, s, (OcControl) c);
              g_mutex_lock (&lt->lock);
              /* Densities: every method prunes the initial network to every density at once. */
              for (guint l = 1; lt->cfg->densities != NULL && l < lt->n_levels; l++)
                for (guint c = OC_CONTROL_REINIT; c < OC_N_CONTROLS; c++)
                  if ((lt->cfg->controls & (1u << c)) && oc_control_parent (c) == c)
                    push_task (lt, s, (OcControl) c, l);
            }
          else
            for (guint c = OC_CONTROL_REINIT; c < OC_N_CONTROLS; c++)
              if ((lt->cfg->controls & (1u << c)) && oc_control_parent (c) == c)
                push_task (lt, s, (OcControl) c, t->level);
          if (t->level + 1 < lt->n_levels && s->masks[t->level + 1] != NULL)
            push_task (lt, s, OC_CONTROL_IMP, t->level + 1);
        }
      else if (oc_control_has_checks (t->control) && t->level > 0 && !lt->stop)
        {
          SeedState *s = t->seed;

          /* The method's mask at this level is known: its sanity checks can run. */
          if (s->method_masks[method_slot (t->control) * s->n_levels + t->level] != NULL)
            for (guint c = OC_CONTROL_REINIT; c < OC_N_CONTROLS; c++)
              if ((lt->cfg->controls & (1u << c)) && c != t->control
                  && oc_control_parent (c) == t->control)
                push_task (lt, s, (OcControl) c, t->level);
        }
      /* Only now: while this task counts as running, an idle worker that finds the queues empty
       * waits for its follow-ups instead of ending the run (the lock is dropped above). */
      lt->running--;
      g_free (t);
      g_cond_broadcast (&lt->cond);
    }
  lt->stop = TRUE;
  g_cond_broadcast (&lt->cond);
  g_mutex_unlock (&lt->lock);
  return NULL;
}

gboolean
oc_lottery_run (const OcLotteryConfig *cfg, const OcLotteryCallbacks *callbacks,
                GCancellable *cancellable, GError **error)
{
  Lottery lt = { 0 };
  g_autoptr (OcDataset) data = NULL;
  g_autoptr (GPtrArray) threads = g_ptr_array_new ();
  guint n_seeds, workers;
  gboolean ok = TRUE;

  g_return_val_if_fail (cfg != NULL && cfg->data != NULL && cfg->train != NULL, FALSE);
  g_return_val_if_fail (callbacks != NULL, FALSE);

  if (cfg->one_shot < 0 || cfg->one_shot >= 1 || (cfg->one_shot == 0 && cfg->levels > 200)
      || !(cfg->rates.rate > 0 && cfg->rates.rate < 1)
      || !(cfg->rates.output_rate >= 0 && cfg->rates.output_rate < 1))
    {
      g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                   _("Pruning settings out of range: rates must be in (0, 1), levels at most 200, "
                   "one-shot density in (0, 1)"));
      return FALSE;
    }
  if (cfg->densities != NULL)
    {
      gboolean ok_d = cfg->densities->len > 0
                      && (cfg->controls & ((1u << OC_CONTROL_REINIT) | (1u << OC_CONTROL_RANDOM)))
                         == 0;

      for (guint i = 0; ok_d && i < cfg->densities->len; i++)
        {
          double d = g_array_index (cfg->densities, double, i);

          ok_d = d > 0 && d < 1 && (i == 0 || d < g_array_index (cfg->densities, double, i - 1));
        }
      if (!ok_d)
        {
          g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                       _("Pruning densities must be decreasing fractions in (0, 1), and IMP's "
                       "controls reinit and random need IMP's levels"));
          return FALSE;
        }
    }
  data = oc_dataset_load (cfg->data, cancellable, error);
  if (data == NULL)
    return FALSE;
  if (cfg->rewind == OC_REWIND_ITER)
    {
      guint rows = MAX (oc_train_batch_rows (cfg->train->batch, data->train.n), 1);
      guint64 steps = (data->train.n + rows - 1) / rows;
      guint64 total = cfg->train->iterations > 0 ? cfg->train->iterations
                                                 : steps * cfg->train->epochs;

      if (cfg->rewind_iteration == 0 || cfg->rewind_iteration >= total)
        {
          g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                       _("rewind iter:%" PRIu64 " must be between 1 and the %"
                         PRIu64 " training iterations"), cfg->rewind_iteration, total);
          return FALSE;
        }
    }

  lt.cfg = cfg;
  lt.cb = callbacks;
  lt.cancellable = cancellable;
  lt.data = data;
  lt.n_levels = oc_lottery_n_levels (cfg);
  lt.seeds = g_ptr_array_new_with_free_func (seed_state_free);
  g_mutex_init (&lt.lock);
  g_cond_init (&lt.cond);

  n_seeds = cfg->seeds != NULL && cfg->seeds->len > 0 ? cfg->seeds->len : 1;
  for (guint i = 0; i < n_seeds && ok; i++)
    {
      SeedState *s = g_new0 (SeedState, 1);
      OcTrainConfig tc = *cfg->train;

      g_ptr_array_add (lt.seeds, s);
      s->seed = cfg->seeds != NULL && cfg->seeds->len > 0 ? g_array_index (cfg->seeds, guint64, i)
                                                          : cfg->train->seed;
      tc.seed = s->seed;
      /* masks is terminated by (gpointer) −1 so the free function knows its length. */
      s->masks = g_new0 (float *, lt.n_levels + 1);
      s->masks[lt.n_levels] = (gpointer) -1;
      s->n_levels = lt.n_levels;
      s->method_masks = g_new0 (float *, 3 * (gsize) lt.n_levels);
      s->base = oc_train_build_model (&tc, data, error);
      if (s->base == NULL || !oc_mlp_enable_mask (s->base, error))
        {
          ok = FALSE;
          break;
        }
      s->masks[0] = g_memdup2 (s->base->mask, sizeof (float) * s->base->n_params);
      if (cfg->rewind != OC_REWIND_ITER)
        s->rewind = oc_mlp_snapshot (s->base, NULL);
      push_task (&lt, s, OC_CONTROL_IMP, 0);
    }

  if (ok)
    {
      oc_lottery_plan (cfg, &workers, &lt.blas_threads);
      oc_blas_set_threads (lt.blas_threads);
      for (guint w = 0; w < workers; w++)
        g_ptr_array_add (threads, g_thread_new ("occam-lottery", worker, &lt));
      for (guint w = 0; w < threads->len; w++)
        g_thread_join (g_ptr_array_index (threads, w));
      if (lt.error != NULL)
        {
          g_propagate_error (error, lt.error);
          lt.error = NULL;
          ok = FALSE;
        }
      else if (g_cancellable_set_error_if_cancelled (cancellable, error))
        ok = FALSE;
    }

  g_queue_clear_full (&lt.imp_tasks, g_free);
  g_queue_clear_full (&lt.control_tasks, g_free);
  g_ptr_array_unref (lt.seeds);
  g_mutex_clear (&lt.lock);
  g_cond_clear (&lt.cond);
  return ok;
}
