/* test-figure-catalog.c — the figure catalogue against the builders the window calls: a stored
 * training run with and without its trained weights (θ_T), 2-D and not, a sweep written by
 * occam-cli, a tiny pruning run on 4 × 4 images (the readable ticket: receptive fields, fan-in,
 * early stopping with and without a validation split), and the error codes of every refusal.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "The same figure" is checked by rendering both to PNG bytes: the catalogue's, and the one the
 * page's own calls give for the same inputs.
 */
#include <math.h>
#include <string.h>
#include <glib/gstdio.h>

#include <math.h>

#include "occam/oc-error.h"
#include "occam/oc-experiment.h"
#include "occam/oc-snapshot.h"
#include "occam-plot/oc-plot-query.h"
#include "occam-figures/oc-figure-catalog.h"
#include "occam-figures/oc-prune-figures.h"
#include "occam-figures/oc-sweep-figures.h"
#include "occam-figures/oc-train-figures.h"
#include "plot-test-util.h"

typedef struct
{
  char    *dir;
  char    *path;
  OcStore *store;
} Fixture;

static void
fixture_setup (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  fx->dir = g_dir_make_tmp ("oc-catalog-XXXXXX", &error);
  g_assert_no_error (error);
  fx->path = g_build_filename (fx->dir, "s.db", NULL);
  fx->store = oc_store_open (fx->path, OC_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture *fx, gconstpointer data)
{
  g_autoptr (GDir) dir = NULL;
  const char *name;

  oc_store_close (fx->store);
  dir = g_dir_open (fx->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *p = g_build_filename (fx->dir, name, NULL);

      g_unlink (p);
    }
  g_rmdir (fx->dir);
  g_free (fx->path);
  g_free (fx->dir);
}

/* A finished training run as occam-cli stores it, plus θ_T as theta_final: the whole parameter
 * arena when @theta_len < 0, none when 0, else its first @theta_len floats (a broken artifact).
 * Returns the ID; the trained model and the data go to the caller when asked for. */
static char *
store_train_run (Fixture *fx, const char *spec_json, gssize theta_len, OcMlp **model_out,
                 OcDataset **data_out)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (OcSpec) spec = oc_spec_new_from_json (spec_json, -1, NULL, &error);
  const OcTrainSpec *values;
  g_autoptr (OcDataset) data = NULL;
  g_autoptr (OcMlp) model = NULL;
  g_autoptr (OcTrainResult) result = NULL;
  g_autoptr (OcStorePoint) p = NULL;
  g_autoptr (GPtrArray) artifacts = g_ptr_array_new_with_free_func (
    (GDestroyNotify) oc_store_artifact_free);
  g_autoptr (GString) arch = g_string_new (NULL);
  char *id;

  g_assert_no_error (error);
  values = oc_spec_get_values (spec);
  data = oc_dataset_load (&values->data, NULL, &error);
  g_assert_no_error (error);
  model = oc_train_build_model (&values->train, data, &error);
  g_assert_no_error (error);
  result = oc_train_run (&values->train, data, model, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (oc_store_begin_experiment (fx->store, spec, 1, NULL, &error));
  g_assert_no_error (error);
  id = oc_spec_id (spec);
  for (guint l = 0; l <= model->n_layers; l++)
    g_string_append_printf (arch, "%s%u", l > 0 ? "-" : "", model->sizes[l]);
  p = oc_store_point_new (id, "{}");
  p->status = OC_STATUS_FINISHED;
  p->architecture = g_strdup (arch->str);
  p->parameters = oc_mlp_parameter_count (model);
  p->n_train = data->train.n;
  p->n_test = data->test.n;
  oc_store_point_set_result (p, result);
  if (theta_len < 0)
    theta_len = (gssize) model->n_params;
  if (theta_len > 0)
    {
      gsize shape[1] = { (gsize) theta_len };
      g_autoptr (OcNpyArray) theta = oc_npy_array_new (OC_NPY_FLOAT32, 1, shape, &error);

      g_assert_no_error (error);
      memcpy (theta->data, model->params, sizeof (float) * MIN ((gsize) theta_len,
                                                                model->n_params));
      g_ptr_array_add (artifacts, oc_store_artifact_new ("theta_final", theta, &error));
      g_assert_no_error (error);
    }
  g_assert_true (oc_store_put_point (fx->store, p, artifacts, &error));
  g_assert_no_error (error);
  if (model_out != NULL)
    *model_out = g_steal_pointer (&model);
  if (data_out != NULL)
    *data_out = g_steal_pointer (&data);
  return id;
}

static GBytes *
render (const OcPlotFigure *f)
{
  g_autoptr (GError) error = NULL;
  GBytes *png;

  g_assert_nonnull (f);
  png = oc_plot_figure_render (f, oc_plot_theme_get (OC_PLOT_THEME_LIGHT), OC_PLOT_FORMAT_PNG,
                               640, 360, 1, &error);
  g_assert_no_error (error);
  return png;
}

static void
assert_same_figure (OcPlotFigure *from_catalog, OcPlotFigure *from_page)
{
  g_autoptr (OcPlotFigure) a = from_catalog;
  g_autoptr (OcPlotFigure) b = from_page;
  g_autoptr (GBytes) x = render (a);
  g_autoptr (GBytes) y = render (b);

  g_assert_cmpstr (oc_plot_figure_get_title (a), ==, oc_plot_figure_get_title (b));
  g_assert_true (g_bytes_equal (x, y));
}

/* The listed names, space-separated. */
static char *
listed (OcFigureCatalog *c)
{
  GPtrArray *figures = oc_figure_catalog_list (c);
  g_autofree const char **names = g_new0 (const char *, figures->len + 1);

  for (guint i = 0; i < figures->len; i++)
    names[i] = ((const OcFigureInfo *) figures->pdata[i])->name;
  return g_strjoinv (" ", (char **) names);
}

#define SPIRAL "{\"version\": 1, \"kind\": \"train\", \"data\": {\"name\": \"spiral\", " \
               "\"n_points\": 300}, \"model\": {\"hidden\": [16], \"activation\": \"tanh\"}, " \
               "\"train\": {\"epochs\": 4, \"batch\": 32, \"seed\": %d}}"

/* With θ_T stored: the learning curves History shows, and the weight histogram and decision
 * boundary the Train page shows at the end of the same run. */
static void
test_train_with_weights (Fixture *fx, gconstpointer data)
{
  g_autofree char *json = g_strdup_printf (SPIRAL, 1);
  const char *const no_params[] = { "level=1", NULL };
  g_autoptr (OcMlp) model = NULL;
  g_autoptr (OcDataset) ds = NULL;
  g_autofree char *id = store_train_run (fx, json, -1, &model, &ds);
  OcBoundaryGrid grid;
  g_autoptr (GError) error = NULL;
  g_autoptr (OcFigureCatalog) c = oc_figure_catalog_new (fx->store, id, &error);
  g_autofree char *names = listed (c);
  g_autoptr (OcStorePoint) p = NULL;
  g_autoptr (OcWeightHist) hist = NULL;
  g_autoptr (OcBoundary) boundary = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (oc_figure_catalog_get_experiment (c)->id, ==, id);
  g_assert_cmpstr (oc_figure_catalog_get_main (c), ==, "learning-curves");
  g_assert_cmpstr (names, ==, "learning-curves weight-histogram decision-boundary");

  p = oc_store_get_point (fx->store, id, "{}", TRUE, &error);
  g_assert_no_error (error);
  assert_same_figure (oc_figure_catalog_build (c, "learning-curves", NULL, &error),
                      oc_curves_figure_new (p->evals, "Spiral · 2-16-2"));
  g_assert_no_error (error);

  hist = oc_weight_hist_new (model);
  assert_same_figure (oc_figure_catalog_build (c, "weight-histogram", NULL, &error),
                      oc_weight_hist_figure_new (hist));
  g_assert_no_error (error);

  oc_boundary_grid_for_split (&grid, &ds->train, OC_BOUNDARY_GRID_SIDE);
  boundary = oc_boundary_new (model, &grid);
  assert_same_figure (oc_figure_catalog_build (c, "decision-boundary", NULL, &error),
                      oc_boundary_figure_new (boundary, ds));
  g_assert_no_error (error);

  g_assert_null (oc_figure_catalog_build (c, "decision-boundary", no_params, &error));
  g_assert_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "decision-boundary takes no parameters"));
}

