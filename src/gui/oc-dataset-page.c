/* oc-dataset-page.c — see oc-dataset-page.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every row is bound to a GSettings key, so the settings are the single source of truth for the
 * options: loading reads them, the window remembers them, tests set them.
 */
#include <glib/gi18n.h>
#include <string.h>

#include "occam/oc-error.h"
#include "occam-figures/oc-data-figures.h"
#include "oc-class-counts.h"
#include "oc-dataset-page.h"
#include "oc-settings-bind.h"
#include "oc-window.h"

struct _OcDatasetPage
{
  AdwBin        parent_instance;

  OcWorkspace  *workspace;
  GSettings    *settings;
  OcLoadedData *data;
  GCancellable *cancellable; /* of the load in progress */
  gboolean      loading;

  /* Template children. */
  AdwComboRow  *dataset_row;
  AdwActionRow *folder_row, *file_row, *test_file_row;
  AdwEntryRow  *label_column_row;
  GtkWidget    *folder_button, *file_button, *test_file_button, *test_file_clear;
  GtkWidget    *generator_group;
  GtkWidget    *digits_row, *modulus_row, *train_fraction_row, *noise_row, *points_row;
  GtkSpinButton *digits_spin, *modulus_spin, *train_fraction_spin, *noise_spin, *points_spin;
  GtkSpinButton *n_train_spin, *label_noise_spin, *val_size_spin, *data_seed_spin;
  AdwComboRow  *subset_row;
  GtkWidget    *n_train_row, *label_noise_row, *val_size_row, *data_seed_row;
  GtkLabel     *title_label, *subtitle_label, *loading_label, *error_label, *error_detail;
  GtkWidget    *loading_box, *error_close;
  GtkSpinner   *spinner;
  GtkWidget    *error_box;
  OcFigureView *samples_view;
  GtkScrolledWindow *counts_scroller;
  GtkWidget    *load_button;
  GtkMenuButton *recent_button;
};

/* How many opened files and folders the Open Recent menu offers. */
#define MAX_RECENT 8

static void oc_dataset_page_page_init (OcPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (OcDatasetPage, oc_dataset_page, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (OC_TYPE_PAGE, oc_dataset_page_page_init))

static const char *const subset_ids[] = { "first", "random", NULL };
static const char *const subset_labels[] = { N_("First examples"), N_("Random examples"), NULL };

static gboolean
is_toy (const char *name)
{
  static const char *const toys[] = { "spiral", "moons", "circles", "xor", "blobs", NULL };

  return name != NULL && g_strv_contains (toys, name);
}

/* ---- Rows ---- */

static void
set_path_subtitle (AdwActionRow *row, const char *path, const char *none)
{
  g_autofree char *display = NULL;

  if (path == NULL || path[0] == '\0')
    {
      adw_action_row_set_subtitle (row, none);
      return;
    }
  display = g_filename_display_name (path);
  adw_action_row_set_subtitle (row, display);
  gtk_widget_set_tooltip_text (GTK_WIDGET (row), display);
}

static void
update_rows (OcDatasetPage *self)
{
  g_autofree char *name = g_settings_get_string (self->settings, "dataset");
  g_autofree char *dir = g_settings_get_string (self->settings, "data-dir");
  g_autofree char *file = g_settings_get_string (self->settings, "data-file");
  g_autofree char *test = g_settings_get_string (self->settings, "test-file");
  gboolean toy = is_toy (name), add = g_strcmp0 (name, "addition") == 0;
  gboolean mod = g_strcmp0 (name, "modadd") == 0, csv = g_strcmp0 (name, "csv") == 0;

  gtk_widget_set_visible (GTK_WIDGET (self->folder_row), g_strcmp0 (name, "mnist") == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->file_row), csv);
  gtk_widget_set_visible (GTK_WIDGET (self->test_file_row), csv);
  gtk_widget_set_visible (GTK_WIDGET (self->label_column_row), csv);
  gtk_widget_set_visible (self->test_file_clear, test[0] != '\0');
  gtk_widget_set_visible (self->generator_group, toy || add || mod);
  gtk_widget_set_visible (self->digits_row, add);
  gtk_widget_set_visible (self->modulus_row, mod);
  gtk_widget_set_visible (self->train_fraction_row, add || mod);
  gtk_widget_set_visible (self->noise_row, toy);
  gtk_widget_set_visible (self->points_row, toy);
  set_path_subtitle (self->folder_row, dir, _("No folder chosen"));
  set_path_subtitle (self->file_row, file, _("No file chosen"));
  set_path_subtitle (self->test_file_row, test, _("None: part of the training file is held out"));
}

