/* oc-prune-settings.h — the Pruning page's settings column: pruning schedule, rewind, controls,
 * seeds and training length over a protocol, turned into the `prune` spec the page runs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An OcSpecSettings (protocol, rebuild, errors, spec: see oc-spec-settings.h). The pane starts
 * from Frankle & Carbin's protocol, which brings its own data (Fashion-MNIST); its rows are not
 * remembered between sessions.
 */
#pragma once

#include "oc-spec-settings.h"

G_BEGIN_DECLS

#define OC_TYPE_PRUNE_SETTINGS (oc_prune_settings_get_type ())
G_DECLARE_FINAL_TYPE (OcPruneSettings, oc_prune_settings, OC, PRUNE_SETTINGS, OcSpecSettings)

/* For tests and History: the rows' values, written as the user would. */
void oc_prune_settings_set_levels     (OcPruneSettings *self, guint levels);
void oc_prune_settings_set_iterations (OcPruneSettings *self, guint64 iterations);
void oc_prune_settings_set_controls   (OcPruneSettings *self, const char *controls);

G_END_DECLS
