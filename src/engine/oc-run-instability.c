/* oc-run-instability.c — the `instability` kind of the experiment runner: one point per k, level
 * and seed (see oc-instability.h for what each point holds).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Per seed a parent trains to the largest k still to compute and hands over its whole training
 * state at every k on the way (OcTrainConfig.capture_at); a level of a prune experiment instead
 * starts from the state that level's training started from. Then every point's two children
 * (oc_train_resume with their own data orders) run as tasks on `workers` threads, largest first;
 * whichever child of a point ends second measures the path and records the point.
 *
 * Only the test split is evaluated (and validation, when there is one), at the branching point
 * and at the end: the instability is a test-error measure, and evaluating 55,000 training examples
 * would cost more than the path itself.
 */
#include <math.h>
#include <string.h>

#include "occam/oc-axis.h"
#include "occam/oc-cpus.h"
#include "occam/oc-error.h"
#include "occam/oc-instability.h"
#include "occam/oc-lottery.h"
#include "occam/oc-prune-record.h"
#include "oc-experiment-private.h"
#include "oc-team.h"
#include "oc-config.h"
#include <glib/gi18n-lib.h>
#include <inttypes.h>

/* Training steps of the whole run, as oc_train_run counts them. */
static guint64
total_iterations (const OcTrainConfig *t, guint n_train)
{
  guint64 per_epoch = t->batch > 0 ? (n_train + t->batch - 1) / t->batch : 1;

  return t->iterations > 0 ? t->iterations : (guint64) t->epochs * MAX (per_epoch, 1);
}

static char *
point_label (const OcInstabilityConfig *cfg, guint64 k, guint64 seed)
{
  if (cfg->from_experiment != NULL)
    return g_strdup_printf ("k %" G_GUINT64_FORMAT " · level %u · seed %" G_GUINT64_FORMAT, k,
                            cfg->level, seed);
  return g_strdup_printf ("k %" G_GUINT64_FORMAT " · seed %" G_GUINT64_FORMAT, k, seed);
}

static gboolean
instability_plan (OcRunPlan *plan, const OcSpec *spec, GError **error)
{
  OcInstabilityConfig cfg;
  /* Iterations are known only with the data when the run is given in epochs; the cost is
   * relative, so an epoch-based run counts epochs × 1000 steps. */
  guint64 total;
  guint64 k_max;

  if (!oc_instability_config_from_spec (spec, &cfg, error))
    return FALSE;
  total = cfg.train->iterations > 0 ? cfg.train->iterations : (guint64) cfg.train->epochs * 1000;
  k_max = g_array_index (cfg.ks, guint64, cfg.ks->len - 1);
  for (guint s = 0; s < cfg.seeds->len; s++)
    for (guint i = 0; i < cfg.ks->len; i++)
      {
        guint64 seed = g_array_index (cfg.seeds, guint64, s);
        guint64 k = g_array_index (cfg.ks, guint64, i);
        /* Two children from k to the end; the parent's steps are counted on the last k. */
        double cost = cfg.level > 0 ? 2.0 * (double) total
                      : 2.0 * (double) (total > k ? total - k : 1) + (k == k_max ? (double) k : 0);

        /* A seed's points share its parent training: one chain, one shard. */
        oc_run_plan_add_chain_point (plan, s, oc_instability_point_key (k, cfg.level, seed),
                               point_label (&cfg, k, seed), cost);
      }
  oc_instability_config_clear (&cfg);
  return TRUE;
}

/* Children train at once, one thread each, as many as there are cores (two per point). */
static void
instability_threads (OcRunPlan *plan, const OcSpec *spec, guint n_todo)
{
  guint cores = oc_spec_get_train_config (spec)->threads;
  guint workers;

  if (cores == 0)
    cores = oc_cpus_available ();
  workers = MAX (1, MIN (cores, 2 * MAX (n_todo, 1)));
  oc_run_plan_set_threads (plan, workers, MAX (1, cores / workers));
}

