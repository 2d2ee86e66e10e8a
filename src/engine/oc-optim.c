/* oc-optim.c — SGD, momentum, Adam and AdamW over one flat arena, with masks and schedules.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The update rules follow PyTorch's torch.optim so that runs can be compared number for number:
 * L2 weight decay is added to the gradient (decoupled for AdamW), momentum keeps buf = μ·buf + g,
 * Adam corrects both moments for bias.
 */
#include <math.h>
#include <string.h>

#include "occam/oc-error.h"
#include "occam/oc-optim.h"
#include "oc-simd.h"

struct _OcOptimizer
{
  OcOptimConfig cfg;
  gsize         n;
  float        *m;     /* momentum buffer or Adam's first moment, [n] */
  float        *v;     /* Adam's second moment, [n] */
  guint64       t;     /* steps taken */
  /* A sparse mask's kept entries (oc_optimizer_use_kept): their moments live packed in mk and
   * vk, in the order of kept[], and m, v are brought up to date only when read. */
  const guint32 *kept;
  gsize          n_kept;
  float         *mk, *vk;
  /* Scalars of the current step, set by oc_optimizer_begin_step. */
  float         lr, lr_t, wd_l2, decay, eps_hat;
};

void
oc_optim_config_init (OcOptimConfig *cfg)
{
  g_return_if_fail (cfg != NULL);

  memset (cfg, 0, sizeof *cfg);
  cfg->kind = OC_OPTIM_SGD;
  cfg->lr = 0.01;
  cfg->momentum = 0.9;
  cfg->beta1 = 0.9;
  cfg->beta2 = 0.999;
  cfg->eps = 1e-8;
  cfg->schedule = OC_SCHEDULE_CONSTANT;
  cfg->schedule_period = 512;
  cfg->schedule_gamma = 0.1;
}

double
oc_schedule_lr (const OcOptimConfig *cfg, guint64 t, guint64 total)
{
  guint64 period = MAX (cfg->schedule_period, 1);

  switch (cfg->schedule)
    {
    case OC_SCHEDULE_STEP:
      return cfg->lr * pow (cfg->schedule_gamma, (double) (t / period));
    case OC_SCHEDULE_COSINE:
      if (total == 0)
        return cfg->lr;
      return cfg->lr * 0.5 * (1.0 + cos (G_PI * (double) MIN (t, total) / (double) total));
    case OC_SCHEDULE_INVERSE_SQRT:
      return cfg->lr / sqrt (1.0 + (double) (t / period));
    case OC_SCHEDULE_CONSTANT:
    default:
      return cfg->lr;
    }
}

OcOptimizer *
oc_optimizer_new (const OcOptimConfig *cfg, gsize n, GError **error)
{
  g_autoptr (OcOptimizer) opt = NULL;

  g_return_val_if_fail (cfg != NULL, NULL);

  opt = g_new0 (OcOptimizer, 1);
  opt->cfg = *cfg;
  opt->n = n;
  if (cfg->kind != OC_OPTIM_SGD)
    {
      opt->m = oc_try_alloc0_n (n, sizeof (float), "the optimiser's first moment", error);
      if (opt->m == NULL)
        return NULL;
    }
  if (cfg->kind == OC_OPTIM_ADAM || cfg->kind == OC_OPTIM_ADAMW)
    {
      opt->v = oc_try_alloc0_n (n, sizeof (float), "the optimiser's second moment", error);
      if (opt->v == NULL)
        return NULL;
    }
  return g_steal_pointer (&opt);
}

void
oc_optimizer_free (OcOptimizer *opt)
{
  if (opt == NULL)
    return;
  g_free (opt->m);
  g_free (opt->v);
  g_free (opt->mk);
  g_free (opt->vk);
  g_free (opt);
}

/* Packs the kept entries' moments from the arenas. */
static void
gather_kept (OcOptimizer *opt)
{
  if (opt->mk != NULL)
    for (gsize k = 0; k < opt->n_kept; k++)
      opt->mk[k] = opt->m[opt->kept[k]];
  if (opt->vk != NULL)
    for (gsize k = 0; k < opt->n_kept; k++)
      opt->vk[k] = opt->v[opt->kept[k]];
}

