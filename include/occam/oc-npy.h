/* oc-npy.h — NumPy .npy arrays (format version 1.0) for store artifacts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Artifacts in the experiment store (masks, weight snapshots, histogram bins, flipped-label
 * indices) are stored as the exact bytes of a .npy file, so `numpy.load(io.BytesIO(blob))` reads
 * them back without Occam. Only what Occam writes is supported: little-endian float32, int32 and
 * uint8 arrays in C order with up to OC_NPY_MAX_DIMS dimensions. The reader also accepts format
 * version 2.0 headers (NumPy writes those for very long headers).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define OC_NPY_MAX_DIMS 8

typedef enum
{
  OC_NPY_FLOAT32, /* '<f4' */
  OC_NPY_INT32,   /* '<i4' */
  OC_NPY_UINT8,   /* '|u1' */
} OcNpyDtype;

typedef struct
{
  OcNpyDtype dtype;
  guint      n_dims;                  /* 0 for a scalar */
  gsize      shape[OC_NPY_MAX_DIMS];
  gsize      n_elems;                 /* product of shape (1 for a scalar) */
  gpointer   data;                    /* n_elems values in C order, host byte order */
} OcNpyArray;

/* A zero-filled array; OC_ERROR_NO_MEMORY or OC_ERROR_TOO_LARGE when it cannot be allocated. */
OcNpyArray *oc_npy_array_new  (OcNpyDtype dtype, guint n_dims, const gsize *shape, GError **error);
void        oc_npy_array_free (OcNpyArray *a);
gsize       oc_npy_dtype_size (OcNpyDtype dtype);
/* NumPy's descr string: "<f4", "<i4" or "|u1". */
const char *oc_npy_dtype_descr (OcNpyDtype dtype);

/* The complete .npy file for @a. */
GBytes     *oc_npy_encode     (const OcNpyArray *a, GError **error);
/* Parses a .npy file held in memory; OC_ERROR_FORMAT naming the problem when it is not one this
 * reader supports. */
OcNpyArray *oc_npy_decode     (const guint8 *bytes, gsize len, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OcNpyArray, oc_npy_array_free)

G_END_DECLS
