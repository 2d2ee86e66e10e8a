/* plot-test-figures.h — deterministic example figures of every kind, for the plot tests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "occam-plot/oc-plot.h"

G_BEGIN_DECLS

typedef OcPlotFigure *(*PlotTestFigureFunc) (void);

typedef struct
{
  const char        *name;
  PlotTestFigureFunc make;
} PlotTestFigure;

/* NULL-terminated. */
extern const PlotTestFigure plot_test_figures[];

OcPlotFigure *plot_test_learning (void);
OcPlotFigure *plot_test_double_descent (void);
OcPlotFigure *plot_test_histogram (void);
OcPlotFigure *plot_test_heatmap (void);
OcPlotFigure *plot_test_image_grid (void);
OcPlotFigure *plot_test_field (void);
OcPlotFigure *plot_test_strip (void);
OcPlotFigure *plot_test_empty (void);

G_END_DECLS
