/* test-grok-page.c — the real window's Grokking page under Xvfb: a small modular-addition run
 * (p = 23) watched live — the memorised step appears on the page while the run goes on —, stop,
 * a run to the end compared with the store, and pictures in light and dark.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "occam/oc-grok.h"
#include "occam-plot/oc-plot-query.h"
#include "gui-test-util.h"
#include "oc-grok-page.h"

static GSettings *settings;

static OcGrokPage *
grok_page (OcWindow *window)
{
  return OC_GROK_PAGE (oc_window_get_page (window, "grok"));
}

static gboolean
grok_idle (gpointer window)
{
  return !PAGE_RUNNING (grok_page (window));
}

/* The memorised step is on the page while the run still goes on. */
static gboolean
memorised_live (gpointer window)
{
  OcGrokPage *page = grok_page (window);

  return PAGE_RUNNING (page)
         && strstr (oc_grok_page_get_steps_text (page), "Memorised: step")
              != NULL;
}

/* The grokking-mlp protocol on (a + b) mod 23, one run of @iterations steps. */
static void
configure (OcWindow *window, guint64 iterations)
{
  OcGrokSettings *pane = oc_grok_page_get_settings_pane (grok_page (window));

  gui_test_reset_settings (settings);
  g_settings_set_uint (settings, "blas-threads", 1);
  oc_window_show_page (window, "grok");
  oc_spec_settings_set_protocol (OC_SPEC_SETTINGS (pane), "grokking-mlp");
  oc_grok_settings_set_problem (pane, TRUE);
  oc_grok_settings_set_modulus (pane, 23);
  oc_grok_settings_set_fractions (pane, "0.5");
  oc_grok_settings_set_decays (pane, "1");
  oc_grok_settings_set_iterations (pane, iterations);
  oc_spec_settings_flush (OC_SPEC_SETTINGS (pane));
  g_assert_nonnull (oc_spec_settings_get_spec (OC_SPEC_SETTINGS (pane)));
  g_assert_cmpstr (oc_spec_get_kind (oc_spec_settings_get_spec (OC_SPEC_SETTINGS (pane))), ==,
                   "grok");
}

static void
test_live_then_stop (void)
{
  OcWindow *window = gui_test_window_new (settings);
  OcGrokPage *page = grok_page (window);
  const OcGrokResults *r;
  const OcGrokRun *run;

  configure (window, 200000);
  g_assert_cmpstr (oc_grok_page_get_steps_text (page), ==,
                   "Memorised: not yet · found the rule: not yet");
  gtk_widget_activate_action (GTK_WIDGET (page), "page.run", NULL);
  g_assert_true (gui_test_wait_for (memorised_live, window, 240));
  /* The figure marks the step the label names. */
  r = oc_grok_page_get_results (page);
  run = oc_grok_results_get_run (r, oc_grok_page_get_shown_run (page));
  g_assert_cmpint (run->memorised, >, 0);
  g_assert_cmpuint (oc_plot_figure_get_n_references (
                      oc_figure_view_get_figure (oc_grok_page_get_accuracy_view (page))), >=, 1);
  /* Live measures came with the evaluations: the weight norm of every one. */
  g_assert_cmpuint (run->measures->len, ==, run->evals->len * OC_GROK_N_MEASURES);
  g_assert_cmpfloat (g_array_index (run->measures, double, OC_GROK_MEASURE_WEIGHT_NORM), >, 0);
  /* What the page looks like while it trains: the memorised step shown, the rule not yet. */
  gui_test_save_snapshot (window, "page-grok-live");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.stop", NULL);
  g_assert_true (gui_test_wait_for (grok_idle, window, 30));
  gui_test_window_finish (window);
}

