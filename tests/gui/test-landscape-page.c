/* test-landscape-page.c — the real window's Landscape page under Xvfb: a tiny landscape (two
 * moons, a 2-16-2 network, a 9×9 PCA plane) computed end to end and checked against the store,
 * the replay played, paused and scrubbed, a figure exported, a stopped computation that stores
 * nothing half done, and pictures in light and dark mid-replay.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * As the other window tests: each test builds an OcWindow, drives it through its actions and
 * settings, iterates the main loop until something observable happens and finalises the window.
 */
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "occam/oc-landscape-spec.h"
#include "occam-figures/oc-landscape-figures.h"
#include "gui-test-util.h"
#include "oc-figure-export.h"
#include "oc-landscape-page.h"
#include "oc-window.h"

static GSettings *settings;

static OcLandscapePage *
landscape_page (OcWindow *window)
{
  return OC_LANDSCAPE_PAGE (oc_window_get_page (window, "landscape"));
}

static gboolean
landscape_idle (gpointer window)
{
  return !PAGE_RUNNING (landscape_page (window));
}

static gboolean
trained (gpointer window)
{
  return oc_landscape_page_get_n_received (landscape_page (window)) >= 1;
}

static gboolean
three_frames (gpointer window)
{
  return oc_landscape_page_get_n_frames (landscape_page (window)) >= 3;
}

/* Two moons (@n points), Custom protocol, one hidden layer of @width trained for @epochs, a
 * @grid × @grid plane of kind @plane and the line @line, @examples examples evaluated. */
static void
configure (OcWindow *window, guint n, guint width, guint epochs, guint plane, guint grid,
           const char *line, guint examples)
{
  OcLandscapeSettings *pane = oc_landscape_page_get_settings_pane (landscape_page (window));
  const OcSpec *spec;

  gui_test_reset_settings (settings);
  g_settings_set_uint (settings, "blas-threads", 1);
  g_settings_set_uint (settings, "n-points", n);
  gui_test_load (window, settings, "moons");
  g_settings_set_uint (settings, "batch", 50);
  oc_window_show_page (window, "landscape");
  oc_spec_settings_set_protocol (OC_SPEC_SETTINGS (pane), NULL);
  oc_landscape_settings_set_source (pane, NULL);
  oc_landscape_settings_set_width (pane, width);
  oc_landscape_settings_set_epochs (pane, epochs);
  oc_landscape_settings_set_line (pane, line);
  oc_landscape_settings_set_plane (pane, plane);
  oc_landscape_settings_set_grid (pane, grid);
  oc_landscape_settings_set_eval_examples (pane, examples);
  oc_spec_settings_flush (OC_SPEC_SETTINGS (pane));
  spec = oc_spec_settings_get_spec (OC_SPEC_SETTINGS (pane));
  if (spec == NULL)
    g_error ("no spec: %s", oc_spec_settings_get_error (OC_SPEC_SETTINGS (pane)));
  g_assert_cmpstr (oc_spec_get_kind (spec), ==, "landscape");
}

static const OcPlotFigure *
view_figure (OcWindow *window, const char *tab, guint index)
{
  g_autoptr (GPtrArray) views = NULL;

  oc_landscape_page_show_tab (landscape_page (window), tab);
  views = oc_page_get_figure_views (OC_PAGE (landscape_page (window)));
  if (index >= views->len)
    return NULL;
  return oc_figure_view_get_figure (views->pdata[index]);
}

