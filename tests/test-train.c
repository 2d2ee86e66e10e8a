/* test-train.c — end-to-end training: loss falls, runs are bit-reproducible, masks hold, errors and
 * cancellation behave, and a real Fashion-MNIST subset learns.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include "occam/oc-error.h"
#include "occam/oc-train.h"
#include "oc-config.h"
#include "oc-dataset-private.h"

/* Five Gaussian clusters in 20 dimensions: learnable in a few epochs, not trivially. */
static OcDataset *
make_clusters (guint n_train, guint n_val, guint n_test)
{
  OcDataset *ds = g_new0 (OcDataset, 1);
  const guint dim = 20, k = 5;
  float centers[5][20];
  OcSplit *splits[] = { &ds->train, &ds->val, &ds->test };
  guint sizes[] = { n_train, n_val, n_test };
  OcRng rng;

  ds->name = g_strdup ("clusters");
  ds->source = g_strdup ("generated");
  ds->dim = dim;
  ds->n_classes = k;
  ds->n_groups = 1;
  ds->class_names = oc_class_names_numbered (k);
  oc_rng_init (&rng, 99, OC_STREAM_USER);
  for (guint c = 0; c < k; c++)
    for (guint d = 0; d < dim; d++)
      centers[c][d] = (float) oc_rng_normal (&rng) * 0.6f;
  for (guint s = 0; s < 3; s++)
    {
      g_assert_true (oc_split_alloc (splits[s], sizes[s], dim, 1, "test", NULL));
      for (guint i = 0; i < sizes[s]; i++)
        {
          guint c = oc_rng_below (&rng, k);

          splits[s]->y[i] = (gint32) c;
          for (guint d = 0; d < dim; d++)
            splits[s]->x[i * dim + d] = centers[c][d] + (float) oc_rng_normal (&rng);
        }
    }
  return ds;
}

static void
small_config (OcTrainConfig *cfg)
{
  static const guint hidden[] = { 32, 16 };

  oc_train_config_init (cfg);
  cfg->hidden = hidden;
  cfg->n_hidden = 2;
  cfg->batch = 32;
  cfg->epochs = 15;
  cfg->threads = 1;
  cfg->seed = 3;
}

