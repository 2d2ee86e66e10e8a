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
  OC_PRUNE_FIELD_METHOD,
  OC_PRUNE_FIELD_DENSITIES,
  OC_PRUNE_FIELD_OTHER, /* the base itself (data, network, optimiser) */
} OcPruneField;

/* The method chooser's choices, in the order of the page's menu. IMP prunes level by level with
 * its controls; the others prune the initial network straight to each of a list of densities,
 * IMP training the dense network they are measured against. */
typedef enum
{
  OC_PRUNE_METHOD_IMP,
  OC_PRUNE_METHOD_SNIP,
  OC_PRUNE_METHOD_SYNFLOW,
  OC_PRUNE_METHOD_RANDOM,
  OC_PRUNE_METHOD_EDGE_POPUP,
  OC_PRUNE_N_METHODS,
} OcPruneMethod;

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
  guint    method;             /* OcPruneMethod */
  char    *densities;          /* percent kept, "50,30,10,5": the methods other than IMP */
  gboolean shuffle, reinit;    /* their sanity checks (SNIP, SynFlow, edge-popup) */
} OcPruneForm;

void    oc_prune_form_clear         (OcPruneForm *form);
/* The values of a `prune` spec; building from the same spec gives the same experiment ID. Any
 * other kind is a protocol's network: the length becomes the protocol's (0), the rest stays. */
void    oc_prune_form_set_from_spec (OcPruneForm *form, const OcSpec *spec);
/* The spec of @form over @base (kind train or prune). NULL with @bad_field (may be NULL) and an
 * OC_ERROR_SPEC whose message starts with the field's title. */
OcSpec *oc_prune_form_build         (const OcPruneForm *form, const OcSpec *base,
                                     OcPruneField *bad_field, GError **error);
const char *oc_prune_field_title    (OcPruneField field);
/* Whether @method has the two sanity checks (shuffle the mask, re-initialise the weights). */
gboolean    oc_prune_method_has_checks (OcPruneMethod method);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (OcPruneForm, oc_prune_form_clear)

G_END_DECLS
