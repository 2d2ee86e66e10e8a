/* oc-spec-grok.c — the `grok` spec kind: memorise or find the rule.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A grok spec is a train spec (addition or modadd) plus axes over train fraction, weight decay
 * and seed. Its defaults are the MLP form of the grokking setting (Gromov 2023 after Power et al.
 * 2022 and Nanda et al. 2023): modadd p = 97, half of the pairs, one hidden layer of 256 ReLU
 * units, AdamW lr 1e-3, β₂ 0.98, weight decay 1, full batch, 20,000 steps, 200 evaluations
 * spaced logarithmically.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "occam/oc-axis.h"
#include "occam/oc-error.h"
#include "occam/oc-grok.h"
#include "oc-spec-private.h"
#include "oc-config.h"
#include <glib/gi18n-lib.h>

#define G(member) offsetof (OcGrokSpec, member)
#define AXIS (OC_SPEC_FIELD_NULLABLE)
/* Evaluations of a log schedule: enough for a smooth curve, few enough to cost nothing. */
#define GROK_MAX_EVALS 100000

G_STATIC_ASSERT (offsetof (OcGrokSpec, base) == 0);

static const OcSpecField grok_fields[] = {
  OC_SPEC_DATA_FIELDS
  OC_SPEC_MODEL_TRAIN_FIELDS
  { "grok", "train_fractions", OC_SPEC_STRING, AXIS, 0, 0, NULL, NULL, G (train_fractions), 0,
    "train-fractions", "grok",
    N_("Fractions of all pairs that train, e.g. 0.3,0.5,0.8 (default: --train-fraction)"), "LIST" },
  { "grok", "weight_decays", OC_SPEC_STRING, AXIS, 0, 0, NULL, NULL, G (weight_decays), 0,
    "weight-decays", "grok", N_("AdamW weight decays, e.g. 0,1 (default: --weight-decay)"),
    "LIST" },
  { "grok", "seeds", OC_SPEC_STRING, AXIS, 0, 0, NULL, NULL, G (seeds), 0,
    "seeds", "grok", N_("Model seeds, one replicate each, e.g. 0,1,2 (default: --seed)"), "LIST" },
  { "grok", "fourier_top_k", OC_SPEC_UINT, 0, 1, 500, NULL, NULL, G (fourier_top_k), 0,
    "fourier-top-k", "grok",
    N_("modadd: frequencies per hidden unit counted in the Fourier share of the embedding (5)"),
    "K" },
  { "train", "eval_schedule", OC_SPEC_STRING, 0, 0, 0, NULL, NULL, G (eval_schedule), 0,
    "eval-schedule", "grok",
    N_("log:N — N evaluations spaced logarithmically in steps (log:200)"), "log:N" },
  OC_SPEC_THREADS_FIELD (OC_SPEC_T (threads)),
};

static void
grok_init (gpointer values)
{
  OcGrokSpec *v = values;

  memset (v, 0, sizeof *v);
  oc_spec_train_init (&v->base);
  v->base.data.name = "modadd";
  v->base.data.modulus = 97;
  v->base.data.train_fraction = 0.5;
  v->base.train.optim.kind = OC_OPTIM_ADAMW;
  v->base.train.optim.beta2 = 0.98;
  v->base.train.optim.weight_decay = 1.0;
  v->base.train.batch = 0;
  v->base.train.epochs = 0;
  v->base.train.iterations = 20000;
  v->fourier_top_k = 5;
  v->eval_schedule = "log:200";
}

static const OcSpecField *
field_of (OcSpec *spec, const char *section, const char *name, gboolean *given)
{
  int i = oc_spec_field_index (spec, section, name);

  g_assert (i >= 0);
  if (given != NULL)
    *given = spec->given[i];
  return &spec->kind->fields[i];
}

/* "log:N" → N, or 0 when @text is not such a schedule. */
static guint
parse_log_schedule (const char *text)
{
  guint64 n;

  if (text == NULL || !g_str_has_prefix (text, "log:")
      || !g_ascii_string_to_unsigned (text + 4, 10, 2, GROK_MAX_EVALS, &n, NULL))
    return 0;
  return (guint) n;
}

static gboolean
grok_finish (OcSpec *spec, gboolean for_cli, GError **error)
{
  OcGrokSpec *v = spec->values;
  gboolean g_epochs, g_iters;
  const OcSpecField *f_name, *f_sched;
  guint n;

  f_name = field_of (spec, "data", "name", NULL);
  field_of (spec, "train", "epochs", &g_epochs);
  field_of (spec, "train", "iterations", &g_iters);
  f_sched = field_of (spec, "train", "eval_schedule", NULL);
  /* The kind's length is in iterations; epochs given alone replace it (full batch: one step per
   * epoch). */
  if (g_epochs && !g_iters && v->base.train.epochs > 0)
    v->base.train.iterations = 0;
  if (!oc_spec_train_finish (spec, for_cli, error))
    return FALSE;
  if (strcmp (v->base.data.name, "addition") != 0 && strcmp (v->base.data.name, "modadd") != 0)
    return oc_spec_field_error (error, f_name, for_cli,
                                _("grok experiments train on addition or modadd, not \"%s\""),
                                v->base.data.name);
  n = parse_log_schedule (v->eval_schedule);
  if (n == 0)
    return oc_spec_field_error (error, f_sched, for_cli,
                                _("\"%s\" is not a schedule; give log:N with N between 2 and %d "
                                "(e.g. log:200)"), v->eval_schedule, GROK_MAX_EVALS);
  g_free ((char *) v->eval_schedule);
  v->eval_schedule = g_strdup_printf ("log:%u", n);
  if (!oc_spec_canonical_double_axis (spec, "grok", "train_fractions", 0, 1, for_cli, error)
      || !oc_spec_canonical_double_axis (spec, "grok", "weight_decays", 0, 1e6, for_cli, error)
      || !oc_spec_canonical_uint_axis (spec, "grok", "seeds", 0, G_MAXINT64, for_cli, error))
    return FALSE;
  if (v->train_fractions != NULL)
    {
      g_autoptr (GArray) f = oc_axis_parse_double (v->train_fractions, 0, 1, "list", NULL);

      for (guint i = 0; f != NULL && i < f->len; i++)
        {
          double x = g_array_index (f, double, i);

          if (!(x > 0 && x < 1))
            return oc_spec_field_error (error, field_of (spec, "grok", "train_fractions", NULL),
                                        for_cli, _("%g is not a fraction strictly between 0 and 1"),
                                        x);
        }
    }
  return TRUE;
}

