/* oc-dataset.c — dataset options, dispatch to the loaders, validation split, subset, label noise.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every dataset goes through the same steps after loading, in this order, each with its own
 * random stream so that changing one never shifts another:
 *   1. validation = the last val_size training examples (before any subset);
 *   2. keep n_train of the rest: the first ones, or a random subset (OC_STREAM_SUBSET) kept in its
 *      original order;
 *   3. label noise: round(label_noise · n) training examples drawn without replacement
 *      (OC_STREAM_NOISE) get a uniformly random *different* label tuple.
 * Validation and test labels are never noised.
 */
#define _DEFAULT_SOURCE /* madvise's MADV_HUGEPAGE */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#ifdef __linux__
#include <sys/mman.h>
#endif

#include <glib/gstdio.h>

#include "occam/oc-dataset.h"
#include "occam/oc-error.h"
#include "occam/oc-rng.h"
#include "oc-config.h"
#include "oc-csv.h"
#include "oc-dataset-private.h"
#include "oc-generators.h"
#include "oc-idx.h"
#include <glib/gi18n-lib.h>
#include <inttypes.h>

static const char *const dataset_names[] = {
  "fashion-mnist", "mnist", "csv", "addition", "modadd",
  "spiral", "moons", "circles", "xor", "blobs", NULL,
};

void
oc_data_options_init (OcDataOptions *opts)
{
  g_return_if_fail (opts != NULL);

  memset (opts, 0, sizeof *opts);
  opts->name = "fashion-mnist";
  opts->n_train = -1;
  opts->subset = OC_SUBSET_FIRST;
  opts->label_noise = 0.0;
  opts->val_size = 0;
  opts->seed = 0;
  opts->digits = 2;
  opts->modulus = 97;
  opts->train_fraction = 0.5;
  opts->noise = 0.1;
  opts->n_points = 1000;
  opts->test_fraction = 0.2;
  opts->label_column = "first";
  opts->classes = -1;
}

const char *const *
oc_dataset_names (void)
{
  return dataset_names;
}

const char *
oc_dataset_canonical_name (const char *name)
{
  g_return_val_if_fail (name != NULL, NULL);

  if (g_ascii_strcasecmp (name, "idx") == 0 || g_ascii_strcasecmp (name, "mnist-dir") == 0)
    return "mnist";
  for (guint i = 0; dataset_names[i] != NULL; i++)
    if (g_ascii_strcasecmp (name, dataset_names[i]) == 0)
      return dataset_names[i];
  return NULL;
}

/* Split helpers (oc-dataset-private.h). */

/* Minibatches read rows scattered over the whole split: with 4 KiB pages nearly every row is a
 * TLB miss and a page walk (MNIST's 188 MB are 46,000 pages). Huge pages, where the system gives
 * them on request, cover the split with a hundred. The pages must not be touched yet (calloc,
 * malloc), so they can be had without copying. */
static void
advise_huge_pages (void *p, gsize bytes)
{
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  if (bytes >= 8 << 20)
    {
      guintptr lo = ((guintptr) p + (2 << 20) - 1) & ~(guintptr) ((2 << 20) - 1);
      guintptr hi = ((guintptr) p + bytes) & ~(guintptr) ((2 << 20) - 1);

      if (hi > lo)
        madvise ((void *) lo, hi - lo, MADV_HUGEPAGE);
    }
#endif
}

gboolean
oc_split_alloc_codes (OcSplit *split, guint dim)
{
  gsize n = (gsize) split->n * dim;

  g_clear_pointer (&split->x8, g_free);
  if (n == 0 || (split->x8 = g_try_malloc (n)) == NULL)
    return FALSE;
  advise_huge_pages (split->x8, n);
  return TRUE;
}

gboolean
oc_split_alloc (OcSplit    *split,
                guint       n,
                guint       dim,
                guint       n_groups,
                const char *what,
                GError    **error)
{
  gsize n_x, n_y;

  memset (split, 0, sizeof *split);
  if (n == 0)
    return TRUE;
  if (!g_size_checked_mul (&n_x, n, dim) || !g_size_checked_mul (&n_y, n, n_groups))
    {
      g_set_error (error, OC_ERROR, OC_ERROR_TOO_LARGE,
                   _("%s: %u examples of %u features do not fit in memory"), what, n, dim);
      return FALSE;
    }
  split->x = oc_try_alloc0_n (n_x, sizeof (float), what, error);
  if (split->x == NULL)
    return FALSE;
  advise_huge_pages (split->x, n_x * sizeof (float));
  split->y = oc_try_alloc0_n (n_y, sizeof (gint32), what, error);
  if (split->y == NULL)
    {
      g_clear_pointer (&split->x, g_free);
      return FALSE;
    }
  split->n = n;
  return TRUE;
}

