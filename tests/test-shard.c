/* test-shard.c — sharded experiments: the partition of a plan's points, a shard's status, and
 * shards merged back into the whole experiment.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "occam/oc-error.h"
#include "occam/oc-experiment.h"

/* 7 widths × 3 seeds: costs that differ by width. */
#define SWEEP_JSON \
  "{\"version\":1,\"kind\":\"sweep\",\"data\":{\"name\":\"spiral\",\"n_points\":120}," \
  "\"train\":{\"epochs\":2},\"sweep\":{\"widths\":\"1,2,4,8,16,32,64\",\"seeds\":\"0,1,2\"," \
  "\"record_every_epochs\":1},\"run\":{\"workers\":1,\"threads\":1}}"

#define SMALL_SWEEP_JSON \
  "{\"version\":1,\"kind\":\"sweep\",\"data\":{\"name\":\"spiral\",\"n_points\":120}," \
  "\"train\":{\"epochs\":3},\"sweep\":{\"widths\":\"2,8,16\",\"seeds\":\"0,1\"," \
  "\"record_every_epochs\":1},\"run\":{\"workers\":1,\"threads\":1}}"

#define PRUNE_JSON \
  "{\"version\":1,\"kind\":\"prune\",\"data\":{\"name\":\"blobs\",\"n_points\":200}," \
  "\"model\":{\"hidden\":[8]},\"train\":{\"iterations\":12}," \
  "\"run\":{\"threads\":1,\"workers\":1}," \
  "\"prune\":{\"levels\":2,\"controls\":\"imp,reinit,random\",\"seeds\":\"0,1,2\"}}"

static OcSpec *
spec_from_json (const char *json)
{
  g_autoptr (GError) error = NULL;
  OcSpec *spec = oc_spec_new_from_json (json, -1, NULL, &error);

  g_assert_no_error (error);
  return spec;
}

static OcRunPlan *
plan_shard (const OcSpec *spec, OcStore *store, guint k, guint n)
{
  g_autoptr (GError) error = NULL;
  OcRunOptions o = { .shard = k, .n_shards = n };
  OcRunPlan *plan = oc_run_plan_new_for_run (spec, store, &o, &error);

  g_assert_no_error (error);
  return plan;
}

/* The seed of a prune point, read from its key. */
static guint64
key_seed (const char *key)
{
  const char *s = strstr (key, "\"seed\":");

  g_assert_nonnull (s);
  return g_ascii_strtoull (s + 7, NULL, 10);
}

/* For N = 1…7: each point is in exactly one of the N shard plans, oc_run_plan_get_shard agrees
 * with them, @chains points of one seed share a shard, and the loads are balanced as
 * largest-first promises (no shard exceeds another by more than the largest unit). */
static void
check_partition (const char *json, gboolean chains)
{
  g_autoptr (OcSpec) spec = spec_from_json (json);
  g_autoptr (OcRunPlan) whole = plan_shard (spec, NULL, 0, 0);
  guint n_points = oc_run_plan_get_n_points (whole);

  g_assert_cmpuint (n_points, >, 7);
  for (guint n = 1; n <= 7; n++)
    {
      g_autofree guint *seen = g_new0 (guint, n_points);
      g_autofree double *load = g_new0 (double, n + 1);
      /* seed + 1 → shard */
      g_autoptr (GHashTable) seed_shard = g_hash_table_new (NULL, NULL);
      double max_unit = 0, lo = INFINITY, hi = 0;

      for (guint k = 1; k <= n; k++)
        {
          g_autoptr (OcRunPlan) part = plan_shard (spec, NULL, k, n);
          guint in = 0;

          g_assert_cmpuint (oc_run_plan_get_n_points (part), ==, n_points);
          for (guint i = 0; i < n_points; i++)
            {
              g_assert_cmpstr (oc_run_plan_get_key (part, i), ==, oc_run_plan_get_key (whole, i));
              if (!oc_run_plan_in_shard (part, i))
                continue;
              in++;
              seen[i]++;
              g_assert_cmpuint (oc_run_plan_get_shard (whole, i, n), ==, k);
              load[k] += oc_run_plan_get_cost (whole, i);
            }
          g_assert_cmpuint (oc_run_plan_get_n_to_run (part), ==, in);
        }
      for (guint i = 0; i < n_points; i++)
        g_assert_cmpuint (seen[i], ==, 1);

      /* The units' costs, computed here from the keys. */
      if (chains)
        {
          g_autoptr (GHashTable) unit_cost = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                                                    g_free, g_free);

          for (guint i = 0; i < n_points; i++)
            {
              gint64 seed = (gint64) key_seed (oc_run_plan_get_key (whole, i));
              guint shard = oc_run_plan_get_shard (whole, i, n);
              gpointer known = g_hash_table_lookup (seed_shard, GSIZE_TO_POINTER (seed + 1));
              double *c = g_hash_table_lookup (unit_cost, &seed);

              if (known == NULL)
                g_hash_table_insert (seed_shard, GSIZE_TO_POINTER (seed + 1),
                                     GUINT_TO_POINTER (shard));
              else
                g_assert_cmpuint (GPOINTER_TO_UINT (known), ==, shard);
              if (c == NULL)
                {
                  c = g_new0 (double, 1);
                  g_hash_table_insert (unit_cost, g_memdup2 (&seed, sizeof seed), c);
                }
              *c += oc_run_plan_get_cost (whole, i);
              max_unit = MAX (max_unit, *c);
            }
        }
      else
        for (guint i = 0; i < n_points; i++)
          max_unit = MAX (max_unit, oc_run_plan_get_cost (whole, i));
      for (guint k = 1; k <= n; k++)
        {
          lo = MIN (lo, load[k]);
          hi = MAX (hi, load[k]);
        }
      g_assert_cmpfloat (hi - lo, <=, max_unit * (1 + 1e-12));
    }
}

