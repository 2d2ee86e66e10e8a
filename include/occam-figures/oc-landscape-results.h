/* oc-landscape-results.h — what a landscape experiment computed, as the figures, occam-cli's
 * summary and its CSVs read it: the line, the plane, the trajectory and the training curve.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Filled point by point from what the runner records (a page receives OC_RUN_EVENT_POINT with
 * the point and its artifacts) or read back from the store; either way the same arrays (see
 * oc-landscape-spec.h for the artifacts). Plain data, main thread only, no GTK.
 */
#pragma once

#include "occam/oc-landscape-spec.h"
#include "occam/oc-store.h"

G_BEGIN_DECLS

/* The four values of every point, in the order of the CSV columns. */
typedef enum
{
  OC_LANDSCAPE_TRAIN_LOSS,
  OC_LANDSCAPE_TRAIN_ERROR,
  OC_LANDSCAPE_TEST_LOSS,
  OC_LANDSCAPE_TEST_ERROR,
  OC_LANDSCAPE_N_FIELDS
} OcLandscapeField;

/* "train_loss" … "test_error": CSV columns and artifact names. */
const char *oc_landscape_field_name  (OcLandscapeField field);
/* "training loss" … "test error": for axes and titles. */
const char *oc_landscape_field_label (OcLandscapeField field);
/* Parses "train-loss" or "train_loss" (… "test-error"). */
gboolean    oc_landscape_field_from_string (const char *text, OcLandscapeField *field);

typedef struct
{
  OcSpec           *spec;
  char             *id;
  OcLandscapeLine   line_ends;   /* what the line joins */
  OcLandscapePlane  plane_kind;
  char             *dataset;     /* "Fashion-MNIST" */
  char             *architecture; /* "784-64-10", when a point has said */
  guint             n_train, n_test; /* examples evaluated per split */

  OcStorePoint     *training;    /* the spec's network's training point with its curve, or NULL */

  /* The line, when received: θ(α) = (1 − α)·θ_a + α·θ_b. */
  guint             n_line;
  float            *alpha;                         /* [n_line] */
  float            *line[OC_LANDSCAPE_N_FIELDS];   /* [n_line] each */

  /* The plane, when received: θ_T + α·δ₁ + β·δ₂, row j at plane_beta[j]. */
  guint             nx, ny;
  float            *plane_alpha;                   /* [nx] */
  float            *plane_beta;                    /* [ny] */
  float            *plane[OC_LANDSCAPE_N_FIELDS];  /* [ny × nx] each */
  float             explained[2];                  /* PCA: fraction of the trajectory's variance */

  /* The trajectory in the plane (PCA), when received. */
  guint             n_trajectory;
  gint32           *trajectory_iteration;
  float            *trajectory_alpha, *trajectory_beta;
  float            *trajectory_loss, *trajectory_test_loss;
} OcLandscapeResults;

/* Empty results of experiment @id of @spec (a finished landscape spec). */
OcLandscapeResults *oc_landscape_results_new  (const OcSpec *spec, const char *id);
void                oc_landscape_results_free (OcLandscapeResults *r);

/* Takes in one point as recorded (@point with its curve, @artifacts of OcStoreArtifact); failed
 * points and other seeds' trainings change nothing. OC_ERROR_FORMAT when an artifact is not the
 * array it should be. */
gboolean oc_landscape_results_add_point (OcLandscapeResults *r, const OcStorePoint *point,
                                         GPtrArray *artifacts, GError **error);
/* Reads every finished point of experiment r->id from @store. */
gboolean oc_landscape_results_load      (OcLandscapeResults *r, OcStore *store, GError **error);

/* Whether the line, plane and trajectory are there. */
gboolean oc_landscape_results_has_line       (const OcLandscapeResults *r);
gboolean oc_landscape_results_has_plane      (const OcLandscapeResults *r);
gboolean oc_landscape_results_has_trajectory (const OcLandscapeResults *r);

/* What the line joins, for titles and labels: its end @end (0 at α = 0, 1 at α = 1) is "θ₀"
 * or "θ_T", "seed 3", or an experiment's short ID. And what the plane's axis @axis (0: α, 1: β)
 * is: "α · δ₁ (random, filter-normalised)", "α · PC1 (87 % of the path's variance)". Free with
 * g_free(). */
char    *oc_landscape_results_line_end    (const OcLandscapeResults *r, int end);
char    *oc_landscape_results_axis_label  (const OcLandscapeResults *r, int axis);
/* "Fashion-MNIST · 784-64-10". Free with g_free(). */
char    *oc_landscape_results_title       (const OcLandscapeResults *r);

/* The tables as CSV text (header first; numbers in the shortest form that reads back to the
 * stored float32), or NULL when that part is missing:
 *   line        alpha,train_loss,train_error,test_loss,test_error
 *   plane       alpha,beta,train_loss,train_error,test_loss,test_error (β rows, α fastest)
 *   trajectory  iteration,alpha,beta,train_loss
 * Free with g_free(). */
char    *oc_landscape_results_line_csv       (const OcLandscapeResults *r);
char    *oc_landscape_results_plane_csv      (const OcLandscapeResults *r);
char    *oc_landscape_results_trajectory_csv (const OcLandscapeResults *r);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OcLandscapeResults, oc_landscape_results_free)

G_END_DECLS