/* ---- Loading ---- */

static void
set_loading (OcDatasetPage *self, gboolean loading)
{
  if (self->loading == loading)
    return;
  self->loading = loading;
  gtk_widget_set_visible (self->loading_box, loading);
  gtk_spinner_set_spinning (self->spinner, loading);
  if (self->workspace != NULL)
    oc_workspace_set_loading (self->workspace, loading);
}

static void
show_error (OcDatasetPage *self, const GError *error)
{
  g_autofree char *detail = NULL;

  if (self->data != NULL)
    {
      g_autofree char *title = oc_loaded_data_title (self->data);

      detail = g_strdup_printf (_("Still showing %s."), title);
    }
  gtk_label_set_text (self->error_label, error->message);
  gtk_label_set_text (self->error_detail, detail ? detail : _("No dataset is loaded."));
  gtk_widget_set_visible (self->error_box, TRUE);
  oc_window_toast (GTK_WIDGET (self), _("Could not load the dataset; the previous one is kept"));
}

static void
show_data (OcDatasetPage *self)
{
  const OcDataset *ds = self->data->dataset;
  g_autofree char *title = oc_loaded_data_title (self->data);
  g_autofree char *describe = oc_dataset_describe (ds);
  g_autoptr (GString) line = g_string_new (NULL);
  GtkWidget *counts = oc_class_counts_new (ds);

  gtk_label_set_text (self->title_label, title);
  /* A line for people; the CLI's one-liner stays in the tooltip. */
  g_string_append_printf (line, ngettext ("%u training", "%u training", ds->train.n), ds->train.n);
  if (ds->val.n > 0)
    g_string_append_printf (line, ngettext (" · %u validation", " · %u validation", ds->val.n),
                            ds->val.n);
  g_string_append_printf (line, ngettext (" · %u test", " · %u test", ds->test.n), ds->test.n);
  if (ds->image_width > 0)
    g_string_append_printf (line, _(" · %u×%u images"), ds->image_width, ds->image_height);
  else
    g_string_append_printf (line, ngettext (" · %u feature", " · %u features", ds->dim), ds->dim);
  g_string_append_printf (line, ngettext (" · %u class", " · %u classes", ds->n_classes),
                          ds->n_classes);
  if (ds->n_groups > 1)
    g_string_append_printf (line, ngettext (" × %u digit", " × %u digits", ds->n_groups),
                            ds->n_groups);
  if (ds->train.n_flipped > 0)
    g_string_append_printf (line, ngettext (" · %u label flipped", " · %u labels flipped",
                                            ds->train.n_flipped),
                            ds->train.n_flipped);
  if (ds->source != NULL && g_strcmp0 (ds->source, "generated") != 0)
    g_string_append_printf (line, " · %s", ds->source);
  gtk_label_set_text (self->subtitle_label, line->str);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->subtitle_label), describe);
  oc_figure_view_set_figure (self->samples_view, oc_data_figure_new (self->data->dataset));
  gtk_widget_set_margin_start (counts, 14);
  gtk_widget_set_margin_end (counts, 14);
  gtk_widget_set_margin_bottom (counts, 12);
  gtk_scrolled_window_set_child (self->counts_scroller, counts);
}

