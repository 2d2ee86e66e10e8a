/* test-plot-scale.c — the arithmetic of figures: scales, nice ticks, labels, colours.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include "occam-plot/oc-plot.h"

static void
test_nice_number (void)
{
  g_assert_cmpfloat (oc_plot_nice_number (0.13, TRUE), ==, 0.1);
  g_assert_cmpfloat (oc_plot_nice_number (0.17, TRUE), ==, 0.2);
  g_assert_cmpfloat (oc_plot_nice_number (3.4, TRUE), ==, 5);
  g_assert_cmpfloat (oc_plot_nice_number (8, TRUE), ==, 10);
  g_assert_cmpfloat (oc_plot_nice_number (1.01, FALSE), ==, 2);
  g_assert_cmpfloat (oc_plot_nice_number (2, FALSE), ==, 2);
  g_assert_cmpfloat (oc_plot_nice_number (2.1, FALSE), ==, 5);
  g_assert_cmpfloat_with_epsilon (oc_plot_nice_number (4200, FALSE), 5000, 1e-9);
}

/* Every step is 1, 2 or 5 times a power of ten and the labels are its multiples. */
static void
assert_125 (double step)
{
  double m = step / pow (10, floor (log10 (step) + 1e-9));

  g_assert_true (fabs (m - 1) < 1e-9 || fabs (m - 2) < 1e-9 || fabs (m - 5) < 1e-9);
}

static void
test_linear_ticks (void)
{
  static const double ranges[][2] = {
    { 0, 1 }, { 0, 0.93 }, { -3.2, 7.9 }, { 0.001, 0.0013 }, { 0, 3000 }, { 1e6, 1e6 + 5 },
    { -1e-5, 0 }, { 12345, 67890 },
  };

  for (guint r = 0; r < G_N_ELEMENTS (ranges); r++)
    for (guint max_labels = 2; max_labels <= 12; max_labels++)
      {
        OcPlotScale s = { OC_PLOT_SCALE_LINEAR, ranges[r][0], ranges[r][1] };
        g_autoptr (OcPlotTicks) t = oc_plot_ticks_new (&s, max_labels);

        g_assert_cmpuint (t->n_ticks, >=, 1);
        /* One over the limit only when no 1-2-5 step fits exactly. */
        g_assert_cmpuint (t->n_ticks, <=, max_labels + 1);
        assert_125 (t->step);
        for (guint i = 0; i < t->n_ticks; i++)
          {
            double q = t->ticks[i].value / t->step;

            g_assert_true (t->ticks[i].major);
            g_assert_nonnull (t->ticks[i].label);
            g_assert_cmpfloat (fabs (q - round (q)), <, 1e-6);
            g_assert_cmpfloat (t->ticks[i].value, >=, s.min - t->step * 1e-6);
            g_assert_cmpfloat (t->ticks[i].value, <=, s.max + t->step * 1e-6);
            if (i > 0)
              g_assert_cmpfloat (t->ticks[i].value, >, t->ticks[i - 1].value);
          }
      }
}

static void
test_linear_labels (void)
{
  OcPlotScale s = { OC_PLOT_SCALE_LINEAR, -0.05, 1.05 };
  g_autoptr (OcPlotTicks) t = oc_plot_ticks_new (&s, 6);
  const char *expect[] = { "0", "0.2", "0.4", "0.6", "0.8", "1.0" };

  g_assert_cmpuint (t->n_ticks, ==, 6);
  for (guint i = 0; i < 6; i++)
    g_assert_cmpstr (t->ticks[i].label, ==, expect[i]);

  {
    g_autofree char *a = oc_plot_format_linear (-0.5, 0.5);
    g_autofree char *b = oc_plot_format_linear (15000, 5000);
    g_autofree char *c = oc_plot_format_linear (2500000, 500000);
    g_autofree char *d = oc_plot_format_linear (3e-16, 0.1);
    g_autofree char *e = oc_plot_format_linear (2000000, 1000000);

    g_assert_cmpstr (a, ==, "\u22120.5");
    g_assert_cmpstr (b, ==, "15k");
    g_assert_cmpstr (c, ==, "2500k");
    g_assert_cmpstr (d, ==, "0");
    g_assert_cmpstr (e, ==, "2M");
  }
}

