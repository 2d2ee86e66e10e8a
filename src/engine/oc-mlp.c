/* oc-mlp.c — network storage, initialisation, masks and snapshots.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>
#include <unistd.h>

#include "occam/oc-error.h"
#include "occam/oc-mlp.h"
#include "oc-kernels.h"
#include "oc-config.h"
#include <glib/gi18n-lib.h>

/* Parameter blocks are 16-float aligned so vector loops start on a cache line. */
static guint64
block (guint64 n_floats)
{
  return (n_floats + 15) & ~(guint64) 15;
}

gboolean
oc_mlp_check_sizes (const guint *sizes, guint n_sizes, GError **error)
{
  g_return_val_if_fail (sizes != NULL || n_sizes == 0, FALSE);

  if (n_sizes < 2)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                   _("A network needs at least an input and an output layer"));
      return FALSE;
    }
  if (n_sizes - 2 > OC_MLP_MAX_HIDDEN)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                   _("A network has at most %d hidden layers; this one has %u"), OC_MLP_MAX_HIDDEN,
                   n_sizes - 2);
      return FALSE;
    }
  for (guint i = 0; i < n_sizes; i++)
    if (sizes[i] == 0 || sizes[i] > OC_MLP_MAX_WIDTH)
      {
        g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                     _("Layer %u has width %u; widths must be between 1 and %u"), i, sizes[i],
                     OC_MLP_MAX_WIDTH);
        return FALSE;
      }
  return TRUE;
}

void
oc_mlp_memory (const guint *sizes, guint n_sizes, guint batch, guint threads, guint moments,
               gboolean masked, OcMlpMemory *out)
{
  guint n_layers = n_sizes - 1;
  guint64 arena = 0, outputs = 0, widest_out = 0, widest = 0;
  guint64 rows = threads > 0 ? (batch + threads - 1) / threads : 0;
  guint64 chunk = threads > 0 ? OC_MLP_PREDICT_CHUNK : 0;
  guint64 train, eval;

  g_return_if_fail (sizes != NULL && n_sizes >= 2 && n_sizes <= OC_MLP_MAX_HIDDEN + 2);
  g_return_if_fail (out != NULL);

  /* With at most 66 layers of at most 2^20 units, an arena is below 2^47 floats, and every
   * product below fits in 64 bits (batch ≤ 2^16, threads ≤ 2^10). */
  for (guint l = 0; l < n_layers; l++)
    {
      arena += block ((guint64) sizes[l] * sizes[l + 1]) + block (sizes[l + 1]);
      outputs += sizes[l + 1];
      widest_out = MAX (widest_out, sizes[l + 1]);
      widest = MAX (widest, MAX (sizes[l], sizes[l + 1]));
    }
  memset (out, 0, sizeof *out);
  out->params = arena * sizeof (float);
  out->mask = masked ? arena * sizeof (float) : 0;
  out->gradients = (guint64) threads * arena * sizeof (float);
  out->optimizer = (guint64) moments * arena * sizeof (float);
  /* Per thread, in floats (training's workspaces): a batch share's activations of every layer,
   * two buffers of their gradients and its inputs; an evaluation chunk's activations and inputs.
   * Labels take less than the output layer's activations and are left out. A pruned network
   * with a sparse layer also keeps its inputs and every layer's outputs feature-major in 64-row
   * blocks, and two 64-row blocks of gradients (oc-sparse.h). */
  train = rows * (outputs + 2 * widest_out + sizes[0]);
  eval = chunk * (outputs + sizes[0]);
  if (masked && threads > 0)
    {
      train += ((rows + 63) / 64 * 64) * (sizes[0] + outputs) + 2 * 64 * widest;
      eval += chunk * (sizes[0] + outputs);
    }
  out->activations = (guint64) threads * (train + eval) * sizeof (float);
  /* sizes, the two offset arrays, and per thread two workspaces' activation and block pointers. */
  out->layers = n_sizes * sizeof (guint) + 2 * (guint64) n_layers * sizeof (gsize)
                + (guint64) threads * 4 * n_layers * sizeof (gpointer);
  out->total = out->params + out->mask + out->gradients + out->optimizer + out->activations
               + out->layers;
}

