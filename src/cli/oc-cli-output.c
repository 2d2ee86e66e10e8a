/* oc-cli-output.c — see oc-cli-output.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "occam/oc-error.h"
#include "oc-cli.h"
#include "oc-cli-output.h"

/* The original standard output once an output "-" has taken it (file descriptor 1 is then a copy
 * of standard error), else -1. */
static int data_fd = -1;
/* A write to standard output failed because its reader went away (EPIPE). */
static gboolean reader_gone;

gboolean
oc_cli_is_stdout (const char *path)
{
  return path != NULL && strcmp (path, "-") == 0;
}

static gboolean
redirect_stdout (GError **error)
{
  int errsv;

  fflush (stdout);
  data_fd = fcntl (STDOUT_FILENO, F_DUPFD_CLOEXEC, 3);
  if (data_fd < 0 || dup2 (STDERR_FILENO, STDOUT_FILENO) < 0)
    {
      errsv = errno;
      if (data_fd >= 0)
        close (data_fd);
      data_fd = -1;
      g_set_error (error, OC_ERROR, OC_ERROR_IO, "standard output: %s", g_strerror (errsv));
      return FALSE;
    }
  /* The summary now shares standard error with the progress lines: keep them in order. */
  setvbuf (stdout, NULL, _IOLBF, 0);
  return TRUE;
}

gboolean
oc_cli_take_stdout (GError **error, const char *flag, const char *path, ...)
{
  const char *taken = NULL, *second = NULL;
  va_list args;

  va_start (args, path);
  while (flag != NULL)
    {
      if (oc_cli_is_stdout (path))
        {
          if (taken == NULL)
            taken = flag;
          else if (second == NULL)
            second = flag;
        }
      flag = va_arg (args, const char *);
      if (flag != NULL)
        path = va_arg (args, const char *);
    }
  va_end (args);

  if (second != NULL)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                   "%s - and %s -: only one output can be standard output; give the other a "
                   "file name", taken, second);
      return FALSE;
    }
  if (taken == NULL || data_fd >= 0)
    return TRUE;
  return redirect_stdout (error);
}

static gboolean
write_stdout (const char *data, gsize len, GError **error)
{
  int fd = data_fd >= 0 ? data_fd : STDOUT_FILENO;

  fflush (stdout);
  while (len > 0)
    {
      gssize n = write (fd, data, len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0 && errno == EPIPE)
        {
          /* The reader has what it wanted (`| head`): nothing more to say. */
          reader_gone = TRUE;
          return TRUE;
        }
      if (n < 0)
        {
          int errsv = errno;

          g_set_error (error, OC_ERROR, OC_ERROR_IO, "standard output: %s",
                       g_strerror (errsv));
          return FALSE;
        }
      data += n;
      len -= (gsize) n;
    }
  return TRUE;
}

gboolean
oc_cli_write_output (const char *path, const void *data, gssize len, GError **error)
{
  g_autoptr (GError) local = NULL;
  gsize size = len < 0 ? strlen (data) : (gsize) len;

  g_return_val_if_fail (path != NULL && data != NULL, FALSE);

  if (oc_cli_is_stdout (path))
    return write_stdout (data, size, error);
  /* A temporary file in the same folder, renamed over @path: no partial output, ever. */
  if (!g_file_set_contents (path, data, (gssize) size, &local))
    {
      g_set_error (error, OC_ERROR, OC_ERROR_IO, "%s", local->message);
      return FALSE;
    }
  return TRUE;
}

int
oc_cli_finish_stdout (int status)
{
  struct stat st;
  gboolean failed;
  int errsv;

  errno = 0;
  failed = fflush (stdout) != 0 || ferror (stdout);
  errsv = errno;
  /* Once taken, file descriptor 1 is standard error, whose failures go unreported. */
  if (data_fd >= 0)
    failed = FALSE;
  if (!failed && !reader_gone)
    return status;
  /* A failed write to a pipe is its reader gone, even when errno has moved on since. */
  if (reader_gone || errsv == EPIPE
      || (fstat (STDOUT_FILENO, &st) == 0 && (S_ISFIFO (st.st_mode) || S_ISSOCK (st.st_mode))))
    return status == OC_EXIT_OK ? OC_EXIT_STDOUT_CLOSED : status;
  oc_cli_error (_("cannot write to standard output: %s"),
                errsv != 0 ? g_strerror (errsv) : "write error");
  return status == OC_EXIT_OK ? OC_EXIT_FAILED : status;
}

gboolean
oc_cli_parse_size (const char *text, guint min, guint max, guint *width, guint *height,
                   GError **error)
{
  const char *s = text;
  char *end;
  guint64 a, b;

  a = g_ascii_strtoull (s, &end, 10);
  if (end == s || (*end != 'x' && *end != 'X'))
    goto bad;
  s = end + 1;
  b = g_ascii_strtoull (s, &end, 10);
  if (end == s || *end != '\0')
    goto bad;
  if (a < min || b < min || a > max || b > max)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                   "--size %" G_GUINT64_FORMAT "x%" G_GUINT64_FORMAT
                   ": each side must be %u to %u", a, b, min, max);
      return FALSE;
    }
  *width = (guint) a;
  *height = (guint) b;
  return TRUE;

bad:
  g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
               "--size expects WIDTHxHEIGHT, like 1920x1080");
  return FALSE;
}
