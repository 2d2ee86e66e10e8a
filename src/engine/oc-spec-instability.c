/* oc-spec-instability.c — the `instability` spec kind: linear mode connectivity on a base train
 * spec (oc-instability.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The iterations k and the seeds are canonical lists (sorted, no duplicates). A sub-network comes
 * from a prune experiment named by its ID; a prefix is accepted (the runner looks it up like
 * `runs show`), but front ends replace it by the full ID before running so that the experiment's
 * own ID does not depend on how the source was abbreviated. `level` is null exactly when there is
 * no source experiment, so the two always go together.
 */
#include <string.h>

#include "occam/oc-axis.h"
#include "occam/oc-error.h"
#include "occam/oc-instability.h"
#include "oc-spec-private.h"
#include "oc-config.h"
#include <glib/gi18n-lib.h>
#include <inttypes.h>

#define I(member) offsetof (OcInstabilitySpec, member)

G_STATIC_ASSERT (offsetof (OcInstabilitySpec, base) == 0);

/* Frankle et al. 2020 branch off at these iterations (and more) for LeNet on MNIST. */
#define DEFAULT_KS "0,100,500,2000"
#define DEFAULT_ALPHAS 11

static const OcSpecField instability_fields[] = {
  OC_SPEC_DATA_FIELDS
  OC_SPEC_MODEL_TRAIN_FIELDS
  { "instability", "rewind_iterations", OC_SPEC_STRING, 0, 0, 0, NULL, NULL,
    I (rewind_iterations), 0, "rewind-iterations", "instability",
    N_("Iterations k at which two children branch off the parent, e.g. 0,100,500,2000 (the "
    "default)"), "LIST" },
  { "instability", "alphas", OC_SPEC_UINT, 0, 3, 1001, NULL, NULL, I (alphas), 0,
    "alphas", "instability",
    N_("Evenly spaced points α on the line between the two children, both ends included (11)"),
    "N" },
  { "instability", "seeds", OC_SPEC_STRING, OC_SPEC_FIELD_NULLABLE, 0, 0, NULL, NULL, I (seeds), 0,
    "seeds", "instability", N_("Model seeds, one parent each, e.g. 0,1,2 (default: --seed)"),
    "LIST" },
  { "instability", "from_experiment", OC_SPEC_STRING, OC_SPEC_FIELD_NULLABLE, 0, 0, NULL, NULL,
    I (from_experiment), 0, "from-experiment", "instability",
    N_("A prune experiment in the store (its ID or a unique prefix) whose IMP sub-network "
    "--level is analysed (default: the dense network)"), "ID" },
  { "instability", "level", OC_SPEC_INT64, OC_SPEC_FIELD_NULLABLE, 0, 200, NULL, NULL, I (level),
    0, "level", "instability",
    N_("With --from-experiment: the IMP level whose masked sub-network is analysed at its rewind "
    "point (0: the dense network)"), "L" },
  OC_SPEC_THREADS_FIELD (OC_SPEC_T (threads)),
};

static const OcSpecField *
field (OcSpec *spec, const char *name, gboolean *given)
{
  int i = oc_spec_field_index (spec, "instability", name);

  g_assert (i >= 0);
  if (given != NULL)
    *given = spec->given[i];
  return &spec->kind->fields[i];
}

static void
replace_string (char const **slot, char *text)
{
  g_free ((char *) *slot);
  *slot = text;
}

static void
instability_init (gpointer values)
{
  OcInstabilitySpec *v = values;

  memset (v, 0, sizeof *v);
  oc_spec_train_init (&v->base);
  v->rewind_iterations = DEFAULT_KS;
  v->alphas = DEFAULT_ALPHAS;
  v->seeds = NULL;
  v->from_experiment = NULL;
  v->level = -1;
}

/* An ID or a prefix of one: lowercase hex digits. */
static gboolean
is_experiment_id (const char *s)
{
  if (*s == '\0' || strlen (s) > OC_SPEC_ID_LEN)
    return FALSE;
  for (const char *p = s; *p != '\0'; p++)
    if (!g_ascii_isxdigit (*p) || g_ascii_isupper (*p))
      return FALSE;
  return TRUE;
}

