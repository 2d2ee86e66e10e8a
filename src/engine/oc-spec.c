/* oc-spec.c — the generic spec machinery: kinds, JSON parsing, validation, canonical form, hash.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything here is driven by a kind's field table (oc-spec-private.h); the kinds themselves
 * live in oc-spec-<kind>.c and only provide the table, defaults, cross-field rules and a
 * description.
 */
#include <locale.h>
#include <errno.h>
#include <math.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "occam/oc-error.h"
#include "occam/oc-input.h"
#include "occam/oc-json.h"
#include "oc-spec-private.h"
#include "oc-config.h"
#include <glib/gi18n-lib.h>
#include <inttypes.h>

/* How deep a spec nests: the spec object, a section object, an array such as model.hidden. */
#define OC_SPEC_DEPTH 3

static const OcSpecKindInfo *const kinds[] = {
  &oc_spec_kind_train, &oc_spec_kind_sweep, &oc_spec_kind_rff, &oc_spec_kind_prune,
  &oc_spec_kind_linear, &oc_spec_kind_landscape, &oc_spec_kind_instability, &oc_spec_kind_grok,
};
static const char *const kind_names[] = { "train", "sweep", "rff", "prune", "linear", "landscape",
                                          "instability", "grok", NULL };

G_STATIC_ASSERT (G_N_ELEMENTS (kinds) + 1 == G_N_ELEMENTS (kind_names));
/* Choice fields store C enums through an int. */
G_STATIC_ASSERT (sizeof (OcActivation) == sizeof (int));
G_STATIC_ASSERT (sizeof (OcOptimKind) == sizeof (int));

const char *const *
oc_spec_kinds (void)
{
  return kind_names;
}

static const OcSpecKindInfo *
find_kind (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (kinds[i]->name, name) == 0)
      return kinds[i];
  return NULL;
}

const OcSpecField *
oc_spec_kind_fields (const char *kind, guint *n_fields)
{
  const OcSpecKindInfo *k = find_kind (kind);

  if (n_fields != NULL)
    *n_fields = k != NULL ? k->n_fields : 0;
  return k != NULL ? k->fields : NULL;
}

int
oc_spec_kind_field_index (const OcSpecKindInfo *kind, const char *section, const char *name)
{
  for (guint i = 0; i < kind->n_fields; i++)
    if (strcmp (kind->fields[i].section, section) == 0 && strcmp (kind->fields[i].name, name) == 0)
      return (int) i;
  return -1;
}

int
oc_spec_field_index (const OcSpec *spec, const char *section, const char *name)
{
  return oc_spec_kind_field_index (spec->kind, section, name);
}

const OcSpecField *
oc_spec_find_field (const char *kind, const char *section, const char *name)
{
  const OcSpecKindInfo *k;
  int i;

  g_return_val_if_fail (kind != NULL && section != NULL && name != NULL, NULL);

  k = find_kind (kind);
  i = k != NULL ? oc_spec_kind_field_index (k, section, name) : -1;
  return i >= 0 ? &k->fields[i] : NULL;
}

char *
oc_spec_field_label (const OcSpecField *f, gboolean for_cli)
{
  if (for_cli && f->flag != NULL)
    return g_strdup_printf ("--%s", f->flag);
  return g_strdup_printf ("$.%s.%s", f->section, f->name);
}

gboolean
oc_spec_field_error (GError **error, const OcSpecField *field, gboolean for_cli,
                     const char *format, ...)
{
  g_autofree char *label = oc_spec_field_label (field, for_cli);
  g_autofree char *msg = NULL;
  va_list args;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, OC_ERROR, OC_ERROR_SPEC, _("%s: %s"), label, msg);
  return FALSE;
}

static gboolean spec_error (GError **error, const char *format, ...) G_GNUC_PRINTF (2, 3);

static gboolean
spec_error (GError **error, const char *format, ...)
{
  g_autofree char *msg = NULL;
  va_list args;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, OC_ERROR, OC_ERROR_SPEC, msg);
  return FALSE;
}

/* Lifetime ------------------------------------------------------------------------------------ */

/* After init() or a memcpy, string and width fields still point at someone else's memory. */
static void
own_pointers (OcSpec *spec)
{
  for (guint i = 0; i < spec->kind->n_fields; i++)
    {
      const OcSpecField *f = &spec->kind->fields[i];

      if (f->type == OC_SPEC_STRING)
        OC_SPEC_VALUE (spec, char *, f) = g_strdup (OC_SPEC_VALUE (spec, const char *, f));
      else if (f->type == OC_SPEC_WIDTHS)
        {
          guint n = *(guint *) G_STRUCT_MEMBER_P (spec->values, f->count_offset);
          const guint *w = OC_SPEC_VALUE (spec, const guint *, f);

          OC_SPEC_VALUE (spec, guint *, f) = n > 0 ? g_memdup2 (w, n * sizeof (guint)) : NULL;
        }
    }
}

static OcSpec *
spec_alloc (const OcSpecKindInfo *kind)
{
  OcSpec *spec = g_new0 (OcSpec, 1);

  spec->kind = kind;
  spec->values = g_malloc0 (kind->values_size);
  spec->given = g_new0 (gboolean, kind->n_fields);
  return spec;
}

