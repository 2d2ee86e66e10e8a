/* oc-csv.c — labelled numeric CSV files.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The file is memory-mapped and parsed in one pass with explicit end pointers (the mapping is not
 * NUL-terminated). Plain decimals ("0.25", "-3", "17") take a fast path that is exact: at most 15
 * significant digits divided by an exact power of ten is correctly rounded in double (Clinger's
 * fast path), so it agrees with g_ascii_strtod(), which handles everything else.
 *
 * Real files disagree on where the label goes: scikit-learn's bundled tables (wine_data.csv,
 * breast_cancer.csv, digits.csv) put it last, after a first line "rows,features,class names…".
 * The label column is a setting, and a label column that cannot be one (the same value in every
 * row, fractions) is refused with a pointer to it rather than trained on.
 */
#include <errno.h>
#include <float.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "occam/oc-error.h"
#include "occam/oc-input.h"
#include "occam/oc-rng.h"
#include "oc-csv.h"
#include "oc-dataset-private.h"
#include "oc-config.h"
#include <glib/gi18n-lib.h>
#include <inttypes.h>

static const double exact_pow10[] = {
  1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
  1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

static gboolean
is_blank (char c)
{
  return c == ' ' || c == '\t';
}

/* Parses [p, end), already trimmed, as a finite number. */
static gboolean
parse_number (const char *p, const char *end, double *out)
{
  const char *q = p;
  gboolean neg = FALSE;
  guint64 mant = 0;
  guint n_digits = 0, n_frac = 0;
  char small[128];
  g_autofree char *big = NULL;
  char *s, *stop;
  double v;
  gsize len = (gsize) (end - p);

  if (len == 0)
    return FALSE;

  /* Fast path: [+-]digits[.digits] with at most 15 digits. */
  if (*q == '-' || *q == '+')
    neg = *q++ == '-';
  for (; q < end && g_ascii_isdigit (*q); q++, n_digits++)
    mant = mant * 10 + (guint64) (*q - '0');
  if (q < end && *q == '.')
    for (q++; q < end && g_ascii_isdigit (*q); q++, n_digits++, n_frac++)
      mant = mant * 10 + (guint64) (*q - '0');
  if (q == end && n_digits > 0 && n_digits <= 15)
    {
      v = (double) mant / exact_pow10[n_frac];
      *out = neg ? -v : v;
      return TRUE;
    }

  /* Everything else (exponents, long mantissas, junk) goes through g_ascii_strtod on a
   * NUL-terminated copy. */
  if (len < sizeof small)
    {
      memcpy (small, p, len);
      small[len] = '\0';
      s = small;
    }
  else
    s = big = g_strndup (p, len);
  errno = 0;
  v = g_ascii_strtod (s, &stop);
  if (stop != s + len || stop == s || !isfinite (v))
    return FALSE;
  *out = v;
  return TRUE;
}

/* A field for an error message: at most 40 bytes, valid UTF-8. */
static char *
field_for_message (const char *p, const char *end)
{
  gsize len = MIN ((gsize) (end - p), 40);
  g_autofree char *raw = g_strndup (p, len);

  return g_utf8_make_valid (raw, -1);
}

static guint
count_fields (const char *p, const char *end)
{
  guint n = 1;

  while ((p = memchr (p, ',', (gsize) (end - p))) != NULL)
    {
      n++;
      p++;
    }
  return n;
}

/* What parse_row() needs besides the row. */
typedef struct
{
  const char *path;
  guint       line;
  guint       label_col;     /* index of the label among the row's fields */
  const char *label_name;    /* the label column as given: "first", "last", "4", "class" */
  const char *elsewhere;     /* how to choose another label column, for messages */
  guint       n_labels;      /* labels must be below this */
  gboolean    classes_given; /* ... because of --classes */
} CsvRowContext;

static gboolean
parse_row (const CsvRowContext *pos,
           const char          *p,
           const char          *end,
           guint                n_cols,
           float               *x,
           gint32              *y,
           GError             **error)
{
  for (guint col = 0, k = 0; col < n_cols; col++)
    {
      const char *f_end = memchr (p, ',', (gsize) (end - p));
      const char *next;
      double v;

      if (f_end == NULL)
        f_end = end;
      next = f_end + 1;
      while (p < f_end && is_blank (*p))
        p++;
      while (f_end > p && is_blank (f_end[-1]))
        f_end--;

      if (p == f_end)
        {
          g_set_error (error, OC_ERROR, OC_ERROR_FORMAT,
                       _("%s: line %u, column %u: empty field; every field must be a number"),
                       pos->path, pos->line, col + 1);
          return FALSE;
        }
      if (!parse_number (p, f_end, &v))
        {
          g_autofree char *field = field_for_message (p, f_end);

          g_set_error (error, OC_ERROR, OC_ERROR_FORMAT,
                       _("%s: line %u, column %u: “%s” is not a finite number"), pos->path,
                       pos->line, col + 1, field);
          return FALSE;
        }
      if (col == pos->label_col)
        {
          g_autofree char *field = field_for_message (p, f_end);

          if (v < 0 || v != floor (v))
            {
              g_set_error (error, OC_ERROR, OC_ERROR_FORMAT,
                           _("%s: line %u: label “%s” is %s; the label column (%s) must hold class "
                           "indices 0, 1, 2, …: is the label in another column? %s"), pos->path,
                           pos->line, field, v < 0 ? _("negative") : _("not an integer"),
                           pos->label_name, pos->elsewhere);
              return FALSE;
            }
          if (v >= pos->n_labels && pos->classes_given)
            {
              g_set_error (error, OC_ERROR, OC_ERROR_FORMAT,
                           _("%s: line %u: label %s is not below --classes %u; fix the label or "
                           "raise --classes"), pos->path, pos->line, field, pos->n_labels);
              return FALSE;
            }
          if (v >= pos->n_labels)
            {
              g_set_error (error, OC_ERROR, OC_ERROR_FORMAT,
                           _("%s: line %u: label %s is too large; at most %d classes (labels 0..%d) "
                           "are supported"), pos->path, pos->line, field, OC_CSV_MAX_CLASSES,
                           OC_CSV_MAX_CLASSES - 1);
              return FALSE;
            }
          *y = (gint32) v;
        }
      else if (fabs (v) > FLT_MAX)
        {
          g_autofree char *field = field_for_message (p, f_end);

          /* As float32 it would be infinite, and training would "diverge" on the first step. */
          g_set_error (error, OC_ERROR, OC_ERROR_FORMAT,
                       _("%s: line %u, column %u: %s is beyond the largest 32-bit float (±%.2g); "
                       "rescale the column"), pos->path, pos->line, col + 1, field, FLT_MAX);
          return FALSE;
        }
      else
        x[k++] = (float) v;
      p = next;
    }
  return TRUE;
}

static gboolean
map_file (const char *path, GMappedFile **map, GError **error)
{
  gsize size;

  *map = oc_input_map (path, error);
  if (*map == NULL)
    return FALSE;
  size = g_mapped_file_get_length (*map);
  if ((guint64) size > OC_CSV_MAX_BYTES)
    {
      g_autofree char *have = g_format_size_full (size, G_FORMAT_SIZE_IEC_UNITS);
      g_autofree char *cap = g_format_size_full (OC_CSV_MAX_BYTES, G_FORMAT_SIZE_IEC_UNITS);

      g_set_error (error, OC_ERROR, OC_ERROR_TOO_LARGE,
                   _("%s: the file is %s, more than the %s limit for CSV; use fewer rows"), path,
                   have, cap);
      g_clear_pointer (map, g_mapped_file_unref);
      return FALSE;
    }
  return TRUE;
}

static gboolean
set_no_memory (GError **error, const char *path, guint64 n_bytes)
{
  g_autofree char *size = g_format_size_full (n_bytes, G_FORMAT_SIZE_IEC_UNITS);

  g_set_error (error, OC_ERROR, OC_ERROR_NO_MEMORY,
               _("%s: out of memory: the data needs %s; close other programs or use fewer rows"), path,
               size);
  return FALSE;
}

/* Grows the row arrays of @t to @want rows. */
static gboolean
reserve_rows (OcCsvTable *t, guint64 *capacity, guint64 want, const char *path, GError **error)
{
  guint64 n_bytes = G_MAXUINT64;
  gpointer x, y;

  if (!g_uint64_checked_mul (&n_bytes, want, (guint64) (t->n_cols - 1) * sizeof (float))
      || n_bytes > G_MAXSIZE || want > G_MAXUINT
      || (x = g_try_realloc (t->x, n_bytes)) == NULL)
    return set_no_memory (error, path, n_bytes);
  t->x = x;
  if ((y = g_try_realloc (t->y, want * sizeof (gint32))) == NULL)
    return set_no_memory (error, path, want * sizeof (gint32));
  t->y = y;
  *capacity = want;
  return TRUE;
}

/* The trimmed fields of the line [p, end). */
static GPtrArray *
split_fields (const char *p, const char *end)
{
  GPtrArray *cells = g_ptr_array_new_with_free_func (g_free);

  for (;;)
    {
      const char *f_end = memchr (p, ',', (gsize) (end - p));
      const char *stop = f_end != NULL ? f_end : end;
      const char *a = p, *b = stop;

      while (a < b && is_blank (*a))
        a++;
      while (b > a && is_blank (b[-1]))
        b--;
      g_ptr_array_add (cells, g_strndup (a, (gsize) (b - a)));
      if (f_end == NULL)
        return cells;
      p = f_end + 1;
    }
}

/* A first line is a header when any of its fields is not a number (or is empty, as in the index
 * column pandas writes). A header whose first fields are numbers exists: scikit-learn's. */
static gboolean
is_header (GPtrArray *cells)
{
  for (guint i = 0; i < cells->len; i++)
    {
      const char *c = cells->pdata[i];
      double v;

      if (!parse_number (c, c + strlen (c), &v))
        return TRUE;
    }
  return FALSE;
}

/* scikit-learn's "rows,features,class names…" line: its second field is the number of features
 * of rows with @n_cols fields. */
static gboolean
is_sklearn_header (GPtrArray *cells, guint n_cols, guint64 *n_rows)
{
  guint64 n_features;

  return cells->len >= 2
         && g_ascii_string_to_unsigned (cells->pdata[0], 10, 1, G_MAXUINT, n_rows, NULL)
         && g_ascii_string_to_unsigned (cells->pdata[1], 10, 1, G_MAXUINT, &n_features, NULL)
         && n_features + 1 == n_cols;
}

/* How to pick another label column than @col, for messages. */
static const char *
label_elsewhere (guint col, guint n_cols, gboolean sklearn)
{
  if (sklearn && col != n_cols - 1)
    return "scikit-learn's files keep it last: --label-column last";
  if (col == 0)
    return "--label-column last";
  if (col == n_cols - 1)
    return "--label-column first";
  return "--label-column first, last, a column index or a header name";
}

/* The column the label_column setting @spec names, in rows of @n_cols fields: "first", "last", a
 * 0-based index or a name in @header (NULL without a header; a scikit-learn header names classes,
 * not columns). */
static gboolean
resolve_label_column (const char *path,
                      const char *spec,
                      guint       n_cols,
                      GPtrArray  *header,
                      gboolean    sklearn,
                      guint       header_line,
                      guint      *col,
                      GError    **error)
{
  guint64 index;
  g_autoptr (GString) names = NULL;

  if (spec == NULL || g_ascii_strcasecmp (spec, "first") == 0)
    {
      *col = 0;
      return TRUE;
    }
  if (g_ascii_strcasecmp (spec, "last") == 0)
    {
      *col = n_cols - 1;
      return TRUE;
    }
  if (g_ascii_string_to_unsigned (spec, 10, 0, G_MAXUINT, &index, NULL))
    {
      if (index < n_cols)
        {
          *col = (guint) index;
          return TRUE;
        }
      g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                   _("%s: --label-column %s is past the last column; the rows have %u columns, "
                   "0..%u"), path, spec, n_cols, n_cols - 1);
      return FALSE;
    }
  if (header == NULL || sklearn)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                   _("%s: --label-column “%s”: %s; give first, last or a column index from 0"), path,
                   spec, header == NULL ? "the file has no header row to look the name up in"
                                        : "its first line names classes, not columns");
      return FALSE;
    }
  for (guint i = 0; i < header->len; i++)
    if (strcmp (header->pdata[i], spec) == 0)
      {
        *col = i;
        return TRUE;
      }
  names = g_string_new (NULL);
  for (guint i = 0; i < header->len && i < 8; i++)
    g_string_append_printf (names, "%s“%s”", i > 0 ? ", " : "", (char *) header->pdata[i]);
  g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
               _("%s: --label-column “%s”: the header on line %u has no such column (it has %s%s)"),
               path, spec, header_line, names->str, header->len > 8 ? ", …" : "");
  return FALSE;
}

