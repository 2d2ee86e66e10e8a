/* oc-landscape.c — directions, grids and the batched evaluation of loss landscapes; see
 * oc-landscape.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <cblas.h>
#include <math.h>
#include <string.h>

#include "occam/oc-error.h"
#include "occam/oc-landscape.h"
#include "oc-kernels.h"
#include "oc-lapack.h"
#include "oc-team.h"
#include "oc-train-private.h"
#include "oc-config.h"
#include <glib/gi18n-lib.h>

/* ---- Directions ---- */

static double
row_norm (const float *v, gsize n)
{
  double s = 0;

  for (gsize i = 0; i < n; i++)
    s += (double) v[i] * v[i];
  return sqrt (s);
}

void
oc_landscape_filter_normalize (const OcMlp *model, float *direction)
{
  g_return_if_fail (model != NULL && direction != NULL);

  /* Everything between one layer's weights and the next's (padding, bias, padding) is zero. */
  for (guint l = 0; l < model->n_layers; l++)
    {
      gsize start = model->w_offset[l] + oc_mlp_weight_count (model, l);
      gsize end = l + 1 < model->n_layers ? model->w_offset[l + 1] : model->n_params;

      memset (direction + start, 0, (end - start) * sizeof (float));
    }
  for (guint l = 0; l < model->n_layers; l++)
    {
      guint rows = model->sizes[l + 1], cols = model->sizes[l];
      const float *w = oc_mlp_weights (model, l);
      float *d = direction + model->w_offset[l];

      /* Li et al.'s d ← d·‖w‖/(‖d‖ + 1e-10), one unit's incoming weights at a time. */
      for (guint r = 0; r < rows; r++)
        {
          float *dr = d + (gsize) r * cols;
          double scale = row_norm (w + (gsize) r * cols, cols)
                         / (row_norm (dr, cols) + 1e-10);

          for (guint c = 0; c < cols; c++)
            dr[c] = (float) (dr[c] * scale);
        }
    }
}

void
oc_landscape_random_direction (const OcMlp *model, OcRng *rng, float *direction)
{
  g_return_if_fail (model != NULL && rng != NULL && direction != NULL);

  oc_rng_fill_normal (rng, direction, model->n_params, 1.0);
  oc_landscape_filter_normalize (model, direction);
}

static double
dot_d (const double *a, const double *b, gsize n)
{
  double s = 0;

  for (gsize i = 0; i < n; i++)
    s += a[i] * b[i];
  return s;
}

/* Columns of the trajectory per block: the centred block [n, PCA_BLOCK] in doubles stays in
 * cache while the Gram matrix and the directions accumulate from it. */
#define PCA_BLOCK 2048

/* Fills @block[n, cols] with (θ_t − θ_T − mean)[start …] in double. */
static void
centred_block (const float *c, guint n, gsize n_params, gsize start, gsize cols,
               const double *mean, double *block)
{
  const float *last = c + (gsize) (n - 1) * n_params;

  for (guint t = 0; t < n; t++)
    {
      const float *row = c + (gsize) t * n_params + start;
      double *out = block + (gsize) t * cols;

      for (gsize k = 0; k < cols; k++)
        out[k] = ((double) row[k] - last[start + k]) - mean[start + k];
    }
}

