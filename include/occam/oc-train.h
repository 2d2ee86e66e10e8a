/* oc-train.h — training an MLP on a dataset, with evaluation, early stopping and progress.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include "oc-dataset.h"
#include "oc-mlp.h"
#include "oc-optim.h"

G_BEGIN_DECLS

typedef enum
{
  OC_LOSS_CE,  /* softmax cross-entropy per label group, summed over groups, mean over the batch */
  OC_LOSS_MSE, /* squared error against one-hot targets, mean over all outputs (PyTorch's MSELoss) */
} OcLoss;

/* Everything that determines one training run besides the data. Arrays are owned by the caller. */
typedef struct
{
  const guint  *hidden;       /* hidden layer widths */
  guint         n_hidden;
  OcActivation  activation;
  OcInit        init;
  OcLoss        loss;
  OcOptimConfig optim;
  guint         batch;        /* minibatch size (128); 0 = full batch: every training example in
                               * each step (one step per epoch) */
  guint         epochs;       /* used when iterations == 0 (default 10) */
  guint64       iterations;   /* > 0 overrides epochs */
  guint64       eval_every;   /* iterations between evaluations; 0 = once per epoch */
  guint         eval_log;     /* > 0: instead of eval_every, this many evaluations spaced
                               * logarithmically in steps (oc_eval_log_steps) */
  gint64        train_eval_examples; /* training examples evaluated: −1 all (default), 0 none
                                      * (train metrics NaN), N the first N */
  gboolean      eval_reported_only; /* evaluate only what final and early_stop report: the
                                     * validation split at every evaluation (early stopping),
                                     * the test split where the validation loss reaches a new
                                     * low and at the end, the training examples at the end;
                                     * other entries NaN, and without a validation split no
                                     * evaluation but the last. FALSE: every split every time. */
  guint64       seed;         /* model seed: initialisation and minibatch order */
  guint         threads;      /* threads sharing each step; 0 = all cores */
  guint64       snapshot_at;  /* > 0: keep θ at this iteration (late resetting) */
  /* Iterations (increasing, caller-owned) at which the progress callback is also called with
   * OcProgress.checkpoint set and the model to copy: the trajectory of a landscape. 0 is before
   * the first step; iterations past the end of the run are never reached. */
  const guint64 *checkpoints;
  guint          n_checkpoints;
  const guint64 *capture_at;  /* iterations whose whole training state the progress callback
                               * receives (OcProgress.state), ascending; 0 is the start */
  guint         n_capture_at;
  guint64       stop_at;      /* > 0: stop after this many iterations while the schedule still
                               * spans the whole run (a parent whose children finish it) */
} OcTrainConfig;

void oc_train_config_init (OcTrainConfig *cfg);

/* One evaluation. Validation entries are NaN when there is no validation split. */
typedef struct
{
  guint64 iteration;
  double  epoch;
  double  train_loss, train_error;
  double  val_loss, val_error;
  double  test_loss, test_error;
  double  seconds;            /* wall time since the run started */
} OcEvalPoint;

typedef struct
{
  GArray     *evals;           /* of OcEvalPoint, in order */
  OcEvalPoint final;           /* the last evaluation (after the last step) */
  OcEvalPoint early_stop;      /* the evaluation with the lowest validation loss (= final without
                                * a validation split) */
  guint64     iterations;      /* steps taken */
  double      train_seconds;   /* time in training steps only */
  double      eval_seconds;    /* time in evaluations */
  double      seconds_per_epoch;
  double      gflops;          /* achieved GFLOP/s of the training steps (GEMM flops only) */
  double      flops_per_step;  /* for a full batch */
  guint       threads;         /* threads that shared each step (the batch is split across them) */
} OcTrainResult;

void oc_train_result_free (OcTrainResult *r);

