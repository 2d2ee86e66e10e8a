/* oc-prune-results.c — see oc-prune-results.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include "occam/oc-error.h"
#include "occam-figures/oc-prune-results.h"

struct _OcPruneResults
{
  OcSpec         *spec;
  char           *id;
  OcLotteryConfig cfg;
  guint           n_levels;
  GHashTable     *levels; /* point key → OcPruneLevel */
  GPtrArray      *rows;   /* borrowed rows, sorted; rebuilt when stale */
  gboolean        has_val;
};

void
oc_prune_level_free (OcPruneLevel *level)
{
  if (level == NULL)
    return;
  oc_prune_row_free (level->row);
  g_free (level->mask);
  g_free (level->next_mask);
  g_free (level->theta_start);
  g_free (level->theta_final);
  g_free (level);
}

static guint8 *
mask_bytes (const float *mask, gsize n)
{
  guint8 *out = g_new (guint8, n);

  for (gsize i = 0; i < n; i++)
    out[i] = mask[i] != 0.0f;
  return out;
}

OcPruneLevel *
oc_prune_level_new_from_outcome (const OcLevelOutcome *o, OcStorePoint *point)
{
  const OcMlp *m = o->model;
  gsize shape[1] = { m->n_layers };
  g_autoptr (OcNpyArray) alive = oc_npy_array_new (OC_NPY_INT32, 1, shape, NULL);
  OcPruneRow *row;
  OcPruneLevel *level;

  /* The row is built from the surviving weights per layer exactly as oc_prune_rows_load builds
   * it from the stored layer_alive artifact (the point is a prune level's: its key parses). */
  for (guint l = 0; alive != NULL && l < m->n_layers; l++)
    ((gint32 *) alive->data)[l] = (gint32) oc_mlp_count_alive (m, (int) l);
  row = oc_prune_row_new (point, alive, NULL);
  g_return_val_if_fail (row != NULL, NULL);
  level = g_new0 (OcPruneLevel, 1);
  level->row = row;
  if (o->control == OC_CONTROL_IMP && m->mask != NULL)
    {
      level->n_params = m->n_params;
      level->mask = mask_bytes (m->mask, m->n_params);
      level->next_mask = o->next_mask != NULL ? mask_bytes (o->next_mask, m->n_params) : NULL;
      level->theta_start = g_memdup2 (o->start, m->n_params * sizeof (float));
      level->theta_final = g_memdup2 (m->params, m->n_params * sizeof (float));
    }
  return level;
}

OcPruneResults *
oc_prune_results_new (const OcSpec *spec, GError **error)
{
  g_autoptr (OcPruneResults) self = g_new0 (OcPruneResults, 1);

  g_return_val_if_fail (spec != NULL, NULL);

  self->spec = oc_spec_dup (spec);
  self->levels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) oc_prune_level_free);
  if (!oc_lottery_config_from_spec (self->spec, &self->cfg, error))
    {
      g_clear_pointer (&self->spec, oc_spec_free);
      return NULL;
    }
  self->id = oc_spec_id (self->spec);
  self->n_levels = oc_lottery_n_levels (&self->cfg);
  return g_steal_pointer (&self);
}

void
oc_prune_results_free (OcPruneResults *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->levels, g_hash_table_unref);
  if (self->spec != NULL)
    oc_lottery_config_clear (&self->cfg);
  g_clear_pointer (&self->spec, oc_spec_free);
  g_free (self->id);
  g_free (self);
}

const char *
oc_prune_results_get_id (const OcPruneResults *self)
{
  return self->id;
}

const OcSpec *
oc_prune_results_get_spec (const OcPruneResults *self)
{
  return self->spec;
}

const OcLotteryConfig *
oc_prune_results_get_config (const OcPruneResults *self)
{
  return &self->cfg;
}

guint
oc_prune_results_get_n_levels (const OcPruneResults *self)
{
  return self->n_levels;
}

guint
oc_prune_results_get_n_points (const OcPruneResults *self)
{
  return oc_lottery_n_points (&self->cfg);
}

guint
oc_prune_results_get_n_stored (const OcPruneResults *self)
{
  return g_hash_table_size (self->levels);
}

guint
oc_prune_results_get_n_finished (const OcPruneResults *self)
{
  GHashTableIter it;
  gpointer value;
  guint n = 0;

  g_hash_table_iter_init (&it, self->levels);
  while (g_hash_table_iter_next (&it, NULL, &value))
    n += ((OcPruneLevel *) value)->row->point->status == OC_STATUS_FINISHED;
  return n;
}

gboolean
oc_prune_results_has_validation (const OcPruneResults *self)
{
  return self->has_val;
}

