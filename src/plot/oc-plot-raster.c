/* oc-plot-raster.c — matrices as images, and the colour bar.
 *
 * A matrix becomes an ARGB32 image with one pixel per cell through a 256-entry lookup table,
 * then is painted scaled: nearest-neighbour when cells are larger than device pixels (a weight
 * is a crisp square), area-averaged when smaller (a 2000×2000 matrix on an 800-pixel plot shows
 * its density instead of aliasing). Vector surfaces get small images pre-enlarged by a whole
 * factor, because SVG viewers smooth embedded images.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>

#include "oc-plot-private.h"

double
oc_plot_color_scale_map (const OcPlotColorScale *cs, double v)
{
  if (cs->kind == OC_PLOT_SCALE_LOG)
    return v > 0 && isfinite (v) ? log10 (v / cs->min) / log10 (cs->max / cs->min) : NAN;
  return isfinite (v) ? (v - cs->min) / (cs->max - cs->min) : NAN;
}

void
oc_plot_color_scale_fit (const OcPlotCtx *ctx, const OcPlotFigure *figure, const float *values,
                         gsize n, OcPlotColorScale *cs)
{
  double lo = INFINITY, hi = -INFINITY;
  gboolean log_scale = figure->axes[OC_PLOT_AXIS_COLOR].kind == OC_PLOT_SCALE_LOG
                       && figure->kind != OC_PLOT_KIND_IMAGE_GRID;

  cs->map = figure->colormap;
  cs->zero_bg = figure->zero_background && figure->colormap == OC_PLOT_COLORMAP_DIVERGING;
  cs->bg = ctx->theme->background;
  cs->kind = log_scale ? OC_PLOT_SCALE_LOG : OC_PLOT_SCALE_LINEAR;
  for (gsize i = 0; i < n; i++)
    if (isfinite (values[i]) && (!log_scale || values[i] > 0))
      {
        lo = MIN (lo, values[i]);
        hi = MAX (hi, values[i]);
      }
  if (!isfinite (lo))
    {
      lo = log_scale ? 0.1 : 0;
      hi = 1;
    }
  if (log_scale)
    {
      /* Positive ends only; a flat field gets half a decade each way. */
      if (!isnan (figure->color_min) && figure->color_min > 0)
        lo = figure->color_min;
      if (!isnan (figure->color_max) && figure->color_max > 0)
        hi = figure->color_max;
      if (!(hi > lo))
        {
          lo /= sqrt (10);
          hi = lo * 10;
        }
      cs->min = lo;
      cs->max = hi;
      return;
    }
  if (cs->map == OC_PLOT_COLORMAP_DIVERGING)
    {
      /* Zero stays white: the range is symmetric. */
      double m = MAX (fabs (lo), fabs (hi));

      lo = -m;
      hi = m;
    }
  if (!isnan (figure->color_min))
    lo = figure->color_min;
  if (!isnan (figure->color_max))
    hi = figure->color_max;
  if (!(hi > lo))
    {
      double half = lo != 0 ? fabs (lo) * 0.5 : 0.5;

      lo -= half;
      hi += half;
    }
  cs->min = lo;
  cs->max = hi;
}

