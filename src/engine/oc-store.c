/* oc-store.c — opening, migrating and writing the SQLite experiment store.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Durability: WAL with synchronous=NORMAL. A committed transaction survives the process being
 * killed at any moment (the WAL is replayed when the file is next opened); only a power cut may
 * lose the last commits, never corrupt older ones.
 */
#include <errno.h>
#include <math.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "oc-config.h"
#include "occam/oc-error.h"
#include "occam/oc-input.h"
#include "oc-store-private.h"
#include <glib/gi18n-lib.h>
#include <inttypes.h>

/* Version 1. Times are ISO 8601 UTC text; metrics that do not exist (no validation split) are
 * NULL. A point's curve and artifacts go with it (ON DELETE CASCADE). */
static const char schema_v1[] =
  "CREATE TABLE experiments ("
  "  id TEXT PRIMARY KEY,"
  "  hash TEXT NOT NULL UNIQUE,"
  "  kind TEXT NOT NULL,"
  "  spec TEXT NOT NULL,"
  "  dataset TEXT,"
  "  description TEXT NOT NULL,"
  "  planned_points INTEGER NOT NULL CHECK (planned_points >= 0),"
  "  status TEXT NOT NULL CHECK (status IN ('running', 'finished', 'failed', 'cancelled')),"
  "  created TEXT NOT NULL,"
  "  updated TEXT NOT NULL,"
  "  occam_version TEXT NOT NULL"
  ") STRICT;"
  "CREATE TABLE points ("
  "  experiment_id TEXT NOT NULL REFERENCES experiments (id) ON DELETE CASCADE,"
  "  key TEXT NOT NULL,"
  "  status TEXT NOT NULL CHECK (status IN ('finished', 'failed')),"
  "  error TEXT,"
  "  started TEXT NOT NULL,"
  "  finished TEXT NOT NULL,"
  "  seconds REAL,"
  "  threads INTEGER,"
  "  architecture TEXT,"
  "  parameters INTEGER,"
  "  n_train INTEGER, n_val INTEGER, n_test INTEGER,"
  "  iterations INTEGER,"
  "  train_seconds REAL, eval_seconds REAL, seconds_per_epoch REAL, gflops REAL,"
  "  final_iteration INTEGER, final_epoch REAL,"
  "  final_train_loss REAL, final_train_error REAL, final_val_loss REAL, final_val_error REAL,"
  "  final_test_loss REAL, final_test_error REAL, final_seconds REAL,"
  "  es_iteration INTEGER, es_epoch REAL,"
  "  es_train_loss REAL, es_train_error REAL, es_val_loss REAL, es_val_error REAL,"
  "  es_test_loss REAL, es_test_error REAL, es_seconds REAL,"
  "  PRIMARY KEY (experiment_id, key)"
  ") STRICT;"
  "CREATE TABLE curves ("
  "  experiment_id TEXT NOT NULL,"
  "  key TEXT NOT NULL,"
  "  step INTEGER NOT NULL,"
  "  iteration INTEGER NOT NULL,"
  "  epoch REAL,"
  "  train_loss REAL, train_error REAL, val_loss REAL, val_error REAL,"
  "  test_loss REAL, test_error REAL,"
  "  seconds REAL,"
  "  PRIMARY KEY (experiment_id, key, step),"
  "  FOREIGN KEY (experiment_id, key) REFERENCES points (experiment_id, key) ON DELETE CASCADE"
  ") STRICT;"
  "CREATE TABLE artifacts ("
  "  experiment_id TEXT NOT NULL,"
  "  key TEXT NOT NULL,"
  "  name TEXT NOT NULL,"
  "  dtype TEXT NOT NULL,"
  "  shape TEXT NOT NULL,"
  "  npy BLOB NOT NULL,"
  "  PRIMARY KEY (experiment_id, key, name),"
  "  FOREIGN KEY (experiment_id, key) REFERENCES points (experiment_id, key) ON DELETE CASCADE"
  ") STRICT;";

/* Version 2: an experiment may be "partial" (one shard of it ran here; see OcRunOptions). Only
 * the experiments' CHECK constraint changes, and it admits more than before, so every row stays
 * valid and the table is edited in place (SQLite's documented way to change a constraint without
 * rebuilding the table and, through ON DELETE CASCADE, losing its points). The table created and
 * dropped again changes the schema cookie, so that other connections read the new schema. */
