/* test-prune-page.c — the real window's Pruning page under Xvfb: a tiny lottery-ticket run
 * (Fashion-MNIST subset, small net, three levels, IMP and the random control) end to end, the
 * figures against the store, the level slider and Play through the levels, the receptive fields'
 * order and hover, the fan-in figure's mean image, stop mid-run, History, pictures in light and
 * dark, the validation split the page's default protocol keeps, the method chooser's spec fields
 * and a tiny edge-popup run in the methods figure.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * As test-sweep-page.c: each test builds an OcWindow, drives it through its actions and settings,
 * iterates the main loop until something observable happens and finalises the window. The store
 * is this program's own, opened a second time here to compare the page with what was written.
 */
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "occam/oc-prune-record.h"
#include "occam-plot/oc-plot-query.h"
#include "occam-figures/oc-prune-figures.h"
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

static OcPrunePage *
prune_page (OcWindow *window)
{
  return PRUNE_PAGE (window);
}

/* The run ended and the page shows every level it reported (the figures of the last ones are
 * built on a worker). */
static gboolean
prune_idle (gpointer window)
{
  return !PAGE_RUNNING (prune_page (window)) && !oc_prune_page_get_building (prune_page (window));
}

static gboolean
at_level_2 (gpointer window)
{
  return oc_prune_page_get_level (prune_page (window)) == 2;
}

static gboolean
not_playing (gpointer window)
{
  return !oc_prune_page_get_playing (prune_page (window));
}

static gboolean
mean_loaded (gpointer window)
{
  return oc_prune_page_has_mean_image (prune_page (window));
}

static gboolean
one_level (gpointer window)
{
  return oc_prune_page_get_n_received (prune_page (window)) >= 1;
}

/* Custom protocol on the first 1000 Fashion-MNIST training images, 784-32-10, IMP and the
 * random control, @levels pruning levels of @iterations each. */
static void
configure (OcWindow *window, guint levels, guint64 iterations)
{
  OcPruneSettings *pane = oc_prune_page_get_settings_pane (prune_page (window));

  reset_settings ();
  g_settings_set_uint (settings, "n-train", 1000);
  g_settings_set_uint (settings, "val-size", 200);
  gui_test_load (window, settings, "fashion-mnist");
  g_settings_set_string (settings, "hidden", "32");
  g_settings_set_uint (settings, "batch", 50);
  oc_window_show_page (window, "prune");
  oc_spec_settings_set_protocol (OC_SPEC_SETTINGS (pane), NULL);
  oc_prune_settings_set_levels (pane, levels);
  oc_prune_settings_set_iterations (pane, iterations);
  oc_prune_settings_set_controls (pane, "imp,random");
  oc_spec_settings_flush (OC_SPEC_SETTINGS (pane));
  g_assert_nonnull (oc_spec_settings_get_spec (OC_SPEC_SETTINGS (pane)));
  g_assert_cmpstr (oc_spec_get_kind (oc_spec_settings_get_spec (OC_SPEC_SETTINGS (pane))), ==,
                   "prune");
}

