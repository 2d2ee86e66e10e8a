/* test-sweep-job.c — the Sweep page's pieces without a display: settings become the spec the CLI
 * would run (same ID, the spec's own messages), the experiment job runs, records and resumes
 * through the store and delivers every point through the mailbox, and the figures show what was
 * received.
 * The Train page's settings and the Pruning and Landscape pages' forms become specs the same way.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "occam/oc-error.h"
#include "occam/oc-sweep-record.h"
#include "occam-figures/oc-sweep-figures.h"
#include "occam/oc-landscape-spec.h"
#include "oc-landscape-form.h"
#include "oc-prune-form.h"
#include "oc-run-spec.h"
#include "oc-sweep-form.h"
#include "oc-run-job.h"

/* ---- Form ---- */

static void
test_form_preset_same_id (void)
{
  g_autofree const OcSpecPreset **all = oc_spec_presets (NULL);

  for (guint i = 0; all[i] != NULL; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (OcSpec) preset = NULL;
      g_autoptr (OcSpec) built = NULL;
      g_autofree char *a = NULL;
      g_autofree char *b = NULL;
      OcSweepForm form = { 0 };

      if (g_strcmp0 (all[i]->kind, "sweep") != 0 && g_strcmp0 (all[i]->kind, "rff") != 0)
        continue;
      preset = oc_spec_new_from_preset (all[i]->kind, all[i]->name, &error);
      g_assert_no_error (error);
      oc_sweep_form_set_from_spec (&form, preset);
      g_assert_cmpint (form.mode, ==, g_strcmp0 (all[i]->kind, "rff") == 0
                                        ? OC_SWEEP_MODE_RFF : OC_SWEEP_MODE_MODEL);
      built = oc_sweep_form_build (&form, preset, NULL, &error);
      g_assert_no_error (error);
      /* The GUI resumes what occam-cli --preset started, and the other way round. */
      a = oc_spec_id (preset);
      b = oc_spec_id (built);
      g_assert_cmpstr (a, ==, b);
      oc_sweep_form_clear (&form);
    }
}

/* Settings of their own, with the app's schema and defaults. */
static GSettings *
memory_settings (void)
{
  g_autoptr (GSettingsBackend) backend = g_memory_settings_backend_new ();

  return g_settings_new_with_backend ("io.github.occamlab.Occam", backend);
}

/* The Custom protocol's base: @dataset as loaded, the Train page's network as the settings say. */
static OcSpec *
custom_base (const char *dataset)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GSettings) settings = memory_settings ();
  OcDataOptions d;
  OcSpec *spec;

  oc_data_options_init (&d);
  d.name = dataset;
  d.n_points = 300;
  g_settings_set_string (settings, "hidden", "16");
  g_settings_set_string (settings, "optimizer", "adam");
  g_settings_set_double (settings, "lr", 0.01);
  g_settings_set_uint (settings, "batch", 32);
  spec = oc_run_spec_new_base (&d, settings, &error);
  g_assert_no_error (error);
  return spec;
}

static void
form_init (OcSweepForm *form, OcSweepMode mode)
{
  memset (form, 0, sizeof *form);
  form->mode = mode;
  form->widths = g_strdup ("2,8,32");
  form->n_trains = g_strdup ("");
  form->noises = g_strdup ("");
  form->seeds = g_strdup ("0,1");
  form->epochs = 3;
  form->record_every = 1;
  form->features = g_strdup ("10,50,100");
  form->rff_seeds = g_strdup ("0");
  form->sigma = 1;
}

/* A form that does not build: an OC_ERROR_SPEC under @want_row, starting with @message. */
static void
assert_form_error (const OcSpec *spec, const GError *error, int row, int want_row,
                   const char *message)
{
  g_test_message ("%s", error ? error->message : "(no error)");
  g_assert_null (spec);
  g_assert_error (error, OC_ERROR, OC_ERROR_SPEC);
  g_assert_cmpint (row, ==, want_row);
  g_assert_true (g_str_has_prefix (error->message, message));
}

/* Each case: what is typed, which row is blamed, how the message starts. */
static void
test_form_errors (void)
{
  static const struct
  {
    OcSweepMode  mode;
    const char  *widths, *n_trains, *noises, *features;
    double       sigma;
    OcSweepField field;
    const char  *message;
  } cases[] = {
    { OC_SWEEP_MODE_MODEL, "abc", "", "", "10", 1, OC_SWEEP_FIELD_WIDTHS,
      "Hidden widths: 'abc' is not a whole number" },
    { OC_SWEEP_MODE_MODEL, "log:1:1024", "", "", "10", 1, OC_SWEEP_FIELD_WIDTHS,
      "Hidden widths: 'log:1:1024' is not a range" },
    { OC_SWEEP_MODE_MODEL, "0,4", "", "", "10", 1, OC_SWEEP_FIELD_WIDTHS,
      "Hidden widths: 0 is out of range" },
    { OC_SWEEP_MODE_MODEL, "", "", "", "10", 1, OC_SWEEP_FIELD_WIDTHS,
      "Hidden widths: list the values to sweep" },
    { OC_SWEEP_MODE_SAMPLE, "2,4", "", "", "10", 1, OC_SWEEP_FIELD_N_TRAINS,
      "Training examples: list the values to sweep" },
    { OC_SWEEP_MODE_NOISE, "4", "", "0,1.5", "10", 1, OC_SWEEP_FIELD_NOISES,
      "Label noise: 1.5 is out of range" },
    { OC_SWEEP_MODE_RFF, "", "", "", "", 1, OC_SWEEP_FIELD_FEATURES,
      "Features N: list the numbers of features" },
    { OC_SWEEP_MODE_RFF, "", "", "", "10,x", 1, OC_SWEEP_FIELD_FEATURES,
      "Features N: 'x' is not a whole number" },
    { OC_SWEEP_MODE_RFF, "", "", "", "10", 0, OC_SWEEP_FIELD_SIGMA,
      "Bandwidth σ: must be > 0" },
  };
  g_autoptr (OcSpec) base = custom_base ("moons");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (OcSpec) spec = NULL;
      OcSweepField field = OC_SWEEP_FIELD_NONE;
      OcSweepForm form;

      form_init (&form, cases[i].mode);
      g_free (form.widths);
      form.widths = g_strdup (cases[i].widths);
      g_free (form.n_trains);
      form.n_trains = g_strdup (cases[i].n_trains);
      g_free (form.noises);
      form.noises = g_strdup (cases[i].noises);
      g_free (form.features);
      form.features = g_strdup (cases[i].features);
      form.sigma = cases[i].sigma;
      spec = oc_sweep_form_build (&form, base, &field, &error);
      assert_form_error (spec, error, field, cases[i].field, cases[i].message);
      oc_sweep_form_clear (&form);
    }
}

