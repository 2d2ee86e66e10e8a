/* test-plot-hit.c — hovering and walking a figure with the keys (oc-plot-hit.h), and reading it
 * as words and as CSV (oc-plot-data.h), for every figure kind.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "occam/oc-error.h"
#include "occam-plot/oc-plot.h"

#define W 640
#define H 400

static const double px_[] = { 10, 100, 1000, 10000 };
static const double err_[] = { 0.6, 0.3, 0.45, 0.2 };
static const double loss_[] = { 1.5, 0.8, 2.6, 0.6 };

static OcPlotFigure *
xy_new (void)
{
  OcPlotFigure *f = oc_plot_figure_new (OC_PLOT_KIND_XY);
  OcPlotSeries *s;

  oc_plot_figure_set_title (f, "Double descent");
  oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_X, "parameters");
  oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_Y, "error");
  oc_plot_figure_set_axis_scale (f, OC_PLOT_AXIS_X, OC_PLOT_SCALE_LOG);
  s = oc_plot_figure_add_series (f, "test error", px_, err_, 4);
  oc_plot_series_set_style (s, OC_PLOT_STYLE_MARKERS);
  oc_plot_series_set_color (s, 1);
  s = oc_plot_figure_add_series (f, "train error", px_, loss_, 4);
  oc_plot_series_set_style (s, OC_PLOT_STYLE_MARKERS);
  oc_plot_series_set_color (s, 2);
  return f;
}

/* The pixel at (@x, @y) of @surface has colour @c. */
static void
assert_pixel (cairo_surface_t *surface, double x, double y, const OcPlotRgba *c)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint32 px = *(const guint32 *) (data + (int) y * stride + (int) x * 4);

  g_assert_cmpint (abs ((int) ((px >> 16) & 0xff) - (int) round (c->r * 255)), <=, 3);
  g_assert_cmpint (abs ((int) ((px >> 8) & 0xff) - (int) round (c->g * 255)), <=, 3);
  g_assert_cmpint (abs ((int) (px & 0xff) - (int) round (c->b * 255)), <=, 3);
}

/* Hover finds the point drawn there (its pixel has the series' colour) and reads its values;
 * the arrows walk along a series and across to the other one. */
static void
test_xy (void)
{
  g_autoptr (OcPlotFigure) f = xy_new ();
  const OcPlotTheme *theme = oc_plot_theme_get (OC_PLOT_THEME_LIGHT);
  g_autoptr (OcPlotLayout) l = oc_plot_layout_new (f, W, H, theme);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, W, H);
  cairo_t *cr = cairo_create (surface);
  OcPlotHit a, b;
  g_autofree char *text = NULL;

  oc_plot_figure_draw (f, cr, W, H, theme);
  cairo_surface_flush (surface);

  g_assert_true (oc_plot_layout_first (l, &a));
  g_assert_cmpint (a.kind, ==, OC_PLOT_HIT_POINT);
  g_assert_cmpuint (a.series, ==, 0);
  g_assert_cmpuint (a.index, ==, 0);
  for (guint k = 1; k < 4; k++)
    {
      g_assert_true (oc_plot_layout_step (l, &a, 1, 0, &b));
      g_assert_cmpuint (b.series, ==, 0);
      g_assert_cmpuint (b.index, ==, k);
      g_assert_cmpfloat (b.x, >, a.x);
      a = b;
    }
  g_assert_false (oc_plot_layout_step (l, &a, 1, 0, &b));

  /* Point 1 of the test error: the pointer a few pixels off finds it, drawn in its colour. */
  g_assert_true (oc_plot_layout_step (l, &a, -2, 0, &a));
  g_assert_cmpuint (a.index, ==, 1);
  assert_pixel (surface, a.x, a.y, &theme->palette[1]);
  g_assert_true (oc_plot_layout_hit (l, a.x + 3, a.y - 2, 8, &b));
  g_assert_cmpuint (b.series, ==, 0);
  g_assert_cmpuint (b.index, ==, 1);
  text = oc_plot_layout_describe_hit (l, &b);
  g_assert_cmpstr (text, ==, "test error: parameters 100, error 0.3");
  /* Far from every point: nothing. */
  g_assert_false (oc_plot_layout_hit (l, 2, 2, 8, &b));

  /* Down: the other series at the same x. */
  g_assert_true (oc_plot_layout_step (l, &a, 0, 1, &b));
  g_assert_cmpuint (b.series, ==, 1);
  g_assert_cmpuint (b.index, ==, 1);
  assert_pixel (surface, b.x, b.y, &theme->palette[2]);
  g_assert_false (oc_plot_layout_step (l, &b, 0, 1, &a));
  g_assert_true (oc_plot_layout_step (l, &b, 0, -1, &a));
  g_assert_cmpuint (a.series, ==, 0);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* A 3 × 4 matrix sorted by row means: hovering each cell's centre finds that cell, the walk
 * visits every stored cell once, row by row as drawn, and the first one is on the row with the
 * largest mean. */
