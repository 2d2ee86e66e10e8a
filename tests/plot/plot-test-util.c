/* plot-test-util.c — helpers shared by the plot tests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <sys/wait.h>

#include <glib/gstdio.h>

#include "plot-test-util.h"

static char *
env_path (const char *var, const char *name)
{
  const char *dir = g_getenv (var);

  g_assert_nonnull (dir);
  return g_build_filename (dir, "plot", name, NULL);
}

char *
plot_test_src_path (const char *name)
{
  return env_path ("OC_TEST_SRCDIR", name);
}

char *
plot_test_build_path (const char *name)
{
  char *path = env_path ("OC_TEST_BUILDDIR", name);
  g_autofree char *dir = g_path_get_dirname (path);

  g_mkdir_with_parents (dir, 0755);
  return path;
}

int
plot_test_run (const char *const *argv, char **err)
{
  g_autoptr (GError) error = NULL;
  int status = -1;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                     NULL, NULL, NULL, err, &status, &error))
    {
      g_test_message ("could not run %s: %s", argv[0], error->message);
      return -1;
    }
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

gboolean
plot_test_have (const char *program)
{
  g_autofree char *path = g_find_program_in_path (program);

  return path != NULL;
}

gboolean
plot_test_png_size (const char *path, int *w, int *h)
{
  cairo_surface_t *s = cairo_image_surface_create_from_png (path);
  gboolean ok = cairo_surface_status (s) == CAIRO_STATUS_SUCCESS;

  if (ok)
    {
      *w = cairo_image_surface_get_width (s);
      *h = cairo_image_surface_get_height (s);
    }
  cairo_surface_destroy (s);
  return ok;
}
