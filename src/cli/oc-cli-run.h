/* oc-cli-run.h — loading data and running training from the command line, with Ctrl-C and a
 * progress line.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "occam/oc-experiment.h"
#include "occam/oc-path-guard.h"
#include "occam/oc-spec.h"
#include "occam/oc-store.h"
#include "occam/oc-train.h"
#include "occam-figures/oc-sweep-results.h"

G_BEGIN_DECLS

/* Seconds between two progress lines in a log. */
#define OC_CLI_LOG_INTERVAL 5

/* --progress: how a run shows its progress on standard error. */
typedef enum
{
  OC_CLI_PROGRESS_AUTO,   /* a live line on a terminal; else a line every few seconds, and a
                           * last one */
  OC_CLI_PROGRESS_ALWAYS, /* the live line (redrawn with \r) wherever standard error goes */
  OC_CLI_PROGRESS_NEVER,  /* none, and no line per point either (-q) */
} OcCliProgress;

/* --progress TEXT (NULL when not given) and -q (@quiet) as one OcCliProgress; FALSE with a
 * message naming the choices for anything else, or when -q contradicts --progress. */
gboolean oc_cli_progress_parse (const char *text, gboolean quiet, OcCliProgress *progress,
                                GError **error);

/* --progress's help. */
#define OC_CLI_PROGRESS_HELP \
  N_("auto (a live line on a terminal, a line every few seconds otherwise), always or never")

/* Where a run's results go besides the store, and how it is shown. */
typedef struct
{
  const char *store_path; /* --store; NULL: oc_store_default_path() */
  const char *csv_path;   /* --csv: one row per evaluation, or NULL; "-": standard output */
  const char *json_path;  /* --json: a summary, or NULL; "-": standard output */
  OcCliProgress progress; /* --progress, -q */
  gboolean    rerun;      /* train even when the store holds a finished result */
  const char *preset;     /* --preset, or NULL: its published numbers follow the summary */
  /* landscape: the 1-D profile, the 2-D slice and the trajectory as CSV, or NULL */
  const char *line_csv, *plane_csv, *trajectory_csv;
  const char *spec_path;  /* `run SPEC.json`: the spec file ("-": standard input), or NULL */
  const OcDataset *dataset; /* train: the spec's data, loaded already (borrowed), or NULL */
  guint       shard;      /* --shard K/N: K (1..N), or 0 */
  guint       n_shards;   /* N, or 0 for the whole experiment */
  gboolean    mpi;        /* --mpi: over the ranks of an MPI job (oc-cli-mpi.h) */
  guint       cpus_per_rank; /* --cpus-per-rank, or 0 */
} OcCliRunOptions;

/* --shard's help. */
#define OC_CLI_SHARD_HELP \
  N_("Compute only shard K of N of the experiment's points (e.g. 2/8, numbered from 1), into " \
     "its own store; occam-cli merge combines the shards' stores")

/* --mpi and --cpus-per-rank (@cpus: -1 when not given) into @ro; FALSE with a message for a
 * count out of range or --cpus-per-rank without --mpi. */
gboolean oc_cli_mpi_parse (gboolean mpi, gint64 cpus, OcCliRunOptions *ro, GError **error);

/* --shard TEXT as K and N; FALSE with a message saying what was wrong for anything but K/N with
 * 1 <= K <= N. */
gboolean oc_cli_shard_parse (const char *text, guint *shard, guint *n_shards, GError **error);

/* Runs the experiment of a spec of one kind (for `occam-cli run` and the kind's own command):
 * prints what it does, writes --csv/--json and returns OC_EXIT_*. */
typedef int (*OcCliSpecRunner) (const OcSpec *spec, const OcCliRunOptions *ro);

int oc_cli_run_train_spec  (const OcSpec *spec, const OcCliRunOptions *ro);
int oc_cli_run_sweep_spec  (const OcSpec *spec, const OcCliRunOptions *ro);
int oc_cli_run_rff_spec    (const OcSpec *spec, const OcCliRunOptions *ro);
int oc_cli_run_linear_spec (const OcSpec *spec, const OcCliRunOptions *ro);
int oc_cli_run_landscape_spec (const OcSpec *spec, const OcCliRunOptions *ro);
int oc_cli_run_instability_spec (const OcSpec *spec, const OcCliRunOptions *ro);
/* (In oc-cmd-grok.c; --summary-csv is grok's own flag.) */
int oc_cli_run_grok_spec   (const OcSpec *spec, const OcCliRunOptions *ro);
/* Any kind, with the generic progress and no summary of its own. */
int oc_cli_run_any_spec    (const OcSpec *spec, const OcCliRunOptions *ro);
/* Prints the published numbers of --preset, if any, after a summary. */
void oc_cli_print_anchor (const char *kind, const OcCliRunOptions *ro);

/* What a command shows of its kind of experiment besides the shared progress line. */
typedef struct
{
  /* A point ended (the progress line is cleared first): one line about it, or NULL. */
  void   (*point) (const OcRunEvent *event, gpointer user_data);
  gpointer user_data;
} OcCliShow;

