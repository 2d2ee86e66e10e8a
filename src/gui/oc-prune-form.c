/* oc-prune-form.c — see oc-prune-form.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>
#include <string.h>

#include "occam/oc-error.h"
#include "occam/oc-lottery.h"
#include "oc-prune-form.h"
#include "oc-run-spec.h"

/* The spec field each row of the form sets, and the row's title. */
static const OcSpecRow rows[] = {
  [OC_PRUNE_FIELD_LEVELS] = { "prune", "levels", N_("Levels") },
  [OC_PRUNE_FIELD_RATE] = { "prune", "rate", N_("Rate") },
  [OC_PRUNE_FIELD_OUTPUT_RATE] = { "prune", "output_rate", N_("Output rate") },
  [OC_PRUNE_FIELD_REWIND] = { "prune", "rewind", N_("Rewind") },
  [OC_PRUNE_FIELD_ONE_SHOT] = { "prune", "one_shot", N_("One-shot density") },
  [OC_PRUNE_FIELD_CONTROLS] = { "prune", "controls", N_("Controls") },
  [OC_PRUNE_FIELD_SEEDS] = { "prune", "seeds", N_("Seeds") },
  [OC_PRUNE_FIELD_ITERATIONS] = { "train", "iterations", N_("Iterations per level") },
  [OC_PRUNE_FIELD_METHOD] = { NULL, NULL, N_("Method") },
  [OC_PRUNE_FIELD_DENSITIES] = { "prune", "densities", N_("Densities") },
};

/* Each method's control, and its two sanity checks (none for IMP and random). */
static const struct
{
  OcControl control, shuffle, reinit;
} methods[OC_PRUNE_N_METHODS] = {
  [OC_PRUNE_METHOD_IMP] = { OC_CONTROL_IMP, OC_CONTROL_IMP, OC_CONTROL_IMP },
  [OC_PRUNE_METHOD_SNIP] = { OC_CONTROL_SNIP, OC_CONTROL_SNIP_SHUFFLE, OC_CONTROL_SNIP_REINIT },
  [OC_PRUNE_METHOD_SYNFLOW] = { OC_CONTROL_SYNFLOW, OC_CONTROL_SYNFLOW_SHUFFLE,
                                OC_CONTROL_SYNFLOW_REINIT },
  [OC_PRUNE_METHOD_RANDOM] = { OC_CONTROL_RANDOM_INIT, OC_CONTROL_RANDOM_INIT,
                               OC_CONTROL_RANDOM_INIT },
  [OC_PRUNE_METHOD_EDGE_POPUP] = { OC_CONTROL_EDGE_POPUP, OC_CONTROL_POPUP_SHUFFLE,
                                   OC_CONTROL_POPUP_REINIT },
};

/* IMP's own level settings: a run with densities leaves them at their defaults. */
static const char *const imp_fields[] = {
  "levels", "rate", "output_rate", "scope", "rewind", "one_shot",
};

gboolean
oc_prune_method_has_checks (OcPruneMethod method)
{
  return method < OC_PRUNE_N_METHODS && methods[method].shuffle != methods[method].control;
}

/* Whether the canonical list @controls ("imp,snip,snip-shuffle") holds @c. */
static gboolean
has_control (const char *controls, OcControl c)
{
  g_auto (GStrv) parts = g_strsplit (controls != NULL ? controls : "", ",", -1);

  return g_strv_contains ((const char *const *) parts, oc_control_to_string (c));
}

const char *
oc_prune_field_title (OcPruneField field)
{
  if ((gsize) field < G_N_ELEMENTS (rows) && rows[field].title != NULL)
    return _(rows[field].title);
  return field == OC_PRUNE_FIELD_OTHER ? _("Pruning") : _("Protocol");
}

void
oc_prune_form_clear (OcPruneForm *form)
{
  g_clear_pointer (&form->rewind, g_free);
  g_clear_pointer (&form->controls, g_free);
  g_clear_pointer (&form->seeds, g_free);
  g_clear_pointer (&form->densities, g_free);
}

void
oc_prune_form_set_from_spec (OcPruneForm *form, const OcSpec *spec)
{
  const OcPruneSpec *v;

  g_return_if_fail (form != NULL && spec != NULL);

  if (g_strcmp0 (oc_spec_get_kind (spec), "prune") != 0)
    {
      /* Another protocol's network trains for its own length, not the last preset's. */
      form->iterations = 0;
      return;
    }
  v = oc_spec_get_values (spec);
  oc_prune_form_clear (form);
  form->levels = v->levels;
  form->rate = v->rate;
  form->output_rate = v->output_rate;
  form->scope = (guint) v->scope;
  form->prune_output = v->prune_output;
  form->rewind = oc_spec_get_field_text (spec, "prune", "rewind");
  form->one_shot = v->one_shot;
  form->controls = oc_spec_get_field_text (spec, "prune", "controls");
  form->seeds = oc_spec_get_field_text (spec, "prune", "seeds");
  form->iterations = v->base.train.iterations;
  /* Densities are what makes a method other than IMP the experiment's: the first one it has. */
  form->method = OC_PRUNE_METHOD_IMP;
  form->shuffle = form->reinit = FALSE;
  if (v->densities != NULL)
    {
      form->densities = g_strdup (v->densities);
      for (guint m = OC_PRUNE_METHOD_SNIP; m < OC_PRUNE_N_METHODS; m++)
        if (has_control (v->controls, methods[m].control))
          {
            form->method = m;
            break;
          }
      form->shuffle = oc_prune_method_has_checks (form->method)
                      && has_control (v->controls, methods[form->method].shuffle);
      form->reinit = oc_prune_method_has_checks (form->method)
                     && has_control (v->controls, methods[form->method].reinit);
    }
}

