/* oc-lstsq.c — minimum-norm and ridge least squares through the smaller Gram matrix.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything here is double precision: at the interpolation threshold (p = n) the Gram matrix is
 * as ill-conditioned as it gets, and that is exactly where the curves must be right. There the
 * Gram matrix's Cholesky factorisation gives up (κ(A)² beyond what double holds) and the problem
 * is solved from a QR factorisation of A itself; only a numerically singular A falls back to the
 * eigen-decomposition pseudo-inverse of the Gram matrix.
 */
#include <cblas.h>
#include <float.h>
#include <math.h>
#include <string.h>

#include "occam/oc-error.h"
#include "occam/oc-rff.h"
#include "occam/oc-rng.h"
#include "oc-lapack.h"
#include "oc-lstsq-private.h"
#include "oc-config.h"
#include <glib/gi18n-lib.h>

/* 1-norm of the symmetric matrix whose upper triangle (row-major) is in @m, read row by row (a
 * column walk of a 4000 × 4000 matrix costs a cache miss per element). */
static double
sym_one_norm (const double *m, int n)
{
  g_autofree double *col = g_new0 (double, n);
  double best = 0;

  for (int i = 0; i < n; i++)
    {
      const double *row = m + (gsize) i * n;

      col[i] += fabs (row[i]);
      for (int j = i + 1; j < n; j++)
        {
          double a = fabs (row[j]);

          col[i] += a;
          col[j] += a;
        }
    }
  for (int j = 0; j < n; j++)
    best = MAX (best, col[j]);
  return best;
}

/* A LAPACK factorisation (@how) failed with @info: the data, not the user, is to blame. */
static gboolean
solve_failed (const char *how, int info, GError **error)
{
  g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
               _("The least-squares problem could not be solved (%s failed, info %d); check the "
               "features for NaN or infinite values"), how, info);
  return FALSE;
}

/* Pseudo-inverse solve with an eigen-decomposition: @m (upper triangle, row-major, n×n) is
 * destroyed; @b is [n, k] column-major and is overwritten by the solution. */
static gboolean
solve_pinv (double *m, int n, double *b, int k, double *cond_out, GError **error)
{
  g_autofree double *w = NULL, *work = NULL, *t = NULL;
  g_autofree int *iwork = NULL;
  double wq, wmax = 0, wmin = INFINITY, tol;
  int lwork = -1, liwork = -1, iwq, info = 0;

  w = oc_try_alloc0_n (n, sizeof (double), "eigenvalues", error);
  if (w == NULL)
    return FALSE;
  t = oc_try_alloc0_n ((gsize) n * k, sizeof (double), "a least-squares workspace", error);
  if (t == NULL)
    return FALSE;
  /* Row-major upper is column-major lower. */
  dsyevd_ ("V", "L", &n, m, &n, w, &wq, &lwork, &iwq, &liwork, &info, 1, 1);
  lwork = (int) wq;
  liwork = iwq;
  work = oc_try_alloc0_n (lwork, sizeof (double), "an eigen-decomposition workspace", error);
  if (work == NULL)
    return FALSE;
  iwork = g_new (int, liwork);
  dsyevd_ ("V", "L", &n, m, &n, w, work, &lwork, iwork, &liwork, &info, 1, 1);
  if (info != 0)
    return solve_failed ("eigen-decomposition", info, error);
  for (int j = 0; j < n; j++)
    wmax = MAX (wmax, w[j]);
  /* The usual pseudo-inverse cut-off, relative to the largest eigenvalue. */
  tol = wmax * n * DBL_EPSILON;
  /* t = Vᵀ b, scaled by 1/w on kept directions, then b = V t. */
  cblas_dgemm (CblasColMajor, CblasTrans, CblasNoTrans, n, k, n, 1, m, n, b, n, 0, t, n);
  for (int j = 0; j < n; j++)
    {
      double s = w[j] > tol ? 1.0 / w[j] : 0.0;

      if (w[j] > tol)
        wmin = MIN (wmin, w[j]);
      for (int c = 0; c < k; c++)
        t[j + (gsize) c * n] *= s;
    }
  cblas_dgemm (CblasColMajor, CblasNoTrans, CblasNoTrans, n, k, n, 1, m, n, t, n, 0, b, n);
  if (cond_out != NULL)
    *cond_out = wmin > 0 && isfinite (wmin) ? wmax / wmin : INFINITY;
  return TRUE;
}

