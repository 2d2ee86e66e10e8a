/* oc-sweep-settings.h — the Sweep page's settings column: sweep mode, axes, training length and
 * random-features settings over a protocol, turned into the `sweep` or `rff` spec the page runs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An OcSpecSettings (protocol, rebuild, errors, spec: see oc-spec-settings.h). The mode row
 * chooses the kind: a random-features mode builds an `rff` spec, the others a `sweep` spec. The
 * rows are remembered in the app's settings, and so is the protocol ("sweep-protocol").
 */
#pragma once

#include "occam-figures/oc-sweep-grid.h"
#include "oc-spec-settings.h"

G_BEGIN_DECLS

#define OC_TYPE_SWEEP_SETTINGS (oc_sweep_settings_get_type ())
G_DECLARE_FINAL_TYPE (OcSweepSettings, oc_sweep_settings, OC, SWEEP_SETTINGS, OcSpecSettings)

/* The mode the current spec (or error) was built with; "changed" follows a new mode. */
OcSweepMode oc_sweep_settings_get_mode (OcSweepSettings *self);
/* What the Random Features group says beyond its description when the features axis skips
 * N = n (where the test error peaks), or NULL. */
const char *oc_sweep_settings_get_rff_hint (OcSweepSettings *self);

G_END_DECLS
