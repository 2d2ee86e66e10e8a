/* oc-plot-data.c — see oc-plot-data.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "occam/oc-train.h"
#include "occam-plot/oc-plot-data.h"
#include "oc-plot-private.h"

/* ---- Numbers ---- */

void
oc_plot_append_value (GString *s, double v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (v))
    {
      g_string_append (s, isnan (v) ? _("missing") : v > 0 ? "∞" : "−∞");
      return;
    }
  /* Whole numbers up to a trillion as they are (a width of 10000, not 1e+04). */
  if (fabs (v) >= 1e4 && fabs (v) < 1e12 && v == floor (v))
    g_ascii_formatd (buf, sizeof buf, "%.0f", v);
  else
    g_ascii_formatd (buf, sizeof buf, "%.4g", v);
  if (buf[0] == '-')
    g_string_append_printf (s, "−%s", buf + 1);
  else
    g_string_append (s, buf);
}

/* A value for programs: the fewest of 15 or 17 significant digits that read back exactly, a
 * dot whatever the locale, nothing for a missing value. Not oc_csv_append_number()'s %.9g: a
 * figure's values are doubles (means over seeds, say) and its text follows the window's
 * locale, so copied data must neither round nor take a decimal comma. */
static void
append_exact (GString *s, double v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (v))
    return;
  if (isinf (v))
    {
      g_string_append (s, v > 0 ? "inf" : "-inf");
      return;
    }
  g_ascii_formatd (buf, sizeof buf, "%.15g", v);
  if (g_ascii_strtod (buf, NULL) != v)
    g_ascii_formatd (buf, sizeof buf, "%.17g", v);
  g_string_append (s, buf);
}

const char *
oc_plot_axis_name (const OcPlotFigure *f, OcPlotAxisId axis, const char *fallback)
{
  const char *label = f->axes[axis].label;

  return label != NULL && *label != '\0' ? label : fallback;
}

char *
oc_plot_series_dup_name (const OcPlotFigure *f, guint i)
{
  const OcPlotSeries *s = g_ptr_array_index (f->series, i);

  if (s->name != NULL && *s->name != '\0')
    return g_strdup (s->name);
  return g_strdup_printf (_("series %u"), i + 1);
}

char *
oc_plot_axis_dup_index_name (const OcPlotFigure *f, OcPlotAxisId axis, guint index)
{
  const OcPlotAxis *a = &f->axes[axis];

  if (a->categories != NULL && index < a->n_categories && a->categories[index] != NULL)
    return g_strdup (a->categories[index]);
  return g_strdup_printf ("%u", index);
}

/* ---- Description ---- */

typedef struct
{
  double lo, hi;
} Range;

static void
range_add (Range *r, double v)
{
  r->lo = MIN (r->lo, v);
  r->hi = MAX (r->hi, v);
}

static void
describe_axis (GString *s, const OcPlotFigure *f, OcPlotAxisId axis, const char *which,
               const Range *r)
{
  g_string_append_printf (s, " %s: %s", which, oc_plot_axis_name (f, axis, _("unlabelled")));
  if (f->axes[axis].kind == OC_PLOT_SCALE_LOG)
    g_string_append_printf (s, ", %s", _("log scale"));
  if (r->lo <= r->hi)
    {
      g_string_append_printf (s, ", %s ", _("from"));
      oc_plot_append_value (s, r->lo);
      g_string_append_printf (s, " %s ", _("to"));
      oc_plot_append_value (s, r->hi);
    }
  g_string_append (s, ".");
}

