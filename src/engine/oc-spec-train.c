/* oc-spec-train.c — the `train` spec kind: one network trained on one dataset.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The table below is the single list of train settings: the JSON keys, their types and ranges,
 * where each lives in OcDataOptions / OcTrainConfig, and the occam-cli flag that sets it (the CLI
 * builds its options from this table). Defaults are not repeated here: they are whatever
 * oc_data_options_init() and oc_train_config_init() set, plus the dependent defaults in
 * train_finish(). OcTrainConfig.snapshot_at has no key: it belongs to the prune kind.
 */
#include <math.h>
#include <string.h>

#include "occam/oc-error.h"
#include "oc-spec-private.h"

static const char *const subset_names[] = { "first", "random", NULL };
static const char *const activation_names[] = { "relu", "tanh", NULL };
static const char *const init_names[] = {
  "torch-default", "kaiming-normal", "kaiming-uniform", "glorot-normal", "glorot-uniform", NULL,
};
static const char *const init_aliases[] = {
  "xavier-normal", "glorot-normal", "xavier-uniform", "glorot-uniform",
  "he-normal", "kaiming-normal", "he-uniform", "kaiming-uniform", NULL,
};
static const char *const loss_names[] = { "ce", "mse", NULL };
static const char *const optim_names[] = { "sgd", "momentum", "adam", "adamw", NULL };
static const char *const schedule_names[] = { "constant", "step", "cosine", "inverse-sqrt", NULL };

#define D(member) offsetof (OcTrainSpec, data.member)
#define T(member) offsetof (OcTrainSpec, train.member)
#define INF INFINITY
/* Seeds and step counts are JSON integers, which json-glib reads as gint64. */
#define MAX_I64 9223372036854775807.0

#define OPEN_LO OC_SPEC_FIELD_MIN_OPEN
#define OPEN_HI OC_SPEC_FIELD_MAX_OPEN
#define NULLABLE OC_SPEC_FIELD_NULLABLE
#define PATH (OC_SPEC_FIELD_PATH | OC_SPEC_FIELD_NULLABLE)

