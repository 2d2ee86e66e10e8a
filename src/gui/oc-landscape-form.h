/* oc-landscape-form.h — the Landscape page's settings as a `landscape` spec, and back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * As on the Sweep and Pruning pages, nothing is validated here: the form is written over a base
 * spec (a preset, an experiment from History, or the Dataset and Train pages' settings as a
 * `train` spec) and the spec's own message becomes the error under the row it is about. A
 * network taken from the store replaces the base: its data and training settings are the stored
 * run's (oc_landscape_spec_resolve). No GTK here.
 */
#pragma once

#include "occam/oc-spec.h"
#include "occam/oc-store.h"

G_BEGIN_DECLS

typedef enum
{
  OC_LANDSCAPE_FORM_FIELD_NONE,
  OC_LANDSCAPE_FORM_FIELD_SOURCE,
  OC_LANDSCAPE_FORM_FIELD_WIDTH,
  OC_LANDSCAPE_FORM_FIELD_EPOCHS,
  OC_LANDSCAPE_FORM_FIELD_LINE,
  OC_LANDSCAPE_FORM_FIELD_SEEDS,
  OC_LANDSCAPE_FORM_FIELD_PLANE,
  OC_LANDSCAPE_FORM_FIELD_GRID,
  OC_LANDSCAPE_FORM_FIELD_SPAN,
  OC_LANDSCAPE_FORM_FIELD_EXAMPLES,
  OC_LANDSCAPE_FORM_FIELD_OTHER,  /* the base itself (data, network, optimiser) */
} OcLandscapeFormField;

/* The line's choices, in the order of the page's menu. */
typedef enum
{
  OC_LANDSCAPE_FORM_LINE_INIT_FINAL,
  OC_LANDSCAPE_FORM_LINE_SEEDS,
  OC_LANDSCAPE_FORM_LINE_NONE,
} OcLandscapeFormLine;

typedef struct
{
  char   *source;        /* a stored train or landscape experiment's ID; NULL: train here */
  guint   width;         /* one hidden layer of this width; 0 keeps the base's network */
  guint   epochs;        /* 0 keeps the base's length */
  guint   line;          /* OcLandscapeFormLine */
  char   *seeds;         /* "A,B" for OC_LANDSCAPE_FORM_LINE_SEEDS */
  guint   plane;         /* OcLandscapePlane */
  guint   grid;          /* points per side, odd */
  double  span;          /* 0: the plane's default */
  guint   eval_examples;
} OcLandscapeForm;

void        oc_landscape_form_clear         (OcLandscapeForm *form);
/* The values of a `landscape` spec (other kinds change nothing); building from the same spec
 * gives the same experiment ID. */
void        oc_landscape_form_set_from_spec (OcLandscapeForm *form, const OcSpec *spec);
/* The spec of @form over @base, resolved against @store when the network is a stored one (NULL
 * store: an error saying so). NULL with @bad_field (may be NULL) and an OC_ERROR_SPEC whose
 * message starts with the field's title. */
OcSpec     *oc_landscape_form_build         (const OcLandscapeForm *form, const OcSpec *base,
                                             OcStore *store, OcLandscapeFormField *bad_field,
                                             GError **error);
/* "Grid", "Span", … */
const char *oc_landscape_form_field_title   (OcLandscapeFormField field);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (OcLandscapeForm, oc_landscape_form_clear)

G_END_DECLS
