/* oc-data-figures.c — see oc-data-figures.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "oc-config.h"
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "occam-figures/oc-data-figures.h"

#define GRID_IMAGES   40
#define GRID_FLIPPED  10 /* at most this many of the tiles show flipped labels */
#define HEATMAP_ROWS  32

static const char *
class_name (const OcDataset *ds, gint32 label)
{
  if (label >= 0 && (guint) label < ds->n_classes && ds->class_names != NULL)
    return ds->class_names[label];
  return "?";
}

static gboolean
is_flipped (const OcSplit *split, guint i)
{
  guint lo = 0, hi = split->n_flipped;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (split->flipped[mid] == i)
        return TRUE;
      if (split->flipped[mid] < i)
        lo = mid + 1;
      else
        hi = mid;
    }
  return FALSE;
}

static int
compare_u32 (gconstpointer a, gconstpointer b)
{
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;

  return (x > y) - (x < y);
}

/* The first training images, with a few flipped ones mixed in when there is label noise so the
 * marking is visible even at 1 % noise. */
static OcPlotFigure *
image_grid (const OcDataset *ds, guint side_w, guint side_h)
{
  const OcSplit *tr = &ds->train;
  g_autoptr (OcPlotFigure) f = oc_plot_figure_new (OC_PLOT_KIND_IMAGE_GRID);
  g_autoptr (GArray) pick = g_array_new (FALSE, FALSE, sizeof (guint32));
  guint n = MIN (tr->n, GRID_IMAGES), n_flip = MIN (tr->n_flipped, GRID_FLIPPED);

  for (guint k = 0; k < n_flip; k++)
    g_array_append_val (pick, tr->flipped[k]);
  for (guint32 i = 0; i < tr->n && pick->len < n; i++)
    if (!is_flipped (tr, i))
      g_array_append_val (pick, i);
  g_array_sort (pick, compare_u32);

  for (guint k = 0; k < pick->len; k++)
    {
      guint32 i = g_array_index (pick, guint32, k);
      gboolean flipped = is_flipped (tr, i);
      g_autofree char *label = NULL;

      if (flipped && tr->y_clean != NULL)
        label = g_strdup_printf ("%s → %s", class_name (ds, tr->y_clean[i]),
                                 class_name (ds, tr->y[i]));
      else
        label = g_strdup (class_name (ds, tr->y[i]));
      if (!oc_plot_figure_add_image (f, tr->x + (gsize) i * ds->dim, side_w, side_h, label,
                                     flipped, NULL))
        return NULL;
    }
  if (tr->n_flipped > 0)
    oc_plot_figure_set_mark_label (f, _("label flipped by noise (true → trained on)"));
  return g_steal_pointer (&f);
}

void
oc_data_figure_add_points (OcPlotFigure *f, const OcDataset *ds)
{
  const OcSplit *tr = &ds->train;

  for (guint c = 0; c < ds->n_classes && c < OC_PLOT_PALETTE_SIZE; c++)
    {
      g_autoptr (GArray) xs = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr (GArray) ys = g_array_new (FALSE, FALSE, sizeof (double));
      OcPlotSeries *s;

      for (guint i = 0; i < tr->n; i++)
        if (tr->y[i] == (gint32) c)
          {
            double x = tr->x[2 * i], y = tr->x[2 * i + 1];

            g_array_append_val (xs, x);
            g_array_append_val (ys, y);
          }
      s = oc_plot_figure_add_series (f, class_name (ds, (gint32) c), (double *) xs->data,
                                     (double *) ys->data, xs->len);
      oc_plot_series_set_style (s, OC_PLOT_STYLE_MARKERS);
      oc_plot_series_set_color (s, c);
    }
}

static OcPlotFigure *
point_cloud (const OcDataset *ds)
{
  g_autoptr (OcPlotFigure) f = oc_plot_figure_new (OC_PLOT_KIND_FIELD);
  const OcSplit *tr = &ds->train;

  oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_X, "x₁");
  oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_Y, "x₂");
  oc_data_figure_add_points (f, ds);
  if (tr->n_flipped > 0)
    {
      g_autofree double *x = g_new (double, tr->n_flipped);
      g_autofree double *y = g_new (double, tr->n_flipped);
      OcPlotSeries *s;

      for (guint k = 0; k < tr->n_flipped; k++)
        {
          x[k] = tr->x[2 * tr->flipped[k]];
          y[k] = tr->x[2 * tr->flipped[k] + 1];
        }
      s = oc_plot_figure_add_series (f, _("label flipped"), x, y, tr->n_flipped);
      oc_plot_series_set_style (s, OC_PLOT_STYLE_MARKERS);
      /* The first palette colour no class uses (purple for the two-class toys). */
      oc_plot_series_set_color (s, MIN (MAX (ds->n_classes, 3), OC_PLOT_PALETTE_SIZE - 1));
    }
  return g_steal_pointer (&f);
}

