/* oc-run-job.c — see oc-run-job.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The worker writes through its own connection to the store file (opened on the worker, closed
 * when it returns) rather than the window's: a point that finishes while the window closes must
 * not write through a connection the window has already closed. SQLite in WAL mode serialises
 * the two connections; pages read points back through the window's.
 */
/* syscall() and SYS_gettid. */
#define _GNU_SOURCE
#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

#include <glib/gi18n.h>

#include "occam/oc-error.h"
#include "oc-mailbox.h"
#include "oc-run-job.h"

/* The nice value of the job's thread, and so of every thread it starts (sweep and lottery
 * workers, the engine's team: Linux gives a new thread its creator's nice value). Training
 * takes every core; at the window's own priority a worker that wakes up competes with the main
 * loop for the next time slice and a frame waits for it. At +10 the workers get whatever the
 * window leaves, which while nothing is drawn is all of it: the run takes as long as before on an
 * idle desktop (build-aux/bench/occam-bench --only 2 measures both). Only the window's job
 * runner does this; occam-cli keeps the priority it was started with. */
#define WORKER_NICE 10

/* Heavy snapshots (histograms over every weight, a forward pass per grid point) at most this
 * often: ~7 per second is live to the eye and costs the worker well under 1 % of its time. */
#define SNAPSHOT_INTERVAL_US 150000

struct _OcRunJob
{
  GObject        parent_instance;

  OcSpec        *spec;
  char          *store_path; /* NULL: nothing is recorded */
  gboolean       rerun;
  OcLoadedData  *data;
  OcMailbox     *mailbox;
  gboolean       snapshots;
  gboolean       boundary;
  OcBoundaryGrid grid;

  /* Pausing: under @pause_lock. */
  GMutex         pause_lock;
  GCond          pause_cond;
  gboolean       paused;
  gboolean       holding;    /* the worker is waiting right now */
  gint64         paused_us;

  /* Worker-only. */
  gint64         last_snapshot;
  GCancellable  *cancellable;
};