/* The page's stack of tabs: the GtkStack below @widget that has a "masks" child. */
static GtkStack *
find_tab_stack (GtkWidget *widget)
{
  if (GTK_IS_STACK (widget) && gtk_stack_get_child_by_name (GTK_STACK (widget), "masks") != NULL)
    return GTK_STACK (widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      GtkStack *found = find_tab_stack (c);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
transition_done (gpointer stack)
{
  return !gtk_stack_get_transition_running (stack);
}

/* Only tab @name of @stack is mapped: the snapshot shows that tab's content and no other's. */
static void
assert_only_tab_mapped (GtkStack *stack, const char *name)
{
  static const char *const tabs[] = { "curves", "weights", "masks", "overlap" };

  for (guint t = 0; t < G_N_ELEMENTS (tabs); t++)
    {
      GtkWidget *child = gtk_stack_get_child_by_name (stack, tabs[t]);

      g_assert_nonnull (child);
      if (gtk_widget_get_mapped (child) != (strcmp (tabs[t], name) == 0))
        g_error ("tab %s is %s while %s is shown", tabs[t],
                 gtk_widget_get_mapped (child) ? "mapped" : "unmapped", name);
    }
}

static const OcPlotFigure *
view_figure (OcWindow *window, const char *tab, guint index)
{
  g_autoptr (GPtrArray) views = NULL;

  oc_prune_page_show_tab (prune_page (window), tab);
  views = oc_page_get_figure_views (OC_PAGE (prune_page (window)));
  g_assert_cmpuint (index, <, views->len);
  return oc_figure_view_get_figure (views->pdata[index]);
}

/* Every stored level is on the page with the same numbers, and the accuracy figure has one
 * point per finished level of each control. */
static void
assert_page_matches_store (OcWindow *window, guint expected)
{
  OcPruneResults *r = oc_prune_page_get_results (prune_page (window));
  g_autoptr (OcStore) store = gui_test_open_store ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rows = oc_prune_rows_load (store, oc_prune_results_get_id (r), &error);
  const OcPlotFigure *acc;
  gsize plotted = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, expected);
  g_assert_cmpuint (oc_prune_results_get_n_stored (r), ==, expected);
  for (guint i = 0; i < rows->len; i++)
    {
      const OcPruneRow *s = rows->pdata[i];
      const OcPruneLevel *l = oc_prune_results_get (r, s->control, s->seed, s->level);

      g_assert_nonnull (l);
      g_assert_cmpfloat (l->row->density, ==, s->density);
      g_assert_cmpint (l->row->point->status, ==, s->point->status);
      g_assert_cmpfloat (l->row->point->early_stop.test_error, ==,
                         s->point->early_stop.test_error);
      g_assert_cmpuint (l->row->point->early_stop.iteration, ==,
                        s->point->early_stop.iteration);
      for (guint k = 0; k < s->n_layers; k++)
        g_assert_cmpfloat (l->row->layer_density[k], ==, s->layer_density[k]);
      /* IMP levels carry their masks and weights, bit for bit what the store holds. */
      if (s->control == OC_CONTROL_IMP)
        {
          g_autoptr (OcNpyArray) mask = oc_store_get_artifact (store, s->point->experiment_id,
                                                               s->point->key, "mask", &error);
          g_autoptr (OcNpyArray) final = oc_store_get_artifact (store, s->point->experiment_id,
                                                                s->point->key, "theta_final",
                                                                &error);

          g_assert_no_error (error);
          g_assert_cmpuint (l->n_params, ==, mask->n_elems);
          g_assert_cmpmem (l->mask, l->n_params, mask->data, mask->n_elems);
          g_assert_cmpmem (l->theta_final, l->n_params * 4, final->data, final->n_elems * 4);
        }
    }
  acc = view_figure (window, "curves", 0);
  g_assert_nonnull (acc);
  for (guint i = 0; i < oc_plot_figure_get_n_series (acc); i++)
    {
      const double *x, *y;
      gsize n = oc_plot_figure_get_series_data (acc, i, &x, &y);

      for (gsize k = 0; k < n; k++)
        g_assert_true (x[k] > 0 && x[k] <= 100 && y[k] > 0 && y[k] <= 100);
      plotted += n;
    }
  g_assert_cmpuint (plotted, ==, oc_prune_results_get_n_finished (r));
  /* The dense network is the horizontal line. */
  g_assert_cmpuint (oc_plot_figure_get_n_references (acc), ==, 1);
}

static void
test_tiny_run (void)
{
  OcWindow *window = gui_test_window_new (settings);
  OcPrunePage *page = prune_page (window);
  OcPruneResults *r;
  const OcPlotFigure *f;
  guint n_deliveries = 0, max_batch = 0;

  gtk_window_set_default_size (GTK_WINDOW (window), 1500, 950);
  configure (window, 2, 60);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.start", NULL);
  g_assert_true (PAGE_RUNNING (page));
  g_assert_true (gui_test_wait_for (prune_idle, window, 240));
  r = oc_prune_page_get_results (page);
  g_assert_nonnull (r);
  /* imp levels 0..2, random levels 0..2 (its level 0 is the dense network, reused). */
  g_assert_cmpuint (oc_prune_results_get_n_points (r), ==, 6);
  g_assert_cmpuint (oc_prune_page_get_n_received (page), ==, 6);
  g_assert_cmpuint (oc_prune_results_get_n_finished (r), ==, 6);
  oc_experiment_page_get_delivery_stats (OC_EXPERIMENT_PAGE (page), &n_deliveries, &max_batch);
  g_assert_cmpuint (n_deliveries, >=, 1);
  assert_page_matches_store (window, 6);
  g_assert_nonnull (strstr (oc_prune_page_get_summary (page), "Smallest matching density"));

  /* The weight and mask figures follow the slider: the last level first. */
  g_assert_cmpuint (oc_prune_page_get_level (page), ==, 2);
  f = view_figure (window, "weights", 0);
  g_assert_nonnull (f);
  g_assert_nonnull (strstr (oc_plot_figure_get_title (f), "level 2"));
  oc_prune_page_set_level (page, 1);
  f = view_figure (window, "weights", 0);
  g_assert_nonnull (strstr (oc_plot_figure_get_title (f), "level 1"));
  /* Level 1 has a next pruning: kept and pruned, and the threshold between them. */
  g_assert_cmpuint (oc_plot_figure_get_n_series (f), ==, 3);
  g_assert_cmpuint (oc_plot_figure_get_n_references (f), ==, 1);
  g_assert_nonnull (view_figure (window, "weights", 1));
  g_assert_nonnull (view_figure (window, "masks", 0));
  g_assert_nonnull (view_figure (window, "masks", 1));
  g_assert_nonnull (view_figure (window, "masks", 2));
  g_assert_nonnull (view_figure (window, "overlap", 0));

  /* Play from level 0: the slider steps on by itself, every level figure with it, and stops at
   * the last level. */
  oc_prune_page_set_level (page, 0);
  oc_prune_page_show_tab (page, "masks");
  g_assert_nonnull (strstr (oc_plot_figure_get_title (view_figure (window, "masks", 0)),
                            "level 0"));
  oc_prune_page_set_playing (page, TRUE);
  g_assert_true (oc_prune_page_get_playing (page));
  g_assert_true (gui_test_wait_for (at_level_2, window, 30));
  g_assert_true (gui_test_wait_for (not_playing, window, 30));
  g_assert_cmpuint (oc_prune_page_get_level (page), ==, 2);
  g_assert_nonnull (strstr (oc_plot_figure_get_title (view_figure (window, "masks", 0)),
                            "level 2"));
  g_assert_nonnull (strstr (oc_plot_figure_get_title (view_figure (window, "weights", 0)),
                            "level 2"));
  /* Play at the last level starts over at 0; Pause stays where it is. */
  oc_prune_page_set_playing (page, TRUE);
  g_assert_cmpuint (oc_prune_page_get_level (page), ==, 0);
  oc_prune_page_set_playing (page, FALSE);
  g_assert_false (oc_prune_page_get_playing (page));
  g_assert_cmpuint (oc_prune_page_get_level (page), ==, 0);
  oc_prune_page_set_level (page, 2);

  /* Hover a receptive field: the unit drawn there, with its numbers. */
  {
    g_autoptr (GPtrArray) views = NULL;
    GtkWidget *atlas_view;
    const OcPlotFigure *atlas;
    OcPlotTheme theme;
    guint n_units;
    g_autofree OcPruneUnit *units = oc_prune_units_new (r, 2, OC_PRUNE_SORT_INPUTS, &n_units);
    double x, y, w, h;
    g_autofree char *text = NULL, *expect = NULL;

    oc_prune_page_show_tab (page, "masks");
    views = oc_page_get_figure_views (OC_PAGE (page));
    atlas_view = views->pdata[0];
    gui_test_spin_for (0.2);
    atlas = oc_figure_view_get_figure (OC_FIGURE_VIEW (atlas_view));
    g_assert_nonnull (units);
    g_assert_cmpuint (n_units, ==, 32);
    oc_figure_view_screen_theme (atlas_view, &theme);
    g_assert_true (oc_plot_figure_get_image_rect (atlas, gtk_widget_get_width (atlas_view),
                                                  gtk_widget_get_height (atlas_view), &theme, 3,
                                                  &x, &y, &w, &h));
    text = oc_prune_page_describe_unit_at (page, x + w / 2, y + h / 2);
    g_assert_nonnull (text);
    expect = g_strdup_printf ("Unit %u", units[3].unit);
    g_assert_true (g_str_has_prefix (text, expect));
    g_free (expect);
    expect = g_strdup_printf ("%u surviving inputs · %u outputs", units[3].inputs,
                              units[3].outputs);
    g_assert_nonnull (strstr (text, expect));
    /* Outside every tile: nothing to tell. */
    g_assert_null (oc_prune_page_describe_unit_at (page, 1, 1));

    oc_prune_page_set_sort (page, OC_PRUNE_SORT_NORM);
    g_assert_nonnull (strstr (oc_plot_figure_get_title (view_figure (window, "masks", 0)),
                              "largest norm first"));
    oc_prune_page_set_sort (page, OC_PRUNE_SORT_INPUTS);
  }

  /* The fan-in figure gets the mean training image's outline once the data are loaded. */
  g_assert_true (gui_test_wait_for (mean_loaded, window, 60));
  g_assert_nonnull (strstr (oc_plot_figure_get_title (view_figure (window, "masks", 1)),
                            "lines: mean image"));

  {
    static const struct
    {
      const char       *name;
      AdwColorScheme    scheme;
    } styles[] = {
      { "page-prune-light", ADW_COLOR_SCHEME_FORCE_LIGHT },
      { "page-prune-dark", ADW_COLOR_SCHEME_FORCE_DARK },
    };
    static const char *const tabs[] = { "curves", "weights", "masks", "overlap" };
    AdwStyleManager *style = adw_style_manager_get_default ();
    GtkStack *stack = find_tab_stack (GTK_WIDGET (page));
    g_autoptr (GPtrArray) views = NULL;
    guint draws;

    g_assert_nonnull (stack);

    for (guint s = 0; s < G_N_ELEMENTS (styles); s++)
      {
        adw_style_manager_set_color_scheme (style, styles[s].scheme);
        for (guint t = 0; t < G_N_ELEMENTS (tabs); t++)
          {
            g_autofree char *name = g_strdup_printf ("%s-%s", styles[s].name, tabs[t]);

            oc_prune_page_show_tab (page, tabs[t]);
            views = oc_page_get_figure_views (OC_PAGE (page));
            g_assert_cmpuint (views->len, >, 0);
            draws = oc_figure_view_get_n_draws (views->pdata[0]);
            /* The stack crossfades: until its transition ends the snapshot would still show
             * the previous tab. */
            g_assert_true (gui_test_wait_for (transition_done, stack, 10));
            g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, tabs[t]);
            /* The level controls only where a level is shown. */
            g_assert_cmpint (oc_prune_page_get_level_controls_shown (page), ==,
                             g_str_equal (tabs[t], "weights") || g_str_equal (tabs[t], "masks"));
            gui_test_save_snapshot (window, name);
            /* The tab's own first figure was painted since it was shown, and the other tabs'
             * figures are no longer on screen. */
            g_assert_cmpuint (oc_figure_view_get_n_draws (views->pdata[0]), >, draws);
            assert_only_tab_mapped (stack, tabs[t]);
            g_clear_pointer (&views, g_ptr_array_unref);
          }
      }
    adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  }

  /* A new window shows the finished experiment from the store alone. */
  gui_test_window_finish (window);
  window = gui_test_window_new (settings);
  configure (window, 2, 60);
  r = oc_prune_page_get_results (prune_page (window));
  g_assert_cmpuint (oc_prune_results_get_n_finished (r), ==, 6);
  g_assert_cmpuint (oc_prune_page_get_n_received (prune_page (window)), ==, 0);
  assert_page_matches_store (window, 6);
  g_assert_nonnull (view_figure (window, "masks", 0));
  gui_test_window_finish (window);
}

