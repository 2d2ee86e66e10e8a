/* oc-rng.c — xoshiro256** streams seeded through splitmix64.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>

#include "occam/oc-rng.h"

static guint64
splitmix64 (guint64 *x)
{
  guint64 z = (*x += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  return z ^ (z >> 31);
}

void
oc_rng_init (OcRng *rng, guint64 seed, guint stream)
{
  /* Mix the stream into the seed through one splitmix round so that (seed, stream) pairs that
   * differ in either give unrelated states. */
  guint64 x = seed;
  guint64 k = splitmix64 (&x) ^ ((guint64) stream * G_GUINT64_CONSTANT (0xD1B54A32D192ED03));

  for (guint i = 0; i < 4; i++)
    rng->s[i] = splitmix64 (&k);
}

static inline guint64
rotl (guint64 x, int k)
{
  return (x << k) | (x >> (64 - k));
}

guint64
oc_rng_next (OcRng *rng)
{
  guint64 *s = rng->s;
  guint64 result = rotl (s[1] * 5, 7) * 9;
  guint64 t = s[1] << 17;

  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl (s[3], 45);
  return result;
}

guint32
oc_rng_below (OcRng *rng, guint32 n)
{
  guint64 m;
  guint32 l;

  g_return_val_if_fail (n > 0, 0);

  m = (guint64) (guint32) (oc_rng_next (rng) >> 32) * n;
  l = (guint32) m;
  if (l < n)
    {
      guint32 threshold = (guint32) (-n) % n;

      while (l < threshold)
        {
          m = (guint64) (guint32) (oc_rng_next (rng) >> 32) * n;
          l = (guint32) m;
        }
    }
  return (guint32) (m >> 32);
}

double
oc_rng_uniform (OcRng *rng)
{
  return (double) (oc_rng_next (rng) >> 11) * 0x1.0p-53;
}

double
oc_rng_normal (OcRng *rng)
{
  double u1, u2;

  do
    u1 = oc_rng_uniform (rng);
  while (u1 <= 0.0);
  u2 = oc_rng_uniform (rng);
  return sqrt (-2.0 * log (u1)) * cos (2.0 * G_PI * u2);
}

void
oc_rng_fill_normal (OcRng *rng, float *out, gsize n, double sd)
{
  for (gsize i = 0; i < n; i += 2)
    {
      double u1, u2, r;

      do
        u1 = oc_rng_uniform (rng);
      while (u1 <= 0.0);
      u2 = oc_rng_uniform (rng);
      r = sd * sqrt (-2.0 * log (u1));
      out[i] = (float) (r * cos (2.0 * G_PI * u2));
      if (i + 1 < n)
        out[i + 1] = (float) (r * sin (2.0 * G_PI * u2));
    }
}

void
oc_rng_shuffle_u32 (OcRng *rng, guint32 *a, gsize n)
{
  for (gsize i = n; i > 1; i--)
    {
      gsize j = oc_rng_below (rng, (guint32) i);
      guint32 t = a[i - 1];

      a[i - 1] = a[j];
      a[j] = t;
    }
}
