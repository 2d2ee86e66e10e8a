/* oc-store-lock.c — which of a store's "running" experiments a live process is running.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A process running an experiment holds a lock on one byte of the file "<store>-running", at an
 * offset derived from the experiment's ID. The locks are open-file-description locks (Linux's
 * F_OFD_SETLK): they belong to the descriptor, not the process, so a window that runs one
 * experiment on a worker's connection sees it held from its own History too, and the kernel drops
 * them when the process dies however it dies (kill -9, a crash, a power cut). A row left
 * "running" whose byte nobody holds was therefore interrupted. The same lock stops two processes
 * from computing the same experiment into one store at once.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "occam/oc-error.h"
#include "oc-store-private.h"
#include "oc-config.h"
#include <glib/gi18n-lib.h>

static char *
lock_path (OcStore *store)
{
  return g_strconcat (store->path, "-running", NULL);
}

/* The byte of @id: its first 15 hex digits, so distinct experiments practically never share one. */
static off_t
lock_offset (const char *id)
{
  guint64 v = g_ascii_strtoull (id, NULL, 16);

  return (off_t) (v >> 8);
}

static void
fill_lock (struct flock *fl, short type, const char *id)
{
  memset (fl, 0, sizeof *fl);
  fl->l_type = type;
  fl->l_whence = SEEK_SET;
  fl->l_start = lock_offset (id);
  fl->l_len = 1;
}

gboolean
oc_store_run_lock (OcStore *store, const char *id, GError **error)
{
  struct flock fl;

  if (store->run_fd < 0)
    {
      g_autofree char *path = lock_path (store);

      store->run_fd = open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
      if (store->run_fd < 0)
        {
          int e = errno;

          g_set_error (error, OC_ERROR, OC_ERROR_STORE, _("%s: cannot open %s to mark experiment %s "
                       "as running: %s"), store->path, path, id, g_strerror (e));
          return FALSE;
        }
    }
  fill_lock (&fl, F_WRLCK, id);
  if (fcntl (store->run_fd, F_OFD_SETLK, &fl) == 0)
    {
      g_hash_table_add (store->run_held, g_strdup (id));
      return TRUE;
    }
  if (errno == EAGAIN || errno == EACCES)
    g_set_error (error, OC_ERROR, OC_ERROR_STORE,
                 _("%s: experiment %s is being computed by another process right now; wait for it "
                 "to finish (or stop it), then run the same command to reuse its results"),
                 store->path, id);
  else
    g_set_error (error, OC_ERROR, OC_ERROR_STORE, _("%s: cannot mark experiment %s as running: %s"),
                 store->path, id, g_strerror (errno));
  return FALSE;
}

void
oc_store_run_unlock (OcStore *store, const char *id)
{
  struct flock fl;

  if (store->run_fd < 0 || !g_hash_table_remove (store->run_held, id))
    return;
  fill_lock (&fl, F_UNLCK, id);
  fcntl (store->run_fd, F_OFD_SETLK, &fl);
}

gboolean
oc_store_run_held (OcStore *store, const char *id)
{
  return g_hash_table_contains (store->run_held, id);
}

gboolean
oc_store_run_is_live (OcStore *store, const char *id)
{
  g_autofree char *path = lock_path (store);
  struct flock fl;
  int fd;
  gboolean live;

  /* A descriptor of its own: a description never conflicts with its own locks. */
  fd = open (path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return FALSE;
  fill_lock (&fl, F_WRLCK, id);
  live = fcntl (fd, F_OFD_GETLK, &fl) == 0 && fl.l_type != F_UNLCK;
  close (fd);
  return live;
}
