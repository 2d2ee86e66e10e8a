/* oc-prune-settings.c — see oc-prune-settings.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>
#include "occam/oc-lottery.h"
#include "oc-prune-form.h"
#include "oc-prune-settings.h"
#include "oc-settings-bind.h"

struct _OcPruneSettings
{
  OcSpecSettings  parent_instance;

  AdwPreferencesGroup *prune_group, *controls_group;
  AdwComboRow    *scope_row, *method_row;
  AdwActionRow   *levels_row, *rate_row, *output_rate_row, *one_shot_row, *iterations_row;
  AdwActionRow   *prune_output_row, *shuffle_row, *reinit_row;
  AdwEntryRow    *rewind_row, *controls_row, *seeds_row, *densities_row;
  GtkSpinButton  *levels_spin, *rate_spin, *output_rate_spin, *one_shot_spin, *iterations_spin;
  GtkSwitch      *prune_output_switch, *shuffle_switch, *reinit_switch;
};

G_DEFINE_FINAL_TYPE (OcPruneSettings, oc_prune_settings, OC_TYPE_SPEC_SETTINGS)

static const char *const kinds[] = { "prune", NULL };
static const char *const scope_labels[] = { N_("Layer-wise"), N_("Global (one ranking)"), NULL };
/* Index = OcPruneMethod. */
static const char *const method_labels[] = {
  N_("IMP (magnitude, level by level)"), N_("SNIP at initialisation"),
  N_("SynFlow at initialisation"), N_("Random at initialisation"),
  N_("Edge-popup (no weight trained)"), NULL,
};

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
  form->method = adw_combo_row_get_selected (self->method_row);
  if (form->method >= OC_PRUNE_N_METHODS)
    form->method = OC_PRUNE_METHOD_IMP;
  form->densities = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->densities_row)));
  form->shuffle = gtk_switch_get_active (self->shuffle_switch);
  form->reinit = gtk_switch_get_active (self->reinit_switch);
}

/* IMP's rows for IMP; a list of densities and the sanity checks for the others. */
static void
update_method_rows (OcPruneSettings *self)
{
  OcPruneMethod m = adw_combo_row_get_selected (self->method_row);
  gboolean imp = m == OC_PRUNE_METHOD_IMP || m >= OC_PRUNE_N_METHODS;
  GtkWidget *imp_rows[] = {
    GTK_WIDGET (self->levels_row), GTK_WIDGET (self->rate_row),
    GTK_WIDGET (self->output_rate_row), GTK_WIDGET (self->scope_row),
    GTK_WIDGET (self->rewind_row), GTK_WIDGET (self->one_shot_row),
    GTK_WIDGET (self->controls_row),
  };

  for (guint i = 0; i < G_N_ELEMENTS (imp_rows); i++)
    gtk_widget_set_visible (imp_rows[i], imp);
  gtk_widget_set_visible (GTK_WIDGET (self->densities_row), !imp);
  gtk_widget_set_visible (GTK_WIDGET (self->shuffle_row), !imp && oc_prune_method_has_checks (m));
  gtk_widget_set_visible (GTK_WIDGET (self->reinit_row), !imp && oc_prune_method_has_checks (m));
  adw_preferences_group_set_description (
    self->prune_group,
    imp ? _("Each level removes a share of the weights still alive, by magnitude, then rewinds "
            "and trains again.")
        : m == OC_PRUNE_METHOD_EDGE_POPUP
        ? _("A score per weight is trained while the weights stay at their random "
            "initialisation; each layer keeps its top-scoring share. IMP trains the dense "
            "network they are measured against.")
        : _("The initial network is pruned once, straight to each density, then trained. IMP "
            "trains the dense network they are measured against."));
  adw_preferences_group_set_description (
    self->controls_group,
    imp ? _("imp, reinit (same mask, new init), random (random mask); at init: snip, synflow, "
            "random-init, edge-popup (a mask learned on frozen random weights); their sanity "
            "checks: snip-shuffle, snip-reinit, synflow-shuffle, synflow-reinit, "
            "edge-popup-shuffle, edge-popup-reinit.")
    : oc_prune_method_has_checks (m)
        ? _("The sanity checks of Frankle et al. 2021: a method that finds which weights "
            "matter does worse when its mask is shuffled within each layer or its kept weights "
            "are drawn again; one that only finds how many per layer does not.")
        : NULL);
  adw_action_row_set_subtitle (self->iterations_row,
                               imp ? _("0 keeps the protocol’s length")
                                   : _("Of each training; 0 keeps the protocol’s length"));
}

