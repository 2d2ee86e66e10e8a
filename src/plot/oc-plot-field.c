/* oc-plot-field.c — a function over the plane with its level curve and scatter points: the
 * decision boundary of a toy classifier on top of its training data.
 *
 * The field is painted faded so the points stay the most salient thing; the contour comes from
 * marching squares over the cell centres.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>

#include "oc-plot-private.h"
#include "oc-config.h"
#include <glib/gi18n-lib.h>

/* Where the level crosses between two samples, as a fraction from the first; on a log colour
 * axis in log space, where the levels are evenly spread. */
static double
crossing (double a, double b, double level, gboolean log_scale)
{
  if (log_scale)
    return (log (level) - log (a)) / (log (b) - log (a));
  return (level - a) / (b - a);
}

/* Adds the level curve at @level to the current path (marching squares over the cell centres). */
static void
contour_path (OcPlotCtx *ctx, const OcPlotFigure *figure, const OcPlotFrame *frame, double level,
              gboolean log_scale)
{
  const float *m = figure->matrix;
  guint nx = figure->cols, ny = figure->rows;
  double dx = (figure->extent[1] - figure->extent[0]) / nx;
  double dy = (figure->extent[3] - figure->extent[2]) / ny;
  cairo_t *cr = ctx->cr;

  for (guint j = 0; j + 1 < ny; j++)
    for (guint i = 0; i + 1 < nx; i++)
      {
        /* Corners counter-clockwise from bottom-left; edges 0 bottom, 1 right, 2 top, 3 left. */
        double v[4] = { m[(gsize) j * nx + i], m[(gsize) j * nx + i + 1],
                        m[(gsize) (j + 1) * nx + i + 1], m[(gsize) (j + 1) * nx + i] };
        double cx[4] = { 0, 1, 1, 0 }, cy[4] = { 0, 0, 1, 1 };
        double px[4], py[4];
        int n = 0;

        if (!isfinite (v[0]) || !isfinite (v[1]) || !isfinite (v[2]) || !isfinite (v[3]))
          continue;
        if (log_scale && !(v[0] > 0 && v[1] > 0 && v[2] > 0 && v[3] > 0))
          continue;
        for (int e = 0; e < 4; e++)
          {
            int a = e, b = (e + 1) % 4;

            if ((v[a] >= level) != (v[b] >= level))
              {
                double t = crossing (v[a], v[b], level, log_scale);

                px[n] = cx[a] + t * (cx[b] - cx[a]);
                py[n] = cy[a] + t * (cy[b] - cy[a]);
                n++;
              }
          }
        /* Two crossings: one segment; four (a saddle): pair them in edge order. */
        for (int k = 0; k + 1 < n; k += 2)
          {
            double x0 = figure->extent[0] + (i + 0.5 + px[k]) * dx;
            double y0 = figure->extent[2] + (j + 0.5 + py[k]) * dy;
            double x1 = figure->extent[0] + (i + 0.5 + px[k + 1]) * dx;
            double y1 = figure->extent[2] + (j + 0.5 + py[k + 1]) * dy;

            cairo_move_to (cr, oc_plot_frame_x (frame, x0), oc_plot_frame_y (frame, OC_PLOT_AXIS_Y, y0));
            cairo_line_to (cr, oc_plot_frame_x (frame, x1), oc_plot_frame_y (frame, OC_PLOT_AXIS_Y, y1));
          }
      }
}

static void
contour (OcPlotCtx *ctx, const OcPlotFigure *figure, const OcPlotFrame *frame)
{
  cairo_t *cr = ctx->cr;

  contour_path (ctx, figure, frame, figure->contour, FALSE);
  cairo_set_line_width (cr, ctx->lw * 1.8);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  oc_plot_set_color (cr, &ctx->theme->text);
  cairo_stroke (cr);
}

/* Thin level curves, each light or dark against the colour the field has at its level. */
static void
contours (OcPlotCtx *ctx, const OcPlotFigure *figure, const OcPlotFrame *frame,
          const OcPlotColorScale *cs)
{
  static const OcPlotRgba light = { 1, 1, 1, 0.55 }, dark = { 0, 0, 0, 0.4 };
  cairo_t *cr = ctx->cr;

  cairo_set_line_width (cr, ctx->lw * 0.75);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  for (guint k = 0; k < figure->contours->len; k++)
    {
      double level = g_array_index (figure->contours, double, k);
      OcPlotRgba under = oc_plot_colormap_eval (cs->map, oc_plot_color_scale_map (cs, level));

      contour_path (ctx, figure, frame, level, cs->kind == OC_PLOT_SCALE_LOG);
      oc_plot_set_color (cr, oc_plot_rgba_lightness (&under) < 55 ? &light : &dark);
      cairo_stroke (cr);
    }
}

