/* oc-landscape-results.c — see oc-landscape-results.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "occam/oc-error.h"
#include "occam-figures/oc-data-figures.h"
#include "occam-figures/oc-landscape-results.h"
#include "oc-config.h"
#include <glib/gi18n-lib.h>
#include <inttypes.h>

static const char *const field_names[] = {
  "train_loss", "train_error", "test_loss", "test_error",
};
static const char *const field_labels[] = {
  N_("training loss"), N_("training error"), N_("test loss"), N_("test error"),
};

const char *
oc_landscape_field_name (OcLandscapeField field)
{
  g_return_val_if_fail ((guint) field < OC_LANDSCAPE_N_FIELDS, NULL);
  return field_names[field];
}

const char *
oc_landscape_field_label (OcLandscapeField field)
{
  g_return_val_if_fail ((guint) field < OC_LANDSCAPE_N_FIELDS, NULL);
  return _(field_labels[field]);
}

gboolean
oc_landscape_field_from_string (const char *text, OcLandscapeField *field)
{
  g_autofree char *name = g_strdup (text);

  g_return_val_if_fail (text != NULL && field != NULL, FALSE);
  g_strdelimit (name, "-", '_');
  for (guint i = 0; i < OC_LANDSCAPE_N_FIELDS; i++)
    if (strcmp (name, field_names[i]) == 0)
      {
        *field = (OcLandscapeField) i;
        return TRUE;
      }
  return FALSE;
}

OcLandscapeResults *
oc_landscape_results_new (const OcSpec *spec, const char *id)
{
  OcLandscapeResults *r;
  OcLandscapeConfig cfg;

  g_return_val_if_fail (spec != NULL && id != NULL, NULL);
  g_return_val_if_fail (g_strcmp0 (oc_spec_get_kind (spec), "landscape") == 0, NULL);

  r = g_new0 (OcLandscapeResults, 1);
  r->spec = oc_spec_dup (spec);
  r->id = g_strdup (id);
  /* A finished spec parses. */
  if (oc_landscape_config_from_spec (spec, &cfg, NULL))
    {
      r->line_ends = cfg.line;
      r->plane_kind = cfg.plane;
      oc_landscape_config_clear (&cfg);
    }
  r->dataset = oc_dataset_display_name (oc_spec_get_data_options (spec)->name);
  r->explained[0] = r->explained[1] = NAN;
  return r;
}

static void
clear_line (OcLandscapeResults *r)
{
  g_clear_pointer (&r->alpha, g_free);
  for (int f = 0; f < OC_LANDSCAPE_N_FIELDS; f++)
    g_clear_pointer (&r->line[f], g_free);
  r->n_line = 0;
}

static void
clear_plane (OcLandscapeResults *r)
{
  g_clear_pointer (&r->plane_alpha, g_free);
  g_clear_pointer (&r->plane_beta, g_free);
  for (int f = 0; f < OC_LANDSCAPE_N_FIELDS; f++)
    g_clear_pointer (&r->plane[f], g_free);
  r->nx = r->ny = 0;
  g_clear_pointer (&r->trajectory_iteration, g_free);
  g_clear_pointer (&r->trajectory_alpha, g_free);
  g_clear_pointer (&r->trajectory_beta, g_free);
  g_clear_pointer (&r->trajectory_loss, g_free);
  g_clear_pointer (&r->trajectory_test_loss, g_free);
  r->n_trajectory = 0;
}

void
oc_landscape_results_free (OcLandscapeResults *r)
{
  if (r == NULL)
    return;
  clear_line (r);
  clear_plane (r);
  g_clear_pointer (&r->spec, oc_spec_free);
  g_clear_pointer (&r->training, oc_store_point_free);
  g_free (r->id);
  g_free (r->dataset);
  g_free (r->architecture);
  g_free (r);
}

/* ---- Reading points ---- */

/* Where a point's arrays come from: the artifacts a run recorded, or the store. */
typedef struct
{
  GPtrArray  *artifacts;
  OcStore    *store;
  const char *id, *key;
} Source;

