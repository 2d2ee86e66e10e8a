/* oc-main-profile.c — see oc-main-profile.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <time.h>

#include "oc-main-profile.h"

static gint64 totals[OC_MAIN_N_ACTIVITIES];
static gint64 longest[OC_MAIN_N_ACTIVITIES];
static guint  calls[OC_MAIN_N_ACTIVITIES];

gint64
oc_main_profile_now (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

void
oc_main_profile_add (OcMainActivity activity, gint64 since)
{
  gint64 took = oc_main_profile_now () - since;

  g_return_if_fail (activity < OC_MAIN_N_ACTIVITIES);

  totals[activity] += took;
  longest[activity] = MAX (longest[activity], took);
  calls[activity]++;
}

gint64
oc_main_profile_total (OcMainActivity activity, guint *n_calls)
{
  g_return_val_if_fail (activity < OC_MAIN_N_ACTIVITIES, 0);

  if (n_calls != NULL)
    *n_calls = calls[activity];
  return totals[activity];
}

gint64
oc_main_profile_max (OcMainActivity activity)
{
  g_return_val_if_fail (activity < OC_MAIN_N_ACTIVITIES, 0);

  return longest[activity];
}

void
oc_main_profile_reset (void)
{
  for (guint a = 0; a < OC_MAIN_N_ACTIVITIES; a++)
    totals[a] = longest[a] = 0, calls[a] = 0;
}

const char *
oc_main_profile_name (OcMainActivity activity)
{
  static const char *const names[] = { "figure models", "figure drawing", "store reads",
                                         "run updates (progress, status)",
                                         "History's list rebuilt" };

  g_return_val_if_fail (activity < OC_MAIN_N_ACTIVITIES, "");
  return names[activity];
}
