/* oc-cmd-bench.c — `occam-cli bench`: seconds per epoch and GFLOP/s for given widths, (with
 * --landscape N) how fast an N×N loss-landscape slice is evaluated, or (with --density LIST) how
 * much faster a pruned LeNet-300-100 trains than the dense one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "occam/oc-bench.h"
#include "occam/oc-error.h"
#include "occam/oc-landscape.h"
#include "occam/oc-prune.h"
#include "occam/oc-train.h"
#include "oc-cli.h"
#include "oc-cli-command.h"
#include "oc-cli-output.h"
#include "oc-cli-run.h"
#include <inttypes.h>

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

/* Seconds of @rows rows of an @n × @n slice of @model with the evaluator @ev. */
static double
time_rows (OcLandscapeEval *ev, const double *axis, guint n, guint rows, OcLandscapeValue *out)
{
  gint64 t0 = g_get_monotonic_time ();

  oc_landscape_eval_plane (ev, axis, n, axis, rows, out, NULL, NULL, NULL, NULL);
  return (g_get_monotonic_time () - t0) / 1e6;
}

/* Points per second of an @n × @n slice around 784-W-10 networks, decomposed (the first layer's
 * products once per direction) and direct (a forward pass per point), against the sgemm peak.
 * The direct mode is timed on a few rows only: every point costs the same. */
static int
bench_landscape (char **widths, gint64 depth, guint n, guint examples, gint64 repeats,
                 guint threads, double peak, GString *csv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (OcDataset) data = oc_bench_dataset_new (examples, examples, 784, 10, 0, &error);
  g_autofree double *axis = oc_landscape_axis (-1, 1, n);
  g_autofree OcLandscapeValue *out = g_new (OcLandscapeValue, (gsize) n * n);
  guint direct_rows = MIN (n, 3);

  if (data == NULL)
    {
      oc_cli_error ("%s", error->message);
      return OC_EXIT_FAILED;
    }
  printf (_("landscape %u×%u on %u + %u examples, %u thread%s; direct mode timed on %u rows\n"), n,
          n, examples, examples, threads, threads == 1 ? "" : "s", direct_rows);
  printf ("%8s %9s %10s %11s %9s %8s %11s %11s %9s %8s\n", "width", "params", "slice s",
          "points/s", "GFLOP/s", "of peak", "fwd-equiv", "direct pt/s", "GFLOP/s", "speed-up");
  g_string_append (csv, "width,depth,params,grid,examples,threads,seconds,points_per_second,"
                        "gflops,forward_equivalent_gflops,direct_points_per_second,"
                        "direct_gflops,sgemm_gflops\n");
  for (guint w = 0; widths[w] != NULL; w++)
    {
      guint64 width;
      g_autofree guint *sizes = NULL;
      g_autoptr (OcMlp) model = NULL;
      g_autofree float *dirs = NULL;
      g_autofree double *times = g_new (double, repeats), *dtimes = g_new (double, repeats);
      double fast = 0, slow = 0, flops = 0, fwd = 0, median, dmedian;
      const float *basis[3];
      OcRng rng;

      if (!g_ascii_string_to_unsigned (g_strstrip (widths[w]), 10, 1, 1 << 16, &width, NULL))
        {
          oc_cli_error (_("--widths: '%s' is not a width between 1 and 65536"), widths[w]);
          return OC_EXIT_BAD_INPUT;
        }
      sizes = g_new (guint, depth + 2);
      sizes[0] = 784;
      for (gint64 d = 0; d < depth; d++)
        sizes[d + 1] = (guint) width;
      sizes[depth + 1] = 10;
      model = oc_mlp_new (sizes, (guint) depth + 2, OC_ACT_RELU, &error);
      if (model == NULL)
        {
          oc_cli_error ("%s", error->message);
          return OC_EXIT_BAD_INPUT;
        }
      oc_rng_init (&rng, 1, OC_STREAM_INIT);
      oc_mlp_init_params (model, OC_INIT_TORCH_DEFAULT, &rng);
      dirs = g_new (float, 2 * model->n_params);
      oc_landscape_random_direction (model, &rng, dirs);
      oc_landscape_random_direction (model, &rng, dirs + model->n_params);
      basis[0] = model->params;
      basis[1] = dirs;
      basis[2] = dirs + model->n_params;
      for (gint64 r = 0; r < repeats; r++)
        {
          /* Each repeat builds its evaluator: the first layer's products are part of the cost. */
          g_autoptr (OcLandscapeEval) dec = NULL, dir = NULL;
          gint64 t0 = g_get_monotonic_time ();

          dec = oc_landscape_eval_new (model, OC_LOSS_CE, data, examples, basis, 3,
                                       OC_LANDSCAPE_EVAL_DECOMPOSED, threads, &error);
          if (dec == NULL)
            {
              oc_cli_error ("%s", error->message);
              return oc_cli_exit_code_for (error);
            }
          time_rows (dec, axis, n, n, out);
          times[r] = (g_get_monotonic_time () - t0) / 1e6;
          dir = oc_landscape_eval_new (model, OC_LOSS_CE, data, examples, basis, 3,
                                       OC_LANDSCAPE_EVAL_DIRECT, threads, &error);
          dtimes[r] = time_rows (dir, axis, n, direct_rows, out);
          flops = oc_landscape_eval_point_flops (dec);
          fwd = oc_landscape_eval_forward_flops (dec);
        }
      qsort (times, repeats, sizeof (double), compare_double);
      qsort (dtimes, repeats, sizeof (double), compare_double);
      median = times[repeats / 2];
      dmedian = dtimes[repeats / 2];
      fast = (double) n * n / median;
      slow = (double) direct_rows * n / dmedian;
      printf ("%8" G_GUINT64_FORMAT " %9" G_GSIZE_FORMAT " %10.2f %11.0f %9.1f %7.0f%% %10.0f%% "
              "%11.1f %9.1f %7.1fx\n", width, oc_mlp_parameter_count (model), median, fast,
              fast * flops / 1e9, 100 * fast * flops / 1e9 / peak,
              100 * fast * fwd / 1e9 / peak, slow, slow * fwd / 1e9, fast / slow);
      g_string_append_printf (csv, "%" G_GUINT64_FORMAT ",%" G_GINT64_FORMAT ",%" G_GSIZE_FORMAT
                              ",%u,%u,%u,%.6f,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f\n", width, depth,
                              oc_mlp_parameter_count (model), n, examples, threads, median, fast,
                              fast * flops / 1e9, fast * fwd / 1e9, slow, slow * fwd / 1e9,
                              peak);
      fflush (stdout);
    }
  printf (_("(GFLOP/s: what each mode computes; fwd-equiv: a full forward pass per point at the "
          "decomposed mode's speed, as a share of the sgemm peak)\n"));
  return OC_EXIT_OK;
}

