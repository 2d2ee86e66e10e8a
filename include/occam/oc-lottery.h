/* oc-lottery.h — the lottery-ticket procedure: iterative magnitude pruning with rewinding, its
 * controls, and pruning at initialisation for comparison.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Level 0 trains the dense network. Each later level prunes a fraction of the remaining weights
 * by the magnitude of the trained weights, rewinds the survivors (to θ₀, to θ_k, or not at all)
 * and trains again. The controls train at IMP's exact per-layer densities: `reinit` keeps the mask
 * with a fresh initialisation, `random` draws a random mask and keeps θ₀. The pruning-at-init
 * methods (SNIP, SynFlow, random) prune θ₀ straight to each level's density and train once.
 * Edge-popup trains a score per weight and keeps the top-k of each layer with the weights frozen
 * at a random initialisation: no weight is ever trained.
 *
 * The sanity checks of Frankle et al. 2021 are controls of those methods: `-shuffle` moves each
 * layer's surviving weights to random positions in the layer, `-reinit` keeps the mask and draws
 * new weights. After SNIP and SynFlow both train as the method does; edge-popup's are evaluated
 * untrained, as edge-popup is. A method that finds *which* weights loses accuracy under both; one
 * that only finds *how many per layer* does not.
 *
 * With `densities`, levels are not IMP's: level 0 is the dense network (IMP's, trained once as the
 * baseline) and level i ≥ 1 prunes straight to densities[i − 1]; only the pruning-at-init methods
 * and their sanity checks run there.
 */
#pragma once

#include "oc-prune.h"
#include "oc-sweep.h"

G_BEGIN_DECLS

typedef enum
{
  OC_CONTROL_IMP,    /* the winning-ticket candidate */
  OC_CONTROL_REINIT, /* same mask, new initialisation */
  OC_CONTROL_RANDOM, /* random mask at the same layer densities, original initialisation */
  OC_CONTROL_SNIP,   /* pruned at initialisation by |g ⊙ θ| */
  OC_CONTROL_SYNFLOW,/* pruned at initialisation by SynFlow, 100 iterations */
  OC_CONTROL_RANDOM_INIT, /* pruned at initialisation uniformly at random, globally */
  OC_CONTROL_EDGE_POPUP,  /* a top-k mask per layer learned on frozen random weights */
  OC_CONTROL_SNIP_SHUFFLE,   /* SNIP's mask shuffled within each layer, θ₀, trained */
  OC_CONTROL_SNIP_REINIT,    /* SNIP's mask, new initialisation, trained */
  OC_CONTROL_SYNFLOW_SHUFFLE,
  OC_CONTROL_SYNFLOW_REINIT,
  OC_CONTROL_POPUP_SHUFFLE,  /* edge-popup's mask shuffled within each layer, untrained */
  OC_CONTROL_POPUP_REINIT,   /* edge-popup's mask on new random weights, untrained */
  OC_N_CONTROLS
} OcControl;

typedef enum
{
  OC_REWIND_INIT, /* θ₀ (Frankle & Carbin 2019) */
  OC_REWIND_ITER, /* θ_k, late resetting (Frankle et al. 2020) */
  OC_REWIND_NONE, /* keep the trained weights: fine-tuning */
} OcRewind;

typedef struct
{
  const OcDataOptions *data;
  const OcTrainConfig *train;
  OcPruneRates         rates;
  guint                levels;      /* pruning levels after the dense level 0 */
  OcRewind             rewind;
  guint64              rewind_iteration; /* k for OC_REWIND_ITER */
  double               one_shot;    /* > 0: one level that prunes straight to this density */
  guint                controls;    /* bit set of 1 << OcControl; IMP always runs */
  const GArray        *seeds;       /* guint64; NULL: the training seed */
  guint                snip_examples; /* minibatch for SNIP scores (default 100) */
  const GArray        *densities;   /* double fractions, descending; NULL: IMP's levels */
  OcInit               popup_init;  /* edge-popup's frozen weights (signed constant) */
  gboolean             popup_scale_density; /* edge-popup: weights × 1/√k, k the layer's
                                             * density (the paper's scaled variant) */
  guint                workers;     /* concurrent trainings; 0 = automatic */
} OcLotteryConfig;

typedef struct
{
  OcControl            control;
  guint64              seed;
  guint                level;
  OcPointStatus        status;
  const GError        *error;       /* diverged: why */
  const OcTrainResult *result;      /* NULL when diverged */
  const OcMlp         *model;       /* θ_T with its mask */
  const float         *start;       /* the weights training started from (masked), n_params */
  const OcDataset     *data;
  double               density;     /* surviving weights / all weights */
  const double        *layer_density; /* [n_layers] */
  const float         *next_mask;   /* IMP: the mask the next level starts from, else NULL */
  gboolean             reused;      /* level 0 of a control: the dense run, not trained again */
} OcLevelOutcome;

typedef struct
{
  /* Resume: return TRUE when (control, seed, level) is already recorded; the level is then not
   * trained again. For IMP also fill @next_mask and @theta_final (n_params floats each) with the
   * recorded outcome's next_mask and trained weights, from which the chain continues; for SNIP,
   * SynFlow and edge-popup fill @next_mask with the recorded mask (their sanity checks start from
   * it); for level 0 of the controls both are NULL and n_params 0. May be NULL. */
  gboolean (*lookup)         (OcControl control, guint64 seed, guint level, float *next_mask,
                              float *theta_final, gsize n_params, gpointer user_data);
  void     (*progress)       (OcControl control, guint64 seed, guint level,
                              const OcProgress *progress, gpointer user_data);
  gboolean (*level_finished) (const OcLevelOutcome *outcome, gpointer user_data, GError **error);
  gpointer   user_data;
} OcLotteryCallbacks;

void     oc_lottery_config_init (OcLotteryConfig *cfg);

/* Fills @cfg from a `prune` spec, which must outlive it (cfg->data and cfg->train point into
 * it); cfg->seeds is allocated: free it with oc_lottery_config_clear(). In oc-spec-prune.c. */
struct _OcSpec;
gboolean oc_lottery_config_from_spec (const struct _OcSpec *spec, OcLotteryConfig *cfg,
                                      GError **error);
void     oc_lottery_config_clear     (OcLotteryConfig *cfg);
/* Points of a run: controls (IMP included) × seeds × levels. */
guint    oc_lottery_n_points         (const OcLotteryConfig *cfg);
/* The store key of a point: {"control":"imp","seed":0,"level":3}. Free with g_free(). */
char    *oc_lottery_point_key        (OcControl control, guint64 seed, guint level);

/* How a run uses the cores: @workers trainings at once, each with @threads threads. */
void     oc_lottery_plan        (const OcLotteryConfig *cfg, guint *workers, guint *threads);

/* Levels per seed and control, for progress and ETA. */
guint    oc_lottery_n_levels    (const OcLotteryConfig *cfg);

gboolean oc_lottery_run         (const OcLotteryConfig *cfg, const OcLotteryCallbacks *callbacks,
                                 GCancellable *cancellable, GError **error);

/* The method whose mask a sanity check starts from (snip for snip-shuffle), else @c itself. */
OcControl   oc_control_parent      (OcControl c);
/* Whether @c prunes at initialisation by a method that has sanity checks (snip, synflow,
 * edge-popup). */
gboolean    oc_control_has_checks  (OcControl c);

gboolean    oc_control_from_string (const char *s, OcControl *out);
const char *oc_control_to_string   (OcControl c);
gboolean    oc_rewind_from_string  (const char *s, OcRewind *rewind, guint64 *iteration);

G_END_DECLS
