/* oc-plot-figure.c — the figure model: construction, setters, and the draw entry point.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include "occam/oc-error.h"
#include "oc-plot-private.h"
#include "oc-config.h"
#include <glib/gi18n-lib.h>

static void
series_free (gpointer p)
{
  OcPlotSeries *s = p;

  g_free (s->name);
  g_free (s->x);
  g_free (s->y);
  g_free (s->lo);
  g_free (s->hi);
  g_free (s);
}

static void
image_free (gpointer p)
{
  OcPlotImage *img = p;

  g_free (img->pixels);
  g_free (img->label);
  g_free (img);
}

static void
reference_clear (gpointer p)
{
  g_free (((OcPlotReference *) p)->label);
}

static void
annotation_clear (gpointer p)
{
  g_free (((OcPlotAnnotation *) p)->text);
}

OcPlotFigure *
oc_plot_figure_new (OcPlotKind kind)
{
  OcPlotFigure *f = g_new0 (OcPlotFigure, 1);

  f->kind = kind;
  for (int i = 0; i < OC_PLOT_N_AXES; i++)
    {
      f->axes[i].min = NAN;
      f->axes[i].cover_min = NAN;
      f->axes[i].cover_max = NAN;
      f->axes[i].max = NAN;
    }
  f->series = g_ptr_array_new_with_free_func (series_free);
  f->references = g_array_new (FALSE, TRUE, sizeof (OcPlotReference));
  g_array_set_clear_func (f->references, reference_clear);
  f->annotations = g_array_new (FALSE, TRUE, sizeof (OcPlotAnnotation));
  g_array_set_clear_func (f->annotations, annotation_clear);
  f->labels = g_array_new (FALSE, TRUE, sizeof (OcPlotAnnotation));
  g_array_set_clear_func (f->labels, annotation_clear);
  f->images = g_ptr_array_new_with_free_func (image_free);
  f->contour = NAN;
  f->field_alpha = OC_PLOT_FIELD_ALPHA;
  f->color_min = NAN;
  f->color_max = NAN;
  f->colormap = kind == OC_PLOT_KIND_IMAGE_GRID ? OC_PLOT_COLORMAP_GRAY
                : kind == OC_PLOT_KIND_FIELD    ? OC_PLOT_COLORMAP_DIVERGING
                                                : OC_PLOT_COLORMAP_SEQUENTIAL;
  return f;
}

void
oc_plot_figure_free (OcPlotFigure *figure)
{
  if (figure == NULL)
    return;
  g_free (figure->title);
  for (int i = 0; i < OC_PLOT_N_AXES; i++)
    {
      g_free (figure->axes[i].label);
      g_strfreev (figure->axes[i].categories);
    }
  g_ptr_array_unref (figure->series);
  g_array_unref (figure->references);
  g_array_unref (figure->annotations);
  g_array_unref (figure->labels);
  g_ptr_array_unref (figure->images);
  g_free (figure->mark_label);
  g_free (figure->matrix);
  g_free (figure->col_edges);
  g_free (figure->underlay);
  g_free (figure->empty_heading);
  g_free (figure->empty_detail);
  g_clear_pointer (&figure->contours, g_array_unref);
  g_clear_pointer (&figure->panels, g_ptr_array_unref);
  g_clear_pointer (&figure->panel_weights, g_array_unref);
  g_free (figure);
}

OcPlotKind
oc_plot_figure_get_kind (const OcPlotFigure *figure)
{
  g_return_val_if_fail (figure != NULL, OC_PLOT_KIND_XY);

  return figure->kind;
}

void
oc_plot_figure_set_title (OcPlotFigure *figure, const char *title)
{
  g_return_if_fail (figure != NULL);

  g_free (figure->title);
  figure->title = g_strdup (title);
}

void
oc_plot_figure_set_axis_label (OcPlotFigure *figure, OcPlotAxisId axis, const char *label)
{
  g_return_if_fail (figure != NULL);
  g_return_if_fail ((guint) axis < OC_PLOT_N_AXES);

  g_free (figure->axes[axis].label);
  figure->axes[axis].label = g_strdup (label);
}

void
oc_plot_figure_set_axis_scale (OcPlotFigure *figure, OcPlotAxisId axis, OcPlotScaleKind kind)
{
  g_return_if_fail (figure != NULL);
  g_return_if_fail ((guint) axis < OC_PLOT_N_AXES);

  figure->axes[axis].kind = kind;
}

void
oc_plot_figure_set_axis_range (OcPlotFigure *figure, OcPlotAxisId axis, double min, double max)
{
  g_return_if_fail (figure != NULL);
  g_return_if_fail ((guint) axis < OC_PLOT_N_AXES);

  figure->axes[axis].min = min;
  figure->axes[axis].max = max;
}

void
oc_plot_figure_set_axis_cover (OcPlotFigure *figure, OcPlotAxisId axis, double min, double max)
{
  g_return_if_fail (figure != NULL);
  g_return_if_fail ((guint) axis < OC_PLOT_N_AXES);

  figure->axes[axis].cover_min = min;
  figure->axes[axis].cover_max = max;
}

void
oc_plot_figure_set_axis_categories (OcPlotFigure *figure, OcPlotAxisId axis,
                                    const char *const *labels, guint n_labels)
{
  g_return_if_fail (figure != NULL);
  g_return_if_fail ((guint) axis < OC_PLOT_N_AXES);
  g_return_if_fail (labels != NULL || n_labels == 0);

  g_strfreev (figure->axes[axis].categories);
  figure->axes[axis].categories = NULL;
  figure->axes[axis].n_categories = n_labels;
  if (n_labels == 0)
    return;
  figure->axes[axis].categories = g_new0 (char *, n_labels + 1);
  for (guint i = 0; i < n_labels; i++)
    figure->axes[axis].categories[i] = g_strdup (labels[i] ? labels[i] : "");
}

static double *
dup_doubles (const double *v, gsize n)
{
  return v ? g_memdup2 (v, n * sizeof (double)) : NULL;
}

static OcPlotSeries *
add_series (OcPlotFigure *figure, const char *name, const double *x, const double *y, gsize n)
{
  OcPlotSeries *s = g_new0 (OcPlotSeries, 1);

  s->name = g_strdup (name);
  s->x = dup_doubles (x, n);
  s->y = dup_doubles (y, n);
  s->n = n;
  s->style = OC_PLOT_STYLE_LINE;
  s->color = -1;
  s->axis = OC_PLOT_AXIS_Y;
  s->marker_scale = 1;
  s->marker = -1;
  g_ptr_array_add (figure->series, s);
  return s;
}

OcPlotSeries *
oc_plot_figure_add_series (OcPlotFigure *figure, const char *name, const double *x,
                           const double *y, gsize n)
{
  g_return_val_if_fail (figure != NULL, NULL);
  g_return_val_if_fail (n == 0 || (x != NULL && y != NULL), NULL);

  return add_series (figure, name, x, y, n);
}

OcPlotSeries *
oc_plot_figure_add_values (OcPlotFigure *figure, const char *name, const double *values, gsize n)
{
  g_return_val_if_fail (figure != NULL, NULL);
  g_return_val_if_fail (n == 0 || values != NULL, NULL);

  return add_series (figure, name, NULL, values, n);
}

void
oc_plot_series_set_style (OcPlotSeries *series, OcPlotStyle style)
{
  g_return_if_fail (series != NULL);

  series->style = style;
}

void
oc_plot_series_set_band (OcPlotSeries *series, const double *lo, const double *hi)
{
  g_return_if_fail (series != NULL);
  g_return_if_fail ((lo == NULL) == (hi == NULL));

  g_free (series->lo);
  g_free (series->hi);
  series->lo = dup_doubles (lo, series->n);
  series->hi = dup_doubles (hi, series->n);
}

void
oc_plot_series_set_marker_scale (OcPlotSeries *series, double scale)
{
  g_return_if_fail (series != NULL);
  g_return_if_fail (scale > 0 && scale <= 10);

  series->marker_scale = scale;
}

void
oc_plot_series_set_axis (OcPlotSeries *series, OcPlotAxisId axis)
{
  g_return_if_fail (series != NULL);
  g_return_if_fail (axis == OC_PLOT_AXIS_Y || axis == OC_PLOT_AXIS_Y2);

  series->axis = axis;
}

void
oc_plot_series_set_color (OcPlotSeries *series, guint palette_index)
{
  g_return_if_fail (series != NULL);

  series->color = (int) (palette_index % OC_PLOT_PALETTE_SIZE);
}

void
oc_plot_series_set_rgba (OcPlotSeries *series, const OcPlotRgba *color)
{
  g_return_if_fail (series != NULL && color != NULL);

  series->has_rgba = TRUE;
  series->rgba = *color;
}

void
oc_plot_series_set_marker (OcPlotSeries *series, OcPlotMarker marker)
{
  g_return_if_fail (series != NULL);
  g_return_if_fail ((guint) marker <= OC_PLOT_MARKER_STAR);

  series->marker = (int) marker;
}

void
oc_plot_series_set_halo (OcPlotSeries *series, gboolean halo)
{
  g_return_if_fail (series != NULL);

  series->halo = halo;
}

guint
oc_plot_series_marker (const OcPlotFigure *figure, guint index)
{
  const OcPlotSeries *s = g_ptr_array_index (figure->series, index);

  /* Five shapes in turn; the star only when asked for. */
  return s->marker >= 0 ? (guint) s->marker : index % 5;
}

