/* oc-sparse.h — layer kernels that skip pruned weights (private to the engine).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A pruned network computes with only its surviving weights, so a lottery ticket at a few percent
 * of the weights trains many times faster than the dense network instead of at the same speed.
 *
 * The plan lists every kept parameter of the network once, in the arena's order without its
 * padding (per layer: W_l's surviving weights row by row, then all of b_l), and holds their values
 * packed in that order. For each sparse layer it also lists, per output row, the input columns
 * that survive (CSR): the layer's packed weights are then exactly its CSR values, so the kernels
 * and the kept-only optimiser stream contiguous arrays instead of picking entries out of the
 * dense arena.
 *
 * Who owns the weights: the dense parameter arena stays authoritative (snapshots, masks, the
 * store, evaluation and progress callbacks read it as before); the packed values are a cache of
 * it. The masked update over the whole arena is followed by oc_sparse_refresh. The kept-only
 * optimiser updates the packed values and writes through to the arena, in the same slice, only
 * what the next step reads from there (oc_sparse_write_through: the dense layers' weights); the
 * rest of the arena is brought up to date (oc_sparse_unpack) only before something else reads
 * it — an evaluation, a progress report, a snapshot, the end of the run. Nothing else may write
 * the arena during a run.
 *
 * Activations of a network with a sparse layer are feature-major, in blocks of OC_SPARSE_BLOCK
 * rows: a layer's output block is y_t[no, 64] (row o holds output o of the block's 64 examples).
 * That is the layout every kernel below reads and writes: the forward pass costs one vector
 * multiply-add over the block per surviving weight, y_t[o, :] += w · x_t[i, :], and writes
 * whole rows; the weight gradient is a dot product of two rows; the input gradient accumulates
 * rows. The next layer reads a layer's output as it is, so there is no transpose between layers:
 * only the input batch is gathered once into x_t, and the logits (a few rows) go back to
 * batch-major for the loss. Dense layers of such a network use sgemm in the same layout. The
 * padding columns of a short block hold finite values in activations (inputs are zero-padded)
 * and zeros in gradients, so they never reach a weight gradient.
 *
 * Layers denser than oc_sparse_max_density keep dense kernels: there sgemm is faster (the
 * kernels below reach about half of sgemm's rate per surviving weight on one core).
 */
#pragma once

#include "occam/oc-mlp.h"
#include "oc-kernels.h"

G_BEGIN_DECLS

#define OC_SPARSE_BLOCK 64
/* The half block: a team member with at most this many rows of a minibatch (a batch of 60 split
 * between two) computes in blocks of 32 columns, not in 64 of which half are padding. Every
 * kernel below takes the width @bw of its blocks, OC_SPARSE_BLOCK or OC_SPARSE_HALF; "BLOCK"
 * in their comments is that width. */
#define OC_SPARSE_HALF  32
/* How many surviving weights ahead the kernels prefetch their input rows. */
#define OC_SPARSE_AHEAD 6

typedef struct
{
  int *rowptr; /* [no + 1]: surviving weights of row o are col[rowptr[o] .. rowptr[o+1]) */
  int *col;    /* [nnz] input columns, ascending within a row (then OC_SPARSE_AHEAD zeros) */
  int  nnz;
  /* The same weights by input column (CSC), for the input gradient: column i's are
   * csc_k[cscptr[i] .. cscptr[i+1]), indices into the packed weights, of rows csc_o[…] ascending. */
  int *cscptr; /* [ni + 1] */
  int *csc_k;  /* [nnz] */
  int *csc_o;  /* [nnz] */
} OcSparseLayer;

typedef struct
{
  guint          n_layers;
  OcSparseLayer *layers;     /* [n_layers]; rowptr NULL: the layer is computed densely */
  gboolean       any_sparse; /* some layer has a rowptr: activations are feature-major */
  guint32       *kept;       /* [n_kept] arena index of every kept parameter, ascending */
  gsize          n_kept;
  gsize         *w_kept;     /* [n_layers] index in kept[] of W_l's first surviving weight */
  gsize         *b_kept;     /* [n_layers] index in kept[] of b_l[0] (W_l's end) */
  float         *values;     /* [n_kept] params[kept[k]]: the packed weights and biases */
  /* Few enough parameters are kept (oc_sparse_max_kept) that gradients are summed and the
   * optimiser steps over the packed entries only. */
  gboolean       kept_only;
} OcSparsePlan;

/* Density at or below which a layer is computed sparsely (default 0.3). For tests and benchmarks;
 * set it before a run starts. */
extern double oc_sparse_max_density;
/* Fraction of the parameter arena kept at or below which training sums gradients and updates
 * parameters over the kept entries only (default 0.3): above it, streaming through the whole
 * arena with the mask is faster than gathering. For tests and benchmarks, as above. */
extern double oc_sparse_max_kept;
/* Whether oc_sparse_gather_codes uses its AVX2 path where the CPU has one (default TRUE); tests
 * turn it off to check the portable path on the same CPU. */
extern gboolean oc_sparse_intrinsics;

/* The plan for @mlp's mask (values packed from its parameters), or NULL when it has none, when
 * no layer is sparse enough and too much is kept to update by index, or when the memory cannot
 * be had (the dense path needs none). */
