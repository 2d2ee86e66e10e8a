/* oc-kernels.h — the numerical kernels of the MLP (private to the engine).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Plain functions: outputs first, sizes last, no allocation, no error paths. Callers validate shapes
 * once at the API boundary. Matrices are row-major; a layer's weight W is [no, ni] (out × in).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  OC_KACT_RELU,
  OC_KACT_TANH,
  OC_KACT_NONE, /* the output layer: logits */
} OcKernelAct;

/* y[nb,no] = x[nb,ni] · w[no,ni]ᵀ (one sgemm, no copy of w). */
void oc_linear_forward (float *y, const float *x, const float *w, int nb, int ni, int no);
/* y[nb,no] = act(y + b[no]) in place: bias and activation fused in one pass. */
void oc_bias_act_forward (float *y, const float *b, int nb, int no, OcKernelAct act);
/* dy[nb,no] ← dy ⊙ act'(·) in place, computed from the activation's output a[nb,no];
 * db[no] = Σ_batch dy (after the activation's derivative; overwrites db). */
void oc_bias_act_backward (float *dy, float *db, const float *a, int nb, int no, OcKernelAct act);
/* dw[no,ni] = dy[nb,no]ᵀ · x[nb,ni], or dw += … with @accumulate.
 * Every parameter gets its gradient from exactly one GEMM or bias pass, so no pass over the whole
 * gradient arena is needed to zero it each step: either the GEMM overwrites (beta = 0), or the
 * arena is known to hold zeros and it accumulates (beta = 1). The second is for training, whose
 * optimiser pass clears the arena as it reads it (oc_optimizer_update_range_clear): OpenBLAS
 * implements beta = 0 as a separate pass that zeroes dw before the product, which at width 64
 * costs about a fifth of this GEMM's time. */
void oc_linear_backward_weights (float *dw, const float *dy, const float *x, int nb, int ni, int no,
                                 gboolean accumulate);
/* dx[nb,ni] = dy[nb,no] · w[no,ni] (overwrites dx) */
void oc_linear_backward_input (float *dx, const float *dy, const float *w, int nb, int ni, int no);

/* Sparse inputs (the one-hot pairs of addition and modadd): rows of X in CSR form over a whole
 * split — rowptr[n + 1], col[nnz], val[nnz] — and the batch's rows[nb] into it. Both kernels work
 * on the transposed weight wt[ni, no] = Wᵀ, so every inner loop runs along a contiguous row.
 * y[nb,no] = X[rows] · wt (overwrites y) */
void oc_csr_linear_forward (float *y, const guint32 *rowptr, const guint32 *col, const float *val,
                            const guint32 *rows, const float *wt, int nb, int no);
/* dwt[ni,no] = X[rows]ᵀ · dy[nb,no] (overwrites dwt) */
void oc_csr_linear_backward_weights (float *dwt, const float *dy, const guint32 *rowptr,
                                     const guint32 *col, const float *val, const guint32 *rows,
                                     int nb, int ni, int no);
/* t[cols,rows] = m[rows,cols]ᵀ (overwrites t) */
void oc_transpose (float *t, const float *m, int rows, int cols);

/* Softmax cross-entropy over G groups of K classes: logits[nb, G·K], labels[nb, G].
 * Returns Σ over the batch of Σ over groups of −log p(label). When dlogits is non-NULL writes
 * dlogits[nb, G·K] = (softmax − onehot) · scale. *n_wrong counts examples with any group's argmax
 * differing from its label (first maximum wins ties). */
double oc_softmax_ce (float *dlogits, const float *logits, const gint32 *labels, int nb, int G, int K,
                      float scale, int *n_wrong);
/* Squared error against one-hot targets: returns Σ over batch and outputs of (o − t)²; when dout is
 * non-NULL writes dout[nb, G·K] = 2(o − t) · scale. Counts wrong examples as above. */
double oc_mse_onehot (float *dout, const float *out, const gint32 *labels, int nb, int G, int K,
                      float scale, int *n_wrong);

G_END_DECLS
