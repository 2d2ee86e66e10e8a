/* test-rff.c — minimum-norm least squares against exact small problems, the random-features peak
 * at N = n, and the isotropic linear model against its closed form.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <cblas.h>
#include <math.h>
#include <string.h>

#include "occam/oc-error.h"
#include "occam/oc-rff.h"
#include "occam/oc-rng.h"
#include "oc-dataset-private.h"
#include "oc-lstsq-private.h"

static void
test_lstsq_exact (void)
{
  /* Square and invertible: the unique solution. */
  const double a1[] = { 2, 1, 1, 3 }, y1[] = { 5, 10 };
  /* Underdetermined: [1 1]·c = 2 → the minimum-norm c = (1, 1). */
  const double a2[] = { 1, 1 }, y2[] = { 2 };
  /* Underdetermined with two targets: the third coordinate stays 0. */
  const double a3[] = { 1, 0, 0, 0, 1, 0 }, y3[] = { 3, -1, 4, 2 };
  /* Overdetermined: least squares of y = 1 + 2x on x = 0, 1, 2, 3 (exact). */
  const double a4[] = { 1, 0, 1, 1, 1, 2, 1, 3 }, y4[] = { 1, 3, 5, 7 };
  double c[6];
  gboolean pinv;

  g_assert_true (oc_min_norm_lstsq (a1, 2, 2, y1, 1, 0, c, NULL, &pinv, NULL));
  g_assert_cmpfloat_with_epsilon (c[0], 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (c[1], 3.0, 1e-12);
  g_assert_false (pinv);
  g_assert_true (oc_min_norm_lstsq (a2, 1, 2, y2, 1, 0, c, NULL, NULL, NULL));
  g_assert_cmpfloat_with_epsilon (c[0], 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (c[1], 1.0, 1e-12);
  g_assert_true (oc_min_norm_lstsq (a3, 2, 3, y3, 2, 0, c, NULL, NULL, NULL));
  g_assert_cmpfloat_with_epsilon (c[0], 3.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (c[1], -1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (c[2], 4.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (c[3], 2.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (c[4], 0.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (c[5], 0.0, 1e-12);
  g_assert_true (oc_min_norm_lstsq (a4, 4, 2, y4, 1, 0, c, NULL, NULL, NULL));
  g_assert_cmpfloat_with_epsilon (c[0], 1.0, 1e-10);
  g_assert_cmpfloat_with_epsilon (c[1], 2.0, 1e-10);
}

static void
test_lstsq_rank_deficient (void)
{
  /* Two identical columns: every (a, b) with a + b = 1 fits; the minimum norm is (½, ½). */
  const double a[] = { 1, 1, 2, 2, 3, 3 }, y[] = { 1, 2, 3 };
  double c[2], cond;
  gboolean pinv = FALSE;

  g_assert_true (oc_min_norm_lstsq (a, 3, 2, y, 1, 0, c, &cond, &pinv, NULL));
  g_assert_true (pinv);
  g_assert_cmpfloat_with_epsilon (c[0], 0.5, 1e-10);
  g_assert_cmpfloat_with_epsilon (c[1], 0.5, 1e-10);
}

static void
test_lstsq_ridge (void)
{
  /* One column x: c = xᵀy / (xᵀx + λ). */
  const double x[] = { 1, 2, 3 }, y[] = { 2, 3, 7 };
  double c;
  g_autoptr (GError) error = NULL;

  g_assert_true (oc_min_norm_lstsq (x, 3, 1, y, 1, 2.0, &c, NULL, NULL, NULL));
  g_assert_cmpfloat_with_epsilon (c, 29.0 / 16.0, 1e-12);
  g_assert_false (oc_min_norm_lstsq (x, 3, 1, y, 1, -1.0, &c, NULL, NULL, &error));
  g_assert_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT);
}

/* Against an explicit pseudo-inverse for N > n: the solution interpolates and lies in the row
 * space of A (c = Aᵀz), which together characterise the minimum-norm solution. */
static void
test_lstsq_matches_pinv (void)
{
  enum { N = 6, P = 15 };
  double a[N * P], y[N], c[P], resid = 0;
  double z[N] = { 0 };
  OcRng rng;

  oc_rng_init (&rng, 4, OC_STREAM_USER);
  for (int i = 0; i < N * P; i++)
    a[i] = oc_rng_normal (&rng);
  for (int i = 0; i < N; i++)
    y[i] = oc_rng_normal (&rng);
  g_assert_true (oc_min_norm_lstsq (a, N, P, y, 1, 0, c, NULL, NULL, NULL));
  for (int i = 0; i < N; i++)
    {
      double s = 0;

      for (int j = 0; j < P; j++)
        s += a[i * P + j] * c[j];
      resid = MAX (resid, fabs (s - y[i]));
    }
  g_assert_cmpfloat (resid, <, 1e-10);
  /* Solve the first N columns of Aᵀz = c for z (square, generic), then check all P rows. */
  {
    double m[N * N], zc[N];

    for (int i = 0; i < N; i++)
      for (int j = 0; j < N; j++)
        m[i * N + j] = a[j * P + i];
    g_assert_true (oc_min_norm_lstsq (m, N, N, c, 1, 0, zc, NULL, NULL, NULL));
    for (int i = 0; i < N; i++)
      z[i] = zc[i];
    for (int j = 0; j < P; j++)
      {
        double s = 0;

        for (int i = 0; i < N; i++)
          s += a[i * P + j] * z[i];
        g_assert_cmpfloat (fabs (s - c[j]), <, 1e-8);
      }
  }
}

/* Two noisy Gaussian classes in 20 dimensions, n = 120 training points with 20 % flipped labels. */
static OcDataset *
make_problem (void)
{
  OcDataset *ds = g_new0 (OcDataset, 1);
  OcSplit *splits[] = { &ds->train, &ds->test };
  const guint sizes[] = { 120, 1000 }, dim = 20;
  OcRng rng;

  ds->name = g_strdup ("gauss");
  ds->source = g_strdup ("generated");
  ds->dim = dim;
  ds->n_classes = 2;
  ds->n_groups = 1;
  ds->class_names = oc_class_names_numbered (2);
  oc_rng_init (&rng, 12, OC_STREAM_USER);
  for (guint s = 0; s < 2; s++)
    {
      g_assert_true (oc_split_alloc (splits[s], sizes[s], dim, 1, "test", NULL));
      for (guint i = 0; i < sizes[s]; i++)
        {
          gint32 c = (gint32) (i % 2);

          for (guint d = 0; d < dim; d++)
            splits[s]->x[i * dim + d] = (float) (oc_rng_normal (&rng) + (d < 2 ? (c ? 1 : -1) : 0));
          splits[s]->y[i] = s == 0 && oc_rng_uniform (&rng) < 0.2 ? 1 - c : c;
        }
    }
  return ds;
}

static void
test_rff_peak_at_n (void)
{
  g_autoptr (OcDataset) ds = make_problem ();
  const guint ns[] = { 30, 120, 960 };
  OcRffResult r[3];
  OcRffConfig cfg;

  oc_rff_config_init (&cfg);
  cfg.sigma = 4.0;
  cfg.threads = 1;
  for (guint i = 0; i < 3; i++)
    {
      /* Average the squared test loss over feature seeds: one draw is noisy. */
      double mse = 0, norm = 0;

      for (guint s = 0; s < 5; s++)
        {
          g_autoptr (GError) error = NULL;

          cfg.n_features = ns[i];
          cfg.seed = s;
          g_assert_true (oc_rff_fit (&cfg, ds, NULL, &r[i], &error));
          g_assert_no_error (error);
          mse += r[i].test_mse / 5;
          norm += r[i].coef_norm / 5;
        }
      r[i].test_mse = mse;
      r[i].coef_norm = norm;
      g_test_message ("N = %u: test mse %.3f, ‖coef‖ %.3g, train error %.3f, κ %.3g", ns[i],
                      r[i].test_mse, r[i].coef_norm, r[i].train_error, r[i].condition);
    }
  /* Interpolation from N = n on; the peak of the risk and of the norm sits at N = n. */
  g_assert_cmpfloat (r[0].train_error, >, 0.0);
  g_assert_cmpfloat (r[1].train_error, ==, 0.0);
  g_assert_cmpfloat (r[2].train_error, ==, 0.0);
  g_assert_cmpfloat (r[1].test_mse, >, 2 * r[0].test_mse);
  g_assert_cmpfloat (r[1].test_mse, >, 2 * r[2].test_mse);
  g_assert_cmpfloat (r[1].coef_norm, >, r[0].coef_norm);
  g_assert_cmpfloat (r[1].coef_norm, >, r[2].coef_norm);
}

static void
test_rff_bad_config (void)
{
  g_autoptr (OcDataset) ds = make_problem ();
  g_autoptr (GError) error = NULL;
  OcRffConfig cfg;
  OcRffResult r;

  oc_rff_config_init (&cfg);
  cfg.sigma = -1;
  g_assert_false (oc_rff_fit (&cfg, ds, NULL, &r, &error));
  g_assert_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "sigma"));
}

static void
test_rff_cos (void)
{
  double worst = 0;

  for (int i = -200000; i <= 200000; i++)
    {
      double x = i * 0.00731 + (i % 7) * 1e3;

      worst = MAX (worst, fabs (oc_rff_cos (x) - cos (x)));
    }
  g_test_message ("largest error of the vectorised cosine: %.3g", worst);
  g_assert_cmpfloat (worst, <, 1e-9);
}

static void
test_hastie (void)
{
  double under = 0, over = 0;

  g_assert_cmpfloat_with_epsilon (oc_hastie_risk (0.5, 1, 1), 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (oc_hastie_risk (2.0, 1, 1), 1.5, 1e-12);
  g_assert_true (isinf (oc_hastie_risk (1.0, 1, 1)));
  /* The measured risk averages to the closed form (finite n = 400 adds a few percent). */
  for (guint s = 0; s < 10; s++)
    {
      under += oc_linear_min_norm_risk (400, 200, 1.0, 1.0, s, NULL) / 10;
      over += oc_linear_min_norm_risk (200, 400, 1.0, 1.0, s, NULL) / 10;
    }
  g_test_message ("γ = ½: %.3f (theory 1), γ = 2: %.3f (theory 1.5)", under, over);
  g_assert_cmpfloat (fabs (under - 1.0), <, 0.15);
  g_assert_cmpfloat (fabs (over - 1.5), <, 0.2);
}

/* @cols orthonormal columns of length @len in q[len, cols] (row-major), by modified Gram-Schmidt
 * of Gaussian vectors, done twice for orthogonality to rounding. */
static void
random_orthonormal (double *q, int len, int cols, OcRng *rng)
{
  for (int i = 0; i < len * cols; i++)
    q[i] = oc_rng_normal (rng);
  for (int j = 0; j < cols; j++)
    for (int pass = 0; pass < 2; pass++)
      {
        double norm = 0;

        for (int c = 0; c < j; c++)
          {
            double dot = 0;

            for (int i = 0; i < len; i++)
              dot += q[i * cols + c] * q[i * cols + j];
            for (int i = 0; i < len; i++)
              q[i * cols + j] -= dot * q[i * cols + c];
          }
        for (int i = 0; i < len; i++)
          norm += q[i * cols + j] * q[i * cols + j];
        for (int i = 0; i < len; i++)
          q[i * cols + j] /= sqrt (norm);
      }
}

/* Problems whose Gram matrix is numerically singular for Cholesky (κ(A) = 1e9, κ(AᵀA) = 1e18)
 * but A is not: square (N = n exactly), tall and wide. A = U·diag(s)·Vᵀ is built from its SVD,
 * so the minimum-norm solution V·diag(1/s)·UᵀY is known exactly; the QR path must find it to
 * about κ(A)·ε, where the eigen-decomposition pseudo-inverse of the Gram matrix would drop the
 * directions below √(n·ε)·s_max and miss it by far. */
static void
test_lstsq_ill_conditioned (void)
{
  static const int shapes[][2] = { { 30, 30 }, { 30, 20 }, { 20, 30 } };

  for (guint t = 0; t < G_N_ELEMENTS (shapes); t++)
    {
      int n = shapes[t][0], p = shapes[t][1], r = MIN (n, p), k = 3;
      g_autofree double *u = g_new (double, n * r), *v = g_new (double, p * r);
      g_autofree double *s = g_new (double, r), *a = g_new0 (double, n * p);
      g_autofree double *y = g_new (double, n * k), *ref = g_new0 (double, p * k);
      g_autofree double *coef = g_new (double, p * k);
      double err = 0, norm = 0, cond = 0;
      gboolean pinv = TRUE;
      OcRng rng;

      oc_rng_init (&rng, 11 + t, OC_STREAM_USER);
      random_orthonormal (u, n, r, &rng);
      random_orthonormal (v, p, r, &rng);
      for (int i = 0; i < r; i++)
        s[i] = pow (10.0, -9.0 * i / (r - 1));
      for (int i = 0; i < n; i++)
        for (int j = 0; j < p; j++)
          for (int c = 0; c < r; c++)
            a[i * p + j] += u[i * r + c] * s[c] * v[j * r + c];
      for (int i = 0; i < n * k; i++)
        y[i] = oc_rng_normal (&rng);
      /* ref = V · diag(1/s) · Uᵀ · Y */
      for (int c = 0; c < r; c++)
        for (int col = 0; col < k; col++)
          {
            double z = 0;

            for (int i = 0; i < n; i++)
              z += u[i * r + c] * y[i * k + col];
            for (int j = 0; j < p; j++)
              ref[j * k + col] += v[j * r + c] * z / s[c];
          }
      g_assert_true (oc_min_norm_lstsq (a, n, p, y, k, 0, coef, &cond, &pinv, NULL));
      g_assert_false (pinv);
      for (int i = 0; i < p * k; i++)
        {
          err += (coef[i] - ref[i]) * (coef[i] - ref[i]);
          norm += ref[i] * ref[i];
        }
      g_test_message ("%d×%d: relative error %.3g, κ estimate %.3g", n, p, sqrt (err / norm),
                      cond);
      g_assert_cmpfloat (sqrt (err / norm), <, 1e-5);
      /* A 1-norm estimate of κ(A) = 1e9: within the norms' factor of √r·r either way. */
      g_assert_cmpfloat (cond, >, 1e9 / (r * sqrt (r)));
      g_assert_cmpfloat (cond, <, 1e9 * r * sqrt (r));
    }
}

/* ‖a − b‖ / ‖b‖ over @len values. */
static double
rel_diff (const double *a, const double *b, gsize len)
{
  double d = 0, m = 0;

  for (gsize i = 0; i < len; i++)
    {
      d += (a[i] - b[i]) * (a[i] - b[i]);
      m += b[i] * b[i];
    }
  return sqrt (d / m);
}

/* The dual Gram entry point (used by fit_wide) against oc_min_norm_lstsq on the same wide A:
 * coef = Aᵀα to rounding, the same condition estimate; a numerically singular AAᵀ is handed back
 * unsolved for λ = 0 and goes through the pseudo-inverse, as oc_min_norm_lstsq does, for λ > 0;
 * the ridge is applied (λ = 0.5 changes the answer from the λ = 0 one). */
static void
test_lstsq_dual_gram (void)
{
  enum { N = 40, P = 200, K = 3 };
  g_autofree double *a = g_new (double, N * P), *y = g_new (double, N * K);
  g_autofree double *gram = g_new (double, N * N), *alpha = g_new (double, N * K);
  g_autofree double *coef = g_new (double, P * K), *ref = g_new (double, P * K);
  double cond = 0, cond_ref = 0;
  gboolean pinv = TRUE, pinv_ref = TRUE, singular = TRUE;
  OcRng rng;

  oc_rng_init (&rng, 21, OC_STREAM_USER);
  for (int i = 0; i < N * P; i++)
    a[i] = oc_rng_normal (&rng);
  for (int i = 0; i < N * K; i++)
    y[i] = oc_rng_normal (&rng);
  for (guint pass = 0; pass < 4; pass++)
    {
      /* 0: generic; 1: row 1 = row 0 (singular), λ = 0; 2: the same with λ = 1e−30, still
       * singular: the pseudo-inverse; 3: with λ = 0.5, regular again. */
      const double ridges[] = { 0, 0, 1e-30, 0.5 };
      double ridge = ridges[pass];

      if (pass == 1)
        memcpy (a + P, a, P * sizeof (double));
      cblas_dsyrk (CblasRowMajor, CblasUpper, CblasNoTrans, N, P, 1, a, P, 0, gram, N);
      memcpy (alpha, y, N * K * sizeof (double));
      g_assert_true (oc_lstsq_dual_gram (gram, N, alpha, K, ridge, &cond, &pinv, &singular, NULL));
      if (pass == 1)
        {
          g_assert_true (singular);
          continue;
        }
      g_assert_false (singular);
      cblas_dgemm (CblasRowMajor, CblasTrans, CblasNoTrans, P, K, N, 1, a, P, alpha, K, 0, coef, K);
      g_assert_true (oc_min_norm_lstsq (a, N, P, y, K, ridge, ref, &cond_ref, &pinv_ref, NULL));
      g_test_message ("pass %u: relative difference %.3g, κ %.4g vs %.4g", pass,
                      rel_diff (coef, ref, P * K), cond, cond_ref);
      g_assert_cmpfloat (rel_diff (coef, ref, P * K), <, 1e-10);
      g_assert_cmpfloat (fabs (cond - cond_ref), <, 1e-9 * cond_ref);
      g_assert_true (pinv == pinv_ref);
      g_assert_true (pinv == (pass == 2));
      /* The ridge solution satisfies (AAᵀ + λI)α = Y: check it from A, not from the solver. */
      if (pass == 3)
        for (int i = 0; i < N; i++)
          for (int c = 0; c < K; c++)
            {
              double s = ridge * alpha[i * K + c];

              for (int j = 0; j < P; j++)
                s += a[i * P + j] * coef[j * K + c];
              g_assert_cmpfloat (fabs (s - y[i * K + c]), <, 1e-10);
            }
    }
}

/* The features of oc_rff_fit computed here independently, in double throughout (the engine
 * projects in single precision): phi[rows, nf] for the rows of @split. */
static double *
reference_features (const OcRffConfig *cfg, guint dim, const OcSplit *split)
{
  guint nf = cfg->n_features;
  g_autofree float *w = g_new (float, (gsize) nf * dim), *b = g_new (float, nf);
  double *phi = g_new (double, (gsize) split->n * nf);
  OcRng rng;

  oc_rng_init (&rng, cfg->seed, OC_STREAM_FEATURES);
  oc_rng_fill_normal (&rng, w, (gsize) nf * dim, 1.0 / cfg->sigma);
  for (guint j = 0; j < nf; j++)
    b[j] = (float) (2 * G_PI * oc_rng_uniform (&rng));
  for (guint r = 0; r < split->n; r++)
    for (guint j = 0; j < nf; j++)
      {
        double z = b[j];

        for (guint d = 0; d < dim; d++)
          z += (double) split->x[(gsize) r * dim + d] * w[(gsize) j * dim + d];
        phi[(gsize) r * nf + j] = sqrt (2.0 / nf) * cos (z);
      }
  return phi;
}

/* Zero-one error and squared loss of phi·coef against @split's labels (one label group). */
static void
reference_score (const double *phi, const double *coef, const OcSplit *split, int nf, int k,
                 double *err, double *mse)
{
  double wrong = 0, sq = 0;

  for (guint r = 0; r < split->n; r++)
    {
      int best = 0;
      double p[2];

      for (int c = 0; c < k; c++)
        {
          p[c] = 0;
          for (int j = 0; j < nf; j++)
            p[c] += phi[(gsize) r * nf + j] * coef[(gsize) j * k + c];
          sq += (p[c] - (c == split->y[r])) * (p[c] - (c == split->y[r]));
          if (p[c] > p[best])
            best = c;
        }
      wrong += best != split->y[r];
    }
  *err = wrong / split->n;
  *mse = sq / split->n;
}

/* oc_rff_fit against the stored-Φ solution computed here from reference features. The reference
 * projects in double, the engine in single precision, so Φ differs by ~1e−7 relative and the
 * results by about κ(Φ) times that: @tol relative on the squared losses, the norm and κ; errors
 * within one example. */
static void
check_against_reference (const OcDataset *ds, const OcRffConfig *cfg, double tol, gboolean pinv)
{
  int nf = (int) cfg->n_features, n = (int) ds->train.n;
  g_autofree double *phi = NULL, *phi_test = NULL, *y = g_new0 (double, n * 2);
  g_autofree double *coef = g_new (double, nf * 2);
  double train_err, train_mse, test_err, test_mse, norm = 0, cond = 0;
  gboolean ref_pinv = !pinv;
  OcRffResult r;
  g_autoptr (GError) error = NULL;

  g_assert_true (oc_rff_fit (cfg, ds, NULL, &r, &error));
  g_assert_no_error (error);
  phi = reference_features (cfg, ds->dim, &ds->train);
  phi_test = reference_features (cfg, ds->dim, &ds->test);
  for (int j = 0; j < n; j++)
    y[j * 2 + ds->train.y[j]] = 1;
  g_assert_true (oc_min_norm_lstsq (phi, n, nf, y, 2, 0, coef, &cond, &ref_pinv, NULL));
  for (int j = 0; j < nf * 2; j++)
    norm += coef[j] * coef[j];
  norm = sqrt (norm);
  reference_score (phi, coef, &ds->train, nf, 2, &train_err, &train_mse);
  reference_score (phi_test, coef, &ds->test, nf, 2, &test_err, &test_mse);
  g_test_message ("N = %d: test mse %.6g vs %.6g, ‖coef‖ %.6g vs %.6g, κ %.4g vs %.4g", nf,
                  r.test_mse, test_mse, r.coef_norm, norm, r.condition, cond);
  g_assert_cmpfloat (fabs (r.coef_norm - norm), <, tol * norm);
  g_assert_cmpfloat (fabs (r.test_mse - test_mse), <, tol * test_mse);
  g_assert_cmpfloat (fabs (r.train_mse - train_mse), <, tol * MAX (train_mse, 1e-3));
  g_assert_cmpfloat (fabs (r.test_error - test_err), <=, 1.0 / ds->test.n + 1e-12);
  g_assert_cmpfloat (fabs (r.train_error - train_err), <=, 1.0 / n + 1e-12);
  if (!pinv)
    g_assert_cmpfloat (fabs (r.condition - cond), <, tol * cond);
  g_assert_true (r.pseudo_inverse == pinv);
  g_assert_true (ref_pinv == pinv);
}

/* Below n, at n (both the stored double Φ) and from 2n on (fit_wide: single-precision Φ, Gram
 * matrix from single-precision products summed in double): 1e−4 relative away from N = n, 1e−2 at
 * N = n (κ ~ 2e3 here). */
static void
test_rff_wide_matches_stored (void)
{
  g_autoptr (OcDataset) ds = make_problem ();
  const guint ns[] = { 60, 120, 240, 600, 1100 };
  OcRffConfig cfg;

  oc_rff_config_init (&cfg);
  cfg.sigma = 4.0;
  cfg.threads = 1;
  cfg.seed = 3;
  for (guint i = 0; i < G_N_ELEMENTS (ns); i++)
    {
      cfg.n_features = ns[i];
      check_against_reference (ds, &cfg, ns[i] == ds->train.n ? 1e-2 : 1e-4, FALSE);
    }
}

/* Two identical training examples make ΦΦᵀ singular at any N: fit_wide hands it back and the
 * stored double Φ's path (QR, then the pseudo-inverse) solves it, as it always did. */
static void
test_rff_wide_singular (void)
{
  g_autoptr (OcDataset) ds = make_problem ();
  OcRffConfig cfg;

  memcpy (ds->train.x + ds->dim, ds->train.x, ds->dim * sizeof (float));
  ds->train.y[1] = ds->train.y[0];
  oc_rff_config_init (&cfg);
  cfg.sigma = 4.0;
  cfg.threads = 1;
  cfg.n_features = 600;
  check_against_reference (ds, &cfg, 1e-4, TRUE);
}

static gpointer
cancel_soon (gpointer data)
{
  g_usleep (20000);
  g_cancellable_cancel (data);
  return NULL;
}

/* A wide fit is cancelled while it runs (the feature, Gram and coefficient passes check), and
 * one cancelled before it starts stops at once. */
static void
test_rff_cancel (void)
{
  g_autoptr (OcDataset) ds = make_problem ();
  OcRffConfig cfg;
  OcRffResult r;

  oc_rff_config_init (&cfg);
  cfg.threads = 1;
  cfg.n_features = 60000;
  for (guint pass = 0; pass < 2; pass++)
    {
      g_autoptr (GCancellable) c = g_cancellable_new ();
      g_autoptr (GError) error = NULL;
      GThread *t = NULL;

      if (pass == 0)
        g_cancellable_cancel (c);
      else
        t = g_thread_new ("cancel", cancel_soon, c);
      g_assert_false (oc_rff_fit (&cfg, ds, c, &r, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      if (t != NULL)
        g_thread_join (t);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/lstsq/exact", test_lstsq_exact);
  g_test_add_func ("/lstsq/rank-deficient", test_lstsq_rank_deficient);
  g_test_add_func ("/lstsq/ridge", test_lstsq_ridge);
  g_test_add_func ("/lstsq/matches-pinv", test_lstsq_matches_pinv);
  g_test_add_func ("/lstsq/ill-conditioned", test_lstsq_ill_conditioned);
  g_test_add_func ("/lstsq/dual-gram", test_lstsq_dual_gram);
  g_test_add_func ("/rff/peak-at-n", test_rff_peak_at_n);
  g_test_add_func ("/rff/wide-matches-stored", test_rff_wide_matches_stored);
  g_test_add_func ("/rff/wide-singular", test_rff_wide_singular);
  g_test_add_func ("/rff/cancel", test_rff_cancel);
  g_test_add_func ("/rff/bad-config", test_rff_bad_config);
  g_test_add_func ("/rff/cos", test_rff_cos);
  g_test_add_func ("/rff/hastie", test_hastie);
  return g_test_run ();
}
