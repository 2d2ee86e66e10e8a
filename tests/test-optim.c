/* test-optim.c — optimiser steps against hand-computed values; masks stop regrowth; schedules.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include "occam/oc-optim.h"
#include "occam/oc-rng.h"

static double
run_steps (OcOptimKind kind, gboolean nesterov, double wd, const float *gs, int n_steps)
{
  OcOptimConfig cfg;
  g_autoptr (OcOptimizer) opt = NULL;
  float p = 1.0f;

  oc_optim_config_init (&cfg);
  cfg.kind = kind;
  cfg.nesterov = nesterov;
  cfg.weight_decay = wd;
  cfg.lr = 0.1;
  opt = oc_optimizer_new (&cfg, 1, NULL);
  for (int i = 0; i < n_steps; i++)
    {
      float g = gs[i];

      oc_optimizer_step (opt, &p, &g, NULL, cfg.lr);
    }
  return p;
}

static void
test_optim_hand_computed (void)
{
  const float same[] = { 0.5f, 0.5f };
  const float flip[] = { 0.5f, -0.5f };

  /* p ← p − lr (g + wd p) = 1 − 0.1 (0.5 + 0.1) */
  g_assert_cmpfloat_with_epsilon (run_steps (OC_OPTIM_SGD, FALSE, 0.1, same, 1), 0.94, 1e-6);
  /* buf = 0.5, p = 0.95; buf = 0.9·0.5 + 0.5 = 0.95, p = 0.95 − 0.095 */
  g_assert_cmpfloat_with_epsilon (run_steps (OC_OPTIM_MOMENTUM, FALSE, 0, same, 2), 0.855, 1e-6);
  /* Nesterov: d = g + μ buf: 0.95 then 0.5 + 0.9·0.95 = 1.355 */
  g_assert_cmpfloat_with_epsilon (run_steps (OC_OPTIM_MOMENTUM, TRUE, 0, same, 2), 0.7695, 1e-6);
  /* Adam's first step moves by lr·sign(g); the second with g = −0.5: m̂ = −0.005/0.19,
   * v̂ = 0.25, so p = 0.9 + 0.1·0.0263158/0.5 */
  g_assert_cmpfloat_with_epsilon (run_steps (OC_OPTIM_ADAM, FALSE, 0, same, 1), 0.9, 1e-6);
  g_assert_cmpfloat_with_epsilon (run_steps (OC_OPTIM_ADAM, FALSE, 0, flip, 2), 0.90526316, 1e-6);
  /* Adam with L2: g = 0.6, still a step of lr. AdamW: p·(1 − lr·wd) − lr = 0.99 − 0.1 */
  g_assert_cmpfloat_with_epsilon (run_steps (OC_OPTIM_ADAM, FALSE, 0.1, same, 1), 0.9, 1e-6);
  g_assert_cmpfloat_with_epsilon (run_steps (OC_OPTIM_ADAMW, FALSE, 0.1, same, 1), 0.89, 1e-6);
}

