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

#include "occam/oc-cpus.h"
#include "occam/oc-error.h"
#include "occam/oc-prune.h"
#include "occam/oc-train.h"
#include "oc-kernels.h"
#include "oc-sparse.h"
#include "oc-team.h"
#include "oc-train-private.h"
#include "oc-config.h"
#include <glib/gi18n-lib.h>
#include <inttypes.h>

/* Evaluation runs in chunks of OC_MLP_PREDICT_CHUNK rows, as oc_mlp_predict does: sgemm's last
 * bits depend on the rows per call, so both must agree. */
/* Seconds between progress reports that carry no evaluation. */
#define OC_PROGRESS_INTERVAL 0.2
/* Below this many GEMM flops per step a team meeting costs more than it saves. */
#define OC_TEAM_MIN_FLOPS 4e6
/* The same for a network with sparse layers, whose members of a team of two compute in half
 * blocks (OC_SPARSE_HALF): a LeNet-300-100 ticket at 1.2 % (0.8 MFLOP per step of 60) took
 * 61–64 µs per step with two members against 85–90 µs with one. */
#define OC_TEAM_MIN_FLOPS_SPARSE 5e5
/* Rows ahead of the copy whose cache lines a batch's gather asks for. */
#define OC_GATHER_AHEAD 4

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
    threads = oc_cpus_available ();
  openblas_set_num_threads ((int) threads);
  return (guint) openblas_get_num_threads ();
}

/* A training split's inputs in CSR form, for inputs that are mostly zeros (the one-hot pairs of
 * addition and modadd): the first layer then costs one row of W₀ᵀ per non-zero input instead of
 * a GEMM over every input. For modadd p = 97 that is 2 of 194 inputs, and the first layer's
 * forward and weight gradient drop from two thirds of a step's flops to almost nothing. */
typedef struct
{
  guint32 *rowptr; /* [n + 1] */
  guint32 *col;    /* [nnz] */
  float   *val;    /* [nnz] */
  gsize    nnz;
} InputCsr;

