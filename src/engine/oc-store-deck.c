/* oc-store-deck.c — see oc-store-deck.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every edit of a stored deck is the same three steps under one write transaction: load the deck,
 * edit it in memory with the oc_deck_* functions, write it back whole. Decks are a few dozen
 * slides, so rewriting them costs nothing, and the rules for positions live in one place (the
 * in-memory edits) instead of in SQL renumbering.
 */
#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "occam/oc-error.h"
#include "occam/oc-store-deck.h"
#include "oc-store-private.h"

/* ---- The model ---- */

static char *
dup_text (const char *s)
{
  return s != NULL && s[0] != '\0' ? g_strdup (s) : NULL;
}

OcDeckSlide *
oc_deck_slide_new (const char *experiment_id, const char *figure, const char *const *params)
{
  OcDeckSlide *slide;

  g_return_val_if_fail (experiment_id != NULL, NULL);
  g_return_val_if_fail (figure != NULL, NULL);

  slide = g_new0 (OcDeckSlide, 1);
  slide->experiment_id = g_strdup (experiment_id);
  slide->figure = g_strdup (figure);
  slide->params = params != NULL ? g_strdupv ((char **) params) : g_new0 (char *, 1);
  return slide;
}

OcDeckSlide *
oc_deck_slide_dup (const OcDeckSlide *slide)
{
  OcDeckSlide *copy;

  g_return_val_if_fail (slide != NULL, NULL);
  copy = oc_deck_slide_new (slide->experiment_id, slide->figure,
                            (const char *const *) slide->params);
  copy->title = g_strdup (slide->title);
  copy->caption = g_strdup (slide->caption);
  copy->quick = slide->quick;
  copy->quick_note = g_strdup (slide->quick_note);
  return copy;
}

void
oc_deck_slide_free (OcDeckSlide *slide)
{
  if (slide == NULL)
    return;
  g_free (slide->experiment_id);
  g_free (slide->figure);
  g_strfreev (slide->params);
  g_free (slide->title);
  g_free (slide->caption);
  g_free (slide->quick_note);
  g_free (slide);
}

void
oc_deck_slide_set_title (OcDeckSlide *slide, const char *title)
{
  g_return_if_fail (slide != NULL);
  g_free (slide->title);
  slide->title = dup_text (title);
}

void
oc_deck_slide_set_caption (OcDeckSlide *slide, const char *caption)
{
  g_return_if_fail (slide != NULL);
  g_free (slide->caption);
  slide->caption = dup_text (caption);
}

void
oc_deck_slide_set_quick (OcDeckSlide *slide, gboolean quick, const char *note)
{
  g_return_if_fail (slide != NULL);
  slide->quick = quick;
  g_free (slide->quick_note);
  slide->quick_note = quick ? dup_text (note) : NULL;
}

OcDeck *
oc_deck_new (const char *name)
{
  OcDeck *deck;

  g_return_val_if_fail (name != NULL, NULL);
  deck = g_new0 (OcDeck, 1);
  deck->name = g_strdup (name);
  deck->slides = g_ptr_array_new_with_free_func ((GDestroyNotify) oc_deck_slide_free);
  return deck;
}

OcDeck *
oc_deck_dup (const OcDeck *deck)
{
  OcDeck *copy;

  g_return_val_if_fail (deck != NULL, NULL);
  copy = oc_deck_new (deck->name);
  for (guint i = 0; i < deck->slides->len; i++)
    g_ptr_array_add (copy->slides, oc_deck_slide_dup (deck->slides->pdata[i]));
  copy->created = g_strdup (deck->created);
  copy->updated = g_strdup (deck->updated);
  return copy;
}

void
oc_deck_free (OcDeck *deck)
{
  if (deck == NULL)
    return;
  g_free (deck->name);
  g_ptr_array_unref (deck->slides);
  g_free (deck->created);
  g_free (deck->updated);
  g_free (deck);
}

guint
oc_deck_get_n_slides (const OcDeck *deck)
{
  g_return_val_if_fail (deck != NULL, 0);
  return deck->slides->len;
}

OcDeckSlide *
oc_deck_get_slide (const OcDeck *deck, guint position)
{
  g_return_val_if_fail (deck != NULL, NULL);
  g_return_val_if_fail (position < deck->slides->len, NULL);
  return deck->slides->pdata[position];
}

