/* oc-npy.c — writing and reading NumPy .npy files (format 1.0; 2.0 headers read too).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * File layout (https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html):
 *   "\x93NUMPY" major minor, header length (uint16 LE in 1.0, uint32 LE in 2.0), then an ASCII
 *   Python dict literal such as "{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }"
 *   padded with spaces and a final '\n' so that the data starts at a multiple of 64 bytes, then the
 *   raw little-endian values in C order.
 */
#include <string.h>

#include "occam/oc-error.h"
#include "occam/oc-npy.h"
#include "oc-config.h"
#include <glib/gi18n-lib.h>
#include <inttypes.h>

#define NPY_MAGIC     "\x93NUMPY"
#define NPY_MAGIC_LEN 6
#define NPY_ALIGN     64
/* NumPy refuses headers longer than this by default; so do we. */
#define NPY_MAX_HEADER 10000

gsize
oc_npy_dtype_size (OcNpyDtype dtype)
{
  switch (dtype)
    {
    case OC_NPY_FLOAT32:
    case OC_NPY_INT32:
      return 4;
    case OC_NPY_UINT8:
      return 1;
    default:
      g_return_val_if_reached (0);
    }
}

const char *
oc_npy_dtype_descr (OcNpyDtype dtype)
{
  switch (dtype)
    {
    case OC_NPY_FLOAT32:
      return "<f4";
    case OC_NPY_INT32:
      return "<i4";
    case OC_NPY_UINT8:
      return "|u1";
    default:
      g_return_val_if_reached (NULL);
    }
}

static gboolean
count_elements (guint n_dims, const gsize *shape, gsize item, gsize *n_out, GError **error)
{
  gsize n = 1;

  for (guint i = 0; i < n_dims; i++)
    {
      if (shape[i] != 0 && n > G_MAXSIZE / shape[i])
        goto too_large;
      n *= shape[i];
    }
  if (item != 0 && n > G_MAXSIZE / item)
    goto too_large;
  *n_out = n;
  return TRUE;

too_large:
  g_set_error_literal (error, OC_ERROR, OC_ERROR_TOO_LARGE,
                       _("array shape overflows the address space"));
  return FALSE;
}

OcNpyArray *
oc_npy_array_new (OcNpyDtype dtype, guint n_dims, const gsize *shape, GError **error)
{
  g_autoptr (OcNpyArray) a = NULL;
  gsize item = oc_npy_dtype_size (dtype);
  gsize n;

  g_return_val_if_fail (item != 0, NULL);
  g_return_val_if_fail (n_dims <= OC_NPY_MAX_DIMS, NULL);
  g_return_val_if_fail (n_dims == 0 || shape != NULL, NULL);

  if (!count_elements (n_dims, shape, item, &n, error))
    return NULL;
  a = g_new0 (OcNpyArray, 1);
  a->dtype = dtype;
  a->n_dims = n_dims;
  if (n_dims > 0)
    memcpy (a->shape, shape, n_dims * sizeof (gsize));
  a->n_elems = n;
  /* One byte even for empty arrays so that data is never NULL. */
  a->data = oc_try_alloc0_n (MAX (n, 1), item, "npy array", error);
  if (a->data == NULL)
    return NULL;
  return g_steal_pointer (&a);
}

void
oc_npy_array_free (OcNpyArray *a)
{
  if (a == NULL)
    return;
  g_free (a->data);
  g_free (a);
}

/* Copies @n items of @item bytes, converting between host and little-endian order. */
static void
copy_le (guint8 *dst, const guint8 *src, gsize n, gsize item)
{
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
  memcpy (dst, src, n * item);
#else
  for (gsize i = 0; i < n; i++)
    for (gsize b = 0; b < item; b++)
      dst[i * item + b] = src[i * item + item - 1 - b];
#endif
}

