/* oc-window.h — the Occam window: header bar, view stack of pages, toasts, window actions.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "oc-dataset-page.h"
#include "oc-history-page.h"
#include "oc-prune-page.h"
#include "oc-sweep-page.h"
#include "oc-train-page.h"

G_BEGIN_DECLS

#define OC_TYPE_WINDOW (oc_window_get_type ())
G_DECLARE_FINAL_TYPE (OcWindow, oc_window, OC, WINDOW, AdwApplicationWindow)

/* @application may be NULL (tests); @settings is the app's io.github.occamlab.Occam. */
OcWindow      *oc_window_new              (AdwApplication *application, GSettings *settings);

/* Shows @text as a toast in the window holding @from (any widget in it, or the window). */
void           oc_window_toast            (GtkWidget *from, const char *text);
/* The text of the last toast shown (tests). */
const char    *oc_window_get_last_toast   (OcWindow *self);
/* Whether the last toast is still on screen (tests wait for it to go before screenshots).
 * Dismissing it early is not offered: libadwaita 1.2 then crashes when the page changes. */
gboolean       oc_window_get_toast_shown  (OcWindow *self);

/* "dataset", "train", "sweep", "prune" or "history". */
void           oc_window_show_page        (OcWindow *self, const char *name);
OcDatasetPage *oc_window_get_dataset_page (OcWindow *self);
OcTrainPage   *oc_window_get_train_page   (OcWindow *self);
OcSweepPage   *oc_window_get_sweep_page   (OcWindow *self);
OcPrunePage   *oc_window_get_prune_page   (OcWindow *self);
OcHistoryPage *oc_window_get_history_page (OcWindow *self);
/* The figures the visible page can export, most important first (free the array). */
GPtrArray     *oc_window_get_visible_figures (OcWindow *self);

G_END_DECLS
