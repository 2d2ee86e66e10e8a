/* oc-history-page.h — the History page: experiments in the store.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define OC_TYPE_HISTORY_PAGE (oc_history_page_get_type ())
G_DECLARE_FINAL_TYPE (OcHistoryPage, oc_history_page, OC, HISTORY_PAGE, AdwBin)

G_END_DECLS