static void
input_csr_free (InputCsr *c)
{
  if (c == NULL)
    return;
  g_free (c->rowptr);
  g_free (c->col);
  g_free (c->val);
  g_free (c);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (InputCsr, input_csr_free)

/* At most one non-zero input in this many: below it the dense GEMM is as cheap. */
#define OC_CSR_MAX_DENSITY 8

/* The CSR form of @split when its inputs are sparse enough to gain from it, else NULL (also when
 * the memory cannot be had: the dense path needs none). */
static InputCsr *
input_csr_new (const OcSplit *split, guint dim)
{
  g_autoptr (InputCsr) c = NULL;
  gsize nnz = 0, total = (gsize) split->n * dim, k = 0;

  if (dim < 16 || split->n == 0)
    return NULL;
  for (gsize i = 0; i < total; i++)
    nnz += split->x[i] != 0.0f;
  if (nnz * OC_CSR_MAX_DENSITY > total || nnz > G_MAXUINT32)
    return NULL;
  c = g_new0 (InputCsr, 1);
  c->nnz = nnz;
  c->rowptr = g_try_new (guint32, split->n + 1);
  c->col = g_try_new (guint32, MAX (nnz, 1));
  c->val = g_try_new (float, MAX (nnz, 1));
  if (c->rowptr == NULL || c->col == NULL || c->val == NULL)
    return NULL;
  for (guint r = 0; r < split->n; r++)
    {
      const float *x = split->x + (gsize) r * dim;

      c->rowptr[r] = (guint32) k;
      for (guint j = 0; j < dim; j++)
        if (x[j] != 0.0f)
          {
            c->col[k] = j;
            c->val[k] = x[j];
            k++;
          }
    }
  c->rowptr[split->n] = (guint32) k;
  return g_steal_pointer (&c);
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
  /* Pruned networks (oc-sparse.h): layers the plan marks sparse skip their pruned weights, and
   * when any does, every activation is feature-major in blocks of 64 rows (ws->fm). */
  const OcSparsePlan *sparse;
  gboolean fm;
  int      bw;     /* the blocks' width: OC_SPARSE_HALF for a share of at most 32 rows */
  float  *xin;     /* [blocks][sizes[0], 64] the batch's inputs, gathered feature-major */
  float **at;      /* [n_layers] of [blocks][sizes[l+1], 64] each layer's outputs */
  float  *dt;      /* [max width, 64] a block of output gradients */
  float  *dxt;     /* [max width, 64] a block of input gradients */
  float  *gk;      /* [n_kept] the gradients of the plan's kept entries, packed */
  /* The rows next_rows[n_next] of next_x (next_row_bytes each) this member reads at the next
   * step, asked for during this step's backward pass (prefetch_next). */
  const char    *next_x;
  const guint32 *next_rows;
  int            n_next;
  gsize          next_row_bytes;
  /* Feature-major forward reads the batch's rows x_rows[nb] of its dataset in place (forward's x
   * is then the dataset's inputs), transposing them as it goes: no dense copy of the batch; from
   * the dataset's 8-bit codes x8 instead of its floats when it has them (a quarter of the bytes
   * to bring from memory, the same inputs). */
  const guint32 *x_rows;
  const guint8  *x8;
  /* Sparse inputs: the first layer reads rows csr_rows[nb] of csr through W₀ᵀ. */
  const InputCsr *csr;
  const guint32  *csr_rows;
  float  *wt;      /* [sizes[0], sizes[1]] W₀ᵀ of this step */
  float  *dwt;     /* [sizes[0], sizes[1]] its gradient */
  /* The gradient arena backward() writes holds zeros on entry (training's optimiser pass clears
   * it), so dense weight gradients accumulate into it rather than overwrite it. */
  gboolean grads_cleared;
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
  for (guint l = 0; ws->at != NULL && l < ws->n_layers; l++)
    g_free (ws->at[l]);
  g_free (ws->at);
  g_free (ws->xin);
  g_free (ws->dt);
  g_free (ws->dxt);
  g_free (ws->gk);
  g_free (ws->wt);
  g_free (ws->dwt);
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

static gboolean
is_sparse (const Workspace *ws, guint l)
{
  return oc_sparse_is_sparse (ws->sparse, l);
}

/* Lets @ws compute with @plan: feature-major activations when a layer is sparse, and (with
 * @backward) packed gradients of the kept entries. @plan must outlive @ws. */
static gboolean
workspace_use_sparse (Workspace *ws, const OcMlp *mlp, const OcSparsePlan *plan,
                      gboolean backward, GError **error)
{
  int bw = ws->max_batch <= OC_SPARSE_HALF ? OC_SPARSE_HALF : OC_SPARSE_BLOCK;
  gsize rows = ((gsize) ws->max_batch + bw - 1) / bw * bw;
  guint max_width = 0;

  ws->sparse = plan;
  ws->fm = plan->any_sparse;
  ws->bw = bw;
  if (backward)
    {
      ws->gk = oc_try_alloc0_n (MAX (plan->n_kept, 1), sizeof (float), "the kept gradients",
                                error);
      if (ws->gk == NULL)
        return FALSE;
    }
  if (!ws->fm)
    return TRUE;
  ws->xin = oc_try_alloc0_n_aligned (rows * mlp->sizes[0], sizeof (float), "sparse layer inputs", error);
  if (ws->xin == NULL)
    return FALSE;
  ws->at = g_new0 (float *, mlp->n_layers);
  for (guint l = 0; l < mlp->n_layers; l++)
    {
      max_width = MAX (max_width, MAX (mlp->sizes[l], mlp->sizes[l + 1]));
      ws->at[l] = oc_try_alloc0_n_aligned (rows * mlp->sizes[l + 1], sizeof (float),
                                   "sparse layer activations", error);
      if (ws->at[l] == NULL)
        return FALSE;
    }
  if (!backward)
    return TRUE;
  ws->dt = oc_try_alloc0_n_aligned ((gsize) max_width * bw, sizeof (float),
                            "sparse layer gradients", error);
  ws->dxt = oc_try_alloc0_n_aligned ((gsize) max_width * bw, sizeof (float),
                             "sparse layer gradients", error);
  return ws->dt != NULL && ws->dxt != NULL;
}

/* Lets @ws compute the first layer from @csr's rows; allocates W₀ᵀ and its gradient. */
static gboolean
workspace_use_csr (Workspace *ws, const OcMlp *mlp, const InputCsr *csr, GError **error)
{
  gsize n = (gsize) mlp->sizes[0] * mlp->sizes[1];

  ws->csr = csr;
  ws->wt = oc_try_alloc0_n (n, sizeof (float), "the first layer's weights, transposed", error);
  ws->dwt = oc_try_alloc0_n (n, sizeof (float), "the first layer's gradient, transposed", error);
  return ws->wt != NULL && ws->dwt != NULL;
}

static gboolean
uses_csr (const Workspace *ws, guint l)
{
  return l == 0 && ws->csr != NULL && ws->csr_rows != NULL;
}

static OcKernelAct
kernel_act (const OcMlp *mlp, guint l)
{
  if (l + 1 == mlp->n_layers)
    return OC_KACT_NONE;
  return mlp->activation == OC_ACT_TANH ? OC_KACT_TANH : OC_KACT_RELU;
}

/* The forward pass in feature-major blocks of 64 rows (oc-sparse.h): the batch's rows are gathered
 * once (from ws->x_rows of x when set, else x[nb, dim]), every layer reads the previous one's
 * output block as it is, and only the logits go back to batch-major, into ws->act[n_layers − 1]. */
static const float *
forward_fm (const OcMlp *mlp, Workspace *ws, const float *x, int nb)
{
  int n0 = (int) mlp->sizes[0], K = (int) mlp->sizes[mlp->n_layers], bw = ws->bw;

  for (int b0 = 0; b0 < nb; b0 += bw)
    {
      int m = MIN (bw, nb - b0);
      gsize blk = (gsize) b0;
      const float *xt = ws->xin + blk * n0;

      if (ws->x_rows != NULL && ws->x8 != NULL)
        oc_sparse_gather_codes (ws->xin + blk * n0, ws->x8, ws->x_rows + b0, m, n0, bw);
      else if (ws->x_rows != NULL)
        oc_sparse_gather_in (ws->xin + blk * n0, x, ws->x_rows + b0, m, n0, bw);
      else
        oc_sparse_transpose_in (ws->xin + blk * n0, x + (gsize) b0 * n0, m, n0, bw);
      for (guint l = 0; l < mlp->n_layers; l++)
        {
          int ni = (int) mlp->sizes[l], no = (int) mlp->sizes[l + 1];
          float *yt = ws->at[l] + blk * no;
          /* Biases are read packed: the arena's may lag behind (oc-sparse.h). */
          const float *bias = ws->sparse->values + ws->sparse->b_kept[l];

          if (is_sparse (ws, l))
            oc_sparse_forward (yt, xt, ws->sparse->values + ws->sparse->w_kept[l], bias,
                               &ws->sparse->layers[l], no, kernel_act (mlp, l), bw);
          else
            oc_sparse_dense_forward (yt, xt, oc_mlp_weights (mlp, l), bias, ni, no,
                                     kernel_act (mlp, l), bw);
          xt = yt;
        }
      oc_sparse_transpose_out (ws->act[mlp->n_layers - 1] + (gsize) b0 * K, xt, m, K, bw);
    }
  return ws->act[mlp->n_layers - 1];
}

/* Forward pass of nb rows of x[nb, dim]; the logits end up in ws->act[n_layers − 1]. */
static const float *
forward (const OcMlp *mlp, Workspace *ws, const float *x, int nb)
{
  const float *in = x;

  if (ws->fm)
    return forward_fm (mlp, ws, x, nb);
  for (guint l = 0; l < mlp->n_layers; l++)
    {
      int ni = (int) mlp->sizes[l], no = (int) mlp->sizes[l + 1];

      if (uses_csr (ws, l))
        oc_csr_linear_forward (ws->act[0], ws->csr->rowptr, ws->csr->col, ws->csr->val,
                               ws->csr_rows, ws->wt, nb, no);
      else
        oc_linear_forward (ws->act[l], in, oc_mlp_weights (mlp, l), nb, ni, no);
      oc_bias_act_forward (ws->act[l], oc_mlp_bias (mlp, l), nb, no, kernel_act (mlp, l));
      in = ws->act[l];
    }
  return in;
}

/* Σ over @nb rows of each example's loss; when @dlogits is non-NULL, writes the gradient of the
 * batch mean, the batch having @denom rows (a team member sees only its share of them). Per
 * example: cross-entropy summed over label groups, or squared error averaged over the G·K outputs
 * (PyTorch's MSELoss). */
static double
loss_sum_and_grad (OcLoss loss, float *dlogits, const float *logits, const gint32 *labels, int nb,
                   int denom, int G, int K, int *n_wrong)
{
  if (loss == OC_LOSS_MSE)
    {
      float per_output = 1.0f / ((float) G * (float) K);

      return oc_mse_onehot (dlogits, logits, labels, nb, G, K, per_output / (float) denom, n_wrong)
             * per_output;
    }
  return oc_softmax_ce (dlogits, logits, labels, nb, G, K, 1.0f / (float) denom, n_wrong);
}

double
oc_loss_sum (OcLoss loss, const float *logits, const gint32 *labels, int nb, int G, int K,
             int *n_wrong)
{
  return loss_sum_and_grad (loss, NULL, logits, labels, nb, nb, G, K, n_wrong);
}

/* Asks for rows [r0, r1) of ws->next_rows: the rows this member reads at the next step. They are
 * scattered over the dataset (MNIST's 60,000 rows are 188 MB) and a sparse step is short enough
 * that waiting for them from memory was a fifth of it. The requests are spread over the first
 * layer's weight gradient (backward_fm), the longest kernel of the step: asked for all at once,
 * they filled the queues of outstanding misses and stalled the step. */
static void
prefetch_next (const Workspace *ws, int r0, int r1)
{
  for (int r = r0; r < r1; r++)
    {
      const char *row = ws->next_x + (gsize) ws->next_rows[r] * ws->next_row_bytes;

      for (gsize b = 0; b < ws->next_row_bytes; b += 64)
        __builtin_prefetch (row + b, 0, 2);
    }
}

/* Chunks of the first layer's output rows between two rounds of prefetch_next. */
#define OC_PREFETCH_ROUNDS 8

/* The backward pass after forward_fm(), block by block through every layer. Sparse layers'
 * weight gradients go to ws->gk packed; with a kept-only plan the biases' do too, and the dense
 * layers' kept entries are packed after them; otherwise the packed ones are unpacked into
 * @grads, whose pruned entries are never written (they stay 0 from allocation). */
static void
backward_fm (const OcMlp *mlp, Workspace *ws, int nb, float *grads)
{
  const OcSparsePlan *plan = ws->sparse;
  int n0 = (int) mlp->sizes[0], K = (int) mlp->sizes[mlp->n_layers], bw = ws->bw;

  for (int b0 = 0; b0 < nb; b0 += bw)
    {
      int m = MIN (bw, nb - b0);
      gsize blk = (gsize) b0;
      gboolean acc = b0 > 0;
      float *d = ws->dt, *d_next = ws->dxt;

      /* A dense first layer has no rows to spread the requests over. */
      if (b0 == 0 && ws->n_next > 0 && !is_sparse (ws, 0))
        prefetch_next (ws, 0, ws->n_next);

      /* Zero-padded: the padding columns contribute nothing to any gradient. */
      oc_sparse_transpose_in (d, ws->dbuf[0] + (gsize) b0 * K, m, K, bw);
      for (guint l = mlp->n_layers; l-- > 0;)
        {
          int ni = (int) mlp->sizes[l], no = (int) mlp->sizes[l + 1];
          const float *xt = l == 0 ? ws->xin + blk * n0 : ws->at[l - 1] + blk * ni;
          float *db = plan->kept_only ? ws->gk + plan->b_kept[l] : grads + mlp->b_offset[l];

          const float *at = ws->at[l] + blk * no;
          OcKernelAct act = kernel_act (mlp, l);

          /* A sparse layer's weight gradient applies the activation's derivative and sums the
           * bias gradient itself, row by row; a dense one's is a GEMM. */
          if (is_sparse (ws, l) && l == 0 && b0 == 0 && ws->n_next > 0)
            for (int c = 0; c < OC_PREFETCH_ROUNDS; c++)
              {
                /* The same kernel over a range of output rows: its weights keep their indices. */
                int o0 = no * c / OC_PREFETCH_ROUNDS, o1 = no * (c + 1) / OC_PREFETCH_ROUNDS;
                OcSparseLayer part = plan->layers[0];
                gsize r0 = (gsize) o0 * bw;

                part.rowptr += o0;
                prefetch_next (ws, ws->n_next * c / OC_PREFETCH_ROUNDS,
                               ws->n_next * (c + 1) / OC_PREFETCH_ROUNDS);
                oc_sparse_backward_weights (ws->gk + plan->w_kept[0], d + r0, xt, &part, o1 - o0,
                                            acc, at + r0, act, db + o0, bw);
              }
          else if (is_sparse (ws, l))
            {
              oc_sparse_backward_weights (ws->gk + plan->w_kept[l], d, xt, &plan->layers[l], no,
                                          acc, at, act, db, bw);
              if (l > 0)
                oc_sparse_backward_input (d_next, d, plan->values + plan->w_kept[l],
                                          &plan->layers[l], ni, bw);
            }
          else
            {
              oc_sparse_bias_act_backward (d, db, at, no, act, acc, bw);
              oc_sparse_dense_backward_weights (grads + mlp->w_offset[l], d, xt, ni, no, acc, bw);
              if (l > 0)
                oc_sparse_dense_backward_input (d_next, d, oc_mlp_weights (mlp, l), ni, no, bw);
            }
          if (l > 0)
            {
              float *t = d;

              d = d_next;
              d_next = t;
            }
        }
    }
  for (guint l = 0; l < mlp->n_layers; l++)
    if (plan->kept_only && !is_sparse (ws, l))
      oc_sparse_pack (plan, ws->gk, grads, plan->w_kept[l], plan->b_kept[l]);
    else if (!plan->kept_only && is_sparse (ws, l))
      oc_sparse_unpack (plan, grads, ws->gk, plan->w_kept[l], plan->b_kept[l]);
}

/* Backward pass after forward(): overwrites every weight and bias gradient in grads (the parameter
 * arena's layout), or with a kept-only plan every kept one in ws->gk. ws->dbuf[0] holds
 * d(loss)/d(logits) on entry. */
static void
backward (const OcMlp *mlp, Workspace *ws, const float *x, int nb, float *grads)
{
  float *d = ws->dbuf[0], *d_next = ws->dbuf[1];

  if (ws->fm)
    {
      backward_fm (mlp, ws, nb, grads);
      return;
    }
  for (guint l = mlp->n_layers; l-- > 0;)
    {
      int ni = (int) mlp->sizes[l], no = (int) mlp->sizes[l + 1];
      const float *in = l == 0 ? x : ws->act[l - 1];

      oc_bias_act_backward (d, grads + mlp->b_offset[l], ws->act[l], nb, no, kernel_act (mlp, l));
      if (uses_csr (ws, l))
        {
          oc_csr_linear_backward_weights (ws->dwt, d, ws->csr->rowptr, ws->csr->col,
                                          ws->csr->val, ws->csr_rows, nb, ni, no);
          oc_transpose (grads + mlp->w_offset[0], ws->dwt, ni, no);
          continue;
        }
      oc_linear_backward_weights (grads + mlp->w_offset[l], d, in, nb, ni, no,
                                  ws->grads_cleared);
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
  if (ws->sparse != NULL && ws->sparse->kept_only)
    oc_sparse_pack (ws->sparse, ws->gk, grads, 0, ws->sparse->n_kept);
}

typedef struct
{
  const OcMlp     *mlp;
  Workspace      **ws;      /* [team size], OC_MLP_PREDICT_CHUNK rows each */
  OcLoss           loss;
  const OcDataset *data;
  const OcSplit   *split;
  double          *loss_sum; /* [team size] */
  long            *wrong;    /* [team size] */
} EvalJob;

/* Member i takes chunks i, i + n, i + 2n, …; partial sums are combined in member order. */
static void
eval_member (guint i, guint n, gpointer user_data)
{
  EvalJob *j = user_data;
  Workspace *ws = j->ws[i];
  int G = (int) j->data->n_groups, K = (int) j->data->n_classes;
  guint chunk = (guint) ws->max_batch;

  j->loss_sum[i] = 0;
  j->wrong[i] = 0;
  for (guint start = i * chunk; start < j->split->n; start += n * chunk)
    {
      int nb = (int) MIN (chunk, j->split->n - start);
      const float *logits = forward (j->mlp, ws, j->split->x + (gsize) start * j->data->dim, nb);
      int n_wrong = 0;

      j->loss_sum[i] += loss_sum_and_grad (j->loss, NULL, logits, j->split->y + (gsize) start * G,
                                           nb, nb, G, K, &n_wrong);
      j->wrong[i] += n_wrong;
    }
}

static void
evaluate_team (OcTeam *team, const OcMlp *mlp, Workspace **ws, OcLoss loss,
               const OcDataset *data, const OcSplit *split, double *loss_out, double *error_out)
{
  guint n = oc_team_size (team);
  g_autofree double *sums = g_new0 (double, n);
  g_autofree long *wrong = g_new0 (long, n);
  EvalJob j = { mlp, ws, loss, data, split, sums, wrong };
  double total = 0;
  long total_wrong = 0;

  if (split->n == 0)
    {
      *loss_out = NAN;
      *error_out = NAN;
      return;
    }
  oc_team_run (team, eval_member, &j);
  for (guint i = 0; i < n; i++)
    {
      total += sums[i];
      total_wrong += wrong[i];
    }
  *loss_out = total / split->n;
  *error_out = (double) total_wrong / split->n;
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
  value = loss_sum_and_grad (loss, ws->dbuf[0], logits, y, (int) n, (int) n, (int) n_groups,
                             (int) n_classes, NULL) / n;
  /* The backward pass overwrites weights and biases; the arena's padding stays zero. */
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
                   _("The network (%u inputs, %u outputs) does not fit the dataset '%s' (%u features, "
                   "%u outputs)"), model->sizes[0], model->sizes[model->n_layers], data->name,
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
  g_autoptr (OcTeam) team = NULL;

  g_return_val_if_fail (model != NULL && data != NULL && split != NULL, FALSE);
  g_return_val_if_fail (loss_out != NULL && error_out != NULL, FALSE);

  if (!check_model_fits (model, data, error))
    return FALSE;
  ws = workspace_new (model, (int) MAX (1, MIN (OC_MLP_PREDICT_CHUNK, split->n)), data->n_groups, FALSE,
                      error);
  if (ws == NULL)
    return FALSE;
  team = oc_team_new (1);
  evaluate_team (team, model, &ws, loss, data, split, loss_out, error_out);
  return TRUE;
}

static gboolean
validate_config (const OcTrainConfig *cfg, const OcDataset *data, GError **error)
{
  const OcOptimConfig *o = &cfg->optim;
  const char *bad = NULL;

#define CHECK(cond, msg) if (bad == NULL && !(cond)) bad = (msg)
  CHECK (cfg->batch <= 65536, "batch must be between 1 and 65536, or 0 for the full batch");
  CHECK (cfg->eval_log != 1 && cfg->eval_log <= 1000000,
         "a log evaluation schedule needs between 2 and 1000000 evaluations");
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
  if (cfg->n_hidden > OC_MLP_MAX_HIDDEN)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                   _("A network has at most %d hidden layers; this one has %u"), OC_MLP_MAX_HIDDEN,
                   cfg->n_hidden);
      return NULL;
    }
  sizes = g_new (guint, cfg->n_hidden + 2);
  sizes[0] = data->dim;
  for (guint i = 0; i < cfg->n_hidden; i++)
    sizes[i + 1] = cfg->hidden[i];
  sizes[cfg->n_hidden + 1] = data->n_classes * data->n_groups;
  if (!oc_mlp_check_sizes (sizes, cfg->n_hidden + 2, error))
    return NULL;

  /* Everything training this network will hold, counted before any of it is allocated: as many
   * threads as the run may use (oc_train_run uses fewer for small networks), and a pruning mask,
   * so that train, sweep and prune runs share one limit. */
  {
    guint batch = MIN (cfg->batch, data->train.n);
    guint threads = cfg->threads > 0 ? cfg->threads : oc_cpus_available ();
    guint moments = cfg->optim.kind == OC_OPTIM_SGD ? 0
                    : cfg->optim.kind == OC_OPTIM_MOMENTUM ? 1 : 2;
    OcMlpMemory need;

    threads = MAX (MIN (threads, batch / 16), 1);
    oc_mlp_memory (sizes, cfg->n_hidden + 2, batch, threads, moments, TRUE, &need);
    if (!oc_mlp_check_memory (&need, sizes, cfg->n_hidden + 2, error))
      return NULL;
  }
  mlp = oc_mlp_new (sizes, cfg->n_hidden + 2, cfg->activation, error);
  if (mlp == NULL)
    return NULL;
  oc_rng_init (&rng, cfg->seed, OC_STREAM_INIT);
  oc_mlp_init_params (mlp, cfg->init, &rng);
  return g_steal_pointer (&mlp);
}

/* GEMM flops of one training step on nb rows: forward, weight gradient, and input gradient for
 * every layer but the first; a sparse layer counts its surviving weights only. */
static double
step_flops (const OcMlp *mlp, const OcSparsePlan *plan, const InputCsr *csr, gsize n_rows, int nb)
{
  double f = 0;

  for (guint l = 0; l < mlp->n_layers; l++)
    if (l == 0 && csr != NULL)
      /* Forward and weight gradient: one multiply-add per non-zero input and unit each. */
      f += 4.0 * nb * ((double) csr->nnz / MAX (n_rows, 1)) * mlp->sizes[1];
    else
      f += 2.0 * nb * (double) oc_sparse_layer_weights (plan, mlp, l) * (l > 0 ? 3 : 2);
  return f;
}

typedef struct
{
  const OcTrainConfig *cfg;
  const OcDataset     *data;
  OcMlp               *model;
  OcTrainResult       *result;
  OcTeam              *team;
  Workspace          **eval_ws;  /* [team size] */
  gint64               t0;
  guint64              steps_per_epoch;
  double               best_val;
} Run;

/* Evaluates the model after @iteration steps and records the point, unless the run evaluates
 * only what it reports (cfg->eval_reported_only) and this point has nothing to report: then it
 * returns NULL. @last: the run's final evaluation. */
static const OcEvalPoint *
run_evaluate (Run *run, guint64 iteration, gboolean last)
{
  OcEvalPoint p = { 0 };
  gint64 t = g_get_monotonic_time ();
  const OcDataset *d = run->data;
  gboolean all = last || !run->cfg->eval_reported_only, new_best;

  if (!all && d->val.n == 0)
    return NULL;
  p.iteration = iteration;
  p.epoch = (double) iteration / (double) run->steps_per_epoch;
  p.train_loss = p.train_error = p.test_loss = p.test_error = NAN;
  /* Evaluating a large training set every few iterations can cost more than the training itself
   * (Frankle & Carbin evaluate every 100 steps on 55k examples), so it can be capped. */
  if (all)
    {
      OcSplit head = d->train;
      gint64 cap = run->cfg->train_eval_examples;

      if (cap >= 0 && (guint64) cap < head.n)
        head.n = (guint) cap;
      evaluate_team (run->team, run->model, run->eval_ws, run->cfg->loss, d, &head,
                     &p.train_loss, &p.train_error);
    }
  evaluate_team (run->team, run->model, run->eval_ws, run->cfg->loss, d, &d->val, &p.val_loss,
                 &p.val_error);
  /* Early stopping: the lowest validation loss (the first such on ties); without a validation
   * split the early-stop point is simply the last one. */
  new_best = d->val.n == 0 || run->result->evals->len == 0 || p.val_loss < run->best_val;
  if (all || new_best)
    evaluate_team (run->team, run->model, run->eval_ws, run->cfg->loss, d, &d->test,
                   &p.test_loss, &p.test_error);
  p.seconds = (g_get_monotonic_time () - run->t0) / 1e6;
  run->result->eval_seconds += (g_get_monotonic_time () - t) / 1e6;
  g_array_append_val (run->result->evals, p);
  run->result->final = p;
  if (new_best)
    {
      run->best_val = p.val_loss;
      run->result->early_stop = p;
    }
  return &g_array_index (run->result->evals, OcEvalPoint, run->result->evals->len - 1);
}

/* One training step split across a team: member i takes its share of the batch's rows into its
 * own workspace and gradient arena; then every member sums one slice of the arenas (in member
 * order, so the result depends only on the team size) and updates that slice of the parameters. */
typedef struct
{
  const OcMlp     *mlp;
  OcLoss           loss;
  const OcDataset *data;
  const guint32   *order;     /* the epoch's permutation */
  guint            pos;       /* first row of this batch in order[] */
  int              nb;        /* rows in this batch */
  Workspace      **ws;        /* [team size] */
  float          **grads;     /* [team size]; grads[0] receives the sum */
  int             *rows;      /* [team size] rows each member had this step */
  gboolean         csr;       /* the first layer reads sparse inputs (ws[i]->csr) */
  double          *loss_sum;  /* [team size] */
  OcOptimizer     *opt;
  float           *params;
  const float     *mask;
  gsize            n_params;
  /* A pruned network's plan. When it is kept_only, gradients are summed and parameters updated
   * over its packed kept entries only (then written through to the arena); NULL, or not
   * kept_only: over the whole arena. */
  OcSparsePlan    *sparse;
  const float     *popup_weights; /* edge-popup: the frozen θ; the gradient becomes the scores' */
  /* The dense update clears the gradient arenas as it reads them (ws[i]->grads_cleared). */
  gboolean         clear;
} StepJob;

static void
step_member (guint i, guint n, gpointer user_data)
{
  StepJob *j = user_data;
  const OcDataset *d = j->data;
  Workspace *ws = j->ws[i];
  int G = (int) d->n_groups, K = (int) d->n_classes;
  gsize lo, hi;
  const float *logits;
  int rows;

  oc_team_share ((gsize) j->nb, n, i, 1, &lo, &hi);
  rows = (int) (hi - lo);
  j->rows[i] = rows;
  j->loss_sum[i] = 0;
  if (rows == 0)
    return;
  /* Sparse inputs, and feature-major layers, read the rows in place: no dense row is gathered. */
  ws->x_rows = ws->fm ? j->order + j->pos + lo : NULL;
  ws->x8 = ws->fm ? d->train.x8 : NULL;
  for (int r = 0; r < rows; r++)
    {
      guint32 src = j->order[j->pos + lo + (gsize) r];

      if (!j->csr && ws->x_rows == NULL)
        {
          /* The rows are scattered over a training set larger than the caches: each starts with
           * a miss the hardware cannot foresee, so the row OC_GATHER_AHEAD places on is asked for
           * now, and its latency overlaps this row's copy. */
          if (r + OC_GATHER_AHEAD < rows)
            {
              const char *next = (const char *) (d->train.x + (gsize) j->order[j->pos + lo
                                                   + (gsize) r + OC_GATHER_AHEAD] * d->dim);

              for (gsize b = 0; b < sizeof (float) * d->dim; b += 64)
                __builtin_prefetch (next + b);
            }
          memcpy (ws->x + (gsize) r * d->dim, d->train.x + (gsize) src * d->dim,
                  sizeof (float) * d->dim);
        }
      memcpy (ws->y + (gsize) r * G, d->train.y + (gsize) src * G, sizeof (gint32) * G);
    }
  if (j->csr)
    {
      ws->csr_rows = j->order + j->pos + lo;
      oc_transpose (ws->wt, oc_mlp_weights (j->mlp, 0), (int) j->mlp->sizes[1],
                    (int) j->mlp->sizes[0]);
    }
  logits = forward (j->mlp, ws, ws->x_rows != NULL ? d->train.x : ws->x, rows);
  /* The same share of the next minibatch, unless the epoch ends (the order is shuffled anew). */
  if (ws->x_rows != NULL && (gsize) j->pos + j->nb + hi <= d->train.n)
    {
      ws->next_x = ws->x8 != NULL ? (const char *) ws->x8 : (const char *) d->train.x;
      ws->next_rows = j->order + j->pos + j->nb + lo;
      ws->n_next = rows;
      ws->next_row_bytes = d->dim * (ws->x8 != NULL ? 1 : sizeof (float));
    }
  j->loss_sum[i] = loss_sum_and_grad (j->loss, ws->dbuf[0], logits, ws->y, rows, j->nb, G, K,
                                      NULL);
  /* Feature-major layers take their inputs from ws->xin: backward reads x otherwise only. */
  backward (j->mlp, ws, ws->x, rows, j->grads[i]);
  ws->x_rows = NULL;
  ws->x8 = NULL;
  ws->n_next = 0;
}

static void
update_member (guint i, guint n, gpointer user_data)
{
  StepJob *j = user_data;
  gsize start, end;

  if (j->sparse != NULL && j->sparse->kept_only)
    {
      /* Packed and contiguous: the sum, the update, then the write-through of what the next step
       * reads from the arena; the rest of it waits for sync_arena. */
      oc_team_share (j->sparse->n_kept, n, i, 16, &start, &end);
      for (guint t = 1; t < n; t++)
        if (j->rows[t] > 0)
          {
            float *restrict dst = j->ws[0]->gk;
            const float *restrict src = j->ws[t]->gk;

            for (gsize k = start; k < end; k++)
              dst[k] += src[k];
          }
      oc_optimizer_update_kept (j->opt, j->sparse->values, j->ws[0]->gk, start, end);
      oc_sparse_write_through (j->sparse, j->params, start, end);
      return;
    }
  /* Slices on 16-float boundaries keep every member's vector loops aligned. */
  oc_team_share (j->n_params, n, i, 16, &start, &end);
  if (j->clear)
    {
      /* The arenas are summed in part order, as below: a third part's and later ones into the
       * first (clearing them), and the second in the optimiser's own pass, which clears the
       * first two. Parts without rows hold zeros and are left out. */
      float *g1 = NULL;

      for (guint t = 1; t < n; t++)
        if (j->rows[t] > 0 && g1 == NULL)
          g1 = j->grads[t];
        else if (j->rows[t] > 0)
          {
            float *restrict dst = j->grads[0];
            float *restrict src = j->grads[t];

            for (gsize k = start; k < end; k++)
              {
                dst[k] += g1[k];
                g1[k] = 0.0f;
              }
            g1 = src;
          }
      oc_optimizer_update_range_clear (j->opt, j->params, j->grads[0], g1, j->mask, start, end);
      return;
    }
  for (guint t = 1; t < n; t++)
    if (j->rows[t] > 0)
      {
        float *restrict dst = j->grads[0];
        const float *restrict src = j->grads[t];

        for (gsize k = start; k < end; k++)
          dst[k] += src[k];
      }
  if (j->popup_weights != NULL)
    {
      /* Straight through the top-k of |s|: the effective weight is θ·m(|s|), and m is passed
       * as if it were the identity in |s|, so ∂L/∂s = ∂L/∂(θ·m) · θ · sign(s) for every
       * weight, kept or not (the paper's code ranks |s| the same way). */
      float *restrict g = j->grads[0];
      const float *restrict w = j->popup_weights;
      const float *restrict sc = j->params;

      for (gsize k = start; k < end; k++)
        g[k] *= sc[k] >= 0 ? w[k] : -w[k];
    }
  oc_optimizer_update_range (j->opt, j->params, j->grads[0], j->mask, start, end);
}

/* Whether iteration @it is the next of cfg->checkpoints (which increase), advancing past it. */
static gboolean
is_checkpoint (const OcTrainConfig *cfg, guint *next, guint64 it)
{
  while (*next < cfg->n_checkpoints && cfg->checkpoints[*next] < it)
    (*next)++;
  if (*next < cfg->n_checkpoints && cfg->checkpoints[*next] == it)
    {
      (*next)++;
      return TRUE;
    }
  return FALSE;
}

/* Members of the team for a run: the requested threads (0 = all cores), but one for networks so
 * small that a meeting would cost more than the step. */
static guint
team_size (const OcTrainConfig *cfg, const OcMlp *model, const OcSparsePlan *sparse,
           guint batch)
{
  guint n = cfg->threads > 0 ? cfg->threads : oc_cpus_available ();

  n = MIN (n, MAX (batch / 16, 1));
  /* A pruned network counts the flops of its sparse layers. */
  if (step_flops (model, sparse, NULL, batch, (int) batch)
      < (sparse != NULL && sparse->any_sparse ? OC_TEAM_MIN_FLOPS_SPARSE : OC_TEAM_MIN_FLOPS))
    n = 1;
  return MAX (n, 1);
}

static gboolean
is_capture (const OcTrainConfig *cfg, guint64 it)
{
  for (guint i = 0; i < cfg->n_capture_at; i++)
    if (cfg->capture_at[i] == it)
      return TRUE;
  return FALSE;
}

/* A kept-only plan's values run ahead of the arena between reads (oc-sparse.h): brings the arena
 * up to date before anything but a training step reads the model. */
static void
sync_arena (const OcSparsePlan *plan, OcMlp *model, gboolean *stale)
{
  if (!*stale)
    return;
  oc_sparse_unpack (plan, model->params, plan->values, 0, plan->n_kept);
  *stale = FALSE;
}

/* Hands the run's whole state at this step boundary to @progress. */
static gboolean
report_state (const OcMlp *model, OcOptimizer *opt, guint64 it, guint64 total, double elapsed,
              const guint32 *order, guint n_train, guint pos, const OcRng *order_rng,
              OcProgressFunc progress, gpointer user_data, GError **error)
{
  g_autoptr (OcTrainState) s = NULL;
  OcProgress p = { it, total, elapsed, NULL, model, FALSE, NULL };

  if (progress == NULL)
    return TRUE;
  s = oc_train_state_capture (model, opt, it, order, n_train, pos, order_rng, error);
  if (s == NULL)
    return FALSE;
  p.state = s;
  progress (&p, user_data);
  return TRUE;
}

static gboolean
check_state (const OcTrainState *state, const OcMlp *model, const OcDataset *data, guint64 total,
             GError **error)
{
  const char *bad = NULL;

  if (state->n_params != model->n_params || state->params == NULL)
    bad = "it holds another network";
  else if (state->n_train != data->train.n || state->pos > state->n_train)
    bad = "it orders another number of training examples";
  else if (state->iteration > total)
    bad = "it is past the end of the run";
  if (bad != NULL)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                   _("Cannot continue training from the state at iteration %" PRIu64
                   ": %s"), state->iteration, bad);
      return FALSE;
    }
  return TRUE;
}

