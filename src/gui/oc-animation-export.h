/* oc-animation-export.h — Export Animation…: a stored experiment's figure as it grew, to a GIF
 * or a WebM file, from the window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The frames come from the stored results (oc_figure_catalog_build_frame), drawn at the export
 * size with the export theme; a worker thread with its own store connection encodes them
 * (oc_animation_write_figure) while the window shows the progress and can stop it.
 */
#pragma once

#include <adwaita.h>

#include "occam/oc-store.h"
#include "occam-figures/oc-animation.h"
#include "oc-page.h"

G_BEGIN_DECLS

/* Writes figure @figure of experiment @experiment_id (in the store at @store_path) to @path on
 * a worker thread; @done_out (may be NULL) and @total_out count the frames as they go (read
 * them on the main thread; they are written atomically). @callback runs on the main thread. */
void     oc_animation_export_start  (const char *store_path, const char *experiment_id,
                                     const char *figure, const OcAnimationOptions *options,
                                     const char *path, gint *done_out, gint *total_out,
                                     GCancellable *cancellable, GAsyncReadyCallback callback,
                                     gpointer user_data);
gboolean oc_animation_export_finish (GAsyncResult *result, GError **error);

/* The figure name of the catalogue that a figure view named @view_name shows
 * ("Double descent" → "double-descent"). */
char    *oc_animation_export_figure_name (const char *view_name);

/* The dialog: the experiment (those @page opens, newest first), one of its animated figures
 * (the visible @views' first that has frames, when there is one) and GIF or WebM; then a file
 * name, then the progress with Stop, then a toast on @parent. */
void     oc_animation_export_run    (GtkWindow *parent, OcPage *page, GPtrArray *views,
                                     OcStore *store, OcPlotThemeId theme);

G_END_DECLS
