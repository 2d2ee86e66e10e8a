/* oc-grok-figures.c — see oc-grok-figures.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>

#include "occam-figures/oc-grok-figures.h"
#include "oc-config.h"
#include <glib/gi18n-lib.h>
#include <inttypes.h>

/* Palette indices, as the learning curves colour their splits: train blue, test vermillion. */
#define COLOR_TRAIN 0
#define COLOR_TEST  1
#define COLOR_NORM  2
#define COLOR_SHARE 4

static void
add_step_marks (OcPlotFigure *f, const OcGrokRun *run)
{
  if (run->memorised > 0)
    {
      g_autofree char *label = g_strdup_printf (_("memorised · step %" PRId64),
                                                run->memorised);

      oc_plot_figure_add_reference (f, OC_PLOT_AXIS_X, (double) run->memorised, label);
    }
  if (run->generalised > 0)
    {
      g_autofree char *label = g_strdup_printf (_("found the rule · step %" PRId64),
                                                run->generalised);

      oc_plot_figure_add_reference (f, OC_PLOT_AXIS_X, (double) run->generalised, label);
    }
}

static void
steps_of (const OcGrokRun *run, double *x)
{
  for (guint i = 0; i < run->evals->len; i++)
    {
      guint64 it = g_array_index (run->evals, OcEvalPoint, i).iteration;

      x[i] = it > 0 ? (double) it : NAN;
    }
}

static void
setup_step_axis (OcPlotFigure *f, const OcGrokRun *run)
{
  oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_X, _("step (log)"));
  oc_plot_figure_set_axis_scale (f, OC_PLOT_AXIS_X, OC_PLOT_SCALE_LOG);
  /* From the first step to the last planned one (while live, the axis does not jump). */
  if (run->evals->len > 0)
    oc_plot_figure_set_axis_range (f, OC_PLOT_AXIS_X, 1, NAN);
}

OcPlotFigure *
oc_grok_accuracy_figure_new (const OcGrokRun *run, const char *title)
{
  OcPlotFigure *f = oc_plot_figure_new (OC_PLOT_KIND_XY);
  guint n = run->evals->len;
  g_autofree double *x = g_new (double, MAX (n, 1));
  g_autofree double *train = g_new (double, MAX (n, 1));
  g_autofree double *test = g_new (double, MAX (n, 1));
  OcPlotSeries *s;

  oc_plot_figure_set_title (f, title);
  setup_step_axis (f, run);
  oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_Y, _("accuracy"));
  oc_plot_figure_set_axis_range (f, OC_PLOT_AXIS_Y, 0, 1);
  steps_of (run, x);
  for (guint i = 0; i < n; i++)
    {
      const OcEvalPoint *e = &g_array_index (run->evals, OcEvalPoint, i);

      train[i] = 1 - e->train_error;
      test[i] = 1 - e->test_error;
    }
  s = oc_plot_figure_add_series (f, _("train (memorised pairs)"), x, train, n);
  oc_plot_series_set_color (s, COLOR_TRAIN);
  s = oc_plot_figure_add_series (f, _("held-out pairs (the rule)"), x, test, n);
  oc_plot_series_set_color (s, COLOR_TEST);
  add_step_marks (f, run);
  return f;
}

OcPlotFigure *
oc_grok_measures_figure_new (const OcGrokRun *run, const char *title)
{
  OcPlotFigure *f = oc_plot_figure_new (OC_PLOT_KIND_XY);
  guint n = MIN (run->evals->len, run->measures->len / OC_GROK_N_MEASURES);
  g_autofree double *x = g_new (double, MAX (run->evals->len, 1));
  g_autofree double *norm = g_new (double, MAX (n, 1));
  g_autofree double *share = g_new (double, MAX (n, 1));
  gboolean any_share = FALSE;
  OcPlotSeries *s;

  oc_plot_figure_set_title (f, title);
  setup_step_axis (f, run);
  oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_Y, _("weight norm ‖θ‖₂"));
  steps_of (run, x);
  for (guint i = 0; i < n; i++)
    {
      const double *m = &g_array_index (run->measures, double, i * OC_GROK_N_MEASURES);

      norm[i] = m[OC_GROK_MEASURE_WEIGHT_NORM];
      share[i] = m[OC_GROK_MEASURE_FOURIER_SHARE];
      any_share |= isfinite (share[i]);
    }
  s = oc_plot_figure_add_series (f, "‖θ‖₂", x, norm, n);
  oc_plot_series_set_color (s, COLOR_NORM);
  if (any_share || (n == 0 && run->n_frequencies > 0))
    {
      oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_Y2, _("Fourier share (dashed)"));
      oc_plot_figure_set_axis_range (f, OC_PLOT_AXIS_Y2, 0, 1);
      s = oc_plot_figure_add_series (f, _("Fourier share (per hidden unit)"), x, share, n);
      oc_plot_series_set_color (s, COLOR_SHARE);
      oc_plot_series_set_style (s, OC_PLOT_STYLE_LINE | OC_PLOT_STYLE_DASHED);
      oc_plot_series_set_axis (s, OC_PLOT_AXIS_Y2);
    }
  add_step_marks (f, run);
  return f;
}