static void
test_heatmap (void)
{
  static const float m[12] = { 0.1f, 0.2f, 0.3f, 0.4f,
                               0.9f, 0.8f, NAN, 0.6f,
                               0.5f, 0.5f, 0.5f, 0.5f };
  g_autoptr (OcPlotFigure) f = oc_plot_figure_new (OC_PLOT_KIND_HEATMAP);
  const OcPlotTheme *theme = oc_plot_theme_get (OC_PLOT_THEME_DARK);
  g_autoptr (OcPlotLayout) l = NULL;
  gboolean seen[12] = { FALSE };
  OcPlotHit a, b;
  guint n = 0;
  g_autofree char *text = NULL;

  oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_X, "epoch");
  oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_Y, "width");
  oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_COLOR, "test error");
  g_assert_true (oc_plot_figure_set_matrix (f, m, 3, 4, NULL));
  oc_plot_figure_set_sort (f, OC_PLOT_SORT_ROWS);
  l = oc_plot_layout_new (f, W, H, theme);

  g_assert_true (oc_plot_layout_first (l, &a));
  g_assert_cmpint (a.kind, ==, OC_PLOT_HIT_CELL);
  /* Row means: 0.25, 0.767 (NaN skipped), 0.5: row 1 is drawn first. */
  g_assert_cmpuint (a.row, ==, 1);
  g_assert_cmpuint (a.col, ==, 0);
  for (;;)
    {
      OcPlotHit row_start = a;

      for (;;)
        {
          g_assert_false (seen[a.row * 4 + a.col]);
          seen[a.row * 4 + a.col] = TRUE;
          n++;
          g_assert_true (oc_plot_layout_hit (l, a.x + 1, a.y - 1, 0, &b));
          g_assert_cmpuint (b.row, ==, a.row);
          g_assert_cmpuint (b.col, ==, a.col);
          if (!oc_plot_layout_step (l, &a, 1, 0, &b))
            break;
          a = b;
        }
      if (!oc_plot_layout_step (l, &row_start, 0, 1, &a))
        break;
    }
  g_assert_cmpuint (n, ==, 12);
  /* Second row drawn is row 2 (mean 0.5), then row 0. */
  g_assert_true (oc_plot_layout_first (l, &a));
  g_assert_true (oc_plot_layout_step (l, &a, 2, 1, &b));
  g_assert_cmpuint (b.row, ==, 2);
  g_assert_cmpuint (b.col, ==, 2);
  text = oc_plot_layout_describe_hit (l, &b);
  g_assert_cmpstr (text, ==, "width 2, epoch 2: test error 0.5");
  g_clear_pointer (&text, g_free);
  g_assert_true (oc_plot_layout_step (l, &a, 2, 0, &b));
  text = oc_plot_layout_describe_hit (l, &b);
  g_assert_cmpstr (text, ==, "width 1, epoch 2: test error missing");
  /* Outside the matrix (the title): nothing. */
  g_assert_false (oc_plot_layout_hit (l, W / 2.0, 2, 0, &b));
}

