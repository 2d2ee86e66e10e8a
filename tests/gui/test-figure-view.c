/* test-figure-view.c — one OcFigureView in a window under Xvfb: the readout under the pointer,
 * the arrow keys and Enter (the same signal as a click), the accessible description, the
 * desktop's text scaling, and Copy as CSV / SVG read back from the clipboard.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>
#include <math.h>
#include <string.h>

#include "gui-test-util.h"
#include "oc-figure-view.h"

static const double xs[] = { 1, 2, 4, 8, 16 };
static const double train[] = { 0.5, 0.25, 0.125, 0.0625, 0.03125 };
static const double test[] = { 0.6, 0.45, 0.5, 0.4, 0.3 };

static OcPlotFigure *
curves_new (void)
{
  OcPlotFigure *f = oc_plot_figure_new (OC_PLOT_KIND_XY);

  oc_plot_figure_set_title (f, "Error against width");
  oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_X, "width");
  oc_plot_figure_set_axis_label (f, OC_PLOT_AXIS_Y, "error");
  oc_plot_figure_set_axis_scale (f, OC_PLOT_AXIS_X, OC_PLOT_SCALE_LOG);
  oc_plot_series_set_style (oc_plot_figure_add_series (f, "train", xs, train, 5),
                            OC_PLOT_STYLE_LINE | OC_PLOT_STYLE_MARKERS);
  oc_plot_series_set_style (oc_plot_figure_add_series (f, "test", xs, test, 5),
                            OC_PLOT_STYLE_LINE | OC_PLOT_STYLE_MARKERS);
  return f;
}

typedef struct
{
  GtkWindow    *window;
  OcFigureView *view;
} Fixture;

static gboolean
laid_out (gpointer view)
{
  return gtk_widget_get_width (view) > 100 && gtk_widget_get_height (view) > 100;
}

/* The current figure's image at the view's size, with no drawing under way. */
static gboolean
image_ready (gpointer view)
{
  return oc_figure_view_get_image (view) != NULL && !oc_figure_view_get_drawing_pending (view);
}

static void
fixture_set_up (Fixture *fx, gconstpointer data)
{
  fx->window = GTK_WINDOW (gtk_window_new ());
  fx->view = OC_FIGURE_VIEW (oc_figure_view_new ());
  oc_figure_view_set_name (fx->view, "Error against width");
  oc_figure_view_set_figure (fx->view, curves_new ());
  gtk_window_set_child (fx->window, GTK_WIDGET (fx->view));
  gtk_window_set_default_size (fx->window, 640, 400);
  gtk_window_present (fx->window);
  g_assert_true (gui_test_wait_for (laid_out, fx->view, 10));
  g_assert_true (gui_test_wait_for (image_ready, fx->view, 10));
}

static void
fixture_tear_down (Fixture *fx, gconstpointer data)
{
  gtk_window_destroy (fx->window);
}

/* The view's own layout of its figure, as the readout finds elements. */
static OcPlotLayout *
view_layout (OcFigureView *view)
{
  OcPlotTheme theme;

  oc_figure_view_screen_theme (GTK_WIDGET (view), &theme);
  return oc_plot_layout_new (oc_figure_view_get_figure (view),
                             gtk_widget_get_width (GTK_WIDGET (view)),
                             gtk_widget_get_height (GTK_WIDGET (view)), &theme);
}

static void
on_activated (OcFigureView *view, double x, double y, GArray *where)
{
  g_array_append_val (where, x);
  g_array_append_val (where, y);
}

/* Hovering a known point reads its series and values; away from every point, nothing. */
static void
test_hover (Fixture *fx, gconstpointer data)
{
  g_autoptr (OcPlotLayout) layout = view_layout (fx->view);
  OcPlotHit hit;
  g_autofree char *text = NULL;
  guint draws = oc_figure_view_get_n_draws (fx->view);

  /* Point 2 of "test": step there from the first point, then point the mouse near it. */
  g_assert_true (oc_plot_layout_first (layout, &hit));
  g_assert_true (oc_plot_layout_step (layout, &hit, 0, 1, &hit));
  g_assert_true (oc_plot_layout_step (layout, &hit, 2, 0, &hit));
  g_assert_cmpuint (hit.series, ==, 1);
  g_assert_cmpuint (hit.index, ==, 2);
  g_assert_true (oc_figure_view_hover_at (fx->view, hit.x + 4, hit.y + 3));
  text = oc_figure_view_dup_readout (fx->view);
  g_assert_cmpstr (text, ==, "test: width 4, error 0.5");
  gui_test_spin_for (0.2);
  g_assert_cmpuint (oc_figure_view_get_n_draws (fx->view), >, draws);
  g_assert_false (oc_figure_view_hover_at (fx->view, 1, 1));
  g_assert_null (oc_figure_view_dup_readout (fx->view));
}