static void
describe_series (GString *s, const OcPlotFigure *f, gboolean with_axes)
{
  OcPlotScaleKind xk = f->axes[OC_PLOT_AXIS_X].kind;
  Range xr = { INFINITY, -INFINITY }, yr = { INFINITY, -INFINITY }, y2r = { INFINITY, -INFINITY };
  gboolean has_y2 = FALSE;

  for (guint i = 0; i < f->series->len; i++)
    {
      const OcPlotSeries *series = g_ptr_array_index (f->series, i);

      has_y2 |= series->axis == OC_PLOT_AXIS_Y2;
      for (gsize k = 0; k < series->n; k++)
        if (oc_plot_scale_kind_accepts (xk, series->x[k])
            && oc_plot_scale_kind_accepts (f->axes[series->axis].kind, series->y[k]))
          {
            range_add (&xr, series->x[k]);
            range_add (series->axis == OC_PLOT_AXIS_Y2 ? &y2r : &yr, series->y[k]);
          }
    }
  if (with_axes)
    {
      describe_axis (s, f, OC_PLOT_AXIS_X, _("Horizontal axis"), &xr);
      describe_axis (s, f, OC_PLOT_AXIS_Y, _("Vertical axis"), &yr);
    }
  if (has_y2)
    describe_axis (s, f, OC_PLOT_AXIS_Y2, _("Right axis"), &y2r);
  if (f->series->len == 0)
    return;
  g_string_append_c (s, ' ');
  g_string_append_printf (s, ngettext ("%u series:", "%u series:", f->series->len),
                          f->series->len);
  for (guint i = 0; i < f->series->len; i++)
    {
      const OcPlotSeries *series = g_ptr_array_index (f->series, i);
      g_autofree char *name = oc_plot_series_dup_name (f, i);
      gsize n = 0, lo = 0, hi = 0;

      for (gsize k = 0; k < series->n; k++)
        if (oc_plot_scale_kind_accepts (xk, series->x[k])
            && oc_plot_scale_kind_accepts (f->axes[series->axis].kind, series->y[k]))
          {
            if (n == 0 || series->y[k] < series->y[lo])
              lo = k;
            if (n == 0 || series->y[k] > series->y[hi])
              hi = k;
            n++;
          }
      g_string_append_printf (s, "%s %s (", i > 0 ? ";" : "", name);
      g_string_append_printf (s, ngettext ("%zu point", "%zu points", n), n);
      if (n > 0)
        {
          g_string_append_printf (s, ", %s ", _("lowest"));
          oc_plot_append_value (s, series->y[lo]);
          g_string_append_printf (s, " %s ", _("at"));
          oc_plot_append_value (s, series->x[lo]);
          g_string_append_printf (s, ", %s ", _("highest"));
          oc_plot_append_value (s, series->y[hi]);
          g_string_append_printf (s, " %s ", _("at"));
          oc_plot_append_value (s, series->x[hi]);
        }
      g_string_append (s, ")");
    }
  g_string_append (s, ".");
  for (guint i = 0; i < f->references->len; i++)
    {
      const OcPlotReference *ref = &g_array_index (f->references, OcPlotReference, i);

      g_string_append_printf (s, " %s ", _("Marked:"));
      if (ref->label != NULL)
        g_string_append_printf (s, "%s, ", ref->label);
      g_string_append_printf (s, "%s ", oc_plot_axis_name (f, ref->axis, ref->axis == OC_PLOT_AXIS_X
                                                                   ? "x" : "y"));
      oc_plot_append_value (s, ref->value);
      g_string_append (s, ".");
    }
}

static void
describe_matrix (GString *s, const OcPlotFigure *f)
{
  gsize n = (gsize) f->rows * f->cols, lo = 0, hi = 0, finite = 0;

  if (f->matrix == NULL || n == 0)
    return;
  for (gsize i = 0; i < n; i++)
    if (isfinite (f->matrix[i]))
      {
        if (finite == 0 || f->matrix[i] < f->matrix[lo])
          lo = i;
        if (finite == 0 || f->matrix[i] > f->matrix[hi])
          hi = i;
        finite++;
      }
  if (f->kind == OC_PLOT_KIND_FIELD)
    {
      Range xr = { f->extent[0], f->extent[1] }, yr = { f->extent[2], f->extent[3] };

      describe_axis (s, f, OC_PLOT_AXIS_X, _("Horizontal axis"), &xr);
      describe_axis (s, f, OC_PLOT_AXIS_Y, _("Vertical axis"), &yr);
      g_string_append_printf (s, " %s", _("A field sampled on"));
      g_string_append_printf (s, " %u × %u %s.", f->rows, f->cols, _("points"));
    }
  else
    {
      g_string_append_printf (s, " %s", _("A matrix of"));
      g_string_append_printf (s, " %u %s (%s) × %u %s (%s).", f->rows, _("rows"),
                              oc_plot_axis_name (f, OC_PLOT_AXIS_Y, _("unlabelled")), f->cols,
                              _("columns"), oc_plot_axis_name (f, OC_PLOT_AXIS_X, _("unlabelled")));
    }
  if (finite == 0)
    {
      g_string_append_printf (s, " %s", _("Every cell is missing."));
      return;
    }
  g_string_append_printf (s, " %s ", oc_plot_axis_name (f, OC_PLOT_AXIS_COLOR, _("Values")));
  g_string_append_printf (s, "%s ", _("from"));
  oc_plot_append_value (s, f->matrix[lo]);
  g_string_append_printf (s, " (%s %u, %s %u) %s ", _("row"), (guint) (lo / f->cols),
                          _("column"), (guint) (lo % f->cols), _("to"));
  oc_plot_append_value (s, f->matrix[hi]);
  g_string_append_printf (s, " (%s %u, %s %u).", _("row"), (guint) (hi / f->cols), _("column"),
                          (guint) (hi % f->cols));
  if (finite < n)
    {
      g_string_append_c (s, ' ');
      g_string_append_printf (s, ngettext ("%zu cell is missing.",
                                           "%zu cells are missing.", n - finite),
                              n - finite);
    }
}

