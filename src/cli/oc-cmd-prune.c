/* oc-cmd-prune.c — `occam-cli prune`: lottery tickets (iterative magnitude pruning with rewinding
 * and its controls) recorded level by level in the experiment store, resumable.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The lottery driver runs on a worker thread (Ctrl-C cancels it after the current step). Each
 * finished level becomes one store point, key {"control":"imp","seed":0,"level":3}, written with
 * its curve and artifacts in one transaction (see README, "Lottery tickets"); a cancelled or
 * killed run resumes at the next level, because the driver asks the store (on_lookup) for what
 * is already there. The CSV, the summary and --export-masks are read back from the store, so a
 * reused run writes exactly what the run that computed it would have.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "occam/oc-error.h"
#include "occam/oc-lottery.h"
#include "occam/oc-prune-record.h"
#include "occam/oc-store.h"
#include "oc-cli.h"
#include "oc-cli-command.h"
#include "oc-cli-options.h"
#include "oc-cli-prune.h"
#include "oc-cli-run.h"

/* The summary calls a density "matching" when its accuracy is within 1 pp of the dense network's
 * (the default). */
#define DEFAULT_MATCH_TOLERANCE_PP 1.0

typedef struct
{
  const OcSpec          *spec;
  const OcLotteryConfig *cfg;
  OcStore               *store;
  const char            *id;
  gboolean               rerun;
  gboolean               quiet;
  gboolean               tty;
  guint                  blas_threads; /* per training, as oc_lottery_run chooses them */
  guint                  n_levels;

  GMutex                 lock;
  guint                  n_points;     /* planned */
  guint                  n_done;       /* stored, finished or failed, including earlier runs */
  guint                  n_to_train;   /* trainings this run needs */
  guint                  n_trained;
  guint                  n_recorded;   /* points written by this run */
  guint                  n_failed;
  guint64                run_iterations; /* of one training, from the first progress report */
  GHashTable            *inflight;     /* point key → guint64 iteration reached (boxed) */
  char                  *current;      /* "imp s0 level 3", the last training heard from */
  guint64                current_iteration;
  gint64                 t0;
  gint64                 last_print;
  gboolean               line_shown;   /* a progress line is on the terminal */
  GError                *error;
} Job;

/* Progress ------------------------------------------------------------------------------------- */

static double
fraction_done (Job *job)
{
  double units, done = 0;
  GHashTableIter it;
  gpointer value;

  if (job->n_to_train == 0 || job->run_iterations == 0)
    return 0;
  units = (double) job->n_to_train * (double) job->run_iterations;
  done = (double) job->n_trained * (double) job->run_iterations;
  g_hash_table_iter_init (&it, job->inflight);
  while (g_hash_table_iter_next (&it, NULL, &value))
    done += (double) *(guint64 *) value;
  return MIN (done / units, 1.0);
}

/* Called with the lock held. */
static void
print_progress (Job *job, gboolean force)
{
  gint64 now = g_get_monotonic_time ();
  double elapsed = (now - job->t0) / 1e6, frac = fraction_done (job);
  double eta = frac > 0 ? elapsed / frac - elapsed : NAN;
  g_autofree char *el_s = oc_cli_format_duration (elapsed);
  g_autofree char *eta_s = isnan (eta) ? g_strdup ("?") : oc_cli_format_duration (eta);

  if (job->quiet)
    return;
  /* A terminal gets the line redrawn a few times a second; a log one line every 10 s. */
  if (!force && now - job->last_print < (job->tty ? 200000 : 10000000))
    return;
  job->last_print = now;
  fprintf (stderr, "%s[%3.0f%%] %u/%u levels · %s iteration %" G_GUINT64_FORMAT "/%"
           G_GUINT64_FORMAT " · elapsed %s · ETA %s%s",
           job->tty ? "\r\033[K" : "", 100 * frac, job->n_done, job->n_points,
           job->current != NULL ? job->current : "starting", job->current_iteration,
           job->run_iterations, el_s, eta_s, job->tty ? "" : "\n");
  fflush (stderr);
  job->line_shown = job->tty;
}

static void
clear_progress (Job *job)
{
  if (job->line_shown)
    {
      fprintf (stderr, "\r\033[K");
      fflush (stderr);
      job->line_shown = FALSE;
    }
}

