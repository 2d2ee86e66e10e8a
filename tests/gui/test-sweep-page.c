/* test-sweep-page.c — the real window's Sweep page under Xvfb: tiny sweeps and random-features
 * runs live into the figure, stop and resume through the store, presets, inline errors, History,
 * export and pictures.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * As in test-window.c: each test builds an OcWindow, drives it through its actions and the
 * settings its rows are bound to, iterates the main loop until something observable happens, and
 * finalises the window at the end. The store is this program's own (a folder of its own under
 * the build directory), opened a second time here to compare what the page shows with what was
 * written.
 */
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "occam/oc-sweep-record.h"
#include "gui-test-util.h"
#include "oc-application.h"
#include "oc-figure-view.h"
#include "oc-window.h"

static GSettings *settings;

/* The defaults, but one BLAS thread for the runs the page starts. */
static void
reset_settings (void)
{
  gui_test_reset_settings (settings);
  g_settings_set_uint (settings, "blas-threads", 1);
}

static gboolean
is_laid_out (gpointer widget)
{
  return gtk_widget_get_width (widget) > 100 && gtk_widget_get_height (widget) > 100;
}

static OcSweepPage *
sweep_page (OcWindow *window)
{
  return SWEEP_PAGE (window);
}

static gboolean
sweep_idle (gpointer window)
{
  return !PAGE_RUNNING (sweep_page (window));
}

static gboolean
one_finished (gpointer window)
{
  const OcSweepResults *r = oc_sweep_page_get_results (sweep_page (window));

  return r != NULL && oc_sweep_results_get_n_finished (r) >= 1;
}

static gboolean
no_toast (gpointer window)
{
  return !oc_window_get_toast_shown (window);
}

/* The settings as the user would leave them, rebuilt now rather than after the typing delay. */
static const OcSpec *
current_spec (OcWindow *window)
{
  OcSweepSettings *pane = oc_sweep_page_get_settings_pane (sweep_page (window));

  oc_spec_settings_flush (OC_SPEC_SETTINGS (pane));
  return oc_spec_settings_get_spec (OC_SPEC_SETTINGS (pane));
}

/* The page shows exactly what the store holds: every planned point, same numbers, same curve. */
static void
assert_results_match_store (OcWindow *window, guint expected)
{
  const OcSweepResults *r = oc_sweep_page_get_results (sweep_page (window));
  OcSweepGrid *grid = oc_sweep_results_get_grid ((OcSweepResults *) r);
  g_autoptr (OcStore) store = gui_test_open_store ();

  g_assert_cmpuint (oc_sweep_results_get_n_finished (r), ==, expected);
  for (guint i = 0; i < oc_sweep_grid_get_n_points (grid); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (OcStorePoint) stored = oc_store_get_point (store, grid->id, grid->keys[i], TRUE,
                                                            &error);
      const OcSweepEntry *e = oc_sweep_results_get (r, i);

      if (stored == NULL)
        {
          g_assert_null (e);
          continue;
        }
      g_assert_nonnull (e);
      g_assert_cmpint (e->point->status, ==, stored->status);
      g_assert_cmpuint (e->point->parameters, ==, stored->parameters);
      g_assert_cmpfloat (e->point->final.test_error, ==, stored->final.test_error);
      g_assert_cmpfloat (e->point->final.train_error, ==, stored->final.train_error);
      g_assert_cmpfloat (e->point->final.test_loss, ==, stored->final.test_loss);
      g_assert_cmpuint (e->point->evals ? e->point->evals->len : 0, ==,
                        stored->evals ? stored->evals->len : 0);
      if (grid->rff)
        g_assert_cmpfloat (e->coef_norm, ==,
                           oc_store_get_scalar (store, grid->id, grid->keys[i], "coef_norm"));
    }
}

/* The main figure's test-error series holds one point per swept value, at the mean over seeds of
 * the stored test errors. */