void
oc_split_clear (OcSplit *split)
{
  g_clear_pointer (&split->x, g_free);
  g_clear_pointer (&split->y, g_free);
  g_clear_pointer (&split->y_clean, g_free);
  g_clear_pointer (&split->flipped, g_free);
  g_clear_pointer (&split->x8, g_free);
  memset (split, 0, sizeof *split);
}


char **
oc_class_names_numbered (guint n_classes)
{
  char **names = g_new0 (char *, n_classes + 1);

  for (guint i = 0; i < n_classes; i++)
    names[i] = g_strdup_printf ("%u", i);
  return names;
}

void
oc_partial_shuffle (OcRng *rng, guint32 *perm, guint n, guint k)
{
  g_return_if_fail (k <= n);

  for (guint i = 0; i < n; i++)
    perm[i] = i;
  for (guint i = 0; i < k && i + 1 < n; i++)
    {
      guint j = i + oc_rng_below (rng, n - i);
      guint32 t = perm[i];

      perm[i] = perm[j];
      perm[j] = t;
    }
}

static int
cmp_u32 (const void *a, const void *b)
{
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;

  return (x > y) - (x < y);
}

void
oc_sort_u32 (guint32 *a, gsize n)
{
  if (n > 1)
    qsort (a, n, sizeof *a, cmp_u32);
}

void
oc_dataset_warn (OcDataset *ds, const char *format, ...)
{
  guint n = ds->warnings != NULL ? g_strv_length (ds->warnings) : 0;
  va_list args;

  ds->warnings = g_renew (char *, ds->warnings, n + 2);
  va_start (args, format);
  ds->warnings[n] = g_strdup_vprintf (format, args);
  va_end (args);
  ds->warnings[n + 1] = NULL;
}

void
oc_split_count_labels (const OcSplit *split, guint n_groups, guint n_classes, guint *counts)
{
  memset (counts, 0, n_classes * sizeof *counts);
  for (guint i = 0; i < split->n; i++)
    {
      gint32 y = split->y[(gsize) i * n_groups];

      if (y >= 0 && (guint) y < n_classes)
        counts[y]++;
    }
}

/* Post-processing. */

/* Where the data came from, for the start of a message. */
static const char *
data_origin (const OcDataset *ds)
{
  return ds->source != NULL && strcmp (ds->source, "generated") != 0 ? ds->source : ds->name;
}

/* --classes K: every label must be below K, and the model has K outputs even when some class
 * never occurs. */
static gboolean
apply_classes (OcDataset *ds, gint64 classes, GError **error)
{
  const OcSplit *splits[] = { &ds->train, &ds->test };
  const char *const what[] = { "training", "test" };
  guint k = (guint) classes;
  char **names;

  if (classes <= 0)
    return TRUE;
  for (guint s = 0; s < G_N_ELEMENTS (splits); s++)
    for (gsize i = 0; i < (gsize) splits[s]->n * ds->n_groups; i++)
      if (splits[s]->y[i] >= (gint32) k)
        {
          g_set_error (error, OC_ERROR, OC_ERROR_FORMAT,
                       _("%s: %s example %zu has label %d, but --classes %u allows "
                       "only 0..%u; fix the label or raise --classes"), data_origin (ds), what[s],
                       i / ds->n_groups, splits[s]->y[i], k, k - 1);
          return FALSE;
        }
  /* The loader's names for the classes it knows, numbers for the others. */
  names = g_new0 (char *, k + 1);
  for (guint c = 0; c < k; c++)
    names[c] = c < ds->n_classes && ds->class_names != NULL ? g_strdup (ds->class_names[c])
                                                             : g_strdup_printf ("%u", c);
  g_strfreev (ds->class_names);
  ds->class_names = names;
  ds->n_classes = k;
  return TRUE;
}

/* Joins the names of the classes c with pick[c], at most 8 of them. */
static char *
class_list (const OcDataset *ds, const gboolean *pick, guint *n_picked)
{
  GString *s = g_string_new (NULL);

  *n_picked = 0;
  for (guint c = 0; c < ds->n_classes; c++)
    if (pick[c] && (*n_picked)++ < 8)
      g_string_append_printf (s, "%s%s", s->len > 0 ? ", " : "", ds->class_names[c]);
  if (*n_picked > 8)
    g_string_append_printf (s, " and %u more", *n_picked - 8);
  return g_string_free (s, FALSE);
}