/* A heatmap whose 200 columns (epochs 1 to 200) sit on a log X axis: the ticks are the decades
 * (1, 10, 100), not the columns' names; a cell is found at its epoch and reads its name. */
static void
test_heatmap_log_columns (void)
{
  enum { COLS = 200, ROWS = 3 };
  g_autoptr (OcPlotFigure) f = oc_plot_figure_new (OC_PLOT_KIND_HEATMAP);
  const OcPlotTheme *theme = oc_plot_theme_get (OC_PLOT_THEME_LIGHT);
  g_autoptr (OcPlotLayout) l = NULL;
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GBytes) svg = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree float *m = g_new (float, ROWS * COLS);
  double edges[COLS + 1];
  g_autofree char *text = NULL, *xml = NULL;
  OcPlotHit a, b;
  gsize n;

  for (guint c = 0; c < COLS; c++)
    {
      for (guint r = 0; r < ROWS; r++)
        m[r * COLS + c] = (float) (r + c / 1000.0);
      g_ptr_array_add (names, g_strdup_printf ("%u", c + 1));
    }
  for (guint c = 1; c < COLS; c++)
    edges[c] = sqrt ((double) c * (c + 1));
  edges[0] = 1.0 / edges[1];
  edges[COLS] = (double) COLS * COLS / edges[COLS - 1];
  oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_X, "epoch");
  g_assert_true (oc_plot_figure_set_matrix (f, m, ROWS, COLS, NULL));
  oc_plot_figure_set_axis_categories (f, OC_PLOT_AXIS_X, (const char *const *) names->pdata,
                                      COLS);
  oc_plot_figure_set_axis_scale (f, OC_PLOT_AXIS_X, OC_PLOT_SCALE_LOG);
  /* Edges that do not increase, or one too few, are refused. */
  g_assert_false (oc_plot_figure_set_column_edges (f, edges, COLS, &error));
  g_assert_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_true (oc_plot_figure_set_column_edges (f, edges, COLS + 1, &error));
  g_assert_no_error (error);

  svg = oc_plot_figure_render (f, theme, OC_PLOT_FORMAT_SVG, W, H, 1, &error);
  g_assert_no_error (error);
  xml = g_strndup (g_bytes_get_data (svg, &n), g_bytes_get_size (svg));
  g_assert_nonnull (strstr (xml, ">1</text>"));
  g_assert_nonnull (strstr (xml, ">10</text>"));
  g_assert_nonnull (strstr (xml, ">100</text>"));
  g_assert_null (strstr (xml, ">37</text>"));
  g_assert_null (strstr (xml, ">200</text>"));

  l = oc_plot_layout_new (f, W, H, theme);
  g_assert_true (oc_plot_layout_first (l, &a));
  g_assert_cmpuint (a.col, ==, 0);
  for (guint k = 0; k < 9; k++)
    g_assert_true (oc_plot_layout_step (l, &a, 1, 0, &a));
  g_assert_cmpuint (a.col, ==, 9);
  g_assert_true (oc_plot_layout_hit (l, a.x, a.y, 0, &b));
  g_assert_cmpuint (b.col, ==, 9);
  text = oc_plot_layout_describe_hit (l, &b);
  g_assert_cmpstr (text, ==, "row 0, epoch 10: value 0.009");
  /* Equal spans of the log axis: epochs 1→2 is as wide as 100→200, far wider than 100→101. */
  {
    OcPlotHit c100, c101;

    g_assert_true (oc_plot_layout_step (l, &a, 90, 0, &c100));
    g_assert_true (oc_plot_layout_step (l, &c100, 1, 0, &c101));
    g_assert_cmpuint (c100.col, ==, 99);
    g_assert_true (oc_plot_layout_first (l, &b));
    g_assert_true (oc_plot_layout_step (l, &b, 1, 0, &b));
    g_assert_true (oc_plot_layout_first (l, &a));
    g_assert_cmpfloat (c101.x - c100.x, <, (b.x - a.x) / 20);
  }
}

