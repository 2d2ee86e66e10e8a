/* oc-cmd-sweep.c — `occam-cli sweep`: model-, sample- and noise-wise sweeps (double descent).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every point goes to the experiment store the moment it finishes, so a cancelled or killed sweep
 * resumes where it stopped; the CSV and the summary are then written from the store, the same way
 * for points trained now and points reused.
 */
#include <math.h>
#include <stdio.h>

#include "occam/oc-error.h"
#include "occam/oc-store.h"
#include "occam/oc-sweep.h"
#include "occam/oc-sweep-record.h"
#include "oc-cli.h"
#include "oc-cli-command.h"
#include "oc-cli-options.h"
#include "oc-cli-run.h"

/* What the summary and the CSV read back: the points in canonical order with their keys. */
typedef struct
{
  OcStore       *store;
  const char    *id;
  OcSweepConfig  cfg;
  GArray        *points;   /* OcSweepPoint */
  char         **keys;     /* [n points] */
} Sweep;

static void
on_point (const OcRunEvent *e, gpointer user_data)
{
  const OcCliRunOptions *ro = user_data;
  const OcStorePoint *p = e->point;
  const char *label = oc_run_plan_get_label (e->plan, e->index);
  guint n = oc_run_plan_get_n_to_run (e->plan);

  if (ro->quiet)
    return;
  if (p->status == OC_STATUS_FINISHED)
    fprintf (stderr, "[%u/%u] %s (%" G_GUINT64_FORMAT " parameters, n %u): train error %.3f, "
             "test error %.3f, test loss %.3f · %.1f s\n", e->n_ran, n, label, p->parameters,
             p->n_train, p->final.train_error, p->final.test_error, p->final.test_loss,
             p->seconds);
  else
    fprintf (stderr, "[%u/%u] %s: %s (recorded; the sweep goes on)\n", e->n_ran, n, label,
             p->error != NULL ? p->error : "failed");
}

/* The stored points in canonical order (NULL where none is stored). */
static GPtrArray *
load_points (Sweep *s, GError **error)
{
  g_autoptr (GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) oc_store_point_free);

  for (guint i = 0; i < s->points->len; i++)
    {
      g_autoptr (GError) local = NULL;
      OcStorePoint *p = oc_store_get_point (s->store, s->id, s->keys[i], TRUE, &local);

      if (p == NULL && !g_error_matches (local, OC_ERROR, OC_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return NULL;
        }
      g_ptr_array_add (out, p);
    }
  return g_steal_pointer (&out);
}

static gboolean
write_csv (Sweep *s, GPtrArray *stored, const char *path, GError **error)
{
  g_autoptr (GString) csv = g_string_new ("width,params,n_train,label_noise,seed,epoch,"
                                          "train_error,train_loss,test_error,test_loss,"
                                          "iteration,status\n");

  for (guint i = 0; i < s->points->len; i++)
    {
      const OcSweepPoint *p = &g_array_index (s->points, OcSweepPoint, i);
      const OcStorePoint *sp = g_ptr_array_index (stored, i);
      guint width = p->width > 0 ? p->width : (s->cfg.train->n_hidden > 0
                                               ? s->cfg.train->hidden[0] : 0);

      if (sp == NULL)
        continue;
      if (sp->status != OC_STATUS_FINISHED || sp->evals == NULL || sp->evals->len == 0)
        {
          g_string_append_printf (csv, "%u,%" G_GUINT64_FORMAT ",%u,%g,%" G_GUINT64_FORMAT
                                  ",nan,nan,nan,nan,nan,nan,%s\n", width, sp->parameters,
                                  sp->n_train, p->label_noise, p->seed,
                                  oc_status_to_string (sp->status));
          continue;
        }
      for (guint k = 0; k < sp->evals->len; k++)
        {
          const OcEvalPoint *e = &g_array_index (sp->evals, OcEvalPoint, k);

          g_string_append_printf (csv, "%u,%" G_GUINT64_FORMAT ",%u,%g,%" G_GUINT64_FORMAT
                                  ",%.9g,%.9g,%.9g,%.9g,%.9g,%" G_GUINT64_FORMAT ",finished\n",
                                  width, sp->parameters, sp->n_train, p->label_noise, p->seed,
                                  e->epoch, e->train_error, e->train_loss, e->test_error,
                                  e->test_loss, e->iteration);
        }
    }
  return g_file_set_contents (path, csv->str, (gssize) csv->len, error);
}

/* The table a speaker reads before plotting: per (n, noise) block, one row per width with the
 * mean (min–max over seeds), the n·K threshold and where training error first reaches ~0. */
