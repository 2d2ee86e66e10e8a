/* oc-sweep-grid.c — see oc-sweep-grid.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>

#include "occam/oc-axis.h"
#include "occam/oc-error.h"
#include "occam/oc-rff.h"
#include "occam/oc-sweep-record.h"
#include "occam-figures/oc-sweep-grid.h"
#include "oc-config.h"
#include <glib/gi18n-lib.h>

static void
grid_clear (gpointer mem)
{
  OcSweepGrid *g = mem;

  if (!g->rff)
    oc_sweep_config_clear (&g->cfg);
  g_clear_pointer (&g->sweep_points, g_array_unref);
  g_clear_pointer (&g->points, g_array_unref);
  g_strfreev (g->keys);
  g_free (g->id);
  g_clear_pointer (&g->spec, oc_spec_free);
}

static gboolean
build_sweep (OcSweepGrid *g, GError **error)
{
  const OcTrainConfig *t;

  if (!oc_sweep_config_from_spec (g->spec, &g->cfg, error))
    return FALSE;
  t = g->cfg.train;
  g->sweep_points = oc_sweep_points (&g->cfg);
  g->keys = g_new0 (char *, g->sweep_points->len + 1);
  for (guint i = 0; i < g->sweep_points->len; i++)
    {
      const OcSweepPoint *sp = &g_array_index (g->sweep_points, OcSweepPoint, i);
      OcGridPoint p = { 0 };

      p.index = i;
      p.width = sp->width > 0 ? sp->width : (t->n_hidden > 0 ? t->hidden[0] : 0);
      p.n_train = sp->n_train;
      p.label_noise = sp->label_noise;
      p.seed = sp->seed;
      g_array_append_val (g->points, p);
      g->keys[i] = oc_sweep_point_key (&g->cfg, sp);
    }
  return TRUE;
}

static gboolean
build_rff (OcSweepGrid *g, GError **error)
{
  const OcRffSpec *v = oc_spec_get_values (g->spec);
  g_autoptr (GArray) features = NULL;
  g_autoptr (GArray) seeds = NULL;

  features = oc_axis_parse_uint (v->features, 1, 1000000, "features", error);
  if (features == NULL)
    return FALSE;
  seeds = oc_axis_parse_uint (v->seeds, 0, G_MAXINT64, "seeds", error);
  if (seeds == NULL)
    return FALSE;
  g->keys = g_new0 (char *, features->len * seeds->len + 1);
  for (guint f = 0; f < features->len; f++)
    for (guint s = 0; s < seeds->len; s++)
      {
        OcGridPoint p = { 0 };

        p.index = g->points->len;
        p.n_train = v->data.n_train;
        p.label_noise = v->data.label_noise;
        p.features = g_array_index (features, guint64, f);
        p.seed = g_array_index (seeds, guint64, s);
        g->keys[p.index] = oc_rff_point_key (p.features, p.seed);
        g_array_append_val (g->points, p);
      }
  return TRUE;
}

OcSweepGrid *
oc_sweep_grid_new (const OcSpec *spec, GError **error)
{
  g_autoptr (OcSweepGrid) g = NULL;
  const char *kind;

  g_return_val_if_fail (spec != NULL, NULL);

  kind = oc_spec_get_kind (spec);
  if (g_strcmp0 (kind, "sweep") != 0 && g_strcmp0 (kind, "rff") != 0)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_SPEC, _("A “%s” experiment is not a sweep"), kind);
      return NULL;
    }
  g = g_atomic_rc_box_new0 (OcSweepGrid);
  g->spec = oc_spec_dup (spec);
  g->id = oc_spec_id (spec);
  g->rff = g_strcmp0 (kind, "rff") == 0;
  g->points = g_array_new (FALSE, TRUE, sizeof (OcGridPoint));
  if (!(g->rff ? build_rff (g, error) : build_sweep (g, error)))
    return NULL;
  return g_steal_pointer (&g);
}

OcSweepGrid *
oc_sweep_grid_ref (OcSweepGrid *grid)
{
  return g_atomic_rc_box_acquire (grid);
}

void
oc_sweep_grid_unref (OcSweepGrid *grid)
{
  g_atomic_rc_box_release_full (grid, grid_clear);
}

guint
oc_sweep_grid_get_n_points (const OcSweepGrid *grid)
{
  return grid->points->len;
}

int
oc_sweep_grid_find_key (const OcSweepGrid *grid, const char *key)
{
  for (guint i = 0; i < grid->points->len; i++)
    if (g_strcmp0 (grid->keys[i], key) == 0)
      return (int) i;
  return -1;
}

OcSweepMode
oc_sweep_grid_guess_mode (const OcSweepGrid *grid)
{
  if (grid->rff)
    return OC_SWEEP_MODE_RFF;
  if (grid->cfg.widths != NULL && grid->cfg.widths->len > 1)
    return OC_SWEEP_MODE_MODEL;
  if (grid->cfg.n_trains != NULL && grid->cfg.n_trains->len > 1)
    return OC_SWEEP_MODE_SAMPLE;
  if (grid->cfg.noises != NULL && grid->cfg.noises->len > 1)
    return OC_SWEEP_MODE_NOISE;
  return OC_SWEEP_MODE_MODEL;
}

gboolean
oc_sweep_grid_same_slice (const OcGridPoint *a, const OcGridPoint *b, OcSweepMode mode)
{
  return (mode == OC_SWEEP_MODE_MODEL || a->width == b->width)
         && (mode == OC_SWEEP_MODE_SAMPLE || a->n_train == b->n_train)
         && (mode == OC_SWEEP_MODE_NOISE || a->label_noise == b->label_noise)
         && (mode == OC_SWEEP_MODE_RFF || a->features == b->features);
}

GArray *
oc_sweep_grid_slices (const OcSweepGrid *grid, OcSweepMode mode)
{
  GArray *first = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < grid->points->len; i++)
    {
      const OcGridPoint *p = &g_array_index (grid->points, OcGridPoint, i);
      gboolean seen = FALSE;

      for (guint s = 0; s < first->len && !seen; s++)
        seen = oc_sweep_grid_same_slice (p, &g_array_index (grid->points, OcGridPoint,
                                                            g_array_index (first, guint, s)),
                                         mode);
      if (!seen)
        g_array_append_val (first, i);
    }
  return first;
}

char *
oc_sweep_grid_describe_point (const OcSweepGrid *grid, guint index)
{
  const OcGridPoint *p;
  GString *s = g_string_new (NULL);

  g_return_val_if_fail (index < grid->points->len, NULL);

  p = &g_array_index (grid->points, OcGridPoint, index);
  if (grid->rff)
    g_string_append_printf (s, "N %" G_GUINT64_FORMAT, p->features);
  else
    {
      g_string_append_printf (s, "width %u", p->width);
      if (grid->cfg.n_trains != NULL && grid->cfg.n_trains->len > 1)
        g_string_append_printf (s, " · n %" G_GINT64_FORMAT, p->n_train);
      if (grid->cfg.noises != NULL && grid->cfg.noises->len > 1)
        g_string_append_printf (s, " · noise %g", p->label_noise);
    }
  g_string_append_printf (s, " · seed %" G_GUINT64_FORMAT, p->seed);
  return g_string_free (s, FALSE);
}