static gboolean
has_control (const char *s)
{
  for (const char *p = s; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_iscntrl (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

gboolean
oc_deck_check_name (const char *name, GError **error)
{
  if (name == NULL || name[0] == '\0')
    {
      g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                   _("A deck needs a name, such as “talk”"));
      return FALSE;
    }
  if (!g_utf8_validate (name, -1, NULL) || has_control (name))
    {
      g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                   _("Deck names are plain text on one line; this one has control characters "
                     "or is not valid UTF-8"));
      return FALSE;
    }
  if (g_utf8_strlen (name, -1) > OC_DECK_NAME_MAX)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                   _("Deck name “%.20s…” is too long: use at most %d characters"), name,
                   OC_DECK_NAME_MAX);
      return FALSE;
    }
  if (g_ascii_isspace (name[0]) || g_ascii_isspace (name[strlen (name) - 1]))
    {
      g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                   _("Deck name “%s” starts or ends with a space; remove it"), name);
      return FALSE;
    }
  return TRUE;
}

gboolean
oc_deck_check_text (const char *what, const char *text, GError **error)
{
  if (text == NULL)
    return TRUE;
  if (!g_utf8_validate (text, -1, NULL) || has_control (text))
    {
      g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                   _("The slide’s %s must be one line of text, without line breaks or control "
                     "characters"), what);
      return FALSE;
    }
  if (g_utf8_strlen (text, -1) > OC_DECK_TEXT_MAX)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                   _("The slide’s %s is %ld characters long; a slide has room for %d"), what,
                   g_utf8_strlen (text, -1), OC_DECK_TEXT_MAX);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_position (const OcDeck *deck, guint position, GError **error)
{
  if (position < deck->slides->len)
    return TRUE;
  if (deck->slides->len == 0)
    g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                 _("Deck “%s” has no slides"), deck->name);
  else
    g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                 _("Deck “%s” has no slide %u: its slides are 1 to %u"), deck->name,
                 position + 1, deck->slides->len);
  return FALSE;
}

gboolean
oc_deck_insert (OcDeck *deck, OcDeckSlide *slide, int position, GError **error)
{
  g_return_val_if_fail (deck != NULL && slide != NULL, FALSE);

  if (position < 0)
    position = (int) deck->slides->len;
  if ((guint) position > deck->slides->len)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                   _("Deck “%s” has %u slides: a new one goes at 1 to %u"), deck->name,
                   deck->slides->len, deck->slides->len + 1);
      oc_deck_slide_free (slide);
      return FALSE;
    }
  g_ptr_array_insert (deck->slides, position, slide);
  return TRUE;
}

gboolean
oc_deck_move (OcDeck *deck, guint from, guint to, GError **error)
{
  gpointer slide;

  g_return_val_if_fail (deck != NULL, FALSE);
  if (!check_position (deck, from, error) || !check_position (deck, to, error))
    return FALSE;
  slide = g_ptr_array_steal_index (deck->slides, from);
  g_ptr_array_insert (deck->slides, (int) to, slide);
  return TRUE;
}

gboolean
oc_deck_remove (OcDeck *deck, guint position, GError **error)
{
  g_return_val_if_fail (deck != NULL, FALSE);
  if (!check_position (deck, position, error))
    return FALSE;
  g_ptr_array_remove_index (deck->slides, position);
  return TRUE;
}

/* ---- In the store ---- */

static char *
params_to_json (char **params)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;

  json_builder_begin_array (b);
  for (guint i = 0; params != NULL && params[i] != NULL; i++)
    json_builder_add_string_value (b, params[i]);
  json_builder_end_array (b);
  root = json_builder_get_root (b);
  return json_to_string (root, FALSE);
}

/* NULL when @json is not an array of strings (a store edited by hand). */
static char **
params_from_json (const char *json)
{
  g_autoptr (JsonNode) root = json != NULL ? json_from_string (json, NULL) : NULL;
  g_autoptr (GStrvBuilder) b = g_strv_builder_new ();
  JsonArray *array;

  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    return NULL;
  array = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *e = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (e) || json_node_get_value_type (e) != G_TYPE_STRING)
        return NULL;
      g_strv_builder_add (b, json_node_get_string (e));
    }
  return g_strv_builder_end (b);
}

