/* oc-spec-sweep.c — the `sweep` and `rff` spec kinds: double-descent experiments.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A sweep is a train spec plus axes; an rff spec is a dataset plus random-features settings. Axes
 * are stored in canonical form (sorted, without duplicates, ranges expanded), so "log:1:4:3" and
 * "4,1,2" name the same experiment.
 */
#include <math.h>
#include <string.h>

#include "occam/oc-axis.h"
#include "occam/oc-error.h"
#include "occam/oc-rff.h"
#include "occam/oc-sweep.h"
#include "oc-spec-private.h"
#include "oc-config.h"
#include <glib/gi18n-lib.h>

#define S(member) offsetof (OcSweepSpec, member)
#define R(member) offsetof (OcRffSpec, member)
#define AXIS (OC_SPEC_FIELD_NULLABLE)

G_STATIC_ASSERT (offsetof (OcSweepSpec, base) == 0);
G_STATIC_ASSERT (offsetof (OcRffSpec, data) == 0);

static const OcSpecField sweep_fields[] = {
  OC_SPEC_DATA_FIELDS
  OC_SPEC_MODEL_TRAIN_FIELDS
  { "sweep", "widths", OC_SPEC_STRING, AXIS, 0, 0, NULL, NULL, S (widths), 0,
    "widths", "sweep", N_("Hidden widths: a list or log:MIN:MAX:COUNT, e.g. log:1:1024:11 "
    "(default: "
    "--hidden)"), "LIST" },
  { "sweep", "n_trains", OC_SPEC_STRING, AXIS, 0, 0, NULL, NULL, S (n_trains), 0,
    "n-trains", "sweep", N_("Training-set sizes for a sample-wise sweep (default: --n-train)"),
    "LIST" },
  { "sweep", "label_noises", OC_SPEC_STRING, AXIS, 0, 0, NULL, NULL, S (label_noises), 0,
    "noises", "sweep", N_("Label-noise levels, e.g. 0,0.1,0.2 (default: --label-noise)"), "LIST" },
  { "sweep", "seeds", OC_SPEC_STRING, AXIS, 0, 0, NULL, NULL, S (seeds), 0,
    "seeds", "sweep", N_("Model seeds, one replicate each, e.g. 0,1,2 (default: --seed)"), "LIST" },
  { "sweep", "record_every_epochs", OC_SPEC_UINT, 0, 0, 1000000, NULL, NULL,
    S (record_every_epochs), 0, "record-every-epochs", "sweep",
    N_("Evaluate every K epochs for epoch-wise curves (default 0: at the start and the end)"),
    "K" },
  OC_SPEC_THREADS_FIELD (OC_SPEC_T (threads)),
  { "run", "workers", OC_SPEC_UINT, OC_SPEC_FIELD_NOT_HASHED, 0, 256, NULL, NULL, S (workers), 0,
    "workers", "sweep", N_("Points trained at once (default: one per core, one BLAS thread each)"),
    "N" },
};

static const char *const feature_kind_names[] = { "fourier", "relu", NULL };

static const OcSpecField rff_fields[] = {
  OC_SPEC_DATA_FIELDS
  { "rff", "features", OC_SPEC_STRING, 0, 0, 0, NULL, NULL, R (features), 0,
    "features", "rff", N_("Numbers of random features N: a list or log:MIN:MAX:COUNT"), "LIST" },
  { "rff", "kind", OC_SPEC_CHOICE, 0, -OC_SPEC_INF, OC_SPEC_INF, feature_kind_names, NULL,
    R (feature_kind), 0, "feature-kind", "rff", N_("fourier (default) or relu"), "NAME" },
  { "rff", "sigma", OC_SPEC_DOUBLE, OC_SPEC_FIELD_MIN_OPEN, 0, OC_SPEC_INF, NULL, NULL,
    R (sigma), 0, "sigma", "rff", N_("Fourier bandwidth σ: w ~ N(0, σ⁻²I) (5)"), "SIGMA" },
  { "rff", "ridge", OC_SPEC_DOUBLE, 0, 0, OC_SPEC_INF, NULL, NULL, R (ridge), 0,
    "ridge", "rff", N_("Ridge λ (0: the minimum-norm solution)"), "LAMBDA" },
  { "rff", "seeds", OC_SPEC_STRING, 0, 0, 0, NULL, NULL, R (seeds), 0,
    "seeds", "rff", N_("Feature seeds, one replicate each (0)"), "LIST" },
  { "run", "threads", OC_SPEC_UINT, OC_SPEC_FIELD_NOT_HASHED, 0, 1024, NULL, NULL, R (threads),
    0, "threads", "rff", N_("BLAS threads (default: all cores)"), "N" },
};

