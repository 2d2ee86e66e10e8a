/* store-writer.c — writes points to a store in a loop, for test-store's SIGKILL test.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: store-writer STORE N_POINTS CURVE_ROWS
 * Records the experiment of the default train spec with N_POINTS planned points keyed
 * {"seed":i}, each with CURVE_ROWS curve rows and a float32 artifact, and prints "i" on its own
 * line (flushed) after each point's transaction committed. test-store kills it part-way.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "occam/oc-store.h"

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (OcSpec) spec = NULL;
  g_autoptr (OcStore) store = NULL;
  g_autofree char *id = NULL;
  guint n_points, rows;

  if (argc != 4)
    {
      fprintf (stderr, "usage: store-writer STORE N_POINTS CURVE_ROWS\n");
      return 2;
    }
  n_points = (guint) strtoul (argv[2], NULL, 10);
  rows = (guint) strtoul (argv[3], NULL, 10);

  spec = oc_spec_new ("train", &error);
  store = spec != NULL ? oc_store_open (argv[1], OC_STORE_OPEN_CREATE, &error) : NULL;
  if (store == NULL || !oc_store_begin_experiment (store, spec, n_points, NULL, &error))
    {
      fprintf (stderr, "store-writer: %s\n", error->message);
      return 1;
    }
  id = oc_spec_id (spec);

  for (guint i = 0; i < n_points; i++)
    {
      g_autofree char *key = g_strdup_printf ("{\"seed\":%u}", i);
      g_autoptr (OcStorePoint) p = oc_store_point_new (id, key);
      g_autoptr (GPtrArray) artifacts = g_ptr_array_new_with_free_func (
        (GDestroyNotify) oc_store_artifact_free);
      g_autoptr (OcNpyArray) weights = NULL;
      gsize shape[2] = { 64, 256 };
      OcStoreArtifact *a;

      p->evals = g_array_new (FALSE, FALSE, sizeof (OcEvalPoint));
      for (guint r = 0; r < rows; r++)
        {
          OcEvalPoint e = { .iteration = r * 10, .epoch = r, .train_loss = 1.0 / (r + 1),
                            .train_error = 0.5, .val_loss = NAN, .val_error = NAN,
                            .test_loss = 2.0 / (r + 1), .test_error = 0.25, .seconds = r };

          g_array_append_val (p->evals, e);
        }
      p->final = g_array_index (p->evals, OcEvalPoint, rows - 1);
      p->early_stop = p->final;
      p->iterations = (rows - 1) * 10;
      p->seconds = 1.0;

      weights = oc_npy_array_new (OC_NPY_FLOAT32, 2, shape, &error);
      for (gsize k = 0; weights != NULL && k < weights->n_elems; k++)
        ((float *) weights->data)[k] = (float) (i + k);
      a = weights != NULL ? oc_store_artifact_new ("weights", weights, &error) : NULL;
      if (a != NULL)
        g_ptr_array_add (artifacts, a);
      if (a == NULL || !oc_store_put_point (store, p, artifacts, &error))
        {
          fprintf (stderr, "store-writer: %s\n", error->message);
          return 1;
        }
      printf ("%u\n", i);
      fflush (stdout);
    }
  return 0;
}
