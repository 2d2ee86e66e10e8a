/* oc-grok-results.h — the runs of a `grok` experiment as the Grokking page, occam-cli grok and
 * the figure catalogue read them: curves, per-evaluation measures, summary steps, pair grids.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One entry per point of the spec, in canonical order. Entries fill from the store
 * (oc_grok_results_load), or live from a run's events: evaluations as they come
 * (oc_grok_results_add_eval), then the whole recorded point (oc_grok_results_set_point). The
 * summary steps are recomputed from the curve at every change, so they appear as they happen.
 * Main thread only (or any one thread); no GTK.
 */
#pragma once

#include "occam/oc-grok.h"
#include "occam/oc-spec.h"
#include "occam/oc-store.h"

G_BEGIN_DECLS

typedef struct
{
  OcGrokPoint  point;
  char        *key;           /* store key */
  char        *label;         /* "fraction 0.5 · wd 1 · seed 0" */
  gboolean     received;      /* a run reported it, or the store holds it */
  OcStatus     status;        /* of the recorded point; OC_STATUS_RUNNING while live */
  char        *error;         /* a failed point's message */
  double       seconds;
  GArray      *evals;         /* of OcEvalPoint */
  GArray      *measures;      /* of double, OC_GROK_N_MEASURES per evaluation */
  GArray      *spectrum;      /* of float, n_frequencies per evaluation (modadd), may be empty */
  guint        n_frequencies; /* 0 unless modadd */
  guint8      *pairs_memorised, *pairs_final; /* oc_grok_pair_grid() cells, or NULL */
  guint        pair_rows, pair_cols;
  gint64       memorised;     /* summary steps, −1: not (yet) reached */
  gint64       generalised;
} OcGrokRun;

typedef struct _OcGrokResults OcGrokResults;

/* Entries for every point of the finished `grok` spec @spec (copied). */
OcGrokResults   *oc_grok_results_new        (const OcSpec *spec);
void             oc_grok_results_free       (OcGrokResults *results);
const OcSpec    *oc_grok_results_get_spec   (const OcGrokResults *results);
guint            oc_grok_results_get_n_runs (const OcGrokResults *results);
const OcGrokRun *oc_grok_results_get_run    (const OcGrokResults *results, guint index);
/* The entry of a point key, or −1. */
int              oc_grok_results_find       (const OcGrokResults *results, const char *key);
/* Runs with a finished point. */
guint            oc_grok_results_get_n_finished (const OcGrokResults *results);
/* modadd's p, or 0 for addition. */
guint            oc_grok_results_get_modulus (const OcGrokResults *results);

/* Reads every point the store holds for the experiment of the spec, with curves and artifacts.
 * Returns how many it found, or −1 with @error. */
int              oc_grok_results_load       (OcGrokResults *results, OcStore *store,
                                             GError **error);
/* A live evaluation of run @index (its measures, OC_GROK_N_MEASURES values, may be NULL). The
 * first one of a run clears what the run showed before (a rerun starts over). */
void             oc_grok_results_add_eval   (OcGrokResults *results, guint index,
                                             const OcEvalPoint *eval, const double *measures,
                                             guint n_measures);
/* Run @index ended and was recorded as @point (its curve included) with @artifacts (of
 * OcStoreArtifact*, may be NULL). FALSE with @error when an artifact cannot be read. */
gboolean         oc_grok_results_set_point  (OcGrokResults *results, guint index,
                                             const OcStorePoint *point, GPtrArray *artifacts,
                                             GError **error);

/* The evaluation before the jump and the one after it, for the spectrum figure: "before" is the
 * memorised step's evaluation (or the first), "after" the found-the-rule step's (or the last).
 * FALSE when the run has no spectrum. */
gboolean         oc_grok_run_jump_evals     (const OcGrokRun *run, guint *before, guint *after);

/* "1234", or "never" for −1. Free with g_free(). */
char            *oc_grok_format_step        (gint64 step);
/* generalised / memorised as "×12.3", or "—" when either is missing. Free with g_free(). */
char            *oc_grok_format_ratio       (gint64 memorised, gint64 generalised);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OcGrokResults, oc_grok_results_free)

G_END_DECLS
