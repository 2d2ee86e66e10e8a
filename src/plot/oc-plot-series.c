/* oc-plot-series.c — lines, markers and bands of XY series, in pixels.
 *
 * A run of 10⁶ points on an 800-pixel-wide plot is drawn from at most four points per pixel
 * column (first, lowest, highest, last: the "M4" reduction), which looks identical to drawing them
 * all and keeps stroking fast. Non-finite points split a series into runs; a diverged run's NaN
 * and Inf never reach the path.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>

#include "oc-plot-private.h"

/* Pixel points of one series; NAN x marks a break between runs. */
typedef struct
{
  double *x, *y;
  gsize   n;
} PixelPath;

static double
band_value (const double *v, gsize i)
{
  return v ? v[i] : NAN;
}

typedef struct
{
  gboolean open;
  double   col;
  double   fx, fy, lx, ly; /* first and last */
  double   mnx, mny, mxx, mxy;
  gsize    mn_i, mx_i;
  gsize    count;
} Column;

static void
emit (PixelPath *p, double x, double y)
{
  p->x[p->n] = x;
  p->y[p->n++] = y;
}

/* Writes a column's first, extreme and last points in drawing order. */
static void
flush_column (PixelPath *p, Column *c)
{
  gboolean min_first = c->mn_i <= c->mx_i;

  if (!c->open)
    return;
  emit (p, c->fx, c->fy);
  if (c->count > 2)
    {
      emit (p, min_first ? c->mnx : c->mxx, min_first ? c->mny : c->mxy);
      emit (p, min_first ? c->mxx : c->mnx, min_first ? c->mxy : c->mny);
    }
  if (c->count > 1)
    emit (p, c->lx, c->ly);
  c->open = FALSE;
}

/* Converts @s's points (or its band's lo/hi when @which is 1/2) to pixels, reduced when long. */
static PixelPath
to_pixels (const OcPlotFrame *frame, const OcPlotSeries *s, int which)
{
  const double *ys = which == 0 ? s->y : which == 1 ? s->lo : s->hi;
  gboolean reduce = s->n > (gsize) (4 * frame->plot.w + 16);
  PixelPath p;
  Column c = { FALSE };
  gboolean in_run = FALSE;

  /* M4 needs x sorted; otherwise every point is drawn. */
  for (gsize i = 1; i < s->n && reduce; i++)
    if (s->x[i] < s->x[i - 1])
      reduce = FALSE;
  /* A column of k points emits at most 2k (4 for 3), plus one break per run. */
  p.x = g_new (double, 3 * s->n + 2);
  p.y = g_new (double, 3 * s->n + 2);
  p.n = 0;

  for (gsize i = 0; i < s->n; i++)
    {
      double px = oc_plot_frame_x (frame, s->x[i]);
      double py = oc_plot_frame_y (frame, s->axis, band_value (ys, i));

      if (!isfinite (px) || !isfinite (py))
        {
          flush_column (&p, &c);
          if (in_run)
            emit (&p, NAN, NAN);
          in_run = FALSE;
          continue;
        }
      in_run = TRUE;
      if (!reduce)
        {
          emit (&p, px, py);
          continue;
        }
      if (!c.open || floor (px) != c.col)
        {
          flush_column (&p, &c);
          c.open = TRUE;
          c.col = floor (px);
          c.fx = c.lx = c.mnx = c.mxx = px;
          c.fy = c.ly = c.mny = c.mxy = py;
          c.mn_i = c.mx_i = i;
          c.count = 1;
          continue;
        }
      c.count++;
      c.lx = px;
      c.ly = py;
      if (py < c.mny)
        {
          c.mnx = px;
          c.mny = py;
          c.mn_i = i;
        }
      if (py > c.mxy)
        {
          c.mxx = px;
          c.mxy = py;
          c.mx_i = i;
        }
    }
  flush_column (&p, &c);
  return p;
}

static void
pixel_path_clear (PixelPath *p)
{
  g_free (p->x);
  g_free (p->y);
}

static void
trace (cairo_t *cr, const PixelPath *p)
{
  gboolean pen_down = FALSE;

  for (gsize i = 0; i < p->n; i++)
    {
      if (isnan (p->x[i]))
        {
          pen_down = FALSE;
          continue;
        }
      if (pen_down)
        cairo_line_to (cr, p->x[i], p->y[i]);
      else
        cairo_move_to (cr, p->x[i], p->y[i]);
      pen_down = TRUE;
    }
}

