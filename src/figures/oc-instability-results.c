/* oc-instability-results.c — see oc-instability-results.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>

#include "occam/oc-error.h"
#include "occam-figures/oc-instability-results.h"
#include "oc-config.h"
#include <glib/gi18n-lib.h>

struct _OcInstabilityResults
{
  GPtrArray *rows; /* OcInstabilityRow* */
};

static void
row_free (OcInstabilityRow *r)
{
  g_free (r->error);
  g_free (r->alphas);
  g_free (r->errors);
  g_free (r->losses);
  g_free (r);
}

void
oc_instability_results_free (OcInstabilityResults *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->rows);
  g_free (self);
}

static gint
compare_rows (gconstpointer a, gconstpointer b)
{
  const OcInstabilityRow *x = *(OcInstabilityRow *const *) a;
  const OcInstabilityRow *y = *(OcInstabilityRow *const *) b;

  if (x->k != y->k)
    return x->k < y->k ? -1 : 1;
  if (x->level != y->level)
    return x->level < y->level ? -1 : 1;
  if (x->seed != y->seed)
    return x->seed < y->seed ? -1 : 1;
  return 0;
}

/* A finished point's row from its two arrays, as the runner records them: `path` float32
 * [n_alphas, 3] (α, test error, test loss) and `children` float32 [2, 2]. Either may be NULL
 * (missing): OC_ERROR_FORMAT. */
static gboolean
fill_row (OcInstabilityRow *r, const OcNpyArray *path, const OcNpyArray *ends, const char *id,
          const char *key, GError **error)
{
  const float *v;

  if (path == NULL || path->dtype != OC_NPY_FLOAT32 || path->n_dims != 2 || path->shape[1] != 3
      || path->shape[0] < 2 || ends == NULL || ends->dtype != OC_NPY_FLOAT32
      || ends->n_elems != 4)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_FORMAT,
                   _("Experiment %s, point %s: its path is missing or not an [α, 3] float32 array"),
                   id, key);
      return FALSE;
    }
  v = path->data;
  r->n_alphas = (guint) path->shape[0];
  r->alphas = g_new (double, r->n_alphas);
  r->errors = g_new (double, r->n_alphas);
  r->losses = g_new (double, r->n_alphas);
  for (guint i = 0; i < r->n_alphas; i++)
    {
      /* Stored as float32; the points are evenly spaced by definition, so α is exact here. */
      r->alphas[i] = oc_instability_alpha (i, r->n_alphas);
      r->errors[i] = v[3 * i + 1];
      r->losses[i] = v[3 * i + 2];
    }
  r->child_error[0] = ((const float *) ends->data)[0];
  r->child_error[1] = ((const float *) ends->data)[2];
  r->instability = oc_instability_value (r->errors, r->n_alphas);
  return TRUE;
}

/* A new row for point @p, its arrays read by @get from @source (the store or the artifacts of a
 * point just recorded); NULL with an OC_ERROR_FORMAT. */
typedef OcNpyArray *(*GetArray) (gconstpointer source, const OcStorePoint *p, const char *name);

static OcInstabilityRow *
row_new (const OcStorePoint *p, GetArray get, gconstpointer source, GError **error)
{
  OcInstabilityRow *r = g_new0 (OcInstabilityRow, 1);

  if (!oc_instability_parse_key (p->key, &r->k, &r->level, &r->seed))
    {
      g_set_error (error, OC_ERROR, OC_ERROR_FORMAT,
                   _("Experiment %s: %s is not the key of an instability point"), p->experiment_id,
                   p->key);
      row_free (r);
      return NULL;
    }
  r->status = p->status;
  r->error = g_strdup (p->error);
  r->instability = NAN;
  r->child_error[0] = r->child_error[1] = NAN;
  if (p->status == OC_STATUS_FINISHED)
    {
      g_autoptr (OcNpyArray) path = get (source, p, "path");
      g_autoptr (OcNpyArray) ends = get (source, p, "children");

      if (!fill_row (r, path, ends, p->experiment_id, p->key, error))
        {
          row_free (r);
          return NULL;
        }
    }
  return r;
}

typedef struct
{
  OcStore    *store;
  const char *id;
} StoreSource;

static OcNpyArray *
from_store (gconstpointer source, const OcStorePoint *p, const char *name)
{
  const StoreSource *s = source;

  return oc_store_get_artifact (s->store, s->id, p->key, name, NULL);
}

static OcNpyArray *
from_artifacts (gconstpointer source, const OcStorePoint *p, const char *name)
{
  const OcStoreArtifact *a = oc_store_artifacts_find ((GPtrArray *) source, name);

  return a != NULL ? oc_store_artifact_decode (a, NULL) : NULL;
}

OcInstabilityResults *
oc_instability_results_new (void)
{
  OcInstabilityResults *self = g_new0 (OcInstabilityResults, 1);

  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  return self;
}

