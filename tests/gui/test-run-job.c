/* test-run-job.c — the window's experiment job, without a display: the coalescing mailbox loses
 * nothing under a flood; for every spec kind the job writes exactly the store rows and artifact
 * bytes occam-cli writes for the same spec (times aside); its updates arrive in order with
 * snapshots; pause holds the worker and cancel stops it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/resource.h>

#include "occam/oc-error.h"
#include "oc-mailbox.h"
#include "oc-run-job.h"

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

/* ---- The experiment job ---- */

typedef struct
{
  gboolean     done;
  gboolean     ok;
  GError      *error;
  OcRunSummary summary;
  GArray      *evals;      /* OcEvalPoint of PROGRESS updates, in arrival order */
  guint        n_started, n_points, n_hist, n_boundary;
  guint64      last_iteration;
  gboolean     out_of_order;
  OcRunJob    *job;
  gboolean     pause_at_first;
} Run;

static void
on_updates (OcRunJob *job, GPtrArray *items, Run *run)
{
  for (guint i = 0; i < items->len; i++)
    {
      OcRunUpdate *u = items->pdata[i];

      if (u->kind == OC_RUN_EVENT_STARTED)
        run->n_started++;
      else if (u->kind == OC_RUN_EVENT_POINT)
        {
          run->n_points++;
          g_assert_nonnull (u->point);
          g_assert_nonnull (u->artifacts);
        }
      else
        {
          if (u->has_eval)
            g_array_append_val (run->evals, u->eval);
          if (u->iteration < run->last_iteration)
            run->out_of_order = TRUE;
          run->last_iteration = u->iteration;
          run->n_hist += u->hist != NULL;
          run->n_boundary += u->boundary != NULL;
          if (run->pause_at_first)
            {
              run->pause_at_first = FALSE;
              oc_run_job_set_paused (job, TRUE);
            }
        }
    }
}

static void
on_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Run *run = user_data;

  run->ok = oc_run_job_run_finish (OC_RUN_JOB (source), result, &run->summary, &run->error);
  run->done = TRUE;
}

static void
run_init (Run *run, OcRunJob *job)
{
  memset (run, 0, sizeof *run);
  run->evals = g_array_new (FALSE, FALSE, sizeof (OcEvalPoint));
  run->job = job;
  g_signal_connect (job, "updates", G_CALLBACK (on_updates), run);
}

static void
run_clear (Run *run)
{
  g_array_unref (run->evals);
  g_clear_error (&run->error);
}

static void
run_wait (Run *run)
{
  while (!run->done)
    g_main_context_iteration (NULL, TRUE);
}

static OcSpec *
spec_from_json (const char *json)
{
  g_autoptr (GError) error = NULL;
  OcSpec *spec = oc_spec_new_from_json (json, -1, NULL, &error);

  g_assert_no_error (error);
  return spec;
}

/* ---- The same rows as occam-cli ---- */

