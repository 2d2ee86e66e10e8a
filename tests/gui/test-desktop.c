/* test-desktop.c — the window as a desktop citizen, under Xvfb: History follows the store that
 * occam-cli writes to and keeps its sidebar's width, the system is kept awake while a run goes
 * on, long runs that end unseen are announced, and the window reopens on its last page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "gui-test-util.h"
#include "oc-workspace.h"

static GSettings *settings;

/* Runs occam-cli with @argv (after the program) on the tests' store, as another process would. */
static void
run_cli (const char *const *args)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr (GError) error = NULL;
  int status = -1;

  g_ptr_array_add (argv, (char *) g_getenv ("OC_CLI"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  g_assert_nonnull (argv->pdata[0]);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("occam-cli failed: %s", err);
}

typedef struct
{
  OcWindow *window;
  guint     n;
} CountWait;

static gboolean
history_has (gpointer data)
{
  CountWait *w = data;

  return oc_history_page_get_n_experiments (HISTORY_PAGE (w->window)) == w->n;
}

/* The ID of the newest experiment of @kind in the store, as another connection sees it. */
static char *
newest (const char *kind)
{
  g_autoptr (OcStore) store = gui_test_open_store ();
  g_autoptr (GPtrArray) list = oc_store_list_experiments (store, NULL);

  g_assert_nonnull (list);
  for (guint i = 0; i < list->len; i++)
    {
      const OcStoreExperiment *e = list->pdata[i];

      if (g_strcmp0 (e->kind, kind) == 0)
        return g_strdup (e->id);
    }
  g_assert_not_reached ();
}

static int
sidebar_width (OcWindow *window)
{
  /* Let a selection's new texts reach layout before measuring. */
  gui_test_spin_for (0.3);
  return gtk_widget_get_width (oc_history_page_get_sidebar (HISTORY_PAGE (window)));
}

/* occam-cli writes to the store while the window is open: History shows each run within a few
 * seconds, describes a sweep by what it sweeps, and its sidebar keeps its width whatever is
 * selected. */
static void
test_history_follows_store (void)
{
  static const char *const train[] = { "train", "--dataset", "blobs", "--hidden", "8",
                                       "--epochs", "5", "-q", NULL };
  static const char *const sweep[] = { "sweep", "--dataset", "blobs", "--hidden", "3",
                                       "--widths", "2,4,8", "--seeds", "0,1", "--epochs", "5",
                                       "-q", NULL };
  OcWindow *window;
  OcHistoryPage *history;
  CountWait wait;
  g_autofree char *train_id = NULL, *sweep_id = NULL;
  const char *text;
  int width;

  gui_test_reset_settings (settings);
  g_settings_set_int (settings, "window-width", 1440);
  g_settings_set_int (settings, "window-height", 900);
  window = gui_test_window_new (settings);
  history = HISTORY_PAGE (window);
  oc_window_show_page (window, "history");
  wait.window = window;
  wait.n = oc_history_page_get_n_experiments (history) + 1;

  run_cli (train);
  g_assert_true (gui_test_wait_for (history_has, &wait, 10));
  run_cli (sweep);
  wait.n++;
  g_assert_true (gui_test_wait_for (history_has, &wait, 10));

  train_id = newest ("train");
  sweep_id = newest ("sweep");
  text = oc_history_page_get_description (history, sweep_id);
  g_assert_nonnull (text);
  g_assert_true (g_str_has_prefix (text, "widths 2–8 · 2 seeds · "));
  g_assert_null (strstr (text, "hidden"));

  width = sidebar_width (window);
  g_assert_cmpint (width, >=, 440);
  oc_history_page_select (history, sweep_id);
  g_assert_cmpint (sidebar_width (window), ==, width);
  oc_history_page_select (history, train_id);
  g_assert_cmpint (sidebar_width (window), ==, width);
  gui_test_save_snapshot (window, "history-live-light");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_DARK);
  oc_history_page_select (history, sweep_id);
  g_assert_cmpint (sidebar_width (window), ==, width);
  gui_test_save_snapshot (window, "history-live-dark");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_DEFAULT);
  gui_test_window_finish (window);
}

static gboolean
train_running (gpointer window)
{
  return PAGE_RUNNING (TRAIN_PAGE (window));
}

static gboolean
train_idle (gpointer window)
{
  return !PAGE_RUNNING (TRAIN_PAGE (window));
}