/* Edge-popup's effective weights: θ where the top-k mask of the scores keeps it, else 0. */
static void
popup_apply (OcPruneTopk *topk, OcMlp *model, const OcPopupConfig *popup)
{
  oc_prune_topk_mask (topk, model, popup->scores, popup->keep);
  for (gsize i = 0; i < model->n_params; i++)
    model->params[i] = popup->weights[i] * model->mask[i];
}

/* oc_train_run, or oc_train_resume when @from is set; with @popup, edge-popup's scores are
 * trained instead of the weights (which stay @popup->weights). */
static OcTrainResult *
train_loop (const OcTrainConfig *cfg, const OcDataset *data, OcMlp *model,
            const OcTrainState *from, const guint64 *order_seed, const OcPopupConfig *popup,
            GCancellable *cancellable, OcProgressFunc progress, gpointer user_data,
            float **snapshot_out, GError **error)
{
  g_autoptr (OcTrainResult) result = NULL;
  g_autoptr (OcTeam) team = NULL;
  g_autoptr (OcOptimizer) opt = NULL;
  g_autoptr (OcSparsePlan) sparse = NULL;
  g_autoptr (InputCsr) csr = NULL;
  g_autofree Workspace **ws = NULL;
  g_autofree Workspace **eval_ws = NULL;
  g_autofree float **grads = NULL;
  g_autofree int *rows = NULL;
  g_autofree double *loss_sum = NULL;
  g_autofree guint32 *order = NULL;
  g_autofree float *snapshot = NULL;
  g_autoptr (GArray) log_steps = NULL;
  guint next_log = 0;
  g_autofree float *score_mask = NULL;
  g_autoptr (OcPruneTopk) topk = NULL;
  const OcSplit *train;
  OcRng order_rng;
  Run run = { 0 };
  StepJob job = { 0 };
  guint64 total, it = 0, eval_every, stop;
  guint next_checkpoint = 0;
  gboolean checkpoint;
  guint pos, n_team, batch;
  gint64 train_us = 0, last_report;
  double flops = 0;
  gboolean ok = FALSE, stale = FALSE;

  g_return_val_if_fail (cfg != NULL && data != NULL && model != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  g_return_val_if_fail (popup == NULL || model->mask != NULL, NULL);

  if (!validate_config (cfg, data, error) || !check_model_fits (model, data, error))
    return NULL;

  train = &data->train;
  batch = oc_train_batch_rows (cfg->batch, train->n);
  run.steps_per_epoch = (train->n + batch - 1) / batch;
  total = cfg->iterations > 0 ? cfg->iterations : (guint64) cfg->epochs * run.steps_per_epoch;
  stop = cfg->stop_at > 0 ? MIN (cfg->stop_at, total) : total;
  eval_every = cfg->eval_every > 0 ? cfg->eval_every : run.steps_per_epoch;
  if (from != NULL)
    {
      /* The state's weights and mask before anything is planned from them (the sparse plan). */
      if (!check_state (from, model, data, total, error))
        return NULL;
      if (from->mask != NULL)
        {
          if (model->mask == NULL && !oc_mlp_enable_mask (model, error))
            return NULL;
          memcpy (model->mask, from->mask, sizeof (float) * model->n_params);
        }
      else
        g_clear_pointer (&model->mask, g_free);
      memcpy (model->params, from->params, sizeof (float) * model->n_params);
      it = from->iteration;
    }
  if (cfg->eval_log > 0)
    log_steps = oc_eval_log_steps (total, cfg->eval_log);
  /* A resumed run evaluates at the log steps still ahead of it. */
  while (log_steps != NULL && next_log < log_steps->len
         && g_array_index (log_steps, guint64, next_log) <= it)
    next_log++;

  /* Parallelism is ours: the batch is split across a team and every GEMM runs on one BLAS
   * thread. On this project's 2-core reference machine OpenBLAS's own threading gains little
   * for 128-row products (build-aux/bench/compare-train), while splitting the rows scales. */
  /* The mask is fixed for the whole run: its sparse layers are planned once. Edge-popup's
   * changes every step, so it computes densely. */
  if (popup == NULL)
    sparse = oc_sparse_plan_new (model);
  n_team = team_size (cfg, model, sparse, batch);
  oc_blas_set_threads (1);
  /* Pruned first layers keep their own sparse path. */
  if (model->mask == NULL)
    csr = input_csr_new (train, data->dim);
  ws = g_new0 (Workspace *, n_team);
  eval_ws = g_new0 (Workspace *, n_team);
  grads = g_new0 (float *, n_team);
  rows = g_new0 (int, n_team);
  loss_sum = g_new0 (double, n_team);
  for (guint i = 0; i < n_team; i++)
    {
      gsize lo, hi;

      oc_team_share (batch, n_team, 0, 1, &lo, &hi);
      ws[i] = workspace_new (model, (int) MAX (hi - lo, 1), data->n_groups, TRUE, error);
      if (ws[i] == NULL)
        goto out;
      eval_ws[i] = workspace_new (model, OC_MLP_PREDICT_CHUNK, data->n_groups, FALSE, error);
      if (eval_ws[i] == NULL)
        goto out;
      if (sparse != NULL && (!workspace_use_sparse (ws[i], model, sparse, TRUE, error)
                             || !workspace_use_sparse (eval_ws[i], model, sparse, FALSE, error)))
        goto out;
      if (csr != NULL && !workspace_use_csr (ws[i], model, csr, error))
        goto out;
      grads[i] = oc_try_alloc0_n (model->n_params, sizeof (float), "the gradients", error);
      if (grads[i] == NULL)
        goto out;
    }
  order = oc_try_alloc0_n (train->n, sizeof (guint32), "the minibatch order", error);
  if (order == NULL)
    goto out;
  opt = oc_optimizer_new (&cfg->optim, model->n_params, error);
  if (opt == NULL)
    goto out;
  if (from != NULL)
    oc_optimizer_load (opt, from->m, from->v, from->optim_steps);
  if (popup != NULL)
    {
      /* The optimiser updates the scores; biases have none (their "scores" stay 0). */
      score_mask = oc_try_alloc0_n (model->n_params, sizeof (float), "the score mask", error);
      if (score_mask == NULL)
        goto out;
      for (guint l = 0; l < model->n_layers; l++)
        for (gsize k = 0; k < oc_mlp_weight_count (model, l); k++)
          score_mask[model->w_offset[l] + k] = 1.0f;
      topk = oc_prune_topk_new ();
      popup_apply (topk, model, popup);
    }
  /* A fixed sparse mask: the optimiser and the gradient sum visit its kept entries only, once the
   * pruned ones hold the +0 the masked update would give them. Edge-popup's mask moves. */
  if (sparse != NULL && sparse->kept_only)
    {
      for (guint i = 0; i < n_team; i++)
        oc_optimizer_clear_pruned (opt, model->params, grads[i], model->mask);
      if (!oc_optimizer_use_kept (opt, sparse->kept, sparse->n_kept, error))
        goto out;
    }
  team = oc_team_new (n_team);

  result = g_new0 (OcTrainResult, 1);
  result->evals = g_array_new (FALSE, TRUE, sizeof (OcEvalPoint));
  result->flops_per_step = step_flops (model, sparse, csr, train->n, (int) batch);
  result->threads = n_team;
  run.cfg = cfg;
  run.data = data;
  run.model = model;
  run.result = result;
  run.team = team;
  run.eval_ws = eval_ws;
  run.t0 = g_get_monotonic_time ();
  last_report = run.t0;

  job.mlp = model;
  job.loss = cfg->loss;
  job.data = data;
  job.order = order;
  job.ws = ws;
  job.grads = grads;
  job.rows = rows;
  job.loss_sum = loss_sum;
  job.opt = opt;
  job.params = popup != NULL ? popup->scores : model->params;
  job.mask = popup != NULL ? score_mask : model->mask;
  job.csr = csr != NULL;
  job.n_params = model->n_params;
  job.sparse = sparse;
  job.popup_weights = popup != NULL ? popup->weights : NULL;
  /* The dense update clears the arenas for the next step's GEMMs to accumulate into; the kept
   * entries' update and edge-popup's straight-through pass read the sum in passes of their own,
   * and keep the overwriting GEMMs. */
  job.clear = (sparse == NULL || !sparse->kept_only) && popup == NULL;
  for (guint i = 0; i < n_team; i++)
    ws[i]->grads_cleared = job.clear;

  oc_rng_init (&order_rng, cfg->seed, OC_STREAM_ORDER);
  for (guint32 i = 0; i < train->n; i++)
    order[i] = i;
  pos = train->n; /* forces a shuffle before the first step */
  if (from != NULL && order_seed == NULL)
    {
      memcpy (order, from->order, sizeof (guint32) * train->n);
      order_rng = from->order_rng;
      pos = from->pos;
    }
  else if (from != NULL)
    {
      /* Another data order from here on: this epoch's permutation is drawn again by the new
       * stream, and training goes on at the same position in the epoch. */
      oc_rng_init (&order_rng, *order_seed, OC_STREAM_ORDER);
      pos = from->pos;
      if (pos < train->n)
        oc_rng_shuffle_u32 (&order_rng, order, train->n);
    }

  {
    const OcEvalPoint *first = run_evaluate (&run, it, it >= stop);

    if (progress != NULL)
      {
        OcProgress p = { it, total, 0.0, first, model, is_checkpoint (cfg, &next_checkpoint, it),
                         NULL };

        progress (&p, user_data);
      }
  }
  if (is_capture (cfg, it)
      && !report_state (model, opt, it, total, 0.0, order, train->n, pos, &order_rng, progress,
                        user_data, error))
    goto out;

  while (it < stop)
    {
      gint64 t_step = g_get_monotonic_time ();
      double step_loss = 0;
      gint64 now;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto out;
      if (pos >= train->n)
        {
          oc_rng_shuffle_u32 (&order_rng, order, train->n);
          pos = 0;
        }
      /* The last batch of an epoch may be short, as with PyTorch's drop_last=False. */
      job.pos = pos;
      job.nb = (int) MIN (batch, train->n - pos);
      oc_team_run (team, step_member, &job);
      for (guint i = 0; i < n_team; i++)
        step_loss += loss_sum[i];
      step_loss /= job.nb;
      if (!isfinite (step_loss))
        {
          g_set_error (error, OC_ERROR, OC_ERROR_DIVERGED,
                       _("Training diverged at iteration %" PRIu64 " (loss = %g); try a "
                       "lower learning rate"), it, step_loss);
          goto out;
        }
      oc_optimizer_begin_step (opt, oc_schedule_lr (&cfg->optim, it, total));
      oc_team_run (team, update_member, &job);
      /* The masked update went over the arena: the sparse kernels' packed copy follows it. */
      if (sparse != NULL && !sparse->kept_only)
        oc_sparse_refresh (sparse, model->params);
      stale = sparse != NULL && sparse->kept_only;
      if (popup != NULL)
        popup_apply (topk, model, popup);
      pos += (guint) job.nb;
      it++;
      flops += step_flops (model, sparse, csr, train->n, job.nb);
      now = g_get_monotonic_time ();
      train_us += now - t_step;
      /* Whatever reads the model below (snapshots, states, evaluation, progress) reads the arena:
       * sync_arena before each. */

      if (snapshot_out != NULL && cfg->snapshot_at > 0 && it == cfg->snapshot_at)
        {
          sync_arena (sparse, model, &stale);
          snapshot = oc_mlp_snapshot (model, error);
          if (snapshot == NULL)
            goto out;
        }
      checkpoint = progress != NULL && is_checkpoint (cfg, &next_checkpoint, it);
      if (is_capture (cfg, it))
        sync_arena (sparse, model, &stale);
      if (is_capture (cfg, it)
          && !report_state (model, opt, it, total, (now - run.t0) / 1e6, order, train->n, pos,
                            &order_rng, progress, user_data, error))
        goto out;
      if (log_steps != NULL ? (next_log < log_steps->len
                               && it == g_array_index (log_steps, guint64, next_log))
                                || it == stop
                            : it % eval_every == 0 || it == stop)
        {
          const OcEvalPoint *e;

          next_log++;
          sync_arena (sparse, model, &stale);
          e = run_evaluate (&run, it, it == stop);
          /* The training examples are evaluated where e's train entries are meant to be set. */
          if (e != NULL && (isinf (e->train_loss)
                            || (isnan (e->train_loss) && cfg->train_eval_examples != 0
                                && (it == stop || !cfg->eval_reported_only))))
            {
              g_set_error (error, OC_ERROR, OC_ERROR_DIVERGED,
                           _("Training diverged at iteration %" PRIu64 " (training loss = "
                           "%g); try a lower learning rate"), it, e->train_loss);
              goto out;
            }
          if (progress != NULL)
            {
              OcProgress p = { it, total, (now - run.t0) / 1e6, e, model, checkpoint, NULL };

              progress (&p, user_data);
            }
          last_report = g_get_monotonic_time ();
        }
      else if (progress != NULL
               && (checkpoint || (now - last_report) / 1e6 >= OC_PROGRESS_INTERVAL))
        {
          OcProgress p = { it, total, (now - run.t0) / 1e6, NULL, model, checkpoint, NULL };

          sync_arena (sparse, model, &stale);
          progress (&p, user_data);
          last_report = now;
        }
    }

  result->iterations = from != NULL ? it - from->iteration : it;
  result->train_seconds = train_us / 1e6;
  result->seconds_per_epoch = result->train_seconds * run.steps_per_epoch
                              / MAX (result->iterations, 1);
  result->gflops = train_us > 0 ? flops / (train_us * 1e3) : 0.0;
  if (snapshot_out != NULL)
    *snapshot_out = g_steal_pointer (&snapshot);
  ok = TRUE;

out:
  /* The caller gets the weights the run reached, also when it stopped early. */
  if (sparse != NULL)
    sync_arena (sparse, model, &stale);
  for (guint i = 0; ws != NULL && i < n_team; i++)
    {
      workspace_free (ws[i]);
      workspace_free (eval_ws[i]);
      g_free (grads[i]);
    }
  return ok ? g_steal_pointer (&result) : NULL;
}

OcTrainResult *
oc_train_run (const OcTrainConfig *cfg, const OcDataset *data, OcMlp *model,
              GCancellable *cancellable, OcProgressFunc progress, gpointer user_data,
              float **snapshot_out, GError **error)
{
  return train_loop (cfg, data, model, NULL, NULL, NULL, cancellable, progress, user_data,
                     snapshot_out, error);
}

OcTrainResult *
oc_train_resume (const OcTrainConfig *cfg, const OcDataset *data, OcMlp *model,
                 const OcTrainState *state, const guint64 *order_seed, GCancellable *cancellable,
                 OcProgressFunc progress, gpointer user_data, GError **error)
{
  g_return_val_if_fail (cfg != NULL && data != NULL && model != NULL && state != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return train_loop (cfg, data, model, state, order_seed, NULL, cancellable, progress, user_data,
                     NULL, error);
}

OcTrainResult *
oc_train_popup_run (const OcTrainConfig *cfg, const OcDataset *data, OcMlp *model,
                    const OcPopupConfig *popup, GCancellable *cancellable,
                    OcProgressFunc progress, gpointer user_data, GError **error)
{
  g_return_val_if_fail (popup != NULL && popup->weights != NULL && popup->scores != NULL
                        && popup->keep != NULL, NULL);

  return train_loop (cfg, data, model, NULL, NULL, popup, cancellable, progress, user_data,
                     NULL, error);
}

OcTrainResult *
oc_train_evaluate_only (const OcTrainConfig *cfg, const OcDataset *data, OcMlp *model,
                        GError **error)
{
  g_autoptr (OcTrainResult) result = NULL;
  g_autoptr (OcTeam) team = NULL;
  Workspace *ws = NULL;
  Run run = { 0 };

  g_return_val_if_fail (cfg != NULL && data != NULL && model != NULL, NULL);

  if (!validate_config (cfg, data, error) || !check_model_fits (model, data, error))
    return NULL;
  ws = workspace_new (model, OC_MLP_PREDICT_CHUNK, data->n_groups, FALSE, error);
  if (ws == NULL)
    return NULL;
  team = oc_team_new (1);
  result = g_new0 (OcTrainResult, 1);
  result->evals = g_array_new (FALSE, TRUE, sizeof (OcEvalPoint));
  result->threads = 1;
  run.cfg = cfg;
  run.data = data;
  run.model = model;
  run.result = result;
  run.team = team;
  run.eval_ws = &ws;
  run.t0 = g_get_monotonic_time ();
  run.steps_per_epoch = MAX ((data->train.n + oc_train_batch_rows (cfg->batch, data->train.n) - 1)
                             / MAX (oc_train_batch_rows (cfg->batch, data->train.n), 1), 1);
  run_evaluate (&run, 0, TRUE);
  workspace_free (ws);
  return g_steal_pointer (&result);
}

guint
oc_train_batch_rows (guint batch, guint n_train)
{
  return batch == 0 ? n_train : MIN (batch, n_train);
}

GArray *
oc_eval_log_steps (guint64 total, guint n)
{
  GArray *steps = g_array_new (FALSE, FALSE, sizeof (guint64));

  g_return_val_if_fail (n >= 2, steps);
  for (guint k = 0; k < n && total > 0; k++)
    {
      /* The last one is exactly @total, whatever pow rounds to. */
      guint64 s = k + 1 == n ? total
                             : (guint64) llround (pow ((double) total, (double) k / (n - 1)));

      s = CLAMP (s, 1, total);
      if (steps->len == 0 || s > g_array_index (steps, guint64, steps->len - 1))
        g_array_append_val (steps, s);
    }
  return steps;
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

/* ---- Curves as text ---- */

void
oc_csv_append_number (GString *s, double v)
{
  /* %.9g round-trips a float. A missing value is an empty field, which pandas, R, spreadsheets
   * and our plot reader all read as missing ("nan" is a string to some of them). The decimal
   * point is '.' whatever the locale: the window runs in the user's (a German or French one
   * writes commas). */
  if (!isnan (v))
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];

      g_string_append (s, g_ascii_formatd (buf, sizeof buf, "%.9g", v));
    }
}

void
oc_csv_append_field (GString *s, const char *text)
{
  g_return_if_fail (s != NULL);

  if (text == NULL)
    return;
  if (strpbrk (text, ",\"\n\r") == NULL)
    {
      g_string_append (s, text);
      return;
    }
  g_string_append_c (s, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (s, '"');
      g_string_append_c (s, *p);
    }
  g_string_append_c (s, '"');
}

void
oc_eval_append_csv (GString *s, const OcEvalPoint *p)
{
  const double values[] = { p->epoch, p->train_loss, p->train_error, p->val_loss, p->val_error,
                            p->test_loss, p->test_error };

  g_string_append_printf (s, "%" G_GUINT64_FORMAT, p->iteration);
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_string_append_c (s, ',');
      oc_csv_append_number (s, values[i]);
    }
}

char *
oc_evals_to_csv (const GArray *evals)
{
  GString *s = g_string_new (OC_EVAL_CSV_HEADER "\n");

  for (guint i = 0; evals != NULL && i < evals->len; i++)
    {
      oc_eval_append_csv (s, &g_array_index (evals, OcEvalPoint, i));
      g_string_append_c (s, '\n');
    }
  return g_string_free (s, FALSE);
}
