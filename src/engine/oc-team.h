/* oc-team.h — a fixed team of threads that run one function together, many times a second.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Training splits every minibatch across the team (each thread runs its rows with one BLAS thread)
 * and meets twice per step, so a meeting must cost microseconds: waiters spin briefly before they
 * block. The calling thread is a member too, and runs indices itself while it waits.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _OcTeam OcTeam;

/* Called once for every index in [0, n), n being the team's size, on whichever member claims it
 * first: an index must not wait for another index (they may run one after the other on one
 * thread), and per-index state is keyed by the index, not by the thread. */
typedef void (*OcTeamFunc) (guint index, guint n, gpointer data);

/* A team of @n members (n − 1 new threads); n = 1 runs everything on the caller. */
OcTeam *oc_team_new  (guint n);
void    oc_team_free (OcTeam *team);
guint   oc_team_size (const OcTeam *team);
/* Runs @func for every index and returns when all have finished. */
void    oc_team_run  (OcTeam *team, OcTeamFunc func, gpointer data);

/* The [start, end) share of member @index when @n items are split into @parts parts whose
 * boundaries are multiples of @align. */
void    oc_team_share (gsize n, guint parts, guint index, gsize align, gsize *start, gsize *end);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OcTeam, oc_team_free)

G_END_DECLS
