/* oc-grok-settings.c — see oc-grok-settings.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>
#include "occam/oc-error.h"
#include "oc-grok-settings.h"
#include "oc-run-spec.h"
#include "oc-settings-bind.h"

struct _OcGrokSettings
{
  OcSpecSettings  parent_instance;

  AdwComboRow    *problem_row;
  AdwActionRow   *modulus_row, *digits_row, *iterations_row;
  AdwEntryRow    *fractions_row, *decays_row, *seeds_row;
  GtkSpinButton  *modulus_spin, *digits_spin, *iterations_spin;
};

G_DEFINE_FINAL_TYPE (OcGrokSettings, oc_grok_settings, OC_TYPE_SPEC_SETTINGS)

static const char *const kinds[] = { "grok", NULL };
/* The problem row's entries, in this order: modadd first, the grokking setting. */
static const char *const problem_labels[] = { N_("Modular addition"), N_("Addition"), NULL };
static const char *const problem_names[] = { "modadd", "addition" };

/* The spec field each row sets, and the row's title (which starts its messages). */
enum
{
  ROW_FRACTIONS,
  ROW_DECAYS,
  ROW_SEEDS,
  ROW_MODULUS,
  ROW_DIGITS,
  ROW_ITERATIONS,
  N_ROWS
};

static const OcSpecRow rows[] = {
  [ROW_FRACTIONS] = { "grok", "train_fractions", N_("Train fractions") },
  [ROW_DECAYS] = { "grok", "weight_decays", N_("Weight decays") },
  [ROW_SEEDS] = { "grok", "seeds", N_("Seeds") },
  [ROW_MODULUS] = { "data", "modulus", N_("Modulus p") },
  [ROW_DIGITS] = { "data", "digits", N_("Digits") },
  [ROW_ITERATIONS] = { "train", "iterations", N_("Steps") },
};

static gboolean
is_modadd (OcGrokSettings *self)
{
  return adw_combo_row_get_selected (self->problem_row) == 0;
}

static void
on_problem_changed (OcGrokSettings *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->modulus_row), is_modadd (self));
  gtk_widget_set_visible (GTK_WIDGET (self->digits_row), !is_modadd (self));
}

/* ---- OcSpecSettings ---- */

/* A `grok` spec sets every row; the rows keep their values for any other kind. */
static void
oc_grok_settings_fill (OcSpecSettings *base, const OcSpec *spec)
{
  OcGrokSettings *self = OC_GROK_SETTINGS (base);
  const OcGrokSpec *v;
  g_autofree char *fractions = NULL, *decays = NULL, *seeds = NULL;

  if (g_strcmp0 (oc_spec_get_kind (spec), "grok") != 0)
    return;
  v = oc_spec_get_values (spec);
  adw_combo_row_set_selected (self->problem_row,
                              g_strcmp0 (v->base.data.name, "addition") == 0 ? 1 : 0);
  gtk_spin_button_set_value (self->modulus_spin, v->base.data.modulus);
  gtk_spin_button_set_value (self->digits_spin, v->base.data.digits);
  /* Blank axes keep the base's one value: show it, so the row says what runs. */
  fractions = v->train_fractions != NULL ? g_strdup (v->train_fractions)
                                         : oc_spec_get_field_text (spec, "data",
                                                                   "train_fraction");
  decays = v->weight_decays != NULL ? g_strdup (v->weight_decays)
                                    : oc_spec_get_field_text (spec, "optim", "weight_decay");
  seeds = v->seeds != NULL ? g_strdup (v->seeds) : oc_spec_get_field_text (spec, "train", "seed");
  gtk_editable_set_text (GTK_EDITABLE (self->fractions_row), fractions);
  gtk_editable_set_text (GTK_EDITABLE (self->decays_row), decays);
  gtk_editable_set_text (GTK_EDITABLE (self->seeds_row), seeds);
  gtk_spin_button_set_value (self->iterations_spin, (double) v->base.train.iterations);
}

static gboolean
set_uint (OcSpec *spec, guint row, guint64 value, GError **error)
{
  g_autofree char *text = g_strdup_printf ("%" G_GUINT64_FORMAT, value);

  return oc_spec_row_set (spec, &rows[row], text, error);
}

static gboolean
set_rows (OcGrokSettings *self, OcSpec *spec, GError **error)
{
  gboolean modadd = is_modadd (self);

  return oc_spec_set_field (spec, "data", "name", problem_names[modadd ? 0 : 1], error)
         && (modadd ? set_uint (spec, ROW_MODULUS,
                                (guint64) gtk_spin_button_get_value_as_int (self->modulus_spin),
                                error)
                    : set_uint (spec, ROW_DIGITS,
                                (guint64) gtk_spin_button_get_value_as_int (self->digits_spin),
                                error))
         && oc_spec_row_set (spec, &rows[ROW_FRACTIONS],
                             gtk_editable_get_text (GTK_EDITABLE (self->fractions_row)), error)
         && oc_spec_row_set (spec, &rows[ROW_DECAYS],
                             gtk_editable_get_text (GTK_EDITABLE (self->decays_row)), error)
         && oc_spec_row_set (spec, &rows[ROW_SEEDS],
                             gtk_editable_get_text (GTK_EDITABLE (self->seeds_row)), error)
         && set_uint (spec, ROW_ITERATIONS,
                      (guint64) gtk_spin_button_get_value (self->iterations_spin), error)
         && oc_spec_set_field (spec, "train", "epochs", "0", error);
}

