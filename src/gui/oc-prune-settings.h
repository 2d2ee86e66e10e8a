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

#include "oc-prune-form.h"
#include "oc-spec-settings.h"

G_BEGIN_DECLS

#define OC_TYPE_PRUNE_SETTINGS (oc_prune_settings_get_type ())
G_DECLARE_FINAL_TYPE (OcPruneSettings, oc_prune_settings, OC, PRUNE_SETTINGS, OcSpecSettings)

/* For tests and History: the rows' values, written as the user would. */
void oc_prune_settings_set_levels     (OcPruneSettings *self, guint levels);
void oc_prune_settings_set_iterations (OcPruneSettings *self, guint64 iterations);
void oc_prune_settings_set_controls   (OcPruneSettings *self, const char *controls);
void oc_prune_settings_set_method     (OcPruneSettings *self, OcPruneMethod method);
void oc_prune_settings_set_densities  (OcPruneSettings *self, const char *densities);
/* The chosen method's sanity checks: shuffle the mask, re-initialise the kept weights. */
void oc_prune_settings_set_checks     (OcPruneSettings *self, gboolean shuffle, gboolean reinit);
/* Whether the row with template id @row ("densities_row", "levels_row", …) is shown (tests). */
gboolean oc_prune_settings_row_visible (OcPruneSettings *self, const char *row);

G_END_DECLS
