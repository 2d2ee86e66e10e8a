/* oc-axis.c — parsing sweep axes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <stdlib.h>

#include "occam/oc-axis.h"
#include "occam/oc-error.h"
#include "oc-config.h"
#include <glib/gi18n-lib.h>
#include <inttypes.h>

static int
cmp_u64 (gconstpointer a, gconstpointer b)
{
  guint64 x = *(const guint64 *) a, y = *(const guint64 *) b;

  return (x > y) - (x < y);
}

static int
cmp_double (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Parses "log:A:B:C" or "lin:A:B:C" into its three numbers. */
static gboolean
parse_range (const char *part, const char *what, double *a, double *b, guint64 *count,
             gboolean *is_log, GError **error)
{
  g_auto (GStrv) f = g_strsplit (part, ":", -1);
  char *end;

  if (g_strv_length (f) != 4 || (g_strcmp0 (f[0], "log") != 0 && g_strcmp0 (f[0], "lin") != 0))
    goto bad;
  *is_log = f[0][1] == 'o';
  *a = g_ascii_strtod (f[1], &end);
  if (*end != '\0' || end == f[1])
    goto bad;
  *b = g_ascii_strtod (f[2], &end);
  if (*end != '\0' || end == f[2])
    goto bad;
  if (!g_ascii_string_to_unsigned (f[3], 10, 1, 10000, count, NULL))
    goto bad;
  if (!(*a <= *b) || (*is_log && *a <= 0))
    goto bad;
  return TRUE;

bad:
  g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
               _("%s: '%s' is not a range; expected log:MIN:MAX:COUNT or lin:MIN:MAX:COUNT with "
               "0 < MIN ≤ MAX for log and 1 ≤ COUNT ≤ 10000"), what, part);
  return FALSE;
}

static double
range_value (double a, double b, guint64 count, gboolean is_log, guint64 i)
{
  double t = count > 1 ? (double) i / (double) (count - 1) : 0.0;

  if (is_log)
    return exp (log (a) + t * (log (b) - log (a)));
  return a + t * (b - a);
}

GArray *
oc_axis_parse_uint (const char *text, guint64 min_value, guint64 max_value, const char *what,
                    GError **error)
{
  g_autoptr (GArray) values = g_array_new (FALSE, FALSE, sizeof (guint64));
  g_auto (GStrv) parts = NULL;
  GArray *out;

  if (text == NULL || *text == '\0')
    {
      g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT, _("%s: the list is empty"), what);
      return NULL;
    }
  parts = g_strsplit (text, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *p = g_strstrip (parts[i]);

      if (g_str_has_prefix (p, "log:") || g_str_has_prefix (p, "lin:"))
        {
          double a, b;
          guint64 count;
          gboolean is_log;

          if (!parse_range (p, what, &a, &b, &count, &is_log, error))
            return NULL;
          for (guint64 k = 0; k < count; k++)
            {
              double v = round (range_value (a, b, count, is_log, k));
              guint64 u = v < 0 ? 0 : (guint64) v;

              g_array_append_val (values, u);
            }
        }
      else
        {
          guint64 u;

          if (!g_ascii_string_to_unsigned (p, 10, 0, G_MAXUINT64, &u, NULL))
            {
              g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                           _("%s: '%s' is not a whole number (expected e.g. 1,2,4 or "
                           "log:1:1024:11)"), what, p);
              return NULL;
            }
          g_array_append_val (values, u);
        }
    }
  g_array_sort (values, cmp_u64);
  out = g_array_new (FALSE, FALSE, sizeof (guint64));
  for (guint i = 0; i < values->len; i++)
    {
      guint64 v = g_array_index (values, guint64, i);

      if (v < min_value || v > max_value)
        {
          g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                       _("%s: %" PRIu64 " is out of range; values must be between %"
                         PRIu64 " and %" PRIu64), what, v, min_value, max_value);
          g_array_unref (out);
          return NULL;
        }
      if (out->len == 0 || g_array_index (out, guint64, out->len - 1) != v)
        g_array_append_val (out, v);
    }
  return out;
}

GArray *
oc_axis_parse_double (const char *text, double min_value, double max_value, const char *what,
                      GError **error)
{
  g_autoptr (GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
  g_auto (GStrv) parts = NULL;
  GArray *out;

  if (text == NULL || *text == '\0')
    {
      g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT, _("%s: the list is empty"), what);
      return NULL;
    }
  parts = g_strsplit (text, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *p = g_strstrip (parts[i]), *end;

      if (g_str_has_prefix (p, "log:") || g_str_has_prefix (p, "lin:"))
        {
          double a, b;
          guint64 count;
          gboolean is_log;

          if (!parse_range (p, what, &a, &b, &count, &is_log, error))
            return NULL;
          for (guint64 k = 0; k < count; k++)
            {
              double v = range_value (a, b, count, is_log, k);

              g_array_append_val (values, v);
            }
          continue;
        }
      {
        double v = g_ascii_strtod (p, &end);

        if (end == p || *end != '\0' || !isfinite (v))
          {
            g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                         _("%s: '%s' is not a number (expected e.g. 0,0.1,0.2)"), what, p);
            return NULL;
          }
        g_array_append_val (values, v);
      }
    }
  g_array_sort (values, cmp_double);
  out = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint i = 0; i < values->len; i++)
    {
      double v = g_array_index (values, double, i);

      if (!(v >= min_value && v <= max_value))
        {
          g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                       _("%s: %g is out of range; values must be between %g and %g"), what, v,
                       min_value, max_value);
          g_array_unref (out);
          return NULL;
        }
      if (out->len == 0 || fabs (g_array_index (out, double, out->len - 1) - v) > 1e-12)
        g_array_append_val (out, v);
    }
  return out;
}

char *
oc_axis_format_uint (const GArray *values)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < values->len; i++)
    g_string_append_printf (s, "%s%" G_GUINT64_FORMAT, i ? "," : "",
                            g_array_index (values, guint64, i));
  return g_string_free (s, FALSE);
}