void
oc_plot_figure_add_reference (OcPlotFigure *figure, OcPlotAxisId axis, double value,
                              const char *label)
{
  OcPlotReference ref = { axis, value, g_strdup (label) };

  g_return_if_fail (figure != NULL);
  g_return_if_fail (axis == OC_PLOT_AXIS_X || axis == OC_PLOT_AXIS_Y || axis == OC_PLOT_AXIS_Y2);

  g_array_append_val (figure->references, ref);
}

void
oc_plot_figure_add_annotation (OcPlotFigure *figure, double x, double y, const char *text)
{
  OcPlotAnnotation an = { x, y, g_strdup (text) };

  g_return_if_fail (figure != NULL);
  g_return_if_fail (text != NULL);

  g_array_append_val (figure->annotations, an);
}

void
oc_plot_figure_add_label (OcPlotFigure *figure, double x, double y, const char *text)
{
  OcPlotAnnotation label = { x, y, g_strdup (text) };

  g_return_if_fail (figure != NULL);
  g_return_if_fail (text != NULL);

  g_array_append_val (figure->labels, label);
}

void
oc_plot_figure_set_bins (OcPlotFigure *figure, guint n_bins)
{
  g_return_if_fail (figure != NULL);

  figure->n_bins = n_bins;
}

static gboolean
set_matrix (OcPlotFigure *figure, const float *values, guint rows, guint cols, GError **error)
{
  float *copy;

  if ((gsize) rows * cols > G_MAXSIZE / sizeof (float) / 2)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_TOO_LARGE, _("A %u × %u matrix is too large to plot"),
                   rows, cols);
      return FALSE;
    }
  copy = oc_try_alloc ((gsize) rows * cols * sizeof (float), "the figure's matrix", error);
  if (copy == NULL)
    return FALSE;
  if (rows > 0 && cols > 0)
    memcpy (copy, values, (gsize) rows * cols * sizeof (float));
  g_free (figure->matrix);
  figure->matrix = copy;
  if (cols != figure->cols)
    g_clear_pointer (&figure->col_edges, g_free);
  figure->rows = rows;
  figure->cols = cols;
  return TRUE;
}