static void
test_train_loss_falls (void)
{
  g_autoptr (OcDataset) ds = make_clusters (800, 200, 400);
  g_autoptr (OcMlp) m = NULL;
  g_autoptr (OcTrainResult) r = NULL;
  g_autoptr (GError) error = NULL;
  OcTrainConfig cfg;
  const OcEvalPoint *first;

  small_config (&cfg);
  m = oc_train_build_model (&cfg, ds, &error);
  g_assert_no_error (error);
  r = oc_train_run (&cfg, ds, m, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  first = &g_array_index (r->evals, OcEvalPoint, 0);
  g_assert_cmpuint (first->iteration, ==, 0);
  /* 800/32 = 25 steps per epoch, 15 epochs, one evaluation per epoch plus the initial one. */
  g_assert_cmpuint (r->iterations, ==, 375);
  g_assert_cmpuint (r->evals->len, ==, 16);
  g_assert_cmpfloat (r->final.train_loss, <, 0.5 * first->train_loss);
  g_assert_cmpfloat (r->final.test_error, <, 0.25);
  g_assert_cmpfloat (first->test_error, >, 0.5);
  for (guint i = 1; i < r->evals->len; i++)
    g_assert_cmpuint (g_array_index (r->evals, OcEvalPoint, i).iteration, >,
                      g_array_index (r->evals, OcEvalPoint, i - 1).iteration);
  g_assert_cmpfloat (r->gflops, >, 0);
}

static void
test_train_deterministic (void)
{
  g_autoptr (OcDataset) ds = make_clusters (300, 0, 100);
  g_autoptr (OcMlp) a = NULL;
  g_autoptr (OcMlp) b = NULL;
  g_autoptr (OcTrainResult) ra = NULL;
  g_autoptr (OcTrainResult) rb = NULL;
  OcTrainConfig cfg;

  small_config (&cfg);
  cfg.epochs = 4;
  cfg.optim.kind = OC_OPTIM_MOMENTUM;
  cfg.optim.lr = 0.05;
  a = oc_train_build_model (&cfg, ds, NULL);
  b = oc_train_build_model (&cfg, ds, NULL);
  ra = oc_train_run (&cfg, ds, a, NULL, NULL, NULL, NULL, NULL);
  rb = oc_train_run (&cfg, ds, b, NULL, NULL, NULL, NULL, NULL);
  g_assert_cmpmem (a->params, sizeof (float) * a->n_params, b->params, sizeof (float) * b->n_params);
  g_assert_cmpuint (ra->evals->len, ==, rb->evals->len);
  for (guint i = 0; i < ra->evals->len; i++)
    {
      g_assert_cmpfloat (g_array_index (ra->evals, OcEvalPoint, i).train_loss, ==,
                         g_array_index (rb->evals, OcEvalPoint, i).train_loss);
      g_assert_cmpfloat (g_array_index (ra->evals, OcEvalPoint, i).test_error, ==,
                         g_array_index (rb->evals, OcEvalPoint, i).test_error);
    }
  /* A different seed gives a different network. */
  cfg.seed = 4;
  {
    g_autoptr (OcMlp) c = oc_train_build_model (&cfg, ds, NULL);
    g_autoptr (OcTrainResult) rc = oc_train_run (&cfg, ds, c, NULL, NULL, NULL, NULL, NULL);

    g_assert_true (memcmp (a->params, c->params, sizeof (float) * a->n_params) != 0);
  }
}

/* A team of two splits every batch: the same bits on every run, and the same training up to the
 * order of floating-point sums (compared with one thread). */
static void
test_train_team_deterministic (void)
{
  g_autoptr (OcDataset) ds = make_clusters (600, 0, 200);
  static const guint wide[] = { 256, 128 };
  OcTrainConfig cfg;
  double loss[3];
  g_autofree float *first = NULL;

  small_config (&cfg);
  cfg.hidden = wide;
  cfg.batch = 64;
  cfg.epochs = 3;
  for (guint run = 0; run < 3; run++)
    {
      g_autoptr (OcMlp) m = NULL;
      g_autoptr (OcTrainResult) r = NULL;

      cfg.threads = run < 2 ? 2 : 1;
      m = oc_train_build_model (&cfg, ds, NULL);
      r = oc_train_run (&cfg, ds, m, NULL, NULL, NULL, NULL, NULL);
      g_assert_cmpuint (r->threads, ==, cfg.threads);
      loss[run] = r->final.train_loss;
      if (run == 0)
        first = g_memdup2 (m->params, sizeof (float) * m->n_params);
      else if (run == 1)
        g_assert_cmpmem (first, sizeof (float) * m->n_params, m->params,
                         sizeof (float) * m->n_params);
    }
  g_assert_cmpfloat (loss[0], ==, loss[1]);
  g_assert_cmpfloat (fabs (loss[0] - loss[2]), <, 1e-3 * MAX (1.0, loss[2]));
}

/* Prunes each weight of @m with probability @fraction (mask stream @seed); returns how many. */
static gsize
prune_randomly (OcMlp *m, guint64 seed, double fraction)
{
  gsize pruned = 0;
  OcRng rng;

  g_assert_true (oc_mlp_enable_mask (m, NULL));
  oc_rng_init (&rng, seed, OC_STREAM_MASK);
  for (guint l = 0; l < m->n_layers; l++)
    for (gsize i = 0; i < oc_mlp_weight_count (m, l); i++)
      if (oc_rng_uniform (&rng) < fraction)
        {
          m->mask[m->w_offset[l] + i] = 0.0f;
          pruned++;
        }
  oc_mlp_apply_mask (m);
  return pruned;
}

/* Training against a plain loop written here from public pieces: the same epoch orders
 * (OC_STREAM_ORDER), oc_mlp_gradient (which overwrites the gradient arena: beta = 0 GEMMs) and
 * oc_optimizer_step. With one thread oc_train_run must give the same weights bit for bit,
 * although it accumulates its weight gradients into arenas its optimiser pass clears, for every
 * rule, with weight decay, a schedule, a short last batch and a pruning mask. With two threads
 * the batch's halves are summed: the same weights within 1e-4 after 40 steps. */
static void
test_train_matches_reference_loop (void)
{
  g_autoptr (OcDataset) ds = make_clusters (200, 0, 50);
  const OcOptimKind kinds[] = { OC_OPTIM_SGD, OC_OPTIM_MOMENTUM, OC_OPTIM_ADAM, OC_OPTIM_ADAMW };

  for (guint c = 0; c < 2 * G_N_ELEMENTS (kinds); c++)
    {
      gboolean masked = c >= G_N_ELEMENTS (kinds);
      static const guint wide[] = { 256, 128 };
      OcTrainConfig cfg;
      g_autoptr (OcMlp) init = NULL, want = NULL;
      g_autoptr (OcOptimizer) opt = NULL;
      g_autofree float *grads = NULL, *x = NULL;
      g_autofree gint32 *y = NULL;
      g_autofree guint32 *order = g_new (guint32, ds->train.n);
      const guint64 steps = 40;
      guint pos;
      OcRng order_rng;

      small_config (&cfg);
      cfg.optim.kind = kinds[c % G_N_ELEMENTS (kinds)];
      cfg.optim.lr = cfg.optim.kind >= OC_OPTIM_ADAM ? 3e-3 : 0.05;
      cfg.optim.weight_decay = 0.01;
      cfg.optim.nesterov = c % 2 == 1;
      cfg.optim.schedule = OC_SCHEDULE_COSINE;
      cfg.batch = 48; /* 200 = 4 · 48 + 8: every fifth batch is short */
      cfg.iterations = steps;
      cfg.epochs = 0;
      /* Wide enough for a team of two (oc_train_run uses one thread for tiny networks). */
      cfg.hidden = wide;
      init = oc_train_build_model (&cfg, ds, NULL);
      if (masked)
        g_assert_cmpuint (prune_randomly (init, 5, 0.2), >, 0);

      for (guint threads = 1; threads <= 2; threads++)
        {
          g_autoptr (OcMlp) m = oc_mlp_dup (init, NULL);
          g_autoptr (OcTrainResult) r = NULL;

          cfg.threads = threads;
          r = oc_train_run (&cfg, ds, m, NULL, NULL, NULL, NULL, NULL);
          g_assert_nonnull (r);
          g_assert_cmpuint (r->threads, ==, threads);
          g_assert_cmpuint (r->iterations, ==, steps);
          if (threads == 1)
            {
              /* The reference loop, from the same initial weights. */
              want = oc_mlp_dup (init, NULL);
              opt = oc_optimizer_new (&cfg.optim, want->n_params, NULL);
              grads = g_new0 (float, want->n_params);
              x = g_new (float, (gsize) cfg.batch * ds->dim);
              y = g_new (gint32, cfg.batch);
              oc_rng_init (&order_rng, cfg.seed, OC_STREAM_ORDER);
              for (guint32 i = 0; i < ds->train.n; i++)
                order[i] = i;
              pos = ds->train.n;
              for (guint64 t = 0; t < steps; t++)
                {
                  guint nb;

                  if (pos >= ds->train.n)
                    {
                      oc_rng_shuffle_u32 (&order_rng, order, ds->train.n);
                      pos = 0;
                    }
                  nb = MIN (cfg.batch, ds->train.n - pos);
                  for (guint r0 = 0; r0 < nb; r0++)
                    {
                      memcpy (x + (gsize) r0 * ds->dim, ds->train.x + (gsize) order[pos + r0] * ds->dim,
                              sizeof (float) * ds->dim);
                      y[r0] = ds->train.y[order[pos + r0]];
                    }
                  g_assert_true (oc_mlp_gradient (want, cfg.loss, 1, ds->n_classes, x, y, nb, grads,
                                                  NULL, NULL));
                  oc_optimizer_step (opt, want->params, grads, want->mask,
                                     oc_schedule_lr (&cfg.optim, t, steps));
                  pos += nb;
                }
              g_assert_cmpmem (m->params, sizeof (float) * m->n_params, want->params,
                               sizeof (float) * want->n_params);
            }
          else
            for (gsize i = 0; i < m->n_params; i++)
              {
                g_assert_cmpfloat (fabs (m->params[i] - want->params[i]), <, 1e-4);
                if (masked && m->mask[i] == 0.0f)
                  g_assert_true (m->params[i] == 0.0f && !signbit (m->params[i]));
              }
        }
    }
}

static void
test_train_mask_holds (void)
{
  g_autoptr (OcDataset) ds = make_clusters (400, 0, 100);
  g_autoptr (OcMlp) m = NULL;
  g_autoptr (OcTrainResult) r = NULL;
  OcTrainConfig cfg;
  gsize pruned;

  small_config (&cfg);
  cfg.epochs = 20;
  cfg.optim.weight_decay = 1e-3;
  m = oc_train_build_model (&cfg, ds, NULL);
  pruned = prune_randomly (m, 5, 0.7);
  r = oc_train_run (&cfg, ds, m, NULL, NULL, NULL, NULL, NULL);
  g_assert_nonnull (r);
  g_assert_cmpuint (oc_mlp_count_alive (m, -1), ==, oc_mlp_total_weights (m) - pruned);
  for (gsize i = 0; i < m->n_params; i++)
    if (m->mask[i] == 0.0f)
      {
        guint32 bits;

        memcpy (&bits, &m->params[i], sizeof bits);
        g_assert_cmpuint (bits, ==, 0);
      }
  /* The surviving 30 % of the weights still learn. */
  g_assert_cmpfloat (r->final.train_loss, <, 0.8 * g_array_index (r->evals, OcEvalPoint, 0).train_loss);
}

/* Bit-equal evaluation entries: NaN equals NaN. */
static void
assert_same_value (double a, double b)
{
  if (isnan (a) || isnan (b))
    g_assert_true (isnan (a) && isnan (b));
  else
    g_assert_cmpfloat (a, ==, b);
}

static void
assert_same_point (const OcEvalPoint *a, const OcEvalPoint *b)
{
  g_assert_cmpuint (a->iteration, ==, b->iteration);
  assert_same_value (a->train_loss, b->train_loss);
  assert_same_value (a->train_error, b->train_error);
  assert_same_value (a->val_loss, b->val_loss);
  assert_same_value (a->val_error, b->val_error);
  assert_same_value (a->test_loss, b->test_loss);
  assert_same_value (a->test_error, b->test_error);
}

/* Evaluating only what a run reports (the prune kind's levels) trains the same bits and reports
 * the same final and early-stopping evaluations, bit for bit, as evaluating every split every
 * time: with and without a validation split, one thread and a team of two, dense and masked. */
static void
test_train_eval_reported_only (void)
{
  static const guint narrow[] = { 96, 48 }, wide[] = { 256, 128 };

  for (guint variant = 0; variant < 8; variant++)
    {
      gboolean with_val = variant & 1, team = variant & 2, masked = variant & 4;
      /* Few training examples and a high learning rate: it overfits, so the validation loss
       * rises between its lows. */
      g_autoptr (OcDataset) ds = make_clusters (160, with_val ? 200 : 0, 300);
      g_autoptr (OcMlp) a = NULL;
      g_autoptr (OcMlp) b = NULL;
      g_autoptr (OcTrainResult) ra = NULL;
      g_autoptr (OcTrainResult) rb = NULL;
      OcTrainConfig cfg;
      double best = INFINITY;
      guint j = 0;

      small_config (&cfg);
      /* A team needs enough work per step to be used at all (OC_TEAM_MIN_FLOPS). */
      cfg.hidden = team ? wide : narrow;
      cfg.epochs = 24;
      cfg.eval_every = 5;
      cfg.train_eval_examples = 100;
      cfg.threads = team ? 2 : 1;
      cfg.optim.lr = 1e-2;
      a = oc_train_build_model (&cfg, ds, NULL);
      if (masked)
        prune_randomly (a, 8, 0.9);
      b = oc_mlp_dup (a, NULL);
      ra = oc_train_run (&cfg, ds, a, NULL, NULL, NULL, NULL, NULL);
      cfg.eval_reported_only = TRUE;
      rb = oc_train_run (&cfg, ds, b, NULL, NULL, NULL, NULL, NULL);
      g_assert_nonnull (ra);
      g_assert_nonnull (rb);
      /* Both paths train with the same team; a masked network's team counts its sparse work
       * (a 10 % ticket this small runs on one thread), the dense one takes the two asked for. */
      g_assert_cmpuint (rb->threads, ==, ra->threads);
      if (!masked)
        g_assert_cmpuint (rb->threads, ==, cfg.threads);
      g_assert_cmpmem (a->params, sizeof (float) * a->n_params, b->params,
                       sizeof (float) * b->n_params);
      assert_same_point (&ra->final, &rb->final);
      /* The early-stopping point's training entries are not reported (only the final ones). */
      if (rb->early_stop.iteration == rb->final.iteration)
        assert_same_point (&ra->early_stop, &rb->early_stop);
      else
        {
          OcEvalPoint es = ra->early_stop;

          g_assert_true (isnan (rb->early_stop.train_loss) && isnan (rb->early_stop.train_error));
          es.train_loss = es.train_error = NAN;
          assert_same_point (&es, &rb->early_stop);
        }
      g_assert_false (isnan (rb->final.train_error) || isnan (rb->final.test_error));
      if (!with_val)
        {
          /* Nothing but the last evaluation is reported. */
          g_assert_cmpuint (rb->evals->len, ==, 1);
          g_assert_cmpuint (rb->final.iteration, ==, ra->iterations);
          continue;
        }
      /* The validation curve in full; test entries where the validation loss reaches a new low
       * (found here from the full run's curve) and at the end; training entries at the end. */
      g_assert_cmpuint (rb->evals->len, ==, ra->evals->len);
      for (guint i = 0; i < ra->evals->len; i++)
        {
          const OcEvalPoint *pa = &g_array_index (ra->evals, OcEvalPoint, i);
          const OcEvalPoint *pb = &g_array_index (rb->evals, OcEvalPoint, i);
          gboolean last = i + 1 == ra->evals->len, low = pa->val_loss < best;

          g_assert_cmpuint (pa->iteration, ==, pb->iteration);
          g_assert_cmpfloat (pa->val_loss, ==, pb->val_loss);
          g_assert_cmpfloat (pa->val_error, ==, pb->val_error);
          if (low || last)
            g_assert_cmpfloat (pa->test_error, ==, pb->test_error);
          else
            g_assert_true (isnan (pb->test_error) && isnan (pb->test_loss));
          g_assert_true (last ? pb->train_loss == pa->train_loss : isnan (pb->train_loss));
          if (low)
            {
              best = pa->val_loss;
              j++;
            }
        }
      g_test_message ("variant %u: %u new lows of the validation loss in %u evaluations", variant,
                      j, ra->evals->len);
      /* The validation loss fell more than once, and the test split was skipped somewhere. */
      g_assert_cmpuint (j, >, 1);
      g_assert_cmpuint (j, <, ra->evals->len);
    }
}

static void
test_train_diverges (void)
{
  g_autoptr (OcDataset) ds = make_clusters (200, 0, 50);
  g_autoptr (OcMlp) m = NULL;
  g_autoptr (GError) error = NULL;
  OcTrainResult *r;
  OcTrainConfig cfg;

  small_config (&cfg);
  cfg.optim.kind = OC_OPTIM_SGD;
  cfg.optim.lr = 1e8;
  cfg.loss = OC_LOSS_MSE;
  m = oc_train_build_model (&cfg, ds, NULL);
  r = oc_train_run (&cfg, ds, m, NULL, NULL, NULL, NULL, &error);
  g_assert_null (r);
  g_assert_error (error, OC_ERROR, OC_ERROR_DIVERGED);
  g_assert_nonnull (strstr (error->message, "lower learning rate"));
}

typedef struct
{
  GCancellable *cancellable;
  guint         n_evals;
  guint64       last_eval_iteration;
  guint64       cancel_at;
  gboolean      in_order;
} Watch;

static void
watch_progress (const OcProgress *p, gpointer user_data)
{
  Watch *w = user_data;

  if (p->eval != NULL)
    {
      if (w->n_evals > 0 && p->eval->iteration <= w->last_eval_iteration)
        w->in_order = FALSE;
      w->last_eval_iteration = p->eval->iteration;
      w->n_evals++;
    }
  if (w->cancellable != NULL && p->iteration >= w->cancel_at)
    g_cancellable_cancel (w->cancellable);
}

static void
test_train_progress_and_cancel (void)
{
  g_autoptr (OcDataset) ds = make_clusters (640, 0, 100);
  g_autoptr (OcMlp) m = NULL;
  g_autoptr (OcTrainResult) r = NULL;
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError) error = NULL;
  OcTrainConfig cfg;
  Watch w = { NULL, 0, 0, 0, TRUE };

  small_config (&cfg);
  cfg.eval_every = 7;
  m = oc_train_build_model (&cfg, ds, NULL);
  r = oc_train_run (&cfg, ds, m, NULL, watch_progress, &w, NULL, NULL);
  /* Every evaluation reaches the callback, in order: 0, 7, 14, …, and the last step. */
  g_assert_cmpuint (w.n_evals, ==, r->evals->len);
  g_assert_cmpuint (r->evals->len, ==, 1 + 300 / 7 + 1);
  g_assert_true (w.in_order);

  /* Cancelling stops within one step, with G_IO_ERROR_CANCELLED. */
  g_clear_pointer (&r, oc_train_result_free);
  w = (Watch) { cancellable, 0, 0, 14, TRUE };
  r = oc_train_run (&cfg, ds, m, cancellable, watch_progress, &w, NULL, &error);
  g_assert_null (r);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (w.last_eval_iteration, ==, 14);
}

