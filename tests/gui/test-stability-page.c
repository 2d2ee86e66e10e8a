/* test-stability-page.c — the real window's Stability page under Xvfb: a tiny instability run
 * (Fashion-MNIST subset, small net, two k, five points on the path) to completion, the page's
 * results and both figures against the store and against the instability computed here from the
 * stored path, the same experiment shown again from the store alone, and a sub-network of a
 * Pruning experiment the Pruning page ran: the experiment listed, its level chosen, k fixed at
 * its rewind point, the level row bounded by its levels, a seed it lacks refused; pictures in
 * light and dark.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * As test-prune-page.c: each test builds an OcWindow, drives it through its actions and
 * settings, iterates the main loop until something observable happens and finalises the window.
 */
#include <math.h>
#include <string.h>

#include "occam/oc-instability.h"
#include "occam-plot/oc-plot-query.h"
#include "gui-test-util.h"
#include "oc-application.h"
#include "oc-figure-view.h"
#include "oc-stability-page.h"
#include "oc-window.h"

#define STABILITY_PAGE(w) OC_STABILITY_PAGE (oc_window_get_page ((w), "stability"))

static GSettings *settings;

static gboolean
stability_idle (gpointer window)
{
  return !PAGE_RUNNING (STABILITY_PAGE (window));
}

/* The run ended and the page shows every level it reported (the figures of the last ones are
 * built on a worker). */
static gboolean
prune_idle (gpointer window)
{
  return !PAGE_RUNNING (PRUNE_PAGE (window)) && !oc_prune_page_get_building (PRUNE_PAGE (window));
}

/* The Dataset page's first 1000 Fashion-MNIST training images (200 of them held out), a
 * 784-32-10 network, batch 50, one BLAS thread. */
static void
load_data (OcWindow *window)
{
  gui_test_reset_settings (settings);
  g_settings_set_uint (settings, "blas-threads", 1);
  g_settings_set_uint (settings, "n-train", 1000);
  g_settings_set_uint (settings, "val-size", 200);
  gui_test_load (window, settings, "fashion-mnist");
  g_settings_set_string (settings, "hidden", "32");
  g_settings_set_uint (settings, "batch", 50);
}

/* Custom protocol, @iterations of training, children from each of @ks, 5 points on the path. */
static const OcSpec *
configure (OcWindow *window, guint64 iterations, const char *ks)
{
  OcStabilitySettings *pane = oc_stability_page_get_settings_pane (STABILITY_PAGE (window));
  const OcSpec *spec;

  oc_window_show_page (window, "stability");
  oc_spec_settings_set_protocol (OC_SPEC_SETTINGS (pane), NULL);
  oc_stability_settings_set_source (pane, NULL);
  oc_stability_settings_set_iterations (pane, iterations);
  oc_stability_settings_set_ks (pane, ks);
  oc_stability_settings_set_alphas (pane, 5);
  oc_stability_settings_set_seeds (pane, "");
  oc_spec_settings_flush (OC_SPEC_SETTINGS (pane));
  spec = oc_spec_settings_get_spec (OC_SPEC_SETTINGS (pane));
  g_assert_nonnull (spec);
  g_assert_cmpstr (oc_spec_get_kind (spec), ==, "instability");
  return spec;
}

static const OcPlotFigure *
view_figure (OcWindow *window, guint index)
{
  g_autoptr (GPtrArray) views = oc_page_get_figure_views (OC_PAGE (STABILITY_PAGE (window)));

  /* The page lists the views that show a figure: both once a point has finished. */
  g_assert_cmpuint (views->len, ==, 2);
  return oc_figure_view_get_figure (views->pdata[index]);
}

/* The page's rows are the store's, bit for bit; the instability of each is the path's highest
 * error minus the mean of its ends, computed here from the stored array; the path figure has one
 * line per k through those errors (in %), the k figure one point per k at its instability, and
 * the 2 % line. */
