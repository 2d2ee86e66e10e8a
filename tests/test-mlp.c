/* test-mlp.c — layout, initialisers, masks and snapshots.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include "occam/oc-error.h"
#include "occam/oc-mlp.h"

static void
test_mlp_layout (void)
{
  const guint sizes[] = { 784, 300, 100, 10 };
  g_autoptr (OcMlp) m = oc_mlp_new (sizes, 4, OC_ACT_RELU, NULL);

  g_assert_nonnull (m);
  g_assert_cmpuint (m->n_layers, ==, 3);
  /* LeNet-300-100: 266,200 weights, 266,610 parameters. */
  g_assert_cmpuint (oc_mlp_total_weights (m), ==, 266200);
  g_assert_cmpuint (oc_mlp_parameter_count (m), ==, 266610);
  for (guint l = 0; l < m->n_layers; l++)
    {
      g_assert_cmpuint (m->w_offset[l] % 16, ==, 0);
      g_assert_cmpuint (m->b_offset[l], >=, m->w_offset[l] + oc_mlp_weight_count (m, l));
      g_assert_cmpuint (m->b_offset[l] + sizes[l + 1], <=, m->n_params);
      if (l > 0)
        g_assert_cmpuint (m->w_offset[l], >=, m->b_offset[l - 1] + sizes[l]);
    }
}

static void
test_mlp_bad_sizes (void)
{
  const guint zero[] = { 10, 0, 3 };
  const guint one[] = { 10 };
  g_autoptr (GError) error = NULL;
  OcMlp *m;

  m = oc_mlp_new (zero, 3, OC_ACT_RELU, &error);
  g_assert_null (m);
  g_assert_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "Layer 1"));
  g_clear_error (&error);
  m = oc_mlp_new (one, 1, OC_ACT_RELU, &error);
  g_assert_null (m);
  g_assert_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT);
}

/* Depth is capped: 64 hidden layers are a network, 65 are refused before anything is allocated. */
static void
test_mlp_depth_cap (void)
{
  guint sizes[OC_MLP_MAX_HIDDEN + 3];
  g_autoptr (GError) error = NULL;
  g_autoptr (OcMlp) deepest = NULL;
  OcMlp *m;

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    sizes[i] = 3;
  deepest = oc_mlp_new (sizes, OC_MLP_MAX_HIDDEN + 2, OC_ACT_RELU, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (deepest->n_layers, ==, OC_MLP_MAX_HIDDEN + 1);

  m = oc_mlp_new (sizes, OC_MLP_MAX_HIDDEN + 3, OC_ACT_RELU, &error);
  g_assert_null (m);
  g_assert_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT);
  g_assert_cmpstr (error->message, ==, "A network has at most 64 hidden layers; this one has 65");
}

/* The memory count follows the layouts it counts: the arena oc_mlp_new allocates, and one
 * arena per gradient, moment and mask. */
static void
test_mlp_memory (void)
{
  const guint lenet[] = { 784, 300, 100, 10 };
  const guint odd[] = { 7, 13, 1, 5, 3 };
  const guint *const shapes[] = { lenet, odd };
  const guint n_sizes[] = { G_N_ELEMENTS (lenet), G_N_ELEMENTS (odd) };

  for (guint i = 0; i < G_N_ELEMENTS (shapes); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (OcMlp) m = oc_mlp_new (shapes[i], n_sizes[i], OC_ACT_RELU, &error);
      OcMlpMemory alone, adam, sgd, masked;
      guint64 arena;

      g_assert_no_error (error);
      arena = (guint64) m->n_params * sizeof (float);
      oc_mlp_memory (shapes[i], n_sizes[i], 0, 0, 0, FALSE, &alone);
      g_assert_cmpuint (alone.params, ==, arena);
      g_assert_cmpuint (alone.gradients + alone.optimizer + alone.mask + alone.activations, ==, 0);
      g_assert_cmpuint (alone.total, ==, alone.params + alone.layers);

      oc_mlp_memory (shapes[i], n_sizes[i], 128, 2, 2, FALSE, &adam);
      g_assert_cmpuint (adam.params, ==, arena);
      g_assert_cmpuint (adam.gradients, ==, 2 * arena);
      g_assert_cmpuint (adam.optimizer, ==, 2 * arena);
      g_assert_cmpuint (adam.mask, ==, 0);
      g_assert_cmpuint (adam.total, ==, adam.params + adam.gradients + adam.optimizer
                                        + adam.activations + adam.layers);
      oc_mlp_memory (shapes[i], n_sizes[i], 128, 2, 0, FALSE, &sgd);
      g_assert_cmpuint (sgd.optimizer, ==, 0);
      g_assert_cmpuint (sgd.activations, ==, adam.activations);
      oc_mlp_memory (shapes[i], n_sizes[i], 128, 2, 2, TRUE, &masked);
      g_assert_cmpuint (masked.mask, ==, arena);
      g_assert_cmpuint (masked.activations, >, adam.activations);
    }

  /* LeNet-300-100, batch 128 on one thread: the batch's 410 activations, two gradient buffers
   * of the widest (300) and 784 inputs per row; 1024-row evaluation chunks of 410 + 784. */
  {
    OcMlpMemory m;

    oc_mlp_memory (lenet, 4, 128, 1, 2, FALSE, &m);
    g_assert_cmpuint (m.activations, ==,
                      (128 * (410 + 2 * 300 + 784) + 1024 * (410 + 784)) * sizeof (float));
  }
}