/* Suspend is inhibited from a run's start to its end, and only then. */
static void
test_inhibit_during_run (void)
{
  OcWindow *window;
  OcWorkspace *workspace;

  gui_test_reset_settings (settings);
  g_settings_set_string (settings, "hidden", "64");
  g_settings_set_uint (settings, "iterations", 200000);
  g_settings_set_uint (settings, "eval-every", 1000);
  g_settings_set_uint (settings, "blas-threads", 1);
  window = gui_test_window_new (settings);
  workspace = oc_window_get_workspace (window);
  gui_test_load (window, settings, "moons");
  g_assert_false (oc_window_get_inhibiting (window));
  g_assert_cmpuint (oc_workspace_get_n_running (workspace), ==, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.start", NULL));
  g_assert_true (gui_test_wait_for (train_running, window, 30));
  g_assert_cmpuint (oc_workspace_get_n_running (workspace), ==, 1);
  g_assert_true (oc_window_get_inhibiting (window));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.stop", NULL));
  g_assert_true (gui_test_wait_for (train_idle, window, 60));
  g_assert_cmpuint (oc_workspace_get_n_running (workspace), ==, 0);
  g_assert_false (oc_window_get_inhibiting (window));
  gui_test_window_finish (window);
}

/* A run that ends after 30 s or more while the window is not focused is announced; a short one,
 * or one the user watched end, is not. */
static void
test_notify_long_run (void)
{
  OcWindow *window;
  OcWorkspace *workspace;
  gboolean active;

  gui_test_reset_settings (settings);
  window = gui_test_window_new (settings);
  workspace = oc_window_get_workspace (window);
  active = gtk_window_is_active (GTK_WINDOW (window));

  oc_workspace_run_began (workspace);
  g_assert_true (oc_window_get_inhibiting (window));
  oc_workspace_run_ended (workspace, "Sweep finished: 3 points computed", 12);
  g_assert_false (oc_window_get_inhibiting (window));
  g_assert_null (oc_window_get_last_notification (window));

  oc_workspace_run_began (workspace);
  oc_workspace_run_began (workspace);
  oc_workspace_run_ended (workspace, "Training finished: 1 model computed", 45);
  /* Another page still runs: still awake. */
  g_assert_true (oc_window_get_inhibiting (window));
  if (active)
    g_assert_null (oc_window_get_last_notification (window));
  else
    g_assert_cmpstr (oc_window_get_last_notification (window), ==,
                     "Training finished: 1 model computed");
  oc_workspace_run_ended (workspace, "Sweep finished: 3 points computed", 31);
  g_assert_false (oc_window_get_inhibiting (window));
  if (!active)
    g_assert_cmpstr (oc_window_get_last_notification (window), ==,
                     "Sweep finished: 3 points computed");
  gui_test_window_finish (window);
}

/* The window reopens on the page it showed last; a name no page has any more opens the first. */
static void
test_last_page (void)
{
  OcWindow *window;
  g_autofree char *saved = NULL;

  gui_test_reset_settings (settings);
  window = gui_test_window_new (settings);
  g_assert_true (gtk_widget_get_mapped (oc_window_get_page (window, "dataset")));
  oc_window_show_page (window, "history");
  gui_test_window_finish (window);
  saved = g_settings_get_string (settings, "last-page");
  g_assert_cmpstr (saved, ==, "history");

  window = gui_test_window_new (settings);
  g_assert_true (gtk_widget_get_mapped (oc_window_get_page (window, "history")));
  g_assert_false (gtk_widget_get_mapped (oc_window_get_page (window, "dataset")));
  gui_test_window_finish (window);

  g_settings_set_string (settings, "last-page", "no-such-page");
  window = gui_test_window_new (settings);
  g_assert_true (gtk_widget_get_mapped (oc_window_get_page (window, "dataset")));
  gui_test_window_finish (window);
}

int
main (int argc, char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  settings = gui_test_init ("desktop");

  g_test_add_func ("/desktop/history-follows-store", test_history_follows_store);
  g_test_add_func ("/desktop/inhibit-during-run", test_inhibit_during_run);
  g_test_add_func ("/desktop/notify-long-run", test_notify_long_run);
  g_test_add_func ("/desktop/last-page", test_last_page);
  status = g_test_run ();
  g_object_unref (settings);
  return status;
}
