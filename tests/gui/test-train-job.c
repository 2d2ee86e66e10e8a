/* test-train-job.c — the coalescing mailbox and the training worker, without a display.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "occam/oc-error.h"
#include "oc-mailbox.h"
#include "oc-train-job.h"

/* ---- Mailbox ---- */

#define FLOOD 200000

typedef struct
{
  GArray  *seen;       /* guint, every item delivered, in order */
  guint    deliveries;
  gboolean done;
} Sink;

static void
sink (GPtrArray *items, gpointer user_data)
{
  Sink *s = user_data;

  s->deliveries++;
  for (guint i = 0; i < items->len; i++)
    g_array_append_val (s->seen, *(guint *) items->pdata[i]);
}

static gpointer
flood_thread (gpointer user_data)
{
  OcMailbox *mb = user_data;

  for (guint i = 0; i < FLOOD; i++)
    {
      guint *item = g_new (guint, 1);

      *item = i;
      oc_mailbox_post (mb, item);
    }
  return NULL;
}

static void
test_mailbox_flood (void)
{
  Sink s = { g_array_new (FALSE, FALSE, sizeof (guint)), 0, FALSE };
  OcMailbox *mb = oc_mailbox_new (NULL, g_free, sink, &s);
  GThread *t = g_thread_new ("flood", flood_thread, mb);

  /* The consumer is slow on purpose (the main loop runs only now and then). */
  while (s.seen->len < FLOOD)
    {
      g_main_context_iteration (NULL, TRUE);
      g_usleep (200);
    }
  g_thread_join (t);

  g_assert_cmpuint (s.seen->len, ==, FLOOD);
  for (guint i = 0; i < FLOOD; i++)
    g_assert_cmpuint (g_array_index (s.seen, guint, i), ==, i);
  /* Coalesced: far fewer deliveries than items, and each one carried a batch. */
  g_assert_cmpuint (s.deliveries, <, FLOOD / 10);
  g_assert_cmpuint (oc_mailbox_get_max_batch (mb), >, 1);
  g_test_message ("%u items in %u deliveries, largest batch %u", FLOOD, s.deliveries,
                  oc_mailbox_get_max_batch (mb));
  oc_mailbox_close (mb);
  oc_mailbox_unref (mb);
  g_array_unref (s.seen);
}

static void
test_mailbox_close (void)
{
  Sink s = { g_array_new (FALSE, FALSE, sizeof (guint)), 0, FALSE };
  OcMailbox *mb = oc_mailbox_new (NULL, g_free, sink, &s);
  guint *item = g_new (guint, 1);

  *item = 7;
  oc_mailbox_post (mb, item);
  oc_mailbox_close (mb);
  oc_mailbox_post (mb, g_new0 (guint, 1)); /* freed at once, never delivered */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (s.seen->len, ==, 0);
  oc_mailbox_unref (mb);
  g_array_unref (s.seen);
}

/* ---- Training job ---- */

typedef struct
{
  GArray        *evals;
  guint          n_updates, n_hist, n_boundary;
  OcTrainResult *result;
  GError        *error;
  gboolean       done;
} Run;

static void
on_updates (OcTrainJob *job, GPtrArray *items, Run *run)
{
  for (guint i = 0; i < items->len; i++)
    {
      OcTrainUpdate *u = items->pdata[i];

      run->n_updates++;
      if (u->has_eval)
        g_array_append_val (run->evals, u->eval);
      run->n_hist += u->hist != NULL;
      run->n_boundary += u->boundary != NULL;
    }
}

static void
on_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Run *run = user_data;

  run->result = oc_train_job_run_finish (OC_TRAIN_JOB (source), result, &run->error);
  run->done = TRUE;
}

/* The window loads through oc_loaded_data_load_async(); the worker only needs the box. */
static OcLoadedData *
load_toy (const char *name, guint n_points)
{
  g_autoptr (GError) error = NULL;
  OcLoadedData *data;
  OcDataOptions opts;

  oc_data_options_init (&opts);
  opts.name = name;
  opts.n_points = n_points;
  data = g_atomic_rc_box_new0 (OcLoadedData);
  data->dataset = oc_dataset_load (&opts, NULL, &error);
  g_assert_no_error (error);
  oc_data_options_copy (&data->opts, &opts);
  return data;
}

static void
small_config (OcTrainConfig *cfg, const guint *hidden, guint n_hidden)
{
  oc_train_config_init (cfg);
  cfg->hidden = hidden;
  cfg->n_hidden = n_hidden;
  cfg->threads = 1;
  cfg->optim.lr = 0.01;
  cfg->batch = 32;
}