static void
occupy_points (OcPlotCtx *ctx, const OcPlotFigure *figure, const OcPlotFrame *frame,
               OcPlotOccupancy *occ, gpointer data)
{
  oc_plot_series_draw_all (ctx, figure, frame, occ, FALSE);
}

void
oc_plot_draw_field (OcPlotCtx *ctx, const OcPlotFigure *figure)
{
  OcPlotFrameSpec spec = { .pad = 0 };
  OcPlotAxesLayout l = { 0 };
  OcPlotColorScale cs;
  gsize n = (gsize) figure->rows * figure->cols;
  gsize n_points = oc_plot_series_extents (figure, &spec);
  cairo_t *cr = ctx->cr;

  if (n == 0 && n_points == 0)
    {
      double top = oc_plot_draw_title (ctx, figure, FALSE);
      OcPlotRect r = { 0, top, ctx->width, ctx->height - top };

      oc_plot_draw_no_data (ctx, &r, _("Neither a field nor points to show."));
      return;
    }
  if (n > 0)
    {
      spec.min[0] = isnan (spec.min[0]) ? figure->extent[0] : MIN (spec.min[0], figure->extent[0]);
      spec.max[0] = isnan (spec.max[0]) ? figure->extent[1] : MAX (spec.max[0], figure->extent[1]);
      spec.min[1] = isnan (spec.min[1]) ? figure->extent[2] : MIN (spec.min[1], figure->extent[2]);
      spec.max[1] = isnan (spec.max[1]) ? figure->extent[3] : MAX (spec.max[1], figure->extent[3]);
      oc_plot_color_scale_fit (ctx, figure, figure->matrix, n, &cs);
      spec.right_reserve = oc_plot_colorbar (ctx, figure, &cs, NULL, TRUE);
    }
  else
    spec.pad = 0.04;
  spec.has_y2 = FALSE;
  l.n_items = oc_plot_series_legend_items (ctx, figure, l.items, OC_PLOT_MAX_LEGEND);
  oc_plot_axes_layout (ctx, figure, &spec, occupy_points, NULL, &l);
  oc_plot_record_frame (ctx, &l.frame);

  oc_plot_draw_title (ctx, figure, FALSE);
  if (n > 0)
    {
      OcPlotRgba missing = { 0, 0, 0, 0 };
      double xa = oc_plot_frame_x (&l.frame, figure->extent[0]);
      double xb = oc_plot_frame_x (&l.frame, figure->extent[1]);
      double ya = oc_plot_frame_y (&l.frame, OC_PLOT_AXIS_Y, figure->extent[3]);
      double yb = oc_plot_frame_y (&l.frame, OC_PLOT_AXIS_Y, figure->extent[2]);
      OcPlotRect dest = { xa, ya, xb - xa, yb - ya };
      cairo_surface_t *image = oc_plot_raster_new (figure->matrix, figure->rows, figure->cols,
                                                   NULL, NULL, TRUE, &cs, &missing);

      cairo_save (cr);
      cairo_rectangle (cr, l.frame.plot.x, l.frame.plot.y, l.frame.plot.w, l.frame.plot.h);
      cairo_clip (cr);
      oc_plot_raster_paint (cr, image, &dest, figure->field_alpha, TRUE);
      cairo_surface_destroy (image);
      if (figure->contours != NULL)
        contours (ctx, figure, &l.frame, &cs);
      if (!isnan (figure->contour))
        contour (ctx, figure, &l.frame);
      cairo_restore (cr);
      oc_plot_colorbar (ctx, figure, &cs, &l.frame.plot, FALSE);
    }
  else
    oc_plot_frame_draw_grid (ctx, &l.frame);
  oc_plot_references_draw_lines (ctx, figure, &l.frame);
  oc_plot_series_draw_all (ctx, figure, &l.frame, NULL, TRUE);
  oc_plot_axes_draw_overlays (ctx, figure, &l);
  oc_plot_axes_layout_clear (&l);
}
