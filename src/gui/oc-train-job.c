/* oc-train-job.c — see oc-train-job.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdlib.h>
#include <string.h>

#include "occam/oc-error.h"
#include "oc-mailbox.h"
#include "oc-train-job.h"

/* Heavy snapshots (histograms over every weight, a forward pass per grid point) at most this
 * often: ~7 per second is live to the eye and costs the worker well under 1 % of its time. */
#define HEAVY_INTERVAL_US 150000
#define BOUNDARY_SIDE     72

struct _OcTrainJob
{
  GObject        parent_instance;

  OcLoadedData  *data;
  OcTrainConfig  cfg;
  guint         *hidden;
  OcMailbox     *mailbox;
  OcMlp         *model;      /* the worker's until the run returns */
  gboolean       planar;
  OcBoundaryGrid grid;

  /* Pausing: under @pause_lock. */
  GMutex         pause_lock;
  GCond          pause_cond;
  gboolean       paused;
  gint64         paused_us;

  /* Worker-only. */
  gint64         last_heavy;
  GCancellable  *cancellable;
};

enum { PROP_0, PROP_PAUSED, N_PROPS };
enum { UPDATES, N_SIGNALS };

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (OcTrainJob, oc_train_job, G_TYPE_OBJECT)

static void
on_mail (GPtrArray *items, gpointer user_data)
{
  OcTrainJob *self = user_data;

  g_signal_emit (self, signals[UPDATES], 0, items);
}

static void
oc_train_job_finalize (GObject *object)
{
  OcTrainJob *self = OC_TRAIN_JOB (object);

  oc_mailbox_close (self->mailbox);
  g_clear_pointer (&self->mailbox, oc_mailbox_unref);
  g_clear_pointer (&self->model, oc_mlp_free);
  g_clear_pointer (&self->data, oc_loaded_data_unref);
  g_clear_pointer (&self->hidden, g_free);
  g_mutex_clear (&self->pause_lock);
  g_cond_clear (&self->pause_cond);

  G_OBJECT_CLASS (oc_train_job_parent_class)->finalize (object);
}