static void
on_progress (OcControl control, guint64 seed, guint level, const OcProgress *p,
             gpointer user_data)
{
  Job *job = user_data;
  g_autofree char *key = oc_lottery_point_key (control, seed, level);
  guint64 *reached;

  g_mutex_lock (&job->lock);
  reached = g_hash_table_lookup (job->inflight, key);
  if (reached == NULL)
    {
      reached = g_new0 (guint64, 1);
      g_hash_table_insert (job->inflight, g_steal_pointer (&key), reached);
    }
  *reached = p->iteration;
  if (job->run_iterations == 0)
    job->run_iterations = p->total_iterations;
  g_free (job->current);
  job->current = g_strdup_printf ("%s s%" G_GUINT64_FORMAT " level %u",
                                  oc_control_to_string (control), seed, level);
  job->current_iteration = p->iteration;
  print_progress (job, FALSE);
  g_mutex_unlock (&job->lock);
}

/* Recording ------------------------------------------------------------------------------------ */

static void
print_level (Job *job, const OcLevelOutcome *o)
{
  const OcTrainResult *r = o->result;

  clear_progress (job);
  printf ("%-11s seed %" G_GUINT64_FORMAT "  level %2u  density %7.3f %%", 
          oc_control_to_string (o->control), o->seed, o->level, 100 * o->density);
  if (r == NULL)
    printf ("  diverged: %s\n", o->error != NULL ? o->error->message : "no result");
  else
    {
      printf ("  test accuracy %6.2f %%", 100 * (1 - r->final.test_error));
      if (o->data->val.n > 0)
        printf ("  early stop: iteration %" G_GUINT64_FORMAT ", test accuracy %6.2f %%",
                r->early_stop.iteration, 100 * (1 - r->early_stop.test_error));
      printf ("%s\n", o->reused ? "  (the dense network of imp)" : "");
    }
  fflush (stdout);
}

static gboolean
on_level_finished (const OcLevelOutcome *o, gpointer user_data, GError **error)
{
  Job *job = user_data;
  g_autofree char *key = oc_lottery_point_key (o->control, o->seed, o->level);
  g_autoptr (OcStorePoint) p = oc_prune_point_record_new (job->id, o, job->blas_threads);
  g_autoptr (GPtrArray) artifacts = NULL;

  artifacts = oc_prune_level_artifacts (o, error);
  if (artifacts == NULL || !oc_store_put_point (job->store, p, artifacts, error))
    {
      g_prefix_error (error, "recording %s: ", key);
      return FALSE;
    }

  g_mutex_lock (&job->lock);
  g_hash_table_remove (job->inflight, key);
  job->n_done++;
  job->n_recorded++;
  job->n_failed += p->status != OC_STATUS_FINISHED;
  if (!o->reused)
    job->n_trained++;
  print_level (job, o);
  /* Redraw the line under the new level on a terminal; a log waits for the next report. */
  print_progress (job, job->tty);
  g_mutex_unlock (&job->lock);
  return TRUE;
}

/* Resume --------------------------------------------------------------------------------------- */

static gboolean
point_finished (Job *job, const char *key)
{
  g_autoptr (OcStorePoint) p = oc_store_get_point (job->store, job->id, key, FALSE, NULL);

  return p != NULL && p->status == OC_STATUS_FINISHED;
}

static gboolean
on_lookup (OcControl control, guint64 seed, guint level, float *next_mask, float *theta_final,
           gsize n_params, gpointer user_data)
{
  Job *job = user_data;

  return !job->rerun && oc_prune_store_lookup (job->store, job->id, job->cfg, control, seed,
                                               level, next_mask, theta_final, n_params);
}

static void
lottery_work (gpointer user_data, GCancellable *cancellable)
{
  Job *job = user_data;
  OcLotteryCallbacks cb = { 0 };

  cb.lookup = on_lookup;
  cb.progress = on_progress;
  cb.level_finished = on_level_finished;
  cb.user_data = job;
  oc_lottery_run (job->cfg, &cb, cancellable, &job->error);
  g_mutex_lock (&job->lock);
  clear_progress (job);
  g_mutex_unlock (&job->lock);
}

/* Running a spec ----------------------------------------------------------------------------- */

/* Counts what is stored and what this run has to train. */
static void
plan (Job *job)
{
  const OcLotteryConfig *cfg = job->cfg;

  job->n_points = oc_lottery_n_points (cfg);
  for (guint s = 0; s < cfg->seeds->len; s++)
    for (guint c = 0; c < OC_N_CONTROLS; c++)
      {
        if (c != OC_CONTROL_IMP && !(cfg->controls & (1u << c)))
          continue;
        for (guint l = 0; l < job->n_levels; l++)
          {
            g_autofree char *key = oc_lottery_point_key ((OcControl) c,
                                                         g_array_index (cfg->seeds, guint64, s),
                                                         l);

            if (!job->rerun && point_finished (job, key))
              job->n_done++;
            else if (c == OC_CONTROL_IMP || l > 0)
              job->n_to_train++;
          }
      }
}

