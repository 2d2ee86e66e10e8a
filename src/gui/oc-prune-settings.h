/* oc-prune-settings.h — the Pruning page's settings column: protocol, pruning schedule, rewind,
 * controls, seeds and training length, turned into the `prune` spec the page runs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A protocol is the spec the form starts from: "Custom" (the Dataset page's data and the Train
 * page's network and optimiser), a published preset (its own data — Fashion-MNIST — filled into
 * the rows, anchor shown), or an experiment opened from History. Every change rebuilds the spec
 * (debounced); an invalid one shows the spec's own message under the rows and gives no spec.
 */
#pragma once

#include <adwaita.h>

#include "occam/oc-spec.h"
#include "oc-loaded-data.h"

G_BEGIN_DECLS

#define OC_TYPE_PRUNE_SETTINGS (oc_prune_settings_get_type ())
G_DECLARE_FINAL_TYPE (OcPruneSettings, oc_prune_settings, OC, PRUNE_SETTINGS, AdwBin)

/* The app's settings (the Custom protocol reads the Train page's rows from them); call once. */
void          oc_prune_settings_set_settings (OcPruneSettings *self, GSettings *settings);
void          oc_prune_settings_set_data     (OcPruneSettings *self, OcLoadedData *data);
/* Starts from a stored `prune` spec (History). */
void          oc_prune_settings_open_spec    (OcPruneSettings *self, const OcSpec *spec);
/* Selects a preset by name ("frankle-carbin"), or Custom for NULL; fills the rows from it. */
void          oc_prune_settings_set_protocol (OcPruneSettings *self, const char *preset);
/* For tests and History: the rows' values, written as the user would. */
void          oc_prune_settings_set_levels   (OcPruneSettings *self, guint levels);
void          oc_prune_settings_set_iterations (OcPruneSettings *self, guint64 iterations);
void          oc_prune_settings_set_controls (OcPruneSettings *self, const char *controls);

void          oc_prune_settings_flush        (OcPruneSettings *self);
const OcSpec *oc_prune_settings_get_spec     (OcPruneSettings *self);
const char   *oc_prune_settings_get_error    (OcPruneSettings *self);

G_END_DECLS
