/* oc-cli-run.h — loading data and running training from the command line, with Ctrl-C and a
 * progress line.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "occam/oc-spec.h"
#include "occam/oc-store.h"
#include "occam/oc-train.h"

G_BEGIN_DECLS

/* Where a run's results go besides the store, and how it is shown. */
typedef struct
{
  const char *store_path; /* --store; NULL: oc_store_default_path() */
  const char *csv_path;   /* --csv: one row per evaluation, or NULL */
  const char *json_path;  /* --json: a summary, or NULL */
  gboolean    quiet;      /* no progress line */
  gboolean    rerun;      /* train even when the store holds a finished result */
  const char *preset;     /* --preset, or NULL: its published numbers follow the summary */
} OcCliRunOptions;

/* Runs the experiment of a `train` spec, or reuses its finished point from the store: prints the
 * summary, writes --csv/--json and records the point. Prints its own errors; returns OC_EXIT_*.
 * (In oc-cmd-train.c.) */
int oc_cli_run_train_spec (const OcSpec *spec, const OcCliRunOptions *ro);

/* Runs the experiment of a spec of one kind (for `occam-cli run` and the kind's own command). */
typedef int (*OcCliSpecRunner) (const OcSpec *spec, const OcCliRunOptions *ro);

int oc_cli_run_sweep_spec (const OcSpec *spec, const OcCliRunOptions *ro);
/* Prints the published numbers of --preset, if any, after a summary. */
void oc_cli_print_anchor (const char *kind, const OcCliRunOptions *ro);
int oc_cli_run_rff_spec   (const OcSpec *spec, const OcCliRunOptions *ro);
int oc_cli_run_linear_spec (const OcSpec *spec, const OcCliRunOptions *ro);

/* Opens --store @path (NULL: the default store), creating it when @create. */
OcStore *oc_cli_open_store (const char *path, gboolean create, GError **error);

/* Loads the data, builds the model, trains it on a worker thread while the main thread waits for
 * Ctrl-C, and prints a progress line with ETA to stderr unless @quiet. Returns an OC_EXIT_* code;
 * on failure @error says why (cancellation included). */
int oc_cli_run_training (const OcDataOptions *data_opts, const OcTrainConfig *cfg, gboolean quiet,
                         OcDataset **data_out, OcMlp **model_out, OcTrainResult **result_out,
                         GError **error);

/* Runs @func on a worker thread while the main thread waits; Ctrl-C cancels @cancellable (a
 * second Ctrl-C ends the process). */
typedef void (*OcCliWorkFunc) (gpointer data, GCancellable *cancellable);
void oc_cli_run_interruptible (OcCliWorkFunc func, gpointer data, GCancellable *cancellable);

/* OC_EXIT_BAD_INPUT for errors the user can fix by changing input, OC_EXIT_FAILED otherwise. */
int oc_cli_exit_code_for (const GError *error);

/* Fails with a message when @path's folder does not exist or is not writable, so that a long run
 * does not end in an unwritable output. */
gboolean oc_cli_check_output_path (const char *path, GError **error);

/* "1:02:03" or "4:05" */
char *oc_cli_format_duration (double seconds);

G_END_DECLS
