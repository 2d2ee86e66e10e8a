/* oc-stability-settings.c — see oc-stability-settings.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Network row lists the protocol's dense network (index 0) and then the stored Pruning
 * experiments the page gave (oc-source-row.h). A stored experiment's training is its own, so
 * the Iterations row rests while one is chosen; a level after its dense network exists only at
 * its rewind point, so the k row rests then too and says which k it is.
 */
#include <glib/gi18n.h>
#include <string.h>

#include "occam/oc-instability.h"
#include "oc-settings-bind.h"
#include "oc-source-row.h"
#include "oc-stability-form.h"
#include "oc-stability-settings.h"
#include <inttypes.h>

struct _OcStabilitySettings
{
  OcSpecSettings  parent_instance;

  OcStore        *store;        /* the workspace's, borrowed */
  OcSourceRow     sources;      /* the Network row */
  char           *source;       /* the chosen stored experiment, kept while the list changes */
  guint64         rewind_at;    /* the chosen experiment's rewind point (G_MAXUINT64: none) */

  AdwComboRow    *source_row;
  AdwActionRow   *level_row, *iterations_row, *alphas_row;
  AdwEntryRow    *ks_row, *seeds_row;
  GtkSpinButton  *level_spin, *iterations_spin, *alphas_spin;
};

G_DEFINE_FINAL_TYPE (OcStabilitySettings, oc_stability_settings, OC_TYPE_SPEC_SETTINGS)

static const char *const kinds[] = { "instability", NULL };

/* ---- The form ---- */

static void
read_form (OcStabilitySettings *self, OcStabilityForm *form)
{
  form->source = g_strdup (self->source);
  form->level = (guint) gtk_spin_button_get_value_as_int (self->level_spin);
  form->iterations = (guint64) gtk_spin_button_get_value (self->iterations_spin);
  form->ks = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->ks_row)));
  form->alphas = (guint) gtk_spin_button_get_value_as_int (self->alphas_spin);
  form->seeds = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->seeds_row)));
}

/* The chosen experiment's levels bound the Level row. */
static void
update_levels (OcStabilitySettings *self)
{
  guint n_levels = 1;
  g_autoptr (GError) error = NULL;

  self->rewind_at = 0;
  if (self->source != NULL && self->store != NULL
      && !oc_stability_form_source_levels (self->store, self->source, &n_levels,
                                           &self->rewind_at, &error))
    n_levels = 1; /* the build says why */
  gtk_adjustment_set_upper (gtk_spin_button_get_adjustment (self->level_spin),
                            MAX (n_levels, 1) - 1);
}

static void
update_rows (OcStabilitySettings *self)
{
  gboolean here = self->source == NULL;
  guint level = (guint) gtk_spin_button_get_value_as_int (self->level_spin);
  gboolean fixed_k = !here && level > 0;

  gtk_widget_set_sensitive (GTK_WIDGET (self->level_row), !here);
  gtk_widget_set_sensitive (GTK_WIDGET (self->iterations_row), here);
  gtk_widget_set_sensitive (GTK_WIDGET (self->ks_row), !fixed_k);
  adw_action_row_set_subtitle (self->iterations_row,
                               here ? _("Protocol keeps its length")
                                    : _("Those of the Pruning experiment"));
  if (fixed_k && self->rewind_at != G_MAXUINT64)
    {
      g_autofree char *title = g_strdup_printf (_("Branch at k: the level’s rewind point, %"
                                                  PRIu64), self->rewind_at);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->ks_row), title);
    }
  else
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->ks_row),
                                   _("Branch at k (iterations, e.g. 0,100,500,2000)"));
}

static void
write_form (OcStabilitySettings *self, const OcStabilityForm *form)
{
  g_free (self->source);
  self->source = g_strdup (form->source);
  oc_source_row_select (&self->sources, self->source);
  update_levels (self);
  gtk_spin_button_set_value (self->level_spin, form->level);
  gtk_spin_button_set_value (self->iterations_spin, (double) form->iterations);
  gtk_editable_set_text (GTK_EDITABLE (self->ks_row), form->ks ? form->ks : "");
  gtk_spin_button_set_value (self->alphas_spin, form->alphas);
  gtk_editable_set_text (GTK_EDITABLE (self->seeds_row), form->seeds ? form->seeds : "");
  update_rows (self);
}

