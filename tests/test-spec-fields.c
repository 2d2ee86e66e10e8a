/* test-spec-fields.c — specs one field at a time, as forms edit them: by section and name, as text,
 * over a base spec of another kind, with errors that say which field they are about.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "occam/oc-error.h"
#include "occam/oc-spec.h"

/* Non-default values in every section of each kind, nulls and a path included. */
static const char *const custom_specs[] = {
  "{\"version\": 1, \"kind\": \"train\","
  " \"data\": {\"name\": \"csv\", \"data_file\": \"/data/train.csv\", \"n_train\": 500,"
  "            \"subset\": \"random\", \"label_noise\": 0.15, \"seed\": 12345678901},"
  " \"model\": {\"hidden\": [300, 100], \"activation\": \"tanh\", \"init\": \"glorot-uniform\"},"
  " \"optim\": {\"kind\": \"momentum\", \"nesterov\": true, \"eps\": 1e-10,"
  "             \"weight_decay\": 0.0005, \"schedule\": \"step\", \"schedule_gamma\": 0.3},"
  " \"train\": {\"loss\": \"mse\", \"iterations\": 700, \"eval_every\": 50,"
  "             \"train_eval_examples\": 0, \"seed\": 3},"
  " \"run\": {\"threads\": 3}}",
  "{\"version\": 1, \"kind\": \"train\", \"model\": {\"hidden\": []}}",
  "{\"version\": 1, \"kind\": \"sweep\", \"data\": {\"name\": \"moons\", \"n_points\": 400},"
  " \"train\": {\"epochs\": 4},"
  " \"sweep\": {\"widths\": \"log:1:64:4\", \"label_noises\": \"0.3,0.1\", \"seeds\": \"2,0\","
  "             \"record_every_epochs\": 2}, \"run\": {\"workers\": 2}}",
  "{\"version\": 1, \"kind\": \"rff\", \"data\": {\"name\": \"blobs\", \"noise\": 0.5},"
  " \"rff\": {\"features\": \"10,5\", \"kind\": \"relu\", \"sigma\": 0.25, \"ridge\": 1e-6}}",
  "{\"version\": 1, \"kind\": \"prune\", \"train\": {\"iterations\": 900},"
  " \"prune\": {\"levels\": 3, \"rate\": 0.35, \"scope\": \"global\", \"prune_output\": \"no\","
  " \"rewind\": \"iter:0050\", \"method\": \"snip\", \"controls\": \"reinit\", \"seeds\": \"4,1\","
  " \"snip_examples\": 64}}",
  "{\"version\": 1, \"kind\": \"prune\", \"prune\": {\"one_shot\": 0.05}}",
  "{\"version\": 1, \"kind\": \"linear\","
  " \"linear\": {\"n\": 50, \"ps\": \"20,10\", \"snr\": 2.5}}",
};

static OcSpec *
parse (const char *json)
{
  g_autoptr (GError) error = NULL;
  OcSpec *spec = oc_spec_new_from_json (json, -1, "/base", &error);

  g_assert_no_error (error);
  return spec;
}

static void
assert_text (const OcSpec *spec, const char *section, const char *name, const char *want)
{
  g_autofree char *text = oc_spec_get_field_text (spec, section, name);

  g_assert_cmpstr (text, ==, want);
}

static void
assert_same_json (const OcSpec *a, const OcSpec *b)
{
  g_autofree char *ja = oc_spec_to_json (a, OC_SPEC_JSON_DEFAULT);
  g_autofree char *jb = oc_spec_to_json (b, OC_SPEC_JSON_DEFAULT);

  g_assert_cmpstr (ja, ==, jb);
}

static void
test_find_field (void)
{
  guint n;
  const OcSpecField *fields = oc_spec_kind_fields ("prune", &n);
  const OcSpecField *f = oc_spec_find_field ("prune", "optim", "lr");

  g_assert_nonnull (f);
  g_assert_true (f >= fields && f < fields + n);
  g_assert_cmpstr (f->section, ==, "optim");
  g_assert_cmpstr (f->name, ==, "lr");
  g_assert_cmpint (f->type, ==, OC_SPEC_DOUBLE);
  g_assert_cmpstr (oc_spec_find_field ("sweep", "sweep", "widths")->flag, ==, "widths");
  g_assert_null (oc_spec_find_field ("train", "sweep", "widths"));
  g_assert_null (oc_spec_find_field ("train", "optim", "learning_rate"));
  g_assert_null (oc_spec_find_field ("nope", "optim", "lr"));
}

