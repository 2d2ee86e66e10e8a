/* oc-train-job.h — one training run on a worker thread, watched from the main loop.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The worker owns its model for the whole run. At every evaluation and at least every 0.2 s the
 * engine calls back on the worker; the job copies an OcTrainUpdate (the evaluation, and at most
 * every 150 ms the weight histograms and decision boundary) into a coalescing OcMailbox, and the
 * main loop receives the batches as the "updates" signal. Pausing blocks the worker inside that
 * callback on a condition variable until resumed or cancelled. No GTK here.
 */
#pragma once

#include <gio/gio.h>

#include "occam/oc-train.h"
#include "oc-loaded-data.h"
#include "oc-train-update.h"

G_BEGIN_DECLS

#define OC_TYPE_TRAIN_JOB (oc_train_job_get_type ())
G_DECLARE_FINAL_TYPE (OcTrainJob, oc_train_job, OC, TRAIN_JOB, GObject)

/* Copies @cfg (and its hidden widths). */
OcTrainJob    *oc_train_job_new          (OcLoadedData *data, const OcTrainConfig *cfg);

/* Starts the worker. The callback runs on the caller's thread-default context once the worker
 * has returned; every update is emitted before it. */
void           oc_train_job_run_async    (OcTrainJob *self, GCancellable *cancellable,
                                          GAsyncReadyCallback callback, gpointer user_data);
/* Delivers the updates still queued, then the result (NULL with the error: cancelled, diverged…). */
OcTrainResult *oc_train_job_run_finish   (OcTrainJob *self, GAsyncResult *result, GError **error);

void           oc_train_job_set_paused   (OcTrainJob *self, gboolean paused);
gboolean       oc_train_job_get_paused   (OcTrainJob *self);

const OcTrainConfig *oc_train_job_get_config (OcTrainJob *self);
OcLoadedData  *oc_train_job_get_data     (OcTrainJob *self);
/* The trained model, once finished (NULL before, or if it could not be built). */
const OcMlp   *oc_train_job_get_model    (OcTrainJob *self);
/* Seconds spent paused, so far. */
double         oc_train_job_get_paused_seconds (OcTrainJob *self);
/* For tests: the mailbox's delivery count and largest batch. */
void           oc_train_job_get_delivery_stats (OcTrainJob *self, guint *n_deliveries,
                                                guint *max_batch);

/* Hidden widths from "256" or "512, 256": FALSE with a message for anything else. */
gboolean       oc_parse_hidden           (const char *text, GArray **widths, GError **error);

G_END_DECLS
