/* oc-sweep-form.c — see oc-sweep-form.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <json-glib/json-glib.h>
#include <string.h>

#include "occam/oc-error.h"
#include "occam/oc-json.h"
#include "occam/oc-rff.h"
#include "oc-sweep-form.h"

static const struct
{
  const char  *path; /* JSON path prefix of the spec's messages */
  OcSweepField field;
} paths[] = {
  { "$.sweep.widths", OC_SWEEP_FIELD_WIDTHS },
  { "$.sweep.n_trains", OC_SWEEP_FIELD_N_TRAINS },
  { "$.sweep.label_noises", OC_SWEEP_FIELD_NOISES },
  { "$.sweep.seeds", OC_SWEEP_FIELD_SEEDS },
  { "$.sweep.record_every_epochs", OC_SWEEP_FIELD_RECORD },
  { "$.train.epochs", OC_SWEEP_FIELD_EPOCHS },
  { "$.rff.features", OC_SWEEP_FIELD_FEATURES },
  { "$.rff.sigma", OC_SWEEP_FIELD_SIGMA },
  { "$.rff.ridge", OC_SWEEP_FIELD_RIDGE },
  { "$.rff.seeds", OC_SWEEP_FIELD_RFF_SEEDS },
};

const char *
oc_sweep_field_title (OcSweepField field)
{
  switch (field)
    {
    case OC_SWEEP_FIELD_WIDTHS:
      return "Hidden widths";
    case OC_SWEEP_FIELD_N_TRAINS:
      return "Training examples";
    case OC_SWEEP_FIELD_NOISES:
      return "Label noise";
    case OC_SWEEP_FIELD_SEEDS:
    case OC_SWEEP_FIELD_RFF_SEEDS:
      return "Seeds";
    case OC_SWEEP_FIELD_EPOCHS:
      return "Epochs";
    case OC_SWEEP_FIELD_RECORD:
      return "Record every";
    case OC_SWEEP_FIELD_FEATURES:
      return "Features N";
    case OC_SWEEP_FIELD_SIGMA:
      return "Bandwidth σ";
    case OC_SWEEP_FIELD_RIDGE:
      return "Ridge λ";
    case OC_SWEEP_FIELD_NONE:
    case OC_SWEEP_FIELD_OTHER:
    default:
      return "Settings";
    }
}

void
oc_sweep_form_clear (OcSweepForm *form)
{
  g_clear_pointer (&form->widths, g_free);
  g_clear_pointer (&form->n_trains, g_free);
  g_clear_pointer (&form->noises, g_free);
  g_clear_pointer (&form->seeds, g_free);
  g_clear_pointer (&form->features, g_free);
  g_clear_pointer (&form->rff_seeds, g_free);
}

void
oc_sweep_form_set_from_spec (OcSweepForm *form, const OcSpec *spec)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (OcSweepGrid) grid = oc_sweep_grid_new (spec, &error);

  g_return_if_fail (grid != NULL);

  if (grid->rff)
    {
      const OcRffSpec *v = oc_spec_get_values (spec);

      g_free (form->features);
      form->features = g_strdup (v->features);
      g_free (form->rff_seeds);
      form->rff_seeds = g_strdup (v->seeds);
      form->feature_kind = v->feature_kind;
      form->sigma = v->sigma;
      form->ridge = v->ridge;
    }
  else
    {
      const OcSweepSpec *v = oc_spec_get_values (spec);

      g_free (form->widths);
      form->widths = g_strdup (v->widths ? v->widths : "");
      g_free (form->n_trains);
      form->n_trains = g_strdup (v->n_trains ? v->n_trains : "");
      g_free (form->noises);
      form->noises = g_strdup (v->label_noises ? v->label_noises : "");
      g_free (form->seeds);
      form->seeds = g_strdup (v->seeds ? v->seeds : "");
      form->epochs = v->base.train.epochs;
      form->record_every = v->record_every_epochs;
    }
  form->mode = oc_sweep_grid_guess_mode (grid);
}

/* Sets @name to @text, or removes it (the base value) when the text is blank. */
static void
set_axis (JsonObject *o, const char *name, const char *text)
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

static JsonObject *
section (JsonObject *root, const char *name)
{
  if (!json_object_has_member (root, name)
      || !JSON_NODE_HOLDS_OBJECT (json_object_get_member (root, name)))
    json_object_set_object_member (root, name, json_object_new ());
  return json_object_get_object_member (root, name);
}

static gboolean
fail (OcSweepField field, OcSweepField *bad, GError **error, const char *format, ...)
  G_GNUC_PRINTF (4, 5);

static gboolean
fail (OcSweepField field, OcSweepField *bad, GError **error, const char *format, ...)
{
  g_autofree char *msg = NULL;
  va_list args;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  if (bad != NULL)
    *bad = field;
  g_set_error (error, OC_ERROR, OC_ERROR_SPEC, "%s: %s", oc_sweep_field_title (field), msg);
  return FALSE;
}

/* The spec's message "$.sweep.widths: 'x' is not…" as "Hidden widths: 'x' is not…". */
static void
translate_error (GError *in, OcSweepField *bad, GError **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      gsize len = strlen (paths[i].path);

      if (strncmp (in->message, paths[i].path, len) == 0 && in->message[len] == ':')
        {
          const char *rest = in->message + len + 1;

          fail (paths[i].field, bad, error, "%s", rest + (rest[0] == ' '));
          return;
        }
    }
  if (bad != NULL)
    *bad = OC_SWEEP_FIELD_OTHER;
  g_propagate_error (error, g_error_copy (in));
}

