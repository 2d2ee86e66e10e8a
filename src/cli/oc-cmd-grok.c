/* oc-cmd-grok.c — `occam-cli grok`: memorise or find the rule (grokking) on addition or modular
 * addition, over train fractions × weight decays × seeds.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every point goes to the experiment store the moment it finishes, so a cancelled run resumes;
 * the summary and both CSVs are read back from the store through the results model the Grokking
 * page and the figures use (oc-grok-results.h), the same for points trained now and reused.
 */
#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>

#include "occam/oc-store.h"
#include "occam-figures/oc-grok-results.h"
#include "oc-cli.h"
#include "oc-cli-output.h"
#include "oc-cli-command.h"
#include "oc-cli-options.h"
#include "oc-cli-run.h"

#define GROK_CSV_HEADER \
  "train_fraction,weight_decay,seed,step,train_accuracy,test_accuracy,train_loss,test_loss," \
  "weight_norm,fourier_share\n"
#define GROK_SUMMARY_HEADER "train_fraction,weight_decay,seed,memorised_step,generalised_step\n"

static void
on_point (const OcRunEvent *e, gpointer user_data)
{
  const OcCliRunOptions *ro = user_data;
  const OcStorePoint *p = e->point;
  const char *label = oc_run_plan_get_label (e->plan, e->index);
  guint n = oc_run_plan_get_n_to_run (e->plan);
  gint64 mem, gen;
  g_autofree char *m = NULL, *g = NULL, *ratio = NULL;

  if (ro->progress == OC_CLI_PROGRESS_NEVER)
    return;
  if (p->status != OC_STATUS_FINISHED || p->evals == NULL)
    {
      fprintf (stderr, _("[%u/%u] %s: %s (recorded; the run goes on)\n"), e->n_ran, n, label,
               p->error != NULL ? p->error : _("failed"));
      return;
    }
  oc_grok_summary_steps ((const OcEvalPoint *) p->evals->data, p->evals->len, &mem, &gen);
  m = oc_grok_format_step (mem);
  g = oc_grok_format_step (gen);
  ratio = oc_grok_format_ratio (mem, gen);
  fprintf (stderr, _("[%u/%u] %s: memorised at step %s, found the rule at step %s (%s); "
           "held-out accuracy %.1f %% · %.1f s\n"), e->n_ran, n, label, m, g, ratio,
           100 * (1 - p->final.test_error), p->seconds);
}

/* A CSV number, empty for NaN (a measure the dataset does not have). */
static void
append_value (GString *s, double v)
{
  if (isfinite (v))
    g_string_append_printf (s, "%.9g", v);
}

static void
append_rows (const OcGrokResults *r, GString *csv, GString *summary)
{
  for (guint i = 0; i < oc_grok_results_get_n_runs (r); i++)
    {
      const OcGrokRun *run = oc_grok_results_get_run (r, i);
      const OcGrokPoint *p = &run->point;

      if (!run->received || run->status != OC_STATUS_FINISHED)
        continue;
      for (guint k = 0; k < run->evals->len; k++)
        {
          const OcEvalPoint *ev = &g_array_index (run->evals, OcEvalPoint, k);
          const double *m = k * OC_GROK_N_MEASURES < run->measures->len
                              ? &g_array_index (run->measures, double, k * OC_GROK_N_MEASURES)
                              : NULL;

          g_string_append_printf (csv, "%g,%g,%" G_GUINT64_FORMAT ",%" G_GUINT64_FORMAT ",%.9g,"
                                  "%.9g,%.9g,%.9g,", p->train_fraction, p->weight_decay, p->seed,
                                  ev->iteration, 1 - ev->train_error, 1 - ev->test_error,
                                  ev->train_loss, ev->test_loss);
          append_value (csv, m != NULL ? m[OC_GROK_MEASURE_WEIGHT_NORM] : NAN);
          g_string_append_c (csv, ',');
          append_value (csv, m != NULL ? m[OC_GROK_MEASURE_FOURIER_SHARE] : NAN);
          g_string_append_c (csv, '\n');
        }
      g_string_append_printf (summary, "%g,%g,%" G_GUINT64_FORMAT ",", p->train_fraction,
                              p->weight_decay, p->seed);
      if (run->memorised >= 0)
        g_string_append_printf (summary, "%" G_GINT64_FORMAT, run->memorised);
      g_string_append_c (summary, ',');
      if (run->generalised >= 0)
        g_string_append_printf (summary, "%" G_GINT64_FORMAT, run->generalised);
      g_string_append_c (summary, '\n');
    }
}

