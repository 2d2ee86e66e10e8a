/* oc-mlp.c — network storage, initialisation, masks and snapshots.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include "occam/oc-error.h"
#include "occam/oc-mlp.h"
#include "oc-kernels.h"

#define OC_MLP_MAX_WIDTH (1u << 20)

OcMlp *
oc_mlp_new (const guint *sizes, guint n_sizes, OcActivation activation, GError **error)
{
  g_autoptr (OcMlp) mlp = NULL;
  gsize offset = 0;

  g_return_val_if_fail (sizes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (n_sizes < 2)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                   "A network needs at least an input and an output layer");
      return NULL;
    }
  for (guint i = 0; i < n_sizes; i++)
    if (sizes[i] == 0 || sizes[i] > OC_MLP_MAX_WIDTH)
      {
        g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                     "Layer %u has width %u; widths must be between 1 and %u", i, sizes[i],
                     OC_MLP_MAX_WIDTH);
        return NULL;
      }

  mlp = g_new0 (OcMlp, 1);
  mlp->n_layers = n_sizes - 1;
  mlp->sizes = g_memdup2 (sizes, sizeof (guint) * n_sizes);
  mlp->activation = activation;
  mlp->w_offset = g_new0 (gsize, mlp->n_layers);
  mlp->b_offset = g_new0 (gsize, mlp->n_layers);
  for (guint l = 0; l < mlp->n_layers; l++)
    {
      gsize w = (gsize) sizes[l] * sizes[l + 1];

      /* Keep each block 16-float aligned so vector loops start on a cache line. */
      mlp->w_offset[l] = offset;
      offset += (w + 15) & ~(gsize) 15;
      mlp->b_offset[l] = offset;
      offset += ((gsize) sizes[l + 1] + 15) & ~(gsize) 15;
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

static const char *const activation_names[] = { "relu", "tanh" };
static const char *const init_names[] = {
  "torch-default", "kaiming-normal", "kaiming-uniform", "glorot-normal", "glorot-uniform",
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

      if (!g_ascii_string_to_unsigned (parts[i], 10, 1, 1u << 20, &v, NULL))
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