gboolean
oc_optimizer_use_kept (OcOptimizer *opt, const guint32 *kept, gsize n_kept, GError **error)
{
  g_return_val_if_fail (opt != NULL && (kept != NULL || n_kept == 0), FALSE);

  g_clear_pointer (&opt->mk, g_free);
  g_clear_pointer (&opt->vk, g_free);
  opt->kept = kept;
  opt->n_kept = n_kept;
  if (opt->m != NULL
      && (opt->mk = oc_try_alloc0_n (MAX (n_kept, 1), sizeof (float),
                                     "the optimiser's first moment", error)) == NULL)
    return FALSE;
  if (opt->v != NULL
      && (opt->vk = oc_try_alloc0_n (MAX (n_kept, 1), sizeof (float),
                                     "the optimiser's second moment", error)) == NULL)
    return FALSE;
  gather_kept (opt);
  return TRUE;
}

void
oc_optimizer_reset (OcOptimizer *opt)
{
  g_return_if_fail (opt != NULL);

  if (opt->m != NULL)
    memset (opt->m, 0, sizeof (float) * opt->n);
  if (opt->v != NULL)
    memset (opt->v, 0, sizeof (float) * opt->n);
  opt->t = 0;
  gather_kept (opt);
}

const float *
oc_optimizer_get_m (OcOptimizer *opt)
{
  if (opt->mk != NULL)
    for (gsize k = 0; k < opt->n_kept; k++)
      opt->m[opt->kept[k]] = opt->mk[k];
  return opt->m;
}

const float *
oc_optimizer_get_v (OcOptimizer *opt)
{
  if (opt->vk != NULL)
    for (gsize k = 0; k < opt->n_kept; k++)
      opt->v[opt->kept[k]] = opt->vk[k];
  return opt->v;
}

guint64
oc_optimizer_get_step (OcOptimizer *opt)
{
  return opt->t;
}

void
oc_optimizer_load (OcOptimizer *opt, const float *m, const float *v, guint64 t)
{
  g_return_if_fail (opt != NULL);

  if (opt->m != NULL)
    {
      if (m != NULL)
        memcpy (opt->m, m, sizeof (float) * opt->n);
      else
        memset (opt->m, 0, sizeof (float) * opt->n);
    }
  if (opt->v != NULL)
    {
      if (v != NULL)
        memcpy (opt->v, v, sizeof (float) * opt->n);
      else
        memset (opt->v, 0, sizeof (float) * opt->n);
    }
  opt->t = t;
  gather_kept (opt);
}

/* With a mask, every masked entry of p, g and the moments is forced to exactly +0 by a select
 * (not a multiply, which would leave −0 or NaN behind), so pruned weights cannot regrow however
 * the moments were left by earlier training. Each rule has an unmasked loop without selects:
 * these loops are memory-bound and run once per step over every parameter. The rule itself is
 * written once per element (the *_one functions) for the unmasked and the indexed loops, so both
 * compute bit for bit the same; the masked loops spell the same arithmetic with selects. */

static inline void
sgd_one (float *restrict p, const float *restrict g, gsize i, float lr, float wd)
{
  p[i] -= lr * (g[i] + wd * p[i]);
}

/* The moments are passed by element (buf, m, v), as they are either the arena's entry i or a
 * packed one. */
static inline void
momentum_one (float *restrict p, const float *restrict g, float *restrict buf, gsize i, float lr,
              float wd, float mu, float nesterov)
{
  /* nesterov is 0 or 1: d = b + nesterov·(g + μb − b) keeps the loop free of branches. */
  float gi = g[i] + wd * p[i];
  float b = mu * *buf + gi;

  *buf = b;
  p[i] -= lr * (nesterov != 0.0f ? gi + mu * b : b);
}

/* lr_t = lr·√(1−β₂ᵗ)/(1−β₁ᵗ) and eps_hat = ε·√(1−β₂ᵗ): the bias corrections folded into two
 * scalars (Kingma & Ba, section 2), so the loop does one sqrt and one divide per weight. */
static inline void
adam_one (float *restrict p, const float *restrict g, float *restrict m, float *restrict v, gsize i,
          float lr_t, float wd_l2, float decay, float b1, float b2, float eps_hat)
{
  float gi = g[i] + wd_l2 * p[i];
  float mi = b1 * *m + (1.0f - b1) * gi;
  float vi = b2 * *v + (1.0f - b2) * gi * gi;

  *m = mi;
  *v = vi;
  p[i] = p[i] * decay - lr_t * mi / (sqrtf (vi) + eps_hat);
}

