/* test-cpus.c — the CPUs this process may use: affinity, cgroup v2 quota, Slurm, and the limit
 * of its own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE
#include <glib/gstdio.h>
#include <sched.h>
#include <string.h>

#include "occam/oc-cpus.h"

/* The process's cgroup v2 path, as the engine reads it. */
static char *
own_cgroup (void)
{
  g_autofree char *text = NULL;
  g_auto (GStrv) lines = NULL;

  g_assert_true (g_file_get_contents ("/proc/self/cgroup", &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "0::"))
      return g_strdup (lines[i] + 3);
  return NULL;
}

static guint
affinity_count (void)
{
  cpu_set_t set;

  CPU_ZERO (&set);
  g_assert_cmpint (sched_getaffinity (0, sizeof set, &set), ==, 0);
  return (guint) CPU_COUNT (&set);
}

static void
write_file (const char *dir, const char *name, const char *text)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr (GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

static void
test_plain (void)
{
  guint affinity, cgroup, slurm;

  g_unsetenv ("SLURM_CPUS_PER_TASK");
  oc_cpus_describe (&affinity, &cgroup, &slurm);
  g_assert_cmpuint (affinity, ==, affinity_count ());
  g_assert_cmpuint (slurm, ==, 0);
  g_assert_cmpuint (oc_cpus_available (), >=, 1);
  g_assert_cmpuint (oc_cpus_available (), <=, affinity);
  if (cgroup > 0)
    g_assert_cmpuint (oc_cpus_available (), <=, cgroup);
}

/* cpu.max of the process's cgroup and of the cgroups above it: the tightest counts, a fraction
 * rounds up, "max" is no limit. The file system is a folder named by OCCAM_CGROUP_ROOT. */
static void
test_cgroup (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *root = g_dir_make_tmp ("occam-cgroup-XXXXXX", &error);
  g_autofree char *path = own_cgroup ();
  g_autofree char *leaf = NULL;
  guint affinity = affinity_count (), cgroup;

  g_assert_no_error (error);
  if (path == NULL)
    {
      g_test_skip ("no cgroup v2 line in /proc/self/cgroup");
      return;
    }
  /* A cgroup one level below the process's own, so that "above it" has a level between. */
  leaf = g_build_filename (root, path, NULL);
  g_unsetenv ("SLURM_CPUS_PER_TASK");
  g_setenv ("OCCAM_CGROUP_ROOT", root, TRUE);

  write_file (leaf, "cpu.max", "max 100000\n");
  oc_cpus_describe (NULL, &cgroup, NULL);
  g_assert_cmpuint (cgroup, ==, 0);
  g_assert_cmpuint (oc_cpus_available (), ==, affinity);

  write_file (leaf, "cpu.max", "50000 100000\n");
  oc_cpus_describe (NULL, &cgroup, NULL);
  g_assert_cmpuint (cgroup, ==, 1);
  g_assert_cmpuint (oc_cpus_available (), ==, 1);

  write_file (leaf, "cpu.max", "350000 100000\n");
  oc_cpus_describe (NULL, &cgroup, NULL);
  g_assert_cmpuint (cgroup, ==, 4);
  g_assert_cmpuint (oc_cpus_available (), ==, MIN (affinity, 4));

  /* The root's quota is tighter than the leaf's: it wins (when the leaf is not the root). */
  if (strcmp (path, "/") != 0)
    {
      write_file (root, "cpu.max", "300000 100000\n");
      oc_cpus_describe (NULL, &cgroup, NULL);
      g_assert_cmpuint (cgroup, ==, 3);
    }

  /* Nonsense is no limit. */
  write_file (leaf, "cpu.max", "lots\n");
  write_file (root, "cpu.max", "max\n");
  oc_cpus_describe (NULL, &cgroup, NULL);
  g_assert_cmpuint (cgroup, ==, 0);

  g_unsetenv ("OCCAM_CGROUP_ROOT");
  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", root);

    g_assert_cmpint (system (cmd), ==, 0);
  }
}

static void
test_slurm_and_limit (void)
{
  guint affinity = affinity_count (), slurm;

  g_setenv ("OCCAM_CGROUP_ROOT", "/nonexistent", TRUE);
  g_setenv ("SLURM_CPUS_PER_TASK", "1", TRUE);
  oc_cpus_describe (NULL, NULL, &slurm);
  g_assert_cmpuint (slurm, ==, 1);
  g_assert_cmpuint (oc_cpus_available (), ==, 1);
  g_setenv ("SLURM_CPUS_PER_TASK", "4096", TRUE);
  g_assert_cmpuint (oc_cpus_available (), ==, affinity);
  g_setenv ("SLURM_CPUS_PER_TASK", "two", TRUE);
  oc_cpus_describe (NULL, NULL, &slurm);
  g_assert_cmpuint (slurm, ==, 0);
  g_unsetenv ("SLURM_CPUS_PER_TASK");

  oc_cpus_set_limit (1);
  g_assert_cmpuint (oc_cpus_available (), ==, 1);
  oc_cpus_set_limit (0);
  g_assert_cmpuint (oc_cpus_available (), ==, affinity);
  g_unsetenv ("OCCAM_CGROUP_ROOT");
}

/* What `taskset -c 0` does: one CPU in the affinity mask is one CPU to use. */
static void
test_affinity (void)
{
  cpu_set_t old, one;

  g_assert_cmpint (sched_getaffinity (0, sizeof old, &old), ==, 0);
  CPU_ZERO (&one);
  for (int c = 0; c < CPU_SETSIZE; c++)
    if (CPU_ISSET (c, &old))
      {
        CPU_SET (c, &one);
        break;
      }
  g_assert_cmpint (sched_setaffinity (0, sizeof one, &one), ==, 0);
  g_setenv ("OCCAM_CGROUP_ROOT", "/nonexistent", TRUE);
  g_assert_cmpuint (oc_cpus_available (), ==, 1);
  g_unsetenv ("OCCAM_CGROUP_ROOT");
  g_assert_cmpint (sched_setaffinity (0, sizeof old, &old), ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cpus/plain", test_plain);
  g_test_add_func ("/cpus/cgroup", test_cgroup);
  g_test_add_func ("/cpus/slurm-and-limit", test_slurm_and_limit);
  g_test_add_func ("/cpus/affinity", test_affinity);
  return g_test_run ();
}
