/* test-store.c — the experiment store: create, migrate, reopen, points, resume, merge, damaged and
 * foreign files, a writer killed with SIGKILL, and the .npy artifacts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "occam/oc-error.h"
#include "occam/oc-npy.h"
#include "occam/oc-store.h"
#include "oc-store-private.h"

typedef struct
{
  char *dir;
  char *path; /* dir/sub/occam.db: the folder does not exist yet */
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->dir = g_dir_make_tmp ("occam-store-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "sub", "occam.db", NULL);
}

static void
remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr (GDir) d = g_dir_open (path, 0, NULL);
      const char *name;

      g_chmod (path, 0700);
      while (d != NULL && (name = g_dir_read_name (d)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          remove_tree (child);
        }
      g_assert_cmpint (g_rmdir (path), ==, 0);
    }
  else
    g_assert_cmpint (g_remove (path), ==, 0);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

/* Helpers ------------------------------------------------------------------------------------- */

static OcSpec *
make_spec (guint64 seed)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *json = g_strdup_printf ("{\"version\": 1, \"kind\": \"train\", \"data\": "
                                           "{\"name\": \"blobs\"}, \"train\": {\"seed\": %"
                                           G_GUINT64_FORMAT "}}", seed);
  OcSpec *spec = oc_spec_new_from_json (json, -1, NULL, &error);

  g_assert_no_error (error);
  return spec;
}

static OcStore *
open_store (const char *path)
{
  g_autoptr (GError) error = NULL;
  OcStore *store = oc_store_open (path, OC_STORE_OPEN_CREATE, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static char *
begin (OcStore *store, guint64 seed, guint planned)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (OcSpec) spec = make_spec (seed);

  g_assert_true (oc_store_begin_experiment (store, spec, planned, NULL, &error));
  g_assert_no_error (error);
  return oc_spec_id (spec);
}

/* A point whose numbers derive from @value, with @rows curve rows (validation missing: NaN). */
static OcStorePoint *
make_point (const char *id, const char *key, OcStatus status, double value, guint rows)
{
  OcStorePoint *p = oc_store_point_new (id, key);

  p->status = status;
  p->architecture = g_strdup ("2-16-3");
  p->parameters = 99;
  p->n_train = 800;
  p->n_test = 200;
  p->threads = 1;
  p->seconds = value;
  p->iterations = rows * 10;
  p->evals = g_array_new (FALSE, FALSE, sizeof (OcEvalPoint));
  for (guint r = 0; r < rows; r++)
    {
      OcEvalPoint e = { .iteration = r * 10, .epoch = r * 0.5, .train_loss = value / (r + 1),
                        .train_error = 0.125, .val_loss = NAN, .val_error = NAN,
                        .test_loss = value * 2, .test_error = 0.25, .seconds = r * 0.1 };

      g_array_append_val (p->evals, e);
    }
  if (rows > 0)
    p->final = p->early_stop = g_array_index (p->evals, OcEvalPoint, rows - 1);
  if (status == OC_STATUS_FAILED)
    p->error = g_strdup ("training diverged");
  return p;
}

static void
put (OcStore *store, const char *id, const char *key, OcStatus status, double value, guint rows)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (OcStorePoint) p = make_point (id, key, status, value, rows);

  g_assert_true (oc_store_put_point (store, p, NULL, &error));
  g_assert_no_error (error);
}

static gint64
raw_int (const char *path, const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 v;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  v = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return v;
}

static void
raw_exec (const char *path, const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static GBytes *
file_bytes (const char *path)
{
  g_autoptr (GError) error = NULL;
  char *data = NULL;
  gsize len;

  g_file_get_contents (path, &data, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (data, len);
}

static void
assert_same_bytes (GBytes *before, const char *path)
{
  g_autoptr (GBytes) after = file_bytes (path);

  g_assert_true (g_bytes_equal (before, after));
}

typedef struct
{
  gint64 experiments, points, curves, artifacts;
} Counts;

static Counts
counts (const char *path)
{
  Counts c = {
    raw_int (path, "SELECT count(*) FROM experiments"),
    raw_int (path, "SELECT count(*) FROM points"),
    raw_int (path, "SELECT count(*) FROM curves"),
    raw_int (path, "SELECT count(*) FROM artifacts"),
  };

  return c;
}

/* Create, reopen, migrate --------------------------------------------------------------------- */

static void
test_create (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (OcStore) store = NULL;
  g_autofree char *dflt = oc_store_default_path ();

  g_assert_true (g_str_has_suffix (dflt, "/occam/occam.db"));
  g_assert_true (g_str_has_prefix (dflt, g_get_user_data_dir ()));

  /* Without CREATE a missing store is an error that says what to do. */
  store = oc_store_open (f->path, OC_STORE_OPEN_DEFAULT, &error);
  g_assert_null (store);
  g_assert_error (error, OC_ERROR, OC_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, f->path));
  g_assert_false (g_file_test (f->path, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  store = open_store (f->path);
  g_assert_cmpstr (oc_store_get_path (store), ==, f->path);
  g_assert_true (oc_store_check_integrity (store, &error));
  g_clear_pointer (&store, oc_store_close);

  g_assert_cmpint (raw_int (f->path, "PRAGMA user_version"), ==, OC_STORE_SCHEMA_VERSION);
  g_assert_cmpint (raw_int (f->path, "PRAGMA application_id"), ==, OC_STORE_APPLICATION_ID);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM pragma_journal_mode "
                                     "WHERE journal_mode = 'wal'"), ==, 1);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM pragma_table_list WHERE schema = "
                                     "'main' AND strict AND name IN ('experiments', 'points', "
                                     "'curves', 'artifacts')"), ==, 4);

  /* A folder is not a store. */
  store = oc_store_open (f->dir, OC_STORE_OPEN_CREATE, &error);
  g_assert_null (store);
  g_assert_error (error, OC_ERROR, OC_ERROR_STORE);
  g_assert_nonnull (strstr (error->message, "is a folder"));
}

/* Something that is not a file where the store should be: SQLite would block on a named pipe and
 * read a device (and write its journal next to it). Nothing is created. */
static void
test_not_a_file (Fixture *f, gconstpointer data)
{
  g_autofree char *pipe_path = g_build_filename (f->dir, "pipe.db", NULL);
  g_autofree char *dev_path = g_build_filename (f->dir, "dev.db", NULL);
  g_autofree char *journal = g_strconcat (dev_path, "-journal", NULL);
  g_autofree char *wal = g_strconcat (dev_path, "-wal", NULL);
  g_autofree char *expected = g_strdup_printf ("%s is a named pipe, not a file; choose another "
                                               "file with --store", pipe_path);
  g_autoptr (GError) error = NULL;
  g_autoptr (OcStore) store = NULL;

  g_assert_cmpint (mkfifo (pipe_path, 0600), ==, 0);
  g_assert_cmpint (symlink ("/dev/null", dev_path), ==, 0);

  store = oc_store_open (pipe_path, OC_STORE_OPEN_CREATE, &error);
  g_assert_null (store);
  g_assert_error (error, OC_ERROR, OC_ERROR_STORE);
  g_assert_cmpstr (error->message, ==, expected);
  g_clear_error (&error);

  store = oc_store_open (dev_path, OC_STORE_OPEN_DEFAULT, &error);
  g_assert_null (store);
  g_assert_error (error, OC_ERROR, OC_ERROR_STORE);
  g_assert_true (g_str_has_prefix (error->message, dev_path));
  g_assert_nonnull (strstr (error->message, " is a character device, not a file"));
  g_clear_error (&error);
  g_assert_false (g_file_test (journal, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));

  /* Nor can either be merged. */
  store = open_store (f->path);
  g_assert_false (oc_store_merge (store, pipe_path, NULL, &error));
  g_assert_error (error, OC_ERROR, OC_ERROR_STORE);
  g_assert_true (g_str_has_suffix (error->message, " is a named pipe, not a file; nothing was "
                                   "merged"));
  g_clear_error (&error);
  g_assert_false (oc_store_merge (store, f->dir, NULL, &error));
  g_assert_error (error, OC_ERROR, OC_ERROR_STORE);
  g_assert_true (g_str_has_suffix (error->message, " is a folder, not a file; nothing was "
                                   "merged"));
}

