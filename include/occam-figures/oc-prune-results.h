/* oc-prune-results.h — the levels of one prune experiment the Pruning page draws from: loaded
 * from the store, then added one by one as the run finishes them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every level keeps its store row (status, density, accuracies, early stop). IMP levels also keep
 * their masks and weights (θ at the start of training and θ_T), which the histograms, mask
 * heatmaps, the receptive-field atlas and the overlap figures need; the controls keep scalars
 * only. A level received from a run is built exactly as one read back from the store (same
 * float32 and uint8 arenas), so a finished experiment draws the same either way. No GTK here.
 */
#pragma once

#include "occam/oc-prune-record.h"

G_BEGIN_DECLS

typedef struct
{
  OcPruneRow *row;          /* owned */
  gsize       n_params;     /* 0 when no arenas are kept */
  guint8     *mask;         /* [n_params] 1 = alive */
  guint8     *next_mask;    /* [n_params] what survives the next pruning (IMP), or NULL */
  float      *theta_start;  /* [n_params] */
  float      *theta_final;  /* [n_params] */
} OcPruneLevel;

void          oc_prune_level_free (OcPruneLevel *level);
/* What a level just recorded shows: its point (taken), densities and, for IMP, the arenas, read
 * from the @artifacts it was recorded with, exactly as oc_prune_results_load reads them back.
 * OC_ERROR_STORE when the point is not a prune level's. */
OcPruneLevel *oc_prune_level_new_from_point (OcStorePoint *point, GPtrArray *artifacts,
                                             GError **error);

typedef struct _OcPruneResults OcPruneResults;

/* The results of @spec (kind prune); NULL with an error when it is not a valid one. */
OcPruneResults *oc_prune_results_new  (const OcSpec *spec, GError **error);
void            oc_prune_results_free (OcPruneResults *self);

const char     *oc_prune_results_get_id       (const OcPruneResults *self);
const OcSpec   *oc_prune_results_get_spec     (const OcPruneResults *self);
const OcLotteryConfig *oc_prune_results_get_config (const OcPruneResults *self);
/* Levels per control and seed (dense included), points of the whole experiment. */
guint           oc_prune_results_get_n_levels (const OcPruneResults *self);
guint           oc_prune_results_get_n_points (const OcPruneResults *self);
/* Levels held (finished or failed) and finished ones. */
guint           oc_prune_results_get_n_stored   (const OcPruneResults *self);
guint           oc_prune_results_get_n_finished (const OcPruneResults *self);

/* Reads every stored level of the experiment; returns how many, or -1 with @error. */
int             oc_prune_results_load (OcPruneResults *self, OcStore *store, GError **error);
/* Takes @level, replacing any held for the same control, seed and level. */
void            oc_prune_results_add  (OcPruneResults *self, OcPruneLevel *level);
const OcPruneLevel *oc_prune_results_get (const OcPruneResults *self, OcControl control,
                                          guint64 seed, guint level);
/* The rows held, in store order (control, seed, level); borrowed. */
GPtrArray      *oc_prune_results_rows (OcPruneResults *self);
/* The first seed's IMP level @level with its arenas, or NULL. */
const OcPruneLevel *oc_prune_results_imp (const OcPruneResults *self, guint level);

/* Mean accuracy of the dense network over seeds (NaN when none finished). */
double          oc_prune_results_dense_accuracy (OcPruneResults *self);
/* "imp 3.5 % (level 15) · reinit 21.0 % (level 7) · random none": the smallest matching density
 * per control within @tolerance (a fraction) of the dense network; none when only the dense
 * network (level 0) is that close, and no IMP entry for a run with densities. */
char           *oc_prune_results_matching_text  (OcPruneResults *self, double tolerance);
/* Whether the levels were early-stopped on a validation split. */
gboolean        oc_prune_results_has_validation (const OcPruneResults *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OcPruneResults, oc_prune_results_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OcPruneLevel, oc_prune_level_free)

G_END_DECLS
