/* test-animation-export.c — Export Animation… in the real window: the dialog offers the visible
 * page's stored experiments and preselects the visible figure; the worker writes a GIF of the
 * stored sweep frame by frame with its counters at the frame count, and a stopped export
 * leaves no file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The file chooser is left out: the test calls the function its response starts.
 */
#include <glib/gstdio.h>
#include <string.h>

#include "gui-test-util.h"
#include "oc-animation-export.h"
#include "oc-window.h"

static GSettings *settings;

typedef struct
{
  gboolean done, ok;
  GError  *error;
} Result;

static void
on_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Result *r = user_data;

  r->ok = oc_animation_export_finish (result, &r->error);
  r->done = TRUE;
}

static gboolean
is_done (gpointer data)
{
  return ((Result *) data)->done;
}

static char *
run_sweep (const char *store_path)
{
  const char *argv[] = { g_getenv ("OC_CLI"), "sweep", "--dataset", "spiral", "--n-points",
                         "200", "--widths", "2,4,8", "--seeds", "0", "--epochs", "3",
                         "--store", store_path, "-q", NULL };
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr (GError) error = NULL;
  const char *id;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out,
                               &err, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  id = strstr (out, "experiment: ");
  g_assert_nonnull (id);
  return g_strndup (id + strlen ("experiment: "), 16);
}

/* The toplevel AdwMessageDialog, if one is open. */
static AdwMessageDialog *
find_dialog (void)
{
  GListModel *tops = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (tops); i++)
    {
      g_autoptr (GObject) w = g_list_model_get_item (tops, i);

      if (ADW_IS_MESSAGE_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w)))
        return ADW_MESSAGE_DIALOG (w);
    }
  return NULL;
}

static gboolean
dialog_open (gpointer data)
{
  return find_dialog () != NULL;
}

/* The first GtkDropDown under @w whose model holds @text, and whether it is selected. */
static gboolean
dropdown_selects (GtkWidget *w, const char *text)
{
  if (GTK_IS_DROP_DOWN (w))
    {
      GObject *item = gtk_drop_down_get_selected_item (GTK_DROP_DOWN (w));

      if (GTK_IS_STRING_OBJECT (item)
          && strcmp (gtk_string_object_get_string (GTK_STRING_OBJECT (item)), text) == 0)
        return TRUE;
    }
  for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (dropdown_selects (c, text))
      return TRUE;
  return FALSE;
}

static void
test_export (void)
{
  g_autofree char *store_path = oc_store_default_path ();
  g_autofree char *dir = g_path_get_dirname (store_path);
  g_autofree char *gif = g_build_filename (dir, "dd.gif", NULL);
  g_autofree char *stopped = g_build_filename (dir, "stopped.webm", NULL);
  g_autofree char *id = run_sweep (store_path);
  g_autofree char *head = NULL;
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  AdwMessageDialog *dialog;
  OcAnimationOptions options;
  OcWindow *window;
  Result r = { 0 };
  gint done = 0, total = 0;
  gsize len;

  window = gui_test_window_new (settings);
  oc_window_show_page (window, "sweep");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.export-animation", NULL);
  g_assert_true (gui_test_wait_for (dialog_open, NULL, 10));
  dialog = find_dialog ();
  /* The sweep page's main figure is the double descent, which fills in point by point. */
  g_assert_true (dropdown_selects (GTK_WIDGET (dialog), "double-descent"));
  adw_message_dialog_response (dialog, "cancel");

  oc_animation_options_init (&options);
  options.width = 320;
  options.height = 180;
  g_unlink (gif);
  oc_animation_export_start (store_path, id, "double-descent", &options, gif, &done, &total,
                             NULL, on_done, &r);
  g_assert_true (gui_test_wait_for (is_done, &r, 60));
  g_assert_no_error (r.error);
  g_assert_true (r.ok);
  /* Three widths, one seed: three points, three frames. */
  g_assert_cmpint (total, ==, 3);
  g_assert_cmpint (done, ==, 3);
  g_assert_true (g_file_get_contents (gif, &head, &len, NULL));
  g_assert_cmpuint (len, >, 6);
  g_assert_cmpmem (head, 6, "GIF89a", 6);

  /* Stopped before the first frame: nothing written. */
  memset (&r, 0, sizeof r);
  g_unlink (stopped);
  g_cancellable_cancel (cancellable);
  oc_animation_export_start (store_path, id, "double-descent", &options, stopped, NULL, NULL,
                             cancellable, on_done, &r);
  g_assert_true (gui_test_wait_for (is_done, &r, 60));
  g_assert_false (r.ok);
  g_assert_error (r.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&r.error);
  g_assert_false (g_file_test (stopped, G_FILE_TEST_EXISTS));

  gui_test_window_finish (window);
  g_unlink (gif);
}

static void
test_figure_names (void)
{
  g_autofree char *a = oc_animation_export_figure_name ("Double descent");
  g_autofree char *b = oc_animation_export_figure_name ("Learning curve");

  g_assert_cmpstr (a, ==, "double-descent");
  g_assert_cmpstr (b, ==, "learning-curve");
}

int
main (int argc, char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  settings = gui_test_init ("animation-export");
  gui_test_reset_settings (settings);

  g_test_add_func ("/animation-export/figure-names", test_figure_names);
  g_test_add_func ("/animation-export/export", test_export);
  status = g_test_run ();
  g_object_unref (settings);
  return status;
}