gboolean
oc_landscape_pca (const float *checkpoints, guint n, gsize n_params, float *d1, float *d2,
                  double *explained, GError **error)
{
  g_autofree double *mean = NULL, *gram = NULL, *block = NULL, *eig = NULL, *work = NULL;
  g_autofree double *dir = NULL;
  g_autofree int *iwork = NULL;
  double total = 0, lambda[2], first[2];
  int nn = (int) n, lwork, liwork, info = 0;
  const float *last;

  g_return_val_if_fail (checkpoints != NULL && d1 != NULL && d2 != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (n < 3)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                   _("PCA of a trajectory needs three checkpoints or more, got %u"), n);
      return FALSE;
    }
  last = checkpoints + (gsize) (n - 1) * n_params;
  mean = oc_try_alloc0_n (n_params, sizeof (double), "the trajectory's mean", error);
  dir = mean != NULL ? oc_try_alloc0_n (2 * n_params, sizeof (double), "two PCA directions",
                                        error)
                     : NULL;
  if (dir == NULL)
    return FALSE;
  for (guint t = 0; t < n; t++)
    {
      const float *row = checkpoints + (gsize) t * n_params;

      for (gsize k = 0; k < n_params; k++)
        mean[k] += (double) row[k] - last[k];
    }
  for (gsize k = 0; k < n_params; k++)
    mean[k] /= n;

  /* The Gram matrix of the centred rows, n × n: small next to the n_params columns. */
  gram = g_new0 (double, (gsize) n * n);
  block = g_new (double, (gsize) n * PCA_BLOCK);
  for (gsize start = 0; start < n_params; start += PCA_BLOCK)
    {
      gsize cols = MIN (PCA_BLOCK, n_params - start);

      centred_block (checkpoints, n, n_params, start, cols, mean, block);
      cblas_dsyrk (CblasRowMajor, CblasUpper, CblasNoTrans, nn, (int) cols, 1.0, block,
                   (int) cols, 1.0, gram, nn);
    }

  /* Eigenvalues ascending; LAPACK reads the row-major upper triangle as column-major lower,
   * which is the same symmetric matrix. */
  eig = g_new (double, n);
  lwork = 1 + 6 * nn + 2 * nn * nn;
  liwork = 3 + 5 * nn;
  work = g_new (double, lwork);
  iwork = g_new (int, liwork);
  dsyevd_ ("V", "L", &nn, gram, &nn, eig, work, &lwork, iwork, &liwork, &info, 1, 1);
  if (info != 0)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                   _("PCA of the trajectory failed (LAPACK dsyevd info %d)"), info);
      return FALSE;
    }
  for (guint i = 0; i < n; i++)
    total += MAX (eig[i], 0);
  lambda[0] = eig[n - 1];
  lambda[1] = eig[n - 2];
  if (!(lambda[0] > 0) || !(lambda[1] > 1e-12 * lambda[0]))
    {
      g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                   _("the trajectory's checkpoints do not span a plane (they lie on one line), so "
                   "it has no second principal direction"));
      return FALSE;
    }

  /* d_i = Σ_t u_t,i (θ_t − θ_T − mean): eigenvector i is column i of the column-major result. */
  for (gsize start = 0; start < n_params; start += PCA_BLOCK)
    {
      gsize cols = MIN (PCA_BLOCK, n_params - start);

      centred_block (checkpoints, n, n_params, start, cols, mean, block);
      for (int i = 0; i < 2; i++)
        {
          const double *u = gram + (gsize) (n - 1 - i) * n;
          double *out = dir + (gsize) i * n_params + start;

          for (guint t = 0; t < n; t++)
            for (gsize k = 0; k < cols; k++)
              out[k] += u[t] * block[(gsize) t * cols + k];
        }
    }

  /* Orthonormal in double (Gram–Schmidt cleans up what the eigensolver left), then oriented so
   * that θ_0 − θ_T has negative coordinates: the trajectory arrives from the lower left. */
  {
    double *a = dir, *b = dir + n_params;
    double na = sqrt (dot_d (a, a, n_params)), ab, nb;

    for (gsize k = 0; k < n_params; k++)
      a[k] /= na;
    ab = dot_d (a, b, n_params);
    for (gsize k = 0; k < n_params; k++)
      b[k] -= ab * a[k];
    nb = sqrt (dot_d (b, b, n_params));
    for (gsize k = 0; k < n_params; k++)
      b[k] /= nb;
    first[0] = first[1] = 0;
    for (gsize k = 0; k < n_params; k++)
      {
        double x = (double) checkpoints[k] - last[k];

        first[0] += x * a[k];
        first[1] += x * b[k];
      }
    for (gsize k = 0; k < n_params; k++)
      {
        d1[k] = (float) (first[0] > 0 ? -a[k] : a[k]);
        d2[k] = (float) (first[1] > 0 ? -b[k] : b[k]);
      }
  }
  if (explained != NULL)
    {
      explained[0] = total > 0 ? lambda[0] / total : NAN;
      explained[1] = total > 0 ? lambda[1] / total : NAN;
    }
  return TRUE;
}

