/* oc-stability-form.c — see oc-stability-form.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>
#include <string.h>

#include "occam/oc-axis.h"
#include "occam/oc-error.h"
#include "occam/oc-instability.h"
#include "occam/oc-lottery.h"
#include "oc-run-spec.h"
#include "oc-stability-form.h"
#include <inttypes.h>

/* The spec field each row of the form sets, and the row's title. */
static const OcSpecRow rows[] = {
  [OC_STABILITY_FIELD_SOURCE] = { "instability", "from_experiment", N_("Network") },
  [OC_STABILITY_FIELD_LEVEL] = { "instability", "level", N_("Level") },
  [OC_STABILITY_FIELD_ITERATIONS] = { "train", "iterations", N_("Iterations") },
  [OC_STABILITY_FIELD_KS] = { "instability", "rewind_iterations", N_("Branch at k") },
  [OC_STABILITY_FIELD_ALPHAS] = { "instability", "alphas", N_("Points on the path") },
  [OC_STABILITY_FIELD_SEEDS] = { "instability", "seeds", N_("Seeds") },
};

const char *
oc_stability_field_title (OcStabilityField field)
{
  if ((gsize) field < G_N_ELEMENTS (rows) && rows[field].title != NULL)
    return _(rows[field].title);
  return field == OC_STABILITY_FIELD_OTHER ? _("Stability") : _("Protocol");
}

void
oc_stability_form_clear (OcStabilityForm *form)
{
  g_clear_pointer (&form->source, g_free);
  g_clear_pointer (&form->ks, g_free);
  g_clear_pointer (&form->seeds, g_free);
}

void
oc_stability_form_set_from_spec (OcStabilityForm *form, const OcSpec *spec)
{
  const OcInstabilitySpec *v;

  g_return_if_fail (form != NULL && spec != NULL);

  if (g_strcmp0 (oc_spec_get_kind (spec), "instability") != 0)
    {
      /* Another protocol's network trains for its own length, not the last preset's. */
      form->iterations = 0;
      return;
    }
  v = oc_spec_get_values (spec);
  oc_stability_form_clear (form);
  form->source = g_strdup (v->from_experiment);
  form->level = v->level > 0 ? (guint) v->level : 0;
  form->iterations = v->base.train.iterations;
  form->ks = oc_spec_get_field_text (spec, "instability", "rewind_iterations");
  form->alphas = v->alphas;
  form->seeds = oc_spec_get_field_text (spec, "instability", "seeds");
}

static OcSpec *
fail (OcStabilityField field, OcStabilityField *bad_field, GError **error, const char *format,
      ...) G_GNUC_PRINTF (4, 5);

static OcSpec *
fail (OcStabilityField field, OcStabilityField *bad_field, GError **error, const char *format,
      ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  if (bad_field != NULL)
    *bad_field = field;
  g_set_error (error, OC_ERROR, OC_ERROR_SPEC, "%s: %s", oc_stability_field_title (field),
               message);
  return NULL;
}

/* Stored prune experiment @id's spec and lottery settings. */
static OcSpec *
load_source (OcStore *store, const char *id, OcLotteryConfig *lc, GError **error)
{
  g_autoptr (OcStoreExperiment) e = oc_store_find_experiment (store, id, error);
  g_autoptr (OcSpec) spec = NULL;

  if (e == NULL)
    return NULL;
  if (g_strcmp0 (e->kind, "prune") != 0)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_SPEC,
                   _("experiment %.8s is a %s experiment; sub-networks come from Pruning "
                     "experiments"), e->id, e->kind);
      return NULL;
    }
  spec = oc_spec_new_from_json (e->spec, -1, NULL, error);
  if (spec == NULL || !oc_lottery_config_from_spec (spec, lc, error))
    return NULL;
  return g_steal_pointer (&spec);
}

gboolean
oc_stability_form_source_levels (OcStore *store, const char *id, guint *n_levels,
                                 guint64 *rewind_at, GError **error)
{
  OcLotteryConfig lc;
  g_autoptr (OcSpec) spec = NULL;

  g_return_val_if_fail (store != NULL && id != NULL, FALSE);

  spec = load_source (store, id, &lc, error);
  if (spec == NULL)
    return FALSE;
  *n_levels = oc_lottery_n_levels (&lc);
  *rewind_at = lc.rewind == OC_REWIND_NONE  ? G_MAXUINT64
               : lc.rewind == OC_REWIND_ITER ? lc.rewind_iteration
                                             : 0;
  oc_lottery_config_clear (&lc);
  return TRUE;
}

