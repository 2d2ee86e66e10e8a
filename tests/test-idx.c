/* test-idx.c — MNIST-format IDX folders: good files raw and gzipped, and every way they go bad.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each test writes a small IDX set (50 training and 20 test images of 4 rows × 3 columns, labels
 * 0..6) into a fresh temporary folder, then loads it through oc_dataset_load() like a user would.
 */
#include <string.h>
#include <sys/stat.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "occam/oc-dataset.h"
#include "occam/oc-error.h"
#include "oc-idx.h"

#define N_TRAIN 50
#define N_TEST  20
#define ROWS    4
#define COLS    3

static const char *const file_names[4] = {
  "train-images-idx3-ubyte", "train-labels-idx1-ubyte",
  "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte",
};

/* Builders. */

static void
append_be32 (GByteArray *a, guint32 v)
{
  guint8 b[4] = { v >> 24, (v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff };

  g_byte_array_append (a, b, 4);
}

static GByteArray *
idx_header (guint32 magic, guint rank, const guint32 *dims)
{
  GByteArray *a = g_byte_array_new ();

  append_be32 (a, magic);
  for (guint i = 0; i < rank; i++)
    append_be32 (a, dims[i]);
  return a;
}

static guint8
pixel (gsize i, guint salt)
{
  return (guint8) ((i * 7 + salt) % 256);
}

static guint8
label (gsize i, guint salt)
{
  return (guint8) ((i + salt) % 7);
}

static GBytes *
images_n (guint32 n, guint32 rows, guint32 cols, guint salt)
{
  guint32 dims[3] = { n, rows, cols };
  GByteArray *a = idx_header (0x00000803, 3, dims);

  for (gsize i = 0; i < (gsize) n * rows * cols; i++)
    {
      guint8 v = pixel (i, salt);

      g_byte_array_append (a, &v, 1);
    }
  return g_byte_array_free_to_bytes (a);
}

static GBytes *
labels_n (guint32 n, guint salt)
{
  GByteArray *a = idx_header (0x00000801, 1, &n);

  for (gsize i = 0; i < n; i++)
    {
      guint8 v = label (i, salt);

      g_byte_array_append (a, &v, 1);
    }
  return g_byte_array_free_to_bytes (a);
}

static GBytes *
good_file (guint which)
{
  switch (which)
    {
    case 0: return images_n (N_TRAIN, ROWS, COLS, 3);
    case 1: return labels_n (N_TRAIN, 0);
    case 2: return images_n (N_TEST, ROWS, COLS, 5);
    default: return labels_n (N_TEST, 3);
    }
}

static GBytes *
gzip_bytes (GBytes *in)
{
  g_autoptr (GZlibCompressor) z = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, -1);
  g_autoptr (GOutputStream) mem = g_memory_output_stream_new_resizable ();
  g_autoptr (GOutputStream) out = g_converter_output_stream_new (mem, G_CONVERTER (z));
  g_autoptr (GError) error = NULL;
  gsize len;
  gconstpointer data = g_bytes_get_data (in, &len);

  g_output_stream_write_all (out, data, len, NULL, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (out, NULL, &error);
  g_assert_no_error (error);
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (mem));
}

static GBytes *
concat (GBytes *a, const void *b, gsize b_len)
{
  GByteArray *r = g_byte_array_new ();
  gsize a_len;
  const guint8 *ad = g_bytes_get_data (a, &a_len);

  g_byte_array_append (r, ad, a_len);
  g_byte_array_append (r, b, b_len);
  return g_byte_array_free_to_bytes (r);
}

static void
write_file (const char *dir, const char *name, GBytes *bytes)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr (GError) error = NULL;
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  g_file_set_contents (path, data != NULL ? data : "", len, &error);
  g_assert_no_error (error);
}

static void
remove_dir (const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_assert_cmpint (g_remove (path), ==, 0);
    }
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* Fixture: a folder holding the good set, raw, with the canonical names. */

typedef struct
{
  char *dir;
} Fixture;

