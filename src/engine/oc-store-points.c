/* oc-store-points.c — points (one trained model each), their curves and .npy artifacts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include "occam/oc-error.h"
#include "oc-store-private.h"
#include "oc-config.h"
#include <glib/gi18n-lib.h>

/* Points ------------------------------------------------------------------------------------- */

OcStorePoint *
oc_store_point_new (const char *experiment_id, const char *key)
{
  OcStorePoint *p = g_new0 (OcStorePoint, 1);
  const OcEvalPoint none = {
    .epoch = NAN, .train_loss = NAN, .train_error = NAN, .val_loss = NAN, .val_error = NAN,
    .test_loss = NAN, .test_error = NAN, .seconds = NAN,
  };

  p->experiment_id = g_strdup (experiment_id);
  p->key = g_strdup (key != NULL ? key : "{}");
  p->status = OC_STATUS_FINISHED;
  p->final = none;
  p->early_stop = none;
  p->seconds = p->train_seconds = p->eval_seconds = p->seconds_per_epoch = p->gflops = NAN;
  return p;
}

OcStorePoint *
oc_store_point_dup (const OcStorePoint *p)
{
  OcStorePoint *d;

  g_return_val_if_fail (p != NULL, NULL);

  d = g_memdup2 (p, sizeof *p);
  d->experiment_id = g_strdup (p->experiment_id);
  d->key = g_strdup (p->key);
  d->error = g_strdup (p->error);
  d->started = g_strdup (p->started);
  d->finished = g_strdup (p->finished);
  d->architecture = g_strdup (p->architecture);
  if (p->evals != NULL)
    d->evals = g_array_copy (p->evals);
  return d;
}

void
oc_store_point_free (OcStorePoint *p)
{
  if (p == NULL)
    return;
  g_free (p->experiment_id);
  g_free (p->key);
  g_free (p->error);
  g_free (p->started);
  g_free (p->finished);
  g_free (p->architecture);
  g_clear_pointer (&p->evals, g_array_unref);
  g_free (p);
}

void
oc_store_point_set_result (OcStorePoint *p, const OcTrainResult *r)
{
  g_return_if_fail (p != NULL && r != NULL);

  p->iterations = r->iterations;
  p->threads = r->threads;
  p->train_seconds = r->train_seconds;
  p->eval_seconds = r->eval_seconds;
  p->seconds_per_epoch = r->seconds_per_epoch;
  p->gflops = r->gflops;
  p->final = r->final;
  p->early_stop = r->early_stop;
  g_clear_pointer (&p->evals, g_array_unref);
  if (r->evals != NULL)
    {
      p->evals = g_array_sized_new (FALSE, FALSE, sizeof (OcEvalPoint), r->evals->len);
      g_array_append_vals (p->evals, r->evals->data, r->evals->len);
    }
}

static void
bind_eval (sqlite3_stmt *stmt, int first, const OcEvalPoint *e)
{
  sqlite3_bind_int64 (stmt, first, (sqlite3_int64) e->iteration);
  oc_store_bind_double (stmt, first + 1, e->epoch);
  oc_store_bind_double (stmt, first + 2, e->train_loss);
  oc_store_bind_double (stmt, first + 3, e->train_error);
  oc_store_bind_double (stmt, first + 4, e->val_loss);
  oc_store_bind_double (stmt, first + 5, e->val_error);
  oc_store_bind_double (stmt, first + 6, e->test_loss);
  oc_store_bind_double (stmt, first + 7, e->test_error);
  oc_store_bind_double (stmt, first + 8, e->seconds);
}

static void
read_eval (sqlite3_stmt *stmt, int first, OcEvalPoint *e)
{
  e->iteration = (guint64) sqlite3_column_int64 (stmt, first);
  e->epoch = oc_store_column_double (stmt, first + 1);
  e->train_loss = oc_store_column_double (stmt, first + 2);
  e->train_error = oc_store_column_double (stmt, first + 3);
  e->val_loss = oc_store_column_double (stmt, first + 4);
  e->val_error = oc_store_column_double (stmt, first + 5);
  e->test_loss = oc_store_column_double (stmt, first + 6);
  e->test_error = oc_store_column_double (stmt, first + 7);
  e->seconds = oc_store_column_double (stmt, first + 8);
}

