/* oc-cli-prune.c — reading a prune experiment back from the store: rows, CSV, summary, exports.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A prune point's artifacts (see README, "Lottery tickets") hold whole parameter arenas in the
 * layout of oc-mlp.h: for each layer l, W_l [sizes[l+1], sizes[l]] row-major, then b_l. The sizes
 * come from the point's architecture ("784-300-100-10").
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "occam/oc-error.h"
#include "oc-cli-prune.h"

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

/* {"control":"imp","seed":0,"level":3} → its parts. */
static gboolean
parse_key (const char *key, OcControl *control, guint64 *seed, guint *level)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *obj;
  JsonNode *root;

  if (!json_parser_load_from_data (parser, key, -1, NULL))
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

/* "784-300-100-10" → sizes; FALSE for anything else. */
static gboolean
parse_architecture (const char *text, guint **sizes_out, guint *n_layers_out)
{
  g_auto (GStrv) parts = NULL;
  guint n;
  g_autofree guint *sizes = NULL;

  if (text == NULL)
    return FALSE;
  parts = g_strsplit (text, "-", -1);
  n = g_strv_length (parts);
  if (n < 2)
    return FALSE;
  sizes = g_new (guint, n);
  for (guint i = 0; i < n; i++)
    {
      guint64 v;

      if (!g_ascii_string_to_unsigned (parts[i], 10, 1, 1u << 20, &v, NULL))
        return FALSE;
      sizes[i] = (guint) v;
    }
  *sizes_out = g_steal_pointer (&sizes);
  *n_layers_out = n - 1;
  return TRUE;
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

GPtrArray *
oc_cli_prune_rows (OcStore *store, const char *id, GError **error)
{
  g_autoptr (GPtrArray) points = oc_store_list_points (store, id, FALSE, error);
  g_autoptr (GPtrArray) rows = NULL;

  if (points == NULL)
    return NULL;
  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) oc_prune_row_free);
  for (guint i = 0; i < points->len; i++)
    {
      g_autoptr (OcPruneRow) row = g_new0 (OcPruneRow, 1);
      g_autoptr (OcNpyArray) alive = NULL;
      gsize total = 0, kept = 0;

      row->point = g_steal_pointer (&points->pdata[i]);
      row->density = NAN;
      if (!parse_key (row->point->key, &row->control, &row->seed, &row->level))
        {
          g_set_error (error, OC_ERROR, OC_ERROR_STORE, "experiment %s: %s is not a point key of "
                       "a prune experiment", id, row->point->key);
          return NULL;
        }
      if (parse_architecture (row->point->architecture, &row->sizes, &row->n_layers))
        alive = oc_store_get_artifact (store, id, row->point->key, "layer_alive", NULL);
      if (alive != NULL && alive->dtype == OC_NPY_INT32 && alive->n_elems == row->n_layers)
        {
          row->layer_density = g_new (double, row->n_layers);
          for (guint l = 0; l < row->n_layers; l++)
            {
              gsize n = (gsize) row->sizes[l] * row->sizes[l + 1];
              gint32 a = ((const gint32 *) alive->data)[l];

              row->layer_density[l] = (double) a / (double) n;
              total += n;
              kept += (gsize) a;
            }
          row->density = (double) kept / (double) total;
        }
      g_ptr_array_add (rows, g_steal_pointer (&row));
    }
  g_ptr_array_sort (rows, cmp_rows);
  return g_steal_pointer (&rows);
}

static double
accuracy (double error)
{
  return isfinite (error) ? 1.0 - error : NAN;
}

/* The accuracy the summary compares: at early stop, which is the end of training when there is
 * no validation split. */
static double
row_accuracy (const OcPruneRow *r)
{
  return r->point->status == OC_STATUS_FINISHED ? accuracy (r->point->early_stop.test_error)
                                                : NAN;
}

