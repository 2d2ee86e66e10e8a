/* oc-run-bar.c — see oc-run-bar.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>
#include "oc-run-bar.h"

struct _OcRunBar
{
  AdwBin            parent_instance;

  GtkWidget        *run_button, *pause_button, *stop_button;
  AdwButtonContent *run_content, *pause_content;
  GtkLabel         *status_label, *eta_label, *summary_label;
  GtkProgressBar   *progress_bar;
  OcPointProgress  *rows;
};

G_DEFINE_FINAL_TYPE (OcRunBar, oc_run_bar, ADW_TYPE_BIN)

static void
oc_run_bar_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), OC_TYPE_RUN_BAR);

  G_OBJECT_CLASS (oc_run_bar_parent_class)->dispose (object);
}

static void
oc_run_bar_class_init (OcRunBarClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = oc_run_bar_dispose;

  g_type_ensure (OC_TYPE_POINT_PROGRESS);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/occamlab/Occam/ui/oc-run-bar.ui");
#define CHILD(name) gtk_widget_class_bind_template_child (widget_class, OcRunBar, name)
  CHILD (run_button);
  CHILD (pause_button);
  CHILD (stop_button);
  CHILD (run_content);
  CHILD (pause_content);
  CHILD (status_label);
  CHILD (eta_label);
  CHILD (summary_label);
  CHILD (progress_bar);
  CHILD (rows);
#undef CHILD
}

static void
oc_run_bar_init (OcRunBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
oc_run_bar_set_run_label (OcRunBar *self, const char *label, const char *tooltip)
{
  g_return_if_fail (OC_IS_RUN_BAR (self));

  adw_button_content_set_label (self->run_content, label);
  gtk_widget_set_tooltip_text (self->run_button, tooltip);
}

void
oc_run_bar_set_stop_tooltip (OcRunBar *self, const char *tooltip)
{
  g_return_if_fail (OC_IS_RUN_BAR (self));

  gtk_widget_set_tooltip_text (self->stop_button, tooltip);
}

void
oc_run_bar_set_pausable (OcRunBar *self, gboolean pausable, gboolean paused)
{
  g_return_if_fail (OC_IS_RUN_BAR (self));

  gtk_widget_set_visible (self->pause_button, pausable);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->pause_button),
                                  paused ? "page.resume" : "page.pause");
  adw_button_content_set_label (self->pause_content, paused ? _("_Resume") : _("_Pause"));
  adw_button_content_set_icon_name (self->pause_content,
                                    paused ? "media-playback-start-symbolic"
                                           : "media-playback-pause-symbolic");
}

void
oc_run_bar_set_status (OcRunBar *self, const char *status, const char *eta, double fraction)
{
  g_return_if_fail (OC_IS_RUN_BAR (self));

  gtk_label_set_text (self->status_label, status);
  gtk_label_set_text (self->eta_label, eta != NULL ? eta : "");
  if (fraction >= 0)
    gtk_progress_bar_set_fraction (self->progress_bar, CLAMP (fraction, 0, 1));
}

void
oc_run_bar_set_summary (OcRunBar *self, const char *summary)
{
  g_return_if_fail (OC_IS_RUN_BAR (self));

  gtk_label_set_text (self->summary_label, summary != NULL ? summary : "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->summary_label), summary);
  gtk_widget_set_visible (GTK_WIDGET (self->summary_label), summary != NULL && summary[0] != '\0');
}

const char *
oc_run_bar_get_status (OcRunBar *self)
{
  g_return_val_if_fail (OC_IS_RUN_BAR (self), NULL);
  return gtk_label_get_text (self->status_label);
}

const char *
oc_run_bar_get_summary (OcRunBar *self)
{
  g_return_val_if_fail (OC_IS_RUN_BAR (self), NULL);
  return gtk_label_get_text (self->summary_label);
}

OcPointProgress *
oc_run_bar_get_rows (OcRunBar *self)
{
  g_return_val_if_fail (OC_IS_RUN_BAR (self), NULL);
  return self->rows;
}
