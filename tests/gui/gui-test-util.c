/* gui-test-util.c — see gui-test-util.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <time.h>

#include "gui-test-util.h"
#include "oc-figure-view.h"
#include "oc-application.h"

GSettings *
gui_test_init (const char *name)
{
  const char *artifacts = g_getenv ("OC_TEST_ARTIFACTS");
  g_autofree char *folder = g_strdup_printf ("xdg-data-%s", name);
  g_autofree char *data_home = g_build_filename (artifacts ? artifacts : g_get_tmp_dir (), folder,
                                                 NULL);
  g_autofree char *db = g_build_filename (data_home, "occam", "occam.db", NULL);
  g_autofree char *wal = g_strconcat (db, "-wal", NULL);
  g_autofree char *shm = g_strconcat (db, "-shm", NULL);
  g_autoptr (GError) error = NULL;
  GSettings *settings;

  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_unlink (db);
  g_unlink (wal);
  g_unlink (shm);
  gtk_init ();
  adw_init ();
  /* Snapshots show the state a test asked for, not a crossfade on its way there. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  oc_gui_init_resources ();
  settings = oc_settings_new (&error);
  g_assert_no_error (error);
  return settings;
}

/* A 20 ms timer keeps g_main_context_iteration from blocking past the deadline. */
static gboolean
keep_awake (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

gboolean
gui_test_wait_for (GuiTestCond cond, gpointer data, double seconds)
{
  gint64 end = g_get_monotonic_time () + (gint64) (seconds * G_USEC_PER_SEC);
  guint tick = g_timeout_add (20, keep_awake, NULL);

  while (!cond (data) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
  return cond (data);
}

static gboolean
always_false (gpointer data)
{
  return FALSE;
}

void
gui_test_spin_for (double seconds)
{
  gui_test_wait_for (always_false, NULL, seconds);
}

typedef struct
{
  OcFigureView *view;
  double        x, y;
} HoverAt;

static gboolean
hover_found (gpointer data)
{
  HoverAt *h = data;

  return oc_figure_view_hover_at (h->view, h->x, h->y);
}

gboolean
gui_test_hover (OcFigureView *view, double x, double y)
{
  return gui_test_wait_for (hover_found, &(HoverAt) { view, x, y }, 10);
}

void
gui_test_reset_settings (GSettings *settings)
{
  g_autoptr (GSettingsSchema) schema = NULL;
  g_auto (GStrv) keys = NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    g_settings_reset (settings, keys[i]);
}

static gboolean
is_mapped (gpointer window)
{
  return gtk_widget_get_mapped (window) && gtk_widget_get_width (window) > 100;
}

OcWindow *
gui_test_window_new (GSettings *settings)
{
  OcWindow *window = oc_window_new (NULL, settings);

  g_object_ref (window);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (gui_test_wait_for (is_mapped, window, 10));
  return window;
}

void
gui_test_window_finish (OcWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  /* Idle work queued by the toolkit (toasts, redraws) lets go of the window on the next turns. */
  gui_test_spin_for (0.2);
  g_assert_finalize_object (window);
}

gboolean
gui_test_dataset_ready (gpointer window)
{
  OcDatasetPage *page = DATASET_PAGE (window);

  return !oc_dataset_page_get_loading (page) && oc_dataset_page_get_data (page) != NULL;
}

void
gui_test_load (OcWindow *window, GSettings *settings, const char *name)
{
  OcDatasetPage *page = DATASET_PAGE (window);

  g_settings_set_string (settings, "dataset", name);
  gtk_widget_activate_action (GTK_WIDGET (page), "dataset.load", NULL);
  g_assert_true (gui_test_wait_for (gui_test_dataset_ready, window, 60));
  g_assert_cmpstr (oc_dataset_page_get_data (page)->dataset->name, ==, name);
}

OcStore *
gui_test_open_store (void)
{
  g_autofree char *path = oc_store_default_path ();
  g_autoptr (GError) error = NULL;
  OcStore *store = oc_store_open (path, OC_STORE_OPEN_DEFAULT, &error);

  g_assert_no_error (error);
  return store;
}

typedef struct
{
  guint frames;
} Frames;

static gboolean
count_frame (GtkWidget *widget, GdkFrameClock *clock, gpointer data)
{
  ((Frames *) data)->frames++;
  return G_SOURCE_CONTINUE;
}

static gboolean
two_frames (gpointer data)
{
  return ((Frames *) data)->frames >= 2;
}

char *
gui_test_spawn (const char *const *argv)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s %s failed: %s", argv[0], argv[1] ? argv[1] : "", err);
  return out;
}

char *
gui_test_run_cli (const char *const *args)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();

  g_ptr_array_add (argv, (char *) g_getenv ("OC_CLI"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  return gui_test_spawn ((const char *const *) argv->pdata);
}

/* Whether a figure view under @widget is drawing its figure on a worker. */
static gboolean
drawing_pending (GtkWidget *widget)
{
  if (OC_IS_FIGURE_VIEW (widget) && oc_figure_view_get_drawing_pending (OC_FIGURE_VIEW (widget)))
    return TRUE;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    if (drawing_pending (c))
      return TRUE;
  return FALSE;
}

static gboolean
figures_drawn (gpointer window)
{
  return !drawing_pending (window);
}

void
gui_test_wait_figures_drawn (GtkWindow *window)
{
  g_assert_true (gui_test_wait_for (figures_drawn, window, 30));
}

void
gui_test_save_snapshot (OcWindow *window, const char *name)
{
  gui_test_save_window_snapshot (GTK_WINDOW (window), name);
}

void
gui_test_save_window_snapshot (GtkWindow *window, const char *name)
{
  const char *dir = g_getenv ("OC_TEST_ARTIFACTS");
  g_autofree char *file = g_strdup_printf ("%s.png", name);
  g_autofree char *path = g_build_filename (dir ? dir : ".", file, NULL);
  g_autoptr (GdkPaintable) paintable = NULL;
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  GtkSnapshot *snapshot;
  Frames frames = { 0 };
  guint tick;
  int w, h;

  tick = gtk_widget_add_tick_callback (GTK_WIDGET (window), count_frame, &frames, NULL);
  gtk_widget_queue_draw (GTK_WIDGET (window));
  g_assert_true (gui_test_wait_for (two_frames, &frames, 10));
  /* Figures shown for the first time are drawn on a worker: the snapshot waits for them. */
  gui_test_wait_figures_drawn (window);
  frames = (Frames) { 0 };
  g_assert_true (gui_test_wait_for (two_frames, &frames, 10));
  gtk_widget_remove_tick_callback (GTK_WIDGET (window), tick);

  w = gtk_widget_get_width (GTK_WIDGET (window));
  h = gtk_widget_get_height (GTK_WIDGET (window));
  paintable = gtk_widget_paintable_new (GTK_WIDGET (window));
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, w, h);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, w, h));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("snapshot: %s (%d × %d)", path, w, h);
}

