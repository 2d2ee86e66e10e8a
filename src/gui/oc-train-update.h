/* oc-train-update.h — one progress report of the Train page's worker, shipped by value.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The job's own record: where the run is, its newest evaluation, and now and then the engine's
 * snapshots of the model (oc-snapshot.h) computed on the worker. No GTK here.
 */
#pragma once

#include "occam/oc-snapshot.h"

G_BEGIN_DECLS

typedef struct
{
  guint64       iteration;
  guint64       total;
  double        active_seconds; /* since the start, pauses excluded */
  gboolean      has_eval;
  OcEvalPoint   eval;
  OcWeightHist *hist;     /* nullable */
  OcBoundary   *boundary; /* nullable */
} OcTrainUpdate;

void oc_train_update_free (OcTrainUpdate *update);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OcTrainUpdate, oc_train_update_free)

G_END_DECLS
