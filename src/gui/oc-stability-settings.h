/* oc-stability-settings.h — the Stability page's settings column: which network (the protocol's
 * dense network, or a level of a stored Pruning experiment), how long it trains, where two
 * children branch off, how many points on the path between them and which seeds, turned into the
 * `instability` spec the page runs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An OcSpecSettings (protocol, rebuild, errors, spec: see oc-spec-settings.h). The pane starts
 * from Frankle et al.'s protocol on Frankle & Carbin's LeNet-300-100 (Fashion-MNIST); its rows
 * are not remembered between sessions. The page tells it the stored Pruning experiments it may
 * take a sub-network from and the store to read them from.
 */
#pragma once

#include "occam/oc-store.h"
#include "oc-spec-settings.h"

G_BEGIN_DECLS

#define OC_TYPE_STABILITY_SETTINGS (oc_stability_settings_get_type ())
G_DECLARE_FINAL_TYPE (OcStabilitySettings, oc_stability_settings, OC, STABILITY_SETTINGS,
                      OcSpecSettings)

/* The store sub-networks are read from (may be NULL; borrowed: the workspace's). */
void        oc_stability_settings_set_store   (OcStabilitySettings *self, OcStore *store);
/* The stored Pruning experiments the Network row offers after the dense network (of
 * OcStoreExperiment*, newest first); the chosen one stays chosen while it is listed. */
void        oc_stability_settings_set_sources (OcStabilitySettings *self, GPtrArray *experiments);
/* How many stored experiments the Network row lists (tests). */
guint       oc_stability_settings_get_n_sources (OcStabilitySettings *self);

/* For tests and the page: the rows' values, written as the user would. NULL @id: the protocol's
 * dense network. */
void        oc_stability_settings_set_source     (OcStabilitySettings *self, const char *id);
const char *oc_stability_settings_get_source     (OcStabilitySettings *self);
void        oc_stability_settings_set_level      (OcStabilitySettings *self, guint level);
void        oc_stability_settings_set_iterations (OcStabilitySettings *self, guint64 iterations);
void        oc_stability_settings_set_ks         (OcStabilitySettings *self, const char *ks);
void        oc_stability_settings_set_alphas     (OcStabilitySettings *self, guint alphas);
void        oc_stability_settings_set_seeds      (OcStabilitySettings *self, const char *seeds);

G_END_DECLS
