/* oc-landscape.h — loss landscapes of an MLP: the loss along a straight line between two
 * parameter vectors, and over a plane through the trained weights.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything works on parameter arenas in the layout of oc-mlp.h (n_params floats: W_l then b_l
 * for each layer, each block padded with zeros to a multiple of 16 floats).
 *
 * Directions. A random direction is filter-normalised (Li et al. 2018): each row of each weight
 * matrix — one unit's incoming weights, the "filter" of an MLP — is rescaled to the norm of the
 * same row of the trained weights, and the direction is zero on biases, as Li et al. make it on
 * every one-dimensional parameter. A step of 1 along it then moves every unit by as much as its
 * own weights are long, so slices of different networks are comparable, and rescaling a ReLU
 * unit's incoming weights by c rescales its rows of the direction by c too. A PCA direction is
 * one of the top two principal directions of the training trajectory θ_t − θ_T over recorded
 * checkpoints (Li et al.'s trajectory plots); the trajectory then lies (as far as two dimensions
 * hold it) in the plane.
 *
 * Evaluation. The points of a landscape are networks θ = Σ_j c_j·V_j over a small basis V (θ_a,
 * θ_b for a line; θ_T, δ₁, δ₂ for a plane). The first layer's pre-activations are linear in θ:
 * X·W₀(c)ᵀ = Σ_j c_j·(X·W₀,jᵀ), so OC_LANDSCAPE_EVAL_DECOMPOSED computes one product per basis
 * vector up front and each point then costs a weighted sum of those (a plane adds its row's β
 * term once per row, so a point sums two) — for a 784-256-10 network a sixtieth of a forward
 * pass's multiply-adds — while deeper layers are formed per point.
 * OC_LANDSCAPE_EVAL_DIRECT forms every point's whole θ and runs the forward pass (for
 * comparison, and for bases too large to precompute). Points are shared among a team of threads,
 * one BLAS thread each (build-aux/bench/compare-landscape measures both modes).
 *
 * Exactness. Terms with a zero coefficient are skipped, so where the coefficients pick out one
 * basis vector (the plane's centre (1, 0, 0), the line's ends (1, 0) and (0, 1)) every float of
 * the point is that vector's own; with the same chunks of rows as oc_evaluate() and losses summed
 * as it sums them, the value there is oc_evaluate()'s to the last bit.
 */
#pragma once

#include <gio/gio.h>

#include "oc-dataset.h"
#include "oc-mlp.h"
#include "oc-rng.h"
#include "oc-train.h"

G_BEGIN_DECLS

/* ---- Directions ---- */

/* Rescales every row of every weight matrix of @direction to the norm of the same row of
 * @model's weights (a zero row stays zero) and zeroes the biases and the arena's padding. */
void     oc_landscape_filter_normalize (const OcMlp *model, float *direction);
/* A direction of standard normal entries drawn from @rng, filter-normalised to @model. */
void     oc_landscape_random_direction (const OcMlp *model, OcRng *rng, float *direction);

/* The top two principal directions of the trajectory in @checkpoints ([@n, @n_params], row-major,
 * the last row the trained weights θ_T): PCA of the rows θ_t − θ_T, centred on their mean as
 * sklearn's PCA is. @d1 and @d2 receive orthonormal directions, oriented so that the first
 * checkpoint lies at negative coordinates; @explained (may be NULL) the fraction of the
 * trajectory's variance along each. OC_ERROR_INVALID_ARGUMENT with fewer than three checkpoints
 * or a trajectory that does not span a plane. */
gboolean oc_landscape_pca (const float *checkpoints, guint n, gsize n_params, float *d1,
                           float *d2, double *explained, GError **error);

/* The coordinates (α, β) of @theta − @origin in the plane of @d1 and @d2: the least-squares
 * solution (the dot products when the directions are orthonormal). @theta == @origin gives
 * exactly (0, 0). Returns FALSE when the directions are parallel. */
gboolean oc_landscape_project (const float *theta, const float *origin, const float *d1,
                               const float *d2, gsize n_params, double *alpha, double *beta);

/* ---- Grids ---- */

/* @n values evenly spaced from @lo to @hi; values within rounding of 0 or 1 are made exactly 0
 * or 1, so an odd grid over [−S, S] has its centre at 0. Free with g_free(). */
