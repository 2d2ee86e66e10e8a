/* oc-rng.h — seeded random numbers with independent streams.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One user-visible seed feeds several streams (initialisation, data order, label noise, masks, …).
 * Each stream is a xoshiro256** generator whose state is derived from (seed, stream) through
 * splitmix64, so changing how many numbers one consumer draws never shifts another's sequence.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  OC_STREAM_INIT = 1,   /* weight initialisation */
  OC_STREAM_ORDER,      /* minibatch order */
  OC_STREAM_NOISE,      /* which training labels are flipped, and to what */
  OC_STREAM_MASK,       /* random pruning masks */
  OC_STREAM_SUBSET,     /* random subset of the training examples */
  OC_STREAM_GENERATOR,  /* built-in synthetic datasets */
  OC_STREAM_SPLIT,      /* train / validation / test splits of generated or CSV data */
  OC_STREAM_FEATURES,   /* random features */
  OC_STREAM_BRANCH,     /* data orders of the children of an instability analysis */
  OC_STREAM_USER = 100, /* first stream free for callers; add an index to get more */
} OcRngStream;

typedef struct
{
  guint64 s[4];
} OcRng;

void    oc_rng_init         (OcRng *rng, guint64 seed, guint stream);
guint64 oc_rng_next         (OcRng *rng);
/* Uniform integer in [0, n), unbiased (Lemire's method); n > 0. */
guint32 oc_rng_below        (OcRng *rng, guint32 n);
/* Uniform double in [0, 1) with 53 random bits. */
double  oc_rng_uniform      (OcRng *rng);
/* Standard normal (Box–Muller, no cached second value so streams stay position-independent). */
double  oc_rng_normal       (OcRng *rng);
/* @n normal values with standard deviation @sd, both outputs of each Box–Muller pair used: twice
 * as fast as oc_rng_normal for bulk draws (random features). */
void    oc_rng_fill_normal  (OcRng *rng, float *out, gsize n, double sd);
/* Fisher–Yates shuffle of @n indices. */
void    oc_rng_shuffle_u32  (OcRng *rng, guint32 *a, gsize n);

G_END_DECLS
