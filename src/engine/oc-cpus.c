/* oc-cpus.c — how many CPUs this process may use; see oc-cpus.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE
#include <errno.h>
#include <math.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>

#include "occam/oc-cpus.h"

static guint cpu_limit; /* atomic; oc_cpus_set_limit() */

/* The CPUs in this process's affinity mask, or 0 when it cannot be read. The mask may be larger
 * than cpu_set_t on machines with more than 1024 CPUs: grow it until it fits. */
static guint
affinity_cpus (void)
{
  for (int n = 1024; n <= 1 << 20; n *= 2)
    {
      gsize size = CPU_ALLOC_SIZE (n);
      cpu_set_t *set = CPU_ALLOC (n);
      guint count = 0;
      int rc;

      if (set == NULL)
        return 0;
      CPU_ZERO_S (size, set);
      rc = sched_getaffinity (0, size, set);
      if (rc == 0)
        count = (guint) CPU_COUNT_S (size, set);
      CPU_FREE (set);
      if (rc == 0)
        return count;
      if (errno != EINVAL)
        return 0;
    }
  return 0;
}

/* The cgroup v2 path of this process ("/user.slice/..."), from the "0::" line of
 * /proc/self/cgroup, or NULL. */
static char *
cgroup_path (void)
{
  g_autofree char *text = NULL;
  g_auto (GStrv) lines = NULL;

  if (!g_file_get_contents ("/proc/self/cgroup", &text, NULL, NULL))
    return NULL;
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "0::"))
      return g_strdup (lines[i] + 3);
  return NULL;
}

/* cpu.max in @dir: "max 100000" (no limit: 0) or "150000 100000" (1.5 CPUs: 2). */
static guint
read_cpu_max (const char *dir)
{
  g_autofree char *file = g_build_filename (dir, "cpu.max", NULL);
  g_autofree char *text = NULL;
  char *end;
  double quota, period;

  if (!g_file_get_contents (file, &text, NULL, NULL) || g_str_has_prefix (text, "max"))
    return 0;
  quota = g_ascii_strtod (text, &end);
  if (end == text)
    return 0;
  period = g_ascii_strtod (end, NULL);
  if (!(quota > 0) || !(period > 0))
    return 0;
  return (guint) MAX (1, ceil (quota / period - 1e-9));
}

/* The tightest cpu.max from this process's cgroup up to the root, or 0. */
static guint
cgroup_cpus (void)
{
  const char *root = g_getenv ("OCCAM_CGROUP_ROOT");
  g_autofree char *path = cgroup_path ();
  g_autofree char *dir = NULL;
  guint best = 0;

  if (root == NULL || root[0] == '\0')
    root = "/sys/fs/cgroup";
  if (path == NULL)
    return 0;
  dir = g_build_filename (root, path, NULL);
  for (;;)
    {
      guint n = read_cpu_max (dir);
      char *parent;

      if (n > 0 && (best == 0 || n < best))
        best = n;
      if (strlen (dir) <= strlen (root))
        break;
      parent = g_path_get_dirname (dir);
      g_free (dir);
      dir = parent;
    }
  return best;
}

static guint
slurm_cpus (void)
{
  const char *s = g_getenv ("SLURM_CPUS_PER_TASK");
  guint64 n;

  if (s == NULL || !g_ascii_string_to_unsigned (s, 10, 1, G_MAXUINT, &n, NULL))
    return 0;
  return (guint) n;
}

void
oc_cpus_describe (guint *affinity, guint *cgroup, guint *slurm)
{
  if (affinity != NULL)
    *affinity = affinity_cpus ();
  if (cgroup != NULL)
    *cgroup = cgroup_cpus ();
  if (slurm != NULL)
    *slurm = slurm_cpus ();
}

static guint
tighter (guint n, guint limit)
{
  return limit > 0 && (n == 0 || limit < n) ? limit : n;
}

guint
oc_cpus_available (void)
{
  guint affinity, cgroup, slurm, n;

  oc_cpus_describe (&affinity, &cgroup, &slurm);
  n = affinity > 0 ? affinity : g_get_num_processors ();
  n = tighter (n, cgroup);
  n = tighter (n, slurm);
  n = tighter (n, g_atomic_int_get (&cpu_limit));
  return MAX (n, 1);
}

void
oc_cpus_set_limit (guint limit)
{
  g_atomic_int_set (&cpu_limit, limit);
}