double  *oc_landscape_axis             (double lo, double hi, guint n);
/* The α of a line: @n values from @lo ≤ 0 to @hi ≥ 1, with 0 and 1 added when they are not
 * among them. *@n_out receives the count. Free with g_free(). */
double  *oc_landscape_line_alphas      (double lo, double hi, guint n, guint *n_out);
/* The iterations at which a landscape records checkpoints of a training of @total iterations:
 * round(total·(k/@k)²) for k = 0 … @k, without repeats — denser early, where the weights move
 * fastest. Always 0 first and @total last. Of guint64. */
GArray  *oc_landscape_checkpoint_iterations (guint64 total, guint k);

/* ---- Evaluation ---- */

typedef enum
{
  OC_LANDSCAPE_EVAL_DECOMPOSED, /* the first layer's products per basis vector, once */
  OC_LANDSCAPE_EVAL_DIRECT,     /* each point's forward pass in full */
} OcLandscapeEvalMode;

/* One point of a landscape: mean loss and error on the training and the test examples. */
typedef struct
{
  double train_loss, train_error;
  double test_loss, test_error;
} OcLandscapeValue;

typedef struct _OcLandscapeEval OcLandscapeEval;

/* An evaluator of the networks θ = Σ_j c_j·V_j, V = @basis (@n_basis arenas of @shape's layout,
 * borrowed for the evaluator's life), on the first @n_examples examples of @data's training and
 * test splits (all of a split when it has fewer), with @loss, on @threads threads (0: all
 * cores). @shape gives the architecture only. OC_ERROR_INVALID_ARGUMENT when the network does
 * not fit the data or @n_examples is 0, OC_ERROR_NO_MEMORY saying how much was wanted. */
OcLandscapeEval *oc_landscape_eval_new     (const OcMlp *shape, OcLoss loss,
                                            const OcDataset *data, guint n_examples,
                                            const float *const *basis, guint n_basis,
                                            OcLandscapeEvalMode mode, guint threads,
                                            GError **error);
void             oc_landscape_eval_free    (OcLandscapeEval *ev);
/* Examples evaluated per split. */
guint            oc_landscape_eval_get_n_train (const OcLandscapeEval *ev);
guint            oc_landscape_eval_get_n_test  (const OcLandscapeEval *ev);
guint            oc_landscape_eval_get_threads (const OcLandscapeEval *ev);
/* Multiply-adds ×2 of one point (both splits): what the evaluator actually computes, and what a
 * plain forward pass of the same examples would cost. */
double           oc_landscape_eval_point_flops   (const OcLandscapeEval *ev);
double           oc_landscape_eval_forward_flops (const OcLandscapeEval *ev);

/* Evaluates @n_points points, point p having the coefficients coefs[p·n_basis …], into
 * @out[p]. Runs on the evaluator's team; no allocation, no failure. */
void             oc_landscape_eval_points  (OcLandscapeEval *ev, const double *coefs,
                                            guint n_points, OcLandscapeValue *out);

/* Called after each block of points with the blocks done and their total. */
typedef void (*OcLandscapeProgress) (guint done, guint total, gpointer user_data);

/* The line (1 − α)·V₀ + α·V₁ (a basis of two) at each of @alpha[@n] into @out[@n], in blocks of
 * a few points per thread; G_IO_ERROR_CANCELLED between blocks. */
gboolean oc_landscape_eval_line  (OcLandscapeEval *ev, const double *alpha, guint n,
                                  OcLandscapeValue *out, OcLandscapeProgress progress,
                                  gpointer user_data, GCancellable *cancellable, GError **error);
/* The plane V₀ + α·V₁ + β·V₂ (a basis of three) at every (@alpha[i], @beta[j]) into
 * @out[j·@nx + i], one row of constant β per block. */
gboolean oc_landscape_eval_plane (OcLandscapeEval *ev, const double *alpha, guint nx,
                                  const double *beta, guint ny, OcLandscapeValue *out,
                                  OcLandscapeProgress progress, gpointer user_data,
                                  GCancellable *cancellable, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OcLandscapeEval, oc_landscape_eval_free)

G_END_DECLS