void
oc_prune_results_add (OcPruneResults *self, OcPruneLevel *level)
{
  g_return_if_fail (self != NULL && level != NULL);

  self->has_val |= level->row->point->n_val > 0;
  g_hash_table_replace (self->levels, g_strdup (level->row->point->key), level);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
}

/* An arena artifact as raw bytes; NULL when missing, of another type, or not @n long (any
 * length when *@n is 0, which is then set). */
static gpointer
load_bytes (OcStore *store, const char *id, const char *key, const char *name, OcNpyDtype dtype,
            gsize *n)
{
  g_autoptr (OcNpyArray) a = oc_store_get_artifact (store, id, key, name, NULL);

  if (a == NULL || a->n_dims != 1 || a->dtype != dtype || (*n != 0 && a->n_elems != *n))
    return NULL;
  *n = a->n_elems;
  return g_memdup2 (a->data, a->n_elems * oc_npy_dtype_size (dtype));
}

int
oc_prune_results_load (OcPruneResults *self, OcStore *store, GError **error)
{
  g_autoptr (GPtrArray) rows = NULL;

  g_return_val_if_fail (self != NULL && store != NULL, -1);

  rows = oc_prune_rows_load (store, self->id, error);
  if (rows == NULL)
    return -1;
  for (guint i = 0; i < rows->len; i++)
    {
      OcPruneLevel *level = g_new0 (OcPruneLevel, 1);
      const char *key;
      gsize n = 0;

      /* Stolen: the array frees what is left, which is nothing. */
      level->row = g_steal_pointer (&rows->pdata[i]);
      key = level->row->point->key;
      if (level->row->control == OC_CONTROL_IMP && level->row->sizes != NULL)
        {
          /* The arenas are the network's (oc-mlp.h), padding included. */
          level->mask = load_bytes (store, self->id, key, "mask", OC_NPY_UINT8, &n);
          level->next_mask = load_bytes (store, self->id, key, "next_mask", OC_NPY_UINT8, &n);
          level->theta_start = load_bytes (store, self->id, key, "theta_start", OC_NPY_FLOAT32,
                                           &n);
          level->theta_final = load_bytes (store, self->id, key, "theta_final", OC_NPY_FLOAT32,
                                           &n);
          if (level->mask != NULL && level->theta_start != NULL && level->theta_final != NULL)
            level->n_params = n;
        }
      oc_prune_results_add (self, level);
    }
  return (int) rows->len;
}

const OcPruneLevel *
oc_prune_results_get (const OcPruneResults *self, OcControl control, guint64 seed, guint level)
{
  g_autofree char *key = oc_lottery_point_key (control, seed, level);

  return g_hash_table_lookup (self->levels, key);
}

const OcPruneLevel *
oc_prune_results_imp (const OcPruneResults *self, guint level)
{
  const OcPruneLevel *l;

  if (self->cfg.seeds == NULL || self->cfg.seeds->len == 0)
    return NULL;
  l = oc_prune_results_get (self, OC_CONTROL_IMP, g_array_index (self->cfg.seeds, guint64, 0),
                            level);
  return l != NULL && l->n_params > 0 ? l : NULL;
}

GPtrArray *
oc_prune_results_rows (OcPruneResults *self)
{
  GHashTableIter it;
  gpointer value;

  if (self->rows != NULL)
    return self->rows;
  self->rows = g_ptr_array_new ();
  g_hash_table_iter_init (&it, self->levels);
  while (g_hash_table_iter_next (&it, NULL, &value))
    g_ptr_array_add (self->rows, ((OcPruneLevel *) value)->row);
  oc_prune_rows_sort (self->rows);
  return self->rows;
}

double
oc_prune_results_dense_accuracy (OcPruneResults *self)
{
  return oc_prune_rows_dense_accuracy (oc_prune_results_rows (self));
}

char *
oc_prune_results_matching_text (OcPruneResults *self, double tolerance)
{
  GPtrArray *rows = oc_prune_results_rows (self);
  double dense = oc_prune_results_dense_accuracy (self);
  GString *s = g_string_new (NULL);

  if (!isfinite (dense))
    return g_string_free (s, FALSE);
  for (guint c = 0; c < OC_N_CONTROLS; c++)
    {
      guint level = 0;
      double acc = NAN, d;

      if (c != OC_CONTROL_IMP && !(self->cfg.controls & (1u << c)))
        continue;
      d = oc_prune_rows_matching_density (rows, (OcControl) c, dense, tolerance, &level, &acc);
      if (s->len > 0)
        g_string_append (s, " · ");
      if (isnan (d))
        g_string_append_printf (s, "%s none", oc_control_to_string ((OcControl) c));
      else
        g_string_append_printf (s, "%s %.3g %% (level %u)", oc_control_to_string ((OcControl) c),
                                100 * d, level);
    }
  return g_string_free (s, FALSE);
}
