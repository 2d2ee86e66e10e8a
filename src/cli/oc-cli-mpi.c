/* oc-cli-mpi.c — `occam-cli … --mpi`: one experiment over the ranks of an MPI job.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Rank 0 is the command as without MPI: it opens the store, plans, reuses, prints, and records
 * every point the moment it arrives (the engine's runner does all of that; see OcRunRemote). It
 * only hands out work: units of the plan (a point, or a prune seed's chain), largest first, one
 * at a time to whichever rank asks next, so that slow and fast ranks even out. Every other rank
 * builds the same spec from the same command line, says hello with its experiment ID (a rank
 * that built another spec is refused), and then computes the units it is given with no store at
 * all, sending back each point as oc_store_point_to_bytes() writes it.
 *
 * Nothing else is shared: a rank that dies takes the job down (mpirun ends the others), but every
 * point rank 0 recorded is in the store, so the same command resumes. Rank 0 waits with
 * MPI_Iprobe and a short sleep instead of a blocking receive, which in Open MPI spins a core: on
 * an oversubscribed node that core is a worker's.
 */
#include <glib/gi18n.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "occam/oc-cpus.h"
#include "occam/oc-error.h"
#include "occam/oc-landscape-spec.h"
#include "oc-cli.h"
#include "oc-cli-mpi.h"

#if OC_HAVE_MPI

#include <mpi.h>

enum
{
  TAG_HELLO = 1, /* worker → 0: its experiment ID */
  TAG_WORK,      /* 0 → worker: gint32 unit, or −1: stop */
  TAG_POINT,     /* worker → 0: a point (oc_store_point_to_bytes) */
  TAG_DONE,      /* worker → 0: the unit ended; nothing, or the error that stopped it: a gint32
                  * OC_ERROR code (−1: cancelled) and its message */
};

/* How long a waiting rank sleeps between looks at its messages, in µs. */
#define POLL_US 2000

static guint mpi_rank, mpi_size;
static gboolean started;
static gboolean *told_to_stop; /* rank 0: [mpi_size] */

gboolean
oc_cli_mpi_available (void)
{
  return TRUE;
}

/* The CPUs a rank may use when --cpus-per-rank is not given: what the launcher bound it to, or,
 * when it is not bound (mpirun --oversubscribe, or --bind-to none), the node's CPUs shared by the
 * ranks on it that compute (rank 0 only hands out work). */
static guint
default_cpus (void)
{
  MPI_Comm node;
  int local_size = 1, has_zero = 0, world = (int) mpi_rank, min_world = 0;
  guint affinity, cpus = oc_cpus_available ();

  MPI_Comm_split_type (MPI_COMM_WORLD, MPI_COMM_TYPE_SHARED, 0, MPI_INFO_NULL, &node);
  MPI_Comm_size (node, &local_size);
  MPI_Allreduce (&world, &min_world, 1, MPI_INT, MPI_MIN, node);
  MPI_Comm_free (&node);
  has_zero = min_world == 0;
  oc_cpus_describe (&affinity, NULL, NULL);
  if (affinity >= (guint) g_get_num_processors () && mpi_size > 1)
    {
      guint workers = (guint) MAX (1, local_size - has_zero);

      cpus = MAX (1, cpus / workers);
    }
  return cpus;
}

gboolean
oc_cli_mpi_init (guint cpus_per_rank, guint *rank, guint *size, GError **error)
{
  int provided = 0, r = 0, s = 1;

  if (!started)
    {
      /* The ranks' MPI calls come from the thread that runs the experiment, never two at once. */
      if (MPI_Init_thread (NULL, NULL, MPI_THREAD_SERIALIZED, &provided) != MPI_SUCCESS)
        {
          g_set_error (error, OC_ERROR, OC_ERROR_IO, "--mpi: MPI did not start");
          return FALSE;
        }
      started = TRUE;
      MPI_Comm_rank (MPI_COMM_WORLD, &r);
      MPI_Comm_size (MPI_COMM_WORLD, &s);
      mpi_rank = (guint) r;
      mpi_size = (guint) s;
      if (provided < MPI_THREAD_SERIALIZED)
        {
          g_set_error (error, OC_ERROR, OC_ERROR_IO,
                       "--mpi: this MPI library cannot be called from a worker thread "
                       "(MPI_THREAD_SERIALIZED); use Open MPI or MPICH as Debian ships them");
          return FALSE;
        }
      oc_cpus_set_limit (cpus_per_rank > 0 ? cpus_per_rank : default_cpus ());
      if (mpi_rank == 0)
        told_to_stop = g_new0 (gboolean, mpi_size);
    }
  *rank = mpi_rank;
  *size = mpi_size;
  return TRUE;
}