/* The page's results are what the store holds for the experiment, value for value. */
static void
assert_page_matches_store (OcLandscapeResults *r)
{
  g_autoptr (OcStore) store = gui_test_open_store ();
  g_autoptr (OcLandscapeResults) stored = oc_landscape_results_new (r->spec, r->id);
  g_autoptr (GError) error = NULL;

  g_assert_true (oc_landscape_results_load (stored, store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stored->n_line, ==, r->n_line);
  g_assert_cmpuint (stored->nx * stored->ny, ==, r->nx * r->ny);
  g_assert_cmpuint (stored->n_trajectory, ==, r->n_trajectory);
  for (guint i = 0; i < r->n_line; i++)
    g_assert_cmpfloat (stored->line[OC_LANDSCAPE_TEST_LOSS][i], ==,
                       r->line[OC_LANDSCAPE_TEST_LOSS][i]);
  for (guint i = 0; i < r->nx * r->ny; i++)
    g_assert_cmpfloat (stored->plane[OC_LANDSCAPE_TRAIN_LOSS][i], ==,
                       r->plane[OC_LANDSCAPE_TRAIN_LOSS][i]);
  for (guint i = 0; i < r->n_trajectory; i++)
    g_assert_cmpfloat (stored->trajectory_alpha[i], ==, r->trajectory_alpha[i]);
}

static void
test_compute_replay_export (void)
{
  OcWindow *window = gui_test_window_new (settings);
  OcLandscapePage *page = landscape_page (window);
  OcLandscapeResults *r;
  g_autofree char *png = g_build_filename (g_getenv ("OC_TEST_ARTIFACTS"), "landscape-replay.png",
                                           NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (OcStore) store = NULL;
  g_autofree char *head = NULL;
  gsize length = 0;
  double t, end;
  guint frames;

  gtk_window_set_default_size (GTK_WINDOW (window), 1500, 950);
  configure (window, 400, 16, 20, OC_LANDSCAPE_PLANE_PCA, 9, "init-final", 200);
  /* Nothing computed yet: the figures say what to do. */
  g_assert_null (view_figure (window, "landscape", 0));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.start", NULL);
  g_assert_true (PAGE_RUNNING (page));
  g_assert_true (gui_test_wait_for (landscape_idle, window, 60));

  /* The network, the line and the plane, each received as it finished. */
  g_assert_cmpuint (oc_landscape_page_get_n_received (page), ==, 3);
  r = oc_landscape_page_get_results (page);
  g_assert_true (oc_landscape_results_has_line (r));
  g_assert_true (oc_landscape_results_has_plane (r));
  g_assert_true (oc_landscape_results_has_trajectory (r));
  g_assert_cmpuint (r->nx, ==, 9);
  g_assert_cmpuint (r->ny, ==, 9);
  assert_page_matches_store (r);
  g_assert_nonnull (view_figure (window, "landscape", 0));
  g_assert_nonnull (view_figure (window, "landscape", 1));

  /* The replay: a frame per tick, the ball moving along the trajectory. */
  end = r->n_trajectory - 1.0;
  oc_landscape_page_show_tab (page, "replay");
  oc_landscape_page_set_position (page, 0);
  oc_landscape_page_set_playing (page, TRUE);
  g_assert_true (oc_landscape_page_get_playing (page));
  g_assert_true (gui_test_wait_for (three_frames, window, 10));
  t = oc_landscape_page_get_position (page);
  g_assert_cmpfloat (t, >, 0);
  g_assert_cmpfloat (t, <, end);
  gui_test_save_snapshot (window, "page-landscape-light-replay");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_DARK);
  gui_test_save_snapshot (window, "page-landscape-dark-replay");
  /* Paused, the ball stays where it is. */
  oc_landscape_page_set_playing (page, FALSE);
  t = oc_landscape_page_get_position (page);
  frames = oc_landscape_page_get_n_frames (page);
  gui_test_spin_for (0.3);
  g_assert_cmpfloat (oc_landscape_page_get_position (page), ==, t);
  g_assert_cmpuint (oc_landscape_page_get_n_frames (page), ==, frames);
  /* Scrubbing draws that moment: the figure's title names its iteration. */
  oc_landscape_page_set_position (page, end);
  {
    double alpha, beta, loss, iteration;
    g_autofree char *want = NULL;

    g_assert_true (oc_landscape_replay_position (r, end, &alpha, &beta, &loss, &iteration));
    want = g_strdup_printf ("iteration %.0f of", iteration);
    g_assert_nonnull (strstr (oc_plot_figure_get_title (view_figure (window, "replay", 0)),
                              want));
  }
  oc_landscape_page_show_tab (page, "landscape");
  gui_test_save_snapshot (window, "page-landscape-dark-slice");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_LIGHT);
  gui_test_save_snapshot (window, "page-landscape-light-slice");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_DEFAULT);

  /* Export: the replay frame as a PNG, through the window's export path. */
  g_remove (png);
  store = gui_test_open_store ();
  g_assert_true (oc_figure_export_to_file (view_figure (window, "replay", 0),
                                           oc_export_theme (FALSE), store, png, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (png, &head, &length, &error));
  g_assert_cmpuint (length, >, 1000);
  g_assert_cmpmem (head, 8, "\x89PNG\r\n\x1a\n", 8);

  /* The comparison of two stored landscapes: this one with itself on one colour scale. */
  oc_landscape_page_compare (page, r->id, r->id);
  g_assert_nonnull (view_figure (window, "compare", 0));
  gui_test_save_snapshot (window, "page-landscape-light-compare");

  /* The same network taken from the store: a random plane around it, nothing trained again. */
  {
    OcLandscapeSettings *pane = oc_landscape_page_get_settings_pane (page);
    g_autofree char *first = g_strdup (r->id);
    g_autofree char *theta_t = NULL;
    const OcSpec *spec;

    /* (The page's results are replaced as the settings change.) */
    theta_t = g_strdup_printf ("%.9g", r->plane[OC_LANDSCAPE_TRAIN_LOSS][(r->ny / 2) * r->nx
                                                                          + r->nx / 2]);
    oc_landscape_settings_set_source (pane, first);
    oc_landscape_settings_set_plane (pane, OC_LANDSCAPE_PLANE_RANDOM);
    oc_landscape_settings_set_grid (pane, 5);
    oc_spec_settings_flush (OC_SPEC_SETTINGS (pane));
    spec = oc_spec_settings_get_spec (OC_SPEC_SETTINGS (pane));
    if (spec == NULL)
      g_error ("no spec: %s", oc_spec_settings_get_error (OC_SPEC_SETTINGS (pane)));
    g_assert_cmpstr (((const OcLandscapeSpec *) oc_spec_get_values (spec))->from_experiment, ==,
                     first);
    /* The stored run's width and length, not the rows'. */
    g_assert_cmpuint (oc_spec_get_train_config (spec)->hidden[0], ==, 16);
    g_assert_cmpuint (oc_spec_get_train_config (spec)->epochs, ==, 20);
    gtk_widget_activate_action (GTK_WIDGET (page), "page.run", NULL);
    g_assert_true (gui_test_wait_for (landscape_idle, window, 60));
    r = oc_landscape_page_get_results (page);
    g_assert_cmpstr (r->id, !=, first);
    g_assert_true (oc_landscape_results_has_plane (r));
    g_assert_cmpuint (r->nx, ==, 5);
    /* The centre of any plane through θ_T is θ_T's own loss, to the last bit. */
    {
      g_autofree char *centre = g_strdup_printf ("%.9g", r->plane[OC_LANDSCAPE_TRAIN_LOSS][12]);

      g_assert_cmpstr (centre, ==, theta_t);
    }
    /* A PCA plane needs the checkpoints a landscape records: this one has them. */
    oc_landscape_settings_set_plane (pane, OC_LANDSCAPE_PLANE_PCA);
    oc_spec_settings_flush (OC_SPEC_SETTINGS (pane));
    g_assert_nonnull (oc_spec_settings_get_spec (OC_SPEC_SETTINGS (pane)));
  }
  gui_test_window_finish (window);
}

