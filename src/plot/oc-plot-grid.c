/* oc-plot-grid.c — small images in a grid: dataset samples with labels, 28×28 mask atlases.
 *
 * The number of columns is the one that makes tiles largest on this canvas. Labels are shown
 * only if every one fits under its tile; marked images (noisy labels, say) get a frame in the
 * theme's mark colour, explained in a one-line legend under the title. With a colour-axis label
 * the grid gets a colour bar (signed weights, say); dimmed images are greyed out and crossed.
 * Drawing and picking share one layout, so a tile under the pointer is the tile drawn there.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include "oc-plot-private.h"
#include "oc-config.h"
#include <glib/gi18n-lib.h>

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
image_range (const OcPlotCtx *ctx, const OcPlotFigure *figure, OcPlotColorScale *cs)
{
  double lo = INFINITY, hi = -INFINITY;

  cs->map = figure->colormap;
  cs->zero_bg = figure->zero_background && figure->colormap == OC_PLOT_COLORMAP_DIVERGING;
  cs->bg = ctx->theme->background;
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
  if (!isfinite (lo))
    lo = hi = 0;
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

typedef struct
{
  double           top;      /* below the title */
  double           mark_top; /* where the mark legend goes, if any */
  gboolean         mark_legend;
  double           x0, y0;   /* the first tile */
  double           bar_w;    /* reserved on the right for the colour bar, 0 without */
  Grid             g;
  OcPlotColorScale cs;
} Layout;

/* Everything the drawing places, measured only. */
static void
layout_grid (OcPlotCtx *ctx, const OcPlotFigure *figure, Layout *lay)
{
  double em = ctx->em;
  guint n = figure->images->len;
  gboolean any_marked = FALSE, any_label = FALSE, labels_fit = TRUE;
  const OcPlotImage *first = g_ptr_array_index (figure->images, 0);
  double label_h, avail_w, avail_h, gap, top;

  memset (lay, 0, sizeof *lay);
  top = lay->top = oc_plot_draw_title (ctx, figure, TRUE);
  image_range (ctx, figure, &lay->cs);
  for (guint i = 0; i < n; i++)
    {
      const OcPlotImage *img = g_ptr_array_index (figure->images, i);

      any_marked |= img->marked;
      any_label |= img->label != NULL && img->label[0] != '\0';
    }
  if (any_marked && figure->mark_label)
    {
      double h;

      oc_plot_text_size (ctx, figure->mark_label, 0.85, 0, NULL, &h);
      lay->mark_legend = TRUE;
      lay->mark_top = top;
      top += h + 0.5 * em;
    }
  if (figure->axes[OC_PLOT_AXIS_COLOR].label != NULL)
    lay->bar_w = oc_plot_colorbar (ctx, figure, &lay->cs, NULL, TRUE);

  oc_plot_text_size (ctx, "Ag", LABEL_SIZE, 0, NULL, &label_h);
  label_h += 0.2 * em;
  avail_w = ctx->width - 2 * ctx->pad - lay->bar_w;
  avail_h = ctx->height - top - ctx->pad;
  /* Gaps shrink with the tiles so a 300-tile atlas stays dense, but never below a device pixel
   * or so, or neighbouring tiles would merge. */
  gap = MIN (0.35 * em, MAX (sqrt (MAX (avail_w * avail_h, 0) / n) * 0.08, 1.5));
  lay->g = fit_grid (n, (double) first->width / first->height, avail_w, avail_h, gap,
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
          labels_fit = w <= lay->g.tile_w + gap * 0.8 && lay->g.tile_h >= label_h;
        }
      if (!labels_fit)
        lay->g = fit_grid (n, (double) first->width / first->height, avail_w, avail_h, gap, 0);
    }
  lay->x0 = ctx->pad
            + (avail_w - (lay->g.cols * lay->g.tile_w + (lay->g.cols - 1) * gap)) / 2;
  lay->y0 = top
            + (avail_h - (lay->g.rows * (lay->g.tile_h + lay->g.label_h) + (lay->g.rows - 1) * gap))
                / 2;
}

