/* oc-train.c — minibatch training with evaluation, early stopping, progress and cancellation.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Memory is allocated once per run: a workspace for training batches, another for evaluation
 * chunks, a gradient arena with the parameters' layout and the optimiser's moments. The step loop
 * itself allocates nothing.
 */
#include <cblas.h>
#include <math.h>
#include <string.h>

#include "occam/oc-error.h"
#include "occam/oc-train.h"
#include "oc-kernels.h"

/* Evaluation runs in chunks this large: big enough for GEMM efficiency, small enough for cache. */
#define OC_EVAL_CHUNK 1024
/* Seconds between progress reports that carry no evaluation. */
#define OC_PROGRESS_INTERVAL 0.2

static const guint default_hidden[] = { 256 };

void
oc_train_config_init (OcTrainConfig *cfg)
{
  g_return_if_fail (cfg != NULL);

  memset (cfg, 0, sizeof *cfg);
  cfg->hidden = default_hidden;
  cfg->n_hidden = G_N_ELEMENTS (default_hidden);
  cfg->activation = OC_ACT_RELU;
  cfg->init = OC_INIT_TORCH_DEFAULT;
  cfg->loss = OC_LOSS_CE;
  oc_optim_config_init (&cfg->optim);
  cfg->optim.kind = OC_OPTIM_ADAM;
  cfg->optim.lr = 1e-3;
  cfg->batch = 128;
  cfg->epochs = 10;
  cfg->train_eval_examples = -1;
}

void
oc_train_result_free (OcTrainResult *r)
{
  if (r == NULL)
    return;
  g_clear_pointer (&r->evals, g_array_unref);
  g_free (r);
}

guint
oc_blas_set_threads (guint threads)
{
  if (threads == 0)
    threads = g_get_num_processors ();
  openblas_set_num_threads ((int) threads);
  return (guint) openblas_get_num_threads ();
}

/* Activations and gradient buffers for batches of up to max_batch rows. */
typedef struct
{
  int     max_batch;
  guint   n_layers;
  float **act;     /* [n_layers] of [max_batch, sizes[l+1]]; the last holds the logits */
  float  *dbuf[2]; /* ping-pong gradients w.r.t. activations, [max_batch, max width] */
  float  *x;       /* gathered inputs [max_batch, dim] */
  gint32 *y;       /* gathered labels [max_batch, n_groups] */
} Workspace;

static void
workspace_free (Workspace *ws)
{
  if (ws == NULL)
    return;
  for (guint l = 0; ws->act != NULL && l < ws->n_layers; l++)
    g_free (ws->act[l]);
  g_free (ws->act);
  g_free (ws->dbuf[0]);
  g_free (ws->dbuf[1]);
  g_free (ws->x);
  g_free (ws->y);
  g_free (ws);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Workspace, workspace_free)

static Workspace *
workspace_new (const OcMlp *mlp, int max_batch, guint n_groups, gboolean backward, GError **error)
{
  g_autoptr (Workspace) ws = g_new0 (Workspace, 1);
  guint max_width = 0;

  ws->max_batch = max_batch;
  ws->n_layers = mlp->n_layers;
  ws->act = g_new0 (float *, mlp->n_layers);
  for (guint l = 0; l < mlp->n_layers; l++)
    {
      ws->act[l] = oc_try_alloc0_n ((gsize) max_batch * mlp->sizes[l + 1], sizeof (float),
                                    "layer activations", error);
      if (ws->act[l] == NULL)
        return NULL;
      max_width = MAX (max_width, mlp->sizes[l + 1]);
    }
  for (guint i = 0; backward && i < 2; i++)
    {
      ws->dbuf[i] = oc_try_alloc0_n ((gsize) max_batch * max_width, sizeof (float),
                                     "activation gradients", error);
      if (ws->dbuf[i] == NULL)
        return NULL;
    }
  ws->x = oc_try_alloc0_n ((gsize) max_batch * mlp->sizes[0], sizeof (float), "an input batch",
                           error);
  if (ws->x == NULL)
    return NULL;
  ws->y = oc_try_alloc0_n ((gsize) max_batch * n_groups, sizeof (gint32), "a label batch", error);
  if (ws->y == NULL)
    return NULL;
  return g_steal_pointer (&ws);
}

static OcKernelAct
kernel_act (const OcMlp *mlp, guint l)
{
  if (l + 1 == mlp->n_layers)
    return OC_KACT_NONE;
  return mlp->activation == OC_ACT_TANH ? OC_KACT_TANH : OC_KACT_RELU;
}

