/* oc-input.c — opening the files a user names; see oc-input.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "occam/oc-error.h"
#include "occam/oc-input.h"
#include "oc-config.h"
#include <glib/gi18n-lib.h>

/* First buffer for reading a stream whose size is unknown; it doubles as data arrives. */
#define OC_INPUT_FIRST_CHUNK ((gsize) 64 << 10)

const char *
oc_input_describe_mode (guint mode)
{
  if (S_ISREG (mode))
    return NULL;
  if (S_ISDIR (mode))
    return "a folder";
  if (S_ISFIFO (mode))
    return "a named pipe";
  if (S_ISCHR (mode))
    return "a character device";
  if (S_ISBLK (mode))
    return "a block device";
  if (S_ISSOCK (mode))
    return "a socket";
  return "not a regular file";
}

static gboolean
set_not_a_file (GError **error, const char *path, guint mode)
{
  const char *what = oc_input_describe_mode (mode);

  if (what == NULL)
    return TRUE;
  if (strncmp (what, "a ", 2) == 0)
    g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT, _("%s is %s, not a file"), path, what);
  else
    g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT, _("%s is %s"), path, what);
  return FALSE;
}

gboolean
oc_input_check_path (const char *path, GError **error)
{
  GStatBuf st;

  g_return_val_if_fail (path != NULL, FALSE);

  if (g_stat (path, &st) != 0)
    return TRUE;
  return set_not_a_file (error, path, st.st_mode);
}

int
oc_input_open (const char *path, GError **error)
{
  struct stat st;
  int fd, flags;

  g_return_val_if_fail (path != NULL, -1);

  /* Look first, so that no device is ever opened (opening some has side effects). */
  if (!oc_input_check_path (path, error))
    return -1;
  /* O_NONBLOCK: a named pipe put in its place since the check must not block open(). */
  fd = g_open (path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, OC_ERROR, saved == ENOENT ? OC_ERROR_NOT_FOUND : OC_ERROR_IO,
                   _("%s: cannot open the file: %s"), path, g_strerror (saved));
      return -1;
    }
  if (fstat (fd, &st) != 0)
    {
      int saved = errno;

      g_set_error (error, OC_ERROR, OC_ERROR_IO, _("%s: cannot read the file: %s"), path,
                   g_strerror (saved));
      close (fd);
      return -1;
    }
  if (!set_not_a_file (error, path, st.st_mode))
    {
      close (fd);
      return -1;
    }
  /* Regular files ignore O_NONBLOCK, but callers get the descriptor they would expect. */
  flags = fcntl (fd, F_GETFL);
  if (flags >= 0)
    fcntl (fd, F_SETFL, flags & ~O_NONBLOCK);
  return fd;
}

GMappedFile *
oc_input_map (const char *path, GError **error)
{
  g_autoptr (GError) local = NULL;
  GMappedFile *map;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);

  fd = oc_input_open (path, error);
  if (fd < 0)
    return NULL;
  map = g_mapped_file_new_from_fd (fd, FALSE, &local);
  close (fd);
  if (map == NULL)
    g_set_error (error, OC_ERROR, OC_ERROR_IO, _("%s: cannot read the file: %s"), path,
                 local->message);
  return map;
}

/* Grows *@buf to @size bytes plus a NUL. */
static gboolean
grow (char **buf, gsize size, const char *name, GError **error)
{
  char *bigger = g_try_realloc (*buf, size + 1);

  if (bigger == NULL)
    {
      g_autofree char *want = g_format_size_full (size, G_FORMAT_SIZE_IEC_UNITS);

      g_set_error (error, OC_ERROR, OC_ERROR_NO_MEMORY, _("%s: out of memory reading %s"), name,
                   want);
      return FALSE;
    }
  *buf = bigger;
  return TRUE;
}

char *
oc_input_read_fd (int fd, const char *name, gsize max_bytes, gsize *length, GError **error)
{
  g_autofree char *buf = NULL;
  gsize size, len = 0;
  struct stat st;

  g_return_val_if_fail (fd >= 0 && name != NULL && length != NULL, NULL);
  g_return_val_if_fail (max_bytes < G_MAXSIZE, NULL);

  /* A regular file says how much it holds; a pipe is read in doubling chunks. */
  if (fstat (fd, &st) == 0 && S_ISREG (st.st_mode) && st.st_size >= 0)
    size = (gsize) MIN ((guint64) st.st_size, (guint64) max_bytes);
  else
    size = MIN (OC_INPUT_FIRST_CHUNK, max_bytes);
  if (!grow (&buf, size, name, error))
    return NULL;
  while (len < max_bytes)
    {
      gssize n;

      if (len == size)
        {
          size = size < max_bytes / 2 ? MIN (MAX (size * 2, OC_INPUT_FIRST_CHUNK), max_bytes)
                                      : max_bytes;
          if (!grow (&buf, size, name, error))
            return NULL;
        }
      n = read (fd, buf + len, size - len);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;

          g_set_error (error, OC_ERROR, OC_ERROR_IO, _("%s: cannot read: %s"), name,
                       g_strerror (saved));
          return NULL;
        }
      if (n == 0)
        break;
      len += (gsize) n;
    }
  buf[len] = '\0';
  *length = len;
  return g_steal_pointer (&buf);
}

char *
oc_input_read (const char *path, gsize max_bytes, gsize *length, GError **error)
{
  char *text;
  int fd;

  g_return_val_if_fail (path != NULL && length != NULL, NULL);

  fd = oc_input_open (path, error);
  if (fd < 0)
    return NULL;
  text = oc_input_read_fd (fd, path, max_bytes, length, error);
  close (fd);
  return text;
}
