/* oc-error.h — the OC_ERROR domain for errors a user can cause.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define OC_ERROR (oc_error_quark ())

/* Codes are stable: specs, the store and the CLI's exit codes refer to them. */
typedef enum
{
  OC_ERROR_INVALID_ARGUMENT, /* a setting is out of range or inconsistent */
  OC_ERROR_NOT_FOUND,        /* a file or folder does not exist */
  OC_ERROR_IO,               /* reading or writing failed */
  OC_ERROR_FORMAT,           /* a file exists but is not what it claims to be */
  OC_ERROR_TOO_LARGE,        /* a file or request exceeds a hard cap */
  OC_ERROR_NO_MEMORY,        /* a large allocation failed */
  OC_ERROR_DIVERGED,         /* training produced a NaN or infinite loss */
  OC_ERROR_SPEC,             /* an experiment spec is malformed */
  OC_ERROR_STORE,            /* the experiment store is unusable */
} OcError;

GQuark oc_error_quark (void);

/* Allocates @n_bytes or sets OC_ERROR_NO_MEMORY saying what it was for and how much it wanted. */
gpointer oc_try_alloc (gsize n_bytes, const char *what, GError **error);
/* Same, zero-filled, for @n_elems elements of @elem_size bytes with an overflow check. */
gpointer oc_try_alloc0_n (gsize n_elems, gsize elem_size, const char *what, GError **error);
/* Same, starting on a 64-byte boundary (a cache line): for arrays whose rows vector kernels read
 * 32 bytes at a time, none of those loads then straddles two lines. Released with g_free. */
gpointer oc_try_alloc0_n_aligned (gsize n_elems, gsize elem_size, const char *what,
                                  GError **error);

G_END_DECLS
