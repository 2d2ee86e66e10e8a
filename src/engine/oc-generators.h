/* oc-generators.h — built-in synthetic datasets.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * addition  all pairs (a, b) with 0 <= a, b < 10^digits. Input: one-hot digits, least significant
 *           first: x[i·10 + digit_i(a)] = 1 and x[(digits + i)·10 + digit_i(b)] = 1 for
 *           i = 0..digits-1, so dim = 2·digits·10. Labels: the digits + 1 digits of a + b, least
 *           significant first (group 0 = ones, group digits = the final carry, 0 or 1);
 *           n_classes 10. A random train_fraction of the pairs (OC_STREAM_SPLIT) is the training
 *           set, in random order; the other pairs are the test set, ordered by (a, b).
 * modadd    all pairs (a, b) in [0, p)²; x = one-hot(a) ++ one-hot(b) (dim 2p),
 *           label (a + b) mod p, n_classes p; split like addition.
 * spiral, moons, circles, xor, blobs
 *           2-D points within about [-1.5, 1.5]², n_points in total of which round(test_fraction ·
 *           n_points) are the test set. Class k is given to every K-th point (0, 1, …, K-1, 0, …)
 *           so every prefix is balanced. Gaussian noise of standard deviation `noise` (data units)
 *           is added to both coordinates. Drawn from OC_STREAM_GENERATOR.
 */
#pragma once

#include <gio/gio.h>

#include "occam/oc-dataset.h"

G_BEGIN_DECLS

/* Hard cap on the features of one generated dataset (train + test), checked before allocating. */
#define OC_GENERATED_MAX_BYTES (G_GUINT64_CONSTANT (4) << 30)

/* TRUE if @name (canonical) is one of the generators above. */
gboolean oc_generator_exists (const char *name);

/* Generates dataset @name with the generator settings of @opts into @ds (train = every training
 * example, test set filled). */
gboolean oc_generate (OcDataset           *ds,
                      const char          *name,
                      const OcDataOptions *opts,
                      GCancellable        *cancellable,
                      GError             **error);

G_END_DECLS