/* The rows every network has: where the children branch off, the path, the seeds. */
static gboolean
set_analysis (const OcStabilityForm *form, OcSpec *spec, const char *ks, GError **error)
{
  g_autofree char *alphas = g_strdup_printf ("%u", form->alphas);

  return oc_spec_row_set (spec, &rows[OC_STABILITY_FIELD_KS], ks, error)
         && oc_spec_row_set (spec, &rows[OC_STABILITY_FIELD_ALPHAS], alphas, error)
         && oc_spec_row_set (spec, &rows[OC_STABILITY_FIELD_SEEDS],
                             form->seeds != NULL ? form->seeds : "", error);
}

/* Iterations replace the base's length; 0 keeps it. */
static gboolean
set_iterations (OcSpec *spec, guint64 iterations, GError **error)
{
  g_autofree char *n = g_strdup_printf ("%" G_GUINT64_FORMAT, iterations);

  if (iterations == 0)
    return TRUE;
  return oc_spec_row_set (spec, &rows[OC_STABILITY_FIELD_ITERATIONS], n, error)
         && oc_spec_set_field (spec, "train", "epochs", "0", error);
}

/* Where a spec's error is about, as the form's field. */
static OcStabilityField
error_field (const OcSpec *spec, const GError *in, GError **error)
{
  int row = oc_spec_row_error (rows, G_N_ELEMENTS (rows), spec, in, error);

  return row >= 0 ? (OcStabilityField) row : OC_STABILITY_FIELD_OTHER;
}

/* The seeds the form asks for that the prune experiment lacks: the runner would refuse them. */
static gboolean
check_seeds (const OcSpec *spec, const OcLotteryConfig *lc, OcStabilityField *bad_field,
             GError **error)
{
  const OcInstabilitySpec *v = oc_spec_get_values (spec);
  g_autoptr (GArray) mine = oc_axis_parse_uint (v->seeds, 0, G_MAXINT64, "seeds", NULL);

  for (guint i = 0; mine != NULL && i < mine->len; i++)
    {
      guint64 seed = g_array_index (mine, guint64, i);
      gboolean found = FALSE;

      for (guint j = 0; j < lc->seeds->len; j++)
        found |= g_array_index (lc->seeds, guint64, j) == seed;
      if (!found)
        {
          g_autofree char *have = oc_axis_format_uint (lc->seeds);

          fail (OC_STABILITY_FIELD_SEEDS, bad_field, error,
                _("the Pruning experiment has no seed %" PRIu64 "; choose among its "
                  "seeds %s"), seed, have);
          return FALSE;
        }
    }
  return TRUE;
}

/* Every data, network and training field of @source (a prune spec) that differs from @spec's,
 * as the runner compares them: the sub-network is only IMP's when trained as IMP trained it.
 * Not oc_spec_new_from_base(), which would finish the spec with the default k before the form's
 * k are set, and refuse them for a run shorter than the largest. */
static gboolean
copy_training (OcSpec *spec, const OcSpec *source, GError **error)
{
  guint n_fields;
  const OcSpecField *fields = oc_spec_kind_fields ("instability", &n_fields);

  for (guint i = 0; i < n_fields; i++)
    {
      const OcSpecField *f = &fields[i];
      g_autofree char *mine = NULL;
      g_autofree char *theirs = NULL;

      if (strcmp (f->section, "instability") == 0 || strcmp (f->section, "run") == 0
          || oc_spec_find_field ("prune", f->section, f->name) == NULL)
        continue;
      mine = oc_spec_get_field_text (spec, f->section, f->name);
      theirs = oc_spec_get_field_text (source, f->section, f->name);
      if (g_strcmp0 (mine, theirs) != 0
          && !oc_spec_set_field (spec, f->section, f->name, theirs, error))
        return FALSE;
    }
  return TRUE;
}

