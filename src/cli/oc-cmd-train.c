/* oc-cmd-train.c — `occam-cli train`: one training run with live progress, a summary, and its
 * result recorded in (or reused from) the experiment store.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A fresh run and a reused one print and write from the same OcStorePoint, so the summary, --csv
 * and --json of a reused result are byte for byte those of the run that produced it.
 */
#include <json-glib/json-glib.h>
#include <math.h>
#include <stdio.h>

#include "occam/oc-error.h"
#include "occam/oc-json.h"
#include "occam/oc-store.h"
#include "oc-cli.h"
#include "oc-cli-command.h"
#include "oc-cli-options.h"
#include "oc-cli-run.h"

/* The one point of a train experiment has no coordinates. */
#define TRAIN_POINT_KEY "{}"

static const char *
error_kind (const char *dataset)
{
  /* For the generators the test set is exactly the pairs never seen in training. */
  if (g_strcmp0 (dataset, "addition") == 0 || g_strcmp0 (dataset, "modadd") == 0)
    return "held-out pairs";
  return "test";
}

static char *
eval_csv (const GArray *evals)
{
  GString *s = g_string_new ("iteration,epoch,train_loss,train_error,val_loss,val_error,test_loss,"
                             "test_error\n");

  for (guint i = 0; evals != NULL && i < evals->len; i++)
    {
      const OcEvalPoint *p = &g_array_index (evals, OcEvalPoint, i);

      /* %.9g round-trips a float; NaN prints as "nan", which pandas and our plot reader accept. */
      g_string_append_printf (s, "%" G_GUINT64_FORMAT ",%.6f,%.9g,%.9g,%.9g,%.9g,%.9g,%.9g\n",
                              p->iteration, p->epoch, p->train_loss, p->train_error, p->val_loss,
                              p->val_error, p->test_loss, p->test_error);
    }
  return g_string_free (s, FALSE);
}

static void
add_double (JsonBuilder *b, const char *name, double v)
{
  json_builder_set_member_name (b, name);
  /* JSON has no NaN: missing values are null. */
  if (isfinite (v))
    json_builder_add_double_value (b, v);
  else
    json_builder_add_null_value (b);
}

static void
add_point (JsonBuilder *b, const char *name, const OcEvalPoint *p)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "iteration");
  json_builder_add_int_value (b, (gint64) p->iteration);
  add_double (b, "epoch", p->epoch);
  add_double (b, "train_loss", p->train_loss);
  add_double (b, "train_error", p->train_error);
  add_double (b, "val_loss", p->val_loss);
  add_double (b, "val_error", p->val_error);
  add_double (b, "test_loss", p->test_loss);
  add_double (b, "test_error", p->test_error);
  add_double (b, "seconds", p->seconds);
  json_builder_end_object (b);
}

static char *
summary_json (const OcSpec *spec, const OcStorePoint *p)
{
  const OcDataOptions *d = oc_spec_get_data_options (spec);
  const OcTrainConfig *t = oc_spec_get_train_config (spec);
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "experiment");
  json_builder_add_string_value (b, p->experiment_id);
  json_builder_set_member_name (b, "dataset");
  json_builder_add_string_value (b, d->name);
  json_builder_set_member_name (b, "n_train");
  json_builder_add_int_value (b, p->n_train);
  json_builder_set_member_name (b, "n_val");
  json_builder_add_int_value (b, p->n_val);
  json_builder_set_member_name (b, "n_test");
  json_builder_add_int_value (b, p->n_test);
  add_double (b, "label_noise", d->label_noise);
  json_builder_set_member_name (b, "architecture");
  json_builder_add_string_value (b, p->architecture);
  json_builder_set_member_name (b, "parameters");
  json_builder_add_int_value (b, (gint64) p->parameters);
  json_builder_set_member_name (b, "optimizer");
  json_builder_add_string_value (b, oc_optim_kind_to_string (t->optim.kind));
  add_double (b, "lr", t->optim.lr);
  json_builder_set_member_name (b, "batch");
  json_builder_add_int_value (b, t->batch);
  json_builder_set_member_name (b, "seed");
  json_builder_add_int_value (b, (gint64) t->seed);
  json_builder_set_member_name (b, "iterations");
  json_builder_add_int_value (b, (gint64) p->iterations);
  add_point (b, "final", &p->final);
  add_point (b, "early_stop", &p->early_stop);
  add_double (b, "seconds_per_epoch", p->seconds_per_epoch);
  add_double (b, "train_seconds", p->train_seconds);
  add_double (b, "eval_seconds", p->eval_seconds);
  add_double (b, "gflops", p->gflops);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  return oc_json_to_string (root, TRUE);
}

