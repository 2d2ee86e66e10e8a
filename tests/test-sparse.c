/* test-sparse.c — the sparse layer kernels of pruned networks against naive references, and
 * training through them against training through GEMMs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include "occam/oc-bench.h"
#include "occam/oc-error.h"
#include "occam/oc-prune.h"
#include "occam/oc-train.h"
#include "oc-sparse.h"

/* A ni → no layer with about @density of its weights alive, as a one-layer OcMlp. */
static OcMlp *
random_layer (guint ni, guint no, double density, OcRng *rng)
{
  guint sizes[2] = { ni, no };
  OcMlp *m = oc_mlp_new (sizes, 2, OC_ACT_RELU, NULL);

  g_assert_true (oc_mlp_enable_mask (m, NULL));
  for (gsize i = 0; i < oc_mlp_weight_count (m, 0); i++)
    {
      m->params[i] = (float) (oc_rng_uniform (rng) - 0.5);
      m->mask[i] = oc_rng_uniform (rng) < density ? 1.0f : 0.0f;
    }
  oc_mlp_apply_mask (m);
  return m;
}

static void
fill (float *x, gsize n, OcRng *rng)
{
  for (gsize i = 0; i < n; i++)
    x[i] = (float) (2 * oc_rng_uniform (rng) - 1);
}

/* Every feature-major kernel against a naive double-precision reference in batch-major terms, at
 * densities from 0.5 % to 30 %, for short and full blocks: forward with bias and each activation,
 * the packed weight gradient (overwritten, then accumulated), the input gradient, the bias and
 * activation backward, and the dense sgemm kernels of the same layout. Padding columns of the
 * outputs and gradients are checked too: finite activations, zero gradients. */
