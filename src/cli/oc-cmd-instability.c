/* oc-cmd-instability.c — `occam-cli instability`: linear mode connectivity (Frankle et al. 2020)
 * of the dense network or of a stored IMP level, recorded point by point in the experiment store.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The engine's runner does the work (oc-run-instability.c); the table and both CSVs are read back
 * from the store through the results model the figures draw from, so a reused run prints and
 * writes exactly what the run that computed it did.
 */
#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "occam/oc-error.h"
#include "occam/oc-instability.h"
#include "occam-figures/oc-instability-results.h"
#include "oc-cli.h"
#include "oc-cli-output.h"
#include "oc-cli-command.h"
#include <inttypes.h>

/* One line per point as it ends. */
static void
on_point (const OcRunEvent *e, gpointer user_data)
{
  const OcStorePoint *p = e->point;
  const OcStoreArtifact *a = oc_store_artifacts_find (e->artifacts, "path");
  g_autoptr (OcNpyArray) path = a != NULL ? oc_store_artifact_decode (a, NULL) : NULL;
  const char *label = oc_run_plan_get_label (e->plan, e->index);

  if (p->status != OC_STATUS_FINISHED || path == NULL || path->n_dims != 2
      || path->shape[1] != 3 || path->shape[0] < 2)
    {
      printf (_("%-24s failed: %s\n"), label, p->error != NULL ? p->error : _("no result"));
      fflush (stdout);
      return;
    }
  {
    const float *v = path->data;
    guint n = (guint) path->shape[0], top = 0;
    g_autofree double *errors = g_new (double, n);
    double value;

    for (guint i = 0; i < n; i++)
      {
        errors[i] = v[3 * i + 1];
        if (errors[i] > errors[top])
          top = i;
      }
    value = oc_instability_value (errors, n);
    printf (_("%-24s instability %6.2f %%  children %6.2f %% and %6.2f %%  highest %6.2f %% at "
            "α = %.2f\n"), label, 100 * value, 100 * errors[0], 100 * errors[n - 1],
            100 * errors[top], v[3 * top]);
  }
  fflush (stdout);
}

static void
print_summary (OcInstabilityResults *results)
{
  g_autoptr (GArray) stats = oc_instability_results_by_k (results);
  gboolean several = oc_instability_results_n_seeds (results) > 1;

  printf ("\n%8s %14s %16s %14s  %s\n", "k", "instability", several ? "(min – max)" : "",
          "end error", "stable (< 2 %)");
  for (guint i = 0; i < stats->len; i++)
    {
      const OcInstabilityStat *s = &g_array_index (stats, OcInstabilityStat, i);
      g_autofree char *range = several ? g_strdup_printf ("%.2f – %.2f %%", 100 * s->min,
                                                          100 * s->max)
                                       : g_strdup ("");

      printf ("%8" G_GUINT64_FORMAT " %12.2f %% %16s %12.2f %%  %s\n", s->k, 100 * s->mean, range,
              100 * s->end_error, s->mean < OC_INSTABILITY_STABLE ? "yes" : "no");
    }
  if (stats->len > 0)
    {
      const OcInstabilityStat *first = NULL;

      for (guint i = 0; i < stats->len && first == NULL; i++)
        if (g_array_index (stats, OcInstabilityStat, i).mean < OC_INSTABILITY_STABLE)
          first = &g_array_index (stats, OcInstabilityStat, i);
      if (first != NULL)
        printf (_("stable from k = %" PRIu64 " (the error barrier between two children "
                "stays below 2 %%, Frankle et al. 2020)\n"), first->k);
      else
        printf (_("unstable at every k: two children end in different basins\n"));
    }
}

/* A source experiment given by a prefix becomes its full ID, so the experiment's own ID does not
 * depend on the abbreviation. Returns OC_EXIT_OK or the exit code of the message printed. */
static int
resolve_source (OcSpec *spec, const OcCliRunOptions *ro)
{
  const OcInstabilitySpec *v = oc_spec_get_values (spec);
  g_autoptr (GError) error = NULL;
  g_autoptr (OcStore) store = NULL;
  g_autoptr (OcStoreExperiment) e = NULL;
  g_autofree char *store_arg = NULL;
  g_autofree char *store_path = oc_cli_store_path (ro->store_path, &store_arg);

  if (v->from_experiment == NULL || strlen (v->from_experiment) == OC_SPEC_ID_LEN)
    return OC_EXIT_OK;
  if (!g_file_test (store_path, G_FILE_TEST_EXISTS))
    {
      oc_cli_error (_("--from-experiment %s: there is no experiment store at %s (run the prune "
                      "experiment first, or point --store at its store)"), v->from_experiment,
                    store_path);
      return OC_EXIT_BAD_INPUT;
    }
  store = oc_cli_open_store (ro->store_path, FALSE, &error);
  if (store != NULL)
    e = oc_store_find_experiment (store, v->from_experiment, &error);
  if (e == NULL)
    {
      oc_cli_error (_("--from-experiment %s: %s"), v->from_experiment, error->message);
      return oc_cli_exit_code_for (error);
    }
  if (!oc_spec_set_field (spec, "instability", "from_experiment", e->id, &error)
      || !oc_spec_finish (spec, TRUE, &error))
    {
      oc_cli_error ("%s", error->message);
      return OC_EXIT_BAD_INPUT;
    }
  return OC_EXIT_OK;
}

