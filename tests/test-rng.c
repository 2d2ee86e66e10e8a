/* test-rng.c — streams are reproducible, independent and uniform enough.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>

#include "occam/oc-rng.h"

static void
test_rng_reproducible (void)
{
  OcRng a, b;

  oc_rng_init (&a, 42, OC_STREAM_INIT);
  oc_rng_init (&b, 42, OC_STREAM_INIT);
  for (int i = 0; i < 1000; i++)
    g_assert_cmpuint (oc_rng_next (&a), ==, oc_rng_next (&b));
}

static void
test_rng_streams_differ (void)
{
  OcRng a, b, c;
  int same_ab = 0, same_ac = 0;

  oc_rng_init (&a, 42, OC_STREAM_INIT);
  oc_rng_init (&b, 42, OC_STREAM_ORDER);
  oc_rng_init (&c, 43, OC_STREAM_INIT);
  for (int i = 0; i < 1000; i++)
    {
      guint64 x = oc_rng_next (&a);

      same_ab += x == oc_rng_next (&b);
      same_ac += x == oc_rng_next (&c);
    }
  g_assert_cmpint (same_ab, ==, 0);
  g_assert_cmpint (same_ac, ==, 0);
}

static void
test_rng_below_uniform (void)
{
  OcRng r;
  guint counts[7] = { 0 };
  const guint n = 70000;

  oc_rng_init (&r, 1, OC_STREAM_USER);
  for (guint i = 0; i < n; i++)
    {
      guint32 v = oc_rng_below (&r, 7);

      g_assert_cmpuint (v, <, 7);
      counts[v]++;
    }
  /* Each bucket expects 10000 with sd ≈ 93; 6 sd is a failure, not noise. */
  for (guint k = 0; k < 7; k++)
    g_assert_cmpint (ABS ((int) counts[k] - 10000), <, 560);
}

static void
test_rng_normal_moments (void)
{
  OcRng r;
  double sum = 0, sum2 = 0;
  const int n = 200000;

  oc_rng_init (&r, 7, OC_STREAM_USER);
  for (int i = 0; i < n; i++)
    {
      double x = oc_rng_normal (&r);

      sum += x;
      sum2 += x * x;
    }
  g_assert_cmpfloat (fabs (sum / n), <, 0.015);
  g_assert_cmpfloat (fabs (sum2 / n - 1.0), <, 0.02);
}

static void
test_rng_fill_normal_moments (void)
{
  const gsize n = 200001; /* odd: the last value comes from half a pair */
  g_autofree float *v = g_new (float, n);
  double sum = 0, sum2 = 0;
  OcRng r;

  oc_rng_init (&r, 8, OC_STREAM_USER);
  oc_rng_fill_normal (&r, v, n, 2.0);
  for (gsize i = 0; i < n; i++)
    {
      sum += v[i];
      sum2 += (double) v[i] * v[i];
    }
  g_assert_cmpfloat (fabs (sum / n), <, 0.03);
  g_assert_cmpfloat (fabs (sum2 / n / 4.0 - 1.0), <, 0.02);
}

static void
test_rng_uniform_range (void)
{
  OcRng r;

  oc_rng_init (&r, 3, OC_STREAM_USER);
  for (int i = 0; i < 100000; i++)
    {
      double u = oc_rng_uniform (&r);

      g_assert_cmpfloat (u, >=, 0.0);
      g_assert_cmpfloat (u, <, 1.0);
    }
}

static void
test_rng_shuffle_permutation (void)
{
  OcRng r;
  guint32 a[1000];
  gboolean seen[1000] = { FALSE };
  int fixed = 0;

  for (guint32 i = 0; i < 1000; i++)
    a[i] = i;
  oc_rng_init (&r, 5, OC_STREAM_ORDER);
  oc_rng_shuffle_u32 (&r, a, 1000);
  for (guint32 i = 0; i < 1000; i++)
    {
      g_assert_false (seen[a[i]]);
      seen[a[i]] = TRUE;
      fixed += a[i] == i;
    }
  /* A random permutation fixes about one point; dozens would mean no shuffle happened. */
  g_assert_cmpint (fixed, <, 10);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/rng/reproducible", test_rng_reproducible);
  g_test_add_func ("/rng/streams-differ", test_rng_streams_differ);
  g_test_add_func ("/rng/below-uniform", test_rng_below_uniform);
  g_test_add_func ("/rng/normal-moments", test_rng_normal_moments);
  g_test_add_func ("/rng/fill-normal-moments", test_rng_fill_normal_moments);
  g_test_add_func ("/rng/uniform-range", test_rng_uniform_range);
  g_test_add_func ("/rng/shuffle-permutation", test_rng_shuffle_permutation);
  return g_test_run ();
}
