/* oc-plot-hit.c — see oc-plot-hit.h.
 *
 * The layout is recorded by the drawing routines themselves (oc_plot_figure_draw_recording with
 * a scratch 1 × 1 surface), so a hit lands exactly where the element was drawn, legend and
 * colour bar included. Everything after that is arithmetic on the recorded frame.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "occam-plot/oc-plot-hit.h"
#include "occam-plot/oc-plot-query.h"
#include "oc-plot-private.h"

/* ---- Recording (called by the drawing routines) ---- */

OcPlotLayout *
oc_plot_layout_alloc (const OcPlotFigure *figure, double ox, double oy, double width, double height,
              const OcPlotTheme *theme)
{
  OcPlotLayout *l = g_new0 (OcPlotLayout, 1);

  l->figure = figure;
  l->theme = *theme;
  l->ox = ox;
  l->oy = oy;
  l->width = width;
  l->height = height;
  return l;
}

void
oc_plot_record_frame (OcPlotCtx *ctx, const OcPlotFrame *frame)
{
  OcPlotLayout *l = ctx->record;

  if (l == NULL)
    return;
  l->has_frame = TRUE;
  l->plot = frame->plot;
  for (int i = 0; i < 3; i++)
    l->scale[i] = frame->axis[i].scale;
  l->inverted = frame->axis[1].inverted;
}

void
oc_plot_record_bins (OcPlotCtx *ctx, const double *edges, guint n_bins, double *const *counts,
                     guint n_series)
{
  OcPlotLayout *l = ctx->record;

  if (l == NULL)
    return;
  l->n_bins = n_bins;
  l->edges = g_memdup2 (edges, (n_bins + 1) * sizeof (double));
  l->counts = g_new0 (double, (gsize) n_series * n_bins + 1);
  for (guint i = 0; i < n_series; i++)
    memcpy (l->counts + (gsize) i * n_bins, counts[i], n_bins * sizeof (double));
}

void
oc_plot_record_tiles (OcPlotCtx *ctx, guint n, guint cols, double x0, double y0, double w,
                      double h, double dx, double dy)
{
  OcPlotLayout *l = ctx->record;

  if (l == NULL || cols == 0 || !(w > 0) || !(h > 0))
    return;
  l->n_tiles = n;
  l->tile_cols = cols;
  l->tile_x0 = x0;
  l->tile_y0 = y0;
  l->tile_w = w;
  l->tile_h = h;
  l->tile_dx = dx;
  l->tile_dy = dy;
}

void
oc_plot_record_order (OcPlotCtx *ctx, const guint *row_order, const guint *col_order,
                      gboolean edges)
{
  OcPlotLayout *l = ctx->record;

  if (l == NULL)
    return;
  l->edges_x = edges;
  if (row_order != NULL)
    l->row_order = g_memdup2 (row_order, l->figure->rows * sizeof (guint));
  if (col_order != NULL)
    l->col_order = g_memdup2 (col_order, l->figure->cols * sizeof (guint));
}

OcPlotLayout *
oc_plot_record_panel (OcPlotCtx *ctx, const OcPlotFigure *panel, double x, double y, double w,
                      double h, const OcPlotTheme *theme)
{
  OcPlotLayout *l = ctx->record, *child;

  if (l == NULL)
    return NULL;
  if (l->panels == NULL)
    l->panels = g_ptr_array_new_with_free_func ((GDestroyNotify) oc_plot_layout_free);
  child = oc_plot_layout_alloc (panel, l->ox + x, l->oy + y, w, h, theme);
  g_ptr_array_add (l->panels, child);
  return child;
}

OcPlotLayout *
oc_plot_layout_new (const OcPlotFigure *figure, double width, double height,
                    const OcPlotTheme *theme)
{
  OcPlotLayout *l;
  cairo_surface_t *surface;
  cairo_t *cr;

  g_return_val_if_fail (figure != NULL && theme != NULL, NULL);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cr = cairo_create (surface);
  l = oc_plot_figure_draw_with_layout (figure, cr, width, height, theme);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return l;
}

