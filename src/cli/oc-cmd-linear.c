/* oc-cmd-linear.c — `occam-cli linear`: the isotropic linear model of Hastie et al. (2019), measured
 * and next to its closed-form risk.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Minimum-norm least squares on n samples of p isotropic Gaussian features, y = xᵀβ + ε: the excess
 * test risk ‖β̂ − β‖² peaks at p = n and falls again beyond it, exactly as σ²γ/(1−γ) and
 * r²(1 − 1/γ) + σ²/(γ − 1) predict (γ = p/n). Each (p, seed) is a point in the store.
 */
#include <math.h>
#include <stdio.h>

#include "occam/oc-axis.h"
#include "occam/oc-error.h"
#include "occam/oc-rff.h"
#include "occam/oc-store.h"
#include "occam/oc-train.h"
#include "oc-cli.h"
#include "oc-cli-command.h"

typedef struct
{
  const OcLinearSpec *v;
  OcStore            *store;
  char               *id;
  GArray             *ps, *seeds; /* guint64 */
  gboolean            quiet;
  GError             *error;
} Linear;

static char *
point_key (guint64 p, guint64 seed)
{
  return g_strdup_printf ("{\"p\":%" G_GUINT64_FORMAT ",\"seed\":%" G_GUINT64_FORMAT "}", p, seed);
}

static void
linear_work (gpointer user_data, GCancellable *cancellable)
{
  Linear *l = user_data;

  oc_blas_set_threads (l->v->threads);
  for (guint i = 0; i < l->ps->len; i++)
    for (guint s = 0; s < l->seeds->len; s++)
      {
        guint64 p = g_array_index (l->ps, guint64, i), seed = g_array_index (l->seeds, guint64, s);
        g_autofree char *key = point_key (p, seed);
        g_autoptr (OcStorePoint) sp = NULL;
        gint64 t0 = g_get_monotonic_time ();
        double risk;

        if (g_cancellable_set_error_if_cancelled (cancellable, &l->error))
          return;
        sp = oc_store_get_point (l->store, l->id, key, FALSE, NULL);
        if (sp != NULL && sp->status == OC_STATUS_FINISHED)
          continue;
        g_clear_pointer (&sp, oc_store_point_free);
        risk = oc_linear_min_norm_risk (l->v->n, (guint) p, l->v->snr, l->v->sigma, seed,
                                        &l->error);
        if (isnan (risk))
          return;
        sp = oc_store_point_new (l->id, key);
        sp->status = OC_STATUS_FINISHED;
        sp->finished = oc_store_now ();
        sp->seconds = (g_get_monotonic_time () - t0) / 1e6;
        sp->threads = MAX (l->v->threads, 1);
        sp->architecture = g_strdup_printf ("linear, %" G_GUINT64_FORMAT " features", p);
        sp->parameters = p;
        sp->n_train = l->v->n;
        /* The excess test risk is this model's test loss; it has no zero-one error. */
        sp->final.test_loss = risk;
        sp->final.train_loss = sp->final.train_error = sp->final.test_error = NAN;
        sp->final.val_loss = sp->final.val_error = NAN;
        sp->early_stop = sp->final;
        if (!oc_store_put_point (l->store, sp, NULL, &l->error))
          return;
        if (!l->quiet)
          fprintf (stderr, "p = %" G_GUINT64_FORMAT ", seed %" G_GUINT64_FORMAT ": risk %.4g "
                   "(theory %.4g)\n", p, seed, risk,
                   oc_hastie_risk ((double) p / l->v->n, l->v->snr * l->v->snr,
                                   l->v->sigma * l->v->sigma));
      }
}

