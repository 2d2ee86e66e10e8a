/* oc-run-progress.h — the status line, ETA line and progress bar under a running job.
 *
 * The Train, Sweep and Pruning pages show a run the same way: "Starting…" and an empty bar, then
 * "elapsed 1:02 · ETA 0:40" once a second, then "Finished" and "took 1:42". The widgets stay in
 * each page's template; these functions only fill them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "occam/oc-experiment.h"

G_BEGIN_DECLS

/* Before the first report: "Starting…", no times, an empty bar. */
void  oc_run_progress_start  (GtkLabel *status_label, GtkLabel *eta_label, GtkProgressBar *bar);

/* @done of @total units of work (any unit: trainings, cost-weighted points) since @t_start
 * (g_get_monotonic_time); the ETA assumes the rest goes at the average speed so far and reads
 * "–" until something is done. */
void  oc_run_progress_update (GtkLabel *status_label, GtkLabel *eta_label, GtkProgressBar *bar,
                              const char *status, double done, double total, gint64 t_start);

/* After the run: "Finished", "Stopped" (@error is G_IO_ERROR_CANCELLED) or "Failed", the bar at
 * @fraction (left alone if negative) and "took 1:42". */
void  oc_run_progress_finish (GtkLabel *status_label, GtkLabel *eta_label, GtkProgressBar *bar,
                              const GError *error, double fraction, gint64 t_start);

G_END_DECLS
