/* oc-sweep-settings.c — see oc-sweep-settings.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "occam/oc-axis.h"
#include "occam/oc-error.h"
#include "occam/oc-rff.h"
#include "occam-figures/oc-data-figures.h"
#include "oc-run-spec.h"
#include "oc-settings-bind.h"
#include "oc-spec-form.h"
#include "oc-sweep-form.h"
#include "oc-sweep-settings.h"

/* Typing settles before the spec is rebuilt (and the store asked for stored points). */
#define REBUILD_DELAY_MS 200

struct _OcSweepSettings
{
  AdwBin               parent_instance;

  GSettings           *settings;
  OcLoadedData        *data;
  const OcSpecPreset **presets;  /* sweep and rff presets, NULL-terminated */
  guint                n_presets;
  OcSpec              *history;  /* the experiment opened from History, if any */
  GtkStringList       *protocols;
  GPtrArray           *protocol_titles; /* the popover's second lines */
  OcSpec              *spec;
  char                *error;
  OcSweepMode          mode;
  guint                rebuild_id;
  gboolean             filling;  /* rows changed by code, not by the user */

  GtkWidget           *settings_box, *data_button, *anchor_box;
  AdwPreferencesGroup *experiment_group, *axes_group, *training_group, *rff_group;
  AdwComboRow         *protocol_row, *mode_row, *kind_row;
  AdwActionRow        *data_row, *base_row, *epochs_row, *record_row, *sigma_row, *ridge_row;
  AdwEntryRow         *widths_row, *n_trains_row, *noises_row, *seeds_row, *features_row;
  AdwEntryRow         *rff_seeds_row;
  GtkSpinButton       *epochs_spin, *record_spin, *sigma_spin, *ridge_spin;
  GtkLabel            *anchor_label, *error_label;
};

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (OcSweepSettings, oc_sweep_settings, ADW_TYPE_BIN)

static const char *const mode_ids[] = { "model", "sample", "noise", "rff", NULL };
static const char *const mode_labels[] = { "Model-wise", "Sample-wise", "Noise-wise",
                                           "Random features", NULL };
static const char *const kind_ids[] = { "fourier", "relu", NULL };
static const char *const kind_labels[] = { "Fourier: cos(⟨w, x⟩ + b)", "ReLU: max(0, ⟨w, x⟩)",
                                           NULL };

/* ---- Protocols ---- */

static guint
protocol_index (OcSweepSettings *self)
{
  return adw_combo_row_get_selected (self->protocol_row);
}

static const OcSpecPreset *
selected_preset (OcSweepSettings *self)
{
  guint i = protocol_index (self);

  return i >= 1 && i <= self->n_presets ? self->presets[i - 1] : NULL;
}

static gboolean
history_selected (OcSweepSettings *self)
{
  return self->history != NULL && protocol_index (self) == self->n_presets + 1;
}

/* "Nakkiran et al. 2019: 784-H-10 MLP, …" → "Nakkiran et al. 2019". */
static char *
short_title (const char *title)
{
  const char *colon = strchr (title, ':');

  return colon ? g_strndup (title, colon - title) : g_strdup (title);
}

static void
on_protocol_setup (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *title = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (title), 44);
  gtk_widget_add_css_class (title, "dim-label");
  gtk_widget_add_css_class (title, "caption");
  gtk_widget_set_margin_top (box, 3);
  gtk_widget_set_margin_bottom (box, 3);
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), title);
  gtk_list_item_set_child (item, box);
}

static void
on_protocol_bind (GtkSignalListItemFactory *factory, GtkListItem *item, OcSweepSettings *self)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *name = gtk_widget_get_first_child (box);
  GtkWidget *title = gtk_widget_get_next_sibling (name);
  guint pos = gtk_list_item_get_position (item);

  gtk_label_set_text (GTK_LABEL (name),
                      gtk_string_object_get_string (gtk_list_item_get_item (item)));
  gtk_label_set_text (GTK_LABEL (title), pos < self->protocol_titles->len
                                           ? g_ptr_array_index (self->protocol_titles, pos) : "");
}