/* Replaces the string field @section.@name with @text (NULL allowed). */
static void
replace_string (OcSpec *spec, const OcSpecField *f, char *text)
{
  g_free (OC_SPEC_VALUE (spec, char *, f));
  OC_SPEC_VALUE (spec, char *, f) = text;
}

gboolean
oc_spec_canonical_uint_axis (OcSpec *spec, const char *section, const char *name, guint64 min,
                             guint64 max, gboolean for_cli, GError **error)
{
  int i = oc_spec_field_index (spec, section, name);
  const OcSpecField *f;
  const char *text;
  g_autoptr (GArray) values = NULL;
  g_autoptr (GError) local = NULL;
  g_autofree char *label = NULL;

  g_assert (i >= 0);
  f = &spec->kind->fields[i];
  text = OC_SPEC_VALUE (spec, const char *, f);
  if (text == NULL)
    return TRUE;
  /* The axis parser names the field itself, so its message needs no prefix cut off (one that
   * would differ with the language). */
  label = oc_spec_field_label (f, for_cli);
  values = oc_axis_parse_uint (text, min, max, label, &local);
  if (values == NULL)
    {
      g_set_error_literal (error, OC_ERROR, OC_ERROR_SPEC, local->message);
      return FALSE;
    }
  replace_string (spec, f, oc_axis_format_uint (values));
  return TRUE;
}

gboolean
oc_spec_canonical_double_axis (OcSpec *spec, const char *section, const char *name, double min,
                               double max, gboolean for_cli, GError **error)
{
  int i = oc_spec_field_index (spec, section, name);
  const OcSpecField *f;
  const char *text;
  g_autoptr (GArray) values = NULL;
  g_autoptr (GError) local = NULL;
  g_autofree char *label = NULL;
  GString *out;

  g_assert (i >= 0);
  f = &spec->kind->fields[i];
  text = OC_SPEC_VALUE (spec, const char *, f);
  if (text == NULL)
    return TRUE;
  /* The axis parser names the field itself, so its message needs no prefix cut off (one that
   * would differ with the language). */
  label = oc_spec_field_label (f, for_cli);
  values = oc_axis_parse_double (text, min, max, label, &local);
  if (values == NULL)
    {
      g_set_error_literal (error, OC_ERROR, OC_ERROR_SPEC, local->message);
      return FALSE;
    }
  out = g_string_new (NULL);
  for (guint k = 0; k < values->len; k++)
    {
      if (k > 0)
        g_string_append_c (out, ',');
      oc_spec_append_double (out, g_array_index (values, double, k));
    }
  replace_string (spec, f, g_string_free (out, FALSE));
  return TRUE;
}

static void
sweep_init (gpointer values)
{
  OcSweepSpec *v = values;

  memset (v, 0, sizeof *v);
  oc_spec_train_init (&v->base);
}