gboolean
oc_landscape_project (const float *theta, const float *origin, const float *d1, const float *d2,
                      gsize n_params, double *alpha, double *beta)
{
  double g11 = 0, g12 = 0, g22 = 0, r1 = 0, r2 = 0, det;

  g_return_val_if_fail (theta && origin && d1 && d2 && alpha && beta, FALSE);

  for (gsize k = 0; k < n_params; k++)
    {
      double x = (double) theta[k] - origin[k];

      g11 += (double) d1[k] * d1[k];
      g12 += (double) d1[k] * d2[k];
      g22 += (double) d2[k] * d2[k];
      r1 += x * d1[k];
      r2 += x * d2[k];
    }
  det = g11 * g22 - g12 * g12;
  if (!(det > 1e-12 * g11 * g22))
    {
      *alpha = *beta = NAN;
      return FALSE;
    }
  *alpha = (g22 * r1 - g12 * r2) / det;
  *beta = (g11 * r2 - g12 * r1) / det;
  return TRUE;
}

/* ---- Grids ---- */

double *
oc_landscape_axis (double lo, double hi, guint n)
{
  double *v;

  g_return_val_if_fail (n >= 1, NULL);

  v = g_new (double, n);
  for (guint i = 0; i < n; i++)
    {
      double x = n == 1 ? lo : lo + (hi - lo) * i / (n - 1);
      double tol = 1e-9 * fabs (hi - lo);

      if (fabs (x) <= tol)
        x = 0;
      else if (fabs (x - 1) <= tol)
        x = 1;
      v[i] = x;
    }
  return v;
}

