/* oc-sweep-record.h — what a sweep or random-features point writes to the store, and the
 * quantities read back from it for summaries and figures.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * occam-cli and the GUI record points the same way, so either can resume a sweep the other
 * started: same keys, same columns, same artifacts.
 */
#pragma once

#include "oc-rff.h"
#include "oc-store.h"
#include "oc-sweep.h"

G_BEGIN_DECLS

/* Mean training error at or below which a model counts as interpolating ("train error ≈ 0"). */
#define OC_SWEEP_INTERPOLATED 0.01

/* The store point of a finished or diverged sweep point: status, error, architecture ("784-64-10"),
 * parameter count, split sizes, result and curve. @threads is the BLAS thread count it ran with. */
OcStorePoint *oc_sweep_point_record_new (const char *experiment_id, const char *key,
                                         const OcPointOutcome *outcome, guint threads);

/* The store key of a random-features point: {"features":4000,"seed":0}. */
char         *oc_rff_point_key          (guint64 features, guint64 seed);

/* The store point of a random-features fit: architecture "784-[4000 fourier features]-10",
 * parameters N·outputs, zero-one errors, and the squared losses in the loss columns. */
OcStorePoint *oc_rff_point_record_new   (const char *experiment_id, const char *key,
                                         const OcDataset *data, OcFeatureKind kind,
                                         guint threads, const OcRffResult *result);
/* Its artifacts: scalars "coef_norm" and "condition" (float32 .npy of shape [1]). */
GPtrArray    *oc_rff_point_artifacts    (const OcRffResult *result, GError **error);
/* A scalar artifact of a stored point, or NaN when it is missing. */
double        oc_store_get_scalar       (OcStore *store, const char *experiment_id,
                                         const char *key, const char *name);
/* The same from the artifacts a point was just recorded with (OcRunEvent.artifacts). */
double        oc_artifacts_get_scalar   (GPtrArray *artifacts, const char *name);

/* How complex a trained network's solution is, recorded with every trained point (train, sweep
 * and prune levels) as float32 scalar artifacts of shape [1] under these names: ‖θ_T‖₂, the
 * distance ‖θ_T − θ₀‖₂ travelled from the parameters training started from, and the ℓ2 path norm
 * of ReLU networks (oc-mlp.h says how each is computed). Random-features fits record their
 * coefficient norm ("coef_norm") instead. A measure not recorded reads NaN: a diverged point, the
 * path norm of a tanh network, a point stored before these were recorded. */
#define OC_ARTIFACT_THETA_NORM "theta_norm"
#define OC_ARTIFACT_DISTANCE   "distance_from_init"
#define OC_ARTIFACT_PATH_NORM  "path_norm"

typedef struct
{
  double theta_norm; /* ‖θ_T‖₂ */
  double distance;   /* ‖θ_T − θ₀‖₂ */
  double path_norm;  /* ReLU networks; NaN otherwise */
} OcSolutionNorms;

/* Every measure NaN. */
void      oc_solution_norms_init       (OcSolutionNorms *norms);
/* The measures of @model, trained from @theta0 (its arena before training; NULL: distance NaN). */
void      oc_solution_norms_measure    (OcSolutionNorms *norms, const OcMlp *model,
                                        const float *theta0);
/* Appends the finite measures to @artifacts as scalar artifacts. */
gboolean  oc_solution_norms_add_artifacts (const OcSolutionNorms *norms, GPtrArray *artifacts,
                                           GError **error);
/* The measures a point was recorded with (OcRunEvent.artifacts; may be NULL), or as stored. */
void      oc_solution_norms_from_artifacts (OcSolutionNorms *norms, GPtrArray *artifacts);
void      oc_solution_norms_from_store (OcSolutionNorms *norms, OcStore *store,
                                        const char *experiment_id, const char *key);

/* Its artifacts: the solution's norms when it finished (OcPointOutcome.theta_init gives θ₀). */
GPtrArray    *oc_sweep_point_artifacts  (const OcPointOutcome *outcome, GError **error);

/* Outputs of a stored point (K, times the label groups): the last number of its architecture
 * ("784-64-10" → 10), or 0 when it has none. */
guint         oc_store_point_outputs    (const OcStorePoint *point);

/* A net that ends near chance on its own training set never got going (an unlucky
 * initialisation of a small net), unlike one that fits slowly: train error ≥ 0.9·(1 − 1/K). */
gboolean      oc_sweep_is_stuck         (double train_error, guint n_classes);
/* That threshold, 0.9·(1 − 1/K), for figures to state it; NaN for fewer than two classes. */
double        oc_sweep_stuck_threshold  (guint n_classes);

G_END_DECLS