/* A sweep over two axes (widths × n, widths × noise) builds, as occam-cli's does: the figures
 * draw a curve per value of the second axis. */
static void
test_form_two_axes (void)
{
  static const struct
  {
    OcSweepMode mode;
    const char *widths, *n_trains, *noises;
    guint       points;
  } cases[] = {
    { OC_SWEEP_MODE_MODEL, "2,4,8", "100,200", "", 6 },
    { OC_SWEEP_MODE_SAMPLE, "2,4", "100,200,300", "", 6 },
    { OC_SWEEP_MODE_MODEL, "2,4", "", "0,0.2", 4 },
  };
  g_autoptr (OcSpec) base = custom_base ("moons");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (OcSpec) spec = NULL;
      g_autoptr (OcSweepGrid) grid = NULL;
      OcSweepField field = OC_SWEEP_FIELD_NONE;
      OcSweepForm form;

      form_init (&form, cases[i].mode);
      g_free (form.widths);
      form.widths = g_strdup (cases[i].widths);
      g_free (form.n_trains);
      form.n_trains = g_strdup (cases[i].n_trains);
      g_free (form.noises);
      form.noises = g_strdup (cases[i].noises);
      g_free (form.seeds);
      form.seeds = g_strdup ("0");
      spec = oc_sweep_form_build (&form, base, &field, &error);
      g_assert_no_error (error);
      g_assert_nonnull (spec);
      grid = oc_sweep_grid_new (spec, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (oc_sweep_grid_get_n_points (grid), ==, cases[i].points);
      oc_sweep_form_clear (&form);
    }
}

