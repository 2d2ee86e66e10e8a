/* oc-cli-command.c — shared command-line handling of the spec commands.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>

#include "occam/oc-spec.h"
#include "oc-config.h"
#include "oc-cli.h"
#include "oc-cli-command.h"
#include "oc-cli-describe.h"
#include "oc-cli-mpi.h"

/* Main options go to --help (translated through the "occam" text domain: the tables mark their
 * texts with N_()) and, when the man page or completion is being generated, to the
 * description (oc-cli-describe.h). */
static void
add_main_entries (GOptionContext *ctx, const GOptionEntry *entries)
{
  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  oc_cli_describe_entries (NULL, NULL, entries);
}

gboolean
oc_cli_parse_options (int *argc, char ***argv, const char *parameter, const char *summary,
                      const GOptionEntry *entries)
{
  g_autoptr (GOptionContext) ctx = g_option_context_new (parameter);
  g_autoptr (GError) error = NULL;

  g_option_context_set_translation_domain (ctx, GETTEXT_PACKAGE);
  g_option_context_set_summary (ctx, summary);
  oc_cli_describe_usage (parameter, summary);
  add_main_entries (ctx, entries);
  if (oc_cli_describing ())
    return FALSE;
  if (!g_option_context_parse (ctx, argc, argv, &error))
    {
      oc_cli_error ("%s", error->message);
      return FALSE;
    }
  return TRUE;
}

void
oc_cli_dump_spec (const OcSpec *spec)
{
  g_autofree char *json = oc_spec_to_json (spec, OC_SPEC_JSON_PRETTY);
  g_autofree char *id = oc_spec_id (spec);

  fputs (json, stdout);
  fprintf (stderr, "experiment %s\n", id);
}

static void
list_presets (const char *kind)
{
  g_autofree const OcSpecPreset **presets = oc_spec_presets (kind);

  for (guint i = 0; presets[i] != NULL; i++)
    {
      g_autofree char *title = oc_spec_preset_title (presets[i]);

      printf ("%-20s %s\n", presets[i]->name, title);
    }
}

void
oc_cli_spec_args_clear (OcCliSpecArgs *a)
{
  oc_cli_mpi_finalize ();
  oc_cli_options_clear (&a->o);
  g_clear_pointer (&a->csv_path, g_free);
  g_clear_pointer (&a->store_path, g_free);
  g_clear_pointer (&a->preset, g_free);
}