/* Data that loads but is probably not what was meant: classes the test split cannot measure, and
 * labels with gaps, which give the model outputs no example ever asks for (a stray label 200 in
 * MNIST makes 201 classes). */
static void
warn_about_classes (OcDataset *ds, gboolean classes_given)
{
  g_autofree guint *train = NULL, *test = NULL;
  g_autofree gboolean *untested = NULL;
  g_autofree char *list = NULL;
  guint n_untested, n_seen = 0;

  if (ds->n_groups != 1)
    return;
  train = g_new (guint, ds->n_classes);
  test = g_new (guint, ds->n_classes);
  untested = g_new0 (gboolean, ds->n_classes);
  oc_split_count_labels (&ds->train, 1, ds->n_classes, train);
  oc_split_count_labels (&ds->test, 1, ds->n_classes, test);
  for (guint c = 0; c < ds->n_classes; c++)
    {
      n_seen += train[c] > 0 || test[c] > 0;
      untested[c] = train[c] > 0 && test[c] == 0;
    }
  list = class_list (ds, untested, &n_untested);
  if (n_untested > 0)
    oc_dataset_warn (ds, _("%s: %s %s %s training examples but none in the test split, so the test "
                     "accuracy says nothing about %s; hold out more (--test-fraction) or add test "
                     "examples"), data_origin (ds), n_untested == 1 ? "class" : "classes", list,
                     n_untested == 1 ? "has" : "have", n_untested == 1 ? "it" : "them");
  if (!classes_given && n_seen < ds->n_classes && ds->n_classes > 2)
    oc_dataset_warn (ds, _("%s: the labels go up to %u, so the model gets %u outputs, but only %u "
                     "classes occur%s; if that is not meant, fix the labels (--classes K refuses "
                     "labels ≥ K)"), data_origin (ds), ds->n_classes - 1, ds->n_classes, n_seen,
                     train[0] == 0 && test[0] == 0 ? " (no label is 0: do they count from 1?)"
                                                   : "");
}

/* Copies rows @idx[0..n) of @src into a new @dst. */
static gboolean
split_gather (OcSplit       *dst,
              const OcSplit *src,
              const guint32 *idx,
              guint          n,
              guint          dim,
              guint          n_groups,
              const char    *what,
              GError       **error)
{
  if (!oc_split_alloc (dst, n, dim, n_groups, what, error))
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      memcpy (dst->x + (gsize) i * dim, src->x + (gsize) idx[i] * dim, dim * sizeof (float));
      memcpy (dst->y + (gsize) i * n_groups, src->y + (gsize) idx[i] * n_groups,
              n_groups * sizeof (gint32));
    }
  if (src->x8 != NULL && oc_split_alloc_codes (dst, dim))
    for (guint i = 0; i < n; i++)
      memcpy (dst->x8 + (gsize) i * dim, src->x8 + (gsize) idx[i] * dim, dim);
  return TRUE;
}

/* Keeps the first @n rows of @split, returning the memory of the rest. */
static void
split_truncate (OcSplit *split, guint n, guint dim, guint n_groups)
{
  gpointer p;

  if (n >= split->n)
    return;
  if (n == 0)
    {
      oc_split_clear (split);
      return;
    }
  split->n = n;
  /* Shrinking never needs more memory; if realloc fails anyway, the old block is still valid. */
  if ((p = g_try_realloc (split->x, (gsize) n * dim * sizeof (float))) != NULL)
    split->x = p;
  if ((p = g_try_realloc (split->y, (gsize) n * n_groups * sizeof (gint32))) != NULL)
    split->y = p;
  if (split->x8 != NULL && (p = g_try_realloc (split->x8, (gsize) n * dim)) != NULL)
    split->x8 = p;
}

static gboolean
carve_validation (OcDataset *ds, guint val_size, GError **error)
{
  OcSplit *t = &ds->train;
  g_autofree guint32 *idx = NULL;

  if (val_size == 0)
    return TRUE;
  if (val_size >= t->n)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                   _("val_size %u leaves no training data: %s has %u training examples; use a "
                   "val_size below %u"), val_size, ds->name, t->n, t->n);
      return FALSE;
    }
  idx = oc_try_alloc0_n (val_size, sizeof (guint32), "the validation split", error);
  if (idx == NULL)
    return FALSE;
  for (guint i = 0; i < val_size; i++)
    idx[i] = t->n - val_size + i;
  if (!split_gather (&ds->val, t, idx, val_size, ds->dim, ds->n_groups, "the validation split",
                     error))
    return FALSE;
  split_truncate (t, t->n - val_size, ds->dim, ds->n_groups);
  return TRUE;
}