/* Every row of @table in a fixed order, as text, without the columns that hold times. */
static char *
dump_table (sqlite3 *db, const char *table, const char *order)
{
  g_autofree char *pragma = g_strdup_printf ("PRAGMA table_info(%s)", table);
  g_autoptr (GString) cols = g_string_new (NULL);
  g_autoptr (GString) out = g_string_new (NULL);
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;

  g_assert_cmpint (sqlite3_prepare_v2 (db, pragma, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 1);

      /* Times and durations differ between any two runs; everything else must not. */
      if (g_str_has_suffix (name, "seconds") || g_strcmp0 (name, "started") == 0
          || g_strcmp0 (name, "finished") == 0 || g_strcmp0 (name, "created") == 0
          || g_strcmp0 (name, "updated") == 0 || g_strcmp0 (name, "gflops") == 0
          || g_strcmp0 (name, "seconds_per_epoch") == 0)
        continue;
      g_string_append_printf (cols, "%s'%s=' || quote(%s)", cols->len > 0 ? " || ' ' || " : "",
                              name, name);
    }
  sqlite3_finalize (stmt);
  sql = g_strdup_printf ("SELECT %s FROM %s ORDER BY %s", cols->str, table, order);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (out, "%s\n", (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
assert_same_store (const char *a_path, const char *b_path)
{
  static const char *const tables[][2] = {
    { "experiments", "id" },
    { "points", "experiment_id, key" },
    { "curves", "experiment_id, key, step" },
    { "artifacts", "experiment_id, key, name" },
  };
  sqlite3 *a, *b;

  g_assert_cmpint (sqlite3_open_v2 (a_path, &a, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_open_v2 (b_path, &b, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      g_autofree char *x = dump_table (a, tables[t][0], tables[t][1]);
      g_autofree char *y = dump_table (b, tables[t][0], tables[t][1]);

      g_test_message ("%s: %zu bytes of rows", tables[t][0], strlen (x));
      /* Every kind has an experiment with points; curves and artifacts depend on the kind. */
      if (t < 2)
        g_assert_cmpuint (strlen (x), >, 0);
      g_assert_cmpstr (x, ==, y);
    }
  sqlite3_close (a);
  sqlite3_close (b);
}

static void
test_same_as_cli (gconstpointer data)
{
  const char *json = data;
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("occam-run-job-XXXXXX", &error);
  g_autofree char *spec_path = g_build_filename (dir, "spec.json", NULL);
  g_autofree char *cli_db = g_build_filename (dir, "cli.db", NULL);
  g_autofree char *gui_db = g_build_filename (dir, "gui.db", NULL);
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr (OcSpec) spec = spec_from_json (json);
  g_autoptr (OcStore) store = NULL;
  g_autoptr (OcRunJob) job = NULL;
  const char *argv[] = { g_getenv ("OC_CLI"), "run", spec_path, "--store", cli_db, "-q", NULL };
  int wait_status;
  Run run;

  g_assert_no_error (error);
  g_assert_nonnull (argv[0]);
  g_assert_true (g_file_set_contents (spec_path, json, -1, &error));
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out,
                               &err, &wait_status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (wait_status, NULL))
    g_error ("occam-cli run failed: %s", err);

  store = oc_store_open (gui_db, OC_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  job = oc_run_job_new (spec, store, FALSE);
  run_init (&run, job);
  oc_run_job_run_async (job, NULL, on_done, &run);
  run_wait (&run);
  g_assert_no_error (run.error);
  g_assert_true (run.ok);
  g_assert_cmpuint (run.n_started, ==, 1);
  g_assert_cmpuint (run.n_points, ==, run.summary.n_points);
  g_clear_pointer (&store, oc_store_close);

  assert_same_store (cli_db, gui_db);
  run_clear (&run);
  g_unlink (spec_path);
  for (guint i = 0; i < 2; i++)
    {
      const char *db = i == 0 ? cli_db : gui_db;
      g_autofree char *wal = g_strconcat (db, "-wal", NULL);
      g_autofree char *shm = g_strconcat (db, "-shm", NULL);

      g_unlink (db);
      g_unlink (wal);
      g_unlink (shm);
    }
  g_rmdir (dir);
}

/* One spec per kind; one thread per training so both paths sum gradients in the same order. */
static const char *const kind_specs[][2] = {
  { "train", "{\"version\":1,\"kind\":\"train\",\"data\":{\"name\":\"moons\",\"n_points\":400,"
             "\"label_noise\":0.1},\"model\":{\"hidden\":[16]},\"train\":{\"epochs\":4},"
             "\"run\":{\"threads\":1}}" },
  { "sweep", "{\"version\":1,\"kind\":\"sweep\",\"data\":{\"name\":\"spiral\",\"n_points\":300},"
             "\"train\":{\"epochs\":3},\"sweep\":{\"widths\":\"2,8\",\"seeds\":\"0,1\","
             "\"record_every_epochs\":1},\"run\":{\"threads\":1}}" },
  { "rff", "{\"version\":1,\"kind\":\"rff\",\"data\":{\"name\":\"blobs\",\"n_points\":300},"
           "\"rff\":{\"features\":\"10,240\",\"seeds\":\"0\",\"sigma\":1},"
           "\"run\":{\"threads\":1}}" },
  { "linear", "{\"version\":1,\"kind\":\"linear\",\"linear\":{\"n\":40,\"ps\":\"10,40,90\","
              "\"seeds\":\"0,1\"},\"run\":{\"threads\":1}}" },
  { "prune", "{\"version\":1,\"kind\":\"prune\",\"data\":{\"name\":\"blobs\",\"n_points\":300},"
             "\"model\":{\"hidden\":[16]},\"train\":{\"iterations\":20},\"prune\":{\"levels\":2,"
             "\"controls\":\"imp,reinit,random\"},\"run\":{\"threads\":1}}" },
};

/* ---- Updates, snapshots, pause, cancel ---- */

static void
test_train_updates (void)
{
  g_autoptr (OcSpec) spec = spec_from_json (
    "{\"version\":1,\"kind\":\"train\",\"data\":{\"name\":\"spiral\",\"n_points\":400},"
    "\"model\":{\"hidden\":[32]},\"train\":{\"epochs\":30},\"run\":{\"threads\":1}}");
  g_autoptr (OcDataset) data = oc_dataset_load (oc_spec_get_data_options (spec), NULL, NULL);
  g_autoptr (OcRunJob) job = oc_run_job_new (spec, NULL, FALSE);
  guint n_deliveries, max_batch;
  OcBoundaryGrid grid;
  Run run;

  oc_boundary_grid_for_split (&grid, &data->train, 24);
  oc_run_job_set_snapshots (job, &grid);
  run_init (&run, job);
  oc_run_job_run_async (job, NULL, on_done, &run);
  run_wait (&run);
  g_assert_true (run.ok);
  g_assert_cmpint (run.summary.status, ==, OC_STATUS_FINISHED);
  g_assert_false (run.out_of_order);
  /* Every evaluation arrives, in order: the start and each epoch. */
  g_assert_cmpuint (run.evals->len, ==, 31);
  for (guint i = 1; i < run.evals->len; i++)
    g_assert_cmpuint (g_array_index (run.evals, OcEvalPoint, i).iteration, >,
                      g_array_index (run.evals, OcEvalPoint, i - 1).iteration);
  g_assert_cmpuint (run.n_hist, >=, 1);
  g_assert_cmpuint (run.n_boundary, ==, run.n_hist);
  oc_run_job_get_delivery_stats (job, &n_deliveries, &max_batch);
  g_assert_cmpuint (n_deliveries, >=, 1);
  run_clear (&run);
}

static gboolean
unpause (gpointer user_data)
{
  oc_run_job_set_paused (user_data, FALSE);
  return G_SOURCE_REMOVE;
}

/* The id of this process's thread named @name (its comm in /proc/self/task), or 0. */
static pid_t
thread_named (const char *name)
{
  g_autoptr (GDir) dir = g_dir_open ("/proc/self/task", 0, NULL);
  const char *tid;

  while (dir != NULL && (tid = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename ("/proc/self/task", tid, "comm", NULL);
      g_autofree char *comm = NULL;

      if (g_file_get_contents (path, &comm, NULL, NULL) && g_strcmp0 (g_strchomp (comm), name) == 0)
        return (pid_t) g_ascii_strtoll (tid, NULL, 10);
    }
  return 0;
}

static void
test_pause_and_cancel (void)
{
  g_autoptr (OcSpec) spec = spec_from_json (
    "{\"version\":1,\"kind\":\"train\",\"data\":{\"name\":\"blobs\",\"n_points\":400},"
    "\"model\":{\"hidden\":[64]},\"train\":{\"iterations\":40000,\"eval_every\":5000},"
    "\"run\":{\"threads\":1}}");
  g_autoptr (OcRunJob) job = oc_run_job_new (spec, NULL, FALSE);
  g_autoptr (OcRunJob) stopped = NULL;
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  guint64 held;
  Run run;

  /* Paused at the first report: once the worker holds, nothing more arrives until it is resumed;
   * then the run completes. */
  run_init (&run, job);
  run.pause_at_first = TRUE;
  oc_run_job_run_async (job, NULL, on_done, &run);
  while (!oc_run_job_get_holding (job))
    g_main_context_iteration (NULL, FALSE);
  /* What it posted before it stopped. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  held = run.last_iteration;
  for (guint i = 0; i < 100; i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_assert_true (oc_run_job_get_holding (job));
      g_assert_cmpuint (run.last_iteration, ==, held);
    }
  g_assert_cmpuint (held, <, 40000);
#ifdef __linux__
  /* The worker trains at nice +10, so the window's frames come first. */
  {
    pid_t worker = thread_named ("occam-run");

    int own = getpriority (PRIO_PROCESS, 0);

    g_assert_cmpint (worker, >, 0);
    /* Under a nicer test runner (without the right to raise it), the runner's value. */
    g_assert_cmpint (getpriority (PRIO_PROCESS, (id_t) worker), ==, MAX (own, 10));
  }
#endif
  unpause (job);
  run_wait (&run);
  g_assert_true (run.ok);
  g_assert_cmpint (run.summary.status, ==, OC_STATUS_FINISHED);
  g_assert_cmpuint (run.last_iteration, ==, 40000);
  g_assert_cmpfloat (oc_run_job_get_paused_seconds (job), >, 0);
  run_clear (&run);

  /* Cancelled while paused: the worker wakes up and stops. */
  stopped = oc_run_job_new (spec, NULL, TRUE);
  run_init (&run, stopped);
  run.pause_at_first = TRUE;
  oc_run_job_run_async (stopped, cancellable, on_done, &run);
  while (!oc_run_job_get_holding (stopped))
    g_main_context_iteration (NULL, FALSE);
  g_cancellable_cancel (cancellable);
  run_wait (&run);
  g_assert_false (run.ok);
  g_assert_error (run.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (run.summary.status, ==, OC_STATUS_CANCELLED);
  run_clear (&run);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mailbox/flood-in-order", test_mailbox_flood);
  g_test_add_func ("/mailbox/close", test_mailbox_close);
  for (guint i = 0; i < G_N_ELEMENTS (kind_specs); i++)
    {
      g_autofree char *path = g_strdup_printf ("/run-job/same-as-cli/%s", kind_specs[i][0]);

      g_test_add_data_func (path, kind_specs[i][1], test_same_as_cli);
    }
  g_test_add_func ("/run-job/train-updates", test_train_updates);
  g_test_add_func ("/run-job/pause-and-cancel", test_pause_and_cancel);
  return g_test_run ();
}