static void
fill_protocols (OcSweepSettings *self)
{
  g_autoptr (GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  self->protocols = gtk_string_list_new (NULL);
  self->protocol_titles = g_ptr_array_new_with_free_func (g_free);
  gtk_string_list_append (self->protocols, "Custom");
  g_ptr_array_add (self->protocol_titles,
                   g_strdup ("The Dataset page’s data, the Train page’s network and optimiser"));
  for (guint i = 0; i < self->n_presets; i++)
    {
      g_autofree char *name = short_title (self->presets[i]->title);
      const char *colon = strchr (self->presets[i]->title, ':');
      char *what = g_strdup (colon != NULL ? colon + 1 + (colon[1] == ' ') : "");

      gtk_string_list_append (self->protocols, name);
      /* The popover shows the source, then what it is: "The peak shrinks". */
      what[0] = g_ascii_toupper (what[0]);
      g_ptr_array_add (self->protocol_titles, what);
    }
  adw_combo_row_set_model (self->protocol_row, G_LIST_MODEL (self->protocols));
  g_signal_connect (factory, "setup", G_CALLBACK (on_protocol_setup), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (on_protocol_bind), self);
  adw_combo_row_set_list_factory (self->protocol_row, factory);
}

/* ---- The form ---- */

static void
read_form (OcSweepSettings *self, OcSweepForm *form)
{
  form->mode = adw_combo_row_get_selected (self->mode_row);
  form->widths = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->widths_row)));
  form->n_trains = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->n_trains_row)));
  form->noises = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->noises_row)));
  form->seeds = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->seeds_row)));
  form->epochs = (guint) gtk_spin_button_get_value_as_int (self->epochs_spin);
  form->record_every = (guint) gtk_spin_button_get_value_as_int (self->record_spin);
  form->features = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->features_row)));
  form->rff_seeds = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->rff_seeds_row)));
  form->feature_kind = adw_combo_row_get_selected (self->kind_row);
  form->sigma = gtk_spin_button_get_value (self->sigma_spin);
  form->ridge = gtk_spin_button_get_value (self->ridge_spin);
}

static void
write_form (OcSweepSettings *self, const OcSweepForm *form)
{
  self->filling = TRUE;
  adw_combo_row_set_selected (self->mode_row, form->mode);
  gtk_editable_set_text (GTK_EDITABLE (self->widths_row), form->widths ? form->widths : "");
  gtk_editable_set_text (GTK_EDITABLE (self->n_trains_row), form->n_trains ? form->n_trains : "");
  gtk_editable_set_text (GTK_EDITABLE (self->noises_row), form->noises ? form->noises : "");
  gtk_editable_set_text (GTK_EDITABLE (self->seeds_row), form->seeds ? form->seeds : "");
  gtk_spin_button_set_value (self->epochs_spin, form->epochs);
  gtk_spin_button_set_value (self->record_spin, form->record_every);
  gtk_editable_set_text (GTK_EDITABLE (self->features_row), form->features ? form->features : "");
  gtk_editable_set_text (GTK_EDITABLE (self->rff_seeds_row),
                         form->rff_seeds ? form->rff_seeds : "");
  adw_combo_row_set_selected (self->kind_row, form->feature_kind);
  gtk_spin_button_set_value (self->sigma_spin, form->sigma);
  gtk_spin_button_set_value (self->ridge_spin, form->ridge);
  self->filling = FALSE;
}

static void
fill_from_spec (OcSweepSettings *self, const OcSpec *spec)
{
  OcSweepForm form = { 0 };

  read_form (self, &form);
  oc_sweep_form_set_from_spec (&form, spec);
  write_form (self, &form);
  oc_sweep_form_clear (&form);
}

/* After the user picks another mode: the swept axis gets a list if it had none, and the others
 * keep one value each (the middle one of a list), so the form stays valid. */
