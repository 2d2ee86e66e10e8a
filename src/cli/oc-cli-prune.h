/* oc-cli-prune.h — what `occam-cli prune` writes of the rows it reads back from the store (one
 * per control, seed and level, oc_prune_rows_load): the CSV, the summary and the exported masks.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything here works from the store alone, so a fresh run, a resumed one and a reused one
 * print and write the same bytes. The summary's means, dense baseline and matching densities are
 * the engine's (oc-prune-record.h), as the Pruning page's are.
 */
#pragma once

#include "occam/oc-lottery.h"
#include "occam/oc-prune-record.h"
#include "occam/oc-store.h"
#include "oc-cli-run.h"

G_BEGIN_DECLS

/* The CSV: control,seed,level,density,test_accuracy,early_stop_iteration,
 * early_stop_test_accuracy, then status, train_accuracy, early_stop_val_accuracy, iterations,
 * seconds and layer<L>_density per layer. Written atomically. */
gboolean   oc_cli_prune_write_csv (GPtrArray *rows, const char *path, GError **error);

/* The dense baseline, the accuracy of each control per level (mean over seeds) and each
 * control's smallest matching density: the lowest density reached before the accuracy first
 * falls more than @tolerance (a fraction, 0.01 = 1 pp) below the dense network's. */
void       oc_cli_prune_print_summary (GPtrArray *rows, double tolerance);

/* Every name oc_cli_prune_export() may write, as a glob: what --export-masks may not hold in
 * place of an input (oc_path_guard_check_folder) before the run. */
#define OC_CLI_PRUNE_EXPORT_GLOB "*-s*-l*-layer*-*.npy"

/* Writes CONTROL-sSEED-lLEVEL-layerL-{mask,init,final}.npy into @dir (created when missing),
 * each file atomically. */
gboolean   oc_cli_prune_export (OcStore *store, const char *id, GPtrArray *rows, const char *dir,
                                guint *n_files, GError **error);

/* Runs (or resumes, or reuses) the experiment of a `prune` spec for `occam-cli run`: progress,
 * one line per level, the summary and --csv. Returns OC_EXIT_*. (In oc-cmd-prune.c.) */
int        oc_cli_run_prune_spec (const OcSpec *spec, const OcCliRunOptions *ro);

G_END_DECLS
