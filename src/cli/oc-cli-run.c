/* oc-cli-run.c — the worker thread, Ctrl-C and the progress line behind `train` and friends.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
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

typedef struct
{
  const OcDataOptions *data_opts;
  const OcTrainConfig *cfg;
  gboolean             quiet;
  gboolean             tty;

  OcDataset           *data;
  OcMlp               *model;
  OcTrainResult       *result;
  GError              *error;
  gint64               last_print;
} Job;

char *
oc_cli_format_duration (double seconds)
{
  long s = isfinite (seconds) && seconds > 0 ? (long) (seconds + 0.5) : 0;

  if (s >= 3600)
    return g_strdup_printf ("%ld:%02ld:%02ld", s / 3600, (s / 60) % 60, s % 60);
  return g_strdup_printf ("%ld:%02ld", s / 60, s % 60);
}

int
oc_cli_exit_code_for (const GError *error)
{
  if (error->domain == OC_ERROR)
    switch ((OcError) error->code)
      {
      case OC_ERROR_DIVERGED:
      case OC_ERROR_NO_MEMORY:
      case OC_ERROR_IO:
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

static void
on_progress (const OcProgress *p, gpointer user_data)
{
  Job *job = user_data;
  gint64 now = g_get_monotonic_time ();
  double frac = p->total_iterations ? (double) p->iteration / p->total_iterations : 1.0;
  double eta = p->iteration > 0 ? p->elapsed / frac - p->elapsed : NAN;
  g_autofree char *eta_s = NULL, *el_s = NULL;
  g_autofree char *metrics = NULL;

  if (job->quiet)
    return;
  /* On a terminal the line is redrawn in place a few times a second; in a log, one line per
   * evaluation is plenty. */
  if (!job->tty && p->eval == NULL)
    return;
  if (job->tty && p->eval == NULL && now - job->last_print < 200000)
    return;
  job->last_print = now;

  eta_s = isnan (eta) ? g_strdup ("?") : oc_cli_format_duration (eta);
  el_s = oc_cli_format_duration (p->elapsed);
  if (p->eval != NULL)
    metrics = g_strdup_printf ("  train loss %.4f err %.2f%%  test loss %.4f err %.2f%%",
                               p->eval->train_loss, 100 * p->eval->train_error,
                               p->eval->test_loss, 100 * p->eval->test_error);
  fprintf (stderr, "%s[%3.0f%%] iteration %" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT
           "  %.0f it/s  elapsed %s  ETA %s%s%s",
           job->tty ? "\r\033[K" : "", 100 * frac, p->iteration, p->total_iterations,
           p->elapsed > 0 ? p->iteration / p->elapsed : 0.0, el_s, eta_s,
           metrics != NULL ? metrics : "", job->tty ? "" : "\n");
  fflush (stderr);
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

static gboolean
on_sigint (gpointer user_data)
{
  Interruptible *it = user_data;

  if (!g_cancellable_is_cancelled (it->cancellable))
    fprintf (stderr, "\nStopping after the current step… (Ctrl-C again to force)\n");
  else
    {
      /* A second Ctrl-C means now. */
      signal (SIGINT, SIG_DFL);
      raise (SIGINT);
    }
  g_cancellable_cancel (it->cancellable);
  return G_SOURCE_CONTINUE;
}

void
oc_cli_run_interruptible (OcCliWorkFunc func, gpointer data, GCancellable *cancellable)
{
  g_autoptr (GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  Interruptible it = { func, data, cancellable, loop };
  GThread *thread;
  guint sig;

  sig = g_unix_signal_add (SIGINT, on_sigint, &it);
  thread = g_thread_new ("occam-run", interruptible_thread, &it);
  g_main_loop_run (loop);
  g_thread_join (thread);
  g_source_remove (sig);
}

static void
train_work (gpointer user_data, GCancellable *cancellable)
{
  Job *job = user_data;

  job->data = oc_dataset_load (job->data_opts, cancellable, &job->error);
  if (job->data != NULL)
    job->model = oc_train_build_model (job->cfg, job->data, &job->error);
  if (job->model != NULL)
    job->result = oc_train_run (job->cfg, job->data, job->model, cancellable, on_progress, job,
                                NULL, &job->error);
  if (job->tty && !job->quiet)
    fprintf (stderr, "\n");
}

int
oc_cli_run_training (const OcDataOptions *data_opts, const OcTrainConfig *cfg, gboolean quiet,
                     OcDataset **data_out, OcMlp **model_out, OcTrainResult **result_out,
                     GError **error)
{
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  Job job = { 0 };

  job.data_opts = data_opts;
  job.cfg = cfg;
  job.quiet = quiet;
  job.tty = isatty (STDERR_FILENO);
  oc_cli_run_interruptible (train_work, &job, cancellable);

  if (job.error != NULL)
    {
      int code = oc_cli_exit_code_for (job.error);

      g_propagate_error (error, job.error);
      g_clear_pointer (&job.result, oc_train_result_free);
      g_clear_pointer (&job.model, oc_mlp_free);
      g_clear_pointer (&job.data, oc_dataset_free);
      return code;
    }
  *data_out = job.data;
  *model_out = job.model;
  *result_out = job.result;
  return OC_EXIT_OK;
}
