/* oc-cmd-rff.c — `occam-cli rff`: random-features regression swept over the number of features.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each (features, seed) pair is one point in the experiment store, written as soon as it is
 * fitted; the CSV and the summary come from the store, so a resumed sweep prints the same table.
 */
#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>

#include "occam/oc-store.h"
#include "oc-cli.h"
#include "oc-cli-command.h"
#include "oc-cli-options.h"
#include "oc-cli-run.h"

static double
scalar (GPtrArray *artifacts, const char *name)
{
  const OcStoreArtifact *a = oc_store_artifacts_find (artifacts, name);
  g_autoptr (OcNpyArray) v = a != NULL ? oc_store_artifact_decode (a, NULL) : NULL;

  return v != NULL && v->dtype == OC_NPY_FLOAT32 && v->n_elems > 0 ? ((float *) v->data)[0] : NAN;
}

static void
on_point (const OcRunEvent *e, gpointer user_data)
{
  const OcCliRunOptions *ro = user_data;
  const OcStorePoint *p = e->point;
  g_autofree char *eta = oc_format_duration (e->eta);

  if (ro->progress != OC_CLI_PROGRESS_NEVER)
    fprintf (stderr, _("[%u/%u] %s: train error %.4f, test error %.4f, test squared loss %.4g, "
             "‖coef‖ %.3g, κ %.3g · %.1f s · ETA %s\n"), e->n_ran,
             oc_run_plan_get_n_to_run (e->plan), oc_run_plan_get_label (e->plan, e->index),
             p->final.train_error, p->final.test_error, p->final.test_loss,
             scalar (e->artifacts, "coef_norm"), scalar (e->artifacts, "condition"), p->seconds,
             eta);
}

/* The fits one by one, table and CSV, and where the mean test squared loss over seeds (the curve
 * the window's figure draws) peaks. */
static gboolean
summarise (const OcSpec *spec, OcStore *store, const char *id, GString *csv, GError **error)
{
  g_autoptr (OcSweepResults) r = oc_cli_sweep_results_load (spec, store, error);
  g_autoptr (GArray) groups = NULL;
  const OcSweepGroup *peak = NULL;
  OcSweepGrid *grid;

  if (r == NULL)
    return FALSE;
  grid = oc_sweep_results_get_grid (r);
  groups = oc_sweep_results_groups (r, OC_SWEEP_MODE_RFF);

  printf ("\n%9s %6s %11s %10s %14s %11s %11s\n", "features", "seed", "train err", "test err",
          "test sq. loss", "‖coef‖", "κ(Φ)");
  for (guint i = 0; i < oc_sweep_grid_get_n_points (grid); i++)
    {
      const OcGridPoint *p = &g_array_index (grid->points, OcGridPoint, i);
      const OcSweepEntry *e = oc_sweep_results_get (r, i);
      const OcEvalPoint *f;

      if (e == NULL || e->point->status != OC_STATUS_FINISHED)
        continue;
      f = &e->point->final;
      printf ("%9" G_GUINT64_FORMAT " %6" G_GUINT64_FORMAT " %11.4f %10.4f %14.5g %11.4g %11.4g\n",
              p->features, p->seed, f->train_error, f->test_error, f->test_loss, e->coef_norm,
              e->condition);
      g_string_append_printf (csv, "%" G_GUINT64_FORMAT ",%u,%g,%" G_GUINT64_FORMAT
                              ",%.9g,%.9g,%.9g,%.9g,%.9g,%.9g\n", p->features, e->point->n_train,
                              p->label_noise, p->seed, f->train_error, f->test_error,
                              f->train_loss, f->test_loss, e->coef_norm, e->condition);
    }
  for (guint k = 0; k < groups->len; k++)
    {
      const OcSweepGroup *g = &g_array_index (groups, OcSweepGroup, k);

      if (g->n > 0 && (peak == NULL || g->test_loss > peak->test_loss))
        peak = g;
    }
  if (peak != NULL)
    printf (_("test squared loss peaks at N = %.0f (n = %u training examples)\n"), peak->key,
            peak->n_train);
  return TRUE;
}

static const OcCliReport report = {
  "rff", on_point, summarise,
  "features,n_train,label_noise,seed,train_error,test_error,train_mse,test_mse,coef_norm,"
  "condition\n",
};

int
oc_cli_run_rff_spec (const OcSpec *spec, const OcCliRunOptions *ro)
{
  return oc_cli_run_report (spec, ro, &report);
}

int
oc_cmd_rff (int argc, char **argv)
{
  static const OcCliSpecCommand cmd = {
    "rff", N_("- random-features regression"),
    N_("Fits minimum-norm least squares on random Fourier (or ReLU) features of the data for each\n"
    "number of features N and reports train/test zero-one error, squared loss, the coefficient\n"
    "norm and the condition number: the sharp peak at N = n of Belkin et al. (2019).\n"
    "Example: occam-cli rff --preset belkin-rff --csv rff.csv"),
    N_("Random-features options:"),
    N_("Write one row per number of features and seed to FILE (-: standard output)"), TRUE,
    NULL,
  };

  return oc_cli_spec_command (argc, argv, &cmd, oc_cli_run_rff_spec);
}
