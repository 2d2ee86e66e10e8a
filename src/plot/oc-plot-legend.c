/* oc-plot-legend.c — the legend, reference lines and annotations: text placed where no data is.
 *
 * Each of them tries a short list of candidate spots in order of preference and takes the first
 * (legend) or least (labels) covered one according to the occupancy grid, then marks its own spot
 * so later labels avoid it too.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>

#include "oc-plot-private.h"

#define LEGEND_SIZE 0.85
#define SWATCH_W    1.9 /* em */
#define INSET       0.5 /* em: distance from the plot's edges */

void
oc_plot_draw_marker (cairo_t *cr, guint shape, double x, double y, double r)
{
  switch (shape)
    {
    case OC_PLOT_MARKER_STAR:
      r *= 1.45;
      for (int k = 0; k < 10; k++)
        {
          double a = -G_PI / 2 + k * G_PI / 5, rr = k % 2 == 0 ? r : r * 0.45;

          if (k == 0)
            cairo_move_to (cr, x + rr * cos (a), y + rr * sin (a));
          else
            cairo_line_to (cr, x + rr * cos (a), y + rr * sin (a));
        }
      cairo_close_path (cr);
      break;
    case 0:
      cairo_new_sub_path (cr);
      cairo_arc (cr, x, y, r, 0, 2 * G_PI);
      break;
    case 1:
      r *= 0.9;
      cairo_rectangle (cr, x - r, y - r, 2 * r, 2 * r);
      break;
    case 2:
      r *= 1.2;
      cairo_move_to (cr, x, y - r);
      cairo_line_to (cr, x + r * 0.866, y + r * 0.5);
      cairo_line_to (cr, x - r * 0.866, y + r * 0.5);
      cairo_close_path (cr);
      break;
    case 3:
      r *= 1.2;
      cairo_move_to (cr, x, y - r);
      cairo_line_to (cr, x + r, y);
      cairo_line_to (cr, x, y + r);
      cairo_line_to (cr, x - r, y);
      cairo_close_path (cr);
      break;
    default:
      r *= 1.2;
      cairo_move_to (cr, x, y + r);
      cairo_line_to (cr, x + r * 0.866, y - r * 0.5);
      cairo_line_to (cr, x - r * 0.866, y - r * 0.5);
      cairo_close_path (cr);
      break;
    }
}

static double
row_height (OcPlotCtx *ctx)
{
  double h;

  oc_plot_text_size (ctx, "Ag", LEGEND_SIZE, 0, NULL, &h);
  return h * 1.15;
}

static double
item_width (OcPlotCtx *ctx, const OcPlotLegendItem *item)
{
  double w;

  oc_plot_text_size (ctx, item->name, LEGEND_SIZE, 0, &w, NULL);
  return (SWATCH_W + 0.45) * ctx->em + w;
}