gboolean
oc_instability_results_add_point (OcInstabilityResults *self, const OcStorePoint *point,
                                  GPtrArray *artifacts, GError **error)
{
  OcInstabilityRow *r;

  g_return_val_if_fail (self != NULL && point != NULL, FALSE);

  r = row_new (point, from_artifacts, artifacts, error);
  if (r == NULL)
    return FALSE;
  /* A point computed again replaces the one it was. */
  for (guint i = 0; i < self->rows->len; i++)
    {
      const OcInstabilityRow *o = self->rows->pdata[i];

      if (o->k == r->k && o->level == r->level && o->seed == r->seed)
        {
          g_ptr_array_remove_index (self->rows, i);
          break;
        }
    }
  g_ptr_array_add (self->rows, r);
  g_ptr_array_sort (self->rows, compare_rows);
  return TRUE;
}

OcInstabilityResults *
oc_instability_results_load (OcStore *store, const char *id, GError **error)
{
  g_autoptr (GPtrArray) points = NULL;
  g_autoptr (OcInstabilityResults) self = NULL;
  StoreSource source = { store, id };

  g_return_val_if_fail (store != NULL && id != NULL, NULL);

  points = oc_store_list_points (store, id, FALSE, error);
  if (points == NULL)
    return NULL;
  self = oc_instability_results_new ();
  for (guint i = 0; i < points->len; i++)
    {
      OcInstabilityRow *r = row_new (points->pdata[i], from_store, &source, error);

      if (r == NULL)
        return NULL;
      g_ptr_array_add (self->rows, r);
    }
  g_ptr_array_sort (self->rows, compare_rows);
  return g_steal_pointer (&self);
}

GPtrArray *
oc_instability_results_rows (OcInstabilityResults *self)
{
  return self->rows;
}

GArray *
oc_instability_results_by_k (OcInstabilityResults *self)
{
  GArray *stats = g_array_new (FALSE, TRUE, sizeof (OcInstabilityStat));

  for (guint i = 0; i < self->rows->len; i++)
    {
      const OcInstabilityRow *r = self->rows->pdata[i];
      OcInstabilityStat *s;

      if (r->status != OC_STATUS_FINISHED || isnan (r->instability))
        continue;
      /* Rows are sorted by k: a new k starts a new entry. */
      if (stats->len == 0 || g_array_index (stats, OcInstabilityStat, stats->len - 1).k != r->k)
        {
          OcInstabilityStat fresh = { r->k, 0, 0, r->instability, r->instability, 0 };

          g_array_append_val (stats, fresh);
        }
      s = &g_array_index (stats, OcInstabilityStat, stats->len - 1);
      s->n++;
      s->mean += r->instability;
      s->min = MIN (s->min, r->instability);
      s->max = MAX (s->max, r->instability);
      s->end_error += 0.5 * (r->child_error[0] + r->child_error[1]);
    }
  for (guint i = 0; i < stats->len; i++)
    {
      OcInstabilityStat *s = &g_array_index (stats, OcInstabilityStat, i);

      s->mean /= s->n;
      s->end_error /= s->n;
    }
  return stats;
}

guint
oc_instability_results_n_seeds (OcInstabilityResults *self)
{
  g_autoptr (GHashTable) seeds = g_hash_table_new (g_int64_hash, g_int64_equal);

  for (guint i = 0; i < self->rows->len; i++)
    g_hash_table_add (seeds, &((OcInstabilityRow *) self->rows->pdata[i])->seed);
  return g_hash_table_size (seeds);
}

char *
oc_instability_results_path_csv (OcInstabilityResults *self)
{
  GString *s = g_string_new ("k,level,seed,alpha,test_error,test_loss\n");

  for (guint i = 0; i < self->rows->len; i++)
    {
      const OcInstabilityRow *r = self->rows->pdata[i];

      for (guint j = 0; j < r->n_alphas; j++)
        g_string_append_printf (s, "%" G_GUINT64_FORMAT ",%u,%" G_GUINT64_FORMAT
                                ",%.9g,%.7g,%.7g\n", r->k, r->level, r->seed, r->alphas[j],
                                r->errors[j], r->losses[j]);
    }
  return g_string_free (s, FALSE);
}

char *
oc_instability_results_summary_csv (OcInstabilityResults *self)
{
  GString *s = g_string_new ("k,level,seed,instability\n");

  for (guint i = 0; i < self->rows->len; i++)
    {
      const OcInstabilityRow *r = self->rows->pdata[i];

      if (r->status == OC_STATUS_FINISHED)
        g_string_append_printf (s, "%" G_GUINT64_FORMAT ",%u,%" G_GUINT64_FORMAT ",%.7g\n", r->k,
                                r->level, r->seed, r->instability);
    }
  return g_string_free (s, FALSE);
}