/* Sets (section, name, text) triples, then finishes the spec. */
static void
set_fields (OcSpec *spec, const char *const *triples)
{
  g_autoptr (GError) error = NULL;

  for (guint i = 0; triples[i] != NULL; i += 3)
    g_assert_true (oc_spec_set_field (spec, triples[i], triples[i + 1], triples[i + 2], &error));
  g_assert_true (oc_spec_finish (spec, FALSE, &error));
  g_assert_no_error (error);
}

static void
test_set_field (void)
{
  g_autoptr (OcSpec) spec = oc_spec_new ("train", NULL);
  const OcDataOptions *d = oc_spec_get_data_options (spec);
  const OcTrainConfig *t = oc_spec_get_train_config (spec);

  set_fields (spec, (const char *const[]) {
    "model", "hidden", "300, 100",
    "optim", "kind", "sgd",
    "model", "init", "xavier-normal",
    "optim", "nesterov", "false",
    "data", "n_train", "4000",
    "data", "data_dir", "idx",
    "data", "label_noise", "0.2",
    NULL });
  g_assert_cmpuint (t->n_hidden, ==, 2);
  g_assert_cmpuint (t->hidden[1], ==, 100);
  g_assert_cmpint (t->optim.kind, ==, OC_OPTIM_SGD);
  g_assert_cmpfloat (t->optim.lr, ==, 0.01); /* SGD's dependent default */
  g_assert_cmpint (t->init, ==, OC_INIT_GLOROT_NORMAL);
  g_assert_cmpint (d->n_train, ==, 4000);
  g_assert_true (g_path_is_absolute (d->data_dir));
  g_assert_true (g_str_has_suffix (d->data_dir, "/idx"));
  g_assert_cmpfloat (d->label_noise, ==, 0.2);

  /* A blank nullable field is null; a given lr is kept whatever the optimiser. */
  set_fields (spec, (const char *const[]) {
    "data", "n_train", "",
    "data", "data_dir", "",
    "optim", "lr", "0.5",
    "optim", "kind", "adam",
    "model", "hidden", "",
    NULL });
  g_assert_cmpint (d->n_train, ==, -1);
  g_assert_null (d->data_dir);
  g_assert_cmpfloat (t->optim.lr, ==, 0.5);
  g_assert_cmpuint (t->n_hidden, ==, 0);
}

