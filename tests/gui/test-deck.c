/* test-deck.c — pinning figures to a deck, the Deck page and presentation mode in the real
 * window under Xvfb.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A small spiral sweep made by occam-cli is opened on the Sweep page; its figures are pinned and
 * the store's deck must hold their catalogue references in order. The Deck page retitles and
 * reorders; a new window must read the same deck back from the store. Presentation mode gets real
 * key presses from the X server (xdotool, through XTEST) and must move, blank and leave; its
 * slides are saved as PNG artefacts in the light and the dark style.
 */
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "gui-test-util.h"
#include "occam/oc-store-deck.h"
#include "oc-deck-export.h"
#include "oc-deck-page.h"
#include "oc-deck-pin.h"
#include "oc-figure-view.h"
#include "oc-presentation.h"
#include "oc-tour-page.h"
#include "occam-figures/oc-figure-catalog.h"
#include "occam-figures/oc-tour.h"
#include "oc-window.h"

static GSettings *settings;
static char      *sweep_id;

#define DECK_PAGE(w) OC_DECK_PAGE (oc_window_get_page ((w), "deck"))

/* The experiment every test pins from: made once. */
static const char *
stored_sweep (void)
{
  g_autofree char *store = oc_store_default_path ();
  g_autoptr (OcStore) handle = NULL;
  g_autoptr (GPtrArray) experiments = NULL;
  g_autoptr (GError) error = NULL;

  if (sweep_id != NULL)
    return sweep_id;
  {
    const char *sweep[] = { "sweep", "--dataset", "spiral", "--widths", "2,8", "--seeds", "0,1",
                            "--epochs", "5", "--store", store, "-q", NULL };
    g_free (gui_test_run_cli (sweep));
  }
  handle = gui_test_open_store ();
  experiments = oc_store_list_experiments (handle, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (experiments->len, ==, 1);
  sweep_id = g_strdup (((OcStoreExperiment *) experiments->pdata[0])->id);
  return sweep_id;
}

static gboolean
sweep_shown (gpointer data)
{
  OcWindow *window = data;
  OcSweepPage *page = SWEEP_PAGE (window);
  const OcSweepResults *r = oc_sweep_page_get_results (page);

  return g_strcmp0 (oc_experiment_page_get_experiment_id (OC_EXPERIMENT_PAGE (page)),
                    sweep_id) == 0
         && r != NULL && oc_sweep_results_get_n_finished (r) == 4
         && oc_figure_view_get_figure (oc_sweep_page_get_main_view (page)) != NULL;
}

/* A window showing the stored sweep on its Sweep page, opened from History. */
static OcWindow *
window_with_sweep (void)
{
  OcWindow *window;

  stored_sweep ();
  window = gui_test_window_new (settings);
  oc_window_show_page (window, "history");
  oc_history_page_reload (HISTORY_PAGE (window));
  oc_history_page_select (HISTORY_PAGE (window), sweep_id);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (HISTORY_PAGE (window)),
                                             "history.rerun", NULL));
  g_assert_true (gui_test_wait_for (sweep_shown, window, 30));
  return window;
}

static OcDeck *
stored_deck (const char *name)
{
  g_autoptr (OcStore) handle = gui_test_open_store ();
  g_autoptr (GError) error = NULL;
  OcDeck *deck = oc_store_load_deck (handle, name, &error);

  g_assert_no_error (error);
  return deck;
}

static void
assert_slide (const OcDeck *deck, guint i, const char *figure, const char *title)
{
  const OcDeckSlide *s = oc_deck_get_slide ((OcDeck *) deck, i);

  g_assert_cmpstr (s->experiment_id, ==, sweep_id);
  g_assert_cmpstr (s->figure, ==, figure);
  g_assert_cmpstr (s->title, ==, title);
}

/* ---- Pinning ---- */


/* Every figure @page shows now names a figure the catalogue builds from the store: what a slide
 * pinned from it will draw. Returns how many were checked. */