/* Bins of a histogram: four bins of width 1 over 0..4, counts known. */
static void
test_histogram (void)
{
  static const double kept[] = { 0.5, 1.5, 1.6, 3.5, 3.9 };
  static const double pruned[] = { 0.2, 0.3, 0.4, 2.5, 4.0 };
  g_autoptr (OcPlotFigure) f = oc_plot_figure_new (OC_PLOT_KIND_HISTOGRAM);
  const OcPlotTheme *theme = oc_plot_theme_get (OC_PLOT_THEME_LIGHT);
  g_autoptr (OcPlotLayout) l = NULL;
  OcPlotHit a, b;
  g_autofree char *text = NULL;

  oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_X, "weight");
  oc_plot_figure_add_values (f, "kept", kept, 5);
  oc_plot_figure_add_values (f, "pruned", pruned, 5);
  oc_plot_figure_set_bins (f, 4);
  l = oc_plot_layout_new (f, W, H, theme);
  g_assert_true (oc_plot_layout_first (l, &a));
  g_assert_cmpint (a.kind, ==, OC_PLOT_HIT_BIN);
  g_assert_cmpuint (a.index, ==, 0);
  g_assert_cmpuint (a.series, ==, 1); /* pruned has the taller bar there: 3 against 1 */
  text = oc_plot_layout_describe_hit (l, &a);
  g_assert_cmpstr (text, ==, "weight 0.2 – 1.15: kept 1, pruned 3");
  g_clear_pointer (&text, g_free);
  g_assert_true (oc_plot_layout_step (l, &a, 1, 0, &b));
  g_assert_true (oc_plot_layout_hit (l, b.x, b.y + 5, 0, &a));
  g_assert_cmpuint (a.index, ==, 1);
  text = oc_plot_layout_describe_hit (l, &a);
  g_assert_cmpstr (text, ==, "weight 1.15 – 2.1: kept 2, pruned 0");
  g_assert_true (oc_plot_layout_step (l, &a, 2, 0, &b));
  g_assert_false (oc_plot_layout_step (l, &b, 1, 0, &a));
}

/* Images: left/right by one, up/down by a row of the grid; hover finds each. */
static void
test_images (void)
{
  g_autoptr (OcPlotFigure) f = oc_plot_figure_new (OC_PLOT_KIND_IMAGE_GRID);
  const OcPlotTheme *theme = oc_plot_theme_get (OC_PLOT_THEME_LIGHT);
  g_autoptr (OcPlotLayout) l = NULL;
  float pixels[16] = { 0 };
  OcPlotHit a, b;
  double y0 = 0;
  guint cols = 0;
  g_autofree char *text = NULL;

  for (guint i = 0; i < 12; i++)
    {
      g_autofree char *label = g_strdup_printf ("unit %u", i);

      g_assert_true (oc_plot_figure_add_image (f, pixels, 4, 4, label, FALSE, NULL));
    }
  oc_plot_figure_set_image_dimmed (f, 5, TRUE);
  l = oc_plot_layout_new (f, W, H, theme);
  g_assert_true (oc_plot_layout_first (l, &a));
  g_assert_cmpint (a.kind, ==, OC_PLOT_HIT_IMAGE);
  g_assert_cmpuint (a.index, ==, 0);
  for (guint i = 0; i < 12; i++)
    {
      double x, y, w, h;

      g_assert_true (oc_plot_figure_get_image_rect (f, W, H, theme, i, &x, &y, &w, &h));
      if (i == 0)
        y0 = y;
      if (y == y0)
        cols++;
      g_assert_true (oc_plot_layout_hit (l, x + w / 2, y + h / 2, 0, &b));
      g_assert_cmpuint (b.index, ==, i);
      /* The hit (from the drawing's recorded grid) sits where the figure lays the tile out. */
      g_assert_cmpfloat_with_epsilon (b.x, x + w / 2, 1e-9);
      g_assert_cmpfloat_with_epsilon (b.y, y + h / 2, 1e-9);
      g_assert_true (oc_plot_layout_hit (l, x + 0.01, y + h - 0.01, 0, &b));
      g_assert_cmpuint (b.index, ==, i);
    }
  g_assert_false (oc_plot_layout_hit (l, 0.5, H - 0.5, 0, &b));
  g_assert_cmpuint (cols, <, 12);
  g_assert_true (oc_plot_layout_step (l, &a, 0, 1, &b));
  g_assert_cmpuint (b.index, ==, cols);
  g_assert_true (oc_plot_layout_step (l, &a, 5, 0, &b));
  text = oc_plot_layout_describe_hit (l, &b);
  g_assert_cmpstr (text, ==, "unit 5 (dimmed)");
}

