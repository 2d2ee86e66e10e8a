/* oc-store-merge.c — folding another store (a shard computed elsewhere) into this one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The other file is attached read-only, checked (an Occam store, undamaged, every experiment what
 * its spec says) and copied with INSERT … SELECT in one transaction, so a failed merge changes
 * nothing and a repeated merge finds nothing new. Rules: an experiment
 * missing here is copied; a point missing here is copied; where both stores have the point, a
 * finished point here is kept and an unfinished (failed) one is replaced by a finished one from
 * the other store. Curves and artifacts travel with their point.
 */
/* realpath() is an XSI function. */
#define _XOPEN_SOURCE 700

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "occam/oc-error.h"
#include "occam/oc-input.h"
#include "oc-store-private.h"
#include "oc-config.h"
#include <glib/gi18n-lib.h>
#include <inttypes.h>

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

/* What reading the other file failed on, as one line naming it. */
static gboolean
fail_other (OcStore *store, const char *other_path, GError **error)
{
  int rc = sqlite3_extended_errcode (store->db) & 0xff;

  if (rc == SQLITE_NOTADB)
    g_set_error (error, OC_ERROR, OC_ERROR_STORE,
                 _("%s is not an Occam experiment store (not an SQLite database); nothing was "
                 "merged"), other_path);
  else if (rc == SQLITE_CORRUPT)
    g_set_error (error, OC_ERROR, OC_ERROR_STORE,
                 _("%s is damaged (%s); nothing was merged and neither store was changed"),
                 other_path, sqlite3_errmsg (store->db));
  else
    g_set_error (error, OC_ERROR, OC_ERROR_STORE,
                 _("%s: cannot read it as a store: %s; nothing was merged"), other_path,
                 sqlite3_errmsg (store->db));
  return FALSE;
}

/* A damaged file is refused before anything is copied: INSERT … SELECT would stop halfway
 * through with SQLite's message, or, through an index that lost rows its table has, select
 * points by one path and copy them by another. So the other file gets integrity_check, not the
 * quick_check a store gets before its first write: it also compares every index with its table
 * (the file is about to be read whole anyway). */
static gboolean
check_other_damage (OcStore *store, const char *other_path, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autofree char *problem = NULL;
  const char *text, *newline;

  if (sqlite3_prepare_v2 (store->db, "PRAGMA other.integrity_check(1)", -1, &stmt, NULL) != SQLITE_OK
      || sqlite3_step (stmt) != SQLITE_ROW)
    return fail_other (store, other_path, error);
  text = (const char *) sqlite3_column_text (stmt, 0);
  if (g_strcmp0 (text, "ok") == 0)
    return TRUE;
  /* "*** in database other ***\nPage 7: …": the first problem is on the second line. */
  newline = text != NULL ? strchr (text, '\n') : NULL;
  problem = g_strdup (newline != NULL ? newline + 1 : text != NULL ? text : "?");
  g_strdelimit (problem, "\n", ' ');
  g_set_error (error, OC_ERROR, OC_ERROR_STORE,
               _("%s is damaged (%.200s); nothing was merged and neither store was changed"),
               other_path, problem);
  return FALSE;
}

/* Whether SQLite has files beside the database at @path: a connection has it open, or one that
 * ended without closing it left them. */
static gboolean
has_sidecar (const char *path)
{
  static const char *const suffixes[] = { "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *sidecar = g_strconcat (path, suffixes[i], NULL);

      if (g_file_test (sidecar, G_FILE_TEST_EXISTS))
        return TRUE;
    }
  return FALSE;
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
    return fail_other (store, other_path, error);
  app_id = sqlite3_column_int64 (app, 0);
  v = sqlite3_column_int64 (version, 0);
  if (app_id != OC_STORE_APPLICATION_ID)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_STORE,
                   _("%s is not an Occam experiment store; nothing was merged"), other_path);
      return FALSE;
    }
  if (v > OC_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_STORE,
                   _("%s was written by a newer Occam (store schema %" PRId64 ", this one "
                   "knows up to %d); upgrade Occam to merge it; nothing was merged"), other_path, v,
                   OC_STORE_SCHEMA_VERSION);
      return FALSE;
    }
  {
    guint n_steps;
    const OcStoreMigration *steps = oc_store_migrations (&n_steps);

    if (!oc_store_check_schema (store, "other", other_path, (guint64) v, steps, n_steps,
                                "nothing was merged and neither store was changed", error))
      return FALSE;
  }
  /* A damaged or foreign file is named as such before it is asked to be upgraded. */
  if (!check_other_damage (store, other_path, error))
    return FALSE;
  if (v < OC_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_STORE,
                   _("%s uses the older store schema %" PRId64 "; upgrade it by opening it "
                   "once (occam-cli runs list --store %s), then merge again; nothing was merged"),
                   other_path, v, other_path);
      return FALSE;
    }
  return TRUE;
}