/* A run stored without boundary snapshots (as before they existed): the boundary draws once,
 * is not listed as animated, and asking for its frames says to run it again. */
static void
test_train_without_snapshots (Fixture *fx, gconstpointer data)
{
  g_autofree char *json = g_strdup_printf (SPIRAL, 1);
  g_autofree char *id = store_train_run (fx, json, -1, NULL, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (OcFigureCatalog) c = oc_figure_catalog_new (fx->store, id, &error);
  GPtrArray *animated;
  g_autoptr (OcPlotFigure) f = NULL;

  g_assert_no_error (error);
  f = oc_figure_catalog_build (c, "decision-boundary", NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f);
  animated = oc_figure_catalog_list_animated (c);
  g_assert_cmpuint (animated->len, ==, 1);
  g_assert_cmpstr (((const OcFigureInfo *) animated->pdata[0])->name, ==, "learning-curves");
  g_assert_cmpuint (oc_figure_catalog_count_frames (c, "decision-boundary", NULL, &error), ==, 0);
  g_assert_error (error, OC_ERROR, OC_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "this run stored no boundary snapshots; run it again "
                                            "with this version"));
  g_clear_error (&error);
  g_assert_null (oc_figure_catalog_build_frame (c, "decision-boundary", NULL, 0, &error));
  g_assert_error (error, OC_ERROR, OC_ERROR_NOT_FOUND);
}

/* A spiral run through the experiment runner, evaluated at every one of its 250 steps: 251
 * evaluations, one more than OC_BOUNDARY_SNAPSHOTS_MAX fits after 200, so the kept rows are
 * every second evaluation (0, 2, … 250): 126 rows, the first θ₀ (rebuilt here from the seed),
 * the last θ_T. The frames are those rows, the last one the final figure, the first another. */