/* Fills the band between lo and hi over each run where x, lo and hi are all finite. */
static void
band_path (cairo_t *cr, const OcPlotFrame *frame, const OcPlotSeries *s, OcPlotOccupancy *occ)
{
  gsize i = 0;

  while (i < s->n)
    {
      gsize start, end;

      while (i < s->n
             && !(isfinite (oc_plot_frame_x (frame, s->x[i]))
                  && isfinite (oc_plot_frame_y (frame, s->axis, s->lo[i]))
                  && isfinite (oc_plot_frame_y (frame, s->axis, s->hi[i]))))
        i++;
      start = i;
      while (i < s->n && isfinite (oc_plot_frame_x (frame, s->x[i]))
             && isfinite (oc_plot_frame_y (frame, s->axis, s->lo[i]))
             && isfinite (oc_plot_frame_y (frame, s->axis, s->hi[i])))
        i++;
      end = i;
      if (end <= start)
        continue;
      for (gsize k = start; k < end; k++)
        {
          double x = oc_plot_frame_x (frame, s->x[k]);
          double y = oc_plot_frame_y (frame, s->axis, s->lo[k]);

          if (occ)
            {
              oc_plot_occupancy_segment (occ, x, y, x, oc_plot_frame_y (frame, s->axis, s->hi[k]));
              if (k + 1 < end)
                {
                  double x1 = oc_plot_frame_x (frame, s->x[k + 1]);

                  /* The band's interior between samples, at its middle. */
                  oc_plot_occupancy_segment (
                    occ, (x + x1) / 2,
                    (y + oc_plot_frame_y (frame, s->axis, s->lo[k + 1])) / 2, (x + x1) / 2,
                    (oc_plot_frame_y (frame, s->axis, s->hi[k])
                     + oc_plot_frame_y (frame, s->axis, s->hi[k + 1])) / 2);
                }
            }
          else if (k == start)
            cairo_move_to (cr, x, y);
          else
            cairo_line_to (cr, x, y);
        }
      if (occ)
        continue;
      for (gsize k = end; k-- > start;)
        cairo_line_to (cr, oc_plot_frame_x (frame, s->x[k]),
                       oc_plot_frame_y (frame, s->axis, s->hi[k]));
      cairo_close_path (cr);
    }
}

static void
occupy_path (OcPlotOccupancy *occ, const PixelPath *p)
{
  for (gsize i = 0; i < p->n; i++)
    {
      if (isnan (p->x[i]))
        continue;
      if (i + 1 < p->n && !isnan (p->x[i + 1]))
        oc_plot_occupancy_segment (occ, p->x[i], p->y[i], p->x[i + 1], p->y[i + 1]);
      else
        oc_plot_occupancy_segment (occ, p->x[i], p->y[i], p->x[i], p->y[i]);
    }
}

const OcPlotRgba oc_plot_halo_color = { 0.08, 0.08, 0.1, 0.75 };

/* Arrowheads at a third and two thirds of the path's drawn length, pointing the way it runs. */
static void
arrows (cairo_t *cr, const PixelPath *p, double size)
{
  double total = 0, walked = 0;
  int next = 1;

  for (gsize k = 1; k < p->n; k++)
    if (!isnan (p->x[k]) && !isnan (p->x[k - 1]))
      total += hypot (p->x[k] - p->x[k - 1], p->y[k] - p->y[k - 1]);
  if (total < 4 * size)
    return;
  for (gsize k = 1; k < p->n && next <= 2; k++)
    {
      double seg;

      if (isnan (p->x[k]) || isnan (p->x[k - 1]))
        continue;
      seg = hypot (p->x[k] - p->x[k - 1], p->y[k] - p->y[k - 1]);
      while (next <= 2 && seg > 0 && walked + seg >= total * next / 3)
        {
          double f = (total * next / 3 - walked) / seg;
          double ux = (p->x[k] - p->x[k - 1]) / seg, uy = (p->y[k] - p->y[k - 1]) / seg;
          double tx = p->x[k - 1] + f * (p->x[k] - p->x[k - 1]) + ux * size * 0.5;
          double ty = p->y[k - 1] + f * (p->y[k] - p->y[k - 1]) + uy * size * 0.5;

          cairo_move_to (cr, tx, ty);
          cairo_line_to (cr, tx - ux * size - uy * size * 0.6, ty - uy * size + ux * size * 0.6);
          cairo_line_to (cr, tx - ux * size * 0.65, ty - uy * size * 0.65);
          cairo_line_to (cr, tx - ux * size + uy * size * 0.6, ty - uy * size - ux * size * 0.6);
          cairo_close_path (cr);
          next++;
        }
      walked += seg;
    }
}