static guint
assert_references_build (OcPage *page)
{
  g_autoptr (GPtrArray) views = oc_page_get_figure_views (page);
  g_autoptr (OcStore) store = gui_test_open_store ();
  guint n = 0;

  for (guint i = 0; i < views->len; i++)
    {
      OcFigureView *view = views->pdata[i];
      g_autoptr (OcFigureCatalog) catalog = NULL;
      g_autoptr (OcPlotFigure) figure = NULL;
      g_autoptr (GError) error = NULL;

      if (oc_figure_view_get_experiment_id (view) == NULL)
        continue;
      catalog = oc_figure_catalog_new (store, oc_figure_view_get_experiment_id (view), &error);
      g_assert_no_error (error);
      figure = oc_figure_catalog_build (catalog, oc_figure_view_get_figure_name (view),
                                        oc_figure_view_get_figure_params (view), &error);
      g_assert_no_error (error);
      g_assert_nonnull (figure);
      g_test_message ("%s: %s", oc_figure_view_get_name (view),
                      oc_figure_view_get_figure_name (view));
      n++;
    }
  return n;
}

/* The pin is the view's own child, shown only while the pointer is over the figure. */
static gboolean
pin_shown (gpointer view)
{
  return gtk_widget_get_visible (gtk_widget_get_first_child (view));
}

static gboolean
page_has_figures (gpointer data)
{
  g_autoptr (GPtrArray) views = oc_page_get_figure_views (data);

  return views->len > 0;
}

