/* oc-train-snapshot.h — what a training worker copies out of a run for the window to show.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Plain data, no GTK: computed on the worker thread from the model at a step boundary, then
 * owned by the main thread. Weight magnitudes are binned on the worker (a 200k-weight layer
 * becomes 48 counts), and the decision boundary of a 2-D model is sampled on a grid there too.
 */
#pragma once

#include "occam/oc-train.h"

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

/* The training points' bounding box with a margin, @n × @n samples. */
void oc_boundary_grid_for_split (OcBoundaryGrid *grid, const OcSplit *split, guint n);

typedef struct
{
  OcBoundaryGrid grid;
  guint          n_classes;
  float         *values; /* [ny, nx], row 0 at y0: P(class 1) for two classes, else argmax */
} OcBoundary;

/* Runs @model (2 inputs) on every grid point. NULL only if @model does not take 2 inputs. */
OcBoundary *oc_boundary_new  (const OcMlp *model, const OcBoundaryGrid *grid);
void        oc_boundary_free (OcBoundary *boundary);

/* One progress report, by value. */
typedef struct
{
  guint64       iteration;
  guint64       total;
  double        active_seconds; /* since the start, pauses excluded */
  gboolean      has_eval;
  OcEvalPoint   eval;
  OcWeightHist *hist;     /* nullable */
  OcBoundary   *boundary; /* nullable */
} OcTrainUpdate;

void oc_train_update_free (OcTrainUpdate *update);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OcWeightHist, oc_weight_hist_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OcBoundary, oc_boundary_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OcTrainUpdate, oc_train_update_free)

G_END_DECLS
