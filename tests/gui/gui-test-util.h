/* gui-test-util.h — what every window test under Xvfb needs: iterating the main loop until
 * something observable happens, a fresh window and its finalisation, loading a dataset, the
 * program's own store, and PNG snapshots as artefacts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * No sleeps: the helpers turn the main loop, so timers, idles and worker deliveries all run while
 * a test waits, and a condition that never comes true fails after its deadline instead of hanging.
 */
#pragma once

#include <gtk/gtk.h>

#include "occam/oc-store.h"
#include "oc-dataset-page.h"
#include "oc-figure-view.h"
#include "oc-history-page.h"
#include "oc-prune-page.h"
#include "oc-sweep-page.h"
#include "oc-train-page.h"
#include "oc-window.h"

G_BEGIN_DECLS

/* The window's pages by the names of its table. */
#define DATASET_PAGE(w) OC_DATASET_PAGE (oc_window_get_page ((w), "dataset"))
#define TRAIN_PAGE(w)   OC_TRAIN_PAGE (oc_window_get_page ((w), "train"))
#define SWEEP_PAGE(w)   OC_SWEEP_PAGE (oc_window_get_page ((w), "sweep"))
#define PRUNE_PAGE(w)   OC_PRUNE_PAGE (oc_window_get_page ((w), "prune"))
#define HISTORY_PAGE(w) OC_HISTORY_PAGE (oc_window_get_page ((w), "history"))
/* Whether the page of one of those (an OcExperimentPage) runs now. */
#define PAGE_RUNNING(p) oc_experiment_page_get_running (OC_EXPERIMENT_PAGE (p))

typedef gboolean (*GuiTestCond) (gpointer data);

/* Call in main() after g_test_init(): points XDG_DATA_HOME at a folder of this program's own
 * under the test artefacts, "xdg-data-@name", without a store in it (so each run starts empty),
 * initialises GTK, libadwaita and the app's resources, and returns the app's settings (full). */
GSettings *gui_test_init           (const char *name);

/* Iterates the main loop until @cond holds or @seconds pass; returns the last @cond. */
gboolean  gui_test_wait_for        (GuiTestCond cond, gpointer data, double seconds);
/* Iterates the main loop for @seconds. */
void      gui_test_spin_for        (double seconds);
/* Hovers (@x, @y) over @view, as the pointer does, until it finds an element (the view has drawn
 * its figure at its size and theme: it lays nothing out on the main thread) or 10 s pass;
 * returns whether it found one. */
gboolean  gui_test_hover           (OcFigureView *view, double x, double y);

/* The main loop's longest gaps while something runs: a 10 ms timer records the longest time
 * between two of its firings, in wall time and in the main thread's own CPU time. The CPU time is
 * what the window's code spends between two ticks (drawing, handling a worker's report) whatever
 * else runs on the machine; the wall time also catches the main thread waiting on a worker, but a
 * loaded machine stretches it by a few hundred milliseconds, so bounds on it must be loose. */
typedef struct
{
  gint64 last, last_cpu;
  gint64 max_gap;     /* wall time, µs */
  gint64 max_cpu_gap; /* the main thread's own CPU time between two ticks, µs */
  guint  n;
  guint  timer;
  /* Wall-time gaps by length: ≤ 16, ≤ 25, ≤ 33, ≤ 50, ≤ 100 and > 100 ms (GUI_TEST_GAP_EDGES). */
  guint  hist[6];
  /* Set before starting (the rest zeroed): each gap over 16 ms is printed with its time since
   * the start. */
  gboolean print_long;
  gint64   start;
} GuiTestGaps;

/* The upper edges of GuiTestGaps.hist's first five bins, ms; 16 ms is a frame at 60 Hz. */
#define GUI_TEST_GAP_EDGES { 16, 25, 33, 50, 100 }

void      gui_test_gaps_start      (GuiTestGaps *gaps);
void      gui_test_gaps_stop       (GuiTestGaps *gaps);
/* Every key of @settings back to its default. */
void      gui_test_reset_settings  (GSettings *settings);
/* A presented window on @settings, mapped and laid out, with a reference of the test's. */
OcWindow *gui_test_window_new      (GSettings *settings);
/* Destroys @window and asserts that nothing keeps it alive. */
void      gui_test_window_finish   (OcWindow *window);
/* The Dataset page has finished loading and holds data. */
gboolean  gui_test_dataset_ready   (gpointer window);
/* Loads dataset @name through the Dataset page's action and waits (60 s at most) for it. */
void      gui_test_load            (OcWindow *window, GSettings *settings, const char *name);
/* A second handle on the store the window writes to, to compare the pages with it. Full. */
OcStore  *gui_test_open_store      (void);
/* Runs @argv (a program found in PATH and its arguments, NULL-terminated); asserts it exits 0
 * and returns its standard output. */
char     *gui_test_spawn           (const char *const *argv);
/* The same for occam-cli ($OC_CLI) with @args. */
char     *gui_test_run_cli         (const char *const *args);
/* Sends @keyval (no modifiers) to @widget's key controller, as a key press would; returns
 * whether it was handled. */
gboolean  gui_test_press_key       (GtkWidget *widget, guint keyval);
/* Waits (30 s at most) until no figure view of @window is drawing on a worker: the figures
 * shown are the current ones. */
void      gui_test_wait_figures_drawn (GtkWindow *window);
/* Lets the window lay out and paint (its figures drawn), then renders it to
 * $OC_TEST_ARTIFACTS/@name.png. */
void      gui_test_save_snapshot   (OcWindow *window, const char *name);
/* The same for any window (a dialog, the presentation). */
void      gui_test_save_window_snapshot (GtkWindow *window, const char *name);

G_END_DECLS
