/* oc-plot-axes.c — the layout every figure with axes shares.
 *
 * Fit the frame, let the figure kind mark where its data falls, place reference labels,
 * annotations and the legend around it (laying out again with the legend in rows above the plot
 * when no spot inside is free), then draw the overlays on top of the data.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>

#include "oc-plot-private.h"

static gboolean
layout_try (OcPlotCtx *ctx, const OcPlotFigure *figure, const OcPlotFrameSpec *spec,
            OcPlotOccupyFunc occupy, gpointer data, OcPlotAxesLayout *l, gboolean legend_above)
{
  oc_plot_frame_layout (ctx, figure, spec, &l->frame);
  l->occ = oc_plot_occupancy_new (&l->frame.plot, ctx->em * 0.4);
  occupy (ctx, figure, &l->frame, l->occ, data);
  oc_plot_references_place (ctx, figure, &l->frame, l->occ, l->ref_rects);
  oc_plot_annotations_place (ctx, figure, &l->frame, l->occ, l->notes);
  oc_plot_labels_place (ctx, figure, &l->frame, l->occ, l->label_rects);
  if (legend_above)
    {
      l->legend_rows = TRUE;
      l->legend = (OcPlotRect) { ctx->pad, l->frame.top, ctx->width - 2 * ctx->pad,
                                 spec->legend_above };
      return TRUE;
    }
  l->legend_rows = FALSE;
  return oc_plot_legend_place_inside (ctx, &l->frame, l->occ, l->items, l->n_items, &l->legend);
}

void
oc_plot_axes_layout (OcPlotCtx *ctx, const OcPlotFigure *figure, OcPlotFrameSpec *spec,
                     OcPlotOccupyFunc occupy, gpointer data, OcPlotAxesLayout *l)
{
  l->ref_rects = g_new0 (OcPlotRect, figure->references->len + 1);
  l->notes = g_new0 (OcPlotPlacement, figure->annotations->len + 1);
  l->label_rects = g_new0 (OcPlotRect, figure->labels->len + 1);
  if (!layout_try (ctx, figure, spec, occupy, data, l, FALSE))
    {
      oc_plot_frame_clear (&l->frame);
      g_clear_pointer (&l->occ, oc_plot_occupancy_free);
      spec->legend_above = oc_plot_legend_row_height (ctx, l->items, l->n_items,
                                                      ctx->width - 2 * ctx->pad);
      layout_try (ctx, figure, spec, occupy, data, l, TRUE);
    }
}

void
oc_plot_axes_draw_overlays (OcPlotCtx *ctx, const OcPlotFigure *figure, OcPlotAxesLayout *l)
{
  oc_plot_frame_draw_axes (ctx, &l->frame);
  oc_plot_references_draw_labels (ctx, figure, l->ref_rects);
  oc_plot_annotations_draw (ctx, figure, l->notes);
  oc_plot_labels_draw (ctx, figure, l->label_rects);
  oc_plot_legend_draw (ctx, l->items, l->n_items, &l->legend, l->legend_rows);
}

void
oc_plot_axes_layout_clear (OcPlotAxesLayout *l)
{
  oc_plot_frame_clear (&l->frame);
  g_clear_pointer (&l->occ, oc_plot_occupancy_free);
  g_clear_pointer (&l->ref_rects, g_free);
  g_clear_pointer (&l->notes, g_free);
  g_clear_pointer (&l->label_rects, g_free);
}
