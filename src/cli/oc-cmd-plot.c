/* oc-cmd-plot.c — `occam-cli plot`: a figure from a CSV written by occam-cli, or one of the
 * window's figures of a stored experiment.
 *
 * --in: reads the whole table (numbers; "nan", "inf" and empty fields are missing values) and
 * builds the figure of the asked kind. --experiment: opens the store (never creating it), loads
 * the experiment through the figure catalogue and builds the named figure exactly as the window
 * does. Either way the plot library renders it and oc_cli_write_output writes the file whole or
 * not at all, or to standard output for --out - (the format then given by --format). Every
 * problem a user can fix exits 2 with one line before anything is written.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "occam/oc-error.h"
#include "occam-plot/oc-plot.h"
#include "occam-figures/oc-figure-catalog.h"
#include "oc-cli.h"
#include "oc-cli-command.h"
#include "oc-cli-output.h"
#include "oc-cli-run.h"
#include "oc-cli-table.h"

/* ---- Options ---- */

typedef struct
{
  char    *in, *out, *format, *kind, *x, *y, *value, *theme, *size, *title, *sort;
  char   **vlines;   /* --vline X[:LABEL], repeatable */
  gboolean logx, logy;
  double   scale;
  double   width, height;
  /* A stored experiment's figures. */
  char    *experiment, *store, *figure;
  char   **params;   /* --param KEY=VALUE, repeatable */
  gboolean list_figures;
} PlotOptions;

static void
plot_options_clear (PlotOptions *o)
{
  g_free (o->in);
  g_free (o->out);
  g_free (o->format);
  g_free (o->kind);
  g_free (o->x);
  g_free (o->y);
  g_free (o->value);
  g_free (o->theme);
  g_free (o->size);
  g_free (o->title);
  g_free (o->sort);
  g_strfreev (o->vlines);
  g_free (o->experiment);
  g_free (o->store);
  g_free (o->figure);
  g_strfreev (o->params);
}

/* --vline 40000:n·K → a labelled vertical reference line. */
static gboolean
add_vlines (OcPlotFigure *f, char **specs, GError **error)
{
  for (guint i = 0; specs != NULL && specs[i] != NULL; i++)
    {
      const char *colon = strchr (specs[i], ':');
      g_autofree char *num = g_strndup (specs[i], colon != NULL ? (gsize) (colon - specs[i])
                                                                : strlen (specs[i]));
      char *end;
      double x = g_ascii_strtod (num, &end);

      if (end == num || *end != '\0' || !isfinite (x))
        {
          g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                       "--vline '%s': expected a number, optionally followed by :LABEL "
                       "(e.g. --vline 40000:n·K)", specs[i]);
          return FALSE;
        }
      oc_plot_figure_add_reference (f, OC_PLOT_AXIS_X, x, colon != NULL ? colon + 1 : NULL);
    }
  return TRUE;
}

/* ---- Figures ---- */

static gboolean
is_loss (const char *name)
{
  return strstr (name, "loss") != NULL;
}

/* train → blue, val → green, test → vermillion, so a split keeps its colour for error and loss. */
static int
split_color (const char *name)
{
  if (g_str_has_prefix (name, "train"))
    return 0;
  if (g_str_has_prefix (name, "val"))
    return 2;
  if (g_str_has_prefix (name, "test"))
    return 1;
  return -1;
}

static const char *const learning_columns[] = {
  "train_error", "val_error", "test_error", "train_loss", "val_loss", "test_loss", NULL,
};

/* The y columns of a learning or curve figure: --y, or the standard metrics present. */
static GArray *
pick_y (const OcCliTable *t, const PlotOptions *o, guint x_col, gboolean learning, GError **error)
{
  GArray *cols;

  if (o->y)
    return oc_cli_table_columns (t, o->y, error);
  cols = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; learning_columns[i]; i++)
    {
      guint c;

      /* A curve over a sweep shows errors only by default; losses are a --y away. */
      if (!learning && is_loss (learning_columns[i]))
        continue;
      if (oc_cli_table_find (t, learning_columns[i], &c, NULL))
        g_array_append_val (cols, c);
    }
  if (cols->len == 0)
    for (guint c = 0; c < t->n_cols; c++)
      if (c != x_col && t->text[c] == NULL)
        g_array_append_val (cols, c);
  return cols;
}

