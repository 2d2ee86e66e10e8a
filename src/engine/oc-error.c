/* oc-error.c — the OC_ERROR domain and fallible allocation.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "occam/oc-error.h"
#include "oc-config.h"
#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

G_DEFINE_QUARK (oc-error-quark, oc_error)

static void
set_no_memory (GError **error, const char *what, gsize n_bytes)
{
  g_autofree char *size = g_format_size_full (n_bytes, G_FORMAT_SIZE_IEC_UNITS);

  g_set_error (error, OC_ERROR, OC_ERROR_NO_MEMORY,
               _("Out of memory: %s needs %s; try a smaller model, batch or dataset"), what, size);
}

gpointer
oc_try_alloc (gsize n_bytes, const char *what, GError **error)
{
  gpointer p = g_try_malloc (n_bytes ? n_bytes : 1);

  if (p == NULL)
    set_no_memory (error, what, n_bytes);
  return p;
}

gpointer
oc_try_alloc0_n (gsize n_elems, gsize elem_size, const char *what, GError **error)
{
  gpointer p;
  gsize n_bytes;

  if (elem_size != 0 && n_elems > G_MAXSIZE / elem_size)
    {
      set_no_memory (error, what, G_MAXSIZE);
      return NULL;
    }
  n_bytes = n_elems * elem_size;
  p = g_try_malloc0 (n_bytes > 0 ? n_bytes : 1);
  if (p == NULL)
    set_no_memory (error, what, n_bytes);
  return p;
}

gpointer
oc_try_alloc0_n_aligned (gsize n_elems, gsize elem_size, const char *what, GError **error)
{
  void *p = NULL;
  gsize n_bytes;

  if (elem_size != 0 && n_elems > G_MAXSIZE / elem_size)
    {
      set_no_memory (error, what, G_MAXSIZE);
      return NULL;
    }
  n_bytes = MAX (n_elems * elem_size, 1);
  /* posix_memalign's memory is released with free(), which g_free is. */
  if (posix_memalign (&p, 64, n_bytes) != 0)
    {
      set_no_memory (error, what, n_bytes);
      return NULL;
    }
  memset (p, 0, n_bytes);
  return p;
}
