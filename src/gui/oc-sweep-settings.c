/* oc-sweep-settings.c — see oc-sweep-settings.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>
#include <inttypes.h>
#include <string.h>

#include "occam/oc-axis.h"
#include "occam/oc-rff.h"
#include "occam-figures/oc-sweep-grid.h"
#include "oc-settings-bind.h"
#include "oc-sweep-form.h"
#include "oc-sweep-settings.h"

struct _OcSweepSettings
{
  OcSpecSettings       parent_instance;

  AdwPreferencesGroup *axes_group, *training_group, *rff_group;
  AdwComboRow         *mode_row, *kind_row;
  AdwActionRow        *epochs_row, *record_row, *sigma_row, *ridge_row;
  AdwEntryRow         *widths_row, *n_trains_row, *noises_row, *seeds_row, *features_row;
  AdwEntryRow         *rff_seeds_row;
  GtkSpinButton       *epochs_spin, *record_spin, *sigma_spin, *ridge_spin;
  char                *rff_description; /* the Random Features group's, from the template */
};

G_DEFINE_FINAL_TYPE (OcSweepSettings, oc_sweep_settings, OC_TYPE_SPEC_SETTINGS)

static const char *const kinds[] = { "sweep", "rff", NULL };
static const char *const mode_ids[] = { "model", "sample", "noise", "rff", NULL };
static const char *const mode_labels[] = { N_("Model-wise"), N_("Sample-wise"), N_("Noise-wise"),
                                           N_("Random features"), NULL };
static const char *const kind_ids[] = { "fourier", "relu", NULL };
static const char *const kind_labels[] = { "Fourier: cos(⟨w, x⟩ + b)", "ReLU: max(0, ⟨w, x⟩)",
                                           NULL };

static OcSweepMode
selected_mode (OcSweepSettings *self)
{
  return adw_combo_row_get_selected (self->mode_row);
}

/* ---- The form ---- */

static void
read_form (OcSweepSettings *self, OcSweepForm *form)
{
  form->mode = selected_mode (self);
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
}

/* After the user picks another mode: the swept axis gets a list if it had none, and the others
 * keep one value each (the middle one of a list), so the form stays valid. */
static void
adapt_axes (OcSweepSettings *self, OcSweepMode mode)
{
  AdwEntryRow *rows[] = { self->widths_row, self->n_trains_row, self->noises_row };
  OcLoadedData *data = oc_spec_settings_get_data (OC_SPEC_SETTINGS (self));
  guint n = data != NULL ? data->dataset->train.n : 4000;
  g_autofree char *n_list = g_strdup_printf ("log:%u:%u:5", MAX (n / 16, 1), MAX (n, 1));
  const char *defaults[] = { "1,2,4,8,16,32,64,128", n_list, "0,0.1,0.2,0.3" };

  if (mode == OC_SWEEP_MODE_RFF)
    return;
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
            {
              /* Spec text: a decimal point whatever the locale (a comma separates values). */
              char buf[G_ASCII_DTOSTR_BUF_SIZE];

              middle = g_strdup (g_ascii_formatd (buf, sizeof buf, "%g",
                                                  g_array_index (values, double,
                                                                 (values->len - 1) / 2)));
            }
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
}

static void
update_visibility (OcSweepSettings *self)
{
  OcSweepMode mode = selected_mode (self);

  gtk_widget_set_visible (GTK_WIDGET (self->axes_group), mode != OC_SWEEP_MODE_RFF);
  gtk_widget_set_visible (GTK_WIDGET (self->training_group), mode != OC_SWEEP_MODE_RFF);
  gtk_widget_set_visible (GTK_WIDGET (self->rff_group), mode == OC_SWEEP_MODE_RFF);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->widths_row),
                                 mode == OC_SWEEP_MODE_MODEL ? _("Hidden widths")
                                                             : _("Hidden width"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->n_trains_row),
                                 mode == OC_SWEEP_MODE_SAMPLE ? _("Training-set sizes")
                                                              : _("Training examples"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->noises_row),
                                 mode == OC_SWEEP_MODE_NOISE ? _("Label-noise levels")
                                                             : _("Label noise"));
}