static void
test_form_custom (void)
{
  g_autoptr (OcSpec) base = custom_base ("moons");
  g_autoptr (GError) error = NULL;
  g_autoptr (OcSpec) sweep = NULL;
  g_autoptr (OcSpec) rff = NULL;
  g_autoptr (OcSweepGrid) grid = NULL;
  OcSweepForm form;
  const OcSweepSpec *v;

  form_init (&form, OC_SWEEP_MODE_MODEL);
  g_free (form.widths);
  form.widths = g_strdup ("log:2:32:3");
  sweep = oc_sweep_form_build (&form, base, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (oc_spec_get_kind (sweep), ==, "sweep");
  v = oc_spec_get_values (sweep);
  g_assert_cmpstr (v->widths, ==, "2,8,32");
  g_assert_cmpstr (v->seeds, ==, "0,1");
  g_assert_null (v->n_trains);
  g_assert_cmpuint (v->base.train.epochs, ==, 3);
  g_assert_cmpuint (v->record_every_epochs, ==, 1);
  g_assert_cmpfloat (v->base.train.optim.lr, ==, 0.01);
  grid = oc_sweep_grid_new (sweep, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (oc_sweep_grid_get_n_points (grid), ==, 6);
  g_assert_cmpint (oc_sweep_grid_guess_mode (grid), ==, OC_SWEEP_MODE_MODEL);

  form.mode = OC_SWEEP_MODE_RFF;
  rff = oc_sweep_form_build (&form, base, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (oc_spec_get_kind (rff), ==, "rff");
  g_assert_cmpstr (((const OcRffSpec *) oc_spec_get_values (rff))->features, ==, "10,50,100");
  g_assert_cmpstr (((const OcRffSpec *) oc_spec_get_values (rff))->data.name, ==, "moons");
  oc_sweep_form_clear (&form);
}

/* ---- Settings and the Pruning form ---- */

/* A train spec written into the settings comes back as the same experiment. */
static void
test_run_spec_round_trip (void)
{
  static const char *const specs[] = {
    "{\"version\": 1, \"kind\": \"train\"}",
    "{\"version\": 1, \"kind\": \"train\", \"data\": {\"name\": \"moons\", \"n_train\": 100,"
    " \"subset\": \"random\", \"label_noise\": 0.25, \"val_size\": 10, \"seed\": 5, \"noise\": 0.3,"
    " \"n_points\": 500}, \"model\": {\"hidden\": [300, 100], \"activation\": \"tanh\","
    " \"init\": \"kaiming-uniform\"}, \"optim\": {\"kind\": \"sgd\", \"schedule\": \"cosine\"},"
    " \"train\": {\"loss\": \"mse\", \"batch\": 32, \"iterations\": 700, \"eval_every\": 20,"
    " \"seed\": 9}}",
    "{\"version\": 1, \"kind\": \"train\", \"data\": {\"name\": \"csv\", \"data_file\": \"/a/b.csv\"},"
    " \"model\": {\"hidden\": []}, \"train\": {\"epochs\": 3}}",
    "{\"version\": 1, \"kind\": \"train\", \"data\": {\"name\": \"csv\", \"data_file\": \"/a/b.csv\","
    " \"label_column\": \"species\", \"classes\": 5}}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (specs); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GSettings) settings = memory_settings ();
      g_autoptr (OcSpec) spec = oc_spec_new_from_json (specs[i], -1, NULL, &error);
      g_autoptr (OcSpec) back = NULL;
      g_autofree char *want = NULL;
      g_autofree char *got = NULL;

      g_assert_no_error (error);
      g_settings_set_uint (settings, "epochs", 42);
      g_assert_true (oc_run_spec_apply (spec, settings, &error));
      back = oc_run_spec_new (oc_spec_get_data_options (spec), settings, NULL, &error);
      g_assert_no_error (error);
      want = oc_spec_id (spec);
      got = oc_spec_id (back);
      g_assert_cmpstr (got, ==, want);
    }
}

static void
assert_key (GSettings *settings, const char *key, const char *want)
{
  g_autoptr (GVariant) value = g_settings_get_value (settings, key);
  g_autofree char *text = g_variant_print (value, FALSE);

  g_assert_cmpstr (text, ==, want);
}

/* Every key of the Dataset and Train pages gets the spec's value, in the rows' own terms. */
static void
test_run_spec_apply (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GSettings) settings = memory_settings ();
  g_autoptr (OcSpec) spec = oc_spec_new_from_json (
    "{\"version\": 1, \"kind\": \"train\", \"data\": {\"name\": \"idx\", \"data_dir\": \"/d\","
    " \"n_train\": 100, \"subset\": \"random\", \"val_size\": 10, \"seed\": 5,"
    " \"label_column\": \"last\"},"
    " \"model\": {\"hidden\": [300, 100]}, \"optim\": {\"kind\": \"sgd\"},"
    " \"train\": {\"iterations\": 700, \"seed\": 9}}", -1, NULL, &error);
  g_autoptr (OcSpec) sweep = oc_spec_new ("sweep", NULL);
  g_autoptr (OcSpec) far = oc_spec_new_from_json (
    "{\"version\": 1, \"kind\": \"train\", \"optim\": {\"lr\": 20}}", -1, NULL, &error);
  /* What the keys hold afterwards; a run counted in iterations leaves the epochs as they were. */
  static const char *const want[][2] = {
    { "dataset", "'mnist'" }, { "data-dir", "'/d'" }, { "data-file", "''" },
    { "n-train", "100" }, { "subset", "'random'" }, { "val-size", "10" }, { "data-seed", "5" },
    { "label-column", "'last'" },
    { "hidden", "'300,100'" }, { "optimizer", "'sgd'" }, { "lr", "0.01" },
    { "iterations", "700" }, { "seed", "9" }, { "epochs", "42" },
  };

  g_assert_no_error (error);
  g_settings_set_string (settings, "data-file", "/old.csv");
  g_settings_set_uint (settings, "epochs", 42);
  g_assert_true (oc_run_spec_apply (spec, settings, &error));
  for (guint i = 0; i < G_N_ELEMENTS (want); i++)
    assert_key (settings, want[i][0], want[i][1]);

  /* Only train specs run on the Train page. */
  g_assert_false (oc_run_spec_apply (sweep, settings, &error));
  g_assert_error (error, OC_ERROR, OC_ERROR_SPEC);
  g_assert_cmpstr (error->message, ==, "A “sweep” experiment runs from the command line: "
                   "occam-cli run");
  g_clear_error (&error);

  /* What the window cannot show stays as it was. */
  g_test_expect_message ("occam", G_LOG_LEVEL_MESSAGE,
                         "Setting lr is outside what the window offers; left as it was");
  g_assert_true (oc_run_spec_apply (far, settings, &error));
  g_test_assert_expected_messages ();
  assert_key (settings, "lr", "0.01");
  /* "All examples" is the key's 0. */
  assert_key (settings, "n-train", "0");
}

/* The Train page's run has its own length and evaluations; the other pages' base does not. */
static void
test_run_spec_base (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GSettings) settings = memory_settings ();
  g_autoptr (OcSpec) run = NULL;
  g_autoptr (OcSpec) base = NULL;
  const OcTrainConfig *t;
  OcDataOptions d;

  oc_data_options_init (&d);
  g_settings_set_uint (settings, "epochs", 7);
  g_settings_set_uint (settings, "iterations", 500);
  g_settings_set_uint (settings, "eval-every", 10);
  run = oc_run_spec_new (&d, settings, NULL, &error);
  g_assert_no_error (error);
  t = oc_spec_get_train_config (run);
  g_assert_cmpuint (t->epochs, ==, 0);
  g_assert_cmpuint (t->iterations, ==, 500);
  g_assert_cmpuint (t->eval_every, ==, 10);
  base = oc_run_spec_new_base (&d, settings, &error);
  g_assert_no_error (error);
  t = oc_spec_get_train_config (base);
  g_assert_cmpuint (t->epochs, ==, 7);
  g_assert_cmpuint (t->iterations, ==, 0);
  g_assert_cmpuint (t->eval_every, ==, 0);
}

static void
test_run_spec_errors (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GSettings) settings = memory_settings ();
  g_autoptr (OcSpec) spec = NULL;
  const char *bad_key = NULL;
  OcDataOptions d;

  oc_data_options_init (&d);
  g_settings_set_string (settings, "hidden", "16, wide");
  spec = oc_run_spec_new (&d, settings, &bad_key, &error);
  g_assert_null (spec);
  g_assert_error (error, OC_ERROR, OC_ERROR_SPEC);
  g_assert_cmpstr (error->message, ==, "Hidden layers: \"wide\" is not a width between 1 and "
                   "1048576 (expected e.g. 300,100)");
  g_assert_cmpstr (bad_key, ==, "hidden");
  g_clear_error (&error);
  g_assert_null (oc_run_spec_new_base (&d, settings, &error));
  g_assert_true (g_str_has_prefix (error->message, "Hidden layers: \"wide\""));
  g_clear_error (&error);

  /* Data a loader took that no spec holds. */
  g_settings_reset (settings, "hidden");
  d.val_size = 3000000000u;
  g_assert_null (oc_run_spec_new (&d, settings, &bad_key, &error));
  g_assert_cmpstr (error->message, ==, "Validation examples: must be between 0 and 2147483647, "
                   "got 3000000000");
  g_assert_cmpstr (bad_key, ==, "val-size");
}