typedef enum
{
  STYLE_RAW,         /* train-images-idx3-ubyte, raw */
  STYLE_GZ,          /* train-images-idx3-ubyte.gz, gzipped */
  STYLE_GZ_NO_EXT,   /* train-images-idx3-ubyte, gzipped */
  STYLE_RAW_GZ_EXT,  /* train-images-idx3-ubyte.gz, raw */
  STYLE_DOT_GZ,      /* train-images.idx3-ubyte.gz, gzipped */
  STYLE_MULTIMEMBER, /* train-images-idx3-ubyte.gz, two concatenated gzip members */
} Style;

static void
write_good_set (const char *dir, Style style)
{
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr (GBytes) raw = good_file (i);
      g_autoptr (GBytes) content = NULL;
      g_autofree char *name = NULL;

      switch (style)
        {
        case STYLE_RAW:
          content = g_bytes_ref (raw);
          name = g_strdup (file_names[i]);
          break;
        case STYLE_GZ:
          content = gzip_bytes (raw);
          name = g_strconcat (file_names[i], ".gz", NULL);
          break;
        case STYLE_GZ_NO_EXT:
          content = gzip_bytes (raw);
          name = g_strdup (file_names[i]);
          break;
        case STYLE_RAW_GZ_EXT:
          content = g_bytes_ref (raw);
          name = g_strconcat (file_names[i], ".gz", NULL);
          break;
        case STYLE_DOT_GZ:
          {
            /* "train-images-idx3-ubyte" → "train-images.idx3-ubyte" */
            char *dash;

            content = gzip_bytes (raw);
            name = g_strconcat (file_names[i], ".gz", NULL);
            dash = strrchr (name, '-');
            dash = g_strrstr_len (name, dash - name, "-");
            *dash = '.';
          }
          break;
        case STYLE_MULTIMEMBER:
          {
            gsize len, half;
            const guint8 *d = g_bytes_get_data (raw, &len);
            g_autoptr (GBytes) a = g_bytes_new (d, half = len / 2);
            g_autoptr (GBytes) b = g_bytes_new (d + half, len - half);
            g_autoptr (GBytes) za = gzip_bytes (a);
            g_autoptr (GBytes) zb = gzip_bytes (b);

            content = concat (za, g_bytes_get_data (zb, NULL), g_bytes_get_size (zb));
            name = g_strconcat (file_names[i], ".gz", NULL);
          }
          break;
        default:
          g_assert_not_reached ();
        }
      write_file (dir, name, content);
    }
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->dir = g_dir_make_tmp ("occam-idx-XXXXXX", &error);
  g_assert_no_error (error);
  write_good_set (f->dir, STYLE_RAW);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  remove_dir (f->dir);
  g_free (f->dir);
}

static void
clear_dir (const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_assert_cmpint (g_remove (path), ==, 0);
    }
}

static OcDataset *
load_dir (const char *name, const char *dir, GCancellable *cancellable, GError **error)
{
  OcDataOptions opts;

  oc_data_options_init (&opts);
  opts.name = name;
  opts.data_dir = dir;
  return oc_dataset_load (&opts, cancellable, error);
}

/* Good files. */

static void
check_good (const OcDataset *ds)
{
  g_assert_nonnull (ds);
  g_assert_cmpstr (ds->name, ==, "mnist");
  g_assert_cmpuint (ds->train.n, ==, N_TRAIN);
  g_assert_cmpuint (ds->test.n, ==, N_TEST);
  g_assert_cmpuint (ds->val.n, ==, 0);
  g_assert_cmpuint (ds->dim, ==, ROWS * COLS);
  g_assert_cmpuint (ds->image_width, ==, COLS);
  g_assert_cmpuint (ds->image_height, ==, ROWS);
  g_assert_cmpuint (ds->n_groups, ==, 1);
  g_assert_cmpuint (ds->n_classes, ==, 7);
  g_assert_cmpuint (g_strv_length (ds->class_names), ==, 7);
  g_assert_cmpstr (ds->class_names[0], ==, "0");
  g_assert_cmpstr (ds->class_names[6], ==, "6");
  g_assert_null (ds->train.y_clean);
  g_assert_null (ds->train.flipped);

  for (gsize i = 0; i < (gsize) N_TRAIN * ROWS * COLS; i++)
    g_assert_cmpfloat (ds->train.x[i], ==, (float) pixel (i, 3) / 255.0f);
  for (gsize i = 0; i < (gsize) N_TEST * ROWS * COLS; i++)
    g_assert_cmpfloat (ds->test.x[i], ==, (float) pixel (i, 5) / 255.0f);
  for (guint i = 0; i < N_TRAIN; i++)
    g_assert_cmpint (ds->train.y[i], ==, label (i, 0));
  for (guint i = 0; i < N_TEST; i++)
    g_assert_cmpint (ds->test.y[i], ==, label (i, 3));
}

