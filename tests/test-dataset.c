/* test-dataset.c — options, generators, validation split, subsets, label noise, Fashion-MNIST.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "occam/oc-dataset.h"
#include "occam/oc-error.h"
#include "oc-config.h"
#include "oc-dataset-private.h"

static OcDataset *
load (const OcDataOptions *opts)
{
  g_autoptr (GError) error = NULL;
  OcDataset *ds = oc_dataset_load (opts, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (ds);
  return ds;
}

static OcDataOptions
options (const char *name, guint64 seed)
{
  OcDataOptions opts;

  oc_data_options_init (&opts);
  opts.name = name;
  opts.seed = seed;
  return opts;
}

static void
expect_error (const OcDataOptions *opts, OcError code, const char *needle)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (OcDataset) ds = oc_dataset_load (opts, NULL, &error);

  g_assert_null (ds);
  g_assert_error (error, OC_ERROR, (gint) code);
  g_test_message ("%s", error->message);
  if (strstr (error->message, needle) == NULL)
    g_error ("message “%s” should contain “%s”", error->message, needle);
}

static gboolean
splits_equal (const OcSplit *a, const OcSplit *b, guint dim, guint n_groups)
{
  return a->n == b->n
    && (a->n == 0
        || (memcmp (a->x, b->x, (gsize) a->n * dim * sizeof (float)) == 0
            && memcmp (a->y, b->y, (gsize) a->n * n_groups * sizeof (gint32)) == 0));
}

/* Options and names. */

static void
test_defaults (void)
{
  OcDataOptions o;

  memset (&o, 0xa5, sizeof o);
  oc_data_options_init (&o);
  g_assert_cmpstr (o.name, ==, "fashion-mnist");
  g_assert_null (o.data_dir);
  g_assert_null (o.data_file);
  g_assert_null (o.test_file);
  g_assert_cmpint (o.n_train, ==, -1);
  g_assert_cmpint (o.subset, ==, OC_SUBSET_FIRST);
  g_assert_cmpfloat (o.label_noise, ==, 0.0);
  g_assert_cmpuint (o.val_size, ==, 0);
  g_assert_cmpuint (o.seed, ==, 0);
  g_assert_cmpuint (o.digits, ==, 2);
  g_assert_cmpuint (o.modulus, ==, 97);
  g_assert_cmpfloat (o.train_fraction, ==, 0.5);
  g_assert_cmpfloat (o.noise, ==, 0.1);
  g_assert_cmpuint (o.n_points, ==, 1000);
  g_assert_cmpfloat (o.test_fraction, ==, 0.2);
}

static void
test_names (void)
{
  static const char *const expected[] = {
    "fashion-mnist", "mnist", "csv", "addition", "modadd",
    "spiral", "moons", "circles", "xor", "blobs",
  };
  const char *const *names = oc_dataset_names ();
  OcDataOptions o = options ("cifar-10", 0);

  g_assert_cmpuint (g_strv_length ((char **) names), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_assert_cmpstr (names[i], ==, expected[i]);
      g_assert_true (oc_dataset_canonical_name (names[i]) == names[i]);
    }
  g_assert_cmpstr (oc_dataset_canonical_name ("idx"), ==, "mnist");
  g_assert_cmpstr (oc_dataset_canonical_name ("mnist-dir"), ==, "mnist");
  g_assert_cmpstr (oc_dataset_canonical_name ("Spiral"), ==, "spiral");
  g_assert_null (oc_dataset_canonical_name ("cifar-10"));

  expect_error (&o, OC_ERROR_INVALID_ARGUMENT,
                "unknown dataset “cifar-10”; valid names are fashion-mnist, mnist, csv, addition, "
                "modadd, spiral, moons, circles, xor, blobs");
}

