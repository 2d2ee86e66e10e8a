/* oc-plot-grid.c — small images in a grid: dataset samples with labels, 28×28 mask atlases.
 *
 * The number of columns is the one that makes tiles largest on this canvas. Labels are shown
 * only if every one fits under its tile; marked images (noisy labels, say) get a frame in the
 * theme's mark colour, explained in a one-line legend under the title.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>

#include "oc-plot-private.h"

#define LABEL_SIZE 0.75

typedef struct
{
  guint  cols, rows;
  double tile_w, tile_h, gap, label_h;
} Grid;

/* The column count that maximises the tile size in @w × @h. */
static Grid
fit_grid (guint n, double aspect, double w, double h, double gap, double label_h)
{
  Grid best = { 1, n, 0, 0, gap, label_h };

  for (guint c = 1; c <= n; c++)
    {
      guint r = (n + c - 1) / c;
      double tw = (w - (c - 1) * gap) / c;
      double th = (h - (r - 1) * gap - r * label_h) / r;

      tw = MIN (tw, th * aspect);
      if (tw > best.tile_w)
        {
          best.cols = c;
          best.rows = r;
          best.tile_w = tw;
          best.tile_h = tw / aspect;
        }
    }
  return best;
}

static void
image_range (const OcPlotFigure *figure, OcPlotColorScale *cs)
{
  double lo = INFINITY, hi = -INFINITY;

  cs->map = figure->colormap;
  cs->kind = OC_PLOT_SCALE_LINEAR;
  for (guint i = 0; i < figure->images->len; i++)
    {
      const OcPlotImage *img = g_ptr_array_index (figure->images, i);

      for (gsize k = 0; k < (gsize) img->width * img->height; k++)
        if (isfinite (img->pixels[k]))
          {
            lo = MIN (lo, img->pixels[k]);
            hi = MAX (hi, img->pixels[k]);
          }
    }
  if (cs->map == OC_PLOT_COLORMAP_DIVERGING)
    {
      double m = MAX (fabs (lo), fabs (hi));

      lo = -m;
      hi = m;
    }
  else if (lo >= 0 && hi <= 1)
    {
      /* Intensities and masks: 0..1 whatever the content, so a blank image stays black. */
      lo = 0;
      hi = 1;
    }
  else if (lo >= 0 && hi <= 255)
    {
      lo = 0;
      hi = 255;
    }
  if (!isnan (figure->color_min))
    lo = figure->color_min;
  if (!isnan (figure->color_max))
    hi = figure->color_max;
  if (!(hi > lo))
    hi = lo + 1;
  cs->min = lo;
  cs->max = hi;
}

void
oc_plot_draw_image_grid (OcPlotCtx *ctx, const OcPlotFigure *figure)
{
  cairo_t *cr = ctx->cr;
  double em = ctx->em;
  double top = oc_plot_draw_title (ctx, figure, FALSE);
  guint n = figure->images->len;
  gboolean any_marked = FALSE, any_label = FALSE, labels_fit = TRUE;
  const OcPlotImage *first;
  OcPlotColorScale cs;
  OcPlotRgba missing = ctx->theme->grid;
  double label_h, avail_w, avail_h, gap, x0, y0;
  Grid g;

  if (n == 0)
    {
      OcPlotRect r = { 0, top, ctx->width, ctx->height - top };

      oc_plot_draw_no_data (ctx, &r, "There are no images.");
      return;
    }
  first = g_ptr_array_index (figure->images, 0);
  for (guint i = 0; i < n; i++)
    {
      const OcPlotImage *img = g_ptr_array_index (figure->images, i);

      any_marked |= img->marked;
      any_label |= img->label != NULL && img->label[0] != '\0';
    }

  if (any_marked && figure->mark_label)
    {
      double h, w, box;

      oc_plot_text_size (ctx, figure->mark_label, 0.85, 0, &w, &h);
      box = h * 0.8;
      cairo_save (cr);
      cairo_set_line_width (cr, MAX (ctx->lw * 1.6, 1.5));
      oc_plot_set_color (cr, &ctx->theme->mark);
      cairo_rectangle (cr, ctx->width / 2 - (w + box + 0.4 * em) / 2, top + (h - box) / 2, box,
                       box);
      cairo_stroke (cr);
      cairo_restore (cr);
      oc_plot_text_draw (ctx, figure->mark_label, 0.85, 0, &ctx->theme->text,
                         ctx->width / 2 - (w + box + 0.4 * em) / 2 + box + 0.4 * em, top, 0, 0, 0);
      top += h + 0.5 * em;
    }

  oc_plot_text_size (ctx, "Ag", LABEL_SIZE, 0, NULL, &label_h);
  label_h += 0.2 * em;
  avail_w = ctx->width - 2 * ctx->pad;
  avail_h = ctx->height - top - ctx->pad;
  /* Gaps shrink with the tiles so a 300-tile atlas stays dense. */
  gap = MIN (0.35 * em, sqrt (avail_w * avail_h / n) * 0.08);
  g = fit_grid (n, (double) first->width / first->height, avail_w, avail_h, gap,
                any_label ? label_h : 0);
  if (any_label)
    {
      for (guint i = 0; i < n && labels_fit; i++)
        {
          const OcPlotImage *img = g_ptr_array_index (figure->images, i);
          double w;

          if (img->label == NULL)
            continue;
          oc_plot_text_size (ctx, img->label, LABEL_SIZE, 0, &w, NULL);
          labels_fit = w <= g.tile_w + gap * 0.8 && g.tile_h >= label_h;
        }
      if (!labels_fit)
        g = fit_grid (n, (double) first->width / first->height, avail_w, avail_h, gap, 0);
    }
  x0 = ctx->pad + (avail_w - (g.cols * g.tile_w + (g.cols - 1) * gap)) / 2;
  y0 = top + (avail_h - (g.rows * (g.tile_h + g.label_h) + (g.rows - 1) * gap)) / 2;

  image_range (figure, &cs);
  for (guint i = 0; i < n; i++)
    {
      const OcPlotImage *img = g_ptr_array_index (figure->images, i);
      OcPlotRect r = { x0 + (i % g.cols) * (g.tile_w + gap),
                       y0 + (i / g.cols) * (g.tile_h + g.label_h + gap), g.tile_w, g.tile_h };
      cairo_surface_t *s = oc_plot_raster_new (img->pixels, img->height, img->width, NULL, NULL,
                                               FALSE, &cs, &missing);

      oc_plot_raster_paint (cr, s, &r, 1, FALSE);
      cairo_surface_destroy (s);
      if (img->marked)
        {
          double lw = MAX (MIN (ctx->lw * 1.6, g.tile_w * 0.08), 1);

          cairo_save (cr);
          cairo_set_line_width (cr, lw);
          oc_plot_set_color (cr, &ctx->theme->mark);
          cairo_rectangle (cr, r.x - lw / 2, r.y - lw / 2, r.w + lw, r.h + lw);
          cairo_stroke (cr);
          cairo_restore (cr);
        }
      if (g.label_h > 0 && img->label)
        oc_plot_text_draw (ctx, img->label, LABEL_SIZE, img->marked ? OC_PLOT_TEXT_BOLD : 0,
                           img->marked ? &ctx->theme->mark : &ctx->theme->text, r.x + r.w / 2,
                           r.y + r.h + 0.1 * em, 0.5, 0, 0);
    }
}
