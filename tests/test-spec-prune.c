/* test-spec-prune.c — the `prune` spec kind: defaults, canonical forms that share one ID,
 * validation errors with their JSON path or flag, presets, and the lottery configuration.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include "occam/oc-error.h"
#include "occam/oc-lottery.h"
#include "occam/oc-spec.h"

#define SPEC(body) \
  "{\"version\": 1, \"kind\": \"prune\", \"train\": {\"iterations\": 1000}" body "}"

static OcSpec *
parse (const char *json)
{
  g_autoptr (GError) error = NULL;
  OcSpec *spec = oc_spec_new_from_json (json, -1, "/base", &error);

  g_assert_no_error (error);
  g_assert_nonnull (spec);
  return spec;
}

static const OcPruneSpec *
values (const OcSpec *spec)
{
  return oc_spec_get_values (spec);
}

static void
assert_same_id (const char *a, const char *b)
{
  g_autoptr (OcSpec) x = parse (a);
  g_autoptr (OcSpec) y = parse (b);
  g_autofree char *hx = oc_spec_hash (x), *hy = oc_spec_hash (y);

  g_assert_cmpstr (hx, ==, hy);
}

static void
test_defaults (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (OcSpec) spec = oc_spec_new ("prune", &error);
  const OcPruneSpec *v;
  OcLotteryConfig c;

  g_assert_no_error (error);
  v = values (spec);
  oc_lottery_config_init (&c);
  g_assert_cmpuint (v->levels, ==, c.levels);
  g_assert_cmpfloat (v->rate, ==, 0.2);
  g_assert_cmpfloat (v->output_rate, ==, 0.1);
  g_assert_cmpint (v->scope, ==, OC_PRUNE_SCOPE_LAYER);
  g_assert_true (v->prune_output);
  g_assert_cmpstr (v->rewind, ==, "init");
  g_assert_cmpfloat (v->one_shot, ==, 0);
  g_assert_cmpstr (v->controls, ==, "imp");
  g_assert_cmpstr (v->seeds, ==, "0");
  g_assert_cmpuint (v->snip_examples, ==, c.snip_examples);
  g_assert_cmpstr (oc_spec_get_kind (spec), ==, "prune");
  g_assert_nonnull (oc_spec_get_train_config (spec));
}

static void
test_round_trip (void)
{
  g_autoptr (OcSpec) spec = parse (SPEC (", \"prune\": {\"levels\": 7, \"rate\": 0.3, "
                                         "\"scope\": \"global\", \"prune_output\": \"no\", "
                                         "\"rewind\": \"iter:50\", \"controls\": \"random,imp\", "
                                         "\"seeds\": \"2,1\"}, \"run\": {\"workers\": 3}"));
  g_autofree char *json = oc_spec_to_json (spec, OC_SPEC_JSON_PRETTY);
  g_autoptr (OcSpec) again = parse (json);
  g_autofree char *json2 = oc_spec_to_json (again, OC_SPEC_JSON_PRETTY);
  g_autofree char *hashed = oc_spec_to_json (spec, OC_SPEC_JSON_HASHED_ONLY);

  g_assert_cmpstr (json, ==, json2);
  g_assert_nonnull (strstr (hashed, "\"prune\":{\"levels\":7,\"rate\":0.3,\"output_rate\":0.1,"
                                    "\"scope\":\"global\",\"prune_output\":\"no\","
                                    "\"rewind\":\"iter:50\",\"one_shot\":0,"
                                    "\"controls\":\"imp,random\",\"seeds\":\"1,2\","
                                    "\"snip_examples\":100}"));
  /* How, not what: workers, threads and the method are not hashed. */
  g_assert_null (strstr (hashed, "workers"));
  g_assert_null (strstr (hashed, "method"));
  g_assert_cmpuint (values (again)->workers, ==, 3);
}

