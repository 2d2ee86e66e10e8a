/* oc-train-private.h — what training shares with its training states (oc-train-state.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "occam/oc-train.h"

G_BEGIN_DECLS

/* A copy of the run's state: @model's weights and mask, @opt's moments and step counter, the
 * data order @order[@n_train] at @pos with the stream @order_rng, after @iteration steps. */
OcTrainState *oc_train_state_capture (const OcMlp *model, OcOptimizer *opt, guint64 iteration,
                                      const guint32 *order, guint n_train, guint pos,
                                      const OcRng *order_rng, GError **error);

G_END_DECLS
