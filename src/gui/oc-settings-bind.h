/* oc-settings-bind.h — binding GSettings keys to spin buttons and combo rows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * g_settings_bind() maps a key only onto a property of the same type; a GtkAdjustment's value is
 * a double and an AdwComboRow's selection an index. These bind integer or double keys to an
 * adjustment, and string keys to the index of the string in a list of ids.
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Binds a key of type i, u, x, t or d to @spin's adjustment value, both ways. */
void oc_settings_bind_spin   (GSettings *settings, const char *key, GtkSpinButton *spin);
/* Binds a string key to @row's selected item; @ids[i] is the key value for item i. Unknown
 * values select item 0. @ids must outlive the binding (static arrays). */
void oc_settings_bind_choice (GSettings *settings, const char *key, AdwComboRow *row,
                              const char *const *ids);
/* Fills @row with @labels (NULL-terminated) as a GtkStringList. */
void oc_combo_row_set_labels (AdwComboRow *row, const char *const *labels);

/* Shows @word instead of 0 ("All", "None") and accepts it back when typed. @word is static. */
void oc_spin_button_name_zero (GtkSpinButton *spin, const char *word);

/* Shows the value in its shortest form ("0.001", "1e-05") rather than with fixed digits. */
void oc_spin_button_format_short (GtkSpinButton *spin);

G_END_DECLS