/* One point to compute: its parent state and its two children. */
typedef struct
{
  guint          index;        /* in the plan */
  guint64        k, seed;
  OcTrainState  *state;        /* where both children start (owned) */
  guint64        steps;        /* the children's steps: total − state->iteration each */
  guint64        done[2];      /* steps each child has taken */
  guint64        parent_done, parent_steps; /* the parent's share, on the seed's largest k */
  OcMlp         *child[2];     /* trained children */
  OcEvalPoint    end[2];       /* their own last evaluation */
  char          *failed;       /* why a child failed (diverged), or NULL */
  guint          n_ended;
  gint64         t0;           /* when its first child started */
} Point;

static void
point_free (Point *p)
{
  oc_train_state_free (p->state);
  g_clear_pointer (&p->child[0], oc_mlp_free);
  g_clear_pointer (&p->child[1], oc_mlp_free);
  g_free (p->failed);
  g_free (p);
}

typedef struct
{
  OcRun               *run;
  OcInstabilityConfig *cfg;
  const OcDataset     *data;
  const OcMlp         *shape;     /* a network of the run's architecture */
  OcTrainConfig        child_cfg; /* threads, evaluations as the children run */
  guint                threads;
  guint64              total;
  GPtrArray           *points;    /* Point*, in task order */
  GCancellable        *cancellable;
  GMutex               lock;      /* points' progress and ends, the first error */
  gint                 next_task;
  GError              *error;     /* the first error that stops the run */
} Instab;

static void
report (Instab *in, Point *p, guint64 iteration)
{
  OcProgress progress = { 0 };
  guint64 total = 2 * p->steps + p->parent_steps;

  progress.iteration = MIN (p->done[0] + p->done[1] + p->parent_done, total);
  progress.total_iterations = MAX (total, 1);
  oc_run_progress (in->run, p->index, &progress);
}

/* ---- The parent ---- */

typedef struct
{
  Instab    *in;
  GPtrArray *points; /* of this seed, ascending k */
  Point     *last;   /* the seed's largest k: carries the parent's progress */
  GError    *error;
} Parent;

static void
on_parent_progress (const OcProgress *progress, gpointer user_data)
{
  Parent *pa = user_data;

  if (progress->state != NULL)
    for (guint i = 0; i < pa->points->len; i++)
      {
        Point *p = pa->points->pdata[i];

        if (p->k == progress->iteration && p->state == NULL && pa->error == NULL)
          p->state = oc_train_state_dup (progress->state, &pa->error);
      }
  g_mutex_lock (&pa->in->lock);
  pa->last->parent_done = progress->iteration;
  report (pa->in, pa->last, progress->iteration);
  g_mutex_unlock (&pa->in->lock);
}

/* Fills the state of every point of one seed (ascending k) by training its parent. */
static gboolean
train_parent (Instab *in, guint64 seed, GPtrArray *points, GError **error)
{
  OcTrainConfig cfg = in->child_cfg;
  g_autoptr (OcMlp) model = NULL;
  g_autoptr (OcTrainResult) r = NULL;
  g_autoptr (GArray) ks = g_array_new (FALSE, FALSE, sizeof (guint64));
  Parent pa = { in, points, points->pdata[points->len - 1], NULL };

  for (guint i = 0; i < points->len; i++)
    g_array_append_val (ks, ((Point *) points->pdata[i])->k);
  cfg.seed = seed;
  /* The parent runs alone: every thread of the run. */
  {
    guint workers = 1;

    oc_run_plan_get_threads (oc_run_get_plan (in->run), &workers, NULL);
    cfg.threads = workers * in->threads;
  }
  cfg.capture_at = (const guint64 *) (gpointer) ks->data;
  cfg.n_capture_at = ks->len;
  cfg.stop_at = g_array_index (ks, guint64, ks->len - 1);
  model = oc_train_build_model (&cfg, in->data, error);
  if (model == NULL)
    return FALSE;
  if (cfg.stop_at == 0)
    {
      /* Only k = 0: the state a run starts from, nothing to train. */
      Point *p = points->pdata[0];

      p->state = oc_train_state_new_start (model, in->data->train.n, seed, error);
      return p->state != NULL;
    }
  pa.last->parent_steps = cfg.stop_at;
  r = oc_train_run (&cfg, in->data, model, in->cancellable, on_parent_progress, &pa, NULL, error);
  if (pa.error != NULL)
    {
      g_clear_error (error);
      g_propagate_error (error, pa.error);
      return FALSE;
    }
  if (r == NULL)
    {
      /* A parent that diverges leaves its points to fail with its message. */
      if (error != NULL && g_error_matches (*error, OC_ERROR, OC_ERROR_DIVERGED))
        {
          for (guint i = 0; i < points->len; i++)
            {
              Point *p = points->pdata[i];

              if (p->state == NULL)
                p->failed = g_strdup_printf ("the parent: %s", (*error)->message);
            }
          g_clear_error (error);
          return TRUE;
        }
      return FALSE;
    }
  return TRUE;
}