static void
assert_page_matches_store (OcWindow *window, const char *id, guint expected, guint n_alphas)
{
  OcInstabilityResults *r = oc_stability_page_get_results (STABILITY_PAGE (window));
  g_autoptr (OcStore) store = gui_test_open_store ();
  g_autoptr (GError) error = NULL;
  g_autoptr (OcInstabilityResults) stored = oc_instability_results_load (store, id, &error);
  GPtrArray *mine, *theirs;
  const OcPlotFigure *path = view_figure (window, 0), *kf = view_figure (window, 1);
  gboolean two_percent = FALSE;

  g_assert_no_error (error);
  g_assert_nonnull (r);
  mine = oc_instability_results_rows (r);
  theirs = oc_instability_results_rows (stored);
  g_assert_cmpuint (mine->len, ==, expected);
  g_assert_cmpuint (theirs->len, ==, expected);
  g_assert_nonnull (path);
  g_assert_nonnull (kf);
  g_assert_cmpuint (oc_plot_figure_get_n_series (path), ==, expected);
  g_assert_cmpuint (oc_plot_figure_get_n_series (kf), ==, 1);
  for (guint i = 0; i < expected; i++)
    {
      const OcInstabilityRow *a = mine->pdata[i], *b = theirs->pdata[i];
      g_autoptr (OcNpyArray) raw = NULL;
      g_autofree char *key = oc_instability_point_key (b->k, b->level, b->seed);
      const float *v;
      double top = -INFINITY, barrier;
      const double *x, *y;
      gsize n;

      g_assert_cmpuint (a->k, ==, b->k);
      g_assert_cmpuint (a->seed, ==, b->seed);
      g_assert_cmpint (a->status, ==, OC_STATUS_FINISHED);
      g_assert_cmpuint (a->n_alphas, ==, n_alphas);
      g_assert_cmpmem (a->errors, a->n_alphas * sizeof (double), b->errors,
                       b->n_alphas * sizeof (double));
      raw = oc_store_get_artifact (store, id, key, "path", &error);
      g_assert_no_error (error);
      g_assert_cmpuint (raw->n_elems, ==, 3 * n_alphas);
      v = raw->data;
      for (guint j = 0; j < n_alphas; j++)
        top = MAX (top, v[3 * j + 1]);
      barrier = top - 0.5 * ((double) v[1] + (double) v[3 * (n_alphas - 1) + 1]);
      g_assert_cmpfloat_with_epsilon (a->instability, barrier, 1e-12);
      g_assert_true (a->errors[0] > 0 && a->errors[0] < 1);
      /* The path figure's line for this k, in percent. */
      n = oc_plot_figure_get_series_data (path, i, &x, &y);
      g_assert_cmpuint (n, ==, n_alphas);
      g_assert_cmpfloat (x[0], ==, 0);
      g_assert_cmpfloat (x[n - 1], ==, 1);
      for (guint j = 0; j < n_alphas; j++)
        g_assert_cmpfloat_with_epsilon (y[j], 100 * v[3 * j + 1], 1e-4);
      /* The k figure's point for this k. */
      n = oc_plot_figure_get_series_data (kf, 0, &x, &y);
      g_assert_cmpuint (n, ==, expected);
      g_assert_cmpfloat_with_epsilon (y[i], 100 * barrier, 1e-9);
    }
  for (guint i = 0; i < oc_plot_figure_get_n_references (kf); i++)
    {
      OcPlotAxisId axis;
      double value;

      oc_plot_figure_get_reference (kf, i, &axis, &value, NULL);
      two_percent |= axis == OC_PLOT_AXIS_Y && value == 2.0;
    }
  g_assert_true (two_percent);
}

