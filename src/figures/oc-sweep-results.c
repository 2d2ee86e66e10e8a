/* oc-sweep-results.c — see oc-sweep-results.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>

#include "occam/oc-error.h"
#include "occam/oc-sweep-record.h"
#include "occam-figures/oc-sweep-results.h"

struct _OcSweepResults
{
  OcSweepGrid  *grid;
  OcSweepEntry *entries; /* [n points]; point NULL until received */
  guint         n_received;
};

OcSweepResults *
oc_sweep_results_new (OcSweepGrid *grid)
{
  OcSweepResults *r = g_new0 (OcSweepResults, 1);

  r->grid = oc_sweep_grid_ref (grid);
  r->entries = g_new0 (OcSweepEntry, MAX (oc_sweep_grid_get_n_points (grid), 1));
  return r;
}

void
oc_sweep_results_free (OcSweepResults *r)
{
  if (r == NULL)
    return;
  for (guint i = 0; i < oc_sweep_grid_get_n_points (r->grid); i++)
    g_clear_pointer (&r->entries[i].point, oc_store_point_free);
  g_free (r->entries);
  oc_sweep_grid_unref (r->grid);
  g_free (r);
}

OcSweepGrid *
oc_sweep_results_get_grid (OcSweepResults *r)
{
  return r->grid;
}

void
oc_sweep_results_set (OcSweepResults *r, guint index, OcStorePoint *point, double coef_norm,
                      double condition, const OcSolutionNorms *norms)
{
  OcSweepEntry *e;

  g_return_if_fail (index < oc_sweep_grid_get_n_points (r->grid) && point != NULL);

  e = &r->entries[index];
  if (e->point == NULL)
    r->n_received++;
  g_clear_pointer (&e->point, oc_store_point_free);
  e->point = point;
  e->coef_norm = coef_norm;
  e->condition = condition;
  if (norms != NULL)
    e->norms = *norms;
  else
    oc_solution_norms_init (&e->norms);
}

const OcSweepEntry *
oc_sweep_results_get (const OcSweepResults *r, guint index)
{
  g_return_val_if_fail (index < oc_sweep_grid_get_n_points (r->grid), NULL);

  return r->entries[index].point != NULL ? &r->entries[index] : NULL;
}

guint
oc_sweep_results_get_n_received (const OcSweepResults *r)
{
  return r->n_received;
}

guint
oc_sweep_results_get_n_finished (const OcSweepResults *r)
{
  guint n = 0;

  for (guint i = 0; i < oc_sweep_grid_get_n_points (r->grid); i++)
    n += r->entries[i].point != NULL && r->entries[i].point->status == OC_STATUS_FINISHED;
  return n;
}

int
oc_sweep_results_load (OcSweepResults *r, OcStore *store, GError **error)
{
  int found = 0;

  g_return_val_if_fail (store != NULL, -1);

  for (guint i = 0; i < oc_sweep_grid_get_n_points (r->grid); i++)
    {
      g_autoptr (GError) local = NULL;
      const char *key = r->grid->keys[i];
      OcStorePoint *p = oc_store_get_point (store, r->grid->id, key, TRUE, &local);

      if (p == NULL)
        {
          if (g_error_matches (local, OC_ERROR, OC_ERROR_NOT_FOUND))
            continue;
          g_propagate_error (error, g_steal_pointer (&local));
          return -1;
        }
      if (r->grid->rff)
        oc_sweep_results_set (r, i, p, oc_store_get_scalar (store, r->grid->id, key, "coef_norm"),
                              oc_store_get_scalar (store, r->grid->id, key, "condition"), NULL);
      else
        {
          OcSolutionNorms norms;

          oc_solution_norms_from_store (&norms, store, r->grid->id, key);
          oc_sweep_results_set (r, i, p, NAN, NAN, &norms);
        }
      found++;
    }
  return found;
}

guint
oc_sweep_results_get_outputs (const OcSweepResults *r)
{
  for (guint i = 0; i < oc_sweep_grid_get_n_points (r->grid); i++)
    if (r->entries[i].point != NULL && oc_store_point_outputs (r->entries[i].point) > 0)
      return oc_store_point_outputs (r->entries[i].point);
  return 0;
}