/* Spellings of one experiment share one ID. */
static void
test_canonical (void)
{
  g_autoptr (OcSpec) s = NULL;

  assert_same_id (SPEC (", \"prune\": {\"controls\": \"random,imp,reinit,random\"}"),
                  SPEC (", \"prune\": {\"controls\": \"imp,reinit,random\"}"));
  assert_same_id (SPEC (", \"prune\": {\"controls\": \"reinit\"}"),
                  SPEC (", \"prune\": {\"controls\": \"imp,reinit\"}"));
  assert_same_id (SPEC (", \"prune\": {\"method\": \"snip\"}"),
                  SPEC (", \"prune\": {\"controls\": \"imp,snip\"}"));
  assert_same_id (SPEC (", \"prune\": {\"method\": \"random\", \"controls\": \"reinit\"}"),
                  SPEC (", \"prune\": {\"controls\": \"imp,reinit,random-init\"}"));
  assert_same_id (SPEC (", \"prune\": {\"seeds\": \"2,0,1,1\"}"),
                  SPEC (", \"prune\": {\"seeds\": \"0,1,2\"}"));
  assert_same_id (SPEC (", \"prune\": {\"rewind\": \"iter:050\"}"),
                  SPEC (", \"prune\": {\"rewind\": \"iter:50\"}"));
  /* Settings without effect take their defaults. */
  assert_same_id (SPEC (", \"prune\": {\"one_shot\": 0.05, \"levels\": 7, \"rate\": 0.5}"),
                  SPEC (", \"prune\": {\"one_shot\": 0.05}"));
  assert_same_id (SPEC (", \"prune\": {\"scope\": \"global\", \"output_rate\": 0.3}"),
                  SPEC (", \"prune\": {\"scope\": \"global\"}"));
  assert_same_id (SPEC (", \"prune\": {\"prune_output\": \"no\", \"output_rate\": 0.3}"),
                  SPEC (", \"prune\": {\"prune_output\": \"false\"}"));
  assert_same_id (SPEC (", \"prune\": {\"snip_examples\": 7}"), SPEC (""));
  /* One replicate is the training seed; with replicates the training seed is the first. */
  assert_same_id ("{\"version\": 1, \"kind\": \"prune\", \"train\": {\"iterations\": 1000, "
                  "\"seed\": 5}}", SPEC (", \"prune\": {\"seeds\": \"5\"}"));
  s = parse (SPEC (", \"prune\": {\"seeds\": \"4,3\"}"));
  g_assert_cmpuint (values (s)->base.train.seed, ==, 3);
  g_clear_pointer (&s, oc_spec_free);
  s = parse (SPEC (", \"prune\": {\"one_shot\": 0.05, \"levels\": 7}"));
  g_assert_cmpuint (values (s)->levels, ==, 1);
  g_clear_pointer (&s, oc_spec_free);
  /* But what does change the result changes the ID. */
  {
    g_autoptr (OcSpec) a = parse (SPEC (", \"prune\": {\"snip_examples\": 7, "
                                        "\"controls\": \"snip\"}"));
    g_autoptr (OcSpec) b = parse (SPEC (", \"prune\": {\"controls\": \"snip\"}"));
    g_autofree char *ha = oc_spec_hash (a), *hb = oc_spec_hash (b);

    g_assert_cmpstr (ha, !=, hb);
  }
}

typedef struct
{
  const char *json;
  const char *message; /* prefix */
} BadSpec;

