/* test-instability-figures.c — the instability results model and figures from stored points whose
 * paths are written here by hand, so every value drawn is known: the per-k statistics over
 * seeds, the series of both figures, where k = 0 goes on the log axis, the 2 % line, the CSVs,
 * and the catalogue building the same figures.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "occam/oc-instability.h"
#include "occam-figures/oc-figure-catalog.h"
#include "occam-figures/oc-instability-figures.h"
#include "occam-plot/oc-plot-query.h"

/* Paths of 3 points (α = 0, 0.5, 1) for k ∈ {0, 100} and seeds {0, 1}:
 * instability = middle − mean of the ends. */
static const struct { guint64 k, seed; float e[3]; } paths[] = {
  { 0, 0, { 0.10f, 0.40f, 0.12f } },   /* 0.29 */
  { 0, 1, { 0.12f, 0.30f, 0.10f } },   /* 0.19 */
  { 100, 0, { 0.11f, 0.115f, 0.11f } }, /* 0.005 */
  { 100, 1, { 0.10f, 0.13f, 0.10f } },  /* 0.03 */
};

static OcNpyArray *
matrix (gsize rows, gsize cols, const float *values)
{
  gsize shape[2] = { rows, cols };
  OcNpyArray *a = oc_npy_array_new (OC_NPY_FLOAT32, 2, shape, NULL);

  memcpy (a->data, values, rows * cols * sizeof (float));
  return a;
}

static char *
store_experiment (OcStore *store)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (OcSpec) spec = oc_spec_new_from_json (
    "{\"version\":1,\"kind\":\"instability\",\"data\":{\"name\":\"spiral\"},"
    "\"train\":{\"iterations\":1000},\"instability\":{\"rewind_iterations\":\"0,100\","
    "\"alphas\":3,\"seeds\":\"0,1\"}}", -1, NULL, &error);
  char *id;

  g_assert_no_error (error);
  id = oc_spec_id (spec);
  g_assert_true (oc_store_begin_experiment (store, spec, 4, NULL, &error));
  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autofree char *key = oc_instability_point_key (paths[i].k, 0, paths[i].seed);
      OcStorePoint *p = oc_store_point_new (id, key);
      g_autoptr (GPtrArray) artifacts = g_ptr_array_new_with_free_func (
        (GDestroyNotify) oc_store_artifact_free);
      float path[9], ends[4] = { paths[i].e[0], 0.5f, paths[i].e[2], 0.6f };
      g_autoptr (OcNpyArray) a = NULL;
      g_autoptr (OcNpyArray) b = NULL;

      for (guint j = 0; j < 3; j++)
        {
          path[3 * j] = 0.5f * j;
          path[3 * j + 1] = paths[i].e[j];
          path[3 * j + 2] = 2.0f * paths[i].e[j];
        }
      a = matrix (3, 3, path);
      b = matrix (2, 2, ends);
      g_ptr_array_add (artifacts, oc_store_artifact_new ("path", a, NULL));
      g_ptr_array_add (artifacts, oc_store_artifact_new ("children", b, NULL));
      g_assert_true (oc_store_put_point (store, p, artifacts, &error));
      g_assert_no_error (error);
      oc_store_point_free (p);
    }
  return id;
}

