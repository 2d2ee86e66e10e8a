/* oc-prune-job.h — a lottery-ticket experiment on worker threads, watched from the main loop.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The job does what occam-cli prune does, with the same engine calls (oc-prune-record.h): it asks
 * the store which levels are already finished (resume), records the experiment, runs
 * oc_lottery_run and writes each level to the store the moment it ends. Every callback copies
 * what the page shows (the level's store row, densities and, for IMP, masks and weights) into an
 * OcPruneUpdate and posts it to a coalescing OcMailbox; the main loop receives them in order as
 * the "updates" signal. No GTK here.
 */
#pragma once

#include <gio/gio.h>

#include "occam-figures/oc-prune-results.h"

G_BEGIN_DECLS

typedef enum
{
  OC_PRUNE_UPDATE_STARTED,  /* n_to_train, blas_threads */
  OC_PRUNE_UPDATE_PROGRESS, /* control, seed, level, fraction (0..1) of its training */
  OC_PRUNE_UPDATE_LEVEL,    /* level (finished or diverged), reused */
} OcPruneUpdateKind;

typedef struct
{
  OcPruneUpdateKind kind;
  OcControl         control;
  guint64           seed;
  guint             level_index;
  double            fraction;
  double            elapsed;    /* seconds since the job started */
  OcPruneLevel     *level;      /* owned; steal it to keep it */
  gboolean          reused;     /* the dense level of a control: not trained again */
  guint             n_to_train, blas_threads;
} OcPruneUpdate;

void oc_prune_update_free (OcPruneUpdate *update);

#define OC_TYPE_PRUNE_JOB (oc_prune_job_get_type ())
G_DECLARE_FINAL_TYPE (OcPruneJob, oc_prune_job, OC, PRUNE_JOB, GObject)

/* @spec: kind prune (copied). @store may be NULL (nothing is recorded or reused). With @rerun
 * every level is trained again, as occam-cli --rerun. */
OcPruneJob *oc_prune_job_new        (const OcSpec *spec, OcStore *store, gboolean rerun);

void        oc_prune_job_run_async  (OcPruneJob *self, GCancellable *cancellable,
                                     GAsyncReadyCallback callback, gpointer user_data);
/* TRUE when every level ran (some may have diverged); FALSE with G_IO_ERROR_CANCELLED when
 * stopped, or the error that ended it. Every update is delivered before the callback runs. */
gboolean    oc_prune_job_run_finish (OcPruneJob *self, GAsyncResult *result, GError **error);

void        oc_prune_job_get_delivery_stats (OcPruneJob *self, guint *n_deliveries,
                                             guint *max_batch);

G_END_DECLS
