/* oc-cli-output.h — where occam-cli's output files go: a file written whole or not at all, or
 * standard output for "-".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every file output of every command (--csv, --json, plot --out, runs export --json) is written
 * through oc_cli_write_output(), so "-" means standard output everywhere it makes sense and a
 * file is always replaced atomically (a temporary file in the same folder renamed over it).
 *
 * When an output is "-", standard output carries that data and nothing else: the command calls
 * oc_cli_take_stdout() before it prints anything, which sends what it would print on standard
 * output (the experiment line, the summary, "wrote …") to standard error instead, so that
 * `occam-cli train … --csv - | head` reads clean CSV.
 *
 * A reader that goes away early (`| head -3`) is not an error storm: SIGPIPE is ignored (main.c),
 * writes to the closed pipe fail quietly, the experiment is recorded as usual, and the command
 * ends with status 141 (128 + SIGPIPE, what a shell reports for a process killed by it) through
 * oc_cli_finish_stdout().
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What the shell reports for a command whose standard output was closed under it. */
#define OC_EXIT_STDOUT_CLOSED 141

/* TRUE for "-": the output is standard output. */
gboolean oc_cli_is_stdout (const char *path);

/* Checks the outputs of one command, given as NULL-terminated pairs (flag, path; path may be
 * NULL when not given): at most one of them may be "-" ("--csv - and --json -: only one output
 * can be standard output"). When one is, standard output is reserved for it from now on (see
 * above). FALSE with OC_ERROR_INVALID_ARGUMENT otherwise. Calling it again is harmless. */
gboolean oc_cli_take_stdout (GError **error, const char *flag, const char *path, ...)
  G_GNUC_NULL_TERMINATED;

/* Writes @len bytes of @data (-1: a string) to @path: standard output for "-" (taken with
 * oc_cli_take_stdout() first), else a file replaced atomically. A closed standard output is not
 * an error here (see above). FALSE with OC_ERROR_IO, the path and the reason. */
gboolean oc_cli_write_output (const char *path, const void *data, gssize len, GError **error);

/* --size WIDTHxHEIGHT (an output's size in pixels), each side @min to @max. FALSE with
 * OC_ERROR_INVALID_ARGUMENT saying what was expected. */
gboolean oc_cli_parse_size (const char *text, guint min, guint max, guint *width, guint *height,
                            GError **error);

/* Called by main() as a command returns @status: flushes standard output and returns the exit
 * code — @status, OC_EXIT_STDOUT_CLOSED when the reader of standard output went away and the
 * command had succeeded, or OC_EXIT_FAILED (with a message) when standard output could not be
 * written for another reason (a full disk). */
int oc_cli_finish_stdout (int status);

G_END_DECLS