static void
adapt_axes (OcSweepSettings *self, OcSweepMode mode)
{
  AdwEntryRow *rows[] = { self->widths_row, self->n_trains_row, self->noises_row };
  guint n = self->data != NULL ? self->data->dataset->train.n : 4000;
  g_autofree char *n_list = g_strdup_printf ("log:%u:%u:5", MAX (n / 16, 1), MAX (n, 1));
  const char *defaults[] = { "1,2,4,8,16,32,64,128", n_list, "0,0.1,0.2,0.3" };

  if (mode == OC_SWEEP_MODE_RFF)
    return;
  self->filling = TRUE;
  for (guint a = 0; a < G_N_ELEMENTS (rows); a++)
    {
      const char *text = gtk_editable_get_text (GTK_EDITABLE (rows[a]));
      g_autoptr (GArray) values = NULL;
      g_autofree char *middle = NULL;

      if (a == (guint) mode)
        {
          if (text[0] == '\0' || strchr (text, ',') == NULL)
            gtk_editable_set_text (GTK_EDITABLE (rows[a]), defaults[a]);
          continue;
        }
      if (a == OC_SWEEP_MODE_NOISE)
        {
          values = oc_axis_parse_double (text, 0, 1, "axis", NULL);
          if (values != NULL && values->len > 1)
            middle = g_strdup_printf ("%g", g_array_index (values, double,
                                                           (values->len - 1) / 2));
        }
      else
        {
          values = oc_axis_parse_uint (text, 1, G_MAXINT64, "axis", NULL);
          if (values != NULL && values->len > 1)
            middle = g_strdup_printf ("%" G_GUINT64_FORMAT,
                                      g_array_index (values, guint64, (values->len - 1) / 2));
        }
      if (middle != NULL)
        gtk_editable_set_text (GTK_EDITABLE (rows[a]), middle);
    }
  self->filling = FALSE;
}

/* ---- The spec ---- */

static OcSpec *
base_spec (OcSweepSettings *self, GError **error)
{
  const OcSpecPreset *preset = selected_preset (self);

  if (preset != NULL)
    return oc_spec_new_from_preset (preset->kind, preset->name, error);
  if (history_selected (self))
    return oc_spec_dup (self->history);
  if (self->data == NULL)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_SPEC, "No dataset loaded: load one on the Dataset "
                   "page, or choose a published protocol");
      return NULL;
    }
  /* The Train page's network and optimiser; the sweep sets the length and the evaluations. */
  return oc_run_spec_new_base (&self->data->opts, self->settings, error);
}

static GtkWidget *
field_row (OcSweepSettings *self, OcSweepField field)
{
  switch (field)
    {
    case OC_SWEEP_FIELD_WIDTHS:
      return GTK_WIDGET (self->widths_row);
    case OC_SWEEP_FIELD_N_TRAINS:
      return GTK_WIDGET (self->n_trains_row);
    case OC_SWEEP_FIELD_NOISES:
      return GTK_WIDGET (self->noises_row);
    case OC_SWEEP_FIELD_SEEDS:
      return GTK_WIDGET (self->seeds_row);
    case OC_SWEEP_FIELD_EPOCHS:
      return GTK_WIDGET (self->epochs_row);
    case OC_SWEEP_FIELD_RECORD:
      return GTK_WIDGET (self->record_row);
    case OC_SWEEP_FIELD_FEATURES:
      return GTK_WIDGET (self->features_row);
    case OC_SWEEP_FIELD_SIGMA:
      return GTK_WIDGET (self->sigma_row);
    case OC_SWEEP_FIELD_RIDGE:
      return GTK_WIDGET (self->ridge_row);
    case OC_SWEEP_FIELD_RFF_SEEDS:
      return GTK_WIDGET (self->rff_seeds_row);
    case OC_SWEEP_FIELD_NONE:
    case OC_SWEEP_FIELD_OTHER:
    default:
      return NULL;
    }
}

static GtkWidget *
field_group (OcSweepSettings *self, OcSweepField field)
{
  if (field >= OC_SWEEP_FIELD_WIDTHS && field <= OC_SWEEP_FIELD_SEEDS)
    return GTK_WIDGET (self->axes_group);
  if (field == OC_SWEEP_FIELD_EPOCHS || field == OC_SWEEP_FIELD_RECORD)
    return GTK_WIDGET (self->training_group);
  if (field >= OC_SWEEP_FIELD_FEATURES && field <= OC_SWEEP_FIELD_RFF_SEEDS)
    return GTK_WIDGET (self->rff_group);
  return GTK_WIDGET (self->experiment_group);
}

/* The message goes right under the group of the row it is about; the row turns red. */
static void
show_error (OcSweepSettings *self, OcSweepField field, const char *message)
{
  GtkWidget *rows[OC_SWEEP_FIELD_OTHER];
  guint n = 0;

  for (OcSweepField f = OC_SWEEP_FIELD_WIDTHS; f < OC_SWEEP_FIELD_OTHER; f++)
    rows[n++] = field_row (self, f);
  oc_spec_form_show_error (GTK_BOX (self->settings_box), self->error_label, rows, n,
                           field_row (self, field), field_group (self, field), message);
}

