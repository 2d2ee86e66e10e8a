/* oc-run-spec.h — the window's settings as an experiment spec, and back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The GUI edits specs and watches runs; it does not keep its own notion of an experiment. Start
 * turns the loaded dataset's options and the Train page's settings into a "train" spec (validated
 * and completed by the engine), trains what the spec says and stores the result under the spec's
 * ID, exactly as `occam-cli train` would. Re-running from History writes a stored spec back into
 * the settings.
 */
#pragma once

#include <gio/gio.h>

#include "occam/oc-spec.h"
#include "occam/oc-store.h"

G_BEGIN_DECLS

/* The canonical point key of a one-model experiment, as the CLI stores it. */
#define OC_TRAIN_POINT_KEY "{}"

OcSpec *oc_run_spec_new (const OcDataOptions *data, const OcTrainConfig *train, GError **error);

/* Writes the data and training fields of a train spec into the app's settings. FALSE with a
 * message for kinds the window cannot run. */
gboolean oc_run_spec_apply (const OcSpec *spec, GSettings *settings, GError **error);

/* "2025-05-01T12:00:00Z" (UTC, as the store writes times). Free with g_free(). */
char    *oc_run_now (void);

G_END_DECLS
