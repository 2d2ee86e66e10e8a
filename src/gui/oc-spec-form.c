/* oc-spec-form.c — see oc-spec-form.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "oc-spec-form.h"
#include "oc-train-job.h"

gboolean
oc_spec_form_train_config (GSettings *settings, OcTrainConfig *cfg, GArray **hidden,
                           GError **error)
{
  g_autofree char *text = g_settings_get_string (settings, "hidden");
  g_autofree char *act = g_settings_get_string (settings, "activation");
  g_autofree char *init = g_settings_get_string (settings, "init");
  g_autofree char *loss = g_settings_get_string (settings, "loss");
  g_autofree char *optim = g_settings_get_string (settings, "optimizer");
  g_autofree char *sched = g_settings_get_string (settings, "schedule");

  oc_train_config_init (cfg);
  if (!oc_parse_hidden (text, hidden, error))
    return FALSE;
  cfg->hidden = (const guint *) (*hidden)->data;
  cfg->n_hidden = (*hidden)->len;
  oc_activation_from_string (act, &cfg->activation);
  oc_init_from_string (init, &cfg->init);
  oc_loss_from_string (loss, &cfg->loss);
  oc_optim_kind_from_string (optim, &cfg->optim.kind);
  oc_schedule_from_string (sched, &cfg->optim.schedule);
  cfg->optim.lr = g_settings_get_double (settings, "lr");
  cfg->batch = g_settings_get_uint (settings, "batch");
  cfg->epochs = g_settings_get_uint (settings, "epochs");
  cfg->seed = g_settings_get_uint (settings, "seed");
  return TRUE;
}

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