static gboolean
check_ridge (double ridge, GError **error)
{
  if (ridge >= 0 && isfinite (ridge))
    return TRUE;
  g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT, _("ridge must be ≥ 0 (got %g)"), ridge);
  return FALSE;
}

/* The least-squares problem itself, min ‖A·coef − Y‖: A [n, p], Y [n, k], coef [p, k], row-major. */
typedef struct
{
  const double *A;
  int           n, p;
  const double *Y;
  int           k;
  double       *coef;
} Problem;

/* Minimum-norm least squares from a QR factorisation of A itself (of Aᵀ when A is wide) rather
 * than of its Gram matrix: the error grows with κ(A), not κ(A)², so the problems whose Gram
 * matrix is numerically singular for Cholesky are still solved exactly, at the cost of one
 * Householder QR (BLAS 3, cheaper than an eigen-decomposition). Sets *@solved to FALSE, writing
 * nothing, when R itself is numerically singular (A has dependent columns or rows). */
static gboolean
solve_qr (const Problem *pb, double gram_norm, double *cond_out, gboolean *solved,
          GError **error)
{
  int n = pb->n, p = pb->p, k = pb->k, r = MIN (n, p), m = MAX (n, p), info = 0, lwork = -1;
  g_autofree double *t = NULL, *b = NULL, *tau = NULL, *work = NULL;
  g_autofree int *iwork = NULL;
  double q1 = 0, q2 = 0, rcond = 0;

  *solved = FALSE;
  /* T [m, r] column-major: A when it is tall, Aᵀ (A's row-major layout as is) when it is wide. */
  t = oc_try_alloc ((gsize) m * r * sizeof (double), "a QR factorisation", error);
  if (t == NULL)
    return FALSE;
  b = oc_try_alloc0_n ((gsize) m * k, sizeof (double), "a least-squares right-hand side", error);
  if (b == NULL)
    return FALSE;
  if (p > n)
    memcpy (t, pb->A, (gsize) n * p * sizeof (double));
  else
    for (int i = 0; i < n; i++)
      for (int j = 0; j < p; j++)
        t[i + (gsize) j * n] = pb->A[(gsize) i * p + j];
  tau = g_new (double, r);
  dgeqrf_ (&m, &r, t, &m, tau, &q1, &lwork, &info);
  dormqr_ ("L", "T", &m, &k, &r, t, &m, tau, b, &m, &q2, &lwork, &info, 1, 1);
  lwork = (int) MAX (MAX (q1, q2), 3.0 * r);
  work = oc_try_alloc0_n (lwork, sizeof (double), "a QR workspace", error);
  if (work == NULL)
    return FALSE;
  dgeqrf_ (&m, &r, t, &m, tau, work, &lwork, &info);
  iwork = g_new (int, r);
  if (info == 0)
    dtrcon_ ("1", "U", "N", &r, t, &m, &rcond, work, iwork, &info, 1, 1, 1);
  /* The same cut-off as the Cholesky path's, on κ(A) instead of κ(AᵀA). */
  if (info != 0 || !(rcond >= r * DBL_EPSILON))
    return TRUE;
  for (int i = 0; i < n; i++)
    for (int c = 0; c < k; c++)
      b[i + (gsize) c * m] = pb->Y[(gsize) i * k + c];
  if (p <= n)
    {
      /* A = QR: coef = R⁻¹ (QᵀY)[:p]. */
      dormqr_ ("L", "T", &m, &k, &r, t, &m, tau, b, &m, work, &lwork, &info, 1, 1);
      if (info == 0)
        dtrtrs_ ("U", "N", "N", &r, &k, t, &m, b, &m, &info, 1, 1, 1);
    }
  else
    {
      /* Aᵀ = QR, A = RᵀQᵀ: the solution in A's row space is coef = Q [R⁻ᵀY; 0]. */
      dtrtrs_ ("U", "T", "N", &r, &k, t, &m, b, &m, &info, 1, 1, 1);
      if (info == 0)
        dormqr_ ("L", "N", &m, &k, &r, t, &m, tau, b, &m, work, &lwork, &info, 1, 1);
    }
  if (info != 0)
    return solve_failed ("QR", info, error);
  for (int j = 0; j < p; j++)
    for (int c = 0; c < k; c++)
      pb->coef[(gsize) j * k + c] = b[j + (gsize) c * m];
  /* R is also the Cholesky factor of the Gram matrix (TᵀT = RᵀR): its condition is estimated
   * as the Cholesky path estimates it, so κ(A) = √κ(Gram) means the same on either path. */
  if (cond_out != NULL)
    {
      dpocon_ ("U", &r, t, &m, &gram_norm, &rcond, work, iwork, &info, 1);
      *cond_out = info == 0 && rcond > 0 ? 1.0 / rcond : INFINITY;
    }
  *solved = TRUE;
  return TRUE;
}