typedef struct
{
  guint64            iteration;
  guint64            total_iterations;
  double             elapsed;     /* seconds since the run started */
  const OcEvalPoint *eval;        /* non-NULL when this report carries a new evaluation */
  const OcMlp       *model;       /* readable during the callback only (on the worker thread) */
  gboolean           checkpoint;  /* @iteration is one of OcTrainConfig.checkpoints */
  const struct _OcTrainState *state; /* at the iterations of cfg->capture_at, else NULL; readable
                                      * during the callback only: oc_train_state_dup() keeps it */
  const double      *measures;    /* with eval: a kind's own measures of this evaluation (grok:
                                   * OC_GROK_MEASURE_*), or NULL; set by runners, not training */
  guint              n_measures;
} OcProgress;

/* Called on the training thread at every evaluation, at every checkpoint and about every
 * @progress_interval seconds (once per iteration at most). It must copy what it needs and return
 * quickly. */
typedef void (*OcProgressFunc) (const OcProgress *progress, gpointer user_data);

/* The steps a log evaluation schedule of @n evaluations over @total steps evaluates at (besides
 * step 0, which every run evaluates): the distinct values of round(total^(k/(n−1))), k = 0…n−1,
 * ascending — 1 and @total always among them, fewer than @n where early steps coincide. guint64
 * values; free with g_array_unref(). */
GArray *oc_eval_log_steps (guint64 total, guint n);

/* The rows of one step: @batch (0: all of them) capped at the @n_train examples. */
guint   oc_train_batch_rows (guint batch, guint n_train);

/* Builds a model for @data with @cfg's architecture and initialises it with the model seed. */
OcMlp *oc_train_build_model (const OcTrainConfig *cfg, const OcDataset *data, GError **error);

/* Trains @model (built by oc_train_build_model or rewound by the caller; its mask, if any, is kept)
 * in place. Returns NULL with OC_ERROR_DIVERGED, G_IO_ERROR_CANCELLED, … on failure; the model is
 * left as of the last finished step. @snapshot_out, when non-NULL and cfg->snapshot_at > 0, receives
 * a newly allocated copy of θ at that iteration. */
OcTrainResult *oc_train_run (const OcTrainConfig *cfg, const OcDataset *data, OcMlp *model,
                             GCancellable *cancellable, OcProgressFunc progress,
                             gpointer user_data, float **snapshot_out, GError **error);

/* The whole state of a training run between two steps, from which it can be continued exactly:
 * everything a step reads besides the data and the configuration. Arrays are owned. */
typedef struct _OcTrainState
{
  guint64  iteration;   /* steps taken: the schedule's position */
  gsize    n_params;
  float   *params;      /* θ [n_params], the arena of oc-mlp.h */
  float   *mask;        /* [n_params] 0/1, or NULL for a dense network */
  float   *m, *v;       /* the optimiser's moments [n_params] (oc_optimizer_get_m/_v), or NULL */
  guint64  optim_steps; /* the optimiser's step counter (Adam's bias correction) */
  guint    n_train;     /* training examples the data order permutes */
  guint32 *order;       /* [n_train] the current epoch's permutation */
  guint    pos;         /* next row of order[]; n_train: the next step shuffles */
  OcRng    order_rng;   /* the data-order stream as the next shuffle finds it */
} OcTrainState;

OcTrainState *oc_train_state_dup  (const OcTrainState *state, GError **error);
void          oc_train_state_free (OcTrainState *state);
/* The state a run of @model (its weights and mask as they are) with model seed @seed on
 * @n_train training examples starts from: iteration 0, no moments, the data order unshuffled. */
OcTrainState *oc_train_state_new_start (const OcMlp *model, guint n_train, guint64 seed,
                                        GError **error);

/* Continues a run from @state, which a run with the same @cfg and data captured (or
 * oc_train_state_new_start made): @model (of the state's architecture) takes its weights and
 * mask, the optimiser its moments and step counter, the schedule goes on at state->iteration of
 * the same total. With @order_seed NULL the data order goes on as the state left it, so the run
 * ends bit-identical to one never interrupted (with the same threads); with a seed, the current
 * and every later epoch are shuffled by a stream of that seed instead (the rows of this epoch
 * already used stay used: training resumes at the same position in the epoch). The first
 * evaluation is at state->iteration. Errors as oc_train_run, and OC_ERROR_INVALID_ARGUMENT for a
 * state that does not fit @model, the data or the run. */
