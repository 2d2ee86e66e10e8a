/* plot-test-figures.c — deterministic example figures of every kind.
 *
 * Data come from closed-form curves and a fixed-seed GRand (Mersenne Twister, the same on every
 * platform), so the golden images only change when the drawing does.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>

#include "plot-test-figures.h"

static double
gauss (GRand *r)
{
  /* Box–Muller; enough for test data. */
  double u = g_rand_double_range (r, 1e-12, 1), v = g_rand_double (r);

  return sqrt (-2 * log (u)) * cos (2 * G_PI * v);
}

OcPlotFigure *
plot_test_learning (void)
{
  OcPlotFigure *f = oc_plot_figure_new (OC_PLOT_KIND_XY);
  enum { N = 61 };
  double it[N], tr_err[N], te_err[N], tr_loss[N], te_loss[N];
  OcPlotSeries *s;

  for (int i = 0; i < N; i++)
    {
      double t = i * 50;

      it[i] = t;
      tr_err[i] = 0.02 + 0.85 * exp (-t / 400) + 0.01 * sin (i * 1.7);
      te_err[i] = 0.11 + 0.78 * exp (-t / 450) + 0.012 * sin (i * 2.3);
      tr_loss[i] = 0.05 + 2.2 * exp (-t / 350);
      te_loss[i] = 0.32 + 2.0 * exp (-t / 420) + 0.0001 * t;
    }
  /* A diverged stretch must break the lines, not the axes. */
  te_err[30] = NAN;
  te_loss[30] = INFINITY;
  oc_plot_figure_set_title (f, "Learning curves — MLP 784-256-10 on Fashion-MNIST");
  oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_X, "iteration");
  oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_Y, "error");
  oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_Y2, "loss (dashed)");
  s = oc_plot_figure_add_series (f, "train error", it, tr_err, N);
  oc_plot_series_set_color (s, 0);
  s = oc_plot_figure_add_series (f, "test error", it, te_err, N);
  oc_plot_series_set_color (s, 1);
  s = oc_plot_figure_add_series (f, "train loss", it, tr_loss, N);
  oc_plot_series_set_color (s, 0);
  oc_plot_series_set_style (s, OC_PLOT_STYLE_LINE | OC_PLOT_STYLE_DASHED);
  oc_plot_series_set_axis (s, OC_PLOT_AXIS_Y2);
  s = oc_plot_figure_add_series (f, "test loss", it, te_loss, N);
  oc_plot_series_set_color (s, 1);
  oc_plot_series_set_style (s, OC_PLOT_STYLE_LINE | OC_PLOT_STYLE_DASHED);
  oc_plot_series_set_axis (s, OC_PLOT_AXIS_Y2);
  return f;
}

