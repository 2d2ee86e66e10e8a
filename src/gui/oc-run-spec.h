/* oc-run-spec.h — the window's settings as an experiment spec, and back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The GUI edits specs and watches runs; it does not keep its own notion of an experiment. Start
 * turns the loaded dataset's options and the Train page's settings into a "train" spec (validated
 * and completed by the engine), trains what the spec says and stores the result under the spec's
 * ID, exactly as `occam-cli train` would. Re-running from History writes a stored spec back into
 * the settings. One table says which spec field each settings key holds, for both directions.
 * No GTK here.
 */
#pragma once

#include <gio/gio.h>

#include "occam/oc-experiment.h"
#include "occam/oc-spec.h"
#include "occam/oc-store.h"

G_BEGIN_DECLS

/* The Train page's run: @data, the options of the data the Dataset page loaded (its rows may have
 * changed since), and the Train page's settings as a finished "train" spec. NULL with an
 * OC_ERROR_SPEC that starts with the row's title ("Hidden layers: …") and *@bad_key (may be NULL)
 * set to the settings key it is about, or to NULL. */
OcSpec  *oc_run_spec_new      (const OcDataOptions *data, GSettings *settings,
                               const char **bad_key, GError **error);
/* The base the Sweep and Pruning pages' Custom protocol builds on: the same without the Train
 * page's iterations and evaluation interval, which belong to its own run (the base runs for the
 * Train page's epochs and evaluates once per epoch). */
OcSpec  *oc_run_spec_new_base (const OcDataOptions *data, GSettings *settings, GError **error);

/* Writes the data and training fields of a train spec into the app's settings. FALSE with a
 * message for kinds the window cannot run. */
gboolean oc_run_spec_apply    (const OcSpec *spec, GSettings *settings, GError **error);

/* A row of a settings form and the spec field it edits; its title starts the row's messages. */
typedef struct
{
  const char *section;
  const char *name;
  const char *title;
} OcSpecRow;

/* Sets @row's field of @spec from @text as typed; blank text (or spaces) puts the field back to
 * "not given", which for a sweep's axis means the base's one value. */
gboolean oc_spec_row_set      (OcSpec *spec, const OcSpecRow *row, const char *text,
                               GError **error);
/* The index of the row of @rows (entries without a section are skipped) whose field @in, an
 * error from building @spec (may be NULL), is about, with @in's message in @error and the row's
 * title in place of the JSON path: "$.sweep.widths: 'x' is not…" → "Hidden widths: 'x' is not…".
 * −1 with @in's message as it is when it is about no row. */
int      oc_spec_row_error    (const OcSpecRow *rows, guint n_rows, const OcSpec *spec,
                               const GError *in, GError **error);

/* The BLAS threads of a run that uses all of them (one training, one random-features fit): the
 * Preferences' setting, or every core but one, which stays with the window. */
guint    oc_run_spec_blas_threads (GSettings *settings);

G_END_DECLS
