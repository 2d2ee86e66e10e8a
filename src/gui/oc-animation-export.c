/* oc-animation-export.c — see oc-animation-export.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The worker opens its own connection to the store (SQLite connections stay on one thread),
 * loads the catalogue there and encodes; the main thread only reads two frame counters on a
 * timer for the progress bar, so nothing floods the main loop however fast frames go.
 */
#include <string.h>

#include <glib/gi18n.h>

#include "occam/oc-error.h"
#include "oc-animation-export.h"
#include "oc-figure-export.h"
#include "oc-figure-view.h"
#include "oc-window.h"

/* ---- The job ---- */

typedef struct
{
  char              *store_path, *experiment_id, *figure, *path;
  OcAnimationOptions options;
  gint              *done, *total;
} Job;

static void
job_free (Job *job)
{
  g_free (job->store_path);
  g_free (job->experiment_id);
  g_free (job->figure);
  g_free (job->path);
  g_free (job);
}

static void
on_frame (guint done, guint total, double elapsed, gpointer user_data)
{
  Job *job = user_data;

  if (job->total != NULL)
    g_atomic_int_set (job->total, (gint) total);
  if (job->done != NULL)
    g_atomic_int_set (job->done, (gint) done);
}

static void
export_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (OcStore) store = oc_store_open (job->store_path, OC_STORE_OPEN_DEFAULT, &error);
  g_autoptr (OcFigureCatalog) catalog = NULL;
  gboolean ok;

  if (store != NULL)
    catalog = oc_figure_catalog_new (store, job->experiment_id, &error);
  ok = catalog != NULL
       && oc_animation_write_figure (catalog, job->figure, NULL, &job->options, job->path,
                                     on_frame, job, cancellable, &error);
  /* Closed before the result is returned, as the run job does: the last connection to close
   * checkpoints the write-ahead log under an exclusive lock. */
  g_clear_pointer (&catalog, oc_figure_catalog_free);
  g_clear_pointer (&store, oc_store_close);
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

void
oc_animation_export_start (const char *store_path, const char *experiment_id,
                           const char *figure, const OcAnimationOptions *options,
                           const char *path, gint *done_out, gint *total_out,
                           GCancellable *cancellable, GAsyncReadyCallback callback,
                           gpointer user_data)
{
  g_autoptr (GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  Job *job = g_new0 (Job, 1);

  job->store_path = g_strdup (store_path);
  job->experiment_id = g_strdup (experiment_id);
  job->figure = g_strdup (figure);
  job->path = g_strdup (path);
  job->options = *options;
  job->done = done_out;
  job->total = total_out;
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, export_thread);
}

gboolean
oc_animation_export_finish (GAsyncResult *result, GError **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

char *
oc_animation_export_figure_name (const char *view_name)
{
  g_autofree char *lower = g_ascii_strdown (view_name != NULL ? view_name : "", -1);

  return g_strdelimit (g_steal_pointer (&lower), " /", '-');
}

/* ---- The dialog ---- */

typedef struct
{
  GtkWindow     *parent;
  OcStore       *store;
  OcPlotThemeId  theme;
  GPtrArray     *experiments;  /* OcStoreExperiment, the page's kinds */
  char          *preferred;    /* the catalogue name of the visible figure */
  GtkDropDown   *experiment_menu, *figure_menu, *format_menu;
  GtkStringList *figures;
  /* While encoding */
  char          *path;
  GtkProgressBar *bar;
  AdwMessageDialog *progress_dialog;
  GCancellable  *cancellable;
  guint          timer;
  gint           done, total;
} Export;

static void
export_free (Export *e)
{
  g_clear_handle_id (&e->timer, g_source_remove);
  g_object_unref (e->parent);
  g_clear_pointer (&e->experiments, g_ptr_array_unref);
  g_clear_object (&e->cancellable);
  g_free (e->preferred);
  g_free (e->path);
  g_free (e);
}

static const OcStoreExperiment *
chosen_experiment (Export *e)
{
  guint i = gtk_drop_down_get_selected (e->experiment_menu);

  return i < e->experiments->len ? e->experiments->pdata[i] : NULL;
}

/* The chosen experiment's animated figures; the visible one first selected when it has some. */
static void
fill_figures (Export *e)
{
  const OcStoreExperiment *exp = chosen_experiment (e);
  g_autoptr (OcFigureCatalog) catalog = NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (e->figures)), selected = 0;
  GPtrArray *animated;

  gtk_string_list_splice (e->figures, 0, n, NULL);
  if (exp == NULL || (catalog = oc_figure_catalog_new (e->store, exp->id, NULL)) == NULL)
    return;
  animated = oc_figure_catalog_list_animated (catalog);
  for (guint i = 0; i < animated->len; i++)
    {
      const char *name = ((const OcFigureInfo *) animated->pdata[i])->name;

      gtk_string_list_append (e->figures, name);
      if (g_strcmp0 (name, e->preferred) == 0)
        selected = i;
    }
  gtk_drop_down_set_selected (e->figure_menu, selected);
}

