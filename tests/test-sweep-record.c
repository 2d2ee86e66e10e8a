/* test-sweep-record.c — sweep and random-features points go to the store and come back with the
 * columns, keys and artifacts occam-cli writes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <math.h>

#include "occam/oc-error.h"
#include "occam/oc-sweep-record.h"

typedef struct
{
  OcStore      *store;
  const OcSpec *spec;
  char         *id;
  OcSweepConfig cfg;
  GMutex        lock;
  guint         n_recorded;
} Recorder;

static gboolean
record (const OcPointOutcome *o, gpointer user_data, GError **error)
{
  Recorder *r = user_data;
  g_autofree char *key = oc_sweep_point_key (&r->cfg, o->point);
  g_autoptr (OcStorePoint) sp = oc_sweep_point_record_new (r->id, key, o, 1);

  g_mutex_lock (&r->lock);
  r->n_recorded++;
  g_mutex_unlock (&r->lock);
  return oc_store_put_point (r->store, sp, NULL, error);
}

static char *
temp_store_path (char **dir)
{
  g_autoptr (GError) error = NULL;

  *dir = g_dir_make_tmp ("occam-sweep-record-XXXXXX", &error);
  g_assert_no_error (error);
  return g_build_filename (*dir, "occam.db", NULL);
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
test_sweep_points (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = temp_store_path (&dir);
  g_autoptr (GError) error = NULL;
  g_autoptr (OcSpec) spec = NULL;
  g_autoptr (GArray) points = NULL;
  Recorder r = { 0 };
  OcSweepCallbacks cb = { NULL, NULL, record, &r };

  spec = oc_spec_new_from_json ("{\"version\": 1, \"kind\": \"sweep\","
                                "\"data\": {\"name\": \"blobs\", \"n_points\": 200},"
                                "\"model\": {\"hidden\": [4]},"
                                "\"train\": {\"epochs\": 2, \"batch\": 32},"
                                "\"sweep\": {\"widths\": \"2,8\", \"seeds\": \"0,1\","
                                " \"record_every_epochs\": 1}}", -1, NULL, &error);
  g_assert_no_error (error);
  r.store = oc_store_open (path, OC_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  r.id = oc_spec_id (spec);
  g_mutex_init (&r.lock);
  g_assert_true (oc_sweep_config_from_spec (spec, &r.cfg, &error));
  points = oc_sweep_points (&r.cfg);
  g_assert_true (oc_store_begin_experiment (r.store, spec, points->len, NULL, &error));
  g_assert_true (oc_sweep_run (&r.cfg, &cb, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (r.n_recorded, ==, 4);

  for (guint i = 0; i < points->len; i++)
    {
      const OcSweepPoint *p = &g_array_index (points, OcSweepPoint, i);
      g_autofree char *key = oc_sweep_point_key (&r.cfg, p);
      g_autofree char *arch = g_strdup_printf ("2-%u-%u", p->width, 4);
      g_autoptr (OcStorePoint) sp = oc_store_get_point (r.store, r.id, key, TRUE, &error);

      g_assert_no_error (error);
      g_assert_cmpint (sp->status, ==, OC_STATUS_FINISHED);
      g_assert_cmpstr (sp->architecture, ==, arch);
      g_assert_cmpuint (oc_store_point_outputs (sp), ==, 4);
      /* 2-w-4 (blobs has four classes): (2 + 1)·w + (w + 1)·4 */
      g_assert_cmpuint (sp->parameters, ==, 3 * p->width + 4 * (p->width + 1));
      g_assert_cmpuint (sp->n_train, ==, 160);
      /* Evaluated at the start and after each of the two epochs. */
      g_assert_cmpuint (sp->evals->len, ==, 3);
      g_assert_cmpfloat (sp->final.test_error, ==,
                         g_array_index (sp->evals, OcEvalPoint, 2).test_error);
    }
  oc_sweep_config_clear (&r.cfg);
  g_mutex_clear (&r.lock);
  g_free (r.id);
  oc_store_close (r.store);
  remove_store (dir, path);
}

