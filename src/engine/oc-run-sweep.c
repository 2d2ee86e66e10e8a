/* oc-run-sweep.c — the `sweep`, `rff` and `linear` kinds of the experiment runner: families of
 * models along axes, one point per combination.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>

#include "occam/oc-axis.h"
#include "occam/oc-error.h"
#include "occam/oc-rff.h"
#include "occam/oc-sweep-record.h"
#include "oc-experiment-private.h"

static gboolean
varies (const GArray *axis)
{
  return axis != NULL && axis->len > 1;
}

/* ---- sweep: networks of several widths, training-set sizes, noise levels and seeds ---- */

/* "width 64 · seed 0": the swept coordinates, and always the seed. */
static char *
sweep_label (const OcSweepConfig *cfg, const OcSweepPoint *p)
{
  GString *s = g_string_new (NULL);

  if (varies (cfg->widths) || (!varies (cfg->n_trains) && !varies (cfg->noises)))
    g_string_append_printf (s, "width %u · ", p->width > 0 ? p->width
                                              : cfg->train->n_hidden > 0 ? cfg->train->hidden[0]
                                                                         : 0);
  if (varies (cfg->n_trains))
    g_string_append_printf (s, "n %" G_GINT64_FORMAT " · ", p->n_train);
  if (varies (cfg->noises))
    g_string_append_printf (s, "noise %g · ", p->label_noise);
  g_string_append_printf (s, "seed %" G_GUINT64_FORMAT, p->seed);
  return g_string_free (s, FALSE);
}

static gboolean
sweep_plan (OcRunPlan *plan, const OcSpec *spec, GError **error)
{
  OcSweepConfig cfg;
  g_autoptr (GArray) points = NULL;

  if (!oc_sweep_config_from_spec (spec, &cfg, error))
    return FALSE;
  points = oc_sweep_points (&cfg);
  for (guint i = 0; i < points->len; i++)
    {
      const OcSweepPoint *p = &g_array_index (points, OcSweepPoint, i);

      oc_run_plan_add_point (plan, oc_sweep_point_key (&cfg, p), sweep_label (&cfg, p),
                             oc_sweep_point_cost (&cfg, p));
    }
  oc_sweep_config_clear (&cfg);
  return TRUE;
}

static void
sweep_threads (OcRunPlan *plan, const OcSpec *spec, guint n_todo)
{
  OcSweepConfig cfg;
  guint workers = 1, threads = 1;

  /* The spec was valid when planned. */
  if (oc_sweep_config_from_spec (spec, &cfg, NULL))
    {
      oc_sweep_plan (&cfg, n_todo, g_get_num_processors (), &workers, &threads);
      oc_sweep_config_clear (&cfg);
    }
  oc_run_plan_set_threads (plan, workers, threads);
}

static gboolean
sweep_is_done (const OcSweepPoint *p, gpointer user_data)
{
  return !oc_run_todo (user_data, p->index);
}

static void
sweep_progress (const OcSweepPoint *p, const OcProgress *progress, gpointer user_data)
{
  oc_run_progress (user_data, p->index, progress);
}

static gboolean
sweep_finished (const OcPointOutcome *o, gpointer user_data, GError **error)
{
  OcRun *run = user_data;
  const OcRunPlan *plan = oc_run_get_plan (run);
  GPtrArray *artifacts = oc_sweep_point_artifacts (o, error);
  guint threads;

  if (artifacts == NULL)
    return FALSE;
  oc_run_plan_get_threads (plan, NULL, &threads);
  return oc_run_record (run, o->point->index,
                        oc_sweep_point_record_new (oc_run_plan_get_id (plan),
                                                   oc_run_plan_get_key (plan, o->point->index), o,
                                                   threads),
                        artifacts, FALSE, error);
}

static gboolean
sweep_run (OcRun *run, GCancellable *cancellable, GError **error)
{
  OcSweepCallbacks cb = { sweep_is_done, sweep_progress, sweep_finished, run };
  OcSweepConfig cfg;
  gboolean ok;

  if (!oc_sweep_config_from_spec (oc_run_get_spec (run), &cfg, error))
    return FALSE;
  ok = oc_sweep_run (&cfg, &cb, cancellable, error);
  oc_sweep_config_clear (&cfg);
  return ok;
}

