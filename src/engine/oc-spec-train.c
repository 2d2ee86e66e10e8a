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
#include "oc-config.h"
#include <glib/gi18n-lib.h>

const char *const oc_spec_subset_names[] = { "first", "random", NULL };
const char *const oc_spec_activation_names[] = { "relu", "tanh", NULL };
const char *const oc_spec_init_names[] = {
  "torch-default", "kaiming-normal", "kaiming-uniform", "glorot-normal", "glorot-uniform",
  "signed-constant", NULL,
};
const char *const oc_spec_init_aliases[] = {
  "xavier-normal", "glorot-normal", "xavier-uniform", "glorot-uniform",
  "he-normal", "kaiming-normal", "he-uniform", "kaiming-uniform", NULL,
};
const char *const oc_spec_loss_names[] = { "ce", "mse", NULL };
const char *const oc_spec_optim_names[] = { "sgd", "momentum", "adam", "adamw", NULL };
const char *const oc_spec_schedule_names[] = { "constant", "step", "cosine", "inverse-sqrt", NULL };

static const OcSpecField train_fields[] = {
  /* section, name, type, flags, min, max, choices, aliases, offset, count_offset,
   * flag, group, help, arg */
  OC_SPEC_DATA_FIELDS
  OC_SPEC_MODEL_TRAIN_FIELDS
  OC_SPEC_THREADS_FIELD (OC_SPEC_T (threads)),
};

void
oc_spec_train_init (gpointer values)
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

/* Replaces the string @slot holds with @text. */
static void
replace_string (const char **slot, const char *text)
{
  char *copy = g_strdup (text);

  g_free ((char *) *slot);
  *slot = copy;
}

gboolean
oc_spec_data_finish (OcSpec *spec, gboolean for_cli, GError **error)
{
  /* Every kind with data fields has its values start with an OcDataOptions. */
  OcDataOptions *d = spec->values;
  gboolean given;
  const OcSpecField *f_name = field (spec, "data", "name", &given);
  const OcSpecField *f_label = field (spec, "data", "label_column", &given);
  const char *canonical = oc_dataset_canonical_name (d->name);
  g_autofree char *label = NULL;
  guint64 index;

  if (canonical == NULL)
    {
      g_autofree char *valid = g_strjoinv (", ", (char **) oc_dataset_names ());

      return oc_spec_field_error (error, f_name, for_cli,
                                  _("unknown dataset \"%s\"; valid names are %s"), d->name, valid);
    }
  if (strcmp (canonical, d->name) != 0)
    replace_string (&d->name, canonical);

  /* One spelling per column, so that one column gives one experiment ID: null (options that were
   * zero-filled), "First" and "0" are "first", "007" is "7"; a header name stays as written,
   * without surrounding blanks. */
  label = g_strstrip (g_strdup (d->label_column != NULL ? d->label_column : "first"));
  if (label[0] == '\0')
    return oc_spec_field_error (error, f_label, for_cli, _("must not be empty; give first, last, a "
                                "column index from 0 or a header name"));
  if (g_ascii_strcasecmp (label, "first") == 0 || g_ascii_strcasecmp (label, "last") == 0)
    {
      char *lower = g_ascii_strdown (label, -1);

      g_free (label);
      label = lower;
    }
  if (g_ascii_string_to_unsigned (label, 10, 0, G_MAXUINT, &index, NULL))
    {
      g_free (label);
      label = index == 0 ? g_strdup ("first") : g_strdup_printf ("%" G_GUINT64_FORMAT, index);
    }
  if (g_strcmp0 (label, d->label_column) != 0)
    replace_string (&d->label_column, label);
  return TRUE;
}