static void
oc_train_job_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  OcTrainJob *self = OC_TRAIN_JOB (object);

  switch (prop_id)
    {
    case PROP_PAUSED:
      g_value_set_boolean (value, oc_train_job_get_paused (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
oc_train_job_set_property (GObject *object, guint prop_id, const GValue *value,
                           GParamSpec *pspec)
{
  OcTrainJob *self = OC_TRAIN_JOB (object);

  switch (prop_id)
    {
    case PROP_PAUSED:
      oc_train_job_set_paused (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
oc_train_job_class_init (OcTrainJobClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = oc_train_job_finalize;
  object_class->get_property = oc_train_job_get_property;
  object_class->set_property = oc_train_job_set_property;

  properties[PROP_PAUSED] =
    g_param_spec_boolean ("paused", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A batch (GPtrArray of OcTrainUpdate, in order) on the main thread; borrowed. */
  signals[UPDATES] = g_signal_new ("updates", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
}

static void
oc_train_job_init (OcTrainJob *self)
{
  g_mutex_init (&self->pause_lock);
  g_cond_init (&self->pause_cond);
  self->mailbox = oc_mailbox_new (NULL, (GDestroyNotify) oc_train_update_free, on_mail, self);
}

OcTrainJob *
oc_train_job_new (OcLoadedData *data, const OcTrainConfig *cfg)
{
  OcTrainJob *self;

  g_return_val_if_fail (data != NULL && cfg != NULL, NULL);

  self = g_object_new (OC_TYPE_TRAIN_JOB, NULL);
  self->data = oc_loaded_data_ref (data);
  self->cfg = *cfg;
  self->hidden = g_memdup2 (cfg->hidden, sizeof (guint) * MAX (cfg->n_hidden, 1));
  self->cfg.hidden = self->hidden;
  self->planar = oc_loaded_data_is_planar (data);
  if (self->planar)
    oc_boundary_grid_for_split (&self->grid, &data->dataset->train, BOUNDARY_SIDE);
  return self;
}

/* ---- On the worker thread ---- */

static void
on_progress (const OcProgress *p, gpointer user_data)
{
  OcTrainJob *self = user_data;
  OcTrainUpdate *u = g_new0 (OcTrainUpdate, 1);
  gint64 now = g_get_monotonic_time ();
  gint64 paused_us;

  g_mutex_lock (&self->pause_lock);
  paused_us = self->paused_us;
  g_mutex_unlock (&self->pause_lock);

  u->iteration = p->iteration;
  u->total = p->total_iterations;
  u->active_seconds = MAX (p->elapsed - paused_us / 1e6, 0.0);
  if (p->eval != NULL)
    {
      u->has_eval = TRUE;
      u->eval = *p->eval;
    }
  if (self->last_heavy == 0 || now - self->last_heavy >= HEAVY_INTERVAL_US
      || p->iteration == p->total_iterations)
    {
      u->hist = oc_weight_hist_new (p->model);
      if (self->planar)
        u->boundary = oc_boundary_new (p->model, &self->grid);
      self->last_heavy = now;
    }
  oc_mailbox_post (self->mailbox, u);

  /* Pause here, between steps: the model is consistent and nothing is half-written. */
  g_mutex_lock (&self->pause_lock);
  if (self->paused && !g_cancellable_is_cancelled (self->cancellable))
    {
      gint64 t0 = g_get_monotonic_time ();

      while (self->paused && !g_cancellable_is_cancelled (self->cancellable))
        g_cond_wait (&self->pause_cond, &self->pause_lock);
      self->paused_us += g_get_monotonic_time () - t0;
    }
  g_mutex_unlock (&self->pause_lock);
}

static void
wake_on_cancel (GCancellable *cancellable, gpointer user_data)
{
  OcTrainJob *self = user_data;

  g_mutex_lock (&self->pause_lock);
  g_cond_broadcast (&self->pause_cond);
  g_mutex_unlock (&self->pause_lock);
}

static void
train_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  OcTrainJob *self = source;
  const OcDataset *ds = self->data->dataset;
  g_autoptr (GError) error = NULL;
  OcTrainResult *result = NULL;
  gulong handler;

  self->cancellable = cancellable;
  handler = g_cancellable_connect (cancellable, G_CALLBACK (wake_on_cancel), self, NULL);
  self->model = oc_train_build_model (&self->cfg, ds, &error);
  if (self->model != NULL)
    result = oc_train_run (&self->cfg, ds, self->model, cancellable, on_progress, self, NULL,
                           &error);
  g_cancellable_disconnect (cancellable, handler);

  if (result == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, result, (GDestroyNotify) oc_train_result_free);
}

/* ---- Main thread ---- */

void
oc_train_job_run_async (OcTrainJob *self, GCancellable *cancellable,
                        GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (GCancellable) own = NULL;

  g_return_if_fail (OC_IS_TRAIN_JOB (self));

  /* The worker always needs a cancellable to wait on while paused. */
  if (cancellable == NULL)
    cancellable = own = g_cancellable_new ();
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, oc_train_job_run_async);
  g_task_set_name (task, "occam-train");
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, train_thread);
}

OcTrainResult *
oc_train_job_run_finish (OcTrainJob *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  oc_mailbox_flush (self->mailbox);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
oc_train_job_set_paused (OcTrainJob *self, gboolean paused)
{
  gboolean changed;

  g_return_if_fail (OC_IS_TRAIN_JOB (self));

  g_mutex_lock (&self->pause_lock);
  changed = self->paused != !!paused;
  self->paused = !!paused;
  g_cond_broadcast (&self->pause_cond);
  g_mutex_unlock (&self->pause_lock);
  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAUSED]);
}

gboolean
oc_train_job_get_paused (OcTrainJob *self)
{
  gboolean paused;

  g_return_val_if_fail (OC_IS_TRAIN_JOB (self), FALSE);

  g_mutex_lock (&self->pause_lock);
  paused = self->paused;
  g_mutex_unlock (&self->pause_lock);
  return paused;
}

double
oc_train_job_get_paused_seconds (OcTrainJob *self)
{
  gint64 us;

  g_mutex_lock (&self->pause_lock);
  us = self->paused_us;
  g_mutex_unlock (&self->pause_lock);
  return us / 1e6;
}

const OcTrainConfig *
oc_train_job_get_config (OcTrainJob *self)
{
  return &self->cfg;
}

OcLoadedData *
oc_train_job_get_data (OcTrainJob *self)
{
  return self->data;
}

const OcMlp *
oc_train_job_get_model (OcTrainJob *self)
{
  return self->model;
}

void
oc_train_job_get_delivery_stats (OcTrainJob *self, guint *n_deliveries, guint *max_batch)
{
  *n_deliveries = oc_mailbox_get_n_deliveries (self->mailbox);
  *max_batch = oc_mailbox_get_max_batch (self->mailbox);
}

gboolean
oc_parse_hidden (const char *text, GArray **widths, GError **error)
{
  g_autoptr (GArray) out = g_array_new (FALSE, FALSE, sizeof (guint));
  g_auto (GStrv) parts = g_strsplit_set (text != NULL ? text : "", ",x ", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *end;
      guint64 v;
      guint w;

      if (parts[i][0] == '\0')
        continue;
      v = g_ascii_strtoull (parts[i], &end, 10);
      if (*end != '\0' || v < 1 || v > (1u << 20))
        {
          g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                       "Hidden layers: “%s” is not a width; write widths from 1 to 1048576 "
                       "separated by commas, like 512, 256", parts[i]);
          return FALSE;
        }
      w = (guint) v;
      g_array_append_val (out, w);
    }
  if (out->len > 16)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                   "Hidden layers: %u layers are more than the 16 Occam trains", out->len);
      return FALSE;
    }
  *widths = g_steal_pointer (&out);
  return TRUE;
}