static gboolean
take_subset (OcDataset *ds, const OcDataOptions *opts, GError **error)
{
  OcSplit *t = &ds->train;
  OcSplit kept;
  g_autofree guint32 *perm = NULL;
  guint n;
  OcRng rng;

  if (opts->n_train < 0 || (guint64) opts->n_train == t->n)
    return TRUE;
  if ((guint64) opts->n_train > t->n)
    {
      g_autofree char *after = ds->val.n > 0
        ? g_strdup_printf (" after holding out %u for validation", ds->val.n) : g_strdup ("");

      g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                   _("n_train %" PRId64 " is more than the %u training examples of %s%s; "
                   "use at most %u"), opts->n_train, t->n, ds->name, after, t->n);
      return FALSE;
    }
  n = (guint) opts->n_train;
  if (opts->subset == OC_SUBSET_FIRST)
    {
      split_truncate (t, n, ds->dim, ds->n_groups);
      return TRUE;
    }

  perm = oc_try_alloc0_n (t->n, sizeof (guint32), "the training subset", error);
  if (perm == NULL)
    return FALSE;
  oc_rng_init (&rng, opts->seed, OC_STREAM_SUBSET);
  oc_partial_shuffle (&rng, perm, t->n, n);
  oc_sort_u32 (perm, n);
  if (!split_gather (&kept, t, perm, n, ds->dim, ds->n_groups, "the training subset", error))
    return FALSE;
  oc_split_clear (t);
  *t = kept;
  return TRUE;
}

static gboolean
add_label_noise (OcDataset *ds, const OcDataOptions *opts, GError **error)
{
  OcSplit *t = &ds->train;
  guint g = ds->n_groups, c = ds->n_classes;
  guint k = (guint) round (opts->label_noise * t->n);
  g_autofree guint32 *perm = NULL;
  OcRng rng;

  if (k == 0)
    return TRUE;
  g_assert (c >= 2);

  perm = oc_try_alloc0_n (t->n, sizeof (guint32), "the label noise", error);
  if (perm == NULL)
    return FALSE;
  t->y_clean = oc_try_alloc0_n ((gsize) t->n * g, sizeof (gint32), "the clean labels", error);
  if (t->y_clean == NULL)
    return FALSE;
  memcpy (t->y_clean, t->y, (gsize) t->n * g * sizeof (gint32));

  oc_rng_init (&rng, opts->seed, OC_STREAM_NOISE);
  oc_partial_shuffle (&rng, perm, t->n, k);
  oc_sort_u32 (perm, k);

  for (guint i = 0; i < k; i++)
    {
      gint32 *y = t->y + (gsize) perm[i] * g;

      if (g == 1)
        y[0] = (gint32) ((y[0] + 1 + oc_rng_below (&rng, c - 1)) % c);
      else
        {
          /* A uniformly random tuple other than the current one: redraw on the (at most 1 in
           * c^g) chance of drawing the same tuple. */
          const gint32 *old = t->y_clean + (gsize) perm[i] * g;
          gboolean same;

          do
            {
              same = TRUE;
              for (guint j = 0; j < g; j++)
                {
                  y[j] = (gint32) oc_rng_below (&rng, c);
                  same = same && y[j] == old[j];
                }
            }
          while (same);
        }
    }

  /* Keep only the first k entries of the permutation, now sorted. */
  t->flipped = g_try_realloc (perm, k * sizeof (guint32));
  if (t->flipped == NULL)
    t->flipped = perm;
  perm = NULL;
  t->n_flipped = k;
  return TRUE;
}

static gboolean
check_options (const OcDataOptions *opts, GError **error)
{
  if (!(opts->label_noise >= 0.0 && opts->label_noise <= 1.0))
    {
      g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                   _("label_noise is %g; it must be a fraction between 0 and 1"), opts->label_noise);
      return FALSE;
    }
  if (opts->n_train == 0)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                   _("n_train is 0; keep at least one training example (or pass -1 for all)"));
      return FALSE;
    }
  if (opts->subset != OC_SUBSET_FIRST && opts->subset != OC_SUBSET_RANDOM)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                   _("subset mode %d is unknown; use first or random"), (int) opts->subset);
      return FALSE;
    }
  if (opts->classes == 1 || opts->classes > OC_CSV_MAX_CLASSES)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                   _("classes is %" PRId64 "; it must be between 2 and %d (or -1: as "
                   "many as the labels need)"), opts->classes, OC_CSV_MAX_CLASSES);
      return FALSE;
    }
  return TRUE;
}