static void
test_pin (void)
{
  OcWindow *window = window_with_sweep ();
  OcSweepPage *page = SWEEP_PAGE (window);
  OcFigureView *main_view = oc_sweep_page_get_main_view (page);
  OcFigureView *detail = oc_sweep_page_get_detail_view (page);
  g_autoptr (OcDeck) deck = NULL;

  /* Every figure of the page knows what it shows, as the catalogue names it. */
  g_assert_cmpstr (oc_figure_view_get_experiment_id (main_view), ==, sweep_id);
  g_assert_cmpstr (oc_figure_view_get_figure_name (main_view), ==, "double-descent");
  g_assert_null (oc_figure_view_get_figure_params (main_view)[0]);
  g_assert_cmpstr (oc_figure_view_get_figure_name (oc_sweep_page_get_seeds_view (page)), ==,
                   "seed-distribution");
  g_assert_cmpstr (oc_figure_view_get_figure_name (oc_sweep_page_get_norms_view (page)), ==,
                   "norms");

  g_assert_cmpuint (assert_references_build (OC_PAGE (page)), >=, 1);

  /* The pointer over a figure shows its pin (a snapshot to look at). */
  {
    graphene_point_t at;
    g_autofree char *x = NULL, *y = NULL;
    g_autofree char *xdotool = g_find_program_in_path ("xdotool");

    /* Laid out on the Sweep page first: it was just switched to. */
    gui_test_spin_for (0.5);
    g_assert_true (gtk_widget_compute_point (GTK_WIDGET (main_view), GTK_WIDGET (window),
                                             &GRAPHENE_POINT_INIT (200, 150), &at));
    x = g_strdup_printf ("%d", (int) at.x);
    y = g_strdup_printf ("%d", (int) at.y);
    {
      const char *argv[] = { "xdotool", "mousemove", x, y, NULL };

      if (xdotool != NULL)
        g_free (gui_test_spawn (argv));
    }
    if (xdotool != NULL)
      g_assert_true (gui_test_wait_for (pin_shown, main_view, 10));
    gui_test_save_snapshot (window, "pin-button");
  }

  /* The pin button's action, on three of them. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (main_view), "figure.pin", NULL));
  g_assert_true (g_str_has_prefix (oc_window_get_last_toast (window), "Pinned to “Talk”"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (oc_sweep_page_get_seeds_view (page)),
                                             "figure.pin", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (oc_sweep_page_get_norms_view (page)),
                                             "figure.pin", NULL));
  /* The learning curve of the selected width carries its parameter. */
  if (oc_figure_view_get_figure (detail) != NULL)
    {
      g_assert_cmpstr (oc_figure_view_get_figure_name (detail), ==, "learning-curve");
      g_assert_true (g_str_has_prefix (oc_figure_view_get_figure_params (detail)[0], "width="));
    }

  deck = stored_deck ("Talk");
  g_assert_cmpuint (oc_deck_get_n_slides (deck), ==, 3);
  assert_slide (deck, 0, "double-descent", NULL);
  assert_slide (deck, 1, "seed-distribution", NULL);
  assert_slide (deck, 2, "norms", NULL);
  g_clear_pointer (&deck, oc_deck_free);

  /* Ctrl+D with one figure in view pins that one; the toast's Undo takes it out again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.pin-figure", NULL));
  deck = stored_deck ("Talk");
  g_assert_cmpuint (oc_deck_get_n_slides (deck), ==, 4);
  assert_slide (deck, 3, "double-descent", NULL);
  g_clear_pointer (&deck, oc_deck_free);
  g_assert_nonnull (oc_window_get_toast (window));
  g_assert_cmpstr (adw_toast_get_button_label (oc_window_get_toast (window)), ==, "_Undo");
  g_signal_emit_by_name (oc_window_get_toast (window), "button-clicked");
  deck = stored_deck ("Talk");
  g_assert_cmpuint (oc_deck_get_n_slides (deck), ==, 3);
  assert_slide (deck, 2, "norms", NULL);
  gui_test_window_finish (window);
}

/* ---- The Deck page ---- */

typedef struct
{
  gboolean done, ok;
  guint    n;
} Exported;

static void
on_exported (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Exported *e = user_data;
  g_autoptr (GError) error = NULL;

  e->ok = oc_deck_export_finish (result, &e->n, &error);
  g_assert_no_error (error);
  e->done = TRUE;
}

static gboolean
exported (gpointer data)
{
  return ((Exported *) data)->done;
}

static void
test_deck_page (void)
{
  OcWindow *window = gui_test_window_new (settings);
  OcDeckPage *page = DECK_PAGE (window);
  g_autoptr (OcDeck) deck = NULL;
  const OcDeck *shown;

  stored_sweep ();
  oc_window_show_page (window, "deck");
  oc_deck_page_reload (page);
  shown = oc_deck_page_get_deck (page);
  g_assert_nonnull (shown);
  g_assert_cmpuint (oc_deck_get_n_slides ((OcDeck *) shown), ==, 3);

  /* Title and caption are written as they are typed. */
  gtk_editable_set_text (oc_deck_page_get_title_entry (page, 0), "Double descent, model-wise");
  gtk_editable_set_text (oc_deck_page_get_caption_entry (page, 0),
                         "Test error peaks where the network can just fit the data");
  deck = stored_deck ("Talk");
  assert_slide (deck, 0, "double-descent", "Double descent, model-wise");
  g_assert_cmpstr (oc_deck_get_slide (deck, 0)->caption, ==,
                   "Test error peaks where the network can just fit the data");
  g_clear_pointer (&deck, oc_deck_free);

  /* A second line is no caption: marked, and kept out of the store. */
  gtk_editable_set_text (oc_deck_page_get_caption_entry (page, 1), "two\nlines");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (oc_deck_page_get_caption_entry (page, 1)),
                                           "error"));
  gtk_editable_set_text (oc_deck_page_get_caption_entry (page, 1), "");

  /* Move down, then the last one up: seed-distribution, norms, double-descent. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "deck.down", "u", 0));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "deck.up", "u", 2));
  deck = stored_deck ("Talk");
  assert_slide (deck, 0, "seed-distribution", NULL);
  assert_slide (deck, 1, "norms", NULL);
  assert_slide (deck, 2, "double-descent", "Double descent, model-wise");
  g_clear_pointer (&deck, oc_deck_free);
  gui_test_save_snapshot (window, "deck-panel");
  gui_test_window_finish (window);

  /* A new window reads the same deck back. */
  window = gui_test_window_new (settings);
  page = DECK_PAGE (window);
  shown = oc_deck_page_get_deck (page);
  g_assert_cmpuint (oc_deck_get_n_slides ((OcDeck *) shown), ==, 3);
  g_assert_cmpstr (oc_deck_get_slide ((OcDeck *) shown, 2)->title, ==,
                   "Double descent, model-wise");
  g_assert_cmpstr (gtk_editable_get_text (oc_deck_page_get_title_entry (page, 2)), ==,
                   "Double descent, model-wise");

  /* Export from the window: the deck library's export on a worker, a PDF page per slide and
   * a PNG per slide in a folder. */
  {
    const char *dir = g_getenv ("OC_TEST_ARTIFACTS");
    g_autofree char *pdf = g_build_filename (dir ? dir : ".", "deck-export.pdf", NULL);
    g_autofree char *folder = g_build_filename (dir ? dir : ".", "deck-export", NULL);
    g_autofree char *png = g_build_filename (folder, "slide-03.png", NULL);
    g_autofree char *named = g_strconcat (folder, ".png", NULL);
    g_autofree char *info = NULL;
    Exported e = { 0 };

    g_unlink (pdf);
    oc_deck_export_start (GTK_WIDGET (window), oc_window_get_workspace (window),
                          oc_deck_page_get_deck (page), pdf, "pdf", on_exported, &e);
    g_assert_true (gui_test_wait_for (exported, &e, 60));
    g_assert_true (e.ok);
    {
      const char *argv[] = { "pdfinfo", pdf, NULL };

      info = gui_test_spawn (argv);
    }
    g_assert_nonnull (strstr (info, "Pages:           3"));

    /* "deck-export.png" as the name: the folder deck-export. */
    e = (Exported) { 0 };
    g_unlink (png);
    oc_deck_export_start (GTK_WIDGET (window), oc_window_get_workspace (window),
                          oc_deck_page_get_deck (page), named, "png", on_exported, &e);
    g_assert_true (gui_test_wait_for (exported, &e, 60));
    g_assert_true (e.ok);
    g_assert_cmpuint (e.n, ==, 3);
    g_assert_true (g_file_test (png, G_FILE_TEST_EXISTS));
  }

  /* Remove, and the deck shrinks in the store. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "deck.remove", "u", 1));
  deck = stored_deck ("Talk");
  g_assert_cmpuint (oc_deck_get_n_slides (deck), ==, 2);
  assert_slide (deck, 1, "double-descent", "Double descent, model-wise");
  gui_test_window_finish (window);
}

/* ---- Presentation mode ---- */

