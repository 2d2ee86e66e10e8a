/* oc-plot-xy.c — the line / band figure: learning curves, double descent, sparsity curves.
 *
 * Order of work: fit the axes to the finite data, lay out the frame, mark where the data falls,
 * place reference labels, annotations and the legend around it (re-laying out with the legend
 * above the plot when no corner is free), then draw back to front.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>

#include "oc-plot-private.h"
#include "oc-config.h"
#include <glib/gi18n-lib.h>

static void
extend (double *min, double *max, double v)
{
  if (isnan (*min) || v < *min)
    *min = v;
  if (isnan (*max) || v > *max)
    *max = v;
}

/* Data extents per axis (X, Y, Y2) over the values each axis can show. Returns the number of
 * finite points. */
gsize
oc_plot_series_extents (const OcPlotFigure *figure, OcPlotFrameSpec *spec)
{
  gsize n_points = 0;

  for (int i = 0; i < 3; i++)
    spec->min[i] = spec->max[i] = NAN;
  for (guint i = 0; i < figure->series->len; i++)
    {
      const OcPlotSeries *s = g_ptr_array_index (figure->series, i);
      int yi = s->axis == OC_PLOT_AXIS_Y2 ? 2 : 1;
      OcPlotScaleKind xk = figure->axes[OC_PLOT_AXIS_X].kind;
      OcPlotScaleKind yk = figure->axes[s->axis].kind;

      if (s->axis == OC_PLOT_AXIS_Y2)
        spec->has_y2 = TRUE;
      for (gsize k = 0; k < s->n; k++)
        {
          gboolean x_ok = oc_plot_scale_kind_accepts (xk, s->x[k]);

          if (!x_ok)
            continue;
          if (oc_plot_scale_kind_accepts (yk, s->y[k]))
            {
              extend (&spec->min[0], &spec->max[0], s->x[k]);
              extend (&spec->min[yi], &spec->max[yi], s->y[k]);
              n_points++;
            }
          if (s->lo && oc_plot_scale_kind_accepts (yk, s->lo[k])
              && oc_plot_scale_kind_accepts (yk, s->hi[k]))
            {
              extend (&spec->min[0], &spec->max[0], s->x[k]);
              extend (&spec->min[yi], &spec->max[yi], s->lo[k]);
              extend (&spec->min[yi], &spec->max[yi], s->hi[k]);
            }
        }
    }
  /* Reference lines were asked for explicitly, so the range shows them. */
  for (guint i = 0; i < figure->references->len && n_points > 0; i++)
    {
      const OcPlotReference *ref = &g_array_index (figure->references, OcPlotReference, i);
      int ai = ref->axis == OC_PLOT_AXIS_X ? 0 : ref->axis == OC_PLOT_AXIS_Y2 ? 2 : 1;

      if (oc_plot_scale_kind_accepts (figure->axes[ref->axis].kind, ref->value))
        extend (&spec->min[ai], &spec->max[ai], ref->value);
    }
  return n_points;
}

static void
occupy_series (OcPlotCtx *ctx, const OcPlotFigure *figure, const OcPlotFrame *frame,
               OcPlotOccupancy *occ, gpointer data)
{
  oc_plot_series_draw_all (ctx, figure, frame, occ, FALSE);
}

void
oc_plot_draw_xy (OcPlotCtx *ctx, const OcPlotFigure *figure)
{
  OcPlotFrameSpec spec = { .pad = 0.04 };
  OcPlotAxesLayout l = { 0 };

  if (oc_plot_series_extents (figure, &spec) == 0)
    {
      double top = oc_plot_draw_title (ctx, figure, FALSE);
      OcPlotRect r = { 0, top, ctx->width, ctx->height - top };

      if (figure->empty_heading != NULL)
        oc_plot_draw_message (ctx, &r, figure->empty_heading, figure->empty_detail);
      else
        oc_plot_draw_no_data (ctx, &r, figure->series->len == 0
                                         ? _("The figure has no series.")
                                         : _("Every value is missing or cannot be shown on this "
                                           "axis."));
      return;
    }
  l.n_items = oc_plot_series_legend_items (ctx, figure, l.items, OC_PLOT_MAX_LEGEND);
  oc_plot_axes_layout (ctx, figure, &spec, occupy_series, NULL, &l);
  oc_plot_record_frame (ctx, &l.frame);

  oc_plot_draw_title (ctx, figure, FALSE);
  oc_plot_frame_draw_grid (ctx, &l.frame);
  oc_plot_references_draw_lines (ctx, figure, &l.frame);
  oc_plot_series_draw_all (ctx, figure, &l.frame, NULL, TRUE);
  oc_plot_axes_draw_overlays (ctx, figure, &l);
  oc_plot_axes_layout_clear (&l);
}