static gboolean
sweep_finish (OcSpec *spec, gboolean for_cli, GError **error)
{
  return oc_spec_train_finish (spec, for_cli, error)
         && oc_spec_canonical_uint_axis (spec, "sweep", "widths", 1, 1 << 20, for_cli, error)
         && oc_spec_canonical_uint_axis (spec, "sweep", "n_trains", 1, 1000000000, for_cli, error)
         && oc_spec_canonical_double_axis (spec, "sweep", "label_noises", 0, 1, for_cli, error)
         && oc_spec_canonical_uint_axis (spec, "sweep", "seeds", 0, G_MAXINT64, for_cli, error);
}

/* Appends value @i of @values (of guint64, or of double with @is_double) to @s. */
static void
append_axis_value (GString *s, GArray *values, guint i, gboolean is_double)
{
  if (is_double)
    oc_spec_append_double (s, g_array_index (values, double, i));
  else
    g_string_append_printf (s, "%" G_GUINT64_FORMAT, g_array_index (values, guint64, i));
}

/* One swept axis as a person reads it: "widths 2–64", "n 1000", "3 seeds", then " · ". The axis
 * is in canonical form (sorted, no duplicates), so its first and last values are its range. */
static void
append_axis (GString *s, const char *one, const char *many, const char *text, gboolean is_double,
             gboolean count_only)
{
  g_autoptr (GArray) values = is_double ? oc_axis_parse_double (text, -G_MAXDOUBLE, G_MAXDOUBLE,
                                                                "list", NULL)
                                        : oc_axis_parse_uint (text, 0, G_MAXUINT64, "list", NULL);

  if (values == NULL || values->len == 0)
    g_string_append_printf (s, "%s %s", many, text);
  else if (values->len == 1)
    {
      g_string_append_printf (s, "%s ", one);
      append_axis_value (s, values, 0, is_double);
    }
  else if (count_only)
    g_string_append_printf (s, "%u %s", values->len, many);
  else
    {
      g_string_append_printf (s, "%s ", many);
      append_axis_value (s, values, 0, is_double);
      g_string_append (s, "–");
      append_axis_value (s, values, values->len - 1, is_double);
    }
  g_string_append (s, " · ");
}

/* What the sweep varies first ("widths 2–64 · 3 seeds"), then the training it shares, without
 * the base values the axes replace. */
static char *
sweep_describe (const OcSpec *spec)
{
  const OcSweepSpec *v = spec->values;
  const OcTrainConfig *t = &v->base.train;
  OcSpecDescribeFlags leave_out = 0;
  g_autofree char *base = NULL;
  GString *s = g_string_new (NULL);

  if (v->widths != NULL)
    {
      append_axis (s, "width", "widths", v->widths, FALSE, FALSE);
      if (t->n_hidden > 1)
        {
          g_string_truncate (s, s->len - strlen (" · "));
          g_string_append_printf (s, " × %u layers · ", t->n_hidden);
        }
      leave_out |= OC_SPEC_DESCRIBE_NO_HIDDEN;
    }
  if (v->n_trains != NULL)
    {
      append_axis (s, "n", "n", v->n_trains, FALSE, FALSE);
      leave_out |= OC_SPEC_DESCRIBE_NO_N_TRAIN;
    }
  if (v->label_noises != NULL)
    {
      append_axis (s, "noise", "noise", v->label_noises, TRUE, FALSE);
      leave_out |= OC_SPEC_DESCRIBE_NO_NOISE;
    }
  if (v->seeds != NULL)
    {
      append_axis (s, "seed", "seeds", v->seeds, FALSE, TRUE);
      leave_out |= OC_SPEC_DESCRIBE_NO_SEED;
    }
  base = oc_spec_train_describe_except (spec, leave_out);
  g_string_append (s, base);
  return g_string_free (s, FALSE);
}

const OcSpecKindInfo oc_spec_kind_sweep = {
  .name = "sweep",
  .fields = sweep_fields,
  .n_fields = G_N_ELEMENTS (sweep_fields),
  .values_size = sizeof (OcSweepSpec),
  .has_train = TRUE,
  .has_data = TRUE,
  .init = sweep_init,
  .finish = sweep_finish,
  .describe = sweep_describe,
  .runner = &oc_run_kind_sweep,
};

