/* oc-history-page.c — see oc-history-page.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One row per experiment, newest first by default, filtered by a search over what the row says.
 * Selecting one shows its learning curves from the store; selecting several overlays their test
 * error. Re-running (or resuming an unfinished run) hands the stored spec to the window through
 * the "rerun" signal, so it goes the same way as a run started by hand.
 */
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "occam/oc-error.h"
#include "occam/oc-experiment.h"
#include "occam-figures/oc-data-figures.h"
#include "occam-figures/oc-figure-catalog.h"
#include "occam-figures/oc-sweep-grid.h"
#include "occam-figures/oc-train-figures.h"
#include "oc-figure-export.h"
#include "oc-history-page.h"
#include "oc-main-profile.h"
#include "oc-run-spec.h"
#include "oc-window.h"

typedef struct
{
  OcStoreExperiment *exp;
  OcStorePoint      *point; /* the one-model point of a train experiment (no curve), or NULL */
  char              *text;  /* what the filter searches, lower case */
} Entry;

struct _OcHistoryPage
{
  AdwBin          parent_instance;

  OcWorkspace    *workspace;
  OcStore        *store;     /* the workspace's */

  GtkStack       *stack;
  GtkWidget      *sidebar;
  AdwStatusPage  *empty_page;
  GtkSearchEntry *search_entry;
  GtkDropDown    *sort_dropdown;
  GtkListBox     *list_box;
  GtkLabel       *title_label, *detail_label;
  GtkButton      *rerun_button;
  OcFigureView   *figure_view;
  guint           n_rows;

  /* Following the store: what PRAGMA data_version said last, the poll's source, and what the
   * rows show (see list_signature) so that a commit that changes none of it costs no rebuild. */
  guint64         data_version;
  guint           poll_id;
  char           *signature;
  /* While the page is not shown, nothing of it is rebuilt: the page's rows are measured even
   * when hidden (the window's stack sizes every page), and reading a finished experiment's
   * results for its figure holds the main thread for tens of milliseconds. What changed is
   * remembered and done when the page shows (or when a caller asks for the rows). */
  gboolean        list_stale;   /* the store changed since the rows were made */
  char           *select_id;    /* the run stored last, to select once the rows are made */
  gboolean        figure_stale; /* the selection changed: its figure is built when shown */
};

/* Another process's commits (occam-cli) show up within this many seconds. */
#define POLL_SECONDS 2

