/* oc-plot-histogram.c — overlaid translucent histograms with threshold lines.
 *
 * All series share one set of bins over the union of their finite values (log-spaced on a log x
 * axis, so weight magnitudes spanning decades get even bins), so kept vs pruned or init vs final
 * compare bin for bin. Log counts start below 1 so a single count is visible.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>

#include "oc-plot-private.h"
#include "oc-config.h"
#include <glib/gi18n-lib.h>

typedef struct
{
  guint    n_bins;
  double  *edges;  /* n_bins + 1 */
  double **counts; /* per series */
  double   max_count;
} Bins;

static void
bins_clear (Bins *b, guint n_series)
{
  for (guint i = 0; i < n_series && b->counts; i++)
    g_free (b->counts[i]);
  g_free (b->counts);
  g_free (b->edges);
}

/* FALSE when no series has a value the x axis can show. */
static gboolean
bin_values (const OcPlotFigure *figure, Bins *b)
{
  OcPlotScaleKind xk = figure->axes[OC_PLOT_AXIS_X].kind;
  gboolean logx = xk == OC_PLOT_SCALE_LOG;
  double lo = INFINITY, hi = -INFINITY;
  gsize total = 0;
  double a, span;

  for (guint i = 0; i < figure->series->len; i++)
    {
      const OcPlotSeries *s = g_ptr_array_index (figure->series, i);

      for (gsize k = 0; k < s->n; k++)
        if (oc_plot_scale_kind_accepts (xk, s->y[k]))
          {
            lo = MIN (lo, s->y[k]);
            hi = MAX (hi, s->y[k]);
            total++;
          }
    }
  if (total == 0)
    return FALSE;
  if (!isnan (figure->axes[OC_PLOT_AXIS_X].min) && !isnan (figure->axes[OC_PLOT_AXIS_X].max))
    {
      lo = figure->axes[OC_PLOT_AXIS_X].min;
      hi = figure->axes[OC_PLOT_AXIS_X].max;
    }
  if (!(hi > lo))
    {
      hi = logx ? lo * 2 : lo + 0.5;
      lo = logx ? lo / 2 : lo - 0.5;
    }
  /* Rice's rule, bounded so bars stay wider than a stroke and there are enough to see a shape. */
  b->n_bins = figure->n_bins ? figure->n_bins
                             : (guint) CLAMP (ceil (2 * cbrt ((double) total)), 10, 80);
  b->edges = g_new (double, b->n_bins + 1);
  a = logx ? log10 (lo) : lo;
  span = (logx ? log10 (hi) : hi) - a;
  for (guint e = 0; e <= b->n_bins; e++)
    {
      double v = a + span * e / b->n_bins;

      b->edges[e] = logx ? pow (10, v) : v;
    }
  b->counts = g_new0 (double *, figure->series->len);
  b->max_count = 0;
  for (guint i = 0; i < figure->series->len; i++)
    {
      const OcPlotSeries *s = g_ptr_array_index (figure->series, i);

      b->counts[i] = g_new0 (double, b->n_bins);
      for (gsize k = 0; k < s->n; k++)
        {
          double v = s->y[k];
          double t;
          gint64 bin;

          if (!oc_plot_scale_kind_accepts (xk, v))
            continue;
          t = ((logx ? log10 (v) : v) - a) / span;
          if (t < 0 || t > 1)
            continue;
          bin = (gint64) (t * b->n_bins);
          bin = MIN (bin, (gint64) b->n_bins - 1);
          b->counts[i][bin]++;
        }
      for (guint e = 0; e < b->n_bins; e++)
        b->max_count = MAX (b->max_count, b->counts[i][e]);
    }
  return TRUE;
}

static double
base_y (const OcPlotFrame *frame)
{
  return frame->plot.y + frame->plot.h;
}

/* The bar tops as one staircase; zero (or unshowable) counts drop to the base. */
static void
staircase (const OcPlotFrame *frame, const Bins *b, const double *counts, OcPlotOccupancy *occ,
           cairo_t *cr)
{
  double y0 = base_y (frame);

  if (cr)
    cairo_move_to (cr, oc_plot_frame_x (frame, b->edges[0]), y0);
  for (guint e = 0; e < b->n_bins; e++)
    {
      double x0 = oc_plot_frame_x (frame, b->edges[e]);
      double x1 = oc_plot_frame_x (frame, b->edges[e + 1]);
      double y = counts[e] > 0 ? oc_plot_frame_y (frame, OC_PLOT_AXIS_Y, counts[e]) : y0;

      if (!isfinite (y))
        y = y0;
      y = MAX (y, frame->plot.y);
      if (occ && counts[e] > 0)
        {
          OcPlotRect r = { x0, y, x1 - x0, y0 - y };

          oc_plot_occupancy_rect (occ, &r);
        }
      if (cr)
        {
          cairo_line_to (cr, x0, y);
          cairo_line_to (cr, x1, y);
        }
    }
  if (cr)
    cairo_line_to (cr, oc_plot_frame_x (frame, b->edges[b->n_bins]), y0);
}

