/* oc-prune-weights.c — histograms, scatter, mask heatmaps and the receptive-field atlas; see
 * oc-prune-figures.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "Kept" and "pruned" are about the *next* pruning: of the weights alive at this level, the ones
 * the level's trained magnitudes |θ_T| keep, and the ones they remove. The last level has no next
 * pruning, so all its weights count as kept.
 */
#include <math.h>
#include <stdlib.h>

#include "occam-figures/oc-prune-figures.h"
#include "oc-config.h"
#include <glib/gi18n-lib.h>

/* Scatter plots draw at most this many points per series (every k-th weight). */
#define SCATTER_MAX 4000

static gboolean
layer_ok (const OcPruneLevel *lv, guint layer)
{
  return lv != NULL && lv->row->sizes != NULL && layer < lv->row->n_layers;
}

static char *
level_title (const char *what, const OcPruneLevel *lv, guint layer)
{
  return g_strdup_printf (_("%s · layer %u (%u→%u) · level %u, %.3g %% of its weights left"), what,
                          layer + 1, lv->row->sizes[layer], lv->row->sizes[layer + 1],
                          lv->row->level, 100 * lv->row->layer_density[layer]);
}

OcPlotFigure *
oc_prune_histogram_new (OcPruneResults *results, guint level, guint layer)
{
  const OcPruneLevel *lv = oc_prune_results_imp (results, level);
  g_autoptr (OcPlotFigure) f = NULL;
  g_autofree double *start = NULL, *kept = NULL, *pruned = NULL;
  g_autofree char *title = NULL;
  gsize off, n, n_start = 0, n_kept = 0, n_pruned = 0;
  double threshold = -1;
  OcPlotSeries *s;

  if (!layer_ok (lv, layer) || lv->row->layer_density == NULL)
    return NULL;
  off = oc_prune_weight_offset (lv->row->sizes, layer);
  n = (gsize) lv->row->sizes[layer] * lv->row->sizes[layer + 1];
  start = g_new (double, n);
  kept = g_new (double, n);
  pruned = g_new (double, n);
  for (gsize i = off; i < off + n; i++)
    {
      double a = fabs (lv->theta_final[i]);

      if (!lv->mask[i])
        continue;
      start[n_start++] = fabs (lv->theta_start[i]);
      if (lv->next_mask == NULL || lv->next_mask[i])
        kept[n_kept++] = a;
      else
        {
          pruned[n_pruned++] = a;
          threshold = MAX (threshold, a);
        }
    }
  if (n_start == 0)
    return NULL;
  f = oc_plot_figure_new (OC_PLOT_KIND_HISTOGRAM);
  title = level_title (_("Weight magnitudes"), lv, layer);
  oc_plot_figure_set_title (f, title);
  oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_X, _("|weight|"));
  oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_Y, _("weights"));
  oc_plot_figure_set_bins (f, 60);
  s = oc_plot_figure_add_values (f, _("|θ| at the start (survivors)"), start, n_start);
  oc_plot_series_set_color (s, 4);
  s = oc_plot_figure_add_values (f, lv->next_mask != NULL ? _("|θ_T| kept by the next level")
                                                          : _("|θ_T| (last level)"), kept, n_kept);
  oc_plot_series_set_color (s, 0);
  if (n_pruned > 0)
    {
      s = oc_plot_figure_add_values (f, _("|θ_T| pruned by the next level"), pruned, n_pruned);
      oc_plot_series_set_color (s, 1);
    }
  if (threshold >= 0)
    {
      g_autofree char *label = g_strdup_printf (_("threshold %.3g"), threshold);

      oc_plot_figure_add_reference (f, OC_PLOT_AXIS_X, threshold, label);
    }
  return g_steal_pointer (&f);
}

