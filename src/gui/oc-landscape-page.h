/* oc-landscape-page.h — the Landscape page: the loss along a line and over a plane through a
 * trained network's weights, the training path drawn on it, the replay of gradient descent as a
 * ball rolling downhill, and two landscapes side by side.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "occam-figures/oc-landscape-results.h"
#include "oc-experiment-page.h"
#include "oc-figure-view.h"
#include "oc-landscape-settings.h"

G_BEGIN_DECLS

#define OC_TYPE_LANDSCAPE_PAGE (oc_landscape_page_get_type ())
G_DECLARE_FINAL_TYPE (OcLandscapePage, oc_landscape_page, OC, LANDSCAPE_PAGE, OcExperimentPage)

OcLandscapeSettings *oc_landscape_page_get_settings_pane (OcLandscapePage *self);
/* What the figures are drawn from (NULL while the settings are invalid). */
OcLandscapeResults  *oc_landscape_page_get_results       (OcLandscapePage *self);
/* Points (train, line, plane) received from the current or last run (tests). */
guint                oc_landscape_page_get_n_received    (OcLandscapePage *self);
/* "landscape", "replay" or "compare". */
void                 oc_landscape_page_show_tab          (OcLandscapePage *self,
                                                          const char *name);

/* The replay: Play and Pause, its position along the trajectory (0 … checkpoints − 1) and the
 * frames it has drawn since it was last started (tests). */
void                 oc_landscape_page_set_playing       (OcLandscapePage *self,
                                                          gboolean playing);
gboolean             oc_landscape_page_get_playing       (OcLandscapePage *self);
void                 oc_landscape_page_set_position      (OcLandscapePage *self, double t);
double               oc_landscape_page_get_position      (OcLandscapePage *self);
guint                oc_landscape_page_get_n_frames      (OcLandscapePage *self);

/* The comparison: two stored landscape experiments by ID (NULL leaves a side as it is). */
void                 oc_landscape_page_compare           (OcLandscapePage *self, const char *a,
                                                          const char *b);

G_END_DECLS
