/* oc-plot-frame.c — title, axes, ticks and grid around a plot rectangle.
 *
 * The margins depend on the tick labels, which depend on how many ticks fit, which depends on
 * the margins; a few rounds of measure-and-retry settle it. Tick labels are measured with Pango
 * and thinned until neighbours keep a gap, so they never overlap, and the margins grow so the
 * outermost ones stay on the canvas.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>

#include "oc-plot-private.h"
#include "oc-config.h"
#include <glib/gi18n-lib.h>

#define TITLE_SIZE 1.2
#define LABEL_SIZE 0.95
#define TICK_SIZE  0.85
#define TICK_LEN   0.35 /* em */
#define GAP        0.4  /* em */

double
oc_plot_draw_title (OcPlotCtx *ctx, const OcPlotFigure *figure, gboolean measure_only)
{
  double h;

  if (figure->title == NULL || figure->title[0] == '\0')
    return ctx->pad;
  h = oc_plot_text_draw_wrapped (ctx, figure->title, TITLE_SIZE, OC_PLOT_TEXT_BOLD,
                                 &ctx->theme->text, ctx->width / 2, ctx->pad,
                                 ctx->width - 2 * ctx->pad, 2, measure_only);
  return ctx->pad + h + ctx->em * 0.5;
}

static void
draw_message (OcPlotCtx *ctx, const OcPlotRect *r, const char *heading, const char *why,
              double w, int max_lines)
{
  double h1, h2 = 0;
  double cy = r->y + r->h / 2;

  oc_plot_text_size (ctx, heading, 1.3, OC_PLOT_TEXT_BOLD, NULL, &h1);
  if (why)
    h2 = max_lines > 2 ? oc_plot_text_draw_wrapped (ctx, why, TICK_SIZE, 0, &ctx->theme->muted,
                                                    0, 0, w, max_lines, TRUE)
                       : (oc_plot_text_size (ctx, why, TICK_SIZE, 0, NULL, &h2), h2);
  oc_plot_text_draw (ctx, heading, 1.3, OC_PLOT_TEXT_BOLD, &ctx->theme->muted, r->x + r->w / 2,
                     cy - h2 / 2, 0.5, 0.5, 0);
  if (why)
    oc_plot_text_draw_wrapped (ctx, why, TICK_SIZE, 0, &ctx->theme->muted, r->x + r->w / 2,
                               cy + h1 / 2 - h2 / 2, w, max_lines, FALSE);
}

void
oc_plot_draw_message (OcPlotCtx *ctx, const OcPlotRect *r, const char *heading, const char *why)
{
  /* A sentence or two: wrapped inside the padding, up to four lines. */
  draw_message (ctx, r, heading, why, r->w - 4 * ctx->pad, 4);
}

void
oc_plot_draw_no_data (OcPlotCtx *ctx, const OcPlotRect *r, const char *why)
{
  draw_message (ctx, r, _("No data"), why, r->w, 2);
}

/* Ticks for a matrix axis with named cells: at cell centres (value i + 0.5), every n-th name
 * when they would not fit. */
static OcPlotTicks *
category_ticks (const OcPlotAxisState *a, guint max_labels)
{
  OcPlotTicks *t = g_new0 (OcPlotTicks, 1);
  g_autoptr (GArray) out = g_array_new (FALSE, FALSE, sizeof (OcPlotTick));
  guint every = MAX ((a->n_categories + max_labels - 1) / MAX (max_labels, 1), 1);

  for (guint i = 0; i < a->n_categories; i += every)
    {
      OcPlotTick tick = { i + 0.5, TRUE, g_strdup (a->categories[i]) };

      g_array_append_val (out, tick);
    }
  t->step = every;
  t->n_ticks = out->len;
  t->ticks = (OcPlotTick *) g_array_free (g_steal_pointer (&out), FALSE);
  return t;
}

static OcPlotTicks *
make_ticks (const OcPlotAxisState *a, guint max_labels)
{
  if (a->n_categories > 0)
    return category_ticks (a, max_labels);
  return oc_plot_ticks_new (&a->scale, max_labels);
}

static double
max_label_width (OcPlotCtx *ctx, const OcPlotTicks *t)
{
  double m = 0;

  for (guint i = 0; i < t->n_ticks; i++)
    if (t->ticks[i].label)
      {
        double w;

        oc_plot_text_size (ctx, t->ticks[i].label, TICK_SIZE, 0, &w, NULL);
        m = MAX (m, w);
      }
  return m;
}

