/* oc-cmd-rff.c — `occam-cli rff`: random-features regression swept over the number of features.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each (features, seed) pair is one point in the experiment store, written as soon as it is
 * fitted; the CSV and the summary come from the store, so a resumed sweep prints the same table.
 */
#include <math.h>
#include <stdio.h>
#include <unistd.h>

#include "occam/oc-axis.h"
#include "occam/oc-error.h"
#include "occam/oc-rff.h"
#include "occam/oc-store.h"
#include "occam/oc-sweep-record.h"
#include "oc-cli.h"
#include "oc-cli-command.h"
#include "oc-cli-options.h"
#include "oc-cli-run.h"

typedef struct
{
  guint64 features;
  guint64 seed;
  char   *key;
  gboolean done;
} RffPoint;

typedef struct
{
  const OcRffSpec *v;
  OcStore         *store;
  char            *id;
  GArray          *points; /* RffPoint */
  gboolean         quiet;
  GError          *error;
  guint            n_to_run, n_ran;
  gint64           t0;
} Rff;

static gboolean
store_point (Rff *r, const RffPoint *p, const OcDataset *data, const OcRffResult *res,
             GError **error)
{
  g_autoptr (OcStorePoint) sp = oc_rff_point_record_new (r->id, p->key, data, r->v->feature_kind,
                                                         oc_blas_set_threads (r->v->threads), res);
  g_autoptr (GPtrArray) artifacts = oc_rff_point_artifacts (res, error);

  return artifacts != NULL && oc_store_put_point (r->store, sp, artifacts, error);
}

static void
rff_work (gpointer user_data, GCancellable *cancellable)
{
  Rff *r = user_data;
  g_autoptr (OcDataset) data = oc_dataset_load (&r->v->data, cancellable, &r->error);

  if (data == NULL)
    return;
  /* Largest first would balance nothing here (one fit at a time, all cores in BLAS); ascending
   * order shows the curve growing from the left. */
  for (guint i = 0; i < r->points->len; i++)
    {
      RffPoint *p = &g_array_index (r->points, RffPoint, i);
      OcRffConfig cfg;
      OcRffResult res;

      if (p->done)
        continue;
      oc_rff_config_init (&cfg);
      cfg.kind = r->v->feature_kind;
      cfg.n_features = (guint) p->features;
      cfg.sigma = r->v->sigma;
      cfg.ridge = r->v->ridge;
      cfg.seed = p->seed;
      cfg.threads = r->v->threads;
      if (!oc_rff_fit (&cfg, data, cancellable, &res, &r->error)
          || !store_point (r, p, data, &res, &r->error))
        return;
      r->n_ran++;
      if (!r->quiet)
        {
          double elapsed = (g_get_monotonic_time () - r->t0) / 1e6;
          g_autofree char *eta = oc_cli_format_duration (elapsed / r->n_ran
                                                         * (r->n_to_run - r->n_ran));

          fprintf (stderr, "[%u/%u] N = %" G_GUINT64_FORMAT ", seed %" G_GUINT64_FORMAT
                   ": train error %.4f, test error %.4f, test squared loss %.4g, ‖coef‖ %.3g, "
                   "κ %.3g%s · %.1f s · ETA %s\n", r->n_ran, r->n_to_run, p->features, p->seed,
                   res.train_error, res.test_error, res.test_mse, res.coef_norm, res.condition,
                   res.pseudo_inverse ? " (pseudo-inverse)" : "", res.seconds, eta);
        }
    }
}

