/* oc-landscape-spec.h — the `landscape` experiment: its settings, points and artifacts, and what
 * it takes from the store.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A landscape spec is a train spec (the network whose loss is looked at) plus the settings of
 * OcLandscapeSpec. Its points, computed in this order:
 *
 *   {"part":"train","seed":S}  one per network to train: the spec's seed when the line starts at
 *                              θ₀ or there is a plane, and the two seeds of a seeds:A,B line.
 *                              Artifacts theta_init and theta_final (float32 [n_params]); with a
 *                              PCA plane also checkpoints (float32 [n, n_params]) and
 *                              checkpoint_iterations (int32 [n]). With from_experiment the
 *                              spec's seed is copied from that experiment instead of trained.
 *   {"part":"line"}            alpha, train_loss, train_error, test_loss, test_error (float32
 *                              [n]): θ(α) = (1 − α)·θ_a + α·θ_b.
 *   {"part":"plane"}           alpha [nx], beta [ny] and train_loss, train_error, test_loss,
 *                              test_error (float32 [ny, nx], row j at beta[j]):
 *                              θ(α, β) = θ_T + α·δ₁ + β·δ₂; directions (float32 [2, n_params]),
 *                              explained (float32 [2]: the trajectory's variance along each PCA
 *                              direction; NaN for random ones); with PCA the trajectory:
 *                              trajectory_iteration (int32 [n]), trajectory_alpha,
 *                              trajectory_beta, trajectory_loss and trajectory_test_loss
 *                              (float32 [n]; losses of θ_t itself on the examples evaluated).
 *
 * Line and plane points record, as their final metrics, the values at θ_b (the line's α = 1)
 * and at θ_T (the plane's centre). Losses and errors are on the first eval_examples examples of
 * the training split (labels as trained on) and of the test split.
 */
#pragma once

#include "oc-npy.h"
#include "oc-spec.h"
#include "oc-store.h"

G_BEGIN_DECLS

typedef enum
{
  OC_LANDSCAPE_PLANE_RANDOM, /* two filter-normalised random directions */
  OC_LANDSCAPE_PLANE_PCA,    /* the top two principal directions of the trajectory */
  OC_LANDSCAPE_PLANE_NONE,
} OcLandscapePlane;

typedef enum
{
  OC_LANDSCAPE_LINE_INIT_FINAL,  /* θ₀ → θ_T of the spec's network */
  OC_LANDSCAPE_LINE_SEEDS,       /* θ_T of seed A → θ_T of seed B */
  OC_LANDSCAPE_LINE_EXPERIMENTS, /* θ_T of two stored experiments */
  OC_LANDSCAPE_LINE_NONE,
} OcLandscapeLineKind;

typedef struct
{
  OcLandscapeLineKind kind;
  guint64             seeds[2];                            /* SEEDS */
  char                experiments[2][OC_SPEC_ID_LEN + 1];  /* EXPERIMENTS: IDs (or prefixes
                                                            * before resolution) */
} OcLandscapeLine;

/* Reads "init-final", "seeds:A,B", "experiments:ID,ID" or "none". FALSE with what is wrong in
 * *@why (free with g_free()). */
gboolean oc_landscape_line_parse  (const char *text, OcLandscapeLine *line, char **why);
/* The canonical text of @line. Free with g_free(). */
char    *oc_landscape_line_format (const OcLandscapeLine *line);

#define OC_LANDSCAPE_LINE_KEY  "{\"part\":\"line\"}"
#define OC_LANDSCAPE_PLANE_KEY "{\"part\":\"plane\"}"
/* {"part":"train","seed":S}. Free with g_free(). */
char    *oc_landscape_train_key   (guint64 seed);

/* What the runner reads of a landscape spec. */
typedef struct
{
  const OcLandscapeSpec *values;
  OcLandscapeLine        line;
  OcLandscapePlane       plane;
  GArray                *seeds;   /* guint64: the networks to train, the spec's seed first */
  gboolean               base;    /* the spec's own network is needed (θ₀ → θ_T line, plane) */
} OcLandscapeConfig;

gboolean oc_landscape_config_from_spec (const OcSpec *spec, OcLandscapeConfig *cfg,
                                        GError **error);
void     oc_landscape_config_clear     (OcLandscapeConfig *cfg);

/* A trained network read back from the store: the one point of a train experiment, or a
 * landscape experiment's own network (its spec's seed). */
typedef struct
{
  OcStoreExperiment *experiment;
  OcSpec            *train_spec;            /* its training settings, as a train spec */
  OcStorePoint      *point;                 /* with its curve */
  OcNpyArray        *theta_final;
  OcNpyArray        *theta_init;            /* NULL when not stored (train experiments) */
  OcNpyArray        *checkpoints;           /* NULL when not recorded */
  OcNpyArray        *checkpoint_iterations;
} OcLandscapeSource;

/* Loads experiment @id_or_prefix's trained network. OC_ERROR_NOT_FOUND for an unknown ID,
 * OC_ERROR_INVALID_ARGUMENT for an ambiguous prefix, another kind of experiment, or one whose
 * network has not finished or was stored without its weights; each message says what to do. */
OcLandscapeSource *oc_landscape_source_load (OcStore *store, const char *id_or_prefix,
                                             GError **error);
void               oc_landscape_source_free (OcLandscapeSource *source);

/* Fills in what a landscape spec takes from @store, before it runs (its ID changes):
 * from_experiment (an ID or unique prefix; a line experiments:A,B without it means A) becomes a
 * full ID and its training settings become the spec's — a setting given that differs is an error
 * naming it —, with the checkpoints count of a landscape experiment whose trajectory is reused;
 * experiments:A,B get full IDs. Refuses a PCA plane over a network stored without checkpoints.
 * Errors name flags when @for_cli. A spec without from_experiment or experiments is unchanged. */
gboolean oc_landscape_spec_resolve (OcSpec *spec, OcStore *store, gboolean for_cli,
                                    GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OcLandscapeSource, oc_landscape_source_free)

G_END_DECLS
