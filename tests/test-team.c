/* test-team.c — a team runs every index exactly once per run, whichever member claims it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "oc-team.h"

typedef struct
{
  int   kind;      /* which function this job is meant for */
  gint *count;     /* [team size] runs of each index */
  gint  bad;       /* calls that got another function's job or an index out of range */
  guint n;
} Job;

static void
count_index (Job *j, int kind, guint index, guint n)
{
  if (j->kind != kind || n != j->n || index >= n)
    {
      g_atomic_int_inc (&j->bad);
      return;
    }
  g_atomic_int_inc (&j->count[index]);
}

static void
func_a (guint index, guint n, gpointer data)
{
  count_index (data, 0, index, n);
}

/* Busy for a while at one index only, so that the other indices are claimed by whoever is free. */
static void
func_b (guint index, guint n, gpointer data)
{
  volatile double x = 0;

  if (index == 0)
    for (int i = 0; i < 2000; i++)
      x += i;
  count_index (data, 1, index, n);
}

/* Two functions alternate with two jobs over many runs: a member late for one run must never
 * run a later run's index with the earlier function (each function checks its job's kind), and
 * every index of every run runs exactly once before oc_team_run returns. */
static void
test_team_each_index_once (gconstpointer user_data)
{
  guint n = GPOINTER_TO_UINT (user_data);
  g_autoptr (OcTeam) team = oc_team_new (n);
  g_autofree gint *ca = g_new0 (gint, n), *cb = g_new0 (gint, n);
  Job a = { 0, ca, 0, n }, b = { 1, cb, 0, n };
  const int runs = 3000;

  g_assert_cmpuint (oc_team_size (team), ==, n);
  for (int r = 0; r < runs; r++)
    {
      Job *j = r % 2 == 0 ? &a : &b;

      oc_team_run (team, r % 2 == 0 ? func_a : func_b, j);
      /* Everything of this run has finished: each index has run r / 2 + 1 times. */
      for (guint i = 0; i < n; i++)
        g_assert_cmpint (g_atomic_int_get (&j->count[i]), ==, r / 2 + 1);
    }
  g_assert_cmpint (g_atomic_int_get (&a.bad), ==, 0);
  g_assert_cmpint (g_atomic_int_get (&b.bad), ==, 0);
}

static void
test_team_share (void)
{
  gsize start, end, covered = 0;

  /* 100 items in 3 parts on 16-item boundaries: 7 blocks of 16 → 3, 2, 2 blocks. */
  oc_team_share (100, 3, 0, 16, &start, &end);
  g_assert_cmpuint (start, ==, 0);
  g_assert_cmpuint (end, ==, 48);
  for (guint i = 0; i < 3; i++)
    {
      oc_team_share (100, 3, i, 16, &start, &end);
      g_assert_cmpuint (start, ==, covered);
      covered = end;
    }
  g_assert_cmpuint (covered, ==, 100);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_data_func ("/team/each-index-once/1", GUINT_TO_POINTER (1),
                        test_team_each_index_once);
  g_test_add_data_func ("/team/each-index-once/2", GUINT_TO_POINTER (2),
                        test_team_each_index_once);
  g_test_add_data_func ("/team/each-index-once/3", GUINT_TO_POINTER (3),
                        test_team_each_index_once);
  g_test_add_data_func ("/team/each-index-once/5", GUINT_TO_POINTER (5),
                        test_team_each_index_once);
  g_test_add_func ("/team/share", test_team_share);
  return g_test_run ();
}
