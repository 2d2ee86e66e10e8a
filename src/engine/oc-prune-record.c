/* oc-prune-record.c — see oc-prune-record.h. Moved here from occam-cli so the GUI records and
 * reads levels with the same code.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "occam/oc-error.h"
#include "occam/oc-json.h"
#include "occam/oc-prune-record.h"
#include "occam/oc-sweep-record.h"
#include "oc-config.h"
#include <glib/gi18n-lib.h>

void
oc_prune_row_free (OcPruneRow *row)
{
  if (row == NULL)
    return;
  oc_store_point_free (row->point);
  g_free (row->layer_density);
  g_free (row->sizes);
  g_free (row);
}

gboolean
oc_prune_parse_point_key (const char *key, OcControl *control, guint64 *seed, guint *level)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *obj;
  JsonNode *root;

  if (key == NULL || !oc_json_load_bounded (parser, key, -1, NULL))
    return FALSE;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return FALSE;
  obj = json_node_get_object (root);
  if (!json_object_has_member (obj, "control") || !json_object_has_member (obj, "seed")
      || !json_object_has_member (obj, "level"))
    return FALSE;
  if (!oc_control_from_string (json_object_get_string_member (obj, "control"), control))
    return FALSE;
  *seed = (guint64) json_object_get_int_member (obj, "seed");
  *level = (guint) json_object_get_int_member (obj, "level");
  return TRUE;
}

OcPruneRow *
oc_prune_row_new (OcStorePoint *point, const OcNpyArray *layer_alive, GError **error)
{
  g_autoptr (OcStorePoint) p = point;
  g_autoptr (OcPruneRow) row = g_new0 (OcPruneRow, 1);
  gsize total = 0, kept = 0;
  guint n_sizes = 0;

  g_return_val_if_fail (point != NULL, NULL);

  row->density = NAN;
  if (!oc_prune_parse_point_key (p->key, &row->control, &row->seed, &row->level))
    {
      g_set_error (error, OC_ERROR, OC_ERROR_STORE, _("experiment %s: %s is not a point key of "
                   "a prune experiment"), p->experiment_id, p->key);
      return NULL;
    }
  if (oc_mlp_parse_sizes (p->architecture, &row->sizes, &n_sizes))
    row->n_layers = n_sizes - 1;
  if (row->sizes != NULL && layer_alive != NULL && layer_alive->dtype == OC_NPY_INT32
      && layer_alive->n_elems == row->n_layers)
    {
      row->layer_density = g_new (double, row->n_layers);
      for (guint l = 0; l < row->n_layers; l++)
        {
          gsize n = (gsize) row->sizes[l] * row->sizes[l + 1];
          gint32 a = ((const gint32 *) layer_alive->data)[l];

          row->layer_density[l] = (double) a / (double) n;
          total += n;
          kept += (gsize) a;
        }
      row->density = (double) kept / (double) total;
    }
  row->point = g_steal_pointer (&p);
  return g_steal_pointer (&row);
}

GPtrArray *
oc_prune_rows_load (OcStore *store, const char *id, GError **error)
{
  g_autoptr (GPtrArray) points = NULL;
  g_autoptr (GPtrArray) rows = NULL;

  g_return_val_if_fail (store != NULL && id != NULL, NULL);

  points = oc_store_list_points (store, id, FALSE, error);
  if (points == NULL)
    return NULL;
  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) oc_prune_row_free);
  for (guint i = 0; i < points->len; i++)
    {
      OcStorePoint *p = g_steal_pointer (&points->pdata[i]);
      g_autoptr (OcNpyArray) alive = oc_store_get_artifact (store, id, p->key, "layer_alive",
                                                            NULL);
      OcPruneRow *row = oc_prune_row_new (p, alive, error);

      if (row == NULL)
        return NULL;
      g_ptr_array_add (rows, row);
    }
  oc_prune_rows_sort (rows);
  return g_steal_pointer (&rows);
}

double
oc_prune_row_accuracy (const OcPruneRow *r)
{
  double e = r->point->early_stop.test_error;

  return r->point->status == OC_STATUS_FINISHED && isfinite (e) ? 1.0 - e : NAN;
}

static gint
cmp_rows (gconstpointer a, gconstpointer b)
{
  const OcPruneRow *x = *(OcPruneRow *const *) a, *y = *(OcPruneRow *const *) b;

  if (x->control != y->control)
    return x->control < y->control ? -1 : 1;
  if (x->seed != y->seed)
    return x->seed < y->seed ? -1 : 1;
  return (x->level > y->level) - (x->level < y->level);
}

void
oc_prune_rows_sort (GPtrArray *rows)
{
  g_ptr_array_sort (rows, cmp_rows);
}

GArray *
oc_prune_rows_level_means (GPtrArray *rows, OcControl control)
{
  GArray *means = g_array_new (FALSE, TRUE, sizeof (OcPruneLevelMean));

  g_return_val_if_fail (rows != NULL, means);

  for (guint i = 0; i < rows->len; i++)
    {
      const OcPruneRow *r = rows->pdata[i];
      OcPruneLevelMean *m;

      if (r->control != control)
        continue;
      if (r->level >= means->len)
        g_array_set_size (means, r->level + 1);
      m = &g_array_index (means, OcPruneLevelMean, r->level);
      m->n++;
      m->density += r->density;
      m->accuracy += oc_prune_row_accuracy (r);
    }
  for (guint l = 0; l < means->len; l++)
    {
      OcPruneLevelMean *m = &g_array_index (means, OcPruneLevelMean, l);

      m->density = m->n > 0 ? m->density / m->n : NAN;
      m->accuracy = m->n > 0 ? m->accuracy / m->n : NAN;
    }
  return means;
}

double
oc_prune_rows_dense_accuracy (GPtrArray *rows)
{
  g_autoptr (GArray) imp = oc_prune_rows_level_means (rows, OC_CONTROL_IMP);

  return imp->len > 0 ? g_array_index (imp, OcPruneLevelMean, 0).accuracy : NAN;
}

double
oc_prune_rows_matching_density (GPtrArray *rows, OcControl control, double dense,
                                double tolerance, guint *level_out, double *accuracy_out)
{
  g_autoptr (GArray) means = oc_prune_rows_level_means (rows, control);
  double best = NAN;

  /* Walk down from the dense network and stop at the first level that falls below: a lucky
   * level after a failing one does not count. */
  for (guint l = 0; l < means->len; l++)
    {
      const OcPruneLevelMean *m = &g_array_index (means, OcPruneLevelMean, l);

      if (m->n == 0 || !(m->accuracy >= dense - tolerance - 1e-12))
        break;
      best = m->density;
      if (level_out != NULL)
        *level_out = l;
      if (accuracy_out != NULL)
        *accuracy_out = m->accuracy;
    }
  return best;
}

