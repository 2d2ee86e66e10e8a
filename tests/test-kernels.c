/* test-kernels.c — every kernel against a naive double-precision reference, and the whole
 * network's gradient against central finite differences.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include "occam/oc-train.h"
#include "oc-kernels.h"

static void
fill (float *a, gsize n, OcRng *rng, double scale)
{
  for (gsize i = 0; i < n; i++)
    a[i] = (float) (oc_rng_normal (rng) * scale);
}

static void
assert_close (const float *got, const double *want, gsize n, double rtol, double atol)
{
  for (gsize i = 0; i < n; i++)
    if (fabs (got[i] - want[i]) > atol + rtol * fabs (want[i]))
      g_error ("element %" G_GSIZE_FORMAT ": got %.9g, want %.9g", i, got[i], want[i]);
}

/* Odd sizes on purpose: they miss every SIMD and GEMM block boundary. */
enum { NB = 13, NI = 37, NO = 11 };

static void
test_linear_forward (void)
{
  float x[NB * NI], w[NO * NI], y[NB * NO];
  double ref[NB * NO];
  OcRng rng;

  oc_rng_init (&rng, 1, OC_STREAM_USER);
  fill (x, G_N_ELEMENTS (x), &rng, 1.0);
  fill (w, G_N_ELEMENTS (w), &rng, 1.0);
  oc_linear_forward (y, x, w, NB, NI, NO);
  for (int r = 0; r < NB; r++)
    for (int o = 0; o < NO; o++)
      {
        double s = 0;

        for (int i = 0; i < NI; i++)
          s += (double) x[r * NI + i] * w[o * NI + i];
        ref[r * NO + o] = s;
      }
  assert_close (y, ref, G_N_ELEMENTS (y), 1e-5, 1e-5);
}

static void
test_linear_backward (void)
{
  float x[NB * NI], w[NO * NI], dy[NB * NO], dw[NO * NI], dx[NB * NI];
  double ref_dw[NO * NI], ref_dx[NB * NI];
  OcRng rng;

  oc_rng_init (&rng, 2, OC_STREAM_USER);
  fill (x, G_N_ELEMENTS (x), &rng, 1.0);
  fill (w, G_N_ELEMENTS (w), &rng, 1.0);
  fill (dy, G_N_ELEMENTS (dy), &rng, 1.0);
  /* dw is overwritten: stale values must not leak in. */
  for (gsize i = 0; i < G_N_ELEMENTS (dw); i++)
    dw[i] = 0.5f;
  oc_linear_backward_weights (dw, dy, x, NB, NI, NO, FALSE);
  oc_linear_backward_input (dx, dy, w, NB, NI, NO);
  for (int o = 0; o < NO; o++)
    for (int i = 0; i < NI; i++)
      {
        double s = 0;

        for (int r = 0; r < NB; r++)
          s += (double) dy[r * NO + o] * x[r * NI + i];
        ref_dw[o * NI + i] = s;
      }
  for (int r = 0; r < NB; r++)
    for (int i = 0; i < NI; i++)
      {
        double s = 0;

        for (int o = 0; o < NO; o++)
          s += (double) dy[r * NO + o] * w[o * NI + i];
        ref_dx[r * NI + i] = s;
      }
  assert_close (dw, ref_dw, G_N_ELEMENTS (dw), 1e-5, 1e-5);
  assert_close (dx, ref_dx, G_N_ELEMENTS (dx), 1e-5, 1e-5);
  /* Accumulating adds the same product to what dw holds: onto zeros it gives the overwriting
   * result bit for bit (training relies on it), onto 0.5 the reference plus 0.5. */
  {
    float acc[NO * NI];

    memset (acc, 0, sizeof acc);
    oc_linear_backward_weights (acc, dy, x, NB, NI, NO, TRUE);
    g_assert_cmpmem (acc, sizeof acc, dw, sizeof dw);
    for (gsize i = 0; i < G_N_ELEMENTS (acc); i++)
      {
        acc[i] = 0.5f;
        ref_dw[i] += 0.5;
      }
    oc_linear_backward_weights (acc, dy, x, NB, NI, NO, TRUE);
    assert_close (acc, ref_dw, G_N_ELEMENTS (acc), 1e-5, 1e-5);
  }
}

