/* oc-path-guard.c — see oc-path-guard.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
/* realpath() is an XSI function. */
#define _XOPEN_SOURCE 700

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "oc-config.h"
#include "occam/oc-error.h"
#include "occam/oc-path-guard.h"
#include "oc-idx.h"
#include <glib/gi18n-lib.h>

/* More symbolic links than this in one path is a loop (the kernel's own limit is 40). */
#define MAX_LINK_DEPTH 40

typedef struct
{
  char    *path;     /* as given */
  char    *resolved; /* canonical: symbolic links and ".." resolved as far as folders exist */
  char    *what;
  char    *arg;      /* how the command was given it, or NULL */
  gboolean exists;
  dev_t    dev;
  ino_t    ino;
} Guarded;

struct _OcPathGuard
{
  GPtrArray *entries; /* of Guarded* */
};

static void
guarded_free (Guarded *g)
{
  g_free (g->path);
  g_free (g->resolved);
  g_free (g->what);
  g_free (g->arg);
  g_free (g);
}

OcPathGuard *
oc_path_guard_new (void)
{
  OcPathGuard *guard = g_new0 (OcPathGuard, 1);

  guard->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) guarded_free);
  return guard;
}

void
oc_path_guard_free (OcPathGuard *guard)
{
  if (guard == NULL)
    return;
  g_ptr_array_unref (guard->entries);
  g_free (guard);
}

/* The file @path names, absolute, without symbolic links or "." and "..": realpath() when it
 * exists; otherwise its folder resolved the same way (recursively) with its name appended, and a
 * dangling symbolic link followed to where it points, since writing through it creates that file.
 * Folders that do not exist are taken as they are written. */
static char *
resolve (const char *path, guint depth)
{
  char real[PATH_MAX];
  g_autofree char *abs = NULL, *dir = NULL, *base = NULL, *rdir = NULL, *joined = NULL;
  g_autofree char *target = NULL, *cwd = NULL;

  if (realpath (path, real) != NULL)
    return g_strdup (real);
  if (g_path_is_absolute (path))
    abs = g_strdup (path);
  else
    {
      cwd = g_get_current_dir ();
      abs = g_build_filename (cwd, path, NULL);
    }
  if (depth > MAX_LINK_DEPTH)
    return g_canonicalize_filename (abs, NULL);
  dir = g_path_get_dirname (abs);
  base = g_path_get_basename (abs);
  if (strcmp (dir, abs) == 0 || strcmp (base, G_DIR_SEPARATOR_S) == 0)
    return g_steal_pointer (&abs);
  rdir = resolve (dir, depth + 1);
  if (strcmp (base, ".") == 0)
    return g_steal_pointer (&rdir);
  if (strcmp (base, "..") == 0)
    return g_path_get_dirname (rdir);
  joined = g_build_filename (rdir, base, NULL);
  target = g_file_read_link (joined, NULL);
  if (target != NULL)
    {
      g_autofree char *next = g_path_is_absolute (target) ? g_strdup (target)
                                                          : g_build_filename (rdir, target, NULL);

      return resolve (next, depth + 1);
    }
  return g_steal_pointer (&joined);
}

static Guarded *
guarded_new (const char *path, const char *what, const char *arg)
{
  Guarded *g = g_new0 (Guarded, 1);
  GStatBuf st;

  g->path = g_strdup (path);
  g->resolved = resolve (path, 0);
  g->what = g_strdup (what);
  g->arg = g_strdup (arg);
  if (g_stat (path, &st) == 0)
    {
      g->exists = TRUE;
      g->dev = st.st_dev;
      g->ino = st.st_ino;
    }
  return g;
}

void
oc_path_guard_add (OcPathGuard *guard, const char *path, const char *what, const char *arg)
{
  g_return_if_fail (guard != NULL && path != NULL && what != NULL);

  g_ptr_array_add (guard->entries, guarded_new (path, what, arg));
}

void
oc_path_guard_add_store (OcPathGuard *guard, const char *path, const char *what, const char *arg)
{
  static const char *const sidecars[][2] = {
    { "-wal", "the write-ahead log" },
    { "-shm", "the shared-memory index" },
    { "-journal", "the rollback journal" },
    { "-running", "the run-lock file" },
  };
  g_autofree char *real = NULL;

  g_return_if_fail (guard != NULL && path != NULL);

  if (what == NULL)
    what = "the experiment store";
  oc_path_guard_add (guard, path, what, arg);
  /* SQLite names its files after the store's real path: beside the link's target when the store
   * is a symbolic link. Guard both places. */
  real = resolve (path, 0);
  for (guint i = 0; i < G_N_ELEMENTS (sidecars); i++)
    {
      g_autofree char *given = g_strconcat (path, sidecars[i][0], NULL);
      g_autofree char *beside_real = g_strconcat (real, sidecars[i][0], NULL);
      g_autofree char *sidecar = g_strdup_printf ("%s of %s", sidecars[i][1], what);

      oc_path_guard_add (guard, given, sidecar, arg);
      oc_path_guard_add (guard, beside_real, sidecar, arg);
    }
}