/* Recording ------------------------------------------------------------------------------------ */

OcStorePoint *
oc_prune_point_record_new (const char *experiment_id, const OcLevelOutcome *o, guint threads)
{
  g_autofree char *key = NULL;
  OcStorePoint *p;
  const OcMlp *m;
  double seconds;

  g_return_val_if_fail (experiment_id != NULL && o != NULL, NULL);
  g_return_val_if_fail (o->model != NULL && o->data != NULL, NULL);

  m = o->model;
  key = oc_lottery_point_key (o->control, o->seed, o->level);
  p = oc_store_point_new (experiment_id, key);
  seconds = o->result != NULL ? o->result->final.seconds : 0;
  p->status = o->status == OC_POINT_FINISHED ? OC_STATUS_FINISHED : OC_STATUS_FAILED;
  if (o->error != NULL)
    p->error = g_strdup (o->error->message);
  /* A reused dense level took no time of its own. */
  p->seconds = o->reused ? 0 : seconds;
  p->threads = threads;
  p->architecture = oc_mlp_describe (m);
  p->parameters = oc_mlp_parameter_count (m);
  p->n_train = o->data->train.n;
  p->n_val = o->data->val.n;
  p->n_test = o->data->test.n;
  if (o->result != NULL)
    oc_store_point_set_result (p, o->result);
  return p;
}

static OcStoreArtifact *
arena_artifact (const char *name, const float *values, gsize n, gboolean as_mask, GError **error)
{
  gsize shape[1] = { n };
  g_autoptr (OcNpyArray) a = oc_npy_array_new (as_mask ? OC_NPY_UINT8 : OC_NPY_FLOAT32, 1, shape,
                                               error);

  if (a == NULL)
    return NULL;
  if (as_mask)
    for (gsize i = 0; i < n; i++)
      ((guint8 *) a->data)[i] = values[i] != 0.0f;
  else
    memcpy (a->data, values, n * sizeof (float));
  return oc_store_artifact_new (name, a, error);
}

