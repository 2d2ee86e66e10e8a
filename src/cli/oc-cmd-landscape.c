/* oc-cmd-landscape.c — `occam-cli landscape`: the loss along a line and over a plane around a
 * trained network, with a short summary and the tables as CSV.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The network is trained first (with the train flags) or taken from the store
 * (--from-experiment); the summary and the CSVs are read back from the store through the results
 * model the figures draw from, so a reused experiment prints and writes what a fresh one would.
 */
#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "occam/oc-error.h"
#include "occam/oc-landscape-spec.h"
#include "occam-figures/oc-landscape-results.h"
#include "oc-cli.h"
#include "oc-cli-output.h"
#include "oc-cli-command.h"
#include "oc-cli-run.h"
#include <inttypes.h>

/* Resolves a stored network before the spec runs or is printed. */
static gboolean
resolve (OcSpec *spec, const char *store_path, GError **error)
{
  const OcLandscapeSpec *v = oc_spec_get_values (spec);
  g_autoptr (OcStore) store = NULL;

  if (v->from_experiment == NULL && !g_str_has_prefix (v->line, "experiments:"))
    return TRUE;
  store = oc_cli_open_store (store_path, FALSE, error);
  if (store == NULL)
    {
      g_prefix_error (error, "%s: ", v->from_experiment != NULL ? "--from-experiment" : "--line");
      return FALSE;
    }
  return oc_landscape_spec_resolve (spec, store, TRUE, error);
}

/* Outputs that the experiment will not have are a mistake worth saying before it runs. */
static gboolean
check_outputs (const OcSpec *spec, const OcCliRunOptions *ro, GError **error)
{
  OcLandscapeConfig cfg;
  const struct
  {
    const char *flag, *path;
    gboolean    has;
    const char *why;
  } outs[] = {
    { "--line-csv", ro->line_csv, TRUE, "this landscape has no line (--line none)" },
    { "--plane-csv", ro->plane_csv, TRUE, "this landscape has no plane (--plane none)" },
    { "--trajectory-csv", ro->trajectory_csv, TRUE,
      "only a PCA plane holds the training trajectory (--plane pca)" },
  };
  g_autoptr (OcPathGuard) guard = NULL;
  gboolean has[3];

  if (!oc_cli_take_stdout (error, "--line-csv", ro->line_csv, "--plane-csv", ro->plane_csv,
                           "--trajectory-csv", ro->trajectory_csv, NULL)
      || !oc_landscape_config_from_spec (spec, &cfg, error))
    return FALSE;
  guard = oc_cli_spec_guard (spec, ro, error);
  if (guard == NULL)
    {
      oc_landscape_config_clear (&cfg);
      return FALSE;
    }
  has[0] = cfg.line.kind != OC_LANDSCAPE_LINE_NONE;
  has[1] = cfg.plane != OC_LANDSCAPE_PLANE_NONE;
  has[2] = cfg.plane == OC_LANDSCAPE_PLANE_PCA;
  oc_landscape_config_clear (&cfg);
  for (guint i = 0; i < G_N_ELEMENTS (outs); i++)
    {
      if (outs[i].path == NULL)
        continue;
      if (!has[i])
        {
          g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT, "%s: %s; leave it out",
                       outs[i].flag, outs[i].why);
          return FALSE;
        }
      if (!oc_path_guard_check (guard, outs[i].path, outs[i].flag, error)
          || !oc_cli_check_output_path (outs[i].path, error))
        return FALSE;
      for (guint j = 0; j < i; j++)
        if (outs[j].path != NULL && strcmp (outs[i].path, outs[j].path) == 0)
          {
            g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                         "%s and %s name the same file %s; give each its own", outs[j].flag,
                         outs[i].flag, outs[i].path);
            return FALSE;
          }
    }
  return TRUE;
}