static const char schema_v2[] =
  "PRAGMA writable_schema = ON;"
  "UPDATE sqlite_schema SET sql = replace (sql, '''cancelled''))', "
  "'''cancelled'', ''partial''))') WHERE type = 'table' AND name = 'experiments';"
  "PRAGMA writable_schema = RESET;"
  "CREATE TABLE occam_schema_v2 (x);"
  "DROP TABLE occam_schema_v2;";

/* Version 3: presentation decks (oc-store-deck.h). A slide names its experiment by ID without a
 * foreign key: removing an experiment keeps the decks that show it, and the slide then says the
 * experiment is gone instead of vanishing from the talk. Positions are dense, 0 to n − 1. */
static const char schema_v3[] =
  "CREATE TABLE decks ("
  "  name TEXT PRIMARY KEY,"
  "  created TEXT NOT NULL,"
  "  updated TEXT NOT NULL"
  ") STRICT;"
  "CREATE TABLE slides ("
  "  deck TEXT NOT NULL REFERENCES decks (name) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL CHECK (position >= 0),"
  "  experiment_id TEXT NOT NULL,"
  "  figure TEXT NOT NULL,"
  "  params TEXT NOT NULL,"
  "  title TEXT,"
  "  caption TEXT,"
  "  quick INTEGER NOT NULL CHECK (quick IN (0, 1)),"
  "  quick_note TEXT,"
  "  PRIMARY KEY (deck, position)"
  ") STRICT;";

static const OcStoreMigration migrations[] = {
  { 1, schema_v1 },
  { 2, schema_v2 },
  { 3, schema_v3 },
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == OC_STORE_SCHEMA_VERSION);

const OcStoreMigration *
oc_store_migrations (guint *n_migrations)
{
  *n_migrations = G_N_ELEMENTS (migrations);
  return migrations;
}

static const char *const status_names[] = { "running", "finished", "failed", "cancelled",
                                            "interrupted", "partial" };

const char *
oc_status_to_string (OcStatus status)
{
  g_return_val_if_fail ((guint) status < G_N_ELEMENTS (status_names), NULL);
  return status_names[status];
}

gboolean
oc_status_from_string (const char *s, OcStatus *out)
{
  for (guint i = 0; i < G_N_ELEMENTS (status_names); i++)
    if (g_strcmp0 (s, status_names[i]) == 0)
      {
        *out = (OcStatus) i;
        return TRUE;
      }
  return FALSE;
}

char *
oc_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "occam", "occam.db", NULL);
}

char *
oc_store_now (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

/* Errors ------------------------------------------------------------------------------------- */

static gboolean
fail_with_db (const char *path, sqlite3 *db, int rc, GError **error, const char *what)
{
  const char *reason = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc);
  const char *hint;

  switch (rc & 0xff)
    {
    case SQLITE_CORRUPT:
      hint = "the file is damaged; it was left as it is — restore a backup, move it away, or "
             "choose another file with --store";
      break;
    case SQLITE_NOTADB:
      hint = "it was left as it is — move it away or choose another file with --store";
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      hint = "another process held the store for too long; try again when it has finished";
      break;
    case SQLITE_FULL:
      hint = "the disk is full";
      break;
    case SQLITE_READONLY:
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_AUTH:
      hint = "check that the file and its folder are writable, or choose another file with "
             "--store";
      break;
    case SQLITE_IOERR:
      hint = "reading or writing the file failed";
      break;
    default:
      hint = NULL;
      break;
    }
  g_set_error (error, OC_ERROR, OC_ERROR_STORE, _("%s: %s: %s%s%s"), path, what, reason,
               hint != NULL ? "; " : "", hint != NULL ? hint : "");
  return FALSE;
}

gboolean
oc_store_fail (OcStore *store, GError **error, const char *what)
{
  return fail_with_db (store->path, store->db, sqlite3_extended_errcode (store->db), error, what);
}