typedef struct
{
  OcPresentation *p;
  guint           position;
  gboolean        blank;
} Wanted;

static gboolean
at (gpointer data)
{
  Wanted *w = data;

  return oc_presentation_get_position (w->p) == w->position
         && oc_presentation_get_blank (w->p) == w->blank;
}

static gboolean
is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static gboolean
mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

/* A real key press from the X server to the window with the input focus. */
static void
send_key (const char *key)
{
  const char *argv[] = { "xdotool", "key", key, NULL };

  g_free (gui_test_spawn (argv));
}

/* Presses @key and waits for slide @position, blanked or not. */
static void
press (OcPresentation *p, const char *key, guint position, gboolean blank)
{
  Wanted w = { p, position, blank };

  send_key (key);
  if (!gui_test_wait_for (at, &w, 10))
    g_error ("after %s: slide %u%s, expected %u%s", key, oc_presentation_get_position (p),
             oc_presentation_get_blank (p) ? " (blank)" : "", position, blank ? " (blank)" : "");
}

typedef struct
{
  OcPresentation *p;
  guint           builds;
  OcSweepPage    *page;
} Builds;

static gboolean
run_over (gpointer data)
{
  return !PAGE_RUNNING (data);
}

static gboolean
built_again (gpointer data)
{
  Builds *b = data;

  return oc_presentation_get_n_builds (b->p) > b->builds;
}

