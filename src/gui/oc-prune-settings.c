/* oc-prune-settings.c — see oc-prune-settings.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "occam/oc-error.h"
#include "occam/oc-lottery.h"
#include "occam-figures/oc-data-figures.h"
#include "oc-prune-form.h"
#include "oc-prune-settings.h"
#include "oc-run-spec.h"
#include "oc-settings-bind.h"
#include "oc-spec-form.h"

/* Typing settles before the spec is rebuilt (and the store asked for stored levels). */
#define REBUILD_DELAY_MS 200

struct _OcPruneSettings
{
  AdwBin               parent_instance;

  GSettings           *settings;
  OcLoadedData        *data;
  const OcSpecPreset **presets;
  guint                n_presets;
  OcSpec              *history;
  GtkStringList       *protocols;
  OcSpec              *spec;
  char                *error;
  guint                rebuild_id;
  gboolean             filling;

  GtkWidget           *settings_box, *data_button, *anchor_box;
  AdwPreferencesGroup *experiment_group, *prune_group, *controls_group, *training_group;
  AdwComboRow         *protocol_row, *scope_row;
  AdwActionRow        *data_row, *base_row, *levels_row, *rate_row, *output_rate_row;
  AdwActionRow        *one_shot_row, *iterations_row, *prune_output_row;
  AdwEntryRow         *rewind_row, *controls_row, *seeds_row;
  GtkSpinButton       *levels_spin, *rate_spin, *output_rate_spin, *one_shot_spin;
  GtkSpinButton       *iterations_spin;
  GtkSwitch           *prune_output_switch;
  GtkLabel            *anchor_label, *error_label;
};

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (OcPruneSettings, oc_prune_settings, ADW_TYPE_BIN)

static const char *const scope_labels[] = { "Layer-wise", "Global (one ranking)", NULL };

static guint
protocol_index (OcPruneSettings *self)
{
  return adw_combo_row_get_selected (self->protocol_row);
}

static const OcSpecPreset *
selected_preset (OcPruneSettings *self)
{
  guint i = protocol_index (self);

  return i >= 1 && i <= self->n_presets ? self->presets[i - 1] : NULL;
}

static gboolean
history_selected (OcPruneSettings *self)
{
  return self->history != NULL && protocol_index (self) == self->n_presets + 1;
}

/* ---- The form ---- */

static void
read_form (OcPruneSettings *self, OcPruneForm *form)
{
  form->levels = (guint) gtk_spin_button_get_value_as_int (self->levels_spin);
  form->rate = gtk_spin_button_get_value (self->rate_spin) / 100;
  form->output_rate = gtk_spin_button_get_value (self->output_rate_spin) / 100;
  form->scope = adw_combo_row_get_selected (self->scope_row);
  form->prune_output = gtk_switch_get_active (self->prune_output_switch);
  form->rewind = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->rewind_row)));
  form->one_shot = gtk_spin_button_get_value (self->one_shot_spin) / 100;
  form->controls = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->controls_row)));
  form->seeds = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->seeds_row)));
  form->iterations = (guint64) gtk_spin_button_get_value (self->iterations_spin);
}

static void
write_form (OcPruneSettings *self, const OcPruneForm *form)
{
  self->filling = TRUE;
  gtk_spin_button_set_value (self->levels_spin, form->levels);
  gtk_spin_button_set_value (self->rate_spin, 100 * form->rate);
  gtk_spin_button_set_value (self->output_rate_spin, 100 * form->output_rate);
  adw_combo_row_set_selected (self->scope_row, form->scope);
  gtk_switch_set_active (self->prune_output_switch, form->prune_output);
  gtk_editable_set_text (GTK_EDITABLE (self->rewind_row), form->rewind ? form->rewind : "");
  gtk_spin_button_set_value (self->one_shot_spin, 100 * form->one_shot);
  gtk_editable_set_text (GTK_EDITABLE (self->controls_row), form->controls ? form->controls : "");
  gtk_editable_set_text (GTK_EDITABLE (self->seeds_row), form->seeds ? form->seeds : "");
  gtk_spin_button_set_value (self->iterations_spin, (double) form->iterations);
  self->filling = FALSE;
}

static void
fill_from_spec (OcPruneSettings *self, const OcSpec *spec)
{
  OcPruneForm form = { 0 };

  read_form (self, &form);
  oc_prune_form_set_from_spec (&form, spec);
  write_form (self, &form);
  oc_prune_form_clear (&form);
}

/* ---- The spec ---- */

static OcSpec *
base_spec (OcPruneSettings *self, GError **error)
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
  /* The Train page's network, optimiser and epochs; the form may override the length. */
  return oc_run_spec_new_base (&self->data->opts, self->settings, error);
}