/* A spec of @kind with the kind's defaults, before its dependent defaults are filled in. */
OcSpec *
oc_spec_new_unfinished (const char *kind, GError **error)
{
  const OcSpecKindInfo *k = find_kind (kind);
  OcSpec *spec;

  if (k == NULL)
    {
      g_autofree char *known = g_strjoinv (", ", (char **) kind_names);

      spec_error (error, _("$.kind: unknown kind \"%s\"; known kinds: %s"), kind, known);
      return NULL;
    }
  spec = spec_alloc (k);
  k->init (spec->values);
  own_pointers (spec);
  return spec;
}

OcSpec *
oc_spec_new (const char *kind, GError **error)
{
  g_autoptr (OcSpec) spec = NULL;

  g_return_val_if_fail (kind != NULL, NULL);

  spec = oc_spec_new_unfinished (kind, error);
  if (spec == NULL || !oc_spec_finish (spec, FALSE, error))
    return NULL;
  return g_steal_pointer (&spec);
}

OcSpec *
oc_spec_dup (const OcSpec *spec)
{
  OcSpec *copy;

  g_return_val_if_fail (spec != NULL, NULL);

  copy = spec_alloc (spec->kind);
  memcpy (copy->values, spec->values, spec->kind->values_size);
  memcpy (copy->given, spec->given, spec->kind->n_fields * sizeof (gboolean));
  own_pointers (copy);
  return copy;
}

void
oc_spec_free (OcSpec *spec)
{
  if (spec == NULL)
    return;
  for (guint i = 0; i < spec->kind->n_fields; i++)
    {
      const OcSpecField *f = &spec->kind->fields[i];

      if (f->type == OC_SPEC_STRING || f->type == OC_SPEC_WIDTHS)
        g_free (OC_SPEC_VALUE (spec, gpointer, f));
    }
  g_free (spec->values);
  g_free (spec->given);
  g_free (spec);
}

const char *
oc_spec_get_kind (const OcSpec *spec)
{
  g_return_val_if_fail (spec != NULL, NULL);
  return spec->kind->name;
}

gconstpointer
oc_spec_get_values (const OcSpec *spec)
{
  g_return_val_if_fail (spec != NULL, NULL);
  return spec->values;
}

const OcDataOptions *
oc_spec_get_data_options (const OcSpec *spec)
{
  g_return_val_if_fail (spec != NULL, NULL);
  /* Both OcTrainSpec and data-only kinds start with their OcDataOptions. */
  return spec->kind->has_train || spec->kind->has_data ? (const OcDataOptions *) spec->values
                                                        : NULL;
}

const OcTrainConfig *
oc_spec_get_train_config (const OcSpec *spec)
{
  g_return_val_if_fail (spec != NULL, NULL);
  return spec->kind->has_train ? &((const OcTrainSpec *) spec->values)->train : NULL;
}

void
oc_spec_set_threads (OcSpec *spec, guint threads)
{
  int i;

  g_return_if_fail (spec != NULL);
  /* Every kind that computes with BLAS has run.threads (OC_SPEC_THREADS_FIELD). */
  i = oc_spec_kind_field_index (spec->kind, "run", "threads");
  g_return_if_fail (i >= 0);
  OC_SPEC_VALUE (spec, guint, &spec->kind->fields[i]) = threads;
}

char *
oc_spec_describe (const OcSpec *spec)
{
  locale_t c_numeric, previous;
  char *text;

  g_return_val_if_fail (spec != NULL, NULL);
  /* The description is stored with the experiment and read back by runs list: its numbers are
   * written with a decimal point whatever the window's locale (LC_NUMERIC of a French desktop
   * would write "0,1", and a store would hold both). uselocale is per thread, so a worker
   * describing a spec does not change the main thread's numbers. */
  c_numeric = newlocale (LC_NUMERIC_MASK, "C", (locale_t) 0);
  if (c_numeric == (locale_t) 0)
    return spec->kind->describe (spec);
  previous = uselocale (c_numeric);
  text = spec->kind->describe (spec);
  uselocale (previous);
  freelocale (c_numeric);
  return text;
}

gboolean
oc_spec_finish (OcSpec *spec, gboolean for_cli, GError **error)
{
  g_return_val_if_fail (spec != NULL, FALSE);
  return spec->kind->finish (spec, for_cli, error);
}

/* Values and ranges ---------------------------------------------------------------------------- */

