/* test-experiment.c — the experiment runner: every kind from a spec to the store, reuse, rerun,
 * cancel and resume, failed points, bad input, the observer's events and their order.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "occam/oc-error.h"
#include "occam/oc-experiment.h"
#include "occam/oc-sweep-record.h"
#include "occam/oc-train.h"

typedef struct
{
  char    *dir;
  OcStore *store;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;

  f->dir = g_dir_make_tmp ("occam-experiment-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "store.db", NULL);
  f->store = oc_store_open (path, OC_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_autoptr (GDir) dir = NULL;
  const char *name;

  g_clear_pointer (&f->store, oc_store_close);
  dir = g_dir_open (f->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

static OcSpec *
spec_from_json (const char *json)
{
  g_autoptr (GError) error = NULL;
  OcSpec *spec = oc_spec_new_from_json (json, -1, NULL, &error);

  g_assert_no_error (error);
  return spec;
}

/* What an observer saw. */
typedef struct
{
  guint         n_started, n_progress, n_points, n_reused, n_failed_points, n_evals, n_models;
  gint          inside;          /* atomic: > 1 would mean two calls at once */
  gboolean      overlapped;
  gboolean      started_first;
  double        last_done;
  gboolean      done_decreased;
  GPtrArray    *keys;            /* of the POINT events */
  GHashTable   *artifact_names;  /* every artifact name seen */
  guint         cancel_after;    /* cancel once this many points were recorded */
  GCancellable *cancellable;
} Seen;

