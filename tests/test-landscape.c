/* test-landscape.c — loss landscapes: exact values at the trained weights and the line's ends,
 * the first-layer decomposition against full forward passes and an independent double-precision
 * loss, filter normalisation and its invariance to rescaling a ReLU unit, PCA of a trajectory,
 * checkpoints during training, grids, and the landscape kind from spec to store.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "occam/oc-error.h"
#include "occam/oc-experiment.h"
#include "occam/oc-landscape.h"
#include "occam/oc-landscape-spec.h"
#include "oc-dataset-private.h"

/* Gaussian clusters in @dim dimensions; splits of more than one evaluation chunk (1024 rows) so
 * that exactness is tested across chunk boundaries. */
static OcDataset *
make_clusters (guint dim, guint k, guint n_train, guint n_test, guint64 seed)
{
  OcDataset *ds = g_new0 (OcDataset, 1);
  g_autofree float *centers = g_new (float, (gsize) k * dim);
  OcSplit *splits[] = { &ds->train, &ds->test };
  guint sizes[] = { n_train, n_test };
  OcRng rng;

  ds->name = g_strdup ("clusters");
  ds->source = g_strdup ("generated");
  ds->dim = dim;
  ds->n_classes = k;
  ds->n_groups = 1;
  ds->class_names = oc_class_names_numbered (k);
  oc_rng_init (&rng, seed, OC_STREAM_USER);
  for (guint i = 0; i < k * dim; i++)
    centers[i] = (float) oc_rng_normal (&rng) * 0.7f;
  for (guint s = 0; s < 2; s++)
    {
      g_assert_true (oc_split_alloc (splits[s], sizes[s], dim, 1, "test", NULL));
      for (guint i = 0; i < sizes[s]; i++)
        {
          guint c = oc_rng_below (&rng, k);

          splits[s]->y[i] = (gint32) c;
          for (guint d = 0; d < dim; d++)
            splits[s]->x[(gsize) i * dim + d] = centers[c * dim + d] + (float) oc_rng_normal (&rng);
        }
    }
  return ds;
}

static OcMlp *
make_model (const OcDataset *ds, const guint *hidden, guint n_hidden, OcActivation act,
            guint64 seed)
{
  g_autofree guint *sizes = g_new (guint, n_hidden + 2);
  OcMlp *m;
  OcRng rng;

  sizes[0] = ds->dim;
  for (guint i = 0; i < n_hidden; i++)
    sizes[i + 1] = hidden[i];
  sizes[n_hidden + 1] = ds->n_classes;
  m = oc_mlp_new (sizes, n_hidden + 2, act, NULL);
  g_assert_nonnull (m);
  oc_rng_init (&rng, seed, OC_STREAM_INIT);
  oc_mlp_init_params (m, OC_INIT_TORCH_DEFAULT, &rng);
  return m;
}

/* The reference: oc_evaluate on the first @n examples of a split. */
static void
reference (const OcMlp *m, OcLoss loss, const OcDataset *ds, const OcSplit *split, guint n,
           double *l, double *e)
{
  OcSplit head = *split;
  g_autoptr (GError) error = NULL;

  head.n = MIN (n, split->n);
  g_assert_true (oc_evaluate (m, loss, ds, &head, l, e, &error));
  g_assert_no_error (error);
}

static void
assert_exact (const OcLandscapeValue *v, const OcMlp *m, OcLoss loss, const OcDataset *ds,
              guint n)
{
  double l, e;

  reference (m, loss, ds, &ds->train, n, &l, &e);
  /* Bit for bit: == on doubles, not a tolerance. */
  g_assert_true (v->train_loss == l);
  g_assert_true (v->train_error == e);
  reference (m, loss, ds, &ds->test, n, &l, &e);
  g_assert_true (v->test_loss == l);
  g_assert_true (v->test_error == e);
}