void
oc_plot_series_draw_all (OcPlotCtx *ctx, const OcPlotFigure *figure, const OcPlotFrame *frame,
                         OcPlotOccupancy *occ, gboolean draw)
{
  cairo_t *cr = ctx->cr;
  const OcPlotRect *r = &frame->plot;
  double lw = ctx->lw * 1.8;

  if (draw)
    {
      cairo_save (cr);
      /* Lines may run up to the frame but not over the tick labels. */
      cairo_rectangle (cr, r->x - lw, r->y - lw, r->w + 2 * lw, r->h + 2 * lw);
      cairo_clip (cr);
    }

  /* Bands first, under every line. */
  for (guint i = 0; i < figure->series->len; i++)
    {
      const OcPlotSeries *s = g_ptr_array_index (figure->series, i);
      OcPlotRgba c;

      if (s->lo == NULL || s->x == NULL)
        continue;
      if (!draw)
        {
          band_path (NULL, frame, s, occ);
          continue;
        }
      c = oc_plot_series_rgba (ctx, figure, i);
      band_path (cr, frame, s, NULL);
      oc_plot_set_color_alpha (cr, &c, ctx->theme->band_alpha);
      cairo_fill (cr);
    }

  for (guint i = 0; i < figure->series->len; i++)
    {
      const OcPlotSeries *s = g_ptr_array_index (figure->series, i);
      OcPlotRgba c = oc_plot_series_rgba (ctx, figure, i);
      PixelPath p;

      if (s->x == NULL)
        continue;
      p = to_pixels (frame, s, 0);
      if (!draw)
        {
          occupy_path (occ, &p);
          pixel_path_clear (&p);
          continue;
        }
      if (s->style & OC_PLOT_STYLE_LINE)
        {
          cairo_set_line_width (cr, lw);
          cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
          cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
          if (s->style & OC_PLOT_STYLE_DASHED)
            {
              double d[2] = { 3.2 * lw, 2.2 * lw };

              cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
              cairo_set_dash (cr, d, 2, 0);
            }
          trace (cr, &p);
          if (s->halo)
            {
              /* Under the line, wider: it reads over any colour of a field. */
              cairo_save (cr);
              cairo_set_line_width (cr, lw * 2.2);
              oc_plot_set_color (cr, &oc_plot_halo_color);
              cairo_stroke_preserve (cr);
              cairo_restore (cr);
            }
          oc_plot_set_color (cr, &c);
          cairo_stroke (cr);
          cairo_set_dash (cr, NULL, 0, 0);
          if (s->style & OC_PLOT_STYLE_ARROWS)
            {
              arrows (cr, &p, ctx->lw * 7);
              if (s->halo)
                {
                  cairo_save (cr);
                  cairo_set_line_width (cr, lw * 0.6);
                  cairo_set_line_join (cr, CAIRO_LINE_JOIN_MITER);
                  oc_plot_set_color (cr, &oc_plot_halo_color);
                  cairo_stroke_preserve (cr);
                  cairo_restore (cr);
                }
              oc_plot_set_color (cr, &c);
              cairo_fill (cr);
            }
        }
      if (s->style & OC_PLOT_STYLE_MARKERS)
        {
          double mr = ctx->lw * (s->n > 2000 ? 1.2 : 2.6) * s->marker_scale;

          for (gsize k = 0; k < p.n; k++)
            if (!isnan (p.x[k]))
              oc_plot_draw_marker (cr, oc_plot_series_marker (figure, i), p.x[k], p.y[k], mr);
          oc_plot_set_color (cr, &c);
          if (s->n > 2000)
            cairo_fill (cr);
          else
            {
              cairo_fill_preserve (cr);
              oc_plot_set_color (cr, s->halo ? &oc_plot_halo_color : &ctx->theme->background);
              cairo_set_line_width (cr, ctx->lw * (s->halo ? 0.9 : 0.6));
              cairo_stroke (cr);
            }
        }
      pixel_path_clear (&p);
    }
  if (draw)
    cairo_restore (cr);
}

guint
oc_plot_series_legend_items (OcPlotCtx *ctx, const OcPlotFigure *figure, OcPlotLegendItem *items,
                             guint max_items)
{
  guint n = 0;

  for (guint i = 0; i < figure->series->len && n < max_items; i++)
    {
      const OcPlotSeries *s = g_ptr_array_index (figure->series, i);

      if (s->name == NULL || s->name[0] == '\0')
        continue;
      items[n].name = s->name;
      items[n].color = oc_plot_series_rgba (ctx, figure, i);
      items[n].style = s->style;
      items[n].band = s->lo != NULL;
      items[n].filled = s->x == NULL;
      items[n].marker = oc_plot_series_marker (figure, i);
      items[n].marker_scale = s->marker_scale;
      items[n].halo = s->halo;
      n++;
    }
  return n;
}
