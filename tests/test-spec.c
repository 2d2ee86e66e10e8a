/* test-spec.c — experiment specs: defaults, canonical form, hash stability, validation errors.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <locale.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "occam/oc-error.h"
#include "occam/oc-json.h"
#include "occam/oc-spec.h"

/* The canonical form of the all-defaults train spec. Changing it changes every experiment ID:
 * that needs a new spec version, not an edit here. */
static const char default_canonical[] =
  "{\"version\":1,\"kind\":\"train\","
  "\"data\":{\"name\":\"fashion-mnist\",\"data_dir\":null,\"data_file\":null,"
  "\"test_file\":null,\"n_train\":null,\"subset\":\"first\",\"label_noise\":0,\"val_size\":0,"
  "\"seed\":0,\"digits\":2,\"modulus\":97,\"train_fraction\":0.5,\"noise\":0.1,"
  "\"n_points\":1000,\"test_fraction\":0.2},"
  "\"model\":{\"hidden\":[256],\"activation\":\"relu\",\"init\":\"torch-default\"},"
  "\"optim\":{\"kind\":\"adam\",\"lr\":0.001,\"momentum\":0.9,\"nesterov\":false,\"beta1\":0.9,"
  "\"beta2\":0.999,\"eps\":1e-08,\"weight_decay\":0,\"schedule\":\"constant\","
  "\"schedule_period\":512,\"schedule_gamma\":0.1},"
  "\"train\":{\"loss\":\"ce\",\"batch\":128,\"epochs\":10,\"iterations\":0,\"eval_every\":0,"
  "\"train_eval_examples\":null,\"seed\":0}}";

/* A spec with non-default values everywhere it matters, and its fixed ID. */
static const char fixed_spec[] =
  "{\"version\": 1, \"kind\": \"train\","
  " \"data\": {\"name\": \"blobs\", \"n_points\": 400, \"noise\": 0.25, \"val_size\": 40,"
  "            \"label_noise\": 0.1, \"seed\": 3},"
  " \"model\": {\"hidden\": [64, 32], \"activation\": \"tanh\"},"
  " \"optim\": {\"kind\": \"sgd\", \"weight_decay\": 5e-4},"
  " \"train\": {\"batch\": 32, \"iterations\": 1000, \"seed\": 7},"
  " \"run\": {\"threads\": 2}}";
static const char fixed_hash[] =
  "358a5ce427a1a4f16e092a73ccfc3fc45156206968c123813329bf9f9ec7919a";

static OcSpec *
parse (const char *json, GError **error)
{
  return oc_spec_new_from_json (json, -1, "/base", error);
}

static void
test_defaults (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (OcSpec) spec = oc_spec_new ("train", &error);
  g_autofree char *json = NULL;
  const OcDataOptions *d;
  const OcTrainConfig *t;
  OcDataOptions d0;
  OcTrainConfig t0;

  g_assert_no_error (error);
  oc_data_options_init (&d0);
  oc_train_config_init (&t0);
  d = oc_spec_get_data_options (spec);
  t = oc_spec_get_train_config (spec);
  g_assert_cmpstr (d->name, ==, d0.name);
  g_assert_cmpint (d->n_train, ==, d0.n_train);
  g_assert_cmpfloat (d->train_fraction, ==, d0.train_fraction);
  g_assert_cmpuint (t->n_hidden, ==, t0.n_hidden);
  g_assert_cmpuint (t->hidden[0], ==, t0.hidden[0]);
  g_assert_true (t->hidden != t0.hidden);
  g_assert_cmpfloat (t->optim.lr, ==, t0.optim.lr);
  g_assert_cmpint (t->optim.kind, ==, t0.optim.kind);
  g_assert_cmpuint (t->epochs, ==, t0.epochs);
  g_assert_cmpuint (t->batch, ==, t0.batch);

  json = oc_spec_to_json (spec, OC_SPEC_JSON_HASHED_ONLY);
  g_assert_cmpstr (json, ==, default_canonical);
}

static void
test_minimal_equals_default (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (OcSpec) a = oc_spec_new ("train", &error);
  g_autoptr (OcSpec) b = parse ("{\"version\": 1, \"kind\": \"train\"}", &error);
  g_autofree char *ha = NULL, *hb = NULL, *id = NULL, *direct = NULL;

  g_assert_no_error (error);
  ha = oc_spec_hash (a);
  hb = oc_spec_hash (b);
  id = oc_spec_id (b);
  g_assert_cmpstr (ha, ==, hb);
  g_assert_cmpuint (strlen (ha), ==, 64);
  g_assert_cmpuint (strlen (id), ==, OC_SPEC_ID_LEN);
  g_assert_true (g_str_has_prefix (ha, id));
  direct = g_compute_checksum_for_string (G_CHECKSUM_SHA256, default_canonical, -1);
  g_assert_cmpstr (ha, ==, direct);
}