static void
update_data_row (OcSweepSettings *self, const OcSpec *base)
{
  gboolean custom = protocol_index (self) == 0;
  const OcSpecPreset *preset = selected_preset (self);
  g_autoptr (GString) s = g_string_new (NULL);

  gtk_widget_set_visible (self->data_button, custom);
  if (custom && self->data == NULL)
    g_string_append (s, "No dataset loaded yet: load one on the Dataset page, or choose a "
                        "published protocol.");
  else if (custom)
    {
      g_autofree char *title = oc_loaded_data_title (self->data);

      g_string_append_printf (s, "From the Dataset page: %s · %u training examples", title,
                              self->data->dataset->train.n);
      if (self->data->opts.label_noise > 0)
        g_string_append_printf (s, " · %g %% label noise", 100 * self->data->opts.label_noise);
    }
  else if (base != NULL)
    {
      /* Every kind's values start with its data options. */
      const OcDataOptions *d = oc_spec_get_values (base);
      g_autofree char *name = oc_dataset_display_name (d->name);

      g_string_append_printf (s, "From the %s: %s", preset != NULL ? "protocol" : "experiment",
                              name);
      if (d->n_train >= 0)
        g_string_append_printf (s, " · %s %" G_GINT64_FORMAT " training examples",
                                d->subset == OC_SUBSET_FIRST ? "first" : "random", d->n_train);
      else
        g_string_append (s, " · all training examples");
      if (d->label_noise > 0)
        g_string_append_printf (s, " · %g %% label noise", 100 * d->label_noise);
    }
  adw_action_row_set_subtitle (self->data_row, s->str);
  gtk_widget_set_visible (self->anchor_box, preset != NULL && preset->anchor != NULL);
  if (preset != NULL && preset->anchor != NULL)
    gtk_label_set_text (self->anchor_label, preset->anchor);
}

static void
update_base_row (OcSweepSettings *self, const OcSpec *spec)
{
  const OcTrainConfig *t = spec != NULL ? oc_spec_get_train_config (spec) : NULL;
  g_autofree char *text = NULL;

  if (t == NULL)
    {
      adw_action_row_set_subtitle (self->base_row, protocol_index (self) == 0
                                                     ? "From the Train page"
                                                     : "From the protocol");
      return;
    }
  text = g_strdup_printf ("%u hidden layer%s, %s, %s init · %s, lr %g, batch %u · %s loss · "
                          "from the %s", t->n_hidden, t->n_hidden == 1 ? "" : "s",
                          oc_activation_to_string (t->activation), oc_init_to_string (t->init),
                          oc_optim_kind_to_string (t->optim.kind), t->optim.lr, t->batch,
                          oc_loss_to_string (t->loss),
                          protocol_index (self) == 0 ? "Train page" : "protocol");
  adw_action_row_set_subtitle (self->base_row, text);
}

static void
update_visibility (OcSweepSettings *self)
{
  OcSweepMode mode = adw_combo_row_get_selected (self->mode_row);

  gtk_widget_set_visible (GTK_WIDGET (self->axes_group), mode != OC_SWEEP_MODE_RFF);
  gtk_widget_set_visible (GTK_WIDGET (self->training_group), mode != OC_SWEEP_MODE_RFF);
  gtk_widget_set_visible (GTK_WIDGET (self->rff_group), mode == OC_SWEEP_MODE_RFF);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->widths_row),
                                 mode == OC_SWEEP_MODE_MODEL ? "Hidden widths" : "Hidden width");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->n_trains_row),
                                 mode == OC_SWEEP_MODE_SAMPLE ? "Training-set sizes"
                                                              : "Training examples");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->noises_row),
                                 mode == OC_SWEEP_MODE_NOISE ? "Label-noise levels"
                                                             : "Label noise");
}

