/* oc-settings-bind.c — see oc-settings-bind.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>
#include <math.h>

#include "oc-settings-bind.h"

static gboolean
spin_get (GValue *value, GVariant *variant, gpointer user_data)
{
  double v;

  if (g_variant_is_of_type (variant, G_VARIANT_TYPE_INT32))
    v = g_variant_get_int32 (variant);
  else if (g_variant_is_of_type (variant, G_VARIANT_TYPE_UINT32))
    v = g_variant_get_uint32 (variant);
  else if (g_variant_is_of_type (variant, G_VARIANT_TYPE_INT64))
    v = (double) g_variant_get_int64 (variant);
  else if (g_variant_is_of_type (variant, G_VARIANT_TYPE_UINT64))
    v = (double) g_variant_get_uint64 (variant);
  else if (g_variant_is_of_type (variant, G_VARIANT_TYPE_DOUBLE))
    v = g_variant_get_double (variant);
  else
    return FALSE;
  g_value_set_double (value, v);
  return TRUE;
}

static GVariant *
spin_set (const GValue *value, const GVariantType *type, gpointer user_data)
{
  double v = g_value_get_double (value);

  if (g_variant_type_equal (type, G_VARIANT_TYPE_INT32))
    return g_variant_new_int32 ((gint32) lround (v));
  if (g_variant_type_equal (type, G_VARIANT_TYPE_UINT32))
    return g_variant_new_uint32 ((guint32) lround (MAX (v, 0)));
  if (g_variant_type_equal (type, G_VARIANT_TYPE_INT64))
    return g_variant_new_int64 (llround (v));
  if (g_variant_type_equal (type, G_VARIANT_TYPE_UINT64))
    return g_variant_new_uint64 ((guint64) llround (MAX (v, 0)));
  if (g_variant_type_equal (type, G_VARIANT_TYPE_DOUBLE))
    return g_variant_new_double (v);
  return NULL;
}

void
oc_settings_bind_spin (GSettings *settings, const char *key, GtkSpinButton *spin)
{
  g_settings_bind_with_mapping (settings, key, gtk_spin_button_get_adjustment (spin), "value",
                                G_SETTINGS_BIND_DEFAULT, spin_get, spin_set, NULL, NULL);
}

static gboolean
choice_get (GValue *value, GVariant *variant, gpointer user_data)
{
  const char *const *ids = user_data;
  const char *s = g_variant_get_string (variant, NULL);

  g_value_set_uint (value, 0);
  for (guint i = 0; ids[i] != NULL; i++)
    if (g_strcmp0 (ids[i], s) == 0)
      g_value_set_uint (value, i);
  return TRUE;
}

static GVariant *
choice_set (const GValue *value, const GVariantType *type, gpointer user_data)
{
  const char *const *ids = user_data;
  guint selected = g_value_get_uint (value);

  if (selected >= g_strv_length ((char **) ids))
    return NULL;
  return g_variant_new_string (ids[selected]);
}

void
oc_settings_bind_choice (GSettings *settings, const char *key, AdwComboRow *row,
                         const char *const *ids)
{
  g_settings_bind_with_mapping (settings, key, row, "selected", G_SETTINGS_BIND_DEFAULT,
                                choice_get, choice_set, (gpointer) ids, NULL);
}

void
oc_combo_row_set_labels (AdwComboRow *row, const char *const *labels)
{
  /* The tables mark their labels with N_(); they are shown translated. */
  g_autoptr (GtkStringList) list = gtk_string_list_new (NULL);

  for (guint i = 0; labels[i] != NULL; i++)
    gtk_string_list_append (list, _(labels[i]));

  adw_combo_row_set_model (row, G_LIST_MODEL (list));
}

static gboolean
on_spin_output (GtkSpinButton *spin, gpointer user_data)
{
  const char *word = user_data;

  if (gtk_adjustment_get_value (gtk_spin_button_get_adjustment (spin)) != 0)
    return FALSE;
  gtk_editable_set_text (GTK_EDITABLE (spin), word);
  return TRUE;
}

static int
on_spin_input (GtkSpinButton *spin, double *value, gpointer user_data)
{
  const char *word = user_data;

  if (g_ascii_strcasecmp (gtk_editable_get_text (GTK_EDITABLE (spin)), word) != 0)
    return FALSE;
  *value = 0;
  return TRUE;
}

void
oc_spin_button_name_zero (GtkSpinButton *spin, const char *word)
{
  g_signal_connect (spin, "output", G_CALLBACK (on_spin_output), (gpointer) word);
  g_signal_connect (spin, "input", G_CALLBACK (on_spin_input), (gpointer) word);
}

static gboolean
on_spin_output_g (GtkSpinButton *spin, gpointer user_data)
{
  char text[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (text, sizeof text, "%g",
                   gtk_adjustment_get_value (gtk_spin_button_get_adjustment (spin)));
  gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

void
oc_spin_button_format_short (GtkSpinButton *spin)
{
  g_signal_connect (spin, "output", G_CALLBACK (on_spin_output_g), NULL);
}