static void
test_train_boundary_frames (Fixture *fx, gconstpointer data)
{
  static const char *const json = "{\"version\": 1, \"kind\": \"train\", \"data\": {\"name\": "
    "\"spiral\", \"n_points\": 300}, \"model\": {\"hidden\": [16], \"activation\": "
    "\"tanh\"}, \"train\": {\"iterations\": 250, \"eval_every\": 1, \"batch\": 32, "
    "\"seed\": 3}}";
  g_autoptr (GError) error = NULL;
  g_autoptr (OcSpec) spec = oc_spec_new_from_json (json, -1, NULL, &error);
  const OcTrainSpec *values;
  g_autoptr (OcDataset) ds = NULL;
  g_autoptr (OcMlp) init = NULL;
  g_autoptr (OcNpyArray) thetas = NULL, evals = NULL, final = NULL;
  g_autoptr (OcStorePoint) p = NULL;
  g_autoptr (OcFigureCatalog) c = NULL;
  g_autoptr (OcPlotFigure) first = NULL, last = NULL;
  g_autoptr (GBytes) first_png = NULL, last_png = NULL;
  OcRunSummary summary;
  const gint32 *k;
  gsize n, P;
  GStatBuf st;

  g_assert_no_error (error);
  values = oc_spec_get_values (spec);
  g_assert_true (oc_experiment_run (spec, fx->store, NULL, NULL, NULL, NULL, &summary, &error));
  g_assert_no_error (error);
  ds = oc_dataset_load (oc_spec_get_data_options (spec), NULL, &error);
  g_assert_no_error (error);
  init = oc_train_build_model (&values->train, ds, &error);
  g_assert_no_error (error);
  P = init->n_params;

  p = oc_store_get_point (fx->store, summary.id, "{}", TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (p->evals->len, ==, 251);
  thetas = oc_store_get_artifact (fx->store, summary.id, "{}", "boundary_thetas", &error);
  g_assert_no_error (error);
  evals = oc_store_get_artifact (fx->store, summary.id, "{}", "boundary_evals", &error);
  g_assert_no_error (error);
  final = oc_store_get_artifact (fx->store, summary.id, "{}", "theta_final", &error);
  g_assert_no_error (error);
  n = evals->n_elems;
  g_assert_cmpuint (n, ==, 126);
  g_assert_cmpuint (n, <=, OC_BOUNDARY_SNAPSHOTS_MAX);
  g_assert_cmpint (thetas->dtype, ==, OC_NPY_FLOAT32);
  g_assert_cmpuint (thetas->n_dims, ==, 2);
  g_assert_cmpuint (thetas->shape[0], ==, n);
  g_assert_cmpuint (thetas->shape[1], ==, P);
  k = (const gint32 *) evals->data;
  for (gsize i = 0; i < n; i++)
    g_assert_cmpint (k[i], ==, (gint32) (2 * i));
  g_assert_cmpint (k[n - 1], ==, (gint32) p->evals->len - 1);
  g_assert_cmpmem (thetas->data, P * sizeof (float), init->params, P * sizeof (float));
  g_assert_cmpmem ((const float *) thetas->data + (n - 1) * P, P * sizeof (float), final->data,
                   P * sizeof (float));
  /* Small: the rows are 126 arenas of a 2-16-2 network (under 50 kB); the whole store stays
   * under 256 kB. */
  g_assert_cmpint (g_stat (fx->path, &st), ==, 0);
  g_assert_cmpint (st.st_size, <, 256 * 1024);

  c = oc_figure_catalog_new (fx->store, summary.id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (oc_figure_catalog_get_frames (c, "decision-boundary"), ==,
                   OC_FIGURE_FRAMES_SNAPSHOTS);
  g_assert_cmpuint (oc_figure_catalog_list_animated (c)->len, ==, 2);
  g_assert_cmpuint (oc_figure_catalog_count_frames (c, "decision-boundary", NULL, &error), ==, n);
  g_assert_no_error (error);
  first = oc_figure_catalog_build_frame (c, "decision-boundary", NULL, 0, &error);
  g_assert_no_error (error);
  last = oc_figure_catalog_build_frame (c, "decision-boundary", NULL, n - 1, &error);
  g_assert_no_error (error);
  first_png = render (first);
  last_png = render (last);
  g_assert_false (g_bytes_equal (first_png, last_png));
  /* The last frame is the final figure; the frames leave θ_T as it was. */
  assert_same_figure (g_steal_pointer (&last),
                      oc_figure_catalog_build (c, "decision-boundary", NULL, &error));
  g_assert_no_error (error);
  g_assert_null (oc_figure_catalog_build_frame (c, "decision-boundary", NULL, n, &error));
  g_assert_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT);
}

/* Data that are not 2-D (modular addition: one-hot pairs) store no boundary snapshots. */
static void
test_train_not_planar_no_snapshots (Fixture *fx, gconstpointer data)
{
  static const char *const json = "{\"version\": 1, \"kind\": \"train\", \"data\": {\"name\": "
                                  "\"modadd\", \"modulus\": 5}, \"model\": {\"hidden\": [8]}, "
                                  "\"train\": {\"epochs\": 3}}";
  g_autoptr (GError) error = NULL;
  g_autoptr (OcSpec) spec = oc_spec_new_from_json (json, -1, NULL, &error);
  g_autoptr (OcNpyArray) final = NULL, thetas = NULL;
  OcRunSummary summary;

  g_assert_no_error (error);
  g_assert_true (oc_experiment_run (spec, fx->store, NULL, NULL, NULL, NULL, &summary, &error));
  g_assert_no_error (error);
  final = oc_store_get_artifact (fx->store, summary.id, "{}", "theta_final", &error);
  g_assert_no_error (error);
  thetas = oc_store_get_artifact (fx->store, summary.id, "{}", "boundary_thetas", &error);
  g_assert_null (thetas);
  g_assert_error (error, OC_ERROR, OC_ERROR_NOT_FOUND);
}

/* Without θ_T, or with one that does not fit the architecture: the curves only, and a reason. */
/* Finite points of series @index. */
static guint
finite_points (const OcPlotFigure *f, guint index)
{
  const double *x, *y;
  gsize n = oc_plot_figure_get_series_data (f, index, &x, &y);
  guint k = 0;

  for (gsize i = 0; i < n; i++)
    k += isfinite (x[i]) && isfinite (y[i]);
  return k;
}

static int
compare_finished (gconstpointer a, gconstpointer b, gpointer data)
{
  OcSweepResults *r = data;
  guint i = *(const guint *) a, j = *(const guint *) b;
  const OcStorePoint *p = oc_sweep_results_get (r, i)->point;
  const OcStorePoint *q = oc_sweep_results_get (r, j)->point;
  g_autoptr (GDateTime) ps = g_date_time_new_from_iso8601 (p->started, NULL);
  g_autoptr (GDateTime) qs = g_date_time_new_from_iso8601 (q->started, NULL);
  double pe = g_date_time_to_unix (ps) + p->seconds, qe = g_date_time_to_unix (qs) + q->seconds;
  int order = strcmp (p->finished, q->finished);

  /* By the finishing second, then by start plus wall time within it, then the grid's order. */
  if (order != 0)
    return order;
  return pe != qe ? (pe > qe) - (pe < qe) : (int) i - (int) j;
}

/* The frames of a sweep: the double descent gains the widths of the points in the order they
 * finished (read here from the stored timestamps), one frame per point, on the final figure's
 * x range; the learning curve grows by one evaluation a frame; the figures drawn whole are
 * unchanged afterwards (the frames lend the builders cut-short results and take them back). */
static void
check_sweep_frames (OcFigureCatalog *c, OcSweepResults *results, GArray *groups,
                    OcSweepMode mode)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) order = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr (GArray) widths = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (OcPlotFigure) whole = oc_figure_catalog_build (c, "learning-curve", NULL, &error);
  const char *const heatmap_level[] = { "level=1", NULL };
  guint n, n_evals;

  g_assert_cmpint (oc_figure_catalog_get_frames (c, "double-descent"), ==,
                   OC_FIGURE_FRAMES_POINTS);
  g_assert_cmpint (oc_figure_catalog_get_frames (c, "epoch-heatmap"), ==, OC_FIGURE_FRAMES_NONE);
  for (guint i = 0; i < 6; i++)
    g_array_append_val (order, i);
  g_array_sort_with_data (order, compare_finished, results);
  n = oc_figure_catalog_count_frames (c, "double-descent", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 6);
  for (guint k = 0; k < n; k++)
    {
      g_autoptr (OcPlotFigure) f = oc_figure_catalog_build_frame (c, "double-descent", NULL, k,
                                                                  &error);
      const OcSweepEntry *e = oc_sweep_results_get (results, g_array_index (order, guint, k));
      double w = (double) e->point->parameters;
      guint seen;

      g_assert_no_error (error);
      for (seen = 0; seen < widths->len && g_array_index (widths, double, seen) != w; seen++)
        ;
      if (seen == widths->len)
        g_array_append_val (widths, w);
      /* The first series (test error) has a mean at each width that has finished so far. */
      g_assert_cmpuint (finite_points (f, 0), ==, widths->len);
    }
  /* The last frame is the whole figure. */
  assert_same_figure (oc_figure_catalog_build_frame (c, "double-descent", NULL, n - 1, &error),
                      oc_figure_catalog_build (c, "double-descent", NULL, &error));
  g_assert_no_error (error);
  g_assert_null (oc_figure_catalog_build_frame (c, "double-descent", NULL, n, &error));
  g_assert_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  n_evals = finite_points (whole, 0);
  g_assert_cmpuint (n_evals, >, 2);
  g_assert_cmpuint (oc_figure_catalog_count_frames (c, "learning-curve", NULL, &error), ==,
                    n_evals);
  for (guint k = 0; k < n_evals; k++)
    {
      g_autoptr (OcPlotFigure) f = oc_figure_catalog_build_frame (c, "learning-curve", NULL, k,
                                                                  &error);

      g_assert_no_error (error);
      g_assert_cmpuint (finite_points (f, 0), ==, k + 1);
    }

  assert_same_figure (oc_figure_catalog_build_frame (c, "learning-curve", NULL, n_evals - 1,
                                                    &error),
                      oc_figure_catalog_build (c, "learning-curve", NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (oc_figure_catalog_count_frames (c, "epoch-heatmap", NULL, &error), ==, 0);
  g_assert_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "its animated figures: double-descent, "
                                            "learning-curve, seed-distribution, norms"));
  g_clear_error (&error);
  g_assert_cmpuint (oc_figure_catalog_count_frames (c, "double-descent", heatmap_level,
                                                    &error), ==, 0);
  g_assert_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  /* Whole figures as before the frames. */
  assert_same_figure (oc_figure_catalog_build (c, "double-descent", NULL, &error),
                      oc_sweep_main_figure_new (results, groups, mode, NULL));
  g_assert_no_error (error);
}

static void
test_train_without_weights (Fixture *fx, gconstpointer data)
{
  g_autofree char *json_none = g_strdup_printf (SPIRAL, 2);
  g_autofree char *json_short = g_strdup_printf (SPIRAL, 3);
  g_autofree char *none = store_train_run (fx, json_none, 0, NULL, NULL);
  g_autofree char *shorter = store_train_run (fx, json_short, 17, NULL, NULL);
  static const char *const needs_theta[] = { "weight-histogram", "decision-boundary" };

  for (guint i = 0; i < G_N_ELEMENTS (needs_theta); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (OcFigureCatalog) c = oc_figure_catalog_new (fx->store, none, &error);
      g_autoptr (OcFigureCatalog) d = oc_figure_catalog_new (fx->store, shorter, &error);
      g_autofree char *names = NULL;

      g_assert_no_error (error);
      names = listed (c);
      g_assert_cmpstr (names, ==, "learning-curves");
      g_assert_null (oc_figure_catalog_build (c, needs_theta[i], NULL, &error));
      g_assert_error (error, OC_ERROR, OC_ERROR_NOT_FOUND);
      g_assert_nonnull (strstr (error->message, "no theta_final artifact"));
      g_clear_error (&error);

      g_clear_pointer (&names, g_free);
      names = listed (d);
      g_assert_cmpstr (names, ==, "learning-curves");
      g_assert_null (oc_figure_catalog_build (d, needs_theta[i], NULL, &error));
      g_assert_error (error, OC_ERROR, OC_ERROR_NOT_FOUND);
      g_assert_nonnull (strstr (error->message, "theta_final holds 17 values of type <f4"));
    }
}

