/* oc-sparse.c — sparse layer kernels for pruned networks and the plan that selects them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The kernels use GCC vector types of 8 floats, eight per block of 64 rows, so the accumulators
 * of a row stay in registers and every surviving weight costs 8 loads, 8 multiplies and 8 adds
 * (AVX2). target_clones builds them for AVX-512, AVX2 and plain x86-64.
 *
 * What bounds them (AMD EPYC Zen 3, 784 → 300 at 4.5 %, 10,632 weights): about 3.9 ns per
 * weight for the forward and for the weight gradient with the block's 784 input rows in L2
 * (200 kB), and 3.5 ns with 48 rows in L1 — the core's loads and vector arithmetic, not the
 * memory. Contracting the multiplies and adds into FMAs changed neither; reordering the weight
 * gradient chunk by chunk of inputs to keep them in L1 made it slower. Measured again (784 → 300
 * at 5 %, without software prefetch): 3.7–3.9 ns per weight with the rows in L2 and 2.5–3.0 ns
 * with 48 rows in L1, so reading each weight's 256-byte row from L2 costs a quarter of the time
 * at most; FMAs gained under 5 % on the forward, within the noise of a shared machine.
 *
 * Inside a training step at 1–5 %, the batch gather (oc_sparse_gather_in) is the other large
 * part, 15–40 % of the step: its 60 × 784 floats come from rows scattered over the training
 * set, mostly from memory. Asking for the next step's rows earlier (spread over the first
 * layer's forward too) or inside the gather did not shorten the step: what the gather saved,
 * the kernels lost to the requests. Where the training split has 8-bit codes (IDX images,
 * OcSplit.x8), the gather reads those instead (oc_sparse_gather_codes): a quarter of the bytes
 * for the same inputs; in a step at 2 % it took 14–20 µs instead of 17–24 µs with the floats,
 * and the whole step 10 % less CPU time (one thread, 6 runs each, medians).
 */
#include <cblas.h>
#include <math.h>
#include <string.h>

#include "oc-dataset-private.h"
#include "oc-simd.h"
#include "oc-sparse.h"

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define OC_HAVE_AVX2_PATH 1
#else
#define OC_HAVE_AVX2_PATH 0
#endif

/* Unaligned loads and stores: scratch rows are 256 bytes apart but need not start aligned. */
typedef float v8 __attribute__ ((vector_size (32)));
typedef float v8u __attribute__ ((vector_size (32), aligned (4), may_alias));
typedef float v4 __attribute__ ((vector_size (16)));

G_STATIC_ASSERT (OC_SPARSE_BLOCK == 8 * 8 && OC_SPARSE_HALF == 4 * 8);

double oc_sparse_max_density = 0.3;
double oc_sparse_max_kept = 0.3;
gboolean oc_sparse_intrinsics = TRUE;

void
oc_sparse_plan_free (OcSparsePlan *plan)
{
  if (plan == NULL)
    return;
  for (guint l = 0; l < plan->n_layers; l++)
    {
      g_free (plan->layers[l].rowptr);
      g_free (plan->layers[l].col);
      g_free (plan->layers[l].cscptr);
      g_free (plan->layers[l].csc_k);
      g_free (plan->layers[l].csc_o);
    }
  g_free (plan->layers);
  g_free (plan->kept);
  g_free (plan->w_kept);
  g_free (plan->b_kept);
  g_free (plan->values);
  g_free (plan);
}

/* The CSC lists of @s from its CSR ones: a counting sort by column, rows staying ascending. */
static void
csc_build (OcSparseLayer *s, int ni, int no)
{
  g_autofree int *next = g_new (int, ni);

  s->cscptr = g_new0 (int, ni + 1);
  s->csc_k = g_new (int, MAX (s->nnz, 1));
  s->csc_o = g_new (int, MAX (s->nnz, 1));
  for (int k = 0; k < s->nnz; k++)
    s->cscptr[s->col[k] + 1]++;
  for (int i = 0; i < ni; i++)
    {
      s->cscptr[i + 1] += s->cscptr[i];
      next[i] = s->cscptr[i];
    }
  for (int o = 0; o < no; o++)
    for (int k = s->rowptr[o]; k < s->rowptr[o + 1]; k++)
      {
        int j = next[s->col[k]]++;

        s->csc_k[j] = k;
        s->csc_o[j] = o;
      }
}

