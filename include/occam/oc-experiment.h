/* oc-experiment.h — running an experiment: one call from a spec to results in the store.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * oc_experiment_run() owns the whole life of an experiment of any spec kind, so that the CLI and
 * the window only watch it:
 *
 *   1. plan   the spec's points in canonical order, each with its store key, a label ("width 64 ·
 *             seed 0") and a relative cost for progress and ETA (OcRunPlan);
 *   2. reuse  points the store holds finished are not computed again (unless options->rerun);
 *   3. run    the experiment row is recorded as running, the missing points are computed on the
 *             kind's workers, and each point is written to the store, with its curve and artifacts,
 *             in one transaction the moment it ends;
 *   4. end    the experiment's status becomes finished (every planned point is stored finished),
 *             partial (a shard's points are all stored finished, other shards' are not: merge
 *             the shards' stores), cancelled or failed; a new experiment that failed before
 *             anything was recorded (bad input: a missing file, say) never ran and is removed
 *             again.
 *
 * Rules that hold for every kind:
 *   - a failed point (a diverged training) is recorded as failed and the run goes on, but it never
 *     replaces a finished point of the same key: a --rerun that diverges keeps the old result;
 *   - a point's `finished` time is when it was recorded and `started` that minus its seconds;
 *   - `threads` of a point is the number of threads that shared each of its steps.
 *
 * The observer is told about the plan, progress (with evaluations and, for one-point experiments,
 * the model at a step boundary), and every point that ends, on the run's worker threads. Calls are
 * serialised: an observer needs no lock of its own, may block (pausing a run), and must copy what
 * it keeps.
 *
 * Each kind plugs in through its row of the spec-kind table (OcSpecKindInfo.runner, see
 * src/engine/oc-experiment-private.h); front ends never see the difference.
 */
#pragma once

#include <gio/gio.h>

#include "oc-spec.h"
#include "oc-store.h"
#include "oc-train.h"

G_BEGIN_DECLS

/* The one point of a `train` experiment has no coordinates. */
#define OC_TRAIN_POINT_KEY "{}"

/* A finished `train` run on 2-D data stores θ at up to this many of its evaluations, evenly
 * thinned, as the artifacts boundary_thetas and boundary_evals (oc-run-train.c): the frames of
 * its decision boundary. Fewer when the rows would pass OC_BOUNDARY_SNAPSHOTS_BYTES (a wide
 * network), never fewer than two. */
#define OC_BOUNDARY_SNAPSHOTS_MAX   200
#define OC_BOUNDARY_SNAPSHOTS_BYTES (4u << 20)

typedef struct _OcRunPlan OcRunPlan;

/* Records one point computed elsewhere (oc_store_point_from_bytes) as if this run had computed
 * it: takes @point and @artifacts. A point that is not this run's to compute (stored already,
 * another shard's) is dropped. FALSE when the store failed or the point is not of the plan. */
typedef gboolean (*OcRunRecordFunc) (gpointer record_data, OcStorePoint *point,
                                     GPtrArray *artifacts, gboolean reused, GError **error);

/* Computing a run's points in other processes (occam-cli --mpi): the runner plans, reuses, keeps
 * the experiment row and its status, and records; @run computes units @units (oc_run_plan units
 * with points to compute, largest first) elsewhere and hands back each point through @record as
 * it arrives. FALSE with G_IO_ERROR_CANCELLED when cancelled, or the error that stopped it. */
typedef struct
{
  gboolean (*run) (const OcRunPlan *plan, const guint *units, guint n_units,
                   OcRunRecordFunc record, gpointer record_data, gpointer user_data,
                   GCancellable *cancellable, GError **error);
  gpointer user_data;
} OcRunRemote;

