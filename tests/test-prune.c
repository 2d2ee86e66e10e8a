/* test-prune.c — pruning arithmetic on hand-made tensors, random masks, SNIP and SynFlow scores
 * against hand-computed values.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include "occam/oc-prune.h"
#include "oc-dataset-private.h"

/* A 3-2-2 network whose weight scores are their position + 1 (layer 0: 1..6, layer 1: 7..10). */
static OcMlp *
small_net (float **scores_out)
{
  const guint sizes[] = { 3, 2, 2 };
  OcMlp *m = oc_mlp_new (sizes, 3, OC_ACT_RELU, NULL);
  float *s = g_new0 (float, m->n_params);
  float v = 1;

  g_assert_true (oc_mlp_enable_mask (m, NULL));
  for (guint l = 0; l < 2; l++)
    for (gsize i = 0; i < oc_mlp_weight_count (m, l); i++)
      {
        m->params[m->w_offset[l] + i] = v;
        s[m->w_offset[l] + i] = v++;
      }
  *scores_out = s;
  return m;
}

static GString *
mask_string (const OcMlp *m)
{
  GString *s = g_string_new (NULL);

  for (guint l = 0; l < m->n_layers; l++)
    {
      for (gsize i = 0; i < oc_mlp_weight_count (m, l); i++)
        g_string_append_c (s, m->mask[m->w_offset[l] + i] != 0 ? '1' : '0');
      if (l + 1 < m->n_layers)
        g_string_append_c (s, '|');
    }
  return s;
}

static void
test_prune_count (void)
{
  g_assert_cmpuint (oc_prune_count (100, 0.2), ==, 20);
  g_assert_cmpuint (oc_prune_count (64, 0.2), ==, 13);  /* ⌈12.8⌉ */
  g_assert_cmpuint (oc_prune_count (5, 0.1), ==, 1);    /* ⌈0.5⌉ */
  g_assert_cmpuint (oc_prune_count (0, 0.2), ==, 0);
  g_assert_cmpuint (oc_prune_count (3, 1.0), ==, 3);
  g_assert_cmpuint (oc_prune_count (10, 0.0), ==, 0);
}

static void
test_prune_layerwise (void)
{
  g_autofree float *s = NULL;
  g_autoptr (OcMlp) m = small_net (&s);
  g_autoptr (GString) str = NULL;
  OcPruneRates r;

  oc_prune_rates_init (&r);
  r.rate = 0.5;        /* layer 0: ⌈3⌉ of 6 */
  r.output_rate = 0.25; /* layer 1: ⌈1⌉ of 4 */
  oc_prune_by_scores (m, s, &r);
  str = mask_string (m);
  g_assert_cmpstr (str->str, ==, "000111|0111");
  /* Pruned weights are zero, survivors untouched, biases never masked. */
  g_assert_cmpfloat (oc_mlp_weights (m, 0)[0], ==, 0.0f);
  g_assert_cmpfloat (oc_mlp_weights (m, 0)[5], ==, 6.0f);
  for (guint l = 0; l < 2; l++)
    for (guint j = 0; j < m->sizes[l + 1]; j++)
      g_assert_cmpfloat (m->mask[m->b_offset[l] + j], ==, 1.0f);

  /* A second level prunes a fraction of what is left: ⌈1.5⌉ = 2 and ⌈0.75⌉ = 1. */
  g_string_free (g_steal_pointer (&str), TRUE);
  oc_prune_by_scores (m, s, &r);
  str = mask_string (m);
  g_assert_cmpstr (str->str, ==, "000001|0011");
}

static void
test_prune_global (void)
{
  g_autofree float *s1 = NULL, *s2 = NULL;
  g_autoptr (OcMlp) a = small_net (&s1);
  g_autoptr (OcMlp) b = small_net (&s2);
  g_autoptr (GString) sa = NULL, sb = NULL;
  OcPruneRates r;

  oc_prune_rates_init (&r);
  r.scope = OC_PRUNE_SCOPE_GLOBAL;
  r.rate = 0.7;
  /* Output excluded: the ranking covers layer 0 only, ⌈4.2⌉ = 5 of 6. */
  r.prune_output = FALSE;
  oc_prune_by_scores (a, s1, &r);
  sa = mask_string (a);
  g_assert_cmpstr (sa->str, ==, "000001|1111");
  /* Output included: ⌈7⌉ of 10 lowest scores across both layers. */
  r.prune_output = TRUE;
  oc_prune_by_scores (b, s2, &r);
  sb = mask_string (b);
  g_assert_cmpstr (sb->str, ==, "000000|0111");
}

static void
test_prune_ties (void)
{
  g_autofree float *s = NULL;
  g_autoptr (OcMlp) m = small_net (&s);
  g_autoptr (GString) str = NULL;
  OcPruneRates r;

  /* All equal: the earliest positions go first, so the mask is reproducible. */
  for (gsize i = 0; i < m->n_params; i++)
    s[i] = 1.0f;
  oc_prune_rates_init (&r);
  r.rate = 0.5;
  r.prune_output = FALSE;
  oc_prune_by_scores (m, s, &r);
  str = mask_string (m);
  g_assert_cmpstr (str->str, ==, "000111|1111");
}