static void
on_experiment_changed (GObject *menu, GParamSpec *pspec, gpointer user_data)
{
  fill_figures (user_data);
}

static gboolean
update_progress (gpointer user_data)
{
  Export *e = user_data;
  gint total = g_atomic_int_get (&e->total), done = g_atomic_int_get (&e->done);

  if (total > 0)
    {
      g_autofree char *text = g_strdup_printf (_("Frame %d of %d"), done, total);

      gtk_progress_bar_set_fraction (e->bar, (double) done / total);
      gtk_progress_bar_set_text (e->bar, text);
    }
  return G_SOURCE_CONTINUE;
}

static void
on_export_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Export *e = user_data;
  g_autoptr (GError) error = NULL;

  g_clear_handle_id (&e->timer, g_source_remove);
  if (e->progress_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (e->progress_dialog));
  if (oc_animation_export_finish (result, &error))
    {
      g_autofree char *base = g_path_get_basename (e->path);
      g_autofree char *text = g_strdup_printf (_("Saved %s"), base);

      oc_window_toast (GTK_WIDGET (e->parent), text);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    oc_window_toast (GTK_WIDGET (e->parent), _("Animation stopped; nothing was written"));
  else
    oc_window_toast (GTK_WIDGET (e->parent), error->message);
  export_free (e);
}

static void
on_progress_response (AdwMessageDialog *dialog, const char *response, gpointer user_data)
{
  Export *e = user_data;

  /* The dialog goes when the job ends; Stop only asks the worker to stop between frames. */
  e->progress_dialog = NULL;
  g_cancellable_cancel (e->cancellable);
}

static void
start (Export *e, const OcStoreExperiment *exp, const char *figure)
{
  OcAnimationOptions options;
  GtkWidget *dialog;

  oc_animation_options_init (&options);
  options.width = OC_EXPORT_WIDTH;
  options.height = OC_EXPORT_HEIGHT;
  options.theme = e->theme;
  dialog = adw_message_dialog_new (e->parent, _("Exporting Animation"), figure);
  e->progress_dialog = ADW_MESSAGE_DIALOG (dialog);
  e->bar = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_progress_bar_set_show_text (e->bar, TRUE);
  adw_message_dialog_set_extra_child (e->progress_dialog, GTK_WIDGET (e->bar));
  adw_message_dialog_add_response (e->progress_dialog, "stop", _("_Stop"));
  g_signal_connect (dialog, "response", G_CALLBACK (on_progress_response), e);
  gtk_window_present (GTK_WINDOW (dialog));
  e->cancellable = g_cancellable_new ();
  e->timer = g_timeout_add (100, update_progress, e);
  oc_animation_export_start (oc_store_get_path (e->store), exp->id, figure, &options, e->path,
                             &e->done, &e->total, e->cancellable, on_export_done, e);
}

typedef struct
{
  Export *export;
  char   *experiment_id, *figure;
} Chosen;

static void
on_file_response (GtkNativeDialog *dialog, int response, gpointer user_data)
{
  Chosen *c = user_data;
  Export *e = c->export;
  g_autoptr (GFile) file = NULL;
  g_autoptr (GError) error = NULL;
  const OcStoreExperiment *exp = NULL;
  OcAnimationFormat format;

  for (guint i = 0; i < e->experiments->len && exp == NULL; i++)
    if (strcmp (((OcStoreExperiment *) e->experiments->pdata[i])->id, c->experiment_id) == 0)
      exp = e->experiments->pdata[i];
  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  e->path = file != NULL ? g_file_get_path (file) : NULL;
  if (response != GTK_RESPONSE_ACCEPT)
    export_free (e);
  else if (e->path == NULL)
    {
      oc_window_toast (GTK_WIDGET (e->parent), _("Animations can only be saved to local files"));
      export_free (e);
    }
  else if (!oc_animation_format_from_path (e->path, &format))
    {
      oc_window_toast (GTK_WIDGET (e->parent), _("End the file name in .gif or .webm"));
      export_free (e);
    }
  else if (!oc_export_check_target (e->store, e->path, &error))
    {
      oc_window_toast (GTK_WIDGET (e->parent), error->message);
      export_free (e);
    }
  else
    start (e, exp, c->figure);
  g_free (c->experiment_id);
  g_free (c->figure);
  g_free (c);
  g_object_unref (dialog);
}