OcSparsePlan *
oc_sparse_plan_new (const OcMlp *mlp)
{
  g_autoptr (OcSparsePlan) plan = NULL;
  gsize n_kept = 0, k = 0;

  g_return_val_if_fail (mlp != NULL, NULL);

  /* Kept indices are 32-bit: larger arenas stay dense. */
  if (mlp->mask == NULL || mlp->n_params > G_MAXUINT32)
    return NULL;
  plan = g_new0 (OcSparsePlan, 1);
  plan->n_layers = mlp->n_layers;
  plan->layers = g_new0 (OcSparseLayer, mlp->n_layers);
  plan->w_kept = g_new0 (gsize, mlp->n_layers);
  plan->b_kept = g_new0 (gsize, mlp->n_layers);
  for (guint l = 0; l < mlp->n_layers; l++)
    {
      gsize alive = oc_mlp_count_alive (mlp, (int) l), total = oc_mlp_weight_count (mlp, l);

      plan->w_kept[l] = n_kept;
      plan->b_kept[l] = n_kept + alive;
      n_kept += alive + mlp->sizes[l + 1];
      /* Column indices are ints: layers beyond 2³¹ weights stay dense. */
      if ((double) alive <= oc_sparse_max_density * (double) total && total <= G_MAXINT)
        plan->any_sparse = TRUE;
    }
  plan->n_kept = n_kept;
  plan->kept_only = (double) n_kept <= oc_sparse_max_kept * (double) mlp->n_params;
  if (!plan->any_sparse && !plan->kept_only)
    return NULL;
  plan->kept = g_try_new (guint32, MAX (n_kept, 1));
  plan->values = g_try_new (float, MAX (n_kept, 1));
  if (plan->kept == NULL || plan->values == NULL)
    return NULL;
  for (guint l = 0; l < mlp->n_layers; l++)
    {
      OcSparseLayer *s = &plan->layers[l];
      guint ni = mlp->sizes[l], no = mlp->sizes[l + 1];
      gsize alive = plan->b_kept[l] - plan->w_kept[l], total = oc_mlp_weight_count (mlp, l);
      const float *m = mlp->mask + mlp->w_offset[l];
      gboolean sparse = (double) alive <= oc_sparse_max_density * (double) total
                        && total <= G_MAXINT;
      int nz = 0;

      if (sparse)
        {
          s->rowptr = g_new (int, no + 1);
          /* Padded: the kernels read OC_SPARSE_AHEAD columns ahead (and prefetch row 0). */
          s->col = g_new0 (int, alive + OC_SPARSE_AHEAD);
          s->nnz = (int) alive;
        }
      for (guint o = 0; o < no; o++)
        {
          if (sparse)
            s->rowptr[o] = nz;
          for (guint i = 0; i < ni; i++)
            if (m[(gsize) o * ni + i] != 0.0f)
              {
                if (sparse)
                  s->col[nz++] = (int) i;
                plan->kept[k++] = (guint32) (mlp->w_offset[l] + (gsize) o * ni + i);
              }
        }
      if (sparse)
        {
          s->rowptr[no] = nz;
          csc_build (s, (int) ni, (int) no);
        }
      /* Biases are never pruned. */
      for (guint o = 0; o < no; o++)
        plan->kept[k++] = (guint32) (mlp->b_offset[l] + o);
    }
  g_assert (k == n_kept);
  oc_sparse_pack (plan, plan->values, mlp->params, 0, n_kept);
  return g_steal_pointer (&plan);
}

gsize
oc_sparse_layer_weights (const OcSparsePlan *plan, const OcMlp *mlp, guint l)
{
  if (plan != NULL && l < plan->n_layers && plan->layers[l].rowptr != NULL)
    return (gsize) plan->layers[l].nnz;
  return oc_mlp_weight_count (mlp, l);
}

void
oc_sparse_pack (const OcSparsePlan *plan, float *restrict packed, const float *restrict arena,
                gsize start, gsize end)
{
  const guint32 *restrict kept = plan->kept;

  for (gsize k = start; k < end; k++)
    packed[k] = arena[kept[k]];
}

void
oc_sparse_unpack (const OcSparsePlan *plan, float *restrict arena, const float *restrict packed,
                  gsize start, gsize end)
{
  const guint32 *restrict kept = plan->kept;

  for (gsize k = start; k < end; k++)
    arena[kept[k]] = packed[k];
}

void
oc_sparse_refresh (OcSparsePlan *plan, const float *arena)
{
  for (guint l = 0; l < plan->n_layers; l++)
    {
      gsize lo = plan->layers[l].rowptr != NULL ? plan->w_kept[l] : plan->b_kept[l];
      gsize hi = l + 1 < plan->n_layers ? plan->w_kept[l + 1] : plan->n_kept;

      oc_sparse_pack (plan, plan->values, arena, lo, hi);
    }
}

void
oc_sparse_write_through (const OcSparsePlan *plan, float *arena, gsize start, gsize end)
{
  if (!plan->any_sparse)
    {
      oc_sparse_unpack (plan, arena, plan->values, start, end);
      return;
    }
  for (guint l = 0; l < plan->n_layers; l++)
    if (plan->layers[l].rowptr == NULL)
      {
        gsize lo = MAX (start, plan->w_kept[l]), hi = MIN (end, plan->b_kept[l]);

        if (lo < hi)
          oc_sparse_unpack (plan, arena, plan->values, lo, hi);
      }
}

