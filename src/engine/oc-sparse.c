/* oc-sparse.c — sparse layer kernels for pruned networks and the plan that selects them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The kernels use GCC vector types of 16 floats, four per block of 64 rows, so the accumulators
 * of a row stay in registers (AVX-512: 4 registers, AVX2: 8) and every surviving weight costs 4
 * loads and 4 fused multiply-adds. target_clones builds them for AVX-512, AVX2 and plain x86-64.
 */
#include <string.h>

#include "oc-simd.h"
#include "oc-sparse.h"

/* Unaligned loads and stores: scratch rows are 256 bytes apart but need not start aligned. */
typedef float v16 __attribute__ ((vector_size (64), aligned (4), may_alias));
typedef float v8 __attribute__ ((vector_size (32)));
typedef float v8u __attribute__ ((vector_size (32), aligned (4), may_alias));
typedef float v4 __attribute__ ((vector_size (16)));

G_STATIC_ASSERT (OC_SPARSE_BLOCK == 4 * 16);

double oc_sparse_max_density = 0.3;

void
oc_sparse_plan_free (OcSparsePlan *plan)
{
  if (plan == NULL)
    return;
  for (guint l = 0; l < plan->n_layers; l++)
    {
      g_free (plan->layers[l].rowptr);
      g_free (plan->layers[l].col);
    }
  g_free (plan->layers);
  g_free (plan);
}

OcSparsePlan *
oc_sparse_plan_new (const OcMlp *mlp)
{
  g_autoptr (OcSparsePlan) plan = NULL;
  gboolean any = FALSE;

  g_return_val_if_fail (mlp != NULL, NULL);

  if (mlp->mask == NULL)
    return NULL;
  plan = g_new0 (OcSparsePlan, 1);
  plan->n_layers = mlp->n_layers;
  plan->layers = g_new0 (OcSparseLayer, mlp->n_layers);
  for (guint l = 0; l < mlp->n_layers; l++)
    {
      OcSparseLayer *s = &plan->layers[l];
      guint ni = mlp->sizes[l], no = mlp->sizes[l + 1];
      gsize alive = oc_mlp_count_alive (mlp, (int) l), total = oc_mlp_weight_count (mlp, l);
      const float *m = mlp->mask + mlp->w_offset[l];
      int k = 0;

      /* Column indices are ints: layers beyond 2³¹ weights stay dense. */
      if ((double) alive > oc_sparse_max_density * (double) total || total > G_MAXINT)
        continue;
      s->rowptr = g_new (int, no + 1);
      s->col = g_new (int, MAX (alive, 1));
      for (guint o = 0; o < no; o++)
        {
          s->rowptr[o] = k;
          for (guint i = 0; i < ni; i++)
            if (m[(gsize) o * ni + i] != 0.0f)
              s->col[k++] = (int) i;
        }
      s->rowptr[no] = k;
      s->nnz = k;
      any = TRUE;
    }
  return any ? g_steal_pointer (&plan) : NULL;
}

gsize
oc_sparse_layer_weights (const OcSparsePlan *plan, const OcMlp *mlp, guint l)
{
  if (plan != NULL && l < plan->n_layers && plan->layers[l].rowptr != NULL)
    return (gsize) plan->layers[l].nnz;
  return oc_mlp_weight_count (mlp, l);
}

/* Transposes the 8 × 8 tile in r (rows become columns): three rounds of pairwise shuffles. */
static inline void
transpose8 (v8 r[8])
{
  v8 t[8], u[8];

  for (int k = 0; k < 8; k += 2)
    {
      t[k] = __builtin_shufflevector (r[k], r[k + 1], 0, 8, 1, 9, 4, 12, 5, 13);
      t[k + 1] = __builtin_shufflevector (r[k], r[k + 1], 2, 10, 3, 11, 6, 14, 7, 15);
    }
  for (int k = 0; k < 8; k += 4)
    {
      u[k] = __builtin_shufflevector (t[k], t[k + 2], 0, 1, 8, 9, 4, 5, 12, 13);
      u[k + 1] = __builtin_shufflevector (t[k], t[k + 2], 2, 3, 10, 11, 6, 7, 14, 15);
      u[k + 2] = __builtin_shufflevector (t[k + 1], t[k + 3], 0, 1, 8, 9, 4, 5, 12, 13);
      u[k + 3] = __builtin_shufflevector (t[k + 1], t[k + 3], 2, 3, 10, 11, 6, 7, 14, 15);
    }
  for (int k = 0; k < 4; k++)
    {
      r[k] = __builtin_shufflevector (u[k], u[k + 4], 0, 1, 2, 3, 8, 9, 10, 11);
      r[k + 4] = __builtin_shufflevector (u[k], u[k + 4], 4, 5, 6, 7, 12, 13, 14, 15);
    }
}

/* xt[n, 64] = x[nb, n]ᵀ, zero-padded. Full 8 × 8 tiles go through registers; the ragged edges
 * (n or nb not multiples of 8) and the padding are copied one by one. */