/* With the lock held: the deck's slides into @deck. */
static gboolean
load_slides (OcStore *store, OcDeck *deck, GError **error)
{
  g_autoptr (sqlite3_stmt) q = NULL;
  int rc;

  q = oc_store_prepare (store, "SELECT experiment_id, figure, params, title, caption, quick, "
                        "quick_note FROM slides WHERE deck = ? ORDER BY position", error);
  if (q == NULL)
    return FALSE;
  oc_store_bind_text (q, 1, deck->name);
  while ((rc = sqlite3_step (q)) == SQLITE_ROW)
    {
      g_auto (GStrv) params = params_from_json ((const char *) sqlite3_column_text (q, 2));
      OcDeckSlide *slide;

      if (params == NULL)
        {
          g_set_error (error, OC_ERROR, OC_ERROR_STORE,
                       _("%s: a slide of deck “%s” has unreadable parameters; remove the slide "
                         "and add it again"), store->path, deck->name);
          return FALSE;
        }
      slide = oc_deck_slide_new ((const char *) sqlite3_column_text (q, 0),
                                 (const char *) sqlite3_column_text (q, 1),
                                 (const char *const *) params);
      oc_deck_slide_set_title (slide, (const char *) sqlite3_column_text (q, 3));
      oc_deck_slide_set_caption (slide, (const char *) sqlite3_column_text (q, 4));
      oc_deck_slide_set_quick (slide, sqlite3_column_int (q, 5) != 0,
                               (const char *) sqlite3_column_text (q, 6));
      g_ptr_array_add (deck->slides, slide);
    }
  if (rc != SQLITE_DONE)
    return oc_store_fail (store, error, "reading a deck's slides");
  return TRUE;
}

