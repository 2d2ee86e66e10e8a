/* oc-cmd-rff.c — `occam-cli rff`: random-features regression swept over the number of features.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each (features, seed) pair is one point in the experiment store, written as soon as it is
 * fitted; the CSV and the summary come from the store, so a resumed sweep prints the same table.
 */
#include <math.h>
#include <stdio.h>

#include "occam/oc-axis.h"
#include "occam/oc-error.h"
#include "occam/oc-rff.h"
#include "occam/oc-store.h"
#include "occam/oc-sweep-record.h"
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

  if (!ro->quiet)
    fprintf (stderr, "[%u/%u] %s: train error %.4f, test error %.4f, test squared loss %.4g, "
             "‖coef‖ %.3g, κ %.3g · %.1f s · ETA %s\n", e->n_ran,
             oc_run_plan_get_n_to_run (e->plan), oc_run_plan_get_label (e->plan, e->index),
             p->final.train_error, p->final.test_error, p->final.test_loss,
             scalar (e->artifacts, "coef_norm"), scalar (e->artifacts, "condition"), p->seconds,
             eta);
}

int
oc_cli_run_rff_spec (const OcSpec *spec, const OcCliRunOptions *ro)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (OcStore) store = NULL;
  g_autoptr (GArray) features = NULL;
  g_autoptr (GArray) seeds = NULL;
  g_autoptr (GString) csv = NULL;
  const OcRffSpec *v = oc_spec_get_values (spec);
  OcCliShow show = { on_point, (gpointer) ro };
  OcRunSummary summary;
  double peak_mse = -1;
  guint64 peak_n = 0;
  guint n_train = 0;
  int status;

  status = oc_cli_run_experiment (spec, ro, &show, &store, &summary);
  if (status != OC_EXIT_OK)
    return status;
  /* The spec's axes are canonical lists. */
  features = oc_axis_parse_uint (v->features, 1, G_MAXUINT, "features", &error);
  seeds = features != NULL ? oc_axis_parse_uint (v->seeds, 0, G_MAXINT64, "seeds", &error) : NULL;
  if (seeds == NULL)
    {
      oc_cli_error ("%s", error->message);
      return OC_EXIT_BAD_INPUT;
    }
  csv = g_string_new ("features,n_train,label_noise,seed,train_error,test_error,train_mse,"
                      "test_mse,coef_norm,condition\n");
  printf ("\n%9s %6s %11s %10s %14s %11s %11s\n", "features", "seed", "train err", "test err",
          "test sq. loss", "‖coef‖", "κ(Φ)");
  for (guint i = 0; i < features->len * seeds->len; i++)
    {
      guint64 n = g_array_index (features, guint64, i / seeds->len);
      guint64 seed = g_array_index (seeds, guint64, i % seeds->len);
      g_autofree char *key = oc_rff_point_key (n, seed);
      g_autoptr (OcStorePoint) sp = oc_store_get_point (store, summary.id, key, FALSE, NULL);
      double norm, cond;

      if (sp == NULL || sp->status != OC_STATUS_FINISHED)
        continue;
      norm = oc_store_get_scalar (store, summary.id, key, "coef_norm");
      cond = oc_store_get_scalar (store, summary.id, key, "condition");
      n_train = sp->n_train;
      g_string_append_printf (csv, "%" G_GUINT64_FORMAT ",%u,%g,%" G_GUINT64_FORMAT
                              ",%.9g,%.9g,%.9g,%.9g,%.9g,%.9g\n", n, sp->n_train,
                              v->data.label_noise, seed, sp->final.train_error,
                              sp->final.test_error, sp->final.train_loss, sp->final.test_loss,
                              norm, cond);
      printf ("%9" G_GUINT64_FORMAT " %6" G_GUINT64_FORMAT " %11.4f %10.4f %14.5g %11.4g %11.4g\n",
              n, seed, sp->final.train_error, sp->final.test_error, sp->final.test_loss,
              norm, cond);
      if (sp->final.test_loss > peak_mse)
        {
          peak_mse = sp->final.test_loss;
          peak_n = n;
        }
    }
  if (peak_mse >= 0)
    printf ("test squared loss peaks at N = %" G_GUINT64_FORMAT " (n = %u training examples)\n",
            peak_n, n_train);
  oc_cli_print_anchor ("rff", ro);
  if (ro->csv_path != NULL
      && !g_file_set_contents (ro->csv_path, csv->str, (gssize) csv->len, &error))
    {
      oc_cli_error ("%s", error->message);
      return OC_EXIT_BAD_INPUT;
    }
  oc_cli_print_stored (&summary, store);
  return OC_EXIT_OK;
}

int
oc_cmd_rff (int argc, char **argv)
{
  static const OcCliSpecCommand cmd = {
    "rff", "- random-features regression",
    "Fits minimum-norm least squares on random Fourier (or ReLU) features of the data for each\n"
    "number of features N and reports train/test zero-one error, squared loss, the coefficient\n"
    "norm and the condition number: the sharp peak at N = n of Belkin et al. (2019).\n"
    "Example: occam-cli rff --preset belkin-rff --csv rff.csv",
    "Random-features options:", "Write one row per number of features and seed to FILE", TRUE,
    NULL,
  };

  return oc_cli_spec_command (argc, argv, &cmd, oc_cli_run_rff_spec);
}
