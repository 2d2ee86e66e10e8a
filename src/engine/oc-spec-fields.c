/* oc-spec-fields.c — specs field by field, as forms edit them: set, reset and read one field as
 * text, take the data options as loaded, build a spec of one kind over another, and find the field
 * an error is about. All of it works from the field tables alone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "occam/oc-error.h"
#include "oc-spec-private.h"

/* Text from a form: a blank nullable field is null ("all examples", the default folder), anything
 * else reads as on the command line. */
static gboolean
set_form_text (OcSpec *spec, const OcSpecField *f, const char *text, GError **error)
{
  if (*text == '\0' && (f->flags & OC_SPEC_FIELD_NULLABLE))
    {
      oc_spec_set_null (spec, f);
      spec->given[f - spec->kind->fields] = TRUE;
      return TRUE;
    }
  return oc_spec_set_text (spec, f, text, FALSE, error);
}

static const OcSpecField *
spec_field (const OcSpec *spec, const char *section, const char *name)
{
  int i = oc_spec_kind_field_index (spec->kind, section, name);

  return i >= 0 ? &spec->kind->fields[i] : NULL;
}

gboolean
oc_spec_set_field (OcSpec *spec, const char *section, const char *name, const char *text,
                   GError **error)
{
  const OcSpecField *f;

  g_return_val_if_fail (spec != NULL && section != NULL && name != NULL && text != NULL, FALSE);
  f = spec_field (spec, section, name);
  g_return_val_if_fail (f != NULL, FALSE);

  return set_form_text (spec, f, text, error);
}

/* Copies the value of the field @from of the values struct @src into @spec's field @f, which has
 * the same type. */
static void
copy_value (OcSpec *spec, const OcSpecField *f, gconstpointer src, const OcSpecField *from)
{
  gconstpointer value = (const char *) src + from->offset;
  gpointer slot = G_STRUCT_MEMBER_P (spec->values, f->offset);

  switch (f->type)
    {
    case OC_SPEC_STRING:
      g_free (*(char **) slot);
      *(char **) slot = g_strdup (*(const char *const *) value);
      break;
    case OC_SPEC_WIDTHS:
      {
        guint n = *(const guint *) ((const char *) src + from->count_offset);
        const guint *w = *(const guint *const *) value;

        g_free (*(guint **) slot);
        *(guint **) slot = n > 0 ? g_memdup2 (w, n * sizeof (guint)) : NULL;
        *(guint *) G_STRUCT_MEMBER_P (spec->values, f->count_offset) = n;
        break;
      }
    case OC_SPEC_CHOICE:
    case OC_SPEC_UINT:
    case OC_SPEC_BOOL:
      memcpy (slot, value, sizeof (int)); /* an enum, a guint or a gboolean */
      break;
    case OC_SPEC_UINT64:
    case OC_SPEC_INT64:
    case OC_SPEC_DOUBLE:
      memcpy (slot, value, sizeof (guint64)); /* a guint64, gint64 or double */
      break;
    default:
      g_assert_not_reached ();
    }
}

G_STATIC_ASSERT (sizeof (guint) == sizeof (int) && sizeof (gboolean) == sizeof (int));
G_STATIC_ASSERT (sizeof (double) == sizeof (guint64));

void
oc_spec_reset_field (OcSpec *spec, const char *section, const char *name)
{
  g_autofree gpointer defaults = NULL;
  const OcSpecField *f;

  g_return_if_fail (spec != NULL && section != NULL && name != NULL);
  f = spec_field (spec, section, name);
  g_return_if_fail (f != NULL);

  /* init() points strings and widths at static data, so only the block itself is freed. */
  defaults = g_malloc0 (spec->kind->values_size);
  spec->kind->init (defaults);
  copy_value (spec, f, defaults, f);
  spec->given[f - spec->kind->fields] = FALSE;
}

gboolean
oc_spec_value_is_null (const OcSpecField *f, gconstpointer values)
{
  gconstpointer value = (const char *) values + f->offset;

  return (f->type == OC_SPEC_STRING && *(const char *const *) value == NULL)
         || (f->type == OC_SPEC_INT64 && (f->flags & OC_SPEC_FIELD_NULLABLE)
             && *(const gint64 *) value < 0);
}