static int
compare_double (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Distinct finite values of a column, sorted. */
static GArray *
distinct (const OcCliTable *t, guint col)
{
  GArray *v = g_array_new (FALSE, FALSE, sizeof (double));
  guint keep = 0;

  for (gsize r = 0; r < t->n_rows; r++)
    {
      double x = oc_cli_table_cell (t, r, col);

      if (isfinite (x))
        g_array_append_val (v, x);
    }
  if (v->len == 0)
    return v;
  qsort (v->data, v->len, sizeof (double), compare_double);
  for (guint i = 1; i < v->len; i++)
    if (g_array_index (v, double, i) != g_array_index (v, double, keep))
      g_array_index (v, double, ++keep) = g_array_index (v, double, i);
  g_array_set_size (v, keep + 1);
  return v;
}

static guint
index_of (const GArray *sorted, double x)
{
  guint lo = 0, hi = sorted->len;

  while (lo + 1 < hi)
    {
      guint mid = (lo + hi) / 2;

      if (g_array_index (sorted, double, mid) <= x)
        lo = mid;
      else
        hi = mid;
    }
  return lo;
}

/* Sweep CSVs hold one row per point and recorded epoch. Unless the x axis is time itself, a curve
 * over points uses each point's last record: @keep[r] says whether row r is one. A point is what
 * its coordinate columns say (width, n_train, label_noise, seed, …). */
static gboolean *
final_rows (const OcCliTable *t, guint x_col)
{
  static const char *const coords[] = { "width", "params", "n_train", "label_noise", "seed",
                                        "features", "control", "level" };
  g_autoptr (GHashTable) last = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char **keys = NULL;
  gboolean *keep = g_new (gboolean, MAX (t->n_rows, 1));
  guint epoch_col;

  for (gsize r = 0; r < t->n_rows; r++)
    keep[r] = TRUE;
  if (!oc_cli_table_find (t, "epoch", &epoch_col, NULL) || x_col == epoch_col
      || g_strcmp0 (t->names[x_col], "iteration") == 0)
    return keep;
  keys = g_new0 (char *, t->n_rows + 1);
  for (gsize r = 0; r < t->n_rows; r++)
    {
      GString *k = g_string_new (NULL);
      double e = oc_cli_table_cell (t, r, epoch_col);
      double *best;

      for (guint c = 0; c < G_N_ELEMENTS (coords); c++)
        {
          guint col;

          if (oc_cli_table_find (t, coords[c], &col, NULL))
            g_string_append_printf (k, "%.17g|", oc_cli_table_cell (t, r, col));
        }
      keys[r] = g_string_free (k, FALSE);
      best = g_hash_table_lookup (last, keys[r]);
      if (best == NULL)
        g_hash_table_insert (last, g_strdup (keys[r]), g_memdup2 (&e, sizeof e));
      else if (e > *best || isnan (*best))
        *best = e;
    }
  for (gsize r = 0; r < t->n_rows; r++)
    {
      double e = oc_cli_table_cell (t, r, epoch_col);
      double *best = g_hash_table_lookup (last, keys[r]);

      keep[r] = isnan (*best) || e == *best;
      g_free (keys[r]);
    }
  return keep;
}

/* Line figures. Rows sharing an x (seeds of a sweep) become their mean with a min–max band. */
static OcPlotFigure *
build_lines (const OcCliTable *t, const PlotOptions *o, gboolean learning, GError **error)
{
  g_autoptr (OcPlotFigure) f = oc_plot_figure_new (OC_PLOT_KIND_XY);
  g_autoptr (GArray) ys = NULL;
  g_autoptr (GArray) xs = NULL;
  g_autofree gboolean *keep = NULL;
  gboolean any_loss = FALSE, any_other = FALSE;
  guint x_col = 0;

  if (o->x && !oc_cli_table_find (t, o->x, &x_col, error))
    return NULL;
  if (!o->x && learning && !oc_cli_table_find (t, "iteration", &x_col, NULL))
    oc_cli_table_find (t, "epoch", &x_col, NULL);
  ys = pick_y (t, o, x_col, learning, error);
  if (ys == NULL)
    return NULL;
  for (guint i = 0; i < ys->len; i++)
    {
      const char *name = t->names[g_array_index (ys, guint, i)];

      if (is_loss (name))
        any_loss = TRUE;
      else
        any_other = TRUE;
    }
  xs = distinct (t, x_col);
  keep = learning ? NULL : final_rows (t, x_col);

  oc_plot_figure_set_title (f, o->title ? o->title : learning ? "Learning curves" : NULL);
  oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_X, t->names[x_col]);
  if (any_loss && any_other)
    {
      oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_Y, "error");
      oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_Y2, "loss (dashed)");
    }
  else if (ys->len == 1)
    oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_Y, t->names[g_array_index (ys, guint, 0)]);
  else
    oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_Y, any_loss ? "loss" : "error");
  if (o->logx)
    oc_plot_figure_set_axis_scale (f, OC_PLOT_AXIS_X, OC_PLOT_SCALE_LOG);
  if (o->logy)
    {
      oc_plot_figure_set_axis_scale (f, OC_PLOT_AXIS_Y, OC_PLOT_SCALE_LOG);
      oc_plot_figure_set_axis_scale (f, OC_PLOT_AXIS_Y2, OC_PLOT_SCALE_LOG);
    }

  for (guint i = 0; i < ys->len; i++)
    {
      guint col = g_array_index (ys, guint, i);
      const char *name = t->names[col];
      guint n = xs->len;
      g_autofree double *mean = g_new (double, n);
      g_autofree double *lo = g_new (double, n);
      g_autofree double *hi = g_new (double, n);
      g_autofree guint *count = g_new0 (guint, n);
      g_autofree char *label = g_strdelimit (g_strdup (name), "_", ' ');
      gboolean band = FALSE;
      OcPlotSeries *s;
      int color = split_color (name);

      /* A split without data (no validation set) is left out rather than drawn empty. */
      if (oc_cli_table_column_missing (t, col))
        continue;
      for (guint k = 0; k < n; k++)
        {
          mean[k] = 0;
          lo[k] = INFINITY;
          hi[k] = -INFINITY;
        }
      for (gsize r = 0; r < t->n_rows; r++)
        {
          double x = oc_cli_table_cell (t, r, x_col), y = oc_cli_table_cell (t, r, col);
          guint k;

          if (!isfinite (x) || !isfinite (y) || (keep != NULL && !keep[r]))
            continue;
          k = index_of (xs, x);
          mean[k] += y;
          lo[k] = MIN (lo[k], y);
          hi[k] = MAX (hi[k], y);
          count[k]++;
        }
      for (guint k = 0; k < n; k++)
        {
          if (count[k] == 0)
            mean[k] = lo[k] = hi[k] = NAN;
          else
            mean[k] /= count[k];
          /* Seeds that all agree (train error 0) need no band. */
          band |= count[k] > 1 && hi[k] > lo[k];
        }
      s = oc_plot_figure_add_series (f, label, (const double *) xs->data, mean, n);
      if (band)
        oc_plot_series_set_band (s, lo, hi);
      if (color >= 0)
        oc_plot_series_set_color (s, (guint) color);
      if (is_loss (name) && any_other)
        {
          oc_plot_series_set_style (s, OC_PLOT_STYLE_LINE | OC_PLOT_STYLE_DASHED);
          oc_plot_series_set_axis (s, OC_PLOT_AXIS_Y2);
        }
      else if (n <= 40 && !learning)
        oc_plot_series_set_style (s, OC_PLOT_STYLE_LINE | OC_PLOT_STYLE_MARKERS);
    }
  return g_steal_pointer (&f);
}