gboolean
oc_store_exec (OcStore *store, const char *sql, GError **error)
{
  if (sqlite3_exec (store->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return oc_store_fail (store, error, sql);
  return TRUE;
}

sqlite3_stmt *
oc_store_prepare (OcStore *store, const char *sql, GError **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (store->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      oc_store_fail (store, error, "preparing a query");
      return NULL;
    }
  return stmt;
}

/* The damage check ---------------------------------------------------------------------------- */

/* Before the first write only: a write into a damaged b-tree can spread the damage, and a write
 * that fails halfway through leaves a -wal behind. quick_check reads every page once (b-tree
 * structure, overflow chains, free list; not the index contents integrity_check compares), about
 * as long as reading the file; see README, "Experiment store", for what it costs. */
gboolean
oc_store_check_damage (OcStore *store, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autofree char *problem = NULL;
  int rc;

  if (store->checked)
    return TRUE;
  if (sqlite3_prepare_v2 (store->db, "PRAGMA quick_check(1)", -1, &stmt, NULL) != SQLITE_OK)
    return oc_store_fail (store, error, "checking the file for damage");
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") == 0)
    {
      store->checked = TRUE;
      return TRUE;
    }
  if (rc != SQLITE_ROW && (rc & 0xff) != SQLITE_CORRUPT && (rc & 0xff) != SQLITE_NOTADB)
    return oc_store_fail (store, error, "checking the file for damage");
  problem = g_strdup (rc == SQLITE_ROW ? (const char *) sqlite3_column_text (stmt, 0)
                                       : sqlite3_errmsg (store->db));
  /* "*** in database main ***\nPage 7: …": the first problem is on the second line. */
  if (g_str_has_prefix (problem, "*** ") && strchr (problem, '\n') != NULL)
    memmove (problem, strchr (problem, '\n') + 1, strlen (strchr (problem, '\n') + 1) + 1);
  g_strdelimit (problem, "\n", ' ');
  /* Closing the last connection would checkpoint a -wal found on opening into the damaged file. */
  if (store->had_wal)
    sqlite3_db_config (store->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
  g_set_error (error, OC_ERROR, OC_ERROR_STORE,
               _("%s is damaged (%.200s); nothing was written to it — restore it from a backup, or "
               "move it away and use another file with --store"), store->path, problem);
  return FALSE;
}

gboolean
oc_store_begin_write (OcStore *store, GError **error)
{
  return oc_store_check_damage (store, error) && oc_store_exec (store, "BEGIN IMMEDIATE", error);
}

void
oc_store_rollback (OcStore *store)
{
  if (!sqlite3_get_autocommit (store->db))
    sqlite3_exec (store->db, "ROLLBACK", NULL, NULL, NULL);
}

/* Binding and reading values ----------------------------------------------------------------- */

void
oc_store_bind_text (sqlite3_stmt *stmt, int i, const char *s)
{
  if (s == NULL)
    sqlite3_bind_null (stmt, i);
  else
    sqlite3_bind_text (stmt, i, s, -1, SQLITE_TRANSIENT);
}

/* NaN and infinities have no place in SQL; missing metrics are NULL. */
void
oc_store_bind_double (sqlite3_stmt *stmt, int i, double v)
{
  if (isfinite (v))
    sqlite3_bind_double (stmt, i, v);
  else
    sqlite3_bind_null (stmt, i);
}

double
oc_store_column_double (sqlite3_stmt *stmt, int i)
{
  return sqlite3_column_type (stmt, i) == SQLITE_NULL ? NAN : sqlite3_column_double (stmt, i);
}

char *
oc_store_column_text (sqlite3_stmt *stmt, int i)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, i));
}

/* Opening and migrating ---------------------------------------------------------------------- */

