/* oc-prune-record.h — what a lottery-ticket level writes to the store, and how it is read back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * occam-cli prune and the GUI's Pruning page record levels the same way, so either can resume an
 * experiment the other started: one point per control, seed and level with the key
 * {"control":"imp","seed":0,"level":3}, and the artifacts
 *   mask, next_mask (IMP only)   uint8 [n_params]  1 = alive (the parameter arena's layout)
 *   theta_start, theta_final     float32 [n_params] the weights training started from, θ_T
 *   layer_density                float32 [n_layers]
 *   layer_alive                  int32 [n_layers]   surviving weights per layer
 *   theta_norm, distance_from_init, path_norm   float32 [1], finished levels: the solution's
 *                                norms (oc-sweep-record.h), the distance from theta_start
 * The arena layout (oc-mlp.h): for each layer l, W_l [sizes[l+1], sizes[l]] row-major, then b_l.
 */
#pragma once

#include "oc-lottery.h"
#include "oc-store.h"

G_BEGIN_DECLS

/* A density "matches" the dense network when its accuracy is at most this far below (a fraction:
 * 1 percentage point), as summaries and the Pruning page call it. */
#define OC_PRUNE_MATCH_TOLERANCE 0.01

/* One stored level, as read back. */
typedef struct
{
  OcControl     control;
  guint64       seed;
  guint         level;
  OcStorePoint *point;          /* owned */
  guint         n_layers;
  double        density;        /* surviving weights / all weights; NaN when unknown */
  double       *layer_density;  /* [n_layers], or NULL when unknown */
  guint        *sizes;          /* [n_layers + 1] from the point's architecture, or NULL */
} OcPruneRow;

void        oc_prune_row_free      (OcPruneRow *row);

/* {"control":"imp","seed":0,"level":3} → its parts; FALSE for any other text. */
gboolean    oc_prune_parse_point_key (const char *key, OcControl *control, guint64 *seed,
                                      guint *level);

/* The row of one stored point (taken), its densities from the `layer_alive` artifact (may be
 * NULL: unknown); OC_ERROR_STORE when the key is not a prune point's. */
OcPruneRow *oc_prune_row_new       (OcStorePoint *point, const OcNpyArray *layer_alive,
                                    GError **error);

/* The rows of experiment @id ordered by control (OcControl order), seed and level. */
GPtrArray  *oc_prune_rows_load     (OcStore *store, const char *id, GError **error);

/* The accuracy a level is judged by: test accuracy at early stop (the end of training when there
 * is no validation split); NaN unless the level finished. */
double      oc_prune_row_accuracy  (const OcPruneRow *row);

/* Sorts @rows by control (OcControl order), seed and level, as oc_prune_rows_load returns them. */
void        oc_prune_rows_sort     (GPtrArray *rows);

/* One control's level over seeds. */
typedef struct
{
  guint  n;          /* rows at this level (finished or not) */
  double density;    /* mean density; NaN when n is 0 */
  double accuracy;   /* mean oc_prune_row_accuracy: NaN when n is 0 or any row did not finish */
} OcPruneLevelMean;

/* The means over seeds of @control's rows at each level, [highest level + 1] (levels without a
 * row have n 0). Free with g_array_unref(). */
GArray     *oc_prune_rows_level_means (GPtrArray *rows, OcControl control);
/* The accuracy pruning is measured against: IMP's level 0 (the dense network), mean over seeds;
 * NaN when none is stored or one did not finish. */
double      oc_prune_rows_dense_accuracy (GPtrArray *rows);

/* The smallest matching density of @control over @rows: walking down from the dense network,
 * the lowest mean density (over seeds) reached before the mean accuracy first falls more than
 * @tolerance (a fraction: 0.01 = 1 pp) below @dense. NaN when no level matches. */
double      oc_prune_rows_matching_density (GPtrArray *rows, OcControl control, double dense,
                                            double tolerance, guint *level_out,
                                            double *accuracy_out);

/* The store point of a finished or diverged level (status, error, times, architecture, split
 * sizes, result and curve). @threads: BLAS threads each training ran with. */
OcStorePoint *oc_prune_point_record_new (const char *experiment_id, const OcLevelOutcome *outcome,
                                         guint threads);
/* Its artifacts (see above). */
GPtrArray    *oc_prune_level_artifacts  (const OcLevelOutcome *outcome, GError **error);

/* An arena artifact of @n values into @out (masks as 0/1 floats); FALSE when it is missing or of
 * another shape. */
gboolean      oc_prune_load_arena       (OcStore *store, const char *id, const char *key,
                                         const char *name, gboolean as_mask, float *out, gsize n);

/* OcLotteryCallbacks.lookup against the store: TRUE when the level is stored finished (and, for
 * IMP, its θ_T and next mask could be loaded into @theta_final and @next_mask so the chain goes
 * on). A dense IMP level counts only when the enabled controls (@cfg->controls) have their copy
 * of it too. */
gboolean      oc_prune_store_lookup     (OcStore *store, const char *id,
                                         const OcLotteryConfig *cfg, OcControl control,
                                         guint64 seed, guint level, float *next_mask,
                                         float *theta_final, gsize n_params);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OcPruneRow, oc_prune_row_free)

G_END_DECLS
