/* oc-kernels.c — GEMM-backed layer kernels and fused element-wise passes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <cblas.h>
#include <math.h>
#include <string.h>

#include "oc-kernels.h"
#include "oc-simd.h"

void
oc_linear_forward (float *y, const float *x, const float *w, int nb, int ni, int no)
{
  /* y = x · wᵀ: the transpose is a GEMM flag, never a copy. */
  cblas_sgemm (CblasRowMajor, CblasNoTrans, CblasTrans, nb, no, ni, 1.0f, x, ni, w, ni, 0.0f, y, no);
}

OC_VECTOR_CLONES void
oc_csr_linear_forward (float *restrict y, const guint32 *rowptr, const guint32 *col,
                       const float *val, const guint32 *rows, const float *restrict wt, int nb,
                       int no)
{
  for (int r = 0; r < nb; r++)
    {
      float *restrict out = y + (gsize) r * no;
      guint32 row = rows[r];

      memset (out, 0, sizeof (float) * no);
      for (guint32 k = rowptr[row]; k < rowptr[row + 1]; k++)
        {
          const float *restrict w = wt + (gsize) col[k] * no;
          float v = val[k];

          for (int j = 0; j < no; j++)
            out[j] += v * w[j];
        }
    }
}

OC_VECTOR_CLONES void
oc_csr_linear_backward_weights (float *restrict dwt, const float *restrict dy,
                                const guint32 *rowptr, const guint32 *col, const float *val,
                                const guint32 *rows, int nb, int ni, int no)
{
  memset (dwt, 0, sizeof (float) * (gsize) ni * no);
  for (int r = 0; r < nb; r++)
    {
      const float *restrict d = dy + (gsize) r * no;
      guint32 row = rows[r];

      for (guint32 k = rowptr[row]; k < rowptr[row + 1]; k++)
        {
          float *restrict g = dwt + (gsize) col[k] * no;
          float v = val[k];

          for (int j = 0; j < no; j++)
            g[j] += v * d[j];
        }
    }
}

void
oc_transpose (float *restrict t, const float *restrict m, int rows, int cols)
{
  /* Tiles of 16 × 16 keep both sides in cache lines. */
  for (int r0 = 0; r0 < rows; r0 += 16)
    for (int c0 = 0; c0 < cols; c0 += 16)
      for (int r = r0; r < MIN (r0 + 16, rows); r++)
        for (int c = c0; c < MIN (c0 + 16, cols); c++)
          t[(gsize) c * rows + r] = m[(gsize) r * cols + c];
}

OC_VECTOR_CLONES void
oc_bias_act_forward (float *restrict y, const float *restrict b, int nb, int no, OcKernelAct act)
{
  for (int r = 0; r < nb; r++)
    {
      float *restrict row = y + (gsize) r * no;

      switch (act)
        {
        case OC_KACT_RELU:
          for (int j = 0; j < no; j++)
            {
              float v = row[j] + b[j];
              row[j] = v > 0.0f ? v : 0.0f;
            }
          break;
        case OC_KACT_TANH:
          for (int j = 0; j < no; j++)
            row[j] = tanhf (row[j] + b[j]);
          break;
        case OC_KACT_NONE:
        default:
          for (int j = 0; j < no; j++)
            row[j] += b[j];
          break;
        }
    }
}

OC_VECTOR_CLONES void
oc_bias_act_backward (float *restrict dy, float *restrict db, const float *restrict a, int nb, int no,
                      OcKernelAct act)
{
  memset (db, 0, sizeof (float) * no);
  for (int r = 0; r < nb; r++)
    {
      float *restrict d = dy + (gsize) r * no;
      const float *restrict ar = a + (gsize) r * no;

      switch (act)
        {
        case OC_KACT_RELU:
          /* relu'(z) = [z > 0] = [a > 0]: the output is enough, no pre-activation is kept. */
          for (int j = 0; j < no; j++)
            {
              float g = ar[j] > 0.0f ? d[j] : 0.0f;
              d[j] = g;
              db[j] += g;
            }
          break;
        case OC_KACT_TANH:
          for (int j = 0; j < no; j++)
            {
              float g = d[j] * (1.0f - ar[j] * ar[j]);
              d[j] = g;
              db[j] += g;
            }
          break;
        case OC_KACT_NONE:
        default:
          for (int j = 0; j < no; j++)
            db[j] += d[j];
          break;
        }
    }
}

void
oc_linear_backward_weights (float *dw, const float *dy, const float *x, int nb, int ni, int no,
                            gboolean accumulate)
{
  cblas_sgemm (CblasRowMajor, CblasTrans, CblasNoTrans, no, ni, nb, 1.0f, dy, no, x, ni,
               accumulate ? 1.0f : 0.0f, dw, ni);
}

void
oc_linear_backward_input (float *dx, const float *dy, const float *w, int nb, int ni, int no)
{
  cblas_sgemm (CblasRowMajor, CblasNoTrans, CblasNoTrans, nb, ni, no, 1.0f, dy, no, w, ni, 0.0f, dx, ni);
}

/* Index of the first maximum of v[K]. */
static inline int
argmax (const float *v, int K)
{
  int best = 0;

  for (int k = 1; k < K; k++)
    if (v[k] > v[best])
      best = k;
  return best;
}

double
oc_softmax_ce (float *dlogits, const float *logits, const gint32 *labels, int nb, int G, int K,
               float scale, int *n_wrong)
{
  double total = 0.0;
  int wrong = 0;

  for (int r = 0; r < nb; r++)
    {
      gboolean row_wrong = FALSE;

      for (int g = 0; g < G; g++)
        {
          const float *z = logits + ((gsize) r * G + g) * K;
          int y = labels[(gsize) r * G + g];
          float zmax = z[0], sum = 0.0f;

          for (int k = 1; k < K; k++)
            zmax = z[k] > zmax ? z[k] : zmax;
          if (dlogits != NULL)
            {
              float *restrict d = dlogits + ((gsize) r * G + g) * K;

              for (int k = 0; k < K; k++)
                {
                  d[k] = expf (z[k] - zmax);
                  sum += d[k];
                }
              {
                float inv = scale / sum;

                for (int k = 0; k < K; k++)
                  d[k] *= inv;
                d[y] -= scale;
              }
            }
          else
            {
              for (int k = 0; k < K; k++)
                sum += expf (z[k] - zmax);
            }
          /* −log softmax_y = log Σ exp(z − zmax) − (z_y − zmax) */
          total += log ((double) sum) - (double) (z[y] - zmax);
          row_wrong |= argmax (z, K) != y;
        }
      wrong += row_wrong;
    }
  if (n_wrong != NULL)
    *n_wrong = wrong;
  return total;
}

double
oc_mse_onehot (float *dout, const float *out, const gint32 *labels, int nb, int G, int K,
               float scale, int *n_wrong)
{
  double total = 0.0;
  int wrong = 0;

  for (int r = 0; r < nb; r++)
    {
      gboolean row_wrong = FALSE;

      for (int g = 0; g < G; g++)
        {
          const float *o = out + ((gsize) r * G + g) * K;
          int y = labels[(gsize) r * G + g];
          float sum = 0.0f;

          for (int k = 0; k < K; k++)
            {
              float diff = o[k] - (k == y ? 1.0f : 0.0f);

              sum += diff * diff;
              if (dout != NULL)
                dout[((gsize) r * G + g) * K + k] = 2.0f * diff * scale;
            }
          total += sum;
          row_wrong |= argmax (o, K) != y;
        }
      wrong += row_wrong;
    }
  if (n_wrong != NULL)
    *n_wrong = wrong;
  return total;
}