static void
print_summary (const OcSpec *spec, const OcStorePoint *p)
{
  const OcDataOptions *d = oc_spec_get_data_options (spec);
  const OcTrainConfig *t = oc_spec_get_train_config (spec);
  const OcEvalPoint *f = &p->final, *e = &p->early_stop;
  const char *kind = error_kind (d->name);

  printf ("%s · %s %s (%" G_GUINT64_FORMAT " parameters) · %s lr %g · batch %u · %"
          G_GUINT64_FORMAT " iterations (%.4g epochs)\n",
          d->name, p->architecture, oc_activation_to_string (t->activation), p->parameters,
          oc_optim_kind_to_string (t->optim.kind), t->optim.lr, t->batch, p->iterations,
          f->epoch);
  printf ("final:      train loss %.4f, accuracy %.2f%% · %s loss %.4f, accuracy %.2f%%\n",
          f->train_loss, 100 * (1 - f->train_error), kind, f->test_loss,
          100 * (1 - f->test_error));
  if (p->n_val > 0)
    printf ("early stop: iteration %" G_GUINT64_FORMAT " (lowest validation loss %.4f, accuracy "
            "%.2f%%) · %s accuracy there %.2f%%\n",
            e->iteration, e->val_loss, 100 * (1 - e->val_error), kind, 100 * (1 - e->test_error));
  else
    printf ("early stop: no validation split (use --val-size N)\n");
  printf ("speed:      %.3g s/epoch of training · %.1f GFLOP/s · %.1f s in evaluation · "
          "%u thread%s\n",
          p->seconds_per_epoch, p->gflops, p->eval_seconds, p->threads,
          p->threads == 1 ? "" : "s");
}

/* Everything about a finished run that the summary and the store need. */
static OcStorePoint *
point_from_run (const char *id, const OcTrainConfig *cfg, const OcDataset *data,
                const OcMlp *model, const OcTrainResult *result, const char *started,
                double seconds)
{
  OcStorePoint *p = oc_store_point_new (id, TRAIN_POINT_KEY);

  p->status = OC_STATUS_FINISHED;
  p->started = g_strdup (started);
  p->finished = oc_store_now ();
  p->seconds = seconds;
  p->threads = result->threads;
  p->architecture = oc_cli_describe_architecture (cfg, data);
  p->parameters = oc_mlp_parameter_count (model);
  p->n_train = data->train.n;
  p->n_val = data->val.n;
  p->n_test = data->test.n;
  oc_store_point_set_result (p, result);
  return p;
}

/* Which training labels were flipped: the examples a network can only memorise. */
static GPtrArray *
run_artifacts (const OcDataset *data, GError **error)
{
  g_autoptr (GPtrArray) artifacts = g_ptr_array_new_with_free_func (
    (GDestroyNotify) oc_store_artifact_free);

  if (data->train.n_flipped > 0)
    {
      gsize shape[1] = { data->train.n_flipped };
      g_autoptr (OcNpyArray) flipped = oc_npy_array_new (OC_NPY_INT32, 1, shape, error);
      OcStoreArtifact *a;

      if (flipped == NULL)
        return NULL;
      for (guint i = 0; i < data->train.n_flipped; i++)
        ((gint32 *) flipped->data)[i] = (gint32) data->train.flipped[i];
      a = oc_store_artifact_new ("flipped", flipped, error);
      if (a == NULL)
        return NULL;
      g_ptr_array_add (artifacts, a);
    }
  return g_steal_pointer (&artifacts);
}

static gboolean
write_outputs (const OcSpec *spec, const OcStorePoint *p, const OcCliRunOptions *ro,
               GError **error)
{
  if (ro->csv_path != NULL)
    {
      g_autofree char *csv = eval_csv (p->evals);

      if (!g_file_set_contents (ro->csv_path, csv, -1, error))
        return FALSE;
    }
  if (ro->json_path != NULL)
    {
      g_autofree char *json = summary_json (spec, p);

      if (!g_file_set_contents (ro->json_path, json, -1, error))
        return FALSE;
    }
  return TRUE;
}

/* Records how a run that produced no point ended. A new experiment that failed on bad input (a
 * missing file, an unknown dataset) never ran: it is removed rather than left as noise. A --rerun
 * that fails keeps the finished result it was meant to replace. */