/* The physical memory of this computer, or G_MAXUINT64 when it cannot be told. */
static guint64
physical_memory (void)
{
  long pages = sysconf (_SC_PHYS_PAGES), page_size = sysconf (_SC_PAGESIZE);

  if (pages <= 0 || page_size <= 0)
    return G_MAXUINT64;
  return (guint64) pages * (guint64) page_size;
}

static void
append_part (GString *s, const char *name, guint64 n_bytes)
{
  g_autofree char *size = NULL;

  if (n_bytes == 0)
    return;
  size = g_format_size_full (n_bytes, G_FORMAT_SIZE_IEC_UNITS);
  g_string_append_printf (s, "%s%s %s", s->len > 0 ? ", " : "", name, size);
}

gboolean
oc_mlp_check_memory (const OcMlpMemory *m, const guint *sizes, guint n_sizes, GError **error)
{
  guint64 have = physical_memory ();
  g_autoptr (GString) parts = NULL;
  g_autofree char *arch = NULL, *total = NULL, *limit = NULL;

  g_return_val_if_fail (m != NULL && sizes != NULL && n_sizes >= 2, FALSE);

  if (m->total <= have)
    return TRUE;
  parts = g_string_new (NULL);
  append_part (parts, "parameters", m->params);
  append_part (parts, "gradients", m->gradients);
  append_part (parts, "optimiser state", m->optimizer);
  append_part (parts, "pruning mask", m->mask);
  append_part (parts, "activations", m->activations);
  append_part (parts, "per-layer arrays", m->layers);
  /* Deep networks are named by their ends, so that the message stays one readable line. */
  if (n_sizes <= 6)
    arch = oc_mlp_describe_sizes (sizes, n_sizes);
  else
    {
      g_autofree char *head = oc_mlp_describe_sizes (sizes, 3);
      g_autofree char *tail = oc_mlp_describe_sizes (sizes + n_sizes - 2, 2);

      arch = g_strdup_printf ("%s-…-%s (%u hidden layers)", head, tail, n_sizes - 2);
    }
  total = g_format_size_full (m->total, G_FORMAT_SIZE_IEC_UNITS);
  limit = g_format_size_full (have, G_FORMAT_SIZE_IEC_UNITS);
  g_set_error (error, OC_ERROR, OC_ERROR_TOO_LARGE,
               _("The network %s is too large: it needs %s (%s), more than the %s of memory this "
               "computer has; use fewer or narrower layers"), arch, total, parts->str, limit);
  return FALSE;
}

OcMlp *
oc_mlp_new (const guint *sizes, guint n_sizes, OcActivation activation, GError **error)
{
  g_autoptr (OcMlp) mlp = NULL;
  OcMlpMemory need;
  gsize offset = 0;

  g_return_val_if_fail (sizes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!oc_mlp_check_sizes (sizes, n_sizes, error))
    return NULL;
  oc_mlp_memory (sizes, n_sizes, 0, 0, 0, FALSE, &need);
  if (!oc_mlp_check_memory (&need, sizes, n_sizes, error))
    return NULL;

  mlp = g_new0 (OcMlp, 1);
  mlp->n_layers = n_sizes - 1;
  mlp->sizes = g_memdup2 (sizes, sizeof (guint) * n_sizes);
  mlp->activation = activation;
  mlp->w_offset = g_new0 (gsize, mlp->n_layers);
  mlp->b_offset = g_new0 (gsize, mlp->n_layers);
  for (guint l = 0; l < mlp->n_layers; l++)
    {
      mlp->w_offset[l] = offset;
      offset += block ((guint64) sizes[l] * sizes[l + 1]);
      mlp->b_offset[l] = offset;
      offset += block (sizes[l + 1]);
    }
  mlp->n_params = offset;
  mlp->params = oc_try_alloc0_n (mlp->n_params, sizeof (float), "the network's parameters", error);
  if (mlp->params == NULL)
    return NULL;
  return g_steal_pointer (&mlp);
}