static gint64
thread_cpu_time (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static gboolean
record_gap (gpointer data)
{
  GuiTestGaps *g = data;
  gint64 now = g_get_monotonic_time ();
  gint64 cpu = thread_cpu_time ();

  if (g->last > 0)
    {
      static const double edges[] = GUI_TEST_GAP_EDGES;
      guint bin = 0;

      g->max_gap = MAX (g->max_gap, now - g->last);
      g->max_cpu_gap = MAX (g->max_cpu_gap, cpu - g->last_cpu);
      while (bin < G_N_ELEMENTS (edges) && (now - g->last) > edges[bin] * 1000)
        bin++;
      g->hist[bin]++;
      if (g->print_long && bin > 0)
        g_print ("  gap at %.2f s: %.1f ms, %.1f ms of the main thread's CPU\n",
                 (g->last - g->start) / 1e6, (now - g->last) / 1e3, (cpu - g->last_cpu) / 1e3);
    }
  g->last = now;
  g->last_cpu = cpu;
  g->n++;
  return G_SOURCE_CONTINUE;
}

void
gui_test_gaps_start (GuiTestGaps *gaps)
{
  gboolean print_long = gaps->print_long;

  memset (gaps, 0, sizeof *gaps);
  gaps->print_long = print_long;
  gaps->start = g_get_monotonic_time ();
  gaps->timer = g_timeout_add (10, record_gap, gaps);
}

void
gui_test_gaps_stop (GuiTestGaps *gaps)
{
  g_source_remove (gaps->timer);
  gaps->timer = 0;
}

gboolean
gui_test_press_key (GtkWidget *widget, guint keyval)
{
  g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr (GObject) c = g_list_model_get_item (controllers, i);
      gboolean handled = FALSE;

      if (GTK_IS_EVENT_CONTROLLER_KEY (c))
        {
          g_signal_emit_by_name (c, "key-pressed", keyval, 0, (GdkModifierType) 0, &handled);
          return handled;
        }
    }
  g_error ("%s has no key controller", G_OBJECT_TYPE_NAME (widget));
  return FALSE;
}