static void
test_reopen (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (OcStore) store = open_store (f->path);
  g_autofree char *id = begin (store, 1, 1);
  g_autoptr (OcStorePoint) p = NULL;
  g_autoptr (OcStoreExperiment) e = NULL;
  gboolean created = TRUE;

  put (store, id, "{}", OC_STATUS_FINISHED, 0.5, 4);
  g_clear_pointer (&store, oc_store_close);

  store = oc_store_open (f->path, OC_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  p = oc_store_get_point (store, id, "{}", TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (p->evals->len, ==, 4);
  e = oc_store_find_experiment (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (e->status, ==, OC_STATUS_FINISHED);

  /* Beginning it again finds it. */
  {
    g_autoptr (OcSpec) spec = make_spec (1);

    g_assert_true (oc_store_begin_experiment (store, spec, 1, &created, &error));
    g_assert_false (created);
  }
}

static void
test_migrate (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (OcStore) store = open_store (f->path);
  g_autofree char *id = begin (store, 1, 1);
  g_autoptr (GBytes) before = NULL;
  g_autoptr (OcStorePoint) p = NULL;
  guint n_builtin;
  const OcStoreMigration *builtin = oc_store_migrations (&n_builtin);
  OcStoreMigration steps[OC_STORE_SCHEMA_VERSION + 1];
  guint next = OC_STORE_SCHEMA_VERSION + 1;

  put (store, id, "{}", OC_STATUS_FINISHED, 0.5, 3);
  g_clear_pointer (&store, oc_store_close);
  g_assert_cmpuint (n_builtin, ==, OC_STORE_SCHEMA_VERSION);
  memcpy (steps, builtin, n_builtin * sizeof *steps);

  /* A failing upgrade leaves the file as it was. */
  steps[n_builtin].version = next;
  steps[n_builtin].sql = "CREATE TABLE scratch (x INTEGER) STRICT; THIS IS NOT SQL";
  before = file_bytes (f->path);
  store = oc_store_open_with_migrations (f->path, OC_STORE_OPEN_DEFAULT, steps, n_builtin + 1,
                                         &error);
  g_assert_null (store);
  g_assert_error (error, OC_ERROR, OC_ERROR_STORE);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "upgrading the store from schema"));
  g_assert_nonnull (strstr (error->message, "the file is unchanged"));
  g_clear_error (&error);
  assert_same_bytes (before, f->path);
  g_assert_cmpint (raw_int (f->path, "PRAGMA user_version"), ==, OC_STORE_SCHEMA_VERSION);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM sqlite_schema WHERE name = 'scratch'"),
                   ==, 0);

  /* A good upgrade keeps the data and moves the version forward. */
  steps[n_builtin].sql = "ALTER TABLE points ADD COLUMN note TEXT; "
                         "CREATE TABLE scratch (x INTEGER) STRICT;";
  store = oc_store_open_with_migrations (f->path, OC_STORE_OPEN_DEFAULT, steps, n_builtin + 1,
                                         &error);
  g_assert_no_error (error);
  p = oc_store_get_point (store, id, "{}", TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (p->evals->len, ==, 3);
  g_clear_pointer (&store, oc_store_close);
  g_assert_cmpint (raw_int (f->path, "PRAGMA user_version"), ==, next);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM pragma_table_info('points') "
                                     "WHERE name = 'note'"), ==, 1);

  /* This build knows only up to OC_STORE_SCHEMA_VERSION: the upgraded file is now "newer". */
  before = (g_bytes_unref (before), file_bytes (f->path));
  store = oc_store_open (f->path, OC_STORE_OPEN_DEFAULT, &error);
  g_assert_null (store);
  g_assert_error (error, OC_ERROR, OC_ERROR_STORE);
  assert_same_bytes (before, f->path);
}

/* A store of schema 1 (before shards) opens as schema 2: its points stay, with their curves
 * and cascades, and an experiment may now be "partial", which schema 1 refused. */
static void
test_upgrade_v1 (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  guint n_builtin;
  const OcStoreMigration *builtin = oc_store_migrations (&n_builtin);
  g_autoptr (OcStore) store = oc_store_open_with_migrations (f->path, OC_STORE_OPEN_CREATE,
                                                             builtin, 1, &error);
  g_autofree char *id = NULL;
  g_autoptr (OcStorePoint) p = NULL;
  g_autoptr (OcStoreExperiment) e = NULL;

  g_assert_no_error (error);
  id = begin (store, 1, 2);
  put (store, id, "{}", OC_STATUS_FINISHED, 0.5, 3);
  g_clear_pointer (&store, oc_store_close);
  g_assert_cmpint (raw_int (f->path, "PRAGMA user_version"), ==, 1);
  /* Schema 1 has no "partial". */
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM sqlite_schema WHERE sql LIKE "
                                     "'%partial%'"), ==, 0);

  store = oc_store_open (f->path, OC_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (raw_int (f->path, "PRAGMA user_version"), ==, OC_STORE_SCHEMA_VERSION);
  p = oc_store_get_point (store, id, "{}", TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (p->evals->len, ==, 3);
  g_assert_true (oc_store_set_experiment_status (store, id, OC_STATUS_PARTIAL, &error));
  g_assert_no_error (error);
  e = oc_store_find_experiment (store, id, &error);
  g_assert_cmpint (e->status, ==, OC_STATUS_PARTIAL);
  g_assert_cmpstr (oc_status_to_string (e->status), ==, "partial");
  g_assert_true (oc_store_check_integrity (store, &error));
  g_assert_no_error (error);
  g_clear_pointer (&store, oc_store_close);
  /* Another connection sees the new constraint, and still refuses nonsense. */
  raw_exec (f->path, "UPDATE experiments SET status = 'partial'");
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM experiments WHERE status = 'partial'"),
                   ==, 1);
  {
    sqlite3 *db = NULL;

    g_assert_cmpint (sqlite3_open_v2 (f->path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, "UPDATE experiments SET status = 'bogus'", NULL, NULL,
                                   NULL) & 0xff, ==, SQLITE_CONSTRAINT);
    sqlite3_close (db);
  }
  /* Deleting the experiment still takes its points along (ON DELETE CASCADE survived). */
  raw_exec (f->path, "PRAGMA foreign_keys = ON; DELETE FROM experiments");
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM curves"), ==, 0);
}

/* Network file systems: a rollback journal instead of WAL (the file system type is forced by a
 * hook; the test folder itself is local, so without the hook it is WAL). */
static void
test_network_fs (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (OcStore) store = NULL;
  g_autofree char *id = NULL;

  g_setenv ("OCCAM_TEST_FS_TYPE", "nfs", TRUE);
  store = oc_store_open (f->path, OC_STORE_OPEN_CREATE, &error);
  g_unsetenv ("OCCAM_TEST_FS_TYPE");
  g_assert_no_error (error);
  g_assert_cmpstr (oc_store_get_network_fs (store), ==, "nfs");
  id = begin (store, 1, 1);
  put (store, id, "{}", OC_STATUS_FINISHED, 0.5, 3);
  g_clear_pointer (&store, oc_store_close);
  {
    sqlite3 *db = NULL;
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_open_v2 (f->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA journal_mode", -1, &stmt, NULL), ==,
                     SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "delete");
    sqlite3_finalize (stmt);
    sqlite3_close (db);
  }

  /* Back on a local disk (the real file system of the test folder: not a network one), the same
   * file goes back to WAL and keeps its points. */
  store = oc_store_open (f->path, OC_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_null (oc_store_get_network_fs (store));
  {
    g_autoptr (OcStorePoint) p = oc_store_get_point (store, id, "{}", FALSE, &error);

    g_assert_no_error (error);
  }
  g_clear_pointer (&store, oc_store_close);
  g_setenv ("OCCAM_TEST_FS_TYPE", "local", TRUE);
  store = oc_store_open (f->path, OC_STORE_OPEN_DEFAULT, &error);
  g_unsetenv ("OCCAM_TEST_FS_TYPE");
  g_assert_no_error (error);
  g_assert_null (oc_store_get_network_fs (store));
}

/* Files we must not touch --------------------------------------------------------------------- */

static void
test_newer_schema (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (OcStore) store = open_store (f->path);
  g_autofree char *id = begin (store, 1, 1);
  g_autofree char *other = g_build_filename (f->dir, "main.db", NULL);
  g_autoptr (OcStore) main_store = NULL;
  g_autoptr (GBytes) before = NULL;

  put (store, id, "{}", OC_STATUS_FINISHED, 0.5, 3);
  g_clear_pointer (&store, oc_store_close);
  raw_exec (f->path, "PRAGMA user_version = 99");
  before = file_bytes (f->path);

  store = oc_store_open (f->path, OC_STORE_OPEN_CREATE, &error);
  g_assert_null (store);
  g_assert_error (error, OC_ERROR, OC_ERROR_STORE);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, f->path));
  g_assert_nonnull (strstr (error->message, "newer Occam (store schema 99"));
  g_assert_nonnull (strstr (error->message, "left as it is"));
  g_clear_error (&error);
  assert_same_bytes (before, f->path);

  /* Merging it is refused as well. */
  main_store = open_store (other);
  g_assert_false (oc_store_merge (main_store, f->path, NULL, &error));
  g_assert_error (error, OC_ERROR, OC_ERROR_STORE);
  g_assert_nonnull (strstr (error->message, "newer Occam"));
  assert_same_bytes (before, f->path);
  g_assert_cmpint (counts (other).experiments, ==, 0);
}