GPtrArray *
oc_prune_level_artifacts (const OcLevelOutcome *o, GError **error)
{
  const OcMlp *m = o->model;
  g_autoptr (GPtrArray) out = g_ptr_array_new_with_free_func (
    (GDestroyNotify) oc_store_artifact_free);
  gsize shape[1] = { m->n_layers };
  g_autoptr (OcNpyArray) dens = oc_npy_array_new (OC_NPY_FLOAT32, 1, shape, error);
  g_autoptr (OcNpyArray) alive = NULL;
  OcStoreArtifact *a;

  if (dens == NULL || (alive = oc_npy_array_new (OC_NPY_INT32, 1, shape, error)) == NULL)
    return NULL;
  for (guint l = 0; l < m->n_layers; l++)
    {
      ((float *) dens->data)[l] = (float) o->layer_density[l];
      ((gint32 *) alive->data)[l] = (gint32) oc_mlp_count_alive (m, (int) l);
    }
#define ADD(expr) \
  G_STMT_START { if ((a = (expr)) == NULL) return NULL; g_ptr_array_add (out, a); } G_STMT_END
  ADD (arena_artifact ("mask", m->mask, m->n_params, TRUE, error));
  ADD (arena_artifact ("theta_start", o->start, m->n_params, FALSE, error));
  ADD (arena_artifact ("theta_final", m->params, m->n_params, FALSE, error));
  if (o->next_mask != NULL)
    ADD (arena_artifact ("next_mask", o->next_mask, m->n_params, TRUE, error));
  ADD (oc_store_artifact_new ("layer_density", dens, error));
  ADD (oc_store_artifact_new ("layer_alive", alive, error));
#undef ADD
  /* The distance is from where this level's training started: θ₀ or the rewind point. */
  if (o->status == OC_POINT_FINISHED)
    {
      OcSolutionNorms norms;

      oc_solution_norms_measure (&norms, m, o->start);
      if (!oc_solution_norms_add_artifacts (&norms, out, error))
        return NULL;
    }
  return g_steal_pointer (&out);
}

/* Resume --------------------------------------------------------------------------------------- */

gboolean
oc_prune_load_arena (OcStore *store, const char *id, const char *key, const char *name,
                     gboolean as_mask, float *out, gsize n)
{
  g_autoptr (OcNpyArray) a = oc_store_get_artifact (store, id, key, name, NULL);

  if (a == NULL || a->n_dims != 1 || a->n_elems != n
      || a->dtype != (as_mask ? OC_NPY_UINT8 : OC_NPY_FLOAT32))
    return FALSE;
  if (as_mask)
    for (gsize i = 0; i < n; i++)
      out[i] = ((const guint8 *) a->data)[i] != 0 ? 1.0f : 0.0f;
  else
    memcpy (out, a->data, n * sizeof (float));
  return TRUE;
}

static gboolean
point_finished (OcStore *store, const char *id, const char *key)
{
  g_autoptr (OcStorePoint) p = oc_store_get_point (store, id, key, FALSE, NULL);

  return p != NULL && p->status == OC_STATUS_FINISHED;
}

gboolean
oc_prune_store_lookup (OcStore *store, const char *id, const OcLotteryConfig *cfg,
                       OcControl control, guint64 seed, guint level, float *next_mask,
                       float *theta_final, gsize n_params)
{
  g_autofree char *key = oc_lottery_point_key (control, seed, level);

  if (!point_finished (store, id, key))
    return FALSE;
  /* A method's sanity checks start from its recorded mask. */
  if (oc_control_has_checks (control) && level > 0 && next_mask != NULL)
    return oc_prune_load_arena (store, id, key, "mask", TRUE, next_mask, n_params);
  if (control != OC_CONTROL_IMP)
    return TRUE;
  /* The controls' copies of the dense level are written right after it; should a run have died
   * in between, train the dense network again rather than leave them missing. */
  if (level == 0)
    for (guint c = OC_CONTROL_REINIT; c < OC_N_CONTROLS; c++)
      if (cfg->controls & (1u << c))
        {
          g_autofree char *ckey = oc_lottery_point_key ((OcControl) c, seed, 0);

          if (!point_finished (store, id, ckey))
            return FALSE;
        }
  /* The chain continues from the recorded trained weights and next mask. */
  if (theta_final != NULL
      && !oc_prune_load_arena (store, id, key, "theta_final", FALSE, theta_final, n_params))
    return FALSE;
  if (next_mask != NULL && level + 1 < oc_lottery_n_levels (cfg)
      && !oc_prune_load_arena (store, id, key, "next_mask", TRUE, next_mask, n_params))
    return FALSE;
  return TRUE;
}