OcPlotFigure *
plot_test_double_descent (void)
{
  OcPlotFigure *f = oc_plot_figure_new (OC_PLOT_KIND_XY);
  enum { N = 33 };
  double p[N], test[N], lo[N], hi[N], train[N], loss[N];
  double threshold = 4e4; /* n·K: 4000 samples × 10 classes */
  OcPlotSeries *s;

  for (int i = 0; i < N; i++)
    {
      double lp = 3 + 3.0 * i / (N - 1); /* 10³ .. 10⁶ parameters */
      double d = lp - log10 (threshold);
      double peak = 0.22 * exp (-d * d / 0.02);
      double spread = 0.015 + 0.6 * peak;

      p[i] = pow (10, lp);
      test[i] = 0.16 + 0.18 * exp (-(lp - 3) * 1.6) + peak - 0.03 * MAX (d, 0);
      lo[i] = test[i] - spread * (0.6 + 0.4 * cos (i));
      hi[i] = test[i] + spread * (0.8 + 0.2 * sin (i));
      train[i] = MAX (0.3 * (1 - (lp - 3) / (log10 (threshold) - 3)), 0) + 0.002;
      loss[i] = 0.45 + 0.5 * exp (-(lp - 3) * 1.2) + 3 * peak;
    }
  oc_plot_figure_set_title (f, "Model-wise double descent (4k samples, 20% label noise)");
  oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_X, "parameters");
  oc_plot_figure_set_axis_scale (f, OC_PLOT_AXIS_X, OC_PLOT_SCALE_LOG);
  oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_Y, "error");
  oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_Y2, "test loss");
  s = oc_plot_figure_add_series (f, "test error (mean, min–max over 5 seeds)", p, test, N);
  oc_plot_series_set_band (s, lo, hi);
  oc_plot_series_set_style (s, OC_PLOT_STYLE_LINE | OC_PLOT_STYLE_MARKERS);
  s = oc_plot_figure_add_series (f, "train error", p, train, N);
  s = oc_plot_figure_add_series (f, "test loss", p, loss, N);
  oc_plot_series_set_style (s, OC_PLOT_STYLE_LINE | OC_PLOT_STYLE_DASHED);
  oc_plot_series_set_axis (s, OC_PLOT_AXIS_Y2);
  oc_plot_figure_add_reference (f, OC_PLOT_AXIS_X, threshold, "interpolation threshold n·K");
  return f;
}

OcPlotFigure *
plot_test_histogram (void)
{
  OcPlotFigure *f = oc_plot_figure_new (OC_PLOT_KIND_HISTOGRAM);
  g_autoptr (GRand) r = g_rand_new_with_seed (7);
  enum { N = 4000 };
  g_autofree double *init = g_new (double, N);
  g_autofree double *final = g_new (double, N);

  for (int i = 0; i < N; i++)
    {
      init[i] = 0.05 * gauss (r);
      final[i] = (i % 3 == 0 ? 0.015 : 0.08) * gauss (r);
    }
  oc_plot_figure_set_title (f, "Weights of layer 1 before and after training");
  oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_X, "weight");
  oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_Y, "count");
  oc_plot_figure_add_values (f, "at initialisation", init, N);
  oc_plot_figure_add_values (f, "after training", final, N);
  oc_plot_figure_add_reference (f, OC_PLOT_AXIS_X, -0.08, "prune |w| < 0.08");
  oc_plot_figure_add_reference (f, OC_PLOT_AXIS_X, 0.08, NULL);
  return f;
}

OcPlotFigure *
plot_test_heatmap (void)
{
  OcPlotFigure *f = oc_plot_figure_new (OC_PLOT_KIND_HEATMAP);
  enum { ROWS = 9, COLS = 60 };
  static const char *const widths[ROWS] = { "4", "8", "16", "32", "64", "128", "256", "512", "1024" };
  float m[ROWS * COLS];

  for (int r = 0; r < ROWS; r++)
    for (int c = 0; c < COLS; c++)
      {
        double e = c + 1, w = r;
        double bump = 0.18 * exp (-pow (w - 4, 2) / 2) * exp (-pow (log (e / 12), 2));

        m[r * COLS + c] = (float) (0.12 + 0.5 * exp (-e / (4 + 3 * w)) + bump + 0.04 / (1 + w));
      }
  m[3 * COLS + 59] = NAN; /* a missing run */
  oc_plot_figure_set_title (f, "Test error by width and epoch");
  oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_X, "epoch");
  oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_Y, "hidden width");
  oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_COLOR, "test error");
  oc_plot_figure_set_axis_categories (f, OC_PLOT_AXIS_Y, widths, ROWS);
  g_assert_true (oc_plot_figure_set_matrix (f, m, ROWS, COLS, NULL));
  return f;
}

