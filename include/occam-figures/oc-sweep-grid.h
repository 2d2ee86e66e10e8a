/* oc-sweep-grid.h — the points of a sweep or random-features spec, with their store keys.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built once from a spec and never changed, so the page (main thread) and the job (worker) can
 * share it by reference: the same point has the same index and key on both sides. No GTK here.
 */
#pragma once

#include "occam/oc-spec.h"
#include "occam/oc-sweep.h"

G_BEGIN_DECLS

/* What the sweep varies, and so what the main figure puts on its x axis. */
typedef enum
{
  OC_SWEEP_MODE_MODEL,  /* hidden width → parameters */
  OC_SWEEP_MODE_SAMPLE, /* training examples n */
  OC_SWEEP_MODE_NOISE,  /* label-noise fraction */
  OC_SWEEP_MODE_RFF,    /* random features N (an rff spec) */
} OcSweepMode;

typedef struct
{
  guint   index;
  guint   width;       /* hidden width (the base width when not swept); 0 for rff */
  gint64  n_train;     /* −1: every training example */
  double  label_noise;
  guint64 features;    /* rff: N */
  guint64 seed;
} OcGridPoint;

typedef struct
{
  OcSpec       *spec;    /* a copy */
  char         *id;
  gboolean      rff;
  OcSweepConfig cfg;     /* sweep only; points into @spec */
  GArray       *sweep_points; /* OcSweepPoint, sweep only */
  GArray       *points;  /* OcGridPoint, in canonical order */
  char        **keys;    /* [points->len], NULL-terminated */
} OcSweepGrid;

/* A `sweep` or `rff` spec; OC_ERROR_SPEC for other kinds. */
OcSweepGrid *oc_sweep_grid_new   (const OcSpec *spec, GError **error);
OcSweepGrid *oc_sweep_grid_ref   (OcSweepGrid *grid);
void         oc_sweep_grid_unref (OcSweepGrid *grid);

guint        oc_sweep_grid_get_n_points (const OcSweepGrid *grid);
/* The index of @key, or −1. */
int          oc_sweep_grid_find_key (const OcSweepGrid *grid, const char *key);
/* What a stored spec varies: rff → RFF; else the axis with several values (widths first). */
OcSweepMode  oc_sweep_grid_guess_mode (const OcSweepGrid *grid);
/* Whether @a and @b lie on the same curve of @mode's figure: equal on every axis but @mode's
 * own, seeds aside (model-wise: same n and label noise). */
gboolean     oc_sweep_grid_same_slice (const OcGridPoint *a, const OcGridPoint *b,
                                       OcSweepMode mode);
/* The curves of @mode in a sweep over several axes (widths × n, say): the index of the first
 * point of each, in canonical order; one for a sweep of one axis. Free with g_array_unref(). */
GArray      *oc_sweep_grid_slices (const OcSweepGrid *grid, OcSweepMode mode);
/* "width 64 · seed 1", "n 500 · seed 0", "N 4000 · seed 0". Free with g_free(). */
char        *oc_sweep_grid_describe_point (const OcSweepGrid *grid, guint index);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OcSweepGrid, oc_sweep_grid_unref)

G_END_DECLS
