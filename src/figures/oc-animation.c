/* oc-animation.c — see oc-animation.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One loop for both formats: build a frame, draw it into the one image surface, hand the pixels
 * to the encoder, free the figure. An encoder is three calls (open on the temporary file, add a
 * frame with its display time, close) so the loop knows nothing of giflib or GStreamer.
 */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <gif_lib.h>
#include <gst/app/gstappsrc.h>
#include <gst/gst.h>

#include "occam/oc-error.h"
#include "occam-figures/oc-animation.h"
#include "oc-config.h"
#include <glib/gi18n-lib.h>

void
oc_animation_options_init (OcAnimationOptions *o)
{
  g_return_if_fail (o != NULL);

  o->width = 960;
  o->height = 540;
  o->fps = 10;
  o->theme = OC_PLOT_THEME_LIGHT;
  o->hold_last = 2;
  o->max_frames = 300;
}

gboolean
oc_animation_options_check (const OcAnimationOptions *o, GError **error)
{
  g_return_val_if_fail (o != NULL, FALSE);

  if (o->width < OC_ANIMATION_MIN_SIDE || o->width > OC_ANIMATION_MAX_SIDE
      || o->height < OC_ANIMATION_MIN_SIDE || o->height > OC_ANIMATION_MAX_SIDE)
    g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                 _("size %ux%u: each side must be %d to %d pixels"), o->width, o->height,
                 OC_ANIMATION_MIN_SIDE, OC_ANIMATION_MAX_SIDE);
  else if (o->fps < OC_ANIMATION_MIN_FPS || o->fps > OC_ANIMATION_MAX_FPS)
    g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                 _("frame rate %u: expected %d to %d frames per second"), o->fps,
                 OC_ANIMATION_MIN_FPS, OC_ANIMATION_MAX_FPS);
  else if (!(o->hold_last >= 0 && o->hold_last <= OC_ANIMATION_MAX_HOLD))
    g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                 _("holding the last frame %g s: expected 0 to %g seconds"), o->hold_last,
                 OC_ANIMATION_MAX_HOLD);
  else
    return TRUE;
  return FALSE;
}

gboolean
oc_animation_format_from_path (const char *path, OcAnimationFormat *format)
{
  const char *dot;

  g_return_val_if_fail (path != NULL && format != NULL, FALSE);

  dot = strrchr (path, '.');
  if (dot == NULL || strchr (dot, '/') != NULL)
    return FALSE;
  if (g_ascii_strcasecmp (dot, ".gif") == 0)
    *format = OC_ANIMATION_GIF;
  else if (g_ascii_strcasecmp (dot, ".webm") == 0)
    *format = OC_ANIMATION_WEBM;
  else
    return FALSE;
  return TRUE;
}

/* ---- GIF ---- */

/* Colours are counted in 5-5-5 bins; a figure's flat colours fill few bins, each averaged to
 * its exact colour, and every other bin (antialiased edges) maps to the nearest palette entry. */
#define GIF_BINS (1 << 15)

typedef struct
{
  GifFileType  *gif;
  guint         width, height;
  guint64      *count;   /* [GIF_BINS] pixels per bin */
  guint64      *sum;     /* [GIF_BINS * 3] their r, g, b */
  gint16       *entry;   /* [GIF_BINS] palette entry of each bin, −1: not yet looked up */
  GifByteType  *indices; /* [width * height] the changed rectangle in palette entries */
  guint32      *prev;    /* [width * height] the previous frame */
  gboolean      first_done;
} GifEncoder;

static gboolean
gif_fail (int code, const char *path, const char *what, GError **error)
{
  const char *reason = GifErrorString (code);

  g_set_error (error, OC_ERROR, OC_ERROR_IO, _("%s: cannot %s the GIF: %s"), path, what,
               reason != NULL ? reason : "unknown error");
  return FALSE;
}

static void
gif_encoder_free (GifEncoder *g)
{
  int code;

  if (g->gif != NULL)
    EGifCloseFile (g->gif, &code);
  g_free (g->count);
  g_free (g->sum);
  g_free (g->entry);
  g_free (g->indices);
  g_free (g->prev);
  g_free (g);
}