static int
cmp_double (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

double *
oc_landscape_line_alphas (double lo, double hi, guint n, guint *n_out)
{
  g_autofree double *axis = NULL;
  GArray *a;
  gboolean has0 = FALSE, has1 = FALSE;

  g_return_val_if_fail (n >= 2 && lo <= 0 && hi >= 1 && n_out != NULL, NULL);

  axis = oc_landscape_axis (lo, hi, n);
  a = g_array_sized_new (FALSE, FALSE, sizeof (double), n + 2);
  for (guint i = 0; i < n; i++)
    {
      has0 |= axis[i] == 0;
      has1 |= axis[i] == 1;
      g_array_append_val (a, axis[i]);
    }
  if (!has0)
    {
      double z = 0;

      g_array_append_val (a, z);
    }
  if (!has1)
    {
      double one = 1;

      g_array_append_val (a, one);
    }
  g_array_sort (a, cmp_double);
  *n_out = a->len;
  return (double *) g_array_free (a, FALSE);
}

GArray *
oc_landscape_checkpoint_iterations (guint64 total, guint k)
{
  GArray *its = g_array_new (FALSE, FALSE, sizeof (guint64));

  g_return_val_if_fail (k >= 1, its);

  for (guint i = 0; i <= k; i++)
    {
      double f = (double) i / k;
      guint64 it = i == k ? total : (guint64) llround ((double) total * f * f);

      if (its->len == 0 || it > g_array_index (its, guint64, its->len - 1))
        g_array_append_val (its, it);
    }
  return its;
}

/* ---- Evaluation ---- */

/* One member of the team: a parameter arena for the point at hand and the activations of one
 * chunk of rows per layer. */
typedef struct
{
  float  *params;  /* [n_params] */
  float **act;     /* [n_layers] of [chunk, sizes[l+1]] */
} Member;

struct _OcLandscapeEval
{
  OcLandscapeEvalMode mode;
  OcMlp              *shape;   /* the architecture: offsets and sizes (its params stay 0) */
  OcLoss              loss;
  guint               G, K;
  OcSplit             split[2];       /* heads of the training and test splits */
  guint               n_basis;
  const float       **basis;          /* [n_basis], borrowed */
  float             **pre[2];         /* decomposed: [n_basis] of [split n, sizes[1]] */
  float              *row[2];         /* decomposed plane: pre₀ + β·pre₂ of the row at hand */
  OcTeam             *team;
  Member             *members;
  guint               n_members;
};

void
oc_landscape_eval_free (OcLandscapeEval *ev)
{
  if (ev == NULL)
    return;
  for (guint m = 0; ev->members != NULL && m < ev->n_members; m++)
    {
      for (guint l = 0; ev->members[m].act != NULL && l < ev->shape->n_layers; l++)
        g_free (ev->members[m].act[l]);
      g_free (ev->members[m].act);
      g_free (ev->members[m].params);
    }
  g_free (ev->members);
  for (int s = 0; s < 2; s++)
    {
      for (guint j = 0; ev->pre[s] != NULL && j < ev->n_basis; j++)
        g_free (ev->pre[s][j]);
      g_free (ev->pre[s]);
      g_free (ev->row[s]);
    }
  g_clear_pointer (&ev->team, oc_team_free);
  g_clear_pointer (&ev->shape, oc_mlp_free);
  g_free (ev->basis);
  g_free (ev);
}

/* Rows per sgemm call on a split of @n examples: oc_evaluate()'s, since sgemm's last bits
 * depend on the rows per call. */
static guint
chunk_rows (guint n)
{
  return MAX (1, MIN (OC_MLP_PREDICT_CHUNK, n));
}

static OcKernelAct
kernel_act (const OcMlp *mlp, guint l)
{
  if (l + 1 == mlp->n_layers)
    return OC_KACT_NONE;
  return mlp->activation == OC_ACT_TANH ? OC_KACT_TANH : OC_KACT_RELU;
}

typedef struct
{
  OcLandscapeEval *ev;
} PreJob;

/* The first layer's product of every basis vector with every chunk of both splits, the tasks
 * dealt round-robin to the team. */
static void
pre_member (guint i, guint n, gpointer data)
{
  OcLandscapeEval *ev = ((PreJob *) data)->ev;
  guint h = ev->shape->sizes[1], dim = ev->shape->sizes[0], task = 0;

  for (int s = 0; s < 2; s++)
    {
      guint chunk = chunk_rows (ev->split[s].n);

      for (guint j = 0; j < ev->n_basis; j++)
        for (guint start = 0; start < ev->split[s].n; start += chunk, task++)
          if (task % n == i)
            /* pre[nb, h] = x[nb, dim] · W₀,jᵀ */
            oc_linear_forward (ev->pre[s][j] + (gsize) start * h,
                               ev->split[s].x + (gsize) start * dim,
                               ev->basis[j] + ev->shape->w_offset[0],
                               (int) MIN (chunk, ev->split[s].n - start), (int) dim, (int) h);
    }
}

OcLandscapeEval *
oc_landscape_eval_new (const OcMlp *shape, OcLoss loss, const OcDataset *data, guint n_examples,
                       const float *const *basis, guint n_basis, OcLandscapeEvalMode mode,
                       guint threads, GError **error)
{
  g_autoptr (OcLandscapeEval) ev = NULL;
  const OcSplit *splits[2];
  guint widest_chunk = 1;

  g_return_val_if_fail (shape != NULL && data != NULL && basis != NULL && n_basis > 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (shape->sizes[0] != data->dim
      || shape->sizes[shape->n_layers] != data->n_classes * data->n_groups)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                   _("The network (%u inputs, %u outputs) does not fit the dataset '%s' (%u "
                   "features, %u outputs)"), shape->sizes[0], shape->sizes[shape->n_layers],
                   data->name, data->dim, data->n_classes * data->n_groups);
      return NULL;
    }
  if (n_examples == 0)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                   _("A landscape needs at least one example to evaluate"));
      return NULL;
    }

  ev = g_new0 (OcLandscapeEval, 1);
  ev->mode = mode;
  ev->shape = oc_mlp_new (shape->sizes, shape->n_layers + 1, shape->activation, error);
  if (ev->shape == NULL)
    return NULL;
  ev->loss = loss;
  ev->G = data->n_groups;
  ev->K = data->n_classes;
  splits[0] = &data->train;
  splits[1] = &data->test;
  for (int s = 0; s < 2; s++)
    {
      ev->split[s] = *splits[s];
      ev->split[s].n = MIN (splits[s]->n, n_examples);
      widest_chunk = MAX (widest_chunk, chunk_rows (ev->split[s].n));
    }
  ev->n_basis = n_basis;
  ev->basis = g_memdup2 (basis, n_basis * sizeof (float *));

  if (mode == OC_LANDSCAPE_EVAL_DECOMPOSED)
    for (int s = 0; s < 2; s++)
      {
        ev->pre[s] = g_new0 (float *, n_basis);
        for (guint j = 0; j < n_basis; j++)
          {
            ev->pre[s][j] = oc_try_alloc0_n ((gsize) MAX (ev->split[s].n, 1) * shape->sizes[1],
                                             sizeof (float),
                                             "the first layer's products per direction", error);
            if (ev->pre[s][j] == NULL)
              return NULL;
          }
        /* A plane's rows share β: its term is added once per row (oc_landscape_eval_plane). */
        if (n_basis == 3)
          {
            ev->row[s] = oc_try_alloc0_n ((gsize) MAX (ev->split[s].n, 1) * shape->sizes[1],
                                          sizeof (float), "the first layer's row products",
                                          error);
            if (ev->row[s] == NULL)
              return NULL;
          }
      }

  ev->n_members = threads > 0 ? threads : g_get_num_processors ();
  ev->members = g_new0 (Member, ev->n_members);
  for (guint m = 0; m < ev->n_members; m++)
    {
      Member *mb = &ev->members[m];

      mb->params = oc_try_alloc0_n (shape->n_params, sizeof (float), "a landscape point's "
                                    "parameters", error);
      if (mb->params == NULL)
        return NULL;
      mb->act = g_new0 (float *, shape->n_layers);
      for (guint l = 0; l < shape->n_layers; l++)
        {
          mb->act[l] = oc_try_alloc0_n ((gsize) widest_chunk * shape->sizes[l + 1],
                                        sizeof (float), "landscape activations", error);
          if (mb->act[l] == NULL)
            return NULL;
        }
    }
  ev->team = oc_team_new (ev->n_members);
  /* Every product runs on one BLAS thread: the team is the parallelism. */
  oc_blas_set_threads (1);
  if (mode == OC_LANDSCAPE_EVAL_DECOMPOSED)
    {
      PreJob job = { ev };

      oc_team_run (ev->team, pre_member, &job);
    }
  return g_steal_pointer (&ev);
}