static gboolean
step_done (OcStore *store, sqlite3_stmt *stmt, const char *what, GError **error)
{
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return oc_store_fail (store, error, what);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return TRUE;
}

gboolean
oc_store_put_point (OcStore *store, const OcStorePoint *p, GPtrArray *artifacts, GError **error)
{
  g_autoptr (GMutexLocker) locker = NULL;
  g_autoptr (sqlite3_stmt) del = NULL, point = NULL, curve = NULL, art = NULL, done = NULL;
  g_autofree char *now = oc_store_now ();

  g_return_val_if_fail (store != NULL && p != NULL, FALSE);
  g_return_val_if_fail (p->experiment_id != NULL && p->key != NULL, FALSE);
  g_return_val_if_fail (p->status == OC_STATUS_FINISHED || p->status == OC_STATUS_FAILED, FALSE);
  locker = g_mutex_locker_new (&store->lock);

  if (!oc_store_begin_write (store, error))
    return FALSE;
  del = oc_store_prepare (store, "DELETE FROM points WHERE experiment_id = ? AND key = ?", error);
  point = oc_store_prepare (store, "INSERT INTO points (" OC_STORE_POINT_COLUMNS ") VALUES ("
                            "?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, "
                            "?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, "
                            "?29, ?30, ?31, ?32, ?33, ?34, ?35, ?36)", error);
  curve = oc_store_prepare (store, "INSERT INTO curves (" OC_STORE_CURVE_COLUMNS ") VALUES ("
                            "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  art = oc_store_prepare (store, "INSERT INTO artifacts (" OC_STORE_ARTIFACT_COLUMNS ") VALUES ("
                          "?, ?, ?, ?, ?, ?)", error);
  /* The experiment is finished once all its planned points are. */
  done = oc_store_prepare (store, "UPDATE experiments SET updated = ?1, status = CASE WHEN "
                           "planned_points <= (SELECT count(*) FROM points WHERE experiment_id "
                           "= ?2 AND status = 'finished') THEN 'finished' ELSE status END "
                           "WHERE id = ?2", error);
  if (del == NULL || point == NULL || curve == NULL || art == NULL || done == NULL)
    goto failed;

  oc_store_bind_text (del, 1, p->experiment_id);
  oc_store_bind_text (del, 2, p->key);
  if (!step_done (store, del, "replacing the point", error))
    goto failed;

  oc_store_bind_text (point, 1, p->experiment_id);
  oc_store_bind_text (point, 2, p->key);
  oc_store_bind_text (point, 3, oc_status_to_string (p->status));
  oc_store_bind_text (point, 4, p->error);
  oc_store_bind_text (point, 5, p->started != NULL ? p->started : now);
  oc_store_bind_text (point, 6, p->finished != NULL ? p->finished : now);
  oc_store_bind_double (point, 7, p->seconds);
  sqlite3_bind_int64 (point, 8, p->threads);
  oc_store_bind_text (point, 9, p->architecture);
  sqlite3_bind_int64 (point, 10, (sqlite3_int64) p->parameters);
  sqlite3_bind_int64 (point, 11, p->n_train);
  sqlite3_bind_int64 (point, 12, p->n_val);
  sqlite3_bind_int64 (point, 13, p->n_test);
  sqlite3_bind_int64 (point, 14, (sqlite3_int64) p->iterations);
  oc_store_bind_double (point, 15, p->train_seconds);
  oc_store_bind_double (point, 16, p->eval_seconds);
  oc_store_bind_double (point, 17, p->seconds_per_epoch);
  oc_store_bind_double (point, 18, p->gflops);
  bind_eval (point, 19, &p->final);
  bind_eval (point, 28, &p->early_stop);
  if (sqlite3_step (point) != SQLITE_DONE)
    {
      oc_store_fail (store, error, sqlite3_extended_errcode (store->db)
                                   == SQLITE_CONSTRAINT_FOREIGNKEY
                                   ? "recording a point of an experiment that is not in the store"
                                   : "recording the point");
      goto failed;
    }

  for (guint i = 0; p->evals != NULL && i < p->evals->len; i++)
    {
      const OcEvalPoint *e = &g_array_index (p->evals, OcEvalPoint, i);

      oc_store_bind_text (curve, 1, p->experiment_id);
      oc_store_bind_text (curve, 2, p->key);
      sqlite3_bind_int64 (curve, 3, i);
      bind_eval (curve, 4, e);
      if (!step_done (store, curve, "recording the curve", error))
        goto failed;
    }
  for (guint i = 0; artifacts != NULL && i < artifacts->len; i++)
    {
      const OcStoreArtifact *a = artifacts->pdata[i];
      gsize len;
      gconstpointer bytes = g_bytes_get_data (a->npy, &len);

      oc_store_bind_text (art, 1, p->experiment_id);
      oc_store_bind_text (art, 2, p->key);
      oc_store_bind_text (art, 3, a->name);
      oc_store_bind_text (art, 4, a->dtype);
      oc_store_bind_text (art, 5, a->shape);
      sqlite3_bind_blob64 (art, 6, bytes, len, SQLITE_STATIC);
      if (!step_done (store, art, "recording an artifact", error))
        goto failed;
    }

  oc_store_bind_text (done, 1, now);
  oc_store_bind_text (done, 2, p->experiment_id);
  if (!step_done (store, done, "updating the experiment", error))
    goto failed;
  if (!oc_store_exec (store, "COMMIT", error))
    goto failed;
  return TRUE;

failed:
  oc_store_rollback (store);
  return FALSE;
}

#define POINT_SELECT "SELECT " OC_STORE_POINT_COLUMNS " FROM points "

static OcStorePoint *
read_point (sqlite3_stmt *stmt)
{
  OcStorePoint *p = oc_store_point_new ((const char *) sqlite3_column_text (stmt, 0),
                                        (const char *) sqlite3_column_text (stmt, 1));

  if (!oc_status_from_string ((const char *) sqlite3_column_text (stmt, 2), &p->status))
    p->status = OC_STATUS_FAILED;
  p->error = oc_store_column_text (stmt, 3);
  p->started = oc_store_column_text (stmt, 4);
  p->finished = oc_store_column_text (stmt, 5);
  p->seconds = oc_store_column_double (stmt, 6);
  p->threads = (guint) sqlite3_column_int64 (stmt, 7);
  p->architecture = oc_store_column_text (stmt, 8);
  p->parameters = (guint64) sqlite3_column_int64 (stmt, 9);
  p->n_train = (guint) sqlite3_column_int64 (stmt, 10);
  p->n_val = (guint) sqlite3_column_int64 (stmt, 11);
  p->n_test = (guint) sqlite3_column_int64 (stmt, 12);
  p->iterations = (guint64) sqlite3_column_int64 (stmt, 13);
  p->train_seconds = oc_store_column_double (stmt, 14);
  p->eval_seconds = oc_store_column_double (stmt, 15);
  p->seconds_per_epoch = oc_store_column_double (stmt, 16);
  p->gflops = oc_store_column_double (stmt, 17);
  read_eval (stmt, 18, &p->final);
  read_eval (stmt, 27, &p->early_stop);
  return p;
}

static gboolean
load_curve (OcStore *store, OcStorePoint *p, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = oc_store_prepare (store, "SELECT iteration, epoch, train_loss, train_error, val_loss, "
                           "val_error, test_loss, test_error, seconds FROM curves WHERE "
                           "experiment_id = ? AND key = ? ORDER BY step", error);
  if (stmt == NULL)
    return FALSE;
  oc_store_bind_text (stmt, 1, p->experiment_id);
  oc_store_bind_text (stmt, 2, p->key);
  g_clear_pointer (&p->evals, g_array_unref);
  p->evals = g_array_new (FALSE, FALSE, sizeof (OcEvalPoint));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      OcEvalPoint e;

      read_eval (stmt, 0, &e);
      g_array_append_val (p->evals, e);
    }
  if (rc != SQLITE_DONE)
    return oc_store_fail (store, error, "reading a curve");
  return TRUE;
}