enum { UPDATES, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (OcRunJob, oc_run_job, G_TYPE_OBJECT)

void
oc_run_update_free (OcRunUpdate *u)
{
  if (u == NULL)
    return;
  oc_weight_hist_free (u->hist);
  oc_boundary_free (u->boundary);
  g_clear_pointer (&u->point, oc_store_point_free);
  g_clear_pointer (&u->artifacts, g_ptr_array_unref);
  g_free (u);
}

static void
on_mail (GPtrArray *items, gpointer user_data)
{
  g_signal_emit (user_data, signals[UPDATES], 0, items);
}

static void
oc_run_job_finalize (GObject *object)
{
  OcRunJob *self = OC_RUN_JOB (object);

  oc_mailbox_close (self->mailbox);
  g_clear_pointer (&self->mailbox, oc_mailbox_unref);
  g_clear_pointer (&self->spec, oc_spec_free);
  g_clear_pointer (&self->data, oc_loaded_data_unref);
  g_free (self->store_path);
  g_mutex_clear (&self->pause_lock);
  g_cond_clear (&self->pause_cond);

  G_OBJECT_CLASS (oc_run_job_parent_class)->finalize (object);
}

static void
oc_run_job_class_init (OcRunJobClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = oc_run_job_finalize;

  /* A batch (GPtrArray of OcRunUpdate, in order) on the main thread; borrowed, but points and
   * snapshots may be stolen. */
  signals[UPDATES] = g_signal_new ("updates", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
}

static void
oc_run_job_init (OcRunJob *self)
{
  g_mutex_init (&self->pause_lock);
  g_cond_init (&self->pause_cond);
  self->mailbox = oc_mailbox_new (NULL, (GDestroyNotify) oc_run_update_free, on_mail, self);
}

OcRunJob *
oc_run_job_new (const OcSpec *spec, OcStore *store, gboolean rerun)
{
  OcRunJob *self;

  g_return_val_if_fail (spec != NULL, NULL);

  self = g_object_new (OC_TYPE_RUN_JOB, NULL);
  self->spec = oc_spec_dup (spec);
  self->store_path = store != NULL ? g_strdup (oc_store_get_path (store)) : NULL;
  self->rerun = rerun;
  return self;
}

void
oc_run_job_set_snapshots (OcRunJob *self, const OcBoundaryGrid *grid)
{
  g_return_if_fail (OC_IS_RUN_JOB (self));

  self->snapshots = TRUE;
  self->boundary = grid != NULL;
  if (grid != NULL)
    self->grid = *grid;
}

void
oc_run_job_set_threads (OcRunJob *self, guint threads)
{
  g_return_if_fail (OC_IS_RUN_JOB (self));

  oc_spec_set_threads (self->spec, threads);
}

void
oc_run_job_set_data (OcRunJob *self, OcLoadedData *data)
{
  g_return_if_fail (OC_IS_RUN_JOB (self));

  g_clear_pointer (&self->data, oc_loaded_data_unref);
  self->data = data != NULL ? oc_loaded_data_ref (data) : NULL;
}

const OcSpec *
oc_run_job_get_spec (OcRunJob *self)
{
  return self->spec;
}

/* ---- On the worker thread ---- */

static double
paused_seconds (OcRunJob *self)
{
  gint64 us;

  g_mutex_lock (&self->pause_lock);
  us = self->paused_us;
  g_mutex_unlock (&self->pause_lock);
  return us / 1e6;
}

/* Pause here, between steps: the model is consistent and nothing is half-written. */
static void
wait_while_paused (OcRunJob *self)
{
  g_mutex_lock (&self->pause_lock);
  if (self->paused && !g_cancellable_is_cancelled (self->cancellable))
    {
      gint64 t0 = g_get_monotonic_time ();

      self->holding = TRUE;
      while (self->paused && !g_cancellable_is_cancelled (self->cancellable))
        g_cond_wait (&self->pause_cond, &self->pause_lock);
      self->holding = FALSE;
      self->paused_us += g_get_monotonic_time () - t0;
    }
  g_mutex_unlock (&self->pause_lock);
}

static void
take_snapshots (OcRunJob *self, const OcRunEvent *e, OcRunUpdate *u)
{
  gint64 now = g_get_monotonic_time ();

  if (!self->snapshots || e->model == NULL)
    return;
  if (self->last_snapshot != 0 && now - self->last_snapshot < SNAPSHOT_INTERVAL_US
      && e->iteration < e->total_iterations)
    return;
  u->hist = oc_weight_hist_new (e->model);
  if (self->boundary)
    u->boundary = oc_boundary_new (e->model, &self->grid);
  self->last_snapshot = now;
}

static void
observe (const OcRunEvent *e, gpointer user_data)
{
  OcRunJob *self = user_data;
  OcRunUpdate *u = g_new0 (OcRunUpdate, 1);

  u->kind = e->kind;
  u->index = e->index;
  u->iteration = e->iteration;
  u->total_iterations = e->total_iterations;
  u->fraction = e->fraction;
  if (e->eval != NULL)
    {
      u->has_eval = TRUE;
      u->eval = *e->eval;
      u->n_measures = MIN (e->n_measures, G_N_ELEMENTS (u->measures));
      for (guint m = 0; e->measures != NULL && m < u->n_measures; m++)
        u->measures[m] = e->measures[m];
    }
  u->reused = e->reused;
  u->active_seconds = MAX (e->elapsed - paused_seconds (self), 0.0);
  u->done = e->done;
  u->eta = e->eta;
  u->n_ran = e->n_ran;
  u->n_failed = e->n_failed;
  u->n_points = oc_run_plan_get_n_points (e->plan);
  u->n_to_run = oc_run_plan_get_n_to_run (e->plan);
  oc_run_plan_get_threads (e->plan, &u->workers, &u->threads);
  if (e->kind == OC_RUN_EVENT_POINT)
    {
      u->point = oc_store_point_dup (e->point);
      u->artifacts = g_ptr_array_ref (e->artifacts);
    }
  take_snapshots (self, e, u);
  oc_mailbox_post (self->mailbox, u);
  if (e->kind == OC_RUN_EVENT_PROGRESS)
    wait_while_paused (self);
}

static void
wake_on_cancel (GCancellable *cancellable, gpointer user_data)
{
  OcRunJob *self = user_data;

  g_mutex_lock (&self->pause_lock);
  g_cond_broadcast (&self->pause_cond);
  g_mutex_unlock (&self->pause_lock);
}

static void
job_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  OcRunJob *self = source;
  g_autoptr (GError) error = NULL;
  g_autoptr (OcStore) store = NULL;
  OcRunSummary *summary = task_data;
  OcRunOptions options = { self->rerun, NULL };
  gulong handler;
  gboolean ok;

  if (self->data != NULL && g_strcmp0 (oc_spec_get_kind (self->spec), "train") == 0)
    options.dataset = self->data->dataset;
  if (self->store_path != NULL
      && (store = oc_store_open (self->store_path, OC_STORE_OPEN_CREATE, &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  self->cancellable = cancellable;
  handler = g_cancellable_connect (cancellable, G_CALLBACK (wake_on_cancel), self, NULL);
  ok = oc_experiment_run (self->spec, store, &options, observe, self, cancellable, summary,
                          &error);
  g_cancellable_disconnect (cancellable, handler);
  /* Closed before the result is returned: closing checkpoints the write-ahead log under an
   * exclusive lock, and whoever waits for the result may open the store straight away. */
  g_clear_pointer (&store, oc_store_close);
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

/* The job's own thread rather than one of GLib's shared pool: lowering a thread's priority
 * cannot be undone without privileges, and a pool thread would keep it for whatever runs on it
 * next. */
static gpointer
job_thread_main (gpointer data)
{
  g_autoptr (GTask) task = data;

#ifdef __linux__
  /* Best effort: a failure leaves the priority as it was. */
  (void) setpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid), WORKER_NICE);
#endif
  job_thread (task, g_task_get_source_object (task), g_task_get_task_data (task),
              g_task_get_cancellable (task));
  return NULL;
}

/* ---- Main thread ---- */

void
oc_run_job_run_async (OcRunJob *self, GCancellable *cancellable, GAsyncReadyCallback callback,
                      gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (GCancellable) own = NULL;
  g_autoptr (GError) error = NULL;
  GThread *thread;

  g_return_if_fail (OC_IS_RUN_JOB (self));

  /* The worker always needs a cancellable to wait on while paused. */
  if (cancellable == NULL)
    cancellable = own = g_cancellable_new ();
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, oc_run_job_run_async);
  g_task_set_name (task, "occam-run");
  g_task_set_return_on_cancel (task, FALSE);
  g_task_set_task_data (task, g_new0 (OcRunSummary, 1), g_free);
  thread = g_thread_try_new ("occam-run", job_thread_main, g_object_ref (task), &error);
  if (thread == NULL)
    {
      /* The reference the thread would have taken. */
      g_object_unref (task);
      g_task_return_new_error (task, OC_ERROR, OC_ERROR_NO_MEMORY,
                               _("Could not start the run: %s. Close other programs or runs "
                                 "and try again."), error->message);
      return;
    }
  g_thread_unref (thread);
}

gboolean
oc_run_job_run_finish (OcRunJob *self, GAsyncResult *result, OcRunSummary *summary,
                       GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  oc_mailbox_flush (self->mailbox);
  if (summary != NULL)
    *summary = *(const OcRunSummary *) g_task_get_task_data (G_TASK (result));
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
oc_run_job_set_paused (OcRunJob *self, gboolean paused)
{
  g_return_if_fail (OC_IS_RUN_JOB (self));

  g_mutex_lock (&self->pause_lock);
  self->paused = !!paused;
  g_cond_broadcast (&self->pause_cond);
  g_mutex_unlock (&self->pause_lock);
}

gboolean
oc_run_job_get_paused (OcRunJob *self)
{
  gboolean paused;

  g_return_val_if_fail (OC_IS_RUN_JOB (self), FALSE);

  g_mutex_lock (&self->pause_lock);
  paused = self->paused;
  g_mutex_unlock (&self->pause_lock);
  return paused;
}

gboolean
oc_run_job_get_holding (OcRunJob *self)
{
  gboolean holding;

  g_return_val_if_fail (OC_IS_RUN_JOB (self), FALSE);

  g_mutex_lock (&self->pause_lock);
  holding = self->holding;
  g_mutex_unlock (&self->pause_lock);
  return holding;
}

double
oc_run_job_get_paused_seconds (OcRunJob *self)
{
  g_return_val_if_fail (OC_IS_RUN_JOB (self), 0);

  return paused_seconds (self);
}

void
oc_run_job_get_delivery_stats (OcRunJob *self, guint *n_deliveries, guint *max_batch)
{
  *n_deliveries = oc_mailbox_get_n_deliveries (self->mailbox);
  *max_batch = oc_mailbox_get_max_batch (self->mailbox);
}