OC_VECTOR_CLONES static void
step_sgd (float *restrict p, float *restrict g, const float *restrict mask, gsize n, float lr,
          float wd)
{
  if (mask == NULL)
    for (gsize i = 0; i < n; i++)
      sgd_one (p, g, i, lr, wd);
  else
    for (gsize i = 0; i < n; i++)
      {
        gboolean keep = mask[i] != 0.0f;

        g[i] = keep ? g[i] : 0.0f;
        p[i] = keep ? p[i] - lr * (g[i] + wd * p[i]) : 0.0f;
      }
}

OC_VECTOR_CLONES static void
step_momentum (float *restrict p, float *restrict g, float *restrict buf, const float *restrict mask,
               gsize n, float lr, float wd, float mu, float nesterov)
{
  if (mask == NULL)
    for (gsize i = 0; i < n; i++)
      momentum_one (p, g, buf + i, i, lr, wd, mu, nesterov);
  else
    for (gsize i = 0; i < n; i++)
      {
        gboolean keep = mask[i] != 0.0f;
        float gi = keep ? g[i] + wd * p[i] : 0.0f;
        float b = keep ? mu * buf[i] + gi : 0.0f;

        g[i] = gi;
        buf[i] = b;
        p[i] = keep ? p[i] - lr * (nesterov != 0.0f ? gi + mu * b : b) : 0.0f;
      }
}

OC_VECTOR_CLONES static void
step_adam (float *restrict p, float *restrict g, float *restrict m, float *restrict v,
           const float *restrict mask, gsize n, float lr_t, float wd_l2, float decay,
           float b1, float b2, float eps_hat)
{
  if (mask == NULL)
    for (gsize i = 0; i < n; i++)
      adam_one (p, g, m + i, v + i, i, lr_t, wd_l2, decay, b1, b2, eps_hat);
  else
    for (gsize i = 0; i < n; i++)
      {
        gboolean keep = mask[i] != 0.0f;
        float gi = keep ? g[i] + wd_l2 * p[i] : 0.0f;
        float mi = keep ? b1 * m[i] + (1.0f - b1) * gi : 0.0f;
        float vi = keep ? b2 * v[i] + (1.0f - b2) * gi * gi : 0.0f;

        g[i] = gi;
        m[i] = mi;
        v[i] = vi;
        p[i] = keep ? p[i] * decay - lr_t * mi / (sqrtf (vi) + eps_hat) : 0.0f;
      }
}

void
oc_optimizer_begin_step (OcOptimizer *opt, double lr)
{
  const OcOptimConfig *c = &opt->cfg;

  opt->t++;
  opt->lr = (float) lr;
  if (c->kind == OC_OPTIM_ADAM || c->kind == OC_OPTIM_ADAMW)
    {
      double bc1 = 1.0 - pow (c->beta1, (double) opt->t);
      double bc2 = 1.0 - pow (c->beta2, (double) opt->t);
      gboolean decoupled = c->kind == OC_OPTIM_ADAMW;

      opt->lr_t = (float) (lr * sqrt (bc2) / bc1);
      opt->wd_l2 = decoupled ? 0.0f : (float) c->weight_decay;
      opt->decay = decoupled ? (float) (1.0 - lr * c->weight_decay) : 1.0f;
      opt->eps_hat = (float) (c->eps * sqrt (bc2));
    }
}

void
oc_optimizer_update_range (OcOptimizer *opt, float *params, float *grads, const float *mask,
                           gsize start, gsize end)
{
  const OcOptimConfig *c = &opt->cfg;
  gsize n = end > start ? end - start : 0;
  const float *mk = mask != NULL ? mask + start : NULL;

  switch (c->kind)
    {
    case OC_OPTIM_SGD:
      step_sgd (params + start, grads + start, mk, n, opt->lr, (float) c->weight_decay);
      break;
    case OC_OPTIM_MOMENTUM:
      step_momentum (params + start, grads + start, opt->m + start, mk, n, opt->lr,
                     (float) c->weight_decay, (float) c->momentum, c->nesterov ? 1.0f : 0.0f);
      break;
    case OC_OPTIM_ADAM:
    case OC_OPTIM_ADAMW:
      step_adam (params + start, grads + start, opt->m + start, opt->v + start, mk, n,
                 opt->lr_t, opt->wd_l2, opt->decay, (float) c->beta1, (float) c->beta2,
                 opt->eps_hat);
      break;
    default:
      g_return_if_reached ();
    }
}