OcSparsePlan *oc_sparse_plan_new  (const OcMlp *mlp);
void          oc_sparse_plan_free (OcSparsePlan *plan);
/* Multiply-adds of one row through layer @l: its surviving weights, or all of them when dense. */
gsize         oc_sparse_layer_weights (const OcSparsePlan *plan, const OcMlp *mlp, guint l);

static inline gboolean
oc_sparse_is_sparse (const OcSparsePlan *plan, guint l)
{
  return plan != NULL && plan->layers[l].rowptr != NULL;
}

/* packed[k] = arena[kept[k]] for k in [start, end). */
void oc_sparse_pack   (const OcSparsePlan *plan, float *packed, const float *arena, gsize start,
                       gsize end);
/* arena[kept[k]] = packed[k] for k in [start, end). */
void oc_sparse_unpack (const OcSparsePlan *plan, float *arena, const float *packed, gsize start,
                       gsize end);

/* values[k] = arena[kept[k]] for every k a training step reads from the packed values: the
 * weights of the sparse layers and every bias (after the masked update over the arena). */
void oc_sparse_refresh (OcSparsePlan *plan, const float *arena);
/* arena[kept[k]] = values[k] for the k in [start, end) that a training step reads from the arena
 * rather than from the packed values: the weights of the dense layers of a feature-major plan
 * (its biases are read packed), or everything when no layer is sparse. */
void oc_sparse_write_through (const OcSparsePlan *plan, float *arena, gsize start, gsize end);

/* x_t[n, BLOCK] = x[nb, n]ᵀ, rows nb..BLOCK−1 of the block zero. nb ≤ BLOCK. */
void oc_sparse_transpose_in  (float *xt, const float *x, int nb, int n, int bw);
/* The same from scattered rows: row b of the block is x + rows[b]·n (a minibatch read straight
 * from its dataset, without gathering it first). */
void oc_sparse_gather_in     (float *xt, const float *x, const guint32 *rows, int nb, int n,
                              int bw);
/* The same from 8-bit codes (OcSplit's x8): row b is x8 + rows[b]·n, each code decoded as
 * oc_code_input, so x_t holds exactly what oc_sparse_gather_in gives from the split's x while
 * reading a quarter of the bytes. */
void oc_sparse_gather_codes  (float *xt, const guint8 *x8, const guint32 *rows, int nb, int n,
                              int bw);
/* x[nb, n] = x_t[n, BLOCK]ᵀ (the first nb columns). */
void oc_sparse_transpose_out (float *x, const float *xt, int nb, int n, int bw);

/* y_t[no, BLOCK] = act(W·x_t + b) over the surviving weights w[nnz] (packed in @s's order);
 * x_t[ni, BLOCK]. All BLOCK columns are computed. */
void oc_sparse_forward (float *yt, const float *xt, const float *w, const float *b,
                        const OcSparseLayer *s, int no, OcKernelAct act, int bw);
/* dw[nnz] (= or += with @accumulate) dw[k] = Σ_b d_t[o, b] · x_t[col[k], b] for the surviving
 * (o, col[k]), packed in @s's order. d_t[no, BLOCK], x_t[ni, BLOCK]. With @at (else NULL), it
 * first does oc_sparse_bias_act_backward (d_t, db, at, no, act, accumulate), row by row. */
void oc_sparse_backward_weights (float *dw, float *dt, const float *xt, const OcSparseLayer *s,
                                 int no, gboolean accumulate, const float *at, OcKernelAct act,
                                 float *db, int bw);
/* dx_t[ni, BLOCK] = Σ_o w[o, i] · d_t[o, :] over surviving weights w[nnz] (overwrites dx_t). By
 * input row, in @s's CSC order: every row of dx_t is written once, without clearing it first. */
void oc_sparse_backward_input (float *dxt, const float *dt, const float *w,
                               const OcSparseLayer *s, int ni, int bw);
/* d_t[no, BLOCK] ← d_t ⊙ act'(·) in place from the activation's output a_t[no, BLOCK];
 * db[no] (= or += with @accumulate) the sum of each row of d_t after the derivative. */
void oc_sparse_bias_act_backward (float *dt, float *db, const float *at, int no, OcKernelAct act,
                                  gboolean accumulate, int bw);

/* A dense layer of a network whose activations are feature-major, through sgemm:
 * y_t[no, BLOCK] = act(w[no, ni] · x_t[ni, BLOCK] + b) */
void oc_sparse_dense_forward (float *yt, const float *xt, const float *w, const float *b, int ni,
                              int no, OcKernelAct act, int bw);
/* dw[no, ni] (= or +=) d_t[no, BLOCK] · x_t[ni, BLOCK]ᵀ */
void oc_sparse_dense_backward_weights (float *dw, const float *dt, const float *xt, int ni, int no,
                                       gboolean accumulate, int bw);
/* dx_t[ni, BLOCK] = w[no, ni]ᵀ · d_t[no, BLOCK] */
void oc_sparse_dense_backward_input (float *dxt, const float *dt, const float *w, int ni, int no,
                                     int bw);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OcSparsePlan, oc_sparse_plan_free)

G_END_DECLS