static void
rebuild (OcSweepSettings *self)
{
  g_autoptr (OcSpec) base = NULL;
  g_autoptr (OcSpec) spec = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *old_id = self->spec ? oc_spec_id (self->spec) : NULL;
  g_autofree char *new_id = NULL;
  OcSweepField bad = OC_SWEEP_FIELD_OTHER;
  OcSweepForm form = { 0 };
  gboolean changed;

  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  if (self->settings == NULL)
    return;
  base = base_spec (self, &error);
  if (base != NULL)
    {
      read_form (self, &form);
      spec = oc_sweep_form_build (&form, base, &bad, &error);
      oc_sweep_form_clear (&form);
    }
  show_error (self, bad, spec == NULL ? error->message : NULL);
  update_data_row (self, base);
  update_base_row (self, spec != NULL ? spec : base);
  new_id = spec ? oc_spec_id (spec) : NULL;
  changed = g_strcmp0 (old_id, new_id) != 0
            || self->mode != adw_combo_row_get_selected (self->mode_row)
            || (spec == NULL && g_strcmp0 (self->error, error->message) != 0);
  g_clear_pointer (&self->spec, oc_spec_free);
  self->spec = g_steal_pointer (&spec);
  g_free (self->error);
  self->error = self->spec == NULL ? g_strdup (error->message) : NULL;
  self->mode = adw_combo_row_get_selected (self->mode_row);
  if (changed)
    g_signal_emit (self, signals[CHANGED], 0);
}

static gboolean
rebuild_timeout (gpointer user_data)
{
  OcSweepSettings *self = user_data;

  self->rebuild_id = 0;
  rebuild (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_rebuild (OcSweepSettings *self)
{
  if (self->filling)
    return;
  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  self->rebuild_id = g_timeout_add (REBUILD_DELAY_MS, rebuild_timeout, self);
}

/* ---- Signals ---- */

static void
on_protocol_changed (OcSweepSettings *self)
{
  const OcSpecPreset *preset = selected_preset (self);

  if (self->filling)
    return;
  if (preset != NULL)
    {
      g_autoptr (OcSpec) spec = oc_spec_new_from_preset (preset->kind, preset->name, NULL);

      if (spec != NULL)
        fill_from_spec (self, spec);
    }
  else if (history_selected (self))
    fill_from_spec (self, self->history);
  if (self->settings != NULL)
    g_settings_set_string (self->settings, "sweep-protocol", preset ? preset->name : "");
  update_visibility (self);
  schedule_rebuild (self);
}

static void
on_mode_changed (OcSweepSettings *self)
{
  OcSweepMode mode = adw_combo_row_get_selected (self->mode_row);
  const OcSpecPreset *preset = selected_preset (self);
  gboolean base_rff = (preset != NULL && g_strcmp0 (preset->kind, "rff") == 0)
                      || (history_selected (self)
                          && g_strcmp0 (oc_spec_get_kind (self->history), "rff") == 0);

  update_visibility (self);
  if (self->filling)
    return;
  /* A protocol of the other family cannot be the base: fall back to Custom. */
  if ((preset != NULL || history_selected (self)) && base_rff != (mode == OC_SWEEP_MODE_RFF))
    {
      self->filling = TRUE;
      adw_combo_row_set_selected (self->protocol_row, 0);
      self->filling = FALSE;
      if (self->settings != NULL)
        g_settings_set_string (self->settings, "sweep-protocol", "");
    }
  adapt_axes (self, mode);
  schedule_rebuild (self);
}

static void
on_settings_changed (OcSweepSettings *self, const char *key)
{
  /* The Train page's rows are the Custom protocol's network; the window's size is nothing. */
  if (!g_str_has_prefix (key, "window-"))
    schedule_rebuild (self);
}

/* ---- GObject ---- */

static void
oc_sweep_settings_dispose (GObject *object)
{
  OcSweepSettings *self = OC_SWEEP_SETTINGS (object);

  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), OC_TYPE_SWEEP_SETTINGS);

  G_OBJECT_CLASS (oc_sweep_settings_parent_class)->dispose (object);
}

static void
oc_sweep_settings_finalize (GObject *object)
{
  OcSweepSettings *self = OC_SWEEP_SETTINGS (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->protocols);
  g_clear_pointer (&self->protocol_titles, g_ptr_array_unref);
  g_clear_pointer (&self->data, oc_loaded_data_unref);
  g_clear_pointer (&self->history, oc_spec_free);
  g_clear_pointer (&self->spec, oc_spec_free);
  g_free (self->presets);
  g_free (self->error);

  G_OBJECT_CLASS (oc_sweep_settings_parent_class)->finalize (object);
}

