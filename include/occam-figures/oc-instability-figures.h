/* oc-instability-figures.h — the figures of an instability experiment, built from
 * OcInstabilityResults with the plot library (the catalogue, occam-cli plot and exports use these
 * calls). Each returns a new figure, or NULL when no point has finished.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "occam-plot/oc-plot.h"
#include "occam-figures/oc-instability-results.h"

G_BEGIN_DECLS

/* Test error (%) along the line between the two children against α, one line per k (mean over
 * seeds, min–max band with several). */
OcPlotFigure *oc_instability_path_figure_new (OcInstabilityResults *results);
/* Instability (%) against k on a log axis (mean over seeds, min–max band), k = 0 drawn half a
 * decade left of the smallest positive k and marked, with the 2 % stability threshold of
 * Frankle et al. 2020. */
OcPlotFigure *oc_instability_k_figure_new    (OcInstabilityResults *results);

/* Where the k figure draws k = 0 on its log axis, given the smallest positive k (0 if none). */
double        oc_instability_zero_position   (guint64 smallest_positive_k);

G_END_DECLS
