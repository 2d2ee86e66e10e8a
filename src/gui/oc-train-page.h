/* oc-train-page.h — the Train page: settings, Start/Pause/Stop and live figures.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "occam/oc-store.h"
#include "occam/oc-train.h"
#include "oc-figure-view.h"
#include "oc-loaded-data.h"

G_BEGIN_DECLS

#define OC_TYPE_TRAIN_PAGE (oc_train_page_get_type ())
G_DECLARE_FINAL_TYPE (OcTrainPage, oc_train_page, OC, TRAIN_PAGE, AdwBin)

void           oc_train_page_set_settings (OcTrainPage *self, GSettings *settings);
/* The dataset the next run trains on (a reference is taken; NULL disables Start). */
void           oc_train_page_set_data     (OcTrainPage *self, OcLoadedData *data);

gboolean       oc_train_page_get_running  (OcTrainPage *self);
gboolean       oc_train_page_get_paused   (OcTrainPage *self);
/* The evaluations the page received from the current or last run, in arrival order. */
const GArray  *oc_train_page_get_received (OcTrainPage *self);
/* The engine's result of the last run that finished (NULL if it failed or was stopped). */
const OcTrainResult *oc_train_page_get_last_result (OcTrainPage *self);
/* The figure views, curves first. */
GPtrArray     *oc_train_page_get_figure_views (OcTrainPage *self);
/* For tests: deliveries of the last run's mailbox and the largest batch. */
void           oc_train_page_get_delivery_stats (OcTrainPage *self, guint *n_deliveries,
                                                 guint *max_batch);

/* Where runs are recorded (the window's store, which outlives the page); NULL records nothing. */
void           oc_train_page_set_store    (OcTrainPage *self, OcStore *store);
/* The experiment ID of the current or last run (NULL when it is not stored). */
const char    *oc_train_page_get_experiment_id (OcTrainPage *self);

G_END_DECLS
