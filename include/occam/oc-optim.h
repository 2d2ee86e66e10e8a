/* oc-optim.h — optimisers and learning-rate schedules over flat parameter arenas.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  OC_OPTIM_SGD,
  OC_OPTIM_MOMENTUM, /* heavy ball, or Nesterov with `nesterov` */
  OC_OPTIM_ADAM,
  OC_OPTIM_ADAMW,    /* Adam with decoupled weight decay */
} OcOptimKind;

typedef enum
{
  OC_SCHEDULE_CONSTANT,
  OC_SCHEDULE_STEP,        /* lr0 · gamma^⌊t/T⌋ */
  OC_SCHEDULE_COSINE,      /* lr0 · ½(1 + cos(π t / total)) */
  OC_SCHEDULE_INVERSE_SQRT /* lr0 / √(1 + ⌊t/T⌋) (Nakkiran et al.'s SGD schedule) */
} OcScheduleKind;

typedef struct
{
  OcOptimKind    kind;
  double         lr;
  double         momentum;     /* momentum: μ (default 0.9) */
  gboolean       nesterov;
  double         beta1, beta2; /* Adam: 0.9, 0.999 */
  double         eps;          /* Adam: 1e-8 */
  double         weight_decay; /* L2 added to the gradient (SGD, momentum, Adam) or decoupled (AdamW) */
  OcScheduleKind schedule;
  guint64        schedule_period; /* T for step and inverse-sqrt, in iterations */
  double         schedule_gamma;  /* step: factor per period (0.1) */
} OcOptimConfig;

void oc_optim_config_init (OcOptimConfig *cfg);

/* Learning rate at iteration @t (0-based) of @total. */
double oc_schedule_lr (const OcOptimConfig *cfg, guint64 t, guint64 total);

typedef struct _OcOptimizer OcOptimizer;

/* State for @n parameters (zeroed moments). */
OcOptimizer *oc_optimizer_new   (const OcOptimConfig *cfg, gsize n, GError **error);
void         oc_optimizer_free  (OcOptimizer *opt);
void         oc_optimizer_reset (OcOptimizer *opt);
/* One update of params[n] with grads[n] at learning rate @lr. With @mask (n entries of 0/1), masked
 * gradients, moments and parameters are forced to exactly zero, so pruned weights cannot regrow. */
void         oc_optimizer_step  (OcOptimizer *opt, float *params, float *grads, const float *mask,
                                 double lr);
/* The same step split across threads: oc_optimizer_begin_step once, then
 * oc_optimizer_update_range over disjoint [start, end) ranges (any order, any thread). */
void         oc_optimizer_begin_step   (OcOptimizer *opt, double lr);
void         oc_optimizer_update_range (OcOptimizer *opt, float *params, float *grads,
                                        const float *mask, gsize start, gsize end);
/* As oc_optimizer_update_range with the gradient g0 + g1 (g0 alone when @g1 is NULL; the same
 * sum, bit for bit, as adding g1 into g0 first), in the same one pass over the range, which it
 * leaves +0 in both g0 and g1: a team's two gradient arenas are summed, used and cleared for the
 * next step's GEMMs to accumulate into, without a pass of their own. */
void         oc_optimizer_update_range_clear (OcOptimizer *opt, float *params, float *g0,
                                              float *g1, const float *mask, gsize start,
                                              gsize end);
/* Sparse masks: oc_optimizer_use_kept lists the kept entries kept[n_kept] (ascending; the array
 * must outlive its use) and packs their moments, so that a step costs the surviving weights
 * instead of the whole arena; the getters above still return whole arenas. Then, after
 * oc_optimizer_begin_step, oc_optimizer_update_kept updates entries [start .. end) of the packed
 * arrays params[n_kept] and grads[n_kept] (params[k] and grads[k] belong to arena entry kept[k];
 * the caller packs and unpacks them) — disjoint ranges, any order, any thread. The arithmetic is
 * the masked update's, so both give the same numbers bit for bit. Entries not listed are never
 * touched: call oc_optimizer_clear_pruned once first, so that they hold exactly +0 as the masked
 * update would leave them. */
gboolean     oc_optimizer_use_kept     (OcOptimizer *opt, const guint32 *kept, gsize n_kept,
                                        GError **error);
void         oc_optimizer_update_kept  (OcOptimizer *opt, float *params, float *grads,
                                        gsize start, gsize end);
/* Sets params, grads and the moments to +0 wherever @mask (n entries) is 0. */
void         oc_optimizer_clear_pruned (OcOptimizer *opt, float *params, float *grads,
                                        const float *mask);
/* Moment arenas (the momentum buffer or Adam's first moment, and Adam's second moment); NULL
 * when the optimiser keeps none. */
const float *oc_optimizer_get_m (OcOptimizer *opt);
const float *oc_optimizer_get_v (OcOptimizer *opt);
/* Steps taken: t of Adam's bias corrections. */
guint64      oc_optimizer_get_step (OcOptimizer *opt);
/* Puts the optimiser back into a state read from another one of the same configuration and size
 * (a training state, oc-train.h): @m and @v as oc_optimizer_get_m/_v returned them (NULL reads
 * as zeros), @t steps taken. */
void         oc_optimizer_load     (OcOptimizer *opt, const float *m, const float *v, guint64 t);

gboolean    oc_optim_kind_from_string (const char *s, OcOptimKind *out);
const char *oc_optim_kind_to_string   (OcOptimKind k);
gboolean    oc_schedule_from_string   (const char *s, OcScheduleKind *out);
const char *oc_schedule_to_string     (OcScheduleKind k);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OcOptimizer, oc_optimizer_free)

G_END_DECLS