static void
test_bias_act (gconstpointer data)
{
  OcKernelAct act = GPOINTER_TO_INT (data);
  float y[NB * NO], b[NO], dy[NB * NO], db[NO];
  double ref[NB * NO], ref_dy[NB * NO], ref_db[NO];
  OcRng rng;

  oc_rng_init (&rng, 3 + act, OC_STREAM_USER);
  fill (y, G_N_ELEMENTS (y), &rng, 1.0);
  fill (b, G_N_ELEMENTS (b), &rng, 1.0);
  fill (dy, G_N_ELEMENTS (dy), &rng, 1.0);
  for (int o = 0; o < NO; o++)
    {
      db[o] = 0.25f; /* overwritten */
      ref_db[o] = 0;
    }
  for (int r = 0; r < NB; r++)
    for (int o = 0; o < NO; o++)
      {
        double z = (double) y[r * NO + o] + b[o], a, g;

        a = act == OC_KACT_RELU ? (z > 0 ? z : 0) : act == OC_KACT_TANH ? tanh (z) : z;
        g = act == OC_KACT_RELU ? (z > 0 ? dy[r * NO + o] : 0)
          : act == OC_KACT_TANH ? dy[r * NO + o] * (1 - tanh (z) * tanh (z))
          : dy[r * NO + o];
        ref[r * NO + o] = a;
        ref_dy[r * NO + o] = g;
        ref_db[o] += g;
      }
  oc_bias_act_forward (y, b, NB, NO, act);
  assert_close (y, ref, G_N_ELEMENTS (y), 1e-6, 1e-6);
  oc_bias_act_backward (dy, db, y, NB, NO, act);
  assert_close (dy, ref_dy, G_N_ELEMENTS (dy), 1e-5, 1e-6);
  assert_close (db, ref_db, G_N_ELEMENTS (db), 1e-5, 1e-5);
}

enum { G = 3, K = 5 };

static void
test_softmax_ce (void)
{
  float z[NB * G * K], d[NB * G * K];
  double ref_d[NB * G * K], ref_loss = 0;
  gint32 y[NB * G];
  int wrong, ref_wrong = 0;
  double loss;
  OcRng rng;

  oc_rng_init (&rng, 9, OC_STREAM_USER);
  fill (z, G_N_ELEMENTS (z), &rng, 3.0);
  for (int i = 0; i < NB * G; i++)
    y[i] = (gint32) oc_rng_below (&rng, K);
  /* A huge logit must not overflow exp(). */
  z[0] = 1000.0f;
  for (int r = 0; r < NB; r++)
    {
      gboolean row_wrong = FALSE;

      for (int g = 0; g < G; g++)
        {
          const float *zz = z + (r * G + g) * K;
          double m = zz[0], s = 0;
          int am = 0;

          for (int k = 1; k < K; k++)
            {
              m = MAX (m, zz[k]);
              if (zz[k] > zz[am])
                am = k;
            }
          for (int k = 0; k < K; k++)
            s += exp (zz[k] - m);
          ref_loss += log (s) - (zz[y[r * G + g]] - m);
          for (int k = 0; k < K; k++)
            ref_d[(r * G + g) * K + k] = 0.5 * (exp (zz[k] - m) / s - (k == y[r * G + g]));
          row_wrong |= am != y[r * G + g];
        }
      ref_wrong += row_wrong;
    }
  loss = oc_softmax_ce (d, z, y, NB, G, K, 0.5f, &wrong);
  g_assert_cmpfloat_with_epsilon (loss, ref_loss, 1e-4 * fabs (ref_loss));
  g_assert_cmpint (wrong, ==, ref_wrong);
  assert_close (d, ref_d, G_N_ELEMENTS (d), 1e-5, 1e-6);
  /* Forward-only gives the same loss. */
  g_assert_cmpfloat_with_epsilon (oc_softmax_ce (NULL, z, y, NB, G, K, 1, NULL), loss, 1e-9);
}

