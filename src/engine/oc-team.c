/* oc-team.c — spin-then-block fork/join for a small, fixed team of threads.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A run's indices are claimed, not assigned: every member, the caller included, takes the next
 * unclaimed index until none is left, and the caller returns once every index has finished.
 * On a busy machine a member the scheduler has not woken yet then costs nothing: the caller
 * runs its index instead of waiting a whole time slice for it. Training meets twice per step, so
 * with assigned indices one late member stalled every step by milliseconds and two threads ran
 * several times slower than one. What an index computes depends only on the index, so results do
 * not depend on which thread ran it.
 */
#include <stdatomic.h>

#include "oc-team.h"

/* Microseconds a waiter spins before it sleeps: longer than a training half-step's skew on a
 * quiet machine, short enough not to burn a core when the other side is slow. Counted in time,
 * not in pause instructions: a pause takes 26 ns on Zen 3 and a few on older cores, and 20000 of
 * them (the former count) spun for half a millisecond, spending the very share of a busy machine
 * the spinning thread then lacked to run its part. */
#define OC_TEAM_SPIN_US 50

struct _OcTeam
{
  guint       n;
  GThread   **threads;     /* [n − 1] */
  GMutex      lock;
  GCond       start_cond;
  GCond       done_cond;
  /* The current run's generation (high 32 bits) and its next unclaimed index (low 32 bits), in
   * one word so that a member still busy with an older run cannot claim an index of a newer one
   * with the older run's function. */
  _Atomic guint64 claim;
  atomic_int  remaining;   /* indices of the current run not finished yet */
  guint       sleepers;    /* members blocked on start_cond (under lock) */
  gboolean    caller_waits; /* the caller is blocked on done_cond (under lock) */
  gboolean    quit;        /* under lock */
  /* The current run, written before its generation is published; atomic because a member late
   * for one run may read them while the caller writes the next run's. */
  _Atomic (OcTeamFunc) func;
  _Atomic (gpointer)   data;
};

typedef struct
{
  OcTeam *team;
} Member;

static inline void
cpu_relax (void)
{
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause ();
#endif
}

/* Whether a spin that started at @t0 (µs) has lasted long enough, looking at the clock only every
 * 64th call (@k counts them). */
static inline gboolean
spun_enough (guint k, gint64 t0)
{
  return k % 64 == 0 && g_get_monotonic_time () - t0 > OC_TEAM_SPIN_US;
}

static inline guint32
claim_generation (guint64 word)
{
  return (guint32) (word >> 32);
}

/* Runs indices of generation @gen until none is left unclaimed; returns how many it ran. */
static guint
work (OcTeam *t, guint32 gen, OcTeamFunc func, gpointer data)
{
  guint64 word = atomic_load_explicit (&t->claim, memory_order_acquire);
  guint done = 0;

  for (;;)
    {
      guint32 index = (guint32) word;

      if (claim_generation (word) != gen || index >= t->n)
        return done;
      if (!atomic_compare_exchange_weak_explicit (&t->claim, &word, word + 1,
                                                  memory_order_acq_rel, memory_order_acquire))
        continue;
      func (index, t->n, data);
      done++;
      /* The last index to finish wakes the caller if it went to sleep waiting for it. */
      if (atomic_fetch_sub_explicit (&t->remaining, 1, memory_order_acq_rel) == 1)
        {
          g_mutex_lock (&t->lock);
          if (t->caller_waits)
            g_cond_signal (&t->done_cond);
          g_mutex_unlock (&t->lock);
        }
      word = atomic_load_explicit (&t->claim, memory_order_acquire);
    }
}