static void
test_train_early_stop_and_snapshot (void)
{
  g_autoptr (OcDataset) ds = make_clusters (400, 200, 100);
  g_autoptr (OcMlp) m = NULL;
  g_autoptr (OcMlp) m2 = NULL;
  g_autoptr (OcTrainResult) r = NULL;
  g_autoptr (OcTrainResult) r2 = NULL;
  g_autofree float *snap = NULL;
  OcTrainConfig cfg;
  double best = INFINITY;
  guint64 best_it = 0;

  small_config (&cfg);
  cfg.epochs = 30;
  /* Tiny hidden layers and long training: validation loss rises again at some point. */
  cfg.snapshot_at = 40;
  m = oc_train_build_model (&cfg, ds, NULL);
  r = oc_train_run (&cfg, ds, m, NULL, NULL, NULL, &snap, NULL);
  for (guint i = 0; i < r->evals->len; i++)
    {
      const OcEvalPoint *p = &g_array_index (r->evals, OcEvalPoint, i);

      g_assert_false (isnan (p->val_loss));
      if (p->val_loss < best)
        {
          best = p->val_loss;
          best_it = p->iteration;
        }
    }
  g_assert_cmpuint (r->early_stop.iteration, ==, best_it);
  g_assert_cmpfloat (r->early_stop.val_loss, ==, best);

  /* θ at iteration 40 equals a run of exactly 40 iterations. */
  g_assert_nonnull (snap);
  cfg.snapshot_at = 0;
  cfg.iterations = 40;
  m2 = oc_train_build_model (&cfg, ds, NULL);
  r2 = oc_train_run (&cfg, ds, m2, NULL, NULL, NULL, NULL, NULL);
  g_assert_cmpmem (snap, sizeof (float) * m2->n_params, m2->params, sizeof (float) * m2->n_params);
}

