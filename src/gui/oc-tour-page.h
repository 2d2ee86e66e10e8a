/* oc-tour-page.h — the Tour page: the seed tour's scenes in the talk's order.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The scenes come from the tour catalogue (include/occam-figures/oc-tour.h), the one home of the
 * scenes that `occam-cli tour` reads too. For the scene chosen in the list: its narration, where
 * it stands in the store (full experiment, quick variant, or not yet, with the estimated times
 * on this machine), its figures drawn at once from the store when it holds them (pinnable and
 * exportable like any page's), and Run Live / Run Quick Variant, which open the scene's spec on
 * the page of its kind and start it there. A scene this build cannot run, or that no page of the
 * window runs, says so and how to prepare it from the command line.
 */
#pragma once

#include <adwaita.h>

#include "oc-page.h"

G_BEGIN_DECLS

#define OC_TYPE_TOUR_PAGE (oc_tour_page_get_type ())
G_DECLARE_FINAL_TYPE (OcTourPage, oc_tour_page, OC, TOUR_PAGE, AdwBin)

guint       oc_tour_page_get_n_scenes (OcTourPage *self);
/* Selects and shows scene @index. */
void        oc_tour_page_show_scene   (OcTourPage *self, guint index);
/* The figure views of the scene shown (of OcFigureView, borrowed). */
GPtrArray  *oc_tour_page_get_views    (OcTourPage *self);
/* The status line of the scene shown (tests). */
const char *oc_tour_page_get_status   (OcTourPage *self);

G_END_DECLS
