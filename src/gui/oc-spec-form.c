/* oc-spec-form.c — see oc-spec-form.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "oc-spec-form.h"

gboolean
oc_spec_form_select_preset (AdwComboRow *protocol_row, const OcSpecPreset *const *presets,
                            guint n_presets, const char *name)
{
  guint index = 0;

  for (guint i = 0; name != NULL && i < n_presets; i++)
    if (g_strcmp0 (presets[i]->name, name) == 0)
      index = i + 1;
  if (adw_combo_row_get_selected (protocol_row) == index)
    return FALSE;
  adw_combo_row_set_selected (protocol_row, index);
  return TRUE;
}

void
oc_spec_form_show_error (GtkBox *settings_box, GtkLabel *error_label, GtkWidget *const *rows,
                         guint n_rows, GtkWidget *bad_row, GtkWidget *group, const char *message)
{
  for (guint i = 0; i < n_rows; i++)
    gtk_widget_remove_css_class (rows[i], "error");
  gtk_widget_set_visible (GTK_WIDGET (error_label), message != NULL);
  if (message == NULL)
    return;
  if (bad_row != NULL)
    gtk_widget_add_css_class (bad_row, "error");
  gtk_label_set_text (error_label, message);
  gtk_box_reorder_child_after (settings_box, GTK_WIDGET (error_label), group);
}
