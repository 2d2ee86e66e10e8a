/* oc-landscape-form.c — see oc-landscape-form.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>
#include <string.h>

#include "occam/oc-error.h"
#include "occam/oc-landscape-spec.h"
#include "oc-landscape-form.h"
#include "oc-run-spec.h"

/* The spec field each row of the form sets, and the row's title. The line and its seeds are one
 * field: its errors go to the seeds row when the line joins two seeds. */
static const OcSpecRow rows[] = {
  [OC_LANDSCAPE_FORM_FIELD_SOURCE] = { "landscape", "from_experiment", N_("Network") },
  [OC_LANDSCAPE_FORM_FIELD_WIDTH] = { "model", "hidden", N_("Hidden width") },
  [OC_LANDSCAPE_FORM_FIELD_EPOCHS] = { "train", "epochs", N_("Epochs") },
  [OC_LANDSCAPE_FORM_FIELD_LINE] = { "landscape", "line", N_("Line") },
  [OC_LANDSCAPE_FORM_FIELD_SEEDS] = { NULL, NULL, N_("Seeds") },
  [OC_LANDSCAPE_FORM_FIELD_PLANE] = { "landscape", "plane", N_("Plane") },
  [OC_LANDSCAPE_FORM_FIELD_GRID] = { "landscape", "grid", N_("Grid") },
  [OC_LANDSCAPE_FORM_FIELD_SPAN] = { "landscape", "span", N_("Span") },
  [OC_LANDSCAPE_FORM_FIELD_EXAMPLES] = { "landscape", "eval_examples", N_("Examples evaluated") },
};

const char *
oc_landscape_form_field_title (OcLandscapeFormField field)
{
  if ((gsize) field < G_N_ELEMENTS (rows) && rows[field].title != NULL)
    return _(rows[field].title);
  return field == OC_LANDSCAPE_FORM_FIELD_OTHER ? _("Landscape") : _("Protocol");
}

void
oc_landscape_form_clear (OcLandscapeForm *form)
{
  g_clear_pointer (&form->source, g_free);
  g_clear_pointer (&form->seeds, g_free);
}

void
oc_landscape_form_set_from_spec (OcLandscapeForm *form, const OcSpec *spec)
{
  const OcLandscapeSpec *v;
  const OcTrainConfig *t;
  OcLandscapeLine line;
  g_autofree char *why = NULL;

  g_return_if_fail (form != NULL && spec != NULL);

  if (g_strcmp0 (oc_spec_get_kind (spec), "landscape") != 0)
    return;
  v = oc_spec_get_values (spec);
  t = oc_spec_get_train_config (spec);
  oc_landscape_form_clear (form);
  form->source = g_strdup (v->from_experiment);
  form->width = t->n_hidden == 1 ? t->hidden[0] : 0;
  form->epochs = t->iterations == 0 ? t->epochs : 0;
  form->line = OC_LANDSCAPE_FORM_LINE_INIT_FINAL;
  if (oc_landscape_line_parse (v->line, &line, &why))
    {
      if (line.kind == OC_LANDSCAPE_LINE_SEEDS)
        {
          form->line = OC_LANDSCAPE_FORM_LINE_SEEDS;
          form->seeds = g_strdup_printf ("%" G_GUINT64_FORMAT ",%" G_GUINT64_FORMAT,
                                         line.seeds[0], line.seeds[1]);
        }
      else if (line.kind == OC_LANDSCAPE_LINE_NONE)
        form->line = OC_LANDSCAPE_FORM_LINE_NONE;
    }
  form->plane = (guint) v->plane;
  form->grid = v->grid;
  form->span = v->span;
  form->eval_examples = v->eval_examples;
}

static gboolean
set_uint (OcSpec *spec, OcLandscapeFormField field, guint64 value, GError **error)
{
  g_autofree char *text = g_strdup_printf ("%" G_GUINT64_FORMAT, value);

  return oc_spec_row_set (spec, &rows[field], text, error);
}

