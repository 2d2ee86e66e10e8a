/* test-deck.c — presentation decks: editing, keeping them in the store, reopening, the upgrade from
 * store schema 2, merging, and exporting them as PDF pages and slide files.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "occam/oc-error.h"
#include "occam/oc-experiment.h"
#include "occam/oc-store-deck.h"
#include "occam-figures/oc-deck.h"
#include "oc-store-private.h"

typedef struct
{
  char    *dir;
  char    *path;
  OcStore *store;
} Fixture;

static void
remove_tree (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->dir = g_dir_make_tmp ("occam-deck-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "store.db", NULL);
  f->store = oc_store_open (f->path, OC_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_pointer (&f->store, oc_store_close);
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static OcDeckSlide *
slide (const char *figure, const char *title)
{
  const char *params[] = { "level=1", NULL };
  OcDeckSlide *s = oc_deck_slide_new ("0123456789abcdef", figure, params);

  oc_deck_slide_set_title (s, title);
  return s;
}

/* The figures of @deck as "a,b,c". */
static char *
order (const OcDeck *deck)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < deck->slides->len; i++)
    {
      const OcDeckSlide *x = deck->slides->pdata[i];

      g_string_append_printf (s, "%s%s", i > 0 ? "," : "", x->figure);
    }
  return g_string_free (s, FALSE);
}

static char *
stored_order (OcStore *store, const char *name)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (OcDeck) deck = oc_store_load_deck (store, name, &error);

  g_assert_no_error (error);
  return order (deck);
}

/* In memory: insert at the front, middle and end, move both ways, remove; bad positions change
 * nothing and say which positions exist. */
static void
test_edit (void)
{
  g_autoptr (OcDeck) deck = oc_deck_new ("talk");
  g_autoptr (GError) error = NULL;
  g_autofree char *o1 = NULL, *o2 = NULL, *o3 = NULL, *o4 = NULL, *o5 = NULL;

  g_assert_true (oc_deck_insert (deck, slide ("b", NULL), -1, &error));
  g_assert_true (oc_deck_insert (deck, slide ("d", NULL), -1, &error));
  g_assert_true (oc_deck_insert (deck, slide ("a", NULL), 0, &error));
  g_assert_true (oc_deck_insert (deck, slide ("c", NULL), 2, &error));
  g_assert_no_error (error);
  o1 = order (deck);
  g_assert_cmpstr (o1, ==, "a,b,c,d");
  g_assert_true (oc_deck_move (deck, 0, 3, &error));
  o2 = order (deck);
  g_assert_cmpstr (o2, ==, "b,c,d,a");
  g_assert_true (oc_deck_move (deck, 3, 1, &error));
  o3 = order (deck);
  g_assert_cmpstr (o3, ==, "b,a,c,d");
  g_assert_true (oc_deck_remove (deck, 2, &error));
  o4 = order (deck);
  g_assert_cmpstr (o4, ==, "b,a,d");

  g_assert_false (oc_deck_move (deck, 0, 3, &error));
  g_assert_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "no slide 4: its slides are 1 to 3"));
  g_clear_error (&error);
  g_assert_false (oc_deck_insert (deck, slide ("x", NULL), 5, &error));
  g_assert_nonnull (strstr (error->message, "a new one goes at 1 to 4"));
  g_clear_error (&error);
  g_assert_false (oc_deck_remove (deck, 3, &error));
  g_clear_error (&error);
  o5 = order (deck);
  g_assert_cmpstr (o5, ==, "b,a,d");
}

static void
test_names (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *long_name = g_strnfill (OC_DECK_NAME_MAX + 1, 'x');
  g_autofree char *long_text = g_strnfill (OC_DECK_TEXT_MAX + 1, 'x');

  g_assert_true (oc_deck_check_name ("Talk · 2026", NULL));
  g_assert_false (oc_deck_check_name ("", &error));
  g_assert_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (oc_deck_check_name (long_name, &error));
  g_assert_nonnull (strstr (error->message, "at most 64 characters"));
  g_clear_error (&error);
  g_assert_false (oc_deck_check_name ("a\nb", &error));
  g_clear_error (&error);
  g_assert_false (oc_deck_check_name (" talk", &error));
  g_clear_error (&error);
  g_assert_false (oc_deck_check_text ("caption", "two\nlines", &error));
  g_assert_nonnull (strstr (error->message, "caption must be one line"));
  g_clear_error (&error);
  g_assert_false (oc_deck_check_text ("title", long_text, &error));
  g_assert_nonnull (strstr (error->message, "201 characters long"));
}

