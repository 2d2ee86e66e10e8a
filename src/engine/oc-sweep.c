/* oc-sweep.c — the sweep scheduler: a fixed pool of worker threads pulling points from one queue.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Threads: OpenBLAS's thread count is process-wide, so a sweep picks one plan for all its points:
 * `workers` points at a time, each with cores/workers BLAS threads. Points whose data differ only
 * by the model (width, seed) share one read-only dataset; each distinct (n_train, noise) pair is
 * loaded once before the workers start.
 */
#include <math.h>
#include <string.h>

#include "occam/oc-cpus.h"
#include "occam/oc-error.h"
#include "occam/oc-sweep.h"
#include "oc-config.h"
#include <glib/gi18n-lib.h>

typedef struct
{
  gint64     n_train;
  double     noise;
  OcDataset *data;
  gboolean   owned;  /* not the cache's */
} DataEntry;

typedef struct
{
  const OcSweepConfig    *cfg;
  const OcSweepCallbacks *cb;
  GCancellable           *cancellable;
  GArray                 *points;   /* OcSweepPoint, canonical order */
  GArray                 *queue;    /* guint indices into points, largest first */
  GArray                 *data;     /* DataEntry */
  guint                   blas_threads;

  GMutex                  lock;
  guint                   next;     /* next queue position */
  gboolean                stop;
  GError                 *error;    /* first fatal error */
} Sweep;

static guint
axis_len (const GArray *a)
{
  return a != NULL && a->len > 0 ? a->len : 1;
}

GArray *
oc_sweep_points (const OcSweepConfig *cfg)
{
  GArray *points = g_array_new (FALSE, TRUE, sizeof (OcSweepPoint));

  g_return_val_if_fail (cfg != NULL && cfg->data != NULL && cfg->train != NULL, points);

  for (guint w = 0; w < axis_len (cfg->widths); w++)
    for (guint n = 0; n < axis_len (cfg->n_trains); n++)
      for (guint z = 0; z < axis_len (cfg->noises); z++)
        for (guint s = 0; s < axis_len (cfg->seeds); s++)
          {
            OcSweepPoint p = { 0 };

            p.index = points->len;
            p.width = cfg->widths != NULL && cfg->widths->len > 0
                        ? (guint) g_array_index (cfg->widths, guint64, w) : 0;
            p.n_train = cfg->n_trains != NULL && cfg->n_trains->len > 0
                          ? (gint64) g_array_index (cfg->n_trains, guint64, n)
                          : cfg->data->n_train;
            p.label_noise = cfg->noises != NULL && cfg->noises->len > 0
                              ? g_array_index (cfg->noises, double, z) : cfg->data->label_noise;
            p.seed = cfg->seeds != NULL && cfg->seeds->len > 0
                       ? g_array_index (cfg->seeds, guint64, s) : cfg->train->seed;
            g_array_append_val (points, p);
          }
  return points;
}

void
oc_sweep_plan (const OcSweepConfig *cfg, guint n_points, guint cores, guint *workers,
               guint *blas_threads)
{
  guint w;

  cores = MAX (cores, 1);
  /* Measured on a 2-core machine (build-aux/bench/compare-sweep-plan): two single-threaded points
   * beat one point on two BLAS threads at every width of the Nakkiran sweep, because OpenBLAS
   * splits a 128-row GEMM poorly and the element-wise passes stay on one core anyway. */
  w = cfg->workers > 0 ? cfg->workers : cores;
  w = MAX (1, MIN (w, MAX (n_points, 1)));
  *workers = w;
  *blas_threads = MAX (1, cores / w);
}

double
oc_sweep_point_cost (const OcSweepConfig *cfg, const OcSweepPoint *p)
{
  const OcTrainConfig *t = cfg->train;
  double width = p->width > 0 ? p->width : (t->n_hidden > 0 ? t->hidden[0] : 1);
  double n = p->n_train > 0 ? (double) p->n_train : 60000;
  double seen = t->iterations > 0 ? (double) t->iterations * (t->batch > 0 ? t->batch : n)
                                  : n * t->epochs;

  /* Tiny nets still pay a fixed cost per step; 16 keeps their share of an ETA honest. */
  return (width + 16) * MAX (t->n_hidden, 1) * seen;
}