static gboolean
set_uint (OcSpec *spec, OcPruneField field, guint64 value, GError **error)
{
  g_autofree char *text = g_strdup_printf ("%" G_GUINT64_FORMAT, value);

  return oc_spec_row_set (spec, &rows[field], text, error);
}

static gboolean
set_double (OcSpec *spec, OcPruneField field, double value, GError **error)
{
  g_autoptr (GString) text = g_string_new (NULL);

  oc_spec_append_double (text, value);
  return oc_spec_row_set (spec, &rows[field], text->str, error);
}

/* IMP's levels and its controls as the rows say. */
static gboolean
set_imp (const OcPruneForm *form, OcSpec *spec, GError **error)
{
  oc_spec_reset_field (spec, "prune", "densities");
  /* Edge-popup's own settings (from an experiment opened from History) only with edge-popup. */
  if (form->controls == NULL || strstr (form->controls, "edge-popup") == NULL)
    {
      oc_spec_reset_field (spec, "prune", "popup_init");
      oc_spec_reset_field (spec, "prune", "popup_scale");
    }
  return set_uint (spec, OC_PRUNE_FIELD_LEVELS, form->levels, error)
         && set_double (spec, OC_PRUNE_FIELD_RATE, form->rate, error)
         && set_double (spec, OC_PRUNE_FIELD_OUTPUT_RATE, form->output_rate, error)
         && oc_spec_set_field (spec, "prune", "scope",
                               form->scope == OC_PRUNE_SCOPE_GLOBAL ? "global" : "layer", error)
         && oc_spec_row_set (spec, &rows[OC_PRUNE_FIELD_REWIND], form->rewind, error)
         && set_double (spec, OC_PRUNE_FIELD_ONE_SHOT, form->one_shot, error)
         && oc_spec_row_set (spec, &rows[OC_PRUNE_FIELD_CONTROLS], form->controls, error);
}

/* A method that prunes at initialisation: its control and checks next to IMP's dense network,
 * straight to each density; IMP's level settings back to their defaults, which a protocol may
 * have changed. */
static gboolean
set_method (const OcPruneForm *form, OcSpec *spec, GError **error)
{
  g_autoptr (GString) controls = g_string_new (oc_control_to_string (OC_CONTROL_IMP));

  for (guint i = 0; i < G_N_ELEMENTS (imp_fields); i++)
    oc_spec_reset_field (spec, "prune", imp_fields[i]);
  g_string_append_printf (controls, ",%s", oc_control_to_string (methods[form->method].control));
  if (oc_prune_method_has_checks (form->method) && form->shuffle)
    g_string_append_printf (controls, ",%s", oc_control_to_string (methods[form->method].shuffle));
  if (oc_prune_method_has_checks (form->method) && form->reinit)
    g_string_append_printf (controls, ",%s", oc_control_to_string (methods[form->method].reinit));
  if (form->densities == NULL || *g_strstrip (form->densities) == '\0')
    {
      g_set_error (error, OC_ERROR, OC_ERROR_SPEC, "$.prune.densities: %s",
                   _("the list is empty; give the percent of weights to keep, e.g. 50,30,10,5"));
      return FALSE;
    }
  return oc_spec_row_set (spec, &rows[OC_PRUNE_FIELD_DENSITIES], form->densities, error)
         && oc_spec_set_field (spec, "prune", "controls", controls->str, error);
}

static gboolean
set_form (const OcPruneForm *form, OcSpec *spec, GError **error)
{
  if (!(form->method == OC_PRUNE_METHOD_IMP || form->method >= OC_PRUNE_N_METHODS
          ? set_imp (form, spec, error)
          : set_method (form, spec, error))
      || !oc_spec_set_field (spec, "prune", "prune_output", form->prune_output ? "yes" : "no",
                             error)
      || !oc_spec_row_set (spec, &rows[OC_PRUNE_FIELD_SEEDS], form->seeds, error))
    return FALSE;
  /* The method is folded into the controls; the form lists controls only. */
  oc_spec_reset_field (spec, "prune", "method");
  /* Iterations per level replace the base's length; 0 keeps it. */
  if (form->iterations == 0)
    return TRUE;
  return set_uint (spec, OC_PRUNE_FIELD_ITERATIONS, form->iterations, error)
         && oc_spec_set_field (spec, "train", "epochs", "0", error);
}

OcSpec *
oc_prune_form_build (const OcPruneForm *form, const OcSpec *base, OcPruneField *bad_field,
                     GError **error)
{
  g_autoptr (GError) local = NULL;
  g_autoptr (OcSpec) spec = NULL;
  int row;

  g_return_val_if_fail (form != NULL && base != NULL, NULL);

  if (bad_field != NULL)
    *bad_field = OC_PRUNE_FIELD_NONE;
  if (oc_spec_get_train_config (base) == NULL)
    {
      if (bad_field != NULL)
        *bad_field = OC_PRUNE_FIELD_OTHER;
      g_set_error (error, OC_ERROR, OC_ERROR_SPEC, _("Protocol: this experiment does not train a "
                     "network; choose another one"));
      return NULL;
    }
  /* A sweep's axes have no place in a prune spec: only its network and training carry over. */
  spec = oc_spec_new_from_base ("prune", base, &local);
  if (spec != NULL && set_form (form, spec, &local) && oc_spec_finish (spec, FALSE, &local))
    return g_steal_pointer (&spec);

  row = oc_spec_row_error (rows, G_N_ELEMENTS (rows), spec, local, error);
  if (bad_field != NULL)
    *bad_field = row >= 0 ? (OcPruneField) row : OC_PRUNE_FIELD_OTHER;
  return NULL;
}