/* With the lock held: the names of all decks, for messages. */
static char *
deck_names (OcStore *store)
{
  g_autoptr (sqlite3_stmt) q = oc_store_prepare (store, "SELECT name FROM decks ORDER BY name",
                                                 NULL);
  g_autoptr (GString) s = g_string_new (NULL);

  while (q != NULL && sqlite3_step (q) == SQLITE_ROW)
    {
      if (s->len > 0)
        g_string_append (s, ", ");
      g_string_append (s, (const char *) sqlite3_column_text (q, 0));
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* With the lock held. */
static OcDeck *
load_locked (OcStore *store, const char *name, GError **error)
{
  g_autoptr (sqlite3_stmt) q = NULL;
  g_autoptr (OcDeck) deck = NULL;
  int rc;

  q = oc_store_prepare (store, "SELECT created, updated FROM decks WHERE name = ?", error);
  if (q == NULL)
    return NULL;
  oc_store_bind_text (q, 1, name);
  rc = sqlite3_step (q);
  if (rc == SQLITE_DONE)
    {
      g_autofree char *names = deck_names (store);

      if (names[0] == '\0')
        g_set_error (error, OC_ERROR, OC_ERROR_NOT_FOUND,
                     _("%s has no decks yet; make one with occam-cli deck add “%s” …"),
                     store->path, name);
      else
        g_set_error (error, OC_ERROR, OC_ERROR_NOT_FOUND,
                     _("%s has no deck called “%s”; its decks are: %s"), store->path, name,
                     names);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      oc_store_fail (store, error, "reading a deck");
      return NULL;
    }
  deck = oc_deck_new (name);
  deck->created = oc_store_column_text (q, 0);
  deck->updated = oc_store_column_text (q, 1);
  if (!load_slides (store, deck, error))
    return NULL;
  return g_steal_pointer (&deck);
}

/* With the lock held and a write transaction open. */
static gboolean
save_locked (OcStore *store, const OcDeck *deck, GError **error)
{
  g_autoptr (sqlite3_stmt) upsert = NULL, clear = NULL, ins = NULL;
  g_autofree char *now = oc_store_now ();

  upsert = oc_store_prepare (store, "INSERT INTO decks (name, created, updated) VALUES (?, ?, ?) "
                             "ON CONFLICT (name) DO UPDATE SET updated = excluded.updated", error);
  clear = oc_store_prepare (store, "DELETE FROM slides WHERE deck = ?", error);
  ins = oc_store_prepare (store, "INSERT INTO slides (deck, position, experiment_id, figure, "
                          "params, title, caption, quick, quick_note) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (upsert == NULL || clear == NULL || ins == NULL)
    return FALSE;
  oc_store_bind_text (upsert, 1, deck->name);
  oc_store_bind_text (upsert, 2, deck->created != NULL ? deck->created : now);
  oc_store_bind_text (upsert, 3, now);
  if (sqlite3_step (upsert) != SQLITE_DONE)
    return oc_store_fail (store, error, "writing a deck");
  oc_store_bind_text (clear, 1, deck->name);
  if (sqlite3_step (clear) != SQLITE_DONE)
    return oc_store_fail (store, error, "writing a deck");
  for (guint i = 0; i < deck->slides->len; i++)
    {
      const OcDeckSlide *s = deck->slides->pdata[i];
      g_autofree char *params = params_to_json (s->params);

      sqlite3_reset (ins);
      oc_store_bind_text (ins, 1, deck->name);
      sqlite3_bind_int64 (ins, 2, i);
      oc_store_bind_text (ins, 3, s->experiment_id);
      oc_store_bind_text (ins, 4, s->figure);
      oc_store_bind_text (ins, 5, params);
      oc_store_bind_text (ins, 6, s->title);
      oc_store_bind_text (ins, 7, s->caption);
      sqlite3_bind_int (ins, 8, s->quick ? 1 : 0);
      oc_store_bind_text (ins, 9, s->quick_note);
      if (sqlite3_step (ins) != SQLITE_DONE)
        return oc_store_fail (store, error, "writing a slide");
    }
  return TRUE;
}

static gboolean
check_deck (const OcDeck *deck, GError **error)
{
  if (!oc_deck_check_name (deck->name, error))
    return FALSE;
  for (guint i = 0; i < deck->slides->len; i++)
    {
      const OcDeckSlide *s = deck->slides->pdata[i];

      if (!oc_deck_check_text (_("title"), s->title, error)
          || !oc_deck_check_text (_("caption"), s->caption, error)
          || !oc_deck_check_text (_("quick-variant note"), s->quick_note, error))
        return FALSE;
    }
  return TRUE;
}

GPtrArray *
oc_store_list_decks (OcStore *store, GError **error)
{
  g_autoptr (GMutexLocker) locker = NULL;
  g_autoptr (sqlite3_stmt) q = NULL;
  g_autoptr (GPtrArray) decks = g_ptr_array_new_with_free_func ((GDestroyNotify) oc_deck_free);
  int rc;

  g_return_val_if_fail (store != NULL, NULL);
  locker = g_mutex_locker_new (&store->lock);
  q = oc_store_prepare (store, "SELECT name, created, updated FROM decks ORDER BY name", error);
  if (q == NULL)
    return NULL;
  while ((rc = sqlite3_step (q)) == SQLITE_ROW)
    {
      OcDeck *deck = oc_deck_new ((const char *) sqlite3_column_text (q, 0));

      deck->created = oc_store_column_text (q, 1);
      deck->updated = oc_store_column_text (q, 2);
      g_ptr_array_add (decks, deck);
    }
  if (rc != SQLITE_DONE)
    {
      oc_store_fail (store, error, "listing decks");
      return NULL;
    }
  for (guint i = 0; i < decks->len; i++)
    if (!load_slides (store, decks->pdata[i], error))
      return NULL;
  return g_steal_pointer (&decks);
}

OcDeck *
oc_store_load_deck (OcStore *store, const char *name, GError **error)
{
  g_autoptr (GMutexLocker) locker = NULL;

  g_return_val_if_fail (store != NULL && name != NULL, NULL);
  locker = g_mutex_locker_new (&store->lock);
  return load_locked (store, name, error);
}

gboolean
oc_store_save_deck (OcStore *store, const OcDeck *deck, GError **error)
{
  g_autoptr (GMutexLocker) locker = NULL;

  g_return_val_if_fail (store != NULL && deck != NULL, FALSE);
  if (!check_deck (deck, error))
    return FALSE;
  locker = g_mutex_locker_new (&store->lock);
  if (!oc_store_begin_write (store, error))
    return FALSE;
  if (!save_locked (store, deck, error) || !oc_store_exec (store, "COMMIT", error))
    {
      oc_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}

gboolean
oc_store_remove_deck (OcStore *store, const char *name, GError **error)
{
  g_autoptr (GMutexLocker) locker = NULL;
  g_autoptr (OcDeck) deck = NULL;
  g_autoptr (sqlite3_stmt) del = NULL;

  g_return_val_if_fail (store != NULL && name != NULL, FALSE);
  locker = g_mutex_locker_new (&store->lock);
  if (!oc_store_begin_write (store, error))
    return FALSE;
  deck = load_locked (store, name, error);
  if (deck == NULL)
    goto failed;
  /* The slides follow through ON DELETE CASCADE. */
  del = oc_store_prepare (store, "DELETE FROM decks WHERE name = ?", error);
  if (del == NULL)
    goto failed;
  oc_store_bind_text (del, 1, name);
  if (sqlite3_step (del) != SQLITE_DONE)
    {
      oc_store_fail (store, error, "removing a deck");
      goto failed;
    }
  if (!oc_store_exec (store, "COMMIT", error))
    goto failed;
  return TRUE;

failed:
  oc_store_rollback (store);
  return FALSE;
}

typedef enum
{
  EDIT_INSERT,
  EDIT_MOVE,
  EDIT_REMOVE,
  EDIT_TITLE,
  EDIT_CAPTION,
} EditKind;

typedef struct
{
  EditKind           kind;
  const OcDeckSlide *slide;
  int                position;
  guint              to;
  const char        *text;
} Edit;

static gboolean
apply (OcDeck *deck, const Edit *e, GError **error)
{
  switch (e->kind)
    {
    case EDIT_INSERT:
      return oc_deck_insert (deck, oc_deck_slide_dup (e->slide), e->position, error);
    case EDIT_MOVE:
      return oc_deck_move (deck, (guint) e->position, e->to, error);
    case EDIT_REMOVE:
      return oc_deck_remove (deck, (guint) e->position, error);
    case EDIT_TITLE:
    case EDIT_CAPTION:
      if (!check_position (deck, (guint) e->position, error))
        return FALSE;
      if (e->kind == EDIT_TITLE)
        oc_deck_slide_set_title (deck->slides->pdata[e->position], e->text);
      else
        oc_deck_slide_set_caption (deck->slides->pdata[e->position], e->text);
      return TRUE;
    default:
      g_return_val_if_reached (FALSE);
    }
}

/* Load, edit, save in one write transaction. */
static gboolean
edit (OcStore *store, const char *name, const Edit *e, guint *position_out, GError **error)
{
  g_autoptr (GMutexLocker) locker = NULL;
  g_autoptr (OcDeck) deck = NULL;
  g_autoptr (GError) missing = NULL;

  if (!oc_deck_check_name (name, error))
    return FALSE;
  if (e->kind == EDIT_INSERT
      && (!oc_deck_check_text (_("title"), e->slide->title, error)
          || !oc_deck_check_text (_("caption"), e->slide->caption, error)
          || !oc_deck_check_text (_("quick-variant note"), e->slide->quick_note, error)))
    return FALSE;
  if ((e->kind == EDIT_TITLE || e->kind == EDIT_CAPTION)
      && !oc_deck_check_text (e->kind == EDIT_TITLE ? _("title") : _("caption"), e->text, error))
    return FALSE;

  locker = g_mutex_locker_new (&store->lock);
  if (!oc_store_begin_write (store, error))
    return FALSE;
  deck = load_locked (store, name, &missing);
  if (deck == NULL && e->kind == EDIT_INSERT
      && g_error_matches (missing, OC_ERROR, OC_ERROR_NOT_FOUND))
    deck = oc_deck_new (name);
  else if (deck == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&missing));
      goto failed;
    }
  if (!apply (deck, e, error) || !save_locked (store, deck, error)
      || !oc_store_exec (store, "COMMIT", error))
    goto failed;
  if (position_out != NULL)
    *position_out = e->kind == EDIT_INSERT && e->position < 0 ? deck->slides->len - 1
                                                              : (guint) e->position;
  return TRUE;

failed:
  oc_store_rollback (store);
  return FALSE;
}

gboolean
oc_store_deck_insert (OcStore *store, const char *name, const OcDeckSlide *slide, int position,
                      guint *position_out, GError **error)
{
  Edit e = { EDIT_INSERT, slide, position, 0, NULL };

  g_return_val_if_fail (store != NULL && slide != NULL, FALSE);
  return edit (store, name, &e, position_out, error);
}

gboolean
oc_store_deck_move (OcStore *store, const char *name, guint from, guint to, GError **error)
{
  Edit e = { EDIT_MOVE, NULL, (int) from, to, NULL };

  g_return_val_if_fail (store != NULL, FALSE);
  return edit (store, name, &e, NULL, error);
}

gboolean
oc_store_deck_remove (OcStore *store, const char *name, guint position, GError **error)
{
  Edit e = { EDIT_REMOVE, NULL, (int) position, 0, NULL };

  g_return_val_if_fail (store != NULL, FALSE);
  return edit (store, name, &e, NULL, error);
}

gboolean
oc_store_deck_set_title (OcStore *store, const char *name, guint position, const char *title,
                         GError **error)
{
  Edit e = { EDIT_TITLE, NULL, (int) position, 0, title };

  g_return_val_if_fail (store != NULL, FALSE);
  return edit (store, name, &e, NULL, error);
}

gboolean
oc_store_deck_set_caption (OcStore *store, const char *name, guint position,
                           const char *caption, GError **error)
{
  Edit e = { EDIT_CAPTION, NULL, (int) position, 0, caption };

  g_return_val_if_fail (store != NULL, FALSE);
  return edit (store, name, &e, NULL, error);
}