static char *
grok_describe (const OcSpec *spec)
{
  const OcGrokSpec *v = spec->values;
  g_autofree char *base = oc_spec_train_describe (spec);
  GString *s = g_string_new (NULL);

  if (strcmp (v->base.data.name, "modadd") == 0)
    g_string_append_printf (s, "modadd p %u · ", v->base.data.modulus);
  else
    g_string_append_printf (s, "addition %u digits · ", v->base.data.digits);
  if (v->train_fractions != NULL)
    g_string_append_printf (s, "fractions %s · ", v->train_fractions);
  else
    g_string_append_printf (s, "fraction %g · ", v->base.data.train_fraction);
  if (v->weight_decays != NULL)
    g_string_append_printf (s, "wd %s · ", v->weight_decays);
  else
    g_string_append_printf (s, "wd %g · ", v->base.train.optim.weight_decay);
  if (v->seeds != NULL)
    g_string_append_printf (s, "seeds %s · ", v->seeds);
  g_string_append (s, base);
  return g_string_free (s, FALSE);
}

const OcSpecKindInfo oc_spec_kind_grok = {
  .name = "grok",
  .fields = grok_fields,
  .n_fields = G_N_ELEMENTS (grok_fields),
  .values_size = sizeof (OcGrokSpec),
  .has_train = TRUE,
  .has_data = TRUE,
  .init = grok_init,
  .finish = grok_finish,
  .describe = grok_describe,
  .runner = &oc_run_kind_grok,
};

/* The values of a canonical axis, or the single base value. */
static GArray *
double_axis (const char *text, double base)
{
  GArray *a;

  if (text != NULL && (a = oc_axis_parse_double (text, 0, 1e6, "list", NULL)) != NULL)
    return a;
  a = g_array_new (FALSE, FALSE, sizeof (double));
  g_array_append_val (a, base);
  return a;
}

GArray *
oc_grok_points (const OcSpec *spec)
{
  const OcGrokSpec *v;
  g_autoptr (GArray) fractions = NULL, decays = NULL, seeds = NULL;
  GArray *points = g_array_new (FALSE, TRUE, sizeof (OcGrokPoint));

  g_return_val_if_fail (spec != NULL && spec->kind == &oc_spec_kind_grok, points);

  v = spec->values;
  fractions = double_axis (v->train_fractions, v->base.data.train_fraction);
  decays = double_axis (v->weight_decays, v->base.train.optim.weight_decay);
  if (v->seeds == NULL || (seeds = oc_axis_parse_uint (v->seeds, 0, G_MAXINT64, "seeds", NULL))
                          == NULL)
    {
      guint64 seed = v->base.train.seed;

      seeds = g_array_new (FALSE, FALSE, sizeof (guint64));
      g_array_append_val (seeds, seed);
    }
  for (guint f = 0; f < fractions->len; f++)
    for (guint w = 0; w < decays->len; w++)
      for (guint s = 0; s < seeds->len; s++)
        {
          OcGrokPoint p = { points->len, g_array_index (fractions, double, f),
                            g_array_index (decays, double, w), g_array_index (seeds, guint64, s) };

          g_array_append_val (points, p);
        }
  return points;
}

char *
oc_grok_point_key (const OcGrokPoint *p)
{
  GString *s = g_string_new ("{\"train_fraction\":");

  oc_spec_append_double (s, p->train_fraction);
  g_string_append (s, ",\"weight_decay\":");
  oc_spec_append_double (s, p->weight_decay);
  g_string_append_printf (s, ",\"seed\":%" G_GUINT64_FORMAT "}", p->seed);
  return g_string_free (s, FALSE);
}

guint
oc_grok_eval_count (const OcSpec *spec)
{
  g_return_val_if_fail (spec != NULL && spec->kind == &oc_spec_kind_grok, 0);
  return parse_log_schedule (((const OcGrokSpec *) spec->values)->eval_schedule);
}

void
oc_grok_point_config (const OcSpec *spec, const OcGrokPoint *point, OcTrainConfig *train_out,
                      OcDataOptions *data_out)
{
  const OcGrokSpec *v;

  g_return_if_fail (spec != NULL && spec->kind == &oc_spec_kind_grok && point != NULL);

  v = spec->values;
  if (train_out != NULL)
    {
      *train_out = v->base.train;
      train_out->optim.weight_decay = point->weight_decay;
      train_out->seed = point->seed;
      train_out->eval_every = 0;
      train_out->eval_log = oc_grok_eval_count (spec);
    }
  if (data_out != NULL)
    {
      *data_out = v->base.data;
      data_out->train_fraction = point->train_fraction;
    }
}
