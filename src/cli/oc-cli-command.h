/* oc-cli-command.h — the command line every spec command shares: the spec's own flags, --preset,
 * --list-presets, --csv, --store, --rerun, --dump-spec, -q, and any extra options.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "oc-cli-options.h"
#include "oc-cli-run.h"

G_BEGIN_DECLS

typedef struct
{
  const char         *kind;        /* spec kind: its table gives the flags */
  const char         *parameter;   /* "- train one network" */
  const char         *summary;     /* --help text with an example */
  const char         *group_title; /* "Sweep options:", or NULL for kinds without their own group */
  const char         *csv_help;    /* what --csv writes */
  gboolean            presets;     /* offers --preset and --list-presets */
  const GOptionEntry *extra;       /* more options (NULL-terminated), or NULL */
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