void
oc_spec_append_double (GString *out, double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    {
      g_string_append (out, "null");
      return;
    }
  if (value == 0)
    {
      /* -0 and 0 are the same setting. */
      g_string_append_c (out, '0');
      return;
    }
  /* The shortest %g that reads back to the same double; at most 17 digits are ever needed. */
  for (int precision = 1; precision <= 17; precision++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", precision);
      g_ascii_formatd (buf, sizeof buf, format, value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }
  g_string_append (out, buf);
}

char *
oc_spec_format_double (double v)
{
  GString *s = g_string_new (NULL);

  oc_spec_append_double (s, v);
  return g_string_free (s, FALSE);
}

/* "between 1 and 65536", "in [0, 1)", "> 0", "≥ 0"; NULL when there is no range. */
static char *
range_text (const OcSpecField *f)
{
  gboolean is_int = f->type != OC_SPEC_DOUBLE;
  /* Integer limits near 2^63 only say "fits in a JSON integer"; not worth printing. */
  gboolean lo = isfinite (f->min), hi = isfinite (f->max) && !(is_int && f->max > 1e18);
  gboolean lo_open = (f->flags & OC_SPEC_FIELD_MIN_OPEN) != 0;
  gboolean hi_open = (f->flags & OC_SPEC_FIELD_MAX_OPEN) != 0;
  /* %g for people: the canonical shortest form would write 100 as "1e+02". */
  g_autofree char *a = g_strdup_printf (is_int ? "%.0f" : "%g", f->min);
  g_autofree char *b = g_strdup_printf (is_int ? "%.0f" : "%g", f->max);

  if (lo && hi && is_int && (f->flags & OC_SPEC_FIELD_FULL))
    return g_strdup_printf ("between %s and %s, or \"full\"", a, b);
  if (lo && hi && is_int)
    return g_strdup_printf ("between %s and %s", a, b);
  if (lo && hi)
    return g_strdup_printf ("in %c%s, %s%c", lo_open ? '(' : '[', a, b, hi_open ? ')' : ']');
  if (lo)
    return g_strdup_printf ("%s %s", lo_open ? ">" : "≥", a);
  if (hi)
    return g_strdup_printf ("%s %s", hi_open ? "<" : "≤", b);
  return NULL;
}

static gboolean
in_range (const OcSpecField *f, double v)
{
  if (f->flags & OC_SPEC_FIELD_MIN_OPEN ? !(v > f->min) : !(v >= f->min))
    return FALSE;
  if (f->flags & OC_SPEC_FIELD_MAX_OPEN ? !(v < f->max) : !(v <= f->max))
    return FALSE;
  return TRUE;
}

static gboolean
check_range (const OcSpecField *f, double v, const char *got, gboolean for_cli, GError **error)
{
  g_autofree char *range = NULL;

  if (in_range (f, v))
    return TRUE;
  range = range_text (f);
  return oc_spec_field_error (error, f, for_cli, _("must be %s, got %s"), range, got);
}

static gboolean
set_integer (OcSpec *spec, const OcSpecField *f, gint64 v, gboolean for_cli, GError **error)
{
  g_autofree char *got = g_strdup_printf ("%" G_GINT64_FORMAT, v);

  if (v < 0 && f->type != OC_SPEC_INT64)
    {
      g_autofree char *range = range_text (f);

      return oc_spec_field_error (error, f, for_cli, _("must be %s, got %s"), range, got);
    }
  if (!check_range (f, (double) v, got, for_cli, error))
    return FALSE;
  switch (f->type)
    {
    case OC_SPEC_UINT:
      OC_SPEC_VALUE (spec, guint, f) = (guint) v;
      break;
    case OC_SPEC_UINT64:
      OC_SPEC_VALUE (spec, guint64, f) = (guint64) v;
      break;
    case OC_SPEC_INT64:
      OC_SPEC_VALUE (spec, gint64, f) = v;
      break;
    case OC_SPEC_DOUBLE:
      OC_SPEC_VALUE (spec, double, f) = (double) v;
      break;
    default:
      g_assert_not_reached ();
    }
  return TRUE;
}

/* Integers beyond this are not all exact in a double. */
#define EXACT_INTEGER_DOUBLE 9007199254740992.0

/* An integer field given a number written another way: "1e3" or 1000.0 (taken, as 1000), "1e30" or
 * a JSON literal too long for 64 bits (refused with the number as given, @text when it came as
 * text), 2.5 (refused). */
static gboolean
set_integer_from_double (OcSpec *spec, const OcSpecField *f, double v, const char *text,
                         gboolean for_cli, GError **error)
{
  g_autofree char *got = text != NULL ? g_strdup (text) : oc_spec_format_double (v);
  g_autofree char *range = NULL;

  if (isnan (v) || (isfinite (v) && v != floor (v)))
    {
      const char *full = f->flags & OC_SPEC_FIELD_FULL ? " or \"full\"" : "";

      if (text != NULL)
        return oc_spec_field_error (error, f, for_cli, _("\"%s\" is not a whole number%s"), got,
                                    full);
      return oc_spec_field_error (error, f, for_cli, _("expected an integer%s, got %s"), full, got);
    }
  if ((v < 0 && f->type != OC_SPEC_INT64) || !in_range (f, v))
    {
      /* range_text() leaves out maxima near 2^63; a value beyond one must see it. */
      if (v > f->max && f->max > 1e18)
        return oc_spec_field_error (error, f, for_cli, _("must be at most %" PRId64
                                    ", got %s"), G_MAXINT64, got);
      range = range_text (f);
      return oc_spec_field_error (error, f, for_cli, _("must be %s, got %s"), range, got);
    }
  if (fabs (v) > EXACT_INTEGER_DOUBLE)
    return oc_spec_field_error (error, f, for_cli, _("write integers above 2^53 in digits, got %s"),
                                got);
  return set_integer (spec, f, (gint64) v, for_cli, error);
}

/* Whether @text reads as a decimal number ("1e30", "-2.5"), not "inf", "nan" or hexadecimal, all
 * of which g_ascii_strtod also takes. */
static gboolean
is_decimal_text (const char *text)
{
  gboolean digit = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      digit = TRUE;
    else if (strchr ("+-.eE", *p) == NULL)
      return FALSE;
  return digit;
}

static gboolean
set_double (OcSpec *spec, const OcSpecField *f, double v, gboolean for_cli, GError **error)
{
  g_autofree char *got = oc_spec_format_double (v);

  if (!isfinite (v))
    return oc_spec_field_error (error, f, for_cli, _("must be a finite number, got %g"), v);
  if (!check_range (f, v, got, for_cli, error))
    return FALSE;
  OC_SPEC_VALUE (spec, double, f) = v;
  return TRUE;
}

static gboolean
set_choice (OcSpec *spec, const OcSpecField *f, const char *s, gboolean for_cli, GError **error)
{
  g_autofree char *known = NULL;

  for (guint i = 0; f->choices[i] != NULL; i++)
    if (strcmp (f->choices[i], s) == 0)
      {
        OC_SPEC_VALUE (spec, int, f) = (int) i;
        return TRUE;
      }
  for (guint i = 0; f->aliases != NULL && f->aliases[i] != NULL; i += 2)
    if (strcmp (f->aliases[i], s) == 0)
      return set_choice (spec, f, f->aliases[i + 1], for_cli, error);
  known = g_strjoinv (", ", (char **) f->choices);
  return oc_spec_field_error (error, f, for_cli, _("\"%s\" is not one of %s"), s, known);
}

static gboolean
set_string (OcSpec *spec, const OcSpecField *f, const char *s, const char *base_dir,
            gboolean for_cli, GError **error)
{
  char **slot = &OC_SPEC_VALUE (spec, char *, f);

  if (s != NULL && !g_utf8_validate (s, -1, NULL))
    return oc_spec_field_error (error, f, for_cli, _("is not valid UTF-8; rename the file or folder"));
  if (s != NULL && *s == '\0')
    return oc_spec_field_error (error, f, for_cli, _("must not be empty"));
  g_free (*slot);
  /* Paths are stored absolute so that the same file gives the same ID from any folder. */
  if (s != NULL && (f->flags & OC_SPEC_FIELD_PATH))
    *slot = g_canonicalize_filename (s, base_dir);
  else
    *slot = g_strdup (s);
  return TRUE;
}

static gboolean
set_widths (OcSpec *spec, const OcSpecField *f, GArray *widths, gboolean for_cli, GError **error)
{
  guint *count = (guint *) G_STRUCT_MEMBER_P (spec->values, f->count_offset);
  guint **slot = &OC_SPEC_VALUE (spec, guint *, f);

  for (guint i = 0; i < widths->len; i++)
    {
      guint w = g_array_index (widths, guint, i);

      if (!in_range (f, w))
        {
          g_autofree char *range = range_text (f);

          return oc_spec_field_error (error, f, for_cli, _("width %u is not %s"), w, range);
        }
    }
  g_free (*slot);
  *count = widths->len;
  *slot = widths->len > 0 ? g_memdup2 (widths->data, widths->len * sizeof (guint)) : NULL;
  return TRUE;
}

/* From text: the command line and forms ------------------------------------------------------- */

/* Reads @text as the command line writes a value ("1e-3", "300,100", "relu") and stores it as
 * given; errors name "--flag" when @for_cli and the JSON path otherwise. */
gboolean
oc_spec_set_text (OcSpec *spec, const OcSpecField *f, const char *text, gboolean for_cli,
                  GError **error)
{
  switch (f->type)
    {
    case OC_SPEC_STRING:
      if (!set_string (spec, f, text, NULL, for_cli, error))
        return FALSE;
      break;
    case OC_SPEC_CHOICE:
      if (!set_choice (spec, f, text, for_cli, error))
        return FALSE;
      break;
    case OC_SPEC_UINT:
    case OC_SPEC_UINT64:
    case OC_SPEC_INT64:
      {
        gint64 v;

        if ((f->flags & OC_SPEC_FIELD_FULL) && strcmp (text, "full") == 0)
          {
            OC_SPEC_VALUE (spec, guint, f) = 0;
            break;
          }
        if (!g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, &v, NULL))
          {
            char *end = NULL;
            double d;

            /* "1e3", "1e30", digits beyond 64 bits: a number, said back as written. */
            errno = 0;
            d = is_decimal_text (text) ? g_ascii_strtod (text, &end) : 0;
            if (end == NULL || end == text || *end != '\0' || (errno == ERANGE && fabs (d) < 1))
              return oc_spec_field_error (error, f, for_cli, _("\"%s\" is not a whole number%s"),
                                          text, f->flags & OC_SPEC_FIELD_FULL ? " or \"full\"" : "");
            if (!set_integer_from_double (spec, f, d, text, for_cli, error))
              return FALSE;
            break;
          }
        if (!set_integer (spec, f, v, for_cli, error))
          return FALSE;
        break;
      }
    case OC_SPEC_DOUBLE:
      {
        char *end = NULL;
        double v;

        errno = 0;
        v = g_ascii_strtod (text, &end);
        if (end == text || *end != '\0' || errno == ERANGE)
          return oc_spec_field_error (error, f, for_cli, _("\"%s\" is not a number"), text);
        if (!set_double (spec, f, v, for_cli, error))
          return FALSE;
        break;
      }
    case OC_SPEC_BOOL:
      if (g_ascii_strcasecmp (text, "true") == 0 || strcmp (text, "1") == 0)
        OC_SPEC_VALUE (spec, gboolean, f) = TRUE;
      else if (g_ascii_strcasecmp (text, "false") == 0 || strcmp (text, "0") == 0)
        OC_SPEC_VALUE (spec, gboolean, f) = FALSE;
      else
        return oc_spec_field_error (error, f, for_cli, _("\"%s\" is not true or false"), text);
      break;
    case OC_SPEC_WIDTHS:
      {
        g_autoptr (GArray) widths = g_array_new (FALSE, FALSE, sizeof (guint));
        g_auto (GStrv) parts = NULL;

        if (*text != '\0' && strcmp (text, "none") != 0)
          {
            parts = g_strsplit (text, ",", -1);
            for (guint i = 0; parts[i] != NULL; i++)
              {
                guint64 w;
                guint width;

                g_strstrip (parts[i]);
                if (!g_ascii_string_to_unsigned (parts[i], 10, (guint64) f->min,
                                                 (guint64) f->max, &w, NULL))
                  {
                    g_autofree char *example = for_cli ? g_strdup_printf ("--%s 300,100", f->flag)
                                                       : g_strdup ("300,100");

                    return oc_spec_field_error (error, f, for_cli, _("\"%s\" is not a width "
                                                "between %.0f and %.0f (expected e.g. %s)"),
                                                parts[i], f->min, f->max, example);
                  }
                width = (guint) w;
                g_array_append_val (widths, width);
              }
          }
        if (!set_widths (spec, f, widths, for_cli, error))
          return FALSE;
        break;
      }
    default:
      g_assert_not_reached ();
    }
  spec->given[f - spec->kind->fields] = TRUE;
  return TRUE;
}