/* X labels: the most labels whose neighbours keep a one-em gap along @length. */
static OcPlotTicks *
fit_x_ticks (OcPlotCtx *ctx, const OcPlotAxisState *a, double length)
{
  guint max_labels = (guint) CLAMP (length / (ctx->em * 3.5), 2, 12);

  for (;; max_labels--)
    {
      OcPlotTicks *t = make_ticks (a, max_labels);
      double prev_x = -INFINITY, prev_w = 0;
      gboolean ok = TRUE;

      for (guint i = 0; i < t->n_ticks && ok; i++)
        {
          double x, w;

          if (!t->ticks[i].label)
            continue;
          x = oc_plot_scale_map (&a->scale, t->ticks[i].value) * length;
          oc_plot_text_size (ctx, t->ticks[i].label, TICK_SIZE, 0, &w, NULL);
          ok = x - w / 2 >= prev_x + prev_w / 2 + ctx->em;
          prev_x = x;
          prev_w = w;
        }
      if (ok || max_labels <= 2)
        return t;
      oc_plot_ticks_free (t);
    }
}

static OcPlotTicks *
fit_y_ticks (OcPlotCtx *ctx, const OcPlotAxisState *a, double length)
{
  double h;

  oc_plot_text_size (ctx, "0", TICK_SIZE, 0, NULL, &h);
  return make_ticks (a, (guint) CLAMP (length / (h * 2.2), 2, 10));
}

/* How far the first and last x labels stick out beyond the plot's left and right edges. */
static void
x_overhang (OcPlotCtx *ctx, const OcPlotAxisState *a, double length, double *left, double *right)
{
  *left = *right = 0;
  for (guint i = 0; i < a->ticks->n_ticks; i++)
    {
      const OcPlotTick *t = &a->ticks->ticks[i];
      double x, w;

      if (!t->label)
        continue;
      x = oc_plot_scale_map (&a->scale, t->value) * length;
      oc_plot_text_size (ctx, t->label, TICK_SIZE, 0, &w, NULL);
      *left = MAX (*left, w / 2 - x);
      *right = MAX (*right, x + w / 2 - length);
    }
}