static void
assert_figure_matches_store (OcWindow *window, guint n_values, guint n_seeds)
{
  const OcPlotFigure *f = oc_figure_view_get_figure (oc_sweep_page_get_main_view (
                                                       sweep_page (window)));
  const OcSweepResults *r = oc_sweep_page_get_results (sweep_page (window));
  OcSweepGrid *grid = oc_sweep_results_get_grid ((OcSweepResults *) r);
  g_autoptr (OcStore) store = gui_test_open_store ();
  const double *x, *y;

  g_assert_nonnull (f);
  g_assert_cmpstr (oc_plot_figure_get_series_name (f, 0), ==, "test error");
  g_assert_cmpuint (oc_plot_figure_get_series_data (f, 0, &x, &y), ==, n_values);
  /* Points are in canonical order: the swept value, then the seed. */
  for (guint v = 0; v < n_values; v++)
    {
      double sum = 0;

      for (guint s = 0; s < n_seeds; s++)
        {
          g_autoptr (OcStorePoint) p = oc_store_get_point (store, grid->id,
                                                           grid->keys[v * n_seeds + s], FALSE,
                                                           NULL);

          g_assert_nonnull (p);
          sum += p->final.test_error;
        }
      g_assert_cmpfloat_with_epsilon (y[v], sum / n_seeds, 1e-12);
      if (v > 0)
        g_assert_cmpfloat (x[v], >, x[v - 1]);
    }
}

/* ---- Tests ---- */

static void
set_tiny_sweep (void)
{
  reset_settings ();
  g_settings_set_uint (settings, "n-points", 300);
  g_settings_set_string (settings, "hidden", "16");
  g_settings_set_double (settings, "lr", 0.01);
  g_settings_set_uint (settings, "batch", 32);
  g_settings_set_string (settings, "sweep-mode", "model");
  g_settings_set_string (settings, "sweep-widths", "2,8,32");
  g_settings_set_string (settings, "sweep-seeds", "0,1");
  g_settings_set_uint (settings, "sweep-epochs", 4);
  g_settings_set_uint (settings, "sweep-record-every", 1);
}

