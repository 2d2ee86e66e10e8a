/* oc-prune-figures.c — accuracy, early stop, densities and mask overlap; see oc-prune-figures.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>

#include "occam-figures/oc-prune-figures.h"
#include "oc-config.h"
#include <glib/gi18n-lib.h>

/* Mean, min and max over seeds of one control at each level. */
typedef struct
{
  guint  n;
  double density, y, lo, hi;
} Stat;

typedef double (*RowValue) (const OcPruneRow *row);

static double
row_accuracy_pct (const OcPruneRow *r)
{
  return 100 * oc_prune_row_accuracy (r);
}

static double
row_early_stop (const OcPruneRow *r)
{
  return r->point->status == OC_STATUS_FINISHED ? (double) r->point->early_stop.iteration : NAN;
}

static GArray *
control_stats (OcPruneResults *results, OcControl control, RowValue value)
{
  GPtrArray *rows = oc_prune_results_rows (results);
  GArray *stats = g_array_new (FALSE, TRUE, sizeof (Stat));

  for (guint i = 0; i < rows->len; i++)
    {
      const OcPruneRow *r = rows->pdata[i];
      double y = value (r);
      Stat *s;

      if (r->control != control || !isfinite (y) || !isfinite (r->density))
        continue;
      if (r->level >= stats->len)
        g_array_set_size (stats, r->level + 1);
      s = &g_array_index (stats, Stat, r->level);
      if (s->n == 0)
        s->lo = s->hi = y;
      s->n++;
      s->density += r->density;
      s->y += y;
      s->lo = MIN (s->lo, y);
      s->hi = MAX (s->hi, y);
    }
  return stats;
}

/* Palette colour of a method; a sanity check takes its method's. */
static guint
method_color (OcControl c)
{
  return (guint) oc_control_parent (c) % OC_PLOT_PALETTE_SIZE;
}

/* One series per control over % remaining; returns how many points were drawn. */
static guint
add_control_series (OcPlotFigure *f, OcPruneResults *results, RowValue value)
{
  guint total = 0;

  for (guint c = 0; c < OC_N_CONTROLS; c++)
    {
      g_autoptr (GArray) stats = control_stats (results, (OcControl) c, value);
      g_autofree double *x = g_new (double, MAX (stats->len, 1));
      g_autofree double *y = g_new (double, MAX (stats->len, 1));
      g_autofree double *lo = g_new (double, MAX (stats->len, 1));
      g_autofree double *hi = g_new (double, MAX (stats->len, 1));
      gboolean band = FALSE;
      OcPlotSeries *s;
      guint n = 0;

      for (guint l = 0; l < stats->len; l++)
        {
          const Stat *st = &g_array_index (stats, Stat, l);

          if (st->n == 0)
            continue;
          x[n] = 100 * st->density / st->n;
          y[n] = st->y / st->n;
          lo[n] = st->lo;
          hi[n] = st->hi;
          band |= st->n > 1;
          n++;
        }
      if (n == 0)
        continue;
      s = oc_plot_figure_add_series (f, oc_control_to_string ((OcControl) c), x, y, n);
      oc_plot_series_set_style (s, OC_PLOT_STYLE_LINE | OC_PLOT_STYLE_MARKERS
                                   | (c == OC_CONTROL_IMP ? 0 : OC_PLOT_STYLE_DASHED));
      oc_plot_series_set_color (s, method_color ((OcControl) c));
      if (band)
        oc_plot_series_set_band (s, lo, hi);
      total += n;
    }
  return total;
}