/* Transposes the 8 × 8 tile in r (rows become columns): three rounds of pairwise shuffles. The
 * loops are unrolled so that the tile stays in registers instead of going through the stack. */
static inline __attribute__ ((always_inline)) void
transpose8 (v8 r[8])
{
  v8 t[8], u[8];

#pragma GCC unroll 4
  for (int k = 0; k < 8; k += 2)
    {
      t[k] = __builtin_shufflevector (r[k], r[k + 1], 0, 8, 1, 9, 4, 12, 5, 13);
      t[k + 1] = __builtin_shufflevector (r[k], r[k + 1], 2, 10, 3, 11, 6, 14, 7, 15);
    }
#pragma GCC unroll 2
  for (int k = 0; k < 8; k += 4)
    {
      u[k] = __builtin_shufflevector (t[k], t[k + 2], 0, 1, 8, 9, 4, 5, 12, 13);
      u[k + 1] = __builtin_shufflevector (t[k], t[k + 2], 2, 3, 10, 11, 6, 7, 14, 15);
      u[k + 2] = __builtin_shufflevector (t[k + 1], t[k + 3], 0, 1, 8, 9, 4, 5, 12, 13);
      u[k + 3] = __builtin_shufflevector (t[k + 1], t[k + 3], 2, 3, 10, 11, 6, 7, 14, 15);
    }
#pragma GCC unroll 4
  for (int k = 0; k < 4; k++)
    {
      r[k] = __builtin_shufflevector (u[k], u[k + 4], 0, 1, 2, 3, 8, 9, 10, 11);
      r[k + 4] = __builtin_shufflevector (u[k], u[k + 4], 4, 5, 6, 7, 12, 13, 14, 15);
    }
}

typedef guint8 u8x8 __attribute__ ((vector_size (8)));
typedef gint32 v4i __attribute__ ((vector_size (16)));
typedef gint32 v8i __attribute__ ((vector_size (32)));
typedef double v4d __attribute__ ((vector_size (32)));

/* The inputs of the 8 codes at p into the v8 dst, as oc_code_input gives them: exact integers,
 * scaled in double in two halves (a vector of 8 doubles would not fit an AVX2 register), rounded
 * to float. A macro: a function returning a vector of 8 floats has another ABI in the plain
 * x86-64 clone. */
#define DECODE8(dst, p)                                                                       \
  do                                                                                          \
    {                                                                                         \
      const v4d scale_ = { OC_CODE_SCALE, OC_CODE_SCALE, OC_CODE_SCALE, OC_CODE_SCALE };      \
      u8x8 c_;                                                                                \
      v8i k_;                                                                                 \
      v4 lo_, hi_;                                                                            \
                                                                                              \
      memcpy (&c_, (p), sizeof c_);                                                           \
      k_ = __builtin_convertvector (c_, v8i);                                                 \
      lo_ = __builtin_convertvector (                                                         \
        __builtin_convertvector (__builtin_shufflevector (k_, k_, 0, 1, 2, 3), v4d) * scale_, \
        v4);                                                                                  \
      hi_ = __builtin_convertvector (                                                         \
        __builtin_convertvector (__builtin_shufflevector (k_, k_, 4, 5, 6, 7), v4d) * scale_, \
        v4);                                                                                  \
      (dst) = __builtin_shufflevector (lo_, hi_, 0, 1, 2, 3, 4, 5, 6, 7);                     \
    }                                                                                         \
  while (0)

/* xt[n, 64] = x[nb, n]ᵀ, zero-padded, row b of the block being x + rows[b]·n (rows NULL: b),
 * x holding floats, or 8-bit codes decoded as oc_code_input when @codes. Tiles of 8 rows × 8
 * columns go through registers, the last one of a short block with zero rows in place of the
 * missing ones; the ragged columns (n not a multiple of 8) are copied one by one; the padding
 * columns past the last tile are cleared with vector stores. */
