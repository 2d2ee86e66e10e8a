/* oc-sweep-job.c — see oc-sweep-job.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The workers write to their own connection to the store file (opened on the worker, closed when
 * it returns) rather than the window's: a point that finishes while the window closes must not
 * write through a connection the window has already closed. SQLite in WAL mode serialises the
 * two connections; the page reads points back through the window's.
 */
#include <math.h>

#include "occam/oc-error.h"
#include "occam/oc-rff.h"
#include "occam/oc-sweep-record.h"
#include "oc-mailbox.h"
#include "oc-sweep-job.h"

struct _OcSweepJob
{
  GObject      parent_instance;

  OcSweepGrid *grid;
  char        *store_path; /* NULL: nothing is recorded */
  guint        rff_threads;
  gboolean     rerun;
  OcMailbox   *mailbox;

  /* Worker side. */
  OcStore     *store;
  gboolean    *done;
  gint64       t0;
  guint        blas_threads;
  gint         n_failed; /* atomic */
};

enum { UPDATES, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (OcSweepJob, oc_sweep_job, G_TYPE_OBJECT)

void
oc_sweep_update_free (OcSweepUpdate *u)
{
  if (u == NULL)
    return;
  g_clear_pointer (&u->point, oc_store_point_free);
  g_free (u);
}

static void
on_mail (GPtrArray *items, gpointer user_data)
{
  g_signal_emit (user_data, signals[UPDATES], 0, items);
}

static void
oc_sweep_job_finalize (GObject *object)
{
  OcSweepJob *self = OC_SWEEP_JOB (object);

  oc_mailbox_close (self->mailbox);
  g_clear_pointer (&self->mailbox, oc_mailbox_unref);
  g_clear_pointer (&self->grid, oc_sweep_grid_unref);
  g_free (self->store_path);

  G_OBJECT_CLASS (oc_sweep_job_parent_class)->finalize (object);
}

static void
oc_sweep_job_class_init (OcSweepJobClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = oc_sweep_job_finalize;

  /* A batch (GPtrArray of OcSweepUpdate, in order) on the main thread; borrowed, but the points
   * may be stolen. */
  signals[UPDATES] = g_signal_new ("updates", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
}

static void
oc_sweep_job_init (OcSweepJob *self)
{
  self->mailbox = oc_mailbox_new (NULL, (GDestroyNotify) oc_sweep_update_free, on_mail, self);
}

OcSweepJob *
oc_sweep_job_new (OcSweepGrid *grid, OcStore *store, guint rff_threads, gboolean rerun)
{
  OcSweepJob *self;

  g_return_val_if_fail (grid != NULL, NULL);

  self = g_object_new (OC_TYPE_SWEEP_JOB, NULL);
  self->grid = oc_sweep_grid_ref (grid);
  self->store_path = store != NULL ? g_strdup (oc_store_get_path (store)) : NULL;
  self->rff_threads = rff_threads;
  self->rerun = rerun;
  return self;
}

OcSweepGrid *
oc_sweep_job_get_grid (OcSweepJob *self)
{
  return self->grid;
}

/* ---- On the worker threads ---- */

static void
post (OcSweepJob *self, OcSweepUpdateKind kind, guint index, double fraction, OcStorePoint *point)
{
  OcSweepUpdate *u = g_new0 (OcSweepUpdate, 1);

  u->kind = kind;
  u->index = index;
  u->fraction = fraction;
  u->elapsed = (g_get_monotonic_time () - self->t0) / 1e6;
  u->point = point;
  u->coef_norm = u->condition = NAN;
  oc_mailbox_post (self->mailbox, u);
}

static gboolean
is_done (const OcSweepPoint *p, gpointer user_data)
{
  OcSweepJob *self = user_data;

  return self->done[p->index];
}

static void
on_point_progress (const OcSweepPoint *p, const OcProgress *progress, gpointer user_data)
{
  OcSweepJob *self = user_data;

  post (self, OC_SWEEP_UPDATE_PROGRESS, p->index,
        progress->total_iterations > 0
          ? (double) progress->iteration / progress->total_iterations : 0, NULL);
}

static gboolean
on_point_finished (const OcPointOutcome *o, gpointer user_data, GError **error)
{
  OcSweepJob *self = user_data;
  OcStorePoint *sp = oc_sweep_point_record_new (self->grid->id, self->grid->keys[o->point->index],
                                                o, self->blas_threads);

  if (self->store != NULL && !oc_store_put_point (self->store, sp, NULL, error))
    {
      oc_store_point_free (sp);
      return FALSE;
    }
  if (o->status != OC_POINT_FINISHED)
    g_atomic_int_inc (&self->n_failed);
  post (self, OC_SWEEP_UPDATE_POINT, o->point->index, 1, sp);
  return TRUE;
}

static gboolean
run_sweep (OcSweepJob *self, GCancellable *cancellable, GError **error)
{
  OcSweepCallbacks cb = { is_done, on_point_progress, on_point_finished, self };

  return oc_sweep_run (&self->grid->cfg, &cb, cancellable, error);
}

/* Through a volatile float: GCC 12's SLP vectoriser turns the pair `u->a = (float) r.a;
 * u->b = (float) r.b;` into one 128-bit copy of the doubles, dropping the rounding. */
static double
round_to_float (double v)
{
  volatile float f = (float) v;

  return f;
}

static gboolean
run_rff (OcSweepJob *self, GCancellable *cancellable, GError **error)
{
  const OcRffSpec *v = oc_spec_get_values (self->grid->spec);
  g_autoptr (OcDataset) data = oc_dataset_load (&v->data, cancellable, error);

  if (data == NULL)
    return FALSE;
  /* One fit at a time with every BLAS thread the settings allow; ascending N, so the curve grows
   * from the left. */
  for (guint i = 0; i < oc_sweep_grid_get_n_points (self->grid); i++)
    {
      const OcGridPoint *p = &g_array_index (self->grid->points, OcGridPoint, i);
      g_autoptr (GPtrArray) artifacts = NULL;
      OcStorePoint *sp;
      OcRffConfig cfg;
      OcRffResult res;
      OcSweepUpdate *u;

      if (self->done[i])
        continue;
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      post (self, OC_SWEEP_UPDATE_PROGRESS, i, 0, NULL);
      oc_rff_config_init (&cfg);
      cfg.kind = v->feature_kind;
      cfg.n_features = (guint) p->features;
      cfg.sigma = v->sigma;
      cfg.ridge = v->ridge;
      cfg.seed = p->seed;
      cfg.threads = self->rff_threads;
      if (!oc_rff_fit (&cfg, data, cancellable, &res, error))
        return FALSE;
      sp = oc_rff_point_record_new (self->grid->id, self->grid->keys[i], data, v->feature_kind,
                                    self->blas_threads, &res);
      artifacts = oc_rff_point_artifacts (&res, error);
      if (artifacts == NULL
          || (self->store != NULL && !oc_store_put_point (self->store, sp, artifacts, error)))
        {
          oc_store_point_free (sp);
          return FALSE;
        }
      u = g_new0 (OcSweepUpdate, 1);
      u->kind = OC_SWEEP_UPDATE_POINT;
      u->index = i;
      u->fraction = 1;
      u->elapsed = (g_get_monotonic_time () - self->t0) / 1e6;
      u->point = sp;
      /* As the store keeps them (float32 artifacts), so a reloaded page draws the same. */
      u->coef_norm = round_to_float (res.coef_norm);
      u->condition = round_to_float (res.condition);
      oc_mailbox_post (self->mailbox, u);
    }
  return TRUE;
}

static gboolean
mark_done (OcSweepJob *self, GError **error)
{
  OcSweepGrid *g = self->grid;
  g_autoptr (GPtrArray) missing = NULL;
  g_autoptr (GHashTable) todo = NULL;

  if (self->store == NULL || self->rerun)
    return TRUE;
  missing = oc_store_missing_points (self->store, g->id, (const char *const *) g->keys,
                                     oc_sweep_grid_get_n_points (g), error);
  if (missing == NULL)
    return FALSE;
  todo = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint m = 0; m < missing->len; m++)
    g_hash_table_add (todo, g_ptr_array_index (missing, m));
  for (guint i = 0; i < oc_sweep_grid_get_n_points (g); i++)
    self->done[i] = !g_hash_table_contains (todo, g->keys[i]);
  return TRUE;
}

static void
job_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  OcSweepJob *self = source;
  OcSweepGrid *g = self->grid;
  g_autoptr (GError) error = NULL;
  g_autoptr (OcStore) store = NULL;
  g_autofree gboolean *done = g_new0 (gboolean, MAX (oc_sweep_grid_get_n_points (g), 1));
  OcSweepUpdate *started;
  guint n_to_run = 0, workers = 1;
  gboolean ok;

