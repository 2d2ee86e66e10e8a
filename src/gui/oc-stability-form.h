/* oc-stability-form.h — the Stability page's settings as an `instability` spec, and back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * As on the Pruning and Landscape pages, nothing is validated here that the spec validates
 * itself: the form is written over a base spec (a preset, an experiment from History, or the
 * Dataset and Train pages' settings as a `train` spec) and the spec's own message becomes the
 * error under the row it is about. A sub-network of a stored prune experiment replaces the base:
 * its data, network and training are that experiment's (the runner refuses any other), and a
 * level after the dense network exists only at its rewind point, which becomes the one k. No GTK
 * here.
 */
#pragma once

#include "occam/oc-spec.h"
#include "occam/oc-store.h"

G_BEGIN_DECLS

typedef enum
{
  OC_STABILITY_FIELD_NONE,
  OC_STABILITY_FIELD_SOURCE,
  OC_STABILITY_FIELD_LEVEL,
  OC_STABILITY_FIELD_ITERATIONS,
  OC_STABILITY_FIELD_KS,
  OC_STABILITY_FIELD_ALPHAS,
  OC_STABILITY_FIELD_SEEDS,
  OC_STABILITY_FIELD_OTHER, /* the base itself (data, network, optimiser) */
} OcStabilityField;

typedef struct
{
  char    *source;     /* a stored prune experiment's full ID; NULL: the protocol's network */
  guint    level;      /* its IMP level (0: its dense network) */
  guint64  iterations; /* 0 keeps the base's length */
  char    *ks;         /* "0,100,500,2000" */
  guint    alphas;     /* points on the path, both ends included */
  char    *seeds;      /* "0,1"; empty: the training seed */
} OcStabilityForm;

void        oc_stability_form_clear         (OcStabilityForm *form);
/* The values of an `instability` spec; building from the same spec gives the same experiment
 * ID. Any other kind is a protocol's network: the length becomes the protocol's (0) and the
 * other rows keep their values. */
void        oc_stability_form_set_from_spec (OcStabilityForm *form, const OcSpec *spec);
/* The spec of @form over @base, a stored sub-network read from @store (NULL store: an error
 * saying so). NULL with @bad_field (may be NULL) and an OC_ERROR_SPEC whose message starts with
 * the field's title. */
OcSpec     *oc_stability_form_build         (const OcStabilityForm *form, const OcSpec *base,
                                             OcStore *store, OcStabilityField *bad_field,
                                             GError **error);
/* The levels of stored prune experiment @id (its dense network and each pruning level) and the
 * iteration its levels' sub-networks start from (0 for rewind init; G_MAXUINT64 when they are
 * fine-tuned and have none). FALSE with an OC_ERROR_SPEC when it is not one. */
gboolean    oc_stability_form_source_levels (OcStore *store, const char *id, guint *n_levels,
                                             guint64 *rewind_at, GError **error);
/* "Branch at k", "Seeds", … */
const char *oc_stability_field_title        (OcStabilityField field);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (OcStabilityForm, oc_stability_form_clear)

G_END_DECLS
