/* oc-plot-export.h — figures to PNG, SVG and PDF files.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "occam-plot/oc-plot-figure.h"

G_BEGIN_DECLS

typedef enum
{
  OC_PLOT_FORMAT_PNG,
  OC_PLOT_FORMAT_SVG, /* text as <text> elements, so it stays editable and searchable */
  OC_PLOT_FORMAT_PDF, /* text as real text with the font embedded */
} OcPlotFormat;

/* Guesses the format from @path's extension (.png, .svg, .pdf, any case). */
gboolean oc_plot_format_from_path (const char *path, OcPlotFormat *format);

/* Renders @figure laid out for @width × @height user units. PNG has @width·@scale ×
 * @height·@scale pixels (@scale > 1 for crisp slides without changing the layout); SVG and PDF
 * are @width × @height px/pt and ignore @scale. */
GBytes *oc_plot_figure_render (const OcPlotFigure *figure, const OcPlotTheme *theme,
                               OcPlotFormat format, double width, double height, double scale,
                               GError **error);

/* Renders to @path, whose extension picks the format. The file is written whole or not at all
 * (a temporary file in the same folder is renamed over it). */
gboolean oc_plot_figure_export (const OcPlotFigure *figure, const OcPlotTheme *theme,
                                const char *path, double width, double height, double scale,
                                GError **error);

G_END_DECLS