static void
test_run_to_end (void)
{
  OcWindow *window = gui_test_window_new (settings);
  OcGrokPage *page = grok_page (window);
  g_autoptr (OcStore) store = NULL;
  g_autoptr (OcStorePoint) stored = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *id = NULL;
  const OcGrokResults *r;
  const OcGrokRun *run;
  gint64 mem, gen;

  configure (window, 400);
  gtk_widget_activate_action (GTK_WIDGET (page), "page.run", NULL);
  g_assert_true (gui_test_wait_for (grok_idle, window, 240));
  r = oc_grok_page_get_results (page);
  g_assert_cmpuint (oc_grok_results_get_n_finished (r), ==, 1);
  run = oc_grok_results_get_run (r, 0);

  /* The page shows what the store holds: the same curve and summary steps. */
  store = gui_test_open_store ();
  id = oc_spec_id (oc_grok_results_get_spec (r));
  stored = oc_store_get_point (store, id, run->key, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stored->evals->len, ==, run->evals->len);
  oc_grok_summary_steps ((const OcEvalPoint *) stored->evals->data, stored->evals->len, &mem,
                         &gen);
  g_assert_cmpint (mem, ==, run->memorised);
  g_assert_cmpint (gen, ==, run->generalised);
  g_assert_cmpint (run->memorised, >, 0);
  g_assert_nonnull (run->pairs_final);
  g_assert_cmpuint (run->spectrum->len, ==, run->evals->len * run->n_frequencies);

  {
    static const struct
    {
      const char    *name;
      AdwColorScheme scheme;
    } styles[] = {
      { "page-grok-light", ADW_COLOR_SCHEME_FORCE_LIGHT },
      { "page-grok-dark", ADW_COLOR_SCHEME_FORCE_DARK },
    };
    AdwStyleManager *style = adw_style_manager_get_default ();

    for (guint s = 0; s < G_N_ELEMENTS (styles); s++)
      {
        g_autofree char *pairs = g_strdup_printf ("%s-pairs", styles[s].name);

        adw_style_manager_set_color_scheme (style, styles[s].scheme);
        oc_grok_page_set_detail (page, OC_GROK_DETAIL_SPECTRUM);
        gui_test_save_snapshot (window, styles[s].name);
        oc_grok_page_set_detail (page, OC_GROK_DETAIL_PAIRS_FINAL);
        gui_test_save_snapshot (window, pairs);
      }
    adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  }

  /* A new window shows the finished run from the store alone. */
  gui_test_window_finish (window);
  window = gui_test_window_new (settings);
  configure (window, 400);
  r = oc_grok_page_get_results (grok_page (window));
  g_assert_cmpuint (oc_grok_results_get_n_finished (r), ==, 1);
  g_assert_cmpint (oc_grok_results_get_run (r, 0)->memorised, ==, mem);
  g_assert_nonnull (strstr (oc_grok_page_get_steps_text (grok_page (window)), "step"));
  gui_test_window_finish (window);
}

/* The pane comes back in the next window as it was left (remembered in pane-states). */
static void
test_remembered (void)
{
  OcWindow *window = gui_test_window_new (settings);
  OcGrokSettings *pane;
  g_autofree char *left = NULL, *back = NULL;

  configure (window, 1234);
  pane = oc_grok_page_get_settings_pane (grok_page (window));
  oc_spec_settings_flush (OC_SPEC_SETTINGS (pane));
  g_assert_nonnull (oc_spec_settings_get_spec (OC_SPEC_SETTINGS (pane)));
  left = oc_spec_id (oc_spec_settings_get_spec (OC_SPEC_SETTINGS (pane)));
  gui_test_window_finish (window);

  window = gui_test_window_new (settings);
  oc_window_show_page (window, "grok");
  pane = oc_grok_page_get_settings_pane (grok_page (window));
  oc_spec_settings_flush (OC_SPEC_SETTINGS (pane));
  g_assert_nonnull (oc_spec_settings_get_spec (OC_SPEC_SETTINGS (pane)));
  back = oc_spec_id (oc_spec_settings_get_spec (OC_SPEC_SETTINGS (pane)));
  g_assert_cmpstr (back, ==, left);
  g_assert_cmpuint (oc_spec_get_train_config (oc_spec_settings_get_spec (
                      OC_SPEC_SETTINGS (pane)))->iterations, ==, 1234);
  gui_test_window_finish (window);
}

int
main (int argc, char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  settings = gui_test_init ("grok");

  g_test_add_func ("/grok-page/live-then-stop", test_live_then_stop);
  g_test_add_func ("/grok-page/run-to-end", test_run_to_end);
  g_test_add_func ("/grok-page/remembered", test_remembered);
  status = g_test_run ();
  g_object_unref (settings);
  return status;
}
