/* oc-store-merge.c — folding another store (a shard computed elsewhere) into this one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The other file is attached read-only and copied with INSERT … SELECT in one transaction, so a
 * failed merge changes nothing and a repeated merge finds nothing new. Rules: an experiment
 * missing here is copied; a point missing here is copied; where both stores have the point, a
 * finished point here is kept and an unfinished (failed) one is replaced by a finished one from
 * the other store. Curves and artifacts travel with their point.
 */
#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "occam/oc-error.h"
#include "occam/oc-input.h"
#include "oc-store-private.h"

static gboolean
count_query (OcStore *store, const char *sql, guint *out, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = oc_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return oc_store_fail (store, error, "merging");
  *out = (guint) sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

static gboolean
same_file (const char *a, const char *b)
{
  GStatBuf sa, sb;

  return g_stat (a, &sa) == 0 && g_stat (b, &sb) == 0 && sa.st_dev == sb.st_dev
         && sa.st_ino == sb.st_ino;
}

static gboolean
check_other (OcStore *store, const char *other_path, GError **error)
{
  g_autoptr (sqlite3_stmt) app = NULL, version = NULL;
  gint64 app_id, v;

  app = oc_store_prepare (store, "PRAGMA other.application_id", error);
  version = oc_store_prepare (store, "PRAGMA other.user_version", error);
  if (app == NULL || version == NULL)
    return FALSE;
  if (sqlite3_step (app) != SQLITE_ROW || sqlite3_step (version) != SQLITE_ROW)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_STORE,
                   "%s: cannot read it as a store: %s; nothing was merged", other_path,
                   sqlite3_errmsg (store->db));
      return FALSE;
    }
  app_id = sqlite3_column_int64 (app, 0);
  v = sqlite3_column_int64 (version, 0);
  if (app_id != OC_STORE_APPLICATION_ID)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_STORE,
                   "%s is not an Occam experiment store; nothing was merged", other_path);
      return FALSE;
    }
  if (v > OC_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_STORE,
                   "%s was written by a newer Occam (store schema %" G_GINT64_FORMAT ", this one "
                   "knows up to %d); upgrade Occam to merge it; nothing was merged", other_path, v,
                   OC_STORE_SCHEMA_VERSION);
      return FALSE;
    }
  if (v < OC_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_STORE,
                   "%s uses the older store schema %" G_GINT64_FORMAT "; upgrade it by opening it "
                   "once (occam-cli runs list --store %s), then merge again; nothing was merged",
                   other_path, v, other_path);
      return FALSE;
    }
  return TRUE;
}