static void
send_work (int rank, gint32 unit)
{
  if (unit < 0 && told_to_stop != NULL)
    {
      if (told_to_stop[rank])
        return;
      told_to_stop[rank] = TRUE;
    }
  MPI_Send (&unit, 1, MPI_INT32_T, rank, TAG_WORK, MPI_COMM_WORLD);
}

guint
oc_cli_mpi_n_ranks (void)
{
  return started ? mpi_size : 1;
}

void
oc_cli_mpi_finalize (void)
{
  if (!started)
    return;
  started = FALSE;
  /* Rank 0 may end without handing out anything (bad input, everything reused, an error): the
   * other ranks are waiting for work, and a stop lets them end cleanly. */
  if (mpi_rank == 0)
    for (guint r = 1; r < mpi_size; r++)
      send_work ((int) r, -1);
  g_clear_pointer (&told_to_stop, g_free);
  MPI_Finalize ();
}

/* Waits for a message from @source (or MPI_ANY_SOURCE) with @tag (or MPI_ANY_TAG), sleeping
 * between looks; FALSE when @cancellable was cancelled first. */
static gboolean
wait_message (int source, int tag, MPI_Status *status, GCancellable *cancellable)
{
  for (;;)
    {
      int flag = 0;

      MPI_Iprobe (source, tag, MPI_COMM_WORLD, &flag, status);
      if (flag)
        return TRUE;
      if (g_cancellable_is_cancelled (cancellable))
        return FALSE;
      g_usleep (POLL_US);
    }
}

static GBytes *
receive_bytes (const MPI_Status *probed)
{
  int count = 0;
  guint8 *buf;

  MPI_Get_count (probed, MPI_BYTE, &count);
  buf = g_malloc (MAX (count, 1));
  MPI_Recv (buf, count, MPI_BYTE, probed->MPI_SOURCE, probed->MPI_TAG, MPI_COMM_WORLD,
            MPI_STATUS_IGNORE);
  return g_bytes_new_take (buf, (gsize) count);
}

/* ---- Rank 0 ---- */