int
oc_cli_run_linear_spec (const OcSpec *spec, const OcCliRunOptions *ro)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (OcStore) store = NULL;
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GString) csv = g_string_new ("p,n,gamma,seed,risk,theory\n");
  Linear l = { 0 };
  int status = OC_EXIT_OK;
  double peak = -1;
  guint64 peak_p = 0;

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
  l.v = oc_spec_get_values (spec);
  l.store = store;
  l.id = oc_spec_id (spec);
  l.quiet = ro->quiet;
  l.ps = oc_axis_parse_uint (l.v->ps, 1, 100000, "--ps", &error);
  l.seeds = l.ps != NULL ? oc_axis_parse_uint (l.v->seeds, 0, G_MAXINT64, "--seeds", &error)
                         : NULL;
  if (l.seeds == NULL)
    {
      oc_cli_error ("%s", error->message);
      status = OC_EXIT_BAD_INPUT;
      goto out;
    }
  if (!oc_store_begin_experiment (store, spec, l.ps->len * l.seeds->len, NULL, &error))
    {
      oc_cli_error ("%s", error->message);
      status = oc_cli_exit_code_for (error);
      goto out;
    }
  printf ("experiment: %s · %u points\n", l.id, l.ps->len * l.seeds->len);
  oc_cli_run_interruptible (linear_work, &l, cancellable);
  if (l.error != NULL)
    {
      oc_cli_error ("%s", l.error->message);
      status = oc_cli_exit_code_for (l.error);
      g_clear_error (&l.error);
      goto out;
    }

  printf ("\n%8s %8s %14s %14s\n", "p", "γ = p/n", "risk (mean)", "theory");
  for (guint i = 0; i < l.ps->len; i++)
    {
      guint64 p = g_array_index (l.ps, guint64, i);
      double gamma = (double) p / l.v->n, mean = 0;
      double theory = oc_hastie_risk (gamma, l.v->snr * l.v->snr, l.v->sigma * l.v->sigma);
      guint n = 0;

      for (guint s = 0; s < l.seeds->len; s++)
        {
          guint64 seed = g_array_index (l.seeds, guint64, s);
          g_autofree char *key = point_key (p, seed);
          g_autoptr (OcStorePoint) sp = oc_store_get_point (store, l.id, key, FALSE, NULL);

          if (sp == NULL)
            continue;
          mean += sp->final.test_loss;
          n++;
          g_string_append_printf (csv, "%" G_GUINT64_FORMAT ",%u,%.9g,%" G_GUINT64_FORMAT
                                  ",%.9g,%.9g\n", p, l.v->n, gamma, seed, sp->final.test_loss,
                                  theory);
        }
      if (n == 0)
        continue;
      mean /= n;
      if (mean > peak)
        {
          peak = mean;
          peak_p = p;
        }
      printf ("%8" G_GUINT64_FORMAT " %8.3f %14.4g %14.4g\n", p, gamma, mean, theory);
    }
  printf ("the measured risk peaks at p = %" G_GUINT64_FORMAT " (n = %u); the closed form diverges "
          "at p = n\n", peak_p, l.v->n);
  printf ("Plot both: occam-cli plot --kind curve --in FILE.csv --x gamma --y risk,theory "
          "--logx --logy --vline 1:p=n --out risk.svg\n");
  if (ro->csv_path != NULL
      && !g_file_set_contents (ro->csv_path, csv->str, (gssize) csv->len, &error))
    {
      oc_cli_error ("%s", error->message);
      status = OC_EXIT_BAD_INPUT;
    }

out:
  g_clear_pointer (&l.ps, g_array_unref);
  g_clear_pointer (&l.seeds, g_array_unref);
  g_free (l.id);
  return status;
}

int
oc_cmd_linear (int argc, char **argv)
{
  static const OcCliSpecCommand cmd = {
    "linear", "- the isotropic linear model next to its closed-form risk",
    "Minimum-norm least squares on n samples of p isotropic Gaussian features (y = xᵀβ + ε,\n"
    "‖β‖ = r, noise σ): the measured excess test risk for each p, and Hastie et al.'s (2019)\n"
    "closed form σ²γ/(1−γ) below the threshold and r²(1−1/γ) + σ²/(γ−1) above it (γ = p/n).\n"
    "Example: occam-cli linear --n 200 --ps log:10:2000:30 --csv linear.csv",
    "Linear model options:", "Write one row per p and seed, with the closed form, to FILE", FALSE,
    NULL,
  };

  return oc_cli_spec_command (argc, argv, &cmd, oc_cli_run_linear_spec);
}
