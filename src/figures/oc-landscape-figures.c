/* oc-landscape-figures.c — see oc-landscape-figures.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The slice is the figure: painted at full opacity on the sequential map (dark low, bright
 * high), losses on a log scale because a basin's floor and its walls are decades apart, with
 * thin level curves. What moves over it — the path, its ends, the ball — is white or orange with
 * a dark outline, so it reads over every colour of the map, in light and dark themes alike.
 */
#include <math.h>

#include "occam-figures/oc-landscape-figures.h"
#include "oc-config.h"
#include <glib/gi18n-lib.h>

/* Training path and its ends, over any colour of the map. */
static const OcPlotRgba path_color = { 1, 1, 1, 1 };
/* The ball: Okabe–Ito vermillion, the palette's warm accent. */
static const OcPlotRgba ball_color = { 0.835, 0.369, 0.0, 1 };

#define N_CONTOURS 10

static gboolean
is_loss (OcLandscapeField field)
{
  return field == OC_LANDSCAPE_TRAIN_LOSS || field == OC_LANDSCAPE_TEST_LOSS;
}

/* The positive (log) or finite range of a field. */
static void
field_range (const OcLandscapeResults *r, OcLandscapeField field, double *lo, double *hi)
{
  gsize n = (gsize) r->nx * r->ny;
  const float *v = r->plane[field];

  *lo = INFINITY;
  *hi = -INFINITY;
  for (gsize k = 0; k < n; k++)
    if (isfinite (v[k]) && (!is_loss (field) || v[k] > 0))
      {
        *lo = MIN (*lo, v[k]);
        *hi = MAX (*hi, v[k]);
      }
}

gboolean
oc_landscape_replay_position (const OcLandscapeResults *r, double t, double *alpha, double *beta,
                              double *loss, double *iteration)
{
  guint n, i;
  double f;

  g_return_val_if_fail (r != NULL, FALSE);

  n = r->n_trajectory;
  if (n == 0)
    return FALSE;
  t = isnan (t) ? n - 1 : CLAMP (t, 0, n - 1);
  i = MIN ((guint) floor (t), n - 1);
  f = t - i;
  if (i + 1 >= n)
    f = 0;
#define LERP(a) ((a)[i] + (i + 1 < n ? f * ((double) (a)[i + 1] - (a)[i]) : 0))
  if (alpha != NULL)
    *alpha = LERP (r->trajectory_alpha);
  if (beta != NULL)
    *beta = LERP (r->trajectory_beta);
  if (loss != NULL)
    *loss = LERP (r->trajectory_loss);
  if (iteration != NULL)
    *iteration = LERP (r->trajectory_iteration);
#undef LERP
  return TRUE;
}

static OcPlotSeries *
mark (OcPlotFigure *f, const char *name, double x, double y, OcPlotMarker marker, double scale,
      const OcPlotRgba *color)
{
  OcPlotSeries *s = oc_plot_figure_add_series (f, name, &x, &y, 1);

  oc_plot_series_set_style (s, OC_PLOT_STYLE_MARKERS);
  oc_plot_series_set_marker (s, marker);
  oc_plot_series_set_marker_scale (s, scale);
  oc_plot_series_set_rgba (s, color);
  oc_plot_series_set_halo (s, TRUE);
  return s;
}