static gboolean
gif_open (GifEncoder **out, int fd, const char *path, guint width, guint height,
          GError **error)
{
  /* The Netscape extension: loop forever. */
  static const GifByteType loop[] = { 1, 0, 0 };
  GifEncoder *g = g_new0 (GifEncoder, 1);
  int code = 0;

  g->width = width;
  g->height = height;
  g->count = g_new (guint64, GIF_BINS);
  g->sum = g_new (guint64, GIF_BINS * 3);
  g->entry = g_new (gint16, GIF_BINS);
  g->indices = g_try_malloc ((gsize) width * height);
  *out = g;
  if (g->indices == NULL || (g->prev = g_try_malloc ((gsize) width * height * 4)) == NULL)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_NO_MEMORY,
                   _("not enough memory for a %u × %u frame"), width, height);
      return FALSE;
    }
  g->gif = EGifOpenFileHandle (fd, &code);
  if (g->gif == NULL)
    return gif_fail (code, path, "start", error);
  EGifSetGifVersion (g->gif, true);
  if (EGifPutScreenDesc (g->gif, (int) width, (int) height, 8, 0, NULL) == GIF_ERROR
      || EGifPutExtensionLeader (g->gif, APPLICATION_EXT_FUNC_CODE) == GIF_ERROR
      || EGifPutExtensionBlock (g->gif, 11, "NETSCAPE2.0") == GIF_ERROR
      || EGifPutExtensionBlock (g->gif, sizeof loop, loop) == GIF_ERROR
      || EGifPutExtensionTrailer (g->gif) == GIF_ERROR)
    return gif_fail (g->gif->Error, path, "write", error);
  return TRUE;
}

static guint
bin_of (guint32 px)
{
  return ((px >> 19) & 0x1f) << 10 | ((px >> 11) & 0x1f) << 5 | ((px >> 3) & 0x1f);
}

static int
compare_count_desc (gconstpointer a, gconstpointer b, gpointer data)
{
  const guint64 *count = data;
  guint64 x = count[*(const guint *) a], y = count[*(const guint *) b];

  return (x < y) - (x > y);
}

/* The rectangle [x0, x1) × [y0, y1) where @pixels differ from the previous frame: only that
 * part is written, over what the previous frames left (a growing curve changes a strip, the
 * replay a ball and a cursor). The whole frame when there is no previous one, one pixel when
 * nothing changed (a frame needs an image). */
static void
changed_rect (const GifEncoder *g, const guchar *pixels, int stride, guint *x0, guint *y0,
              guint *x1, guint *y1)
{
  *x0 = g->width;
  *y0 = g->height;
  *x1 = *y1 = 0;
  if (!g->first_done)
    {
      *x0 = *y0 = 0;
      *x1 = g->width;
      *y1 = g->height;
      return;
    }
  for (guint y = 0; y < g->height; y++)
    {
      const guint32 *row = (const guint32 *) (pixels + (gsize) y * stride);
      const guint32 *old = g->prev + (gsize) y * g->width;

      if (memcmp (row, old, sizeof (guint32) * g->width) == 0)
        continue;
      *y0 = MIN (*y0, y);
      *y1 = y + 1;
      for (guint x = 0; x < g->width; x++)
        if ((row[x] ^ old[x]) & 0xffffff)
          {
            *x0 = MIN (*x0, x);
            *x1 = MAX (*x1, x + 1);
          }
    }
  if (*x1 <= *x0 || *y1 <= *y0)
    {
      *x0 = *y0 = 0;
      *x1 = *y1 = 1;
    }
}

/* @pixels: cairo ARGB32 (opaque: the figure paints its background), @stride bytes a row.
 * @delay in hundredths of a second. */