static void
focus_window (void)
{
  /* Xvfb has no window manager: give the presentation the input focus by hand. */
  const char *argv[] = { "xdotool", "search", "--sync", "--name", "slide [0-9]+ of",
                         "windowfocus", "--sync", NULL };

  g_free (gui_test_spawn (argv));
  gui_test_spin_for (0.2);
}

static void
snapshots (OcPresentation *p, const char *style)
{
  for (guint i = 0; i < oc_presentation_get_n_slides (p); i++)
    {
      g_autofree char *name = g_strdup_printf ("presentation-%s-%u", style, i + 1);

      oc_presentation_go_to (p, i);
      gui_test_save_window_snapshot (GTK_WINDOW (p), name);
    }
}

static gboolean
figure_drawn (gpointer p)
{
  return oc_presentation_get_figure_area (p, NULL, NULL, NULL, NULL);
}

static gboolean
view_sized (gpointer view)
{
  return gtk_widget_get_width (view) > 100 && oc_figure_view_get_n_draws (view) > 0;
}

typedef struct
{
  OcPresentation *p;
  const char     *text;
} Readout;

static gboolean
reads (gpointer data)
{
  Readout *r = data;
  g_autofree char *text = oc_presentation_dup_readout (r->p);

  return g_strcmp0 (text, r->text) == 0;
}

/* What a figure view in the window reads out for @figure's element @hit. */
static char *
view_readout (OcPlotFigure *figure, const OcPlotHit *hit)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = oc_figure_view_new ();
  g_autoptr (OcPlotLayout) layout = NULL;
  OcPlotTheme theme;
  OcPlotHit at = *hit;
  char *text;

  oc_figure_view_set_figure (OC_FIGURE_VIEW (view), figure);
  gtk_window_set_default_size (GTK_WINDOW (window), 720, 480);
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (gui_test_wait_for (view_sized, view, 10));
  oc_figure_view_screen_theme (view, &theme);
  layout = oc_plot_layout_new (figure, gtk_widget_get_width (view), gtk_widget_get_height (view),
                               &theme);
  g_assert_true (oc_plot_layout_locate (layout, &at));
  g_assert_true (gui_test_hover (OC_FIGURE_VIEW (view), at.x, at.y));
  text = oc_figure_view_dup_readout (OC_FIGURE_VIEW (view));
  gtk_window_destroy (GTK_WINDOW (window));
  return text;
}

/* The values under the pointer on the slide of the Sweep page's main figure (slide 3): the
 * pointer on a point reads out what a figure view reads for that point, and the readout goes
 * with the slide. The point is found on a layout made here, from the store, of the slide's
 * figure (untitled, as the slide draws it) at the size of the slide's figure area. */