static int
cmp_double (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
add_unique (GArray *values, double v)
{
  for (guint i = 0; i < values->len; i++)
    if (g_array_index (values, double, i) == v)
      return;
  g_array_append_val (values, v);
}

OcPlotFigure *
oc_grok_fractions_figure_new (const OcGrokResults *r)
{
  g_autoptr (GArray) fractions = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) decays = g_array_new (FALSE, FALSE, sizeof (double));
  OcPlotFigure *f;
  guint n_runs = oc_grok_results_get_n_runs (r);

  if (oc_grok_results_get_n_finished (r) == 0)
    return NULL;
  for (guint i = 0; i < n_runs; i++)
    {
      const OcGrokRun *run = oc_grok_results_get_run (r, i);

      add_unique (fractions, run->point.train_fraction);
      add_unique (decays, run->point.weight_decay);
    }
  g_array_sort (fractions, cmp_double);
  g_array_sort (decays, cmp_double);
  f = oc_plot_figure_new (OC_PLOT_KIND_XY);
  oc_plot_figure_set_title (f, _("Steps to find the rule, with and without weight decay"));
  oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_X, _("train fraction (share of all pairs)"));
  oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_Y, _("step (log)"));
  oc_plot_figure_set_axis_scale (f, OC_PLOT_AXIS_Y, OC_PLOT_SCALE_LOG);
  for (guint d = 0; d < decays->len; d++)
    {
      double wd = g_array_index (decays, double, d);
      g_autofree double *x = g_new (double, fractions->len);
      g_autofree double *gen = g_new (double, fractions->len);
      g_autofree double *mem = g_new (double, fractions->len);
      g_autofree char *gen_name = g_strdup_printf (_("found the rule · weight decay %g"), wd);
      g_autofree char *mem_name = g_strdup_printf (_("memorised · weight decay %g"), wd);
      OcPlotSeries *s;

      for (guint k = 0; k < fractions->len; k++)
        {
          double fr = g_array_index (fractions, double, k), gs = 0, ms = 0;
          guint gn = 0, mn = 0;

          for (guint i = 0; i < n_runs; i++)
            {
              const OcGrokRun *run = oc_grok_results_get_run (r, i);

              if (run->point.train_fraction != fr || run->point.weight_decay != wd
                  || run->status != OC_STATUS_FINISHED)
                continue;
              if (run->generalised > 0)
                gs += (double) run->generalised, gn++;
              if (run->memorised > 0)
                ms += (double) run->memorised, mn++;
            }
          x[k] = fr;
          gen[k] = gn > 0 ? gs / gn : NAN;
          mem[k] = mn > 0 ? ms / mn : NAN;
        }
      s = oc_plot_figure_add_series (f, gen_name, x, gen, fractions->len);
      oc_plot_series_set_style (s, OC_PLOT_STYLE_LINE | OC_PLOT_STYLE_MARKERS);
      oc_plot_series_set_color (s, d * 2 % OC_PLOT_PALETTE_SIZE);
      s = oc_plot_figure_add_series (f, mem_name, x, mem, fractions->len);
      oc_plot_series_set_style (s, OC_PLOT_STYLE_LINE | OC_PLOT_STYLE_MARKERS
                                     | OC_PLOT_STYLE_DASHED);
      oc_plot_series_set_color (s, d * 2 % OC_PLOT_PALETTE_SIZE);
    }
  return f;
}

