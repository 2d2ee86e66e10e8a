/* oc-plot-pick.h — which data point of a drawn figure is under the pointer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "occam/oc-plot-figure.h"

G_BEGIN_DECLS

typedef struct
{
  guint  series; /* index in the order the series were added */
  gsize  index;  /* point within the series */
  double x, y;   /* where the point is drawn, in the canvas's user units */
} OcPlotPick;

/* For an XY figure drawn by oc_plot_figure_draw() at @width × @height with @theme: the point
 * nearest to (@x, @y) no further than @radius away, among the series whose entry in @pickable
 * is TRUE (@pickable has one entry per series; NULL: every series). FALSE when none is that
 * close, or for other figure kinds. The layout is computed exactly as drawing does. */
gboolean oc_plot_figure_pick (const OcPlotFigure *figure, double width, double height,
                              const OcPlotTheme *theme, double x, double y, double radius,
                              const gboolean *pickable, OcPlotPick *out);

G_END_DECLS
