/* test-sweep-results.c — what the sweep figures and occam-cli's sweep summary derive from the
 * points of a sweep: the curves of a sweep over several axes, groups over seeds (means, min–max,
 * stuck and failed points), where training error first reaches ≈ 0 and the n·K threshold.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The points are made by hand (no training), so every number below is known exactly.
 */
#include <math.h>
#include <string.h>
#include <glib/gstdio.h>

#include "occam-figures/oc-sweep-figures.h"
#include "occam-figures/oc-sweep-results.h"
#include "occam-plot/oc-plot-query.h"

/* widths 2,8 × n 100,200 × seeds 0,1, in canonical order (width, n, noise, seed). */
#define SPEC \
  "{\"version\":1,\"kind\":\"sweep\",\"data\":{\"name\":\"spiral\"},\"sweep\":" \
  "{\"widths\":\"2,8\",\"n_trains\":\"100,200\",\"seeds\":\"0,1\"}}"

static OcSweepGrid *
grid_new (const char *json)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (OcSpec) spec = oc_spec_new_from_json (json, -1, NULL, &error);
  OcSweepGrid *grid;

  g_assert_no_error (error);
  grid = oc_sweep_grid_new (spec, &error);
  g_assert_no_error (error);
  return grid;
}

/* A point of a 2-W-3 network (3 outputs, so "stuck" is train error ≥ 0.6). */
static void
set_point (OcSweepResults *r, guint index, gboolean finished, double train_error,
           double test_error)
{
  OcSweepGrid *g = oc_sweep_results_get_grid (r);
  const OcGridPoint *gp = &g_array_index (g->points, OcGridPoint, index);
  OcStorePoint *p = oc_store_point_new (g->id, g->keys[index]);

  p->status = finished ? OC_STATUS_FINISHED : OC_STATUS_FAILED;
  p->architecture = g_strdup_printf ("2-%u-3", gp->width);
  p->parameters = 6 * gp->width + 3;
  p->n_train = (guint) gp->n_train;
  p->final.train_error = finished ? train_error : NAN;
  p->final.test_error = finished ? test_error : NAN;
  p->final.train_loss = p->final.test_loss = finished ? 1 : NAN;
  oc_sweep_results_set (r, index, p, NAN, NAN, NULL);
}

static void
test_slices (void)
{
  g_autoptr (OcSweepGrid) g = grid_new (SPEC);
  g_autoptr (GArray) model = oc_sweep_grid_slices (g, OC_SWEEP_MODE_MODEL);
  g_autoptr (GArray) sample = oc_sweep_grid_slices (g, OC_SWEEP_MODE_SAMPLE);
  g_autoptr (GArray) noise = oc_sweep_grid_slices (g, OC_SWEEP_MODE_NOISE);

  g_assert_cmpuint (oc_sweep_grid_get_n_points (g), ==, 8);
  /* Model-wise: one curve per n, starting at width 2. */
  g_assert_cmpuint (model->len, ==, 2);
  g_assert_cmpuint (g_array_index (model, guint, 0), ==, 0);
  g_assert_cmpuint (g_array_index (model, guint, 1), ==, 2);
  /* Sample-wise: one curve per width. */
  g_assert_cmpuint (sample->len, ==, 2);
  g_assert_cmpuint (g_array_index (sample, guint, 1), ==, 4);
  /* Against noise: one curve per width and n. */
  g_assert_cmpuint (noise->len, ==, 4);
  g_assert_true (oc_sweep_grid_same_slice (&g_array_index (g->points, OcGridPoint, 1),
                                           &g_array_index (g->points, OcGridPoint, 5),
                                           OC_SWEEP_MODE_MODEL));
  g_assert_false (oc_sweep_grid_same_slice (&g_array_index (g->points, OcGridPoint, 1),
                                            &g_array_index (g->points, OcGridPoint, 3),
                                            OC_SWEEP_MODE_MODEL));
}