/* Data that are not points in the plane have weights to histogram but no boundary. */
static void
test_train_not_planar (Fixture *fx, gconstpointer data)
{
  static const char *const json = "{\"version\": 1, \"kind\": \"train\", \"data\": {\"name\": "
                                  "\"modadd\", \"modulus\": 5}, \"model\": {\"hidden\": [8]}, "
                                  "\"train\": {\"epochs\": 2}}";
  g_autofree char *id = store_train_run (fx, json, -1, NULL, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (OcFigureCatalog) c = oc_figure_catalog_new (fx->store, id, &error);
  g_autofree char *names = NULL;

  g_assert_no_error (error);
  names = listed (c);
  g_assert_cmpstr (names, ==, "learning-curves weight-histogram");
  g_assert_null (oc_figure_catalog_build (c, "decision-boundary", NULL, &error));
  g_assert_error (error, OC_ERROR, OC_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "it needs 2-D data"));
}

/* A sweep from occam-cli: the catalogue's figures are the Sweep page's calls on the same
 * points, in the mode the page guesses from the spec. */
static void
test_sweep (Fixture *fx, gconstpointer data)
{
  const char *argv[] = { g_getenv ("OC_CLI"), "sweep", "--dataset", "spiral", "--n-points",
                         "300", "--widths", "2,8,32", "--seeds", "0,1", "--epochs", "3",
                         "--record-every-epochs", "1", "--store", fx->path, "-q", NULL };
  const char *const bad_width[] = { "width=4", NULL };
  const char *const width8[] = { "width=8", NULL };
  const char *const width8_seed1[] = { "width=8", "seed=1", NULL };
  const char *const width8_all[] = { "seed=all", "width=8", NULL };
  const char *const bad_seeds[] = { "seed=2", "seed=-1", "seed=one", "seed=" };
  g_autofree char *err = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) list = NULL;
  g_autoptr (OcFigureCatalog) c = NULL;
  g_autofree char *names = NULL;
  const OcFigureInfo *curve;
  const OcSweepGroup *peak = NULL;
  OcSweepMode mode;
  /* The page's side: the same points read back and grouped in the guessed mode. */
  g_autoptr (OcSpec) spec = NULL;
  g_autoptr (OcSweepGrid) grid = NULL;
  g_autoptr (OcSweepResults) results = NULL;
  g_autoptr (GArray) groups = NULL;

  g_assert_cmpint (plot_test_run (argv, &err), ==, 0);
  list = oc_store_list_experiments (fx->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  c = oc_figure_catalog_new (fx->store, ((OcStoreExperiment *) list->pdata[0])->id, &error);
  g_assert_no_error (error);
  names = listed (c);
  g_assert_cmpstr (names, ==, "double-descent epoch-heatmap learning-curve seed-distribution norms");
  g_assert_cmpstr (oc_figure_catalog_get_main (c), ==, "double-descent");

  spec = oc_spec_new_from_json (oc_figure_catalog_get_experiment (c)->spec, -1, NULL, &error);
  grid = oc_sweep_grid_new (spec, &error);
  g_assert_no_error (error);
  results = oc_sweep_results_new (grid);
  g_assert_cmpint (oc_sweep_results_load (results, fx->store, &error), ==, 6);
  mode = oc_sweep_grid_guess_mode (grid);
  g_assert_cmpint (mode, ==, OC_SWEEP_MODE_MODEL);
  groups = oc_sweep_results_groups (results, mode);
  assert_same_figure (oc_figure_catalog_build (c, "double-descent", NULL, &error),
                      oc_sweep_main_figure_new (results, groups, mode, NULL));
  assert_same_figure (oc_figure_catalog_build (c, "epoch-heatmap", NULL, &error),
                      oc_sweep_heatmap_new (results, groups, mode, OC_SWEEP_EPOCH_AXIS_AUTO));
  /* Epochs 1 to 3 span less than a decade: linear unless asked for log. */
  g_assert_false (oc_sweep_heatmap_is_log (results, groups, OC_SWEEP_EPOCH_AXIS_AUTO));
  g_assert_true (oc_sweep_heatmap_is_log (results, groups, OC_SWEEP_EPOCH_AXIS_LOG));
  {
    const char *const log_axis[] = { "epoch-axis=log", NULL };
    const char *const bad_axis[] = { "epoch-axis=sqrt", NULL };
    g_autoptr (OcPlotFigure) linear = oc_figure_catalog_build (c, "epoch-heatmap", NULL, &error);
    g_autoptr (OcPlotFigure) logx = oc_figure_catalog_build (c, "epoch-heatmap", log_axis,
                                                             &error);
    g_autoptr (GBytes) a = NULL, b = NULL;

    g_assert_no_error (error);
    a = render (linear);
    b = render (logx);
    g_assert_false (g_bytes_equal (a, b));
    assert_same_figure (oc_figure_catalog_build (c, "epoch-heatmap", log_axis, &error),
                        oc_sweep_heatmap_new (results, groups, mode, OC_SWEEP_EPOCH_AXIS_LOG));
    g_assert_null (oc_figure_catalog_build (c, "epoch-heatmap", bad_axis, &error));
    g_assert_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT);
    g_assert_cmpstr (error->message, ==, "parameter epoch-axis=sqrt: expected auto (log when the "
                     "recorded epochs span more than a decade), linear or log");
    g_clear_error (&error);
  }
  check_sweep_frames (c, results, groups, mode);

  /* The learning curve defaults to the width with the highest mean test error. */
  for (guint k = 0; k < groups->len; k++)
    if (peak == NULL || g_array_index (groups, OcSweepGroup, k).test_error > peak->test_error)
      peak = &g_array_index (groups, OcSweepGroup, k);
  curve = g_ptr_array_index (oc_figure_catalog_list (c), 2);
  g_assert_cmpuint (curve->n_params, ==, 2);
  g_assert_cmpstr (curve->params[0].key, ==, "width");
  g_assert_cmpfloat (g_ascii_strtod (curve->params[0].default_value, NULL), ==, peak->key);
  g_assert_cmpstr (curve->params[0].description, ==, "a hidden width: 2, 8, 32");
  g_assert_cmpstr (curve->params[1].key, ==, "seed");
  g_assert_cmpstr (curve->params[1].default_value, ==, "all");
  g_assert_cmpstr (curve->params[1].description, ==,
                   "one seed, 0, 1, or all (mean and min–max over seeds)");
  assert_same_figure (oc_figure_catalog_build (c, "learning-curve", NULL, &error),
                      oc_sweep_curves_new (results, peak, mode));
  assert_same_figure (oc_figure_catalog_build (c, "learning-curve", width8, &error),
                      oc_sweep_curves_new (results, &g_array_index (groups, OcSweepGroup, 1),
                                           mode));
  g_assert_no_error (error);

  /* One seed's curve, as a click on its dot shows it on the page; every seed is the default. */
  assert_same_figure (oc_figure_catalog_build (c, "learning-curve", width8_seed1, &error),
                      oc_sweep_point_curves_new (results,
                                                 &g_array_index (groups, OcSweepGroup, 1),
                                                 g_array_index (g_array_index (groups,
                                                                               OcSweepGroup,
                                                                               1).members,
                                                                guint, 1),
                                                 mode));
  g_assert_no_error (error);
  assert_same_figure (oc_figure_catalog_build (c, "learning-curve", width8_all, &error),
                      oc_sweep_curves_new (results, &g_array_index (groups, OcSweepGroup, 1),
                                           mode));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (bad_seeds); i++)
    {
      const char *const params[] = { "width=8", bad_seeds[i], NULL };

      g_assert_null (oc_figure_catalog_build (c, "learning-curve", params, &error));
      g_assert_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT);
      g_assert_nonnull (strstr (error->message, "one seed, 0, 1, or all"));
      g_clear_error (&error);
    }

  /* Every seed's outcome and the norms of the solutions: the Sweep page's other views. */
  assert_same_figure (oc_figure_catalog_build (c, "seed-distribution", NULL, &error),
                      oc_sweep_seeds_figure_new (results, groups, mode, NULL));
  g_assert_no_error (error);
  assert_same_figure (oc_figure_catalog_build (c, "norms", NULL, &error),
                      oc_sweep_norms_figure_new (results, groups, mode, NULL));
  g_assert_no_error (error);

  g_assert_null (oc_figure_catalog_build (c, "learning-curve", bad_width, &error));
  g_assert_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_null (oc_figure_catalog_build (c, "accuracy", NULL, &error));
  g_assert_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "its figures: double-descent, epoch-heatmap, "
                                            "learning-curve, seed-distribution, norms"));
  g_clear_error (&error);

  /* Experiments that are not there. */
  g_clear_pointer (&c, oc_figure_catalog_free);
  c = oc_figure_catalog_new (fx->store, "0000", &error);
  g_assert_null (c);
  g_assert_error (error, OC_ERROR, OC_ERROR_NOT_FOUND);
}