static void
check_readout (OcPresentation *p)
{
  g_autoptr (OcStore) store = gui_test_open_store ();
  g_autofree char *name = oc_deck_pin_current_deck (settings);
  g_autoptr (GError) error = NULL;
  g_autoptr (OcDeck) deck = oc_store_load_deck (store, name, &error);
  g_autoptr (OcPlotFigure) untitled = NULL;
  g_autoptr (OcPlotLayout) layout = NULL;
  g_autofree char *expect = NULL, *text = NULL, *in_view = NULL, *move = NULL;
  OcPlotTheme theme;
  OcPlotHit hit;
  double ax, ay, aw, ah, px, py;
  Readout r = { p, NULL };

  g_assert_no_error (error);
  untitled = oc_deck_slide_build (store, oc_deck_get_slide (deck, 2), &error);
  g_assert_no_error (error);
  /* What the view shows for the same element, with the figure's own title. */
  oc_presentation_go_to (p, 2);
  g_assert_true (gui_test_wait_for (figure_drawn, p, 10));
  g_assert_true (oc_presentation_get_figure_area (p, &ax, &ay, &aw, &ah));
  g_assert_cmpfloat (ax, >, 0);
  g_assert_cmpfloat (ay, >, 0);
  g_assert_cmpfloat (ax + aw, <=, gtk_widget_get_width (GTK_WIDGET (p)));
  g_assert_cmpfloat (ay + ah, <=, gtk_widget_get_height (GTK_WIDGET (p)));

  oc_plot_figure_set_title (untitled, NULL);
  oc_presentation_theme (adw_style_manager_get_dark (adw_style_manager_get_default ()), &theme);
  layout = oc_plot_layout_new (untitled, aw, ah, &theme);
  /* The second point of the first series (a corner point could be clipped by the frame). */
  g_assert_true (oc_plot_layout_first (layout, &hit));
  g_assert_true (oc_plot_layout_step (layout, &hit, 1, 0, &hit));
  expect = oc_plot_layout_describe_hit (layout, &hit);
  g_assert_nonnull (expect);
  in_view = view_readout (oc_deck_slide_build (store, oc_deck_get_slide (deck, 2), &error), &hit);
  g_assert_no_error (error);
  g_assert_cmpstr (in_view, ==, expect);
  focus_window ();

  /* The real pointer, moved by the X server onto the point. */
  px = round (ax + hit.x);
  py = round (ay + hit.y);
  move = g_strdup_printf ("%d", (int) px);
  {
    g_autofree char *y = g_strdup_printf ("%d", (int) py);
    const char *argv[] = { "xdotool", "search", "--sync", "--name", "slide [0-9]+ of",
                           "mousemove", "--sync", "--window", "%1", move, y, NULL };

    g_free (gui_test_spawn (argv));
  }
  r.text = expect;
  if (!gui_test_wait_for (reads, &r, 10))
    {
      g_autofree char *got = oc_presentation_dup_readout (p);

      g_error ("pointer at %g, %g: readout “%s”, expected “%s”", px, py, got, expect);
    }
  /* The same with the call the motion makes; away from every element, nothing. */
  g_assert_false (oc_presentation_hover_at (p, 2, 2));
  g_assert_null (oc_presentation_dup_readout (p));
  g_assert_true (oc_presentation_hover_at (p, px, py));
  text = oc_presentation_dup_readout (p);
  g_assert_cmpstr (text, ==, in_view);

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_LIGHT);
  oc_presentation_hover_at (p, px, py); /* the pointer hides after 2 s still */
  gui_test_save_window_snapshot (GTK_WINDOW (p), "presentation-light-readout");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_DARK);
  oc_presentation_hover_at (p, px, py);
  gui_test_save_window_snapshot (GTK_WINDOW (p), "presentation-dark-readout");
  /* Drawn again in the other style, the element is found again under the pointer. */
  g_clear_pointer (&text, g_free);
  text = oc_presentation_dup_readout (p);
  g_assert_cmpstr (text, ==, expect);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_DEFAULT);

  /* Another slide: no readout until the pointer moves again, not even back on this slide with
   * the pointer still where the point is. */
  oc_presentation_go_to (p, 1);
  g_assert_null (oc_presentation_dup_readout (p));
  g_assert_true (gui_test_wait_for (figure_drawn, p, 10));
  g_assert_null (oc_presentation_dup_readout (p));
  oc_presentation_go_to (p, 2);
  g_assert_true (gui_test_wait_for (figure_drawn, p, 10));
  g_assert_null (oc_presentation_dup_readout (p));
  /* Until it moves: then the point reads out again. */
  g_assert_true (oc_presentation_hover_at (p, px, py));
  g_clear_pointer (&text, g_free);
  text = oc_presentation_dup_readout (p);
  g_assert_cmpstr (text, ==, expect);
}