gboolean
oc_spec_set_from_string (OcSpec *spec, const OcSpecField *f, const char *text, GError **error)
{
  int index;

  g_return_val_if_fail (spec != NULL && f != NULL && text != NULL, FALSE);
  index = (int) (f - spec->kind->fields);
  g_return_val_if_fail (index >= 0 && (guint) index < spec->kind->n_fields, FALSE);

  return oc_spec_set_text (spec, f, text, TRUE, error);
}

/* Stores null in a nullable field: NULL for a string, −1 for an integer. */
void
oc_spec_set_null (OcSpec *spec, const OcSpecField *f)
{
  if (f->type == OC_SPEC_STRING)
    g_clear_pointer (&OC_SPEC_VALUE (spec, char *, f), g_free);
  else if (f->type == OC_SPEC_INT64)
    OC_SPEC_VALUE (spec, gint64, f) = -1;
  else
    g_assert_not_reached ();
}

/* From JSON ------------------------------------------------------------------------------------ */

/* How a value looks in a message: numbers and short strings as themselves, containers by kind. */
static char *
describe_node (JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_NULL:
      return g_strdup ("null");
    case JSON_NODE_ARRAY:
      return g_strdup ("an array");
    case JSON_NODE_OBJECT:
      return g_strdup ("an object");
    case JSON_NODE_VALUE:
      break;
    }
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_BOOLEAN:
      return g_strdup (json_node_get_boolean (node) ? "true" : "false");
    case G_TYPE_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    case G_TYPE_DOUBLE:
      return oc_spec_format_double (json_node_get_double (node));
    case G_TYPE_STRING:
      {
        const char *s = json_node_get_string (node);

        if (g_utf8_strlen (s, -1) > 40)
          {
            g_autofree char *head = g_utf8_substring (s, 0, 37);

            return g_strdup_printf ("the string \"%s…\"", head);
          }
        return g_strdup_printf ("the string \"%s\"", s);
      }
    default:
      return g_strdup ("a value");
    }
}

