/* bench-gaps.c — the window's main-loop gaps over whole runs: a benchmark, not a test.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opens the real window (under Xvfb, GSK_RENDERER=cairo, as the GUI tests) and runs
 *   sweep: the nakkiran-mlp sweep from the Sweep page, and
 *   prune: a frankle-carbin run from the Pruning page,
 * while the gap logger of the GUI tests (GuiTestGaps) records the longest main-loop gap in wall
 * time, the longest stretch of the main thread's own CPU time and a histogram of the gaps. Every
 * live figure of the page is shown in turn: the page's tabs are switched every --cycle ms, so
 * each figure is drawn while the run updates it. The main thread's CPU time is split by activity
 * (oc-main-profile.h: figure models, figure drawing, store reads) and by frame (GTK's layout,
 * snapshot and rendering between before-paint and after-paint).
 *
 * Full mode runs the preset as published for the sweep (21 widths × 1000 epochs) and the
 * lottery benchmark's frankle-carbin run (5000 iterations × 20 levels, imp/reinit/random);
 * --quick shortens both (fewer widths and epochs, fewer levels and iterations) to a few minutes.
 * build-aux/bench/occam-bench --only 2 runs it and reads the lines starting "gaps ".
 *
 * Usage: bench-gui-gaps [--quick] [--run sweep|prune|all] [--cycle MS]
 */
#include "gui-test-util.h"
#include "oc-main-profile.h"

static GSettings *settings;
/* Milliseconds each tab stays in front (--cycle). */
static int cycle_ms = 1000;

typedef struct
{
  gint64 frame_start, draw_start, wall_start, t0;
  gint64 frame_cpu, frame_max;
  guint  n_frames;
} FrameCpu;

/* --verbose: every frame longer than a frame at 60 Hz, with the figure drawing in it. */
static gboolean verbose;

static void
on_before_paint (GdkFrameClock *clock, FrameCpu *f)
{
  f->frame_start = oc_main_profile_now ();
  f->draw_start = oc_main_profile_total (OC_MAIN_DRAW, NULL);
  f->wall_start = g_get_monotonic_time ();
}

static void
on_after_paint (GdkFrameClock *clock, FrameCpu *f)
{
  gint64 took;

  if (f->frame_start == 0)
    return;
  took = oc_main_profile_now () - f->frame_start;
  f->frame_cpu += took;
  f->frame_max = MAX (f->frame_max, took);
  f->n_frames++;
  if (verbose && took > 16000)
    g_print ("  long frame at %.2f s: %.1f ms CPU (%.1f ms wall), %.1f ms of it drawing figures\n",
             (f->wall_start - f->t0) / 1e6, took / 1e3,
             (g_get_monotonic_time () - f->wall_start) / 1e3,
             (oc_main_profile_total (OC_MAIN_DRAW, NULL) - f->draw_start) / 1e3);
  f->frame_start = 0;
}

typedef struct
{
  OcWindow          *window;
  const char *const *tabs;
  guint              next;
  gboolean           sweep;
  gint64             t0;
} Cycle;

static gboolean
next_tab (gpointer data)
{
  Cycle *c = data;
  const char *name = c->tabs[c->next];

  if (c->sweep)
    oc_sweep_page_show_view (SWEEP_PAGE (c->window), name);
  else
    oc_prune_page_show_tab (PRUNE_PAGE (c->window), name);
  c->next = c->tabs[c->next + 1] != NULL ? c->next + 1 : 0;
  if (verbose)
    g_print ("  tab %s at %.2f s\n", name, (g_get_monotonic_time () - c->t0) / 1e6);
  return G_SOURCE_CONTINUE;
}

static gboolean
sweep_done (gpointer window)
{
  return !PAGE_RUNNING (SWEEP_PAGE (window));
}

static gboolean
prune_done (gpointer window)
{
  return !PAGE_RUNNING (PRUNE_PAGE (window)) && !oc_prune_page_get_building (PRUNE_PAGE (window));
}

static void
print_ms_share (const char *what, gint64 us, gint64 total, const char *extra)
{
  g_print ("  %-34s %8.2f s  %5.1f %%%s\n", what, us / 1e6, total > 0 ? 100.0 * us / total : 0,
           extra);
}