/* ---- A level of a prune experiment ---- */

/* The prune experiment @cfg names, checked against what this run needs; its canonical ID in
 * @id_out. */
static OcSpec *
load_source (OcStore *store, const OcInstabilityConfig *cfg, const OcSpec *spec, char **id_out,
             GError **error)
{
  g_autoptr (OcStoreExperiment) e = NULL;
  g_autoptr (OcSpec) source = NULL;
  g_autoptr (GError) local = NULL;
  OcLotteryConfig lc;
  const OcSpecField *fields;
  guint n_fields, n_levels;

  if (store == NULL)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                   _("--from-experiment %s: a sub-network is read from the experiment store, and "
                   "this run has none"), cfg->from_experiment);
      return NULL;
    }
  e = oc_store_find_experiment (store, cfg->from_experiment, &local);
  if (e == NULL)
    {
      g_set_error (error, OC_ERROR, local->code == OC_ERROR_INVALID_ARGUMENT
                                    ? OC_ERROR_INVALID_ARGUMENT : OC_ERROR_NOT_FOUND,
                   _("--from-experiment %s: %s"), cfg->from_experiment, local->message);
      return NULL;
    }
  if (g_strcmp0 (e->kind, "prune") != 0)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                   _("--from-experiment %s: experiment %s is a %s experiment; sub-networks come "
                   "from prune experiments (occam-cli runs list shows the kinds)"),
                   cfg->from_experiment, e->id, e->kind);
      return NULL;
    }
  source = oc_spec_new_from_json (e->spec, -1, NULL, error);
  if (source == NULL)
    return NULL;
  /* The sub-network is only what IMP found when it is trained as IMP trained it: the same data,
   * network and training. */
  fields = oc_spec_kind_fields ("instability", &n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      const OcSpecField *f = &fields[i];
      g_autofree char *mine = NULL;
      g_autofree char *theirs = NULL;

      if (strcmp (f->section, "instability") == 0 || strcmp (f->section, "run") == 0
          || oc_spec_find_field ("prune", f->section, f->name) == NULL
          || (strcmp (f->section, "train") == 0 && strcmp (f->name, "seed") == 0))
        continue;
      mine = oc_spec_get_field_text (spec, f->section, f->name);
      theirs = oc_spec_get_field_text (source, f->section, f->name);
      if (g_strcmp0 (mine, theirs) != 0)
        {
          g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                       _("--from-experiment %s: the prune experiment was trained with --%s %s, this "
                       "run with --%s %s; give the prune run's training flags (e.g. the same "
                       "--preset and flags; `occam-cli runs show %s` lists them)"), e->id,
                       f->flag != NULL ? f->flag : f->name, *theirs != '\0' ? theirs : "(none)",
                       f->flag != NULL ? f->flag : f->name, *mine != '\0' ? mine : "(none)",
                       e->id);
          return NULL;
        }
    }
  if (!oc_lottery_config_from_spec (source, &lc, error))
    return NULL;
  n_levels = oc_lottery_n_levels (&lc);
  if (cfg->level >= n_levels)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                   _("--level %u: experiment %s has levels 0 to %u"), cfg->level, e->id,
                   n_levels - 1);
      oc_lottery_config_clear (&lc);
      return NULL;
    }
  for (guint s = 0; s < cfg->seeds->len; s++)
    {
      guint64 seed = g_array_index (cfg->seeds, guint64, s);
      gboolean found = FALSE;

      for (guint j = 0; j < lc.seeds->len; j++)
        found |= g_array_index (lc.seeds, guint64, j) == seed;
      if (!found)
        {
          g_autofree char *have = oc_axis_format_uint (lc.seeds);

          g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                       _("--seeds: experiment %s has no seed %" PRIu64 " (its seeds: "
                       "%s)"), e->id, seed, have);
          oc_lottery_config_clear (&lc);
          return NULL;
        }
    }
  if (cfg->level > 0)
    {
      /* A level's sub-network exists at one iteration only: where its survivors were rewound. */
      gboolean ok = lc.rewind != OC_REWIND_NONE;
      guint64 at = lc.rewind == OC_REWIND_ITER ? lc.rewind_iteration : 0;

      for (guint i = 0; ok && i < cfg->ks->len; i++)
        ok = g_array_index (cfg->ks, guint64, i) == at;
      if (!ok)
        {
          if (lc.rewind == OC_REWIND_NONE)
            g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                         _("--level %u: experiment %s fine-tunes its levels (--rewind none), so "
                         "they have no rewind point to branch off from; prune with --rewind "
                         "init or iter:K, or analyse --level 0 (the dense network) at any k"),
                         cfg->level, e->id);
          else
            g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                         _("--rewind-iterations: level %u of experiment %s starts from iteration %"
                           PRIu64 " (its rewind is %s), so its sub-network exists only "
                         "at k = %" PRIu64 "; use --rewind-iterations %"
                         PRIu64 ", or prune with --rewind iter:K for another k (level "
                         "0, the dense network, takes any k)"), cfg->level, e->id, at,
                         lc.rewind == OC_REWIND_ITER ? "iter:K" : "init", at, at);
          oc_lottery_config_clear (&lc);
          return NULL;
        }
    }
  oc_lottery_config_clear (&lc);
  *id_out = g_strdup (e->id);
  return g_steal_pointer (&source);
}