gboolean
oc_plot_figure_set_matrix (OcPlotFigure *figure, const float *values, guint rows, guint cols,
                           GError **error)
{
  g_return_val_if_fail (figure != NULL, FALSE);
  g_return_val_if_fail (values != NULL || rows == 0 || cols == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return set_matrix (figure, values, rows, cols, error);
}

gboolean
oc_plot_figure_set_column_edges (OcPlotFigure *figure, const double *edges, guint n_edges,
                                 GError **error)
{
  g_return_val_if_fail (figure != NULL, FALSE);
  g_return_val_if_fail (edges != NULL || n_edges == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (n_edges == 0)
    {
      g_clear_pointer (&figure->col_edges, g_free);
      return TRUE;
    }
  if (n_edges != figure->cols + 1)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                   _("A matrix of %u columns needs %u column edges, not %u"), figure->cols,
                   figure->cols + 1, n_edges);
      return FALSE;
    }
  for (guint i = 0; i < n_edges; i++)
    if (!isfinite (edges[i]) || (i > 0 && !(edges[i] > edges[i - 1])))
      {
        g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                     _("Column edges must be finite and increase; edge %u is %g"), i, edges[i]);
        return FALSE;
      }
  g_free (figure->col_edges);
  figure->col_edges = g_memdup2 (edges, n_edges * sizeof (double));
  return TRUE;
}

