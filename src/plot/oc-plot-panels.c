/* oc-plot-panels.c — several figures on one canvas: a row of panels (a column when the canvas is
 * taller than wide) under the parent's title, every panel drawn by its own kind's routine with
 * the parent's font size, so a two-panel slide reads as one figure.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>

#include "oc-plot-private.h"
#include "oc-config.h"
#include <glib/gi18n-lib.h>

void
oc_plot_draw_panels (OcPlotCtx *ctx, const OcPlotFigure *figure)
{
  double top = oc_plot_draw_title (ctx, figure, FALSE);
  guint n = figure->panels != NULL ? figure->panels->len : 0;
  double total = 0, at = 0, w = ctx->width, h = ctx->height - top;
  gboolean row = w >= h;
  OcPlotTheme theme = *ctx->theme;

  if (n == 0)
    {
      OcPlotRect r = { 0, top, w, h };

      oc_plot_draw_no_data (ctx, &r, _("No panels to show."));
      return;
    }
  /* One font size for all: the parent canvas's. */
  theme.em_fixed = ctx->em / ctx->theme->font_scale;
  for (guint i = 0; i < n; i++)
    total += g_array_index (figure->panel_weights, double, i);
  for (guint i = 0; i < n; i++)
    {
      const OcPlotFigure *panel = g_ptr_array_index (figure->panels, i);
      double share = g_array_index (figure->panel_weights, double, i) / total;
      double pw = row ? w * share : w, ph = row ? h : h * share;
      double px = row ? at : 0, py = row ? top : top + at;

      cairo_save (ctx->cr);
      cairo_translate (ctx->cr, px, py);
      oc_plot_figure_draw_recording (panel, ctx->cr, pw, ph, &theme,
                                     oc_plot_record_panel (ctx, panel, px, py, pw, ph, &theme));
      cairo_restore (ctx->cr);
      at += row ? pw : ph;
    }
}
