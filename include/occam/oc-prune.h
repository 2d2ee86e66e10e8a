/* oc-prune.h — masks for lottery tickets: magnitude pruning by layer or globally, random masks at
 * given densities, and pruning-at-initialisation scores (SNIP, SynFlow).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every function works on an OcMlp with a mask (oc_mlp_enable_mask) and on score arenas with the
 * parameters' layout. Only weights are ever pruned; biases keep a mask of 1. Rates are fractions of
 * the weights *still alive*, so k levels at rate r leave (1 − r)^k of a layer.
 */
#pragma once

#include "oc-train.h"

G_BEGIN_DECLS

typedef enum
{
  OC_PRUNE_SCOPE_LAYER,  /* each layer loses its own fraction of its remaining weights */
  OC_PRUNE_SCOPE_GLOBAL, /* one ranking over all included layers (OpenLTH's sparse_global) */
} OcPruneScope;

typedef struct
{
  OcPruneScope scope;
  double       rate;         /* hidden layers (layer scope) or all included layers (global) */
  double       output_rate;  /* the output layer, layer scope only */
  gboolean     prune_output; /* FALSE leaves the output layer dense */
} OcPruneRates;

/* Frankle & Carbin's defaults: layer-wise, 20 % of hidden layers, 10 % of the output layer. */
void  oc_prune_rates_init (OcPruneRates *rates);

/* How many of @alive weights a level prunes at @rate: ⌈rate · alive⌉, as OpenLTH counts. */
gsize oc_prune_count      (gsize alive, double rate);

/* Removes, among alive weights, those with the lowest @scores (arena layout) as @rates say. Ties are
 * broken by position (earlier first) so a mask is a pure function of its inputs. Masked weights
 * are zeroed. */
void  oc_prune_by_scores  (OcMlp *mlp, const float *scores, const OcPruneRates *rates);

/* |θ|: magnitude scores of the current weights. @scores has n_params entries. */
void  oc_prune_scores_magnitude (const OcMlp *mlp, float *scores);

/* A random mask with exactly @alive[l] surviving weights in layer l (drawn from @rng). */
void  oc_prune_random_mask (OcMlp *mlp, const gsize *alive, OcRng *rng);

/* SNIP (Lee et al. 2019): |g ⊙ θ| with g the gradient of the loss on @n examples of @split. */
gboolean oc_prune_scores_snip (const OcMlp *mlp, OcLoss loss, const OcDataset *data,
                               const OcSplit *split, guint n, float *scores, GError **error);

/* SynFlow (Tanaka et al. 2020), data-free: θ ⊙ ∂R/∂θ with R = 1ᵀ(∏_l |W_l|)1 over the masked
 * network, biases ignored. Computed in double, then stored as float. */
void  oc_prune_scores_synflow (const OcMlp *mlp, float *scores);

/* Edge-popup (Ramanujan et al. 2020) and the sanity checks of pruning at initialisation
 * (Frankle et al. 2021). */

/* Weights each layer keeps at @density (a fraction): round(density · weights), at least 1; all
 * of the output layer when @prune_output is FALSE. @keep has n_layers entries. */
void  oc_prune_keep_counts (const OcMlp *mlp, double density, gboolean prune_output, gsize *keep);

/* Scratch of oc_prune_topk_mask(), so that a training step allocates nothing. */
typedef struct _OcPruneTopk OcPruneTopk;
OcPruneTopk *oc_prune_topk_new  (void);
void         oc_prune_topk_free (OcPruneTopk *topk);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OcPruneTopk, oc_prune_topk_free)

/* Sets the mask of each layer l to the @keep[l] weights with the largest |score| (ties: the
 * earlier position; a NaN score ranks lowest), biases 1. Exact, in linear time (a two-pass radix
 * select on the bits of |score|). Does not touch the parameters. */
void  oc_prune_topk_mask   (OcPruneTopk *topk, OcMlp *mlp, const float *scores,
                            const gsize *keep);

/* Edge-popup's initial scores: U(±1/√fan_in) per weight (PyTorch's kaiming_uniform with a = √5,
 * as the paper's code), 0 for biases and padding. */
void  oc_prune_init_scores (const OcMlp *mlp, float *scores, OcRng *rng);

/* Moves the surviving weights of each layer to uniformly random positions within the layer:
 * the same count per layer, another choice of weights. Masked weights are zeroed. */
void  oc_prune_shuffle_mask (OcMlp *mlp, OcRng *rng);

/* Fraction of the weights of layer @l alive (l < 0: all layers). */
double oc_prune_density (const OcMlp *mlp, int l);

/* Intersection over union of the surviving weights of two masks (layer @l, or all if l < 0). */
double oc_prune_mask_iou (const OcMlp *a, const OcMlp *b, int l);

G_END_DECLS
