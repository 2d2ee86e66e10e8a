/* oc-sweep-record.c — see oc-sweep-record.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "occam/oc-sweep-record.h"

OcStorePoint *
oc_sweep_point_record_new (const char *experiment_id, const char *key,
                           const OcPointOutcome *o, guint threads)
{
  OcStorePoint *sp;

  g_return_val_if_fail (experiment_id != NULL && key != NULL && o != NULL, NULL);
  g_return_val_if_fail (o->data != NULL && o->model != NULL, NULL);

  sp = oc_store_point_new (experiment_id, key);

  sp->status = o->status == OC_POINT_FINISHED ? OC_STATUS_FINISHED : OC_STATUS_FAILED;
  sp->error = o->error != NULL ? g_strdup (o->error->message) : NULL;
  sp->threads = MAX (threads, 1);
  sp->architecture = oc_mlp_describe (o->model);
  sp->parameters = o->n_params;
  sp->n_train = o->data->train.n;
  sp->n_val = o->data->val.n;
  sp->n_test = o->data->test.n;
  if (o->result != NULL)
    {
      oc_store_point_set_result (sp, o->result);
      sp->seconds = o->result->train_seconds + o->result->eval_seconds;
    }
  return sp;
}

char *
oc_rff_point_key (guint64 features, guint64 seed)
{
  return g_strdup_printf ("{\"features\":%" G_GUINT64_FORMAT ",\"seed\":%" G_GUINT64_FORMAT "}",
                          features, seed);
}

OcStorePoint *
oc_rff_point_record_new (const char *experiment_id, const char *key, const OcDataset *data,
                         OcFeatureKind kind, guint threads, const OcRffResult *res)
{
  OcStorePoint *sp;
  guint outputs;

  g_return_val_if_fail (experiment_id != NULL && key != NULL, NULL);
  g_return_val_if_fail (data != NULL && res != NULL, NULL);

  outputs = data->n_classes * data->n_groups;
  sp = oc_store_point_new (experiment_id, key);
  sp->status = OC_STATUS_FINISHED;
  sp->seconds = res->seconds;
  sp->threads = MAX (threads, 1);
  sp->architecture = g_strdup_printf ("%u-[%u %s features]-%u", data->dim, res->n_features,
                                      oc_feature_kind_to_string (kind), outputs);
  sp->parameters = (guint64) res->n_features * outputs;
  sp->n_train = data->train.n;
  sp->n_test = data->test.n;
  /* The squared loss plays the part of the loss in the generic columns. */
  sp->final.train_error = res->train_error;
  sp->final.test_error = res->test_error;
  sp->final.train_loss = res->train_mse;
  sp->final.test_loss = res->test_mse;
  sp->final.val_loss = sp->final.val_error = NAN;
  sp->early_stop = sp->final;
  return sp;
}

static OcStoreArtifact *
scalar_artifact (const char *name, double value, GError **error)
{
  gsize shape[1] = { 1 };
  g_autoptr (OcNpyArray) a = oc_npy_array_new (OC_NPY_FLOAT32, 1, shape, error);

  if (a == NULL)
    return NULL;
  ((float *) a->data)[0] = (float) value;
  return oc_store_artifact_new (name, a, error);
}

GPtrArray *
oc_rff_point_artifacts (const OcRffResult *res, GError **error)
{
  g_autoptr (GPtrArray) out = g_ptr_array_new_with_free_func (
    (GDestroyNotify) oc_store_artifact_free);
  OcStoreArtifact *a;

  g_return_val_if_fail (res != NULL, NULL);

  if ((a = scalar_artifact ("coef_norm", res->coef_norm, error)) == NULL)
    return NULL;
  g_ptr_array_add (out, a);
  if ((a = scalar_artifact ("condition", res->condition, error)) == NULL)
    return NULL;
  g_ptr_array_add (out, a);
  return g_steal_pointer (&out);
}

static double
scalar_of (const OcNpyArray *a)
{
  if (a == NULL || a->dtype != OC_NPY_FLOAT32 || a->n_elems < 1)
    return NAN;
  return ((const float *) a->data)[0];
}

double
oc_store_get_scalar (OcStore *store, const char *experiment_id, const char *key,
                     const char *name)
{
  g_autoptr (OcNpyArray) a = oc_store_get_artifact (store, experiment_id, key, name, NULL);

  return scalar_of (a);
}