static void
test_mse (void)
{
  float o[NB * G * K], d[NB * G * K];
  double ref_d[NB * G * K], ref_loss = 0;
  gint32 y[NB * G];
  OcRng rng;

  oc_rng_init (&rng, 10, OC_STREAM_USER);
  fill (o, G_N_ELEMENTS (o), &rng, 1.0);
  for (int i = 0; i < NB * G; i++)
    y[i] = (gint32) oc_rng_below (&rng, K);
  for (int i = 0; i < NB * G * K; i++)
    {
      double diff = o[i] - ((i % K) == y[i / K]);

      ref_loss += diff * diff;
      ref_d[i] = 2 * diff * 0.25;
    }
  g_assert_cmpfloat_with_epsilon (oc_mse_onehot (d, o, y, NB, G, K, 0.25f, NULL), ref_loss,
                                  1e-5 * ref_loss);
  assert_close (d, ref_d, G_N_ELEMENTS (d), 1e-5, 1e-6);
}

/* One row through the network in double precision: a[max width] ends with the logits; z is
 * scratch of the same size. */
static void
reference_forward (const OcMlp *m, const double *theta, const float *x, double *a, double *z)
{
  for (guint i = 0; i < m->sizes[0]; i++)
    a[i] = x[i];
  for (guint l = 0; l < m->n_layers; l++)
    {
      const double *w = theta + m->w_offset[l], *b = theta + m->b_offset[l];

      for (guint o = 0; o < m->sizes[l + 1]; o++)
        {
          double s = b[o];

          for (guint i = 0; i < m->sizes[l]; i++)
            s += w[o * m->sizes[l] + i] * a[i];
          z[o] = l + 1 == m->n_layers ? s : m->activation == OC_ACT_TANH ? tanh (s)
                                                                         : (s > 0 ? s : 0);
        }
      memcpy (a, z, sizeof (double) * m->sizes[l + 1]);
    }
}

static guint
max_width (const OcMlp *m)
{
  guint max_w = 0;

  for (guint l = 0; l <= m->n_layers; l++)
    max_w = MAX (max_w, m->sizes[l]);
  return max_w;
}

/* The whole network: analytic gradient (float) against central differences of a double-precision
 * reference forward pass. */
static double
reference_loss (const OcMlp *m, const double *theta, const float *x, const gint32 *y, int nb,
                int g_groups, int k, OcLoss loss)
{
  double total = 0;
  guint max_w = max_width (m);

  for (int r = 0; r < nb; r++)
    {
      g_autofree double *a = g_new0 (double, max_w);
      g_autofree double *z = g_new0 (double, max_w);

      reference_forward (m, theta, x + (gsize) r * m->sizes[0], a, z);
      for (int g = 0; g < g_groups; g++)
        {
          const double *zz = a + g * k;
          int label = y[r * g_groups + g];

          if (loss == OC_LOSS_CE)
            {
              double mx = zz[0], s = 0;

              for (int c = 1; c < k; c++)
                mx = MAX (mx, zz[c]);
              for (int c = 0; c < k; c++)
                s += exp (zz[c] - mx);
              total += log (s) - (zz[label] - mx);
            }
          else
            for (int c = 0; c < k; c++)
              total += (zz[c] - (c == label)) * (zz[c] - (c == label)) / ((double) g_groups * k);
        }
    }
  return total / nb;
}

