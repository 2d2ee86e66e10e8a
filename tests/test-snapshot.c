/* test-snapshot.c — weight-magnitude histograms and decision-boundary grids (oc-snapshot.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>

#include "occam/oc-snapshot.h"

static OcMlp *
random_mlp (const guint *sizes, guint n_sizes, guint64 seed)
{
  OcMlp *m = oc_mlp_new (sizes, n_sizes, OC_ACT_TANH, NULL);
  OcRng rng;

  oc_rng_init (&rng, seed, OC_STREAM_USER);
  oc_mlp_init_params (m, OC_INIT_TORCH_DEFAULT, &rng);
  return m;
}

/* Every weight is counted once: in a bin, or as an exact zero (pruned). */
static void
test_weight_hist_counts (void)
{
  static const guint sizes[] = { 9, 17, 4 };
  g_autoptr (OcMlp) m = random_mlp (sizes, G_N_ELEMENTS (sizes), 3);
  g_autoptr (OcWeightHist) h = NULL;

  g_assert_true (oc_mlp_enable_mask (m, NULL));
  for (gsize i = 0; i < 20; i++)
    m->mask[m->w_offset[1] + i] = 0;
  oc_mlp_apply_mask (m);
  h = oc_weight_hist_new (m);
  g_assert_cmpuint (h->n_layers, ==, 2);
  g_assert_cmpuint (h->n_bins, ==, OC_WEIGHT_HIST_BINS);
  g_assert_cmpfloat (h->log_hi - h->log_lo, ==, 4.0);
  for (guint l = 0; l < h->n_layers; l++)
    {
      guint64 total = h->zeros[l];

      for (guint b = 0; b < h->n_bins; b++)
        total += h->counts[(gsize) l * h->n_bins + b];
      g_assert_cmpuint (total, ==, oc_mlp_weight_count (m, l));
      g_assert_cmpuint (h->fan_in[l], ==, sizes[l]);
      g_assert_cmpuint (h->fan_out[l], ==, sizes[l + 1]);
    }
  g_assert_cmpuint (h->zeros[0], ==, 0);
  g_assert_cmpuint (h->zeros[1], ==, 20);
}

/* A two-class boundary is the softmax probability of class 1 at each cell centre, computed here
 * in double precision; a wider output gives the argmax. */
static void
test_boundary_values (void)
{
  static const guint two[] = { 2, 13, 2 }, three[] = { 2, 7, 3 }, wide[] = { 3, 4, 2 };
  g_autoptr (OcMlp) m2 = random_mlp (two, G_N_ELEMENTS (two), 5);
  g_autoptr (OcMlp) m3 = random_mlp (three, G_N_ELEMENTS (three), 6);
  g_autoptr (OcMlp) m_wide = random_mlp (wide, G_N_ELEMENTS (wide), 7);
  g_autoptr (OcBoundary) b2 = NULL;
  g_autoptr (OcBoundary) b3 = NULL;
  OcBoundaryGrid grid = { -2, 3, -1, 1, 11, 5 };
  guint n_class[3] = { 0 };

  b2 = oc_boundary_new (m2, &grid);
  g_assert_nonnull (b2);
  g_assert_cmpuint (b2->n_classes, ==, 2);
  for (guint j = 0; j < grid.ny; j++)
    for (guint i = 0; i < grid.nx; i++)
      {
        double in[2] = { (float) (-2 + 5 * (i + 0.5) / 11), (float) (-1 + 2 * (j + 0.5) / 5) };
        double h[13], z[2];

        for (guint o = 0; o < 13; o++)
          {
            const float *w = oc_mlp_weights (m2, 0) + o * 2;

            h[o] = tanh (oc_mlp_bias (m2, 0)[o] + w[0] * in[0] + w[1] * in[1]);
          }
        for (guint o = 0; o < 2; o++)
          {
            const float *w = oc_mlp_weights (m2, 1) + o * 13;

            z[o] = oc_mlp_bias (m2, 1)[o];
            for (guint k = 0; k < 13; k++)
              z[o] += w[k] * h[k];
          }
        g_assert_cmpfloat_with_epsilon (b2->values[j * grid.nx + i], 1 / (1 + exp (z[0] - z[1])),
                                        1e-5);
      }

  b3 = oc_boundary_new (m3, &grid);
  g_assert_nonnull (b3);
  g_assert_cmpuint (b3->n_classes, ==, 3);
  for (guint c = 0; c < grid.nx * grid.ny; c++)
    {
      float v = b3->values[c];

      g_assert_true (v == 0 || v == 1 || v == 2);
      n_class[(guint) v]++;
    }
  g_assert_cmpuint (n_class[0] + n_class[1] + n_class[2], ==, 55);

  /* Three inputs: no plane to draw. */
  g_assert_null (oc_boundary_new (m_wide, &grid));
}

/* The grid covers the training points with an 8 % margin on each side. */
static void
test_boundary_grid (void)
{
  float x[] = { 0, 0, 10, 5, 4, -5 };
  OcSplit split = { .n = 3, .x = x };
  OcBoundaryGrid g;

  oc_boundary_grid_for_split (&g, &split, OC_BOUNDARY_GRID_SIDE);
  g_assert_cmpfloat_with_epsilon (g.x0, -0.8, 1e-12);
  g_assert_cmpfloat_with_epsilon (g.x1, 10.8, 1e-12);
  g_assert_cmpfloat_with_epsilon (g.y0, -5.8, 1e-12);
  g_assert_cmpfloat_with_epsilon (g.y1, 5.8, 1e-12);
  g_assert_cmpuint (g.nx, ==, OC_BOUNDARY_GRID_SIDE);
  g_assert_cmpuint (g.ny, ==, OC_BOUNDARY_GRID_SIDE);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/snapshot/weight-hist-counts", test_weight_hist_counts);
  g_test_add_func ("/snapshot/boundary-values", test_boundary_values);
  g_test_add_func ("/snapshot/boundary-grid", test_boundary_grid);
  return g_test_run ();
}
