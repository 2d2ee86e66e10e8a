/* oc-run-train.c — the `train` kind of the experiment runner: one network, one point.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Artifacts: `flipped` (int32 [n], the training examples whose label noise changed) when there is
 * label noise, and `theta_final` (float32 [n_params], the trained parameter arena in the layout of
 * oc-mlp.h) when the run finished, so figures of the weights and later analyses (the line between
 * two solutions) can start from the store; with it the solution's norms (theta_norm,
 * distance_from_init, path_norm: oc-sweep-record.h).
 *
 * On 2-D data (two inputs, one label group: the toy generators) a finished run also stores the
 * decision boundary as it formed: `boundary_thetas` (float32 [n, n_params], θ at n of the
 * recorded evaluations) and `boundary_evals` (int32 [n], which evaluation of the stored curve
 * each row is, ascending; the last is the final one, so the last row is theta_final). Weights
 * rather than boundary grids: a 2-64-2 network's arena is 336 floats where the figure's
 * 72 × 72 grid is 5184, and the figure's own builder draws them exactly as it draws θ_T. At most
 * OC_BOUNDARY_SNAPSHOTS_MAX rows, fewer when they would pass OC_BOUNDARY_SNAPSHOTS_BYTES (never
 * fewer than two, the first and the last): while the run goes, every stride-th evaluation is
 * kept and the stride doubles (every other row dropped) when they fill up, so memory stays
 * bounded and the rows stay evenly spaced; the last evaluation ends them (in the last row's
 * place when they are full). A run with no more evaluations than rows keeps every one.
 */
#include <string.h>

#include "occam/oc-cpus.h"
#include "occam/oc-error.h"
#include "occam/oc-sweep-record.h"
#include "oc-experiment-private.h"

typedef struct
{
  OcRun   *run;
  gboolean on;          /* a planar run: keep snapshots */
  gsize    n_params;
  guint    cap;         /* rows kept at most, the last evaluation's included */
  guint64  stride;      /* evaluations between kept rows */
  guint    n_evals;     /* evaluations seen */
  GArray  *thetas;      /* float, rows of n_params */
  GArray  *evals;       /* gint32, the evaluation index of each row */
  float   *latest;      /* θ at the last evaluation */
} Snapshots;

static void
snapshots_init (Snapshots *s, OcRun *run, const OcDataset *data, const OcMlp *model)
{
  gsize row = model->n_params * sizeof (float);

  memset (s, 0, sizeof *s);
  s->run = run;
  s->on = data->dim == 2 && data->n_groups == 1 && model->sizes[0] == 2 && model->n_params > 0;
  if (!s->on)
    return;
  s->n_params = model->n_params;
  s->cap = (guint) CLAMP (OC_BOUNDARY_SNAPSHOTS_BYTES / row, 2, OC_BOUNDARY_SNAPSHOTS_MAX);
  s->stride = 1;
  s->thetas = g_array_new (FALSE, FALSE, sizeof (float));
  s->evals = g_array_new (FALSE, FALSE, sizeof (gint32));
  s->latest = g_new (float, s->n_params);
}

static void
snapshots_clear (Snapshots *s)
{
  g_clear_pointer (&s->thetas, g_array_unref);
  g_clear_pointer (&s->evals, g_array_unref);
  g_clear_pointer (&s->latest, g_free);
}

/* Every other row, from the first: the stride doubles. */
static void
snapshots_halve (Snapshots *s)
{
  guint n = s->evals->len, kept = 0;
  float *t = (float *) (void *) s->thetas->data;

  for (guint i = 0; i < n; i += 2, kept++)
    {
      if (kept != i)
        memmove (t + (gsize) kept * s->n_params, t + (gsize) i * s->n_params,
                 s->n_params * sizeof (float));
      g_array_index (s->evals, gint32, kept) = g_array_index (s->evals, gint32, i);
    }
  g_array_set_size (s->thetas, (gsize) kept * s->n_params);
  g_array_set_size (s->evals, kept);
  s->stride *= 2;
}

