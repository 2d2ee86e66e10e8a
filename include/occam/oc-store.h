/* oc-store.h — the SQLite experiment store: experiments, points, curves and artifacts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One file (default $XDG_DATA_HOME/occam/occam.db) in WAL mode with STRICT tables; the schema
 * version is PRAGMA user_version and older files are migrated forward when opened. A file written
 * by a newer Occam is refused before anything is written to it. See README.md, "Experiment store",
 * for the tables.
 *
 * Units of work: an experiment row is written when a run starts; each point (one trained model)
 * is written together with its curve and artifacts in one transaction when it finishes, so a
 * cancelled or killed run keeps every point that finished and none that did not.
 *
 * Threads: an OcStore holds one SQLite connection and a mutex; every function takes the mutex,
 * so several workers may share one OcStore (SQLite serialises writers anyway, and points are
 * small next to the training that produced them). Other processes may use the same file at the
 * same time; a busy file is waited for up to OC_STORE_BUSY_TIMEOUT_MS.
 */
#pragma once

#include <glib.h>
#include "oc-npy.h"
#include "oc-spec.h"
#include "oc-train.h"

G_BEGIN_DECLS

#define OC_STORE_SCHEMA_VERSION  3
#define OC_STORE_BUSY_TIMEOUT_MS 10000
/* PRAGMA application_id of Occam stores: "OCAM". */
#define OC_STORE_APPLICATION_ID  0x4f43414d

typedef struct _OcStore OcStore;

typedef enum
{
  OC_STORE_OPEN_DEFAULT = 0,
  OC_STORE_OPEN_CREATE  = 1 << 0, /* create the file (and its folder) when missing */
} OcStoreOpenFlags;

/* Status of an experiment, and of a point (a point is never "running": it is written when it
 * ends). */
typedef enum
{
  OC_STATUS_RUNNING,   /* started and not finished; also what a killed run leaves behind */
  OC_STATUS_FINISHED,
  OC_STATUS_FAILED,    /* diverged or another error; the message is kept */
  OC_STATUS_CANCELLED,
  OC_STATUS_INTERRUPTED, /* read back only: "running" in the store, but no live process runs it
                          * (killed, crashed, power cut); never written */
  OC_STATUS_PARTIAL,   /* experiments only: a shard's points all finished, and other shards'
                        * points are in other stores (oc_store_merge() them); store schema 2 */
} OcStatus;

const char *oc_status_to_string   (OcStatus status);
gboolean    oc_status_from_string (const char *s, OcStatus *out);

typedef struct
{
  char    *id;             /* OC_SPEC_ID_LEN hex digits */
  char    *hash;           /* the full SHA-256 */
  char    *kind;
  char    *spec;           /* canonical JSON, hashed fields only */
  char    *dataset;        /* data.name of the spec, or NULL */
  char    *description;    /* oc_spec_describe() at creation */
  char    *created;        /* ISO 8601 UTC, e.g. "2024-05-01T12:00:00Z" */
  char    *updated;
  OcStatus status;
  guint    planned_points; /* points the experiment consists of */
  guint    n_points;       /* points stored (any status) */
  guint    n_finished;
  double   seconds;        /* sum of the stored points' wall times: the compute spent */
  /* Wall time from the first point's start to the last one's finish (0 without points): what a
   * person waited, shorter than @seconds when points ran in parallel. */
  double   wall_seconds;
} OcStoreExperiment;

void oc_store_experiment_free (OcStoreExperiment *e);

/* One trained model within an experiment, with what the CLI prints about it. */
typedef struct
{
  char        *experiment_id;
  char        *key;           /* canonical JSON of the point's coordinates: "{}" for train */
  OcStatus     status;
  char        *error;         /* message when failed, else NULL */
  char        *started, *finished; /* ISO 8601 UTC */
  double       seconds;       /* wall time of the whole point (data, model, training) */
  guint        threads;       /* threads that shared each step (OcTrainResult.threads) */
  /* What was trained. */
  char        *architecture;  /* "784-256-10" */
  guint64      parameters;
  guint        n_train, n_val, n_test;
  /* Results (zero/NaN for failed points). */
  guint64      iterations;
  double       train_seconds, eval_seconds, seconds_per_epoch, gflops;
  OcEvalPoint  final;
  OcEvalPoint  early_stop;
  GArray      *evals;         /* of OcEvalPoint: the curve; NULL when not loaded */
} OcStorePoint;

OcStorePoint *oc_store_point_new  (const char *experiment_id, const char *key);
/* A deep copy (the curve too). */
OcStorePoint *oc_store_point_dup  (const OcStorePoint *p);
void          oc_store_point_free (OcStorePoint *p);
/* @p with @artifacts (may be NULL) as bytes, for another process to record: everything the store
 * keeps of a point, its curve and artifacts included, and whether it was @reused. */
GBytes       *oc_store_point_to_bytes   (const OcStorePoint *p, GPtrArray *artifacts,
                                         gboolean reused);
/* The point, artifacts (of OcStoreArtifact) and @reused_out (may be NULL) of bytes from
 * oc_store_point_to_bytes(); OC_ERROR_FORMAT when they are damaged or of another format. */
gboolean      oc_store_point_from_bytes (GBytes *bytes, OcStorePoint **point_out,
                                         GPtrArray **artifacts_out, gboolean *reused_out,
                                         GError **error);
/* Copies the threads, timings, final/early-stop metrics and the curve of @r into @p. */
void          oc_store_point_set_result (OcStorePoint *p, const OcTrainResult *r);

