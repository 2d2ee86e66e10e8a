/* oc-cli-json.h — the members occam-cli's JSON files write about a stored point.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `train --json` and `runs export --json` describe a point's result with the same members, in the
 * same order and the same form (through oc-json.h: doubles in their shortest form, null for NaN
 * and for missing text).
 */
#pragma once

#include <json-glib/json-glib.h>

#include "occam/oc-store.h"

G_BEGIN_DECLS

/* Member @name with @text, or null when it is NULL. */
void oc_cli_json_add_text (JsonBuilder *b, const char *name, const char *text);
void oc_cli_json_add_int  (JsonBuilder *b, const char *name, gint64 v);

/* What was trained and how it ended: architecture, parameters, n_train, n_val, n_test,
 * iterations, train_seconds, eval_seconds, seconds_per_epoch, gflops, final and early_stop (each
 * an evaluation object). */
void oc_cli_json_add_point_result (JsonBuilder *b, const OcStorePoint *p);

/* The document built in @b, pretty, on standard output (list and show --json). Returns
 * OC_EXIT_OK. */
int  oc_cli_json_print (JsonBuilder *b);

G_END_DECLS
