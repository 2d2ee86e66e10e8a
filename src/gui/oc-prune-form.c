/* oc-prune-form.c — see oc-prune-form.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>
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
};

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
  form->rewind = oc_spec_get_field_text (spec, "prune", "rewind");
  form->one_shot = v->one_shot;
  form->controls = oc_spec_get_field_text (spec, "prune", "controls");
  form->seeds = oc_spec_get_field_text (spec, "prune", "seeds");
  form->iterations = v->base.train.iterations;
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

static gboolean
set_form (const OcPruneForm *form, OcSpec *spec, GError **error)
{
  if (!set_uint (spec, OC_PRUNE_FIELD_LEVELS, form->levels, error)
      || !set_double (spec, OC_PRUNE_FIELD_RATE, form->rate, error)
      || !set_double (spec, OC_PRUNE_FIELD_OUTPUT_RATE, form->output_rate, error)
      || !oc_spec_set_field (spec, "prune", "scope",
                             form->scope == OC_PRUNE_SCOPE_GLOBAL ? "global" : "layer", error)
      || !oc_spec_set_field (spec, "prune", "prune_output", form->prune_output ? "yes" : "no",
                             error)
      || !oc_spec_row_set (spec, &rows[OC_PRUNE_FIELD_REWIND], form->rewind, error)
      || !set_double (spec, OC_PRUNE_FIELD_ONE_SHOT, form->one_shot, error)
      || !oc_spec_row_set (spec, &rows[OC_PRUNE_FIELD_CONTROLS], form->controls, error)
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