static void
on_choose_response (AdwMessageDialog *dialog, const char *response, gpointer user_data)
{
  Export *e = user_data;
  const OcStoreExperiment *exp = chosen_experiment (e);
  guint f = gtk_drop_down_get_selected (e->figure_menu);
  const char *figure = f < g_list_model_get_n_items (G_LIST_MODEL (e->figures))
                         ? gtk_string_list_get_string (e->figures, f)
                         : NULL;
  gboolean webm = gtk_drop_down_get_selected (e->format_menu) == 1;
  GtkFileChooserNative *chooser;
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  Chosen *c;

  if (strcmp (response, "export") != 0 || exp == NULL || figure == NULL)
    {
      if (strcmp (response, "export") == 0)
        oc_window_toast (GTK_WIDGET (e->parent), _("This experiment has no figure to animate"));
      export_free (e);
      return;
    }
  chooser = gtk_file_chooser_native_new (_("Export Animation"), e->parent,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                                         _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (filter, webm ? _("WebM video") : _("GIF animation"));
  gtk_file_filter_add_suffix (filter, webm ? "webm" : "gif");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  name = g_strdup_printf ("%s.%s", figure, webm ? "webm" : "gif");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  c = g_new0 (Chosen, 1);
  c->export = e;
  c->experiment_id = g_strdup (exp->id);
  c->figure = g_strdup (figure);
  g_signal_connect (chooser, "response", G_CALLBACK (on_file_response), c);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static GtkWidget *
row (GtkGrid *grid, int y, const char *label, GtkWidget *widget)
{
  GtkWidget *l = gtk_label_new_with_mnemonic (label);

  gtk_label_set_xalign (GTK_LABEL (l), 1);
  gtk_label_set_mnemonic_widget (GTK_LABEL (l), widget);
  gtk_widget_set_hexpand (widget, TRUE);
  gtk_grid_attach (grid, l, 0, y, 1, 1);
  gtk_grid_attach (grid, widget, 1, y, 1, 1);
  return widget;
}

void
oc_animation_export_run (GtkWindow *parent, OcPage *page, GPtrArray *views, OcStore *store,
                         OcPlotThemeId theme)
{
  static const char *const formats[] = { N_("GIF"), N_("WebM (VP8)"), NULL };
  const char *translated[G_N_ELEMENTS (formats)];
  g_autoptr (GPtrArray) all = NULL;
  g_autoptr (GtkStringList) names = gtk_string_list_new (NULL);
  GtkWidget *dialog, *grid;
  Export *e;

  if (store == NULL || (all = oc_store_list_experiments (store, NULL)) == NULL)
    {
      oc_window_toast (GTK_WIDGET (parent), _("There is no experiment store to animate from"));
      return;
    }
  e = g_new0 (Export, 1);
  e->parent = g_object_ref (parent);
  e->store = store;
  e->theme = theme;
  e->experiments = g_ptr_array_new_with_free_func ((GDestroyNotify) oc_store_experiment_free);
  for (guint i = 0; i < all->len; i++)
    {
      OcStoreExperiment *exp = all->pdata[i];

      if (page != NULL && !oc_page_can_open (page, exp->kind))
        continue;
      g_ptr_array_add (e->experiments, g_steal_pointer (&all->pdata[i]));
      {
        g_autofree char *label = g_strdup_printf ("%s · %s · %s", exp->id, exp->kind,
                                                  exp->description ? exp->description : "");
        gtk_string_list_append (names, label);
      }
    }
  if (e->experiments->len == 0)
    {
      oc_window_toast (GTK_WIDGET (parent), _("No stored experiment of this page to animate"));
      export_free (e);
      return;
    }
  for (guint i = 0; views != NULL && i < views->len && e->preferred == NULL; i++)
    e->preferred = oc_animation_export_figure_name (oc_figure_view_get_name (views->pdata[i]));
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    translated[i] = formats[i] != NULL ? _(formats[i]) : NULL;

  grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  e->experiment_menu = GTK_DROP_DOWN (row (GTK_GRID (grid), 0, _("_Experiment"),
                                           gtk_drop_down_new (G_LIST_MODEL (
                                             g_object_ref (names)), NULL)));
  e->figures = gtk_string_list_new (NULL);
  e->figure_menu = GTK_DROP_DOWN (row (GTK_GRID (grid), 1, _("_Figure"),
                                       gtk_drop_down_new (G_LIST_MODEL (e->figures), NULL)));
  e->format_menu = GTK_DROP_DOWN (row (GTK_GRID (grid), 2, _("F_ormat"),
                                       gtk_drop_down_new_from_strings (translated)));
  fill_figures (e);
  g_signal_connect (e->experiment_menu, "notify::selected", G_CALLBACK (on_experiment_changed),
                    e);

  dialog = adw_message_dialog_new (parent, _("Export Animation"),
                                   _("The figure as it grew, frame by frame from the stored "
                                     "results: points as they finished, curves as they were "
                                     "evaluated, pruning levels, the landscape replay."));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), grid);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "export", _("_Export…"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "export",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "export");
  g_signal_connect (dialog, "response", G_CALLBACK (on_choose_response), e);
  gtk_window_present (GTK_WINDOW (dialog));
}