static GtkWidget *
field_row (OcPruneSettings *self, OcPruneField field)
{
  switch (field)
    {
    case OC_PRUNE_FIELD_LEVELS:
      return GTK_WIDGET (self->levels_row);
    case OC_PRUNE_FIELD_RATE:
      return GTK_WIDGET (self->rate_row);
    case OC_PRUNE_FIELD_OUTPUT_RATE:
      return GTK_WIDGET (self->output_rate_row);
    case OC_PRUNE_FIELD_REWIND:
      return GTK_WIDGET (self->rewind_row);
    case OC_PRUNE_FIELD_ONE_SHOT:
      return GTK_WIDGET (self->one_shot_row);
    case OC_PRUNE_FIELD_CONTROLS:
      return GTK_WIDGET (self->controls_row);
    case OC_PRUNE_FIELD_SEEDS:
      return GTK_WIDGET (self->seeds_row);
    case OC_PRUNE_FIELD_ITERATIONS:
      return GTK_WIDGET (self->iterations_row);
    case OC_PRUNE_FIELD_NONE:
    case OC_PRUNE_FIELD_OTHER:
    default:
      return NULL;
    }
}

static GtkWidget *
field_group (OcPruneSettings *self, OcPruneField field)
{
  if (field >= OC_PRUNE_FIELD_LEVELS && field <= OC_PRUNE_FIELD_ONE_SHOT)
    return GTK_WIDGET (self->prune_group);
  if (field == OC_PRUNE_FIELD_CONTROLS || field == OC_PRUNE_FIELD_SEEDS)
    return GTK_WIDGET (self->controls_group);
  if (field == OC_PRUNE_FIELD_ITERATIONS)
    return GTK_WIDGET (self->training_group);
  return GTK_WIDGET (self->experiment_group);
}

static void
show_error (OcPruneSettings *self, OcPruneField field, const char *message)
{
  GtkWidget *rows[OC_PRUNE_FIELD_OTHER];
  guint n = 0;

  for (OcPruneField f = OC_PRUNE_FIELD_LEVELS; f < OC_PRUNE_FIELD_OTHER; f++)
    rows[n++] = field_row (self, f);
  oc_spec_form_show_error (GTK_BOX (self->settings_box), self->error_label, rows, n,
                           field_row (self, field), field_group (self, field), message);
}

static void
update_rows (OcPruneSettings *self, const OcSpec *base, const OcSpec *spec)
{
  const OcSpecPreset *preset = selected_preset (self);
  gboolean custom = protocol_index (self) == 0;
  const OcTrainConfig *t = spec != NULL ? oc_spec_get_train_config (spec)
                         : base != NULL ? oc_spec_get_train_config (base) : NULL;
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
    }
  else if (base != NULL)
    {
      const OcDataOptions *d = oc_spec_get_data_options (base);
      g_autofree char *name = oc_dataset_display_name (d != NULL ? d->name : "");

      g_string_append_printf (s, "From the %s: %s", preset != NULL ? "protocol" : "experiment",
                              name);
      if (d != NULL && d->val_size > 0)
        g_string_append_printf (s, " · %u held out for early stopping", d->val_size);
    }
  adw_action_row_set_subtitle (self->data_row, s->str);
  gtk_widget_set_visible (self->anchor_box, preset != NULL && preset->anchor != NULL);
  if (preset != NULL && preset->anchor != NULL)
    gtk_label_set_text (self->anchor_label, preset->anchor);
  gtk_widget_set_sensitive (GTK_WIDGET (self->output_rate_row),
                            adw_combo_row_get_selected (self->scope_row) == OC_PRUNE_SCOPE_LAYER);
  if (t == NULL)
    adw_action_row_set_subtitle (self->base_row, custom ? "From the Train page"
                                                        : "From the protocol");
  else
    {
      g_autoptr (GString) h = g_string_new (NULL);
      g_autofree char *text = NULL;

      for (guint i = 0; i < t->n_hidden; i++)
        g_string_append_printf (h, "%s%u", i > 0 ? "-" : "", t->hidden[i]);
      text = g_strdup_printf ("hidden %s, %s, %s init · %s lr %g, batch %u · %s%" G_GUINT64_FORMAT
                              " %s · from the %s", h->str,
                              oc_activation_to_string (t->activation),
                              oc_init_to_string (t->init), oc_optim_kind_to_string (t->optim.kind),
                              t->optim.lr, t->batch, "",
                              t->iterations > 0 ? t->iterations : (guint64) t->epochs,
                              t->iterations > 0 ? "iterations" : "epochs",
                              custom ? "Train page" : "protocol");
      adw_action_row_set_subtitle (self->base_row, text);
    }
}