static gboolean
hand_out (const OcRunPlan *plan, const guint *units, guint n_units, OcRunRecordFunc record,
          gpointer record_data, gpointer user_data, GCancellable *cancellable, GError **error)
{
  guint next = 0, n_busy = 0, n_stopped = 0, n_workers = mpi_size - 1;
  g_autoptr (GError) failure = NULL;

  while (n_stopped < n_workers || n_busy > 0)
    {
      MPI_Status st;
      g_autoptr (GBytes) bytes = NULL;
      gsize size;
      const char *text;

      if (!wait_message (MPI_ANY_SOURCE, MPI_ANY_TAG, &st, failure == NULL ? cancellable : NULL))
        {
          /* Stop handing out; the busy ranks finish their unit and then read their stop. */
          for (guint r = 1; r < mpi_size; r++)
            send_work ((int) r, -1);
          return !g_cancellable_set_error_if_cancelled (cancellable, error);
        }
      bytes = receive_bytes (&st);
      text = g_bytes_get_data (bytes, &size);
      switch (st.MPI_TAG)
        {
        case TAG_HELLO:
          if (size != strlen (oc_run_plan_get_id (plan))
              || memcmp (text, oc_run_plan_get_id (plan), size) != 0)
            {
              if (failure == NULL)
                g_set_error (&failure, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                             "--mpi: rank %d built experiment %.*s, rank 0 %s: give every rank "
                             "the same command and files", st.MPI_SOURCE, (int) MIN (size, 64),
                             text, oc_run_plan_get_id (plan));
              send_work (st.MPI_SOURCE, -1);
              n_stopped++;
              break;
            }
          /* A rank that says hello is ready for work. */
          G_GNUC_FALLTHROUGH;
        case TAG_DONE:
          if (st.MPI_TAG == TAG_DONE)
            {
              n_busy--;
              if (size >= sizeof (gint32) && failure == NULL)
                {
                  gint32 code;

                  memcpy (&code, text, sizeof code);
                  if (code < 0)
                    g_set_error (&failure, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                 "rank %d was stopped", st.MPI_SOURCE);
                  else
                    g_set_error (&failure, OC_ERROR, code, "rank %d: %.*s", st.MPI_SOURCE,
                                 (int) (size - sizeof code), text + sizeof code);
                }
            }
          if (failure == NULL && next < n_units && !g_cancellable_is_cancelled (cancellable))
            {
              send_work (st.MPI_SOURCE, (gint32) units[next++]);
              n_busy++;
            }
          else
            {
              send_work (st.MPI_SOURCE, -1);
              n_stopped++;
            }
          break;
        case TAG_POINT:
          {
            OcStorePoint *p = NULL;
            GPtrArray *artifacts = NULL;
            gboolean reused = FALSE;
            g_autoptr (GError) local = NULL;

            if (!oc_store_point_from_bytes (bytes, &p, &artifacts, &reused, &local)
                || !record (record_data, p, artifacts, reused, &local))
              {
                if (failure == NULL)
                  failure = g_steal_pointer (&local);
              }
          }
          break;
        default:
          break;
        }
    }
  if (failure != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&failure));
      return FALSE;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (next < n_units)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_IO,
                   "--mpi: %u of %u units were not computed: no rank asked for work",
                   n_units - next, n_units);
      return FALSE;
    }
  return TRUE;
}

static const OcRunRemote remote = { hand_out, NULL };

const OcRunRemote *
oc_cli_mpi_remote (void)
{
  return mpi_size > 1 && mpi_rank == 0 ? &remote : NULL;
}

/* ---- The other ranks ---- */

typedef struct
{
  const OcSpec *spec;
  GPtrArray    *points; /* GBytes of the unit being computed */
  OcDataCache  *data;   /* the spec's datasets, loaded once for every unit */
  GError       *error;
} Worker;

static void
collect (const OcRunEvent *e, gpointer user_data)
{
  Worker *w = user_data;

  if (e->kind == OC_RUN_EVENT_POINT)
    g_ptr_array_add (w->points, oc_store_point_to_bytes (e->point, e->artifacts, e->reused));
}

static void
worker_work (gpointer data, GCancellable *cancellable)
{
  Worker *w = data;
  g_autofree char *id = oc_spec_id (w->spec);
  /* Tests: rank 1 dies (SIGKILL, as the out-of-memory killer or a node failure would) once it
   * has sent this many units, to show that the store keeps what arrived and the command
   * resumes. */
  const char *die_after = g_getenv ("OCCAM_TEST_MPI_DIE_AFTER");
  guint n_units = 0;

  MPI_Send (id, (int) strlen (id), MPI_CHAR, 0, TAG_HELLO, MPI_COMM_WORLD);
  for (;;)
    {
      MPI_Status st;
      gint32 unit = -1;
      OcRunOptions options = { 0 };
      g_autoptr (GError) local = NULL;
      g_autoptr (GByteArray) done = g_byte_array_new ();
      const char *message = NULL;
      gint32 code = OC_ERROR_IO;

      /* A rank cancelled by a signal while idle leaves; rank 0 sees the job end. */
      if (!wait_message (0, TAG_WORK, &st, cancellable))
        {
          g_cancellable_set_error_if_cancelled (cancellable, &w->error);
          return;
        }
      MPI_Recv (&unit, 1, MPI_INT32_T, 0, TAG_WORK, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
      if (unit < 0)
        return;
      options.unit = (guint) unit + 1;
      options.data_cache = w->data;
      g_ptr_array_set_size (w->points, 0);
      if (!oc_experiment_run (w->spec, NULL, &options, collect, w, cancellable, NULL, &local))
        {
          message = local->message;
          code = g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED) ? -1
                 : local->domain == OC_ERROR ? local->code : OC_ERROR_IO;
        }
      /* What finished is sent even when the unit stopped early. */
      for (guint i = 0; i < w->points->len; i++)
        {
          gsize size;
          const void *data_ = g_bytes_get_data (w->points->pdata[i], &size);

          if (size > G_MAXINT)
            {
              message = "a point is larger than one MPI message (2 GiB)";
              break;
            }
          MPI_Send (data_, (int) size, MPI_BYTE, 0, TAG_POINT, MPI_COMM_WORLD);
        }
      if (message != NULL)
        {
          g_byte_array_append (done, (const guint8 *) &code, sizeof code);
          g_byte_array_append (done, (const guint8 *) message, (guint) strlen (message));
        }
      MPI_Send (done->data, (int) done->len, MPI_BYTE, 0, TAG_DONE, MPI_COMM_WORLD);
      n_units++;
      if (die_after != NULL && mpi_rank == 1 && n_units >= g_ascii_strtoull (die_after, NULL, 10))
        raise (SIGKILL);
      if (local != NULL && w->error == NULL)
        w->error = g_steal_pointer (&local);
    }
}

