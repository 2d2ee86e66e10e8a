/* oc-sweep-figures.c — see oc-sweep-figures.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Colours follow the Train page and occam-cli plot: train → blue, test → vermillion; stuck runs
 * are purple diamonds (the marker shape follows the series index, so their series is the fourth).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "occam/oc-sweep-record.h"
#include "occam-figures/oc-data-figures.h"
#include "occam-figures/oc-sweep-figures.h"
#include "oc-config.h"
#include <glib/gi18n-lib.h>

#define COLOR_TRAIN 0
#define COLOR_TEST  1
#define COLOR_STUCK 3
/* More groups than this and markers crowd the line. */
#define MAX_MARKED  40

void
oc_sweep_pick_map_clear (OcSweepPickMap *map)
{
  g_clear_pointer (&map->series, g_ptr_array_unref);
  g_clear_pointer (&map->points, g_ptr_array_unref);
}

gboolean *
oc_sweep_pick_map_pickable (const OcSweepPickMap *map)
{
  gboolean *out = g_new0 (gboolean, MAX (map->series->len, 1));

  for (guint i = 0; i < map->series->len; i++)
    out[i] = g_ptr_array_index (map->series, i) != NULL;
  return out;
}

int
oc_sweep_pick_map_point (const OcSweepPickMap *map, guint series, gsize index)
{
  GArray *points;

  if (map->points == NULL || series >= map->points->len)
    return -1;
  points = g_ptr_array_index (map->points, series);
  if (points == NULL || index >= points->len)
    return -1;
  return (int) g_array_index (points, guint, index);
}

int
oc_sweep_pick_map_group (const OcSweepPickMap *map, guint series, gsize index)
{
  GArray *groups;

  if (map->series == NULL || series >= map->series->len)
    return -1;
  groups = g_ptr_array_index (map->series, series);
  if (groups == NULL || index >= groups->len)
    return -1;
  return (int) g_array_index (groups, guint, index);
}

static void
map_add_points (OcSweepPickMap *map, GArray *groups, GArray *points)
{
  if (map == NULL)
    return;
  g_ptr_array_add (map->series, groups != NULL ? g_array_ref (groups) : NULL);
  g_ptr_array_add (map->points, points != NULL ? g_array_ref (points) : NULL);
}

static void
map_add (OcSweepPickMap *map, GArray *groups)
{
  map_add_points (map, groups, NULL);
}

/* Unpickable series are NULL elements, which must not reach g_array_unref. */
static void
unref_groups (gpointer groups)
{
  if (groups != NULL)
    g_array_unref (groups);
}

static void
map_init (OcSweepPickMap *map)
{
  if (map == NULL)
    return;
  oc_sweep_pick_map_clear (map);
  map->series = g_ptr_array_new_with_free_func (unref_groups);
  map->points = g_ptr_array_new_with_free_func (unref_groups);
}

const char *
oc_sweep_mode_axis_label (OcSweepMode mode)
{
  switch (mode)
    {
    case OC_SWEEP_MODE_SAMPLE:
      return _("training examples n");
    case OC_SWEEP_MODE_NOISE:
      return _("label noise");
    case OC_SWEEP_MODE_RFF:
      return _("random features N");
    case OC_SWEEP_MODE_MODEL:
    default:
      return _("parameters");
    }
}

typedef struct
{
  gsize   n;
  double *x, *y, *lo, *hi;
  GArray *groups; /* guint: the group of each point */
} Columns;

static void
columns_init (Columns *c, gsize n)
{
  c->n = 0;
  c->x = g_new (double, MAX (n, 1));
  c->y = g_new (double, MAX (n, 1));
  c->lo = g_new (double, MAX (n, 1));
  c->hi = g_new (double, MAX (n, 1));
  c->groups = g_array_new (FALSE, FALSE, sizeof (guint));
}

static void
columns_clear (Columns *c)
{
  g_free (c->x);
  g_free (c->y);
  g_free (c->lo);
  g_free (c->hi);
  g_array_unref (c->groups);
}

static void
columns_add (Columns *c, double x, double y, double lo, double hi, guint group)
{
  c->x[c->n] = x;
  c->y[c->n] = y;
  c->lo[c->n] = lo;
  c->hi[c->n] = hi;
  c->n++;
  g_array_append_val (c->groups, group);
}

static gboolean
any_spread (const Columns *c)
{
  for (gsize i = 0; i < c->n; i++)
    if (c->hi[i] > c->lo[i])
      return TRUE;
  return FALSE;
}

static OcPlotSeries *
add_series (OcPlotFigure *f, OcSweepPickMap *map, const char *name, const Columns *c,
            guint color, OcPlotAxisId axis, gboolean band, gboolean markers)
{
  OcPlotSeries *s = oc_plot_figure_add_series (f, name, c->x, c->y, c->n);

  oc_plot_series_set_color (s, color);
  oc_plot_series_set_axis (s, axis);
  if (axis == OC_PLOT_AXIS_Y2)
    oc_plot_series_set_style (s, OC_PLOT_STYLE_LINE | OC_PLOT_STYLE_DASHED);
  else if (markers)
    oc_plot_series_set_style (s, OC_PLOT_STYLE_LINE | OC_PLOT_STYLE_MARKERS);
  if (band && any_spread (c))
    oc_plot_series_set_band (s, c->lo, c->hi);
  map_add (map, c->groups);
  return s;
}

/* Log x when the planned values span a decade or more, decided from the plan rather than the
 * points received so far, so a figure that grows live keeps its axis. Parameters grow with the
 * width, and a width sweep spans decades of them: always log. */
static void
fit_x_scale (OcPlotFigure *f, const OcSweepResults *r, OcSweepMode mode)
{
  OcSweepGrid *grid = oc_sweep_results_get_grid ((OcSweepResults *) r);
  double lo = INFINITY, hi = -INFINITY;

  for (guint i = 0; i < oc_sweep_grid_get_n_points (grid); i++)
    {
      const OcGridPoint *p = &g_array_index (grid->points, OcGridPoint, i);
      double v = mode == OC_SWEEP_MODE_SAMPLE ? (double) p->n_train
                 : mode == OC_SWEEP_MODE_RFF  ? (double) p->features
                                              : p->width;

      if (v > 0)
        {
          lo = MIN (lo, v);
          hi = MAX (hi, v);
        }
    }
  if (mode == OC_SWEEP_MODE_MODEL || hi / lo >= 10)
    oc_plot_figure_set_axis_scale (f, OC_PLOT_AXIS_X, OC_PLOT_SCALE_LOG);
}

static void add_n_reference (OcPlotFigure *f, const OcSweepResults *r);

/* The lines of the double-descent figure: n·K and where training error first reaches ≈ 0
 * (N = n for random features). */
static void
add_thresholds (OcPlotFigure *f, const OcSweepResults *r, const GArray *groups, OcSweepMode mode)
{
  double threshold = oc_sweep_groups_threshold_x (groups, mode, oc_sweep_results_get_outputs (r));

  if (mode == OC_SWEEP_MODE_RFF)
    {
      add_n_reference (f, r);
      return;
    }
  if (isfinite (threshold))
    oc_plot_figure_add_reference (f, OC_PLOT_AXIS_X, threshold,
                                  mode == OC_SWEEP_MODE_MODEL ? "n·K" : _("n·K = parameters"));
  if (mode == OC_SWEEP_MODE_MODEL || mode == OC_SWEEP_MODE_SAMPLE)
    {
      double x = oc_sweep_groups_interpolation_x (groups, mode == OC_SWEEP_MODE_SAMPLE);

      if (isfinite (x))
        oc_plot_figure_add_reference (f, OC_PLOT_AXIS_X, x, _("train error ≈ 0"));
    }
}

/* What sets curve @s of @slices apart from the others: "n = 1000", "20 % label noise",
 * "width 64", joined, naming only what varies between them. */
