/* oc-preferences-window.c — see oc-preferences-window.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>
#include "oc-preferences-window.h"
#include "oc-settings-bind.h"

struct _OcPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  GSettings     *settings;
  AdwComboRow   *style_row;
  GtkSwitch     *presentation_switch;
  GtkSpinButton *threads_spin;
};

G_DEFINE_FINAL_TYPE (OcPreferencesWindow, oc_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static const char *const style_ids[] = { "default", "light", "dark", NULL };
static const char *const style_labels[] = { N_("Follow System"), N_("Light"), N_("Dark"), NULL };

static void
oc_preferences_window_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), OC_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (oc_preferences_window_parent_class)->dispose (object);
}

static void
oc_preferences_window_finalize (GObject *object)
{
  g_clear_object (&OC_PREFERENCES_WINDOW (object)->settings);

  G_OBJECT_CLASS (oc_preferences_window_parent_class)->finalize (object);
}

static void
oc_preferences_window_class_init (OcPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = oc_preferences_window_dispose;
  object_class->finalize = oc_preferences_window_finalize;
  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/occamlab/Occam/ui/oc-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, OcPreferencesWindow, style_row);
  gtk_widget_class_bind_template_child (widget_class, OcPreferencesWindow, presentation_switch);
  gtk_widget_class_bind_template_child (widget_class, OcPreferencesWindow, threads_spin);
}

static void
oc_preferences_window_init (OcPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  oc_combo_row_set_labels (self->style_row, style_labels);
  oc_spin_button_name_zero (self->threads_spin, _("Auto"));
}

GtkWidget *
oc_preferences_window_new (GSettings *settings)
{
  OcPreferencesWindow *self = g_object_new (OC_TYPE_PREFERENCES_WINDOW, NULL);

  self->settings = g_object_ref (settings);
  oc_settings_bind_choice (settings, "color-scheme", self->style_row, style_ids);
  g_settings_bind (settings, "presentation-exports", self->presentation_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  oc_settings_bind_spin (settings, "blas-threads", self->threads_spin);
  return GTK_WIDGET (self);
}