static void
on_point (const OcRunEvent *e, gpointer user_data)
{
  const OcCliRunOptions *ro = user_data;
  const OcStorePoint *p = e->point;
  const char *label = oc_run_plan_get_label (e->plan, e->index);
  guint n = oc_run_plan_get_n_points (e->plan);

  if (ro->progress == OC_CLI_PROGRESS_NEVER)
    return;
  if (p->status != OC_STATUS_FINISHED)
    fprintf (stderr, "[%u/%u] %s: %s\n", e->index + 1, n, label,
             p->error != NULL ? p->error : _("failed"));
  else if (g_str_has_prefix (p->key, "{\"part\":\"train\""))
    fprintf (stderr, _("[%u/%u] %s%s: train loss %.4f, test error %.2f %% · %.1f s\n"),
             e->index + 1, n, label, e->reused ? " (taken from the store)" : "",
             p->final.train_loss, 100 * p->final.test_error, p->seconds);
  else
    fprintf (stderr, _("[%u/%u] %s: %.1f s on %u thread%s\n"), e->index + 1, n, label, p->seconds,
             p->threads, p->threads == 1 ? "" : "s");
}

/* Rows of the line worth printing: multiples of 0.25 when the grid has them, else about ten. */
static gboolean
row_shown (const OcLandscapeResults *r, guint i, guint stride)
{
  double a = r->alpha[i], q = 4 * a;

  if (stride == 0)
    return fabs (q - round (q)) < 1e-4;
  return i % stride == 0 || i + 1 == r->n_line || a == 0 || a == 1;
}

static void
print_line (const OcLandscapeResults *r)
{
  g_autofree char *a = oc_landscape_results_line_end (r, 0);
  g_autofree char *b = oc_landscape_results_line_end (r, 1);
  guint quarters = 0, stride = 0;
  double rise = 0, rise_at = 0, barrier = -INFINITY, barrier_at = 0, e0 = NAN, e1 = NAN;
  double prev = NAN, prev_a = NAN;

  for (guint i = 0; i < r->n_line; i++)
    quarters += row_shown (r, i, 0);
  if (quarters < 3)
    stride = MAX (1, r->n_line / 10);
  printf (_("\nline %s → %s (%u values of α from %g to %g):\n"), a, b, r->n_line, r->alpha[0],
          r->alpha[r->n_line - 1]);
  /* "α" is two bytes and one column: padded by hand. */
  printf ("%8sα %12s %10s %12s %10s\n", "", "train loss", "train err", "test loss", "test err");
  for (guint i = 0; i < r->n_line; i++)
    {
      float al = r->alpha[i];

      if (al == 0)
        e0 = r->line[OC_LANDSCAPE_TEST_ERROR][i];
      if (al == 1)
        e1 = r->line[OC_LANDSCAPE_TEST_ERROR][i];
      if (al >= 0 && al <= 1)
        {
          double l = r->line[OC_LANDSCAPE_TRAIN_LOSS][i];

          if (!isnan (prev) && l - prev > rise)
            {
              rise = l - prev;
              rise_at = prev_a;
            }
          prev = l;
          prev_a = al;
        }
      if (!row_shown (r, i, stride))
        continue;
      printf ("%9g %12.4f %9.2f%% %12.4f %9.2f%%%s%s\n", al,
              r->line[OC_LANDSCAPE_TRAIN_LOSS][i], 100 * r->line[OC_LANDSCAPE_TRAIN_ERROR][i],
              r->line[OC_LANDSCAPE_TEST_LOSS][i], 100 * r->line[OC_LANDSCAPE_TEST_ERROR][i],
              al == 0 || al == 1 ? "  " : "", al == 0 ? a : al == 1 ? b : "");
    }
  if (r->line_ends.kind == OC_LANDSCAPE_LINE_INIT_FINAL)
    {
      if (rise <= 0)
        printf (_("the training loss falls monotonically from θ₀ to θ_T, as Goodfellow et al. "
                "(2015) found for most networks\n"));
      else
        printf (_("the training loss rises by %.4g on the way from θ₀ to θ_T (after α = %g): not "
                "monotonic\n"), rise, rise_at);
      return;
    }
  /* Two solutions: how far the error climbs between them (linear mode connectivity). */
  for (guint i = 0; i < r->n_line; i++)
    if (r->alpha[i] >= 0 && r->alpha[i] <= 1
        && r->line[OC_LANDSCAPE_TEST_ERROR][i] - (e0 + e1) / 2 > barrier)
      {
        barrier = r->line[OC_LANDSCAPE_TEST_ERROR][i] - (e0 + e1) / 2;
        barrier_at = r->alpha[i];
      }
  printf (_("error barrier: the test error rises %.2f pp above the mean of the two ends (at α = "
          "%g); Frankle et al. (2020) call two solutions linearly connected below 2 pp\n"),
          100 * MAX (barrier, 0), barrier_at);
}

