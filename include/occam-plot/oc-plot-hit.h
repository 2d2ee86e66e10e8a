/* oc-plot-hit.h — what is under the pointer, or under the keyboard's focus, on a drawn figure.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An OcPlotLayout remembers where oc_plot_figure_draw() put a figure's data for one canvas size
 * and theme (it is computed by the same routine, drawing into a scratch surface). From it: the
 * element nearest to a point of the canvas (a series' point, a histogram's bin, a matrix cell,
 * an image), the first element and its neighbours in the order the arrow keys walk them, and a
 * sentence that reads the element's values. The window's figure view, its tests and any other
 * front end share these, so the hover readout, the keyboard and a click agree.
 */
#pragma once

#include "occam-plot/oc-plot-figure.h"

G_BEGIN_DECLS

typedef struct _OcPlotLayout OcPlotLayout;

typedef enum
{
  OC_PLOT_HIT_POINT, /* XY and FIELD: point @index of series @series */
  OC_PLOT_HIT_BIN,   /* HISTOGRAM: bin @index (every series' count in it) */
  OC_PLOT_HIT_CELL,  /* HEATMAP and FIELD: the matrix cell at @row, @col (as stored) */
  OC_PLOT_HIT_IMAGE, /* IMAGE_GRID: image @index */
} OcPlotHitKind;

typedef struct
{
  OcPlotHitKind kind;
  guint         panel;  /* PANELS: the panel it is in (in the order added); else 0 */
  guint         series; /* POINT: the series; BIN: the series with the tallest bar there */
  gsize         index;  /* POINT: the point in its series; BIN: the bin; IMAGE: the image */
  guint         row, col;
  double        x, y;   /* where it is drawn on the canvas (a cell's or bin's centre, top) */
} OcPlotHit;

/* Lays @figure out as oc_plot_figure_draw() would at @width × @height with @theme. The layout
 * borrows @figure, which must outlive it. */
OcPlotLayout *oc_plot_layout_new   (const OcPlotFigure *figure, double width, double height,
                                    const OcPlotTheme *theme);
/* Draws @figure on @cr exactly as oc_plot_figure_draw() does and returns its layout from the same
 * pass: one drawing where a view needs both its pixels and where everything went. Full. */
OcPlotLayout *oc_plot_figure_draw_with_layout (const OcPlotFigure *figure, cairo_t *cr,
                                               double width, double height,
                                               const OcPlotTheme *theme);
void          oc_plot_layout_free  (OcPlotLayout *layout);
double        oc_plot_layout_get_width  (const OcPlotLayout *layout);
double        oc_plot_layout_get_height (const OcPlotLayout *layout);
/* Where the figure's top left corner is on the canvas the layout's coordinates are in: (0, 0)
 * for oc_plot_layout_new(); on a slide (oc_plot_slide_draw_full), where the slide put it. Hits
 * and element positions are in that canvas's coordinates. */
void          oc_plot_layout_get_origin (const OcPlotLayout *layout, double *x, double *y);

/* The element at (@x, @y): a point no further than @radius (XY, and FIELD first), the bin
 * whose column holds @x, the cell or image under it. FALSE when there is none. */
gboolean oc_plot_layout_hit   (const OcPlotLayout *layout, double x, double y, double radius,
                               OcPlotHit *out);
/* The first element in keyboard order; FALSE when the figure shows none. */
gboolean oc_plot_layout_first (const OcPlotLayout *layout, OcPlotHit *out);
/* The neighbour of @from @dx steps right/left (along a series, bins, columns, images) or @dy
 * down/up (the next/previous series, rows, rows of images); past the end of a panel, the next
 * panel. FALSE when there is none that way. */
gboolean oc_plot_layout_step  (const OcPlotLayout *layout, const OcPlotHit *from, int dx, int dy,
                               OcPlotHit *out);
/* Where @hit's element is drawn in @layout (another size of the canvas, or a new figure with the
 * same shape): updates its x and y; FALSE when @layout's figure has no such element. */
gboolean oc_plot_layout_locate (const OcPlotLayout *layout, OcPlotHit *hit);
/* The figure @hit is in: the layout's, or the panel's. */
const OcPlotFigure *oc_plot_layout_hit_figure (const OcPlotLayout *layout, const OcPlotHit *hit);
/* One line reading @hit's values with the axes' names: "test error: width 64, error 0.153". */
char    *oc_plot_layout_describe_hit (const OcPlotLayout *layout, const OcPlotHit *hit);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OcPlotLayout, oc_plot_layout_free)

G_END_DECLS
