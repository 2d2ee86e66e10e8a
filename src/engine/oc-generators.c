/* oc-generators.c — built-in synthetic datasets (see oc-generators.h for their definitions).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include "occam/oc-error.h"
#include "occam/oc-rng.h"
#include "oc-dataset-private.h"
#include "oc-generators.h"
#include "oc-config.h"
#include <glib/gi18n-lib.h>
#include <inttypes.h>

/* Examples generated between two cancellation checks. */
#define CHECK_EVERY 65536

static gboolean
check_size (const char *name, guint64 n, guint dim, const char *advice, GError **error)
{
  guint64 n_bytes = G_MAXUINT64;

  if (!g_uint64_checked_mul (&n_bytes, n, (guint64) dim * sizeof (float))
      || n_bytes > OC_GENERATED_MAX_BYTES)
    {
      g_autofree char *size = g_format_size_full (n_bytes, G_FORMAT_SIZE_IEC_UNITS);
      g_autofree char *cap = g_format_size_full (OC_GENERATED_MAX_BYTES, G_FORMAT_SIZE_IEC_UNITS);

      g_set_error (error, OC_ERROR, OC_ERROR_TOO_LARGE,
                   _("%s: %" PRIu64 " examples of %u features need %s, more than the %s "
                   "limit for generated data; %s"), name, n, dim, size, cap, advice);
      return FALSE;
    }
  return TRUE;
}

/* Encodes pair @k of a pair dataset into one row. */
typedef void (*PairEncodeFunc) (guint k, guint arg, float *x, gint32 *y);

static void
addition_encode (guint k, guint digits, float *x, gint32 *y)
{
  guint n = 1;
  guint a, b, s;

  for (guint i = 0; i < digits; i++)
    n *= 10;
  a = k / n;
  b = k % n;
  s = a + b;
  for (guint i = 0; i < digits; i++, a /= 10, b /= 10)
    {
      x[i * 10 + a % 10] = 1.0f;
      x[(digits + i) * 10 + b % 10] = 1.0f;
    }
  for (guint g = 0; g <= digits; g++, s /= 10)
    y[g] = (gint32) (s % 10);
}

static void
modadd_encode (guint k, guint p, float *x, gint32 *y)
{
  guint a = k / p, b = k % p;

  x[a] = 1.0f;
  x[p + b] = 1.0f;
  y[0] = (gint32) ((a + b) % p);
}

/* Shared by addition and modadd: @n_pairs pairs, a random train_fraction of them for training. */
static gboolean
generate_pairs (OcDataset           *ds,
                const char          *name,
                guint                n_pairs,
                PairEncodeFunc       encode,
                guint                arg,
                const OcDataOptions *opts,
                GCancellable        *cancellable,
                GError             **error)
{
  g_autofree guint32 *perm = NULL;
  guint n_train;
  OcRng rng;

  if (!(opts->train_fraction > 0.0 && opts->train_fraction < 1.0))
    {
      g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                   _("%s: train_fraction is %g; it must be between 0 and 1 (exclusive)"), name,
                   opts->train_fraction);
      return FALSE;
    }
  n_train = (guint) round (opts->train_fraction * n_pairs);
  if (n_train == 0 || n_train == n_pairs)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                   _("%s: train_fraction %g of %u pairs leaves %s; move it towards 0.5"), name,
                   opts->train_fraction, n_pairs,
                   n_train == 0 ? "no training pairs" : "no test pairs");
      return FALSE;
    }

  perm = oc_try_alloc0_n (n_pairs, sizeof (guint32), "the pair split", error);
  if (perm == NULL)
    return FALSE;
  oc_rng_init (&rng, opts->seed, OC_STREAM_SPLIT);
  oc_partial_shuffle (&rng, perm, n_pairs, n_train);
  oc_sort_u32 (perm + n_train, n_pairs - n_train);

  if (!oc_split_alloc (&ds->train, n_train, ds->dim, ds->n_groups, "the training pairs", error)
      || !oc_split_alloc (&ds->test, n_pairs - n_train, ds->dim, ds->n_groups, "the test pairs",
                          error))
    return FALSE;
  for (guint i = 0; i < n_pairs; i++)
    {
      OcSplit *s = i < n_train ? &ds->train : &ds->test;
      guint row = i < n_train ? i : i - n_train;

      if (i % CHECK_EVERY == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      encode (perm[i], arg, s->x + (gsize) row * ds->dim, s->y + (gsize) row * ds->n_groups);
    }
  return TRUE;
}

