/* oc-plot-heatmap.c — a matrix as cells with a colour bar (masks, width × epoch test error).
 *
 * Row 0 is at the top, as in the matrix. Sorting rows or columns by their mean groups, say, the
 * hidden units that keep most of their weights, without copying the matrix.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>

#include "oc-plot-private.h"

typedef struct
{
  double mean;
  guint  index;
} Keyed;

static int
by_mean_desc (gconstpointer a, gconstpointer b)
{
  const Keyed *ka = a, *kb = b;

  /* Missing rows (NaN mean) last; ties keep their order so the sort is stable. */
  if (isnan (ka->mean) != isnan (kb->mean))
    return isnan (ka->mean) ? 1 : -1;
  if (ka->mean != kb->mean && !isnan (ka->mean))
    return ka->mean > kb->mean ? -1 : 1;
  return ka->index < kb->index ? -1 : ka->index > kb->index;
}

/* Indices of rows (@by_rows) or columns ordered by decreasing mean. */
static guint *
order_by_mean (const float *m, guint rows, guint cols, gboolean by_rows)
{
  guint n = by_rows ? rows : cols;
  g_autofree Keyed *keys = g_new0 (Keyed, n);
  g_autofree guint *counts = g_new0 (guint, n);
  guint *order = g_new (guint, n);

  for (guint r = 0; r < rows; r++)
    for (guint c = 0; c < cols; c++)
      {
        float v = m[(gsize) r * cols + c];
        guint k = by_rows ? r : c;

        if (isfinite (v))
          {
            keys[k].mean += v;
            counts[k]++;
          }
      }
  for (guint k = 0; k < n; k++)
    {
      keys[k].index = k;
      keys[k].mean = counts[k] ? keys[k].mean / counts[k] : NAN;
    }
  qsort (keys, n, sizeof (Keyed), by_mean_desc);
  for (guint k = 0; k < n; k++)
    order[k] = keys[k].index;
  return order;
}

static void
occupy_nothing (OcPlotCtx *ctx, const OcPlotFigure *figure, const OcPlotFrame *frame,
                OcPlotOccupancy *occ, gpointer data)
{
  /* The whole plot is data: reference labels get a background box anyway. */
}

void
oc_plot_draw_heatmap (OcPlotCtx *ctx, const OcPlotFigure *figure)
{
  OcPlotFrameSpec spec = { .pad = 0, .inverted_y = TRUE };
  OcPlotAxesLayout l = { 0 };
  OcPlotColorScale cs;
  g_autofree guint *row_order = NULL;
  g_autofree guint *col_order = NULL;
  cairo_surface_t *image;
  OcPlotRgba missing = ctx->theme->grid;
  gsize n = (gsize) figure->rows * figure->cols;

  if (n == 0 || figure->matrix == NULL)
    {
      double top = oc_plot_draw_title (ctx, figure, FALSE);
      OcPlotRect r = { 0, top, ctx->width, ctx->height - top };

      oc_plot_draw_no_data (ctx, &r, "The matrix is empty.");
      return;
    }
  oc_plot_color_scale_fit (figure, figure->matrix, n, &cs);
  spec.min[0] = 0;
  spec.max[0] = figure->cols;
  spec.min[1] = 0;
  spec.max[1] = figure->rows;
  /* Matrix axes are cell indices: linear, whatever the figure says. */
  spec.right_reserve = oc_plot_colorbar (ctx, figure, &cs, NULL, TRUE);
  {
    OcPlotFigure *f = (OcPlotFigure *) figure;
    OcPlotScaleKind kx = f->axes[0].kind, ky = f->axes[1].kind;

    f->axes[0].kind = f->axes[1].kind = OC_PLOT_SCALE_LINEAR;
    oc_plot_axes_layout (ctx, figure, &spec, occupy_nothing, NULL, &l);
    f->axes[0].kind = kx;
    f->axes[1].kind = ky;
  }

  if (figure->sort & OC_PLOT_SORT_ROWS)
    row_order = order_by_mean (figure->matrix, figure->rows, figure->cols, TRUE);
  if (figure->sort & OC_PLOT_SORT_COLS)
    col_order = order_by_mean (figure->matrix, figure->rows, figure->cols, FALSE);

  oc_plot_draw_title (ctx, figure, FALSE);
  image = oc_plot_raster_new (figure->matrix, figure->rows, figure->cols, row_order, col_order,
                              FALSE, &cs, &missing);
  oc_plot_raster_paint (ctx->cr, image, &l.frame.plot, 1, FALSE);
  cairo_surface_destroy (image);
  oc_plot_references_draw_lines (ctx, figure, &l.frame);
  oc_plot_colorbar (ctx, figure, &cs, &l.frame.plot, FALSE);
  oc_plot_axes_draw_overlays (ctx, figure, &l);
  oc_plot_axes_layout_clear (&l);
}