static void
seen_init (Seen *s)
{
  memset (s, 0, sizeof *s);
  s->keys = g_ptr_array_new_with_free_func (g_free);
  s->artifact_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static void
seen_clear (Seen *s)
{
  g_ptr_array_unref (s->keys);
  g_hash_table_unref (s->artifact_names);
}

static void
observe (const OcRunEvent *e, gpointer user_data)
{
  Seen *s = user_data;

  if (g_atomic_int_add (&s->inside, 1) > 0)
    s->overlapped = TRUE;
  /* Give another worker the chance to come in while this call is running. */
  g_usleep (200);
  if (e->kind == OC_RUN_EVENT_STARTED)
    {
      s->started_first = s->n_progress == 0 && s->n_points == 0;
      s->n_started++;
    }
  else if (e->kind == OC_RUN_EVENT_PROGRESS)
    {
      s->n_progress++;
      s->n_evals += e->eval != NULL;
      s->n_models += e->model != NULL;
    }
  else
    {
      s->n_points++;
      s->n_reused += e->reused;
      s->n_failed_points += e->point->status != OC_STATUS_FINISHED;
      g_ptr_array_add (s->keys, g_strdup (e->point->key));
      for (guint i = 0; i < e->artifacts->len; i++)
        g_hash_table_add (s->artifact_names,
                          g_strdup (((OcStoreArtifact *) e->artifacts->pdata[i])->name));
      if (s->cancel_after > 0 && s->n_points >= s->cancel_after)
        g_cancellable_cancel (s->cancellable);
    }
  if (e->done < s->last_done - 1e-12)
    s->done_decreased = TRUE;
  s->last_done = e->done;
  g_atomic_int_add (&s->inside, -1);
}

static OcStatus
stored_status (OcStore *store, const char *id)
{
  g_autoptr (OcStoreExperiment) e = oc_store_find_experiment (store, id, NULL);

  g_assert_nonnull (e);
  return e != NULL ? e->status : OC_STATUS_RUNNING;
}

/* A float32 arena artifact of a stored point. */
static OcNpyArray *
stored_arena (OcStore *store, const char *id, const char *key, const char *name)
{
  g_autoptr (GError) error = NULL;
  OcNpyArray *a = oc_store_get_artifact (store, id, key, name, &error);

  g_assert_no_error (error);
  g_assert_cmpint (a->dtype, ==, OC_NPY_FLOAT32);
  return a;
}

/* The norms a point was stored with against their definitions, summed here over the whole
 * arenas (whose padding is zero) from θ_T and θ₀ as plain arrays: ‖θ_T‖₂ and ‖θ_T − θ₀‖₂; the
 * path norm of a network of @sizes holding θ_T. The scalars are float32. */
static void
assert_norms (OcStore *store, const char *id, const char *key, const float *theta_final,
              const float *theta0, gsize n, const guint *sizes, guint n_sizes)
{
  g_autoptr (OcMlp) m = oc_mlp_new (sizes, n_sizes, OC_ACT_RELU, NULL);
  OcSolutionNorms stored;
  double sq = 0, dist = 0, path;

  g_assert_cmpuint (m->n_params, ==, n);
  for (gsize i = 0; i < n; i++)
    {
      sq += (double) theta_final[i] * theta_final[i];
      dist += ((double) theta_final[i] - theta0[i]) * ((double) theta_final[i] - theta0[i]);
    }
  memcpy (m->params, theta_final, n * sizeof (float));
  path = oc_mlp_path_norm (m);
  oc_solution_norms_from_store (&stored, store, id, key);
  g_assert_cmpfloat (dist, >, 0);
  g_assert_cmpfloat_with_epsilon (stored.theta_norm, sqrt (sq), 1e-6 * sqrt (sq));
  g_assert_cmpfloat_with_epsilon (stored.distance, sqrt (dist), 1e-6 * sqrt (dist));
  g_assert_cmpfloat_with_epsilon (stored.path_norm, path, 1e-6 * path);
}

#define TRAIN_JSON \
  "{\"version\":1,\"kind\":\"train\",\"data\":{\"name\":\"blobs\",\"n_points\":300," \
  "\"label_noise\":0.1},\"model\":{\"hidden\":[8]},\"train\":{\"epochs\":3}," \
  "\"run\":{\"threads\":1}}"

static void
test_train (Fixture *f, gconstpointer data)
{
  g_autoptr (OcSpec) spec = spec_from_json (TRAIN_JSON);
  g_autoptr (GError) error = NULL;
  g_autoptr (OcStorePoint) p = NULL;
  OcRunSummary sum;
  OcRunOptions rerun = { TRUE, NULL };
  Seen s;

  seen_init (&s);
  g_assert_true (oc_experiment_run (spec, f->store, NULL, observe, &s, NULL, &sum, &error));
  g_assert_no_error (error);
  g_assert_true (s.started_first);
  g_assert_false (s.overlapped);
  g_assert_false (s.done_decreased);
  g_assert_cmpuint (s.n_started, ==, 1);
  g_assert_cmpuint (s.n_points, ==, 1);
  g_assert_cmpuint (s.n_evals, ==, 4); /* the start and three epochs */
  g_assert_cmpuint (s.n_models, ==, s.n_progress); /* one point: the model comes along */
  g_assert_cmpfloat (s.last_done, ==, 1.0);
  g_assert_cmpstr (g_ptr_array_index (s.keys, 0), ==, OC_TRAIN_POINT_KEY);
  g_assert_true (g_hash_table_contains (s.artifact_names, "flipped"));
  g_assert_true (g_hash_table_contains (s.artifact_names, "theta_final"));
  g_assert_cmpint (sum.status, ==, OC_STATUS_FINISHED);
  g_assert_true (sum.created);
  g_assert_cmpuint (sum.n_ran, ==, 1);
  g_assert_cmpint (stored_status (f->store, sum.id), ==, OC_STATUS_FINISHED);

  p = oc_store_get_point (f->store, sum.id, OC_TRAIN_POINT_KEY, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (p->status, ==, OC_STATUS_FINISHED);
  g_assert_cmpstr (p->architecture, ==, "2-8-4");
  g_assert_cmpuint (p->threads, ==, 1);
  g_assert_nonnull (p->started);
  g_assert_cmpstr (p->started, <=, p->finished);
  g_assert_cmpuint (p->evals->len, ==, 4);

  /* Again: reused, nothing computed, the observer hears the plan only. */
  seen_clear (&s);
  seen_init (&s);
  g_assert_true (oc_experiment_run (spec, f->store, NULL, observe, &s, NULL, &sum, &error));
  g_assert_cmpuint (s.n_started, ==, 1);
  g_assert_cmpuint (s.n_points, ==, 0);
  g_assert_cmpuint (sum.n_reused, ==, 1);
  g_assert_cmpuint (sum.n_ran, ==, 0);
  g_assert_false (sum.created);
  g_assert_cmpint (sum.status, ==, OC_STATUS_FINISHED);

  /* Rerun: computed again. */
  g_assert_true (oc_experiment_run (spec, f->store, &rerun, NULL, NULL, NULL, &sum, &error));
  g_assert_cmpuint (sum.n_ran, ==, 1);
  g_assert_cmpuint (sum.n_reused, ==, 0);
  seen_clear (&s);
}

/* The arena is padded per block (oc-mlp.h), so theta_final holds at least every parameter. */
static void
test_train_artifact_size (Fixture *f, gconstpointer data)
{
  g_autoptr (OcSpec) spec = spec_from_json (TRAIN_JSON);
  g_autoptr (GError) error = NULL;
  g_autoptr (OcStorePoint) p = NULL;
  g_autoptr (OcNpyArray) theta = NULL;
  OcRunSummary sum;

  g_assert_true (oc_experiment_run (spec, f->store, NULL, NULL, NULL, NULL, &sum, &error));
  p = oc_store_get_point (f->store, sum.id, OC_TRAIN_POINT_KEY, FALSE, &error);
  theta = oc_store_get_artifact (f->store, sum.id, OC_TRAIN_POINT_KEY, "theta_final", &error);
  g_assert_no_error (error);
  g_assert_cmpint (theta->dtype, ==, OC_NPY_FLOAT32);
  g_assert_cmpuint (theta->n_elems, >=, p->parameters);
  for (gsize i = 0; i < theta->n_elems; i++)
    g_assert_true (isfinite (((const float *) theta->data)[i]));
}

/* The solution's norms: θ₀ is the network the spec builds before training, which is built here
 * again from the same data and seed. */
static void
test_train_norms (Fixture *f, gconstpointer data)
{
  g_autoptr (OcSpec) spec = spec_from_json (TRAIN_JSON);
  g_autoptr (GError) error = NULL;
  g_autoptr (OcNpyArray) theta = NULL;
  g_autoptr (OcDataset) ds = NULL;
  g_autoptr (OcMlp) init = NULL;
  const guint sizes[] = { 2, 8, 4 };
  OcRunSummary sum;

  g_assert_true (oc_experiment_run (spec, f->store, NULL, NULL, NULL, NULL, &sum, &error));
  g_assert_no_error (error);
  ds = oc_dataset_load (oc_spec_get_data_options (spec), NULL, &error);
  g_assert_no_error (error);
  init = oc_train_build_model (oc_spec_get_train_config (spec), ds, &error);
  g_assert_no_error (error);
  theta = stored_arena (f->store, sum.id, OC_TRAIN_POINT_KEY, "theta_final");
  g_assert_cmpuint (theta->n_elems, ==, init->n_params);
  assert_norms (f->store, sum.id, OC_TRAIN_POINT_KEY, theta->data, init->params, theta->n_elems,
                sizes, 3);
}

static void
test_train_diverges (Fixture *f, gconstpointer data)
{
  g_autoptr (OcSpec) bad = spec_from_json (
    "{\"version\":1,\"kind\":\"train\",\"data\":{\"name\":\"blobs\",\"n_points\":300},"
    "\"model\":{\"hidden\":[8]},\"optim\":{\"kind\":\"sgd\",\"lr\":1e8},\"train\":{\"epochs\":3,"
    "\"loss\":\"mse\"},\"run\":{\"threads\":1}}");
  g_autoptr (GError) error = NULL;
  g_autoptr (OcStorePoint) p = NULL;
  OcRunOptions rerun = { TRUE, NULL };
  OcRunSummary sum;

  /* A diverged run is a failed point, and the experiment failed; the call itself succeeds. */
  g_assert_true (oc_experiment_run (bad, f->store, NULL, NULL, NULL, NULL, &sum, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sum.n_failed, ==, 1);
  g_assert_cmpint (sum.status, ==, OC_STATUS_FAILED);
  g_assert_cmpint (stored_status (f->store, sum.id), ==, OC_STATUS_FAILED);
  p = oc_store_get_point (f->store, sum.id, OC_TRAIN_POINT_KEY, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (p->status, ==, OC_STATUS_FAILED);
  g_assert_nonnull (strstr (p->error, "diverged"));

  /* A failed point is not reused: the next run trains again. */
  g_assert_true (oc_experiment_run (bad, f->store, NULL, NULL, NULL, NULL, &sum, &error));
  g_assert_cmpuint (sum.n_reused, ==, 0);
  g_assert_cmpuint (sum.n_ran, ==, 1);

  /* A finished result survives a rerun that fails: the experiment stays finished. Plant one
   * under this spec's ID, as an earlier lucky run would have left it. */
  {
    g_autoptr (OcStorePoint) earlier = oc_store_point_new (sum.id, OC_TRAIN_POINT_KEY);
    g_autoptr (OcStorePoint) kept = NULL;

    earlier->status = OC_STATUS_FINISHED;
    earlier->finished = oc_store_now ();
    earlier->final.test_error = 0.25;
    g_assert_true (oc_store_put_point (f->store, earlier, NULL, &error));
    g_assert_true (oc_experiment_run (bad, f->store, &rerun, NULL, NULL, NULL, &sum, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (sum.n_failed, ==, 1);
    g_assert_cmpint (sum.status, ==, OC_STATUS_FINISHED);
    g_assert_cmpint (stored_status (f->store, sum.id), ==, OC_STATUS_FINISHED);
    kept = oc_store_get_point (f->store, sum.id, OC_TRAIN_POINT_KEY, FALSE, &error);
    g_assert_cmpint (kept->status, ==, OC_STATUS_FINISHED);
    g_assert_cmpfloat (kept->final.test_error, ==, 0.25);
  }
}

static void
test_bad_input_leaves_nothing (Fixture *f, gconstpointer data)
{
  g_autoptr (OcSpec) spec = spec_from_json (
    "{\"version\":1,\"kind\":\"train\",\"data\":{\"name\":\"mnist\","
    "\"data_dir\":\"/nonexistent/folder\"},\"train\":{\"epochs\":1}}");
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) list = NULL;
  OcRunSummary sum;
  Seen s;

  seen_init (&s);
  g_assert_false (oc_experiment_run (spec, f->store, NULL, observe, &s, NULL, &sum, &error));
  g_assert_error (error, OC_ERROR, OC_ERROR_NOT_FOUND);
  g_assert_true (sum.created);
  g_assert_true (sum.removed);
  g_assert_cmpuint (s.n_points, ==, 0);
  list = oc_store_list_experiments (f->store, NULL);
  g_assert_cmpuint (list->len, ==, 0);
  seen_clear (&s);
}

#define SWEEP_JSON \
  "{\"version\":1,\"kind\":\"sweep\",\"data\":{\"name\":\"spiral\",\"n_points\":200}," \
  "\"train\":{\"epochs\":4},\"sweep\":{\"widths\":\"2,16\",\"seeds\":\"0,1,2\"," \
  "\"record_every_epochs\":1},\"run\":{\"workers\":2}}"

static void
test_sweep_cancel_resume (Fixture *f, gconstpointer data)
{
  g_autoptr (OcSpec) spec = spec_from_json (SWEEP_JSON);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (OcRunPlan) plan = NULL;
  g_autoptr (GPtrArray) points = NULL;
  OcRunSummary sum;
  guint first;
  Seen s;

  plan = oc_run_plan_new (spec, f->store, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (oc_run_plan_get_n_points (plan), ==, 6);
  g_assert_cmpstr (oc_run_plan_get_label (plan, 0), ==, "width 2 · seed 0");
  g_assert_cmpstr (oc_run_plan_get_key (plan, 5), ==,
                   "{\"width\":16,\"n_train\":null,\"label_noise\":0,\"seed\":2}");
  g_assert_cmpint (oc_run_plan_find_key (plan, oc_run_plan_get_key (plan, 4)), ==, 4);
  g_assert_cmpint (oc_run_plan_find_key (plan, "{}"), ==, -1);
  g_assert_cmpfloat (oc_run_plan_get_cost (plan, 5), >, oc_run_plan_get_cost (plan, 0));
  g_assert_cmpuint (oc_run_plan_get_n_to_run (plan), ==, 6);

  seen_init (&s);
  s.cancel_after = 2;
  s.cancellable = cancellable;
  g_assert_false (oc_experiment_run (spec, f->store, NULL, observe, &s, cancellable, &sum,
                                     &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_false (s.overlapped);
  g_assert_false (s.done_decreased);
  g_assert_cmpint (sum.status, ==, OC_STATUS_CANCELLED);
  g_assert_false (sum.removed);
  g_assert_cmpint (stored_status (f->store, sum.id), ==, OC_STATUS_CANCELLED);
  first = sum.n_ran;
  g_assert_cmpuint (first, >=, 2);
  g_assert_cmpuint (first, <, 6);

  /* Resume: only the rest runs, and the experiment is then complete. */
  seen_clear (&s);
  seen_init (&s);
  g_assert_true (oc_experiment_run (spec, f->store, NULL, observe, &s, NULL, &sum, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sum.n_reused, ==, first);
  g_assert_cmpuint (sum.n_ran, ==, 6 - first);
  g_assert_cmpuint (s.n_points, ==, 6 - first);
  g_assert_cmpint (sum.status, ==, OC_STATUS_FINISHED);
  g_assert_cmpint (stored_status (f->store, sum.id), ==, OC_STATUS_FINISHED);
  points = oc_store_list_points (f->store, sum.id, TRUE, &error);
  g_assert_cmpuint (points->len, ==, 6);
  for (guint i = 0; i < points->len; i++)
    {
      const OcStorePoint *p = points->pdata[i];

      g_assert_cmpint (p->status, ==, OC_STATUS_FINISHED);
      g_assert_cmpuint (p->evals->len, ==, 5); /* the start and every epoch */
      g_assert_nonnull (p->started);
      g_assert_nonnull (p->finished);
    }
  seen_clear (&s);
}

static void
test_rff_linear (Fixture *f, gconstpointer data)
{
  g_autoptr (OcSpec) rff = spec_from_json (
    "{\"version\":1,\"kind\":\"rff\",\"data\":{\"name\":\"blobs\",\"n_points\":300},"
    "\"rff\":{\"features\":\"10,100\",\"seeds\":\"0,1\",\"sigma\":1}}");
  g_autoptr (OcSpec) linear = spec_from_json (
    "{\"version\":1,\"kind\":\"linear\",\"linear\":{\"n\":40,\"ps\":\"10,80\",\"seeds\":\"0\"}}");
  g_autoptr (GError) error = NULL;
  g_autoptr (OcStorePoint) p = NULL;
  OcRunSummary sum;
  Seen s;

  seen_init (&s);
  g_assert_true (oc_experiment_run (rff, f->store, NULL, observe, &s, NULL, &sum, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (s.n_points, ==, 4);
  g_assert_cmpuint (s.n_progress, ==, 4); /* one "started" report per fit */
  g_assert_true (g_hash_table_contains (s.artifact_names, "coef_norm"));
  g_assert_true (g_hash_table_contains (s.artifact_names, "condition"));
  g_assert_cmpint (stored_status (f->store, sum.id), ==, OC_STATUS_FINISHED);
  seen_clear (&s);

  g_assert_true (oc_experiment_run (linear, f->store, NULL, NULL, NULL, NULL, &sum, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sum.n_ran, ==, 2);
  p = oc_store_get_point (f->store, sum.id, "{\"p\":80,\"seed\":0}", FALSE, &error);
  g_assert_no_error (error);
  g_assert_true (isfinite (p->final.test_loss) && p->final.test_loss > 0);
  g_assert_cmpstr (p->architecture, ==, "linear, 80 features");
}

static void
test_prune (Fixture *f, gconstpointer data)
{
  g_autoptr (OcSpec) spec = spec_from_json (
    "{\"version\":1,\"kind\":\"prune\",\"data\":{\"name\":\"blobs\",\"n_points\":300},"
    "\"model\":{\"hidden\":[16]},\"train\":{\"iterations\":20},"
    "\"prune\":{\"levels\":2,\"controls\":\"imp,reinit,random\",\"seeds\":\"0,1\"}}");
  g_autoptr (GError) error = NULL;
  g_autoptr (OcRunPlan) plan = oc_run_plan_new (spec, NULL, FALSE, &error);
  OcRunSummary sum;
  guint checked = 0;
  Seen s;

  g_assert_no_error (error);
  /* 3 controls × 2 seeds × 3 levels; a control's dense level costs nothing of its own. */
  g_assert_cmpuint (oc_run_plan_get_n_points (plan), ==, 18);
  g_assert_cmpstr (oc_run_plan_get_label (plan, 4), ==, "imp · seed 1 · level 1");
  g_assert_cmpfloat (oc_run_plan_get_cost (plan, 6), ==, 0);
  g_assert_cmpfloat (oc_run_plan_get_cost (plan, 7), ==, 1);

  seen_init (&s);
  g_assert_true (oc_experiment_run (spec, f->store, NULL, observe, &s, NULL, &sum, &error));
  g_assert_no_error (error);
  g_assert_false (s.overlapped);
  g_assert_cmpuint (s.n_points, ==, 18);
  g_assert_cmpuint (s.n_reused, ==, 4);
  g_assert_true (g_hash_table_contains (s.artifact_names, "mask"));
  g_assert_true (g_hash_table_contains (s.artifact_names, "next_mask"));
  g_assert_cmpint (stored_status (f->store, sum.id), ==, OC_STATUS_FINISHED);
  seen_clear (&s);

  /* Every trained level records its solution's norms, the distance measured from where that
   * level's training started (θ₀, or the rewind point after the first level). */
  for (guint i = 0; i < oc_run_plan_get_n_points (plan); i++)
    {
      const char *key = oc_run_plan_get_key (plan, i);
      const guint sizes[] = { 2, 16, 4 };
      g_autoptr (OcNpyArray) start = stored_arena (f->store, sum.id, key, "theta_start");
      g_autoptr (OcNpyArray) final = stored_arena (f->store, sum.id, key, "theta_final");

      assert_norms (f->store, sum.id, key, final->data, start->data, final->n_elems, sizes, 3);
      checked++;
    }
  g_assert_cmpuint (checked, ==, 18);

  /* Everything is reused the second time. */
  g_assert_true (oc_experiment_run (spec, f->store, NULL, NULL, NULL, NULL, &sum, &error));
  g_assert_cmpuint (sum.n_reused, ==, 18);
  g_assert_cmpuint (sum.n_ran, ==, 0);
}

/* A sweep point is the train run of its width and seed: it records the same norms. */
static void
test_sweep_norms (Fixture *f, gconstpointer data)
{
  g_autoptr (OcSpec) sweep = spec_from_json (
    "{\"version\":1,\"kind\":\"sweep\",\"data\":{\"name\":\"spiral\",\"n_points\":200},"
    "\"train\":{\"epochs\":4},\"sweep\":{\"widths\":\"2,16\",\"seeds\":\"1\","
    "\"record_every_epochs\":2},\"run\":{\"workers\":1,\"threads\":1}}");
  g_autoptr (OcSpec) train = spec_from_json (
    "{\"version\":1,\"kind\":\"train\",\"data\":{\"name\":\"spiral\",\"n_points\":200},"
    "\"model\":{\"hidden\":[16]},\"train\":{\"epochs\":4,\"seed\":1},\"run\":{\"threads\":1}}");
  g_autoptr (GError) error = NULL;
  g_autoptr (OcRunPlan) plan = oc_run_plan_new (sweep, NULL, FALSE, &error);
  g_autoptr (OcStorePoint) p = NULL;
  g_autofree char *sweep_id = NULL;
  OcSolutionNorms of_sweep, of_train;
  OcRunSummary sum;
  const char *key = NULL;

  g_assert_no_error (error);
  g_assert_true (oc_experiment_run (sweep, f->store, NULL, NULL, NULL, NULL, &sum, &error));
  g_assert_no_error (error);
  sweep_id = g_strdup (sum.id);
  for (guint i = 0; i < oc_run_plan_get_n_points (plan); i++)
    {
      g_clear_pointer (&p, oc_store_point_free);
      p = oc_store_get_point (f->store, sweep_id, oc_run_plan_get_key (plan, i), FALSE, &error);
      g_assert_no_error (error);
      if (strstr (p->architecture, "-16-") != NULL)
        key = oc_run_plan_get_key (plan, i);
    }
  g_assert_nonnull (key);
  g_assert_true (oc_experiment_run (train, f->store, NULL, NULL, NULL, NULL, &sum, &error));
  g_assert_no_error (error);

  oc_solution_norms_from_store (&of_sweep, f->store, sweep_id, key);
  oc_solution_norms_from_store (&of_train, f->store, sum.id, OC_TRAIN_POINT_KEY);
  g_assert_true (isfinite (of_train.theta_norm) && of_train.theta_norm > 0);
  g_assert_true (isfinite (of_train.distance) && of_train.distance > 0);
  g_assert_true (isfinite (of_train.path_norm) && of_train.path_norm > 0);
  g_assert_cmpfloat_with_epsilon (of_sweep.theta_norm, of_train.theta_norm,
                                  1e-6 * of_train.theta_norm);
  g_assert_cmpfloat_with_epsilon (of_sweep.distance, of_train.distance, 1e-6 * of_train.distance);
  g_assert_cmpfloat_with_epsilon (of_sweep.path_norm, of_train.path_norm,
                                  1e-6 * of_train.path_norm);
}

static void
test_without_store (void)
{
  g_autoptr (OcSpec) spec = spec_from_json (SWEEP_JSON);
  g_autoptr (GError) error = NULL;
  OcRunSummary sum;
  Seen s;

  seen_init (&s);
  g_assert_true (oc_experiment_run (spec, NULL, NULL, observe, &s, NULL, &sum, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (s.n_points, ==, 6);
  g_assert_cmpint (sum.status, ==, OC_STATUS_FINISHED);
  g_assert_false (sum.created);
  seen_clear (&s);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) \
  g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/experiment/train", test_train);
  ADD ("/experiment/train-artifact", test_train_artifact_size);
  ADD ("/experiment/train-norms", test_train_norms);
  ADD ("/experiment/train-diverges", test_train_diverges);
  ADD ("/experiment/bad-input", test_bad_input_leaves_nothing);
  ADD ("/experiment/sweep-cancel-resume", test_sweep_cancel_resume);
  ADD ("/experiment/rff-linear", test_rff_linear);
  ADD ("/experiment/prune", test_prune);
  ADD ("/experiment/sweep-norms", test_sweep_norms);
#undef ADD
  g_test_add_func ("/experiment/without-store", test_without_store);
  return g_test_run ();
}
