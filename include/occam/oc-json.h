/* oc-json.h — writing JSON text from json-glib trees.
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

/* The text of @node; with @pretty, two-space indentation and a final newline. Free with
 * g_free(). */
char *oc_json_to_string (JsonNode *node, gboolean pretty);

/* Adds member @name with @v, or null when @v is not finite (JSON has no NaN). */
void  oc_json_add_double (JsonBuilder *b, const char *name, double v);
/* Adds an evaluation as an object: iteration, epoch, the six metrics and seconds. */
void  oc_json_add_eval   (JsonBuilder *b, const OcEvalPoint *p);

G_END_DECLS
