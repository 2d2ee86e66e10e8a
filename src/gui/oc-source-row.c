/* oc-source-row.c — see oc-source-row.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "oc-settings-bind.h"
#include "oc-source-row.h"

/* The menu's items in full (the row itself shows them shortened). */
static void
on_item_setup (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_list_item_set_child (item, label);
}

static void
on_item_bind (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  GtkStringObject *text = gtk_list_item_get_item (item);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)),
                      gtk_string_object_get_string (text));
}

void
oc_source_row_init (OcSourceRow *self, AdwComboRow *row, const char *none, const char *unlisted)
{
  g_autoptr (GtkListItemFactory) items = gtk_signal_list_item_factory_new ();
  const char *labels[] = { none, NULL };

  self->row = row;
  self->none = none;
  self->unlisted = unlisted;
  self->ids = NULL;
  self->listing = FALSE;
  g_signal_connect (items, "setup", G_CALLBACK (on_item_setup), NULL);
  g_signal_connect (items, "bind", G_CALLBACK (on_item_bind), NULL);
  adw_combo_row_set_list_factory (row, items);
  oc_combo_row_set_labels (row, labels);
}

void
oc_source_row_clear (OcSourceRow *self)
{
  g_clear_pointer (&self->ids, g_ptr_array_unref);
}

void
oc_source_row_select (OcSourceRow *self, const char *id)
{
  guint index = 0;

  for (guint i = 0; id != NULL && self->ids != NULL && i < self->ids->len; i++)
    if (strcmp (self->ids->pdata[i], id) == 0)
      index = i + 1;
  if (index == 0 && id != NULL && self->ids != NULL)
    {
      GListModel *model = adw_combo_row_get_model (self->row);
      g_autofree char *label = g_strdup_printf ("%s %.8s", self->unlisted, id);

      if (GTK_IS_STRING_LIST (model))
        {
          self->listing = TRUE;
          gtk_string_list_append (GTK_STRING_LIST (model), label);
          self->listing = FALSE;
          g_ptr_array_add (self->ids, g_strdup (id));
          index = self->ids->len;
        }
    }
  self->listing = TRUE;
  adw_combo_row_set_selected (self->row, index);
  self->listing = FALSE;
}

void
oc_source_row_fill (OcSourceRow *self, GPtrArray *experiments,
                    char *(*label) (const OcStoreExperiment *e), const char *chosen)
{
  g_autoptr (GtkStringList) list = gtk_string_list_new (NULL);
  g_autofree char *keep = g_strdup (chosen);

  g_clear_pointer (&self->ids, g_ptr_array_unref);
  self->ids = g_ptr_array_new_with_free_func (g_free);
  gtk_string_list_append (list, self->none);
  for (guint i = 0; experiments != NULL && i < experiments->len; i++)
    {
      const OcStoreExperiment *e = experiments->pdata[i];
      g_autofree char *text = label (e);

      gtk_string_list_append (list, text);
      g_ptr_array_add (self->ids, g_strdup (e->id));
    }
  self->listing = TRUE;
  adw_combo_row_set_model (self->row, G_LIST_MODEL (list));
  self->listing = FALSE;
  oc_source_row_select (self, keep);
}

const char *
oc_source_row_get (OcSourceRow *self)
{
  guint i = adw_combo_row_get_selected (self->row);

  if (i == GTK_INVALID_LIST_POSITION || i == 0 || self->ids == NULL || i - 1 >= self->ids->len)
    return NULL;
  return self->ids->pdata[i - 1];
}