static void oc_history_page_page_init (OcPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (OcHistoryPage, oc_history_page, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (OC_TYPE_PAGE, oc_history_page_page_init))

static void
entry_free (Entry *e)
{
  oc_store_experiment_free (e->exp);
  if (e->point != NULL)
    oc_store_point_free (e->point);
  g_free (e->text);
  g_free (e);
}

static Entry *
row_entry (GtkListBoxRow *row)
{
  return g_object_get_data (G_OBJECT (row), "entry");
}

static char *
format_date (const char *iso)
{
  g_autoptr (GDateTime) utc = iso ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;
  g_autoptr (GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;

  /* Translators: g_date_time_format()'s date and time of a stored experiment. */
  return local ? g_date_time_format (local, _("%-e %b %Y, %H:%M")) : g_strdup (iso ? iso : "");
}

static const char *
status_words (OcStatus status)
{
  switch (status)
    {
    case OC_STATUS_RUNNING:
      return _("running");
    case OC_STATUS_INTERRUPTED:
      return _("interrupted");
    case OC_STATUS_FINISHED:
      return _("finished");
    case OC_STATUS_FAILED:
      return _("failed");
    case OC_STATUS_CANCELLED:
      return _("stopped");
    case OC_STATUS_PARTIAL:
      return _("one shard");
    default:
      return "?";
    }
}

static gboolean
is_unfinished (const Entry *e)
{
  return e->exp->status == OC_STATUS_RUNNING || e->exp->status == OC_STATUS_CANCELLED
         || e->exp->status == OC_STATUS_INTERRUPTED || e->exp->status == OC_STATUS_PARTIAL;
}

static double
test_error (const Entry *e)
{
  return e->point != NULL && e->point->status == OC_STATUS_FINISHED ? e->point->final.test_error
                                                                      : INFINITY;
}

static gboolean
is_sweep (const Entry *e)
{
  return g_strcmp0 (e->exp->kind, "sweep") == 0 || g_strcmp0 (e->exp->kind, "rff") == 0;
}

/* The points of a stored sweep or rff experiment, or NULL. */
static OcSweepGrid *
entry_grid (const Entry *e)
{
  g_autoptr (OcSpec) spec = NULL;

  if (!is_sweep (e))
    return NULL;
  spec = oc_spec_new_from_json (e->exp->spec, -1, NULL, NULL);
  return spec != NULL ? oc_sweep_grid_new (spec, NULL) : NULL;
}

static char *
entry_title (const Entry *e)
{
  g_autofree char *data = oc_dataset_display_name (e->exp->dataset ? e->exp->dataset : "");
  g_autoptr (OcSweepGrid) grid = entry_grid (e);

  if (e->point != NULL && e->point->architecture != NULL)
    return g_strdup_printf ("%s · %s", data, e->point->architecture);
  if (grid != NULL)
    {
      static const char *const what[] = { N_("model-wise sweep"), N_("sample-wise sweep"),
                                          N_("noise-wise sweep"), N_("random features") };

      return g_strdup_printf (ngettext ("%s · %s, %u point", "%s · %s, %u points",
                                        e->exp->planned_points),
                              data, _(what[oc_sweep_grid_guess_mode (grid)]),
                              e->exp->planned_points);
    }
  return g_strdup_printf ("%s · %s", data, e->exp->kind);
}

static GtkWidget *
row_new (Entry *e)
{
  g_autofree char *title = entry_title (e);
  g_autofree char *date = format_date (e->exp->created);
  /* Wall time, as `occam-cli runs list` shows it; the detail's tooltip adds the compute. */
  g_autofree char *dur = oc_format_duration (e->exp->wall_seconds);
  g_autofree char *result = NULL;
  g_autofree char *subtitle = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *status;

  if (isfinite (test_error (e)))
    result = g_strdup_printf (_(" · test error %.2f %%"), 100 * test_error (e));
  else if (is_sweep (e) && e->exp->n_finished < e->exp->planned_points)
    result = g_strdup_printf (ngettext (" · %u of %u point", " · %u of %u points",
                                        e->exp->planned_points),
                              e->exp->n_finished, e->exp->planned_points);
  subtitle = g_strdup_printf ("%s\n%s · %s · %s%s", e->exp->description ? e->exp->description : "",
                              date, status_words (e->exp->status), dur, result ? result : "");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  status = gtk_image_new_from_icon_name (e->exp->status == OC_STATUS_FINISHED
                                           ? "emblem-ok-symbolic"
                                           : e->exp->status == OC_STATUS_FAILED
                                               ? "dialog-error-symbolic"
                                               : "media-playback-pause-symbolic");
  gtk_widget_set_tooltip_text (status, status_words (e->exp->status));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), status);
  {
    g_autofree char *all = g_strjoin (" ", title, subtitle, e->exp->id, e->exp->kind, NULL);

    e->text = g_utf8_strdown (all, -1);
  }
  g_object_set_data_full (G_OBJECT (row), "entry", e, (GDestroyNotify) entry_free);
  return row;
}

/* ---- Filter and sort ---- */

static gboolean
filter_row (GtkListBoxRow *row, gpointer user_data)
{
  OcHistoryPage *self = user_data;
  const char *needle = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *lower = g_utf8_strdown (needle, -1);
  g_auto (GStrv) words = g_strsplit (lower, " ", -1);
  Entry *e = row_entry (row);

  for (guint i = 0; words[i] != NULL; i++)
    if (words[i][0] != '\0' && strstr (e->text, words[i]) == NULL)
      return FALSE;
  return TRUE;
}

static int
sort_rows (GtkListBoxRow *a, GtkListBoxRow *b, gpointer user_data)
{
  OcHistoryPage *self = user_data;
  Entry *x = row_entry (a), *y = row_entry (b);
  int by_date = g_strcmp0 (y->exp->created, x->exp->created);

  switch (gtk_drop_down_get_selected (self->sort_dropdown))
    {
    case 1:
      return -by_date;
    case 2:
      if (test_error (x) != test_error (y))
        return test_error (x) < test_error (y) ? -1 : 1;
      return by_date;
    case 3:
      if (x->exp->wall_seconds != y->exp->wall_seconds)
        return x->exp->wall_seconds > y->exp->wall_seconds ? -1 : 1;
      return by_date;
    default:
      return by_date;
    }
}

