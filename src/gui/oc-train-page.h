/* oc-train-page.h — the Train page: one network trained live on the loaded dataset.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An OcExperimentPage (run, pause, stop, progress and storing come from there): settings on the
 * left, learning curves, per-layer weight-magnitude histograms and, for 2-D data, the decision
 * boundary on the right, all updated while it trains.
 */
#pragma once

#include "occam/oc-store.h"
#include "oc-experiment-page.h"
#include "oc-figure-view.h"

G_BEGIN_DECLS

#define OC_TYPE_TRAIN_PAGE (oc_train_page_get_type ())
G_DECLARE_FINAL_TYPE (OcTrainPage, oc_train_page, OC, TRAIN_PAGE, OcExperimentPage)

/* The evaluations received from the current or last run, in arrival order. */
const GArray       *oc_train_page_get_received   (OcTrainPage *self);
/* The point the last run recorded (finished or failed), or NULL (stopped, or still running). */
const OcStorePoint *oc_train_page_get_last_point (OcTrainPage *self);

G_END_DECLS
