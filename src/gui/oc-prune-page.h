/* oc-prune-page.h — the Pruning page: lottery tickets level by level, with the figures that show
 * a winning ticket (accuracy against weights remaining, weight histograms, masks, receptive
 * fields, overlap).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "occam/oc-store.h"
#include "occam-figures/oc-prune-results.h"
#include "oc-figure-view.h"
#include "oc-loaded-data.h"
#include "oc-prune-settings.h"

G_BEGIN_DECLS

#define OC_TYPE_PRUNE_PAGE (oc_prune_page_get_type ())
G_DECLARE_FINAL_TYPE (OcPrunePage, oc_prune_page, OC, PRUNE_PAGE, AdwBin)

void             oc_prune_page_set_settings (OcPrunePage *self, GSettings *settings);
void             oc_prune_page_set_data     (OcPrunePage *self, OcLoadedData *data);
/* The window's store, which outlives the page. */
void             oc_prune_page_set_store    (OcPrunePage *self, OcStore *store);
/* Shows a stored prune experiment (History); run it to resume it. */
void             oc_prune_page_open_spec    (OcPrunePage *self, const OcSpec *spec);

gboolean         oc_prune_page_get_running  (OcPrunePage *self);
OcPruneSettings *oc_prune_page_get_settings_pane (OcPrunePage *self);
/* What the figures are drawn from (NULL while the settings are invalid). */
OcPruneResults  *oc_prune_page_get_results  (OcPrunePage *self);
/* Levels received from the current or last run (tests). */
guint            oc_prune_page_get_n_received (OcPrunePage *self);
/* The figures of the visible tab. */
GPtrArray       *oc_prune_page_get_figure_views (OcPrunePage *self);
/* "curves", "weights", "masks" or "overlap". */
void             oc_prune_page_show_tab     (OcPrunePage *self, const char *name);
/* The IMP level the weight and mask figures show. */
void             oc_prune_page_set_level    (OcPrunePage *self, guint level);
guint            oc_prune_page_get_level    (OcPrunePage *self);
/* The summary under the run bar: experiment, smallest matching densities. */
const char      *oc_prune_page_get_summary  (OcPrunePage *self);
void             oc_prune_page_get_delivery_stats (OcPrunePage *self, guint *n_deliveries,
                                                   guint *max_batch);

G_END_DECLS