static void
test_kernels (gconstpointer data)
{
  const int BW = GPOINTER_TO_INT (data);
  const int batches[] = { 1, 5, BW - 4, BW };
  static const double densities[] = { 0.005, 0.012, 0.036, 0.1, 0.3 };
  static const OcKernelAct acts[] = { OC_KACT_RELU, OC_KACT_NONE, OC_KACT_TANH };
  OcRng rng;

  oc_rng_init (&rng, 11, OC_STREAM_USER);
  for (guint t = 0; t < G_N_ELEMENTS (batches) * G_N_ELEMENTS (densities); t++)
    {
      int nb = batches[t % G_N_ELEMENTS (batches)], ni = 137, no = 93;
      double density = densities[t / G_N_ELEMENTS (batches)];
      OcKernelAct act = acts[t % G_N_ELEMENTS (acts)];
      g_autoptr (OcMlp) m = random_layer ((guint) ni, (guint) no, density, &rng);
      g_autoptr (OcSparsePlan) plan = NULL;
      const float *w = oc_mlp_weights (m, 0), *bias = oc_mlp_bias (m, 0), *wp;
      g_autofree float *x = g_new (float, nb * ni), *d = g_new (float, nb * no);
      g_autofree float *xt = g_new (float, ni * BW);
      g_autofree float *yt = g_new (float, no * BW);
      g_autofree float *ydt = g_new (float, no * BW);
      g_autofree float *dt = g_new (float, no * BW);
      g_autofree float *dt0 = g_new (float, no * BW);
      g_autofree float *dxt = g_new (float, ni * BW);
      g_autofree float *dxdt = g_new (float, ni * BW);
      g_autofree float *dwp = NULL, *dwd = g_new (float, ni * no), *db = g_new (float, no);
      const OcSparseLayer *s;

      for (int o = 0; o < no; o++)
        oc_mlp_bias (m, 0)[o] = (float) (oc_rng_uniform (&rng) - 0.5);
      oc_sparse_max_density = 0.5;
      plan = oc_sparse_plan_new (m);
      oc_sparse_max_density = 0.3;
      g_assert_nonnull (plan);
      s = &plan->layers[0];
      g_assert_cmpint (s->nnz, >, 0);
      g_assert_cmpint (s->nnz, ==, (int) oc_mlp_count_alive (m, 0));
      g_assert_cmpuint (oc_sparse_layer_weights (plan, m, 0), ==, (gsize) s->nnz);
      g_assert_cmpuint (plan->w_kept[0], ==, 0);
      g_assert_cmpuint (plan->b_kept[0], ==, (gsize) s->nnz);
      g_assert_cmpuint (plan->n_kept, ==, (gsize) s->nnz + no);
      wp = plan->values + plan->w_kept[0];
      dwp = g_new (float, s->nnz);
      fill (x, (gsize) nb * ni, &rng);
      fill (d, (gsize) nb * no, &rng);

      /* y = act(x · wᵀ + b), both kernels */
      oc_sparse_transpose_in (xt, x, nb, ni, BW);
      for (int b = nb; b < BW; b++)
        g_assert_cmpfloat (xt[b], ==, 0.0f);
      oc_sparse_forward (yt, xt, wp, bias, s, no, act, BW);
      oc_sparse_dense_forward (ydt, xt, w, bias, ni, no, act, BW);
      for (int o = 0; o < no; o++)
        for (int b = 0; b < BW; b++)
          {
            double ref = bias[o];

            for (int i = 0; b < nb && i < ni; i++)
              ref += (double) x[b * ni + i] * w[o * ni + i];
            ref = act == OC_KACT_RELU ? MAX (ref, 0.0) : act == OC_KACT_TANH ? tanh (ref) : ref;
            g_assert_cmpfloat (fabs (yt[o * BW + b] - ref), <, 1e-5);
            g_assert_cmpfloat (fabs (ydt[o * BW + b] - ref), <, 1e-5);
          }

      /* d ⊙ act'(y), db = Σ_b of it; the padding columns of d are zero. */
      oc_sparse_transpose_in (dt, d, nb, no, BW);
      memcpy (dt0, dt, sizeof (float) * no * BW);
      for (int o = 0; o < no; o++)
        db[o] = 3.0f;
      oc_sparse_bias_act_backward (dt, db, yt, no, act, TRUE, BW);
      for (int o = 0; o < no; o++)
        {
          double sum = 0;

          for (int b = 0; b < BW; b++)
            {
              float a = yt[o * BW + b], g = dt0[o * BW + b];
              double ref = act == OC_KACT_RELU ? (a > 0 ? g : 0.0)
                           : act == OC_KACT_TANH ? g * (1.0 - (double) a * a) : g;

              g_assert_cmpfloat (fabs (dt[o * BW + b] - ref), <, 1e-6);
              if (b >= nb)
                g_assert_cmpfloat (dt[o * BW + b], ==, 0.0f);
              sum += ref;
            }
          g_assert_cmpfloat (fabs (db[o] - (3.0 + sum)), <, 1e-5);
        }

      /* dw = dᵀ · x on surviving weights, packed; then accumulated. */
      oc_sparse_backward_weights (dwp, dt, xt, s, no, FALSE, NULL, act, NULL, BW);
      oc_sparse_dense_backward_weights (dwd, dt, xt, ni, no, FALSE, BW);
      for (int o = 0; o < no; o++)
        for (int i = 0; i < ni; i++)
          {
            double ref = 0;

            for (int b = 0; b < nb; b++)
              ref += (double) dt[o * BW + b] * x[b * ni + i];
            g_assert_cmpfloat (fabs (dwd[o * ni + i] - ref), <, 1e-5);
          }
      for (int o = 0; o < no; o++)
        for (int k = s->rowptr[o]; k < s->rowptr[o + 1]; k++)
          {
            g_assert_cmpfloat (wp[k], ==, w[o * ni + s->col[k]]);
            g_assert_cmpfloat (fabs (dwp[k] - dwd[o * ni + s->col[k]]), <, 1e-5);
          }
      oc_sparse_backward_weights (dwp, dt, xt, s, no, TRUE, NULL, act, NULL, BW);
      oc_sparse_dense_backward_weights (dwd, dt, xt, ni, no, TRUE, BW);

      /* Fused with the activation's derivative and the bias gradient: the same numbers as the
       * two kernels one after the other, bit for bit. */
      {
        g_autofree float *dtf = g_memdup2 (dt0, sizeof (float) * no * BW);
        g_autofree float *dwf = g_new0 (float, s->nnz), *dbf = g_new (float, no);

        for (int o = 0; o < no; o++)
          dbf[o] = 3.0f;
        oc_sparse_backward_weights (dwf, dtf, xt, s, no, TRUE, yt, act, dbf, BW);
        g_assert_cmpmem (dtf, sizeof (float) * no * BW, dt,
                         sizeof (float) * no * BW);
        g_assert_cmpmem (dbf, sizeof (float) * no, db, sizeof (float) * no);
        oc_sparse_backward_weights (dwf, dtf, xt, s, no, FALSE, NULL, act, NULL, BW);
        oc_sparse_backward_weights (dwf, dtf, xt, s, no, TRUE, NULL, act, NULL, BW);
        g_assert_cmpmem (dwf, sizeof (float) * s->nnz, dwp, sizeof (float) * s->nnz);
      }
      for (int o = 0; o < no; o++)
        for (int k = s->rowptr[o]; k < s->rowptr[o + 1]; k++)
          {
            double once = 0;

            for (int b = 0; b < nb; b++)
              once += (double) dt[o * BW + b] * x[b * ni + s->col[k]];
            g_assert_cmpfloat (fabs (dwp[k] - 2 * once), <, 2e-5);
            g_assert_cmpfloat (fabs (dwd[o * ni + s->col[k]] - 2 * once), <, 2e-5);
          }

      /* dx = d · w; pruned weights are zero in the arena, so the dense kernel agrees. */
      for (int k = 0; k < ni * BW; k++)
        dxt[k] = NAN; /* every row is written, also those without a surviving weight */
      oc_sparse_backward_input (dxt, dt, wp, s, ni, BW);
      oc_sparse_dense_backward_input (dxdt, dt, w, ni, no, BW);
      for (int i = 0; i < ni; i++)
        for (int b = 0; b < BW; b++)
          {
            double ref = 0;

            for (int o = 0; o < no; o++)
              ref += (double) dt[o * BW + b] * w[o * ni + i];
            g_assert_cmpfloat (fabs (dxt[i * BW + b] - ref), <, 1e-5);
            g_assert_cmpfloat (fabs (dxdt[i * BW + b] - ref), <, 1e-5);
          }
    }
}

