/* oc-plot.h — Occam's figures: one header for the whole plot API.
 *
 * The plot layer draws with Cairo and Pango and knows nothing about GTK: the GUI widgets, the
 * PNG/SVG/PDF export and the golden-image tests all call oc_plot_figure_draw() on some cairo_t.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "occam-plot/oc-plot-scale.h"
#include "occam-plot/oc-plot-color.h"
#include "occam-plot/oc-plot-theme.h"
#include "occam-plot/oc-plot-figure.h"
#include "occam-plot/oc-plot-export.h"
#include "occam-plot/oc-plot-slide.h"
#include "occam-plot/oc-plot-query.h"
#include "occam-plot/oc-plot-hit.h"
#include "occam-plot/oc-plot-data.h"