int
oc_cli_mpi_worker (const OcSpec *spec, const OcCliRunOptions *ro)
{
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GPtrArray) points = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  Worker w = { spec, points, oc_data_cache_new (), NULL };
  int stopped_by = oc_cli_run_interruptible (worker_work, &w, cancellable);

  oc_data_cache_free (w.data);
  if (w.error != NULL)
    {
      g_autoptr (GError) error = w.error;

      if (stopped_by != 0)
        return 128 + stopped_by;
      /* Rank 0 reports it; a line here says where it happened. */
      fprintf (stderr, "occam-cli (rank %u): %s\n", mpi_rank, error->message);
      return oc_cli_exit_code_for (error);
    }
  return OC_EXIT_OK;
}

#else /* !OC_HAVE_MPI */

gboolean
oc_cli_mpi_available (void)
{
  return FALSE;
}

gboolean
oc_cli_mpi_init (guint cpus_per_rank, guint *rank, guint *size, GError **error)
{
  g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
               "--mpi: this occam-cli was built without MPI; install libopenmpi-dev and rebuild "
               "(meson setup -Dmpi=enabled), or split the experiment with --shard K/N");
  return FALSE;
}

guint
oc_cli_mpi_n_ranks (void)
{
  return 1;
}

void
oc_cli_mpi_finalize (void)
{
}

const OcRunRemote *
oc_cli_mpi_remote (void)
{
  return NULL;
}

int
oc_cli_mpi_worker (const OcSpec *spec, const OcCliRunOptions *ro)
{
  return OC_EXIT_BAD_INPUT;
}

#endif

int
oc_cli_mpi_start (const OcSpec *spec, const OcCliRunOptions *ro)
{
  g_autoptr (GError) error = NULL;
  guint rank = 0, size = 1;

  if (!ro->mpi)
    return -1;
  if ((g_strcmp0 (oc_spec_get_kind (spec), "instability") == 0
       && ((const OcInstabilitySpec *) oc_spec_get_values (spec))->from_experiment != NULL)
      || (g_strcmp0 (oc_spec_get_kind (spec), "landscape") == 0
          && ((const OcLandscapeSpec *) oc_spec_get_values (spec))->from_experiment != NULL))
    {
      oc_cli_error (_("--mpi: %s --from-experiment reads its source experiment from the store, "
                      "which only rank 0 opens; split it with --shard K/N instead"),
                    oc_spec_get_kind (spec));
      return OC_EXIT_BAD_INPUT;
    }
  if (!oc_cli_mpi_init (ro->cpus_per_rank, &rank, &size, &error))
    {
      oc_cli_error ("%s", error->message);
      return OC_EXIT_BAD_INPUT;
    }
  return rank == 0 ? -1 : oc_cli_mpi_worker (spec, ro);
}
