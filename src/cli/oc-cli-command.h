/* oc-cli-command.h — the command line every spec command shares: the spec's own flags, --preset,
 * --list-presets, --csv, --store, --rerun, --dump-spec, -q, and any extra options.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "oc-cli-options.h"
#include "oc-cli-run.h"

G_BEGIN_DECLS

/* --store's help: every command that opens the store takes it. */
#define OC_CLI_STORE_HELP N_("Experiment store (default: $XDG_DATA_HOME/occam/occam.db)")

/* Parses the options of a command without spec flags (run, runs, merge, bench, plot):
 * @parameter ("SPEC.json - run the experiment a spec describes") and @summary are its --help.
 * Leaves the arguments in @argv. FALSE when the command line is wrong, with the message
 * printed. */
gboolean oc_cli_parse_options (int *argc, char ***argv, const char *parameter,
                               const char *summary, const GOptionEntry *entries);

/* --dump-spec: the canonical JSON of @spec on stdout (a spec file for `occam-cli run`) and its
 * experiment ID on stderr. */
void     oc_cli_dump_spec (const OcSpec *spec);

typedef struct
{
  const char         *kind;        /* spec kind: its table gives the flags */
  const char         *parameter;   /* "- train one network" */
  const char         *summary;     /* --help text with an example */
  const char         *group_title; /* "Sweep options:", or NULL for kinds without their own group */
  const char         *csv_help;    /* what --csv writes, or NULL for a command without --csv */
  gboolean            presets;     /* offers --preset and --list-presets */
  const GOptionEntry *extra;       /* more options (NULL-terminated), or NULL */
  /* Completes the spec from what only the store knows (landscape: a stored network's
   * settings) before --dump-spec prints it, or NULL. FALSE with a message for the user. */
  gboolean          (*prepare) (OcSpec *spec, const char *store_path, GError **error);
} OcCliSpecCommand;

/* The parsed command line: a finished spec and the run options, which point into this struct. */
typedef struct
{
  OcCliOptions    o;
  OcCliRunOptions ro;
  char           *csv_path, *store_path, *preset;
} OcCliSpecArgs;

/* Parses @argv for @cmd. Returns −1 when @args holds a spec to run; otherwise the exit code to
 * return (help-like actions done, or an error already printed). Always call
 * oc_cli_spec_args_clear() afterwards. */
int  oc_cli_spec_parse      (int argc, char **argv, const OcCliSpecCommand *cmd,
                             OcCliSpecArgs *args);
void oc_cli_spec_args_clear (OcCliSpecArgs *args);

/* Parse, then run @runner on the spec. */
int  oc_cli_spec_command    (int argc, char **argv, const OcCliSpecCommand *cmd,
                             OcCliSpecRunner runner);

G_END_DECLS
