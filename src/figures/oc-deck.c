/* oc-deck.c — see oc-deck.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "occam/oc-error.h"
#include "occam-figures/oc-deck.h"
#include "occam-figures/oc-figure-catalog.h"

OcPlotFigure *
oc_deck_slide_build (OcStore *store, const OcDeckSlide *slide, GError **error)
{
  g_autoptr (OcFigureCatalog) catalog = NULL;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (slide != NULL, NULL);

  catalog = oc_figure_catalog_new (store, slide->experiment_id, error);
  if (catalog == NULL)
    return NULL;
  return oc_figure_catalog_build (catalog, slide->figure, (const char *const *) slide->params,
                                  error);
}

const char *
oc_deck_slide_get_title (const OcDeckSlide *slide, const OcPlotFigure *figure)
{
  g_return_val_if_fail (slide != NULL, NULL);

  if (slide->title != NULL)
    return slide->title;
  if (figure != NULL && oc_plot_figure_get_title (figure) != NULL)
    return oc_plot_figure_get_title (figure);
  return slide->figure;
}

void
oc_deck_slide_draw (const OcDeckSlide *slide, const OcPlotFigure *figure, const char *problem,
                    cairo_t *cr, double width, double height, const OcPlotTheme *theme,
                    guint number, guint n_slides)
{
  oc_deck_slide_draw_full (slide, figure, problem, cr, width, height, theme, number, n_slides,
                           NULL);
}

void
oc_deck_slide_draw_full (const OcDeckSlide *slide, const OcPlotFigure *figure,
                         const char *problem, cairo_t *cr, double width, double height,
                         const OcPlotTheme *theme, guint number, guint n_slides,
                         OcPlotLayout **layout)
{
  g_autofree char *note = NULL, *footer = NULL, *what = NULL;
  const char *body[3] = { NULL, NULL, NULL };
  OcPlotSlideText text = { 0 };

  if (layout != NULL)
    *layout = NULL;
  g_return_if_fail (slide != NULL);
  g_return_if_fail (cr != NULL);

  if (theme == NULL)
    theme = oc_plot_theme_get (OC_PLOT_THEME_PRESENTATION);
  text.title = oc_deck_slide_get_title (slide, figure);
  text.caption = slide->caption;
  if (slide->quick)
    note = slide->quick_note != NULL ? g_strdup_printf (_("Quick variant: %s"), slide->quick_note)
                                     : g_strdup (_("Quick variant"));
  text.note = note;
  if (n_slides > 0)
    footer = g_strdup_printf ("%u / %u", number, n_slides);
  text.footer = footer;
  if (figure == NULL)
    {
      /* What the slide would show, and why it cannot. */
      what = g_strdup_printf (_("Figure “%s” of experiment %s could not be drawn."),
                              slide->figure, slide->experiment_id);
      body[0] = what;
      body[1] = problem;
      text.body = body;
    }
  oc_plot_slide_draw_full (figure, &text, cr, width, height, theme, layout);
}

GPtrArray *
oc_deck_build_figures (OcStore *store, const OcDeck *deck, GError **error)
{
  g_autoptr (GPtrArray) figures = NULL;

  g_return_val_if_fail (store != NULL && deck != NULL, NULL);

  figures = g_ptr_array_new_with_free_func ((GDestroyNotify) oc_plot_figure_free);
  for (guint i = 0; i < deck->slides->len; i++)
    {
      const OcDeckSlide *slide = deck->slides->pdata[i];
      g_autoptr (GError) local = NULL;
      OcPlotFigure *figure = oc_deck_slide_build (store, slide, &local);

      if (figure == NULL)
        {
          g_set_error (error, OC_ERROR, local->code, _("Slide %u (%s of %s): %s"), i + 1,
                       slide->figure, slide->experiment_id, local->message);
          return NULL;
        }
      g_ptr_array_add (figures, figure);
    }
  return g_steal_pointer (&figures);
}

typedef struct
{
  const OcDeck *deck;
  GPtrArray    *figures;
  guint         first; /* the page drawn as page 0 */
} DeckPages;

static gboolean
draw_page (cairo_t *cr, guint page, double width, double height, gpointer user_data,
           GError **error)
{
  const DeckPages *p = user_data;
  guint i = p->first + page;

  oc_deck_slide_draw (p->deck->slides->pdata[i], p->figures->pdata[i], NULL, cr, width, height,
                      NULL, i + 1, p->deck->slides->len);
  return TRUE;
}

static gboolean
check_not_empty (const OcDeck *deck, GError **error)
{
  if (deck->slides->len > 0)
    return TRUE;
  g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
               _("Deck “%s” has no slides to export; add one with occam-cli deck add"),
               deck->name);
  return FALSE;
}

GBytes *
oc_deck_render_pdf (OcStore *store, const OcDeck *deck, double width, double height,
                    GError **error)
{
  g_autoptr (GPtrArray) figures = NULL;
  DeckPages pages;

  g_return_val_if_fail (store != NULL && deck != NULL, NULL);

  if (!check_not_empty (deck, error))
    return NULL;
  figures = oc_deck_build_figures (store, deck, error);
  if (figures == NULL)
    return NULL;
  pages = (DeckPages) { deck, figures, 0 };
  return oc_plot_pages_render (OC_PLOT_FORMAT_PDF, deck->slides->len, width, height, 1,
                               deck->name, draw_page, &pages, error);
}

