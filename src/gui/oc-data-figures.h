/* oc-data-figures.h — figures that show a dataset: sample images, the point cloud, features.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "occam-plot/oc-plot.h"
#include "oc-loaded-data.h"

G_BEGIN_DECLS

/* The best figure for @data: an image grid (images, flipped labels marked), the training points
 * (2-D data) or a heatmap of the first examples' features (anything else). */
OcPlotFigure *oc_data_figure_new (const OcLoadedData *data);

/* Adds the training points of a 2-D dataset to a FIELD figure, one series per class. */
void          oc_data_figure_add_points (OcPlotFigure *figure, const OcDataset *ds);

/* How many examples of each class a split has: counts[n_classes]. */
guint        *oc_split_class_counts (const OcDataset *ds, const OcSplit *split);

G_END_DECLS
