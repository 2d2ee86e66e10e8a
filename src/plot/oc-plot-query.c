/* oc-plot-query.c — see oc-plot-query.h.
 *
 * oc_plot_figure_pick() lives in oc-plot-hit.c, on the layout the drawing routine records.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>

#include "occam-plot/oc-plot-query.h"
#include "oc-plot-private.h"

const char *
oc_plot_figure_get_title (const OcPlotFigure *figure)
{
  g_return_val_if_fail (figure != NULL, NULL);

  return figure->title;
}

OcPlotScaleKind
oc_plot_figure_get_axis_scale (const OcPlotFigure *figure, OcPlotAxisId axis)
{
  g_return_val_if_fail (figure != NULL && axis < OC_PLOT_N_AXES, OC_PLOT_SCALE_LINEAR);

  return figure->axes[axis].kind;
}

guint
oc_plot_figure_get_n_series (const OcPlotFigure *figure)
{
  g_return_val_if_fail (figure != NULL, 0);

  return figure->series->len;
}

const char *
oc_plot_figure_get_series_name (const OcPlotFigure *figure, guint index)
{
  g_return_val_if_fail (figure != NULL && index < figure->series->len, NULL);

  return ((const OcPlotSeries *) g_ptr_array_index (figure->series, index))->name;
}

gsize
oc_plot_figure_get_series_data (const OcPlotFigure *figure, guint index, const double **x,
                                const double **y)
{
  const OcPlotSeries *s;

  g_return_val_if_fail (figure != NULL && index < figure->series->len, 0);

  s = g_ptr_array_index (figure->series, index);
  if (x != NULL)
    *x = s->x;
  if (y != NULL)
    *y = s->y;
  return s->n;
}

guint
oc_plot_figure_get_n_references (const OcPlotFigure *figure)
{
  g_return_val_if_fail (figure != NULL, 0);

  return figure->references->len;
}

void
oc_plot_figure_get_reference (const OcPlotFigure *figure, guint index, OcPlotAxisId *axis,
                              double *value, const char **label)
{
  const OcPlotReference *ref;

  g_return_if_fail (figure != NULL && index < figure->references->len);

  ref = &g_array_index (figure->references, OcPlotReference, index);
  if (axis != NULL)
    *axis = ref->axis;
  if (value != NULL)
    *value = ref->value;
  if (label != NULL)
    *label = ref->label;
}

guint
oc_plot_figure_get_n_labels (const OcPlotFigure *figure)
{
  g_return_val_if_fail (figure != NULL, 0);

  return figure->labels->len;
}

const char *
oc_plot_figure_get_label (const OcPlotFigure *figure, guint index, double *x, double *y)
{
  const OcPlotAnnotation *label;

  g_return_val_if_fail (figure != NULL && index < figure->labels->len, NULL);

  label = &g_array_index (figure->labels, OcPlotAnnotation, index);
  if (x != NULL)
    *x = label->x;
  if (y != NULL)
    *y = label->y;
  return label->text;
}

const char *
oc_plot_figure_get_empty_heading (const OcPlotFigure *figure)
{
  g_return_val_if_fail (figure != NULL, NULL);

  return figure->empty_heading;
}

const char *
oc_plot_figure_get_empty_detail (const OcPlotFigure *figure)
{
  g_return_val_if_fail (figure != NULL, NULL);

  return figure->empty_detail;
}

const float *
oc_plot_figure_get_matrix (const OcPlotFigure *figure, guint *rows, guint *cols)
{
  g_return_val_if_fail (figure != NULL, NULL);

  if (rows != NULL)
    *rows = figure->rows;
  if (cols != NULL)
    *cols = figure->cols;
  return figure->matrix;
}

guint
oc_plot_figure_get_n_images (const OcPlotFigure *figure)
{
  g_return_val_if_fail (figure != NULL, 0);

  return figure->images->len;
}

gboolean
oc_plot_figure_get_image_dimmed (const OcPlotFigure *figure, guint index)
{
  g_return_val_if_fail (figure != NULL && index < figure->images->len, FALSE);

  return ((const OcPlotImage *) g_ptr_array_index (figure->images, index))->dimmed;
}