static OcPlotFigure *
build_hist (const OcCliTable *t, const PlotOptions *o, GError **error)
{
  g_autoptr (OcPlotFigure) f = oc_plot_figure_new (OC_PLOT_KIND_HISTOGRAM);
  g_autoptr (GArray) cols = NULL;

  if (o->y)
    cols = oc_cli_table_columns (t, o->y, error);
  else if (o->x)
    cols = oc_cli_table_columns (t, o->x, error);
  else
    {
      guint first = 0;

      cols = g_array_new (FALSE, FALSE, sizeof (guint));
      g_array_append_val (cols, first);
    }
  if (cols == NULL)
    return NULL;
  oc_plot_figure_set_title (f, o->title);
  oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_X,
                                 cols->len == 1 ? t->names[g_array_index (cols, guint, 0)]
                                                : "value");
  oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_Y, "count");
  if (o->logx)
    oc_plot_figure_set_axis_scale (f, OC_PLOT_AXIS_X, OC_PLOT_SCALE_LOG);
  if (o->logy)
    oc_plot_figure_set_axis_scale (f, OC_PLOT_AXIS_Y, OC_PLOT_SCALE_LOG);
  for (guint i = 0; i < cols->len; i++)
    {
      guint c = g_array_index (cols, guint, i);
      g_autofree double *v = g_new (double, MAX (t->n_rows, 1));
      g_autofree char *label = g_strdelimit (g_strdup (t->names[c]), "_", ' ');

      for (gsize r = 0; r < t->n_rows; r++)
        v[r] = oc_cli_table_cell (t, r, c);
      oc_plot_figure_add_values (f, cols->len > 1 ? label : NULL, v, t->n_rows);
    }
  return g_steal_pointer (&f);
}