/* Home, the arrows and Enter: Enter emits ::point-activated at the focused point, which is
 * where a click there emits it too. */
static void
test_keys (Fixture *fx, gconstpointer data)
{
  g_autoptr (GArray) where = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (OcPlotLayout) layout = view_layout (fx->view);
  OcPlotHit hit, expect;

  g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (fx->view)));
  g_signal_connect (fx->view, "point-activated", G_CALLBACK (on_activated), where);
  g_assert_true (gui_test_press_key (GTK_WIDGET (fx->view), GDK_KEY_Home));
  g_assert_true (oc_figure_view_get_focus_hit (fx->view, &hit));
  g_assert_cmpuint (hit.series, ==, 0);
  g_assert_cmpuint (hit.index, ==, 0);
  g_assert_true (gui_test_press_key (GTK_WIDGET (fx->view), GDK_KEY_Right));
  g_assert_true (gui_test_press_key (GTK_WIDGET (fx->view), GDK_KEY_Right));
  g_assert_true (gui_test_press_key (GTK_WIDGET (fx->view), GDK_KEY_Down));
  g_assert_true (oc_figure_view_get_focus_hit (fx->view, &hit));
  g_assert_cmpuint (hit.series, ==, 1);
  g_assert_cmpuint (hit.index, ==, 2);
  /* Independently: the layout's point 2 of series 1 is where the focus is. */
  g_assert_true (oc_plot_layout_first (layout, &expect));
  g_assert_true (oc_plot_layout_step (layout, &expect, 0, 1, &expect));
  g_assert_true (oc_plot_layout_step (layout, &expect, 2, 0, &expect));
  g_assert_cmpfloat_with_epsilon (hit.x, expect.x, 1e-9);
  g_assert_cmpfloat_with_epsilon (hit.y, expect.y, 1e-9);

  g_assert_true (gui_test_press_key (GTK_WIDGET (fx->view), GDK_KEY_Return));
  g_assert_cmpuint (where->len, ==, 2);
  g_assert_cmpfloat (g_array_index (where, double, 0), ==, hit.x);
  g_assert_cmpfloat (g_array_index (where, double, 1), ==, hit.y);
  /* Past the last point the focus stays. */
  for (guint i = 0; i < 4; i++)
    gui_test_press_key (GTK_WIDGET (fx->view), GDK_KEY_Right);
  g_assert_true (oc_figure_view_get_focus_hit (fx->view, &hit));
  g_assert_cmpuint (hit.index, ==, 4);
  g_assert_true (gui_test_press_key (GTK_WIDGET (fx->view), GDK_KEY_space));
  g_assert_cmpuint (where->len, ==, 4);
}

/* The accessible description comes from the figure: title, axes with ranges, series. */
static void
test_description (Fixture *fx, gconstpointer data)
{
  const char *text = oc_figure_view_get_description (fx->view);
  char *failed;

  g_assert_nonnull (text);
  g_assert_true (g_str_has_prefix (text, "Error against width."));
  g_assert_nonnull (strstr (text, "Horizontal axis: width, log scale, from 1 to 16."));
  g_assert_nonnull (strstr (text, "Vertical axis: error, from 0.03125 to 0.6."));
  g_assert_nonnull (strstr (text, "test (5 points, lowest 0.3 at 16, highest 0.6 at 1)"));
  failed = gtk_test_accessible_check_property (GTK_ACCESSIBLE (fx->view),
                                               GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text);
  g_assert_null (failed);
  failed = gtk_test_accessible_check_property (GTK_ACCESSIBLE (fx->view),
                                               GTK_ACCESSIBLE_PROPERTY_LABEL,
                                               "Error against width");
  g_assert_null (failed);
}

/* A larger desktop text size makes the figure's type larger and moves its points (the frame
 * leaves room for bigger labels); the readout follows. */