cairo_surface_t *
oc_plot_raster_new (const float *values, guint rows, guint cols, const guint *row_order,
                    const guint *col_order, gboolean flip_y, const OcPlotColorScale *cs,
                    const OcPlotRgba *missing)
{
  const guint8 (*table)[3] = oc_plot_colormap_table (cs->map);
  cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) cols,
                                                       (int) rows);
  guint32 lut[256];
  guint32 none, zero = 0;
  gboolean log_scale = cs->kind == OC_PLOT_SCALE_LOG;
  double scale = log_scale ? 255.0 / log10 (cs->max / cs->min) : 255.0 / (cs->max - cs->min);
  double lmin = log_scale ? log10 (cs->min) : 0;
  guint8 *data;
  int stride;

  if (cairo_surface_status (image) != CAIRO_STATUS_SUCCESS)
    return image;
  for (int i = 0; i < 256; i++)
    lut[i] = 0xff000000u | (guint32) table[i][0] << 16 | (guint32) table[i][1] << 8 | table[i][2];
  if (cs->zero_bg)
    {
      /* From the background at the centre to the map's two ends in sRGB, by the square root
       * of |value|: sparse small values stay visible against a dark background too. */
      for (int i = 0; i < 256; i++)
        {
          double a = sqrt (fabs (i - 127.5) / 127.5);
          const guint8 *end = table[i < 128 ? 0 : 255];
          guint32 rgb[3];
          double bg[3] = { cs->bg.r, cs->bg.g, cs->bg.b };

          for (int k = 0; k < 3; k++)
            rgb[k] = (guint32) lround (255 * bg[k] * (1 - a) + end[k] * a);
          lut[i] = 0xff000000u | rgb[0] << 16 | rgb[1] << 8 | rgb[2];
        }
      zero = 0xff000000u | (guint32) lround (cs->bg.r * 255) << 16
             | (guint32) lround (cs->bg.g * 255) << 8 | (guint32) lround (cs->bg.b * 255);
    }
  /* Premultiplied, as ARGB32 wants. */
  none = (guint32) lround (missing->a * 255) << 24
         | (guint32) lround (missing->r * missing->a * 255) << 16
         | (guint32) lround (missing->g * missing->a * 255) << 8
         | (guint32) lround (missing->b * missing->a * 255);
  cairo_surface_flush (image);
  data = cairo_image_surface_get_data (image);
  stride = cairo_image_surface_get_stride (image);
  for (guint r = 0; r < rows; r++)
    {
      guint src_r = row_order ? row_order[r] : r;
      guint32 *out = (guint32 *) (data + (gsize) stride * (flip_y ? rows - 1 - r : r));
      const float *in = values + (gsize) src_r * cols;

      for (guint c = 0; c < cols; c++)
        {
          float v = in[col_order ? col_order[c] : c];
          double t;

          if (!isfinite (v) || (log_scale && !(v > 0)))
            {
              out[c] = none;
              continue;
            }
          if (cs->zero_bg && v == 0)
            {
              /* Exactly the background, whatever rounding the table would do. */
              out[c] = zero;
              continue;
            }
          t = log_scale ? (log10 (v) - lmin) * scale : (v - cs->min) * scale;
          out[c] = lut[t <= 0 ? 0 : t >= 255 ? 255 : (int) (t + 0.5)];
        }
    }
  cairo_surface_mark_dirty (image);
  return image;
}

static gboolean
is_vector (cairo_t *cr)
{
  cairo_surface_type_t t = cairo_surface_get_type (cairo_get_target (cr));

  return t == CAIRO_SURFACE_TYPE_SVG || t == CAIRO_SURFACE_TYPE_PDF
         || t == CAIRO_SURFACE_TYPE_PS || t == CAIRO_SURFACE_TYPE_RECORDING;
}

/* Each pixel of @image repeated @k × @k times. */
static cairo_surface_t *
enlarge (cairo_surface_t *image, int k)
{
  int w = cairo_image_surface_get_width (image), h = cairo_image_surface_get_height (image);
  cairo_surface_t *big = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w * k, h * k);
  const guint8 *src = cairo_image_surface_get_data (image);
  int ss = cairo_image_surface_get_stride (image);
  guint8 *dst;
  int ds;

  cairo_surface_flush (big);
  dst = cairo_image_surface_get_data (big);
  ds = cairo_image_surface_get_stride (big);
  for (int y = 0; y < h * k; y++)
    {
      const guint32 *in = (const guint32 *) (src + (gsize) ss * (y / k));
      guint32 *out = (guint32 *) (dst + (gsize) ds * y);

      for (int x = 0; x < w * k; x++)
        out[x] = in[x / k];
    }
  cairo_surface_mark_dirty (big);
  return big;
}

void
oc_plot_raster_paint (cairo_t *cr, cairo_surface_t *image, const OcPlotRect *dest, double alpha,
                      gboolean smooth)
{
  int iw = cairo_image_surface_get_width (image), ih = cairo_image_surface_get_height (image);
  cairo_surface_t *src = cairo_surface_reference (image);
  double cw = dest->w / MAX (iw, 1), ch = dest->h / MAX (ih, 1);
  double dx = cw, dy = ch;
  gboolean upscale;

  if (iw <= 0 || ih <= 0 || cairo_surface_status (image) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (src);
      return;
    }
  cairo_user_to_device_distance (cr, &dx, &dy);
  upscale = fabs (dx) >= 1 && fabs (dy) >= 1;
  if (upscale && is_vector (cr) && !smooth)
    {
      int k = (int) MIN (ceil (MIN (fabs (dx), fabs (dy))), 4096.0 / MAX (iw, ih));

      if (k > 1)
        {
          cairo_surface_destroy (src);
          src = enlarge (image, k);
          iw *= k;
          ih *= k;
        }
    }
  cairo_save (cr);
  cairo_rectangle (cr, dest->x, dest->y, dest->w, dest->h);
  cairo_clip (cr);
  cairo_translate (cr, dest->x, dest->y);
  cairo_scale (cr, dest->w / iw, dest->h / ih);
  cairo_set_source_surface (cr, src, 0, 0);
  cairo_pattern_set_filter (cairo_get_source (cr),
                            upscale && !smooth ? CAIRO_FILTER_NEAREST : CAIRO_FILTER_GOOD);
  cairo_pattern_set_extend (cairo_get_source (cr), CAIRO_EXTEND_PAD);
  cairo_paint_with_alpha (cr, alpha);
  cairo_restore (cr);
  cairo_surface_destroy (src);
}