static const OcSpecField train_fields[] = {
  /* section, name, type, flags, min, max, choices, aliases, offset, count_offset,
   * flag, group, help, arg */
  { "data", "name", OC_SPEC_STRING, 0, -INF, INF, NULL, NULL, D (name), 0,
    "dataset", "data", "fashion-mnist (default), mnist (an IDX folder), csv, addition, modadd, "
    "spiral, moons, circles, xor, blobs", "NAME" },
  { "data", "data_dir", OC_SPEC_STRING, PATH, -INF, INF, NULL, NULL, D (data_dir), 0,
    "data-dir", "data", "Folder of MNIST-format IDX files (gzipped or not)", "DIR" },
  { "data", "data_file", OC_SPEC_STRING, PATH, -INF, INF, NULL, NULL, D (data_file), 0,
    "data-file", "data", "CSV file: label, then features (for --dataset csv)", "FILE" },
  { "data", "test_file", OC_SPEC_STRING, PATH, -INF, INF, NULL, NULL, D (test_file), 0,
    "test-file", "data", "CSV file with the test data (default: hold out --test-fraction)",
    "FILE" },
  { "data", "n_train", OC_SPEC_INT64, NULLABLE, 1, 1e12, NULL, NULL, D (n_train), 0,
    "n-train", "data", "Training examples to use (default: all)", "N" },
  { "data", "subset", OC_SPEC_CHOICE, 0, -INF, INF, subset_names, NULL, D (subset), 0,
    "subset", "data", "Which training examples: first (default) or random", "MODE" },
  { "data", "label_noise", OC_SPEC_DOUBLE, 0, 0, 1, NULL, NULL, D (label_noise), 0,
    "label-noise", "data",
    "Fraction of training labels replaced by a random different label (0)", "P" },
  { "data", "val_size", OC_SPEC_UINT, 0, 0, G_MAXINT32, NULL, NULL, D (val_size), 0,
    "val-size", "data",
    "Examples held out of the training data for validation and early stopping (0)", "N" },
  { "data", "seed", OC_SPEC_UINT64, 0, 0, MAX_I64, NULL, NULL, D (seed), 0,
    "data-seed", "data", "Seed for subsets, label noise, generators and splits (0)", "SEED" },
  { "data", "digits", OC_SPEC_UINT, 0, 1, 4, NULL, NULL, D (digits), 0,
    "digits", "data", "addition: digits per number (2)", "K" },
  { "data", "modulus", OC_SPEC_UINT, 0, 2, 1000, NULL, NULL, D (modulus), 0,
    "modulus", "data", "modadd: the modulus p (97)", "P" },
  { "data", "train_fraction", OC_SPEC_DOUBLE, OPEN_LO | OPEN_HI, 0, 1, NULL, NULL,
    D (train_fraction), 0, "train-fraction", "data",
    "addition, modadd: fraction of all pairs used for training (0.5)", "F" },
  { "data", "noise", OC_SPEC_DOUBLE, 0, 0, INF, NULL, NULL, D (noise), 0,
    "noise", "data", "2-D toys: noise level (0.1)", "SD" },
  { "data", "n_points", OC_SPEC_UINT, 0, 10, 10000000, NULL, NULL, D (n_points), 0,
    "n-points", "data", "2-D toys: number of points (1000)", "N" },
  { "data", "test_fraction", OC_SPEC_DOUBLE, OPEN_LO | OPEN_HI, 0, 1, NULL, NULL,
    D (test_fraction), 0, "test-fraction", "data",
    "2-D toys and CSV without --test-file: fraction held out for testing (0.2)", "F" },

  { "model", "hidden", OC_SPEC_WIDTHS, 0, 1, 1 << 20, NULL, NULL, T (hidden), T (n_hidden),
    "hidden", "training",
    "Hidden layer widths, comma-separated, e.g. 300,100 (256); 'none' for a linear model",
    "W,W…" },
  { "model", "activation", OC_SPEC_CHOICE, 0, -INF, INF, activation_names, NULL, T (activation),
    0, "activation", "training", "relu (default) or tanh", "NAME" },
  { "model", "init", OC_SPEC_CHOICE, 0, -INF, INF, init_names, init_aliases, T (init), 0,
    "init", "training",
    "torch-default (default), kaiming-normal, kaiming-uniform, glorot-normal, glorot-uniform",
    "NAME" },

  { "optim", "kind", OC_SPEC_CHOICE, 0, -INF, INF, optim_names, NULL, T (optim.kind), 0,
    "optimizer", "training", "sgd, momentum, adam (default) or adamw", "NAME" },
  { "optim", "lr", OC_SPEC_DOUBLE, OPEN_LO, 0, INF, NULL, NULL, T (optim.lr), 0,
    "lr", "training", "Learning rate (0.001 for adam and adamw, 0.01 for sgd and momentum)",
    "LR" },
  { "optim", "momentum", OC_SPEC_DOUBLE, OPEN_HI, 0, 1, NULL, NULL, T (optim.momentum), 0,
    "momentum", "training", "Momentum μ (0.9)", "MU" },
  { "optim", "nesterov", OC_SPEC_BOOL, 0, -INF, INF, NULL, NULL, T (optim.nesterov), 0,
    "nesterov", "training", "Nesterov momentum", NULL },
  { "optim", "beta1", OC_SPEC_DOUBLE, OPEN_HI, 0, 1, NULL, NULL, T (optim.beta1), 0,
    "beta1", "training", "Adam β₁ (0.9)", "B" },
  { "optim", "beta2", OC_SPEC_DOUBLE, OPEN_HI, 0, 1, NULL, NULL, T (optim.beta2), 0,
    "beta2", "training", "Adam β₂ (0.999)", "B" },
  { "optim", "eps", OC_SPEC_DOUBLE, OPEN_LO, 0, INF, NULL, NULL, T (optim.eps), 0,
    "eps", "training", "Adam ε (1e-8)", "E" },
  { "optim", "weight_decay", OC_SPEC_DOUBLE, 0, 0, INF, NULL, NULL, T (optim.weight_decay), 0,
    "weight-decay", "training", "Weight decay (0)", "WD" },
  { "optim", "schedule", OC_SPEC_CHOICE, 0, -INF, INF, schedule_names, NULL, T (optim.schedule),
    0, "schedule", "training", "constant (default), step, cosine or inverse-sqrt", "NAME" },
  { "optim", "schedule_period", OC_SPEC_UINT64, 0, 1, MAX_I64, NULL, NULL,
    T (optim.schedule_period), 0, "schedule-period", "training",
    "step, inverse-sqrt: period T in iterations (512)", "T" },
  { "optim", "schedule_gamma", OC_SPEC_DOUBLE, OPEN_LO, 0, 1, NULL, NULL,
    T (optim.schedule_gamma), 0, "schedule-gamma", "training", "step: factor per period (0.1)",
    "G" },

  { "train", "loss", OC_SPEC_CHOICE, 0, -INF, INF, loss_names, NULL, T (loss), 0,
    "loss", "training", "ce (default) or mse", "NAME" },
  { "train", "batch", OC_SPEC_UINT, 0, 1, 65536, NULL, NULL, T (batch), 0,
    "batch", "training", "Minibatch size (128)", "B" },
  { "train", "epochs", OC_SPEC_UINT, 0, 0, 10000000, NULL, NULL, T (epochs), 0,
    "epochs", "training", "Passes over the training data (10)", "N" },
  { "train", "iterations", OC_SPEC_UINT64, 0, 0, MAX_I64, NULL, NULL, T (iterations), 0,
    "iterations", "training", "Training steps (instead of --epochs)", "N" },
  { "train", "eval_every", OC_SPEC_UINT64, 0, 0, MAX_I64, NULL, NULL, T (eval_every), 0,
    "eval-every", "training", "Iterations between evaluations (default: once per epoch)", "N" },
  { "train", "seed", OC_SPEC_UINT64, 0, 0, MAX_I64, NULL, NULL, T (seed), 0,
    "seed", "training", "Model seed: initialisation and minibatch order (0)", "SEED" },

  /* How, not what: BLAS threads change only the order of floating-point sums. */
  { "run", "threads", OC_SPEC_UINT, OC_SPEC_FIELD_NOT_HASHED, 0, 1024, NULL, NULL, T (threads),
    0, "threads", "training", "BLAS threads (default: all cores)", "N" },
};