OcPlotLayout *
oc_plot_figure_draw_with_layout (const OcPlotFigure *figure, cairo_t *cr, double width,
                                 double height, const OcPlotTheme *theme)
{
  OcPlotLayout *l;

  g_return_val_if_fail (figure != NULL && cr != NULL && theme != NULL, NULL);

  l = oc_plot_layout_alloc (figure, 0, 0, width, height, theme);
  oc_plot_figure_draw_recording (figure, cr, width, height, theme, l);
  return l;
}

void
oc_plot_layout_free (OcPlotLayout *layout)
{
  if (layout == NULL)
    return;
  g_free (layout->edges);
  g_free (layout->counts);
  g_free (layout->row_order);
  g_free (layout->col_order);
  if (layout->panels != NULL)
    g_ptr_array_unref (layout->panels);
  g_free (layout);
}

double
oc_plot_layout_get_width (const OcPlotLayout *layout)
{
  return layout->width;
}

double
oc_plot_layout_get_height (const OcPlotLayout *layout)
{
  return layout->height;
}

void
oc_plot_layout_get_origin (const OcPlotLayout *layout, double *x, double *y)
{
  if (x != NULL)
    *x = layout->ox;
  if (y != NULL)
    *y = layout->oy;
}

/* ---- Geometry ---- */

static double
to_x (const OcPlotLayout *l, double v)
{
  return l->ox + l->plot.x + oc_plot_scale_map (&l->scale[0], v) * l->plot.w;
}

static double
to_y (const OcPlotLayout *l, OcPlotAxisId axis, double v)
{
  double t = oc_plot_scale_map (&l->scale[axis == OC_PLOT_AXIS_Y2 ? 2 : 1], v);

  return l->oy + (l->inverted ? l->plot.y + t * l->plot.h : l->plot.y + l->plot.h - t * l->plot.h);
}

static double
from_x (const OcPlotLayout *l, double x)
{
  return oc_plot_scale_unmap (&l->scale[0], (x - l->ox - l->plot.x) / l->plot.w);
}

static double
from_y (const OcPlotLayout *l, double y)
{
  double t = (y - l->oy - l->plot.y) / l->plot.h;

  return oc_plot_scale_unmap (&l->scale[1], l->inverted ? t : 1 - t);
}

static gboolean
in_plot (const OcPlotLayout *l, double x, double y)
{
  x -= l->ox;
  y -= l->oy;
  return l->has_frame && x >= l->plot.x && x <= l->plot.x + l->plot.w && y >= l->plot.y
         && y <= l->plot.y + l->plot.h;
}

/* Where point @k of series @s is drawn; FALSE when the axes cannot show it. */
static gboolean
point_at (const OcPlotLayout *l, guint s, gsize k, double *x, double *y)
{
  const OcPlotFigure *f = l->figure;
  const OcPlotSeries *series = g_ptr_array_index (f->series, s);

  if (series->x == NULL || k >= series->n
      || !oc_plot_scale_kind_accepts (f->axes[OC_PLOT_AXIS_X].kind, series->x[k])
      || !oc_plot_scale_kind_accepts (f->axes[series->axis].kind, series->y[k]))
    return FALSE;
  *x = to_x (l, series->x[k]);
  *y = to_y (l, series->axis, series->y[k]);
  return TRUE;
}

static gboolean
has_points (const OcPlotLayout *l)
{
  return l->has_frame
         && (l->figure->kind == OC_PLOT_KIND_XY || l->figure->kind == OC_PLOT_KIND_FIELD);
}