static void
occupy_bins (OcPlotCtx *ctx, const OcPlotFigure *figure, const OcPlotFrame *frame,
             OcPlotOccupancy *occ, gpointer data)
{
  const Bins *b = data;

  for (guint i = 0; i < figure->series->len; i++)
    staircase (frame, b, b->counts[i], occ, NULL);
}

void
oc_plot_draw_histogram (OcPlotCtx *ctx, const OcPlotFigure *figure)
{
  gboolean logy = figure->axes[OC_PLOT_AXIS_Y].kind == OC_PLOT_SCALE_LOG;
  OcPlotFrameSpec spec = { .pad = 0.02 };
  OcPlotAxesLayout l = { 0 };
  Bins b = { 0 };
  cairo_t *cr = ctx->cr;

  if (!bin_values (figure, &b))
    {
      double top = oc_plot_draw_title (ctx, figure, FALSE);
      OcPlotRect r = { 0, top, ctx->width, ctx->height - top };

      bins_clear (&b, figure->series->len);
      oc_plot_draw_no_data (ctx, &r, _("No value can be shown on this axis."));
      return;
    }
  spec.min[0] = b.edges[0];
  spec.max[0] = b.edges[b.n_bins];
  /* Counts: from 0 on a linear axis, from just under 1 on a log axis. */
  spec.min[1] = logy ? 0.7 : 0;
  spec.max[1] = MAX (b.max_count, 1) * (logy ? 1.6 : 1.06);
  spec.include_zero[1] = !logy;
  for (guint i = 0; i < figure->references->len; i++)
    {
      const OcPlotReference *ref = &g_array_index (figure->references, OcPlotReference, i);

      if (ref->axis == OC_PLOT_AXIS_X
          && oc_plot_scale_kind_accepts (figure->axes[OC_PLOT_AXIS_X].kind, ref->value))
        {
          spec.min[0] = MIN (spec.min[0], ref->value);
          spec.max[0] = MAX (spec.max[0], ref->value);
        }
    }
  {
    /* The padded fit would push the count axis below zero; keep it at 0 or 0.7. */
    OcPlotFigure *f = (OcPlotFigure *) figure;
    double keep_min = f->axes[OC_PLOT_AXIS_Y].min;

    if (isnan (keep_min))
      f->axes[OC_PLOT_AXIS_Y].min = spec.min[1];
    l.n_items = oc_plot_series_legend_items (ctx, figure, l.items, OC_PLOT_MAX_LEGEND);
    for (guint i = 0; i < l.n_items; i++)
      l.items[i].style = 0;
    oc_plot_axes_layout (ctx, figure, &spec, occupy_bins, &b, &l);
    f->axes[OC_PLOT_AXIS_Y].min = keep_min;
  }
  oc_plot_record_frame (ctx, &l.frame);
  oc_plot_record_bins (ctx, b.edges, b.n_bins, b.counts, figure->series->len);

  oc_plot_draw_title (ctx, figure, FALSE);
  oc_plot_frame_draw_grid (ctx, &l.frame);
  cairo_save (cr);
  cairo_rectangle (cr, l.frame.plot.x, l.frame.plot.y, l.frame.plot.w, l.frame.plot.h);
  cairo_clip (cr);
  for (guint i = 0; i < figure->series->len; i++)
    {
      OcPlotRgba c = oc_plot_series_rgba (ctx, figure, i);

      staircase (&l.frame, &b, b.counts[i], NULL, cr);
      cairo_close_path (cr);
      oc_plot_set_color_alpha (cr, &c, 0.42);
      cairo_fill (cr);
    }
  /* Outlines after all fills, so overlaps stay readable. */
  for (guint i = 0; i < figure->series->len; i++)
    {
      OcPlotRgba c = oc_plot_series_rgba (ctx, figure, i);

      staircase (&l.frame, &b, b.counts[i], NULL, cr);
      cairo_set_line_width (cr, ctx->lw * 1.3);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_MITER);
      oc_plot_set_color (cr, &c);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
  oc_plot_references_draw_lines (ctx, figure, &l.frame);
  oc_plot_axes_draw_overlays (ctx, figure, &l);
  oc_plot_axes_layout_clear (&l);
  bins_clear (&b, figure->series->len);
}