static void
on_search_changed (OcHistoryPage *self)
{
  gtk_list_box_invalidate_filter (self->list_box);
}

static void
on_sort_changed (OcHistoryPage *self)
{
  gtk_list_box_invalidate_sort (self->list_box);
}

/* ---- Selection ---- */

static GList *
selected_entries (OcHistoryPage *self)
{
  GList *rows = gtk_list_box_get_selected_rows (self->list_box);
  GList *entries = NULL;

  for (GList *l = rows; l != NULL; l = l->next)
    entries = g_list_prepend (entries, row_entry (l->data));
  g_list_free (rows);
  return g_list_reverse (entries);
}

/* The figure the experiment's own page shows first, built by the figure catalogue from what the
 * store holds (as occam-cli plot --experiment draws it); NULL while there is nothing to draw. */
static OcPlotFigure *
main_figure (OcHistoryPage *self, const Entry *e)
{
  g_autoptr (OcFigureCatalog) catalog = oc_figure_catalog_new (self->store, e->exp->id, NULL);

  if (catalog == NULL)
    return NULL;
  oc_figure_view_set_reference (self->figure_view, e->exp->id,
                                oc_figure_catalog_get_main (catalog), NULL);
  return oc_figure_catalog_build (catalog, oc_figure_catalog_get_main (catalog), NULL, NULL);
}

static void
update_selection (OcHistoryPage *self)
{
  g_autoptr (GList) entries = selected_entries (self);
  guint n = g_list_length (entries);
  Entry *first = entries ? entries->data : NULL;
  gboolean train = n == 1 && g_strcmp0 (first->exp->kind, "train") == 0;
  gboolean sweep = n == 1 && is_sweep (first);
  /* A prune experiment opens on the Pruning page, like a sweep (Run there resumes it). */
  gboolean prune = n == 1 && g_strcmp0 (first->exp->kind, "prune") == 0;

  /* A sweep opens on the Sweep page (and resumes there if unfinished); its export is the
   * figure's, from that page. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "history.rerun", train || sweep || prune);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "history.export", train);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "history.delete", n > 0);
  if ((train || sweep) && is_unfinished (first))
    gtk_button_set_label (self->rerun_button, _("_Resume"));
  else
    gtk_button_set_label (self->rerun_button, sweep || prune ? _("_Open") : _("_Re-run"));

  self->figure_stale = FALSE;
  if (n == 0)
    {
      gtk_label_set_text (self->title_label, _("No Experiment Selected"));
      gtk_label_set_text (self->detail_label,
                          _("Select one to see its curves, several to compare them."));
      oc_figure_view_set_figure (self->figure_view, NULL);
      return;
    }
  if (n == 1)
    {
      g_autofree char *title = entry_title (first);
      g_autofree char *detail = g_strdup_printf (_("%s · experiment %s"), first->exp->description
                                                 ? first->exp->description : first->exp->kind,
                                                 first->exp->id);
      g_autofree char *wall = oc_format_duration (first->exp->wall_seconds);
      g_autofree char *compute = oc_format_duration (first->exp->seconds);
      g_autofree char *tooltip = g_strdup_printf (_("%s\n%s wall time · %s of compute"), detail,
                                                  wall, compute);

      gtk_label_set_text (self->title_label, title);
      gtk_label_set_text (self->detail_label, detail);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->detail_label), tooltip);
      /* Built when the page shows (see figure_stale). */
      self->figure_stale = !gtk_widget_get_mapped (GTK_WIDGET (self));
      if (self->figure_stale)
        return;
      {
        OcPlotFigure *f = main_figure (self, first);
        const char *why_not;

        oc_figure_view_set_figure (self->figure_view, f);
        if (f != NULL)
          return;
        if (sweep)
          why_not = _("None of this sweep’s points has finished yet.");
        else if (prune)
          why_not = _("None of this experiment’s levels has finished yet.");
        else if (first->point != NULL && first->point->error != NULL)
          why_not = first->point->error;
        else
          why_not = _("This experiment has no stored curve: it did not finish, or it is not a "
                      "single training run.");
        oc_figure_view_set_placeholder (self->figure_view, why_not);
      }
      return;
    }
  {
    OcPlotFigure *f = oc_plot_figure_new (OC_PLOT_KIND_XY);
    g_autofree char *title = g_strdup_printf (ngettext ("%u Experiment", "%u Experiments", n), n);
    guint color = 0;

    oc_plot_figure_set_title (f, _("Test error"));
    oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_X, _("iteration"));
    oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_Y, _("test error"));
    oc_plot_figure_set_axis_range (f, OC_PLOT_AXIS_Y, 0, NAN);
    for (GList *l = entries; l != NULL; l = l->next)
      {
        Entry *e = l->data;
        g_autoptr (OcStorePoint) p = NULL;
        g_autofree char *name = NULL;

        if (g_strcmp0 (e->exp->kind, "train") != 0)
          continue;
        p = oc_store_get_point (self->store, e->exp->id, OC_TRAIN_POINT_KEY, TRUE, NULL);
        if (p == NULL || p->evals == NULL || p->evals->len == 0)
          continue;
        name = g_strdup_printf ("%.6s · %s", e->exp->id, p->architecture ? p->architecture : "");
        oc_curves_figure_add_run (f, p->evals, name, color++);
      }
    gtk_label_set_text (self->title_label, title);
    gtk_label_set_text (self->detail_label, _("Test error of each run against the iteration."));
    oc_figure_view_set_figure (self->figure_view, f);
    oc_figure_view_set_reference (self->figure_view, NULL, NULL, NULL);
  }
}

