/* driver.c — replays fuzz corpora through a harness without libFuzzer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The default (GCC) build links each harness with this main() instead of -fsanitize=fuzzer, so
 * `meson test` feeds every committed corpus and regression file to the same
 * LLVMFuzzerTestOneInput() that libFuzzer runs. Arguments are files or folders (their files,
 * sorted, one level deep; a missing folder is skipped, as a harness may have no regressions yet);
 * arguments starting with '-' are libFuzzer options and ignored. Output is TAP, one test per file;
 * a crash or a failed assertion ends the process and so fails the test.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz-common.h"

static gint
compare_paths (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

static void
add_inputs (GPtrArray *files, const char *arg)
{
  g_autoptr (GDir) dir = NULL;
  g_autoptr (GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (!g_file_test (arg, G_FILE_TEST_IS_DIR))
    {
      if (g_file_test (arg, G_FILE_TEST_EXISTS))
        g_ptr_array_add (files, g_strdup (arg));
      return;
    }
  dir = g_dir_open (arg, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (arg, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        g_ptr_array_add (found, g_steal_pointer (&path));
    }
  g_ptr_array_sort (found, compare_paths);
  for (guint i = 0; i < found->len; i++)
    g_ptr_array_add (files, g_strdup (found->pdata[i]));
}

int
main (int argc, char **argv)
{
  g_autoptr (GPtrArray) files = g_ptr_array_new_with_free_func (g_free);

  LLVMFuzzerInitialize (&argc, &argv);
  for (int i = 1; i < argc; i++)
    if (argv[i][0] != '-')
      add_inputs (files, argv[i]);

  printf ("1..%u\n", files->len);
  for (guint i = 0; i < files->len; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *contents = NULL;
      gsize len;

      if (!g_file_get_contents (files->pdata[i], &contents, &len, &error))
        {
          printf ("not ok %u - %s: %s\n", i + 1, (const char *) files->pdata[i], error->message);
          continue;
        }
      /* A private copy of exactly @len bytes (never NULL, as with libFuzzer), so
       * AddressSanitizer sees a read past the end (g_file_get_contents adds a NUL that would
       * hide it). */
      {
        g_autofree guint8 *copy = g_malloc (MAX (len, 1));

        memcpy (copy, contents, len);

        LLVMFuzzerTestOneInput (copy, len);
      }
      printf ("ok %u - %s\n", i + 1, (const char *) files->pdata[i]);
      fflush (stdout);
    }
  return 0;
}
