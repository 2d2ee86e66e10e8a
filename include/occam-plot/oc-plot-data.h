/* oc-plot-data.h — a figure's data as words and as a table: the text description screen readers
 * announce, and the CSV that Copy Data puts on the clipboard.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Both are built from the figure model alone (no layout, no Cairo), once here for every front
 * end.
 */
#pragma once

#include "occam-plot/oc-plot-figure.h"

G_BEGIN_DECLS

/* What @figure shows in a few sentences: its title, each axis with its label, scale and the
 * range of the data on it, the series' names with their smallest and largest values and where
 * they are, a matrix's shape and extremes, a histogram's counts, an image grid's labels. PANELS
 * describe each panel in turn. */
char *oc_plot_figure_describe (const OcPlotFigure *figure);

/* @figure's data as CSV (RFC 4180, "\n" line ends, numbers with a dot and as many digits as
 * round-trip them exactly; a missing value is an empty field):
 * - XY and a FIELD's points: series sharing the same x values become one table, the x column
 *   first, then a column per series (and "<name> low"/"<name> high" for bands); series with
 *   their own x values get an x column each ("<name> <x label>");
 * - HISTOGRAM: a column of raw values per series;
 * - HEATMAP and a FIELD's matrix: one row per cell, "row,column,value" (names of rows and
 *   columns when the axes have them; a FIELD's x and y);
 * - IMAGE_GRID: "image,label,y,x,value", one row per pixel;
 * - PANELS: each panel's table after a line "# <panel title>", separated by empty lines.
 * Header names are unique: a repeated name gets " (2)", " (3)"… */
char *oc_plot_figure_to_csv (const OcPlotFigure *figure);

G_END_DECLS
