/* oc-cli-run.c — running an experiment from the command line: the worker thread, Ctrl-C, the
 * progress line and the messages every command shares.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The experiment itself (reuse, recording, statuses) is the engine's (oc_experiment_run); this
 * file only shows it. --progress=auto (the default) redraws the progress line in place a few times
 * a second on a terminal and writes a line every OC_CLI_LOG_INTERVAL seconds otherwise (a log, a
 * pipe), plus a last one when the run ends; --progress=always redraws in place wherever standard
 * error goes; --progress=never (-q) writes no progress at all.
 */
#include <glib/gi18n.h>
#include <glib-unix.h>
#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "occam/oc-error.h"
#include "oc-cli.h"
#include "oc-cli-mpi.h"
#include "oc-cli-output.h"
#include "oc-cli-run.h"
#include <inttypes.h>

gboolean
oc_cli_progress_parse (const char *text, gboolean quiet, OcCliProgress *progress,
                       GError **error)
{
  static const char *const names[] = {
    [OC_CLI_PROGRESS_AUTO] = "auto",
    [OC_CLI_PROGRESS_ALWAYS] = "always",
    [OC_CLI_PROGRESS_NEVER] = "never",
  };

  *progress = quiet ? OC_CLI_PROGRESS_NEVER : OC_CLI_PROGRESS_AUTO;
  if (text == NULL)
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (strcmp (text, names[i]) == 0)
      {
        if (quiet && i != OC_CLI_PROGRESS_NEVER)
          {
            g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                         "-q (no progress) and --progress=%s contradict each other; give one",
                         text);
            return FALSE;
          }
        *progress = (OcCliProgress) i;
        return TRUE;
      }
  g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
               "--progress '%s': expected auto (a live line on a terminal, a line every %d s "
               "otherwise), always (the live line) or never", text, OC_CLI_LOG_INTERVAL);
  return FALSE;
}

int
oc_cli_exit_code_for (const GError *error)
{
  /* OC_ERROR_IO is an input that cannot be read (permission denied, a folder given as a file) far
   * more often than a disk failing under a run, and the user fixes it like any other bad input:
   * exit 2, as the README promises. */
  if (error->domain == OC_ERROR)
    switch ((OcError) error->code)
      {
      case OC_ERROR_DIVERGED:
      case OC_ERROR_NO_MEMORY:
        return OC_EXIT_FAILED;
      default:
        return OC_EXIT_BAD_INPUT;
      }
  return OC_EXIT_FAILED;
}

int
oc_cli_fail (const GError *error)
{
  oc_cli_error ("%s", error->message);
  return oc_cli_exit_code_for (error);
}

OcStore *
oc_cli_open_store (const char *path, gboolean create, GError **error)
{
  g_autofree char *fallback = path == NULL ? oc_store_default_path () : NULL;
  OcStore *store = oc_store_open (path != NULL ? path : fallback,
                                  create ? OC_STORE_OPEN_CREATE : OC_STORE_OPEN_DEFAULT, error);

  if (store != NULL && oc_store_get_network_fs (store) != NULL)
    fprintf (stderr, _("note: %s is on a network file system (%s): using a rollback journal, "
             "which is slower than write-ahead logging; for jobs on several nodes give each a "
             "store on local disk and combine them with occam-cli merge\n"),
             oc_store_get_path (store), oc_store_get_network_fs (store));
  return store;
}

gboolean
oc_cli_check_output_path (const char *path, GError **error)
{
  g_autofree char *dir = NULL;

  if (oc_cli_is_stdout (path))
    return TRUE;
  dir = g_path_get_dirname (path);

  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, OC_ERROR, OC_ERROR_NOT_FOUND,
                   "%s: the folder %s does not exist; create it first", path, dir);
      return FALSE;
    }
  if (access (dir, W_OK) != 0)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_IO, "%s: cannot write into %s: %s", path, dir,
                   g_strerror (errno));
      return FALSE;
    }
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                   "%s is a folder; give a file name", path);
      return FALSE;
    }
  return TRUE;
}

char *
oc_cli_store_path (const char *path, char **arg_out)
{
  *arg_out = path != NULL ? g_strdup_printf ("--store %s", path) : NULL;
  return path != NULL ? g_strdup (path) : oc_store_default_path ();
}