static void
test_tiny_sweep (void)
{
  OcWindow *window;
  OcSweepPage *page;
  OcHistoryPage *history;
  const OcPlotFigure *f;
  g_autoptr (GPtrArray) views = NULL;
  g_autofree char *id = NULL;
  OcPlotTheme theme;
  OcPlotPick pick;
  OcFigureView *main_view;
  guint before;

  set_tiny_sweep ();
  window = gui_test_window_new (settings);
  page = sweep_page (window);
  history = HISTORY_PAGE (window);
  before = oc_history_page_get_n_experiments (history);
  gui_test_load (window, settings, "spiral");
  oc_window_show_page (window, "sweep");
  g_assert_nonnull (current_spec (window));
  id = oc_spec_id (current_spec (window));

  /* Ctrl+Enter on the Sweep page runs the sweep, not a training run. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.start", NULL));
  g_assert_true (PAGE_RUNNING (page));
  g_assert_false (PAGE_RUNNING (TRAIN_PAGE (window)));
  g_assert_true (gui_test_wait_for (sweep_idle, window, 120));
  g_assert_cmpstr (oc_experiment_page_get_experiment_id (OC_EXPERIMENT_PAGE (page)), ==, id);
  assert_results_match_store (window, 6);
  assert_figure_matches_store (window, 3, 2);
  g_assert_nonnull (strstr (oc_window_get_last_toast (window), "Sweep finished: 6 points"));
  {
    guint deliveries, max_batch;

    oc_experiment_page_get_delivery_stats (OC_EXPERIMENT_PAGE (page), &deliveries, &max_batch);
    g_test_message ("6 points in %u deliveries (largest batch %u)", deliveries, max_batch);
    g_assert_cmpuint (deliveries, >, 0);
  }

  /* Record every epoch: the heatmap has a row per width. */
  views = oc_window_get_visible_figures (window);
  g_assert_cmpuint (views->len, ==, 2); /* main and heatmap; no curve clicked yet */
  g_assert_cmpint (oc_plot_figure_get_kind (oc_figure_view_get_figure (views->pdata[1])), ==,
                   OC_PLOT_KIND_HEATMAP);

  /* Epochs 1 to 4 span less than a decade: a linear epoch axis unless asked; until a point is
   * picked the heatmap has the row to itself. */
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (oc_sweep_page_get_detail_view (page))));
  g_assert_false (oc_sweep_page_get_log_epochs (page));
  g_assert_cmpint (oc_plot_figure_get_axis_scale (oc_figure_view_get_figure (views->pdata[1]),
                                                  OC_PLOT_AXIS_X), ==, OC_PLOT_SCALE_LINEAR);
  oc_sweep_page_set_epoch_axis (page, OC_SWEEP_EPOCH_AXIS_LOG);
  g_assert_true (oc_sweep_page_get_log_epochs (page));
  g_assert_cmpint (oc_plot_figure_get_axis_scale (oc_figure_view_get_figure (views->pdata[1]),
                                                  OC_PLOT_AXIS_X), ==, OC_PLOT_SCALE_LOG);

  /* A click on a point opens its learning curve. */
  main_view = oc_sweep_page_get_main_view (page);
  g_assert_true (gui_test_wait_for (is_laid_out, main_view, 10));
  f = oc_figure_view_get_figure (main_view);
  oc_figure_view_screen_theme (GTK_WIDGET (main_view), &theme);
  g_assert_true (oc_plot_figure_pick (f, gtk_widget_get_width (GTK_WIDGET (main_view)),
                                      gtk_widget_get_height (GTK_WIDGET (main_view)), &theme,
                                      gtk_widget_get_width (GTK_WIDGET (main_view)) / 2.0,
                                      gtk_widget_get_height (GTK_WIDGET (main_view)) / 2.0, 1e9,
                                      NULL, &pick));
  g_assert_false (oc_sweep_page_click_at (page, 2, 2));
  g_assert_true (oc_sweep_page_click_at (page, pick.x + 3, pick.y - 3));
  g_ptr_array_unref (views);
  views = oc_window_get_visible_figures (window);
  g_assert_cmpuint (views->len, ==, 3);
  g_assert_nonnull (g_strrstr (oc_plot_figure_get_title (oc_figure_view_get_figure (
                                 views->pdata[2])), "Learning curve"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (oc_sweep_page_get_detail_view (page))));

  /* The keyboard does what the click did: a second click lets go of the point, then Enter on
   * the point the arrows reach opens the learning curve again. */
  {
    g_autofree char *clicked = g_strdup (oc_plot_figure_get_title (oc_figure_view_get_figure (
                                           oc_sweep_page_get_detail_view (page))));
    OcPlotHit hit;

    g_assert_true (oc_sweep_page_click_at (page, pick.x + 3, pick.y - 3));
    g_assert_false (gtk_widget_get_visible (GTK_WIDGET (oc_sweep_page_get_detail_view (page))));
    g_assert_true (gui_test_press_key (GTK_WIDGET (main_view), GDK_KEY_Home));
    g_assert_true (oc_figure_view_get_focus_hit (main_view, &hit));
    /* Down to the clicked point's series, then along it to the point. */
    for (guint steps = 0; hit.series != pick.series || hit.index != pick.index; steps++)
      {
        g_assert_cmpuint (steps, <, 100);
        g_assert_true (gui_test_press_key (GTK_WIDGET (main_view),
                                           hit.series < pick.series  ? GDK_KEY_Down
                                           : hit.series > pick.series ? GDK_KEY_Up
                                           : hit.index < pick.index   ? GDK_KEY_Right
                                                                      : GDK_KEY_Left));
        g_assert_true (oc_figure_view_get_focus_hit (main_view, &hit));
      }
    g_assert_true (gui_test_press_key (GTK_WIDGET (main_view), GDK_KEY_Return));
    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (oc_sweep_page_get_detail_view (page))));
    g_assert_cmpstr (oc_plot_figure_get_title (oc_figure_view_get_figure (
                       oc_sweep_page_get_detail_view (page))), ==, clicked);
    /* The readout over the curve names that point. */
    g_assert_true (gui_test_hover (main_view, hit.x, hit.y));
  }

  /* The export action's figures, and the clipboard. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.copy-figure", NULL));
  g_assert_cmpstr (oc_window_get_last_toast (window), ==, "Figure copied");

  /* History lists the sweep, selected; its figure is read from the store when History shows,
   * not on the main thread of the page where the run finished. */
  g_assert_false (oc_history_page_is_current (history));
  g_assert_cmpuint (oc_history_page_get_n_experiments (history), ==, before + 1);
  g_assert_null (oc_figure_view_get_figure (oc_history_page_get_figure_view (history)));
  oc_window_show_page (window, "history");
  g_assert_true (oc_history_page_is_current (history));
  g_assert_nonnull (oc_figure_view_get_figure (oc_history_page_get_figure_view (history)));
  oc_window_show_page (window, "sweep");

  g_assert_true (gui_test_wait_for (no_toast, window, 15));
  gui_test_spin_for (0.6); /* the toast's hide animation */
  {
    static const struct
    {
      const char    *name;
      AdwColorScheme scheme;
    } styles[] = {
      { "page-sweep-light", ADW_COLOR_SCHEME_FORCE_LIGHT },
      { "page-sweep-dark", ADW_COLOR_SCHEME_FORCE_DARK },
    };

    for (guint s = 0; s < G_N_ELEMENTS (styles); s++)
      {
        g_autofree char *readout = NULL;

        adw_style_manager_set_color_scheme (adw_style_manager_get_default (), styles[s].scheme);
        /* With the values of the clicked point under the pointer. */
        g_assert_true (gui_test_hover (main_view, pick.x, pick.y));
        readout = oc_figure_view_dup_readout (main_view);
        g_assert_nonnull (readout);
        g_test_message ("readout: %s", readout);
        gui_test_save_snapshot (window, styles[s].name);
      }
    adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                        ADW_COLOR_SCHEME_DEFAULT);
  }
  gui_test_window_finish (window);
}