static void
describe_histogram (GString *s, const OcPlotFigure *f)
{
  g_string_append_printf (s, " %s %s.", _("Histogram of"),
                          oc_plot_axis_name (f, OC_PLOT_AXIS_X, _("values")));
  if (f->axes[OC_PLOT_AXIS_X].kind == OC_PLOT_SCALE_LOG)
    g_string_append_printf (s, " %s.", _("Log scale"));
  for (guint i = 0; i < f->series->len; i++)
    {
      const OcPlotSeries *series = g_ptr_array_index (f->series, i);
      g_autofree char *name = oc_plot_series_dup_name (f, i);
      Range r = { INFINITY, -INFINITY };
      gsize n = 0;

      for (gsize k = 0; k < series->n; k++)
        if (isfinite (series->y[k]))
          {
            range_add (&r, series->y[k]);
            n++;
          }
      g_string_append_printf (s, " %s: ", name);
      g_string_append_printf (s, ngettext ("%zu value",
                                           "%zu values", n), n);
      if (n > 0)
        {
          g_string_append_printf (s, " %s ", _("from"));
          oc_plot_append_value (s, r.lo);
          g_string_append_printf (s, " %s ", _("to"));
          oc_plot_append_value (s, r.hi);
        }
      g_string_append (s, ".");
    }
}

static void
describe_images (GString *s, const OcPlotFigure *f)
{
  guint dimmed = 0, shown = 0;

  g_string_append_c (s, ' ');
  g_string_append_printf (s, ngettext ("%u image", "%u images", f->images->len),
                          f->images->len);
  for (guint i = 0; i < f->images->len; i++)
    {
      const OcPlotImage *image = g_ptr_array_index (f->images, i);

      dimmed += image->dimmed;
      /* The first few labels say what the images are; all of them would be a long read. */
      if (image->label != NULL && shown < 8)
        g_string_append_printf (s, "%s%s", shown++ == 0 ? ": " : ", ", image->label);
    }
  g_string_append (s, shown < f->images->len && shown > 0 ? "…." : ".");
  if (dimmed > 0)
    {
      g_string_append_c (s, ' ');
      g_string_append_printf (s, ngettext ("%u is dimmed.", "%u are dimmed.", dimmed), dimmed);
    }
}

static void
describe_into (GString *s, const OcPlotFigure *f)
{
  if (f->title != NULL && *f->title != '\0')
    g_string_append_printf (s, "%s.", f->title);
  switch (f->kind)
    {
    case OC_PLOT_KIND_XY:
      describe_series (s, f, TRUE);
      break;
    case OC_PLOT_KIND_HISTOGRAM:
      describe_histogram (s, f);
      break;
    case OC_PLOT_KIND_HEATMAP:
      describe_matrix (s, f);
      break;
    case OC_PLOT_KIND_FIELD:
      describe_matrix (s, f);
      if (f->series->len > 0)
        describe_series (s, f, f->matrix == NULL);
      break;
    case OC_PLOT_KIND_IMAGE_GRID:
      describe_images (s, f);
      break;
    case OC_PLOT_KIND_PANELS:
      for (guint i = 0; f->panels != NULL && i < f->panels->len; i++)
        {
          g_string_append_printf (s, " %s %u: ", _("Panel"), i + 1);
          describe_into (s, g_ptr_array_index (f->panels, i));
        }
      break;
    default:
      break;
    }
}