/* ---- A ticket you can read ---- */

/* 300 rows of 16 features (4 × 4 images) in 3 classes, each class brighter in its own pixels. */
static char *
write_images (Fixture *fx)
{
  g_autoptr (GString) csv = g_string_new (NULL);
  g_autoptr (GError) error = NULL;
  char *path = g_build_filename (fx->dir, "img.csv", NULL);
  GRand *rand = g_rand_new_with_seed (7);

  for (guint i = 0; i < 300; i++)
    {
      guint y = i % 3;

      g_string_append_printf (csv, "%u", y);
      for (guint j = 0; j < 16; j++)
        g_string_append_printf (csv, ",%.3f", g_rand_double (rand) + (j % 3 == y ? 0.5 : 0));
      g_string_append_c (csv, '\n');
    }
  g_rand_free (rand);
  g_file_set_contents (path, csv->str, (gssize) csv->len, &error);
  g_assert_no_error (error);
  return path;
}

/* Runs a 16-6-3 pruning experiment of 3 levels halving every layer; returns its ID. */
static char *
run_prune (Fixture *fx, const char *data, const char *val_size)
{
  const char *argv[] = { g_getenv ("OC_CLI"), "prune", "--dataset", "csv", "--data-file", data,
                         "--hidden", "6", "--iterations", "60", "--batch", "32", "--levels", "3",
                         "--rate", "0.5", "--output-rate", "0.5", "--controls", "imp",
                         "--val-size", val_size, "--store", fx->path, "-q", NULL };
  g_autofree char *err = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) before = oc_store_list_experiments (fx->store, &error);
  g_autoptr (GPtrArray) after = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (plot_test_run (argv, &err), ==, 0);
  after = oc_store_list_experiments (fx->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after->len, ==, before->len + 1);
  /* The one that was not there before. */
  for (guint i = 0; i < after->len; i++)
    {
      const OcStoreExperiment *e = after->pdata[i];
      gboolean seen = FALSE;

      for (guint j = 0; j < before->len; j++)
        seen |= strcmp (((const OcStoreExperiment *) before->pdata[j])->id, e->id) == 0;
      if (!seen)
        return g_strdup (e->id);
    }
  g_assert_not_reached ();
  return NULL;
}

/* The colour of the pixel at (@x, @y) of @surface as 0xRRGGBB (opaque surfaces only). */
static guint32
pixel_at (cairo_surface_t *surface, double x, double y)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);

  return ((const guint32 *) (data + (gsize) stride * (int) y))[(int) x] & 0xffffff;
}

static guint32
rgb_of (const OcPlotRgba *c)
{
  return (guint32) (c->r * 255 + 0.5) << 16 | (guint32) (c->g * 255 + 0.5) << 8
         | (guint32) (c->b * 255 + 0.5);
}

/* A sweep over widths × n draws one test-error curve (and a dashed train-error curve) per n,
 * each the mean over that n's runs only, with the n·K line of each n; the title holds no n. A
 * width's learning curves are split by n the same way. */
