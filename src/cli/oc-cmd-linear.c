/* oc-cmd-linear.c — `occam-cli linear`: the isotropic linear model of Hastie et al. (2019), measured
 * and next to its closed-form risk.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Minimum-norm least squares on n samples of p isotropic Gaussian features, y = xᵀβ + ε: the excess
 * test risk ‖β̂ − β‖² peaks at p = n and falls again beyond it, exactly as σ²γ/(1−γ) and
 * r²(1 − 1/γ) + σ²/(γ − 1) predict (γ = p/n). Each (p, seed) is a point in the store.
 */
#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>

#include "occam/oc-axis.h"
#include "occam/oc-error.h"
#include "occam/oc-rff.h"
#include "occam/oc-store.h"
#include "oc-cli.h"
#include "oc-cli-command.h"
#include <inttypes.h>

static void
on_point (const OcRunEvent *e, gpointer user_data)
{
  const OcCliRunOptions *ro = user_data;
  const OcLinearSpec *v = oc_spec_get_values (oc_run_plan_get_spec (e->plan));

  if (ro->progress != OC_CLI_PROGRESS_NEVER)
    fprintf (stderr, _("%s: risk %.4g (theory %.4g)\n"), oc_run_plan_get_label (e->plan, e->index),
             e->point->final.test_loss,
             oc_hastie_risk ((double) e->point->parameters / v->n, v->snr * v->snr,
                             v->sigma * v->sigma));
}

/* The measured risk per p (mean over seeds) next to the closed form, and the CSV. The points
 * are read by key here: nothing else reads linear experiments (the window has no page and the
 * figure catalogue no figure for them), so they have no results model of their own. */
static gboolean
summarise (const OcSpec *spec, OcStore *store, const char *id, GString *csv, GError **error)
{
  const OcLinearSpec *v = oc_spec_get_values (spec);
  g_autoptr (GArray) ps = NULL;
  g_autoptr (GArray) seeds = NULL;
  double peak = -1;
  guint64 peak_p = 0;

  /* The spec's axes are canonical lists, in the order the engine plans them. */
  ps = oc_axis_parse_uint (v->ps, 1, G_MAXUINT, "ps", error);
  seeds = ps != NULL ? oc_axis_parse_uint (v->seeds, 0, G_MAXINT64, "seeds", error) : NULL;
  if (seeds == NULL)
    return FALSE;
  printf ("\n%8s %8s %14s %14s\n", "p", "γ = p/n", "risk (mean)", "theory");
  for (guint i = 0; i < ps->len; i++)
    {
      guint64 p = g_array_index (ps, guint64, i);
      double gamma = (double) p / v->n, mean = 0;
      double theory = oc_hastie_risk (gamma, v->snr * v->snr, v->sigma * v->sigma);
      guint n = 0;

      for (guint s = 0; s < seeds->len; s++)
        {
          guint64 seed = g_array_index (seeds, guint64, s);
          g_autofree char *key = oc_linear_point_key (p, seed);
          g_autoptr (GError) local = NULL;
          g_autoptr (OcStorePoint) sp = oc_store_get_point (store, id, key, FALSE, &local);

          if (sp == NULL && !g_error_matches (local, OC_ERROR, OC_ERROR_NOT_FOUND))
            {
              g_propagate_error (error, g_steal_pointer (&local));
              return FALSE;
            }
          if (sp == NULL)
            continue;
          mean += sp->final.test_loss;
          n++;
          g_string_append_printf (csv, "%" G_GUINT64_FORMAT ",%u,%.9g,%" G_GUINT64_FORMAT ",",
                                  p, v->n, gamma, seed);
          oc_csv_append_number (csv, sp->final.test_loss);
          g_string_append_c (csv, ',');
          /* The closed form diverges at p = n: "inf", a value (not a missing one). */
          oc_csv_append_number (csv, theory);
          g_string_append_c (csv, '\n');
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
  printf (_("the measured risk peaks at p = %" PRIu64 " (n = %u); the closed form diverges "
          "at p = n\n"), peak_p, v->n);
  printf (_("Plot both: occam-cli plot --kind curve --in FILE.csv --x gamma --y risk,theory "
          "--logx --logy --vline 1:p=n --out risk.svg\n"));
  return TRUE;
}

static const OcCliReport report = {
  "linear", on_point, summarise, "p,n,gamma,seed,risk,theory\n",
};

int
oc_cli_run_linear_spec (const OcSpec *spec, const OcCliRunOptions *ro)
{
  return oc_cli_run_report (spec, ro, &report);
}

int
oc_cmd_linear (int argc, char **argv)
{
  static const OcCliSpecCommand cmd = {
    "linear", N_("- the isotropic linear model next to its closed-form risk"),
    N_("Minimum-norm least squares on n samples of p isotropic Gaussian features (y = xᵀβ + ε,\n"
    "‖β‖ = r, noise σ): the measured excess test risk for each p, and Hastie et al.'s (2019)\n"
    "closed form σ²γ/(1−γ) below the threshold and r²(1−1/γ) + σ²/(γ−1) above it (γ = p/n).\n"
    "Example: occam-cli linear --n 200 --ps log:10:2000:30 --csv linear.csv"),
    N_("Linear model options:"),
    N_("Write one row per p and seed, with the closed form, to FILE (-: standard output)"), FALSE,
    NULL,
  };

  return oc_cli_spec_command (argc, argv, &cmd, oc_cli_run_linear_spec);
}