static void
on_loaded (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (OcDatasetPage) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (OcLoadedData) data = oc_loaded_data_load_finish (result, &error);

  /* Cancelled: a newer load replaced this one, or the page is going away. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->cancellable);
  if (data == NULL)
    {
      set_loading (self, FALSE);
      show_error (self, error);
      return;
    }
  gtk_widget_set_visible (self->error_box, FALSE);
  g_clear_pointer (&self->data, oc_loaded_data_unref);
  self->data = g_steal_pointer (&data);
  show_data (self);
  /* It loaded, but something looks wrong (a label column that looks like a feature, a class the
   * test split lacks): say so without refusing. */
  for (char **w = self->data->dataset->warnings; w != NULL && *w != NULL; w++)
    oc_window_toast (GTK_WIDGET (self), *w);
  /* The new data first, then "done loading": whoever waits on either sees the new dataset. */
  if (self->workspace != NULL)
    oc_workspace_set_data (self->workspace, self->data);
  set_loading (self, FALSE);
}

void
oc_dataset_page_load (OcDatasetPage *self)
{
  g_autofree char *name = NULL, *dir = NULL, *file = NULL, *test = NULL, *subset = NULL;
  g_autofree char *display = NULL, *label = NULL, *label_column = NULL;
  OcDataOptions opts;
  guint n_train;

  g_return_if_fail (OC_IS_DATASET_PAGE (self));
  g_return_if_fail (self->settings != NULL);

  name = g_settings_get_string (self->settings, "dataset");
  dir = g_settings_get_string (self->settings, "data-dir");
  file = g_settings_get_string (self->settings, "data-file");
  test = g_settings_get_string (self->settings, "test-file");
  oc_data_options_init (&opts);
  opts.name = name;
  opts.data_dir = dir[0] ? dir : NULL;
  opts.data_file = file[0] ? file : NULL;
  opts.test_file = test[0] ? test : NULL;
  label_column = g_strstrip (g_settings_get_string (self->settings, "label-column"));
  opts.label_column = label_column[0] ? label_column : "first";
  n_train = g_settings_get_uint (self->settings, "n-train");
  opts.n_train = n_train == 0 ? -1 : (gint64) n_train;
  subset = g_settings_get_string (self->settings, "subset");
  opts.subset = g_strcmp0 (subset, "random") == 0 ? OC_SUBSET_RANDOM : OC_SUBSET_FIRST;
  opts.label_noise = g_settings_get_double (self->settings, "label-noise");
  opts.val_size = g_settings_get_uint (self->settings, "val-size");
  opts.seed = g_settings_get_uint (self->settings, "data-seed");
  opts.digits = g_settings_get_uint (self->settings, "digits");
  opts.modulus = g_settings_get_uint (self->settings, "modulus");
  opts.train_fraction = g_settings_get_double (self->settings, "train-fraction");
  opts.noise = g_settings_get_double (self->settings, "noise");
  opts.n_points = g_settings_get_uint (self->settings, "n-points");

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  display = oc_dataset_display_name (name);
  label = g_strdup_printf (_("Loading %s…"), display);
  gtk_label_set_text (self->loading_label, label);
  set_loading (self, TRUE);
  oc_loaded_data_load_async (&opts, self->cancellable, on_loaded, g_object_ref (self));
}

/* ---- Files ---- */

static gboolean
looks_like_idx (const char *path)
{
  g_autofree char *base = g_path_get_basename (path);

  return strstr (base, "-idx") != NULL || strstr (base, "ubyte") != NULL;
}

/* ---- Recent files ---- */

/* @path first in the recent list, once, the list cut to MAX_RECENT (@path NULL: only drops
 * @drop). */
static void
remember (OcDatasetPage *self, const char *path, const char *drop)
{
  g_auto (GStrv) old = g_settings_get_strv (self->settings, "recent-datasets");
  g_autoptr (GPtrArray) list = g_ptr_array_new ();

  if (path != NULL)
    g_ptr_array_add (list, (gpointer) path);
  for (guint i = 0; old[i] != NULL && list->len < MAX_RECENT; i++)
    if (g_strcmp0 (old[i], path) != 0 && g_strcmp0 (old[i], drop) != 0)
      g_ptr_array_add (list, old[i]);
  g_ptr_array_add (list, NULL);
  g_settings_set_strv (self->settings, "recent-datasets", (const char *const *) list->pdata);
}