OcTrainResult *oc_train_resume (const OcTrainConfig *cfg, const OcDataset *data, OcMlp *model,
                                const OcTrainState *state, const guint64 *order_seed,
                                GCancellable *cancellable, OcProgressFunc progress,
                                gpointer user_data, GError **error);

/* Edge-popup (Ramanujan et al. 2020): the weights stay at @weights and a score per weight is
 * trained instead, with cfg's optimiser, schedule, batch and length. At every step each layer l
 * keeps the @keep[l] weights of largest |score| (oc_prune_topk_mask) and the network computes
 * with θ·mask; the scores' gradient passes straight through the top-k of |s|:
 * ∂L/∂s = ∂L/∂(θ·m) · θ · sign(s), for kept and dropped weights alike. Biases have no score and stay as @weights holds them. */
typedef struct
{
  const float *weights; /* [n_params] the frozen weights and biases θ */
  float       *scores;  /* [n_params] in: the initial scores; out: the trained ones */
  const gsize *keep;    /* [n_layers] weights each layer keeps */
} OcPopupConfig;

/* Trains @popup's scores on @model, which must have a mask; on return @model holds θ·mask of the
 * last scores. Errors and progress as oc_train_run(). */
OcTrainResult *oc_train_popup_run (const OcTrainConfig *cfg, const OcDataset *data, OcMlp *model,
                                   const OcPopupConfig *popup, GCancellable *cancellable,
                                   OcProgressFunc progress, gpointer user_data, GError **error);

/* The result of a network that is not trained at all: one evaluation, at iteration 0, of the
 * training (as cfg->train_eval_examples says), validation and test splits. */
OcTrainResult *oc_train_evaluate_only (const OcTrainConfig *cfg, const OcDataset *data,
                                       OcMlp *model, GError **error);

/* Forward pass over a whole split in chunks: mean loss and error. */
gboolean oc_evaluate (const OcMlp *model, OcLoss loss, const OcDataset *data, const OcSplit *split,
                      double *loss_out, double *error_out, GError **error);

/* Mean loss over n rows x[n, dim] with labels y[n, n_groups], and its gradient grads[n_params]
 * (overwritten, in the parameter arena's layout). One batch; for tests and saliency scores. */
gboolean oc_mlp_gradient (const OcMlp *model, OcLoss loss, guint n_groups, guint n_classes,
                          const float *x, const gint32 *y, guint n, float *grads,
                          double *loss_out, GError **error);

gboolean    oc_loss_from_string (const char *s, OcLoss *out);
const char *oc_loss_to_string   (OcLoss l);

/* Curves as CSV, the one format every export of an evaluation uses: the columns of
 * OC_EVAL_CSV_HEADER, every number with %.9g (round-trips a float), missing values (NaN: no
 * validation split) empty. */
#define OC_EVAL_CSV_HEADER \
  "iteration,epoch,train_loss,train_error,val_loss,val_error,test_loss,test_error"
/* Appends one row without the newline. */
void  oc_eval_append_csv (GString *s, const OcEvalPoint *p);
/* Appends one number of a CSV field as every CSV of Occam writes it: %.9g, nothing for NaN. */
void  oc_csv_append_number (GString *s, double v);
/* Appends @text as one CSV field (RFC 4180): as it is, or in double quotes with inner quotes
 * doubled when it holds a comma, a quote or a line break; NULL appends nothing. */
void  oc_csv_append_field  (GString *s, const char *text);
/* The header and one row per evaluation. Free with g_free(). */
char *oc_evals_to_csv    (const GArray *evals);

/* Sets the number of BLAS threads (0 = all cores) and returns the number in effect. */
guint oc_blas_set_threads (guint threads);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OcTrainResult, oc_train_result_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OcTrainState, oc_train_state_free)

G_END_DECLS