OcPlotFigure *
oc_grok_spectrum_figure_new (const OcGrokRun *run, guint top_k)
{
  OcPlotFigure *f;
  guint before, after, nf = run->n_frequencies;
  g_autofree double *x = NULL, *y = NULL;
  const guint which[2] = { 0, 1 };

  if (!oc_grok_run_jump_evals (run, &before, &after))
    return NULL;
  f = oc_plot_figure_new (OC_PLOT_KIND_XY);
  oc_plot_figure_set_title (f, _("Fourier spectrum of the input embedding"));
  oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_X, _("frequency k"));
  oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_Y, _("share of the embedding's energy (all units)"));
  oc_plot_figure_set_axis_range (f, OC_PLOT_AXIS_Y, 0, NAN);
  x = g_new (double, nf);
  y = g_new (double, nf);
  for (guint w = 0; w < G_N_ELEMENTS (which); w++)
    {
      guint e = which[w] == 0 ? before : after;
      const float *energy = &g_array_index (run->spectrum, float, (gsize) e * nf);
      guint64 step = g_array_index (run->evals, OcEvalPoint, e).iteration;
      double total = 0;
      g_autofree char *name = NULL;
      OcPlotSeries *s;

      for (guint k = 0; k < nf; k++)
        total += energy[k];
      for (guint k = 0; k < nf; k++)
        {
          x[k] = k;
          y[k] = total > 0 ? energy[k] / total : NAN;
        }
      {
        /* The share in the top-k frequencies, as the measures figure plots it. */
        double share = e < run->measures->len / OC_GROK_N_MEASURES
                         ? g_array_index (run->measures, double,
                                          e * OC_GROK_N_MEASURES + OC_GROK_MEASURE_FOURIER_SHARE)
                         : NAN;
        g_autofree char *top = isfinite (share) && top_k > 0
                                 ? g_strdup_printf (_(" · each unit's top %u: %.0f %%"), top_k, 100 * share)
                                 : g_strdup ("");

        name = g_strdup_printf (_("%s · step %" PRIu64 "%s"),
                                which[w] == 0 ? (run->memorised >= 0 ? _("memorised") : _("start"))
                                              : (run->generalised >= 0 ? _("found the rule")
                                                                       : _("last step")),
                                step, top);
      }
      s = oc_plot_figure_add_series (f, name, x, y, nf);
      oc_plot_series_set_style (s, OC_PLOT_STYLE_LINE | OC_PLOT_STYLE_MARKERS);
      oc_plot_series_set_color (s, which[w] == 0 ? COLOR_TRAIN : COLOR_TEST);
    }
  return f;
}

OcPlotFigure *
oc_grok_pairs_figure_new (const OcGrokRun *run, gboolean final, gboolean modadd)
{
  const guint8 *grid = final ? run->pairs_final : run->pairs_memorised;
  guint rows = run->pair_rows, cols = run->pair_cols, right = 0, wrong = 0;
  g_autofree float *m = NULL;
  g_autofree char *title = NULL;
  OcPlotFigure *f;

  if (grid == NULL || rows == 0 || cols == 0)
    return NULL;
  m = g_new (float, (gsize) rows * cols);
  for (gsize i = 0; i < (gsize) rows * cols; i++)
    {
      m[i] = grid[i] == OC_GROK_PAIR_TRAIN ? NAN : grid[i] == OC_GROK_PAIR_RIGHT ? 1.0f : 0.0f;
      right += grid[i] == OC_GROK_PAIR_RIGHT;
      wrong += grid[i] == OC_GROK_PAIR_WRONG;
    }
  f = oc_plot_figure_new (OC_PLOT_KIND_HEATMAP);
  title = g_strdup_printf (_("Held-out %s %s: %u right, %u wrong"), modadd ? _("pairs") : _("sums"),
                           final ? _("at the end") : _("when memorised"), right, wrong);
  oc_plot_figure_set_title (f, title);
  oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_X, modadd ? "b" : _("second number b"));
  oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_Y, modadd ? "a" : _("first number a"));
  /* Training pairs are the blank cells. */
  oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_COLOR, _("right (1) · wrong (0)"));
  oc_plot_figure_set_matrix (f, m, rows, cols, NULL);
  oc_plot_figure_set_colormap (f, OC_PLOT_COLORMAP_SEQUENTIAL);
  oc_plot_figure_set_color_range (f, 0, 1);
  return f;
}