static inline __attribute__ ((always_inline)) void
transpose_rows (float *restrict xt, const void *restrict x, gboolean codes, const guint32 *rows,
                int nb, int n, int bw)
{
  int n8 = n & ~7, nb_up = (nb + 7) & ~7;
  gsize size = codes ? 1 : sizeof (float);
  const char *src[OC_SPARSE_BLOCK];
  const v8 zero = { 0 };

  for (int b = 0; b < nb; b++)
    src[b] = (const char *) x + (gsize) (rows != NULL ? rows[b] : (guint32) b) * n * size;
#define TILE_ROW(dst, k, i)                                                                   \
  do                                                                                          \
    {                                                                                         \
      if (codes)                                                                              \
        DECODE8 (dst, (const guint8 *) src[b + (k)] + (i));                                   \
      else                                                                                    \
        (dst) = *(const v8u *) ((const float *) src[b + (k)] + (i));                          \
    }                                                                                         \
  while (0)
  for (int b = 0; b < nb; b += 8)
    {
      int m = MIN (8, nb - b);

      for (int i = 0; i < n8; i += 8)
        {
          v8 r[8];

          if (m == 8)
            {
#pragma GCC unroll 8
              for (int k = 0; k < 8; k++)
                TILE_ROW (r[k], k, i);
            }
          else
            {
#pragma GCC unroll 8
              for (int k = 0; k < 8; k++)
                {
                  r[k] = zero;
                  if (k < m)
                    TILE_ROW (r[k], k, i);
                }
            }
          transpose8 (r);
#pragma GCC unroll 8
          for (int k = 0; k < 8; k++)
            *(v8u *) (xt + (gsize) (i + k) * bw + b) = r[k];
        }
      for (int i = n8; i < n; i++)
        for (int k = 0; k < 8; k++)
          xt[(gsize) i * bw + b + k]
            = k >= m ? 0.0f
              : codes ? oc_code_input (((const guint8 *) src[b + k])[i])
                      : ((const float *) src[b + k])[i];
    }
#undef TILE_ROW
#undef DECODE8
  for (int i = 0; i < n; i++)
    for (int b = nb_up; b < bw; b += 8)
      *(v8u *) (xt + (gsize) i * bw + b) = zero;
}

OC_VECTOR_CLONES void
oc_sparse_transpose_in (float *restrict xt, const float *restrict x, int nb, int n, int bw)
{
  transpose_rows (xt, x, FALSE, NULL, nb, n, bw);
}

OC_VECTOR_CLONES void
oc_sparse_gather_in (float *restrict xt, const float *restrict x, const guint32 *rows, int nb,
                     int n, int bw)
{
  transpose_rows (xt, x, FALSE, rows, nb, n, bw);
}

OC_VECTOR_CLONES static void
gather_codes_generic (float *restrict xt, const guint8 *restrict x8, const guint32 *rows, int nb,
                      int n, int bw)
{
  transpose_rows (xt, x8, TRUE, rows, nb, n, bw);
}

#if OC_HAVE_AVX2_PATH
/* oc_sparse_gather_codes with AVX2 and FMA. GCC's generic vectors widen bytes to 32-bit lanes one
 * lane at a time (slower than gathering the floats), so this one is written with intrinsics.
 * A code k becomes k · r corrected by one FMA step (r = 1/255 in float): the correctly rounded
 * k / 255, the same float as oc_code_input (tested for all 256 codes). */
static inline __attribute__ ((always_inline, target ("avx2,fma"))) __m256
decode8_avx2 (const guint8 *p)
{
  const __m256 r = _mm256_set1_ps (1.0f / 255.0f), c255 = _mm256_set1_ps (255.0f);
  __m256 f = _mm256_cvtepi32_ps (_mm256_cvtepu8_epi32 (_mm_loadl_epi64 ((const __m128i *) p)));
  __m256 q = _mm256_mul_ps (f, r);

  return _mm256_fmadd_ps (_mm256_fnmadd_ps (q, c255, f), r, q);
}

__attribute__ ((target ("avx2,fma"))) static void
gather_codes_avx2 (float *restrict xt, const guint8 *restrict x8, const guint32 *rows, int nb,
                   int n, int bw)
{
  int n8 = n & ~7, nb_up = (nb + 7) & ~7;
  const guint8 *src[OC_SPARSE_BLOCK];

  for (int b = 0; b < nb; b++)
    src[b] = x8 + (gsize) rows[b] * n;
  for (int b = 0; b < nb; b += 8)
    {
      int m = MIN (8, nb - b);

      for (int i = 0; i < n8; i += 8)
        {
          __m256 r[8], t[8], u[8];

#pragma GCC unroll 8
          for (int k = 0; k < 8; k++)
            r[k] = k < m ? decode8_avx2 (src[b + k] + i) : _mm256_setzero_ps ();
          /* The 8 × 8 transpose of transpose8, in AVX2's own shuffles. */
#pragma GCC unroll 4
          for (int k = 0; k < 8; k += 2)
            {
              t[k] = _mm256_unpacklo_ps (r[k], r[k + 1]);
              t[k + 1] = _mm256_unpackhi_ps (r[k], r[k + 1]);
            }
#pragma GCC unroll 2
          for (int k = 0; k < 8; k += 4)
            {
              u[k] = _mm256_shuffle_ps (t[k], t[k + 2], _MM_SHUFFLE (1, 0, 1, 0));
              u[k + 1] = _mm256_shuffle_ps (t[k], t[k + 2], _MM_SHUFFLE (3, 2, 3, 2));
              u[k + 2] = _mm256_shuffle_ps (t[k + 1], t[k + 3], _MM_SHUFFLE (1, 0, 1, 0));
              u[k + 3] = _mm256_shuffle_ps (t[k + 1], t[k + 3], _MM_SHUFFLE (3, 2, 3, 2));
            }
#pragma GCC unroll 4
          for (int k = 0; k < 4; k++)
            {
              _mm256_storeu_ps (xt + (gsize) (i + k) * bw + b,
                                _mm256_permute2f128_ps (u[k], u[k + 4], 0x20));
              _mm256_storeu_ps (xt + (gsize) (i + k + 4) * bw + b,
                                _mm256_permute2f128_ps (u[k], u[k + 4], 0x31));
            }
        }
      for (int i = n8; i < n; i++)
        for (int k = 0; k < 8; k++)
          xt[(gsize) i * bw + b + k] = k < m ? oc_code_input (src[b + k][i]) : 0.0f;
    }
  for (int i = 0; i < n; i++)
    for (int b = nb_up; b < bw; b += 8)
      _mm256_storeu_ps (xt + (gsize) i * bw + b, _mm256_setzero_ps ());
}
#endif

