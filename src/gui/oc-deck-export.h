/* oc-deck-export.h — the deck to a PDF, or to one PNG or SVG per slide, from the window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "occam/oc-store-deck.h"
#include "oc-workspace.h"

G_BEGIN_DECLS

/* Asks for a file name (the format is a choice of the dialog: PDF, PNG or SVG; for PNG and SVG
 * the name is a folder that receives slide-01.png …) and writes @deck there through the deck
 * library's export (oc_deck_export) on a worker with its own handle on the store. Toasts on
 * @parent say it started, and where it went or why not. */
void oc_deck_export_run (GtkWindow *parent, OcWorkspace *workspace, const OcDeck *deck);

/* The same without asking, on the worker; @done runs on the main loop (tests). @format_name is
 * "pdf", "png" or "svg". */
void oc_deck_export_start (GtkWidget *toast_on, OcWorkspace *workspace, const OcDeck *deck,
                           const char *path, const char *format_name,
                           GAsyncReadyCallback done, gpointer user_data);
gboolean oc_deck_export_finish (GAsyncResult *result, guint *n_written, GError **error);

G_END_DECLS