static OcPlotFigure *
feature_heatmap (const OcDataset *ds)
{
  const OcSplit *tr = &ds->train;
  g_autoptr (OcPlotFigure) f = oc_plot_figure_new (OC_PLOT_KIND_HEATMAP);
  guint rows = MIN (tr->n, HEATMAP_ROWS);
  g_autoptr (GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  gboolean negative = FALSE;

  if (rows == 0 || ds->dim == 0)
    return NULL;
  for (guint r = 0; r < rows; r++)
    {
      if (ds->n_groups == 1)
        g_ptr_array_add (labels, g_strdup (class_name (ds, tr->y[r])));
      else
        {
          GString *s = g_string_new (NULL);

          /* addition: the digits of the sum, most significant first */
          for (guint g = 0; g < ds->n_groups; g++)
            g_string_append (s, class_name (ds, tr->y[(gsize) r * ds->n_groups + g]));
          g_ptr_array_add (labels, g_string_free (s, FALSE));
        }
    }
  for (gsize k = 0; k < (gsize) rows * ds->dim; k++)
    negative |= tr->x[k] < 0;
  if (!oc_plot_figure_set_matrix (f, tr->x, rows, ds->dim, NULL))
    return NULL;
  oc_plot_figure_set_axis_categories (f, OC_PLOT_AXIS_Y, (const char *const *) labels->pdata,
                                      rows);
  oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_X, _("feature"));
  oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_Y, _("label"));
  oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_COLOR, _("value"));
  if (negative)
    oc_plot_figure_set_colormap (f, OC_PLOT_COLORMAP_DIVERGING);
  return g_steal_pointer (&f);
}

gboolean
oc_dataset_is_planar (const OcDataset *ds)
{
  return ds != NULL && ds->dim == 2 && ds->n_groups == 1;
}

OcPlotFigure *
oc_data_figure_new (const OcDataset *ds)
{
  guint side = (guint) lround (sqrt (ds->dim));
  OcPlotFigure *f;

  if (ds->image_width > 0 && ds->image_height > 0)
    f = image_grid (ds, ds->image_width, ds->image_height);
  else if (oc_dataset_is_planar (ds))
    f = point_cloud (ds);
  else if (ds->dim >= 64 && side * side == ds->dim)
    f = image_grid (ds, side, side); /* a CSV of square images, such as MNIST as CSV */
  else
    f = feature_heatmap (ds);
  return f;
}

guint *
oc_split_class_counts (const OcDataset *ds, const OcSplit *split)
{
  guint *counts = g_new0 (guint, MAX (ds->n_classes, 1));

  /* For several label groups (addition) the first group stands for the example. */
  for (guint i = 0; i < split->n; i++)
    {
      gint32 y = split->y[(gsize) i * ds->n_groups];

      if (y >= 0 && (guint) y < ds->n_classes)
        counts[y]++;
    }
  return counts;
}

float *
oc_split_mean (const OcDataset *ds, const OcSplit *split)
{
  g_autofree double *sum = NULL;
  float *mean;

  if (split->n == 0 || ds->dim == 0)
    return NULL;
  /* Summed in double: 60,000 floats of 0..1 would lose digits in float. */
  sum = g_new0 (double, ds->dim);
  for (guint i = 0; i < split->n; i++)
    {
      const float *x = split->x + (gsize) i * ds->dim;

      for (guint d = 0; d < ds->dim; d++)
        sum[d] += x[d];
    }
  mean = g_new (float, ds->dim);
  for (guint d = 0; d < ds->dim; d++)
    mean[d] = (float) (sum[d] / split->n);
  return mean;
}

char *
oc_dataset_display_name (const char *name)
{
  static const struct
  {
    const char *name, *display;
  } names[] = {
    { "fashion-mnist", "Fashion-MNIST" },
    { "mnist", N_("IDX folder (MNIST format)") },
    { "csv", N_("CSV file") },
    { "addition", N_("Addition") },
    { "modadd", N_("Modular addition") },
    { "spiral", N_("Spiral") },
    { "moons", N_("Moons") },
    { "circles", N_("Circles") },
    { "xor", "XOR" },
    { "blobs", N_("Blobs") },
  };

  /* Shown to people (the window, figure titles): in their language; proper names stay. */
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (name, names[i].name) == 0)
      return g_strdup (_(names[i].display));
  return g_strdup (name);
}