static void
test_train_bad_config (void)
{
  g_autoptr (OcDataset) ds = make_clusters (50, 0, 10);
  struct { const char *field; void (*apply) (OcTrainConfig *); } cases[] = {
    { "batch", NULL }, { "lr", NULL }, { "momentum", NULL }, { "epochs", NULL },
  };
  OcTrainConfig cfg;

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr (GError) error = NULL;
      OcMlp *m;

      small_config (&cfg);
      switch (c)
        {
        /* 0 is the full batch; more than 65536 rows is too many. */
        case 0: cfg.batch = 70000; break;
        case 1: cfg.optim.lr = -1; break;
        case 2: cfg.optim.momentum = 1.5; break;
        default: cfg.epochs = 0; cfg.iterations = 0; break;
        }
      m = oc_train_build_model (&cfg, ds, &error);
      g_assert_null (m);
      g_assert_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT);
      g_assert_nonnull (strstr (error->message, cases[c].field));
    }
}

/* Networks that cannot be built are refused before anything is allocated: more hidden layers
 * than the cap (the sizes array is not even made), and one whose training needs more memory than
 * any computer has, counted with its gradients, moments, mask and activations. */
static void
test_train_model_limits (void)
{
  g_autoptr (OcDataset) ds = make_clusters (50, 0, 10);
  g_autofree guint *deep = g_new (guint, 100000);
  static const guint wide[] = { 1u << 20, 1u << 20 };
  g_autoptr (GError) error = NULL;
  OcTrainConfig cfg;
  OcMlp *m;

  for (guint i = 0; i < 100000; i++)
    deep[i] = 1;
  small_config (&cfg);
  cfg.hidden = deep;
  cfg.n_hidden = 100000;
  m = oc_train_build_model (&cfg, ds, &error);
  g_assert_null (m);
  g_assert_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT);
  g_assert_cmpstr (error->message, ==,
                   "A network has at most 64 hidden layers; this one has 100000");
  g_clear_error (&error);

  cfg.hidden = wide;
  cfg.n_hidden = G_N_ELEMENTS (wide);
  m = oc_train_build_model (&cfg, ds, &error);
  g_assert_null (m);
  g_assert_error (error, OC_ERROR, OC_ERROR_TOO_LARGE);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, "The network 20-1048576-1048576-5 is too "
                                   "large: it needs "));
  g_assert_nonnull (strstr (error->message, "(parameters 4.0\u00a0TiB, gradients "));
  g_assert_nonnull (strstr (error->message, ", optimiser state "));
  g_assert_nonnull (strstr (error->message, ", pruning mask 4.0\u00a0TiB, activations "));
}

