/* oc-grok-figures.h — the figures of a `grok` experiment (memorise or find the rule).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One builder per figure; the Grokking page, occam-cli plot --experiment and exports call them
 * with the same inputs (oc-grok-results.h). Steps go on a log axis: step 0 cannot be placed on
 * it and is left out.
 */
#pragma once

#include "occam-figures/oc-grok-results.h"
#include "occam-plot/oc-plot.h"

G_BEGIN_DECLS

/* Train and held-out accuracy against the step (log x), with the memorised and found-the-rule
 * steps marked as they are reached. */
OcPlotFigure *oc_grok_accuracy_figure_new (const OcGrokRun *run, const char *title);
/* ‖θ‖₂ (left axis) and, for modadd, the Fourier share of the embedding (right axis, dashed)
 * against the step, with the same marks: the second panel under the accuracy. */
OcPlotFigure *oc_grok_measures_figure_new (const OcGrokRun *run, const char *title);
/* Steps to find the rule (and, dashed, to memorise) against the train fraction, one curve per
 * weight decay, mean over the seeds that reached it; NULL before any run finished. */
OcPlotFigure *oc_grok_fractions_figure_new (const OcGrokResults *results);
/* modadd: the embedding's energy per frequency (share of the total) at the memorised step and
 * after the jump; NULL without a spectrum. */
OcPlotFigure *oc_grok_spectrum_figure_new (const OcGrokRun *run, guint top_k);
/* Which held-out pairs the network gets right (row: first operand, column: second) at the
 * memorised step (@final FALSE) or after the last step; training pairs blank. NULL without the
 * grid. */
OcPlotFigure *oc_grok_pairs_figure_new (const OcGrokRun *run, gboolean final,
                                        gboolean modadd);

G_END_DECLS
