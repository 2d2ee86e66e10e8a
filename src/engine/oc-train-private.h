/* oc-train-private.h — what other engine files share with training's evaluation, and what
 * training shares with its training states (oc-train-state.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "occam/oc-train.h"

G_BEGIN_DECLS

/* Σ over @nb rows of logits[nb, G·K] of each example's loss, exactly as oc_evaluate() sums one
 * chunk; *@n_wrong counts the examples with a mispredicted label group. Anything that must agree
 * with oc_evaluate() to the last bit (a landscape at the trained weights) sums through this. */
double oc_loss_sum (OcLoss loss, const float *logits, const gint32 *labels, int nb, int G, int K,
                    int *n_wrong);

/* A copy of the run's state: @model's weights and mask, @opt's moments and step counter, the
 * data order @order[@n_train] at @pos with the stream @order_rng, after @iteration steps. */
OcTrainState *oc_train_state_capture (const OcMlp *model, OcOptimizer *opt, guint64 iteration,
                                      const guint32 *order, guint n_train, guint pos,
                                      const OcRng *order_rng, GError **error);

G_END_DECLS
