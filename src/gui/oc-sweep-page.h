/* oc-sweep-page.h — the Sweep page: double descent, random features, live.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An OcExperimentPage (run, stop, progress and storing come from there) over the sweep settings
 * column: the double-descent figure grows as points finish, with a width × epoch heatmap and the
 * learning curve of a clicked point; random features show zero-one error, squared loss and the
 * coefficient norm against N. Views beside the curve: every seed's outcome ("seeds") and the
 * norms of the solutions ("norms").
 */
#pragma once

#include "occam-figures/oc-sweep-figures.h"
#include "occam-figures/oc-sweep-results.h"
#include "oc-experiment-page.h"
#include "oc-figure-view.h"
#include "oc-sweep-settings.h"

G_BEGIN_DECLS

#define OC_TYPE_SWEEP_PAGE (oc_sweep_page_get_type ())
G_DECLARE_FINAL_TYPE (OcSweepPage, oc_sweep_page, OC, SWEEP_PAGE, OcExperimentPage)

OcSweepSettings      *oc_sweep_page_get_settings_pane (OcSweepPage *self);
/* The points the figures are drawn from: loaded from the store and received from the run (NULL
 * while the settings are invalid). */
const OcSweepResults *oc_sweep_page_get_results       (OcSweepPage *self);
OcFigureView         *oc_sweep_page_get_main_view     (OcSweepPage *self);
OcFigureView         *oc_sweep_page_get_seeds_view    (OcSweepPage *self);
OcFigureView         *oc_sweep_page_get_norms_view    (OcSweepPage *self);
OcFigureView         *oc_sweep_page_get_detail_view   (OcSweepPage *self);
/* The heatmap's epoch axis (AUTO until the "Log epoch axis" check is toggled). */
void                  oc_sweep_page_set_epoch_axis    (OcSweepPage *self, OcSweepEpochAxis axis);
/* Whether the heatmap is shown on a log epoch axis now (the check's state). */
gboolean              oc_sweep_page_get_log_epochs    (OcSweepPage *self);
/* Shows the large view called @name: "curve", "seeds" or "norms". */
void                  oc_sweep_page_show_view         (OcSweepPage *self, const char *name);
/* A click on the main figure at (@x, @y) in its coordinates: opens the learning curve of the
 * point there. FALSE when no point is near. */
gboolean              oc_sweep_page_click_at          (OcSweepPage *self, double x, double y);
/* The same on the seeds figure: a dot opens the learning curve of that seed's run. */
gboolean              oc_sweep_page_click_seeds_at    (OcSweepPage *self, double x, double y);

G_END_DECLS