OC_VECTOR_CLONES void
oc_sparse_transpose_in (float *restrict xt, const float *restrict x, int nb, int n)
{
  int nb8 = nb & ~7, n8 = n & ~7;

  for (int b = 0; b < nb8; b += 8)
    for (int i = 0; i < n8; i += 8)
      {
        v8 r[8];

        for (int k = 0; k < 8; k++)
          r[k] = *(const v8u *) (x + (gsize) (b + k) * n + i);
        transpose8 (r);
        for (int k = 0; k < 8; k++)
          *(v8u *) (xt + (gsize) (i + k) * OC_SPARSE_BLOCK + b) = r[k];
      }
  for (int i = 0; i < n; i++)
    {
      float *restrict row = xt + (gsize) i * OC_SPARSE_BLOCK;

      for (int b = i < n8 ? nb8 : 0; b < nb; b++)
        row[b] = x[(gsize) b * n + i];
      for (int b = nb; b < OC_SPARSE_BLOCK; b++)
        row[b] = 0.0f;
    }
}

/* x[nb, n] = xt[n, 64]ᵀ */
void
oc_sparse_transpose_out (float *restrict x, const float *restrict xt, int nb, int n)
{
  for (int b = 0; b < nb; b++)
    {
      float *restrict r = x + (gsize) b * n;

      for (int i = 0; i < n; i++)
        r[i] = xt[(gsize) i * OC_SPARSE_BLOCK + b];
    }
}

/* y[nb, no] = x · wᵀ over surviving weights; xt[ni, 64] */
OC_VECTOR_CLONES void
oc_sparse_forward (float *restrict y, const float *restrict xt, const float *restrict w,
                   const OcSparseLayer *s, int nb, int ni, int no)
{
  for (int o = 0; o < no; o++)
    {
      v16 a0 = { 0 }, a1 = { 0 }, a2 = { 0 }, a3 = { 0 };
      const float *restrict wr = w + (gsize) o * ni;
      float acc[OC_SPARSE_BLOCK];

      for (int k = s->rowptr[o]; k < s->rowptr[o + 1]; k++)
        {
          int i = s->col[k];
          float wk = wr[i];
          const v16 *xr = (const v16 *) (xt + (gsize) i * OC_SPARSE_BLOCK);

          a0 += wk * xr[0];
          a1 += wk * xr[1];
          a2 += wk * xr[2];
          a3 += wk * xr[3];
        }
      *(v16 *) (acc + 0) = a0;
      *(v16 *) (acc + 16) = a1;
      *(v16 *) (acc + 32) = a2;
      *(v16 *) (acc + 48) = a3;
      for (int b = 0; b < nb; b++)
        y[(gsize) b * no + o] = acc[b];
    }
}

/* dw[o, i] = Σ_b dt[o, b] · xt[i, b] over surviving (o, i); dt[no, 64], xt[ni, 64] */
OC_VECTOR_CLONES void
oc_sparse_backward_weights (float *restrict dw, const float *restrict dt,
                            const float *restrict xt, const OcSparseLayer *s, int ni, int no,
                            gboolean accumulate)
{
  for (int o = 0; o < no; o++)
    {
      const v16 *dr = (const v16 *) (dt + (gsize) o * OC_SPARSE_BLOCK);
      v16 d0 = dr[0], d1 = dr[1], d2 = dr[2], d3 = dr[3];
      float *restrict dwr = dw + (gsize) o * ni;

      for (int k = s->rowptr[o]; k < s->rowptr[o + 1]; k++)
        {
          int i = s->col[k];
          const v16 *xr = (const v16 *) (xt + (gsize) i * OC_SPARSE_BLOCK);
          v16 p = d0 * xr[0] + d1 * xr[1] + d2 * xr[2] + d3 * xr[3];
          /* A tree of halves: the sum stays in vector registers until the last two adds. */
          v8 h = __builtin_shufflevector (p, p, 0, 1, 2, 3, 4, 5, 6, 7)
                 + __builtin_shufflevector (p, p, 8, 9, 10, 11, 12, 13, 14, 15);
          v4 q = __builtin_shufflevector (h, h, 0, 1, 2, 3)
                 + __builtin_shufflevector (h, h, 4, 5, 6, 7);
          float v = (q[0] + q[2]) + (q[1] + q[3]);

          dwr[i] = accumulate ? dwr[i] + v : v;
        }
    }
}

/* dxt[ni, 64] = Σ_o w[o, i] · dt[o, :] over surviving weights */
OC_VECTOR_CLONES void
oc_sparse_backward_input (float *restrict dxt, const float *restrict dt, const float *restrict w,
                          const OcSparseLayer *s, int ni, int no)
{
  memset (dxt, 0, sizeof (float) * (gsize) ni * OC_SPARSE_BLOCK);
  for (int o = 0; o < no; o++)
    {
      const v16 *dr = (const v16 *) (dt + (gsize) o * OC_SPARSE_BLOCK);
      v16 d0 = dr[0], d1 = dr[1], d2 = dr[2], d3 = dr[3];
      const float *restrict wr = w + (gsize) o * ni;

      for (int k = s->rowptr[o]; k < s->rowptr[o + 1]; k++)
        {
          int i = s->col[k];
          float wk = wr[i];
          v16 *xr = (v16 *) (dxt + (gsize) i * OC_SPARSE_BLOCK);

          xr[0] += wk * d0;
          xr[1] += wk * d1;
          xr[2] += wk * d2;
          xr[3] += wk * d3;
        }
    }
}
