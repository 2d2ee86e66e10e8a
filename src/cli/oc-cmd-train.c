/* oc-cmd-train.c — `occam-cli train`: one training run with live progress, a summary, and its
 * result recorded in (or reused from) the experiment store.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A fresh run and a reused one print and write from the stored point, so the summary, --csv and
 * --json of a reused result are byte for byte those of the run that produced it.
 */
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <stdio.h>

#include "occam/oc-error.h"
#include "occam/oc-json.h"
#include "occam/oc-store.h"
#include "occam/oc-sweep-record.h"
#include "occam-figures/oc-data-figures.h"
#include "oc-cli.h"
#include "oc-cli-json.h"
#include "oc-cli-command.h"
#include "oc-cli-options.h"
#include "oc-cli-output.h"
#include "oc-cli-run.h"
#include <inttypes.h>

static const char *
error_kind (const char *dataset)
{
  /* For the generators the test set is exactly the pairs never seen in training. */
  if (g_strcmp0 (dataset, "addition") == 0 || g_strcmp0 (dataset, "modadd") == 0)
    return "held-out pairs";
  return "test";
}

static char *
summary_json (const OcSpec *spec, const OcStorePoint *p, const OcSolutionNorms *norms)
{
  const OcDataOptions *d = oc_spec_get_data_options (spec);
  const OcTrainConfig *t = oc_spec_get_train_config (spec);
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;

  json_builder_begin_object (b);
  oc_cli_json_add_text (b, "experiment", p->experiment_id);
  oc_cli_json_add_text (b, "dataset", d->name);
  oc_json_add_double (b, "label_noise", d->label_noise);
  oc_cli_json_add_text (b, "optimizer", oc_optim_kind_to_string (t->optim.kind));
  oc_json_add_double (b, "lr", t->optim.lr);
  oc_cli_json_add_int (b, "batch", t->batch);
  oc_cli_json_add_int (b, "seed", (gint64) t->seed);
  oc_cli_json_add_point_result (b, p);
  /* How complex the solution is (null when the stored run did not record it). */
  oc_json_add_double (b, "theta_norm", norms->theta_norm);
  oc_json_add_double (b, "distance_from_init", norms->distance);
  oc_json_add_double (b, "path_norm", norms->path_norm);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  return oc_json_to_string (root, TRUE);
}

/* "classes:    3 · class_0 47/12 · class_1 57/14 · …": the classes found in the data and how many
 * examples of each every split holds, so that a label column read wrongly shows at a glance. */
static void
print_classes (const OcDataset *ds)
{
  /* Enough for MNIST-like data on one line; beyond it the Dataset page has the table. */
  const guint max_listed = 12;
  g_autofree guint *train = oc_split_class_counts (ds, &ds->train);
  g_autofree guint *val = oc_split_class_counts (ds, &ds->val);
  g_autofree guint *test = oc_split_class_counts (ds, &ds->test);
  g_autoptr (GString) list = g_string_new (NULL);
  guint n_found = 0;

  for (guint c = 0; c < ds->n_classes; c++)
    {
      if (train[c] + val[c] + test[c] == 0 || n_found++ >= max_listed)
        continue;
      g_string_append_printf (list, " · %s %u", ds->class_names[c], train[c]);
      if (ds->val.n > 0)
        g_string_append_printf (list, "/%u", val[c]);
      g_string_append_printf (list, "/%u", test[c]);
    }
  if (n_found > max_listed)
    g_string_append_printf (list, _(" · %u more"), n_found - max_listed);
  printf (_("classes:    %u"), ds->n_classes);
  if (ds->n_groups > 1)
    printf (_(" per label, %u labels per example"), ds->n_groups);
  if (n_found < ds->n_classes)
    printf (_(", %u of them found"), n_found);
  printf (_("%s (%s examples%s)\n"), list->str,
          ds->val.n > 0 ? "train/validation/test" : "train/test",
          ds->n_groups > 1 ? " by first label" : "");
}

static void
print_summary (const OcSpec *spec, const OcDataset *ds, const OcStorePoint *p,
               const OcSolutionNorms *norms)
{
  const OcDataOptions *d = oc_spec_get_data_options (spec);
  const OcTrainConfig *t = oc_spec_get_train_config (spec);
  const OcEvalPoint *f = &p->final, *e = &p->early_stop;
  const char *kind = error_kind (d->name);
  g_autofree char *batch = t->batch == 0 ? g_strdup_printf ("full batch (%u)", p->n_train)
                                          : g_strdup_printf ("batch %u", t->batch);

  printf (_("%s · %s %s (%" PRIu64 " parameters) · %s lr %g · %s · %"
 PRIu64 " iterations (%.4g epochs)\n"),
          d->name, p->architecture, oc_activation_to_string (t->activation), p->parameters,
          oc_optim_kind_to_string (t->optim.kind), t->optim.lr, batch, p->iterations,
          f->epoch);
  print_classes (ds);
  printf (_("final:      train loss %.4f, accuracy %.2f%% · %s loss %.4f, accuracy %.2f%%\n"),
          f->train_loss, 100 * (1 - f->train_error), kind, f->test_loss,
          100 * (1 - f->test_error));
  if (p->n_val > 0)
    printf (_("early stop: iteration %" PRIu64 " (lowest validation loss %.4f, accuracy "
            "%.2f%%) · %s accuracy there %.2f%%\n"),
            e->iteration, e->val_loss, 100 * (1 - e->val_error), kind, 100 * (1 - e->test_error));
  else
    printf (_("early stop: no validation split (use --val-size N)\n"));
  printf (_("speed:      %.3g s/epoch of training · %.1f GFLOP/s · %.1f s in evaluation · "
          "%u thread%s\n"),
          p->seconds_per_epoch, p->gflops, p->eval_seconds, p->threads,
          p->threads == 1 ? "" : "s");
  /* Results stored before the norms were recorded have none to show. */
  if (isfinite (norms->theta_norm))
    {
      printf (_("solution:   ‖θ_T‖₂ %.4g · distance from the initialisation ‖θ_T − θ₀‖₂ %.4g"),
              norms->theta_norm, norms->distance);
      if (isfinite (norms->path_norm))
        printf (_(" · path norm %.4g"), norms->path_norm);
      printf ("\n");
    }
}