guint
oc_landscape_eval_get_n_train (const OcLandscapeEval *ev)
{
  return ev->split[0].n;
}

guint
oc_landscape_eval_get_n_test (const OcLandscapeEval *ev)
{
  return ev->split[1].n;
}

guint
oc_landscape_eval_get_threads (const OcLandscapeEval *ev)
{
  return ev->n_members;
}

double
oc_landscape_eval_forward_flops (const OcLandscapeEval *ev)
{
  double per_row = 0;

  for (guint l = 0; l < ev->shape->n_layers; l++)
    per_row += 2.0 * oc_mlp_weight_count (ev->shape, l);
  return per_row * (ev->split[0].n + ev->split[1].n);
}

double
oc_landscape_eval_point_flops (const OcLandscapeEval *ev)
{
  double full = oc_landscape_eval_forward_flops (ev);

  if (ev->mode == OC_LANDSCAPE_EVAL_DIRECT)
    return full;
  /* The first layer's product becomes a weighted sum of precomputed ones: n_basis of them, or
   * two for a plane, whose rows add their β term once. */
  return full - (2.0 * oc_mlp_weight_count (ev->shape, 0)
                 - 2.0 * (ev->row[0] != NULL ? 2 : ev->n_basis) * ev->shape->sizes[1])
                  * (ev->split[0].n + ev->split[1].n);
}

