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
  g_test_add_func ("/mlp/init-statistics", test_mlp_init_statistics);
  g_test_add_func ("/mlp/init-reproducible", test_mlp_init_reproducible);
  g_test_add_func ("/mlp/mask-and-snapshot", test_mlp_mask_and_snapshot);
  g_test_add_func ("/mlp/names", test_mlp_names);
  return g_test_run ();
}
