/* oc-csv.h — labelled numeric CSV files.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Format: comma-separated; one column (the first unless OcDataOptions.label_column says otherwise)
 * is an integer class label 0..999, every other column a finite number that fits in a float. The
 * first line is a header (and skipped) when any of its fields is not a number; scikit-learn's
 * "rows,features,class names…" line is recognised and gives the class names. Blank lines are
 * ignored; "\r\n" line ends are accepted. Errors name the file and line.
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
  guint       n;               /* data rows */
  guint       n_cols;          /* columns per row, label included */
  float      *x;               /* [n, n_cols - 1]: every column but the label's, in file order */
  gint32     *y;               /* [n] */
  guint       max_label;
  guint       label_col;       /* which column held the label */
  const char *label_elsewhere; /* how to choose another label column, for messages; static */
  char      **class_names;     /* from a scikit-learn first line, NULL-terminated; or NULL */
} OcCsvTable;

/* How to read a file. */
typedef struct
{
  const char *label_column; /* OcDataOptions.label_column; NULL = "first" */
  guint       classes;      /* > 0: labels must be below it (--classes); 0: below 1000 */
  guint       expect_cols;  /* > 0: every row must have that many columns… */
  const char *expect_from;  /* … as this file has, for the error message */
} OcCsvReadSpec;

gboolean oc_csv_read        (const char          *path,
                             const OcCsvReadSpec *spec,
                             OcCsvTable          *out,
                             GCancellable        *cancellable,
                             GError             **error);
void     oc_csv_table_clear (OcCsvTable *table);

/* Loads opts->data_file (and opts->test_file, or holds out opts->test_fraction of the data with
 * OC_STREAM_SPLIT) into @ds, with the label from opts->label_column. Refuses a label column with
 * one value in every row and an empty test split; warns (ds->warnings) when the label column
 * looks like a feature. */
gboolean oc_csv_load        (OcDataset           *ds,
                             const OcDataOptions *opts,
                             GCancellable        *cancellable,
                             GError             **error);

G_END_DECLS
