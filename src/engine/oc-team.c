/* oc-team.c — spin-then-block fork/join for a small, fixed team of threads.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "oc-team.h"

/* About 20–50 µs of spinning before a waiter sleeps: longer than a training half-step's skew on
 * a quiet machine, short enough not to burn a core when the other side is slow. */
#define OC_TEAM_SPINS 20000

struct _OcTeam
{
  guint       n;
  GThread   **threads;     /* [n − 1] */
  GMutex      lock;
  GCond       start_cond;
  GCond       done_cond;
  gint        generation;  /* bumped (under lock) for every run */
  gint        remaining;   /* members of the current run still working */
  gboolean    quit;
  OcTeamFunc  func;
  gpointer    data;
};

typedef struct
{
  OcTeam *team;
  guint   index;
} Member;

static inline void
cpu_relax (void)
{
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause ();
#endif
}

static gpointer
member_main (gpointer user_data)
{
  Member *m = user_data;
  OcTeam *t = m->team;
  guint index = m->index;
  gint seen = 0;

  g_free (m);
  for (;;)
    {
      int spins = 0;

      while (g_atomic_int_get (&t->generation) == seen && spins++ < OC_TEAM_SPINS)
        cpu_relax ();
      g_mutex_lock (&t->lock);
      while (g_atomic_int_get (&t->generation) == seen && !t->quit)
        g_cond_wait (&t->start_cond, &t->lock);
      if (t->quit)
        {
          g_mutex_unlock (&t->lock);
          break;
        }
      seen = g_atomic_int_get (&t->generation);
      g_mutex_unlock (&t->lock);

      t->func (index, t->n, t->data);

      if (g_atomic_int_dec_and_test (&t->remaining))
        {
          g_mutex_lock (&t->lock);
          g_cond_signal (&t->done_cond);
          g_mutex_unlock (&t->lock);
        }
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
  t->threads = g_new0 (GThread *, t->n);
  for (guint i = 1; i < t->n; i++)
    {
      Member *m = g_new (Member, 1);

      m->team = t;
      m->index = i;
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
  int spins = 0;

  if (t->n == 1)
    {
      func (0, 1, data);
      return;
    }
  t->func = func;
  t->data = data;
  g_atomic_int_set (&t->remaining, (gint) t->n - 1);
  g_mutex_lock (&t->lock);
  g_atomic_int_inc (&t->generation);
  g_cond_broadcast (&t->start_cond);
  g_mutex_unlock (&t->lock);

  func (0, t->n, data);

  while (g_atomic_int_get (&t->remaining) > 0 && spins++ < OC_TEAM_SPINS)
    cpu_relax ();
  g_mutex_lock (&t->lock);
  while (g_atomic_int_get (&t->remaining) > 0)
    g_cond_wait (&t->done_cond, &t->lock);
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