static void
test_rff_point (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = temp_store_path (&dir);
  g_autoptr (GError) error = NULL;
  g_autoptr (OcSpec) spec = NULL;
  g_autoptr (OcStore) store = NULL;
  g_autoptr (OcDataset) data = NULL;
  g_autoptr (OcStorePoint) sp = NULL;
  g_autoptr (OcStorePoint) back = NULL;
  g_autoptr (GPtrArray) artifacts = NULL;
  g_autofree char *id = NULL;
  g_autofree char *key = oc_rff_point_key (40, 3);
  OcDataOptions opts;
  OcRffConfig cfg;
  OcRffResult res;

  /* The key occam-cli rff stores, character for character. */
  g_assert_cmpstr (key, ==, "{\"features\":40,\"seed\":3}");
  spec = oc_spec_new_from_json ("{\"version\": 1, \"kind\": \"rff\","
                                "\"data\": {\"name\": \"moons\", \"n_points\": 100},"
                                "\"rff\": {\"features\": \"40\", \"seeds\": \"3\"}}", -1, NULL,
                                &error);
  g_assert_no_error (error);
  id = oc_spec_id (spec);
  oc_data_options_init (&opts);
  opts.name = "moons";
  opts.n_points = 100;
  data = oc_dataset_load (&opts, NULL, &error);
  g_assert_no_error (error);
  oc_rff_config_init (&cfg);
  cfg.n_features = 40;
  cfg.seed = 3;
  cfg.threads = 1;
  g_assert_true (oc_rff_fit (&cfg, data, NULL, &res, &error));

  sp = oc_rff_point_record_new (id, key, data, OC_FEATURES_FOURIER, 1, &res);
  g_assert_cmpstr (sp->architecture, ==, "2-[40 fourier features]-2");
  g_assert_cmpuint (sp->parameters, ==, 80);
  g_assert_cmpuint (oc_store_point_outputs (sp), ==, 2);
  g_assert_cmpfloat (sp->final.test_loss, ==, res.test_mse);
  artifacts = oc_rff_point_artifacts (&res, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (artifacts->len, ==, 2);

  store = oc_store_open (path, OC_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (oc_store_begin_experiment (store, spec, 1, NULL, &error));
  g_assert_true (oc_store_put_point (store, sp, artifacts, &error));
  back = oc_store_get_point (store, id, key, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (back->final.train_error, ==, res.train_error);
  g_assert_cmpfloat (oc_store_get_scalar (store, id, key, "coef_norm"), ==,
                     (float) res.coef_norm);
  g_assert_cmpfloat (oc_store_get_scalar (store, id, key, "condition"), ==,
                     (float) res.condition);
  g_assert_true (isnan (oc_store_get_scalar (store, id, key, "missing")));
  g_clear_pointer (&store, oc_store_close);
  remove_store (dir, path);
}

static void
test_stuck_and_outputs (void)
{
  OcStorePoint p = { 0 };

  /* Ten classes: chance is 0.9, stuck from 0.81. */
  g_assert_true (oc_sweep_is_stuck (0.85, 10));
  g_assert_true (oc_sweep_is_stuck (0.81, 10));
  g_assert_false (oc_sweep_is_stuck (0.80, 10));
  g_assert_false (oc_sweep_is_stuck (NAN, 10));
  g_assert_false (oc_sweep_is_stuck (0.9, 1));
  /* Two classes: chance 0.5, stuck from 0.45. */
  g_assert_true (oc_sweep_is_stuck (0.5, 2));
  g_assert_false (oc_sweep_is_stuck (0.3, 2));

  g_assert_cmpuint (oc_store_point_outputs (NULL), ==, 0);
  g_assert_cmpuint (oc_store_point_outputs (&p), ==, 0);
  p.architecture = (char *) "784-1024-512-10";
  g_assert_cmpuint (oc_store_point_outputs (&p), ==, 10);
  p.architecture = (char *) "784-[4000 relu features]-10";
  g_assert_cmpuint (oc_store_point_outputs (&p), ==, 10);
  p.architecture = (char *) "784-x";
  g_assert_cmpuint (oc_store_point_outputs (&p), ==, 0);
}

/* What a point records of its solution: every measure of a ReLU net, no path norm for tanh, no
 * distance without θ₀; what is not recorded reads NaN again. */
static void
test_solution_norms (void)
{
  const guint sizes[] = { 3, 4, 2 };
  g_autoptr (OcMlp) relu = oc_mlp_new (sizes, 3, OC_ACT_RELU, NULL);
  g_autoptr (OcMlp) tanh_net = oc_mlp_new (sizes, 3, OC_ACT_TANH, NULL);
  g_autoptr (GPtrArray) artifacts = g_ptr_array_new_with_free_func (
    (GDestroyNotify) oc_store_artifact_free);
  g_autoptr (GPtrArray) fewer = g_ptr_array_new_with_free_func (
    (GDestroyNotify) oc_store_artifact_free);
  g_autofree float *theta0 = NULL;
  g_autoptr (GError) error = NULL;
  OcSolutionNorms n, back;
  OcRng rng;

  oc_rng_init (&rng, 3, OC_STREAM_INIT);
  oc_mlp_init_params (relu, OC_INIT_TORCH_DEFAULT, &rng);
  theta0 = oc_mlp_snapshot (relu, NULL);
  /* Every parameter 0.5 further: a distance of 0.5·√(#parameters) = 0.5·√26. */
  for (guint l = 0; l < relu->n_layers; l++)
    {
      for (gsize i = 0; i < oc_mlp_weight_count (relu, l); i++)
        oc_mlp_weights (relu, l)[i] += 0.5f;
      for (guint i = 0; i < sizes[l + 1]; i++)
        oc_mlp_bias (relu, l)[i] += 0.5f;
    }
  oc_solution_norms_measure (&n, relu, theta0);
  g_assert_cmpfloat (n.theta_norm, ==, oc_mlp_l2_norm (relu));
  g_assert_cmpfloat (n.path_norm, ==, oc_mlp_path_norm (relu));
  g_assert_cmpfloat_with_epsilon (n.distance, 0.5 * sqrt (26.0), 1e-6);

  g_assert_true (oc_solution_norms_add_artifacts (&n, artifacts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (artifacts->len, ==, 3);
  oc_solution_norms_from_artifacts (&back, artifacts);
  g_assert_cmpfloat (back.theta_norm, ==, (float) n.theta_norm);
  g_assert_cmpfloat (back.distance, ==, (float) n.distance);
  g_assert_cmpfloat (back.path_norm, ==, (float) n.path_norm);

  oc_mlp_init_params (tanh_net, OC_INIT_TORCH_DEFAULT, &rng);
  oc_solution_norms_measure (&n, tanh_net, NULL);
  g_assert_cmpfloat (n.theta_norm, ==, oc_mlp_l2_norm (tanh_net));
  g_assert_true (isnan (n.distance));
  g_assert_true (isnan (n.path_norm));
  g_assert_true (oc_solution_norms_add_artifacts (&n, fewer, &error));
  g_assert_cmpuint (fewer->len, ==, 1);
  oc_solution_norms_from_artifacts (&back, fewer);
  g_assert_cmpfloat (back.theta_norm, ==, (float) n.theta_norm);
  g_assert_true (isnan (back.distance) && isnan (back.path_norm));
  oc_solution_norms_from_artifacts (&back, NULL);
  g_assert_true (isnan (back.theta_norm));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sweep-record/sweep-points", test_sweep_points);
  g_test_add_func ("/sweep-record/rff-point", test_rff_point);
  g_test_add_func ("/sweep-record/stuck-and-outputs", test_stuck_and_outputs);
  g_test_add_func ("/sweep-record/solution-norms", test_solution_norms);
  return g_test_run ();
}
