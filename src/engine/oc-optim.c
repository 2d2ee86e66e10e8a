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
 * the moments were left by earlier training. Each rule is written once, on one element (the
 * *_rule functions), and used by the dense loops, the masked loops (which add the selects) and
 * the indexed loops (the *_one functions), so all compute bit for bit the same. */

/* The new p for gradient g. */
static inline float
sgd_rule (float p, float g, float lr, float wd)
{
  return p - lr * (g + wd * p);
}

static inline void
sgd_one (float *restrict p, const float *restrict g, gsize i, float lr, float wd)
{
  p[i] = sgd_rule (p[i], g[i], lr, wd);
}

/* The new p for gradient g; *buf is the momentum buffer's entry. *g_out receives the gradient with
 * weight decay (the masked loops leave it in the gradient arena, as they always have). */
static inline float
momentum_rule (float p, float g, float *restrict buf, float lr, float wd, float mu, float nesterov,
               float *restrict g_out)
{
  /* nesterov is 0 or 1: d = b + nesterov·(g + μb − b) keeps the loop free of branches. */
  float gi = g + wd * p;
  float b = mu * *buf + gi;

  *buf = b;
  *g_out = gi;
  return p - lr * (nesterov != 0.0f ? gi + mu * b : b);
}

/* The moments are passed by element (buf, m, v), as they are either the arena's entry i or a
 * packed one. */
static inline void
momentum_one (float *restrict p, const float *restrict g, float *restrict buf, gsize i, float lr,
              float wd, float mu, float nesterov)
{
  float gi;

  p[i] = momentum_rule (p[i], g[i], buf, lr, wd, mu, nesterov, &gi);
}

/* lr_t = lr·√(1−β₂ᵗ)/(1−β₁ᵗ) and eps_hat = ε·√(1−β₂ᵗ): the bias corrections folded into two
 * scalars (Kingma & Ba, section 2), so the loop does one sqrt and one divide per weight. */
static inline float
adam_rule (float p, float g, float *restrict m, float *restrict v, float lr_t, float wd_l2,
           float decay, float b1, float b2, float eps_hat, float *restrict g_out)
{
  float gi = g + wd_l2 * p;
  float mi = b1 * *m + (1.0f - b1) * gi;
  float vi = b2 * *v + (1.0f - b2) * gi * gi;

  *m = mi;
  *v = vi;
  *g_out = gi;
  return p * decay - lr_t * mi / (sqrtf (vi) + eps_hat);
}

static inline void
adam_one (float *restrict p, const float *restrict g, float *restrict m, float *restrict v, gsize i,
          float lr_t, float wd_l2, float decay, float b1, float b2, float eps_hat)
{
  float gi;

  p[i] = adam_rule (p[i], g[i], m, v, lr_t, wd_l2, decay, b1, b2, eps_hat, &gi);
}

/* The scalars of one step of any rule. */
typedef struct
{
  float lr, wd, mu, nesterov;                   /* SGD and momentum */
  float lr_t, wd_l2, decay, b1, b2, eps_hat;    /* Adam and AdamW */
} StepScalars;

/* Entry i of one rule (a constant wherever this is inlined): returns the new p for the gradient
 * g; m and v are the arenas of the rule's moments (unused by those without). With @masked and
 * !keep, p, the moments and *g_out are +0; else *g_out is the gradient with L2 weight decay. */
static inline __attribute__ ((always_inline)) float
rule (OcOptimKind kind, const StepScalars *s, float p, float g, float *restrict m,
      float *restrict v, gsize i, gboolean masked, gboolean keep, float *restrict g_out)
{
  float np, gi = g;

  switch (kind)
    {
    case OC_OPTIM_SGD:
      np = sgd_rule (p, g, s->lr, s->wd);
      /* The masked SGD loop has always left the raw gradient (0 where masked). */
      break;
    case OC_OPTIM_MOMENTUM:
      np = momentum_rule (p, g, m + i, s->lr, s->wd, s->mu, s->nesterov, &gi);
      if (masked)
        m[i] = keep ? m[i] : 0.0f;
      break;
    case OC_OPTIM_ADAM:
    case OC_OPTIM_ADAMW:
    default:
      np = adam_rule (p, g, m + i, v + i, s->lr_t, s->wd_l2, s->decay, s->b1, s->b2, s->eps_hat,
                      &gi);
      if (masked)
        {
          m[i] = keep ? m[i] : 0.0f;
          v[i] = keep ? v[i] : 0.0f;
        }
      break;
    }
  *g_out = masked && !keep ? 0.0f : gi;
  return masked && !keep ? 0.0f : np;
}

/* The dense loop of one rule over n entries; kind, the presence of mask and g1, and @clear are
 * constants wherever it is inlined, so each instance is a branch-free vector loop. The gradient is
 * g0 + g1 (g0 alone when g1 is NULL). With @clear both gradient arenas are left +0, ready for the
 * next step's GEMMs to accumulate into; without it, a masked loop leaves its *g_out in g0 and an
 * unmasked one leaves g0 untouched. */