static void
report (const char *run, const char *what, double seconds, const GuiTestGaps *gaps,
        gint64 main_cpu, const FrameCpu *frames)
{
  static const double edges[] = GUI_TEST_GAP_EDGES;
  gint64 accounted = 0;
  guint over = 0;

  for (guint b = 1; b < G_N_ELEMENTS (gaps->hist); b++)
    over += gaps->hist[b];
  /* One line for scripts first. */
  g_print ("gaps %s: longest gap %.1f ms, longest main-thread stretch %.1f ms, gaps over 16 ms "
           "%u of %u ticks, %.1f s\n",
           run, gaps->max_gap / 1e3, gaps->max_cpu_gap / 1e3, over, gaps->n, seconds);
  g_print ("%s: %s\n  gaps (wall time between two ticks of a 10 ms timer):", run, what);
  for (guint b = 0; b < G_N_ELEMENTS (gaps->hist); b++)
    {
      if (b < G_N_ELEMENTS (edges))
        g_print (" ≤%g ms %u,", edges[b], gaps->hist[b]);
      else
        g_print (" >%g ms %u\n", edges[b - 1], gaps->hist[b]);
    }
  g_print ("  main thread: %.2f s of CPU in %.1f s (%.1f %% of one core)\n", main_cpu / 1e6,
           seconds, 100 * main_cpu / 1e6 / MAX (seconds, 1e-9));
  for (guint a = 0; a < OC_MAIN_N_ACTIVITIES; a++)
    {
      guint n;
      gint64 t = oc_main_profile_total (a, &n);
      g_autofree char *extra = g_strdup_printf (" (%u calls, longest %.1f ms)", n,
                                                oc_main_profile_max (a) / 1e3);

      print_ms_share (oc_main_profile_name (a), t, main_cpu, extra);
      /* Drawing happens inside a frame; the others mostly outside it. */
      if (a != OC_MAIN_DRAW)
        accounted += t;
    }
  {
    g_autofree char *extra = g_strdup_printf (" (%u frames, longest %.1f ms; includes figure "
                                              "drawing)",
                                              frames->n_frames, frames->frame_max / 1e3);

    print_ms_share ("frames: layout, snapshot, render", frames->frame_cpu, main_cpu, extra);
    accounted += frames->frame_cpu;
  }
  print_ms_share ("everything else (events, updates)", MAX (main_cpu - accounted, 0), main_cpu,
                  "");
}

/* Runs the page's experiment to its end while logging gaps, cycling @tabs. */
static void
measure (OcWindow *window, const char *run, const char *what, GtkWidget *page,
         const char *const *tabs, gboolean sweep, GuiTestCond done)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  FrameCpu frames = { 0 };
  Cycle cycle = { window, tabs, 0, sweep, 0 };
  GuiTestGaps gaps = { .print_long = verbose };
  gint64 t0, cpu0;
  guint timer;
  gulong before, after;

  /* The page's first showing (layout and text shaping of every widget on it, once) is not part
   * of a run: let it draw before pressing Run, as a user looks at the page before running. */
  gui_test_spin_for (1.0);
  before = g_signal_connect (clock, "before-paint", G_CALLBACK (on_before_paint), &frames);
  after = g_signal_connect_after (clock, "after-paint", G_CALLBACK (on_after_paint), &frames);
  /* Starting counts: the page reads what the store holds for the spec. */
  oc_main_profile_reset ();
  g_assert_true (gtk_widget_activate_action (page, "page.run", NULL));
  g_assert_true (PAGE_RUNNING (page));
  t0 = g_get_monotonic_time ();
  cpu0 = oc_main_profile_now ();
  gui_test_gaps_start (&gaps);
  frames.t0 = cycle.t0 = gaps.start;
  timer = g_timeout_add ((guint) cycle_ms, next_tab, &cycle);
  g_assert_true (gui_test_wait_for (done, window, 4 * 3600));
  gui_test_gaps_stop (&gaps);
  g_source_remove (timer);
  g_signal_handler_disconnect (clock, before);
  g_signal_handler_disconnect (clock, after);
  report (run, what, (g_get_monotonic_time () - t0) / 1e6, &gaps, oc_main_profile_now () - cpu0,
          &frames);
}