static void
test_good (Fixture *f, gconstpointer data)
{
  Style style = GPOINTER_TO_INT (data);
  g_autoptr (GError) error = NULL;
  g_autoptr (OcDataset) ds = NULL;

  clear_dir (f->dir);
  write_good_set (f->dir, style);
  ds = load_dir ("mnist", f->dir, NULL, &error);
  g_assert_no_error (error);
  check_good (ds);
  g_assert_cmpstr (ds->source, ==, f->dir);
}

/* The training split keeps the pixels as 8-bit codes (OcSplit.x8) through every way of cutting
 * it: whole, with a validation split, a first-rows subset and a random one; each code gives its
 * input back, bit for bit. The test split keeps none. */
static void
test_codes (Fixture *f, gconstpointer data)
{
  static const struct { guint val; gint64 n_train; OcSubsetMode subset; } cuts[] = {
    { 0, -1, OC_SUBSET_RANDOM }, { 10, -1, OC_SUBSET_RANDOM }, { 10, 25, OC_SUBSET_FIRST },
    { 10, 25, OC_SUBSET_RANDOM }, { 0, 7, OC_SUBSET_RANDOM },
  };

  clear_dir (f->dir);
  write_good_set (f->dir, STYLE_RAW);
  for (guint c = 0; c < G_N_ELEMENTS (cuts); c++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (OcDataset) ds = NULL;
      OcDataOptions opts;

      oc_data_options_init (&opts);
      opts.name = "mnist";
      opts.data_dir = f->dir;
      opts.val_size = cuts[c].val;
      opts.n_train = cuts[c].n_train;
      opts.subset = cuts[c].subset;
      opts.seed = 4;
      ds = oc_dataset_load (&opts, NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (ds->train.x8);
      g_assert_null (ds->test.x8);
      g_assert_cmpuint (ds->train.n, ==, cuts[c].n_train >= 0 ? cuts[c].n_train
                                                              : (gint64) (N_TRAIN - cuts[c].val));
      for (gsize i = 0; i < (gsize) ds->train.n * ds->dim; i++)
        {
          float v = (float) ds->train.x8[i] / 255.0f;

          g_assert_cmpmem (&v, sizeof v, &ds->train.x[i], sizeof v);
        }
    }
}

static void
test_alias_idx (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (OcDataset) ds = load_dir ("idx", f->dir, NULL, &error);

  g_assert_no_error (error);
  check_good (ds);
}

static void
test_fashion_dir (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (OcDataset) ds = load_dir ("fashion-mnist", f->dir, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (ds->name, ==, "fashion-mnist");
  g_assert_cmpuint (ds->n_classes, ==, 10);
  g_assert_cmpuint (g_strv_length (ds->class_names), ==, 10);
  g_assert_cmpstr (ds->class_names[0], ==, "T-shirt/top");
  g_assert_cmpstr (ds->class_names[9], ==, "Ankle boot");
}

/* Rewrites the training labels of @dir as i % @modulus, but for example 17, which gets @stray. */
static void
write_stray_label (const char *dir, guint modulus, guint8 stray)
{
  guint32 n = N_TRAIN;
  GByteArray *a = idx_header (0x00000801, 1, &n);
  g_autoptr (GBytes) bytes = NULL;

  for (guint i = 0; i < N_TRAIN; i++)
    {
      guint8 v = i == 17 ? stray : i % modulus;

      g_byte_array_append (a, &v, 1);
    }
  bytes = g_byte_array_free_to_bytes (a);
  write_file (dir, file_names[1], bytes);
}

static void
test_fashion_label_range (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (OcDataset) ds = NULL;
  g_autofree char *path = g_build_filename (f->dir, file_names[1], NULL);

  write_stray_label (f->dir, 10, 10);
  ds = load_dir ("fashion-mnist", f->dir, NULL, &error);
  g_assert_null (ds);
  g_assert_error (error, OC_ERROR, OC_ERROR_FORMAT);
  g_assert_true (g_str_has_prefix (error->message, path));
  g_assert_nonnull (strstr (error->message, "label 10 at position 17"));
}

/* A stray label 200 among 0..6 loads as 201 classes, with a warning that only 8 occur; --classes
 * 10 refuses it and says which example has it. */
static void
test_stray_label (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (OcDataset) ds = NULL;
  OcDataOptions opts;

  write_stray_label (f->dir, 7, 200);
  ds = load_dir ("mnist", f->dir, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ds->n_classes, ==, 201);
  g_assert_nonnull (ds->warnings);
  g_assert_cmpuint (g_strv_length (ds->warnings), ==, 2);
  g_assert_nonnull (strstr (ds->warnings[0], "class 200 has training examples but none in the "
                            "test split"));
  g_assert_nonnull (strstr (ds->warnings[1], ": the labels go up to 200, so the model gets 201 "
                            "outputs, but only 8 classes occur"));
  g_clear_pointer (&ds, oc_dataset_free);

  oc_data_options_init (&opts);
  opts.name = "mnist";
  opts.data_dir = f->dir;
  opts.classes = 10;
  ds = oc_dataset_load (&opts, NULL, &error);
  g_assert_null (ds);
  g_assert_error (error, OC_ERROR, OC_ERROR_FORMAT);
  g_assert_cmpstr (strchr (error->message, ':'), ==, ": training example 17 has label 200, but "
                   "--classes 10 allows only 0..9; fix the label or raise --classes");
}

static void
test_cancelled (Fixture *f, gconstpointer data)
{
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (OcDataset) ds = NULL;

  g_cancellable_cancel (cancellable);
  ds = load_dir ("mnist", f->dir, cancellable, &error);
  g_assert_null (ds);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* Bad files: each replaces one file of the good set and expects an error naming that file. */

typedef struct
{
  guint       which;            /* index into file_names */
  GBytes   *(*make) (void);     /* new content; NULL deletes the file */
  OcError     code;
  const char *needle;           /* expected in the message after the path */
} BadCase;

static GBytes *
bad_magic (void)
{
  guint32 dims[3] = { N_TRAIN, ROWS, COLS };
  GByteArray *a = idx_header (0x12345678, 3, dims);

  return g_byte_array_free_to_bytes (a);
}

static GBytes *
double_gzip (void)
{
  g_autoptr (GBytes) raw = good_file (0);
  g_autoptr (GBytes) once = gzip_bytes (raw);

  return gzip_bytes (once);
}

static GBytes *
swapped (void)
{
  return labels_n (N_TRAIN, 0);
}

static GBytes *
images_n_train_as_labels (void)
{
  return images_n (N_TRAIN, ROWS, COLS, 3);
}

static GBytes *
wrong_rank (void)
{
  guint32 dims[2] = { N_TRAIN, ROWS * COLS };
  GByteArray *a = idx_header (0x00000802, 2, dims);
  guint8 zeros[N_TRAIN * ROWS * COLS] = { 0 };

  g_byte_array_append (a, zeros, sizeof zeros);
  return g_byte_array_free_to_bytes (a);
}

static GBytes *
wrong_type (void)
{
  guint32 dims[3] = { N_TRAIN, ROWS, COLS };
  GByteArray *a = idx_header (0x00000d03, 3, dims);

  return g_byte_array_free_to_bytes (a);
}

static GBytes *
truncated_gzip (void)
{
  g_autoptr (GBytes) raw = good_file (0);
  g_autoptr (GBytes) gz = gzip_bytes (raw);

  return g_bytes_new_from_bytes (gz, 0, g_bytes_get_size (gz) / 2);
}

static GBytes *
truncated_gzip_trailer (void)
{
  g_autoptr (GBytes) raw = good_file (0);
  g_autoptr (GBytes) gz = gzip_bytes (raw);

  return g_bytes_new_from_bytes (gz, 0, g_bytes_get_size (gz) - 4);
}

static GBytes *
corrupt_gzip_crc (void)
{
  g_autoptr (GBytes) raw = good_file (0);
  g_autoptr (GBytes) gz = gzip_bytes (raw);
  gsize len;
  guint8 *d = g_bytes_unref_to_data (g_steal_pointer (&gz), &len);

  d[len - 8] ^= 0xff;
  return g_bytes_new_take (d, len);
}

static GBytes *
dims_overflow_32 (void)
{
  /* 65536 × 256 × 256 = 2^32 bytes: 0 if multiplied in 32 bits. */
  guint32 dims[3] = { 65536, 256, 256 };

  return g_byte_array_free_to_bytes (idx_header (0x00000803, 3, dims));
}

static GBytes *
dims_huge (void)
{
  /* The largest header: (2^32 - 1) × 2^16 × 2^16 bytes, just below 2^64. */
  guint32 dims[3] = { 0xffffffff, 65536, 65536 };

  return g_byte_array_free_to_bytes (idx_header (0x00000803, 3, dims));
}

static GBytes *
over_cap (void)
{
  /* 60000 × 1000 × 1000 bytes = 56 GiB; nothing may be allocated before this is rejected. */
  guint32 dims[3] = { 60000, 1000, 1000 };

  return g_byte_array_free_to_bytes (idx_header (0x00000803, 3, dims));
}

static GBytes *
absurd_dims (void)
{
  guint32 dims[3] = { N_TRAIN, 70000, COLS };

  return g_byte_array_free_to_bytes (idx_header (0x00000803, 3, dims));
}

static GBytes *
zero_dim (void)
{
  guint32 dims[3] = { N_TRAIN, ROWS, 0 };

  return g_byte_array_free_to_bytes (idx_header (0x00000803, 3, dims));
}

static GBytes *
zero_count (void)
{
  guint32 dims[3] = { 0, ROWS, COLS };

  return g_byte_array_free_to_bytes (idx_header (0x00000803, 3, dims));
}

static GBytes *
empty (void)
{
  return g_bytes_new (NULL, 0);
}

static GBytes *
short_header (void)
{
  static const guint8 head[6] = { 0, 0, 8, 3, 0, 0 };

  return g_bytes_new_static (head, sizeof head);
}

static GBytes *
truncated_raw (void)
{
  g_autoptr (GBytes) raw = good_file (0);

  return g_bytes_new_from_bytes (raw, 0, 16 + 100);
}

static GBytes *
truncated_in_gzip (void)
{
  g_autoptr (GBytes) raw = good_file (0);
  g_autoptr (GBytes) cut = g_bytes_new_from_bytes (raw, 0, 16 + 100);

  return gzip_bytes (cut);
}

/* An image file of 1 KiB whose header declares @n images of @rows × @cols. */
static GBytes *
images_in_1k (guint32 n, guint32 rows, guint32 cols)
{
  guint32 dims[3] = { n, rows, cols };
  GByteArray *a = idx_header (0x00000803, 3, dims);
  guint8 zeros[1024 - 16] = { 0 };

  g_byte_array_append (a, zeros, sizeof zeros);
  return g_byte_array_free_to_bytes (a);
}

/* A header that promises far more than the file holds: 60000 Fashion-MNIST-sized images in a
 * 1 KiB file. It is truncated, not out of memory, and nothing is allocated for it. */
static GBytes *
hostile_count_raw (void)
{
  return images_in_1k (60000, 28, 28);
}

static GBytes *
hostile_count_gzip (void)
{
  g_autoptr (GBytes) raw = hostile_count_raw ();

  return gzip_bytes (raw);
}

/* Exactly the 2 GiB cap, in a 1 KiB file. */
static GBytes *
hostile_at_cap (void)
{
  return images_in_1k (32768, 256, 256);
}

static GBytes *
hostile_labels (void)
{
  guint32 n = 60000;
  GByteArray *a = idx_header (0x00000801, 1, &n);
  guint8 few[10] = { 0 };

  g_byte_array_append (a, few, sizeof few);
  return g_byte_array_free_to_bytes (a);
}

static GBytes *
trailing_raw (void)
{
  g_autoptr (GBytes) raw = good_file (0);

  return concat (raw, "12345", 5);
}

static GBytes *
trailing_in_gzip (void)
{
  g_autoptr (GBytes) raw = good_file (0);
  g_autoptr (GBytes) longer = concat (raw, "12345", 5);

  return gzip_bytes (longer);
}

static GBytes *
garbage_after_gzip (void)
{
  g_autoptr (GBytes) raw = good_file (0);
  g_autoptr (GBytes) gz = gzip_bytes (raw);

  return concat (gz, "junk", 4);
}

static GBytes *
gzip_not_idx (void)
{
  static const char text[] = "label,x1,x2\n1,0.5,0.25\n";
  g_autoptr (GBytes) raw = g_bytes_new_static (text, sizeof text - 1);

  return gzip_bytes (raw);
}

static GBytes *
fewer_labels (void)
{
  return labels_n (N_TRAIN - 1, 0);
}

static GBytes *
test_other_size (void)
{
  return images_n (N_TEST, COLS, ROWS, 5);
}

static GBytes *
missing (void)
{
  return NULL;
}

static const BadCase bad_cases[] = {
  { 0, bad_magic, OC_ERROR_FORMAT, "expected magic 0x00000803 (images), found 0x12345678" },
  { 0, double_gzip, OC_ERROR_FORMAT, "gzipped twice" },
  { 0, swapped, OC_ERROR_FORMAT, "this is a label file; are the image and label files swapped?" },
  { 1, images_n_train_as_labels, OC_ERROR_FORMAT, "this is an image file" },
  { 0, wrong_rank, OC_ERROR_FORMAT, "the file has 2 dimensions, but images need 3" },
  { 0, wrong_type, OC_ERROR_FORMAT, "data type is 0x0d" },
  { 0, truncated_gzip, OC_ERROR_FORMAT, "the gzip stream is truncated" },
  { 0, truncated_gzip_trailer, OC_ERROR_FORMAT, "the gzip stream is truncated" },
  { 0, corrupt_gzip_crc, OC_ERROR_FORMAT, "corrupt gzip data" },
  { 0, dims_overflow_32, OC_ERROR_TOO_LARGE,
    "declares 4.0\u00a0GiB of data, more than the 2.0\u00a0GiB limit" },
  { 0, dims_huge, OC_ERROR_TOO_LARGE, "declares 16.0\u00a0EiB of data" },
  { 0, over_cap, OC_ERROR_TOO_LARGE, "55.9\u00a0GiB of data, more than the 2.0\u00a0GiB limit" },
  { 0, absurd_dims, OC_ERROR_FORMAT, "image dimension 1 is 70000, outside 1..65536" },
  { 0, zero_dim, OC_ERROR_FORMAT, "image dimension 2 is 0" },
  { 0, zero_count, OC_ERROR_FORMAT, "holds 0 images" },
  { 0, empty, OC_ERROR_FORMAT, "the file is empty" },
  { 0, short_header, OC_ERROR_FORMAT, "the file ends inside the header" },
  { 0, truncated_raw, OC_ERROR_FORMAT,
    "truncated: the header declares 50 images of 3×4 = 600 bytes but the file holds 116 bytes" },
  { 0, truncated_in_gzip, OC_ERROR_FORMAT,
    "truncated: the header declares 50 images of 3×4 = 600 bytes but the gzip stream ends after "
    "100 bytes of data" },
  { 0, hostile_count_raw, OC_ERROR_FORMAT,
    "truncated: the header declares 60000 images of 28×28 = 44.9\u00a0MiB but the file holds "
    "1.0\u00a0KiB; download it again" },
  { 0, hostile_count_gzip, OC_ERROR_FORMAT,
    "truncated: the header declares 60000 images of 28×28 = 44.9\u00a0MiB but the gzip file (" },
  { 0, hostile_at_cap, OC_ERROR_FORMAT,
    "truncated: the header declares 32768 images of 256×256 = 2.0\u00a0GiB but the file holds "
    "1.0\u00a0KiB" },
  { 1, hostile_labels, OC_ERROR_FORMAT,
    "truncated: the header declares 60000 labels = 58.6\u00a0KiB but the file holds 18 bytes" },
  { 0, trailing_raw, OC_ERROR_FORMAT, "5 unexpected bytes after the data the header declares" },
  { 0, trailing_in_gzip, OC_ERROR_FORMAT, "unexpected data after" },
  { 0, garbage_after_gzip, OC_ERROR_FORMAT, "4 bytes of garbage after the end of the gzip stream" },
  { 0, gzip_not_idx, OC_ERROR_FORMAT, "gzip-compressed, but what it holds is not an MNIST-format" },
  { 1, fewer_labels, OC_ERROR_FORMAT, "49 labels, but train-images-idx3-ubyte holds 50 images" },
  { 2, test_other_size, OC_ERROR_FORMAT, "images are 4×3 pixels, but the training images are 3×4" },
  { 3, empty, OC_ERROR_FORMAT, "the file is empty" },
  { 1, missing, OC_ERROR_NOT_FOUND, "not found (also looked for train-labels-idx1-ubyte.gz" },
};

static void
test_bad (Fixture *f, gconstpointer data)
{
  const BadCase *bad = data;
  g_autoptr (GBytes) bytes = bad->make ();
  g_autofree char *path = g_build_filename (f->dir, file_names[bad->which], NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (OcDataset) ds = NULL;

  if (bytes != NULL)
    write_file (f->dir, file_names[bad->which], bytes);
  else
    g_assert_cmpint (g_remove (path), ==, 0);

  ds = load_dir ("mnist", f->dir, NULL, &error);
  g_assert_null (ds);
  g_assert_error (error, OC_ERROR, (gint) bad->code);
  g_test_message ("%s", error->message);
  /* One line that starts with the file's path and says what is wrong. (Sizes are formatted by
   * g_format_size(), which puts a no-break space before the unit.) */
  if (!g_str_has_prefix (error->message, path) || strstr (error->message, bad->needle) == NULL)
    g_error ("message “%s” should start with “%s” and contain “%s”", error->message, path,
             bad->needle);
  g_assert_null (strchr (error->message, '\n'));
}

/* A named pipe or a folder where an IDX file should be: refused at once. The pipe has no writer,
 * so opening it for reading the usual way would block forever. */
static void
test_not_a_file (Fixture *f, gconstpointer data)
{
  g_autofree char *images = g_build_filename (f->dir, file_names[0], NULL);
  g_autofree char *labels = g_build_filename (f->dir, file_names[3], NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (OcDataset) ds = NULL;
  g_autofree char *expected = g_strdup_printf ("%s is a named pipe, not a file", images);
  g_autoptr (GBytes) good = good_file (0);

  g_assert_cmpint (g_remove (images), ==, 0);
  g_assert_cmpint (mkfifo (images, 0600), ==, 0);
  ds = load_dir ("mnist", f->dir, NULL, &error);
  g_assert_null (ds);
  g_assert_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT);
  g_assert_cmpstr (error->message, ==, expected);
  g_clear_error (&error);

  g_assert_cmpint (g_remove (images), ==, 0);
  write_file (f->dir, file_names[0], good);
  g_assert_cmpint (g_remove (labels), ==, 0);
  g_assert_cmpint (g_mkdir (labels, 0700), ==, 0);
  ds = load_dir ("mnist", f->dir, NULL, &error);
  g_assert_null (ds);
  g_assert_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT);
  g_assert_true (g_str_has_prefix (error->message, labels));
  g_assert_true (g_str_has_suffix (error->message, " is a folder, not a file"));
}

static void
test_missing_folder (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (OcDataset) ds = NULL;
  g_autofree char *dir = g_build_filename (g_get_tmp_dir (), "occam-no-such-folder-8f3a", NULL);

  ds = load_dir ("mnist", dir, NULL, &error);
  g_assert_null (ds);
  g_assert_error (error, OC_ERROR, OC_ERROR_NOT_FOUND);
  g_assert_true (g_str_has_prefix (error->message, dir));
  g_assert_nonnull (strstr (error->message, "folder not found"));
  g_assert_nonnull (strstr (error->message, "--data-dir"));
}

static void
test_missing_default_folder (void)
{
  OcDataset ds = { 0 };
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_build_filename (g_get_tmp_dir (), "occam-no-such-folder-8f3a", NULL);

  /* The packaged default folder is absent: say which package provides it. */
  g_assert_false (oc_idx_load (&ds, dir, TRUE, TRUE, NULL, &error));
  g_assert_error (error, OC_ERROR, OC_ERROR_NOT_FOUND);
  g_assert_true (g_str_has_prefix (error->message, dir));
  g_assert_nonnull (strstr (error->message, "apt-get install dataset-fashion-mnist"));
}

static void
test_missing_default_file (Fixture *f, gconstpointer data)
{
  OcDataset ds = { 0 };
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, file_names[2], NULL);

  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_false (oc_idx_load (&ds, f->dir, TRUE, TRUE, NULL, &error));
  g_assert_error (error, OC_ERROR, OC_ERROR_NOT_FOUND);
  g_assert_true (g_str_has_prefix (error->message, path));
  g_assert_nonnull (strstr (error->message, "apt-get install dataset-fashion-mnist"));
}

static void
test_mnist_needs_dir (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (OcDataset) ds = load_dir ("mnist", NULL, NULL, &error);

  g_assert_null (ds);
  g_assert_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "--data-dir"));
}