/* Two panels side by side: a hit in the right half is in panel 1, and walking off the end of
 * panel 0 goes on to panel 1. */
static void
test_panels (void)
{
  g_autoptr (OcPlotFigure) f = oc_plot_figure_new (OC_PLOT_KIND_PANELS);
  const OcPlotTheme *theme = oc_plot_theme_get (OC_PLOT_THEME_LIGHT);
  g_autoptr (OcPlotLayout) l = NULL;
  OcPlotHit a, b;

  oc_plot_figure_set_title (f, "Two panels");
  oc_plot_figure_add_panel (f, xy_new (), 1);
  oc_plot_figure_add_panel (f, xy_new (), 1);
  l = oc_plot_layout_new (f, W * 2, H, theme);
  g_assert_true (oc_plot_layout_first (l, &a));
  g_assert_cmpuint (a.panel, ==, 0);
  g_assert_cmpfloat (a.x, <, W);
  g_assert_true (oc_plot_layout_step (l, &a, 3, 0, &b));
  g_assert_true (oc_plot_layout_step (l, &b, 1, 0, &a));
  g_assert_cmpuint (a.panel, ==, 1);
  g_assert_cmpuint (a.index, ==, 0);
  g_assert_cmpfloat (a.x, >, W);
  g_assert_true (oc_plot_layout_hit (l, a.x + 1, a.y, 6, &b));
  g_assert_cmpuint (b.panel, ==, 1);
  g_assert_cmpuint (b.series, ==, a.series);
  g_assert_cmpuint (b.index, ==, 0);
  g_assert_true (oc_plot_layout_hit_figure (l, &b) != f);
}

/* The description names the title, the axes with their ranges and the series with their
 * extremes. */
static void
test_describe (void)
{
  g_autoptr (OcPlotFigure) f = xy_new ();
  g_autoptr (OcPlotFigure) h = oc_plot_figure_new (OC_PLOT_KIND_HEATMAP);
  static const float m[4] = { 1, 2, 3, NAN };
  g_autofree char *text = oc_plot_figure_describe (f);
  g_autofree char *htext = NULL;

  g_test_message ("%s", text);
  g_assert_true (g_str_has_prefix (text, "Double descent."));
  g_assert_nonnull (strstr (text, "Horizontal axis: parameters, log scale, from 10 to 10000."));
  g_assert_nonnull (strstr (text, "Vertical axis: error, from 0.2 to 2.6."));
  g_assert_nonnull (strstr (text, "test error (4 points, lowest 0.2 at 10000, highest 0.6 at "
                                  "10)"));
  g_assert_nonnull (strstr (text, "train error (4 points, lowest 0.6 at 10000, highest 2.6 at "
                                  "1000)"));

  oc_plot_figure_set_title (h, "Masks");
  g_assert_true (oc_plot_figure_set_matrix (h, m, 2, 2, NULL));
  htext = oc_plot_figure_describe (h);
  g_test_message ("%s", htext);
  g_assert_nonnull (strstr (htext, "Masks. A matrix of 2 rows"));
  g_assert_nonnull (strstr (htext, "from 1 (row 0, column 0) to 3 (row 1, column 0)"));
  g_assert_nonnull (strstr (htext, "1 cell is missing."));
}

