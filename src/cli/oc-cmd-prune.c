/* oc-cmd-prune.c — `occam-cli prune`: lottery tickets (iterative magnitude pruning with rewinding
 * and its controls) recorded level by level in the experiment store, resumable.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The engine's experiment runner does the work (oc-run-prune.c): each finished level becomes one
 * store point, key {"control":"imp","seed":0,"level":3}, written with its curve and artifacts in
 * one transaction (see README, "Lottery tickets"), and a cancelled or killed run resumes at the
 * next level. The CSV, the summary and --export-masks are read back from the store, so a reused
 * run writes exactly what the run that computed it would have.
 */
#include <glib/gi18n.h>
#include <stdio.h>

#include "occam/oc-error.h"
#include "occam/oc-lottery.h"
#include "occam/oc-prune-record.h"
#include "occam/oc-store.h"
#include "oc-cli.h"
#include "oc-cli-command.h"
#include "oc-cli-options.h"
#include "oc-cli-output.h"
#include "oc-cli-prune.h"
#include "oc-cli-run.h"
#include <inttypes.h>

/* One line per level as it ends: control, seed, level, density and accuracy. */
static void
on_level (const OcRunEvent *e, gpointer user_data)
{
  const OcStorePoint *p = e->point;
  const OcStoreArtifact *a = oc_store_artifacts_find (e->artifacts, "layer_alive");
  g_autoptr (OcNpyArray) alive = a != NULL ? oc_store_artifact_decode (a, NULL) : NULL;
  g_autoptr (OcPruneRow) row = oc_prune_row_new (oc_store_point_dup (p), alive, NULL);

  if (row == NULL)
    return;
  printf (_("%-11s seed %" PRIu64 "  level %2u  density %7.3f %%"),
          oc_control_to_string (row->control), row->seed, row->level, 100 * row->density);
  if (p->status != OC_STATUS_FINISHED)
    printf (_("  diverged: %s\n"), p->error != NULL ? p->error : _("no result"));
  else
    {
      printf (_("  test accuracy %6.2f %%"), 100 * (1 - p->final.test_error));
      if (p->n_val > 0)
        printf (_("  early stop: iteration %" PRIu64 ", test accuracy %6.2f %%"),
                p->early_stop.iteration, 100 * (1 - p->early_stop.test_error));
      printf ("%s\n", e->reused ? "  (the dense network of imp)" : "");
    }
  fflush (stdout);
}

static gboolean
write_outputs (OcStore *store, const char *id, const OcSpec *spec, const OcCliRunOptions *ro,
               const char *export_dir, double tolerance, GError **error)
{
  const OcPruneSpec *v = oc_spec_get_values (spec);
  g_autoptr (GPtrArray) rows = oc_prune_rows_load (store, id, error);
  const char *csv_path = ro->csv_path;

  if (rows == NULL)
    return FALSE;
  oc_cli_prune_print_summary (rows, tolerance);
  oc_cli_print_anchor ("prune", ro);
  if (csv_path != NULL && !oc_cli_prune_write_csv (rows, v->densities != NULL, csv_path, error))
    return FALSE;
  if (export_dir != NULL)
    {
      guint n_files = 0;

      if (!oc_cli_prune_export (store, id, rows, export_dir, &n_files, error))
        return FALSE;
      printf (_("exported %u .npy files to %s\n"), n_files, export_dir);
    }
  return TRUE;
}