/* dst[0, n) = Σ_j c_j·src_j[0, n) over the non-zero coefficients in basis order, the first
 * term a plain product: a single coefficient of 1 copies its vector bit for bit (signed zeros
 * included). */
static void
combine (float *restrict dst, const float *const *src, const float *c, guint n_basis, gsize n)
{
  gboolean first = TRUE;

  for (guint j = 0; j < n_basis; j++)
    {
      const float *restrict s = src[j];
      float cj = c[j];

      if (cj == 0)
        continue;
      if (first)
        for (gsize k = 0; k < n; k++)
          dst[k] = cj * s[k];
      else
        for (gsize k = 0; k < n; k++)
          dst[k] += cj * s[k];
      first = FALSE;
    }
  if (first)
    memset (dst, 0, n * sizeof (float));
}

/* dst[nb, h] = act(Σ_j c_j·src_j + b), with the sum formed exactly as combine() forms it and the
 * bias and activation as oc_bias_act_forward() applies them: the fused pass gives their bits. */
static void
first_layer (float *restrict dst, const float *const *src, const float *c, guint n_src,
             const float *restrict b, int nb, int h, OcKernelAct act)
{
  /* Unused terms point at the first so that the row pointers below stay defined. */
  const float *s[3] = { src[0], src[0], src[0] };
  float k[3] = { 0, 0, 0 };
  guint n = 0;

  for (guint j = 0; j < n_src; j++)
    if (c[j] != 0)
      {
        if (n == 3)
          {
            /* More terms than the fused loops take: the two passes they stand for. */
            combine (dst, src, c, n_src, (gsize) nb * h);
            oc_bias_act_forward (dst, b, nb, h, act);
            return;
          }
        s[n] = src[j];
        k[n++] = c[j];
      }
  for (int r = 0; r < nb; r++)
    {
      gsize o = (gsize) r * h;
      float *restrict y = dst + o;
      const float *restrict s0 = s[0] + o, *restrict s1 = s[1] + o, *restrict s2 = s[2] + o;

      /* One row at a time, while it is in L1: the weighted sum, then bias and activation. */
      switch (n)
        {
        case 0:
          memset (y, 0, (gsize) h * sizeof (float));
          break;
        case 1:
          for (int j = 0; j < h; j++)
            y[j] = k[0] * s0[j];
          break;
        case 2:
          for (int j = 0; j < h; j++)
            y[j] = k[0] * s0[j] + k[1] * s1[j];
          break;
        default:
          for (int j = 0; j < h; j++)
            y[j] = k[0] * s0[j] + k[1] * s1[j] + k[2] * s2[j];
          break;
        }
      oc_bias_act_forward (y, b, 1, h, act);
    }
}

/* Where a point's first layer comes from: @n terms per split with their coefficients. */
typedef struct
{
  const float *const *src[2];
  const float        *c;
  guint               n;
} Layer0;