static gboolean
nearest_point (const OcPlotLayout *l, double x, double y, double radius,
               const gboolean *pickable, OcPlotHit *out)
{
  double best = radius * radius;
  gboolean found = FALSE;

  if (!has_points (l))
    return FALSE;
  for (guint i = 0; i < l->figure->series->len; i++)
    {
      const OcPlotSeries *s = g_ptr_array_index (l->figure->series, i);

      if (pickable != NULL && !pickable[i])
        continue;
      for (gsize k = 0; k < s->n; k++)
        {
          double px, py, d;

          if (!point_at (l, i, k, &px, &py))
            continue;
          d = (px - x) * (px - x) + (py - y) * (py - y);
          if (d <= best)
            {
              best = d;
              *out = (OcPlotHit) { OC_PLOT_HIT_POINT, 0, i, k, 0, 0, px, py };
              found = TRUE;
            }
        }
    }
  return found;
}

/* A matrix cell's hit from its display position (@drow, @dcol): rows as drawn, sorting
 * included. */
static void
cell_hit (const OcPlotLayout *l, guint drow, guint dcol, OcPlotHit *out)
{
  const OcPlotFigure *f = l->figure;

  *out = (OcPlotHit) { .kind = OC_PLOT_HIT_CELL };
  if (f->kind == OC_PLOT_KIND_FIELD)
    {
      /* Samples on a grid over the extent, row 0 at the bottom. */
      double fx = f->cols > 1 ? (double) dcol / (f->cols - 1) : 0.5;
      double fy = f->rows > 1 ? (double) drow / (f->rows - 1) : 0.5;

      out->row = drow;
      out->col = dcol;
      out->x = to_x (l, f->extent[0] + fx * (f->extent[1] - f->extent[0]));
      out->y = to_y (l, OC_PLOT_AXIS_Y, f->extent[2] + fy * (f->extent[3] - f->extent[2]));
      return;
    }
  out->row = l->row_order != NULL ? l->row_order[drow] : drow;
  out->col = l->col_order != NULL ? l->col_order[dcol] : dcol;
  out->x = l->edges_x ? (to_x (l, f->col_edges[dcol]) + to_x (l, f->col_edges[dcol + 1])) / 2
                      : to_x (l, dcol + 0.5);
  out->y = to_y (l, OC_PLOT_AXIS_Y, drow + 0.5);
}

/* Where a stored row/column is shown (the inverse of the sort order). */
static guint
display_index (const guint *order, guint n, guint stored)
{
  for (guint i = 0; order != NULL && i < n; i++)
    if (order[i] == stored)
      return i;
  return stored;
}

static gboolean
has_cells (const OcPlotLayout *l)
{
  const OcPlotFigure *f = l->figure;

  return l->has_frame && f->matrix != NULL && f->rows > 0 && f->cols > 0
         && (f->kind == OC_PLOT_KIND_HEATMAP || f->kind == OC_PLOT_KIND_FIELD);
}

static gboolean
cell_under (const OcPlotLayout *l, double x, double y, OcPlotHit *out)
{
  const OcPlotFigure *f = l->figure;
  double vx, vy;

  if (!has_cells (l) || !in_plot (l, x, y))
    return FALSE;
  vx = from_x (l, x);
  vy = from_y (l, y);
  if (f->kind == OC_PLOT_KIND_FIELD)
    {
      double tx = (vx - f->extent[0]) / (f->extent[1] - f->extent[0]);
      double ty = (vy - f->extent[2]) / (f->extent[3] - f->extent[2]);

      if (!(tx >= 0 && tx <= 1 && ty >= 0 && ty <= 1))
        return FALSE;
      cell_hit (l, (guint) lround (ty * (f->rows - 1)), (guint) lround (tx * (f->cols - 1)), out);
      return TRUE;
    }
  if (l->edges_x)
    {
      /* The column whose span holds vx: its index on a scale of cell indices. */
      guint c = 0;

      if (!(vx >= f->col_edges[0] && vx <= f->col_edges[f->cols]))
        return FALSE;
      while (c + 1 < f->cols && vx >= f->col_edges[c + 1])
        c++;
      vx = c;
    }
  if (!(vx >= 0 && vx < f->cols + 1e-9 && vy >= 0 && vy < f->rows + 1e-9))
    return FALSE;
  cell_hit (l, MIN ((guint) vy, f->rows - 1), MIN ((guint) vx, f->cols - 1), out);
  return TRUE;
}