void
oc_sparse_gather_codes (float *restrict xt, const guint8 *restrict x8, const guint32 *rows,
                        int nb, int n, int bw)
{
#if OC_HAVE_AVX2_PATH
  if (oc_sparse_intrinsics && __builtin_cpu_supports ("avx2") && __builtin_cpu_supports ("fma"))
    {
      gather_codes_avx2 (xt, x8, rows, nb, n, bw);
      return;
    }
#endif
  gather_codes_generic (xt, x8, rows, nb, n, bw);
}

/* x[nb, n] = xt[n, bw]ᵀ */
void
oc_sparse_transpose_out (float *restrict x, const float *restrict xt, int nb, int n, int bw)
{
  for (int b = 0; b < nb; b++)
    {
      float *restrict r = x + (gsize) b * n;

      for (int i = 0; i < n; i++)
        r[i] = xt[(gsize) i * bw + b];
    }
}

/* The kernels below hold a block's 64 rows as 8 vectors of 8 floats (a half block's 32 as 4): on
 * AVX2 each is one register. (Vectors of 16 floats would be one AVX-512 register, but where the
 * target has no 512-bit registers GCC keeps such vectors in memory and reloads them on every
 * use: the AVX2 build of the forward kernel then ran at a seventh of the backward one's speed.)
 * Each kernel's body is an always-inline function of the block width @bw, called with the
 * constant OC_SPARSE_BLOCK or OC_SPARSE_HALF: the compiler builds both, and in the half one the
 * upper four vectors are gone. */
#define LOAD8(p)     (*(const v8u *) (p))
#define STORE8(p, v) (*(v8u *) (p) = (v))
#define FULL(bw)     ((bw) == OC_SPARSE_BLOCK)

/* Calls @impl(args…, bw) with @bw a constant: the kernels' one dispatch on the block width. */
#define BY_WIDTH(impl, bw, ...)                                                               \
  do                                                                                          \
    {                                                                                         \
      if (FULL (bw))                                                                          \
        impl (__VA_ARGS__, OC_SPARSE_BLOCK);                                                  \
      else                                                                                    \
        {                                                                                     \
          g_assert ((bw) == OC_SPARSE_HALF);                                                  \
          impl (__VA_ARGS__, OC_SPARSE_HALF);                                                 \
        }                                                                                     \
    }                                                                                         \
  while (0)

/* r[bw] = act(r + b): one row of a block, in L1; the compiler vectorises each case. The
 * arithmetic is oc_bias_act_forward's, so both layouts give the same activations. */
static inline __attribute__ ((always_inline)) void
bias_act_row (float *restrict r, float b, OcKernelAct act, int bw)
{
  switch (act)
    {
    case OC_KACT_RELU:
      for (int j = 0; j < bw; j++)
        {
          float v = r[j] + b;
          r[j] = v > 0.0f ? v : 0.0f;
        }
      break;
    case OC_KACT_TANH:
      for (int j = 0; j < bw; j++)
        r[j] = tanhf (r[j] + b);
      break;
    case OC_KACT_NONE:
    default:
      for (int j = 0; j < bw; j++)
        r[j] += b;
      break;
    }
}

/* Asks for row i of a block x_t[ni, bw] (bw/16 cache lines). The kernels read the rows of their
 * surviving weights' columns in no predictable order, so the hardware cannot prefetch them; a
 * row asked for OC_SPARSE_AHEAD weights ahead is in L1 when its turn comes. */
static inline __attribute__ ((always_inline)) void
prefetch_row (const float *xt, int i, int bw)
{
  const char *p = (const char *) (xt + (gsize) i * bw);

  __builtin_prefetch (p);
  __builtin_prefetch (p + 64);
  if (FULL (bw))
    {
      __builtin_prefetch (p + 128);
      __builtin_prefetch (p + 192);
    }
}

