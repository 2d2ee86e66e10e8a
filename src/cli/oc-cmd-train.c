/* oc-cmd-train.c — `occam-cli train`: one training run with live progress and a summary.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib-unix.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <stdio.h>
#include <unistd.h>

#include "occam/oc-error.h"
#include "oc-cli.h"
#include "oc-cli-options.h"
#include "oc-cli-run.h"

static const char *
error_kind (const OcDataset *data)
{
  /* For the generators the test set is exactly the pairs never seen in training. */
  if (g_strcmp0 (data->name, "addition") == 0 || g_strcmp0 (data->name, "modadd") == 0)
    return "held-out pairs";
  return "test";
}

static char *
eval_csv (const OcTrainResult *r)
{
  GString *s = g_string_new ("iteration,epoch,train_loss,train_error,val_loss,val_error,test_loss,"
                             "test_error\n");

  for (guint i = 0; i < r->evals->len; i++)
    {
      const OcEvalPoint *p = &g_array_index (r->evals, OcEvalPoint, i);

      /* %.9g round-trips a float; NaN prints as "nan", which pandas and our plot reader accept. */
      g_string_append_printf (s, "%" G_GUINT64_FORMAT ",%.6f,%.9g,%.9g,%.9g,%.9g,%.9g,%.9g\n",
                              p->iteration, p->epoch, p->train_loss, p->train_error, p->val_loss,
                              p->val_error, p->test_loss, p->test_error);
    }
  return g_string_free (s, FALSE);
}

static void
add_point (JsonBuilder *b, const char *name, const OcEvalPoint *p)
{
  const struct { const char *key; double v; } fields[] = {
    { "epoch", p->epoch }, { "train_loss", p->train_loss }, { "train_error", p->train_error },
    { "val_loss", p->val_loss }, { "val_error", p->val_error }, { "test_loss", p->test_loss },
    { "test_error", p->test_error }, { "seconds", p->seconds },
  };

  json_builder_set_member_name (b, name);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "iteration");
  json_builder_add_int_value (b, (gint64) p->iteration);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      json_builder_set_member_name (b, fields[i].key);
      /* JSON has no NaN: missing values are null. */
      if (isfinite (fields[i].v))
        json_builder_add_double_value (b, fields[i].v);
      else
        json_builder_add_null_value (b);
    }
  json_builder_end_object (b);
}

static char *
summary_json (const OcCliOptions *o, const OcDataset *data, const OcMlp *model,
              const OcTrainResult *r)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *arch = oc_cli_describe_architecture (&o->train, data);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "dataset");
  json_builder_add_string_value (b, data->name);
  json_builder_set_member_name (b, "n_train");
  json_builder_add_int_value (b, data->train.n);
  json_builder_set_member_name (b, "n_val");
  json_builder_add_int_value (b, data->val.n);
  json_builder_set_member_name (b, "n_test");
  json_builder_add_int_value (b, data->test.n);
  json_builder_set_member_name (b, "label_noise");
  json_builder_add_double_value (b, o->data.label_noise);
  json_builder_set_member_name (b, "architecture");
  json_builder_add_string_value (b, arch);
  json_builder_set_member_name (b, "parameters");
  json_builder_add_int_value (b, (gint64) oc_mlp_parameter_count (model));
  json_builder_set_member_name (b, "optimizer");
  json_builder_add_string_value (b, oc_optim_kind_to_string (o->train.optim.kind));
  json_builder_set_member_name (b, "lr");
  json_builder_add_double_value (b, o->train.optim.lr);
  json_builder_set_member_name (b, "batch");
  json_builder_add_int_value (b, o->train.batch);
  json_builder_set_member_name (b, "seed");
  json_builder_add_int_value (b, (gint64) o->train.seed);
  json_builder_set_member_name (b, "iterations");
  json_builder_add_int_value (b, (gint64) r->iterations);
  add_point (b, "final", &r->final);
  add_point (b, "early_stop", &r->early_stop);
  json_builder_set_member_name (b, "seconds_per_epoch");
  json_builder_add_double_value (b, r->seconds_per_epoch);
  json_builder_set_member_name (b, "train_seconds");
  json_builder_add_double_value (b, r->train_seconds);
  json_builder_set_member_name (b, "eval_seconds");
  json_builder_add_double_value (b, r->eval_seconds);
  json_builder_set_member_name (b, "gflops");
  json_builder_add_double_value (b, r->gflops);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  return json_generator_to_data (gen, NULL);
}