static void
test_tiny_run (void)
{
  OcWindow *window = gui_test_window_new (settings);
  OcStabilityPage *page = STABILITY_PAGE (window);
  const OcSpec *spec;
  g_autofree char *id = NULL;
  const OcInstabilitySpec *v;

  gtk_window_set_default_size (GTK_WINDOW (window), 1500, 950);
  load_data (window);
  spec = configure (window, 120, "0,40");
  v = oc_spec_get_values (spec);
  g_assert_cmpstr (v->rewind_iterations, ==, "0,40");
  g_assert_cmpuint (v->alphas, ==, 5);
  g_assert_cmpuint (v->base.train.iterations, ==, 120);
  g_assert_null (v->from_experiment);
  id = oc_spec_id (spec);
  /* Nothing stored yet: no figure to export, the placeholders say what will come. */
  {
    g_autoptr (GPtrArray) views = oc_page_get_figure_views (OC_PAGE (page));

    g_assert_cmpuint (views->len, ==, 0);
  }

  gtk_widget_activate_action (GTK_WIDGET (page), "page.run", NULL);
  g_assert_true (PAGE_RUNNING (page));
  g_assert_true (gui_test_wait_for (stability_idle, window, 240));
  g_assert_cmpuint (oc_stability_page_get_n_received (page), ==, 2);
  assert_page_matches_store (window, id, 2, 5);
  g_assert_nonnull (strstr (oc_stability_page_get_summary (page), "k = 40"));

  {
    static const struct
    {
      const char    *name;
      AdwColorScheme scheme;
    } styles[] = {
      { "page-stability-light", ADW_COLOR_SCHEME_FORCE_LIGHT },
      { "page-stability-dark", ADW_COLOR_SCHEME_FORCE_DARK },
    };
    AdwStyleManager *style = adw_style_manager_get_default ();

    for (guint s = 0; s < G_N_ELEMENTS (styles); s++)
      {
        adw_style_manager_set_color_scheme (style, styles[s].scheme);
        gui_test_save_snapshot (window, styles[s].name);
      }
    adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  }

  /* A new window shows the finished experiment from the store alone. */
  gui_test_window_finish (window);
  window = gui_test_window_new (settings);
  load_data (window);
  configure (window, 120, "0,40");
  g_assert_cmpuint (oc_stability_page_get_n_received (STABILITY_PAGE (window)), ==, 0);
  assert_page_matches_store (window, id, 2, 5);
  gui_test_window_finish (window);
}

static gboolean
source_listed (gpointer window)
{
  OcStabilitySettings *pane = oc_stability_page_get_settings_pane (STABILITY_PAGE (window));

  return oc_stability_settings_get_source (pane) != NULL;
}

/* A level of a Pruning experiment run on the Pruning page: listed once stored, its training
 * taken over, k fixed at its rewind point (θ₀: 0), run to completion at that level. */
static void
test_sub_network (void)
{
  OcWindow *window = gui_test_window_new (settings);
  OcPruneSettings *prune = oc_prune_page_get_settings_pane (PRUNE_PAGE (window));
  OcStabilitySettings *pane = oc_stability_page_get_settings_pane (STABILITY_PAGE (window));
  const char *prune_id;
  const OcSpec *spec;
  const OcInstabilitySpec *v;
  g_autofree char *id = NULL;
  GPtrArray *rows;

  load_data (window);
  oc_window_show_page (window, "prune");
  oc_spec_settings_set_protocol (OC_SPEC_SETTINGS (prune), NULL);
  oc_prune_settings_set_levels (prune, 1);
  oc_prune_settings_set_iterations (prune, 80);
  oc_prune_settings_set_controls (prune, "imp");
  oc_spec_settings_flush (OC_SPEC_SETTINGS (prune));
  g_assert_nonnull (oc_spec_settings_get_spec (OC_SPEC_SETTINGS (prune)));
  gtk_widget_activate_action (GTK_WIDGET (PRUNE_PAGE (window)), "page.run", NULL);
  g_assert_true (gui_test_wait_for (prune_idle, window, 240));
  prune_id = oc_prune_results_get_id (oc_prune_page_get_results (PRUNE_PAGE (window)));

  /* The hidden page lists the new experiment when it shows, not as the run ends. */
  g_assert_cmpuint (oc_stability_settings_get_n_sources (pane), ==, 0);
  oc_window_show_page (window, "stability");
  g_assert_cmpuint (oc_stability_settings_get_n_sources (pane), ==, 1);
  oc_stability_settings_set_source (pane, prune_id);
  g_assert_true (source_listed (window));
  oc_stability_settings_set_level (pane, 1);
  oc_stability_settings_set_ks (pane, "0,40");
  oc_stability_settings_set_alphas (pane, 3);
  oc_stability_settings_set_seeds (pane, "");
  oc_spec_settings_flush (OC_SPEC_SETTINGS (pane));
  spec = oc_spec_settings_get_spec (OC_SPEC_SETTINGS (pane));
  g_assert_cmpstr (oc_spec_settings_get_error (OC_SPEC_SETTINGS (pane)), ==, NULL);
  g_assert_nonnull (spec);
  v = oc_spec_get_values (spec);
  g_assert_cmpstr (v->from_experiment, ==, prune_id);
  g_assert_cmpint (v->level, ==, 1);
  /* Rewound to θ₀: the level's sub-network exists at k = 0 only, whatever the row held. */
  g_assert_cmpstr (v->rewind_iterations, ==, "0");
  g_assert_cmpuint (v->base.train.iterations, ==, 80);
  g_assert_cmpuint (v->base.data.val_size, ==, 200);
  id = oc_spec_id (spec);

  gtk_widget_activate_action (GTK_WIDGET (STABILITY_PAGE (window)), "page.run", NULL);
  g_assert_true (gui_test_wait_for (stability_idle, window, 240));
  rows = oc_instability_results_rows (oc_stability_page_get_results (STABILITY_PAGE (window)));
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpuint (((OcInstabilityRow *) rows->pdata[0])->level, ==, 1);
  assert_page_matches_store (window, id, 1, 3);

  /* The Level row goes no further than the experiment's last level. */
  oc_stability_settings_set_level (pane, 2);
  oc_spec_settings_flush (OC_SPEC_SETTINGS (pane));
  g_assert_nonnull (oc_spec_settings_get_spec (OC_SPEC_SETTINGS (pane)));
  v = oc_spec_get_values (oc_spec_settings_get_spec (OC_SPEC_SETTINGS (pane)));
  g_assert_cmpint (v->level, ==, 1);
  /* Level 0 is the dense network, at any k: the row's own k again. */
  oc_stability_settings_set_level (pane, 0);
  oc_spec_settings_flush (OC_SPEC_SETTINGS (pane));
  v = oc_spec_get_values (oc_spec_settings_get_spec (OC_SPEC_SETTINGS (pane)));
  g_assert_cmpstr (v->rewind_iterations, ==, "0,40");
  /* A seed it does not have: refused before running. */
  oc_stability_settings_set_level (pane, 0);
  oc_stability_settings_set_seeds (pane, "7");
  oc_spec_settings_flush (OC_SPEC_SETTINGS (pane));
  g_assert_null (oc_spec_settings_get_spec (OC_SPEC_SETTINGS (pane)));
  g_assert_nonnull (strstr (oc_spec_settings_get_error (OC_SPEC_SETTINGS (pane)), "no seed 7"));
  gui_test_window_finish (window);
}

