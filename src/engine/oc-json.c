/* oc-json.c — JSON text from json-glib trees, with numbers every parser accepts, and the nesting
 * check that guards the parser.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include "occam/oc-error.h"
#include "occam/oc-json.h"
#include "occam/oc-spec.h"
#include "oc-config.h"
#include <glib/gi18n-lib.h>

gboolean
oc_json_load_bounded (JsonParser *parser, const char *text, gssize length, GError **error)
{
  g_return_val_if_fail (JSON_IS_PARSER (parser) && text != NULL, FALSE);

  if (oc_json_nesting (text, length, OC_JSON_MAX_DEPTH) > OC_JSON_MAX_DEPTH)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                   _("JSON nested more than %d levels deep"), OC_JSON_MAX_DEPTH);
      return FALSE;
    }
  return json_parser_load_from_data (parser, text, length, error);
}

guint
oc_json_nesting (const char *text, gssize length, guint limit)
{
  const char *end;
  gboolean in_string = FALSE;
  guint depth = 0, deepest = 0;

  g_return_val_if_fail (text != NULL || length == 0, 0);
  g_return_val_if_fail (limit < G_MAXUINT, 0);

  end = text + (length < 0 ? strlen (text) : (gsize) length);
  for (const char *p = text; p < end; p++)
    {
      if (in_string)
        {
          if (*p == '\\' && p + 1 < end)
            p++;
          else if (*p == '"')
            in_string = FALSE;
          continue;
        }
      switch (*p)
        {
        case '"':
          in_string = TRUE;
          break;
        case '[':
        case '{':
          if (++depth > limit)
            return limit + 1;
          deepest = MAX (deepest, depth);
          break;
        case ']':
        case '}':
          /* Unbalanced closing brackets are the parser's to report. */
          if (depth > 0)
            depth--;
          break;
        default:
          break;
        }
    }
  return deepest;
}

static void
append_string (GString *out, const char *s)
{
  g_string_append_c (out, '"');
  for (const char *p = s; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c == '"' || c == '\\')
        g_string_append_printf (out, "\\%c", c);
      else if (c == '\n')
        g_string_append (out, "\\n");
      else if (c < 0x20)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_c (out, (char) c);
    }
  g_string_append_c (out, '"');
}

static void
newline (GString *out, gboolean pretty, guint depth)
{
  if (!pretty)
    return;
  g_string_append_c (out, '\n');
  for (guint i = 0; i < depth; i++)
    g_string_append (out, "  ");
}

static void
append_node (GString *out, JsonNode *node, gboolean pretty, guint depth)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_NULL:
      g_string_append (out, "null");
      return;
    case JSON_NODE_OBJECT:
      {
        JsonObject *obj = json_node_get_object (node);
        g_autoptr (GList) members = json_object_get_members (obj);

        g_string_append_c (out, '{');
        for (GList *l = members; l != NULL; l = l->next)
          {
            newline (out, pretty, depth + 1);
            append_string (out, l->data);
            g_string_append (out, pretty ? ": " : ":");
            append_node (out, json_object_get_member (obj, l->data), pretty, depth + 1);
            if (l->next != NULL)
              g_string_append_c (out, ',');
          }
        if (members != NULL)
          newline (out, pretty, depth);
        g_string_append_c (out, '}');
        return;
      }
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);

        g_string_append_c (out, '[');
        for (guint i = 0; i < n; i++)
          {
            newline (out, pretty, depth + 1);
            append_node (out, json_array_get_element (array, i), pretty, depth + 1);
            if (i + 1 < n)
              g_string_append_c (out, ',');
          }
        if (n > 0)
          newline (out, pretty, depth);
        g_string_append_c (out, ']');
        return;
      }
    case JSON_NODE_VALUE:
      break;
    }
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_BOOLEAN:
      g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
      break;
    case G_TYPE_INT64:
      g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
      break;
    case G_TYPE_DOUBLE:
      oc_spec_append_double (out, json_node_get_double (node));
      break;
    case G_TYPE_STRING:
      append_string (out, json_node_get_string (node));
      break;
    default:
      g_string_append (out, "null");
      break;
    }
}

char *
oc_json_to_string (JsonNode *node, gboolean pretty)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (node != NULL, NULL);
  append_node (out, node, pretty, 0);
  if (pretty)
    g_string_append_c (out, '\n');
  return g_string_free (out, FALSE);
}

void
oc_json_add_double (JsonBuilder *b, const char *name, double v)
{
  json_builder_set_member_name (b, name);
  /* JSON has no NaN: missing values are null. */
  if (isfinite (v))
    json_builder_add_double_value (b, v);
  else
    json_builder_add_null_value (b);
}

void
oc_json_add_eval (JsonBuilder *b, const OcEvalPoint *p)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "iteration");
  json_builder_add_int_value (b, (gint64) p->iteration);
  oc_json_add_double (b, "epoch", p->epoch);
  oc_json_add_double (b, "train_loss", p->train_loss);
  oc_json_add_double (b, "train_error", p->train_error);
  oc_json_add_double (b, "val_loss", p->val_loss);
  oc_json_add_double (b, "val_error", p->val_error);
  oc_json_add_double (b, "test_loss", p->test_loss);
  oc_json_add_double (b, "test_error", p->test_error);
  oc_json_add_double (b, "seconds", p->seconds);
  json_builder_end_object (b);
}