static void
train_init (gpointer values)
{
  OcTrainSpec *v = values;

  oc_data_options_init (&v->data);
  oc_train_config_init (&v->train);
}

static const OcSpecField *
field (OcSpec *spec, const char *section, const char *name, gboolean *given)
{
  int i = oc_spec_field_index (spec, section, name);

  g_assert (i >= 0);
  *given = spec->given[i];
  return &spec->kind->fields[i];
}

static gboolean
train_finish (OcSpec *spec, gboolean for_cli, GError **error)
{
  OcTrainSpec *v = spec->values;
  OcTrainSpec defaults;
  const OcSpecField *f_name, *f_epochs, *f_iters, *f_nesterov, *f_eval;
  gboolean g_name, g_lr, g_epochs, g_iters, g_nesterov, g_eval;
  const char *canonical;

  train_init (&defaults);
  f_name = field (spec, "data", "name", &g_name);
  field (spec, "optim", "lr", &g_lr);
  f_epochs = field (spec, "train", "epochs", &g_epochs);
  f_iters = field (spec, "train", "iterations", &g_iters);
  f_nesterov = field (spec, "optim", "nesterov", &g_nesterov);
  f_eval = field (spec, "train", "eval_every", &g_eval);

  canonical = oc_dataset_canonical_name (v->data.name);
  if (canonical == NULL)
    {
      g_autofree char *valid = g_strjoinv (", ", (char **) oc_dataset_names ());

      return oc_spec_field_error (error, f_name, for_cli,
                                  "unknown dataset \"%s\"; valid names are %s", v->data.name,
                                  valid);
    }
  if (strcmp (canonical, v->data.name) != 0)
    {
      g_free ((char *) v->data.name);
      v->data.name = g_strdup (canonical);
    }

  /* SGD's usual learning rate differs from Adam's by an order of magnitude. */
  if (!g_lr)
    v->train.optim.lr = v->train.optim.kind == OC_OPTIM_SGD
                        || v->train.optim.kind == OC_OPTIM_MOMENTUM ? 0.01 : 1e-3;

  /* A run is as long as its epochs or its iterations; the canonical form sets the other to 0. */
  if (!g_epochs)
    v->train.epochs = v->train.iterations > 0 ? 0 : defaults.train.epochs;
  if (v->train.epochs > 0 && v->train.iterations > 0)
    return oc_spec_field_error (error, f_epochs, for_cli, for_cli
                                ? "give --epochs or --iterations, not both"
                                : "give epochs or iterations, not both (set one of them to 0)");
  if (v->train.epochs == 0 && v->train.iterations == 0)
    return oc_spec_field_error (error, g_iters ? f_iters : f_epochs, for_cli,
                                "the run needs at least one epoch or iteration");
  if (v->train.optim.nesterov && v->train.optim.kind != OC_OPTIM_MOMENTUM)
    return oc_spec_field_error (error, f_nesterov, for_cli, for_cli
                                ? "Nesterov momentum needs --optimizer momentum"
                                : "Nesterov momentum needs \"kind\": \"momentum\"");
  if (for_cli && g_eval && v->train.eval_every == 0)
    return oc_spec_field_error (error, f_eval, for_cli,
                                "must be at least 1 (leave it out to evaluate once per epoch)");
  return TRUE;
}

static char *
train_describe (const OcSpec *spec)
{
  const OcTrainSpec *v = spec->values;
  const OcTrainConfig *t = &v->train;
  const OcDataOptions *d = &v->data;
  GString *s = g_string_new ("hidden ");

  if (t->n_hidden == 0)
    g_string_append (s, "none");
  for (guint i = 0; i < t->n_hidden; i++)
    g_string_append_printf (s, "%s%u", i > 0 ? "," : "", t->hidden[i]);
  if (d->n_train >= 0)
    g_string_append_printf (s, " · n %" G_GINT64_FORMAT, d->n_train);
  if (d->label_noise > 0)
    g_string_append_printf (s, " · noise %g", d->label_noise);
  g_string_append_printf (s, " · %s lr %g · batch %u · ", optim_names[t->optim.kind],
                          t->optim.lr, t->batch);
  if (t->iterations > 0)
    g_string_append_printf (s, "%" G_GUINT64_FORMAT " iterations", t->iterations);
  else
    g_string_append_printf (s, "%u epoch%s", t->epochs, t->epochs == 1 ? "" : "s");
  g_string_append_printf (s, " · seed %" G_GUINT64_FORMAT, t->seed);
  return g_string_free (s, FALSE);
}

const OcSpecKindInfo oc_spec_kind_train = {
  .name = "train",
  .fields = train_fields,
  .n_fields = G_N_ELEMENTS (train_fields),
  .values_size = sizeof (OcTrainSpec),
  .has_train = TRUE,
  .init = train_init,
  .finish = train_finish,
  .describe = train_describe,
};
