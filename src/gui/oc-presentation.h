/* oc-presentation.h — a deck full screen, one slide at a time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each slide is drawn by the deck library (oc_deck_slide_draw, the same call as the PDF/PNG/SVG
 * export) at the screen's size in the presentation theme, dark when the window's style is dark.
 * The keys of a keyboard and of a presentation clicker move: PageDown, Right, Down, space, Return
 * and n go on; PageUp, Left, Up, Backspace and p go back; Home and End jump; B and period blank
 * the screen to black (again: back); Esc (and F5, which clickers send to start and stop) leaves.
 * A slide whose experiment is running is built again from the store as the run reports
 * ("run-updated" of the workspace), so it grows on screen.
 * The pointer over a figure reads out the values under it as in the window's figure views (the
 * same hit-test, oc-plot-hit.h, on the layout the slide recorded while drawing, and the same
 * readout, larger); it goes when the pointer leaves or hides, and with the slide.
 */
#pragma once

#include <adwaita.h>

#include "occam/oc-store-deck.h"
#include "occam-plot/oc-plot.h"
#include "oc-workspace.h"

G_BEGIN_DECLS

#define OC_TYPE_PRESENTATION (oc_presentation_get_type ())
G_DECLARE_FINAL_TYPE (OcPresentation, oc_presentation, OC, PRESENTATION, GtkWindow)

/* Deck @deck (copied) of @workspace's store, from slide @first (clamped). Not shown yet:
 * oc_presentation_start(). */
OcPresentation *oc_presentation_new          (GtkWindow *parent, OcWorkspace *workspace,
                                              const OcDeck *deck, guint first);
/* Full screen at the size of @parent's monitor. */
void            oc_presentation_start        (OcPresentation *self);
/* F5 and Present: the current deck (oc_deck_pin_current_deck) of @workspace's store full
 * screen from slide @first, or a toast on @parent saying why not (no store, no slides). */
OcPresentation *oc_presentation_run          (GtkWindow *parent, OcWorkspace *workspace,
                                              guint first);

guint           oc_presentation_get_position (OcPresentation *self);
guint           oc_presentation_get_n_slides (OcPresentation *self);
gboolean        oc_presentation_get_blank    (OcPresentation *self);
/* Goes to slide @position (clamped); unblanks. */
void            oc_presentation_go_to        (OcPresentation *self, guint position);
/* How many times a slide's figure was built from the store (tests: live updates). */
guint           oc_presentation_get_n_builds (OcPresentation *self);

/* The pointer at (@x, @y) of the slide (tests; motion does this): TRUE when it is on an element
 * of the figure as last drawn. */
gboolean        oc_presentation_hover_at     (OcPresentation *self, double x, double y);
/* What the readout shows (oc_plot_layout_describe_hit), NULL when nothing. */
char           *oc_presentation_dup_readout  (OcPresentation *self);
/* The current slide's figure's rectangle on the slide as last drawn; FALSE when it shows none. */
gboolean        oc_presentation_get_figure_area (OcPresentation *self, double *x, double *y,
                                                 double *width, double *height);

/* The presentation theme, in the dark style's colours when @dark. */
void            oc_presentation_theme        (gboolean dark, OcPlotTheme *theme);

G_END_DECLS