static void
test_log_ticks (void)
{
  OcPlotScale s = { OC_PLOT_SCALE_LOG, 800, 1.2e6 };
  g_autoptr (OcPlotTicks) t = oc_plot_ticks_new (&s, 8);
  guint majors = 0, minors = 0;

  for (guint i = 0; i < t->n_ticks; i++)
    {
      double e = log10 (t->ticks[i].value);

      if (t->ticks[i].major)
        {
          majors++;
          g_assert_cmpfloat (fabs (e - round (e)), <, 1e-9);
        }
      else
        minors++;
      g_assert_cmpfloat (t->ticks[i].value, >=, s.min * (1 - 1e-9));
      g_assert_cmpfloat (t->ticks[i].value, <=, s.max * (1 + 1e-9));
    }
  /* 10³ … 10⁶, minor ticks at 8 and 9 × 10², then 2..9 × 10³, 10⁴ and 10⁵. */
  g_assert_cmpuint (majors, ==, 4);
  g_assert_cmpuint (minors, ==, 2 + 3 * 8);
  /* Decades beyond 1000 switch the whole axis to powers of ten. */
  g_assert_cmpstr (t->ticks[2].label, ==, "10³"); /* after the minor ticks 800 and 900 */
  g_assert_cmpstr (t->ticks[t->n_ticks - 1].label, ==, "10⁶");
}

static void
test_log_ticks_crowded (void)
{
  OcPlotScale s = { OC_PLOT_SCALE_LOG, 1e-12, 1e12 };
  g_autoptr (OcPlotTicks) t = oc_plot_ticks_new (&s, 5);
  guint labelled = 0;

  for (guint i = 0; i < t->n_ticks; i++)
    if (t->ticks[i].label)
      {
        int e = (int) lround (log10 (t->ticks[i].value));

        labelled++;
        /* Labels on multiples of the stride, so zooming keeps the same decades labelled. */
        g_assert_cmpint (e % (int) t->step, ==, 0);
      }
  g_assert_cmpuint (labelled, <=, 5);
  g_assert_cmpuint (labelled, >=, 2);
  g_assert_cmpfloat (t->step, ==, 5);
  {
    g_autofree char *a = oc_plot_format_decade (-12);
    g_autofree char *b = oc_plot_format_decade (-2);
    g_autofree char *c = oc_plot_format_decade (3);

    g_assert_cmpstr (a, ==, "10⁻¹²");
    g_assert_cmpstr (b, ==, "0.01");
    g_assert_cmpstr (c, ==, "1000");
  }
}

static void
test_log_ticks_narrow (void)
{
  /* Under a decade: labels at 1-2-5 values, still placed logarithmically. */
  OcPlotScale s = { OC_PLOT_SCALE_LOG, 0.15, 0.9 };
  g_autoptr (OcPlotTicks) t = oc_plot_ticks_new (&s, 6);
  guint labelled = 0;

  for (guint i = 0; i < t->n_ticks; i++)
    if (t->ticks[i].label)
      labelled++;
  g_assert_cmpuint (labelled, >=, 2);
  g_assert_cmpstr (t->ticks[0].label, ==, "0.2");
}

static void
test_log_ticks_two_decades (void)
{
  /* Log counts from 1 to ~90: 1-2-5 labels, not just "1" and "10". */
  OcPlotScale s = { OC_PLOT_SCALE_LOG, 0.7, 90 };
  g_autoptr (OcPlotTicks) t = oc_plot_ticks_new (&s, 8);
  g_autoptr (GString) labels = g_string_new (NULL);

  for (guint i = 0; i < t->n_ticks; i++)
    if (t->ticks[i].label)
      g_string_append_printf (labels, "%s ", t->ticks[i].label);
  g_assert_cmpstr (labels->str, ==, "1 2 5 10 20 50 ");
}

static void
test_scale_map (void)
{
  OcPlotScale lin = { OC_PLOT_SCALE_LINEAR, -2, 6 };
  OcPlotScale lg = { OC_PLOT_SCALE_LOG, 10, 1e4 };

  g_assert_cmpfloat (oc_plot_scale_map (&lin, -2), ==, 0);
  g_assert_cmpfloat (oc_plot_scale_map (&lin, 6), ==, 1);
  g_assert_cmpfloat (oc_plot_scale_map (&lin, 0), ==, 0.25);
  g_assert_cmpfloat_with_epsilon (oc_plot_scale_map (&lg, 100), 1.0 / 3, 1e-12);
  g_assert_cmpfloat_with_epsilon (oc_plot_scale_unmap (&lg, 2.0 / 3), 1000, 1e-9);
  g_assert_cmpfloat_with_epsilon (oc_plot_scale_unmap (&lin, 0.75), 4, 1e-12);
  g_assert_true (isnan (oc_plot_scale_map (&lg, 0)));
  g_assert_true (isnan (oc_plot_scale_map (&lg, -5)));
  g_assert_true (isnan (oc_plot_scale_map (&lin, NAN)));
  g_assert_true (isnan (oc_plot_scale_map (&lin, INFINITY)));
}