static gboolean
is_value_of (JsonNode *node, GType type)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

static gboolean
wrong_type (const OcSpecField *f, JsonNode *node, const char *expected, GError **error)
{
  g_autofree char *got = describe_node (node);

  return oc_spec_field_error (error, f, FALSE, _("expected %s, got %s"), expected, got);
}

static gboolean
set_from_node (OcSpec *spec, const OcSpecField *f, JsonNode *node, const char *base_dir,
               GError **error)
{
  if (JSON_NODE_HOLDS_NULL (node) && (f->flags & OC_SPEC_FIELD_NULLABLE))
    {
      oc_spec_set_null (spec, f);
      return TRUE;
    }

  switch (f->type)
    {
    case OC_SPEC_STRING:
      if (!is_value_of (node, G_TYPE_STRING))
        return wrong_type (f, node, f->flags & OC_SPEC_FIELD_NULLABLE ? "a string or null"
                                                                     : "a string", error);
      return set_string (spec, f, json_node_get_string (node), base_dir, FALSE, error);
    case OC_SPEC_CHOICE:
      if (!is_value_of (node, G_TYPE_STRING))
        {
          g_autofree char *known = g_strjoinv (", ", (char **) f->choices);
          g_autofree char *expected = g_strdup_printf ("one of the strings %s", known);

          return wrong_type (f, node, expected, error);
        }
      return set_choice (spec, f, json_node_get_string (node), FALSE, error);
    case OC_SPEC_UINT:
    case OC_SPEC_UINT64:
    case OC_SPEC_INT64:
      if ((f->flags & OC_SPEC_FIELD_FULL) && is_value_of (node, G_TYPE_STRING)
          && strcmp (json_node_get_string (node), "full") == 0)
        {
          OC_SPEC_VALUE (spec, guint, f) = 0;
          return TRUE;
        }
      if (is_value_of (node, G_TYPE_DOUBLE))
        return set_integer_from_double (spec, f, json_node_get_double (node), NULL, FALSE, error);
      if ((f->flags & OC_SPEC_FIELD_FULL) && !is_value_of (node, G_TYPE_INT64))
        return wrong_type (f, node, "an integer or \"full\"", error);
      if (!is_value_of (node, G_TYPE_INT64))
        return wrong_type (f, node, f->flags & OC_SPEC_FIELD_NULLABLE ? "an integer or null"
                                                                     : "an integer", error);
      return set_integer (spec, f, json_node_get_int (node), FALSE, error);
    case OC_SPEC_DOUBLE:
      if (is_value_of (node, G_TYPE_INT64))
        return set_double (spec, f, (double) json_node_get_int (node), FALSE, error);
      if (!is_value_of (node, G_TYPE_DOUBLE))
        return wrong_type (f, node, "a number", error);
      return set_double (spec, f, json_node_get_double (node), FALSE, error);
    case OC_SPEC_BOOL:
      if (!is_value_of (node, G_TYPE_BOOLEAN))
        return wrong_type (f, node, "true or false", error);
      OC_SPEC_VALUE (spec, gboolean, f) = json_node_get_boolean (node);
      return TRUE;
    case OC_SPEC_WIDTHS:
      {
        g_autoptr (GArray) widths = g_array_new (FALSE, FALSE, sizeof (guint));
        JsonArray *array;

        if (!JSON_NODE_HOLDS_ARRAY (node))
          return wrong_type (f, node, "an array of integers such as [300, 100]", error);
        array = json_node_get_array (node);
        for (guint i = 0; i < json_array_get_length (array); i++)
          {
            JsonNode *el = json_array_get_element (array, i);
            gint64 v;
            guint w;

            /* 1e3 is the width 1000; 1e30 (or a literal beyond 64 bits) is said back. */
            if (is_value_of (el, G_TYPE_DOUBLE)
                && json_node_get_double (el) == floor (json_node_get_double (el)))
              {
                g_autofree char *got = describe_node (el);
                double d = json_node_get_double (el);

                if (!in_range (f, d))
                  return spec_error (error, _("$.%s.%s[%u]: must be between %.0f and %.0f, got %s"),
                                     f->section, f->name, i, f->min, f->max, got);
                w = (guint) d;
                g_array_append_val (widths, w);
                continue;
              }
            if (!is_value_of (el, G_TYPE_INT64))
              {
                g_autofree char *got = describe_node (el);

                return spec_error (error, _("$.%s.%s[%u]: expected an integer, got %s"), f->section,
                                   f->name, i, got);
              }
            v = json_node_get_int (el);
            if (!in_range (f, (double) v))
              return spec_error (error, _("$.%s.%s[%u]: must be between %.0f and %.0f, got %"
                                          PRId64), f->section, f->name, i, f->min, f->max, v);
            w = (guint) v;
            g_array_append_val (widths, w);
          }
        return set_widths (spec, f, widths, FALSE, error);
      }
    default:
      g_assert_not_reached ();
    }
}