static gboolean
pragma_int (OcStore *store, const char *sql, gint64 *out, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = oc_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return oc_store_fail (store, error, "reading the store header");
  *out = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

static gboolean
migrate (OcStore *store, const OcStoreMigration *steps, guint n_steps, GError **error)
{
  gint64 version;

  /* Another process may be migrating at the same moment: take the write lock first, then look
   * at the version again. */
  if (!oc_store_begin_write (store, error))
    return FALSE;
  if (!pragma_int (store, "PRAGMA user_version", &version, error))
    goto failed;
  if (version == 0)
    {
      g_autofree char *sql = g_strdup_printf ("PRAGMA application_id = %d",
                                              OC_STORE_APPLICATION_ID);

      if (!oc_store_exec (store, sql, error))
        goto failed;
    }
  for (guint i = 0; i < n_steps; i++)
    {
      g_autofree char *sql = NULL;

      if (steps[i].version <= (guint64) version)
        continue;
      if (sqlite3_exec (store->db, steps[i].sql, NULL, NULL, NULL) != SQLITE_OK)
        {
          g_autofree char *what = g_strdup_printf ("upgrading the store from schema %u to %u "
                                                   "(the file is unchanged)",
                                                   steps[i].version - 1, steps[i].version);

          oc_store_fail (store, error, what);
          goto failed;
        }
      sql = g_strdup_printf ("PRAGMA user_version = %u", steps[i].version);
      if (!oc_store_exec (store, sql, error))
        goto failed;
    }
  if (!oc_store_exec (store, "COMMIT", error))
    goto failed;
  return TRUE;

failed:
  oc_store_rollback (store);
  return FALSE;
}

static void
store_free (OcStore *store)
{
  if (store->db != NULL)
    sqlite3_close_v2 (store->db);
  /* Drops every "running" mark this store still held. */
  if (store->run_fd >= 0)
    close (store->run_fd);
  g_clear_pointer (&store->run_held, g_hash_table_unref);
  g_mutex_clear (&store->lock);
  g_free (store->network_fs);
  g_free (store->path);
  g_free (store);
}

OcStore *
oc_store_open_with_migrations (const char *path, OcStoreOpenFlags flags,
                               const OcStoreMigration *steps, guint n_steps, GError **error)
{
  g_autoptr (OcStore) store = NULL;
  g_autofree char *abs = NULL, *uri = NULL, *dir = NULL;
  guint target = n_steps > 0 ? steps[n_steps - 1].version : 0;
  gint64 app_id, version, n_objects;
  const char *want;
  gboolean exists;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  store = g_new0 (OcStore, 1);
  g_mutex_init (&store->lock);
  store->path = g_strdup (path);
  store->run_fd = -1;
  store->run_held = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  exists = g_file_test (path, G_FILE_TEST_EXISTS);
  if (!exists && !(flags & OC_STORE_OPEN_CREATE))
    {
      g_set_error (error, OC_ERROR, OC_ERROR_NOT_FOUND,
                   _("%s: no experiment store here yet; occam-cli train and run create it, or pass "
                   "--store with an existing file"), path);
      return NULL;
    }
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, OC_ERROR, OC_ERROR_STORE,
                   _("%s is a folder; give the path of a store file such as %s/occam.db"), path,
                   path);
      return NULL;
    }
  /* SQLite would block reading a named pipe, and read (and write a journal next to) a device. */
  if (exists)
    {
      g_autoptr (GError) local = NULL;

      if (!oc_input_check_path (path, &local))
        {
          g_set_error (error, OC_ERROR, OC_ERROR_STORE, _("%s; choose another file with --store"),
                       local->message);
          return NULL;
        }
    }
  abs = g_canonicalize_filename (path, NULL);
  dir = g_path_get_dirname (abs);
  if (!exists && g_mkdir_with_parents (dir, 0700) != 0)
    {
      int errsv = errno;

      g_set_error (error, OC_ERROR, OC_ERROR_STORE, _("%s: cannot create the folder %s: %s"), path,
                   dir, g_strerror (errsv));
      return NULL;
    }

  /* A URI, so that the same machinery can open other stores read-only for merging; file names
   * are escaped by GLib. */
  uri = g_filename_to_uri (abs, NULL, error);
  if (uri == NULL)
    return NULL;
  rc = sqlite3_open_v2 (uri, &store->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX
                        | (flags & OC_STORE_OPEN_CREATE ? SQLITE_OPEN_CREATE : 0), NULL);
  if (rc != SQLITE_OK)
    {
      fail_with_db (path, store->db, rc, error, exists ? "cannot open the store"
                                                       : "cannot create the store");
      return NULL;
    }
  sqlite3_extended_result_codes (store->db, 1);
  sqlite3_busy_timeout (store->db, OC_STORE_BUSY_TIMEOUT_MS);
  {
    /* Nothing has read the file yet, so a -wal now was left by another connection. */
    const char *wal = sqlite3_filename_wal (sqlite3_db_filename (store->db, "main"));
    GStatBuf st;

    store->had_wal = wal != NULL && g_stat (wal, &st) == 0 && st.st_size > 0;
  }

  /* Look before touching: these only read the header and the schema. */
  if (!pragma_int (store, "PRAGMA application_id", &app_id, error)
      || !pragma_int (store, "PRAGMA user_version", &version, error)
      || !pragma_int (store, "SELECT count(*) FROM sqlite_schema", &n_objects, error))
    return NULL;
  if (app_id != OC_STORE_APPLICATION_ID && !(app_id == 0 && version == 0 && n_objects == 0))
    {
      g_set_error (error, OC_ERROR, OC_ERROR_STORE,
                   _("%s is an SQLite database but not an Occam experiment store; it was left as it "
                   "is — choose another file with --store"), path);
      return NULL;
    }
  if (version > (gint64) target)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_STORE,
                   _("%s was written by a newer Occam (store schema %" PRId64 "; this "
                   "occam %s knows up to %u); it was left as it is — upgrade Occam or choose "
                   "another file with --store"), path, version, OC_VERSION, target);
      return NULL;
    }
  /* The header says what the file claims to be; its tables say what it is. */
  if ((version > 0 || n_objects > 0)
      && !oc_store_check_schema (store, "main", path, (guint64) version, steps, n_steps,
                                 "it was left as it is — choose another file with --store",
                                 error))
    {
      /* Closing would checkpoint a -wal found on opening into the file. */
      if (store->had_wal)
        sqlite3_db_config (store->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
      return NULL;
    }
  if (sqlite3_db_readonly (store->db, "main") == 1)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_STORE,
                   _("%s is read-only; make it writable or choose another file with --store"), path);
      return NULL;
    }

  /* WAL on a local disk; a rollback journal on a network file system (see oc-store-fs.c). */
  store->network_fs = oc_store_network_fs (dir);
  want = store->network_fs != NULL ? "delete" : "wal";
  {
    g_autoptr (sqlite3_stmt) mode = oc_store_prepare (store, "PRAGMA journal_mode", error);

    if (mode == NULL)
      return NULL;
    if (sqlite3_step (mode) != SQLITE_ROW)
      {
        oc_store_fail (store, error, "reading the journal mode");
        return NULL;
      }
    /* Switching the journal mode writes the header: look for damage first (migrate() does
     * too). */
    if (n_objects > 0 && g_ascii_strcasecmp ((const char *) sqlite3_column_text (mode, 0), want)
                         != 0
        && !oc_store_check_damage (store, error))
      return NULL;
  }
  {
    g_autofree char *sql = g_strdup_printf ("PRAGMA journal_mode = %s", want);
    g_autoptr (sqlite3_stmt) stmt = oc_store_prepare (store, sql, error);

    if (stmt == NULL)
      return NULL;
    if (sqlite3_step (stmt) != SQLITE_ROW)
      {
        oc_store_fail (store, error, store->network_fs != NULL ? "switching to a rollback journal"
                                                               : "switching to WAL mode");
        return NULL;
      }
    if (g_ascii_strcasecmp ((const char *) sqlite3_column_text (stmt, 0), want) != 0)
      {
        if (store->network_fs != NULL)
          g_set_error (error, OC_ERROR, OC_ERROR_STORE,
                       _("%s: cannot leave write-ahead logging on this %s file system (another "
                       "process has the store open?); close it there, or use a store on a local "
                       "disk and merge it later with occam-cli merge"), path, store->network_fs);
        else
          g_set_error (error, OC_ERROR, OC_ERROR_STORE,
                       _("%s: cannot use write-ahead logging (journal mode stays %s); the store "
                       "needs a local file system and a writable folder"), path,
                       sqlite3_column_text (stmt, 0));
        return NULL;
      }
  }
  if (!oc_store_exec (store, "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL", error))
    return NULL;
  if (version < (gint64) target && !migrate (store, steps, n_steps, error))
    return NULL;
  return g_steal_pointer (&store);
}