static void
rebuild (OcPruneSettings *self)
{
  g_autoptr (OcSpec) base = NULL;
  g_autoptr (OcSpec) spec = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *old_id = self->spec ? oc_spec_id (self->spec) : NULL;
  g_autofree char *new_id = NULL;
  OcPruneField bad = OC_PRUNE_FIELD_OTHER;
  OcPruneForm form = { 0 };
  gboolean changed;

  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  if (self->settings == NULL)
    return;
  base = base_spec (self, &error);
  if (base != NULL)
    {
      read_form (self, &form);
      spec = oc_prune_form_build (&form, base, &bad, &error);
      oc_prune_form_clear (&form);
    }
  show_error (self, bad, spec == NULL ? error->message : NULL);
  update_rows (self, base, spec);
  new_id = spec ? oc_spec_id (spec) : NULL;
  changed = g_strcmp0 (old_id, new_id) != 0
            || (spec == NULL && g_strcmp0 (self->error, error->message) != 0);
  g_clear_pointer (&self->spec, oc_spec_free);
  self->spec = g_steal_pointer (&spec);
  g_free (self->error);
  self->error = self->spec == NULL ? g_strdup (error->message) : NULL;
  if (changed)
    g_signal_emit (self, signals[CHANGED], 0);
}

static gboolean
rebuild_timeout (gpointer user_data)
{
  OcPruneSettings *self = user_data;

  self->rebuild_id = 0;
  rebuild (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_rebuild (OcPruneSettings *self)
{
  if (self->filling)
    return;
  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  self->rebuild_id = g_timeout_add (REBUILD_DELAY_MS, rebuild_timeout, self);
}

static void
on_protocol_changed (OcPruneSettings *self)
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
  schedule_rebuild (self);
}

static void
on_settings_changed (OcPruneSettings *self, const char *key)
{
  /* The Train page's rows are the Custom protocol's network. */
  if (protocol_index (self) == 0 && !g_str_has_prefix (key, "window-"))
    schedule_rebuild (self);
}

/* ---- GObject ---- */

static void
oc_prune_settings_dispose (GObject *object)
{
  OcPruneSettings *self = OC_PRUNE_SETTINGS (object);

  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), OC_TYPE_PRUNE_SETTINGS);

  G_OBJECT_CLASS (oc_prune_settings_parent_class)->dispose (object);
}

static void
oc_prune_settings_finalize (GObject *object)
{
  OcPruneSettings *self = OC_PRUNE_SETTINGS (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->protocols);
  g_clear_pointer (&self->data, oc_loaded_data_unref);
  g_clear_pointer (&self->history, oc_spec_free);
  g_clear_pointer (&self->spec, oc_spec_free);
  g_free (self->presets);
  g_free (self->error);

  G_OBJECT_CLASS (oc_prune_settings_parent_class)->finalize (object);
}

static void
oc_prune_settings_class_init (OcPruneSettingsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = oc_prune_settings_dispose;
  object_class->finalize = oc_prune_settings_finalize;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/occamlab/Occam/ui/oc-prune-settings.ui");
#define CHILD(name) gtk_widget_class_bind_template_child (widget_class, OcPruneSettings, name)
  CHILD (settings_box);
  CHILD (data_button);
  CHILD (anchor_box);
  CHILD (experiment_group);
  CHILD (prune_group);
  CHILD (controls_group);
  CHILD (training_group);
  CHILD (protocol_row);
  CHILD (scope_row);
  CHILD (data_row);
  CHILD (base_row);
  CHILD (levels_row);
  CHILD (rate_row);
  CHILD (output_rate_row);
  CHILD (one_shot_row);
  CHILD (iterations_row);
  CHILD (prune_output_row);
  CHILD (rewind_row);
  CHILD (controls_row);
  CHILD (seeds_row);
  CHILD (levels_spin);
  CHILD (rate_spin);
  CHILD (output_rate_spin);
  CHILD (one_shot_spin);
  CHILD (iterations_spin);
  CHILD (prune_output_switch);
  CHILD (anchor_label);
  CHILD (error_label);
#undef CHILD
}