static OcNpyArray *
get_array (const Source *src, const char *name, gboolean optional, GError **error)
{
  g_autoptr (GError) local = NULL;
  OcNpyArray *a;

  if (src->artifacts != NULL)
    {
      const OcStoreArtifact *art = oc_store_artifacts_find (src->artifacts, name);

      if (art == NULL)
        {
          if (!optional)
            g_set_error (error, OC_ERROR, OC_ERROR_FORMAT, _("point %s has no artifact '%s'"),
                         src->key, name);
          return NULL;
        }
      return oc_store_artifact_decode (art, error);
    }
  a = oc_store_get_artifact (src->store, src->id, src->key, name, &local);
  if (a == NULL && !(optional && g_error_matches (local, OC_ERROR, OC_ERROR_NOT_FOUND)))
    g_propagate_error (error, g_steal_pointer (&local));
  return a;
}

/* The float32 array @name of @n elements (0: any), copied. */
static float *
get_floats (const Source *src, const char *name, gsize n, gsize *n_out, gboolean optional,
            GError **error)
{
  g_autoptr (OcNpyArray) a = get_array (src, name, optional, error);

  if (a == NULL)
    return NULL;
  if (a->dtype != OC_NPY_FLOAT32 || (n > 0 && a->n_elems != n) || a->n_elems == 0)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_FORMAT,
                   _("point %s: artifact '%s' holds %zu values of type %s, not "
                   "the float32 array expected"), src->key, name, a->n_elems,
                   oc_npy_dtype_descr (a->dtype));
      return NULL;
    }
  if (n_out != NULL)
    *n_out = a->n_elems;
  return g_memdup2 (a->data, a->n_elems * sizeof (float));
}

static gboolean
read_line (OcLandscapeResults *r, const Source *src, GError **error)
{
  gsize n = 0;

  clear_line (r);
  r->alpha = get_floats (src, "alpha", 0, &n, FALSE, error);
  if (r->alpha == NULL)
    return FALSE;
  for (int f = 0; f < OC_LANDSCAPE_N_FIELDS; f++)
    if ((r->line[f] = get_floats (src, field_names[f], n, NULL, FALSE, error)) == NULL)
      {
        clear_line (r);
        return FALSE;
      }
  r->n_line = (guint) n;
  return TRUE;
}

static gboolean
read_plane (OcLandscapeResults *r, const Source *src, GError **error)
{
  gsize nx = 0, ny = 0, nt = 0;
  g_autofree float *explained = NULL;
  g_autoptr (OcNpyArray) its = NULL;
  g_autoptr (GError) local = NULL;

  clear_plane (r);
  r->plane_alpha = get_floats (src, "alpha", 0, &nx, FALSE, error);
  r->plane_beta = r->plane_alpha != NULL ? get_floats (src, "beta", 0, &ny, FALSE, error) : NULL;
  if (r->plane_beta == NULL)
    goto fail;
  for (int f = 0; f < OC_LANDSCAPE_N_FIELDS; f++)
    if ((r->plane[f] = get_floats (src, field_names[f], nx * ny, NULL, FALSE, error)) == NULL)
      goto fail;
  r->nx = (guint) nx;
  r->ny = (guint) ny;
  explained = get_floats (src, "explained", 2, NULL, TRUE, &local);
  if (explained != NULL)
    {
      r->explained[0] = explained[0];
      r->explained[1] = explained[1];
    }

  /* The trajectory: all of it or nothing. */
  its = get_array (src, "trajectory_iteration", TRUE, &local);
  if (its == NULL && local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      goto fail;
    }
  if (its == NULL)
    return TRUE;
  nt = its->n_elems;
  if (its->dtype != OC_NPY_INT32 || nt == 0
      || (r->trajectory_alpha = get_floats (src, "trajectory_alpha", nt, NULL, FALSE,
                                            error)) == NULL
      || (r->trajectory_beta = get_floats (src, "trajectory_beta", nt, NULL, FALSE,
                                           error)) == NULL
      || (r->trajectory_loss = get_floats (src, "trajectory_loss", nt, NULL, FALSE,
                                           error)) == NULL
      || (r->trajectory_test_loss = get_floats (src, "trajectory_test_loss", nt, NULL, FALSE,
                                                error)) == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, OC_ERROR, OC_ERROR_FORMAT, _("point %s: trajectory_iteration is not "
                     "an int32 array"), src->key);
      goto fail;
    }
  r->trajectory_iteration = g_memdup2 (its->data, nt * sizeof (gint32));
  r->n_trajectory = (guint) nt;
  return TRUE;