static void
bin_hit (const OcPlotLayout *l, guint bin, OcPlotHit *out)
{
  guint n_series = l->figure->series->len;
  double top = 0;

  *out = (OcPlotHit) { .kind = OC_PLOT_HIT_BIN, .index = bin };
  for (guint i = 0; i < n_series; i++)
    if (l->counts[(gsize) i * l->n_bins + bin] > top)
      {
        top = l->counts[(gsize) i * l->n_bins + bin];
        out->series = i;
      }
  out->x = (to_x (l, l->edges[bin]) + to_x (l, l->edges[bin + 1])) / 2;
  out->y = top > 0 ? to_y (l, OC_PLOT_AXIS_Y, top) : l->oy + l->plot.y + l->plot.h;
  if (!isfinite (out->y))
    out->y = l->oy + l->plot.y + l->plot.h;
  out->y = CLAMP (out->y, l->oy + l->plot.y, l->oy + l->plot.y + l->plot.h);
}

/* Tile @index's top left corner as drawn (figure coordinates). */
static void
tile_corner (const OcPlotLayout *l, guint index, double *x, double *y)
{
  *x = l->tile_x0 + (index % l->tile_cols) * l->tile_dx;
  *y = l->tile_y0 + (index / l->tile_cols) * l->tile_dy;
}

/* The tile under (@x, @y) in figure coordinates, from the recorded grid (as drawn): no second
 * layout pass, which measures text and would cost every pointer move milliseconds. */
static gboolean
pick_tile (const OcPlotLayout *l, double x, double y, guint *index)
{
  double col, row, tx, ty;
  guint i;

  if (l->n_tiles == 0)
    return FALSE;
  col = floor ((x - l->tile_x0) / l->tile_dx);
  row = floor ((y - l->tile_y0) / l->tile_dy);
  if (col < 0 || row < 0 || col >= l->tile_cols)
    return FALSE;
  if (row * l->tile_cols + col >= l->n_tiles)
    return FALSE;
  i = (guint) row * l->tile_cols + (guint) col;
  tile_corner (l, i, &tx, &ty);
  if (x < tx || x > tx + l->tile_w || y < ty || y > ty + l->tile_h)
    return FALSE;
  *index = i;
  return TRUE;
}

static void
image_hit (const OcPlotLayout *l, guint index, OcPlotHit *out)
{
  double x, y;

  tile_corner (l, index, &x, &y);
  *out = (OcPlotHit) { .kind = OC_PLOT_HIT_IMAGE, .index = index };
  out->x = l->ox + x + l->tile_w / 2;
  out->y = l->oy + y + l->tile_h / 2;
}

/* ---- Hits ---- */

