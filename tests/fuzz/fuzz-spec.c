/* fuzz-spec.c — the spec parser and validator on arbitrary JSON.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Beyond not crashing, an accepted spec must keep the promises oc-spec.h makes: finishing a
 * finished spec changes nothing, the canonical JSON reads back to the same canonical JSON and ID,
 * and every field's text form (what the window's forms show) sets the field back to the same
 * value.
 */
#include <string.h>

#include "occam/oc-error.h"
#include "occam/oc-spec.h"
#include "fuzz-common.h"

/* Relative paths in specs are resolved against this; it need not exist. */
#define BASE_DIR "/nonexistent/occam-fuzz"

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  oc_fuzz_init ();
  return 0;
}

/* Every field's text, set back on a copy, must leave the canonical form as it was. */
static void
check_field_texts (const OcSpec *spec, const char *canonical)
{
  const char *kind = oc_spec_get_kind (spec);
  const OcSpecField *fields;
  guint n_fields = 0;

  fields = oc_spec_kind_fields (kind, &n_fields);
  g_assert (fields != NULL);
  for (guint i = 0; i < n_fields; i++)
    {
      g_autoptr (OcSpec) copy = oc_spec_dup (spec);
      g_autoptr (GError) error = NULL;
      g_autofree char *text = oc_spec_get_field_text (spec, fields[i].section, fields[i].name);
      g_autofree char *json = NULL;

      if (!oc_spec_set_field (copy, fields[i].section, fields[i].name, text, &error)
          || !oc_spec_finish (copy, FALSE, &error))
        g_error ("$.%s.%s: its own text \"%s\" is refused: %s\nspec: %s", fields[i].section,
                 fields[i].name, text, error->message, canonical);
      json = oc_spec_to_json (copy, OC_SPEC_JSON_DEFAULT);
      if (strcmp (json, canonical) != 0)
        g_error ("$.%s.%s: setting its own text \"%s\" changes the spec\nbefore: %s\nafter:  %s",
                 fields[i].section, fields[i].name, text, canonical, json);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (OcSpec) spec = NULL, again = NULL;
  g_autofree char *canonical = NULL, *pretty = NULL, *hashed = NULL, *id = NULL, *hash = NULL;
  g_autofree char *describe = NULL, *refinished = NULL, *again_json = NULL, *again_id = NULL;

  spec = oc_spec_new_from_json ((const char *) data, (gssize) size, BASE_DIR, &error);
  if (spec == NULL)
    {
      g_assert (error != NULL && error->domain == OC_ERROR);
      g_assert (g_str_has_prefix (error->message, "$"));
      return 0;
    }
  g_assert_no_error (error);

  canonical = oc_spec_to_json (spec, OC_SPEC_JSON_DEFAULT);
  pretty = oc_spec_to_json (spec, OC_SPEC_JSON_PRETTY);
  hashed = oc_spec_to_json (spec, OC_SPEC_JSON_HASHED_ONLY);
  id = oc_spec_id (spec);
  hash = oc_spec_hash (spec);
  describe = oc_spec_describe (spec);
  g_assert_cmpuint (strlen (id), ==, OC_SPEC_ID_LEN);
  g_assert (g_str_has_prefix (hash, id));
  g_assert (describe != NULL && pretty != NULL && hashed != NULL);

  /* Finishing a finished spec changes nothing. */
  if (!oc_spec_finish (spec, FALSE, &error))
    g_error ("a finished spec fails to finish again: %s\nspec: %s", error->message, canonical);
  refinished = oc_spec_to_json (spec, OC_SPEC_JSON_DEFAULT);
  g_assert_cmpstr (refinished, ==, canonical);

  /* The canonical form is a spec that reads back to itself. */
  again = oc_spec_new_from_json (canonical, -1, BASE_DIR, &error);
  if (again == NULL)
    g_error ("the canonical form is refused: %s\nspec: %s", error->message, canonical);
  again_json = oc_spec_to_json (again, OC_SPEC_JSON_DEFAULT);
  again_id = oc_spec_id (again);
  g_assert_cmpstr (again_json, ==, canonical);
  g_assert_cmpstr (again_id, ==, id);

  check_field_texts (spec, canonical);
  return 0;
}
