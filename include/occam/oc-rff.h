/* oc-rff.h — random-features regression with minimum-norm least squares (Belkin et al. 2019) and
 * the isotropic linear model with its closed-form risk (Hastie et al. 2019).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include "oc-dataset.h"

G_BEGIN_DECLS

typedef enum
{
  OC_FEATURES_FOURIER, /* √(2/N)·cos(⟨w, x⟩ + b), w ~ N(0, σ⁻²I), b ~ U[0, 2π) */
  OC_FEATURES_RELU,    /* √(2/N)·max(0, ⟨w, x⟩), w ~ N(0, I/d) */
} OcFeatureKind;

typedef struct
{
  OcFeatureKind kind;
  guint         n_features; /* N */
  double        sigma;      /* Fourier bandwidth σ (Belkin et al.: 5) */
  double        ridge;      /* λ ≥ 0; 0 is the minimum-norm interpolating solution when N ≥ n */
  guint64       seed;       /* feature seed (OC_STREAM_FEATURES) */
  guint         threads;    /* BLAS threads; 0 = all cores */
} OcRffConfig;

void oc_rff_config_init (OcRffConfig *cfg);

typedef struct
{
  guint    n_features, n_train;
  double   train_error, test_error; /* zero-one: an example is wrong if any label group is */
  double   train_mse, test_mse;     /* squared loss against one-hot targets, summed over outputs,
                                     * averaged over examples */
  double   coef_norm;               /* Frobenius norm of the coefficients [N, outputs] */
  double   condition;               /* estimate of κ(Φ) = σ_max/σ_min of the training features */
  gboolean pseudo_inverse;          /* Φ was numerically singular: eigenvalues of its Gram matrix
                                     * below the cut-off were dropped */
  double   seconds;
} OcRffResult;

/* Fits random features on @data's training split and evaluates on train and test. */
gboolean oc_rff_fit (const OcRffConfig *cfg, const OcDataset *data, GCancellable *cancellable,
                     OcRffResult *out, GError **error);

/* Minimum-norm (or ridge) least squares: coef[p, k] minimising ‖A·coef − Y‖² (+ λ‖coef‖²), with the
 * smallest norm among minimisers. A is [n, p], Y is [n, k], all row-major double. Works through the
 * smaller Gram matrix (AᵀA or AAᵀ) with a Cholesky factorisation; when that matrix is numerically
 * singular, from a QR factorisation of A itself (λ = 0), and only when A is numerically singular
 * too (or λ > 0), from an eigen-decomposition pseudo-inverse of the Gram matrix. @cond_out, when
 * non-NULL, receives an estimate of κ(A); @pinv_out whether the pseudo-inverse was used. */
gboolean oc_min_norm_lstsq (const double *A, int n, int p, const double *Y, int k, double ridge,
                            double *coef, double *cond_out, gboolean *pinv_out, GError **error);

/* Asymptotic test risk of min-norm least squares in the isotropic linear model with γ = p/n,
 * signal ‖β‖² = r² and noise variance σ² (Hastie et al. 2019, Theorem 1):
 * σ²γ/(1−γ) for γ < 1, r²(1 − 1/γ) + σ²/(γ − 1) for γ > 1, +∞ at γ = 1. */
double oc_hastie_risk (double gamma, double r2, double sigma2);

/* The same quantity measured: n samples of p isotropic Gaussian features, β uniform on the sphere
 * of radius r, noise N(0, σ²); returns ‖β̂ − β‖² (the excess test risk), or NaN with @error set. */
double oc_linear_min_norm_risk (guint n, guint p, double r, double sigma, guint64 seed,
                                GError **error);
/* The store key of one such measurement: {"p":200,"seed":0}. Free with g_free(). */
char  *oc_linear_point_key     (guint64 p, guint64 seed);

/* The cosine the Fourier features use (vectorisable; |error| < 1e−10 for |x| < 1e6). */
double      oc_rff_cos (double x);

gboolean    oc_feature_kind_from_string (const char *s, OcFeatureKind *out);
const char *oc_feature_kind_to_string   (OcFeatureKind k);

G_END_DECLS