fail:
  clear_plane (r);
  return FALSE;
}

static gboolean
add_point (OcLandscapeResults *r, const OcStorePoint *p, const Source *src, GError **error)
{
  g_autofree char *own = oc_landscape_train_key (oc_spec_get_train_config (r->spec)->seed);

  if (p->status != OC_STATUS_FINISHED)
    return TRUE;
  if (p->architecture != NULL && r->architecture == NULL)
    r->architecture = g_strdup (p->architecture);
  if (strcmp (p->key, own) == 0)
    {
      g_clear_pointer (&r->training, oc_store_point_free);
      r->training = oc_store_point_dup (p);
      return TRUE;
    }
  if (strcmp (p->key, OC_LANDSCAPE_LINE_KEY) == 0 || strcmp (p->key, OC_LANDSCAPE_PLANE_KEY) == 0)
    {
      r->n_train = p->n_train;
      r->n_test = p->n_test;
      if (strcmp (p->key, OC_LANDSCAPE_LINE_KEY) == 0)
        return read_line (r, src, error);
      return read_plane (r, src, error);
    }
  return TRUE;
}

gboolean
oc_landscape_results_add_point (OcLandscapeResults *r, const OcStorePoint *point,
                                GPtrArray *artifacts, GError **error)
{
  g_autoptr (GPtrArray) none = NULL;
  Source src = { artifacts, NULL, r->id, point->key };

  g_return_val_if_fail (r != NULL && point != NULL, FALSE);

  if (src.artifacts == NULL)
    src.artifacts = none = g_ptr_array_new ();
  return add_point (r, point, &src, error);
}