static gboolean
gif_add (GifEncoder *g, const guchar *pixels, int stride, guint delay, const char *path,
         GError **error)
{
  GifColorType colors[256];
  g_autoptr (GArray) used = g_array_new (FALSE, FALSE, sizeof (guint));
  GraphicsControlBlock gcb = { DISPOSE_DO_NOT, false, (int) MIN (delay, 65535),
                               NO_TRANSPARENT_COLOR };
  GifByteType ext[4];
  ColorMapObject *map;
  guint n_colors, x0, y0, x1, y1, w;
  gboolean ok;

  changed_rect (g, pixels, stride, &x0, &y0, &x1, &y1);
  w = x1 - x0;
  memset (g->count, 0, sizeof (guint64) * GIF_BINS);
  memset (g->sum, 0, sizeof (guint64) * GIF_BINS * 3);
  for (guint y = y0; y < y1; y++)
    {
      const guint32 *row = (const guint32 *) (pixels + (gsize) y * stride);

      for (guint x = x0; x < x1; x++)
        {
          guint b = bin_of (row[x]);

          g->count[b]++;
          g->sum[3 * b] += (row[x] >> 16) & 0xff;
          g->sum[3 * b + 1] += (row[x] >> 8) & 0xff;
          g->sum[3 * b + 2] += row[x] & 0xff;
        }
    }
  for (guint b = 0; b < GIF_BINS; b++)
    {
      g->entry[b] = -1;
      if (g->count[b] > 0)
        g_array_append_val (used, b);
    }
  /* The most frequent colours: background, text, the series' flat colours. */
  g_array_sort_with_data (used, compare_count_desc, g->count);
  n_colors = MIN (used->len, 256);
  for (guint k = 0; k < n_colors; k++)
    {
      guint b = g_array_index (used, guint, k);

      colors[k].Red = (GifByteType) ((g->sum[3 * b] + g->count[b] / 2) / g->count[b]);
      colors[k].Green = (GifByteType) ((g->sum[3 * b + 1] + g->count[b] / 2) / g->count[b]);
      colors[k].Blue = (GifByteType) ((g->sum[3 * b + 2] + g->count[b] / 2) / g->count[b]);
      g->entry[b] = (gint16) k;
    }
  for (guint k = n_colors; k < 256; k++)
    colors[k] = colors[0];
  for (guint y = y0; y < y1; y++)
    {
      const guint32 *row = (const guint32 *) (pixels + (gsize) y * stride);

      for (guint x = x0; x < x1; x++)
        {
          guint b = bin_of (row[x]);

          if (g->entry[b] < 0)
            {
              int r = (row[x] >> 16) & 0xff, gr = (row[x] >> 8) & 0xff, bl = row[x] & 0xff;
              int best = 0, best_d = G_MAXINT;

              for (guint k = 0; k < n_colors; k++)
                {
                  int dr = r - colors[k].Red, dg = gr - colors[k].Green, db = bl - colors[k].Blue;
                  int d = 2 * dr * dr + 4 * dg * dg + 3 * db * db;

                  if (d < best_d)
                    {
                      best_d = d;
                      best = (int) k;
                    }
                }
              g->entry[b] = (gint16) best;
            }
          g->indices[(gsize) (y - y0) * w + (x - x0)] = (GifByteType) g->entry[b];
        }
    }
  for (guint y = 0; y < g->height; y++)
    memcpy (g->prev + (gsize) y * g->width, pixels + (gsize) y * stride,
            sizeof (guint32) * g->width);
  g->first_done = TRUE;
  map = GifMakeMapObject (256, colors);
  if (map == NULL)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_NO_MEMORY, _("not enough memory for a GIF palette"));
      return FALSE;
    }
  EGifGCBToExtension (&gcb, ext);
  ok = EGifPutExtension (g->gif, GRAPHICS_EXT_FUNC_CODE, 4, ext) != GIF_ERROR
       && EGifPutImageDesc (g->gif, (int) x0, (int) y0, (int) w, (int) (y1 - y0), false, map)
            != GIF_ERROR;
  for (guint y = y0; ok && y < y1; y++)
    ok = EGifPutLine (g->gif, g->indices + (gsize) (y - y0) * w, (int) w) != GIF_ERROR;
  GifFreeMapObject (map);
  return ok || gif_fail (g->gif->Error, path, "write", error);
}

static gboolean
gif_close (GifEncoder *g, const char *path, GError **error)
{
  int code = 0;
  int status = EGifCloseFile (g->gif, &code);

  g->gif = NULL;
  return status != GIF_ERROR || gif_fail (code, path, "finish", error);
}

/* ---- WebM ---- */

typedef struct
{
  GstElement *pipeline;
  GstElement *src;
  guint       fps;
  guint64     n_pushed;
  gsize       frame_bytes;
} WebmEncoder;