OcPlotFigure *
oc_prune_accuracy_figure_new (OcPruneResults *results)
{
  g_autoptr (OcPlotFigure) f = oc_plot_figure_new (OC_PLOT_KIND_XY);
  double dense = oc_prune_results_dense_accuracy (results);

  oc_plot_figure_set_title (f, oc_prune_results_has_validation (results)
                               ? _("Test accuracy at early stop")
                               : _("Test accuracy after training"));
  oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_X, _("weights remaining (%)"));
  oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_Y, _("test accuracy (%)"));
  oc_plot_figure_set_axis_scale (f, OC_PLOT_AXIS_X, OC_PLOT_SCALE_LOG);
  if (add_control_series (f, results, row_accuracy_pct) == 0)
    return NULL;
  if (isfinite (dense))
    {
      g_autofree char *label = g_strdup_printf (_("dense %.2f %%"), 100 * dense);

      oc_plot_figure_add_reference (f, OC_PLOT_AXIS_Y, 100 * dense, label);
    }
  return g_steal_pointer (&f);
}

OcPlotFigure *
oc_prune_early_stop_figure_new (OcPruneResults *results)
{
  g_autoptr (OcPlotFigure) f = oc_plot_figure_new (OC_PLOT_KIND_XY);

  oc_plot_figure_set_title (f, _("Early-stopping iteration (lowest validation loss)"));
  oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_X, _("weights remaining (%)"));
  oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_Y, _("iteration"));
  oc_plot_figure_set_axis_scale (f, OC_PLOT_AXIS_X, OC_PLOT_SCALE_LOG);
  if (add_control_series (f, results, row_early_stop) == 0)
    return NULL;
  if (!oc_prune_results_has_validation (results))
    {
      /* Every level "stops" at its last iteration: a flat line that reads like a finding. */
      g_autoptr (OcPlotFigure) none = oc_plot_figure_new (OC_PLOT_KIND_XY);

      oc_plot_figure_set_title (none, _("Early-stopping iteration"));
      oc_plot_figure_set_empty_text (none, _("No validation split"),
                                     _("Without held-out data there is no early stopping: every "
                                     "level would show its last iteration. Hold out a "
                                     "validation split (Validation examples, --val-size) to see "
                                     "when each ticket stops improving."));
      return g_steal_pointer (&none);
    }
  return g_steal_pointer (&f);
}

OcPlotFigure *
oc_prune_density_figure_new (OcPruneResults *results)
{
  g_autoptr (OcPlotFigure) f = oc_plot_figure_new (OC_PLOT_KIND_XY);
  guint n_levels = oc_prune_results_get_n_levels (results), n_layers = 0;
  g_autofree double *x = g_new (double, n_levels);
  g_autofree double *y = g_new (double, n_levels);
  OcPlotSeries *s;
  guint n = 0;

  for (guint l = 0; l < n_levels; l++)
    {
      const OcPruneLevel *lv = oc_prune_results_imp (results, l);

      if (lv != NULL && lv->row->layer_density != NULL)
        n_layers = MAX (n_layers, lv->row->n_layers);
    }
  if (n_layers == 0)
    return NULL;
  oc_plot_figure_set_title (f, _("Density per layer (IMP)"));
  oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_X, _("level"));
  oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_Y, _("weights remaining (%)"));
  oc_plot_figure_set_axis_scale (f, OC_PLOT_AXIS_Y, OC_PLOT_SCALE_LOG);
  for (guint layer = 0; layer <= n_layers; layer++)
    {
      g_autofree char *name = NULL;

      n = 0;
      for (guint l = 0; l < n_levels; l++)
        {
          const OcPruneLevel *lv = oc_prune_results_imp (results, l);

          if (lv == NULL || lv->row->layer_density == NULL)
            continue;
          x[n] = l;
          y[n] = 100 * (layer < n_layers ? lv->row->layer_density[layer] : lv->row->density);
          n++;
        }
      if (layer < n_layers)
        {
          const OcPruneLevel *any = oc_prune_results_imp (results, 0);
          const guint *sz = any != NULL ? any->row->sizes : NULL;

          name = sz != NULL ? g_strdup_printf (_("layer %u (%u→%u)"), layer + 1, sz[layer],
                                               sz[layer + 1])
                            : g_strdup_printf (_("layer %u"), layer + 1);
        }
      else
        name = g_strdup (_("all weights"));
      s = oc_plot_figure_add_series (f, name, x, y, n);
      oc_plot_series_set_style (s, OC_PLOT_STYLE_LINE | OC_PLOT_STYLE_MARKERS
                                   | (layer == n_layers ? OC_PLOT_STYLE_DASHED : 0));
    }
  return g_steal_pointer (&f);
}