gboolean
oc_landscape_results_load (OcLandscapeResults *r, OcStore *store, GError **error)
{
  g_autoptr (GPtrArray) points = NULL;

  g_return_val_if_fail (r != NULL && store != NULL, FALSE);

  points = oc_store_list_points (store, r->id, TRUE, error);
  if (points == NULL)
    return FALSE;
  for (guint i = 0; i < points->len; i++)
    {
      const OcStorePoint *p = points->pdata[i];
      Source src = { NULL, store, r->id, p->key };

      if (!add_point (r, p, &src, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
oc_landscape_results_has_line (const OcLandscapeResults *r)
{
  return r->n_line > 0;
}

gboolean
oc_landscape_results_has_plane (const OcLandscapeResults *r)
{
  return r->nx > 0 && r->ny > 0;
}

gboolean
oc_landscape_results_has_trajectory (const OcLandscapeResults *r)
{
  return r->n_trajectory > 0;
}

/* ---- Words ---- */

char *
oc_landscape_results_line_end (const OcLandscapeResults *r, int end)
{
  g_return_val_if_fail (end == 0 || end == 1, NULL);

  switch (r->line_ends.kind)
    {
    case OC_LANDSCAPE_LINE_SEEDS:
      return g_strdup_printf ("seed %" G_GUINT64_FORMAT, r->line_ends.seeds[end]);
    case OC_LANDSCAPE_LINE_EXPERIMENTS:
      return g_strndup (r->line_ends.experiments[end], 8);
    case OC_LANDSCAPE_LINE_INIT_FINAL:
    case OC_LANDSCAPE_LINE_NONE:
    default:
      return g_strdup (end == 0 ? "θ₀" : "θ_T");
    }
}

char *
oc_landscape_results_axis_label (const OcLandscapeResults *r, int axis)
{
  const char *coef = axis == 0 ? "α" : "β";

  g_return_val_if_fail (axis == 0 || axis == 1, NULL);

  /* Short enough to run along a plot's height in the presentation theme. */
  if (r->plane_kind == OC_LANDSCAPE_PLANE_PCA)
    {
      if (isfinite (r->explained[axis]))
        return g_strdup_printf (_("%s · PC%d (%.0f %% of the path's variance)"), coef, axis + 1,
                                100 * r->explained[axis]);
      return g_strdup_printf (_("%s · PC%d of the path"), coef, axis + 1);
    }
  return g_strdup_printf (_("%s · δ%s (random, filter-normalised)"), coef, axis == 0 ? "₁" : "₂");
}

char *
oc_landscape_results_title (const OcLandscapeResults *r)
{
  if (r->architecture != NULL)
    return g_strdup_printf ("%s · %s", r->dataset, r->architecture);
  return g_strdup (r->dataset);
}

/* ---- CSV ---- */

/* The shortest text that reads back to the same float. */
static void
append_float (GString *s, float v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (v))
    {
      g_string_append (s, "nan");
      return;
    }
  for (int precision = 1; precision <= 9; precision++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", precision);
      g_ascii_formatd (buf, sizeof buf, format, v);
      if ((float) g_ascii_strtod (buf, NULL) == v)
        break;
    }
  g_string_append (s, buf);
}

char *
oc_landscape_results_line_csv (const OcLandscapeResults *r)
{
  GString *s;

  g_return_val_if_fail (r != NULL, NULL);

  if (!oc_landscape_results_has_line (r))
    return NULL;
  s = g_string_new ("alpha,train_loss,train_error,test_loss,test_error\n");
  for (guint i = 0; i < r->n_line; i++)
    {
      append_float (s, r->alpha[i]);
      for (int f = 0; f < OC_LANDSCAPE_N_FIELDS; f++)
        {
          g_string_append_c (s, ',');
          append_float (s, r->line[f][i]);
        }
      g_string_append_c (s, '\n');
    }
  return g_string_free (s, FALSE);
}

char *
oc_landscape_results_plane_csv (const OcLandscapeResults *r)
{
  GString *s;

  g_return_val_if_fail (r != NULL, NULL);

  if (!oc_landscape_results_has_plane (r))
    return NULL;
  s = g_string_new ("alpha,beta,train_loss,train_error,test_loss,test_error\n");
  for (guint j = 0; j < r->ny; j++)
    for (guint i = 0; i < r->nx; i++)
      {
        gsize k = (gsize) j * r->nx + i;

        append_float (s, r->plane_alpha[i]);
        g_string_append_c (s, ',');
        append_float (s, r->plane_beta[j]);
        for (int f = 0; f < OC_LANDSCAPE_N_FIELDS; f++)
          {
            g_string_append_c (s, ',');
            append_float (s, r->plane[f][k]);
          }
        g_string_append_c (s, '\n');
      }
  return g_string_free (s, FALSE);
}

char *
oc_landscape_results_trajectory_csv (const OcLandscapeResults *r)
{
  GString *s;

  g_return_val_if_fail (r != NULL, NULL);

  if (!oc_landscape_results_has_trajectory (r))
    return NULL;
  s = g_string_new ("iteration,alpha,beta,train_loss\n");
  for (guint t = 0; t < r->n_trajectory; t++)
    {
      g_string_append_printf (s, "%d,", r->trajectory_iteration[t]);
      append_float (s, r->trajectory_alpha[t]);
      g_string_append_c (s, ',');
      append_float (s, r->trajectory_beta[t]);
      g_string_append_c (s, ',');
      append_float (s, r->trajectory_loss[t]);
      g_string_append_c (s, '\n');
    }
  return g_string_free (s, FALSE);
}