double
oc_artifacts_get_scalar (GPtrArray *artifacts, const char *name)
{
  const OcStoreArtifact *artifact = oc_store_artifacts_find (artifacts, name);
  g_autoptr (OcNpyArray) a = artifact != NULL ? oc_store_artifact_decode (artifact, NULL) : NULL;

  return scalar_of (a);
}

void
oc_solution_norms_init (OcSolutionNorms *n)
{
  n->theta_norm = n->distance = n->path_norm = NAN;
}

void
oc_solution_norms_measure (OcSolutionNorms *n, const OcMlp *model, const float *theta0)
{
  g_return_if_fail (n != NULL && model != NULL);

  n->theta_norm = oc_mlp_l2_norm (model);
  n->distance = theta0 != NULL ? oc_mlp_distance (model, theta0) : NAN;
  /* The path norm measures ReLU networks (its rescaling invariance is theirs). */
  n->path_norm = model->activation == OC_ACT_RELU ? oc_mlp_path_norm (model) : NAN;
}

gboolean
oc_solution_norms_add_artifacts (const OcSolutionNorms *n, GPtrArray *artifacts, GError **error)
{
  const char *names[] = { OC_ARTIFACT_THETA_NORM, OC_ARTIFACT_DISTANCE, OC_ARTIFACT_PATH_NORM };
  double values[] = { n->theta_norm, n->distance, n->path_norm };

  g_return_val_if_fail (n != NULL && artifacts != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      OcStoreArtifact *a;

      if (!isfinite (values[i]))
        continue;
      if ((a = scalar_artifact (names[i], values[i], error)) == NULL)
        return FALSE;
      g_ptr_array_add (artifacts, a);
    }
  return TRUE;
}

void
oc_solution_norms_from_artifacts (OcSolutionNorms *n, GPtrArray *artifacts)
{
  n->theta_norm = oc_artifacts_get_scalar (artifacts, OC_ARTIFACT_THETA_NORM);
  n->distance = oc_artifacts_get_scalar (artifacts, OC_ARTIFACT_DISTANCE);
  n->path_norm = oc_artifacts_get_scalar (artifacts, OC_ARTIFACT_PATH_NORM);
}

void
oc_solution_norms_from_store (OcSolutionNorms *n, OcStore *store, const char *experiment_id,
                              const char *key)
{
  n->theta_norm = oc_store_get_scalar (store, experiment_id, key, OC_ARTIFACT_THETA_NORM);
  n->distance = oc_store_get_scalar (store, experiment_id, key, OC_ARTIFACT_DISTANCE);
  n->path_norm = oc_store_get_scalar (store, experiment_id, key, OC_ARTIFACT_PATH_NORM);
}

GPtrArray *
oc_sweep_point_artifacts (const OcPointOutcome *o, GError **error)
{
  g_autoptr (GPtrArray) out = g_ptr_array_new_with_free_func (
    (GDestroyNotify) oc_store_artifact_free);
  OcSolutionNorms norms;

  g_return_val_if_fail (o != NULL, NULL);

  if (o->status == OC_POINT_FINISHED && o->model != NULL)
    {
      oc_solution_norms_measure (&norms, o->model, o->theta_init);
      if (!oc_solution_norms_add_artifacts (&norms, out, error))
        return NULL;
    }
  return g_steal_pointer (&out);
}

guint
oc_store_point_outputs (const OcStorePoint *point)
{
  const char *dash;
  char *end;
  guint64 v;

  if (point == NULL || point->architecture == NULL)
    return 0;
  dash = strrchr (point->architecture, '-');
  if (dash == NULL)
    return 0;
  v = g_ascii_strtoull (dash + 1, &end, 10);
  return *end == '\0' && v <= G_MAXUINT ? (guint) v : 0;
}

double
oc_sweep_stuck_threshold (guint n_classes)
{
  return n_classes >= 2 ? 0.9 * (1.0 - 1.0 / n_classes) : NAN;
}

gboolean
oc_sweep_is_stuck (double train_error, guint n_classes)
{
  if (n_classes < 2 || !isfinite (train_error))
    return FALSE;
  return train_error >= oc_sweep_stuck_threshold (n_classes);
}
