/* oc-prune-job.c — see oc-prune-job.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * As the Sweep page's job, the worker writes through its own connection to the store file
 * (opened on the worker, closed when it returns), so a level that ends while the window closes
 * never writes through a connection the window has already closed.
 */
#include "occam/oc-error.h"
#include "oc-mailbox.h"
#include "oc-prune-job.h"

struct _OcPruneJob
{
  GObject         parent_instance;

  OcSpec         *spec;
  char           *id;
  char           *store_path; /* NULL: nothing is recorded */
  gboolean        rerun;
  OcMailbox      *mailbox;

  /* Worker side. */
  OcStore        *store;
  OcLotteryConfig *cfg;
  gint64          t0;
  guint           blas_threads;
  gint            n_failed; /* atomic */
};

enum { UPDATES, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (OcPruneJob, oc_prune_job, G_TYPE_OBJECT)

void
oc_prune_update_free (OcPruneUpdate *u)
{
  if (u == NULL)
    return;
  g_clear_pointer (&u->level, oc_prune_level_free);
  g_free (u);
}

static void
on_mail (GPtrArray *items, gpointer user_data)
{
  g_signal_emit (user_data, signals[UPDATES], 0, items);
}

static void
oc_prune_job_finalize (GObject *object)
{
  OcPruneJob *self = OC_PRUNE_JOB (object);

  oc_mailbox_close (self->mailbox);
  g_clear_pointer (&self->mailbox, oc_mailbox_unref);
  g_clear_pointer (&self->spec, oc_spec_free);
  g_free (self->id);
  g_free (self->store_path);

  G_OBJECT_CLASS (oc_prune_job_parent_class)->finalize (object);
}

static void
oc_prune_job_class_init (OcPruneJobClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = oc_prune_job_finalize;

  /* A batch (GPtrArray of OcPruneUpdate, in order) on the main thread; borrowed, but the levels
   * may be stolen. */
  signals[UPDATES] = g_signal_new ("updates", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
}

static void
oc_prune_job_init (OcPruneJob *self)
{
  self->mailbox = oc_mailbox_new (NULL, (GDestroyNotify) oc_prune_update_free, on_mail, self);
}

OcPruneJob *
oc_prune_job_new (const OcSpec *spec, OcStore *store, gboolean rerun)
{
  OcPruneJob *self;

  g_return_val_if_fail (spec != NULL, NULL);
  g_return_val_if_fail (g_strcmp0 (oc_spec_get_kind (spec), "prune") == 0, NULL);

  self = g_object_new (OC_TYPE_PRUNE_JOB, NULL);
  self->spec = oc_spec_dup (spec);
  self->id = oc_spec_id (spec);
  self->store_path = store != NULL ? g_strdup (oc_store_get_path (store)) : NULL;
  self->rerun = rerun;
  return self;
}

/* ---- On the worker threads ---- */

static OcPruneUpdate *
update_new (OcPruneJob *self, OcPruneUpdateKind kind)
{
  OcPruneUpdate *u = g_new0 (OcPruneUpdate, 1);

  u->kind = kind;
  u->elapsed = (g_get_monotonic_time () - self->t0) / 1e6;
  return u;
}

static gboolean
on_lookup (OcControl control, guint64 seed, guint level, float *next_mask, float *theta_final,
           gsize n_params, gpointer user_data)
{
  OcPruneJob *self = user_data;

  return self->store != NULL && !self->rerun
         && oc_prune_store_lookup (self->store, self->id, self->cfg, control, seed, level,
                                   next_mask, theta_final, n_params);
}

static void
on_progress (OcControl control, guint64 seed, guint level, const OcProgress *p,
             gpointer user_data)
{
  OcPruneJob *self = user_data;
  OcPruneUpdate *u = update_new (self, OC_PRUNE_UPDATE_PROGRESS);

  u->control = control;
  u->seed = seed;
  u->level_index = level;
  u->fraction = p->total_iterations > 0 ? (double) p->iteration / p->total_iterations : 0;
  oc_mailbox_post (self->mailbox, u);
}

static gboolean
on_level_finished (const OcLevelOutcome *o, gpointer user_data, GError **error)
{
  OcPruneJob *self = user_data;
  g_autoptr (OcStorePoint) p = oc_prune_point_record_new (self->id, o, self->blas_threads);
  g_autoptr (GPtrArray) artifacts = NULL;
  OcPruneUpdate *u;

  if (self->store != NULL)
    {
      artifacts = oc_prune_level_artifacts (o, error);
      if (artifacts == NULL || !oc_store_put_point (self->store, p, artifacts, error))
        {
          g_prefix_error (error, "recording %s: ", p->key);
          return FALSE;
        }
    }
  if (o->status != OC_POINT_FINISHED)
    g_atomic_int_inc (&self->n_failed);
  u = update_new (self, OC_PRUNE_UPDATE_LEVEL);
  u->control = o->control;
  u->seed = o->seed;
  u->level_index = o->level;
  u->fraction = 1;
  u->reused = o->reused;
  u->level = oc_prune_level_new_from_outcome (o, g_steal_pointer (&p));
  oc_mailbox_post (self->mailbox, u);
  return TRUE;
}

static gboolean
stored_finished (OcPruneJob *self, const char *key)
{
  g_autoptr (OcStorePoint) p = NULL;

  if (self->store == NULL || self->rerun)
    return FALSE;
  p = oc_store_get_point (self->store, self->id, key, FALSE, NULL);
  return p != NULL && p->status == OC_STATUS_FINISHED;
}

/* Trainings this run needs, as occam-cli counts them: the controls reuse the dense network. */
static guint
count_to_train (OcPruneJob *self)
{
  const OcLotteryConfig *cfg = self->cfg;
  guint n_levels = oc_lottery_n_levels (cfg), n = 0;

  for (guint s = 0; s < cfg->seeds->len; s++)
    for (guint c = 0; c < OC_N_CONTROLS; c++)
      {
        if (c != OC_CONTROL_IMP && !(cfg->controls & (1u << c)))
          continue;
        for (guint l = 0; l < n_levels; l++)
          {
            g_autofree char *key = oc_lottery_point_key ((OcControl) c,
                                                         g_array_index (cfg->seeds, guint64, s),
                                                         l);

            if (!stored_finished (self, key) && (c == OC_CONTROL_IMP || l > 0))
              n++;
          }
      }
  return n;
}

static void
job_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  OcPruneJob *self = source;
  g_autoptr (GError) error = NULL;
  g_autoptr (OcStore) store = NULL;
  OcLotteryCallbacks cb = { on_lookup, on_progress, on_level_finished, self };
  OcSweepConfig plan_cfg = { 0 };
  OcLotteryConfig cfg;
  OcPruneUpdate *started;
  guint workers;
  gboolean ok;

  self->t0 = g_get_monotonic_time ();
  if (!oc_lottery_config_from_spec (self->spec, &cfg, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  self->cfg = &cfg;
  if (self->store_path != NULL
      && (store = oc_store_open (self->store_path, OC_STORE_OPEN_CREATE, &error)) == NULL)
    goto out;
  self->store = store;
  /* The BLAS threads oc_lottery_run gives each training, recorded with every point (as the
   * CLI does). */
  plan_cfg.workers = cfg.workers;
  oc_sweep_plan (&plan_cfg, cfg.controls == (1u << OC_CONTROL_IMP) ? cfg.seeds->len : 1000,
                 g_get_num_processors (), &workers, &self->blas_threads);
  started = update_new (self, OC_PRUNE_UPDATE_STARTED);
  started->n_to_train = count_to_train (self);
  started->blas_threads = self->blas_threads;
  oc_mailbox_post (self->mailbox, started);
  if (store != NULL
      && !oc_store_begin_experiment (store, self->spec, oc_lottery_n_points (&cfg), NULL, &error))
    goto out;

  ok = oc_lottery_run (&cfg, &cb, cancellable, &error);
  /* How it ended, as occam-cli records it; a complete run became "finished" with its last
   * level. */
  if (store != NULL && !ok)
    oc_store_set_experiment_status (store, self->id,
                                    g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
                                    ? OC_STATUS_CANCELLED : OC_STATUS_FAILED, NULL);
  else if (store != NULL && g_atomic_int_get (&self->n_failed) > 0)
    oc_store_set_experiment_status (store, self->id, OC_STATUS_FAILED, NULL);

out:
  self->store = NULL;
  self->cfg = NULL;
  oc_lottery_config_clear (&cfg);
  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/* ---- Main thread ---- */

void
oc_prune_job_run_async (OcPruneJob *self, GCancellable *cancellable,
                        GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (OC_IS_PRUNE_JOB (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, oc_prune_job_run_async);
  g_task_set_name (task, "occam-prune");
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, job_thread);
}

gboolean
oc_prune_job_run_finish (OcPruneJob *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  oc_mailbox_flush (self->mailbox);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
oc_prune_job_get_delivery_stats (OcPruneJob *self, guint *n_deliveries, guint *max_batch)
{
  *n_deliveries = oc_mailbox_get_n_deliveries (self->mailbox);
  *max_batch = oc_mailbox_get_max_batch (self->mailbox);
}