static inline __attribute__ ((always_inline)) void
rule_loop (OcOptimKind kind, const StepScalars *s, float *restrict p, float *restrict g0,
           float *restrict g1, float *restrict m, float *restrict v, const float *restrict mask,
           gsize n, gboolean clear)
{
  for (gsize i = 0; i < n; i++)
    {
      gboolean keep = mask == NULL || mask[i] != 0.0f;
      float g = g1 != NULL ? g0[i] + g1[i] : g0[i];
      float gi;

      p[i] = rule (kind, s, p[i], g, m, v, i, mask != NULL, keep, &gi);
      if (clear)
        {
          g0[i] = 0.0f;
          if (g1 != NULL)
            g1[i] = 0.0f;
        }
      else if (mask != NULL)
        g0[i] = gi;
    }
}

/* Every combination in use, each with constant arguments: (mask or not) without clearing, and
 * (mask or not) × (g1 or not) with clearing. */
static inline __attribute__ ((always_inline)) void
rule_variants (OcOptimKind kind, const StepScalars *s, float *restrict p, float *restrict g0,
               float *restrict g1, float *restrict m, float *restrict v,
               const float *restrict mask, gsize n, gboolean clear)
{
  if (!clear)
    {
      if (mask == NULL)
        rule_loop (kind, s, p, g0, NULL, m, v, NULL, n, FALSE);
      else
        rule_loop (kind, s, p, g0, NULL, m, v, mask, n, FALSE);
    }
  else if (g1 == NULL)
    {
      if (mask == NULL)
        rule_loop (kind, s, p, g0, NULL, m, v, NULL, n, TRUE);
      else
        rule_loop (kind, s, p, g0, NULL, m, v, mask, n, TRUE);
    }
  else
    {
      if (mask == NULL)
        rule_loop (kind, s, p, g0, g1, m, v, NULL, n, TRUE);
      else
        rule_loop (kind, s, p, g0, g1, m, v, mask, n, TRUE);
    }
}

OC_VECTOR_CLONES static void
step_sgd (const StepScalars *s, float *restrict p, float *restrict g0, float *restrict g1,
          const float *restrict mask, gsize n, gboolean clear)
{
  rule_variants (OC_OPTIM_SGD, s, p, g0, g1, NULL, NULL, mask, n, clear);
}

OC_VECTOR_CLONES static void
step_momentum (const StepScalars *s, float *restrict p, float *restrict g0, float *restrict g1,
               float *restrict buf, const float *restrict mask, gsize n, gboolean clear)
{
  rule_variants (OC_OPTIM_MOMENTUM, s, p, g0, g1, buf, NULL, mask, n, clear);
}

OC_VECTOR_CLONES static void
step_adam (const StepScalars *s, float *restrict p, float *restrict g0, float *restrict g1,
           float *restrict m, float *restrict v, const float *restrict mask, gsize n,
           gboolean clear)
{
  rule_variants (OC_OPTIM_ADAM, s, p, g0, g1, m, v, mask, n, clear);
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

static void
update_range (OcOptimizer *opt, float *params, float *g0, float *g1, const float *mask,
              gsize start, gsize end, gboolean clear)
{
  const OcOptimConfig *c = &opt->cfg;
  gsize n = end > start ? end - start : 0;
  const float *mk = mask != NULL ? mask + start : NULL;
  float *g1s = g1 != NULL ? g1 + start : NULL;
  StepScalars s = {
    .lr = opt->lr, .wd = (float) c->weight_decay, .mu = (float) c->momentum,
    .nesterov = c->nesterov ? 1.0f : 0.0f, .lr_t = opt->lr_t, .wd_l2 = opt->wd_l2,
    .decay = opt->decay, .b1 = (float) c->beta1, .b2 = (float) c->beta2, .eps_hat = opt->eps_hat,
  };

  switch (c->kind)
    {
    case OC_OPTIM_SGD:
      step_sgd (&s, params + start, g0 + start, g1s, mk, n, clear);
      break;
    case OC_OPTIM_MOMENTUM:
      step_momentum (&s, params + start, g0 + start, g1s, opt->m + start, mk, n, clear);
      break;
    case OC_OPTIM_ADAM:
    case OC_OPTIM_ADAMW:
      step_adam (&s, params + start, g0 + start, g1s, opt->m + start, opt->v + start, mk, n,
                 clear);
      break;
    default:
      g_return_if_reached ();
    }
}

void
oc_optimizer_update_range (OcOptimizer *opt, float *params, float *grads, const float *mask,
                           gsize start, gsize end)
{
  update_range (opt, params, grads, NULL, mask, start, end, FALSE);
}

void
oc_optimizer_update_range_clear (OcOptimizer *opt, float *params, float *g0, float *g1,
                                 const float *mask, gsize start, gsize end)
{
  update_range (opt, params, g0, g1, mask, start, end, TRUE);
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
