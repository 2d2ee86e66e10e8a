/* oc-cmd-bench.c — `occam-cli bench`: seconds per epoch and GFLOP/s for given widths.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>

#include "occam/oc-bench.h"
#include "occam/oc-error.h"
#include "occam/oc-train.h"
#include "oc-cli.h"
#include "oc-cli-command.h"
#include "oc-cli-run.h"

static int
compare_double (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* bench uses no store, but its --csv may not overwrite the default one either. */
static gboolean
check_not_store (const char *path, GError **error)
{
  g_autoptr (OcPathGuard) guard = oc_path_guard_new ();
  g_autofree char *arg = NULL;
  g_autofree char *store = oc_cli_store_path (NULL, &arg);

  oc_path_guard_add_store (guard, store, NULL, arg);
  return oc_path_guard_check (guard, path, "--csv", error);
}

int
oc_cmd_bench (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (OcDataset) data = NULL;
  g_autoptr (GString) csv = g_string_new ("width,depth,params,batch,n_train,threads,"
                                          "seconds_per_epoch,gflops,sgemm_gflops\n");
  g_autofree char *widths_s = NULL, *optimizer = NULL, *csv_path = NULL;
  g_auto (GStrv) widths = NULL;
  gint64 batch = 128, n_train = 60000, epochs = 3, threads = 0, depth = 1;
  guint n_threads;
  double peak;
  OcOptimKind kind = OC_OPTIM_ADAM;
  const GOptionEntry entries[] = {
    { "widths", 0, 0, G_OPTION_ARG_STRING, &widths_s, "Hidden widths to time (64,256,1024)",
      "W,W…" },
    { "depth", 0, 0, G_OPTION_ARG_INT64, &depth, "Hidden layers of that width (1)", "N" },
    { "batch", 0, 0, G_OPTION_ARG_INT64, &batch, "Minibatch size (128)", "B" },
    { "n-train", 0, 0, G_OPTION_ARG_INT64, &n_train, "Examples per epoch (60000)", "N" },
    { "epochs", 0, 0, G_OPTION_ARG_INT64, &epochs, "Epochs timed per width; the median is "
      "reported (3)", "N" },
    { "optimizer", 0, 0, G_OPTION_ARG_STRING, &optimizer, "sgd, momentum, adam (default), adamw",
      "NAME" },
    { "threads", 0, 0, G_OPTION_ARG_INT64, &threads, "BLAS threads (default: all cores)", "N" },
    { "csv", 0, 0, G_OPTION_ARG_FILENAME, &csv_path, "Also write the table to FILE", "FILE" },
    { NULL }
  };

  if (!oc_cli_parse_options (&argc, &argv, "- time training on 784-dimensional synthetic data",
                             "Times full epochs of a 784-W-…-10 ReLU network (the shape of "
                             "MNIST-like data) on random\ninputs, and the machine's sgemm "
                             "throughput for reference. Evaluation time is excluded.", entries))
    return OC_EXIT_BAD_INPUT;
  if (batch < 1 || batch > 65536 || n_train < 1 || n_train > 10000000 || epochs < 1
      || epochs > 1000 || threads < 0 || threads > 1024 || depth < 1 || depth > 16)
    {
      oc_cli_error ("--batch, --n-train, --epochs, --depth and --threads must be positive and "
                    "reasonable; see 'occam-cli bench --help'");
      return OC_EXIT_BAD_INPUT;
    }
  if (optimizer != NULL && !oc_optim_kind_from_string (optimizer, &kind))
    {
      oc_cli_error ("--optimizer: '%s' is not sgd, momentum, adam or adamw", optimizer);
      return OC_EXIT_BAD_INPUT;
    }
  if (csv_path != NULL && !(check_not_store (csv_path, &error)
                            && oc_cli_check_output_path (csv_path, &error)))
    {
      oc_cli_error ("%s", error->message);
      return OC_EXIT_BAD_INPUT;
    }
  widths = g_strsplit (widths_s != NULL ? widths_s : "64,256,1024", ",", -1);

  n_threads = oc_blas_set_threads ((guint) threads);
  peak = oc_bench_sgemm_gflops (2048, 5);
  printf ("sgemm 2048³ with %u BLAS thread%s: %.1f GFLOP/s (median of 5)\n", n_threads,
          n_threads == 1 ? "" : "s", peak);
  data = oc_bench_dataset_new ((guint) n_train, 1000, 784, 10, 0, &error);
  if (data == NULL)
    {
      oc_cli_error ("%s", error->message);
      return OC_EXIT_FAILED;
    }
  printf ("%8s %10s %12s %9s %8s\n", "width", "params", "s/epoch", "GFLOP/s", "of peak");

  for (guint w = 0; widths[w] != NULL; w++)
    {
      guint64 width;
      g_autofree guint *hidden = NULL;
      g_autofree double *times = g_new (double, epochs);
      g_autoptr (OcMlp) model = NULL;
      OcTrainConfig cfg;
      double gflops = 0, median;

      if (!g_ascii_string_to_unsigned (g_strstrip (widths[w]), 10, 1, 1 << 16, &width, NULL))
        {
          oc_cli_error ("--widths: '%s' is not a width between 1 and 65536", widths[w]);
          return OC_EXIT_BAD_INPUT;
        }
      hidden = g_new (guint, depth);
      for (gint64 d = 0; d < depth; d++)
        hidden[d] = (guint) width;
      oc_train_config_init (&cfg);
      cfg.hidden = hidden;
      cfg.n_hidden = (guint) depth;
      cfg.batch = (guint) batch;
      cfg.epochs = 1;
      cfg.threads = (guint) threads;
      cfg.optim.kind = kind;
      cfg.optim.lr = kind == OC_OPTIM_ADAM || kind == OC_OPTIM_ADAMW ? 1e-3 : 0.01;
      model = oc_train_build_model (&cfg, data, &error);
      if (model == NULL)
        {
          oc_cli_error ("%s", error->message);
          return oc_cli_exit_code_for (error);
        }
      /* One epoch per run on the same model: each is timed on its own, the median reported. */
      for (gint64 e = 0; e < epochs; e++)
        {
          g_autoptr (OcTrainResult) r = oc_train_run (&cfg, data, model, NULL, NULL, NULL, NULL,
                                                      &error);

          if (r == NULL)
            {
              oc_cli_error ("%s", error->message);
              return oc_cli_exit_code_for (error);
            }
          times[e] = r->seconds_per_epoch;
          gflops = MAX (gflops, r->gflops);
        }
      qsort (times, epochs, sizeof (double), compare_double);
      median = times[epochs / 2];
      /* Throughput from the median epoch, not the best one. */
      gflops = gflops * times[0] / median;
      printf ("%8" G_GUINT64_FORMAT " %10" G_GSIZE_FORMAT " %12.4f %9.1f %7.0f%%\n", width,
              oc_mlp_parameter_count (model), median, gflops, 100 * gflops / peak);
      g_string_append_printf (csv, "%" G_GUINT64_FORMAT ",%" G_GINT64_FORMAT ",%" G_GSIZE_FORMAT
                              ",%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT ",%u,%.6f,%.3f,%.3f\n",
                              width, depth, oc_mlp_parameter_count (model), batch, n_train,
                              n_threads, median, gflops, peak);
      fflush (stdout);
    }
  if (csv_path != NULL && !g_file_set_contents (csv_path, csv->str, -1, &error))
    {
      oc_cli_error ("%s", error->message);
      return OC_EXIT_FAILED;
    }
  return OC_EXIT_OK;
}
