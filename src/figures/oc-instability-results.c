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

static gboolean
load_path (OcStore *store, const char *id, const OcStorePoint *p, OcInstabilityRow *r,
           GError **error)
{
  g_autoptr (OcNpyArray) path = oc_store_get_artifact (store, id, p->key, "path", NULL);
  g_autoptr (OcNpyArray) ends = oc_store_get_artifact (store, id, p->key, "children", NULL);
  const float *v;

  if (path == NULL || path->dtype != OC_NPY_FLOAT32 || path->n_dims != 2 || path->shape[1] != 3
      || path->shape[0] < 2 || ends == NULL || ends->dtype != OC_NPY_FLOAT32
      || ends->n_elems != 4)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_FORMAT,
                   _("Experiment %s, point %s: its path is missing or not an [α, 3] float32 array"),
                   id, p->key);
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

OcInstabilityResults *
oc_instability_results_load (OcStore *store, const char *id, GError **error)
{
  g_autoptr (GPtrArray) points = NULL;
  g_autoptr (OcInstabilityResults) self = NULL;

  g_return_val_if_fail (store != NULL && id != NULL, NULL);

  points = oc_store_list_points (store, id, FALSE, error);
  if (points == NULL)
    return NULL;
  self = g_new0 (OcInstabilityResults, 1);
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  for (guint i = 0; i < points->len; i++)
    {
      const OcStorePoint *p = points->pdata[i];
      OcInstabilityRow *r = g_new0 (OcInstabilityRow, 1);

      g_ptr_array_add (self->rows, r);
      if (!oc_instability_parse_key (p->key, &r->k, &r->level, &r->seed))
        {
          g_set_error (error, OC_ERROR, OC_ERROR_FORMAT,
                       _("Experiment %s: %s is not the key of an instability point"), id, p->key);
          return NULL;
        }
      r->status = p->status;
      r->error = g_strdup (p->error);
      r->instability = NAN;
      r->child_error[0] = r->child_error[1] = NAN;
      if (p->status == OC_STATUS_FINISHED && !load_path (store, id, p, r, error))
        return NULL;
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