static void
rff_init (gpointer values)
{
  OcRffSpec *v = values;
  OcRffConfig c;

  memset (v, 0, sizeof *v);
  oc_data_options_init (&v->data);
  oc_rff_config_init (&c);
  v->features = "100,1000,10000";
  v->feature_kind = c.kind;
  v->sigma = c.sigma;
  v->ridge = c.ridge;
  v->seeds = "0";
}

static gboolean
rff_finish (OcSpec *spec, gboolean for_cli, GError **error)
{
  return oc_spec_data_finish (spec, for_cli, error)
         && oc_spec_canonical_uint_axis (spec, "rff", "features", 1, 1000000, for_cli, error)
         && oc_spec_canonical_uint_axis (spec, "rff", "seeds", 0, G_MAXINT64, for_cli, error);
}

static char *
rff_describe (const OcSpec *spec)
{
  const OcRffSpec *v = spec->values;
  GString *s = g_string_new (NULL);

  g_string_append_printf (s, "%s features %s · ", feature_kind_names[v->feature_kind],
                          v->features);
  if (v->feature_kind == OC_FEATURES_FOURIER)
    g_string_append_printf (s, "σ %g · ", v->sigma);
  if (v->ridge > 0)
    g_string_append_printf (s, "ridge %g · ", v->ridge);
  if (v->data.n_train >= 0)
    g_string_append_printf (s, "n %" G_GINT64_FORMAT " · ", v->data.n_train);
  if (v->data.label_noise > 0)
    g_string_append_printf (s, "noise %g · ", v->data.label_noise);
  g_string_append_printf (s, "seeds %s", v->seeds);
  return g_string_free (s, FALSE);
}

const OcSpecKindInfo oc_spec_kind_rff = {
  .name = "rff",
  .fields = rff_fields,
  .n_fields = G_N_ELEMENTS (rff_fields),
  .values_size = sizeof (OcRffSpec),
  .has_data = TRUE,
  .init = rff_init,
  .finish = rff_finish,
  .describe = rff_describe,
  .runner = &oc_run_kind_rff,
};

gboolean
oc_sweep_config_from_spec (const OcSpec *spec, OcSweepConfig *cfg, GError **error)
{
  const OcSweepSpec *v;

  g_return_val_if_fail (spec != NULL && cfg != NULL, FALSE);
  g_return_val_if_fail (g_strcmp0 (oc_spec_get_kind (spec), "sweep") == 0, FALSE);

  v = oc_spec_get_values (spec);
  memset (cfg, 0, sizeof *cfg);
  cfg->data = &v->base.data;
  cfg->train = &v->base.train;
  cfg->record_every_epochs = v->record_every_epochs;
  cfg->workers = v->workers;
  /* The spec holds canonical lists, so parsing cannot fail here unless it was built by hand. */
  if ((v->widths != NULL
       && (cfg->widths = oc_axis_parse_uint (v->widths, 1, 1 << 20, "widths", error)) == NULL)
      || (v->n_trains != NULL
          && (cfg->n_trains = oc_axis_parse_uint (v->n_trains, 1, 1000000000, "n_trains",
                                                  error)) == NULL)
      || (v->label_noises != NULL
          && (cfg->noises = oc_axis_parse_double (v->label_noises, 0, 1, "label_noises",
                                                  error)) == NULL)
      || (v->seeds != NULL
          && (cfg->seeds = oc_axis_parse_uint (v->seeds, 0, G_MAXINT64, "seeds", error)) == NULL))
    {
      oc_sweep_config_clear (cfg);
      return FALSE;
    }
  return TRUE;
}

