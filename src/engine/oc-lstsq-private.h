/* oc-lstsq-private.h — the least-squares solver's entry points for callers that build the Gram
 * matrix themselves (random features: by feature blocks, without the whole design matrix).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The dual half of oc_min_norm_lstsq for a wide A [n, p] whose Gram matrix the caller built:
 * solves (AAᵀ + λI)·α = Y with a Cholesky factorisation. @gram is n×n with AAᵀ in its upper
 * triangle (row-major) and is destroyed; @y is [n, k] row-major and is overwritten by α; the
 * minimum-norm coefficients are then Aᵀα. When the Gram matrix is numerically singular and λ = 0,
 * nothing is solved and *@singular is set: the problem needs oc_min_norm_lstsq on A itself (its QR
 * path); with λ > 0 the eigen-decomposition pseudo-inverse is used, as oc_min_norm_lstsq does.
 * @cond_out and @pinv_out mean what they mean there. */
gboolean oc_lstsq_dual_gram (double *gram, int n, double *y, int k, double ridge, double *cond_out,
                             gboolean *pinv_out, gboolean *singular, GError **error);

G_END_DECLS
