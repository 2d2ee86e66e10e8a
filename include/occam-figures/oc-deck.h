/* oc-deck.h — drawing and exporting presentation decks.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The deck model and its storage are in include/occam/oc-store-deck.h (a deck is an ordered list
 * of slides, each naming a catalogue figure of a stored experiment with its parameters, a title,
 * a caption and whether its results are a quick variant). Here a slide's figure is built through
 * the figure catalogue, exactly as `occam-cli plot --experiment ID --figure NAME` builds it, and
 * drawn as a slide (include/occam-plot/oc-plot-slide.h) in the presentation theme: the window's
 * presentation mode calls oc_deck_slide_draw() with its own cairo_t, and the exports below call
 * the same function for every page.
 */
#pragma once

#include "occam/oc-store-deck.h"
#include "occam-plot/oc-plot.h"

G_BEGIN_DECLS

/* Builds @slide's figure from @store through the figure catalogue (errors: the catalogue's, e.g.
 * OC_ERROR_NOT_FOUND for an experiment no longer in the store, OC_ERROR_INVALID_ARGUMENT for a
 * figure or parameter the experiment does not have). Call it again to follow a running
 * experiment. */
OcPlotFigure *oc_deck_slide_build (OcStore *store, const OcDeckSlide *slide, GError **error);

/* The title a slide shows: its own, else @figure's (may be NULL), else the figure's name. */
const char   *oc_deck_slide_get_title (const OcDeckSlide *slide, const OcPlotFigure *figure);

/* Draws @slide with @figure (from oc_deck_slide_build) into @cr over (0, 0, @width, @height):
 * the title above, the figure, the caption below, "Quick variant: …" when the slide is one, and
 * "@number / @n_slides" in the corner when @n_slides > 0. Without a figure, @problem (why it could
 * not be built) is shown in its place. @theme NULL means the presentation theme. */
void          oc_deck_slide_draw (const OcDeckSlide *slide, const OcPlotFigure *figure,
                                  const char *problem, cairo_t *cr, double width, double height,
                                  const OcPlotTheme *theme, guint number, guint n_slides);
/* Draws as oc_deck_slide_draw() does and, with @layout, records the figure's layout in the
 * slide's coordinates (oc_plot_slide_draw_full; NULL without a figure), for the values under
 * the pointer. */
void          oc_deck_slide_draw_full (const OcDeckSlide *slide, const OcPlotFigure *figure,
                                       const char *problem, cairo_t *cr, double width,
                                       double height, const OcPlotTheme *theme, guint number,
                                       guint n_slides, OcPlotLayout **layout);

/* Builds every slide's figure; the first failure is returned naming the slide ("slide 3
 * (double-descent of 1a2b…): …"), and nothing is drawn. Of OcPlotFigure, one per slide. */
GPtrArray    *oc_deck_build_figures (OcStore *store, const OcDeck *deck, GError **error);

/* The whole deck as a multi-page PDF (one slide per page, text kept as text) of @width × @height
 * points (16:9: OC_PLOT_SLIDE_WIDTH × OC_PLOT_SLIDE_HEIGHT), in memory. An empty deck is
 * OC_ERROR_INVALID_ARGUMENT. */
GBytes       *oc_deck_render_pdf (OcStore *store, const OcDeck *deck, double width,
                                  double height, GError **error);

/* Writes the deck to @path: a PDF file (@format OC_PLOT_FORMAT_PDF), or into the folder @path one
 * file per slide, slide-01.png … (PNG at @scale, SVG with text as text). Every page is drawn
 * before anything is written, and files appear whole or not at all: the PDF and each slide file
 * through a temporary file renamed over it; a folder that does not exist yet is filled under a
 * temporary name and renamed into place at the end. In an existing folder, slide files of this
 * format numbered past the deck's last slide (left by a longer export) are removed. On success
 * @n_written_out (may be NULL) is the number of files written. */
gboolean      oc_deck_export (OcStore *store, const OcDeck *deck, const char *path,
                              OcPlotFormat format, double width, double height, double scale,
                              guint *n_written_out, GError **error);

/* The name of slide @number (1-based) in an exported folder: "slide-01.png". */
char         *oc_deck_slide_file_name (guint number, OcPlotFormat format);

G_END_DECLS