OcStorePoint *
oc_store_get_point (OcStore *store, const char *experiment_id, const char *key,
                    gboolean with_curve, GError **error)
{
  g_autoptr (GMutexLocker) locker = NULL;
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (OcStorePoint) p = NULL;
  int rc;

  g_return_val_if_fail (store != NULL && experiment_id != NULL && key != NULL, NULL);
  locker = g_mutex_locker_new (&store->lock);

  stmt = oc_store_prepare (store, POINT_SELECT "WHERE experiment_id = ? AND key = ?", error);
  if (stmt == NULL)
    return NULL;
  oc_store_bind_text (stmt, 1, experiment_id);
  oc_store_bind_text (stmt, 2, key);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_NOT_FOUND,
                   _("%s: experiment %s has no point %s"), store->path, experiment_id, key);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      oc_store_fail (store, error, "reading a point");
      return NULL;
    }
  p = read_point (stmt);
  if (with_curve && !load_curve (store, p, error))
    return NULL;
  return g_steal_pointer (&p);
}

GPtrArray *
oc_store_list_points (OcStore *store, const char *experiment_id, gboolean with_curves,
                      GError **error)
{
  g_autoptr (GMutexLocker) locker = NULL;
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GPtrArray) list = g_ptr_array_new_with_free_func (
    (GDestroyNotify) oc_store_point_free);
  int rc;

  g_return_val_if_fail (store != NULL && experiment_id != NULL, NULL);
  locker = g_mutex_locker_new (&store->lock);

  stmt = oc_store_prepare (store, POINT_SELECT "WHERE experiment_id = ? ORDER BY key", error);
  if (stmt == NULL)
    return NULL;
  oc_store_bind_text (stmt, 1, experiment_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, read_point (stmt));
  if (rc != SQLITE_DONE)
    {
      oc_store_fail (store, error, "listing points");
      return NULL;
    }
  for (guint i = 0; with_curves && i < list->len; i++)
    if (!load_curve (store, list->pdata[i], error))
      return NULL;
  return g_steal_pointer (&list);
}

