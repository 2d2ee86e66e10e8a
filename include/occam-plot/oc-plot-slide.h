/* oc-plot-slide.h — a presentation slide: a figure (or running text) under a title, with a
 * caption, and several pages in one PDF.
 *
 * A slide is laid out for any canvas (16:9 at 1280 × 720 units by default): the title on top,
 * the figure filling the middle with the slide's font size, one line of caption under it, and a
 * small note and footer along the bottom. A slide without a figure shows its body paragraphs
 * (narration), or only a large centred title (a title slide). The window's presentation mode,
 * the deck export and the tour all draw slides with oc_plot_slide_draw().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "occam-plot/oc-plot-export.h"
#include "occam-plot/oc-plot-figure.h"
#include "occam-plot/oc-plot-hit.h"

G_BEGIN_DECLS

#define OC_PLOT_SLIDE_WIDTH  1280.0
#define OC_PLOT_SLIDE_HEIGHT 720.0

typedef struct
{
  const char        *title;    /* bold, on top; NULL: none */
  const char        *subtitle; /* under a title slide's title, or under the title of a text
                                * slide; NULL: none */
  const char        *caption;  /* one line under the figure; NULL: none */
  const char        *note;     /* small and muted, bottom left ("Quick variant: …"); NULL: none */
  const char        *footer;   /* small and muted, bottom right ("3 / 12"); NULL: none */
  const char *const *body;     /* without a figure: paragraphs (NULL-terminated); NULL: none */
} OcPlotSlideText;

/* Draws a slide into @cr over (0, 0, @width, @height), background included. @figure (may be
 * NULL) is drawn without its own title, which @text->title replaces, in @theme with the slide's
 * font size. */
void oc_plot_slide_draw (const OcPlotFigure *figure, const OcPlotSlideText *text, cairo_t *cr,
                         double width, double height, const OcPlotTheme *theme);
/* Draws as oc_plot_slide_draw() does and, with @layout, records where the figure went: *@layout
 * is its layout (oc-plot-hit.h) in the slide's coordinates, so a point of the slide hit-tests
 * as it is (its origin and size are the figure's rectangle in the slide), or NULL when the slide
 * shows no figure. The layout borrows @figure; free it with oc_plot_layout_free(). */
void oc_plot_slide_draw_full (const OcPlotFigure *figure, const OcPlotSlideText *text,
                              cairo_t *cr, double width, double height,
                              const OcPlotTheme *theme, OcPlotLayout **layout);

/* Draws page @page (0-based) of a document into @cr over (0, 0, @width, @height). FALSE with
 * @error stops the rendering. */
typedef gboolean (*OcPlotPageFunc) (cairo_t *cr, guint page, double width, double height,
                                    gpointer user_data, GError **error);

/* Renders @n_pages pages of @width × @height units: all in one document for PDF (text as text,
 * fonts embedded, @title in its metadata); PNG and SVG hold one page, so @n_pages must be 1
 * (render each page on its own). @scale as for oc_plot_figure_render(). */
GBytes *oc_plot_pages_render (OcPlotFormat format, guint n_pages, double width, double height,
                              double scale, const char *title, OcPlotPageFunc draw,
                              gpointer user_data, GError **error);

G_END_DECLS