static void
test_text_scale (Fixture *fx, gconstpointer data)
{
  GtkSettings *settings = gtk_widget_get_settings (GTK_WIDGET (fx->view));
  OcPlotTheme before, after;
  OcPlotHit a, b;
  int dpi;

  g_object_get (settings, "gtk-xft-dpi", &dpi, NULL);
  oc_figure_view_screen_theme (GTK_WIDGET (fx->view), &before);
  gui_test_press_key (GTK_WIDGET (fx->view), GDK_KEY_Home);
  g_assert_true (oc_figure_view_get_focus_hit (fx->view, &a));
  g_object_set (settings, "gtk-xft-dpi", 96 * 1024 * 3 / 2, NULL);
  oc_figure_view_screen_theme (GTK_WIDGET (fx->view), &after);
  g_assert_cmpfloat_with_epsilon (after.em_fixed, 11.5 * 1.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (oc_figure_view_text_scale (GTK_WIDGET (fx->view)), 1.5, 1e-9);
  /* The key handler lays the figure out again: the same point, somewhere else. */
  gui_test_press_key (GTK_WIDGET (fx->view), GDK_KEY_Right);
  gui_test_press_key (GTK_WIDGET (fx->view), GDK_KEY_Left);
  g_assert_true (oc_figure_view_get_focus_hit (fx->view, &b));
  g_assert_cmpuint (b.index, ==, a.index);
  g_assert_true (b.x != a.x || b.y != a.y);
  g_object_set (settings, "gtk-xft-dpi", dpi, NULL);
  g_assert_cmpfloat (before.em_fixed, <, after.em_fixed);
}

typedef struct
{
  char   *text;
  GBytes *bytes;
  gboolean done;
} Read;

static void
on_text (GObject *clipboard, GAsyncResult *result, gpointer data)
{
  Read *r = data;
  g_autoptr (GError) error = NULL;

  r->text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (clipboard), result, &error);
  g_assert_no_error (error);
  r->done = TRUE;
}

static void
on_spliced (GObject *out, GAsyncResult *result, gpointer data)
{
  Read *r = data;
  g_autoptr (GError) error = NULL;

  g_output_stream_splice_finish (G_OUTPUT_STREAM (out), result, &error);
  g_assert_no_error (error);
  r->bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
  r->done = TRUE;
  g_object_unref (out);
}

/* The clipboard's own content is written by the main loop: read it without blocking it. */
static void
on_stream (GObject *clipboard, GAsyncResult *result, gpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GInputStream) stream = NULL;
  GOutputStream *out = g_memory_output_stream_new_resizable ();
  const char *mime = NULL;

  stream = gdk_clipboard_read_finish (GDK_CLIPBOARD (clipboard), result, &mime, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mime, ==, "image/svg+xml");
  g_output_stream_splice_async (out, stream, G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE
                                               | G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                                G_PRIORITY_DEFAULT, NULL, on_spliced, data);
}

static gboolean
read_done (gpointer data)
{
  return ((Read *) data)->done;
}

/* Copy Data as CSV puts the figure's own numbers on the clipboard; Copy as SVG an SVG document
 * with the title as text. */
static void
test_copy (Fixture *fx, gconstpointer data)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (fx->view));
  const char *svg_types[] = { "image/svg+xml", NULL };
  Read r = { 0 };
  g_auto (GStrv) lines = NULL;
  GdkContentFormats *formats;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fx->view), "figure.copy-data", NULL));
  formats = gdk_clipboard_get_formats (clipboard);
  g_assert_true (gdk_content_formats_contain_mime_type (formats, "text/csv"));
  gdk_clipboard_read_text_async (clipboard, NULL, on_text, &r);
  g_assert_true (gui_test_wait_for (read_done, &r, 10));
  lines = g_strsplit (r.text, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 7);
  g_assert_cmpstr (lines[0], ==, "width,train,test");
  for (guint k = 0; k < 5; k++)
    {
      g_auto (GStrv) fields = g_strsplit (lines[k + 1], ",", -1);

      g_assert_cmpuint (g_strv_length (fields), ==, 3);
      g_assert_cmpfloat (g_ascii_strtod (fields[0], NULL), ==, xs[k]);
      g_assert_cmpfloat (g_ascii_strtod (fields[1], NULL), ==, train[k]);
      g_assert_cmpfloat (g_ascii_strtod (fields[2], NULL), ==, test[k]);
    }
  g_assert_cmpstr (lines[6], ==, "");
  g_free (r.text);

  memset (&r, 0, sizeof r);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fx->view), "figure.copy-svg", NULL));
  gdk_clipboard_read_async (clipboard, svg_types, G_PRIORITY_DEFAULT, NULL, on_stream, &r);
  g_assert_true (gui_test_wait_for (read_done, &r, 10));
  {
    gsize n;
    const char *svg = g_bytes_get_data (r.bytes, &n);
    g_autofree char *copy = g_strndup (svg, n);

    g_assert_nonnull (strstr (copy, "<svg"));
    g_assert_nonnull (strstr (copy, "Error against width"));
  }
  g_bytes_unref (r.bytes);
}

