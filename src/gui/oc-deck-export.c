/* oc-deck-export.c — see oc-deck-export.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <glib/gi18n.h>

#include "occam/oc-error.h"
#include "occam-figures/oc-deck.h"
#include "oc-deck-export.h"
#include "oc-figure-export.h"
#include "oc-window.h"

typedef struct
{
  char        *store_path;
  OcDeck      *deck;
  char        *path;
  OcPlotFormat format;
  guint        n_written;
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  g_free (job->store_path);
  oc_deck_free (job->deck);
  g_free (job->path);
  g_free (job);
}

/* The worker reads the store through a handle of its own: the window's stays on the main
 * thread. */
static void
export_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr (GError) error = NULL;
  OcStore *store = oc_store_open (job->store_path, OC_STORE_OPEN_DEFAULT, &error);
  gboolean ok;

  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  ok = oc_deck_export (store, job->deck, job->path, job->format, OC_PLOT_SLIDE_WIDTH,
                       OC_PLOT_SLIDE_HEIGHT, OC_EXPORT_SCALE, &job->n_written, &error);
  oc_store_close (store);
  if (!ok)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

void
oc_deck_export_start (GtkWidget *toast_on, OcWorkspace *workspace, const OcDeck *deck,
                      const char *path, const char *format_name, GAsyncReadyCallback done,
                      gpointer user_data)
{
  OcStore *store = oc_workspace_get_store (workspace);
  g_autoptr (GTask) task = g_task_new (toast_on, NULL, done, user_data);
  g_autoptr (GError) error = NULL;
  g_autofree char *target = NULL;
  g_autofree char *text = NULL;
  OcPlotFormat format;
  Job *job;

  g_task_set_source_tag (task, oc_deck_export_start);
  if (store == NULL)
    {
      g_task_return_new_error (task, OC_ERROR, OC_ERROR_INVALID_ARGUMENT, "%s",
                               _("Runs are not being stored, so there is no deck to export"));
      return;
    }
  format = g_strcmp0 (format_name, "png") == 0   ? OC_PLOT_FORMAT_PNG
           : g_strcmp0 (format_name, "svg") == 0 ? OC_PLOT_FORMAT_SVG
                                                 : OC_PLOT_FORMAT_PDF;
  /* A PDF is the file NAME.pdf; PNG and SVG go into the folder NAME, whichever of the three
   * endings the name was given. */
  {
    g_autofree char *stem = g_strdup (path);
    static const char *const endings[] = { ".pdf", ".png", ".svg" };

    for (guint i = 0; i < G_N_ELEMENTS (endings); i++)
      if (g_str_has_suffix (stem, endings[i]) && strlen (stem) > strlen (endings[i]))
        stem[strlen (stem) - strlen (endings[i])] = '\0';
    target = format == OC_PLOT_FORMAT_PDF ? g_strconcat (stem, ".pdf", NULL)
                                          : g_steal_pointer (&stem);
  }
  if (!oc_export_check_target (store, target, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  job = g_new0 (Job, 1);
  job->store_path = g_strdup (oc_store_get_path (store));
  job->deck = oc_deck_dup (deck);
  job->path = g_steal_pointer (&target);
  job->format = format;
  g_task_set_task_data (task, job, job_free);
  text = g_strdup_printf (_("Exporting “%s”…"), deck->name);
  oc_window_toast (toast_on, text);
  g_task_run_in_thread (task, export_thread);
}

gboolean
oc_deck_export_finish (GAsyncResult *result, guint *n_written, GError **error)
{
  GTask *task = G_TASK (result);
  Job *job = g_task_get_task_data (task);

  if (!g_task_propagate_boolean (task, error))
    return FALSE;
  if (n_written != NULL)
    *n_written = job->n_written;
  return TRUE;
}

static void
on_exported (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GtkWidget *toast_on = GTK_WIDGET (source);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr (GError) error = NULL;
  g_autofree char *base = NULL;
  g_autofree char *text = NULL;
  guint n = 0;

  if (!oc_deck_export_finish (result, &n, &error))
    {
      oc_window_toast (toast_on, error->message);
      return;
    }
  base = g_path_get_basename (job->path);
  if (job->format == OC_PLOT_FORMAT_PDF)
    text = g_strdup_printf (ngettext ("Saved %s (%u slide)", "Saved %s (%u slides)",
                                      oc_deck_get_n_slides (job->deck)),
                            base, oc_deck_get_n_slides (job->deck));
  else
    text = g_strdup_printf (ngettext ("Saved %u slide in %s", "Saved %u slides in %s", n), n,
                            base);
  oc_window_toast (toast_on, text);
}

typedef struct
{
  GtkWindow   *parent;
  OcWorkspace *workspace;
  OcDeck      *deck;
} Ask;

static void
ask_free (Ask *ask)
{
  g_object_unref (ask->parent);
  g_object_unref (ask->workspace);
  oc_deck_free (ask->deck);
  g_free (ask);
}

static void
on_response (GtkNativeDialog *dialog, int response, gpointer user_data)
{
  Ask *ask = user_data;
  g_autoptr (GFile) file = NULL;
  g_autofree char *path = NULL;
  const char *format;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      format = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (dialog), "format");
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      path = file ? g_file_get_path (file) : NULL;
      if (path == NULL)
        oc_window_toast (GTK_WIDGET (ask->parent), _("Decks can only be saved to local files"));
      else
        oc_deck_export_start (GTK_WIDGET (ask->parent), ask->workspace, ask->deck, path,
                              format ? format : "pdf", on_exported, NULL);
    }
  ask_free (ask);
  g_object_unref (dialog);
}

void
oc_deck_export_run (GtkWindow *parent, OcWorkspace *workspace, const OcDeck *deck)
{
  static const char *ids[] = { "pdf", "png", "svg", NULL };
  const char *labels[] = { _("PDF, one slide per page"), _("PNG, one file per slide"),
                           _("SVG, one file per slide"), NULL };
  GtkFileChooserNative *dialog;
  g_autofree char *name = g_strdup_printf ("%s.pdf", deck->name);
  Ask *ask;

  dialog = gtk_file_chooser_native_new (_("Export Deck"), parent, GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), g_strdelimit (name, "/", '-'));
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (dialog), "format", _("Format"), ids, labels);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (dialog), "format", "pdf");
  ask = g_new0 (Ask, 1);
  ask->parent = g_object_ref (parent);
  ask->workspace = g_object_ref (workspace);
  ask->deck = oc_deck_dup (deck);
  g_signal_connect (dialog, "response", G_CALLBACK (on_response), ask);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}
