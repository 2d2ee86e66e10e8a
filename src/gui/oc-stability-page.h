/* oc-stability-page.h — the Stability page: instability analysis (linear mode connectivity,
 * Frankle et al. 2020) of a dense network or of a sub-network IMP found. For each k two children
 * copy the parent's training state and finish training on different data orders; the page shows
 * the test error along the straight line between them for each k and the instability against k,
 * with the 2 % line below which a network is stable.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A page of its own rather than a section of the Pruning page: it runs another spec kind
 * (`instability`), on the dense network as often as on a ticket, and its settings (where to
 * branch, the path, a stored experiment and its level) have nothing in common with the pruning
 * schedule; the Pruning page's settings column builds `prune` specs only. Both figures are the
 * figure library's (`occam-cli plot --figure instability-path / instability`).
 */
#pragma once

#include "occam-figures/oc-instability-results.h"
#include "oc-experiment-page.h"
#include "oc-figure-view.h"
#include "oc-stability-settings.h"

G_BEGIN_DECLS

#define OC_TYPE_STABILITY_PAGE (oc_stability_page_get_type ())
G_DECLARE_FINAL_TYPE (OcStabilityPage, oc_stability_page, OC, STABILITY_PAGE, OcExperimentPage)

OcStabilitySettings  *oc_stability_page_get_settings_pane (OcStabilityPage *self);
/* What the figures are drawn from (NULL while the settings are invalid). */
OcInstabilityResults *oc_stability_page_get_results       (OcStabilityPage *self);
/* Points received from the current or last run (tests). */
guint                 oc_stability_page_get_n_received    (OcStabilityPage *self);
/* The summary under the run bar. */
const char           *oc_stability_page_get_summary       (OcStabilityPage *self);

G_END_DECLS