static void
write_form (OcPruneSettings *self, const OcPruneForm *form)
{
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
  adw_combo_row_set_selected (self->method_row, form->method);
  gtk_editable_set_text (GTK_EDITABLE (self->densities_row),
                         form->densities ? form->densities : "50,30,10,5");
  gtk_switch_set_active (self->shuffle_switch, form->shuffle);
  gtk_switch_set_active (self->reinit_switch, form->reinit);
  update_method_rows (self);
}

/* The output layer has a rate of its own only when each layer is ranked by itself. */
static void
on_scope_changed (OcPruneSettings *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->output_rate_row),
                            adw_combo_row_get_selected (self->scope_row) == OC_PRUNE_SCOPE_LAYER);
}

/* The Custom protocol (index 0) trains for the Train page's length, not for the one of the
 * preset it replaces: its rows keep their values otherwise. */
static void
on_protocol_selected (OcPruneSettings *self, GParamSpec *pspec, AdwComboRow *protocol_row)
{
  if (adw_combo_row_get_selected (protocol_row) == 0)
    gtk_spin_button_set_value (self->iterations_spin, 0);
}

/* ---- OcSpecSettings ---- */

/* A `prune` spec sets every row; the rows keep their values for any other kind. */
static void
oc_prune_settings_fill (OcSpecSettings *base, const OcSpec *spec)
{
  OcPruneSettings *self = OC_PRUNE_SETTINGS (base);
  g_auto (OcPruneForm) form = { 0 };

  read_form (self, &form);
  oc_prune_form_set_from_spec (&form, spec);
  write_form (self, &form);
}

static OcSpec *
oc_prune_settings_build (OcSpecSettings *base, const OcSpec *base_spec, GtkWidget **bad_row,
                         GError **error)
{
  OcPruneSettings *self = OC_PRUNE_SETTINGS (base);
  GtkWidget *rows[] = {
    [OC_PRUNE_FIELD_LEVELS] = GTK_WIDGET (self->levels_row),
    [OC_PRUNE_FIELD_RATE] = GTK_WIDGET (self->rate_row),
    [OC_PRUNE_FIELD_OUTPUT_RATE] = GTK_WIDGET (self->output_rate_row),
    [OC_PRUNE_FIELD_REWIND] = GTK_WIDGET (self->rewind_row),
    [OC_PRUNE_FIELD_ONE_SHOT] = GTK_WIDGET (self->one_shot_row),
    [OC_PRUNE_FIELD_CONTROLS] = GTK_WIDGET (self->controls_row),
    [OC_PRUNE_FIELD_SEEDS] = GTK_WIDGET (self->seeds_row),
    [OC_PRUNE_FIELD_ITERATIONS] = GTK_WIDGET (self->iterations_row),
    [OC_PRUNE_FIELD_METHOD] = GTK_WIDGET (self->method_row),
    [OC_PRUNE_FIELD_DENSITIES] = GTK_WIDGET (self->densities_row),
  };
  g_auto (OcPruneForm) form = { 0 };
  OcPruneField bad;
  OcSpec *spec;

  read_form (self, &form);
  spec = oc_prune_form_build (&form, base_spec, &bad, error);
  /* The row each field's errors are about; none for the base's own. */
  *bad_row = bad < G_N_ELEMENTS (rows) ? rows[bad] : NULL;
  return spec;
}

static char *
oc_prune_settings_describe_network (OcSpecSettings *base, const OcTrainConfig *t)
{
  g_autofree char *optimiser = oc_spec_settings_describe_optimiser (t);
  g_autoptr (GString) hidden = g_string_new (NULL);

  for (guint i = 0; i < t->n_hidden; i++)
    g_string_append_printf (hidden, "%s%u", i > 0 ? "-" : "", t->hidden[i]);
  /* The length is the base's unless "Iterations per level" sets it. */
  return oc_spec_settings_describe_length (hidden->str, optimiser, t);
}

/* ---- GObject ---- */