/* A network too large for any computer is refused before its arena is allocated (a sanitizer
 * would abort on an 8 TiB request), and the message says what it needed. */
static void
test_mlp_too_large (void)
{
  const guint wide[] = { 784, 1u << 20, 1u << 20, 1u << 20, 10 };
  g_autoptr (GError) error = NULL;
  OcMlp *m = oc_mlp_new (wide, G_N_ELEMENTS (wide), OC_ACT_RELU, &error);

  g_assert_null (m);
  g_assert_error (error, OC_ERROR, OC_ERROR_TOO_LARGE);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, "The network 784-1048576-1048576-1048576-10 is "
                                   "too large: it needs 8.0\u00a0TiB (parameters 8.0\u00a0TiB, "));
  g_assert_nonnull (strstr (error->message, "of memory this computer has"));
}

/* Empirical mean and variance of layer 0's weights (and biases) under each initialiser. */
static void
test_mlp_init_statistics (void)
{
  const guint sizes[] = { 400, 600, 10 };
  const struct { OcInit init; double var; double bound; gboolean bias_zero; } cases[] = {
    { OC_INIT_TORCH_DEFAULT, 1.0 / (3 * 400), 1 / sqrt (400), FALSE },
    { OC_INIT_KAIMING_NORMAL, 2.0 / 400, INFINITY, TRUE },
    { OC_INIT_KAIMING_UNIFORM, 2.0 / 400, sqrt (6.0 / 400), TRUE },
    { OC_INIT_GLOROT_NORMAL, 2.0 / 1000, INFINITY, TRUE },
    { OC_INIT_GLOROT_UNIFORM, 2.0 / 1000, sqrt (6.0 / 1000), TRUE },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr (OcMlp) m = oc_mlp_new (sizes, 3, OC_ACT_RELU, NULL);
      OcRng rng;
      const float *w, *b;
      gsize n;
      double sum = 0, sum2 = 0, maxabs = 0, bias_abs = 0;

      oc_rng_init (&rng, c, OC_STREAM_INIT);
      oc_mlp_init_params (m, cases[c].init, &rng);
      w = oc_mlp_weights (m, 0);
      b = oc_mlp_bias (m, 0);
      n = oc_mlp_weight_count (m, 0);
      for (gsize i = 0; i < n; i++)
        {
          sum += w[i];
          sum2 += (double) w[i] * w[i];
          maxabs = MAX (maxabs, fabs (w[i]));
        }
      for (guint j = 0; j < sizes[1]; j++)
        bias_abs = MAX (bias_abs, fabs (b[j]));
      g_assert_cmpfloat (fabs (sum / n), <, 0.05 * sqrt (cases[c].var));
      g_assert_cmpfloat (fabs (sum2 / n / cases[c].var - 1.0), <, 0.02);
      g_assert_cmpfloat (maxabs, <=, cases[c].bound);
      if (cases[c].bias_zero)
        g_assert_cmpfloat (bias_abs, ==, 0.0);
      else
        g_assert_cmpfloat (bias_abs, >, 0.0);
    }
}

static void
test_mlp_init_reproducible (void)
{
  const guint sizes[] = { 20, 30, 5 };
  g_autoptr (OcMlp) a = oc_mlp_new (sizes, 3, OC_ACT_TANH, NULL);
  g_autoptr (OcMlp) b = oc_mlp_new (sizes, 3, OC_ACT_TANH, NULL);
  OcRng r1, r2;

  oc_rng_init (&r1, 11, OC_STREAM_INIT);
  oc_rng_init (&r2, 11, OC_STREAM_INIT);
  oc_mlp_init_params (a, OC_INIT_KAIMING_NORMAL, &r1);
  oc_mlp_init_params (b, OC_INIT_KAIMING_NORMAL, &r2);
  g_assert_cmpmem (a->params, sizeof (float) * a->n_params, b->params, sizeof (float) * b->n_params);
}