static gboolean
merge_attached (OcStore *store, const char *other_path, OcStoreMergeStats *stats,
                GError **error)
{
  g_autoptr (sqlite3_stmt) conflict = NULL;
  g_autofree char *now = oc_store_now ();
  g_autofree char *finish = NULL;

  /* Same ID, different spec: only a collision in the ID's 64 bits could do that. */
  conflict = oc_store_prepare (store, "SELECT o.id FROM other.experiments o JOIN "
                               "main.experiments m ON m.id = o.id WHERE m.hash != o.hash", error);
  if (conflict == NULL)
    return FALSE;
  if (sqlite3_step (conflict) == SQLITE_ROW)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_STORE,
                   "%s and %s both have an experiment %s but with different specs; remove one "
                   "of them (occam-cli runs rm) before merging; nothing was merged",
                   store->path, other_path, sqlite3_column_text (conflict, 0));
      return FALSE;
    }

  if (!oc_store_exec (store, "INSERT INTO main.experiments (" OC_STORE_EXPERIMENT_COLUMNS ") "
                      "SELECT " OC_STORE_EXPERIMENT_COLUMNS " FROM other.experiments "
                      "WHERE id NOT IN (SELECT id FROM main.experiments)", error))
    return FALSE;
  stats->experiments_added = (guint) sqlite3_changes (store->db);

  /* The points to copy: missing here, or here but not finished while the other's is. */
  if (!oc_store_exec (store, "CREATE TEMP TABLE merge_points AS "
                      "SELECT o.experiment_id, o.key FROM other.points o "
                      "LEFT JOIN main.points m ON m.experiment_id = o.experiment_id "
                      "AND m.key = o.key "
                      "WHERE m.key IS NULL OR (m.status != 'finished' AND o.status = 'finished')",
                      error))
    return FALSE;
  if (!count_query (store, "SELECT count(*) FROM temp.merge_points", &stats->points_added, error)
      || !count_query (store, "SELECT count(*) FROM other.points o JOIN main.points m "
                       "ON m.experiment_id = o.experiment_id AND m.key = o.key "
                       "WHERE m.status = 'finished' AND o.status = 'finished'",
                       &stats->points_kept, error)
      || !count_query (store, "SELECT count(*) FROM other.points o JOIN main.points m "
                       "ON m.experiment_id = o.experiment_id AND m.key = o.key "
                       "WHERE o.status != 'finished'", &stats->points_skipped, error))
    return FALSE;

  if (!oc_store_exec (store, "DELETE FROM main.points WHERE (experiment_id, key) IN "
                      "(SELECT experiment_id, key FROM temp.merge_points)", error)
      || !oc_store_exec (store, "INSERT INTO main.points (" OC_STORE_POINT_COLUMNS ") SELECT "
                         OC_STORE_POINT_COLUMNS " FROM other.points WHERE (experiment_id, key) "
                         "IN (SELECT experiment_id, key FROM temp.merge_points)", error)
      || !oc_store_exec (store, "INSERT INTO main.curves (" OC_STORE_CURVE_COLUMNS ") SELECT "
                         OC_STORE_CURVE_COLUMNS " FROM other.curves WHERE (experiment_id, key) "
                         "IN (SELECT experiment_id, key FROM temp.merge_points)", error)
      || !oc_store_exec (store, "INSERT INTO main.artifacts (" OC_STORE_ARTIFACT_COLUMNS ") "
                         "SELECT " OC_STORE_ARTIFACT_COLUMNS " FROM other.artifacts WHERE "
                         "(experiment_id, key) IN (SELECT experiment_id, key FROM "
                         "temp.merge_points)", error)
      || !oc_store_exec (store, "DROP TABLE temp.merge_points", error))
    return FALSE;

  finish = g_strdup_printf ("UPDATE main.experiments SET status = 'finished', updated = '%s' "
                            "WHERE status != 'finished' AND planned_points <= (SELECT count(*) "
                            "FROM main.points p WHERE p.experiment_id = experiments.id AND "
                            "p.status = 'finished')", now);
  return oc_store_exec (store, finish, error);
}

gboolean
oc_store_merge (OcStore *store, const char *other_path, OcStoreMergeStats *stats,
                GError **error)
{
  g_autoptr (GMutexLocker) locker = NULL;
  g_autoptr (sqlite3_stmt) attach = NULL;
  g_autofree char *abs = NULL, *uri = NULL, *ro_uri = NULL;
  OcStoreMergeStats local_stats = { 0 };
  gboolean ok;

  g_return_val_if_fail (store != NULL && other_path != NULL, FALSE);
  if (stats == NULL)
    stats = &local_stats;
  memset (stats, 0, sizeof *stats);

  if (!g_file_test (other_path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, OC_ERROR, OC_ERROR_NOT_FOUND, "%s: no such store file", other_path);
      return FALSE;
    }
  {
    g_autoptr (GError) local = NULL;

    if (!oc_input_check_path (other_path, &local))
      {
        g_set_error (error, OC_ERROR, OC_ERROR_STORE, "%s; nothing was merged", local->message);
        return FALSE;
      }
  }
  if (same_file (other_path, store->path))
    {
      g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                   "%s is this store; merging it into itself would change nothing", other_path);
      return FALSE;
    }
  abs = g_canonicalize_filename (other_path, NULL);
  uri = g_filename_to_uri (abs, NULL, error);
  if (uri == NULL)
    return FALSE;
  ro_uri = g_strconcat (uri, "?mode=ro", NULL);

  locker = g_mutex_locker_new (&store->lock);
  attach = oc_store_prepare (store, "ATTACH DATABASE ? AS other", error);
  if (attach == NULL)
    return FALSE;
  sqlite3_bind_text (attach, 1, ro_uri, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (attach) != SQLITE_DONE)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_STORE,
                   "%s: cannot open it as a store: %s; nothing was merged", other_path,
                   sqlite3_errmsg (store->db));
      return FALSE;
    }

  ok = check_other (store, other_path, error)
       && oc_store_exec (store, "BEGIN IMMEDIATE", error);
  if (ok)
    {
      ok = merge_attached (store, other_path, stats, error)
           && oc_store_exec (store, "COMMIT", error);
      if (!ok && !sqlite3_get_autocommit (store->db))
        sqlite3_exec (store->db, "ROLLBACK", NULL, NULL, NULL);
    }
  sqlite3_exec (store->db, "DETACH DATABASE other", NULL, NULL, NULL);
  return ok;
}