static char **
value_labels (const GArray *v)
{
  char **labels = g_new0 (char *, v->len + 1);

  for (guint i = 0; i < v->len; i++)
    labels[i] = g_strdup_printf ("%g", g_array_index (v, double, i));
  return labels;
}

static OcPlotFigure *
build_heatmap (const OcCliTable *t, const PlotOptions *o, GError **error)
{
  g_autoptr (OcPlotFigure) f = oc_plot_figure_new (OC_PLOT_KIND_HEATMAP);
  gboolean triples = t->has_header && (o->x || o->y || o->value || t->n_cols == 3);
  g_autofree float *m = NULL;
  guint rows, cols;

  oc_plot_figure_set_title (f, o->title);
  if (triples)
    {
      guint xc = 0, yc = 1, vc = MIN (2, t->n_cols - 1);
      g_autoptr (GArray) xs = NULL;
      g_autoptr (GArray) ys = NULL;
      g_autofree guint *count = NULL;
      g_auto (GStrv) xl = NULL;
      g_auto (GStrv) yl = NULL;

      if ((o->x && !oc_cli_table_find (t, o->x, &xc, error)) || (o->y && !oc_cli_table_find (t, o->y, &yc, error))
          || (o->value && !oc_cli_table_find (t, o->value, &vc, error)))
        return NULL;
      xs = distinct (t, xc);
      ys = distinct (t, yc);
      rows = ys->len;
      cols = xs->len;
      if ((gsize) rows * cols > 64 * 1024 * 1024)
        {
          g_set_error (error, OC_ERROR, OC_ERROR_TOO_LARGE,
                       "%s: %u × %u distinct x and y values are too many for a heatmap", t->path,
                       cols, rows);
          return NULL;
        }
      m = g_new0 (float, MAX ((gsize) rows * cols, 1));
      count = g_new0 (guint, MAX ((gsize) rows * cols, 1));
      for (gsize r = 0; r < t->n_rows; r++)
        {
          double x = oc_cli_table_cell (t, r, xc), y = oc_cli_table_cell (t, r, yc), v = oc_cli_table_cell (t, r, vc);
          gsize k;

          if (!isfinite (x) || !isfinite (y) || !isfinite (v))
            continue;
          k = (gsize) index_of (ys, y) * cols + index_of (xs, x);
          m[k] += (float) v;
          count[k]++;
        }
      /* Repeated cells (seeds) show their mean; absent ones are missing. */
      for (gsize k = 0; k < (gsize) rows * cols; k++)
        m[k] = count[k] ? m[k] / count[k] : NAN;
      xl = value_labels (xs);
      yl = value_labels (ys);
      oc_plot_figure_set_axis_categories (f, OC_PLOT_AXIS_X, (const char *const *) xl, cols);
      oc_plot_figure_set_axis_categories (f, OC_PLOT_AXIS_Y, (const char *const *) yl, rows);
      oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_X, t->names[xc]);
      oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_Y, t->names[yc]);
      oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_COLOR, t->names[vc]);
    }
  else
    {
      rows = (guint) t->n_rows;
      cols = t->n_cols;
      m = g_new (float, MAX ((gsize) rows * cols, 1));
      for (gsize k = 0; k < (gsize) rows * cols; k++)
        m[k] = (float) t->values[k];
      oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_X, "column");
      oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_Y, "row");
    }
  if (o->sort)
    {
      OcPlotSort sort = OC_PLOT_SORT_NONE;

      if (strcmp (o->sort, "rows") == 0)
        sort = OC_PLOT_SORT_ROWS;
      else if (strcmp (o->sort, "cols") == 0)
        sort = OC_PLOT_SORT_COLS;
      else if (strcmp (o->sort, "both") == 0)
        sort = OC_PLOT_SORT_ROWS | OC_PLOT_SORT_COLS;
      else
        {
          g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                       "--sort '%s': expected rows, cols or both", o->sort);
          return NULL;
        }
      oc_plot_figure_set_sort (f, sort);
    }
  for (gsize k = 0; k < (gsize) rows * cols; k++)
    if (m[k] < 0)
      {
        oc_plot_figure_set_colormap (f, OC_PLOT_COLORMAP_DIVERGING);
        break;
      }
  if (!oc_plot_figure_set_matrix (f, m, rows, cols, error))
    return NULL;
  return g_steal_pointer (&f);
}

