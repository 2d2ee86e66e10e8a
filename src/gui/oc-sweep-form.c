/* oc-sweep-form.c — see oc-sweep-form.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>
#include "occam/oc-error.h"
#include "occam/oc-rff.h"
#include "oc-run-spec.h"
#include "oc-sweep-form.h"

/* The spec field each row of the form sets, and the row's title. */
static const OcSpecRow rows[] = {
  [OC_SWEEP_FIELD_WIDTHS] = { "sweep", "widths", N_("Hidden widths") },
  [OC_SWEEP_FIELD_N_TRAINS] = { "sweep", "n_trains", N_("Training examples") },
  [OC_SWEEP_FIELD_NOISES] = { "sweep", "label_noises", N_("Label noise") },
  [OC_SWEEP_FIELD_SEEDS] = { "sweep", "seeds", N_("Seeds") },
  [OC_SWEEP_FIELD_EPOCHS] = { "train", "epochs", N_("Epochs") },
  [OC_SWEEP_FIELD_RECORD] = { "sweep", "record_every_epochs", N_("Record every") },
  [OC_SWEEP_FIELD_FEATURES] = { "rff", "features", N_("Features N") },
  [OC_SWEEP_FIELD_SIGMA] = { "rff", "sigma", N_("Bandwidth σ") },
  [OC_SWEEP_FIELD_RIDGE] = { "rff", "ridge", N_("Ridge λ") },
  [OC_SWEEP_FIELD_RFF_SEEDS] = { "rff", "seeds", N_("Seeds") },
};

const char *
oc_sweep_field_title (OcSweepField field)
{
  if ((gsize) field < G_N_ELEMENTS (rows) && rows[field].title != NULL)
    return _(rows[field].title);
  return _("Settings");
}

void
oc_sweep_form_clear (OcSweepForm *form)
{
  g_clear_pointer (&form->widths, g_free);
  g_clear_pointer (&form->n_trains, g_free);
  g_clear_pointer (&form->noises, g_free);
  g_clear_pointer (&form->seeds, g_free);
  g_clear_pointer (&form->features, g_free);
  g_clear_pointer (&form->rff_seeds, g_free);
}

/* Replaces the text of @slot with the spec's text of @field ("" for a null axis). */
static void
take_text (char **slot, const OcSpec *spec, OcSweepField field)
{
  g_free (*slot);
  *slot = oc_spec_get_field_text (spec, rows[field].section, rows[field].name);
}

void
oc_sweep_form_set_from_spec (OcSweepForm *form, const OcSpec *spec)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (OcSweepGrid) grid = oc_sweep_grid_new (spec, &error);

  g_return_if_fail (grid != NULL);

  if (grid->rff)
    {
      const OcRffSpec *v = oc_spec_get_values (spec);

      take_text (&form->features, spec, OC_SWEEP_FIELD_FEATURES);
      take_text (&form->rff_seeds, spec, OC_SWEEP_FIELD_RFF_SEEDS);
      form->feature_kind = v->feature_kind;
      form->sigma = v->sigma;
      form->ridge = v->ridge;
    }
  else
    {
      const OcSweepSpec *v = oc_spec_get_values (spec);

      take_text (&form->widths, spec, OC_SWEEP_FIELD_WIDTHS);
      take_text (&form->n_trains, spec, OC_SWEEP_FIELD_N_TRAINS);
      take_text (&form->noises, spec, OC_SWEEP_FIELD_NOISES);
      take_text (&form->seeds, spec, OC_SWEEP_FIELD_SEEDS);
      form->epochs = v->base.train.epochs;
      form->record_every = v->record_every_epochs;
    }
  form->mode = oc_sweep_grid_guess_mode (grid);
}

static gboolean
fail (OcSweepField field, OcSweepField *bad, GError **error, const char *format, ...)
  G_GNUC_PRINTF (4, 5);

static gboolean
fail (OcSweepField field, OcSweepField *bad, GError **error, const char *format, ...)
{
  g_autofree char *msg = NULL;
  va_list args;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  if (bad != NULL)
    *bad = field;
  g_set_error (error, OC_ERROR, OC_ERROR_SPEC, _("%s: %s"), oc_sweep_field_title (field), msg);
  return FALSE;
}

/* Each mode sweeps one axis, which must list its values. The others may list several too (widths
 * × n, say): the figures then draw a curve per combination of them, as occam-cli does. */
