/* oc-spec-prune.c — the `prune` spec kind: lottery tickets on a base train spec.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A prune spec is a train spec plus the lottery settings of OcLotteryConfig. Settings that cannot
 * change the result are put in one canonical form, so that equal experiments share one ID:
 * lists are sorted and deduplicated, a method is folded into the controls it adds, and the rates
 * and levels that one-shot pruning or the scope make irrelevant are reset to their defaults.
 */
#include <string.h>

#include "occam/oc-axis.h"
#include "occam/oc-error.h"
#include "occam/oc-lottery.h"
#include "oc-spec-private.h"
#include "oc-config.h"
#include <glib/gi18n-lib.h>
#include <inttypes.h>

#define P(member) offsetof (OcPruneSpec, member)

G_STATIC_ASSERT (offsetof (OcPruneSpec, base) == 0);
G_STATIC_ASSERT (sizeof (OcPruneScope) == sizeof (int));

/* Index = OcPruneScope. */
static const char *const scope_names[] = { "layer", "global", NULL };
/* Index = gboolean, so the choice is stored as the flag itself. */
static const char *const yes_no_names[] = { "no", "yes", NULL };
static const char *const yes_no_aliases[] = { "false", "no", "true", "yes", NULL };

typedef enum
{
  METHOD_MAGNITUDE, /* IMP alone */
  METHOD_SNIP,
  METHOD_SYNFLOW,
  METHOD_RANDOM,
  METHOD_EDGE_POPUP,
} Method;

static const char *const method_names[] = {
  "magnitude", "snip", "synflow", "random", "edge-popup", NULL,
};
/* The control each method adds; IMP is always there. */
static const OcControl method_controls[] = {
  OC_CONTROL_IMP, OC_CONTROL_SNIP, OC_CONTROL_SYNFLOW, OC_CONTROL_RANDOM_INIT,
  OC_CONTROL_EDGE_POPUP,
};
/* Index = OcPruneSpec.popup_scale. */
static const char *const popup_scale_names[] = { "fixed", "density", NULL };
/* popup_scale "density": the paper's scaled variant, the better one at low densities. */