/* The state level cfg->level of @seed started from in experiment @id. */
static gboolean
level_state (Instab *in, const char *id, guint64 seed, Point *p, GError **error)
{
  OcStore *store = oc_run_get_store (in->run);
  g_autofree char *key = oc_lottery_point_key (OC_CONTROL_IMP, seed, in->cfg->level);
  g_autoptr (OcStorePoint) sp = oc_store_get_point (store, id, key, FALSE, NULL);
  g_autoptr (OcMlp) model = oc_mlp_dup (in->shape, error);

  if (model == NULL)
    return FALSE;
  if (sp == NULL || sp->status != OC_STATUS_FINISHED)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_NOT_FOUND,
                   _("--level %u: experiment %s has not finished level %u of seed %"
                     PRIu64 "; run its prune command again to finish it"), in->cfg->level,
                   id, in->cfg->level, seed);
      return FALSE;
    }
  if ((model->mask == NULL && !oc_mlp_enable_mask (model, error)))
    return FALSE;
  if (!oc_prune_load_arena (store, id, key, "theta_start", FALSE, model->params, model->n_params)
      || !oc_prune_load_arena (store, id, key, "mask", TRUE, model->mask, model->n_params))
    {
      g_set_error (error, OC_ERROR, OC_ERROR_FORMAT,
                   _("--level %u: level %u of seed %" PRIu64 " in experiment %s has no "
                   "readable starting weights and mask for a %s network"), in->cfg->level,
                   in->cfg->level, seed, id, sp->architecture != NULL ? sp->architecture : "?");
      return FALSE;
    }
  oc_mlp_apply_mask (model);
  p->state = oc_train_state_new_start (model, in->data->train.n, seed, error);
  return p->state != NULL;
}

/* ---- The children ---- */

typedef struct
{
  Instab *in;
  Point  *p;
  guint   c;
} ChildCtx;