char *
oc_plot_figure_describe (const OcPlotFigure *figure)
{
  GString *s;

  g_return_val_if_fail (figure != NULL, NULL);

  s = g_string_new (NULL);
  describe_into (s, figure);
  if (s->len > 0 && s->str[0] == ' ')
    g_string_erase (s, 0, 1);
  return g_string_free (s, FALSE);
}

/* ---- CSV ---- */

/* Appends @names as the header line, each made unique with " (2)", " (3)"… */
static void
append_header (GString *s, GPtrArray *names)
{
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = names->pdata[i];
      g_autofree char *unique = g_strdup (name);

      for (guint k = 2; g_hash_table_contains (seen, unique); k++)
        {
          g_free (unique);
          unique = g_strdup_printf ("%s (%u)", name, k);
        }
      if (i > 0)
        g_string_append_c (s, ',');
      oc_csv_append_field (s, unique);
      g_hash_table_add (seen, g_steal_pointer (&unique));
    }
  g_string_append_c (s, '\n');
}

static gboolean
same_x (const OcPlotSeries *a, const OcPlotSeries *b)
{
  if (a->n != b->n)
    return FALSE;
  for (gsize k = 0; k < a->n; k++)
    if (a->x[k] != b->x[k] && !(isnan (a->x[k]) && isnan (b->x[k])))
      return FALSE;
  return TRUE;
}

/* One column of a table: @values[@n], missing past its end. */
typedef struct
{
  const double *values;
  gsize         n;
} Column;

static void
append_table (GString *s, GPtrArray *names, GArray *columns)
{
  gsize rows = 0;

  append_header (s, names);
  for (guint c = 0; c < columns->len; c++)
    rows = MAX (rows, g_array_index (columns, Column, c).n);
  for (gsize r = 0; r < rows; r++)
    {
      for (guint c = 0; c < columns->len; c++)
        {
          const Column *col = &g_array_index (columns, Column, c);

          if (c > 0)
            g_string_append_c (s, ',');
          if (r < col->n && col->values != NULL)
            append_exact (s, col->values[r]);
        }
      g_string_append_c (s, '\n');
    }
}

static void
series_csv (GString *s, const OcPlotFigure *f)
{
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GArray) columns = g_array_new (FALSE, FALSE, sizeof (Column));
  const char *xname = oc_plot_axis_name (f, OC_PLOT_AXIS_X, "x");
  gboolean shared = f->series->len > 0;

  for (guint i = 1; i < f->series->len; i++)
    shared &= same_x (g_ptr_array_index (f->series, 0), g_ptr_array_index (f->series, i));
  if (shared)
    {
      const OcPlotSeries *first = g_ptr_array_index (f->series, 0);

      g_ptr_array_add (names, g_strdup (xname));
      g_array_append_val (columns, ((Column) { first->x, first->n }));
    }
  for (guint i = 0; i < f->series->len; i++)
    {
      const OcPlotSeries *series = g_ptr_array_index (f->series, i);
      g_autofree char *name = oc_plot_series_dup_name (f, i);

      if (!shared)
        {
          g_ptr_array_add (names, g_strdup_printf ("%s %s", name, xname));
          g_array_append_val (columns, ((Column) { series->x, series->n }));
        }
      g_ptr_array_add (names, g_strdup (name));
      g_array_append_val (columns, ((Column) { series->y, series->n }));
      if (series->lo != NULL)
        {
          g_ptr_array_add (names, g_strdup_printf ("%s %s", name, _("low")));
          g_array_append_val (columns, ((Column) { series->lo, series->n }));
          g_ptr_array_add (names, g_strdup_printf ("%s %s", name, _("high")));
          g_array_append_val (columns, ((Column) { series->hi, series->n }));
        }
    }
  append_table (s, names, columns);
}

