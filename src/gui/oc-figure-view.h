/* oc-figure-view.h — a widget that shows one OcPlotFigure.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The figure is drawn into an image on a worker thread with oc_plot_figure_draw_with_layout(),
 * the routine of oc_plot_figure_draw() that the exports and golden tests use, once per figure,
 * size, scale and theme; snapshots paint that image (see oc-figure-view.c). The theme follows the light/dark style and
 * the desktop's text size; the background is the style's view colour so a figure sits in the
 * window like a text view.
 *
 * Every figure reads out the values under the pointer (oc-plot-hit.h: the nearest point, bin,
 * cell or image) in a small box beside it. The view takes keyboard focus: the arrow keys walk the
 * same elements (Home: the first), Enter or Space activates the focused one as a click does
 * (both emit ::point-activated), and the menu (right click, Menu or Shift+F10) copies the figure
 * as an image or SVG, or its data as CSV. The accessible description is the figure's own
 * (oc_plot_figure_describe).
 */
#pragma once

#include <gtk/gtk.h>

#include "occam-plot/oc-plot.h"

G_BEGIN_DECLS

#define OC_TYPE_FIGURE_VIEW (oc_figure_view_get_type ())
G_DECLARE_FINAL_TYPE (OcFigureView, oc_figure_view, OC, FIGURE_VIEW, GtkWidget)

GtkWidget          *oc_figure_view_new         (void);
/* Takes ownership of @figure (may be NULL: the placeholder text is shown instead). */
void                oc_figure_view_set_figure  (OcFigureView *self, OcPlotFigure *figure);
const OcPlotFigure *oc_figure_view_get_figure  (OcFigureView *self);
void                oc_figure_view_set_placeholder (OcFigureView *self, const char *text);
/* A name for export file names and the export dialog ("Learning curves"). */
void                oc_figure_view_set_name    (OcFigureView *self, const char *name);
const char         *oc_figure_view_get_name    (OcFigureView *self);
/* What the figure shows as the figure catalogue names it: figure @figure of experiment
 * @experiment_id with @params ("level=3", "layer=0"; NULL-terminated, NULL for the catalogue's
 * defaults), so `occam-cli plot --experiment ID --figure NAME --param …` and a pinned deck slide
 * draw it again from the store. A NULL @experiment_id clears it: the figure is not one of a stored
 * experiment (a dataset's samples, a comparison of two experiments). The page sets it where it
 * sets the figure. */
void                oc_figure_view_set_reference (OcFigureView *self, const char *experiment_id,
                                                  const char *figure,
                                                  const char *const *params);
/* NULL when the figure has no catalogue reference. */
const char         *oc_figure_view_get_experiment_id (OcFigureView *self);
const char         *oc_figure_view_get_figure_name   (OcFigureView *self);
/* NULL-terminated; never NULL. */
const char *const  *oc_figure_view_get_figure_params (OcFigureView *self);
/* How many times the view painted a drawing of its figure (tests). */
guint               oc_figure_view_get_n_draws (OcFigureView *self);
/* How many times a figure was drawn into the view's image: once per figure, size, scale and
 * theme; painting the view again reuses the image (tests). */
guint               oc_figure_view_get_n_renders (OcFigureView *self);
/* Whether a new figure is being drawn on a worker thread (the previous one shows meanwhile). */
gboolean            oc_figure_view_get_drawing_pending (OcFigureView *self);
/* The current figure's image at the view's size as the view paints it, or NULL until it is
 * drawn (tests). */
cairo_surface_t    *oc_figure_view_get_image   (OcFigureView *self);

/* The on-screen theme for @widget: light or dark, the desktop's type size, view background. */
void                oc_figure_view_screen_theme (GtkWidget *widget, OcPlotTheme *theme);
/* The desktop's text scaling for @widget: GtkSettings:gtk-xft-dpi over 96 dpi (1 when unset). */
double              oc_figure_view_text_scale  (GtkWidget *widget);

/* What the readout shows: the hovered element (else the focused one when the view has focus),
 * as oc_plot_layout_describe_hit() reads it; NULL when there is none. */
char               *oc_figure_view_dup_readout (OcFigureView *self);
/* Draws the readout of the values under the pointer: a ring around the element at (@x, @y) and
 * a box with @text beside it, in @theme's colours and @widget's font, kept inside (0, 0, @width,
 * @height); @scale enlarges type, ring and box (1 in the window; presentation mode draws larger).
 * The figure view and presentation mode share it. */
void                oc_figure_view_draw_readout (GtkWidget *widget, cairo_t *cr,
                                                 const OcPlotTheme *theme, double x, double y,
                                                 const char *text, double width, double height,
                                                 double scale);
/* The element under (@x, @y) becomes the hovered one, as the pointer moving there does (tests).
 * FALSE when there is none, or while the current figure is being drawn (a few frames after it
 * is set or the view resized): the pointer asks again when it moves. */
gboolean            oc_figure_view_hover_at    (OcFigureView *self, double x, double y);
/* The element under (@x, @y) from the layout of the last drawing (laid out anew only when the
 * size or theme changed since), as hovering finds it; FALSE when there is none, or while the
 * current figure is being drawn. */
gboolean            oc_figure_view_hit_at      (OcFigureView *self, double x, double y,
                                                OcPlotHit *hit);
/* The keyboard's element, FALSE when none is focused. */
gboolean            oc_figure_view_get_focus_hit (OcFigureView *self, OcPlotHit *hit);
/* The accessible description (oc_plot_figure_describe), or NULL without a figure and until the
 * figure's first drawing (a worker describes it while drawing it). */
const char         *oc_figure_view_get_description (OcFigureView *self);

G_END_DECLS