static char *
slice_label (const OcSweepGrid *grid, const GArray *slices, guint s, OcSweepMode mode)
{
  const OcGridPoint *p = &g_array_index (grid->points, OcGridPoint,
                                         g_array_index (slices, guint, s));
  gboolean width = FALSE, n = FALSE, noise = FALSE;
  GString *label = g_string_new (NULL);

  for (guint t = 0; t < slices->len; t++)
    {
      const OcGridPoint *q = &g_array_index (grid->points, OcGridPoint,
                                             g_array_index (slices, guint, t));

      width |= mode != OC_SWEEP_MODE_MODEL && q->width != p->width;
      n |= mode != OC_SWEEP_MODE_SAMPLE && q->n_train != p->n_train;
      noise |= mode != OC_SWEEP_MODE_NOISE && q->label_noise != p->label_noise;
    }
  if (width)
    g_string_append_printf (label, _("width %u"), p->width);
  if (n)
    g_string_append_printf (label, "%sn = %" G_GINT64_FORMAT, label->len > 0 ? ", " : "",
                            p->n_train);
  if (noise)
    g_string_append_printf (label, _("%s%g %% label noise"), label->len > 0 ? ", " : "",
                            100 * p->label_noise);
  return g_string_free (label, FALSE);
}

/* Palette colours of the curves of a sweep over several axes: test's first, never the stuck
 * runs' purple. */
static const guint slice_colors[] = { COLOR_TEST, COLOR_TRAIN, 2, 4, 5, 6 };

/* Runs stuck near chance as their own markers (their test error at their x), when there are any:
 * big enough to see at a glance, and named in the legend. */
static void
add_stuck (OcPlotFigure *f, OcSweepPickMap *map, const Columns *stuck)
{
  OcPlotSeries *s;

  if (stuck->n == 0)
    return;
  s = add_series (f, map, _("stuck: train error near chance"), stuck, COLOR_STUCK,
                  OC_PLOT_AXIS_Y, FALSE, FALSE);
  oc_plot_series_set_style (s, OC_PLOT_STYLE_MARKERS);
  oc_plot_series_set_marker_scale (s, 1.9);
}

/* Index + 1 in @groups of each group key (a slice's groups map to the group of the same x). */
static GHashTable *
groups_by_key (const GArray *groups)
{
  GHashTable *by_key = g_hash_table_new (g_double_hash, g_double_equal);

  for (guint k = 0; k < groups->len; k++)
    g_hash_table_insert (by_key, &g_array_index (groups, OcSweepGroup, k).key,
                         GUINT_TO_POINTER (k + 1));
  return by_key;
}

/* The n·K line of each distinct n among @slices ("n·K (n = 1000)" when n varies), or the
 * sample-wise threshold once. */
static void
add_slice_thresholds (OcPlotFigure *f, const OcSweepResults *r, const GArray *slices,
                      OcSweepMode mode)
{
  OcSweepGrid *grid = oc_sweep_results_get_grid ((OcSweepResults *) r);
  g_autoptr (GArray) thresholds = g_array_new (FALSE, FALSE, sizeof (double));
  const OcGridPoint *p0 = &g_array_index (grid->points, OcGridPoint,
                                          g_array_index (slices, guint, 0));
  gboolean n_varies = FALSE;

  for (guint s = 1; s < slices->len; s++)
    n_varies |= g_array_index (grid->points, OcGridPoint,
                               g_array_index (slices, guint, s)).n_train != p0->n_train;
  for (guint s = 0; s < slices->len; s++)
    {
      const OcGridPoint *like = &g_array_index (grid->points, OcGridPoint,
                                                g_array_index (slices, guint, s));
      g_autoptr (GArray) sg = oc_sweep_results_groups_like (r, mode, like);
      double threshold = oc_sweep_groups_threshold_x (sg, mode, oc_sweep_results_get_outputs (r));
      g_autofree char *ref = NULL;
      gboolean seen = FALSE;

      for (guint t = 0; t < thresholds->len; t++)
        seen |= g_array_index (thresholds, double, t) == threshold;
      if (!isfinite (threshold) || seen)
        continue;
      g_array_append_val (thresholds, threshold);
      ref = mode != OC_SWEEP_MODE_MODEL ? g_strdup (_("n·K = parameters"))
            : n_varies ? g_strdup_printf ("n·K (n = %" G_GINT64_FORMAT ")", like->n_train)
                       : g_strdup ("n·K");
      oc_plot_figure_add_reference (f, OC_PLOT_AXIS_X, threshold, ref);
    }
}

/* The double-descent figure of a sweep over several axes (widths × n, say): one test-error
 * curve per slice (oc_sweep_grid_slices), with its train error dashed when there are at most
 * three, and the n·K line of each distinct n. Picking a point picks the group of the same x in
 * @groups (every slice's runs there). Averaging the slices into one curve would draw a curve
 * that no experiment has. */
static void
add_slices (OcPlotFigure *f, const OcSweepResults *r, const GArray *groups, const GArray *slices,
            OcSweepMode mode, OcSweepPickMap *map)
{
  OcSweepGrid *grid = oc_sweep_results_get_grid ((OcSweepResults *) r);
  g_autoptr (GHashTable) by_key = groups_by_key (groups);
  gboolean with_train = slices->len <= 3;
  Columns stuck;

  columns_init (&stuck, oc_sweep_grid_get_n_points (grid));
  for (guint s = 0; s < slices->len; s++)
    {
      const OcGridPoint *like = &g_array_index (grid->points, OcGridPoint,
                                                g_array_index (slices, guint, s));
      g_autoptr (GArray) sg = oc_sweep_results_groups_like (r, mode, like);
      g_autofree char *label = slice_label (grid, slices, s, mode);
      g_autofree char *test_name = NULL, *train_name = NULL;
      guint color = slice_colors[s % G_N_ELEMENTS (slice_colors)];
      Columns test, train;

      columns_init (&test, sg->len);
      columns_init (&train, sg->len);
      for (guint k = 0; k < sg->len; k++)
        {
          const OcSweepGroup *g = &g_array_index (sg, OcSweepGroup, k);
          guint in_groups = GPOINTER_TO_UINT (g_hash_table_lookup (by_key, &g->key));

          if (g->n == 0 || in_groups == 0)
            continue;
          columns_add (&test, g->x, g->test_error, g->test_lo, g->test_hi, in_groups - 1);
          columns_add (&train, g->x, g->train_error, g->train_lo, g->train_hi, in_groups - 1);
          for (guint m = 0; m < g->members->len; m++)
            {
              guint i = g_array_index (g->members, guint, m);

              if (oc_sweep_results_is_stuck (r, i))
                columns_add (&stuck, g->x, oc_sweep_results_get (r, i)->point->final.test_error,
                             NAN, NAN, in_groups - 1);
            }
        }
      /* Translators: a curve of a sweep over several axes: "test error · n = 1000". */
      test_name = g_strdup_printf (_("test error · %s"), label);
      add_series (f, map, test_name, &test, color, OC_PLOT_AXIS_Y, TRUE, TRUE);
      if (with_train)
        {
          OcPlotSeries *t;

          train_name = g_strdup_printf (_("train error · %s"), label);
          t = add_series (f, map, train_name, &train, color, OC_PLOT_AXIS_Y, FALSE, FALSE);
          oc_plot_series_set_style (t, OC_PLOT_STYLE_LINE | OC_PLOT_STYLE_DASHED);
        }
      columns_clear (&test);
      columns_clear (&train);
    }
  add_stuck (f, map, &stuck);
  columns_clear (&stuck);
  add_slice_thresholds (f, r, slices, mode);
}

