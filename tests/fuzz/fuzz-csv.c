/* fuzz-csv.c — the CSV reader and the `csv` dataset on arbitrary files.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input is read as a table with the label in the first column and again in the last, and
 * each accepted reading is loaded as a dataset twice: once holding out a test fraction of its
 * rows, once as both the training and the test file (the column check between two files). Label
 * noise and a validation split run on every accepted file.
 */
#include <math.h>

#include "occam/oc-dataset.h"
#include "occam/oc-error.h"
#include "oc-csv.h"
#include "fuzz-common.h"

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  oc_fuzz_init ();
  return 0;
}

static void
check_dataset (const OcDataOptions *opts, const OcCsvTable *table)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (OcDataset) ds = oc_dataset_load (opts, NULL, &error);
  const OcSplit *splits[3];

  if (ds == NULL)
    {
      g_assert (error != NULL && error->message != NULL);
      return;
    }
  g_assert_cmpuint (ds->dim, ==, table->n_cols - 1);
  g_assert_cmpuint (ds->n_classes, >, table->max_label);
  splits[0] = &ds->train;
  splits[1] = &ds->val;
  splits[2] = &ds->test;
  for (guint s = 0; s < G_N_ELEMENTS (splits); s++)
    for (guint i = 0; i < splits[s]->n; i++)
      {
        g_assert_cmpint (splits[s]->y[i], >=, 0);
        g_assert_cmpint (splits[s]->y[i], <, (gint32) ds->n_classes);
      }
}

static void
check_file (const char *path, const char *label_column)
{
  g_autoptr (GError) error = NULL;
  OcCsvReadSpec spec = { .label_column = label_column };
  OcCsvTable table;
  OcDataOptions opts;

  if (!oc_csv_read (path, &spec, &table, NULL, &error))
    {
      g_assert (error != NULL && error->domain == OC_ERROR);
      g_assert (g_str_has_prefix (error->message, path));
      return;
    }
  g_assert_cmpuint (table.n, >, 0);
  g_assert_cmpuint (table.n_cols, >=, 2);
  g_assert_cmpuint (table.label_col, <, table.n_cols);
  g_assert_cmpuint (table.max_label, <, OC_CSV_MAX_CLASSES);
  for (guint i = 0; i < table.n; i++)
    {
      g_assert_cmpint (table.y[i], >=, 0);
      g_assert_cmpuint ((guint) table.y[i], <=, table.max_label);
    }
  for (gsize i = 0; i < (gsize) table.n * (table.n_cols - 1); i++)
    g_assert (isfinite (table.x[i]));

  oc_data_options_init (&opts);
  opts.name = "csv";
  opts.data_file = path;
  opts.label_column = label_column;
  opts.label_noise = 0.25;
  opts.val_size = table.n > 2 ? 1 : 0;
  check_dataset (&opts, &table);
  opts.test_file = path;
  check_dataset (&opts, &table);
  oc_csv_table_clear (&table);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autofree char *path = oc_fuzz_write ("input.csv", data, size);

  check_file (path, "first");
  check_file (path, "last");
  return 0;
}