/* The trained network trained a little, so that its loss is not the initial one. */
static OcMlp *
trained_model (const OcDataset *ds, const guint *hidden, guint n_hidden, OcActivation act,
               OcLoss loss, guint64 seed)
{
  OcTrainConfig cfg;
  g_autoptr (OcTrainResult) r = NULL;
  g_autoptr (GError) error = NULL;
  OcMlp *m;

  oc_train_config_init (&cfg);
  cfg.hidden = hidden;
  cfg.n_hidden = n_hidden;
  cfg.activation = act;
  cfg.loss = loss;
  cfg.epochs = 2;
  cfg.batch = 64;
  cfg.threads = 1;
  cfg.seed = seed;
  m = oc_train_build_model (&cfg, ds, &error);
  g_assert_no_error (error);
  r = oc_train_run (&cfg, ds, m, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return m;
}

typedef struct
{
  guint        hidden[2];
  guint        n_hidden;
  OcActivation act;
  OcLoss       loss;
  guint        n_examples;
  guint        threads;
} Case;

static const Case cases[] = {
  { { 24, 0 }, 1, OC_ACT_RELU, OC_LOSS_CE, 1500, 2 },
  { { 20, 12 }, 2, OC_ACT_TANH, OC_LOSS_MSE, 2000, 3 },
  { { 0, 0 }, 0, OC_ACT_RELU, OC_LOSS_CE, 700, 1 },
};

/* The slice at (0, 0) is the trained network, to the last bit of oc_evaluate's loss. */
static void
test_plane_centre_exact (void)
{
  g_autoptr (OcDataset) ds = make_clusters (30, 6, 2300, 1300, 5);

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      const Case *k = &cases[c];
      g_autoptr (OcMlp) m = trained_model (ds, k->hidden, k->n_hidden, k->act, k->loss, 1);
      g_autofree float *d = g_new (float, 2 * m->n_params);
      g_autoptr (OcLandscapeEval) ev = NULL;
      g_autoptr (GError) error = NULL;
      const double axis[3] = { -0.5, 0, 0.5 };
      OcLandscapeValue v[9];
      const float *basis[3];
      OcRng rng;

      oc_rng_init (&rng, 7, OC_STREAM_USER);
      oc_landscape_random_direction (m, &rng, d);
      oc_landscape_random_direction (m, &rng, d + m->n_params);
      basis[0] = m->params;
      basis[1] = d;
      basis[2] = d + m->n_params;
      ev = oc_landscape_eval_new (m, k->loss, ds, k->n_examples, basis, 3,
                                  OC_LANDSCAPE_EVAL_DECOMPOSED, k->threads, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (oc_landscape_eval_get_n_train (ev), ==, MIN (k->n_examples, 2300));
      g_assert_cmpuint (oc_landscape_eval_get_n_test (ev), ==, MIN (k->n_examples, 1300));
      g_assert_true (oc_landscape_eval_plane (ev, axis, 3, axis, 3, v, NULL, NULL, NULL,
                                              &error));
      g_assert_no_error (error);
      assert_exact (&v[4], m, k->loss, ds, k->n_examples);
      /* Away from the centre the network is another one. */
      g_assert_true (v[0].train_loss != v[4].train_loss);
    }
}

/* The line's ends are its two networks, to the last bit. */
static void
test_line_endnexact (void)
{
  g_autoptr (OcDataset) ds = make_clusters (30, 6, 2300, 1300, 6);

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      const Case *k = &cases[c];
      g_autoptr (OcMlp) a = make_model (ds, k->hidden, k->n_hidden, k->act, 11);
      g_autoptr (OcMlp) b = trained_model (ds, k->hidden, k->n_hidden, k->act, k->loss, 12);
      g_autoptr (GError) error = NULL;
      guint n = 0;
      g_autofree double *alpha = oc_landscape_line_alphas (-0.5, 1.5, 9, &n);
      g_autofree OcLandscapeValue *v = g_new (OcLandscapeValue, n);
      const float *basis[2] = { a->params, b->params };
      g_autoptr (OcLandscapeEval) ev = oc_landscape_eval_new (a, k->loss, ds, k->n_examples,
                                                              basis, 2,
                                                              OC_LANDSCAPE_EVAL_DECOMPOSED,
                                                              k->threads, &error);
      int i0 = -1, i1 = -1;

      g_assert_no_error (error);
      g_assert_true (oc_landscape_eval_line (ev, alpha, n, v, NULL, NULL, NULL, &error));
      g_assert_no_error (error);
      for (guint i = 0; i < n; i++)
        {
          if (alpha[i] == 0)
            i0 = (int) i;
          if (alpha[i] == 1)
            i1 = (int) i;
        }
      g_assert_cmpint (i0, >=, 0);
      g_assert_cmpint (i1, >=, 0);
      assert_exact (&v[i0], a, k->loss, ds, k->n_examples);
      assert_exact (&v[i1], b, k->loss, ds, k->n_examples);
    }
}

/* Cross-entropy of one network in double precision, from oc_mlp_predict's logits: an independent
 * loss for points that are no basis vector. */
static void
naive_ce (const OcMlp *m, const OcSplit *split, guint n, guint k, double *loss, double *error)
{
  g_autofree float *logits = g_new (float, (gsize) n * k);
  double sum = 0;
  guint wrong = 0;

  g_assert_true (oc_mlp_predict (m, split->x, n, logits, NULL));
  for (guint i = 0; i < n; i++)
    {
      const float *z = logits + (gsize) i * k;
      double mx = z[0], s = 0;
      guint arg = 0;

      for (guint c = 1; c < k; c++)
        if (z[c] > mx)
          {
            mx = z[c];
            arg = c;
          }
      for (guint c = 0; c < k; c++)
        s += exp (z[c] - mx);
      sum += log (s) + mx - z[split->y[i]];
      wrong += arg != (guint) split->y[i];
    }
  *loss = sum / n;
  *error = (double) wrong / n;
}

/* Decomposed and direct evaluation agree, and both agree with a naive loss of the point's
 * network built by hand. */
static void
test_decomposed_matches_direct (void)
{
  g_autoptr (OcDataset) ds = make_clusters (40, 5, 1200, 900, 8);
  static const guint hidden[] = { 32 };
  g_autoptr (OcMlp) m = trained_model (ds, hidden, 1, OC_ACT_RELU, OC_LOSS_CE, 3);
  g_autoptr (OcMlp) point = oc_mlp_dup (m, NULL);
  g_autofree float *d = g_new (float, 2 * m->n_params);
  g_autoptr (GError) error = NULL;
  const double axis[5] = { -1, -0.4, 0, 0.3, 1 };
  OcLandscapeValue dec[25], dir[25];
  const float *basis[3];
  OcRng rng;

  oc_rng_init (&rng, 1, OC_STREAM_USER);
  oc_landscape_random_direction (m, &rng, d);
  oc_landscape_random_direction (m, &rng, d + m->n_params);
  basis[0] = m->params;
  basis[1] = d;
  basis[2] = d + m->n_params;
  for (int mode = 0; mode < 2; mode++)
    {
      g_autoptr (OcLandscapeEval) ev = oc_landscape_eval_new (m, OC_LOSS_CE, ds, 1000, basis, 3,
                                                              mode, 2, &error);

      g_assert_no_error (error);
      g_assert_true (oc_landscape_eval_plane (ev, axis, 5, axis, 5, mode == 0 ? dec : dir, NULL,
                                              NULL, NULL, &error));
      if (mode == 0)
        g_assert_cmpfloat (oc_landscape_eval_point_flops (ev), <,
                           0.5 * oc_landscape_eval_forward_flops (ev));
    }
  for (guint p = 0; p < 25; p++)
    {
      double l, e;

      g_assert_cmpfloat_with_epsilon (dec[p].train_loss, dir[p].train_loss,
                                      1e-5 * (1 + dir[p].train_loss));
      g_assert_cmpfloat_with_epsilon (dec[p].test_loss, dir[p].test_loss,
                                      1e-5 * (1 + dir[p].test_loss));
      g_assert_cmpfloat_with_epsilon (dec[p].test_error, dir[p].test_error, 2.0 / 900);
      /* θ_T + α·δ₁ + β·δ₂ by hand. */
      for (gsize k = 0; k < m->n_params; k++)
        point->params[k] = (float) (m->params[k] + axis[p % 5] * d[k]
                                    + axis[p / 5] * d[m->n_params + k]);
      naive_ce (point, &ds->train, 1000, 5, &l, &e);
      g_assert_cmpfloat_with_epsilon (dec[p].train_loss, l, 1e-4 * (1 + l));
      g_assert_cmpfloat_with_epsilon (dec[p].train_error, e, 2.0 / 1000);
    }
  /* The slice is not flat: the directions matter. */
  g_assert_cmpfloat (dec[0].train_loss, >, dec[12].train_loss);
}