/* Forward pass of nb rows of x[nb, dim]; the logits end up in ws->act[n_layers − 1]. */
static const float *
forward (const OcMlp *mlp, Workspace *ws, const float *x, int nb)
{
  const float *in = x;

  for (guint l = 0; l < mlp->n_layers; l++)
    {
      int ni = (int) mlp->sizes[l], no = (int) mlp->sizes[l + 1];

      oc_linear_forward (ws->act[l], in, oc_mlp_weights (mlp, l), nb, ni, no);
      oc_bias_act_forward (ws->act[l], oc_mlp_bias (mlp, l), nb, no, kernel_act (mlp, l));
      in = ws->act[l];
    }
  return in;
}

static double
loss_and_grad (OcLoss loss, float *dlogits, const float *logits, const gint32 *labels, int nb,
               int G, int K, int *n_wrong)
{
  if (loss == OC_LOSS_MSE)
    {
      /* Mean over every output, as PyTorch's MSELoss. */
      float scale = 1.0f / ((float) nb * (float) G * (float) K);

      return oc_mse_onehot (dlogits, logits, labels, nb, G, K, scale, n_wrong) * scale;
    }
  return oc_softmax_ce (dlogits, logits, labels, nb, G, K, 1.0f / (float) nb, n_wrong) / nb;
}

/* Backward pass after forward(): overwrites every weight and bias gradient in grads (the parameter
 * arena's layout). ws->dbuf[0] holds d(loss)/d(logits) on entry. */
static void
backward (const OcMlp *mlp, Workspace *ws, const float *x, int nb, float *grads)
{
  float *d = ws->dbuf[0], *d_next = ws->dbuf[1];

  for (guint l = mlp->n_layers; l-- > 0;)
    {
      int ni = (int) mlp->sizes[l], no = (int) mlp->sizes[l + 1];
      const float *in = l == 0 ? x : ws->act[l - 1];

      oc_bias_act_backward (d, grads + mlp->b_offset[l], ws->act[l], nb, no, kernel_act (mlp, l));
      oc_linear_backward_weights (grads + mlp->w_offset[l], d, in, nb, ni, no);
      /* The first layer's input gradient is never needed. */
      if (l > 0)
        {
          float *t;

          oc_linear_backward_input (d_next, d, oc_mlp_weights (mlp, l), nb, ni, no);
          t = d;
          d = d_next;
          d_next = t;
        }
    }
}

static gboolean
evaluate_with (const OcMlp *mlp, Workspace *ws, OcLoss loss, const OcDataset *data,
               const OcSplit *split, double *loss_out, double *error_out)
{
  double total = 0.0;
  long wrong = 0;
  int G = (int) data->n_groups, K = (int) data->n_classes;

  if (split->n == 0)
    {
      *loss_out = NAN;
      *error_out = NAN;
      return FALSE;
    }
  for (guint start = 0; start < split->n; start += (guint) ws->max_batch)
    {
      int nb = (int) MIN ((guint) ws->max_batch, split->n - start);
      const float *logits = forward (mlp, ws, split->x + (gsize) start * data->dim, nb);
      int n_wrong = 0;

      total += loss_and_grad (loss, NULL, logits, split->y + (gsize) start * G, nb, G, K, &n_wrong)
               * nb;
      wrong += n_wrong;
    }
  *loss_out = total / split->n;
  *error_out = (double) wrong / split->n;
  return TRUE;
}

gboolean
oc_mlp_gradient (const OcMlp *model, OcLoss loss, guint n_groups, guint n_classes, const float *x,
                 const gint32 *y, guint n, float *grads, double *loss_out, GError **error)
{
  g_autoptr (Workspace) ws = NULL;
  const float *logits;
  double value;

  g_return_val_if_fail (model != NULL && x != NULL && y != NULL && grads != NULL, FALSE);
  g_return_val_if_fail (n > 0 && model->sizes[model->n_layers] == n_groups * n_classes, FALSE);

  ws = workspace_new (model, (int) n, n_groups, TRUE, error);
  if (ws == NULL)
    return FALSE;
  logits = forward (model, ws, x, (int) n);
  value = loss_and_grad (loss, ws->dbuf[0], logits, y, (int) n, (int) n_groups, (int) n_classes,
                         NULL);
  memset (grads, 0, sizeof (float) * model->n_params);
  backward (model, ws, x, (int) n, grads);
  if (loss_out != NULL)
    *loss_out = value;
  return TRUE;
}

