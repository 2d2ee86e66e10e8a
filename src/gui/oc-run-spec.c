/* oc-run-spec.c — see oc-run-spec.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>
#include <string.h>

#include "occam/oc-cpus.h"
#include "occam/oc-error.h"
#include "oc-run-spec.h"

typedef enum
{
  KEY_BASE    = 0,
  KEY_OWN_RUN = 1 << 0, /* the Train page's own run only: the Custom base of the Sweep and
                         * Pruning pages leaves it at its default, as they set their own */
} KeyFlags;

/* Each key of the Dataset and Train pages and the field of a train spec it holds, read in both
 * directions: settings → spec (oc_run_spec_new) and spec → settings (oc_run_spec_apply). A spec
 * takes the data fields from the data as loaded rather than from these keys, which may have
 * changed since; the titles are the rows' own. */
static const struct
{
  const char *key;
  OcSpecRow   field;
  KeyFlags    flags;
} keys[] = {
  { "dataset", { "data", "name", N_("Dataset") } },
  { "data-dir", { "data", "data_dir", N_("Folder") } },
  { "data-file", { "data", "data_file", N_("Training file") } },
  { "test-file", { "data", "test_file", N_("Test file") } },
  { "label-column", { "data", "label_column", N_("Label column") } },
  { "n-train", { "data", "n_train", N_("Training examples") } },
  { "subset", { "data", "subset", N_("Subset") } },
  { "label-noise", { "data", "label_noise", N_("Label noise") } },
  { "val-size", { "data", "val_size", N_("Validation examples") } },
  { "data-seed", { "data", "seed", N_("Data seed") } },
  { "digits", { "data", "digits", N_("Digits") } },
  { "modulus", { "data", "modulus", N_("Modulus") } },
  { "train-fraction", { "data", "train_fraction", N_("Training fraction") } },
  { "noise", { "data", "noise", N_("Noise") } },
  { "n-points", { "data", "n_points", N_("Points") } },
  { "hidden", { "model", "hidden", N_("Hidden layers") } },
  { "activation", { "model", "activation", N_("Activation") } },
  { "init", { "model", "init", N_("Initialisation") } },
  { "loss", { "train", "loss", N_("Loss") } },
  { "optimizer", { "optim", "kind", N_("Optimiser") } },
  { "lr", { "optim", "lr", N_("Learning rate") } },
  { "schedule", { "optim", "schedule", N_("Schedule") } },
  { "batch", { "train", "batch", N_("Batch size") } },
  { "epochs", { "train", "epochs", N_("Epochs") } },
  { "iterations", { "train", "iterations", N_("Iterations") }, KEY_OWN_RUN },
  { "eval-every", { "train", "eval_every", N_("Evaluate every") }, KEY_OWN_RUN },
  { "seed", { "train", "seed", N_("Seed") } },
};

/* Whether @row holds @field; then @error says @detail under the row's title. */
static gboolean
row_takes_error (const OcSpecRow *row, const OcSpecField *field, const char *detail,
                 GError **error)
{
  if (field == NULL || row->section == NULL || strcmp (row->section, field->section) != 0
      || strcmp (row->name, field->name) != 0)
    return FALSE;
  /* Translators: a setting's title, then what is wrong with its value. */
  g_set_error (error, OC_ERROR, OC_ERROR_SPEC, _("%s: %s"), _(row->title), detail);
  return TRUE;
}

int
oc_spec_row_error (const OcSpecRow *rows, guint n_rows, const OcSpec *spec, const GError *in,
                   GError **error)
{
  const char *detail = NULL;
  const OcSpecField *field = spec != NULL ? oc_spec_error_field (spec, in, &detail) : NULL;

  for (guint i = 0; i < n_rows; i++)
    if (row_takes_error (&rows[i], field, detail, error))
      return (int) i;
  g_propagate_error (error, g_error_copy (in));
  return -1;
}

gboolean
oc_spec_row_set (OcSpec *spec, const OcSpecRow *row, const char *text, GError **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text != NULL ? text : ""));

  if (stripped[0] == '\0')
    {
      oc_spec_reset_field (spec, row->section, row->name);
      return TRUE;
    }
  return oc_spec_set_field (spec, row->section, row->name, stripped, error);
}

/* A key's value as its field's form text. */
static char *
key_text (GSettings *settings, const char *key)
{
  g_autoptr (GVariant) value = g_settings_get_value (settings, key);
  GString *text;

  if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    return g_variant_dup_string (value, NULL);
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_UINT32))
    return g_strdup_printf ("%u", g_variant_get_uint32 (value));
  g_assert (g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE));
  text = g_string_new (NULL);
  oc_spec_append_double (text, g_variant_get_double (value));
  return g_string_free (text, FALSE);
}