/* Splits CSV @text (no quoted fields) into lines of fields. */
static char ***
split_csv (const char *text, guint *n_lines)
{
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  guint n = g_strv_length (lines);
  char ***out;

  /* The text ends with a newline: the last piece is empty. */
  g_assert_cmpuint (n, >, 0);
  g_assert_cmpstr (lines[n - 1], ==, "");
  out = g_new0 (char **, n);
  for (guint i = 0; i + 1 < n; i++)
    out[i] = g_strsplit (lines[i], ",", -1);
  *n_lines = n - 1;
  return out;
}

static void
free_csv (char ***lines, guint n)
{
  for (guint i = 0; i < n; i++)
    g_strfreev (lines[i]);
  g_free (lines);
}

/* CSV: shared x values become one column; values read back bit for bit; repeated names are made
 * unique; missing values are empty; a heatmap is row,column,value. */
static void
test_csv (void)
{
  g_autoptr (OcPlotFigure) f = xy_new ();
  g_autoptr (OcPlotFigure) g = oc_plot_figure_new (OC_PLOT_KIND_XY);
  g_autoptr (OcPlotFigure) h = oc_plot_figure_new (OC_PLOT_KIND_HEATMAP);
  static const double gx[] = { 1, 2, 3 }, gy[] = { 0.1, NAN, 1.0 / 3 };
  static const double ox[] = { 5, 6 }, oy[] = { -1e-300, 7 };
  static const float m[6] = { 1, 2, 3, 4, NAN, 6 };
  static const char *const cols[] = { "a", "b", "c" };
  g_autofree char *text = oc_plot_figure_to_csv (f);
  g_autofree char *gtext = NULL, *htext = NULL;
  char ***t;
  guint n;

  t = split_csv (text, &n);
  g_assert_cmpuint (n, ==, 5);
  g_assert_cmpstr (t[0][0], ==, "parameters");
  g_assert_cmpstr (t[0][1], ==, "test error");
  g_assert_cmpstr (t[0][2], ==, "train error");
  g_assert_null (t[0][3]);
  for (guint k = 0; k < 4; k++)
    {
      g_assert_cmpfloat (g_ascii_strtod (t[k + 1][0], NULL), ==, px_[k]);
      g_assert_cmpfloat (g_ascii_strtod (t[k + 1][1], NULL), ==, err_[k]);
      g_assert_cmpfloat (g_ascii_strtod (t[k + 1][2], NULL), ==, loss_[k]);
    }
  free_csv (t, n);

  oc_plot_figure_add_series (g, "run", gx, gy, 3);
  oc_plot_figure_add_series (g, "run", ox, oy, 2);
  gtext = oc_plot_figure_to_csv (g);
  t = split_csv (gtext, &n);
  g_assert_cmpuint (n, ==, 4);
  g_assert_cmpstr (t[0][0], ==, "run x");
  g_assert_cmpstr (t[0][1], ==, "run");
  g_assert_cmpstr (t[0][2], ==, "run x (2)");
  g_assert_cmpstr (t[0][3], ==, "run (2)");
  g_assert_cmpstr (t[2][1], ==, "");
  g_assert_cmpfloat (g_ascii_strtod (t[3][1], NULL), ==, 1.0 / 3);
  g_assert_cmpfloat (g_ascii_strtod (t[1][3], NULL), ==, -1e-300);
  g_assert_cmpstr (t[3][2], ==, "");
  g_assert_cmpstr (t[3][3], ==, "");
  free_csv (t, n);

  g_assert_true (oc_plot_figure_set_matrix (h, m, 2, 3, NULL));
  oc_plot_figure_set_axis_categories (h, OC_PLOT_AXIS_X, cols, 3);
  htext = oc_plot_figure_to_csv (h);
  g_assert_cmpstr (htext, ==, "row,column,value\n0,a,1\n0,b,2\n0,c,3\n1,a,4\n1,b,\n1,c,6\n");
}

