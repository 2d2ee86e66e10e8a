/* oc-prune-page.h — the Pruning page: lottery tickets level by level, with the figures that show
 * a winning ticket (accuracy against weights remaining, weight histograms, masks, receptive
 * fields, overlap).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "occam-figures/oc-prune-figures.h"
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
/* Whether figures are being built on a worker for levels a run reported (they show when it
 * returns). */
gboolean         oc_prune_page_get_building (OcPrunePage *self);
/* "curves", "weights", "masks" or "overlap". */
void             oc_prune_page_show_tab     (OcPrunePage *self, const char *name);
/* Whether the level, its player and the layer menu show: on the Weights and Masks tabs only. */
gboolean         oc_prune_page_get_level_controls_shown (OcPrunePage *self);
/* The IMP level the weight and mask figures show. */
void             oc_prune_page_set_level    (OcPrunePage *self, guint level);
guint            oc_prune_page_get_level    (OcPrunePage *self);
/* The summary under the run bar: experiment, smallest matching densities. */
const char      *oc_prune_page_get_summary  (OcPrunePage *self);
/* Play (or pause) through the levels: the slider steps to the next IMP level every moment and
 * stops at the last; from the last level, Play starts again at 0. */
void             oc_prune_page_set_playing  (OcPrunePage *self, gboolean playing);
gboolean         oc_prune_page_get_playing  (OcPrunePage *self);
/* The receptive fields' order (the menu on the Masks tab). */
void             oc_prune_page_set_sort     (OcPrunePage *self, OcPruneSort sort);
/* What the receptive-field figure's tooltip says at (@x, @y) in its view: the unit's index,
 * surviving inputs and outputs and norm; NULL off the tiles. */
char            *oc_prune_page_describe_unit_at (OcPrunePage *self, double x, double y);
/* Whether the mean training image for the fan-in figure has loaded (tests). */
gboolean         oc_prune_page_has_mean_image (OcPrunePage *self);

G_END_DECLS