void
oc_plot_frame_layout (OcPlotCtx *ctx, const OcPlotFigure *figure, const OcPlotFrameSpec *spec,
                      OcPlotFrame *frame)
{
  double em = ctx->em;
  double tick_h, label_h = 0, xlabel_h = 0, ylabel_w = 0, y2label_w = 0;
  double left, right, top, bottom;
  static const OcPlotAxisId ids[3] = { OC_PLOT_AXIS_X, OC_PLOT_AXIS_Y, OC_PLOT_AXIS_Y2 };

  memset (frame, 0, sizeof *frame);
  for (int i = 0; i < 3; i++)
    {
      const OcPlotAxis *ax = &figure->axes[ids[i]];
      OcPlotAxisState *a = &frame->axis[i];
      double lo = isnan (ax->min) ? spec->min[i] : ax->min;
      double hi = isnan (ax->max) ? spec->max[i] : ax->max;

      /* fmin/fmax pass over a NAN side. */
      if (isnan (ax->min) && !isnan (ax->cover_min))
        lo = fmin (lo, ax->cover_min);
      if (isnan (ax->max) && !isnan (ax->cover_max))
        hi = fmax (hi, ax->cover_max);

      a->shown = i < 2 || spec->has_y2;
      a->label = ax->label;
      a->categories = ax->categories;
      a->n_categories = ax->n_categories;
      if (!isnan (ax->min) && !isnan (ax->max) && ax->max > ax->min)
        {
          a->scale.kind = ax->kind;
          a->scale.min = ax->min;
          a->scale.max = ax->max;
        }
      else
        oc_plot_scale_fit (&a->scale, ax->kind, lo, hi, spec->pad, spec->include_zero[i]);
    }
  frame->axis[1].inverted = spec->inverted_y;
  frame->right_reserve = spec->right_reserve;
  frame->legend_above = spec->legend_above;

  oc_plot_text_size (ctx, "0", TICK_SIZE, 0, NULL, &tick_h);
  oc_plot_text_size (ctx, "Ag", LABEL_SIZE, 0, NULL, &label_h);
  if (frame->axis[0].label)
    xlabel_h = label_h + GAP * em;
  if (frame->axis[1].label)
    ylabel_w = label_h + GAP * em;
  if (frame->axis[2].shown && frame->axis[2].label)
    y2label_w = label_h + GAP * em;

  frame->top = oc_plot_draw_title (ctx, figure, TRUE);
  top = frame->top + spec->legend_above + tick_h / 2;
  bottom = ctx->height - ctx->pad - xlabel_h - tick_h - (TICK_LEN + 0.25) * em;
  left = ctx->pad + ylabel_w + 2.5 * em;
  right = ctx->width - ctx->pad - spec->right_reserve - (frame->axis[2].shown ? y2label_w + 2.5 * em : em);

  /* Three rounds: ticks from the current size, margins from the ticks. */
  for (int round = 0; round < 3; round++)
    {
      double w = MAX (right - left, 1), h = MAX (bottom - top, 1);
      double yw, y2w = 0, oh_left, oh_right;

      for (int i = 0; i < 3; i++)
        g_clear_pointer (&frame->axis[i].ticks, oc_plot_ticks_free);
      frame->axis[0].ticks = fit_x_ticks (ctx, &frame->axis[0], w);
      frame->axis[1].ticks = fit_y_ticks (ctx, &frame->axis[1], h);
      if (frame->axis[2].shown)
        frame->axis[2].ticks = fit_y_ticks (ctx, &frame->axis[2], h);
      yw = max_label_width (ctx, frame->axis[1].ticks);
      if (frame->axis[2].shown)
        y2w = max_label_width (ctx, frame->axis[2].ticks);
      x_overhang (ctx, &frame->axis[0], w, &oh_left, &oh_right);
      left = ctx->pad + ylabel_w + yw + (TICK_LEN + 0.25) * em;
      left = MAX (left, ctx->pad + oh_left);
      if (frame->axis[2].shown)
        right = ctx->width - ctx->pad - spec->right_reserve - y2label_w - y2w
                - (TICK_LEN + 0.25) * em;
      else
        right = ctx->width - ctx->pad - spec->right_reserve - MAX (oh_right, 0.25 * em);
      right = MIN (right, ctx->width - ctx->pad - spec->right_reserve - oh_right);
    }
  frame->plot.x = left;
  frame->plot.y = top;
  frame->plot.w = MAX (right - left, 1);
  frame->plot.h = MAX (bottom - top, 1);
}

void
oc_plot_frame_clear (OcPlotFrame *frame)
{
  for (int i = 0; i < 3; i++)
    g_clear_pointer (&frame->axis[i].ticks, oc_plot_ticks_free);
}

double
oc_plot_frame_x (const OcPlotFrame *frame, double v)
{
  return frame->plot.x + oc_plot_scale_map (&frame->axis[0].scale, v) * frame->plot.w;
}

double
oc_plot_frame_y (const OcPlotFrame *frame, OcPlotAxisId axis, double v)
{
  const OcPlotAxisState *a = &frame->axis[axis == OC_PLOT_AXIS_Y2 ? 2 : 1];
  double t = oc_plot_scale_map (&a->scale, v);

  if (a->inverted)
    return frame->plot.y + t * frame->plot.h;
  return frame->plot.y + frame->plot.h - t * frame->plot.h;
}