OcPlotFigure *
oc_prune_scatter_new (OcPruneResults *results, guint level, guint layer)
{
  const OcPruneLevel *lv = oc_prune_results_imp (results, level);
  g_autoptr (OcPlotFigure) f = NULL;
  g_autofree double *kx = NULL, *ky = NULL, *px = NULL, *py = NULL;
  g_autofree char *title = NULL;
  gsize off, n, alive = 0, step, nk = 0, np = 0, seen = 0;
  OcPlotSeries *s;

  if (!layer_ok (lv, layer) || lv->row->layer_density == NULL)
    return NULL;
  off = oc_prune_weight_offset (lv->row->sizes, layer);
  n = (gsize) lv->row->sizes[layer] * lv->row->sizes[layer + 1];
  for (gsize i = off; i < off + n; i++)
    alive += lv->mask[i];
  if (alive == 0)
    return NULL;
  /* Every step-th survivor: the same deterministic subsample on every redraw. */
  step = MAX ((alive + SCATTER_MAX - 1) / SCATTER_MAX, 1);
  kx = g_new (double, SCATTER_MAX + 1);
  ky = g_new (double, SCATTER_MAX + 1);
  px = g_new (double, SCATTER_MAX + 1);
  py = g_new (double, SCATTER_MAX + 1);
  for (gsize i = off; i < off + n; i++)
    {
      if (!lv->mask[i] || seen++ % step != 0)
        continue;
      if (lv->next_mask == NULL || lv->next_mask[i])
        {
          kx[nk] = lv->theta_start[i];
          ky[nk++] = lv->theta_final[i];
        }
      else
        {
          px[np] = lv->theta_start[i];
          py[np++] = lv->theta_final[i];
        }
    }
  f = oc_plot_figure_new (OC_PLOT_KIND_XY);
  title = level_title (_("Start vs trained weight"), lv, layer);
  oc_plot_figure_set_title (f, title);
  oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_X, _("θ at the start of training"));
  oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_Y, _("θ_T after training"));
  s = oc_plot_figure_add_series (f, step > 1 ? _("kept (subsampled)") : _("kept"), kx, ky, nk);
  oc_plot_series_set_style (s, OC_PLOT_STYLE_MARKERS);
  oc_plot_series_set_color (s, 0);
  if (np > 0)
    {
      s = oc_plot_figure_add_series (f, _("pruned by the next level"), px, py, np);
      oc_plot_series_set_style (s, OC_PLOT_STYLE_MARKERS);
      oc_plot_series_set_color (s, 1);
    }
  return g_steal_pointer (&f);
}

OcPlotFigure *
oc_prune_mask_figure_new (OcPruneResults *results, guint level, guint layer)
{
  const OcPruneLevel *lv = oc_prune_results_imp (results, level);
  g_autoptr (OcPlotFigure) f = NULL;
  g_autofree float *m = NULL;
  g_autofree char *title = NULL;
  guint rows, cols;
  gsize off;

  if (!layer_ok (lv, layer) || lv->row->layer_density == NULL)
    return NULL;
  rows = lv->row->sizes[layer + 1];
  cols = lv->row->sizes[layer];
  off = oc_prune_weight_offset (lv->row->sizes, layer);
  m = g_new (float, (gsize) rows * cols);
  for (gsize i = 0; i < (gsize) rows * cols; i++)
    m[i] = lv->mask[off + i];
  f = oc_plot_figure_new (OC_PLOT_KIND_HEATMAP);
  title = level_title (_("Mask"), lv, layer);
  oc_plot_figure_set_title (f, title);
  oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_X, _("input unit"));
  oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_Y, _("output unit"));
  oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_COLOR, _("kept"));
  oc_plot_figure_set_colormap (f, OC_PLOT_COLORMAP_SEQUENTIAL);
  oc_plot_figure_set_color_range (f, 0, 1);
  if (!oc_plot_figure_set_matrix (f, m, rows, cols, NULL))
    return NULL;
  return g_steal_pointer (&f);
}

/* The side of the square image the first layer reads, or 0. */
static guint
image_side (const OcPruneLevel *lv)
{
  guint side = (guint) (sqrt ((double) lv->row->sizes[0]) + 0.5);

  return side * side == lv->row->sizes[0] && side >= 4 ? side : 0;
}

gboolean
oc_prune_sort_from_string (const char *text, OcPruneSort *sort)
{
  if (g_strcmp0 (text, "inputs") == 0)
    *sort = OC_PRUNE_SORT_INPUTS;
  else if (g_strcmp0 (text, "norm") == 0)
    *sort = OC_PRUNE_SORT_NORM;
  else
    return FALSE;
  return TRUE;
}

const char *
oc_prune_sort_to_string (OcPruneSort sort)
{
  return sort == OC_PRUNE_SORT_NORM ? "norm" : "inputs";
}