static void
test_partition_sweep (void)
{
  check_partition (SWEEP_JSON, FALSE);
}

static void
test_partition_prune (void)
{
  check_partition (PRUNE_JSON, TRUE);
}

/* Largest first, worked by hand: linear costs are p. Two shards: 40 → 1, 30 → 2, 20 → 2 (30 <
 * 40), 10 → 1 (40 < 50). Three shards: 40, 30, 20 one each, 10 → 3. */
static void
test_partition_by_hand (void)
{
  g_autoptr (OcSpec) spec = spec_from_json (
    "{\"version\":1,\"kind\":\"linear\",\"linear\":{\"n\":40,\"ps\":\"10,20,30,40\","
    "\"seeds\":\"0\"}}");
  g_autoptr (OcRunPlan) plan = plan_shard (spec, NULL, 0, 0);
  const guint two[] = { 1, 2, 2, 1 }, three[] = { 3, 3, 2, 1 };

  for (guint i = 0; i < 4; i++)
    {
      g_assert_cmpuint (oc_run_plan_get_shard (plan, i, 1), ==, 1);
      g_assert_cmpuint (oc_run_plan_get_shard (plan, i, 2), ==, two[i]);
      g_assert_cmpuint (oc_run_plan_get_shard (plan, i, 3), ==, three[i]);
    }
  /* More shards than points: one each, the rest empty. */
  for (guint i = 0; i < 4; i++)
    g_assert_cmpuint (oc_run_plan_get_shard (plan, i, 6), ==, 4 - i);
}

/* The same spec gives the same partition, whatever the store holds, the rerun flag or the
 * threads (a run option: not part of the spec's ID). */
static void
test_partition_stable (void)
{
  g_autoptr (OcSpec) spec = spec_from_json (SWEEP_JSON);
  g_autoptr (OcSpec) other_threads = spec_from_json (SWEEP_JSON);
  g_autoptr (OcRunPlan) a = plan_shard (spec, NULL, 2, 5);
  g_autoptr (OcRunPlan) b = NULL;
  g_autofree char *id_a = oc_spec_id (spec);
  g_autofree char *id_b = NULL;
  OcRunOptions rerun = { .rerun = TRUE, .shard = 2, .n_shards = 5 };
  g_autoptr (GError) error = NULL;

  oc_spec_set_threads (other_threads, 2);
  id_b = oc_spec_id (other_threads);
  g_assert_cmpstr (id_a, ==, id_b);
  b = oc_run_plan_new_for_run (other_threads, NULL, &rerun, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < oc_run_plan_get_n_points (a); i++)
    {
      g_assert_cmpint (oc_run_plan_in_shard (a, i), ==, oc_run_plan_in_shard (b, i));
      for (guint n = 1; n <= 7; n++)
        g_assert_cmpuint (oc_run_plan_get_shard (a, i, n), ==, oc_run_plan_get_shard (b, i, n));
    }
}