/* A ring, a bar or a blob, to stand in for digits. */
static void
fake_digit (float *px, int kind, double phase)
{
  for (int y = 0; y < 28; y++)
    for (int x = 0; x < 28; x++)
      {
        double dx = x - 13.5, dy = y - 13.5, v;

        switch (kind % 3)
          {
          case 0:
            v = exp (-pow (hypot (dx, dy) - 8 - 1.5 * sin (phase), 2) / 3);
            break;
          case 1:
            v = exp (-pow (dx - 0.3 * dy + phase, 2) / 2.5) * (fabs (dy) < 10);
            break;
          default:
            v = exp (-(pow (dx - 3 * cos (phase), 2) + pow (dy + 4, 2)) / 18)
                + exp (-pow (dy - 6, 2) / 2) * (fabs (dx) < 7);
            break;
          }
        px[y * 28 + x] = (float) CLAMP (v, 0, 1);
      }
}

OcPlotFigure *
plot_test_image_grid (void)
{
  OcPlotFigure *f = oc_plot_figure_new (OC_PLOT_KIND_IMAGE_GRID);
  static const char *const names[3] = { "bag", "trouser", "sneaker" };

  oc_plot_figure_set_title (f, "Training samples (noisy labels marked)");
  oc_plot_figure_set_mark_label (f, "label was flipped");
  for (int i = 0; i < 18; i++)
    {
      float px[28 * 28];
      gboolean noisy = i % 7 == 3;
      g_autofree char *label = g_strdup (names[(i + (noisy ? 1 : 0)) % 3]);

      fake_digit (px, i, i * 0.9);
      g_assert_true (oc_plot_figure_add_image (f, px, 28, 28, label, noisy, NULL));
    }
  return f;
}

OcPlotFigure *
plot_test_field (void)
{
  OcPlotFigure *f = oc_plot_figure_new (OC_PLOT_KIND_FIELD);
  g_autoptr (GRand) r = g_rand_new_with_seed (3);
  enum { NX = 80, NY = 60, N = 60 };
  float field[NX * NY];
  double ax[N], ay[N], bx[N], by[N];
  OcPlotSeries *s;

  for (int j = 0; j < NY; j++)
    for (int i = 0; i < NX; i++)
      {
        double x = -1.5 + 4.0 * (i + 0.5) / NX, y = -1.0 + 2.5 * (j + 0.5) / NY;

        field[j * NX + i] = (float) tanh (2 * (y - 0.6 * sin (2.2 * x - 0.8) - 0.2));
      }
  for (int k = 0; k < N; k++)
    {
      double t = G_PI * k / (N - 1);

      ax[k] = cos (t) + 0.1 * gauss (r);
      ay[k] = sin (t) + 0.1 * gauss (r);
      bx[k] = 1 - cos (t) + 0.1 * gauss (r);
      by[k] = 0.5 - sin (t) + 0.1 * gauss (r) - 0.3;
    }
  oc_plot_figure_set_title (f, "Decision boundary, two moons");
  oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_X, "x₁");
  oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_Y, "x₂");
  oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_COLOR, "network output");
  g_assert_true (oc_plot_figure_set_field (f, field, NY, NX, -1.5, 2.5, -1.0, 1.5, NULL));
  oc_plot_figure_set_contour (f, 0);
  s = oc_plot_figure_add_series (f, "class A", ax, ay, N);
  oc_plot_series_set_style (s, OC_PLOT_STYLE_MARKERS);
  s = oc_plot_figure_add_series (f, "class B", bx, by, N);
  oc_plot_series_set_style (s, OC_PLOT_STYLE_MARKERS);
  return f;
}

OcPlotFigure *
plot_test_empty (void)
{
  OcPlotFigure *f = oc_plot_figure_new (OC_PLOT_KIND_XY);
  double x[3] = { 1, 2, 3 }, y[3] = { NAN, INFINITY, NAN };

  oc_plot_figure_set_title (f, "A run that diverged at once");
  oc_plot_figure_add_series (f, "test error", x, y, 3);
  return f;
}

