/* oc-snapshot.h — what a figure needs from a model, small enough to ship by value: per-layer
 * weight-magnitude histograms and the decision boundary of a 2-D model on a grid.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Plain data. A training worker computes them from its model at a step boundary and hands them
 * to the main thread (a 200k-weight layer becomes 48 counts); the figures library computes the
 * same from a stored θ_T, so a finished run draws as it looked live.
 */
#pragma once

#include "oc-train.h"

G_BEGIN_DECLS

#define OC_WEIGHT_HIST_BINS 48

/* Per-layer histograms of |w| over shared log-spaced bins. */
typedef struct
{
  guint    n_layers;
  guint    n_bins;
  double   log_lo, log_hi; /* bin edges are 10^(log_lo + (log_hi - log_lo) · k / n_bins) */
  guint64 *counts;         /* [n_layers, n_bins] */
  guint64 *zeros;          /* [n_layers] exactly-zero (pruned) weights, not binned */
  guint   *fan_in;         /* [n_layers] sizes[l], for the legend */
  guint   *fan_out;        /* [n_layers] sizes[l + 1] */
} OcWeightHist;

OcWeightHist *oc_weight_hist_new  (const OcMlp *model);
void          oc_weight_hist_free (OcWeightHist *hist);

/* The plane region a decision-boundary grid covers, fixed for a run. */
typedef struct
{
  double x0, x1, y0, y1;
  guint  nx, ny;
} OcBoundaryGrid;

/* Samples per side of the grids the Train page shows (its job samples at this side too). */
#define OC_BOUNDARY_GRID_SIDE 72

/* The training points' bounding box with a margin, @n × @n samples. */
void oc_boundary_grid_for_split (OcBoundaryGrid *grid, const OcSplit *split, guint n);

typedef struct
{
  OcBoundaryGrid grid;
  guint          n_classes;
  float         *values; /* [ny, nx], row 0 at y0: P(class 1) for two classes, else argmax */
} OcBoundary;

/* Runs @model (2 inputs) on the centre of every grid cell, in one oc_mlp_predict call: the
 * logits evaluation computes. NULL when @model does not take 2 inputs, or when the grid's
 * logits cannot be allocated. */
OcBoundary *oc_boundary_new  (const OcMlp *model, const OcBoundaryGrid *grid);
void        oc_boundary_free (OcBoundary *boundary);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OcWeightHist, oc_weight_hist_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OcBoundary, oc_boundary_free)

G_END_DECLS