/* The page's default protocol is Frankle et al.'s, and switching to Custom trains for the Train
 * page's length rather than the preset's 50,000 iterations. */
static void
test_default_protocol (void)
{
  OcWindow *window;
  OcStabilitySettings *pane;
  const OcSpec *spec;
  const OcInstabilitySpec *v;

  gui_test_reset_settings (settings);
  window = gui_test_window_new (settings);
  oc_window_show_page (window, "stability");
  pane = oc_stability_page_get_settings_pane (STABILITY_PAGE (window));
  oc_spec_settings_flush (OC_SPEC_SETTINGS (pane));
  spec = oc_spec_settings_get_spec (OC_SPEC_SETTINGS (pane));
  g_assert_nonnull (spec);
  v = oc_spec_get_values (spec);
  g_assert_cmpstr (v->rewind_iterations, ==, "0,100,500,2000");
  g_assert_cmpuint (v->alphas, ==, 11);
  g_assert_cmpuint (v->base.train.iterations, ==, 50000);
  g_assert_cmpuint (v->base.data.val_size, ==, 5000);

  load_data (window);
  oc_window_show_page (window, "stability");
  oc_spec_settings_set_protocol (OC_SPEC_SETTINGS (pane), NULL);
  oc_spec_settings_flush (OC_SPEC_SETTINGS (pane));
  spec = oc_spec_settings_get_spec (OC_SPEC_SETTINGS (pane));
  g_assert_nonnull (spec);
  g_assert_cmpuint (oc_spec_get_train_config (spec)->iterations, !=, 50000);
  gui_test_window_finish (window);
}

int
main (int argc, char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  /* A store of this program's own, empty at the start. */
  settings = gui_test_init ("stability");

  g_test_add_func ("/stability-page/tiny-run", test_tiny_run);
  g_test_add_func ("/stability-page/sub-network", test_sub_network);
  g_test_add_func ("/stability-page/default-protocol", test_default_protocol);
  status = g_test_run ();
  g_object_unref (settings);
  return status;
}