OcPlotFigure *
oc_sweep_figure_new (const OcSweepResults *r, const GArray *groups, OcSweepMode mode,
                     const char *title, OcSweepPickMap *map)
{
  OcPlotFigure *f = oc_plot_figure_new (OC_PLOT_KIND_XY);
  OcSweepGrid *grid = oc_sweep_results_get_grid ((OcSweepResults *) r);
  gboolean markers = groups->len <= MAX_MARKED;
  Columns test, train, loss, stuck;

  map_init (map);
  oc_plot_figure_set_title (f, title);
  oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_X, oc_sweep_mode_axis_label (mode));
  oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_Y, _("error"));
  oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_Y2, _("test loss (dashed)"));
  oc_plot_figure_set_axis_range (f, OC_PLOT_AXIS_Y, 0, NAN);
  if (mode != OC_SWEEP_MODE_NOISE)
    fit_x_scale (f, r, mode);
  {
    g_autoptr (GArray) slices = oc_sweep_grid_slices (grid, mode);

    if (slices->len > 1)
      {
        add_slices (f, r, groups, slices, mode, map);
        return f;
      }
  }

  columns_init (&test, groups->len);
  columns_init (&train, groups->len);
  columns_init (&loss, groups->len);
  columns_init (&stuck, oc_sweep_grid_get_n_points (grid));
  for (guint k = 0; k < groups->len; k++)
    {
      const OcSweepGroup *g = &g_array_index (groups, OcSweepGroup, k);

      if (g->n == 0)
        continue;
      columns_add (&test, g->x, g->test_error, g->test_lo, g->test_hi, k);
      columns_add (&train, g->x, g->train_error, g->train_lo, g->train_hi, k);
      columns_add (&loss, g->x, g->test_loss, NAN, NAN, k);
      for (guint m = 0; m < g->members->len; m++)
        {
          guint i = g_array_index (g->members, guint, m);

          if (oc_sweep_results_is_stuck (r, i))
            columns_add (&stuck, g->x, oc_sweep_results_get (r, i)->point->final.test_error, NAN,
                         NAN, k);
        }
    }
  add_series (f, map, _("test error"), &test, COLOR_TEST, OC_PLOT_AXIS_Y, TRUE, markers);
  add_series (f, map, _("train error"), &train, COLOR_TRAIN, OC_PLOT_AXIS_Y, TRUE, markers);
  add_series (f, map, _("test loss"), &loss, COLOR_TEST, OC_PLOT_AXIS_Y2, FALSE, FALSE);
  add_stuck (f, map, &stuck);

  add_thresholds (f, r, groups, mode);
  columns_clear (&test);
  columns_clear (&train);
  columns_clear (&loss);
  columns_clear (&stuck);
  return f;
}

static guint
longest_curve (const OcSweepResults *r, const OcSweepGroup *g)
{
  guint len = 0;

  for (guint m = 0; m < g->members->len; m++)
    {
      const OcSweepEntry *e = oc_sweep_results_get (r, g_array_index (g->members, guint, m));

      if (e->point->status == OC_STATUS_FINISHED && e->point->evals != NULL)
        len = MAX (len, e->point->evals->len);
    }
  return len;
}

/* Mean, min and max of test error (or another column) over the members at evaluation @c. */
static void
member_stats (const OcSweepResults *r, const OcSweepGroup *g, guint c, gsize offset,
              double *mean, double *lo, double *hi, double *epoch)
{
  guint n = 0;

  *mean = 0;
  *lo = INFINITY;
  *hi = -INFINITY;
  *epoch = NAN;
  for (guint m = 0; m < g->members->len; m++)
    {
      const OcSweepEntry *e = oc_sweep_results_get (r, g_array_index (g->members, guint, m));
      const OcEvalPoint *p;
      double v;

      if (e->point->status != OC_STATUS_FINISHED || e->point->evals == NULL
          || c >= e->point->evals->len)
        continue;
      p = &g_array_index (e->point->evals, OcEvalPoint, c);
      v = G_STRUCT_MEMBER (double, p, offset);
      *epoch = p->epoch;
      *mean += v;
      *lo = MIN (*lo, v);
      *hi = MAX (*hi, v);
      n++;
    }
  if (n == 0)
    *mean = *lo = *hi = NAN;
  else
    *mean /= n;
}

static char *
key_label (double key, OcSweepMode mode)
{
  if (mode == OC_SWEEP_MODE_NOISE)
    return g_strdup_printf ("%g", key);
  return g_strdup_printf ("%.0f", key);
}

const char *
oc_sweep_epoch_axis_to_string (OcSweepEpochAxis axis)
{
  return axis == OC_SWEEP_EPOCH_AXIS_LOG ? "log"
         : axis == OC_SWEEP_EPOCH_AXIS_LINEAR ? "linear"
                                               : "auto";
}

gboolean
oc_sweep_epoch_axis_from_string (const char *text, OcSweepEpochAxis *axis)
{
  static const OcSweepEpochAxis all[] = { OC_SWEEP_EPOCH_AXIS_AUTO, OC_SWEEP_EPOCH_AXIS_LINEAR,
                                          OC_SWEEP_EPOCH_AXIS_LOG };

  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (all); i++)
    if (strcmp (text, oc_sweep_epoch_axis_to_string (all[i])) == 0)
      {
        *axis = all[i];
        return TRUE;
      }
  return FALSE;
}

/* The group with the most evaluations (its epochs name the columns), and how many it has. */
static const OcSweepGroup *
longest_group (const OcSweepResults *r, const GArray *groups, guint *n_cols, guint *n_rows)
{
  const OcSweepGroup *longest = NULL;

  *n_cols = *n_rows = 0;
  for (guint k = 0; k < groups->len; k++)
    {
      const OcSweepGroup *g = &g_array_index (groups, OcSweepGroup, k);
      guint len = longest_curve (r, g);

      if (len > *n_cols)
        {
          *n_cols = len;
          longest = g;
        }
      *n_rows += g->n > 0;
    }
  return longest;
}

/* The recorded epochs of @g's evaluations, @n of them. */
static double *
column_epochs (const OcSweepResults *r, const OcSweepGroup *g, guint n)
{
  double *epochs = g_new (double, n);

  for (guint c = 0; c < n; c++)
    {
      double mean, lo, hi;

      member_stats (r, g, c, G_STRUCT_OFFSET (OcEvalPoint, test_error), &mean, &lo, &hi,
                    &epochs[c]);
    }
  return epochs;
}

/* Log when asked, or (AUTO) when the positive recorded epochs span more than a decade. */
static gboolean
wants_log (const double *epochs, guint n, OcSweepEpochAxis axis)
{
  double lo = INFINITY, hi = 0;
  guint positive = 0;

  for (guint c = 0; c < n; c++)
    if (epochs[c] > 0 && isfinite (epochs[c]))
      {
        lo = MIN (lo, epochs[c]);
        hi = MAX (hi, epochs[c]);
        positive++;
      }
  /* Columns must increase to sit on a log axis, and three are needed for a heatmap. */
  for (guint c = 1; c < n; c++)
    if (epochs[c - 1] > 0 && !(epochs[c] > epochs[c - 1]))
      return FALSE;
  if (positive < 3 || axis == OC_SWEEP_EPOCH_AXIS_LINEAR)
    return FALSE;
  return axis == OC_SWEEP_EPOCH_AXIS_LOG || hi > 10 * lo;
}

gboolean
oc_sweep_heatmap_is_log (const OcSweepResults *r, const GArray *groups, OcSweepEpochAxis axis)
{
  guint n_cols, n_rows;
  const OcSweepGroup *longest = longest_group (r, groups, &n_cols, &n_rows);
  g_autofree double *epochs = NULL;

  if (n_cols < 3 || n_rows == 0)
    return FALSE;
  epochs = column_epochs (r, longest, n_cols);
  return wants_log (epochs, n_cols, axis);
}

