/* test-plot-stress.c — 10⁶ points and a 2000×2000 heatmap draw quickly.
 *
 * Times are reported, not asserted tightly (machines differ); the loose bound only catches a
 * drawing path gone quadratic.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>

#include "occam-plot/oc-plot.h"

#define LOOSE_BOUND_S 20.0

static double
draw_seconds (const OcPlotFigure *f, int w, int h)
{
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  cairo_t *cr = cairo_create (s);
  gint64 t0 = g_get_monotonic_time ();
  double dt;

  oc_plot_figure_draw (f, cr, w, h, oc_plot_theme_get (OC_PLOT_THEME_LIGHT));
  cairo_surface_flush (s);
  dt = (g_get_monotonic_time () - t0) / 1e6;
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_destroy (s);
  return dt;
}

static void
test_million_points (void)
{
  enum { N = 1000000 };
  g_autofree double *x = g_new (double, N);
  g_autofree double *y = g_new (double, N);
  g_autofree double *y2 = g_new (double, N);
  g_autoptr (OcPlotFigure) f = oc_plot_figure_new (OC_PLOT_KIND_XY);
  double dt;

  for (int i = 0; i < N; i++)
    {
      x[i] = i;
      y[i] = 0.1 + 0.8 * exp (-i / 1e5) + 0.02 * sin (i * 0.37) * cos (i * 0.011);
      y2[i] = i % 50000 == 0 ? NAN : 0.5 + 0.3 * sin (i / 2e4);
    }
  oc_plot_figure_set_title (f, "10⁶ points");
  oc_plot_figure_add_series (f, "loss per step", x, y, N);
  oc_plot_figure_add_series (f, "with gaps", x, y2, N);
  dt = draw_seconds (f, 1920, 1080);
  g_test_message ("2 series × 10⁶ points at 1920×1080: %.3f s", dt);
  g_assert_cmpfloat (dt, <, LOOSE_BOUND_S);
}

static void
test_big_heatmap (void)
{
  enum { R = 2000, C = 2000 };
  g_autofree float *m = g_new (float, (gsize) R * C);
  g_autoptr (OcPlotFigure) f = oc_plot_figure_new (OC_PLOT_KIND_HEATMAP);
  g_autoptr (OcPlotFigure) sorted = oc_plot_figure_new (OC_PLOT_KIND_HEATMAP);
  double dt, dt_sorted;

  for (gsize i = 0; i < (gsize) R * C; i++)
    m[i] = (float) sin (i % C * 0.01) * (float) cos (i / C * 0.013);
  g_assert_true (oc_plot_figure_set_matrix (f, m, R, C, NULL));
  g_assert_true (oc_plot_figure_set_matrix (sorted, m, R, C, NULL));
  oc_plot_figure_set_sort (sorted, OC_PLOT_SORT_ROWS | OC_PLOT_SORT_COLS);
  dt = draw_seconds (f, 1920, 1080);
  dt_sorted = draw_seconds (sorted, 1920, 1080);
  g_test_message ("2000×2000 heatmap at 1920×1080: %.3f s (rows and columns sorted: %.3f s)", dt,
                  dt_sorted);
  g_assert_cmpfloat (dt, <, LOOSE_BOUND_S);
  g_assert_cmpfloat (dt_sorted, <, LOOSE_BOUND_S);
}

static void
test_mask_heatmap (void)
{
  /* A 784×300 pruning mask, the size the lottery-ticket pages show. */
  enum { R = 300, C = 784 };
  g_autofree float *m = g_new (float, (gsize) R * C);
  g_autoptr (OcPlotFigure) f = oc_plot_figure_new (OC_PLOT_KIND_HEATMAP);
  double dt;

  for (gsize i = 0; i < (gsize) R * C; i++)
    m[i] = (i * 2654435761u) % 100 < 20 ? 1.0f : 0.0f;
  g_assert_true (oc_plot_figure_set_matrix (f, m, R, C, NULL));
  dt = draw_seconds (f, 1280, 720);
  g_test_message ("784×300 mask at 1280×720: %.3f s", dt);
  g_assert_cmpfloat (dt, <, LOOSE_BOUND_S);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/plot/stress/million-points", test_million_points);
  g_test_add_func ("/plot/stress/heatmap-2000", test_big_heatmap);
  g_test_add_func ("/plot/stress/mask-784x300", test_mask_heatmap);
  return g_test_run ();
}
