/* oc-plot-export.c — PNG, SVG and PDF through the same drawing routine.
 *
 * Everything is rendered into memory first and written with g_file_set_contents(), which writes
 * a temporary file in the same folder and renames it: a failed export never leaves a truncated
 * figure behind, and an existing file is replaced atomically.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <math.h>
#include <string.h>

#include "occam/oc-error.h"
#include "occam-plot/oc-plot-slide.h"
#include "oc-plot-private.h"
#include "oc-config.h"
#include <glib/gi18n-lib.h>

/* Cairo's image surfaces stop at 32767 pixels a side; stay well within memory too. */
#define MAX_PIXELS_SIDE 16384.0

gboolean
oc_plot_format_from_path (const char *path, OcPlotFormat *format)
{
  const char *dot;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (format != NULL, FALSE);

  dot = strrchr (path, '.');
  if (dot == NULL || strchr (dot, '/') != NULL)
    return FALSE;
  if (g_ascii_strcasecmp (dot, ".png") == 0)
    *format = OC_PLOT_FORMAT_PNG;
  else if (g_ascii_strcasecmp (dot, ".svg") == 0)
    *format = OC_PLOT_FORMAT_SVG;
  else if (g_ascii_strcasecmp (dot, ".pdf") == 0)
    *format = OC_PLOT_FORMAT_PDF;
  else
    return FALSE;
  return TRUE;
}

static cairo_status_t
append (void *closure, const unsigned char *data, unsigned int length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static gboolean
check (cairo_status_t status, const char *what, GError **error)
{
  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;
  g_set_error (error, OC_ERROR, status == CAIRO_STATUS_NO_MEMORY ? OC_ERROR_NO_MEMORY : OC_ERROR_IO,
               _("Could not render the %s: %s"), what, cairo_status_to_string (status));
  return FALSE;
}

static void
sink_destroy (void *data)
{
  oc_plot_text_sink_free (data);
}

GBytes *
oc_plot_pages_render (OcPlotFormat format, guint n_pages, double width, double height,
                      double scale, const char *title, OcPlotPageFunc draw, gpointer user_data,
                      GError **error)
{
  g_autoptr (GByteArray) out = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_t *cr;
  gboolean ok = TRUE;

  g_return_val_if_fail (draw != NULL, NULL);
  g_return_val_if_fail (n_pages >= 1, NULL);
  g_return_val_if_fail (n_pages == 1 || format == OC_PLOT_FORMAT_PDF, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(width >= 16 && height >= 16 && width <= MAX_PIXELS_SIDE && height <= MAX_PIXELS_SIDE))
    {
      g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                   _("A figure of %g × %g is not possible; use 16 to %.0f per side"), width, height,
                   MAX_PIXELS_SIDE);
      return NULL;
    }
  if (format != OC_PLOT_FORMAT_PNG)
    scale = 1;
  if (!(scale > 0) || width * scale > MAX_PIXELS_SIDE || height * scale > MAX_PIXELS_SIDE
      || width * scale < 1 || height * scale < 1)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                   _("Scale %g makes a %g × %g figure %.0f × %.0f pixels; stay within 1 to %.0f"),
                   scale, width, height, width * scale, height * scale, MAX_PIXELS_SIDE);
      return NULL;
    }

  switch (format)
    {
    case OC_PLOT_FORMAT_SVG:
      surface = cairo_svg_surface_create_for_stream (append, out, width, height);
      cairo_svg_surface_restrict_to_version (surface, CAIRO_SVG_VERSION_1_1);
      /* Pixels, so a 1920×1080 figure rasterises to 1920×1080 at any viewer's DPI. */
      cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PX);
      break;
    case OC_PLOT_FORMAT_PDF:
      surface = cairo_pdf_surface_create_for_stream (append, out, width, height);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Occam");
      if (title)
        cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
      break;
    case OC_PLOT_FORMAT_PNG:
    default:
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (width * scale),
                                            (int) ceil (height * scale));
      break;
    }
  if (!check (cairo_surface_status (surface), "figure", error))
    {
      cairo_surface_destroy (surface);
      return NULL;
    }
  cr = cairo_create (surface);
  if (format == OC_PLOT_FORMAT_PNG)
    cairo_scale (cr, scale, scale);
  if (format == OC_PLOT_FORMAT_SVG)
    cairo_set_user_data (cr, (const cairo_user_data_key_t *) &oc_plot_text_sink_key,
                         oc_plot_text_sink_new (), sink_destroy);
  for (guint page = 0; ok && page < n_pages; page++)
    {
      ok = draw (cr, page, width, height, user_data, error)
           && check (cairo_status (cr), "figure", error);
      /* Each page of a PDF ends here; a single page is emitted when the surface finishes. */
      if (ok && page + 1 < n_pages)
        cairo_show_page (cr);
    }
  if (ok && format == OC_PLOT_FORMAT_PNG)
    ok = check (cairo_surface_write_to_png_stream (surface, append, out), "PNG", error);
  cairo_surface_finish (surface);
  if (ok)
    ok = check (cairo_surface_status (surface), "figure", error);
  if (ok && format == OC_PLOT_FORMAT_SVG)
    oc_plot_text_sink_finish (cairo_get_user_data (cr, (const cairo_user_data_key_t *)
                                                         &oc_plot_text_sink_key),
                              out);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  if (!ok)
    return NULL;
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

typedef struct
{
  const OcPlotFigure *figure;
  const OcPlotTheme  *theme;
} FigurePage;

static gboolean
draw_figure_page (cairo_t *cr, guint page, double width, double height, gpointer user_data,
                  GError **error)
{
  const FigurePage *p = user_data;

  oc_plot_figure_draw (p->figure, cr, width, height, p->theme);
  return TRUE;
}

GBytes *
oc_plot_figure_render (const OcPlotFigure *figure, const OcPlotTheme *theme, OcPlotFormat format,
                       double width, double height, double scale, GError **error)
{
  FigurePage page = { figure, theme };

  g_return_val_if_fail (figure != NULL, NULL);
  g_return_val_if_fail (theme != NULL, NULL);

  return oc_plot_pages_render (format, 1, width, height, scale, figure->title, draw_figure_page,
                               &page, error);
}

gboolean
oc_plot_figure_export (const OcPlotFigure *figure, const OcPlotTheme *theme, const char *path,
                       double width, double height, double scale, GError **error)
{
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) local = NULL;
  OcPlotFormat format;
  gsize size;
  const char *data;

  g_return_val_if_fail (figure != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!oc_plot_format_from_path (path, &format))
    {
      g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                   _("%s: unknown figure format; the name must end in .png, .svg or .pdf"), path);
      return FALSE;
    }
  bytes = oc_plot_figure_render (figure, theme, format, width, height, scale, error);
  if (bytes == NULL)
    return FALSE;
  data = g_bytes_get_data (bytes, &size);
  if (!g_file_set_contents_full (path, data, (gssize) size, G_FILE_SET_CONTENTS_CONSISTENT, 0666,
                                 &local))
    {
      g_set_error (error, OC_ERROR, OC_ERROR_IO, "%s", local->message);
      return FALSE;
    }
  return TRUE;
}