gboolean
oc_csv_read (const char          *path,
             const OcCsvReadSpec *spec,
             OcCsvTable          *out,
             GCancellable        *cancellable,
             GError             **error)
{
  g_autoptr (GMappedFile) map = NULL;
  g_autoptr (GPtrArray) header = NULL;
  const char *p, *end, *nul;
  guint n_lines = 1, line = 0, header_line = 0, n_feat = 0;
  guint64 max_rows = 0, declared_rows = 0;
  gboolean sklearn = FALSE;
  OcCsvTable t = { 0 };
  CsvRowContext pos = { path, 0 };

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (spec != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  memset (out, 0, sizeof *out);
  pos.label_name = spec->label_column != NULL ? spec->label_column : "first";
  pos.classes_given = spec->classes > 0;
  pos.n_labels = pos.classes_given ? spec->classes : OC_CSV_MAX_CLASSES;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (!map_file (path, &map, error))
    return FALSE;
  if (g_mapped_file_get_length (map) == 0)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_FORMAT,
                   _("%s: the file is empty; it needs one row per example: label, features…"), path);
      return FALSE;
    }
  p = g_mapped_file_get_contents (map);
  end = p + g_mapped_file_get_length (map);
  if (end - p >= 2 && (guchar) p[0] == 0x1f && (guchar) p[1] == 0x8b)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_FORMAT,
                   _("%s: the file is gzip-compressed; decompress it first (gunzip -k)"), path);
      return FALSE;
    }
  if ((nul = memchr (p, '\0', (gsize) (end - p))) != NULL)
    {
      for (const char *q = p; (q = memchr (q, '\n', (gsize) (nul - q))) != NULL; q++)
        n_lines++;
      g_set_error (error, OC_ERROR, OC_ERROR_FORMAT,
                   _("%s: line %u: NUL byte; is this a binary file rather than CSV text?"), path,
                   n_lines);
      return FALSE;
    }
  for (const char *q = p; (q = memchr (q, '\n', (gsize) (end - q))) != NULL; q++)
    n_lines++;
  if (end - p >= 3 && memcmp (p, "\xef\xbb\xbf", 3) == 0)
    p += 3;

  while (p < end)
    {
      const char *nl = memchr (p, '\n', (gsize) (end - p));
      const char *le = nl != NULL ? nl : end;
      const char *next = nl != NULL ? nl + 1 : end;
      const char *q;
      guint n_fields;

      pos.line = ++line;
      if (le > p && le[-1] == '\r')
        le--;
      for (q = p; q < le && is_blank (*q); q++)
        ;
      if (q == le)
        {
          p = next;
          continue;
        }
      if ((line & 4095) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        goto fail;

      n_fields = count_fields (p, le);
      if (t.n_cols == 0)
        {
          if (header_line == 0)
            {
              g_autoptr (GPtrArray) cells = split_fields (p, le);

              if (is_header (cells))
                {
                  header_line = line;
                  header = g_steal_pointer (&cells);
                  p = next;
                  continue;
                }
            }

          /* The first data row fixes the columns and where the label is. */
          t.n_cols = n_fields;
          if (n_fields < 2)
            {
              const char *sep = memchr (p, ';', (gsize) (le - p)) != NULL ? "; semicolons"
                : memchr (p, '\t', (gsize) (le - p)) != NULL ? "; tabs" : NULL;

              g_set_error (error, OC_ERROR, OC_ERROR_FORMAT,
                           _("%s: line %u: only one column; each row needs the label followed by at "
                           "least one feature, separated by commas%s%s"), path, line,
                           sep != NULL ? sep : "", sep != NULL ? " are not separators" : "");
              goto fail;
            }
          sklearn = header != NULL && is_sklearn_header (header, n_fields, &declared_rows);
          if (header != NULL && !sklearn && header->len != n_fields)
            {
              g_set_error (error, OC_ERROR, OC_ERROR_FORMAT,
                           _("%s: line %u: %u columns, but the header on line %u has %u"), path, line,
                           n_fields, header_line, header->len);
              goto fail;
            }
          if (spec->expect_cols > 0 && n_fields != spec->expect_cols)
            {
              g_set_error (error, OC_ERROR, OC_ERROR_FORMAT,
                           _("%s: line %u: %u columns, but %s has %u; both files need the same "
                           "features"), path, line, n_fields, spec->expect_from, spec->expect_cols);
              goto fail;
            }
          if (!resolve_label_column (path, spec->label_column, n_fields, header, sklearn,
                                     header_line, &pos.label_col, error))
            goto fail;
          pos.elsewhere = label_elsewhere (pos.label_col, n_fields, sklearn);
          t.label_col = pos.label_col;
          t.label_elsewhere = pos.elsewhere;

          /* Allocate for as many rows as the rest of the file can hold (a row of n fields takes
           * at least 2n bytes with its newline) and shrink at the end. Rows of empty fields
           * could break that bound; they fail to parse, but growing keeps this safe. */
          n_feat = n_fields - 1;
          max_rows = MIN ((guint64) n_lines - line + 1,
                          ((guint64) (end - p) + 1) / (2 * (guint64) n_fields));
          if (!reserve_rows (&t, &max_rows, MAX (max_rows, 1), path, error))
            goto fail;
        }
      else if (n_fields != t.n_cols)
        {
          g_set_error (error, OC_ERROR, OC_ERROR_FORMAT,
                       _("%s: line %u: %u columns, but the first data row has %u; every row "
                       "needs the same number of fields"), path, line, n_fields, t.n_cols);
          goto fail;
        }

      if (t.n == max_rows && !reserve_rows (&t, &max_rows, 2 * max_rows, path, error))
        goto fail;
      if (!parse_row (&pos, p, le, t.n_cols, t.x + (gsize) t.n * n_feat, t.y + t.n, error))
        goto fail;
      t.max_label = MAX (t.max_label, (guint) t.y[t.n]);
      t.n++;
      p = next;
    }

  if (t.n == 0)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_FORMAT,
                   _("%s: %s; it needs one row per example: label, features…"), path,
                   header_line != 0 ? "a header but no data rows" : "no data rows");
      goto fail;
    }
  if (sklearn && declared_rows != t.n)
    {
      /* With as many fields as the rows it could still be column names; otherwise the file has
       * lost or gained rows since the line was written. */
      if (header->len != t.n_cols)
        {
          g_set_error (error, OC_ERROR, OC_ERROR_FORMAT,
                       _("%s: line %u says the file holds %" PRIu64 " rows, but it holds "
                       "%u; is it truncated?"), path, header_line, declared_rows, t.n);
          goto fail;
        }
      sklearn = FALSE;
    }
  if (sklearn && header->len > 2)
    {
      t.class_names = g_new0 (char *, header->len - 1);
      for (guint i = 2; i < header->len; i++)
        t.class_names[i - 2] = g_strdup (header->pdata[i]);
    }
  if (t.n < max_rows)
    {
      gpointer shrunk_x = g_try_realloc (t.x, (gsize) t.n * n_feat * sizeof (float));
      gpointer shrunk_y = g_try_realloc (t.y, (gsize) t.n * sizeof (gint32));

      if (shrunk_x != NULL)
        t.x = shrunk_x;
      if (shrunk_y != NULL)
        t.y = shrunk_y;
    }
  *out = t;
  return TRUE;

