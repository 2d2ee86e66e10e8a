/* fuzz-npy.c — the .npy reader (store artifacts) on arbitrary bytes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Whatever oc_npy_decode() accepts must be a consistent array, and writing it back and reading
 * that again must give the same array: artifacts are copied between stores by their bytes.
 */
#include <string.h>

#include "occam/oc-npy.h"
#include "fuzz-common.h"

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  oc_fuzz_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (OcNpyArray) a = NULL, back = NULL;
  g_autoptr (GBytes) bytes = NULL;
  gsize n = 1, item, len;
  const guint8 *encoded;

  a = oc_npy_decode (data, size, &error);
  if (a == NULL)
    {
      g_assert (error != NULL && error->message != NULL);
      return 0;
    }
  g_assert (error == NULL);
  g_assert (a->n_dims <= OC_NPY_MAX_DIMS && a->data != NULL);
  for (guint i = 0; i < a->n_dims; i++)
    n *= a->shape[i];
  g_assert_cmpuint (n, ==, a->n_elems);
  item = oc_npy_dtype_size (a->dtype);
  g_assert_cmpuint (item, >, 0);

  bytes = oc_npy_encode (a, &error);
  g_assert_no_error (error);
  encoded = g_bytes_get_data (bytes, &len);
  back = oc_npy_decode (encoded, len, &error);
  g_assert_no_error (error);
  g_assert_cmpint (back->dtype, ==, a->dtype);
  g_assert_cmpuint (back->n_dims, ==, a->n_dims);
  g_assert_cmpmem (back->shape, back->n_dims * sizeof (gsize), a->shape,
                   a->n_dims * sizeof (gsize));
  g_assert_cmpmem (back->data, back->n_elems * item, a->data, a->n_elems * item);
  return 0;
}