gboolean
oc_spec_train_finish (OcSpec *spec, gboolean for_cli, GError **error)
{
  OcTrainSpec *v = spec->values;
  OcTrainSpec defaults;
  const OcSpecField *f_hidden, *f_epochs, *f_iters, *f_nesterov, *f_eval;
  gboolean g_hidden, g_lr, g_epochs, g_iters, g_nesterov, g_eval;

  oc_spec_train_init (&defaults);
  f_hidden = field (spec, "model", "hidden", &g_hidden);
  field (spec, "optim", "lr", &g_lr);
  f_epochs = field (spec, "train", "epochs", &g_epochs);
  f_iters = field (spec, "train", "iterations", &g_iters);
  f_nesterov = field (spec, "optim", "nesterov", &g_nesterov);
  f_eval = field (spec, "train", "eval_every", &g_eval);

  if (!oc_spec_data_finish (spec, for_cli, error))
    return FALSE;

  /* The engine's cap (oc-mlp.h), checked here too so that the message names the key. */
  if (v->train.n_hidden > OC_MLP_MAX_HIDDEN)
    return oc_spec_field_error (error, f_hidden, for_cli, _("at most %d hidden layers, got %u"),
                                OC_MLP_MAX_HIDDEN, v->train.n_hidden);

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
                                _("the run needs at least one epoch or iteration"));
  if (v->train.optim.nesterov && v->train.optim.kind != OC_OPTIM_MOMENTUM)
    return oc_spec_field_error (error, f_nesterov, for_cli, for_cli
                                ? "Nesterov momentum needs --optimizer momentum"
                                : "Nesterov momentum needs \"kind\": \"momentum\"");
  if (for_cli && g_eval && v->train.eval_every == 0)
    return oc_spec_field_error (error, f_eval, for_cli,
                                _("must be at least 1 (leave it out to evaluate once per epoch)"));
  return TRUE;
}

char *
oc_spec_train_describe_except (const OcSpec *spec, OcSpecDescribeFlags leave_out)
{
  const OcTrainSpec *v = spec->values;
  const OcTrainConfig *t = &v->train;
  const OcDataOptions *d = &v->data;
  GString *s = g_string_new (NULL);

  if (!(leave_out & OC_SPEC_DESCRIBE_NO_HIDDEN))
    {
      g_string_append (s, "hidden ");
      if (t->n_hidden == 0)
        g_string_append (s, "none");
      for (guint i = 0; i < t->n_hidden; i++)
        g_string_append_printf (s, "%s%u", i > 0 ? "," : "", t->hidden[i]);
      g_string_append (s, " · ");
    }
  if (d->n_train >= 0 && !(leave_out & OC_SPEC_DESCRIBE_NO_N_TRAIN))
    g_string_append_printf (s, "n %" G_GINT64_FORMAT " · ", d->n_train);
  if (d->label_noise > 0 && !(leave_out & OC_SPEC_DESCRIBE_NO_NOISE))
    g_string_append_printf (s, "noise %g · ", d->label_noise);
  g_string_append_printf (s, "%s lr %g · ", oc_spec_optim_names[t->optim.kind], t->optim.lr);
  if (t->batch == 0)
    g_string_append (s, "full batch · ");
  else
    g_string_append_printf (s, "batch %u · ", t->batch);
  if (t->iterations > 0)
    g_string_append_printf (s, "%" G_GUINT64_FORMAT " iterations", t->iterations);
  else
    g_string_append_printf (s, "%u epoch%s", t->epochs, t->epochs == 1 ? "" : "s");
  if (!(leave_out & OC_SPEC_DESCRIBE_NO_SEED))
    g_string_append_printf (s, " · seed %" G_GUINT64_FORMAT, t->seed);
  return g_string_free (s, FALSE);
}

char *
oc_spec_train_describe (const OcSpec *spec)
{
  return oc_spec_train_describe_except (spec, 0);
}

const OcSpecKindInfo oc_spec_kind_train = {
  .name = "train",
  .fields = train_fields,
  .n_fields = G_N_ELEMENTS (train_fields),
  .values_size = sizeof (OcTrainSpec),
  .has_train = TRUE,
  .has_data = TRUE,
  .init = oc_spec_train_init,
  .finish = oc_spec_train_finish,
  .describe = oc_spec_train_describe,
  .runner = &oc_run_kind_train,
};