static void
test_bad_specs (void)
{
  const BadSpec bad[] = {
    { SPEC (", \"prune\": {\"rewind\": \"back\"}"),
      "$.prune.rewind: \"back\" is not init, none or iter:K with K ≥ 1" },
    { SPEC (", \"prune\": {\"rewind\": \"iter:0\"}"), "$.prune.rewind: \"iter:0\" is not init" },
    { SPEC (", \"prune\": {\"rewind\": \"iter:x\"}"), "$.prune.rewind: \"iter:x\" is not init" },
    { SPEC (", \"prune\": {\"rewind\": \"iter:1000\"}"),
      "$.prune.rewind: iter:1000 must be before the last of the 1000 training iterations" },
    { SPEC (", \"prune\": {\"rewind\": 3}"), "$.prune.rewind: expected a string, got 3" },
    { SPEC (", \"prune\": {\"controls\": \"imp,bogus\"}"),
      "$.prune.controls: unknown control \"bogus\"; valid controls are imp, reinit, random, "
      "snip, synflow, random-init" },
    { SPEC (", \"prune\": {\"controls\": \"\"}"), "$.prune.controls: must not be empty" },
    { SPEC (", \"prune\": {\"rate\": 1.5}"), "$.prune.rate: must be in (0, 1), got 1.5" },
    { SPEC (", \"prune\": {\"rate\": 0}"), "$.prune.rate: must be in (0, 1), got 0" },
    { SPEC (", \"prune\": {\"output_rate\": 1}"), "$.prune.output_rate: must be in [0, 1), got 1" },
    { SPEC (", \"prune\": {\"levels\": 0}"), "$.prune.levels: must be between 1 and 200, got 0" },
    { SPEC (", \"prune\": {\"levels\": 201}"), "$.prune.levels: must be between 1 and 200" },
    { SPEC (", \"prune\": {\"one_shot\": 1}"), "$.prune.one_shot: must be in [0, 1), got 1" },
    { SPEC (", \"prune\": {\"scope\": \"diagonal\"}"),
      "$.prune.scope: \"diagonal\" is not one of layer, global" },
    { SPEC (", \"prune\": {\"prune_output\": \"maybe\"}"),
      "$.prune.prune_output: \"maybe\" is not one of no, yes" },
    { SPEC (", \"prune\": {\"prune_output\": true}"),
      "$.prune.prune_output: expected one of the strings no, yes, got true" },
    { SPEC (", \"prune\": {\"method\": \"grasp\"}"),
      "$.prune.method: \"grasp\" is not one of magnitude, snip, synflow, random" },
    { SPEC (", \"prune\": {\"seeds\": \"1,x\"}"), "$.prune.seeds: " },
    { SPEC (", \"prune\": {\"snip_examples\": 0}"), "$.prune.snip_examples: must be between 1" },
    { SPEC (", \"prune\": {\"densities\": \"\"}"), "$.prune.densities: must not be empty" },
    { SPEC (", \"prune\": {\"method\": \"edge-popup\", \"densities\": \" \"}"),
      "$.prune.densities: the list is empty; give the percent of weights to keep" },
    { SPEC (", \"prune\": {\"method\": \"edge-popup\", \"densities\": \"50,100\"}"),
      "$.prune.densities: 100 is not a percentage of weights kept between 0 and 100" },
    { SPEC (", \"prune\": {\"method\": \"edge-popup\", \"densities\": \"0\"}"),
      "$.prune.densities: 0 is not a percentage" },
    { SPEC (", \"prune\": {\"method\": \"edge-popup\", \"densities\": \"5,x\"}"),
      "$.prune.densities: density: 'x' is not a number" },
    { SPEC (", \"prune\": {\"densities\": \"50\"}"),
      "$.prune.densities: needs a method that prunes at initialisation: $.prune.method snip" },
    { SPEC (", \"prune\": {\"method\": \"edge-popup\", \"densities\": \"50\", \"levels\": 3}"),
      "$.prune.levels: belongs to iterative magnitude pruning's levels; with $.prune.densities" },
    { SPEC (", \"prune\": {\"method\": \"snip\", \"densities\": \"50\", \"one_shot\": 0.1}"),
      "$.prune.one_shot: belongs to iterative magnitude pruning's levels" },
    { SPEC (", \"prune\": {\"method\": \"snip\", \"densities\": \"50\", "
            "\"controls\": \"random\"}"),
      "$.prune.controls: reinit and random copy IMP's masks level by level" },
    { SPEC (", \"prune\": {\"popup_init\": \"kaiming-normal\"}"),
      "$.prune.popup_init: only applies to edge-popup" },
    { SPEC (", \"prune\": {\"method\": \"snip\", \"popup_scale\": \"fixed\"}"),
      "$.prune.popup_scale: only applies to edge-popup" },
    { SPEC (", \"prune\": {\"depth\": 3}"),
      "$.prune.depth: unknown key; the keys of $.prune are levels, rate," },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (OcSpec) spec = oc_spec_new_from_json (bad[i].json, -1, NULL, &error);

      g_test_message ("%s", bad[i].json);
      g_assert_null (spec);
      g_assert_error (error, OC_ERROR, OC_ERROR_SPEC);
      if (!g_str_has_prefix (error->message, bad[i].message))
        g_error ("%s\n  expected: %s…\n  got:      %s", bad[i].json, bad[i].message,
                 error->message);
    }
}

/* Densities: canonical (percent, descending, no duplicates), hashed only when set so that every
 * earlier prune experiment keeps its ID, the paper's optimiser for edge-popup unless given, the
 * sanity checks pull in their method, and the lottery configuration in fractions. */