/* The sections of a kind, in canonical order. */
static GPtrArray *
kind_sections (const OcSpecKindInfo *kind)
{
  GPtrArray *sections = g_ptr_array_new ();

  for (guint i = 0; i < kind->n_fields; i++)
    if (!g_ptr_array_find_with_equal_func (sections, kind->fields[i].section, g_str_equal, NULL))
      g_ptr_array_add (sections, (gpointer) kind->fields[i].section);
  return sections;
}

static char *
known_keys (const OcSpecKindInfo *kind, const char *section)
{
  GString *s = g_string_new (NULL);

  if (section == NULL)
    {
      g_autoptr (GPtrArray) sections = kind_sections (kind);

      g_string_append (s, "version, kind");
      for (guint i = 0; i < sections->len; i++)
        g_string_append_printf (s, ", %s", (const char *) sections->pdata[i]);
    }
  else
    for (guint i = 0; i < kind->n_fields; i++)
      if (strcmp (kind->fields[i].section, section) == 0)
        g_string_append_printf (s, "%s%s", s->len > 0 ? ", " : "", kind->fields[i].name);
  return g_string_free (s, FALSE);
}

static gboolean
read_section (OcSpec *spec, const char *section, JsonNode *node, const char *base_dir,
              GError **error)
{
  g_autoptr (GList) members = NULL;
  JsonObject *obj;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autofree char *got = describe_node (node);

      return spec_error (error, _("$.%s: expected an object, got %s"), section, got);
    }
  obj = json_node_get_object (node);
  members = json_object_get_members (obj);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *key = l->data;
      int index = oc_spec_field_index (spec, section, key);

      if (index < 0)
        {
          g_autofree char *known = known_keys (spec->kind, section);

          return spec_error (error, _("$.%s.%s: unknown key; the keys of $.%s are %s"), section, key,
                             section, known);
        }
      if (!set_from_node (spec, &spec->kind->fields[index], json_object_get_member (obj, key),
                          base_dir, error))
        return FALSE;
      spec->given[index] = TRUE;
    }
  return TRUE;
}

/* Whether the integer literal [p, p + len) fits in a gint64. */
static gboolean
literal_fits_int64 (const char *p, gsize len)
{
  char buf[24];
  gint64 v;

  if (len >= sizeof buf)
    return FALSE;
  memcpy (buf, p, len);
  buf[len] = '\0';
  return g_ascii_string_to_signed (buf, 10, G_MININT64, G_MAXINT64, &v, NULL);
}

/* json-glib reads an integer literal beyond 64 bits wrapped around (18446744073709551616 as −1),
 * so a range message would show a number nobody wrote. Such literals get a ".0" here and arrive
 * as doubles, which integer fields say back as the number given (1.8446744073709552e+19). Returns
 * NULL when no literal needs it. */
