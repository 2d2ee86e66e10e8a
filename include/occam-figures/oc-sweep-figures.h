/* oc-sweep-figures.h — the Sweep page's figures, built from the points received so far.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Plain plot-library figures, so the page, the export and History draw the same thing. No GTK.
 */
#pragma once

#include "occam-plot/oc-plot.h"
#include "occam-figures/oc-sweep-results.h"

G_BEGIN_DECLS

/* Which group (index into the groups array) each point of each series stands for; NULL for a
 * series that cannot be clicked. */
typedef struct
{
  GPtrArray *series; /* of GArray of guint, or NULL; one per series */
} OcSweepPickMap;

void      oc_sweep_pick_map_clear (OcSweepPickMap *map);
/* One entry per series of the figure: whether it can be picked. Free with g_free(). */
gboolean *oc_sweep_pick_map_pickable (const OcSweepPickMap *map);
/* The group of a picked point, or −1. */
int       oc_sweep_pick_map_group (const OcSweepPickMap *map, guint series, gsize index);

/* The double-descent figure: test and train error (mean over seeds, min–max bands) against
 * parameters (model-wise, log x), training examples (sample-wise) or label noise, test loss on
 * the right axis (dashed), the n·K and "train error ≈ 0" lines, stuck runs as their own markers.
 * @map (may be NULL) is filled for picking. */
OcPlotFigure *oc_sweep_figure_new (const OcSweepResults *results, const GArray *groups,
                                   OcSweepMode mode, const char *title, OcSweepPickMap *map);

/* Mean test error by swept value (rows, largest on top) and recorded epoch (columns); NULL when
 * the points carry fewer than three evaluations (record_every_epochs = 0). */
OcPlotFigure *oc_sweep_heatmap_new (const OcSweepResults *results, const GArray *groups,
                                    OcSweepMode mode);

/* Learning curves of one group: train and test error (mean, min–max over seeds) and test loss
 * against the epoch, titled "Learning curve · Width 128 · 101,770 parameters" (the group's full
 * name in @mode). NULL when no member has a curve. */
OcPlotFigure *oc_sweep_curves_new  (const OcSweepResults *results, const OcSweepGroup *group,
                                    OcSweepMode mode);

/* Random features: test and train zero-one error (left) and test squared loss (right, log)
 * against N (log x), with N = n marked. */
OcPlotFigure *oc_rff_figure_new    (const OcSweepResults *results, const GArray *groups,
                                    const char *title, OcSweepPickMap *map);
/* ‖coef‖ (left, log) and κ(Φ) (right, log, dashed) against N, with N = n marked. */
OcPlotFigure *oc_rff_norm_figure_new (const OcSweepResults *results, const GArray *groups);

/* The Sweep page's main figure in @mode, titled oc_sweep_figure_title(): oc_rff_figure_new for
 * random features, else oc_sweep_figure_new. The page, History and the figure catalogue call
 * this, so the three draw the same figure from the same points. */
OcPlotFigure *oc_sweep_main_figure_new (const OcSweepResults *results, const GArray *groups,
                                        OcSweepMode mode, OcSweepPickMap *map);

/* "Model-wise double descent · Fashion-MNIST, n = 4000, 20 % label noise": what the sweep varies
 * and what it holds fixed. Free with g_free(). */
char         *oc_sweep_figure_title (const OcSweepResults *results, OcSweepMode mode);
/* What a group is: "Width 128 · 101,770 parameters" (@full) or "width 128". Free with g_free(). */
char         *oc_sweep_group_name   (OcSweepMode mode, const OcSweepGroup *group, gboolean full);

/* The x-axis name of @mode ("parameters", "training examples n", …). */
const char   *oc_sweep_mode_axis_label (OcSweepMode mode);

G_END_DECLS