static void
on_mode_changed (OcSweepSettings *self)
{
  update_visibility (self);
  /* A protocol filling the rows sets the axes for its own mode; the user's new mode adapts
   * them. */
  if (oc_spec_settings_edited (OC_SPEC_SETTINGS (self)))
    adapt_axes (self, selected_mode (self));
}

/* ---- OcSpecSettings ---- */

static const char *
oc_sweep_settings_get_kind (OcSpecSettings *base)
{
  return selected_mode (OC_SWEEP_SETTINGS (base)) == OC_SWEEP_MODE_RFF ? "rff" : "sweep";
}

static guint
oc_sweep_settings_get_variant (OcSpecSettings *base)
{
  return selected_mode (OC_SWEEP_SETTINGS (base));
}

static void
oc_sweep_settings_bind_settings (OcSpecSettings *base, GSettings *settings)
{
  OcSweepSettings *self = OC_SWEEP_SETTINGS (base);

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
}

/* A `sweep` spec sets the axes and the length, an `rff` spec the random features: the rows of the
 * other family keep their values. */
static void
oc_sweep_settings_fill (OcSpecSettings *base, const OcSpec *spec)
{
  OcSweepSettings *self = OC_SWEEP_SETTINGS (base);
  g_auto (OcSweepForm) form = { 0 };

  read_form (self, &form);
  oc_sweep_form_set_from_spec (&form, spec);
  write_form (self, &form);
}

/* Random features peak at N = n: when the spec names its n and the axis skips it, the Random
 * Features group says so under its title (n = all of the data is not known before loading). */
static void
update_rff_hint (OcSweepSettings *self, const OcSpec *spec)
{
  g_autofree char *hint = NULL;
  const char *now = adw_preferences_group_get_description (self->rff_group);

  if (spec != NULL && strcmp (oc_spec_get_kind (spec), "rff") == 0)
    {
      const OcDataOptions *d = oc_spec_get_values (spec); /* every kind starts with its data */
      g_autoptr (OcSweepGrid) grid = d->n_train > 0 ? oc_sweep_grid_new (spec, NULL) : NULL;
      gboolean on_axis = FALSE;

      for (guint i = 0; grid != NULL && i < oc_sweep_grid_get_n_points (grid); i++)
        on_axis |= g_array_index (grid->points, OcGridPoint, i).features == (guint64) d->n_train;
      if (grid != NULL && !on_axis)
        hint = g_strdup_printf (_("%s The test error peaks at N = n = %" PRId64
                                  ", the training examples; add %" PRId64
                                  " to the features to see the peak."),
                                self->rff_description, d->n_train, d->n_train);
    }
  if (g_strcmp0 (now, hint != NULL ? hint : self->rff_description) != 0)
    adw_preferences_group_set_description (self->rff_group,
                                           hint != NULL ? hint : self->rff_description);
}

static OcSpec *
oc_sweep_settings_build (OcSpecSettings *base, const OcSpec *base_spec, GtkWidget **bad_row,
                         GError **error)
{
  OcSweepSettings *self = OC_SWEEP_SETTINGS (base);
  GtkWidget *rows[] = {
    [OC_SWEEP_FIELD_WIDTHS] = GTK_WIDGET (self->widths_row),
    [OC_SWEEP_FIELD_N_TRAINS] = GTK_WIDGET (self->n_trains_row),
    [OC_SWEEP_FIELD_NOISES] = GTK_WIDGET (self->noises_row),
    [OC_SWEEP_FIELD_SEEDS] = GTK_WIDGET (self->seeds_row),
    [OC_SWEEP_FIELD_EPOCHS] = GTK_WIDGET (self->epochs_row),
    [OC_SWEEP_FIELD_RECORD] = GTK_WIDGET (self->record_row),
    [OC_SWEEP_FIELD_FEATURES] = GTK_WIDGET (self->features_row),
    [OC_SWEEP_FIELD_SIGMA] = GTK_WIDGET (self->sigma_row),
    [OC_SWEEP_FIELD_RIDGE] = GTK_WIDGET (self->ridge_row),
    [OC_SWEEP_FIELD_RFF_SEEDS] = GTK_WIDGET (self->rff_seeds_row),
  };
  g_auto (OcSweepForm) form = { 0 };
  OcSweepField bad;
  OcSpec *spec;

  read_form (self, &form);
  spec = oc_sweep_form_build (&form, base_spec, &bad, error);
  /* The row each field's errors are about; none for the base's own. */
  *bad_row = bad < G_N_ELEMENTS (rows) ? rows[bad] : NULL;
  update_rff_hint (self, spec);
  return spec;
}