static void
webm_encoder_free (WebmEncoder *w)
{
  if (w->pipeline != NULL)
    {
      gst_element_set_state (w->pipeline, GST_STATE_NULL);
      gst_object_unref (w->pipeline);
    }
  g_free (w);
}

/* The pipeline's error, if it has one, as ours. */
static gboolean
webm_check_bus (WebmEncoder *w, const char *path, GstClockTime wait, GError **error)
{
  g_autoptr (GstBus) bus = gst_element_get_bus (w->pipeline);
  GstMessage *msg = gst_bus_timed_pop_filtered (bus, wait, GST_MESSAGE_ERROR | GST_MESSAGE_EOS);
  g_autoptr (GError) gst_error = NULL;

  if (msg == NULL || GST_MESSAGE_TYPE (msg) == GST_MESSAGE_EOS)
    {
      g_clear_pointer (&msg, gst_message_unref);
      return TRUE;
    }
  gst_message_parse_error (msg, &gst_error, NULL);
  gst_message_unref (msg);
  g_set_error (error, OC_ERROR, OC_ERROR_IO, _("%s: cannot write the WebM video: %s"), path,
               gst_error != NULL ? gst_error->message : "GStreamer error");
  return FALSE;
}

static gboolean
webm_open (WebmEncoder **out, const char *tmp_path, const char *path, guint width, guint height,
           guint fps, GError **error)
{
  static const char *const names[] = { "appsrc", "videoconvert", "vp8enc", "webmmux",
                                       "filesink" };
  static const char *const packages[] = { "gstreamer1.0-plugins-base",
                                          "gstreamer1.0-plugins-base",
                                          "gstreamer1.0-plugins-good",
                                          "gstreamer1.0-plugins-good",
                                          "libgstreamer1.0-0" };
  WebmEncoder *w = g_new0 (WebmEncoder, 1);
  GstElement *e[G_N_ELEMENTS (names)];
  g_autoptr (GstCaps) caps = NULL;
  g_autoptr (GError) init_error = NULL;
  double pixels = (double) width * height;

  *out = w;
  w->fps = fps;
  w->frame_bytes = (gsize) width * height * 4;
  if (!gst_init_check (NULL, NULL, &init_error))
    {
      g_set_error (error, OC_ERROR, OC_ERROR_IO, _("cannot start GStreamer for the WebM video: %s"),
                   init_error->message);
      return FALSE;
    }
  w->pipeline = gst_pipeline_new ("occam-animation");
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      e[i] = gst_element_factory_make (names[i], NULL);
      if (e[i] == NULL)
        {
          g_set_error (error, OC_ERROR, OC_ERROR_NOT_FOUND,
                       _("GStreamer has no %s element, which a WebM video needs: install %s"),
                       names[i], packages[i]);
          for (guint k = 0; k < i; k++)
            gst_object_unref (e[k]);
          return FALSE;
        }
    }
  gst_bin_add_many (GST_BIN (w->pipeline), e[0], e[1], e[2], e[3], e[4], NULL);
  w->src = e[0];
  /* BGRx is cairo's ARGB32 in memory on a little-endian machine; the alpha is opaque anyway. */
  caps = gst_caps_new_simple ("video/x-raw", "format", G_TYPE_STRING,
                              G_BYTE_ORDER == G_LITTLE_ENDIAN ? "BGRx" : "xRGB", "width",
                              G_TYPE_INT, (int) width, "height", G_TYPE_INT, (int) height,
                              "framerate", GST_TYPE_FRACTION, (int) fps, 1, NULL);
  /* Blocking with room for two frames: the encoder pulls as it goes, memory stays bounded. */
  g_object_set (e[0], "caps", caps, "format", GST_FORMAT_TIME, "block", TRUE, "max-bytes",
                (guint64) (2 * w->frame_bytes), NULL);
  /* Figures are mostly flat colour with thin lines and text: a generous bit rate for their
   * size keeps the text sharp (3 Mbit/s at 1280×720, scaled by the pixels), and no look-ahead
   * so frames leave as they come. */
  g_object_set (e[2], "target-bitrate", (int) MIN (3e6 * pixels / (1280.0 * 720.0), 2e9),
                "lag-in-frames", 0, "deadline", (gint64) 1, "keyframe-max-dist", (int) (5 * fps),
                NULL);
  g_object_set (e[4], "location", tmp_path, NULL);
  if (!gst_element_link_many (e[0], e[1], e[2], e[3], e[4], NULL))
    {
      g_set_error (error, OC_ERROR, OC_ERROR_IO, _("%s: cannot build the WebM pipeline"), path);
      return FALSE;
    }
  if (gst_element_set_state (w->pipeline, GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE)
    {
      if (webm_check_bus (w, path, 0, error))
        g_set_error (error, OC_ERROR, OC_ERROR_IO, _("%s: cannot start the WebM pipeline"), path);
      return FALSE;
    }
  return TRUE;
}