/* The run a dot of the seeds figure stands for, found from the figure's data alone: its column
 * is its group (groups in ascending order, one column each), and in that group the finished run
 * with exactly that final test error. */
static int
run_of_test_dot (const OcSweepResults *r, const OcPlotFigure *f, guint series, gsize index)
{
  g_autoptr (GArray) groups = oc_sweep_results_groups (r, OC_SWEEP_MODE_MODEL);
  const double *x, *y;
  const OcSweepGroup *g;
  int found = -1;

  g_assert_cmpuint (index, <, oc_plot_figure_get_series_data (f, series, &x, &y));
  g_assert_cmpuint ((guint) floor (x[index]), <, groups->len);
  g = &g_array_index (groups, OcSweepGroup, (guint) floor (x[index]));
  for (guint m = 0; m < g->members->len; m++)
    {
      guint i = g_array_index (g->members, guint, m);
      const OcStorePoint *p = oc_sweep_results_get (r, i)->point;

      if (p->status == OC_STATUS_FINISHED && p->final.test_error == y[index])
        {
          g_assert_cmpint (found, ==, -1); /* the test error tells the seeds apart */
          found = (int) i;
        }
    }
  return found;
}

static gboolean
view_is_laid_out (gpointer view)
{
  return is_laid_out (view) && oc_figure_view_get_figure (view) != NULL;
}

/* The seeds view: every seed's outcome, a dot per run; a click on a dot shows that run's own
 * learning curve below, and a second click lets go. The norms view beside it. */
