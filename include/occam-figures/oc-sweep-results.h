/* oc-sweep-results.h — the points of a sweep the Sweep page has received, and what the figures
 * derive from them: groups over seeds, thresholds, stuck runs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Main thread only; each entry is a copy the page owns (a store point with its curve). The same
 * derivations as occam-cli's sweep summary: mean and min–max over seeds, the n·K threshold, the
 * first width whose mean training error is ≤ OC_SWEEP_INTERPOLATED, and stuck runs. No GTK here.
 */
#pragma once

#include "occam/oc-store.h"
#include "occam/oc-sweep-record.h"
#include "occam-figures/oc-sweep-grid.h"

G_BEGIN_DECLS

typedef struct
{
  OcStorePoint *point;     /* status, parameters, n_train, final metrics, curve (may be NULL) */
  double        coef_norm; /* rff; NaN otherwise */
  double        condition;
  OcSolutionNorms norms;   /* networks: the trained solution's norms (NaN: not recorded) */
} OcSweepEntry;

/* The points sharing a value of the swept axis (replicates over seeds). */
typedef struct
{
  double  key;        /* the swept value: width, n, noise or N */
  double  x;          /* where it goes on the x axis: parameters, n, noise or N */
  guint   n;          /* finished points */
  guint   n_failed;
  guint   n_stuck;
  double  train_error, test_error, test_loss, train_loss; /* means */
  double  train_lo, train_hi, test_lo, test_hi;           /* min–max */
  double  coef_norm, condition;                           /* rff means */
  GArray *members;    /* guint point indices, seeds in order */
  guint64 parameters; /* of the first finished member: the model size at this key */
  guint   n_train;    /* of the first finished member: training examples it fitted */
} OcSweepGroup;

typedef struct _OcSweepResults OcSweepResults;

OcSweepResults *oc_sweep_results_new  (OcSweepGrid *grid);
void            oc_sweep_results_free (OcSweepResults *results);
OcSweepGrid    *oc_sweep_results_get_grid (OcSweepResults *results);

/* Takes @point; replaces what was there. @norms may be NULL (not recorded). */
void            oc_sweep_results_set  (OcSweepResults *results, guint index, OcStorePoint *point,
                                       double coef_norm, double condition,
                                       const OcSolutionNorms *norms);
const OcSweepEntry *oc_sweep_results_get (const OcSweepResults *results, guint index);
guint           oc_sweep_results_get_n_received (const OcSweepResults *results);
guint           oc_sweep_results_get_n_finished (const OcSweepResults *results);

/* Reads every point of the grid that the store holds (finished or failed), with curves, the
 * random-features scalars and the solutions' norms. Returns how many it found, or −1 with @error. */
int             oc_sweep_results_load (OcSweepResults *results, OcStore *store, GError **error);

/* Outputs K (classes × label groups) of the received points, 0 before any. */
guint           oc_sweep_results_get_outputs (const OcSweepResults *results);
/* Training examples of the received points (the first one's), 0 before any. */
guint           oc_sweep_results_get_n_train (const OcSweepResults *results);
/* Whether this entry's final training error is near chance (see oc_sweep_is_stuck). */
gboolean        oc_sweep_results_is_stuck (const OcSweepResults *results, guint index);

/* One measure of the finished members of @group that recorded it: the mean, the min–max and
 * how many (0: mean and range NaN). @offset is that of an OcSolutionNorms field
 * (G_STRUCT_OFFSET (OcSolutionNorms, distance)); random features' coefficient norm is
 * the group's coef_norm. */
guint           oc_sweep_group_norm (const OcSweepResults *results, const OcSweepGroup *group,
                                     gsize offset, double *mean, double *lo, double *hi);
/* The seed of entry @index (its grid point's). */
guint64         oc_sweep_results_get_seed (const OcSweepResults *results, guint index);

/* Groups along @mode's axis in ascending order, over the points received so far. Free with
 * g_array_unref(). */
GArray         *oc_sweep_results_groups (const OcSweepResults *results, OcSweepMode mode);
/* The same over the points of one curve only: those on @like's slice (oc_sweep_grid_slices);
 * @like NULL takes every point, as oc_sweep_results_groups(). */
GArray         *oc_sweep_results_groups_like (const OcSweepResults *results, OcSweepMode mode,
                                              const OcGridPoint *like);
/* The first group (ascending) whose mean training error is ≤ OC_SWEEP_INTERPOLATED, or −1; @last
 * gives the last group of the leading run of such groups instead (sample-wise: small training
 * sets are fitted, large ones not). Groups without a finished point are passed over. */
int             oc_sweep_groups_interpolation_index (const GArray *groups, gboolean last);
/* That group's x, or NaN. */
double          oc_sweep_groups_interpolation_x (const GArray *groups, gboolean last);
/* Where the interpolation threshold n·K = parameters falls on @mode's x axis, for a network of
 * @outputs outputs (K, oc_sweep_results_get_outputs): n·K parameters model-wise, parameters / K
 * training examples sample-wise, from the first group with a finished point; NaN in the other
 * modes or when nothing is known yet. */
double          oc_sweep_groups_threshold_x (const GArray *groups, OcSweepMode mode,
                                             guint outputs);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OcSweepResults, oc_sweep_results_free)

G_END_DECLS