/* The readout over the figure in light and dark, for a person to look at. */
static void
test_snapshot (Fixture *fx, gconstpointer data)
{
  static const struct
  {
    const char    *name;
    AdwColorScheme scheme;
  } styles[] = {
    { "figure-hover-light", ADW_COLOR_SCHEME_FORCE_LIGHT },
    { "figure-hover-dark", ADW_COLOR_SCHEME_FORCE_DARK },
  };
  g_autoptr (OcPlotLayout) layout = view_layout (fx->view);
  OcPlotHit hit;

  g_assert_true (oc_plot_layout_first (layout, &hit));
  g_assert_true (oc_plot_layout_step (layout, &hit, 3, 0, &hit));
  for (guint s = 0; s < G_N_ELEMENTS (styles); s++)
    {
      adw_style_manager_set_color_scheme (adw_style_manager_get_default (), styles[s].scheme);
      /* A new theme is drawn again on a worker first. */
      g_assert_true (gui_test_hover (fx->view, hit.x, hit.y));
      gui_test_save_snapshot ((OcWindow *) fx->window, styles[s].name);
    }
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_DEFAULT);
}

static gboolean
wide (gpointer view)
{
  return gtk_widget_get_width (view) >= 720;
}

/* The image the view paints is, byte for byte, what oc_plot_figure_draw() draws of its figure
 * at its size and theme from scratch. Returns how many pixels differ (0). */
static gsize
pixels_differing_from_full_drawing (OcFigureView *view)
{
  cairo_surface_t *shown = oc_figure_view_get_image (view);
  int w = gtk_widget_get_width (GTK_WIDGET (view)), h = gtk_widget_get_height (GTK_WIDGET (view));
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (view));
  cairo_surface_t *full;
  OcPlotTheme theme;
  cairo_t *cr;
  gsize differ = 0;

  g_assert_nonnull (shown);
  oc_figure_view_screen_theme (GTK_WIDGET (view), &theme);
  full = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w * scale, h * scale);
  cairo_surface_set_device_scale (full, scale, scale);
  cr = cairo_create (full);
  oc_plot_figure_draw (oc_figure_view_get_figure (view), cr, w, h, &theme);
  cairo_destroy (cr);
  cairo_surface_flush (full);
  g_assert_cmpint (cairo_image_surface_get_width (shown), ==, w * scale);
  g_assert_cmpint (cairo_image_surface_get_height (shown), ==, h * scale);
  g_assert_cmpint (cairo_image_surface_get_stride (shown), ==,
                   cairo_image_surface_get_stride (full));
  for (int y = 0; y < h * scale; y++)
    {
      const guint32 *a = (const guint32 *) (cairo_image_surface_get_data (shown)
                                            + (gsize) y * cairo_image_surface_get_stride (shown));
      const guint32 *b = (const guint32 *) (cairo_image_surface_get_data (full)
                                            + (gsize) y * cairo_image_surface_get_stride (full));

      for (int x = 0; x < w * scale; x++)
        differ += a[x] != b[x];
    }
  cairo_surface_destroy (full);
  return differ;
}

/* The view draws a figure once into an image and paints that image: after the first drawing,
 * after the figure is replaced as a running experiment replaces it (a point more, drawn on a
 * worker while the previous image stays), and at a new size, the image equals a full drawing;
 * hovering paints the same image again without drawing the figure. */