static OcPlotRect
tile_rect (const Layout *lay, guint i)
{
  const Grid *g = &lay->g;

  return (OcPlotRect) { lay->x0 + (i % g->cols) * (g->tile_w + g->gap),
                        lay->y0 + (i / g->cols) * (g->tile_h + g->label_h + g->gap), g->tile_w,
                        g->tile_h };
}

void
oc_plot_draw_image_grid (OcPlotCtx *ctx, const OcPlotFigure *figure)
{
  cairo_t *cr = ctx->cr;
  double em = ctx->em;
  guint n = figure->images->len;
  OcPlotRgba missing = ctx->theme->grid;
  Layout lay;

  if (n == 0)
    {
      double top = oc_plot_draw_title (ctx, figure, FALSE);
      OcPlotRect r = { 0, top, ctx->width, ctx->height - top };

      oc_plot_draw_no_data (ctx, &r, _("There are no images."));
      return;
    }
  layout_grid (ctx, figure, &lay);
  oc_plot_record_tiles (ctx, n, lay.g.cols, lay.x0, lay.y0, lay.g.tile_w, lay.g.tile_h,
                        lay.g.tile_w + lay.g.gap, lay.g.tile_h + lay.g.label_h + lay.g.gap);
  oc_plot_draw_title (ctx, figure, FALSE);
  if (lay.mark_legend)
    {
      double h, w, box;

      oc_plot_text_size (ctx, figure->mark_label, 0.85, 0, &w, &h);
      box = h * 0.8;
      cairo_save (cr);
      cairo_set_line_width (cr, MAX (ctx->lw * 1.6, 1.5));
      oc_plot_set_color (cr, &ctx->theme->mark);
      cairo_rectangle (cr, ctx->width / 2 - (w + box + 0.4 * em) / 2, lay.mark_top + (h - box) / 2,
                       box, box);
      cairo_stroke (cr);
      cairo_restore (cr);
      oc_plot_text_draw (ctx, figure->mark_label, 0.85, 0, &ctx->theme->text,
                         ctx->width / 2 - (w + box + 0.4 * em) / 2 + box + 0.4 * em, lay.mark_top,
                         0, 0, 0);
    }

  for (guint i = 0; i < n; i++)
    {
      const OcPlotImage *img = g_ptr_array_index (figure->images, i);
      OcPlotRect r = tile_rect (&lay, i);
      cairo_surface_t *s = oc_plot_raster_new (img->pixels, img->height, img->width, NULL, NULL,
                                               FALSE, &lay.cs, &missing);

      oc_plot_raster_paint (cr, s, &r, img->dimmed ? 0.35 : 1, FALSE);
      cairo_surface_destroy (s);
      if (lay.cs.zero_bg || img->dimmed)
        {
          /* Zeros are the background: an outline keeps each tile a tile. The grid colour is
           * too faint for that on the light theme; the muted one, half transparent, is not. */
          double lw = MAX (ctx->lw * 0.5, 0.5);

          cairo_save (cr);
          cairo_set_line_width (cr, lw);
          oc_plot_set_color_alpha (cr, &ctx->theme->muted, img->dimmed ? 0.8 : 0.35);
          cairo_rectangle (cr, r.x - lw / 2, r.y - lw / 2, r.w + lw, r.h + lw);
          cairo_stroke (cr);
          cairo_restore (cr);
        }
      if (img->dimmed)
        {
          /* Greyed out and crossed: this one cannot take part. */
          cairo_save (cr);
          oc_plot_set_color_alpha (cr, &ctx->theme->grid, 0.55);
          cairo_rectangle (cr, r.x, r.y, r.w, r.h);
          cairo_fill (cr);
          cairo_set_line_width (cr, MAX (ctx->lw * 0.5, 0.5));
          oc_plot_set_color_alpha (cr, &ctx->theme->muted, 0.6);
          cairo_move_to (cr, r.x, r.y);
          cairo_line_to (cr, r.x + r.w, r.y + r.h);
          cairo_move_to (cr, r.x + r.w, r.y);
          cairo_line_to (cr, r.x, r.y + r.h);
          cairo_stroke (cr);
          cairo_restore (cr);
        }
      if (img->marked)
        {
          double lw = MAX (MIN (ctx->lw * 1.6, lay.g.tile_w * 0.08), 1);

          cairo_save (cr);
          cairo_set_line_width (cr, lw);
          oc_plot_set_color (cr, &ctx->theme->mark);
          cairo_rectangle (cr, r.x - lw / 2, r.y - lw / 2, r.w + lw, r.h + lw);
          cairo_stroke (cr);
          cairo_restore (cr);
        }
      if (lay.g.label_h > 0 && img->label)
        oc_plot_text_draw (ctx, img->label, LABEL_SIZE, img->marked ? OC_PLOT_TEXT_BOLD : 0,
                           img->marked ? &ctx->theme->mark : &ctx->theme->text, r.x + r.w / 2,
                           r.y + r.h + 0.1 * em, 0.5, 0, 0);
    }
  if (lay.bar_w > 0)
    {
      /* The bar spans the tiles' height, right of the last column. */
      OcPlotRect first = tile_rect (&lay, 0);
      OcPlotRect last = tile_rect (&lay, (lay.g.rows - 1) * lay.g.cols);
      OcPlotRect plot = { first.x, first.y, lay.g.cols * (lay.g.tile_w + lay.g.gap) - lay.g.gap,
                          last.y + last.h - first.y };

      if (plot.h < 6 * em)
        {
          plot.y = plot.y + plot.h / 2 - 3 * em;
          plot.h = 6 * em;
        }
      oc_plot_colorbar (ctx, figure, &lay.cs, &plot, FALSE);
    }
}