/* The menu from the settings: each file or folder by its name, its folder as a hint. */
static void
rebuild_recent_menu (OcDatasetPage *self)
{
  g_auto (GStrv) paths = g_settings_get_strv (self->settings, "recent-datasets");
  g_autoptr (GMenu) menu = g_menu_new ();

  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autofree char *base = g_path_get_basename (paths[i]);
      g_autofree char *dir = g_path_get_dirname (paths[i]);
      g_autofree char *label = g_strdup_printf ("%s — %s", base, dir);
      g_autoptr (GMenuItem) item = g_menu_item_new (label, NULL);

      g_menu_item_set_action_and_target_value (item, "dataset.open-recent",
                                               g_variant_new_string (paths[i]));
      g_menu_append_item (menu, item);
    }
  gtk_menu_button_set_menu_model (self->recent_button, G_MENU_MODEL (menu));
  gtk_widget_set_visible (GTK_WIDGET (self->recent_button), paths[0] != NULL);
}

static void
open_recent_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  OcDatasetPage *self = OC_DATASET_PAGE (widget);
  const char *path = g_variant_get_string (parameter, NULL);
  g_autoptr (GFile) file = NULL;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *base = g_path_get_basename (path);
      g_autofree char *text = g_strdup_printf (_("“%s” is no longer there; it was taken off the "
                                                 "recent datasets"), base);

      remember (self, NULL, path);
      oc_window_toast (widget, text);
      return;
    }
  file = g_file_new_for_path (path);
  oc_dataset_page_open_file (self, file);
}

GMenuModel *
oc_dataset_page_get_recent_menu (OcDatasetPage *self)
{
  g_return_val_if_fail (OC_IS_DATASET_PAGE (self), NULL);

  return gtk_menu_button_get_menu_model (self->recent_button);
}

void
oc_dataset_page_open_file (OcDatasetPage *self, GFile *file)
{
  g_autofree char *path = g_file_get_path (file);

  g_return_if_fail (OC_IS_DATASET_PAGE (self));

  if (path == NULL)
    {
      oc_window_toast (GTK_WIDGET (self), _("Only local files can be opened"));
      return;
    }
  remember (self, path, NULL);
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_settings_set_string (self->settings, "data-dir", path);
      g_settings_set_string (self->settings, "dataset", "mnist");
    }
  else if (looks_like_idx (path))
    {
      g_autofree char *dir = g_path_get_dirname (path);

      g_settings_set_string (self->settings, "data-dir", dir);
      g_settings_set_string (self->settings, "dataset", "mnist");
    }
  else
    {
      g_settings_set_string (self->settings, "data-file", path);
      g_settings_set_string (self->settings, "test-file", "");
      g_settings_set_string (self->settings, "dataset", "csv");
    }
  oc_dataset_page_load (self);
}

typedef enum { CHOOSE_FOLDER, CHOOSE_FILE, CHOOSE_TEST_FILE } ChooseWhat;

typedef struct
{
  OcDatasetPage *self;
  ChooseWhat     what;
} Choice;

static void
on_chooser_response (GtkNativeDialog *dialog, int response, gpointer user_data)
{
  Choice *c = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;

      if (path != NULL && c->what == CHOOSE_TEST_FILE)
        g_settings_set_string (c->self->settings, "test-file", path);
      else if (file != NULL)
        oc_dataset_page_open_file (c->self, file);
    }
  g_object_unref (c->self);
  g_free (c);
  g_object_unref (dialog);
}