GPtrArray *
oc_store_missing_points (OcStore *store, const char *experiment_id, const char *const *keys,
                         guint n_keys, GError **error)
{
  g_autoptr (GMutexLocker) locker = NULL;
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GPtrArray) missing = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (store != NULL && experiment_id != NULL, NULL);
  g_return_val_if_fail (keys != NULL || n_keys == 0, NULL);
  locker = g_mutex_locker_new (&store->lock);

  stmt = oc_store_prepare (store, "SELECT 1 FROM points WHERE experiment_id = ? AND key = ? AND "
                           "status = 'finished'", error);
  if (stmt == NULL)
    return NULL;
  for (guint i = 0; i < n_keys; i++)
    {
      int rc;

      oc_store_bind_text (stmt, 1, experiment_id);
      oc_store_bind_text (stmt, 2, keys[i]);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_DONE)
        g_ptr_array_add (missing, g_strdup (keys[i]));
      else if (rc != SQLITE_ROW)
        {
          oc_store_fail (store, error, "looking up finished points");
          return NULL;
        }
      sqlite3_reset (stmt);
    }
  return g_steal_pointer (&missing);
}

/* Artifacts ------------------------------------------------------------------------------------ */

OcStoreArtifact *
oc_store_artifact_new (const char *name, const OcNpyArray *array, GError **error)
{
  g_autoptr (OcStoreArtifact) a = g_new0 (OcStoreArtifact, 1);
  GString *shape = g_string_new ("[");

  g_return_val_if_fail (name != NULL && array != NULL, NULL);

  for (guint i = 0; i < array->n_dims; i++)
    g_string_append_printf (shape, "%s%" G_GSIZE_FORMAT, i > 0 ? "," : "", array->shape[i]);
  g_string_append_c (shape, ']');
  a->name = g_strdup (name);
  a->dtype = g_strdup (oc_npy_dtype_descr (array->dtype));
  a->shape = g_string_free (shape, FALSE);
  a->npy = oc_npy_encode (array, error);
  if (a->npy == NULL)
    return NULL;
  return g_steal_pointer (&a);
}

