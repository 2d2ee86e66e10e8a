/* oc-application.h — the Occam application: settings, style, app actions, --dataset.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define OC_TYPE_APPLICATION (oc_application_get_type ())
G_DECLARE_FINAL_TYPE (OcApplication, oc_application, OC, APPLICATION, AdwApplication)

OcApplication *oc_application_new (void);

/* Registers the GResource bundle; idempotent. Call before creating any widget (tests too). */
void           oc_gui_init_resources (void);

/* The app's settings; the schema is looked up where GSettings looks, then next to the build.
 * NULL with a message when it is nowhere. */
GSettings     *oc_settings_new (GError **error);

/* Applies the color-scheme key to libadwaita's style manager, now and when it changes. */
void           oc_application_follow_color_scheme (GSettings *settings);

G_END_DECLS