static double
norm_of (const float *v, gsize n)
{
  double s = 0;

  for (gsize i = 0; i < n; i++)
    s += (double) v[i] * v[i];
  return sqrt (s);
}

/* Each unit's incoming row of the direction has the norm of the same row of the weights;
 * biases and padding are zero. */
static void
test_filter_normalisation (void)
{
  g_autoptr (OcDataset) ds = make_clusters (17, 3, 50, 50, 2);
  static const guint hidden[] = { 13, 7 };
  g_autoptr (OcMlp) m = make_model (ds, hidden, 2, OC_ACT_RELU, 4);
  g_autofree float *d = g_new (float, m->n_params);
  OcRng rng;

  oc_rng_init (&rng, 3, OC_STREAM_USER);
  oc_landscape_random_direction (m, &rng, d);
  for (guint l = 0; l < m->n_layers; l++)
    {
      guint rows = m->sizes[l + 1], cols = m->sizes[l];
      gsize end = l + 1 < m->n_layers ? m->w_offset[l + 1] : m->n_params;

      for (guint r = 0; r < rows; r++)
        {
          double nw = norm_of (oc_mlp_weights (m, l) + (gsize) r * cols, cols);
          double nd = norm_of (d + m->w_offset[l] + (gsize) r * cols, cols);

          g_assert_cmpfloat_with_epsilon (nd, nw, 1e-5 * nw);
        }
      for (gsize k = m->w_offset[l] + oc_mlp_weight_count (m, l); k < end; k++)
        g_assert_cmpfloat (d[k], ==, 0);
    }
}

/* Loss of @m + α·@d at each α on the training examples. */
static void
line_losses (const OcMlp *m, const float *d, const OcDataset *ds, const double *alpha, guint n,
             double *out)
{
  g_autoptr (OcMlp) end = oc_mlp_dup (m, NULL);
  g_autofree OcLandscapeValue *v = g_new (OcLandscapeValue, n);
  g_autoptr (GError) error = NULL;
  const float *basis[2] = { m->params, end->params };
  g_autoptr (OcLandscapeEval) ev = NULL;

  for (gsize k = 0; k < m->n_params; k++)
    end->params[k] += d[k];
  ev = oc_landscape_eval_new (m, OC_LOSS_CE, ds, 500, basis, 2, OC_LANDSCAPE_EVAL_DIRECT, 1,
                              &error);
  g_assert_no_error (error);
  g_assert_true (oc_landscape_eval_line (ev, alpha, n, v, NULL, NULL, NULL, &error));
  for (guint i = 0; i < n; i++)
    out[i] = v[i].train_loss;
}

/* Rescaling a ReLU unit's incoming weights (and bias) by c and its outgoing weights by 1/c
 * computes the same function. Filter normalisation follows: the unit's row of the direction
 * scales by c as well, so the loss along the direction over that layer is the same for both
 * networks; a direction that is not normalised per unit does not have that property. */
static void
test_filter_normalisation_invariance (void)
{
  g_autoptr (OcDataset) ds = make_clusters (12, 4, 500, 50, 9);
  static const guint hidden[] = { 10 };
  g_autoptr (OcMlp) m = trained_model (ds, hidden, 1, OC_ACT_RELU, OC_LOSS_CE, 2);
  g_autoptr (OcMlp) s = oc_mlp_dup (m, NULL);
  g_autofree float *d = g_new (float, m->n_params), *dn = g_new (float, m->n_params);
  g_autofree float *raw = g_new (float, m->n_params);
  const guint unit = 3, in = m->sizes[0], out = m->sizes[2];
  const float c = 5.0f;
  const double alpha[5] = { -1, -0.5, 0.25, 0.75, 1.5 };
  double lm[5], ls[5], base[5];
  OcRng rng;

  /* The same function: incoming row and bias × c, outgoing column × 1/c. */
  for (guint i = 0; i < in; i++)
    oc_mlp_weights (s, 0)[unit * in + i] *= c;
  oc_mlp_bias (s, 0)[unit] *= c;
  for (guint o = 0; o < out; o++)
    oc_mlp_weights (s, 1)[o * m->sizes[1] + unit] /= c;
  {
    double lm0[1], ls0[1];
    const double zero[1] = { 0 };

    memset (d, 0, m->n_params * sizeof (float));
    line_losses (m, d, ds, zero, 1, lm0);
    line_losses (s, d, ds, zero, 1, ls0);
    g_assert_cmpfloat_with_epsilon (lm0[0], ls0[0], 1e-5);
  }

  /* Same draw, normalised to each network; only the first layer's weights kept. */
  oc_rng_init (&rng, 8, OC_STREAM_USER);
  oc_landscape_random_direction (m, &rng, d);
  oc_rng_init (&rng, 8, OC_STREAM_USER);
  oc_landscape_random_direction (s, &rng, dn);
  for (gsize k = oc_mlp_weight_count (m, 0); k < m->n_params; k++)
    d[k] = dn[k] = 0;
  for (guint r = 0; r < m->sizes[1]; r++)
    for (guint i = 0; i < in; i++)
      {
        float a = d[r * in + i], b = dn[r * in + i];

        g_assert_cmpfloat_with_epsilon (b, r == unit ? c * a : a, 1e-5 * (1 + fabsf (b)));
      }
  line_losses (m, d, ds, alpha, 5, lm);
  line_losses (s, dn, ds, alpha, 5, ls);
  for (guint i = 0; i < 5; i++)
    g_assert_cmpfloat_with_epsilon (lm[i], ls[i], 1e-4 * (1 + lm[i]));

  /* The raw Gaussian draw is not invariant: the rescaled unit moves 1/c as much. */
  oc_rng_init (&rng, 8, OC_STREAM_USER);
  oc_rng_fill_normal (&rng, raw, m->n_params, 1.0);
  for (gsize k = 0; k < m->n_params; k++)
    if (k >= oc_mlp_weight_count (m, 0) || k / in != unit)
      raw[k] = 0;
  line_losses (m, raw, ds, alpha, 5, base);
  line_losses (s, raw, ds, alpha, 5, ls);
  g_assert_cmpfloat (fabs (base[4] - ls[4]), >, 1e-3);
}