const OcRunKind oc_run_kind_sweep = { sweep_plan, sweep_threads, sweep_run };

/* ---- Points of a product of two uint axes (rff: features × seeds, linear: p × seeds) ---- */

typedef struct
{
  GArray *sizes; /* guint64: features N, or features p */
  GArray *seeds; /* guint64 */
} Axes;

static void
axes_clear (Axes *a)
{
  g_clear_pointer (&a->sizes, g_array_unref);
  g_clear_pointer (&a->seeds, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Axes, axes_clear)

static gboolean
axes_parse (Axes *a, const char *sizes, guint64 max, const char *name, const char *seeds,
            GError **error)
{
  a->sizes = oc_axis_parse_uint (sizes, 1, max, name, error);
  if (a->sizes == NULL)
    return FALSE;
  a->seeds = oc_axis_parse_uint (seeds, 0, G_MAXINT64, "seeds", error);
  return a->seeds != NULL;
}

static guint64
axes_size (const Axes *a, guint index)
{
  return g_array_index (a->sizes, guint64, index / a->seeds->len);
}

static guint64
axes_seed (const Axes *a, guint index)
{
  return g_array_index (a->seeds, guint64, index % a->seeds->len);
}

/* The BLAS threads of one fit at a time: the spec's, or every core. */
static guint
blas_threads (guint threads)
{
  return threads > 0 ? threads : g_get_num_processors ();
}

/* ---- rff: random-features regression over the number of features ---- */

static gboolean
rff_axes (Axes *a, const OcSpec *spec, GError **error)
{
  const OcRffSpec *v = oc_spec_get_values (spec);

  return axes_parse (a, v->features, 1000000, "features", v->seeds, error);
}

static gboolean
rff_plan (OcRunPlan *plan, const OcSpec *spec, GError **error)
{
  const OcRffSpec *v = oc_spec_get_values (spec);
  double n = v->data.n_train > 0 ? (double) v->data.n_train : 1000;
  g_auto (Axes) a = { 0 };

  if (!rff_axes (&a, spec, error))
    return FALSE;
  for (guint i = 0; i < a.sizes->len * a.seeds->len; i++)
    {
      guint64 features = axes_size (&a, i), seed = axes_seed (&a, i);
      double N = (double) features;

      /* The features (n·N·d) and the smaller Gram matrix with its factorisation
       * (n·N·min(n, N)). */
      oc_run_plan_add_point (plan, oc_rff_point_key (features, seed),
                             g_strdup_printf ("N %" G_GUINT64_FORMAT " · seed %" G_GUINT64_FORMAT,
                                              features, seed),
                             n * N * (MIN (n, N) + 100));
    }
  return TRUE;
}

static void
rff_threads (OcRunPlan *plan, const OcSpec *spec, guint n_todo)
{
  const OcRffSpec *v = oc_spec_get_values (spec);

  oc_run_plan_set_threads (plan, 1, blas_threads (v->threads));
}

static gboolean
rff_run (OcRun *run, GCancellable *cancellable, GError **error)
{
  const OcSpec *spec = oc_run_get_spec (run);
  const OcRffSpec *v = oc_spec_get_values (spec);
  const OcRunPlan *plan = oc_run_get_plan (run);
  g_autoptr (OcDataset) data = NULL;
  g_auto (Axes) a = { 0 };

  if (!rff_axes (&a, spec, error))
    return FALSE;
  data = oc_dataset_load (&v->data, cancellable, error);
  if (data == NULL)
    return FALSE;
  /* One fit at a time with every BLAS thread; ascending N, so a curve grows from the left. */
  for (guint i = 0; i < oc_run_plan_get_n_points (plan); i++)
    {
      OcProgress starting = { 0 };
      OcRffConfig cfg;
      OcRffResult res;
      GPtrArray *artifacts;

      if (!oc_run_todo (run, i))
        continue;
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      /* A least-squares fit reports no progress of its own: say which one is under way. */
      oc_run_progress (run, i, &starting);
      oc_rff_config_init (&cfg);
      cfg.kind = v->feature_kind;
      cfg.n_features = (guint) axes_size (&a, i);
      cfg.sigma = v->sigma;
      cfg.ridge = v->ridge;
      cfg.seed = axes_seed (&a, i);
      cfg.threads = v->threads;
      if (!oc_rff_fit (&cfg, data, cancellable, &res, error))
        return FALSE;
      artifacts = oc_rff_point_artifacts (&res, error);
      if (artifacts == NULL
          || !oc_run_record (run, i,
                             oc_rff_point_record_new (oc_run_plan_get_id (plan),
                                                      oc_run_plan_get_key (plan, i), data,
                                                      v->feature_kind, blas_threads (v->threads),
                                                      &res),
                             artifacts, FALSE, error))
        return FALSE;
    }
  return TRUE;
}

const OcRunKind oc_run_kind_rff = { rff_plan, rff_threads, rff_run };

/* ---- linear: min-norm least squares on isotropic features over the number of features ---- */

char *
oc_linear_point_key (guint64 p, guint64 seed)
{
  return g_strdup_printf ("{\"p\":%" G_GUINT64_FORMAT ",\"seed\":%" G_GUINT64_FORMAT "}", p, seed);
}

static gboolean
linear_axes (Axes *a, const OcSpec *spec, GError **error)
{
  const OcLinearSpec *v = oc_spec_get_values (spec);

  return axes_parse (a, v->ps, 100000, "ps", v->seeds, error);
}

static gboolean
linear_plan (OcRunPlan *plan, const OcSpec *spec, GError **error)
{
  g_auto (Axes) a = { 0 };

  if (!linear_axes (&a, spec, error))
    return FALSE;
  for (guint i = 0; i < a.sizes->len * a.seeds->len; i++)
    {
      guint64 p = axes_size (&a, i), seed = axes_seed (&a, i);

      oc_run_plan_add_point (plan, oc_linear_point_key (p, seed),
                             g_strdup_printf ("p %" G_GUINT64_FORMAT " · seed %" G_GUINT64_FORMAT,
                                              p, seed),
                             (double) p);
    }
  return TRUE;
}

static void
linear_threads (OcRunPlan *plan, const OcSpec *spec, guint n_todo)
{
  const OcLinearSpec *v = oc_spec_get_values (spec);

  oc_run_plan_set_threads (plan, 1, blas_threads (v->threads));
}

static gboolean
linear_run (OcRun *run, GCancellable *cancellable, GError **error)
{
  const OcSpec *spec = oc_run_get_spec (run);
  const OcLinearSpec *v = oc_spec_get_values (spec);
  const OcRunPlan *plan = oc_run_get_plan (run);
  g_auto (Axes) a = { 0 };

  if (!linear_axes (&a, spec, error))
    return FALSE;
  oc_blas_set_threads (v->threads);
  for (guint i = 0; i < oc_run_plan_get_n_points (plan); i++)
    {
      gint64 t0 = g_get_monotonic_time ();
      guint64 p = axes_size (&a, i);
      OcProgress starting = { 0 };
      OcStorePoint *sp;
      double risk;

      if (!oc_run_todo (run, i))
        continue;
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      oc_run_progress (run, i, &starting);
      risk = oc_linear_min_norm_risk (v->n, (guint) p, v->snr, v->sigma, axes_seed (&a, i), error);
      if (isnan (risk))
        return FALSE;
      sp = oc_store_point_new (oc_run_plan_get_id (plan), oc_run_plan_get_key (plan, i));
      sp->status = OC_STATUS_FINISHED;
      sp->seconds = (g_get_monotonic_time () - t0) / 1e6;
      sp->threads = blas_threads (v->threads);
      sp->architecture = g_strdup_printf ("linear, %" G_GUINT64_FORMAT " features", p);
      sp->parameters = p;
      sp->n_train = v->n;
      /* The excess test risk is this model's test loss; it has no zero-one error. */
      sp->final.test_loss = risk;
      sp->final.train_loss = sp->final.train_error = sp->final.test_error = NAN;
      sp->final.val_loss = sp->final.val_error = NAN;
      sp->early_stop = sp->final;
      if (!oc_run_record (run, i, sp, NULL, FALSE, error))
        return FALSE;
    }
  return TRUE;
}

const OcRunKind oc_run_kind_linear = { linear_plan, linear_threads, linear_run };
