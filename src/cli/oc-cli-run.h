/* oc-cli-run.h — loading data and running training from the command line, with Ctrl-C and a
 * progress line.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "occam/oc-train.h"

G_BEGIN_DECLS

/* Loads the data, builds the model, trains it on a worker thread while the main thread waits for
 * Ctrl-C, and prints a progress line with ETA to stderr unless @quiet. Returns an OC_EXIT_* code;
 * on failure @error says why (cancellation included). */
int oc_cli_run_training (const OcDataOptions *data_opts, const OcTrainConfig *cfg, gboolean quiet,
                         OcDataset **data_out, OcMlp **model_out, OcTrainResult **result_out,
                         GError **error);

/* OC_EXIT_BAD_INPUT for errors the user can fix by changing input, OC_EXIT_FAILED otherwise. */
int oc_cli_exit_code_for (const GError *error);

/* Fails with a message when @path's folder does not exist or is not writable, so that a long run
 * does not end in an unwritable output. */
gboolean oc_cli_check_output_path (const char *path, GError **error);

/* "1:02:03" or "4:05" */
char *oc_cli_format_duration (double seconds);

G_END_DECLS
