/* oc-plot-figure.h — what a figure shows, and the one routine that draws it.
 *
 * A figure is a plain model (title, axes, series, reference lines, annotations, matrices, images)
 * of one kind. oc_plot_figure_draw() lays it out for any canvas size and draws it into any
 * cairo_t; everything else (widgets, export, tests) goes through that call.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "occam-plot/oc-plot-scale.h"
#include "occam-plot/oc-plot-color.h"
#include "occam-plot/oc-plot-theme.h"

G_BEGIN_DECLS

typedef enum
{
  OC_PLOT_KIND_XY,         /* lines, markers and bands: learning and double-descent curves */
  OC_PLOT_KIND_HISTOGRAM,  /* overlaid translucent histograms of raw values */
  OC_PLOT_KIND_HEATMAP,    /* a matrix as nearest-neighbour cells with a colour bar */
  OC_PLOT_KIND_IMAGE_GRID, /* small images (28×28 digits, mask atlases) with labels */
  OC_PLOT_KIND_FIELD,      /* a 2-D function over the plane with a contour and scatter points */
  OC_PLOT_KIND_PANELS,     /* other figures side by side (stacked on a tall canvas) under one
                            * title, with one font size */
} OcPlotKind;

typedef enum
{
  OC_PLOT_AXIS_X,
  OC_PLOT_AXIS_Y,
  OC_PLOT_AXIS_Y2,    /* the optional right-hand axis */
  OC_PLOT_AXIS_COLOR, /* the colour bar of heatmaps and fields */
} OcPlotAxisId;

#define OC_PLOT_N_AXES 4

typedef enum
{
  OC_PLOT_STYLE_LINE = 1 << 0,
  OC_PLOT_STYLE_MARKERS = 1 << 1,
  OC_PLOT_STYLE_DASHED = 1 << 2,
  OC_PLOT_STYLE_ARROWS = 1 << 3, /* arrowheads along the line, pointing the way it runs */
} OcPlotStyle;

typedef enum
{
  OC_PLOT_MARKER_CIRCLE,
  OC_PLOT_MARKER_SQUARE,
  OC_PLOT_MARKER_TRIANGLE,
  OC_PLOT_MARKER_DIAMOND,
  OC_PLOT_MARKER_TRIANGLE_DOWN,
  OC_PLOT_MARKER_STAR,
} OcPlotMarker;

typedef enum
{
  OC_PLOT_SORT_NONE = 0,
  OC_PLOT_SORT_ROWS = 1 << 0, /* rows by decreasing mean */
  OC_PLOT_SORT_COLS = 1 << 1, /* columns by decreasing mean */
} OcPlotSort;

typedef struct _OcPlotFigure OcPlotFigure;
typedef struct _OcPlotSeries OcPlotSeries;

OcPlotFigure *oc_plot_figure_new (OcPlotKind kind);
void          oc_plot_figure_free (OcPlotFigure *figure);
OcPlotKind    oc_plot_figure_get_kind (const OcPlotFigure *figure);

void oc_plot_figure_set_title (OcPlotFigure *figure, const char *title);
void oc_plot_figure_set_axis_label (OcPlotFigure *figure, OcPlotAxisId axis, const char *label);
void oc_plot_figure_set_axis_scale (OcPlotFigure *figure, OcPlotAxisId axis, OcPlotScaleKind kind);
/* Fixes the range; NAN for either end means "fit the data" (the default). */
void oc_plot_figure_set_axis_range (OcPlotFigure *figure, OcPlotAxisId axis, double min, double max);
/* Fitted ranges reach @min … @max as if data were there (padded and rounded like data): a
 * frame of a growing figure keeps the final figure's axis. NAN: only the data. */
void oc_plot_figure_set_axis_cover (OcPlotFigure *figure, OcPlotAxisId axis, double min,
                                    double max);
/* Heatmap axes: names of the columns (X) or rows (Y) shown instead of indices. */
void oc_plot_figure_set_axis_categories (OcPlotFigure *figure, OcPlotAxisId axis,
                                         const char *const *labels, guint n_labels);

/* XY and FIELD: a series of @n points, copied. NaN/Inf (and values <= 0 on a log axis) break
 * the line and never affect the axis ranges. The series belongs to the figure. */
OcPlotSeries *oc_plot_figure_add_series (OcPlotFigure *figure, const char *name, const double *x,
                                         const double *y, gsize n);
/* HISTOGRAM: a series of raw values to be binned, copied. */
OcPlotSeries *oc_plot_figure_add_values (OcPlotFigure *figure, const char *name,
                                         const double *values, gsize n);
void oc_plot_series_set_style (OcPlotSeries *series, OcPlotStyle style);
/* Markers @scale times the usual size (default 1), e.g. to flag a few special points. */
void oc_plot_series_set_marker_scale (OcPlotSeries *series, double scale);
/* A shaded band from @lo to @hi (same length as the series), e.g. min–max or ±sd over seeds. */
void oc_plot_series_set_band (OcPlotSeries *series, const double *lo, const double *hi);
/* OC_PLOT_AXIS_Y (default) or OC_PLOT_AXIS_Y2. */
void oc_plot_series_set_axis (OcPlotSeries *series, OcPlotAxisId axis);
/* Palette index; by default series take the palette in order. */
void oc_plot_series_set_color (OcPlotSeries *series, guint palette_index);
/* A colour outside the palette, e.g. white over a field's colours. */
void oc_plot_series_set_rgba (OcPlotSeries *series, const OcPlotRgba *color);
/* The marker's shape; by default series take the shapes in order. */
void oc_plot_series_set_marker (OcPlotSeries *series, OcPlotMarker marker);
/* A dark outline around the line and markers, so that the series reads over any colour of a
 * field (and in the legend). */