static void
test_network_gradient (gconstpointer data)
{
  int variant = GPOINTER_TO_INT (data);
  OcActivation act = variant & 1 ? OC_ACT_TANH : OC_ACT_RELU;
  OcLoss loss = variant & 2 ? OC_LOSS_MSE : OC_LOSS_CE;
  const guint sizes[] = { 6, 7, 5, G * K };
  const int nb = 4;
  g_autoptr (OcMlp) m = oc_mlp_new (sizes, G_N_ELEMENTS (sizes), act, NULL);
  g_autofree float *grads = g_new0 (float, m->n_params);
  g_autofree double *theta = g_new0 (double, m->n_params);
  float x[4 * 6];
  gint32 y[4 * G];
  double loss_value, ref;
  OcRng rng;
  int checked = 0;

  oc_rng_init (&rng, 20 + variant, OC_STREAM_USER);
  oc_mlp_init_params (m, OC_INIT_GLOROT_NORMAL, &rng);
  /* Non-zero biases so every term of the gradient is exercised. */
  for (guint l = 0; l < m->n_layers; l++)
    fill (oc_mlp_bias (m, l), m->sizes[l + 1], &rng, 0.3);
  fill (x, G_N_ELEMENTS (x), &rng, 1.0);
  for (int i = 0; i < nb * G; i++)
    y[i] = (gint32) oc_rng_below (&rng, K);

  g_assert_true (oc_mlp_gradient (m, loss, G, K, x, y, nb, grads, &loss_value, NULL));
  for (gsize i = 0; i < m->n_params; i++)
    theta[i] = m->params[i];
  ref = reference_loss (m, theta, x, y, nb, G, K, loss);
  g_assert_cmpfloat (fabs (loss_value - ref), <, 1e-5 * MAX (1.0, fabs (ref)));

  for (guint l = 0; l < m->n_layers; l++)
    {
      gsize blocks[2][2] = { { m->w_offset[l], oc_mlp_weight_count (m, l) },
                             { m->b_offset[l], m->sizes[l + 1] } };

      for (int b = 0; b < 2; b++)
        for (gsize j = 0; j < blocks[b][1]; j++)
          {
            gsize i = blocks[b][0] + j;
            const double h = 1e-5;
            double saved = theta[i], up, down, num;

            theta[i] = saved + h;
            up = reference_loss (m, theta, x, y, nb, G, K, loss);
            theta[i] = saved - h;
            down = reference_loss (m, theta, x, y, nb, G, K, loss);
            theta[i] = saved;
            num = (up - down) / (2 * h);
            if (fabs (grads[i] - num) > 2e-4 + 2e-3 * fabs (num))
              g_error ("layer %u %s %" G_GSIZE_FORMAT ": analytic %.7g, numeric %.7g", l,
                       b ? "bias" : "weight", j, grads[i], num);
            checked++;
          }
    }
  g_assert_cmpint (checked, ==, (int) oc_mlp_parameter_count (m));
}

/* Batched prediction: every logit against the double-precision reference, at sizes that miss
 * the GEMM blocks and with more rows than one chunk (the last chunk ragged); then the logits
 * scored on the host against oc_evaluate, which scores the same rows through the training
 * workspace: the same loss to the last bits shows both ran the same kernels on the same chunks. */