OcNpyArray *
oc_store_artifact_decode (const OcStoreArtifact *a, GError **error)
{
  gsize len;
  const guint8 *bytes;

  g_return_val_if_fail (a != NULL && a->npy != NULL, NULL);

  bytes = g_bytes_get_data (a->npy, &len);
  return oc_npy_decode (bytes, len, error);
}

const OcStoreArtifact *
oc_store_artifacts_find (GPtrArray *artifacts, const char *name)
{
  for (guint i = 0; artifacts != NULL && i < artifacts->len; i++)
    if (g_strcmp0 (((const OcStoreArtifact *) artifacts->pdata[i])->name, name) == 0)
      return artifacts->pdata[i];
  return NULL;
}

void
oc_store_artifact_free (OcStoreArtifact *a)
{
  if (a == NULL)
    return;
  g_free (a->name);
  g_free (a->dtype);
  g_free (a->shape);
  g_clear_pointer (&a->npy, g_bytes_unref);
  g_free (a);
}

GPtrArray *
oc_store_list_artifacts (OcStore *store, const char *experiment_id, const char *key,
                         GError **error)
{
  g_autoptr (GMutexLocker) locker = NULL;
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  int rc;

  g_return_val_if_fail (store != NULL && experiment_id != NULL && key != NULL, NULL);
  locker = g_mutex_locker_new (&store->lock);

  stmt = oc_store_prepare (store, "SELECT name FROM artifacts WHERE experiment_id = ? AND key = ? "
                           "ORDER BY name", error);
  if (stmt == NULL)
    return NULL;
  oc_store_bind_text (stmt, 1, experiment_id);
  oc_store_bind_text (stmt, 2, key);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (names, oc_store_column_text (stmt, 0));
  if (rc != SQLITE_DONE)
    {
      oc_store_fail (store, error, "listing artifacts");
      return NULL;
    }
  return g_steal_pointer (&names);
}

OcNpyArray *
oc_store_get_artifact (OcStore *store, const char *experiment_id, const char *key,
                       const char *name, GError **error)
{
  g_autoptr (GMutexLocker) locker = NULL;
  g_autoptr (sqlite3_stmt) stmt = NULL;
  OcNpyArray *array;
  int rc;

  g_return_val_if_fail (store != NULL && experiment_id != NULL && key != NULL && name != NULL,
                        NULL);
  locker = g_mutex_locker_new (&store->lock);

  stmt = oc_store_prepare (store, "SELECT npy FROM artifacts WHERE experiment_id = ? AND key = ? "
                           "AND name = ?", error);
  if (stmt == NULL)
    return NULL;
  oc_store_bind_text (stmt, 1, experiment_id);
  oc_store_bind_text (stmt, 2, key);
  oc_store_bind_text (stmt, 3, name);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_NOT_FOUND,
                   _("%s: point %s of experiment %s has no artifact '%s'"), store->path, key,
                   experiment_id, name);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      oc_store_fail (store, error, "reading an artifact");
      return NULL;
    }
  array = oc_npy_decode (sqlite3_column_blob (stmt, 0), (gsize) sqlite3_column_bytes (stmt, 0),
                         error);
  if (array == NULL)
    g_prefix_error (error, _("%s: artifact '%s' of experiment %s: "), store->path, name,
                    experiment_id);
  return array;
}