static const char *
plane_text (guint plane)
{
  switch (plane)
    {
    case OC_LANDSCAPE_PLANE_PCA:
      return "pca";
    case OC_LANDSCAPE_PLANE_NONE:
      return "none";
    case OC_LANDSCAPE_PLANE_RANDOM:
    default:
      return "random";
    }
}

/* The rows that say where to look, the same for a network trained here or a stored one. */
static gboolean
set_view (const OcLandscapeForm *form, OcSpec *spec, OcLandscapeFormField *bad, GError **error)
{
  g_autofree char *line = NULL;

  switch (form->line)
    {
    case OC_LANDSCAPE_FORM_LINE_SEEDS:
      line = g_strdup_printf ("seeds:%s", form->seeds != NULL ? g_strstrip (form->seeds) : "");
      break;
    case OC_LANDSCAPE_FORM_LINE_NONE:
      line = g_strdup ("none");
      break;
    default:
      line = g_strdup ("init-final");
      break;
    }
  *bad = OC_LANDSCAPE_FORM_FIELD_LINE;
  if (!oc_spec_row_set (spec, &rows[OC_LANDSCAPE_FORM_FIELD_LINE], line, error))
    return FALSE;
  *bad = OC_LANDSCAPE_FORM_FIELD_PLANE;
  if (!oc_spec_row_set (spec, &rows[OC_LANDSCAPE_FORM_FIELD_PLANE], plane_text (form->plane),
                        error))
    return FALSE;
  *bad = OC_LANDSCAPE_FORM_FIELD_GRID;
  if (!set_uint (spec, OC_LANDSCAPE_FORM_FIELD_GRID, form->grid, error))
    return FALSE;
  *bad = OC_LANDSCAPE_FORM_FIELD_EXAMPLES;
  if (!set_uint (spec, OC_LANDSCAPE_FORM_FIELD_EXAMPLES, form->eval_examples, error))
    return FALSE;
  *bad = OC_LANDSCAPE_FORM_FIELD_SPAN;
  /* 0 is the plane's own default (1 for random directions, 1.2 of the trajectory for PCA). */
  if (form->span <= 0)
    oc_spec_reset_field (spec, "landscape", "span");
  else
    {
      g_autoptr (GString) text = g_string_new (NULL);

      oc_spec_append_double (text, form->span);
      if (!oc_spec_row_set (spec, &rows[OC_LANDSCAPE_FORM_FIELD_SPAN], text->str, error))
        return FALSE;
    }
  *bad = OC_LANDSCAPE_FORM_FIELD_NONE;
  return TRUE;
}

/* Where a spec's error is about, as the form's field. */
static OcLandscapeFormField
error_field (const OcLandscapeForm *form, const OcSpec *spec, const GError *in, GError **error)
{
  int row = oc_spec_row_error (rows, G_N_ELEMENTS (rows), spec, in, error);

  /* The line's text is "seeds:" and the row's: say it in the row's terms. */
  if (row == OC_LANDSCAPE_FORM_FIELD_LINE && form->line == OC_LANDSCAPE_FORM_LINE_SEEDS)
    {
      g_autofree char *seeds = g_strstrip (g_strdup (form->seeds != NULL ? form->seeds : ""));

      g_clear_error (error);
      g_set_error (error, OC_ERROR, OC_ERROR_SPEC, _("Seeds: “%s” is not two different seeds; give "
                     "two whole numbers such as 0,1"), seeds);
      return OC_LANDSCAPE_FORM_FIELD_SEEDS;
    }
  return row >= 0 ? (OcLandscapeFormField) row : OC_LANDSCAPE_FORM_FIELD_OTHER;
}

static OcSpec *
fail (OcLandscapeFormField field, OcLandscapeFormField *bad_field, GError **error,
      const char *format, ...) G_GNUC_PRINTF (4, 5);

static OcSpec *
fail (OcLandscapeFormField field, OcLandscapeFormField *bad_field, GError **error,
      const char *format, ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  if (bad_field != NULL)
    *bad_field = field;
  g_set_error (error, OC_ERROR, OC_ERROR_SPEC, _("%s: %s"), oc_landscape_form_field_title (field),
               message);
  return NULL;
}