static void
bench_sweep (gboolean quick)
{
  static const char *const tabs[] = { "curve", "seeds", "norms", NULL };
  OcWindow *window;
  OcSweepSettings *pane;
  g_autofree char *what = NULL;

  gui_test_reset_settings (settings);
  window = gui_test_window_new (settings);
  oc_window_show_page (window, "sweep");
  pane = oc_sweep_page_get_settings_pane (SWEEP_PAGE (window));
  oc_spec_settings_set_protocol (OC_SPEC_SETTINGS (pane), "nakkiran-mlp");
  if (quick)
    {
      g_settings_set_string (settings, "sweep-widths", "1,2,4,8,12,16,24,32,48,64,128,256,512");
      g_settings_set_uint (settings, "sweep-epochs", 150);
      g_settings_set_uint (settings, "sweep-record-every", 10);
    }
  oc_spec_settings_flush (OC_SPEC_SETTINGS (pane));
  g_assert_nonnull (oc_spec_settings_get_spec (OC_SPEC_SETTINGS (pane)));
  what = g_strdup_printf ("nakkiran-mlp sweep, widths %s, %u epochs, record every %u",
                          g_settings_get_string (settings, "sweep-widths"),
                          g_settings_get_uint (settings, "sweep-epochs"),
                          g_settings_get_uint (settings, "sweep-record-every"));
  measure (window, "sweep", what, GTK_WIDGET (SWEEP_PAGE (window)), tabs, TRUE, sweep_done);
  gui_test_window_finish (window);
}

static void
bench_prune (gboolean quick)
{
  static const char *const tabs[] = { "curves", "weights", "masks", "overlap", NULL };
  guint levels = quick ? 4 : 20;
  guint64 iterations = quick ? 1000 : 5000;
  OcWindow *window;
  OcPruneSettings *pane;
  g_autofree char *what = NULL;

  gui_test_reset_settings (settings);
  window = gui_test_window_new (settings);
  oc_window_show_page (window, "prune");
  pane = oc_prune_page_get_settings_pane (PRUNE_PAGE (window));
  oc_spec_settings_set_protocol (OC_SPEC_SETTINGS (pane), "frankle-carbin");
  oc_prune_settings_set_levels (pane, levels);
  oc_prune_settings_set_iterations (pane, iterations);
  oc_spec_settings_flush (OC_SPEC_SETTINGS (pane));
  g_assert_nonnull (oc_spec_settings_get_spec (OC_SPEC_SETTINGS (pane)));
  what = g_strdup_printf ("frankle-carbin, %u levels × %" G_GUINT64_FORMAT " iterations, "
                          "imp/reinit/random", levels, iterations);
  measure (window, "prune", what, GTK_WIDGET (PRUNE_PAGE (window)), tabs, FALSE, prune_done);
  gui_test_window_finish (window);
}

int
main (int argc, char **argv)
{
  gboolean quick = FALSE;
  g_autofree char *run = NULL;
  GOptionEntry entries[] = {
    { "quick", 0, 0, G_OPTION_ARG_NONE, &quick, "Shorter runs (a few minutes)", NULL },
    { "run", 0, 0, G_OPTION_ARG_STRING, &run, "sweep, prune or all (the default)", "WHICH" },
    { "verbose", 0, 0, G_OPTION_ARG_NONE, &verbose, "Print every long frame and tab switch",
      NULL },
    { "cycle", 0, 0, G_OPTION_ARG_INT, &cycle_ms, "Milliseconds each tab stays in front (1000)",
      "MS" },
    { NULL },
  };
  g_autoptr (GOptionContext) context = g_option_context_new ("— the window's main-loop gaps");
  g_autoptr (GError) error = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-gui-gaps: %s\n", error->message);
      return 2;
    }
  if (run != NULL && !g_str_equal (run, "sweep") && !g_str_equal (run, "prune")
      && !g_str_equal (run, "all"))
    {
      g_printerr ("bench-gui-gaps: --run: give sweep, prune or all, not '%s'\n", run);
      return 2;
    }
  if (cycle_ms < 10 || cycle_ms > 600000)
    {
      g_printerr ("bench-gui-gaps: --cycle: give a number of milliseconds from 10 to 600000\n");
      return 2;
    }
  settings = gui_test_init ("bench-gaps");
  /* Every core trains: the runs choose their workers and BLAS threads as in the window. */
  if (run == NULL || !g_str_equal (run, "prune"))
    bench_sweep (quick);
  if (run == NULL || !g_str_equal (run, "sweep"))
    bench_prune (quick);
  g_object_unref (settings);
  return 0;
}
