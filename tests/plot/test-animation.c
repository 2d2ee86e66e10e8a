/* test-animation.c — GIF and WebM animations: frames, sizes, delays and durations read back
 * with a decoder, bounded memory over a long animation, and no output on failure.
 *
 * The GIF is decoded with giflib's reader (a separate code path from the writer); the WebM is
 * probed with gst-discoverer-1.0 (gstreamer1.0-plugins-base-apps), as a user would.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>
#include <sys/resource.h>

#include <gif_lib.h>
#include <glib/gstdio.h>

#include "occam/oc-error.h"
#include "occam-figures/oc-animation.h"
#include "plot-test-util.h"

/* A curve that grows by one point per frame over fixed axes: frame k shows k + 1 points. */
static OcPlotFigure *
growing_curve (guint k, gpointer user_data, GError **error)
{
  guint fail_at = GPOINTER_TO_UINT (user_data);
  OcPlotFigure *f;
  double x[512], y[512];
  guint n = MIN (k + 1, G_N_ELEMENTS (x));

  if (fail_at > 0 && k == fail_at)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_NOT_FOUND, "frame %u cannot be built", k);
      return NULL;
    }
  f = oc_plot_figure_new (OC_PLOT_KIND_XY);
  for (guint i = 0; i < n; i++)
    {
      x[i] = i;
      y[i] = sin (i * 0.1);
    }
  oc_plot_figure_set_title (f, "A growing curve");
  oc_plot_figure_set_axis_range (f, OC_PLOT_AXIS_X, 0, 511);
  oc_plot_figure_set_axis_range (f, OC_PLOT_AXIS_Y, -1, 1);
  oc_plot_figure_add_series (f, "sin", x, y, n);
  return f;
}

static char *
fresh_path (const char *name)
{
  char *path = plot_test_build_path (name);

  g_unlink (path);
  return path;
}

/* Names in @path's folder that start with "." and the file's name: temporaries left behind. */
static guint
count_temporaries (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *prefix = g_strdup_printf (".%s.", base);
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    n += g_str_has_prefix (name, prefix);
  return n;
}

typedef struct
{
  int   n_frames, width, height;
  int   total_delay; /* hundredths of a second */
  int   last_delay;
  int   n_colors_first;
  gboolean loops;
  guchar *canvas; /* [height, width, 3] RGB: every frame painted in turn */
} GifInfo;

static void
read_gif (const char *path, GifInfo *info)
{
  int code = 0;
  GifFileType *gif = DGifOpenFileName (path, &code);

  memset (info, 0, sizeof *info);
  g_assert_nonnull (gif);
  g_assert_cmpint (DGifSlurp (gif), ==, GIF_OK);
  info->n_frames = gif->ImageCount;
  info->width = gif->SWidth;
  info->height = gif->SHeight;
  info->canvas = g_malloc0 ((gsize) gif->SWidth * gif->SHeight * 3);
  for (int i = 0; i < gif->ImageCount; i++)
    {
      GraphicsControlBlock gcb;
      const SavedImage *im = &gif->SavedImages[i];

      g_assert_cmpint (im->ImageDesc.Left + im->ImageDesc.Width, <=, gif->SWidth);
      g_assert_cmpint (im->ImageDesc.Top + im->ImageDesc.Height, <=, gif->SHeight);
      g_assert_nonnull (im->ImageDesc.ColorMap);
      /* The first frame covers the screen; later ones paint the part that changed over it. */
      if (i == 0)
        g_assert_cmpint (im->ImageDesc.Width * im->ImageDesc.Height, ==,
                         gif->SWidth * gif->SHeight);
      for (int y = 0; y < im->ImageDesc.Height; y++)
        for (int x = 0; x < im->ImageDesc.Width; x++)
          {
            const GifColorType *c = &im->ImageDesc.ColorMap->Colors[
              im->RasterBits[y * im->ImageDesc.Width + x]];
            guchar *px = info->canvas + 3 * ((gsize) (im->ImageDesc.Top + y) * gif->SWidth
                                             + im->ImageDesc.Left + x);

            px[0] = c->Red;
            px[1] = c->Green;
            px[2] = c->Blue;
          }
      g_assert_cmpint (DGifSavedExtensionToGCB (gif, i, &gcb), ==, GIF_OK);
      info->total_delay += gcb.DelayTime;
      info->last_delay = gcb.DelayTime;
      if (i == 0)
        {
          /* The entries the frame uses: a figure's few colours, not a dithered 256. */
          gboolean used[256] = { FALSE };

          for (gsize p = 0; p < (gsize) im->ImageDesc.Width * im->ImageDesc.Height; p++)
            used[im->RasterBits[p]] = TRUE;
          for (int c = 0; c < 256; c++)
            info->n_colors_first += used[c];
        }
    }
  for (int i = 0; i < gif->SavedImages[0].ExtensionBlockCount; i++)
    {
      const ExtensionBlock *b = &gif->SavedImages[0].ExtensionBlocks[i];

      if (b->Function == APPLICATION_EXT_FUNC_CODE && b->ByteCount == 11
          && memcmp (b->Bytes, "NETSCAPE2.0", 11) == 0)
        info->loops = TRUE;
    }
  DGifCloseFile (gif, &code);
}