static char *
oc_sweep_settings_describe_network (OcSpecSettings *base, const OcTrainConfig *t)
{
  g_autofree char *optimiser = oc_spec_settings_describe_optimiser (t);

  /* The widths are the sweep's: only the depth is the base's. */
  return g_strdup_printf (ngettext ("%u hidden layer, %s · %s loss",
                                    "%u hidden layers, %s · %s loss", t->n_hidden),
                          t->n_hidden, optimiser, oc_loss_to_string (t->loss));
}

/* ---- GObject ---- */

static void
oc_sweep_settings_finalize (GObject *object)
{
  g_free (OC_SWEEP_SETTINGS (object)->rff_description);

  G_OBJECT_CLASS (oc_sweep_settings_parent_class)->finalize (object);
}

static void
oc_sweep_settings_class_init (OcSweepSettingsClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  OcSpecSettingsClass *spec_class = OC_SPEC_SETTINGS_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = oc_sweep_settings_finalize;
  spec_class->kinds = kinds;
  spec_class->protocol_key = "sweep-protocol";
  spec_class->get_kind = oc_sweep_settings_get_kind;
  spec_class->get_variant = oc_sweep_settings_get_variant;
  spec_class->bind_settings = oc_sweep_settings_bind_settings;
  spec_class->fill = oc_sweep_settings_fill;
  spec_class->build = oc_sweep_settings_build;
  spec_class->describe_network = oc_sweep_settings_describe_network;

  oc_spec_settings_class_set_template (widget_class,
                                       "/io/github/occamlab/Occam/ui/oc-sweep-settings.ui");
#define CHILD(name) gtk_widget_class_bind_template_child (widget_class, OcSweepSettings, name)
  CHILD (axes_group);
  CHILD (training_group);
  CHILD (rff_group);
  CHILD (mode_row);
  CHILD (kind_row);
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
#undef CHILD
}

static void
oc_sweep_settings_init (OcSweepSettings *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rff_description = g_strdup (adw_preferences_group_get_description (self->rff_group));

  oc_combo_row_set_labels (self->mode_row, mode_labels);
  oc_combo_row_set_labels (self->kind_row, kind_labels);
  oc_spin_button_name_zero (self->record_spin, _("Off"));
  oc_spin_button_name_zero (self->ridge_spin, _("None"));
  oc_spin_button_format_short (self->ridge_spin);
  oc_spin_button_format_short (self->sigma_spin);
  oc_spec_settings_watch (OC_SPEC_SETTINGS (self), self->widths_row, self->n_trains_row,
                          self->noises_row, self->seeds_row, self->features_row,
                          self->rff_seeds_row, self->epochs_spin, self->record_spin,
                          self->sigma_spin, self->ridge_spin, self->kind_row, NULL);
  g_signal_connect_swapped (self->mode_row, "notify::selected", G_CALLBACK (on_mode_changed),
                            self);
  update_visibility (self);
}

/* ---- Public ---- */

OcSweepMode
oc_sweep_settings_get_mode (OcSweepSettings *self)
{
  g_return_val_if_fail (OC_IS_SWEEP_SETTINGS (self), OC_SWEEP_MODE_MODEL);

  return oc_spec_settings_get_variant (OC_SPEC_SETTINGS (self));
}

const char *
oc_sweep_settings_get_rff_hint (OcSweepSettings *self)
{
  const char *now;

  g_return_val_if_fail (OC_IS_SWEEP_SETTINGS (self), NULL);

  now = adw_preferences_group_get_description (self->rff_group);
  return g_strcmp0 (now, self->rff_description) != 0 ? now : NULL;
}