static void
test_round_trip (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (OcSpec) spec = parse (fixed_spec, &error);
  g_autoptr (OcSpec) again = NULL, pretty_again = NULL, copy = NULL;
  g_autofree char *full = NULL, *full2 = NULL, *pretty = NULL, *pretty2 = NULL;
  g_autofree char *h1 = NULL, *h2 = NULL, *h3 = NULL, *h4 = NULL;

  g_assert_no_error (error);
  full = oc_spec_to_json (spec, OC_SPEC_JSON_DEFAULT);
  pretty = oc_spec_to_json (spec, OC_SPEC_JSON_PRETTY);
  again = parse (full, &error);
  g_assert_no_error (error);
  pretty_again = parse (pretty, &error);
  g_assert_no_error (error);
  copy = oc_spec_dup (spec);

  full2 = oc_spec_to_json (again, OC_SPEC_JSON_DEFAULT);
  pretty2 = oc_spec_to_json (pretty_again, OC_SPEC_JSON_PRETTY);
  g_assert_cmpstr (full, ==, full2);
  g_assert_cmpstr (pretty, ==, pretty2);
  g_assert_true (g_str_has_suffix (pretty, "\n}\n"));
  g_assert_nonnull (strstr (pretty, "\n  \"model\": {\n    \"hidden\": [64, 32],\n"));

  h1 = oc_spec_hash (spec);
  h2 = oc_spec_hash (again);
  h3 = oc_spec_hash (pretty_again);
  h4 = oc_spec_hash (copy);
  g_assert_cmpstr (h1, ==, h2);
  g_assert_cmpstr (h1, ==, h3);
  g_assert_cmpstr (h1, ==, h4);

  /* The canonical form holds what was asked and the dependent defaults. */
  g_assert_nonnull (strstr (full, "\"lr\":0.01,"));          /* SGD's default */
  g_assert_nonnull (strstr (full, "\"weight_decay\":0.0005,"));
  g_assert_nonnull (strstr (full, "\"epochs\":0,\"iterations\":1000,"));
  g_assert_nonnull (strstr (full, "\"run\":{\"threads\":2}"));
  g_assert_cmpuint (oc_spec_get_train_config (again)->threads, ==, 2);
  g_assert_cmpuint (oc_spec_get_train_config (again)->n_hidden, ==, 2);
  g_assert_cmpuint (oc_spec_get_train_config (again)->hidden[1], ==, 32);
}

static void
test_hash_is_stable (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (OcSpec) spec = parse (fixed_spec, &error);
  g_autofree char *hash = NULL, *id = NULL, *canonical = NULL;

  g_assert_no_error (error);
  canonical = oc_spec_to_json (spec, OC_SPEC_JSON_HASHED_ONLY);
  g_test_message ("%s", canonical);
  hash = oc_spec_hash (spec);
  id = oc_spec_id (spec);
  g_assert_cmpstr (hash, ==, fixed_hash);
  g_assert_cmpstr (id, ==, "358a5ce427a1a4f1");
}

static void
test_hash_ignores_spelling (void)
{
  /* Key order, whitespace, number spelling, defaults written out or not, aliases, threads. */
  const char *const same[] = {
    "{\"kind\": \"train\", \"version\": 1, \"optim\": {\"lr\": 1e-3, \"kind\": \"adam\"}}",
    "{\"version\":1,\"kind\":\"train\",\"optim\":{\"lr\":0.0010}}",
    "{\"version\":1,\"kind\":\"train\",\"train\":{\"epochs\":10,\"batch\":128},"
    "\"model\":{\"hidden\":[256]}}",
    "{\"version\":1,\"kind\":\"train\",\"run\":{\"threads\":7}}",
    "{\"version\":1,\"kind\":\"train\",\"data\":{\"name\":\"fashion-mnist\",\"n_train\":null}}",
  };
  g_autofree char *reference = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (same); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (OcSpec) spec = parse (same[i], &error);
      g_autofree char *hash = NULL;

      g_assert_no_error (error);
      hash = oc_spec_hash (spec);
      if (reference == NULL)
        reference = g_strdup (hash);
      g_assert_cmpstr (hash, ==, reference);
    }

  {
    g_autoptr (GError) error = NULL;
    g_autoptr (OcSpec) a = parse ("{\"version\":1,\"kind\":\"train\",\"model\":{\"init\":"
                                  "\"xavier-normal\"}}", &error);
    g_autoptr (OcSpec) b = parse ("{\"version\":1,\"kind\":\"train\",\"model\":{\"init\":"
                                  "\"glorot-normal\"}}", &error);
    g_autoptr (OcSpec) c = parse ("{\"version\":1,\"kind\":\"train\",\"train\":{\"seed\":1}}",
                                  &error);
    g_autofree char *ha = oc_spec_hash (a), *hb = oc_spec_hash (b), *hc = oc_spec_hash (c);

    g_assert_no_error (error);
    g_assert_cmpstr (ha, ==, hb);
    g_assert_cmpstr (hc, !=, reference);
  }
}

static void
test_double_format (void)
{
  const struct { double v; const char *text; } cases[] = {
    { 0.001, "0.001" }, { 1e-8, "1e-08" }, { 0.1, "0.1" }, { 1.0 / 3, "0.3333333333333333" },
    { 3e-4, "0.0003" }, { 12.5, "12.5" }, { -0.0, "0" }, { 1e21, "1e+21" }, { 0.999, "0.999" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GString) s = g_string_new (NULL);

      oc_spec_append_double (s, cases[i].v);
      g_assert_cmpstr (s->str, ==, cases[i].text);
      g_assert_cmpfloat (g_ascii_strtod (s->str, NULL), ==, cases[i].v);
    }
}

/* The description stored with an experiment writes its numbers with a decimal point whatever
 * LC_NUMERIC says (a window on a French desktop has a decimal comma), and leaves the thread's
 * locale as it found it. Skipped where no locale with a decimal comma can be set; the i18n suite
 * runs it in fr_FR.UTF-8 (tests/i18n/in-french.sh). */
static void
test_describe_c_numeric (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (OcSpec) spec = parse (fixed_spec, &error);
  g_autofree char *saved = g_strdup (setlocale (LC_NUMERIC, NULL));
  g_autofree char *text = NULL;
  g_autofree char *after = NULL;

  g_assert_no_error (error);
  if (setlocale (LC_NUMERIC, "") == NULL || strcmp (localeconv ()->decimal_point, ",") != 0)
    {
      setlocale (LC_NUMERIC, saved);
      g_test_skip ("no locale with a decimal comma here");
      return;
    }
  text = oc_spec_describe (spec);
  after = g_strdup_printf ("%g", 0.5);
  setlocale (LC_NUMERIC, saved);
  /* fixed_spec: label noise 0.1, learning rate 0.01 (SGD's default). */
  g_assert_nonnull (strstr (text, "noise 0.1 "));
  g_assert_null (strstr (text, "0,1"));
  g_assert_cmpstr (after, ==, "0,5");
}

