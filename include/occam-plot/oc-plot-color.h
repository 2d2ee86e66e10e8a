/* oc-plot-color.h — colours, the categorical palette and the colormaps.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* sRGB components and alpha, each 0..1. */
typedef struct
{
  double r, g, b, a;
} OcPlotRgba;

typedef enum
{
  OC_PLOT_COLORMAP_SEQUENTIAL, /* viridis-like: dark violet to yellow, lightness strictly rising */
  OC_PLOT_COLORMAP_DIVERGING,  /* blue - near white - red for signed values, centred on 0 */
  OC_PLOT_COLORMAP_GRAY,       /* black to white, for images */
} OcPlotColormap;

/* Colour at @t in 0..1 (clamped; NAN gives transparent). */
OcPlotRgba oc_plot_colormap_eval (OcPlotColormap map, double t);
/* The 256-entry sRGB table behind @map; row i is the colour at t = i / 255. */
const guint8 (*oc_plot_colormap_table (OcPlotColormap map))[3];

/* CIE L* (0 black .. 100 white) of an sRGB colour, ignoring alpha. */
double oc_plot_rgba_lightness (const OcPlotRgba *color);
/* WCAG contrast ratio (1..21) between two opaque colours. */
double oc_plot_rgba_contrast (const OcPlotRgba *a, const OcPlotRgba *b);

/* Parses "#rrggbb" or "#rrggbbaa". */
gboolean oc_plot_rgba_parse (OcPlotRgba *color, const char *spec);

G_END_DECLS
