/* oc-instability.c — the path between two children and its error barrier; see oc-instability.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "occam/oc-error.h"
#include "occam/oc-instability.h"
#include "oc-config.h"
#include <glib/gi18n-lib.h>

char *
oc_instability_point_key (guint64 k, guint level, guint64 seed)
{
  return g_strdup_printf ("{\"k\":%" G_GUINT64_FORMAT ",\"level\":%u,\"seed\":%" G_GUINT64_FORMAT
                          "}", k, level, seed);
}

gboolean
oc_instability_parse_key (const char *key, guint64 *k, guint *level, guint64 *seed)
{
  guint64 kk, ss;
  guint ll;
  int used = 0;

  if (key == NULL
      || sscanf (key, "{\"k\":%" G_GUINT64_FORMAT ",\"level\":%u,\"seed\":%" G_GUINT64_FORMAT
                 "}%n", &kk, &ll, &ss, &used) != 3
      || used == 0 || key[used] != '\0')
    return FALSE;
  /* Only the canonical form: a key is compared as text everywhere else. */
  {
    g_autofree char *again = oc_instability_point_key (kk, ll, ss);

    if (strcmp (again, key) != 0)
      return FALSE;
  }
  if (k != NULL)
    *k = kk;
  if (level != NULL)
    *level = ll;
  if (seed != NULL)
    *seed = ss;
  return TRUE;
}

guint64
oc_instability_child_seed (guint64 seed, guint child)
{
  OcRng rng;
  guint64 v = 0;

  oc_rng_init (&rng, seed, OC_STREAM_BRANCH);
  for (guint i = 0; i <= child; i++)
    v = oc_rng_next (&rng);
  /* Seeds are JSON integers elsewhere (≤ 2⁶³ − 1); keep these in that range too. */
  return v >> 1;
}

double
oc_instability_alpha (guint i, guint n)
{
  if (n < 2 || i == 0)
    return 0.0;
  if (i + 1 >= n)
    return 1.0;
  return (double) i / (double) (n - 1);
}

void
oc_instability_interpolate (OcMlp *out, const OcMlp *a, const OcMlp *b, double alpha)
{
  float wa = (float) (1.0 - alpha), wb = (float) alpha;

  g_return_if_fail (out != NULL && a != NULL && b != NULL);
  g_return_if_fail (out->n_params == a->n_params && a->n_params == b->n_params);

  /* At α = 0 and 1 one weight is exactly 0 and the other 1, so the ends are the children
   * bit for bit. */
  for (gsize i = 0; i < a->n_params; i++)
    out->params[i] = wa * a->params[i] + wb * b->params[i];
  if (a->mask != NULL)
    {
      for (gsize i = 0; i < a->n_params; i++)
        out->params[i] = a->mask[i] != 0.0f ? out->params[i] : 0.0f;
    }
}

gboolean
oc_instability_path (const OcMlp *a, const OcMlp *b, OcLoss loss, const OcDataset *data,
                     guint n_alphas, double *errors, double *losses, GError **error)
{
  g_autoptr (OcMlp) mid = NULL;

  g_return_val_if_fail (a != NULL && b != NULL && data != NULL, FALSE);
  g_return_val_if_fail (errors != NULL && losses != NULL && n_alphas >= 2, FALSE);

  if (a->n_params != b->n_params)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                   _("The two networks of a path have different architectures"));
      return FALSE;
    }
  mid = oc_mlp_dup (a, error);
  if (mid == NULL)
    return FALSE;
  for (guint i = 0; i < n_alphas; i++)
    {
      oc_instability_interpolate (mid, a, b, oc_instability_alpha (i, n_alphas));
      if (!oc_evaluate (mid, loss, data, &data->test, &losses[i], &errors[i], error))
        return FALSE;
    }
  return TRUE;
}

double
oc_instability_value (const double *errors, guint n_alphas)
{
  double top = -INFINITY;

  g_return_val_if_fail (errors != NULL && n_alphas >= 2, NAN);

  for (guint i = 0; i < n_alphas; i++)
    {
      if (isnan (errors[i]))
        return NAN;
      top = MAX (top, errors[i]);
    }
  return top - 0.5 * (errors[0] + errors[n_alphas - 1]);
}
