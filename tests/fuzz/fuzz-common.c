/* fuzz-common.c — scratch files and strict GLib logging for the fuzz harnesses.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <stdlib.h>

#include <glib/gstdio.h>

#include "fuzz-common.h"

static char *scratch_dir;

static void
remove_scratch (void)
{
  g_autoptr (GDir) dir = NULL;
  const char *name;

  if (scratch_dir == NULL)
    return;
  dir = g_dir_open (scratch_dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (scratch_dir, name, NULL);

      /* One level of sub-folders (the IDX harness's dataset folder). */
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          g_autoptr (GDir) sub = g_dir_open (path, 0, NULL);
          const char *inner;

          while (sub != NULL && (inner = g_dir_read_name (sub)) != NULL)
            {
              g_autofree char *inner_path = g_build_filename (path, inner, NULL);

              g_unlink (inner_path);
            }
          g_rmdir (path);
        }
      else
        g_unlink (path);
    }
  g_rmdir (scratch_dir);
  g_clear_pointer (&scratch_dir, g_free);
}

void
oc_fuzz_init (void)
{
  g_autofree char *template = NULL;

  if (scratch_dir != NULL)
    return;
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  template = g_file_test ("/dev/shm", G_FILE_TEST_IS_DIR)
               ? g_build_filename ("/dev/shm", "occam-fuzz-XXXXXX", NULL)
               : g_build_filename (g_get_tmp_dir (), "occam-fuzz-XXXXXX", NULL);
  scratch_dir = g_mkdtemp (template) != NULL ? g_steal_pointer (&template) : NULL;
  if (scratch_dir == NULL)
    g_error ("cannot create a scratch folder for the fuzz harness: %s", g_strerror (errno));
  atexit (remove_scratch);
}

const char *
oc_fuzz_dir (void)
{
  g_assert (scratch_dir != NULL);
  return scratch_dir;
}

char *
oc_fuzz_write (const char *name, const uint8_t *data, size_t size)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (oc_fuzz_dir (), name, NULL);

  /* Written in place, without the temporary file and rename of G_FILE_SET_CONTENTS_CONSISTENT
   * (libFuzzer calls this thousands of times a second). That mode does not truncate the file, so
   * it is removed first: a shorter input must not keep the previous input's tail. */
  g_unlink (path);
  if (!g_file_set_contents_full (path, (const char *) data, (gssize) size,
                                 G_FILE_SET_CONTENTS_NONE, 0600, &error))
    g_error ("cannot write the fuzz input %s: %s", path, error->message);
  return g_steal_pointer (&path);
}

void
oc_fuzz_remove (const char *name)
{
  static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (name, suffixes[i], NULL);
      g_autofree char *path = g_build_filename (oc_fuzz_dir (), file, NULL);

      g_unlink (path);
    }
}