/* IoU of the surviving weights (biases left out) of two arenas. */
static double
mask_iou (const guint8 *a, const guint8 *b, const guint *sizes, guint n_layers)
{
  gsize inter = 0, uni = 0;

  for (guint l = 0; l < n_layers; l++)
    {
      gsize off = oc_prune_weight_offset (sizes, l), n = (gsize) sizes[l] * sizes[l + 1];

      for (gsize i = off; i < off + n; i++)
        {
          inter += a[i] & b[i];
          uni += a[i] | b[i];
        }
    }
  return uni > 0 ? (double) inter / (double) uni : NAN;
}

OcPlotFigure *
oc_prune_overlap_figure_new (OcPruneResults *results)
{
  g_autoptr (OcPlotFigure) f = oc_plot_figure_new (OC_PLOT_KIND_HEATMAP);
  guint n = oc_prune_results_get_n_levels (results), have = 0;
  g_autofree float *m = g_new (float, (gsize) n * n);
  g_autoptr (GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n; i++)
    {
      const OcPruneLevel *a = oc_prune_results_imp (results, i);

      have += a != NULL;
      g_ptr_array_add (labels, a != NULL ? g_strdup_printf ("%u · %.3g %%", i,
                                                            100 * a->row->density)
                                         : g_strdup_printf ("%u", i));
      for (guint j = 0; j < n; j++)
        {
          const OcPruneLevel *b = oc_prune_results_imp (results, j);

          m[(gsize) i * n + j] = a != NULL && b != NULL && a->n_params == b->n_params
                                 ? (float) mask_iou (a->mask, b->mask, a->row->sizes,
                                                     a->row->n_layers)
                                 : NAN;
        }
    }
  if (have < 2)
    return NULL;
  oc_plot_figure_set_title (f, _("Mask overlap between IMP levels (IoU of surviving weights)"));
  oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_X, _("level"));
  oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_Y, _("level · weights remaining"));
  oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_COLOR, _("IoU"));
  oc_plot_figure_set_axis_categories (f, OC_PLOT_AXIS_Y, (const char *const *) labels->pdata, n);
  oc_plot_figure_set_colormap (f, OC_PLOT_COLORMAP_SEQUENTIAL);
  oc_plot_figure_set_color_range (f, 0, 1);
  if (!oc_plot_figure_set_matrix (f, m, n, n, NULL))
    return NULL;
  return g_steal_pointer (&f);
}

OcPlotFigure *
oc_prune_seed_overlap_new (OcPruneResults *results)
{
  const OcLotteryConfig *cfg = oc_prune_results_get_config (results);
  guint n_levels = oc_prune_results_get_n_levels (results);
  g_autoptr (OcPlotFigure) f = NULL;
  g_autofree double *x = g_new (double, n_levels);
  g_autofree double *y = g_new (double, n_levels);
  guint n = 0;

  if (cfg->seeds->len < 2)
    return NULL;
  for (guint l = 0; l < n_levels; l++)
    {
      double sum = 0, dens = 0;
      guint pairs = 0;

      for (guint a = 0; a < cfg->seeds->len; a++)
        for (guint b = a + 1; b < cfg->seeds->len; b++)
          {
            const OcPruneLevel *la = oc_prune_results_get (results, OC_CONTROL_IMP,
                                                           g_array_index (cfg->seeds, guint64, a),
                                                           l);
            const OcPruneLevel *lb = oc_prune_results_get (results, OC_CONTROL_IMP,
                                                           g_array_index (cfg->seeds, guint64, b),
                                                           l);

            if (la == NULL || lb == NULL || la->n_params == 0 || la->n_params != lb->n_params)
              continue;
            sum += mask_iou (la->mask, lb->mask, la->row->sizes, la->row->n_layers);
            dens += la->row->density;
            pairs++;
          }
      if (pairs == 0)
        continue;
      x[n] = 100 * dens / pairs;
      y[n] = sum / pairs;
      n++;
    }
  if (n == 0)
    return NULL;
  f = oc_plot_figure_new (OC_PLOT_KIND_XY);
  oc_plot_figure_set_title (f, _("Mask overlap between seeds (IMP, mean IoU over pairs)"));
  oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_X, _("weights remaining (%)"));
  oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_Y, _("IoU"));
  oc_plot_figure_set_axis_scale (f, OC_PLOT_AXIS_X, OC_PLOT_SCALE_LOG);
  oc_plot_figure_set_axis_range (f, OC_PLOT_AXIS_Y, 0, 1);
  oc_plot_series_set_style (oc_plot_figure_add_series (f, _("seed pairs"), x, y, n),
                            OC_PLOT_STYLE_LINE | OC_PLOT_STYLE_MARKERS);
  return g_steal_pointer (&f);
}