typedef struct
{
  gboolean         rerun;    /* compute every point again, replacing the stored ones */
  const OcDataset *dataset;  /* train, landscape: this dataset instead of loading the spec's (it
                              * must be what the spec's data options load, e.g. the window's
                              * loaded data); borrowed for the run; NULL loads it */
  /* Shards: with n_shards > 1 the run computes only the points of shard @shard (1..n_shards) of
   * the plan's partition (oc_run_plan_get_shard). Like threads, a shard is how an experiment runs,
   * not what it is: every shard has the experiment's ID, each writes its own store, and merging
   * the stores gives the whole experiment. 0 or 1 shards: the whole experiment. */
  guint            shard;
  guint            n_shards;
  /* > 0: compute only the points of unit @unit − 1 (oc_run_plan_get_unit), e.g. the one a
   * process of an MPI job was handed. */
  guint            unit;
  /* Non-NULL: the points are computed elsewhere (see OcRunRemote); borrowed for the run. */
  const OcRunRemote *remote;
  /* sweep: datasets kept between runs of this process (an MPI rank's units), or NULL. */
  OcDataCache      *data_cache;
} OcRunOptions;

/* FALSE with OC_ERROR_INVALID_ARGUMENT, saying what to do, when @options cannot run @spec: a shard
 * outside 1..n_shards, or shards of an experiment of one point (train). */
gboolean       oc_run_options_check      (const OcRunOptions *options, const OcSpec *spec,
                                          GError **error);

/* The points of @spec, and which of them @store (may be NULL) already holds finished. With @rerun
 * none counts as stored. OC_ERROR_SPEC / OC_ERROR_INVALID_ARGUMENT for specs that cannot run. */
OcRunPlan     *oc_run_plan_new           (const OcSpec *spec, OcStore *store, gboolean rerun,
                                          GError **error);
/* The same for a run with @options (may be NULL): its rerun and its shard. */
OcRunPlan     *oc_run_plan_new_for_run   (const OcSpec *spec, OcStore *store,
                                          const OcRunOptions *options, GError **error);
void           oc_run_plan_free          (OcRunPlan *plan);
const OcSpec  *oc_run_plan_get_spec      (const OcRunPlan *plan);
const char    *oc_run_plan_get_id        (const OcRunPlan *plan);
guint          oc_run_plan_get_n_points  (const OcRunPlan *plan);
/* Canonical JSON of the point's coordinates, as stored: {"width":64,…,"seed":0}. */
const char    *oc_run_plan_get_key       (const OcRunPlan *plan, guint index);
/* What a person calls the point: "width 64 · seed 0", "imp · seed 0 · level 3". */
const char    *oc_run_plan_get_label     (const OcRunPlan *plan, guint index);
/* Relative work of computing the point (0 for a point reported without work of its own). */
double         oc_run_plan_get_cost      (const OcRunPlan *plan, guint index);
/* Finished in the store when the plan was made (and not rerun): it will be reused. */
gboolean       oc_run_plan_is_stored     (const OcRunPlan *plan, guint index);
/* The index of @key, or −1. */
int            oc_run_plan_find_key      (const OcRunPlan *plan, const char *key);
guint          oc_run_plan_get_n_stored  (const OcRunPlan *plan);
/* Points still to compute by this plan's run: not stored, and in its shard. */
guint          oc_run_plan_get_n_to_run  (const OcRunPlan *plan);
/* The shard (1..@n_shards) point @index belongs to when the experiment is split into @n_shards.
 * The partition depends on the points and their costs only (not on the store, the threads or the
 * machine's cores), so every shard of a cluster job computes the same one: the plan's units (a
 * point, or a chain of points that depend on each other: a prune seed, an instability seed's
 * parent) go, largest estimated cost first, to the shard with the least cost so far. */
guint          oc_run_plan_get_shard     (const OcRunPlan *plan, guint index, guint n_shards);
/* Units: what must run in one process, as for shards: a point, or a chain of points that depend
 * on each other. Numbered 0.. in the order of their first points. */
