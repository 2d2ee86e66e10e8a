/* oc-cmd-run.c — `occam-cli run SPEC.json`: run (or resume) the experiment any spec describes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each spec kind has one runner here; a new kind (sweep, rff, prune) adds its row to `runners`
 * and implements the runner next to its own command, as oc_cli_run_train_spec() is in
 * oc-cmd-train.c.
 */
#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "occam/oc-error.h"
#include "occam/oc-input.h"
#include "occam/oc-json.h"
#include "oc-cli.h"
#include "oc-cli-command.h"
#include "oc-cli-mpi.h"
#include "oc-cli-run.h"
#include "oc-cli-prune.h"

static const struct
{
  const char      *kind;
  OcCliSpecRunner  run;
} runners[] = {
  { "train", oc_cli_run_train_spec },
  { "prune", oc_cli_run_prune_spec },
  { "sweep", oc_cli_run_sweep_spec },
  { "rff", oc_cli_run_rff_spec },
  { "linear", oc_cli_run_linear_spec },
  { "landscape", oc_cli_run_landscape_spec },
  { "instability", oc_cli_run_instability_spec },
  { "grok", oc_cli_run_grok_spec },
};

/* The spec from a file, or from standard input for "-". */
static OcSpec *
read_spec (const char *path, GError **error)
{
  g_autofree char *text = NULL;
  gsize len;
  OcSpec *spec;

  if (strcmp (path, "-") != 0)
    return oc_spec_new_from_file (path, error);

  /* One byte past the limit is enough for the spec parser to refuse too much text, so endless
   * input (< /dev/zero) is not read into memory. */
  text = oc_input_read_fd (STDIN_FILENO, "<stdin>", OC_JSON_MAX_BYTES + 1, &len, error);
  if (text == NULL)
    return NULL;
  spec = oc_spec_new_from_json (text, (gssize) len, NULL, error);
  if (spec == NULL)
    g_prefix_error (error, "<stdin>: ");
  return spec;
}

static const char *const type_names[] = {
  [OC_SPEC_STRING] = "string", [OC_SPEC_CHOICE] = "choice", [OC_SPEC_UINT] = "integer",
  [OC_SPEC_UINT64] = "integer", [OC_SPEC_INT64] = "integer", [OC_SPEC_DOUBLE] = "number",
  [OC_SPEC_BOOL] = "boolean", [OC_SPEC_WIDTHS] = "integers",
};

/* One line per spec key: kind, JSON path, CLI flag, type, default. The reference for spec files,
 * and what the CLI tests check the flags against. */
static int
list_fields (void)
{
  const char *const *kinds = oc_spec_kinds ();

  printf ("KIND\tKEY\tFLAG\tTYPE\tDEFAULT\tHASHED\n");
  for (guint k = 0; kinds[k] != NULL; k++)
    {
      g_autoptr (OcSpec) spec = oc_spec_new (kinds[k], NULL);
      guint n;
      const OcSpecField *fields = oc_spec_kind_fields (kinds[k], &n);

      for (guint i = 0; i < n; i++)
        {
          g_autofree char *value = oc_spec_format_field (spec, &fields[i]);

          printf ("%s\t$.%s.%s\t%s%s\t%s\t%s\t%s\n", kinds[k], fields[i].section,
                  fields[i].name, fields[i].flag != NULL ? "--" : "",
                  fields[i].flag != NULL ? fields[i].flag : "-",
                  fields[i].flags & OC_SPEC_FIELD_FULL ? "integer or \"full\""
                                                       : type_names[fields[i].type],
                  value, fields[i].flags & OC_SPEC_FIELD_NOT_HASHED ? "no" : "yes");
        }
    }
  return OC_EXIT_OK;
}

