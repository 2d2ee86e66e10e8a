/* oc-experiment-private.h — what a spec kind provides to the experiment runner, and what the
 * runner provides to it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Adding a kind: write `plan` (add every point in canonical order with its key, label and cost),
 * `threads` (how many points at once, with how many threads each) and `run` (compute the points
 * oc_run_todo() names, calling oc_run_progress() as they advance and oc_run_record() when each
 * ends), put them in an OcRunKind
 * and point the kind's OcSpecKindInfo.runner at it. Reuse, the experiment row, statuses,
 * timestamps, the observer and its serialisation are the runner's (oc-experiment.c).
 */
#pragma once

#include "occam/oc-experiment.h"

G_BEGIN_DECLS

typedef struct _OcRun OcRun;

typedef struct
{
  /* Adds every point of @spec to @plan in canonical order. */
  gboolean (*plan)    (OcRunPlan *plan, const OcSpec *spec, GError **error);
  /* How @n_todo points will run: oc_run_plan_set_threads(). */
  void     (*threads) (OcRunPlan *plan, const OcSpec *spec, guint n_todo);
  gboolean (*run)     (OcRun *run, GCancellable *cancellable, GError **error);
} OcRunKind;

extern const OcRunKind oc_run_kind_train;
extern const OcRunKind oc_run_kind_sweep;
extern const OcRunKind oc_run_kind_rff;
extern const OcRunKind oc_run_kind_linear;
extern const OcRunKind oc_run_kind_prune;
extern const OcRunKind oc_run_kind_landscape;
extern const OcRunKind oc_run_kind_instability;

/* Planning: takes @key and @label. */
void     oc_run_plan_add_point   (OcRunPlan *plan, char *key, char *label, double cost);
void     oc_run_plan_set_threads (OcRunPlan *plan, guint workers, guint threads);

/* Running. Any worker thread. */
const OcRunPlan    *oc_run_get_plan    (OcRun *run);
const OcSpec       *oc_run_get_spec    (OcRun *run);
const OcRunOptions *oc_run_get_options (OcRun *run);
/* NULL when nothing is recorded. */
OcStore            *oc_run_get_store   (OcRun *run);
/* The point must be computed by this run. */
gboolean            oc_run_todo        (OcRun *run, guint index);
/* A point advanced; @progress->model is passed on for one-point experiments only. */
void                oc_run_progress    (OcRun *run, guint index, const OcProgress *progress);
/* A point ended: takes @point and @artifacts (may be NULL), records them and tells the observer.
 * FALSE when the store failed (the run must stop). */
gboolean            oc_run_record      (OcRun *run, guint index, OcStorePoint *point,
                                        GPtrArray *artifacts, gboolean reused, GError **error);

G_END_DECLS