static OcSpec *
oc_grok_settings_build (OcSpecSettings *base, const OcSpec *base_spec, GtkWidget **bad_row,
                        GError **error)
{
  OcGrokSettings *self = OC_GROK_SETTINGS (base);
  GtkWidget *widgets[] = {
    [ROW_FRACTIONS] = GTK_WIDGET (self->fractions_row),
    [ROW_DECAYS] = GTK_WIDGET (self->decays_row),
    [ROW_SEEDS] = GTK_WIDGET (self->seeds_row),
    [ROW_MODULUS] = GTK_WIDGET (self->modulus_row),
    [ROW_DIGITS] = GTK_WIDGET (self->digits_row),
    [ROW_ITERATIONS] = GTK_WIDGET (self->iterations_row),
  };
  g_autoptr (GError) local = NULL;
  g_autoptr (OcSpec) spec = NULL;
  int row;

  *bad_row = NULL;
  if (oc_spec_get_train_config (base_spec) == NULL)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_SPEC, _("Protocol: this experiment does not train a "
                     "network; choose another one"));
      return NULL;
    }
  /* Only the network and its training carry over from another kind's spec; the problem row
   * sets the data first, so that a base on other data (Custom's loaded dataset) can be one. */
  {
    g_autoptr (OcSpec) b = oc_spec_dup (base_spec);

    if (oc_spec_set_field (b, "data", "name", problem_names[is_modadd (self) ? 0 : 1], &local)
        && oc_spec_finish (b, FALSE, &local))
      spec = oc_spec_new_from_base ("grok", b, &local);
  }
  if (spec != NULL && set_rows (self, spec, &local) && oc_spec_finish (spec, FALSE, &local))
    return g_steal_pointer (&spec);
  row = oc_spec_row_error (rows, G_N_ELEMENTS (rows), spec, local, error);
  *bad_row = row >= 0 ? widgets[row] : NULL;
  return NULL;
}

static char *
oc_grok_settings_describe_network (OcSpecSettings *base, const OcTrainConfig *t)
{
  g_autofree char *optimiser = oc_spec_settings_describe_optimiser (t);
  g_autoptr (GString) hidden = g_string_new (NULL);

  for (guint i = 0; i < t->n_hidden; i++)
    g_string_append_printf (hidden, "%s%u", i > 0 ? "-" : "", t->hidden[i]);
  /* Translators: the hidden layers' widths (64-64), the optimiser, Adam's β₂. */
  return g_strdup_printf (_("hidden %s, %s, β₂ %g"), hidden->str, optimiser, t->optim.beta2);
}

/* ---- GObject ---- */

static void
oc_grok_settings_class_init (OcGrokSettingsClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  OcSpecSettingsClass *spec_class = OC_SPEC_SETTINGS_CLASS (klass);

  spec_class->kinds = kinds;
  /* The MLP form of the grokking setting: it brings its own problem and optimiser. */
  spec_class->default_protocol = "grokking-mlp";
  spec_class->fill = oc_grok_settings_fill;
  spec_class->build = oc_grok_settings_build;
  spec_class->describe_network = oc_grok_settings_describe_network;

  oc_spec_settings_class_set_template (widget_class,
                                       "/io/github/occamlab/Occam/ui/oc-grok-settings.ui");
#define CHILD(name) gtk_widget_class_bind_template_child (widget_class, OcGrokSettings, name)
  CHILD (problem_row);
  CHILD (modulus_row);
  CHILD (digits_row);
  CHILD (iterations_row);
  CHILD (fractions_row);
  CHILD (decays_row);
  CHILD (seeds_row);
  CHILD (modulus_spin);
  CHILD (digits_spin);
  CHILD (iterations_spin);
#undef CHILD
}

static void
oc_grok_settings_init (OcGrokSettings *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  oc_combo_row_set_labels (self->problem_row, problem_labels);
  oc_spec_settings_watch (OC_SPEC_SETTINGS (self), self->problem_row, self->modulus_spin,
                          self->digits_spin, self->iterations_spin, self->fractions_row,
                          self->decays_row, self->seeds_row, NULL);
  g_signal_connect_swapped (self->problem_row, "notify::selected",
                            G_CALLBACK (on_problem_changed), self);
  on_problem_changed (self);
}

/* ---- Public ---- */

void
oc_grok_settings_set_problem (OcGrokSettings *self, gboolean modadd)
{
  g_return_if_fail (OC_IS_GROK_SETTINGS (self));
  adw_combo_row_set_selected (self->problem_row, modadd ? 0 : 1);
}

void
oc_grok_settings_set_modulus (OcGrokSettings *self, guint p)
{
  g_return_if_fail (OC_IS_GROK_SETTINGS (self));
  gtk_spin_button_set_value (self->modulus_spin, p);
}

void
oc_grok_settings_set_fractions (OcGrokSettings *self, const char *fractions)
{
  g_return_if_fail (OC_IS_GROK_SETTINGS (self));
  gtk_editable_set_text (GTK_EDITABLE (self->fractions_row), fractions);
}

void
oc_grok_settings_set_decays (OcGrokSettings *self, const char *decays)
{
  g_return_if_fail (OC_IS_GROK_SETTINGS (self));
  gtk_editable_set_text (GTK_EDITABLE (self->decays_row), decays);
}

void
oc_grok_settings_set_iterations (OcGrokSettings *self, guint64 iterations)
{
  g_return_if_fail (OC_IS_GROK_SETTINGS (self));
  gtk_spin_button_set_value (self->iterations_spin, (double) iterations);
}