OcPlotFigure *
oc_sweep_heatmap_new (const OcSweepResults *r, const GArray *groups, OcSweepMode mode,
                      OcSweepEpochAxis axis)
{
  g_autoptr (OcPlotFigure) f = NULL;
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) cols = g_ptr_array_new_with_free_func (g_free);
  g_autofree float *m = NULL;
  g_autofree double *epochs = NULL;
  g_autofree double *edges = NULL;
  g_autoptr (GPtrArray) row_groups = g_ptr_array_new ();
  g_autoptr (GPtrArray) slice_groups = g_ptr_array_new_with_free_func (
    (GDestroyNotify) g_array_unref);
  g_autoptr (GArray) slices = NULL;
  OcSweepGrid *grid;
  guint n_cols, n_rows, first = 0, shown;
  const OcSweepGroup *longest = longest_group (r, groups, &n_cols, &n_rows);
  gboolean logx;

  if (n_cols < 3 || n_rows == 0)
    return NULL;
  epochs = column_epochs (r, longest, n_cols);
  logx = wants_log (epochs, n_cols, axis);
  /* Epoch 0 (the evaluation before training) has no place on a log axis. */
  while (logx && first < n_cols && !(epochs[first] > 0))
    first++;
  shown = n_cols - first;
  for (guint c = first; c < n_cols; c++)
    g_ptr_array_add (cols, g_strdup_printf ("%g", round (epochs[c] * 10) / 10));
  /* The rows: every group, or in a sweep over several axes (widths × n) every group of every
   * slice ("8 · n = 1000"), a slice's block after the other: a mean over runs of different n
   * would be no experiment's. Largest value on top within a block, as the y axis of a line plot
   * would put it. */
  grid = oc_sweep_results_get_grid ((OcSweepResults *) r);
  slices = oc_sweep_grid_slices (grid, mode);
  for (guint s = 0; slices->len > 1 && s < slices->len; s++)
    {
      const OcGridPoint *like = &g_array_index (grid->points, OcGridPoint,
                                                g_array_index (slices, guint, s));
      GArray *sg = oc_sweep_results_groups_like (r, mode, like);
      g_autofree char *label = slice_label (grid, slices, s, mode);

      g_ptr_array_add (slice_groups, sg);
      for (guint k = sg->len; k-- > 0;)
        if (g_array_index (sg, OcSweepGroup, k).n > 0)
          {
            g_autofree char *key = key_label (g_array_index (sg, OcSweepGroup, k).key, mode);

            g_ptr_array_add (row_groups, &g_array_index (sg, OcSweepGroup, k));
            g_ptr_array_add (rows, g_strdup_printf ("%s · %s", key, label));
          }
    }
  for (guint k = groups->len; slices->len <= 1 && k-- > 0;)
    if (g_array_index (groups, OcSweepGroup, k).n > 0)
      {
        g_ptr_array_add (row_groups, (gpointer) &g_array_index (groups, OcSweepGroup, k));
        g_ptr_array_add (rows, key_label (g_array_index (groups, OcSweepGroup, k).key, mode));
      }
  n_rows = rows->len;
  if (n_rows == 0)
    return NULL;
  m = g_new (float, (gsize) n_rows * shown);
  for (guint row = 0; row < n_rows; row++)
    for (guint c = first; c < n_cols; c++)
      {
        double mean, lo, hi, epoch;

        member_stats (r, g_ptr_array_index (row_groups, row), c,
                      G_STRUCT_OFFSET (OcEvalPoint, test_error), &mean, &lo, &hi, &epoch);
        m[(gsize) row * shown + (c - first)] = (float) mean;
      }
  f = oc_plot_figure_new (OC_PLOT_KIND_HEATMAP);
  oc_plot_figure_set_title (f, mode == OC_SWEEP_MODE_MODEL
                                 ? _("Test error by width and epoch")
                                 : mode == OC_SWEEP_MODE_SAMPLE
                                     ? _("Test error by training-set size and epoch")
                                     : _("Test error by label noise and epoch"));
  oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_X, _("epoch"));
  oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_Y, mode == OC_SWEEP_MODE_MODEL
                                                      ? _("hidden width")
                                                      : oc_sweep_mode_axis_label (mode));
  oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_COLOR, _("test error"));
  oc_plot_figure_set_colormap (f, OC_PLOT_COLORMAP_SEQUENTIAL);
  if (!oc_plot_figure_set_matrix (f, m, n_rows, shown, NULL))
    return NULL;
  oc_plot_figure_set_axis_categories (f, OC_PLOT_AXIS_X, (const char *const *) cols->pdata,
                                      shown);
  oc_plot_figure_set_axis_categories (f, OC_PLOT_AXIS_Y, (const char *const *) rows->pdata,
                                      n_rows);
  if (logx)
    {
      const double *e = epochs + first;

      /* Each column from half-way (in log) to its neighbours, the ends mirrored. */
      edges = g_new (double, shown + 1);
      for (guint c = 1; c < shown; c++)
        edges[c] = sqrt (e[c - 1] * e[c]);
      edges[0] = e[0] * e[0] / edges[1];
      edges[shown] = e[shown - 1] * e[shown - 1] / edges[shown - 1];
      oc_plot_figure_set_axis_scale (f, OC_PLOT_AXIS_X, OC_PLOT_SCALE_LOG);
      if (!oc_plot_figure_set_column_edges (f, edges, shown + 1, NULL))
        return NULL;
    }
  return g_steal_pointer (&f);
}

static OcPlotFigure *curves_figure (const OcSweepResults *r, const OcSweepGroup *g,
                                    const char *title, OcSweepMode mode);

OcPlotFigure *
oc_sweep_curves_new (const OcSweepResults *r, const OcSweepGroup *g, OcSweepMode mode)
{
  g_autofree char *name = oc_sweep_group_name (mode, g, TRUE);
  g_autofree char *title = g_strdup_printf (_("Learning curve · %s"), name);

  return curves_figure (r, g, title, mode);
}

OcPlotFigure *
oc_sweep_point_curves_new (const OcSweepResults *r, const OcSweepGroup *g, guint index,
                           OcSweepMode mode)
{
  g_autoptr (GArray) members = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree char *name = oc_sweep_group_name (mode, g, TRUE);
  g_autofree char *title = NULL;
  OcSweepGroup one = *g;

  g_return_val_if_fail (oc_sweep_results_get (r, index) != NULL, NULL);

  /* The same figure as the group's, over this one member. */
  g_array_append_val (members, index);
  one.members = members;
  title = g_strdup_printf ("Learning curve · %s · seed %" G_GUINT64_FORMAT "%s", name,
                           oc_sweep_results_get_seed (r, index),
                           oc_sweep_results_is_stuck (r, index) ? _(" · stuck near chance") : "");
  return curves_figure (r, &one, title, mode);
}

/* The members of @g by slice of the sweep (oc_sweep_grid_slices): the grid index of each slice's
 * first member into @firsts, the members of slice s into subs[s]. */
static void
split_by_slice (const OcSweepResults *r, const OcSweepGroup *g, OcSweepMode mode, GArray *firsts,
                GPtrArray *subs)
{
  OcSweepGrid *grid = oc_sweep_results_get_grid ((OcSweepResults *) r);

  for (guint m = 0; m < g->members->len; m++)
    {
      guint i = g_array_index (g->members, guint, m), s = 0;
      const OcGridPoint *p = &g_array_index (grid->points, OcGridPoint, i);

      while (s < firsts->len
             && !oc_sweep_grid_same_slice (p, &g_array_index (grid->points, OcGridPoint,
                                                              g_array_index (firsts, guint, s)),
                                           mode))
        s++;
      if (s == firsts->len)
        {
          g_array_append_val (firsts, i);
          g_ptr_array_add (subs, g_array_new (FALSE, FALSE, sizeof (guint)));
        }
      g_array_append_val (g_ptr_array_index (subs, s), i);
    }
}

double
oc_sweep_group_mark_y (const OcSweepResults *r, const OcSweepGroup *g, OcSweepMode mode)
{
  g_autoptr (GArray) firsts = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr (GPtrArray) subs = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  double top = NAN;

  g_return_val_if_fail (r != NULL && g != NULL, NAN);

  split_by_slice (r, g, mode, firsts, subs);
  if (firsts->len <= 1)
    return g->test_error;
  for (guint s = 0; s < subs->len; s++)
    {
      GArray *members = g_ptr_array_index (subs, s);
      double sum = 0;
      guint n = 0;

      for (guint m = 0; m < members->len; m++)
        {
          const OcSweepEntry *e = oc_sweep_results_get (r, g_array_index (members, guint, m));

          if (e->point->status == OC_STATUS_FINISHED)
            {
              sum += e->point->final.test_error;
              n++;
            }
        }
      if (n > 0 && !(sum / n <= top))
        top = sum / n;
    }
  return isnan (top) ? g->test_error : top;
}

