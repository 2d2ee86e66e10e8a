/* oc-axis.h — sweep axes: lists of widths, sample sizes, feature counts, noise levels or seeds.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Parses an integer axis: "1,2,4,8", "log:MIN:MAX:COUNT" (COUNT values spaced evenly in log scale,
 * rounded to integers, duplicates dropped), "lin:MIN:MAX:COUNT", or a mix joined by commas
 * ("log:100:40000:20,3800,4000,4200"). The result is sorted ascending without duplicates; every
 * value is in [min_value, max_value]. Errors name the offending part and say what is expected. */
GArray *oc_axis_parse_uint (const char *text, guint64 min_value, guint64 max_value,
                            const char *what, GError **error);
/* Real-valued axis: "0,0.1,0.2" or "lin:0:0.2:5"; sorted, duplicates dropped. */
GArray *oc_axis_parse_double (const char *text, double min_value, double max_value,
                              const char *what, GError **error);
/* The canonical text of an integer axis: "1,2,4" — what specs store. */
char   *oc_axis_format_uint (const GArray *values);

G_END_DECLS