static gboolean
generate_addition (OcDataset *ds, const OcDataOptions *opts, GCancellable *c, GError **error)
{
  guint n = 1;

  if (opts->digits < 1 || opts->digits > 4)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                   _("addition: digits is %u; it must be 1..4"), opts->digits);
      return FALSE;
    }
  for (guint i = 0; i < opts->digits; i++)
    n *= 10;
  ds->dim = 2 * opts->digits * 10;
  ds->n_groups = opts->digits + 1;
  ds->n_classes = 10;
  if (!check_size ("addition", (guint64) n * n, ds->dim, "use fewer digits (at most 3)", error))
    return FALSE;
  ds->class_names = oc_class_names_numbered (10);
  return generate_pairs (ds, "addition", n * n, addition_encode, opts->digits, opts, c, error);
}

static gboolean
generate_modadd (OcDataset *ds, const OcDataOptions *opts, GCancellable *c, GError **error)
{
  guint p = opts->modulus;

  if (p < 2 || p > 1000)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                   _("modadd: modulus is %u; it must be 2..1000"), p);
      return FALSE;
    }
  ds->dim = 2 * p;
  ds->n_groups = 1;
  ds->n_classes = p;
  if ((guint64) p * p * ds->dim * sizeof (float) > OC_GENERATED_MAX_BYTES)
    {
      /* Features take 8·p³ bytes: say the largest modulus that fits. */
      guint max_p = p;
      g_autofree char *advice = NULL;

      while ((guint64) max_p * max_p * 2 * max_p * sizeof (float) > OC_GENERATED_MAX_BYTES)
        max_p--;
      advice = g_strdup_printf ("use a modulus of at most %u", max_p);
      return check_size ("modadd", (guint64) p * p, ds->dim, advice, error);
    }
  ds->class_names = oc_class_names_numbered (p);
  return generate_pairs (ds, "modadd", p * p, modadd_encode, p, opts, c, error);
}

/* One noise-free 2-D point of class @k. */
typedef void (*ToySampleFunc) (OcRng *rng, guint k, double *px, double *py);

static void
spiral_sample (OcRng *rng, guint k, double *px, double *py)
{
  /* 1.5 turns per arm; the arms are half a turn apart, so neighbouring arms are ~0.38 apart. */
  double t = oc_rng_uniform (rng);
  double r = 0.15 + 1.15 * t;
  double a = 3.0 * G_PI * t + k * G_PI;

  *px = r * cos (a);
  *py = r * sin (a);
}

static void
moons_sample (OcRng *rng, guint k, double *px, double *py)
{
  /* scikit-learn's make_moons, shifted to centre the pair on the origin. */
  double a = G_PI * oc_rng_uniform (rng);

  if (k == 0)
    {
      *px = cos (a) - 0.5;
      *py = sin (a) - 0.25;
    }
  else
    {
      *px = 1.0 - cos (a) - 0.5;
      *py = 0.5 - sin (a) - 0.25;
    }
}

static void
circles_sample (OcRng *rng, guint k, double *px, double *py)
{
  double a = 2.0 * G_PI * oc_rng_uniform (rng);
  double r = k == 0 ? 0.5 : 1.0;

  *px = r * cos (a);
  *py = r * sin (a);
}

static void
xor_sample (OcRng *rng, guint k, double *px, double *py)
{
  /* Uniform in the two quadrants of class k: 0 = same signs, 1 = opposite signs. */
  double x = oc_rng_uniform (rng);
  double y = oc_rng_uniform (rng);
  gboolean flip = oc_rng_below (rng, 2) != 0;

  if (flip)
    x = -x;
  if (flip != (k == 1))
    y = -y;
  *px = x;
  *py = y;
}