/* The slice on the colour range [@lo, @hi] (NAN: the field's own). */
static OcPlotFigure *
slice_new (const OcLandscapeResults *r, OcLandscapeField field, double t, double lo, double hi,
           const char *title)
{
  OcPlotFigure *f;
  double dx, dy, flo, fhi, levels[N_CONTOURS];
  g_autofree char *xl = NULL, *yl = NULL, *cl = NULL;
  g_autoptr (GError) error = NULL;

  if (!oc_landscape_results_has_plane (r))
    return NULL;
  f = oc_plot_figure_new (OC_PLOT_KIND_FIELD);
  oc_plot_figure_set_title (f, title);
  dx = r->nx > 1 ? ((double) r->plane_alpha[r->nx - 1] - r->plane_alpha[0]) / (r->nx - 1) : 1;
  dy = r->ny > 1 ? ((double) r->plane_beta[r->ny - 1] - r->plane_beta[0]) / (r->ny - 1) : 1;
  /* Samples are cell centres: the field reaches half a step beyond the outer ones. */
  if (!oc_plot_figure_set_field (f, r->plane[field], r->ny, r->nx, r->plane_alpha[0] - dx / 2,
                                 r->plane_alpha[r->nx - 1] + dx / 2,
                                 r->plane_beta[0] - dy / 2, r->plane_beta[r->ny - 1] + dy / 2,
                                 &error))
    {
      g_warning ("%s", error->message);
      oc_plot_figure_free (f);
      return NULL;
    }
  oc_plot_figure_set_colormap (f, OC_PLOT_COLORMAP_SEQUENTIAL);
  oc_plot_figure_set_field_alpha (f, 1);
  xl = oc_landscape_results_axis_label (r, 0);
  yl = oc_landscape_results_axis_label (r, 1);
  oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_X, xl);
  oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_Y, yl);
  cl = g_strdup_printf ("%s%s", oc_landscape_field_label (field),
                        is_loss (field) ? _(" (log scale)") : "");
  oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_COLOR, cl);

  field_range (r, field, &flo, &fhi);
  if (!isnan (lo))
    flo = lo;
  if (!isnan (hi))
    fhi = hi;
  if (is_loss (field))
    oc_plot_figure_set_axis_scale (f, OC_PLOT_AXIS_COLOR, OC_PLOT_SCALE_LOG);
  else
    flo = MIN (flo, 0);
  if (isfinite (flo) && fhi > flo)
    {
      oc_plot_figure_set_color_range (f, flo, fhi);
      /* Level curves evenly spread over the colour scale: equal ratios of loss, equal steps of
       * error. */
      for (int k = 0; k < N_CONTOURS; k++)
        {
          double q = (k + 0.5) / N_CONTOURS;

          levels[k] = is_loss (field) ? flo * pow (fhi / flo, q) : flo + q * (fhi - flo);
        }
      oc_plot_figure_set_contours (f, levels, N_CONTOURS);
    }

  if (oc_landscape_results_has_trajectory (r))
    {
      guint n = r->n_trajectory;
      g_autofree double *x = g_new (double, n), *y = g_new (double, n);
      OcPlotSeries *s;

      for (guint i = 0; i < n; i++)
        {
          x[i] = r->trajectory_alpha[i];
          y[i] = r->trajectory_beta[i];
        }
      s = oc_plot_figure_add_series (f, _("training path"), x, y, n);
      oc_plot_series_set_style (s, OC_PLOT_STYLE_LINE | OC_PLOT_STYLE_ARROWS);
      oc_plot_series_set_rgba (s, &path_color);
      oc_plot_series_set_halo (s, TRUE);
      mark (f, _("θ₀, where training started"), x[0], y[0], OC_PLOT_MARKER_CIRCLE, 1.3,
            &path_color);
    }
  mark (f, _("θ_T, the trained network"), 0, 0, OC_PLOT_MARKER_STAR, 1.6, &path_color);
  if (isfinite (t))
    {
      double a, b, loss, it;

      if (oc_landscape_replay_position (r, t, &a, &b, &loss, &it))
        {
          g_autofree char *name = g_strdup_printf (_("iteration %.0f"), it);

          mark (f, name, a, b, OC_PLOT_MARKER_CIRCLE, 2.2, &ball_color);
        }
    }
  return f;
}

static char *
slice_title (const OcLandscapeResults *r, OcLandscapeField field)
{
  g_autofree char *title = oc_landscape_results_title (r);
  g_autofree char *what = g_strdup (oc_landscape_field_label (field));

  what[0] = g_ascii_toupper (what[0]);
  return g_strdup_printf (_("%s, %s plane · %s"), what,
                          r->plane_kind == OC_LANDSCAPE_PLANE_PCA ? _("PCA") : _("random"), title);
}