static double
dot_f (const float *a, const float *b, gsize n)
{
  double s = 0;

  for (gsize i = 0; i < n; i++)
    s += (double) a[i] * b[i];
  return s;
}

/* A trajectory made of two known orthonormal directions (and a little noise): PCA finds their
 * plane, orthonormal, the last checkpoint at exactly (0, 0) and the first at negative
 * coordinates. */
static void
test_pca_synthetic (void)
{
  const gsize P = 3001;
  const guint n = 21;
  g_autofree float *u = g_new0 (float, P), *w = g_new0 (float, P), *theta = g_new (float, P);
  g_autofree float *ck = g_new (float, n * P), *d1 = g_new (float, P), *d2 = g_new (float, P);
  g_autoptr (GError) error = NULL;
  double explained[2], a, b, nu = 0, nw = 0;
  OcRng rng;

  oc_rng_init (&rng, 4, OC_STREAM_USER);
  oc_rng_fill_normal (&rng, u, P, 1.0);
  oc_rng_fill_normal (&rng, w, P, 1.0);
  oc_rng_fill_normal (&rng, theta, P, 1.0);
  nu = norm_of (u, P);
  for (gsize k = 0; k < P; k++)
    u[k] /= nu;
  /* Gram–Schmidt w against u. */
  {
    double uw = dot_f (u, w, P);

    for (gsize k = 0; k < P; k++)
      w[k] -= uw * u[k];
    nw = norm_of (w, P);
    for (gsize k = 0; k < P; k++)
      w[k] /= nw;
  }
  for (guint t = 0; t < n; t++)
    {
      double s = 1.0 - (double) t / (n - 1);
      /* A curved path: 10·s along u, 3·s² + a wiggle along w. */
      double x = -10 * s, y = 3 * s * s - 2 * s + 0.5 * sin (6 * s);

      for (gsize k = 0; k < P; k++)
        ck[t * P + k] = t == n - 1 ? theta[k]
                        : (float) (theta[k] + x * u[k] + y * w[k]
                                   + 1e-4 * oc_rng_normal (&rng));
    }
  g_assert_true (oc_landscape_pca (ck, n, P, d1, d2, explained, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (norm_of (d1, P), 1, 1e-5);
  g_assert_cmpfloat_with_epsilon (norm_of (d2, P), 1, 1e-5);
  g_assert_cmpfloat (fabs (dot_f (d1, d2, P)), <, 1e-5);
  /* The plane is u, w's: each of d1, d2 has norm 1 within it. */
  g_assert_cmpfloat_with_epsilon (hypot (dot_f (d1, u, P), dot_f (d1, w, P)), 1, 1e-3);
  g_assert_cmpfloat_with_epsilon (hypot (dot_f (d2, u, P), dot_f (d2, w, P)), 1, 1e-3);
  g_assert_cmpfloat (explained[0], >, explained[1]);
  g_assert_cmpfloat (explained[0] + explained[1], >, 0.99);
  g_assert_cmpfloat (explained[0] + explained[1], <=, 1 + 1e-9);
  g_assert_true (oc_landscape_project (ck + (n - 1) * P, theta, d1, d2, P, &a, &b));
  g_assert_true (a == 0 && b == 0);
  g_assert_true (oc_landscape_project (ck, theta, d1, d2, P, &a, &b));
  g_assert_cmpfloat (a, <, 0);
  g_assert_cmpfloat (b, <, 0);
  /* The first checkpoint is 10 along u from θ_T: its distance is kept in the plane. */
  g_assert_cmpfloat_with_epsilon (hypot (a, b), hypot (10, 3 - 2 + 0.5 * sin (6)), 1e-3);

  /* Too few checkpoints, or a straight line, have no plane. */
  g_assert_false (oc_landscape_pca (ck, 2, P, d1, d2, NULL, &error));
  g_assert_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  for (guint t = 0; t < n; t++)
    for (gsize k = 0; k < P; k++)
      ck[t * P + k] = (float) (theta[k] + (double) t * u[k]);
  g_assert_false (oc_landscape_pca (ck, n, P, d1, d2, NULL, &error));
  g_assert_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT);
}

typedef struct
{
  guint64 iterations[64];
  guint   n;
  float  *first;
  float  *last;
  gsize   n_params;
} Seen;

static void
on_progress (const OcProgress *p, gpointer user_data)
{
  Seen *s = user_data;

  if (!p->checkpoint)
    return;
  g_assert_cmpuint (s->n, <, G_N_ELEMENTS (s->iterations));
  s->iterations[s->n++] = p->iteration;
  if (s->first == NULL)
    s->first = g_memdup2 (p->model->params, s->n_params * sizeof (float));
  g_free (s->last);
  s->last = g_memdup2 (p->model->params, s->n_params * sizeof (float));
}

/* Training reports exactly the checkpoint iterations asked for, the first before any step (θ₀,
 * which the seed reproduces) and the last after the final one (θ_T). */
static void
test_train_checkpoints (void)
{
  g_autoptr (OcDataset) ds = make_clusters (10, 3, 300, 50, 3);
  static const guint hidden[] = { 8 };
  g_autoptr (OcMlp) m = NULL, again = NULL;
  g_autoptr (OcTrainResult) r = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) its = NULL;
  OcTrainConfig cfg;
  Seen seen = { { 0 } };

  oc_train_config_init (&cfg);
  cfg.hidden = hidden;
  cfg.n_hidden = 1;
  cfg.batch = 32;
  cfg.epochs = 3; /* 10 steps per epoch */
  cfg.threads = 1;
  cfg.seed = 9;
  its = oc_landscape_checkpoint_iterations (30, 7);
  cfg.checkpoints = (const guint64 *) its->data;
  cfg.n_checkpoints = its->len;
  m = oc_train_build_model (&cfg, ds, &error);
  again = oc_train_build_model (&cfg, ds, &error);
  seen.n_params = m->n_params;
  r = oc_train_run (&cfg, ds, m, NULL, on_progress, &seen, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (seen.n, ==, its->len);
  for (guint i = 0; i < its->len; i++)
    g_assert_cmpuint (seen.iterations[i], ==, g_array_index (its, guint64, i));
  g_assert_cmpmem (seen.first, m->n_params * sizeof (float), again->params,
                   m->n_params * sizeof (float));
  g_assert_cmpmem (seen.last, m->n_params * sizeof (float), m->params,
                   m->n_params * sizeof (float));
  g_free (seen.first);
  g_free (seen.last);
}

static void
test_grids (void)
{
  g_autoptr (GArray) its = oc_landscape_checkpoint_iterations (4690, 50);
  g_autoptr (GArray) few = oc_landscape_checkpoint_iterations (5, 50);
  g_autofree double *axis = oc_landscape_axis (-0.7, 0.7, 41);
  g_autofree double *alpha = NULL;
  guint n;

  g_assert_cmpuint (its->len, ==, 51);
  g_assert_cmpuint (g_array_index (its, guint64, 0), ==, 0);
  g_assert_cmpuint (g_array_index (its, guint64, 1), ==, 2);   /* 4690/2500 */
  g_assert_cmpuint (g_array_index (its, guint64, 25), ==, 1173); /* 4690/4 */
  g_assert_cmpuint (g_array_index (its, guint64, 50), ==, 4690);
  g_assert_cmpuint (few->len, ==, 6);
  for (guint i = 1; i < few->len; i++)
    g_assert_cmpuint (g_array_index (few, guint64, i), >, g_array_index (few, guint64, i - 1));
  g_assert_true (axis[20] == 0);
  g_assert_cmpfloat (axis[0], ==, -0.7);
  g_assert_cmpfloat (axis[40], ==, 0.7);
  alpha = oc_landscape_line_alphas (-0.5, 1.5, 41, &n);
  g_assert_cmpuint (n, ==, 41);
  g_assert_true (alpha[10] == 0 && alpha[30] == 1);
  g_clear_pointer (&alpha, g_free);
  /* 0.35 steps miss 0 and 1: both are added. */
  alpha = oc_landscape_line_alphas (-0.6, 1.5, 7, &n);
  g_assert_cmpuint (n, ==, 9);
  g_assert_true (alpha[2] == 0 && alpha[6] == 1);
}

/* ---- Specs ---- */

static OcSpec *
spec_or_error (const char *json, GError **error)
{
  return oc_spec_new_from_json (json, -1, NULL, error);
}

static void
expect_spec_error (const char *json, const char *needle)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (OcSpec) spec = spec_or_error (json, &error);

  g_assert_null (spec);
  g_assert_error (error, OC_ERROR, OC_ERROR_SPEC);
  if (strstr (error->message, needle) == NULL)
    g_error ("expected \"%s\" in \"%s\"", needle, error->message);
}

