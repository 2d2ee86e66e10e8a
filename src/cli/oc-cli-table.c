/* oc-cli-table.c — a numeric CSV table as occam-cli writes them, for `occam-cli plot`.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include "occam/oc-error.h"
#include "occam/oc-input.h"
#include "oc-cli-table.h"

/* The longest table plot --in reads: far more than any CSV Occam writes. */
#define TABLE_MAX_BYTES ((gsize) 256 << 20)

void
oc_cli_table_free (OcCliTable *t)
{
  if (t == NULL)
    return;
  for (guint c = 0; c < t->n_cols && t->text; c++)
    if (t->text[c])
      g_ptr_array_unref (t->text[c]);
  g_free (t->text);
  g_strfreev (t->names);
  g_free (t->values);
  g_free (t->path);
  g_free (t);
}

double
oc_cli_table_cell (const OcCliTable *t, gsize row, guint col)
{
  return t->values[row * t->n_cols + col];
}

/* Parses a whole field as a number; missing values are NaN. */
static gboolean
parse_number (const char *s, double *out)
{
  char *end;

  while (*s == ' ')
    s++;
  if (*s == '\0' || g_ascii_strcasecmp (s, "nan") == 0 || g_ascii_strcasecmp (s, "na") == 0)
    {
      *out = NAN;
      return TRUE;
    }
  *out = g_ascii_strtod (s, &end);
  while (*end == ' ')
    end++;
  return end != s && *end == '\0';
}

static char **
split_fields (char *line)
{
  gsize len = strlen (line);

  if (len > 0 && line[len - 1] == '\r')
    line[len - 1] = '\0';
  return g_strsplit (line, ",", -1);
}

OcCliTable *
oc_cli_table_read (const char *path, GError **error)
{
  g_autoptr (OcCliTable) t = g_new0 (OcCliTable, 1);
  g_autofree char *contents = NULL;
  g_autoptr (GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
  char *line, *next;
  gsize length, line_no = 0;

  t->path = g_strdup (path);
  /* One byte past the limit tells a table that is too long from one that fits. */
  contents = oc_input_read (path, TABLE_MAX_BYTES + 1, &length, error);
  if (contents == NULL)
    return NULL;
  if (length > TABLE_MAX_BYTES)
    {
      g_autofree char *cap = g_format_size_full (TABLE_MAX_BYTES, G_FORMAT_SIZE_IEC_UNITS);

      g_set_error (error, OC_ERROR, OC_ERROR_TOO_LARGE,
                   "%s: more than %s; plot reads tables up to that size — is this the right file?",
                   path, cap);
      return NULL;
    }
  if (memchr (contents, '\0', length) != NULL)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_FORMAT, "%s: a binary file, not a CSV table", path);
      return NULL;
    }
  for (line = contents; line != NULL && *line != '\0'; line = next)
    {
      g_auto (GStrv) fields = NULL;
      guint n;

      next = strchr (line, '\n');
      if (next)
        *next++ = '\0';
      line_no++;
      if (line[0] == '\0' || line[0] == '#' || (line[0] == '\r' && line[1] == '\0'))
        continue;
      fields = split_fields (line);
      n = g_strv_length (fields);
      if (t->n_cols == 0)
        {
          gboolean numeric = TRUE;

          for (guint c = 0; c < n && numeric; c++)
            {
              double v;

              numeric = parse_number (fields[c], &v) && !(fields[c][0] == '\0');
            }
          t->n_cols = n;
          t->text = g_new0 (GPtrArray *, n);
          if (!numeric)
            {
              t->has_header = TRUE;
              t->names = g_new0 (char *, n + 1);
              for (guint c = 0; c < n; c++)
                t->names[c] = g_strstrip (g_strdup (fields[c]));
              continue;
            }
          t->names = g_new0 (char *, n + 1);
          for (guint c = 0; c < n; c++)
            t->names[c] = g_strdup_printf ("%u", c + 1);
        }
      if (n != t->n_cols)
        {
          g_set_error (error, OC_ERROR, OC_ERROR_FORMAT,
                       "%s:%" G_GSIZE_FORMAT ": expected %u fields like the first line, found %u",
                       path, line_no, t->n_cols, n);
          return NULL;
        }
      for (guint c = 0; c < n; c++)
        {
          double v;

          if (!parse_number (fields[c], &v))
            {
              /* A text column (labels): keep the words, the value is missing. */
              if (t->text[c] == NULL)
                {
                  t->text[c] = g_ptr_array_new_with_free_func (g_free);
                  for (gsize r = 0; r < t->n_rows; r++)
                    g_ptr_array_add (t->text[c], g_strdup_printf (
                                                   "%g", g_array_index (values, double,
                                                                        r * n + c)));
                }
              v = NAN;
            }
          if (t->text[c])
            g_ptr_array_add (t->text[c], g_strstrip (g_strdup (fields[c])));
          g_array_append_val (values, v);
        }
      t->n_rows++;
    }
  if (t->n_cols == 0)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_FORMAT, "%s: the file is empty", path);
      return NULL;
    }
  t->values = (double *) g_array_free (g_steal_pointer (&values), FALSE);
  return g_steal_pointer (&t);
}

gboolean
oc_cli_table_find (const OcCliTable *t, const char *name, guint *col, GError **error)
{
  g_autofree char *list = NULL;

  for (guint c = 0; c < t->n_cols; c++)
    if (g_ascii_strcasecmp (t->names[c], name) == 0)
      {
        *col = c;
        return TRUE;
      }
  list = g_strjoinv (", ", t->names);
  g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT, "%s has no column '%s'; it has: %s",
               t->path, name, list);
  return FALSE;
}

gboolean
oc_cli_table_has (const OcCliTable *t, const char *name)
{
  guint c;

  return oc_cli_table_find (t, name, &c, NULL);
}

gboolean
oc_cli_table_column_missing (const OcCliTable *t, guint col)
{
  for (gsize r = 0; r < t->n_rows; r++)
    if (isfinite (oc_cli_table_cell (t, r, col)))
      return FALSE;
  return TRUE;
}

/* Columns named in a comma list, in order; FALSE (with the error) on an unknown one. */
GArray *
oc_cli_table_columns (const OcCliTable *t, const char *list, GError **error)
{
  g_autoptr (GArray) cols = g_array_new (FALSE, FALSE, sizeof (guint));
  g_auto (GStrv) names = g_strsplit (list, ",", -1);

  for (guint i = 0; names[i]; i++)
    {
      guint c;

      g_strstrip (names[i]);
      if (names[i][0] == '\0')
        continue;
      if (!oc_cli_table_find (t, names[i], &c, error))
        return NULL;
      g_array_append_val (cols, c);
    }
  if (cols->len == 0)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT, "--y names no column");
      return NULL;
    }
  return g_steal_pointer (&cols);
}