static void
test_optim_schedules (void)
{
  OcOptimConfig c;

  oc_optim_config_init (&c);
  c.lr = 1.0;
  g_assert_cmpfloat (oc_schedule_lr (&c, 12345, 20000), ==, 1.0);
  c.schedule = OC_SCHEDULE_STEP;
  c.schedule_period = 10;
  c.schedule_gamma = 0.1;
  g_assert_cmpfloat_with_epsilon (oc_schedule_lr (&c, 9, 100), 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (oc_schedule_lr (&c, 10, 100), 0.1, 1e-12);
  g_assert_cmpfloat_with_epsilon (oc_schedule_lr (&c, 25, 100), 0.01, 1e-12);
  c.schedule = OC_SCHEDULE_COSINE;
  g_assert_cmpfloat_with_epsilon (oc_schedule_lr (&c, 0, 100), 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (oc_schedule_lr (&c, 50, 100), 0.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (oc_schedule_lr (&c, 100, 100), 0.0, 1e-12);
  c.schedule = OC_SCHEDULE_INVERSE_SQRT;
  c.schedule_period = 512;
  g_assert_cmpfloat_with_epsilon (oc_schedule_lr (&c, 511, 0), 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (oc_schedule_lr (&c, 512, 0), 1 / sqrt (2), 1e-12);
  g_assert_cmpfloat_with_epsilon (oc_schedule_lr (&c, 1536, 0), 0.5, 1e-12);
}

static gboolean
is_positive_zero (float f)
{
  guint32 bits;

  memcpy (&bits, &f, sizeof bits);
  return bits == 0;
}

static void
test_optim_mask_no_regrowth (gconstpointer data)
{
  OcOptimKind kind = GPOINTER_TO_INT (data);
  const gsize n = 1000;
  g_autofree float *p = g_new (float, n);
  g_autofree float *g = g_new (float, n);
  g_autofree float *mask = g_new (float, n);
  g_autoptr (OcOptimizer) opt = NULL;
  OcOptimConfig cfg;
  OcRng rng;

  oc_optim_config_init (&cfg);
  cfg.kind = kind;
  cfg.lr = 0.01;
  cfg.weight_decay = 1e-3;
  opt = oc_optimizer_new (&cfg, n, NULL);
  oc_rng_init (&rng, 1, OC_STREAM_USER);
  for (gsize i = 0; i < n; i++)
    {
      p[i] = (float) oc_rng_normal (&rng);
      mask[i] = oc_rng_uniform (&rng) < 0.5 ? 0.0f : 1.0f;
    }
  /* Unmasked steps first, so the moments of soon-pruned weights are far from zero: the classic
   * bug is that they keep pushing the weight after pruning. */
  for (int s = 0; s < 10; s++)
    {
      for (gsize i = 0; i < n; i++)
        g[i] = (float) oc_rng_normal (&rng);
      oc_optimizer_step (opt, p, g, NULL, cfg.lr);
    }
  for (gsize i = 0; i < n; i++)
    if (mask[i] == 0.0f)
      p[i] = 0.0f;
  for (int s = 0; s < 1000; s++)
    {
      for (gsize i = 0; i < n; i++)
        g[i] = (float) oc_rng_normal (&rng);
      oc_optimizer_step (opt, p, g, mask, cfg.lr);
    }
  for (gsize i = 0; i < n; i++)
    if (mask[i] == 0.0f)
      {
        g_assert_true (is_positive_zero (p[i]));
        g_assert_true (is_positive_zero (g[i]));
        if (oc_optimizer_get_m (opt) != NULL)
          g_assert_true (is_positive_zero (oc_optimizer_get_m (opt)[i]));
        if (oc_optimizer_get_v (opt) != NULL)
          g_assert_true (is_positive_zero (oc_optimizer_get_v (opt)[i]));
      }
    else
      g_assert_cmpfloat (p[i], !=, 0.0f);
}

static void
test_optim_names (void)
{
  OcOptimKind k;
  OcScheduleKind s;

  for (int i = OC_OPTIM_SGD; i <= OC_OPTIM_ADAMW; i++)
    {
      g_assert_true (oc_optim_kind_from_string (oc_optim_kind_to_string (i), &k));
      g_assert_cmpint (k, ==, i);
    }
  for (int i = OC_SCHEDULE_CONSTANT; i <= OC_SCHEDULE_INVERSE_SQRT; i++)
    {
      g_assert_true (oc_schedule_from_string (oc_schedule_to_string (i), &s));
      g_assert_cmpint (s, ==, i);
    }
  g_assert_false (oc_optim_kind_from_string ("adagrad", &k));
  g_assert_false (oc_schedule_from_string (NULL, &s));
}

/* The kept-only update of a sparse mask (parameters, gradients and moments packed) against the
 * masked update over the whole arena: after oc_optimizer_clear_pruned, several steps agree bit
 * for bit on kept entries (both use the same per-element rule, vectorised or not), the moments
 * read back in the arena's layout, and pruned parameters and moments are +0 in both, however the
 * moments were left before (they start non-zero here). N is odd so that the vector loops have
 * ragged ends. */
static void
test_optim_index_matches_mask (gconstpointer data)
{
  OcOptimKind kind = (OcOptimKind) GPOINTER_TO_INT (data);
  enum { N = 1001 };
  float p[2][N], g[2][N], mask[N], m0[N], v0[N], pk[N], gk[N];
  guint32 idx[N];
  gsize n_idx = 0;
  OcOptimConfig cfg;
  g_autoptr (OcOptimizer) a = NULL, b = NULL;
  OcRng rng;

  oc_rng_init (&rng, 21, OC_STREAM_USER);
  oc_optim_config_init (&cfg);
  cfg.kind = kind;
  cfg.lr = 0.01;
  cfg.weight_decay = 0.05;
  cfg.nesterov = kind == OC_OPTIM_MOMENTUM;
  for (int i = 0; i < N; i++)
    {
      mask[i] = oc_rng_uniform (&rng) < 0.1 ? 1.0f : 0.0f;
      p[0][i] = p[1][i] = (float) (oc_rng_uniform (&rng) - 0.5);
      m0[i] = (float) (oc_rng_uniform (&rng) - 0.5);
      v0[i] = (float) oc_rng_uniform (&rng);
      if (mask[i] != 0.0f)
        idx[n_idx++] = (guint32) i;
    }
  g_assert_cmpuint (n_idx, >, 10);
  a = oc_optimizer_new (&cfg, N, NULL);
  b = oc_optimizer_new (&cfg, N, NULL);
  oc_optimizer_load (a, m0, v0, 0);
  oc_optimizer_load (b, m0, v0, 0);
  oc_optimizer_clear_pruned (b, p[1], g[1], mask);
  g_assert_true (oc_optimizer_use_kept (b, idx, n_idx, NULL));
  for (gsize k = 0; k < n_idx; k++)
    pk[k] = p[1][idx[k]];
  for (int step = 0; step < 5; step++)
    {
      for (int i = 0; i < N; i++)
        g[0][i] = g[1][i] = mask[i] != 0.0f ? (float) (oc_rng_uniform (&rng) - 0.5) : 0.0f;
      oc_optimizer_step (a, p[0], g[0], mask, 0.01);
      for (gsize k = 0; k < n_idx; k++)
        gk[k] = g[1][idx[k]];
      oc_optimizer_begin_step (b, 0.01);
      /* Two disjoint slices, as two team members would take them. */
      oc_optimizer_update_kept (b, pk, gk, n_idx / 2, n_idx);
      oc_optimizer_update_kept (b, pk, gk, 0, n_idx / 2);
    }
  for (gsize k = 0; k < n_idx; k++)
    p[1][idx[k]] = pk[k];
  for (int i = 0; i < N; i++)
    {
      g_assert_cmpfloat (p[1][i], ==, p[0][i]);
      if (mask[i] == 0.0f)
        g_assert_false (signbit (p[1][i]) || signbit (p[0][i]));
    }
  if (kind != OC_OPTIM_SGD)
    {
      const float *ma = oc_optimizer_get_m (a), *mb = oc_optimizer_get_m (b);

      for (int i = 0; i < N; i++)
        {
          g_assert_cmpfloat (mb[i], ==, ma[i]);
          if (mask[i] == 0.0f)
            g_assert_true (ma[i] == 0.0f && !signbit (ma[i]) && !signbit (mb[i]));
        }
    }
  if (kind == OC_OPTIM_ADAM || kind == OC_OPTIM_ADAMW)
    {
      const float *va = oc_optimizer_get_v (a), *vb = oc_optimizer_get_v (b);

      for (int i = 0; i < N; i++)
        {
          g_assert_cmpfloat (vb[i], ==, va[i]);
          if (mask[i] == 0.0f)
            g_assert_true (vb[i] == 0.0f && !signbit (vb[i]));
        }
    }
}

/* A naive reference of one PyTorch-style step on entry i, in the same float operations as the
 * library's rules (so the comparison is exact); masked entries become +0. */
static void
ref_step (OcOptimKind kind, const OcOptimConfig *c, guint64 t, double lr, float *p, float g,
          float *m, float *v, gboolean keep)
{
  float wd = (float) c->weight_decay;

  if (!keep)
    {
      *p = 0.0f;
      if (m != NULL)
        *m = 0.0f;
      if (v != NULL)
        *v = 0.0f;
      return;
    }
  if (kind == OC_OPTIM_SGD)
    *p = *p - (float) lr * (g + wd * *p);
  else if (kind == OC_OPTIM_MOMENTUM)
    {
      float gi = g + wd * *p, mu = (float) c->momentum;
      float b = mu * *m + gi;

      *m = b;
      *p = *p - (float) lr * (c->nesterov ? gi + mu * b : b);
    }
  else
    {
      double bc1 = 1.0 - pow (c->beta1, (double) t), bc2 = 1.0 - pow (c->beta2, (double) t);
      gboolean decoupled = kind == OC_OPTIM_ADAMW;
      float lr_t = (float) (lr * sqrt (bc2) / bc1), eps_hat = (float) (c->eps * sqrt (bc2));
      float decay = decoupled ? (float) (1.0 - lr * c->weight_decay) : 1.0f;
      float gi = g + (decoupled ? 0.0f : wd) * *p;
      float b1 = (float) c->beta1, b2 = (float) c->beta2;
      float mi = b1 * *m + (1.0f - b1) * gi;
      float vi = b2 * *v + (1.0f - b2) * gi * gi;

      *m = mi;
      *v = vi;
      *p = *p * decay - lr_t * mi / (sqrtf (vi) + eps_hat);
    }
}

/* The dense update against the naive reference, every rule, with and without a mask, weight
 * decay and a cosine schedule: oc_optimizer_update_range over three uneven slices, and
 * oc_optimizer_update_range_clear with the gradient given as two arenas (or one), which must
 * also leave both arenas +0. Sizes miss every vector width (N = 1003). Bit for bit: the same
 * float operations in the same order. */
static void
test_optim_dense_matches_reference (gconstpointer data)
{
  OcOptimKind kind = (OcOptimKind) GPOINTER_TO_INT (data);
  enum { N = 1003, STEPS = 7 };

  for (int variant = 0; variant < 6; variant++)
    {
      gboolean masked = variant % 2 == 1, clear = variant >= 2, two = variant >= 4;
      g_autofree float *p = g_new (float, N), *g0 = g_new (float, N), *g1 = g_new (float, N);
      g_autofree float *rp = g_new (float, N), *rm = g_new0 (float, N), *rv = g_new0 (float, N);
      g_autofree float *mask = g_new (float, N);
      g_autoptr (OcOptimizer) opt = NULL;
      OcOptimConfig cfg;
      OcRng rng;

      oc_rng_init (&rng, 40 + variant, OC_STREAM_USER);
      oc_optim_config_init (&cfg);
      cfg.kind = kind;
      cfg.lr = kind == OC_OPTIM_ADAM || kind == OC_OPTIM_ADAMW ? 1e-2 : 0.1;
      cfg.weight_decay = 0.03;
      cfg.nesterov = variant % 3 == 0;
      cfg.schedule = OC_SCHEDULE_COSINE;
      for (int i = 0; i < N; i++)
        {
          p[i] = rp[i] = (float) (oc_rng_uniform (&rng) - 0.5);
          mask[i] = oc_rng_uniform (&rng) < 0.3 ? 0.0f : 1.0f;
        }
      opt = oc_optimizer_new (&cfg, N, NULL);
      for (guint64 t = 1; t <= STEPS; t++)
        {
          double lr = oc_schedule_lr (&cfg, t - 1, STEPS);
          const gsize cuts[] = { 0, 16, 512, N };

          for (int i = 0; i < N; i++)
            {
              float a = (float) (oc_rng_uniform (&rng) - 0.5), b = (float) (oc_rng_uniform (&rng) - 0.5);

              g0[i] = a;
              g1[i] = two ? b : 0.0f;
              ref_step (kind, &cfg, t, lr, &rp[i], two ? a + b : a, rm + i, rv + i,
                        !masked || mask[i] != 0.0f);
            }
          oc_optimizer_begin_step (opt, lr);
          for (int c = 2; c >= 0; c--)
            if (clear)
              oc_optimizer_update_range_clear (opt, p, g0, two ? g1 : NULL, masked ? mask : NULL,
                                               cuts[c], cuts[c + 1]);
            else
              oc_optimizer_update_range (opt, p, g0, masked ? mask : NULL, cuts[c], cuts[c + 1]);
          for (int i = 0; i < N; i++)
            {
              g_assert_cmpfloat (p[i], ==, rp[i]);
              g_assert_false (masked && mask[i] == 0.0f && signbit (p[i]));
              if (clear)
                g_assert_true (g0[i] == 0.0f && g1[i] == 0.0f && !signbit (g0[i]));
            }
        }
      if (kind != OC_OPTIM_SGD)
        {
          const float *m = oc_optimizer_get_m (opt);

          for (int i = 0; i < N; i++)
            g_assert_cmpfloat (m[i], ==, rm[i]);
        }
      if (kind == OC_OPTIM_ADAM || kind == OC_OPTIM_ADAMW)
        {
          const float *v = oc_optimizer_get_v (opt);

          for (int i = 0; i < N; i++)
            g_assert_cmpfloat (v[i], ==, rv[i]);
        }
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/optim/hand-computed", test_optim_hand_computed);
  g_test_add_func ("/optim/schedules", test_optim_schedules);
  g_test_add_data_func ("/optim/mask/sgd", GINT_TO_POINTER (OC_OPTIM_SGD),
                        test_optim_mask_no_regrowth);
  g_test_add_data_func ("/optim/mask/momentum", GINT_TO_POINTER (OC_OPTIM_MOMENTUM),
                        test_optim_mask_no_regrowth);
  g_test_add_data_func ("/optim/mask/adam", GINT_TO_POINTER (OC_OPTIM_ADAM),
                        test_optim_mask_no_regrowth);
  g_test_add_data_func ("/optim/mask/adamw", GINT_TO_POINTER (OC_OPTIM_ADAMW),
                        test_optim_mask_no_regrowth);
  g_test_add_func ("/optim/names", test_optim_names);
  g_test_add_data_func ("/optim/dense/sgd", GINT_TO_POINTER (OC_OPTIM_SGD),
                        test_optim_dense_matches_reference);
  g_test_add_data_func ("/optim/dense/momentum", GINT_TO_POINTER (OC_OPTIM_MOMENTUM),
                        test_optim_dense_matches_reference);
  g_test_add_data_func ("/optim/dense/adam", GINT_TO_POINTER (OC_OPTIM_ADAM),
                        test_optim_dense_matches_reference);
  g_test_add_data_func ("/optim/dense/adamw", GINT_TO_POINTER (OC_OPTIM_ADAMW),
                        test_optim_dense_matches_reference);
  g_test_add_data_func ("/optim/index/sgd", GINT_TO_POINTER (OC_OPTIM_SGD),
                        test_optim_index_matches_mask);
  g_test_add_data_func ("/optim/index/momentum", GINT_TO_POINTER (OC_OPTIM_MOMENTUM),
                        test_optim_index_matches_mask);
  g_test_add_data_func ("/optim/index/adam", GINT_TO_POINTER (OC_OPTIM_ADAM),
                        test_optim_index_matches_mask);
  g_test_add_data_func ("/optim/index/adamw", GINT_TO_POINTER (OC_OPTIM_ADAMW),
                        test_optim_index_matches_mask);
  return g_test_run ();
}
