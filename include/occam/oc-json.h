/* oc-json.h — writing JSON text from json-glib trees, and checking text before parsing it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * json-glib 1.6's generator (Debian 12) writes doubles with %.17g and appends ".0" to any number
 * without a decimal point, so 1e-8 comes out as "1e-08.0", which no JSON parser accepts. Occam
 * writes JSON through this instead: doubles in their shortest round-trip form (as in specs),
 * NaN and infinities as null, members in insertion order.
 */
#pragma once

#include <json-glib/json-glib.h>

#include "oc-train.h"

G_BEGIN_DECLS

/* json-glib's parser recurses once per level of nesting, so text such as 100000 '[' overflows
 * the stack. Occam's own JSON nests 3 levels deep (a spec) or 1 (a point key); text nested deeper
 * than this is refused before it reaches the parser. */
#define OC_JSON_MAX_DEPTH 64

/* The longest JSON text Occam reads from a user: a spec is a few KiB, so anything past this is
 * the wrong file (or /dev/zero) and is refused before it is read into memory whole. */
#define OC_JSON_MAX_BYTES ((gsize) 1 << 20)

/* The deepest nesting of arrays and objects in @text (@length bytes, or NUL-terminated when -1):
 * 0 for a scalar, 1 for [1] or {"a": 1}. Brackets inside strings do not count. The scan stops
 * as soon as the depth passes @limit, and returns @limit + 1 then. Malformed text is scanned all
 * the same (the parser says what is wrong with it). */
guint    oc_json_nesting     (const char *text, gssize length, guint limit);
/* json_parser_load_from_data() that first refuses text nested deeper than OC_JSON_MAX_DEPTH,
 * for JSON that did not come from this program's writers as they left it (a store's keys and
 * specs, which a damaged or hand-edited file can make anything). */
gboolean oc_json_load_bounded (JsonParser *parser, const char *text, gssize length,
                               GError **error);

/* The text of @node; with @pretty, two-space indentation and a final newline. Free with
 * g_free(). */
char *oc_json_to_string (JsonNode *node, gboolean pretty);

/* Adds member @name with @v, or null when @v is not finite (JSON has no NaN). */
void  oc_json_add_double (JsonBuilder *b, const char *name, double v);
/* Adds an evaluation as an object: iteration, epoch, the six metrics and seconds. */
void  oc_json_add_eval   (JsonBuilder *b, const OcEvalPoint *p);

G_END_DECLS
