/* oc-dataset.h — datasets with train / validation / test splits.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every dataset is classification: each example has @dim float features and @n_groups labels,
 * each label in [0, n_classes). Ordinary datasets have one group; `addition` predicts every digit
 * of the sum, one group per digit. Features are row-major [n, dim]; labels row-major [n, n_groups].
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  OC_SUBSET_FIRST,  /* the first n training examples, in file order */
  OC_SUBSET_RANDOM, /* n examples drawn without replacement with the data seed */
} OcSubsetMode;

/* Everything that determines the data a model sees. Strings are owned by the caller. */
typedef struct
{
  const char  *name;          /* "fashion-mnist" (default), "mnist" (aliases "idx", "mnist-dir"),
                               * "csv", "addition", "modadd", "spiral", "moons", "circles", "xor",
                               * "blobs"; see oc_dataset_names() */
  const char  *data_dir;      /* folder of MNIST-format IDX files; NULL = dataset default */
  const char  *data_file;     /* CSV with the training (and, without @test_file, test) data */
  const char  *test_file;     /* optional CSV with the test data */
  const char  *label_column;  /* CSV: which column holds the label: "first" (default), "last", a
                               * 0-based index or a header name; NULL = "first" */
  gint64       classes;       /* > 1: the number of classes, and labels must be below it; ≤ 0
                               * (default −1): the largest label + 1 */
  gint64       n_train;       /* training examples to keep; < 0 keeps all */
  OcSubsetMode subset;
  double       label_noise;   /* fraction of training labels replaced by a different label, [0, 1] */
  guint        val_size;      /* examples held out of the training data for validation */
  guint64      seed;          /* data seed: subset, label noise, generators, splits */

  /* Generators. */
  guint        digits;        /* addition: digits per operand, 1..4 (default 2) */
  guint        modulus;       /* modadd: p, 2..1000 (default 97) */
  double       train_fraction;/* addition/modadd: fraction of all pairs used for training (0, 1) */
  double       noise;         /* 2-D toys: noise level (standard deviation, in data units) */
  guint        n_points;      /* 2-D toys: total points, split 80/20 train/test (default 1000) */
  double       test_fraction; /* CSV without a test file: fraction held out for testing (0.2) */
} OcDataOptions;

/* Fills @opts with the defaults listed above (fashion-mnist, all examples, no noise, seed 0,
 * labels in the first CSV column, as many classes as the labels need). */
void oc_data_options_init (OcDataOptions *opts);

/* Datasets kept between runs in one process, e.g. the units an MPI rank computes one after
 * another: loading Fashion-MNIST takes longer than training a small point. Thread-safe. */
typedef struct _OcDataCache OcDataCache;

OcDataCache     *oc_data_cache_new  (void);
void             oc_data_cache_free (OcDataCache *cache);

/* x and y are NULL when n is 0. */
typedef struct
{
  guint    n;          /* examples */
  float   *x;          /* [n, dim] */
  gint32  *y;          /* [n, n_groups] labels as trained on (noisy for the training split) */
  gint32  *y_clean;    /* [n, n_groups] labels before noise; NULL when no label was flipped */
  guint32 *flipped;    /* [n_flipped] sorted indices into this split of the noisy examples */
  guint    n_flipped;
  /* [n, dim] the same inputs as 8-bit codes, x = code / 255 exactly (oc_code_input), where the
   * data was read as 8-bit pixels (IDX images); NULL otherwise, or when memory was short. A
   * quarter of x's bytes: pruned networks' training steps read their minibatches from it. */
  guint8  *x8;
} OcSplit;

typedef struct
{
  char     *name;          /* canonical dataset name */
  char     *source;        /* where it came from: a folder, a file or "generated" */
  guint     dim;           /* features per example */
  guint     n_classes;     /* classes per group */
  guint     n_groups;      /* labels per example (1 except for addition) */
  guint     image_width;   /* > 0 when each example is an image of width × height pixels */
  guint     image_height;
  char    **class_names;   /* n_classes names, NULL-terminated */
  OcSplit   train, val, test;
  char    **warnings;      /* what loaded but looks wrong (a label column that looks like a
                            * feature, a class missing from the test split), one line each for a
                            * person, NULL-terminated; NULL when there is nothing to say */
} OcDataset;

/* Loads or generates the dataset @opts describes. Errors are in OC_ERROR and name the file and the
 * problem; G_IO_ERROR_CANCELLED if @cancellable fires. */
OcDataset *oc_dataset_load (const OcDataOptions *opts, GCancellable *cancellable, GError **error);
/* The dataset @opts loads, from @cache when the same options were loaded before, else loaded
 * and kept; it belongs to the cache. */
const OcDataset *oc_data_cache_load (OcDataCache *cache, const OcDataOptions *opts,
                                     GCancellable *cancellable, GError **error);
void       oc_dataset_free (OcDataset *ds);

/* Names accepted for OcDataOptions.name, NULL-terminated, static. */
const char *const *oc_dataset_names (void);

/* The canonical name for @name (case-insensitive; resolves aliases such as "idx" → "mnist"), or
 * NULL if no dataset has that name. Static. */
const char        *oc_dataset_canonical_name (const char *name);

/* One line for logs and the CLI: name, source, split sizes, features and classes. Free with
 * g_free(). */
char              *oc_dataset_describe (const OcDataset *ds);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OcDataset, oc_dataset_free)

G_END_DECLS
