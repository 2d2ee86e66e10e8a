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

  /* Everything is reused the second time. */
  g_assert_true (oc_experiment_run (spec, f->store, NULL, NULL, NULL, NULL, &sum, &error));
  g_assert_cmpuint (sum.n_reused, ==, 18);
  g_assert_cmpuint (sum.n_ran, ==, 0);
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
  ADD ("/experiment/train-diverges", test_train_diverges);
  ADD ("/experiment/bad-input", test_bad_input_leaves_nothing);
  ADD ("/experiment/sweep-cancel-resume", test_sweep_cancel_resume);
  ADD ("/experiment/rff-linear", test_rff_linear);
  ADD ("/experiment/prune", test_prune);
#undef ADD
  g_test_add_func ("/experiment/without-store", test_without_store);
  return g_test_run ();
}
