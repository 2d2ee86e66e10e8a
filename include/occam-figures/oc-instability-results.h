/* oc-instability-results.h — the points of one instability experiment (oc-instability.h), read
 * back from the store: what `occam-cli instability` summarises and writes, and what its figures
 * draw.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "occam/oc-instability.h"
#include "occam/oc-store.h"

G_BEGIN_DECLS

typedef struct
{
  guint64  k;
  guint    level;
  guint64  seed;
  OcStatus status;
  char    *error;          /* failed: why */
  guint    n_alphas;       /* 0 for a failed point */
  double  *alphas;         /* [n_alphas] */
  double  *errors;         /* [n_alphas] test error (fraction) */
  double  *losses;         /* [n_alphas] test loss */
  double   child_error[2]; /* each child's own final test error */
  double   instability;    /* oc_instability_value of errors; NaN for a failed point */
} OcInstabilityRow;

/* Instability of one k over the seeds that finished. */
typedef struct
{
  guint64 k;
  guint   n;              /* finished seeds */
  double  mean, min, max; /* instability */
  double  end_error;      /* mean of the children's errors */
} OcInstabilityStat;

typedef struct _OcInstabilityResults OcInstabilityResults;

/* Every stored point of experiment @id (kind instability), ordered by k, level and seed.
 * OC_ERROR_FORMAT when a point's path is missing or not [n, 3]. */
OcInstabilityResults *oc_instability_results_load (OcStore *store, const char *id,
                                                   GError **error);
void                  oc_instability_results_free (OcInstabilityResults *self);
/* No points yet: a run's points are added as it records them. */
OcInstabilityResults *oc_instability_results_new  (void);
/* Adds (or replaces, for the same k, level and seed) the point a run just recorded, read from
 * the @artifacts it was recorded with, exactly as oc_instability_results_load reads them back.
 * OC_ERROR_FORMAT as there. */
gboolean              oc_instability_results_add_point (OcInstabilityResults *self,
                                                        const OcStorePoint *point,
                                                        GPtrArray *artifacts, GError **error);

/* Of OcInstabilityRow*, borrowed. */
GPtrArray *oc_instability_results_rows   (OcInstabilityResults *self);
/* Finished points only, one OcInstabilityStat per k, ascending. */
GArray    *oc_instability_results_by_k   (OcInstabilityResults *self);
guint      oc_instability_results_n_seeds (OcInstabilityResults *self);

/* `k,level,seed,alpha,test_error,test_loss`, one row per finished point and α, and
 * `k,level,seed,instability`, one per finished point; headers included. The path is stored as
 * float32, so errors, losses and instabilities are written with 7 significant digits. Free with
 * g_free(). */
char      *oc_instability_results_path_csv    (OcInstabilityResults *self);
char      *oc_instability_results_summary_csv (OcInstabilityResults *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OcInstabilityResults, oc_instability_results_free)

G_END_DECLS