/* Every edit is stored at once and survives closing and reopening the store, slides with all
 * their fields; other decks are untouched. */
static void
test_persist (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (OcDeckSlide) a = slide ("a", "First");
  g_autoptr (OcDeckSlide) b = slide ("b", NULL);
  g_autoptr (OcDeckSlide) c = slide ("c", NULL);
  g_autoptr (OcDeck) deck = NULL;
  g_autoptr (GPtrArray) decks = NULL;
  g_autofree char *o1 = NULL, *o2 = NULL, *o3 = NULL;
  const OcDeckSlide *s;
  guint at = 99;

  oc_deck_slide_set_caption (b, "one line");
  oc_deck_slide_set_quick (c, TRUE, "40 epochs instead of 1000");
  g_assert_true (oc_store_deck_insert (f->store, "talk", b, -1, &at, &error));
  g_assert_cmpuint (at, ==, 0);
  g_assert_true (oc_store_deck_insert (f->store, "talk", c, -1, &at, &error));
  g_assert_cmpuint (at, ==, 1);
  g_assert_true (oc_store_deck_insert (f->store, "talk", a, 0, &at, &error));
  g_assert_cmpuint (at, ==, 0);
  g_assert_true (oc_store_deck_insert (f->store, "other", a, -1, NULL, &error));
  g_assert_no_error (error);
  o1 = stored_order (f->store, "talk");
  g_assert_cmpstr (o1, ==, "a,b,c");

  g_assert_true (oc_store_deck_move (f->store, "talk", 2, 0, &error));
  g_assert_true (oc_store_deck_set_title (f->store, "talk", 1, "Renamed", &error));
  g_assert_true (oc_store_deck_set_caption (f->store, "talk", 2, NULL, &error));
  g_assert_no_error (error);
  /* A failed edit changes nothing. */
  g_assert_false (oc_store_deck_move (f->store, "talk", 0, 7, &error));
  g_assert_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (oc_store_deck_remove (f->store, "nope", 0, &error));
  g_assert_error (error, OC_ERROR, OC_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "its decks are: other, talk"));
  g_clear_error (&error);
  g_assert_false (oc_store_deck_set_caption (f->store, "talk", 0, "a\tb", &error));
  g_assert_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  /* Reopen. */
  g_clear_pointer (&f->store, oc_store_close);
  f->store = oc_store_open (f->path, OC_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  deck = oc_store_load_deck (f->store, "talk", &error);
  g_assert_no_error (error);
  o2 = order (deck);
  g_assert_cmpstr (o2, ==, "c,a,b");
  s = oc_deck_get_slide (deck, 0);
  g_assert_true (s->quick);
  g_assert_cmpstr (s->quick_note, ==, "40 epochs instead of 1000");
  g_assert_cmpstr (s->experiment_id, ==, "0123456789abcdef");
  g_assert_cmpuint (g_strv_length (s->params), ==, 1);
  g_assert_cmpstr (s->params[0], ==, "level=1");
  g_assert_null (s->title);
  s = oc_deck_get_slide (deck, 1);
  g_assert_cmpstr (s->title, ==, "Renamed");
  g_assert_false (s->quick);
  g_assert_null (s->quick_note);
  s = oc_deck_get_slide (deck, 2);
  g_assert_null (s->caption);
  g_assert_nonnull (deck->created);

  decks = oc_store_list_decks (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (decks->len, ==, 2);
  g_assert_cmpstr (((OcDeck *) decks->pdata[0])->name, ==, "other");
  g_assert_cmpuint (oc_deck_get_n_slides (decks->pdata[0]), ==, 1);
  g_assert_cmpuint (oc_deck_get_n_slides (decks->pdata[1]), ==, 3);

  /* Removing slides keeps positions dense; removing the deck removes its slides. */
  g_assert_true (oc_store_deck_remove (f->store, "talk", 1, &error));
  o3 = stored_order (f->store, "talk");
  g_assert_cmpstr (o3, ==, "c,b");
  g_assert_true (oc_store_remove_deck (f->store, "talk", &error));
  g_assert_no_error (error);
  g_assert_null (oc_store_load_deck (f->store, "talk", &error));
  g_assert_error (error, OC_ERROR, OC_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_clear_pointer (&f->store, oc_store_close);
  {
    sqlite3 *db = NULL;
    sqlite3_stmt *q = NULL;

    g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM slides", -1, &q, NULL), ==,
                     SQLITE_OK);
    g_assert_cmpint (sqlite3_step (q), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (q, 0), ==, 1); /* "other"'s */
    sqlite3_finalize (q);
    sqlite3_close (db);
  }
}

#define TRAIN_JSON \
  "{\"version\":1,\"kind\":\"train\",\"data\":{\"name\":\"blobs\",\"n_points\":300}," \
  "\"model\":{\"hidden\":[8]},\"train\":{\"epochs\":3},\"run\":{\"threads\":1}}"

static char *
run_train (OcStore *store)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (OcSpec) spec = oc_spec_new_from_json (TRAIN_JSON, -1, NULL, &error);
  OcRunSummary sum;

  g_assert_no_error (error);
  g_assert_true (oc_experiment_run (spec, store, NULL, NULL, NULL, NULL, &sum, &error));
  g_assert_no_error (error);
  return g_strdup (sum.id);
}

