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
