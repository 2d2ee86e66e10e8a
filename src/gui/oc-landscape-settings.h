/* oc-landscape-settings.h — the Landscape page's settings column: which network (trained here or
 * taken from the store), its width and length, and where to look at its loss (the line, the
 * plane, the grid, the examples evaluated), turned into the `landscape` spec the page runs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An OcSpecSettings (protocol, rebuild, errors, spec: see oc-spec-settings.h). The pane starts
 * from the fashion-pca preset (Fashion-MNIST, 784-64-10, its PCA trajectory); its rows are not
 * remembered between sessions. The page tells it the stored networks it may use and the store to
 * resolve them against.
 */
#pragma once

#include "occam/oc-store.h"
#include "oc-spec-settings.h"

G_BEGIN_DECLS

#define OC_TYPE_LANDSCAPE_SETTINGS (oc_landscape_settings_get_type ())
G_DECLARE_FINAL_TYPE (OcLandscapeSettings, oc_landscape_settings, OC, LANDSCAPE_SETTINGS,
                      OcSpecSettings)

/* The store a stored network is read from (may be NULL; borrowed: the workspace's). */
void        oc_landscape_settings_set_store   (OcLandscapeSettings *self, OcStore *store);
/* The stored runs the Network row offers after "Train it here" (of OcStoreExperiment*, train and
 * landscape experiments, newest first); the chosen one stays chosen while it is listed. */
void        oc_landscape_settings_set_sources (OcLandscapeSettings *self, GPtrArray *experiments);

/* For tests and the page: the rows' values, written as the user would. NULL @id: train here. */
void        oc_landscape_settings_set_source  (OcLandscapeSettings *self, const char *id);
const char *oc_landscape_settings_get_source  (OcLandscapeSettings *self);
void        oc_landscape_settings_set_width   (OcLandscapeSettings *self, guint width);
void        oc_landscape_settings_set_epochs  (OcLandscapeSettings *self, guint epochs);
/* @plane: OcLandscapePlane. */
void        oc_landscape_settings_set_plane   (OcLandscapeSettings *self, guint plane);
void        oc_landscape_settings_set_grid    (OcLandscapeSettings *self, guint grid);
void        oc_landscape_settings_set_eval_examples (OcLandscapeSettings *self, guint n);
/* "init-final", "none" or "seeds:A,B". */
void        oc_landscape_settings_set_line    (OcLandscapeSettings *self, const char *line);

G_END_DECLS