static void
prune_form_init (OcPruneForm *form, const char *rewind, const char *controls, const char *seeds)
{
  memset (form, 0, sizeof *form);
  form->levels = 3;
  form->rate = 0.2;
  form->output_rate = 0.1;
  form->prune_output = TRUE;
  form->rewind = g_strdup (rewind);
  form->controls = g_strdup (controls);
  form->seeds = g_strdup (seeds);
}

/* A preset or a stored prune spec, through the form and back: the same experiment. */
static void
test_prune_form_same_id (void)
{
  g_autofree const OcSpecPreset **presets = oc_spec_presets ("prune");
  g_autoptr (GPtrArray) specs = g_ptr_array_new_with_free_func ((GDestroyNotify) oc_spec_free);

  for (guint i = 0; presets[i] != NULL; i++)
    g_ptr_array_add (specs, oc_spec_new_from_preset ("prune", presets[i]->name, NULL));
  g_ptr_array_add (specs, oc_spec_new_from_json ("{\"version\": 1, \"kind\": \"prune\","
                                                 " \"train\": {\"iterations\": 900},"
                                                 " \"prune\": {\"levels\": 3, \"method\": \"snip\","
                                                 " \"rewind\": \"iter:50\", \"seeds\": \"4,1\","
                                                 " \"one_shot\": 0.1}}", -1, NULL, NULL));
  for (guint i = 0; i < specs->len; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (OcSpec) built = NULL;
      g_autofree char *want = oc_spec_id (specs->pdata[i]);
      g_autofree char *got = NULL;
      OcPruneForm form = { 0 };

      oc_prune_form_set_from_spec (&form, specs->pdata[i]);
      built = oc_prune_form_build (&form, specs->pdata[i], NULL, &error);
      g_assert_no_error (error);
      got = oc_spec_id (built);
      g_assert_cmpstr (got, ==, want);
      oc_prune_form_clear (&form);
    }
}

/* Each case: what is typed, which row is blamed, how the message starts. */
static void
test_prune_form_errors (void)
{
  static const struct
  {
    guint        levels;
    double       rate, one_shot;
    const char  *rewind, *controls, *seeds;
    guint64      iterations;
    OcPruneField field;
    const char  *message;
  } cases[] = {
    { 0, 0.2, 0, "init", "imp", "", 0, OC_PRUNE_FIELD_LEVELS,
      "Levels: must be between 1 and 200, got 0" },
    { 3, 0, 0, "init", "imp", "", 0, OC_PRUNE_FIELD_RATE, "Rate: must be in (0, 1), got 0" },
    { 3, 0.2, 1, "init", "imp", "", 0, OC_PRUNE_FIELD_ONE_SHOT,
      "One-shot density: must be in [0, 1), got 1" },
    { 3, 0.2, 0, "iter:x", "imp", "", 0, OC_PRUNE_FIELD_REWIND,
      "Rewind: \"iter:x\" is not init, none or iter:K" },
    { 3, 0.2, 0, "iter:500", "imp", "", 300, OC_PRUNE_FIELD_REWIND,
      "Rewind: iter:500 must be before the last of the 300 training iterations" },
    { 3, 0.2, 0, "init", "imp,bogus", "", 0, OC_PRUNE_FIELD_CONTROLS,
      "Controls: unknown control \"bogus\"" },
    { 3, 0.2, 0, "init", "imp", "a,b", 0, OC_PRUNE_FIELD_SEEDS,
      "Seeds: 'a' is not a whole number" },
  };
  g_autoptr (OcSpec) base = custom_base ("moons");
  g_autoptr (OcSpec) rff = oc_spec_new_from_preset ("rff", "belkin-rff", NULL);
  g_autoptr (OcSpec) sweep = oc_spec_new_from_preset ("sweep", "nakkiran-mlp", NULL);
  g_autoptr (OcSpec) spec = NULL;
  g_autoptr (GError) error = NULL;
  OcPruneField field = OC_PRUNE_FIELD_NONE;
  OcPruneForm form;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      prune_form_init (&form, cases[i].rewind, cases[i].controls, cases[i].seeds);
      form.levels = cases[i].levels;
      form.rate = cases[i].rate;
      form.one_shot = cases[i].one_shot;
      form.iterations = cases[i].iterations;
      spec = oc_prune_form_build (&form, base, &field, &error);
      assert_form_error (spec, error, field, cases[i].field, cases[i].message);
      g_clear_error (&error);
      oc_prune_form_clear (&form);
    }

  /* Random features train no network; a sweep lends its network and data. */
  prune_form_init (&form, "init", "imp", "");
  g_assert_null (oc_prune_form_build (&form, rff, &field, &error));
  g_assert_cmpint (field, ==, OC_PRUNE_FIELD_OTHER);
  g_assert_cmpstr (error->message, ==, "Protocol: this experiment does not train a network; "
                   "choose another one");
  spec = oc_prune_form_build (&form, sweep, &field, &error);
  g_assert_nonnull (spec);
  g_assert_cmpuint (oc_spec_get_train_config (spec)->hidden[0], ==, 1);
  g_assert_cmpuint (oc_spec_get_data_options (spec)->n_train, ==, 4000);
  oc_prune_form_clear (&form);
}

/* ---- Job ---- */

typedef struct
{
  GPtrArray *points; /* OcStorePoint, stolen from POINT updates */
  guint      n_progress, n_started, n_to_run;
  gboolean   done, ok;
  GError    *error;
} Received;

static void
on_updates (OcRunJob *job, GPtrArray *items, Received *r)
{
  for (guint i = 0; i < items->len; i++)
    {
      OcRunUpdate *u = g_ptr_array_index (items, i);

      if (u->kind == OC_RUN_EVENT_STARTED)
        {
          r->n_started++;
          r->n_to_run = u->n_to_run;
        }
      else if (u->kind == OC_RUN_EVENT_PROGRESS)
        r->n_progress++;
      else
        {
          g_assert_nonnull (u->point);
          g_ptr_array_add (r->points, g_steal_pointer (&u->point));
        }
    }
}

