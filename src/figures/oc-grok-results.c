/* oc-grok-results.c — see oc-grok-results.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include "occam/oc-error.h"
#include "occam/oc-experiment.h"
#include "occam-figures/oc-grok-results.h"
#include "oc-config.h"
#include <glib/gi18n-lib.h>

struct _OcGrokResults
{
  OcSpec *spec;
  char   *id;
  guint   modulus;
  GArray *runs; /* OcGrokRun */
};

static void
run_reset (OcGrokRun *r)
{
  g_clear_pointer (&r->error, g_free);
  g_array_set_size (r->evals, 0);
  g_array_set_size (r->measures, 0);
  g_array_set_size (r->spectrum, 0);
  g_clear_pointer (&r->pairs_memorised, g_free);
  g_clear_pointer (&r->pairs_final, g_free);
  r->pair_rows = r->pair_cols = 0;
  r->memorised = r->generalised = -1;
  r->received = FALSE;
  r->status = OC_STATUS_RUNNING;
  r->seconds = 0;
}

static void
run_clear (gpointer data)
{
  OcGrokRun *r = data;

  g_free (r->key);
  g_free (r->label);
  g_free (r->error);
  g_clear_pointer (&r->evals, g_array_unref);
  g_clear_pointer (&r->measures, g_array_unref);
  g_clear_pointer (&r->spectrum, g_array_unref);
  g_free (r->pairs_memorised);
  g_free (r->pairs_final);
}

OcGrokResults *
oc_grok_results_new (const OcSpec *spec)
{
  OcGrokResults *r;
  g_autoptr (GArray) points = NULL;
  const OcDataOptions *data;

  g_return_val_if_fail (spec != NULL && g_strcmp0 (oc_spec_get_kind (spec), "grok") == 0, NULL);

  r = g_new0 (OcGrokResults, 1);
  r->spec = oc_spec_dup (spec);
  r->id = oc_spec_id (spec);
  data = oc_spec_get_data_options (spec);
  r->modulus = g_strcmp0 (data->name, "modadd") == 0 ? data->modulus : 0;
  r->runs = g_array_new (FALSE, TRUE, sizeof (OcGrokRun));
  g_array_set_clear_func (r->runs, run_clear);
  points = oc_grok_points (spec);
  for (guint i = 0; i < points->len; i++)
    {
      OcGrokRun run = { 0 };

      run.point = g_array_index (points, OcGrokPoint, i);
      run.key = oc_grok_point_key (&run.point);
      run.label = g_strdup_printf ("fraction %g · wd %g · seed %" G_GUINT64_FORMAT,
                                   run.point.train_fraction, run.point.weight_decay,
                                   run.point.seed);
      run.evals = g_array_new (FALSE, TRUE, sizeof (OcEvalPoint));
      run.measures = g_array_new (FALSE, TRUE, sizeof (double));
      run.spectrum = g_array_new (FALSE, TRUE, sizeof (float));
      run.n_frequencies = r->modulus > 0 ? oc_grok_n_frequencies (r->modulus) : 0;
      run_reset (&run);
      g_array_append_val (r->runs, run);
    }
  return r;
}

void
oc_grok_results_free (OcGrokResults *r)
{
  if (r == NULL)
    return;
  g_clear_pointer (&r->runs, g_array_unref);
  g_clear_pointer (&r->spec, oc_spec_free);
  g_free (r->id);
  g_free (r);
}

const OcSpec *
oc_grok_results_get_spec (const OcGrokResults *r)
{
  return r->spec;
}

guint
oc_grok_results_get_n_runs (const OcGrokResults *r)
{
  return r->runs->len;
}

const OcGrokRun *
oc_grok_results_get_run (const OcGrokResults *r, guint index)
{
  g_return_val_if_fail (index < r->runs->len, NULL);
  return &g_array_index (r->runs, OcGrokRun, index);
}

int
oc_grok_results_find (const OcGrokResults *r, const char *key)
{
  for (guint i = 0; i < r->runs->len; i++)
    if (g_strcmp0 (g_array_index (r->runs, OcGrokRun, i).key, key) == 0)
      return (int) i;
  return -1;
}

guint
oc_grok_results_get_n_finished (const OcGrokResults *r)
{
  guint n = 0;

  for (guint i = 0; i < r->runs->len; i++)
    n += g_array_index (r->runs, OcGrokRun, i).status == OC_STATUS_FINISHED;
  return n;
}

guint
oc_grok_results_get_modulus (const OcGrokResults *r)
{
  return r->modulus;
}

static void
update_steps (OcGrokRun *run)
{
  oc_grok_summary_steps ((const OcEvalPoint *) run->evals->data, run->evals->len,
                         &run->memorised, &run->generalised);
}

void
oc_grok_results_add_eval (OcGrokResults *r, guint index, const OcEvalPoint *eval,
                          const double *measures, guint n_measures)
{
  OcGrokRun *run;

  g_return_if_fail (index < r->runs->len && eval != NULL);

  run = &g_array_index (r->runs, OcGrokRun, index);
  if (eval->iteration == 0 || run->status != OC_STATUS_RUNNING)
    run_reset (run);
  run->received = TRUE;
  g_array_append_val (run->evals, *eval);
  for (guint m = 0; m < OC_GROK_N_MEASURES; m++)
    {
      double v = measures != NULL && m < n_measures ? measures[m] : NAN;

      g_array_append_val (run->measures, v);
    }
  update_steps (run);
}

