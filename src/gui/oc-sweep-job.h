/* oc-sweep-job.h — a sweep or random-features experiment on worker threads, watched from the
 * main loop.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The job does what occam-cli sweep / rff do: it asks the store which points are already
 * finished (resume), records the experiment, runs the rest (sweeps on oc_sweep_run's worker pool,
 * random features one fit at a time) and writes each point to the store the moment it ends. Every
 * worker callback copies what the page shows into an OcSweepUpdate and posts it to a coalescing
 * OcMailbox; the main loop receives them in order as the "updates" signal. No GTK here.
 */
#pragma once

#include <gio/gio.h>

#include "occam/oc-store.h"
#include "occam-figures/oc-sweep-grid.h"

G_BEGIN_DECLS

typedef enum
{
  OC_SWEEP_UPDATE_STARTED,  /* n_to_run, workers, blas_threads */
  OC_SWEEP_UPDATE_PROGRESS, /* index, fraction (0..1) of the point */
  OC_SWEEP_UPDATE_POINT,    /* index, point (finished or failed), coef_norm, condition */
} OcSweepUpdateKind;

typedef struct
{
  OcSweepUpdateKind kind;
  guint             index;
  double            fraction;
  double            elapsed;   /* seconds since the job started */
  OcStorePoint     *point;     /* owned; steal it to keep it */
  double            coef_norm, condition;
  guint             n_to_run, workers, blas_threads;
} OcSweepUpdate;

void oc_sweep_update_free (OcSweepUpdate *update);

#define OC_TYPE_SWEEP_JOB (oc_sweep_job_get_type ())
G_DECLARE_FINAL_TYPE (OcSweepJob, oc_sweep_job, OC, SWEEP_JOB, GObject)

/* @store may be NULL (nothing is recorded or reused). @rff_threads: BLAS threads of a
 * random-features fit (0 = all cores); sweeps plan their own (oc_sweep_plan). With @rerun every
 * point is computed again, as occam-cli --rerun. */
OcSweepJob *oc_sweep_job_new        (OcSweepGrid *grid, OcStore *store, guint rff_threads,
                                     gboolean rerun);
OcSweepGrid *oc_sweep_job_get_grid  (OcSweepJob *self);

/* Starts the work; @callback runs on the caller's thread-default context after the workers have
 * returned, and every update is emitted before it. */
void        oc_sweep_job_run_async  (OcSweepJob *self, GCancellable *cancellable,
                                     GAsyncReadyCallback callback, gpointer user_data);
/* TRUE when every planned point ran (some may have diverged: see the updates); FALSE with
 * G_IO_ERROR_CANCELLED when stopped, or the error that ended it. */
gboolean    oc_sweep_job_run_finish (OcSweepJob *self, GAsyncResult *result, GError **error);

/* For tests: the mailbox's delivery count and largest batch. */
void        oc_sweep_job_get_delivery_stats (OcSweepJob *self, guint *n_deliveries,
                                             guint *max_batch);

G_END_DECLS
