/* oc-sweep-settings.h — the Sweep page's settings column: protocol, sweep mode, axes, training
 * length and random-features settings, turned into the spec the page runs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A protocol is the spec the form starts from: "Custom" (the Dataset page's data and the Train
 * page's network and optimiser), a published preset (its own data, filled into the rows, anchor
 * shown), or an experiment opened from History. Every change rebuilds the spec (debounced); an
 * invalid one shows the spec's own message under the offending row and gives no spec.
 */
#pragma once

#include <adwaita.h>

#include "occam/oc-spec.h"
#include "occam-figures/oc-sweep-grid.h"
#include "oc-loaded-data.h"

G_BEGIN_DECLS

#define OC_TYPE_SWEEP_SETTINGS (oc_sweep_settings_get_type ())
G_DECLARE_FINAL_TYPE (OcSweepSettings, oc_sweep_settings, OC, SWEEP_SETTINGS, AdwBin)

/* Binds the rows to @settings (the app's) and restores the last protocol; call once. */
void          oc_sweep_settings_set_settings (OcSweepSettings *self, GSettings *settings);
/* The Dataset page's data, used by the Custom protocol (NULL: none loaded). */
void          oc_sweep_settings_set_data     (OcSweepSettings *self, OcLoadedData *data);
/* Starts from a stored `sweep` or `rff` spec (History's Open and Resume). */
void          oc_sweep_settings_open_spec    (OcSweepSettings *self, const OcSpec *spec);
/* Selects a preset by name, or Custom for NULL. */
void          oc_sweep_settings_set_protocol (OcSweepSettings *self, const char *preset);

/* Rebuilds the spec now if a change is pending ("changed" is emitted before returning). */
void          oc_sweep_settings_flush        (OcSweepSettings *self);
/* The spec the rows describe, or NULL when they are invalid (see get_error). */
const OcSpec *oc_sweep_settings_get_spec     (OcSweepSettings *self);
OcSweepMode   oc_sweep_settings_get_mode     (OcSweepSettings *self);
/* Why there is no spec ("Hidden widths: 'x' is not a whole number …"), or NULL. */
const char   *oc_sweep_settings_get_error    (OcSweepSettings *self);

G_END_DECLS