typedef struct
{
  const char *json;
  const char *message; /* the start of the error message */
} BadSpec;

static void
test_bad_specs (void)
{
#define SPEC(body) "{\"version\": 1, \"kind\": \"train\", " body "}"
  const BadSpec bad[] = {
    { "{\"version\": 1, \"kind\": \"train\",", "$: not valid JSON: " },
    { "[1, 2]", "$: expected a JSON object" },
    { "{\"kind\": \"train\"}", "$.version: missing; add \"version\": 1" },
    { "{\"version\": 2, \"kind\": \"train\"}", "$.version: version 2 is not supported" },
    { "{\"version\": \"1\", \"kind\": \"train\"}",
      "$.version: expected an integer, got the string" },
    { "{\"version\": 1}", "$.kind: missing" },
    { "{\"version\": 1, \"kind\": \"sweeps\"}",
      "$.kind: unknown kind \"sweeps\"; known kinds: train" },
    { "{\"version\": 1, \"kind\": 3}",
      "$.kind: expected one of the strings train, sweep, rff, prune, linear, landscape, "
      "instability, grok, got 3" },
    { SPEC ("\"optimizer\": {}"),
      "$.optimizer: unknown key; a train spec has the keys version, kind, data, model, optim, "
      "train, run" },
    { SPEC ("\"optim\": {\"learning_rate\": 0.1}"),
      "$.optim.learning_rate: unknown key; the keys of $.optim are kind, lr," },
    { SPEC ("\"optim\": {\"lr\": \"fast\"}"),
      "$.optim.lr: expected a number, got the string \"fast\"" },
    { SPEC ("\"optim\": {\"lr\": -1}"), "$.optim.lr: must be > 0, got -1" },
    { SPEC ("\"optim\": {\"lr\": 0}"), "$.optim.lr: must be > 0, got 0" },
    { SPEC ("\"optim\": {\"beta2\": 1.0}"), "$.optim.beta2: must be in [0, 1), got 1" },
    { SPEC ("\"data\": {\"label_noise\": 1.5}"), "$.data.label_noise: must be in [0, 1], got 1.5" },
    { SPEC ("\"data\": {\"train_fraction\": 1}"),
      "$.data.train_fraction: must be in (0, 1), got 1" },
    { SPEC ("\"data\": {\"n_train\": 0}"),
      "$.data.n_train: must be between 1 and 1000000000000, got 0" },
    { SPEC ("\"data\": {\"digits\": 9}"), "$.data.digits: must be between 1 and 4, got 9" },
    { SPEC ("\"data\": {\"seed\": -3}"), "$.data.seed: must be ≥ 0, got -3" },
    { SPEC ("\"data\": {\"name\": \"nosuch\"}"),
      "$.data.name: unknown dataset \"nosuch\"; valid names are " },
    { SPEC ("\"data\": {\"name\": null}"), "$.data.name: expected a string, got null" },
    { SPEC ("\"data\": {\"data_dir\": 5}"), "$.data.data_dir: expected a string or null, got 5" },
    { SPEC ("\"data\": 5"), "$.data: expected an object, got 5" },
    { SPEC ("\"train\": {\"batch\": 12.5}"),
      "$.train.batch: expected an integer or \"full\", got 12.5" },
    { SPEC ("\"train\": {\"batch\": 0}"),
      "$.train.batch: must be between 1 and 65536, or \"full\", got 0" },
    /* Out-of-range integers are said back as given, not wrapped around (1e22 used to read as
     * −1, 2^63 as −2^63). */
    { SPEC ("\"train\": {\"epochs\": 1e30}"),
      "$.train.epochs: must be between 0 and 10000000, got 1e+30" },
    { SPEC ("\"train\": {\"epochs\": 10000000000000000000000}"),
      "$.train.epochs: must be between 0 and 10000000, got 1e+22" },
    { SPEC ("\"train\": {\"epochs\": 9223372036854775808}"),
      "$.train.epochs: must be between 0 and 10000000, got 9.223372036854776e+18" },
    { SPEC ("\"data\": {\"n_train\": -99999999999999999999}"),
      "$.data.n_train: must be between 1 and 1000000000000, got -1e+20" },
    { SPEC ("\"data\": {\"seed\": 18446744073709551616}"),
      "$.data.seed: must be at most 9223372036854775807, got 1.8446744073709552e+19" },
    { SPEC ("\"data\": {\"seed\": 1e17}"),
      "$.data.seed: write integers above 2^53 in digits, got 1e+17" },
    { SPEC ("\"model\": {\"hidden\": [64, 1e30]}"),
      "$.model.hidden[1]: must be between 1 and 1048576, got 1e+30" },
    { SPEC ("\"optim\": {\"lr\": \"x\"}, \"train\": {\"epochs\": 99999999999999999999}"),
      "$.optim.lr: expected a number, got the string \"x\"" },
    { SPEC ("\"train\": {\"seed\": null}"), "$.train.seed: expected an integer, got null" },
    { SPEC ("\"train\": {\"epochs\": 5, \"iterations\": 100}"),
      "$.train.epochs: give epochs or iterations, not both" },
    { SPEC ("\"train\": {\"epochs\": 0}"),
      "$.train.epochs: the run needs at least one epoch or iteration" },
    { SPEC ("\"model\": {\"hidden\": [64, 0]}"),
      "$.model.hidden[1]: must be between 1 and 1048576, got 0" },
    { SPEC ("\"model\": {\"hidden\": [64, \"x\"]}"),
      "$.model.hidden[1]: expected an integer, got the string \"x\"" },
    { SPEC ("\"model\": {\"hidden\": 64}"), "$.model.hidden: expected an array of integers" },
    { SPEC ("\"model\": {\"activation\": \"gelu\"}"),
      "$.model.activation: \"gelu\" is not one of relu, tanh" },
    { SPEC ("\"model\": {\"activation\": true}"),
      "$.model.activation: expected one of the strings relu, tanh, got true" },
    { SPEC ("\"optim\": {\"nesterov\": 1}"), "$.optim.nesterov: expected true or false, got 1" },
    { SPEC ("\"optim\": {\"nesterov\": true}"),
      "$.optim.nesterov: Nesterov momentum needs \"kind\": \"momentum\"" },
    { SPEC ("\"run\": {\"threads\": 5000}"),
      "$.run.threads: must be between 0 and 1024, got 5000" },
  };
#undef SPEC

  g_assert_cmpuint (G_N_ELEMENTS (bad), >=, 8);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (OcSpec) spec = parse (bad[i].json, &error);

      g_test_message ("%s → %s", bad[i].json, error != NULL ? error->message : "(accepted)");
      g_assert_null (spec);
      g_assert_error (error, OC_ERROR, OC_ERROR_SPEC);
      if (!g_str_has_prefix (error->message, bad[i].message))
        g_error ("spec %s\n  gave:     %s\n  expected: %s…", bad[i].json, error->message,
                 bad[i].message);
      g_assert_null (strchr (error->message, '\n'));
    }
}