static const char *
extension (OcPlotFormat format)
{
  return format == OC_PLOT_FORMAT_SVG ? "svg" : format == OC_PLOT_FORMAT_PDF ? "pdf" : "png";
}

char *
oc_deck_slide_file_name (guint number, OcPlotFormat format)
{
  return g_strdup_printf ("slide-%02u.%s", number, extension (format));
}

static gboolean
write_whole (const char *path, GBytes *bytes, GError **error)
{
  g_autoptr (GError) local = NULL;
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  if (!g_file_set_contents_full (path, data, (gssize) size, G_FILE_SET_CONTENTS_CONSISTENT, 0666,
                                 &local))
    {
      g_set_error (error, OC_ERROR, OC_ERROR_IO, "%s", local->message);
      return FALSE;
    }
  return TRUE;
}

/* Removes slide-NN.EXT files numbered past @n in @dir. */
static void
remove_stale (const char *dir, guint n, OcPlotFormat format)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  g_autofree char *suffix = g_strconcat (".", extension (format), NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      char *end = NULL;
      guint64 number;

      if (!g_str_has_prefix (name, "slide-") || !g_str_has_suffix (name, suffix))
        continue;
      number = g_ascii_strtoull (name + 6, &end, 10);
      if (end == name + 6 || g_strcmp0 (end, suffix) != 0 || number <= n)
        continue;
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);

        g_unlink (path);
      }
    }
}

static void
remove_tree (const char *dir, GPtrArray *names)
{
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, names->pdata[i], NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

gboolean
oc_deck_export (OcStore *store, const OcDeck *deck, const char *path, OcPlotFormat format,
                double width, double height, double scale, guint *n_written_out,
                GError **error)
{
  g_autoptr (GPtrArray) figures = NULL;
  g_autoptr (GPtrArray) pages = NULL, names = NULL;
  g_autofree char *tmp = NULL;
  gboolean exists;
  const char *dir;

  g_return_val_if_fail (store != NULL && deck != NULL && path != NULL, FALSE);

  if (format == OC_PLOT_FORMAT_PDF)
    {
      g_autoptr (GBytes) pdf = oc_deck_render_pdf (store, deck, width, height, error);

      if (pdf == NULL || !write_whole (path, pdf, error))
        return FALSE;
      if (n_written_out != NULL)
        *n_written_out = 1;
      return TRUE;
    }

  if (!check_not_empty (deck, error))
    return FALSE;
  exists = g_file_test (path, G_FILE_TEST_EXISTS);
  if (exists && !g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                   _("%s is a file; one %s per slide needs a folder: give a folder's name"),
                   path, format == OC_PLOT_FORMAT_SVG ? "SVG" : "PNG");
      return FALSE;
    }
  figures = oc_deck_build_figures (store, deck, error);
  if (figures == NULL)
    return FALSE;
  /* Every page first: a figure that fails to render leaves nothing behind. */
  pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  names = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < deck->slides->len; i++)
    {
      DeckPages one = { deck, figures, i };
      GBytes *bytes = oc_plot_pages_render (format, 1, width, height, scale, NULL, draw_page,
                                            &one, error);

      if (bytes == NULL)
        return FALSE;
      g_ptr_array_add (pages, bytes);
      g_ptr_array_add (names, oc_deck_slide_file_name (i + 1, format));
    }

  if (exists)
    dir = path;
  else
    {
      g_autofree char *parent = g_path_get_dirname (path);
      g_autofree char *base = g_path_get_basename (path);
      g_autofree char *templ = g_strdup_printf (".%s.partial-XXXXXX", base);

      if (g_mkdir_with_parents (parent, 0755) != 0)
        {
          int errsv = errno;

          g_set_error (error, OC_ERROR, OC_ERROR_IO, _("%s: cannot create the folder: %s"),
                       parent, g_strerror (errsv));
          return FALSE;
        }
      tmp = g_build_filename (parent, templ, NULL);
      if (g_mkdtemp_full (tmp, 0755) == NULL)
        {
          int errsv = errno;

          g_set_error (error, OC_ERROR, OC_ERROR_IO, _("%s: cannot create a folder there: %s"),
                       parent, g_strerror (errsv));
          return FALSE;
        }
      dir = tmp;
    }
  for (guint i = 0; i < pages->len; i++)
    {
      g_autofree char *file = g_build_filename (dir, names->pdata[i], NULL);

      if (!write_whole (file, pages->pdata[i], error))
        {
          if (tmp != NULL)
            remove_tree (tmp, names);
          return FALSE;
        }
    }
  if (tmp != NULL && g_rename (tmp, path) != 0)
    {
      int errsv = errno;

      g_set_error (error, OC_ERROR, OC_ERROR_IO, _("%s: cannot move the slides into place: %s"),
                   path, g_strerror (errsv));
      remove_tree (tmp, names);
      return FALSE;
    }
  if (exists)
    remove_stale (path, deck->slides->len, format);
  if (n_written_out != NULL)
    *n_written_out = pages->len;
  return TRUE;
}
