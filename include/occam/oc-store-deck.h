/* oc-store-deck.h — presentation decks: ordered lists of figure slides, kept in the store.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A slide names a figure of the catalogue (include/occam-figures/oc-figure-catalog.h) by the
 * experiment it belongs to, the figure's name and its parameters, so it is drawn from the stored
 * results whenever it is shown: a deck never holds pictures. A deck is an ordered list of slides
 * under a name. The deck model and its editing functions are plain data (no store); the
 * oc_store_*deck* functions keep decks in the store's decks and slides tables (store schema 3).
 * Drawing and exporting a deck is in include/occam-figures/oc-deck.h.
 *
 * Positions are 0-based here; the command line counts from 1.
 *
 * Merging stores (oc_store_merge) ignores decks: a deck is one presenter's arrangement of the
 * figures of the store it was made in, and the experiments it names may not exist in the other
 * store. The decks of the store merged into stay as they were.
 */
#pragma once

#include <glib.h>

#include "oc-store.h"

G_BEGIN_DECLS

/* The longest deck name, title and caption (in characters). */
#define OC_DECK_NAME_MAX    64
#define OC_DECK_TEXT_MAX    200

typedef struct
{
  char    *experiment_id; /* the full ID, or a unique prefix as the user typed it */
  char    *figure;        /* the catalogue's name: "double-descent" */
  char   **params;        /* NULL-terminated "KEY=VALUE" as the catalogue takes them; never NULL */
  char    *title;         /* NULL: the figure's own title */
  char    *caption;       /* one line under the figure, or NULL */
  gboolean quick;         /* the results come from a quick variant of the full experiment */
  char    *quick_note;    /* what the quick variant leaves out ("40 epochs instead of 4000"), or
                           * NULL */
} OcDeckSlide;

typedef struct
{
  char      *name;
  GPtrArray *slides;  /* OcDeckSlide, owned, in order */
  char      *created; /* ISO 8601 UTC; NULL until stored */
  char      *updated;
} OcDeck;

OcDeckSlide *oc_deck_slide_new  (const char *experiment_id, const char *figure,
                                 const char *const *params);
OcDeckSlide *oc_deck_slide_dup  (const OcDeckSlide *slide);
void         oc_deck_slide_free (OcDeckSlide *slide);
/* Both may be NULL; empty strings count as NULL. */
void         oc_deck_slide_set_title   (OcDeckSlide *slide, const char *title);
void         oc_deck_slide_set_caption (OcDeckSlide *slide, const char *caption);
void         oc_deck_slide_set_quick   (OcDeckSlide *slide, gboolean quick, const char *note);

OcDeck      *oc_deck_new  (const char *name);
OcDeck      *oc_deck_dup  (const OcDeck *deck);
void         oc_deck_free (OcDeck *deck);
guint        oc_deck_get_n_slides (const OcDeck *deck);
OcDeckSlide *oc_deck_get_slide    (const OcDeck *deck, guint position);

/* Whether @name can name a deck: 1 to OC_DECK_NAME_MAX characters of valid UTF-8 without control
 * characters or leading/trailing spaces. OC_ERROR_INVALID_ARGUMENT saying what is wrong. */
gboolean oc_deck_check_name (const char *name, GError **error);
/* Whether @text (a title or caption; NULL is fine) is one line of at most OC_DECK_TEXT_MAX
 * characters; @what names it in the message ("title", "caption"). */
gboolean oc_deck_check_text (const char *what, const char *text, GError **error);

/* Editing in memory. Positions out of range give OC_ERROR_INVALID_ARGUMENT naming the valid
 * range; nothing changes then. */
/* Inserts @slide (the deck takes it) before @position; −1 or the number of slides appends. */
gboolean oc_deck_insert (OcDeck *deck, OcDeckSlide *slide, int position, GError **error);
/* Moves the slide at @from so that it ends up at @to (both < the number of slides). */
gboolean oc_deck_move   (OcDeck *deck, guint from, guint to, GError **error);
gboolean oc_deck_remove (OcDeck *deck, guint position, GError **error);

/* ---- In the store ---- */

/* All decks with their slides, by name. */
GPtrArray *oc_store_list_decks (OcStore *store, GError **error);
/* The deck called @name; OC_ERROR_NOT_FOUND (listing the decks there are) when there is none. */
OcDeck    *oc_store_load_deck  (OcStore *store, const char *name, GError **error);
/* Writes @deck under its name in one transaction, replacing the deck of that name (slides and
 * order) or creating it. An empty deck is kept (a deck is removed only by
 * oc_store_remove_deck). */
gboolean   oc_store_save_deck  (OcStore *store, const OcDeck *deck, GError **error);
/* OC_ERROR_NOT_FOUND when there is no such deck. */
gboolean   oc_store_remove_deck (OcStore *store, const char *name, GError **error);

/* One edit of a stored deck, each in one transaction (load, edit, save): another process's edit
 * in between is never lost or half-applied. Insert creates the deck when it does not exist. */
gboolean   oc_store_deck_insert (OcStore *store, const char *name, const OcDeckSlide *slide,
                                 int position, guint *position_out, GError **error);
gboolean   oc_store_deck_move   (OcStore *store, const char *name, guint from, guint to,
                                 GError **error);
gboolean   oc_store_deck_remove (OcStore *store, const char *name, guint position,
                                 GError **error);
/* Retitles (NULL or "": back to the figure's title) and annotates (NULL or "": no caption). */
gboolean   oc_store_deck_set_title   (OcStore *store, const char *name, guint position,
                                      const char *title, GError **error);
gboolean   oc_store_deck_set_caption (OcStore *store, const char *name, guint position,
                                      const char *caption, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OcDeckSlide, oc_deck_slide_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OcDeck, oc_deck_free)

G_END_DECLS