gboolean
oc_cli_prune_write_csv (GPtrArray *rows, const char *path, GError **error)
{
  g_autoptr (GString) s = g_string_new ("control,seed,level,density,test_accuracy,"
                                        "early_stop_iteration,early_stop_test_accuracy,status,"
                                        "train_accuracy,early_stop_val_accuracy,iterations,"
                                        "seconds");
  guint n_layers = 0;

  for (guint i = 0; i < rows->len; i++)
    n_layers = MAX (n_layers, ((OcPruneRow *) rows->pdata[i])->n_layers);
  for (guint l = 0; l < n_layers; l++)
    g_string_append_printf (s, ",layer%u_density", l);
  g_string_append_c (s, '\n');
  for (guint i = 0; i < rows->len; i++)
    {
      const OcPruneRow *r = rows->pdata[i];
      const OcStorePoint *p = r->point;

      /* %.9g round-trips a float; NaN prints as "nan", which pandas reads as missing. */
      g_string_append_printf (s, "%s,%" G_GUINT64_FORMAT ",%u,%.9g,%.9g,%" G_GUINT64_FORMAT
                              ",%.9g,%s,%.9g,%.9g,%" G_GUINT64_FORMAT ",%.3f",
                              oc_control_to_string (r->control), r->seed, r->level, r->density,
                              accuracy (p->final.test_error), p->early_stop.iteration,
                              accuracy (p->early_stop.test_error),
                              oc_status_to_string (p->status), accuracy (p->final.train_error),
                              accuracy (p->early_stop.val_error), p->iterations, p->seconds);
      for (guint l = 0; l < n_layers; l++)
        g_string_append_printf (s, ",%.9g", r->layer_density != NULL && l < r->n_layers
                                            ? r->layer_density[l] : NAN);
      g_string_append_c (s, '\n');
    }
  /* g_file_set_contents writes a temporary file and renames it: no partial CSV. */
  return g_file_set_contents (path, s->str, (gssize) s->len, error);
}

typedef struct
{
  guint  n;
  double density, acc;
} LevelMean;

/* Mean density and accuracy over seeds of @control at each level; [max level + 1]. */
static GArray *
level_means (GPtrArray *rows, OcControl control)
{
  GArray *means = g_array_new (FALSE, TRUE, sizeof (LevelMean));

  for (guint i = 0; i < rows->len; i++)
    {
      const OcPruneRow *r = rows->pdata[i];
      LevelMean *m;

      if (r->control != control)
        continue;
      if (r->level >= means->len)
        g_array_set_size (means, r->level + 1);
      m = &g_array_index (means, LevelMean, r->level);
      m->n++;
      m->density += r->density;
      m->acc += row_accuracy (r);
    }
  for (guint l = 0; l < means->len; l++)
    {
      LevelMean *m = &g_array_index (means, LevelMean, l);

      m->density = m->n > 0 ? m->density / m->n : NAN;
      m->acc = m->n > 0 ? m->acc / m->n : NAN;
    }
  return means;
}

double
oc_cli_prune_matching_density (GPtrArray *rows, OcControl control, double dense,
                               double tolerance, guint *level_out, double *accuracy_out)
{
  g_autoptr (GArray) means = level_means (rows, control);
  double best = NAN;

  /* Walk down from the dense network and stop at the first level that falls below: a lucky
   * level after a failing one does not count. */
  for (guint l = 0; l < means->len; l++)
    {
      const LevelMean *m = &g_array_index (means, LevelMean, l);

      if (m->n == 0 || !(m->acc >= dense - tolerance - 1e-12))
        break;
      best = m->density;
      if (level_out != NULL)
        *level_out = l;
      if (accuracy_out != NULL)
        *accuracy_out = m->acc;
    }
  return best;
}

void
oc_cli_prune_print_summary (GPtrArray *rows, double tolerance)
{
  g_autoptr (GArray) imp = level_means (rows, OC_CONTROL_IMP);
  GArray *per_control[OC_N_CONTROLS] = { NULL };
  gboolean has_val = FALSE;
  guint n_seeds = 0;
  double dense;
  const char *what;

  if (imp->len == 0 || g_array_index (imp, LevelMean, 0).n == 0)
    {
      printf ("no finished level yet\n");
      return;
    }
  for (guint i = 0; i < rows->len; i++)
    {
      const OcPruneRow *r = rows->pdata[i];

      has_val |= r->point->n_val > 0;
      n_seeds += r->control == OC_CONTROL_IMP && r->level == 0;
    }
  for (guint c = 0; c < OC_N_CONTROLS; c++)
    {
      per_control[c] = level_means (rows, (OcControl) c);
      if (per_control[c]->len == 0)
        g_clear_pointer (&per_control[c], g_array_unref);
    }
  what = has_val ? "test accuracy at early stop (lowest validation loss)"
                 : "test accuracy at the end of training (no validation split)";
  dense = g_array_index (imp, LevelMean, 0).acc;
  printf ("\n%s, %s:\n", what, n_seeds > 1 ? "mean over seeds" : "one seed");
  printf ("level  weights left");
  for (guint c = 0; c < OC_N_CONTROLS; c++)
    if (per_control[c] != NULL)
      printf (" %11s", oc_control_to_string ((OcControl) c));
  printf ("\n");
  for (guint l = 0; l < imp->len; l++)
    {
      printf ("%5u  %10.2f %%", l, 100 * g_array_index (imp, LevelMean, l).density);
      for (guint c = 0; c < OC_N_CONTROLS; c++)
        if (per_control[c] != NULL)
          {
            const LevelMean *m = l < per_control[c]->len
                                 ? &g_array_index (per_control[c], LevelMean, l) : NULL;

            if (m != NULL && m->n > 0 && isfinite (m->acc))
              printf (" %9.2f %%", 100 * m->acc);
            else
              printf (" %11s", "-");
          }
      printf ("\n");
    }
  printf ("\ndense network: %.2f %%\nsmallest matching density (the lowest reached before the "
          "accuracy first falls\nmore than %g pp below the dense network's):\n", 100 * dense,
          100 * tolerance);
  for (guint c = 0; c < OC_N_CONTROLS; c++)
    {
      guint level = 0;
      double acc = NAN, d;

      if (per_control[c] == NULL)
        continue;
      d = oc_cli_prune_matching_density (rows, (OcControl) c, dense, tolerance, &level, &acc);
      if (isnan (d))
        printf ("  %-12s none\n", oc_control_to_string ((OcControl) c));
      else
        printf ("  %-12s %6.2f %% of weights (level %u, %.2f %%)%s\n",
                oc_control_to_string ((OcControl) c), 100 * d, level, 100 * acc,
                level + 1 == per_control[c]->len && level > 0 ? " — every level matched" : "");
    }
  for (guint c = 0; c < OC_N_CONTROLS; c++)
    g_clear_pointer (&per_control[c], g_array_unref);
}