static void
print_summary (Sweep *s, GPtrArray *stored, guint n_classes)
{
  for (guint i = 0; i < s->points->len;)
    {
      const OcSweepPoint *first = &g_array_index (s->points, OcSweepPoint, i);
      gboolean interpolated = FALSE, marked_nk = FALSE;
      guint block_n = 0;

      /* Rows of this block: same n_train and noise, any width and seed. */
      for (guint j = i; j < s->points->len; j++)
        {
          const OcStorePoint *sp = g_ptr_array_index (stored, j);

          if (sp != NULL && sp->n_train > 0)
            block_n = sp->n_train;
        }
      printf ("\n%8s %10s %11s %24s %10s\n", "width", "params", "train err", "test err (min–max)",
              "test loss");
      for (guint w = i; w < s->points->len;)
        {
          const OcSweepPoint *p = &g_array_index (s->points, OcSweepPoint, w);
          double tr = 0, te = 0, lo = INFINITY, hi = -INFINITY, tl = 0;
          guint n = 0, end = w;
          guint64 params = 0;
          guint stuck = 0;

          if (p->n_train != first->n_train || p->label_noise != first->label_noise)
            break;
          while (end < s->points->len
                 && g_array_index (s->points, OcSweepPoint, end).width == p->width
                 && g_array_index (s->points, OcSweepPoint, end).n_train == p->n_train
                 && g_array_index (s->points, OcSweepPoint, end).label_noise == p->label_noise)
            {
              const OcStorePoint *sp = g_ptr_array_index (stored, end);

              if (sp != NULL && sp->status == OC_STATUS_FINISHED)
                {
                  tr += sp->final.train_error;
                  te += sp->final.test_error;
                  tl += sp->final.test_loss;
                  lo = MIN (lo, sp->final.test_error);
                  hi = MAX (hi, sp->final.test_error);
                  params = sp->parameters;
                  /* Stuck: a net that ends near chance on its own training set never got going
                   * (an unlucky initialisation of a small net), unlike one that fits slowly. */
                  stuck += oc_sweep_is_stuck (sp->final.train_error, n_classes);
                  n++;
                }
              end++;
            }
          if (n > 0)
            {
              g_autoptr (GString) notes = g_string_new (NULL);

              if (!marked_nk && block_n > 0 && params >= (guint64) block_n * n_classes)
                {
                  g_string_append_printf (notes, "  ← n·K = %u", block_n * n_classes);
                  marked_nk = TRUE;
                }
              if (!interpolated && tr / n <= OC_SWEEP_INTERPOLATED)
                {
                  g_string_append (notes, "  ← train error ≈ 0 from here");
                  interpolated = TRUE;
                }
              if (stuck > 0)
                g_string_append_printf (notes, "  (stuck: %u of %u)", stuck, n);
              printf ("%8u %10" G_GUINT64_FORMAT " %11.4f %10.4f (%.4f–%.4f) %10.4f%s\n",
                      p->width, params, tr / n, te / n, lo, hi, tl / n, notes->str);
            }
          else
            printf ("%8u %10s %11s %24s %10s\n", p->width, "—", "failed", "", "");
          w = end;
        }
      /* Skip to the next block. */
      while (i < s->points->len
             && g_array_index (s->points, OcSweepPoint, i).n_train == first->n_train
             && g_array_index (s->points, OcSweepPoint, i).label_noise == first->label_noise)
        i++;
      if (first->n_train > 0 || first->label_noise > 0)
        printf ("(n = %" G_GINT64_FORMAT ", label noise %g)\n", first->n_train, first->label_noise);
    }
}

int
oc_cli_run_sweep_spec (const OcSpec *spec, const OcCliRunOptions *ro)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (OcStore) store = NULL;
  g_autoptr (GPtrArray) stored = NULL;
  g_autoptr (OcDataset) probe = NULL;
  OcCliShow show = { on_point, (gpointer) ro };
  OcRunSummary summary;
  Sweep s = { 0 };
  guint n_classes = 10;
  int status;

  status = oc_cli_run_experiment (spec, ro, &show, &store, &summary);
  if (status != OC_EXIT_OK)
    return status;
  if (!oc_sweep_config_from_spec (spec, &s.cfg, &error))
    {
      oc_cli_error ("%s", error->message);
      return OC_EXIT_BAD_INPUT;
    }
  s.store = store;
  s.id = summary.id;
  s.points = oc_sweep_points (&s.cfg);
  s.keys = g_new0 (char *, s.points->len + 1);
  for (guint i = 0; i < s.points->len; i++)
    s.keys[i] = oc_sweep_point_key (&s.cfg, &g_array_index (s.points, OcSweepPoint, i));

  stored = load_points (&s, &error);
  if (stored == NULL)
    {
      oc_cli_error ("%s", error->message);
      status = OC_EXIT_FAILED;
      goto out;
    }
  {
    /* Classes for the n·K line: cheap to ask the generators, and IDX data has 10. */
    OcDataOptions d = *s.cfg.data;

    if (g_strcmp0 (d.name, "fashion-mnist") != 0 && g_strcmp0 (d.name, "mnist") != 0)
      {
        d.n_train = 1;
        probe = oc_dataset_load (&d, NULL, NULL);
        if (probe != NULL)
          n_classes = probe->n_classes * probe->n_groups;
      }
  }
  print_summary (&s, stored, n_classes);
  oc_cli_print_anchor ("sweep", ro);
  if (ro->csv_path != NULL && !write_csv (&s, stored, ro->csv_path, &error))
    {
      oc_cli_error ("%s", error->message);
      status = OC_EXIT_BAD_INPUT;
      goto out;
    }
  oc_cli_print_stored (&summary, store);

out:
  oc_sweep_config_clear (&s.cfg);
  g_clear_pointer (&s.points, g_array_unref);
  g_strfreev (s.keys);
  return status;
}

void
oc_cli_print_anchor (const char *kind, const OcCliRunOptions *ro)
{
  const OcSpecPreset *p = oc_spec_find_preset (kind, ro->preset);

  if (p != NULL && p->anchor != NULL)
    printf ("\nTo compare: %s\n", p->anchor);
}

int
oc_cmd_sweep (int argc, char **argv)
{
  static const OcCliSpecCommand cmd = {
    "sweep", "- train a family of networks",
    "Trains one network per point of the sweep (hidden width × training examples × label noise ×\n"
    "seed) and reports train and test error and loss: model-, sample- and epoch-wise double\n"
    "descent. Points run in parallel and go to the experiment store as they finish; running the\n"
    "same sweep again resumes it.\n"
    "Example: occam-cli sweep --preset nakkiran-mlp --csv dd.csv",
    "Sweep options:", "Write one row per point and recorded epoch to FILE", TRUE, NULL,
  };

  return oc_cli_spec_command (argc, argv, &cmd, oc_cli_run_sweep_spec);
}
