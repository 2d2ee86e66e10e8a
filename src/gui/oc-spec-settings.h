/* oc-spec-settings.h — the one pattern of an experiment page's settings column (Sweep, Pruning).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A protocol is the spec the rows start from: "Custom" (the Dataset page's data and the Train
 * page's network and optimiser), a published preset of the pane's kinds (its own data, filled
 * into the rows, its published numbers shown), or an experiment opened from History. Every edit
 * rebuilds the spec after the typing settles; an invalid one gives no spec, and the spec's own
 * message stands under the group of the row it is about, that row marked.
 *
 * OcSpecSettings owns all of that: the protocol row, the base spec, the rebuild, the error, the
 * Data and "Network and optimiser" rows and "changed". A subclass owns its rows and turns them
 * into a spec over the base (oc-sweep-form.c, oc-prune-form.c do the spec work). It has the one
 * template: GTK 4.8 cannot stack a subclass's template on its parent's, so the shared rows live
 * in each subclass's .ui under the ids oc_spec_settings_class_set_template() lists.
 */
#pragma once

#include <adwaita.h>

#include "occam/oc-spec.h"
#include "oc-loaded-data.h"

G_BEGIN_DECLS

#define OC_TYPE_SPEC_SETTINGS (oc_spec_settings_get_type ())
G_DECLARE_DERIVABLE_TYPE (OcSpecSettings, oc_spec_settings, OC, SPEC_SETTINGS, AdwBin)

/* A subclass sets kinds, fill, build and describe_network; the rest may stay NULL. */
struct _OcSpecSettingsClass
{
  AdwBinClass parent_class;

  /* The kinds whose presets the protocol row lists, in this order; NULL-terminated. */
  const char *const *kinds;
  /* The string key of the app's settings that remembers the protocol (a preset's name, "" for
   * Custom); the subclass's bind_settings then remembers its rows too. NULL: the pane remembers
   * its protocol and the spec its rows built under its first kind in the settings' pane-states,
   * and starts from default_protocol (NULL: Custom), filled in, when there is none. */
  const char        *protocol_key;
  const char        *default_protocol;

  /* The kind the rows build now, when a row chooses it (the Sweep pane's mode: "sweep" or
   * "rff"); a protocol of another kind then gives way to Custom. NULL: kinds[0], always. */
  const char *(*get_kind)         (OcSpecSettings *self);
  /* A choice the page shows besides the spec (the Sweep pane's mode); a new value emits
   * "changed" even when the spec stays the same. NULL: none. */
  guint       (*get_variant)      (OcSpecSettings *self);
  /* Binds the subclass's rows to the app's @settings. NULL: its rows are not remembered. */
  void        (*bind_settings)    (OcSpecSettings *self, GSettings *settings);
  /* Writes the values of @spec (a preset or a stored experiment) into the rows; their edits
   * schedule no rebuild meanwhile. */
  void        (*fill)             (OcSpecSettings *self, const OcSpec *spec);
  /* The spec of the rows over @base (a preset, a stored experiment or the Custom `train` spec),
   * or NULL with an OC_ERROR_SPEC and *@bad_row set to the row it is about (NULL: none, the
   * message then stands under the protocol). */
  OcSpec     *(*build)            (OcSpecSettings *self, const OcSpec *base, GtkWidget **bad_row,
                                   GError **error);
  /* The "Network and optimiser" row's text for @train (where it comes from is added). */
  char       *(*describe_network) (OcSpecSettings *self, const OcTrainConfig *train);
  /* Where the network comes from when not the protocol or the Train page ("the stored run
   * 3f2a91c0"), or NULL for those. May be NULL. */
  char       *(*network_origin)   (OcSpecSettings *self);
};

/* Binds the subclass's rows to @settings (the app's, also read by the Custom protocol) and
 * restores or selects the protocol; call once. */
void          oc_spec_settings_set_settings (OcSpecSettings *self, GSettings *settings);
/* The Dataset page's data, used by the Custom protocol (NULL: none loaded). */
void          oc_spec_settings_set_data     (OcSpecSettings *self, OcLoadedData *data);
/* Starts from a stored spec (History's Open and Resume) and rebuilds now. */
void          oc_spec_settings_open_spec    (OcSpecSettings *self, const OcSpec *spec);
/* Selects a preset by name, or Custom for NULL, and fills the rows from it. */
void          oc_spec_settings_set_protocol (OcSpecSettings *self, const char *preset);
/* Rebuilds the spec now if a change is pending ("changed" is emitted before returning). */
void          oc_spec_settings_flush        (OcSpecSettings *self);
/* The spec the rows describe, or NULL when they are invalid (see get_error). */
const OcSpec *oc_spec_settings_get_spec     (OcSpecSettings *self);
/* Why there is no spec ("Hidden widths: 'x' is not a whole number …"), or NULL. */
const char   *oc_spec_settings_get_error    (OcSpecSettings *self);

/* ---- For subclasses ---- */

/* In class_init: @resource is the subclass's template. Its children with these ids are the
 * shared rows, bound here: settings_box (the vertical GtkBox of the groups, error_label's
 * parent), protocol_row (an AdwComboRow in the first group), data_row and base_row
 * (AdwActionRows), data_button (opens the Dataset page), anchor_box and anchor_label (the
 * published numbers) and error_label. Each row that build() may blame sits in an
 * AdwPreferencesGroup that is a child of settings_box. The template is disposed here too. */
void          oc_spec_settings_class_set_template (GtkWidgetClass *widget_class,
                                                   const char *resource);
/* In init, after the template: each edit of these widgets (NULL-terminated; entries and spin
 * buttons by value, combo rows by selection, switches by state) calls
 * oc_spec_settings_edited(). */
void          oc_spec_settings_watch        (OcSpecSettings *self, gpointer widget, ...)
  G_GNUC_NULL_TERMINATED;
/* A row changed: the spec is rebuilt soon, and a protocol of another kind than the rows build
 * now gives way to Custom. FALSE, doing nothing, while the rows are filled from a protocol. */
gboolean      oc_spec_settings_edited       (OcSpecSettings *self);
/* The Dataset page's data (NULL: none loaded). */
OcLoadedData *oc_spec_settings_get_data     (OcSpecSettings *self);
/* What get_variant() said when the current spec (or error) was built. */
guint         oc_spec_settings_get_variant  (OcSpecSettings *self);
/* "relu, he-normal init · sgd, lr 0.1, batch 128": the middle of a describe_network() text. */
char         *oc_spec_settings_describe_optimiser (const OcTrainConfig *train);
/* "hidden 64-64, <optimiser> · 20 epochs" (or iterations when the run counts them). */
char         *oc_spec_settings_describe_length    (const char *hidden, const char *optimiser,
                                                   const OcTrainConfig *train);

G_END_DECLS