static void
test_sweep_slices (Fixture *fx, gconstpointer data)
{
  const char *argv[] = { g_getenv ("OC_CLI"), "sweep", "--dataset", "spiral", "--n-points",
                         "300", "--widths", "2,8,32", "--n-trains", "100,200", "--epochs", "2",
                         "--record-every-epochs", "1", "--store", fx->path, "-q", NULL };
  static const char *const names[] = { "test error · n = 100", "train error · n = 100",
                                       "test error · n = 200", "train error · n = 200" };
  g_autofree char *err = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) list = NULL;
  g_autoptr (OcFigureCatalog) c = NULL;
  g_autoptr (OcSpec) spec = NULL;
  g_autoptr (OcSweepGrid) grid = NULL;
  g_autoptr (OcSweepResults) results = NULL;
  g_autoptr (OcPlotFigure) f = NULL;
  g_autoptr (GArray) slices = NULL;

  g_assert_cmpint (plot_test_run (argv, &err), ==, 0);
  list = oc_store_list_experiments (fx->store, &error);
  g_assert_no_error (error);
  c = oc_figure_catalog_new (fx->store, ((OcStoreExperiment *) list->pdata[0])->id, &error);
  g_assert_no_error (error);
  spec = oc_spec_new_from_json (oc_figure_catalog_get_experiment (c)->spec, -1, NULL, &error);
  grid = oc_sweep_grid_new (spec, &error);
  g_assert_no_error (error);
  results = oc_sweep_results_new (grid);
  g_assert_cmpint (oc_sweep_results_load (results, fx->store, &error), ==, 6);
  g_assert_cmpint (oc_sweep_grid_guess_mode (grid), ==, OC_SWEEP_MODE_MODEL);
  f = oc_figure_catalog_build (c, "double-descent", NULL, &error);
  g_assert_no_error (error);
  g_assert_null (strstr (oc_plot_figure_get_title (f), "n = "));
  /* Runs stuck near chance come after the curves, as their own markers. */
  {
    gboolean any_stuck = FALSE;

    for (guint i = 0; i < oc_sweep_grid_get_n_points (grid); i++)
      any_stuck |= oc_sweep_results_is_stuck (results, i);
    g_assert_cmpuint (oc_plot_figure_get_n_series (f), ==, G_N_ELEMENTS (names) + any_stuck);
  }
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_assert_cmpstr (oc_plot_figure_get_series_name (f, i), ==, names[i]);
  slices = oc_sweep_grid_slices (grid, OC_SWEEP_MODE_MODEL);
  g_assert_cmpuint (slices->len, ==, 2);
  for (guint s = 0; s < slices->len; s++)
    {
      const OcGridPoint *like = &g_array_index (grid->points, OcGridPoint,
                                                g_array_index (slices, guint, s));
      g_autoptr (GArray) groups = oc_sweep_results_groups_like (results, OC_SWEEP_MODE_MODEL,
                                                                like);
      const double *x, *y;
      gsize n = oc_plot_figure_get_series_data (f, 2 * s, &x, &y);

      g_assert_cmpuint (n, ==, groups->len);
      for (guint k = 0; k < groups->len; k++)
        {
          const OcSweepGroup *g = &g_array_index (groups, OcSweepGroup, k);

          g_assert_cmpuint (g->n, ==, 1);
          g_assert_cmpfloat (x[k], ==, g->x);
          g_assert_cmpfloat (y[k], ==, g->test_error);
        }
    }
  /* n·K for each n (K = 2 spiral classes). */
  g_assert_cmpuint (oc_plot_figure_get_n_references (f), ==, 2);

  /* Every seed's error: a block of columns per n (3 widths each), named over it, a line between
   * the blocks; the labels are the 6 columns' stuck shares and the 2 names. */
  {
    g_autoptr (OcPlotFigure) seeds = oc_figure_catalog_build (c, "seed-distribution", NULL,
                                                              &error);
    gboolean named[2] = { FALSE, FALSE };

    g_assert_no_error (error);
    g_assert_cmpuint (oc_plot_figure_get_n_references (seeds), ==, 2); /* the line, chance */
    g_assert_cmpuint (oc_plot_figure_get_n_labels (seeds), ==, 8);
    for (guint i = 0; i < oc_plot_figure_get_n_labels (seeds); i++)
      {
        double x, y;
        const char *text = oc_plot_figure_get_label (seeds, i, &x, &y);

        if (g_strcmp0 (text, "n = 100") == 0)
          named[0] = x == 1.5;
        if (g_strcmp0 (text, "n = 200") == 0)
          named[1] = x == 4.5;
      }
    g_assert_true (named[0] && named[1]);
  }

  /* The norms: each norm and the test error per n. */
  {
    static const char *const norm_names[] = { "‖θ‖₂ · n = 100", "‖θ − θ₀‖₂ · n = 100",
                                              "path norm · n = 100", "test error · n = 100",
                                              "‖θ‖₂ · n = 200" };
    g_autoptr (OcPlotFigure) nf = oc_figure_catalog_build (c, "norms", NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (oc_plot_figure_get_n_series (nf), ==, 8);
    for (guint i = 0; i < G_N_ELEMENTS (norm_names); i++)
      g_assert_cmpstr (oc_plot_figure_get_series_name (nf, i), ==, norm_names[i]);
  }

  /* The width × epoch heatmap: a row per width of each n. */
  {
    g_autoptr (OcPlotFigure) hm = oc_figure_catalog_build (c, "epoch-heatmap", NULL, &error);
    guint rows = 0, cols = 0;

    g_assert_no_error (error);
    g_assert_nonnull (oc_plot_figure_get_matrix (hm, &rows, &cols));
    g_assert_cmpuint (rows, ==, 6);
    g_assert_cmpuint (cols, ==, 3);
  }

  /* The Sweep page marks a selected width on the top curve, not at the mean over the slices. */
  {
    g_autoptr (GArray) all = oc_sweep_results_groups (results, OC_SWEEP_MODE_MODEL);
    double top = -1;

    for (guint s = 0; s < slices->len; s++)
      {
        const OcGridPoint *like = &g_array_index (grid->points, OcGridPoint,
                                                  g_array_index (slices, guint, s));
        g_autoptr (GArray) groups = oc_sweep_results_groups_like (results, OC_SWEEP_MODE_MODEL,
                                                                  like);

        for (guint k = 0; k < groups->len; k++)
          if (g_array_index (groups, OcSweepGroup, k).key == 8)
            top = MAX (top, g_array_index (groups, OcSweepGroup, k).test_error);
      }
    for (guint k = 0; k < all->len; k++)
      {
        const OcSweepGroup *g = &g_array_index (all, OcSweepGroup, k);

        if (g->key == 8)
          g_assert_cmpfloat_with_epsilon (oc_sweep_group_mark_y (results, g, OC_SWEEP_MODE_MODEL),
                                          top, 1e-12);
      }
  }

  /* A width's learning curves: one per n too, each over that n's run only. */
  {
    const char *const width8[] = { "width=8", NULL };
    g_autoptr (OcPlotFigure) lc = oc_figure_catalog_build (c, "learning-curve", width8, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (oc_plot_figure_get_n_series (lc), ==, G_N_ELEMENTS (names));
    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      g_assert_cmpstr (oc_plot_figure_get_series_name (lc, i), ==, names[i]);
    for (guint s = 0; s < slices->len; s++)
      {
        const OcGridPoint *like = &g_array_index (grid->points, OcGridPoint,
                                                  g_array_index (slices, guint, s));
        g_autoptr (GArray) groups = oc_sweep_results_groups_like (results, OC_SWEEP_MODE_MODEL,
                                                                  like);
        const double *x, *y;
        gsize n = oc_plot_figure_get_series_data (lc, 2 * s, &x, &y);

        for (guint k = 0; k < groups->len; k++)
          {
            const OcSweepGroup *g = &g_array_index (groups, OcSweepGroup, k);

            if (g->key == 8)
              g_assert_cmpfloat (y[n - 1], ==, g->test_error);
          }
      }
  }
}

static void
test_prune_ticket (Fixture *fx, gconstpointer data)
{
  g_autofree char *csv = write_images (fx);
  g_autofree char *id = run_prune (fx, csv, "0");
  const char *const by_norm[] = { "sort=norm", NULL };
  const char *const bad_sort[] = { "sort=size", NULL };
  const char *const level1[] = { "level=1", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (OcFigureCatalog) c = oc_figure_catalog_new (fx->store, id, &error);
  g_autoptr (OcSpec) spec = NULL;
  g_autoptr (OcPruneResults) results = NULL;
  g_autoptr (OcPlotFigure) atlas = NULL, norm = NULL, fan = NULL, early = NULL;
  const OcPruneLevel *lv;
  guint inputs[6] = { 0 }, outputs[6] = { 0 }, n_dead = 0, rows, cols, alive = 0;
  double norms[6] = { 0 };
  g_autofree char *dead_text = NULL;
  const float *m;

  g_assert_no_error (error);
  /* The page's view of the same experiment, to count by hand from its masks. */
  spec = oc_spec_new_from_json (oc_figure_catalog_get_experiment (c)->spec, -1, NULL, &error);
  g_assert_no_error (error);
  results = oc_prune_results_new (spec, &error);
  g_assert_no_error (error);
  g_assert_cmpint (oc_prune_results_load (results, fx->store, &error), ==, 4);
  lv = oc_prune_results_imp (results, 3);
  g_assert_nonnull (lv);
  g_assert_cmpuint (lv->row->sizes[0], ==, 16);
  g_assert_cmpuint (lv->row->sizes[1], ==, 6);
  /* W_0 is [6, 16] from offset 0; W_1 [3, 6] after W_0 (96 floats) and b_0 (6, padded to 16
   * as oc_mlp_new lays out every block). */
  g_assert_cmpuint (oc_prune_weight_offset (lv->row->sizes, 1), ==, 112);
  for (guint u = 0; u < 6; u++)
    {
      for (guint p = 0; p < 16; p++)
        if (lv->mask[u * 16 + p])
          {
            inputs[u]++;
            norms[u] += lv->theta_final[u * 16 + p] * (double) lv->theta_final[u * 16 + p];
          }
      for (guint o = 0; o < 3; o++)
        outputs[u] += lv->mask[112 + o * 6 + u];
      n_dead += inputs[u] == 0 || outputs[u] == 0;
      alive += inputs[u];
    }
  /* Halving W_1 (3 × 6 = 18 weights) three times leaves 2 or 3: some unit has no output. */
  g_assert_cmpuint (n_dead, >, 0);

  /* Receptive fields: the dead units counted in the title and greyed, last; the live ones by
   * surviving inputs, descending. */
  atlas = oc_figure_catalog_build (c, "receptive-fields", NULL, &error);
  g_assert_no_error (error);
  dead_text = g_strdup_printf ("%u dead (no input or no output left, greyed)", n_dead);
  g_assert_nonnull (strstr (oc_plot_figure_get_title (atlas), dead_text));
  g_assert_nonnull (strstr (oc_plot_figure_get_title (atlas), "level 3"));
  g_assert_cmpuint (oc_plot_figure_get_n_images (atlas), ==, 6);
  {
    guint n_units;
    g_autofree OcPruneUnit *units = oc_prune_units_new (results, 3, OC_PRUNE_SORT_INPUTS,
                                                         &n_units);
    g_autofree OcPruneUnit *by_n = oc_prune_units_new (results, 3, OC_PRUNE_SORT_NORM, &n_units);
    const OcPlotTheme *themes[] = { oc_plot_theme_get (OC_PLOT_THEME_LIGHT),
                                    oc_plot_theme_get (OC_PLOT_THEME_DARK) };
    guint checked_zero = 0, checked_kept = 0;

    g_assert_cmpuint (n_units, ==, 6);
    for (guint k = 0; k < 6; k++)
      {
        const OcPruneUnit *u = &units[k];

        g_assert_cmpuint (u->inputs, ==, inputs[u->unit]);
        g_assert_cmpuint (u->outputs, ==, outputs[u->unit]);
        g_assert_cmpfloat_with_epsilon (u->norm, sqrt (norms[u->unit]), 1e-6);
        g_assert_cmpint (u->dead, ==, inputs[u->unit] == 0 || outputs[u->unit] == 0);
        g_assert_cmpint (oc_plot_figure_get_image_dimmed (atlas, k), ==, u->dead);
        if (k > 0)
          {
            g_assert_true (units[k - 1].dead <= u->dead);
            if (units[k - 1].dead == u->dead)
              g_assert_cmpuint (units[k - 1].inputs, >=, u->inputs);
            g_assert_true (by_n[k - 1].dead <= by_n[k].dead);
            if (by_n[k - 1].dead == by_n[k].dead)
              g_assert_cmpfloat (by_n[k - 1].norm, >=, by_n[k].norm);
          }
      }
    /* A pruned weight of a live unit is drawn in exactly the background colour, a kept one
     * is not, on the light and the dark theme. */
    for (guint t = 0; t < G_N_ELEMENTS (themes); t++)
      {
        cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 640, 360);
        cairo_t *cr = cairo_create (s);
        guint32 bg = rgb_of (&themes[t]->background);

        oc_plot_figure_draw (atlas, cr, 640, 360, themes[t]);
        cairo_surface_flush (s);
        for (guint k = 0; k < 6; k++)
          {
            double x, y, w, h;

            if (units[k].dead)
              continue;
            g_assert_true (oc_plot_figure_get_image_rect (atlas, 640, 360, themes[t], k, &x, &y,
                                                          &w, &h));
            g_assert_cmpfloat (w, >, 20);
            for (guint p = 0; p < 16; p++)
              {
                gsize i = (gsize) units[k].unit * 16 + p;
                guint32 px = pixel_at (s, x + (p % 4 + 0.5) * w / 4, y + (p / 4 + 0.5) * h / 4);
                guint sel;

                if (!lv->mask[i])
                  {
                    g_assert_cmphex (px, ==, bg);
                    checked_zero++;
                  }
                else if (fabsf (lv->theta_final[i]) > 1e-3f)
                  {
                    g_assert_cmphex (px, !=, bg);
                    checked_kept++;
                  }
                /* The tile under that point is this one. */
                g_assert_true (oc_plot_figure_pick_image (atlas, 640, 360, themes[t],
                                                          x + (p % 4 + 0.5) * w / 4,
                                                          y + (p / 4 + 0.5) * h / 4, &sel));
                g_assert_cmpuint (sel, ==, k);
              }
          }
        cairo_destroy (cr);
        cairo_surface_destroy (s);
      }
    g_assert_cmpuint (checked_zero, >, 0);
    g_assert_cmpuint (checked_kept, >, 0);
  }

  norm = oc_figure_catalog_build (c, "receptive-fields", by_norm, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (oc_plot_figure_get_title (norm), "largest norm first"));
  g_assert_null (oc_figure_catalog_build (c, "receptive-fields", bad_sort, &error));
  g_assert_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "sort=size: expected inputs"));
  g_clear_error (&error);

  /* Fan-in: per pixel, the surviving weights of W_0's column; in all, the layer's survivors;
   * with the mean training image's outline. */
  fan = oc_figure_catalog_build (c, "input-fan-out", NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (oc_plot_figure_get_title (fan), "lines: mean image"));
  m = oc_plot_figure_get_matrix (fan, &rows, &cols);
  g_assert_cmpuint (rows, ==, 4);
  g_assert_cmpuint (cols, ==, 4);
  {
    guint total = 0;

    for (guint p = 0; p < 16; p++)
      {
        guint count = 0;

        for (guint u = 0; u < 6; u++)
          count += lv->mask[u * 16 + p];
        g_assert_cmpfloat (m[p], ==, count);
        total += count;
      }
    g_assert_cmpuint (total, ==, alive);
    g_assert_cmpuint (total, ==, (guint) (lv->row->layer_density[0] * 96 + 0.5));
  }
  g_clear_pointer (&fan, oc_plot_figure_free);
  fan = oc_figure_catalog_build (c, "input-fan-out", level1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (oc_plot_figure_get_title (fan), "level 1"));

  /* No validation split: no early stopping, and the figure says so instead of a flat line. */
  early = oc_figure_catalog_build (c, "early-stop", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (oc_plot_figure_get_n_series (early), ==, 0);
  g_assert_cmpstr (oc_plot_figure_get_empty_heading (early), ==, "No validation split");
  g_assert_nonnull (strstr (oc_plot_figure_get_empty_detail (early), "--val-size"));

  /* With one: a curve, IMP's early-stopping iterations. */
  {
    g_autofree char *with_val = run_prune (fx, csv, "50");
    g_autoptr (OcFigureCatalog) cv = oc_figure_catalog_new (fx->store, with_val, &error);
    g_autoptr (OcPlotFigure) curve = NULL;
    const double *x, *y;

    g_assert_no_error (error);
    g_assert_cmpstr (with_val, !=, id);
    curve = oc_figure_catalog_build (cv, "early-stop", NULL, &error);
    g_assert_no_error (error);
    g_assert_null (oc_plot_figure_get_empty_heading (curve));
    g_assert_cmpuint (oc_plot_figure_get_n_series (curve), >=, 1);
    g_assert_cmpuint (oc_plot_figure_get_series_data (curve, 0, &x, &y), ==, 4);
    for (guint k = 0; k < 4; k++)
      g_assert_true (y[k] >= 0 && y[k] <= 60);
  }
}