static void
test_not_a_database (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (OcStore) store = NULL;
  g_autoptr (GBytes) before = NULL;
  g_autoptr (GString) junk = g_string_new (NULL);

  for (guint i = 0; i < 300; i++)
    g_string_append (junk, "iteration,epoch,train_loss\n");
  g_assert_cmpint (g_mkdir_with_parents (f->dir, 0700), ==, 0);
  g_free (f->path);
  f->path = g_build_filename (f->dir, "notes.csv", NULL);
  g_file_set_contents (f->path, junk->str, junk->len, &error);
  g_assert_no_error (error);
  before = file_bytes (f->path);

  store = oc_store_open (f->path, OC_STORE_OPEN_CREATE, &error);
  g_assert_null (store);
  g_assert_error (error, OC_ERROR, OC_ERROR_STORE);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, f->path));
  g_assert_nonnull (strstr (error->message, "not a database"));
  assert_same_bytes (before, f->path);
}

static void
test_foreign_database (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (OcStore) store = NULL;
  g_autoptr (GBytes) before = NULL;

  g_assert_cmpint (g_mkdir_with_parents (f->dir, 0700), ==, 0);
  g_free (f->path);
  f->path = g_build_filename (f->dir, "places.sqlite", NULL);
  raw_exec (f->path, "CREATE TABLE bookmarks (url TEXT); INSERT INTO bookmarks VALUES ('x')");
  before = file_bytes (f->path);

  store = oc_store_open (f->path, OC_STORE_OPEN_CREATE, &error);
  g_assert_null (store);
  g_assert_error (error, OC_ERROR, OC_ERROR_STORE);
  g_assert_nonnull (strstr (error->message, "not an Occam experiment store"));
  assert_same_bytes (before, f->path);
}

/* A file with Occam's application ID and schema version but tables of its own: Occam's table and
 * column names, none of the types, NOT NULL or STRICT, and a row of NULLs. Opening and merging
 * must refuse it by its tables, name it and what differs, and leave both files as they were. */
static void
test_foreign_schema (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (OcStore) store = NULL;
  g_autoptr (GBytes) before = NULL, ok_before = NULL;
  g_autofree char *sql = NULL, *ok_path = NULL, *trigger_path = NULL;
  g_autofree char *wal = NULL, *shm = NULL;

  g_assert_cmpint (g_mkdir_with_parents (f->dir, 0700), ==, 0);
  g_free (f->path);
  f->path = g_build_filename (f->dir, "lookalike.db", NULL);
  sql = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %d;"
                         "CREATE TABLE experiments (" OC_STORE_EXPERIMENT_COLUMNS ");"
                         "CREATE TABLE points (" OC_STORE_POINT_COLUMNS ");"
                         "CREATE TABLE curves (experiment_id, key, step, iteration, epoch,"
                         "  train_loss, train_error, val_loss, val_error, test_loss, test_error,"
                         "  seconds);"
                         "CREATE TABLE artifacts (experiment_id, key, name, dtype, shape, npy);"
                         "INSERT INTO experiments (id) VALUES (NULL);"
                         "INSERT INTO points (experiment_id) VALUES (NULL);"
                         "INSERT INTO artifacts (experiment_id) VALUES (NULL);",
                         OC_STORE_APPLICATION_ID, OC_STORE_SCHEMA_VERSION);
  raw_exec (f->path, sql);
  before = file_bytes (f->path);
  wal = g_strconcat (f->path, "-wal", NULL);
  shm = g_strconcat (f->path, "-shm", NULL);

  store = oc_store_open (f->path, OC_STORE_OPEN_DEFAULT, &error);
  g_assert_null (store);
  g_assert_error (error, OC_ERROR, OC_ERROR_STORE);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, f->path));
  g_assert_nonnull (strstr (error->message, " is not an Occam store (or damaged): "));
  /* The tables are compared in name order: artifacts comes first. */
  g_assert_nonnull (strstr (error->message, "table artifacts is “table, not STRICT” where an "
                                            "Occam store has “table, STRICT”"));
  g_assert_nonnull (strstr (error->message, "it was left as it is"));
  g_clear_error (&error);
  assert_same_bytes (before, f->path);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));

  /* Merging it into a good store names it and changes neither file. */
  ok_path = g_build_filename (f->dir, "ok.db", NULL);
  store = open_store (ok_path);
  g_free (begin (store, 1, 1));
  g_clear_pointer (&store, oc_store_close);
  ok_before = file_bytes (ok_path);
  store = open_store (ok_path);
  g_assert_false (oc_store_merge (store, f->path, NULL, &error));
  g_assert_error (error, OC_ERROR, OC_ERROR_STORE);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, f->path));
  g_assert_nonnull (strstr (error->message, " is not an Occam store (or damaged): "));
  g_assert_nonnull (strstr (error->message, "nothing was merged and neither store was changed"));
  g_clear_error (&error);
  g_clear_pointer (&store, oc_store_close);
  assert_same_bytes (before, f->path);
  assert_same_bytes (ok_before, ok_path);

  /* A real store with one thing more, a trigger that would rewrite what Occam writes, and one
   * with a NOT NULL column that lost it (the schema text edited through writable_schema). */
  trigger_path = g_build_filename (f->dir, "trigger.db", NULL);
  g_assert_true (g_file_set_contents (trigger_path, g_bytes_get_data (ok_before, NULL),
                                      g_bytes_get_size (ok_before), &error));
  raw_exec (trigger_path, "CREATE TRIGGER wipe AFTER INSERT ON points BEGIN "
                          "DELETE FROM experiments; END");
  g_clear_pointer (&before, g_bytes_unref);
  before = file_bytes (trigger_path);
  store = oc_store_open (trigger_path, OC_STORE_OPEN_DEFAULT, &error);
  g_assert_null (store);
  g_assert_error (error, OC_ERROR, OC_ERROR_STORE);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "it has a trigger wipe (“on points”) that an Occam "
                                            "store does not"));
  g_clear_error (&error);
  assert_same_bytes (before, trigger_path);

  g_assert_true (g_file_set_contents (trigger_path, g_bytes_get_data (ok_before, NULL),
                                      g_bytes_get_size (ok_before), &error));
  raw_exec (trigger_path, "PRAGMA writable_schema = ON;"
                          "UPDATE sqlite_schema SET sql = replace(sql, 'dtype TEXT NOT NULL', "
                          "'dtype TEXT') WHERE name = 'artifacts';");
  g_clear_pointer (&before, g_bytes_unref);
  before = file_bytes (trigger_path);
  store = oc_store_open (trigger_path, OC_STORE_OPEN_DEFAULT, &error);
  g_assert_null (store);
  g_assert_error (error, OC_ERROR, OC_ERROR_STORE);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "its table artifacts, column 3 is “dtype TEXT” where "
                                            "an Occam store has “dtype TEXT NOT NULL”"));
  g_clear_error (&error);
  assert_same_bytes (before, trigger_path);

  /* The same tables written with other spacing and case (the text differs, the tables do not)
   * open: the tables are compared, not only their text. */
  g_assert_true (g_file_set_contents (trigger_path, g_bytes_get_data (ok_before, NULL),
                                      g_bytes_get_size (ok_before), &error));
  raw_exec (trigger_path, "PRAGMA writable_schema = ON;"
                          "UPDATE sqlite_schema SET sql = replace(replace(sql, '  ', ' '), "
                          "'NOT NULL', 'not null') WHERE type = 'table';");
  g_assert_cmpint (raw_int (trigger_path, "SELECT count(*) FROM sqlite_schema WHERE "
                                          "instr(sql, 'not null') > 0 AND instr(sql, '  ') = 0"),
                   ==, raw_int (trigger_path, "SELECT count(*) FROM sqlite_schema WHERE type = "
                                              "'table'"));
  store = open_store (trigger_path);
  g_clear_pointer (&store, oc_store_close);

  /* The real store itself opens. */
  store = open_store (ok_path);
}