static int
cmp_cost_desc (gconstpointer a, gconstpointer b, gpointer user_data)
{
  const Sweep *s = user_data;
  double ca = oc_sweep_point_cost (s->cfg, &g_array_index (s->points, OcSweepPoint,
                                                          *(const guint *) a));
  double cb = oc_sweep_point_cost (s->cfg, &g_array_index (s->points, OcSweepPoint,
                                                          *(const guint *) b));

  if (ca != cb)
    return ca < cb ? 1 : -1;
  return (*(const guint *) a > *(const guint *) b) - (*(const guint *) a < *(const guint *) b);
}

static const OcDataset *
data_for (Sweep *s, const OcSweepPoint *p)
{
  for (guint i = 0; i < s->data->len; i++)
    {
      DataEntry *e = &g_array_index (s->data, DataEntry, i);

      if (e->n_train == p->n_train && e->noise == p->label_noise)
        return e->data;
    }
  return NULL;
}

static gboolean
load_data (Sweep *s, GError **error)
{
  for (guint q = 0; q < s->queue->len; q++)
    {
      const OcSweepPoint *p = &g_array_index (s->points, OcSweepPoint,
                                              g_array_index (s->queue, guint, q));
      OcDataOptions opts = *s->cfg->data;
      DataEntry e;

      if (data_for (s, p) != NULL)
        continue;
      opts.n_train = p->n_train;
      opts.label_noise = p->label_noise;
      e.n_train = p->n_train;
      e.noise = p->label_noise;
      e.owned = s->cfg->cache == NULL;
      e.data = e.owned ? oc_dataset_load (&opts, s->cancellable, error)
                       : (OcDataset *) oc_data_cache_load (s->cfg->cache, &opts, s->cancellable,
                                                           error);
      if (e.data == NULL)
        return FALSE;
      g_array_append_val (s->data, e);
    }
  return TRUE;
}

typedef struct
{
  Sweep              *sweep;
  const OcSweepPoint *point;
} ProgressCtx;

static void
on_point_progress (const OcProgress *progress, gpointer user_data)
{
  ProgressCtx *ctx = user_data;

  ctx->sweep->cb->point_progress (ctx->point, progress, ctx->sweep->cb->user_data);
}

static void
fail (Sweep *s, GError *error)
{
  g_mutex_lock (&s->lock);
  if (s->error == NULL)
    s->error = error;
  else
    g_error_free (error);
  s->stop = TRUE;
  g_mutex_unlock (&s->lock);
}

