/* oc-spec-private.h — what a spec kind provides to the generic spec machinery in oc-spec.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "occam/oc-spec.h"

G_BEGIN_DECLS

typedef struct
{
  const char        *name;          /* "train" */
  const OcSpecField *fields;        /* in canonical order; sections appear in first-use order */
  guint              n_fields;
  gsize              values_size;   /* sizeof the kind's values struct */
  gboolean           has_train;     /* the values struct starts with an OcTrainSpec */
  /* Fills @values with the defaults. Strings and arrays may point at static data; the caller
   * duplicates them afterwards. */
  void     (*init)     (gpointer values);
  /* Dependent defaults for fields not given, then the rules between fields. Errors go through
   * oc_spec_field_error(). */
  gboolean (*finish)   (OcSpec *spec, gboolean for_cli, GError **error);
  char    *(*describe) (const OcSpec *spec);
} OcSpecKindInfo;

struct _OcSpec
{
  const OcSpecKindInfo *kind;
  gpointer              values;     /* kind->values_size bytes */
  gboolean             *given;      /* [n_fields]: set explicitly (JSON key present or flag) */
};

extern const OcSpecKindInfo oc_spec_kind_train;

/* Index of the field @section.@name in @spec's table, or −1. */
int      oc_spec_field_index (const OcSpec *spec, const char *section, const char *name);
/* Sets OC_ERROR_SPEC with "--flag: MESSAGE" or "$.section.name: MESSAGE". Returns FALSE. */
gboolean oc_spec_field_error (GError **error, const OcSpecField *field, gboolean for_cli,
                              const char *format, ...) G_GNUC_PRINTF (4, 5);

#define OC_SPEC_VALUE(spec, type, field) \
  (*(type *) G_STRUCT_MEMBER_P ((spec)->values, (field)->offset))

G_END_DECLS