static void
test_scale_fit (void)
{
  OcPlotScale s;

  oc_plot_scale_fit (&s, OC_PLOT_SCALE_LINEAR, 0.1, 0.9, 0.05, FALSE);
  g_assert_cmpfloat_with_epsilon (s.min, 0.06, 1e-12);
  g_assert_cmpfloat_with_epsilon (s.max, 0.94, 1e-12);
  /* Counts start at zero exactly. */
  oc_plot_scale_fit (&s, OC_PLOT_SCALE_LINEAR, 3, 700, 0.05, TRUE);
  g_assert_cmpfloat (s.min, ==, 0);
  g_assert_cmpfloat (s.max, >, 700);
  /* A constant and no data both give a usable range. */
  oc_plot_scale_fit (&s, OC_PLOT_SCALE_LINEAR, 5, 5, 0.05, FALSE);
  g_assert_cmpfloat (s.min, <, 5);
  g_assert_cmpfloat (s.max, >, 5);
  oc_plot_scale_fit (&s, OC_PLOT_SCALE_LINEAR, NAN, NAN, 0.05, FALSE);
  g_assert_cmpfloat (s.min, ==, 0);
  g_assert_cmpfloat (s.max, ==, 1);
  oc_plot_scale_fit (&s, OC_PLOT_SCALE_LOG, 1e3, 1e6, 0.0, FALSE);
  g_assert_cmpfloat_with_epsilon (s.min, 1e3, 1e-6);
  g_assert_cmpfloat_with_epsilon (s.max, 1e6, 1e-3);
  oc_plot_scale_fit (&s, OC_PLOT_SCALE_LOG, 0, 10, 0.0, FALSE);
  g_assert_cmpfloat (s.min, >, 0);
  g_assert_cmpfloat (s.max, >, s.min);
}

static void
test_colormap_endpoints (void)
{
  OcPlotRgba lo = oc_plot_colormap_eval (OC_PLOT_COLORMAP_SEQUENTIAL, 0);
  OcPlotRgba hi = oc_plot_colormap_eval (OC_PLOT_COLORMAP_SEQUENTIAL, 1);
  OcPlotRgba mid = oc_plot_colormap_eval (OC_PLOT_COLORMAP_DIVERGING, 0.5);
  OcPlotRgba none = oc_plot_colormap_eval (OC_PLOT_COLORMAP_SEQUENTIAL, NAN);
  OcPlotRgba viridis_lo, viridis_hi;

  /* Dark violet to yellow, as viridis (#440154 … #FDE725). */
  g_assert_true (oc_plot_rgba_parse (&viridis_lo, "#440154"));
  g_assert_true (oc_plot_rgba_parse (&viridis_hi, "#FDE725"));
  g_assert_cmpfloat (fabs (lo.r - viridis_lo.r) + fabs (lo.g - viridis_lo.g)
                     + fabs (lo.b - viridis_lo.b), <, 0.05);
  g_assert_cmpfloat (fabs (hi.r - viridis_hi.r) + fabs (hi.g - viridis_hi.g)
                     + fabs (hi.b - viridis_hi.b), <, 0.08);
  g_assert_cmpfloat (oc_plot_rgba_lightness (&mid), >, 95);
  g_assert_cmpfloat (none.a, ==, 0);
  /* Clamped outside 0..1. */
  {
    OcPlotRgba below = oc_plot_colormap_eval (OC_PLOT_COLORMAP_SEQUENTIAL, -3);

    g_assert_cmpfloat (below.r, ==, lo.r);
  }
}

