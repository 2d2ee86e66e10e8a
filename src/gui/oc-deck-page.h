/* oc-deck-page.h — the Deck page: the slides of the store's decks.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One row per slide of the current deck (the "current-deck" setting, where pins go): a thumbnail
 * drawn by the deck library as the presentation draws it, the title and caption edited in place,
 * buttons to move it up or down (Alt+Up, Alt+Down in the row; or drag its thumbnail onto another
 * row), remove it or present from it.
 * Every change is written to the store at once. A drop-down switches between the store's decks;
 * new decks are made and deleted here. Present (F5) and Export… act on the deck shown.
 */
#pragma once

#include <adwaita.h>

#include "occam/oc-store-deck.h"
#include "oc-page.h"

G_BEGIN_DECLS

#define OC_TYPE_DECK_PAGE (oc_deck_page_get_type ())
G_DECLARE_FINAL_TYPE (OcDeckPage, oc_deck_page, OC, DECK_PAGE, AdwBin)

/* Reads the decks from the store again. */
void          oc_deck_page_reload          (OcDeckPage *self);
/* The deck shown (as last read or written), or NULL without a store. */
const OcDeck *oc_deck_page_get_deck        (OcDeckPage *self);
/* Row @position's title and caption entries (tests type into them). */
GtkEditable  *oc_deck_page_get_title_entry   (OcDeckPage *self, guint position);
GtkEditable  *oc_deck_page_get_caption_entry (OcDeckPage *self, guint position);
/* Makes deck @name (empty) the current one, in the store at once. */
gboolean      oc_deck_page_new_deck        (OcDeckPage *self, const char *name, GError **error);

G_END_DECLS