/* Every experiment of the other store must be one this Occam could have written: its spec reads
 * with the spec parser (types, ranges) and gives the hash and ID stored with it, and every point
 * belongs to one of them. A spec edited by hand would otherwise sit under an ID that names
 * another spec, and its points would be reused for the wrong experiment. */
static gboolean
validate_other (OcStore *store, const char *other_path, GError **error)
{
  g_autoptr (sqlite3_stmt) exps = NULL, orphans = NULL;
  int rc;

  exps = oc_store_prepare (store, "SELECT id, hash, kind, spec FROM other.experiments ORDER BY id",
                           error);
  if (exps == NULL)
    return FALSE;
  while ((rc = sqlite3_step (exps)) == SQLITE_ROW)
    {
      const char *id = (const char *) sqlite3_column_text (exps, 0);
      const char *hash = (const char *) sqlite3_column_text (exps, 1);
      const char *kind = (const char *) sqlite3_column_text (exps, 2);
      const char *json = (const char *) sqlite3_column_text (exps, 3);
      g_autoptr (GError) local = NULL;
      g_autoptr (OcSpec) spec = NULL;
      g_autofree char *spec_hash = NULL, *spec_id = NULL;

      spec = json != NULL ? oc_spec_new_from_json (json, -1, NULL, &local) : NULL;
      if (spec == NULL)
        {
          g_set_error (error, OC_ERROR, OC_ERROR_STORE,
                       _("%s: experiment %s has a spec this Occam cannot read (%s); nothing was "
                       "merged"), other_path, id, local != NULL ? local->message : "no spec");
          return FALSE;
        }
      spec_hash = oc_spec_hash (spec);
      spec_id = oc_spec_id (spec);
      if (g_strcmp0 (spec_hash, hash) != 0 || g_strcmp0 (spec_id, id) != 0
          || g_strcmp0 (oc_spec_get_kind (spec), kind) != 0)
        {
          g_set_error (error, OC_ERROR, OC_ERROR_STORE,
                       _("%s: experiment %s does not match its spec (the spec gives %s %s); it was "
                       "changed outside Occam; nothing was merged"), other_path, id,
                       oc_spec_get_kind (spec), spec_id);
          return FALSE;
        }
    }
  if (rc != SQLITE_DONE)
    return fail_other (store, other_path, error);

  orphans = oc_store_prepare (store, "SELECT experiment_id, key FROM other.points WHERE "
                              "experiment_id NOT IN (SELECT id FROM other.experiments) LIMIT 1",
                              error);
  if (orphans == NULL)
    return FALSE;
  rc = sqlite3_step (orphans);
  if (rc == SQLITE_ROW)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_STORE,
                   _("%s: point %s belongs to experiment %s, which the file does not hold; nothing "
                   "was merged"), other_path, sqlite3_column_text (orphans, 1),
                   sqlite3_column_text (orphans, 0));
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    return fail_other (store, other_path, error);
  return TRUE;
}