static gboolean
write_outputs (OcStore *store, const char *id, const OcCliRunOptions *ro, const char *export_dir,
               double tolerance, GError **error)
{
  g_autoptr (GPtrArray) rows = oc_cli_prune_rows (store, id, error);
  const char *csv_path = ro->csv_path;

  if (rows == NULL)
    return FALSE;
  oc_cli_prune_print_summary (rows, tolerance);
  oc_cli_print_anchor ("prune", ro);
  if (csv_path != NULL && !oc_cli_prune_write_csv (rows, csv_path, error))
    return FALSE;
  if (export_dir != NULL)
    {
      guint n_files = 0;

      if (!oc_cli_prune_export (store, id, rows, export_dir, &n_files, error))
        return FALSE;
      printf ("exported %u .npy files to %s\n", n_files, export_dir);
    }
  return TRUE;
}

static int
run_prune_spec (const OcSpec *spec, const OcCliRunOptions *ro, const char *export_dir,
                double tolerance)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (OcStore) store = NULL;
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *id = NULL, *elapsed = NULL;
  OcLotteryConfig cfg;
  OcSweepConfig plan_cfg = { 0 };
  guint workers;
  gboolean created = FALSE;
  Job job = { 0 };
  int status = OC_EXIT_OK;

  g_return_val_if_fail (g_strcmp0 (oc_spec_get_kind (spec), "prune") == 0, OC_EXIT_BAD_INPUT);

  if (ro->json_path != NULL)
    {
      oc_cli_error ("--json: not available for prune experiments; use --csv FILE");
      return OC_EXIT_BAD_INPUT;
    }
  if (ro->csv_path != NULL && !oc_cli_check_output_path (ro->csv_path, &error))
    {
      oc_cli_error ("%s", error->message);
      return OC_EXIT_BAD_INPUT;
    }
  if (export_dir != NULL && g_file_test (export_dir, G_FILE_TEST_EXISTS)
      && !g_file_test (export_dir, G_FILE_TEST_IS_DIR))
    {
      oc_cli_error ("--export-masks: %s exists and is not a folder", export_dir);
      return OC_EXIT_BAD_INPUT;
    }
  if (!oc_lottery_config_from_spec (spec, &cfg, &error))
    {
      oc_cli_error ("%s", error->message);
      return OC_EXIT_BAD_INPUT;
    }
  store = oc_cli_open_store (ro->store_path, TRUE, &error);
  if (store == NULL)
    {
      oc_cli_error ("%s", error->message);
      oc_lottery_config_clear (&cfg);
      return oc_cli_exit_code_for (error);
    }
  id = oc_spec_id (spec);

  job.spec = spec;
  job.cfg = &cfg;
  job.store = store;
  job.id = id;
  job.rerun = ro->rerun;
  job.quiet = ro->quiet;
  job.tty = isatty (STDERR_FILENO);
  job.n_levels = oc_lottery_n_levels (&cfg);
  job.inflight = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_mutex_init (&job.lock);
  /* The BLAS threads oc_lottery_run gives each training, recorded with every point. */
  plan_cfg.workers = cfg.workers;
  oc_sweep_plan (&plan_cfg, cfg.controls == (1u << OC_CONTROL_IMP) ? cfg.seeds->len : 1000,
                 cfg.train->threads > 0 ? cfg.train->threads : g_get_num_processors (), &workers,
                 &job.blas_threads);
  plan (&job);

  if (job.n_done == job.n_points)
    {
      g_autoptr (OcStoreExperiment) e = oc_store_find_experiment (store, id, NULL);

      printf ("experiment: %s · reused all %u points from %s in %s (--rerun trains again)\n", id,
              job.n_points, e != NULL ? e->updated : "?", oc_store_get_path (store));
    }
  else
    {
      g_autofree char *desc = oc_spec_describe (spec);

      if (!oc_store_begin_experiment (store, spec, job.n_points, &created, &error))
        {
          oc_cli_error ("%s", error->message);
          status = oc_cli_exit_code_for (error);
          goto out;
        }
      printf ("experiment: %s · %s\n", id, desc);
      if (job.n_done > 0)
        printf ("resuming: %u of %u points are already in the store; %u trainings to go\n",
                job.n_done, job.n_points, job.n_to_train);
      fflush (stdout);
      job.t0 = g_get_monotonic_time ();
      oc_cli_run_interruptible (lottery_work, &job, cancellable);
      elapsed = oc_cli_format_duration ((g_get_monotonic_time () - job.t0) / 1e6);

      if (job.error != NULL)
        {
          gboolean cancelled = g_error_matches (job.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
          g_autoptr (GError) st_error = NULL;

          if (cancelled)
            oc_cli_error ("cancelled after %s; %u of %u points are stored — run the same command "
                          "again to resume", elapsed, job.n_done, job.n_points);
          else
            oc_cli_error ("%s", job.error->message);
          /* A new experiment that failed before recording anything (bad data, say) never ran. */
          if (created && job.n_recorded == 0 && !cancelled)
            oc_store_remove_experiment (store, id, NULL, &st_error);
          else
            oc_store_set_experiment_status (store, id, cancelled ? OC_STATUS_CANCELLED
                                                                 : OC_STATUS_FAILED, &st_error);
          if (st_error != NULL)
            oc_cli_error ("could not record how the run ended: %s", st_error->message);
          status = cancelled ? OC_EXIT_FAILED : oc_cli_exit_code_for (job.error);
          goto out;
        }
      if (job.n_failed == 0 && job.n_done < job.n_points)
        {
          /* Not expected: every level either finishes or is recorded as failed. */
          oc_cli_error ("the run ended with %u of %u points stored; run the same command again to "
                        "complete it", job.n_done, job.n_points);
          oc_store_set_experiment_status (store, id, OC_STATUS_FAILED, NULL);
          status = OC_EXIT_FAILED;
          goto out;
        }
      if (job.n_failed > 0
          && !oc_store_set_experiment_status (store, id, OC_STATUS_FAILED, &error))
        {
          oc_cli_error ("%s", error->message);
          status = OC_EXIT_FAILED;
          goto out;
        }
      printf ("experiment: %s · %u trainings in %s · stored in %s\n", id, job.n_trained, elapsed,
              oc_store_get_path (store));
    }

  if (!write_outputs (store, id, ro, export_dir, tolerance, &error))
    {
      oc_cli_error ("%s", error->message);
      status = oc_cli_exit_code_for (error);
      goto out;
    }
  if (job.n_failed > 0)
    {
      oc_cli_error ("%u level%s diverged (see the table); the experiment is marked failed",
                    job.n_failed, job.n_failed == 1 ? "" : "s");
      status = OC_EXIT_FAILED;
    }

out:
  g_clear_error (&job.error);
  g_hash_table_unref (job.inflight);
  g_free (job.current);
  g_mutex_clear (&job.lock);
  oc_lottery_config_clear (&cfg);
  return status;
}

