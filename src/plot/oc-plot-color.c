/* oc-plot-color.c — colormap lookup and colour arithmetic.
 *
 * The tables themselves are generated (gen-colormaps.py → oc-plot-colormap-table.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include "oc-plot-private.h"

static guint8 gray_table[256][3];

static void
init_gray (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      for (int i = 0; i < 256; i++)
        gray_table[i][0] = gray_table[i][1] = gray_table[i][2] = (guint8) i;
      g_once_init_leave (&done, 1);
    }
}

const guint8 (*oc_plot_colormap_table (OcPlotColormap map))[3]
{
  switch (map)
    {
    case OC_PLOT_COLORMAP_DIVERGING:
      return oc_plot_colormap_diverging;
    case OC_PLOT_COLORMAP_GRAY:
      init_gray ();
      return (const guint8 (*)[3]) gray_table;
    case OC_PLOT_COLORMAP_SEQUENTIAL:
    default:
      return oc_plot_colormap_sequential;
    }
}

OcPlotRgba
oc_plot_colormap_eval (OcPlotColormap map, double t)
{
  const guint8 (*table)[3] = oc_plot_colormap_table (map);
  OcPlotRgba c = { 0, 0, 0, 0 };
  int i;

  if (isnan (t))
    return c;
  i = (int) lround (CLAMP (t, 0.0, 1.0) * 255);
  c.r = table[i][0] / 255.0;
  c.g = table[i][1] / 255.0;
  c.b = table[i][2] / 255.0;
  c.a = 1;
  return c;
}

static double
to_linear (double c)
{
  return c <= 0.04045 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

static double
luminance (const OcPlotRgba *c)
{
  return 0.2126 * to_linear (c->r) + 0.7152 * to_linear (c->g) + 0.0722 * to_linear (c->b);
}

double
oc_plot_rgba_lightness (const OcPlotRgba *color)
{
  double y;

  g_return_val_if_fail (color != NULL, 0);

  y = luminance (color);
  return y > 216.0 / 24389 ? 116 * cbrt (y) - 16 : y * 24389.0 / 27;
}

double
oc_plot_rgba_contrast (const OcPlotRgba *a, const OcPlotRgba *b)
{
  double la, lb;

  g_return_val_if_fail (a != NULL && b != NULL, 1);

  la = luminance (a);
  lb = luminance (b);
  return (MAX (la, lb) + 0.05) / (MIN (la, lb) + 0.05);
}

gboolean
oc_plot_rgba_parse (OcPlotRgba *color, const char *spec)
{
  guint v[4] = { 0, 0, 0, 255 };
  gsize len;

  g_return_val_if_fail (color != NULL, FALSE);

  if (spec == NULL || spec[0] != '#')
    return FALSE;
  len = strlen (spec + 1);
  if (len != 6 && len != 8)
    return FALSE;
  for (gsize i = 0; i < len / 2; i++)
    {
      int hi = g_ascii_xdigit_value (spec[1 + 2 * i]);
      int lo = g_ascii_xdigit_value (spec[2 + 2 * i]);

      if (hi < 0 || lo < 0)
        return FALSE;
      v[i] = (guint) (hi * 16 + lo);
    }
  color->r = v[0] / 255.0;
  color->g = v[1] / 255.0;
  color->b = v[2] / 255.0;
  color->a = v[3] / 255.0;
  return TRUE;
}

void
oc_plot_set_color (cairo_t *cr, const OcPlotRgba *c)
{
  cairo_set_source_rgba (cr, c->r, c->g, c->b, c->a);
}

void
oc_plot_set_color_alpha (cairo_t *cr, const OcPlotRgba *c, double alpha)
{
  cairo_set_source_rgba (cr, c->r, c->g, c->b, c->a * alpha);
}
