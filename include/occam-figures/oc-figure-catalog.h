/* oc-figure-catalog.h — every figure the window shows for a stored experiment, by name.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Given a store and an experiment, the catalogue loads its results as the window's pages do (a
 * sweep's or random-features run's points, a prune run's levels, a train run's curve and its
 * trained weights θ_T when stored) and names the figures the window draws for that kind of
 * experiment: a stable lowercase-hyphenated name, a one-line description and the parameters it
 * takes, each with a default so every listed figure draws without any. Building a figure calls
 * the builder the window's page calls with the same inputs, title included, so
 * `occam-cli plot --experiment ID --figure NAME` and the window draw the same figure.
 *
 * Figures per kind (the window's order):
 *   sweep  double-descent, epoch-heatmap (epoch-axis=auto, linear or log), learning-curve
 *          (width=, n= or noise=, after the mode oc_sweep_grid_guess_mode sees in the spec)
 *   rff    random-features, coefficient-norm
 *   prune  accuracy, methods (with=: other prune experiments drawn with this one), early-stop,
 *          layer-density, weight-histogram (level=, layer=),
 *          weight-scatter (level=, layer=), receptive-fields (level=, sort=), input-fan-out (level=),
 *          mask (level=, layer=), mask-overlap, seed-overlap
 *   train  learning-curves, weight-histogram and decision-boundary (2-D data) when the point
 *          stores theta_final
 *   landscape  slice (field=), profile, replay (at=, a position along the trajectory)
 *   instability  instability (against k), instability-path (error along the path per k)
 * A figure is listed when it has something to draw: a heatmap needs recorded epochs, seed
 * overlap two seeds, receptive fields square images.
 */
#pragma once

#include "occam/oc-store.h"
#include "occam-plot/oc-plot.h"

G_BEGIN_DECLS

typedef struct
{
  const char *key;           /* "width", "level", "layer" */
  const char *description;   /* what it selects and which values exist: "hidden width: 2, 8" */
  const char *default_value; /* what leaving it out means, e.g. "8" */
} OcFigureParam;

typedef struct
{
  const char          *name;        /* "double-descent" */
  const char          *description; /* one line */
  const OcFigureParam *params;
  guint                n_params;
} OcFigureInfo;

typedef struct _OcFigureCatalog OcFigureCatalog;

/* Loads experiment @experiment_id (an ID or a unique prefix) from @store. Errors: the store's
 * (OC_ERROR_NOT_FOUND for an unknown ID, OC_ERROR_INVALID_ARGUMENT for an ambiguous prefix),
 * OC_ERROR_SPEC when the stored spec cannot be read, OC_ERROR_INVALID_ARGUMENT for a kind
 * without figures (linear). The catalogue keeps what it loaded; it uses @store again only to load
 * the experiments a with= parameter names, so @store must outlive it. */
OcFigureCatalog *oc_figure_catalog_new  (OcStore *store, const char *experiment_id,
                                         GError **error);
void             oc_figure_catalog_free (OcFigureCatalog *catalog);

const OcStoreExperiment *oc_figure_catalog_get_experiment (const OcFigureCatalog *catalog);

/* The figures this experiment can draw now, in the window's order (of const OcFigureInfo *,
 * owned by the catalogue). Empty while nothing has finished. */
GPtrArray       *oc_figure_catalog_list (OcFigureCatalog *catalog);

/* The name of the figure History shows for this experiment ("double-descent",
 * "random-features", "accuracy", "learning-curves"). */
const char      *oc_figure_catalog_get_main (const OcFigureCatalog *catalog);

/* Builds figure @name with @params (NULL-terminated "KEY=VALUE" strings, or NULL: defaults).
 * Errors: OC_ERROR_INVALID_ARGUMENT for a name this kind of experiment does not have (the
 * message lists the ones it has) or a bad parameter (the message says which keys and values
 * are valid); OC_ERROR_NOT_FOUND for a figure of this kind with nothing to draw in this
 * experiment, saying what it needs. */
OcPlotFigure    *oc_figure_catalog_build (OcFigureCatalog *catalog, const char *name,
                                          const char *const *params, GError **error);

/* ---- Frames: a figure as it grew while its experiment ran ----
 *
 * Some figures change as an experiment runs; their frames rebuild that from what the store
 * keeps, each frame drawn by the figure's own builder with the same inputs cut short:
 *   points      a sweep's or random-features run's figure filling in point by point, in the
 *               order the points finished (double-descent, seed-distribution, norms,
 *               random-features, coefficient-norm)
 *   evaluations a learning curve growing evaluation by evaluation (train learning-curves, sweep
 *               learning-curve)
 *   levels      a pruning figure at each stored IMP level in turn (weight-histogram,
 *               weight-scatter, receptive-fields, input-fan-out, mask); level= is what the
 *               frames step through, so it is not given
 *   trajectory  the landscape replay, the ball moving along the recorded trajectory (at= is
 *               what the frames step through)
 *   snapshots   a train run's decision boundary forming: θ at up to OC_BOUNDARY_SNAPSHOTS_MAX
 *               of its evaluations (boundary_thetas, stored by runs on 2-D data since the
 *               snapshots exist), each drawn by the final figure's builder; the last row is θ_T.
 *               Runs stored before have none: the figure draws once and is not listed as
 *               animated, and asking for its frames says to run it again.
 * Frames of growing figures keep the final figure's x range, so the axes
 * stand still while the data fill them. */
typedef enum
{
  OC_FIGURE_FRAMES_NONE,
  OC_FIGURE_FRAMES_POINTS,
  OC_FIGURE_FRAMES_EVALUATIONS,
  OC_FIGURE_FRAMES_LEVELS,
  OC_FIGURE_FRAMES_TRAJECTORY,
  OC_FIGURE_FRAMES_SNAPSHOTS,
} OcFigureFrames;

/* What the frames of figure @name step through; NONE for a figure without frames or a name
 * this experiment does not have. */
OcFigureFrames   oc_figure_catalog_get_frames (const OcFigureCatalog *catalog, const char *name);
/* "points", "evaluations", "levels", "trajectory", "snapshots" (NULL for NONE): for lists. */
const char      *oc_figure_frames_to_string   (OcFigureFrames frames);

/* The listed figures (oc_figure_catalog_list) that have frames, in the same order (of const
 * OcFigureInfo *, owned by the catalogue). */
GPtrArray       *oc_figure_catalog_list_animated (OcFigureCatalog *catalog);

/* How many frames figure @name with @params has (≥ 1). Errors: those of
 * oc_figure_catalog_build(), and OC_ERROR_INVALID_ARGUMENT for a figure without frames (the
 * message lists those that have them) or a parameter the frames step through (level=, at=). */
guint            oc_figure_catalog_count_frames (OcFigureCatalog *catalog, const char *name,
                                                 const char *const *params, GError **error);

/* Frame @frame (0 ≤ @frame < oc_figure_catalog_count_frames) of figure @name; the last frame
 * is the figure oc_figure_catalog_build() draws. Frames are cheapest asked for in order. */
OcPlotFigure    *oc_figure_catalog_build_frame (OcFigureCatalog *catalog, const char *name,
                                                const char *const *params, guint frame,
                                                GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OcFigureCatalog, oc_figure_catalog_free)

G_END_DECLS