void
oc_plot_frame_draw_grid (OcPlotCtx *ctx, const OcPlotFrame *frame)
{
  cairo_t *cr = ctx->cr;
  const OcPlotRect *p = &frame->plot;

  cairo_save (cr);
  cairo_set_line_width (cr, ctx->lw * 0.8);
  oc_plot_set_color (cr, &ctx->theme->grid);
  for (guint i = 0; i < frame->axis[0].ticks->n_ticks; i++)
    if (frame->axis[0].ticks->ticks[i].major)
      {
        double x = oc_plot_frame_x (frame, frame->axis[0].ticks->ticks[i].value);

        cairo_move_to (cr, x, p->y);
        cairo_line_to (cr, x, p->y + p->h);
      }
  for (guint i = 0; i < frame->axis[1].ticks->n_ticks; i++)
    if (frame->axis[1].ticks->ticks[i].major)
      {
        double y = oc_plot_frame_y (frame, OC_PLOT_AXIS_Y, frame->axis[1].ticks->ticks[i].value);

        cairo_move_to (cr, p->x, y);
        cairo_line_to (cr, p->x + p->w, y);
      }
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* Ticks and labels of one vertical axis at @x; @dir is -1 (left) or +1 (right). */
static void
draw_y_axis (OcPlotCtx *ctx, const OcPlotFrame *frame, OcPlotAxisId id, double x, int dir,
             double label_x)
{
  const OcPlotAxisState *a = &frame->axis[id == OC_PLOT_AXIS_Y2 ? 2 : 1];
  cairo_t *cr = ctx->cr;
  double em = ctx->em;

  oc_plot_set_color (cr, &ctx->theme->muted);
  for (guint i = 0; i < a->ticks->n_ticks; i++)
    {
      const OcPlotTick *t = &a->ticks->ticks[i];
      double y = oc_plot_frame_y (frame, id, t->value);
      double len = TICK_LEN * em * (t->major ? 1 : 0.55);

      cairo_move_to (cr, x, y);
      cairo_line_to (cr, x + dir * len, y);
    }
  cairo_stroke (cr);
  for (guint i = 0; i < a->ticks->n_ticks; i++)
    {
      const OcPlotTick *t = &a->ticks->ticks[i];

      if (t->label)
        oc_plot_text_draw (ctx, t->label, TICK_SIZE, 0, &ctx->theme->muted,
                           x + dir * (TICK_LEN + 0.25) * em, oc_plot_frame_y (frame, id, t->value),
                           dir < 0 ? 1 : 0, 0.5, 0);
    }
  if (a->label)
    oc_plot_text_draw (ctx, a->label, LABEL_SIZE, 0, &ctx->theme->text, label_x,
                       frame->plot.y + frame->plot.h / 2, 0.5, 0, G_PI / 2);
}

void
oc_plot_frame_draw_axes (OcPlotCtx *ctx, const OcPlotFrame *frame)
{
  cairo_t *cr = ctx->cr;
  const OcPlotRect *p = &frame->plot;
  const OcPlotAxisState *ax = &frame->axis[0];
  double em = ctx->em;
  double bottom = p->y + p->h;

  cairo_save (cr);
  cairo_set_line_width (cr, ctx->lw);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_SQUARE);
  oc_plot_set_color (cr, &ctx->theme->muted);
  cairo_move_to (cr, p->x, p->y);
  cairo_line_to (cr, p->x, bottom);
  cairo_line_to (cr, p->x + p->w, bottom);
  if (frame->axis[2].shown)
    cairo_line_to (cr, p->x + p->w, p->y);
  cairo_stroke (cr);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);

  for (guint i = 0; i < ax->ticks->n_ticks; i++)
    {
      const OcPlotTick *t = &ax->ticks->ticks[i];
      double x = oc_plot_frame_x (frame, t->value);

      cairo_move_to (cr, x, bottom);
      cairo_line_to (cr, x, bottom + TICK_LEN * em * (t->major ? 1 : 0.55));
    }
  cairo_stroke (cr);
  for (guint i = 0; i < ax->ticks->n_ticks; i++)
    {
      const OcPlotTick *t = &ax->ticks->ticks[i];

      if (t->label)
        oc_plot_text_draw (ctx, t->label, TICK_SIZE, 0, &ctx->theme->muted,
                           oc_plot_frame_x (frame, t->value), bottom + (TICK_LEN + 0.25) * em, 0.5,
                           0, 0);
    }
  if (ax->label)
    oc_plot_text_draw (ctx, ax->label, LABEL_SIZE, 0, &ctx->theme->text, p->x + p->w / 2,
                       ctx->height - ctx->pad, 0.5, 1, 0);

  draw_y_axis (ctx, frame, OC_PLOT_AXIS_Y, p->x, -1, ctx->pad);
  if (frame->axis[2].shown)
    {
      double lh;

      oc_plot_text_size (ctx, "Ag", LABEL_SIZE, 0, NULL, &lh);
      draw_y_axis (ctx, frame, OC_PLOT_AXIS_Y2, p->x + p->w, 1,
                   ctx->width - ctx->pad - frame->right_reserve - lh);
    }
  cairo_restore (cr);
}