/* Writes @array atomically to DIR/NAME. */
static gboolean
write_npy (const char *dir, const char *name, const OcNpyArray *array, GError **error)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr (GBytes) bytes = oc_npy_encode (array, error);
  gsize len;
  const char *data;

  if (bytes == NULL)
    return FALSE;
  data = g_bytes_get_data (bytes, &len);
  return g_file_set_contents (path, data, (gssize) len, error);
}

/* Layer @l's weights of an arena artifact as a [out, in] array of the same dtype. */
static OcNpyArray *
layer_slice (const OcNpyArray *arena, const guint *sizes, guint l, GError **error)
{
  gsize shape[2] = { sizes[l + 1], sizes[l] }, off = 0, es = oc_npy_dtype_size (arena->dtype);
  OcNpyArray *out;

  for (guint k = 0; k < l; k++)
    off += (gsize) sizes[k] * sizes[k + 1] + sizes[k + 1];
  if (arena->n_dims != 1 || off + shape[0] * shape[1] > arena->n_elems)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_FORMAT, "an artifact of %zu values does not fit the "
                   "architecture", arena->n_elems);
      return NULL;
    }
  out = oc_npy_array_new (arena->dtype, 2, shape, error);
  if (out != NULL)
    memcpy (out->data, (const guint8 *) arena->data + off * es, shape[0] * shape[1] * es);
  return out;
}

gboolean
oc_cli_prune_export (OcStore *store, const char *id, GPtrArray *rows, const char *dir,
                     guint *n_files, GError **error)
{
  static const char *const artifacts[][2] = {
    { "mask", "mask" }, { "theta_start", "init" }, { "theta_final", "final" },
  };

  *n_files = 0;
  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      int e = errno;

      g_set_error (error, OC_ERROR, OC_ERROR_IO, "--export-masks: cannot create %s: %s", dir,
                   g_strerror (e));
      return FALSE;
    }
  for (guint i = 0; i < rows->len; i++)
    {
      const OcPruneRow *r = rows->pdata[i];

      if (r->sizes == NULL)
        continue;
      for (guint a = 0; a < G_N_ELEMENTS (artifacts); a++)
        {
          g_autoptr (OcNpyArray) arena = oc_store_get_artifact (store, id, r->point->key,
                                                                 artifacts[a][0], error);

          if (arena == NULL)
            {
              g_prefix_error (error, "--export-masks: %s: ", r->point->key);
              return FALSE;
            }
          for (guint l = 0; l < r->n_layers; l++)
            {
              g_autoptr (OcNpyArray) w = layer_slice (arena, r->sizes, l, error);
              g_autofree char *name = g_strdup_printf ("%s-s%" G_GUINT64_FORMAT "-l%02u-layer%u-"
                                                       "%s.npy", oc_control_to_string (r->control),
                                                       r->seed, r->level, l, artifacts[a][1]);

              if (w == NULL || !write_npy (dir, name, w, error))
                {
                  g_prefix_error (error, "--export-masks: ");
                  return FALSE;
                }
              (*n_files)++;
            }
        }
    }
  return TRUE;
}