static gboolean
check_mode (const OcSweepForm *form, const OcSpec *spec, OcSweepField *bad, GError **error)
{
  const OcSweepSpec *v = oc_spec_get_values (spec);
  static const struct
  {
    OcSweepMode  mode;
    OcSweepField swept;
    const char  *example;
  } modes[] = {
    { OC_SWEEP_MODE_MODEL, OC_SWEEP_FIELD_WIDTHS, N_("1,2,4,8 or log:1:1024:11") },
    { OC_SWEEP_MODE_SAMPLE, OC_SWEEP_FIELD_N_TRAINS, N_("100,200,400 or log:100:4000:8") },
    { OC_SWEEP_MODE_NOISE, OC_SWEEP_FIELD_NOISES, N_("0,0.1,0.2 or lin:0:0.3:4") },
  };
  struct
  {
    OcSweepField field;
    const char  *list;
  } axes[] = {
    { OC_SWEEP_FIELD_WIDTHS, v->widths },
    { OC_SWEEP_FIELD_N_TRAINS, v->n_trains },
    { OC_SWEEP_FIELD_NOISES, v->label_noises },
  };

  for (guint m = 0; m < G_N_ELEMENTS (modes); m++)
    for (guint a = 0; modes[m].mode == form->mode && a < G_N_ELEMENTS (axes); a++)
      if (axes[a].field == modes[m].swept && axes[a].list == NULL)
        return fail (axes[a].field, bad, error, _("list the values to sweep, e.g. %s"),
                     _(modes[m].example));
  return TRUE;
}

static gboolean
set_row (OcSpec *spec, OcSweepField field, const char *text, GError **error)
{
  return oc_spec_row_set (spec, &rows[field], text, error);
}

/* The axes and the length of a sweep: every network trains for the form's epochs. */
static gboolean
set_sweep (const OcSweepForm *form, OcSpec *spec, GError **error)
{
  g_autofree char *epochs = g_strdup_printf ("%u", form->epochs);
  g_autofree char *record = g_strdup_printf ("%u", form->record_every);

  return set_row (spec, OC_SWEEP_FIELD_WIDTHS, form->widths, error)
         && set_row (spec, OC_SWEEP_FIELD_N_TRAINS, form->n_trains, error)
         && set_row (spec, OC_SWEEP_FIELD_NOISES, form->noises, error)
         && set_row (spec, OC_SWEEP_FIELD_SEEDS, form->seeds, error)
         && set_row (spec, OC_SWEEP_FIELD_RECORD, record, error)
         && set_row (spec, OC_SWEEP_FIELD_EPOCHS, epochs, error)
         && oc_spec_set_field (spec, "train", "iterations", "0", error);
}

static gboolean
set_rff (const OcSweepForm *form, OcSpec *spec, GError **error)
{
  g_autoptr (GString) sigma = g_string_new (NULL);
  g_autoptr (GString) ridge = g_string_new (NULL);

  oc_spec_append_double (sigma, form->sigma);
  oc_spec_append_double (ridge, form->ridge);
  return set_row (spec, OC_SWEEP_FIELD_FEATURES, form->features, error)
         && set_row (spec, OC_SWEEP_FIELD_RFF_SEEDS, form->rff_seeds, error)
         && oc_spec_set_field (spec, "rff", "kind", oc_feature_kind_to_string (form->feature_kind),
                               error)
         && set_row (spec, OC_SWEEP_FIELD_SIGMA, sigma->str, error)
         && set_row (spec, OC_SWEEP_FIELD_RIDGE, ridge->str, error);
}

static gboolean
is_blank (const char *text)
{
  for (; text != NULL && *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

OcSpec *
oc_sweep_form_build (const OcSweepForm *form, const OcSpec *base, OcSweepField *bad_field,
                     GError **error)
{
  gboolean rff;
  g_autoptr (GError) local = NULL;
  g_autoptr (OcSpec) spec = NULL;
  int row;

  g_return_val_if_fail (form != NULL && base != NULL, NULL);

  if (bad_field != NULL)
    *bad_field = OC_SWEEP_FIELD_NONE;
  rff = form->mode == OC_SWEEP_MODE_RFF;
  if (rff && is_blank (form->features))
    {
      fail (OC_SWEEP_FIELD_FEATURES, bad_field, error,
            _("list the numbers of features, e.g. 100,1000,10000 or log:10:10000:13"));
      return NULL;
    }
  if (!rff && g_strcmp0 (oc_spec_get_kind (base), "rff") == 0)
    {
      fail (OC_SWEEP_FIELD_OTHER, bad_field, error,
            _("this protocol fits random features; choose one that trains networks"));
      return NULL;
    }
  /* Random features keep the base's data; a sweep its data and its training settings too. */
  spec = oc_spec_new_from_base (rff ? "rff" : "sweep", base, &local);
  if (spec != NULL && (rff ? set_rff (form, spec, &local) : set_sweep (form, spec, &local))
      && oc_spec_finish (spec, FALSE, &local))
    {
      if (!rff && !check_mode (form, spec, bad_field, error))
        return NULL;
      return g_steal_pointer (&spec);
    }

  row = oc_spec_row_error (rows, G_N_ELEMENTS (rows), spec, local, error);
  if (bad_field != NULL)
    *bad_field = row >= 0 ? (OcSweepField) row : OC_SWEEP_FIELD_OTHER;
  return NULL;
}