static GString *
widen_long_integers (const char *json, gsize length)
{
  GString *out = NULL;
  gsize copied = 0, i = 0;

  while (i < length)
    {
      gsize start = i, end;

      if (json[i] == '"')
        {
          for (i++; i < length && json[i] != '"'; i++)
            if (json[i] == '\\')
              i++;
          i++;
          continue;
        }
      if (json[i] != '-' && !g_ascii_isdigit (json[i]))
        {
          i++;
          continue;
        }
      if (json[i] == '-')
        i++;
      while (i < length && g_ascii_isdigit (json[i]))
        i++;
      end = i;
      while (i < length && json[i] != '\0' && (g_ascii_isdigit (json[i])
                                               || strchr (".eE+-", json[i]) != NULL))
        i++;
      /* A fraction or an exponent makes it a double already. */
      if (i > end || end == start + (json[start] == '-')
          || literal_fits_int64 (json + start, end - start))
        continue;
      if (out == NULL)
        out = g_string_sized_new (length + 8);
      g_string_append_len (out, json + copied, (gssize) (end - copied));
      g_string_append (out, ".0");
      copied = end;
    }
  if (out != NULL)
    g_string_append_len (out, json + copied, (gssize) (length - copied));
  return out;
}

OcSpec *
oc_spec_new_from_json (const char *json, gssize length, const char *base_dir, GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) local = NULL;
  g_autoptr (OcSpec) spec = NULL;
  g_autoptr (GList) members = NULL;
  g_autoptr (GPtrArray) sections = NULL;
  g_autoptr (GString) widened = NULL;
  JsonNode *root, *version, *kind;
  JsonObject *obj;

  g_return_val_if_fail (json != NULL, NULL);

  if (length < 0)
    length = (gssize) strlen (json);
  if ((gsize) length > OC_JSON_MAX_BYTES)
    {
      g_autofree char *cap = g_format_size_full (OC_JSON_MAX_BYTES, G_FORMAT_SIZE_IEC_UNITS);

      /* Readers stop one byte past the limit, so "more than" is all that is known. */
      spec_error (error, _("$: more than %s of text; a spec is a few KiB — is this the right file?"),
                  cap);
      return NULL;
    }
  /* Before the parser, which would recurse once per level and overflow the stack. */
  if (oc_json_nesting (json, length, OC_JSON_MAX_DEPTH) > OC_JSON_MAX_DEPTH)
    {
      spec_error (error, _("$: nested more than %d levels deep; a spec has at most %d"),
                  OC_JSON_MAX_DEPTH, OC_SPEC_DEPTH);
      return NULL;
    }
  widened = widen_long_integers (json, (gsize) length);
  if (widened != NULL)
    {
      json = widened->str;
      length = (gssize) widened->len;
    }
  if (!json_parser_load_from_data (parser, json, length, &local))
    {
      spec_error (error, _("$: not valid JSON: %s"), local->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_autofree char *got = root != NULL ? describe_node (root) : g_strdup ("nothing");

      spec_error (error, _("$: expected a JSON object such as {\"version\": %d, \"kind\": "
                  "\"train\"}, got %s"), OC_SPEC_VERSION, got);
      return NULL;
    }
  obj = json_node_get_object (root);

  version = json_object_get_member (obj, "version");
  if (version == NULL)
    {
      spec_error (error, _("$.version: missing; add \"version\": %d"), OC_SPEC_VERSION);
      return NULL;
    }
  if (!is_value_of (version, G_TYPE_INT64))
    {
      g_autofree char *got = describe_node (version);

      spec_error (error, _("$.version: expected an integer, got %s"), got);
      return NULL;
    }
  if (json_node_get_int (version) != OC_SPEC_VERSION)
    {
      spec_error (error, _("$.version: version %" PRId64 " is not supported; this Occam "
                  "reads version %d specs"), json_node_get_int (version), OC_SPEC_VERSION);
      return NULL;
    }

  kind = json_object_get_member (obj, "kind");
  if (kind == NULL || !is_value_of (kind, G_TYPE_STRING))
    {
      g_autofree char *known = g_strjoinv (", ", (char **) kind_names);
      g_autofree char *got = kind != NULL ? describe_node (kind) : NULL;

      if (kind == NULL)
        spec_error (error, _("$.kind: missing; add \"kind\" with one of %s"), known);
      else
        spec_error (error, _("$.kind: expected one of the strings %s, got %s"), known, got);
      return NULL;
    }
  spec = oc_spec_new (json_node_get_string (kind), error);
  if (spec == NULL)
    return NULL;

  sections = kind_sections (spec->kind);
  members = json_object_get_members (obj);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *key = l->data;

      if (strcmp (key, "version") == 0 || strcmp (key, "kind") == 0)
        continue;
      if (!g_ptr_array_find_with_equal_func (sections, key, g_str_equal, NULL))
        {
          g_autofree char *known = known_keys (spec->kind, NULL);

          spec_error (error, _("$.%s: unknown key; a %s spec has the keys %s"), key,
                      spec->kind->name, known);
          return NULL;
        }
      if (!read_section (spec, key, json_object_get_member (obj, key), base_dir, error))
        return NULL;
    }
  if (!oc_spec_finish (spec, FALSE, error))
    return NULL;
  return g_steal_pointer (&spec);
}

