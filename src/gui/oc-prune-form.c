/* oc-prune-form.c — see oc-prune-form.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <json-glib/json-glib.h>

#include "occam/oc-error.h"
#include "occam/oc-json.h"
#include "occam/oc-lottery.h"
#include "oc-prune-form.h"

static const struct
{
  const char  *path;
  OcPruneField field;
  const char  *title;
} fields[] = {
  { "$.prune.levels", OC_PRUNE_FIELD_LEVELS, "Levels" },
  { "$.prune.rate", OC_PRUNE_FIELD_RATE, "Rate" },
  { "$.prune.output_rate", OC_PRUNE_FIELD_OUTPUT_RATE, "Output rate" },
  { "$.prune.rewind", OC_PRUNE_FIELD_REWIND, "Rewind" },
  { "$.prune.one_shot", OC_PRUNE_FIELD_ONE_SHOT, "One-shot density" },
  { "$.prune.controls", OC_PRUNE_FIELD_CONTROLS, "Controls" },
  { "$.prune.seeds", OC_PRUNE_FIELD_SEEDS, "Seeds" },
  { "$.train.iterations", OC_PRUNE_FIELD_ITERATIONS, "Iterations per level" },
  { "$.prune", OC_PRUNE_FIELD_OTHER, "Pruning" },
};

const char *
oc_prune_field_title (OcPruneField field)
{
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (fields[i].field == field)
      return fields[i].title;
  return "Protocol";
}

void
oc_prune_form_clear (OcPruneForm *form)
{
  g_clear_pointer (&form->rewind, g_free);
  g_clear_pointer (&form->controls, g_free);
  g_clear_pointer (&form->seeds, g_free);
}

void
oc_prune_form_set_from_spec (OcPruneForm *form, const OcSpec *spec)
{
  const OcPruneSpec *v;

  g_return_if_fail (form != NULL && spec != NULL);

  if (g_strcmp0 (oc_spec_get_kind (spec), "prune") != 0)
    return;
  v = oc_spec_get_values (spec);
  oc_prune_form_clear (form);
  form->levels = v->levels;
  form->rate = v->rate;
  form->output_rate = v->output_rate;
  form->scope = (guint) v->scope;
  form->prune_output = v->prune_output;
  form->rewind = g_strdup (v->rewind != NULL ? v->rewind : "init");
  form->one_shot = v->one_shot;
  form->controls = g_strdup (v->controls != NULL ? v->controls : "imp");
  form->seeds = g_strdup (v->seeds != NULL ? v->seeds : "");
  form->iterations = v->base.train.iterations;
}

static JsonObject *
section (JsonObject *root, const char *name)
{
  if (!json_object_has_member (root, name)
      || !JSON_NODE_HOLDS_OBJECT (json_object_get_member (root, name)))
    json_object_set_object_member (root, name, json_object_new ());
  return json_object_get_object_member (root, name);
}

/* Sets @name to @text, or removes it (the default) when the text is blank. */
static void
set_text (JsonObject *o, const char *name, const char *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text != NULL ? text : ""));

  if (stripped[0] == '\0')
    {
      if (json_object_has_member (o, name))
        json_object_remove_member (o, name);
      return;
    }
  json_object_set_string_member (o, name, stripped);
}

/* "$.prune.rewind: 'x' is not …" → "Rewind: 'x' is not …". */
static void
translate_error (GError *in, OcPruneField *bad, GError **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      gsize len = strlen (fields[i].path);

      if (strncmp (in->message, fields[i].path, len) == 0 && in->message[len] == ':')
        {
          const char *rest = in->message + len + 1;

          if (bad != NULL)
            *bad = fields[i].field;
          g_set_error (error, OC_ERROR, OC_ERROR_SPEC, "%s: %s", fields[i].title,
                       rest + (rest[0] == ' '));
          return;
        }
    }
  if (bad != NULL)
    *bad = OC_PRUNE_FIELD_OTHER;
  g_propagate_error (error, g_error_copy (in));
}

OcSpec *
oc_prune_form_build (const OcPruneForm *form, const OcSpec *base, OcPruneField *bad_field,
                     GError **error)
{
  g_autofree char *base_json = NULL;
  g_autofree char *json = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) local = NULL;
  g_autoptr (OcSpec) spec = NULL;
  JsonObject *root, *prune, *train;

  g_return_val_if_fail (form != NULL && base != NULL, NULL);

  if (bad_field != NULL)
    *bad_field = OC_PRUNE_FIELD_NONE;
  if (oc_spec_get_train_config (base) == NULL)
    {
      if (bad_field != NULL)
        *bad_field = OC_PRUNE_FIELD_OTHER;
      g_set_error (error, OC_ERROR, OC_ERROR_SPEC, "Protocol: this experiment does not train a "
                   "network; choose another one");
      return NULL;
    }
  base_json = oc_spec_to_json (base, OC_SPEC_JSON_DEFAULT);
  if (!json_parser_load_from_data (parser, base_json, -1, error))
    return NULL;
  root = json_node_get_object (json_parser_get_root (parser));
  /* A sweep's axes have no place in a prune spec: keep its base network only. */
  if (json_object_has_member (root, "sweep"))
    json_object_remove_member (root, "sweep");
  json_object_set_string_member (root, "kind", "prune");
  prune = section (root, "prune");
  json_object_set_int_member (prune, "levels", form->levels);
  json_object_set_double_member (prune, "rate", form->rate);
  json_object_set_double_member (prune, "output_rate", form->output_rate);
  json_object_set_string_member (prune, "scope", form->scope == OC_PRUNE_SCOPE_GLOBAL
                                                   ? "global" : "layer");
  json_object_set_string_member (prune, "prune_output", form->prune_output ? "yes" : "no");
  set_text (prune, "rewind", form->rewind);
  json_object_set_double_member (prune, "one_shot", form->one_shot);
  set_text (prune, "controls", form->controls);
  set_text (prune, "seeds", form->seeds);
  /* The method is folded into the controls; the form lists controls only. */
  if (json_object_has_member (prune, "method"))
    json_object_remove_member (prune, "method");
  train = section (root, "train");
  if (form->iterations > 0)
    {
      json_object_set_int_member (train, "iterations", (gint64) form->iterations);
      json_object_set_int_member (train, "epochs", 0);
    }
  /* Not json-glib's generator: it writes 1e-08 (Adam's eps) as "1e-08.0". */
  json = oc_json_to_string (json_parser_get_root (parser), FALSE);
  spec = oc_spec_new_from_json (json, -1, NULL, &local);
  if (spec == NULL)
    {
      translate_error (local, bad_field, error);
      return NULL;
    }
  return g_steal_pointer (&spec);
}