/* The frames painted in turn end as frame @last drawn directly: every pixel within a few
 * levels except the few antialiased ones a palette cannot hold exactly. */
static void
check_last_frame (const GifInfo *info, guint last, const OcAnimationOptions *o)
{
  g_autoptr (OcPlotFigure) f = growing_curve (last, NULL, NULL);
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) o->width,
                                                   (int) o->height);
  cairo_t *cr = cairo_create (s);
  const guchar *data;
  gsize off = 0, n = (gsize) o->width * o->height;
  int stride;

  oc_plot_figure_draw (f, cr, o->width, o->height, oc_plot_theme_get (o->theme));
  cairo_destroy (cr);
  cairo_surface_flush (s);
  data = cairo_image_surface_get_data (s);
  stride = cairo_image_surface_get_stride (s);
  for (guint y = 0; y < o->height; y++)
    for (guint x = 0; x < o->width; x++)
      {
        guint32 p = *(const guint32 *) (data + (gsize) y * stride + 4 * x);
        const guchar *c = info->canvas + 3 * ((gsize) y * o->width + x);
        int d = MAX (MAX (ABS ((int) ((p >> 16) & 0xff) - c[0]),
                          ABS ((int) ((p >> 8) & 0xff) - c[1])),
                     ABS ((int) (p & 0xff) - c[2]));

        off += d > 24;
      }
  cairo_surface_destroy (s);
  g_test_message ("%" G_GSIZE_FORMAT " of %" G_GSIZE_FORMAT " pixels off by more than 24", off, n);
  g_assert_cmpuint (off, <, n / 100);
}

static void
test_gif_frames (void)
{
  g_autofree char *path = fresh_path ("animation/curve.gif");
  g_autoptr (GError) error = NULL;
  OcAnimationOptions o;
  GifInfo info;

  oc_animation_options_init (&o);
  o.width = 320;
  o.height = 180;
  o.fps = 3; /* 100 / 3 is not whole: the delays must still add up */
  o.hold_last = 1.5;
  g_assert_true (oc_animation_encode (growing_curve, NULL, 12, &o, path, NULL, NULL, NULL,
                                      &error));
  g_assert_no_error (error);
  read_gif (path, &info);
  g_assert_cmpint (info.n_frames, ==, 12);
  g_assert_cmpint (info.width, ==, 320);
  g_assert_cmpint (info.height, ==, 180);
  g_assert_true (info.loops);
  /* 12 frames at 3 fps are 4 s, and the last one holds 1.5 s more. */
  g_assert_cmpint (info.total_delay, ==, 400 + 150);
  g_assert_cmpint (info.last_delay, >=, 150 + 33);
  g_assert_cmpint (info.n_colors_first, >, 2);
  g_assert_cmpint (info.n_colors_first, <=, 256);
  g_assert_cmpuint (count_temporaries (path), ==, 0);
  check_last_frame (&info, 11, &o);
  g_free (info.canvas);
}