static void
run_point (Sweep *s, const OcSweepPoint *p)
{
  const OcTrainConfig *base = s->cfg->train;
  const OcDataset *data = data_for (s, p);
  g_autofree guint *hidden = NULL;
  g_autoptr (OcMlp) model = NULL;
  g_autoptr (OcTrainResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree float *theta_init = NULL;
  OcTrainConfig cfg = *base;
  OcPointOutcome outcome = { 0 };
  ProgressCtx ctx = { s, p };

  if (p->width > 0)
    {
      cfg.n_hidden = MAX (base->n_hidden, 1);
      hidden = g_new (guint, cfg.n_hidden);
      for (guint i = 0; i < cfg.n_hidden; i++)
        hidden[i] = p->width;
      cfg.hidden = hidden;
    }
  cfg.seed = p->seed;
  cfg.threads = s->blas_threads;
  /* Evaluate at the start, every K epochs, and (always) after the last step. */
  if (s->cfg->record_every_epochs > 0)
    cfg.eval_every = (guint64) s->cfg->record_every_epochs
                     * ((data->train.n + oc_train_batch_rows (cfg.batch, data->train.n) - 1)
                        / MAX (oc_train_batch_rows (cfg.batch, data->train.n), 1));
  else
    cfg.eval_every = G_MAXUINT64;

  model = oc_train_build_model (&cfg, data, &error);
  /* θ₀, for the distance the solution travelled from it (oc-sweep-record.h). Its memory is the
   * pruning mask's that oc_train_build_model counts and a sweep never allocates. */
  if (model != NULL)
    theta_init = oc_mlp_snapshot (model, &error);
  if (theta_init != NULL)
    result = oc_train_run (&cfg, data, model, s->cancellable,
                           s->cb->point_progress != NULL ? on_point_progress : NULL, &ctx, NULL,
                           &error);
  if (result == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      if (!g_error_matches (error, OC_ERROR, OC_ERROR_DIVERGED))
        {
          fail (s, g_steal_pointer (&error));
          return;
        }
      outcome.status = OC_POINT_DIVERGED;
      outcome.error = error;
    }
  outcome.point = p;
  outcome.result = result;
  outcome.data = data;
  outcome.model = model;
  outcome.theta_init = theta_init;
  outcome.n_params = model != NULL ? oc_mlp_parameter_count (model) : 0;
  if (s->cb->point_finished != NULL)
    {
      GError *cb_error = NULL;

      if (!s->cb->point_finished (&outcome, s->cb->user_data, &cb_error))
        fail (s, cb_error != NULL ? cb_error
                                  : g_error_new (OC_ERROR, OC_ERROR_IO, _("Recording a point failed")));
    }
}

static gpointer
worker (gpointer user_data)
{
  Sweep *s = user_data;

  for (;;)
    {
      guint q;

      g_mutex_lock (&s->lock);
      if (s->stop || s->next >= s->queue->len || g_cancellable_is_cancelled (s->cancellable))
        {
          g_mutex_unlock (&s->lock);
          break;
        }
      q = s->next++;
      g_mutex_unlock (&s->lock);
      run_point (s, &g_array_index (s->points, OcSweepPoint, g_array_index (s->queue, guint, q)));
    }
  return NULL;
}

gboolean
oc_sweep_run (const OcSweepConfig *cfg, const OcSweepCallbacks *callbacks,
              GCancellable *cancellable, GError **error)
{
  Sweep s = { 0 };
  g_autoptr (GPtrArray) threads = g_ptr_array_new ();
  guint workers;
  gboolean ok;

  g_return_val_if_fail (cfg != NULL && callbacks != NULL, FALSE);

  s.cfg = cfg;
  s.cb = callbacks;
  s.cancellable = cancellable;
  s.points = oc_sweep_points (cfg);
  s.queue = g_array_new (FALSE, FALSE, sizeof (guint));
  s.data = g_array_new (FALSE, TRUE, sizeof (DataEntry));
  g_mutex_init (&s.lock);

  for (guint i = 0; i < s.points->len; i++)
    if (callbacks->is_done == NULL
        || !callbacks->is_done (&g_array_index (s.points, OcSweepPoint, i), callbacks->user_data))
      g_array_append_val (s.queue, i);
  g_array_sort_with_data (s.queue, cmp_cost_desc, &s);

  oc_sweep_plan (cfg, s.queue->len, oc_cpus_available (), &workers, &s.blas_threads);
  ok = load_data (&s, error);
  if (ok && s.queue->len > 0)
    {
      oc_blas_set_threads (s.blas_threads);
      for (guint w = 0; w < workers; w++)
        g_ptr_array_add (threads, g_thread_new ("occam-sweep", worker, &s));
      for (guint w = 0; w < threads->len; w++)
        g_thread_join (g_ptr_array_index (threads, w));
      if (s.error != NULL)
        {
          g_propagate_error (error, s.error);
          s.error = NULL;
          ok = FALSE;
        }
      else if (g_cancellable_set_error_if_cancelled (cancellable, error))
        ok = FALSE;
    }

  for (guint i = 0; i < s.data->len; i++)
    if (g_array_index (s.data, DataEntry, i).owned)
      oc_dataset_free (g_array_index (s.data, DataEntry, i).data);
  g_array_unref (s.data);
  g_array_unref (s.queue);
  g_array_unref (s.points);
  g_mutex_clear (&s.lock);
  return ok;
}
