/* oc-grok-settings.h — the Grokking page's settings column: the problem (modular addition or
 * addition), train fractions, weight decays, seeds and the number of steps over a protocol,
 * turned into the `grok` spec the page runs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An OcSpecSettings (protocol, rebuild, errors, spec: see oc-spec-settings.h). The pane starts
 * from the grokking-mlp protocol; its problem row replaces the Dataset page's data (the
 * experiment generates its own pairs), so the shared Data row is not shown.
 */
#pragma once

#include "oc-spec-settings.h"

G_BEGIN_DECLS

#define OC_TYPE_GROK_SETTINGS (oc_grok_settings_get_type ())
G_DECLARE_FINAL_TYPE (OcGrokSettings, oc_grok_settings, OC, GROK_SETTINGS, OcSpecSettings)

/* For tests: the rows' values, written as the user would. */
void oc_grok_settings_set_problem    (OcGrokSettings *self, gboolean modadd);
void oc_grok_settings_set_modulus    (OcGrokSettings *self, guint p);
void oc_grok_settings_set_fractions  (OcGrokSettings *self, const char *fractions);
void oc_grok_settings_set_decays     (OcGrokSettings *self, const char *decays);
void oc_grok_settings_set_iterations (OcGrokSettings *self, guint64 iterations);

G_END_DECLS
