/* oc-input.h — opening the files a user names: regular files only, and nothing that can block.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every reader of user files (specs, IDX, CSV) opens them here. A path that names a named pipe
 * would block open() until a writer appears, a device such as /dev/zero never ends, and a folder
 * cannot be read: each is refused with a message saying what the path is ("data.csv is a named
 * pipe, not a file"). The path is looked at with stat() before it is opened, so no device is
 * opened at all; it is opened with O_NONBLOCK, so a pipe swapped in between cannot block; and the
 * opened descriptor is checked again with fstat(), so what is read is what was checked.
 *
 * Errors are in OC_ERROR: OC_ERROR_NOT_FOUND when the path does not exist,
 * OC_ERROR_INVALID_ARGUMENT when it is not a regular file, OC_ERROR_IO when it cannot be read.
 * Every message starts with the path.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What a file of type @mode (st_mode) is, as in "is a named pipe, not a file": "a folder",
 * "a named pipe", "a character device", "a block device", "a socket", or NULL for a regular
 * file. */
const char  *oc_input_describe_mode (guint mode);

/* FALSE with OC_ERROR_INVALID_ARGUMENT when @path exists and is not a regular file (symbolic
 * links are followed); TRUE when it is one or does not exist. For files another library opens
 * by name, such as the SQLite store. */
gboolean     oc_input_check_path    (const char *path, GError **error);

/* A read-only descriptor of the regular file @path (O_CLOEXEC, blocking reads), or -1. Close it
 * with close(). */
int          oc_input_open          (const char *path, GError **error);

/* The regular file @path, memory-mapped read-only (an empty file gives an empty mapping). */
GMappedFile *oc_input_map           (const char *path, GError **error);

/* At most @max_bytes of the regular file @path, NUL-terminated; *@length is how many were read.
 * A caller that refuses files above a limit asks for one byte more than the limit and checks
 * *@length, so a huge file costs no more than that. Free with g_free(). */
char        *oc_input_read          (const char *path, gsize max_bytes, gsize *length,
                                     GError **error);

/* The same for an open descriptor such as standard input (a pipe or a terminal may block:
 * standard input is read where the user asked for it); @name is what messages call it. */
char        *oc_input_read_fd       (int fd, const char *name, gsize max_bytes, gsize *length,
                                     GError **error);

G_END_DECLS
