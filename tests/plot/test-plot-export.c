/* test-plot-export.c — PNG, SVG and PDF files: sizes, text as text, and no partial files.
 *
 * SVG and PDF are rasterised with the tools a user would have (rsvg-convert from librsvg2-bin,
 * pdftoppm and pdftotext from poppler-utils); the tests skip when those are not installed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>
#include <glib/gstdio.h>

#include "occam/oc-error.h"
#include "plot-test-figures.h"
#include "plot-test-util.h"

static char *
export_double_descent (const char *name, double w, double h, double scale)
{
  g_autoptr (OcPlotFigure) f = plot_test_double_descent ();
  g_autoptr (GError) error = NULL;
  char *path = plot_test_build_path (name);

  g_unlink (path);
  g_assert_true (oc_plot_figure_export (f, oc_plot_theme_get (OC_PLOT_THEME_LIGHT), path, w, h,
                                        scale, &error));
  g_assert_no_error (error);
  return path;
}

static void
test_png_scale (void)
{
  g_autofree char *path = export_double_descent ("export/scaled.png", 640, 360, 2);
  int w, h;

  g_assert_true (plot_test_png_size (path, &w, &h));
  g_assert_cmpint (w, ==, 1280);
  g_assert_cmpint (h, ==, 720);
}

static void
test_svg (void)
{
  g_autofree char *path = export_double_descent ("export/figure.svg", 640, 360, 1);
  g_autofree char *png = plot_test_build_path ("export/figure-svg.png");
  g_autofree char *contents = NULL;
  g_autofree char *err = NULL;
  const char *argv[] = { "rsvg-convert", "-o", png, path, NULL };
  int w, h;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  /* Text stays text: searchable and editable in Inkscape or a slide tool. */
  g_assert_nonnull (strstr (contents, "<text "));
  g_assert_nonnull (strstr (contents, "Model-wise double descent"));
  g_assert_nonnull (strstr (contents, "interpolation threshold n·K"));
  g_assert_nonnull (strstr (contents, "width=\"640px\""));
  if (!plot_test_have ("rsvg-convert"))
    {
      g_test_skip ("rsvg-convert is not installed (Debian: librsvg2-bin)");
      return;
    }
  g_unlink (png);
  g_assert_cmpint (plot_test_run (argv, &err), ==, 0);
  g_assert_true (plot_test_png_size (png, &w, &h));
  g_assert_cmpint (w, ==, 640);
  g_assert_cmpint (h, ==, 360);
}

static void
test_pdf (void)
{
  g_autofree char *path = export_double_descent ("export/figure.pdf", 640, 360, 1);
  g_autofree char *prefix = plot_test_build_path ("export/figure-pdf");
  g_autofree char *png = g_strconcat (prefix, ".png", NULL);
  g_autofree char *text = NULL;
  g_autofree char *err = NULL;
  const char *ppm[] = { "pdftoppm", "-png", "-r", "72", "-singlefile", path, prefix, NULL };
  const char *txt[] = { "pdftotext", path, "-", NULL };
  int w, h, status;

  if (!plot_test_have ("pdftoppm") || !plot_test_have ("pdftotext"))
    {
      g_test_skip ("pdftoppm/pdftotext are not installed (Debian: poppler-utils)");
      return;
    }
  g_unlink (png);
  g_assert_cmpint (plot_test_run (ppm, &err), ==, 0);
  g_assert_true (plot_test_png_size (png, &w, &h));
  g_assert_cmpint (w, ==, 640);
  g_assert_cmpint (h, ==, 360);
  /* Text is real text: poppler extracts it. */
  g_assert_true (g_spawn_sync (NULL, (char **) txt, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &text,
                               NULL, &status, NULL));
  g_assert_nonnull (strstr (text, "Model-wise double descent"));
  g_assert_nonnull (strstr (text, "interpolation threshold"));
}

static void
test_no_partial_file (void)
{
  g_autoptr (OcPlotFigure) f = plot_test_learning ();
  g_autoptr (GError) error = NULL;
  g_autofree char *path = plot_test_build_path ("export/kept.png");
  g_autofree char *missing_dir = g_build_filename (g_getenv ("OC_TEST_BUILDDIR"), "plot",
                                                   "no-such-folder", "fig.png", NULL);
  g_autofree char *contents = NULL;
  const OcPlotTheme *theme = oc_plot_theme_get (OC_PLOT_THEME_LIGHT);

  /* A failed export leaves an existing file as it was. */
  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  g_assert_false (oc_plot_figure_export (f, theme, path, 8, 8, 1, &error));
  g_assert_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (oc_plot_figure_export (f, theme, path, 640, 360, 100, &error));
  g_assert_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "old");

  g_assert_false (oc_plot_figure_export (f, theme, missing_dir, 640, 360, 1, &error));
  g_assert_error (error, OC_ERROR, OC_ERROR_IO);
  g_clear_error (&error);
  g_assert_false (g_file_test (missing_dir, G_FILE_TEST_EXISTS));

  g_assert_false (oc_plot_figure_export (f, theme, "figure.gif", 640, 360, 1, &error));
  g_assert_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT);
}