/* out[bw] = Σ_j w[j'] · rows[ri[j], :] over j in [j0, j1), where j' = wi[j] (wi NULL: j): the
 * sum of a few rows of a block, weighted, in 8 (4) vector registers, stored once. With @prefetch
 * the row OC_SPARSE_AHEAD terms ahead is asked for. The forward and the input-gradient kernels
 * are both this, over a layer's rows (CSR) or its columns (CSC). */
static inline __attribute__ ((always_inline)) void
sum_rows (float *restrict out, const float *restrict w, const int *restrict wi,
          const float *restrict rows, const int *restrict ri, int j0, int j1, gboolean prefetch,
          int bw)
{
  v8 a0 = { 0 }, a1 = { 0 }, a2 = { 0 }, a3 = { 0 }, a4 = { 0 }, a5 = { 0 }, a6 = { 0 };
  v8 a7 = { 0 };

  for (int j = j0; j < j1; j++)
    {
      float wk = w[wi != NULL ? wi[j] : j];
      const float *r = rows + (gsize) ri[j] * bw;

      if (prefetch)
        prefetch_row (rows, ri[j + OC_SPARSE_AHEAD], bw);
      a0 += wk * LOAD8 (r + 0);
      a1 += wk * LOAD8 (r + 8);
      a2 += wk * LOAD8 (r + 16);
      a3 += wk * LOAD8 (r + 24);
      if (FULL (bw))
        {
          a4 += wk * LOAD8 (r + 32);
          a5 += wk * LOAD8 (r + 40);
          a6 += wk * LOAD8 (r + 48);
          a7 += wk * LOAD8 (r + 56);
        }
    }
  STORE8 (out + 0, a0);
  STORE8 (out + 8, a1);
  STORE8 (out + 16, a2);
  STORE8 (out + 24, a3);
  if (FULL (bw))
    {
      STORE8 (out + 32, a4);
      STORE8 (out + 40, a5);
      STORE8 (out + 48, a6);
      STORE8 (out + 56, a7);
    }
}

static inline __attribute__ ((always_inline)) void
forward_impl (float *restrict yt, const float *restrict xt, const float *restrict w,
              const float *restrict b, const OcSparseLayer *s, int no, OcKernelAct act, int bw)
{
  for (int o = 0; o < no; o++)
    {
      float *restrict yr = yt + (gsize) o * bw;

      sum_rows (yr, w, NULL, xt, s->col, s->rowptr[o], s->rowptr[o + 1], TRUE, bw);
      bias_act_row (yr, b[o], act, bw);
    }
}

/* y_t[no, bw] = act(W·x_t + b) over surviving weights w[nnz]; x_t[ni, bw] */
OC_VECTOR_CLONES void
oc_sparse_forward (float *restrict yt, const float *restrict xt, const float *restrict w,
                   const float *restrict b, const OcSparseLayer *s, int no, OcKernelAct act,
                   int bw)
{
  BY_WIDTH (forward_impl, bw, yt, xt, w, b, s, no, act);
}

/* d[bw] ⊙= act'(a) in place, from the activation's output a[bw]; returns the sum of d after it
 * (the row's bias gradient). The arithmetic is oc_bias_act_backward's. */
static inline __attribute__ ((always_inline)) float
act_backward_row (float *restrict d, const float *restrict a, OcKernelAct act, int bw)
{
  v8 h;
  v4 r;

  switch (act)
    {
    case OC_KACT_RELU:
      /* relu'(z) = [z > 0] = [a > 0], as in oc_bias_act_backward. */
      for (int j = 0; j < bw; j++)
        d[j] = a[j] > 0.0f ? d[j] : 0.0f;
      break;
    case OC_KACT_TANH:
      for (int j = 0; j < bw; j++)
        d[j] = d[j] * (1.0f - a[j] * a[j]);
      break;
    case OC_KACT_NONE:
    default:
      break;
    }
  h = (LOAD8 (d) + LOAD8 (d + 8)) + (LOAD8 (d + 16) + LOAD8 (d + 24));
  if (FULL (bw))
    h = h + ((LOAD8 (d + 32) + LOAD8 (d + 40)) + (LOAD8 (d + 48) + LOAD8 (d + 56)));
  r = __builtin_shufflevector (h, h, 0, 1, 2, 3) + __builtin_shufflevector (h, h, 4, 5, 6, 7);
  return (r[0] + r[2]) + (r[1] + r[3]);
}

/* The bw products d_t[o, c] · x_t[i, c] of one surviving weight's rows, chunk c of 8 columns
 * at a time, summed in two independent chains (one for a half block) and then in halves: its
 * dot product is the sum of the 8 lanes. Asks for the row OC_SPARSE_AHEAD weights ahead. */
