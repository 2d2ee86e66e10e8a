/* oc-run-progress.c — see oc-run-progress.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>

#include "oc-run-progress.h"

static double
seconds_since (gint64 t_start)
{
  return (g_get_monotonic_time () - t_start) / 1e6;
}

void
oc_run_progress_start (GtkLabel *status_label, GtkLabel *eta_label, GtkProgressBar *bar)
{
  gtk_label_set_text (status_label, "Starting…");
  gtk_label_set_text (eta_label, "");
  gtk_progress_bar_set_fraction (bar, 0);
}

void
oc_run_progress_update (GtkLabel *status_label, GtkLabel *eta_label, GtkProgressBar *bar,
                        const char *status, double done, double total, gint64 t_start)
{
  double elapsed = seconds_since (t_start);
  double eta = done > 0 ? elapsed * (total - done) / done : NAN;
  g_autofree char *el = oc_format_duration (elapsed);
  g_autofree char *eta_s = isfinite (eta) ? oc_format_duration (eta) : g_strdup ("–");
  g_autofree char *text = g_strdup_printf ("elapsed %s · ETA %s", el, eta_s);

  gtk_progress_bar_set_fraction (bar, total > 0 ? CLAMP (done / total, 0, 1) : 0);
  gtk_label_set_text (status_label, status);
  gtk_label_set_text (eta_label, text);
}

void
oc_run_progress_finish (GtkLabel *status_label, GtkLabel *eta_label, GtkProgressBar *bar,
                        const GError *error, double fraction, gint64 t_start)
{
  g_autofree char *el = oc_format_duration (seconds_since (t_start));
  g_autofree char *took = g_strdup_printf ("took %s", el);

  gtk_label_set_text (status_label, error == NULL ? "Finished"
                                    : g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
                                        ? "Stopped" : "Failed");
  if (fraction >= 0)
    gtk_progress_bar_set_fraction (bar, fraction);
  gtk_label_set_text (eta_label, took);
}