static void
test_results_and_figures (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("oc-instab-fig-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "s.db", NULL);
  g_autoptr (OcStore) store = oc_store_open (path, OC_STORE_OPEN_CREATE, &error);
  g_autofree char *id = store_experiment (store);
  g_autoptr (OcInstabilityResults) r = oc_instability_results_load (store, id, &error);
  g_autoptr (GArray) stats = NULL;
  g_autoptr (OcPlotFigure) kf = NULL;
  g_autoptr (OcPlotFigure) pf = NULL;
  g_autoptr (OcFigureCatalog) cat = NULL;
  g_autoptr (OcPlotFigure) from_cat = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *summary = NULL;
  const double *x, *y;
  gboolean saw_threshold = FALSE, saw_zero = FALSE;

  g_assert_no_error (error);
  g_assert_cmpuint (oc_instability_results_rows (r)->len, ==, 4);
  g_assert_cmpuint (oc_instability_results_n_seeds (r), ==, 2);
  stats = oc_instability_results_by_k (r);
  g_assert_cmpuint (stats->len, ==, 2);
  {
    const OcInstabilityStat *s0 = &g_array_index (stats, OcInstabilityStat, 0);
    const OcInstabilityStat *s1 = &g_array_index (stats, OcInstabilityStat, 1);

    g_assert_cmpuint (s0->k, ==, 0);
    g_assert_cmpuint (s0->n, ==, 2);
    g_assert_cmpfloat_with_epsilon (s0->mean, 0.24, 1e-6);
    g_assert_cmpfloat_with_epsilon (s0->min, 0.19, 1e-6);
    g_assert_cmpfloat_with_epsilon (s0->max, 0.29, 1e-6);
    g_assert_cmpfloat_with_epsilon (s0->end_error, 0.11, 1e-6);
    g_assert_cmpuint (s1->k, ==, 100);
    g_assert_cmpfloat_with_epsilon (s1->mean, 0.0175, 1e-6);
  }

  /* Instability against k: k = 0 half a decade left of 100, in percent. */
  kf = oc_instability_k_figure_new (r);
  g_assert_nonnull (kf);
  g_assert_cmpuint (oc_plot_figure_get_n_series (kf), ==, 1);
  g_assert_cmpuint (oc_plot_figure_get_series_data (kf, 0, &x, &y), ==, 2);
  g_assert_cmpfloat_with_epsilon (x[0], 100 / sqrt (10.0), 1e-9);
  g_assert_cmpfloat (x[1], ==, 100);
  g_assert_cmpfloat_with_epsilon (y[0], 24.0, 1e-4);
  g_assert_cmpfloat_with_epsilon (y[1], 1.75, 1e-4);
  for (guint i = 0; i < oc_plot_figure_get_n_references (kf); i++)
    {
      OcPlotAxisId axis;
      double value;
      const char *label;

      oc_plot_figure_get_reference (kf, i, &axis, &value, &label);
      if (axis == OC_PLOT_AXIS_Y && value == 2.0 && strstr (label, "Frankle et al. 2020"))
        saw_threshold = TRUE;
      if (axis == OC_PLOT_AXIS_X && fabs (value - x[0]) < 1e-9 && g_strcmp0 (label, "k = 0") == 0)
        saw_zero = TRUE;
    }
  g_assert_true (saw_threshold);
  g_assert_true (saw_zero);

  /* The path: one series per k, the mean over seeds at each α. */
  pf = oc_instability_path_figure_new (r);
  g_assert_cmpuint (oc_plot_figure_get_n_series (pf), ==, 2);
  g_assert_cmpstr (oc_plot_figure_get_series_name (pf, 1), ==, "k = 100");
  g_assert_cmpuint (oc_plot_figure_get_series_data (pf, 0, &x, &y), ==, 3);
  g_assert_cmpfloat (x[1], ==, 0.5);
  g_assert_cmpfloat_with_epsilon (y[1], 35.0, 1e-4);
  g_assert_cmpfloat_with_epsilon (y[2], 11.0, 1e-4);

  csv = oc_instability_results_path_csv (r);
  g_assert_true (g_str_has_prefix (csv, "k,level,seed,alpha,test_error,test_loss\n"
                                        "0,0,0,0,0.1,0.2\n0,0,0,0.5,0.4,0.8\n"));
  summary = oc_instability_results_summary_csv (r);
  {
    /* The paths are float32: the differences are exact to about 1e-8. */
    g_auto (GStrv) lines = g_strsplit (summary, "\n", -1);
    static const char *const keys[] = { "0,0,0,", "0,0,1,", "100,0,0,", "100,0,1," };
    static const double want[] = { 0.29, 0.19, 0.005, 0.03 };

    g_assert_cmpstr (lines[0], ==, "k,level,seed,instability");
    for (guint i = 0; i < 4; i++)
      {
        g_assert_true (g_str_has_prefix (lines[i + 1], keys[i]));
        g_assert_cmpfloat_with_epsilon (g_ascii_strtod (lines[i + 1] + strlen (keys[i]), NULL),
                                        want[i], 1e-7);
      }
    g_assert_cmpstr (lines[5], ==, "");
  }

  cat = oc_figure_catalog_new (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (oc_figure_catalog_get_main (cat), ==, "instability");
  g_assert_cmpuint (oc_figure_catalog_list (cat)->len, ==, 2);
  from_cat = oc_figure_catalog_build (cat, "instability-path", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (oc_plot_figure_get_series_data (from_cat, 0, &x, &y), ==, 3);
  g_assert_cmpfloat_with_epsilon (y[1], 35.0, 1e-4);

  g_clear_pointer (&store, oc_store_close);
  {
    g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *f = g_build_filename (dir, name, NULL);

        g_unlink (f);
      }
  }
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/instability-figures/results-and-figures", test_results_and_figures);
  return g_test_run ();
}