static void
test_presentation (void)
{
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");
  OcWindow *window = window_with_sweep ();
  OcPresentation *p;
  Builds builds;

  if (xdotool == NULL)
    {
      g_test_skip ("xdotool is not installed (build-aux/packages.txt)");
      gui_test_window_finish (window);
      return;
    }
  /* Three slides: the Deck page test left two; one more. */
  g_assert_true (gtk_widget_activate_action (
    GTK_WIDGET (oc_sweep_page_get_main_view (SWEEP_PAGE (window))), "figure.pin", NULL));
  p = oc_presentation_run (GTK_WINDOW (window), oc_window_get_workspace (window), 0);
  g_assert_nonnull (p);
  g_object_add_weak_pointer (G_OBJECT (p), (gpointer *) &p);
  g_assert_true (gui_test_wait_for (mapped, p, 10));
  g_assert_cmpuint (oc_presentation_get_n_slides (p), ==, 3);
  g_assert_cmpuint (oc_presentation_get_position (p), ==, 0);
  focus_window ();

  press (p, "Page_Down", 1, FALSE);
  press (p, "space", 2, FALSE);
  press (p, "space", 2, FALSE); /* the last slide stays */
  press (p, "Home", 0, FALSE);
  press (p, "Page_Up", 0, FALSE); /* the first too */
  press (p, "Right", 1, FALSE);
  press (p, "Left", 0, FALSE);
  press (p, "Down", 1, FALSE);
  press (p, "Up", 0, FALSE);
  press (p, "End", 2, FALSE);
  press (p, "BackSpace", 1, FALSE);
  press (p, "b", 1, TRUE);
  press (p, "b", 1, FALSE);
  press (p, "period", 1, TRUE);
  press (p, "Next", 2, FALSE); /* a clicker's PageDown shows the next slide, unblanked */

  /* The slide's experiment runs again on the Sweep page (Run Again): as it reports, the slide
   * is built again from the store. */
  builds.p = p;
  builds.builds = oc_presentation_get_n_builds (p);
  builds.page = SWEEP_PAGE (window);
  oc_experiment_page_run (OC_EXPERIMENT_PAGE (builds.page));
  g_assert_true (PAGE_RUNNING (builds.page));
  g_assert_true (gui_test_wait_for (built_again, &builds, 60));
  g_assert_true (gui_test_wait_for (run_over, builds.page, 60));

  check_readout (p);

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_LIGHT);
  snapshots (p, "light");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_DARK);
  snapshots (p, "dark");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_DEFAULT);

  send_key ("Escape");
  g_assert_true (gui_test_wait_for (is_null, &p, 10));
  gui_test_window_finish (window);
}

/* ---- The Tour page ---- */

static gboolean
scene_has_figures (gpointer data)
{
  GPtrArray *views = oc_tour_page_get_views (data);

  return views->len > 0 && oc_figure_view_get_figure (views->pdata[0]) != NULL;
}

