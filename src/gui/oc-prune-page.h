/* oc-prune-page.h — the Pruning page: lottery tickets level by level, with the figures that show
 * a winning ticket (accuracy against weights remaining, weight histograms, masks, receptive
 * fields, overlap).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "occam-figures/oc-prune-results.h"
#include "oc-experiment-page.h"
#include "oc-figure-view.h"
#include "oc-prune-settings.h"

G_BEGIN_DECLS

#define OC_TYPE_PRUNE_PAGE (oc_prune_page_get_type ())
G_DECLARE_FINAL_TYPE (OcPrunePage, oc_prune_page, OC, PRUNE_PAGE, OcExperimentPage)

OcPruneSettings *oc_prune_page_get_settings_pane (OcPrunePage *self);
/* What the figures are drawn from (NULL while the settings are invalid). */
OcPruneResults  *oc_prune_page_get_results  (OcPrunePage *self);
/* Levels received from the current or last run (tests). */
guint            oc_prune_page_get_n_received (OcPrunePage *self);
/* "curves", "weights", "masks" or "overlap". */
void             oc_prune_page_show_tab     (OcPrunePage *self, const char *name);
/* The IMP level the weight and mask figures show. */
void             oc_prune_page_set_level    (OcPrunePage *self, guint level);
guint            oc_prune_page_get_level    (OcPrunePage *self);
/* The summary under the run bar: experiment, smallest matching densities. */
const char      *oc_prune_page_get_summary  (OcPrunePage *self);

G_END_DECLS
