/* oc-data-figures.h — figures that show a dataset: sample images, the point cloud, features;
 * and the names figures give datasets.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "occam/oc-dataset.h"
#include "occam-plot/oc-plot.h"

G_BEGIN_DECLS

/* The best figure for @ds: an image grid (images, flipped labels marked), the training points
 * (2-D data) or a heatmap of the first examples' features (anything else). */
OcPlotFigure *oc_data_figure_new (const OcDataset *ds);

/* TRUE when the examples are points in the plane with one label: the toys, or any 2-feature
 * CSV. Such data get a point cloud and, with a model, a decision boundary. */
gboolean      oc_dataset_is_planar (const OcDataset *ds);

/* A short human name for a canonical dataset name: "Fashion-MNIST", "Spiral"; other names are
 * returned as they are. Free with g_free(). */
char         *oc_dataset_display_name (const char *name);

/* Adds the training points of a 2-D dataset to a FIELD figure, one series per class. */
void          oc_data_figure_add_points (OcPlotFigure *figure, const OcDataset *ds);

/* How many examples of each class a split has: counts[n_classes]. */
guint        *oc_split_class_counts (const OcDataset *ds, const OcSplit *split);

/* The mean example of a split, feature by feature: mean[ds->dim] (for images, the mean image).
 * NULL when the split is empty. */
float        *oc_split_mean (const OcDataset *ds, const OcSplit *split);

G_END_DECLS
