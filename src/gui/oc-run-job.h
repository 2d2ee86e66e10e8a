/* oc-run-job.h — an experiment of any kind on a worker thread, watched from the main loop.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The job runs oc_experiment_run() (the same call occam-cli makes, so both write the same store
 * rows) on a GTask thread with its own connection to the store file. Its observer copies each
 * event into an OcRunUpdate — the evaluation, the finished point and its artifacts, and for a
 * one-point experiment at most every 150 ms the weight histograms and decision boundary, computed
 * from the model at a step boundary — and posts it to a coalescing OcMailbox; the main loop
 * receives the batches in order as the "updates" signal. Pausing blocks the worker between two
 * steps until resumed or cancelled. No GTK here.
 */
#pragma once

#include <gio/gio.h>

#include "occam/oc-experiment.h"
#include "oc-loaded-data.h"
#include "occam/oc-snapshot.h"

G_BEGIN_DECLS

/* One event, by value; the main thread owns it. */
typedef struct
{
  OcRunEventKind kind;
  guint          index;            /* the point (PROGRESS, POINT) */
  guint64        iteration, total_iterations;
  double         fraction;         /* of the point */
  gboolean       has_eval;
  OcEvalPoint    eval;
  double         measures[4];      /* with an eval: the kind's own measures (grok), n_measures */
  guint          n_measures;
  OcWeightHist  *hist;             /* nullable */
  OcBoundary    *boundary;         /* nullable */
  OcStorePoint  *point;            /* POINT: owned; steal it to keep it */
  GPtrArray     *artifacts;        /* POINT: of OcStoreArtifact, owned */
  gboolean       reused;
  double         active_seconds;   /* since the run started, pauses excluded */
  double         done, eta;        /* the whole run: 0..1, seconds left (NaN: unknown) */
  guint          n_ran, n_failed;
  guint          n_points, n_to_run, workers, threads; /* STARTED */
} OcRunUpdate;

void oc_run_update_free (OcRunUpdate *update);

#define OC_TYPE_RUN_JOB (oc_run_job_get_type ())
G_DECLARE_FINAL_TYPE (OcRunJob, oc_run_job, OC, RUN_JOB, GObject)

/* @spec is copied. @store may be NULL (nothing reused or recorded); the job writes through its
 * own connection to the same file. With @rerun every point is computed again (occam-cli
 * --rerun). */
OcRunJob *oc_run_job_new           (const OcSpec *spec, OcStore *store, gboolean rerun);
/* BLAS threads of the run (the spec's run.threads, which does not change the experiment). Call
 * before running. */
void      oc_run_job_set_threads   (OcRunJob *self, guint threads);
/* The loaded dataset a `train` spec's data options describe: trained on as it is instead of
 * loading it again. Call before running. */
void      oc_run_job_set_data      (OcRunJob *self, OcLoadedData *data);
/* Weight histograms (and, with @grid, decision boundaries) of a one-point experiment's model, a
 * few times a second. Call before running. */
void      oc_run_job_set_snapshots (OcRunJob *self, const OcBoundaryGrid *grid);
const OcSpec *oc_run_job_get_spec  (OcRunJob *self);

/* Starts the worker; @callback runs on the caller's thread-default context once it has returned,
 * after every update was emitted. */
void      oc_run_job_run_async     (OcRunJob *self, GCancellable *cancellable,
                                    GAsyncReadyCallback callback, gpointer user_data);
/* As oc_experiment_run: TRUE when every point was reused or computed (some may have failed),
 * FALSE with G_IO_ERROR_CANCELLED or the error that stopped it; @summary (may be NULL) is filled
 * either way. */
gboolean  oc_run_job_run_finish    (OcRunJob *self, GAsyncResult *result, OcRunSummary *summary,
                                    GError **error);

void      oc_run_job_set_paused    (OcRunJob *self, gboolean paused);
gboolean  oc_run_job_get_paused    (OcRunJob *self);
/* Whether the worker is waiting between two steps right now (pausing takes effect at the next
 * progress report). */
gboolean  oc_run_job_get_holding   (OcRunJob *self);
/* Seconds spent paused so far. */
double    oc_run_job_get_paused_seconds (OcRunJob *self);

/* For tests: the mailbox's delivery count and largest batch. */
void      oc_run_job_get_delivery_stats (OcRunJob *self, guint *n_deliveries, guint *max_batch);

G_END_DECLS
