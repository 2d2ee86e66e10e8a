/* oc-snapshot.c — weight histograms and decision-boundary grids; see oc-snapshot.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include "occam/oc-error.h"
#include "occam/oc-snapshot.h"

/* Magnitudes more than this many decades below the largest share the lowest bin: a log axis
 * down to 1e-30 would squeeze everything that matters into a few bins. */
#define HIST_DECADES 4.0

OcWeightHist *
oc_weight_hist_new (const OcMlp *model)
{
  OcWeightHist *h = g_new0 (OcWeightHist, 1);
  float max_abs = 0;
  double span;

  h->n_layers = model->n_layers;
  h->n_bins = OC_WEIGHT_HIST_BINS;
  h->counts = g_new0 (guint64, (gsize) h->n_layers * h->n_bins);
  h->zeros = g_new0 (guint64, h->n_layers);
  h->fan_in = g_new (guint, h->n_layers);
  h->fan_out = g_new (guint, h->n_layers);

  for (guint l = 0; l < model->n_layers; l++)
    {
      const float *w = oc_mlp_weights (model, l);
      gsize n = oc_mlp_weight_count (model, l);

      h->fan_in[l] = model->sizes[l];
      h->fan_out[l] = model->sizes[l + 1];
      for (gsize i = 0; i < n; i++)
        max_abs = MAX (max_abs, fabsf (w[i]));
    }
  if (!(max_abs > 0) || !isfinite (max_abs))
    max_abs = 1;
  /* Round the range out to nice decades' halves so bins stay put while weights drift. */
  h->log_hi = ceil (log10 (max_abs) * 2) / 2;
  h->log_lo = h->log_hi - HIST_DECADES;
  span = h->log_hi - h->log_lo;

  for (guint l = 0; l < model->n_layers; l++)
    {
      const float *w = oc_mlp_weights (model, l);
      gsize n = oc_mlp_weight_count (model, l);
      guint64 *c = h->counts + (gsize) l * h->n_bins;

      for (gsize i = 0; i < n; i++)
        {
          float a = fabsf (w[i]);
          double t;
          int bin;

          if (a == 0 || !isfinite (a))
            {
              h->zeros[l]++;
              continue;
            }
          t = (log10 (a) - h->log_lo) / span;
          bin = (int) (t * h->n_bins);
          c[CLAMP (bin, 0, (int) h->n_bins - 1)]++;
        }
    }
  return h;
}

void
oc_weight_hist_free (OcWeightHist *h)
{
  if (h == NULL)
    return;
  g_free (h->counts);
  g_free (h->zeros);
  g_free (h->fan_in);
  g_free (h->fan_out);
  g_free (h);
}

void
oc_boundary_grid_for_split (OcBoundaryGrid *grid, const OcSplit *split, guint n)
{
  double x0 = INFINITY, x1 = -INFINITY, y0 = INFINITY, y1 = -INFINITY, mx, my;

  for (guint i = 0; i < split->n; i++)
    {
      x0 = MIN (x0, split->x[2 * i]);
      x1 = MAX (x1, split->x[2 * i]);
      y0 = MIN (y0, split->x[2 * i + 1]);
      y1 = MAX (y1, split->x[2 * i + 1]);
    }
  if (!(x1 > x0))
    x0 = -1, x1 = 1;
  if (!(y1 > y0))
    y0 = -1, y1 = 1;
  mx = 0.08 * (x1 - x0);
  my = 0.08 * (y1 - y0);
  grid->x0 = x0 - mx;
  grid->x1 = x1 + mx;
  grid->y0 = y0 - my;
  grid->y1 = y1 + my;
  grid->nx = grid->ny = n;
}

OcBoundary *
oc_boundary_new (const OcMlp *model, const OcBoundaryGrid *grid)
{
  g_autofree float *xy = NULL, *logits = NULL;
  g_autoptr (OcBoundary) bd = NULL;
  gsize n_cells = (gsize) grid->nx * grid->ny;
  guint k;

  g_return_val_if_fail (model != NULL && grid != NULL, NULL);

  if (model->sizes[0] != 2 || n_cells == 0 || n_cells > G_MAXUINT)
    return NULL;
  k = model->sizes[model->n_layers];
  xy = oc_try_alloc0_n (n_cells * 2, sizeof (float), "decision-boundary inputs", NULL);
  logits = oc_try_alloc0_n (n_cells * k, sizeof (float), "decision-boundary logits", NULL);
  if (xy == NULL || logits == NULL)
    return NULL;
  /* Cell centres, row 0 at y0, as the field figure samples them. */
  for (guint j = 0; j < grid->ny; j++)
    for (guint i = 0; i < grid->nx; i++)
      {
        gsize c = (gsize) j * grid->nx + i;

        xy[2 * c] = (float) (grid->x0 + (grid->x1 - grid->x0) * (i + 0.5) / grid->nx);
        xy[2 * c + 1] = (float) (grid->y0 + (grid->y1 - grid->y0) * (j + 0.5) / grid->ny);
      }
  if (!oc_mlp_predict (model, xy, (guint) n_cells, logits, NULL))
    return NULL;
  bd = g_new0 (OcBoundary, 1);
  bd->grid = *grid;
  bd->n_classes = k;
  bd->values = g_new (float, n_cells);
  for (gsize c = 0; c < n_cells; c++)
    {
      const float *z = logits + c * k;

      if (k == 2)
        bd->values[c] = 1.0f / (1.0f + expf (z[0] - z[1])); /* softmax probability of class 1 */
      else
        {
          guint best = 0;

          for (guint m = 1; m < k; m++)
            if (z[m] > z[best])
              best = m;
          bd->values[c] = (float) best;
        }
    }
  return g_steal_pointer (&bd);
}

void
oc_boundary_free (OcBoundary *bd)
{
  if (bd == NULL)
    return;
  g_free (bd->values);
  g_free (bd);
}