static gboolean
write_outputs (const OcSpec *spec, const OcStorePoint *p, const OcSolutionNorms *norms,
               const OcCliRunOptions *ro, GError **error)
{
  if (ro->csv_path != NULL)
    {
      g_autofree char *csv = oc_evals_to_csv (p->evals);

      if (!oc_cli_write_output (ro->csv_path, csv, -1, error))
        return FALSE;
    }
  if (ro->json_path != NULL)
    {
      g_autofree char *json = summary_json (spec, p, norms);

      if (!oc_cli_write_output (ro->json_path, json, -1, error))
        return FALSE;
    }
  return TRUE;
}

/* A failed training (divergence) is the command's failure: remember why for the message. */
static void
on_point (const OcRunEvent *e, gpointer user_data)
{
  char **why = user_data;

  if (e->point->status != OC_STATUS_FINISHED && *why == NULL)
    *why = g_strdup (e->point->error != NULL ? e->point->error : "the training failed");
}

int
oc_cli_run_train_spec (const OcSpec *spec, const OcCliRunOptions *ro)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (OcStore) store = NULL;
  g_autoptr (OcStorePoint) point = NULL;
  g_autoptr (OcDataset) data = NULL;
  g_autofree char *why = NULL;
  OcCliShow show = { on_point, &why };
  OcCliRunOptions with_data = *ro;
  OcSolutionNorms norms;
  OcRunSummary summary;
  int status;

  g_return_val_if_fail (g_strcmp0 (oc_spec_get_kind (spec), "train") == 0, OC_EXIT_BAD_INPUT);

  /* Outputs that would overwrite an input are refused before the data is read; with --csv - or
   * --json -, the class counts and warnings go to stderr with the rest. */
  if (!oc_cli_check_run_outputs (spec, ro, &error)
      || !oc_cli_take_stdout (&error, "--csv", ro->csv_path, "--json", ro->json_path, NULL))
    {
      oc_cli_error ("%s", error->message);
      return OC_EXIT_BAD_INPUT;
    }
  /* The data is loaded here, even for a result the store holds, so that its warnings and class
   * counts are shown with every summary; the run borrows it. */
  data = oc_dataset_load (oc_spec_get_data_options (spec), NULL, &error);
  if (data == NULL)
    {
      oc_cli_error ("%s", error->message);
      return oc_cli_exit_code_for (error);
    }
  for (char **w = data->warnings; w != NULL && *w != NULL; w++)
    oc_cli_error (_("warning: %s"), *w);
  with_data.dataset = data;
  status = oc_cli_run_experiment (spec, &with_data, &show, &store, &summary);
  if (status != OC_EXIT_OK)
    return status;
  if (why != NULL)
    {
      oc_cli_error ("%s", why);
      return OC_EXIT_FAILED;
    }
  point = oc_store_get_point (store, summary.id, OC_TRAIN_POINT_KEY, TRUE, &error);
  if (point == NULL)
    {
      oc_cli_error ("%s", error->message);
      return OC_EXIT_FAILED;
    }
  oc_solution_norms_from_store (&norms, store, summary.id, OC_TRAIN_POINT_KEY);
  print_summary (spec, data, point, &norms);
  if (!write_outputs (spec, point, &norms, ro, &error))
    {
      oc_cli_error ("%s", error->message);
      return OC_EXIT_BAD_INPUT;
    }
  oc_cli_print_stored (&summary, store);
  return OC_EXIT_OK;
}

int
oc_cmd_train (int argc, char **argv)
{
  g_autofree char *json_path = NULL;
  const GOptionEntry extra[] = {
    { "json", 0, 0, G_OPTION_ARG_FILENAME, &json_path,
      N_("Write a summary to FILE (-: standard output)"), "FILE" },
    { NULL }
  };
  const OcCliSpecCommand cmd = {
    "train", N_("- train one network"),
    N_("Trains a fully connected network and reports train/validation/test loss and error. The "
    "result is\nrecorded in the experiment store; running the same settings again reuses it.\n"
    "Example: occam-cli train --dataset fashion-mnist --hidden 256 --optimizer adam --lr 1e-3 "
    "--batch 128 --epochs 5"),
    NULL, N_("Write one row per evaluation to FILE (-: standard output)"), FALSE, extra,
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
