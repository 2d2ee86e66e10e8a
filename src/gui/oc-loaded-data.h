/* oc-loaded-data.h — a loaded dataset shared between the pages and training workers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Dataset page loads data off the main thread; the Train page hands the same data to a worker.
 * Loading another dataset while a run trains must not free the one it reads, so the dataset lives
 * in an atomically reference-counted box together with the options that produced it (what the
 * store records and History re-runs). Nothing here touches GTK.
 */
#pragma once

#include <gio/gio.h>

#include "occam/oc-dataset.h"

G_BEGIN_DECLS

typedef struct
{
  OcDataset    *dataset;
  OcDataOptions opts; /* with owned copies of the strings */
} OcLoadedData;

#define OC_TYPE_LOADED_DATA (oc_loaded_data_get_type ())
GType         oc_loaded_data_get_type (void) G_GNUC_CONST;

OcLoadedData *oc_loaded_data_ref   (OcLoadedData *data);
void          oc_loaded_data_unref (OcLoadedData *data);

/* Loads @opts (copied) on a worker thread. */
void          oc_loaded_data_load_async  (const OcDataOptions *opts, GCancellable *cancellable,
                                          GAsyncReadyCallback callback, gpointer user_data);
OcLoadedData *oc_loaded_data_load_finish (GAsyncResult *result, GError **error);

/* The mean training input of @opts' data, loaded and averaged on a worker thread (the data are
 * not kept): the Pruning page's fan-in figure draws over it. */
typedef struct
{
  float *values; /* [dim] */
  guint  dim;
} OcDataMean;

void          oc_data_mean_load_async    (const OcDataOptions *opts, GCancellable *cancellable,
                                          GAsyncReadyCallback callback, gpointer user_data);
OcDataMean   *oc_data_mean_load_finish   (GAsyncResult *result, GError **error);
void          oc_data_mean_free          (OcDataMean *mean);

/* TRUE when the data are 2-D points (the toys, or any 2-feature CSV). */
gboolean      oc_loaded_data_is_planar   (const OcLoadedData *data);

/* Deep copy of the strings of @src into @dst; free with oc_data_options_clear_strings(). */
void          oc_data_options_copy       (OcDataOptions *dst, const OcDataOptions *src);
void          oc_data_options_clear_strings (OcDataOptions *opts);

/* A short human name: "Fashion-MNIST", "Spiral", "my.csv" (oc_dataset_display_name, or the
 * file or folder a CSV or IDX dataset came from). Free with g_free(). */
char         *oc_loaded_data_title       (const OcLoadedData *data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OcLoadedData, oc_loaded_data_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OcDataMean, oc_data_mean_free)

G_END_DECLS
