/* test-csv.c — labelled CSV files: headers, splits, and errors that name the file and line.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <fcntl.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "occam/oc-dataset.h"
#include "occam/oc-error.h"
#include "occam/oc-rng.h"
#include "oc-csv.h"

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->dir = g_dir_make_tmp ("occam-csv-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_autoptr (GDir) d = g_dir_open (f->dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);

      g_assert_cmpint (g_remove (path), ==, 0);
    }
  g_assert_cmpint (g_rmdir (f->dir), ==, 0);
  g_free (f->dir);
}

static char *
write_csv (Fixture *f, const char *name, const char *text, gssize len)
{
  char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr (GError) error = NULL;

  g_file_set_contents (path, text, len, &error);
  g_assert_no_error (error);
  return path;
}

/* With @label_column NULL the label is first; @classes < 0 leaves the number of classes to the
 * labels. */
static OcDataset *
load_csv_full (const char *data_file, const char *test_file, double test_fraction, guint64 seed,
               const char *label_column, gint64 classes, GError **error)
{
  OcDataOptions opts;

  oc_data_options_init (&opts);
  opts.name = "csv";
  opts.data_file = data_file;
  opts.test_file = test_file;
  opts.test_fraction = test_fraction;
  opts.seed = seed;
  if (label_column != NULL)
    opts.label_column = label_column;
  opts.classes = classes;
  return oc_dataset_load (&opts, NULL, error);
}

static OcDataset *
load_csv (const char *data_file, const char *test_file, double test_fraction, guint64 seed,
          GError **error)
{
  return load_csv_full (data_file, test_file, test_fraction, seed, NULL, -1, error);
}

static OcDataset *
load_csv_label (const char *data_file, const char *test_file, double test_fraction,
                const char *label_column, gint64 classes, GError **error)
{
  return load_csv_full (data_file, test_file, test_fraction, 0, label_column, classes, error);
}

/* Good files. */