static int
run_prune_spec (const OcSpec *spec, const OcCliRunOptions *ro, const char *export_dir,
                double tolerance)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (OcStore) store = NULL;
  OcCliShow show = { on_level, NULL };
  OcRunSummary summary;
  int status;

  g_return_val_if_fail (g_strcmp0 (oc_spec_get_kind (spec), "prune") == 0, OC_EXIT_BAD_INPUT);

  if (!oc_cli_check_no_json ("prune", ro))
    return OC_EXIT_BAD_INPUT;
  if (oc_cli_is_stdout (export_dir))
    {
      oc_cli_error (_("--export-masks -: the masks are many .npy files and need a folder, not "
                      "standard output; give a folder (./- for one named '-')"));
      return OC_EXIT_BAD_INPUT;
    }
  if (export_dir != NULL)
    {
      g_autoptr (OcPathGuard) guard = oc_cli_spec_guard (spec, ro, &error);

      if (guard == NULL || !oc_path_guard_check_folder (guard, export_dir, "--export-masks",
                                                        OC_CLI_PRUNE_EXPORT_GLOB, &error))
        {
          oc_cli_error ("%s", error->message);
          return OC_EXIT_BAD_INPUT;
        }
    }
  if (export_dir != NULL && g_file_test (export_dir, G_FILE_TEST_EXISTS)
      && !g_file_test (export_dir, G_FILE_TEST_IS_DIR))
    {
      oc_cli_error (_("--export-masks: %s exists and is not a folder"), export_dir);
      return OC_EXIT_BAD_INPUT;
    }
  status = oc_cli_run_experiment (spec, ro, &show, &store, &summary);
  if (status != OC_EXIT_OK)
    return status;
  oc_cli_print_stored (&summary, store);
  if (!write_outputs (store, summary.id, spec, ro, export_dir, tolerance, &error))
    {
      oc_cli_error ("%s", error->message);
      return oc_cli_exit_code_for (error);
    }
  if (summary.n_failed > 0)
    {
      oc_cli_error (ngettext ("%u level diverged (see the table); the experiment is marked failed",
                              "%u levels diverged (see the table); the experiment is marked "
                              "failed", summary.n_failed),
                    summary.n_failed);
      return OC_EXIT_FAILED;
    }
  return OC_EXIT_OK;
}

int
oc_cli_run_prune_spec (const OcSpec *spec, const OcCliRunOptions *ro)
{
  return run_prune_spec (spec, ro, NULL, OC_PRUNE_MATCH_TOLERANCE);
}

int
oc_cmd_prune (int argc, char **argv)
{
  g_autofree char *export_dir = NULL;
  /* The flag speaks percentage points; everything else, fractions. */
  double tolerance = 100 * OC_PRUNE_MATCH_TOLERANCE;
  const GOptionEntry extra[] = {
    { "export-masks", 0, 0, G_OPTION_ARG_FILENAME, &export_dir,
      N_("Write masks and weights (start and trained) per control, seed, level and layer as .npy "
      "files into DIR"), "DIR" },
    /* Display only: which levels the summary calls matching. It changes no result, so it is not
     * a spec field and does not change the experiment ID. */
    { "match-tolerance", 0, 0, G_OPTION_ARG_DOUBLE, &tolerance,
      N_("Summary: a density matches when its accuracy is at most PP percentage points below the "
      "dense network's (1)"), "PP" },
    { NULL }
  };
  const OcCliSpecCommand cmd = {
    "prune", N_("- find lottery tickets by iterative magnitude pruning"),
    N_("Trains a network, prunes the smallest weights, rewinds the survivors and trains again, "
    "level "
    "by level,\nwith controls at the same densities (reinit: same mask, new initialisation; "
    "random: random mask;\nsnip, synflow, random-init: pruned at initialisation; edge-popup: a "
    "mask learned on frozen\nrandom weights; snip-shuffle, snip-reinit, …: the sanity checks of "
    "pruning at initialisation).\nWith --densities the pruning-at-init methods prune straight to "
    "each density instead.\n"
    "Each level is recorded in the experiment store; an interrupted run resumes at the next "
    "level.\n"
    "Example: occam-cli prune --preset frankle-carbin --iterations 5000 --val-size 0 "
    "--controls imp,reinit,random --csv lth.csv\n"
    "Example: occam-cli prune --method edge-popup --densities 50,30,10,5 --epochs 10 --csv e.csv"),
    N_("Pruning options:"),
    N_("Write one row per control, seed and level to FILE (-: standard output; with --densities: "
    "method,density,seed,test_accuracy,…)"), TRUE, extra,
  };
  OcCliSpecArgs a;
  int status = oc_cli_spec_parse (argc, argv, &cmd, &a);

  if (status < 0 && !(tolerance >= 0 && tolerance <= 100))
    {
      oc_cli_error (_("--match-tolerance: must be between 0 and 100 percentage points, got %g"),
                    tolerance);
      status = OC_EXIT_BAD_INPUT;
    }
  if (status < 0)
    status = run_prune_spec (a.o.spec, &a.ro, export_dir, tolerance / 100);
  oc_cli_spec_args_clear (&a);
  return status;
}
