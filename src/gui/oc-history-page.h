/* oc-history-page.h — the History page: experiments in the store.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "occam/oc-spec.h"
#include "occam/oc-store.h"
#include "oc-figure-view.h"
#include "oc-page.h"

G_BEGIN_DECLS

#define OC_TYPE_HISTORY_PAGE (oc_history_page_get_type ())
G_DECLARE_FINAL_TYPE (OcHistoryPage, oc_history_page, OC, HISTORY_PAGE, AdwBin)

/* Reads the list again, keeping the selection where possible. */
void          oc_history_page_reload     (OcHistoryPage *self);
/* Selects the experiment @id alone (after a run was stored). */
void          oc_history_page_select     (OcHistoryPage *self, const char *id);
guint         oc_history_page_get_n_experiments (OcHistoryPage *self);
OcFigureView *oc_history_page_get_figure_view   (OcHistoryPage *self);
/* Deletes the selected experiments without asking (the delete action asks first). */
void          oc_history_page_delete_selected   (OcHistoryPage *self);
/* Writes the first selected experiment's curve to NAME.csv and its spec to NAME.json for @path
 * NAME or NAME.csv, without asking (the export action asks for @path first). Refuses, before
 * writing either, a name that is the store's file (oc_export_check_target). */
gboolean      oc_history_page_export_selected   (OcHistoryPage *self, const char *path,
                                                 GError **error);
/* The list's side of the page (tests measure it). */
GtkWidget    *oc_history_page_get_sidebar       (OcHistoryPage *self);
/* FALSE while the page holds changes it has not made yet: while it is hidden, new runs and the
 * store's changes are remembered and its rows and figure made when it shows (the getters above
 * catch up first). */
gboolean      oc_history_page_is_current        (OcHistoryPage *self);
/* The second line of experiment @id's row ("settings\ndate · status · wall time"), or NULL. */
const char   *oc_history_page_get_description   (OcHistoryPage *self, const char *id);

G_END_DECLS