int
oc_cli_run_prune_spec (const OcSpec *spec, const OcCliRunOptions *ro)
{
  return run_prune_spec (spec, ro, NULL, DEFAULT_MATCH_TOLERANCE_PP / 100);
}

int
oc_cmd_prune (int argc, char **argv)
{
  g_autofree char *export_dir = NULL;
  double tolerance = DEFAULT_MATCH_TOLERANCE_PP;
  const GOptionEntry extra[] = {
    { "export-masks", 0, 0, G_OPTION_ARG_FILENAME, &export_dir,
      "Write masks and weights (start and trained) per control, seed, level and layer as .npy "
      "files into DIR", "DIR" },
    /* Display only: which levels the summary calls matching. It changes no result, so it is not
     * a spec field and does not change the experiment ID. */
    { "match-tolerance", 0, 0, G_OPTION_ARG_DOUBLE, &tolerance,
      "Summary: a density matches when its accuracy is at most PP percentage points below the "
      "dense network's (1)", "PP" },
    { NULL }
  };
  const OcCliSpecCommand cmd = {
    "prune", "- find lottery tickets by iterative magnitude pruning",
    "Trains a network, prunes the smallest weights, rewinds the survivors and trains again, level "
    "by level,\nwith controls (reinit: same mask, new initialisation; random: random mask) at the "
    "same densities.\nEach level is recorded in the experiment store; an interrupted run resumes "
    "at the next level.\n"
    "Example: occam-cli prune --preset frankle-carbin --iterations 5000 --val-size 0 "
    "--controls imp,reinit,random --csv lth.csv",
    "Pruning options:", "Write one row per control, seed and level to FILE", TRUE, extra,
  };
  OcCliSpecArgs a;
  int status = oc_cli_spec_parse (argc, argv, &cmd, &a);

  if (status < 0 && !(tolerance >= 0 && tolerance <= 100))
    {
      oc_cli_error ("--match-tolerance: must be between 0 and 100 percentage points, got %g",
                    tolerance);
      status = OC_EXIT_BAD_INPUT;
    }
  if (status < 0)
    status = run_prune_spec (a.o.spec, &a.ro, export_dir, tolerance / 100);
  oc_cli_spec_args_clear (&a);
  return status;
}