/* A slide records where it drew its figure: the layout is in the slide's coordinates, a point
 * hovered there is the point drawn there (its pixel on the slide has the series' colour), and it
 * reads as the figure alone reads it. A slide without a figure records none. */
static void
test_slide (void)
{
  g_autoptr (OcPlotFigure) f = xy_new ();
  g_autoptr (OcPlotFigure) untitled = xy_new ();
  const OcPlotTheme *theme = oc_plot_theme_get (OC_PLOT_THEME_PRESENTATION);
  OcPlotSlideText text = { .title = "Slide", .caption = "A caption", .footer = "1 / 2" };
  g_autoptr (OcPlotLayout) l = NULL;
  g_autoptr (OcPlotLayout) alone = NULL;
  OcPlotLayout *none = (OcPlotLayout *) &text; /* must be set to NULL */
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 1280, 720);
  cairo_t *cr = cairo_create (surface);
  OcPlotHit a, b;
  double ox, oy;
  g_autofree char *read = NULL, *read_alone = NULL;

  oc_plot_slide_draw_full (f, &text, cr, 1280, 720, theme, &l);
  cairo_surface_flush (surface);
  g_assert_nonnull (l);
  oc_plot_layout_get_origin (l, &ox, &oy);
  /* Inside the slide, below its title and above its caption. */
  g_assert_cmpfloat (ox, >, 0);
  g_assert_cmpfloat (oy, >, 20);
  g_assert_cmpfloat (ox + oc_plot_layout_get_width (l), <, 1280);
  g_assert_cmpfloat (oy + oc_plot_layout_get_height (l), <, 700);

  /* The figure alone at that size, without its title (the slide's replaces it). */
  oc_plot_figure_set_title (untitled, NULL);
  alone = oc_plot_layout_new (untitled, oc_plot_layout_get_width (l),
                              oc_plot_layout_get_height (l), theme);
  g_assert_true (oc_plot_layout_first (alone, &a));
  g_assert_true (oc_plot_layout_step (alone, &a, 1, 0, &a));
  g_assert_cmpuint (a.index, ==, 1);
  assert_pixel (surface, ox + a.x, oy + a.y, &theme->palette[1]);
  g_assert_true (oc_plot_layout_hit (l, ox + a.x + 3, oy + a.y - 2, 10, &b));
  g_assert_cmpuint (b.series, ==, 0);
  g_assert_cmpuint (b.index, ==, 1);
  g_assert_cmpfloat_with_epsilon (b.x, ox + a.x, 1e-9);
  g_assert_cmpfloat_with_epsilon (b.y, oy + a.y, 1e-9);
  read = oc_plot_layout_describe_hit (l, &b);
  read_alone = oc_plot_layout_describe_hit (alone, &a);
  g_assert_cmpstr (read, ==, "test error: parameters 100, error 0.3");
  g_assert_cmpstr (read, ==, read_alone);
  /* Where the figure's own coordinates would have it, the slide has its margin: nothing. */
  g_assert_false (oc_plot_layout_hit (l, 2, 2, 10, &b));

  oc_plot_slide_draw_full (NULL, &text, cr, 1280, 720, theme, &none);
  g_assert_null (none);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/plot/hit/xy", test_xy);
  g_test_add_func ("/plot/hit/slide", test_slide);
  g_test_add_func ("/plot/hit/heatmap", test_heatmap);
  g_test_add_func ("/plot/hit/heatmap-log-columns", test_heatmap_log_columns);
  g_test_add_func ("/plot/hit/histogram", test_histogram);
  g_test_add_func ("/plot/hit/images", test_images);
  g_test_add_func ("/plot/hit/panels", test_panels);
  g_test_add_func ("/plot/data/describe", test_describe);
  g_test_add_func ("/plot/data/csv", test_csv);
  return g_test_run ();
}