OcPathGuard *
oc_cli_spec_guard (const OcSpec *spec, const OcCliRunOptions *ro, GError **error)
{
  g_autoptr (OcPathGuard) inputs = oc_path_guard_new ();
  g_autofree char *store_arg = NULL;
  g_autofree char *store = oc_cli_store_path (ro->store_path, &store_arg);
  gboolean from_file = ro->spec_path != NULL;

  oc_path_guard_add_spec (inputs, spec, !from_file);
  if (from_file && g_strcmp0 (ro->spec_path, "-") != 0)
    {
      g_autofree char *arg = g_strdup_printf ("occam-cli run %s", ro->spec_path);

      oc_path_guard_add (inputs, ro->spec_path, "the spec file", arg);
    }
  /* The store is written too: it may not be an input either. */
  if (!oc_path_guard_check (inputs, store, "--store", error))
    return NULL;
  oc_path_guard_add_store (inputs, store, NULL, store_arg);
  return g_steal_pointer (&inputs);
}

/* At most this many shards: far more than any cluster job has array tasks. */
#define MAX_SHARDS 1000000

static gboolean
parse_count (const char *text, guint *out)
{
  guint64 v;

  if (!g_ascii_isdigit (text[0]) || !g_ascii_string_to_unsigned (text, 10, 0, MAX_SHARDS, &v, NULL))
    return FALSE;
  *out = (guint) v;
  return TRUE;
}

gboolean
oc_cli_shard_parse (const char *text, guint *shard, guint *n_shards, GError **error)
{
  g_auto (GStrv) parts = g_strsplit (text, "/", -1);
  guint k, n;

  if (g_strv_length (parts) != 2 || !parse_count (parts[0], &k) || !parse_count (parts[1], &n))
    {
      g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                   "--shard %s: expected K/N, shard K of N shards (e.g. 2/8; K from 1 to N, N up "
                   "to %d)", text, MAX_SHARDS);
      return FALSE;
    }
  if (n == 0)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                   "--shard %s: there must be at least one shard (N >= 1)", text);
      return FALSE;
    }
  if (k == 0 || k > n)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                   "--shard %s: shards are numbered from 1 to %u%s", text, n,
                   k == 0 ? " (a job array numbered from 0 passes $((SLURM_ARRAY_TASK_ID + 1)))"
                          : "");
      return FALSE;
    }
  *shard = k;
  *n_shards = n;
  return TRUE;
}

gboolean
oc_cli_mpi_parse (gboolean mpi, gint64 cpus, OcCliRunOptions *ro, GError **error)
{
  if (cpus != -1 && (cpus < 1 || cpus > 4096))
    {
      g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                   _("--cpus-per-rank %" PRId64 ": give 1 to 4096 CPUs"), cpus);
      return FALSE;
    }
  if (cpus != -1 && !mpi)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                   "--cpus-per-rank is for MPI jobs: add --mpi (without MPI, --threads and "
                   "--workers set the cores)");
      return FALSE;
    }
  ro->mpi = mpi;
  ro->cpus_per_rank = cpus > 0 ? (guint) cpus : 0;
  return TRUE;
}

static gboolean
check_shard (const OcSpec *spec, const OcCliRunOptions *ro, GError **error)
{
  OcRunOptions options = { .shard = ro->shard, .n_shards = ro->n_shards };

  if (oc_run_options_check (&options, spec, error))
    return TRUE;
  g_prefix_error (error, "--shard %u/%u: ", ro->shard, ro->n_shards);
  return FALSE;
}

gboolean
oc_cli_check_run_outputs (const OcSpec *spec, const OcCliRunOptions *ro, GError **error)
{
  g_autoptr (OcPathGuard) guard = NULL;

  if (!check_shard (spec, ro, error))
    return FALSE;
  guard = oc_cli_spec_guard (spec, ro, error);
  return guard != NULL
         && (ro->csv_path == NULL || oc_path_guard_check (guard, ro->csv_path, "--csv", error))
         && (ro->json_path == NULL || oc_path_guard_check (guard, ro->json_path, "--json", error))
         && (ro->csv_path == NULL || oc_cli_check_output_path (ro->csv_path, error))
         && (ro->json_path == NULL || oc_cli_check_output_path (ro->json_path, error));
}

