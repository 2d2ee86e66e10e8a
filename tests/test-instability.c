/* test-instability.c — training states and resuming, the path between two children, the
 * instability, and the `instability` kind from a spec to the store (dense and a pruned level).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "occam/oc-error.h"
#include "occam/oc-experiment.h"
#include "occam/oc-instability.h"
#include "occam/oc-prune.h"

static const guint hidden[] = { 24, 12 };

static OcDataset *
load_spiral (void)
{
  g_autoptr (GError) error = NULL;
  OcDataOptions opts;
  OcDataset *ds;

  oc_data_options_init (&opts);
  opts.name = "spiral";
  opts.n_points = 600;
  ds = oc_dataset_load (&opts, NULL, &error);
  g_assert_no_error (error);
  return ds;
}

/* Adam (two moments), batch 32 on 480 training points: 15 steps per epoch, so k = 37 is in the
 * middle of an epoch. */
static void
config (OcTrainConfig *cfg)
{
  oc_train_config_init (cfg);
  cfg->hidden = hidden;
  cfg->n_hidden = G_N_ELEMENTS (hidden);
  cfg->batch = 32;
  cfg->iterations = 120;
  cfg->eval_every = 40;
  cfg->threads = 1;
  cfg->seed = 3;
  cfg->optim.lr = 0.01;
}

typedef struct
{
  OcTrainState *state;
  guint         n_states;
} Capture;

static void
on_capture (const OcProgress *p, gpointer user_data)
{
  Capture *c = user_data;
  g_autoptr (GError) error = NULL;

  if (p->state == NULL)
    return;
  g_assert_cmpuint (p->state->iteration, ==, p->iteration);
  c->n_states++;
  g_clear_pointer (&c->state, oc_train_state_free);
  c->state = oc_train_state_dup (p->state, &error);
  g_assert_no_error (error);
}

static void
assert_floats_identical (const float *a, const float *b, gsize n)
{
  g_assert_nonnull (a);
  g_assert_nonnull (b);
  g_assert_cmpint (memcmp (a, b, n * sizeof (float)), ==, 0);
}

/* Continuing from a captured state with the parent's own data order ends bit-identical to the
 * run that was never interrupted: everything a step reads is in the state. */