static void
print_plane (const OcLandscapeResults *r)
{
  const float *loss = r->plane[OC_LANDSCAPE_TRAIN_LOSS];
  gsize n = (gsize) r->nx * r->ny, lo = 0, hi = 0, centre = (gsize) (r->ny / 2) * r->nx + r->nx / 2;
  g_autofree char *xa = oc_landscape_results_axis_label (r, 0);
  g_autofree char *xb = oc_landscape_results_axis_label (r, 1);

  for (gsize k = 1; k < n; k++)
    {
      if (loss[k] < loss[lo])
        lo = k;
      if (loss[k] > loss[hi])
        hi = k;
    }
  printf (_("\nplane %u×%u around θ_T:\n  %s, from %.3g to %.3g\n  %s, from %.3g to %.3g\n"), r->nx,
          r->ny, xa, r->plane_alpha[0], r->plane_alpha[r->nx - 1], xb, r->plane_beta[0],
          r->plane_beta[r->ny - 1]);
  printf (_("training loss %.4f at θ_T (test error %.2f %%); lowest %.4f at (α, β) = (%.3g, %.3g); "
          "highest %.4g at (%.3g, %.3g)\n"), loss[centre],
          100 * r->plane[OC_LANDSCAPE_TEST_ERROR][centre], loss[lo], r->plane_alpha[lo % r->nx],
          r->plane_beta[lo / r->nx], loss[hi], r->plane_alpha[hi % r->nx],
          r->plane_beta[hi / r->nx]);
  if (oc_landscape_results_has_trajectory (r))
    {
      guint t = r->n_trajectory - 1;

      printf (_("trajectory: %u checkpoints from (%.3g, %.3g) at iteration 0, training loss %.4f, "
              "to (0, 0) at iteration %d, %.4f\n"), r->n_trajectory, r->trajectory_alpha[0],
              r->trajectory_beta[0], r->trajectory_loss[0], r->trajectory_iteration[t],
              r->trajectory_loss[t]);
    }
}

static void
print_summary (const OcLandscapeResults *r)
{
  g_autofree char *title = oc_landscape_results_title (r);

  printf (_("\nnetwork: %s"), title);
  if (r->training != NULL)
    printf (_(" · trained %" PRIu64 " iterations: train loss %.4f, test error %.2f %%"),
            r->training->iterations, r->training->final.train_loss,
            100 * r->training->final.test_error);
  printf (_("\nlandscape on the first %u training and %u test examples\n"), r->n_train, r->n_test);
  if (oc_landscape_results_has_line (r))
    print_line (r);
  if (oc_landscape_results_has_plane (r))
    print_plane (r);
}

static gboolean
write_csv (const char *path, char *text, GError **error)
{
  g_autofree char *owned = text;

  return path == NULL || owned == NULL || oc_cli_write_output (path, owned, -1, error);
}