/* gst-discoverer-1.0's report on @path. */
static char *
discover (const char *path)
{
  const char *argv[] = { "gst-discoverer-1.0", path, NULL };
  g_autofree char *err = NULL;
  char *out = NULL;
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out,
                               &err, &status, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static void
test_webm (void)
{
  g_autofree char *path = fresh_path ("animation/curve.webm");
  g_autofree char *report = NULL;
  g_autoptr (GError) error = NULL;
  OcAnimationOptions o;

  if (!plot_test_have ("gst-discoverer-1.0"))
    {
      g_test_skip ("gst-discoverer-1.0 is not installed (Debian: gstreamer1.0-plugins-base-apps)");
      return;
    }
  oc_animation_options_init (&o);
  o.width = 320;
  o.height = 240;
  o.fps = 8;
  o.hold_last = 1;
  g_assert_true (oc_animation_encode (growing_curve, NULL, 20, &o, path, NULL, NULL, NULL,
                                      &error));
  g_assert_no_error (error);
  report = discover (path);
  g_test_message ("%s", report);
  g_assert_nonnull (strstr (report, "container #0: WebM"));
  g_assert_nonnull (strstr (report, "video #1: VP8"));
  g_assert_nonnull (strstr (report, "Width: 320"));
  g_assert_nonnull (strstr (report, "Height: 240"));
  g_assert_nonnull (strstr (report, "Frame rate: 8/1"));
  /* 20 frames and the last held 1 s (8 more) at 8 fps: 3.5 s. */
  g_assert_nonnull (strstr (report, "Duration: 0:00:03.500000000"));
  g_assert_cmpuint (count_temporaries (path), ==, 0);
}

static glong
peak_rss_kib (void)
{
  struct rusage ru;

  g_assert_cmpint (getrusage (RUSAGE_SELF, &ru), ==, 0);
  return ru.ru_maxrss;
}

/* Encodes 360 frames of 640 × 360 after a short warm-up of the same kind; the peak resident
 * size may grow by a few frames' worth, far less than holding every frame would take. */
static void
check_bounded (const char *name)
{
  g_autofree char *warm = fresh_path (name);
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;
  OcAnimationOptions o;
  const glong frame_kib = 640 * 360 * 4 / 1024; /* 900 KiB */
  const guint n_frames = 360;
  glong before, after;

#ifdef __SANITIZE_ADDRESS__
  /* Freed memory waits in AddressSanitizer's quarantine (256 MiB), so the peak size says
   * nothing about what is held; the plain build measures it. */
  g_test_skip ("peak memory is not measurable under AddressSanitizer");
  return;
#endif
  oc_animation_options_init (&o);
  o.width = 640;
  o.height = 360;
  o.fps = 25;
  o.hold_last = 0;
  g_assert_true (oc_animation_encode (growing_curve, NULL, 8, &o, warm, NULL, NULL, NULL,
                                      &error));
  g_assert_no_error (error);
  before = peak_rss_kib ();
  path = g_strconcat (warm, ".long", strstr (name, ".gif") ? ".gif" : ".webm", NULL);
  g_unlink (path);
  g_assert_true (oc_animation_encode (growing_curve, NULL, n_frames, &o, path, NULL, NULL, NULL,
                                      &error));
  g_assert_no_error (error);
  after = peak_rss_kib ();
  g_test_message ("%s: peak RSS %ld KiB before, %ld KiB after %u frames of %ld KiB", name,
                  before, after, n_frames, frame_kib);
  /* Holding every frame would add n_frames · frame_kib (316 MiB); allow 24 frames. */
  g_assert_cmpint (after - before, <, 24 * frame_kib);
  g_unlink (path);
}

static void
test_bounded_memory_gif (void)
{
  check_bounded ("animation/long.gif");
}

static void
test_bounded_memory_webm (void)
{
  check_bounded ("animation/long.webm");
}

/* A frame that cannot be built: no file, no temporary, and an existing file kept as it was. */
static void
test_failure_leaves_nothing (gconstpointer data)
{
  const char *name = data;
  g_autofree char *path = fresh_path (name);
  g_autofree char *contents = NULL;
  g_autoptr (GError) error = NULL;
  OcAnimationOptions o;

  oc_animation_options_init (&o);
  o.width = 160;
  o.height = 90;
  g_assert_false (oc_animation_encode (growing_curve, GUINT_TO_POINTER (5), 10, &o, path, NULL,
                                       NULL, NULL, &error));
  g_assert_error (error, OC_ERROR, OC_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_temporaries (path), ==, 0);
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (path, "before", -1, NULL));
  g_assert_false (oc_animation_encode (growing_curve, GUINT_TO_POINTER (3), 10, &o, path, NULL,
                                       NULL, NULL, &error));
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "before");
  g_assert_cmpuint (count_temporaries (path), ==, 0);
}