static void
test_job_every_eval (void)
{
  static const guint hidden[] = { 16 };
  g_autoptr (OcLoadedData) data = load_toy ("spiral", 1000);
  Run run = { g_array_new (FALSE, FALSE, sizeof (OcEvalPoint)) };
  g_autoptr (OcTrainJob) job = NULL;
  OcTrainConfig cfg;

  small_config (&cfg, hidden, 1);
  cfg.iterations = 3000;
  cfg.eval_every = 7; /* many evaluations, faster than any main loop would take them one by one */
  job = oc_train_job_new (data, &cfg);
  g_signal_connect (job, "updates", G_CALLBACK (on_updates), &run);
  oc_train_job_run_async (job, NULL, on_done, &run);
  while (!run.done)
    g_main_context_iteration (NULL, TRUE);

  g_assert_no_error (run.error);
  g_assert_nonnull (run.result);
  g_assert_cmpuint (run.evals->len, ==, run.result->evals->len);
  for (guint i = 0; i < run.evals->len; i++)
    {
      OcEvalPoint *a = &g_array_index (run.evals, OcEvalPoint, i);
      OcEvalPoint *b = &g_array_index (run.result->evals, OcEvalPoint, i);

      g_assert_cmpuint (a->iteration, ==, b->iteration);
      g_assert_cmpfloat (a->test_loss, ==, b->test_loss);
    }
  g_assert_cmpuint (run.n_hist, >=, 1);
  g_assert_cmpuint (run.n_boundary, ==, run.n_hist);
  g_assert_nonnull (oc_train_job_get_model (job));
  oc_train_result_free (run.result);
  g_array_unref (run.evals);
}

static gboolean
quit_after (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
spin_for (guint ms)
{
  gboolean over = FALSE;

  g_timeout_add (ms, quit_after, &over);
  while (!over)
    g_main_context_iteration (NULL, TRUE);
}

static void
test_job_pause_and_cancel (void)
{
  static const guint hidden[] = { 64, 64 };
  g_autoptr (OcLoadedData) data = load_toy ("moons", 20000);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  Run run = { g_array_new (FALSE, FALSE, sizeof (OcEvalPoint)) };
  g_autoptr (OcTrainJob) job = NULL;
  OcTrainConfig cfg;
  guint before;
  gint64 t0;

  small_config (&cfg, hidden, 2);
  cfg.iterations = 100000000; /* would run for hours */
  cfg.eval_every = 1000;
  job = oc_train_job_new (data, &cfg);
  g_signal_connect (job, "updates", G_CALLBACK (on_updates), &run);
  oc_train_job_run_async (job, cancellable, on_done, &run);
  while (run.n_updates < 2)
    g_main_context_iteration (NULL, TRUE);

  /* Paused: after the worker reaches its next report (≤ 0.2 s), nothing more arrives. */
  oc_train_job_set_paused (job, TRUE);
  spin_for (500);
  before = run.n_updates;
  spin_for (500);
  g_assert_cmpuint (run.n_updates, ==, before);
  g_assert_true (oc_train_job_get_paused (job));

  /* Stop while paused: the worker wakes, finishes its step and returns. */
  t0 = g_get_monotonic_time ();
  g_cancellable_cancel (cancellable);
  while (!run.done)
    g_main_context_iteration (NULL, TRUE);
  g_test_message ("stop while paused took %.1f ms", (g_get_monotonic_time () - t0) / 1e3);
  g_assert_cmpint (g_get_monotonic_time () - t0, <, 2 * G_USEC_PER_SEC);
  g_assert_error (run.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (run.result);
  g_assert_cmpfloat (oc_train_job_get_paused_seconds (job), >=, 0.5);
  g_clear_error (&run.error);
  g_array_unref (run.evals);
}

static void
test_parse_hidden (void)
{
  g_autoptr (GArray) w = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_true (oc_parse_hidden ("512, 256", &w, NULL));
  g_assert_cmpuint (w->len, ==, 2);
  g_assert_cmpuint (g_array_index (w, guint, 1), ==, 256);
  g_clear_pointer (&w, g_array_unref);
  g_assert_true (oc_parse_hidden ("", &w, NULL));
  g_assert_cmpuint (w->len, ==, 0);
  g_assert_false (oc_parse_hidden ("256, wide", NULL, &error));
  g_assert_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "“wide” is not a width"));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/mailbox/flood-in-order", test_mailbox_flood);
  g_test_add_func ("/mailbox/close", test_mailbox_close);
  g_test_add_func ("/train-job/every-eval-in-order", test_job_every_eval);
  g_test_add_func ("/train-job/pause-and-cancel", test_job_pause_and_cancel);
  g_test_add_func ("/train-job/parse-hidden", test_parse_hidden);
  return g_test_run ();
}
