/* oc-spec-form.h — pieces the spec-building settings panes (Sweep, Pruning) share: the protocol
 * row's presets and the way a spec error is shown next to the row it is about.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "occam/oc-spec.h"

G_BEGIN_DECLS

/* Selects the protocol row's entry for preset @name (index i + 1 of @presets; 0, Custom, when
 * @name is NULL or unknown). FALSE when it was already selected, so no notify::selected comes
 * and the caller must refill the form itself. */
gboolean oc_spec_form_select_preset (AdwComboRow *protocol_row, const OcSpecPreset *const *presets,
                                     guint n_presets, const char *name);

/* Clears the "error" style from @rows, then, if @message is set, marks @bad_row (may be NULL),
 * shows @message in @error_label and moves the label right under @group inside @settings_box,
 * so the message stands next to what it is about. A NULL @message hides the label. */
void     oc_spec_form_show_error    (GtkBox *settings_box, GtkLabel *error_label,
                                     GtkWidget *const *rows, guint n_rows, GtkWidget *bad_row,
                                     GtkWidget *group, const char *message);

G_END_DECLS