void
oc_mlp_free (OcMlp *mlp)
{
  if (mlp == NULL)
    return;
  g_free (mlp->sizes);
  g_free (mlp->params);
  g_free (mlp->mask);
  g_free (mlp->w_offset);
  g_free (mlp->b_offset);
  g_free (mlp);
}

OcMlp *
oc_mlp_dup (const OcMlp *mlp, GError **error)
{
  g_autoptr (OcMlp) copy = NULL;

  g_return_val_if_fail (mlp != NULL, NULL);

  copy = oc_mlp_new (mlp->sizes, mlp->n_layers + 1, mlp->activation, error);
  if (copy == NULL)
    return NULL;
  memcpy (copy->params, mlp->params, sizeof (float) * mlp->n_params);
  if (mlp->mask != NULL)
    {
      if (!oc_mlp_enable_mask (copy, error))
        return NULL;
      memcpy (copy->mask, mlp->mask, sizeof (float) * mlp->n_params);
    }
  return g_steal_pointer (&copy);
}

static void
fill_uniform (float *p, gsize n, double bound, OcRng *rng)
{
  for (gsize i = 0; i < n; i++)
    p[i] = (float) ((2.0 * oc_rng_uniform (rng) - 1.0) * bound);
}

static void
fill_normal (float *p, gsize n, double sd, OcRng *rng)
{
  for (gsize i = 0; i < n; i++)
    p[i] = (float) (oc_rng_normal (rng) * sd);
}

void
oc_mlp_init_params (OcMlp *mlp, OcInit init, OcRng *rng)
{
  g_return_if_fail (mlp != NULL && rng != NULL);

  memset (mlp->params, 0, sizeof (float) * mlp->n_params);
  for (guint l = 0; l < mlp->n_layers; l++)
    {
      double fan_in = mlp->sizes[l], fan_out = mlp->sizes[l + 1];
      float *w = oc_mlp_weights (mlp, l), *b = oc_mlp_bias (mlp, l);
      gsize nw = oc_mlp_weight_count (mlp, l);

      switch (init)
        {
        case OC_INIT_TORCH_DEFAULT:
          /* nn.Linear: kaiming_uniform(a=√5) reduces to U(±1/√fan_in); bias U(±1/√fan_in). */
          fill_uniform (w, nw, 1.0 / sqrt (fan_in), rng);
          fill_uniform (b, mlp->sizes[l + 1], 1.0 / sqrt (fan_in), rng);
          break;
        case OC_INIT_KAIMING_NORMAL:
          fill_normal (w, nw, sqrt (2.0 / fan_in), rng);
          break;
        case OC_INIT_KAIMING_UNIFORM:
          fill_uniform (w, nw, sqrt (6.0 / fan_in), rng);
          break;
        case OC_INIT_GLOROT_NORMAL:
          fill_normal (w, nw, sqrt (2.0 / (fan_in + fan_out)), rng);
          break;
        case OC_INIT_GLOROT_UNIFORM:
          fill_uniform (w, nw, sqrt (6.0 / (fan_in + fan_out)), rng);
          break;
        case OC_INIT_SIGNED_CONSTANT:
          for (gsize i = 0; i < nw; i++)
            w[i] = (float) ((oc_rng_next (rng) >> 63) != 0 ? sqrt (2.0 / fan_in)
                                                           : -sqrt (2.0 / fan_in));
          break;
        default:
          g_return_if_reached ();
        }
    }
  if (mlp->mask != NULL)
    oc_mlp_apply_mask (mlp);
}