static void
test_cached_drawing (Fixture *fx, gconstpointer data)
{
  static const double xs6[] = { 1, 2, 4, 8, 16, 32 };
  static const double train6[] = { 0.5, 0.25, 0.125, 0.0625, 0.03125, 0.0 };
  static const double test6[] = { 0.6, 0.45, 0.5, 0.4, 0.3, 0.2 };
  OcPlotFigure *more;
  guint renders, draws;

  gtk_widget_queue_draw (GTK_WIDGET (fx->view));
  g_assert_true (gui_test_wait_for (image_ready, fx->view, 10));
  g_assert_cmpuint (pixels_differing_from_full_drawing (fx->view), ==, 0);
  renders = oc_figure_view_get_n_renders (fx->view);

  more = curves_new ();
  oc_plot_series_set_style (oc_plot_figure_add_series (more, "train, one more", xs6, train6, 6),
                            OC_PLOT_STYLE_LINE);
  oc_plot_series_set_style (oc_plot_figure_add_series (more, "test, one more", xs6, test6, 6),
                            OC_PLOT_STYLE_MARKERS);
  oc_figure_view_set_figure (fx->view, more);
  /* Not drawn yet: nothing of the new figure to show. */
  g_assert_null (oc_figure_view_get_image (fx->view));
  g_assert_true (gui_test_wait_for (image_ready, fx->view, 10));
  g_assert_cmpuint (oc_figure_view_get_n_renders (fx->view), ==, renders + 1);
  g_assert_cmpuint (pixels_differing_from_full_drawing (fx->view), ==, 0);

  /* While a figure is being drawn the pointer finds nothing rather than laying it out on the
   * main thread; its drawing brings the layout. */
  {
    OcPlotHit hit, found;
    g_autoptr (OcPlotLayout) layout = NULL;

    oc_figure_view_set_figure (fx->view, curves_new ());
    layout = view_layout (fx->view);
    g_assert_true (oc_plot_layout_first (layout, &hit));
    g_assert_false (oc_figure_view_hit_at (fx->view, hit.x, hit.y, &found));
    g_assert_true (oc_figure_view_get_drawing_pending (fx->view));
    g_assert_false (oc_figure_view_hover_at (fx->view, hit.x, hit.y));
    g_assert_true (gui_test_wait_for (image_ready, fx->view, 10));
    g_assert_true (oc_figure_view_hit_at (fx->view, hit.x, hit.y, &found));
    g_assert_cmpuint (found.series, ==, hit.series);
    g_assert_cmpuint (found.index, ==, hit.index);
    g_assert_true (oc_figure_view_hover_at (fx->view, hit.x, hit.y));
  }

  /* The readout moves over the same pixels. */
  renders = oc_figure_view_get_n_renders (fx->view);
  draws = oc_figure_view_get_n_draws (fx->view);
  oc_figure_view_hover_at (fx->view, gtk_widget_get_width (GTK_WIDGET (fx->view)) / 2.0,
                           gtk_widget_get_height (GTK_WIDGET (fx->view)) / 2.0);
  gtk_widget_queue_draw (GTK_WIDGET (fx->view));
  gui_test_spin_for (0.2);
  g_assert_cmpuint (oc_figure_view_get_n_draws (fx->view), >, draws);
  g_assert_cmpuint (oc_figure_view_get_n_renders (fx->view), ==, renders);

  /* A new size is drawn again, and equals a full drawing at that size. */
  gtk_widget_set_size_request (GTK_WIDGET (fx->view), 720, 450);
  g_assert_true (gui_test_wait_for (wide, fx->view, 10));
  g_assert_true (gui_test_wait_for (image_ready, fx->view, 10));
  g_assert_cmpuint (oc_figure_view_get_n_renders (fx->view), ==, renders + 1);
  g_assert_cmpuint (pixels_differing_from_full_drawing (fx->view), ==, 0);
}

int
main (int argc, char **argv)
{
  g_autoptr (GSettings) settings = NULL;

  g_test_init (&argc, &argv, NULL);
  settings = gui_test_init ("figure-view");
#define ADD(path, fn) g_test_add ("/figure-view/" path, Fixture, NULL, fixture_set_up, fn, \
                                  fixture_tear_down)
  ADD ("hover", test_hover);
  ADD ("keys", test_keys);
  ADD ("description", test_description);
  ADD ("text-scale", test_text_scale);
  ADD ("copy", test_copy);
  ADD ("snapshot", test_snapshot);
  ADD ("cached-drawing", test_cached_drawing);
#undef ADD
  return g_test_run ();
}