/* A store of schema 2 (before decks) opens as the current schema with its experiments, and
 * takes decks. */
static void
test_upgrade_v2 (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  guint n_builtin;
  const OcStoreMigration *builtin = oc_store_migrations (&n_builtin);
  g_autofree char *path = g_build_filename (f->dir, "v2.db", NULL);
  g_autofree char *id = NULL, *o = NULL;
  g_autoptr (OcStore) store = oc_store_open_with_migrations (path, OC_STORE_OPEN_CREATE, builtin,
                                                             2, &error);
  g_autoptr (OcStoreExperiment) e = NULL;
  g_autoptr (OcDeckSlide) s = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (n_builtin, ==, 3);
  id = run_train (store);
  /* Schema 2 has no decks. */
  g_assert_null (oc_store_list_decks (store, &error));
  g_assert_error (error, OC_ERROR, OC_ERROR_STORE);
  g_clear_error (&error);
  g_clear_pointer (&store, oc_store_close);

  store = oc_store_open (path, OC_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  e = oc_store_find_experiment (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (e->status, ==, OC_STATUS_FINISHED);
  s = oc_deck_slide_new (id, "learning-curves", NULL);
  g_assert_true (oc_store_deck_insert (store, "talk", s, -1, NULL, &error));
  g_assert_no_error (error);
  o = stored_order (store, "talk");
  g_assert_cmpstr (o, ==, "learning-curves");
  g_assert_true (oc_store_check_integrity (store, &error));
  g_assert_no_error (error);
}

/* Merging ignores the other store's decks and keeps this one's. */
static void
test_merge (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *other_path = g_build_filename (f->dir, "other.db", NULL);
  g_autoptr (OcStore) other = oc_store_open (other_path, OC_STORE_OPEN_CREATE, &error);
  g_autoptr (OcDeckSlide) s = slide ("a", NULL);
  g_autoptr (OcDeckSlide) t = slide ("b", NULL);
  g_autoptr (GPtrArray) decks = NULL;
  g_autofree char *id = NULL, *o = NULL;
  OcStoreMergeStats stats;

  g_assert_no_error (error);
  id = run_train (other);
  g_assert_true (oc_store_deck_insert (other, "theirs", s, -1, NULL, &error));
  g_assert_true (oc_store_deck_insert (other, "talk", s, -1, NULL, &error));
  g_assert_true (oc_store_deck_insert (f->store, "talk", t, -1, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&other, oc_store_close);

  g_assert_true (oc_store_merge (f->store, other_path, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.experiments_added, ==, 1);
  decks = oc_store_list_decks (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (decks->len, ==, 1);
  o = stored_order (f->store, "talk");
  g_assert_cmpstr (o, ==, "b");
}

static char *
run_tool (const char *const *argv)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL,
                     &status, &error))
    return NULL;
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_steal_pointer (&out);
}

/* A deck of three slides of a stored experiment as a PDF: three pages of 16:9, the titles,
 * captions and the quick-variant note as text; as PNGs: three files of the slide size; a bad
 * slide fails the export naming it and leaves nothing. */
static void
test_export (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *id = run_train (f->store);
  g_autofree char *pdf = g_build_filename (f->dir, "deck.pdf", NULL);
  g_autofree char *png_dir = g_build_filename (f->dir, "slides", NULL);
  g_autofree char *info = NULL, *text = NULL;
  g_autoptr (OcDeck) deck = oc_deck_new ("talk");
  OcDeckSlide *s;
  guint n = 0;
  const char *pdfinfo[] = { "pdfinfo", pdf, NULL };
  const char *pdftotext[] = { "pdftotext", pdf, "-", NULL };

  s = oc_deck_slide_new (id, "learning-curves", NULL);
  oc_deck_slide_set_caption (s, "Loss falls as the blobs separate");
  oc_deck_insert (deck, s, -1, NULL);
  s = oc_deck_slide_new (id, "decision-boundary", NULL);
  oc_deck_slide_set_title (s, "Where the classes meet");
  oc_deck_slide_set_quick (s, TRUE, "3 epochs instead of 300");
  oc_deck_insert (deck, s, -1, NULL);
  s = oc_deck_slide_new (id, "weight-histogram", NULL);
  oc_deck_insert (deck, s, -1, NULL);

  g_assert_true (oc_deck_export (f->store, deck, pdf, OC_PLOT_FORMAT_PDF, OC_PLOT_SLIDE_WIDTH,
                                 OC_PLOT_SLIDE_HEIGHT, 1, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);
  info = run_tool (pdfinfo);
  if (info == NULL)
    {
      g_test_skip ("pdfinfo is not installed (poppler-utils)");
      return;
    }
  g_assert_nonnull (strstr (info, "Pages:           3\n"));
  g_assert_nonnull (strstr (info, "Page size:       1280 x 720 pts"));
  text = run_tool (pdftotext);
  g_assert_nonnull (text);
  g_assert_nonnull (strstr (text, "Loss falls as the blobs separate"));
  g_assert_nonnull (strstr (text, "Where the classes meet"));
  g_assert_nonnull (strstr (text, "Quick variant: 3 epochs instead of 300"));
  /* The page number in the corner (pdftotext may close up the spaces). */
  g_assert_true (strstr (text, "2 / 3") != NULL || strstr (text, "2/3") != NULL);

  g_assert_true (oc_deck_export (f->store, deck, png_dir, OC_PLOT_FORMAT_PNG, 640, 360, 1, &n,
                                 &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 3);
  for (guint i = 1; i <= 3; i++)
    {
      g_autofree char *name = oc_deck_slide_file_name (i, OC_PLOT_FORMAT_PNG);
      g_autofree char *file = g_build_filename (png_dir, name, NULL);
      cairo_surface_t *img = cairo_image_surface_create_from_png (file);

      g_assert_cmpint (cairo_surface_status (img), ==, CAIRO_STATUS_SUCCESS);
      g_assert_cmpint (cairo_image_surface_get_width (img), ==, 640);
      g_assert_cmpint (cairo_image_surface_get_height (img), ==, 360);
      cairo_surface_destroy (img);
    }
  /* A shorter deck exported again: the third file goes. */
  oc_deck_remove (deck, 2, NULL);
  g_assert_true (oc_deck_export (f->store, deck, png_dir, OC_PLOT_FORMAT_PNG, 640, 360, 1, &n,
                                 &error));
  {
    g_autofree char *third = g_build_filename (png_dir, "slide-03.png", NULL);

    g_assert_false (g_file_test (third, G_FILE_TEST_EXISTS));
  }

  /* A slide of a figure the experiment lacks: the export fails naming it, writes nothing. */
  {
    g_autofree char *bad_pdf = g_build_filename (f->dir, "bad.pdf", NULL);
    g_autofree char *bad_dir = g_build_filename (f->dir, "bad", NULL);
    g_autoptr (GDir) d = NULL;
    const char *name;

    oc_deck_insert (deck, oc_deck_slide_new (id, "double-descent", NULL), -1, NULL);
    g_assert_false (oc_deck_export (f->store, deck, bad_pdf, OC_PLOT_FORMAT_PDF, 1280, 720, 1,
                                    NULL, &error));
    g_assert_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT);
    g_assert_nonnull (strstr (error->message, "Slide 3 (double-descent of "));
    g_clear_error (&error);
    g_assert_false (oc_deck_export (f->store, deck, bad_dir, OC_PLOT_FORMAT_SVG, 1280, 720, 1,
                                    NULL, &error));
    g_clear_error (&error);
    g_assert_false (g_file_test (bad_pdf, G_FILE_TEST_EXISTS));
    g_assert_false (g_file_test (bad_dir, G_FILE_TEST_EXISTS));
    /* No temporary folder left either. */
    d = g_dir_open (f->dir, 0, NULL);
    while ((name = g_dir_read_name (d)) != NULL)
      g_assert_null (strstr (name, "partial"));
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/deck/edit", test_edit);
  g_test_add_func ("/deck/names", test_names);
  g_test_add ("/deck/persist", Fixture, NULL, fixture_set_up, test_persist, fixture_tear_down);
  g_test_add ("/deck/upgrade-v2", Fixture, NULL, fixture_set_up, test_upgrade_v2,
              fixture_tear_down);
  g_test_add ("/deck/merge", Fixture, NULL, fixture_set_up, test_merge, fixture_tear_down);
  g_test_add ("/deck/export", Fixture, NULL, fixture_set_up, test_export, fixture_tear_down);
  return g_test_run ();
}