static void
test_stop (void)
{
  OcWindow *window = gui_test_window_new (settings);
  OcLandscapePage *page = landscape_page (window);
  g_autoptr (OcStore) store = NULL;
  g_autoptr (GPtrArray) points = NULL;
  g_autoptr (GError) error = NULL;
  OcLandscapeResults *r;
  gint64 t0;

  /* A 401×401 plane around a 2-512-2 network on 1000 examples: a minute of evaluation. */
  configure (window, 1000, 512, 1, OC_LANDSCAPE_PLANE_RANDOM, 401, "none", 1000);
  gtk_widget_activate_action (GTK_WIDGET (page), "page.run", NULL);
  g_assert_true (gui_test_wait_for (trained, window, 60));
  gui_test_spin_for (0.2);
  g_assert_true (PAGE_RUNNING (page));
  t0 = g_get_monotonic_time ();
  gtk_widget_activate_action (GTK_WIDGET (window), "win.stop", NULL);
  g_assert_true (gui_test_wait_for (landscape_idle, window, 30));
  /* The current row ends and the worker returns. */
  g_assert_cmpfloat ((g_get_monotonic_time () - t0) / 1e6, <, 10);
  g_assert_cmpstr (oc_run_bar_get_status (
                     oc_experiment_page_get_run_bar (OC_EXPERIMENT_PAGE (page))), ==, "Stopped");
  r = oc_landscape_page_get_results (page);
  g_assert_false (oc_landscape_results_has_plane (r));
  /* The trained network is kept; of the plane nothing is stored. */
  store = gui_test_open_store ();
  points = oc_store_list_points (store, r->id, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (points->len, ==, 1);
  g_assert_cmpstr (((OcStorePoint *) points->pdata[0])->key, !=, OC_LANDSCAPE_PLANE_KEY);
  g_assert_cmpint (((OcStorePoint *) points->pdata[0])->status, ==, OC_STATUS_FINISHED);
  gui_test_window_finish (window);
}

int
main (int argc, char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  /* A store of this program's own, empty at the start. */
  settings = gui_test_init ("landscape");

  g_test_add_func ("/landscape-page/compute-replay-export", test_compute_replay_export);
  g_test_add_func ("/landscape-page/stop", test_stop);
  status = g_test_run ();
  g_object_unref (settings);
  return status;
}