void oc_plot_series_set_halo (OcPlotSeries *series, gboolean halo);

/* A vertical (X) or horizontal (Y, Y2) line at @value with an optional label. */
void oc_plot_figure_add_reference (OcPlotFigure *figure, OcPlotAxisId axis, double value,
                                   const char *label);
/* Text pointing at the data point (@x, @y) on the left axis. */
void oc_plot_figure_add_annotation (OcPlotFigure *figure, double x, double y, const char *text);
/* XY: text centred on (@x, @y) of the left axis, without a pointer, e.g. a count over a column;
 * @y NaN puts it just inside the top of the plot. The legend keeps clear of it. */
void oc_plot_figure_add_label (OcPlotFigure *figure, double x, double y, const char *text);

/* HISTOGRAM: number of bins; 0 (default) picks one from the data. */
void oc_plot_figure_set_bins (OcPlotFigure *figure, guint n_bins);

/* HEATMAP: a row-major @rows × @cols matrix, copied; NaN cells are drawn as missing. */
gboolean oc_plot_figure_set_matrix (OcPlotFigure *figure, const float *values, guint rows,
                                    guint cols, GError **error);
void     oc_plot_figure_set_sort (OcPlotFigure *figure, OcPlotSort sort);
/* HEATMAP, after the matrix: column c spans [@edges[c], @edges[c + 1]] of a numeric X axis
 * (linear or log, oc_plot_figure_set_axis_scale; all edges > 0 on a log axis) instead of cell
 * indices, e.g. recorded epochs spread over decades. @n_edges is the number of columns + 1;
 * 0 goes back to cell indices. The X axis' categories then only name the columns (readouts,
 * CSV) and the ticks are the scale's own; columns are not sorted. */
gboolean oc_plot_figure_set_column_edges (OcPlotFigure *figure, const double *edges,
                                          guint n_edges, GError **error);

/* FIELD: @ny rows × @nx columns sampled on a grid over [@x0, @x1] × [@y0, @y1], row 0 at @y0.
 * A contour is drawn at oc_plot_figure_set_contour()'s level (the decision boundary). */
gboolean oc_plot_figure_set_field (OcPlotFigure *figure, const float *values, guint ny, guint nx,
                                   double x0, double x1, double y0, double y1, GError **error);
void     oc_plot_figure_set_contour (OcPlotFigure *figure, double level);
/* FIELD: thin level curves at each of @levels[@n] (values of the field), copied. */
void     oc_plot_figure_set_contours (OcPlotFigure *figure, const double *levels, guint n);
/* FIELD: the opacity the field is painted with (and its colour bar): by default 0.6, faded so
 * that points drawn over it stand out; 1 when the field is the figure. */
void     oc_plot_figure_set_field_alpha (OcPlotFigure *figure, double alpha);

/* PANELS: adds @panel (the figure takes it) with relative size @weight > 0 along the row. Each
 * panel is drawn with the parent's font size and its own title; the parent's title goes above. */
void     oc_plot_figure_add_panel (OcPlotFigure *figure, OcPlotFigure *panel, double weight);

/* HEATMAP, FIELD and IMAGE_GRID. Ranges default to the data (symmetric around 0 for the
 * diverging map; 0..1 or 0..255 for grey images). A log colour axis
 * (oc_plot_figure_set_axis_scale with OC_PLOT_AXIS_COLOR) spreads the colours over decades of a
 * positive HEATMAP or FIELD; values ≤ 0 are drawn as missing. */
void oc_plot_figure_set_colormap (OcPlotFigure *figure, OcPlotColormap map);
void oc_plot_figure_set_color_range (OcPlotFigure *figure, double min, double max);

/* IMAGE_GRID: one @width × @height image (row-major), copied, with an optional label; marked
 * images get a coloured frame (e.g. noisy labels), explained by oc_plot_figure_set_mark_label(). */
gboolean oc_plot_figure_add_image (OcPlotFigure *figure, const float *pixels, guint width,
                                   guint height, const char *label, gboolean marked,
                                   GError **error);
void     oc_plot_figure_set_mark_label (OcPlotFigure *figure, const char *label);
/* IMAGE_GRID: image @index is greyed out (a unit that cannot take part, say). */
void     oc_plot_figure_set_image_dimmed (OcPlotFigure *figure, guint index, gboolean dimmed);

/* HEATMAP and IMAGE_GRID with the diverging map: 0 is drawn in the theme's background colour
 * and each sign fades from it to the map's end colour (by the square root of |value|, so small
 * values stay visible), so zeros (pruned weights) vanish on the
 * light and the dark theme alike; image tiles get a thin outline so they stay apart. */
void     oc_plot_figure_set_zero_is_background (OcPlotFigure *figure, gboolean zero_is_background);
/* HEATMAP: a @rows × @cols picture (row-major, copied; a mean image, say) over the same area
 * as the matrix, drawn as its outline: level curves at a quarter, half and three quarters of
 * its largest value. The matrix then keeps square cells. */
gboolean oc_plot_figure_set_underlay (OcPlotFigure *figure, const float *values, guint rows,
                                      guint cols, GError **error);
/* XY: what the figure says instead of "No data" when it has no point to draw (why a curve
 * would be meaningless here, and what to change). */
void     oc_plot_figure_set_empty_text (OcPlotFigure *figure, const char *heading,
                                        const char *detail);

/* Draws @figure into @cr over (0, 0, @width, @height) in user units, background included. */
void oc_plot_figure_draw (const OcPlotFigure *figure, cairo_t *cr, double width, double height,
                          const OcPlotTheme *theme);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OcPlotFigure, oc_plot_figure_free)

G_END_DECLS