/* A stored sub-network: a spec over the prune experiment's own, every training setting its. */
static OcSpec *
build_stored (const OcStabilityForm *form, OcStore *store, OcStabilityField *bad_field,
              GError **error)
{
  g_autoptr (GError) local = NULL;
  g_autoptr (OcSpec) source = NULL;
  g_autoptr (OcSpec) spec = NULL;
  g_autofree char *level = g_strdup_printf ("%u", form->level);
  g_autofree char *at = NULL;
  OcLotteryConfig lc;
  guint n_levels;
  gboolean ok;

  if (store == NULL)
    return fail (OC_STABILITY_FIELD_SOURCE, bad_field, error,
                 _("the experiment store could not be opened; analyse the protocol’s dense "
                   "network instead"));
  source = load_source (store, form->source, &lc, &local);
  if (source == NULL)
    return fail (OC_STABILITY_FIELD_SOURCE, bad_field, error, "%s", local->message);
  n_levels = oc_lottery_n_levels (&lc);
  if (form->level >= n_levels)
    {
      oc_lottery_config_clear (&lc);
      return fail (OC_STABILITY_FIELD_LEVEL, bad_field, error,
                   _("the Pruning experiment has levels 0 to %u"), n_levels - 1);
    }
  if (form->level > 0 && lc.rewind == OC_REWIND_NONE)
    {
      oc_lottery_config_clear (&lc);
      return fail (OC_STABILITY_FIELD_LEVEL, bad_field, error,
                   _("the Pruning experiment fine-tunes its levels (rewind none), so they have "
                     "no rewind point to branch off from; choose level 0, its dense network"));
    }
  /* A level's sub-network exists only where its survivors were rewound to. */
  if (form->level > 0)
    at = g_strdup_printf ("%" G_GUINT64_FORMAT,
                          lc.rewind == OC_REWIND_ITER ? lc.rewind_iteration : 0);
  spec = oc_spec_new ("instability", &local);
  ok = spec != NULL && copy_training (spec, source, &local)
       && oc_spec_row_set (spec, &rows[OC_STABILITY_FIELD_SOURCE], form->source, &local)
       && oc_spec_row_set (spec, &rows[OC_STABILITY_FIELD_LEVEL], level, &local)
       && set_analysis (form, spec, at != NULL ? at : form->ks, &local)
       && oc_spec_finish (spec, FALSE, &local);
  if (ok && !check_seeds (spec, &lc, bad_field, error))
    {
      oc_lottery_config_clear (&lc);
      return NULL;
    }
  oc_lottery_config_clear (&lc);
  if (ok)
    return g_steal_pointer (&spec);
  {
    OcStabilityField bad = error_field (spec, local, error);

    if (bad_field != NULL)
      *bad_field = bad;
  }
  return NULL;
}

OcSpec *
oc_stability_form_build (const OcStabilityForm *form, const OcSpec *base, OcStore *store,
                         OcStabilityField *bad_field, GError **error)
{
  g_autoptr (GError) local = NULL;
  g_autoptr (OcSpec) spec = NULL;
  OcStabilityField bad;

  g_return_val_if_fail (form != NULL && base != NULL, NULL);

  if (bad_field != NULL)
    *bad_field = OC_STABILITY_FIELD_NONE;
  if (form->source != NULL && form->source[0] != '\0')
    return build_stored (form, store, bad_field, error);
  if (oc_spec_get_train_config (base) == NULL)
    return fail (OC_STABILITY_FIELD_OTHER, bad_field, error,
                 _("this protocol does not train a network; choose another one"));
  /* Only the base's data, network and training carry over. */
  spec = oc_spec_new_from_base ("instability", base, &local);
  if (spec != NULL)
    {
      oc_spec_reset_field (spec, "instability", "from_experiment");
      oc_spec_reset_field (spec, "instability", "level");
    }
  if (spec != NULL && set_analysis (form, spec, form->ks, &local)
      && set_iterations (spec, form->iterations, &local)
      && oc_spec_finish (spec, FALSE, &local))
    return g_steal_pointer (&spec);

  bad = error_field (spec, local, error);
  if (bad_field != NULL)
    *bad_field = bad;
  return NULL;
}
