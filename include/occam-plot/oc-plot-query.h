/* oc-plot-query.h — reading a figure back: its series and reference lines (tests, legends of
 * other tools), and which data point of the drawn figure is under the pointer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "occam-plot/oc-plot-figure.h"

G_BEGIN_DECLS

const char *oc_plot_figure_get_title         (const OcPlotFigure *figure);
OcPlotScaleKind oc_plot_figure_get_axis_scale (const OcPlotFigure *figure, OcPlotAxisId axis);
guint       oc_plot_figure_get_n_series      (const OcPlotFigure *figure);
/* Name of series @index (in the order added), or NULL. */
const char *oc_plot_figure_get_series_name   (const OcPlotFigure *figure, guint index);
/* The points of series @index: returns their number; @x (NULL for histogram values) and @y are
 * the figure's copies. */
gsize       oc_plot_figure_get_series_data   (const OcPlotFigure *figure, guint index,
                                              const double **x, const double **y);
guint       oc_plot_figure_get_n_references  (const OcPlotFigure *figure);
/* Reference line @index: its axis, value and label (may be NULL). */
void        oc_plot_figure_get_reference     (const OcPlotFigure *figure, guint index,
                                              OcPlotAxisId *axis, double *value,
                                              const char **label);
guint       oc_plot_figure_get_n_labels      (const OcPlotFigure *figure);
/* Label @index (oc_plot_figure_add_label): its text, and where (@y NaN: at the top). */
const char *oc_plot_figure_get_label         (const OcPlotFigure *figure, guint index, double *x,
                                              double *y);

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

/* HEATMAP and FIELD: the matrix (the figure's copy, row-major) and its shape; NULL when unset. */
const float *oc_plot_figure_get_matrix (const OcPlotFigure *figure, guint *rows, guint *cols);
/* IMAGE_GRID: how many images, and whether image @index is dimmed. */
guint       oc_plot_figure_get_n_images      (const OcPlotFigure *figure);
gboolean    oc_plot_figure_get_image_dimmed  (const OcPlotFigure *figure, guint index);

/* XY: the heading and detail set with oc_plot_figure_set_empty_text(), or NULL. */
const char *oc_plot_figure_get_empty_heading (const OcPlotFigure *figure);
const char *oc_plot_figure_get_empty_detail  (const OcPlotFigure *figure);

/* IMAGE_GRID drawn at @width × @height with @theme: where image @index lands (FALSE when it
 * does not exist or the figure is another kind). Computed exactly as drawing lays it out. */
gboolean oc_plot_figure_get_image_rect (const OcPlotFigure *figure, double width, double height,
                                        const OcPlotTheme *theme, guint index, double *x,
                                        double *y, double *w, double *h);
/* IMAGE_GRID: the image under (@x, @y), gaps excluded; FALSE when there is none. */
gboolean oc_plot_figure_pick_image    (const OcPlotFigure *figure, double width, double height,
                                       const OcPlotTheme *theme, double x, double y,
                                       guint *index);

G_END_DECLS
