/* oc-run-grok.c — the `grok` kind of the experiment runner: full-batch runs on addition or
 * modular addition over train fraction × weight decay × seed, one point each.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each point trains on its train fraction's pairs with the log evaluation schedule and records,
 * per evaluation, ‖θ‖₂ and (modadd) the embedding's Fourier spectrum and share (oc-grok.h).
 * Artifacts:
 *   measures         float32 [evaluations, OC_GROK_N_MEASURES]: weight norm, Fourier share
 *   spectrum         float32 [evaluations, ⌊p/2⌋ + 1]: energy per frequency (modadd only)
 *   pairs_memorised  uint8 [A, B]: oc_grok_pair_grid() at the first evaluation with train
 *                    accuracy ≥ 99 % (when there is one)
 *   pairs_final      uint8 [A, B]: the same after the last step
 * Points run one at a time, each step shared by every thread (a full batch splits well).
 */
#include <math.h>
#include <string.h>

#include "occam/oc-error.h"
#include "occam/oc-grok.h"
#include "oc-experiment-private.h"

static char *
point_label (const OcGrokPoint *p)
{
  return g_strdup_printf ("fraction %g · wd %g · seed %" G_GUINT64_FORMAT, p->train_fraction,
                          p->weight_decay, p->seed);
}

static gboolean
grok_plan (OcRunPlan *plan, const OcSpec *spec, GError **error)
{
  g_autoptr (GArray) points = oc_grok_points (spec);

  for (guint i = 0; i < points->len; i++)
    {
      const OcGrokPoint *p = &g_array_index (points, OcGrokPoint, i);

      /* Work ∝ training pairs × steps; the steps are the same for every point. */
      oc_run_plan_add_point (plan, oc_grok_point_key (p), point_label (p), p->train_fraction);
    }
  return TRUE;
}

static void
grok_threads (OcRunPlan *plan, const OcSpec *spec, guint n_todo)
{
  guint threads = oc_spec_get_train_config (spec)->threads;

  oc_run_plan_set_threads (plan, 1, threads > 0 ? threads : g_get_num_processors ());
}

/* What a point records while it trains (its progress callback, on the training thread). */
typedef struct
{
  OcRun           *run;
  guint            index;
  const OcDataset *data;
  guint            modulus;      /* 0 unless modadd */
  guint            top_k;
  GArray          *measures;     /* float, OC_GROK_N_MEASURES per evaluation */
  GArray          *spectrum;     /* float, n_freq per evaluation (modadd) */
  double          *energy;       /* [n_freq] scratch */
  guint8          *memorised;    /* the pair grid at the memorised step, or NULL */
  guint            rows, cols;
  GError          *error;        /* a grid that could not be computed (out of memory) */
} Recorder;

static void
on_progress (const OcProgress *progress, gpointer user_data)
{
  Recorder *r = user_data;
  double m[OC_GROK_N_MEASURES] = { NAN, NAN };
  OcProgress with = *progress;

  if (progress->eval != NULL)
    {
      m[OC_GROK_MEASURE_WEIGHT_NORM] = oc_mlp_l2_norm (progress->model);
      if (r->modulus > 0
          && oc_grok_fourier_spectrum (progress->model, r->modulus, r->top_k, r->energy,
                                       &m[OC_GROK_MEASURE_FOURIER_SHARE]))
        {
          guint n_freq = oc_grok_n_frequencies (r->modulus);

          for (guint k = 0; k < n_freq; k++)
            {
              float e = (float) r->energy[k];

              g_array_append_val (r->spectrum, e);
            }
        }
      for (guint i = 0; i < OC_GROK_N_MEASURES; i++)
        {
          float f = (float) m[i];

          g_array_append_val (r->measures, f);
        }
      if (r->memorised == NULL && r->error == NULL
          && progress->eval->train_error <= 1 - OC_GROK_MEMORISED_ACCURACY + 1e-12)
        r->memorised = oc_grok_pair_grid (progress->model, r->data, &r->rows, &r->cols,
                                          &r->error);
      with.measures = m;
      with.n_measures = OC_GROK_N_MEASURES;
    }
  oc_run_progress (r->run, r->index, &with);
}

static gboolean
add_artifact (GPtrArray *artifacts, const char *name, OcNpyDtype type, guint n_dims,
              const gsize *shape, gconstpointer values, GError **error)
{
  g_autoptr (OcNpyArray) a = oc_npy_array_new (type, n_dims, shape, error);
  OcStoreArtifact *artifact;

  if (a == NULL)
    return FALSE;
  memcpy (a->data, values, a->n_elems * oc_npy_dtype_size (type));
  artifact = oc_store_artifact_new (name, a, error);
  if (artifact == NULL)
    return FALSE;
  g_ptr_array_add (artifacts, artifact);
  return TRUE;
}