/* A command whose summary and CSV are read back from the store once its experiment has run
 * (sweep, rff, linear), so that a reused experiment prints and writes what a fresh one would. */
typedef struct
{
  const char *kind;       /* whose preset anchors follow the summary */
  /* One line per point as it ends (user_data: the OcCliRunOptions), or NULL. */
  void      (*point) (const OcRunEvent *event, gpointer user_data);
  /* Prints the summary of experiment @id of @spec and appends the CSV rows to @csv. */
  gboolean  (*summarise) (const OcSpec *spec, OcStore *store, const char *id, GString *csv,
                          GError **error);
  const char *csv_header; /* the CSV's first line, newline included */
} OcCliReport;

/* Runs the experiment (oc_cli_run_experiment), then @report's summary, the preset's anchor and
 * --csv. Refuses --json (`occam-cli run` offers it for train). Returns OC_EXIT_*. */
int  oc_cli_run_report (const OcSpec *spec, const OcCliRunOptions *ro, const OcCliReport *report);

/* The stored points of a `sweep` or `rff` experiment as the window reads them
 * (oc_sweep_results_load). (In oc-cmd-sweep.c.) */
OcSweepResults *oc_cli_sweep_results_load (const OcSpec *spec, OcStore *store, GError **error);

/* Runs (or resumes, or reuses) the experiment of @spec through oc_experiment_run on a worker
 * thread while the main thread waits for Ctrl-C, with a progress line and ETA on stderr (as
 * @ro->progress says), the experiment line on stdout ("experiment: ID · 6 points · 2 reused from
 * FILE", or
 * "… reused all …" when nothing is left to do) and @show's line per point. Checks --csv/--json
 * before anything runs. On success returns OC_EXIT_OK with the store open in @store_out for the
 * command's summary (some points may have failed: @summary->n_failed); otherwise prints why (a
 * cancelled run says how to resume) and returns its exit code (128 + the signal that stopped
 * it). When --csv or --json is "-", standard output is taken for it (oc_cli_take_stdout) and
 * everything else this and the command print goes to stderr. --csv and --json that name the
 * store or an input (oc_cli_spec_guard) are refused before the store is opened. */
int  oc_cli_run_experiment (const OcSpec *spec, const OcCliRunOptions *ro, const OcCliShow *show,
                            OcStore **store_out, OcRunSummary *summary);
/* "experiment: ID · stored in FILE" after a run that computed something. */
void oc_cli_print_stored   (const OcRunSummary *summary, OcStore *store);

/* FALSE, with a message, when `occam-cli run --json` asks a @kind experiment for the summary only
 * train experiments write. */
gboolean oc_cli_check_no_json (const char *kind, const OcCliRunOptions *ro);

/* Opens --store @path (NULL: the default store), creating it when @create. */
OcStore *oc_cli_open_store (const char *path, gboolean create, GError **error);

/* Runs @func on a worker thread while the main thread waits; Ctrl-C, SIGTERM and SIGHUP cancel
 * @cancellable (the same signal again ends the process). Returns the signal that cancelled it,
 * or 0: a command stopped by one exits with 128 + its number (130 for Ctrl-C, 143 for SIGTERM,
 * 129 for SIGHUP), as shells expect. */
typedef void (*OcCliWorkFunc) (gpointer data, GCancellable *cancellable);
int  oc_cli_run_interruptible (OcCliWorkFunc func, gpointer data, GCancellable *cancellable);

/* OC_EXIT_BAD_INPUT for errors the user can fix by changing input (a file that cannot be read
 * included), OC_EXIT_FAILED for a run that failed (diverged, out of memory). */
int oc_cli_exit_code_for (const GError *error);
/* Prints @error's message as oc_cli_error does and returns oc_cli_exit_code_for (@error). */
int oc_cli_fail (const GError *error);

/* Fails with a message when @path's folder does not exist or is not writable, so that a long run
 * does not end in an unwritable output. */
gboolean oc_cli_check_output_path (const char *path, GError **error);

/* The store's path and how to name it in messages ("--store x.db"; NULL for the default). */
char    *oc_cli_store_path (const char *path, char **arg_out);

/* What running @spec reads, for checking its outputs (oc_path_guard_check): the spec's data
 * files, the spec file (@ro->spec_path) and the store with its -wal/-shm files. NULL with
 * OC_ERROR_INVALID_ARGUMENT when the store itself is one of the inputs. Every output of a spec
 * command is checked against it before anything runs (--csv and --json in
 * oc_cli_run_experiment). */
OcPathGuard *oc_cli_spec_guard (const OcSpec *spec, const OcCliRunOptions *ro, GError **error);

/* The checks oc_cli_run_experiment makes before it opens the store: --shard must fit the spec,
 * --store, --csv and --json may
 * not name an input (or each other's store files), and the outputs' folders must exist. A command
 * that reads its inputs first calls this before reading them. */
gboolean oc_cli_check_run_outputs (const OcSpec *spec, const OcCliRunOptions *ro, GError **error);


G_END_DECLS
