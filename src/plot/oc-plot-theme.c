/* oc-plot-theme.c — the three themes.
 *
 * Colours: Okabe & Ito's palette ("Color Universal Design", 2008), distinguishable with the
 * common colour-vision deficiencies. On the dark background its deep blue is too dim (contrast
 * about 3:1), so the dark theme leads with the sky blue of the same hue family instead and moves
 * yellow, unusable on white, forward.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include "oc-plot-private.h"

#define RGB(hex) { ((hex) >> 16 & 0xff) / 255.0, ((hex) >> 8 & 0xff) / 255.0, ((hex) & 0xff) / 255.0, 1 }

#define BLUE       RGB (0x0072B2)
#define VERMILLION RGB (0xD55E00)
#define GREEN      RGB (0x009E73)
#define PURPLE     RGB (0xCC79A7)
#define ORANGE     RGB (0xE69F00)
#define SKY        RGB (0x56B4E9)
#define YELLOW     RGB (0xF0E442)

/* sqrt (640 × 360) / 45 ≈ 10.7 px: the size of screen text on a small figure, and ~1/40 of
 * the height of a 16:9 slide, which is what reads from the back of a room. */
#define EM_PER_PX (1.0 / 45)

static const OcPlotTheme themes[] = {
  [OC_PLOT_THEME_LIGHT] = {
    .name = "light",
    .background = RGB (0xFFFFFF),
    .text = RGB (0x1C1F24),
    .muted = RGB (0x5B616B),
    .grid = RGB (0xE4E7EB),
    .mark = VERMILLION,
    .palette = { BLUE, VERMILLION, GREEN, PURPLE, ORANGE, SKY, YELLOW },
    .font_family = "DejaVu Sans, Sans",
    .em_per_px = EM_PER_PX,
    .em_min = 9,
    .font_scale = 1,
    .stroke_scale = 1,
    .band_alpha = 0.2,
  },
  [OC_PLOT_THEME_DARK] = {
    .name = "dark",
    .background = RGB (0x1B1D22),
    .text = RGB (0xECEEF1),
    .muted = RGB (0xA4AAB4),
    .grid = RGB (0x30343B),
    .mark = ORANGE,
    .palette = { SKY, VERMILLION, GREEN, PURPLE, ORANGE, YELLOW, BLUE },
    .font_family = "DejaVu Sans, Sans",
    .em_per_px = EM_PER_PX,
    .em_min = 9,
    .font_scale = 1,
    .stroke_scale = 1,
    .band_alpha = 0.3,
  },
  [OC_PLOT_THEME_PRESENTATION] = {
    .name = "presentation",
    .background = RGB (0xFFFFFF),
    .text = RGB (0x000000),
    .muted = RGB (0x3D424A),
    .grid = RGB (0xDADDE2),
    .mark = VERMILLION,
    .palette = { BLUE, VERMILLION, GREEN, PURPLE, ORANGE, SKY, YELLOW },
    .font_family = "DejaVu Sans, Sans",
    .em_per_px = EM_PER_PX,
    .em_min = 9,
    .font_scale = 1.3,
    .stroke_scale = 1.7,
    .band_alpha = 0.22,
  },
};

const OcPlotTheme *
oc_plot_theme_get (OcPlotThemeId id)
{
  g_return_val_if_fail ((guint) id < G_N_ELEMENTS (themes), &themes[0]);

  return &themes[id];
}

gboolean
oc_plot_theme_id_from_string (const char *name, OcPlotThemeId *id)
{
  g_return_val_if_fail (id != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (themes); i++)
    if (name != NULL && strcmp (name, themes[i].name) == 0)
      {
        *id = (OcPlotThemeId) i;
        return TRUE;
      }
  return FALSE;
}

double
oc_plot_theme_em (const OcPlotTheme *theme, double width, double height)
{
  double em;

  g_return_val_if_fail (theme != NULL, 10);

  if (theme->em_fixed > 0)
    em = theme->em_fixed;
  else
    em = MAX (sqrt (MAX (width, 1) * MAX (height, 1)) * theme->em_per_px, theme->em_min);
  return em * theme->font_scale;
}