OcStore *
oc_store_open (const char *path, OcStoreOpenFlags flags, GError **error)
{
  return oc_store_open_with_migrations (path, flags, migrations, G_N_ELEMENTS (migrations),
                                        error);
}

void
oc_store_close (OcStore *store)
{
  if (store != NULL)
    store_free (store);
}

const char *
oc_store_get_network_fs (OcStore *store)
{
  g_return_val_if_fail (store != NULL, NULL);
  return store->network_fs;
}

const char *
oc_store_get_path (OcStore *store)
{
  g_return_val_if_fail (store != NULL, NULL);
  return store->path;
}

guint64
oc_store_get_data_version (OcStore *store)
{
  g_autoptr (GMutexLocker) locker = NULL;
  g_autoptr (sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (store != NULL, 0);
  locker = g_mutex_locker_new (&store->lock);

  stmt = oc_store_prepare (store, "PRAGMA data_version", NULL);
  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return 0;
  return (guint64) sqlite3_column_int64 (stmt, 0);
}

gboolean
oc_store_check_integrity (OcStore *store, GError **error)
{
  g_autoptr (GMutexLocker) locker = NULL;
  g_autoptr (sqlite3_stmt) stmt = NULL;
  const char *first;

  g_return_val_if_fail (store != NULL, FALSE);
  locker = g_mutex_locker_new (&store->lock);

  stmt = oc_store_prepare (store, "PRAGMA integrity_check", error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return oc_store_fail (store, error, "checking integrity");
  first = (const char *) sqlite3_column_text (stmt, 0);
  if (g_strcmp0 (first, "ok") != 0)
    {
      g_autofree char *line = g_strdup (first);

      g_strdelimit (line, "\n", ' ');
      g_set_error (error, OC_ERROR, OC_ERROR_STORE, _("%s: integrity check failed: %.200s"),
                   store->path, line);
      return FALSE;
    }
  return TRUE;
}

/* Experiments ---------------------------------------------------------------------------------- */

void
oc_store_experiment_free (OcStoreExperiment *e)
{
  if (e == NULL)
    return;
  g_free (e->id);
  g_free (e->hash);
  g_free (e->kind);
  g_free (e->spec);
  g_free (e->dataset);
  g_free (e->description);
  g_free (e->created);
  g_free (e->updated);
  g_free (e);
}

gboolean
oc_store_begin_experiment (OcStore *store, const OcSpec *spec, guint planned_points,
                           gboolean *created_out, GError **error)
{
  g_autoptr (GMutexLocker) locker = NULL;
  g_autoptr (sqlite3_stmt) find = NULL, insert = NULL, update = NULL;
  g_autofree char *hash = NULL, *id = NULL, *json = NULL, *describe = NULL, *now = NULL;
  const OcDataOptions *data;
  gboolean created = FALSE;

  g_return_val_if_fail (store != NULL && spec != NULL, FALSE);
  locker = g_mutex_locker_new (&store->lock);

  hash = oc_spec_hash (spec);
  id = g_strndup (hash, OC_SPEC_ID_LEN);
  json = oc_spec_to_json (spec, OC_SPEC_JSON_HASHED_ONLY);
  describe = oc_spec_describe (spec);
  data = oc_spec_get_data_options (spec);
  now = oc_store_now ();

  /* A damaged store gets nothing, not even the lock file beside it; then the mark that a live
   * process runs it, so that a second process gets a clear refusal. */
  if (!oc_store_check_damage (store, error) || !oc_store_run_lock (store, id, error))
    return FALSE;
  if (!oc_store_exec (store, "BEGIN IMMEDIATE", error))
    {
      oc_store_run_unlock (store, id);
      return FALSE;
    }
  find = oc_store_prepare (store, "SELECT hash FROM experiments WHERE id = ?", error);
  if (find == NULL)
    goto failed;
  oc_store_bind_text (find, 1, id);
  switch (sqlite3_step (find))
    {
    case SQLITE_ROW:
      if (g_strcmp0 ((const char *) sqlite3_column_text (find, 0), hash) != 0)
        {
          g_set_error (error, OC_ERROR, OC_ERROR_STORE,
                       _("%s: experiment %s already exists with another spec (a hash collision in "
                       "the first %d hex digits); remove it with occam-cli runs rm %s"),
                       store->path, id, OC_SPEC_ID_LEN, id);
          goto failed;
        }
      update = oc_store_prepare (store, "UPDATE experiments SET status = 'running', updated = ?, "
                                 "planned_points = ? WHERE id = ?", error);
      if (update == NULL)
        goto failed;
      oc_store_bind_text (update, 1, now);
      sqlite3_bind_int64 (update, 2, planned_points);
      oc_store_bind_text (update, 3, id);
      if (sqlite3_step (update) != SQLITE_DONE)
        {
          oc_store_fail (store, error, "updating the experiment");
          goto failed;
        }
      break;
    case SQLITE_DONE:
      insert = oc_store_prepare (store, "INSERT INTO experiments (" OC_STORE_EXPERIMENT_COLUMNS
                                 ") VALUES (?, ?, ?, ?, ?, ?, ?, 'running', ?, ?, ?)", error);
      if (insert == NULL)
        goto failed;
      oc_store_bind_text (insert, 1, id);
      oc_store_bind_text (insert, 2, hash);
      oc_store_bind_text (insert, 3, oc_spec_get_kind (spec));
      oc_store_bind_text (insert, 4, json);
      oc_store_bind_text (insert, 5, data != NULL ? data->name : NULL);
      oc_store_bind_text (insert, 6, describe);
      sqlite3_bind_int64 (insert, 7, planned_points);
      oc_store_bind_text (insert, 8, now);
      oc_store_bind_text (insert, 9, now);
      oc_store_bind_text (insert, 10, OC_VERSION);
      if (sqlite3_step (insert) != SQLITE_DONE)
        {
          oc_store_fail (store, error, "recording the experiment");
          goto failed;
        }
      created = TRUE;
      break;
    default:
      oc_store_fail (store, error, "looking up the experiment");
      goto failed;
    }
  if (!oc_store_exec (store, "COMMIT", error))
    goto failed;
  if (created_out != NULL)
    *created_out = created;
  return TRUE;

failed:
  oc_store_rollback (store);
  oc_store_run_unlock (store, id);
  return FALSE;
}

gboolean
oc_store_set_experiment_status (OcStore *store, const char *id, OcStatus status, GError **error)
{
  g_autoptr (GMutexLocker) locker = NULL;
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autofree char *now = oc_store_now ();

  g_return_val_if_fail (store != NULL && id != NULL, FALSE);
  locker = g_mutex_locker_new (&store->lock);

  if (!oc_store_check_damage (store, error))
    return FALSE;
  stmt = oc_store_prepare (store, "UPDATE experiments SET status = ?, updated = ? WHERE id = ?",
                           error);
  if (stmt == NULL)
    return FALSE;
  oc_store_bind_text (stmt, 1, oc_status_to_string (status));
  oc_store_bind_text (stmt, 2, now);
  oc_store_bind_text (stmt, 3, id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return oc_store_fail (store, error, "updating the experiment status");
  if (status != OC_STATUS_RUNNING)
    oc_store_run_unlock (store, id);
  return TRUE;
}

#define EXPERIMENT_SELECT \
  "SELECT e.id, e.hash, e.kind, e.spec, e.dataset, e.description, e.created, e.updated, " \
  "e.status, e.planned_points, " \
  "(SELECT count(*) FROM points p WHERE p.experiment_id = e.id), " \
  "(SELECT count(*) FROM points p WHERE p.experiment_id = e.id AND p.status = 'finished'), " \
  "(SELECT total(p.seconds) FROM points p WHERE p.experiment_id = e.id), " \
  "(SELECT (julianday (max (p.finished)) - julianday (min (p.started))) * 86400.0 " \
  "FROM points p WHERE p.experiment_id = e.id), " \
  "(SELECT max (p.seconds) FROM points p WHERE p.experiment_id = e.id) " \
  "FROM experiments e "

static OcStoreExperiment *
read_experiment (OcStore *store, sqlite3_stmt *stmt)
{
  OcStoreExperiment *e = g_new0 (OcStoreExperiment, 1);

  e->id = oc_store_column_text (stmt, 0);
  e->hash = oc_store_column_text (stmt, 1);
  e->kind = oc_store_column_text (stmt, 2);
  e->spec = oc_store_column_text (stmt, 3);
  e->dataset = oc_store_column_text (stmt, 4);
  e->description = oc_store_column_text (stmt, 5);
  e->created = oc_store_column_text (stmt, 6);
  e->updated = oc_store_column_text (stmt, 7);
  if (!oc_status_from_string ((const char *) sqlite3_column_text (stmt, 8), &e->status))
    e->status = OC_STATUS_RUNNING;
  /* "running" with nobody running it: the process that was died. */
  if (e->status == OC_STATUS_RUNNING && !oc_store_run_is_live (store, e->id))
    e->status = OC_STATUS_INTERRUPTED;
  e->planned_points = (guint) sqlite3_column_int64 (stmt, 9);
  e->n_points = (guint) sqlite3_column_int64 (stmt, 10);
  e->n_finished = (guint) sqlite3_column_int64 (stmt, 11);
  e->seconds = sqlite3_column_double (stmt, 12);
  /* The times are stored to the second; the span is never shorter than its longest point. */
  e->wall_seconds = MAX (round (sqlite3_column_double (stmt, 13)), sqlite3_column_double (stmt, 14));
  return e;
}

GPtrArray *
oc_store_list_experiments (OcStore *store, GError **error)
{
  g_autoptr (GMutexLocker) locker = NULL;
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GPtrArray) list = g_ptr_array_new_with_free_func (
    (GDestroyNotify) oc_store_experiment_free);
  int rc;

  g_return_val_if_fail (store != NULL, NULL);
  locker = g_mutex_locker_new (&store->lock);

  stmt = oc_store_prepare (store, EXPERIMENT_SELECT "ORDER BY e.created DESC, e.id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, read_experiment (store, stmt));
  if (rc != SQLITE_DONE)
    {
      oc_store_fail (store, error, "listing experiments");
      return NULL;
    }
  return g_steal_pointer (&list);
}

OcStoreExperiment *
oc_store_find_experiment (OcStore *store, const char *id_or_prefix, GError **error)
{
  g_autoptr (GMutexLocker) locker = NULL;
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GPtrArray) found = g_ptr_array_new_with_free_func (
    (GDestroyNotify) oc_store_experiment_free);
  g_autofree char *prefix = NULL;
  gsize len;
  int rc;

  g_return_val_if_fail (store != NULL && id_or_prefix != NULL, NULL);

  prefix = g_ascii_strdown (id_or_prefix, -1);
  len = strlen (prefix);
  if (len == 0 || len > 64 || strspn (prefix, "0123456789abcdef") != len)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                   _("'%s' is not an experiment ID; IDs are hex digits as shown by occam-cli runs "
                   "list (a unique prefix is enough)"), id_or_prefix);
      return NULL;
    }

  locker = g_mutex_locker_new (&store->lock);
  stmt = oc_store_prepare (store, EXPERIMENT_SELECT "WHERE substr(e.hash, 1, ?) = ? "
                           "ORDER BY e.id LIMIT 6", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, (sqlite3_int64) len);
  oc_store_bind_text (stmt, 2, prefix);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (found, read_experiment (store, stmt));
  if (rc != SQLITE_DONE)
    {
      oc_store_fail (store, error, "looking up an experiment");
      return NULL;
    }
  if (found->len == 0)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_NOT_FOUND,
                   _("%s: no experiment with ID %s; occam-cli runs list shows them"), store->path,
                   prefix);
      return NULL;
    }
  if (found->len > 1)
    {
      GString *ids = g_string_new (NULL);
      g_autofree char *list = NULL;

      for (guint i = 0; i < MIN (found->len, 5); i++)
        g_string_append_printf (ids, "%s%s", i > 0 ? ", " : "",
                                ((OcStoreExperiment *) found->pdata[i])->id);
      if (found->len > 5)
        g_string_append (ids, ", …");
      list = g_string_free (ids, FALSE);
      g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                   _("ID prefix %s matches several experiments (%s); give more digits"), prefix,
                   list);
      return NULL;
    }
  return g_ptr_array_steal_index (found, 0);
}

