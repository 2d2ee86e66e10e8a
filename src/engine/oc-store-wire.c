/* oc-store-wire.c — a point as the store records it, in bytes: for sending points between
 * processes (occam-cli --mpi) so that the process that owns the store records exactly what the
 * process that computed them would have.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GVariant in normal form, versioned by its first member. Everything OcStorePoint holds (its
 * curve too) and every artifact travel; nothing is recomputed on arrival.
 */
#include "occam/oc-error.h"
#include "occam/oc-store.h"
#include "oc-config.h"
#include <glib/gi18n-lib.h>
#include <inttypes.h>

#define WIRE_VERSION 1u
#define EVAL_TYPE    "(tdddddddd)"
/* The type, and the format that passes the evaluations as GVariants (@). */
#define WIRE_TYPE \
  "(ussumsmsmsdumstuuutdddd" EVAL_TYPE EVAL_TYPE "ba" EVAL_TYPE "a(sssay)b)"
#define WIRE_FORMAT \
  "(ussumsmsmsdumstuuutdddd@" EVAL_TYPE "@" EVAL_TYPE "ba" EVAL_TYPE "a(sssay)b)"

static GVariant *
eval_to_variant (const OcEvalPoint *e)
{
  return g_variant_new (EVAL_TYPE, e->iteration, e->epoch, e->train_loss, e->train_error,
                        e->val_loss, e->val_error, e->test_loss, e->test_error, e->seconds);
}

static void
eval_from_variant (GVariant *v, OcEvalPoint *e)
{
  g_variant_get (v, EVAL_TYPE, &e->iteration, &e->epoch, &e->train_loss, &e->train_error,
                 &e->val_loss, &e->val_error, &e->test_loss, &e->test_error, &e->seconds);
}

GBytes *
oc_store_point_to_bytes (const OcStorePoint *p, GPtrArray *artifacts, gboolean reused)
{
  GVariantBuilder evals, arts;
  g_autoptr (GVariant) v = NULL;

  g_return_val_if_fail (p != NULL && p->experiment_id != NULL && p->key != NULL, NULL);

  g_variant_builder_init (&evals, G_VARIANT_TYPE ("a" EVAL_TYPE));
  for (guint i = 0; p->evals != NULL && i < p->evals->len; i++)
    g_variant_builder_add_value (&evals, eval_to_variant (&g_array_index (p->evals, OcEvalPoint,
                                                                          i)));
  g_variant_builder_init (&arts, G_VARIANT_TYPE ("a(sssay)"));
  for (guint i = 0; artifacts != NULL && i < artifacts->len; i++)
    {
      const OcStoreArtifact *a = artifacts->pdata[i];

      g_variant_builder_add (&arts, "(sss@ay)", a->name, a->dtype, a->shape,
                             g_variant_new_from_bytes (G_VARIANT_TYPE_BYTESTRING, a->npy, TRUE));
    }
  v = g_variant_ref_sink (g_variant_new (
    WIRE_FORMAT, WIRE_VERSION, p->experiment_id, p->key, (guint32) p->status, p->error, p->started,
    p->finished, p->seconds, p->threads, p->architecture, p->parameters, p->n_train, p->n_val,
    p->n_test, p->iterations, p->train_seconds, p->eval_seconds, p->seconds_per_epoch, p->gflops,
    eval_to_variant (&p->final), eval_to_variant (&p->early_stop), p->evals != NULL, &evals, &arts,
    reused));
  return g_variant_get_data_as_bytes (v);
}

gboolean
oc_store_point_from_bytes (GBytes *bytes, OcStorePoint **point_out, GPtrArray **artifacts_out,
                           gboolean *reused_out, GError **error)
{
  g_autoptr (GVariant) v = NULL;
  g_autoptr (GVariant) final = NULL, early = NULL;
  g_autoptr (GVariantIter) evals = NULL, arts = NULL;
  g_autoptr (OcStorePoint) p = NULL;
  g_autoptr (GPtrArray) artifacts = NULL;
  guint32 version, status;
  gboolean has_evals, reused;
  GVariant *child;

  g_return_val_if_fail (bytes != NULL && point_out != NULL && artifacts_out != NULL, FALSE);

  v = g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE (WIRE_TYPE), bytes, FALSE));
  if (!g_variant_is_normal_form (v))
    {
      g_set_error (error, OC_ERROR, OC_ERROR_FORMAT,
                   _("a point sent by another process is damaged (%zu bytes that "
                   "are not a point of this Occam)"), g_bytes_get_size (bytes));
      return FALSE;
    }
  g_variant_get_child (v, 0, "u", &version);
  if (version != WIRE_VERSION)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_FORMAT,
                   _("a point sent by another process has format %u, this Occam reads %u: run the "
                   "same occam-cli on every node"), version, WIRE_VERSION);
      return FALSE;
    }
  p = g_new0 (OcStorePoint, 1);
  g_variant_get (v, WIRE_FORMAT, &version, &p->experiment_id, &p->key, &status, &p->error,
                 &p->started, &p->finished, &p->seconds, &p->threads, &p->architecture,
                 &p->parameters, &p->n_train, &p->n_val, &p->n_test, &p->iterations,
                 &p->train_seconds, &p->eval_seconds, &p->seconds_per_epoch, &p->gflops, &final,
                 &early, &has_evals, &evals, &arts, &reused);
  if (status != OC_STATUS_FINISHED && status != OC_STATUS_FAILED)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_FORMAT,
                   _("a point sent by another process has status %u; a point is finished or failed"),
                   status);
      return FALSE;
    }
  p->status = (OcStatus) status;
  eval_from_variant (final, &p->final);
  eval_from_variant (early, &p->early_stop);
  if (has_evals)
    {
      p->evals = g_array_new (FALSE, FALSE, sizeof (OcEvalPoint));
      while ((child = g_variant_iter_next_value (evals)) != NULL)
        {
          OcEvalPoint e;

          eval_from_variant (child, &e);
          g_array_append_val (p->evals, e);
          g_variant_unref (child);
        }
    }
  artifacts = g_ptr_array_new_with_free_func ((GDestroyNotify) oc_store_artifact_free);
  while ((child = g_variant_iter_next_value (arts)) != NULL)
    {
      OcStoreArtifact *a = g_new0 (OcStoreArtifact, 1);
      g_autoptr (GVariant) npy = NULL;

      g_variant_get (child, "(sss@ay)", &a->name, &a->dtype, &a->shape, &npy);
      a->npy = g_variant_get_data_as_bytes (npy);
      g_ptr_array_add (artifacts, a);
      g_variant_unref (child);
    }
  *point_out = g_steal_pointer (&p);
  *artifacts_out = g_steal_pointer (&artifacts);
  if (reused_out != NULL)
    *reused_out = reused;
  return TRUE;
}
