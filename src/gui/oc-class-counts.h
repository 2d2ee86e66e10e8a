/* oc-class-counts.h — the per-class table of a dataset's splits.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "occam/oc-dataset.h"

G_BEGIN_DECLS

/* A grid: one row per class, columns Train, Flipped (with label noise), Validation (with a
 * validation split) and Test, and a Total row. Numbers are right-aligned in tabular figures. */
GtkWidget *oc_class_counts_new (const OcDataset *ds);

G_END_DECLS