/* Pushes the frame @repeat times (the held last frame). */
static gboolean
webm_add (WebmEncoder *w, const guchar *pixels, guint repeat, const char *path, GError **error)
{
  for (guint r = 0; r < repeat; r++)
    {
      GstBuffer *buffer = gst_buffer_new_memdup (pixels, w->frame_bytes);

      GST_BUFFER_PTS (buffer) = gst_util_uint64_scale (w->n_pushed, GST_SECOND, w->fps);
      GST_BUFFER_DURATION (buffer) = gst_util_uint64_scale (w->n_pushed + 1, GST_SECOND, w->fps)
                                     - GST_BUFFER_PTS (buffer);
      w->n_pushed++;
      if (gst_app_src_push_buffer (GST_APP_SRC (w->src), buffer) != GST_FLOW_OK)
        {
          if (webm_check_bus (w, path, 0, error))
            g_set_error (error, OC_ERROR, OC_ERROR_IO, _("%s: the WebM encoder stopped"), path);
          return FALSE;
        }
      if (!webm_check_bus (w, path, 0, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
webm_close (WebmEncoder *w, const char *path, GError **error)
{
  gst_app_src_end_of_stream (GST_APP_SRC (w->src));
  /* Waits for the muxer to finish the file (end of stream) or fail. */
  return webm_check_bus (w, path, GST_CLOCK_TIME_NONE, error);
}

/* ---- The loop ---- */

/* The temporary file next to @path: ".NAME.XXXXXX", renamed over @path when complete. */
static int
open_temporary (const char *path, char **tmp_out, GError **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *tmp = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);
  int fd = g_mkstemp_full (tmp, O_RDWR, 0666);

  if (fd < 0)
    {
      int errsv = errno;

      g_set_error (error, OC_ERROR, OC_ERROR_IO, _("%s: cannot write in %s: %s"), path, dir,
                   g_strerror (errsv));
      return -1;
    }
  *tmp_out = g_steal_pointer (&tmp);
  return fd;
}

/* Frame @k ends at round(100 (k + 1) / fps) hundredths: the delays add up to the frame rate
 * even when 100 / fps is not whole. */
static guint
gif_delay (guint k, guint fps)
{
  return (guint) (lround (100.0 * (k + 1) / fps) - lround (100.0 * k / fps));
}

gboolean
oc_animation_encode (OcAnimationFrameFunc frame_func, gpointer frame_data, guint n_frames,
                     const OcAnimationOptions *o, const char *path,
                     OcAnimationProgressFunc progress, gpointer progress_data,
                     GCancellable *cancellable, GError **error)
{
  const OcPlotTheme *theme;
  OcAnimationFormat format;
  g_autofree char *tmp = NULL;
  GifEncoder *gif = NULL;
  WebmEncoder *webm = NULL;
  cairo_surface_t *surface = NULL;
  gint64 start = g_get_monotonic_time ();
  gboolean ok;
  int fd;

  g_return_val_if_fail (frame_func != NULL && o != NULL && path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!oc_animation_options_check (o, error))
    return FALSE;
  if (!oc_animation_format_from_path (path, &format))
    {
      g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                   _("%s: unknown animation format; the name must end in .gif or .webm"), path);
      return FALSE;
    }
  if (n_frames == 0)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT, _("%s: no frames to write"), path);
      return FALSE;
    }
  theme = oc_plot_theme_get (o->theme);
  fd = open_temporary (path, &tmp, error);
  if (fd < 0)
    return FALSE;
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) o->width, (int) o->height);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_NO_MEMORY, _("not enough memory for a %u × %u frame"),
                   o->width, o->height);
      close (fd);
      ok = FALSE;
    }
  else if (format == OC_ANIMATION_GIF)
    {
      /* giflib owns the descriptor from here and closes it. */
      ok = gif_open (&gif, fd, path, o->width, o->height, error);
      if (gif->gif == NULL)
        close (fd);
      fd = -1;
    }
  else
    {
      close (fd);
      fd = -1;
      ok = webm_open (&webm, tmp, path, o->width, o->height, o->fps, error);
    }
  for (guint k = 0; ok && k < n_frames; k++)
    {
      g_autoptr (OcPlotFigure) figure = NULL;
      cairo_t *cr;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          ok = FALSE;
          break;
        }
      figure = frame_func (k, frame_data, error);
      if (figure == NULL)
        {
          ok = FALSE;
          break;
        }
      cr = cairo_create (surface);
      oc_plot_figure_draw (figure, cr, o->width, o->height, theme);
      cairo_destroy (cr);
      cairo_surface_flush (surface);
      if (gif != NULL)
        ok = gif_add (gif, cairo_image_surface_get_data (surface),
                      cairo_image_surface_get_stride (surface),
                      gif_delay (k, o->fps)
                        + (k + 1 == n_frames ? (guint) lround (100 * o->hold_last) : 0),
                      path, error);
      else
        ok = webm_add (webm, cairo_image_surface_get_data (surface),
                       k + 1 == n_frames ? 1 + (guint) lround (o->hold_last * o->fps) : 1,
                       path, error);
      if (ok && progress != NULL)
        progress (k + 1, n_frames, (g_get_monotonic_time () - start) / 1e6, progress_data);
    }
  if (ok)
    ok = gif != NULL ? gif_close (gif, path, error) : webm_close (webm, path, error);
  g_clear_pointer (&gif, gif_encoder_free);
  g_clear_pointer (&webm, webm_encoder_free);
  g_clear_pointer (&surface, cairo_surface_destroy);
  if (ok && g_rename (tmp, path) != 0)
    {
      int errsv = errno;

      g_set_error (error, OC_ERROR, OC_ERROR_IO, _("%s: cannot replace it: %s"), path,
                   g_strerror (errsv));
      ok = FALSE;
    }
  if (!ok)
    g_unlink (tmp);
  return ok;
}