/* Parses --density: percentages of the weights kept, each in (0, 100]. */
static GArray *
parse_densities (const char *text)
{
  g_auto (GStrv) parts = g_strsplit (text, ",", -1);
  g_autoptr (GArray) out = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *s = g_strstrip (parts[i]);
      char *end = NULL;
      double d = g_ascii_strtod (s, &end);

      if (*s == '\0' || end == NULL || *end != '\0' || !isfinite (d) || d <= 0 || d > 100)
        {
          oc_cli_error (_("--density: '%s' is not a percentage of weights kept in (0, 100]; "
                          "give a list such as 100,3.6,1.2"), s);
          return NULL;
        }
      g_array_append_val (out, d);
    }
  if (out->len == 0)
    {
      oc_cli_error (_("--density: give at least one percentage, such as 3.6"));
      return NULL;
    }
  return g_steal_pointer (&out);
}

/* CPU seconds used so far by every thread of this process. */
static double
process_cpu_seconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (double) ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Median seconds per training step of Frankle & Carbin's LeNet-300-100 (784-300-100-10, ReLU,
 * Glorot-normal, Adam 1.2e-3) dense and pruned by magnitude to each density, on random data.
 * Repeats are interleaved (dense, then every density, then again) so that a change in the
 * machine's load hits every configuration alike; the speed-up is the ratio of medians. On a
 * loaded machine the wall-clock time counts other processes' turns too: the CPU time of the whole
 * run (every team member, the two small evaluations included) is given next to it. */
