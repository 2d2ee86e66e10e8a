/* oc-lapack.h — the few LAPACK routines the engine calls, as OpenBLAS exports them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Declared here instead of through lapack.h/LAPACKE so that the only numerical dependency stays
 * OpenBLAS. Fortran conventions: column-major, arguments by reference, and one hidden length
 * argument per character argument at the end.
 */
#pragma once

#include <stddef.h>

void dpotrf_ (const char *uplo, const int *n, double *a, const int *lda, int *info, size_t);
void dpotrs_ (const char *uplo, const int *n, const int *nrhs, const double *a, const int *lda,
              double *b, const int *ldb, int *info, size_t);
void dpocon_ (const char *uplo, const int *n, const double *a, const int *lda, const double *anorm,
              double *rcond, double *work, int *iwork, int *info, size_t);
void dsyevd_ (const char *jobz, const char *uplo, const int *n, double *a, const int *lda,
              double *w, double *work, const int *lwork, int *iwork, const int *liwork, int *info,
              size_t, size_t);
void dgeqrf_ (const int *m, const int *n, double *a, const int *lda, double *tau, double *work,
              const int *lwork, int *info);
void dormqr_ (const char *side, const char *trans, const int *m, const int *n, const int *k,
              const double *a, const int *lda, const double *tau, double *c, const int *ldc,
              double *work, const int *lwork, int *info, size_t, size_t);
void dtrtrs_ (const char *uplo, const char *trans, const char *diag, const int *n, const int *nrhs,
              const double *a, const int *lda, double *b, const int *ldb, int *info, size_t,
              size_t, size_t);
void dtrcon_ (const char *norm, const char *uplo, const char *diag, const int *n, const double *a,
              const int *lda, double *rcond, double *work, int *iwork, int *info, size_t, size_t,
              size_t);
