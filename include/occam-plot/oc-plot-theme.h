/* oc-plot-theme.h — colours, fonts and stroke widths of a figure.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "occam-plot/oc-plot-color.h"

G_BEGIN_DECLS

typedef enum
{
  OC_PLOT_THEME_LIGHT,
  OC_PLOT_THEME_DARK,
  OC_PLOT_THEME_PRESENTATION, /* light colours, larger type and thicker strokes for a projector */
} OcPlotThemeId;

#define OC_PLOT_PALETTE_SIZE 7

typedef struct
{
  const char *name;
  OcPlotRgba  background;
  OcPlotRgba  text;  /* titles and axis labels */
  OcPlotRgba  muted; /* tick labels, spines, reference lines */
  OcPlotRgba  grid;
  OcPlotRgba  mark; /* marked items in an image grid */
  /* Okabe–Ito colours, ordered so the first ones have the best contrast on this background. */
  OcPlotRgba  palette[OC_PLOT_PALETTE_SIZE];
  const char *font_family;
  /* The base font size ("em") is derived from the canvas so a figure reads the same at any
   * size: em = clamp (sqrt (width * height) * em_per_px, em_min, ∞) * font_scale. A non-zero
   * em_fixed replaces that (a widget on screen wants a constant size). */
  double      em_per_px;
  double      em_min;
  double      em_fixed;
  double      font_scale;
  double      stroke_scale; /* multiplies every line width */
  double      band_alpha;   /* opacity of min–max bands: translucent colour reads weaker on dark */
} OcPlotTheme;

const OcPlotTheme *oc_plot_theme_get (OcPlotThemeId id);
/* "light", "dark" or "presentation". */
gboolean oc_plot_theme_id_from_string (const char *name, OcPlotThemeId *id);

/* The base font size in user units for a @width × @height canvas. */
double oc_plot_theme_em (const OcPlotTheme *theme, double width, double height);

G_END_DECLS