/* Solves the symmetric positive (semi-)definite system m·x = b. @m is n×n with its upper triangle
 * filled (row-major) and is destroyed; @b is [n, k] row-major and is overwritten by x. When the
 * Cholesky factorisation finds @m numerically singular and @direct is given, the least-squares
 * problem @m came from is solved by QR instead (solve_qr: *@direct_out is set, the solution is in
 * direct->coef and @b is left as it was); when @defer is set instead, nothing is solved and
 * *@defer tells the caller to solve it from A itself; the pseudo-inverse of @m is the last
 * resort. */
static gboolean
solve_spd (double *m, int n, double *b, int k, const Problem *direct, gboolean *defer,
           double *cond_out, gboolean *pinv_out, gboolean *direct_out, GError **error)
{
  g_autofree double *copy = NULL, *bc = NULL, *work = NULL;
  g_autofree int *iwork = NULL;
  double anorm = sym_one_norm (m, n), rcond = 0;
  int info = 0;
  gboolean pinv = FALSE;

  *direct_out = FALSE;
  copy = oc_try_alloc ((gsize) n * n * sizeof (double), "a Gram matrix copy", error);
  if (copy == NULL)
    return FALSE;
  bc = oc_try_alloc ((gsize) n * k * sizeof (double), "a least-squares right-hand side", error);
  if (bc == NULL)
    return FALSE;
  memcpy (copy, m, (gsize) n * n * sizeof (double));
  for (int i = 0; i < n; i++)
    for (int c = 0; c < k; c++)
      bc[i + (gsize) c * n] = b[(gsize) i * k + c];

  dpotrf_ ("L", &n, m, &n, &info, 1);
  if (info == 0)
    {
      work = g_new (double, 3 * (gsize) n);
      iwork = g_new (int, n);
      dpocon_ ("L", &n, m, &n, &anorm, &rcond, work, iwork, &info, 1);
    }
  /* Numerically singular (or not positive definite at all): drop the null space instead of
   * amplifying rounding noise by 1/rcond. */
  if (info != 0 || rcond < n * DBL_EPSILON)
    pinv = TRUE;
  if (pinv && defer != NULL)
    {
      *defer = TRUE;
      return TRUE;
    }
  if (pinv && direct != NULL)
    {
      if (!solve_qr (direct, anorm, cond_out, direct_out, error))
        return FALSE;
      if (*direct_out)
        {
          if (pinv_out != NULL)
            *pinv_out = FALSE;
          return TRUE;
        }
    }
  if (!pinv)
    {
      dpotrs_ ("L", &n, &k, m, &n, bc, &n, &info, 1);
      if (cond_out != NULL)
        *cond_out = 1.0 / rcond;
    }
  else if (!solve_pinv (copy, n, bc, k, cond_out, error))
    return FALSE;
  for (int i = 0; i < n; i++)
    for (int c = 0; c < k; c++)
      b[(gsize) i * k + c] = bc[i + (gsize) c * n];
  if (pinv_out != NULL)
    *pinv_out = pinv;
  return TRUE;
}

