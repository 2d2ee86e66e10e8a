/* oc-cmd-sweep.c — `occam-cli sweep`: model-, sample- and noise-wise sweeps (double descent).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every point goes to the experiment store the moment it finishes, so a cancelled or killed sweep
 * resumes where it stopped; the CSV and the summary are then written from the store, the same way
 * for points trained now and points reused.
 */
#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>

#include "occam/oc-store.h"
#include "occam-figures/oc-sweep-results.h"
#include "oc-cli.h"
#include "oc-cli-command.h"
#include "oc-cli-options.h"
#include "oc-cli-run.h"
#include <inttypes.h>

static void
on_point (const OcRunEvent *e, gpointer user_data)
{
  const OcCliRunOptions *ro = user_data;
  const OcStorePoint *p = e->point;
  const char *label = oc_run_plan_get_label (e->plan, e->index);
  guint n = oc_run_plan_get_n_to_run (e->plan);

  if (ro->progress == OC_CLI_PROGRESS_NEVER)
    return;
  if (p->status == OC_STATUS_FINISHED)
    {
      g_autoptr (GString) norms = g_string_new (NULL);
      OcSolutionNorms m;

      /* How complex the solution is, when the point recorded it. */
      oc_solution_norms_from_artifacts (&m, e->artifacts);
      if (isfinite (m.theta_norm))
        g_string_append_printf (norms, ", ‖θ‖ %.3g", m.theta_norm);
      if (isfinite (m.path_norm))
        g_string_append_printf (norms, _(", path norm %.3g"), m.path_norm);
      fprintf (stderr, _("[%u/%u] %s (%" PRIu64 " parameters, n %u): train error %.3f, "
               "test error %.3f, test loss %.3f%s · %.1f s\n"), e->n_ran, n, label,
               p->parameters, p->n_train, p->final.train_error, p->final.test_error,
               p->final.test_loss, norms->str, p->seconds);
    }
  else
    fprintf (stderr, _("[%u/%u] %s: %s (recorded; the sweep goes on)\n"), e->n_ran, n, label,
             p->error != NULL ? p->error : _("failed"));
}

/* The norms of a point's solution as the CSV's last columns: on its final row only (they measure
 * θ_T); empty, as every missing value, on the others, on failed points and where they were not
 * recorded (a tanh network has no path norm). */
static void
append_norms (GString *csv, const OcSolutionNorms *n)
{
  const double v[] = { n->theta_norm, n->distance, n->path_norm };

  for (guint i = 0; i < G_N_ELEMENTS (v); i++)
    if (isfinite (v[i]))
      g_string_append_printf (csv, ",%.9g", v[i]);
    else
      g_string_append_c (csv, ',');
}

/* One row per point and recorded epoch; a failed point has one row with its results empty. */
static void
append_csv (OcSweepResults *r, GString *csv)
{
  OcSweepGrid *grid = oc_sweep_results_get_grid (r);
  OcSolutionNorms unknown;

  oc_solution_norms_init (&unknown);
  for (guint i = 0; i < oc_sweep_grid_get_n_points (grid); i++)
    {
      const OcGridPoint *p = &g_array_index (grid->points, OcGridPoint, i);
      const OcSweepEntry *e = oc_sweep_results_get (r, i);
      const OcStorePoint *sp = e != NULL ? e->point : NULL;

      if (sp == NULL)
        continue;
      if (sp->status != OC_STATUS_FINISHED || sp->evals == NULL || sp->evals->len == 0)
        {
          g_string_append_printf (csv, "%u,%" G_GUINT64_FORMAT ",%u,%g,%" G_GUINT64_FORMAT
                                  ",,,,,,,%s", p->width, sp->parameters,
                                  sp->n_train, p->label_noise, p->seed,
                                  oc_status_to_string (sp->status));
          append_norms (csv, &unknown);
          g_string_append_c (csv, '\n');
          continue;
        }
      for (guint k = 0; k < sp->evals->len; k++)
        {
          const OcEvalPoint *ev = &g_array_index (sp->evals, OcEvalPoint, k);

          g_string_append_printf (csv, "%u,%" G_GUINT64_FORMAT ",%u,%g,%" G_GUINT64_FORMAT
                                  ",%.9g,%.9g,%.9g,%.9g,%.9g,%" G_GUINT64_FORMAT ",finished",
                                  p->width, sp->parameters, sp->n_train, p->label_noise, p->seed,
                                  ev->epoch, ev->train_error, ev->train_loss, ev->test_error,
                                  ev->test_loss, ev->iteration);
          append_norms (csv, k + 1 == sp->evals->len ? &e->norms : &unknown);
          g_string_append_c (csv, '\n');
        }
    }
}