static OcSpec *
spec_new (const OcDataOptions *data, GSettings *settings, gboolean own_run, const char **bad_key,
          GError **error)
{
  g_autoptr (OcSpec) spec = oc_spec_new ("train", NULL);
  g_autoptr (GError) local = NULL;
  gboolean ok = oc_spec_set_data_options (spec, data, &local);
  const OcSpecField *field;
  const char *detail = NULL;
  guint i;

  for (i = 0; ok && i < G_N_ELEMENTS (keys); i++)
    {
      g_autofree char *text = NULL;

      /* The data fields came from @data. */
      if (strcmp (keys[i].field.section, "data") == 0
          || ((keys[i].flags & KEY_OWN_RUN) && !own_run))
        continue;
      text = key_text (settings, keys[i].key);
      /* A key's 0 is the word of a field that names its 0 ("full": every training example). */
      if (strcmp (text, "0") == 0
          && (oc_spec_find_field ("train", keys[i].field.section, keys[i].field.name)->flags
              & OC_SPEC_FIELD_FULL))
        {
          g_free (text);
          text = g_strdup ("full");
        }
      ok = oc_spec_set_field (spec, keys[i].field.section, keys[i].field.name, text, &local);
    }
  /* "Epochs, when iterations is 0": a run counted in iterations leaves them to the spec, which
   * sets them to 0. */
  if (ok && oc_spec_get_train_config (spec)->iterations > 0)
    oc_spec_reset_field (spec, "train", "epochs");
  if (ok && oc_spec_finish (spec, FALSE, &local))
    return g_steal_pointer (&spec);

  field = oc_spec_error_field (spec, local, &detail);
  for (i = 0; i < G_N_ELEMENTS (keys); i++)
    if (row_takes_error (&keys[i].field, field, detail, error))
      break;
  if (i == G_N_ELEMENTS (keys))
    g_propagate_error (error, g_steal_pointer (&local));
  if (bad_key != NULL)
    *bad_key = i < G_N_ELEMENTS (keys) ? keys[i].key : NULL;
  return NULL;
}

OcSpec *
oc_run_spec_new (const OcDataOptions *data, GSettings *settings, const char **bad_key,
                 GError **error)
{
  g_return_val_if_fail (data != NULL && G_IS_SETTINGS (settings), NULL);

  return spec_new (data, settings, TRUE, bad_key, error);
}

OcSpec *
oc_run_spec_new_base (const OcDataOptions *data, GSettings *settings, GError **error)
{
  g_return_val_if_fail (data != NULL && G_IS_SETTINGS (settings), NULL);

  return spec_new (data, settings, FALSE, NULL, error);
}

/* Writes a field's form text into @key. Values the key's type or range does not admit (a spec
 * from the CLI may go further) are left alone rather than tripping a critical; the spec itself is
 * not changed by this. */
static void
set_key (GSettings *settings, GSettingsSchema *schema, const char *key, const char *text)
{
  g_autoptr (GSettingsSchemaKey) skey = g_settings_schema_get_key (schema, key);
  const GVariantType *type = g_settings_schema_key_get_value_type (skey);
  g_autoptr (GVariant) value = NULL;
  guint64 u;

  if (g_variant_type_equal (type, G_VARIANT_TYPE_STRING))
    value = g_variant_new_string (text);
  else if (g_variant_type_equal (type, G_VARIANT_TYPE_DOUBLE))
    value = g_variant_new_double (g_ascii_strtod (text, NULL));
  /* The key's 0 is the field's null ("all examples") or its word for 0 ("full"). */
  else if (text[0] == '\0' || strcmp (text, "full") == 0)
    value = g_variant_new_uint32 (0);
  else if (g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT32, &u, NULL))
    value = g_variant_new_uint32 ((guint32) u);
  if (value != NULL)
    g_variant_ref_sink (value);
  if (value != NULL && g_settings_schema_key_range_check (skey, value))
    g_settings_set_value (settings, key, value);
  else
    g_message ("Setting %s is outside what the window offers; left as it was", key);
}

gboolean
oc_run_spec_apply (const OcSpec *spec, GSettings *settings, GError **error)
{
  g_autoptr (GSettingsSchema) schema = NULL;

  if (g_strcmp0 (oc_spec_get_kind (spec), "train") != 0)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_SPEC,
                   _("A “%s” experiment runs from the command line: occam-cli run"),
                   oc_spec_get_kind (spec));
      return FALSE;
    }
  g_object_get (settings, "settings-schema", &schema, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autofree char *text = oc_spec_get_field_text (spec, keys[i].field.section,
                                                      keys[i].field.name);

      /* A run counted in iterations has 0 epochs; the key keeps the epochs for when the
       * iterations go back to 0. */
      if (strcmp (keys[i].key, "epochs") == 0 && strcmp (text, "0") == 0)
        continue;
      set_key (settings, schema, keys[i].key, text);
    }
  return TRUE;
}

guint
oc_run_spec_blas_threads (GSettings *settings)
{
  guint t = g_settings_get_uint (settings, "blas-threads");

  /* One core stays with the window: OpenBLAS threads spin while they wait, and a spinning
   * thread on every core is what turns a smooth window into a stuttering one. */
  if (t == 0)
    t = MAX (1, oc_cpus_available () - 1);
  return t;
}