static void
test_damaged (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (OcStore) store = open_store (f->path);
  g_autoptr (GBytes) before = NULL;
  g_autoptr (GPtrArray) list = NULL;
  g_autofree char *id = begin (store, 1, 3);
  g_autofree char *bytes = NULL;
  gsize len;

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *key = g_strdup_printf ("{\"seed\":%u}", i);

      put (store, id, key, OC_STATUS_FINISHED, 0.5, 200);
    }
  g_clear_pointer (&store, oc_store_close);

  /* Keep the header page, scribble over every page after it. */
  g_file_get_contents (f->path, &bytes, &len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (len, >, 3 * 4096);
  memset (bytes + 4096, 0xa5, len - 4096);
  g_file_set_contents (f->path, bytes, len, &error);
  g_assert_no_error (error);
  before = file_bytes (f->path);

  store = oc_store_open (f->path, OC_STORE_OPEN_CREATE, &error);
  if (store != NULL)
    {
      g_autoptr (OcSpec) spec = make_spec (2);

      list = oc_store_list_experiments (store, &error);
      g_assert_null (list);
      g_assert_error (error, OC_ERROR, OC_ERROR_STORE);
      g_clear_error (&error);
      g_assert_false (oc_store_begin_experiment (store, spec, 1, NULL, &error));
      g_assert_error (error, OC_ERROR, OC_ERROR_STORE);
      g_clear_error (&error);
      g_assert_false (oc_store_check_integrity (store, &error));
      g_clear_pointer (&store, oc_store_close);
    }
  g_assert_error (error, OC_ERROR, OC_ERROR_STORE);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, f->path));
  assert_same_bytes (before, f->path);
}

/* @len bytes of garbage in the middle of the file at @path; the header page stays intact, so the
 * file still opens. */
static void
damage_middle (const char *path, gsize len)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *bytes = NULL;
  gsize size;

  g_file_get_contents (path, &bytes, &size, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (size, >, 4 * len);
  memset (bytes + size / 2 - len / 2, 0xa5, len);
  g_file_set_contents (path, bytes, (gssize) size, &error);
  g_assert_no_error (error);
}

static void
assert_damaged (GError *error, const char *path)
{
  g_assert_error (error, OC_ERROR, OC_ERROR_STORE);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, path));
  g_assert_nonnull (strstr (error->message, " is damaged ("));
  g_assert_nonnull (strstr (error->message, "nothing was written to it"));
  g_assert_null (strchr (error->message, '\n'));
}

static void
assert_no_sidecars (const char *path)
{
  static const char *const suffixes[] = { "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *sidecar = g_strconcat (path, suffixes[i], NULL);

      if (g_file_test (sidecar, G_FILE_TEST_EXISTS))
        g_error ("%s exists", sidecar);
    }
}

/* A store of @n experiments of 10 points with 40 curve rows each, closed again. */
static void
fill_store (const char *path, guint n)
{
  g_autoptr (OcStore) store = open_store (path);

  for (guint e = 0; e < n; e++)
    {
      g_autofree char *id = begin (store, 100 + e, 10);

      for (guint i = 0; i < 10; i++)
        {
          g_autofree char *key = g_strdup_printf ("{\"seed\":%u}", i);

          put (store, id, key, OC_STATUS_FINISHED, 0.5, 40);
        }
    }
}

/* Damage in the middle of a WAL store is found before the first write of every kind, and
 * nothing is written: not the file, not a -wal or -shm beside it. */
