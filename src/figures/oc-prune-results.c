/* oc-prune-results.c — see oc-prune-results.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include "occam/oc-error.h"
#include "occam-figures/oc-prune-results.h"
#include "oc-config.h"
#include <glib/gi18n-lib.h>

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

/* Where a level's arrays come from: the store, or the artifacts of a point just recorded. */
typedef OcNpyArray *(*ArrayGetter) (gconstpointer source, const char *key, const char *name);

typedef struct
{
  OcStore    *store;
  const char *id;
} StoreSource;

static OcNpyArray *
from_store (gconstpointer source, const char *key, const char *name)
{
  const StoreSource *s = source;

  return oc_store_get_artifact (s->store, s->id, key, name, NULL);
}

static OcNpyArray *
from_artifacts (gconstpointer source, const char *key, const char *name)
{
  const OcStoreArtifact *a = oc_store_artifacts_find ((GPtrArray *) source, name);

  return a != NULL ? oc_store_artifact_decode (a, NULL) : NULL;
}

/* An arena as raw bytes; NULL when missing, of another type, or not @n long (any length when
 * *@n is 0, which is then set). */
static gpointer
arena_bytes (ArrayGetter get, gconstpointer source, const char *key, const char *name,
             OcNpyDtype dtype, gsize *n)
{
  g_autoptr (OcNpyArray) a = get (source, key, name);

  if (a == NULL || a->n_dims != 1 || a->dtype != dtype || (*n != 0 && a->n_elems != *n))
    return NULL;
  *n = a->n_elems;
  return g_memdup2 (a->data, a->n_elems * oc_npy_dtype_size (dtype));
}

/* The level of @row (taken), with IMP's arenas: the network's (oc-mlp.h), padding included. */
static OcPruneLevel *
level_new (OcPruneRow *row, ArrayGetter get, gconstpointer source)
{
  OcPruneLevel *level = g_new0 (OcPruneLevel, 1);
  const char *key = row->point->key;
  gsize n = 0;

  level->row = row;
  if (row->control == OC_CONTROL_IMP && row->sizes != NULL)
    {
      level->mask = arena_bytes (get, source, key, "mask", OC_NPY_UINT8, &n);
      level->next_mask = arena_bytes (get, source, key, "next_mask", OC_NPY_UINT8, &n);
      level->theta_start = arena_bytes (get, source, key, "theta_start", OC_NPY_FLOAT32, &n);
      level->theta_final = arena_bytes (get, source, key, "theta_final", OC_NPY_FLOAT32, &n);
      if (level->mask != NULL && level->theta_start != NULL && level->theta_final != NULL)
        level->n_params = n;
    }
  return level;
}

OcPruneLevel *
oc_prune_level_new_from_point (OcStorePoint *point, GPtrArray *artifacts, GError **error)
{
  g_autoptr (OcNpyArray) alive = from_artifacts (artifacts, point->key, "layer_alive");
  OcPruneRow *row = oc_prune_row_new (point, alive, error);

  return row != NULL ? level_new (row, from_artifacts, artifacts) : NULL;
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
      StoreSource source = { store, self->id };

      /* Stolen: the array frees what is left, which is nothing. */
      oc_prune_results_add (self, level_new (g_steal_pointer (&rows->pdata[i]), from_store,
                                             &source));
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
      /* With densities IMP trains the dense network only: nothing of its own to match. */
      if (c == OC_CONTROL_IMP && self->cfg.densities != NULL)
        continue;
      d = oc_prune_rows_matching_density (rows, (OcControl) c, dense, tolerance, &level, &acc);
      if (s->len > 0)
        g_string_append (s, " · ");
      /* Matching only the dense network itself (level 0) is no match, as in the figures. */
      if (isnan (d) || level == 0)
        g_string_append_printf (s, _("%s none"), oc_control_to_string ((OcControl) c));
      else
        g_string_append_printf (s, _("%s %.3g %% (level %u)"), oc_control_to_string ((OcControl) c),
                                100 * d, level);
    }
  return g_string_free (s, FALSE);
}