static void
eval_point (OcLandscapeEval *ev, Member *mb, const double *coefs, const Layer0 *l0,
            OcLandscapeValue *out)
{
  const OcMlp *shape = ev->shape;
  guint L = shape->n_layers, h = shape->sizes[1], dim = shape->sizes[0];
  gsize from = ev->mode == OC_LANDSCAPE_EVAL_DECOMPOSED ? shape->b_offset[0] : 0;
  const float *src[8];
  float c[8];
  g_autofree const float **srcv = NULL;
  g_autofree float *cv = NULL;
  const float **bases = src;
  float *cs = c;

  if (ev->n_basis > G_N_ELEMENTS (src))
    {
      bases = srcv = g_new (const float *, ev->n_basis);
      cs = cv = g_new (float, ev->n_basis);
    }
  for (guint j = 0; j < ev->n_basis; j++)
    {
      cs[j] = (float) coefs[j];
      bases[j] = ev->basis[j] + from;
    }
  /* The point's parameters: all of them, or (decomposed) all but the first layer's weights. */
  combine (mb->params + from, bases, cs, ev->n_basis, shape->n_params - from);

  for (int s = 0; s < 2; s++)
    {
      const OcSplit *split = &ev->split[s];
      guint chunk = chunk_rows (split->n);
      double loss_sum = 0;
      long wrong = 0;

      for (guint start = 0; start < split->n; start += chunk)
        {
          int nb = (int) MIN (chunk, split->n - start);
          int n_wrong = 0;

          if (ev->mode == OC_LANDSCAPE_EVAL_DECOMPOSED)
            {
              const Layer0 own = { { (const float *const *) ev->pre[0],
                                     (const float *const *) ev->pre[1] }, cs, ev->n_basis };
              const Layer0 *from0 = l0 != NULL ? l0 : &own;

              for (guint j = 0; j < from0->n; j++)
                bases[j] = from0->src[s][j] + (gsize) start * h;
              first_layer (mb->act[0], bases, from0->c, from0->n,
                           mb->params + shape->b_offset[0], nb, (int) h, kernel_act (shape, 0));
            }
          else
            {
              oc_linear_forward (mb->act[0], split->x + (gsize) start * dim,
                                 mb->params + shape->w_offset[0], nb, (int) dim, (int) h);
              oc_bias_act_forward (mb->act[0], mb->params + shape->b_offset[0], nb, (int) h,
                                   kernel_act (shape, 0));
            }
          for (guint l = 1; l < L; l++)
            {
              int ni = (int) shape->sizes[l], no = (int) shape->sizes[l + 1];

              /* act[l][nb, no] = act(act[l−1] · W_lᵀ + b_l) */
              oc_linear_forward (mb->act[l], mb->act[l - 1], mb->params + shape->w_offset[l], nb,
                                 ni, no);
              oc_bias_act_forward (mb->act[l], mb->params + shape->b_offset[l], nb, no,
                                   kernel_act (shape, l));
            }
          loss_sum += oc_loss_sum (ev->loss, mb->act[L - 1], split->y + (gsize) start * ev->G,
                                   nb, (int) ev->G, (int) ev->K, &n_wrong);
          wrong += n_wrong;
        }
      if (s == 0)
        {
          out->train_loss = split->n > 0 ? loss_sum / split->n : NAN;
          out->train_error = split->n > 0 ? (double) wrong / split->n : NAN;
        }
      else
        {
          out->test_loss = split->n > 0 ? loss_sum / split->n : NAN;
          out->test_error = split->n > 0 ? (double) wrong / split->n : NAN;
        }
    }
}

typedef struct
{
  OcLandscapeEval  *ev;
  const double     *coefs;
  guint             n_points;
  OcLandscapeValue *out;
  gboolean          row;      /* a plane's row: the first layer from ev->row and pre₁ */
} PointsJob;

/* Member i takes points i, i + n, …: neighbouring points cost the same. */
static void
points_member (guint i, guint n, gpointer data)
{
  PointsJob *j = data;
  OcLandscapeEval *ev = j->ev;

  for (guint p = i; p < j->n_points; p += n)
    {
      const double *c = j->coefs + (gsize) p * ev->n_basis;
      const float *train[2] = { ev->row[0], ev->pre[0] != NULL ? ev->pre[0][1] : NULL };
      const float *test[2] = { ev->row[1], ev->pre[1] != NULL ? ev->pre[1][1] : NULL };
      /* The row's (1, β) part is in ev->row: what is left is 1·row + α·pre₁. */
      const float k[2] = { 1, (float) c[1] };
      const Layer0 row = { { train, test }, k, 2 };

      eval_point (ev, &ev->members[i], c, j->row ? &row : NULL, &j->out[p]);
    }
}