static void
on_source_changed (OcStabilitySettings *self)
{
  if (self->sources.listing)
    return;
  g_free (self->source);
  self->source = g_strdup (oc_source_row_get (&self->sources));
  update_levels (self);
  update_rows (self);
  oc_spec_settings_edited (OC_SPEC_SETTINGS (self));
}

static void
on_level_changed (OcStabilitySettings *self)
{
  update_rows (self);
}

/* The Custom protocol (index 0) trains for the Train page's length, not for the one of the
 * preset it replaces: its rows keep their values otherwise. */
static void
on_protocol_selected (OcStabilitySettings *self, GParamSpec *pspec, AdwComboRow *protocol_row)
{
  if (adw_combo_row_get_selected (protocol_row) == 0)
    gtk_spin_button_set_value (self->iterations_spin, 0);
}

/* ---- OcSpecSettings ---- */

static void
oc_stability_settings_fill (OcSpecSettings *base, const OcSpec *spec)
{
  OcStabilitySettings *self = OC_STABILITY_SETTINGS (base);
  g_auto (OcStabilityForm) form = { 0 };

  read_form (self, &form);
  oc_stability_form_set_from_spec (&form, spec);
  write_form (self, &form);
}

static OcSpec *
oc_stability_settings_build (OcSpecSettings *base, const OcSpec *base_spec, GtkWidget **bad_row,
                             GError **error)
{
  OcStabilitySettings *self = OC_STABILITY_SETTINGS (base);
  GtkWidget *rows[] = {
    [OC_STABILITY_FIELD_SOURCE] = GTK_WIDGET (self->source_row),
    [OC_STABILITY_FIELD_LEVEL] = GTK_WIDGET (self->level_row),
    [OC_STABILITY_FIELD_ITERATIONS] = GTK_WIDGET (self->iterations_row),
    [OC_STABILITY_FIELD_KS] = GTK_WIDGET (self->ks_row),
    [OC_STABILITY_FIELD_ALPHAS] = GTK_WIDGET (self->alphas_row),
    [OC_STABILITY_FIELD_SEEDS] = GTK_WIDGET (self->seeds_row),
  };
  g_auto (OcStabilityForm) form = { 0 };
  OcStabilityField bad;
  OcSpec *spec;

  read_form (self, &form);
  spec = oc_stability_form_build (&form, base_spec, self->store, &bad, error);
  *bad_row = bad < G_N_ELEMENTS (rows) ? rows[bad] : NULL;
  return spec;
}

static char *
oc_stability_settings_describe_network (OcSpecSettings *base, const OcTrainConfig *t)
{
  g_autofree char *optimiser = oc_spec_settings_describe_optimiser (t);
  g_autoptr (GString) hidden = g_string_new (NULL);

  for (guint i = 0; i < t->n_hidden; i++)
    g_string_append_printf (hidden, "%s%u", i > 0 ? "-" : "", t->hidden[i]);
  return t->iterations > 0
           ? g_strdup_printf (_("hidden %s, %s · %" PRIu64 " iterations"), hidden->str,
                              optimiser, t->iterations)
           : g_strdup_printf (_("hidden %s, %s · %u epochs"), hidden->str, optimiser, t->epochs);
}

/* A stored sub-network's settings are its experiment's. */
static char *
oc_stability_settings_network_origin (OcSpecSettings *base)
{
  OcStabilitySettings *self = OC_STABILITY_SETTINGS (base);

  return self->source != NULL
           ? g_strdup_printf (_("the Pruning experiment %.8s"), self->source)
           : NULL;
}

/* ---- GObject ---- */

static void
oc_stability_settings_finalize (GObject *object)
{
  OcStabilitySettings *self = OC_STABILITY_SETTINGS (object);

  oc_source_row_clear (&self->sources);
  g_free (self->source);
  G_OBJECT_CLASS (oc_stability_settings_parent_class)->finalize (object);
}

static void
oc_stability_settings_class_init (OcStabilitySettingsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  OcSpecSettingsClass *spec_class = OC_SPEC_SETTINGS_CLASS (klass);

  object_class->finalize = oc_stability_settings_finalize;

  spec_class->kinds = kinds;
  /* Frankle et al. 2020 on Frankle & Carbin's network: the protocol the page is about. */
  spec_class->default_protocol = "frankle-carbin";
  spec_class->fill = oc_stability_settings_fill;
  spec_class->build = oc_stability_settings_build;
  spec_class->describe_network = oc_stability_settings_describe_network;
  spec_class->network_origin = oc_stability_settings_network_origin;

  oc_spec_settings_class_set_template (widget_class,
                                       "/io/github/occamlab/Occam/ui/oc-stability-settings.ui");
#define CHILD(name) gtk_widget_class_bind_template_child (widget_class, OcStabilitySettings, name)
  CHILD (source_row);
  CHILD (level_row);
  CHILD (iterations_row);
  CHILD (alphas_row);
  CHILD (ks_row);
  CHILD (seeds_row);
  CHILD (level_spin);
  CHILD (iterations_spin);
  CHILD (alphas_spin);
#undef CHILD
}

