/* oc-deck-pin.h — pinning a figure of any page to the current deck.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A pinned slide is the figure's catalogue reference (oc_figure_view_set_reference), never its
 * pixels: the deck draws it again from the store, so a slide of a running experiment grows with
 * it. Pins go to the deck named by the "current-deck" setting (the Deck page chooses it), which
 * is created in the store on the first pin. A toast confirms, with Undo.
 */
#pragma once

#include <gtk/gtk.h>

#include "oc-figure-view.h"

G_BEGIN_DECLS

/* The deck pins go to now (the "current-deck" setting, or the default name when it is empty). */
char    *oc_deck_pin_current_deck (GSettings *settings);

/* Appends @view's figure to the current deck of the store of @view's window. Toasts say what
 * happened (also why not: no store, a figure that is not of a stored experiment). Returns the
 * new slide's position, or −1. */
int      oc_deck_pin_view         (OcFigureView *view);

/* Ctrl+D in @window: pins the figure with the keyboard focus, else the only one of @views that
 * can be pinned, else asks which (as Export does). @views are the visible page's figures. */
void     oc_deck_pin_run          (GtkWindow *window, GPtrArray *views);

G_END_DECLS
