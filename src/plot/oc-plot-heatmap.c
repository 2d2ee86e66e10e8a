/* oc-plot-heatmap.c — a matrix as cells with a colour bar (masks, width × epoch test error).
 *
 * Row 0 is at the top, as in the matrix. Sorting rows or columns by their mean groups, say, the
 * hidden units that keep most of their weights, without copying the matrix.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include "oc-plot-private.h"
#include "oc-config.h"
#include <glib/gi18n-lib.h>

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

/* The underlay's outline: its level curves at a quarter, half and three quarters of its largest
 * value (marching squares over cell centres), white over a dark halo so they read on any
 * colour of the matrix. */
static void
outline (OcPlotCtx *ctx, const OcPlotFigure *figure, const OcPlotFrame *frame)
{
  const float *m = figure->underlay;
  guint nx = figure->underlay_cols, ny = figure->underlay_rows;
  double sx = (double) figure->cols / nx, sy = (double) figure->rows / ny;
  double top = 0;
  cairo_t *cr = ctx->cr;

  for (gsize i = 0; i < (gsize) nx * ny; i++)
    if (isfinite (m[i]))
      top = MAX (top, m[i]);
  if (!(top > 0))
    return;
  cairo_save (cr);
  cairo_rectangle (cr, frame->plot.x, frame->plot.y, frame->plot.w, frame->plot.h);
  cairo_clip (cr);
  for (int q = 1; q <= 3; q++)
    {
      double level = top * q / 4;

      cairo_new_path (cr);
      for (guint j = 0; j + 1 < ny; j++)
        for (guint i = 0; i + 1 < nx; i++)
          {
            /* Corners clockwise from top-left; edge e runs from corner e to corner e + 1. */
            double v[4] = { m[(gsize) j * nx + i], m[(gsize) j * nx + i + 1],
                            m[(gsize) (j + 1) * nx + i + 1], m[(gsize) (j + 1) * nx + i] };
            double cx[4] = { 0, 1, 1, 0 }, cy[4] = { 0, 0, 1, 1 };
            double px[4], py[4];
            int n = 0;

            if (!isfinite (v[0]) || !isfinite (v[1]) || !isfinite (v[2]) || !isfinite (v[3]))
              continue;
            for (int e = 0; e < 4; e++)
              {
                int a = e, b = (e + 1) % 4;

                if ((v[a] >= level) != (v[b] >= level))
                  {
                    double t = (level - v[a]) / (v[b] - v[a]);

                    px[n] = cx[a] + t * (cx[b] - cx[a]);
                    py[n] = cy[a] + t * (cy[b] - cy[a]);
                    n++;
                  }
              }
            for (int k = 0; k + 1 < n; k += 2)
              {
                cairo_move_to (cr, oc_plot_frame_x (frame, (i + 0.5 + px[k]) * sx),
                               oc_plot_frame_y (frame, OC_PLOT_AXIS_Y, (j + 0.5 + py[k]) * sy));
                cairo_line_to (cr, oc_plot_frame_x (frame, (i + 0.5 + px[k + 1]) * sx),
                               oc_plot_frame_y (frame, OC_PLOT_AXIS_Y,
                                                (j + 0.5 + py[k + 1]) * sy));
              }
          }
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      cairo_set_source_rgba (cr, 0, 0, 0, 0.55);
      cairo_set_line_width (cr, ctx->lw * (1.2 + 0.5 * q) + 1.5);
      cairo_stroke_preserve (cr);
      cairo_set_source_rgba (cr, 1, 1, 1, 0.55 + 0.15 * q);
      cairo_set_line_width (cr, ctx->lw * (0.6 + 0.4 * q));
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

/* Columns with edges: each column of @image stretched over its own span of the X axis. */
static void
paint_columns (OcPlotCtx *ctx, const OcPlotFigure *figure, cairo_surface_t *image,
               const OcPlotFrame *frame)
{
  const guint8 *from;
  int stride, rows = (int) figure->rows;

  cairo_surface_flush (image);
  from = cairo_image_surface_get_data (image);
  stride = cairo_image_surface_get_stride (image);
  if (from == NULL)
    return;
  cairo_save (ctx->cr);
  cairo_rectangle (ctx->cr, frame->plot.x, frame->plot.y, frame->plot.w, frame->plot.h);
  cairo_clip (ctx->cr);
  for (guint c = 0; c < figure->cols; c++)
    {
      double x0 = oc_plot_frame_x (frame, figure->col_edges[c]);
      double x1 = oc_plot_frame_x (frame, figure->col_edges[c + 1]);
      /* One unit wider than its span, under the next column: no seam of background shows
       * through where two anti-aliased edges meet. */
      OcPlotRect dest = { x0, frame->plot.y, x1 - x0 + (c + 1 < figure->cols ? 1 : 0),
                          frame->plot.h };
      cairo_surface_t *column = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, rows);
      guint8 *to = cairo_image_surface_get_data (column);
      int to_stride = cairo_image_surface_get_stride (column);

      /* The raster's column c as an image of its own, which the painter stretches. */
      if (to != NULL)
        {
          for (int r = 0; r < rows; r++)
            memcpy (to + (gsize) r * to_stride, from + (gsize) r * stride + (gsize) c * 4, 4);
          cairo_surface_mark_dirty (column);
          oc_plot_raster_paint (ctx->cr, column, &dest, 1, FALSE);
        }
      cairo_surface_destroy (column);
    }
  cairo_restore (ctx->cr);
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
  const double *edges = figure->col_edges;

  if (edges != NULL && figure->axes[0].kind == OC_PLOT_SCALE_LOG && !(edges[0] > 0))
    edges = NULL; /* unshowable on a log axis: back to cell indices */
  if (n == 0 || figure->matrix == NULL)
    {
      double top = oc_plot_draw_title (ctx, figure, FALSE);
      OcPlotRect r = { 0, top, ctx->width, ctx->height - top };

      oc_plot_draw_no_data (ctx, &r, _("The matrix is empty."));
      return;
    }
  oc_plot_color_scale_fit (ctx, figure, figure->matrix, n, &cs);
  spec.min[0] = edges != NULL ? edges[0] : 0;
  spec.max[0] = edges != NULL ? edges[figure->cols] : figure->cols;
  spec.min[1] = 0;
  spec.max[1] = figure->rows;
  /* Matrix axes are cell indices: linear, whatever the figure says; columns with edges are on
   * the figure's own X scale, ticked by it rather than by the columns' names. */
  spec.right_reserve = oc_plot_colorbar (ctx, figure, &cs, NULL, TRUE);
  {
    OcPlotFigure *f = (OcPlotFigure *) figure;
    OcPlotScaleKind kx = f->axes[0].kind, ky = f->axes[1].kind;
    char **names = f->axes[0].categories;
    guint n_names = f->axes[0].n_categories;

    if (edges == NULL)
      f->axes[0].kind = OC_PLOT_SCALE_LINEAR;
    else
      {
        f->axes[0].categories = NULL;
        f->axes[0].n_categories = 0;
      }
    f->axes[1].kind = OC_PLOT_SCALE_LINEAR;
    oc_plot_axes_layout (ctx, figure, &spec, occupy_nothing, NULL, &l);
    /* A picture keeps square pixels: the plot gives up the width, or in a narrow card the
     * height above it, that it does not need. */
    if (figure->underlay != NULL
        && l.frame.plot.w > l.frame.plot.h * figure->cols / figure->rows + 1)
      {
        spec.right_reserve += l.frame.plot.w - l.frame.plot.h * figure->cols / figure->rows;
        oc_plot_axes_layout_clear (&l);
        memset (&l, 0, sizeof l);
        oc_plot_axes_layout (ctx, figure, &spec, occupy_nothing, NULL, &l);
      }
    else if (figure->underlay != NULL
             && l.frame.plot.h > l.frame.plot.w * figure->rows / figure->cols + 1)
      {
        spec.legend_above += l.frame.plot.h - l.frame.plot.w * figure->rows / figure->cols;
        oc_plot_axes_layout_clear (&l);
        memset (&l, 0, sizeof l);
        oc_plot_axes_layout (ctx, figure, &spec, occupy_nothing, NULL, &l);
      }
    f->axes[0].kind = kx;
    f->axes[1].kind = ky;
    f->axes[0].categories = names;
    f->axes[0].n_categories = n_names;
  }

  if (figure->sort & OC_PLOT_SORT_ROWS)
    row_order = order_by_mean (figure->matrix, figure->rows, figure->cols, TRUE);
  if ((figure->sort & OC_PLOT_SORT_COLS) && edges == NULL)
    col_order = order_by_mean (figure->matrix, figure->rows, figure->cols, FALSE);
  oc_plot_record_frame (ctx, &l.frame);
  oc_plot_record_order (ctx, row_order, col_order, edges != NULL);

  oc_plot_draw_title (ctx, figure, FALSE);
  image = oc_plot_raster_new (figure->matrix, figure->rows, figure->cols, row_order, col_order,
                              FALSE, &cs, &missing);
  if (edges == NULL)
    oc_plot_raster_paint (ctx->cr, image, &l.frame.plot, 1, FALSE);
  else
    paint_columns (ctx, figure, image, &l.frame);
  cairo_surface_destroy (image);
  if (figure->underlay != NULL)
    outline (ctx, figure, &l.frame);
  oc_plot_references_draw_lines (ctx, figure, &l.frame);
  oc_plot_colorbar (ctx, figure, &cs, &l.frame.plot, FALSE);
  oc_plot_axes_draw_overlays (ctx, figure, &l);
  oc_plot_axes_layout_clear (&l);
}