/* Transposes of every ragged shape against plain indexing: widths around and across multiples
 * of the 8-column tiles, up to the first layer of an MNIST network. */
static void
test_transpose (gconstpointer data)
{
  const int BW = GPOINTER_TO_INT (data);
  static const int widths[] = { 1, 4, 7, 8, 13, 31, 32, 33, 40, 64, 71, 100, 784 };
  OcRng rng;

  oc_rng_init (&rng, 12, OC_STREAM_USER);
  for (int nb = 1; nb <= BW; nb += 7)
    for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
      {
        int n = widths[w];
        g_autofree float *x = g_new (float, nb * n), *back = g_new (float, nb * n);
        g_autofree float *xt = g_new (float, n * BW);

        fill (x, (gsize) nb * n, &rng);
        for (int k = 0; k < n * BW; k++)
          xt[k] = NAN;
        oc_sparse_transpose_in (xt, x, nb, n, BW);
        for (int i = 0; i < n; i++)
          for (int b = 0; b < BW; b++)
            g_assert_cmpfloat (xt[i * BW + b], ==, b < nb ? x[b * n + i] : 0.0f);
        oc_sparse_transpose_out (back, xt, nb, n, BW);
        g_assert_cmpmem (back, sizeof (float) * nb * n, x, sizeof (float) * nb * n);

        /* The same block read from scattered rows of a larger matrix: rows in reverse. */
        {
          g_autofree guint32 *rows = g_new (guint32, nb);
          g_autofree float *gt = g_new (float, n * BW);

          for (int b = 0; b < nb; b++)
            rows[b] = (guint32) (nb - 1 - b);
          for (int k = 0; k < n * BW; k++)
            gt[k] = NAN;
          oc_sparse_gather_in (gt, x, rows, nb, n, BW);
          for (int i = 0; i < n; i++)
            for (int b = 0; b < BW; b++)
              g_assert_cmpfloat (gt[i * BW + b], ==,
                                 b < nb ? x[(nb - 1 - b) * n + i] : 0.0f);
        }

        /* From 8-bit codes: bit for bit what the floats they stand for give. */
        {
          g_autofree guint8 *codes = g_new (guint8, nb * n);
          g_autofree float *pixels = g_new (float, nb * n);
          g_autofree guint32 *rows = g_new (guint32, nb);
          g_autofree float *want = g_new (float, n * BW);
          g_autofree float *got = g_new (float, n * BW);

          for (int k = 0; k < nb * n; k++)
            {
              codes[k] = (guint8) oc_rng_below (&rng, 256);
              pixels[k] = (float) codes[k] / 255.0f;
            }
          for (int b = 0; b < nb; b++)
            rows[b] = (guint32) ((b * 5) % nb);
          oc_sparse_gather_in (want, pixels, rows, nb, n, BW);
          /* The AVX2 path where the CPU has one, and the portable one. */
          for (int portable = 0; portable < 2; portable++)
            {
              for (int k = 0; k < n * BW; k++)
                got[k] = NAN;
              oc_sparse_intrinsics = !portable;
              oc_sparse_gather_codes (got, codes, rows, nb, n, BW);
              oc_sparse_intrinsics = TRUE;
              g_assert_cmpmem (got, sizeof (float) * n * BW, want,
                               sizeof (float) * n * BW);
            }
        }
      }
}

/* A pruned network trains bit for bit the same from its training split's 8-bit codes as from
 * its floats, on one thread and on a team of two: same curve, same weights. */