static void
oc_sweep_settings_class_init (OcSweepSettingsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = oc_sweep_settings_dispose;
  object_class->finalize = oc_sweep_settings_finalize;

  /* The spec, the mode or the error changed (after the rows settled). */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/occamlab/Occam/ui/oc-sweep-settings.ui");
#define CHILD(name) gtk_widget_class_bind_template_child (widget_class, OcSweepSettings, name)
  CHILD (settings_box);
  CHILD (data_button);
  CHILD (anchor_box);
  CHILD (experiment_group);
  CHILD (axes_group);
  CHILD (training_group);
  CHILD (rff_group);
  CHILD (protocol_row);
  CHILD (mode_row);
  CHILD (kind_row);
  CHILD (data_row);
  CHILD (base_row);
  CHILD (epochs_row);
  CHILD (record_row);
  CHILD (sigma_row);
  CHILD (ridge_row);
  CHILD (widths_row);
  CHILD (n_trains_row);
  CHILD (noises_row);
  CHILD (seeds_row);
  CHILD (features_row);
  CHILD (rff_seeds_row);
  CHILD (epochs_spin);
  CHILD (record_spin);
  CHILD (sigma_spin);
  CHILD (ridge_spin);
  CHILD (anchor_label);
  CHILD (error_label);
#undef CHILD
}

static void
oc_sweep_settings_init (OcSweepSettings *self)
{
  g_autofree const OcSpecPreset **sweeps = oc_spec_presets ("sweep");
  g_autofree const OcSpecPreset **rffs = oc_spec_presets ("rff");
  GPtrArray *all = g_ptr_array_new ();
  GtkWidget *entries[6];
  GtkSpinButton *spins[4];

  gtk_widget_init_template (GTK_WIDGET (self));

  entries[0] = GTK_WIDGET (self->widths_row);
  entries[1] = GTK_WIDGET (self->n_trains_row);
  entries[2] = GTK_WIDGET (self->noises_row);
  entries[3] = GTK_WIDGET (self->seeds_row);
  entries[4] = GTK_WIDGET (self->features_row);
  entries[5] = GTK_WIDGET (self->rff_seeds_row);
  spins[0] = self->epochs_spin;
  spins[1] = self->record_spin;
  spins[2] = self->sigma_spin;
  spins[3] = self->ridge_spin;
  for (guint i = 0; sweeps[i] != NULL; i++)
    g_ptr_array_add (all, (gpointer) sweeps[i]);
  for (guint i = 0; rffs[i] != NULL; i++)
    g_ptr_array_add (all, (gpointer) rffs[i]);
  self->n_presets = all->len;
  g_ptr_array_add (all, NULL);
  self->presets = (const OcSpecPreset **) g_ptr_array_free (all, FALSE);
  fill_protocols (self);
  oc_combo_row_set_labels (self->mode_row, mode_labels);
  oc_combo_row_set_labels (self->kind_row, kind_labels);
  oc_spin_button_name_zero (self->record_spin, "Off");
  oc_spin_button_name_zero (self->ridge_spin, "None");
  oc_spin_button_format_short (self->ridge_spin);
  oc_spin_button_format_short (self->sigma_spin);

  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    g_signal_connect_swapped (entries[i], "changed", G_CALLBACK (schedule_rebuild), self);
  for (guint i = 0; i < G_N_ELEMENTS (spins); i++)
    g_signal_connect_swapped (spins[i], "value-changed", G_CALLBACK (schedule_rebuild), self);
  g_signal_connect_swapped (self->kind_row, "notify::selected", G_CALLBACK (schedule_rebuild),
                            self);
  g_signal_connect_swapped (self->protocol_row, "notify::selected",
                            G_CALLBACK (on_protocol_changed), self);
  g_signal_connect_swapped (self->mode_row, "notify::selected", G_CALLBACK (on_mode_changed),
                            self);
  update_visibility (self);
}

/* ---- Public ---- */