static void
test_mlp_mask_and_snapshot (void)
{
  const guint sizes[] = { 8, 6, 3 };
  g_autoptr (OcMlp) m = oc_mlp_new (sizes, 3, OC_ACT_RELU, NULL);
  g_autoptr (OcMlp) copy = NULL;
  g_autofree float *snap = NULL;
  OcRng rng;
  gsize killed = 0;

  oc_rng_init (&rng, 1, OC_STREAM_INIT);
  oc_mlp_init_params (m, OC_INIT_TORCH_DEFAULT, &rng);
  g_assert_cmpuint (oc_mlp_count_alive (m, -1), ==, 8 * 6 + 6 * 3);
  g_assert_true (oc_mlp_enable_mask (m, NULL));
  snap = oc_mlp_snapshot (m, NULL);

  /* Prune every other weight of layer 0 and try to prune the biases, which must survive. */
  for (gsize i = 0; i < oc_mlp_weight_count (m, 0); i += 2, killed++)
    m->mask[m->w_offset[0] + i] = 0.0f;
  for (guint j = 0; j < 6; j++)
    m->mask[m->b_offset[0] + j] = 0.0f;
  oc_mlp_apply_mask (m);
  g_assert_cmpuint (oc_mlp_count_alive (m, 0), ==, 48 - killed);
  g_assert_cmpuint (oc_mlp_count_alive (m, 1), ==, 18);
  for (guint j = 0; j < 6; j++)
    {
      g_assert_cmpfloat (m->mask[m->b_offset[0] + j], ==, 1.0f);
      g_assert_cmpfloat (oc_mlp_bias (m, 0)[j], ==, snap[m->b_offset[0] + j]);
    }
  for (gsize i = 0; i < oc_mlp_weight_count (m, 0); i++)
    g_assert_cmpfloat (oc_mlp_weights (m, 0)[i], ==, i % 2 == 0 ? 0.0f : snap[m->w_offset[0] + i]);

  /* Rewinding restores survivors exactly and keeps pruned weights at zero. */
  for (gsize i = 0; i < m->n_params; i++)
    m->params[i] *= m->mask[i] * 3.0f;
  oc_mlp_restore (m, snap);
  for (gsize i = 0; i < m->n_params; i++)
    g_assert_cmpfloat (m->params[i], ==, m->mask[i] != 0.0f ? snap[i] : 0.0f);

  copy = oc_mlp_dup (m, NULL);
  g_assert_cmpmem (copy->params, sizeof (float) * m->n_params, m->params,
                   sizeof (float) * m->n_params);
  g_assert_cmpmem (copy->mask, sizeof (float) * m->n_params, m->mask, sizeof (float) * m->n_params);
}

static void
test_mlp_names (void)
{
  OcInit init;
  OcActivation act;

  for (int i = OC_INIT_TORCH_DEFAULT; i <= OC_INIT_GLOROT_UNIFORM; i++)
    {
      g_assert_true (oc_init_from_string (oc_init_to_string (i), &init));
      g_assert_cmpint (init, ==, i);
    }
  g_assert_true (oc_init_from_string ("xavier-normal", &init));
  g_assert_cmpint (init, ==, OC_INIT_GLOROT_NORMAL);
  g_assert_false (oc_init_from_string ("lecun", &init));
  g_assert_true (oc_activation_from_string ("tanh", &act));
  g_assert_cmpint (act, ==, OC_ACT_TANH);
  g_assert_false (oc_activation_from_string ("gelu", &act));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/mlp/layout", test_mlp_layout);
  g_test_add_func ("/mlp/bad-sizes", test_mlp_bad_sizes);
  g_test_add_func ("/mlp/depth-cap", test_mlp_depth_cap);
  g_test_add_func ("/mlp/memory", test_mlp_memory);
  g_test_add_func ("/mlp/too-large", test_mlp_too_large);
  g_test_add_func ("/mlp/init-statistics", test_mlp_init_statistics);
  g_test_add_func ("/mlp/init-reproducible", test_mlp_init_reproducible);
  g_test_add_func ("/mlp/mask-and-snapshot", test_mlp_mask_and_snapshot);
  g_test_add_func ("/mlp/names", test_mlp_names);
  return g_test_run ();
}
