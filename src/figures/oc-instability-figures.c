/* oc-instability-figures.c — see oc-instability-figures.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>

#include "occam-figures/oc-instability-figures.h"
#include "oc-config.h"
#include <glib/gi18n-lib.h>

double
oc_instability_zero_position (guint64 smallest_positive_k)
{
  /* Half a decade to the left: apart from the first positive k, and still on the axis. */
  return smallest_positive_k > 0 ? (double) smallest_positive_k / sqrt (10.0) : 1.0;
}

OcPlotFigure *
oc_instability_path_figure_new (OcInstabilityResults *results)
{
  g_autoptr (OcPlotFigure) f = oc_plot_figure_new (OC_PLOT_KIND_XY);
  g_autoptr (GArray) stats = oc_instability_results_by_k (results);
  GPtrArray *rows = oc_instability_results_rows (results);
  guint drawn = 0;

  oc_plot_figure_set_title (f, _("Test error on the line between two children"));
  oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_X,
                                 _("α: (1 − α)·child 1 + α·child 2"));
  oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_Y, _("test error (%)"));
  oc_plot_figure_set_axis_range (f, OC_PLOT_AXIS_X, 0, 1);
  for (guint s = 0; s < stats->len; s++)
    {
      guint64 k = g_array_index (stats, OcInstabilityStat, s).k;
      guint n_alphas = 0, n = 0;
      g_autofree double *x = NULL;
      g_autofree double *y = NULL;
      g_autofree double *lo = NULL;
      g_autofree double *hi = NULL;
      g_autofree char *name = NULL;
      OcPlotSeries *series;

      for (guint i = 0; i < rows->len; i++)
        {
          const OcInstabilityRow *r = rows->pdata[i];

          /* Seeds share the α of the experiment; a point with other α is left out. */
          if (r->k != k || r->status != OC_STATUS_FINISHED
              || (n_alphas != 0 && r->n_alphas != n_alphas))
            continue;
          if (n_alphas == 0)
            {
              n_alphas = r->n_alphas;
              x = g_new (double, n_alphas);
              y = g_new0 (double, n_alphas);
              lo = g_new (double, n_alphas);
              hi = g_new (double, n_alphas);
              for (guint j = 0; j < n_alphas; j++)
                {
                  x[j] = r->alphas[j];
                  lo[j] = INFINITY;
                  hi[j] = -INFINITY;
                }
            }
          for (guint j = 0; j < n_alphas; j++)
            {
              double e = 100 * r->errors[j];

              y[j] += e;
              lo[j] = MIN (lo[j], e);
              hi[j] = MAX (hi[j], e);
            }
          n++;
        }
      if (n == 0)
        continue;
      for (guint j = 0; j < n_alphas; j++)
        y[j] /= n;
      name = g_strdup_printf ("k = %" G_GUINT64_FORMAT, k);
      series = oc_plot_figure_add_series (f, name, x, y, n_alphas);
      oc_plot_series_set_style (series, OC_PLOT_STYLE_LINE | OC_PLOT_STYLE_MARKERS);
      oc_plot_series_set_color (series, s % OC_PLOT_PALETTE_SIZE);
      if (n > 1)
        oc_plot_series_set_band (series, lo, hi);
      drawn++;
    }
  return drawn > 0 ? g_steal_pointer (&f) : NULL;
}

OcPlotFigure *
oc_instability_k_figure_new (OcInstabilityResults *results)
{
  g_autoptr (OcPlotFigure) f = oc_plot_figure_new (OC_PLOT_KIND_XY);
  g_autoptr (GArray) stats = oc_instability_results_by_k (results);
  g_autofree double *x = NULL;
  g_autofree double *y = NULL;
  g_autofree double *lo = NULL;
  g_autofree double *hi = NULL;
  g_autofree char *label = NULL;
  guint64 smallest = 0;
  gboolean band = FALSE, has_zero = FALSE;
  double zero_x;
  OcPlotSeries *series;

  if (stats->len == 0)
    return NULL;
  x = g_new (double, stats->len);
  y = g_new (double, stats->len);
  lo = g_new (double, stats->len);
  hi = g_new (double, stats->len);
  for (guint i = 0; i < stats->len; i++)
    {
      const OcInstabilityStat *s = &g_array_index (stats, OcInstabilityStat, i);

      if (s->k > 0 && smallest == 0)
        smallest = s->k;
      has_zero |= s->k == 0;
    }
  zero_x = oc_instability_zero_position (smallest);
  for (guint i = 0; i < stats->len; i++)
    {
      const OcInstabilityStat *s = &g_array_index (stats, OcInstabilityStat, i);

      x[i] = s->k > 0 ? (double) s->k : zero_x;
      y[i] = 100 * s->mean;
      lo[i] = 100 * s->min;
      hi[i] = 100 * s->max;
      band |= s->n > 1;
    }
  oc_plot_figure_set_title (f, _("Instability against the iteration the children branch off"));
  oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_X, smallest > 0
                                 ? _("k: rewind iteration (log)")
                                 : _("k: rewind iteration"));
  oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_Y,
                                 _("instability: error barrier above the children (%)"));
  if (smallest > 0)
    oc_plot_figure_set_axis_scale (f, OC_PLOT_AXIS_X, OC_PLOT_SCALE_LOG);
  series = oc_plot_figure_add_series (f, _("instability"), x, y, stats->len);
  oc_plot_series_set_style (series, OC_PLOT_STYLE_LINE | OC_PLOT_STYLE_MARKERS);
  oc_plot_series_set_color (series, 0);
  if (band)
    oc_plot_series_set_band (series, lo, hi);
  if (has_zero && smallest > 0)
    oc_plot_figure_add_reference (f, OC_PLOT_AXIS_X, zero_x, "k = 0");
  label = g_strdup_printf (_("stable below %g %% (Frankle et al. 2020)"),
                           100 * OC_INSTABILITY_STABLE);
  oc_plot_figure_add_reference (f, OC_PLOT_AXIS_Y, 100 * OC_INSTABILITY_STABLE, label);
  /* The threshold stays in view however small the barriers are. */
  {
    double top = 100 * OC_INSTABILITY_STABLE, bottom = 0;

    for (guint i = 0; i < stats->len; i++)
      {
        top = MAX (top, hi[i]);
        bottom = MIN (bottom, lo[i]);
      }
    oc_plot_figure_set_axis_range (f, OC_PLOT_AXIS_Y, bottom, 1.15 * top);
  }
  return g_steal_pointer (&f);
}