gboolean
oc_store_remove_experiment (OcStore *store, const char *id, guint *points_removed,
                            GError **error)
{
  g_autoptr (GMutexLocker) locker = NULL;
  g_autoptr (sqlite3_stmt) count = NULL, del = NULL;

  g_return_val_if_fail (store != NULL && id != NULL, FALSE);
  locker = g_mutex_locker_new (&store->lock);

  /* Removing what another process is recording would leave it writing into nothing. */
  if (!oc_store_run_held (store, id) && oc_store_run_is_live (store, id))
    {
      g_set_error (error, OC_ERROR, OC_ERROR_STORE, _("%s: experiment %s is being computed by "
                   "another process right now; stop it first"), store->path, id);
      return FALSE;
    }
  if (!oc_store_begin_write (store, error))
    return FALSE;
  count = oc_store_prepare (store, "SELECT count(*) FROM points WHERE experiment_id = ?", error);
  del = oc_store_prepare (store, "DELETE FROM experiments WHERE id = ?", error);
  if (count == NULL || del == NULL)
    goto failed;
  oc_store_bind_text (count, 1, id);
  oc_store_bind_text (del, 1, id);
  if (sqlite3_step (count) != SQLITE_ROW)
    {
      oc_store_fail (store, error, "counting points");
      goto failed;
    }
  if (points_removed != NULL)
    *points_removed = (guint) sqlite3_column_int64 (count, 0);
  /* Points, curves and artifacts follow through ON DELETE CASCADE. */
  if (sqlite3_step (del) != SQLITE_DONE)
    {
      oc_store_fail (store, error, "removing the experiment");
      goto failed;
    }
  if (sqlite3_changes (store->db) == 0)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_NOT_FOUND, _("%s: no experiment with ID %s"),
                   store->path, id);
      goto failed;
    }
  if (!oc_store_exec (store, "COMMIT", error))
    goto failed;
  oc_store_run_unlock (store, id);
  return TRUE;

failed:
  oc_store_rollback (store);
  return FALSE;
}