char *
oc_spec_value_text (const OcSpecField *f, gconstpointer values, const char *sep)
{
  gconstpointer value = (const char *) values + f->offset;

  if (oc_spec_value_is_null (f, values))
    return g_strdup ("");
  switch (f->type)
    {
    case OC_SPEC_STRING:
      return g_strdup (*(const char *const *) value);
    case OC_SPEC_CHOICE:
      return g_strdup (f->choices[*(const int *) value]);
    case OC_SPEC_UINT:
      if ((f->flags & OC_SPEC_FIELD_FULL) && *(const guint *) value == 0)
        return g_strdup ("full");
      return g_strdup_printf ("%u", *(const guint *) value);
    case OC_SPEC_UINT64:
      return g_strdup_printf ("%" G_GUINT64_FORMAT, *(const guint64 *) value);
    case OC_SPEC_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, *(const gint64 *) value);
    case OC_SPEC_DOUBLE:
      return oc_spec_format_double (*(const double *) value);
    case OC_SPEC_BOOL:
      return g_strdup (*(const gboolean *) value ? "true" : "false");
    case OC_SPEC_WIDTHS:
      {
        guint n = *(const guint *) ((const char *) values + f->count_offset);
        const guint *w = *(const guint *const *) value;
        GString *s = g_string_new (NULL);

        for (guint i = 0; i < n; i++)
          g_string_append_printf (s, "%s%u", i == 0 ? "" : sep, w[i]);
        return g_string_free (s, FALSE);
      }
    default:
      g_assert_not_reached ();
    }
}

char *
oc_spec_get_field_text (const OcSpec *spec, const char *section, const char *name)
{
  const OcSpecField *f;

  g_return_val_if_fail (spec != NULL && section != NULL && name != NULL, NULL);
  f = spec_field (spec, section, name);
  g_return_val_if_fail (f != NULL, NULL);

  return oc_spec_value_text (f, spec->values, ",");
}

gboolean
oc_spec_set_data_options (OcSpec *spec, const OcDataOptions *data, GError **error)
{
  g_return_val_if_fail (spec != NULL && data != NULL, FALSE);
  g_return_val_if_fail (spec->kind->has_train || spec->kind->has_data, FALSE);

  for (guint i = 0; i < spec->kind->n_fields; i++)
    {
      const OcSpecField *f = &spec->kind->fields[i];
      g_autofree char *text = NULL;

      /* The values start with their OcDataOptions, so the data fields' offsets are @data's. */
      if (f->offset >= sizeof (OcDataOptions))
        continue;
      text = oc_spec_value_text (f, data, ",");
      if (!set_form_text (spec, f, text, error))
        return FALSE;
    }
  return TRUE;
}

OcSpec *
oc_spec_new_from_base (const char *kind, const OcSpec *base, GError **error)
{
  g_autoptr (OcSpec) spec = NULL;

  g_return_val_if_fail (kind != NULL && base != NULL, NULL);

  spec = oc_spec_new_unfinished (kind, error);
  if (spec == NULL)
    return NULL;
  for (guint i = 0; i < spec->kind->n_fields; i++)
    {
      const OcSpecField *f = &spec->kind->fields[i];
      int j = oc_spec_kind_field_index (base->kind, f->section, f->name);

      if (j < 0)
        continue;
      /* Kinds share fields through the same table rows (OC_SPEC_DATA_FIELDS, …). */
      g_return_val_if_fail (base->kind->fields[j].type == f->type, NULL);
      copy_value (spec, f, base->values, &base->kind->fields[j]);
      spec->given[i] = base->given[j];
    }
  if (!oc_spec_finish (spec, FALSE, error))
    return NULL;
  return g_steal_pointer (&spec);
}

const OcSpecField *
oc_spec_error_field (const OcSpec *spec, const GError *error, const char **detail)
{
  g_return_val_if_fail (spec != NULL && error != NULL, NULL);

  if (detail != NULL)
    *detail = error->message;
  if (!g_error_matches (error, OC_ERROR, OC_ERROR_SPEC))
    return NULL;
  for (guint i = 0; i < spec->kind->n_fields; i++)
    {
      const OcSpecField *f = &spec->kind->fields[i];
      g_autofree char *label = oc_spec_field_label (f, FALSE);
      gsize len = strlen (label);

      if (strncmp (error->message, label, len) == 0 && error->message[len] == ':')
        {
          if (detail != NULL)
            *detail = error->message + len + 1 + (error->message[len + 1] == ' ');
          return f;
        }
    }
  return NULL;
}