static gboolean
check_model_fits (const OcMlp *model, const OcDataset *data, GError **error)
{
  if (model->sizes[0] != data->dim
      || model->sizes[model->n_layers] != data->n_classes * data->n_groups)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                   "The network (%u inputs, %u outputs) does not fit the dataset '%s' (%u features, "
                   "%u outputs)", model->sizes[0], model->sizes[model->n_layers], data->name,
                   data->dim, data->n_classes * data->n_groups);
      return FALSE;
    }
  return TRUE;
}

gboolean
oc_evaluate (const OcMlp *model, OcLoss loss, const OcDataset *data, const OcSplit *split,
             double *loss_out, double *error_out, GError **error)
{
  g_autoptr (Workspace) ws = NULL;

  g_return_val_if_fail (model != NULL && data != NULL && split != NULL, FALSE);
  g_return_val_if_fail (loss_out != NULL && error_out != NULL, FALSE);

  if (!check_model_fits (model, data, error))
    return FALSE;
  ws = workspace_new (model, (int) MAX (1, MIN (OC_EVAL_CHUNK, split->n)), data->n_groups, FALSE,
                      error);
  if (ws == NULL)
    return FALSE;
  evaluate_with (model, ws, loss, data, split, loss_out, error_out);
  return TRUE;
}

static gboolean
validate_config (const OcTrainConfig *cfg, const OcDataset *data, GError **error)
{
  const OcOptimConfig *o = &cfg->optim;
  const char *bad = NULL;

#define CHECK(cond, msg) if (bad == NULL && !(cond)) bad = (msg)
  CHECK (cfg->batch >= 1 && cfg->batch <= 65536, "batch must be between 1 and 65536");
  CHECK (cfg->iterations > 0 || cfg->epochs > 0, "epochs or iterations must be positive");
  CHECK (isfinite (o->lr) && o->lr > 0, "lr must be a positive number");
  CHECK (o->momentum >= 0 && o->momentum < 1, "momentum must be in [0, 1)");
  CHECK (o->beta1 >= 0 && o->beta1 < 1, "beta1 must be in [0, 1)");
  CHECK (o->beta2 >= 0 && o->beta2 < 1, "beta2 must be in [0, 1)");
  CHECK (o->eps > 0 && isfinite (o->eps), "eps must be a positive number");
  CHECK (o->weight_decay >= 0 && isfinite (o->weight_decay), "weight-decay must be ≥ 0");
  CHECK (o->schedule_period >= 1, "schedule-period must be at least 1 iteration");
  CHECK (o->schedule_gamma > 0 && o->schedule_gamma <= 1, "schedule-gamma must be in (0, 1]");
  CHECK (cfg->threads <= 1024, "threads must be at most 1024");
  CHECK (data->train.n > 0, "the training split is empty");
#undef CHECK
  for (guint i = 0; bad == NULL && i < cfg->n_hidden; i++)
    if (cfg->hidden[i] == 0)
      bad = "hidden layer widths must be at least 1";
  if (bad != NULL)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT, "%s", bad);
      return FALSE;
    }
  return TRUE;
}

OcMlp *
oc_train_build_model (const OcTrainConfig *cfg, const OcDataset *data, GError **error)
{
  g_autofree guint *sizes = NULL;
  g_autoptr (OcMlp) mlp = NULL;
  OcRng rng;

  g_return_val_if_fail (cfg != NULL && data != NULL, NULL);

  if (!validate_config (cfg, data, error))
    return NULL;
  sizes = g_new (guint, cfg->n_hidden + 2);
  sizes[0] = data->dim;
  for (guint i = 0; i < cfg->n_hidden; i++)
    sizes[i + 1] = cfg->hidden[i];
  sizes[cfg->n_hidden + 1] = data->n_classes * data->n_groups;
  mlp = oc_mlp_new (sizes, cfg->n_hidden + 2, cfg->activation, error);
  if (mlp == NULL)
    return NULL;
  oc_rng_init (&rng, cfg->seed, OC_STREAM_INIT);
  oc_mlp_init_params (mlp, cfg->init, &rng);
  return g_steal_pointer (&mlp);
}

/* GEMM flops of one training step on nb rows: forward, weight gradient, and input gradient for
 * every layer but the first. */
static double
step_flops (const OcMlp *mlp, int nb)
{
  double f = 0;

  for (guint l = 0; l < mlp->n_layers; l++)
    f += 2.0 * nb * mlp->sizes[l] * mlp->sizes[l + 1] * (l > 0 ? 3 : 2);
  return f;
}

