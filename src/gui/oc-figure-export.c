/* oc-figure-export.c — see oc-figure-export.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "occam/oc-error.h"
#include "occam/oc-path-guard.h"
#include "oc-figure-export.h"
#include "oc-window.h"

const OcPlotTheme *
oc_export_theme (gboolean presentation)
{
  return oc_plot_theme_get (presentation ? OC_PLOT_THEME_PRESENTATION : OC_PLOT_THEME_LIGHT);
}

typedef struct
{
  const OcPlotFigure *figure;
  const OcPlotTheme  *theme;
} FigureDraw;

static void
draw_figure (cairo_t *cr, int width, int height, gpointer user_data)
{
  FigureDraw *d = user_data;

  oc_plot_figure_draw (d->figure, cr, width, height, d->theme);
}

GdkTexture *
oc_figure_render_texture (const OcPlotFigure *figure, const OcPlotTheme *theme, int width,
                          int height, GError **error)
{
  FigureDraw d = { figure, theme };

  return oc_render_texture (width, height, draw_figure, &d, error);
}

GdkTexture *
oc_render_texture (int width, int height, OcTextureDrawFunc draw, gpointer user_data,
                   GError **error)
{
  cairo_surface_t *surface;
  g_autoptr (GBytes) bytes = NULL;
  cairo_t *cr;
  int stride;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_NO_MEMORY, _("Could not allocate a %d × %d image"),
                   width, height);
      cairo_surface_destroy (surface);
      return NULL;
    }
  cr = cairo_create (surface);
  draw (cr, width, height, user_data);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  stride = cairo_image_surface_get_stride (surface);
  bytes = g_bytes_new (cairo_image_surface_get_data (surface), (gsize) stride * height);
  cairo_surface_destroy (surface);
  /* Cairo's ARGB32 is premultiplied native-endian 32-bit: GDK_MEMORY_DEFAULT is exactly that. */
  return gdk_memory_texture_new (width, height, GDK_MEMORY_DEFAULT, bytes, stride);
}

gboolean
oc_figure_copy (GtkWidget *widget, const OcPlotFigure *figure, const OcPlotTheme *theme,
                GError **error)
{
  g_autoptr (GdkTexture) texture = NULL;

  texture = oc_figure_render_texture (figure, theme, OC_EXPORT_WIDTH, OC_EXPORT_HEIGHT, error);
  if (texture == NULL)
    return FALSE;
  gdk_clipboard_set_texture (gtk_widget_get_clipboard (widget), texture);
  return TRUE;
}

gboolean
oc_figure_copy_as (GtkWidget *widget, const OcPlotFigure *figure, const OcPlotTheme *theme,
                   OcFigureCopy what, GError **error)
{
  g_autoptr (GdkContentProvider) provider = NULL;
  g_autoptr (GBytes) bytes = NULL;

  g_return_val_if_fail (GTK_IS_WIDGET (widget) && figure != NULL && theme != NULL, FALSE);

  switch (what)
    {
    case OC_FIGURE_COPY_IMAGE:
      return oc_figure_copy (widget, figure, theme, error);
    case OC_FIGURE_COPY_SVG:
      bytes = oc_plot_figure_render (figure, theme, OC_PLOT_FORMAT_SVG, OC_EXPORT_WIDTH,
                                     OC_EXPORT_HEIGHT, 1, error);
      if (bytes == NULL)
        return FALSE;
      provider = gdk_content_provider_new_for_bytes ("image/svg+xml", bytes);
      break;
    case OC_FIGURE_COPY_DATA:
      {
        char *csv = oc_plot_figure_to_csv (figure);
        GdkContentProvider *providers[2];

        bytes = g_bytes_new_take (csv, strlen (csv));
        providers[0] = gdk_content_provider_new_for_bytes ("text/csv", bytes);
        providers[1] = gdk_content_provider_new_for_bytes ("text/plain;charset=utf-8", bytes);
        provider = gdk_content_provider_new_union (providers, 2);
        break;
      }
    default:
      g_return_val_if_reached (FALSE);
    }
  return gdk_clipboard_set_content (gtk_widget_get_clipboard (widget), provider);
}

const char *
oc_figure_copy_done (OcFigureCopy what)
{
  switch (what)
    {
    case OC_FIGURE_COPY_SVG:
      return _("Figure copied as SVG");
    case OC_FIGURE_COPY_DATA:
      return _("Figure data copied as CSV");
    case OC_FIGURE_COPY_IMAGE:
    default:
      return _("Figure copied");
    }
}