static const OcSpecField prune_fields[] = {
  OC_SPEC_DATA_FIELDS
  OC_SPEC_MODEL_TRAIN_FIELDS
  { "prune", "levels", OC_SPEC_UINT, 0, 1, 200, NULL, NULL, P (levels), 0,
    "levels", "prune", N_("Pruning levels after the dense network (20; 1 with --one-shot)"), "N" },
  { "prune", "rate", OC_SPEC_DOUBLE, OC_SPEC_FIELD_MIN_OPEN | OC_SPEC_FIELD_MAX_OPEN, 0, 1, NULL,
    NULL, P (rate), 0, "rate", "prune",
    N_("Fraction of the remaining weights pruned per level: each hidden layer, or all layers with "
    "--scope global (0.2)"), "R" },
  { "prune", "output_rate", OC_SPEC_DOUBLE, OC_SPEC_FIELD_MAX_OPEN, 0, 1, NULL, NULL,
    P (output_rate), 0, "output-rate", "prune",
    N_("Fraction of the output layer's remaining weights pruned per level, --scope layer (0.1)"),
    "R" },
  { "prune", "scope", OC_SPEC_CHOICE, 0, -OC_SPEC_INF, OC_SPEC_INF, scope_names, NULL, P (scope),
    0, "scope", "prune",
    N_("layer (default): rank weights within each layer; global: one ranking over all layers"),
    "SCOPE" },
  { "prune", "prune_output", OC_SPEC_CHOICE, 0, -OC_SPEC_INF, OC_SPEC_INF, yes_no_names,
    yes_no_aliases, P (prune_output), 0, "prune-output", "prune",
    N_("yes (default) or no: whether the output layer is pruned at all"), "yes|no" },
  { "prune", "rewind", OC_SPEC_STRING, 0, 0, 0, NULL, NULL, P (rewind), 0,
    "rewind", "prune",
    N_("Where survivors restart: init (θ₀, default), iter:K (θ after K iterations) or none "
    "(keep training the trained weights)"), "init|iter:K|none" },
  { "prune", "one_shot", OC_SPEC_DOUBLE, OC_SPEC_FIELD_MAX_OPEN, 0, 1, NULL, NULL, P (one_shot),
    0, "one-shot", "prune",
    N_("Prune once, straight to this density, instead of levels (0: off)"), "DENSITY" },
  { "prune", "controls", OC_SPEC_STRING, 0, 0, 0, NULL, NULL, P (controls), 0,
    "controls", "prune",
    N_("Comma-separated: imp (always), reinit, random, and pruning at init snip, synflow, "
    "random-init, edge-popup, with the sanity checks snip-shuffle, snip-reinit, synflow-shuffle, "
    "synflow-reinit, edge-popup-shuffle, edge-popup-reinit (imp)"), "LIST" },
  /* Not hashed: a method only adds its control to `controls`, which is hashed. */
  { "prune", "method", OC_SPEC_CHOICE, OC_SPEC_FIELD_NOT_HASHED, -OC_SPEC_INF, OC_SPEC_INF,
    method_names, NULL, P (method), 0, "method", "prune",
    N_("magnitude (IMP, default); snip, synflow or random also prune at initialisation to each "
    "level's density; edge-popup learns a mask of frozen random weights"), "NAME" },
  { "prune", "seeds", OC_SPEC_STRING, OC_SPEC_FIELD_NULLABLE, 0, 0, NULL, NULL, P (seeds), 0,
    "seeds", "prune", N_("Model seeds, one replicate each, e.g. 0,1,2 (default: --seed)"), "LIST" },
  { "prune", "snip_examples", OC_SPEC_UINT, 0, 1, 65536, NULL, NULL, P (snip_examples), 0,
    "snip-examples", "prune", N_("Training examples in SNIP's gradient (100)"), "N" },
  /* Added after the others: hashed only when set, so earlier experiments keep their IDs. */
  { "prune", "densities", OC_SPEC_STRING,
    OC_SPEC_FIELD_NULLABLE | OC_SPEC_FIELD_DEFAULT_NOT_HASHED, 0, 0, NULL, NULL, P (densities), 0,
    "densities", "prune",
    N_("Percent of weights kept, e.g. 50,30,10,5: the pruning-at-init methods (snip, synflow, "
    "random, edge-popup) prune straight to each, instead of following IMP's levels"), "LIST" },
  { "prune", "popup_init", OC_SPEC_CHOICE, OC_SPEC_FIELD_DEFAULT_NOT_HASHED, -OC_SPEC_INF,
    OC_SPEC_INF, oc_spec_init_names, oc_spec_init_aliases, P (popup_init), 0, "popup-init", "prune",
    N_("edge-popup: the frozen random weights, signed-constant (default: ±√(2/fan_in)) or any "
    "--init"), "NAME" },
  { "prune", "popup_scale", OC_SPEC_CHOICE, OC_SPEC_FIELD_DEFAULT_NOT_HASHED, -OC_SPEC_INF,
    OC_SPEC_INF, popup_scale_names, NULL, P (popup_scale), 0, "popup-scale", "prune",
    N_("edge-popup: density (default: a layer keeping a fraction k has its weights × 1/√k, the "
    "paper's scaled variant) or fixed"), "density|fixed" },
  OC_SPEC_THREADS_FIELD (OC_SPEC_T (threads)),
  { "run", "workers", OC_SPEC_UINT, OC_SPEC_FIELD_NOT_HASHED, 0, 256, NULL, NULL, P (workers), 0,
    "workers", "prune",
    N_("Trainings at once (default: one per core with IMP's controls, one BLAS thread each)"),
    "N" },
};

