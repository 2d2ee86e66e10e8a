/* oc-cli-options.h — the data and training flags every experiment command shares.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include "occam/oc-dataset.h"
#include "occam/oc-train.h"

G_BEGIN_DECLS

typedef struct
{
  /* As given on the command line; unset numbers are −1 (or NaN for doubles). */
  char    *dataset, *data_dir, *data_file, *test_file, *subset;
  gint64   n_train, val_size, data_seed, digits, modulus, n_points;
  double   label_noise, train_fraction, noise, test_fraction;
  char    *hidden, *activation, *init, *loss, *optimizer, *schedule;
  double   lr, momentum, weight_decay, beta1, beta2, eps, schedule_gamma;
  gint64   schedule_period, batch, epochs, iterations, eval_every, seed, threads;
  gboolean nesterov;

  /* Filled by oc_cli_options_finish(); strings point into the fields above. */
  OcDataOptions data;
  OcTrainConfig train;
  GArray       *hidden_widths; /* of guint, backing train.hidden */
} OcCliOptions;

void          oc_cli_options_init   (OcCliOptions *o);
void          oc_cli_options_clear  (OcCliOptions *o);
/* Option groups for a GOptionContext: "data" and "training". */
GOptionGroup *oc_cli_options_data_group  (OcCliOptions *o);
GOptionGroup *oc_cli_options_train_group (OcCliOptions *o);
/* Turns the parsed flags into OcDataOptions and OcTrainConfig; FALSE with a message naming the
 * flag when a value is not acceptable. */
gboolean      oc_cli_options_finish (OcCliOptions *o, GError **error);
/* "784-256-10" for a dataset's input/output sizes and the hidden widths. */
char         *oc_cli_describe_architecture (const OcTrainConfig *cfg, const OcDataset *data);

G_END_DECLS