/* On the training thread, at each evaluation. */
static void
snapshots_take (Snapshots *s, const OcMlp *model)
{
  guint k = s->n_evals++;

  if (!s->on || model == NULL || model->n_params != s->n_params || k > G_MAXINT32)
    return;
  memcpy (s->latest, model->params, s->n_params * sizeof (float));
  if (k % s->stride != 0)
    return;
  if (s->evals->len >= s->cap)
    {
      snapshots_halve (s);
      if (k % s->stride != 0)
        return;
    }
  g_array_append_vals (s->thetas, model->params, s->n_params);
  g_array_append_val (s->evals, k);
}

/* The rows as artifacts, the last evaluation's added when the stride skipped it; nothing without
 * evaluations or when the run was not planar. */
static gboolean
snapshots_add_artifacts (Snapshots *s, GPtrArray *artifacts, GError **error)
{
  gsize shape[2];
  g_autoptr (OcNpyArray) thetas = NULL, evals = NULL;
  OcStoreArtifact *artifact;
  gint32 last;

  if (!s->on || s->n_evals == 0 || s->n_evals - 1 > G_MAXINT32)
    return TRUE;
  last = (gint32) (s->n_evals - 1);
  if (s->evals->len == 0 || g_array_index (s->evals, gint32, s->evals->len - 1) != last)
    {
      /* Full: the last evaluation takes the place of the last kept one. */
      if (s->evals->len >= s->cap)
        {
          g_array_set_size (s->evals, s->evals->len - 1);
          g_array_set_size (s->thetas, (gsize) s->evals->len * s->n_params);
        }
      g_array_append_vals (s->thetas, s->latest, s->n_params);
      g_array_append_val (s->evals, last);
    }
  shape[0] = s->evals->len;
  shape[1] = s->n_params;
  thetas = oc_npy_array_new (OC_NPY_FLOAT32, 2, shape, error);
  evals = thetas != NULL ? oc_npy_array_new (OC_NPY_INT32, 1, shape, error) : NULL;
  if (evals == NULL)
    return FALSE;
  memcpy (thetas->data, s->thetas->data, shape[0] * shape[1] * sizeof (float));
  memcpy (evals->data, s->evals->data, shape[0] * sizeof (gint32));
  if ((artifact = oc_store_artifact_new ("boundary_thetas", thetas, error)) == NULL)
    return FALSE;
  g_ptr_array_add (artifacts, artifact);
  if ((artifact = oc_store_artifact_new ("boundary_evals", evals, error)) == NULL)
    return FALSE;
  g_ptr_array_add (artifacts, artifact);
  return TRUE;
}

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

  oc_run_plan_set_threads (plan, 1, threads > 0 ? threads : oc_cpus_available ());
}

static void
on_progress (const OcProgress *progress, gpointer user_data)
{
  Snapshots *s = user_data;

  if (progress->eval != NULL)
    snapshots_take (s, progress->model);
  oc_run_progress (s->run, 0, progress);
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
                 Snapshots *snapshots, gboolean finished, GError **error)
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
      if (!oc_solution_norms_add_artifacts (&norms, artifacts, error)
          || !snapshots_add_artifacts (snapshots, artifacts, error))
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
  Snapshots snapshots;
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
  snapshots_init (&snapshots, run, data, model);
  result = oc_train_run (cfg, data, model, cancellable, on_progress, &snapshots, NULL,
                         &train_error);
  if (result == NULL && !g_error_matches (train_error, OC_ERROR, OC_ERROR_DIVERGED))
    {
      snapshots_clear (&snapshots);
      g_propagate_error (error, g_steal_pointer (&train_error));
      return FALSE;
    }

  artifacts = train_artifacts (data, model, theta_init, &snapshots, result != NULL, error);
  snapshots_clear (&snapshots);
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