/* Mean and min–max over @g's members of one column at every evaluation, as a series. */
static OcPlotSeries *
add_curve (OcPlotFigure *f, const OcSweepResults *r, const OcSweepGroup *g, guint len,
           gsize offset, const char *name, guint color, OcPlotAxisId axis, gboolean band)
{
  OcPlotSeries *s;
  Columns c;

  columns_init (&c, len);
  for (guint e = 0; e < len; e++)
    {
      double mean, lo, hi, epoch;

      member_stats (r, g, e, offset, &mean, &lo, &hi, &epoch);
      columns_add (&c, epoch, mean, lo, hi, 0);
    }
  s = add_series (f, NULL, name, &c, color, axis, band, len <= 30);
  columns_clear (&c);
  return s;
}

/* The learning curves of @g's members: test and train error (mean, min–max bands) and test loss
 * dashed on the right axis. When its members come from several slices of a sweep over several
 * axes (width 8 at n = 200 and at n = 1000), each slice gets its own test-error curve, named by
 * what sets it apart, its train error dashed when there are at most three, and no test loss:
 * one mean over the slices would be a curve that no experiment has. */
static OcPlotFigure *
curves_figure (const OcSweepResults *r, const OcSweepGroup *g, const char *title,
               OcSweepMode mode)
{
  static const struct
  {
    const char  *name;
    gsize        offset;
    guint        color;
    OcPlotAxisId axis;
  } metrics[] = {
    { N_("test error"), G_STRUCT_OFFSET (OcEvalPoint, test_error), COLOR_TEST, OC_PLOT_AXIS_Y },
    { N_("train error"), G_STRUCT_OFFSET (OcEvalPoint, train_error), COLOR_TRAIN, OC_PLOT_AXIS_Y },
    { N_("test loss"), G_STRUCT_OFFSET (OcEvalPoint, test_loss), COLOR_TEST, OC_PLOT_AXIS_Y2 },
  };
  guint len = longest_curve (r, g);
  g_autoptr (GArray) firsts = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr (GPtrArray) subs = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  OcPlotFigure *f;

  if (len == 0)
    return NULL;
  f = oc_plot_figure_new (OC_PLOT_KIND_XY);
  oc_plot_figure_set_title (f, title);
  oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_X, _("epoch"));
  oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_Y, _("error"));
  oc_plot_figure_set_axis_range (f, OC_PLOT_AXIS_Y, 0, NAN);
  split_by_slice (r, g, mode, firsts, subs);
  if (firsts->len > 1)
    {
      OcSweepGrid *grid = oc_sweep_results_get_grid ((OcSweepResults *) r);

      for (guint s = 0; s < firsts->len; s++)
        {
          OcSweepGroup part = *g;
          g_autofree char *label = slice_label (grid, firsts, s, mode);
          g_autofree char *test_name = g_strdup_printf (_("test error · %s"), label);
          guint color = slice_colors[s % G_N_ELEMENTS (slice_colors)];

          part.members = g_ptr_array_index (subs, s);
          add_curve (f, r, &part, len, metrics[0].offset, test_name, color, OC_PLOT_AXIS_Y,
                     TRUE);
          if (firsts->len <= 3)
            {
              g_autofree char *train_name = g_strdup_printf (_("train error · %s"), label);
              OcPlotSeries *t = add_curve (f, r, &part, len, metrics[1].offset, train_name, color,
                                           OC_PLOT_AXIS_Y, FALSE);

              oc_plot_series_set_style (t, OC_PLOT_STYLE_LINE | OC_PLOT_STYLE_DASHED);
            }
        }
      return f;
    }
  oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_Y2, _("test loss (dashed)"));
  for (guint k = 0; k < G_N_ELEMENTS (metrics); k++)
    add_curve (f, r, g, len, metrics[k].offset, _(metrics[k].name), metrics[k].color,
               metrics[k].axis, metrics[k].axis == OC_PLOT_AXIS_Y);
  return f;
}

static void
add_n_reference (OcPlotFigure *f, const OcSweepResults *r)
{
  guint n = oc_sweep_results_get_n_train (r);

  if (n > 0)
    oc_plot_figure_add_reference (f, OC_PLOT_AXIS_X, n, "N = n");
}

OcPlotFigure *
oc_rff_figure_new (const OcSweepResults *r, const GArray *groups, const char *title,
                   OcSweepPickMap *map)
{
  OcPlotFigure *f = oc_plot_figure_new (OC_PLOT_KIND_XY);
  gboolean markers = groups->len <= MAX_MARKED;
  Columns test, train, loss;

  map_init (map);
  oc_plot_figure_set_title (f, title);
  oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_X, oc_sweep_mode_axis_label (OC_SWEEP_MODE_RFF));
  oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_Y, _("zero-one error"));
  oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_Y2, _("test squared loss (dashed)"));
  oc_plot_figure_set_axis_range (f, OC_PLOT_AXIS_Y, 0, NAN);
  oc_plot_figure_set_axis_scale (f, OC_PLOT_AXIS_Y2, OC_PLOT_SCALE_LOG);
  fit_x_scale (f, r, OC_SWEEP_MODE_RFF);
  columns_init (&test, groups->len);
  columns_init (&train, groups->len);
  columns_init (&loss, groups->len);
  for (guint k = 0; k < groups->len; k++)
    {
      const OcSweepGroup *g = &g_array_index (groups, OcSweepGroup, k);

      if (g->n == 0)
        continue;
      columns_add (&test, g->x, g->test_error, g->test_lo, g->test_hi, k);
      columns_add (&train, g->x, g->train_error, g->train_lo, g->train_hi, k);
      columns_add (&loss, g->x, g->test_loss, NAN, NAN, k);
    }
  add_series (f, map, _("test error"), &test, COLOR_TEST, OC_PLOT_AXIS_Y, TRUE, markers);
  add_series (f, map, _("train error"), &train, COLOR_TRAIN, OC_PLOT_AXIS_Y, TRUE, markers);
  add_series (f, map, _("test squared loss"), &loss, COLOR_TEST, OC_PLOT_AXIS_Y2, FALSE, FALSE);
  add_n_reference (f, r);
  columns_clear (&test);
  columns_clear (&train);
  columns_clear (&loss);
  return f;
}

OcPlotFigure *
oc_rff_norm_figure_new (const OcSweepResults *r, const GArray *groups)
{
  OcPlotFigure *f = oc_plot_figure_new (OC_PLOT_KIND_XY);
  Columns norm, cond;

  oc_plot_figure_set_title (f, _("Coefficient norm and conditioning"));
  oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_X, oc_sweep_mode_axis_label (OC_SWEEP_MODE_RFF));
  oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_Y, _("‖coef‖"));
  oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_Y2, _("κ(Φ) (dashed)"));
  oc_plot_figure_set_axis_scale (f, OC_PLOT_AXIS_Y, OC_PLOT_SCALE_LOG);
  oc_plot_figure_set_axis_scale (f, OC_PLOT_AXIS_Y2, OC_PLOT_SCALE_LOG);
  fit_x_scale (f, r, OC_SWEEP_MODE_RFF);
  columns_init (&norm, groups->len);
  columns_init (&cond, groups->len);
  for (guint k = 0; k < groups->len; k++)
    {
      const OcSweepGroup *g = &g_array_index (groups, OcSweepGroup, k);

      if (g->n == 0)
        continue;
      columns_add (&norm, g->x, g->coef_norm, NAN, NAN, k);
      columns_add (&cond, g->x, g->condition, NAN, NAN, k);
    }
  add_series (f, NULL, _("‖coef‖"), &norm, 4, OC_PLOT_AXIS_Y, FALSE, groups->len <= MAX_MARKED);
  add_series (f, NULL, "κ(Φ)", &cond, 2, OC_PLOT_AXIS_Y2, FALSE, FALSE);
  add_n_reference (f, r);
  columns_clear (&norm);
  columns_clear (&cond);
  return f;
}

