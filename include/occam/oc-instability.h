/* oc-instability.h — instability analysis: linear mode connectivity (Frankle et al. 2020, "Linear
 * Mode Connectivity and the Lottery Ticket Hypothesis").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A parent run is trained to iteration k; two children copy its whole training state there
 * (weights, mask, the optimiser's moments and step counter, the schedule's position: an
 * OcTrainState) and finish the run with different data orders. Along the straight line
 * θ(α) = (1 − α)·θ_a + α·θ_b between the two children, α = 0 … 1 at evenly spaced points, the test
 * error and loss are measured, the mask re-applied so pruned weights stay zero on the path. The
 * instability is the highest error on the path minus the mean of the two ends' errors; a network
 * is stable at k when it is below 2 % (OC_INSTABILITY_STABLE).
 *
 * Sub-networks: for level L ≥ 1 of a stored IMP experiment (`prune`), the parent state is what
 * that level's training started from — the surviving weights at the rewind point (θ₀ for rewind
 * init, θ_K for iter:K) with the level's mask, a fresh optimiser and the schedule at 0, as
 * src/engine/oc-lottery.c trains a level — so k must be that rewind point. Level 0 is the dense
 * network, at any k.
 *
 * In the store an instability experiment has one point per k, level and seed, key
 * {"k":100,"level":0,"seed":0}, with the artifacts `path` (float64 [n_alphas, 3]: α, test
 * error, test loss) and `children` (float64 [2, 2]: each child's own final test error and loss).
 */
#pragma once

#include "oc-dataset.h"
#include "oc-train.h"

G_BEGIN_DECLS

/* Frankle et al. 2020 call a network stable when the error barrier is below 2 %. */
#define OC_INSTABILITY_STABLE 0.02

typedef struct
{
  const OcDataOptions *data;
  const OcTrainConfig *train;
  GArray              *ks;              /* guint64 iterations, ascending */
  GArray              *seeds;           /* guint64 model seeds, ascending */
  guint                n_alphas;        /* points on the path, both children included (≥ 3) */
  const char          *from_experiment; /* a prune experiment's ID, or NULL: the dense network */
  guint                level;           /* its IMP level (0: the dense network) */
} OcInstabilityConfig;

/* Fills @cfg from an `instability` spec, which must outlive it; free with
 * oc_instability_config_clear(). In oc-spec-instability.c. */
struct _OcSpec;
gboolean oc_instability_config_from_spec (const struct _OcSpec *spec, OcInstabilityConfig *cfg,
                                          GError **error);
void     oc_instability_config_clear     (OcInstabilityConfig *cfg);

/* {"k":100,"level":0,"seed":0}. Free with g_free(). */
char    *oc_instability_point_key   (guint64 k, guint level, guint64 seed);
/* Reads a key back; FALSE for anything else. */
gboolean oc_instability_parse_key   (const char *key, guint64 *k, guint *level, guint64 *seed);
/* The data-order seed of child @child (0 or 1) of replicate @seed: two independent draws of the
 * replicate's branch stream, so neither repeats the parent's order. */
guint64  oc_instability_child_seed  (guint64 seed, guint child);

/* α of point @i of @n evenly spaced in [0, 1]: exactly 0 and 1 at the ends. */
double   oc_instability_alpha       (guint i, guint n);
/* @out = (1 − α)·@a + α·@b, then @a's mask (when it has one) applied, so pruned weights are
 * exactly zero. The three networks have the same architecture. */
void     oc_instability_interpolate (OcMlp *out, const OcMlp *a, const OcMlp *b, double alpha);
/* Test error and loss at @n_alphas evenly spaced points between @a and @b (errors[i], losses[i]
 * at oc_instability_alpha (i, n_alphas)), evaluated as oc_evaluate does. */
gboolean oc_instability_path        (const OcMlp *a, const OcMlp *b, OcLoss loss,
                                     const OcDataset *data, guint n_alphas, double *errors,
                                     double *losses, GError **error);
/* max over the path of the error minus the mean of its two ends; NaN when any error is NaN. */
double   oc_instability_value       (const double *errors, guint n_alphas);

G_END_DECLS