/* The page's default protocol (Frankle & Carbin) holds out a validation split, so its
 * early-stopping figure means something without the user changing anything. */
static void
test_default_validation (void)
{
  OcWindow *window;
  OcPruneSettings *pane;
  const OcSpec *spec;
  const OcDataOptions *data;

  reset_settings ();
  window = gui_test_window_new (settings);
  oc_window_show_page (window, "prune");
  pane = oc_prune_page_get_settings_pane (prune_page (window));
  oc_spec_settings_flush (OC_SPEC_SETTINGS (pane));
  spec = oc_spec_settings_get_spec (OC_SPEC_SETTINGS (pane));
  g_assert_nonnull (spec);
  g_assert_cmpstr (oc_spec_get_kind (spec), ==, "prune");
  data = oc_spec_get_values (spec);
  g_assert_cmpuint (data->val_size, ==, 5000);
  gui_test_window_finish (window);
}

static void
test_stop (void)
{
  OcWindow *window = gui_test_window_new (settings);
  OcPrunePage *page = prune_page (window);
  gint64 t0;
  guint received;

  configure (window, 3, 3000);
  gtk_widget_activate_action (GTK_WIDGET (page), "page.run", NULL);
  g_assert_true (gui_test_wait_for (one_level, window, 240));
  t0 = g_get_monotonic_time ();
  gtk_widget_activate_action (GTK_WIDGET (window), "win.stop", NULL);
  g_assert_true (gui_test_wait_for (prune_idle, window, 30));
  /* The current step ends and the worker returns: well under the length of a level. */
  g_assert_cmpfloat ((g_get_monotonic_time () - t0) / 1e6, <, 10);
  received = oc_prune_page_get_n_received (page);
  g_assert_cmpuint (received, >=, 1);
  g_assert_cmpuint (received, <, 8);
  assert_page_matches_store (window, received);
  gui_test_window_finish (window);
}