static void
test_tour (void)
{
  g_autofree char *store = oc_store_default_path ();
  OcWindow *window;
  OcTourPage *page;
  guint n_scenes, landscape = G_MAXUINT;
  const OcTourScene *scenes = oc_tour_scenes (&n_scenes);
  GPtrArray *views;
  g_autoptr (OcDeck) deck = NULL;

  /* The cheapest scene, prepared as the command line does it the evening before. */
  {
    const char *prepare[] = { "tour", "--prepare", "--quick", "landscape", "--store", store, "-q",
                              NULL };
    g_free (gui_test_run_cli (prepare));
  }
  for (guint i = 0; i < n_scenes; i++)
    if (g_strcmp0 (scenes[i].id, "landscape") == 0)
      landscape = i;
  g_assert_cmpuint (landscape, <, n_scenes);

  window = gui_test_window_new (settings);
  page = OC_TOUR_PAGE (oc_window_get_page (window, "tour"));
  g_assert_cmpuint (oc_tour_page_get_n_scenes (page), ==, n_scenes);
  oc_window_show_page (window, "tour");
  oc_tour_page_show_scene (page, landscape);
  g_assert_true (gui_test_wait_for (scene_has_figures, page, 10));
  g_test_message ("status: %s", oc_tour_page_get_status (page));
  g_assert_nonnull (strstr (oc_tour_page_get_status (page), "quick variant is in the store"));

  /* Its figures, drawn from the store, carry their references: they pin like any other. */
  views = oc_tour_page_get_views (page);
  g_assert_cmpuint (views->len, ==, scenes[landscape].n_figures);
  g_assert_cmpstr (oc_figure_view_get_figure_name (views->pdata[0]), ==,
                   scenes[landscape].figures[0].name);
  g_assert_nonnull (oc_figure_view_get_experiment_id (views->pdata[0]));
  g_assert_true (gtk_widget_activate_action (views->pdata[0], "figure.pin", NULL));
  deck = stored_deck ("Talk");
  g_assert_cmpstr (oc_deck_get_slide (deck, oc_deck_get_n_slides (deck) - 1)->experiment_id, ==,
                   oc_figure_view_get_experiment_id (views->pdata[0]));

  /* Ctrl+D with several figures in view and none focused asks which, as Export does. */
  g_clear_pointer (&deck, oc_deck_free);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.pin-figure", NULL));
  {
    g_autoptr (GList) toplevels = gtk_window_list_toplevels ();
    AdwMessageDialog *dialog = NULL;

    for (GList *l = toplevels; l != NULL; l = l->next)
      if (ADW_IS_MESSAGE_DIALOG (l->data))
        dialog = l->data;
    g_assert_nonnull (dialog);
    gtk_drop_down_set_selected (GTK_DROP_DOWN (adw_message_dialog_get_extra_child (dialog)), 1);
    adw_message_dialog_response (dialog, "pin");
  }
  deck = stored_deck ("Talk");
  g_assert_cmpstr (oc_deck_get_slide (deck, oc_deck_get_n_slides (deck) - 1)->figure, ==,
                   oc_figure_view_get_figure_name (views->pdata[1]));

  /* Opened on the Landscape page, its figures there name what the catalogue draws. */
  {
    g_autoptr (OcSpec) spec = oc_tour_scene_spec (&scenes[landscape], TRUE, NULL);
    GtkWidget *lpage = oc_window_get_page (window, "landscape");

    g_assert_nonnull (spec);
    oc_workspace_open_spec (oc_window_get_workspace (window), spec);
    g_assert_true (gui_test_wait_for (page_has_figures, lpage, 30));
    g_assert_cmpuint (assert_references_build (OC_PAGE (lpage)), >=, 1);
    oc_window_show_page (window, "tour");
  }

  /* A scene not prepared says how long it would take. */
  oc_tour_page_show_scene (page, 0);
  g_assert_nonnull (strstr (oc_tour_page_get_status (page), "Not in the store yet"));
  oc_tour_page_show_scene (page, landscape);
  g_assert_true (gui_test_wait_for (scene_has_figures, page, 10));
  gui_test_save_snapshot (window, "tour-page");
  gui_test_window_finish (window);
}

int
main (int argc, char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  settings = gui_test_init ("deck");
  gui_test_reset_settings (settings);

  g_test_add_func ("/deck/pin", test_pin);
  g_test_add_func ("/deck/page", test_deck_page);
  g_test_add_func ("/deck/presentation", test_presentation);
  g_test_add_func ("/deck/tour", test_tour);
  status = g_test_run ();
  g_object_unref (settings);
  g_free (sweep_id);
  return status;
}