int
oc_cmd_run (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (OcSpec) spec = NULL;
  g_autofree char *csv_path = NULL, *json_path = NULL, *store_path = NULL;
  g_autofree char *progress = NULL, *shard = NULL;
  g_autofree char *line_csv = NULL, *plane_csv = NULL, *trajectory_csv = NULL;
  gboolean quiet = FALSE, rerun = FALSE, dump_spec = FALSE, fields = FALSE, mpi = FALSE;
  gint64 cpus_per_rank = -1;
  gint64 threads = -1;
  OcCliRunOptions ro = { 0 };
  const GOptionEntry entries[] = {
    { "store", 0, 0, G_OPTION_ARG_FILENAME, &store_path, OC_CLI_STORE_HELP, "FILE" },
    { "rerun", 0, 0, G_OPTION_ARG_NONE, &rerun,
      N_("Compute again even what the store holds finished"), NULL },
    { "force", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, &rerun, N_("Same as --rerun"), NULL },
    { "shard", 0, 0, G_OPTION_ARG_STRING, &shard, OC_CLI_SHARD_HELP, "K/N" },
    { "mpi", 0, 0, G_OPTION_ARG_NONE, &mpi, OC_CLI_MPI_HELP, NULL },
    { "cpus-per-rank", 0, 0, G_OPTION_ARG_INT64, &cpus_per_rank, OC_CLI_CPUS_PER_RANK_HELP, "N" },
    { "threads", 0, 0, G_OPTION_ARG_INT64, &threads,
      N_("BLAS threads (overrides the spec's run.threads; does not change the ID)"), "N" },
    { "csv", 0, 0, G_OPTION_ARG_FILENAME, &csv_path,
      N_("Write the CSV the kind's own command writes to FILE (train: one row per evaluation; "
      "landscape: see the next three; -: standard output)"), "FILE" },
    { "line-csv", 0, 0, G_OPTION_ARG_FILENAME, &line_csv,
      N_("landscape: write the 1-D profile to FILE"), "FILE" },
    { "plane-csv", 0, 0, G_OPTION_ARG_FILENAME, &plane_csv,
      N_("landscape: write the 2-D slice to FILE"), "FILE" },
    { "trajectory-csv", 0, 0, G_OPTION_ARG_FILENAME, &trajectory_csv,
      N_("landscape: write the trajectory in the PCA plane to FILE"), "FILE" },
    { "json", 0, 0, G_OPTION_ARG_FILENAME, &json_path,
      N_("train: write a summary to FILE (-: standard output; the other kinds have none)"),
      "FILE" },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, N_("No progress line (--progress=never)"), NULL },
    { "progress", 0, 0, G_OPTION_ARG_STRING, &progress, OC_CLI_PROGRESS_HELP, "WHEN" },
    { "dump-spec", 0, 0, G_OPTION_ARG_NONE, &dump_spec,
      N_("Print the canonical form of the spec and exit"), NULL },
    { "list-fields", 0, 0, G_OPTION_ARG_NONE, &fields,
      N_("List every spec key with its flag, type and default, and exit"), NULL },
    { NULL }
  };

  if (!oc_cli_parse_options (&argc, &argv, N_("SPEC.json - run the experiment a spec describes"),
                             N_("Runs the experiment of a spec file (\"-\" reads standard input), "
                             "or "
                             "resumes it: what the store holds\nfinished is reused and only the "
                             "rest is computed. 'occam-cli train … --dump-spec' writes a spec."),
                             entries))
    return OC_EXIT_BAD_INPUT;
  if (fields)
    return list_fields ();
  if (argc != 2)
    {
      oc_cli_error (argc < 2 ? "give the spec file to run; see 'occam-cli run --help'"
                             : "give one spec file; see 'occam-cli run --help'");
      return OC_EXIT_BAD_INPUT;
    }
  if (!oc_cli_progress_parse (progress, quiet, &ro.progress, &error)
      || (shard != NULL && !oc_cli_shard_parse (shard, &ro.shard, &ro.n_shards, &error))
      || !oc_cli_mpi_parse (mpi, cpus_per_rank, &ro, &error))
    {
      oc_cli_error ("%s", error->message);
      return OC_EXIT_BAD_INPUT;
    }
  if (threads != -1 && (threads < 0 || threads > 1024))
    {
      oc_cli_error (_("--threads must be between 0 (all cores) and 1024"));
      return OC_EXIT_BAD_INPUT;
    }

  spec = read_spec (argv[1], &error);
  if (spec == NULL)
    {
      oc_cli_error ("%s", error->message);
      return OC_EXIT_BAD_INPUT;
    }
  if (threads >= 0)
    oc_spec_set_threads (spec, (guint) threads);

  if (dump_spec)
    {
      oc_cli_dump_spec (spec);
      return OC_EXIT_OK;
    }

  ro.store_path = store_path;
  ro.csv_path = csv_path;
  ro.json_path = json_path;
  ro.rerun = rerun;
  ro.line_csv = line_csv;
  ro.plane_csv = plane_csv;
  ro.trajectory_csv = trajectory_csv;
  if ((line_csv != NULL || plane_csv != NULL || trajectory_csv != NULL)
      && strcmp (oc_spec_get_kind (spec), "landscape") != 0)
    {
      oc_cli_error (_("--%s: only a landscape spec has that table; this one is a %s spec"),
                    line_csv != NULL ? "line-csv" : plane_csv != NULL ? "plane-csv"
                                                                      : "trajectory-csv",
                    oc_spec_get_kind (spec));
      return OC_EXIT_BAD_INPUT;
    }
  ro.spec_path = argv[1];
  for (guint i = 0; i < G_N_ELEMENTS (runners); i++)
    if (strcmp (runners[i].kind, oc_spec_get_kind (spec)) == 0)
      {
        int status = oc_cli_mpi_start (spec, &ro);

        if (status < 0)
          status = runners[i].run (spec, &ro);
        oc_cli_mpi_finalize ();
        return status;
      }
  oc_cli_error (_("%s: occam-cli cannot run '%s' specs yet"), argv[1], oc_spec_get_kind (spec));
  return OC_EXIT_BAD_INPUT;
}