/* The four files of an MNIST-format folder that the loader would read (those that exist). */
static void
add_idx_folder (OcPathGuard *guard, const char *dir, const char *arg)
{
  static const char *const parts[][2] = {
    { "train-images", "idx3-ubyte" }, { "train-labels", "idx1-ubyte" },
    { "t10k-images", "idx3-ubyte" },  { "t10k-labels", "idx1-ubyte" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      g_autofree char *path = oc_idx_find (dir, parts[i][0], parts[i][1], NULL, NULL);

      if (path != NULL)
        oc_path_guard_add (guard, path, "a file of the dataset", arg);
    }
}

void
oc_path_guard_add_spec (OcPathGuard *guard, const OcSpec *spec, gboolean for_cli)
{
  const OcDataOptions *data;
  const OcSpecField *fields;
  guint n_fields;

  g_return_if_fail (guard != NULL && spec != NULL);

  fields = oc_spec_kind_fields (oc_spec_get_kind (spec), &n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      const OcSpecField *f = &fields[i];
      g_autofree char *value = NULL, *arg = NULL;

      if (!(f->flags & OC_SPEC_FIELD_PATH))
        continue;
      value = oc_spec_get_field_text (spec, f->section, f->name);
      if (value == NULL || value[0] == '\0')
        continue;
      arg = for_cli && f->flag != NULL ? g_strdup_printf ("--%s %s", f->flag, value)
                                       : g_strdup_printf ("$.%s.%s = %s", f->section, f->name,
                                                          value);
      /* The only folders a spec names are MNIST-format ones (data.data_dir). */
      if (g_file_test (value, G_FILE_TEST_IS_DIR))
        add_idx_folder (guard, value, arg);
      else
        oc_path_guard_add (guard, value, "an input of the experiment", arg);
    }
  /* Fashion-MNIST without a folder reads the packaged one (oc_dataset_load). */
  data = oc_spec_get_data_options (spec);
  if (data != NULL && g_strcmp0 (data->name, "fashion-mnist") == 0
      && (data->data_dir == NULL || data->data_dir[0] == '\0'))
    add_idx_folder (guard, OC_FASHION_MNIST_DIR, "Fashion-MNIST in " OC_FASHION_MNIST_DIR);
}

static gboolean
same_file (const Guarded *g, const char *resolved, gboolean exists, const GStatBuf *st)
{
  if (exists && g->exists)
    return g->dev == st->st_dev && g->ino == st->st_ino;
  return strcmp (g->resolved, resolved) == 0;
}

static void
set_collision (const Guarded *g, const char *path, const char *arg, const char *choose,
               GError **error)
{
  g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT, _("%s%s%s is %s (%s); choose another %s"),
               arg, arg[0] != '\0' ? " " : "", path, g->what, g->arg != NULL ? g->arg : g->path,
               choose);
}

static gboolean
check (const OcPathGuard *guard, const char *path, const char *arg, const char *choose,
       GError **error)
{
  g_autofree char *resolved = resolve (path, 0);
  GStatBuf st;
  gboolean exists = g_stat (path, &st) == 0;

  for (guint i = 0; i < guard->entries->len; i++)
    {
      const Guarded *g = guard->entries->pdata[i];

      if (same_file (g, resolved, exists, &st))
        {
          set_collision (g, path, arg, choose, error);
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
oc_path_guard_check (const OcPathGuard *guard, const char *path, const char *arg, GError **error)
{
  g_return_val_if_fail (guard != NULL && path != NULL && arg != NULL, FALSE);

  /* "-" is standard output: no file, so nothing to collide with (a file named "-" is "./-"). */
  if (strcmp (path, "-") == 0)
    return TRUE;
  return check (guard, path, arg, "file", error);
}

gboolean
oc_path_guard_check_folder (const OcPathGuard *guard, const char *dir, const char *arg,
                            const char *pattern, GError **error)
{
  g_autofree char *rdir = NULL;

  g_return_val_if_fail (guard != NULL && dir != NULL && arg != NULL, FALSE);

  if (!check (guard, dir, arg, "folder", error))
    return FALSE;
  rdir = resolve (dir, 0);
  for (guint i = 0; i < guard->entries->len; i++)
    {
      const Guarded *g = guard->entries->pdata[i];
      g_autofree char *parent = g_path_get_dirname (g->resolved);
      g_autofree char *name = g_path_get_basename (g->resolved);

      if (strcmp (parent, rdir) == 0 && (pattern == NULL || g_pattern_match_simple (pattern, name)))
        {
          g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                       _("%s%s%s would write over %s, %s (%s); choose another folder"), arg,
                       arg[0] != '\0' ? " " : "", dir, g->path, g->what,
                       g->arg != NULL ? g->arg : g->path);
          return FALSE;
        }
    }
  return TRUE;
}