OcPlotFigure *
oc_landscape_slice_figure_new (const OcLandscapeResults *r, OcLandscapeField field, double t)
{
  g_autofree char *title = NULL;

  g_return_val_if_fail (r != NULL && (guint) field < OC_LANDSCAPE_N_FIELDS, NULL);

  title = slice_title (r, field);
  return slice_new (r, field, t, NAN, NAN, title);
}

OcPlotFigure *
oc_landscape_profile_figure_new (const OcLandscapeResults *r)
{
  static const struct
  {
    OcLandscapeField field;
    guint            color;
  } curves[] = {
    { OC_LANDSCAPE_TRAIN_ERROR, 0 },
    { OC_LANDSCAPE_TEST_ERROR, 1 },
    { OC_LANDSCAPE_TRAIN_LOSS, 0 },
    { OC_LANDSCAPE_TEST_LOSS, 1 },
  };
  g_autofree double *x = NULL, *y = NULL;
  g_autofree char *a = NULL, *b = NULL, *title = NULL, *data = NULL, *xl = NULL;
  double lo = INFINITY, hi = 0;
  OcPlotFigure *f;

  g_return_val_if_fail (r != NULL, NULL);

  if (!oc_landscape_results_has_line (r))
    return NULL;
  a = oc_landscape_results_line_end (r, 0);
  b = oc_landscape_results_line_end (r, 1);
  data = oc_landscape_results_title (r);
  title = g_strdup_printf (_("From %s to %s in a straight line · %s"), a, b, data);
  xl = g_strdup_printf (_("α, the network (1 − α)·%s + α·%s"), a, b);
  f = oc_plot_figure_new (OC_PLOT_KIND_XY);
  oc_plot_figure_set_title (f, title);
  oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_X, xl);
  oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_Y, _("error"));
  oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_Y2, _("loss (dashed)"));
  oc_plot_figure_set_axis_range (f, OC_PLOT_AXIS_Y, 0, NAN);
  x = g_new (double, r->n_line);
  y = g_new (double, r->n_line);
  for (guint i = 0; i < r->n_line; i++)
    x[i] = r->alpha[i];
  for (guint c = 0; c < G_N_ELEMENTS (curves); c++)
    {
      gboolean loss = is_loss (curves[c].field);
      g_autofree char *name = g_strdup_printf ("%s", oc_landscape_field_label (curves[c].field));
      OcPlotSeries *s;

      for (guint i = 0; i < r->n_line; i++)
        {
          y[i] = r->line[curves[c].field][i];
          if (loss && y[i] > 0)
            {
              lo = MIN (lo, y[i]);
              hi = MAX (hi, y[i]);
            }
        }
      s = oc_plot_figure_add_series (f, name, x, y, r->n_line);
      oc_plot_series_set_color (s, curves[c].color);
      if (loss)
        {
          oc_plot_series_set_style (s, OC_PLOT_STYLE_LINE | OC_PLOT_STYLE_DASHED);
          oc_plot_series_set_axis (s, OC_PLOT_AXIS_Y2);
        }
    }
  /* The walls beyond the ends are often decades above the floor. */
  if (hi > 30 * lo)
    oc_plot_figure_set_axis_scale (f, OC_PLOT_AXIS_Y2, OC_PLOT_SCALE_LOG);
  oc_plot_figure_add_reference (f, OC_PLOT_AXIS_X, 0, a);
  oc_plot_figure_add_reference (f, OC_PLOT_AXIS_X, 1, b);
  return f;
}

