/* oc-plot-scale.c — scales and nice ticks (Heckbert, "Nice numbers for graph labels", 1990).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>

#include "oc-plot-private.h"

/* Labels a few ulps outside the range still belong to it (0.1 * 3 != 0.3). */
#define REL_EPS 1e-9

gboolean
oc_plot_scale_kind_accepts (OcPlotScaleKind kind, double value)
{
  if (!isfinite (value))
    return FALSE;
  return kind == OC_PLOT_SCALE_LINEAR || value > 0;
}

double
oc_plot_scale_map (const OcPlotScale *scale, double value)
{
  g_return_val_if_fail (scale != NULL, NAN);

  if (!oc_plot_scale_kind_accepts (scale->kind, value))
    return NAN;
  if (scale->kind == OC_PLOT_SCALE_LOG)
    return (log10 (value) - log10 (scale->min)) / (log10 (scale->max) - log10 (scale->min));
  return (value - scale->min) / (scale->max - scale->min);
}

double
oc_plot_scale_unmap (const OcPlotScale *scale, double t)
{
  g_return_val_if_fail (scale != NULL, NAN);

  if (scale->kind == OC_PLOT_SCALE_LOG)
    return pow (10, log10 (scale->min) + t * (log10 (scale->max) - log10 (scale->min)));
  return scale->min + t * (scale->max - scale->min);
}

void
oc_plot_scale_fit (OcPlotScale *scale, OcPlotScaleKind kind, double data_min, double data_max,
                   double pad, gboolean include_zero)
{
  double lo = data_min, hi = data_max;

  g_return_if_fail (scale != NULL);

  scale->kind = kind;
  if (kind == OC_PLOT_SCALE_LOG)
    {
      double llo, lhi, span;

      if (!(lo > 0) || !isfinite (lo) || !(hi > 0) || !isfinite (hi) || hi < lo)
        {
          scale->min = 1;
          scale->max = 10;
          return;
        }
      llo = log10 (lo);
      lhi = log10 (hi);
      if (lhi - llo < 1e-9)
        {
          llo -= 0.5;
          lhi += 0.5;
        }
      span = lhi - llo;
      scale->min = pow (10, llo - pad * span);
      scale->max = pow (10, lhi + pad * span);
      return;
    }

  if (!isfinite (lo) || !isfinite (hi) || hi < lo)
    {
      lo = 0;
      hi = 1;
      if (!include_zero)
        {
          scale->min = lo;
          scale->max = hi;
          return;
        }
    }
  if (include_zero)
    {
      lo = MIN (lo, 0);
      hi = MAX (hi, 0);
    }
  if (hi - lo <= fabs (hi) * 1e-12)
    {
      /* A constant: centre it in a span of a tenth of its size (or of 1 around zero). */
      double half = hi != 0 ? fabs (hi) * 0.1 : 1;

      if (include_zero && lo == 0 && hi == 0)
        {
          scale->min = 0;
          scale->max = 1;
          return;
        }
      lo -= half;
      hi += half;
      if (include_zero)
        {
          lo = MIN (data_min, 0);
          hi = MAX (data_max, 0);
          if (hi == lo)
            hi = lo + 1;
        }
    }
  {
    double span = hi - lo;

    scale->min = include_zero && lo == 0 ? 0 : lo - pad * span;
    scale->max = include_zero && hi == 0 ? 0 : hi + pad * span;
  }
}

double
oc_plot_nice_number (double x, gboolean round)
{
  double e, f, nf;

  if (!(x > 0) || !isfinite (x))
    return 1;
  e = floor (log10 (x));
  f = x / pow (10, e);
  if (round)
    nf = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10;
  else
    nf = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
  return nf * pow (10, e);
}

/* The next step in the 1, 2, 5, 10 sequence. */
static double
next_nice (double step)
{
  double e = floor (log10 (step) + REL_EPS);
  double f = step / pow (10, e);

  if (f < 1.5)
    return 2 * pow (10, e);
  if (f < 3.5)
    return 5 * pow (10, e);
  return 10 * pow (10, e);
}

