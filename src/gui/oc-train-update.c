/* oc-train-update.c — see oc-train-update.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "oc-train-update.h"

void
oc_train_update_free (OcTrainUpdate *u)
{
  if (u == NULL)
    return;
  oc_weight_hist_free (u->hist);
  oc_boundary_free (u->boundary);
  g_free (u);
}