OcPlotFigure *
oc_sweep_main_figure_new (const OcSweepResults *results, const GArray *groups, OcSweepMode mode,
                          OcSweepPickMap *map)
{
  g_autofree char *title = oc_sweep_figure_title (results, mode);

  if (mode == OC_SWEEP_MODE_RFF)
    return oc_rff_figure_new (results, groups, title, map);
  return oc_sweep_figure_new (results, groups, mode, title, map);
}

/* ", n = 4000, 20 % label noise": what a sweep's figures hold fixed besides the dataset (a
 * sweep over widths × n holds no n fixed: its curves name theirs). */
static void
append_context (GString *s, const OcSweepResults *results, OcSweepMode mode)
{
  OcSweepGrid *g = oc_sweep_results_get_grid ((OcSweepResults *) results);
  const OcDataOptions *d = oc_spec_get_values (g->spec); /* every kind starts with its data */
  const OcGridPoint *p = &g_array_index (g->points, OcGridPoint, 0);
  guint n = oc_sweep_results_get_n_train (results);
  gboolean n_varies = FALSE, noise_varies = FALSE;

  for (guint i = 1; i < g->points->len; i++)
    {
      const OcGridPoint *q = &g_array_index (g->points, OcGridPoint, i);

      n_varies |= q->n_train != p->n_train;
      noise_varies |= q->label_noise != p->label_noise;
    }
  if (n == 0 && d->n_train > 0)
    n = (guint) d->n_train;
  if (n > 0 && mode != OC_SWEEP_MODE_SAMPLE && !n_varies)
    g_string_append_printf (s, ", n = %u", n);
  if (p->label_noise > 0 && mode != OC_SWEEP_MODE_NOISE && !noise_varies)
    g_string_append_printf (s, _(", %g %% label noise"), 100 * p->label_noise);
}

/* "Every seed · Fashion-MNIST, n = 1000": @what, the dataset and what the sweep holds fixed. */
static char *
context_title (const OcSweepResults *results, OcSweepMode mode, const char *what)
{
  OcSweepGrid *g = oc_sweep_results_get_grid ((OcSweepResults *) results);
  const OcDataOptions *d = oc_spec_get_values (g->spec);
  g_autofree char *name = oc_dataset_display_name (d->name);
  GString *s = g_string_new (NULL);

  g_string_append_printf (s, "%s · %s", what, name);
  append_context (s, results, mode);
  return g_string_free (s, FALSE);
}

char *
oc_sweep_figure_title (const OcSweepResults *results, OcSweepMode mode)
{
  OcSweepGrid *g = oc_sweep_results_get_grid ((OcSweepResults *) results);
  const OcDataOptions *d = oc_spec_get_values (g->spec); /* every kind starts with its data */
  const OcGridPoint *p = &g_array_index (g->points, OcGridPoint, 0);
  g_autofree char *name = oc_dataset_display_name (d->name);
  g_autoptr (GString) s = g_string_new (NULL);

  switch (mode)
    {
    case OC_SWEEP_MODE_SAMPLE:
      g_string_append_printf (s, _("Sample-wise double descent · %s, width %u"), name, p->width);
      break;
    case OC_SWEEP_MODE_NOISE:
      g_string_append_printf (s, _("Test error against label noise · %s, width %u"), name, p->width);
      break;
    case OC_SWEEP_MODE_RFF:
      {
        const OcRffSpec *v = oc_spec_get_values (g->spec);

        g_string_append_printf (s, _("Random %s features · %s"),
                                v->feature_kind == 0 ? "Fourier" : "ReLU", name);
        if (v->feature_kind == 0)
          g_string_append_printf (s, ", σ = %g", v->sigma);
      }
      break;
    case OC_SWEEP_MODE_MODEL:
    default:
      g_string_append_printf (s, _("Model-wise double descent · %s"), name);
      break;
    }
  append_context (s, results, mode);
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* 101770 → "101,770". */
static char *
format_count (double v)
{
  g_autofree char *digits = g_strdup_printf ("%.0f", v);
  GString *s = g_string_new (NULL);
  gsize len = strlen (digits);

  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append_c (s, ',');
      g_string_append_c (s, digits[i]);
    }
  return g_string_free (s, FALSE);
}

char *
oc_sweep_group_name (OcSweepMode mode, const OcSweepGroup *g, gboolean full)
{
  g_autofree char *key = format_count (g->key);
  g_autofree char *x = format_count (g->x);

  switch (mode)
    {
    case OC_SWEEP_MODE_SAMPLE:
      return g_strdup_printf ("n = %s", key);
    case OC_SWEEP_MODE_NOISE:
      return g_strdup_printf (_("%g %% label noise"), 100 * g->key);
    case OC_SWEEP_MODE_RFF:
      return g_strdup_printf ("N = %s", key);
    case OC_SWEEP_MODE_MODEL:
    default:
      return full ? g_strdup_printf (_("Width %s · %s parameters"), key, x)
                  : g_strdup_printf (_("width %s"), key);
    }
}

/* ---- Every seed of each group: the distribution over initialisations ---- */

/* In units of one group's column (groups sit at k + 0.5): train dots left of the centre, test
 * dots right, each column's dots spread sideways by up to ±SEED_JITTER, its box ±SEED_BOX wide. */
#define SEED_DODGE  0.2
#define SEED_JITTER 0.11
#define SEED_BOX    0.15
/* More groups than this and each stuck share is written as a bare fraction. */
#define SEED_WORDY  8

static int
cmp_double (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* The @q-quantile of @n sorted values, interpolated between neighbours (R's type 7). */
static double
quantile (const double *sorted, guint n, double q)
{
  double h = (n - 1) * q;
  guint lo = (guint) floor (h);

  if (lo + 1 >= n)
    return sorted[n - 1];
  return sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]);
}

/* The sideways place of a column's @m-th dot in [−1, 1]: the golden-ratio sequence, which fills
 * a column evenly for any number of seeds, without a visible pattern and the same every time. */
static double
jitter (guint m)
{
  return 2 * fmod ((m + 1) * 0.6180339887498949, 1.0) - 1;
}

typedef struct
{
  Columns dots;   /* one per run; its groups are the runs' groups */
  GArray *points; /* guint: each dot's run */
} Dots;

static void
dots_init (Dots *d, gsize n)
{
  columns_init (&d->dots, n);
  d->points = g_array_new (FALSE, FALSE, sizeof (guint));
}

static void
dots_clear (Dots *d)
{
  columns_clear (&d->dots);
  g_array_unref (d->points);
}

static void
dots_add (Dots *d, double x, double y, guint group, guint point)
{
  columns_add (&d->dots, x, y, NAN, NAN, group);
  g_array_append_val (d->points, point);
}

static OcPlotSeries *
add_dots (OcPlotFigure *f, OcSweepPickMap *map, const char *name, const Dots *d, guint color,
          OcPlotMarker marker, double scale)
{
  OcPlotSeries *s = oc_plot_figure_add_series (f, name, d->dots.x, d->dots.y, d->dots.n);

  oc_plot_series_set_color (s, color);
  oc_plot_series_set_style (s, OC_PLOT_STYLE_MARKERS);
  oc_plot_series_set_marker (s, marker);
  oc_plot_series_set_marker_scale (s, scale);
  map_add_points (map, d->dots.groups, d->points);
  return s;
}

/* A box from the lower to the upper quartile of @values with a line at the median, across
 * [@x0, @x1]: a band and a line of two points, then a break before the next box. */
static void
box_add (Columns *boxes, double *values, guint n, double x0, double x1)
{
  double q1, median, q3;

  if (n == 0)
    return;
  qsort (values, n, sizeof (double), cmp_double);
  q1 = quantile (values, n, 0.25);
  median = quantile (values, n, 0.5);
  q3 = quantile (values, n, 0.75);
  columns_add (boxes, x0, median, q1, q3, 0);
  columns_add (boxes, x1, median, q1, q3, 0);
  columns_add (boxes, NAN, NAN, NAN, NAN, 0);
}