static void
test_read_labels_directly (Fixture *f, gconstpointer data)
{
  OcIdxArray a;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, file_names[3], NULL);

  g_assert_true (oc_idx_read (path, 1, &a, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (a.rank, ==, 1);
  g_assert_cmpuint (a.dims[0], ==, N_TEST);
  g_assert_cmpuint (a.n_bytes, ==, N_TEST);
  for (guint i = 0; i < N_TEST; i++)
    g_assert_cmpuint (a.data[i], ==, label (i, 3));
  oc_idx_array_clear (&a);
  g_assert_null (a.data);
}

static const char *const bad_names[] = {
  "bad-magic", "double-gzip", "images-as-labels-swapped", "labels-as-images-swapped",
  "wrong-rank", "wrong-type", "truncated-gzip", "truncated-gzip-trailer", "corrupt-gzip-crc",
  "dims-overflow-32-bit", "dims-huge", "over-cap", "absurd-dims", "zero-dim", "zero-count",
  "empty", "short-header",
  "truncated-raw", "truncated-in-gzip", "hostile-count-raw", "hostile-count-gzip",
  "hostile-at-cap", "hostile-labels", "trailing-raw", "trailing-in-gzip", "garbage-after-gzip",
  "gzip-not-idx", "count-mismatch", "test-size-mismatch", "empty-test-labels", "missing-file",
};

G_STATIC_ASSERT (G_N_ELEMENTS (bad_names) == G_N_ELEMENTS (bad_cases));

#define ADD(path, func, data) \
  g_test_add (path, Fixture, data, fixture_setup, func, fixture_teardown)

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  ADD ("/idx/good/raw", test_good, GINT_TO_POINTER (STYLE_RAW));
  ADD ("/idx/good/gz", test_good, GINT_TO_POINTER (STYLE_GZ));
  ADD ("/idx/good/gz-without-extension", test_good, GINT_TO_POINTER (STYLE_GZ_NO_EXT));
  ADD ("/idx/good/raw-with-gz-extension", test_good, GINT_TO_POINTER (STYLE_RAW_GZ_EXT));
  ADD ("/idx/good/dot-names", test_good, GINT_TO_POINTER (STYLE_DOT_GZ));
  ADD ("/idx/good/multi-member-gzip", test_good, GINT_TO_POINTER (STYLE_MULTIMEMBER));
  ADD ("/idx/good/alias-idx", test_alias_idx, NULL);
  ADD ("/idx/good/codes", test_codes, NULL);
  ADD ("/idx/good/fashion-names", test_fashion_dir, NULL);
  ADD ("/idx/good/read-labels", test_read_labels_directly, NULL);
  ADD ("/idx/cancelled", test_cancelled, NULL);
  ADD ("/idx/bad/fashion-label-range", test_fashion_label_range, NULL);
  ADD ("/idx/bad/stray-label", test_stray_label, NULL);
  ADD ("/idx/bad/missing-default-file", test_missing_default_file, NULL);
  ADD ("/idx/bad/not-a-file", test_not_a_file, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      g_autofree char *path = g_strconcat ("/idx/bad/", bad_names[i], NULL);

      ADD (path, test_bad, &bad_cases[i]);
    }
  g_test_add_func ("/idx/bad/missing-folder", test_missing_folder);
  g_test_add_func ("/idx/bad/missing-default-folder", test_missing_default_folder);
  g_test_add_func ("/idx/bad/mnist-needs-dir", test_mnist_needs_dir);
  return g_test_run ();
}
