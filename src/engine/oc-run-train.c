/* oc-run-train.c — the `train` kind of the experiment runner: one network, one point.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Artifacts: `flipped` (int32 [n], the training examples whose label noise changed) when there is
 * label noise, and `theta_final` (float32 [n_params], the trained parameter arena in the layout of
 * oc-mlp.h) when the run finished, so figures of the weights and later analyses (the line between
 * two solutions) can start from the store; with it the solution's norms (theta_norm,
 * distance_from_init, path_norm: oc-sweep-record.h).
 */
#include <string.h>

#include "occam/oc-error.h"
#include "occam/oc-sweep-record.h"
#include "oc-experiment-private.h"

static gboolean
train_plan (OcRunPlan *plan, const OcSpec *spec, GError **error)
{
  oc_run_plan_add_point (plan, g_strdup (OC_TRAIN_POINT_KEY), g_strdup ("training"), 1);
  return TRUE;
}

static void
train_threads (OcRunPlan *plan, const OcSpec *spec, guint n_todo)
{
  guint threads = oc_spec_get_train_config (spec)->threads;

  oc_run_plan_set_threads (plan, 1, threads > 0 ? threads : g_get_num_processors ());
}

static void
on_progress (const OcProgress *progress, gpointer user_data)
{
  oc_run_progress (user_data, 0, progress);
}

static gboolean
add_array (GPtrArray *artifacts, const char *name, OcNpyDtype type, gsize n, gconstpointer values,
           GError **error)
{
  gsize shape[1] = { n };
  g_autoptr (OcNpyArray) a = oc_npy_array_new (type, 1, shape, error);
  OcStoreArtifact *artifact;

  if (a == NULL)
    return FALSE;
  memcpy (a->data, values, n * oc_npy_dtype_size (type));
  artifact = oc_store_artifact_new (name, a, error);
  if (artifact == NULL)
    return FALSE;
  g_ptr_array_add (artifacts, artifact);
  return TRUE;
}

static GPtrArray *
train_artifacts (const OcDataset *data, const OcMlp *model, const float *theta_init,
                 gboolean finished, GError **error)
{
  g_autoptr (GPtrArray) artifacts = g_ptr_array_new_with_free_func (
    (GDestroyNotify) oc_store_artifact_free);

  if (data->train.n_flipped > 0)
    {
      g_autofree gint32 *flipped = g_new (gint32, data->train.n_flipped);

      for (guint i = 0; i < data->train.n_flipped; i++)
        flipped[i] = (gint32) data->train.flipped[i];
      if (!add_array (artifacts, "flipped", OC_NPY_INT32, data->train.n_flipped, flipped, error))
        return NULL;
    }
  if (finished
      && !add_array (artifacts, "theta_final", OC_NPY_FLOAT32, model->n_params, model->params,
                     error))
    return NULL;
  if (finished)
    {
      OcSolutionNorms norms;

      oc_solution_norms_measure (&norms, model, theta_init);
      if (!oc_solution_norms_add_artifacts (&norms, artifacts, error))
        return NULL;
    }
  return g_steal_pointer (&artifacts);
}

static gboolean
train_run (OcRun *run, GCancellable *cancellable, GError **error)
{
  const OcSpec *spec = oc_run_get_spec (run);
  const OcTrainConfig *cfg = oc_spec_get_train_config (spec);
  const OcDataset *data = oc_run_get_options (run)->dataset;
  g_autoptr (OcDataset) loaded = NULL;
  g_autoptr (OcMlp) model = NULL;
  g_autoptr (OcTrainResult) result = NULL;
  g_autoptr (GError) train_error = NULL;
  g_autoptr (GPtrArray) artifacts = NULL;
  g_autofree float *theta_init = NULL;
  OcStorePoint *p;
  gint64 t0 = g_get_monotonic_time ();

  /* The point's time includes loading the data and building the model: the whole run. */
  if (data == NULL)
    {
      loaded = oc_dataset_load (oc_spec_get_data_options (spec), cancellable, error);
      if (loaded == NULL)
        return FALSE;
      data = loaded;
    }
  model = oc_train_build_model (cfg, data, error);
  if (model == NULL)
    return FALSE;
  /* θ₀, for the distance travelled (oc-sweep-record.h): one arena, which fits in the pruning mask
   * oc_train_build_model counts and a train run never allocates. */
  theta_init = oc_mlp_snapshot (model, error);
  if (theta_init == NULL)
    return FALSE;
  result = oc_train_run (cfg, data, model, cancellable, on_progress, run, NULL, &train_error);
  if (result == NULL && !g_error_matches (train_error, OC_ERROR, OC_ERROR_DIVERGED))
    {
      g_propagate_error (error, g_steal_pointer (&train_error));
      return FALSE;
    }

  artifacts = train_artifacts (data, model, theta_init, result != NULL, error);
  if (artifacts == NULL)
    return FALSE;
  p = oc_store_point_new (oc_run_plan_get_id (oc_run_get_plan (run)), OC_TRAIN_POINT_KEY);
  p->status = result != NULL ? OC_STATUS_FINISHED : OC_STATUS_FAILED;
  p->error = train_error != NULL ? g_strdup (train_error->message) : NULL;
  p->seconds = (g_get_monotonic_time () - t0) / 1e6;
  oc_run_plan_get_threads (oc_run_get_plan (run), NULL, &p->threads);
  if (result != NULL)
    oc_store_point_set_result (p, result);
  p->architecture = oc_mlp_describe (model);
  p->parameters = oc_mlp_parameter_count (model);
  p->n_train = data->train.n;
  p->n_val = data->val.n;
  p->n_test = data->test.n;
  return oc_run_record (run, 0, p, g_steal_pointer (&artifacts), FALSE, error);
}

const OcRunKind oc_run_kind_train = { train_plan, train_threads, train_run };