static void
test_groups_like (void)
{
  g_autoptr (OcSweepGrid) g = grid_new (SPEC);
  g_autoptr (OcSweepResults) r = oc_sweep_results_new (g);
  g_autoptr (GArray) slices = oc_sweep_grid_slices (g, OC_SWEEP_MODE_MODEL);
  g_autoptr (GArray) n100 = NULL, n200 = NULL, all = NULL;
  const OcSweepGroup *w2, *w8;

  set_point (r, 0, TRUE, 0.65, 0.7);  /* width 2, n 100: stuck */
  set_point (r, 1, TRUE, 0.25, 0.3);
  set_point (r, 2, TRUE, 0.5, 0.5);   /* width 2, n 200 */
  set_point (r, 3, FALSE, 0, 0);
  set_point (r, 4, TRUE, 0, 0.2);     /* width 8, n 100 */
  set_point (r, 5, TRUE, 0, 0.4);
  /* Width 8, n 200: not received yet. */

  n100 = oc_sweep_results_groups_like (r, OC_SWEEP_MODE_MODEL,
                                       &g_array_index (g->points, OcGridPoint,
                                                       g_array_index (slices, guint, 0)));
  g_assert_cmpuint (n100->len, ==, 2);
  w2 = &g_array_index (n100, OcSweepGroup, 0);
  w8 = &g_array_index (n100, OcSweepGroup, 1);
  g_assert_cmpfloat (w2->key, ==, 2);
  g_assert_cmpfloat (w2->x, ==, 15);
  g_assert_cmpuint (w2->parameters, ==, 15);
  g_assert_cmpuint (w2->n_train, ==, 100);
  g_assert_cmpuint (w2->n, ==, 2);
  g_assert_cmpuint (w2->n_stuck, ==, 1);
  g_assert_cmpfloat_with_epsilon (w2->train_error, 0.45, 1e-12);
  g_assert_cmpfloat_with_epsilon (w2->test_error, 0.5, 1e-12);
  g_assert_cmpfloat (w2->test_lo, ==, 0.3);
  g_assert_cmpfloat (w2->test_hi, ==, 0.7);
  g_assert_cmpfloat (w8->x, ==, 51);
  g_assert_cmpuint (w8->n_stuck, ==, 0);

  n200 = oc_sweep_results_groups_like (r, OC_SWEEP_MODE_MODEL,
                                       &g_array_index (g->points, OcGridPoint,
                                                       g_array_index (slices, guint, 1)));
  g_assert_cmpuint (n200->len, ==, 1);
  g_assert_cmpuint (g_array_index (n200, OcSweepGroup, 0).n, ==, 1);
  g_assert_cmpuint (g_array_index (n200, OcSweepGroup, 0).n_failed, ==, 1);
  g_assert_cmpuint (g_array_index (n200, OcSweepGroup, 0).n_train, ==, 200);

  /* Without a slice, the groups mix both n, as the window's single curve does. */
  all = oc_sweep_results_groups (r, OC_SWEEP_MODE_MODEL);
  g_assert_cmpuint (all->len, ==, 2);
  g_assert_cmpuint (g_array_index (all, OcSweepGroup, 0).members->len, ==, 4);
  g_assert_cmpuint (g_array_index (all, OcSweepGroup, 0).n, ==, 3);
}

