/* oc-animation.h — a figure's frames as an animated GIF or a WebM video.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Frames come from a figure of the catalogue (oc_figure_catalog_build_frame: a sweep filling in,
 * a learning curve growing, a pruning figure across levels, the landscape replay) or from any
 * function that builds one figure per frame. Each frame is drawn by oc_plot_figure_draw() at a
 * fixed size and theme into one reused image and handed to the encoder before the next is
 * built, so memory stays that of a few frames however long the animation is.
 *
 *   GIF   giflib; each frame writes only the rectangle that changed, with a palette of its
 *         own colours (a figure has a handful of flat colours: they keep exact values,
 *         antialiased edges take the nearest); loops forever, the delays follow the frame
 *         rate, the last frame holds for hold_last.
 *   WebM  GStreamer: appsrc → videoconvert → vp8enc → webmmux → filesink; the last frame is
 *         repeated for hold_last.
 *
 * The file is written under a temporary name in the same folder and renamed over @path once
 * complete: a failure or a cancellation leaves nothing behind (and an existing file as it was).
 * No GTK; the caller's thread does the work (the window calls it from a worker thread).
 */
#pragma once

#include <gio/gio.h>

#include "occam-figures/oc-figure-catalog.h"
#include "occam-plot/oc-plot.h"

G_BEGIN_DECLS

typedef enum
{
  OC_ANIMATION_GIF,
  OC_ANIMATION_WEBM,
} OcAnimationFormat;

/* Sides in pixels, frame rates in frames per second (a GIF counts delays in hundredths of a
 * second, and players stretch anything under two to ten: 50 is as fast as a GIF goes). */
#define OC_ANIMATION_MIN_SIDE 64
#define OC_ANIMATION_MAX_SIDE 3840
#define OC_ANIMATION_MIN_FPS  1
#define OC_ANIMATION_MAX_FPS  50
#define OC_ANIMATION_MAX_HOLD 60.0

typedef struct
{
  guint         width, height; /* pixels, each OC_ANIMATION_MIN_SIDE … MAX_SIDE */
  guint         fps;           /* frames per second, OC_ANIMATION_MIN_FPS … MAX_FPS */
  OcPlotThemeId theme;
  double        hold_last;     /* seconds the last frame stays (0 … OC_ANIMATION_MAX_HOLD) */
  guint         max_frames;    /* a figure with more frames shows this many, evenly picked
                                * with the first and the last; 0: all of them */
} OcAnimationOptions;

/* 960×540, 10 fps, light theme, the last frame held 2 s, at most 300 frames. */
void     oc_animation_options_init (OcAnimationOptions *options);

/* FALSE with OC_ERROR_INVALID_ARGUMENT naming the field, its range and the value. */
gboolean oc_animation_options_check (const OcAnimationOptions *options, GError **error);

/* .gif or .webm, any case. */
gboolean oc_animation_format_from_path (const char *path, OcAnimationFormat *format);

/* Builds frame @frame; NULL with @error to stop. */
typedef OcPlotFigure *(*OcAnimationFrameFunc) (guint frame, gpointer user_data, GError **error);

/* Called after each frame is encoded: @done of @total, and the seconds spent so far. */
typedef void (*OcAnimationProgressFunc) (guint done, guint total, double elapsed,
                                         gpointer user_data);

/* Encodes @n_frames frames built by @frame_func into @path (its ending picks the format).
 * Errors: OC_ERROR_INVALID_ARGUMENT (options, an unknown ending), OC_ERROR_IO (the folder or the
 * file), OC_ERROR_NOT_FOUND (a GStreamer element missing: which package has it), the frame
 * function's, G_IO_ERROR_CANCELLED (checked before every frame). */
gboolean oc_animation_encode (OcAnimationFrameFunc frame_func, gpointer frame_data,
                              guint n_frames, const OcAnimationOptions *options,
                              const char *path, OcAnimationProgressFunc progress,
                              gpointer progress_data, GCancellable *cancellable,
                              GError **error);

/* How many frames oc_animation_write_figure() writes for a figure of @n_available frames. */
guint    oc_animation_count_frames (const OcAnimationOptions *options, guint n_available);

/* Figure @name (with @params) of @catalog, frame by frame (oc_figure_catalog_build_frame), at
 * most options->max_frames of them, into @path. Errors: the catalogue's (a figure without
 * frames, bad parameters) and oc_animation_encode()'s. */
gboolean oc_animation_write_figure (OcFigureCatalog *catalog, const char *name,
                                    const char *const *params,
                                    const OcAnimationOptions *options, const char *path,
                                    OcAnimationProgressFunc progress, gpointer progress_data,
                                    GCancellable *cancellable, GError **error);

G_END_DECLS