/* Reads every <text transform="matrix(a b c d e f)"> anchor from an SVG. */
static guint
check_text_inside (const char *svg, double w, double h)
{
  const char *p = svg;
  guint n = 0;

  while ((p = strstr (p, "<text transform=\"matrix(")) != NULL)
    {
      double m[6];
      char *end;

      p += strlen ("<text transform=\"matrix(");
      for (int k = 0; k < 6; k++)
        {
          m[k] = g_ascii_strtod (p, &end);
          p = end;
        }
      g_assert_cmpfloat (m[4], >=, 0);
      g_assert_cmpfloat (m[4], <=, w);
      g_assert_cmpfloat (m[5], >=, 0);
      g_assert_cmpfloat (m[5], <=, h);
      n++;
    }
  return n;
}

/* Every kind, every theme, at the smallest and the largest canvas we promise. */
static void
test_sizes_and_themes (void)
{
  static const double sizes[][2] = { { 320, 240 }, { 640, 360 }, { 3840, 2160 } };

  for (const PlotTestFigure *t = plot_test_figures; t->name; t++)
    for (int theme = OC_PLOT_THEME_LIGHT; theme <= OC_PLOT_THEME_PRESENTATION; theme++)
      for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
        {
          g_autoptr (OcPlotFigure) f = t->make ();
          g_autoptr (GError) error = NULL;
          g_autoptr (GBytes) svg = NULL;
          g_autofree char *text = NULL;

          svg = oc_plot_figure_render (f, oc_plot_theme_get (theme), OC_PLOT_FORMAT_SVG,
                                       sizes[s][0], sizes[s][1], 1, &error);
          g_assert_no_error (error);
          text = g_strndup (g_bytes_get_data (svg, NULL), g_bytes_get_size (svg));
          g_assert_cmpuint (check_text_inside (text, sizes[s][0], sizes[s][1]), >, 0);
        }
}

static void
test_nan_does_not_change_range (void)
{
  /* The same data with and without a diverged stretch lays out the same axes. */
  double x[6] = { 1, 2, 3, 4, 5, 6 }, y[6] = { 0.5, 0.4, 0.3, 0.25, 0.2, 0.18 };
  double y_bad[6] = { 0.5, 0.4, NAN, INFINITY, -INFINITY, 0.18 };
  g_autoptr (OcPlotFigure) a = oc_plot_figure_new (OC_PLOT_KIND_XY);
  g_autoptr (OcPlotFigure) b = oc_plot_figure_new (OC_PLOT_KIND_XY);
  g_autoptr (GBytes) sa = NULL;
  g_autoptr (GBytes) sb = NULL;
  const OcPlotTheme *theme = oc_plot_theme_get (OC_PLOT_THEME_LIGHT);
  g_autofree char *ta = NULL;
  g_autofree char *tb = NULL;

  oc_plot_figure_add_series (a, "err", x, y, 6);
  oc_plot_figure_add_series (b, "err", x, y_bad, 6);
  sa = oc_plot_figure_render (a, theme, OC_PLOT_FORMAT_SVG, 640, 360, 1, NULL);
  sb = oc_plot_figure_render (b, theme, OC_PLOT_FORMAT_SVG, 640, 360, 1, NULL);
  ta = g_strndup (g_bytes_get_data (sa, NULL), g_bytes_get_size (sa));
  tb = g_strndup (g_bytes_get_data (sb, NULL), g_bytes_get_size (sb));
  /* Same tick labels: compare the text group. */
  g_assert_cmpstr (strstr (ta, "<g id=\"text\">"), ==, strstr (tb, "<g id=\"text\">"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/plot/export/png-scale", test_png_scale);
  g_test_add_func ("/plot/export/svg", test_svg);
  g_test_add_func ("/plot/export/pdf", test_pdf);
  g_test_add_func ("/plot/export/no-partial-file", test_no_partial_file);
  g_test_add_func ("/plot/export/sizes-and-themes", test_sizes_and_themes);
  g_test_add_func ("/plot/export/nan-keeps-range", test_nan_does_not_change_range);
  return g_test_run ();
}
