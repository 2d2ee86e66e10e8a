/* oc-cli-run.c — running an experiment from the command line: the worker thread, Ctrl-C, the
 * progress line and the messages every command shares.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The experiment itself (reuse, recording, statuses) is the engine's (oc_experiment_run); this
 * file only shows it. On a terminal the progress line is redrawn in place a few times a second;
 * in a log a one-point run prints a line per evaluation and a larger one a line every 10 s.
 */
#include <glib-unix.h>
#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "occam/oc-error.h"
#include "oc-cli.h"
#include "oc-cli-run.h"

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

OcStore *
oc_cli_open_store (const char *path, gboolean create, GError **error)
{
  g_autofree char *fallback = path == NULL ? oc_store_default_path () : NULL;

  return oc_store_open (path != NULL ? path : fallback,
                        create ? OC_STORE_OPEN_CREATE : OC_STORE_OPEN_DEFAULT, error);
}

gboolean
oc_cli_check_output_path (const char *path, GError **error)
{
  g_autofree char *dir = g_path_get_dirname (path);

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

gboolean
oc_cli_check_run_outputs (const OcSpec *spec, const OcCliRunOptions *ro, GError **error)
{
  g_autoptr (OcPathGuard) guard = oc_cli_spec_guard (spec, ro, error);

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
 * (SIGHUP) alike: stop after the current step, record how the experiment ended, exit 1. The same
 * signal again means now. */
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
    fprintf (stderr, "\n%s: stopping after the current step… (again to stop at once)\n",
             g_strsignal (stop->signum));
  else
    {
      signal (stop->signum, SIG_DFL);
      raise (stop->signum);
    }
  g_cancellable_cancel (cancellable);
  return G_SOURCE_CONTINUE;
}

void
oc_cli_run_interruptible (OcCliWorkFunc func, gpointer data, GCancellable *cancellable)
{
  g_autoptr (GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  Interruptible it = { func, data, cancellable, loop };
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
}

/* ---- Running an experiment ---- */

typedef struct
{
  const OcCliRunOptions *ro;
  const OcCliShow       *show;
  OcStore               *store;
  const OcSpec          *spec;
  gboolean               tty;
  gboolean               line_shown;  /* a progress line is on the terminal */
  gint64                 last_print;
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
append_inflight (Watch *w, const OcRunPlan *plan, GString *s)
{
  g_autoptr (GList) keys = g_hash_table_get_keys (w->inflight);

  keys = g_list_sort (keys, cmp_index);
  for (GList *k = keys; k != NULL; k = k->next)
    {
      guint index = GPOINTER_TO_UINT (k->data) - 1;
      double *fraction = g_hash_table_lookup (w->inflight, k->data);

      g_string_append_printf (s, " · %s %.0f%%", oc_run_plan_get_label (plan, index),
                              100 * *fraction);
    }
}

static void
print_progress (Watch *w, const OcRunEvent *e, gboolean force)
{
  gint64 now = g_get_monotonic_time ();
  gboolean one = oc_run_plan_get_n_points (e->plan) == 1;
  g_autoptr (GString) line = g_string_new (NULL);
  g_autofree char *eta = isnan (e->eta) ? g_strdup ("?") : oc_format_duration (e->eta);
  g_autofree char *elapsed = oc_format_duration (e->elapsed);

  if (w->ro->quiet)
    return;
  if (!force)
    {
      if (w->tty && now - w->last_print < 200000)
        return;
      /* A log gets a line per evaluation of one training, or a line every 10 s of many. */
      if (!w->tty && (one ? e->eval == NULL : now - w->last_print < 10000000))
        return;
    }
  w->last_print = now;
  g_string_append_printf (line, "[%3.0f%%] ", 100 * e->done);
  if (one)
    {
      g_string_append_printf (line, "iteration %" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT
                              "  %.0f it/s  elapsed %s  ETA %s", e->iteration,
                              e->total_iterations,
                              e->elapsed > 0 ? e->iteration / e->elapsed : 0.0, elapsed, eta);
      if (e->eval != NULL)
        g_string_append_printf (line, "  train loss %.4f err %.2f%%  test loss %.4f err %.2f%%",
                                e->eval->train_loss, 100 * e->eval->train_error,
                                e->eval->test_loss, 100 * e->eval->test_error);
    }
  else
    {
      g_string_append_printf (line, "%u/%u points", e->n_ran, w->n_to_run);
      append_inflight (w, e->plan, line);
      g_string_append_printf (line, " · elapsed %s · ETA %s", elapsed, eta);
    }
  fprintf (stderr, "%s%s%s", w->tty ? "\r\033[K" : "", line->str, w->tty ? "" : "\n");
  fflush (stderr);
  w->line_shown = w->tty;
}

static void
print_started (Watch *w, const OcRunPlan *plan)
{
  guint n = oc_run_plan_get_n_points (plan), stored = oc_run_plan_get_n_stored (plan);
  guint workers, threads;

  w->n_to_run = oc_run_plan_get_n_to_run (plan);
  if (w->n_to_run == 0)
    return;
  if (n > 1)
    {
      printf ("experiment: %s · %u points", oc_run_plan_get_id (plan), n);
      if (stored > 0)
        printf (" · %u reused from %s", stored, oc_store_get_path (w->store));
      printf ("\n");
      fflush (stdout);
      oc_run_plan_get_threads (plan, &workers, &threads);
      if (!w->ro->quiet)
        fprintf (stderr, "Computing %u point%s, %u at a time with %u thread%s each (Ctrl-C "
                 "stops; finished points are kept)\n", w->n_to_run, w->n_to_run == 1 ? "" : "s",
                 workers, threads, threads == 1 ? "" : "s");
    }
}

static void
observe (const OcRunEvent *e, gpointer user_data)
{
  Watch *w = user_data;
  gpointer key = GUINT_TO_POINTER (e->index + 1);

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
        print_progress (w, e, FALSE);
      }
      break;
    case OC_RUN_EVENT_POINT:
      g_hash_table_remove (w->inflight, key);
      clear_line (w);
      if (w->show != NULL && w->show->point != NULL)
        w->show->point (e, w->show->user_data);
      /* Redraw the line under the new one on a terminal; a log waits for the next report. */
      if (w->tty && oc_run_plan_get_n_points (e->plan) > 1)
        print_progress (w, e, TRUE);
      break;
    default:
      break;
    }
}

static void
experiment_work (gpointer user_data, GCancellable *cancellable)
{
  Watch *w = user_data;
  OcRunOptions options = { w->ro->rerun, w->ro->dataset };

  oc_experiment_run (w->spec, w->store, &options, observe, w, cancellable, &w->summary,
                     &w->error);
  clear_line (w);
}

/* The line a run that had nothing left to do prints instead of progress. */
static void
print_reused (const OcRunSummary *s, OcStore *store)
{
  if (s->n_points == 1)
    {
      g_autoptr (OcStoreExperiment) e = oc_store_find_experiment (store, s->id, NULL);
      g_autoptr (GPtrArray) points = oc_store_list_points (store, s->id, FALSE, NULL);
      const OcStorePoint *p = points != NULL && points->len > 0 ? points->pdata[0] : NULL;

      printf ("experiment: %s · reused the result from %s in %s (--rerun trains again)\n", s->id,
              p != NULL ? p->finished : e != NULL ? e->updated : "?", oc_store_get_path (store));
    }
  else
    {
      g_autoptr (OcStoreExperiment) e = oc_store_find_experiment (store, s->id, NULL);

      printf ("experiment: %s · reused all %u points from %s in %s (--rerun computes them "
              "again)\n", s->id, s->n_points, e != NULL ? e->updated : "?",
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

  if (!oc_cli_check_run_outputs (spec, ro, &error))
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
  w.tty = isatty (STDERR_FILENO);
  w.inflight = inflight;
  oc_cli_run_interruptible (experiment_work, &w, cancellable);
  *summary = w.summary;
  if (w.error != NULL)
    {
      g_autoptr (GError) run_error = w.error;
      g_autofree char *elapsed = oc_format_duration (w.summary.seconds);

      if (g_error_matches (run_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          oc_cli_error ("cancelled after %s; %u of %u points are stored — run the same command "
                        "again to resume", elapsed, w.summary.n_reused + w.summary.n_ran,
                        w.summary.n_points);
          return OC_EXIT_FAILED;
        }
      oc_cli_error ("%s", run_error->message);
      return oc_cli_exit_code_for (run_error);
    }
  if (w.summary.n_ran == 0)
    print_reused (&w.summary, store);
  fflush (stdout);
  *store_out = g_steal_pointer (&store);
  return OC_EXIT_OK;
}

void
oc_cli_print_stored (const OcRunSummary *summary, OcStore *store)
{
  if (summary->n_ran > 0)
    printf ("experiment: %s · stored in %s\n", summary->id, oc_store_get_path (store));
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
  oc_cli_error ("--json: not available for %s experiments; use --csv FILE", kind);
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
  /* g_file_set_contents writes a temporary file and renames it: no partial CSV. */
  if (ro->csv_path != NULL
      && !g_file_set_contents (ro->csv_path, csv->str, (gssize) csv->len, &error))
    {
      oc_cli_error ("%s", error->message);
      return OC_EXIT_BAD_INPUT;
    }
  oc_cli_print_stored (&summary, store);
  /* Diverged points are results too (a learning rate too high for some widths), so the command
   * succeeds while any point finished; when none did, nothing was learnt and it fails. */
  if (summary.n_failed > 0)
    printf ("%u of %u points failed (diverged): recorded as failed, computed again by the next "
            "run\n", summary.n_failed, summary.n_points);
  if (summary.n_failed > 0 && summary.n_failed == summary.n_points)
    {
      oc_cli_error ("every point failed (diverged); see the table — a smaller learning rate "
                    "may help");
      return OC_EXIT_FAILED;
    }
  return OC_EXIT_OK;
}
