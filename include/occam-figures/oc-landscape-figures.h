/* oc-landscape-figures.h — the figures of a loss landscape: the slice with its trajectory, the
 * 1-D profile, a replay frame and two slices side by side.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pure builders from OcLandscapeResults: the window, occam-cli plot and exports call them with
 * the same inputs and get the same figure. A replay is animated by building one frame per tick
 * (t moves along the trajectory); nothing here keeps state between frames.
 */
#pragma once

#include "occam-figures/oc-landscape-results.h"
#include "occam-plot/oc-plot.h"

G_BEGIN_DECLS

/* @field over the plane through θ_T (log colours for losses, with level curves) and, when
 * recorded, the training trajectory as a path with arrows from θ₀ (circle) to θ_T (star); with
 * a finite @t, a ball at position @t of the trajectory (oc_landscape_replay_position). NULL
 * without a plane. */
OcPlotFigure *oc_landscape_slice_figure_new   (const OcLandscapeResults *r,
                                               OcLandscapeField field, double t);
/* Error (left axis) and loss (right axis, dashed) of training and test examples along the line,
 * α = 0 and α = 1 marked with what they are. NULL without a line. */
OcPlotFigure *oc_landscape_profile_figure_new (const OcLandscapeResults *r);
/* One frame of the replay: the training-loss slice with the ball at position @t of the
 * trajectory next to (or, on a tall canvas, above) the loss along the trajectory with a cursor
 * at the same moment. NULL without a trajectory. */
OcPlotFigure *oc_landscape_replay_figure_new  (const OcLandscapeResults *r, double t);
/* The slices of two experiments side by side on one colour scale (a narrow network's rugged
 * surface next to a wide one's smooth one), each titled with its network. NULL unless both have
 * a plane. */
OcPlotFigure *oc_landscape_compare_figure_new (const OcLandscapeResults *a,
                                               const OcLandscapeResults *b,
                                               OcLandscapeField field);

/* Where position @t (0 … n_trajectory − 1; fractions interpolate between checkpoints, values
 * outside are clamped) of the trajectory is: plane coordinates, training loss and iteration.
 * FALSE without a trajectory. */
gboolean      oc_landscape_replay_position    (const OcLandscapeResults *r, double t,
                                               double *alpha, double *beta, double *loss,
                                               double *iteration);

G_END_DECLS
