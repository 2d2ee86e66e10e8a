/* oc-sweep-page.h — the Sweep page: double descent over widths, training-set sizes, label noise
 * or random features, live as points finish.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "occam/oc-store.h"
#include "occam-figures/oc-sweep-results.h"
#include "oc-figure-view.h"
#include "oc-loaded-data.h"
#include "oc-sweep-settings.h"

G_BEGIN_DECLS

#define OC_TYPE_SWEEP_PAGE (oc_sweep_page_get_type ())
G_DECLARE_FINAL_TYPE (OcSweepPage, oc_sweep_page, OC, SWEEP_PAGE, AdwBin)

void             oc_sweep_page_set_settings (OcSweepPage *self, GSettings *settings);
/* The Dataset page's data, for the Custom protocol (a reference is taken). */
void             oc_sweep_page_set_data     (OcSweepPage *self, OcLoadedData *data);
/* Where points are read from and written to (the window's, which outlives the page). */
void             oc_sweep_page_set_store    (OcSweepPage *self, OcStore *store);
/* Shows a stored sweep or rff experiment (History); run it to resume it. */
void             oc_sweep_page_open_spec    (OcSweepPage *self, const OcSpec *spec);

gboolean         oc_sweep_page_get_running  (OcSweepPage *self);
OcSweepSettings *oc_sweep_page_get_settings_pane (OcSweepPage *self);
/* The points the figures are drawn from: loaded from the store and received from the run. */
const OcSweepResults *oc_sweep_page_get_results (OcSweepPage *self);
/* The experiment ID of what is shown (NULL while the settings are invalid). */
const char      *oc_sweep_page_get_experiment_id (OcSweepPage *self);
/* The main figure first, then the heatmap or coefficient figure, then the learning curve. */
GPtrArray       *oc_sweep_page_get_figure_views (OcSweepPage *self);
OcFigureView    *oc_sweep_page_get_main_view    (OcSweepPage *self);
/* A click on the main figure at (@x, @y) in its coordinates: opens the learning curve of the
 * point there. FALSE when no point is near. */
gboolean         oc_sweep_page_click_at     (OcSweepPage *self, double x, double y);
/* For tests: deliveries of the last run's mailbox and the largest batch. */
void             oc_sweep_page_get_delivery_stats (OcSweepPage *self, guint *n_deliveries,
                                                   guint *max_batch);

G_END_DECLS