static const OcSpecField *
field (OcSpec *spec, const char *name, gboolean *given)
{
  int i = oc_spec_field_index (spec, "prune", name);

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
prune_init (gpointer values)
{
  OcPruneSpec *v = values;
  OcLotteryConfig c;

  memset (v, 0, sizeof *v);
  oc_spec_train_init (&v->base);
  oc_lottery_config_init (&c);
  v->levels = c.levels;
  v->rate = c.rates.rate;
  v->output_rate = c.rates.output_rate;
  v->scope = c.rates.scope;
  v->prune_output = c.rates.prune_output;
  v->rewind = "init";
  v->one_shot = c.one_shot;
  v->controls = "imp";
  v->method = METHOD_MAGNITUDE;
  v->seeds = NULL;
  v->snip_examples = c.snip_examples;
  v->densities = NULL;
  v->popup_init = c.popup_init;
  v->popup_scale = c.popup_scale_density ? 1 : 0;
}

/* "iter:0500" → "iter:500"; errors name the field. */
static gboolean
canonical_rewind (OcSpec *spec, gboolean for_cli, GError **error)
{
  OcPruneSpec *v = spec->values;
  OcRewind rewind;
  guint64 k;

  if (!oc_rewind_from_string (v->rewind, &rewind, &k))
    return oc_spec_field_error (error, field (spec, "rewind", NULL), for_cli,
                                _("\"%s\" is not init, none or iter:K with K ≥ 1 (e.g. iter:500)"),
                                v->rewind);
  if (rewind == OC_REWIND_ITER)
    {
      if (v->base.train.iterations > 0 && k >= v->base.train.iterations)
        return oc_spec_field_error (error, field (spec, "rewind", NULL), for_cli,
                                    _("iter:%" PRIu64 " must be before the last of the %"
                                      PRIu64 " training iterations"), k,
                                    v->base.train.iterations);
      replace_string (&v->rewind, g_strdup_printf ("iter:%" G_GUINT64_FORMAT, k));
    }
  return TRUE;
}

/* Parses "imp,reinit" into a bit set of 1 << OcControl. */
static gboolean
parse_controls (const char *text, guint *out, char **bad)
{
  g_auto (GStrv) parts = g_strsplit (text, ",", -1);
  guint set = 1u << OC_CONTROL_IMP;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      OcControl c;

      g_strstrip (parts[i]);
      if (!oc_control_from_string (parts[i], &c))
        {
          *bad = g_strdup (parts[i]);
          return FALSE;
        }
      set |= 1u << c;
    }
  *out = set;
  return TRUE;
}

static char *
format_controls (guint set)
{
  GString *s = g_string_new (NULL);

  for (guint c = 0; c < OC_N_CONTROLS; c++)
    if (set & (1u << c))
      g_string_append_printf (s, "%s%s", s->len > 0 ? "," : "", oc_control_to_string (c));
  return g_string_free (s, FALSE);
}

static gboolean
canonical_controls (OcSpec *spec, gboolean for_cli, GError **error)
{
  OcPruneSpec *v = spec->values;
  g_autofree char *bad = NULL;
  guint set;

  if (!parse_controls (v->controls, &set, &bad))
    {
      GString *known = g_string_new (NULL);

      for (guint c = 0; c < OC_N_CONTROLS; c++)
        g_string_append_printf (known, "%s%s", c > 0 ? ", " : "", oc_control_to_string (c));
      oc_spec_field_error (error, field (spec, "controls", NULL), for_cli,
                           _("unknown control \"%s\"; valid controls are %s"), bad, known->str);
      g_string_free (known, TRUE);
      return FALSE;
    }
  set |= 1u << method_controls[v->method];
  /* A sanity check needs its method's masks: the method runs too. */
  for (guint c = 0; c < OC_N_CONTROLS; c++)
    if (set & (1u << c))
      set |= 1u << oc_control_parent ((OcControl) c);
  replace_string (&v->controls, format_controls (set));
  return TRUE;
}

/* "5,50,30,10" → "50,30,10,5": percent kept, descending, each in (0, 100). */
static gboolean
canonical_densities (OcSpec *spec, gboolean for_cli, GError **error)
{
  OcPruneSpec *v = spec->values;
  const OcSpecField *f = field (spec, "densities", NULL);
  g_autoptr (GArray) d = NULL;
  g_autoptr (GError) parse_error = NULL;
  GString *text;

  if (v->densities == NULL)
    return TRUE;
  if (*g_strstrip ((char *) v->densities) == '\0')
    return oc_spec_field_error (error, f, for_cli, _("the list is empty; give the percent of "
                                "weights to keep, e.g. 50,30,10,5"));
  d = oc_axis_parse_double (v->densities, -G_MAXDOUBLE, G_MAXDOUBLE, "density", &parse_error);
  if (d == NULL)
    return oc_spec_field_error (error, f, for_cli, _("%s; give the percent of weights to keep, "
                                "e.g. 50,30,10,5"), parse_error->message);
  for (guint i = 0; i < d->len; i++)
    {
      double x = g_array_index (d, double, i);

      if (!(x > 0 && x < 100))
        return oc_spec_field_error (error, f, for_cli, _("%g is not a percentage of weights kept "
                                    "between 0 and 100 (both excluded), e.g. 50,30,10,5"), x);
    }
  text = g_string_new (NULL);
  for (guint i = d->len; i-- > 0;)
    {
      double pct = g_array_index (d, double, i);
      /* Percentages read best without an exponent: 50, not 5e+01. */
      g_autofree char *x = pct == floor (pct) ? g_strdup_printf ("%.0f", pct)
                                              : oc_spec_format_double (pct);

      g_string_append_printf (text, "%s%s", text->len > 0 ? "," : "", x);
    }
  replace_string (&v->densities, g_string_free (text, FALSE));
  return TRUE;
}