static OcPlotFigure *
build_grid (const OcCliTable *t, const PlotOptions *o, GError **error)
{
  g_autoptr (OcPlotFigure) f = oc_plot_figure_new (OC_PLOT_KIND_IMAGE_GRID);
  g_autofree float *px = NULL;
  guint label_col = G_MAXUINT, mark_col = G_MAXUINT, n_pix = 0, side;
  gboolean any_negative = FALSE, any_marked = FALSE;
  gsize n_images = MIN (t->n_rows, 1024);

  if (!oc_cli_table_find (t, "label", &label_col, NULL))
    label_col = G_MAXUINT;
  if (!oc_cli_table_find (t, "noisy", &mark_col, NULL) && !oc_cli_table_find (t, "marked", &mark_col, NULL))
    mark_col = G_MAXUINT;
  for (guint c = 0; c < t->n_cols; c++)
    n_pix += c != label_col && c != mark_col;
  side = (guint) lround (sqrt (n_pix));
  if (side * side != n_pix || n_pix == 0)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_FORMAT,
                   "%s: %u pixel columns per row do not make a square image (784 = 28×28 would)",
                   t->path, n_pix);
      return NULL;
    }
  oc_plot_figure_set_title (f, o->title);
  px = g_new (float, n_pix);
  for (gsize r = 0; r < n_images; r++)
    {
      g_autofree char *label = NULL;
      gboolean marked = mark_col != G_MAXUINT && isfinite (oc_cli_table_cell (t, r, mark_col))
                        && oc_cli_table_cell (t, r, mark_col) != 0;
      guint k = 0;

      for (guint c = 0; c < t->n_cols; c++)
        if (c != label_col && c != mark_col)
          {
            px[k] = (float) oc_cli_table_cell (t, r, c);
            any_negative |= px[k] < 0;
            k++;
          }
      if (label_col != G_MAXUINT)
        label = t->text[label_col] ? g_strdup (g_ptr_array_index (t->text[label_col], r))
                                   : g_strdup_printf ("%g", oc_cli_table_cell (t, r, label_col));
      any_marked |= marked;
      if (!oc_plot_figure_add_image (f, px, side, side, label, marked, error))
        return NULL;
    }
  if (any_negative)
    oc_plot_figure_set_colormap (f, OC_PLOT_COLORMAP_DIVERGING);
  if (any_marked)
    oc_plot_figure_set_mark_label (f, t->names[mark_col]);
  return g_steal_pointer (&f);
}

/* ---- Figures of a stored experiment ---- */

/* The options that shape a figure from a CSV; a stored experiment's figures come as they are. */
static const char *
csv_only_option (const PlotOptions *o)
{
  return o->kind ? "--kind" : o->x ? "--x" : o->y ? "--y" : o->value ? "--value"
         : o->logx ? "--logx" : o->logy ? "--logy" : o->sort ? "--sort" : o->title ? "--title"
         : o->vlines ? "--vline" : NULL;
}

static gboolean
check_experiment_options (const PlotOptions *o, GError **error)
{
  const char *csv_only = csv_only_option (o);

  if (o->experiment == NULL)
    g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                 "%s needs --experiment ID", o->list_figures ? "--list-figures"
                                             : o->figure   ? "--figure" : "--param");
  else if (o->in != NULL)
    g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                 "choose --in FILE.csv or --experiment ID, not both");
  else if (csv_only != NULL)
    g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                 "%s shapes a figure from --in CSV; a stored experiment's figures are drawn as "
                 "the window draws them: pick one with --figure NAME", csv_only);
  else if (o->list_figures == (o->figure != NULL))
    g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT, o->list_figures
                 ? "choose --list-figures or --figure NAME, not both"
                 : "plot --experiment needs --figure NAME or --list-figures");
  else if (o->params != NULL && o->figure == NULL)
    g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT, "--param needs --figure NAME");
  else if (o->figure != NULL && o->out == NULL)
    g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                 "plot --figure needs --out FILE.{png,svg,pdf}");
  else
    return TRUE;
  return FALSE;
}

