/* oc-csv.h — labelled numeric CSV files.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Format: comma-separated; the first column is an integer class label 0..999, every other column
 * a finite number. The first row is a header (and skipped) when its first field is not a number.
 * Blank lines are ignored; "\r\n" line ends are accepted. Errors name the file and line.
 */
#pragma once

#include <gio/gio.h>

#include "occam/oc-dataset.h"

G_BEGIN_DECLS

/* Hard caps: the file size, and the number of classes (labels must be below it). */
#define OC_CSV_MAX_BYTES   (G_GUINT64_CONSTANT (1) << 30)
#define OC_CSV_MAX_CLASSES 1000

typedef struct
{
  guint   n;         /* data rows */
  guint   n_cols;    /* columns per row, label included */
  float  *x;         /* [n, n_cols - 1] */
  gint32 *y;         /* [n] */
  guint   max_label;
} OcCsvTable;

/* Reads @path. With @expect_cols > 0 every row must have that many columns; @expect_from names
 * the file that number came from, for the error message. */
gboolean oc_csv_read        (const char   *path,
                             guint         expect_cols,
                             const char   *expect_from,
                             OcCsvTable   *out,
                             GCancellable *cancellable,
                             GError      **error);
void     oc_csv_table_clear (OcCsvTable *table);

/* Loads opts->data_file (and opts->test_file, or holds out opts->test_fraction of the data with
 * OC_STREAM_SPLIT) into @ds. */
gboolean oc_csv_load        (OcDataset           *ds,
                             const OcDataOptions *opts,
                             GCancellable        *cancellable,
                             GError             **error);

G_END_DECLS
