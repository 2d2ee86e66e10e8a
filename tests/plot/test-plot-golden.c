/* test-plot-golden.c — every figure kind at two sizes and two themes against stored images.
 *
 * A pixel differs when a channel is off by more than TOLERANCE; a case fails when more than
 * MAX_DIFFERING of its pixels differ, and then leaves the actual image and a diff (differing
 * pixels in magenta over a faded copy) in the build folder. OC_UPDATE_GOLDEN=1 rewrites the
 * golden images instead; review them before committing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "plot-test-figures.h"
#include "plot-test-util.h"

#define TOLERANCE     24
#define MAX_DIFFERING 0.001 /* fraction of pixels */

typedef struct
{
  char         *name;
  const char   *figure;
  OcPlotThemeId theme;
  int           width, height;
} GoldenCase;

static cairo_surface_t *
render (const GoldenCase *c)
{
  const PlotTestFigure *f = plot_test_figures;
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, c->width, c->height);
  cairo_t *cr = cairo_create (s);

  while (strcmp (f->name, c->figure) != 0)
    f++;
  {
    g_autoptr (OcPlotFigure) fig = f->make ();

    oc_plot_figure_draw (fig, cr, c->width, c->height, oc_plot_theme_get (c->theme));
  }
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (s);
  return s;
}

/* Counts differing pixels and paints them into @diff. */
static gsize
compare (cairo_surface_t *a, cairo_surface_t *b, cairo_surface_t *diff)
{
  int w = cairo_image_surface_get_width (a), h = cairo_image_surface_get_height (a);
  int sa = cairo_image_surface_get_stride (a), sb = cairo_image_surface_get_stride (b);
  int sd = cairo_image_surface_get_stride (diff);
  const guint8 *pa = cairo_image_surface_get_data (a), *pb = cairo_image_surface_get_data (b);
  guint8 *pd = cairo_image_surface_get_data (diff);
  gsize n = 0;

  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        const guint8 *ca = pa + (gsize) y * sa + 4 * x, *cb = pb + (gsize) y * sb + 4 * x;
        guint32 *cd = (guint32 *) (pd + (gsize) y * sd + 4 * x);
        int worst = 0;

        for (int k = 0; k < 4; k++)
          worst = MAX (worst, ABS ((int) ca[k] - (int) cb[k]));
        if (worst > TOLERANCE)
          {
            n++;
            *cd = 0xffff00ff;
          }
        else
          {
            guint8 g = (guint8) (192 + ca[1] / 4);

            *cd = 0xff000000u | (guint32) g << 16 | (guint32) g << 8 | g;
          }
      }
  cairo_surface_mark_dirty (diff);
  return n;
}

static void
test_golden (gconstpointer data)
{
  const GoldenCase *c = data;
  g_autofree char *file = g_strdup_printf ("%s.png", c->name);
  g_autofree char *golden_path = NULL;
  cairo_surface_t *actual = render (c);
  cairo_surface_t *golden;

  golden_path = g_build_filename (g_getenv ("OC_TEST_SRCDIR"), "plot", "golden", file, NULL);
  if (g_strcmp0 (g_getenv ("OC_UPDATE_GOLDEN"), "1") == 0)
    {
      g_assert_cmpint (cairo_surface_write_to_png (actual, golden_path), ==, CAIRO_STATUS_SUCCESS);
      g_test_message ("wrote %s", golden_path);
      cairo_surface_destroy (actual);
      return;
    }
  golden = cairo_image_surface_create_from_png (golden_path);
  if (cairo_surface_status (golden) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (golden);
      cairo_surface_destroy (actual);
      g_test_message ("%s is missing; run the tests with OC_UPDATE_GOLDEN=1 to create it",
                      golden_path);
      g_test_fail ();
      return;
    }
  g_assert_cmpint (cairo_image_surface_get_width (golden), ==, c->width);
  g_assert_cmpint (cairo_image_surface_get_height (golden), ==, c->height);
  {
    cairo_surface_t *diff = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, c->width, c->height);
    gsize n = compare (actual, golden, diff);
    gsize allowed = (gsize) (MAX_DIFFERING * c->width * c->height);

    if (n > allowed)
      {
        g_autofree char *actual_name = g_strdup_printf ("golden-out/%s-actual.png", c->name);
        g_autofree char *diff_name = g_strdup_printf ("golden-out/%s-diff.png", c->name);
        g_autofree char *actual_path = plot_test_build_path (actual_name);
        g_autofree char *diff_path = plot_test_build_path (diff_name);

        cairo_surface_write_to_png (actual, actual_path);
        cairo_surface_write_to_png (diff, diff_path);
        g_test_message ("%s: %" G_GSIZE_FORMAT " pixels differ (at most %" G_GSIZE_FORMAT
                        " allowed); see %s and %s", c->name, n, allowed, actual_path, diff_path);
        g_test_fail ();
      }
    cairo_surface_destroy (diff);
  }
  cairo_surface_destroy (golden);
  cairo_surface_destroy (actual);
}

int
main (int argc, char **argv)
{
  static const struct
  {
    const char   *name;
    OcPlotThemeId id;
  } themes[] = { { "light", OC_PLOT_THEME_LIGHT }, { "dark", OC_PLOT_THEME_DARK } };
  static const int sizes[][2] = { { 320, 240 }, { 960, 540 } };
  g_autoptr (GPtrArray) cases = g_ptr_array_new ();

  g_test_init (&argc, &argv, NULL);
  for (const PlotTestFigure *f = plot_test_figures; f->name; f++)
    for (guint t = 0; t < G_N_ELEMENTS (themes); t++)
      for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
        {
          GoldenCase *c = g_new0 (GoldenCase, 1);
          g_autofree char *path = NULL;

          /* The empty state once is enough. */
          if (strcmp (f->name, "empty") == 0 && (t > 0 || s > 0))
            {
              g_free (c);
              continue;
            }
          c->figure = f->name;
          c->theme = themes[t].id;
          c->width = sizes[s][0];
          c->height = sizes[s][1];
          c->name = g_strdup_printf ("%s-%s-%dx%d", f->name, themes[t].name, c->width, c->height);
          path = g_strdup_printf ("/plot/golden/%s", c->name);
          g_test_add_data_func (path, c, test_golden);
          g_ptr_array_add (cases, c);
        }
  /* Presentation mode is the same code with larger type and strokes: check it on the slide. */
  {
    GoldenCase *c = g_new0 (GoldenCase, 1);

    c->figure = "double-descent";
    c->theme = OC_PLOT_THEME_PRESENTATION;
    c->width = 1280;
    c->height = 720;
    c->name = g_strdup ("double-descent-presentation-1280x720");
    g_test_add_data_func ("/plot/golden/double-descent-presentation-1280x720", c, test_golden);
    g_ptr_array_add (cases, c);
  }
  {
    int status = g_test_run ();

    for (guint i = 0; i < cases->len; i++)
      {
        GoldenCase *c = g_ptr_array_index (cases, i);

        g_free (c->name);
        g_free (c);
      }
    return status;
  }
}