static void
test_bad_options (void)
{
  OcDataOptions o = options ("moons", 0);

  o.label_noise = 1.5;
  expect_error (&o, OC_ERROR_INVALID_ARGUMENT, "label_noise is 1.5");
  o.label_noise = -0.1;
  expect_error (&o, OC_ERROR_INVALID_ARGUMENT, "label_noise is -0.1");
  o.label_noise = NAN;
  expect_error (&o, OC_ERROR_INVALID_ARGUMENT, "label_noise is nan");

  o = options ("moons", 0);
  o.n_train = 0;
  expect_error (&o, OC_ERROR_INVALID_ARGUMENT, "n_train is 0");
  o = options ("moons", 0);
  o.noise = -1;
  expect_error (&o, OC_ERROR_INVALID_ARGUMENT, "moons: noise is -1");
  o = options ("moons", 0);
  o.test_fraction = 1.0;
  expect_error (&o, OC_ERROR_INVALID_ARGUMENT, "moons: test_fraction is 1");
  o = options ("moons", 0);
  o.n_points = 1;
  expect_error (&o, OC_ERROR_INVALID_ARGUMENT, "leaves no training points");

  o = options ("addition", 0);
  o.digits = 0;
  expect_error (&o, OC_ERROR_INVALID_ARGUMENT, "digits is 0; it must be 1..4");
  o.digits = 5;
  expect_error (&o, OC_ERROR_INVALID_ARGUMENT, "digits is 5; it must be 1..4");
  /* 10^8 pairs of 80 features: refused up front, not by exhausting memory. */
  o.digits = 4;
  expect_error (&o, OC_ERROR_TOO_LARGE, "use fewer digits (at most 3)");
  o.digits = 2;
  o.train_fraction = 1.0;
  expect_error (&o, OC_ERROR_INVALID_ARGUMENT, "train_fraction is 1");
  o.train_fraction = 0.00001;
  expect_error (&o, OC_ERROR_INVALID_ARGUMENT, "leaves no training pairs");

  o = options ("modadd", 0);
  o.modulus = 1;
  expect_error (&o, OC_ERROR_INVALID_ARGUMENT, "modulus is 1; it must be 2..1000");
  o.modulus = 1000;
  expect_error (&o, OC_ERROR_TOO_LARGE, "use a modulus of at most 812");
}

/* --classes K gives the model K outputs, the loader's class names first. */
static void
test_classes (void)
{
  OcDataOptions o = options ("xor", 0);
  g_autoptr (GError) error = NULL;
  g_autoptr (OcDataset) ds = NULL;

  o.classes = 4;
  ds = oc_dataset_load (&o, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ds->n_classes, ==, 4);
  g_assert_cmpuint (g_strv_length (ds->class_names), ==, 4);
  g_assert_cmpstr (ds->class_names[1], ==, "opposite signs");
  g_assert_cmpstr (ds->class_names[3], ==, "3");
  /* Asked for: no warning about the classes that never occur. */
  g_assert_null (ds->warnings);
  g_clear_pointer (&ds, oc_dataset_free);

  /* 0, as zero-filled options have it, is "as many as the labels need". */
  o.classes = 0;
  ds = oc_dataset_load (&o, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ds->n_classes, ==, 2);

  /* Blobs has four classes: three are too few, one is never enough. */
  o = options ("blobs", 0);
  o.classes = 3;
  expect_error (&o, OC_ERROR_FORMAT, "blobs: training example 3 has label 3, but --classes 3 "
                "allows only 0..2; fix the label or raise --classes");
  o.classes = 1;
  expect_error (&o, OC_ERROR_INVALID_ARGUMENT, "classes is 1; it must be between 2 and 1000");
}

/* A run without test examples would report "nan %" as its test accuracy: refused. */
static void
test_empty_test_split (void)
{
  OcDataOptions o = options ("moons", 0);

  o.n_points = 10;
  o.test_fraction = 0.01;
  expect_error (&o, OC_ERROR_INVALID_ARGUMENT, "moons: the test split is empty, so there would "
                "be no test accuracy to report; hold out more examples (--test-fraction) or use "
                "more data");
}