static gpointer
member_main (gpointer user_data)
{
  OcTeam *t = ((Member *) user_data)->team;
  guint32 seen = 0;

  g_free (user_data);
  for (;;)
    {
      gint64 t0 = g_get_monotonic_time ();
      guint32 gen;
      OcTeamFunc func;
      gpointer data;

      for (guint k = 1;
           claim_generation (atomic_load_explicit (&t->claim, memory_order_acquire)) == seen
           && !spun_enough (k, t0); k++)
        cpu_relax ();
      g_mutex_lock (&t->lock);
      while (claim_generation (atomic_load_explicit (&t->claim, memory_order_acquire)) == seen
             && !t->quit)
        {
          t->sleepers++;
          g_cond_wait (&t->start_cond, &t->lock);
          t->sleepers--;
        }
      if (t->quit)
        {
          g_mutex_unlock (&t->lock);
          break;
        }
      g_mutex_unlock (&t->lock);
      /* func and data may already belong to a later run than gen: then no index of gen is left
       * to claim, and work() runs nothing with them. */
      gen = claim_generation (atomic_load_explicit (&t->claim, memory_order_acquire));
      func = atomic_load_explicit (&t->func, memory_order_relaxed);
      data = atomic_load_explicit (&t->data, memory_order_relaxed);
      work (t, gen, func, data);
      seen = gen;
    }
  return NULL;
}

OcTeam *
oc_team_new (guint n)
{
  OcTeam *t = g_new0 (OcTeam, 1);

  t->n = MAX (n, 1);
  g_mutex_init (&t->lock);
  g_cond_init (&t->start_cond);
  g_cond_init (&t->done_cond);
  atomic_init (&t->claim, 0);
  atomic_init (&t->remaining, 0);
  atomic_init (&t->func, NULL);
  atomic_init (&t->data, NULL);
  t->threads = g_new0 (GThread *, t->n);
  for (guint i = 1; i < t->n; i++)
    {
      Member *m = g_new (Member, 1);

      m->team = t;
      t->threads[i - 1] = g_thread_new ("occam-team", member_main, m);
    }
  return t;
}

void
oc_team_free (OcTeam *t)
{
  if (t == NULL)
    return;
  g_mutex_lock (&t->lock);
  t->quit = TRUE;
  g_cond_broadcast (&t->start_cond);
  g_mutex_unlock (&t->lock);
  for (guint i = 1; i < t->n; i++)
    g_thread_join (t->threads[i - 1]);
  g_free (t->threads);
  g_mutex_clear (&t->lock);
  g_cond_clear (&t->start_cond);
  g_cond_clear (&t->done_cond);
  g_free (t);
}

guint
oc_team_size (const OcTeam *t)
{
  return t->n;
}

void
oc_team_run (OcTeam *t, OcTeamFunc func, gpointer data)
{
  guint32 gen;
  gint64 t0;

  if (t->n == 1)
    {
      func (0, 1, data);
      return;
    }
  /* Only the caller writes claim's generation, and no index of the previous run is left. */
  gen = claim_generation (atomic_load_explicit (&t->claim, memory_order_relaxed)) + 1;
  atomic_store_explicit (&t->func, func, memory_order_relaxed);
  atomic_store_explicit (&t->data, data, memory_order_relaxed);
  atomic_store_explicit (&t->remaining, (int) t->n, memory_order_relaxed);
  atomic_store_explicit (&t->claim, (guint64) gen << 32, memory_order_release);
  g_mutex_lock (&t->lock);
  if (t->sleepers > 0)
    g_cond_broadcast (&t->start_cond);
  g_mutex_unlock (&t->lock);

  work (t, gen, func, data);

  t0 = g_get_monotonic_time ();
  for (guint k = 1; atomic_load_explicit (&t->remaining, memory_order_acquire) > 0
                    && !spun_enough (k, t0); k++)
    cpu_relax ();
  g_mutex_lock (&t->lock);
  while (atomic_load_explicit (&t->remaining, memory_order_acquire) > 0)
    {
      t->caller_waits = TRUE;
      g_cond_wait (&t->done_cond, &t->lock);
    }
  t->caller_waits = FALSE;
  g_mutex_unlock (&t->lock);
}

void
oc_team_share (gsize n, guint parts, guint index, gsize align, gsize *start, gsize *end)
{
  gsize blocks = (n + align - 1) / align;
  gsize per = blocks / parts, extra = blocks % parts;
  gsize b0 = index * per + MIN (index, extra);
  gsize b1 = b0 + per + (index < extra ? 1 : 0);

  *start = MIN (b0 * align, n);
  *end = MIN (b1 * align, n);
}
