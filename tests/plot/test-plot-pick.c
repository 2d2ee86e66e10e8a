/* test-plot-pick.c — reading a figure back, and picking finds the point drawn under the pointer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <stdlib.h>

#include "occam-plot/oc-plot.h"

#define W 640
#define H 400

static OcPlotFigure *
figure_new (void)
{
  static const double x[] = { 10, 100, 1000, 10000 };
  static const double err[] = { 0.6, 0.3, 0.45, 0.2 };
  static const double loss[] = { 1.5, 0.8, 2.6, 0.6 };
  OcPlotFigure *f = oc_plot_figure_new (OC_PLOT_KIND_XY);
  OcPlotSeries *s;

  oc_plot_figure_set_title (f, "Double descent");
  oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_X, "parameters");
  oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_Y, "error");
  oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_Y2, "loss");
  oc_plot_figure_set_axis_scale (f, OC_PLOT_AXIS_X, OC_PLOT_SCALE_LOG);
  oc_plot_figure_add_reference (f, OC_PLOT_AXIS_X, 400, "n·K");
  s = oc_plot_figure_add_series (f, "test error", x, err, 4);
  oc_plot_series_set_style (s, OC_PLOT_STYLE_MARKERS);
  oc_plot_series_set_color (s, 1);
  s = oc_plot_figure_add_series (f, "test loss", x, loss, 4);
  oc_plot_series_set_axis (s, OC_PLOT_AXIS_Y2);
  oc_plot_series_set_style (s, OC_PLOT_STYLE_LINE | OC_PLOT_STYLE_DASHED);
  return f;
}

/* The pixel at the picked spot has the marker's colour: the pick and the drawing agree. */
static void
test_pick_matches_drawing (void)
{
  g_autoptr (OcPlotFigure) f = figure_new ();
  const OcPlotTheme *theme = oc_plot_theme_get (OC_PLOT_THEME_LIGHT);
  const OcPlotRgba *c = &theme->palette[1];
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, W, H);
  cairo_t *cr = cairo_create (surface);
  const guint8 *data;
  int stride;
  gboolean seen[4] = { FALSE };
  gboolean only_first[2] = { TRUE, FALSE };

  oc_plot_figure_draw (f, cr, W, H, theme);
  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  /* Every point is the nearest one somewhere on a grid of probes over the canvas. */
  for (int y = 0; y < H; y += 10)
    for (int x = 0; x < W; x += 10)
      {
        OcPlotPick a, b;
        guint32 px;

        g_assert_true (oc_plot_figure_pick (f, W, H, theme, x, y, 1e9, only_first, &a));
        g_assert_cmpuint (a.series, ==, 0);
        g_assert_cmpuint (a.index, <, 4);
        if (seen[a.index])
          continue;
        seen[a.index] = TRUE;
        /* A click a little off the marker finds it; its pixel has the marker's colour. */
        g_assert_true (oc_plot_figure_pick (f, W, H, theme, a.x + 2, a.y - 2, 6, only_first, &b));
        g_assert_cmpuint (b.index, ==, a.index);
        px = *(const guint32 *) (data + (int) a.y * stride + (int) a.x * 4);
        g_assert_cmpint (abs ((int) ((px >> 16) & 0xff) - (int) round (c->r * 255)), <=, 2);
        g_assert_cmpint (abs ((int) ((px >> 8) & 0xff) - (int) round (c->g * 255)), <=, 2);
        g_assert_cmpint (abs ((int) (px & 0xff) - (int) round (c->b * 255)), <=, 2);
      }
  for (guint k = 0; k < 4; k++)
    g_assert_true (seen[k]);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