/* Densities replace IMP's levels: IMP's own settings must not be set to something else, and a
 * method that prunes at initialisation must be there to use them. */
static gboolean
check_densities_mode (OcSpec *spec, gboolean for_cli, GError **error)
{
  static const char *const imp_only[] = {
    "levels", "rate", "output_rate", "scope", "rewind", "one_shot",
  };
  OcPruneSpec *v = spec->values;
  g_autofree gpointer defaults = g_malloc0 (sizeof (OcPruneSpec));
  guint set;
  g_autofree char *bad = NULL;

  prune_init (defaults);
  for (guint i = 0; i < G_N_ELEMENTS (imp_only); i++)
    {
      gboolean given;
      const OcSpecField *f = field (spec, imp_only[i], &given);
      g_autofree char *mine = oc_spec_value_text (f, v, ",");
      g_autofree char *theirs = oc_spec_value_text (f, defaults, ",");

      if (given && g_strcmp0 (mine, theirs) != 0)
        {
          g_autofree char *dens = oc_spec_field_label (field (spec, "densities", NULL), for_cli);

          return oc_spec_field_error (error, f, for_cli, _("belongs to iterative magnitude pruning's "
                                      "levels; with %s each method prunes the initial network "
                                      "straight to each density: leave it out"), dens);
        }
    }
  if (!parse_controls (v->controls, &set, &bad))
    return TRUE; /* canonical_controls has said why */
  if (set & ((1u << OC_CONTROL_REINIT) | (1u << OC_CONTROL_RANDOM)))
    return oc_spec_field_error (error, field (spec, "controls", NULL), for_cli,
                                _("reinit and random copy IMP's masks level by level, which "
                                "densities do not have; for the sanity checks of pruning at "
                                "initialisation use snip-shuffle, snip-reinit, synflow-shuffle, "
                                "synflow-reinit, edge-popup-shuffle or edge-popup-reinit"));
  if ((set & ((1u << OC_CONTROL_SNIP) | (1u << OC_CONTROL_SYNFLOW) | (1u << OC_CONTROL_RANDOM_INIT)
              | (1u << OC_CONTROL_EDGE_POPUP))) == 0)
    {
      g_autofree char *meth = oc_spec_field_label (field (spec, "method", NULL), for_cli);

      return oc_spec_field_error (error, field (spec, "densities", NULL), for_cli,
                                  _("needs a method that prunes at initialisation: %s snip, "
                                  "synflow, random or edge-popup"), meth);
    }
  return TRUE;
}

/* Edge-popup learns its scores as the paper does — SGD with momentum 0.9, lr 0.1, a cosine
 * schedule — unless the optimiser is given; every network of the run (the dense baseline too)
 * trains with it. Called before train's own dependent defaults and after them (for lr). */
static void
popup_optimizer_defaults (OcSpec *spec, gboolean after_train)
{
  OcPruneSpec *v = spec->values;
  OcTrainConfig def;
  gboolean popup = v->method == METHOD_EDGE_POPUP || strstr (v->controls, "edge-popup") != NULL;
  int i_kind = oc_spec_field_index (spec, "optim", "kind");
  int i_lr = oc_spec_field_index (spec, "optim", "lr");
  int i_sched = oc_spec_field_index (spec, "optim", "schedule");

  if (spec->given[i_kind])
    return;
  oc_train_config_init (&def);
  v->base.train.optim.kind = popup ? OC_OPTIM_MOMENTUM : def.optim.kind;
  if (!spec->given[i_sched])
    v->base.train.optim.schedule = popup ? OC_SCHEDULE_COSINE : def.optim.schedule;
  /* After train's finish, which puts momentum's 0.01 there. */
  if (after_train && popup && !spec->given[i_lr])
    v->base.train.optim.lr = 0.1;
}