typedef struct
{
  const OcTrainConfig *cfg;
  const OcDataset     *data;
  OcMlp               *model;
  OcTrainResult       *result;
  Workspace           *eval_ws;
  gint64               t0;
  guint64              steps_per_epoch;
  double               best_val;
} Run;

static void
run_evaluate (Run *run, guint64 iteration)
{
  OcEvalPoint p = { 0 };
  gint64 t = g_get_monotonic_time ();
  const OcDataset *d = run->data;

  p.iteration = iteration;
  p.epoch = (double) iteration / (double) run->steps_per_epoch;
  /* Evaluating a large training set every few iterations can cost more than the training itself
   * (Frankle & Carbin evaluate every 100 steps on 55k examples), so it can be capped. */
  {
    OcSplit head = d->train;
    gint64 cap = run->cfg->train_eval_examples;

    if (cap >= 0 && (guint64) cap < head.n)
      head.n = (guint) cap;
    evaluate_with (run->model, run->eval_ws, run->cfg->loss, d, &head, &p.train_loss,
                   &p.train_error);
  }
  evaluate_with (run->model, run->eval_ws, run->cfg->loss, d, &d->val, &p.val_loss, &p.val_error);
  evaluate_with (run->model, run->eval_ws, run->cfg->loss, d, &d->test, &p.test_loss,
                 &p.test_error);
  p.seconds = (g_get_monotonic_time () - run->t0) / 1e6;
  run->result->eval_seconds += (g_get_monotonic_time () - t) / 1e6;
  g_array_append_val (run->result->evals, p);
  run->result->final = p;
  /* Early stopping: the lowest validation loss (the first such on ties); without a validation
   * split the early-stop point is simply the last one. */
  if (d->val.n == 0)
    run->result->early_stop = p;
  else if (run->result->evals->len == 1 || p.val_loss < run->best_val)
    {
      run->best_val = p.val_loss;
      run->result->early_stop = p;
    }
}