void
oc_plot_figure_set_sort (OcPlotFigure *figure, OcPlotSort sort)
{
  g_return_if_fail (figure != NULL);

  figure->sort = sort;
}

gboolean
oc_plot_figure_set_field (OcPlotFigure *figure, const float *values, guint ny, guint nx,
                          double x0, double x1, double y0, double y1, GError **error)
{
  g_return_val_if_fail (figure != NULL, FALSE);
  g_return_val_if_fail (values != NULL || nx == 0 || ny == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!(x1 > x0) || !(y1 > y0))
    {
      g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                   _("The field's extent [%g, %g] × [%g, %g] is empty"), x0, x1, y0, y1);
      return FALSE;
    }
  if (!set_matrix (figure, values, ny, nx, error))
    return FALSE;
  figure->extent[0] = x0;
  figure->extent[1] = x1;
  figure->extent[2] = y0;
  figure->extent[3] = y1;
  return TRUE;
}

void
oc_plot_figure_set_contour (OcPlotFigure *figure, double level)
{
  g_return_if_fail (figure != NULL);

  figure->contour = level;
}

void
oc_plot_figure_set_contours (OcPlotFigure *figure, const double *levels, guint n)
{
  g_return_if_fail (figure != NULL);
  g_return_if_fail (levels != NULL || n == 0);

  g_clear_pointer (&figure->contours, g_array_unref);
  figure->contours = g_array_sized_new (FALSE, FALSE, sizeof (double), n);
  g_array_append_vals (figure->contours, levels, n);
}

void
oc_plot_figure_set_field_alpha (OcPlotFigure *figure, double alpha)
{
  g_return_if_fail (figure != NULL);
  g_return_if_fail (alpha > 0 && alpha <= 1);

  figure->field_alpha = alpha;
}

void
oc_plot_figure_add_panel (OcPlotFigure *figure, OcPlotFigure *panel, double weight)
{
  g_return_if_fail (figure != NULL && figure->kind == OC_PLOT_KIND_PANELS);
  g_return_if_fail (panel != NULL && panel != figure);
  g_return_if_fail (weight > 0);

  if (figure->panels == NULL)
    {
      figure->panels = g_ptr_array_new_with_free_func ((GDestroyNotify) oc_plot_figure_free);
      figure->panel_weights = g_array_new (FALSE, FALSE, sizeof (double));
    }
  g_ptr_array_add (figure->panels, panel);
  g_array_append_val (figure->panel_weights, weight);
}

void
oc_plot_figure_set_colormap (OcPlotFigure *figure, OcPlotColormap map)
{
  g_return_if_fail (figure != NULL);

  figure->colormap = map;
}

void
oc_plot_figure_set_color_range (OcPlotFigure *figure, double min, double max)
{
  g_return_if_fail (figure != NULL);

  figure->color_min = min;
  figure->color_max = max;
}

gboolean
oc_plot_figure_add_image (OcPlotFigure *figure, const float *pixels, guint width, guint height,
                          const char *label, gboolean marked, GError **error)
{
  OcPlotImage *img;
  float *copy;

  g_return_val_if_fail (figure != NULL, FALSE);
  g_return_val_if_fail (pixels != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (width == 0 || height == 0 || width > 65536 || height > 65536)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                   _("An image of %u × %u pixels cannot be shown"), width, height);
      return FALSE;
    }
  copy = oc_try_alloc ((gsize) width * height * sizeof (float), "an image of the grid", error);
  if (copy == NULL)
    return FALSE;
  memcpy (copy, pixels, (gsize) width * height * sizeof (float));
  img = g_new0 (OcPlotImage, 1);
  img->pixels = copy;
  img->width = width;
  img->height = height;
  img->label = g_strdup (label);
  img->marked = marked;
  g_ptr_array_add (figure->images, img);
  return TRUE;
}