gsize
oc_mlp_total_weights (const OcMlp *mlp)
{
  gsize n = 0;

  for (guint l = 0; l < mlp->n_layers; l++)
    n += oc_mlp_weight_count (mlp, l);
  return n;
}

gsize
oc_mlp_parameter_count (const OcMlp *mlp)
{
  gsize n = oc_mlp_total_weights (mlp);

  for (guint l = 0; l < mlp->n_layers; l++)
    n += mlp->sizes[l + 1];
  return n;
}

gboolean
oc_mlp_enable_mask (OcMlp *mlp, GError **error)
{
  g_return_val_if_fail (mlp != NULL, FALSE);

  if (mlp->mask != NULL)
    return TRUE;
  mlp->mask = oc_try_alloc (sizeof (float) * mlp->n_params, "the pruning mask", error);
  if (mlp->mask == NULL)
    return FALSE;
  for (gsize i = 0; i < mlp->n_params; i++)
    mlp->mask[i] = 1.0f;
  return TRUE;
}

void
oc_mlp_apply_mask (OcMlp *mlp)
{
  g_return_if_fail (mlp != NULL);

  if (mlp->mask == NULL)
    return;
  /* Biases are never pruned, whatever the caller wrote there. */
  for (guint l = 0; l < mlp->n_layers; l++)
    {
      float *mb = mlp->mask + mlp->b_offset[l];

      for (guint j = 0; j < mlp->sizes[l + 1]; j++)
        mb[j] = 1.0f;
    }
  for (gsize i = 0; i < mlp->n_params; i++)
    if (mlp->mask[i] == 0.0f)
      mlp->params[i] = 0.0f;
}

gsize
oc_mlp_count_alive (const OcMlp *mlp, int l)
{
  gsize alive = 0;

  g_return_val_if_fail (mlp != NULL, 0);
  g_return_val_if_fail (l < (int) mlp->n_layers, 0);

  if (l < 0)
    {
      for (guint k = 0; k < mlp->n_layers; k++)
        alive += oc_mlp_count_alive (mlp, (int) k);
      return alive;
    }
  if (mlp->mask == NULL)
    return oc_mlp_weight_count (mlp, (guint) l);
  {
    const float *m = mlp->mask + mlp->w_offset[l];
    gsize n = oc_mlp_weight_count (mlp, (guint) l);

    for (gsize i = 0; i < n; i++)
      alive += m[i] != 0.0f;
  }
  return alive;
}

