/* oc-landscape-settings.c — see oc-landscape-settings.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Network row lists "Train it here" (index 0) and then the stored runs the page gave, by ID
 * (oc-source-row.h); a stored network's width and length are its own, so those rows rest while
 * it is chosen.
 */
#include <glib/gi18n.h>
#include <string.h>

#include "occam/oc-landscape-spec.h"
#include "oc-landscape-form.h"
#include "oc-landscape-settings.h"
#include "oc-settings-bind.h"
#include "oc-source-row.h"

struct _OcLandscapeSettings
{
  OcSpecSettings  parent_instance;

  OcStore        *store;        /* the workspace's, borrowed */
  OcSourceRow     sources;      /* the Network row */
  char           *source;       /* the chosen stored run, kept while the list changes */

  AdwComboRow    *source_row, *line_row, *plane_row;
  AdwActionRow   *width_row, *epochs_row, *grid_row, *span_row, *examples_row;
  AdwEntryRow    *seeds_row;
  GtkSpinButton  *width_spin, *epochs_spin, *grid_spin, *span_spin, *examples_spin;
};

G_DEFINE_FINAL_TYPE (OcLandscapeSettings, oc_landscape_settings, OC_TYPE_SPEC_SETTINGS)

static const char *const kinds[] = { "landscape", NULL };
static const char *const line_labels[] = { "θ₀ → θ_T", N_("Two seeds"), N_("None"), NULL };
static const char *const plane_labels[] = { N_("Random"), N_("PCA of the path"), N_("None"), NULL };

/* ---- The form ---- */

static void
read_form (OcLandscapeSettings *self, OcLandscapeForm *form)
{
  form->source = g_strdup (self->source);
  form->width = (guint) gtk_spin_button_get_value_as_int (self->width_spin);
  form->epochs = (guint) gtk_spin_button_get_value_as_int (self->epochs_spin);
  form->line = adw_combo_row_get_selected (self->line_row);
  form->seeds = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->seeds_row)));
  form->plane = adw_combo_row_get_selected (self->plane_row);
  form->grid = (guint) gtk_spin_button_get_value_as_int (self->grid_spin);
  form->span = gtk_spin_button_get_value (self->span_spin);
  form->eval_examples = (guint) gtk_spin_button_get_value_as_int (self->examples_spin);
}

static void
update_rows (OcLandscapeSettings *self)
{
  gboolean here = self->source == NULL;

  gtk_widget_set_sensitive (GTK_WIDGET (self->width_row), here);
  gtk_widget_set_sensitive (GTK_WIDGET (self->epochs_row), here);
  gtk_widget_set_visible (GTK_WIDGET (self->seeds_row),
                          adw_combo_row_get_selected (self->line_row)
                            == OC_LANDSCAPE_FORM_LINE_SEEDS);
  adw_action_row_set_subtitle (self->epochs_row, here ? _("Protocol keeps its length")
                                                      : _("Those of the stored run"));
}

static void
write_form (OcLandscapeSettings *self, const OcLandscapeForm *form)
{
  g_free (self->source);
  self->source = g_strdup (form->source);
  oc_source_row_select (&self->sources, self->source);
  gtk_spin_button_set_value (self->width_spin, form->width);
  gtk_spin_button_set_value (self->epochs_spin, form->epochs);
  adw_combo_row_set_selected (self->line_row, form->line);
  gtk_editable_set_text (GTK_EDITABLE (self->seeds_row), form->seeds ? form->seeds : "0,1");
  adw_combo_row_set_selected (self->plane_row, form->plane);
  gtk_spin_button_set_value (self->grid_spin, form->grid);
  gtk_spin_button_set_value (self->span_spin, form->span);
  gtk_spin_button_set_value (self->examples_spin, form->eval_examples);
  update_rows (self);
}

static void
on_source_changed (OcLandscapeSettings *self)
{
  if (self->sources.listing)
    return;
  g_free (self->source);
  self->source = g_strdup (oc_source_row_get (&self->sources));
  update_rows (self);
  oc_spec_settings_edited (OC_SPEC_SETTINGS (self));
}

static void
on_line_changed (OcLandscapeSettings *self)
{
  update_rows (self);
}

/* Another plane has another natural span: back to its own. */
static void
on_plane_changed (OcLandscapeSettings *self)
{
  if (oc_spec_settings_edited (OC_SPEC_SETTINGS (self)))
    gtk_spin_button_set_value (self->span_spin, 0);
}

/* ---- OcSpecSettings ---- */

static void
oc_landscape_settings_fill (OcSpecSettings *base, const OcSpec *spec)
{
  OcLandscapeSettings *self = OC_LANDSCAPE_SETTINGS (base);
  g_auto (OcLandscapeForm) form = { 0 };

  read_form (self, &form);
  oc_landscape_form_set_from_spec (&form, spec);
  write_form (self, &form);
}