guint
oc_sweep_results_get_n_train (const OcSweepResults *r)
{
  for (guint i = 0; i < oc_sweep_grid_get_n_points (r->grid); i++)
    if (r->entries[i].point != NULL && r->entries[i].point->n_train > 0)
      return r->entries[i].point->n_train;
  return 0;
}

gboolean
oc_sweep_results_is_stuck (const OcSweepResults *r, guint index)
{
  const OcStorePoint *p = r->entries[index].point;

  return p != NULL && p->status == OC_STATUS_FINISHED && !r->grid->rff
         && oc_sweep_is_stuck (p->final.train_error, oc_store_point_outputs (p));
}

guint64
oc_sweep_results_get_seed (const OcSweepResults *r, guint index)
{
  g_return_val_if_fail (index < oc_sweep_grid_get_n_points (r->grid), 0);

  return g_array_index (r->grid->points, OcGridPoint, index).seed;
}

guint
oc_sweep_group_norm (const OcSweepResults *r, const OcSweepGroup *g, gsize offset, double *mean,
                     double *lo, double *hi)
{
  guint n = 0;

  g_return_val_if_fail (offset + sizeof (double) <= sizeof (OcSolutionNorms), 0);

  *mean = 0;
  *lo = INFINITY;
  *hi = -INFINITY;
  for (guint m = 0; m < g->members->len; m++)
    {
      const OcSweepEntry *e = &r->entries[g_array_index (g->members, guint, m)];
      double v;

      if (e->point->status != OC_STATUS_FINISHED)
        continue;
      v = G_STRUCT_MEMBER (double, &e->norms, offset);
      if (!isfinite (v))
        continue;
      *mean += v;
      *lo = MIN (*lo, v);
      *hi = MAX (*hi, v);
      n++;
    }
  if (n == 0)
    *mean = *lo = *hi = NAN;
  else
    *mean /= n;
  return n;
}

static double
group_key (const OcSweepGrid *g, const OcGridPoint *p, OcSweepMode mode)
{
  switch (mode)
    {
    case OC_SWEEP_MODE_SAMPLE:
      return (double) p->n_train;
    case OC_SWEEP_MODE_NOISE:
      return p->label_noise;
    case OC_SWEEP_MODE_RFF:
      return (double) p->features;
    case OC_SWEEP_MODE_MODEL:
    default:
      return p->width;
    }
}

static double
entry_x (const OcSweepEntry *e, const OcGridPoint *p, OcSweepMode mode)
{
  switch (mode)
    {
    case OC_SWEEP_MODE_MODEL:
      return e->point->parameters > 0 ? (double) e->point->parameters : NAN;
    case OC_SWEEP_MODE_SAMPLE:
      return e->point->n_train > 0 ? (double) e->point->n_train : NAN;
    case OC_SWEEP_MODE_NOISE:
      return p->label_noise;
    case OC_SWEEP_MODE_RFF:
    default:
      return (double) p->features;
    }
}

static int
cmp_group (gconstpointer a, gconstpointer b)
{
  const OcSweepGroup *x = a, *y = b;

  return (x->key > y->key) - (x->key < y->key);
}

static void
group_clear (gpointer mem)
{
  OcSweepGroup *g = mem;

  g_clear_pointer (&g->members, g_array_unref);
}

GArray *
oc_sweep_results_groups (const OcSweepResults *r, OcSweepMode mode)
{
  return oc_sweep_results_groups_like (r, mode, NULL);
}