int
oc_cli_run_rff_spec (const OcSpec *spec, const OcCliRunOptions *ro)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (OcStore) store = NULL;
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GArray) features = NULL;
  g_autoptr (GArray) seeds = NULL;
  g_autoptr (GString) csv = NULL;
  g_autofree const char **keys = NULL;
  Rff r = { 0 };
  int status = OC_EXIT_OK;
  double peak_mse = -1;
  guint64 peak_n = 0;
  guint n_train = 0;

  if (ro->csv_path != NULL && !oc_cli_check_output_path (ro->csv_path, &error))
    {
      oc_cli_error ("%s", error->message);
      return OC_EXIT_BAD_INPUT;
    }
  store = oc_cli_open_store (ro->store_path, TRUE, &error);
  if (store == NULL)
    {
      oc_cli_error ("%s", error->message);
      return oc_cli_exit_code_for (error);
    }
  r.v = oc_spec_get_values (spec);
  r.store = store;
  r.id = oc_spec_id (spec);
  r.quiet = ro->quiet;
  features = oc_axis_parse_uint (r.v->features, 1, 1000000, "features", &error);
  seeds = features != NULL ? oc_axis_parse_uint (r.v->seeds, 0, G_MAXINT64, "seeds", &error) : NULL;
  if (seeds == NULL)
    {
      oc_cli_error ("%s", error->message);
      g_free (r.id);
      return OC_EXIT_BAD_INPUT;
    }
  r.points = g_array_new (FALSE, TRUE, sizeof (RffPoint));
  keys = g_new0 (const char *, features->len * seeds->len + 1);
  for (guint f = 0; f < features->len; f++)
    for (guint s = 0; s < seeds->len; s++)
      {
        RffPoint p = { g_array_index (features, guint64, f), g_array_index (seeds, guint64, s),
                       NULL, FALSE };

        p.key = oc_rff_point_key (p.features, p.seed);
        keys[r.points->len] = p.key;
        g_array_append_val (r.points, p);
      }
  if (!ro->rerun)
    {
      g_autoptr (GPtrArray) missing = oc_store_missing_points (store, r.id, keys, r.points->len,
                                                               &error);

      if (missing == NULL)
        {
          oc_cli_error ("%s", error->message);
          status = oc_cli_exit_code_for (error);
          goto out;
        }
      for (guint i = 0; i < r.points->len; i++)
        {
          RffPoint *p = &g_array_index (r.points, RffPoint, i);

          p->done = TRUE;
          for (guint m = 0; m < missing->len; m++)
            if (g_strcmp0 (p->key, g_ptr_array_index (missing, m)) == 0)
              p->done = FALSE;
        }
    }
  for (guint i = 0; i < r.points->len; i++)
    r.n_to_run += !g_array_index (r.points, RffPoint, i).done;
  printf ("experiment: %s · %u points", r.id, r.points->len);
  if (r.n_to_run < r.points->len)
    printf (" · %u reused from %s", r.points->len - r.n_to_run, oc_store_get_path (store));
  printf ("\n");
  fflush (stdout);

  if (r.n_to_run > 0)
    {
      if (!oc_store_begin_experiment (store, spec, r.points->len, NULL, &error))
        {
          oc_cli_error ("%s", error->message);
          status = oc_cli_exit_code_for (error);
          goto out;
        }
      r.t0 = g_get_monotonic_time ();
      oc_cli_run_interruptible (rff_work, &r, cancellable);
      if (r.error != NULL)
        {
          oc_cli_error ("%s", r.error->message);
          status = oc_cli_exit_code_for (r.error);
          oc_store_set_experiment_status (store, r.id,
                                          g_error_matches (r.error, G_IO_ERROR,
                                                           G_IO_ERROR_CANCELLED)
                                          ? OC_STATUS_CANCELLED : OC_STATUS_FAILED, NULL);
          g_clear_error (&r.error);
        }
    }

  csv = g_string_new ("features,n_train,label_noise,seed,train_error,test_error,train_mse,"
                      "test_mse,coef_norm,condition\n");
  printf ("\n%9s %6s %11s %10s %14s %11s %11s\n", "features", "seed", "train err", "test err",
          "test sq. loss", "‖coef‖", "κ(Φ)");
  for (guint i = 0; i < r.points->len; i++)
    {
      RffPoint *p = &g_array_index (r.points, RffPoint, i);
      g_autoptr (OcStorePoint) sp = oc_store_get_point (store, r.id, p->key, FALSE, NULL);
      double norm, cond;

      if (sp == NULL || sp->status != OC_STATUS_FINISHED)
        continue;
      norm = oc_store_get_scalar (store, r.id, p->key, "coef_norm");
      cond = oc_store_get_scalar (store, r.id, p->key, "condition");
      n_train = sp->n_train;
      g_string_append_printf (csv, "%" G_GUINT64_FORMAT ",%u,%g,%" G_GUINT64_FORMAT
                              ",%.9g,%.9g,%.9g,%.9g,%.9g,%.9g\n", p->features, sp->n_train,
                              r.v->data.label_noise, p->seed, sp->final.train_error,
                              sp->final.test_error, sp->final.train_loss, sp->final.test_loss,
                              norm, cond);
      printf ("%9" G_GUINT64_FORMAT " %6" G_GUINT64_FORMAT " %11.4f %10.4f %14.5g %11.4g %11.4g\n",
              p->features, p->seed, sp->final.train_error, sp->final.test_error,
              sp->final.test_loss, norm, cond);
      if (sp->final.test_loss > peak_mse)
        {
          peak_mse = sp->final.test_loss;
          peak_n = p->features;
        }
    }
  if (peak_mse >= 0)
    printf ("test squared loss peaks at N = %" G_GUINT64_FORMAT " (n = %u training examples)\n",
            peak_n, n_train);
  oc_cli_print_anchor ("rff", ro);
  if (ro->csv_path != NULL && !g_file_set_contents (ro->csv_path, csv->str, (gssize) csv->len,
                                                    &error))
    {
      oc_cli_error ("%s", error->message);
      status = OC_EXIT_BAD_INPUT;
    }
  if (status == OC_EXIT_OK)
    printf ("experiment: %s · stored in %s\n", r.id, oc_store_get_path (store));

out:
  for (guint i = 0; i < r.points->len; i++)
    g_free (g_array_index (r.points, RffPoint, i).key);
  g_array_unref (r.points);
  g_free (r.id);
  return status;
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