static OcSpec *
oc_landscape_settings_build (OcSpecSettings *base, const OcSpec *base_spec, GtkWidget **bad_row,
                             GError **error)
{
  OcLandscapeSettings *self = OC_LANDSCAPE_SETTINGS (base);
  GtkWidget *rows[] = {
    [OC_LANDSCAPE_FORM_FIELD_SOURCE] = GTK_WIDGET (self->source_row),
    [OC_LANDSCAPE_FORM_FIELD_WIDTH] = GTK_WIDGET (self->width_row),
    [OC_LANDSCAPE_FORM_FIELD_EPOCHS] = GTK_WIDGET (self->epochs_row),
    [OC_LANDSCAPE_FORM_FIELD_LINE] = GTK_WIDGET (self->line_row),
    [OC_LANDSCAPE_FORM_FIELD_SEEDS] = GTK_WIDGET (self->seeds_row),
    [OC_LANDSCAPE_FORM_FIELD_PLANE] = GTK_WIDGET (self->plane_row),
    [OC_LANDSCAPE_FORM_FIELD_GRID] = GTK_WIDGET (self->grid_row),
    [OC_LANDSCAPE_FORM_FIELD_SPAN] = GTK_WIDGET (self->span_row),
    [OC_LANDSCAPE_FORM_FIELD_EXAMPLES] = GTK_WIDGET (self->examples_row),
  };
  g_auto (OcLandscapeForm) form = { 0 };
  OcLandscapeFormField bad;
  OcSpec *spec;

  read_form (self, &form);
  spec = oc_landscape_form_build (&form, base_spec, self->store, &bad, error);
  *bad_row = bad < G_N_ELEMENTS (rows) ? rows[bad] : NULL;
  return spec;
}

static char *
oc_landscape_settings_describe_network (OcSpecSettings *base, const OcTrainConfig *t)
{
  g_autofree char *optimiser = oc_spec_settings_describe_optimiser (t);
  g_autoptr (GString) hidden = g_string_new (NULL);

  for (guint i = 0; i < t->n_hidden; i++)
    g_string_append_printf (hidden, "%s%u", i > 0 ? "-" : "", t->hidden[i]);
  return oc_spec_settings_describe_length (hidden->str, optimiser, t);
}

/* A stored network's settings are its run's, once the spec is valid; until then, nothing. */
static char *
oc_landscape_settings_network_origin (OcSpecSettings *base)
{
  OcLandscapeSettings *self = OC_LANDSCAPE_SETTINGS (base);

  return self->source != NULL ? g_strdup_printf (_("the stored run %.8s"), self->source) : NULL;
}

/* ---- GObject ---- */

static void
oc_landscape_settings_finalize (GObject *object)
{
  OcLandscapeSettings *self = OC_LANDSCAPE_SETTINGS (object);

  oc_source_row_clear (&self->sources);
  g_free (self->source);
  G_OBJECT_CLASS (oc_landscape_settings_parent_class)->finalize (object);
}

static void
oc_landscape_settings_class_init (OcLandscapeSettingsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  OcSpecSettingsClass *spec_class = OC_SPEC_SETTINGS_CLASS (klass);

  object_class->finalize = oc_landscape_settings_finalize;

  spec_class->kinds = kinds;
  /* A 784-64-10 network on Fashion-MNIST with its PCA trajectory: the replay's own protocol. */
  spec_class->default_protocol = "fashion-pca";
  spec_class->fill = oc_landscape_settings_fill;
  spec_class->build = oc_landscape_settings_build;
  spec_class->describe_network = oc_landscape_settings_describe_network;
  spec_class->network_origin = oc_landscape_settings_network_origin;

  oc_spec_settings_class_set_template (widget_class,
                                       "/io/github/occamlab/Occam/ui/oc-landscape-settings.ui");
#define CHILD(name) gtk_widget_class_bind_template_child (widget_class, OcLandscapeSettings, name)
  CHILD (source_row);
  CHILD (line_row);
  CHILD (plane_row);
  CHILD (width_row);
  CHILD (epochs_row);
  CHILD (grid_row);
  CHILD (span_row);
  CHILD (examples_row);
  CHILD (seeds_row);
  CHILD (width_spin);
  CHILD (epochs_spin);
  CHILD (grid_spin);
  CHILD (span_spin);
  CHILD (examples_spin);
#undef CHILD
}

/* "Hidden 64 · fashion-mnist · train run 3f2a91c0 · 2024-05-01 12:00": what tells runs apart
 * first. */