guint          oc_run_plan_get_n_units   (const OcRunPlan *plan);
guint          oc_run_plan_get_unit      (const OcRunPlan *plan, guint index);
/* The estimated cost of a unit: the sum of its points'. */
double         oc_run_plan_get_unit_cost (const OcRunPlan *plan, guint unit);
/* This plan's shard and shard count (1 and 1 when it runs the whole experiment). */
void           oc_run_plan_get_sharding  (const OcRunPlan *plan, guint *shard, guint *n_shards);
/* The point is in this plan's shard (always, when it runs the whole experiment). */
gboolean       oc_run_plan_in_shard      (const OcRunPlan *plan, guint index);
/* How the points will run: @workers at a time, each with @threads threads. */
void           oc_run_plan_get_threads   (const OcRunPlan *plan, guint *workers, guint *threads);

typedef enum
{
  OC_RUN_EVENT_STARTED,  /* the plan is made; no point has run yet */
  OC_RUN_EVENT_PROGRESS, /* a point advanced (iteration, maybe an evaluation, maybe the model) */
  OC_RUN_EVENT_POINT,    /* a point ended (finished or failed) and was recorded */
} OcRunEventKind;

typedef struct
{
  OcRunEventKind      kind;
  const OcRunPlan    *plan;
  guint               index;            /* the point (PROGRESS, POINT) */

  /* PROGRESS */
  guint64             iteration, total_iterations;
  double              fraction;         /* of this point, 0..1 */
  const OcEvalPoint  *eval;             /* a new evaluation, or NULL */
  const OcMlp        *model;            /* one-point experiments: the model at a step boundary,
                                         * readable during the call only; else NULL */
  const double       *measures;         /* with eval: the kind's own measures of it (grok:
                                         * OC_GROK_MEASURE_*, oc-grok.h), or NULL */
  guint               n_measures;

  /* POINT */
  const OcStorePoint *point;            /* as recorded: status, error, result, curve */
  GPtrArray          *artifacts;        /* of OcStoreArtifact, as recorded (may be empty) */
  gboolean            reused;           /* reported without work of its own (a prune control's
                                         * dense level is IMP's) */

  /* Every event: the whole run so far. */
  double              elapsed;          /* seconds since the run started */
  double              done;             /* cost-weighted fraction of this run's work, 0..1 */
  double              eta;              /* seconds left at the average speed so far, or NaN */
  guint               n_ran;            /* points this run computed and recorded so far */
  guint               n_failed;         /* of those, failed */
} OcRunEvent;

typedef void (*OcRunObserver) (const OcRunEvent *event, gpointer user_data);

typedef struct
{
  char     id[OC_SPEC_ID_LEN + 1];
  OcStatus status;     /* of the experiment in the store when the run ended */
  guint    n_points;
  guint    n_reused;   /* stored finished before the run */
  guint    n_shard;    /* points of this run's shard (n_points when not sharded) */
  guint    n_ran;      /* computed and recorded by this run (failed ones included) */
  guint    n_failed;   /* computed by this run and failed */
  gboolean created;    /* the experiment row is new */
  gboolean removed;    /* ... and was removed again: the run failed before recording anything */
  double   seconds;    /* wall time of the run */
} OcRunSummary;

/* Runs the experiment of @spec (see above). @store may be NULL (nothing reused or recorded; the
 * observer sees every point), @options may be NULL (defaults), @observer may be NULL. Returns TRUE
 * when every planned point was reused or computed — some may have failed (summary->n_failed) — and
 * FALSE with G_IO_ERROR_CANCELLED when cancelled, or the error that stopped it (data, store). The
 * summary is filled either way. */
gboolean oc_experiment_run (const OcSpec *spec, OcStore *store, const OcRunOptions *options,
                            OcRunObserver observer, gpointer user_data,
                            GCancellable *cancellable, OcRunSummary *summary, GError **error);

/* "4:05" or "1:02:03", as progress lines and messages give elapsed times and ETAs; negative,
 * NaN and infinite durations read "0:00". Free with g_free(). */
char    *oc_format_duration (double seconds);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OcRunPlan, oc_run_plan_free)

G_END_DECLS