/* ---- Loading ---- */

/* What the rows of @list show that a commit can change: IDs, statuses, point counts, times. */
static char *
list_signature (GPtrArray *list)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < list->len; i++)
    {
      const OcStoreExperiment *e = list->pdata[i];

      g_string_append_printf (s, "%s %d %u %u %s %.0f\n", e->id, e->status, e->n_points,
                              e->n_finished, e->updated ? e->updated : "", e->wall_seconds);
    }
  return g_string_free (s, FALSE);
}

void
oc_history_page_reload (OcHistoryPage *self)
{
  g_autoptr (GPtrArray) list = NULL;
  g_autoptr (GHashTable) selected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GList) entries = NULL;
  GtkWidget *child;

  g_return_if_fail (OC_IS_HISTORY_PAGE (self));

  self->list_stale = FALSE;
  if (self->store == NULL)
    return;
  entries = selected_entries (self);
  for (GList *l = entries; l != NULL; l = l->next)
    g_hash_table_add (selected, g_strdup (((Entry *) l->data)->exp->id));
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))) != NULL)
    gtk_list_box_remove (self->list_box, child);
  self->n_rows = 0;

  list = oc_store_list_experiments (self->store, &error);
  if (list == NULL)
    {
      adw_status_page_set_title (self->empty_page, _("The Experiment Store Cannot Be Read"));
      adw_status_page_set_description (self->empty_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  g_free (self->signature);
  self->signature = list_signature (list);
  for (guint i = 0; i < list->len; i++)
    {
      Entry *e = g_new0 (Entry, 1);
      GtkWidget *row;

      e->exp = g_steal_pointer (&list->pdata[i]);
      if (g_strcmp0 (e->exp->kind, "train") == 0)
        e->point = oc_store_get_point (self->store, e->exp->id, OC_TRAIN_POINT_KEY, FALSE, NULL);
      row = row_new (e);
      gtk_list_box_append (self->list_box, row);
      if (g_hash_table_contains (selected, e->exp->id))
        gtk_list_box_select_row (self->list_box, GTK_LIST_BOX_ROW (row));
      self->n_rows++;
    }
  gtk_stack_set_visible_child_name (self->stack, self->n_rows > 0 ? "list" : "empty");
  update_selection (self);
}

/* Every POLL_SECONDS on the main loop: a cheap look at whether anyone committed, and a rebuild
 * only when what the rows show has changed. The reads are of an SQLite file in WAL mode, which
 * writers do not block. */
static gboolean
poll_store (gpointer user_data)
{
  OcHistoryPage *self = user_data;
  guint64 version;
  g_autoptr (GPtrArray) list = NULL;
  g_autofree char *signature = NULL;

  gint64 since;

  if (self->store == NULL || self->list_stale)
    return G_SOURCE_CONTINUE;
  since = oc_main_profile_now ();
  version = oc_store_get_data_version (self->store);
  if (version == self->data_version)
    {
      oc_main_profile_add (OC_MAIN_STORE, since);
      return G_SOURCE_CONTINUE;
    }
  self->data_version = version;
  list = oc_store_list_experiments (self->store, NULL);
  signature = list != NULL ? list_signature (list) : NULL;
  oc_main_profile_add (OC_MAIN_STORE, since);
  if (g_strcmp0 (signature, self->signature) != 0)
    {
      if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
        {
          self->list_stale = TRUE;
          return G_SOURCE_CONTINUE;
        }
      since = oc_main_profile_now ();
      oc_history_page_reload (self);
      oc_main_profile_add (OC_MAIN_HISTORY, since);
    }
  return G_SOURCE_CONTINUE;
}

/* Makes the rows and the selection that changes while the page was hidden asked for. */
static void
catch_up (OcHistoryPage *self)
{
  g_autofree char *id = g_steal_pointer (&self->select_id);
  gint64 since;

  if (!self->list_stale && id == NULL)
    return;
  since = oc_main_profile_now ();
  self->list_stale = FALSE;
  oc_history_page_reload (self);
  if (id != NULL)
    oc_history_page_select (self, id);
  oc_main_profile_add (OC_MAIN_HISTORY, since);
}

void
oc_history_page_select (OcHistoryPage *self, const char *id)
{
  g_clear_pointer (&self->select_id, g_free);
  catch_up (self);
  gtk_list_box_unselect_all (self->list_box);
  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (self->list_box)); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    if (GTK_IS_LIST_BOX_ROW (c) && g_strcmp0 (row_entry (GTK_LIST_BOX_ROW (c))->exp->id, id) == 0)
      gtk_list_box_select_row (self->list_box, GTK_LIST_BOX_ROW (c));
  update_selection (self);
}

