/* test-sweep-results.c — what the sweep figures and occam-cli's sweep summary derive from the
 * points of a sweep: the curves of a sweep over several axes, groups over seeds (means, min–max,
 * stuck and failed points), where training error first reaches ≈ 0 and the n·K threshold.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The points are made by hand (no training), so every number below is known exactly.
 */
#include <math.h>

#include "occam-figures/oc-sweep-results.h"

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
  oc_sweep_results_set (r, index, p, NAN, NAN);
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

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sweep-results/slices", test_slices);
  g_test_add_func ("/sweep-results/groups-like", test_groups_like);
  g_test_add_func ("/sweep-results/interpolation-and-threshold", test_interpolation_and_threshold);
  return g_test_run ();
}
