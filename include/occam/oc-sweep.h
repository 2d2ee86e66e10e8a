/* oc-sweep.h — model-, sample- and noise-wise sweeps run concurrently on a worker pool.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A sweep is the cartesian product of its axes (hidden width, training examples, label noise,
 * seed) around a base training spec. Points run on `workers` threads, largest first so the pool
 * ends together; every callback is called on a worker thread and must be thread-safe.
 */
#pragma once

#include "oc-train.h"

G_BEGIN_DECLS

typedef struct
{
  guint   index;       /* position in oc_sweep_points() order */
  guint   width;       /* hidden width of every hidden layer; 0 keeps the base architecture */
  gint64  n_train;     /* training examples; −1 keeps the base setting */
  double  label_noise;
  guint64 seed;        /* model seed */
} OcSweepPoint;

typedef struct
{
  const OcDataOptions *data;      /* base data options */
  const OcTrainConfig *train;     /* base training configuration */
  const GArray        *widths;    /* guint64 values, or NULL: the base architecture */
  const GArray        *n_trains;  /* guint64 values, or NULL: the base n_train */
  const GArray        *noises;    /* double values, or NULL: the base label noise */
  const GArray        *seeds;     /* guint64 values, or NULL: the base seed */
  guint                record_every_epochs; /* > 0: evaluate every K epochs (epoch-wise curves) */
  guint                workers;   /* concurrent points; 0 = automatic (see oc_sweep_plan) */
} OcSweepConfig;

typedef enum
{
  OC_POINT_FINISHED,
  OC_POINT_DIVERGED, /* recorded as such; the sweep goes on */
} OcPointStatus;

typedef struct
{
  const OcSweepPoint  *point;
  OcPointStatus        status;
  const OcTrainResult *result;   /* NULL when diverged */
  const GError        *error;    /* why it diverged, else NULL */
  const OcDataset     *data;
  const OcMlp         *model;    /* the trained (or diverged) model */
  const float         *theta_init; /* θ₀: its parameter arena before training, or NULL */
  gsize                n_params; /* weights and biases: 795H + 10 for 784-H-10 */
} OcPointOutcome;

typedef struct
{
  /* Resume: return TRUE for points already finished (they are skipped). May be NULL. */
  gboolean (*is_done)        (const OcSweepPoint *point, gpointer user_data);
  /* Live progress of one point (every evaluation and about every 0.2 s). May be NULL. */
  void     (*point_progress) (const OcSweepPoint *point, const OcProgress *progress,
                              gpointer user_data);
  /* A point ended; return FALSE with @error to stop the sweep (e.g. the store failed). */
  gboolean (*point_finished) (const OcPointOutcome *outcome, gpointer user_data, GError **error);
  gpointer   user_data;
} OcSweepCallbacks;

/* Fills @cfg from a `sweep` spec (which must outlive it); free the axes with oc_sweep_config_clear.
 * Sweeps evaluate at the start, every record_every_epochs epochs, and at the end. */
struct _OcSpec;
gboolean oc_sweep_config_from_spec (const struct _OcSpec *spec, OcSweepConfig *cfg,
                                    GError **error);
void     oc_sweep_config_clear     (OcSweepConfig *cfg);
/* The store key of a point: {"width":64,"n_train":4000,"label_noise":0.2,"seed":0}; n_train is
 * null when every training example is used. */
char    *oc_sweep_point_key        (const OcSweepConfig *cfg, const OcSweepPoint *point);

/* The points of @cfg in canonical order: width, then n_train, then noise, then seed. Free with
 * g_array_unref(). */
GArray  *oc_sweep_points (const OcSweepConfig *cfg);

/* The relative work of training @point (weights × examples seen, plus a fixed cost per step):
 * sweeps run the largest first, and progress and ETA weigh points by it. */
double   oc_sweep_point_cost (const OcSweepConfig *cfg, const OcSweepPoint *point);

/* How a sweep of @n_points uses @cores cores: points in parallel (each with BLAS threads
 * cores/workers) or one at a time with every core in BLAS. */
void     oc_sweep_plan   (const OcSweepConfig *cfg, guint n_points, guint cores, guint *workers,
                          guint *blas_threads);

/* Runs every point not reported done. Returns FALSE on cancellation (G_IO_ERROR_CANCELLED), on a
 * data error before any point ran, or when point_finished fails; finished points have been
 * reported either way. */
gboolean oc_sweep_run    (const OcSweepConfig *cfg, const OcSweepCallbacks *callbacks,
                          GCancellable *cancellable, GError **error);

G_END_DECLS