static void
test_seeds_view (void)
{
  OcWindow *window;
  OcSweepPage *page;
  const OcSweepResults *r;
  const OcPlotFigure *f, *curve;
  OcFigureView *seeds_view;
  g_autoptr (GPtrArray) views = NULL;
  g_autofree char *seed_text = NULL;
  const OcEvalPoint *ev;
  const double *x, *y;
  OcPlotTheme theme;
  OcPlotPick pick;
  gboolean test_dots[5] = { FALSE, FALSE, FALSE, TRUE, FALSE };
  int run;
  int w, h;

  set_tiny_sweep ();
  window = gui_test_window_new (settings);
  page = sweep_page (window);
  gui_test_load (window, settings, "spiral");
  oc_window_show_page (window, "sweep");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.start", NULL));
  g_assert_true (gui_test_wait_for (sweep_idle, window, 120));
  r = oc_sweep_page_get_results (page);
  g_assert_cmpuint (oc_sweep_results_get_n_finished (r), ==, 6);

  /* Switched to, the seeds view is the large figure the window exports. */
  oc_sweep_page_show_view (page, "seeds");
  seeds_view = oc_sweep_page_get_seeds_view (page);
  g_assert_true (gui_test_wait_for (view_is_laid_out, seeds_view, 10));
  f = oc_figure_view_get_figure (seeds_view);
  g_assert_nonnull (g_strrstr (oc_plot_figure_get_title (f), "Every seed's final error"));
  views = oc_window_get_visible_figures (window);
  g_assert_true (views->pdata[0] == (gpointer) seeds_view);
  /* Boxes (train, test), then the train, test and stuck dots: 6 runs, each with a test dot. */
  g_assert_cmpuint (oc_plot_figure_get_n_series (f), ==, 5);
  g_assert_cmpuint (oc_plot_figure_get_series_data (f, 3, &x, &y), ==, 6);
  g_assert_cmpuint (oc_plot_figure_get_series_data (f, 2, &x, &y)
                      + oc_plot_figure_get_series_data (f, 4, &x, &y), ==, 6);

  /* Nothing there: no click. A test dot near the middle: its run's curve. */
  w = gtk_widget_get_width (GTK_WIDGET (seeds_view));
  h = gtk_widget_get_height (GTK_WIDGET (seeds_view));
  g_assert_false (oc_sweep_page_click_seeds_at (page, 2, 2));
  oc_figure_view_screen_theme (GTK_WIDGET (seeds_view), &theme);
  g_assert_true (oc_plot_figure_pick (f, w, h, &theme, w / 2.0, h / 2.0, 1e9, test_dots, &pick));
  run = run_of_test_dot (r, f, pick.series, pick.index);
  g_assert_cmpint (run, >=, 0);
  g_assert_true (oc_sweep_page_click_seeds_at (page, pick.x + 1, pick.y - 1));

  g_ptr_array_unref (views);
  views = oc_window_get_visible_figures (window);
  g_assert_cmpuint (views->len, ==, 3);
  curve = oc_figure_view_get_figure (views->pdata[2]);
  seed_text = g_strdup_printf (" · seed %" G_GUINT64_FORMAT,
                               oc_sweep_results_get_seed (r, (guint) run));
  g_assert_nonnull (g_strrstr (oc_plot_figure_get_title (curve), seed_text));
  /* The curve is that run's alone: its test error at every evaluation, ending at the dot. */
  {
    const OcStorePoint *p = oc_sweep_results_get (r, (guint) run)->point;
    gsize n = oc_plot_figure_get_series_data (curve, 0, &x, &y);

    g_assert_nonnull (p->evals);
    g_assert_cmpuint (n, ==, p->evals->len);
    for (gsize k = 0; k < n; k++)
      {
        ev = &g_array_index (p->evals, OcEvalPoint, k);
        g_assert_cmpfloat (x[k], ==, ev->epoch);
        g_assert_cmpfloat (y[k], ==, ev->test_error);
      }
    g_assert_cmpfloat (y[n - 1], ==, p->final.test_error);
  }
  /* The seeds figure was rebuilt with the clicked dot marked. */
  f = oc_figure_view_get_figure (seeds_view);
  g_assert_nonnull (f);
  gui_test_spin_for (0.3);
  gui_test_save_snapshot (window, "page-sweep-seeds");

  /* The same dot again (where it is drawn now, with the seed's label beside it): let go, back
   * to no curve. */
  g_test_message ("seeds view %dx%d, then %dx%d", w, h,
                  gtk_widget_get_width (GTK_WIDGET (seeds_view)),
                  gtk_widget_get_height (GTK_WIDGET (seeds_view)));
  w = gtk_widget_get_width (GTK_WIDGET (seeds_view));
  h = gtk_widget_get_height (GTK_WIDGET (seeds_view));
  {
    OcPlotPick again;

    g_assert_true (oc_plot_figure_pick (f, w, h, &theme, pick.x, pick.y, 1e9, test_dots, &again));
    g_test_message ("dot at %.1f,%.1f, then %.1f,%.1f", pick.x, pick.y, again.x, again.y);
    g_assert_cmpint (run_of_test_dot (r, f, again.series, again.index), ==, run);
    pick = again;
  }
  g_assert_true (oc_sweep_page_click_seeds_at (page, pick.x + 1, pick.y - 1));
  g_ptr_array_unref (views);
  views = oc_window_get_visible_figures (window);
  g_assert_cmpuint (views->len, ==, 2);

  /* The norms of the solutions. */
  oc_sweep_page_show_view (page, "norms");
  g_assert_true (gui_test_wait_for (view_is_laid_out, oc_sweep_page_get_norms_view (page), 10));
  g_assert_nonnull (g_strrstr (oc_plot_figure_get_title (oc_figure_view_get_figure (
                                 oc_sweep_page_get_norms_view (page))),
                               "Norms of the solutions"));
  g_ptr_array_unref (views);
  views = oc_window_get_visible_figures (window);
  g_assert_true (views->pdata[0] == (gpointer) oc_sweep_page_get_norms_view (page));
  gui_test_spin_for (0.3);
  gui_test_save_snapshot (window, "page-sweep-norms");
  oc_sweep_page_show_view (page, "curve");
  gui_test_window_finish (window);
}