#define ROW_DOT(xt, col, k, bw)                                                               \
  ({                                                                                          \
    const float *xr_ = (xt) + (gsize) (col)[k] * (bw);                                        \
    v8 p_ = (d0 * LOAD8 (xr_) + d1 * LOAD8 (xr_ + 8))                                         \
            + (d2 * LOAD8 (xr_ + 16) + d3 * LOAD8 (xr_ + 24));                                \
    prefetch_row ((xt), (col)[(k) + OC_SPARSE_AHEAD], (bw));                                  \
    FULL (bw) ? p_ + ((d4 * LOAD8 (xr_ + 32) + d5 * LOAD8 (xr_ + 40))                         \
                      + (d6 * LOAD8 (xr_ + 48) + d7 * LOAD8 (xr_ + 56)))                      \
              : p_;                                                                           \
  })

/* Pairwise sums within each half of a and b: [a0+a1, a2+a3, b0+b1, b2+b3, a4+a5, a6+a7, b4+b5,
 * b6+b7] (what vhaddps does, in two in-lane shuffles and one add). Macros rather than functions:
 * a function returning a vector of 8 floats has another ABI in the plain x86-64 clone. */
#define HADD_PAIRS(a, b)                                                                      \
  (__builtin_shufflevector ((a), (b), 0, 2, 8, 10, 4, 6, 12, 14)                              \
   + __builtin_shufflevector ((a), (b), 1, 3, 9, 11, 5, 7, 13, 15))

/* Lane j of the result = the sum of h_j's 8 lanes: eight horizontal sums for the price of about
 * two and a half, instead of a reduction of its own for every weight. lo holds h0..h3 summed
 * over lanes 0–3 then over lanes 4–7, hi the same for h4..h7. */
#define SUM_LANES8(h0, h1, h2, h3, h4, h5, h6, h7)                                            \
  ({                                                                                          \
    v8 lo_ = HADD_PAIRS (HADD_PAIRS ((h0), (h1)), HADD_PAIRS ((h2), (h3)));                   \
    v8 hi_ = HADD_PAIRS (HADD_PAIRS ((h4), (h5)), HADD_PAIRS ((h6), (h7)));                   \
    __builtin_shufflevector (lo_, hi_, 0, 1, 2, 3, 8, 9, 10, 11)                              \
      + __builtin_shufflevector (lo_, hi_, 4, 5, 6, 7, 12, 13, 14, 15);                       \
  })

static inline __attribute__ ((always_inline)) void
backward_weights_impl (float *restrict dw, float *restrict dt, const float *restrict xt,
                       const OcSparseLayer *s, int no, gboolean accumulate,
                       const float *restrict at, OcKernelAct act, float *restrict db, int bw)
{
  const int *restrict col = s->col;
  const v8 zero = { 0 };

  for (int o = 0; o < no; o++)
    {
      float *dr = dt + (gsize) o * bw;
      int k = s->rowptr[o], end = s->rowptr[o + 1];
      v8 d0, d1, d2, d3, d4 = zero, d5 = zero, d6 = zero, d7 = zero;

      if (at != NULL)
        {
          float sum = act_backward_row (dr, at + (gsize) o * bw, act, bw);

          db[o] = accumulate ? db[o] + sum : sum;
        }
      d0 = LOAD8 (dr);
      d1 = LOAD8 (dr + 8);
      d2 = LOAD8 (dr + 16);
      d3 = LOAD8 (dr + 24);
      if (FULL (bw))
        {
          d4 = LOAD8 (dr + 32);
          d5 = LOAD8 (dr + 40);
          d6 = LOAD8 (dr + 48);
          d7 = LOAD8 (dr + 56);
        }
      for (; k + 8 <= end; k += 8)
        {
          v8 h0 = ROW_DOT (xt, col, k, bw), h1 = ROW_DOT (xt, col, k + 1, bw);
          v8 h2 = ROW_DOT (xt, col, k + 2, bw), h3 = ROW_DOT (xt, col, k + 3, bw);
          v8 h4 = ROW_DOT (xt, col, k + 4, bw), h5 = ROW_DOT (xt, col, k + 5, bw);
          v8 h6 = ROW_DOT (xt, col, k + 6, bw), h7 = ROW_DOT (xt, col, k + 7, bw);
          v8 v = SUM_LANES8 (h0, h1, h2, h3, h4, h5, h6, h7);

          if (accumulate)
            v += LOAD8 (dw + k);
          STORE8 (dw + k, v);
        }
      if (k < end)
        {
          int n = end - k;
          v8 h0 = ROW_DOT (xt, col, k, bw);
          v8 h1 = n > 1 ? ROW_DOT (xt, col, k + 1, bw) : zero;
          v8 h2 = n > 2 ? ROW_DOT (xt, col, k + 2, bw) : zero;
          v8 h3 = n > 3 ? ROW_DOT (xt, col, k + 3, bw) : zero;
          v8 h4 = n > 4 ? ROW_DOT (xt, col, k + 4, bw) : zero;
          v8 h5 = n > 5 ? ROW_DOT (xt, col, k + 5, bw) : zero;
          v8 h6 = n > 6 ? ROW_DOT (xt, col, k + 6, bw) : zero;
          v8 v = SUM_LANES8 (h0, h1, h2, h3, h4, h5, h6, zero);

          for (int j = 0; j < n; j++)
            dw[k + j] = accumulate ? dw[k + j] + v[j] : v[j];
        }
    }
}