void
oc_sweep_config_clear (OcSweepConfig *cfg)
{
  g_clear_pointer ((GArray **) &cfg->widths, g_array_unref);
  g_clear_pointer ((GArray **) &cfg->n_trains, g_array_unref);
  g_clear_pointer ((GArray **) &cfg->noises, g_array_unref);
  g_clear_pointer ((GArray **) &cfg->seeds, g_array_unref);
}

char *
oc_sweep_point_key (const OcSweepConfig *cfg, const OcSweepPoint *p)
{
  GString *s = g_string_new (NULL);
  guint width = p->width;

  if (width == 0 && cfg->train->n_hidden > 0)
    width = cfg->train->hidden[0];
  g_string_append_printf (s, "{\"width\":%u,\"n_train\":", width);
  if (p->n_train >= 0)
    g_string_append_printf (s, "%" G_GINT64_FORMAT, p->n_train);
  else
    g_string_append (s, "null");
  g_string_append (s, ",\"label_noise\":");
  oc_spec_append_double (s, p->label_noise);
  g_string_append_printf (s, ",\"seed\":%" G_GUINT64_FORMAT "}", p->seed);
  return g_string_free (s, FALSE);
}

#define L(member) offsetof (OcLinearSpec, member)

static const OcSpecField linear_fields[] = {
  { "linear", "n", OC_SPEC_UINT, 0, 2, 100000, NULL, NULL, L (n), 0,
    "n", "linear", N_("Training examples n (200)"), "N" },
  { "linear", "ps", OC_SPEC_STRING, 0, 0, 0, NULL, NULL, L (ps), 0,
    "ps", "linear", N_("Numbers of features p: a list or log:MIN:MAX:COUNT (log:10:2000:30)"),
    "LIST" },
  { "linear", "snr", OC_SPEC_DOUBLE, 0, 0, 1e6, NULL, NULL, L (snr), 0,
    "snr", "linear", N_("Signal ‖β‖ = r (1)"), "R" },
  { "linear", "sigma", OC_SPEC_DOUBLE, 0, 0, 1e6, NULL, NULL, L (sigma), 0,
    "sigma", "linear", N_("Noise standard deviation σ (1)"), "SIGMA" },
  { "linear", "seeds", OC_SPEC_STRING, 0, 0, 0, NULL, NULL, L (seeds), 0,
    "seeds", "linear", N_("Seeds, one replicate each (0,1,2,3,4)"), "LIST" },
  { "run", "threads", OC_SPEC_UINT, OC_SPEC_FIELD_NOT_HASHED, 0, 1024, NULL, NULL, L (threads),
    0, "threads", "linear", N_("BLAS threads (default: all cores)"), "N" },
};

static void
linear_init (gpointer values)
{
  OcLinearSpec *v = values;

  memset (v, 0, sizeof *v);
  v->n = 200;
  v->ps = "log:10:2000:30";
  v->snr = 1.0;
  v->sigma = 1.0;
  v->seeds = "0,1,2,3,4";
}

static gboolean
linear_finish (OcSpec *spec, gboolean for_cli, GError **error)
{
  return oc_spec_canonical_uint_axis (spec, "linear", "ps", 1, 100000, for_cli, error)
         && oc_spec_canonical_uint_axis (spec, "linear", "seeds", 0, G_MAXINT64, for_cli, error);
}

static char *
linear_describe (const OcSpec *spec)
{
  const OcLinearSpec *v = spec->values;

  return g_strdup_printf ("isotropic linear model · n %u · p %s · r %g · σ %g · seeds %s", v->n,
                          v->ps, v->snr, v->sigma, v->seeds);
}

const OcSpecKindInfo oc_spec_kind_linear = {
  .name = "linear",
  .fields = linear_fields,
  .n_fields = G_N_ELEMENTS (linear_fields),
  .values_size = sizeof (OcLinearSpec),
  .init = linear_init,
  .finish = linear_finish,
  .describe = linear_describe,
  .runner = &oc_run_kind_linear,
};