static char *
source_label (const OcStoreExperiment *e)
{
  g_autofree char *when = g_strndup (e->created != NULL ? e->created : "", 16);
  g_autoptr (OcSpec) spec = oc_spec_new_from_json (e->spec, -1, NULL, NULL);
  const OcTrainConfig *t = spec != NULL ? oc_spec_get_train_config (spec) : NULL;
  g_autoptr (GString) s = g_string_new (_("Hidden "));

  for (char *c = when; *c != '\0'; c++)
    if (*c == 'T')
      *c = ' ';
  for (guint i = 0; t != NULL && i < t->n_hidden; i++)
    g_string_append_printf (s, "%s%u", i > 0 ? "-" : "", t->hidden[i]);
  g_string_append_printf (s, " · %s · %s %.8s · %s", e->dataset != NULL ? e->dataset : "?",
                          g_strcmp0 (e->kind, "train") == 0 ? _("train run") : _("landscape"),
                          e->id,
                          when);
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static void
oc_landscape_settings_init (OcLandscapeSettings *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  oc_source_row_init (&self->sources, self->source_row, _("Train it here"), _("Stored run"));
  oc_combo_row_set_labels (self->line_row, line_labels);
  oc_combo_row_set_labels (self->plane_row, plane_labels);
  oc_spin_button_name_zero (self->width_spin, _("Protocol"));
  oc_spin_button_name_zero (self->epochs_spin, _("Protocol"));
  oc_spin_button_name_zero (self->span_spin, _("Auto"));
  oc_spec_settings_watch (OC_SPEC_SETTINGS (self), self->width_spin, self->epochs_spin,
                          self->grid_spin, self->span_spin, self->examples_spin, self->seeds_row,
                          self->line_row, self->plane_row, NULL);
  g_signal_connect_swapped (self->source_row, "notify::selected", G_CALLBACK (on_source_changed),
                            self);
  g_signal_connect_swapped (self->line_row, "notify::selected", G_CALLBACK (on_line_changed),
                            self);
  g_signal_connect_swapped (self->plane_row, "notify::selected", G_CALLBACK (on_plane_changed),
                            self);
  update_rows (self);
}

/* ---- Public ---- */

void
oc_landscape_settings_set_store (OcLandscapeSettings *self, OcStore *store)
{
  g_return_if_fail (OC_IS_LANDSCAPE_SETTINGS (self));

  self->store = store;
}

void
oc_landscape_settings_set_sources (OcLandscapeSettings *self, GPtrArray *experiments)
{
  g_return_if_fail (OC_IS_LANDSCAPE_SETTINGS (self));

  oc_source_row_fill (&self->sources, experiments, source_label, self->source);
}

void
oc_landscape_settings_set_source (OcLandscapeSettings *self, const char *id)
{
  g_return_if_fail (OC_IS_LANDSCAPE_SETTINGS (self));

  g_free (self->source);
  self->source = g_strdup (id);
  oc_source_row_select (&self->sources, self->source);
  update_rows (self);
  oc_spec_settings_edited (OC_SPEC_SETTINGS (self));
}

const char *
oc_landscape_settings_get_source (OcLandscapeSettings *self)
{
  g_return_val_if_fail (OC_IS_LANDSCAPE_SETTINGS (self), NULL);

  return self->source;
}

void
oc_landscape_settings_set_width (OcLandscapeSettings *self, guint width)
{
  gtk_spin_button_set_value (self->width_spin, width);
}

void
oc_landscape_settings_set_epochs (OcLandscapeSettings *self, guint epochs)
{
  gtk_spin_button_set_value (self->epochs_spin, epochs);
}

void
oc_landscape_settings_set_plane (OcLandscapeSettings *self, guint plane)
{
  adw_combo_row_set_selected (self->plane_row, plane);
}

void
oc_landscape_settings_set_grid (OcLandscapeSettings *self, guint grid)
{
  gtk_spin_button_set_value (self->grid_spin, grid);
}

void
oc_landscape_settings_set_eval_examples (OcLandscapeSettings *self, guint n)
{
  gtk_spin_button_set_value (self->examples_spin, n);
}

void
oc_landscape_settings_set_line (OcLandscapeSettings *self, const char *line)
{
  if (g_str_has_prefix (line, "seeds:"))
    {
      gtk_editable_set_text (GTK_EDITABLE (self->seeds_row), line + strlen ("seeds:"));
      adw_combo_row_set_selected (self->line_row, OC_LANDSCAPE_FORM_LINE_SEEDS);
    }
  else
    adw_combo_row_set_selected (self->line_row, strcmp (line, "none") == 0
                                                  ? OC_LANDSCAPE_FORM_LINE_NONE
                                                  : OC_LANDSCAPE_FORM_LINE_INIT_FINAL);
}