static const char *
spec_text (OcPruneSettings *pane, const char *name)
{
  static char *text;
  const OcSpec *spec;

  oc_spec_settings_flush (OC_SPEC_SETTINGS (pane));
  spec = oc_spec_settings_get_spec (OC_SPEC_SETTINGS (pane));
  g_assert_cmpstr (oc_spec_settings_get_error (OC_SPEC_SETTINGS (pane)), ==, NULL);
  g_assert_nonnull (spec);
  g_free (text);
  text = oc_spec_get_field_text (spec, "prune", name);
  return text;
}

/* The method chooser writes the spec's fields (no JSON of its own): the method's control and its
 * checks into controls, the list into densities, IMP's rows hidden; back to IMP, its own controls
 * and no densities. A tiny edge-popup run fills the methods figure from what the store holds. */
static void
test_methods (void)
{
  static const struct
  {
    OcPruneMethod method;
    const char   *densities;
    gboolean      shuffle, reinit;
    const char   *controls; /* expected, canonical */
    gboolean      checks_shown;
  } cases[] = {
    { OC_PRUNE_METHOD_SNIP, "10,50", TRUE, TRUE, "imp,snip,snip-shuffle,snip-reinit", TRUE },
    { OC_PRUNE_METHOD_SYNFLOW, "50,10", FALSE, TRUE, "imp,synflow,synflow-reinit", TRUE },
    /* Random has no checks: the switches are hidden and ignored. */
    { OC_PRUNE_METHOD_RANDOM, "50,10", TRUE, TRUE, "imp,random-init", FALSE },
    { OC_PRUNE_METHOD_EDGE_POPUP, "50, 10", TRUE, FALSE, "imp,edge-popup,edge-popup-shuffle",
      TRUE },
  };
  OcWindow *window = gui_test_window_new (settings);
  OcPrunePage *page = prune_page (window);
  OcPruneSettings *pane = oc_prune_page_get_settings_pane (page);
  g_autoptr (OcStore) store = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (GError) error = NULL;
  const OcPlotFigure *f;
  gboolean found = FALSE;

  gtk_window_set_default_size (GTK_WINDOW (window), 1500, 950);
  configure (window, 1, 60);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      oc_prune_settings_set_method (pane, cases[i].method);
      oc_prune_settings_set_densities (pane, cases[i].densities);
      oc_prune_settings_set_checks (pane, cases[i].shuffle, cases[i].reinit);
      g_assert_cmpstr (spec_text (pane, "controls"), ==, cases[i].controls);
      g_assert_cmpstr (spec_text (pane, "densities"), ==, "50,10");
      g_assert_false (oc_prune_settings_row_visible (pane, "levels_row"));
      g_assert_false (oc_prune_settings_row_visible (pane, "controls_row"));
      g_assert_true (oc_prune_settings_row_visible (pane, "densities_row"));
      g_assert_cmpint (oc_prune_settings_row_visible (pane, "shuffle_row"), ==,
                       cases[i].checks_shown);
    }
  /* An empty list is refused under its row. */
  oc_prune_settings_set_densities (pane, " ");
  oc_spec_settings_flush (OC_SPEC_SETTINGS (pane));
  g_assert_null (oc_spec_settings_get_spec (OC_SPEC_SETTINGS (pane)));
  g_assert_true (g_str_has_prefix (oc_spec_settings_get_error (OC_SPEC_SETTINGS (pane)),
                                   "Densities"));
  /* IMP again: its levels and controls, no densities. */
  oc_prune_settings_set_method (pane, OC_PRUNE_METHOD_IMP);
  g_assert_cmpstr (spec_text (pane, "controls"), ==, "imp,random");
  g_assert_cmpstr (spec_text (pane, "densities"), ==, "");
  g_assert_true (oc_prune_settings_row_visible (pane, "levels_row"));
  g_assert_false (oc_prune_settings_row_visible (pane, "densities_row"));

  /* Edge-popup at 50 % and 10 % with its shuffled check, 60 iterations each. */
  oc_prune_settings_set_method (pane, OC_PRUNE_METHOD_EDGE_POPUP);
  oc_prune_settings_set_densities (pane, "50,10");
  oc_prune_settings_set_checks (pane, TRUE, FALSE);
  g_assert_cmpstr (spec_text (pane, "controls"), ==, "imp,edge-popup,edge-popup-shuffle");
  gtk_widget_activate_action (GTK_WIDGET (page), "page.run", NULL);
  g_assert_true (gui_test_wait_for (prune_idle, window, 240));
  f = view_figure (window, "methods", 0);
  g_assert_nonnull (f);
  store = gui_test_open_store ();
  rows = oc_prune_rows_load (store, oc_prune_results_get_id (oc_prune_page_get_results (page)),
                             &error);
  g_assert_no_error (error);
  /* The edge-popup line: one point per density, at the stored test accuracy. */
  for (guint i = 0; i < oc_plot_figure_get_n_series (f); i++)
    {
      const double *x, *y;
      gsize n;

      if (!g_str_has_prefix (oc_plot_figure_get_series_name (f, i), "edge-popup,"))
        continue;
      found = TRUE;
      n = oc_plot_figure_get_series_data (f, i, &x, &y);
      g_assert_cmpuint (n, ==, 2);
      for (gsize k = 0; k < n; k++)
        {
          gboolean matched = FALSE;

          for (guint j = 0; j < rows->len; j++)
            {
              const OcPruneRow *r = rows->pdata[j];

              if (r->control == OC_CONTROL_EDGE_POPUP && r->level > 0
                  && fabs (100 * r->density - x[k]) < 1e-9)
                {
                  g_assert_cmpfloat_with_epsilon (y[k], 100 * oc_prune_row_accuracy (r), 1e-9);
                  matched = TRUE;
                }
            }
          g_assert_true (matched);
          g_assert_true (fabs (x[k] - 50) < 1 || fabs (x[k] - 10) < 1);
        }
    }
  g_assert_true (found);
  gui_test_save_snapshot (window, "page-prune-methods");
  gui_test_window_finish (window);
}