typedef struct
{
  char   *name;
  char   *dtype;             /* NumPy descr, e.g. "<f4" */
  char   *shape;             /* JSON array, e.g. "[784,256]" */
  GBytes *npy;               /* the .npy file */
} OcStoreArtifact;

typedef struct
{
  guint experiments_added;
  guint points_added;        /* new, or replacing a point here that had not finished */
  guint points_kept;         /* both stores had it finished: this store's copy was kept */
  guint points_skipped;      /* the other store's copy had not finished and one exists here */
} OcStoreMergeStats;

/* $XDG_DATA_HOME/occam/occam.db. */
char      *oc_store_default_path (void);
/* The current time as the store writes times: "2024-05-01T12:00:00Z" (UTC). */
char      *oc_store_now (void);

/* Opens (and with OC_STORE_OPEN_CREATE creates) the store at @path and migrates it to
 * OC_STORE_SCHEMA_VERSION. Errors are OC_ERROR_NOT_FOUND (missing, without CREATE) or
 * OC_ERROR_STORE (not a database, not an Occam store, damaged, from a newer Occam, not writable),
 * each naming the file and what to do. */
OcStore   *oc_store_open   (const char *path, OcStoreOpenFlags flags, GError **error);
void       oc_store_close  (OcStore *store);
const char *oc_store_get_path (OcStore *store);
/* A number that changes whenever another connection (another process, or a worker's own
 * connection) commits to the store; this connection's own writes leave it alone. Cheap (no
 * reading of the file): poll it to follow the store. 0 when it cannot be read. */
guint64     oc_store_get_data_version (OcStore *store);
/* The network file system the store is on ("nfs", "lustre", "fuse.sshfs" …), or NULL. There the
 * store keeps a rollback journal (journal_mode=DELETE) instead of the write-ahead log, which
 * needs memory shared by every writer and so one host. */
const char *oc_store_get_network_fs (OcStore *store);

/* Records the experiment of @spec unless it exists, and marks it running. @planned_points is the
 * number of points the spec consists of. @created_out (optional) says whether it was new. */
gboolean   oc_store_begin_experiment (OcStore *store, const OcSpec *spec, guint planned_points,
                                      gboolean *created_out, GError **error);
gboolean   oc_store_set_experiment_status (OcStore *store, const char *id, OcStatus status,
                                           GError **error);
/* Finds an experiment by its ID or a unique prefix of it; OC_ERROR_NOT_FOUND when none matches,
 * OC_ERROR_INVALID_ARGUMENT (listing the candidates) when several do. */
OcStoreExperiment *oc_store_find_experiment (OcStore *store, const char *id_or_prefix,
                                             GError **error);
/* All experiments, newest first, with point counts. */
GPtrArray *oc_store_list_experiments (OcStore *store, GError **error);
/* Removes an experiment with its points, curves and artifacts in one transaction. */
gboolean   oc_store_remove_experiment (OcStore *store, const char *id, guint *points_removed,
                                       GError **error);

/* Writes (or replaces) a point, its curve (p->evals, may be NULL) and @artifacts (of
 * OcStoreArtifact*, may be NULL) in one transaction. The experiment must exist; when every
 * planned point has finished, the experiment becomes finished in the same transaction. */
gboolean   oc_store_put_point  (OcStore *store, const OcStorePoint *p, GPtrArray *artifacts,
                                GError **error);
/* The point, or NULL with OC_ERROR_NOT_FOUND. With @with_curve, p->evals is filled. */
OcStorePoint *oc_store_get_point (OcStore *store, const char *experiment_id, const char *key,
                                  gboolean with_curve, GError **error);
/* Points of an experiment (of OcStorePoint*), ordered by key. */
GPtrArray *oc_store_list_points (OcStore *store, const char *experiment_id, gboolean with_curves,
                                 GError **error);
/* Of @keys (canonical point keys), the ones without a finished point: what a resumed run still
 * has to compute. Returns a new array of strings in the order of @keys. */
GPtrArray *oc_store_missing_points (OcStore *store, const char *experiment_id,
                                    const char *const *keys, guint n_keys, GError **error);

/* Names of a point's artifacts (of char*), sorted. */
GPtrArray *oc_store_list_artifacts (OcStore *store, const char *experiment_id, const char *key,
                                    GError **error);
OcNpyArray *oc_store_get_artifact  (OcStore *store, const char *experiment_id, const char *key,
                                    const char *name, GError **error);
OcStoreArtifact *oc_store_artifact_new  (const char *name, const OcNpyArray *array,
                                         GError **error);
void             oc_store_artifact_free (OcStoreArtifact *a);
/* The array an artifact holds (OC_ERROR_FORMAT when its bytes are not a readable .npy). */
OcNpyArray      *oc_store_artifact_decode (const OcStoreArtifact *a, GError **error);
/* The artifact called @name in @artifacts (of OcStoreArtifact*, may be NULL), or NULL. */
const OcStoreArtifact *oc_store_artifacts_find (GPtrArray *artifacts, const char *name);

/* Folds the store at @other_path into @store in one transaction: experiments missing here are
 * added, points are united, and where both have a point, a finished one here is kept. Merging the
 * same file twice changes nothing the second time. @other_path is opened read-only. */
gboolean   oc_store_merge (OcStore *store, const char *other_path, OcStoreMergeStats *stats,
                           GError **error);

/* Runs PRAGMA integrity_check; FALSE with the first problem in OC_ERROR_STORE. */
gboolean   oc_store_check_integrity (OcStore *store, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OcStore, oc_store_close)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OcStoreExperiment, oc_store_experiment_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OcStorePoint, oc_store_point_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OcStoreArtifact, oc_store_artifact_free)

G_END_DECLS