static guint
count_values (const char *list)
{
  guint n = 1;

  if (list == NULL)
    return 0;
  for (const char *c = list; *c != '\0'; c++)
    n += *c == ',';
  return n;
}

/* Each mode sweeps one axis; the others hold one value each, so the figure has one curve. */
static gboolean
check_mode (const OcSweepForm *form, const OcSpec *spec, OcSweepField *bad, GError **error)
{
  const OcSweepSpec *v = oc_spec_get_values (spec);
  static const struct
  {
    OcSweepMode  mode;
    OcSweepField swept;
    const char  *what;
    const char  *example;
  } modes[] = {
    { OC_SWEEP_MODE_MODEL, OC_SWEEP_FIELD_WIDTHS, "model-wise", "1,2,4,8 or log:1:1024:11" },
    { OC_SWEEP_MODE_SAMPLE, OC_SWEEP_FIELD_N_TRAINS, "sample-wise",
      "100,200,400 or log:100:4000:8" },
    { OC_SWEEP_MODE_NOISE, OC_SWEEP_FIELD_NOISES, "noise-wise", "0,0.1,0.2 or lin:0:0.3:4" },
  };
  struct
  {
    OcSweepField field;
    const char  *list;
  } axes[] = {
    { OC_SWEEP_FIELD_WIDTHS, v->widths },
    { OC_SWEEP_FIELD_N_TRAINS, v->n_trains },
    { OC_SWEEP_FIELD_NOISES, v->label_noises },
  };

  for (guint m = 0; m < G_N_ELEMENTS (modes); m++)
    {
      if (modes[m].mode != form->mode)
        continue;
      for (guint a = 0; a < G_N_ELEMENTS (axes); a++)
        {
          if (axes[a].field == modes[m].swept && axes[a].list == NULL)
            return fail (axes[a].field, bad, error, "list the values to sweep, e.g. %s",
                         modes[m].example);
          if (axes[a].field != modes[m].swept && count_values (axes[a].list) > 1)
            return fail (axes[a].field, bad, error, "a %s sweep keeps this fixed: give one "
                         "value, or leave it empty for the base setting", modes[m].what);
        }
    }
  return TRUE;
}

OcSpec *
oc_sweep_form_build (const OcSweepForm *form, const OcSpec *base, OcSweepField *bad_field,
                     GError **error)
{
  g_autofree char *base_json = NULL;
  g_autofree char *json = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (JsonNode) out = NULL;
  g_autoptr (GError) local = NULL;
  g_autoptr (OcSpec) spec = NULL;
  const char *kind;
  JsonObject *root;

  g_return_val_if_fail (form != NULL && base != NULL, NULL);

  if (bad_field != NULL)
    *bad_field = OC_SWEEP_FIELD_NONE;
  kind = oc_spec_get_kind (base);
  base_json = oc_spec_to_json (base, OC_SPEC_JSON_DEFAULT);
  if (!json_parser_load_from_data (parser, base_json, -1, error))
    return NULL;
  root = json_node_get_object (json_parser_get_root (parser));

  if (form->mode == OC_SWEEP_MODE_RFF)
    {
      JsonObject *rff;

      if (g_strcmp0 (kind, "rff") != 0)
        {
          /* Random features on the base's data. */
          JsonObject *fresh = json_object_new ();

          json_object_set_int_member (fresh, "version", OC_SPEC_VERSION);
          json_object_set_string_member (fresh, "kind", "rff");
          json_object_set_object_member (fresh, "data",
                                         json_object_ref (section (root, "data")));
          root = fresh;
          out = json_node_init_object (json_node_alloc (), fresh);
          json_object_unref (fresh);
        }
      rff = section (root, "rff");
      set_axis (rff, "features", form->features);
      if (!json_object_has_member (rff, "features"))
        {
          fail (OC_SWEEP_FIELD_FEATURES, bad_field, error,
                "list the numbers of features, e.g. 100,1000,10000 or log:10:10000:13");
          return NULL;
        }
      set_axis (rff, "seeds", form->rff_seeds);
      json_object_set_string_member (rff, "kind", oc_feature_kind_to_string (form->feature_kind));
      json_object_set_double_member (rff, "sigma", form->sigma);
      json_object_set_double_member (rff, "ridge", form->ridge);
    }
  else
    {
      JsonObject *sweep, *train;

      if (g_strcmp0 (kind, "rff") == 0)
        {
          fail (OC_SWEEP_FIELD_OTHER, bad_field, error,
                "this protocol fits random features; choose one that trains networks");
          return NULL;
        }
      json_object_set_string_member (root, "kind", "sweep");
      sweep = section (root, "sweep");
      set_axis (sweep, "widths", form->widths);
      set_axis (sweep, "n_trains", form->n_trains);
      set_axis (sweep, "label_noises", form->noises);
      set_axis (sweep, "seeds", form->seeds);
      json_object_set_int_member (sweep, "record_every_epochs", form->record_every);
      train = section (root, "train");
      json_object_set_int_member (train, "epochs", form->epochs);
      json_object_set_int_member (train, "iterations", 0);
    }
  if (out == NULL)
    out = json_node_ref (json_parser_get_root (parser));
  /* Not json-glib's generator: it writes 1e-08 (Adam's eps) as "1e-08.0". */
  json = oc_json_to_string (out, FALSE);
  spec = oc_spec_new_from_json (json, -1, NULL, &local);
  if (spec == NULL)
    {
      translate_error (local, bad_field, error);
      return NULL;
    }
  if (form->mode != OC_SWEEP_MODE_RFF && !check_mode (form, spec, bad_field, error))
    return NULL;
  return g_steal_pointer (&spec);
}