static void
run_points (OcLandscapeEval *ev, const double *coefs, guint n_points, OcLandscapeValue *out,
            gboolean row)
{
  PointsJob job = { ev, coefs, n_points, out, row };

  if (n_points == 0)
    return;
  /* Another user of OpenBLAS may have changed its threads since the evaluator was made. */
  oc_blas_set_threads (1);
  oc_team_run (ev->team, points_member, &job);
}

void
oc_landscape_eval_points (OcLandscapeEval *ev, const double *coefs, guint n_points,
                          OcLandscapeValue *out)
{
  g_return_if_fail (ev != NULL && (n_points == 0 || (coefs != NULL && out != NULL)));

  run_points (ev, coefs, n_points, out, FALSE);
}

typedef struct
{
  OcLandscapeEval *ev;
  float            beta;
} RowJob;

/* row = 1·pre₀ + β·pre₂ over both splits, in slices of rows per member. */
static void
row_member (guint i, guint n, gpointer data)
{
  RowJob *j = data;
  OcLandscapeEval *ev = j->ev;
  guint h = ev->shape->sizes[1];

  for (int s = 0; s < 2; s++)
    {
      const float *src[2];
      const float c[2] = { 1, j->beta };
      gsize start, end;

      oc_team_share (ev->split[s].n, n, i, 1, &start, &end);
      src[0] = ev->pre[s][0] + start * h;
      src[1] = ev->pre[s][2] + start * h;
      combine (ev->row[s] + start * h, src, c, 2, (end - start) * h);
    }
}

gboolean
oc_landscape_eval_line (OcLandscapeEval *ev, const double *alpha, guint n,
                        OcLandscapeValue *out, OcLandscapeProgress progress, gpointer user_data,
                        GCancellable *cancellable, GError **error)
{
  /* A few points per member per block: progress stays lively, team meetings stay rare. */
  guint block = 4 * ev->n_members, n_blocks = (n + block - 1) / block;
  g_autofree double *coefs = NULL;

  g_return_val_if_fail (ev != NULL && ev->n_basis == 2, FALSE);
  g_return_val_if_fail (n == 0 || (alpha != NULL && out != NULL), FALSE);

  coefs = g_new (double, 2 * (gsize) MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      coefs[2 * i] = 1 - alpha[i];
      coefs[2 * i + 1] = alpha[i];
    }
  for (guint b = 0; b < n_blocks; b++)
    {
      guint start = b * block;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      oc_landscape_eval_points (ev, coefs + 2 * (gsize) start, MIN (block, n - start),
                                out + start);
      if (progress != NULL)
        progress (b + 1, n_blocks, user_data);
    }
  return TRUE;
}

gboolean
oc_landscape_eval_plane (OcLandscapeEval *ev, const double *alpha, guint nx, const double *beta,
                         guint ny, OcLandscapeValue *out, OcLandscapeProgress progress,
                         gpointer user_data, GCancellable *cancellable, GError **error)
{
  g_autofree double *coefs = NULL;

  g_return_val_if_fail (ev != NULL && ev->n_basis == 3, FALSE);
  g_return_val_if_fail (nx == 0 || ny == 0 || (alpha && beta && out), FALSE);

  coefs = g_new (double, 3 * (gsize) MAX (nx, 1));
  for (guint j = 0; j < ny; j++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      for (guint i = 0; i < nx; i++)
        {
          coefs[3 * i] = 1;
          coefs[3 * i + 1] = alpha[i];
          coefs[3 * i + 2] = beta[j];
        }
      if (ev->mode == OC_LANDSCAPE_EVAL_DECOMPOSED)
        {
          /* β is the row's: its share of the first layer is added once, not per point. */
          RowJob job = { ev, (float) beta[j] };

          oc_team_run (ev->team, row_member, &job);
        }
      run_points (ev, coefs, nx, out + (gsize) j * nx, ev->mode == OC_LANDSCAPE_EVAL_DECOMPOSED);
      if (progress != NULL)
        progress (j + 1, ny, user_data);
    }
  return TRUE;
}