static void
test_bad_options (void)
{
  g_autoptr (OcSpec) sweep = spec_from_json (SMALL_SWEEP_JSON);
  g_autoptr (OcSpec) train = spec_from_json (
    "{\"version\":1,\"kind\":\"train\",\"data\":{\"name\":\"blobs\",\"n_points\":100}}");
  g_autoptr (GError) error = NULL;
  OcRunOptions zero = { .shard = 0, .n_shards = 3 }, over = { .shard = 4, .n_shards = 3 };
  OcRunOptions one = { .shard = 1, .n_shards = 2 };
  OcRunSummary sum;

  g_assert_false (oc_run_options_check (&zero, sweep, &error));
  g_assert_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "numbered 1 to 3"));
  g_clear_error (&error);
  g_assert_null (oc_run_plan_new_for_run (sweep, NULL, &over, &error));
  g_assert_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (oc_experiment_run (train, NULL, &one, NULL, NULL, NULL, &sum, &error));
  g_assert_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "one point"));
}

/* ---- Shards merged equal the whole run ---- */

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->dir = g_dir_make_tmp ("occam-shard-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_autoptr (GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

static OcStore *
open_store (Fixture *f, const char *name)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr (GError) error = NULL;
  OcStore *store = oc_store_open (path, OC_STORE_OPEN_CREATE, &error);

  g_assert_no_error (error);
  return store;
}

static OcStatus
stored_status (OcStore *store, const char *id)
{
  g_autoptr (OcStoreExperiment) e = oc_store_find_experiment (store, id, NULL);

  g_assert_nonnull (e);
  return e != NULL ? e->status : OC_STATUS_RUNNING;
}

static void
assert_eval_equal (const OcEvalPoint *a, const OcEvalPoint *b)
{
  /* Bit for bit: the same computation, in another process or shard. NaN equals NaN. */
  g_assert_cmpuint (a->iteration, ==, b->iteration);
  g_assert_cmpmem (&a->epoch, sizeof a->epoch, &b->epoch, sizeof b->epoch);
  g_assert_cmpmem (&a->train_loss, sizeof a->train_loss, &b->train_loss, sizeof b->train_loss);
  g_assert_cmpmem (&a->train_error, sizeof a->train_error, &b->train_error, sizeof b->train_error);
  g_assert_cmpmem (&a->val_loss, sizeof a->val_loss, &b->val_loss, sizeof b->val_loss);
  g_assert_cmpmem (&a->val_error, sizeof a->val_error, &b->val_error, sizeof b->val_error);
  g_assert_cmpmem (&a->test_loss, sizeof a->test_loss, &b->test_loss, sizeof b->test_loss);
  g_assert_cmpmem (&a->test_error, sizeof a->test_error, &b->test_error, sizeof b->test_error);
}

