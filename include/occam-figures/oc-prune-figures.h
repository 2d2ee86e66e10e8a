/* oc-prune-figures.h — the Pruning page's figures, built from OcPruneResults with the plot
 * library (the export and the History page use the same calls).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every function returns a new figure, or NULL when the results hold nothing to draw yet (the
 * view then shows its placeholder). Levels are the first seed's IMP chain unless said otherwise.
 * Curves and overlap in oc-prune-figures.c; weights and masks in oc-prune-weights.c. No GTK.
 */
#pragma once

#include "occam-plot/oc-plot.h"
#include "occam-figures/oc-prune-results.h"

G_BEGIN_DECLS

/* Test accuracy (at early stop) against % of weights remaining, log x: IMP and each control,
 * mean over seeds with a min–max band, the dense network as a horizontal line. */
OcPlotFigure *oc_prune_accuracy_figure_new   (OcPruneResults *results);
/* The talk's point in one figure: test accuracy against % of weights remaining (log x) for
 * every method of the @n prune experiments @results — IMP's trained tickets, its controls,
 * SNIP, SynFlow, random, edge-popup (no weight training at all) and the sanity checks — mean
 * over seeds with a min–max band; a method and its sanity checks share a colour (IMP with its
 * controls), re-initialised weights dashed with markers, shuffled masks dashed. Each method's smallest matching density (oc_prune_rows_matching_density within
 * @tolerance of the dense network of the first experiment that has one) gets a large marker
 * and is given in the legend. A method found in several experiments is drawn once per
 * experiment, named with its ID. Level 0 of a method is the dense network: drawn once, as the
 * dense line. NULL when nothing finished. */
OcPlotFigure *oc_prune_methods_figure_new    (OcPruneResults *const *results, guint n,
                                              double tolerance);
/* Early-stopping iteration against % remaining: tickets learn faster. Without a validation
 * split there is no early stopping (every level stops at the last iteration), so the figure
 * says that in place of a flat line. */
OcPlotFigure *oc_prune_early_stop_figure_new (OcPruneResults *results);
/* Density of each layer (and in total) per IMP level, log y. */
OcPlotFigure *oc_prune_density_figure_new    (OcPruneResults *results);
/* Mask overlap (IoU of surviving weights) between every two IMP levels. */
OcPlotFigure *oc_prune_overlap_figure_new    (OcPruneResults *results);
/* IoU between the seeds' IMP masks at each level (mean over pairs); NULL with one seed. */
OcPlotFigure *oc_prune_seed_overlap_new      (OcPruneResults *results);

/* Weight magnitudes of @layer at IMP level @level: |θ| where training started and |θ_T| of the
 * surviving weights, split into kept and pruned by the next level, the threshold marked. */
OcPlotFigure *oc_prune_histogram_new  (OcPruneResults *results, guint level, guint layer);
/* θ at the start against θ_T of @layer's surviving weights, kept and pruned (subsampled). */
OcPlotFigure *oc_prune_scatter_new    (OcPruneResults *results, guint level, guint layer);
/* @layer's mask as an outputs × inputs heatmap. */
OcPlotFigure *oc_prune_mask_figure_new (OcPruneResults *results, guint level, guint layer);
/* How the receptive-field atlas orders its tiles. */
typedef enum
{
  OC_PRUNE_SORT_INPUTS, /* most surviving input weights first */
  OC_PRUNE_SORT_NORM,   /* largest norm of the surviving trained input weights first */
} OcPruneSort;

/* "inputs" or "norm"; FALSE for anything else. */
gboolean      oc_prune_sort_from_string (const char *text, OcPruneSort *sort);
const char   *oc_prune_sort_to_string   (OcPruneSort sort);

/* One first-layer unit at one IMP level. A unit is dead when no surviving weight reaches it
 * (no input) or leaves it (no output): it cannot affect the network's output. */
typedef struct
{
  guint    unit;    /* index in the first hidden layer */
  guint    inputs;  /* surviving weights into it: row @unit of W_1's mask */
  guint    outputs; /* surviving weights out of it: column @unit of W_2's mask */
  double   norm;    /* L2 norm of its surviving trained input weights θ_T */
  gboolean dead;
} OcPruneUnit;

/* The first hidden layer's units at IMP level @level in the atlas's order: live units sorted
 * by @sort (ties by index), dead units after them; NULL when the level has no arenas or the
 * network has no hidden layer. */
OcPruneUnit  *oc_prune_units_new      (OcPruneResults *results, guint level, OcPruneSort sort,
                                       guint *n_units);
/* The first layer's surviving trained weights θ_T as one 28×28 (or √n×√n) receptive field per
 * hidden unit, signed on a diverging map whose zero is the background (pruned weights vanish),
 * in oc_prune_units_new()'s order, dead units greyed out and counted in the title; NULL when
 * the input is not a square image. */
OcPlotFigure *oc_prune_atlas_new      (OcPruneResults *results, guint level, OcPruneSort sort);
/* Surviving first-layer weights leaving each input pixel (its fan-out into the first layer),
 * as an image with a colour bar, with the outline of @mean_image (the mean training image,
 * sizes[0] values; may be NULL) drawn over it: where the data are and where the ticket looks. */
OcPlotFigure *oc_prune_fan_in_new     (OcPruneResults *results, guint level,
                                       const float *mean_image);

/* Offset of W_@layer in a parameter arena of a network with @sizes (oc-mlp.h's layout). */
gsize         oc_prune_weight_offset  (const guint *sizes, guint layer);

G_END_DECLS