static void
test_spec (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (OcSpec) spec = NULL, other = NULL;
  g_autofree char *json = NULL, *id1 = NULL, *id2 = NULL;

  spec = oc_spec_new ("landscape", &error);
  g_assert_no_error (error);
  json = oc_spec_to_json (spec, OC_SPEC_JSON_HASHED_ONLY);
  g_assert_nonnull (strstr (json, "\"landscape\":{\"line\":\"init-final\",\"alpha_min\":-0.5,"
                                  "\"alpha_max\":1.5,\"line_points\":41,\"plane\":\"random\","
                                  "\"grid\":41,\"span\":1,\"direction_seed\":0,"
                                  "\"checkpoints\":50,\"eval_examples\":2000}"));
  /* from_experiment is not hashed: the training settings it brings are. */
  g_assert_null (strstr (json, "from_experiment"));

  expect_spec_error ("{\"version\":1,\"kind\":\"landscape\",\"landscape\":{\"line\":\"sideways\"}}",
                     "$.landscape.line: \"sideways\" is not init-final");
  expect_spec_error ("{\"version\":1,\"kind\":\"landscape\",\"landscape\":{\"line\":\"seeds:1\"}}",
                     "seeds:A,B takes two seeds");
  expect_spec_error ("{\"version\":1,\"kind\":\"landscape\",\"landscape\":{"
                     "\"line\":\"seeds:2,2\"}}",
                     "the two seeds must differ");
  expect_spec_error ("{\"version\":1,\"kind\":\"landscape\",\"landscape\":{\"line\":"
                     "\"experiments:zz,12345\"}}", "takes two experiment IDs");
  expect_spec_error ("{\"version\":1,\"kind\":\"landscape\",\"landscape\":{\"grid\":40}}",
                     "$.landscape.grid: must be odd");
  expect_spec_error ("{\"version\":1,\"kind\":\"landscape\",\"landscape\":{\"grid\":0}}",
                     "$.landscape.grid: must be between 3 and 401, got 0");
  expect_spec_error ("{\"version\":1,\"kind\":\"landscape\",\"landscape\":{\"span\":0}}",
                     "$.landscape.span: must be in (0, 100], got 0");
  expect_spec_error ("{\"version\":1,\"kind\":\"landscape\",\"landscape\":{\"plane\":\"pcb\"}}",
                     "\"pcb\" is not one of random, pca, none");
  expect_spec_error ("{\"version\":1,\"kind\":\"landscape\",\"landscape\":{\"line\":\"none\","
                     "\"plane\":\"none\"}}", "nothing to compute");
  expect_spec_error ("{\"version\":1,\"kind\":\"landscape\",\"landscape\":{\"alpha_min\":0.5}}",
                     "$.landscape.alpha_min: must be in [-100, 0], got 0.5");
  expect_spec_error ("{\"version\":1,\"kind\":\"landscape\",\"landscape\":{\"eval_examples\":0}}",
                     "$.landscape.eval_examples: must be between 1 and");
  expect_spec_error ("{\"version\":1,\"kind\":\"landscape\",\"landscape\":{\"from_experiment\":"
                     "\"xyz\"}}", "is not an experiment ID");

  /* Settings the line or plane cannot use do not split the ID; the PCA span defaults to 1.2. */
  g_clear_pointer (&spec, oc_spec_free);
  spec = spec_or_error ("{\"version\":1,\"kind\":\"landscape\",\"landscape\":{\"plane\":\"pca\","
                        "\"direction_seed\":5,\"line\":\"none\",\"alpha_min\":-2}}", &error);
  g_assert_no_error (error);
  other = spec_or_error ("{\"version\":1,\"kind\":\"landscape\",\"landscape\":{\"plane\":\"pca\","
                         "\"line\":\"none\"}}", &error);
  g_assert_no_error (error);
  id1 = oc_spec_id (spec);
  id2 = oc_spec_id (other);
  g_assert_cmpstr (id1, ==, id2);
  g_assert_cmpfloat (((const OcLandscapeSpec *) oc_spec_get_values (spec))->span, ==, 1.2);
  g_clear_pointer (&spec, oc_spec_free);
  spec = spec_or_error ("{\"version\":1,\"kind\":\"landscape\",\"landscape\":{\"line\":"
                        "\"experiments:3F2A0000,abcdef0123456789abcdef\"}}", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (((const OcLandscapeSpec *) oc_spec_get_values (spec))->line, ==,
                   "experiments:3f2a0000,abcdef0123456789");
}

/* ---- The kind, from spec to store ---- */

typedef struct
{
  char    *dir;
  OcStore *store;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;

  f->dir = g_dir_make_tmp ("occam-landscape-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "store.db", NULL);
  f->store = oc_store_open (path, OC_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_autoptr (GDir) dir = NULL;
  const char *name;

  g_clear_pointer (&f->store, oc_store_close);
  dir = g_dir_open (f->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

static OcNpyArray *
artifact (Fixture *f, const char *id, const char *key, const char *name)
{
  g_autoptr (GError) error = NULL;
  OcNpyArray *a = oc_store_get_artifact (f->store, id, key, name, &error);

  g_assert_no_error (error);
  return a;
}

#define MOONS "\"data\":{\"name\":\"moons\",\"n_points\":1500},\"model\":{\"hidden\":[16]}," \
              "\"train\":{\"epochs\":4,\"batch\":32}"

typedef struct
{
  guint  n_events;
  double last_done;
  guint  cancel_at_plane; /* cancel at the plane's first progress */
  GCancellable *cancellable;
  const OcRunPlan *plan;
} Watch;

static void
observe (const OcRunEvent *e, gpointer user_data)
{
  Watch *w = user_data;

  w->n_events++;
  g_assert_cmpfloat (e->done, >=, w->last_done - 1e-9);
  w->last_done = e->done;
  if (w->cancel_at_plane && e->kind == OC_RUN_EVENT_PROGRESS
      && strcmp (oc_run_plan_get_key (e->plan, e->index), OC_LANDSCAPE_PLANE_KEY) == 0)
    g_cancellable_cancel (w->cancellable);
}

/* A PCA landscape of a small network: its points, their artifacts, and how they agree: the
 * line's θ_T is the plane's centre, the trajectory ends there with the same loss, θ₀ is the
 * seed's initialisation. A cancelled plane resumes from the stored training. */
static void
test_experiment_pca (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (OcSpec) spec = spec_or_error ("{\"version\":1,\"kind\":\"landscape\"," MOONS ","
                                           "\"landscape\":{\"plane\":\"pca\",\"grid\":9,"
                                           "\"checkpoints\":12,\"eval_examples\":500,"
                                           "\"line_points\":11}}", &error);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (OcStorePoint) line = NULL, plane = NULL, train = NULL;
  g_autoptr (OcNpyArray) theta0 = NULL, ck = NULL, ta = NULL, tb = NULL, tl = NULL, loss = NULL;
  g_autoptr (OcNpyArray) alpha = NULL, explained = NULL, dirs = NULL;
  g_autoptr (OcDataset) loaded = NULL;
  g_autoptr (OcMlp) model = NULL;
  g_autofree char *key = oc_landscape_train_key (0);
  Watch w = { 0 };
  OcRunSummary s;
  const char *id;
  guint nt;

  g_assert_no_error (error);
  w.cancel_at_plane = 1;
  w.cancellable = cancellable;
  g_assert_false (oc_experiment_run (spec, f->store, NULL, observe, &w, cancellable, &s, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_cmpuint (s.n_points, ==, 3);
  g_assert_cmpuint (s.n_ran, ==, 2);
  g_assert_cmpint (s.status, ==, OC_STATUS_CANCELLED);

  /* Resume: the training and the line are reused, the plane computed. */
  w = (Watch) { 0 };
  g_assert_true (oc_experiment_run (spec, f->store, NULL, observe, &w, NULL, &s, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (s.n_reused, ==, 2);
  g_assert_cmpuint (s.n_ran, ==, 1);
  g_assert_cmpint (s.status, ==, OC_STATUS_FINISHED);
  id = s.id;

  train = oc_store_get_point (f->store, id, key, TRUE, &error);
  line = oc_store_get_point (f->store, id, OC_LANDSCAPE_LINE_KEY, FALSE, &error);
  plane = oc_store_get_point (f->store, id, OC_LANDSCAPE_PLANE_KEY, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (line->n_train, ==, 500);
  /* θ_T seen from the line (α = 1) and from the plane (its centre): the same network. */
  g_assert_true (line->final.train_loss == plane->final.train_loss);
  g_assert_true (line->final.test_error == plane->final.test_error);
  g_assert_cmpfloat (line->final.train_loss, <, 0.6);

  alpha = artifact (f, id, OC_LANDSCAPE_LINE_KEY, "alpha");
  g_assert_cmpuint (alpha->n_elems, ==, 13); /* 11 values, plus 0 and 1 */
  loss = artifact (f, id, OC_LANDSCAPE_PLANE_KEY, "train_loss");
  g_assert_cmpuint (loss->n_dims, ==, 2);
  g_assert_cmpuint (loss->shape[0], ==, 9);
  g_assert_cmpuint (loss->shape[1], ==, 9);
  g_assert_true (((float *) loss->data)[4 * 9 + 4] == (float) plane->final.train_loss);
  explained = artifact (f, id, OC_LANDSCAPE_PLANE_KEY, "explained");
  g_assert_cmpfloat (((float *) explained->data)[0], >, ((float *) explained->data)[1]);
  dirs = artifact (f, id, OC_LANDSCAPE_PLANE_KEY, "directions");
  g_assert_cmpuint (dirs->shape[0], ==, 2);

  ck = artifact (f, id, key, "checkpoints");
  nt = (guint) ck->shape[0];
  g_assert_cmpuint (nt, ==, 13);
  ta = artifact (f, id, OC_LANDSCAPE_PLANE_KEY, "trajectory_alpha");
  tb = artifact (f, id, OC_LANDSCAPE_PLANE_KEY, "trajectory_beta");
  tl = artifact (f, id, OC_LANDSCAPE_PLANE_KEY, "trajectory_loss");
  g_assert_cmpuint (ta->n_elems, ==, nt);
  g_assert_true (((float *) ta->data)[nt - 1] == 0 && ((float *) tb->data)[nt - 1] == 0);
  g_assert_cmpfloat (((float *) ta->data)[0], <, 0);
  g_assert_true (((float *) tl->data)[nt - 1] == (float) plane->final.train_loss);
  /* Training lowered the loss along the trajectory. */
  g_assert_cmpfloat (((float *) tl->data)[0], >, ((float *) tl->data)[nt - 1] + 0.1);

  /* θ₀ is the seed's initialisation, and the first checkpoint. */
  theta0 = artifact (f, id, key, "theta_init");
  loaded = oc_dataset_load (oc_spec_get_data_options (spec), NULL, &error);
  g_assert_no_error (error);
  model = oc_train_build_model (oc_spec_get_train_config (spec), loaded, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (theta0->data, theta0->n_elems * 4, model->params, model->n_params * 4);
  g_assert_cmpmem (ck->data, model->n_params * 4, model->params, model->n_params * 4);
}

/* A train experiment's network reused through from_experiment: resolution takes its settings,
 * θ₀ is recomputed from its seed and equals what a landscape that trains records, and a PCA
 * plane is refused for want of checkpoints. */
static void
test_experiment_from_train (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (OcSpec) train = spec_or_error ("{\"version\":1,\"kind\":\"train\"," MOONS "}",
                                            &error);
  g_autoptr (OcSpec) spec = NULL, pca = NULL, own = NULL, differs = NULL;
  g_autoptr (OcStorePoint) line = NULL, line_own = NULL;
  g_autoptr (OcNpyArray) t0 = NULL, t0_own = NULL;
  g_autofree char *key = oc_landscape_train_key (0), *prefix = NULL, *json = NULL;
  OcRunSummary s;
  char train_id[OC_SPEC_ID_LEN + 1], id[OC_SPEC_ID_LEN + 1];

  g_assert_true (oc_experiment_run (train, f->store, NULL, NULL, NULL, NULL, &s, &error));
  g_assert_no_error (error);
  g_strlcpy (train_id, s.id, sizeof train_id);
  prefix = g_strndup (train_id, 6);

  json = g_strdup_printf ("{\"version\":1,\"kind\":\"landscape\",\"landscape\":{"
                          "\"from_experiment\":\"%s\",\"plane\":\"none\",\"line_points\":5,"
                          "\"eval_examples\":300}}", prefix);
  spec = spec_or_error (json, &error);
  g_assert_no_error (error);
  g_assert_true (oc_landscape_spec_resolve (spec, f->store, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (((const OcLandscapeSpec *) oc_spec_get_values (spec))->from_experiment, ==,
                   train_id);
  g_assert_cmpstr (oc_spec_get_data_options (spec)->name, ==, "moons");
  g_assert_cmpuint (oc_spec_get_train_config (spec)->hidden[0], ==, 16);
  g_assert_true (oc_experiment_run (spec, f->store, NULL, NULL, NULL, NULL, &s, &error));
  g_assert_no_error (error);
  g_strlcpy (id, s.id, sizeof id);
  line = oc_store_get_point (f->store, id, OC_LANDSCAPE_LINE_KEY, FALSE, &error);
  g_assert_no_error (error);
  t0 = artifact (f, id, key, "theta_init");

  /* The same landscape trained here: the same ID (from_experiment is not hashed) in another
   * store would be the same computation; compare with a run that trains, in a fresh spec. */
  g_clear_pointer (&json, g_free);
  json = g_strdup_printf ("{\"version\":1,\"kind\":\"landscape\"," MOONS ",\"landscape\":{"
                          "\"plane\":\"none\",\"line_points\":5,\"eval_examples\":300}}");
  own = spec_or_error (json, &error);
  g_assert_no_error (error);
  {
    g_autofree char *a = oc_spec_id (own), *b = oc_spec_id (spec);

    g_assert_cmpstr (a, ==, b);
  }

  /* Given settings that differ from the experiment's are refused, naming the setting. */
  g_clear_pointer (&json, g_free);
  json = g_strdup_printf ("{\"version\":1,\"kind\":\"landscape\",\"model\":{\"hidden\":[32]},"
                          "\"landscape\":{\"from_experiment\":\"%s\"}}", train_id);
  differs = spec_or_error (json, &error);
  g_assert_no_error (error);
  g_assert_false (oc_landscape_spec_resolve (differs, f->store, FALSE, &error));
  g_assert_error (error, OC_ERROR, OC_ERROR_SPEC);
  g_assert_nonnull (strstr (error->message, "$.model.hidden: 32 differs from experiment"));
  g_clear_error (&error);

  /* PCA needs checkpoints, which a train experiment does not store. */
  g_clear_pointer (&json, g_free);
  json = g_strdup_printf ("{\"version\":1,\"kind\":\"landscape\",\"landscape\":{"
                          "\"from_experiment\":\"%s\",\"plane\":\"pca\"}}", train_id);
  pca = spec_or_error (json, &error);
  g_assert_no_error (error);
  g_assert_false (oc_landscape_spec_resolve (pca, f->store, TRUE, &error));
  g_assert_error (error, OC_ERROR, OC_ERROR_SPEC);
  g_assert_nonnull (strstr (error->message, "--from-experiment: experiment"));
  g_assert_nonnull (strstr (error->message, "stored no checkpoints"));
  g_clear_error (&error);

  /* A landscape that trains: θ₀ recorded during training equals θ₀ recomputed from the seed. */
  fixture_tear_down (f, NULL);
  fixture_set_up (f, NULL);
  g_assert_true (oc_experiment_run (own, f->store, NULL, NULL, NULL, NULL, &s, &error));
  g_assert_no_error (error);
  t0_own = artifact (f, s.id, key, "theta_init");
  g_assert_cmpmem (t0->data, t0->n_elems * 4, t0_own->data, t0_own->n_elems * 4);
  line_own = oc_store_get_point (f->store, s.id, OC_LANDSCAPE_LINE_KEY, FALSE, &error);
  g_assert_no_error (error);
  /* The same network (the same threads: one core or all alike in this test): the same line. */
  g_assert_cmpfloat_with_epsilon (line->final.train_loss, line_own->final.train_loss, 1e-4);
}

/* Two seeds and the line between their solutions; a stored run of another kind is refused. */
static void
test_experiment_seeds (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (OcSpec) spec = spec_or_error ("{\"version\":1,\"kind\":\"landscape\"," MOONS ","
                                           "\"landscape\":{\"line\":\"seeds:3,4\",\"plane\":"
                                           "\"none\",\"line_points\":5,\"eval_examples\":300}}",
                                           &error);
  g_autoptr (OcRunPlan) plan = NULL;
  g_autoptr (OcSpec) sweep = NULL, bad = NULL;
  g_autofree char *json = NULL;
  OcRunSummary s;

  g_assert_no_error (error);
  plan = oc_run_plan_new (spec, NULL, FALSE, &error);
  g_assert_no_error (error);
  /* The spec's own seed (0) is not needed: no θ₀ → θ_T line and no plane. */
  g_assert_cmpuint (oc_run_plan_get_n_points (plan), ==, 3);
  g_assert_cmpstr (oc_run_plan_get_key (plan, 0), ==, "{\"part\":\"train\",\"seed\":3}");
  g_assert_cmpstr (oc_run_plan_get_key (plan, 1), ==, "{\"part\":\"train\",\"seed\":4}");
  g_assert_cmpstr (oc_run_plan_get_key (plan, 2), ==, OC_LANDSCAPE_LINE_KEY);
  g_assert_true (oc_experiment_run (spec, f->store, NULL, NULL, NULL, NULL, &s, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (s.n_ran, ==, 3);

  sweep = spec_or_error ("{\"version\":1,\"kind\":\"sweep\",\"data\":{\"name\":\"moons\"},"
                         "\"model\":{\"hidden\":[4]},\"train\":{\"epochs\":1}}", &error);
  g_assert_true (oc_experiment_run (sweep, f->store, NULL, NULL, NULL, NULL, &s, &error));
  g_assert_no_error (error);
  json = g_strdup_printf ("{\"version\":1,\"kind\":\"landscape\",\"landscape\":{"
                          "\"from_experiment\":\"%s\"}}", s.id);
  bad = spec_or_error (json, &error);
  g_assert_false (oc_landscape_spec_resolve (bad, f->store, TRUE, &error));
  g_assert_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "is a sweep experiment"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/landscape/plane-centre-exact", test_plane_centre_exact);
  g_test_add_func ("/landscape/line-ends-exact", test_line_endnexact);
  g_test_add_func ("/landscape/decomposed-matches-direct", test_decomposed_matches_direct);
  g_test_add_func ("/landscape/filter-normalisation", test_filter_normalisation);
  g_test_add_func ("/landscape/filter-normalisation-invariance",
                   test_filter_normalisation_invariance);
  g_test_add_func ("/landscape/pca", test_pca_synthetic);
  g_test_add_func ("/landscape/train-checkpoints", test_train_checkpoints);
  g_test_add_func ("/landscape/grids", test_grids);
  g_test_add_func ("/landscape/spec", test_spec);
  g_test_add ("/landscape/experiment-pca", Fixture, NULL, fixture_set_up, test_experiment_pca,
              fixture_tear_down);
  g_test_add ("/landscape/experiment-from-train", Fixture, NULL, fixture_set_up,
              test_experiment_from_train, fixture_tear_down);
  g_test_add ("/landscape/experiment-seeds", Fixture, NULL, fixture_set_up,
              test_experiment_seeds, fixture_tear_down);
  return g_test_run ();
}
