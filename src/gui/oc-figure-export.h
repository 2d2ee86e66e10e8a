/* oc-figure-export.h — the visible figure to a file (PNG/SVG/PDF) or to the clipboard.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "occam/oc-store.h"
#include "occam-plot/oc-plot.h"
#include "oc-figure-view.h"

G_BEGIN_DECLS

/* Exports are laid out as a 16:9 slide; PNGs get 1.5 pixels per unit (1920 × 1080). */
#define OC_EXPORT_WIDTH  1280
#define OC_EXPORT_HEIGHT 720
#define OC_EXPORT_SCALE  1.5

/* The theme of exported figures: light, or presentation when @presentation. */
const OcPlotTheme *oc_export_theme (gboolean presentation);

/* Draws into @cr over (0, 0, @width, @height). */
typedef void (*OcTextureDrawFunc) (cairo_t *cr, int width, int height, gpointer user_data);

/* Renders what @draw draws into a new texture of @width × @height pixels (premultiplied BGRA). */
GdkTexture *oc_render_texture (int width, int height, OcTextureDrawFunc draw, gpointer user_data,
                               GError **error);

/* Renders @figure into a new texture of @width × @height pixels (premultiplied BGRA). */
GdkTexture *oc_figure_render_texture (const OcPlotFigure *figure, const OcPlotTheme *theme,
                                      int width, int height, GError **error);

/* Puts @figure on @widget's clipboard as an image. */
gboolean    oc_figure_copy (GtkWidget *widget, const OcPlotFigure *figure,
                            const OcPlotTheme *theme, GError **error);

/* What Copy puts on the clipboard: the figure as an image (a texture at the export size), as an
 * SVG document (image/svg+xml, the SVG export's bytes), or its data as CSV (text/csv and
 * text/plain, oc_plot_figure_to_csv). */
typedef enum
{
  OC_FIGURE_COPY_IMAGE,
  OC_FIGURE_COPY_SVG,
  OC_FIGURE_COPY_DATA,
} OcFigureCopy;

/* Puts @figure on @widget's clipboard as @what. */
gboolean    oc_figure_copy_as (GtkWidget *widget, const OcPlotFigure *figure,
                               const OcPlotTheme *theme, OcFigureCopy what, GError **error);
/* The toast that says it worked ("Figure data copied as CSV"). */
const char *oc_figure_copy_done (OcFigureCopy what);
/* The theme exports and copies from @widget's window use: light, or presentation when the
 * window's settings ask for it. */
const OcPlotTheme *oc_export_theme_for (GtkWidget *widget);

/* FALSE with a message for a toast when @path is the file of @store (NULL: no store) or one of
 * the files SQLite keeps beside it: no export writes over the experiment store
 * (oc_path_guard_check). */
gboolean    oc_export_check_target (OcStore *store, const char *path, GError **error);

/* Writes @figure to @path as Export does: PNG, SVG or PDF by the name's ending, laid out at
 * OC_EXPORT_WIDTH × OC_EXPORT_HEIGHT, PNGs at OC_EXPORT_SCALE. Refuses another ending and a
 * @path that is @store's file (oc_export_check_target) before writing anything. */
gboolean    oc_figure_export_to_file (const OcPlotFigure *figure, const OcPlotTheme *theme,
                                      OcStore *store, const char *path, GError **error);

/* Asks for a file name with a GtkFileChooserNative (with a choice between @views when there are
 * several) and writes the chosen figure there (oc_figure_export_to_file, with the store of
 * @parent's workspace when it is an OcWindow); errors and success become toasts on @parent. */
void        oc_figure_export_run (GtkWindow *parent, GPtrArray *views, const OcPlotTheme *theme);

G_END_DECLS
