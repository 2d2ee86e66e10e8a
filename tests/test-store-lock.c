/* test-store-lock.c — an experiment a live process runs reads as running everywhere, one that
 * nobody runs any more (its process died) reads as interrupted, and no two connections compute
 * the same experiment at once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <string.h>

#include "occam/oc-error.h"
#include "occam/oc-store.h"

static OcSpec *
spec_for (guint seed)
{
  g_autofree char *json = g_strdup_printf ("{\"version\":1,\"kind\":\"train\",\"data\":"
                                           "{\"name\":\"xor\"},\"train\":{\"seed\":%u}}", seed);
  g_autoptr (GError) error = NULL;
  OcSpec *spec = oc_spec_new_from_json (json, -1, NULL, &error);

  g_assert_no_error (error);
  return spec;
}

static OcStatus
status_of (OcStore *store, const char *id)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (OcStoreExperiment) e = oc_store_find_experiment (store, id, &error);

  g_assert_no_error (error);
  return e != NULL ? e->status : OC_STATUS_FAILED;
}

static void
test_running_and_interrupted (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("occam-lock-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "occam.db", NULL);
  const char *const files[] = { "", "-wal", "-shm", "-running" };
  g_autoptr (OcStore) watcher = NULL;
  g_autoptr (OcSpec) spec = spec_for (1);
  g_autofree char *id = oc_spec_id (spec);
  OcStore *runner;

  runner = oc_store_open (path, OC_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  watcher = oc_store_open (path, OC_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);

  /* Running: held by the runner's connection, seen as running by both. */
  g_assert_true (oc_store_begin_experiment (runner, spec, 1, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (status_of (runner, id), ==, OC_STATUS_RUNNING);
  g_assert_cmpint (status_of (watcher, id), ==, OC_STATUS_RUNNING);
  /* The same connection may begin it again (a resume); another may not, nor remove it. */
  g_assert_true (oc_store_begin_experiment (runner, spec, 1, NULL, &error));
  g_assert_false (oc_store_begin_experiment (watcher, spec, 1, NULL, &error));
  g_assert_error (error, OC_ERROR, OC_ERROR_STORE);
  g_assert_nonnull (strstr (error->message, "being computed by another process"));
  g_clear_error (&error);
  g_assert_false (oc_store_remove_experiment (watcher, id, NULL, &error));
  g_assert_error (error, OC_ERROR, OC_ERROR_STORE);
  g_clear_error (&error);

  /* The runner goes away without saying how it ended (as kill -9 would): interrupted. */
  oc_store_close (runner);
  g_assert_cmpint (status_of (watcher, id), ==, OC_STATUS_INTERRUPTED);
  g_assert_cmpstr (oc_status_to_string (OC_STATUS_INTERRUPTED), ==, "interrupted");

  /* Anyone may resume it now; a final status lets it go. */
  g_assert_true (oc_store_begin_experiment (watcher, spec, 1, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (status_of (watcher, id), ==, OC_STATUS_RUNNING);
  g_assert_true (oc_store_set_experiment_status (watcher, id, OC_STATUS_CANCELLED, &error));
  g_assert_cmpint (status_of (watcher, id), ==, OC_STATUS_CANCELLED);
  runner = oc_store_open (path, OC_STORE_OPEN_DEFAULT, &error);
  g_assert_true (oc_store_begin_experiment (runner, spec, 1, NULL, &error));
  g_assert_no_error (error);
  /* Removing one's own running experiment (a run that failed on bad input) is allowed. */
  g_assert_true (oc_store_remove_experiment (runner, id, NULL, &error));
  g_assert_no_error (error);
  oc_store_close (runner);

  g_clear_pointer (&watcher, oc_store_close);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *f = g_strconcat (path, files[i], NULL);

      g_unlink (f);
    }
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/store-lock/running-and-interrupted", test_running_and_interrupted);
  return g_test_run ();
}