gboolean
oc_mlp_predict (const OcMlp *model, const float *x, guint n, float *logits, GError **error)
{
  g_autofree float *ping = NULL, *pong = NULL;
  guint chunk, widest = 1, n_in, n_out;

  g_return_val_if_fail (model != NULL, FALSE);
  g_return_val_if_fail (n == 0 || (x != NULL && logits != NULL), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (n == 0)
    return TRUE;
  n_in = model->sizes[0];
  n_out = model->sizes[model->n_layers];
  /* Hidden activations alternate between two buffers; the last layer writes into @logits. */
  for (guint l = 1; l < model->n_layers; l++)
    widest = MAX (widest, model->sizes[l]);
  chunk = MIN (n, OC_MLP_PREDICT_CHUNK);
  ping = oc_try_alloc0_n ((gsize) chunk * widest, sizeof (float), "prediction activations",
                          error);
  if (ping == NULL)
    return FALSE;
  pong = oc_try_alloc0_n ((gsize) chunk * widest, sizeof (float), "prediction activations",
                          error);
  if (pong == NULL)
    return FALSE;
  for (guint start = 0; start < n; start += chunk)
    {
      int nb = (int) MIN (chunk, n - start);
      const float *in = x + (gsize) start * n_in;

      for (guint l = 0; l < model->n_layers; l++)
        {
          gboolean last = l + 1 == model->n_layers;
          float *out = last ? logits + (gsize) start * n_out : (l % 2 == 0 ? ping : pong);
          OcKernelAct act = last ? OC_KACT_NONE
                            : model->activation == OC_ACT_TANH ? OC_KACT_TANH : OC_KACT_RELU;

          /* out[nb, sizes[l+1]] = act(in[nb, sizes[l]] · W_lᵀ + b_l) */
          oc_linear_forward (out, in, oc_mlp_weights (model, l), nb, (int) model->sizes[l],
                             (int) model->sizes[l + 1]);
          oc_bias_act_forward (out, oc_mlp_bias (model, l), nb, (int) model->sizes[l + 1], act);
          in = out;
        }
    }
  return TRUE;
}

float *
oc_mlp_snapshot (const OcMlp *mlp, GError **error)
{
  float *s;

  g_return_val_if_fail (mlp != NULL, NULL);

  s = oc_try_alloc (sizeof (float) * mlp->n_params, "a parameter snapshot", error);
  if (s != NULL)
    memcpy (s, mlp->params, sizeof (float) * mlp->n_params);
  return s;
}

void
oc_mlp_restore (OcMlp *mlp, const float *snapshot)
{
  g_return_if_fail (mlp != NULL && snapshot != NULL);

  memcpy (mlp->params, snapshot, sizeof (float) * mlp->n_params);
  oc_mlp_apply_mask (mlp);
}

/* ---- Complexity measures ---- */

double
oc_mlp_distance (const OcMlp *model, const float *theta0)
{
  double sum = 0;

  g_return_val_if_fail (model != NULL && theta0 != NULL, NAN);

  for (guint l = 0; l < model->n_layers; l++)
    {
      const float *w = oc_mlp_weights (model, l), *b = oc_mlp_bias (model, l);
      const float *w0 = theta0 + model->w_offset[l], *b0 = theta0 + model->b_offset[l];
      gsize nw = oc_mlp_weight_count (model, l);

      for (gsize i = 0; i < nw; i++)
        sum += ((double) w[i] - w0[i]) * ((double) w[i] - w0[i]);
      for (guint i = 0; i < model->sizes[l + 1]; i++)
        sum += ((double) b[i] - b0[i]) * ((double) b[i] - b0[i]);
    }
  return sqrt (sum);
}

double
oc_mlp_path_norm (const OcMlp *model)
{
  guint widest = 1;
  g_autofree double *v = NULL, *next = NULL;
  double total = 0;

  g_return_val_if_fail (model != NULL, NAN);

  for (guint l = 0; l <= model->n_layers; l++)
    widest = MAX (widest, model->sizes[l]);
  v = g_new (double, widest);
  next = g_new (double, widest);
  /* v[j]: the sum over every path ending at unit j of the product of its squared weights; a
   * path from an input starts with the empty product 1. */
  for (guint j = 0; j < model->sizes[0]; j++)
    v[j] = 1;
  for (guint l = 0; l < model->n_layers; l++)
    {
      const float *w = oc_mlp_weights (model, l), *b = oc_mlp_bias (model, l);
      guint n_in = model->sizes[l], n_out = model->sizes[l + 1];
      double *swap;

      /* next[n_out] = (W_l ⊙ W_l)[n_out, n_in] · v[n_in] + b_l ⊙ b_l */
      for (guint i = 0; i < n_out; i++)
        {
          const float *row = w + (gsize) i * n_in;
          double s = (double) b[i] * b[i];

          for (guint j = 0; j < n_in; j++)
            s += (double) row[j] * row[j] * v[j];
          next[i] = s;
        }
      swap = v;
      v = next;
      next = swap;
    }
  for (guint i = 0; i < model->sizes[model->n_layers]; i++)
    total += v[i];
  return sqrt (total);
}

static const char *const activation_names[] = { "relu", "tanh" };
static const char *const init_names[] = {
  "torch-default", "kaiming-normal", "kaiming-uniform", "glorot-normal", "glorot-uniform",
  "signed-constant",
};

gboolean
oc_activation_from_string (const char *s, OcActivation *out)
{
  for (guint i = 0; i < G_N_ELEMENTS (activation_names); i++)
    if (g_strcmp0 (s, activation_names[i]) == 0)
      {
        *out = (OcActivation) i;
        return TRUE;
      }
  return FALSE;
}

const char *
oc_activation_to_string (OcActivation a)
{
  g_return_val_if_fail ((guint) a < G_N_ELEMENTS (activation_names), NULL);
  return activation_names[a];
}

gboolean
oc_init_from_string (const char *s, OcInit *out)
{
  for (guint i = 0; i < G_N_ELEMENTS (init_names); i++)
    if (g_strcmp0 (s, init_names[i]) == 0)
      {
        *out = (OcInit) i;
        return TRUE;
      }
  /* Common spellings from papers and other tools. */
  if (g_strcmp0 (s, "xavier-normal") == 0 || g_strcmp0 (s, "he-normal") == 0)
    {
      *out = s[0] == 'x' ? OC_INIT_GLOROT_NORMAL : OC_INIT_KAIMING_NORMAL;
      return TRUE;
    }
  if (g_strcmp0 (s, "xavier-uniform") == 0 || g_strcmp0 (s, "he-uniform") == 0)
    {
      *out = s[0] == 'x' ? OC_INIT_GLOROT_UNIFORM : OC_INIT_KAIMING_UNIFORM;
      return TRUE;
    }
  return FALSE;
}

const char *
oc_init_to_string (OcInit i)
{
  g_return_val_if_fail ((guint) i < G_N_ELEMENTS (init_names), NULL);
  return init_names[i];
}

/* ---- Architecture strings ---- */

char *
oc_mlp_describe_sizes (const guint *sizes, guint n_sizes)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < n_sizes; i++)
    g_string_append_printf (s, "%s%u", i > 0 ? "-" : "", sizes[i]);
  return g_string_free (s, FALSE);
}