static void
oc_prune_settings_class_init (OcPruneSettingsClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  OcSpecSettingsClass *spec_class = OC_SPEC_SETTINGS_CLASS (klass);

  spec_class->kinds = kinds;
  /* Frankle & Carbin's protocol first: it is what the page is about, and it brings its data. */
  spec_class->default_protocol = "frankle-carbin";
  spec_class->fill = oc_prune_settings_fill;
  spec_class->build = oc_prune_settings_build;
  spec_class->describe_network = oc_prune_settings_describe_network;

  oc_spec_settings_class_set_template (widget_class,
                                       "/io/github/occamlab/Occam/ui/oc-prune-settings.ui");
#define CHILD(name) gtk_widget_class_bind_template_child (widget_class, OcPruneSettings, name)
  CHILD (scope_row);
  CHILD (levels_row);
  CHILD (rate_row);
  CHILD (output_rate_row);
  CHILD (one_shot_row);
  CHILD (iterations_row);
  CHILD (rewind_row);
  CHILD (controls_row);
  CHILD (seeds_row);
  CHILD (levels_spin);
  CHILD (rate_spin);
  CHILD (output_rate_spin);
  CHILD (one_shot_spin);
  CHILD (iterations_spin);
  CHILD (prune_output_switch);
  CHILD (method_row);
  CHILD (prune_group);
  CHILD (controls_group);
  CHILD (densities_row);
  CHILD (prune_output_row);
  CHILD (shuffle_row);
  CHILD (reinit_row);
  CHILD (shuffle_switch);
  CHILD (reinit_switch);
#undef CHILD
}

static void
oc_prune_settings_init (OcPruneSettings *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (gtk_widget_get_template_child (GTK_WIDGET (self), OC_TYPE_PRUNE_SETTINGS,
                                                         "protocol_row"),
                           "notify::selected", G_CALLBACK (on_protocol_selected), self,
                           G_CONNECT_SWAPPED);

  oc_combo_row_set_labels (self->scope_row, scope_labels);
  {
    const char *labels[G_N_ELEMENTS (method_labels)];

    for (guint i = 0; i < G_N_ELEMENTS (method_labels); i++)
      labels[i] = method_labels[i] != NULL ? _(method_labels[i]) : NULL;
    oc_combo_row_set_labels (self->method_row, labels);
  }
  oc_spin_button_name_zero (self->one_shot_spin, _("Off"));
  oc_spin_button_name_zero (self->iterations_spin, _("Protocol"));
  oc_spec_settings_watch (OC_SPEC_SETTINGS (self), self->levels_spin, self->rate_spin,
                          self->output_rate_spin, self->one_shot_spin, self->iterations_spin,
                          self->rewind_row, self->controls_row, self->seeds_row, self->scope_row,
                          self->prune_output_switch, self->method_row, self->densities_row,
                          self->shuffle_switch, self->reinit_switch, NULL);
  g_signal_connect_swapped (self->scope_row, "notify::selected", G_CALLBACK (on_scope_changed),
                            self);
  g_signal_connect_swapped (self->method_row, "notify::selected",
                            G_CALLBACK (update_method_rows), self);
  on_scope_changed (self);
  update_method_rows (self);
}

/* ---- Public ---- */

void
oc_prune_settings_set_levels (OcPruneSettings *self, guint levels)
{
  g_return_if_fail (OC_IS_PRUNE_SETTINGS (self));

  gtk_spin_button_set_value (self->levels_spin, levels);
}

void
oc_prune_settings_set_iterations (OcPruneSettings *self, guint64 iterations)
{
  g_return_if_fail (OC_IS_PRUNE_SETTINGS (self));

  gtk_spin_button_set_value (self->iterations_spin, (double) iterations);
}

void
oc_prune_settings_set_controls (OcPruneSettings *self, const char *controls)
{
  g_return_if_fail (OC_IS_PRUNE_SETTINGS (self));

  gtk_editable_set_text (GTK_EDITABLE (self->controls_row), controls);
}

void
oc_prune_settings_set_method (OcPruneSettings *self, OcPruneMethod method)
{
  g_return_if_fail (OC_IS_PRUNE_SETTINGS (self));

  adw_combo_row_set_selected (self->method_row, method);
}

void
oc_prune_settings_set_densities (OcPruneSettings *self, const char *densities)
{
  g_return_if_fail (OC_IS_PRUNE_SETTINGS (self));

  gtk_editable_set_text (GTK_EDITABLE (self->densities_row), densities);
}

void
oc_prune_settings_set_checks (OcPruneSettings *self, gboolean shuffle, gboolean reinit)
{
  g_return_if_fail (OC_IS_PRUNE_SETTINGS (self));

  gtk_switch_set_active (self->shuffle_switch, shuffle);
  gtk_switch_set_active (self->reinit_switch, reinit);
}

gboolean
oc_prune_settings_row_visible (OcPruneSettings *self, const char *row)
{
  GObject *o;

  g_return_val_if_fail (OC_IS_PRUNE_SETTINGS (self), FALSE);

  o = gtk_widget_get_template_child (GTK_WIDGET (self), OC_TYPE_PRUNE_SETTINGS, row);
  return GTK_IS_WIDGET (o) && gtk_widget_get_visible (GTK_WIDGET (o));
}
