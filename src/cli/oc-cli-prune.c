/* oc-cli-prune.c — what `occam-cli prune` writes of a prune experiment's rows (oc_prune_rows_load):
 * CSV, summary, exports.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A prune point's artifacts (see README, "Lottery tickets") hold whole parameter arenas in the
 * layout of oc-mlp.h: for each layer l, W_l [sizes[l+1], sizes[l]] row-major, then b_l, each block
 * starting on a multiple of 16 floats (oc_mlp_new's w_offset and b_offset). The sizes come from
 * the point's architecture ("784-300-100-10").
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <glib/gstdio.h>

#include "occam/oc-error.h"
#include "oc-cli-output.h"
#include "oc-cli-prune.h"
#include "oc-config.h"
#include <glib/gi18n-lib.h>

static double
accuracy (double error)
{
  return isfinite (error) ? 1.0 - error : NAN;
}

gboolean
oc_cli_prune_write_csv (GPtrArray *rows, gboolean by_density, const char *path, GError **error)
{
  g_autoptr (GString) s = g_string_new (by_density ? "method,density,seed,test_accuracy,level,"
                                                     "early_stop_iteration,"
                                                   : "control,seed,level,density,test_accuracy,"
                                                     "early_stop_iteration,");
  guint n_layers = 0;

  g_string_append (s, "early_stop_test_accuracy,status,train_accuracy,early_stop_val_accuracy,"
                      "iterations,seconds");

  for (guint i = 0; i < rows->len; i++)
    n_layers = MAX (n_layers, ((OcPruneRow *) rows->pdata[i])->n_layers);
  for (guint l = 0; l < n_layers; l++)
    g_string_append_printf (s, ",layer%u_density", l);
  g_string_append_c (s, '\n');
  for (guint i = 0; i < rows->len; i++)
    {
      const OcPruneRow *r = rows->pdata[i];
      const OcStorePoint *p = r->point;

      const double accuracies[] = { accuracy (p->final.train_error),
                                    accuracy (p->early_stop.val_error) };

      /* With densities, level 0 is the dense network, once: IMP's row, called dense. */
      if (by_density && r->level == 0 && r->control != OC_CONTROL_IMP)
        continue;
      /* Missing values (no validation split, a diverged level) are empty fields. */
      if (by_density)
        {
          g_string_append_printf (s, "%s,", r->level == 0 ? "dense"
                                                           : oc_control_to_string (r->control));
          oc_csv_append_number (s, r->density);
          g_string_append_printf (s, ",%" G_GUINT64_FORMAT ",", r->seed);
          oc_csv_append_number (s, accuracy (p->final.test_error));
          g_string_append_printf (s, ",%u", r->level);
        }
      else
        {
          g_string_append_printf (s, "%s,%" G_GUINT64_FORMAT ",%u,",
                                  oc_control_to_string (r->control), r->seed, r->level);
          oc_csv_append_number (s, r->density);
          g_string_append_c (s, ',');
          oc_csv_append_number (s, accuracy (p->final.test_error));
        }
      g_string_append_printf (s, ",%" G_GUINT64_FORMAT ",", p->early_stop.iteration);
      oc_csv_append_number (s, accuracy (p->early_stop.test_error));
      g_string_append_printf (s, ",%s", oc_status_to_string (p->status));
      for (guint k = 0; k < G_N_ELEMENTS (accuracies); k++)
        {
          g_string_append_c (s, ',');
          oc_csv_append_number (s, accuracies[k]);
        }
      g_string_append_printf (s, ",%" G_GUINT64_FORMAT ",%.3f", p->iterations, p->seconds);
      for (guint l = 0; l < n_layers; l++)
        {
          g_string_append_c (s, ',');
          oc_csv_append_number (s, r->layer_density != NULL && l < r->n_layers
                                   ? r->layer_density[l] : NAN);
        }
      g_string_append_c (s, '\n');
    }
  return oc_cli_write_output (path, s->str, (gssize) s->len, error);
}

/* A column of the summary: as wide as the control's name, at least 11. */
static int
column_width (OcControl c)
{
  return MAX (11, (int) strlen (oc_control_to_string (c)));
}