static void
test_training_codes (void)
{
  static const guint hidden[] = { 96, 32 };
  static const gsize alive[3] = { 2000, 300, 100 };
  OcTrainConfig c;
  g_autoptr (OcDataset) ds = oc_bench_dataset_new (700, 200, 784, 10, 3, NULL);
  g_autoptr (OcMlp) base = NULL;
  OcRng rng;

  g_assert_nonnull (ds);
  g_assert_nonnull (ds->train.x8);
  oc_train_config_init (&c);
  c.hidden = hidden;
  c.n_hidden = 2;
  c.batch = 60;
  c.iterations = 40;
  c.eval_every = 10;
  base = oc_train_build_model (&c, ds, NULL);
  g_assert_true (oc_mlp_enable_mask (base, NULL));
  oc_rng_init (&rng, 2, OC_STREAM_MASK);
  oc_prune_random_mask (base, alive, &rng);
  for (guint threads = 1; threads <= 2; threads++)
    {
      g_autoptr (OcMlp) from_codes = oc_mlp_dup (base, NULL);
      g_autoptr (OcMlp) from_floats = oc_mlp_dup (base, NULL);
      g_autoptr (OcTrainResult) rc = NULL, rf = NULL;
      guint8 *codes;

      c.threads = threads;
      rc = oc_train_run (&c, ds, from_codes, NULL, NULL, NULL, NULL, NULL);
      codes = g_steal_pointer (&ds->train.x8);
      rf = oc_train_run (&c, ds, from_floats, NULL, NULL, NULL, NULL, NULL);
      ds->train.x8 = codes;
      g_assert_nonnull (rc);
      g_assert_nonnull (rf);
      g_assert_cmpuint (rc->evals->len, ==, 5);
      g_assert_cmpuint (rf->evals->len, ==, 5);
      for (guint e = 0; e < rc->evals->len; e++)
        g_assert_cmpfloat (g_array_index (rc->evals, OcEvalPoint, e).train_loss, ==,
                           g_array_index (rf->evals, OcEvalPoint, e).train_loss);
      g_assert_cmpfloat (rc->final.train_loss, <,
                         g_array_index (rc->evals, OcEvalPoint, 0).train_loss);
      g_assert_cmpmem (from_codes->params, sizeof (float) * base->n_params, from_floats->params,
                       sizeof (float) * base->n_params);
    }
}

static void
test_plan (void)
{
  OcRng rng;
  g_autoptr (OcMlp) dense = NULL, sparse = NULL;
  g_autoptr (OcSparsePlan) none = NULL, plan = NULL;
  guint sizes[4] = { 20, 30, 30, 4 };

  oc_rng_init (&rng, 3, OC_STREAM_USER);
  dense = oc_mlp_new (sizes, 4, OC_ACT_RELU, NULL);
  oc_mlp_init_params (dense, OC_INIT_GLOROT_NORMAL, &rng);
  /* No mask, or a full one: nothing to skip. */
  g_assert_null (oc_sparse_plan_new (dense));
  g_assert_true (oc_mlp_enable_mask (dense, NULL));
  none = oc_sparse_plan_new (dense);
  g_assert_null (none);
  g_assert_cmpuint (oc_sparse_layer_weights (NULL, dense, 1), ==, 900);

  /* Layer 0 at 10 %, layer 1 at 50 %, layer 2 dense: only layer 0 goes sparse at 0.3. */
  sparse = oc_mlp_dup (dense, NULL);
  {
    gsize alive[3] = { 60, 450, 120 };

    oc_prune_random_mask (sparse, alive, &rng);
  }
  plan = oc_sparse_plan_new (sparse);
  g_assert_nonnull (plan);
  g_assert_nonnull (plan->layers[0].rowptr);
  g_assert_null (plan->layers[1].rowptr);
  g_assert_null (plan->layers[2].rowptr);
  g_assert_cmpuint (oc_sparse_layer_weights (plan, sparse, 0), ==, 60);
  g_assert_cmpuint (oc_sparse_layer_weights (plan, sparse, 1), ==, 900);
  for (int o = 0; o < 30; o++)
    for (int k = plan->layers[0].rowptr[o]; k < plan->layers[0].rowptr[o + 1]; k++)
      {
        g_assert_cmpfloat (sparse->mask[o * 20 + plan->layers[0].col[k]], ==, 1.0f);
        if (k > plan->layers[0].rowptr[o])
          g_assert_cmpint (plan->layers[0].col[k], >, plan->layers[0].col[k - 1]);
      }
}

/* Training a pruned network through the sparse kernels (feature-major, packed weights, the
 * kept-only optimiser) follows training through GEMMs with the masked update over the whole
 * arena: the same seed gives the same curve within 1e-4 (relative) at every evaluation and the
 * same weights within 1e-4, and pruned weights stay exactly +0. Once on one thread with batches
 * of two blocks, once with a network large enough for a team of two, each member with a
 * 128-row share of two blocks. */