/* Runs a prune spec into the store through the engine's runner; returns its ID. */
static char *
run_prune_spec (Fixture *fx, const char *json)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (OcSpec) spec = oc_spec_new_from_json (json, -1, NULL, &error);
  OcRunSummary summary;

  g_assert_no_error (error);
  g_assert_true (oc_experiment_run (spec, fx->store, NULL, NULL, NULL, NULL, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.n_failed, ==, 0);
  return oc_spec_id (spec);
}

/* Mean test accuracy (%) at early stop of @control at @level over the stored points of @id,
 * straight from the points table, and the mean density from its layer_alive artifacts. */
static gboolean
stored_mean (Fixture *fx, const char *id, const char *control, guint level, double *density,
             double *accuracy)
{
  g_autoptr (GPtrArray) points = oc_store_list_points (fx->store, id, FALSE, NULL);
  double acc = 0, dens = 0;
  guint n = 0;
  g_autofree char *tail = g_strdup_printf (",\"level\":%u}", level);
  g_autofree char *head = g_strdup_printf ("{\"control\":\"%s\",", control);

  for (guint i = 0; i < points->len; i++)
    {
      const OcStorePoint *p = points->pdata[i];
      g_autoptr (OcNpyArray) alive = NULL;
      g_auto (GStrv) sizes = NULL;
      double kept = 0, total = 0;

      if (!g_str_has_prefix (p->key, head) || !g_str_has_suffix (p->key, tail))
        continue;
      alive = oc_store_get_artifact (fx->store, id, p->key, "layer_alive", NULL);
      sizes = g_strsplit (p->architecture, "-", -1);
      for (guint l = 0; sizes[l + 1] != NULL; l++)
        {
          kept += ((const gint32 *) alive->data)[l];
          total += g_ascii_strtod (sizes[l], NULL) * g_ascii_strtod (sizes[l + 1], NULL);
        }
      acc += 100 * (1 - p->early_stop.test_error);
      dens += 100 * kept / total;
      n++;
    }
  if (n == 0)
    return FALSE;
  *accuracy = acc / n;
  *density = dens / n;
  return TRUE;
}