gboolean
oc_plot_layout_hit (const OcPlotLayout *layout, double x, double y, double radius,
                    OcPlotHit *out)
{
  const OcPlotFigure *f;

  g_return_val_if_fail (layout != NULL && out != NULL, FALSE);

  f = layout->figure;
  switch (f->kind)
    {
    case OC_PLOT_KIND_XY:
      return nearest_point (layout, x, y, radius, NULL, out);
    case OC_PLOT_KIND_FIELD:
      return nearest_point (layout, x, y, radius, NULL, out) || cell_under (layout, x, y, out);
    case OC_PLOT_KIND_HEATMAP:
      return cell_under (layout, x, y, out);
    case OC_PLOT_KIND_HISTOGRAM:
      {
        double v;

        if (layout->edges == NULL || !in_plot (layout, x, y))
          return FALSE;
        v = from_x (layout, x);
        for (guint e = 0; e < layout->n_bins; e++)
          if (v >= layout->edges[e] && v <= layout->edges[e + 1])
            {
              bin_hit (layout, e, out);
              return TRUE;
            }
        return FALSE;
      }
    case OC_PLOT_KIND_IMAGE_GRID:
      {
        guint index;

        if (!pick_tile (layout, x - layout->ox, y - layout->oy, &index))
          return FALSE;
        image_hit (layout, index, out);
        return TRUE;
      }
    case OC_PLOT_KIND_PANELS:
      for (guint i = 0; layout->panels != NULL && i < layout->panels->len; i++)
        {
          const OcPlotLayout *p = g_ptr_array_index (layout->panels, i);

          if (x >= p->ox && x < p->ox + p->width && y >= p->oy && y < p->oy + p->height)
            {
              if (!oc_plot_layout_hit (p, x, y, radius, out))
                return FALSE;
              out->panel = i;
              return TRUE;
            }
        }
      return FALSE;
    default:
      return FALSE;
    }
}

/* The first point of series @s from index @k on (@dir +1) or back (@dir −1) that can be shown. */
static gboolean
point_from (const OcPlotLayout *l, guint s, gssize k, int dir, OcPlotHit *out)
{
  const OcPlotSeries *series = g_ptr_array_index (l->figure->series, s);

  for (; k >= 0 && (gsize) k < series->n; k += dir)
    {
      double px, py;

      if (point_at (l, s, (gsize) k, &px, &py))
        {
          *out = (OcPlotHit) { OC_PLOT_HIT_POINT, 0, s, (gsize) k, 0, 0, px, py };
          return TRUE;
        }
    }
  return FALSE;
}

gboolean
oc_plot_layout_first (const OcPlotLayout *layout, OcPlotHit *out)
{
  const OcPlotFigure *f;

  g_return_val_if_fail (layout != NULL && out != NULL, FALSE);

  f = layout->figure;
  if (has_points (layout))
    for (guint i = 0; i < f->series->len; i++)
      if (point_from (layout, i, 0, 1, out))
        return TRUE;
  if (has_cells (layout))
    {
      cell_hit (layout, 0, 0, out);
      return TRUE;
    }
  if (f->kind == OC_PLOT_KIND_HISTOGRAM && layout->edges != NULL && layout->n_bins > 0)
    {
      bin_hit (layout, 0, out);
      return TRUE;
    }
  if (f->kind == OC_PLOT_KIND_IMAGE_GRID && layout->n_tiles > 0)
    {
      image_hit (layout, 0, out);
      return TRUE;
    }
  for (guint i = 0; f->kind == OC_PLOT_KIND_PANELS && layout->panels != NULL
                    && i < layout->panels->len; i++)
    if (oc_plot_layout_first (g_ptr_array_index (layout->panels, i), out))
      {
        out->panel = i;
        return TRUE;
      }
  return FALSE;
}

/* Up/down on a curve: the other series' point drawn nearest to @from's x. */
static gboolean
other_series (const OcPlotLayout *l, const OcPlotHit *from, int dy, OcPlotHit *out)
{
  const OcPlotFigure *f = l->figure;

  for (gint64 s = (gint64) from->series + dy; s >= 0 && s < f->series->len; s += dy)
    {
      const OcPlotSeries *series = g_ptr_array_index (f->series, s);
      double best = INFINITY;
      gboolean found = FALSE;

      for (gsize k = 0; k < series->n; k++)
        {
          double px, py;

          if (point_at (l, (guint) s, k, &px, &py) && fabs (px - from->x) < best)
            {
              best = fabs (px - from->x);
              *out = (OcPlotHit) { OC_PLOT_HIT_POINT, 0, (guint) s, k, 0, 0, px, py };
              found = TRUE;
            }
        }
      if (found)
        return TRUE;
    }
  return FALSE;
}