static void
check_training_matches (const guint *hidden, const gsize *alive, guint batch, guint iterations,
                        guint threads)
{
  OcDataOptions d;
  OcTrainConfig c;
  g_autoptr (OcDataset) ds = NULL;
  g_autoptr (OcMlp) base = NULL;
  OcTrainResult *r[2];
  OcMlp *m[2];
  OcRng rng;

  oc_data_options_init (&d);
  d.name = "spiral";
  d.n_points = 600;
  oc_train_config_init (&c);
  c.hidden = hidden;
  c.n_hidden = 2;
  c.batch = batch;
  c.iterations = iterations;
  c.eval_every = iterations / 6;
  c.threads = threads;
  ds = oc_dataset_load (&d, NULL, NULL);
  g_assert_nonnull (ds);
  base = oc_train_build_model (&c, ds, NULL);
  g_assert_true (oc_mlp_enable_mask (base, NULL));
  oc_rng_init (&rng, 5, OC_STREAM_MASK);
  oc_prune_random_mask (base, alive, &rng);

  for (int mode = 0; mode < 2; mode++)
    {
      g_autoptr (GError) error = NULL;

      /* Mode 0: every layer through GEMMs, the masked update over the arena; mode 1: every
       * layer sparse, the kept entries only. */
      oc_sparse_max_density = mode == 0 ? -1.0 : 1.0;
      oc_sparse_max_kept = mode == 0 ? -1.0 : 1.0;
      m[mode] = oc_mlp_dup (base, NULL);
      r[mode] = oc_train_run (&c, ds, m[mode], NULL, NULL, NULL, NULL, &error);
      oc_sparse_max_density = 0.3;
      oc_sparse_max_kept = 0.3;
      g_assert_no_error (error);
      g_assert_cmpuint (r[mode]->threads, ==, threads);
      g_assert_cmpfloat (r[mode]->final.train_loss, <,
                         g_array_index (r[mode]->evals, OcEvalPoint, 0).train_loss);
      for (gsize i = 0; i < m[mode]->n_params; i++)
        if (m[mode]->mask[i] == 0.0f)
          g_assert_true (m[mode]->params[i] == 0.0f && !signbit (m[mode]->params[i]));
    }
  g_test_message ("%u thread(s), final training loss: GEMMs %.9g, sparse %.9g", threads,
                  r[0]->final.train_loss, r[1]->final.train_loss);
  g_assert_cmpuint (r[0]->evals->len, ==, 7);
  g_assert_cmpuint (r[1]->evals->len, ==, 7);
  for (guint e = 0; e < r[0]->evals->len; e++)
    {
      const OcEvalPoint *a = &g_array_index (r[0]->evals, OcEvalPoint, e);
      const OcEvalPoint *b = &g_array_index (r[1]->evals, OcEvalPoint, e);

      g_assert_cmpfloat (fabs (a->train_loss - b->train_loss), <,
                         1e-4 * fabs (a->train_loss) + 1e-6);
      g_assert_cmpfloat (fabs (a->test_loss - b->test_loss), <, 1e-4 * fabs (a->test_loss) + 1e-6);
    }
  for (gsize i = 0; i < base->n_params; i++)
    g_assert_cmpfloat (fabs (m[0]->params[i] - m[1]->params[i]), <, 1e-4);
  for (int mode = 0; mode < 2; mode++)
    {
      oc_train_result_free (r[mode]);
      oc_mlp_free (m[mode]);
    }
}

static void
test_training (void)
{
  static const guint small[] = { 48, 48 }, large[] = { 192, 192 };
  static const gsize small_alive[3] = { 40, 460, 100 }, large_alive[3] = { 100, 4000, 200 };

  check_training_matches (small, small_alive, 100, 150, 1);
  check_training_matches (large, large_alive, 256, 60, 2);
}

/* What a run shows its progress callback: a copy of the arena at every evaluation and checkpoint
 * (the reports that do not depend on the clock), and the whole state at the captured iterations. */
typedef struct
{
  GPtrArray *arenas; /* of float[n_params] */
  GPtrArray *states; /* of OcTrainState */
} Seen;

static void
seen_progress (const OcProgress *p, gpointer user_data)
{
  Seen *seen = user_data;

  if (p->eval != NULL || p->checkpoint)
    g_ptr_array_add (seen->arenas, g_memdup2 (p->model->params,
                                              sizeof (float) * p->model->n_params));
  if (p->state != NULL)
    g_ptr_array_add (seen->states, oc_train_state_dup (p->state, NULL));
}

/* Updating the kept entries only gives the same training, bit for bit, as the masked update
 * over the whole arena: the same seed, the same curve and the same weights, on one thread and
 * on a team of two (whose gradients are summed over the kept entries only). The kept-only run
 * keeps its weights packed and brings the arena up to date lazily, so this also checks that
 * every reader sees the weights of the step it is called at: the arena at every evaluation and
 * checkpoint report, and the captured training states, whose pruned weights and moments are +0
 * in both runs. */