static void
test_damaged_middle (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (OcStore) store = NULL;
  g_autoptr (GBytes) before = NULL;
  g_autoptr (OcSpec) spec = make_spec (7);
  g_autoptr (OcStorePoint) p = NULL;
  g_autofree char *shard = g_build_filename (f->dir, "shard.db", NULL);
  g_autofree char *id = NULL;

  fill_store (f->path, 2);
  fill_store (shard, 1);
  damage_middle (f->path, 8192);
  before = file_bytes (f->path);

  /* Opening reads only the header and the schema: it succeeds, reads still work. */
  store = oc_store_open (f->path, OC_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_false (oc_store_begin_experiment (store, spec, 1, NULL, &error));
  assert_damaged (error, f->path);
  g_clear_error (&error);

  id = oc_spec_id (spec);
  p = make_point (id, "{}", OC_STATUS_FINISHED, 1, 3);
  g_assert_false (oc_store_put_point (store, p, NULL, &error));
  assert_damaged (error, f->path);
  g_clear_error (&error);
  g_assert_false (oc_store_set_experiment_status (store, id, OC_STATUS_FINISHED, &error));
  assert_damaged (error, f->path);
  g_clear_error (&error);
  g_assert_false (oc_store_remove_experiment (store, id, NULL, &error));
  assert_damaged (error, f->path);
  g_clear_error (&error);
  g_assert_false (oc_store_merge (store, shard, NULL, &error));
  assert_damaged (error, f->path);
  g_clear_error (&error);
  g_clear_pointer (&store, oc_store_close);

  assert_same_bytes (before, f->path);
  assert_no_sidecars (f->path);
  assert_no_sidecars (shard);
}

/* A damaged store still in rollback-journal mode is refused when opened: switching it to WAL
 * would write its header. */
static void
test_damaged_journal (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (OcStore) store = NULL;
  g_autoptr (GBytes) before = NULL;

  fill_store (f->path, 2);
  raw_exec (f->path, "PRAGMA journal_mode = DELETE");
  damage_middle (f->path, 8192);
  before = file_bytes (f->path);

  store = oc_store_open (f->path, OC_STORE_OPEN_CREATE, &error);
  g_assert_null (store);
  assert_damaged (error, f->path);
  assert_same_bytes (before, f->path);
  assert_no_sidecars (f->path);
}

/* A damaged store with the -wal a killed process left: closing the refused store must not
 * checkpoint that -wal into the damaged file, nor remove it. */
static void
test_damaged_wal (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (OcStore) store = NULL;
  g_autoptr (GBytes) before = NULL, wal_before = NULL;
  g_autoptr (OcSpec) spec = make_spec (7);
  g_autofree char *src = g_build_filename (f->dir, "src.db", NULL);
  g_autofree char *src_wal = g_strconcat (src, "-wal", NULL);
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *dir = g_path_get_dirname (f->path);
  g_autoptr (GFile) src_file = g_file_new_for_path (src);
  g_autoptr (GFile) src_wal_file = g_file_new_for_path (src_wal);
  g_autoptr (GFile) file = g_file_new_for_path (f->path);
  g_autoptr (GFile) wal_file = g_file_new_for_path (wal);
  sqlite3 *db = NULL;

  fill_store (src, 2);
  /* Commit into the -wal, and copy the pair while the connection keeps it from being
   * checkpointed: what a kill -9 leaves. */
  g_assert_cmpint (sqlite3_open (src, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA wal_autocheckpoint = 0; UPDATE experiments SET "
                                 "description = description || ' (edited)'", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_copy (src_file, file, G_FILE_COPY_NONE, NULL, NULL, NULL, &error));
  g_assert_true (g_file_copy (src_wal_file, wal_file, G_FILE_COPY_NONE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  sqlite3_close (db);
  damage_middle (f->path, 8192);
  before = file_bytes (f->path);
  wal_before = file_bytes (wal);
  g_assert_cmpuint (g_bytes_get_size (wal_before), >, 0);

  store = oc_store_open (f->path, OC_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_false (oc_store_begin_experiment (store, spec, 1, NULL, &error));
  assert_damaged (error, f->path);
  g_clear_pointer (&store, oc_store_close);
  assert_same_bytes (before, f->path);
  assert_same_bytes (wal_before, wal);
}

static void
test_read_only (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (OcStore) store = NULL;
  g_autoptr (GBytes) before = NULL;
  g_autofree char *ro_dir = g_build_filename (f->dir, "ro", NULL);
  g_autofree char *ro_path = g_build_filename (ro_dir, "occam.db", NULL);
  g_autofree char *fresh = g_build_filename (ro_dir, "new.db", NULL);
  g_autofree char *id = NULL;

  store = open_store (ro_path);
  id = begin (store, 1, 1);
  put (store, id, "{}", OC_STATUS_FINISHED, 0.5, 3);
  g_clear_pointer (&store, oc_store_close);
  before = file_bytes (ro_path);
  g_assert_cmpint (g_chmod (ro_dir, 0555), ==, 0);

  if (access (ro_dir, W_OK) == 0)
    {
      /* root (and some containers) ignore permission bits. */
      g_test_skip ("this user can write into a read-only folder; run the tests as a normal user");
      return;
    }

  store = oc_store_open (fresh, OC_STORE_OPEN_CREATE, &error);
  g_assert_null (store);
  g_assert_error (error, OC_ERROR, OC_ERROR_STORE);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, fresh));
  g_assert_nonnull (strstr (error->message, "writable"));
  g_assert_false (g_file_test (fresh, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  /* An existing store in a read-only folder cannot keep its write-ahead log there. */
  store = oc_store_open (ro_path, OC_STORE_OPEN_CREATE, &error);
  if (store != NULL)
    {
      g_autoptr (OcSpec) spec = make_spec (2);

      g_assert_false (oc_store_begin_experiment (store, spec, 1, NULL, &error));
      g_clear_pointer (&store, oc_store_close);
    }
  g_assert_error (error, OC_ERROR, OC_ERROR_STORE);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, ro_path));
  assert_same_bytes (before, ro_path);
  g_clear_error (&error);

  /* A read-only file in a writable folder. */
  g_assert_cmpint (g_chmod (ro_dir, 0755), ==, 0);
  g_assert_cmpint (g_chmod (ro_path, 0444), ==, 0);
  store = oc_store_open (ro_path, OC_STORE_OPEN_CREATE, &error);
  g_assert_null (store);
  g_assert_error (error, OC_ERROR, OC_ERROR_STORE);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "read-only"));
  assert_same_bytes (before, ro_path);
}

/* Points, curves, artifacts ------------------------------------------------------------------- */

static void
test_points (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (OcStore) store = open_store (f->path);
  g_autofree char *id = begin (store, 1, 2);
  g_autoptr (OcStorePoint) p = make_point (id, "{\"seed\":0}", OC_STATUS_FINISHED, 0.75, 5);
  g_autoptr (OcStorePoint) back = NULL;
  g_autoptr (GPtrArray) artifacts = g_ptr_array_new_with_free_func (
    (GDestroyNotify) oc_store_artifact_free);
  g_autoptr (GPtrArray) names = NULL, points = NULL;
  g_autoptr (OcNpyArray) mask = NULL, weights = NULL, mask_back = NULL, weights_back = NULL;
  g_autoptr (OcStoreExperiment) e = NULL;
  gsize mask_shape[2] = { 3, 4 }, weights_shape[1] = { 7 };

  mask = oc_npy_array_new (OC_NPY_UINT8, 2, mask_shape, &error);
  weights = oc_npy_array_new (OC_NPY_FLOAT32, 1, weights_shape, &error);
  g_assert_no_error (error);
  for (gsize i = 0; i < mask->n_elems; i++)
    ((guint8 *) mask->data)[i] = i % 3 == 0;
  for (gsize i = 0; i < weights->n_elems; i++)
    ((float *) weights->data)[i] = -1.5f * i;
  g_ptr_array_add (artifacts, oc_store_artifact_new ("mask", mask, &error));
  g_ptr_array_add (artifacts, oc_store_artifact_new ("weights", weights, &error));
  g_assert_no_error (error);

  g_assert_true (oc_store_put_point (store, p, artifacts, &error));
  g_assert_no_error (error);

  back = oc_store_get_point (store, id, "{\"seed\":0}", TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (back->status, ==, OC_STATUS_FINISHED);
  g_assert_cmpstr (back->architecture, ==, "2-16-3");
  g_assert_cmpuint (back->parameters, ==, 99);
  g_assert_cmpuint (back->n_train, ==, 800);
  g_assert_cmpuint (back->iterations, ==, 50);
  g_assert_cmpfloat (back->final.train_loss, ==, p->final.train_loss);
  g_assert_cmpuint (back->final.iteration, ==, 40);
  g_assert_true (isnan (back->final.val_loss));
  g_assert_true (isnan (back->train_seconds));
  g_assert_cmpuint (back->evals->len, ==, 5);
  for (guint i = 0; i < 5; i++)
    {
      const OcEvalPoint *a = &g_array_index (p->evals, OcEvalPoint, i);
      const OcEvalPoint *b = &g_array_index (back->evals, OcEvalPoint, i);

      g_assert_cmpuint (a->iteration, ==, b->iteration);
      g_assert_cmpfloat (a->epoch, ==, b->epoch);
      g_assert_cmpfloat (a->train_loss, ==, b->train_loss);
      g_assert_true (isnan (b->val_error));
      g_assert_cmpfloat (a->seconds, ==, b->seconds);
    }

  names = oc_store_list_artifacts (store, id, "{\"seed\":0}", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (names->len, ==, 2);
  g_assert_cmpstr (names->pdata[0], ==, "mask");
  mask_back = oc_store_get_artifact (store, id, "{\"seed\":0}", "mask", &error);
  weights_back = oc_store_get_artifact (store, id, "{\"seed\":0}", "weights", &error);
  g_assert_no_error (error);
  g_assert_cmpint (mask_back->dtype, ==, OC_NPY_UINT8);
  g_assert_cmpuint (mask_back->n_dims, ==, 2);
  g_assert_cmpuint (mask_back->shape[1], ==, 4);
  g_assert_cmpmem (mask_back->data, 12, mask->data, 12);
  g_assert_cmpmem (weights_back->data, 28, weights->data, 28);
  g_assert_null (oc_store_get_artifact (store, id, "{\"seed\":0}", "nope", &error));
  g_assert_error (error, OC_ERROR, OC_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM artifacts WHERE dtype = '|u1' AND "
                                     "shape = '[3,4]'"), ==, 1);

  /* One of two planned points: still running. */
  e = oc_store_find_experiment (store, id, &error);
  g_assert_cmpint (e->status, ==, OC_STATUS_RUNNING);
  g_assert_cmpuint (e->n_points, ==, 1);
  g_clear_pointer (&e, oc_store_experiment_free);

  /* Replacing a point replaces its curve and artifacts; the second point finishes it. */
  put (store, id, "{\"seed\":0}", OC_STATUS_FINISHED, 0.5, 2);
  put (store, id, "{\"seed\":1}", OC_STATUS_FINISHED, 0.5, 2);
  g_assert_cmpint (counts (f->path).curves, ==, 4);
  g_assert_cmpint (counts (f->path).artifacts, ==, 0);
  e = oc_store_find_experiment (store, id, &error);
  g_assert_cmpint (e->status, ==, OC_STATUS_FINISHED);
  g_assert_cmpuint (e->n_finished, ==, 2);
  g_assert_cmpfloat (e->seconds, ==, 1.0);
  g_assert_cmpstr (e->dataset, ==, "blobs");
  g_assert_cmpstr (e->kind, ==, "train");

  points = oc_store_list_points (store, id, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (points->len, ==, 2);
  g_assert_cmpstr (((OcStorePoint *) points->pdata[1])->key, ==, "{\"seed\":1}");

  g_assert_true (oc_store_set_experiment_status (store, id, OC_STATUS_CANCELLED, &error));
  g_clear_pointer (&e, oc_store_experiment_free);
  e = oc_store_find_experiment (store, id, &error);
  g_assert_cmpint (e->status, ==, OC_STATUS_CANCELLED);

  /* Points belong to experiments. */
  {
    g_autoptr (OcStorePoint) orphan = make_point ("0123456789abcdef", "{}", OC_STATUS_FINISHED,
                                                  1, 1);

    g_assert_false (oc_store_put_point (store, orphan, NULL, &error));
    g_assert_error (error, OC_ERROR, OC_ERROR_STORE);
    g_assert_nonnull (strstr (error->message, "not in the store"));
  }
}

static void
test_find_and_remove (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (OcStore) store = open_store (f->path);
  g_autoptr (GHashTable) by_first = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (OcStoreExperiment) e = NULL;
  g_autoptr (GPtrArray) list = NULL;
  g_autofree char *id = begin (store, 100, 1), *upper = NULL, *prefix = NULL;
  g_autofree char *ambiguous = NULL;
  guint removed = 0;

  put (store, id, "{}", OC_STATUS_FINISHED, 0.5, 3);
  /* By pigeonhole, 17 experiments share a first hex digit somewhere. */
  for (guint64 seed = 0; seed < 17 && ambiguous == NULL; seed++)
    {
      g_autofree char *other = begin (store, seed, 1);
      char first[2] = { other[0], 0 };

      if (g_hash_table_contains (by_first, first))
        ambiguous = g_strdup (first);
      g_hash_table_add (by_first, g_strdup (first));
    }
  if (ambiguous == NULL)
    ambiguous = g_strndup (id, 1);

  prefix = g_strndup (id, 6);
  e = oc_store_find_experiment (store, prefix, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (e->id, ==, id);
  upper = g_ascii_strup (e->hash, -1);
  g_clear_pointer (&e, oc_store_experiment_free);
  e = oc_store_find_experiment (store, upper, &error);
  g_assert_no_error (error);
  g_clear_pointer (&e, oc_store_experiment_free);

  e = oc_store_find_experiment (store, ambiguous, &error);
  g_assert_null (e);
  g_assert_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "matches several experiments"));
  g_clear_error (&error);
  e = oc_store_find_experiment (store, "zz", &error);
  g_assert_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  list = oc_store_list_experiments (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, >=, 2);

  g_assert_true (oc_store_remove_experiment (store, id, &removed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (removed, ==, 1);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM curves"), ==, 0);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM points"), ==, 0);
  e = oc_store_find_experiment (store, id, &error);
  g_assert_error (error, OC_ERROR, OC_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (oc_store_remove_experiment (store, id, NULL, &error));
  g_assert_error (error, OC_ERROR, OC_ERROR_NOT_FOUND);
}

/* Resume: a run computes exactly the points that have not finished. */
static void
test_resume (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (OcStore) store = open_store (f->path);
  const char *keys[] = { "{\"seed\":0}", "{\"seed\":1}", "{\"seed\":2}", "{\"seed\":3}",
                         "{\"seed\":4}" };
  g_autofree char *id = begin (store, 5, G_N_ELEMENTS (keys));
  g_autoptr (GPtrArray) missing = NULL;
  g_autoptr (OcStoreExperiment) e = NULL;
  guint trained = 0;

  /* A first run finished two points, one diverged, then it was cancelled. */
  put (store, id, keys[0], OC_STATUS_FINISHED, 1, 2);
  put (store, id, keys[3], OC_STATUS_FINISHED, 1, 2);
  put (store, id, keys[1], OC_STATUS_FAILED, 1, 0);
  g_assert_true (oc_store_set_experiment_status (store, id, OC_STATUS_CANCELLED, &error));
  g_clear_pointer (&store, oc_store_close);

  /* The second run. */
  store = open_store (f->path);
  g_free (begin (store, 5, G_N_ELEMENTS (keys)));
  missing = oc_store_missing_points (store, id, keys, G_N_ELEMENTS (keys), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (missing->len, ==, 3);
  g_assert_cmpstr (missing->pdata[0], ==, keys[1]);
  g_assert_cmpstr (missing->pdata[1], ==, keys[2]);
  g_assert_cmpstr (missing->pdata[2], ==, keys[4]);
  for (guint i = 0; i < missing->len; i++, trained++)
    put (store, id, missing->pdata[i], OC_STATUS_FINISHED, 2, 2);
  g_assert_cmpuint (trained, ==, 3);

  e = oc_store_find_experiment (store, id, &error);
  g_assert_cmpint (e->status, ==, OC_STATUS_FINISHED);
  g_assert_cmpuint (e->n_finished, ==, 5);
  g_clear_pointer (&missing, g_ptr_array_unref);
  missing = oc_store_missing_points (store, id, keys, G_N_ELEMENTS (keys), &error);
  g_assert_cmpuint (missing->len, ==, 0);
  /* The points of the first run were not recomputed. */
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM points WHERE seconds = 1"), ==, 2);
}

/* Several worker threads share one OcStore. */
typedef struct
{
  OcStore    *store;
  const char *id;
  guint       worker;
} WorkerData;

static gpointer
worker (gpointer user_data)
{
  WorkerData *w = user_data;

  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *key = g_strdup_printf ("{\"seed\":%u,\"worker\":%u}", i, w->worker);

      put (w->store, w->id, key, OC_STATUS_FINISHED, 1, 20);
    }
  return NULL;
}

static void
test_threads (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (OcStore) store = open_store (f->path);
  g_autofree char *id = begin (store, 1, 40);
  WorkerData w[4];
  GThread *threads[4];
  g_autoptr (OcStoreExperiment) e = NULL;

  for (guint i = 0; i < 4; i++)
    {
      w[i] = (WorkerData) { store, id, i };
      threads[i] = g_thread_new ("store-worker", worker, &w[i]);
    }
  for (guint i = 0; i < 4; i++)
    g_thread_join (threads[i]);
  g_assert_true (oc_store_check_integrity (store, &error));
  e = oc_store_find_experiment (store, id, &error);
  g_assert_cmpuint (e->n_finished, ==, 40);
  g_assert_cmpint (e->status, ==, OC_STATUS_FINISHED);
  g_assert_cmpint (counts (f->path).curves, ==, 40 * 20);
}

/* A writer killed with SIGKILL between or inside transactions. */
static void
test_sigkill (Fixture *f, gconstpointer data)
{
  const char *builddir = g_getenv ("OC_TEST_BUILDDIR");
  g_autofree char *writer = NULL, *id = NULL, *line = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GSubprocess) proc = NULL;
  g_autoptr (GDataInputStream) out = NULL;
  g_autoptr (OcStore) store = NULL;
  g_autoptr (OcSpec) spec = NULL;
  g_autoptr (GPtrArray) points = NULL;
  g_autoptr (GArray) reported = g_array_new (FALSE, FALSE, sizeof (guint));
  const guint n_points = 400, rows = 2000, kill_after = 5;

  writer = g_build_filename (builddir != NULL ? builddir : ".", "store-writer", NULL);
  if (!g_file_test (writer, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("store-writer not built (set OC_TEST_BUILDDIR)");
      return;
    }
  g_assert_cmpint (g_mkdir_with_parents (f->dir, 0700), ==, 0);
  {
    g_autofree char *n = g_strdup_printf ("%u", n_points), *r = g_strdup_printf ("%u", rows);

    proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, writer, f->path, n, r, NULL);
  }
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (proc));

  /* Kill it while it is writing, after a few points were reported committed. */
  while (reported->len < kill_after
         && (line = g_data_input_stream_read_line (out, NULL, NULL, &error)) != NULL)
    {
      guint i = (guint) g_ascii_strtoull (line, NULL, 10);

      g_array_append_val (reported, i);
      g_clear_pointer (&line, g_free);
    }
  g_assert_no_error (error);
  g_subprocess_force_exit (proc);
  /* Lines it printed before dying were committed too. */
  while ((line = g_data_input_stream_read_line (out, NULL, NULL, NULL)) != NULL)
    {
      guint i = (guint) g_ascii_strtoull (line, NULL, 10);

      g_array_append_val (reported, i);
      g_clear_pointer (&line, g_free);
    }
  g_subprocess_wait (proc, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_signaled (proc));
  g_assert_cmpint (g_subprocess_get_term_sig (proc), ==, SIGKILL);
  g_assert_cmpuint (reported->len, >=, kill_after);
  g_assert_cmpuint (reported->len, <, n_points);
  g_test_message ("killed after %u reported points", reported->len);

  store = oc_store_open (f->path, OC_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (oc_store_check_integrity (store, &error));
  g_assert_no_error (error);
  spec = oc_spec_new ("train", &error);
  id = oc_spec_id (spec);
  points = oc_store_list_points (store, id, TRUE, &error);
  g_assert_no_error (error);

  /* Every reported point is there; at most one more committed before its line was printed; each
   * stored point is whole. */
  g_assert_cmpuint (points->len, >=, reported->len);
  g_assert_cmpuint (points->len, <=, reported->len + 1);
  for (guint i = 0; i < reported->len; i++)
    {
      guint seed = g_array_index (reported, guint, i);
      g_autofree char *key = g_strdup_printf ("{\"seed\":%u}", seed);
      g_autoptr (OcStorePoint) p = oc_store_get_point (store, id, key, TRUE, &error);
      g_autoptr (OcNpyArray) w = NULL;

      g_assert_no_error (error);
      g_assert_cmpuint (p->evals->len, ==, rows);
      w = oc_store_get_artifact (store, id, key, "weights", &error);
      g_assert_no_error (error);
      g_assert_cmpfloat (((float *) w->data)[w->n_elems - 1], ==, (float) (seed + w->n_elems - 1));
    }
  for (guint i = 0; i < points->len; i++)
    g_assert_cmpuint (((OcStorePoint *) points->pdata[i])->evals->len, ==, rows);
}

/* Merge ---------------------------------------------------------------------------------------- */

static void
test_merge (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *other_path = g_build_filename (f->dir, "shard.db", NULL);
  g_autofree char *junk = g_build_filename (f->dir, "junk.db", NULL);
  g_autoptr (OcStore) a = open_store (f->path);
  g_autoptr (OcStore) b = open_store (other_path);
  g_autofree char *e1 = begin (a, 1, 2), *e2 = begin (a, 2, 1);
  g_autofree char *e3 = NULL;
  g_autoptr (OcStorePoint) kept = NULL, replaced = NULL;
  g_autoptr (OcStoreExperiment) exp1 = NULL;
  g_autoptr (GPtrArray) artifacts = g_ptr_array_new_with_free_func (
    (GDestroyNotify) oc_store_artifact_free);
  g_autoptr (OcNpyArray) mask = NULL, mask_back = NULL;
  OcStoreMergeStats stats;
  Counts before, after;
  gsize shape[1] = { 5 };

  put (a, e1, "{\"seed\":0}", OC_STATUS_FINISHED, 1, 3);
  put (a, e1, "{\"seed\":1}", OC_STATUS_FAILED, 1, 0);
  put (a, e2, "{}", OC_STATUS_FINISHED, 1, 3);

  g_free (begin (b, 1, 2));
  e3 = begin (b, 3, 1);
  put (b, e1, "{\"seed\":0}", OC_STATUS_FINISHED, 9, 4); /* conflict: a's is kept */
  put (b, e1, "{\"seed\":1}", OC_STATUS_FINISHED, 9, 4); /* replaces a's failed point */
  put (b, e1, "{\"seed\":2}", OC_STATUS_FINISHED, 9, 4); /* new */
  {
    g_autoptr (OcStorePoint) p = make_point (e3, "{}", OC_STATUS_FINISHED, 9, 4);

    mask = oc_npy_array_new (OC_NPY_UINT8, 1, shape, &error);
    ((guint8 *) mask->data)[2] = 1;
    g_ptr_array_add (artifacts, oc_store_artifact_new ("mask", mask, &error));
    g_assert_true (oc_store_put_point (b, p, artifacts, &error));
    g_assert_no_error (error);
  }
  g_clear_pointer (&b, oc_store_close);

  g_assert_true (oc_store_merge (a, other_path, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.experiments_added, ==, 1);
  g_assert_cmpuint (stats.points_added, ==, 3);
  g_assert_cmpuint (stats.points_kept, ==, 1);
  g_assert_cmpuint (stats.points_skipped, ==, 0);

  kept = oc_store_get_point (a, e1, "{\"seed\":0}", TRUE, &error);
  g_assert_cmpfloat (kept->seconds, ==, 1);
  g_assert_cmpuint (kept->evals->len, ==, 3);
  replaced = oc_store_get_point (a, e1, "{\"seed\":1}", TRUE, &error);
  g_assert_cmpint (replaced->status, ==, OC_STATUS_FINISHED);
  g_assert_cmpuint (replaced->evals->len, ==, 4);
  exp1 = oc_store_find_experiment (a, e1, &error);
  g_assert_cmpint (exp1->status, ==, OC_STATUS_FINISHED);
  mask_back = oc_store_get_artifact (a, e3, "{}", "mask", &error);
  g_assert_no_error (error);
  g_assert_cmpmem (mask_back->data, 5, mask->data, 5);

  /* Idempotent: the second merge finds nothing new. */
  before = counts (f->path);
  g_assert_cmpint (before.experiments, ==, 3);
  g_assert_cmpint (before.points, ==, 5);
  g_assert_true (oc_store_merge (a, other_path, &stats, &error));
  g_assert_cmpuint (stats.experiments_added, ==, 0);
  g_assert_cmpuint (stats.points_added, ==, 0);
  g_assert_cmpuint (stats.points_kept, ==, 4);
  after = counts (f->path);
  g_assert_cmpmem (&before, sizeof before, &after, sizeof after);
  g_assert_true (oc_store_check_integrity (a, &error));

  /* Refusals change nothing. */
  g_assert_false (oc_store_merge (a, f->path, NULL, &error));
  g_assert_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_file_set_contents (junk, "not a database at all, just some text that is long enough to fill "
                       "a header and then some more text after it ...............", -1, &error);
  g_assert_false (oc_store_merge (a, junk, NULL, &error));
  g_assert_error (error, OC_ERROR, OC_ERROR_STORE);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, junk));
  g_clear_error (&error);
  g_assert_false (oc_store_merge (a, "/nonexistent/x.db", NULL, &error));
  g_assert_error (error, OC_ERROR, OC_ERROR_NOT_FOUND);
  after = counts (f->path);
  g_assert_cmpmem (&before, sizeof before, &after, sizeof after);
}

/* Merge refuses, naming the file and leaving both stores as they were: a damaged file, one whose
 * spec was edited (hash or ID not the spec's), one whose spec does not validate, and points
 * without their experiment. One bad experiment among good ones merges nothing. A merged file
 * gets no -wal or -shm beside it. */
static void
test_merge_refused (Fixture *f, gconstpointer data)
{
  static const struct
  {
    const char *name;
    const char *sql;      /* run on a copy of the shard, or NULL to damage it */
    const char *message;  /* in the error, after the file name */
  } cases[] = {
    { "damaged", NULL, " is damaged (" },
    { "edited", "UPDATE experiments SET spec = replace(spec, '\"seed\":101', '\"seed\":9') "
      "WHERE spec LIKE '%\"seed\":101%'", "does not match its spec" },
    { "renamed", "UPDATE experiments SET id = '0123456789abcdef' WHERE spec LIKE "
      "'%\"seed\":101%'", "experiment 0123456789abcdef does not match its spec" },
    { "invalid", "UPDATE experiments SET spec = replace(spec, '\"lr\":0.001', '\"lr\":-1')",
      "$.optim.lr: must be > 0" },
    { "not-json", "UPDATE experiments SET spec = 'not json'", "cannot read" },
    { "orphans", "DELETE FROM experiments", "which the file does not hold" },
  };
  g_autofree char *shard = g_build_filename (f->dir, "shard.db", NULL);
  g_autoptr (OcStore) store = NULL;
  g_autoptr (GError) error = NULL;
  OcStoreMergeStats stats;
  Counts before, after;

  fill_store (f->path, 1);
  fill_store (shard, 3);
  store = open_store (f->path);
  before = counts (f->path);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *copy = g_strdup_printf ("%s/%s.db", f->dir, cases[i].name);
      g_autofree char *bytes = NULL;
      g_autoptr (GBytes) copy_before = NULL;
      gsize len;

      g_file_get_contents (shard, &bytes, &len, &error);
      g_file_set_contents (copy, bytes, (gssize) len, &error);
      g_assert_no_error (error);
      if (cases[i].sql != NULL)
        raw_exec (copy, cases[i].sql);
      else
        damage_middle (copy, 8192);
      assert_no_sidecars (copy);
      copy_before = file_bytes (copy);

      g_assert_false (oc_store_merge (store, copy, &stats, &error));
      g_assert_error (error, OC_ERROR, OC_ERROR_STORE);
      g_test_message ("%s", error->message);
      g_assert_true (g_str_has_prefix (error->message, copy));
      g_assert_nonnull (strstr (error->message, cases[i].message));
      g_assert_nonnull (strstr (error->message, "nothing was merged"));
      g_assert_null (strchr (error->message, '\n'));
      g_clear_error (&error);
      after = counts (f->path);
      g_assert_cmpmem (&before, sizeof before, &after, sizeof after);
      assert_same_bytes (copy_before, copy);
      assert_no_sidecars (copy);
    }

  /* The untouched shard merges, and nothing appears beside it. */
  g_assert_true (oc_store_merge (store, shard, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.experiments_added, ==, 2);
  assert_no_sidecars (shard);
}

/* NPY ------------------------------------------------------------------------------------------ */

static void
test_npy_round_trip (void)
{
  const struct { OcNpyDtype dtype; guint n_dims; gsize shape[3]; const char *header; } cases[] = {
    { OC_NPY_FLOAT32, 2, { 2, 3 }, "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }" },
    { OC_NPY_INT32, 1, { 5 }, "{'descr': '<i4', 'fortran_order': False, 'shape': (5,), }" },
    { OC_NPY_UINT8, 3, { 2, 1, 4 },
      "{'descr': '|u1', 'fortran_order': False, 'shape': (2, 1, 4), }" },
    { OC_NPY_FLOAT32, 0, { 0 }, "{'descr': '<f4', 'fortran_order': False, 'shape': (), }" },
    { OC_NPY_INT32, 1, { 0 }, "{'descr': '<i4', 'fortran_order': False, 'shape': (0,), }" },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (OcNpyArray) a = oc_npy_array_new (cases[c].dtype, cases[c].n_dims,
                                                   cases[c].shape, &error);
      g_autoptr (OcNpyArray) b = NULL;
      g_autoptr (GBytes) bytes = NULL;
      const guint8 *raw;
      gsize len, header_len, item = oc_npy_dtype_size (cases[c].dtype);

      g_assert_no_error (error);
      for (gsize i = 0; i < a->n_elems * item; i++)
        ((guint8 *) a->data)[i] = (guint8) (i * 37 + c);
      bytes = oc_npy_encode (a, &error);
      g_assert_no_error (error);
      raw = g_bytes_get_data (bytes, &len);

      g_assert_cmpmem (raw, 8, "\x93NUMPY\x01\x00", 8);
      header_len = raw[8] | raw[9] << 8;
      g_assert_cmpuint ((10 + header_len) % 64, ==, 0);
      g_assert_cmpuint (raw[10 + header_len - 1], ==, '\n');
      g_assert_true (strncmp ((const char *) raw + 10, cases[c].header,
                              strlen (cases[c].header)) == 0);
      g_assert_cmpuint (len, ==, 10 + header_len + a->n_elems * item);

      b = oc_npy_decode (raw, len, &error);
      g_assert_no_error (error);
      g_assert_cmpint (b->dtype, ==, a->dtype);
      g_assert_cmpuint (b->n_dims, ==, a->n_dims);
      g_assert_cmpuint (b->n_elems, ==, a->n_elems);
      g_assert_cmpmem (b->shape, sizeof b->shape, a->shape, sizeof a->shape);
      g_assert_cmpmem (b->data, b->n_elems * item, a->data, a->n_elems * item);
    }
}

/* Bytes NumPy 1.24 writes for np.save(f, np.array([[1, 2], [3, 4]], dtype='<i4')): a header
 * written by another program, in its exact spacing. */
static void
test_npy_reads_numpy (void)
{
  static const char header[] = "{'descr': '<i4', 'fortran_order': False, 'shape': (2, 2), }";
  g_autoptr (GByteArray) file = g_byte_array_new ();
  g_autoptr (OcNpyArray) a = NULL;
  g_autoptr (GError) error = NULL;
  guint8 prefix[10] = { 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, 118, 0 };
  gint32 values[4] = { 1, 2, 3, 4 };

  g_byte_array_append (file, prefix, 10);
  g_byte_array_append (file, (const guint8 *) header, strlen (header));
  while (file->len < 127)
    g_byte_array_append (file, (const guint8 *) " ", 1);
  g_byte_array_append (file, (const guint8 *) "\n", 1);
  g_byte_array_append (file, (const guint8 *) values, sizeof values);

  a = oc_npy_decode (file->data, file->len, &error);
  g_assert_no_error (error);
  g_assert_cmpint (a->dtype, ==, OC_NPY_INT32);
  g_assert_cmpuint (a->shape[0], ==, 2);
  g_assert_cmpint (((gint32 *) a->data)[3], ==, 4);
}

static void
test_npy_errors (void)
{
  const struct
  {
    const char *header;
    gsize       data_len;
    OcError     code;
    const char *message;
  } bad[] = {
    { "{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }", 16, OC_ERROR_FORMAT,
      "dtype '<f8'" },
    { "{'descr': '<f4', 'fortran_order': True, 'shape': (2,), }", 8, OC_ERROR_FORMAT,
      "Fortran order" },
    { "{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }", 8, OC_ERROR_FORMAT,
      "truncated" },
    { "{'descr': '<f4', 'fortran_order': False}", 8, OC_ERROR_FORMAT, "header is not a dict" },
    { "{'descr': '<f4', 'fortran_order': False, 'shape': (2, x), }", 8, OC_ERROR_FORMAT,
      "header is not a dict" },
    { "not a dict", 0, OC_ERROR_FORMAT, "header is not a dict" },
    /* Shapes that promise more than the bytes present are refused before anything is allocated:
     * 4·10^18 bytes would fail, 2^64 would wrap around. */
    { "{'descr': '<f4', 'fortran_order': False, 'shape': (1000000000, 1000000000), }", 8,
      OC_ERROR_FORMAT, "needs 4000000000000000000" },
    { "{'descr': '<f4', 'fortran_order': False, 'shape': (4611686018427387904,), }", 8,
      OC_ERROR_TOO_LARGE, "overflows" },
    { "{'descr': '|u1', 'fortran_order': False, 'shape': (65536, 65536, 65536, 65536), }", 8,
      OC_ERROR_TOO_LARGE, "overflows" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GByteArray) file = g_byte_array_new ();
      g_autoptr (GError) error = NULL;
      guint8 prefix[10] = { 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, 0, 0 };
      guint8 zeros[16] = { 0 };
      gsize hl = strlen (bad[i].header);

      prefix[8] = (guint8) hl;
      g_byte_array_append (file, prefix, 10);
      g_byte_array_append (file, (const guint8 *) bad[i].header, hl);
      g_byte_array_append (file, zeros, bad[i].data_len);
      g_assert_null (oc_npy_decode (file->data, file->len, &error));
      g_assert_error (error, OC_ERROR, (gint) bad[i].code);
      g_assert_nonnull (strstr (error->message, bad[i].message));
    }

  {
    g_autoptr (GError) error = NULL;

    g_assert_null (oc_npy_decode ((const guint8 *) "PK\x03\x04 a zip file", 17, &error));
    g_assert_error (error, OC_ERROR, OC_ERROR_FORMAT);
    g_clear_error (&error);
    g_assert_null (oc_npy_decode ((const guint8 *) "\x93NUMPY\x03\x00\x10\x00", 10, &error));
    g_assert_error (error, OC_ERROR, OC_ERROR_FORMAT);
    g_assert_nonnull (strstr (error->message, "version 3.0"));
    g_clear_error (&error);
    g_assert_null (oc_npy_decode ((const guint8 *) "\x93NUMPY\x01\x00\xff\x00{", 11, &error));
    g_assert_error (error, OC_ERROR, OC_ERROR_FORMAT);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/store/create", test_create);
  ADD ("/store/not-a-file", test_not_a_file);
  ADD ("/store/reopen", test_reopen);
  ADD ("/store/migrate", test_migrate);
  ADD ("/store/newer-schema", test_newer_schema);
  ADD ("/store/not-a-database", test_not_a_database);
  ADD ("/store/foreign-database", test_foreign_database);
  ADD ("/store/foreign-schema", test_foreign_schema);
  ADD ("/store/damaged", test_damaged);
  ADD ("/store/damaged-middle", test_damaged_middle);
  ADD ("/store/damaged-journal", test_damaged_journal);
  ADD ("/store/damaged-wal", test_damaged_wal);
  ADD ("/store/read-only", test_read_only);
  ADD ("/store/points", test_points);
  ADD ("/store/find-and-remove", test_find_and_remove);
  ADD ("/store/resume", test_resume);
  ADD ("/store/threads", test_threads);
  ADD ("/store/sigkill", test_sigkill);
  ADD ("/store/merge", test_merge);
  ADD ("/store/merge-refused", test_merge_refused);
  ADD ("/store/upgrade-v1", test_upgrade_v1);
  ADD ("/store/network-fs", test_network_fs);
#undef ADD
  g_test_add_func ("/npy/round-trip", test_npy_round_trip);
  g_test_add_func ("/npy/reads-numpy", test_npy_reads_numpy);
  g_test_add_func ("/npy/errors", test_npy_errors);
  return g_test_run ();
}
