/* oc-cli.h — commands of occam-cli and what they share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Exit codes shared by every command. */
enum
{
  OC_EXIT_OK = 0,
  OC_EXIT_FAILED = 1,    /* the run itself failed: diverged, cancelled by the program, out of
                          * memory (stopped by a signal: 128 + its number, see oc-cli-run.h) */
  OC_EXIT_BAD_INPUT = 2, /* flags, files (missing, unreadable, malformed) or specs the user can
                          * fix */
};

/* Each command parses its own argv (argv[0] is "occam-cli COMMAND") and returns an exit code. */
typedef int (*OcCliCommandFunc) (int argc, char **argv);

/* The commands, in the order `occam-cli --help` lists them (main.c); the last entry has a NULL
 * name. */
typedef struct
{
  const char      *name;
  OcCliCommandFunc func;
  const char      *summary;
} OcCliCommand;

/* `occam-cli --generate=man|bash|zsh`: the man page or a completion script on stdout, built from
 * the option tables the commands' --help prints (oc-cli-describe.h). Returns the exit code. */
int  oc_cli_generate (const char *format, const OcCliCommand *commands, const char *usage);

/* Prints "occam-cli: MESSAGE" on one line to stderr. */
void oc_cli_error (const char *format, ...) G_GNUC_PRINTF (1, 2);

int oc_cmd_train (int argc, char **argv);
int oc_cmd_bench (int argc, char **argv);
int oc_cmd_sweep (int argc, char **argv);
int oc_cmd_rff   (int argc, char **argv);
int oc_cmd_linear (int argc, char **argv);
int oc_cmd_plot (int argc, char **argv);
int oc_cmd_animate (int argc, char **argv);
int oc_cmd_run (int argc, char **argv);
int oc_cmd_runs (int argc, char **argv);
int oc_cmd_merge (int argc, char **argv);
int oc_cmd_prune (int argc, char **argv);
int oc_cmd_landscape (int argc, char **argv);
int oc_cmd_instability (int argc, char **argv);
int oc_cmd_grok (int argc, char **argv);
int oc_cmd_deck (int argc, char **argv);
int oc_cmd_tour (int argc, char **argv);

G_END_DECLS