static gint
by_inputs (gconstpointer a, gconstpointer b)
{
  const OcPruneUnit *x = a, *y = b;

  if (x->dead != y->dead)
    return x->dead ? 1 : -1;
  if (x->inputs != y->inputs)
    return x->inputs > y->inputs ? -1 : 1;
  return (x->unit > y->unit) - (x->unit < y->unit);
}

static gint
by_norm (gconstpointer a, gconstpointer b)
{
  const OcPruneUnit *x = a, *y = b;

  if (x->dead != y->dead)
    return x->dead ? 1 : -1;
  if (x->norm != y->norm)
    return x->norm > y->norm ? -1 : 1;
  return (x->unit > y->unit) - (x->unit < y->unit);
}

OcPruneUnit *
oc_prune_units_new (OcPruneResults *results, guint level, OcPruneSort sort, guint *n_units)
{
  const OcPruneLevel *lv = oc_prune_results_imp (results, level);
  const guint *sz;
  OcPruneUnit *units;
  guint in, n, out;
  gsize off1;

  g_return_val_if_fail (n_units != NULL, NULL);

  *n_units = 0;
  if (!layer_ok (lv, 0) || lv->row->n_layers < 2)
    return NULL;
  sz = lv->row->sizes;
  in = sz[0];
  n = sz[1];
  out = sz[2];
  off1 = oc_prune_weight_offset (sz, 1);
  units = g_new0 (OcPruneUnit, n);
  for (guint u = 0; u < n; u++)
    {
      double sq = 0;

      units[u].unit = u;
      /* W_0 [n, in]: row u is what unit u reads. */
      for (guint p = 0; p < in; p++)
        {
          gsize i = (gsize) u * in + p;

          if (lv->mask[i])
            {
              units[u].inputs++;
              sq += (double) lv->theta_final[i] * lv->theta_final[i];
            }
        }
      /* W_1 [out, n]: column u is what unit u feeds. */
      for (guint o = 0; o < out; o++)
        units[u].outputs += lv->mask[off1 + (gsize) o * n + u];
      units[u].norm = sqrt (sq);
      units[u].dead = units[u].inputs == 0 || units[u].outputs == 0;
    }
  qsort (units, n, sizeof (OcPruneUnit), sort == OC_PRUNE_SORT_NORM ? by_norm : by_inputs);
  *n_units = n;
  return units;
}

/* The value that would be at index @k of @v (@n values, no NaN) sorted ascending: the same
 * number a full sort gives, found in linear expected time (Hoare's selection). The Pruning page
 * rebuilds the atlas for every level a run finishes; sorting the 235,200 weights of
 * LeNet-300-100's first layer was most of that. @v is reordered. */
static float
select_kth (float *v, gsize n, gsize k)
{
  gsize lo = 0, hi = n - 1;

  while (lo < hi)
    {
      /* The median of three as the pivot: sorted or constant inputs stay linear. */
      float a = v[lo], b = v[lo + (hi - lo) / 2], c = v[hi];
      float pivot = a < b ? (b < c ? b : (a < c ? c : a)) : (a < c ? a : (b < c ? c : b));
      gsize i = lo, j = hi;

      while (i <= j)
        {
          while (v[i] < pivot)
            i++;
          while (v[j] > pivot)
            j--;
          if (i <= j)
            {
              float t = v[i];

              v[i] = v[j];
              v[j] = t;
              i++;
              if (j == 0)
                break;
              j--;
            }
        }
      /* Now v[lo..j] ≤ pivot ≤ v[i..hi], and what lies between equals the pivot. */
      if (k <= j)
        hi = j;
      else if (k >= i)
        lo = i;
      else
        return v[k];
    }
  return v[k];
}