static void
test_densities (void)
{
  g_autoptr (OcSpec) a = parse (SPEC (", \"prune\": {\"method\": \"edge-popup\", "
                                      "\"densities\": \"5, 50,30,10,50,2.5\"}"));
  g_autoptr (OcSpec) plain = parse (SPEC (""));
  g_autoptr (OcSpec) given = parse (SPEC (", \"optim\": {\"kind\": \"adam\"}, \"prune\": "
                                          "{\"controls\": \"synflow-shuffle,edge-popup-reinit\"}"));
  g_autofree char *hashed = oc_spec_to_json (plain, OC_SPEC_JSON_HASHED_ONLY);
  g_autofree char *full = oc_spec_to_json (plain, OC_SPEC_JSON_DEFAULT);
  g_autoptr (GError) error = NULL;
  const OcPruneSpec *v = values (a);
  OcLotteryConfig cfg;

  g_assert_cmpstr (v->densities, ==, "50,30,10,5,2.5");
  g_assert_cmpstr (v->controls, ==, "imp,edge-popup");
  g_assert_cmpint (v->base.train.optim.kind, ==, OC_OPTIM_MOMENTUM);
  g_assert_cmpfloat (v->base.train.optim.lr, ==, 0.1);
  g_assert_cmpint (v->base.train.optim.schedule, ==, OC_SCHEDULE_COSINE);
  /* The new keys are in the spec, but only set ones in what is hashed. */
  g_assert_nonnull (strstr (full, "\"densities\":null"));
  g_assert_null (strstr (hashed, "densities"));
  g_assert_null (strstr (hashed, "popup"));
  assert_same_id (SPEC (", \"prune\": {\"densities\": null, \"popup_init\": "
                        "\"signed-constant\"}"), SPEC (""));
  /* A sanity check adds its method; the optimiser given stays. */
  g_assert_cmpstr (values (given)->controls, ==,
                   "imp,synflow,edge-popup,synflow-shuffle,edge-popup-reinit");
  g_assert_cmpint (values (given)->base.train.optim.kind, ==, OC_OPTIM_ADAM);
  g_assert_cmpfloat (values (given)->base.train.optim.lr, ==, 0.001);
  g_assert_true (oc_lottery_config_from_spec (a, &cfg, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (cfg.densities->len, ==, 5);
  g_assert_cmpfloat (g_array_index (cfg.densities, double, 0), ==, 0.5);
  g_assert_cmpfloat (g_array_index (cfg.densities, double, 4), ==, 0.025);
  g_assert_cmpint (cfg.popup_init, ==, OC_INIT_SIGNED_CONSTANT);
  g_assert_true (cfg.popup_scale_density);
  g_assert_cmpuint (oc_lottery_n_levels (&cfg), ==, 6);
  /* IMP's dense level, then edge-popup's dense copy and five densities. */
  g_assert_cmpuint (oc_lottery_n_points (&cfg), ==, 1 + 6);
  oc_lottery_config_clear (&cfg);
}

static const OcSpecField *
find_flag (const char *flag)
{
  guint n;
  const OcSpecField *fields = oc_spec_kind_fields ("prune", &n);

  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (fields[i].flag, flag) == 0)
      return &fields[i];
  g_error ("no flag --%s", flag);
  return NULL;
}

/* Flags, as occam-cli passes them: errors name the flag. */
static void
test_flags (void)
{
  static const char *const expected[] = {
    "levels", "rate", "output-rate", "scope", "prune-output", "rewind", "one-shot", "controls",
    "method", "seeds", "snip-examples", "workers",
  };
  const struct
  {
    const char *flag, *text, *message;
  } bad[] = {
    { "rewind", "later", "--rewind: \"later\" is not init, none or iter:K" },
    { "controls", "imp,lucky", "--controls: unknown control \"lucky\"" },
    { "rate", "1.5", "--rate: must be in (0, 1), got 1.5" },
    { "rate", "fast", "--rate: \"fast\" is not a number" },
    { "scope", "net", "--scope: \"net\" is not one of layer, global" },
    { "prune-output", "perhaps", "--prune-output: \"perhaps\" is not one of no, yes" },
    { "one-shot", "2", "--one-shot: must be in [0, 1), got 2" },
    { "levels", "-1", "--levels: must be between 1 and 200, got -1" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (find_flag (expected[i])->group, ==, "prune");
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (OcSpec) spec = oc_spec_new ("prune", NULL);
      gboolean ok;

      ok = oc_spec_set_from_string (spec, find_flag (bad[i].flag), bad[i].text, &error)
           && oc_spec_finish (spec, TRUE, &error);
      g_assert_false (ok);
      g_assert_error (error, OC_ERROR, OC_ERROR_SPEC);
      if (!g_str_has_prefix (error->message, bad[i].message))
        g_error ("--%s %s\n  expected: %s…\n  got:      %s", bad[i].flag, bad[i].text,
                 bad[i].message, error->message);
    }
  /* --prune-output yes|no and --seed after a first finish: the replicate follows --seed. */
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (OcSpec) spec = oc_spec_new ("prune", NULL);
    guint n;
    const OcSpecField *fields = oc_spec_kind_fields ("prune", &n), *seed = NULL;

    for (guint i = 0; i < n; i++)
      if (g_strcmp0 (fields[i].flag, "seed") == 0)
        seed = &fields[i];
    g_assert_true (oc_spec_set_from_string (spec, find_flag ("prune-output"), "no", &error));
    g_assert_true (oc_spec_set_from_string (spec, seed, "9", &error));
    g_assert_true (oc_spec_set_from_string (spec, find_flag ("method"), "synflow", &error));
    g_assert_true (oc_spec_finish (spec, TRUE, &error));
    g_assert_no_error (error);
    g_assert_false (values (spec)->prune_output);
    g_assert_cmpstr (values (spec)->seeds, ==, "9");
    g_assert_cmpstr (values (spec)->controls, ==, "imp,synflow");
  }
}

static void
test_presets (void)
{
  g_autofree const OcSpecPreset **list = oc_spec_presets ("prune");
  g_autoptr (GError) error = NULL;
  g_autoptr (OcSpec) fc = NULL, lth = NULL, talk = NULL;
  const OcPruneSpec *v;
  const OcTrainConfig *t;
  guint n = 0;

  for (guint i = 0; list[i] != NULL; i++, n++)
    {
      g_autoptr (OcSpec) s = oc_spec_new_from_preset ("prune", list[i]->name, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (oc_spec_get_kind (s), ==, "prune");
      g_assert_nonnull (list[i]->anchor);
    }
  g_assert_cmpuint (n, ==, 3);

  /* Frankle & Carbin 2019, as ANCHORS tells it (on Fashion-MNIST). */
  fc = oc_spec_new_from_preset ("prune", "frankle-carbin", &error);
  v = values (fc);
  t = &v->base.train;
  g_assert_cmpstr (v->base.data.name, ==, "fashion-mnist");
  g_assert_cmpuint (v->base.data.val_size, ==, 5000);
  g_assert_cmpuint (t->n_hidden, ==, 2);
  g_assert_cmpuint (t->hidden[0], ==, 300);
  g_assert_cmpuint (t->hidden[1], ==, 100);
  g_assert_cmpint (t->init, ==, OC_INIT_GLOROT_NORMAL);
  g_assert_cmpint (t->optim.kind, ==, OC_OPTIM_ADAM);
  g_assert_cmpfloat (t->optim.lr, ==, 1.2e-3);
  g_assert_cmpuint (t->batch, ==, 60);
  g_assert_cmpuint (t->iterations, ==, 50000);
  g_assert_cmpuint (t->eval_every, ==, 100);
  g_assert_cmpint (t->train_eval_examples, ==, 5000);
  g_assert_cmpint (v->scope, ==, OC_PRUNE_SCOPE_LAYER);
  g_assert_cmpfloat (v->rate, ==, 0.2);
  g_assert_cmpfloat (v->output_rate, ==, 0.1);
  g_assert_true (v->prune_output);
  g_assert_cmpstr (v->rewind, ==, "init");
  g_assert_cmpstr (v->controls, ==, "imp,reinit,random");

  /* OpenLTH: global 20 % without the output layer, SGD 0.1, batch 128, 40 epochs, Kaiming. */
  lth = oc_spec_new_from_preset ("prune", "openlth", &error);
  v = values (lth);
  t = &v->base.train;
  g_assert_cmpint (v->scope, ==, OC_PRUNE_SCOPE_GLOBAL);
  g_assert_false (v->prune_output);
  g_assert_cmpfloat (v->rate, ==, 0.2);
  g_assert_cmpint (t->optim.kind, ==, OC_OPTIM_SGD);
  g_assert_cmpfloat (t->optim.lr, ==, 0.1);
  g_assert_cmpuint (t->batch, ==, 128);
  g_assert_cmpuint (t->epochs, ==, 40);
  g_assert_cmpint (t->init, ==, OC_INIT_KAIMING_NORMAL);

  /* The talk: 10 % closest to zero over all layers, rewind, 30 times → 0.9³⁰ ≈ 4.2 %. */
  talk = oc_spec_new_from_preset ("prune", "talk", &error);
  v = values (talk);
  g_assert_cmpint (v->scope, ==, OC_PRUNE_SCOPE_GLOBAL);
  g_assert_true (v->prune_output);
  g_assert_cmpfloat (v->rate, ==, 0.1);
  g_assert_cmpuint (v->levels, ==, 30);
  g_assert_cmpstr (v->rewind, ==, "init");
  g_assert_cmpfloat (fabs (pow (1 - v->rate, v->levels) - 0.042), <, 0.001);
}

static void
test_lottery_config (void)
{
  g_autoptr (OcSpec) spec = parse (SPEC (", \"prune\": {\"levels\": 4, \"rate\": 0.3, "
                                         "\"scope\": \"global\", \"prune_output\": \"no\", "
                                         "\"rewind\": \"iter:20\", \"controls\": \"reinit,snip\", "
                                         "\"seeds\": \"3,1\", \"snip_examples\": 50}, "
                                         "\"run\": {\"workers\": 2}"));
  g_autoptr (GError) error = NULL;
  g_autofree char *key = NULL;
  OcLotteryConfig cfg;

  g_assert_true (oc_lottery_config_from_spec (spec, &cfg, &error));
  g_assert_no_error (error);
  g_assert_true (cfg.data == oc_spec_get_data_options (spec));
  g_assert_true (cfg.train == oc_spec_get_train_config (spec));
  g_assert_cmpuint (cfg.levels, ==, 4);
  g_assert_cmpfloat (cfg.rates.rate, ==, 0.3);
  g_assert_cmpint (cfg.rates.scope, ==, OC_PRUNE_SCOPE_GLOBAL);
  g_assert_false (cfg.rates.prune_output);
  g_assert_cmpint (cfg.rewind, ==, OC_REWIND_ITER);
  g_assert_cmpuint (cfg.rewind_iteration, ==, 20);
  g_assert_cmpuint (cfg.controls, ==, (1u << OC_CONTROL_IMP) | (1u << OC_CONTROL_REINIT)
                                      | (1u << OC_CONTROL_SNIP));
  g_assert_cmpuint (cfg.seeds->len, ==, 2);
  g_assert_cmpuint (g_array_index (cfg.seeds, guint64, 0), ==, 1);
  g_assert_cmpuint (g_array_index (cfg.seeds, guint64, 1), ==, 3);
  g_assert_cmpuint (cfg.snip_examples, ==, 50);
  g_assert_cmpuint (cfg.workers, ==, 2);
  /* imp, reinit, snip × 2 seeds × 5 levels. */
  g_assert_cmpuint (oc_lottery_n_points (&cfg), ==, 30);
  oc_lottery_config_clear (&cfg);
  g_assert_null (cfg.seeds);

  key = oc_lottery_point_key (OC_CONTROL_RANDOM_INIT, 7, 12);
  g_assert_cmpstr (key, ==, "{\"control\":\"random-init\",\"seed\":7,\"level\":12}");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/spec-prune/defaults", test_defaults);
  g_test_add_func ("/spec-prune/round-trip", test_round_trip);
  g_test_add_func ("/spec-prune/canonical", test_canonical);
  g_test_add_func ("/spec-prune/bad-specs", test_bad_specs);
  g_test_add_func ("/spec-prune/flags", test_flags);
  g_test_add_func ("/spec-prune/presets", test_presets);
  g_test_add_func ("/spec-prune/lottery-config", test_lottery_config);
  g_test_add_func ("/spec-prune/densities", test_densities);
  return g_test_run ();
}
