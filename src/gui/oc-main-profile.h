/* oc-main-profile.h — where the main thread's time goes, by activity.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A few counters of the main thread's own CPU time (CLOCK_THREAD_CPUTIME_ID), added up per
 * activity: building figure models from results, recording a figure's drawing in a view's
 * snapshot, and reading the store. They cost two clock reads per measured call and are always
 * on; the gap benchmark (tests/gui/bench-gaps.c) resets them before a run and prints their
 * shares after it. Main thread only.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  OC_MAIN_BUILD, /* figure models from results (pages' refresh) */
  OC_MAIN_DRAW,  /* a figure view's snapshot: drawing the figure, or replaying its cache */
  OC_MAIN_STORE, /* store reads on the main thread */
  OC_MAIN_RUN,   /* a run's updates besides figures: progress rows, status, other pages */
  OC_MAIN_HISTORY, /* History's list rebuilt after the store changed */
  OC_MAIN_N_ACTIVITIES
} OcMainActivity;

/* The calling thread's CPU time in µs. */
gint64      oc_main_profile_now   (void);
/* Adds the CPU time since @since (from oc_main_profile_now) to @activity. */
void        oc_main_profile_add   (OcMainActivity activity, gint64 since);
/* The totals in µs, and how many calls each. */
gint64      oc_main_profile_total (OcMainActivity activity, guint *n_calls);
/* The longest single call of @activity, µs. */
gint64      oc_main_profile_max   (OcMainActivity activity);
void        oc_main_profile_reset (void);
const char *oc_main_profile_name  (OcMainActivity activity);

G_END_DECLS