static void
add_boxes (OcPlotFigure *f, OcSweepPickMap *map, const Columns *boxes, guint color)
{
  OcPlotSeries *s = oc_plot_figure_add_series (f, NULL, boxes->x, boxes->y, boxes->n);

  oc_plot_series_set_color (s, color);
  oc_plot_series_set_band (s, boxes->lo, boxes->hi);
  map_add (map, NULL);
}

/* The columns of the seed figure under construction. */
typedef struct
{
  const OcSweepResults *r;
  OcPlotFigure         *f;
  Columns               train_boxes, test_boxes;
  Dots                  train, test, stuck;
  double               *train_values, *test_values;
  guint                 n_cols, col;
} SeedColumns;

/* One column: @members' final train and test errors as dots over quartile boxes, the stuck share
 * above; picking a dot picks group @k and its run. */
static void
seed_column (SeedColumns *sc, const GArray *members, guint k, guint n_stuck, guint n_runs)
{
  double centre = sc->col + 0.5;
  g_autofree char *share = NULL;
  guint n = 0;

  for (guint m = 0; m < members->len; m++)
    {
      guint i = g_array_index (members, guint, m);
      const OcStorePoint *p = oc_sweep_results_get (sc->r, i)->point;
      double dx = jitter (m) * SEED_JITTER;

      if (p->status != OC_STATUS_FINISHED)
        continue;
      sc->train_values[n] = p->final.train_error;
      sc->test_values[n] = p->final.test_error;
      n++;
      dots_add (oc_sweep_results_is_stuck (sc->r, i) ? &sc->stuck : &sc->train,
                centre - SEED_DODGE + dx, p->final.train_error, k, i);
      dots_add (&sc->test, centre + SEED_DODGE + dx, p->final.test_error, k, i);
    }
  box_add (&sc->train_boxes, sc->train_values, n, centre - SEED_DODGE - SEED_BOX,
           centre - SEED_DODGE + SEED_BOX);
  box_add (&sc->test_boxes, sc->test_values, n, centre + SEED_DODGE - SEED_BOX,
           centre + SEED_DODGE + SEED_BOX);
  share = g_strdup_printf (sc->n_cols <= SEED_WORDY ? _("%u/%u stuck") : "%u/%u", n_stuck, n_runs);
  oc_plot_figure_add_label (sc->f, centre, NAN, share);
  sc->col++;
}

OcPlotFigure *
oc_sweep_seeds_figure_new (const OcSweepResults *r, const GArray *groups, OcSweepMode mode,
                           OcSweepPickMap *map)
{
  OcSweepGrid *grid = oc_sweep_results_get_grid ((OcSweepResults *) r);
  guint n_points = oc_sweep_grid_get_n_points (grid);
  guint outputs = oc_sweep_results_get_outputs (r);
  double threshold = oc_sweep_stuck_threshold (outputs);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) slice_groups = g_ptr_array_new_with_free_func (
    (GDestroyNotify) g_array_unref);
  g_autoptr (GArray) slices = NULL;
  g_autoptr (GHashTable) by_key = g_hash_table_new (g_double_hash, g_double_equal);
  g_autofree char *title = NULL, *stuck_name = NULL;
  SeedColumns sc = { r, NULL };
  OcPlotFigure *f;

  map_init (map);
  if (mode == OC_SWEEP_MODE_RFF)
    return NULL;
  /* A sweep over several axes (widths × n) gets a block of columns per slice, named over it and
   * set apart by a line: one box over runs of different n would describe no experiment. */
  slices = oc_sweep_grid_slices (grid, mode);
  for (guint k = 0; k < groups->len; k++)
    g_hash_table_insert (by_key, &g_array_index (groups, OcSweepGroup, k).key,
                         GUINT_TO_POINTER (k + 1));
  for (guint s = 0; slices->len > 1 && s < slices->len; s++)
    {
      const OcGridPoint *like = &g_array_index (grid->points, OcGridPoint,
                                                g_array_index (slices, guint, s));
      GArray *sg = oc_sweep_results_groups_like (r, mode, like);

      g_ptr_array_add (slice_groups, sg);
      for (guint k = 0; k < sg->len; k++)
        sc.n_cols += g_array_index (sg, OcSweepGroup, k).n > 0;
    }
  for (guint k = 0; slices->len <= 1 && k < groups->len; k++)
    sc.n_cols += g_array_index (groups, OcSweepGroup, k).n > 0;
  if (sc.n_cols == 0)
    return NULL;

  f = sc.f = oc_plot_figure_new (OC_PLOT_KIND_XY);
  title = context_title (r, mode, _("Every seed's final error"));
  oc_plot_figure_set_title (f, title);
  oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_X, mode == OC_SWEEP_MODE_MODEL
                                                      ? _("hidden width")
                                                      : oc_sweep_mode_axis_label (mode));
  oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_Y, _("final error (boxes: quartiles, median)"));
  oc_plot_figure_set_axis_range (f, OC_PLOT_AXIS_X, 0, sc.n_cols);
  /* Errors lie in [0, 1]; the room above 1 holds the stuck shares. */
  oc_plot_figure_set_axis_range (f, OC_PLOT_AXIS_Y, 0, 1.1);

  columns_init (&sc.train_boxes, 3 * sc.n_cols);
  columns_init (&sc.test_boxes, 3 * sc.n_cols);
  dots_init (&sc.train, n_points);
  dots_init (&sc.test, n_points);
  dots_init (&sc.stuck, n_points);
  sc.train_values = g_new (double, MAX (n_points, 1));
  sc.test_values = g_new (double, MAX (n_points, 1));
  for (guint s = 0; s < slice_groups->len; s++)
    {
      GArray *sg = g_ptr_array_index (slice_groups, s);
      g_autofree char *label = slice_label (grid, slices, s, mode);
      guint start = sc.col;

      if (s > 0)
        oc_plot_figure_add_reference (f, OC_PLOT_AXIS_X, sc.col, NULL);
      for (guint k = 0; k < sg->len; k++)
        {
          const OcSweepGroup *g = &g_array_index (sg, OcSweepGroup, k);
          guint in_groups = GPOINTER_TO_UINT (g_hash_table_lookup (by_key, &g->key));

          if (g->n == 0 || in_groups == 0)
            continue;
          g_ptr_array_add (names, key_label (g->key, mode));
          seed_column (&sc, g->members, in_groups - 1, g->n_stuck, g->n);
        }
      /* The slice's name over its block, between the errors and the stuck shares. */
      if (sc.col > start)
        oc_plot_figure_add_label (f, 0.5 * (start + sc.col), 1.0, label);
    }
  for (guint k = 0; slices->len <= 1 && k < groups->len; k++)
    {
      const OcSweepGroup *g = &g_array_index (groups, OcSweepGroup, k);

      if (g->n == 0)
        continue;
      g_ptr_array_add (names, key_label (g->key, mode));
      seed_column (&sc, g->members, k, g->n_stuck, g->n);
    }
  oc_plot_figure_set_axis_categories (f, OC_PLOT_AXIS_X, (const char *const *) names->pdata,
                                      names->len);

  /* Boxes first, under the dots; then each seed. */
  add_boxes (f, map, &sc.train_boxes, COLOR_TRAIN);
  add_boxes (f, map, &sc.test_boxes, COLOR_TEST);
  /* Many seeds share a column: dots a little smaller than the curves' markers overlap less; the
   * few stuck runs stand out larger. */
  add_dots (f, map, _("train error, one dot per seed"), &sc.train, COLOR_TRAIN,
            OC_PLOT_MARKER_CIRCLE, 0.8);
  add_dots (f, map, _("test error"), &sc.test, COLOR_TEST, OC_PLOT_MARKER_SQUARE, 0.8);
  if (isfinite (threshold))
    {
      stuck_name = g_strdup_printf (_("stuck: train error ≥ %.2f, near chance"), threshold);
      add_dots (f, map, stuck_name, &sc.stuck, COLOR_STUCK, OC_PLOT_MARKER_DIAMOND, 1.5);
      oc_plot_figure_add_reference (f, OC_PLOT_AXIS_Y, 1.0 - 1.0 / outputs, _("chance"));
    }
  columns_clear (&sc.train_boxes);
  columns_clear (&sc.test_boxes);
  dots_clear (&sc.train);
  dots_clear (&sc.test);
  dots_clear (&sc.stuck);
  g_free (sc.train_values);
  g_free (sc.test_values);
  return f;
}