static gboolean
step_image (const OcPlotLayout *l, const OcPlotHit *from, int dx, int dy, OcPlotHit *out)
{
  gint64 to;

  if (l->n_tiles == 0)
    return FALSE;
  to = (gint64) from->index + dx + (gint64) dy * l->tile_cols;
  if (to < 0 || to >= l->n_tiles || (dx == 0 && dy == 0))
    return FALSE;
  image_hit (l, (guint) to, out);
  return TRUE;
}

static gboolean
step_cell (const OcPlotLayout *l, const OcPlotHit *from, int dx, int dy, OcPlotHit *out)
{
  const OcPlotFigure *f = l->figure;
  gint64 r, c;

  if (f->kind == OC_PLOT_KIND_FIELD)
    {
      /* Row 0 is at the bottom: up goes to the next row. */
      r = (gint64) from->row - dy;
      c = (gint64) from->col + dx;
    }
  else
    {
      r = (gint64) display_index (l->row_order, f->rows, from->row) + dy;
      c = (gint64) display_index (l->col_order, f->cols, from->col) + dx;
    }
  if (r < 0 || c < 0 || r >= f->rows || c >= f->cols)
    return FALSE;
  cell_hit (l, (guint) r, (guint) c, out);
  return TRUE;
}

gboolean
oc_plot_layout_step (const OcPlotLayout *layout, const OcPlotHit *from, int dx, int dy,
                     OcPlotHit *out)
{
  g_return_val_if_fail (layout != NULL && from != NULL && out != NULL, FALSE);

  if (layout->figure->kind == OC_PLOT_KIND_PANELS)
    {
      guint n = layout->panels != NULL ? layout->panels->len : 0;

      if (from->panel >= n)
        return FALSE;
      if (oc_plot_layout_step (g_ptr_array_index (layout->panels, from->panel), from, dx, dy,
                               out))
        {
          out->panel = from->panel;
          return TRUE;
        }
      /* Off the edge of a panel: on to the next one that way. */
      for (gint64 p = (gint64) from->panel + (dx + dy > 0 ? 1 : -1); dx + dy != 0 && p >= 0
                                                                      && p < n;
           p += dx + dy > 0 ? 1 : -1)
        if (oc_plot_layout_first (g_ptr_array_index (layout->panels, p), out))
          {
            out->panel = (guint) p;
            return TRUE;
          }
      return FALSE;
    }
  switch (from->kind)
    {
    case OC_PLOT_HIT_POINT:
      if (!has_points (layout) || from->series >= layout->figure->series->len)
        return FALSE;
      if (dy != 0)
        return other_series (layout, from, dy > 0 ? 1 : -1, out);
      return dx != 0 && point_from (layout, from->series, (gssize) from->index + dx,
                                    dx > 0 ? 1 : -1, out);
    case OC_PLOT_HIT_BIN:
      {
        gint64 to = (gint64) from->index + dx;

        if (layout->edges == NULL || dx == 0 || to < 0 || to >= layout->n_bins)
          return FALSE;
        bin_hit (layout, (guint) to, out);
        return TRUE;
      }
    case OC_PLOT_HIT_CELL:
      return has_cells (layout) && step_cell (layout, from, dx, dy, out);
    case OC_PLOT_HIT_IMAGE:
      return layout->figure->kind == OC_PLOT_KIND_IMAGE_GRID
             && step_image (layout, from, dx, dy, out);
    default:
      return FALSE;
    }
}

