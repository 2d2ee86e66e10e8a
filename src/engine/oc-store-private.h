/* oc-store-private.h — internals shared by oc-store.c, oc-store-merge.c and the tests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "occam/oc-store.h"

G_BEGIN_DECLS

/* One forward step of the schema: running @sql on a store at @version − 1 makes it @version. */
typedef struct
{
  guint       version;
  const char *sql;
} OcStoreMigration;

struct _OcStore
{
  GMutex   lock;     /* held by every public function */
  sqlite3 *db;
  char    *path;
  int      run_fd;   /* "<path>-running", holding the locks of the experiments this store runs;
                      * −1 until the first (oc-store-lock.c) */
  GHashTable *run_held; /* IDs this store holds the lock of */
  gboolean checked;  /* the file passed the damage check (oc_store_check_damage) */
  gboolean had_wal;  /* a -wal file with content was there when the store was opened */
  char    *network_fs; /* the network file system the store is on (a rollback journal, not
                        * WAL), or NULL */
};

/* oc-store-fs.c: the name of the network file system @dir is on ("nfs", "lustre",
 * "fuse.sshfs" …), or NULL for a local one. $OCCAM_TEST_FS_TYPE overrides it ("local": none). */
char    *oc_store_network_fs  (const char *dir);

/* oc-store-lock.c, with the lock held: mark experiment @id as run by this store's process (FALSE
 * when another one runs it), unmark it, and whether any live process runs it. */
gboolean oc_store_run_lock    (OcStore *store, const char *id, GError **error);
void     oc_store_run_unlock  (OcStore *store, const char *id);
gboolean oc_store_run_is_live (OcStore *store, const char *id);
gboolean oc_store_run_held    (OcStore *store, const char *id);

/* oc_store_open() with another list of migrations, so that tests can exercise upgrades and failed
 * upgrades of a real store. @migrations are in increasing version order. */
OcStore *oc_store_open_with_migrations (const char *path, OcStoreOpenFlags flags,
                                        const OcStoreMigration *migrations, guint n_migrations,
                                        GError **error);
/* The built-in migrations. */
const OcStoreMigration *oc_store_migrations (guint *n_migrations);

/* With the lock held: OC_ERROR_STORE naming the file, what failed and SQLite's reason, with a
 * hint for the usual causes (damaged file, busy, full disk, permissions). Returns FALSE. */
gboolean oc_store_fail (OcStore *store, GError **error, const char *what);
gboolean oc_store_exec (OcStore *store, const char *sql, GError **error);
sqlite3_stmt *oc_store_prepare (OcStore *store, const char *sql, GError **error);
/* With the lock held: once per OcStore, before its first write, PRAGMA quick_check; a damaged
 * file gives OC_ERROR_STORE naming it and what to do, and is never written to by this OcStore:
 * not even the checkpoint on closing replays a -wal it found. */
gboolean oc_store_check_damage (OcStore *store, GError **error);
/* oc-store-schema.c, with the lock held: whether the tables, views and triggers of @schema
 * ("main", or "other" for a file attached to merge) are exactly those the steps of @migrations
 * up to @version create: each table's columns, types, NOT NULL, keys, STRICT, foreign keys and
 * indexes. Reads the schema only. Otherwise OC_ERROR_STORE: "@file_path is not an Occam store (or
 * damaged): <the first difference>; @outcome". */
gboolean oc_store_check_schema (OcStore *store, const char *schema, const char *file_path,
                                guint64 version, const OcStoreMigration *migrations,
                                guint n_migrations, const char *outcome, GError **error);
/* With the lock held: oc_store_check_damage(), then BEGIN IMMEDIATE. Every write transaction
 * starts here. */
gboolean oc_store_begin_write (OcStore *store, GError **error);
/* Rolls back the open transaction, if any. */
void     oc_store_rollback (OcStore *store);
/* NULL binds SQL NULL; so do NaN and infinities, and NULL reads back as NaN. */
void     oc_store_bind_text     (sqlite3_stmt *stmt, int i, const char *s);
void     oc_store_bind_double   (sqlite3_stmt *stmt, int i, double v);
double   oc_store_column_double (sqlite3_stmt *stmt, int i);
char    *oc_store_column_text   (sqlite3_stmt *stmt, int i);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* Column lists, so that copies between stores (merge) name the same columns as the writers. */
#define OC_STORE_EXPERIMENT_COLUMNS \
  "id, hash, kind, spec, dataset, description, planned_points, status, created, updated, " \
  "occam_version"
#define OC_STORE_POINT_COLUMNS \
  "experiment_id, key, status, error, started, finished, seconds, threads, architecture, " \
  "parameters, n_train, n_val, n_test, iterations, train_seconds, eval_seconds, " \
  "seconds_per_epoch, gflops, " \
  "final_iteration, final_epoch, final_train_loss, final_train_error, final_val_loss, " \
  "final_val_error, final_test_loss, final_test_error, final_seconds, " \
  "es_iteration, es_epoch, es_train_loss, es_train_error, es_val_loss, es_val_error, " \
  "es_test_loss, es_test_error, es_seconds"
#define OC_STORE_CURVE_COLUMNS \
  "experiment_id, key, step, iteration, epoch, train_loss, train_error, val_loss, val_error, " \
  "test_loss, test_error, seconds"
#define OC_STORE_ARTIFACT_COLUMNS "experiment_id, key, name, dtype, shape, npy"

G_END_DECLS