static gboolean
prune_finish (OcSpec *spec, gboolean for_cli, GError **error)
{
  OcPruneSpec *v = spec->values;
  OcPruneSpec defaults;
  gboolean g_levels, g_rate, g_output_rate, g_snip, g_seeds;

  popup_optimizer_defaults (spec, FALSE);
  if (!oc_spec_train_finish (spec, for_cli, error)
      || !canonical_rewind (spec, for_cli, error)
      || !canonical_controls (spec, for_cli, error)
      || !canonical_densities (spec, for_cli, error)
      || (v->densities != NULL && !check_densities_mode (spec, for_cli, error))
      || !oc_spec_canonical_uint_axis (spec, "prune", "seeds", 0, G_MAXINT64, for_cli, error))
    return FALSE;

  /* Fields not given take their defaults again (finish runs after every change), and settings
   * the result cannot depend on take them too, so they do not split one experiment into
   * several IDs. */
  prune_init (&defaults);
  field (spec, "levels", &g_levels);
  field (spec, "rate", &g_rate);
  field (spec, "output_rate", &g_output_rate);
  field (spec, "snip_examples", &g_snip);
  field (spec, "seeds", &g_seeds);
  popup_optimizer_defaults (spec, TRUE);
  if (!g_levels)
    v->levels = defaults.levels;
  if (!g_rate)
    v->rate = defaults.rate;
  if (!g_output_rate)
    v->output_rate = defaults.output_rate;
  if (!g_snip)
    v->snip_examples = defaults.snip_examples;
  if (v->one_shot > 0)
    {
      /* One level that prunes every included layer straight to the target density. */
      v->levels = 1;
      v->rate = defaults.rate;
      v->output_rate = defaults.output_rate;
    }
  if (v->scope != OC_PRUNE_SCOPE_LAYER || !v->prune_output)
    v->output_rate = defaults.output_rate;
  if (strstr (v->controls, "snip") == NULL)
    v->snip_examples = defaults.snip_examples;
  if (v->densities != NULL)
    {
      /* IMP trains the dense baseline only: its level settings cannot matter. */
      v->levels = defaults.levels;
      v->rate = defaults.rate;
      v->output_rate = defaults.output_rate;
      v->scope = defaults.scope;
      replace_string (&v->rewind, g_strdup (defaults.rewind));
      v->one_shot = defaults.one_shot;
    }
  if (strstr (v->controls, "edge-popup") == NULL)
    {
      gboolean g_init, g_scale;

      field (spec, "popup_init", &g_init);
      field (spec, "popup_scale", &g_scale);
      if ((g_init && v->popup_init != defaults.popup_init)
          || (g_scale && v->popup_scale != defaults.popup_scale))
        return oc_spec_field_error (error, field (spec, g_init && v->popup_init
                                                  != defaults.popup_init ? "popup_init"
                                                                         : "popup_scale", NULL),
                                    for_cli, _("only applies to edge-popup; add --method edge-popup "
                                    "or leave it out"));
      v->popup_init = defaults.popup_init;
      v->popup_scale = defaults.popup_scale;
    }

  /* The replicates' seeds replace the training seed: without seeds, train.seed is the one
   * replicate; with them, train.seed is not used and is set to the first. */
  if (!g_seeds || v->seeds == NULL)
    replace_string (&v->seeds, g_strdup_printf ("%" G_GUINT64_FORMAT, v->base.train.seed));
  else
    v->base.train.seed = g_ascii_strtoull (v->seeds, NULL, 10);
  return TRUE;
}

static char *
prune_describe (const OcSpec *spec)
{
  const OcPruneSpec *v = spec->values;
  g_autofree char *base = oc_spec_train_describe (spec);
  GString *s = g_string_new (NULL);

  if (v->densities != NULL)
    g_string_append_printf (s, "densities %s %%", v->densities);
  else if (v->one_shot > 0)
    g_string_append_printf (s, "one-shot to %g %%", 100 * v->one_shot);
  else if (v->scope == OC_PRUNE_SCOPE_LAYER && v->prune_output)
    g_string_append_printf (s, "%u levels × %g %% (output %g %%)", v->levels, 100 * v->rate,
                            100 * v->output_rate);
  else
    g_string_append_printf (s, "%u levels × %g %%", v->levels, 100 * v->rate);
  if (v->densities != NULL)
    g_string_append_printf (s, "%s · %s · seeds %s · ", v->prune_output ? "" : " (output kept)",
                            v->controls, v->seeds);
  else
    g_string_append_printf (s, " %s%s · rewind %s · %s · seeds %s · ", scope_names[v->scope],
                            v->prune_output ? "" : " (output kept)", v->rewind, v->controls,
                            v->seeds);
  g_string_append (s, base);
  return g_string_free (s, FALSE);
}

