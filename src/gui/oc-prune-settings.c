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

  AdwComboRow    *scope_row;
  AdwActionRow   *levels_row, *rate_row, *output_rate_row, *one_shot_row, *iterations_row;
  AdwEntryRow    *rewind_row, *controls_row, *seeds_row;
  GtkSpinButton  *levels_spin, *rate_spin, *output_rate_spin, *one_shot_spin, *iterations_spin;
  GtkSwitch      *prune_output_switch;
};

G_DEFINE_FINAL_TYPE (OcPruneSettings, oc_prune_settings, OC_TYPE_SPEC_SETTINGS)

static const char *const kinds[] = { "prune", NULL };
static const char *const scope_labels[] = { N_("Layer-wise"), N_("Global (one ranking)"), NULL };

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
}

/* The output layer has a rate of its own only when each layer is ranked by itself. */
static void
on_scope_changed (OcPruneSettings *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->output_rate_row),
                            adw_combo_row_get_selected (self->scope_row) == OC_PRUNE_SCOPE_LAYER);
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
#undef CHILD
}

static void
oc_prune_settings_init (OcPruneSettings *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  oc_combo_row_set_labels (self->scope_row, scope_labels);
  oc_spin_button_name_zero (self->one_shot_spin, _("Off"));
  oc_spin_button_name_zero (self->iterations_spin, _("Protocol"));
  oc_spec_settings_watch (OC_SPEC_SETTINGS (self), self->levels_spin, self->rate_spin,
                          self->output_rate_spin, self->one_shot_spin, self->iterations_spin,
                          self->rewind_row, self->controls_row, self->seeds_row, self->scope_row,
                          self->prune_output_switch, NULL);
  g_signal_connect_swapped (self->scope_row, "notify::selected", G_CALLBACK (on_scope_changed),
                            self);
  on_scope_changed (self);
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