OcTrainResult *
oc_train_run (const OcTrainConfig *cfg, const OcDataset *data, OcMlp *model,
              GCancellable *cancellable, OcProgressFunc progress, gpointer user_data,
              float **snapshot_out, GError **error)
{
  g_autoptr (OcTrainResult) result = NULL;
  g_autoptr (Workspace) ws = NULL;
  g_autoptr (Workspace) eval_ws = NULL;
  g_autoptr (OcOptimizer) opt = NULL;
  g_autofree float *grads = NULL;
  g_autofree guint32 *order = NULL;
  g_autofree float *snapshot = NULL;
  const OcSplit *train;
  OcRng order_rng;
  Run run = { 0 };
  guint64 total, it = 0, eval_every;
  guint pos;
  gint64 train_us = 0, last_report;
  double flops = 0;
  int G, K;

  g_return_val_if_fail (cfg != NULL && data != NULL && model != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!validate_config (cfg, data, error) || !check_model_fits (model, data, error))
    return NULL;

  train = &data->train;
  G = (int) data->n_groups;
  K = (int) data->n_classes;
  run.steps_per_epoch = (train->n + cfg->batch - 1) / cfg->batch;
  total = cfg->iterations > 0 ? cfg->iterations : (guint64) cfg->epochs * run.steps_per_epoch;
  eval_every = cfg->eval_every > 0 ? cfg->eval_every : run.steps_per_epoch;

  oc_blas_set_threads (cfg->threads);
  ws = workspace_new (model, (int) MIN (cfg->batch, train->n), data->n_groups, TRUE, error);
  if (ws == NULL)
    return NULL;
  eval_ws = workspace_new (model, OC_EVAL_CHUNK, data->n_groups, FALSE, error);
  if (eval_ws == NULL)
    return NULL;
  grads = oc_try_alloc0_n (model->n_params, sizeof (float), "the gradients", error);
  if (grads == NULL)
    return NULL;
  order = oc_try_alloc0_n (train->n, sizeof (guint32), "the minibatch order", error);
  if (order == NULL)
    return NULL;
  opt = oc_optimizer_new (&cfg->optim, model->n_params, error);
  if (opt == NULL)
    return NULL;

  result = g_new0 (OcTrainResult, 1);
  result->evals = g_array_new (FALSE, TRUE, sizeof (OcEvalPoint));
  result->flops_per_step = step_flops (model, ws->max_batch);
  run.cfg = cfg;
  run.data = data;
  run.model = model;
  run.result = result;
  run.eval_ws = eval_ws;
  run.t0 = g_get_monotonic_time ();
  last_report = run.t0;

  oc_rng_init (&order_rng, cfg->seed, OC_STREAM_ORDER);
  for (guint32 i = 0; i < train->n; i++)
    order[i] = i;
  pos = train->n; /* forces a shuffle before the first step */

  run_evaluate (&run, 0);
  if (progress != NULL)
    {
      OcProgress p = { 0, total, 0.0, &g_array_index (result->evals, OcEvalPoint, 0), model };

      progress (&p, user_data);
    }

  while (it < total)
    {
      gint64 t_step = g_get_monotonic_time ();
      int nb, n_wrong;
      double step_loss;
      const float *logits;
      gint64 now;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      if (pos >= train->n)
        {
          oc_rng_shuffle_u32 (&order_rng, order, train->n);
          pos = 0;
        }
      /* The last batch of an epoch may be short, as with PyTorch's drop_last=False. */
      nb = (int) MIN ((guint) cfg->batch, train->n - pos);
      for (int r = 0; r < nb; r++)
        {
          guint32 src = order[pos + r];

          memcpy (ws->x + (gsize) r * data->dim, train->x + (gsize) src * data->dim,
                  sizeof (float) * data->dim);
          memcpy (ws->y + (gsize) r * G, train->y + (gsize) src * G, sizeof (gint32) * G);
        }
      pos += nb;

      logits = forward (model, ws, ws->x, nb);
      step_loss = loss_and_grad (cfg->loss, ws->dbuf[0], logits, ws->y, nb, G, K, &n_wrong);
      if (!isfinite (step_loss))
        {
          g_set_error (error, OC_ERROR, OC_ERROR_DIVERGED,
                       "Training diverged at iteration %" G_GUINT64_FORMAT " (loss = %g); try a "
                       "lower learning rate", it, step_loss);
          return NULL;
        }
      backward (model, ws, ws->x, nb, grads);
      oc_optimizer_step (opt, model->params, grads, model->mask,
                         oc_schedule_lr (&cfg->optim, it, total));
      it++;
      flops += step_flops (model, nb);
      now = g_get_monotonic_time ();
      train_us += now - t_step;

      if (snapshot_out != NULL && cfg->snapshot_at > 0 && it == cfg->snapshot_at)
        {
          snapshot = oc_mlp_snapshot (model, error);
          if (snapshot == NULL)
            return NULL;
        }
      if (it % eval_every == 0 || it == total)
        {
          run_evaluate (&run, it);
          if (isinf (result->final.train_loss)
              || (isnan (result->final.train_loss) && cfg->train_eval_examples != 0))
            {
              g_set_error (error, OC_ERROR, OC_ERROR_DIVERGED,
                           "Training diverged at iteration %" G_GUINT64_FORMAT " (training loss = "
                           "%g); try a lower learning rate", it, result->final.train_loss);
              return NULL;
            }
          if (progress != NULL)
            {
              OcProgress p = { it, total, (now - run.t0) / 1e6,
                               &g_array_index (result->evals, OcEvalPoint, result->evals->len - 1),
                               model };

              progress (&p, user_data);
            }
          last_report = g_get_monotonic_time ();
        }
      else if (progress != NULL && (now - last_report) / 1e6 >= OC_PROGRESS_INTERVAL)
        {
          OcProgress p = { it, total, (now - run.t0) / 1e6, NULL, model };

          progress (&p, user_data);
          last_report = now;
        }
    }

  result->iterations = it;
  result->train_seconds = train_us / 1e6;
  result->seconds_per_epoch = result->train_seconds * run.steps_per_epoch / MAX (it, 1);
  result->gflops = train_us > 0 ? flops / (train_us * 1e3) : 0.0;
  if (snapshot_out != NULL)
    *snapshot_out = g_steal_pointer (&snapshot);
  return g_steal_pointer (&result);
}

static const char *const loss_names[] = { "ce", "mse" };

gboolean
oc_loss_from_string (const char *s, OcLoss *out)
{
  for (guint i = 0; i < G_N_ELEMENTS (loss_names); i++)
    if (g_strcmp0 (s, loss_names[i]) == 0)
      {
        *out = (OcLoss) i;
        return TRUE;
      }
  return FALSE;
}

const char *
oc_loss_to_string (OcLoss l)
{
  g_return_val_if_fail ((guint) l < G_N_ELEMENTS (loss_names), NULL);
  return loss_names[l];
}