static void
choose (OcDatasetPage *self, ChooseWhat what)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *dialog;
  Choice *c = g_new0 (Choice, 1);

  dialog = gtk_file_chooser_native_new (what == CHOOSE_FOLDER ? _("Choose a Folder of IDX Files")
                                        : what == CHOOSE_FILE ? _("Choose a CSV File")
                                                              : _("Choose a CSV Test File"),
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        what == CHOOSE_FOLDER ? GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER
                                                              : GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Open"), _("_Cancel"));
  if (what != CHOOSE_FOLDER)
    {
      g_autoptr (GtkFileFilter) csv = gtk_file_filter_new ();
      g_autoptr (GtkFileFilter) all = gtk_file_filter_new ();

      gtk_file_filter_set_name (csv, _("CSV tables"));
      gtk_file_filter_add_suffix (csv, "csv");
      gtk_file_filter_add_mime_type (csv, "text/csv");
      gtk_file_filter_set_name (all, _("All files"));
      gtk_file_filter_add_pattern (all, "*");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), csv);
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), all);
    }
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  c->self = g_object_ref (self);
  c->what = what;
  g_signal_connect (dialog, "response", G_CALLBACK (on_chooser_response), c);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
on_folder_clicked (OcDatasetPage *self)
{
  choose (self, CHOOSE_FOLDER);
}

static void
on_file_clicked (OcDatasetPage *self)
{
  choose (self, CHOOSE_FILE);
}

static void
on_test_file_clicked (OcDatasetPage *self)
{
  choose (self, CHOOSE_TEST_FILE);
}

static void
on_test_file_clear (OcDatasetPage *self)
{
  g_settings_set_string (self->settings, "test-file", "");
}

static void
on_error_close (OcDatasetPage *self)
{
  gtk_widget_set_visible (self->error_box, FALSE);
}

static void
load_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  oc_dataset_page_load (OC_DATASET_PAGE (widget));
}

/* ---- GObject ---- */

static void
oc_dataset_page_dispose (GObject *object)
{
  OcDatasetPage *self = OC_DATASET_PAGE (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), OC_TYPE_DATASET_PAGE);

  G_OBJECT_CLASS (oc_dataset_page_parent_class)->dispose (object);
}

static void
oc_dataset_page_finalize (GObject *object)
{
  OcDatasetPage *self = OC_DATASET_PAGE (object);

  g_clear_pointer (&self->data, oc_loaded_data_unref);
  g_clear_object (&self->settings);
  g_clear_object (&self->workspace);

  G_OBJECT_CLASS (oc_dataset_page_parent_class)->finalize (object);
}

