/* test-export-parity.c — the window and occam-cli draw the same figure: a small spiral sweep
 * made by occam-cli, opened from History on the Sweep page of the real window under Xvfb, its
 * main figure exported as the window's Export does, and the same figure drawn by
 * `occam-cli plot --experiment ID --figure double-descent` at the same size, scale and theme.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The two PNG files must be byte-identical, not merely alike: both go through the plot library's
 * export, which writes pixels and no time or other metadata, so any difference is a different
 * figure (another title, another mode, other points) or another font setup.
 */
#include <glib/gstdio.h>
#include <string.h>

#include "gui-test-util.h"
#include "oc-figure-export.h"
#include "oc-figure-view.h"
#include "oc-window.h"

static GSettings *settings;

typedef struct
{
  OcWindow   *window;
  const char *id;
} Opened;

/* The Sweep page shows the stored experiment with all its points. */
static gboolean
sweep_shown (gpointer data)
{
  Opened *o = data;
  OcSweepPage *page = SWEEP_PAGE (o->window);
  const OcSweepResults *r = oc_sweep_page_get_results (page);

  return g_strcmp0 (oc_experiment_page_get_experiment_id (OC_EXPERIMENT_PAGE (page)), o->id) == 0
         && r != NULL
         && oc_sweep_results_get_n_finished (r) == 4
         && oc_figure_view_get_figure (oc_sweep_page_get_main_view (page)) != NULL;
}

static void
test_double_descent_parity (void)
{
  g_autofree char *store = oc_store_default_path ();
  const char *dir = g_getenv ("OC_TEST_ARTIFACTS");
  g_autofree char *gui_png = g_build_filename (dir ? dir : ".", "parity-window.png", NULL);
  g_autofree char *cli_png = g_build_filename (dir ? dir : ".", "parity-cli.png", NULL);
  g_autofree char *listing = NULL;
  g_autofree char *gui_bytes = NULL, *cli_bytes = NULL;
  g_autoptr (OcStore) handle = NULL;
  g_autoptr (GPtrArray) experiments = NULL;
  g_autoptr (GError) error = NULL;
  gsize gui_len, cli_len;
  gboolean presentation;
  OcWindow *window;
  Opened opened;
  char *id;

  /* The small sweep, into the store the window opens. */
  {
    const char *sweep[] = { "sweep", "--dataset", "spiral", "--widths", "2,8", "--seeds", "0,1",
                            "--epochs", "5", "--store", store, "-q", NULL };
    g_autofree char *out = gui_test_run_cli (sweep);
  }
  handle = gui_test_open_store ();
  experiments = oc_store_list_experiments (handle, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (experiments->len, ==, 1);
  id = ((OcStoreExperiment *) experiments->pdata[0])->id;

  /* History lists it; Open shows it on the Sweep page, read from the store. */
  window = gui_test_window_new (settings);
  oc_window_show_page (window, "history");
  oc_history_page_reload (HISTORY_PAGE (window));
  oc_history_page_select (HISTORY_PAGE (window), id);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (HISTORY_PAGE (window)),
                                             "history.rerun", NULL));
  opened.window = window;
  opened.id = id;
  g_assert_true (gui_test_wait_for (sweep_shown, &opened, 30));
  g_assert_false (PAGE_RUNNING (SWEEP_PAGE (window)));

  /* What Export (Ctrl+E) writes for the main figure: oc-figure-export.c's size, scale and the
   * window's export theme. */
  presentation = g_settings_get_boolean (settings, "presentation-exports");
  g_unlink (gui_png);
  g_assert_true (oc_plot_figure_export (oc_figure_view_get_figure (oc_sweep_page_get_main_view (
                                          SWEEP_PAGE (window))),
                                        oc_export_theme (presentation), gui_png, OC_EXPORT_WIDTH,
                                        OC_EXPORT_HEIGHT, OC_EXPORT_SCALE, &error));
  g_assert_no_error (error);
  gui_test_window_finish (window);

  /* The same figure from the command line. */
  {
    g_autofree char *size = g_strdup_printf ("%dx%d", OC_EXPORT_WIDTH, OC_EXPORT_HEIGHT);
    char scale[G_ASCII_DTOSTR_BUF_SIZE];
    const char *list[] = { "plot", "--experiment", id, "--store", store, "--list-figures", NULL };
    const char *plot[] = { "plot", "--experiment", id, "--store", store,
                           "--figure", "double-descent", "--size", size, "--scale",
                           g_ascii_dtostr (scale, sizeof scale, OC_EXPORT_SCALE), "--theme",
                           presentation ? "presentation" : "light", "--out", cli_png, NULL };
    g_autofree char *out = NULL;

    listing = gui_test_run_cli (list);
    g_assert_true (g_str_has_prefix (listing, "double-descent "));
    g_unlink (cli_png);
    out = gui_test_run_cli (plot);
  }

  g_assert_true (g_file_get_contents (gui_png, &gui_bytes, &gui_len, &error));
  g_assert_true (g_file_get_contents (cli_png, &cli_bytes, &cli_len, &error));
  g_assert_no_error (error);
  g_test_message ("window: %s (%" G_GSIZE_FORMAT " bytes), occam-cli: %s (%" G_GSIZE_FORMAT
                  " bytes)", gui_png, gui_len, cli_png, cli_len);
  g_assert_cmpuint (gui_len, ==, cli_len);
  g_assert_true (memcmp (gui_bytes, cli_bytes, gui_len) == 0);
}

int
main (int argc, char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  /* A store of this program's own, empty at the start. */
  settings = gui_test_init ("parity");
  gui_test_reset_settings (settings);

  g_test_add_func ("/export-parity/double-descent", test_double_descent_parity);
  status = g_test_run ();
  g_object_unref (settings);
  return status;
}