static void
test_resume_is_exact (void)
{
  g_autoptr (OcDataset) ds = load_spiral ();
  g_autoptr (OcMlp) whole = NULL;
  g_autoptr (OcMlp) resumed = NULL;
  g_autoptr (OcTrainResult) r1 = NULL;
  g_autoptr (OcTrainResult) r2 = NULL;
  g_autoptr (GError) error = NULL;
  static const guint64 at[] = { 37 };
  Capture c = { 0 };
  OcTrainConfig cfg;

  config (&cfg);
  cfg.capture_at = at;
  cfg.n_capture_at = 1;
  whole = oc_train_build_model (&cfg, ds, &error);
  g_assert_no_error (error);
  r1 = oc_train_run (&cfg, ds, whole, NULL, on_capture, &c, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (c.n_states, ==, 1);
  g_assert_cmpuint (c.state->iteration, ==, 37);
  g_assert_cmpuint (c.state->optim_steps, ==, 37);
  g_assert_cmpuint (c.state->pos, ==, (37 % 15) * 32);
  g_assert_nonnull (c.state->m);
  g_assert_nonnull (c.state->v);

  cfg.n_capture_at = 0;
  resumed = oc_mlp_dup (whole, &error);
  memset (resumed->params, 0, sizeof (float) * resumed->n_params);
  r2 = oc_train_resume (&cfg, ds, resumed, c.state, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  assert_floats_identical (whole->params, resumed->params, whole->n_params);
  g_assert_cmpfloat (r1->final.test_loss, ==, r2->final.test_loss);
  g_assert_cmpuint (r2->iterations, ==, 120 - 37);
  g_assert_cmpuint (g_array_index (r2->evals, OcEvalPoint, 0).iteration, ==, 37);
  oc_train_state_free (c.state);
}

/* A child captured at its own first step boundary holds the parent's state at k exactly —
 * weights, both moments, the step counter — and a child with another data order ends elsewhere. */
static void
test_children_start_from_parent (void)
{
  g_autoptr (OcDataset) ds = load_spiral ();
  g_autoptr (OcMlp) parent = NULL;
  g_autoptr (OcMlp) child = NULL;
  g_autoptr (OcMlp) other = NULL;
  g_autoptr (OcTrainResult) r = NULL;
  g_autoptr (GError) error = NULL;
  static const guint64 at[] = { 37 };
  Capture c = { 0 }, start = { 0 };
  OcTrainConfig cfg;
  guint64 seed_a = oc_instability_child_seed (3, 0), seed_b = oc_instability_child_seed (3, 1);

  g_assert_cmpuint (seed_a, !=, seed_b);
  g_assert_cmpuint (seed_a, !=, 3);
  config (&cfg);
  cfg.capture_at = at;
  cfg.n_capture_at = 1;
  cfg.stop_at = 37;
  parent = oc_train_build_model (&cfg, ds, &error);
  r = oc_train_run (&cfg, ds, parent, NULL, on_capture, &c, NULL, &error);
  g_assert_no_error (error);
  /* The parent stopped at k while its schedule spans the whole run. */
  g_assert_cmpuint (r->iterations, ==, 37);
  g_clear_pointer (&r, oc_train_result_free);

  cfg.stop_at = 0;
  child = oc_mlp_dup (parent, &error);
  memset (child->params, 0, sizeof (float) * child->n_params);
  r = oc_train_resume (&cfg, ds, child, c.state, &seed_a, NULL, on_capture, &start, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (start.n_states, ==, 1);
  g_assert_cmpuint (start.state->iteration, ==, 37);
  g_assert_cmpuint (start.state->optim_steps, ==, c.state->optim_steps);
  assert_floats_identical (start.state->params, c.state->params, c.state->n_params);
  assert_floats_identical (start.state->m, c.state->m, c.state->n_params);
  assert_floats_identical (start.state->v, c.state->v, c.state->n_params);
  g_assert_cmpuint (start.state->pos, ==, c.state->pos);
  g_clear_pointer (&r, oc_train_result_free);

  cfg.n_capture_at = 0;
  other = oc_mlp_dup (parent, &error);
  r = oc_train_resume (&cfg, ds, other, c.state, &seed_b, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (memcmp (child->params, other->params, sizeof (float) * child->n_params), !=,
                   0);
  oc_train_state_free (c.state);
  oc_train_state_free (start.state);
}

/* A state that does not fit is refused with a message. */
static void
test_resume_refuses_foreign_state (void)
{
  g_autoptr (OcDataset) ds = load_spiral ();
  g_autoptr (OcMlp) m = NULL;
  g_autoptr (OcTrainState) s = NULL;
  g_autoptr (OcTrainResult) r = NULL;
  g_autoptr (GError) error = NULL;
  OcTrainConfig cfg;

  config (&cfg);
  m = oc_train_build_model (&cfg, ds, &error);
  s = oc_train_state_new_start (m, ds->train.n + 1, 0, &error);
  g_assert_no_error (error);
  r = oc_train_resume (&cfg, ds, m, s, NULL, NULL, NULL, NULL, &error);
  g_assert_null (r);
  g_assert_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "training examples"));
}

/* The children of a pruned parent keep its mask: pruned weights are zero after training and
 * everywhere on the path, even when one end carries stray values there. */
static void
test_mask_on_children_and_path (void)
{
  g_autoptr (OcDataset) ds = load_spiral ();
  g_autoptr (OcMlp) parent = NULL;
  g_autoptr (OcMlp) a = NULL;
  g_autoptr (OcMlp) b = NULL;
  g_autoptr (OcMlp) mid = NULL;
  g_autoptr (OcTrainState) s = NULL;
  g_autoptr (OcTrainResult) ra = NULL;
  g_autoptr (OcTrainResult) rb = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree float *scores = NULL;
  OcPruneRates rates;
  OcTrainConfig cfg;
  guint64 sa = oc_instability_child_seed (0, 0), sb = oc_instability_child_seed (0, 1);
  gsize pruned = 0;

  config (&cfg);
  parent = oc_train_build_model (&cfg, ds, &error);
  g_assert_no_error (error);
  g_assert_true (oc_mlp_enable_mask (parent, &error));
  scores = g_new (float, parent->n_params);
  oc_prune_scores_magnitude (parent, scores);
  oc_prune_rates_init (&rates);
  rates.rate = 0.6;
  oc_prune_by_scores (parent, scores, &rates);
  s = oc_train_state_new_start (parent, ds->train.n, 0, &error);
  g_assert_no_error (error);
  g_assert_nonnull (s->mask);

  a = oc_mlp_dup (parent, &error);
  b = oc_mlp_dup (parent, &error);
  g_clear_pointer (&b->mask, g_free); /* the state brings the mask back */
  ra = oc_train_resume (&cfg, ds, a, s, &sa, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  rb = oc_train_resume (&cfg, ds, b, s, &sb, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (b->mask);
  for (gsize i = 0; i < a->n_params; i++)
    if (s->mask[i] == 0.0f)
      {
        pruned++;
        g_assert_cmpfloat (a->params[i], ==, 0.0f);
        g_assert_cmpfloat (b->params[i], ==, 0.0f);
        b->params[i] = 1.0f; /* stray: the path must not carry it */
      }
  g_assert_cmpuint (pruned, >, a->n_params / 3);

  mid = oc_mlp_dup (a, &error);
  for (guint i = 0; i < 5; i++)
    {
      double alpha = oc_instability_alpha (i, 5);

      oc_instability_interpolate (mid, a, b, alpha);
      for (gsize j = 0; j < a->n_params; j++)
        if (s->mask[j] == 0.0f)
          g_assert_cmpfloat (mid->params[j], ==, 0.0f);
        else
          g_assert_cmpfloat (fabs (mid->params[j] - ((1 - alpha) * a->params[j]
                                                    + alpha * b->params[j])), <=,
                             1e-6 * (1 + fabs (a->params[j]) + fabs (b->params[j])));
    }
}

/* α = 0 and α = 1 are the children themselves: the path's ends equal their own final
 * evaluations (same kernels, same chunks, one thread). */
static void
test_path_ends_are_the_children (void)
{
  g_autoptr (OcDataset) ds = load_spiral ();
  g_autoptr (OcMlp) a = NULL;
  g_autoptr (OcMlp) b = NULL;
  g_autoptr (OcTrainState) s = NULL;
  g_autoptr (OcTrainResult) ra = NULL;
  g_autoptr (OcTrainResult) rb = NULL;
  g_autoptr (GError) error = NULL;
  double errors[7], losses[7];
  OcTrainConfig cfg;
  guint64 sa = 11, sb = 12;

  config (&cfg);
  a = oc_train_build_model (&cfg, ds, &error);
  b = oc_mlp_dup (a, &error);
  s = oc_train_state_new_start (a, ds->train.n, cfg.seed, &error);
  g_assert_no_error (error);
  ra = oc_train_resume (&cfg, ds, a, s, &sa, NULL, NULL, NULL, &error);
  rb = oc_train_resume (&cfg, ds, b, s, &sb, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (oc_instability_path (a, b, cfg.loss, ds, 7, errors, losses, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (errors[0], ==, ra->final.test_error);
  g_assert_cmpfloat (losses[0], ==, ra->final.test_loss);
  g_assert_cmpfloat (errors[6], ==, rb->final.test_error);
  g_assert_cmpfloat (losses[6], ==, rb->final.test_loss);
  g_assert_cmpfloat (oc_instability_alpha (3, 7), ==, 0.5);
  g_assert_cmpfloat (oc_instability_alpha (6, 7), ==, 1.0);
}

static void
test_value_and_keys (void)
{
  const double flat[] = { 0.10, 0.10, 0.12 };
  const double barrier[] = { 0.10, 0.30, 0.45, 0.20, 0.12 };
  const double broken[] = { 0.10, NAN, 0.12 };
  guint64 k, seed;
  guint level;
  g_autofree char *key = oc_instability_point_key (500, 3, 7);

  g_assert_cmpfloat_with_epsilon (oc_instability_value (flat, 3), 0.01, 1e-12);
  g_assert_cmpfloat_with_epsilon (oc_instability_value (barrier, 5), 0.45 - 0.11, 1e-12);
  g_assert_true (isnan (oc_instability_value (broken, 3)));
  g_assert_cmpstr (key, ==, "{\"k\":500,\"level\":3,\"seed\":7}");
  g_assert_true (oc_instability_parse_key (key, &k, &level, &seed));
  g_assert_cmpuint (k, ==, 500);
  g_assert_cmpuint (level, ==, 3);
  g_assert_cmpuint (seed, ==, 7);
  g_assert_false (oc_instability_parse_key ("{\"k\":05,\"level\":3,\"seed\":7}", NULL, NULL,
                                            NULL));
  g_assert_false (oc_instability_parse_key ("{\"control\":\"imp\",\"seed\":0,\"level\":3}", NULL,
                                            NULL, NULL));
}

/* ---- The kind, from a spec to the store ---- */

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

  f->dir = g_dir_make_tmp ("occam-instability-XXXXXX", &error);
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

#define TRAIN_JSON \
  "\"data\":{\"name\":\"spiral\",\"n_points\":600}," \
  "\"model\":{\"hidden\":[24,12]},\"optim\":{\"kind\":\"adam\",\"lr\":0.01}," \
  "\"train\":{\"batch\":32,\"iterations\":120},\"run\":{\"threads\":2}"

static OcSpec *
spec_from_json (const char *json)
{
  g_autoptr (GError) error = NULL;
  OcSpec *spec = oc_spec_new_from_json (json, -1, NULL, &error);

  g_assert_no_error (error);
  return spec;
}

static OcNpyArray *
artifact (OcStore *store, const char *id, const char *key, const char *name)
{
  g_autoptr (GError) error = NULL;
  OcNpyArray *a = oc_store_get_artifact (store, id, key, name, &error);

  g_assert_no_error (error);
  return a;
}

static void
test_kind_dense (Fixture *f, gconstpointer data)
{
  g_autoptr (OcSpec) spec = spec_from_json (
    "{\"version\":1,\"kind\":\"instability\"," TRAIN_JSON ","
    "\"instability\":{\"rewind_iterations\":\"37,0\",\"alphas\":5}}");
  g_autoptr (GError) error = NULL;
  OcRunSummary sum;
  static const guint64 ks[] = { 0, 37 };

  g_assert_true (oc_experiment_run (spec, f->store, NULL, NULL, NULL, NULL, &sum, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sum.n_points, ==, 2);
  g_assert_cmpuint (sum.n_ran, ==, 2);
  g_assert_cmpuint (sum.n_failed, ==, 0);
  g_assert_cmpint (sum.status, ==, OC_STATUS_FINISHED);
  for (guint i = 0; i < G_N_ELEMENTS (ks); i++)
    {
      g_autofree char *key = oc_instability_point_key (ks[i], 0, 0);
      g_autoptr (OcStorePoint) p = oc_store_get_point (f->store, sum.id, key, FALSE, &error);
      g_autoptr (OcNpyArray) path = NULL;
      g_autoptr (OcNpyArray) ends = NULL;
      const float *v, *e;

      g_assert_no_error (error);
      g_assert_cmpint (p->status, ==, OC_STATUS_FINISHED);
      path = artifact (f->store, sum.id, key, "path");
      ends = artifact (f->store, sum.id, key, "children");
      g_assert_cmpuint (path->n_dims, ==, 2);
      g_assert_cmpuint (path->shape[0], ==, 5);
      g_assert_cmpuint (path->shape[1], ==, 3);
      v = path->data;
      e = ends->data;
      g_assert_cmpfloat (v[0], ==, 0.0f);
      g_assert_cmpfloat (v[3 * 2], ==, 0.5f);
      g_assert_cmpfloat (v[3 * 4], ==, 1.0f);
      /* The ends of the path are the children's own evaluations (one thread each). */
      g_assert_cmpfloat (v[1], ==, e[0]);
      g_assert_cmpfloat (v[3 * 4 + 1], ==, e[2]);
      g_assert_cmpfloat (fabs (v[2] - e[1]), <=, 1e-6 * fabs (e[1]));
      g_assert_cmpfloat (fabs (p->final.test_error - 0.5 * ((double) e[0] + e[2])), <, 1e-6);
      g_assert_cmpuint (p->iterations, ==, 120);
    }
  /* The same spec again reuses both points. */
  g_assert_true (oc_experiment_run (spec, f->store, NULL, NULL, NULL, NULL, &sum, &error));
  g_assert_cmpuint (sum.n_ran, ==, 0);
  g_assert_cmpuint (sum.n_reused, ==, 2);
}

/* Level 1 of a prune experiment: children start from the level's masked θ at its rewind point;
 * any other k is refused with what is possible, before anything is recorded. */
static void
test_kind_level (Fixture *f, gconstpointer data)
{
  g_autoptr (OcSpec) prune = spec_from_json (
    "{\"version\":1,\"kind\":\"prune\"," TRAIN_JSON ","
    "\"prune\":{\"levels\":2,\"rate\":0.5,\"rewind\":\"iter:20\"}}");
  g_autoptr (OcSpec) bad = NULL;
  g_autoptr (OcSpec) good = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *json = NULL;
  g_autoptr (OcNpyArray) mask = NULL;
  OcRunSummary sum, psum;
  g_autofree char *key = oc_instability_point_key (20, 1, 0);

  g_assert_true (oc_experiment_run (prune, f->store, NULL, NULL, NULL, NULL, &psum, &error));
  g_assert_no_error (error);

  json = g_strdup_printf ("{\"version\":1,\"kind\":\"instability\"," TRAIN_JSON ","
                          "\"instability\":{\"rewind_iterations\":\"0,20\",\"alphas\":3,"
                          "\"from_experiment\":\"%.6s\",\"level\":1}}", psum.id);
  bad = spec_from_json (json);
  g_assert_false (oc_experiment_run (bad, f->store, NULL, NULL, NULL, NULL, &sum, &error));
  g_assert_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "exists only at k = 20"));
  g_assert_true (sum.removed);
  g_clear_error (&error);
  g_clear_pointer (&json, g_free);

  json = g_strdup_printf ("{\"version\":1,\"kind\":\"instability\"," TRAIN_JSON ","
                          "\"instability\":{\"rewind_iterations\":\"20\",\"alphas\":3,"
                          "\"from_experiment\":\"%s\",\"level\":1}}", psum.id);
  good = spec_from_json (json);
  g_assert_true (oc_experiment_run (good, f->store, NULL, NULL, NULL, NULL, &sum, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sum.n_ran, ==, 1);
  g_assert_cmpuint (sum.n_failed, ==, 0);
  {
    g_autoptr (OcStorePoint) p = oc_store_get_point (f->store, sum.id, key, FALSE, &error);

    g_assert_no_error (error);
    g_assert_cmpint (p->status, ==, OC_STATUS_FINISHED);
    g_assert_true (isfinite (p->final.test_error));
  }
  mask = artifact (f->store, psum.id, "{\"control\":\"imp\",\"seed\":0,\"level\":1}", "mask");
  g_assert_nonnull (mask);
}

/* A prune experiment trained otherwise, or a source of the wrong kind, is refused. */
static void
test_kind_source_errors (Fixture *f, gconstpointer data)
{
  g_autoptr (OcSpec) train = spec_from_json ("{\"version\":1,\"kind\":\"train\"," TRAIN_JSON "}");
  g_autoptr (OcSpec) spec = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *json = NULL;
  OcRunSummary sum, tsum;

  g_assert_true (oc_experiment_run (train, f->store, NULL, NULL, NULL, NULL, &tsum, &error));
  json = g_strdup_printf ("{\"version\":1,\"kind\":\"instability\"," TRAIN_JSON ","
                          "\"instability\":{\"rewind_iterations\":\"0\","
                          "\"from_experiment\":\"%s\",\"level\":1}}", tsum.id);
  spec = spec_from_json (json);
  g_assert_false (oc_experiment_run (spec, f->store, NULL, NULL, NULL, NULL, &sum, &error));
  g_assert_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "is a train experiment"));
  g_assert_true (sum.removed);
}

static void
test_spec_rules (void)
{
  static const struct { const char *instability, *message; } cases[] = {
    { "{\"level\":2}", "$.instability.level: a level needs the prune experiment" },
    { "{\"from_experiment\":\"abc\"}", "$.instability.from_experiment: say which IMP level" },
    { "{\"from_experiment\":\"XYZ\",\"level\":1}", "is not an experiment ID" },
    { "{\"rewind_iterations\":\"0,120\"}", "k = 120 is not before the end of the 120" },
    { "{\"rewind_iterations\":\"0,x\"}", "$.instability.rewind_iterations:" },
    { "{\"alphas\":1}", "$.instability.alphas:" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"version\":1,\"kind\":\"instability\","
                                               TRAIN_JSON ",\"instability\":%s}",
                                               cases[i].instability);
      g_autoptr (GError) error = NULL;
      g_autoptr (OcSpec) spec = oc_spec_new_from_json (json, -1, NULL, &error);

      g_assert_null (spec);
      g_assert_error (error, OC_ERROR, OC_ERROR_SPEC);
      if (strstr (error->message, cases[i].message) == NULL)
        g_error ("case %u: %s", i, error->message);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/instability/resume-is-exact", test_resume_is_exact);
  g_test_add_func ("/instability/children-start-from-parent", test_children_start_from_parent);
  g_test_add_func ("/instability/resume-refuses-foreign-state",
                   test_resume_refuses_foreign_state);
  g_test_add_func ("/instability/mask-on-children-and-path", test_mask_on_children_and_path);
  g_test_add_func ("/instability/path-ends-are-the-children", test_path_ends_are_the_children);
  g_test_add_func ("/instability/value-and-keys", test_value_and_keys);
  g_test_add_func ("/instability/spec-rules", test_spec_rules);
  g_test_add ("/instability/kind-dense", Fixture, NULL, fixture_set_up, test_kind_dense,
              fixture_tear_down);
  g_test_add ("/instability/kind-level", Fixture, NULL, fixture_set_up, test_kind_level,
              fixture_tear_down);
  g_test_add ("/instability/kind-source-errors", Fixture, NULL, fixture_set_up,
              test_kind_source_errors, fixture_tear_down);
  return g_test_run ();
}
