/* oc-plot-occupancy.c — a coarse grid of the plot area that knows where data was drawn.
 *
 * Legend, reference labels and annotations ask it for a spot that covers nothing. Cells are about
 * half an em, so 10⁶ points cost one pass of cheap integer work.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>

#include "oc-plot-private.h"

struct _OcPlotOccupancy
{
  OcPlotRect area;
  double     cell;
  int        nx, ny;
  guint8    *cells; /* ny rows of nx */
};

OcPlotOccupancy *
oc_plot_occupancy_new (const OcPlotRect *area, double cell)
{
  OcPlotOccupancy *occ = g_new0 (OcPlotOccupancy, 1);

  occ->area = *area;
  occ->cell = MAX (cell, 1);
  occ->nx = MAX ((int) ceil (area->w / occ->cell), 1);
  occ->ny = MAX ((int) ceil (area->h / occ->cell), 1);
  occ->cells = g_new0 (guint8, (gsize) occ->nx * occ->ny);
  return occ;
}

void
oc_plot_occupancy_free (OcPlotOccupancy *occ)
{
  if (occ == NULL)
    return;
  g_free (occ->cells);
  g_free (occ);
}

static void
mark_point (OcPlotOccupancy *occ, double x, double y)
{
  int cx = (int) floor ((x - occ->area.x) / occ->cell);
  int cy = (int) floor ((y - occ->area.y) / occ->cell);

  if (cx >= 0 && cy >= 0 && cx < occ->nx && cy < occ->ny)
    occ->cells[cy * occ->nx + cx] = 1;
}

void
oc_plot_occupancy_segment (OcPlotOccupancy *occ, double x0, double y0, double x1, double y1)
{
  double len = hypot (x1 - x0, y1 - y0);
  int steps;

  if (!isfinite (len))
    return;
  /* Half-cell steps touch every cell the segment crosses. */
  steps = (int) MIN (ceil (len / (occ->cell * 0.5)), 1e6);
  for (int i = 0; i <= steps; i++)
    {
      double t = steps > 0 ? (double) i / steps : 0;

      mark_point (occ, x0 + t * (x1 - x0), y0 + t * (y1 - y0));
    }
}

void
oc_plot_occupancy_rect (OcPlotOccupancy *occ, const OcPlotRect *r)
{
  int cx0 = (int) floor ((r->x - occ->area.x) / occ->cell);
  int cy0 = (int) floor ((r->y - occ->area.y) / occ->cell);
  int cx1 = (int) floor ((r->x + r->w - occ->area.x) / occ->cell);
  int cy1 = (int) floor ((r->y + r->h - occ->area.y) / occ->cell);

  cx0 = MAX (cx0, 0);
  cy0 = MAX (cy0, 0);
  cx1 = MIN (cx1, occ->nx - 1);
  cy1 = MIN (cy1, occ->ny - 1);
  for (int cy = cy0; cy <= cy1; cy++)
    for (int cx = cx0; cx <= cx1; cx++)
      occ->cells[cy * occ->nx + cx] = 1;
}

guint
oc_plot_occupancy_count (const OcPlotOccupancy *occ, const OcPlotRect *r)
{
  int cx0 = (int) floor ((r->x - occ->area.x) / occ->cell);
  int cy0 = (int) floor ((r->y - occ->area.y) / occ->cell);
  int cx1 = (int) floor ((r->x + r->w - occ->area.x) / occ->cell);
  int cy1 = (int) floor ((r->y + r->h - occ->area.y) / occ->cell);
  guint n = 0;

  cx0 = MAX (cx0, 0);
  cy0 = MAX (cy0, 0);
  cx1 = MIN (cx1, occ->nx - 1);
  cy1 = MIN (cy1, occ->ny - 1);
  for (int cy = cy0; cy <= cy1; cy++)
    for (int cx = cx0; cx <= cx1; cx++)
      n += occ->cells[cy * occ->nx + cx];
  return n;
}