void
oc_sweep_settings_set_settings (OcSweepSettings *self, GSettings *settings)
{
  g_autofree char *protocol = NULL;

  g_return_if_fail (OC_IS_SWEEP_SETTINGS (self));
  g_return_if_fail (self->settings == NULL);

  self->settings = g_object_ref (settings);
  self->filling = TRUE;
  oc_settings_bind_choice (settings, "sweep-mode", self->mode_row, mode_ids);
  g_settings_bind (settings, "sweep-widths", self->widths_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "sweep-n-trains", self->n_trains_row, "text",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "sweep-noises", self->noises_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "sweep-seeds", self->seeds_row, "text", G_SETTINGS_BIND_DEFAULT);
  oc_settings_bind_spin (settings, "sweep-epochs", self->epochs_spin);
  oc_settings_bind_spin (settings, "sweep-record-every", self->record_spin);
  g_settings_bind (settings, "rff-features", self->features_row, "text", G_SETTINGS_BIND_DEFAULT);
  oc_settings_bind_choice (settings, "rff-kind", self->kind_row, kind_ids);
  oc_settings_bind_spin (settings, "rff-sigma", self->sigma_spin);
  oc_settings_bind_spin (settings, "rff-ridge", self->ridge_spin);
  g_settings_bind (settings, "rff-seeds", self->rff_seeds_row, "text", G_SETTINGS_BIND_DEFAULT);
  /* The last protocol comes back as the user left it, edits included: no refill. */
  protocol = g_settings_get_string (settings, "sweep-protocol");
  adw_combo_row_set_selected (self->protocol_row, 0);
  for (guint i = 0; i < self->n_presets; i++)
    if (g_strcmp0 (self->presets[i]->name, protocol) == 0)
      adw_combo_row_set_selected (self->protocol_row, i + 1);
  self->filling = FALSE;
  g_signal_connect_object (settings, "changed", G_CALLBACK (on_settings_changed), self,
                           G_CONNECT_SWAPPED);
  update_visibility (self);
  rebuild (self);
}

void
oc_sweep_settings_set_data (OcSweepSettings *self, OcLoadedData *data)
{
  g_return_if_fail (OC_IS_SWEEP_SETTINGS (self));

  if (data == self->data)
    return;
  g_clear_pointer (&self->data, oc_loaded_data_unref);
  self->data = data ? oc_loaded_data_ref (data) : NULL;
  schedule_rebuild (self);
}

void
oc_sweep_settings_open_spec (OcSweepSettings *self, const OcSpec *spec)
{
  g_autofree char *id = NULL;
  g_autofree char *label = NULL;
  guint n;

  g_return_if_fail (OC_IS_SWEEP_SETTINGS (self));

  g_clear_pointer (&self->history, oc_spec_free);
  self->history = oc_spec_dup (spec);
  id = oc_spec_id (spec);
  label = g_strdup_printf ("Experiment %.8s", id);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->protocols));
  self->filling = TRUE;
  if (n > self->n_presets + 1)
    {
      gtk_string_list_splice (self->protocols, self->n_presets + 1, 1,
                              (const char *const[]) { label, NULL });
      g_ptr_array_remove_index (self->protocol_titles, self->n_presets + 1);
    }
  else
    gtk_string_list_append (self->protocols, label);
  g_ptr_array_add (self->protocol_titles, g_strdup ("Opened from History, with its own data"));
  adw_combo_row_set_selected (self->protocol_row, self->n_presets + 1);
  self->filling = FALSE;
  on_protocol_changed (self);
  oc_sweep_settings_flush (self);
}

void
oc_sweep_settings_set_protocol (OcSweepSettings *self, const char *preset)
{
  g_return_if_fail (OC_IS_SWEEP_SETTINGS (self));

  /* Picking the protocol that is already selected still refills the form from it. */
  if (!oc_spec_form_select_preset (self->protocol_row, self->presets, self->n_presets, preset))
    on_protocol_changed (self);
}

void
oc_sweep_settings_flush (OcSweepSettings *self)
{
  g_return_if_fail (OC_IS_SWEEP_SETTINGS (self));

  if (self->rebuild_id != 0)
    rebuild (self);
}

const OcSpec *
oc_sweep_settings_get_spec (OcSweepSettings *self)
{
  g_return_val_if_fail (OC_IS_SWEEP_SETTINGS (self), NULL);

  return self->spec;
}

OcSweepMode
oc_sweep_settings_get_mode (OcSweepSettings *self)
{
  g_return_val_if_fail (OC_IS_SWEEP_SETTINGS (self), OC_SWEEP_MODE_MODEL);

  return self->mode;
}

const char *
oc_sweep_settings_get_error (OcSweepSettings *self)
{
  g_return_val_if_fail (OC_IS_SWEEP_SETTINGS (self), NULL);

  return self->error;
}