static void
on_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Received *r = user_data;

  r->ok = oc_run_job_run_finish (OC_RUN_JOB (source), result, NULL, &r->error);
  r->done = TRUE;
}

static void
run_job (OcSweepGrid *grid, OcStore *store, GCancellable *cancellable, Received *r)
{
  g_autoptr (OcSpec) spec = oc_spec_dup (grid->spec);
  g_autoptr (OcRunJob) job = NULL;

  /* One BLAS thread, as the page's Preferences in these tests. */
  oc_spec_set_threads (spec, 1);
  job = oc_run_job_new (spec, store, FALSE);
  memset (r, 0, sizeof *r);
  r->points = g_ptr_array_new_with_free_func ((GDestroyNotify) oc_store_point_free);
  g_signal_connect (job, "updates", G_CALLBACK (on_updates), r);
  oc_run_job_run_async (job, cancellable, on_done, r);
  while (!r->done)
    g_main_context_iteration (NULL, TRUE);
}

static OcStore *
temp_store (char **dir, char **path)
{
  g_autoptr (GError) error = NULL;
  OcStore *store;

  *dir = g_dir_make_tmp ("occam-sweep-job-XXXXXX", &error);
  g_assert_no_error (error);
  *path = g_build_filename (*dir, "occam.db", NULL);
  store = oc_store_open (*path, OC_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  return store;
}

static void
remove_store (const char *dir, const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (dir);
}

static void
assert_same_point (const OcStorePoint *a, const OcStorePoint *b)
{
  g_assert_cmpstr (a->key, ==, b->key);
  g_assert_cmpint (a->status, ==, b->status);
  g_assert_cmpuint (a->parameters, ==, b->parameters);
  g_assert_cmpfloat (a->final.test_error, ==, b->final.test_error);
  g_assert_cmpfloat (a->final.train_loss, ==, b->final.train_loss);
  g_assert_cmpuint (a->evals != NULL ? a->evals->len : 0, ==, b->evals != NULL ? b->evals->len : 0);
}

static void
test_job_sweep_and_resume (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr (OcStore) store = temp_store (&dir, &path);
  g_autoptr (OcSpec) base = custom_base ("blobs");
  g_autoptr (OcSpec) spec = NULL;
  g_autoptr (OcSweepGrid) grid = NULL;
  g_autoptr (OcSweepResults) results = NULL;
  g_autoptr (OcStoreExperiment) exp = NULL;
  g_autoptr (GError) error = NULL;
  OcSweepForm form;
  Received r;

  form_init (&form, OC_SWEEP_MODE_MODEL);
  spec = oc_sweep_form_build (&form, base, NULL, &error);
  g_assert_no_error (error);
  oc_sweep_form_clear (&form);
  grid = oc_sweep_grid_new (spec, &error);
  g_assert_no_error (error);

  run_job (grid, store, NULL, &r);
  g_assert_no_error (r.error);
  g_assert_true (r.ok);
  g_assert_cmpuint (r.n_started, ==, 1);
  g_assert_cmpuint (r.n_to_run, ==, 6);
  g_assert_cmpuint (r.points->len, ==, 6);
  g_assert_cmpuint (r.n_progress, >, 0);
  /* Every point delivered is the one stored, curve included (start + 3 epochs). */
  results = oc_sweep_results_new (grid);
  g_assert_cmpint (oc_sweep_results_load (results, store, &error), ==, 6);
  for (guint i = 0; i < r.points->len; i++)
    {
      const OcStorePoint *p = g_ptr_array_index (r.points, i);
      int index = oc_sweep_grid_find_key (grid, p->key);

      g_assert_cmpint (index, >=, 0);
      assert_same_point (p, oc_sweep_results_get (results, index)->point);
      g_assert_cmpuint (p->evals->len, ==, 4);
    }
  exp = oc_store_find_experiment (store, grid->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (exp->status, ==, OC_STATUS_FINISHED);
  g_ptr_array_unref (r.points);

  /* The same spec again: everything is in the store, nothing runs. */
  run_job (grid, store, NULL, &r);
  g_assert_true (r.ok);
  g_assert_cmpuint (r.n_to_run, ==, 0);
  g_assert_cmpuint (r.points->len, ==, 0);
  g_ptr_array_unref (r.points);
  remove_store (dir, path);
}

static void
test_job_cancel_keeps_points (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr (OcStore) store = temp_store (&dir, &path);
  g_autoptr (OcSpec) base = custom_base ("blobs");
  g_autoptr (OcSpec) spec = NULL;
  g_autoptr (OcSweepGrid) grid = NULL;
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (OcStoreExperiment) exp = NULL;
  g_autoptr (GPtrArray) missing = NULL;
  OcSweepForm form;
  Received r;

  form_init (&form, OC_SWEEP_MODE_MODEL);
  g_clear_pointer (&form.seeds, g_free);
  form.seeds = g_strdup ("0");
  spec = oc_sweep_form_build (&form, base, NULL, &error);
  g_assert_no_error (error);
  oc_sweep_form_clear (&form);
  grid = oc_sweep_grid_new (spec, &error);
  g_assert_no_error (error);
  /* Cancelled before it starts: nothing is trained, the experiment says "stopped". */
  g_cancellable_cancel (cancellable);
  run_job (grid, store, cancellable, &r);
  g_assert_false (r.ok);
  g_assert_error (r.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&r.error);
  exp = oc_store_find_experiment (store, grid->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (exp->status, ==, OC_STATUS_CANCELLED);
  missing = oc_store_missing_points (store, grid->id, (const char *const *) grid->keys, 3,
                                     &error);
  g_assert_cmpuint (missing->len, ==, 3 - r.points->len);
  g_ptr_array_unref (r.points);
  remove_store (dir, path);
}

static void
test_job_rff (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr (OcStore) store = temp_store (&dir, &path);
  g_autoptr (OcSpec) base = custom_base ("moons");
  g_autoptr (OcSpec) spec = NULL;
  g_autoptr (OcSweepGrid) grid = NULL;
  g_autoptr (OcSweepResults) results = NULL;
  g_autoptr (GArray) groups = NULL;
  g_autoptr (OcPlotFigure) fig = NULL;
  g_autoptr (GError) error = NULL;
  OcSweepPickMap map = { 0 };
  OcSweepForm form;
  Received r;
  const double *x, *y;

  form_init (&form, OC_SWEEP_MODE_RFF);
  spec = oc_sweep_form_build (&form, base, NULL, &error);
  g_assert_no_error (error);
  oc_sweep_form_clear (&form);
  grid = oc_sweep_grid_new (spec, &error);
  g_assert_no_error (error);
  run_job (grid, store, NULL, &r);
  g_assert_no_error (r.error);
  g_assert_cmpuint (r.points->len, ==, 3);

  results = oc_sweep_results_new (grid);
  g_assert_cmpint (oc_sweep_results_load (results, store, &error), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      const OcSweepEntry *e = oc_sweep_results_get (results, i);

      g_assert_true (isfinite (e->coef_norm) && e->coef_norm > 0);
      g_assert_true (isfinite (e->condition) && e->condition >= 1);
    }
  groups = oc_sweep_results_groups (results, OC_SWEEP_MODE_RFF);
  fig = oc_rff_figure_new (results, groups, "rff", &map);
  g_assert_cmpuint (oc_plot_figure_get_series_data (fig, 0, &x, &y), ==, 3);
  g_assert_cmpfloat (x[0], ==, 10);
  g_assert_cmpfloat (x[2], ==, 100);
  g_assert_cmpfloat (y[1], ==, oc_sweep_results_get (results, 1)->point->final.test_error);
  /* N = n: 240 training examples (300 points, 80 %). */
  {
    double value;
    const char *label;

    g_assert_cmpuint (oc_plot_figure_get_n_references (fig), ==, 1);
    oc_plot_figure_get_reference (fig, 0, NULL, &value, &label);
    g_assert_cmpfloat (value, ==, 240);
    g_assert_cmpstr (label, ==, "N = n");
  }
  oc_sweep_pick_map_clear (&map);
  g_ptr_array_unref (r.points);
  remove_store (dir, path);
}

/* ---- Figures from hand-made points ---- */

static OcStorePoint *
fake_point (const char *key, guint64 params, double train_error, double test_error)
{
  OcStorePoint *p = oc_store_point_new ("x", key);

  p->status = OC_STATUS_FINISHED;
  p->architecture = g_strdup_printf ("784-%" G_GUINT64_FORMAT "-10", params);
  p->parameters = params;
  p->n_train = 100;
  p->final.train_error = train_error;
  p->final.test_error = test_error;
  p->final.test_loss = 1 + test_error;
  return p;
}

static void
test_figure_thresholds_and_stuck (void)
{
  g_autoptr (OcSpec) spec = NULL;
  g_autoptr (OcSweepGrid) grid = NULL;
  g_autoptr (OcSweepResults) results = NULL;
  g_autoptr (GArray) groups = NULL;
  g_autoptr (OcPlotFigure) fig = NULL;
  g_autoptr (GError) error = NULL;
  OcSweepPickMap map = { 0 };
  /* widths 1, 2, 4 × seeds 0, 1: train error reaches 0 at width 4; width 1 seed 1 is stuck. */
  static const double train[] = { 0.5, 0.85, 0.005, 0.02, 0.0, 0.0 };
  static const double test[] = { 0.6, 0.88, 0.5, 0.54, 0.3, 0.32 };
  const double *x, *y;
  guint n_lines = 0;

  spec = oc_spec_new_from_json ("{\"version\": 1, \"kind\": \"sweep\", \"data\": {\"name\": "
                                "\"blobs\"}, \"sweep\": {\"widths\": \"1,2,4\", \"seeds\": "
                                "\"0,1\"}}", -1, NULL, &error);
  g_assert_no_error (error);
  grid = oc_sweep_grid_new (spec, &error);
  results = oc_sweep_results_new (grid);
  for (guint i = 0; i < 6; i++)
    oc_sweep_results_set (results, i, fake_point (grid->keys[i], 1000 * (1u << (i / 2)),
                                                  train[i], test[i]), NAN, NAN, NULL);
  g_assert_true (oc_sweep_results_is_stuck (results, 1));
  g_assert_false (oc_sweep_results_is_stuck (results, 0));
  groups = oc_sweep_results_groups (results, OC_SWEEP_MODE_MODEL);
  g_assert_cmpuint (groups->len, ==, 3);
  g_assert_cmpfloat (g_array_index (groups, OcSweepGroup, 1).test_lo, ==, 0.5);
  g_assert_cmpfloat (g_array_index (groups, OcSweepGroup, 1).test_hi, ==, 0.54);
  g_assert_cmpuint (g_array_index (groups, OcSweepGroup, 0).n_stuck, ==, 1);
  /* Mean train error at width 2 is 0.0125 > 0.01: the threshold is width 4 (4000 parameters). */
  g_assert_cmpfloat (oc_sweep_groups_interpolation_x (groups, FALSE), ==, 4000);

  fig = oc_sweep_figure_new (results, groups, OC_SWEEP_MODE_MODEL, "dd", &map);
  g_assert_cmpstr (oc_plot_figure_get_series_name (fig, 0), ==, "test error");
  g_assert_cmpuint (oc_plot_figure_get_series_data (fig, 0, &x, &y), ==, 3);
  g_assert_cmpfloat_with_epsilon (y[1], 0.52, 1e-12);
  g_assert_cmpfloat (x[2], ==, 4000);
  /* The stuck run is its own series, one marker at its own test error. */
  g_assert_cmpuint (oc_plot_figure_get_n_series (fig), ==, 4);
  g_assert_cmpuint (oc_plot_figure_get_series_data (fig, 3, &x, &y), ==, 1);
  g_assert_cmpfloat (y[0], ==, 0.88);
  g_assert_cmpint (oc_sweep_pick_map_group (&map, 3, 0), ==, 0);
  g_assert_cmpint (oc_sweep_pick_map_group (&map, 0, 2), ==, 2);
  for (guint i = 0; i < oc_plot_figure_get_n_references (fig); i++)
    {
      const char *label;
      double value;

      oc_plot_figure_get_reference (fig, i, NULL, &value, &label);
      if (g_strcmp0 (label, "n·K") == 0)
        g_assert_cmpfloat (value, ==, 100 * 10);
      else
        {
          g_assert_cmpstr (label, ==, "train error ≈ 0");
          g_assert_cmpfloat (value, ==, 4000);
        }
      n_lines++;
    }
  g_assert_cmpuint (n_lines, ==, 2);
  /* For a look: the stuck run's diamond and its legend entry. */
  if (g_getenv ("OC_TEST_ARTIFACTS") != NULL)
    {
      g_autofree char *path = g_build_filename (g_getenv ("OC_TEST_ARTIFACTS"),
                                                "sweep-figure-stuck.png", NULL);

      g_assert_true (oc_plot_figure_export (fig, oc_plot_theme_get (OC_PLOT_THEME_LIGHT), path,
                                            1280, 720, 1, &error));
    }
  oc_sweep_pick_map_clear (&map);
}

/* ---- The Landscape page's form ---- */

static void
test_landscape_form_same_id (void)
{
  g_autofree const OcSpecPreset **all = oc_spec_presets ("landscape");

  g_assert_nonnull (all[0]);
  for (guint i = 0; all[i] != NULL; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (OcSpec) preset = oc_spec_new_from_preset ("landscape", all[i]->name, &error);
      g_autoptr (OcSpec) built = NULL;
      g_autofree char *a = NULL, *b = NULL;
      g_auto (OcLandscapeForm) form = { 0 };

      g_assert_no_error (error);
      oc_landscape_form_set_from_spec (&form, preset);
      g_assert_null (form.source);
      built = oc_landscape_form_build (&form, preset, NULL, NULL, &error);
      g_assert_no_error (error);
      /* The page resumes what occam-cli landscape --preset started, and the other way round. */
      a = oc_spec_id (preset);
      b = oc_spec_id (built);
      g_assert_cmpstr (a, ==, b);
    }
}

static void
landscape_form_init (OcLandscapeForm *form)
{
  memset (form, 0, sizeof *form);
  form->line = OC_LANDSCAPE_FORM_LINE_INIT_FINAL;
  form->seeds = g_strdup ("0,1");
  form->plane = OC_LANDSCAPE_PLANE_RANDOM;
  form->grid = 41;
  form->eval_examples = 2000;
}

/* Each row's mistake is the spec's own message under that row; width and length override the
 * base's only when given. */
static void
test_landscape_form_errors (void)
{
  g_autoptr (OcSpec) base = custom_base ("moons");
  static const struct
  {
    guint                line;
    const char          *seeds;
    guint                grid;
    double               span;
    guint                examples;
    OcLandscapeFormField field;
    const char          *prefix;
  } cases[] = {
    { OC_LANDSCAPE_FORM_LINE_INIT_FINAL, "0,1", 40, 0, 2000, OC_LANDSCAPE_FORM_FIELD_GRID,
      "Grid:" },
    { OC_LANDSCAPE_FORM_LINE_INIT_FINAL, "0,1", 41, 0, 0, OC_LANDSCAPE_FORM_FIELD_EXAMPLES,
      "Examples evaluated:" },
    { OC_LANDSCAPE_FORM_LINE_SEEDS, "3", 41, 0, 2000, OC_LANDSCAPE_FORM_FIELD_SEEDS, "Seeds:" },
    { OC_LANDSCAPE_FORM_LINE_SEEDS, "2,2", 41, 0, 2000, OC_LANDSCAPE_FORM_FIELD_SEEDS,
      "Seeds:" },
    { OC_LANDSCAPE_FORM_LINE_SEEDS, "1,2", 41, 0.5, 2000, OC_LANDSCAPE_FORM_FIELD_NONE, NULL },
    { OC_LANDSCAPE_FORM_LINE_NONE, "", 3, 0, 10, OC_LANDSCAPE_FORM_FIELD_NONE, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (OcSpec) spec = NULL;
      g_auto (OcLandscapeForm) form;
      OcLandscapeFormField field = OC_LANDSCAPE_FORM_FIELD_OTHER;

      landscape_form_init (&form);
      form.line = cases[i].line;
      g_free (form.seeds);
      form.seeds = g_strdup (cases[i].seeds);
      form.grid = cases[i].grid;
      form.span = cases[i].span;
      form.eval_examples = cases[i].examples;
      spec = oc_landscape_form_build (&form, base, NULL, &field, &error);
      g_assert_cmpint (field, ==, cases[i].field);
      if (cases[i].prefix == NULL)
        {
          const OcLandscapeSpec *v;

          g_assert_no_error (error);
          v = oc_spec_get_values (spec);
          g_assert_cmpuint (v->grid, ==, cases[i].grid);
          g_assert_cmpuint (v->eval_examples, ==, cases[i].examples);
          /* The base's network and length: the form's width and epochs are 0. */
          g_assert_cmpuint (oc_spec_get_train_config (spec)->hidden[0], ==, 16);
          if (cases[i].span > 0)
            g_assert_cmpfloat (v->span, ==, cases[i].span);
          continue;
        }
      g_assert_null (spec);
      g_assert_error (error, OC_ERROR, OC_ERROR_SPEC);
      if (!g_str_has_prefix (error->message, cases[i].prefix))
        g_error ("case %u: \"%s\" does not start with %s", i, error->message, cases[i].prefix);
    }

  {
    g_autoptr (GError) error = NULL;
    g_autoptr (OcSpec) spec = NULL;
    g_auto (OcLandscapeForm) form;

    landscape_form_init (&form);
    form.width = 48;
    form.epochs = 3;
    spec = oc_landscape_form_build (&form, base, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (oc_spec_get_train_config (spec)->n_hidden, ==, 1);
    g_assert_cmpuint (oc_spec_get_train_config (spec)->hidden[0], ==, 48);
    g_assert_cmpuint (oc_spec_get_train_config (spec)->epochs, ==, 3);
  }
}

/* A network from the store: its settings become the spec's; a PCA plane over a train run, which
 * kept no checkpoints, and an unknown ID are said under their rows. */
static void
test_landscape_form_stored (void)
{
  g_autofree char *dir = g_dir_make_tmp ("occam-landscape-form-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "s.db", NULL);
  const char *argv[] = { g_getenv ("OC_CLI"), "train", "--dataset", "moons", "--n-points", "300",
                         "--hidden", "8", "--epochs", "1", "--store", db, "-q", NULL };
  g_autofree char *out = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (OcStore) store = NULL;
  g_autoptr (OcSpec) base = custom_base ("moons");
  char id[OC_SPEC_ID_LEN + 1] = { 0 };
  const char *at;
  int wait_status = 0;

  g_assert_nonnull (argv[0]);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out,
                               NULL, &wait_status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (wait_status, NULL));
  at = strstr (out, "experiment: ");
  g_assert_nonnull (at);
  g_strlcpy (id, at + strlen ("experiment: "), sizeof id);
  store = oc_store_open (db, OC_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);

  {
    g_autoptr (OcSpec) spec = NULL;
    g_auto (OcLandscapeForm) form;
    OcLandscapeFormField field = OC_LANDSCAPE_FORM_FIELD_OTHER;

    landscape_form_init (&form);
    form.source = g_strndup (id, 6);
    /* The rows' width is not the stored network's: it is left out. */
    form.width = 64;
    spec = oc_landscape_form_build (&form, base, store, &field, &error);
    g_assert_no_error (error);
    g_assert_cmpint (field, ==, OC_LANDSCAPE_FORM_FIELD_NONE);
    g_assert_cmpstr (((const OcLandscapeSpec *) oc_spec_get_values (spec))->from_experiment, ==,
                     id);
    g_assert_cmpuint (oc_spec_get_train_config (spec)->hidden[0], ==, 8);
    g_assert_cmpuint (oc_spec_get_train_config (spec)->epochs, ==, 1);
  }
  {
    g_autoptr (OcSpec) spec = NULL;
    g_auto (OcLandscapeForm) form;
    OcLandscapeFormField field = OC_LANDSCAPE_FORM_FIELD_NONE;

    landscape_form_init (&form);
    form.source = g_strdup (id);
    form.plane = OC_LANDSCAPE_PLANE_PCA;
    spec = oc_landscape_form_build (&form, base, store, &field, &error);
    g_assert_null (spec);
    g_assert_cmpint (field, ==, OC_LANDSCAPE_FORM_FIELD_PLANE);
    g_assert_true (g_str_has_prefix (error->message, "Plane: the stored run kept no checkpoints"));
    g_clear_error (&error);
  }
  {
    g_autoptr (OcSpec) spec = NULL;
    g_auto (OcLandscapeForm) form;
    OcLandscapeFormField field = OC_LANDSCAPE_FORM_FIELD_NONE;

    landscape_form_init (&form);
    form.source = g_strdup ("0123abcd");
    spec = oc_landscape_form_build (&form, base, store, &field, &error);
    g_assert_null (spec);
    g_assert_cmpint (field, ==, OC_LANDSCAPE_FORM_FIELD_SOURCE);
    g_assert_true (g_str_has_prefix (error->message, "Network: "));
    g_assert_nonnull (strstr (error->message, "0123abcd"));
    g_clear_error (&error);
    /* Without a store there is nothing to take it from. */
    spec = oc_landscape_form_build (&form, base, NULL, &field, &error);
    g_assert_null (spec);
    g_assert_cmpint (field, ==, OC_LANDSCAPE_FORM_FIELD_SOURCE);
  }
  g_clear_pointer (&store, oc_store_close);
  g_remove (db);
  g_rmdir (dir);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sweep-form/preset-same-id", test_form_preset_same_id);
  g_test_add_func ("/sweep-form/errors", test_form_errors);
  g_test_add_func ("/sweep-form/two-axes", test_form_two_axes);
  g_test_add_func ("/sweep-form/custom", test_form_custom);
  g_test_add_func ("/run-spec/round-trip", test_run_spec_round_trip);
  g_test_add_func ("/run-spec/apply", test_run_spec_apply);
  g_test_add_func ("/run-spec/base", test_run_spec_base);
  g_test_add_func ("/run-spec/errors", test_run_spec_errors);
  g_test_add_func ("/prune-form/same-id", test_prune_form_same_id);
  g_test_add_func ("/prune-form/errors", test_prune_form_errors);
  g_test_add_func ("/landscape-form/same-id", test_landscape_form_same_id);
  g_test_add_func ("/landscape-form/errors", test_landscape_form_errors);
  g_test_add_func ("/landscape-form/stored", test_landscape_form_stored);
  g_test_add_func ("/sweep-job/sweep-and-resume", test_job_sweep_and_resume);
  g_test_add_func ("/sweep-job/cancel-keeps-points", test_job_cancel_keeps_points);
  g_test_add_func ("/sweep-job/rff", test_job_rff);
  g_test_add_func ("/sweep-figures/thresholds-and-stuck", test_figure_thresholds_and_stuck);
  return g_test_run ();
}
