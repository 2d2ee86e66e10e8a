/* oc-plot-query.c — see oc-plot-query.h.
 *
 * Picking lays the figure out the way oc_plot_draw_xy() does (the same extents, legend and occupancy, so
 * the same frame), on a scratch surface, then measures distances to the points in that frame.
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

static void
occupy_series (OcPlotCtx *ctx, const OcPlotFigure *figure, const OcPlotFrame *frame,
               OcPlotOccupancy *occ, gpointer data)
{
  oc_plot_series_draw_all (ctx, figure, frame, occ, FALSE);
}

gboolean
oc_plot_figure_pick (const OcPlotFigure *figure, double width, double height,
                     const OcPlotTheme *theme, double x, double y, double radius,
                     const gboolean *pickable, OcPlotPick *out)
{
  OcPlotFrameSpec spec = { .pad = 0.04 };
  OcPlotAxesLayout l = { 0 };
  cairo_surface_t *surface;
  cairo_t *cr;
  OcPlotCtx ctx;
  double best = radius * radius;
  gboolean found = FALSE;

  g_return_val_if_fail (figure != NULL && theme != NULL && out != NULL, FALSE);

  if (figure->kind != OC_PLOT_KIND_XY || !(width >= 1) || !(height >= 1)
      || oc_plot_series_extents (figure, &spec) == 0)
    return FALSE;
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cr = cairo_create (surface);
  oc_plot_ctx_init (&ctx, cr, width, height, theme);
  l.n_items = oc_plot_series_legend_items (&ctx, figure, l.items, OC_PLOT_MAX_LEGEND);
  oc_plot_axes_layout (&ctx, figure, &spec, occupy_series, NULL, &l);

  for (guint i = 0; i < figure->series->len; i++)
    {
      const OcPlotSeries *s = g_ptr_array_index (figure->series, i);
      OcPlotScaleKind xk = figure->axes[OC_PLOT_AXIS_X].kind;
      OcPlotScaleKind yk = figure->axes[s->axis].kind;

      if (s->x == NULL || (pickable != NULL && !pickable[i]))
        continue;
      for (gsize k = 0; k < s->n; k++)
        {
          double px, py, d;

          if (!oc_plot_scale_kind_accepts (xk, s->x[k])
              || !oc_plot_scale_kind_accepts (yk, s->y[k]))
            continue;
          px = oc_plot_frame_x (&l.frame, s->x[k]);
          py = oc_plot_frame_y (&l.frame, s->axis, s->y[k]);
          d = (px - x) * (px - x) + (py - y) * (py - y);
          if (d <= best)
            {
              best = d;
              *out = (OcPlotPick) { i, k, px, py };
              found = TRUE;
            }
        }
    }
  oc_plot_axes_layout_clear (&l);
  oc_plot_ctx_clear (&ctx);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return found;
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