static gboolean
quit_idle (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

typedef struct
{
  OcCliWorkFunc func;
  gpointer      data;
  GCancellable *cancellable;
  GMainLoop    *loop;
  int           stopped_by; /* the first stop signal received, or 0 */
} Interruptible;

static gpointer
interruptible_thread (gpointer user_data)
{
  Interruptible *it = user_data;

  it->func (it->data, it->cancellable);
  g_idle_add (quit_idle, it->loop);
  return NULL;
}

/* Ctrl-C, and a polite kill (SIGTERM, as a scheduler sends at a time limit) or a closed terminal
 * (SIGHUP) alike: stop after the current step, record how the experiment ended, exit 128 + the
 * signal's number as shells report a process the signal ended. The same signal again means now. */
static const int stop_signals[] = { SIGINT, SIGTERM, SIGHUP };

typedef struct
{
  Interruptible *it;
  int            signum;
} Stop;

static gboolean
on_stop_signal (gpointer user_data)
{
  Stop *stop = user_data;
  GCancellable *cancellable = stop->it->cancellable;

  if (!g_cancellable_is_cancelled (cancellable))
    {
      fprintf (stderr, _("\n%s: stopping after the current step… (again to stop at once)\n"),
               g_strsignal (stop->signum));
      stop->it->stopped_by = stop->signum;
    }
  else
    {
      signal (stop->signum, SIG_DFL);
      raise (stop->signum);
    }
  g_cancellable_cancel (cancellable);
  return G_SOURCE_CONTINUE;
}

int
oc_cli_run_interruptible (OcCliWorkFunc func, gpointer data, GCancellable *cancellable)
{
  g_autoptr (GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  Interruptible it = { func, data, cancellable, loop, 0 };
  Stop stops[G_N_ELEMENTS (stop_signals)];
  guint sources[G_N_ELEMENTS (stop_signals)];
  GThread *thread;

  for (guint i = 0; i < G_N_ELEMENTS (stop_signals); i++)
    {
      stops[i].it = &it;
      stops[i].signum = stop_signals[i];
      sources[i] = g_unix_signal_add (stop_signals[i], on_stop_signal, &stops[i]);
    }
  thread = g_thread_new ("occam-run", interruptible_thread, &it);
  g_main_loop_run (loop);
  g_thread_join (thread);
  for (guint i = 0; i < G_N_ELEMENTS (stop_signals); i++)
    g_source_remove (sources[i]);
  return it.stopped_by;
}

/* ---- Running an experiment ---- */

/* What the progress line shows, kept from the latest events so that a line printed later (a log's
 * next line, its last one) says where the run stands. */
typedef struct
{
  double      done, elapsed, eta;
  guint64     iteration, total_iterations;
  gboolean    has_eval;
  OcEvalPoint eval;      /* the latest evaluation of a one-point run */
  guint       n_ran;
} Snapshot;

typedef struct
{
  const OcCliRunOptions *ro;
  const OcCliShow       *show;
  OcStore               *store;
  const OcSpec          *spec;
  gboolean               live;        /* one line redrawn in place (a terminal, or always) */
  gboolean               line_shown;  /* a live line is on the terminal */
  gint64                 last_print;  /* monotonic µs of the last line, 0 before the first */
  const OcRunPlan       *plan;        /* during oc_experiment_run's events only */
  guint                  n_points;
  Snapshot               now;
  gboolean               pending;     /* now has news no line has shown yet */
  GHashTable            *inflight;    /* point index → double fraction (boxed) */
  guint                  n_to_run;
  OcRunSummary           summary;
  GError                *error;
} Watch;

static void
clear_line (Watch *w)
{
  if (w->line_shown)
    {
      fprintf (stderr, "\r\033[K");
      fflush (stderr);
      w->line_shown = FALSE;
    }
}

static gint
cmp_index (gconstpointer a, gconstpointer b)
{
  guint x = GPOINTER_TO_UINT (a), y = GPOINTER_TO_UINT (b);

  return (x > y) - (x < y);
}

/* "width 64 · seed 0 42 % · width 8 · seed 1 10 %": what is training now. */
static void
append_inflight (Watch *w, GString *s)
{
  g_autoptr (GList) keys = g_hash_table_get_keys (w->inflight);

  keys = g_list_sort (keys, cmp_index);
  for (GList *k = keys; k != NULL; k = k->next)
    {
      guint index = GPOINTER_TO_UINT (k->data) - 1;
      double *fraction = g_hash_table_lookup (w->inflight, k->data);

      g_string_append_printf (s, " · %s %.0f%%", oc_run_plan_get_label (w->plan, index),
                              100 * *fraction);
    }
}

static void
print_progress (Watch *w, gboolean force)
{
  const Snapshot *n = &w->now;
  gint64 now = g_get_monotonic_time ();
  gboolean one = w->n_points == 1;
  g_autoptr (GString) line = NULL;
  g_autofree char *eta = NULL, *elapsed = NULL;

  if (w->ro->progress == OC_CLI_PROGRESS_NEVER)
    return;
  /* A live line a few times a second; a log a line every few seconds, the first at once. */
  if (!force && w->last_print != 0
      && now - w->last_print < (w->live ? 200000 : OC_CLI_LOG_INTERVAL * G_USEC_PER_SEC))
    return;
  w->last_print = now;
  w->pending = FALSE;
  line = g_string_new (NULL);
  eta = isnan (n->eta) ? g_strdup ("?") : oc_format_duration (n->eta);
  elapsed = oc_format_duration (n->elapsed);
  g_string_append_printf (line, "[%3.0f%%] ", 100 * n->done);
  if (one)
    {
      g_string_append_printf (line, _("iteration %" PRIu64 "/%" PRIu64
                              "  %.0f it/s  elapsed %s  ETA %s"), n->iteration,
                              n->total_iterations,
                              n->elapsed > 0 ? n->iteration / n->elapsed : 0.0, elapsed, eta);
      if (n->has_eval)
        g_string_append_printf (line, _("  train loss %.4f err %.2f%%  test loss %.4f err %.2f%%"),
                                n->eval.train_loss, 100 * n->eval.train_error,
                                n->eval.test_loss, 100 * n->eval.test_error);
    }
  else
    {
      g_string_append_printf (line, _("%u/%u points"), n->n_ran, w->n_to_run);
      append_inflight (w, line);
      g_string_append_printf (line, _(" · elapsed %s · ETA %s"), elapsed, eta);
    }
  fprintf (stderr, "%s%s%s", w->live ? "\r\033[K" : "", line->str, w->live ? "" : "\n");
  fflush (stderr);
  w->line_shown = w->live;
}

static void
print_started (Watch *w, const OcRunPlan *plan)
{
  guint n = oc_run_plan_get_n_points (plan), stored = oc_run_plan_get_n_stored (plan);
  guint workers, threads;

  w->n_to_run = oc_run_plan_get_n_to_run (plan);
  w->n_points = n;
  if (w->n_to_run == 0)
    return;
  if (n > 1)
    {
      guint shard, n_shards;

      printf (_("experiment: %s · %u points"), oc_run_plan_get_id (plan), n);
      oc_run_plan_get_sharding (plan, &shard, &n_shards);
      if (n_shards > 1)
        printf (_(" · shard %u/%u"), shard, n_shards);
      if (stored > 0)
        printf (_(" · %u reused from %s"), stored, oc_store_get_path (w->store));
      printf ("\n");
      fflush (stdout);
      oc_run_plan_get_threads (plan, &workers, &threads);
      if (w->ro->progress != OC_CLI_PROGRESS_NEVER && w->ro->mpi && oc_cli_mpi_remote () != NULL)
        fprintf (stderr, _("Computing %u point%s on %u MPI ranks, largest first (Ctrl-C stops; "
                 "finished points are kept)\n"), w->n_to_run, w->n_to_run == 1 ? "" : "s",
                 oc_cli_mpi_n_ranks () - 1);
      else if (w->ro->progress != OC_CLI_PROGRESS_NEVER)
        fprintf (stderr, _("Computing %u point%s, %u at a time with %u thread%s each (Ctrl-C "
                 "stops; finished points are kept)\n"), w->n_to_run, w->n_to_run == 1 ? "" : "s",
                 workers, threads, threads == 1 ? "" : "s");
    }
}

static void
take_snapshot (Watch *w, const OcRunEvent *e)
{
  w->now.done = e->done;
  w->now.elapsed = e->elapsed;
  w->now.eta = e->eta;
  w->now.n_ran = e->n_ran;
  if (e->kind == OC_RUN_EVENT_PROGRESS)
    {
      w->now.iteration = e->iteration;
      w->now.total_iterations = e->total_iterations;
    }
  if (e->eval != NULL)
    {
      w->now.eval = *e->eval;
      w->now.has_eval = TRUE;
    }
  w->pending = TRUE;
}

static void
observe (const OcRunEvent *e, gpointer user_data)
{
  Watch *w = user_data;
  gpointer key = GUINT_TO_POINTER (e->index + 1);

  w->plan = e->plan;
  switch (e->kind)
    {
    case OC_RUN_EVENT_STARTED:
      print_started (w, e->plan);
      break;
    case OC_RUN_EVENT_PROGRESS:
      {
        double *fraction = g_hash_table_lookup (w->inflight, key);

        if (fraction == NULL)
          {
            fraction = g_new (double, 1);
            g_hash_table_insert (w->inflight, key, fraction);
          }
        *fraction = e->fraction;
        take_snapshot (w, e);
        print_progress (w, FALSE);
      }
      break;
    case OC_RUN_EVENT_POINT:
      g_hash_table_remove (w->inflight, key);
      take_snapshot (w, e);
      clear_line (w);
      if (w->show != NULL && w->show->point != NULL)
        w->show->point (e, w->show->user_data);
      /* Redraw the line under the new one on a terminal; a log waits for the next report. */
      if (w->live && oc_run_plan_get_n_points (e->plan) > 1)
        print_progress (w, TRUE);
      break;
    default:
      break;
    }
}

static void
experiment_work (gpointer user_data, GCancellable *cancellable)
{
  Watch *w = user_data;
  OcRunOptions options = {
    .rerun = w->ro->rerun,
    .dataset = w->ro->dataset,
    .shard = w->ro->shard,
    .n_shards = w->ro->n_shards,
    .remote = w->ro->mpi ? oc_cli_mpi_remote () : NULL,
  };

  oc_experiment_run (w->spec, w->store, &options, observe, w, cancellable, &w->summary,
                     &w->error);
  /* The plan is gone with the run, and nothing is in flight any more. A log's last line says
   * where the run ended (a finished run: 100 %). */
  w->plan = NULL;
  g_hash_table_remove_all (w->inflight);
  if (!w->live && w->pending && w->n_points > 0)
    print_progress (w, TRUE);
  clear_line (w);
}

/* The line a run that had nothing left to do prints instead of progress. */
static void
print_reused (const OcRunSummary *s, const OcCliRunOptions *ro, OcStore *store)
{
  if (ro->n_shards > 1)
    {
      if (s->n_shard == 0)
        printf (_("experiment: %s · shard %u/%u has none of its %u points (there are more shards "
                "than chains of points); recorded as %s in %s\n"), s->id, ro->shard, ro->n_shards,
                s->n_points, oc_status_to_string (s->status), oc_store_get_path (store));
      else
        printf (_("experiment: %s · shard %u/%u · its %u points are stored in %s (--rerun computes "
                "them again)\n"), s->id, ro->shard, ro->n_shards, s->n_shard,
                oc_store_get_path (store));
    }
  else if (s->n_points == 1)
    {
      g_autoptr (OcStoreExperiment) e = oc_store_find_experiment (store, s->id, NULL);
      g_autoptr (GPtrArray) points = oc_store_list_points (store, s->id, FALSE, NULL);
      const OcStorePoint *p = points != NULL && points->len > 0 ? points->pdata[0] : NULL;

      printf (_("experiment: %s · reused the result from %s in %s (--rerun trains again)\n"), s->id,
              p != NULL ? p->finished : e != NULL ? e->updated : "?", oc_store_get_path (store));
    }
  else
    {
      g_autoptr (OcStoreExperiment) e = oc_store_find_experiment (store, s->id, NULL);

      printf (_("experiment: %s · reused all %u points from %s in %s (--rerun computes them "
              "again)\n"), s->id, s->n_points, e != NULL ? e->updated : "?",
              oc_store_get_path (store));
    }
}

int
oc_cli_run_experiment (const OcSpec *spec, const OcCliRunOptions *ro, const OcCliShow *show,
                       OcStore **store_out, OcRunSummary *summary)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (OcStore) store = NULL;
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GHashTable) inflight = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  Watch w = { 0 };
  int stopped_by;

  if (!oc_cli_check_run_outputs (spec, ro, &error)
      || !oc_cli_take_stdout (&error, "--csv", ro->csv_path, "--json", ro->json_path, NULL))
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
  w.ro = ro;
  w.show = show;
  w.store = store;
  w.spec = spec;
  w.live = ro->progress == OC_CLI_PROGRESS_ALWAYS
           || (ro->progress == OC_CLI_PROGRESS_AUTO && isatty (STDERR_FILENO));
  w.inflight = inflight;
  stopped_by = oc_cli_run_interruptible (experiment_work, &w, cancellable);
  *summary = w.summary;
  if (w.error != NULL)
    {
      g_autoptr (GError) run_error = w.error;
      g_autofree char *elapsed = oc_format_duration (w.summary.seconds);

      if (g_error_matches (run_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          oc_cli_error (_("cancelled after %s; %u of %u points are stored — run the same command "
                          "again to resume"), elapsed, w.summary.n_reused + w.summary.n_ran,
                        w.summary.n_points);
          return stopped_by != 0 ? 128 + stopped_by : OC_EXIT_FAILED;
        }
      oc_cli_error ("%s", run_error->message);
      return oc_cli_exit_code_for (run_error);
    }
  if (w.summary.n_ran == 0)
    print_reused (&w.summary, ro, store);
  fflush (stdout);
  *store_out = g_steal_pointer (&store);
  return OC_EXIT_OK;
}

void
oc_cli_print_stored (const OcRunSummary *summary, OcStore *store)
{
  if (summary->n_ran > 0)
    printf (_("experiment: %s · stored in %s\n"), summary->id, oc_store_get_path (store));
}

int
oc_cli_run_any_spec (const OcSpec *spec, const OcCliRunOptions *ro)
{
  g_autoptr (OcStore) store = NULL;
  OcRunSummary summary;
  int status = oc_cli_run_experiment (spec, ro, NULL, &store, &summary);

  if (status == OC_EXIT_OK)
    oc_cli_print_stored (&summary, store);
  return status;
}

gboolean
oc_cli_check_no_json (const char *kind, const OcCliRunOptions *ro)
{
  if (ro->json_path == NULL)
    return TRUE;
  oc_cli_error (_("--json: not available for %s experiments; use --csv FILE"), kind);
  return FALSE;
}

int
oc_cli_run_report (const OcSpec *spec, const OcCliRunOptions *ro, const OcCliReport *report)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (OcStore) store = NULL;
  g_autoptr (GString) csv = g_string_new (report->csv_header);
  OcCliShow show = { report->point, (gpointer) ro };
  OcRunSummary summary;
  int status;

  if (!oc_cli_check_no_json (report->kind, ro))
    return OC_EXIT_BAD_INPUT;
  status = oc_cli_run_experiment (spec, ro, &show, &store, &summary);
  if (status != OC_EXIT_OK)
    return status;
  if (!report->summarise (spec, store, summary.id, csv, &error))
    {
      oc_cli_error ("%s", error->message);
      return oc_cli_exit_code_for (error);
    }
  oc_cli_print_anchor (report->kind, ro);
  if (ro->csv_path != NULL
      && !oc_cli_write_output (ro->csv_path, csv->str, (gssize) csv->len, &error))
    {
      oc_cli_error ("%s", error->message);
      return OC_EXIT_BAD_INPUT;
    }
  oc_cli_print_stored (&summary, store);
  /* Diverged points are results too (a learning rate too high for some widths), so the command
   * succeeds while any point finished; when none did, nothing was learnt and it fails. */
  if (summary.n_failed > 0)
    printf (_("%u of %u points failed (diverged): recorded as failed, computed again by the next "
            "run\n"), summary.n_failed, summary.n_points);
  if (summary.n_failed > 0 && summary.n_failed == summary.n_points)
    {
      oc_cli_error (_("every point failed (diverged); see the table — a smaller learning rate "
                      "may help"));
      return OC_EXIT_FAILED;
    }
  return OC_EXIT_OK;
}