/* A strip plot over three categories: a dot per run with chosen marker shapes (circles, squares
 * and larger diamonds, whatever the series' index), a quartile box as a short band per column,
 * and a count written above each column (and one inside the data) that the legend avoids. */
OcPlotFigure *
plot_test_strip (void)
{
  static const char *const names[] = { "2", "8", "64" };
  OcPlotFigure *f = oc_plot_figure_new (OC_PLOT_KIND_XY);
  double bx[9], by[9], blo[9], bhi[9];
  double tx[24], ty[24], sx[3], sy[3];
  guint nt = 0, ns = 0;
  OcPlotSeries *s;

  for (guint c = 0; c < 3; c++)
    {
      double centre = c + 0.5, spread = 0.3 / (c + 1);

      for (guint k = 0; k < 8; k++)
        {
          double y = 0.05 + 0.25 / (c + 1) + spread * sin (3.7 * k + c);

          tx[nt] = centre + 0.1 * (2 * fmod ((k + 1) * 0.618034, 1.0) - 1);
          ty[nt++] = MAX (y, 0);
        }
      if (c == 0)
        {
          sx[ns] = centre + 0.05;
          sy[ns++] = 0.86;
        }
      bx[3 * c] = centre - 0.15;
      bx[3 * c + 1] = centre + 0.15;
      bx[3 * c + 2] = NAN;
      by[3 * c] = by[3 * c + 1] = 0.05 + 0.25 / (c + 1);
      blo[3 * c] = blo[3 * c + 1] = by[3 * c] - spread / 2;
      bhi[3 * c] = bhi[3 * c + 1] = by[3 * c] + spread / 2;
      by[3 * c + 2] = blo[3 * c + 2] = bhi[3 * c + 2] = NAN;
    }
  oc_plot_figure_set_title (f, "Every seed by width");
  oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_X, "hidden width");
  oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_Y, "final train error");
  oc_plot_figure_set_axis_range (f, OC_PLOT_AXIS_X, 0, 3);
  oc_plot_figure_set_axis_range (f, OC_PLOT_AXIS_Y, 0, 1.1);
  oc_plot_figure_set_axis_categories (f, OC_PLOT_AXIS_X, names, 3);
  s = oc_plot_figure_add_series (f, NULL, bx, by, 9);
  oc_plot_series_set_band (s, blo, bhi);
  oc_plot_series_set_color (s, 0);
  s = oc_plot_figure_add_series (f, "one dot per seed", tx, ty, nt);
  oc_plot_series_set_style (s, OC_PLOT_STYLE_MARKERS);
  oc_plot_series_set_color (s, 0);
  oc_plot_series_set_marker (s, OC_PLOT_MARKER_SQUARE);
  s = oc_plot_figure_add_series (f, "stuck near chance", sx, sy, ns);
  oc_plot_series_set_style (s, OC_PLOT_STYLE_MARKERS);
  oc_plot_series_set_color (s, 3);
  oc_plot_series_set_marker (s, OC_PLOT_MARKER_DIAMOND);
  oc_plot_series_set_marker_scale (s, 1.5);
  oc_plot_figure_add_reference (f, OC_PLOT_AXIS_Y, 0.9, "chance");
  oc_plot_figure_add_label (f, 0.5, NAN, "1/9 stuck");
  oc_plot_figure_add_label (f, 1.5, NAN, "0/8 stuck");
  oc_plot_figure_add_label (f, 2.5, NAN, "0/8 stuck");
  oc_plot_figure_add_label (f, 2.5, 0.5, "label in the data");
  return f;
}

const PlotTestFigure plot_test_figures[] = {
  { "learning", plot_test_learning },
  { "double-descent", plot_test_double_descent },
  { "histogram", plot_test_histogram },
  { "heatmap", plot_test_heatmap },
  { "grid", plot_test_image_grid },
  { "field", plot_test_field },
  { "strip", plot_test_strip },
  { "empty", plot_test_empty },
  { NULL, NULL },
};