/* dw[k] = Σ_b dt[o, b] · xt[col[k], b] over surviving (o, col[k]); dt[no, bw], xt[ni, bw]; with
 * @at, first dt[o, :] ⊙= act'(at[o, :]) and db[o] (=/+=) its sum, row by row, while the row is
 * in L1 anyway. A row's weights go eight at a time, their dot products reduced together
 * (SUM_LANES8) and stored as one vector; the last few of a row pad the eight with zeros. */
OC_VECTOR_CLONES void
oc_sparse_backward_weights (float *restrict dw, float *restrict dt, const float *restrict xt,
                            const OcSparseLayer *s, int no, gboolean accumulate,
                            const float *restrict at, OcKernelAct act, float *restrict db, int bw)
{
  BY_WIDTH (backward_weights_impl, bw, dw, dt, xt, s, no, accumulate, at, act, db);
}

#undef ROW_DOT
#undef SUM_LANES8
#undef HADD_PAIRS

static inline __attribute__ ((always_inline)) void
backward_input_impl (float *restrict dxt, const float *restrict dt, const float *restrict w,
                     const OcSparseLayer *s, int ni, int bw)
{
  for (int i = 0; i < ni; i++)
    sum_rows (dxt + (gsize) i * bw, w, s->csc_k, dt, s->csc_o, s->cscptr[i], s->cscptr[i + 1],
              FALSE, bw);
}

/* dxt[ni, bw] = Σ_o w[o, i] · dt[o, :] over surviving weights w[nnz], row by row of dxt: the
 * gradient rows d_t[o, :] it reads are few (the layer's outputs) and stay in L1, and each row of
 * dx_t is stored once, instead of being cleared and then read and written once per weight. The
 * sum over o runs in ascending order, as a row-by-row accumulation would. */
OC_VECTOR_CLONES void
oc_sparse_backward_input (float *restrict dxt, const float *restrict dt, const float *restrict w,
                          const OcSparseLayer *s, int ni, int bw)
{
  BY_WIDTH (backward_input_impl, bw, dxt, dt, w, s, ni);
}

static inline __attribute__ ((always_inline)) void
bias_act_backward_impl (float *restrict dt, float *restrict db, const float *restrict at, int no,
                        OcKernelAct act, gboolean accumulate, int bw)
{
  for (int o = 0; o < no; o++)
    {
      float sum = act_backward_row (dt + (gsize) o * bw, at + (gsize) o * bw, act, bw);

      db[o] = accumulate ? db[o] + sum : sum;
    }
}

/* dt[no, bw] ⊙= act'(at); db[o] (=/+=) Σ_b dt[o, b] */
OC_VECTOR_CLONES void
oc_sparse_bias_act_backward (float *restrict dt, float *restrict db, const float *restrict at,
                             int no, OcKernelAct act, gboolean accumulate, int bw)
{
  BY_WIDTH (bias_act_backward_impl, bw, dt, db, at, no, act, accumulate);
}

static inline __attribute__ ((always_inline)) void
bias_act_rows (float *restrict yt, const float *restrict b, int no, OcKernelAct act, int bw)
{
  for (int o = 0; o < no; o++)
    bias_act_row (yt + (gsize) o * bw, b[o], act, bw);
}

/* yt[no, bw] = act(w[no, ni] · xt[ni, bw] + b) */
void
oc_sparse_dense_forward (float *yt, const float *xt, const float *w, const float *b, int ni, int no,
                         OcKernelAct act, int bw)
{
  cblas_sgemm (CblasRowMajor, CblasNoTrans, CblasNoTrans, no, bw, ni, 1.0f, w, ni, xt, bw, 0.0f,
               yt, bw);
  BY_WIDTH (bias_act_rows, bw, yt, b, no, act);
}

/* dw[no, ni] (=/+=) dt[no, bw] · xt[ni, bw]ᵀ */
void
oc_sparse_dense_backward_weights (float *dw, const float *dt, const float *xt, int ni, int no,
                                  gboolean accumulate, int bw)
{
  cblas_sgemm (CblasRowMajor, CblasNoTrans, CblasTrans, no, ni, bw, 1.0f, dt, bw, xt, bw,
               accumulate ? 1.0f : 0.0f, dw, ni);
}

/* dxt[ni, bw] = w[no, ni]ᵀ · dt[no, bw] */
void
oc_sparse_dense_backward_input (float *dxt, const float *dt, const float *w, int ni, int no,
                                int bw)
{
  cblas_sgemm (CblasRowMajor, CblasTrans, CblasNoTrans, ni, bw, no, 1.0f, w, ni, dt, bw, 0.0f,
               dxt, bw);
}