static void
test_interpolation_and_threshold (void)
{
  g_autoptr (OcSweepGrid) g = grid_new (SPEC);
  g_autoptr (OcSweepResults) r = oc_sweep_results_new (g);
  g_autoptr (GArray) model = NULL, sample = NULL, noise = NULL, none = NULL;

  none = oc_sweep_results_groups (r, OC_SWEEP_MODE_MODEL);
  g_assert_cmpint (oc_sweep_groups_interpolation_index (none, FALSE), ==, -1);
  g_assert_true (isnan (oc_sweep_groups_threshold_x (none, OC_SWEEP_MODE_MODEL, 3)));

  /* Width 2 fits nothing; width 8 fits n = 100 but not n = 200. */
  for (guint i = 0; i < 4; i++)
    set_point (r, i, TRUE, 0.4, 0.5);
  set_point (r, 4, TRUE, 0, 0.2);
  set_point (r, 5, TRUE, 0.01, 0.2);
  set_point (r, 6, TRUE, 0.3, 0.4);
  set_point (r, 7, TRUE, 0.3, 0.4);

  model = oc_sweep_results_groups_like (r, OC_SWEEP_MODE_MODEL,
                                        &g_array_index (g->points, OcGridPoint, 0));
  g_assert_cmpint (oc_sweep_groups_interpolation_index (model, FALSE), ==, 1);
  g_assert_cmpfloat (oc_sweep_groups_interpolation_x (model, FALSE), ==, 51);
  /* n·K parameters: 100 examples × 3 outputs. */
  g_assert_cmpfloat (oc_sweep_groups_threshold_x (model, OC_SWEEP_MODE_MODEL, 3), ==, 300);
  g_assert_true (isnan (oc_sweep_groups_threshold_x (model, OC_SWEEP_MODE_MODEL, 0)));

  /* Sample-wise at width 8: n = 100 is fitted, n = 200 is not; the leading run ends at 100. */
  sample = oc_sweep_results_groups_like (r, OC_SWEEP_MODE_SAMPLE,
                                         &g_array_index (g->points, OcGridPoint, 4));
  g_assert_cmpuint (sample->len, ==, 2);
  g_assert_cmpint (oc_sweep_groups_interpolation_index (sample, TRUE), ==, 0);
  g_assert_cmpfloat (oc_sweep_groups_interpolation_x (sample, TRUE), ==, 100);
  /* 51 parameters / 3 outputs: n·K = parameters at n = 17. */
  g_assert_cmpfloat (oc_sweep_groups_threshold_x (sample, OC_SWEEP_MODE_SAMPLE, 3), ==, 17);

  noise = oc_sweep_results_groups (r, OC_SWEEP_MODE_NOISE);
  g_assert_true (isnan (oc_sweep_groups_threshold_x (noise, OC_SWEEP_MODE_NOISE, 3)));

  /* A leading group that does not fit: the sample-wise run has no start. */
  set_point (r, 4, TRUE, 0.2, 0.2);
  g_clear_pointer (&sample, g_array_unref);
  sample = oc_sweep_results_groups_like (r, OC_SWEEP_MODE_SAMPLE,
                                         &g_array_index (g->points, OcGridPoint, 4));
  g_assert_cmpint (oc_sweep_groups_interpolation_index (sample, TRUE), ==, -1);
  g_assert_true (isnan (oc_sweep_groups_interpolation_x (sample, TRUE)));
}

/* widths 2, 8 × seeds 0–4 of a 2-W-3 network: index = 5·(width's place) + seed. */
#define SEEDS_SPEC \
  "{\"version\":1,\"kind\":\"sweep\",\"data\":{\"name\":\"spiral\"},\"sweep\":" \
  "{\"widths\":\"2,8\",\"seeds\":\"0,1,2,3,4\"}}"

/* Final errors per seed; width 8 seed 3 failed. With three outputs a run is stuck from a train
 * error of 0.6: seeds 0 and 4 of width 2. */
static const double seed_train[10] = { 0.65, 0.1, 0.3, 0.2, 0.7, 0, 0.02, 0.01, NAN, 0 };
static const double seed_test[10] = { 0.7, 0.3, 0.4, 0.35, 0.72, 0.2, 0.22, 0.21, NAN, 0.25 };

/* A store holding that sweep as occam-cli records it: each finished point with its norms (‖θ‖
 * 10 + seed at width 2 and 20 + seed at width 8, distance 1 + seed, a path norm at width 8
 * only) and seed 4 of width 2 with a two-evaluation curve. */