gsize
oc_prune_weight_offset (const guint *sizes, guint layer)
{
  gsize offset = 0;

  /* oc_mlp_new's layout: each W_l and b_l block padded to 16 floats. */
  for (guint l = 0; l < layer; l++)
    {
      offset += (((gsize) sizes[l] * sizes[l + 1]) + 15) & ~(gsize) 15;
      offset += ((gsize) sizes[l + 1] + 15) & ~(gsize) 15;
    }
  return offset;
}

/* The methods figure ------------------------------------------------------------------------ */

/* One colour per family: a method and its sanity checks, IMP and its controls (reinit is IMP's
 * re-initialisation, random its shuffled mask). Edge-popup, the figure's point, takes the
 * strongest colour after IMP's, and the orange next to it stays unused; random-init takes
 * index 5 (sky on white, yellow on the dark theme), never the dark theme's dim blue. */
static guint
family_color (OcControl c)
{
  switch (oc_control_parent (c))
    {
    case OC_CONTROL_IMP:
    case OC_CONTROL_REINIT:
    case OC_CONTROL_RANDOM:
      return 0;
    case OC_CONTROL_EDGE_POPUP:
      return 1;
    case OC_CONTROL_SNIP:
      return 3;
    case OC_CONTROL_SYNFLOW:
      return 2;
    case OC_CONTROL_RANDOM_INIT:
    default:
      return 5;
    }
}

/* Re-initialised weights (the same mask): dashed with markers; shuffled masks: dashed. */
static OcPlotStyle
family_style (OcControl c)
{
  switch (c)
    {
    case OC_CONTROL_REINIT:
    case OC_CONTROL_SNIP_REINIT:
    case OC_CONTROL_SYNFLOW_REINIT:
    case OC_CONTROL_POPUP_REINIT:
      return OC_PLOT_STYLE_LINE | OC_PLOT_STYLE_DASHED | OC_PLOT_STYLE_MARKERS;
    case OC_CONTROL_RANDOM:
    case OC_CONTROL_SNIP_SHUFFLE:
    case OC_CONTROL_SYNFLOW_SHUFFLE:
    case OC_CONTROL_POPUP_SHUFFLE:
      return OC_PLOT_STYLE_LINE | OC_PLOT_STYLE_DASHED;
    default:
      return OC_PLOT_STYLE_LINE | OC_PLOT_STYLE_MARKERS;
    }
}