static void
blobs_sample (OcRng *rng, guint k, double *px, double *py)
{
  static const double centres[4][2] = {
    { -0.75, 0.75 }, { 0.75, 0.75 }, { -0.75, -0.75 }, { 0.75, -0.75 },
  };
  double gx = oc_rng_normal (rng);
  double gy = oc_rng_normal (rng);

  *px = centres[k][0] + 0.2 * gx;
  *py = centres[k][1] + 0.2 * gy;
}

typedef struct
{
  const char         *name;
  ToySampleFunc       sample;
  guint               n_classes;
  const char *const   class_names[5];
} ToyInfo;

static const ToyInfo toys[] = {
  { "spiral", spiral_sample, 2, { "arm A", "arm B", NULL } },
  { "moons", moons_sample, 2, { "upper", "lower", NULL } },
  { "circles", circles_sample, 2, { "inner", "outer", NULL } },
  { "xor", xor_sample, 2, { "same signs", "opposite signs", NULL } },
  { "blobs", blobs_sample, 4, { "top left", "top right", "bottom left", "bottom right", NULL } },
};

static void
toy_fill (const ToyInfo *toy, OcRng *rng, double noise, OcSplit *s)
{
  for (guint i = 0; i < s->n; i++)
    {
      guint k = i % toy->n_classes;
      double x, y, nx, ny;

      toy->sample (rng, k, &x, &y);
      /* Always draw the noise, so the same seed gives the same points at every noise level. */
      nx = oc_rng_normal (rng);
      ny = oc_rng_normal (rng);
      s->x[2 * i] = (float) (x + noise * nx);
      s->x[2 * i + 1] = (float) (y + noise * ny);
      s->y[i] = (gint32) k;
    }
}

static gboolean
generate_toy (OcDataset *ds, const ToyInfo *toy, const OcDataOptions *opts, GError **error)
{
  guint n_test;
  OcRng rng;

  if (!(opts->noise >= 0.0 && isfinite (opts->noise)))
    {
      g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                   _("%s: noise is %g; it must be a standard deviation >= 0"), toy->name, opts->noise);
      return FALSE;
    }
  if (!(opts->test_fraction >= 0.0 && opts->test_fraction < 1.0))
    {
      g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                   _("%s: test_fraction is %g; it must be in [0, 1)"), toy->name,
                   opts->test_fraction);
      return FALSE;
    }
  n_test = (guint) round (opts->test_fraction * opts->n_points);
  if (opts->n_points < 2 || n_test >= opts->n_points)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                   _("%s: n_points %u with test_fraction %g leaves no training points; use more "
                   "points"), toy->name, opts->n_points, opts->test_fraction);
      return FALSE;
    }
  if (!check_size (toy->name, opts->n_points, 2, "use fewer points", error))
    return FALSE;

  ds->dim = 2;
  ds->n_groups = 1;
  ds->n_classes = toy->n_classes;
  ds->class_names = g_strdupv ((char **) toy->class_names);
  if (!oc_split_alloc (&ds->train, opts->n_points - n_test, 2, 1, "the training points", error)
      || !oc_split_alloc (&ds->test, n_test, 2, 1, "the test points", error))
    return FALSE;
  oc_rng_init (&rng, opts->seed, OC_STREAM_GENERATOR);
  toy_fill (toy, &rng, opts->noise, &ds->train);
  toy_fill (toy, &rng, opts->noise, &ds->test);
  return TRUE;
}

gboolean
oc_generator_exists (const char *name)
{
  if (g_strcmp0 (name, "addition") == 0 || g_strcmp0 (name, "modadd") == 0)
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (toys); i++)
    if (g_strcmp0 (name, toys[i].name) == 0)
      return TRUE;
  return FALSE;
}

gboolean
oc_generate (OcDataset           *ds,
             const char          *name,
             const OcDataOptions *opts,
             GCancellable        *cancellable,
             GError             **error)
{
  ds->source = g_strdup ("generated");
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (g_strcmp0 (name, "addition") == 0)
    return generate_addition (ds, opts, cancellable, error);
  if (g_strcmp0 (name, "modadd") == 0)
    return generate_modadd (ds, opts, cancellable, error);
  for (guint i = 0; i < G_N_ELEMENTS (toys); i++)
    if (g_strcmp0 (name, toys[i].name) == 0)
      return generate_toy (ds, &toys[i], opts, error);
  g_return_val_if_reached (FALSE);
}