gboolean
oc_plot_layout_locate (const OcPlotLayout *layout, OcPlotHit *hit)
{
  const OcPlotFigure *f;
  OcPlotHit at;

  g_return_val_if_fail (layout != NULL && hit != NULL, FALSE);

  f = layout->figure;
  if (f->kind == OC_PLOT_KIND_PANELS)
    {
      guint panel = hit->panel;

      if (layout->panels == NULL || panel >= layout->panels->len
          || !oc_plot_layout_locate (g_ptr_array_index (layout->panels, panel), hit))
        return FALSE;
      hit->panel = panel;
      return TRUE;
    }
  switch (hit->kind)
    {
    case OC_PLOT_HIT_POINT:
      if (!has_points (layout) || hit->series >= f->series->len
          || !point_at (layout, hit->series, hit->index, &at.x, &at.y))
        return FALSE;
      break;
    case OC_PLOT_HIT_BIN:
      if (layout->edges == NULL || hit->index >= layout->n_bins)
        return FALSE;
      bin_hit (layout, (guint) hit->index, &at);
      break;
    case OC_PLOT_HIT_CELL:
      if (!has_cells (layout) || hit->row >= f->rows || hit->col >= f->cols)
        return FALSE;
      if (f->kind == OC_PLOT_KIND_FIELD)
        cell_hit (layout, hit->row, hit->col, &at);
      else
        cell_hit (layout, display_index (layout->row_order, f->rows, hit->row),
                  display_index (layout->col_order, f->cols, hit->col), &at);
      break;
    case OC_PLOT_HIT_IMAGE:
      if (f->kind != OC_PLOT_KIND_IMAGE_GRID || hit->index >= layout->n_tiles)
        return FALSE;
      image_hit (layout, (guint) hit->index, &at);
      break;
    default:
      return FALSE;
    }
  hit->x = at.x;
  hit->y = at.y;
  hit->panel = 0;
  return TRUE;
}

const OcPlotFigure *
oc_plot_layout_hit_figure (const OcPlotLayout *layout, const OcPlotHit *hit)
{
  g_return_val_if_fail (layout != NULL && hit != NULL, NULL);

  if (layout->figure->kind == OC_PLOT_KIND_PANELS && layout->panels != NULL
      && hit->panel < layout->panels->len)
    return ((const OcPlotLayout *) g_ptr_array_index (layout->panels, hit->panel))->figure;
  return layout->figure;
}

/* ---- Reading a hit ---- */

/* Appends @name and frees it. */
static void
append_take (GString *s, char *name)
{
  g_string_append (s, name);
  g_free (name);
}

