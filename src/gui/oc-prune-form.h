/* oc-prune-form.h — the Pruning page's settings as a `prune` spec, and back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * As on the Sweep page, nothing is validated here: the form is written over a base spec (a
 * preset, an experiment from History, or the Dataset and Train pages' settings as a `train`
 * spec) and the spec's own message ("$.prune.rewind: …") becomes the error under the row it is
 * about. No GTK here.
 */
#pragma once

#include "occam/oc-spec.h"

G_BEGIN_DECLS

typedef enum
{
  OC_PRUNE_FIELD_NONE,
  OC_PRUNE_FIELD_LEVELS,
  OC_PRUNE_FIELD_RATE,
  OC_PRUNE_FIELD_OUTPUT_RATE,
  OC_PRUNE_FIELD_REWIND,
  OC_PRUNE_FIELD_ONE_SHOT,
  OC_PRUNE_FIELD_CONTROLS,
  OC_PRUNE_FIELD_SEEDS,
  OC_PRUNE_FIELD_ITERATIONS,
  OC_PRUNE_FIELD_OTHER, /* the base itself (data, network, optimiser) */
} OcPruneField;

typedef struct
{
  guint    levels;
  double   rate, output_rate;  /* fractions of the remaining weights */
  guint    scope;              /* OcPruneScope */
  gboolean prune_output;
  char    *rewind;             /* "init", "iter:K", "none" */
  double   one_shot;           /* 0: iterative */
  char    *controls;           /* "imp,reinit,random" */
  char    *seeds;              /* "0,1"; empty: the training seed */
  guint64  iterations;         /* per level; 0 keeps the base's length */
} OcPruneForm;

void    oc_prune_form_clear         (OcPruneForm *form);
/* The values of a `prune` spec; building from the same spec gives the same experiment ID. */
void    oc_prune_form_set_from_spec (OcPruneForm *form, const OcSpec *spec);
/* The spec of @form over @base (kind train or prune). NULL with @bad_field (may be NULL) and an
 * OC_ERROR_SPEC whose message starts with the field's title. */
OcSpec *oc_prune_form_build         (const OcPruneForm *form, const OcSpec *base,
                                     OcPruneField *bad_field, GError **error);
const char *oc_prune_field_title    (OcPruneField field);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (OcPruneForm, oc_prune_form_clear)

G_END_DECLS