int
oc_cli_spec_parse (int argc, char **argv, const OcCliSpecCommand *cmd, OcCliSpecArgs *a)
{
  g_autoptr (GOptionContext) ctx = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (OcSpec) base = NULL;
  gboolean quiet = FALSE, rerun = FALSE, dump_spec = FALSE, list = FALSE, mpi = FALSE;
  gint64 cpus_per_rank = -1;
  g_autofree char *progress = NULL, *shard = NULL;
  const GOptionEntry csv[] = {
    { "csv", 0, 0, G_OPTION_ARG_FILENAME, &a->csv_path, cmd->csv_help, "FILE" },
    { NULL }
  };
  const GOptionEntry common[] = {
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, N_("No progress lines (--progress=never)"),
      NULL },
    { "progress", 0, 0, G_OPTION_ARG_STRING, &progress, OC_CLI_PROGRESS_HELP, "WHEN" },
    { "store", 0, 0, G_OPTION_ARG_FILENAME, &a->store_path, OC_CLI_STORE_HELP, "FILE" },
    { "rerun", 0, 0, G_OPTION_ARG_NONE, &rerun,
      N_("Compute again even if the store holds a finished result of the same spec"), NULL },
    { "force", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, &rerun, N_("Same as --rerun"), NULL },
    { "shard", 0, 0, G_OPTION_ARG_STRING, &shard, OC_CLI_SHARD_HELP, "K/N" },
    { "mpi", 0, 0, G_OPTION_ARG_NONE, &mpi, OC_CLI_MPI_HELP, NULL },
    { "cpus-per-rank", 0, 0, G_OPTION_ARG_INT64, &cpus_per_rank, OC_CLI_CPUS_PER_RANK_HELP, "N" },
    { "dump-spec", 0, 0, G_OPTION_ARG_NONE, &dump_spec,
      N_("Print the canonical spec (for occam-cli run) and exit"), NULL },
    { NULL }
  };
  const GOptionEntry preset_entries[] = {
    { "preset", 0, 0, G_OPTION_ARG_STRING, &a->preset,
      N_("Start from a published protocol (see --list-presets); other flags override it"), "NAME" },
    { "list-presets", 0, 0, G_OPTION_ARG_NONE, &list, N_("List the presets and exit"), NULL },
    { NULL }
  };

  memset (a, 0, sizeof *a);
  oc_cli_options_init_kind (&a->o, cmd->kind);
  ctx = g_option_context_new (cmd->parameter);
  g_option_context_set_translation_domain (ctx, GETTEXT_PACKAGE);
  g_option_context_set_summary (ctx, cmd->summary);
  g_option_context_set_description (ctx, N_("Run with --help-all for every option."));
  oc_cli_describe_usage (cmd->parameter, cmd->summary);
  if (cmd->presets)
    add_main_entries (ctx, preset_entries);
  if (cmd->csv_help != NULL)
    add_main_entries (ctx, csv);
  add_main_entries (ctx, common);
  if (cmd->extra != NULL)
    add_main_entries (ctx, cmd->extra);
  if (cmd->group_title != NULL)
    g_option_context_add_group (ctx, oc_cli_options_group (&a->o, cmd->kind, cmd->group_title,
                                                           N_("Show the experiment options")));
  g_option_context_add_group (ctx, oc_cli_options_data_group (&a->o));
  g_option_context_add_group (ctx, oc_cli_options_train_group (&a->o));
  if (oc_cli_describing ())
    return OC_EXIT_OK;
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    {
      oc_cli_error ("%s", error->message);
      return OC_EXIT_BAD_INPUT;
    }
  if (list)
    {
      list_presets (cmd->kind);
      return OC_EXIT_OK;
    }
  if (argc > 1)
    {
      oc_cli_error (_("unexpected argument '%s'; see 'occam-cli %s --help'"), argv[1], cmd->kind);
      return OC_EXIT_BAD_INPUT;
    }
  if (!oc_cli_progress_parse (progress, quiet, &a->ro.progress, &error)
      || (shard != NULL && !oc_cli_shard_parse (shard, &a->ro.shard, &a->ro.n_shards, &error))
      || !oc_cli_mpi_parse (mpi, cpus_per_rank, &a->ro, &error))
    {
      oc_cli_error ("%s", error->message);
      return OC_EXIT_BAD_INPUT;
    }
  if (a->preset != NULL && (base = oc_spec_new_from_preset (cmd->kind, a->preset, &error)) == NULL)
    {
      oc_cli_error ("%s", error->message);
      return OC_EXIT_BAD_INPUT;
    }
  if (!oc_cli_options_finish_from (&a->o, base, &error))
    {
      oc_cli_error ("%s", error->message);
      return OC_EXIT_BAD_INPUT;
    }
  if (dump_spec && cmd->prepare != NULL && !cmd->prepare (a->o.spec, a->store_path, &error))
    {
      oc_cli_error ("%s", error->message);
      return oc_cli_exit_code_for (error);
    }
  if (dump_spec)
    {
      oc_cli_dump_spec (a->o.spec);
      return OC_EXIT_OK;
    }
  a->ro.store_path = a->store_path;
  a->ro.csv_path = a->csv_path;
  a->ro.rerun = rerun;
  a->ro.preset = a->preset;
  /* --mpi: the ranks above 0 serve rank 0 here, and are done. */
  return oc_cli_mpi_start (a->o.spec, &a->ro);
}

int
oc_cli_spec_command (int argc, char **argv, const OcCliSpecCommand *cmd, OcCliSpecRunner runner)
{
  OcCliSpecArgs a;
  int status = oc_cli_spec_parse (argc, argv, cmd, &a);

  if (status < 0)
    status = runner (a.o.spec, &a.ro);
  oc_cli_spec_args_clear (&a);
  return status;
}
