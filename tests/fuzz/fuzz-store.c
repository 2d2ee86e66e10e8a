/* fuzz-store.c — opening, reading and merging an experiment store file of arbitrary bytes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input is written as a file and used as `occam-cli runs merge` and `runs list/show` would:
 * first merged into a fresh store (which attaches it read-only), then opened itself and read back
 * completely — every experiment, its stored spec, every point with its curve, every artifact
 * decoded — and checked. Both stores are private copies in the scratch folder.
 */
#include <string.h>

#include <glib/gstdio.h>

#include "occam/oc-error.h"
#include "occam/oc-store.h"
#include "fuzz-common.h"

#define INPUT_NAME "input.db"
#define FRESH_NAME "fresh.db"

/* A freshly created, empty store: creating the schema on every input would cost more than the
 * rest, so it is made once and its bytes copied. */
static GBytes *fresh_store;

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  OcStore *store;
  gsize len;

  oc_fuzz_init ();
  path = g_build_filename (oc_fuzz_dir (), FRESH_NAME, NULL);
  store = oc_store_open (path, OC_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_clear_pointer (&store, oc_store_close);
  if (!g_file_get_contents (path, &contents, &len, &error))
    g_error ("%s", error->message);
  fresh_store = g_bytes_new_take (g_steal_pointer (&contents), len);
  oc_fuzz_remove (FRESH_NAME);
  return 0;
}

static void
check_error (const GError *error)
{
  g_assert (error != NULL && error->domain == OC_ERROR && error->message != NULL);
}

/* Reads every row of @store that a front end can reach, checking what the API promises. */
static void
read_all (OcStore *store)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) experiments = oc_store_list_experiments (store, &error);

  if (experiments == NULL)
    {
      check_error (error);
      return;
    }
  for (guint i = 0; i < experiments->len; i++)
    {
      const OcStoreExperiment *e = experiments->pdata[i];
      g_autoptr (OcStoreExperiment) found = NULL;
      g_autoptr (GPtrArray) points = NULL;
      g_autoptr (OcSpec) spec = NULL;
      g_autoptr (GError) local = NULL;

      g_assert (e->id != NULL && e->kind != NULL);
      found = oc_store_find_experiment (store, e->id, &local);
      if (found == NULL)
        check_error (local);
      g_clear_error (&local);
      /* The CLI parses the stored spec to show and resume it. */
      if (e->spec != NULL)
        {
          spec = oc_spec_new_from_json (e->spec, -1, NULL, &local);
          if (spec == NULL)
            check_error (local);
          g_clear_error (&local);
        }

      points = oc_store_list_points (store, e->id, TRUE, &local);
      if (points == NULL)
        {
          check_error (local);
          continue;
        }
      for (guint j = 0; j < points->len; j++)
        {
          const OcStorePoint *p = points->pdata[j];
          g_autoptr (OcStorePoint) one = NULL, copy = NULL;
          g_autoptr (GPtrArray) names = NULL, missing = NULL;
          const char *keys[1] = { p->key };

          g_assert (p->key != NULL);
          copy = oc_store_point_dup (p);
          one = oc_store_get_point (store, e->id, p->key, TRUE, &local);
          if (one == NULL)
            check_error (local);
          g_clear_error (&local);
          missing = oc_store_missing_points (store, e->id, keys, 1, &local);
          if (missing == NULL)
            check_error (local);
          g_clear_error (&local);

          names = oc_store_list_artifacts (store, e->id, p->key, &local);
          if (names == NULL)
            {
              check_error (local);
              g_clear_error (&local);
              continue;
            }
          for (guint k = 0; k < names->len; k++)
            {
              g_autoptr (OcNpyArray) a = oc_store_get_artifact (store, e->id, p->key,
                                                                names->pdata[k], &local);

              if (a == NULL)
                check_error (local);
              g_clear_error (&local);
            }
        }
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autofree char *input = NULL, *fresh = NULL;
  g_autoptr (GError) error = NULL;

  oc_fuzz_remove (INPUT_NAME);
  oc_fuzz_remove (FRESH_NAME);
  input = oc_fuzz_write (INPUT_NAME, data, size);
  fresh = oc_fuzz_write (FRESH_NAME, g_bytes_get_data (fresh_store, NULL),
                         g_bytes_get_size (fresh_store));

  /* Merging first: it attaches the file read-only, as it is, before opening it below may
   * migrate it or switch its journal. */
  {
    g_autoptr (OcStore) store = oc_store_open (fresh, OC_STORE_OPEN_DEFAULT, &error);
    OcStoreMergeStats stats;

    g_assert_no_error (error);
    if (oc_store_merge (store, input, &stats, &error))
      {
        /* A second merge of the same file adds nothing. */
        g_assert_true (oc_store_merge (store, input, &stats, &error));
        g_assert_no_error (error);
        g_assert_cmpuint (stats.experiments_added, ==, 0);
        g_assert_cmpuint (stats.points_added, ==, 0);
        read_all (store);
      }
    else
      check_error (error);
    g_clear_error (&error);
  }

  {
    g_autoptr (OcStore) store = oc_store_open (input, OC_STORE_OPEN_DEFAULT, &error);

    if (store == NULL)
      {
        check_error (error);
        g_assert (strstr (error->message, input) != NULL);
      }
    else
      {
        read_all (store);
        if (!oc_store_check_integrity (store, &error))
          check_error (error);
      }
  }
  oc_fuzz_remove (INPUT_NAME);
  oc_fuzz_remove (FRESH_NAME);
  return 0;
}