static void
test_training_kept_only (void)
{
  static const guint hidden[] = { 64, 32 };
  static const guint64 capture[] = { 0, 7, 30, 60 };
  static const guint64 checkpoints[] = { 3, 11, 45 };
  OcDataOptions d;
  OcTrainConfig c;
  g_autoptr (OcDataset) ds = NULL;
  g_autoptr (OcMlp) base = NULL;
  gsize alive[3] = { 20, 60, 30 };
  OcRng rng;

  oc_data_options_init (&d);
  d.name = "spiral";
  d.n_points = 600;
  oc_train_config_init (&c);
  c.hidden = hidden;
  c.n_hidden = 2;
  c.batch = 120;
  c.iterations = 60;
  c.eval_every = 20;
  c.optim.weight_decay = 1e-3;
  c.capture_at = capture;
  c.n_capture_at = G_N_ELEMENTS (capture);
  c.checkpoints = checkpoints;
  c.n_checkpoints = G_N_ELEMENTS (checkpoints);
  ds = oc_dataset_load (&d, NULL, NULL);
  g_assert_nonnull (ds);
  base = oc_train_build_model (&c, ds, NULL);
  g_assert_true (oc_mlp_enable_mask (base, NULL));
  oc_rng_init (&rng, 9, OC_STREAM_MASK);
  oc_prune_random_mask (base, alive, &rng);
  for (guint threads = 1; threads <= 2; threads++)
    {
      g_autoptr (OcMlp) masked = oc_mlp_dup (base, NULL), kept = oc_mlp_dup (base, NULL);
      g_autoptr (OcTrainResult) rm = NULL, rk = NULL;
      Seen sm = { g_ptr_array_new_with_free_func (g_free),
                  g_ptr_array_new_with_free_func ((GDestroyNotify) oc_train_state_free) };
      Seen sk = { g_ptr_array_new_with_free_func (g_free),
                  g_ptr_array_new_with_free_func ((GDestroyNotify) oc_train_state_free) };

      c.threads = threads;
      oc_sparse_max_kept = -1.0; /* never by index: the masked update over the arena */
      rm = oc_train_run (&c, ds, masked, NULL, seen_progress, &sm, NULL, NULL);
      oc_sparse_max_kept = 1.0; /* always by index */
      rk = oc_train_run (&c, ds, kept, NULL, seen_progress, &sk, NULL, NULL);
      oc_sparse_max_kept = 0.3;
      g_assert_nonnull (rm);
      g_assert_nonnull (rk);
      g_assert_cmpuint (rm->evals->len, ==, rk->evals->len);
      for (guint e = 0; e < rm->evals->len; e++)
        g_assert_cmpfloat (g_array_index (rk->evals, OcEvalPoint, e).train_loss, ==,
                           g_array_index (rm->evals, OcEvalPoint, e).train_loss);
      g_assert_cmpfloat (rk->final.train_loss, <,
                         g_array_index (rk->evals, OcEvalPoint, 0).train_loss);
      g_assert_cmpmem (kept->params, sizeof (float) * kept->n_params, masked->params,
                       sizeof (float) * masked->n_params);

      /* Evaluations at 0, 20, 40, 60 and the three checkpoints. */
      g_assert_cmpuint (sk.arenas->len, ==, 7);
      g_assert_cmpuint (sm.arenas->len, ==, 7);
      for (guint k = 0; k < sk.arenas->len; k++)
        g_assert_cmpmem (sk.arenas->pdata[k], sizeof (float) * kept->n_params,
                         sm.arenas->pdata[k], sizeof (float) * kept->n_params);
      g_assert_cmpuint (sk.states->len, ==, G_N_ELEMENTS (capture));
      g_assert_cmpuint (sm.states->len, ==, G_N_ELEMENTS (capture));
      for (guint k = 0; k < sk.states->len; k++)
        {
          const OcTrainState *a = sk.states->pdata[k], *b = sm.states->pdata[k];

          g_assert_cmpuint (a->iteration, ==, capture[k]);
          g_assert_cmpmem (a->params, sizeof (float) * a->n_params, b->params,
                           sizeof (float) * b->n_params);
          g_assert_cmpmem (a->m, sizeof (float) * a->n_params, b->m, sizeof (float) * b->n_params);
          g_assert_cmpmem (a->v, sizeof (float) * a->n_params, b->v, sizeof (float) * b->n_params);
          for (gsize i = 0; i < a->n_params; i++)
            if (base->mask[i] == 0.0f)
              g_assert_true (a->params[i] == 0.0f && !signbit (a->params[i])
                             && a->m[i] == 0.0f && !signbit (a->m[i])
                             && a->v[i] == 0.0f && !signbit (a->v[i]));
        }
      g_ptr_array_unref (sm.arenas);
      g_ptr_array_unref (sm.states);
      g_ptr_array_unref (sk.arenas);
      g_ptr_array_unref (sk.states);
    }
}