static void
test_colormap_lightness (void)
{
  double prev = -1, first, last;
  double dl_min = INFINITY, dl_max = 0;

  for (int i = 0; i < 256; i++)
    {
      OcPlotRgba c = oc_plot_colormap_eval (OC_PLOT_COLORMAP_SEQUENTIAL, i / 255.0);
      double l = oc_plot_rgba_lightness (&c);

      /* Strictly increasing up to 8-bit rounding. */
      g_assert_cmpfloat (l, >, prev - 0.3);
      if (i > 0)
        {
          dl_min = MIN (dl_min, l - prev);
          dl_max = MAX (dl_max, l - prev);
        }
      prev = l;
    }
  /* Perceptually uniform: even lightness steps (CIE L* is close to OKLab's L here). */
  g_assert_cmpfloat (dl_max, <, 0.7);
  first = oc_plot_rgba_lightness (&(OcPlotRgba) { 68 / 255.0, 1 / 255.0, 84 / 255.0, 1 });
  g_assert_cmpfloat (first, <, 20);
  g_assert_cmpfloat (prev, >, 85);

  /* Diverging: up to the middle, then down, ends equally dark. */
  prev = -1;
  for (int i = 0; i <= 128; i++)
    {
      OcPlotRgba c = oc_plot_colormap_eval (OC_PLOT_COLORMAP_DIVERGING, i / 255.0);
      double l = oc_plot_rgba_lightness (&c);

      g_assert_cmpfloat (l, >, prev - 0.3);
      prev = l;
    }
  for (int i = 128; i < 256; i++)
    {
      OcPlotRgba c = oc_plot_colormap_eval (OC_PLOT_COLORMAP_DIVERGING, i / 255.0);
      double l = oc_plot_rgba_lightness (&c);

      g_assert_cmpfloat (l, <, prev + 0.3);
      prev = l;
    }
  {
    OcPlotRgba a = oc_plot_colormap_eval (OC_PLOT_COLORMAP_DIVERGING, 0);
    OcPlotRgba b = oc_plot_colormap_eval (OC_PLOT_COLORMAP_DIVERGING, 1);

    first = oc_plot_rgba_lightness (&a);
    last = oc_plot_rgba_lightness (&b);
    g_assert_cmpfloat (fabs (first - last), <, 3);
  }
  (void) dl_min;
}

static void
test_palette_contrast (void)
{
  /* Every series colour stands out from its background (WCAG's 2:1 would be too weak for lines;
   * ask for 2.2 except the deliberately last-resort yellow on white). */
  static const OcPlotThemeId ids[] = { OC_PLOT_THEME_LIGHT, OC_PLOT_THEME_DARK,
                                       OC_PLOT_THEME_PRESENTATION };

  for (guint t = 0; t < G_N_ELEMENTS (ids); t++)
    {
      const OcPlotTheme *theme = oc_plot_theme_get (ids[t]);

      for (guint i = 0; i < OC_PLOT_PALETTE_SIZE - 1; i++)
        g_assert_cmpfloat (oc_plot_rgba_contrast (&theme->palette[i], &theme->background), >, 2.2);
      /* Text and tick labels are readable: 7:1 and 4.5:1. */
      g_assert_cmpfloat (oc_plot_rgba_contrast (&theme->text, &theme->background), >, 7);
      g_assert_cmpfloat (oc_plot_rgba_contrast (&theme->muted, &theme->background), >, 4.5);
    }
}

static void
test_theme_lookup (void)
{
  OcPlotThemeId id;
  const OcPlotTheme *light = oc_plot_theme_get (OC_PLOT_THEME_LIGHT);
  const OcPlotTheme *pres = oc_plot_theme_get (OC_PLOT_THEME_PRESENTATION);

  g_assert_true (oc_plot_theme_id_from_string ("dark", &id));
  g_assert_cmpint (id, ==, OC_PLOT_THEME_DARK);
  g_assert_false (oc_plot_theme_id_from_string ("sepia", &id));
  /* Type grows with the canvas, never below the minimum, and more in presentation mode. */
  g_assert_cmpfloat (oc_plot_theme_em (light, 320, 240), >=, 9);
  g_assert_cmpfloat (oc_plot_theme_em (light, 3840, 2160), >, 5 * oc_plot_theme_em (light, 640, 360));
  g_assert_cmpfloat (oc_plot_theme_em (pres, 1920, 1080), >, oc_plot_theme_em (light, 1920, 1080));
  g_assert_cmpfloat (pres->stroke_scale, >, light->stroke_scale);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/plot/scale/nice-number", test_nice_number);
  g_test_add_func ("/plot/scale/linear-ticks", test_linear_ticks);
  g_test_add_func ("/plot/scale/linear-labels", test_linear_labels);
  g_test_add_func ("/plot/scale/log-ticks", test_log_ticks);
  g_test_add_func ("/plot/scale/log-ticks-crowded", test_log_ticks_crowded);
  g_test_add_func ("/plot/scale/log-ticks-narrow", test_log_ticks_narrow);
  g_test_add_func ("/plot/scale/log-ticks-two-decades", test_log_ticks_two_decades);
  g_test_add_func ("/plot/scale/map", test_scale_map);
  g_test_add_func ("/plot/scale/fit", test_scale_fit);
  g_test_add_func ("/plot/color/colormap-endpoints", test_colormap_endpoints);
  g_test_add_func ("/plot/color/colormap-lightness", test_colormap_lightness);
  g_test_add_func ("/plot/color/palette-contrast", test_palette_contrast);
  g_test_add_func ("/plot/theme/lookup", test_theme_lookup);
  return g_test_run ();
}