static void
test_cancelled (void)
{
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (OcDataset) ds = NULL;
  OcDataOptions o = options ("addition", 0);

  g_cancellable_cancel (cancellable);
  ds = oc_dataset_load (&o, cancellable, &error);
  g_assert_null (ds);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* Generators. */

/* Decodes the one-hot digits block @block of an addition input. */
static guint
decode_operand (const float *x, guint digits, guint block)
{
  guint v = 0;

  for (guint i = digits; i-- > 0;)
    {
      int hot = -1;

      for (guint d = 0; d < 10; d++)
        {
          float e = x[(block * digits + i) * 10 + d];

          g_assert_true (e == 0.0f || e == 1.0f);
          if (e == 1.0f)
            {
              g_assert_cmpint (hot, ==, -1);
              hot = (int) d;
            }
        }
      g_assert_cmpint (hot, >=, 0);
      v = v * 10 + (guint) hot;
    }
  return v;
}

static void
check_addition (guint digits)
{
  OcDataOptions o = options ("addition", 3);
  g_autoptr (OcDataset) ds = NULL;
  g_autoptr (OcDataset) again = NULL;
  g_autoptr (OcDataset) other = NULL;
  guint n = 1, pairs;
  g_autofree guint8 *seen = NULL;
  int last_test = -1;

  for (guint i = 0; i < digits; i++)
    n *= 10;
  pairs = n * n;
  o.digits = digits;
  o.train_fraction = 0.3;
  ds = load (&o);
  g_assert_cmpstr (ds->source, ==, "generated");
  g_assert_cmpuint (ds->dim, ==, 2 * digits * 10);
  g_assert_cmpuint (ds->n_groups, ==, digits + 1);
  g_assert_cmpuint (ds->n_classes, ==, 10);
  g_assert_cmpuint (g_strv_length (ds->class_names), ==, 10);
  g_assert_cmpuint (ds->train.n, ==, (guint) round (0.3 * pairs));
  g_assert_cmpuint (ds->train.n + ds->test.n, ==, pairs);

  /* Every example decodes to a pair whose sum the labels spell, least significant digit first;
   * train and test are disjoint and together hold every pair; the test set is in pair order. */
  seen = g_malloc0 (pairs);
  for (guint s = 0; s < 2; s++)
    {
      const OcSplit *split = s == 0 ? &ds->train : &ds->test;

      for (guint i = 0; i < split->n; i++)
        {
          const float *x = split->x + (gsize) i * ds->dim;
          const gint32 *y = split->y + (gsize) i * ds->n_groups;
          guint a = decode_operand (x, digits, 0), b = decode_operand (x, digits, 1);
          guint sum = a + b;
          int k = (int) (a * n + b);

          for (guint g = 0; g <= digits; g++, sum /= 10)
            g_assert_cmpint (y[g], ==, (gint32) (sum % 10));
          g_assert_cmpuint (seen[k], ==, 0);
          seen[k] = 1;
          if (s == 1)
            {
              g_assert_cmpint (k, >, last_test);
              last_test = k;
            }
        }
    }
  for (guint k = 0; k < pairs; k++)
    g_assert_cmpuint (seen[k], ==, 1);

  again = load (&o);
  g_assert_true (splits_equal (&ds->train, &again->train, ds->dim, ds->n_groups));
  g_assert_true (splits_equal (&ds->test, &again->test, ds->dim, ds->n_groups));
  o.seed = 4;
  other = load (&o);
  g_assert_false (splits_equal (&ds->train, &other->train, ds->dim, ds->n_groups));
}

static void
test_addition (void)
{
  check_addition (1);
  check_addition (2);
}

static void
test_addition_example (void)
{
  /* 47 + 85 = 132: digits least significant first, the last group is the carry. */
  OcDataOptions o = options ("addition", 0);
  g_autoptr (OcDataset) ds = load (&o);
  gboolean found = FALSE;

  for (guint s = 0; s < 2 && !found; s++)
    {
      const OcSplit *split = s == 0 ? &ds->train : &ds->test;

      for (guint i = 0; i < split->n && !found; i++)
        {
          const float *x = split->x + (gsize) i * 40;
          const gint32 *y = split->y + (gsize) i * 3;

          if (x[0 * 10 + 7] == 1 && x[1 * 10 + 4] == 1 && x[2 * 10 + 5] == 1 && x[3 * 10 + 8] == 1)
            {
              g_assert_cmpint (y[0], ==, 2);
              g_assert_cmpint (y[1], ==, 3);
              g_assert_cmpint (y[2], ==, 1);
              found = TRUE;
            }
        }
    }
  g_assert_true (found);
}

static void
test_modadd (void)
{
  OcDataOptions o = options ("modadd", 5);
  g_autoptr (OcDataset) ds = NULL;
  g_autoptr (OcDataset) small = NULL;
  guint p = 97;
  g_autofree guint8 *seen = NULL;

  ds = load (&o);
  g_assert_cmpuint (ds->dim, ==, 2 * p);
  g_assert_cmpuint (ds->n_groups, ==, 1);
  g_assert_cmpuint (ds->n_classes, ==, p);
  g_assert_cmpstr (ds->class_names[96], ==, "96");
  g_assert_cmpuint (ds->train.n, ==, (guint) round (0.5 * p * p));
  g_assert_cmpuint (ds->train.n + ds->test.n, ==, p * p);

  seen = g_malloc0 (p * p);
  for (guint s = 0; s < 2; s++)
    {
      const OcSplit *split = s == 0 ? &ds->train : &ds->test;

      for (guint i = 0; i < split->n; i++)
        {
          const float *x = split->x + (gsize) i * ds->dim;
          int a = -1, b = -1;
          guint ones = 0;

          for (guint j = 0; j < p; j++)
            {
              if (x[j] == 1.0f)
                a = (int) j;
              if (x[p + j] == 1.0f)
                b = (int) j;
            }
          for (guint j = 0; j < 2 * p; j++)
            ones += x[j] != 0.0f;
          g_assert_cmpuint (ones, ==, 2);
          g_assert_cmpint (a, >=, 0);
          g_assert_cmpint (b, >=, 0);
          g_assert_cmpint (split->y[i], ==, (a + b) % (int) p);
          g_assert_cmpuint (seen[a * p + b], ==, 0);
          seen[a * p + b] = 1;
        }
    }
  for (guint k = 0; k < p * p; k++)
    g_assert_cmpuint (seen[k], ==, 1);

  o.modulus = 2;
  o.train_fraction = 0.5;
  small = load (&o);
  g_assert_cmpuint (small->train.n, ==, 2);
  g_assert_cmpuint (small->test.n, ==, 2);
}

static void
test_toys (void)
{
  static const struct
  {
    const char *name;
    guint       n_classes;
  } toys[] = {
    { "spiral", 2 }, { "moons", 2 }, { "circles", 2 }, { "xor", 2 }, { "blobs", 4 },
  };

  for (guint t = 0; t < G_N_ELEMENTS (toys); t++)
    {
      OcDataOptions o = options (toys[t].name, 9);
      g_autoptr (OcDataset) ds = load (&o);
      g_autoptr (OcDataset) again = load (&o);
      g_autoptr (OcDataset) other = NULL;
      guint counts[4] = { 0 };

      g_test_message ("%s", toys[t].name);
      g_assert_cmpuint (ds->dim, ==, 2);
      g_assert_cmpuint (ds->n_groups, ==, 1);
      g_assert_cmpuint (ds->n_classes, ==, toys[t].n_classes);
      g_assert_cmpuint (g_strv_length (ds->class_names), ==, toys[t].n_classes);
      g_assert_cmpuint (ds->train.n, ==, 800);
      g_assert_cmpuint (ds->test.n, ==, 200);
      for (guint i = 0; i < ds->train.n; i++)
        {
          g_assert_cmpint (ds->train.y[i], >=, 0);
          g_assert_cmpint (ds->train.y[i], <, (gint32) toys[t].n_classes);
          counts[ds->train.y[i]]++;
          /* Within [-1.5, 1.5] up to the noise (sd 0.1; 6 sd never happens). */
          g_assert_cmpfloat (fabsf (ds->train.x[2 * i]), <, 1.5f + 0.6f);
          g_assert_cmpfloat (fabsf (ds->train.x[2 * i + 1]), <, 1.5f + 0.6f);
        }
      for (guint k = 0; k < toys[t].n_classes; k++)
        g_assert_cmpuint (counts[k], ==, 800 / toys[t].n_classes);

      g_assert_true (splits_equal (&ds->train, &again->train, 2, 1));
      g_assert_true (splits_equal (&ds->test, &again->test, 2, 1));
      o.seed = 10;
      other = load (&o);
      g_assert_false (splits_equal (&ds->train, &other->train, 2, 1));
    }
}

static void
test_toy_shapes (void)
{
  /* Without noise the points lie exactly on their shapes. */
  OcDataOptions o = options ("circles", 1);
  g_autoptr (OcDataset) circles = NULL;
  g_autoptr (OcDataset) xor = NULL;
  g_autoptr (OcDataset) moons = NULL;
  g_autoptr (OcDataset) noisy = NULL;
  g_autoptr (OcDataset) blobs = NULL;
  double mean[4][2] = { { 0 } };

  o.noise = 0;
  circles = load (&o);
  for (guint i = 0; i < circles->train.n; i++)
    {
      double r = hypot (circles->train.x[2 * i], circles->train.x[2 * i + 1]);

      g_assert_cmpfloat_with_epsilon (r, circles->train.y[i] == 0 ? 0.5 : 1.0, 1e-6);
    }

  o.name = "xor";
  xor = load (&o);
  for (guint i = 0; i < xor->train.n; i++)
    {
      gboolean opposite = (xor->train.x[2 * i] > 0) != (xor->train.x[2 * i + 1] > 0);

      g_assert_cmpint (xor->train.y[i], ==, opposite ? 1 : 0);
    }

  o.name = "moons";
  moons = load (&o);
  for (guint i = 0; i < moons->train.n; i++)
    {
      double x = moons->train.x[2 * i] + 0.5, y = moons->train.x[2 * i + 1] + 0.25;

      if (moons->train.y[i] == 0)
        g_assert_cmpfloat_with_epsilon (hypot (x, y), 1.0, 1e-6);
      else
        g_assert_cmpfloat_with_epsilon (hypot (x - 1.0, y - 0.5), 1.0, 1e-6);
    }

  /* Noise moves the same points: the seed alone decides the underlying shape. */
  o.noise = 0.1;
  noisy = load (&o);
  for (guint i = 0; i < 2 * moons->train.n; i++)
    g_assert_cmpfloat (fabsf (noisy->train.x[i] - moons->train.x[i]), <, 0.6f);

  o.name = "blobs";
  o.noise = 0;
  blobs = load (&o);
  for (guint i = 0; i < blobs->train.n; i++)
    for (guint c = 0; c < 2; c++)
      mean[blobs->train.y[i]][c] += blobs->train.x[2 * i + c] / 200.0;
  for (guint k = 0; k < 4; k++)
    {
      g_assert_cmpfloat_with_epsilon (mean[k][0], k % 2 == 0 ? -0.75 : 0.75, 0.1);
      g_assert_cmpfloat_with_epsilon (mean[k][1], k < 2 ? 0.75 : -0.75, 0.1);
    }
}

/* Validation split, subsets. */

static void
test_validation (void)
{
  OcDataOptions o = options ("spiral", 2);
  g_autoptr (OcDataset) full = load (&o);
  g_autoptr (OcDataset) ds = NULL;

  o.val_size = 100;
  ds = load (&o);
  g_assert_cmpuint (ds->train.n, ==, 700);
  g_assert_cmpuint (ds->val.n, ==, 100);
  g_assert_cmpuint (ds->test.n, ==, 200);
  /* Validation = the last 100 training examples; training = the rest; test untouched. */
  g_assert_cmpmem (ds->val.x, 200 * sizeof (float), full->train.x + 2 * 700, 200 * sizeof (float));
  g_assert_cmpmem (ds->val.y, 100 * sizeof (gint32), full->train.y + 700, 100 * sizeof (gint32));
  g_assert_cmpmem (ds->train.x, 1400 * sizeof (float), full->train.x, 1400 * sizeof (float));
  g_assert_true (splits_equal (&ds->test, &full->test, 2, 1));

  o.val_size = 800;
  expect_error (&o, OC_ERROR_INVALID_ARGUMENT, "val_size 800 leaves no training data");
}

static void
test_subset_first (void)
{
  OcDataOptions o = options ("blobs", 2);
  g_autoptr (OcDataset) full = load (&o);
  g_autoptr (OcDataset) ds = NULL;

  o.n_train = 50;
  o.val_size = 100;
  ds = load (&o);
  g_assert_cmpuint (ds->train.n, ==, 50);
  g_assert_cmpuint (ds->val.n, ==, 100);
  g_assert_cmpmem (ds->train.x, 100 * sizeof (float), full->train.x, 100 * sizeof (float));
  g_assert_cmpmem (ds->train.y, 50 * sizeof (gint32), full->train.y, 50 * sizeof (gint32));
  /* Validation comes from the end before subsetting, so it is the same with or without it. */
  g_assert_cmpmem (ds->val.x, 200 * sizeof (float), full->train.x + 2 * 700, 200 * sizeof (float));

  /* All 700 left after validation is fine; 701 is not, and the message says the maximum. */
  o.n_train = 700;
  g_clear_pointer (&ds, oc_dataset_free);
  ds = load (&o);
  g_assert_cmpuint (ds->train.n, ==, 700);
  o.n_train = 701;
  expect_error (&o, OC_ERROR_INVALID_ARGUMENT, "use at most 700");
}

static void
test_subset_random (void)
{
  OcDataOptions o = options ("blobs", 2);
  g_autoptr (OcDataset) full = load (&o);
  g_autoptr (OcDataset) a = NULL;
  g_autoptr (OcDataset) b = NULL;
  g_autoptr (OcDataset) c = NULL;
  guint last = 0, n_first = 0;

  o.n_train = 100;
  o.subset = OC_SUBSET_RANDOM;
  a = load (&o);
  b = load (&o);
  g_assert_cmpuint (a->train.n, ==, 100);
  g_assert_true (splits_equal (&a->train, &b->train, 2, 1));
  g_assert_true (splits_equal (&a->test, &full->test, 2, 1));

  /* Each kept example is a training example, in the original order, none twice. */
  for (guint i = 0; i < a->train.n; i++)
    {
      guint j;

      for (j = (i == 0 ? 0 : last + 1); j < full->train.n; j++)
        if (memcmp (a->train.x + 2 * i, full->train.x + 2 * j, 2 * sizeof (float)) == 0)
          break;
      g_assert_cmpuint (j, <, full->train.n);
      g_assert_cmpint (a->train.y[i], ==, full->train.y[j]);
      n_first += j < 100;
      last = j;
    }
  /* A random 100 of 800 has about 12 of the first 100, not all of them. */
  g_assert_cmpuint (n_first, <, 50);

  o.seed = 3;
  c = load (&o);
  g_assert_false (splits_equal (&a->train, &c->train, 2, 1));
}

/* Label noise. */

static void
test_label_noise (void)
{
  OcDataOptions o = options ("blobs", 6);
  g_autoptr (OcDataset) clean = NULL;
  g_autoptr (OcDataset) a = NULL;
  g_autoptr (OcDataset) b = NULL;
  g_autoptr (OcDataset) c = NULL;
  guint moved_to[4] = { 0 };
  guint f = 0;

  o.val_size = 100;
  o.n_train = 600;
  clean = load (&o);
  g_assert_null (clean->train.y_clean);
  g_assert_null (clean->train.flipped);
  g_assert_cmpuint (clean->train.n_flipped, ==, 0);

  o.label_noise = 0.25;
  a = load (&o);
  g_assert_cmpuint (a->train.n_flipped, ==, 150);
  g_assert_nonnull (a->train.y_clean);
  g_assert_cmpmem (a->train.y_clean, 600 * sizeof (gint32), clean->train.y, 600 * sizeof (gint32));
  g_assert_cmpmem (a->train.x, 1200 * sizeof (float), clean->train.x, 1200 * sizeof (float));
  g_assert_true (splits_equal (&a->val, &clean->val, 2, 1));
  g_assert_true (splits_equal (&a->test, &clean->test, 2, 1));
  g_assert_null (a->val.y_clean);
  g_assert_null (a->test.y_clean);

  /* Exactly the listed examples differ, each to another class; the list is sorted. */
  for (guint i = 0; i < a->train.n; i++)
    {
      gboolean listed = f < a->train.n_flipped && a->train.flipped[f] == i;

      if (f > 0 && f < a->train.n_flipped)
        g_assert_cmpuint (a->train.flipped[f], >, a->train.flipped[f - 1]);
      if (listed)
        {
          g_assert_cmpint (a->train.y[i], !=, a->train.y_clean[i]);
          g_assert_cmpint (a->train.y[i], >=, 0);
          g_assert_cmpint (a->train.y[i], <, 4);
          moved_to[(a->train.y[i] - a->train.y_clean[i] + 4) % 4]++;
          f++;
        }
      else
        g_assert_cmpint (a->train.y[i], ==, a->train.y_clean[i]);
    }
  g_assert_cmpuint (f, ==, 150);
  /* The new class is uniform over the other three: each offset gets ~50 of 150. */
  g_assert_cmpuint (moved_to[0], ==, 0);
  for (guint d = 1; d < 4; d++)
    g_assert_cmpuint (moved_to[d], >, 20);

  b = load (&o);
  g_assert_cmpmem (a->train.flipped, 150 * sizeof (guint32), b->train.flipped,
                   150 * sizeof (guint32));
  g_assert_cmpmem (a->train.y, 600 * sizeof (gint32), b->train.y, 600 * sizeof (gint32));
  o.seed = 7;
  c = load (&o);
  g_assert_true (memcmp (a->train.flipped, c->train.flipped, 150 * sizeof (guint32)) != 0);
}

static void
test_label_noise_all_and_rounding (void)
{
  OcDataOptions o = options ("circles", 1);
  g_autoptr (OcDataset) all = NULL;
  g_autoptr (OcDataset) tiny = NULL;
  g_autoptr (OcDataset) half = NULL;

  o.label_noise = 1.0;
  all = load (&o);
  g_assert_cmpuint (all->train.n_flipped, ==, all->train.n);
  for (guint i = 0; i < all->train.n; i++)
    {
      g_assert_cmpuint (all->train.flipped[i], ==, i);
      /* Two classes: a different label is the other one. */
      g_assert_cmpint (all->train.y[i], ==, 1 - all->train.y_clean[i]);
    }

  /* round(0.0006 · 800) = 0: nothing flipped, no clean copy. */
  o.label_noise = 0.0006;
  tiny = load (&o);
  g_assert_cmpuint (tiny->train.n_flipped, ==, 0);
  g_assert_null (tiny->train.y_clean);

  /* round(0.00125 · 800) = 1. */
  o.label_noise = 0.00125;
  half = load (&o);
  g_assert_cmpuint (half->train.n_flipped, ==, 1);
}

static void
test_label_noise_groups (void)
{
  /* Addition: a noisy example gets a different tuple of digits (at least one group changes). */
  OcDataOptions o = options ("addition", 2);
  g_autoptr (OcDataset) ds = NULL;
  guint changed_groups = 0;

  o.label_noise = 0.1;
  ds = load (&o);
  g_assert_cmpuint (ds->train.n_flipped, ==, 500);
  for (guint f = 0; f < ds->train.n_flipped; f++)
    {
      const gint32 *y = ds->train.y + (gsize) ds->train.flipped[f] * 3;
      const gint32 *yc = ds->train.y_clean + (gsize) ds->train.flipped[f] * 3;
      guint differ = 0;

      for (guint g = 0; g < 3; g++)
        {
          g_assert_cmpint (y[g], >=, 0);
          g_assert_cmpint (y[g], <, 10);
          differ += y[g] != yc[g];
        }
      g_assert_cmpuint (differ, >, 0);
      changed_groups += differ;
    }
  /* A uniformly random tuple differs from the old one in ~2.7 of 3 groups on average. */
  g_assert_cmpuint (changed_groups, >, 2 * 500);
}

static void
test_describe (void)
{
  OcDataOptions o = options ("addition", 0);
  g_autoptr (OcDataset) ds = NULL;
  g_autofree char *text = NULL;

  o.val_size = 1000;
  o.label_noise = 0.5;
  ds = load (&o);
  text = oc_dataset_describe (ds);
  g_assert_cmpstr (text, ==, "addition (generated): 4000 train, 1000 validation, 5000 test; "
                   "40 features; 3 labels of 10 classes each; 2000 noisy training labels");
}

/* Data files that are not files: a named pipe (opening it would block), a folder, a device (it
 * never ends). Refused at once, saying what the path is. */
static void
test_csv_not_a_file (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("occam-dataset-XXXXXX", &error);
  g_autofree char *pipe_path = g_build_filename (dir, "train.csv", NULL);
  g_autofree char *good = g_build_filename (dir, "good.csv", NULL);
  g_autofree char *pipe_message = g_strdup_printf ("%s is a named pipe, not a file", pipe_path);
  g_autofree char *dir_message = g_strdup_printf ("%s is a folder, not a file", dir);
  OcDataOptions o;

  g_assert_no_error (error);
  g_assert_cmpint (mkfifo (pipe_path, 0600), ==, 0);
  g_file_set_contents (good, "0,1\n1,2\n0,3\n1,4\n", -1, &error);
  g_assert_no_error (error);

  oc_data_options_init (&o);
  o.name = "csv";
  o.data_file = pipe_path;
  expect_error (&o, OC_ERROR_INVALID_ARGUMENT, pipe_message);
  o.data_file = dir;
  expect_error (&o, OC_ERROR_INVALID_ARGUMENT, dir_message);
  o.data_file = "/dev/zero";
  expect_error (&o, OC_ERROR_INVALID_ARGUMENT, "/dev/zero is a character device, not a file");
  o.data_file = good;
  o.test_file = pipe_path;
  expect_error (&o, OC_ERROR_INVALID_ARGUMENT, pipe_message);

  g_assert_cmpint (g_remove (pipe_path), ==, 0);
  g_assert_cmpint (g_remove (good), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* The real Fashion-MNIST, when installed. */
/* @split has codes, and each gives its input back, bit for bit. */
static void
assert_codes (const OcSplit *split, guint dim)
{
  g_assert_nonnull (split->x8);
  for (gsize i = 0; i < (gsize) split->n * dim; i++)
    {
      float v = (float) split->x8[i] / 255.0f;

      if (memcmp (&v, &split->x[i], sizeof v) != 0)
        g_assert_cmpfloat (split->x[i], ==, v);
    }
}

static void
test_fashion_mnist (void)
{
  OcDataOptions o = options ("fashion-mnist", 0);
  g_autoptr (OcDataset) ds = NULL;
  g_autoptr (OcDataset) val = NULL;
  guint train_counts[10] = { 0 }, test_counts[10] = { 0 };
  float lo = 1, hi = 0;

  if (!g_file_test (OC_FASHION_MNIST_DIR, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("Fashion-MNIST is not installed in " OC_FASHION_MNIST_DIR
                   " (apt-get install dataset-fashion-mnist)");
      return;
    }
  ds = load (&o);
  g_assert_cmpstr (ds->source, ==, OC_FASHION_MNIST_DIR);
  g_assert_cmpuint (ds->train.n, ==, 60000);
  g_assert_cmpuint (ds->test.n, ==, 10000);
  g_assert_cmpuint (ds->val.n, ==, 0);
  g_assert_cmpuint (ds->dim, ==, 784);
  g_assert_cmpuint (ds->image_width, ==, 28);
  g_assert_cmpuint (ds->image_height, ==, 28);
  g_assert_cmpuint (ds->n_classes, ==, 10);
  g_assert_cmpstr (ds->class_names[9], ==, "Ankle boot");
  for (gsize i = 0; i < (gsize) 60000 * 784; i++)
    {
      lo = MIN (lo, ds->train.x[i]);
      hi = MAX (hi, ds->train.x[i]);
    }
  g_assert_cmpfloat (lo, ==, 0.0f);
  g_assert_cmpfloat (hi, ==, 1.0f);
  for (guint i = 0; i < 60000; i++)
    train_counts[ds->train.y[i]]++;
  for (guint i = 0; i < 10000; i++)
    test_counts[ds->test.y[i]]++;
  for (guint k = 0; k < 10; k++)
    {
      g_assert_cmpuint (train_counts[k], ==, 6000);
      g_assert_cmpuint (test_counts[k], ==, 1000);
    }

  /* 8-bit pixels: the training split keeps their codes (the test split has none). */
  assert_codes (&ds->train, 784);
  g_assert_null (ds->test.x8);

  o.val_size = 5000;
  val = load (&o);
  assert_codes (&val->train, 784);
  g_assert_cmpuint (val->train.n, ==, 55000);
  g_assert_cmpuint (val->val.n, ==, 5000);
  g_assert_cmpuint (val->test.n, ==, 10000);
  g_assert_cmpmem (val->val.x, (gsize) 5000 * 784 * sizeof (float),
                   ds->train.x + (gsize) 55000 * 784, (gsize) 5000 * 784 * sizeof (float));
  g_assert_cmpmem (val->val.y, 5000 * sizeof (gint32), ds->train.y + 55000,
                   5000 * sizeof (gint32));
}

/* Every code's input is k / 255 rounded to float, computed as oc_code_input does. */
static void
test_codes (void)
{
  OcDataOptions o = options ("spiral", 2);
  g_autoptr (OcDataset) spiral = load (&o);

  for (guint k = 0; k < 256; k++)
    {
      volatile float f = (float) k;
      float want = f / 255.0f, got = oc_code_input ((guint8) k);

      g_assert_cmpmem (&got, sizeof got, &want, sizeof want);
    }
  /* Generated points have no codes. */
  g_assert_null (spiral->train.x8);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/dataset/defaults", test_defaults);
  g_test_add_func ("/dataset/names", test_names);
  g_test_add_func ("/dataset/bad-options", test_bad_options);
  g_test_add_func ("/dataset/classes", test_classes);
  g_test_add_func ("/dataset/empty-test-split", test_empty_test_split);
  g_test_add_func ("/dataset/cancelled", test_cancelled);
  g_test_add_func ("/dataset/addition", test_addition);
  g_test_add_func ("/dataset/addition-example", test_addition_example);
  g_test_add_func ("/dataset/modadd", test_modadd);
  g_test_add_func ("/dataset/toys", test_toys);
  g_test_add_func ("/dataset/toy-shapes", test_toy_shapes);
  g_test_add_func ("/dataset/validation", test_validation);
  g_test_add_func ("/dataset/subset-first", test_subset_first);
  g_test_add_func ("/dataset/subset-random", test_subset_random);
  g_test_add_func ("/dataset/label-noise", test_label_noise);
  g_test_add_func ("/dataset/label-noise-all-and-rounding", test_label_noise_all_and_rounding);
  g_test_add_func ("/dataset/label-noise-groups", test_label_noise_groups);
  g_test_add_func ("/dataset/describe", test_describe);
  g_test_add_func ("/dataset/csv-not-a-file", test_csv_not_a_file);
  g_test_add_func ("/dataset/fashion-mnist", test_fashion_mnist);
  g_test_add_func ("/dataset/codes", test_codes);
  return g_test_run ();
}