static int
bench_density (GArray *densities, gint64 batch, gint64 steps, gint64 repeats, guint threads,
               OcOptimKind kind, guint n_train, double peak, GString *csv)
{
  static const guint hidden[] = { 300, 100 };
  g_autoptr (GError) error = NULL;
  /* A small test split: the evaluations at the start and the end of each run are not timed, but
   * they count in the CPU time. */
  g_autoptr (OcDataset) data = oc_bench_dataset_new (n_train, 60, 784, 10, 0, &error);
  guint n_conf = densities->len + 1;
  g_autoptr (GPtrArray) models = g_ptr_array_new_with_free_func ((GDestroyNotify) oc_mlp_free);
  g_autofree double *times = g_new0 (double, (gsize) n_conf * repeats);
  g_autofree double *cpu = g_new0 (double, (gsize) n_conf * repeats);
  g_autofree double *flops = g_new0 (double, n_conf);
  g_autofree guint *team = g_new0 (guint, n_conf);
  double dense_median = 0, dense_cpu = 0;
  OcTrainConfig cfg;

  if (data == NULL)
    {
      oc_cli_error ("%s", error->message);
      return OC_EXIT_FAILED;
    }
  oc_train_config_init (&cfg);
  cfg.hidden = hidden;
  cfg.n_hidden = G_N_ELEMENTS (hidden);
  cfg.init = OC_INIT_GLOROT_NORMAL;
  cfg.batch = (guint) batch;
  cfg.iterations = (guint64) steps;
  cfg.eval_every = (guint64) steps;
  cfg.train_eval_examples = 0; /* evaluation is not timed; keep it to the small test split */
  cfg.threads = threads;
  cfg.optim.kind = kind;
  cfg.optim.lr = kind == OC_OPTIM_ADAM || kind == OC_OPTIM_ADAMW ? 1.2e-3 : 0.01;
  for (guint c = 0; c < n_conf; c++)
    {
      OcMlp *model = oc_train_build_model (&cfg, data, &error);

      if (model == NULL)
        {
          oc_cli_error ("%s", error->message);
          return oc_cli_exit_code_for (error);
        }
      g_ptr_array_add (models, model);
      /* Configuration 0 is the dense network, without a mask. */
      if (c > 0 && !oc_bench_ticket_mask (model, g_array_index (densities, double, c - 1) / 100,
                                          &error))
        {
          oc_cli_error ("%s", error->message);
          return OC_EXIT_FAILED;
        }
    }
  printf (_("sparse training steps: 784-300-100-10 ReLU (Frankle & Carbin's LeNet-300-100), "
            "magnitude masks, %s, batch %" PRId64 ", %" PRId64 " steps × %"
            PRId64 " repeats, interleaved\n"),
          oc_optim_kind_to_string (kind), batch, steps, repeats);
  for (gint64 r = 0; r < repeats; r++)
    for (guint c = 0; c < n_conf; c++)
      {
        double cpu0 = process_cpu_seconds ();
        g_autoptr (OcTrainResult) res = oc_train_run (&cfg, data, g_ptr_array_index (models, c),
                                                      NULL, NULL, NULL, NULL, &error);

        cpu[(gsize) c * repeats + r] = (process_cpu_seconds () - cpu0) / (double) steps;
        if (res == NULL)
          {
            oc_cli_error ("%s", error->message);
            return oc_cli_exit_code_for (error);
          }
        times[(gsize) c * repeats + r] = res->train_seconds / (double) MAX (res->iterations, 1);
        flops[c] = res->flops_per_step;
        team[c] = res->threads;
      }
  printf ("%8s %9s %12s %9s %9s %8s %8s %12s %9s\n", _("density"), _("weights"), _("s/step"),
          _("speed-up"), _("GFLOP/s"), _("of peak"), _("threads"), _("cpu s/step"),
          _("speed-up"));
  g_string_append (csv, "network,density,weights,batch,steps,repeats,threads,seconds_per_step,"
                        "speedup,gflops,sgemm_gflops,cpu_seconds_per_step,cpu_speedup\n");
  for (guint c = 0; c < n_conf; c++)
    {
      const OcMlp *model = g_ptr_array_index (models, c);
      double *t = times + (gsize) c * repeats, *u = cpu + (gsize) c * repeats;
      double median, gflops, cpu_median;
      double density = c == 0 ? 100 : g_array_index (densities, double, c - 1);
      gsize weights = oc_mlp_count_alive (model, -1);
      g_autofree char *label = NULL;

      qsort (t, repeats, sizeof (double), compare_double);
      qsort (u, repeats, sizeof (double), compare_double);
      median = t[repeats / 2];
      cpu_median = u[repeats / 2];
      if (c == 0)
        {
          dense_median = median;
          dense_cpu = cpu_median;
        }
      gflops = flops[c] / median / 1e9;
      label = c == 0 ? g_strdup (_("dense")) : g_strdup_printf ("%.2f%%", density);
      printf ("%8s %9" G_GSIZE_FORMAT " %12.3e %8.2fx %9.2f %7.1f%% %8u %12.3e %8.2fx\n", label,
              weights, median, dense_median / median, gflops, 100 * gflops / peak, team[c],
              cpu_median, dense_cpu / cpu_median);
      g_string_append_printf (csv, "%s,%.6g,%" G_GSIZE_FORMAT ",%" G_GINT64_FORMAT ",%"
                              G_GINT64_FORMAT ",%" G_GINT64_FORMAT ",%u,%.9f,%.4f,%.4f,%.3f,%.9f,"
                              "%.4f\n", c == 0 ? "dense" : "ticket", density, weights, batch,
                              steps, repeats, team[c], median, dense_median / median, gflops,
                              peak, cpu_median, dense_cpu / cpu_median);
      fflush (stdout);
    }
  return OC_EXIT_OK;
}

