/* oc-dataset-page.h — the Dataset page: choose, load and look at a dataset.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "oc-figure-view.h"
#include "oc-loaded-data.h"
#include "oc-page.h"

G_BEGIN_DECLS

#define OC_TYPE_DATASET_PAGE (oc_dataset_page_get_type ())
G_DECLARE_FINAL_TYPE (OcDatasetPage, oc_dataset_page, OC, DATASET_PAGE, AdwBin)

/* Loads the dataset the rows describe, off the main thread; a load in progress is cancelled. */
void          oc_dataset_page_load         (OcDatasetPage *self);
/* A dropped or chosen file: a folder or IDX file → the mnist loader, anything else → CSV. */
void          oc_dataset_page_open_file    (OcDatasetPage *self, GFile *file);
/* The dataset shown (NULL before the first successful load). */
OcLoadedData *oc_dataset_page_get_data     (OcDatasetPage *self);
gboolean      oc_dataset_page_get_loading  (OcDatasetPage *self);
OcFigureView *oc_dataset_page_get_figure_view (OcDatasetPage *self);

/* The Open Recent menu: one item per remembered file or folder (settings key
 * recent-datasets, newest first, at most 8), each activating dataset.open-recent with its path.
 * A path that is gone is dropped with a toast saying so. */
GMenuModel    *oc_dataset_page_get_recent_menu (OcDatasetPage *self);

G_END_DECLS