fail:
  oc_csv_table_clear (&t);
  return FALSE;
}

void
oc_csv_table_clear (OcCsvTable *table)
{
  g_clear_pointer (&table->x, g_free);
  g_clear_pointer (&table->y, g_free);
  g_clear_pointer (&table->class_names, g_strfreev);
  memset (table, 0, sizeof *table);
}

/* Copies the rows of @t where keep[i] == @want, in file order, into @split. */
static gboolean
table_to_split (const char       *path,
                const OcCsvTable *t,
                const guint8     *keep,
                guint8            want,
                guint             n,
                OcSplit          *split,
                const char       *what,
                GError          **error)
{
  guint dim = t->n_cols - 1, k = 0;

  if (!oc_split_alloc (split, n, dim, 1, what, error))
    {
      g_prefix_error (error, _("%s: "), path);
      return FALSE;
    }
  for (guint i = 0; i < t->n; i++)
    if (keep == NULL || keep[i] == want)
      {
        memcpy (split->x + (gsize) k * dim, t->x + (gsize) i * dim, dim * sizeof (float));
        split->y[k++] = t->y[i];
      }
  g_assert (k == n);
  return TRUE;
}

/* What the label column of the training file says about itself: a constant is no label (pixel 0 of
 * scikit-learn's digits is 0 in every row) and more than a hundred values smell of a feature. */