/* The table a speaker reads: per run, the two summary steps and their ratio. */
static void
print_table (const OcGrokResults *r)
{
  guint mod = oc_grok_results_get_modulus (r);

  printf ("\n%8s %6s %6s %12s %16s %8s %10s %10s%s\n", "fraction", "wd", "seed", "memorised",
          "found the rule", "ratio", "train acc", "test acc", mod > 0 ? "   Fourier share" : "");
  for (guint i = 0; i < oc_grok_results_get_n_runs (r); i++)
    {
      const OcGrokRun *run = oc_grok_results_get_run (r, i);
      const OcEvalPoint *last;
      g_autofree char *m = NULL, *g = NULL, *ratio = NULL;

      if (!run->received)
        continue;
      if (run->status != OC_STATUS_FINISHED || run->evals->len == 0)
        {
          printf ("%8g %6g %6" G_GUINT64_FORMAT " %12s\n", run->point.train_fraction,
                  run->point.weight_decay, run->point.seed, "failed");
          continue;
        }
      last = &g_array_index (run->evals, OcEvalPoint, run->evals->len - 1);
      m = oc_grok_format_step (run->memorised);
      g = oc_grok_format_step (run->generalised);
      ratio = oc_grok_format_ratio (run->memorised, run->generalised);
      printf ("%8g %6g %6" G_GUINT64_FORMAT " %12s %16s %8s %9.1f%% %9.1f%%",
              run->point.train_fraction, run->point.weight_decay, run->point.seed, m, g, ratio,
              100 * (1 - last->train_error), 100 * (1 - last->test_error));
      if (mod > 0 && run->measures->len >= OC_GROK_N_MEASURES)
        printf ("   %.2f → %.2f", g_array_index (run->measures, double,
                                                 OC_GROK_MEASURE_FOURIER_SHARE),
                g_array_index (run->measures, double,
                               run->measures->len - OC_GROK_N_MEASURES
                               + OC_GROK_MEASURE_FOURIER_SHARE));
      printf ("\n");
    }
  printf (_("(memorised: train accuracy first ≥ %.0f %%; found the rule: held-out accuracy first "
          "≥ %.0f %%; steps are those of the log evaluation schedule)\n"),
          100 * OC_GROK_MEMORISED_ACCURACY, 100 * OC_GROK_GENERALISED_ACCURACY);
}

static gboolean
write_file (const char *path, const GString *text)
{
  g_autoptr (GError) error = NULL;

  if (path != NULL && !oc_cli_write_output (path, text->str, (gssize) text->len, &error))
    {
      oc_cli_error ("%s", error->message);
      return FALSE;
    }
  return TRUE;
}

static char *summary_csv_path;