static const OcSpecField *
find_flag (const char *flag)
{
  guint n;
  const OcSpecField *fields = oc_spec_kind_fields ("train", &n);

  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (fields[i].flag, flag) == 0)
      return &fields[i];
  g_error ("no field for --%s", flag);
}

static void
test_set_from_string (void)
{
  const struct { const char *flag, *text, *message; } bad[] = {
    { "lr", "-1", "--lr: must be > 0, got -1" },
    { "lr", "fast", "--lr: \"fast\" is not a number" },
    { "lr", "nan", "--lr: must be a finite number" },
    { "hidden", "10,abc", "--hidden: \"abc\" is not a width between 1 and 1048576" },
    { "batch", "1.5", "--batch: \"1.5\" is not a whole number or \"full\"" },
    { "n-train", "0", "--n-train: must be between 1 and 1000000000000, got 0" },
    { "optimizer", "lion", "--optimizer: \"lion\" is not one of sgd, momentum, adam, adamw" },
    { "dataset", "", "--dataset: must not be empty" },
    { "epochs", "1e30", "--epochs: must be between 0 and 10000000, got 1e30" },
    { "epochs", "99999999999999999999", "--epochs: must be between 0 and 10000000, got "
      "99999999999999999999" },
    { "epochs", "-1e400", "--epochs: must be between 0 and 10000000, got -1e400" },
    { "epochs", "1e-400", "--epochs: \"1e-400\" is not a whole number" },
    { "epochs", "inf", "--epochs: \"inf\" is not a whole number" },
    { "epochs", "0x10", "--epochs: \"0x10\" is not a whole number" },
    { "seed", "1e30", "--seed: must be at most 9223372036854775807, got 1e30" },
    { "n-train", "-1e13", "--n-train: must be between 1 and 1000000000000, got -1e13" },
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (OcSpec) spec = oc_spec_new ("train", &error);
  const OcTrainConfig *t = oc_spec_get_train_config (spec);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) e = NULL;

      g_assert_false (oc_spec_set_from_string (spec, find_flag (bad[i].flag), bad[i].text, &e));
      g_assert_error (e, OC_ERROR, OC_ERROR_SPEC);
      g_assert_true (g_str_has_prefix (e->message, bad[i].message));
    }

  /* Dependent defaults follow the flags given. */
  g_assert_true (oc_spec_set_from_string (spec, find_flag ("optimizer"), "momentum", &error));
  g_assert_true (oc_spec_set_from_string (spec, find_flag ("hidden"), "none", &error));
  g_assert_true (oc_spec_set_from_string (spec, find_flag ("iterations"), "300", &error));
  g_assert_true (oc_spec_set_from_string (spec, find_flag ("nesterov"), "true", &error));
  g_assert_true (oc_spec_finish (spec, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (t->optim.lr, ==, 0.01);
  g_assert_cmpuint (t->n_hidden, ==, 0);
  g_assert_cmpuint (t->epochs, ==, 0);
  g_assert_cmpuint (t->iterations, ==, 300);

  g_assert_true (oc_spec_set_from_string (spec, find_flag ("epochs"), "3", &error));
  g_assert_false (oc_spec_finish (spec, TRUE, &error));
  g_assert_error (error, OC_ERROR, OC_ERROR_SPEC);
  g_assert_cmpstr (error->message, ==, "--epochs: give --epochs or --iterations, not both");
  g_clear_error (&error);

  g_assert_true (oc_spec_set_from_string (spec, find_flag ("optimizer"), "adam", &error));
  g_assert_true (oc_spec_set_from_string (spec, find_flag ("iterations"), "0", &error));
  g_assert_false (oc_spec_finish (spec, TRUE, &error));
  g_assert_cmpstr (error->message, ==, "--nesterov: Nesterov momentum needs --optimizer momentum");
}

/* A whole number written as a double is that integer, from JSON and from a flag. */
static void
test_integers_written_as_doubles (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (OcSpec) a = parse ("{\"version\": 1, \"kind\": \"train\", "
                                "\"train\": {\"epochs\": 1e3}, \"model\": {\"hidden\": [2.0e2]}}",
                                &error);
  g_autoptr (OcSpec) b = parse ("{\"version\": 1, \"kind\": \"train\", "
                                "\"train\": {\"epochs\": 1000}, \"model\": {\"hidden\": [200]}}",
                                &error);
  g_autoptr (OcSpec) c = oc_spec_new ("train", &error);
  g_autofree char *ha = NULL, *hb = NULL, *hc = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (oc_spec_get_train_config (a)->epochs, ==, 1000);
  g_assert_cmpuint (oc_spec_get_train_config (a)->hidden[0], ==, 200);
  g_assert_true (oc_spec_set_from_string (c, find_flag ("epochs"), "1e3", &error));
  g_assert_true (oc_spec_set_from_string (c, find_flag ("hidden"), "200", &error));
  g_assert_true (oc_spec_finish (c, TRUE, &error));
  g_assert_no_error (error);
  ha = oc_spec_hash (a);
  hb = oc_spec_hash (b);
  hc = oc_spec_hash (c);
  g_assert_cmpstr (ha, ==, hb);
  g_assert_cmpstr (ha, ==, hc);
}

/* data.label_column and data.classes came after experiments were stored: at their defaults they
 * stay out of the hashed form, so every older ID holds; set, they count like any field, and each
 * column has one spelling. */
static void
test_label_column_and_classes (void)
{
  const char *const same_as_default[] = {
    "{\"version\":1,\"kind\":\"train\",\"data\":{\"label_column\":\"first\"}}",
    "{\"version\":1,\"kind\":\"train\",\"data\":{\"label_column\":\" First \"}}",
    "{\"version\":1,\"kind\":\"train\",\"data\":{\"label_column\":\"00\",\"classes\":null}}",
    "{\"version\":1,\"kind\":\"train\",\"data\":{\"label_column\":null}}",
  };
  const struct { const char *kind, *given, *canonical; } spellings[] = {
    { "train", "LAST", "last" }, { "train", "007", "7" }, { "rff", "0", "first" },
    { "prune", " species ", "species" },
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (OcSpec) base = oc_spec_new ("train", &error);
  g_autoptr (OcSpec) last = NULL, classes = NULL;
  g_autofree char *h_base = oc_spec_hash (base), *h_last = NULL, *h_classes = NULL;
  g_autofree char *hashed = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (same_as_default); i++)
    {
      g_autoptr (OcSpec) spec = parse (same_as_default[i], &error);
      g_autofree char *h = NULL;

      g_assert_no_error (error);
      h = oc_spec_hash (spec);
      g_assert_cmpstr (h, ==, h_base);
      g_assert_cmpstr (oc_spec_get_data_options (spec)->label_column, ==, "first");
    }

  last = parse ("{\"version\":1,\"kind\":\"train\",\"data\":{\"label_column\":\"last\"}}", &error);
  classes = parse ("{\"version\":1,\"kind\":\"train\",\"data\":{\"classes\":10}}", &error);
  g_assert_no_error (error);
  h_last = oc_spec_hash (last);
  h_classes = oc_spec_hash (classes);
  g_assert_cmpstr (h_last, !=, h_base);
  g_assert_cmpstr (h_classes, !=, h_base);
  g_assert_cmpstr (h_classes, !=, h_last);
  hashed = oc_spec_to_json (last, OC_SPEC_JSON_HASHED_ONLY);
  g_assert_nonnull (strstr (hashed, "\"test_file\":null,\"label_column\":\"last\",\"n_train\""));
  g_assert_cmpint (oc_spec_get_data_options (classes)->classes, ==, 10);

  for (guint i = 0; i < G_N_ELEMENTS (spellings); i++)
    {
      g_autoptr (OcSpec) spec = oc_spec_new (spellings[i].kind, &error);

      g_assert_no_error (error);
      g_assert_true (oc_spec_set_field (spec, "data", "label_column", spellings[i].given, &error));
      g_assert_true (oc_spec_finish (spec, FALSE, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (oc_spec_get_data_options (spec)->label_column, ==, spellings[i].canonical);
    }

  {
    g_autoptr (OcSpec) blank = parse ("{\"version\":1,\"kind\":\"train\",\"data\":"
                                      "{\"label_column\":\"  \"}}", &error);

    g_assert_null (blank);
    g_assert_error (error, OC_ERROR, OC_ERROR_SPEC);
    g_assert_cmpstr (error->message, ==, "$.data.label_column: must not be empty; give first, "
                     "last, a column index from 0 or a header name");
    g_clear_error (&error);
    g_assert_null (parse ("{\"version\":1,\"kind\":\"train\",\"data\":{\"classes\":1}}",
                          &error));
    g_assert_cmpstr (error->message, ==, "$.data.classes: must be between 2 and 1000, got 1");
  }
}

static void
test_flags_are_unique (void)
{
  g_autoptr (GHashTable) flags = g_hash_table_new (g_str_hash, g_str_equal);
  guint n;
  const OcSpecField *fields = oc_spec_kind_fields ("train", &n);

  g_assert_nonnull (fields);
  g_assert_null (oc_spec_kind_fields ("nosuch", NULL));
  for (guint i = 0; i < n; i++)
    {
      g_assert_nonnull (fields[i].flag);
      g_assert_nonnull (fields[i].help);
      g_assert_true (g_strcmp0 (fields[i].group, "data") == 0
                     || g_strcmp0 (fields[i].group, "training") == 0);
      g_assert_false (g_hash_table_contains (flags, fields[i].flag));
      g_hash_table_add (flags, (gpointer) fields[i].flag);
      /* Only how-settings may stay out of the hash. */
      g_assert_cmpint ((fields[i].flags & OC_SPEC_FIELD_NOT_HASHED) != 0, ==,
                       g_strcmp0 (fields[i].section, "run") == 0);
    }
}

/* The spec's choice names are the engine's names, in enum order. */
static void
test_choices_match_engine (void)
{
  guint n;
  const OcSpecField *fields = oc_spec_kind_fields ("train", &n);

  for (guint i = 0; i < n; i++)
    {
      const OcSpecField *f = &fields[i];

      if (f->type != OC_SPEC_CHOICE)
        continue;
      for (guint c = 0; f->choices[c] != NULL; c++)
        {
          const char *engine = NULL;

          if (strcmp (f->name, "activation") == 0)
            engine = oc_activation_to_string ((OcActivation) c);
          else if (strcmp (f->name, "init") == 0)
            engine = oc_init_to_string ((OcInit) c);
          else if (strcmp (f->name, "loss") == 0)
            engine = oc_loss_to_string ((OcLoss) c);
          else if (strcmp (f->section, "optim") == 0 && strcmp (f->name, "kind") == 0)
            engine = oc_optim_kind_to_string ((OcOptimKind) c);
          else if (strcmp (f->name, "schedule") == 0)
            engine = oc_schedule_to_string ((OcScheduleKind) c);
          else if (strcmp (f->name, "subset") == 0)
            engine = c == OC_SUBSET_FIRST ? "first" : c == OC_SUBSET_RANDOM ? "random" : NULL;
          else
            g_error ("choice field %s.%s is not checked here", f->section, f->name);
          g_assert_cmpstr (f->choices[c], ==, engine);
        }
    }
}

static void
test_paths (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (OcSpec) spec = NULL;
  g_autofree char *dir = g_dir_make_tmp ("occam-spec-XXXXXX", &error);
  g_autofree char *file = g_build_filename (dir, "spec.json", NULL);
  g_autofree char *bad = g_build_filename (dir, "bad.json", NULL);
  g_autofree char *expected = g_build_filename (dir, "data", "train.csv", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.json", NULL);

  g_assert_no_error (error);
  g_file_set_contents (file, "{\"version\": 1, \"kind\": \"train\", \"data\": {\"name\": \"csv\", "
                       "\"data_file\": \"data/./train.csv\"}}", -1, &error);
  g_assert_no_error (error);
  spec = oc_spec_new_from_file (file, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (oc_spec_get_data_options (spec)->data_file, ==, expected);
  g_clear_pointer (&spec, oc_spec_free);

  /* Errors in a file name the file first, then the JSON path. */
  g_file_set_contents (bad, "{\"version\": 1, \"kind\": \"train\", \"optim\": {\"lr\": -2}}", -1,
                       &error);
  g_assert_no_error (error);
  spec = oc_spec_new_from_file (bad, &error);
  g_assert_null (spec);
  g_assert_error (error, OC_ERROR, OC_ERROR_SPEC);
  g_assert_true (g_str_has_prefix (error->message, bad));
  g_assert_nonnull (strstr (error->message, ": $.optim.lr: must be > 0, got -2"));
  g_clear_error (&error);

  spec = oc_spec_new_from_file (missing, &error);
  g_assert_error (error, OC_ERROR, OC_ERROR_NOT_FOUND);
  g_clear_error (&error);

  spec = parse ("{\"version\":1,\"kind\":\"train\",\"data\":{\"data_dir\":\"idx\"}}", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (oc_spec_get_data_options (spec)->data_dir, ==, "/base/idx");

  g_assert_cmpint (g_remove (file), ==, 0);
  g_assert_cmpint (g_remove (bad), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_describe (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (OcSpec) spec = parse (fixed_spec, &error);
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  text = oc_spec_describe (spec);
  g_assert_cmpstr (text, ==, "hidden 64,32 · noise 0.1 · sgd lr 0.01 · batch 32 · "
                   "1000 iterations · seed 7");
}

/* A sweep is described by what it varies, not by the base values its axes replace. */
static void
test_describe_sweep (void)
{
  static const struct
  {
    const char *axes, *expected;
  } cases[] = {
    { "\"widths\":\"64,2,8,4,16,32\",\"seeds\":\"0,1,2\"",
      "widths 2–64 · 3 seeds · n 4000 · sgd lr 0.1 · batch 128 · 40 epochs" },
    { "\"n_trains\":\"100,4000\",\"label_noises\":\"0.2,0\"",
      "n 100–4000 · noise 0–0.2 · hidden 5 · sgd lr 0.1 · batch 128 · 40 epochs · seed 3" },
    { "\"widths\":\"8\",\"seeds\":\"4\"",
      "width 8 · seed 4 · n 4000 · sgd lr 0.1 · batch 128 · 40 epochs" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *json = g_strdup_printf (
        "{\"version\":1,\"kind\":\"sweep\",\"data\":{\"name\":\"blobs\",\"n_train\":4000},"
        "\"model\":{\"hidden\":[5]},\"optim\":{\"kind\":\"sgd\",\"lr\":0.1},"
        "\"train\":{\"batch\":128,\"epochs\":40,\"seed\":3},\"sweep\":{%s}}", cases[i].axes);
      g_autoptr (OcSpec) spec = parse (json, &error);
      g_autofree char *text = NULL;

      g_assert_no_error (error);
      text = oc_spec_describe (spec);
      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

/* JSON that parsers accept: json-glib 1.6 would write 1e-08.0 here. */
static void
test_json_writer (void)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *compact = NULL, *pretty = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "eps");
  json_builder_add_double_value (b, 1e-8);
  json_builder_set_member_name (b, "mu");
  json_builder_add_double_value (b, 0.9);
  json_builder_set_member_name (b, "nan");
  json_builder_add_double_value (b, NAN);
  json_builder_set_member_name (b, "list");
  json_builder_begin_array (b);
  json_builder_add_int_value (b, -3);
  json_builder_add_string_value (b, "a\"b\n");
  json_builder_add_boolean_value (b, TRUE);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "empty");
  json_builder_begin_object (b);
  json_builder_end_object (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);

  compact = oc_json_to_string (root, FALSE);
  g_assert_cmpstr (compact, ==, "{\"eps\":1e-08,\"mu\":0.9,\"nan\":null,"
                   "\"list\":[-3,\"a\\\"b\\n\",true],\"empty\":{}}");
  pretty = oc_json_to_string (root, TRUE);
  g_assert_true (g_str_has_prefix (pretty, "{\n  \"eps\": 1e-08,\n"));
  g_assert_true (json_parser_load_from_data (parser, pretty, -1, &error));
  g_assert_no_error (error);
}

static char *
repeat (const char *piece, guint n, const char *tail)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append (s, piece);
  g_string_append (s, tail);
  return g_string_free (s, FALSE);
}

static void
test_json_nesting (void)
{
  g_autofree char *deep = repeat ("[", 100000, "");

  g_assert_cmpuint (oc_json_nesting ("", -1, 64), ==, 0);
  g_assert_cmpuint (oc_json_nesting ("17", -1, 64), ==, 0);
  g_assert_cmpuint (oc_json_nesting ("[]", -1, 64), ==, 1);
  g_assert_cmpuint (oc_json_nesting ("{\"a\": [1, {\"b\": []}], \"c\": {}}", -1, 64), ==, 4);
  /* Brackets in strings, also after escaped quotes and backslashes, do not count. */
  g_assert_cmpuint (oc_json_nesting ("\"[[[{{{\"", -1, 64), ==, 0);
  g_assert_cmpuint (oc_json_nesting ("[\"\\\"[[\", \"\\\\\", [\"]\"]]", -1, 64), ==, 2);
  /* @length bounds the scan; text need not be NUL-terminated. */
  g_assert_cmpuint (oc_json_nesting ("[[[[", 2, 64), ==, 2);
  /* Malformed text is scanned all the same; stray closing brackets do not go below zero. */
  g_assert_cmpuint (oc_json_nesting ("]]]]][", -1, 64), ==, 1);
  g_assert_cmpuint (oc_json_nesting ("[\"unterminated [[[", -1, 64), ==, 1);
  /* The scan stops as soon as the limit is passed. */
  g_assert_cmpuint (oc_json_nesting (deep, -1, 64), ==, 65);
  g_assert_cmpuint (oc_json_nesting (deep, 64, 64), ==, 64);
}

/* Text that would crash or exhaust the parser is refused before it is parsed: json-glib recurses
 * once per level, so 100000 levels overflow the stack. */
static void
test_hostile_text (void)
{
  g_autofree char *arrays = repeat ("[", 100000, "");
  g_autofree char *objects = repeat ("{\"a\":", 100000, "");
  g_autofree char *unclosed = repeat ("[", 64, "");
  g_autofree char *deep_hidden = NULL, *in_string = NULL, *huge = NULL, *almost = NULL;
  g_autofree char *deep_array = repeat ("[", 61, "1");
  g_autofree char *closing = repeat ("]", 61, "");
  const char *const nested[] = { arrays, objects };

  for (guint i = 0; i < G_N_ELEMENTS (nested); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (OcSpec) spec = parse (nested[i], &error);

      g_assert_null (spec);
      g_assert_error (error, OC_ERROR, OC_ERROR_SPEC);
      g_assert_cmpstr (error->message, ==,
                       "$: nested more than 64 levels deep; a spec has at most 3");
    }

  /* 64 levels are parsed and refused for what they are: the JSON path of the problem. */
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (OcSpec) spec = NULL;

    /* The spec, model and hidden levels, and 61 more arrays around the first width. */
    deep_hidden = g_strdup_printf ("{\"version\": 1, \"kind\": \"train\", \"model\": "
                                   "{\"hidden\": [%s%s]}}", deep_array, closing);
    g_assert_cmpuint (oc_json_nesting (deep_hidden, -1, 64), ==, 64);
    spec = parse (deep_hidden, &error);
    g_assert_null (spec);
    g_assert_error (error, OC_ERROR, OC_ERROR_SPEC);
    g_assert_true (g_str_has_prefix (error->message, "$.model.hidden[0]: expected an integer"));
  }
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (OcSpec) spec = parse (unclosed, &error);

    g_assert_null (spec);
    g_assert_error (error, OC_ERROR, OC_ERROR_SPEC);
    g_assert_true (g_str_has_prefix (error->message, "$: not valid JSON: "));
  }

  /* Brackets inside strings are text, however many there are. */
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (OcSpec) spec = NULL;
    g_autofree char *brackets = repeat ("[{", 500, "");

    in_string = g_strdup_printf ("{\"version\": 1, \"kind\": \"train\", \"data\": {\"name\": "
                                 "\"csv\", \"data_file\": \"%s.csv\"}}", brackets);
    spec = parse (in_string, &error);
    g_assert_no_error (error);
    g_assert_nonnull (spec);
  }

  /* A spec is a few KiB: text past 1 MiB is refused however it is laid out, 1 MiB is read. */
  {
    const char *head = "{\"version\": 1, \"kind\": \"train\"";
    gsize pad = ((gsize) 1 << 20) - strlen (head) - 1;
    g_autoptr (GError) error = NULL;
    g_autoptr (OcSpec) spec = NULL;
    g_autofree char *spaces = repeat (" ", (guint) pad, "");
    g_autofree char *one_more = repeat (" ", (guint) pad + 1, "");

    almost = g_strconcat (head, spaces, "}", NULL);
    huge = g_strconcat (head, one_more, "}", NULL);
    g_assert_cmpuint (strlen (almost), ==, (gsize) 1 << 20);
    spec = parse (huge, &error);
    g_assert_null (spec);
    g_assert_error (error, OC_ERROR, OC_ERROR_SPEC);
    g_assert_cmpstr (error->message, ==, "$: more than 1.0\u00a0MiB of text; a spec is a few KiB — "
                     "is this the right file?");
    g_clear_error (&error);
    spec = parse (almost, &error);
    g_assert_no_error (error);
    g_assert_nonnull (spec);
  }
}

/* model.hidden has at most 64 layers, in a file as on the command line, and for every kind that
 * trains networks. */
static void
test_hidden_depth (void)
{
  const char *const kinds[] = { "train", "sweep", "prune" };
  g_autoptr (GString) widths = g_string_new ("1");

  for (guint i = 1; i < 64; i++)
    g_string_append (widths, ",1");
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *ok_json = g_strdup_printf ("{\"version\": 1, \"kind\": \"%s\", "
                                                  "\"model\": {\"hidden\": [%s]}}", kinds[k],
                                                  widths->str);
      g_autofree char *deep_json = g_strdup_printf ("{\"version\": 1, \"kind\": \"%s\", "
                                                    "\"model\": {\"hidden\": [%s,1]}}",
                                                    kinds[k], widths->str);
      g_autoptr (OcSpec) ok = parse (ok_json, &error);
      g_autoptr (OcSpec) deep = NULL;

      g_assert_no_error (error);
      g_assert_cmpuint (oc_spec_get_train_config (ok)->n_hidden, ==, 64);
      deep = parse (deep_json, &error);
      g_assert_null (deep);
      g_assert_error (error, OC_ERROR, OC_ERROR_SPEC);
      g_assert_cmpstr (error->message, ==, "$.model.hidden: at most 64 hidden layers, got 65");
    }

  {
    g_autoptr (GError) error = NULL;
    g_autoptr (OcSpec) spec = oc_spec_new ("train", &error);

    g_string_append (widths, ",1");
    g_assert_true (oc_spec_set_from_string (spec, find_flag ("hidden"), widths->str, &error));
    g_assert_false (oc_spec_finish (spec, TRUE, &error));
    g_assert_error (error, OC_ERROR, OC_ERROR_SPEC);
    g_assert_cmpstr (error->message, ==, "--hidden: at most 64 hidden layers, got 65");
  }
}

/* A spec file must be a regular file: nothing else is opened or read, and nothing blocks. */
static void
test_spec_not_a_file (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("occam-spec-XXXXXX", &error);
  g_autofree char *fifo = g_build_filename (dir, "spec.json", NULL);
  g_autofree char *big = g_build_filename (dir, "big.json", NULL);
  g_autofree char *spaces = repeat (" ", 3 << 20, "{}");
  g_autofree char *expected = NULL;
  OcSpec *spec;

  g_assert_no_error (error);
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  spec = oc_spec_new_from_file (fifo, &error);
  g_assert_null (spec);
  g_assert_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT);
  expected = g_strdup_printf ("%s is a named pipe, not a file", fifo);
  g_assert_cmpstr (error->message, ==, expected);
  g_clear_error (&error);

  spec = oc_spec_new_from_file (dir, &error);
  g_assert_null (spec);
  g_assert_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT);
  g_assert_true (g_str_has_suffix (error->message, " is a folder, not a file"));
  g_clear_error (&error);

  spec = oc_spec_new_from_file ("/dev/zero", &error);
  g_assert_null (spec);
  g_assert_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT);
  g_assert_cmpstr (error->message, ==, "/dev/zero is a character device, not a file");
  g_clear_error (&error);

  g_file_set_contents (big, spaces, -1, &error);
  g_assert_no_error (error);
  spec = oc_spec_new_from_file (big, &error);
  g_assert_null (spec);
  g_assert_error (error, OC_ERROR, OC_ERROR_SPEC);
  g_assert_true (g_str_has_prefix (error->message, big));
  g_assert_nonnull (strstr (error->message, ": more than 1.0\u00a0MiB of text"));

  g_assert_cmpint (g_remove (fifo), ==, 0);
  g_assert_cmpint (g_remove (big), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/spec/defaults", test_defaults);
  g_test_add_func ("/spec/minimal-equals-default", test_minimal_equals_default);
  g_test_add_func ("/spec/round-trip", test_round_trip);
  g_test_add_func ("/spec/hash-is-stable", test_hash_is_stable);
  g_test_add_func ("/spec/hash-ignores-spelling", test_hash_ignores_spelling);
  g_test_add_func ("/spec/double-format", test_double_format);
  g_test_add_func ("/spec/describe-c-numeric", test_describe_c_numeric);
  g_test_add_func ("/spec/bad-specs", test_bad_specs);
  g_test_add_func ("/spec/set-from-string", test_set_from_string);
  g_test_add_func ("/spec/integers-written-as-doubles", test_integers_written_as_doubles);
  g_test_add_func ("/spec/label-column-and-classes", test_label_column_and_classes);
  g_test_add_func ("/spec/flags-are-unique", test_flags_are_unique);
  g_test_add_func ("/spec/choices-match-engine", test_choices_match_engine);
  g_test_add_func ("/spec/paths", test_paths);
  g_test_add_func ("/spec/describe", test_describe);
  g_test_add_func ("/spec/describe-sweep", test_describe_sweep);
  g_test_add_func ("/spec/hostile-text", test_hostile_text);
  g_test_add_func ("/spec/not-a-file", test_spec_not_a_file);
  g_test_add_func ("/spec/hidden-depth", test_hidden_depth);
  g_test_add_func ("/json/writer", test_json_writer);
  g_test_add_func ("/json/nesting", test_json_nesting);
  return g_test_run ();
}