static void
print_summary (const OcCliOptions *o, const OcDataset *data, const OcMlp *model,
               const OcTrainResult *r)
{
  g_autofree char *arch = oc_cli_describe_architecture (&o->train, data);
  const OcEvalPoint *f = &r->final, *e = &r->early_stop;
  const char *kind = error_kind (data);

  printf ("%s · %s %s (%" G_GSIZE_FORMAT " parameters) · %s lr %g · batch %u · %" G_GUINT64_FORMAT
          " iterations (%.4g epochs)\n",
          data->name, arch, oc_activation_to_string (o->train.activation),
          oc_mlp_parameter_count (model), oc_optim_kind_to_string (o->train.optim.kind),
          o->train.optim.lr, o->train.batch, r->iterations, f->epoch);
  printf ("final:      train loss %.4f, accuracy %.2f%% · %s loss %.4f, accuracy %.2f%%\n",
          f->train_loss, 100 * (1 - f->train_error), kind, f->test_loss,
          100 * (1 - f->test_error));
  if (data->val.n > 0)
    printf ("early stop: iteration %" G_GUINT64_FORMAT " (lowest validation loss %.4f, accuracy "
            "%.2f%%) · %s accuracy there %.2f%%\n",
            e->iteration, e->val_loss, 100 * (1 - e->val_error), kind, 100 * (1 - e->test_error));
  else
    printf ("early stop: no validation split (use --val-size N)\n");
  printf ("speed:      %.3g s/epoch of training · %.1f GFLOP/s · %.1f s in evaluation · "
          "%u BLAS thread%s\n",
          r->seconds_per_epoch, r->gflops, r->eval_seconds, oc_blas_set_threads (o->train.threads),
          oc_blas_set_threads (o->train.threads) == 1 ? "" : "s");
}

int
oc_cmd_train (int argc, char **argv)
{
  g_autoptr (GOptionContext) ctx = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (OcDataset) data = NULL;
  g_autoptr (OcMlp) model = NULL;
  g_autoptr (OcTrainResult) result = NULL;
  g_autofree char *csv_path = NULL, *json_path = NULL;
  gboolean quiet = FALSE;
  OcCliOptions o;
  int status;
  const GOptionEntry entries[] = {
    { "csv", 0, 0, G_OPTION_ARG_FILENAME, &csv_path, "Write one row per evaluation to FILE",
      "FILE" },
    { "json", 0, 0, G_OPTION_ARG_FILENAME, &json_path, "Write a summary to FILE", "FILE" },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, "No progress line", NULL },
    { NULL }
  };

  oc_cli_options_init (&o);
  ctx = g_option_context_new ("- train one network");
  g_option_context_set_summary (ctx,
    "Trains a fully connected network and reports train/validation/test loss and error.\n"
    "Example: occam-cli train --dataset fashion-mnist --hidden 256 --optimizer adam --lr 1e-3 "
    "--batch 128 --epochs 5");
  g_option_context_add_main_entries (ctx, entries, NULL);
  g_option_context_add_group (ctx, oc_cli_options_data_group (&o));
  g_option_context_add_group (ctx, oc_cli_options_train_group (&o));
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    {
      oc_cli_error ("%s", error->message);
      oc_cli_options_clear (&o);
      return OC_EXIT_BAD_INPUT;
    }
  if (argc > 1)
    {
      oc_cli_error ("unexpected argument '%s'; see 'occam-cli train --help'", argv[1]);
      oc_cli_options_clear (&o);
      return OC_EXIT_BAD_INPUT;
    }
  if (!oc_cli_options_finish (&o, &error))
    {
      oc_cli_error ("%s", error->message);
      oc_cli_options_clear (&o);
      return OC_EXIT_BAD_INPUT;
    }

  if ((csv_path != NULL && !oc_cli_check_output_path (csv_path, &error))
      || (json_path != NULL && !oc_cli_check_output_path (json_path, &error)))
    {
      oc_cli_error ("%s", error->message);
      oc_cli_options_clear (&o);
      return OC_EXIT_BAD_INPUT;
    }

  status = oc_cli_run_training (&o.data, &o.train, quiet, &data, &model, &result, &error);
  if (status != OC_EXIT_OK)
    {
      oc_cli_error ("%s", error->message);
      oc_cli_options_clear (&o);
      return status;
    }

  print_summary (&o, data, model, result);
  if (csv_path != NULL)
    {
      g_autofree char *csv = eval_csv (result);

      if (!g_file_set_contents (csv_path, csv, -1, &error))
        {
          oc_cli_error ("%s", error->message);
          oc_cli_options_clear (&o);
          return OC_EXIT_BAD_INPUT;
        }
    }
  if (json_path != NULL)
    {
      g_autofree char *json = summary_json (&o, data, model, result);

      if (!g_file_set_contents (json_path, json, -1, &error))
        {
          oc_cli_error ("%s", error->message);
          oc_cli_options_clear (&o);
          return OC_EXIT_BAD_INPUT;
        }
    }
  oc_cli_options_clear (&o);
  return OC_EXIT_OK;
}