static OcStore *
store_seeds_sweep (const char *path, OcSweepGrid *grid, const OcSpec *spec)
{
  g_autoptr (GError) error = NULL;
  OcStore *store = oc_store_open (path, OC_STORE_OPEN_CREATE, &error);

  g_assert_no_error (error);
  g_assert_true (oc_store_begin_experiment (store, spec, 10, NULL, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 10; i++)
    {
      const OcGridPoint *gp = &g_array_index (grid->points, OcGridPoint, i);
      g_autoptr (OcStorePoint) p = oc_store_point_new (grid->id, grid->keys[i]);
      g_autoptr (GPtrArray) artifacts = g_ptr_array_new_with_free_func (
        (GDestroyNotify) oc_store_artifact_free);
      gboolean finished = isfinite (seed_train[i]);

      p->status = finished ? OC_STATUS_FINISHED : OC_STATUS_FAILED;
      p->architecture = g_strdup_printf ("2-%u-3", gp->width);
      p->parameters = 6 * gp->width + 3;
      p->n_train = 100;
      p->final.train_error = seed_train[i];
      p->final.test_error = seed_test[i];
      p->final.train_loss = p->final.test_loss = finished ? 1 : NAN;
      if (finished)
        {
          OcSolutionNorms n = { (gp->width == 2 ? 10 : 20) + (double) gp->seed,
                                1 + (double) gp->seed, gp->width == 8 ? 5 : NAN };

          g_assert_true (oc_solution_norms_add_artifacts (&n, artifacts, &error));
          g_assert_no_error (error);
        }
      if (i == 4)
        {
          OcEvalPoint ev[2] = { { 0 } };

          ev[0].train_error = 0.66, ev[0].test_error = 0.67, ev[0].test_loss = 1.1;
          ev[1].epoch = 10, ev[1].train_error = 0.7, ev[1].test_error = 0.72;
          ev[1].test_loss = 1.2;
          p->evals = g_array_new (FALSE, TRUE, sizeof (OcEvalPoint));
          g_array_append_vals (p->evals, ev, 2);
        }
      g_assert_true (oc_store_put_point (store, p, artifacts, &error));
      g_assert_no_error (error);
    }
  return store;
}

static void
assert_values (const OcPlotFigure *f, guint series, const double *want, gsize n)
{
  const double *x, *y;

  g_assert_cmpuint (oc_plot_figure_get_series_data (f, series, &x, &y), ==, n);
  for (gsize k = 0; k < n; k++)
    g_assert_cmpfloat_with_epsilon (y[k], want[k], 1e-12);
}

/* The seed distribution of a stored sweep: every finished run a dot in its column, train left
 * and test right of the centre, the stuck ones apart as their own series, quartile boxes with
 * the median, the stuck share above each column, and each dot picks its run. */
static void
test_seed_distribution (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (OcSpec) spec = oc_spec_new_from_json (SEEDS_SPEC, -1, NULL, &error);
  g_autoptr (OcSweepGrid) g = grid_new (SEEDS_SPEC);
  g_autofree char *dir = g_dir_make_tmp ("oc-seeds-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "s.db", NULL);
  OcStore *store = store_seeds_sweep (path, g, spec);
  g_autoptr (OcSweepResults) r = oc_sweep_results_new (g);
  g_autoptr (GArray) groups = NULL;
  g_autoptr (OcPlotFigure) f = NULL;
  g_autoptr (OcPlotFigure) curve = NULL;
  g_autoptr (OcPlotFigure) norms = NULL;
  OcSweepPickMap map = { 0 };
  /* Width 2: train errors sorted 0.1 0.2 0.3 0.65 0.7, median 0.3; test 0.3 0.35 0.4 0.7 0.72,
   * median 0.4. Width 8: 0 0 0.01 0.02, median 0.005; test 0.2 0.21 0.22 0.25, median 0.215. */
  const double train_box[] = { 0.3, 0.3, NAN, 0.005, 0.005, NAN };
  const double test_box[] = { 0.4, 0.4, NAN, 0.215, 0.215, NAN };
  const double train_dots[] = { 0.1, 0.3, 0.2, 0, 0.02, 0.01, 0 };
  const double test_dots[] = { 0.7, 0.3, 0.4, 0.35, 0.72, 0.2, 0.22, 0.21, 0.25 };
  const double stuck_dots[] = { 0.65, 0.7 };
  const guint test_runs[] = { 0, 1, 2, 3, 4, 5, 6, 7, 9 };
  const double *x, *y;
  double lx, ly, mean, lo, hi;
  OcPlotAxisId axis;
  double value;
  g_autofree gboolean *pickable = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (oc_sweep_results_load (r, store, &error), ==, 10);
  g_assert_no_error (error);
  groups = oc_sweep_results_groups (r, OC_SWEEP_MODE_MODEL);
  g_assert_cmpuint (groups->len, ==, 2);
  f = oc_sweep_seeds_figure_new (r, groups, OC_SWEEP_MODE_MODEL, &map);
  g_assert_nonnull (f);

  g_assert_cmpuint (oc_plot_figure_get_n_series (f), ==, 5);
  g_assert_null (oc_plot_figure_get_series_name (f, 0));
  g_assert_null (oc_plot_figure_get_series_name (f, 1));
  for (guint k = 0; k < 6; k++)
    {
      oc_plot_figure_get_series_data (f, 0, &x, &y);
      if (isnan (train_box[k]))
        g_assert_true (isnan (y[k]));
      else
        g_assert_cmpfloat_with_epsilon (y[k], train_box[k], 1e-12);
      oc_plot_figure_get_series_data (f, 1, &x, &y);
      if (isnan (test_box[k]))
        g_assert_true (isnan (y[k]));
      else
        g_assert_cmpfloat_with_epsilon (y[k], test_box[k], 1e-12);
    }
  g_assert_cmpstr (oc_plot_figure_get_series_name (f, 2), ==, "train error, one dot per seed");
  assert_values (f, 2, train_dots, G_N_ELEMENTS (train_dots));
  g_assert_cmpstr (oc_plot_figure_get_series_name (f, 3), ==, "test error");
  assert_values (f, 3, test_dots, G_N_ELEMENTS (test_dots));
  g_assert_cmpstr (oc_plot_figure_get_series_name (f, 4), ==,
                   "stuck: train error ≥ 0.60, near chance");
  assert_values (f, 4, stuck_dots, G_N_ELEMENTS (stuck_dots));

  /* Columns: width 2 in [0, 1], width 8 in [1, 2]; train dots left of the centre, test right. */
  oc_plot_figure_get_series_data (f, 2, &x, &y);
  for (guint k = 0; k < G_N_ELEMENTS (train_dots); k++)
    {
      double centre = k < 3 ? 0.5 : 1.5;

      g_assert_cmpfloat (x[k], <, centre);
      g_assert_cmpfloat (x[k], >, centre - 0.5);
    }
  oc_plot_figure_get_series_data (f, 3, &x, &y);
  for (guint k = 0; k < G_N_ELEMENTS (test_dots); k++)
    {
      double centre = k < 5 ? 0.5 : 1.5;

      g_assert_cmpfloat (x[k], >, centre);
      g_assert_cmpfloat (x[k], <, centre + 0.5);
    }

  /* The stuck share of each column, and chance (1 − 1/3) marked. */
  g_assert_cmpuint (oc_plot_figure_get_n_labels (f), ==, 2);
  g_assert_cmpstr (oc_plot_figure_get_label (f, 0, &lx, &ly), ==, "2/5 stuck");
  g_assert_cmpfloat (lx, ==, 0.5);
  g_assert_true (isnan (ly));
  g_assert_cmpstr (oc_plot_figure_get_label (f, 1, &lx, NULL), ==, "0/4 stuck");
  g_assert_cmpfloat (lx, ==, 1.5);
  g_assert_cmpuint (oc_plot_figure_get_n_references (f), ==, 1);
  oc_plot_figure_get_reference (f, 0, &axis, &value, NULL);
  g_assert_cmpint (axis, ==, OC_PLOT_AXIS_Y);
  g_assert_cmpfloat_with_epsilon (value, 2.0 / 3.0, 1e-12);

  /* Picking: boxes are not pickable; every dot names its group and its run. */
  pickable = oc_sweep_pick_map_pickable (&map);
  g_assert_false (pickable[0]);
  g_assert_false (pickable[1]);
  g_assert_true (pickable[2] && pickable[3] && pickable[4]);
  for (guint k = 0; k < G_N_ELEMENTS (test_runs); k++)
    {
      g_assert_cmpint (oc_sweep_pick_map_point (&map, 3, k), ==, (int) test_runs[k]);
      g_assert_cmpint (oc_sweep_pick_map_group (&map, 3, k), ==, test_runs[k] < 5 ? 0 : 1);
    }
  g_assert_cmpint (oc_sweep_pick_map_point (&map, 4, 0), ==, 0);
  g_assert_cmpint (oc_sweep_pick_map_point (&map, 4, 1), ==, 4);
  g_assert_cmpint (oc_sweep_pick_map_point (&map, 2, 3), ==, 5);
  g_assert_cmpint (oc_sweep_pick_map_point (&map, 0, 0), ==, -1);
  g_assert_cmpuint (oc_sweep_results_get_seed (r, 4), ==, 4);

  /* One seed's curve: the stored evaluations of that run, and its title says it is stuck. */
  curve = oc_sweep_point_curves_new (r, &g_array_index (groups, OcSweepGroup, 0), 4,
                                     OC_SWEEP_MODE_MODEL);
  g_assert_nonnull (curve);
  g_assert_nonnull (strstr (oc_plot_figure_get_title (curve), "seed 4 · stuck near chance"));
  g_assert_cmpuint (oc_plot_figure_get_series_data (curve, 0, &x, &y), ==, 2);
  g_assert_cmpfloat (x[1], ==, 10);
  g_assert_true (oc_sweep_point_curves_new (r, &g_array_index (groups, OcSweepGroup, 0), 1,
                                            OC_SWEEP_MODE_MODEL) == NULL);

  /* The norms as stored, per group: ‖θ‖ of width 2 is 10..14, of width 8 20, 21, 22, 24. */
  g_assert_cmpuint (oc_sweep_group_norm (r, &g_array_index (groups, OcSweepGroup, 0),
                                         G_STRUCT_OFFSET (OcSolutionNorms, theta_norm), &mean,
                                         &lo, &hi), ==, 5);
  g_assert_cmpfloat_with_epsilon (mean, 12, 1e-5);
  g_assert_cmpfloat (lo, ==, 10);
  g_assert_cmpfloat (hi, ==, 14);
  g_assert_cmpuint (oc_sweep_group_norm (r, &g_array_index (groups, OcSweepGroup, 1),
                                         G_STRUCT_OFFSET (OcSolutionNorms, theta_norm), &mean,
                                         &lo, &hi), ==, 4);
  g_assert_cmpfloat_with_epsilon (mean, 21.75, 1e-5);
  g_assert_cmpuint (oc_sweep_group_norm (r, &g_array_index (groups, OcSweepGroup, 0),
                                         G_STRUCT_OFFSET (OcSolutionNorms, path_norm), &mean,
                                         &lo, &hi), ==, 0);
  g_assert_true (isnan (mean));
  norms = oc_sweep_norms_figure_new (r, groups, OC_SWEEP_MODE_MODEL, NULL);
  g_assert_nonnull (norms);
  g_assert_cmpuint (oc_plot_figure_get_n_series (norms), ==, 4);
  g_assert_cmpstr (oc_plot_figure_get_series_name (norms, 0), ==, "‖θ‖₂");
  {
    const double theta[] = { 12, 21.75 }, dist[] = { 3, 1 + 7.0 / 4 }, path_norm[] = { 5 };
    const double test[] = { (0.7 + 0.3 + 0.4 + 0.35 + 0.72) / 5, (0.2 + 0.22 + 0.21 + 0.25) / 4 };

    assert_values (norms, 0, theta, 2);
    assert_values (norms, 1, dist, 2);
    /* Only width 8 has a path norm. */
    g_assert_cmpuint (oc_plot_figure_get_series_data (norms, 2, &x, &y), ==, 1);
    g_assert_cmpfloat (x[0], ==, 51);
    assert_values (norms, 2, path_norm, 1);
    assert_values (norms, 3, test, 2);
  }

  oc_sweep_pick_map_clear (&map);
  oc_store_close (store);
  {
    g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    while (d != NULL && (name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *p = g_build_filename (dir, name, NULL);

        g_unlink (p);
      }
  }
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sweep-results/slices", test_slices);
  g_test_add_func ("/sweep-results/groups-like", test_groups_like);
  g_test_add_func ("/sweep-results/interpolation-and-threshold", test_interpolation_and_threshold);
  g_test_add_func ("/sweep-results/seed-distribution", test_seed_distribution);
  return g_test_run ();
}