void
oc_plot_figure_set_image_dimmed (OcPlotFigure *figure, guint index, gboolean dimmed)
{
  g_return_if_fail (figure != NULL && index < figure->images->len);

  ((OcPlotImage *) g_ptr_array_index (figure->images, index))->dimmed = dimmed;
}

void
oc_plot_figure_set_zero_is_background (OcPlotFigure *figure, gboolean zero_is_background)
{
  g_return_if_fail (figure != NULL);

  figure->zero_background = zero_is_background;
}

gboolean
oc_plot_figure_set_underlay (OcPlotFigure *figure, const float *values, guint rows, guint cols,
                             GError **error)
{
  float *copy;

  g_return_val_if_fail (figure != NULL, FALSE);
  g_return_val_if_fail (values != NULL && rows > 0 && cols > 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  copy = oc_try_alloc ((gsize) rows * cols * sizeof (float), "the heatmap's underlay", error);
  if (copy == NULL)
    return FALSE;
  memcpy (copy, values, (gsize) rows * cols * sizeof (float));
  g_free (figure->underlay);
  figure->underlay = copy;
  figure->underlay_rows = rows;
  figure->underlay_cols = cols;
  return TRUE;
}

void
oc_plot_figure_set_empty_text (OcPlotFigure *figure, const char *heading, const char *detail)
{
  g_return_if_fail (figure != NULL);

  g_free (figure->empty_heading);
  g_free (figure->empty_detail);
  figure->empty_heading = g_strdup (heading);
  figure->empty_detail = g_strdup (detail);
}

void
oc_plot_figure_set_mark_label (OcPlotFigure *figure, const char *label)
{
  g_return_if_fail (figure != NULL);

  g_free (figure->mark_label);
  figure->mark_label = g_strdup (label);
}

OcPlotRgba
oc_plot_series_rgba (const OcPlotCtx *ctx, const OcPlotFigure *figure, guint index)
{
  const OcPlotSeries *s = g_ptr_array_index (figure->series, index);
  guint i = s->color >= 0 ? (guint) s->color : index;

  if (s->has_rgba)
    return s->rgba;
  return ctx->theme->palette[i % OC_PLOT_PALETTE_SIZE];
}

void
oc_plot_figure_draw (const OcPlotFigure *figure, cairo_t *cr, double width, double height,
                     const OcPlotTheme *theme)
{
  g_return_if_fail (figure != NULL);
  g_return_if_fail (cr != NULL);
  g_return_if_fail (theme != NULL);

  oc_plot_figure_draw_recording (figure, cr, width, height, theme, NULL);
}

void
oc_plot_figure_draw_recording (const OcPlotFigure *figure, cairo_t *cr, double width,
                               double height, const OcPlotTheme *theme, OcPlotLayout *record)
{
  OcPlotCtx ctx;

  if (!(width >= 1) || !(height >= 1))
    return;
  oc_plot_ctx_begin (&ctx, cr, width, height, theme);
  ctx.record = record;
  switch (figure->kind)
    {
    case OC_PLOT_KIND_XY:
      oc_plot_draw_xy (&ctx, figure);
      break;
    case OC_PLOT_KIND_HISTOGRAM:
      oc_plot_draw_histogram (&ctx, figure);
      break;
    case OC_PLOT_KIND_HEATMAP:
      oc_plot_draw_heatmap (&ctx, figure);
      break;
    case OC_PLOT_KIND_IMAGE_GRID:
      oc_plot_draw_image_grid (&ctx, figure);
      break;
    case OC_PLOT_KIND_FIELD:
      oc_plot_draw_field (&ctx, figure);
      break;
    case OC_PLOT_KIND_PANELS:
      oc_plot_draw_panels (&ctx, figure);
      break;
    default:
      g_return_if_reached ();
    }
  oc_plot_ctx_end (&ctx);
}