/* ---- Norms of the solutions against the swept size ---- */

/* The norms figure of a sweep over several axes: per slice, each norm (mean over seeds) in the
 * slice's colour with the norm's own marker, and the slice's test error dashed on the right
 * axis. FALSE when no finished point recorded a norm. */
static gboolean
add_slice_norms (OcPlotFigure *f, const OcSweepResults *r, const GArray *groups,
                 const GArray *slices, OcSweepMode mode, OcSweepPickMap *map)
{
  static const struct
  {
    const char  *name;
    gsize        offset;
    OcPlotMarker marker;
  } measures[] = {
    { "‖θ‖₂", G_STRUCT_OFFSET (OcSolutionNorms, theta_norm), OC_PLOT_MARKER_CIRCLE },
    { "‖θ − θ₀‖₂", G_STRUCT_OFFSET (OcSolutionNorms, distance), OC_PLOT_MARKER_SQUARE },
    { N_("path norm"), G_STRUCT_OFFSET (OcSolutionNorms, path_norm), OC_PLOT_MARKER_TRIANGLE },
  };
  OcSweepGrid *grid = oc_sweep_results_get_grid ((OcSweepResults *) r);
  g_autoptr (GHashTable) by_key = groups_by_key (groups);
  gboolean any = FALSE;

  for (guint s = 0; s < slices->len; s++)
    {
      const OcGridPoint *like = &g_array_index (grid->points, OcGridPoint,
                                                g_array_index (slices, guint, s));
      g_autoptr (GArray) sg = oc_sweep_results_groups_like (r, mode, like);
      g_autofree char *label = slice_label (grid, slices, s, mode);
      g_autofree char *test_name = g_strdup_printf (_("test error · %s"), label);
      guint color = slice_colors[s % G_N_ELEMENTS (slice_colors)];
      Columns test;

      for (guint i = 0; i < G_N_ELEMENTS (measures); i++)
        {
          /* "‖θ‖₂ · n = 1000" */
          g_autofree char *name = g_strdup_printf ("%s · %s", _(measures[i].name), label);
          Columns c;

          columns_init (&c, sg->len);
          for (guint k = 0; k < sg->len; k++)
            {
              const OcSweepGroup *g = &g_array_index (sg, OcSweepGroup, k);
              guint in_groups = GPOINTER_TO_UINT (g_hash_table_lookup (by_key, &g->key));
              double mean, lo, hi;

              if (in_groups > 0 && oc_sweep_group_norm (r, g, measures[i].offset, &mean, &lo,
                                                        &hi) > 0)
                columns_add (&c, g->x, mean, lo, hi, in_groups - 1);
            }
          /* A tanh network has no path norm: no empty entry in the legend. */
          if (c.n > 0)
            {
              OcPlotSeries *series = add_series (f, map, name, &c, color, OC_PLOT_AXIS_Y, FALSE,
                                                 TRUE);

              oc_plot_series_set_marker (series, measures[i].marker);
              any = TRUE;
            }
          columns_clear (&c);
        }
      columns_init (&test, sg->len);
      for (guint k = 0; k < sg->len; k++)
        {
          const OcSweepGroup *g = &g_array_index (sg, OcSweepGroup, k);
          guint in_groups = GPOINTER_TO_UINT (g_hash_table_lookup (by_key, &g->key));

          if (g->n > 0 && in_groups > 0)
            columns_add (&test, g->x, g->test_error, NAN, NAN, in_groups - 1);
        }
      add_series (f, map, test_name, &test, color, OC_PLOT_AXIS_Y2, FALSE, FALSE);
      columns_clear (&test);
    }
  return any;
}

OcPlotFigure *
oc_sweep_norms_figure_new (const OcSweepResults *r, const GArray *groups, OcSweepMode mode,
                           OcSweepPickMap *map)
{
  static const struct
  {
    const char *name;
    gsize       offset;
    guint       color;
  } measures[] = {
    { "‖θ‖₂", G_STRUCT_OFFSET (OcSolutionNorms, theta_norm), 2 },
    { N_("‖θ − θ₀‖₂: distance from the initialisation"), G_STRUCT_OFFSET (OcSolutionNorms, distance),
      4 },
    { N_("path norm"), G_STRUCT_OFFSET (OcSolutionNorms, path_norm), 5 },
  };
  gboolean markers = groups->len <= MAX_MARKED;
  OcSweepGrid *grid = oc_sweep_results_get_grid ((OcSweepResults *) r);
  g_autoptr (GArray) slices = oc_sweep_grid_slices (grid, mode);
  g_autofree char *title = NULL;
  OcPlotFigure *f;
  Columns test;
  gboolean any = FALSE;

  map_init (map);
  f = oc_plot_figure_new (OC_PLOT_KIND_XY);
  oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_X, oc_sweep_mode_axis_label (mode));
  oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_Y, _("norm (log)"));
  oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_Y2, mode == OC_SWEEP_MODE_RFF
                                                       ? _("test zero-one error (dashed)")
                                                       : _("test error (dashed)"));
  oc_plot_figure_set_axis_scale (f, OC_PLOT_AXIS_Y, OC_PLOT_SCALE_LOG);
  oc_plot_figure_set_axis_range (f, OC_PLOT_AXIS_Y2, 0, NAN);
  if (mode != OC_SWEEP_MODE_NOISE)
    fit_x_scale (f, r, mode);

  if (mode == OC_SWEEP_MODE_RFF)
    {
      Columns norm;

      columns_init (&norm, groups->len);
      for (guint k = 0; k < groups->len; k++)
        {
          const OcSweepGroup *g = &g_array_index (groups, OcSweepGroup, k);

          if (g->n > 0 && isfinite (g->coef_norm))
            columns_add (&norm, g->x, g->coef_norm, NAN, NAN, k);
        }
      any = norm.n > 0;
      add_series (f, map, _("‖coef‖₂ of the fit"), &norm, 2, OC_PLOT_AXIS_Y, FALSE, markers);
      columns_clear (&norm);
    }
  else if (slices->len > 1)
    any = add_slice_norms (f, r, groups, slices, mode, map);
  else
    for (guint i = 0; i < G_N_ELEMENTS (measures); i++)
      {
        Columns c;

        columns_init (&c, groups->len);
        for (guint k = 0; k < groups->len; k++)
          {
            const OcSweepGroup *g = &g_array_index (groups, OcSweepGroup, k);
            double mean, lo, hi;

            if (oc_sweep_group_norm (r, g, measures[i].offset, &mean, &lo, &hi) > 0)
              columns_add (&c, g->x, mean, lo, hi, k);
          }
        /* A tanh network has no path norm: no empty entry in the legend. */
        if (c.n > 0)
          {
            add_series (f, map, _(measures[i].name), &c, measures[i].color, OC_PLOT_AXIS_Y, TRUE,
                        markers);
            any = TRUE;
          }
        columns_clear (&c);
      }
  if (!any)
    {
      oc_plot_figure_free (f);
      return NULL;
    }

  if (mode != OC_SWEEP_MODE_RFF && slices->len > 1)
    add_slice_thresholds (f, r, slices, mode);
  else
    {
      columns_init (&test, groups->len);
      for (guint k = 0; k < groups->len; k++)
        {
          const OcSweepGroup *g = &g_array_index (groups, OcSweepGroup, k);

          if (g->n > 0)
            columns_add (&test, g->x, g->test_error, NAN, NAN, k);
        }
      add_series (f, map, _("test error"), &test, COLOR_TEST, OC_PLOT_AXIS_Y2, FALSE, FALSE);
      columns_clear (&test);
      add_thresholds (f, r, groups, mode);
    }
  title = context_title (r, mode, mode == OC_SWEEP_MODE_RFF ? _("Norm of the fit")
                                                            : _("Norms of the solutions"));
  oc_plot_figure_set_title (f, title);
  return f;
}
