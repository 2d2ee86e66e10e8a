/* oc-sparse.h — layer kernels that skip pruned weights (private to the engine).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A pruned network computes with only its surviving weights, so a lottery ticket at 5 % of the
 * weights trains several times faster than the dense network instead of at the same speed. The
 * weights stay in the dense parameter arena; a plan lists, for each output row of each sparse
 * layer, the input columns that survive (CSR without values). Rows of a batch are processed in
 * blocks of OC_SPARSE_BLOCK, transposed so that every surviving weight costs one vector
 * multiply-add over the block: y_t[o, :] += w[o, i] · x_t[i, :].
 *
 * Layers denser than oc_sparse_max_density keep the GEMM path: there the GEMM is faster (the
 * kernels below reach about half of sgemm's rate per surviving weight on one core).
 */
#pragma once

#include "occam/oc-mlp.h"

G_BEGIN_DECLS

#define OC_SPARSE_BLOCK 64

typedef struct
{
  int *rowptr; /* [no + 1]: surviving weights of row o are col[rowptr[o] .. rowptr[o+1]) */
  int *col;    /* [nnz] input columns, ascending within a row */
  int  nnz;
} OcSparseLayer;

typedef struct
{
  guint          n_layers;
  OcSparseLayer *layers; /* [n_layers]; rowptr NULL: the layer stays dense */
} OcSparsePlan;

/* Density at or below which a layer is computed sparsely (default 0.3). For tests and benchmarks;
 * set it before a run starts. */
extern double oc_sparse_max_density;
/* Fraction of the parameter arena kept at or below which training sums gradients and updates
 * parameters over the kept entries only (default 0.3): above it, streaming through the whole
 * arena with the mask is faster than gathering. For tests and benchmarks, as above. */
extern double oc_sparse_max_kept;

/* The plan for @mlp's mask, or NULL when it has none or no layer is sparse enough. */
OcSparsePlan *oc_sparse_plan_new  (const OcMlp *mlp);
void          oc_sparse_plan_free (OcSparsePlan *plan);
/* Multiply-adds of one row through layer @l: its surviving weights, or all of them when dense. */
gsize         oc_sparse_layer_weights (const OcSparsePlan *plan, const OcMlp *mlp, guint l);

/* x_t[n, BLOCK] = x[nb, n]ᵀ, rows nb..BLOCK−1 of the block zero. nb ≤ BLOCK. */
void oc_sparse_transpose_in  (float *xt, const float *x, int nb, int n);
/* The same from scattered rows: row b of the block is x + rows[b]·n (a minibatch read straight
 * from its dataset, without gathering it first). */
void oc_sparse_gather_in     (float *xt, const float *x, const guint32 *rows, int nb, int n);
/* x[nb, n] = x_t[n, BLOCK]ᵀ (the first nb columns). */
void oc_sparse_transpose_out (float *x, const float *xt, int nb, int n);
/* y[nb, no] (row stride no) = x · wᵀ over the surviving weights; x_t[ni, BLOCK] from
 * oc_sparse_transpose_in. */
void oc_sparse_forward (float *y, const float *xt, const float *w, const OcSparseLayer *s, int nb,
                        int ni, int no);
/* dw[o, i] (= or += with @accumulate) Σ_b d_t[o, b] · x_t[i, b] for surviving (o, i) only; the
 * pruned entries of dw are not touched. d_t[no, BLOCK], x_t[ni, BLOCK]. */
void oc_sparse_backward_weights (float *dw, const float *dt, const float *xt,
                                 const OcSparseLayer *s, int ni, int no, gboolean accumulate);
/* dx_t[ni, BLOCK] = Σ_o w[o, i] · d_t[o, :] over surviving weights (overwrites dx_t). */
void oc_sparse_backward_input (float *dxt, const float *dt, const float *w,
                               const OcSparseLayer *s, int ni, int no);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OcSparsePlan, oc_sparse_plan_free)

G_END_DECLS