GBytes *
oc_npy_encode (const OcNpyArray *a, GError **error)
{
  g_autoptr (GString) header = g_string_new (NULL);
  gsize item, data_len, prefix, total;
  guint8 *buf;

  g_return_val_if_fail (a != NULL && a->n_dims <= OC_NPY_MAX_DIMS, NULL);

  item = oc_npy_dtype_size (a->dtype);
  g_string_append_printf (header, "{'descr': '%s', 'fortran_order': False, 'shape': (",
                          oc_npy_dtype_descr (a->dtype));
  for (guint i = 0; i < a->n_dims; i++)
    g_string_append_printf (header, "%" G_GSIZE_FORMAT "%s", a->shape[i],
                            a->n_dims == 1 ? "," : i + 1 < a->n_dims ? ", " : "");
  g_string_append (header, "), }");
  /* Pad with spaces and end with a newline so that magic + version + length + header is a multiple
   * of NPY_ALIGN. */
  prefix = NPY_MAGIC_LEN + 2 + 2;
  while ((prefix + header->len + 1) % NPY_ALIGN != 0)
    g_string_append_c (header, ' ');
  g_string_append_c (header, '\n');
  g_assert (header->len <= G_MAXUINT16);

  data_len = a->n_elems * item;
  total = prefix + header->len + data_len;
  buf = oc_try_alloc (total, "npy file", error);
  if (buf == NULL)
    return NULL;
  memcpy (buf, NPY_MAGIC, NPY_MAGIC_LEN);
  buf[6] = 1;
  buf[7] = 0;
  buf[8] = header->len & 0xff;
  buf[9] = header->len >> 8;
  memcpy (buf + prefix, header->str, header->len);
  copy_le (buf + prefix + header->len, a->data, a->n_elems, item);
  return g_bytes_new_take (buf, total);
}

/* A tiny reader for the Python literal in the header: only strings, True/False and tuples of
 * non-negative integers occur there. */
typedef struct
{
  const char *p, *end;
} Lexer;

static void
skip_space (Lexer *lx)
{
  while (lx->p < lx->end && (*lx->p == ' ' || *lx->p == '\t' || *lx->p == '\n'))
    lx->p++;
}

static gboolean
expect_char (Lexer *lx, char c)
{
  skip_space (lx);
  if (lx->p < lx->end && *lx->p == c)
    {
      lx->p++;
      return TRUE;
    }
  return FALSE;
}

static char *
read_string (Lexer *lx)
{
  const char *start;
  char quote;

  skip_space (lx);
  if (lx->p >= lx->end || (*lx->p != '\'' && *lx->p != '"'))
    return NULL;
  quote = *lx->p++;
  start = lx->p;
  while (lx->p < lx->end && *lx->p != quote)
    lx->p++;
  if (lx->p >= lx->end)
    return NULL;
  return g_strndup (start, lx->p++ - start);
}

static gboolean
read_word (Lexer *lx, const char *word)
{
  gsize n = strlen (word);

  skip_space (lx);
  if ((gsize) (lx->end - lx->p) >= n && strncmp (lx->p, word, n) == 0)
    {
      lx->p += n;
      return TRUE;
    }
  return FALSE;
}

static gboolean
read_shape (Lexer *lx, guint *n_dims, gsize *shape)
{
  *n_dims = 0;
  if (!expect_char (lx, '('))
    return FALSE;
  for (;;)
    {
      guint64 v = 0;
      gboolean digits = FALSE;

      if (expect_char (lx, ')'))
        return TRUE;
      skip_space (lx);
      while (lx->p < lx->end && g_ascii_isdigit (*lx->p))
        {
          if (v > (G_MAXSIZE - 9) / 10)
            return FALSE;
          v = v * 10 + (guint64) (*lx->p++ - '0');
          digits = TRUE;
        }
      if (!digits || *n_dims == OC_NPY_MAX_DIMS)
        return FALSE;
      shape[(*n_dims)++] = (gsize) v;
      if (!expect_char (lx, ',') && !(skip_space (lx), lx->p < lx->end && *lx->p == ')'))
        return FALSE;
    }
}