/* ---- Actions ---- */

static void
rerun_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  OcHistoryPage *self = OC_HISTORY_PAGE (widget);
  g_autoptr (GList) entries = selected_entries (self);
  g_autoptr (OcSpec) spec = NULL;
  g_autoptr (GError) error = NULL;

  if (entries == NULL)
    return;
  spec = oc_spec_new_from_json (((Entry *) entries->data)->exp->spec, -1, NULL, &error);
  if (spec == NULL)
    {
      oc_window_toast (widget, error->message);
      return;
    }
  if (self->workspace != NULL)
    oc_workspace_open_spec (self->workspace, spec);
}

void
oc_history_page_delete_selected (OcHistoryPage *self)
{
  g_autoptr (GList) entries = NULL;

  catch_up (self);
  entries = selected_entries (self);

  for (GList *l = entries; l != NULL; l = l->next)
    {
      g_autoptr (GError) error = NULL;

      if (!oc_store_remove_experiment (self->store, ((Entry *) l->data)->exp->id, NULL, &error))
        oc_window_toast (GTK_WIDGET (self), error->message);
    }
  gtk_list_box_unselect_all (self->list_box);
  oc_history_page_reload (self);
}

static void
on_delete_response (AdwMessageDialog *dialog, const char *response, OcHistoryPage *self)
{
  if (g_strcmp0 (response, "delete") == 0)
    oc_history_page_delete_selected (self);
}