/* Like oc_store_exec, but a failure says which merge failed rather than which SQL. */
static gboolean
merge_exec (OcStore *store, const char *other_path, const char *sql, GError **error)
{
  if (sqlite3_exec (store->db, sql, NULL, NULL, NULL) == SQLITE_OK)
    return TRUE;
  g_set_error (error, OC_ERROR, OC_ERROR_STORE, _("merging %s into %s failed: %s; nothing was "
               "merged"), other_path, store->path, sqlite3_errmsg (store->db));
  return FALSE;
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
                   _("%s and %s both have an experiment %s but with different specs; remove one "
                   "of them (occam-cli runs rm) before merging; nothing was merged"),
                   store->path, other_path, sqlite3_column_text (conflict, 0));
      return FALSE;
    }

  if (!merge_exec (store, other_path,
                   "INSERT INTO main.experiments (" OC_STORE_EXPERIMENT_COLUMNS ") "
                   "SELECT " OC_STORE_EXPERIMENT_COLUMNS " FROM other.experiments "
                   "WHERE id NOT IN (SELECT id FROM main.experiments)", error))
    return FALSE;
  stats->experiments_added = (guint) sqlite3_changes (store->db);

  /* The points to copy: missing here, or here but not finished while the other's is. */
  if (!merge_exec (store, other_path, "CREATE TEMP TABLE merge_points AS "
                   "SELECT o.experiment_id, o.key FROM other.points o "
                   "LEFT JOIN main.points m ON m.experiment_id = o.experiment_id "
                   "AND m.key = o.key "
                   "WHERE m.key IS NULL OR (m.status != 'finished' AND o.status = 'finished')",
                   error))
    return FALSE;
  if (!count_query (store, "SELECT count(*) FROM other.points o JOIN main.points m "
                       "ON m.experiment_id = o.experiment_id AND m.key = o.key "
                       "WHERE m.status = 'finished' AND o.status = 'finished'",
                       &stats->points_kept, error)
      || !count_query (store, "SELECT count(*) FROM other.points o JOIN main.points m "
                       "ON m.experiment_id = o.experiment_id AND m.key = o.key "
                       "WHERE o.status != 'finished'", &stats->points_skipped, error))
    return FALSE;

  if (!merge_exec (store, other_path, "DELETE FROM main.points WHERE (experiment_id, key) IN "
                   "(SELECT experiment_id, key FROM temp.merge_points)", error)
      || !merge_exec (store, other_path,
                      "INSERT INTO main.points (" OC_STORE_POINT_COLUMNS ") SELECT "
                      OC_STORE_POINT_COLUMNS " FROM other.points WHERE (experiment_id, key) "
                      "IN (SELECT experiment_id, key FROM temp.merge_points)", error))
    return FALSE;
  /* The points copied, not the points selected: the two differ only if the file lies. */
  stats->points_added = (guint) sqlite3_changes (store->db);
  if (!merge_exec (store, other_path,
                   "INSERT INTO main.curves (" OC_STORE_CURVE_COLUMNS ") SELECT "
                   OC_STORE_CURVE_COLUMNS " FROM other.curves WHERE (experiment_id, key) "
                   "IN (SELECT experiment_id, key FROM temp.merge_points)", error)
      || !merge_exec (store, other_path,
                      "INSERT INTO main.artifacts (" OC_STORE_ARTIFACT_COLUMNS ") "
                      "SELECT " OC_STORE_ARTIFACT_COLUMNS " FROM other.artifacts WHERE "
                      "(experiment_id, key) IN (SELECT experiment_id, key FROM "
                      "temp.merge_points)", error)
      || !merge_exec (store, other_path, "DROP TABLE temp.merge_points", error))
    return FALSE;

  finish = g_strdup_printf ("UPDATE main.experiments SET status = 'finished', updated = '%s' "
                            "WHERE status != 'finished' AND planned_points <= (SELECT count(*) "
                            "FROM main.points p WHERE p.experiment_id = experiments.id AND "
                            "p.status = 'finished')", now);
  return merge_exec (store, other_path, finish, error);
}

gboolean
oc_store_merge (OcStore *store, const char *other_path, OcStoreMergeStats *stats,
                GError **error)
{
  g_autoptr (GMutexLocker) locker = NULL;
  g_autoptr (sqlite3_stmt) attach = NULL;
  g_autofree char *abs = NULL, *uri = NULL, *ro_uri = NULL;
  char real[PATH_MAX];
  OcStoreMergeStats local_stats = { 0 };
  gboolean ok;

  g_return_val_if_fail (store != NULL && other_path != NULL, FALSE);
  if (stats == NULL)
    stats = &local_stats;
  memset (stats, 0, sizeof *stats);

  if (!g_file_test (other_path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, OC_ERROR, OC_ERROR_NOT_FOUND, _("%s: no such store file"), other_path);
      return FALSE;
    }
  {
    g_autoptr (GError) local = NULL;

    if (!oc_input_check_path (other_path, &local))
      {
        g_set_error (error, OC_ERROR, OC_ERROR_STORE, _("%s; nothing was merged"), local->message);
        return FALSE;
      }
  }
  if (same_file (other_path, store->path))
    {
      g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                   _("%s is this store; merging it into itself would change nothing"), other_path);
      return FALSE;
    }
  abs = realpath (other_path, real) != NULL ? g_strdup (real)
                                             : g_canonicalize_filename (other_path, NULL);
  uri = g_filename_to_uri (abs, NULL, error);
  if (uri == NULL)
    return FALSE;
  /* Read-only: SQLite still creates the -wal and -shm files of a WAL database it reads, and
   * cannot remove them afterwards. With none there, no connection has the file open (each keeps
   * them while it does) and everything committed is in the file itself, so it is opened as
   * immutable: read without locks and without creating anything beside it. */
  ro_uri = g_strconcat (uri, has_sidecar (abs) ? "?mode=ro" : "?mode=ro&immutable=1", NULL);

  locker = g_mutex_locker_new (&store->lock);
  attach = oc_store_prepare (store, "ATTACH DATABASE ? AS other", error);
  if (attach == NULL)
    return FALSE;
  sqlite3_bind_text (attach, 1, ro_uri, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (attach) != SQLITE_DONE)
    return fail_other (store, other_path, error);

  /* Everything is checked before the first row is copied, and in the transaction that copies,
   * so that what was checked is what is copied. */
  ok = check_other (store, other_path, error)
       && oc_store_begin_write (store, error);
  if (ok)
    {
      ok = validate_other (store, other_path, error)
           && merge_attached (store, other_path, stats, error)
           && oc_store_exec (store, "COMMIT", error);
      if (!ok && !sqlite3_get_autocommit (store->db))
        sqlite3_exec (store->db, "ROLLBACK", NULL, NULL, NULL);
    }
  sqlite3_exec (store->db, "DETACH DATABASE other", NULL, NULL, NULL);
  return ok;
}