/* The kept entries only, everything packed: contiguous loops with no gather, which the vector
 * clones run eight (AVX2) or sixteen (AVX-512) entries at a time — the same element rules as the
 * unmasked loops above, so the numbers are theirs. */
OC_VECTOR_CLONES static void
kept_sgd (float *restrict p, const float *restrict g, gsize n, float lr, float wd)
{
  for (gsize k = 0; k < n; k++)
    sgd_one (p, g, k, lr, wd);
}

OC_VECTOR_CLONES static void
kept_momentum (float *restrict p, const float *restrict g, float *restrict buf, gsize n, float lr,
               float wd, float mu, float nesterov)
{
  for (gsize k = 0; k < n; k++)
    momentum_one (p, g, buf + k, k, lr, wd, mu, nesterov);
}

OC_VECTOR_CLONES static void
kept_adam (float *restrict p, const float *restrict g, float *restrict m, float *restrict v,
           gsize n, float lr_t, float wd_l2, float decay, float b1, float b2, float eps_hat)
{
  for (gsize k = 0; k < n; k++)
    adam_one (p, g, m + k, v + k, k, lr_t, wd_l2, decay, b1, b2, eps_hat);
}

void
oc_optimizer_update_kept (OcOptimizer *opt, float *params, float *grads, gsize start, gsize end)
{
  const OcOptimConfig *c = &opt->cfg;
  gsize n = end - start;

  g_return_if_fail (start <= end && end <= opt->n_kept);

  switch (c->kind)
    {
    case OC_OPTIM_SGD:
      kept_sgd (params + start, grads + start, n, opt->lr, (float) c->weight_decay);
      break;
    case OC_OPTIM_MOMENTUM:
      kept_momentum (params + start, grads + start, opt->mk + start, n, opt->lr,
                     (float) c->weight_decay, (float) c->momentum, c->nesterov ? 1.0f : 0.0f);
      break;
    case OC_OPTIM_ADAM:
    case OC_OPTIM_ADAMW:
      kept_adam (params + start, grads + start, opt->mk + start, opt->vk + start, n, opt->lr_t,
                 opt->wd_l2, opt->decay, (float) c->beta1, (float) c->beta2, opt->eps_hat);
      break;
    default:
      g_return_if_reached ();
    }
}

void
oc_optimizer_clear_pruned (OcOptimizer *opt, float *params, float *grads, const float *mask)
{
  g_return_if_fail (opt != NULL && params != NULL && grads != NULL && mask != NULL);

  for (gsize i = 0; i < opt->n; i++)
    if (mask[i] == 0.0f)
      {
        params[i] = 0.0f;
        grads[i] = 0.0f;
        if (opt->m != NULL)
          opt->m[i] = 0.0f;
        if (opt->v != NULL)
          opt->v[i] = 0.0f;
      }
}

void
oc_optimizer_step (OcOptimizer *opt, float *params, float *grads, const float *mask, double lr)
{
  g_return_if_fail (opt != NULL && params != NULL && grads != NULL);

  oc_optimizer_begin_step (opt, lr);
  oc_optimizer_update_range (opt, params, grads, mask, 0, opt->n);
}

static const char *const optim_names[] = { "sgd", "momentum", "adam", "adamw" };
static const char *const schedule_names[] = { "constant", "step", "cosine", "inverse-sqrt" };

gboolean
oc_optim_kind_from_string (const char *s, OcOptimKind *out)
{
  for (guint i = 0; i < G_N_ELEMENTS (optim_names); i++)
    if (g_strcmp0 (s, optim_names[i]) == 0)
      {
        *out = (OcOptimKind) i;
        return TRUE;
      }
  return FALSE;
}

const char *
oc_optim_kind_to_string (OcOptimKind k)
{
  g_return_val_if_fail ((guint) k < G_N_ELEMENTS (optim_names), NULL);
  return optim_names[k];
}

gboolean
oc_schedule_from_string (const char *s, OcScheduleKind *out)
{
  for (guint i = 0; i < G_N_ELEMENTS (schedule_names); i++)
    if (g_strcmp0 (s, schedule_names[i]) == 0)
      {
        *out = (OcScheduleKind) i;
        return TRUE;
      }
  return FALSE;
}

const char *
oc_schedule_to_string (OcScheduleKind k)
{
  g_return_val_if_fail ((guint) k < G_N_ELEMENTS (schedule_names), NULL);
  return schedule_names[k];
}
