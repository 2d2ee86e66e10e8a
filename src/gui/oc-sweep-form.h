/* oc-sweep-form.h — the Sweep page's settings as a `sweep` or `rff` spec, and back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The page does not validate anything itself: it builds the spec the engine would run, and the
 * spec's own validation ("'abc' is not a whole number (expected e.g. 1,2,4 or log:1:1024:11)")
 * becomes the inline error under the row it came from. The spec starts from a base: a preset, an
 * experiment from History, or the Dataset and Train pages' settings as a `train` spec; the form
 * overrides the axes, the epochs and the random-features settings. No GTK here.
 */
#pragma once

#include "occam/oc-spec.h"
#include "occam-figures/oc-sweep-grid.h"

G_BEGIN_DECLS

typedef enum
{
  OC_SWEEP_FIELD_NONE,
  OC_SWEEP_FIELD_WIDTHS,
  OC_SWEEP_FIELD_N_TRAINS,
  OC_SWEEP_FIELD_NOISES,
  OC_SWEEP_FIELD_SEEDS,
  OC_SWEEP_FIELD_EPOCHS,
  OC_SWEEP_FIELD_RECORD,
  OC_SWEEP_FIELD_FEATURES,
  OC_SWEEP_FIELD_SIGMA,
  OC_SWEEP_FIELD_RIDGE,
  OC_SWEEP_FIELD_RFF_SEEDS,
  OC_SWEEP_FIELD_OTHER, /* the base itself (data, training settings) */
} OcSweepField;

typedef struct
{
  OcSweepMode mode;
  /* Axis texts as typed: "1,2,4", "log:1:1024:11"; empty keeps the base value. */
  char       *widths, *n_trains, *noises, *seeds;
  guint       epochs;
  guint       record_every;
  char       *features, *rff_seeds;
  guint       feature_kind; /* OcFeatureKind */
  double      sigma, ridge;
} OcSweepForm;

void    oc_sweep_form_clear    (OcSweepForm *form);
/* The values of a `sweep` or `rff` spec (a preset or a stored experiment), mode guessed from its
 * axes; building from the same spec with this form gives the same experiment ID. */
void    oc_sweep_form_set_from_spec (OcSweepForm *form, const OcSpec *spec);

/* The spec of @form over @base (kind train, sweep or rff). NULL with @bad_field (may be NULL) and
 * an OC_ERROR_SPEC whose message starts with the field's title. */
OcSpec *oc_sweep_form_build    (const OcSweepForm *form, const OcSpec *base,
                                OcSweepField *bad_field, GError **error);

/* "Hidden widths", "Training examples", … */
const char *oc_sweep_field_title (OcSweepField field);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (OcSweepForm, oc_sweep_form_clear)

G_END_DECLS