static void
test_train_fashion_mnist_subset (void)
{
  g_autoptr (OcDataset) ds = NULL;
  g_autoptr (OcMlp) m = NULL;
  g_autoptr (OcTrainResult) r = NULL;
  g_autoptr (GError) error = NULL;
  OcDataOptions opts;
  OcTrainConfig cfg;
  static const guint hidden[] = { 64 };

  if (!g_file_test (OC_FASHION_MNIST_DIR, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("Fashion-MNIST is not installed (apt-get install dataset-fashion-mnist)");
      return;
    }
  oc_data_options_init (&opts);
  opts.n_train = 3000;
  ds = oc_dataset_load (&opts, NULL, &error);
  g_assert_no_error (error);
  oc_train_config_init (&cfg);
  cfg.hidden = hidden;
  cfg.n_hidden = 1;
  cfg.epochs = 3;
  cfg.threads = 1;
  m = oc_train_build_model (&cfg, ds, &error);
  r = oc_train_run (&cfg, ds, m, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_test_message ("Fashion-MNIST 3000 examples, 3 epochs: test error %.3f, %.1f GFLOP/s",
                  r->final.test_error, r->gflops);
  g_assert_cmpfloat (r->final.train_loss, <, 0.6 * g_array_index (r->evals, OcEvalPoint, 0).train_loss);
  g_assert_cmpfloat (r->final.test_error, <, 0.3);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/train/loss-falls", test_train_loss_falls);
  g_test_add_func ("/train/deterministic", test_train_deterministic);
  g_test_add_func ("/train/team-deterministic", test_train_team_deterministic);
  g_test_add_func ("/train/mask-holds", test_train_mask_holds);
  g_test_add_func ("/train/matches-reference-loop", test_train_matches_reference_loop);
  g_test_add_func ("/train/eval-reported-only", test_train_eval_reported_only);
  g_test_add_func ("/train/diverges", test_train_diverges);
  g_test_add_func ("/train/progress-and-cancel", test_train_progress_and_cancel);
  g_test_add_func ("/train/early-stop-and-snapshot", test_train_early_stop_and_snapshot);
  g_test_add_func ("/train/bad-config", test_train_bad_config);
  g_test_add_func ("/train/model-limits", test_train_model_limits);
  g_test_add_func ("/train/fashion-mnist-subset", test_train_fashion_mnist_subset);
  return g_test_run ();
}