GArray *
oc_sweep_results_groups_like (const OcSweepResults *r, OcSweepMode mode, const OcGridPoint *like)
{
  GArray *groups = g_array_new (FALSE, TRUE, sizeof (OcSweepGroup));
  g_autoptr (GHashTable) by_key = g_hash_table_new (g_double_hash, g_double_equal);
  g_autofree double *keys = g_new0 (double, MAX (oc_sweep_grid_get_n_points (r->grid), 1));

  g_array_set_clear_func (groups, group_clear);
  for (guint i = 0; i < oc_sweep_grid_get_n_points (r->grid); i++)
    {
      const OcGridPoint *p = &g_array_index (r->grid->points, OcGridPoint, i);
      const OcSweepEntry *e = &r->entries[i];
      OcSweepGroup *g;
      gpointer slot;

      if (e->point == NULL || (like != NULL && !oc_sweep_grid_same_slice (p, like, mode)))
        continue;
      keys[i] = group_key (r->grid, p, mode);
      if (!g_hash_table_lookup_extended (by_key, &keys[i], NULL, &slot))
        {
          OcSweepGroup fresh = { 0 };

          fresh.key = keys[i];
          fresh.x = NAN;
          fresh.members = g_array_new (FALSE, FALSE, sizeof (guint));
          g_array_append_val (groups, fresh);
          slot = GUINT_TO_POINTER (groups->len);
          g_hash_table_insert (by_key, &keys[i], slot);
        }
      g = &g_array_index (groups, OcSweepGroup, GPOINTER_TO_UINT (slot) - 1);
      g_array_append_val (g->members, i);
    }

  for (guint k = 0; k < groups->len; k++)
    {
      OcSweepGroup *g = &g_array_index (groups, OcSweepGroup, k);
      guint n_norm = 0;

      g->train_lo = g->test_lo = INFINITY;
      g->train_hi = g->test_hi = -INFINITY;
      for (guint m = 0; m < g->members->len; m++)
        {
          guint i = g_array_index (g->members, guint, m);
          const OcSweepEntry *e = &r->entries[i];
          const OcEvalPoint *f = &e->point->final;

          if (e->point->status != OC_STATUS_FINISHED)
            {
              g->n_failed++;
              continue;
            }
          if (isnan (g->x))
            {
              g->x = entry_x (e, &g_array_index (r->grid->points, OcGridPoint, i), mode);
              g->parameters = e->point->parameters;
              g->n_train = e->point->n_train;
            }
          g->train_error += f->train_error;
          g->test_error += f->test_error;
          g->train_loss += f->train_loss;
          g->test_loss += f->test_loss;
          g->train_lo = MIN (g->train_lo, f->train_error);
          g->train_hi = MAX (g->train_hi, f->train_error);
          g->test_lo = MIN (g->test_lo, f->test_error);
          g->test_hi = MAX (g->test_hi, f->test_error);
          if (isfinite (e->coef_norm))
            {
              g->coef_norm += e->coef_norm;
              g->condition += e->condition;
              n_norm++;
            }
          g->n_stuck += oc_sweep_results_is_stuck (r, i);
          g->n++;
        }
      if (g->n > 0)
        {
          g->train_error /= g->n;
          g->test_error /= g->n;
          g->train_loss /= g->n;
          g->test_loss /= g->n;
        }
      else
        g->train_error = g->test_error = g->train_loss = g->test_loss = g->train_lo = g->train_hi
          = g->test_lo = g->test_hi = NAN;
      g->coef_norm = n_norm > 0 ? g->coef_norm / n_norm : NAN;
      g->condition = n_norm > 0 ? g->condition / n_norm : NAN;
    }
  g_array_sort (groups, cmp_group);
  return groups;
}

int
oc_sweep_groups_interpolation_index (const GArray *groups, gboolean last)
{
  int found = -1;

  for (guint k = 0; k < groups->len; k++)
    {
      const OcSweepGroup *g = &g_array_index (groups, OcSweepGroup, k);

      if (g->n == 0)
        continue;
      if (g->train_error <= OC_SWEEP_INTERPOLATED)
        {
          found = (int) k;
          if (!last)
            return found;
        }
      else if (last)
        return found;
    }
  return found;
}

double
oc_sweep_groups_interpolation_x (const GArray *groups, gboolean last)
{
  int k = oc_sweep_groups_interpolation_index (groups, last);

  return k >= 0 ? g_array_index (groups, OcSweepGroup, k).x : NAN;
}

double
oc_sweep_groups_threshold_x (const GArray *groups, OcSweepMode mode, guint outputs)
{
  for (guint k = 0; k < groups->len; k++)
    {
      const OcSweepGroup *g = &g_array_index (groups, OcSweepGroup, k);

      if (g->n == 0)
        continue;
      if (outputs == 0)
        return NAN;
      if (mode == OC_SWEEP_MODE_MODEL && g->n_train > 0)
        return (double) g->n_train * outputs;
      if (mode == OC_SWEEP_MODE_SAMPLE && g->parameters > 0)
        return (double) g->parameters / outputs;
      return NAN;
    }
  return NAN;
}