void
oc_cli_prune_print_summary (GPtrArray *rows, double tolerance)
{
  /* Each control's means over seeds per level; NULL for controls without a row. */
  GArray *per_control[OC_N_CONTROLS] = { NULL };
  const GArray *imp;
  gboolean has_val = FALSE;
  guint n_seeds = 0, n_levels = 0;
  double dense;
  const char *what;

  for (guint c = 0; c < OC_N_CONTROLS; c++)
    {
      per_control[c] = oc_prune_rows_level_means (rows, (OcControl) c);
      if (per_control[c]->len == 0)
        g_clear_pointer (&per_control[c], g_array_unref);
    }
  imp = per_control[OC_CONTROL_IMP];
  if (imp == NULL || g_array_index (imp, OcPruneLevelMean, 0).n == 0)
    {
      printf (_("no finished level yet\n"));
      goto out;
    }
  for (guint i = 0; i < rows->len; i++)
    {
      const OcPruneRow *r = rows->pdata[i];

      has_val |= r->point->n_val > 0;
      n_seeds += r->control == OC_CONTROL_IMP && r->level == 0;
    }
  what = has_val ? _("test accuracy at early stop (lowest validation loss)")
                 : _("test accuracy at the end of training (no validation split)");
  dense = oc_prune_rows_dense_accuracy (rows);
  printf ("\n%s, %s:\n", what, n_seeds > 1 ? _("mean over seeds") : _("one seed"));
  printf (_("level  weights left"));
  for (guint c = 0; c < OC_N_CONTROLS; c++)
    if (per_control[c] != NULL)
      printf (" %*s", column_width ((OcControl) c), oc_control_to_string ((OcControl) c));
  printf ("\n");
  /* Levels are IMP's, or with densities the methods' (IMP has the dense level only). */
  for (guint c = 0; c < OC_N_CONTROLS; c++)
    if (per_control[c] != NULL)
      n_levels = MAX (n_levels, per_control[c]->len);
  for (guint l = 0; l < n_levels; l++)
    {
      double density = NAN;

      for (guint c = 0; c < OC_N_CONTROLS && isnan (density); c++)
        if (per_control[c] != NULL && l < per_control[c]->len
            && g_array_index (per_control[c], OcPruneLevelMean, l).n > 0)
          density = g_array_index (per_control[c], OcPruneLevelMean, l).density;
      printf ("%5u  %10.2f %%", l, 100 * density);
      for (guint c = 0; c < OC_N_CONTROLS; c++)
        if (per_control[c] != NULL)
          {
            const OcPruneLevelMean *m = l < per_control[c]->len
                                 ? &g_array_index (per_control[c], OcPruneLevelMean, l) : NULL;

            if (m != NULL && m->n > 0 && isfinite (m->accuracy))
              printf (" %*.2f %%", column_width ((OcControl) c) - 2, 100 * m->accuracy);
            else
              printf (" %*s", column_width ((OcControl) c), "-");
          }
      printf ("\n");
    }
  printf (_("\ndense network: %.2f %%\nsmallest matching density (the lowest reached before the "
          "accuracy first falls\nmore than %g pp below the dense network's):\n"), 100 * dense,
          100 * tolerance);
  for (guint c = 0; c < OC_N_CONTROLS; c++)
    {
      guint level = 0;
      double acc = NAN, d;

      /* IMP with only its dense level (a run with densities) pruned nothing. */
      if (per_control[c] == NULL || per_control[c]->len <= 1)
        continue;
      d = oc_prune_rows_matching_density (rows, (OcControl) c, dense, tolerance, &level, &acc);
      if (isnan (d))
        printf (_("  %-18s none\n"), oc_control_to_string ((OcControl) c));
      else if (level == 0)
        printf (_("  %-18s none: more than %g pp below from level 1 on\n"),
                oc_control_to_string ((OcControl) c), 100 * tolerance);
      else
        printf (_("  %-18s %6.2f %% of weights (level %u, %.2f %%)%s\n"),
                oc_control_to_string ((OcControl) c), 100 * d, level, 100 * acc,
                level + 1 == per_control[c]->len && level > 0 ? " — every level matched" : "");
    }
out:
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
  return oc_cli_write_output (path, data, (gssize) len, error);
}

/* Layer @l's weights of an arena artifact as a [out, in] array of the same dtype. */
static OcNpyArray *
layer_slice (const OcNpyArray *arena, const OcMlp *layout, guint l, GError **error)
{
  /* The arena keeps OcMlp's layout, blocks padded to 16 floats: take W_l's offset from it. */
  gsize shape[2] = { layout->sizes[l + 1], layout->sizes[l] }, off = layout->w_offset[l];
  gsize es = oc_npy_dtype_size (arena->dtype);
  OcNpyArray *out;

  if (arena->n_dims != 1 || arena->n_elems != layout->n_params)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_FORMAT, "an artifact of %zu values does not fit the "
                   "architecture (%zu parameters)", arena->n_elems, layout->n_params);
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

      g_autoptr (OcMlp) layout = NULL;

      if (r->sizes == NULL)
        continue;
      layout = oc_mlp_new (r->sizes, r->n_layers + 1, OC_ACT_RELU, error);
      if (layout == NULL)
        return FALSE;
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
              g_autoptr (OcNpyArray) w = layer_slice (arena, layout, l, error);
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