gboolean
oc_min_norm_lstsq (const double *A, int n, int p, const double *Y, int k, double ridge,
                   double *coef, double *cond_out, gboolean *pinv_out, GError **error)
{
  int m = MIN (n, p);
  g_autofree double *gram = NULL, *rhs = NULL;
  double cond_gram = NAN;
  Problem direct = { A, n, p, Y, k, coef };
  gboolean solved = FALSE;

  g_return_val_if_fail (A != NULL && Y != NULL && coef != NULL, FALSE);
  g_return_val_if_fail (n > 0 && p > 0 && k > 0, FALSE);

  if (!check_ridge (ridge, error))
    return FALSE;
  gram = oc_try_alloc ((gsize) m * m * sizeof (double), "a Gram matrix", error);
  if (gram == NULL)
    return FALSE;
  if (p <= n)
    {
      /* Primal: (AᵀA + λI) coef = AᵀY. The direct QR solve is of the unregularised problem. */
      cblas_dsyrk (CblasRowMajor, CblasUpper, CblasTrans, p, n, 1, A, p, 0, gram, p);
      cblas_dgemm (CblasRowMajor, CblasTrans, CblasNoTrans, p, k, n, 1, A, p, Y, k, 0, coef, k);
      for (int i = 0; i < p; i++)
        gram[(gsize) i * p + i] += ridge;
      if (!solve_spd (gram, p, coef, k, ridge == 0 ? &direct : NULL, NULL, &cond_gram, pinv_out,
                      &solved, error))
        return FALSE;
    }
  else
    {
      /* Dual: coef = Aᵀ (AAᵀ + λI)⁻¹ Y, the minimum-norm solution among all interpolants. */
      rhs = oc_try_alloc ((gsize) n * k * sizeof (double), "dual coefficients", error);
      if (rhs == NULL)
        return FALSE;
      memcpy (rhs, Y, (gsize) n * k * sizeof (double));
      cblas_dsyrk (CblasRowMajor, CblasUpper, CblasNoTrans, n, p, 1, A, p, 0, gram, n);
      for (int i = 0; i < n; i++)
        gram[(gsize) i * n + i] += ridge;
      if (!solve_spd (gram, n, rhs, k, ridge == 0 ? &direct : NULL, NULL, &cond_gram, pinv_out,
                      &solved, error))
        return FALSE;
      if (!solved)
        cblas_dgemm (CblasRowMajor, CblasTrans, CblasNoTrans, p, k, n, 1, A, p, rhs, k, 0, coef,
                     k);
    }
  /* κ(A) = √κ(AᵀA) for the unregularised Gram matrix. */
  if (cond_out != NULL)
    *cond_out = sqrt (cond_gram);
  return TRUE;
}

gboolean
oc_lstsq_dual_gram (double *gram, int n, double *y, int k, double ridge, double *cond_out,
                    gboolean *pinv_out, gboolean *singular, GError **error)
{
  double cond_gram = NAN;
  gboolean direct = FALSE;

  g_return_val_if_fail (gram != NULL && y != NULL && singular != NULL, FALSE);
  g_return_val_if_fail (n > 0 && k > 0, FALSE);

  *singular = FALSE;
  if (!check_ridge (ridge, error))
    return FALSE;
  for (int i = 0; i < n; i++)
    gram[(gsize) i * n + i] += ridge;
  if (!solve_spd (gram, n, y, k, NULL, ridge == 0 ? singular : NULL, &cond_gram, pinv_out,
                  &direct, error))
    return FALSE;
  if (cond_out != NULL && !*singular)
    *cond_out = sqrt (cond_gram);
  return TRUE;
}

double
oc_hastie_risk (double gamma, double r2, double sigma2)
{
  if (gamma < 1)
    return sigma2 * gamma / (1 - gamma);
  if (gamma > 1)
    return r2 * (1 - 1 / gamma) + sigma2 / (gamma - 1);
  return INFINITY;
}

double
oc_linear_min_norm_risk (guint n, guint p, double r, double sigma, guint64 seed, GError **error)
{
  g_autofree double *x = NULL, *y = NULL, *beta = NULL, *coef = NULL;
  double norm = 0, risk = 0;
  OcRng rng;

  g_return_val_if_fail (n > 0 && p > 0, NAN);

  x = oc_try_alloc ((gsize) n * p * sizeof (double), "the design matrix", error);
  if (x == NULL)
    return NAN;
  y = g_new (double, n);
  beta = g_new (double, p);
  coef = g_new (double, p);
  oc_rng_init (&rng, seed, OC_STREAM_FEATURES);
  for (guint j = 0; j < p; j++)
    {
      beta[j] = oc_rng_normal (&rng);
      norm += beta[j] * beta[j];
    }
  for (guint j = 0; j < p; j++)
    beta[j] *= r / sqrt (norm);
  for (gsize i = 0; i < (gsize) n * p; i++)
    x[i] = oc_rng_normal (&rng);
  for (guint i = 0; i < n; i++)
    {
      double s = 0;

      for (guint j = 0; j < p; j++)
        s += x[(gsize) i * p + j] * beta[j];
      y[i] = s + sigma * oc_rng_normal (&rng);
    }
  if (!oc_min_norm_lstsq (x, (int) n, (int) p, y, 1, 0.0, coef, NULL, NULL, error))
    return NAN;
  for (guint j = 0; j < p; j++)
    risk += (coef[j] - beta[j]) * (coef[j] - beta[j]);
  return risk;
}