static void
test_prune_density_after_levels (void)
{
  const guint sizes[] = { 784, 300, 100, 10 };
  g_autoptr (OcMlp) m = oc_mlp_new (sizes, 4, OC_ACT_RELU, NULL);
  g_autofree float *s = g_new (float, m->n_params);
  OcPruneRates r;
  OcRng rng;

  oc_rng_init (&rng, 1, OC_STREAM_INIT);
  oc_mlp_init_params (m, OC_INIT_GLOROT_NORMAL, &rng);
  oc_mlp_enable_mask (m, NULL);
  oc_prune_rates_init (&r);
  for (int level = 1; level <= 7; level++)
    {
      oc_prune_scores_magnitude (m, s);
      oc_prune_by_scores (m, s, &r);
    }
  /* Hidden layers at 0.8⁷ = 21.0 %, output at 0.9⁷ = 47.8 %, total ≈ 21.1 % as in the paper. */
  g_assert_cmpfloat (fabs (oc_prune_density (m, 0) - pow (0.8, 7)), <, 1e-3);
  g_assert_cmpfloat (fabs (oc_prune_density (m, 2) - pow (0.9, 7)), <, 2e-2);
  g_assert_cmpfloat (fabs (oc_prune_density (m, -1) - 0.211), <, 2e-3);
}

static void
test_prune_random_mask (void)
{
  const guint sizes[] = { 50, 40, 10 };
  g_autoptr (OcMlp) a = oc_mlp_new (sizes, 3, OC_ACT_RELU, NULL);
  g_autoptr (OcMlp) b = oc_mlp_new (sizes, 3, OC_ACT_RELU, NULL);
  const gsize alive[] = { 500, 123 };
  OcRng r1, r2;

  oc_mlp_enable_mask (a, NULL);
  oc_mlp_enable_mask (b, NULL);
  oc_rng_init (&r1, 1, OC_STREAM_MASK);
  oc_rng_init (&r2, 2, OC_STREAM_MASK);
  oc_prune_random_mask (a, alive, &r1);
  oc_prune_random_mask (b, alive, &r2);
  g_assert_cmpuint (oc_mlp_count_alive (a, 0), ==, 500);
  g_assert_cmpuint (oc_mlp_count_alive (a, 1), ==, 123);
  g_assert_cmpuint (oc_mlp_count_alive (b, 0), ==, 500);
  /* Two random masks at 25 % density overlap by about 1/7 (IoU of independent sets). */
  g_assert_cmpfloat (oc_prune_mask_iou (a, b, 0), >, 0.08);
  g_assert_cmpfloat (oc_prune_mask_iou (a, b, 0), <, 0.22);
  g_assert_cmpfloat (oc_prune_mask_iou (a, a, -1), ==, 1.0);
}

static void
test_prune_snip (void)
{
  /* A linear 2-2 network W = I, x = (1, 2), label 0: p = softmax(1, 2), g = (p − e₀)xᵀ,
   * SNIP = |g ⊙ W| = (|p₀ − 1|·1, 0, 0, p₁·2). */
  const guint sizes[] = { 2, 2 };
  g_autoptr (OcMlp) m = oc_mlp_new (sizes, 2, OC_ACT_RELU, NULL);
  g_autofree float *s = g_new0 (float, m->n_params);
  OcDataset ds = { 0 };
  double p1 = exp (2.0) / (exp (1.0) + exp (2.0));

  ds.name = (char *) "hand";
  ds.dim = 2;
  ds.n_classes = 2;
  ds.n_groups = 1;
  g_assert_true (oc_split_alloc (&ds.train, 1, 2, 1, "train", NULL));
  ds.train.x[0] = 1;
  ds.train.x[1] = 2;
  ds.train.y[0] = 0;
  oc_mlp_weights (m, 0)[0] = 1;
  oc_mlp_weights (m, 0)[3] = 1;
  g_assert_true (oc_prune_scores_snip (m, OC_LOSS_CE, &ds, &ds.train, 10, s, NULL));
  g_assert_cmpfloat_with_epsilon (s[m->w_offset[0] + 0], p1, 1e-6);
  g_assert_cmpfloat (s[m->w_offset[0] + 1], ==, 0.0f);
  g_assert_cmpfloat (s[m->w_offset[0] + 2], ==, 0.0f);
  g_assert_cmpfloat_with_epsilon (s[m->w_offset[0] + 3], 2 * p1, 1e-6);
  oc_split_clear (&ds.train);
}

static void
test_prune_synflow (void)
{
  /* W1 = [[1, 2], [3, 4]], W2 = [[5, 6]]: a₁ = (3, 7), R = 57, g₁ = (5, 6).
   * Scores: layer 0 = (5, 10, 18, 24), layer 1 = (15, 42); each layer's scores sum to R. */
  const guint sizes[] = { 2, 2, 1 };
  g_autoptr (OcMlp) m = oc_mlp_new (sizes, 3, OC_ACT_RELU, NULL);
  g_autofree float *s = g_new0 (float, m->n_params);
  const float w1[] = { 1, -2, 3, 4 }, w2[] = { 5, -6 };
  const float want0[] = { 5, 10, 18, 24 }, want1[] = { 15, 42 };

  memcpy (oc_mlp_weights (m, 0), w1, sizeof w1);
  memcpy (oc_mlp_weights (m, 1), w2, sizeof w2);
  oc_prune_scores_synflow (m, s);
  for (int i = 0; i < 4; i++)
    g_assert_cmpfloat_with_epsilon (s[m->w_offset[0] + i], want0[i], 1e-5);
  for (int i = 0; i < 2; i++)
    g_assert_cmpfloat_with_epsilon (s[m->w_offset[1] + i], want1[i], 1e-5);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/prune/count", test_prune_count);
  g_test_add_func ("/prune/layerwise", test_prune_layerwise);
  g_test_add_func ("/prune/global", test_prune_global);
  g_test_add_func ("/prune/ties", test_prune_ties);
  g_test_add_func ("/prune/density-after-levels", test_prune_density_after_levels);
  g_test_add_func ("/prune/random-mask", test_prune_random_mask);
  g_test_add_func ("/prune/snip", test_prune_snip);
  g_test_add_func ("/prune/synflow", test_prune_synflow);
  return g_test_run ();
}
