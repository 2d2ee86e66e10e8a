/* oc-run-spec.c — see oc-run-spec.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <json-glib/json-glib.h>

#include "occam/oc-error.h"
#include "oc-run-spec.h"

static void
add_string (JsonBuilder *b, const char *key, const char *value)
{
  json_builder_set_member_name (b, key);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
add_int (JsonBuilder *b, const char *key, gint64 value)
{
  json_builder_set_member_name (b, key);
  json_builder_add_int_value (b, value);
}

static void
add_double (JsonBuilder *b, const char *key, double value)
{
  json_builder_set_member_name (b, key);
  json_builder_add_double_value (b, value);
}

OcSpec *
oc_run_spec_new (const OcDataOptions *d, const OcTrainConfig *t, GError **error)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *json = NULL;

  json_builder_begin_object (b);
  add_int (b, "version", OC_SPEC_VERSION);
  add_string (b, "kind", "train");

  json_builder_set_member_name (b, "data");
  json_builder_begin_object (b);
  add_string (b, "name", d->name);
  add_string (b, "data_dir", d->data_dir);
  add_string (b, "data_file", d->data_file);
  add_string (b, "test_file", d->test_file);
  if (d->n_train >= 0)
    add_int (b, "n_train", d->n_train);
  add_string (b, "subset", d->subset == OC_SUBSET_RANDOM ? "random" : "first");
  add_double (b, "label_noise", d->label_noise);
  add_int (b, "val_size", d->val_size);
  add_int (b, "seed", (gint64) d->seed);
  add_int (b, "digits", d->digits);
  add_int (b, "modulus", d->modulus);
  add_double (b, "train_fraction", d->train_fraction);
  add_double (b, "noise", d->noise);
  add_int (b, "n_points", d->n_points);
  add_double (b, "test_fraction", d->test_fraction);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "model");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "hidden");
  json_builder_begin_array (b);
  for (guint i = 0; i < t->n_hidden; i++)
    json_builder_add_int_value (b, t->hidden[i]);
  json_builder_end_array (b);
  add_string (b, "activation", oc_activation_to_string (t->activation));
  add_string (b, "init", oc_init_to_string (t->init));
  json_builder_end_object (b);

  json_builder_set_member_name (b, "optim");
  json_builder_begin_object (b);
  add_string (b, "kind", oc_optim_kind_to_string (t->optim.kind));
  add_double (b, "lr", t->optim.lr);
  add_string (b, "schedule", oc_schedule_to_string (t->optim.schedule));
  json_builder_end_object (b);

  json_builder_set_member_name (b, "train");
  json_builder_begin_object (b);
  add_string (b, "loss", oc_loss_to_string (t->loss));
  add_int (b, "batch", t->batch);
  /* The spec takes one length: iterations when set, else epochs. */
  add_int (b, "epochs", t->iterations > 0 ? 0 : t->epochs);
  add_int (b, "iterations", (gint64) t->iterations);
  add_int (b, "eval_every", (gint64) t->eval_every);
  add_int (b, "seed", (gint64) t->seed);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "run");
  json_builder_begin_object (b);
  add_int (b, "threads", t->threads);
  json_builder_end_object (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json = json_generator_to_data (gen, NULL);
  return oc_spec_new_from_json (json, -1, NULL, error);
}

/* Values the schema's ranges do not admit (a spec from the CLI may go further) are left alone
 * rather than tripping a critical; the spec itself is not changed by this. */
static void
set_checked (GSettings *settings, const char *type, const char *key, ...)
{
  g_autoptr (GSettingsSchema) schema = NULL;
  g_autoptr (GSettingsSchemaKey) skey = NULL;
  GVariant *value;
  va_list ap;

  va_start (ap, key);
  if (type[0] == 's')
    value = g_variant_new_string (va_arg (ap, const char *));
  else if (type[0] == 'u')
    value = g_variant_new_uint32 (va_arg (ap, guint));
  else
    value = g_variant_new_double (va_arg (ap, double));
  va_end (ap);
  g_variant_ref_sink (value);
  g_object_get (settings, "settings-schema", &schema, NULL);
  skey = g_settings_schema_get_key (schema, key);
  if (g_settings_schema_key_range_check (skey, value))
    g_settings_set_value (settings, key, value);
  else
    g_message ("Setting %s is outside what the window offers; left as it was", key);
  g_variant_unref (value);
}

gboolean
oc_run_spec_apply (const OcSpec *spec, GSettings *settings, GError **error)
{
  const OcDataOptions *d = oc_spec_get_data_options (spec);
  const OcTrainConfig *t = oc_spec_get_train_config (spec);
  g_autoptr (GString) hidden = g_string_new (NULL);

  if (g_strcmp0 (oc_spec_get_kind (spec), "train") != 0 || d == NULL || t == NULL)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_SPEC,
                   "A “%s” experiment runs from the command line: occam-cli run",
                   oc_spec_get_kind (spec));
      return FALSE;
    }
  for (guint i = 0; i < t->n_hidden; i++)
    g_string_append_printf (hidden, "%s%u", i ? ", " : "", t->hidden[i]);

  set_checked (settings, "s", "dataset", d->name);
  set_checked (settings, "s", "data-dir", d->data_dir ? d->data_dir : "");
  set_checked (settings, "s", "data-file", d->data_file ? d->data_file : "");
  set_checked (settings, "s", "test-file", d->test_file ? d->test_file : "");
  set_checked (settings, "u", "n-train", d->n_train < 0 ? 0 : (guint) d->n_train);
  set_checked (settings, "s", "subset", d->subset == OC_SUBSET_RANDOM ? "random" : "first");
  set_checked (settings, "d", "label-noise", d->label_noise);
  set_checked (settings, "u", "val-size", d->val_size);
  set_checked (settings, "u", "data-seed", (guint) d->seed);
  set_checked (settings, "u", "digits", d->digits);
  set_checked (settings, "u", "modulus", d->modulus);
  set_checked (settings, "d", "train-fraction", d->train_fraction);
  set_checked (settings, "d", "noise", d->noise);
  set_checked (settings, "u", "n-points", d->n_points);
  set_checked (settings, "s", "hidden", hidden->str);
  set_checked (settings, "s", "activation", oc_activation_to_string (t->activation));
  set_checked (settings, "s", "init", oc_init_to_string (t->init));
  set_checked (settings, "s", "loss", oc_loss_to_string (t->loss));
  set_checked (settings, "s", "optimizer", oc_optim_kind_to_string (t->optim.kind));
  set_checked (settings, "d", "lr", t->optim.lr);
  set_checked (settings, "s", "schedule", oc_schedule_to_string (t->optim.schedule));
  set_checked (settings, "u", "batch", t->batch);
  if (t->epochs > 0)
    set_checked (settings, "u", "epochs", t->epochs);
  set_checked (settings, "u", "iterations", (guint) t->iterations);
  set_checked (settings, "u", "eval-every", (guint) t->eval_every);
  set_checked (settings, "u", "seed", (guint) t->seed);
  return TRUE;
}

char *
oc_run_now (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}