/* Lays out @figure as drawing would on a scratch surface; FALSE for other kinds or no images. */
static gboolean
with_layout (const OcPlotFigure *figure, double width, double height, const OcPlotTheme *theme,
             Layout *lay)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  OcPlotCtx ctx;

  if (figure->kind != OC_PLOT_KIND_IMAGE_GRID || figure->images->len == 0 || !(width >= 1)
      || !(height >= 1))
    return FALSE;
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cr = cairo_create (surface);
  oc_plot_ctx_init (&ctx, cr, width, height, theme);
  layout_grid (&ctx, figure, lay);
  oc_plot_ctx_clear (&ctx);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return lay->g.tile_w > 0;
}

gboolean
oc_plot_figure_get_image_rect (const OcPlotFigure *figure, double width, double height,
                               const OcPlotTheme *theme, guint index, double *x, double *y,
                               double *w, double *h)
{
  Layout lay;
  OcPlotRect r;

  g_return_val_if_fail (figure != NULL && theme != NULL, FALSE);

  if (index >= figure->images->len || !with_layout (figure, width, height, theme, &lay))
    return FALSE;
  r = tile_rect (&lay, index);
  if (x != NULL)
    *x = r.x;
  if (y != NULL)
    *y = r.y;
  if (w != NULL)
    *w = r.w;
  if (h != NULL)
    *h = r.h;
  return TRUE;
}

gboolean
oc_plot_figure_pick_image (const OcPlotFigure *figure, double width, double height,
                           const OcPlotTheme *theme, double x, double y, guint *index)
{
  Layout lay;
  double col, row;
  guint i;
  OcPlotRect r;

  g_return_val_if_fail (figure != NULL && theme != NULL, FALSE);

  if (!with_layout (figure, width, height, theme, &lay))
    return FALSE;
  col = floor ((x - lay.x0) / (lay.g.tile_w + lay.g.gap));
  row = floor ((y - lay.y0) / (lay.g.tile_h + lay.g.label_h + lay.g.gap));
  if (col < 0 || row < 0 || col >= lay.g.cols || row >= lay.g.rows)
    return FALSE;
  i = (guint) row * lay.g.cols + (guint) col;
  if (i >= figure->images->len)
    return FALSE;
  r = tile_rect (&lay, i);
  if (x < r.x || x > r.x + r.w || y < r.y || y > r.y + r.h)
    return FALSE;
  if (index != NULL)
    *index = i;
  return TRUE;
}