OcPlotFigure *
oc_prune_methods_figure_new (OcPruneResults *const *results, guint n, double tolerance)
{
  g_autoptr (OcPlotFigure) f = oc_plot_figure_new (OC_PLOT_KIND_XY);
  guint in_exps[OC_N_CONTROLS] = { 0 };
  double dense = NAN;
  guint dense_from = 0, total = 0;

  g_return_val_if_fail (results != NULL || n == 0, NULL);

  /* The dense network the methods are measured against: the first experiment's that has one. */
  for (guint e = 0; e < n && isnan (dense); e++)
    {
      dense = oc_prune_results_dense_accuracy (results[e]);
      dense_from = e;
    }
  for (guint e = 0; e < n; e++)
    for (guint c = 0; c < OC_N_CONTROLS; c++)
      {
        g_autoptr (GArray) stats = control_stats (results[e], (OcControl) c, row_accuracy_pct);

        /* IMP with only its dense level (a run with densities) is the dense line. */
        in_exps[c] += stats->len > 1;
      }
  {
    g_autofree char *title = g_strdup_printf (_("Test accuracy by method · large markers: the "
                                              "smallest density within %g pp of dense"),
                                              100 * tolerance);


    oc_plot_figure_set_title (f, title);
  }
  oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_X, _("weights remaining (%)"));
  oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_Y, _("test accuracy (%)"));
  oc_plot_figure_set_axis_scale (f, OC_PLOT_AXIS_X, OC_PLOT_SCALE_LOG);
  for (guint c = 0; c < OC_N_CONTROLS; c++)
    for (guint e = 0; e < n; e++)
      {
        g_autoptr (GArray) stats = control_stats (results[e], (OcControl) c, row_accuracy_pct);
        guint len = MAX (stats->len, 1), k = 0, level = 0;
        g_autofree double *x = g_new (double, len);
        g_autofree double *y = g_new (double, len);
        g_autofree double *lo = g_new (double, len);
        g_autofree double *hi = g_new (double, len);
        gboolean band = FALSE;
        double match = NAN, match_acc = NAN;
        GString *name;
        OcPlotSeries *s;

        /* Level 0 of a method is IMP's dense network, drawn once as the dense line. */
        for (guint l = c == OC_CONTROL_IMP ? 0 : 1; l < stats->len; l++)
          {
            const Stat *st = &g_array_index (stats, Stat, l);

            if (st->n == 0)
              continue;
            x[k] = 100 * st->density / st->n;
            y[k] = st->y / st->n;
            lo[k] = st->lo;
            hi[k] = st->hi;
            band |= st->n > 1;
            k++;
          }
        if (k == 0 || stats->len <= 1)
          continue;
        if (isfinite (dense))
          match = oc_prune_rows_matching_density (oc_prune_results_rows (results[e]),
                                                  (OcControl) c, dense, tolerance, &level,
                                                  &match_acc);
        name = g_string_new (oc_control_to_string ((OcControl) c));
        if (in_exps[c] > 1)
          g_string_append_printf (name, " (%.4s)", oc_prune_results_get_id (results[e]));
        if (c == OC_CONTROL_EDGE_POPUP)
          g_string_append (name, _(", no weight trained"));
        /* Matching only the dense network itself (level 0) is no match. */
        if (isfinite (match) && level > 0)
          g_string_append_printf (name, _(" · matches at %.3g %%"), 100 * match);
        s = oc_plot_figure_add_series (f, name->str, x, y, k);
        g_string_free (name, TRUE);
        oc_plot_series_set_style (s, family_style ((OcControl) c));
        oc_plot_series_set_color (s, family_color ((OcControl) c));
        if (band)
          oc_plot_series_set_band (s, lo, hi);
        if (isfinite (match) && level > 0)
          {
            double mx = 100 * match, my = 100 * match_acc;
            OcPlotSeries *m = oc_plot_figure_add_series (f, "", &mx, &my, 1);

            oc_plot_series_set_style (m, OC_PLOT_STYLE_MARKERS);
            oc_plot_series_set_marker_scale (m, 2.2);
            oc_plot_series_set_color (m, family_color ((OcControl) c));
          }
        total += k;
      }
  if (total == 0)
    return NULL;
  if (isfinite (dense))
    {
      g_autofree char *label = n > 1 ? g_strdup_printf (_("dense (%.4s) %.2f %%"),
                                                        oc_prune_results_get_id (
                                                          results[dense_from]), 100 * dense)
                                     : g_strdup_printf (_("dense %.2f %%"), 100 * dense);

      oc_plot_figure_add_reference (f, OC_PLOT_AXIS_Y, 100 * dense, label);
    }
  return g_steal_pointer (&f);
}