/* The Custom protocol trains for the Train page's length, not the preset's 50,000 iterations
 * left in the row by the default protocol. */
static void
test_custom_length (void)
{
  OcWindow *window;
  OcPruneSettings *pane;
  const OcSpec *spec;

  reset_settings ();
  window = gui_test_window_new (settings);
  pane = oc_prune_page_get_settings_pane (prune_page (window));
  oc_window_show_page (window, "prune");
  oc_spec_settings_flush (OC_SPEC_SETTINGS (pane));
  spec = oc_spec_settings_get_spec (OC_SPEC_SETTINGS (pane));
  g_assert_cmpuint (oc_spec_get_train_config (spec)->iterations, ==, 50000);
  gui_test_load (window, settings, "fashion-mnist");
  oc_window_show_page (window, "prune");
  oc_spec_settings_set_protocol (OC_SPEC_SETTINGS (pane), NULL);
  oc_spec_settings_flush (OC_SPEC_SETTINGS (pane));
  spec = oc_spec_settings_get_spec (OC_SPEC_SETTINGS (pane));
  g_assert_nonnull (spec);
  g_assert_cmpuint (oc_spec_get_train_config (spec)->iterations, !=, 50000);
  gui_test_window_finish (window);
}

/* The id of the spec the Pruning pane of a new window builds, after its rows settled. */
static char *
new_window_spec_id (OcWindow **window)
{
  OcPruneSettings *pane;
  const OcSpec *spec;

  *window = gui_test_window_new (settings);
  oc_window_show_page (*window, "prune");
  pane = oc_prune_page_get_settings_pane (prune_page (*window));
  oc_spec_settings_flush (OC_SPEC_SETTINGS (pane));
  spec = oc_spec_settings_get_spec (OC_SPEC_SETTINGS (pane));
  g_assert_nonnull (spec);
  return oc_spec_id (spec);
}