static void
push_tick (GArray *out, double value, gboolean major, char *label)
{
  OcPlotTick t = { value, major, label };

  g_array_append_val (out, t);
}

/* Multiples of a 1-2-5 step inside [lo, hi], at most @max_labels of them: the smallest step
 * that gives no more than that (and never none, even if that means one more). */
static double
linear_ticks (GArray *out, double lo, double hi, guint max_labels, gboolean labels)
{
  double span = hi - lo;
  double step = oc_plot_nice_number (span / (2.0 * max_labels + 2), FALSE);
  double prev_step = step;
  double first = 0;
  int n = 0, prev_n = 0;

  for (int guard = 0; guard < 64; guard++)
    {
      double eps = step * 1e-6;

      first = ceil ((lo - eps) / step);
      n = (int) floor ((hi + eps) / step - first) + 1;
      if (n <= (int) max_labels)
        break;
      prev_step = step;
      prev_n = n;
      step = next_nice (step);
    }
  if (n <= 0 && prev_n > 0)
    {
      step = prev_step;
      first = ceil ((lo - step * 1e-6) / step);
      n = prev_n;
    }
  for (int i = 0; i < n; i++)
    {
      double v = (first + i) * step;

      if (fabs (v) < step * 1e-6)
        v = 0; /* no "-0" */
      push_tick (out, v, TRUE, labels ? oc_plot_format_linear (v, step) : NULL);
    }
  return step;
}

static char *format_power (int exponent);

/* Decimals a 1-2-5 value below 1 needs ("0.02", "0.5"). */
static char *
format_plain (double v)
{
  int decimals = v >= 1 ? 0 : (int) ceil (-log10 (v) - REL_EPS * 1e3);

  return g_strdup_printf ("%.*f", MAX (decimals, 0), v);
}

OcPlotTicks *
oc_plot_ticks_new (const OcPlotScale *scale, guint max_labels)
{
  g_autoptr (GArray) out = g_array_new (FALSE, FALSE, sizeof (OcPlotTick));
  OcPlotTicks *ticks = g_new0 (OcPlotTicks, 1);

  g_return_val_if_fail (scale != NULL, ticks);

  max_labels = MAX (max_labels, 2);
  if (!(scale->max > scale->min))
    ;
  else if (scale->kind == OC_PLOT_SCALE_LINEAR)
    ticks->step = linear_ticks (out, scale->min, scale->max, max_labels, TRUE);
  else
    {
      double lmin = log10 (scale->min), lmax = log10 (scale->max);
      int d0 = (int) ceil (lmin - REL_EPS), d1 = (int) floor (lmax + REL_EPS);
      int n_decades = d1 - d0 + 1;

      if (n_decades <= 2)
        {
          /* Up to two decade marks: 1-2-5 labels, placed logarithmically, so a count axis
           * from 1 to 60 reads 1, 2, 5, 10, 20, 50 rather than just 1 and 10. */
          g_autoptr (GArray) lin = g_array_new (FALSE, FALSE, sizeof (OcPlotTick));
          double lo = scale->min, hi = scale->max;

          /* Candidates 1, 2, 5 × 10^k inside the range; thin by taking every other if crowded. */
          for (int k = (int) floor (lmin) - 1; k <= (int) ceil (lmax); k++)
            for (int m = 1; m <= 9; m++)
              {
                double v = m * pow (10, k);

                if (v < lo * (1 - REL_EPS) || v > hi * (1 + REL_EPS))
                  continue;
                push_tick (lin, v, m == 1 || m == 2 || m == 5, NULL);
              }
          {
            guint n_major = 0, every;
            guint seen = 0;

            for (guint i = 0; i < lin->len; i++)
              n_major += g_array_index (lin, OcPlotTick, i).major;
            if (n_major < 2)
              {
                /* Too narrow for 1-2-5: fall back to linear steps. */
                ticks->step = linear_ticks (out, lo, hi, max_labels, FALSE);
                for (guint i = 0; i < out->len; i++)
                  {
                    OcPlotTick *t = &g_array_index (out, OcPlotTick, i);

                    t->label = oc_plot_format_linear (t->value, ticks->step);
                  }
                ticks->step = 0;
              }
            else
              {
                every = (n_major + max_labels - 1) / max_labels;
                for (guint i = 0; i < lin->len; i++)
                  {
                    OcPlotTick t = g_array_index (lin, OcPlotTick, i);
                    gboolean labelled = FALSE;

                    if (t.major)
                      labelled = (seen++ % every) == 0;
                    push_tick (out, t.value, labelled, labelled ? format_plain (t.value) : NULL);
                  }
              }
          }
        }
      else
        {
          int every = (n_decades + (int) max_labels - 1) / (int) max_labels;
          /* One style per axis: "1000" next to "10⁴" reads as two different scales. */
          gboolean powers = d0 < -2 || d1 > 3;

          ticks->step = every;
          for (int d = (int) floor (lmin); d <= d1; d++)
            {
              /* Labels on multiples of @every so zooming keeps the same decades labelled. */
              gboolean labelled = ((d % every) + every) % every == 0;

              if (d >= d0)
                push_tick (out, pow (10, d), labelled,
                           !labelled ? NULL
                           : powers  ? format_power (d)
                                     : oc_plot_format_decade (d));
              if (every > 1)
                continue;
              for (int m = 2; m <= 9; m++)
                {
                  double v = m * pow (10, d);

                  if (v >= scale->min * (1 - REL_EPS) && v <= scale->max * (1 + REL_EPS))
                    push_tick (out, v, FALSE, NULL);
                }
            }
        }
    }
  ticks->n_ticks = out->len;
  ticks->ticks = (OcPlotTick *) g_array_free (g_steal_pointer (&out), FALSE);
  return ticks;
}