static int
run_instability_spec (OcSpec *spec, const OcCliRunOptions *ro, const char *summary_csv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (OcStore) store = NULL;
  g_autoptr (OcInstabilityResults) results = NULL;
  OcCliShow show = { on_point, NULL };
  OcRunSummary summary;
  int status;

  if (!oc_cli_check_no_json ("instability", ro))
    return OC_EXIT_BAD_INPUT;
  if (!oc_cli_take_stdout (&error, "--csv", ro->csv_path, "--summary-csv", summary_csv, NULL))
    {
      oc_cli_error ("%s", error->message);
      return OC_EXIT_BAD_INPUT;
    }
  if (summary_csv != NULL)
    {
      g_autoptr (OcPathGuard) guard = oc_cli_spec_guard (spec, ro, &error);

      if (guard == NULL
          || !oc_path_guard_check (guard, summary_csv, "--summary-csv", &error)
          || !oc_cli_check_output_path (summary_csv, &error))
        {
          oc_cli_error ("%s", error->message);
          return OC_EXIT_BAD_INPUT;
        }
      if (ro->csv_path != NULL)
        {
          /* Neither file exists yet, so compare the names the two would be written under. */
          g_autofree char *a = g_canonicalize_filename (ro->csv_path, NULL);
          g_autofree char *b = g_canonicalize_filename (summary_csv, NULL);

          if (strcmp (a, b) == 0)
            {
              oc_cli_error (_("--summary-csv %s is also the --csv file; give the two tables "
                              "different names"), summary_csv);
              return OC_EXIT_BAD_INPUT;
            }
        }
    }
  status = resolve_source (spec, ro);
  if (status != OC_EXIT_OK)
    return status;
  status = oc_cli_run_experiment (spec, ro, &show, &store, &summary);
  if (status != OC_EXIT_OK)
    return status;
  results = oc_instability_results_load (store, summary.id, &error);
  if (results == NULL)
    {
      oc_cli_error ("%s", error->message);
      return oc_cli_exit_code_for (error);
    }
  print_summary (results);
  oc_cli_print_anchor ("instability", ro);
  if (ro->csv_path != NULL)
    {
      g_autofree char *text = oc_instability_results_path_csv (results);

      if (!oc_cli_write_output (ro->csv_path, text, -1, &error))
        {
          oc_cli_error ("%s", error->message);
          return OC_EXIT_BAD_INPUT;
        }
    }
  if (summary_csv != NULL)
    {
      g_autofree char *text = oc_instability_results_summary_csv (results);

      if (!oc_cli_write_output (summary_csv, text, -1, &error))
        {
          oc_cli_error ("%s", error->message);
          return OC_EXIT_BAD_INPUT;
        }
    }
  oc_cli_print_stored (&summary, store);
  printf (_("Figures: occam-cli plot --experiment %s --figure instability|instability-path "
          "--out FILE.png\n"), summary.id);
  if (summary.n_failed > 0)
    {
      oc_cli_error (ngettext ("%u point failed (diverged; see the lines above); the experiment is "
                              "marked failed and the next run computes it again",
                              "%u points failed (diverged; see the lines above); the experiment is "
                              "marked failed and the next run computes them again",
                              summary.n_failed),
                    summary.n_failed);
      return OC_EXIT_FAILED;
    }
  return OC_EXIT_OK;
}

int
oc_cli_run_instability_spec (const OcSpec *spec, const OcCliRunOptions *ro)
{
  g_autoptr (OcSpec) copy = oc_spec_dup (spec);

  return run_instability_spec (copy, ro, NULL);
}

int
oc_cmd_instability (int argc, char **argv)
{
  g_autofree char *summary_csv = NULL;
  const GOptionEntry extra[] = {
    { "summary-csv", 0, 0, G_OPTION_ARG_FILENAME, &summary_csv,
      N_("Write one row per k, level and seed with its instability to FILE "
      "(k,level,seed,instability)"), "FILE" },
    { NULL }
  };
  const OcCliSpecCommand cmd = {
    "instability", N_("- linear mode connectivity: are two children of one run in one basin?"),
    N_("Trains a parent to iteration k, branches off two children that copy its whole training "
    "state\n(weights, optimiser moments, schedule) and finish with different data orders, and "
    "measures the\ntest error on the straight line between them (Frankle et al. 2020). "
    "Instability = the highest\nerror on the line minus the mean of the two ends; below 2 % the "
    "network is stable at k.\n"
    "--from-experiment ID --level L analyses level L of a stored prune experiment (the masked\n"
    "sub-network at its rewind point) instead of the dense network.\n"
    "Example: occam-cli instability --preset frankle-carbin --iterations 5000 --val-size 0 "
    "--csv i.csv"),
    N_("Instability options:"),
    N_("Write the path: one row per k, level, seed and α (k,level,seed,alpha,test_error,test_loss) "
    "to FILE"), TRUE, extra,
  };
  OcCliSpecArgs a;
  int status = oc_cli_spec_parse (argc, argv, &cmd, &a);

  if (status < 0)
    status = run_instability_spec (a.o.spec, &a.ro, summary_csv);
  oc_cli_spec_args_clear (&a);
  return status;
}