guint
oc_animation_count_frames (const OcAnimationOptions *o, guint n_available)
{
  g_return_val_if_fail (o != NULL, 0);

  return o->max_frames > 0 ? MIN (n_available, o->max_frames) : n_available;
}

typedef struct
{
  OcFigureCatalog    *catalog;
  const char         *name;
  const char *const *params;
  guint               n_available, n_frames;
} FigureFrames;

static OcPlotFigure *
figure_frame (guint k, gpointer user_data, GError **error)
{
  FigureFrames *ff = user_data;
  /* Evenly picked, the first and the last always among them. */
  guint frame = ff->n_frames > 1 ? (guint) ((guint64) k * (ff->n_available - 1)
                                            / (ff->n_frames - 1))
                                 : ff->n_available - 1;

  return oc_figure_catalog_build_frame (ff->catalog, ff->name, ff->params, frame, error);
}

gboolean
oc_animation_write_figure (OcFigureCatalog *catalog, const char *name, const char *const *params,
                           const OcAnimationOptions *o, const char *path,
                           OcAnimationProgressFunc progress, gpointer progress_data,
                           GCancellable *cancellable, GError **error)
{
  FigureFrames ff = { catalog, name, params, 0, 0 };

  g_return_val_if_fail (catalog != NULL && name != NULL && o != NULL && path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  ff.n_available = oc_figure_catalog_count_frames (catalog, name, params, error);
  if (ff.n_available == 0)
    return FALSE;
  ff.n_frames = oc_animation_count_frames (o, ff.n_available);
  return oc_animation_encode (figure_frame, &ff, ff.n_frames, o, path, progress, progress_data,
                              cancellable, error);
}