const OcPlotTheme *
oc_export_theme_for (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GSettings *settings = OC_IS_WINDOW (root) ? oc_window_get_settings (OC_WINDOW (root)) : NULL;

  return oc_export_theme (settings != NULL
                          && g_settings_get_boolean (settings, "presentation-exports"));
}

gboolean
oc_export_check_target (OcStore *store, const char *path, GError **error)
{
  g_autoptr (OcPathGuard) guard = NULL;

  if (store == NULL)
    return TRUE;
  guard = oc_path_guard_new ();
  oc_path_guard_add_store (guard, oc_store_get_path (store), NULL, NULL);
  return oc_path_guard_check (guard, path, "", error);
}

gboolean
oc_figure_export_to_file (const OcPlotFigure *figure, const OcPlotTheme *theme, OcStore *store,
                          const char *path, GError **error)
{
  OcPlotFormat format;

  if (!oc_plot_format_from_path (path, &format))
    {
      g_set_error_literal (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                           _("End the file name in .png, .svg or .pdf"));
      return FALSE;
    }
  if (!oc_export_check_target (store, path, error))
    return FALSE;
  return oc_plot_figure_export (figure, theme, path, OC_EXPORT_WIDTH, OC_EXPORT_HEIGHT,
                                OC_EXPORT_SCALE, error);
}

typedef struct
{
  GtkWindow         *parent;
  GPtrArray         *views;
  const OcPlotTheme *theme;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_object_unref (job->parent);
  g_ptr_array_unref (job->views);
  g_free (job);
}

static char *
file_name_for (OcFigureView *view)
{
  const char *name = oc_figure_view_get_name (view);
  g_autofree char *lower = g_ascii_strdown (name ? name : "figure", -1);

  return g_strdup_printf ("%s.png", g_strdelimit (lower, " /", '-'));
}

static void
on_export_response (GtkNativeDialog *dialog, int response, gpointer user_data)
{
  ExportJob *job = user_data;
  g_autoptr (GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;
  OcFigureView *view = g_ptr_array_index (job->views, 0);
  OcStore *store = OC_IS_WINDOW (job->parent)
                   ? oc_workspace_get_store (oc_window_get_workspace (OC_WINDOW (job->parent)))
                   : NULL;
  const char *choice;

  if (response != GTK_RESPONSE_ACCEPT)
    goto out;
  choice = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (dialog), "figure");
  if (choice != NULL)
    view = g_ptr_array_index (job->views, MIN ((guint) atoi (choice), job->views->len - 1));
  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  path = file ? g_file_get_path (file) : NULL;
  if (path == NULL)
    oc_window_toast (GTK_WIDGET (job->parent), _("Figures can only be saved to local files"));
  else if (!oc_figure_export_to_file (oc_figure_view_get_figure (view), job->theme, store, path,
                                      &error))
    oc_window_toast (GTK_WIDGET (job->parent), error->message);
  else
    {
      g_autofree char *base = g_path_get_basename (path);
      g_autofree char *text = g_strdup_printf (_("Saved %s"), base);

      oc_window_toast (GTK_WIDGET (job->parent), text);
    }
out:
  export_job_free (job);
  g_object_unref (dialog);
}

void
oc_figure_export_run (GtkWindow *parent, GPtrArray *views, const OcPlotTheme *theme)
{
  GtkFileChooserNative *dialog;
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  ExportJob *job;

  g_return_if_fail (views != NULL && views->len > 0);

  dialog = gtk_file_chooser_native_new (_("Export Figure"), parent, GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_filter_set_name (filter, _("PNG, SVG or PDF"));
  gtk_file_filter_add_suffix (filter, "png");
  gtk_file_filter_add_suffix (filter, "svg");
  gtk_file_filter_add_suffix (filter, "pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  name = file_name_for (g_ptr_array_index (views, 0));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  if (views->len > 1)
    {
      g_autoptr (GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
      g_autoptr (GPtrArray) labels = g_ptr_array_new ();

      for (guint i = 0; i < views->len; i++)
        {
          g_ptr_array_add (ids, g_strdup_printf ("%u", i));
          g_ptr_array_add (labels, (gpointer) oc_figure_view_get_name (views->pdata[i]));
        }
      g_ptr_array_add (ids, NULL);
      g_ptr_array_add (labels, NULL);
      gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (dialog), "figure", _("Figure"),
                                   (const char **) ids->pdata, (const char **) labels->pdata);
      gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (dialog), "figure", "0");
    }
  job = g_new0 (ExportJob, 1);
  job->parent = g_object_ref (parent);
  job->views = g_ptr_array_ref (views);
  job->theme = theme;
  g_signal_connect (dialog, "response", G_CALLBACK (on_export_response), job);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}
