/* oc-train-figures.h — the figures of a training run: curves, weight histograms, boundary.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "occam/oc-snapshot.h"
#include "occam-plot/oc-plot.h"

G_BEGIN_DECLS

/* Error (left axis) and loss (right axis, dashed) of train, validation and test against the
 * iteration; @evals is an array of OcEvalPoint. Splits without data are left out. */
OcPlotFigure *oc_curves_figure_new   (const GArray *evals, const char *title);

/* Adds one run's test error to an overlay of several runs (History). */
void          oc_curves_figure_add_run (OcPlotFigure *figure, const GArray *evals,
                                        const char *name, guint color);

/* One histogram per layer over shared log-spaced |w| bins, each layer scaled to its share of
 * weights so a 200k-weight layer and a 2.5k-weight one compare on one axis. */
OcPlotFigure *oc_weight_hist_figure_new (const OcWeightHist *hist);

/* The model's class-1 probability (two classes) or predicted class over the plane, its 0.5
 * contour, and the training points. */
OcPlotFigure *oc_boundary_figure_new (const OcBoundary *boundary, const OcDataset *ds);

G_END_DECLS