static void
test_stop_and_resume (void)
{
  OcWindow *window;
  OcSweepPage *page;
  g_autoptr (OcStore) store = NULL;
  g_autoptr (OcStoreExperiment) exp = NULL;
  g_autoptr (GError) error = NULL;
  const OcSweepResults *r;
  guint kept;
  gint64 t0, took;

  reset_settings ();
  g_settings_set_uint (settings, "n-points", 2000);
  g_settings_set_string (settings, "hidden", "16");
  g_settings_set_double (settings, "lr", 0.01);
  g_settings_set_string (settings, "sweep-mode", "model");
  /* Largest first: one worker takes width 512 for a long while, the other finishes the rest. */
  g_settings_set_string (settings, "sweep-widths", "1,2,512");
  g_settings_set_uint (settings, "sweep-epochs", 20000);
  window = gui_test_window_new (settings);
  page = sweep_page (window);
  gui_test_load (window, settings, "moons");
  oc_window_show_page (window, "sweep");
  g_assert_nonnull (current_spec (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "page.run", NULL));
  /* The window stays responsive while every core trains a point (GuiTestGaps). */
  {
    GuiTestGaps gaps = { 0 };

    gui_test_gaps_start (&gaps);
    g_assert_true (gui_test_wait_for (one_finished, window, 120));
    gui_test_spin_for (1.0);
    gui_test_gaps_stop (&gaps);
    g_test_message ("main loop while the sweep trains: %u ticks, longest gap %.1f ms, longest "
                    "stretch of the main thread's own work %.1f ms", gaps.n, gaps.max_gap / 1e3,
                    gaps.max_cpu_gap / 1e3);
    /* As in test-window.c: the acceptance bound is 50 ms on a desktop; CI machines are noisier. */
    g_assert_cmpint (gaps.max_cpu_gap, <, 120 * 1000);
    g_assert_cmpint (gaps.max_gap, <, 1000 * 1000);
  }

  t0 = g_get_monotonic_time ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.stop", NULL));
  g_assert_true (gui_test_wait_for (sweep_idle, window, 10));
  took = g_get_monotonic_time () - t0;
  g_test_message ("stop took %.1f ms", took / 1e3);
  g_assert_cmpint (took, <, 2 * G_USEC_PER_SEC);
  g_assert_nonnull (strstr (oc_window_get_last_toast (window), "Sweep stopped"));

  /* What finished is in the store, and only that; the experiment says "stopped". */
  r = oc_sweep_page_get_results (page);
  kept = oc_sweep_results_get_n_finished (r);
  g_assert_cmpuint (kept, >=, 1);
  g_assert_cmpuint (kept, <, 3);
  assert_results_match_store (window, kept);
  store = gui_test_open_store ();
  exp = oc_store_find_experiment (store,
                                  oc_experiment_page_get_experiment_id (OC_EXPERIMENT_PAGE (page)),
                                  &error);
  g_assert_no_error (error);
  g_assert_cmpint (exp->status, ==, OC_STATUS_CANCELLED);
  g_assert_cmpuint (exp->n_finished, ==, kept);

  /* Running again resumes: the kept points are shown at once and not trained again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "page.run", NULL));
  g_assert_true (PAGE_RUNNING (page));
  g_assert_cmpuint (oc_sweep_results_get_n_finished (oc_sweep_page_get_results (page)), ==,
                    kept);
  gui_test_spin_for (0.3);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "page.stop", NULL));
  g_assert_true (gui_test_wait_for (sweep_idle, window, 10));
  assert_results_match_store (window,
                              oc_sweep_results_get_n_finished (oc_sweep_page_get_results (page)));
  gui_test_window_finish (window);
}

static void
test_rff (void)
{
  OcWindow *window;
  OcSweepPage *page;
  const OcPlotFigure *f;
  const double *x, *y;
  double value;
  const char *label;

  reset_settings ();
  g_settings_set_uint (settings, "n-points", 500);
  g_settings_set_string (settings, "sweep-mode", "rff");
  g_settings_set_string (settings, "rff-features", "10,40,160,400,640,1000");
  g_settings_set_double (settings, "rff-sigma", 1);
  window = gui_test_window_new (settings);
  page = sweep_page (window);
  gui_test_load (window, settings, "moons");
  oc_window_show_page (window, "sweep");
  g_assert_nonnull (current_spec (window));
  g_assert_cmpstr (oc_spec_get_kind (current_spec (window)), ==, "rff");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "page.run", NULL));
  g_assert_true (gui_test_wait_for (sweep_idle, window, 120));
  assert_results_match_store (window, 6);
  assert_figure_matches_store (window, 6, 1);
  f = oc_figure_view_get_figure (oc_sweep_page_get_main_view (page));
  g_assert_cmpuint (oc_plot_figure_get_series_data (f, 0, &x, &y), ==, 6);
  g_assert_cmpfloat (x[3], ==, 400);
  /* N = n is marked at the 400 training examples. */
  g_assert_cmpuint (oc_plot_figure_get_n_references (f), ==, 1);
  oc_plot_figure_get_reference (f, 0, NULL, &value, &label);
  g_assert_cmpfloat (value, ==, 400);
  g_assert_cmpstr (label, ==, "N = n");
  g_assert_true (gui_test_wait_for (no_toast, window, 15));
  gui_test_spin_for (0.6);
  gui_test_save_snapshot (window, "page-sweep-rff");
  gui_test_window_finish (window);
}

