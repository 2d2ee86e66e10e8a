/* oc-sweep-figures.h — the Sweep page's figures, built from the points received so far.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Plain plot-library figures, so the page, the export and History draw the same thing. No GTK.
 */
#pragma once

#include "occam-plot/oc-plot.h"
#include "occam-figures/oc-sweep-results.h"

G_BEGIN_DECLS

/* Which group (index into the groups array) each point of each series stands for, and in
 * figures whose points are single runs (one dot per seed), which run; NULL for a series that
 * cannot be clicked. */
typedef struct
{
  GPtrArray *series; /* of GArray of guint, or NULL; one per series */
  GPtrArray *points; /* of GArray of guint (results entries), or NULL; one per series */
} OcSweepPickMap;

void      oc_sweep_pick_map_clear (OcSweepPickMap *map);
/* One entry per series of the figure: whether it can be picked. Free with g_free(). */
gboolean *oc_sweep_pick_map_pickable (const OcSweepPickMap *map);
/* The group of a picked point, or −1. */
int       oc_sweep_pick_map_group (const OcSweepPickMap *map, guint series, gsize index);
/* The run (index into the results) a picked point stands for, or −1 when it stands for a whole
 * group. */
int       oc_sweep_pick_map_point (const OcSweepPickMap *map, guint series, gsize index);

/* The double-descent figure: test and train error (mean over seeds, min–max bands) against
 * parameters (model-wise, log x), training examples (sample-wise) or label noise, test loss on
 * the right axis (dashed), the n·K and "train error ≈ 0" lines, stuck runs as their own markers.
 * A sweep over several axes (widths × n, say) gets a test-error curve per slice instead, named by
 * what sets it apart ("test error · n = 1000"), its train error dashed when there are at most
 * three, and each n's n·K line. @map (may be NULL) is filled for picking. */
OcPlotFigure *oc_sweep_figure_new (const OcSweepResults *results, const GArray *groups,
                                   OcSweepMode mode, const char *title, OcSweepPickMap *map);

/* The epoch axis of the width × epoch heatmap. Epoch-wise double descent happens early, so a
 * log axis shows it; AUTO is log when the recorded epochs span more than a decade. */
typedef enum
{
  OC_SWEEP_EPOCH_AXIS_AUTO,
  OC_SWEEP_EPOCH_AXIS_LINEAR,
  OC_SWEEP_EPOCH_AXIS_LOG,
} OcSweepEpochAxis;

/* "auto", "linear", "log". */
const char *oc_sweep_epoch_axis_to_string   (OcSweepEpochAxis axis);
gboolean    oc_sweep_epoch_axis_from_string (const char *text, OcSweepEpochAxis *axis);

/* Mean test error by swept value (rows, largest on top; in a sweep over several axes a block of
 * rows per slice, "8 · n = 1000") and recorded epoch (columns); NULL when
 * the points carry fewer than three evaluations (record_every_epochs = 0). On a log epoch axis
 * (@axis LOG, or AUTO over more than a decade) each column spans its epoch's share of the log
 * axis (edges half-way in log between recorded epochs) and an evaluation at epoch 0 is left
 * out; on a linear one columns are the recorded evaluations in order, named by their epochs. */
OcPlotFigure *oc_sweep_heatmap_new (const OcSweepResults *results, const GArray *groups,
                                    OcSweepMode mode, OcSweepEpochAxis axis);
/* Whether oc_sweep_heatmap_new() with @axis draws a log epoch axis for these results. */
gboolean      oc_sweep_heatmap_is_log (const OcSweepResults *results, const GArray *groups,
                                       OcSweepEpochAxis axis);

/* Learning curves of one group: train and test error (mean, min–max over seeds) and test loss
 * against the epoch, titled "Learning curve · Width 128 · 101,770 parameters" (the group's full
 * name in @mode). NULL when no member has a curve. */
OcPlotFigure *oc_sweep_curves_new  (const OcSweepResults *results, const OcSweepGroup *group,
                                    OcSweepMode mode);
