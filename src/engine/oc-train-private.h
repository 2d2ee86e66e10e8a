/* oc-train-private.h — what other engine files share with training's evaluation.
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

G_END_DECLS