/* The figure's format: --format when given, else --out's extension; both when they agree. */
static gboolean
resolve_format (const PlotOptions *o, OcPlotFormat *format, GError **error)
{
  static const char *const names[] = {
    [OC_PLOT_FORMAT_PNG] = "png", [OC_PLOT_FORMAT_SVG] = "svg", [OC_PLOT_FORMAT_PDF] = "pdf",
  };
  OcPlotFormat from_name = OC_PLOT_FORMAT_PNG;
  gboolean named = !oc_cli_is_stdout (o->out) && oc_plot_format_from_path (o->out, &from_name);

  if (o->format != NULL)
    {
      guint i;

      for (i = 0; i < G_N_ELEMENTS (names); i++)
        if (g_ascii_strcasecmp (o->format, names[i]) == 0)
          break;
      if (i == G_N_ELEMENTS (names))
        {
          g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                       "--format '%s': expected png, svg or pdf", o->format);
          return FALSE;
        }
      if (named && from_name != (OcPlotFormat) i)
        {
          g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                       "--out %s is a .%s name but --format says %s; make them agree (or drop "
                       "--format)", o->out, names[from_name], names[i]);
          return FALSE;
        }
      *format = (OcPlotFormat) i;
      return TRUE;
    }
  if (oc_cli_is_stdout (o->out))
    {
      g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                   "--out -: standard output has no name to take the format from; add "
                   "--format png, svg or pdf");
      return FALSE;
    }
  if (!named)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                   "--out %s: the name must end in .png, .svg or .pdf (or give --format)",
                   o->out);
      return FALSE;
    }
  *format = from_name;
  return TRUE;
}

/* Renders @figure as @format and writes it to --out: a file written whole or not at all, or
 * standard output. */
static gboolean
write_figure (const OcPlotFigure *figure, OcPlotThemeId theme, const PlotOptions *o,
              OcPlotFormat format, GError **error)
{
  g_autoptr (GBytes) bytes = oc_plot_figure_render (figure, oc_plot_theme_get (theme), format,
                                                    o->width, o->height, o->scale, error);
  gsize size;
  const char *data;

  if (bytes == NULL)
    return FALSE;
  data = g_bytes_get_data (bytes, &size);
  return oc_cli_write_output (o->out, data, (gssize) size, error);
}

/* --out may be neither the table read (--in) nor the store the figure comes from. */
static gboolean
check_out_collision (const PlotOptions *o, GError **error)
{
  g_autoptr (OcPathGuard) inputs = oc_path_guard_new ();

  if (o->in != NULL)
    {
      g_autofree char *arg = g_strdup_printf ("--in %s", o->in);

      oc_path_guard_add (inputs, o->in, "the table being plotted", arg);
    }
  if (o->experiment != NULL)
    {
      g_autofree char *arg = NULL;
      g_autofree char *store = oc_cli_store_path (o->store, &arg);

      oc_path_guard_add_store (inputs, store, NULL, arg);
    }
  return oc_path_guard_check (inputs, o->out, "--out", error);
}

/* One line per figure: name, description, and each parameter with its default and values. */
static void
print_figures (OcFigureCatalog *catalog)
{
  GPtrArray *figures = oc_figure_catalog_list (catalog);

  if (figures->len == 0)
    oc_cli_error (_("experiment %s has no figure to draw yet: none of its points has finished"),
                  oc_figure_catalog_get_experiment (catalog)->id);
  for (guint i = 0; i < figures->len; i++)
    {
      const OcFigureInfo *f = figures->pdata[i];

      printf ("%-18s %s", f->name, f->description);
      for (guint p = 0; p < f->n_params; p++)
        printf ("%s%s=%s (%s)", p == 0 ? " · " : ", ", f->params[p].key,
                f->params[p].default_value, f->params[p].description);
      printf ("\n");
    }
}