OcPlotFigure *
oc_prune_atlas_new (OcPruneResults *results, guint level, OcPruneSort sort)
{
  const OcPruneLevel *lv = oc_prune_results_imp (results, level);
  g_autoptr (OcPlotFigure) f = NULL;
  g_autofree float *tile = NULL, *mags = NULL;
  g_autofree char *title = NULL, *dead_text = NULL;
  g_autofree OcPruneUnit *units = NULL;
  guint side, n_units = 0, in, n_dead = 0;
  gsize n_mags = 0;

  if (!layer_ok (lv, 0) || lv->row->n_layers < 2 || (side = image_side (lv)) == 0)
    return NULL;
  units = oc_prune_units_new (results, level, sort, &n_units);
  if (units == NULL)
    return NULL;
  in = lv->row->sizes[0];
  tile = g_new (float, in);
  mags = g_new (float, (gsize) n_units * in);
  for (guint k = 0; k < n_units; k++)
    n_dead += units[k].dead;
  for (gsize i = 0; i < (gsize) n_units * in; i++)
    if (lv->mask[i])
      mags[n_mags++] = fabsf (lv->theta_final[i]);
  dead_text = n_dead == 0 ? g_strdup (_("no dead unit"))
                          : g_strdup_printf (_("%u dead (no input or no output left, greyed)"),
                                             n_dead);
  title = g_strdup_printf (_("Receptive fields of the %u first-layer units · level %u, %.3g %% of "
                           "the layer left · %s · %s first"), n_units, lv->row->level,
                           100 * lv->row->layer_density[0], dead_text,
                           sort == OC_PRUNE_SORT_NORM ? _("largest norm") : _("most inputs"));
  f = oc_plot_figure_new (OC_PLOT_KIND_IMAGE_GRID);
  oc_plot_figure_set_title (f, title);
  oc_plot_figure_set_colormap (f, OC_PLOT_COLORMAP_DIVERGING);
  oc_plot_figure_set_zero_is_background (f, TRUE);
  oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_COLOR, _("trained weight θ_T (pruned: 0)"));
  /* ±the 99th percentile of |θ_T|: a handful of large weights would otherwise wash every field
   * out to the background; the few beyond it saturate. */
  if (n_mags > 0)
    {
      double m;

      m = select_kth (mags, n_mags, MIN ((gsize) (0.99 * (n_mags - 1) + 0.5), n_mags - 1));
      if (m > 0)
        oc_plot_figure_set_color_range (f, -m, m);
    }
  for (guint k = 0; k < n_units; k++)
    {
      guint u = units[k].unit;

      /* Row u of W_0 [units, in] is unit u's view of the image; pruned weights are 0. */
      for (guint p = 0; p < in; p++)
        {
          gsize i = (gsize) u * in + p;

          tile[p] = lv->mask[i] ? lv->theta_final[i] : 0.0f;
        }
      if (!oc_plot_figure_add_image (f, tile, side, side, NULL, FALSE, NULL))
        return NULL;
      if (units[k].dead)
        oc_plot_figure_set_image_dimmed (f, k, TRUE);
    }
  return g_steal_pointer (&f);
}

OcPlotFigure *
oc_prune_fan_in_new (OcPruneResults *results, guint level, const float *mean_image)
{
  const OcPruneLevel *lv = oc_prune_results_imp (results, level);
  g_autoptr (OcPlotFigure) f = NULL;
  g_autofree float *count = NULL;
  g_autofree char *title = NULL, *label = NULL;
  guint side, units, in;
  float top = 1;

  if (!layer_ok (lv, 0) || (side = image_side (lv)) == 0)
    return NULL;
  in = lv->row->sizes[0];
  units = lv->row->sizes[1];
  count = g_new0 (float, in);
  for (guint u = 0; u < units; u++)
    for (guint p = 0; p < in; p++)
      count[p] += lv->mask[(gsize) u * in + p];
  for (guint p = 0; p < in; p++)
    top = MAX (top, count[p]);
  f = oc_plot_figure_new (OC_PLOT_KIND_HEATMAP);
  /* Short: the Masks tab gives this figure a narrow card. */
  title = g_strdup_printf (_("Weights left per input pixel · level %u%s"), lv->row->level,
                           mean_image != NULL ? _(" · lines: mean image") : "");
  oc_plot_figure_set_title (f, title);
  label = g_strdup_printf (_("surviving weights (of %u units)"), units);
  oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_COLOR, label);
  oc_plot_figure_set_colormap (f, OC_PLOT_COLORMAP_SEQUENTIAL);
  /* From 0 to the busiest pixel: at a few percent left, 0..units would be one dark square. */
  oc_plot_figure_set_color_range (f, 0, top);
  if (mean_image != NULL && !oc_plot_figure_set_underlay (f, mean_image, side, side, NULL))
    return NULL;
  if (!oc_plot_figure_set_matrix (f, count, side, side, NULL))
    return NULL;
  return g_steal_pointer (&f);
}