static void
delete_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  OcHistoryPage *self = OC_HISTORY_PAGE (widget);
  g_autoptr (GList) entries = selected_entries (self);
  guint n = g_list_length (entries);
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  if (n == 0)
    return;
  heading = n == 1 ? g_strdup (_("Delete This Experiment?"))
                   : g_strdup_printf (ngettext ("Delete %u Experiment?", "Delete %u Experiments?",
                                                n), n);
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), heading,
                                   _("Their results, curves and artifacts are removed from the "
                                     "store. This cannot be undone."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "delete",
                                    _("_Delete"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

gboolean
oc_history_page_export_selected (OcHistoryPage *self, const char *path, GError **error)
{
  g_autoptr (GList) entries = NULL;
  g_autofree char *base = NULL, *csv_path = NULL, *json_path = NULL, *csv = NULL, *json = NULL;
  g_autoptr (OcStorePoint) p = NULL;
  g_autoptr (OcSpec) spec = NULL;
  Entry *e;

  g_return_val_if_fail (OC_IS_HISTORY_PAGE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  catch_up (self);
  entries = selected_entries (self);
  if (entries == NULL)
    {
      g_set_error_literal (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                           _("Select the experiment to export"));
      return FALSE;
    }
  e = entries->data;
  /* NAME.csv (or NAME) becomes NAME.csv and NAME.json; neither may be the store. */
  base = g_str_has_suffix (path, ".csv") ? g_strndup (path, strlen (path) - 4) : g_strdup (path);
  csv_path = g_strconcat (base, ".csv", NULL);
  json_path = g_strconcat (base, ".json", NULL);
  if (!oc_export_check_target (self->store, csv_path, error)
      || !oc_export_check_target (self->store, json_path, error))
    return FALSE;
  p = oc_store_get_point (self->store, e->exp->id, OC_TRAIN_POINT_KEY, TRUE, NULL);
  csv = oc_evals_to_csv (p ? p->evals : NULL);
  spec = oc_spec_new_from_json (e->exp->spec, -1, NULL, NULL);
  json = spec ? oc_spec_to_json (spec, OC_SPEC_JSON_PRETTY) : g_strdup (e->exp->spec);
  return g_file_set_contents (csv_path, csv, -1, error)
         && g_file_set_contents (json_path, json, -1, error);
}

static void
on_export_response (GtkNativeDialog *dialog, int response, gpointer user_data)
{
  OcHistoryPage *self = user_data;
  g_autoptr (GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;

  if (response != GTK_RESPONSE_ACCEPT)
    goto out;
  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  path = file ? g_file_get_path (file) : NULL;
  if (path == NULL)
    goto out;
  if (!oc_history_page_export_selected (self, path, &error))
    oc_window_toast (GTK_WIDGET (self), error->message);
  else
    oc_window_toast (GTK_WIDGET (self), _("Saved the curve (CSV) and the spec (JSON)"));
out:
  g_object_unref (self);
  g_object_unref (dialog);
}

static void
export_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  OcHistoryPage *self = OC_HISTORY_PAGE (widget);
  g_autoptr (GList) entries = selected_entries (self);
  GtkFileChooserNative *dialog;
  g_autofree char *name = NULL;

  if (entries == NULL)
    return;
  dialog = gtk_file_chooser_native_new (_("Export Experiment"),
                                        GTK_WINDOW (gtk_widget_get_root (widget)),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  name = g_strdup_printf ("occam-%s.csv", ((Entry *) entries->data)->exp->id);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (on_export_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* ---- GObject ---- */

static void
oc_history_page_dispose (GObject *object)
{
  OcHistoryPage *self = OC_HISTORY_PAGE (object);

  g_clear_handle_id (&self->poll_id, g_source_remove);
  /* Rows going away must not ask for a selection update of a page half gone. */
  if (self->list_box != NULL)
    g_signal_handlers_disconnect_by_data (self->list_box, self);
  /* The bin's child is a template child too: let the bin drop it first, then the template. */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), OC_TYPE_HISTORY_PAGE);

  G_OBJECT_CLASS (oc_history_page_parent_class)->dispose (object);
}

static void
oc_history_page_finalize (GObject *object)
{
  g_clear_object (&OC_HISTORY_PAGE (object)->workspace);
  g_free (OC_HISTORY_PAGE (object)->signature);
  g_free (OC_HISTORY_PAGE (object)->select_id);

  G_OBJECT_CLASS (oc_history_page_parent_class)->finalize (object);
}

static void
oc_history_page_map (GtkWidget *widget)
{
  OcHistoryPage *self = OC_HISTORY_PAGE (widget);

  GTK_WIDGET_CLASS (oc_history_page_parent_class)->map (widget);
  catch_up (self);
  if (self->figure_stale)
    update_selection (self);
}

static void
oc_history_page_class_init (OcHistoryPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = oc_history_page_dispose;
  object_class->finalize = oc_history_page_finalize;
  widget_class->map = oc_history_page_map;

  g_type_ensure (OC_TYPE_FIGURE_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/occamlab/Occam/ui/oc-history-page.ui");
#define CHILD(name) gtk_widget_class_bind_template_child (widget_class, OcHistoryPage, name)
  CHILD (stack);
  CHILD (sidebar);
  CHILD (empty_page);
  CHILD (search_entry);
  CHILD (sort_dropdown);
  CHILD (list_box);
  CHILD (title_label);
  CHILD (detail_label);
  CHILD (rerun_button);
  CHILD (figure_view);
#undef CHILD

  gtk_widget_class_install_action (widget_class, "history.rerun", NULL, rerun_action);
  gtk_widget_class_install_action (widget_class, "history.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "history.delete", NULL, delete_action);
}

static void
oc_history_page_init (OcHistoryPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_list_box_set_filter_func (self->list_box, filter_row, self, NULL);
  gtk_list_box_set_sort_func (self->list_box, sort_rows, self, NULL);
  g_signal_connect_swapped (self->search_entry, "search-changed",
                            G_CALLBACK (on_search_changed), self);
  g_signal_connect_swapped (self->sort_dropdown, "notify::selected",
                            G_CALLBACK (on_sort_changed), self);
  g_signal_connect_swapped (self->list_box, "selected-rows-changed",
                            G_CALLBACK (update_selection), self);
  update_selection (self);
}

static void
set_store (OcHistoryPage *self, OcStore *store, const char *why_not)
{
  self->store = store;
  if (store == NULL)
    {
      adw_status_page_set_title (self->empty_page, _("No Experiment Store"));
      adw_status_page_set_description (self->empty_page, why_not);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  self->data_version = oc_store_get_data_version (store);
  oc_history_page_reload (self);
  if (self->poll_id == 0)
    self->poll_id = g_timeout_add_seconds (POLL_SECONDS, poll_store, self);
}

/* ---- OcPage ---- */

static void
on_run_stored (OcHistoryPage *self, const char *id)
{
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->list_stale = TRUE;
      g_free (self->select_id);
      self->select_id = g_strdup (id);
      return;
    }
  oc_history_page_reload (self);
  oc_history_page_select (self, id);
}

static void
page_attach (OcPage *page, OcWorkspace *workspace)
{
  OcHistoryPage *self = OC_HISTORY_PAGE (page);

  self->workspace = g_object_ref (workspace);
  g_signal_connect_object (workspace, "run-stored", G_CALLBACK (on_run_stored), self,
                           G_CONNECT_SWAPPED);
  set_store (self, oc_workspace_get_store (workspace), oc_workspace_get_store_error (workspace));
}

static GPtrArray *
page_get_figure_views (OcPage *page)
{
  return oc_page_views_new (OC_HISTORY_PAGE (page)->figure_view, NULL);
}

static void
oc_history_page_page_init (OcPageInterface *iface)
{
  iface->attach = page_attach;
  iface->get_figure_views = page_get_figure_views;
}

guint
oc_history_page_get_n_experiments (OcHistoryPage *self)
{
  catch_up (self);
  return self->n_rows;
}

OcFigureView *
oc_history_page_get_figure_view (OcHistoryPage *self)
{
  return self->figure_view;
}

GtkWidget *
oc_history_page_get_sidebar (OcHistoryPage *self)
{
  return self->sidebar;
}

const char *
oc_history_page_get_description (OcHistoryPage *self, const char *id)
{
  catch_up (self);
  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (self->list_box)); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    if (GTK_IS_LIST_BOX_ROW (c) && g_strcmp0 (row_entry (GTK_LIST_BOX_ROW (c))->exp->id, id) == 0)
      return adw_action_row_get_subtitle (ADW_ACTION_ROW (c));
  return NULL;
}

gboolean
oc_history_page_is_current (OcHistoryPage *self)
{
  return !self->list_stale && self->select_id == NULL && !self->figure_stale;
}