static void
on_child_progress (const OcProgress *progress, gpointer user_data)
{
  ChildCtx *cx = user_data;

  g_mutex_lock (&cx->in->lock);
  cx->p->done[cx->c] = progress->iteration - cx->p->state->iteration;
  report (cx->in, cx->p, progress->iteration);
  g_mutex_unlock (&cx->in->lock);
}

static void
fail (Instab *in, GError *error)
{
  g_mutex_lock (&in->lock);
  if (in->error == NULL)
    in->error = error;
  else
    g_error_free (error);
  g_mutex_unlock (&in->lock);
  g_cancellable_cancel (in->cancellable);
}

static gboolean
add_matrix (GPtrArray *artifacts, const char *name, const float *values, gsize rows, gsize cols,
            GError **error)
{
  gsize shape[2] = { rows, cols };
  g_autoptr (OcNpyArray) a = oc_npy_array_new (OC_NPY_FLOAT32, 2, shape, error);
  OcStoreArtifact *artifact;

  if (a == NULL)
    return FALSE;
  memcpy (a->data, values, rows * cols * sizeof (float));
  artifact = oc_store_artifact_new (name, a, error);
  if (artifact == NULL)
    return FALSE;
  g_ptr_array_add (artifacts, artifact);
  return TRUE;
}

static double
mean2 (double a, double b)
{
  return 0.5 * (a + b);
}

/* Both children of @p have ended: the path, then the point. */
static gboolean
record_point (Instab *in, Point *p, GError **error)
{
  const OcRunPlan *plan = oc_run_get_plan (in->run);
  OcStorePoint *sp = oc_store_point_new (oc_run_plan_get_id (plan),
                                         oc_run_plan_get_key (plan, p->index));
  g_autoptr (GPtrArray) artifacts = g_ptr_array_new_with_free_func (
    (GDestroyNotify) oc_store_artifact_free);
  guint n = in->cfg->n_alphas;

  sp->status = p->failed == NULL ? OC_STATUS_FINISHED : OC_STATUS_FAILED;
  sp->error = g_strdup (p->failed);
  sp->threads = in->threads;
  sp->architecture = oc_mlp_describe (in->shape);
  sp->parameters = oc_mlp_parameter_count (in->shape);
  sp->n_train = in->data->train.n;
  sp->n_val = in->data->val.n;
  sp->n_test = in->data->test.n;
  if (p->failed == NULL)
    {
      g_autofree double *errors = g_new (double, n);
      g_autofree double *losses = g_new (double, n);
      g_autofree float *path = g_new (float, 3 * n);
      float ends[4];
      OcEvalPoint *f = &sp->final;

      if (!oc_instability_path (p->child[0], p->child[1], in->child_cfg.loss, in->data, n, errors,
                                losses, error))
        {
          oc_store_point_free (sp);
          return FALSE;
        }
      for (guint i = 0; i < n; i++)
        {
          path[3 * i] = (float) oc_instability_alpha (i, n);
          path[3 * i + 1] = (float) errors[i];
          path[3 * i + 2] = (float) losses[i];
        }
      for (guint c = 0; c < 2; c++)
        {
          ends[2 * c] = (float) p->end[c].test_error;
          ends[2 * c + 1] = (float) p->end[c].test_loss;
        }
      if (!add_matrix (artifacts, "path", path, n, 3, error)
          || !add_matrix (artifacts, "children", ends, 2, 2, error))
        {
          oc_store_point_free (sp);
          return FALSE;
        }
      /* The point's result: the two children's own final evaluations, averaged. */
      sp->iterations = in->total;
      f->iteration = in->total;
      f->epoch = p->end[0].epoch;
      f->train_loss = mean2 (p->end[0].train_loss, p->end[1].train_loss);
      f->train_error = mean2 (p->end[0].train_error, p->end[1].train_error);
      f->val_loss = mean2 (p->end[0].val_loss, p->end[1].val_loss);
      f->val_error = mean2 (p->end[0].val_error, p->end[1].val_error);
      f->test_loss = mean2 (p->end[0].test_loss, p->end[1].test_loss);
      f->test_error = mean2 (p->end[0].test_error, p->end[1].test_error);
      f->seconds = (g_get_monotonic_time () - p->t0) / 1e6;
      sp->early_stop = *f;
    }
  sp->seconds = (g_get_monotonic_time () - p->t0) / 1e6;
  g_clear_pointer (&p->child[0], oc_mlp_free);
  g_clear_pointer (&p->child[1], oc_mlp_free);
  return oc_run_record (in->run, p->index, sp, g_steal_pointer (&artifacts), FALSE, error);
}