static void
test_presets_and_errors (void)
{
  OcWindow *window;
  OcSweepSettings *pane;
  g_autoptr (OcSpec) preset = NULL;
  g_autofree char *want = NULL;
  g_autofree char *got = NULL;
  g_autofree char *widths = NULL;

  reset_settings ();
  window = gui_test_window_new (settings);
  oc_window_show_page (window, "sweep");
  pane = oc_sweep_page_get_settings_pane (sweep_page (window));

  /* Without a dataset, Custom has nothing to run on, and says so. */
  g_assert_null (current_spec (window));
  g_assert_nonnull (strstr (oc_spec_settings_get_error (OC_SPEC_SETTINGS (pane)),
                           "No dataset loaded"));
  gtk_widget_activate_action (GTK_WIDGET (sweep_page (window)), "page.run", NULL);
  g_assert_false (PAGE_RUNNING (sweep_page (window)));

  /* A preset brings its own data and fills the rows; the spec is the CLI's. */
  oc_spec_settings_set_protocol (OC_SPEC_SETTINGS (pane), "nakkiran-mlp");
  g_assert_nonnull (current_spec (window));
  preset = oc_spec_new_from_preset ("sweep", "nakkiran-mlp", NULL);
  want = oc_spec_id (preset);
  got = oc_spec_id (current_spec (window));
  g_assert_cmpstr (got, ==, want);
  widths = g_settings_get_string (settings, "sweep-widths");
  g_assert_cmpstr (widths, ==, ((const OcSweepSpec *) oc_spec_get_values (preset))->widths);
  g_assert_cmpuint (g_settings_get_uint (settings, "sweep-epochs"), ==, 1000);

  /* A typo is shown under its row with the spec's own message. */
  g_settings_set_string (settings, "sweep-widths", "1,2,x");
  g_assert_null (current_spec (window));
  g_assert_true (g_str_has_prefix (oc_spec_settings_get_error (OC_SPEC_SETTINGS (pane)),
                                   "Hidden widths: 'x' is not a whole number"));
  g_settings_set_string (settings, "sweep-widths", "log:1:1024:11");
  g_assert_nonnull (current_spec (window));

  /* Belkin et al. is a random-features protocol: the mode follows. */
  oc_spec_settings_set_protocol (OC_SPEC_SETTINGS (pane), "belkin-rff");
  g_assert_nonnull (current_spec (window));
  g_assert_cmpstr (oc_spec_get_kind (current_spec (window)), ==, "rff");
  g_assert_cmpint (oc_sweep_settings_get_mode (pane), ==, OC_SWEEP_MODE_RFF);
  g_free (widths);
  widths = g_settings_get_string (settings, "sweep-mode");
  g_assert_cmpstr (widths, ==, "rff");
  /* Its axis has the peak at N = n = 4000; one without it is told so. */
  g_assert_null (oc_sweep_settings_get_rff_hint (pane));
  g_settings_set_string (settings, "rff-features", "100,1000,8000");
  oc_spec_settings_flush (OC_SPEC_SETTINGS (pane));
  g_assert_nonnull (current_spec (window));
  g_assert_nonnull (oc_sweep_settings_get_rff_hint (pane));
  g_assert_nonnull (strstr (oc_sweep_settings_get_rff_hint (pane), "N = n = 4000"));
  g_settings_set_string (settings, "rff-features", "100,4000,8000");
  oc_spec_settings_flush (OC_SPEC_SETTINGS (pane));
  g_assert_null (oc_sweep_settings_get_rff_hint (pane));
  gui_test_window_finish (window);
}

