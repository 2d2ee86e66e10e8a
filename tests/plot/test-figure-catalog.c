/* test-figure-catalog.c — the figure catalogue against the builders the window calls: a stored
 * training run with and without its trained weights (θ_T), 2-D and not, a sweep written by
 * occam-cli, and the error codes of every refusal.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "The same figure" is checked by rendering both to PNG bytes: the catalogue's, and the one the
 * page's own calls give for the same inputs.
 */
#include <string.h>
#include <glib/gstdio.h>

#include <math.h>

#include "occam/oc-error.h"
#include "occam/oc-experiment.h"
#include "occam/oc-snapshot.h"
#include "occam-plot/oc-plot-query.h"
#include "occam-figures/oc-figure-catalog.h"
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

/* Without θ_T, or with one that does not fit the architecture: the curves only, and a reason. */
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
  g_assert_cmpstr (names, ==, "double-descent epoch-heatmap learning-curve");
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
                      oc_sweep_heatmap_new (results, groups, mode));

  /* The learning curve defaults to the width with the highest mean test error. */
  for (guint k = 0; k < groups->len; k++)
    if (peak == NULL || g_array_index (groups, OcSweepGroup, k).test_error > peak->test_error)
      peak = &g_array_index (groups, OcSweepGroup, k);
  curve = g_ptr_array_index (oc_figure_catalog_list (c), 2);
  g_assert_cmpuint (curve->n_params, ==, 1);
  g_assert_cmpstr (curve->params[0].key, ==, "width");
  g_assert_cmpfloat (g_ascii_strtod (curve->params[0].default_value, NULL), ==, peak->key);
  g_assert_cmpstr (curve->params[0].description, ==, "a hidden width: 2, 8, 32");
  assert_same_figure (oc_figure_catalog_build (c, "learning-curve", NULL, &error),
                      oc_sweep_curves_new (results, peak, mode));
  assert_same_figure (oc_figure_catalog_build (c, "learning-curve", width8, &error),
                      oc_sweep_curves_new (results, &g_array_index (groups, OcSweepGroup, 1),
                                           mode));
  g_assert_no_error (error);

  g_assert_null (oc_figure_catalog_build (c, "learning-curve", bad_width, &error));
  g_assert_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_null (oc_figure_catalog_build (c, "accuracy", NULL, &error));
  g_assert_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "its figures: double-descent, epoch-heatmap, "
                                            "learning-curve"));
  g_clear_error (&error);

  /* Experiments that are not there. */
  g_clear_pointer (&c, oc_figure_catalog_free);
  c = oc_figure_catalog_new (fx->store, "0000", &error);
  g_assert_null (c);
  g_assert_error (error, OC_ERROR, OC_ERROR_NOT_FOUND);
}

/* Runs a prune spec into the store through the engine's runner; returns its ID. */
static char *
run_prune (Fixture *fx, const char *json)
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
  g_autofree char *imp = run_prune (fx, imp_json);
  g_autofree char *ep = run_prune (fx, ep_json);
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
  g_test_add ("/figure-catalog/train-without-weights", Fixture, NULL, fixture_setup,
              test_train_without_weights, fixture_teardown);
  g_test_add ("/figure-catalog/train-not-planar", Fixture, NULL, fixture_setup,
              test_train_not_planar, fixture_teardown);
  g_test_add ("/figure-catalog/methods", Fixture, NULL, fixture_setup, test_methods,
              fixture_teardown);
  g_test_add ("/figure-catalog/sweep", Fixture, NULL, fixture_setup, test_sweep,
              fixture_teardown);
  return g_test_run ();
}