static void
oc_prune_settings_init (OcPruneSettings *self)
{
  GtkSpinButton *spins[5];
  AdwEntryRow *entries[3];

  gtk_widget_init_template (GTK_WIDGET (self));

  self->presets = oc_spec_presets ("prune");
  while (self->presets[self->n_presets] != NULL)
    self->n_presets++;
  self->protocols = gtk_string_list_new (NULL);
  gtk_string_list_append (self->protocols, "Custom: the Dataset and Train pages");
  for (guint i = 0; i < self->n_presets; i++)
    gtk_string_list_append (self->protocols, self->presets[i]->name);
  adw_combo_row_set_model (self->protocol_row, G_LIST_MODEL (self->protocols));
  oc_combo_row_set_labels (self->scope_row, scope_labels);
  oc_spin_button_name_zero (self->one_shot_spin, "Off");
  oc_spin_button_name_zero (self->iterations_spin, "Protocol");

  spins[0] = self->levels_spin;
  spins[1] = self->rate_spin;
  spins[2] = self->output_rate_spin;
  spins[3] = self->one_shot_spin;
  spins[4] = self->iterations_spin;
  entries[0] = self->rewind_row;
  entries[1] = self->controls_row;
  entries[2] = self->seeds_row;
  for (guint i = 0; i < G_N_ELEMENTS (spins); i++)
    g_signal_connect_swapped (spins[i], "value-changed", G_CALLBACK (schedule_rebuild), self);
  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    g_signal_connect_swapped (entries[i], "changed", G_CALLBACK (schedule_rebuild), self);
  g_signal_connect_swapped (self->scope_row, "notify::selected", G_CALLBACK (schedule_rebuild),
                            self);
  g_signal_connect_swapped (self->prune_output_switch, "notify::active",
                            G_CALLBACK (schedule_rebuild), self);
  g_signal_connect_swapped (self->protocol_row, "notify::selected",
                            G_CALLBACK (on_protocol_changed), self);
}

/* ---- Public ---- */

void
oc_prune_settings_set_settings (OcPruneSettings *self, GSettings *settings)
{
  g_return_if_fail (OC_IS_PRUNE_SETTINGS (self));
  g_return_if_fail (self->settings == NULL);

  self->settings = g_object_ref (settings);
  g_signal_connect_object (settings, "changed", G_CALLBACK (on_settings_changed), self,
                           G_CONNECT_SWAPPED);
  /* Frankle & Carbin's protocol first: it is what the page is about, and it brings its data. */
  oc_prune_settings_set_protocol (self, "frankle-carbin");
  rebuild (self);
}

void
oc_prune_settings_set_data (OcPruneSettings *self, OcLoadedData *data)
{
  g_return_if_fail (OC_IS_PRUNE_SETTINGS (self));

  if (data == self->data)
    return;
  g_clear_pointer (&self->data, oc_loaded_data_unref);
  self->data = data ? oc_loaded_data_ref (data) : NULL;
  if (protocol_index (self) == 0)
    schedule_rebuild (self);
}

void
oc_prune_settings_open_spec (OcPruneSettings *self, const OcSpec *spec)
{
  g_autofree char *id = NULL;
  g_autofree char *label = NULL;
  guint n;

  g_return_if_fail (OC_IS_PRUNE_SETTINGS (self));

  g_clear_pointer (&self->history, oc_spec_free);
  self->history = oc_spec_dup (spec);
  id = oc_spec_id (spec);
  label = g_strdup_printf ("Experiment %.8s (History)", id);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->protocols));
  self->filling = TRUE;
  if (n > self->n_presets + 1)
    gtk_string_list_splice (self->protocols, self->n_presets + 1, 1,
                            (const char *const[]) { label, NULL });
  else
    gtk_string_list_append (self->protocols, label);
  adw_combo_row_set_selected (self->protocol_row, self->n_presets + 1);
  self->filling = FALSE;
  on_protocol_changed (self);
  oc_prune_settings_flush (self);
}

void
oc_prune_settings_set_protocol (OcPruneSettings *self, const char *preset)
{
  g_return_if_fail (OC_IS_PRUNE_SETTINGS (self));

  /* Picking the protocol that is already selected still refills the form from it. */
  if (!oc_spec_form_select_preset (self->protocol_row, self->presets, self->n_presets, preset))
    on_protocol_changed (self);
}

void
oc_prune_settings_set_levels (OcPruneSettings *self, guint levels)
{
  gtk_spin_button_set_value (self->levels_spin, levels);
}

void
oc_prune_settings_set_iterations (OcPruneSettings *self, guint64 iterations)
{
  gtk_spin_button_set_value (self->iterations_spin, (double) iterations);
}

void
oc_prune_settings_set_controls (OcPruneSettings *self, const char *controls)
{
  gtk_editable_set_text (GTK_EDITABLE (self->controls_row), controls);
}

void
oc_prune_settings_flush (OcPruneSettings *self)
{
  g_return_if_fail (OC_IS_PRUNE_SETTINGS (self));

  if (self->rebuild_id != 0)
    rebuild (self);
}

const OcSpec *
oc_prune_settings_get_spec (OcPruneSettings *self)
{
  g_return_val_if_fail (OC_IS_PRUNE_SETTINGS (self), NULL);

  return self->spec;
}

const char *
oc_prune_settings_get_error (OcPruneSettings *self)
{
  g_return_val_if_fail (OC_IS_PRUNE_SETTINGS (self), NULL);

  return self->error;
}