const OcSpecKindInfo oc_spec_kind_prune = {
  .name = "prune",
  .fields = prune_fields,
  .n_fields = G_N_ELEMENTS (prune_fields),
  .values_size = sizeof (OcPruneSpec),
  .has_train = TRUE,
  .has_data = TRUE,
  .init = prune_init,
  .finish = prune_finish,
  .describe = prune_describe,
  .runner = &oc_run_kind_prune,
};

/* From a spec to the engine ------------------------------------------------------------------ */

gboolean
oc_lottery_config_from_spec (const struct _OcSpec *spec, OcLotteryConfig *cfg, GError **error)
{
  const OcPruneSpec *v;
  g_autofree char *bad = NULL;
  g_autoptr (GArray) seeds = NULL;

  g_return_val_if_fail (spec != NULL && cfg != NULL, FALSE);
  g_return_val_if_fail (g_strcmp0 (oc_spec_get_kind (spec), "prune") == 0, FALSE);

  v = oc_spec_get_values (spec);
  oc_lottery_config_init (cfg);
  cfg->data = &v->base.data;
  cfg->train = &v->base.train;
  cfg->rates.scope = (OcPruneScope) v->scope;
  cfg->rates.rate = v->rate;
  cfg->rates.output_rate = v->output_rate;
  cfg->rates.prune_output = v->prune_output;
  cfg->levels = v->levels;
  cfg->one_shot = v->one_shot;
  cfg->snip_examples = v->snip_examples;
  cfg->workers = v->workers;
  cfg->popup_init = (OcInit) v->popup_init;
  cfg->popup_scale_density = v->popup_scale == 1;
  if (v->densities != NULL)
    {
      g_auto (GStrv) parts = g_strsplit (v->densities, ",", -1);
      GArray *d = g_array_new (FALSE, FALSE, sizeof (double));

      for (guint i = 0; parts[i] != NULL; i++)
        {
          double x = g_ascii_strtod (parts[i], NULL) / 100;

          g_array_append_val (d, x);
        }
      cfg->densities = d;
    }
  /* A finished spec holds canonical values, so these only fail for one built by hand. */
  if (!oc_rewind_from_string (v->rewind, &cfg->rewind, &cfg->rewind_iteration))
    {
      g_set_error (error, OC_ERROR, OC_ERROR_SPEC, _("$.prune.rewind: \"%s\" is not init, none or "
                   "iter:K"), v->rewind);
      return FALSE;
    }
  if (!parse_controls (v->controls, &cfg->controls, &bad))
    {
      g_set_error (error, OC_ERROR, OC_ERROR_SPEC, _("$.prune.controls: unknown control \"%s\""),
                   bad);
      return FALSE;
    }
  seeds = v->seeds != NULL ? oc_axis_parse_uint (v->seeds, 0, G_MAXINT64, "$.prune.seeds", error)
                           : g_array_new (FALSE, FALSE, sizeof (guint64));
  if (seeds == NULL)
    return FALSE;
  if (seeds->len == 0)
    g_array_append_val (seeds, v->base.train.seed);
  cfg->seeds = g_steal_pointer (&seeds);
  return TRUE;
}

void
oc_lottery_config_clear (OcLotteryConfig *cfg)
{
  g_clear_pointer ((GArray **) &cfg->seeds, g_array_unref);
  g_clear_pointer ((GArray **) &cfg->densities, g_array_unref);
}

guint
oc_lottery_n_points (const OcLotteryConfig *cfg)
{
  guint n_controls = 0;
  guint n_seeds = cfg->seeds != NULL && cfg->seeds->len > 0 ? cfg->seeds->len : 1;

  for (guint c = 0; c < OC_N_CONTROLS; c++)
    n_controls += c == OC_CONTROL_IMP || (cfg->controls & (1u << c)) != 0;
  /* With densities IMP trains only the dense network. */
  if (cfg->densities != NULL)
    return ((n_controls - 1) * oc_lottery_n_levels (cfg) + 1) * n_seeds;
  return n_controls * n_seeds * oc_lottery_n_levels (cfg);
}

char *
oc_lottery_point_key (OcControl control, guint64 seed, guint level)
{
  return g_strdup_printf ("{\"control\":\"%s\",\"seed\":%" G_GUINT64_FORMAT ",\"level\":%u}",
                          oc_control_to_string (control), seed, level);
}
