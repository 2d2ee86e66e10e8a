/* oc-dataset-private.h — helpers shared by the dataset loaders (IDX, CSV, generators).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A loader fills an OcDataset with every training example in ds->train and the test set in
 * ds->test, plus dim / n_classes / n_groups / class_names / source. oc_dataset_load() then carves
 * out the validation split, takes the subset and adds label noise, the same way for every dataset.
 */
#pragma once

#include "occam/oc-dataset.h"
#include "occam/oc-rng.h"

G_BEGIN_DECLS

/* Allocates @split for @n examples of @dim features and @n_groups labels, zero-filled; x and y
 * stay NULL when @n is 0. @what names the split in an out-of-memory message. */
gboolean oc_split_alloc (OcSplit    *split,
                         guint       n,
                         guint       dim,
                         guint       n_groups,
                         const char *what,
                         GError    **error);
/* Frees the arrays of @split and zeroes it. */
void     oc_split_clear (OcSplit *split);

/* Allocates split->x8 for split->n examples of @dim features, uninitialised (freeing any it
 * had); FALSE, and no codes, when there is no memory for them: they are a faster copy of x for
 * training, not needed. */
gboolean oc_split_alloc_codes (OcSplit *split, guint dim);

/* The input an 8-bit code @k stands for, k / 255 rounded to float: the same float as
 * (float) k / 255.0f, since the exact quotient is never within a double's rounding error of a
 * float rounding boundary (tested for all 256 codes); a multiplication, which vector code does
 * far faster than a division. */
#define OC_CODE_SCALE (1.0 / 255.0)
static inline float
oc_code_input (guint8 k)
{
  return (float) ((double) k * OC_CODE_SCALE);
}

/* "0", "1", …, "n-1", NULL-terminated; free with g_strfreev(). */
char   **oc_class_names_numbered (guint n_classes);

/* Fills @perm with a permutation of 0..@n-1 whose first @k entries are a uniformly random
 * k-subset in random order (a partial Fisher–Yates shuffle: k draws from @rng). */
void     oc_partial_shuffle (OcRng *rng, guint32 *perm, guint n, guint k);

/* Sorts @n indices ascending. */
void     oc_sort_u32 (guint32 *a, gsize n);

/* Appends one line to ds->warnings: the data loads, but something about it looks wrong. */
void     oc_dataset_warn (OcDataset *ds, const char *format, ...) G_GNUC_PRINTF (2, 3);

/* Counts the labels of @split per class into @counts [n_classes], zeroed first (one group: the
 * first label of each example). */
void     oc_split_count_labels (const OcSplit *split, guint n_groups, guint n_classes,
                                guint *counts);

G_END_DECLS
