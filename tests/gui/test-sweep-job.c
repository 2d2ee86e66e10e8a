/* test-sweep-job.c — the Sweep page's pieces without a display: settings become the spec the CLI
 * would run (same ID, the spec's own messages), the job runs, records and resumes through the
 * store and delivers every point through the mailbox, and the figures show what was received.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "occam/oc-error.h"
#include "occam/oc-sweep-record.h"
#include "occam-figures/oc-sweep-figures.h"
#include "oc-run-spec.h"
#include "oc-sweep-form.h"
#include "oc-sweep-job.h"

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

static OcSpec *
custom_base (const char *dataset)
{
  g_autoptr (GError) error = NULL;
  OcDataOptions d;
  OcTrainConfig t;
  guint hidden[] = { 16 };
  OcSpec *spec;

  oc_data_options_init (&d);
  d.name = dataset;
  d.n_points = 300;
  oc_train_config_init (&t);
  t.hidden = hidden;
  t.n_hidden = 1;
  t.optim.kind = OC_OPTIM_ADAM;
  t.optim.lr = 0.01;
  t.batch = 32;
  spec = oc_run_spec_new (&d, &t, &error);
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
    { OC_SWEEP_MODE_MODEL, "2,4", "100,200", "", "10", 1, OC_SWEEP_FIELD_N_TRAINS,
      "Training examples: a model-wise sweep keeps this fixed" },
    { OC_SWEEP_MODE_SAMPLE, "2,4", "100,200", "", "10", 1, OC_SWEEP_FIELD_WIDTHS,
      "Hidden widths: a sample-wise sweep keeps this fixed" },
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
      g_test_message ("case %u: %s", i, error ? error->message : "(no error)");
      g_assert_null (spec);
      g_assert_error (error, OC_ERROR, OC_ERROR_SPEC);
      g_assert_cmpint (field, ==, cases[i].field);
      g_assert_true (g_str_has_prefix (error->message, cases[i].message));
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

/* ---- Job ---- */

typedef struct
{
  GPtrArray *points; /* OcStorePoint, stolen from POINT updates */
  guint      n_progress, n_started, n_to_run;
  gboolean   done, ok;
  GError    *error;
} Received;

static void
on_updates (OcSweepJob *job, GPtrArray *items, Received *r)
{
  for (guint i = 0; i < items->len; i++)
    {
      OcSweepUpdate *u = g_ptr_array_index (items, i);

      if (u->kind == OC_SWEEP_UPDATE_STARTED)
        {
          r->n_started++;
          r->n_to_run = u->n_to_run;
        }
      else if (u->kind == OC_SWEEP_UPDATE_PROGRESS)
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

  r->ok = oc_sweep_job_run_finish (OC_SWEEP_JOB (source), result, &r->error);
  r->done = TRUE;
}

static void
run_job (OcSweepGrid *grid, OcStore *store, GCancellable *cancellable, Received *r)
{
  g_autoptr (OcSweepJob) job = oc_sweep_job_new (grid, store, 1, FALSE);

  memset (r, 0, sizeof *r);
  r->points = g_ptr_array_new_with_free_func ((GDestroyNotify) oc_store_point_free);
  g_signal_connect (job, "updates", G_CALLBACK (on_updates), r);
  oc_sweep_job_run_async (job, cancellable, on_done, r);
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
                                                  train[i], test[i]), NAN, NAN);
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

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sweep-form/preset-same-id", test_form_preset_same_id);
  g_test_add_func ("/sweep-form/errors", test_form_errors);
  g_test_add_func ("/sweep-form/custom", test_form_custom);
  g_test_add_func ("/sweep-job/sweep-and-resume", test_job_sweep_and_resume);
  g_test_add_func ("/sweep-job/cancel-keeps-points", test_job_cancel_keeps_points);
  g_test_add_func ("/sweep-job/rff", test_job_rff);
  g_test_add_func ("/sweep-figures/thresholds-and-stuck", test_figure_thresholds_and_stuck);
  return g_test_run ();
}