static void
test_header_crlf_blank (Fixture *f, gconstpointer data)
{
  /* A BOM, a header, CRLF line ends, spaces, exponents, an integral "2.0" label, blank lines. */
  static const char text[] =
    "\xef\xbb\xbflabel,a,b\r\n"
    "0, 1.5 ,-2\r\n"
    "\r\n"
    "2.0,1e-3,+4.25\r\n"
    "1,0.1,3\r\n"
    "\r\n"
    "\n";
  g_autofree char *path = write_csv (f, "good.csv", text, -1);
  g_autofree char *test = write_csv (f, "test.csv", "1,0,0\n", -1);
  g_autoptr (GError) error = NULL;
  g_autoptr (OcDataset) ds = load_csv (path, test, 0.0, 0, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (ds->name, ==, "csv");
  g_assert_true (g_str_has_prefix (ds->source, path));
  g_assert_cmpuint (ds->train.n, ==, 3);
  g_assert_cmpuint (ds->test.n, ==, 1);
  g_assert_cmpuint (ds->dim, ==, 2);
  g_assert_cmpuint (ds->n_groups, ==, 1);
  g_assert_cmpuint (ds->n_classes, ==, 3);
  g_assert_cmpuint (ds->image_width, ==, 0);
  g_assert_cmpstr (ds->class_names[2], ==, "2");
  g_assert_null (ds->class_names[3]);
  g_assert_cmpint (ds->train.y[0], ==, 0);
  g_assert_cmpint (ds->train.y[1], ==, 2);
  g_assert_cmpint (ds->train.y[2], ==, 1);
  g_assert_cmpfloat (ds->train.x[0], ==, 1.5f);
  g_assert_cmpfloat (ds->train.x[1], ==, -2.0f);
  g_assert_cmpfloat (ds->train.x[2], ==, 1e-3f);
  g_assert_cmpfloat (ds->train.x[3], ==, 4.25f);
  g_assert_cmpfloat (ds->train.x[4], ==, 0.1f);
  g_assert_cmpfloat (ds->train.x[5], ==, 3.0f);
}

static void
test_no_header_no_newline (Fixture *f, gconstpointer data)
{
  /* Two classes, one file without a final newline. */
  g_autofree char *path = write_csv (f, "zeros.csv", "0,1\n1,2\n0,3", -1);
  g_autofree char *test = write_csv (f, "test.csv", "1,1", -1);
  g_autoptr (GError) error = NULL;
  g_autoptr (OcDataset) ds = load_csv (path, test, 0.0, 0, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (ds->train.n, ==, 3);
  g_assert_cmpuint (ds->dim, ==, 1);
  g_assert_cmpuint (ds->n_classes, ==, 2);
  g_assert_cmpfloat (ds->train.x[2], ==, 3.0f);
  /* Class 0 is only trained on: its test accuracy is unknown, and that is said. */
  g_assert_nonnull (ds->warnings);
  g_assert_cmpuint (g_strv_length (ds->warnings), ==, 1);
  g_assert_nonnull (strstr (ds->warnings[0], "class 0 has training examples but none in the test "
                            "split"));
}

static void
test_test_file (Fixture *f, gconstpointer data)
{
  g_autofree char *train = write_csv (f, "train.csv", "y,f1,f2\n1,0,0\n0,1,1\n", -1);
  g_autofree char *test = write_csv (f, "test.csv", "4,5,6\n", -1);
  g_autoptr (GError) error = NULL;
  g_autoptr (OcDataset) ds = load_csv (train, test, 0.2, 0, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (ds->train.n, ==, 2);
  g_assert_cmpuint (ds->test.n, ==, 1);
  g_assert_cmpuint (ds->n_classes, ==, 5);
  g_assert_cmpint (ds->test.y[0], ==, 4);
  g_assert_cmpfloat (ds->test.x[1], ==, 6.0f);
  g_assert_nonnull (strstr (ds->source, "test.csv"));
}

/* 100 rows whose first feature is the row index; the split must partition them. */
static char *
write_indexed (Fixture *f)
{
  GString *s = g_string_new ("label,index,twice\n");
  g_autofree char *text = NULL;

  for (guint i = 0; i < 100; i++)
    g_string_append_printf (s, "%u,%u,%u\n", i % 3, i, 2 * i);
  text = g_string_free (s, FALSE);
  return write_csv (f, "indexed.csv", text, -1);
}

static void
test_holdout_split (Fixture *f, gconstpointer data)
{
  g_autofree char *path = write_indexed (f);
  g_autoptr (GError) error = NULL;
  g_autoptr (OcDataset) a = load_csv (path, NULL, 0.25, 7, &error);
  g_autoptr (OcDataset) b = NULL;
  g_autoptr (OcDataset) c = NULL;
  gboolean seen[100] = { FALSE };
  int last;

  g_assert_no_error (error);
  g_assert_cmpuint (a->train.n, ==, 75);
  g_assert_cmpuint (a->test.n, ==, 25);

  /* Disjoint, covering, each in file order, rows intact. */
  last = -1;
  for (guint i = 0; i < a->train.n; i++)
    {
      int k = (int) a->train.x[2 * i];

      g_assert_cmpint (k, >, last);
      g_assert_false (seen[k]);
      seen[k] = TRUE;
      g_assert_cmpfloat (a->train.x[2 * i + 1], ==, 2.0f * k);
      g_assert_cmpint (a->train.y[i], ==, k % 3);
      last = k;
    }
  last = -1;
  for (guint i = 0; i < a->test.n; i++)
    {
      int k = (int) a->test.x[2 * i];

      g_assert_cmpint (k, >, last);
      g_assert_false (seen[k]);
      seen[k] = TRUE;
      g_assert_cmpint (a->test.y[i], ==, k % 3);
      last = k;
    }
  for (guint k = 0; k < 100; k++)
    g_assert_true (seen[k]);

  /* Same seed, same split; another seed, another split. */
  b = load_csv (path, NULL, 0.25, 7, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (a->test.x, 2 * 25 * sizeof (float), b->test.x, 2 * 25 * sizeof (float));
  c = load_csv (path, NULL, 0.25, 8, &error);
  g_assert_no_error (error);
  g_assert_true (memcmp (a->test.x, c->test.x, 2 * 25 * sizeof (float)) != 0);
}

static void
test_fast_path_exact (Fixture *f, gconstpointer data)
{
  /* Plain decimals take a hand-written fast path; it must agree with g_ascii_strtod exactly. */
  GString *s = g_string_new (NULL);
  g_autofree char *text = NULL;
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (OcDataset) ds = NULL;
  g_autoptr (GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  OcRng rng;

  oc_rng_init (&rng, 11, OC_STREAM_USER);
  for (guint i = 0; i < 3000; i++)
    {
      guint n_int = oc_rng_below (&rng, 9), n_frac = oc_rng_below (&rng, 12);
      GString *num = g_string_new (oc_rng_below (&rng, 2) ? "-" : "");

      for (guint k = 0; k < n_int + 1; k++)
        g_string_append_c (num, (char) ('0' + oc_rng_below (&rng, 10)));
      if (n_frac > 0)
        g_string_append_c (num, '.');
      for (guint k = 0; k < n_frac; k++)
        g_string_append_c (num, (char) ('0' + oc_rng_below (&rng, 10)));
      g_string_append_printf (s, "%u,%s\n", i % 2, num->str);
      g_ptr_array_add (fields, g_string_free (num, FALSE));
    }
  text = g_string_free (s, FALSE);
  path = write_csv (f, "numbers.csv", text, -1);
  ds = load_csv (path, path, 0.0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ds->train.n, ==, fields->len);
  for (guint i = 0; i < fields->len; i++)
    {
      float want = (float) g_ascii_strtod (g_ptr_array_index (fields, i), NULL);

      if (ds->train.x[i] != want)
        g_error ("“%s” parsed as %.9g, g_ascii_strtod gives %.9g",
                 (char *) g_ptr_array_index (fields, i), ds->train.x[i], want);
    }
}

/* The label elsewhere: last after scikit-learn's first line, by 0-based index, by header name. */
static void
test_label_column (Fixture *f, gconstpointer data)
{
  g_autofree char *sk = write_csv (f, "sk.csv", "4,2,setosa,versicolor\n1.5,2.5,0\n1.25,2.25,1\n"
                                   "1.75,2.75,0\n1.0,2.0,1\n", -1);
  g_autofree char *named = write_csv (f, "named.csv", "a,kind,b\n1,0,2\n3,1,4\n5,1,6\n", -1);
  const char *const columns[] = { "1", "kind", "KIND" };
  g_autoptr (GError) error = NULL;
  g_autoptr (OcDataset) ds = load_csv_label (sk, sk, 0.0, "last", -1, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (ds->train.n, ==, 4);
  g_assert_cmpuint (ds->dim, ==, 2);
  g_assert_cmpuint (ds->n_classes, ==, 2);
  g_assert_cmpstr (ds->class_names[0], ==, "setosa");
  g_assert_cmpstr (ds->class_names[1], ==, "versicolor");
  g_assert_cmpint (ds->train.y[1], ==, 1);
  g_assert_cmpfloat (ds->train.x[2], ==, 1.25f);
  g_assert_cmpfloat (ds->train.x[3], ==, 2.25f);
  g_assert_null (ds->warnings);
  g_clear_pointer (&ds, oc_dataset_free);

  /* --classes keeps the file's names and numbers the classes beyond them. */
  ds = load_csv_label (sk, sk, 0.0, "last", 4, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ds->n_classes, ==, 4);
  g_assert_cmpstr (ds->class_names[1], ==, "versicolor");
  g_assert_cmpstr (ds->class_names[3], ==, "3");
  g_assert_null (ds->class_names[4]);
  g_clear_pointer (&ds, oc_dataset_free);

  /* The middle column by index and by name (names match exactly: "KIND" is not "kind"). */
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      ds = load_csv_label (named, named, 0.0, columns[i], -1, &error);
      if (i == 2)
        {
          g_assert_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT);
          g_clear_error (&error);
          continue;
        }
      g_assert_no_error (error);
      g_assert_cmpuint (ds->dim, ==, 2);
      g_assert_cmpint (ds->train.y[0], ==, 0);
      g_assert_cmpint (ds->train.y[2], ==, 1);
      g_assert_cmpfloat (ds->train.x[4], ==, 5.0f);
      g_assert_cmpfloat (ds->train.x[5], ==, 6.0f);
      g_clear_pointer (&ds, oc_dataset_free);
    }
}

/* A first line with any field that is not a number is a header: numbers first ("0,1,class"), or
 * pandas' empty index name. */
static void
test_header_forms (Fixture *f, gconstpointer data)
{
  const struct { const char *text, *label_column; } files[] = {
    { "0,1,class\n0.5,1.5,0\n0.25,1.25,1\n", "class" },
    { ",a,b\n0,0.5,1.5\n1,0.25,1.25\n", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = write_csv (f, "header.csv", files[i].text, -1);
      g_autoptr (GError) error = NULL;
      g_autoptr (OcDataset) ds = load_csv_label (path, path, 0.0, files[i].label_column, -1,
                                                 &error);

      g_assert_no_error (error);
      g_assert_cmpuint (ds->train.n, ==, 2);
      g_assert_cmpuint (ds->dim, ==, 2);
      g_assert_cmpint (ds->train.y[1], ==, 1);
      g_assert_cmpfloat (ds->train.x[2], ==, 0.25f);
    }
}

/* More than 100 different labels read, with a warning that the column looks like a feature. */
static void
test_label_looks_like_feature (Fixture *f, gconstpointer data)
{
  GString *s = g_string_new (NULL);
  g_autofree char *text = NULL, *path = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (OcDataset) ds = NULL;

  for (guint i = 0; i < 120; i++)
    g_string_append_printf (s, "%u,%u,%u\n", i, i % 2, i % 5);
  text = g_string_free (s, FALSE);
  path = write_csv (f, "ids.csv", text, -1);
  ds = load_csv_label (path, path, 0.0, NULL, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ds->n_classes, ==, 120);
  g_assert_nonnull (ds->warnings);
  g_assert_nonnull (strstr (ds->warnings[0], "ids.csv: the label column (first) has 120 different "
                            "values; if it holds a feature rather than the class, choose the "
                            "label with --label-column last"));
  g_clear_pointer (&ds, oc_dataset_free);

  /* The label where it is: no warning. */
  ds = load_csv_label (path, path, 0.0, "1", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ds->n_classes, ==, 2);
  g_assert_null (ds->warnings);
}

/* scikit-learn's bundled tables (Debian's python3-sklearn), read as scikit-learn reads them. */
#define SKLEARN_DATA "/usr/lib/python3/dist-packages/sklearn/datasets/data"

static char *
gunzip_to (Fixture *f, const char *gz, const char *name)
{
  g_autoptr (GFile) in = g_file_new_for_path (gz);
  g_autoptr (GError) error = NULL;
  g_autoptr (GInputStream) raw = G_INPUT_STREAM (g_file_read (in, NULL, &error));
  g_autoptr (GConverter) z = NULL;
  g_autoptr (GInputStream) text = NULL;
  g_autoptr (GOutputStream) mem = g_memory_output_stream_new_resizable ();
  g_autoptr (GBytes) bytes = NULL;

  g_assert_no_error (error);
  z = G_CONVERTER (g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP));
  text = g_converter_input_stream_new (raw, z);
  g_output_stream_splice (mem, text, G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, &error);
  g_assert_no_error (error);
  bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (mem));
  return write_csv (f, name, g_bytes_get_data (bytes, NULL), (gssize) g_bytes_get_size (bytes));
}

static void
test_sklearn (Fixture *f, gconstpointer data)
{
  const struct
  {
    const char *file;
    guint       rows, dim, n_classes;
    const char *first_class, *bad_first; /* the message of the first column as the label */
  } tables[] = {
    { "wine_data.csv", 178, 13, 3, "class_0", "line 2: label “14.23” is not an integer" },
    { "breast_cancer.csv", 569, 30, 2, "malignant", "line 2: label “17.99” is not an integer" },
    { "digits.csv.gz", 1797, 64, 10, "0", "the label column (first) has the same value 0 in every "
      "row: is the label in another column? --label-column last" },
  };

  if (!g_file_test (SKLEARN_DATA, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("needs python3-sklearn's data (build-aux/packages.txt installs it)");
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *src = g_build_filename (SKLEARN_DATA, tables[i].file, NULL);
      g_autofree char *path = g_str_has_suffix (src, ".gz") ? gunzip_to (f, src, "digits.csv")
                                                            : g_strdup (src);
      g_autoptr (GError) error = NULL;
      g_autoptr (OcDataset) ds = load_csv_label (path, NULL, 0.2, NULL, -1, &error);

      g_test_message ("%s: %s", tables[i].file, error != NULL ? error->message : "(read)");
      g_assert_null (ds);
      g_assert_error (error, OC_ERROR, OC_ERROR_FORMAT);
      g_assert_nonnull (strstr (error->message, tables[i].bad_first));
      g_clear_error (&error);

      ds = load_csv_label (path, NULL, 0.2, "last", -1, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (ds->train.n + ds->test.n, ==, tables[i].rows);
      g_assert_cmpuint (ds->test.n, ==, (guint) round (0.2 * tables[i].rows));
      g_assert_cmpuint (ds->dim, ==, tables[i].dim);
      g_assert_cmpuint (ds->n_classes, ==, tables[i].n_classes);
      g_assert_cmpstr (ds->class_names[0], ==, tables[i].first_class);
      g_assert_null (ds->warnings);
    }
}

/* Bad files: code, and a message that starts with the path and names the line. */

typedef struct
{
  const char *text;
  OcError     code;
  const char *needle;
  gssize      len;          /* bytes of text to write; 0 = up to its NUL */
  const char *label_column; /* NULL: the first */
  gint64      classes;      /* 0: as many as the labels need */
} BadCsv;

static const BadCsv bad_csvs[] = {
  { "1,2,3\n0,1,2\n1,2\n", OC_ERROR_FORMAT, ": line 3: 2 columns, but the first data row has 3" },
  { "1,2,3\n0,1,2\n1,2,3,4\n", OC_ERROR_FORMAT, ": line 3: 4 columns" },
  { "l,a,b\n1,2,3\n1,2,3\n0,x,3\n", OC_ERROR_FORMAT,
    ": line 4, column 2: “x” is not a finite number" },
  { "1,2,3\n0,nan,3\n", OC_ERROR_FORMAT, ": line 2, column 2: “nan” is not a finite number" },
  { "1,2,3\n0,1e999,3\n", OC_ERROR_FORMAT, ": line 2, column 2: “1e999” is not a finite number" },
  { "1,2,3\n0,,3\n", OC_ERROR_FORMAT, ": line 2, column 2: empty field" },
  { "label,a\n-1,2\n", OC_ERROR_FORMAT, ": line 2: label “-1” is negative" },
  { "1,2\n1.5,2\n", OC_ERROR_FORMAT, ": line 2: label “1.5” is not an integer" },
  { "1,2\n1000,2\n", OC_ERROR_FORMAT, ": line 2: label 1000 is too large; at most 1000 classes" },
  { "label\n1\n2\n", OC_ERROR_FORMAT, ": line 2: only one column" },
  { "a;b;c\n1;2;3\n", OC_ERROR_FORMAT,
    ": line 2: only one column; each row needs the label followed by at least one feature, "
    "separated by commas; semicolons are not separators" },
  { "label,a,b,c\n1,2,3\n", OC_ERROR_FORMAT,
    ": line 2: 3 columns, but the header on line 1 has 4" },
  { "label,a,b\n\n", OC_ERROR_FORMAT, ": a header but no data rows" },
  { "\n\n  \n", OC_ERROR_FORMAT, ": no data rows" },
  { "", OC_ERROR_FORMAT, ": the file is empty" },
  { "1,2\n1,2\0,3\n", OC_ERROR_FORMAT, ": line 2: NUL byte", 11 },
  { "\x1f\x8b\x08\x00", OC_ERROR_FORMAT, ": the file is gzip-compressed; decompress it first" },
  /* A constant is no label: pixel 0 of scikit-learn's digits is 0 in every row. */
  { "3,1\n3,2\n3,3\n", OC_ERROR_FORMAT, ": the label column (first) has the same value 3 in "
    "every row: is the label in another column? --label-column last" },
  { "1,3\n2,3\n0,3\n", OC_ERROR_FORMAT, ": the label column (last) has the same value 3 in every "
    "row: is the label in another column? --label-column first", 0, "last" },
  { "0.5,1,0\n", OC_ERROR_FORMAT, ": line 1: label “0.5” is not an integer; the label column "
    "(first) must hold class indices 0, 1, 2, …: is the label in another column? "
    "--label-column last" },
  { "5,2,a,b\n0.5,1,0\n", OC_ERROR_FORMAT, ": line 2: label “0.5” is not an integer; the label "
    "column (first) must hold class indices 0, 1, 2, …: is the label in another column? "
    "scikit-learn's files keep it last: --label-column last" },
  /* scikit-learn's first line counts the rows. */
  { "5,2,a,b\n0.5,1,0\n0.7,2,1\n", OC_ERROR_FORMAT,
    ": line 1 says the file holds 5 rows, but it holds 2; is it truncated?", 0, "last" },
  /* float32 holds at most ±3.4e38; beyond, the value would train as infinity. */
  { "l,a,b\n0,1,2\n1,3.5e38,2\n", OC_ERROR_FORMAT,
    ": line 3, column 2: 3.5e38 is beyond the largest 32-bit float (±3.4e+38); rescale the "
    "column" },
  { "0,-1e39\n", OC_ERROR_FORMAT, ": line 1, column 2: -1e39 is beyond the largest 32-bit float" },
  { "0,1\n1,2\n7,3\n", OC_ERROR_FORMAT,
    ": line 3: label 7 is not below --classes 5; fix the label or raise --classes", 0, NULL, 5 },
  { "0,1\n1,2\n", OC_ERROR_INVALID_ARGUMENT,
    ": --label-column 2 is past the last column; the rows have 2 columns, 0..1", 0, "2" },
  { "0,1\n1,2\n", OC_ERROR_INVALID_ARGUMENT,
    ": --label-column “class”: the file has no header row to look the name up in; give first, "
    "last or a column index from 0", 0, "class" },
  { "x,y,class\n0,1,2\n", OC_ERROR_INVALID_ARGUMENT,
    ": --label-column “label”: the header on line 1 has no such column (it has “x”, “y”, "
    "“class”)", 0, "label" },
  { "2,1,yes,no\n0.1,0\n0.2,1\n", OC_ERROR_INVALID_ARGUMENT,
    ": --label-column “yes”: its first line names classes, not columns", 0, "yes" },
  /* Two rows, 0.2 held out: round(0.4) = 0 test rows would report "nan %". */
  { "0,1\n1,2\n", OC_ERROR_INVALID_ARGUMENT,
    ": holding out test_fraction 0.2 of 2 rows leaves no test data; raise --test-fraction, add "
    "rows or pass --test-file" },
};

static void
test_bad (Fixture *f, gconstpointer data)
{
  const BadCsv *bad = data;
  g_autofree char *path = write_csv (f, "bad.csv", bad->text, bad->len > 0 ? bad->len : -1);
  g_autofree char *expect = g_strconcat (path, bad->needle, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (OcDataset) ds = load_csv_label (path, NULL, 0.2, bad->label_column,
                                             bad->classes > 0 ? bad->classes : -1, &error);

  g_assert_null (ds);
  g_assert_error (error, OC_ERROR, (gint) bad->code);
  g_test_message ("%s", error->message);
  if (!g_str_has_prefix (error->message, expect))
    g_error ("message “%s” should start with “%s”", error->message, expect);
}

static void
test_bad_test_file_columns (Fixture *f, gconstpointer data)
{
  g_autofree char *train = write_csv (f, "train.csv", "1,2,3\n0,1,2\n", -1);
  g_autofree char *test = write_csv (f, "test.csv", "\n1,2\n", -1);
  g_autofree char *expect = g_strconcat (test, ": line 2: 2 columns, but train.csv has 3", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (OcDataset) ds = load_csv (train, test, 0.2, 0, &error);

  g_assert_null (ds);
  g_assert_error (error, OC_ERROR, OC_ERROR_FORMAT);
  g_assert_true (g_str_has_prefix (error->message, expect));
}

static void
test_bad_missing (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "absent.csv", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (OcDataset) ds = load_csv (path, NULL, 0.2, 0, &error);

  g_assert_null (ds);
  g_assert_error (error, OC_ERROR, OC_ERROR_NOT_FOUND);
  g_assert_true (g_str_has_prefix (error->message, path));
}

static void
test_bad_too_large (Fixture *f, gconstpointer data)
{
  /* A sparse file just over the cap: rejected from its size alone, without reading it. */
  g_autofree char *path = g_build_filename (f->dir, "huge.csv", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (OcDataset) ds = NULL;
  int fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, (off_t) OC_CSV_MAX_BYTES + 1), ==, 0);
  g_assert_cmpint (close (fd), ==, 0);
  ds = load_csv (path, NULL, 0.2, 0, &error);
  g_assert_null (ds);
  g_assert_error (error, OC_ERROR, OC_ERROR_TOO_LARGE);
  g_assert_true (g_str_has_prefix (error->message, path));
}

static void
test_bad_options (Fixture *f, gconstpointer data)
{
  g_autofree char *path = write_csv (f, "two.csv", "0,1\n1,2\n", -1);
  g_autoptr (GError) error = NULL;
  g_autoptr (OcDataset) ds = load_csv (NULL, NULL, 0.2, 0, &error);

  g_assert_null (ds);
  g_assert_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "--data-file"));
  g_clear_error (&error);

  ds = load_csv (path, NULL, 1.0, 0, &error);
  g_assert_null (ds);
  g_assert_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "test_fraction"));
  g_clear_error (&error);

  /* 0.75 of two rows rounds to both: nothing left to train on. */
  ds = load_csv (path, NULL, 0.75, 0, &error);
  g_assert_null (ds);
  g_assert_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT);
  g_assert_true (g_str_has_prefix (error->message, path));
}

#define ADD(path, func, data) \
  g_test_add (path, Fixture, data, fixture_setup, func, fixture_teardown)

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  ADD ("/csv/good/header-crlf-blank", test_header_crlf_blank, NULL);
  ADD ("/csv/good/no-header-no-newline", test_no_header_no_newline, NULL);
  ADD ("/csv/good/test-file", test_test_file, NULL);
  ADD ("/csv/good/holdout-split", test_holdout_split, NULL);
  ADD ("/csv/good/fast-path-exact", test_fast_path_exact, NULL);
  ADD ("/csv/good/label-column", test_label_column, NULL);
  ADD ("/csv/good/header-forms", test_header_forms, NULL);
  ADD ("/csv/good/label-looks-like-feature", test_label_looks_like_feature, NULL);
  ADD ("/csv/good/sklearn", test_sklearn, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (bad_csvs); i++)
    {
      g_autofree char *path = g_strdup_printf ("/csv/bad/%u", i);

      ADD (path, test_bad, &bad_csvs[i]);
    }
  ADD ("/csv/bad/test-file-columns", test_bad_test_file_columns, NULL);
  ADD ("/csv/bad/missing", test_bad_missing, NULL);
  ADD ("/csv/bad/too-large", test_bad_too_large, NULL);
  ADD ("/csv/bad/options", test_bad_options, NULL);
  return g_test_run ();
}