static void
run_child (Instab *in, Point *p, guint c)
{
  g_autoptr (OcMlp) model = NULL;
  g_autoptr (OcTrainResult) r = NULL;
  g_autoptr (GError) error = NULL;
  guint64 order_seed = oc_instability_child_seed (p->seed, c);
  ChildCtx cx = { in, p, c };
  gboolean last;

  g_mutex_lock (&in->lock);
  if (p->t0 == 0)
    p->t0 = g_get_monotonic_time ();
  g_mutex_unlock (&in->lock);
  if (p->failed == NULL)
    {
      model = oc_mlp_dup (in->shape, &error);
      if (model != NULL)
        r = oc_train_resume (&in->child_cfg, in->data, model, p->state, &order_seed,
                             in->cancellable, on_child_progress, &cx, &error);
      if (r == NULL && !g_error_matches (error, OC_ERROR, OC_ERROR_DIVERGED))
        {
          fail (in, g_steal_pointer (&error));
          return;
        }
    }
  g_mutex_lock (&in->lock);
  if (r != NULL)
    {
      p->child[c] = g_steal_pointer (&model);
      p->end[c] = r->final;
    }
  else if (error != NULL && p->failed == NULL)
    p->failed = g_strdup_printf ("child %u: %s", c, error->message);
  last = ++p->n_ended == 2;
  g_mutex_unlock (&in->lock);
  if (last)
    {
      GError *rec_error = NULL;

      if (!record_point (in, p, &rec_error))
        fail (in, rec_error);
      g_clear_pointer (&p->state, oc_train_state_free);
    }
}

/* Team member: takes tasks (point i's child c is task 2i + c) until none is left. */
static void
child_member (guint index, guint n, gpointer user_data)
{
  Instab *in = user_data;

  for (;;)
    {
      gint task = g_atomic_int_add (&in->next_task, 1);

      if (task >= (gint) (2 * in->points->len) || g_cancellable_is_cancelled (in->cancellable))
        return;
      run_child (in, in->points->pdata[task / 2], (guint) task % 2);
    }
}

static void
on_cancelled (GCancellable *outer, gpointer user_data)
{
  g_cancellable_cancel (user_data);
}