#define BAR_GAP 1.0 /* em between plot and bar */
#define BAR_W   0.9 /* em */

static OcPlotTicks *
bar_ticks (OcPlotCtx *ctx, const OcPlotColorScale *cs, double length)
{
  OcPlotScale s = { cs->kind, cs->min, cs->max };
  double h;

  oc_plot_text_size (ctx, "0", 0.85, 0, NULL, &h);
  return oc_plot_ticks_new (&s, (guint) CLAMP (length / (h * 2.4), 2, 8));
}

double
oc_plot_colorbar (OcPlotCtx *ctx, const OcPlotFigure *figure, const OcPlotColorScale *cs,
                  const OcPlotRect *plot, gboolean measure_only)
{
  const char *label = figure->axes[OC_PLOT_AXIS_COLOR].label;
  double em = ctx->em;
  /* Tick density from the canvas, not the plot, so measuring and drawing agree. */
  g_autoptr (OcPlotTicks) ticks = bar_ticks (ctx, cs, ctx->height * 0.6);
  double label_w = 0, lh = 0;
  cairo_t *cr = ctx->cr;
  double x;

  for (guint i = 0; i < ticks->n_ticks; i++)
    if (ticks->ticks[i].label)
      {
        double w;

        oc_plot_text_size (ctx, ticks->ticks[i].label, 0.85, 0, &w, NULL);
        label_w = MAX (label_w, w);
      }
  if (label)
    oc_plot_text_size (ctx, "Ag", 0.95, 0, NULL, &lh);
  if (measure_only)
    return (BAR_GAP + BAR_W + 0.6) * em + label_w + (label ? 0.4 * em + lh : 0);

  x = plot->x + plot->w + BAR_GAP * em;
  {
    float ramp[256];
    OcPlotRgba none = { 0, 0, 0, 0 };
    OcPlotColorScale unit = { .map = cs->map, .min = 0, .max = 255,
                              .kind = OC_PLOT_SCALE_LINEAR, .zero_bg = cs->zero_bg,
                              .bg = cs->bg };
    cairo_surface_t *img;
    OcPlotRect r = { x, plot->y, BAR_W * em, plot->h };

    for (int i = 0; i < 256; i++)
      ramp[i] = (float) i;
    /* One column, largest value at the top. */
    img = oc_plot_raster_new (ramp, 256, 1, NULL, NULL, TRUE, &unit, &none);
    cairo_save (cr);
    cairo_rectangle (cr, r.x, r.y, r.w, r.h);
    cairo_clip (cr);
    cairo_translate (cr, r.x, r.y);
    cairo_scale (cr, r.w, r.h / 256);
    cairo_set_source_surface (cr, img, 0, 0);
    cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_GOOD);
    cairo_pattern_set_extend (cairo_get_source (cr), CAIRO_EXTEND_PAD);
    /* Fields are painted faded under their points; the bar matches what is seen. */
    cairo_paint_with_alpha (cr, figure->kind == OC_PLOT_KIND_FIELD ? figure->field_alpha : 1);
    cairo_restore (cr);
    cairo_surface_destroy (img);

    cairo_save (cr);
    cairo_set_line_width (cr, ctx->lw * 0.8);
    oc_plot_set_color (cr, &ctx->theme->muted);
    cairo_rectangle (cr, r.x, r.y, r.w, r.h);
    cairo_stroke (cr);
    for (guint i = 0; i < ticks->n_ticks; i++)
      {
        double t = oc_plot_color_scale_map (cs, ticks->ticks[i].value);
        double y = r.y + r.h - t * r.h;

        /* Minor ticks of a log bar are shorter. */
        cairo_move_to (cr, r.x + r.w, y);
        cairo_line_to (cr, r.x + r.w + (ticks->ticks[i].major ? 0.3 : 0.18) * em, y);
      }
    cairo_stroke (cr);
    cairo_restore (cr);
    for (guint i = 0; i < ticks->n_ticks; i++)
      {
        double t = oc_plot_color_scale_map (cs, ticks->ticks[i].value);

        oc_plot_text_draw (ctx, ticks->ticks[i].label, 0.85, 0, &ctx->theme->muted,
                           r.x + r.w + 0.55 * em, r.y + r.h - t * r.h, 0, 0.5, 0);
      }
    if (label)
      oc_plot_text_draw (ctx, label, 0.95, 0, &ctx->theme->text,
                         r.x + r.w + 0.6 * em + label_w + 0.4 * em, r.y + r.h / 2, 0.5, 0,
                         G_PI / 2);
  }
  return 0;
}