char *
oc_mlp_describe (const OcMlp *mlp)
{
  g_return_val_if_fail (mlp != NULL, NULL);
  return oc_mlp_describe_sizes (mlp->sizes, mlp->n_layers + 1);
}

gboolean
oc_mlp_parse_sizes (const char *text, guint **sizes_out, guint *n_sizes_out)
{
  g_auto (GStrv) parts = NULL;
  g_autofree guint *sizes = NULL;
  guint n;

  if (text == NULL)
    return FALSE;
  parts = g_strsplit (text, "-", -1);
  n = g_strv_length (parts);
  if (n < 2)
    return FALSE;
  sizes = g_new (guint, n);
  for (guint i = 0; i < n; i++)
    {
      guint64 v;

      if (!g_ascii_string_to_unsigned (parts[i], 10, 1, OC_MLP_MAX_WIDTH, &v, NULL))
        return FALSE;
      sizes[i] = (guint) v;
    }
  if (sizes_out != NULL)
    *sizes_out = g_steal_pointer (&sizes);
  *n_sizes_out = n;
  return TRUE;
}

double
oc_mlp_l2_norm (const OcMlp *model)
{
  double sum = 0;

  g_return_val_if_fail (model != NULL, NAN);

  /* Every weight and bias (the arena's padding is zero, but only real parameters are summed). */
  for (guint l = 0; l < model->n_layers; l++)
    {
      const float *w = oc_mlp_weights (model, l), *b = oc_mlp_bias (model, l);
      gsize nw = oc_mlp_weight_count (model, l);

      for (gsize i = 0; i < nw; i++)
        sum += (double) w[i] * w[i];
      for (guint i = 0; i < model->sizes[l + 1]; i++)
        sum += (double) b[i] * b[i];
    }
  return sqrt (sum);
}
