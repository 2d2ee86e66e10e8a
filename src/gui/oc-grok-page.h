/* oc-grok-page.h — the Grokking page: memorise or find the rule, live.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An OcExperimentPage (run, stop, progress and storing come from there) over the grok settings
 * column: a user picks addition or modular addition, train fractions and weight decays, and
 * watches train and held-out accuracy separate and rejoin on a log step axis, with the memorised
 * and found-the-rule steps appearing the moment they are reached; under it the weight norm and
 * the embedding's Fourier share, and a detail figure (spectrum, held-out pairs, steps against
 * the train fraction).
 */
#pragma once

#include "occam-figures/oc-grok-results.h"
#include "oc-experiment-page.h"
#include "oc-figure-view.h"
#include "oc-grok-settings.h"

G_BEGIN_DECLS

#define OC_TYPE_GROK_PAGE (oc_grok_page_get_type ())
G_DECLARE_FINAL_TYPE (OcGrokPage, oc_grok_page, OC, GROK_PAGE, OcExperimentPage)

/* What the detail figure shows. */
typedef enum
{
  OC_GROK_DETAIL_SPECTRUM,
  OC_GROK_DETAIL_PAIRS_MEMORISED,
  OC_GROK_DETAIL_PAIRS_FINAL,
  OC_GROK_DETAIL_FRACTIONS,
} OcGrokDetail;

OcGrokSettings      *oc_grok_page_get_settings_pane (OcGrokPage *self);
/* The runs the figures are drawn from (NULL while the settings are invalid). */
const OcGrokResults *oc_grok_page_get_results       (OcGrokPage *self);
/* The run the curves show. */
guint                oc_grok_page_get_shown_run     (OcGrokPage *self);
/* "Memorised at step 620 · found the rule at step 9800 (×15.8)", as shown. */
const char          *oc_grok_page_get_steps_text    (OcGrokPage *self);
OcFigureView        *oc_grok_page_get_accuracy_view (OcGrokPage *self);
void                 oc_grok_page_set_detail        (OcGrokPage *self, OcGrokDetail detail);

G_END_DECLS