char *
oc_plot_layout_describe_hit (const OcPlotLayout *layout, const OcPlotHit *hit)
{
  const OcPlotFigure *f;
  GString *s = g_string_new (NULL);

  g_return_val_if_fail (layout != NULL && hit != NULL, NULL);

  f = oc_plot_layout_hit_figure (layout, hit);
  if (layout->figure->kind == OC_PLOT_KIND_PANELS && layout->panels != NULL
      && hit->panel < layout->panels->len)
    layout = g_ptr_array_index (layout->panels, hit->panel);
  switch (hit->kind)
    {
    case OC_PLOT_HIT_POINT:
      {
        const OcPlotSeries *series;

        if (hit->series >= f->series->len)
          break;
        series = g_ptr_array_index (f->series, hit->series);
        if (hit->index >= series->n || series->x == NULL)
          break;
        append_take (s, oc_plot_series_dup_name (f, hit->series));
        g_string_append_printf (s, ": %s ", oc_plot_axis_name (f, OC_PLOT_AXIS_X, "x"));
        oc_plot_append_value (s, series->x[hit->index]);
        g_string_append_printf (s, ", %s ", oc_plot_axis_name (f, series->axis, "y"));
        oc_plot_append_value (s, series->y[hit->index]);
        if (series->lo != NULL && isfinite (series->lo[hit->index])
            && isfinite (series->hi[hit->index]))
          {
            g_string_append_printf (s, " (%s ", _("range"));
            oc_plot_append_value (s, series->lo[hit->index]);
            g_string_append (s, "–");
            oc_plot_append_value (s, series->hi[hit->index]);
            g_string_append (s, ")");
          }
        break;
      }
    case OC_PLOT_HIT_BIN:
      if (layout->edges == NULL || hit->index >= layout->n_bins)
        break;
      g_string_append_printf (s, "%s ", oc_plot_axis_name (f, OC_PLOT_AXIS_X, _("value")));
      oc_plot_append_value (s, layout->edges[hit->index]);
      g_string_append (s, " – ");
      oc_plot_append_value (s, layout->edges[hit->index + 1]);
      g_string_append (s, ":");
      for (guint i = 0; i < f->series->len; i++)
        {
          g_string_append (s, i == 0 ? " " : ", ");
          append_take (s, oc_plot_series_dup_name (f, i));
          g_string_append_printf (s, " %.0f", layout->counts[(gsize) i * layout->n_bins
                                                            + hit->index]);
        }
      break;
    case OC_PLOT_HIT_CELL:
      {
        float v;

        if (f->matrix == NULL || hit->row >= f->rows || hit->col >= f->cols)
          break;
        v = f->matrix[(gsize) hit->row * f->cols + hit->col];
        if (f->kind == OC_PLOT_KIND_FIELD)
          {
            double fx = f->cols > 1 ? (double) hit->col / (f->cols - 1) : 0.5;
            double fy = f->rows > 1 ? (double) hit->row / (f->rows - 1) : 0.5;

            g_string_append_printf (s, "%s ", oc_plot_axis_name (f, OC_PLOT_AXIS_X, "x"));
            oc_plot_append_value (s, f->extent[0] + fx * (f->extent[1] - f->extent[0]));
            g_string_append_printf (s, ", %s ", oc_plot_axis_name (f, OC_PLOT_AXIS_Y, "y"));
            oc_plot_append_value (s, f->extent[2] + fy * (f->extent[3] - f->extent[2]));
          }
        else
          {
            g_string_append_printf (s, "%s ", oc_plot_axis_name (f, OC_PLOT_AXIS_Y, _("row")));
            append_take (s, oc_plot_axis_dup_index_name (f, OC_PLOT_AXIS_Y, hit->row));
            g_string_append_printf (s, ", %s ", oc_plot_axis_name (f, OC_PLOT_AXIS_X, _("column")));
            append_take (s, oc_plot_axis_dup_index_name (f, OC_PLOT_AXIS_X, hit->col));
          }
        g_string_append_printf (s, ": %s ", oc_plot_axis_name (f, OC_PLOT_AXIS_COLOR, _("value")));
        oc_plot_append_value (s, v);
        break;
      }
    case OC_PLOT_HIT_IMAGE:
      {
        const OcPlotImage *image;

        if (hit->index >= f->images->len)
          break;
        image = g_ptr_array_index (f->images, hit->index);
        if (image->label != NULL && *image->label != '\0')
          g_string_append (s, image->label);
        else
          g_string_append_printf (s, _("image %u"), (guint) hit->index + 1);
        if (image->marked && f->mark_label != NULL)
          g_string_append_printf (s, " (%s)", f->mark_label);
        if (image->dimmed)
          g_string_append_printf (s, " (%s)", _("dimmed"));
        break;
      }
    default:
      break;
    }
  if (s->len == 0)
    {
      g_string_free (s, TRUE);
      return NULL;
    }
  return g_string_free (s, FALSE);
}

/* ---- oc-plot-query.h's pick, on the same layout ---- */

gboolean
oc_plot_figure_pick (const OcPlotFigure *figure, double width, double height,
                     const OcPlotTheme *theme, double x, double y, double radius,
                     const gboolean *pickable, OcPlotPick *out)
{
  g_autoptr (OcPlotLayout) layout = NULL;
  OcPlotHit hit;

  g_return_val_if_fail (figure != NULL && theme != NULL && out != NULL, FALSE);

  if (figure->kind != OC_PLOT_KIND_XY)
    return FALSE;
  layout = oc_plot_layout_new (figure, width, height, theme);
  if (!nearest_point (layout, x, y, radius, pickable, &hit))
    return FALSE;
  *out = (OcPlotPick) { hit.series, hit.index, hit.x, hit.y };
  return TRUE;
}
