/* oc-cli-options.c — parsing the shared data and training flags.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include "occam/oc-error.h"
#include "oc-cli-options.h"

void
oc_cli_options_init (OcCliOptions *o)
{
  memset (o, 0, sizeof *o);
  o->n_train = o->val_size = o->data_seed = o->digits = o->modulus = o->n_points = -1;
  o->label_noise = o->train_fraction = o->noise = o->test_fraction = NAN;
  o->lr = o->momentum = o->weight_decay = o->beta1 = o->beta2 = o->eps = o->schedule_gamma = NAN;
  o->schedule_period = o->batch = o->epochs = o->iterations = o->eval_every = -1;
  o->seed = o->threads = -1;
}

void
oc_cli_options_clear (OcCliOptions *o)
{
  char **strings[] = { &o->dataset, &o->data_dir, &o->data_file, &o->test_file, &o->subset,
                       &o->hidden, &o->activation, &o->init, &o->loss, &o->optimizer,
                       &o->schedule };

  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    g_clear_pointer (strings[i], g_free);
  g_clear_pointer (&o->hidden_widths, g_array_unref);
}

GOptionGroup *
oc_cli_options_data_group (OcCliOptions *o)
{
  const GOptionEntry entries[] = {
    { "dataset", 0, 0, G_OPTION_ARG_STRING, &o->dataset,
      "fashion-mnist (default), mnist (an IDX folder), csv, addition, modadd, spiral, moons, "
      "circles, xor, blobs", "NAME" },
    { "data-dir", 0, 0, G_OPTION_ARG_FILENAME, &o->data_dir,
      "Folder of MNIST-format IDX files (gzipped or not)", "DIR" },
    { "data-file", 0, 0, G_OPTION_ARG_FILENAME, &o->data_file,
      "CSV file: label, then features (for --dataset csv)", "FILE" },
    { "test-file", 0, 0, G_OPTION_ARG_FILENAME, &o->test_file,
      "CSV file with the test data (default: hold out --test-fraction)", "FILE" },
    { "n-train", 0, 0, G_OPTION_ARG_INT64, &o->n_train, "Training examples to use (default: all)",
      "N" },
    { "subset", 0, 0, G_OPTION_ARG_STRING, &o->subset,
      "Which training examples: first (default) or random", "MODE" },
    { "label-noise", 0, 0, G_OPTION_ARG_DOUBLE, &o->label_noise,
      "Fraction of training labels replaced by a random different label (0)", "P" },
    { "val-size", 0, 0, G_OPTION_ARG_INT64, &o->val_size,
      "Examples held out of the training data for validation and early stopping (0)", "N" },
    { "data-seed", 0, 0, G_OPTION_ARG_INT64, &o->data_seed,
      "Seed for subsets, label noise, generators and splits (0)", "SEED" },
    { "digits", 0, 0, G_OPTION_ARG_INT64, &o->digits, "addition: digits per number (2)", "K" },
    { "modulus", 0, 0, G_OPTION_ARG_INT64, &o->modulus, "modadd: the modulus p (97)", "P" },
    { "train-fraction", 0, 0, G_OPTION_ARG_DOUBLE, &o->train_fraction,
      "addition, modadd: fraction of all pairs used for training (0.5)", "F" },
    { "noise", 0, 0, G_OPTION_ARG_DOUBLE, &o->noise, "2-D toys: noise level (0.1)", "SD" },
    { "n-points", 0, 0, G_OPTION_ARG_INT64, &o->n_points, "2-D toys: number of points (1000)",
      "N" },
    { "test-fraction", 0, 0, G_OPTION_ARG_DOUBLE, &o->test_fraction,
      "2-D toys and CSV without --test-file: fraction held out for testing (0.2)", "F" },
    { NULL }
  };
  GOptionGroup *g = g_option_group_new ("data", "Data options:", "Show the data options", o, NULL);

  g_option_group_add_entries (g, entries);
  return g;
}

GOptionGroup *
oc_cli_options_train_group (OcCliOptions *o)
{
  const GOptionEntry entries[] = {
    { "hidden", 0, 0, G_OPTION_ARG_STRING, &o->hidden,
      "Hidden layer widths, comma-separated, e.g. 300,100 (256); 'none' for a linear model",
      "W,W…" },
    { "activation", 0, 0, G_OPTION_ARG_STRING, &o->activation, "relu (default) or tanh", "NAME" },
    { "init", 0, 0, G_OPTION_ARG_STRING, &o->init,
      "torch-default (default), kaiming-normal, kaiming-uniform, glorot-normal, glorot-uniform",
      "NAME" },
    { "loss", 0, 0, G_OPTION_ARG_STRING, &o->loss, "ce (default) or mse", "NAME" },
    { "optimizer", 0, 0, G_OPTION_ARG_STRING, &o->optimizer,
      "sgd, momentum, adam (default) or adamw", "NAME" },
    { "lr", 0, 0, G_OPTION_ARG_DOUBLE, &o->lr, "Learning rate (0.001)", "LR" },
    { "momentum", 0, 0, G_OPTION_ARG_DOUBLE, &o->momentum, "Momentum μ (0.9)", "MU" },
    { "nesterov", 0, 0, G_OPTION_ARG_NONE, &o->nesterov, "Nesterov momentum", NULL },
    { "beta1", 0, 0, G_OPTION_ARG_DOUBLE, &o->beta1, "Adam β₁ (0.9)", "B" },
    { "beta2", 0, 0, G_OPTION_ARG_DOUBLE, &o->beta2, "Adam β₂ (0.999)", "B" },
    { "eps", 0, 0, G_OPTION_ARG_DOUBLE, &o->eps, "Adam ε (1e-8)", "E" },
    { "weight-decay", 0, 0, G_OPTION_ARG_DOUBLE, &o->weight_decay, "Weight decay (0)", "WD" },
    { "schedule", 0, 0, G_OPTION_ARG_STRING, &o->schedule,
      "constant (default), step, cosine or inverse-sqrt", "NAME" },
    { "schedule-period", 0, 0, G_OPTION_ARG_INT64, &o->schedule_period,
      "step, inverse-sqrt: period T in iterations (512)", "T" },
    { "schedule-gamma", 0, 0, G_OPTION_ARG_DOUBLE, &o->schedule_gamma,
      "step: factor per period (0.1)", "G" },
    { "batch", 0, 0, G_OPTION_ARG_INT64, &o->batch, "Minibatch size (128)", "B" },
    { "epochs", 0, 0, G_OPTION_ARG_INT64, &o->epochs, "Passes over the training data (10)", "N" },
    { "iterations", 0, 0, G_OPTION_ARG_INT64, &o->iterations,
      "Training steps (overrides --epochs)", "N" },
    { "eval-every", 0, 0, G_OPTION_ARG_INT64, &o->eval_every,
      "Iterations between evaluations (default: once per epoch)", "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &o->seed,
      "Model seed: initialisation and minibatch order (0)", "SEED" },
    { "threads", 0, 0, G_OPTION_ARG_INT64, &o->threads, "BLAS threads (default: all cores)", "N" },
    { NULL }
  };
  GOptionGroup *g = g_option_group_new ("training", "Training options:",
                                        "Show the training options", o, NULL);

  g_option_group_add_entries (g, entries);
  return g;
}

static gboolean
bad (GError **error, const char *format, ...) G_GNUC_PRINTF (2, 3);

static gboolean
bad (GError **error, const char *format, ...)
{
  va_list args;
  g_autofree char *msg = NULL;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT, msg);
  return FALSE;
}

static gboolean
parse_hidden (const char *s, GArray *out, GError **error)
{
  g_auto (GStrv) parts = NULL;

  if (s == NULL || *s == '\0' || g_strcmp0 (s, "none") == 0)
    return TRUE;
  parts = g_strsplit (s, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      guint64 w;
      guint width;
      g_autoptr (GError) local = NULL;

      g_strstrip (parts[i]);
      if (!g_ascii_string_to_unsigned (parts[i], 10, 1, 1u << 20, &w, &local))
        return bad (error, "--hidden: '%s' is not a width between 1 and 1048576 (expected e.g. "
                    "--hidden 300,100)", parts[i]);
      width = (guint) w;
      g_array_append_val (out, width);
    }
  return TRUE;
}

gboolean
oc_cli_options_finish (OcCliOptions *o, GError **error)
{
  OcDataOptions *d = &o->data;
  OcTrainConfig *t = &o->train;

  oc_data_options_init (d);
  oc_train_config_init (t);

  if (o->dataset != NULL)
    d->name = o->dataset;
  d->data_dir = o->data_dir;
  d->data_file = o->data_file;
  d->test_file = o->test_file;
  if (o->n_train >= 0)
    d->n_train = o->n_train;
  else if (o->n_train != -1)
    return bad (error, "--n-train must be positive");
  if (o->subset != NULL)
    {
      if (g_strcmp0 (o->subset, "first") == 0)
        d->subset = OC_SUBSET_FIRST;
      else if (g_strcmp0 (o->subset, "random") == 0)
        d->subset = OC_SUBSET_RANDOM;
      else
        return bad (error, "--subset: '%s' is not first or random", o->subset);
    }
  if (!isnan (o->label_noise))
    {
      if (!(o->label_noise >= 0 && o->label_noise <= 1))
        return bad (error, "--label-noise must be a fraction in [0, 1] (got %g)", o->label_noise);
      d->label_noise = o->label_noise;
    }
  if (o->val_size != -1)
    {
      if (o->val_size < 0 || o->val_size > G_MAXINT32)
        return bad (error, "--val-size must be ≥ 0");
      d->val_size = (guint) o->val_size;
    }
  if (o->data_seed != -1)
    {
      if (o->data_seed < 0)
        return bad (error, "--data-seed must be ≥ 0");
      d->seed = (guint64) o->data_seed;
    }
  if (o->digits != -1)
    {
      if (o->digits < 1 || o->digits > 4)
        return bad (error, "--digits must be between 1 and 4");
      d->digits = (guint) o->digits;
    }
  if (o->modulus != -1)
    {
      if (o->modulus < 2 || o->modulus > 1000)
        return bad (error, "--modulus must be between 2 and 1000");
      d->modulus = (guint) o->modulus;
    }
  if (!isnan (o->train_fraction))
    {
      if (!(o->train_fraction > 0 && o->train_fraction < 1))
        return bad (error, "--train-fraction must be strictly between 0 and 1");
      d->train_fraction = o->train_fraction;
    }
  if (!isnan (o->noise))
    {
      if (!(o->noise >= 0 && isfinite (o->noise)))
        return bad (error, "--noise must be ≥ 0");
      d->noise = o->noise;
    }
  if (o->n_points != -1)
    {
      if (o->n_points < 10 || o->n_points > 10000000)
        return bad (error, "--n-points must be between 10 and 10000000");
      d->n_points = (guint) o->n_points;
    }
  if (!isnan (o->test_fraction))
    {
      if (!(o->test_fraction > 0 && o->test_fraction < 1))
        return bad (error, "--test-fraction must be strictly between 0 and 1");
      d->test_fraction = o->test_fraction;
    }

  g_clear_pointer (&o->hidden_widths, g_array_unref);
  o->hidden_widths = g_array_new (FALSE, FALSE, sizeof (guint));
  if (o->hidden != NULL)
    {
      if (!parse_hidden (o->hidden, o->hidden_widths, error))
        return FALSE;
      t->hidden = (const guint *) (gpointer) o->hidden_widths->data;
      t->n_hidden = o->hidden_widths->len;
    }
  if (o->activation != NULL && !oc_activation_from_string (o->activation, &t->activation))
    return bad (error, "--activation: '%s' is not relu or tanh", o->activation);
  if (o->init != NULL && !oc_init_from_string (o->init, &t->init))
    return bad (error, "--init: '%s' is not torch-default, kaiming-normal, kaiming-uniform, "
                "glorot-normal or glorot-uniform", o->init);
  if (o->loss != NULL && !oc_loss_from_string (o->loss, &t->loss))
    return bad (error, "--loss: '%s' is not ce or mse", o->loss);
  if (o->optimizer != NULL && !oc_optim_kind_from_string (o->optimizer, &t->optim.kind))
    return bad (error, "--optimizer: '%s' is not sgd, momentum, adam or adamw", o->optimizer);
  if (o->schedule != NULL && !oc_schedule_from_string (o->schedule, &t->optim.schedule))
    return bad (error, "--schedule: '%s' is not constant, step, cosine or inverse-sqrt",
                o->schedule);
  /* SGD's usual learning rate differs from Adam's by two orders of magnitude; only fill in the
   * default when the user left --lr out. */
  if (t->optim.kind == OC_OPTIM_SGD || t->optim.kind == OC_OPTIM_MOMENTUM)
    t->optim.lr = 0.01;
  if (!isnan (o->lr))
    {
      if (!(o->lr > 0 && isfinite (o->lr)))
        return bad (error, "--lr must be a positive number (got %g)", o->lr);
      t->optim.lr = o->lr;
    }
  if (!isnan (o->momentum))
    t->optim.momentum = o->momentum;
  t->optim.nesterov = o->nesterov;
  if (o->nesterov && t->optim.kind != OC_OPTIM_MOMENTUM)
    return bad (error, "--nesterov needs --optimizer momentum");
  if (!isnan (o->beta1))
    t->optim.beta1 = o->beta1;
  if (!isnan (o->beta2))
    t->optim.beta2 = o->beta2;
  if (!isnan (o->eps))
    t->optim.eps = o->eps;
  if (!isnan (o->weight_decay))
    t->optim.weight_decay = o->weight_decay;
  if (!isnan (o->schedule_gamma))
    t->optim.schedule_gamma = o->schedule_gamma;
  if (o->schedule_period != -1)
    {
      if (o->schedule_period < 1)
        return bad (error, "--schedule-period must be at least 1");
      t->optim.schedule_period = (guint64) o->schedule_period;
    }
  if (o->batch != -1)
    {
      if (o->batch < 1 || o->batch > 65536)
        return bad (error, "--batch must be between 1 and 65536");
      t->batch = (guint) o->batch;
    }
  if (o->epochs != -1)
    {
      if (o->epochs < 1 || o->epochs > 10000000)
        return bad (error, "--epochs must be at least 1");
      t->epochs = (guint) o->epochs;
    }
  if (o->iterations != -1)
    {
      if (o->iterations < 1)
        return bad (error, "--iterations must be at least 1");
      if (o->epochs != -1)
        return bad (error, "give --epochs or --iterations, not both");
      t->iterations = (guint64) o->iterations;
    }
  if (o->eval_every != -1)
    {
      if (o->eval_every < 1)
        return bad (error, "--eval-every must be at least 1");
      t->eval_every = (guint64) o->eval_every;
    }
  if (o->seed != -1)
    {
      if (o->seed < 0)
        return bad (error, "--seed must be ≥ 0");
      t->seed = (guint64) o->seed;
    }
  if (o->threads != -1)
    {
      if (o->threads < 0 || o->threads > 1024)
        return bad (error, "--threads must be between 0 (all cores) and 1024");
      t->threads = (guint) o->threads;
    }
  return TRUE;
}

char *
oc_cli_describe_architecture (const OcTrainConfig *cfg, const OcDataset *data)
{
  GString *s = g_string_new (NULL);

  g_string_append_printf (s, "%u", data->dim);
  for (guint i = 0; i < cfg->n_hidden; i++)
    g_string_append_printf (s, "-%u", cfg->hidden[i]);
  g_string_append_printf (s, "-%u", data->n_classes * data->n_groups);
  return g_string_free (s, FALSE);
}