static gboolean
check_label_column (OcDataset *ds, const char *path, const char *label_name,
                    const OcCsvTable *t, GError **error)
{
  g_autofree gboolean *seen = g_new0 (gboolean, t->max_label + 1);
  guint n_values = 0;

  for (guint i = 0; i < t->n; i++)
    if (!seen[t->y[i]])
      {
        seen[t->y[i]] = TRUE;
        n_values++;
      }
  if (n_values == 1)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_FORMAT,
                   _("%s: the label column (%s) has the same value %d in every row: is the label in "
                   "another column? %s"), path, label_name, t->y[0], t->label_elsewhere);
      return FALSE;
    }
  if (n_values > 100)
    oc_dataset_warn (ds, _("%s: the label column (%s) has %u different values; if it holds a "
                     "feature rather than the class, choose the label with %s"), path, label_name,
                     n_values, t->label_elsewhere);
  return TRUE;
}

gboolean
oc_csv_load (OcDataset           *ds,
             const OcDataOptions *opts,
             GCancellable        *cancellable,
             GError             **error)
{
  OcCsvTable train = { 0 }, test = { 0 };
  OcCsvReadSpec spec = { opts->label_column, opts->classes > 0 ? (guint) opts->classes : 0 };
  const char *label_name = opts->label_column != NULL ? opts->label_column : "first";
  g_autofree guint8 *is_test = NULL;
  g_autofree guint32 *perm = NULL;
  gboolean ok = FALSE;
  guint max_label;

  if (opts->data_file == NULL || opts->data_file[0] == '\0')
    {
      g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                   _("dataset “csv” needs a data file; pass --data-file FILE.csv with the label in "
                   "the first column (or --label-column last, N or NAME) and the features"));
      return FALSE;
    }
  if (opts->test_file == NULL
      && !(opts->test_fraction >= 0.0 && opts->test_fraction < 1.0))
    {
      g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                   _("test_fraction is %g; it must be in [0, 1) (or pass --test-file)"),
                   opts->test_fraction);
      return FALSE;
    }

  if (!oc_csv_read (opts->data_file, &spec, &train, cancellable, error)
      || !check_label_column (ds, opts->data_file, label_name, &train, error))
    goto out;

  if (opts->test_file != NULL)
    {
      g_autofree char *from = g_path_get_basename (opts->data_file);

      spec.expect_cols = train.n_cols;
      spec.expect_from = from;
      if (!oc_csv_read (opts->test_file, &spec, &test, cancellable, error))
        goto out;
      if (!table_to_split (opts->data_file, &train, NULL, 0, train.n, &ds->train,
                           "the training data", error)
          || !table_to_split (opts->test_file, &test, NULL, 0, test.n, &ds->test,
                              "the test data", error))
        goto out;
      ds->source = g_strdup_printf ("%s (test: %s)", opts->data_file, opts->test_file);
    }
  else
    {
      guint n_test = (guint) round (opts->test_fraction * train.n);
      OcRng rng;

      if (n_test >= train.n)
        {
          g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                       _("%s: holding out test_fraction %g of %u rows leaves no training data; "
                       "lower test_fraction or add rows"), opts->data_file, opts->test_fraction,
                       train.n);
          goto out;
        }
      if (n_test == 0)
        {
          /* Training would go ahead and report "nan %" for the test accuracy. */
          g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                       _("%s: holding out test_fraction %g of %u rows leaves no test data; raise "
                       "--test-fraction, add rows or pass --test-file"), opts->data_file,
                       opts->test_fraction, train.n);
          goto out;
        }
      if ((perm = oc_try_alloc0_n (train.n, sizeof (guint32), "the test split", error)) == NULL
          || (is_test = oc_try_alloc0_n (train.n, 1, "the test split", error)) == NULL)
        goto out;
      oc_rng_init (&rng, opts->seed, OC_STREAM_SPLIT);
      oc_partial_shuffle (&rng, perm, train.n, n_test);
      for (guint i = 0; i < n_test; i++)
        is_test[perm[i]] = 1;
      if (!table_to_split (opts->data_file, &train, is_test, 0, train.n - n_test, &ds->train,
                           "the training data", error)
          || !table_to_split (opts->data_file, &train, is_test, 1, n_test, &ds->test,
                              "the test data", error))
        goto out;
      ds->source = g_strdup (opts->data_file);
    }

  max_label = MAX (train.max_label, test.max_label);
  ds->dim = train.n_cols - 1;
  ds->n_groups = 1;
  ds->n_classes = MAX (max_label + 1, 2);
  /* scikit-learn's first line names the classes. */
  if (train.class_names != NULL && g_strv_length (train.class_names) == ds->n_classes)
    ds->class_names = g_steal_pointer (&train.class_names);
  else
    ds->class_names = oc_class_names_numbered (ds->n_classes);
  ok = TRUE;

out:
  oc_csv_table_clear (&train);
  oc_csv_table_clear (&test);
  return ok;
}