test_pick_misses_and_filters (void)
{
  g_autoptr (OcPlotFigure) f = figure_new ();
  g_autoptr (OcPlotFigure) heatmap = oc_plot_figure_new (OC_PLOT_KIND_HEATMAP);
  const OcPlotTheme *theme = oc_plot_theme_get (OC_PLOT_THEME_DARK);
  gboolean loss_only[2] = { FALSE, TRUE };
  OcPlotPick p;

  /* The top-left corner holds the title, far from any point. */
  g_assert_false (oc_plot_figure_pick (f, W, H, theme, 1, 1, 8, NULL, &p));
  /* Only the loss series: every answer is on the right axis. */
  for (int x = 40; x < W; x += 60)
    if (oc_plot_figure_pick (f, W, H, theme, x, H / 2.0, 1e9, loss_only, &p))
      g_assert_cmpuint (p.series, ==, 1);
  g_assert_false (oc_plot_figure_pick (heatmap, W, H, theme, W / 2.0, H / 2.0, 1e9, NULL, &p));
  g_assert_false (oc_plot_figure_pick (f, 0, H, theme, 1, 1, 1e9, NULL, &p));
}

static void
test_read_back (void)
{
  g_autoptr (OcPlotFigure) f = figure_new ();
  const double *x, *y;
  const char *label;
  OcPlotAxisId axis;
  double value;

  g_assert_cmpstr (oc_plot_figure_get_title (f), ==, "Double descent");
  g_assert_cmpuint (oc_plot_figure_get_n_series (f), ==, 2);
  g_assert_cmpstr (oc_plot_figure_get_series_name (f, 1), ==, "test loss");
  g_assert_cmpuint (oc_plot_figure_get_series_data (f, 0, &x, &y), ==, 4);
  g_assert_cmpfloat (x[2], ==, 1000);
  g_assert_cmpfloat (y[2], ==, 0.45);
  g_assert_cmpuint (oc_plot_figure_get_n_references (f), ==, 1);
  oc_plot_figure_get_reference (f, 0, &axis, &value, &label);
  g_assert_cmpint (axis, ==, OC_PLOT_AXIS_X);
  g_assert_cmpfloat (value, ==, 400);
  g_assert_cmpstr (label, ==, "n·K");
}

/* Pixels of the palette colour @index in @f drawn at W × H. */
static guint
count_color (const OcPlotFigure *f, guint index)
{
  const OcPlotTheme *theme = oc_plot_theme_get (OC_PLOT_THEME_LIGHT);
  const OcPlotRgba *c = &theme->palette[index];
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, W, H);
  cairo_t *cr = cairo_create (surface);
  const guint8 *data;
  int stride;
  guint n = 0;

  oc_plot_figure_draw (f, cr, W, H, theme);
  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (int y = 0; y < H; y++)
    for (int x = 0; x < W; x++)
      {
        guint32 px = *(const guint32 *) (data + y * stride + x * 4);

        n += abs ((int) ((px >> 16) & 0xff) - (int) round (c->r * 255)) <= 2
             && abs ((int) ((px >> 8) & 0xff) - (int) round (c->g * 255)) <= 2
             && abs ((int) (px & 0xff) - (int) round (c->b * 255)) <= 2;
      }
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return n;
}

/* Bigger markers cover more of the canvas, in the plot and in the legend. */
static void
test_marker_scale (void)
{
  static const double x[] = { 1, 2, 3 };
  static const double y[] = { 1, 3, 2 };
  guint counts[2];

  for (guint k = 0; k < 2; k++)
    {
      g_autoptr (OcPlotFigure) f = oc_plot_figure_new (OC_PLOT_KIND_XY);
      OcPlotSeries *s = oc_plot_figure_add_series (f, "flagged", x, y, 3);

      oc_plot_series_set_style (s, OC_PLOT_STYLE_MARKERS);
      oc_plot_series_set_color (s, 3);
      oc_plot_series_set_marker_scale (s, k == 0 ? 1 : 2);
      counts[k] = count_color (f, 3);
    }
  g_assert_cmpuint (counts[0], >, 0);
  g_assert_cmpuint (counts[1], >, 3 * counts[0]);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/plot-pick/read-back", test_read_back);
  g_test_add_func ("/plot-pick/marker-scale", test_marker_scale);
  g_test_add_func ("/plot-pick/matches-drawing", test_pick_matches_drawing);
  g_test_add_func ("/plot-pick/misses-and-filters", test_pick_misses_and_filters);
  return g_test_run ();
}