OcNpyArray *
oc_npy_decode (const guint8 *bytes, gsize len, GError **error)
{
  g_autoptr (OcNpyArray) a = NULL;
  g_autofree char *descr = NULL;
  gboolean have_descr = FALSE, have_order = FALSE, have_shape = FALSE, fortran = FALSE;
  gsize header_len, prefix, item, n, shape[OC_NPY_MAX_DIMS] = { 0 };
  guint n_dims = 0;
  OcNpyDtype dtype;
  Lexer lx;

  g_return_val_if_fail (bytes != NULL || len == 0, NULL);

  if (len < 10 || memcmp (bytes, NPY_MAGIC, NPY_MAGIC_LEN) != 0)
    {
      g_set_error_literal (error, OC_ERROR, OC_ERROR_FORMAT,
                           _("not a .npy array (no \\x93NUMPY magic at the start)"));
      return NULL;
    }
  if (bytes[6] == 1)
    {
      header_len = bytes[8] | (gsize) bytes[9] << 8;
      prefix = 10;
    }
  else if (bytes[6] == 2 && len >= 12)
    {
      header_len = bytes[8] | (gsize) bytes[9] << 8 | (gsize) bytes[10] << 16
                   | (gsize) bytes[11] << 24;
      prefix = 12;
    }
  else
    {
      g_set_error (error, OC_ERROR, OC_ERROR_FORMAT,
                   _(".npy format version %u.%u is not supported (only 1.0 and 2.0)"), bytes[6],
                   bytes[7]);
      return NULL;
    }
  if (header_len > NPY_MAX_HEADER || header_len > len - prefix)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_FORMAT,
                   _(".npy header of %zu bytes does not fit in the %zu-byte array"), header_len, len);
      return NULL;
    }

  lx.p = (const char *) bytes + prefix;
  lx.end = lx.p + header_len;
  if (!expect_char (&lx, '{'))
    goto bad_header;
  while (!expect_char (&lx, '}'))
    {
      g_autofree char *key = read_string (&lx);

      if (key == NULL || !expect_char (&lx, ':'))
        goto bad_header;
      if (strcmp (key, "descr") == 0)
        {
          g_clear_pointer (&descr, g_free);
          descr = read_string (&lx);
          have_descr = descr != NULL;
          if (!have_descr)
            goto bad_header;
        }
      else if (strcmp (key, "fortran_order") == 0)
        {
          if (read_word (&lx, "True"))
            fortran = TRUE;
          else if (read_word (&lx, "False"))
            fortran = FALSE;
          else
            goto bad_header;
          have_order = TRUE;
        }
      else if (strcmp (key, "shape") == 0)
        {
          if (!read_shape (&lx, &n_dims, shape))
            goto bad_header;
          have_shape = TRUE;
        }
      else
        goto bad_header;
      if (!expect_char (&lx, ',') && !(skip_space (&lx), lx.p < lx.end && *lx.p == '}'))
        goto bad_header;
    }
  if (!have_descr || !have_order || !have_shape)
    goto bad_header;
  if (fortran)
    {
      g_set_error_literal (error, OC_ERROR, OC_ERROR_FORMAT,
                           _(".npy array is in Fortran order; only C order is supported"));
      return NULL;
    }
  if (strcmp (descr, "<f4") == 0)
    dtype = OC_NPY_FLOAT32;
  else if (strcmp (descr, "<i4") == 0)
    dtype = OC_NPY_INT32;
  else if (strcmp (descr, "|u1") == 0 || strcmp (descr, "<u1") == 0)
    dtype = OC_NPY_UINT8;
  else
    {
      g_set_error (error, OC_ERROR, OC_ERROR_FORMAT,
                   _(".npy dtype '%s' is not supported (only <f4, <i4 and |u1)"), descr);
      return NULL;
    }

  item = oc_npy_dtype_size (dtype);
  if (!count_elements (n_dims, shape, item, &n, error))
    return NULL;
  if (n * item != len - prefix - header_len)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_FORMAT,
                   _(".npy data is %zu bytes but the shape needs %zu — is the array truncated?"), len - prefix - header_len, n * item);
      return NULL;
    }
  a = oc_npy_array_new (dtype, n_dims, shape, error);
  if (a == NULL)
    return NULL;
  copy_le (a->data, bytes + prefix + header_len, n, item);
  return g_steal_pointer (&a);

bad_header:
  g_set_error (error, OC_ERROR, OC_ERROR_FORMAT,
               _(".npy header is not a dict with descr, fortran_order and shape: %.*s"),
               (int) MIN (header_len, 120), (const char *) bytes + prefix);
  return NULL;
}
