/* oc-idx.h — MNIST-format IDX files, raw or gzip-compressed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "occam/oc-dataset.h"

G_BEGIN_DECLS

/* Hard cap on the decompressed data of one IDX file, checked against the header before
 * anything is allocated. */
#define OC_IDX_MAX_BYTES (G_GUINT64_CONSTANT (2) << 30)

/* Largest accepted size of one image side. */
#define OC_IDX_MAX_SIDE 65536

/* One unsigned-byte IDX array: dims[0] items of dims[1] × … × dims[rank - 1] bytes each. */
typedef struct
{
  guint    rank;    /* 1 (labels) or 3 (images) */
  guint32  dims[3];
  guint8  *data;    /* [dims[0] × … × dims[rank - 1]] */
  gsize    n_bytes;
} OcIdxArray;

/* Reads the IDX file at @path, which must hold unsigned bytes of rank @rank (1 or 3). Gzip is
 * recognised by its magic bytes, not by the file name. Errors are in OC_ERROR and their message
 * starts with @path. */
gboolean oc_idx_read        (const char   *path,
                             guint         rank,
                             OcIdxArray   *out,
                             GCancellable *cancellable,
                             GError      **error);
void     oc_idx_array_clear (OcIdxArray *array);

/* Finds "<stem>-<kind>" in @dir, also as "<stem>-<kind>.gz", "<stem>.<kind>" and
 * "<stem>.<kind>.gz" (e.g. stem "train-images", kind "idx3-ubyte"). Returns the path, or NULL
 * with OC_ERROR_NOT_FOUND naming what was looked for; @hint is appended to that message. */
char    *oc_idx_find        (const char  *dir,
                             const char  *stem,
                             const char  *kind,
                             const char  *hint,
                             GError     **error);

/* Loads the four MNIST-format files of @dir into @ds (train = all 60000-style training images,
 * test = the t10k files). @fashion selects Fashion-MNIST class names and checks labels < 10;
 * otherwise n_classes is the largest label + 1 (at least 2). @default_dir says @dir was not
 * chosen by the user, so a missing folder suggests installing the package. */
gboolean oc_idx_load        (OcDataset    *ds,
                             const char   *dir,
                             gboolean      fashion,
                             gboolean      default_dir,
                             GCancellable *cancellable,
                             GError      **error);

G_END_DECLS
