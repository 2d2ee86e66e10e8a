/* oc-store-fs.c — is the store on a network file system?
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * SQLite's write-ahead log keeps its index in shared memory (the -shm file, mapped by every
 * connection), which works only when every connection runs on the same host; on NFS, SMB, Lustre
 * and the like, two nodes writing one WAL store can corrupt it. A rollback journal relies on file
 * locks instead, which those file systems provide. So a store on one of them is opened with
 * journal_mode=DELETE (oc-store.c), and the command line says so once.
 */
#include <string.h>
#include <sys/statfs.h>

#include "oc-store-private.h"

static const struct
{
  gint64      magic;
  const char *name;
} network_magics[] = {
  { 0x6969, "nfs" },
  { 0x517b, "smb" },
  { 0xff534d42, "cifs" },
  { 0xfe534d42, "smb2" },
  { 0x0bd00bd0, "lustre" },
  { 0x47504653, "gpfs" },
  { 0x01021997, "9p" },
  { 0x00c36400, "ceph" },
  { 0x5346414f, "afs" },
  { 0x6b414653, "afs" },
  { 0x19830326, "beegfs" },
  { 0x73757245, "coda" },
  { 0x564c, "ncp" },
  { 0x7461636f, "ocfs2" },
  { 0x01161970, "gfs2" },
};

#define FUSE_SUPER_MAGIC 0x65735546

/* FUSE file systems that reach another machine (mountinfo calls them "fuse.sshfs" …). */
static const char *const network_fuse[] = {
  "sshfs", "s3fs", "gcsfuse", "rclone", "glusterfs", "cephfs", "ceph-fuse", "davfs", "curlftpfs",
  "juicefs", "goofys",
};

/* The type of the mount holding @path, from /proc/self/mountinfo: the mount point that is the
 * longest prefix of @path. "fuse.sshfs", or NULL. */
static char *
mount_type (const char *path)
{
  g_autofree char *text = NULL;
  g_auto (GStrv) lines = NULL;
  char *best = NULL;
  gsize best_len = 0;

  if (!g_file_get_contents ("/proc/self/mountinfo", &text, NULL, NULL))
    return NULL;
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      /* ID PARENT MAJ:MIN ROOT MOUNT_POINT OPTIONS [OPTIONAL...] - TYPE SOURCE SUPER_OPTIONS */
      g_auto (GStrv) f = g_strsplit (lines[i], " ", -1);
      const char *dash = NULL;
      gsize len;
      guint n = g_strv_length (f);

      if (n < 7)
        continue;
      for (guint k = 6; k + 1 < n; k++)
        if (strcmp (f[k], "-") == 0)
          {
            dash = f[k + 1];
            break;
          }
      len = strlen (f[4]);
      if (dash == NULL || !g_str_has_prefix (path, f[4])
          || (len > 1 && path[len] != '/' && path[len] != '\0') || len < best_len)
        continue;
      g_free (best);
      best = g_strdup (dash);
      best_len = len;
    }
  return best;
}

char *
oc_store_network_fs (const char *dir)
{
  const char *forced = g_getenv ("OCCAM_TEST_FS_TYPE");
  struct statfs st;

  /* Tests: pretend the store's file system is this one ("nfs"), or a local one ("local"). */
  if (forced != NULL && forced[0] != '\0')
    return strcmp (forced, "local") == 0 ? NULL : g_strdup (forced);
  if (statfs (dir, &st) != 0)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (network_magics); i++)
    if ((gint64) (guint32) st.f_type == network_magics[i].magic)
      return g_strdup (network_magics[i].name);
  if ((guint32) st.f_type == FUSE_SUPER_MAGIC)
    {
      g_autofree char *type = mount_type (dir);

      for (guint i = 0; type != NULL && i < G_N_ELEMENTS (network_fuse); i++)
        if (g_str_has_prefix (type, "fuse.") && strcmp (type + 5, network_fuse[i]) == 0)
          return g_steal_pointer (&type);
    }
  return NULL;
}