static void
record_failure (OcStore *store, const char *id, gboolean created, const GError *run_error,
                const char *started, double seconds)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (OcStorePoint) old = oc_store_get_point (store, id, TRAIN_POINT_KEY, FALSE, NULL);
  gboolean ok = TRUE;

  if (old != NULL && old->status == OC_STATUS_FINISHED)
    ok = oc_store_set_experiment_status (store, id, OC_STATUS_FINISHED, &error);
  else if (g_error_matches (run_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    ok = oc_store_set_experiment_status (store, id, OC_STATUS_CANCELLED, &error);
  else if (g_error_matches (run_error, OC_ERROR, OC_ERROR_DIVERGED))
    {
      g_autoptr (OcStorePoint) p = oc_store_point_new (id, TRAIN_POINT_KEY);

      p->status = OC_STATUS_FAILED;
      p->error = g_strdup (run_error->message);
      p->started = g_strdup (started);
      p->seconds = seconds;
      ok = oc_store_put_point (store, p, NULL, &error)
           && oc_store_set_experiment_status (store, id, OC_STATUS_FAILED, &error);
    }
  else if (created)
    ok = oc_store_remove_experiment (store, id, NULL, &error);
  else
    ok = oc_store_set_experiment_status (store, id, OC_STATUS_FAILED, &error);
  if (!ok)
    oc_cli_error ("could not record the failed run: %s", error->message);
}

int
oc_cli_run_train_spec (const OcSpec *spec, const OcCliRunOptions *ro)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (OcStore) store = NULL;
  g_autoptr (OcStorePoint) point = NULL;
  g_autoptr (OcDataset) data = NULL;
  g_autoptr (OcMlp) model = NULL;
  g_autoptr (OcTrainResult) result = NULL;
  g_autoptr (GPtrArray) artifacts = NULL;
  g_autofree char *id = NULL, *started = NULL;
  const OcTrainConfig *cfg;
  gboolean created = FALSE;
  gint64 t0;
  int status;

  g_return_val_if_fail (g_strcmp0 (oc_spec_get_kind (spec), "train") == 0, OC_EXIT_BAD_INPUT);

  if ((ro->csv_path != NULL && !oc_cli_check_output_path (ro->csv_path, &error))
      || (ro->json_path != NULL && !oc_cli_check_output_path (ro->json_path, &error)))
    {
      oc_cli_error ("%s", error->message);
      return OC_EXIT_BAD_INPUT;
    }
  store = oc_cli_open_store (ro->store_path, TRUE, &error);
  if (store == NULL)
    {
      oc_cli_error ("%s", error->message);
      return oc_cli_exit_code_for (error);
    }
  id = oc_spec_id (spec);
  cfg = oc_spec_get_train_config (spec);

  /* Resume: a finished point is the result; nothing to train. */
  if (!ro->rerun)
    {
      point = oc_store_get_point (store, id, TRAIN_POINT_KEY, TRUE, &error);
      if (point == NULL && !g_error_matches (error, OC_ERROR, OC_ERROR_NOT_FOUND))
        {
          oc_cli_error ("%s", error->message);
          return oc_cli_exit_code_for (error);
        }
      g_clear_error (&error);
      if (point != NULL && point->status == OC_STATUS_FINISHED)
        {
          printf ("experiment: %s · reused the result from %s in %s (--rerun trains again)\n",
                  id, point->finished, oc_store_get_path (store));
          print_summary (spec, point);
          if (!write_outputs (spec, point, ro, &error))
            {
              oc_cli_error ("%s", error->message);
              return OC_EXIT_BAD_INPUT;
            }
          return OC_EXIT_OK;
        }
      g_clear_pointer (&point, oc_store_point_free);
    }

  if (!oc_store_begin_experiment (store, spec, 1, &created, &error))
    {
      oc_cli_error ("%s", error->message);
      return oc_cli_exit_code_for (error);
    }
  started = oc_store_now ();
  t0 = g_get_monotonic_time ();
  status = oc_cli_run_training (oc_spec_get_data_options (spec), cfg, ro->quiet, &data, &model,
                                &result, &error);
  if (status != OC_EXIT_OK)
    {
      oc_cli_error ("%s", error->message);
      record_failure (store, id, created, error, started,
                      (g_get_monotonic_time () - t0) / 1e6);
      return status;
    }

  point = point_from_run (id, cfg, data, model, result, started,
                          (g_get_monotonic_time () - t0) / 1e6);
  print_summary (spec, point);
  if (!write_outputs (spec, point, ro, &error))
    {
      oc_cli_error ("%s", error->message);
      status = OC_EXIT_BAD_INPUT;
      g_clear_error (&error);
    }
  artifacts = run_artifacts (data, &error);
  if (artifacts == NULL || !oc_store_put_point (store, point, artifacts, &error))
    {
      oc_cli_error ("the run finished but could not be recorded: %s", error->message);
      return OC_EXIT_FAILED;
    }
  printf ("experiment: %s · stored in %s\n", id, oc_store_get_path (store));
  return status;
}

int
oc_cmd_train (int argc, char **argv)
{
  g_autofree char *json_path = NULL;
  const GOptionEntry extra[] = {
    { "json", 0, 0, G_OPTION_ARG_FILENAME, &json_path, "Write a summary to FILE", "FILE" },
    { NULL }
  };
  const OcCliSpecCommand cmd = {
    "train", "- train one network",
    "Trains a fully connected network and reports train/validation/test loss and error. The "
    "result is\nrecorded in the experiment store; running the same settings again reuses it.\n"
    "Example: occam-cli train --dataset fashion-mnist --hidden 256 --optimizer adam --lr 1e-3 "
    "--batch 128 --epochs 5",
    NULL, "Write one row per evaluation to FILE", FALSE, extra,
  };
  OcCliSpecArgs a;
  int status = oc_cli_spec_parse (argc, argv, &cmd, &a);

  if (status < 0)
    {
      a.ro.json_path = json_path;
      status = oc_cli_run_train_spec (a.o.spec, &a.ro);
    }
  oc_cli_spec_args_clear (&a);
  return status;
}