/* A folder the user may not enter: say so, rather than "not found" for each file in it. */
static gboolean
check_folder_access (const char *dir, GError **error)
{
  if (g_file_test (dir, G_FILE_TEST_IS_DIR) && g_access (dir, X_OK) != 0)
    {
      int saved = errno;

      g_set_error (error, OC_ERROR, OC_ERROR_IO, _("%s: cannot read the folder: %s; check its "
                   "permissions"), dir, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

OcDataset *
oc_dataset_load (const OcDataOptions *opts, GCancellable *cancellable, GError **error)
{
  g_autoptr (OcDataset) ds = NULL;
  const char *name;
  gboolean ok;

  g_return_val_if_fail (opts != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  name = oc_dataset_canonical_name (opts->name != NULL ? opts->name : "fashion-mnist");
  if (name == NULL)
    {
      g_autofree char *valid = g_strjoinv (", ", (char **) dataset_names);

      g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                   _("unknown dataset “%s”; valid names are %s"), opts->name, valid);
      return NULL;
    }
  if (!check_options (opts, error))
    return NULL;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  ds = g_new0 (OcDataset, 1);
  ds->name = g_strdup (name);
  if (strcmp (name, "fashion-mnist") == 0)
    {
      gboolean is_default = opts->data_dir == NULL || opts->data_dir[0] == '\0';
      const char *dir = is_default ? OC_FASHION_MNIST_DIR : opts->data_dir;

      ok = check_folder_access (dir, error)
           && oc_idx_load (ds, dir, TRUE, is_default, cancellable, error);
    }
  else if (strcmp (name, "mnist") == 0)
    {
      if (opts->data_dir == NULL || opts->data_dir[0] == '\0')
        {
          g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                       _("dataset “mnist” reads a folder of MNIST-format IDX files "
                       "(train-images-idx3-ubyte.gz, …); pass --data-dir FOLDER"));
          return NULL;
        }
      ok = check_folder_access (opts->data_dir, error)
           && oc_idx_load (ds, opts->data_dir, FALSE, FALSE, cancellable, error);
    }
  else if (strcmp (name, "csv") == 0)
    ok = oc_csv_load (ds, opts, cancellable, error);
  else
    ok = oc_generate (ds, name, opts, cancellable, error);
  if (!ok || !apply_classes (ds, opts->classes, error))
    return NULL;
  /* Only training reads the codes. */
  g_clear_pointer (&ds->test.x8, g_free);
  /* A run without test examples would report "nan %" as its test accuracy. */
  if (ds->test.n == 0)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                   _("%s: the test split is empty, so there would be no test accuracy to report; "
                   "hold out more examples (--test-fraction) or use more data"), data_origin (ds));
      return NULL;
    }
  warn_about_classes (ds, opts->classes > 0);

  if (g_cancellable_set_error_if_cancelled (cancellable, error)
      || !carve_validation (ds, opts->val_size, error)
      || !take_subset (ds, opts, error)
      || !add_label_noise (ds, opts, error))
    return NULL;
  return g_steal_pointer (&ds);
}

void
oc_dataset_free (OcDataset *ds)
{
  if (ds == NULL)
    return;
  g_free (ds->name);
  g_free (ds->source);
  g_strfreev (ds->class_names);
  g_strfreev (ds->warnings);
  oc_split_clear (&ds->train);
  oc_split_clear (&ds->val);
  oc_split_clear (&ds->test);
  g_free (ds);
}

char *
oc_dataset_describe (const OcDataset *ds)
{
  GString *s;

  g_return_val_if_fail (ds != NULL, NULL);

  s = g_string_new (NULL);
  g_string_append_printf (s, "%s (%s): %u train, %u validation, %u test; %u features", ds->name,
                          ds->source, ds->train.n, ds->val.n, ds->test.n, ds->dim);
  if (ds->image_width > 0)
    g_string_append_printf (s, " (%u×%u images)", ds->image_width, ds->image_height);
  if (ds->n_groups > 1)
    g_string_append_printf (s, "; %u labels of %u classes each", ds->n_groups, ds->n_classes);
  else
    g_string_append_printf (s, "; %u classes", ds->n_classes);
  if (ds->train.n_flipped > 0)
    g_string_append_printf (s, "; %u noisy training labels", ds->train.n_flipped);
  return g_string_free (s, FALSE);
}