int
oc_cli_run_landscape_spec (const OcSpec *given, const OcCliRunOptions *ro)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (OcSpec) spec = oc_spec_dup (given);
  g_autoptr (OcStore) store = NULL;
  g_autoptr (OcLandscapeResults) results = NULL;
  OcCliShow show = { on_point, (gpointer) ro };
  OcRunSummary summary;
  int status;

  if (ro->csv_path != NULL || ro->json_path != NULL)
    {
      oc_cli_error (_("%s: a landscape writes --line-csv, --plane-csv and --trajectory-csv"),
                    ro->csv_path != NULL ? "--csv" : "--json");
      return OC_EXIT_BAD_INPUT;
    }
  if (!resolve (spec, ro->store_path, &error) || !check_outputs (spec, ro, &error))
    {
      oc_cli_error ("%s", error->message);
      return oc_cli_exit_code_for (error);
    }
  status = oc_cli_run_experiment (spec, ro, &show, &store, &summary);
  if (status != OC_EXIT_OK)
    return status;
  results = oc_landscape_results_new (spec, summary.id);
  if (!oc_landscape_results_load (results, store, &error))
    {
      oc_cli_error ("%s", error->message);
      return oc_cli_exit_code_for (error);
    }
  print_summary (results);
  oc_cli_print_anchor ("landscape", ro);
  if (!write_csv (ro->line_csv, oc_landscape_results_line_csv (results), &error)
      || !write_csv (ro->plane_csv, oc_landscape_results_plane_csv (results), &error)
      || !write_csv (ro->trajectory_csv, oc_landscape_results_trajectory_csv (results), &error))
    {
      oc_cli_error ("%s", error->message);
      return OC_EXIT_BAD_INPUT;
    }
  oc_cli_print_stored (&summary, store);
  if (summary.n_failed > 0)
    {
      oc_cli_error (_("%u of %u parts failed (see above); the experiment is marked failed and the "
                      "next run computes them again — a smaller learning rate may help"),
                    summary.n_failed, summary.n_points);
      return OC_EXIT_FAILED;
    }
  return OC_EXIT_OK;
}

int
oc_cmd_landscape (int argc, char **argv)
{
  g_autofree char *line_csv = NULL, *plane_csv = NULL, *trajectory_csv = NULL;
  const GOptionEntry extra[] = {
    { "line-csv", 0, 0, G_OPTION_ARG_FILENAME, &line_csv,
      N_("Write the 1-D profile to FILE: alpha,train_loss,train_error,test_loss,test_error"),
      "FILE" },
    { "plane-csv", 0, 0, G_OPTION_ARG_FILENAME, &plane_csv,
      N_("Write the 2-D slice to FILE: alpha,beta,train_loss,train_error,test_loss,test_error"),
      "FILE" },
    { "trajectory-csv", 0, 0, G_OPTION_ARG_FILENAME, &trajectory_csv,
      N_("Write the training trajectory in the PCA plane to FILE: iteration,alpha,beta,train_loss"),
      "FILE" },
    { NULL }
  };
  const OcCliSpecCommand cmd = {
    "landscape", N_("- the loss around a trained network"),
    N_("Trains a network (the train flags) or takes a stored one (--from-experiment ID), then\n"
    "evaluates its loss and error along the straight line from its initialisation θ₀ to the\n"
    "trained weights θ_T (or between two solutions: --line seeds:A,B) and over a plane through\n"
    "θ_T: two filter-normalised random directions on [−span, span]² (Li et al. 2018), or the\n"
    "top two principal directions of the training trajectory (--plane pca), whose grid then\n"
    "reaches --span times as far as the trajectory does along each direction, with the\n"
    "trajectory drawn in it. Every part is stored as it finishes; running the same command\n"
    "again reuses them. Figures: occam-cli plot --experiment ID --figure slice|profile|replay.\n"
    "Example: occam-cli landscape --hidden 64 --plane pca --line-csv line.csv --plane-csv "
    "plane.csv"),
    N_("Landscape options:"), NULL, TRUE, extra, resolve,
  };
  OcCliSpecArgs a;
  int status = oc_cli_spec_parse (argc, argv, &cmd, &a);

  if (status < 0)
    {
      a.ro.line_csv = line_csv;
      a.ro.plane_csv = plane_csv;
      a.ro.trajectory_csv = trajectory_csv;
      status = oc_cli_run_landscape_spec (a.o.spec, &a.ro);
    }
  oc_cli_spec_args_clear (&a);
  return status;
}
