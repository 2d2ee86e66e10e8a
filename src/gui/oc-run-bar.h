/* oc-run-bar.h — the run controls and progress every experiment page shows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A view only: OcExperimentPage decides what it says. The buttons activate the page's actions
 * page.run, page.pause / page.resume and page.stop, whose enabled state shows here.
 */
#pragma once

#include <adwaita.h>

#include "oc-point-progress.h"

G_BEGIN_DECLS

#define OC_TYPE_RUN_BAR (oc_run_bar_get_type ())
G_DECLARE_FINAL_TYPE (OcRunBar, oc_run_bar, OC, RUN_BAR, AdwBin)

/* "_Run", "_Resume", "_Run Again", "_Start", with its tooltip. */
void             oc_run_bar_set_run_label (OcRunBar *self, const char *label, const char *tooltip);
void             oc_run_bar_set_stop_tooltip (OcRunBar *self, const char *tooltip);
/* Shows the Pause button, reading Resume while @paused. */
void             oc_run_bar_set_pausable  (OcRunBar *self, gboolean pausable, gboolean paused);
/* The status line, the ETA line (may be NULL) and the bar (< 0 leaves it). */
void             oc_run_bar_set_status    (OcRunBar *self, const char *status, const char *eta,
                                           double fraction);
/* A line under the rows, or NULL to hide it. */
void             oc_run_bar_set_summary   (OcRunBar *self, const char *summary);
const char      *oc_run_bar_get_status    (OcRunBar *self);
const char      *oc_run_bar_get_summary   (OcRunBar *self);
OcPointProgress *oc_run_bar_get_rows      (OcRunBar *self);

G_END_DECLS