/* The learning curve of one run, entry @index of @group: its train and test error and test
 * loss against the epoch, titled "Learning curve · Width 2 · 1,600 parameters · seed 3", with
 * "stuck near chance" when it is. NULL when it has no curve. */
OcPlotFigure *oc_sweep_point_curves_new (const OcSweepResults *results, const OcSweepGroup *group,
                                         guint index, OcSweepMode mode);

/* How the seeds fared: the final train and test error of every finished run as one dot each
 * (a strip plot, jittered sideways, train left and test right of each {group}), over a box from
 * the lower to the upper quartile with the median as its line; runs stuck near chance
 * (oc_sweep_is_stuck) as purple diamonds, named in the legend with the rule, the error of
 * chance marked and the stuck share of each group written above it. Groups are evenly spaced
 * and named by their swept value; a sweep over several axes (widths × n) has a block of them
 * per slice, named over it ("n = 1000") and set apart by a line. @map (may be NULL) is filled for
 * picking: each dot's group (in @groups) and run. NULL for random features and before any run
 * finished. */
OcPlotFigure *oc_sweep_seeds_figure_new (const OcSweepResults *results, const GArray *groups,
                                         OcSweepMode mode, OcSweepPickMap *map);

/* How simple the solutions are: ‖θ_T‖₂, the distance ‖θ_T − θ₀‖₂ from the initialisation and
 * the path norm against @mode's x axis (mean over seeds with min–max bands; log y), with the
 * double-descent curve beside them, the test error (mean over seeds) on the right axis, and the
 * lines of the double-descent figure; for random features the coefficient norm ‖coef‖. A sweep
 * over several axes gets each norm and the test error per slice, in the slice's colour, each
 * norm with a marker of its own ("‖θ‖₂ · n = 1000"). @map (may be NULL) is filled for picking
 * groups. NULL when no finished point recorded a norm. */
OcPlotFigure *oc_sweep_norms_figure_new (const OcSweepResults *results, const GArray *groups,
                                         OcSweepMode mode, OcSweepPickMap *map);

/* Random features: test and train zero-one error (left) and test squared loss (right, log)
 * against N (log x), with N = n marked. */
OcPlotFigure *oc_rff_figure_new    (const OcSweepResults *results, const GArray *groups,
                                    const char *title, OcSweepPickMap *map);
/* ‖coef‖ (left, log) and κ(Φ) (right, log, dashed) against N, with N = n marked. */
OcPlotFigure *oc_rff_norm_figure_new (const OcSweepResults *results, const GArray *groups);

/* The Sweep page's main figure in @mode, titled oc_sweep_figure_title(): oc_rff_figure_new for
 * random features, else oc_sweep_figure_new. The page, History and the figure catalogue call
 * this, so the three draw the same figure from the same points. */
OcPlotFigure *oc_sweep_main_figure_new (const OcSweepResults *results, const GArray *groups,
                                        OcSweepMode mode, OcSweepPickMap *map);

/* "Model-wise double descent · Fashion-MNIST, n = 4000, 20 % label noise": what the sweep varies
 * and what it holds fixed. Free with g_free(). */
char         *oc_sweep_figure_title (const OcSweepResults *results, OcSweepMode mode);
/* What a group is: "Width 128 · 101,770 parameters" (@full) or "width 128". Free with g_free(). */
char         *oc_sweep_group_name   (OcSweepMode mode, const OcSweepGroup *group, gboolean full);
/* The height at which the double-descent figure marks @group (the Sweep page's selection): its
 * mean test error, or in a sweep over several axes the highest of its slices' means (the top
 * curve at that x), since no curve passes through the mean over slices. */
double        oc_sweep_group_mark_y (const OcSweepResults *results, const OcSweepGroup *group,
                                     OcSweepMode mode);

/* The x-axis name of @mode ("parameters", "training examples n", …). */
const char   *oc_sweep_mode_axis_label (OcSweepMode mode);

G_END_DECLS