  self->t0 = g_get_monotonic_time ();
  self->done = done;
  if (self->store_path != NULL
      && (store = oc_store_open (self->store_path, OC_STORE_OPEN_CREATE, &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  self->store = store;
  if (!mark_done (self, &error))
    goto out;
  for (guint i = 0; i < oc_sweep_grid_get_n_points (g); i++)
    n_to_run += !done[i];
  if (g->rff)
    self->blas_threads = self->rff_threads > 0 ? self->rff_threads : g_get_num_processors ();
  else
    oc_sweep_plan (&g->cfg, n_to_run, g_get_num_processors (), &workers, &self->blas_threads);
  started = g_new0 (OcSweepUpdate, 1);
  started->kind = OC_SWEEP_UPDATE_STARTED;
  started->n_to_run = n_to_run;
  started->workers = workers;
  started->blas_threads = self->blas_threads;
  oc_mailbox_post (self->mailbox, started);
  if (n_to_run == 0)
    goto out;
  if (store != NULL && !oc_store_begin_experiment (store, g->spec, oc_sweep_grid_get_n_points (g),
                                                   NULL, &error))
    goto out;

  ok = g->rff ? run_rff (self, cancellable, &error) : run_sweep (self, cancellable, &error);
  /* How it ended, as occam-cli records it; a complete run became "finished" with its last
   * point. */
  if (store != NULL && !ok)
    oc_store_set_experiment_status (store, g->id,
                                    g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
                                    ? OC_STATUS_CANCELLED : OC_STATUS_FAILED, NULL);
  else if (store != NULL && g_atomic_int_get (&self->n_failed) > 0)
    oc_store_set_experiment_status (store, g->id, OC_STATUS_FAILED, NULL);

out:
  self->store = NULL;
  self->done = NULL;
  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/* ---- Main thread ---- */

void
oc_sweep_job_run_async (OcSweepJob *self, GCancellable *cancellable,
                        GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (OC_IS_SWEEP_JOB (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, oc_sweep_job_run_async);
  g_task_set_name (task, "occam-sweep");
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, job_thread);
}

gboolean
oc_sweep_job_run_finish (OcSweepJob *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  oc_mailbox_flush (self->mailbox);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
oc_sweep_job_get_delivery_stats (OcSweepJob *self, guint *n_deliveries, guint *max_batch)
{
  *n_deliveries = oc_mailbox_get_n_deliveries (self->mailbox);
  *max_batch = oc_mailbox_get_max_batch (self->mailbox);
}