/* Every point of @id in @a equals @b's, with its curve and artifacts, timestamps aside. */
static void
assert_stores_equal (OcStore *a, OcStore *b, const char *id, guint n_points)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) pa = oc_store_list_points (a, id, TRUE, &error);
  g_autoptr (GPtrArray) pb = oc_store_list_points (b, id, TRUE, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (pa->len, ==, n_points);
  g_assert_cmpuint (pb->len, ==, n_points);
  for (guint i = 0; i < pa->len; i++)
    {
      const OcStorePoint *x = pa->pdata[i], *y = pb->pdata[i];
      g_autoptr (GPtrArray) ax = NULL, ay = NULL;

      g_assert_cmpstr (x->key, ==, y->key);
      g_assert_cmpint (x->status, ==, OC_STATUS_FINISHED);
      g_assert_cmpint (x->status, ==, y->status);
      g_assert_cmpstr (x->architecture, ==, y->architecture);
      g_assert_cmpuint (x->threads, ==, y->threads);
      g_assert_cmpuint (x->parameters, ==, y->parameters);
      g_assert_cmpuint (x->n_train, ==, y->n_train);
      g_assert_cmpuint (x->n_test, ==, y->n_test);
      g_assert_cmpuint (x->iterations, ==, y->iterations);
      assert_eval_equal (&x->final, &y->final);
      assert_eval_equal (&x->early_stop, &y->early_stop);
      g_assert_cmpuint (x->evals->len, ==, y->evals->len);
      for (guint e = 0; e < x->evals->len; e++)
        assert_eval_equal (&g_array_index (x->evals, OcEvalPoint, e),
                           &g_array_index (y->evals, OcEvalPoint, e));
      ax = oc_store_list_artifacts (a, id, x->key, &error);
      g_assert_no_error (error);
      ay = oc_store_list_artifacts (b, id, y->key, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (ax->len, ==, ay->len);
      for (guint k = 0; k < ax->len; k++)
        {
          const char *name = ax->pdata[k];
          g_autoptr (OcNpyArray) u = NULL, v = NULL;

          g_assert_cmpstr (name, ==, ay->pdata[k]);
          u = oc_store_get_artifact (a, id, x->key, name, &error);
          g_assert_no_error (error);
          v = oc_store_get_artifact (b, id, y->key, name, &error);
          g_assert_no_error (error);
          g_assert_cmpint (u->dtype, ==, v->dtype);
          g_assert_cmpuint (u->n_elems, ==, v->n_elems);
          g_assert_cmpmem (u->data, u->n_elems * oc_npy_dtype_size (u->dtype), v->data,
                           v->n_elems * oc_npy_dtype_size (v->dtype));
        }
    }
}

static void
check_shards_merge (Fixture *f, const char *json, guint n_shards)
{
  g_autoptr (OcSpec) spec = spec_from_json (json);
  g_autoptr (OcStore) whole = open_store (f, "whole.db");
  g_autoptr (OcStore) merged = open_store (f, "merged.db");
  g_autoptr (GError) error = NULL;
  g_autoptr (OcRunPlan) plan = plan_shard (spec, NULL, 0, 0);
  guint n = oc_run_plan_get_n_points (plan), total = 0;
  OcRunSummary sum;

  g_assert_true (oc_experiment_run (spec, whole, NULL, NULL, NULL, NULL, &sum, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stored_status (whole, sum.id), ==, OC_STATUS_FINISHED);

  for (guint k = 1; k <= n_shards; k++)
    {
      g_autofree char *name = g_strdup_printf ("shard-%u.db", k);
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      OcRunOptions o = { .shard = k, .n_shards = n_shards };
      OcStoreMergeStats stats = { 0 };

      {
        g_autoptr (OcStore) shard = open_store (f, name);
        g_autoptr (GPtrArray) points = NULL;

        g_assert_true (oc_experiment_run (spec, shard, &o, NULL, NULL, NULL, &sum, &error));
        g_assert_no_error (error);
        g_assert_cmpuint (sum.n_ran, ==, sum.n_shard);
        g_assert_cmpuint (sum.n_shard, <, n);
        total += sum.n_shard;
        /* A shard never claims the whole experiment. */
        g_assert_cmpint (sum.status, ==, OC_STATUS_PARTIAL);
        g_assert_cmpint (stored_status (shard, sum.id), ==, OC_STATUS_PARTIAL);
        points = oc_store_list_points (shard, sum.id, FALSE, &error);
        g_assert_cmpuint (points->len, ==, sum.n_shard);

        /* Again: nothing to do, still partial. */
        g_assert_true (oc_experiment_run (spec, shard, &o, NULL, NULL, NULL, &sum, &error));
        g_assert_cmpuint (sum.n_ran, ==, 0);
        g_assert_cmpint (stored_status (shard, sum.id), ==, OC_STATUS_PARTIAL);
      }
      g_assert_true (oc_store_merge (merged, path, &stats, &error));
      g_assert_no_error (error);
      g_assert_cmpint (stored_status (merged, sum.id),
                       ==, k < n_shards ? OC_STATUS_PARTIAL : OC_STATUS_FINISHED);
    }
  g_assert_cmpuint (total, ==, n);
  assert_stores_equal (whole, merged, sum.id, n);
}

static void
test_merge_sweep (Fixture *f, gconstpointer data)
{
  check_shards_merge (f, SMALL_SWEEP_JSON, 3);
}

static void
test_merge_prune (Fixture *f, gconstpointer data)
{
  check_shards_merge (f, PRUNE_JSON, 3);
}

/* More shards than chains: the empty shard records the experiment as partial, with no points. */
static void
test_empty_shard (Fixture *f, gconstpointer data)
{
  g_autoptr (OcSpec) spec = spec_from_json (
    "{\"version\":1,\"kind\":\"linear\",\"linear\":{\"n\":20,\"ps\":\"5,10\",\"seeds\":\"0\"}}");
  g_autoptr (OcStore) store = open_store (f, "empty.db");
  g_autoptr (GError) error = NULL;
  g_autoptr (OcStoreExperiment) e = NULL;
  OcRunOptions o = { .shard = 3, .n_shards = 3 };
  OcRunSummary sum;

  g_assert_true (oc_experiment_run (spec, store, &o, NULL, NULL, NULL, &sum, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sum.n_shard, ==, 0);
  g_assert_cmpuint (sum.n_ran, ==, 0);
  g_assert_cmpint (sum.status, ==, OC_STATUS_PARTIAL);
  e = oc_store_find_experiment (store, sum.id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (e->status, ==, OC_STATUS_PARTIAL);
  g_assert_cmpuint (e->planned_points, ==, 2);
  g_assert_cmpuint (e->n_points, ==, 0);
}

/* ---- Points computed elsewhere: units run one by one as another process would, their points
 * travel as bytes, and the runner records them ---- */

typedef struct
{
  const OcSpec *spec;
  GPtrArray    *wire;      /* GBytes of the unit being run */
  guint         n_units;   /* handed out */
  double        last_cost; /* largest first */
  gboolean      order_ok;
  OcDataCache  *cache;     /* as an MPI rank keeps its datasets */
} Remote;

static void
capture (const OcRunEvent *e, gpointer user_data)
{
  Remote *r = user_data;

  if (e->kind == OC_RUN_EVENT_POINT)
    g_ptr_array_add (r->wire, oc_store_point_to_bytes (e->point, e->artifacts, e->reused));
}

static gboolean
remote_run (const OcRunPlan *plan, const guint *units, guint n_units, OcRunRecordFunc record,
            gpointer record_data, gpointer user_data, GCancellable *cancellable, GError **error)
{
  Remote *r = user_data;

  for (guint u = 0; u < n_units; u++)
    {
      OcRunOptions o = { .unit = units[u] + 1, .data_cache = r->cache };
      OcRunSummary sum;
      double cost = oc_run_plan_get_unit_cost (plan, units[u]);

      if (u > 0 && cost > r->last_cost)
        r->order_ok = FALSE;
      r->last_cost = cost;
      r->n_units++;
      g_ptr_array_set_size (r->wire, 0);
      if (!oc_experiment_run (r->spec, NULL, &o, capture, r, cancellable, &sum, error))
        return FALSE;
      g_assert_cmpuint (sum.n_ran, ==, r->wire->len);
      for (guint k = 0; k < r->wire->len; k++)
        {
          OcStorePoint *p = NULL;
          GPtrArray *artifacts = NULL;
          gboolean reused;

          if (!oc_store_point_from_bytes (r->wire->pdata[k], &p, &artifacts, &reused, error)
              || !record (record_data, p, artifacts, reused, error))
            return FALSE;
        }
    }
  return TRUE;
}

static void
check_remote (Fixture *f, const char *json)
{
  g_autoptr (OcSpec) spec = spec_from_json (json);
  g_autoptr (OcStore) whole = open_store (f, "whole.db");
  g_autoptr (OcStore) remote = open_store (f, "remote.db");
  g_autoptr (OcRunPlan) plan = plan_shard (spec, NULL, 0, 0);
  g_autoptr (GError) error = NULL;
  Remote r = { spec, g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref), 0, 0, TRUE,
               oc_data_cache_new () };
  OcRunRemote hooks = { remote_run, &r };
  OcRunOptions o = { .remote = &hooks };
  OcRunSummary sum;

  g_assert_true (oc_experiment_run (spec, whole, NULL, NULL, NULL, NULL, &sum, &error));
  g_assert_no_error (error);
  g_assert_true (oc_experiment_run (spec, remote, &o, NULL, NULL, NULL, &sum, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (r.n_units, ==, oc_run_plan_get_n_units (plan));
  g_assert_true (r.order_ok);
  g_assert_cmpint (sum.status, ==, OC_STATUS_FINISHED);
  g_assert_cmpint (stored_status (remote, sum.id), ==, OC_STATUS_FINISHED);
  assert_stores_equal (whole, remote, sum.id, oc_run_plan_get_n_points (plan));

  /* Everything is stored: nothing is handed out again. */
  r.n_units = 0;
  g_assert_true (oc_experiment_run (spec, remote, &o, NULL, NULL, NULL, &sum, &error));
  g_assert_cmpuint (r.n_units, ==, 0);
  g_ptr_array_unref (r.wire);
  oc_data_cache_free (r.cache);
}

static void
test_remote_sweep (Fixture *f, gconstpointer data)
{
  check_remote (f, SMALL_SWEEP_JSON);
}

static void
test_remote_prune (Fixture *f, gconstpointer data)
{
  check_remote (f, PRUNE_JSON);
}

static void
test_data_cache (void)
{
  g_autoptr (GError) error = NULL;
  OcDataCache *cache = oc_data_cache_new ();
  OcDataOptions a, b;
  const OcDataset *x, *y, *z;

  oc_data_options_init (&a);
  a.name = "spiral";
  a.n_points = 100;
  b = a;
  x = oc_data_cache_load (cache, &a, NULL, &error);
  g_assert_no_error (error);
  y = oc_data_cache_load (cache, &b, NULL, &error);
  g_assert_true (x == y);
  b.label_noise = 0.1;
  z = oc_data_cache_load (cache, &b, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (z != x);
  b.name = "no-such-data";
  g_assert_null (oc_data_cache_load (cache, &b, NULL, &error));
  g_assert_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT);
  oc_data_cache_free (cache);
}

/* Without a store a cancelled run reads cancelled (the status comes from the run, not a row). */
static void
cancel_at_first_point (const OcRunEvent *e, gpointer user_data)
{
  if (e->kind == OC_RUN_EVENT_POINT)
    g_cancellable_cancel (user_data);
}

static void
test_cancel_without_store (void)
{
  g_autoptr (OcSpec) spec = spec_from_json (SMALL_SWEEP_JSON);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError) error = NULL;
  OcRunSummary sum;

  g_assert_false (oc_experiment_run (spec, NULL, NULL, cancel_at_first_point, cancellable,
                                     cancellable, &sum, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (sum.status, ==, OC_STATUS_CANCELLED);
}

static void
test_wire_damaged (void)
{
  g_autoptr (OcStorePoint) p = oc_store_point_new ("0123456789abcdef", "{\"seed\":1}");
  g_autoptr (GBytes) bytes = NULL, cut = NULL;
  g_autoptr (GError) error = NULL;
  OcStorePoint *back = NULL;
  GPtrArray *artifacts = NULL;

  p->status = OC_STATUS_FAILED;
  p->error = g_strdup ("diverged");
  p->final.test_loss = NAN;
  bytes = oc_store_point_to_bytes (p, NULL, FALSE);
  g_assert_true (oc_store_point_from_bytes (bytes, &back, &artifacts, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (back->error, ==, "diverged");
  g_assert_cmpint (back->status, ==, OC_STATUS_FAILED);
  g_assert_true (isnan (back->final.test_loss));
  g_assert_null (back->evals);
  g_assert_cmpuint (artifacts->len, ==, 0);
  oc_store_point_free (back);
  g_ptr_array_unref (artifacts);

  cut = g_bytes_new_from_bytes (bytes, 0, g_bytes_get_size (bytes) / 2);
  back = NULL;
  artifacts = NULL;
  g_assert_false (oc_store_point_from_bytes (cut, &back, &artifacts, NULL, &error));
  g_assert_error (error, OC_ERROR, OC_ERROR_FORMAT);
  g_assert_null (back);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/shard/partition-sweep", test_partition_sweep);
  g_test_add_func ("/shard/partition-prune", test_partition_prune);
  g_test_add_func ("/shard/partition-by-hand", test_partition_by_hand);
  g_test_add_func ("/shard/partition-stable", test_partition_stable);
  g_test_add_func ("/shard/bad-options", test_bad_options);
  g_test_add_func ("/shard/wire-damaged", test_wire_damaged);
  g_test_add_func ("/shard/data-cache", test_data_cache);
  g_test_add_func ("/shard/cancel-without-store", test_cancel_without_store);
#define ADD(path, fn) \
  g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/shard/merge-sweep", test_merge_sweep);
  ADD ("/shard/merge-prune", test_merge_prune);
  ADD ("/shard/empty-shard", test_empty_shard);
  ADD ("/shard/remote-sweep", test_remote_sweep);
  ADD ("/shard/remote-prune", test_remote_prune);
#undef ADD
  return g_test_run ();
}