static void
oc_dataset_page_class_init (OcDatasetPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = oc_dataset_page_dispose;
  object_class->finalize = oc_dataset_page_finalize;

  g_type_ensure (OC_TYPE_FIGURE_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/occamlab/Occam/ui/oc-dataset-page.ui");
#define CHILD(name) gtk_widget_class_bind_template_child (widget_class, OcDatasetPage, name)
  CHILD (dataset_row);
  CHILD (folder_row);
  CHILD (file_row);
  CHILD (test_file_row);
  CHILD (label_column_row);
  CHILD (folder_button);
  CHILD (file_button);
  CHILD (test_file_button);
  CHILD (test_file_clear);
  CHILD (generator_group);
  CHILD (digits_row);
  CHILD (modulus_row);
  CHILD (train_fraction_row);
  CHILD (noise_row);
  CHILD (points_row);
  CHILD (digits_spin);
  CHILD (modulus_spin);
  CHILD (train_fraction_spin);
  CHILD (noise_spin);
  CHILD (points_spin);
  CHILD (n_train_spin);
  CHILD (label_noise_spin);
  CHILD (val_size_spin);
  CHILD (data_seed_spin);
  CHILD (subset_row);
  CHILD (n_train_row);
  CHILD (label_noise_row);
  CHILD (val_size_row);
  CHILD (data_seed_row);
  CHILD (title_label);
  CHILD (subtitle_label);
  CHILD (loading_label);
  CHILD (error_label);
  CHILD (error_detail);
  CHILD (loading_box);
  CHILD (error_close);
  CHILD (spinner);
  CHILD (error_box);
  CHILD (samples_view);
  CHILD (counts_scroller);
  CHILD (load_button);
  CHILD (recent_button);
#undef CHILD

  gtk_widget_class_install_action (widget_class, "dataset.load", NULL, load_action);
  gtk_widget_class_install_action (widget_class, "dataset.open-recent", "s", open_recent_action);
}

static void
oc_dataset_page_init (OcDatasetPage *self)
{
  g_autoptr (GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  const char *const *names = oc_dataset_names ();

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; names[i] != NULL; i++)
    g_ptr_array_add (labels, oc_dataset_display_name (names[i]));
  g_ptr_array_add (labels, NULL);
  oc_combo_row_set_labels (self->dataset_row, (const char *const *) labels->pdata);
  oc_combo_row_set_labels (self->subset_row, subset_labels);
  oc_spin_button_name_zero (self->n_train_spin, _("All"));
  oc_spin_button_name_zero (self->val_size_spin, _("None"));

  g_signal_connect_swapped (self->folder_button, "clicked", G_CALLBACK (on_folder_clicked), self);
  g_signal_connect_swapped (self->file_button, "clicked", G_CALLBACK (on_file_clicked), self);
  g_signal_connect_swapped (self->test_file_button, "clicked",
                            G_CALLBACK (on_test_file_clicked), self);
  g_signal_connect_swapped (self->test_file_clear, "clicked", G_CALLBACK (on_test_file_clear),
                            self);
  g_signal_connect_swapped (self->error_close, "clicked", G_CALLBACK (on_error_close), self);
}

/* ---- OcPage ---- */

static void
page_attach (OcPage *page, OcWorkspace *workspace)
{
  OcDatasetPage *self = OC_DATASET_PAGE (page);
  GSettings *settings = oc_workspace_get_settings (workspace);

  g_return_if_fail (self->settings == NULL);

  self->workspace = g_object_ref (workspace);
  g_signal_connect_object (workspace, "data-requested", G_CALLBACK (oc_dataset_page_load), self,
                           G_CONNECT_SWAPPED);
  self->settings = g_object_ref (settings);
  oc_settings_bind_choice (settings, "dataset", self->dataset_row, oc_dataset_names ());
  oc_settings_bind_choice (settings, "subset", self->subset_row, subset_ids);
  oc_settings_bind_spin (settings, "digits", self->digits_spin);
  oc_settings_bind_spin (settings, "modulus", self->modulus_spin);
  oc_settings_bind_spin (settings, "train-fraction", self->train_fraction_spin);
  oc_settings_bind_spin (settings, "noise", self->noise_spin);
  oc_settings_bind_spin (settings, "n-points", self->points_spin);
  oc_settings_bind_spin (settings, "n-train", self->n_train_spin);
  oc_settings_bind_spin (settings, "label-noise", self->label_noise_spin);
  oc_settings_bind_spin (settings, "val-size", self->val_size_spin);
  oc_settings_bind_spin (settings, "data-seed", self->data_seed_spin);
  g_settings_bind (settings, "label-column", self->label_column_row, "text",
                   G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (settings, "changed", G_CALLBACK (update_rows), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (settings, "changed::recent-datasets",
                           G_CALLBACK (rebuild_recent_menu), self, G_CONNECT_SWAPPED);
  update_rows (self);
  rebuild_recent_menu (self);
}

static GPtrArray *
page_get_figure_views (OcPage *page)
{
  return oc_page_views_new (OC_DATASET_PAGE (page)->samples_view, NULL);
}

static gboolean
page_open_file (OcPage *page, GFile *file)
{
  oc_dataset_page_open_file (OC_DATASET_PAGE (page), file);
  return TRUE;
}

static void
oc_dataset_page_page_init (OcPageInterface *iface)
{
  iface->attach = page_attach;
  iface->get_figure_views = page_get_figure_views;
  iface->open_file = page_open_file;
}

OcLoadedData *
oc_dataset_page_get_data (OcDatasetPage *self)
{
  g_return_val_if_fail (OC_IS_DATASET_PAGE (self), NULL);

  return self->data;
}

gboolean
oc_dataset_page_get_loading (OcDatasetPage *self)
{
  g_return_val_if_fail (OC_IS_DATASET_PAGE (self), FALSE);

  return self->loading;
}

OcFigureView *
oc_dataset_page_get_figure_view (OcDatasetPage *self)
{
  g_return_val_if_fail (OC_IS_DATASET_PAGE (self), NULL);

  return self->samples_view;
}