/* What a person can get wrong, with the message that says so; the value stays as it was. */
static void
test_set_field_errors (void)
{
  static const struct
  {
    const char *kind, *section, *name, *text, *message;
  } bad[] = {
    { "train", "optim", "lr", "-1", "$.optim.lr: must be > 0, got -1" },
    { "train", "optim", "lr", "fast", "$.optim.lr: \"fast\" is not a number" },
    { "train", "optim", "lr", "inf", "$.optim.lr: must be a finite number, got inf" },
    { "train", "optim", "momentum", "1", "$.optim.momentum: must be in [0, 1), got 1" },
    { "train", "model", "hidden", "300,abc",
      "$.model.hidden: \"abc\" is not a width between 1 and 1048576 (expected e.g. 300,100)" },
    { "train", "train", "batch", "1.5", "$.train.batch: \"1.5\" is not a whole number" },
    { "train", "train", "batch", "0", "$.train.batch: must be between 1 and 65536, got 0" },
    { "train", "train", "epochs", "", "$.train.epochs: \"\" is not a whole number" },
    { "train", "data", "n_train", "0", "$.data.n_train: must be between 1 and 1000000000000, "
      "got 0" },
    { "train", "data", "seed", "-3", "$.data.seed: must be ≥ 0, got -3" },
    { "train", "optim", "kind", "lion", "$.optim.kind: \"lion\" is not one of sgd, momentum, "
      "adam, adamw" },
    { "train", "optim", "nesterov", "maybe", "$.optim.nesterov: \"maybe\" is not true or false" },
    { "train", "data", "name", "", "$.data.name: must not be empty" },
    { "sweep", "sweep", "record_every_epochs", "x",
      "$.sweep.record_every_epochs: \"x\" is not a whole number" },
    { "prune", "prune", "scope", "local", "$.prune.scope: \"local\" is not one of layer, global" },
    { "rff", "rff", "sigma", "0", "$.rff.sigma: must be > 0, got 0" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (OcSpec) spec = oc_spec_new (bad[i].kind, &error);
      g_autoptr (OcSpec) before = oc_spec_dup (spec);

      g_test_message ("%s.%s = \"%s\"", bad[i].section, bad[i].name, bad[i].text);
      g_assert_false (oc_spec_set_field (spec, bad[i].section, bad[i].name, bad[i].text,
                                         &error));
      g_assert_error (error, OC_ERROR, OC_ERROR_SPEC);
      g_assert_cmpstr (error->message, ==, bad[i].message);
      assert_same_json (spec, before);
    }
}

static void
test_set_field_unknown (void)
{
  g_autoptr (OcSpec) spec = oc_spec_new ("train", NULL);
  g_autoptr (GError) error = NULL;

  /* Asking for a field the kind does not have is a bug in the caller, not a user's mistake. */
  g_test_expect_message ("occam-engine", G_LOG_LEVEL_CRITICAL, "*f != NULL*");
  g_assert_false (oc_spec_set_field (spec, "sweep", "widths", "1,2", &error));
  g_test_assert_expected_messages ();
  g_assert_no_error (error);
  g_test_expect_message ("occam-engine", G_LOG_LEVEL_CRITICAL, "*f != NULL*");
  g_assert_null (oc_spec_get_field_text (spec, "optim", "learning_rate"));
  g_test_assert_expected_messages ();
  g_test_expect_message ("occam-engine", G_LOG_LEVEL_CRITICAL, "*f != NULL*");
  oc_spec_reset_field (spec, "optim", "learning_rate");
  g_test_assert_expected_messages ();
}

static void
test_reset_field (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (OcSpec) spec = parse ("{\"version\": 1, \"kind\": \"sweep\","
                                   " \"optim\": {\"kind\": \"sgd\", \"lr\": 0.3},"
                                   " \"data\": {\"n_train\": 100, \"data_dir\": \"/x\"},"
                                   " \"sweep\": {\"widths\": \"4,1\", \"seeds\": \"0,1\"}}");
  g_autoptr (OcSpec) fresh = NULL;
  const OcSweepSpec *v = oc_spec_get_values (spec);

  oc_spec_reset_field (spec, "sweep", "widths");
  oc_spec_reset_field (spec, "data", "n_train");
  oc_spec_reset_field (spec, "data", "data_dir");
  g_assert_null (v->widths);
  g_assert_cmpstr (v->seeds, ==, "0,1");
  g_assert_cmpint (v->base.data.n_train, ==, -1);
  g_assert_null (v->base.data.data_dir);

  /* Not given again: the dependent default follows the optimiser once more. */
  oc_spec_reset_field (spec, "optim", "lr");
  g_assert_true (oc_spec_finish (spec, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (v->base.train.optim.lr, ==, 0.01);
  g_assert_true (oc_spec_set_field (spec, "optim", "kind", "adam", &error));
  g_assert_true (oc_spec_finish (spec, FALSE, &error));
  g_assert_cmpfloat (v->base.train.optim.lr, ==, 0.001);

  /* Everything reset is the default spec. */
  oc_spec_reset_field (spec, "optim", "kind");
  oc_spec_reset_field (spec, "sweep", "seeds");
  g_assert_true (oc_spec_finish (spec, FALSE, &error));
  fresh = oc_spec_new ("sweep", &error);
  assert_same_json (spec, fresh);
}

static void
test_get_field_text (void)
{
  g_autoptr (OcSpec) custom = parse (custom_specs[0]);
  g_autoptr (OcSpec) sweep = parse (custom_specs[2]);
  g_autoptr (OcSpec) defaults = oc_spec_new ("train", NULL);
  g_autoptr (OcSpec) none = parse (custom_specs[1]);

  assert_text (custom, "model", "hidden", "300,100");
  assert_text (custom, "model", "init", "glorot-uniform");
  assert_text (custom, "optim", "lr", "0.01");
  assert_text (custom, "optim", "eps", "1e-10");
  assert_text (custom, "optim", "weight_decay", "0.0005");
  assert_text (custom, "optim", "nesterov", "true");
  assert_text (custom, "data", "label_noise", "0.15");
  assert_text (custom, "data", "data_file", "/data/train.csv");
  assert_text (custom, "data", "n_train", "500");
  assert_text (custom, "data", "seed", "12345678901");
  assert_text (custom, "train", "epochs", "0");
  assert_text (custom, "train", "train_eval_examples", "0");
  assert_text (custom, "run", "threads", "3");
  assert_text (defaults, "data", "n_train", "");
  assert_text (defaults, "data", "data_dir", "");
  assert_text (defaults, "train", "train_eval_examples", "");
  assert_text (defaults, "optim", "eps", "1e-08");
  assert_text (defaults, "optim", "kind", "adam");
  assert_text (none, "model", "hidden", "");
  assert_text (sweep, "sweep", "widths", "1,4,16,64");
  assert_text (sweep, "sweep", "label_noises", "0.1,0.3");
  assert_text (sweep, "sweep", "n_trains", "");
}

/* Every field of every kind (the defaults, the specs above, every preset): its text, set again,
 * gives the same canonical form, whether it is set over the same spec or, all fields together,
 * over the kind's defaults. */
static void
test_round_trip (void)
{
  const char *const *kinds = oc_spec_kinds ();
  g_autoptr (GPtrArray) specs = g_ptr_array_new_with_free_func ((GDestroyNotify) oc_spec_free);
  g_autofree const OcSpecPreset **presets = oc_spec_presets (NULL);

  for (guint k = 0; kinds[k] != NULL; k++)
    g_ptr_array_add (specs, oc_spec_new (kinds[k], NULL));
  for (guint i = 0; i < G_N_ELEMENTS (custom_specs); i++)
    g_ptr_array_add (specs, parse (custom_specs[i]));
  for (guint i = 0; presets[i] != NULL; i++)
    g_ptr_array_add (specs, oc_spec_new_from_preset (presets[i]->kind, presets[i]->name, NULL));

  for (guint s = 0; s < specs->len; s++)
    {
      const OcSpec *spec = specs->pdata[s];
      const char *kind = oc_spec_get_kind (spec);
      g_autoptr (GError) error = NULL;
      g_autoptr (OcSpec) rebuilt = oc_spec_new (kind, &error);
      guint n;
      const OcSpecField *fields = oc_spec_kind_fields (kind, &n);

      for (guint i = 0; i < n; i++)
        {
          g_autofree char *text = oc_spec_get_field_text (spec, fields[i].section, fields[i].name);
          g_autoptr (OcSpec) again = oc_spec_dup (spec);

          g_test_message ("%s: %s.%s = \"%s\"", kind, fields[i].section, fields[i].name, text);
          g_assert_true (oc_spec_set_field (again, fields[i].section, fields[i].name, text,
                                            &error));
          g_assert_true (oc_spec_finish (again, FALSE, &error));
          g_assert_no_error (error);
          assert_same_json (again, spec);
          g_assert_true (oc_spec_set_field (rebuilt, fields[i].section, fields[i].name, text,
                                            &error));
          g_assert_no_error (error);
        }
      g_assert_true (oc_spec_finish (rebuilt, FALSE, &error));
      g_assert_no_error (error);
      assert_same_json (rebuilt, spec);
    }
}

/* Kinds share fields through the same table rows; a base's value fits the other kind's field. */
static void
test_shared_fields_agree (void)
{
  const char *const *kinds = oc_spec_kinds ();
  guint n_shared = 0;

  for (guint a = 0; kinds[a] != NULL; a++)
    for (guint b = 0; kinds[b] != NULL; b++)
      {
        guint n;
        const OcSpecField *fields = oc_spec_kind_fields (kinds[a], &n);

        for (guint i = 0; i < n && a != b; i++)
          {
            const OcSpecField *f = &fields[i];
            const OcSpecField *g = oc_spec_find_field (kinds[b], f->section, f->name);

            if (g == NULL)
              continue;
            g_assert_cmpint (f->type, ==, g->type);
            g_assert_cmpint (f->flags, ==, g->flags);
            g_assert_cmpfloat (f->min, ==, g->min);
            g_assert_cmpfloat (f->max, ==, g->max);
            g_assert_true (f->choices == g->choices);
            n_shared++;
          }
      }
  g_assert_cmpuint (n_shared, >, 0);
}

static void
assert_shared_equal (const OcSpec *spec, const OcSpec *base)
{
  guint n, n_shared = 0;
  const OcSpecField *fields = oc_spec_kind_fields (oc_spec_get_kind (spec), &n);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *a = NULL;
      g_autofree char *b = NULL;

      if (oc_spec_find_field (oc_spec_get_kind (base), fields[i].section, fields[i].name) == NULL)
        continue;
      a = oc_spec_get_field_text (spec, fields[i].section, fields[i].name);
      b = oc_spec_get_field_text (base, fields[i].section, fields[i].name);
      g_assert_cmpstr (a, ==, b);
      n_shared++;
    }
  g_assert_cmpuint (n_shared, >, 0);
}

static void
assert_default (const OcSpec *spec, const char *section, const char *name)
{
  g_autoptr (OcSpec) defaults = oc_spec_new (oc_spec_get_kind (spec), NULL);
  g_autofree char *want = oc_spec_get_field_text (defaults, section, name);

  assert_text (spec, section, name, want);
}

static void
test_from_base_train (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (OcSpec) train = parse (custom_specs[0]);
  g_autoptr (OcSpec) sweep = oc_spec_new_from_base ("sweep", train, &error);
  g_autoptr (OcSpec) prune = NULL;
  g_autoptr (OcSpec) rff = NULL;
  g_autofree char *json = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (oc_spec_get_kind (sweep), ==, "sweep");
  assert_shared_equal (sweep, train);
  assert_default (sweep, "sweep", "widths");
  assert_default (sweep, "sweep", "record_every_epochs");
  assert_default (sweep, "run", "workers");

  prune = oc_spec_new_from_base ("prune", train, &error);
  g_assert_no_error (error);
  assert_shared_equal (prune, train);
  assert_default (prune, "prune", "levels");
  assert_default (prune, "prune", "controls");
  /* The prune kind's dependent default: one replicate with the training seed. */
  assert_text (prune, "prune", "seeds", "3");

  /* Only the data and the BLAS threads carry over to random features. */
  rff = oc_spec_new_from_base ("rff", train, &error);
  g_assert_no_error (error);
  assert_shared_equal (rff, train);
  json = oc_spec_to_json (rff, OC_SPEC_JSON_DEFAULT);
  g_assert_nonnull (strstr (json, "\"data\":{\"name\":\"csv\",\"data_dir\":null,"
                                  "\"data_file\":\"/data/train.csv\""));
  g_assert_nonnull (strstr (json, "\"run\":{\"threads\":3}"));
  g_assert_null (strstr (json, "\"model\""));
}

/* The base's given state carries over: what it left to dependent defaults stays dependent. */
static void
test_from_base_given (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (OcSpec) unset = parse ("{\"version\": 1, \"kind\": \"train\"}");
  g_autoptr (OcSpec) set = parse ("{\"version\": 1, \"kind\": \"train\","
                                  " \"optim\": {\"lr\": 0.001}}");
  g_autoptr (OcSpec) a = oc_spec_new_from_base ("sweep", unset, &error);
  g_autoptr (OcSpec) b = oc_spec_new_from_base ("sweep", set, &error);

  g_assert_no_error (error);
  set_fields (a, (const char *const[]) { "optim", "kind", "sgd", NULL });
  set_fields (b, (const char *const[]) { "optim", "kind", "sgd", NULL });
  assert_text (a, "optim", "lr", "0.01");
  assert_text (b, "optim", "lr", "0.001");
}

static void
test_from_base_presets (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (OcSpec) nakkiran = oc_spec_new_from_preset ("sweep", "nakkiran-mlp", &error);
  g_autoptr (OcSpec) frankle = oc_spec_new_from_preset ("prune", "frankle-carbin", &error);
  g_autoptr (OcSpec) belkin = oc_spec_new_from_preset ("rff", "belkin-rff", &error);
  g_autoptr (OcSpec) train = NULL;
  g_autoptr (OcSpec) sweep = NULL;
  g_autoptr (OcSpec) from_rff = NULL;
  g_autoptr (OcSpec) same = NULL;
  g_autofree char *json = NULL;

  g_assert_no_error (error);

  /* A sweep's network as one training run: the axes stay behind. */
  train = oc_spec_new_from_base ("train", nakkiran, &error);
  g_assert_no_error (error);
  assert_shared_equal (train, nakkiran);
  assert_text (train, "model", "hidden", "1");
  assert_text (train, "train", "epochs", "1000");
  assert_text (train, "data", "n_train", "4000");
  json = oc_spec_to_json (train, OC_SPEC_JSON_DEFAULT);
  g_assert_null (strstr (json, "\"sweep\""));

  /* A lottery-ticket protocol's network and optimiser, swept. */
  sweep = oc_spec_new_from_base ("sweep", frankle, &error);
  g_assert_no_error (error);
  assert_shared_equal (sweep, frankle);
  assert_text (sweep, "model", "hidden", "300,100");
  assert_text (sweep, "train", "iterations", "50000");
  assert_text (sweep, "optim", "lr", "0.0012");
  assert_default (sweep, "sweep", "widths");

  /* Random features share only the data with a network. */
  from_rff = oc_spec_new_from_base ("train", belkin, &error);
  g_assert_no_error (error);
  assert_shared_equal (from_rff, belkin);
  assert_text (from_rff, "data", "n_train", "4000");
  assert_default (from_rff, "model", "hidden");

  /* The same kind is a copy: same ID. */
  same = oc_spec_new_from_base ("prune", frankle, &error);
  g_assert_no_error (error);
  assert_same_json (same, frankle);
}

static void
test_from_base_errors (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (OcSpec) base = oc_spec_new ("train", NULL);
  g_autoptr (OcSpec) iterations = parse ("{\"version\": 1, \"kind\": \"prune\","
                                         " \"train\": {\"iterations\": 100},"
                                         " \"prune\": {\"rewind\": \"iter:50\"}}");
  g_autoptr (OcSpec) spec = oc_spec_new_from_base ("mlp", base, &error);

  g_assert_null (spec);
  g_assert_error (error, OC_ERROR, OC_ERROR_SPEC);
  g_assert_cmpstr (error->message, ==, "$.kind: unknown kind \"mlp\"; known kinds: train, sweep, "
                   "rff, prune, linear, landscape, instability");
  g_clear_error (&error);

  /* The base's values are checked against the new kind's rules: rewinding to iteration 50 of a
   * run cut to 50 iterations is no rewind. */
  g_assert_true (oc_spec_set_field (iterations, "train", "iterations", "50", &error));
  spec = oc_spec_new_from_base ("prune", iterations, &error);
  g_assert_null (spec);
  g_assert_error (error, OC_ERROR, OC_ERROR_SPEC);
  g_assert_cmpstr (error->message, ==, "$.prune.rewind: iter:50 must be before the last of the "
                   "50 training iterations");
}

static void
test_set_data_options (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (OcSpec) spec = oc_spec_new ("prune", &error);
  g_autoptr (OcSpec) want = NULL;
  g_autofree char *cwd = g_get_current_dir ();
  g_autofree char *abs = g_build_filename (cwd, "fashion", NULL);
  g_autofree char *json = NULL;
  OcDataOptions d;

  oc_data_options_init (&d);
  d.name = "idx";
  d.data_dir = "fashion";
  d.n_train = 1000;
  d.label_noise = 0.1;
  d.seed = 7;
  g_assert_true (oc_spec_set_data_options (spec, &d, &error));
  g_assert_true (oc_spec_finish (spec, FALSE, &error));
  g_assert_no_error (error);
  json = g_strdup_printf ("{\"version\": 1, \"kind\": \"prune\", \"data\": {\"name\": \"mnist\","
                          " \"data_dir\": \"%s\", \"n_train\": 1000, \"label_noise\": 0.1,"
                          " \"seed\": 7}}", abs);
  want = parse (json);
  assert_same_json (spec, want);

  /* Options a loader accepted may still be outside what a spec holds. */
  d.val_size = 3000000000u;
  g_assert_false (oc_spec_set_data_options (spec, &d, &error));
  g_assert_error (error, OC_ERROR, OC_ERROR_SPEC);
  g_assert_cmpstr (error->message, ==, "$.data.val_size: must be between 0 and 2147483647, got "
                   "3000000000");
  g_clear_error (&error);
  d.val_size = 0;
  d.name = "";
  g_assert_false (oc_spec_set_data_options (spec, &d, &error));
  g_assert_cmpstr (error->message, ==, "$.data.name: must not be empty");
}

static void
test_error_field (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (OcSpec) spec = oc_spec_new ("sweep", &error);
  g_autoptr (GError) other = g_error_new (OC_ERROR, OC_ERROR_IO, "$.optim.lr: not a spec error");
  const OcSpecField *f;
  const char *detail = NULL;

  /* From setting a field. */
  g_assert_false (oc_spec_set_field (spec, "optim", "lr", "-1", &error));
  f = oc_spec_error_field (spec, error, &detail);
  g_assert_true (f == oc_spec_find_field ("sweep", "optim", "lr"));
  g_assert_cmpstr (detail, ==, "must be > 0, got -1");
  g_clear_error (&error);

  /* From the rules checked when the spec is finished: an axis, then two fields at once. */
  g_assert_true (oc_spec_set_field (spec, "sweep", "widths", "1,x", &error));
  g_assert_false (oc_spec_finish (spec, FALSE, &error));
  f = oc_spec_error_field (spec, error, &detail);
  g_assert_true (f == oc_spec_find_field ("sweep", "sweep", "widths"));
  g_assert_true (g_str_has_prefix (detail, "'x' is not a whole number"));
  g_clear_error (&error);
  oc_spec_reset_field (spec, "sweep", "widths");
  g_assert_true (oc_spec_set_field (spec, "train", "epochs", "5", &error));
  g_assert_true (oc_spec_set_field (spec, "train", "iterations", "10", &error));
  g_assert_false (oc_spec_finish (spec, FALSE, &error));
  f = oc_spec_error_field (spec, error, NULL);
  g_assert_cmpstr (f->name, ==, "epochs");
  g_clear_error (&error);

  /* Messages that name no field of the kind, and errors that are not about a spec. */
  g_assert_null (oc_spec_new_from_json ("{\"version\": 1, \"kind\": \"sweep\", \"model\":"
                                        " {\"hidden\": [0]}}", -1, NULL, &error));
  g_assert_null (oc_spec_error_field (spec, error, &detail));
  g_assert_true (detail == error->message);
  g_clear_error (&error);
  g_assert_false (oc_spec_set_from_string (spec, oc_spec_find_field ("sweep", "optim", "lr"),
                                           "0", &error));
  g_assert_cmpstr (error->message, ==, "--lr: must be > 0, got 0");
  g_assert_null (oc_spec_error_field (spec, error, NULL));
  g_assert_null (oc_spec_error_field (spec, other, &detail));
  g_assert_true (detail == other->message);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/spec-fields/find-field", test_find_field);
  g_test_add_func ("/spec-fields/set-field", test_set_field);
  g_test_add_func ("/spec-fields/set-field-errors", test_set_field_errors);
  g_test_add_func ("/spec-fields/set-field-unknown", test_set_field_unknown);
  g_test_add_func ("/spec-fields/reset-field", test_reset_field);
  g_test_add_func ("/spec-fields/get-field-text", test_get_field_text);
  g_test_add_func ("/spec-fields/round-trip", test_round_trip);
  g_test_add_func ("/spec-fields/shared-fields-agree", test_shared_fields_agree);
  g_test_add_func ("/spec-fields/from-base-train", test_from_base_train);
  g_test_add_func ("/spec-fields/from-base-given", test_from_base_given);
  g_test_add_func ("/spec-fields/from-base-presets", test_from_base_presets);
  g_test_add_func ("/spec-fields/from-base-errors", test_from_base_errors);
  g_test_add_func ("/spec-fields/set-data-options", test_set_data_options);
  g_test_add_func ("/spec-fields/error-field", test_error_field);
  return g_test_run ();
}
