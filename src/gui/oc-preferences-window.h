/* oc-preferences-window.h — style, exports and training threads.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define OC_TYPE_PREFERENCES_WINDOW (oc_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (OcPreferencesWindow, oc_preferences_window, OC, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

GtkWidget *oc_preferences_window_new (GSettings *settings);

G_END_DECLS