/* The pane comes back in the next session as it was left: protocol, rows and method; remembered
 * settings that no longer read as a spec give the default protocol instead. */
static void
test_remembered (void)
{
  OcWindow *window;
  OcPruneSettings *pane;
  g_autofree char *defaults = NULL, *edited = NULL, *again = NULL, *method = NULL;
  g_autofree char *method_again = NULL, *fallback = NULL;
  const OcSpec *spec;

  reset_settings ();
  defaults = new_window_spec_id (&window);
  pane = oc_prune_page_get_settings_pane (prune_page (window));
  oc_prune_settings_set_levels (pane, 7);
  oc_prune_settings_set_controls (pane, "imp,random");
  oc_spec_settings_flush (OC_SPEC_SETTINGS (pane));
  spec = oc_spec_settings_get_spec (OC_SPEC_SETTINGS (pane));
  g_assert_nonnull (spec);
  g_assert_cmpuint (((const OcPruneSpec *) oc_spec_get_values (spec))->levels, ==, 7);
  edited = oc_spec_id (spec);
  g_assert_cmpstr (edited, !=, defaults);
  gui_test_window_finish (window);

  again = new_window_spec_id (&window);
  g_assert_cmpstr (again, ==, edited);
  pane = oc_prune_page_get_settings_pane (prune_page (window));
  oc_prune_settings_set_method (pane, OC_PRUNE_METHOD_SNIP);
  oc_prune_settings_set_densities (pane, "20,5");
  oc_spec_settings_flush (OC_SPEC_SETTINGS (pane));
  method = oc_spec_id (oc_spec_settings_get_spec (OC_SPEC_SETTINGS (pane)));
  gui_test_window_finish (window);

  method_again = new_window_spec_id (&window);
  g_assert_cmpstr (method_again, ==, method);
  gui_test_window_finish (window);

  g_settings_set_value (settings, "pane-states",
                        g_variant_new_parsed ("{'prune': <('frankle-carbin', '{not json')>}"));
  fallback = new_window_spec_id (&window);
  g_assert_cmpstr (fallback, ==, defaults);
  gui_test_window_finish (window);
}

int
main (int argc, char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  /* A store of this program's own, empty at the start. */
  settings = gui_test_init ("prune");

  g_test_add_func ("/prune-page/tiny-run", test_tiny_run);
  g_test_add_func ("/prune-page/stop", test_stop);
  g_test_add_func ("/prune-page/default-validation", test_default_validation);
  g_test_add_func ("/prune-page/methods", test_methods);
  g_test_add_func ("/prune-page/custom-length", test_custom_length);
  g_test_add_func ("/prune-page/remembered", test_remembered);
  status = g_test_run ();
  g_object_unref (settings);
  return status;
}