int
oc_cmd_bench (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (OcDataset) data = NULL;
  g_autoptr (GString) csv = g_string_new ("width,depth,params,batch,n_train,threads,"
                                          "seconds_per_epoch,gflops,sgemm_gflops\n");
  g_autofree char *widths_s = NULL, *optimizer = NULL, *csv_path = NULL, *density_s = NULL;
  g_auto (GStrv) widths = NULL;
  g_autoptr (GArray) densities = NULL;
  /* G_MININT64: not given; --density has defaults of its own (Frankle & Carbin's batch). */
  gint64 batch = G_MININT64, n_train = 60000, epochs = G_MININT64, threads = 0, depth = 1;
  gint64 landscape = 0, steps = 500;
  gint64 examples = 2000;
  guint n_threads;
  double peak;
  OcOptimKind kind = OC_OPTIM_ADAM;
  const GOptionEntry entries[] = {
    { "widths", 0, 0, G_OPTION_ARG_STRING, &widths_s, N_("Hidden widths to time (64,256,1024)"),
      "W,W…" },
    { "depth", 0, 0, G_OPTION_ARG_INT64, &depth, N_("Hidden layers of that width (1)"), "N" },
    { "batch", 0, 0, G_OPTION_ARG_INT64, &batch, N_("Minibatch size (128)"), "B" },
    { "n-train", 0, 0, G_OPTION_ARG_INT64, &n_train, N_("Examples per epoch (60000)"), "N" },
    { "epochs", 0, 0, G_OPTION_ARG_INT64, &epochs, N_("Epochs timed per width; the median is "
      "reported (3)"), "N" },
    { "optimizer", 0, 0, G_OPTION_ARG_STRING, &optimizer,
      N_("sgd, momentum, adam (default), adamw"),
      "NAME" },
    { "threads", 0, 0, G_OPTION_ARG_INT64, &threads, N_("BLAS threads (default: all cores)"), "N" },
    { "csv", 0, 0, G_OPTION_ARG_FILENAME, &csv_path,
      N_("Also write the table to FILE (-: standard output, the table going to stderr)"), "FILE" },
    { "landscape", 0, 0, G_OPTION_ARG_INT64, &landscape, N_("Instead of training, time an N×N "
      "loss-landscape slice per width (occam-cli landscape's evaluation); --epochs repeats it"),
      "N" },
    { "eval-examples", 0, 0, G_OPTION_ARG_INT64, &examples, N_("--landscape: training and test "
      "examples evaluated per point, each (2000)"), "N" },
    { "density", 0, 0, G_OPTION_ARG_STRING, &density_s, N_("Instead of widths, time training "
      "steps of LeNet-300-100 pruned by magnitude to these percentages of its weights, against "
      "the dense network (batch 60 and 5 interleaved repeats unless --batch/--epochs say "
      "otherwise)"), N_("PCT,PCT…") },
    { "steps", 0, 0, G_OPTION_ARG_INT64, &steps, N_("--density: training steps per repeat (500)"),
      "N" },
    { NULL }
  };

  if (!oc_cli_parse_options (&argc, &argv, N_("- time training on 784-dimensional synthetic data"),
                             N_("Times full epochs of a 784-W-…-10 ReLU network (the shape of "
                             "MNIST-like data) on random\n8-bit pixels, and the machine's sgemm "
                             "throughput for reference. Evaluation time is excluded."), entries))
    return OC_EXIT_BAD_INPUT;
  if (batch == G_MININT64)
    batch = density_s != NULL ? 60 : 128;
  if (epochs == G_MININT64)
    epochs = density_s != NULL ? 5 : 3;
  if (batch < 1 || batch > 65536 || n_train < 1 || n_train > 10000000 || epochs < 1
      || epochs > 1000 || threads < 0 || threads > 1024 || depth < 1 || depth > 16)
    {
      oc_cli_error (_("--batch, --n-train, --epochs, --depth and --threads must be positive and "
                      "reasonable; see 'occam-cli bench --help'"));
      return OC_EXIT_BAD_INPUT;
    }
  if (landscape != 0 && (landscape < 3 || landscape > 401 || landscape % 2 == 0))
    {
      oc_cli_error (_("--landscape: the grid must be odd, between 3 and 401 (41 is the default "
                    "slice), got %" PRId64), landscape);
      return OC_EXIT_BAD_INPUT;
    }
  if (examples < 1 || examples > 1000000)
    {
      oc_cli_error (_("--eval-examples: must be between 1 and 1000000, got %" PRId64),
                    examples);
      return OC_EXIT_BAD_INPUT;
    }
  if (steps < 1 || steps > 10000000)
    {
      oc_cli_error (_("--steps: must be between 1 and 10000000, got %" PRId64), steps);
      return OC_EXIT_BAD_INPUT;
    }
  if (density_s != NULL && (landscape != 0 || widths_s != NULL || depth != 1))
    {
      oc_cli_error (_("--density times LeNet-300-100 and cannot be combined with --landscape, "
                      "--widths or --depth; run them separately"));
      return OC_EXIT_BAD_INPUT;
    }
  if (density_s != NULL && (densities = parse_densities (density_s)) == NULL)
    return OC_EXIT_BAD_INPUT;
  if (optimizer != NULL && !oc_optim_kind_from_string (optimizer, &kind))
    {
      oc_cli_error (_("--optimizer: '%s' is not sgd, momentum, adam or adamw"), optimizer);
      return OC_EXIT_BAD_INPUT;
    }
  if (csv_path != NULL && !(check_not_store (csv_path, &error)
                            && oc_cli_check_output_path (csv_path, &error)
                            && oc_cli_take_stdout (&error, "--csv", csv_path, NULL)))
    {
      oc_cli_error ("%s", error->message);
      return OC_EXIT_BAD_INPUT;
    }
  widths = g_strsplit (widths_s != NULL ? widths_s : "64,256,1024", ",", -1);

  n_threads = oc_blas_set_threads ((guint) threads);
  peak = oc_bench_sgemm_gflops (2048, 5);
  printf (_("sgemm 2048³ with %u BLAS thread%s: %.1f GFLOP/s (median of 5)\n"), n_threads,
          n_threads == 1 ? "" : "s", peak);
  if (densities != NULL)
    {
      int status;

      g_string_truncate (csv, 0);
      status = bench_density (densities, batch, steps, epochs, (guint) threads, kind,
                              (guint) n_train, peak, csv);
      if (status == OC_EXIT_OK && csv_path != NULL
          && !oc_cli_write_output (csv_path, csv->str, -1, &error))
        {
          oc_cli_error ("%s", error->message);
          return OC_EXIT_FAILED;
        }
      return status;
    }
  if (landscape > 0)
    {
      int status;

      g_string_truncate (csv, 0);
      status = bench_landscape (widths, depth, (guint) landscape, (guint) examples, epochs,
                                n_threads, peak, csv);
      if (status == OC_EXIT_OK && csv_path != NULL
          && !oc_cli_write_output (csv_path, csv->str, -1, &error))
        {
          oc_cli_error ("%s", error->message);
          return OC_EXIT_FAILED;
        }
      return status;
    }
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
          oc_cli_error (_("--widths: '%s' is not a width between 1 and 65536"), widths[w]);
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
  if (csv_path != NULL && !oc_cli_write_output (csv_path, csv->str, -1, &error))
    {
      oc_cli_error ("%s", error->message);
      return OC_EXIT_FAILED;
    }
  return OC_EXIT_OK;
}
