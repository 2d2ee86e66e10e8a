/* oc-cli-options.h — the data and training flags every experiment command shares.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The flags are generated from the `train` spec's field table (src/engine/oc-spec-train.c): each
 * field with a `flag` becomes one option in its group, so a flag cannot exist without a spec key
 * and the two cannot drift apart. Parsing goes through the spec's own validation.
 */
#pragma once

#include <glib.h>
#include "occam/oc-dataset.h"
#include "occam/oc-spec.h"
#include "occam/oc-train.h"

G_BEGIN_DECLS

typedef struct
{
  /* As given on the command line: one slot per spec field, NULL / FALSE when absent. */
  const char        *kind;
  const OcSpecField *fields;
  guint              n_fields;
  char             **values;
  gboolean          *switches;
  GPtrArray         *entries;   /* of GOptionEntry arrays handed to the groups */

  /* Filled by oc_cli_options_finish(); data and train are copies of the spec's values (when the
   * kind has them), and their strings and arrays belong to the spec. */
  OcSpec            *spec;
  OcDataOptions      data;
  OcTrainConfig      train;
} OcCliOptions;

void          oc_cli_options_init   (OcCliOptions *o);
/* Flags of any spec kind (sweep, rff, prune): every field of its table with a flag. */
void          oc_cli_options_init_kind (OcCliOptions *o, const char *kind);
/* Option group of the fields whose `group` is @name (e.g. "sweep"). */
GOptionGroup *oc_cli_options_group  (OcCliOptions *o, const char *name, const char *description,
                                     const char *help);
void          oc_cli_options_clear  (OcCliOptions *o);
/* Option groups for a GOptionContext: "data" and "training". */
GOptionGroup *oc_cli_options_data_group  (OcCliOptions *o);
GOptionGroup *oc_cli_options_train_group (OcCliOptions *o);
/* Builds the spec from the parsed flags; FALSE with a message naming the flag when a value is
 * not acceptable. When @base is non-NULL (a preset), flags given override its values. */
gboolean      oc_cli_options_finish_from (OcCliOptions *o, const OcSpec *base, GError **error);
/* Same without a preset. */
gboolean      oc_cli_options_finish (OcCliOptions *o, GError **error);

G_END_DECLS
