/* oc-train-state.c — the whole state of a training run between two steps (oc-train.h), captured
 * at chosen iterations and continued by oc_train_resume.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "occam/oc-error.h"
#include "occam/oc-train.h"
#include "oc-train-private.h"

void
oc_train_state_free (OcTrainState *state)
{
  if (state == NULL)
    return;
  g_free (state->params);
  g_free (state->mask);
  g_free (state->m);
  g_free (state->v);
  g_free (state->order);
  g_free (state);
}

static gboolean
dup_floats (float **out, const float *src, gsize n, const char *what, GError **error)
{
  if (src == NULL)
    return TRUE;
  *out = oc_try_alloc (n * sizeof (float), what, error);
  if (*out == NULL)
    return FALSE;
  memcpy (*out, src, n * sizeof (float));
  return TRUE;
}

/* A state of @n_params parameters with copies of the arrays given (each may be NULL). */
static OcTrainState *
state_new (gsize n_params, const float *params, const float *mask, const float *m,
           const float *v, guint n_train, const guint32 *order, GError **error)
{
  g_autoptr (OcTrainState) s = g_new0 (OcTrainState, 1);

  s->n_params = n_params;
  s->n_train = n_train;
  if (!dup_floats (&s->params, params, n_params, "a training state's weights", error)
      || !dup_floats (&s->mask, mask, n_params, "a training state's mask", error)
      || !dup_floats (&s->m, m, n_params, "a training state's moments", error)
      || !dup_floats (&s->v, v, n_params, "a training state's moments", error))
    return NULL;
  s->order = oc_try_alloc0_n (MAX (n_train, 1), sizeof (guint32), "a training state's data order",
                              error);
  if (s->order == NULL)
    return NULL;
  if (order != NULL)
    memcpy (s->order, order, sizeof (guint32) * n_train);
  else
    for (guint32 i = 0; i < n_train; i++)
      s->order[i] = i;
  return g_steal_pointer (&s);
}

OcTrainState *
oc_train_state_dup (const OcTrainState *state, GError **error)
{
  OcTrainState *s;

  g_return_val_if_fail (state != NULL && state->params != NULL, NULL);

  s = state_new (state->n_params, state->params, state->mask, state->m, state->v, state->n_train,
                 state->order, error);
  if (s == NULL)
    return NULL;
  s->iteration = state->iteration;
  s->optim_steps = state->optim_steps;
  s->pos = state->pos;
  s->order_rng = state->order_rng;
  return s;
}

OcTrainState *
oc_train_state_new_start (const OcMlp *model, guint n_train, guint64 seed, GError **error)
{
  OcTrainState *s;

  g_return_val_if_fail (model != NULL, NULL);

  s = state_new (model->n_params, model->params, model->mask, NULL, NULL, n_train, NULL, error);
  if (s == NULL)
    return NULL;
  /* As oc_train_run starts: the identity, shuffled before the first step. */
  s->pos = n_train;
  oc_rng_init (&s->order_rng, seed, OC_STREAM_ORDER);
  return s;
}

OcTrainState *
oc_train_state_capture (const OcMlp *model, OcOptimizer *opt, guint64 iteration,
                        const guint32 *order, guint n_train, guint pos, const OcRng *order_rng,
                        GError **error)
{
  OcTrainState *s = state_new (model->n_params, model->params, model->mask,
                               oc_optimizer_get_m (opt), oc_optimizer_get_v (opt), n_train, order,
                               error);

  if (s == NULL)
    return NULL;
  s->iteration = iteration;
  s->optim_steps = oc_optimizer_get_step (opt);
  s->pos = pos;
  s->order_rng = *order_rng;
  return s;
}