/* Whether the stored network @id kept no checkpoints of its training — asked of the store, not
 * read from an error message, which is in the user's language. */
static gboolean
stored_without_checkpoints (OcStore *store, const char *id)
{
  g_autoptr (OcLandscapeSource) s = oc_landscape_source_load (store, id, NULL);

  return s != NULL && s->checkpoints == NULL;
}

/* A stored network: a fresh landscape spec, every training setting left to the stored run. */
static OcSpec *
build_stored (const OcLandscapeForm *form, OcStore *store, OcLandscapeFormField *bad_field,
              GError **error)
{
  g_autoptr (GError) local = NULL;
  g_autoptr (OcSpec) spec = NULL;
  OcLandscapeFormField bad = OC_LANDSCAPE_FORM_FIELD_OTHER;

  if (store == NULL)
    return fail (OC_LANDSCAPE_FORM_FIELD_SOURCE, bad_field, error,
                 _("the experiment store could not be opened; train the network here"));
  spec = oc_spec_new ("landscape", &local);
  if (spec != NULL && set_view (form, spec, &bad, &local)
      && oc_spec_set_field (spec, "landscape", "from_experiment", form->source, &local)
      && oc_landscape_spec_resolve (spec, store, FALSE, &local))
    return g_steal_pointer (&spec);
  if (local != NULL && form->plane == OC_LANDSCAPE_PLANE_PCA
      && stored_without_checkpoints (store, form->source))
    return fail (OC_LANDSCAPE_FORM_FIELD_PLANE, bad_field, error,
                 _("the stored run kept no checkpoints of its training, and the PCA plane is "
                   "made of them; choose Random, or train the network here"));
  if (bad != OC_LANDSCAPE_FORM_FIELD_NONE && bad != OC_LANDSCAPE_FORM_FIELD_OTHER)
    {
      if (bad_field != NULL)
        *bad_field = error_field (form, spec, local, error);
      return NULL;
    }
  if (bad_field != NULL)
    *bad_field = OC_LANDSCAPE_FORM_FIELD_SOURCE;
  g_set_error (error, OC_ERROR, OC_ERROR_SPEC, _("Network: %s"), local->message);
  return NULL;
}

OcSpec *
oc_landscape_form_build (const OcLandscapeForm *form, const OcSpec *base, OcStore *store,
                         OcLandscapeFormField *bad_field, GError **error)
{
  g_autoptr (GError) local = NULL;
  g_autoptr (OcSpec) spec = NULL;
  OcLandscapeFormField bad = OC_LANDSCAPE_FORM_FIELD_NONE;

  g_return_val_if_fail (form != NULL && base != NULL, NULL);

  if (bad_field != NULL)
    *bad_field = OC_LANDSCAPE_FORM_FIELD_NONE;
  if (form->source != NULL && form->source[0] != '\0')
    return build_stored (form, store, bad_field, error);
  if (oc_spec_get_train_config (base) == NULL)
    return fail (OC_LANDSCAPE_FORM_FIELD_OTHER, bad_field, error,
                 _("this protocol does not train a network; choose another one"));
  /* A sweep's axes have no place here: only the base's data, network and training carry over. */
  spec = oc_spec_new_from_base ("landscape", base, &local);
  if (spec != NULL)
    oc_spec_reset_field (spec, "landscape", "from_experiment");
  if (spec != NULL && set_view (form, spec, &bad, &local)
      && (form->width == 0
          || set_uint (spec, OC_LANDSCAPE_FORM_FIELD_WIDTH, form->width, &local))
      && (form->epochs == 0
          || (set_uint (spec, OC_LANDSCAPE_FORM_FIELD_EPOCHS, form->epochs, &local)
              && oc_spec_set_field (spec, "train", "iterations", "0", &local)))
      && oc_spec_finish (spec, FALSE, &local))
    return g_steal_pointer (&spec);

  if (bad_field != NULL)
    *bad_field = error_field (form, spec, local, error);
  else
    error_field (form, spec, local, error);
  return NULL;
}
