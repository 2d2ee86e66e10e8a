/* oc-train-figures.c — see oc-train-figures.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>

#include "occam-figures/oc-data-figures.h"
#include "occam-figures/oc-train-figures.h"
#include "oc-config.h"
#include <glib/gi18n-lib.h>

/* Each layer's histogram is drawn as this many values placed at bin centres in proportion to
 * the bin counts: the y axis then reads "weights per 1000" for every layer. */
#define HIST_RESOLUTION 1000

typedef double (*Field) (const OcEvalPoint *p);

static double get_train_error (const OcEvalPoint *p) { return p->train_error; }
static double get_val_error (const OcEvalPoint *p) { return p->val_error; }
static double get_test_error (const OcEvalPoint *p) { return p->test_error; }
static double get_train_loss (const OcEvalPoint *p) { return p->train_loss; }
static double get_val_loss (const OcEvalPoint *p) { return p->val_loss; }
static double get_test_loss (const OcEvalPoint *p) { return p->test_loss; }

/* train → blue, val → green, test → vermillion, as occam-cli plot colours them. */
static const struct
{
  const char *name;
  Field       get;
  guint       color;
  gboolean    loss;
} curves[] = {
  { N_("train error"), get_train_error, 0, FALSE },
  { N_("val error"), get_val_error, 2, FALSE },
  { N_("test error"), get_test_error, 1, FALSE },
  { N_("train loss"), get_train_loss, 0, TRUE },
  { N_("val loss"), get_val_loss, 2, TRUE },
  { N_("test loss"), get_test_loss, 1, TRUE },
};

OcPlotFigure *
oc_curves_figure_new (const GArray *evals, const char *title)
{
  OcPlotFigure *f = oc_plot_figure_new (OC_PLOT_KIND_XY);
  guint n = evals->len;
  g_autofree double *x = g_new (double, MAX (n, 1));
  g_autofree double *y = g_new (double, MAX (n, 1));

  oc_plot_figure_set_title (f, title);
  oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_X, _("iteration"));
  oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_Y, _("error"));
  oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_Y2, _("loss (dashed)"));
  oc_plot_figure_set_axis_range (f, OC_PLOT_AXIS_Y, 0, NAN);
  for (guint i = 0; i < n; i++)
    x[i] = (double) g_array_index (evals, OcEvalPoint, i).iteration;
  for (guint c = 0; c < G_N_ELEMENTS (curves); c++)
    {
      gboolean any = FALSE;
      OcPlotSeries *s;

      for (guint i = 0; i < n; i++)
        {
          y[i] = curves[c].get (&g_array_index (evals, OcEvalPoint, i));
          any |= isfinite (y[i]);
        }
      if (!any && n > 0)
        continue;
      s = oc_plot_figure_add_series (f, _(curves[c].name), x, y, n);
      oc_plot_series_set_color (s, curves[c].color);
      if (curves[c].loss)
        {
          oc_plot_series_set_style (s, OC_PLOT_STYLE_LINE | OC_PLOT_STYLE_DASHED);
          oc_plot_series_set_axis (s, OC_PLOT_AXIS_Y2);
        }
      else if (n < 30)
        oc_plot_series_set_style (s, OC_PLOT_STYLE_LINE | OC_PLOT_STYLE_MARKERS);
    }
  return f;
}

void
oc_curves_figure_add_run (OcPlotFigure *f, const GArray *evals, const char *name, guint color)
{
  guint n = evals->len;
  g_autofree double *x = g_new (double, MAX (n, 1));
  g_autofree double *y = g_new (double, MAX (n, 1));
  OcPlotSeries *s;

  for (guint i = 0; i < n; i++)
    {
      const OcEvalPoint *p = &g_array_index (evals, OcEvalPoint, i);

      x[i] = (double) p->iteration;
      y[i] = p->test_error;
    }
  s = oc_plot_figure_add_series (f, name, x, y, n);
  oc_plot_series_set_color (s, color % OC_PLOT_PALETTE_SIZE);
}

OcPlotFigure *
oc_weight_hist_figure_new (const OcWeightHist *h)
{
  OcPlotFigure *f = oc_plot_figure_new (OC_PLOT_KIND_HISTOGRAM);
  double span = h->log_hi - h->log_lo;

  oc_plot_figure_set_title (f, _("Weight magnitudes"));
  oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_X, "|w|");
  oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_Y, _("weights per 1000"));
  oc_plot_figure_set_axis_scale (f, OC_PLOT_AXIS_X, OC_PLOT_SCALE_LOG);
  oc_plot_figure_set_axis_range (f, OC_PLOT_AXIS_X, pow (10, h->log_lo), pow (10, h->log_hi));
  oc_plot_figure_set_bins (f, h->n_bins);
  for (guint l = 0; l < h->n_layers; l++)
    {
      const guint64 *c = h->counts + (gsize) l * h->n_bins;
      g_autoptr (GArray) values = g_array_sized_new (FALSE, FALSE, sizeof (double),
                                                     HIST_RESOLUTION + h->n_bins);
      g_autofree char *name = g_strdup_printf (_("layer %u (%u→%u)"), l + 1, h->fan_in[l],
                                               h->fan_out[l]);
      guint64 total = 0;
      double carry = 0;

      for (guint b = 0; b < h->n_bins; b++)
        total += c[b];
      if (total == 0)
        continue;
      for (guint b = 0; b < h->n_bins; b++)
        {
          /* Geometric bin centre; the running remainder keeps the sum at HIST_RESOLUTION. */
          double centre = pow (10, h->log_lo + span * (b + 0.5) / h->n_bins);
          double want = (double) c[b] * HIST_RESOLUTION / (double) total + carry;
          guint k = (guint) floor (want + 0.5);

          carry = want - k;
          for (guint i = 0; i < k; i++)
            g_array_append_val (values, centre);
        }
      oc_plot_figure_add_values (f, name, (double *) values->data, values->len);
    }
  return f;
}

OcPlotFigure *
oc_boundary_figure_new (const OcBoundary *bd, const OcDataset *ds)
{
  OcPlotFigure *f = oc_plot_figure_new (OC_PLOT_KIND_FIELD);
  const OcBoundaryGrid *g = &bd->grid;

  oc_plot_figure_set_title (f, _("Decision boundary"));
  oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_X, "x₁");
  oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_Y, "x₂");
  oc_plot_figure_set_field (f, bd->values, g->ny, g->nx, g->x0, g->x1, g->y0, g->y1, NULL);
  if (bd->n_classes == 2)
    {
      g_autofree char *label = g_strdup_printf ("P(%s)", ds->class_names && ds->class_names[1]
                                                           ? ds->class_names[1] : _("class 1"));

      oc_plot_figure_set_colormap (f, OC_PLOT_COLORMAP_DIVERGING);
      oc_plot_figure_set_color_range (f, 0, 1);
      oc_plot_figure_set_contour (f, 0.5);
      oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_COLOR, label);
    }
  else
    {
      oc_plot_figure_set_colormap (f, OC_PLOT_COLORMAP_SEQUENTIAL);
      oc_plot_figure_set_color_range (f, 0, bd->n_classes - 1);
      oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_COLOR, _("predicted class"));
    }
  oc_data_figure_add_points (f, ds);
  return f;
}