OcSpec *
oc_spec_new_from_file (const char *path, GError **error)
{
  g_autofree char *text = NULL, *abs = NULL, *dir = NULL;
  gsize len;
  OcSpec *spec;

  g_return_val_if_fail (path != NULL, NULL);

  /* One byte past the limit is enough to refuse a file that is too long. */
  text = oc_input_read (path, OC_JSON_MAX_BYTES + 1, &len, error);
  if (text == NULL)
    return NULL;
  abs = g_canonicalize_filename (path, NULL);
  dir = g_path_get_dirname (abs);
  spec = oc_spec_new_from_json (text, (gssize) len, dir, error);
  if (spec == NULL)
    g_prefix_error (error, _("%s: "), path);
  return spec;
}

/* Canonical form ----------------------------------------------------------------------------- */

static void
append_json_string (GString *out, const char *s)
{
  g_string_append_c (out, '"');
  for (const char *p = s; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c == '"' || c == '\\')
        g_string_append_printf (out, "\\%c", c);
      else if (c < 0x20)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_c (out, (char) c);
    }
  g_string_append_c (out, '"');
}

/* The canonical JSON of a value is its form text (oc_spec_value_text), with strings and choices quoted
 * and widths in brackets, so that what a form shows reads back to the same canonical form. */
static void
append_value (GString *out, const OcSpec *spec, const OcSpecField *f, gboolean pretty)
{
  g_autofree char *text = oc_spec_value_text (f, spec->values, pretty ? ", " : ",");

  if (oc_spec_value_is_null (f, spec->values))
    g_string_append (out, "null");
  else if (f->type == OC_SPEC_STRING || f->type == OC_SPEC_CHOICE
           || ((f->flags & OC_SPEC_FIELD_FULL) && strcmp (text, "full") == 0))
    append_json_string (out, text);
  else if (f->type == OC_SPEC_WIDTHS)
    g_string_append_printf (out, "[%s]", text);
  else
    g_string_append (out, text);
}

char *
oc_spec_format_field (const OcSpec *spec, const OcSpecField *field)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (spec != NULL && field != NULL, NULL);
  g_return_val_if_fail (field >= spec->kind->fields
                        && field < spec->kind->fields + spec->kind->n_fields, NULL);
  append_value (out, spec, field, FALSE);
  return g_string_free (out, FALSE);
}

/* Whether @f is left out of the hashed form: a how-setting, or a later field at its default. */
static gboolean
is_unhashed (const OcSpecField *f, gconstpointer values, gconstpointer defaults)
{
  g_autofree char *value = NULL, *fallback = NULL;

  if (f->flags & OC_SPEC_FIELD_NOT_HASHED)
    return TRUE;
  if (!(f->flags & OC_SPEC_FIELD_DEFAULT_NOT_HASHED))
    return FALSE;
  value = oc_spec_value_text (f, values, ",");
  fallback = oc_spec_value_text (f, defaults, ",");
  return oc_spec_value_is_null (f, values) == oc_spec_value_is_null (f, defaults)
         && strcmp (value, fallback) == 0;
}

char *
oc_spec_to_json (const OcSpec *spec, OcSpecJsonFlags flags)
{
  gboolean pretty = (flags & OC_SPEC_JSON_PRETTY) != 0;
  gboolean hashed_only = (flags & OC_SPEC_JSON_HASHED_ONLY) != 0;
  const char *nl1 = pretty ? "\n  " : "", *nl2 = pretty ? "\n    " : "";
  const char *colon = pretty ? ": " : ":";
  g_autoptr (GPtrArray) sections = NULL;
  g_autofree gpointer defaults = NULL;
  GString *out;

  g_return_val_if_fail (spec != NULL, NULL);

  /* init() points strings and widths at static data, so only the block itself is freed. */
  defaults = g_malloc0 (spec->kind->values_size);
  spec->kind->init (defaults);

  out = g_string_new ("{");
  g_string_append_printf (out, "%s\"version\"%s%d,%s\"kind\"%s", nl1, colon, OC_SPEC_VERSION, nl1,
                          colon);
  append_json_string (out, spec->kind->name);
  sections = kind_sections (spec->kind);
  for (guint s = 0; s < sections->len; s++)
    {
      const char *section = sections->pdata[s];
      gboolean first = TRUE;

      for (guint i = 0; i < spec->kind->n_fields; i++)
        {
          const OcSpecField *f = &spec->kind->fields[i];

          if (strcmp (f->section, section) != 0
              || (hashed_only && is_unhashed (f, spec->values, defaults)))
            continue;
          if (first)
            g_string_append_printf (out, ",%s\"%s\"%s{", nl1, section, colon);
          g_string_append_printf (out, "%s%s\"%s\"%s", first ? "" : ",", nl2, f->name, colon);
          append_value (out, spec, f, pretty);
          first = FALSE;
        }
      if (!first)
        g_string_append_printf (out, "%s}", nl1);
    }
  g_string_append (out, pretty ? "\n}\n" : "}");
  return g_string_free (out, FALSE);
}

char *
oc_spec_hash (const OcSpec *spec)
{
  g_autofree char *canonical = NULL;

  g_return_val_if_fail (spec != NULL, NULL);
  canonical = oc_spec_to_json (spec, OC_SPEC_JSON_HASHED_ONLY);
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, canonical, -1);
}

char *
oc_spec_id (const OcSpec *spec)
{
  g_autofree char *hash = oc_spec_hash (spec);

  return g_strndup (hash, OC_SPEC_ID_LEN);
}