static int
run_grok_spec (const OcSpec *spec, const OcCliRunOptions *ro)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (OcStore) store = NULL;
  g_autoptr (OcGrokResults) results = NULL;
  g_autoptr (GString) csv = g_string_new (GROK_CSV_HEADER);
  g_autoptr (GString) summary_csv = g_string_new (GROK_SUMMARY_HEADER);
  OcCliShow show = { on_point, (gpointer) ro };
  OcRunSummary summary;
  int status;

  if (!oc_cli_check_no_json ("grok", ro))
    return OC_EXIT_BAD_INPUT;
  if (!oc_cli_take_stdout (&error, "--csv", ro->csv_path, "--summary-csv", summary_csv_path, NULL))
    {
      oc_cli_error ("%s", error->message);
      return OC_EXIT_BAD_INPUT;
    }
  /* --summary-csv is checked like --csv (which oc_cli_run_experiment checks): not the store, an
   * input or the --csv file itself, in a folder that exists. */
  if (summary_csv_path != NULL)
    {
      g_autoptr (OcPathGuard) guard = oc_cli_spec_guard (spec, ro, &error);

      if (guard != NULL && ro->csv_path != NULL && !oc_cli_is_stdout (ro->csv_path))
        oc_path_guard_add (guard, ro->csv_path, "the --csv output", "--csv");
      if (guard == NULL || !oc_path_guard_check (guard, summary_csv_path, "--summary-csv", &error))
        {
          oc_cli_error ("%s", error->message);
          return OC_EXIT_BAD_INPUT;
        }
      if (!oc_cli_check_output_path (summary_csv_path, &error))
        {
          oc_cli_error (_("--summary-csv: %s"), error->message);
          return OC_EXIT_BAD_INPUT;
        }
    }
  status = oc_cli_run_experiment (spec, ro, &show, &store, &summary);
  if (status != OC_EXIT_OK)
    return status;
  results = oc_grok_results_new (spec);
  if (oc_grok_results_load (results, store, &error) < 0)
    {
      oc_cli_error ("%s", error->message);
      return oc_cli_exit_code_for (error);
    }
  print_table (results);
  oc_cli_print_anchor ("grok", ro);
  append_rows (results, csv, summary_csv);
  if ((ro->csv_path != NULL && !write_file (ro->csv_path, csv))
      || (summary_csv_path != NULL && !write_file (summary_csv_path, summary_csv)))
    return OC_EXIT_BAD_INPUT;
  oc_cli_print_stored (&summary, store);
  if (summary.n_failed > 0)
    printf (_("%u of %u points failed (diverged): recorded as failed, computed again by the next "
            "run\n"), summary.n_failed, summary.n_points);
  if (summary.n_failed > 0 && summary.n_failed == summary.n_points)
    {
      oc_cli_error (_("every point failed (diverged); a smaller learning rate may help"));
      return OC_EXIT_FAILED;
    }
  return OC_EXIT_OK;
}

int
oc_cli_run_grok_spec (const OcSpec *spec, const OcCliRunOptions *ro)
{
  return run_grok_spec (spec, ro);
}

int
oc_cmd_grok (int argc, char **argv)
{
  const GOptionEntry extra[] = {
    { "summary-csv", 0, 0, G_OPTION_ARG_FILENAME, &summary_csv_path,
      N_("Write one row per run to FILE: train_fraction,weight_decay,seed,memorised_step,"
      "generalised_step (empty where never reached)"), "FILE" },
    { NULL }
  };
  const OcCliSpecCommand cmd = {
    "grok", N_("- memorise or find the rule (grokking)"),
    N_("Trains full batch on addition or modular addition for a long time, per point of train\n"
    "fraction × weight decay × seed, evaluating on a log schedule. Reports the step at which\n"
    "train accuracy first reaches 99 % (memorised), the step at which held-out accuracy first\n"
    "reaches 95 % (found the rule) and their ratio; records ‖θ‖₂ and, for modadd, the Fourier\n"
    "share (the share of the embedding's energy each hidden unit puts in its own top\n"
    "--fourier-top-k frequencies) at every evaluation. Points go to the experiment store as they\n"
    "finish; running the same command again resumes.\n"
    "Example: occam-cli grok --preset grokking-mlp --csv g.csv --summary-csv s.csv"),
    N_("Grokking options:"),
    N_("Write one row per run and evaluation to FILE: train_fraction,weight_decay,seed,step,"
    "train_accuracy,test_accuracy,train_loss,test_loss,weight_norm,fourier_share"),
    TRUE, extra,
  };
  int status;

  status = oc_cli_spec_command (argc, argv, &cmd, run_grok_spec);
  g_clear_pointer (&summary_csv_path, g_free);
  return status;
}
