/* oc-window.h — the main window: a header bar, the pages of oc-window.c's table in a view stack,
 * toasts, and the actions that act on whichever page is in view.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "oc-page.h"
#include "oc-workspace.h"

G_BEGIN_DECLS

#define OC_TYPE_WINDOW (oc_window_get_type ())
G_DECLARE_FINAL_TYPE (OcWindow, oc_window, OC, WINDOW, AdwApplicationWindow)

/* @application may be NULL (tests); @settings is the app's io.github.occamlab.Occam. */
OcWindow    *oc_window_new               (AdwApplication *application, GSettings *settings);

/* Shows @text as a toast in the window holding @from (any widget in it, or the window). */
void         oc_window_toast             (GtkWidget *from, const char *text);
/* The same with a toast of the caller's (with a button: Undo); takes @toast. */
void         oc_window_add_toast         (GtkWidget *from, AdwToast *toast);
/* The text of the last toast shown (tests). */
const char  *oc_window_get_last_toast    (OcWindow *self);
/* Whether the last toast is still on screen (tests wait for it to go before screenshots).
 * Dismissing it early is not offered: libadwaita 1.2 then crashes when the page changes. */
gboolean     oc_window_get_toast_shown   (OcWindow *self);
/* The last toast while it is on screen, else NULL (tests press its button). */
AdwToast    *oc_window_get_toast         (OcWindow *self);

/* What the pages share: settings, store, loaded data. */
OcWorkspace *oc_window_get_workspace     (OcWindow *self);
/* Whether the window keeps the system from suspending now (it does while any page runs). */
gboolean     oc_window_get_inhibiting    (OcWindow *self);
/* The text of the last "run ended" notification: a run longer than 30 s ended while the window
 * was not focused (sent through the application when there is one), or NULL. */
const char  *oc_window_get_last_notification (OcWindow *self);
/* A page by the name of its row in the table ("dataset", "train", …), or NULL. */
GtkWidget   *oc_window_get_page          (OcWindow *self, const char *name);
void         oc_window_show_page         (OcWindow *self, const char *name);
/* The page that opens (and runs) experiments of @kind, or NULL when none does. */
GtkWidget   *oc_window_get_page_for_kind (OcWindow *self, const char *kind);
/* The figures the visible page can export, most important first (free the array). */
GPtrArray   *oc_window_get_visible_figures (OcWindow *self);
/* The settings the window was made with (none). */
GSettings   *oc_window_get_settings      (OcWindow *self);

G_END_DECLS