/* The series named @control, alone or followed by " · …" or ", …" ("snip" is not
 * "snip-shuffle"). */
static int
find_series (const OcPlotFigure *f, const char *control)
{
  gsize n = strlen (control);

  for (guint i = 0; i < oc_plot_figure_get_n_series (f); i++)
    {
      const char *name = oc_plot_figure_get_series_name (f, i);

      if (strncmp (name, control, n) == 0 && (name[n] == '\0' || name[n] == ' ' || name[n] == ','))
        return (int) i;
    }
  return -1;
}

#define PRUNE_BLOBS "{\"version\": 1, \"kind\": \"prune\", \"data\": {\"name\": \"blobs\", " \
                    "\"n_points\": 400}, \"model\": {\"hidden\": [24, 24]}, \"train\": " \
                    "{\"epochs\": 8, \"batch\": 32}, \"prune\": {%s, \"seeds\": \"0,1\"}}"

/* Methods: an IMP experiment with SNIP and a shuffle check, and an edge-popup experiment with
 * densities, drawn together through with=: every series is the stored means, each matching
 * density marker is where the accuracy walk from the dense network says, and one dense line. */
static void
test_methods (Fixture *fx, gconstpointer data)
{
  g_autofree char *imp_json = g_strdup_printf (PRUNE_BLOBS, "\"levels\": 3, \"rate\": 0.5, "
                                               "\"controls\": \"reinit,snip,snip-shuffle\"");
  g_autofree char *ep_json = g_strdup_printf (PRUNE_BLOBS, "\"method\": \"edge-popup\", "
                                              "\"densities\": \"40,10\", \"controls\": "
                                              "\"edge-popup-reinit\"");
  g_autofree char *imp = run_prune_spec (fx, imp_json);
  g_autofree char *ep = run_prune_spec (fx, ep_json);
  g_autofree char *with = g_strdup_printf ("with=%.6s", ep);
  const char *params[] = { with, NULL };
  const char *bad_params[] = { "with=ffffffffffff", NULL };
  g_autoptr (OcFigureCatalog) c = NULL;
  g_autoptr (OcPlotFigure) f = NULL;
  g_autoptr (OcPlotFigure) alone = NULL;
  g_autoptr (GError) error = NULL;
  const char *const controls[] = { "imp", "reinit", "snip", "snip-shuffle", "edge-popup",
                                   "edge-popup-reinit" };
  double dense = NAN, d, acc;
  guint n_refs, n_matched = 0, n_unmatched = 0;

  c = oc_figure_catalog_new (fx->store, imp, &error);
  g_assert_no_error (error);
  {
    g_autofree char *names = listed (c);

    g_assert_nonnull (strstr (names, "methods"));
  }
  f = oc_figure_catalog_build (c, "methods", params, &error);
  g_assert_no_error (error);
  g_assert_true (stored_mean (fx, imp, "imp", 0, &d, &dense));
  /* One dense line, at IMP's dense accuracy (the first experiment's). */
  n_refs = oc_plot_figure_get_n_references (f);
  g_assert_cmpuint (n_refs, ==, 1);
  {
    OcPlotAxisId axis;
    double value;
    const char *label;

    oc_plot_figure_get_reference (f, 0, &axis, &value, &label);
    g_assert_cmpfloat (fabs (value - dense), <, 1e-9);
  }
  for (guint k = 0; k < G_N_ELEMENTS (controls); k++)
    {
      const char *id = g_str_has_prefix (controls[k], "edge") ? ep : imp;
      int s = find_series (f, controls[k]);
      const double *x, *y;
      gsize n;
      guint first = g_str_equal (controls[k], "imp") ? 0 : 1, l;
      double match = NAN, match_acc = NAN;

      g_assert_cmpint (s, >=, 0);
      n = oc_plot_figure_get_series_data (f, (guint) s, &x, &y);
      for (l = first; stored_mean (fx, id, controls[k], l, &d, &acc); l++)
        {
          g_assert_cmpuint (l - first, <, n);
          g_assert_cmpfloat (fabs (x[l - first] - d), <, 1e-9);
          g_assert_cmpfloat (fabs (y[l - first] - acc), <, 1e-9);
        }
      g_assert_cmpuint (l - first, ==, n);
      /* The smallest matching density, walked here from the stored means. */
      for (l = 0; stored_mean (fx, id, controls[k], l, &d, &acc); l++)
        {
          if (acc < dense - 1.0 - 1e-9)
            break;
          if (l > 0)
            {
              match = d;
              match_acc = acc;
            }
        }
      n_matched += !isnan (match);
      n_unmatched += isnan (match);
      if (isnan (match))
        g_assert_null (strstr (oc_plot_figure_get_series_name (f, (guint) s), " %"));
      else
        {
          g_autofree char *label = g_strdup_printf (" · matches at %.3g %%", match);
          const double *mx, *my;

          g_assert_nonnull (strstr (oc_plot_figure_get_series_name (f, (guint) s), label));
          /* The marker is the next series, unnamed, one point. */
          g_assert_cmpstr (oc_plot_figure_get_series_name (f, (guint) s + 1), ==, "");
          g_assert_cmpuint (oc_plot_figure_get_series_data (f, (guint) s + 1, &mx, &my), ==, 1);
          g_assert_cmpfloat (fabs (mx[0] - match), <, 1e-9);
          g_assert_cmpfloat (fabs (my[0] - match_acc), <, 1e-9);
        }
    }
  /* Both cases occur: blobs are easy, edge-popup's weights redrawn are not. */
  g_assert_cmpuint (n_matched, >, 0);
  g_assert_cmpuint (n_unmatched, >, 0);
  /* Without with=, the IMP experiment alone; a with= that names nothing is refused. */
  alone = oc_figure_catalog_build (c, "methods", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (find_series (alone, "edge-popup"), <, 0);
  g_assert_null (oc_figure_catalog_build (c, "methods", bad_params, &error));
  g_assert_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "parameter with=ffffffffffff"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  oc_blas_set_threads (1);
  g_test_add ("/figure-catalog/train-with-weights", Fixture, NULL, fixture_setup,
              test_train_with_weights, fixture_teardown);
  g_test_add ("/figure-catalog/train-without-snapshots", Fixture, NULL, fixture_setup,
              test_train_without_snapshots, fixture_teardown);
  g_test_add ("/figure-catalog/train-boundary-frames", Fixture, NULL, fixture_setup,
              test_train_boundary_frames, fixture_teardown);
  g_test_add ("/figure-catalog/train-not-planar-no-snapshots", Fixture, NULL, fixture_setup,
              test_train_not_planar_no_snapshots, fixture_teardown);
  g_test_add ("/figure-catalog/train-without-weights", Fixture, NULL, fixture_setup,
              test_train_without_weights, fixture_teardown);
  g_test_add ("/figure-catalog/train-not-planar", Fixture, NULL, fixture_setup,
              test_train_not_planar, fixture_teardown);
  g_test_add ("/figure-catalog/methods", Fixture, NULL, fixture_setup, test_methods,
              fixture_teardown);
  g_test_add ("/figure-catalog/sweep-slices", Fixture, NULL, fixture_setup, test_sweep_slices,
              fixture_teardown);
  g_test_add ("/figure-catalog/sweep", Fixture, NULL, fixture_setup, test_sweep,
              fixture_teardown);
  g_test_add ("/figure-catalog/prune-ticket", Fixture, NULL, fixture_setup, test_prune_ticket,
              fixture_teardown);
  return g_test_run ();
}