OcPlotFigure *
oc_landscape_replay_figure_new (const OcLandscapeResults *r, double t)
{
  guint n;
  double it, loss;
  g_autofree double *x = NULL, *y = NULL, *yt = NULL;
  g_autofree char *title = NULL, *data = NULL, *name = NULL, *cursor = NULL;
  OcPlotFigure *f, *curve, *slice;
  OcPlotSeries *s;

  g_return_val_if_fail (r != NULL, NULL);

  if (!oc_landscape_results_has_trajectory (r) || !oc_landscape_results_has_plane (r))
    return NULL;
  n = r->n_trajectory;
  t = isnan (t) ? n - 1 : CLAMP (t, 0, n - 1);
  oc_landscape_replay_position (r, t, NULL, NULL, &loss, &it);
  data = oc_landscape_results_title (r);
  title = g_strdup_printf (_("Gradient descent rolling downhill · %s · iteration %.0f of %d"), data,
                           it, r->trajectory_iteration[n - 1]);
  slice = slice_new (r, OC_LANDSCAPE_TRAIN_LOSS, t, NAN, NAN, _("Training loss, PCA plane"));

  curve = oc_plot_figure_new (OC_PLOT_KIND_XY);
  oc_plot_figure_set_title (curve, _("Loss along the trajectory"));
  oc_plot_figure_set_axis_label (curve, OC_PLOT_AXIS_X, _("iteration"));
  oc_plot_figure_set_axis_label (curve, OC_PLOT_AXIS_Y, _("loss (log scale)"));
  oc_plot_figure_set_axis_scale (curve, OC_PLOT_AXIS_Y, OC_PLOT_SCALE_LOG);
  x = g_new (double, n);
  y = g_new (double, n);
  yt = g_new (double, n);
  for (guint i = 0; i < n; i++)
    {
      x[i] = r->trajectory_iteration[i];
      y[i] = r->trajectory_loss[i];
      yt[i] = r->trajectory_test_loss[i];
    }
  s = oc_plot_figure_add_series (curve, _("training loss"), x, y, n);
  oc_plot_series_set_color (s, 0);
  s = oc_plot_figure_add_series (curve, _("test loss"), x, yt, n);
  oc_plot_series_set_color (s, 1);
  oc_plot_series_set_style (s, OC_PLOT_STYLE_LINE | OC_PLOT_STYLE_DASHED);
  name = g_strdup_printf (_("iteration %.0f"), it);
  s = oc_plot_figure_add_series (curve, name, &it, &loss, 1);
  oc_plot_series_set_style (s, OC_PLOT_STYLE_MARKERS);
  oc_plot_series_set_marker (s, OC_PLOT_MARKER_CIRCLE);
  oc_plot_series_set_marker_scale (s, 2.2);
  oc_plot_series_set_rgba (s, &ball_color);
  oc_plot_series_set_halo (s, TRUE);
  oc_plot_figure_add_reference (curve, OC_PLOT_AXIS_X, it, NULL);

  f = oc_plot_figure_new (OC_PLOT_KIND_PANELS);
  oc_plot_figure_set_title (f, title);
  oc_plot_figure_add_panel (f, slice, 1.2);
  oc_plot_figure_add_panel (f, curve, 1);
  return f;
}

OcPlotFigure *
oc_landscape_compare_figure_new (const OcLandscapeResults *a, const OcLandscapeResults *b,
                                 OcLandscapeField field)
{
  double lo_a, hi_a, lo_b, hi_b;
  g_autofree char *ta = NULL, *tb = NULL, *title = NULL, *what = NULL;
  OcPlotFigure *f;

  g_return_val_if_fail (a != NULL && b != NULL && (guint) field < OC_LANDSCAPE_N_FIELDS, NULL);

  if (!oc_landscape_results_has_plane (a) || !oc_landscape_results_has_plane (b))
    return NULL;
  field_range (a, field, &lo_a, &hi_a);
  field_range (b, field, &lo_b, &hi_b);
  ta = oc_landscape_results_title (a);
  tb = oc_landscape_results_title (b);
  what = g_strdup (oc_landscape_field_label (field));
  what[0] = g_ascii_toupper (what[0]);
  title = g_strdup_printf (_("%s around θ_T, one colour scale for both"), what);
  f = oc_plot_figure_new (OC_PLOT_KIND_PANELS);
  oc_plot_figure_set_title (f, title);
  /* One scale: the same colour is the same loss in both. */
  oc_plot_figure_add_panel (f, slice_new (a, field, NAN, MIN (lo_a, lo_b), MAX (hi_a, hi_b), ta),
                            1);
  oc_plot_figure_add_panel (f, slice_new (b, field, NAN, MIN (lo_a, lo_b), MAX (hi_a, hi_b), tb),
                            1);
  return f;
}