static void
histogram_csv (GString *s, const OcPlotFigure *f)
{
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GArray) columns = g_array_new (FALSE, FALSE, sizeof (Column));

  for (guint i = 0; i < f->series->len; i++)
    {
      const OcPlotSeries *series = g_ptr_array_index (f->series, i);

      g_ptr_array_add (names, oc_plot_series_dup_name (f, i));
      g_array_append_val (columns, ((Column) { series->y, series->n }));
    }
  append_table (s, names, columns);
}

static void
append_index (GString *s, const OcPlotFigure *f, OcPlotAxisId axis, guint index)
{
  g_autofree char *name = oc_plot_axis_dup_index_name (f, axis, index);

  oc_csv_append_field (s, name);
}

static void
matrix_csv (GString *s, const OcPlotFigure *f)
{
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  gboolean field = f->kind == OC_PLOT_KIND_FIELD;

  g_ptr_array_add (names, g_strdup (field ? oc_plot_axis_name (f, OC_PLOT_AXIS_X, "x") : "row"));
  g_ptr_array_add (names, g_strdup (field ? oc_plot_axis_name (f, OC_PLOT_AXIS_Y, "y") : "column"));
  g_ptr_array_add (names, g_strdup ("value"));
  append_header (s, names);
  for (guint r = 0; f->matrix != NULL && r < f->rows; r++)
    for (guint c = 0; c < f->cols; c++)
      {
        if (field)
          {
            append_exact (s, f->extent[0] + (f->cols > 1 ? (double) c / (f->cols - 1) : 0.5)
                                              * (f->extent[1] - f->extent[0]));
            g_string_append_c (s, ',');
            append_exact (s, f->extent[2] + (f->rows > 1 ? (double) r / (f->rows - 1) : 0.5)
                                              * (f->extent[3] - f->extent[2]));
          }
        else
          {
            append_index (s, f, OC_PLOT_AXIS_Y, r);
            g_string_append_c (s, ',');
            append_index (s, f, OC_PLOT_AXIS_X, c);
          }
        g_string_append_c (s, ',');
        append_exact (s, f->matrix[(gsize) r * f->cols + c]);
        g_string_append_c (s, '\n');
      }
}

static void
images_csv (GString *s, const OcPlotFigure *f)
{
  g_string_append (s, "image,label,y,x,value\n");
  for (guint i = 0; i < f->images->len; i++)
    {
      const OcPlotImage *image = g_ptr_array_index (f->images, i);

      for (guint y = 0; y < image->height; y++)
        for (guint x = 0; x < image->width; x++)
          {
            g_string_append_printf (s, "%u,", i);
            if (image->label != NULL)
              oc_csv_append_field (s, image->label);
            g_string_append_printf (s, ",%u,%u,", y, x);
            append_exact (s, image->pixels[(gsize) y * image->width + x]);
            g_string_append_c (s, '\n');
          }
    }
}

static void
csv_into (GString *s, const OcPlotFigure *f)
{
  switch (f->kind)
    {
    case OC_PLOT_KIND_XY:
      series_csv (s, f);
      break;
    case OC_PLOT_KIND_HISTOGRAM:
      histogram_csv (s, f);
      break;
    case OC_PLOT_KIND_HEATMAP:
      matrix_csv (s, f);
      break;
    case OC_PLOT_KIND_FIELD:
      if (f->matrix != NULL)
        matrix_csv (s, f);
      if (f->matrix != NULL && f->series->len > 0)
        g_string_append_c (s, '\n');
      if (f->series->len > 0)
        series_csv (s, f);
      break;
    case OC_PLOT_KIND_IMAGE_GRID:
      images_csv (s, f);
      break;
    case OC_PLOT_KIND_PANELS:
      for (guint i = 0; f->panels != NULL && i < f->panels->len; i++)
        {
          const OcPlotFigure *panel = g_ptr_array_index (f->panels, i);

          if (i > 0)
            g_string_append_c (s, '\n');
          g_string_append_printf (s, "# %s\n", panel->title != NULL ? panel->title : "");
          csv_into (s, panel);
        }
      break;
    default:
      break;
    }
}

char *
oc_plot_figure_to_csv (const OcPlotFigure *figure)
{
  GString *s;

  g_return_val_if_fail (figure != NULL, NULL);

  s = g_string_new (NULL);
  csv_into (s, figure);
  return g_string_free (s, FALSE);
}
