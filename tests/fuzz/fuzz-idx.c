/* fuzz-idx.c — the IDX reader (raw and gzip) and the MNIST-folder loader on arbitrary files.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input is one IDX file, raw or gzipped: it is read as images (rank 3) and as labels (rank 1).
 * When it is a valid file of either kind, a well-formed partner of the other kind with as many
 * items is written beside it and the folder is loaded as a dataset (MNIST and Fashion-MNIST
 * rules, with a validation split and label noise), so the loader's cross-checks and the
 * conversion to float see fuzzed headers and labels too.
 */
#include <string.h>

#include <glib/gstdio.h>

#include "occam/oc-dataset.h"
#include "occam/oc-error.h"
#include "oc-idx.h"
#include "fuzz-common.h"

/* Loading a folder converts every byte to a float and copies the splits: skip it above this much
 * data, which only gzip can reach from a small input, so that one input cannot take seconds. */
#define LOAD_MAX_BYTES (G_GUINT64_CONSTANT (1) << 22)

static char *idx_dir;

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  oc_fuzz_init ();
  idx_dir = g_build_filename (oc_fuzz_dir (), "mnist", NULL);
  if (g_mkdir (idx_dir, 0700) != 0)
    g_error ("cannot create %s", idx_dir);
  return 0;
}

static void
write_in_dir (const char *name, const guint8 *data, gsize size)
{
  g_autofree char *path = g_build_filename (idx_dir, name, NULL);
  g_autoptr (GError) error = NULL;

  /* In-place writes do not truncate (see oc_fuzz_write). */
  g_unlink (path);
  if (!g_file_set_contents_full (path, (const char *) data, (gssize) size,
                                 G_FILE_SET_CONTENTS_NONE, 0600, &error))
    g_error ("%s", error->message);
}

/* A raw IDX file: labels 0..9 repeating (rank 1), or 1×1 images of value i (rank 3). */
static GBytes *
make_partner (guint rank, guint32 n)
{
  gsize header = 4 + 4 * rank;
  guint8 *buf = g_malloc0 (header + n);

  buf[2] = 0x08;
  buf[3] = (guint8) rank;
  for (guint i = 0; i < rank; i++)
    {
      guint32 d = i == 0 ? n : 1;

      buf[4 + 4 * i] = d >> 24;
      buf[5 + 4 * i] = d >> 16;
      buf[6 + 4 * i] = d >> 8;
      buf[7 + 4 * i] = d;
    }
  for (guint32 i = 0; i < n; i++)
    buf[header + i] = (guint8) (rank == 1 ? i % 10 : i);
  return g_bytes_new_take (buf, header + n);
}

static void
load_folder (const char *name, guint n_items)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (OcDataset) ds = NULL;
  OcDataOptions opts;

  oc_data_options_init (&opts);
  opts.name = name;
  opts.data_dir = idx_dir;
  opts.label_noise = 0.25;
  opts.val_size = n_items > 1 ? 1 : 0;
  ds = oc_dataset_load (&opts, NULL, &error);
  if (ds == NULL)
    {
      g_assert (error != NULL);
      return;
    }
  g_assert_cmpuint (ds->train.n + ds->val.n, ==, n_items);
  g_assert_cmpuint (ds->test.n, ==, n_items);
  g_assert_cmpuint (ds->n_classes, >=, 2);
  for (guint i = 0; i < ds->test.n; i++)
    g_assert_cmpint (ds->test.y[i], <, (gint32) ds->n_classes);
}

static void
load_with_partner (guint rank, const uint8_t *data, size_t size, guint32 n_items)
{
  g_autoptr (GBytes) partner = make_partner (rank == 3 ? 1 : 3, n_items);
  const guint8 *p = g_bytes_get_data (partner, NULL);
  gsize p_len = g_bytes_get_size (partner);
  const char *images_name[] = { "train-images-idx3-ubyte", "t10k-images-idx3-ubyte" };
  const char *labels_name[] = { "train-labels-idx1-ubyte", "t10k-labels-idx1-ubyte" };

  for (guint i = 0; i < 2; i++)
    {
      write_in_dir (images_name[i], rank == 3 ? data : p, rank == 3 ? size : p_len);
      write_in_dir (labels_name[i], rank == 1 ? data : p, rank == 1 ? size : p_len);
    }
  load_folder ("mnist", n_items);
  load_folder ("fashion-mnist", n_items);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autofree char *path = oc_fuzz_write ("input.idx", data, size);
  static const guint ranks[] = { 3, 1 };

  for (guint r = 0; r < G_N_ELEMENTS (ranks); r++)
    {
      g_autoptr (GError) error = NULL;
      OcIdxArray a;
      guint64 total = 1;

      if (!oc_idx_read (path, ranks[r], &a, NULL, &error))
        {
          g_assert (error != NULL && error->domain == OC_ERROR);
          g_assert (g_str_has_prefix (error->message, path));
          g_assert (a.data == NULL);
          continue;
        }
      g_assert_cmpuint (a.rank, ==, ranks[r]);
      for (guint i = 0; i < a.rank; i++)
        total *= a.dims[i];
      g_assert_cmpuint (total, ==, a.n_bytes);
      g_assert_cmpuint (total, <=, OC_IDX_MAX_BYTES);
      /* Every byte the array claims must lie in its allocation; AddressSanitizer checks the
       * reads, and the volatile sink keeps the compiler from dropping them. */
      {
        volatile guint8 sink = 0;

        for (gsize i = 0; i < a.n_bytes; i++)
          sink ^= a.data[i];
        (void) sink;
      }
      if (a.n_bytes <= LOAD_MAX_BYTES)
        load_with_partner (ranks[r], data, size, a.dims[0]);
      oc_idx_array_clear (&a);
    }
  return 0;
}