static gboolean
instability_finish (OcSpec *spec, gboolean for_cli, GError **error)
{
  OcInstabilitySpec *v = spec->values;
  const OcSpecField *f_ks = field (spec, "rewind_iterations", NULL);
  const OcSpecField *f_from = field (spec, "from_experiment", NULL);
  const OcSpecField *f_level = field (spec, "level", NULL);
  gboolean g_seeds;

  field (spec, "seeds", &g_seeds);
  if (!oc_spec_train_finish (spec, for_cli, error))
    return FALSE;
  if (v->from_experiment != NULL && !is_experiment_id (v->from_experiment))
    return oc_spec_field_error (error, f_from, for_cli,
                                _("\"%s\" is not an experiment ID (up to 16 lowercase hex digits, "
                                "as `occam-cli runs list` shows them)"), v->from_experiment);
  if (v->from_experiment == NULL && v->level >= 0)
    return oc_spec_field_error (error, f_level, for_cli,
                                _("a level needs the prune experiment it belongs to: add "
                                "--from-experiment ID (see `occam-cli runs list`), or leave "
                                "--level out to analyse the dense network"));
  if (v->from_experiment != NULL && v->level < 0)
    return oc_spec_field_error (error, f_from, for_cli,
                                _("say which IMP level of the experiment to analyse with --level L "
                                "(0 is its dense network)"));

  if (v->rewind_iterations == NULL || *v->rewind_iterations == '\0')
    return oc_spec_field_error (error, f_ks, for_cli,
                                _("needs at least one iteration, e.g. 0,100,500,2000"));
  if (!oc_spec_canonical_uint_axis (spec, "instability", "rewind_iterations", 0, G_MAXINT64,
                                    for_cli, error)
      || !oc_spec_canonical_uint_axis (spec, "instability", "seeds", 0, G_MAXINT64, for_cli,
                                       error))
    return FALSE;
  if (v->base.train.iterations > 0)
    {
      g_autoptr (GArray) ks = oc_axis_parse_uint (v->rewind_iterations, 0, G_MAXINT64, "k", NULL);
      guint64 last = ks != NULL && ks->len > 0 ? g_array_index (ks, guint64, ks->len - 1) : 0;

      /* Children branching off at the end would have nothing left to train. */
      if (last >= v->base.train.iterations)
        return oc_spec_field_error (error, f_ks, for_cli,
                                    _("k = %" PRIu64 " is not before the end of the %"
                                      PRIu64 " training iterations; every k must be "
                                    "smaller (or train longer with --iterations)"), last,
                                    v->base.train.iterations);
    }
  /* As for prune: without seeds train.seed is the one replicate; with them, it is the first. */
  if (!g_seeds || v->seeds == NULL)
    replace_string (&v->seeds, g_strdup_printf ("%" G_GUINT64_FORMAT, v->base.train.seed));
  else
    v->base.train.seed = g_ascii_strtoull (v->seeds, NULL, 10);
  return TRUE;
}

static char *
instability_describe (const OcSpec *spec)
{
  const OcInstabilitySpec *v = spec->values;
  g_autofree char *base = oc_spec_train_describe (spec);
  GString *s = g_string_new (NULL);

  g_string_append_printf (s, "instability k %s · %u α · seeds %s · ", v->rewind_iterations,
                          v->alphas, v->seeds);
  if (v->from_experiment != NULL)
    g_string_append_printf (s, "level %" G_GINT64_FORMAT " of %s · ", v->level,
                            v->from_experiment);
  g_string_append (s, base);
  return g_string_free (s, FALSE);
}

const OcSpecKindInfo oc_spec_kind_instability = {
  .name = "instability",
  .fields = instability_fields,
  .n_fields = G_N_ELEMENTS (instability_fields),
  .values_size = sizeof (OcInstabilitySpec),
  .has_train = TRUE,
  .has_data = TRUE,
  .init = instability_init,
  .finish = instability_finish,
  .describe = instability_describe,
  .runner = &oc_run_kind_instability,
};

/* From a spec to the engine ------------------------------------------------------------------ */

gboolean
oc_instability_config_from_spec (const struct _OcSpec *spec, OcInstabilityConfig *cfg,
                                 GError **error)
{
  const OcInstabilitySpec *v;

  g_return_val_if_fail (spec != NULL && cfg != NULL, FALSE);
  g_return_val_if_fail (g_strcmp0 (oc_spec_get_kind (spec), "instability") == 0, FALSE);

  v = oc_spec_get_values (spec);
  memset (cfg, 0, sizeof *cfg);
  cfg->data = &v->base.data;
  cfg->train = &v->base.train;
  cfg->n_alphas = v->alphas;
  cfg->from_experiment = v->from_experiment;
  cfg->level = v->level >= 0 ? (guint) v->level : 0;
  cfg->ks = oc_axis_parse_uint (v->rewind_iterations, 0, G_MAXINT64,
                                "$.instability.rewind_iterations", error);
  if (cfg->ks == NULL)
    return FALSE;
  cfg->seeds = oc_axis_parse_uint (v->seeds != NULL ? v->seeds : "0", 0, G_MAXINT64,
                                   "$.instability.seeds", error);
  if (cfg->seeds == NULL)
    {
      oc_instability_config_clear (cfg);
      return FALSE;
    }
  return TRUE;
}

void
oc_instability_config_clear (OcInstabilityConfig *cfg)
{
  g_clear_pointer (&cfg->ks, g_array_unref);
  g_clear_pointer (&cfg->seeds, g_array_unref);
}