static gboolean
instability_run (OcRun *run, GCancellable *cancellable, GError **error)
{
  const OcSpec *spec = oc_run_get_spec (run);
  const OcRunPlan *plan = oc_run_get_plan (run);
  OcInstabilityConfig cfg;
  g_autoptr (OcDataset) loaded = NULL;
  g_autoptr (OcMlp) shape = NULL;
  g_autoptr (OcSpec) source = NULL;
  g_autofree char *source_id = NULL;
  g_autoptr (GPtrArray) points = g_ptr_array_new_with_free_func ((GDestroyNotify) point_free);
  g_autoptr (GCancellable) inner = g_cancellable_new ();
  const OcDataset *data = oc_run_get_options (run)->dataset;
  Instab in = { 0 };
  guint workers = 1, threads = 1;
  gulong handler = 0;
  gboolean ok = FALSE;

  if (!oc_instability_config_from_spec (spec, &cfg, error))
    return FALSE;
  g_mutex_init (&in.lock);
  in.run = run;
  in.cfg = &cfg;
  in.cancellable = inner;
  oc_run_plan_get_threads (plan, &workers, &threads);
  in.threads = threads;

  /* Everything the user can get wrong is checked before any training. */
  if (cfg.from_experiment != NULL)
    {
      source = load_source (oc_run_get_store (run), &cfg, spec, &source_id, error);
      if (source == NULL)
        goto out;
    }
  if (data == NULL)
    {
      loaded = oc_dataset_load (cfg.data, cancellable, error);
      if (loaded == NULL)
        goto out;
      data = loaded;
    }
  in.data = data;
  in.total = total_iterations (cfg.train, data->train.n);
  {
    guint64 last = g_array_index (cfg.ks, guint64, cfg.ks->len - 1);

    if (last >= in.total)
      {
        g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                     _("--rewind-iterations: k = %" PRIu64 " is not before the end of "
                     "the %" PRIu64 " training iterations; every k must be smaller (or "
                     "train longer)"), last, in.total);
        goto out;
      }
  }
  shape = oc_train_build_model (cfg.train, data, error);
  if (shape == NULL)
    goto out;
  in.shape = shape;
  in.child_cfg = *cfg.train;
  in.child_cfg.threads = threads;
  in.child_cfg.eval_every = G_MAXUINT64;   /* at the branching point and at the end only */
  in.child_cfg.train_eval_examples = 0;
  in.child_cfg.snapshot_at = 0;
  in.child_cfg.capture_at = NULL;
  in.child_cfg.n_capture_at = 0;
  in.child_cfg.stop_at = 0;
  if (cancellable != NULL)
    handler = g_cancellable_connect (cancellable, G_CALLBACK (on_cancelled), inner, NULL);

  /* Parent states, seed by seed. */
  for (guint s = 0; s < cfg.seeds->len; s++)
    {
      guint64 seed = g_array_index (cfg.seeds, guint64, s);
      g_autoptr (GPtrArray) mine = g_ptr_array_new ();

      for (guint i = 0; i < cfg.ks->len; i++)
        {
          guint64 k = g_array_index (cfg.ks, guint64, i);
          g_autofree char *key = oc_instability_point_key (k, cfg.level, seed);
          int index = oc_run_plan_find_key (plan, key);
          Point *p;

          if (index < 0 || !oc_run_todo (run, (guint) index))
            continue;
          p = g_new0 (Point, 1);
          p->index = (guint) index;
          p->k = k;
          p->seed = seed;
          /* A level's children train the whole run from its start (see oc-instability.h). */
          p->steps = cfg.level > 0 ? in.total : in.total - k;
          g_ptr_array_add (points, p);
          g_ptr_array_add (mine, p);
        }
      if (mine->len == 0)
        continue;
      if (cfg.level > 0)
        {
          for (guint i = 0; i < mine->len; i++)
            if (!level_state (&in, source_id, seed, mine->pdata[i], error))
              goto out;
        }
      else if (!train_parent (&in, seed, mine, error))
        goto out;
    }

  /* Longest children first: k ascending over every seed. */
  {
    GPtrArray *order = g_ptr_array_new ();

    for (guint i = 0; i < cfg.ks->len; i++)
      for (guint j = 0; j < points->len; j++)
        if (((Point *) points->pdata[j])->k == g_array_index (cfg.ks, guint64, i))
          g_ptr_array_add (order, points->pdata[j]);
    g_ptr_array_set_free_func (order, NULL);
    for (guint j = 0; j < order->len; j++)
      points->pdata[j] = order->pdata[j];
    g_ptr_array_unref (order);
  }
  in.points = points;
  if (points->len > 0)
    {
      g_autoptr (OcTeam) team = oc_team_new (MIN (workers, 2 * points->len));

      oc_team_run (team, child_member, &in);
    }
  if (in.error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&in.error));
      goto out;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error)
      || g_cancellable_set_error_if_cancelled (inner, error))
    goto out;
  ok = TRUE;

out:
  if (handler != 0)
    g_cancellable_disconnect (cancellable, handler);
  g_clear_error (&in.error);
  g_mutex_clear (&in.lock);
  oc_instability_config_clear (&cfg);
  return ok;
}

const OcRunKind oc_run_kind_instability = {
  instability_plan, instability_threads, instability_run,
};