/* A sweep over widths × n from the window: the page runs it, and its figure has a curve per n. */
static void
test_two_axes (void)
{
  OcWindow *window;
  OcSweepPage *page;
  const OcPlotFigure *f;

  set_tiny_sweep ();
  g_settings_set_string (settings, "sweep-n-trains", "100,200");
  window = gui_test_window_new (settings);
  page = sweep_page (window);
  gui_test_load (window, settings, "spiral");
  oc_window_show_page (window, "sweep");
  oc_spec_settings_flush (OC_SPEC_SETTINGS (oc_sweep_page_get_settings_pane (page)));
  g_assert_cmpstr (oc_spec_settings_get_error (OC_SPEC_SETTINGS (
                     oc_sweep_page_get_settings_pane (page))), ==, NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.start", NULL));
  g_assert_true (gui_test_wait_for (sweep_idle, window, 120));
  g_assert_cmpuint (oc_sweep_results_get_n_finished (oc_sweep_page_get_results (page)), ==, 12);
  f = oc_figure_view_get_figure (oc_sweep_page_get_main_view (page));
  g_assert_nonnull (f);
  g_assert_cmpstr (oc_plot_figure_get_series_name (f, 0), ==, "test error · n = 100");
  g_assert_cmpstr (oc_plot_figure_get_series_name (f, 2), ==, "test error · n = 200");
  gui_test_save_snapshot (window, "page-sweep-two-axes");
  gui_test_window_finish (window);
}

int
main (int argc, char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  /* A store of this program's own, empty at the start. */
  settings = gui_test_init ("sweep");

  g_test_add_func ("/sweep-page/presets-and-errors", test_presets_and_errors);
  g_test_add_func ("/sweep-page/tiny-sweep", test_tiny_sweep);
  g_test_add_func ("/sweep-page/seeds-view", test_seeds_view);
  g_test_add_func ("/sweep-page/stop-and-resume", test_stop_and_resume);
  g_test_add_func ("/sweep-page/rff", test_rff);
  g_test_add_func ("/sweep-page/two-axes", test_two_axes);
  status = g_test_run ();
  g_object_unref (settings);
  return status;
}
