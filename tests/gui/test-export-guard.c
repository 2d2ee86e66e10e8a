/* test-export-guard.c — the window's exports never write over the experiment store: History's
 * CSV/JSON export and the figure export refuse a file that is the store (here reached through a
 * hard and a symbolic link, as a file chooser would hand it over), write nothing, and still
 * export to any other name.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The file chooser itself is left out: both tests call the function its response runs.
 */
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "gui-test-util.h"
#include "occam/oc-error.h"
#include "oc-figure-export.h"
#include "oc-figure-view.h"
#include "oc-window.h"

static GSettings *settings;

static GBytes *
file_bytes (const char *path)
{
  g_autoptr (GError) error = NULL;
  char *data = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &data, &len, &error));
  g_assert_no_error (error);
  return g_bytes_new_take (data, len);
}

static gboolean
figure_shown (gpointer window)
{
  return oc_figure_view_get_figure (oc_history_page_get_figure_view (HISTORY_PAGE (window)))
         != NULL;
}

static void
test_refuses_store (void)
{
  g_autofree char *store_path = oc_store_default_path ();
  g_autofree char *dir = g_path_get_dirname (store_path);
  g_autofree char *hard = g_build_filename (dir, "store-link.csv", NULL);
  g_autofree char *hard_json = g_build_filename (dir, "store-link.json", NULL);
  g_autofree char *soft = g_build_filename (dir, "store-link.png", NULL);
  g_autofree char *ok = g_build_filename (dir, "curve.csv", NULL);
  g_autofree char *ok_json = g_build_filename (dir, "curve.json", NULL);
  g_autofree char *ok_png = g_build_filename (dir, "curve.png", NULL);
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr (GBytes) before = NULL, after = NULL;
  g_autoptr (GError) error = NULL;
  const char *argv[] = { g_getenv ("OC_CLI"), "train", "--dataset", "blobs", "--hidden", "4",
                         "--epochs", "3", "--store", store_path, "-q", NULL };
  OcWindow *window;
  OcHistoryPage *history;
  OcStore *store;
  int status = 0;
  char *id;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out,
                               &err, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  id = strstr (out, "experiment: ");
  g_assert_nonnull (id);
  id = g_strndup (id + strlen ("experiment: "), 16);

  window = gui_test_window_new (settings);
  history = HISTORY_PAGE (window);
  store = oc_workspace_get_store (oc_window_get_workspace (window));
  g_assert_nonnull (store);
  oc_window_show_page (window, "history");
  oc_history_page_reload (history);
  oc_history_page_select (history, id);
  g_assert_true (gui_test_wait_for (figure_shown, window, 10));
  before = file_bytes (store_path);

  /* History's export: NAME.csv is the store (a hard link to it). */
  g_unlink (hard);
  g_unlink (hard_json);
  g_assert_cmpint (link (store_path, hard), ==, 0);
  g_assert_false (oc_history_page_export_selected (history, hard, &error));
  g_assert_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "is the experiment store"));
  g_clear_error (&error);
  g_assert_false (g_file_test (hard_json, G_FILE_TEST_EXISTS));
  after = file_bytes (store_path);
  g_assert_true (g_bytes_equal (before, after));
  g_clear_pointer (&after, g_bytes_unref);

  /* The figure export: the chosen PNG is a symbolic link to the store. */
  g_unlink (soft);
  g_assert_cmpint (symlink (store_path, soft), ==, 0);
  g_assert_false (oc_figure_export_to_file (oc_figure_view_get_figure (
                                              oc_history_page_get_figure_view (history)),
                                            oc_export_theme (FALSE), store, soft, &error));
  g_assert_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "is the experiment store"));
  g_clear_error (&error);
  after = file_bytes (store_path);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_true (g_file_test (soft, G_FILE_TEST_IS_SYMLINK));

  /* Other names export as before. */
  g_assert_true (oc_history_page_export_selected (history, ok, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (ok, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (ok_json, G_FILE_TEST_IS_REGULAR));
  g_assert_true (oc_figure_export_to_file (oc_figure_view_get_figure (
                                             oc_history_page_get_figure_view (history)),
                                           oc_export_theme (FALSE), store, ok_png, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (ok_png, G_FILE_TEST_IS_REGULAR));

  gui_test_window_finish (window);
  g_unlink (hard);
  g_unlink (soft);
  g_free (id);
}

int
main (int argc, char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  /* A store of this program's own, empty at the start. */
  settings = gui_test_init ("export-guard");
  gui_test_reset_settings (settings);

  g_test_add_func ("/export-guard/refuses-store", test_refuses_store);
  status = g_test_run ();
  g_object_unref (settings);
  return status;
}