void
oc_plot_ticks_free (OcPlotTicks *ticks)
{
  if (ticks == NULL)
    return;
  for (guint i = 0; i < ticks->n_ticks; i++)
    g_free (ticks->ticks[i].label);
  g_free (ticks->ticks);
  g_free (ticks);
}

/* Replaces a leading '-' by U+2212 MINUS SIGN, which has the width of a digit. */
static char *
with_minus (char *s)
{
  char *out;

  if (s[0] != '-')
    return s;
  out = g_strconcat ("\u2212", s + 1, NULL);
  g_free (s);
  return out;
}

char *
oc_plot_format_linear (double value, double step)
{
  const char *suffix = "";
  double div = 1;
  int decimals;

  if (!(step > 0) || !isfinite (step))
    step = fabs (value) > 0 ? fabs (value) : 1;
  if (fabs (value) < step * 1e-6)
    return g_strdup ("0");
  if (step >= 1e6 - 0.5)
    {
      div = 1e6;
      suffix = "M";
    }
  else if (step >= 1e3 - 0.5)
    {
      div = 1e3;
      suffix = "k";
    }
  decimals = (int) ceil (-log10 (step / div) - 1e-6);
  decimals = CLAMP (decimals, 0, 12);
  return with_minus (g_strdup_printf ("%.*f%s", decimals, value / div, suffix));
}

static char *
format_power (int exponent)
{
  static const char *const sup[] = { "⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹" };
  GString *s;
  char digits[16];

  s = g_string_new ("10");
  if (exponent < 0)
    g_string_append (s, "⁻");
  g_snprintf (digits, sizeof digits, "%d", ABS (exponent));
  for (const char *p = digits; *p; p++)
    g_string_append (s, sup[*p - '0']);
  return g_string_free (s, FALSE);
}

char *
oc_plot_format_decade (int exponent)
{
  if (exponent >= 0 && exponent <= 3)
    return g_strdup_printf ("%.0f", pow (10, exponent));
  if (exponent < 0 && exponent >= -3)
    return g_strdup_printf ("%.*f", -exponent, pow (10, exponent));
  return format_power (exponent);
}