/* The swept value as the table's first column shows it. */
static char *
format_key (OcSweepMode mode, double key)
{
  return mode == OC_SWEEP_MODE_NOISE ? g_strdup_printf ("%g", key)
                                     : g_strdup_printf ("%.0f", key);
}

/* "(n = 4000, label noise 0.2)": what every row of a curve's table shares. Model-wise tables say
 * it when the sweep sets n or noise, or has several curves; the others always name the width. */
static void
print_slice (const OcGridPoint *like, const GArray *groups, OcSweepMode mode, gboolean several)
{
  guint n = like->n_train > 0 ? (guint) like->n_train : 0;
  g_autoptr (GString) s = g_string_new (NULL);

  /* Every training example (n_train −1): say how many that was. */
  for (guint k = 0; n == 0 && k < groups->len; k++)
    n = g_array_index (groups, OcSweepGroup, k).n_train;
  if (mode == OC_SWEEP_MODE_MODEL && !several && like->n_train <= 0 && like->label_noise <= 0)
    return;
  if (mode != OC_SWEEP_MODE_MODEL)
    g_string_append_printf (s, _("width %u"), like->width);
  if (mode != OC_SWEEP_MODE_SAMPLE && n > 0)
    g_string_append_printf (s, "%sn = %u", s->len > 0 ? ", " : "", n);
  if (mode != OC_SWEEP_MODE_NOISE)
    g_string_append_printf (s, _("%slabel noise %g"), s->len > 0 ? ", " : "", like->label_noise);
  printf ("(%s)\n", s->str);
}

/* The table a speaker reads before plotting, one per curve of the figure: a row per value of the
 * swept axis with the mean (min–max over seeds), marking where the double-descent figure draws
 * its n·K and "train error ≈ 0" lines, computed by the same functions, and stuck networks. */
static void
print_table (OcSweepResults *r, OcSweepMode mode, const OcGridPoint *like, gboolean several)
{
  g_autoptr (GArray) groups = oc_sweep_results_groups_like (r, mode, like);
  double threshold = oc_sweep_groups_threshold_x (groups, mode, oc_sweep_results_get_outputs (r));
  gboolean fits_below = mode == OC_SWEEP_MODE_SAMPLE;
  int fitted = mode == OC_SWEEP_MODE_MODEL || fits_below
               ? oc_sweep_groups_interpolation_index (groups, fits_below) : -1;
  gboolean threshold_marked = FALSE;

  printf ("\n%8s %10s %11s %24s %10s\n", mode == OC_SWEEP_MODE_SAMPLE  ? "n"
                                          : mode == OC_SWEEP_MODE_NOISE ? "noise"
                                                                        : "width",
          "params", "train err", "test err (min–max)", "test loss");
  for (guint k = 0; k < groups->len; k++)
    {
      const OcSweepGroup *g = &g_array_index (groups, OcSweepGroup, k);
      g_autofree char *key = format_key (mode, g->key);
      g_autoptr (GString) notes = g_string_new (NULL);

      if (g->n == 0)
        {
          printf ("%8s %10s %11s %24s %10s\n", key, "—", "failed", "", "");
          continue;
        }
      if (!threshold_marked && g->x >= threshold)
        {
          if (mode == OC_SWEEP_MODE_MODEL)
            g_string_append_printf (notes, "  ← n·K = %.0f", threshold);
          else
            g_string_append (notes, "  ← n·K = parameters");
          threshold_marked = TRUE;
        }
      if ((int) k == fitted)
        g_string_append (notes, fits_below ? "  ← train error ≈ 0 up to here"
                                           : "  ← train error ≈ 0 from here");
      if (g->n_stuck > 0)
        g_string_append_printf (notes, _("  (stuck: %u of %u)"), g->n_stuck, g->n);
      printf ("%8s %10" G_GUINT64_FORMAT " %11.4f %10.4f (%.4f–%.4f) %10.4f%s\n", key,
              g->parameters, g->train_error, g->test_error, g->test_lo, g->test_hi, g->test_loss,
              notes->str);
    }
  print_slice (like, groups, mode, several);
}