static void
draw_swatch (OcPlotCtx *ctx, const OcPlotLegendItem *it, double x, double y, double h)
{
  cairo_t *cr = ctx->cr;
  double w = SWATCH_W * ctx->em;
  double cy = y + h / 2;

  cairo_save (cr);
  if (it->band || it->filled)
    {
      double bh = it->filled ? h * 0.62 : h * 0.7;

      cairo_rectangle (cr, x, cy - bh / 2, w, bh);
      oc_plot_set_color_alpha (cr, &it->color, it->filled ? 0.45 : ctx->theme->band_alpha);
      cairo_fill_preserve (cr);
      if (it->filled)
        {
          oc_plot_set_color (cr, &it->color);
          cairo_set_line_width (cr, ctx->lw);
          cairo_stroke (cr);
        }
      cairo_new_path (cr);
    }
  if (it->style & OC_PLOT_STYLE_LINE)
    {
      cairo_set_line_width (cr, ctx->lw * 1.8);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
      if (it->style & OC_PLOT_STYLE_DASHED)
        {
          /* Start on a dash so short swatches still read as dashed. */
          double d[2] = { w / 3.2, w / 8 };

          cairo_set_dash (cr, d, 2, 0);
        }
      cairo_move_to (cr, x, cy);
      cairo_line_to (cr, x + w, cy);
      if (it->halo)
        {
          cairo_save (cr);
          cairo_set_line_width (cr, ctx->lw * 1.8 * 2.2);
          oc_plot_set_color (cr, &oc_plot_halo_color);
          cairo_stroke_preserve (cr);
          cairo_restore (cr);
        }
      oc_plot_set_color (cr, &it->color);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }
  if (it->style & OC_PLOT_STYLE_MARKERS)
    {
      /* Big markers stay within the legend row. */
      oc_plot_draw_marker (cr, it->marker, x + w / 2, cy,
                           ctx->lw * 2.6 * (it->marker_scale > 0
                                            ? CLAMP (it->marker_scale, 0.5, 1.6) : 1));
      oc_plot_set_color (cr, &it->color);
      cairo_fill_preserve (cr);
      oc_plot_set_color (cr, it->halo ? &oc_plot_halo_color : &ctx->theme->background);
      cairo_set_line_width (cr, ctx->lw * (it->halo ? 0.9 : 0.6));
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

static void
box_size (OcPlotCtx *ctx, const OcPlotLegendItem *items, guint n, double *w, double *h)
{
  double mw = 0;

  for (guint i = 0; i < n; i++)
    mw = MAX (mw, item_width (ctx, &items[i]));
  *w = mw + 1.0 * ctx->em;
  *h = n * row_height (ctx) + 0.7 * ctx->em;
}

gboolean
oc_plot_legend_place_inside (OcPlotCtx *ctx, const OcPlotFrame *frame, OcPlotOccupancy *occ,
                             const OcPlotLegendItem *items, guint n, OcPlotRect *where)
{
  const OcPlotRect *p = &frame->plot;
  double m = INSET * ctx->em;
  double w, h;
  /* Corners first (they are where curves usually are not), then the middles of the edges. */
  static const double spots[][2] = {
    { 1, 0 }, { 0, 0 }, { 1, 1 }, { 0, 1 }, { 0.5, 0 }, { 0.5, 1 }, { 1, 0.5 }, { 0, 0.5 },
  };

  if (n == 0)
    return TRUE;
  box_size (ctx, items, n, &w, &h);
  if (w > p->w - 2 * m || h > p->h - 2 * m)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (spots); i++)
    {
      OcPlotRect r = { p->x + m + spots[i][0] * (p->w - 2 * m - w),
                       p->y + m + spots[i][1] * (p->h - 2 * m - h), w, h };
      OcPlotRect probe = { r.x - 0.2 * ctx->em, r.y - 0.2 * ctx->em, r.w + 0.4 * ctx->em,
                           r.h + 0.4 * ctx->em };

      if (oc_plot_occupancy_count (occ, &probe) == 0)
        {
          *where = r;
          oc_plot_occupancy_rect (occ, &r);
          return TRUE;
        }
    }
  return FALSE;
}

/* Lays items out in rows no wider than @max_w; fills @row_of and returns the number of rows. */
static guint
flow_rows (OcPlotCtx *ctx, const OcPlotLegendItem *items, guint n, double max_w, guint *row_of,
           double *row_w)
{
  guint rows = 0;
  double x = 0, gap = 1.2 * ctx->em;

  for (guint i = 0; i < n; i++)
    {
      double w = item_width (ctx, &items[i]);

      if (i == 0 || x + gap + w > max_w)
        {
          rows++;
          x = w;
        }
      else
        x += gap + w;
      row_of[i] = rows - 1;
      if (row_w)
        row_w[rows - 1] = x;
    }
  return rows;
}

double
oc_plot_legend_row_height (OcPlotCtx *ctx, const OcPlotLegendItem *items, guint n, double max_w)
{
  g_autofree guint *row_of = g_new0 (guint, MAX (n, 1));
  guint rows;

  if (n == 0)
    return 0;
  rows = flow_rows (ctx, items, n, max_w, row_of, NULL);
  return rows * row_height (ctx) + 0.4 * ctx->em;
}

void
oc_plot_legend_draw (OcPlotCtx *ctx, const OcPlotLegendItem *items, guint n,
                     const OcPlotRect *where, gboolean rows)
{
  cairo_t *cr = ctx->cr;
  double rh = row_height (ctx);
  double em = ctx->em;

  if (n == 0)
    return;
  if (rows)
    {
      g_autofree guint *row_of = g_new0 (guint, n);
      g_autofree double *row_w = g_new0 (double, n);
      double x = 0;
      guint row = G_MAXUINT;

      flow_rows (ctx, items, n, where->w, row_of, row_w);
      for (guint i = 0; i < n; i++)
        {
          double y = where->y + row_of[i] * rh;

          if (row_of[i] != row)
            {
              row = row_of[i];
              x = where->x + (where->w - row_w[row]) / 2;
            }
          draw_swatch (ctx, &items[i], x, y, rh);
          oc_plot_text_draw (ctx, items[i].name, LEGEND_SIZE, 0, &ctx->theme->text,
                             x + (SWATCH_W + 0.45) * em, y + rh / 2, 0, 0.5, 0);
          x += item_width (ctx, &items[i]) + 1.2 * em;
        }
      return;
    }

  cairo_save (cr);
  cairo_rectangle (cr, where->x, where->y, where->w, where->h);
  oc_plot_set_color_alpha (cr, &ctx->theme->background, 0.88);
  cairo_fill_preserve (cr);
  oc_plot_set_color (cr, &ctx->theme->grid);
  cairo_set_line_width (cr, ctx->lw * 0.8);
  cairo_stroke (cr);
  cairo_restore (cr);
  for (guint i = 0; i < n; i++)
    {
      double x = where->x + 0.5 * em;
      double y = where->y + 0.35 * em + i * rh;

      draw_swatch (ctx, &items[i], x, y, rh);
      oc_plot_text_draw (ctx, items[i].name, LEGEND_SIZE, 0, &ctx->theme->text,
                         x + (SWATCH_W + 0.45) * em, y + rh / 2, 0, 0.5, 0);
    }
}

/* ---- Reference lines ---- */

static OcPlotRgba
reference_color (const OcPlotCtx *ctx)
{
  OcPlotRgba c = ctx->theme->text;

  c.a = 0.7;
  return c;
}

static gboolean
reference_position (const OcPlotFrame *frame, const OcPlotReference *ref, double *pos)
{
  const OcPlotRect *p = &frame->plot;
  gboolean vertical = ref->axis == OC_PLOT_AXIS_X;

  *pos = vertical ? oc_plot_frame_x (frame, ref->value)
                  : oc_plot_frame_y (frame, ref->axis, ref->value);
  if (!isfinite (*pos))
    return FALSE;
  if (vertical)
    return *pos >= p->x - 0.5 && *pos <= p->x + p->w + 0.5;
  return *pos >= p->y - 0.5 && *pos <= p->y + p->h + 0.5;
}

void
oc_plot_references_draw_lines (OcPlotCtx *ctx, const OcPlotFigure *figure,
                               const OcPlotFrame *frame)
{
  const OcPlotRect *p = &frame->plot;
  cairo_t *cr = ctx->cr;
  OcPlotRgba color = reference_color (ctx);
  double d[2] = { 4 * ctx->lw, 3 * ctx->lw };

  cairo_save (cr);
  cairo_set_line_width (cr, ctx->lw * 1.1);
  cairo_set_dash (cr, d, 2, 0);
  oc_plot_set_color (cr, &color);
  for (guint i = 0; i < figure->references->len; i++)
    {
      const OcPlotReference *ref = &g_array_index (figure->references, OcPlotReference, i);
      double pos;

      if (!reference_position (frame, ref, &pos))
        continue;
      if (ref->axis == OC_PLOT_AXIS_X)
        {
          cairo_move_to (cr, pos, p->y);
          cairo_line_to (cr, pos, p->y + p->h);
        }
      else
        {
          cairo_move_to (cr, p->x, pos);
          cairo_line_to (cr, p->x + p->w, pos);
        }
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

void
oc_plot_references_place (OcPlotCtx *ctx, const OcPlotFigure *figure, const OcPlotFrame *frame,
                          OcPlotOccupancy *occ, OcPlotRect *label_rects)
{
  const OcPlotRect *p = &frame->plot;
  double em = ctx->em;
  double m = 0.4 * em;

  /* The lines first, so no label is put across another reference line. */
  for (guint i = 0; i < figure->references->len; i++)
    {
      const OcPlotReference *ref = &g_array_index (figure->references, OcPlotReference, i);
      double pos;

      if (!reference_position (frame, ref, &pos))
        continue;
      if (ref->axis == OC_PLOT_AXIS_X)
        oc_plot_occupancy_segment (occ, pos, p->y, pos, p->y + p->h);
      else
        oc_plot_occupancy_segment (occ, p->x, pos, p->x + p->w, pos);
    }
  for (guint i = 0; i < figure->references->len; i++)
    {
      const OcPlotReference *ref = &g_array_index (figure->references, OcPlotReference, i);
      OcPlotRect cand[6];
      guint n_cand = 0, best = 0, best_count = G_MAXUINT;
      double pos, w, h;

      label_rects[i].w = 0;
      if (ref->label == NULL || !reference_position (frame, ref, &pos))
        continue;
      oc_plot_text_size (ctx, ref->label, 0.85, 0, &w, &h);
      w += 0.5 * em;
      h += 0.2 * em;
      if (ref->axis == OC_PLOT_AXIS_X)
        {
          /* Beside the line: top, bottom, then a third of the way down; right before left. */
          double ys[3] = { p->y + m, p->y + p->h - m - h, p->y + p->h * 0.3 };

          for (int k = 0; k < 3; k++)
            {
              cand[n_cand++] = (OcPlotRect) { pos + 0.3 * em, ys[k], w, h };
              cand[n_cand++] = (OcPlotRect) { pos - 0.3 * em - w, ys[k], w, h };
            }
        }
      else
        {
          double xs[2] = { p->x + p->w - m - w, p->x + m };

          for (int k = 0; k < 2; k++)
            {
              cand[n_cand++] = (OcPlotRect) { xs[k], pos - 0.15 * em - h, w, h };
              cand[n_cand++] = (OcPlotRect) { xs[k], pos + 0.15 * em, w, h };
            }
        }
      for (guint k = 0; k < n_cand; k++)
        {
          guint count;

          if (cand[k].x < p->x || cand[k].x + cand[k].w > p->x + p->w || cand[k].y < p->y
              || cand[k].y + cand[k].h > p->y + p->h)
            continue;
          count = oc_plot_occupancy_count (occ, &cand[k]);
          if (count < best_count)
            {
              best = k;
              best_count = count;
            }
        }
      if (best_count == G_MAXUINT)
        continue; /* no room inside the plot: the line stays, unlabelled */
      label_rects[i] = cand[best];
      oc_plot_occupancy_rect (occ, &cand[best]);
    }
}

void
oc_plot_references_draw_labels (OcPlotCtx *ctx, const OcPlotFigure *figure,
                                const OcPlotRect *label_rects)
{
  cairo_t *cr = ctx->cr;

  for (guint i = 0; i < figure->references->len; i++)
    {
      const OcPlotReference *ref = &g_array_index (figure->references, OcPlotReference, i);
      const OcPlotRect *r = &label_rects[i];

      if (ref->label == NULL || r->w <= 0)
        continue;
      cairo_save (cr);
      cairo_rectangle (cr, r->x, r->y, r->w, r->h);
      oc_plot_set_color_alpha (cr, &ctx->theme->background, 0.85);
      cairo_fill (cr);
      cairo_restore (cr);
      oc_plot_text_draw (ctx, ref->label, 0.85, 0, &ctx->theme->text, r->x + r->w / 2,
                         r->y + r->h / 2, 0.5, 0.5, 0);
    }
}

/* ---- Annotations ---- */

void
oc_plot_annotations_place (OcPlotCtx *ctx, const OcPlotFigure *figure, const OcPlotFrame *frame,
                           OcPlotOccupancy *occ, OcPlotPlacement *placed)
{
  const OcPlotRect *p = &frame->plot;
  double em = ctx->em;
  /* Up-right, up-left, down-right, down-left, then straight right and left. */
  static const double dirs[][2] = {
    { 1, -1 }, { -1, -1 }, { 1, 1 }, { -1, 1 }, { 1, 0 }, { -1, 0 },
  };

  for (guint i = 0; i < figure->annotations->len; i++)
    {
      const OcPlotAnnotation *an = &g_array_index (figure->annotations, OcPlotAnnotation, i);
      double px = oc_plot_frame_x (frame, an->x);
      double py = oc_plot_frame_y (frame, OC_PLOT_AXIS_Y, an->y);
      double w, h, off = 1.2 * em;
      guint best_count = G_MAXUINT;

      placed[i].shown = FALSE;
      if (!isfinite (px) || !isfinite (py) || px < p->x || px > p->x + p->w || py < p->y
          || py > p->y + p->h)
        continue;
      oc_plot_text_size (ctx, an->text, 0.85, 0, &w, &h);
      for (guint k = 0; k < G_N_ELEMENTS (dirs); k++)
        {
          double ax = px + dirs[k][0] * off, ay = py + dirs[k][1] * off;
          OcPlotRect r = { dirs[k][0] > 0 ? ax : ax - w,
                           dirs[k][1] > 0 ? ay : dirs[k][1] < 0 ? ay - h : ay - h / 2, w, h };
          guint count;

          r.x = CLAMP (r.x, p->x + 0.2 * em, p->x + p->w - w - 0.2 * em);
          r.y = CLAMP (r.y, p->y + 0.2 * em, p->y + p->h - h - 0.2 * em);
          count = oc_plot_occupancy_count (occ, &r);
          if (count < best_count)
            {
              placed[i].rect = r;
              placed[i].dx = dirs[k][0];
              placed[i].dy = dirs[k][1];
              best_count = count;
            }
        }
      placed[i].shown = TRUE;
      placed[i].px = px;
      placed[i].py = py;
      oc_plot_occupancy_rect (occ, &placed[i].rect);
    }
}

void
oc_plot_annotations_draw (OcPlotCtx *ctx, const OcPlotFigure *figure,
                          const OcPlotPlacement *placed)
{
  cairo_t *cr = ctx->cr;
  double em = ctx->em;
  double r = ctx->lw * 2.5;

  for (guint i = 0; i < figure->annotations->len; i++)
    {
      const OcPlotAnnotation *an = &g_array_index (figure->annotations, OcPlotAnnotation, i);
      const OcPlotPlacement *pl = &placed[i];
      const OcPlotRect *b = &pl->rect;

      if (!pl->shown)
        continue;
      cairo_save (cr);
      oc_plot_set_color (cr, &ctx->theme->text);
      cairo_set_line_width (cr, ctx->lw * 0.9);
      cairo_new_sub_path (cr);
      cairo_arc (cr, pl->px, pl->py, r, 0, 2 * G_PI);
      cairo_stroke (cr);
      /* A leader from the ring to the nearest corner or side of the text. */
      cairo_move_to (cr, pl->px + pl->dx * r * 0.7, pl->py + pl->dy * r * 0.7);
      cairo_line_to (cr, pl->dx > 0 ? b->x - 0.15 * em : b->x + b->w + 0.15 * em,
                     pl->dy > 0 ? b->y : pl->dy < 0 ? b->y + b->h : b->y + b->h / 2);
      cairo_stroke (cr);
      cairo_restore (cr);
      oc_plot_text_draw (ctx, an->text, 0.85, 0, &ctx->theme->text, b->x, b->y, 0, 0, 0);
    }
}

/* ---- Labels ---- */

#define LABEL_SIZE 0.85

void
oc_plot_labels_place (OcPlotCtx *ctx, const OcPlotFigure *figure, const OcPlotFrame *frame,
                      OcPlotOccupancy *occ, OcPlotRect *rects)
{
  const OcPlotRect *p = &frame->plot;

  for (guint i = 0; i < figure->labels->len; i++)
    {
      const OcPlotAnnotation *label = &g_array_index (figure->labels, OcPlotAnnotation, i);
      double px = oc_plot_frame_x (frame, label->x);
      double w, h, py;

      rects[i] = (OcPlotRect) { 0, 0, 0, 0 };
      oc_plot_text_size (ctx, label->text, LABEL_SIZE, 0, &w, &h);
      py = isnan (label->y) ? p->y + 0.3 * ctx->em + h / 2
                            : oc_plot_frame_y (frame, OC_PLOT_AXIS_Y, label->y);
      if (!isfinite (px) || !isfinite (py) || px < p->x || px > p->x + p->w || py < p->y
          || py > p->y + p->h)
        continue;
      rects[i] = (OcPlotRect) { px - w / 2, py - h / 2, w, h };
      oc_plot_occupancy_rect (occ, &rects[i]);
    }
}

void
oc_plot_labels_draw (OcPlotCtx *ctx, const OcPlotFigure *figure, const OcPlotRect *rects)
{
  for (guint i = 0; i < figure->labels->len; i++)
    {
      const OcPlotAnnotation *label = &g_array_index (figure->labels, OcPlotAnnotation, i);

      if (rects[i].w > 0)
        oc_plot_text_draw (ctx, label->text, LABEL_SIZE, 0, &ctx->theme->text, rects[i].x,
                           rects[i].y, 0, 0, 0);
    }
}