/* The plan's packed values against the arena both ways: packed from it when planned, written
 * back by oc_sparse_unpack, oc_sparse_write_through writing exactly the dense layers' weights
 * of a feature-major plan (everything when no layer is sparse), and oc_sparse_refresh reading
 * exactly the rest. */
static void
test_pack_sync (void)
{
  static const guint sizes[] = { 40, 30, 20, 5 };
  gsize alive[3] = { 60, 400, 100 }; /* 5 %, 67 % (dense), 100 % (dense) */
  g_autoptr (OcMlp) m = oc_mlp_new (sizes, 4, OC_ACT_RELU, NULL);
  g_autoptr (OcSparsePlan) plan = NULL, all_dense = NULL;
  g_autofree float *arena = NULL;
  OcRng rng;

  oc_rng_init (&rng, 17, OC_STREAM_USER);
  oc_mlp_init_params (m, OC_INIT_GLOROT_NORMAL, &rng);
  g_assert_true (oc_mlp_enable_mask (m, NULL));
  oc_prune_random_mask (m, alive, &rng);
  oc_sparse_max_kept = 1.0;
  plan = oc_sparse_plan_new (m);
  g_assert_nonnull (plan);
  g_assert_true (plan->any_sparse && plan->kept_only);
  g_assert_nonnull (plan->layers[0].rowptr);
  g_assert_null (plan->layers[1].rowptr);
  g_assert_cmpuint (plan->n_kept, ==, 60 + 30 + 400 + 20 + 100 + 5);
  for (guint l = 0; l < 3; l++)
    {
      g_assert_cmpuint (plan->b_kept[l] - plan->w_kept[l], ==, alive[l]);
      g_assert_cmpuint (l + 1 < 3 ? plan->w_kept[l + 1] : plan->n_kept, ==,
                        plan->b_kept[l] + sizes[l + 1]);
    }
  /* Packed from the arena, in ascending arena order, the sparse layer in its CSR order. */
  for (gsize k = 0; k < plan->n_kept; k++)
    {
      g_assert_cmpfloat (plan->values[k], ==, m->params[plan->kept[k]]);
      g_assert_true (m->mask[plan->kept[k]] != 0.0f);
      if (k > 0)
        g_assert_cmpuint (plan->kept[k], >, plan->kept[k - 1]);
    }
  for (int o = 0; o < 30; o++)
    for (int k = plan->layers[0].rowptr[o]; k < plan->layers[0].rowptr[o + 1]; k++)
      g_assert_cmpuint (plan->kept[plan->w_kept[0] + k], ==,
                        m->w_offset[0] + (gsize) o * 40 + plan->layers[0].col[k]);

  /* Write-through: the dense layers' weights only. */
  for (gsize k = 0; k < plan->n_kept; k++)
    plan->values[k] = (float) k + 0.5f;
  arena = g_memdup2 (m->params, sizeof (float) * m->n_params);
  oc_sparse_write_through (plan, arena, 0, plan->n_kept);
  for (gsize k = 0; k < plan->n_kept; k++)
    {
      gboolean dense_w = (k >= plan->w_kept[1] && k < plan->b_kept[1])
                         || (k >= plan->w_kept[2] && k < plan->b_kept[2]);

      g_assert_cmpfloat (arena[plan->kept[k]], ==,
                         dense_w ? plan->values[k] : m->params[plan->kept[k]]);
    }
  /* Unpacked: every kept entry, nothing else. */
  oc_sparse_unpack (plan, arena, plan->values, 0, plan->n_kept);
  for (gsize i = 0, k = 0; i < m->n_params; i++)
    if (k < plan->n_kept && plan->kept[k] == i)
      g_assert_cmpfloat (arena[i], ==, plan->values[k++]);
    else
      g_assert_cmpfloat (arena[i], ==, m->params[i]);

  /* Refreshed from the arena: the sparse layer's weights and every bias, nothing else. */
  for (gsize k = 0; k < plan->n_kept; k++)
    plan->values[k] = -1.0f;
  oc_sparse_refresh (plan, m->params);
  for (gsize k = 0; k < plan->n_kept; k++)
    {
      gboolean dense_w = (k >= plan->w_kept[1] && k < plan->b_kept[1])
                         || (k >= plan->w_kept[2] && k < plan->b_kept[2]);

      g_assert_cmpfloat (plan->values[k], ==, dense_w ? -1.0f : m->params[plan->kept[k]]);
    }

  /* Without a sparse layer the step reads the whole arena: write-through is unpacking. */
  oc_sparse_max_density = -1.0;
  all_dense = oc_sparse_plan_new (m);
  oc_sparse_max_density = 0.3;
  oc_sparse_max_kept = 0.3;
  g_assert_nonnull (all_dense);
  g_assert_false (all_dense->any_sparse);
  for (gsize k = 0; k < all_dense->n_kept; k++)
    all_dense->values[k] = -(float) k;
  oc_sparse_write_through (all_dense, arena, 0, all_dense->n_kept);
  for (gsize k = 0; k < all_dense->n_kept; k++)
    g_assert_cmpfloat (arena[all_dense->kept[k]], ==, -(float) k);
}