static GPtrArray *
point_artifacts (Recorder *r, const OcMlp *model, gboolean finished, GError **error)
{
  g_autoptr (GPtrArray) artifacts = g_ptr_array_new_with_free_func (
    (GDestroyNotify) oc_store_artifact_free);
  guint n_evals = r->measures->len / OC_GROK_N_MEASURES;
  gsize shape[2] = { n_evals, OC_GROK_N_MEASURES };

  if (!add_artifact (artifacts, "measures", OC_NPY_FLOAT32, 2, shape, r->measures->data, error))
    return NULL;
  if (r->modulus > 0 && r->spectrum->len > 0)
    {
      shape[1] = oc_grok_n_frequencies (r->modulus);
      shape[0] = r->spectrum->len / shape[1];
      if (!add_artifact (artifacts, "spectrum", OC_NPY_FLOAT32, 2, shape, r->spectrum->data,
                         error))
        return NULL;
    }
  if (r->memorised != NULL)
    {
      shape[0] = r->rows;
      shape[1] = r->cols;
      if (!add_artifact (artifacts, "pairs_memorised", OC_NPY_UINT8, 2, shape, r->memorised,
                         error))
        return NULL;
    }
  if (finished)
    {
      guint rows, cols;
      g_autofree guint8 *grid = oc_grok_pair_grid (model, r->data, &rows, &cols, error);

      if (grid == NULL)
        return NULL;
      shape[0] = rows;
      shape[1] = cols;
      if (!add_artifact (artifacts, "pairs_final", OC_NPY_UINT8, 2, shape, grid, error))
        return NULL;
    }
  return g_steal_pointer (&artifacts);
}

static void
recorder_clear (Recorder *r)
{
  g_clear_pointer (&r->measures, g_array_unref);
  g_clear_pointer (&r->spectrum, g_array_unref);
  g_clear_pointer (&r->energy, g_free);
  g_clear_pointer (&r->memorised, g_free);
  g_clear_error (&r->error);
}

static gboolean
run_point (OcRun *run, const OcGrokPoint *point, const OcDataset *data, guint threads,
           GCancellable *cancellable, GError **error)
{
  const OcSpec *spec = oc_run_get_spec (run);
  const OcGrokSpec *v = oc_spec_get_values (spec);
  const OcRunPlan *plan = oc_run_get_plan (run);
  OcTrainConfig cfg;
  g_autoptr (OcMlp) model = NULL;
  g_autoptr (OcTrainResult) result = NULL;
  g_autoptr (GError) train_error = NULL;
  g_autoptr (GPtrArray) artifacts = NULL;
  Recorder r = { 0 };
  OcStorePoint *p;
  gint64 t0 = g_get_monotonic_time ();
  gboolean ok = FALSE;

  oc_grok_point_config (spec, point, &cfg, NULL);
  cfg.threads = threads;
  model = oc_train_build_model (&cfg, data, error);
  if (model == NULL)
    return FALSE;
  r.run = run;
  r.index = point->index;
  r.data = data;
  r.modulus = strcmp (data->name, "modadd") == 0 ? data->dim / 2 : 0;
  r.top_k = v->fourier_top_k;
  r.measures = g_array_new (FALSE, FALSE, sizeof (float));
  r.spectrum = g_array_new (FALSE, FALSE, sizeof (float));
  r.energy = g_new0 (double, oc_grok_n_frequencies (MAX (r.modulus, 2)));

  result = oc_train_run (&cfg, data, model, cancellable, on_progress, &r, NULL, &train_error);
  if (result == NULL && !g_error_matches (train_error, OC_ERROR, OC_ERROR_DIVERGED))
    {
      g_propagate_error (error, g_steal_pointer (&train_error));
      goto out;
    }
  if (r.error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&r.error));
      goto out;
    }
  artifacts = point_artifacts (&r, model, result != NULL, error);
  if (artifacts == NULL)
    goto out;
  p = oc_store_point_new (oc_run_plan_get_id (plan), oc_run_plan_get_key (plan, point->index));
  p->status = result != NULL ? OC_STATUS_FINISHED : OC_STATUS_FAILED;
  p->error = train_error != NULL ? g_strdup (train_error->message) : NULL;
  p->seconds = (g_get_monotonic_time () - t0) / 1e6;
  p->threads = result != NULL ? result->threads : threads;
  if (result != NULL)
    oc_store_point_set_result (p, result);
  p->architecture = oc_mlp_describe (model);
  p->parameters = oc_mlp_parameter_count (model);
  p->n_train = data->train.n;
  p->n_val = data->val.n;
  p->n_test = data->test.n;
  ok = oc_run_record (run, point->index, p, g_steal_pointer (&artifacts), FALSE, error);
out:
  recorder_clear (&r);
  return ok;
}

static gboolean
grok_run (OcRun *run, GCancellable *cancellable, GError **error)
{
  const OcSpec *spec = oc_run_get_spec (run);
  g_autoptr (GArray) points = oc_grok_points (spec);
  g_autoptr (OcDataset) data = NULL;
  double loaded_fraction = NAN;
  guint threads;

  oc_run_plan_get_threads (oc_run_get_plan (run), NULL, &threads);
  for (guint i = 0; i < points->len; i++)
    {
      const OcGrokPoint *p = &g_array_index (points, OcGrokPoint, i);

      if (!oc_run_todo (run, i))
        continue;
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      /* Points come fraction by fraction: each split is generated once. */
      if (data == NULL || p->train_fraction != loaded_fraction)
        {
          OcDataOptions opts;

          g_clear_pointer (&data, oc_dataset_free);
          oc_grok_point_config (spec, p, NULL, &opts);
          data = oc_dataset_load (&opts, cancellable, error);
          if (data == NULL)
            return FALSE;
          loaded_fraction = p->train_fraction;
        }
      if (!run_point (run, p, data, threads, cancellable, error))
        return FALSE;
    }
  return TRUE;
}

const OcRunKind oc_run_kind_grok = { grok_plan, grok_threads, grok_run };