/* "Pruning 3f2a91c0 · fashion-mnist · 21 levels · 2024-05-01 12:00". */
static char *
source_label (const OcStoreExperiment *e)
{
  g_autofree char *when = g_strndup (e->created != NULL ? e->created : "", 16);

  for (char *c = when; *c != '\0'; c++)
    if (*c == 'T')
      *c = ' ';
  return g_strdup_printf (_("Pruning %.8s · %s · %u of %u points · %s"), e->id,
                          e->dataset != NULL ? e->dataset : "?", e->n_finished, e->n_points,
                          when);
}

static void
oc_stability_settings_init (OcStabilitySettings *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (gtk_widget_get_template_child (GTK_WIDGET (self),
                                                         OC_TYPE_STABILITY_SETTINGS,
                                                         "protocol_row"),
                           "notify::selected", G_CALLBACK (on_protocol_selected), self,
                           G_CONNECT_SWAPPED);

  oc_source_row_init (&self->sources, self->source_row, _("Dense network"),
                      _("Pruning experiment"));
  oc_spin_button_name_zero (self->iterations_spin, _("Protocol"));
  oc_spec_settings_watch (OC_SPEC_SETTINGS (self), self->level_spin, self->iterations_spin,
                          self->alphas_spin, self->ks_row, self->seeds_row, NULL);
  g_signal_connect_swapped (self->source_row, "notify::selected", G_CALLBACK (on_source_changed),
                            self);
  g_signal_connect_swapped (self->level_spin, "value-changed", G_CALLBACK (on_level_changed),
                            self);
  update_rows (self);
}

/* ---- Public ---- */

void
oc_stability_settings_set_store (OcStabilitySettings *self, OcStore *store)
{
  g_return_if_fail (OC_IS_STABILITY_SETTINGS (self));

  self->store = store;
  update_levels (self);
}

void
oc_stability_settings_set_sources (OcStabilitySettings *self, GPtrArray *experiments)
{
  g_return_if_fail (OC_IS_STABILITY_SETTINGS (self));

  oc_source_row_fill (&self->sources, experiments, source_label, self->source);
}

guint
oc_stability_settings_get_n_sources (OcStabilitySettings *self)
{
  g_return_val_if_fail (OC_IS_STABILITY_SETTINGS (self), 0);

  return self->sources.ids != NULL ? self->sources.ids->len : 0;
}

void
oc_stability_settings_set_source (OcStabilitySettings *self, const char *id)
{
  g_return_if_fail (OC_IS_STABILITY_SETTINGS (self));

  g_free (self->source);
  self->source = g_strdup (id);
  oc_source_row_select (&self->sources, self->source);
  update_levels (self);
  update_rows (self);
  oc_spec_settings_edited (OC_SPEC_SETTINGS (self));
}

const char *
oc_stability_settings_get_source (OcStabilitySettings *self)
{
  g_return_val_if_fail (OC_IS_STABILITY_SETTINGS (self), NULL);

  return self->source;
}

void
oc_stability_settings_set_level (OcStabilitySettings *self, guint level)
{
  gtk_spin_button_set_value (self->level_spin, level);
}

void
oc_stability_settings_set_iterations (OcStabilitySettings *self, guint64 iterations)
{
  gtk_spin_button_set_value (self->iterations_spin, (double) iterations);
}

void
oc_stability_settings_set_ks (OcStabilitySettings *self, const char *ks)
{
  gtk_editable_set_text (GTK_EDITABLE (self->ks_row), ks);
}

void
oc_stability_settings_set_alphas (OcStabilitySettings *self, guint alphas)
{
  gtk_spin_button_set_value (self->alphas_spin, alphas);
}

void
oc_stability_settings_set_seeds (OcStabilitySettings *self, const char *seeds)
{
  gtk_editable_set_text (GTK_EDITABLE (self->seeds_row), seeds);
}