/* The benchmark's tickets: the density asked for, in Frankle & Carbin's proportions (hidden
 * layers keep 0.8^k, the output layer 0.9^k, for one k), and by magnitude: every kept weight of
 * a layer is at least as large as every pruned one. */
static void
test_bench_ticket (void)
{
  static const guint sizes[] = { 784, 300, 100, 10 };
  static const double densities[] = { 0.5, 0.036, 0.012 };
  OcRng rng;

  oc_rng_init (&rng, 4, OC_STREAM_USER);
  for (guint t = 0; t < G_N_ELEMENTS (densities); t++)
    {
      g_autoptr (OcMlp) m = oc_mlp_new (sizes, 4, OC_ACT_RELU, NULL);
      g_autofree float *orig = NULL;
      gsize total;
      double k[3];

      oc_mlp_init_params (m, OC_INIT_GLOROT_NORMAL, &rng);
      orig = oc_mlp_snapshot (m, NULL);
      g_assert_true (oc_bench_ticket_mask (m, densities[t], NULL));
      total = oc_mlp_total_weights (m);
      g_assert_cmpfloat (fabs ((double) oc_mlp_count_alive (m, -1) - densities[t] * total), <=,
                         3.0);
      for (guint l = 0; l < 3; l++)
        {
          const float *w = oc_mlp_weights (m, l), *mk = m->mask + m->w_offset[l];
          const float *w0 = orig + m->w_offset[l];
          float min_kept = INFINITY, max_pruned = 0;

          k[l] = log (oc_prune_density (m, (int) l)) / log (l == 2 ? 0.9 : 0.8);
          for (gsize i = 0; i < oc_mlp_weight_count (m, l); i++)
            if (mk[i] != 0.0f)
              {
                min_kept = MIN (min_kept, fabsf (w0[i]));
                g_assert_cmpfloat (w[i], ==, w0[i]);
              }
            else
              {
                max_pruned = MAX (max_pruned, fabsf (w0[i]));
                g_assert_cmpfloat (w[i], ==, 0.0f);
              }
          g_assert_cmpfloat (min_kept, >=, max_pruned);
        }
      /* One k for all layers, up to rounding to whole weights (the output layer has 1000). */
      g_assert_cmpfloat (fabs (k[0] - k[1]), <, 0.05);
      g_assert_cmpfloat (fabs (k[0] - k[2]), <, 0.05 + 1.0 / (1000 * densities[t]));
    }
}

/* The feature-major blocks the kernels read 32 bytes at a time start on a cache line, zeroed;
 * an impossible size is an error, not a crash. */
static void
test_aligned_alloc (void)
{
  static const gsize sizes[] = { 1, 3, 64, 1000, 200704, 1 << 20 };
  g_autoptr (GError) error = NULL;

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      g_autofree float *p = oc_try_alloc0_n_aligned (sizes[s], sizeof (float), "a test", &error);

      g_assert_no_error (error);
      g_assert_nonnull (p);
      g_assert_cmpuint ((guintptr) p % 64, ==, 0);
      for (gsize i = 0; i < sizes[s]; i++)
        g_assert_true (p[i] == 0.0f);
    }
  g_assert_null (oc_try_alloc0_n_aligned (G_MAXSIZE / 2, 4, "a test", &error));
  g_assert_error (error, OC_ERROR, OC_ERROR_NO_MEMORY);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_data_func ("/sparse/kernels", GINT_TO_POINTER (OC_SPARSE_BLOCK), test_kernels);
  g_test_add_data_func ("/sparse/kernels-half", GINT_TO_POINTER (OC_SPARSE_HALF), test_kernels);
  g_test_add_data_func ("/sparse/transpose", GINT_TO_POINTER (OC_SPARSE_BLOCK), test_transpose);
  g_test_add_data_func ("/sparse/transpose-half", GINT_TO_POINTER (OC_SPARSE_HALF),
                        test_transpose);
  g_test_add_func ("/sparse/plan", test_plan);
  g_test_add_func ("/sparse/training", test_training);
  g_test_add_func ("/sparse/training-kept-only", test_training_kept_only);
  g_test_add_func ("/sparse/training-codes", test_training_codes);
  g_test_add_func ("/sparse/pack-sync", test_pack_sync);
  g_test_add_func ("/sparse/bench-ticket", test_bench_ticket);
  g_test_add_func ("/sparse/aligned-alloc", test_aligned_alloc);
  return g_test_run ();
}