OcSweepResults *
oc_cli_sweep_results_load (const OcSpec *spec, OcStore *store, GError **error)
{
  g_autoptr (OcSweepGrid) grid = oc_sweep_grid_new (spec, error);
  g_autoptr (OcSweepResults) results = NULL;

  if (grid == NULL)
    return NULL;
  results = oc_sweep_results_new (grid);
  if (oc_sweep_results_load (results, store, error) < 0)
    return NULL;
  return g_steal_pointer (&results);
}

static gboolean
summarise (const OcSpec *spec, OcStore *store, const char *id, GString *csv, GError **error)
{
  g_autoptr (OcSweepResults) results = oc_cli_sweep_results_load (spec, store, error);
  g_autoptr (GArray) slices = NULL;
  OcSweepGrid *grid;
  OcSweepMode mode;

  if (results == NULL)
    return FALSE;
  /* The axis the window's figure puts on x, and one table per curve it would draw. */
  grid = oc_sweep_results_get_grid (results);
  mode = oc_sweep_grid_guess_mode (grid);
  slices = oc_sweep_grid_slices (grid, mode);
  for (guint s = 0; s < slices->len; s++)
    print_table (results, mode,
                 &g_array_index (grid->points, OcGridPoint, g_array_index (slices, guint, s)),
                 slices->len > 1);
  append_csv (results, csv);
  return TRUE;
}

static const OcCliReport report = {
  "sweep", on_point, summarise,
  "width,params,n_train,label_noise,seed,epoch,train_error,train_loss,test_error,test_loss,"
  "iteration,status,theta_norm,distance_from_init,path_norm\n",
};

int
oc_cli_run_sweep_spec (const OcSpec *spec, const OcCliRunOptions *ro)
{
  return oc_cli_run_report (spec, ro, &report);
}

void
oc_cli_print_anchor (const char *kind, const OcCliRunOptions *ro)
{
  const OcSpecPreset *p = oc_spec_find_preset (kind, ro->preset);
  g_autofree char *anchor = p != NULL ? oc_spec_preset_anchor (p) : NULL;

  if (anchor != NULL)
    printf (_("\nTo compare: %s\n"), anchor);
}

int
oc_cmd_sweep (int argc, char **argv)
{
  static const OcCliSpecCommand cmd = {
    "sweep", N_("- train a family of networks"),
    N_("Trains one network per point of the sweep (hidden width × training examples × label "
    "noise ×\n"
    "seed) and reports train and test error and loss: model-, sample- and epoch-wise double\n"
    "descent. Points run in parallel and go to the experiment store as they finish; running the\n"
    "same sweep again resumes it.\n"
    "Example: occam-cli sweep --preset nakkiran-mlp --csv dd.csv"),
    N_("Sweep options:"),
    N_("Write one row per point and recorded epoch to FILE (-: standard output)"), TRUE, NULL,
  };

  return oc_cli_spec_command (argc, argv, &cmd, oc_cli_run_sweep_spec);
}