static void
cancel_at_three (guint done, guint total, double elapsed, gpointer user_data)
{
  if (done == 3)
    g_cancellable_cancel (user_data);
}

static void
test_cancel_leaves_nothing (void)
{
  g_autofree char *path = fresh_path ("animation/cancelled.webm");
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError) error = NULL;
  OcAnimationOptions o;

  oc_animation_options_init (&o);
  o.width = 160;
  o.height = 90;
  g_assert_false (oc_animation_encode (growing_curve, NULL, 50, &o, path, cancel_at_three,
                                       cancellable, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_temporaries (path), ==, 0);
}

static void
test_bad_options (void)
{
  g_autofree char *path = fresh_path ("animation/bad.gif");
  g_autofree char *avi = fresh_path ("animation/bad.avi");
  g_autoptr (GError) error = NULL;
  OcAnimationOptions o;

  oc_animation_options_init (&o);
  o.width = 10;
  g_assert_false (oc_animation_encode (growing_curve, NULL, 2, &o, path, NULL, NULL, NULL,
                                       &error));
  g_assert_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "each side must be 64 to 3840"));
  g_clear_error (&error);
  oc_animation_options_init (&o);
  o.fps = 60;
  g_assert_false (oc_animation_encode (growing_curve, NULL, 2, &o, path, NULL, NULL, NULL,
                                       &error));
  g_assert_nonnull (strstr (error->message, "expected 1 to 50"));
  g_clear_error (&error);
  oc_animation_options_init (&o);
  g_assert_false (oc_animation_encode (growing_curve, NULL, 2, &o, avi, NULL, NULL, NULL,
                                       &error));
  g_assert_nonnull (strstr (error->message, "must end in .gif or .webm"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (avi, G_FILE_TEST_EXISTS));
}

static void
test_count_frames (void)
{
  OcAnimationOptions o;

  oc_animation_options_init (&o);
  g_assert_cmpuint (oc_animation_count_frames (&o, 40), ==, 40);
  g_assert_cmpuint (oc_animation_count_frames (&o, 1000), ==, 300);
  o.max_frames = 0;
  g_assert_cmpuint (oc_animation_count_frames (&o, 1000), ==, 1000);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/animation/gif-frames", test_gif_frames);
  g_test_add_func ("/animation/webm", test_webm);
  g_test_add_func ("/animation/bounded-memory-gif", test_bounded_memory_gif);
  g_test_add_func ("/animation/bounded-memory-webm", test_bounded_memory_webm);
  g_test_add_data_func ("/animation/failure-gif", "animation/failed.gif",
                        test_failure_leaves_nothing);
  g_test_add_data_func ("/animation/failure-webm", "animation/failed.webm",
                        test_failure_leaves_nothing);
  g_test_add_func ("/animation/cancel", test_cancel_leaves_nothing);
  g_test_add_func ("/animation/bad-options", test_bad_options);
  g_test_add_func ("/animation/count-frames", test_count_frames);
  return g_test_run ();
}