static gboolean
plot_experiment (const PlotOptions *o, OcPlotThemeId theme, GError **error)
{
  g_autoptr (OcStore) store = NULL;
  g_autoptr (OcFigureCatalog) catalog = NULL;
  g_autoptr (OcPlotFigure) figure = NULL;
  OcPlotFormat format;

  if (!check_experiment_options (o, error))
    return FALSE;
  if (o->out != NULL
      && !(resolve_format (o, &format, error) && check_out_collision (o, error)
           && oc_cli_check_output_path (o->out, error)
           && oc_cli_take_stdout (error, "--out", o->out, NULL)))
    return FALSE;
  /* Reading only: a mistyped --store must not leave a new empty store behind. */
  store = oc_cli_open_store (o->store, FALSE, error);
  if (store == NULL)
    return FALSE;
  catalog = oc_figure_catalog_new (store, o->experiment, error);
  if (catalog == NULL)
    return FALSE;
  if (o->list_figures)
    {
      print_figures (catalog);
      return TRUE;
    }
  figure = oc_figure_catalog_build (catalog, o->figure, (const char *const *) o->params, error);
  if (figure == NULL)
    return FALSE;
  return write_figure (figure, theme, o, format, error);
}

int
oc_cmd_plot (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (OcCliTable) table = NULL;
  g_autoptr (OcPlotFigure) figure = NULL;
  PlotOptions o = { .scale = 1 };
  OcPlotThemeId theme = OC_PLOT_THEME_LIGHT;
  OcPlotFormat format;
  int status = OC_EXIT_BAD_INPUT;
  const GOptionEntry entries[] = {
    { "in", 0, 0, G_OPTION_ARG_FILENAME, &o.in, N_("CSV table to plot"), "FILE.csv" },
    { "experiment", 0, 0, G_OPTION_ARG_STRING, &o.experiment, N_("A stored experiment to draw a "
      "figure of, as the window does: its ID or a unique prefix"), "ID" },
    { "store", 0, 0, G_OPTION_ARG_FILENAME, &o.store, OC_CLI_STORE_HELP, "FILE" },
    { "list-figures", 0, 0, G_OPTION_ARG_NONE, &o.list_figures, N_("List the experiment's figures: "
      "name, description, parameters"), NULL },
    { "figure", 0, 0, G_OPTION_ARG_STRING, &o.figure, N_("The experiment's figure to draw (see "
      "--list-figures)"), "NAME" },
    { "param", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o.params, N_("A parameter of the figure, e.g. "
      "width=8, level=3 or with=ID,ID (repeatable)"), "KEY=VALUE" },
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &o.out, N_("Figure to write; .png, .svg or .pdf "
      "(required to draw); - for standard output, with --format"), "FILE" },
    { "format", 0, 0, G_OPTION_ARG_STRING, &o.format, N_("png, svg or pdf (default: from --out's "
      "name)"), "FORMAT" },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &o.kind, N_("learning, curve, hist, heatmap or grid "
      "(default: learning for training CSVs, else curve)"), "KIND" },
    { "x", 0, 0, G_OPTION_ARG_STRING, &o.x, N_("Column for the x axis"), "COLUMN" },
    { "y", 0, 0, G_OPTION_ARG_STRING, &o.y, N_("Columns to draw (heatmap: the row column)"),
      "COL,COL…" },
    { "value", 0, 0, G_OPTION_ARG_STRING, &o.value, N_("Heatmap: the column giving the colour"),
      "COLUMN" },
    { "logx", 0, 0, G_OPTION_ARG_NONE, &o.logx, N_("Logarithmic x axis"), NULL },
    { "logy", 0, 0, G_OPTION_ARG_NONE, &o.logy, N_("Logarithmic y axes (hist: log counts)"), NULL },
    { "sort", 0, 0, G_OPTION_ARG_STRING, &o.sort, N_("Heatmap: order rows, cols or both by their "
      "mean"), "WHAT" },
    { "theme", 0, 0, G_OPTION_ARG_STRING, &o.theme, N_("light (default), dark or presentation"),
      "NAME" },
    { "size", 0, 0, G_OPTION_ARG_STRING, &o.size, N_("Layout size in pixels (1280x720)"), "WxH" },
    { "scale", 0, 0, G_OPTION_ARG_DOUBLE, &o.scale, N_("PNG pixels per layout pixel, for sharp "
      "slides (1)"), "S" },
    { "title", 0, 0, G_OPTION_ARG_STRING, &o.title, N_("Title above the figure"), "TEXT" },
    { "vline", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o.vlines,
      N_("Line and curve figures: a vertical reference line, e.g. 40000:n·K (repeatable)"),
      "X[:LABEL]" },
    { NULL }
  };

  o.width = 1280;
  o.height = 720;
  if (!oc_cli_parse_options (&argc, &argv, N_("- draw a figure from a CSV written by occam-cli, or "
                             "one of a stored experiment's figures"),
                             N_("Examples:\n"
                             "  occam-cli plot --in run.csv --out curves.pdf\n"
                             "  occam-cli plot --kind curve --in sweep.csv --x params --logx "
                             "--y test_error --out dd.svg\n"
                             "  occam-cli plot --experiment 3f2a --list-figures\n"
                             "  occam-cli plot --experiment 3f2a --figure learning-curve "
                             "--param width=64 --out lc.pdf\n"
                             "  occam-cli plot --in run.csv --out - --format svg > curves.svg"),
                             entries))
    {
      plot_options_clear (&o);
      return OC_EXIT_BAD_INPUT;
    }
  if (argc > 1)
    {
      g_set_error (&error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT, "unexpected argument '%s'",
                   argv[1]);
      goto fail;
    }
  if (o.theme && !oc_plot_theme_id_from_string (o.theme, &theme))
    {
      g_set_error (&error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                   "--theme '%s': expected light, dark or presentation", o.theme);
      goto fail;
    }
  if (o.size)
    {
      guint w, h;

      if (!oc_cli_parse_size (o.size, 16, 16384, &w, &h, &error))
        goto fail;
      o.width = w;
      o.height = h;
    }
  if (!(o.scale >= 0.1 && o.scale <= 8))
    {
      g_set_error (&error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                   "--scale %g: expected 0.1 to 8", o.scale);
      goto fail;
    }
  if (o.experiment != NULL || o.list_figures || o.figure != NULL || o.params != NULL)
    {
      if (!plot_experiment (&o, theme, &error))
        {
          if (g_error_matches (error, OC_ERROR, OC_ERROR_NO_MEMORY))
            status = OC_EXIT_FAILED;
          goto fail;
        }
      plot_options_clear (&o);
      return OC_EXIT_OK;
    }
  if (o.in == NULL || o.out == NULL)
    {
      g_set_error (&error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT, "plot needs --in FILE.csv (or "
                   "--experiment ID) and --out FILE.{png,svg,pdf}");
      goto fail;
    }
  if (!resolve_format (&o, &format, &error) || !check_out_collision (&o, &error)
      || !oc_cli_take_stdout (&error, "--out", o.out, NULL))
    goto fail;
  table = oc_cli_table_read (o.in, &error);
  if (table == NULL)
    goto fail;
  if (o.kind == NULL)
    o.kind = g_strdup (oc_cli_table_has (table, "iteration") && oc_cli_table_has (table, "train_error")
                         ? "learning" : "curve");
  if (strcmp (o.kind, "learning") == 0 || strcmp (o.kind, "curve") == 0)
    {
      figure = build_lines (table, &o, strcmp (o.kind, "learning") == 0, &error);
      if (figure != NULL && !add_vlines (figure, o.vlines, &error))
        g_clear_pointer (&figure, oc_plot_figure_free);
    }
  else if (strcmp (o.kind, "hist") == 0)
    figure = build_hist (table, &o, &error);
  else if (strcmp (o.kind, "heatmap") == 0)
    figure = build_heatmap (table, &o, &error);
  else if (strcmp (o.kind, "grid") == 0)
    figure = build_grid (table, &o, &error);
  else
    g_set_error (&error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                 "--kind '%s': expected learning, curve, hist, heatmap or grid", o.kind);
  if (figure == NULL)
    goto fail;
  if (!write_figure (figure, theme, &o, format, &error))
    {
      if (g_error_matches (error, OC_ERROR, OC_ERROR_NO_MEMORY))
        status = OC_EXIT_FAILED;
      goto fail;
    }
  plot_options_clear (&o);
  return OC_EXIT_OK;

fail:
  oc_cli_error ("%s", error->message);
  plot_options_clear (&o);
  return status;
}