static gboolean
take_artifacts (OcGrokRun *run, GPtrArray *artifacts, GError **error)
{
  static const char *const names[] = { "measures", "spectrum", "pairs_memorised", "pairs_final" };

  for (guint k = 0; k < G_N_ELEMENTS (names); k++)
    {
      const OcStoreArtifact *a = oc_store_artifacts_find (artifacts, names[k]);
      g_autoptr (OcNpyArray) arr = NULL;

      if (a == NULL)
        continue;
      arr = oc_store_artifact_decode (a, error);
      if (arr == NULL)
        return FALSE;
      if (k == 0 && arr->dtype == OC_NPY_FLOAT32 && arr->n_dims == 2
          && arr->shape[1] == OC_GROK_N_MEASURES)
        {
          g_array_set_size (run->measures, 0);
          for (gsize i = 0; i < arr->n_elems; i++)
            {
              double v = ((const float *) arr->data)[i];

              g_array_append_val (run->measures, v);
            }
        }
      else if (k == 1 && arr->dtype == OC_NPY_FLOAT32 && arr->n_dims == 2
               && arr->shape[1] == run->n_frequencies)
        {
          g_array_set_size (run->spectrum, 0);
          g_array_append_vals (run->spectrum, arr->data, (guint) arr->n_elems);
        }
      else if (k >= 2 && arr->dtype == OC_NPY_UINT8 && arr->n_dims == 2)
        {
          guint8 **slot = k == 2 ? &run->pairs_memorised : &run->pairs_final;

          g_free (*slot);
          *slot = g_memdup2 (arr->data, arr->n_elems);
          run->pair_rows = (guint) arr->shape[0];
          run->pair_cols = (guint) arr->shape[1];
        }
    }
  return TRUE;
}

gboolean
oc_grok_results_set_point (OcGrokResults *r, guint index, const OcStorePoint *p,
                           GPtrArray *artifacts, GError **error)
{
  OcGrokRun *run;

  g_return_val_if_fail (index < r->runs->len && p != NULL, FALSE);

  run = &g_array_index (r->runs, OcGrokRun, index);
  run_reset (run);
  run->received = TRUE;
  run->status = p->status;
  run->error = g_strdup (p->error);
  run->seconds = p->seconds;
  if (p->evals != NULL)
    g_array_append_vals (run->evals, p->evals->data, p->evals->len);
  if (!take_artifacts (run, artifacts, error))
    return FALSE;
  update_steps (run);
  return TRUE;
}

int
oc_grok_results_load (OcGrokResults *r, OcStore *store, GError **error)
{
  g_autoptr (GPtrArray) points = NULL;
  g_autoptr (GError) local = NULL;
  int found = 0;

  points = oc_store_list_points (store, r->id, TRUE, &local);
  if (points == NULL)
    {
      if (g_error_matches (local, OC_ERROR, OC_ERROR_NOT_FOUND))
        return 0;
      g_propagate_error (error, g_steal_pointer (&local));
      return -1;
    }
  for (guint i = 0; i < points->len; i++)
    {
      const OcStorePoint *p = points->pdata[i];
      int index = oc_grok_results_find (r, p->key);
      g_autoptr (GPtrArray) artifacts = g_ptr_array_new_with_free_func (
        (GDestroyNotify) oc_store_artifact_free);
      static const char *const names[] = { "measures", "spectrum", "pairs_memorised",
                                           "pairs_final" };

      if (index < 0)
        continue;
      for (guint k = 0; k < G_N_ELEMENTS (names); k++)
        {
          g_autoptr (GError) missing = NULL;
          g_autoptr (OcNpyArray) a = oc_store_get_artifact (store, r->id, p->key, names[k],
                                                            &missing);
          OcStoreArtifact *sa;

          if (a == NULL)
            {
              if (g_error_matches (missing, OC_ERROR, OC_ERROR_NOT_FOUND))
                continue;
              g_propagate_error (error, g_steal_pointer (&missing));
              return -1;
            }
          sa = oc_store_artifact_new (names[k], a, error);
          if (sa == NULL)
            return -1;
          g_ptr_array_add (artifacts, sa);
        }
      if (!oc_grok_results_set_point (r, (guint) index, p, artifacts, error))
        return -1;
      found++;
    }
  return found;
}

gboolean
oc_grok_run_jump_evals (const OcGrokRun *run, guint *before, guint *after)
{
  guint n;

  g_return_val_if_fail (run != NULL && before != NULL && after != NULL, FALSE);

  n = run->n_frequencies > 0 ? run->spectrum->len / run->n_frequencies : 0;
  n = MIN (n, run->evals->len);
  if (n == 0)
    return FALSE;
  *before = 0;
  *after = n - 1;
  for (guint i = 0; i < n; i++)
    {
      gint64 step = (gint64) g_array_index (run->evals, OcEvalPoint, i).iteration;

      if (run->memorised >= 0 && step == run->memorised)
        *before = i;
      if (run->generalised >= 0 && step == run->generalised)
        *after = i;
    }
  return TRUE;
}

char *
oc_grok_format_step (gint64 step)
{
  return step < 0 ? g_strdup (_("never")) : g_strdup_printf ("%" G_GINT64_FORMAT, step);
}

char *
oc_grok_format_ratio (gint64 memorised, gint64 generalised)
{
  if (memorised <= 0 || generalised < 0)
    return g_strdup ("—");
  return g_strdup_printf ("×%.3g", (double) generalised / (double) memorised);
}