static void
test_predict (gconstpointer data)
{
  static const guint deep[] = { 37, 29, 13, 11 }, flat[] = { 5, 3 };
  gboolean tanh_net = GPOINTER_TO_INT (data) == 1, linear = GPOINTER_TO_INT (data) == 2;
  const guint *sizes = linear ? flat : deep;
  guint n_sizes = linear ? G_N_ELEMENTS (flat) : G_N_ELEMENTS (deep);
  const guint n = 2 * OC_MLP_PREDICT_CHUNK + 77;
  g_autoptr (OcMlp) m = oc_mlp_new (sizes, n_sizes, tanh_net ? OC_ACT_TANH : OC_ACT_RELU, NULL);
  guint dim = sizes[0], n_out = sizes[n_sizes - 1], max_w = max_width (m);
  g_autofree float *x = g_new (float, (gsize) n * dim);
  g_autofree gint32 *y = g_new (gint32, n);
  g_autofree float *logits = g_new (float, (gsize) n * n_out);
  g_autofree double *theta = g_new (double, m->n_params);
  g_autofree double *a = g_new0 (double, max_w);
  g_autofree double *z = g_new0 (double, max_w);
  g_autoptr (GError) error = NULL;
  OcDataset ds = { .name = (char *) "synthetic", .dim = dim, .n_classes = n_out, .n_groups = 1 };
  double host_loss = 0, eval_loss, eval_error;
  int wrong = 0;
  OcRng rng;

  oc_rng_init (&rng, 7, OC_STREAM_USER);
  oc_mlp_init_params (m, OC_INIT_KAIMING_NORMAL, &rng);
  /* Kaiming leaves biases at 0: give them values so a bias slip shows. */
  for (guint l = 0; l < m->n_layers; l++)
    fill (oc_mlp_bias (m, l), sizes[l + 1], &rng, 0.5);
  fill (x, (gsize) n * dim, &rng, 1.0);
  for (guint i = 0; i < n; i++)
    y[i] = (gint32) oc_rng_below (&rng, n_out);
  for (gsize i = 0; i < m->n_params; i++)
    theta[i] = m->params[i];

  g_assert_true (oc_mlp_predict (m, x, n, logits, &error));
  g_assert_no_error (error);
  for (guint r = 0; r < n; r++)
    {
      reference_forward (m, theta, x + (gsize) r * dim, a, z);
      assert_close (logits + (gsize) r * n_out, a, n_out, 1e-4, 1e-5);
    }

  for (guint start = 0; start < n; start += OC_MLP_PREDICT_CHUNK)
    {
      int nb = (int) MIN (OC_MLP_PREDICT_CHUNK, n - start);
      int chunk_wrong = 0;

      host_loss += oc_softmax_ce (NULL, logits + (gsize) start * n_out, y + start, nb, 1,
                                  (int) n_out, 1.0f, &chunk_wrong);
      wrong += chunk_wrong;
    }
  host_loss /= n;
  ds.test.n = n;
  ds.test.x = x;
  ds.test.y = y;
  g_assert_true (oc_evaluate (m, OC_LOSS_CE, &ds, &ds.test, &eval_loss, &eval_error, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (host_loss, ==, eval_loss);
  g_assert_cmpfloat ((double) wrong / n, ==, eval_error);

  /* No rows: nothing to compute, nothing touched. */
  g_assert_true (oc_mlp_predict (m, NULL, 0, NULL, &error));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/kernels/linear-forward", test_linear_forward);
  g_test_add_func ("/kernels/linear-backward", test_linear_backward);
  g_test_add_data_func ("/kernels/bias-relu", GINT_TO_POINTER (OC_KACT_RELU), test_bias_act);
  g_test_add_data_func ("/kernels/bias-tanh", GINT_TO_POINTER (OC_KACT_TANH), test_bias_act);
  g_test_add_data_func ("/kernels/bias-none", GINT_TO_POINTER (OC_KACT_NONE), test_bias_act);
  g_test_add_func ("/kernels/softmax-ce", test_softmax_ce);
  g_test_add_func ("/kernels/mse", test_mse);
  g_test_add_data_func ("/kernels/gradient/relu-ce", GINT_TO_POINTER (0), test_network_gradient);
  g_test_add_data_func ("/kernels/gradient/tanh-ce", GINT_TO_POINTER (1), test_network_gradient);
  g_test_add_data_func ("/kernels/gradient/relu-mse", GINT_TO_POINTER (2), test_network_gradient);
  g_test_add_data_func ("/kernels/gradient/tanh-mse", GINT_TO_POINTER (3), test_network_gradient);
  g_test_add_data_func ("/kernels/predict/relu", GINT_TO_POINTER (0), test_predict);
  g_test_add_data_func ("/kernels/predict/tanh", GINT_TO_POINTER (1), test_predict);
  g_test_add_data_func ("/kernels/predict/linear", GINT_TO_POINTER (2), test_predict);
  return g_test_run ();
}
