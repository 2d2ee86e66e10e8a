/* oc-plot-scale.h — mapping data values to the unit interval, and nice tick marks.
 *
 * Pure arithmetic: no Cairo here, so the tests can check it exactly.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  OC_PLOT_SCALE_LINEAR,
  OC_PLOT_SCALE_LOG, /* base 10; values <= 0 are not representable and are skipped like NaN */
} OcPlotScaleKind;

typedef struct
{
  OcPlotScaleKind kind;
  double          min; /* maps to 0 */
  double          max; /* maps to 1; min < max, both > 0 on a log scale */
} OcPlotScale;

/* TRUE if @value can be placed on @kind (finite, and positive on a log scale). */
gboolean oc_plot_scale_kind_accepts (OcPlotScaleKind kind, double value);

/* Maps @value to 0..1 (outside when @value is outside the range); NAN if not representable. */
double oc_plot_scale_map (const OcPlotScale *scale, double value);
/* The inverse of oc_plot_scale_map(). */
double oc_plot_scale_unmap (const OcPlotScale *scale, double t);

/* Sets @scale's range to hold [@data_min, @data_max] with @pad (a fraction of the span, measured
 * in decades on a log scale) on each side. An empty or degenerate range becomes a sensible one
 * around the value (or 0..1 when both are NAN). With @include_zero a linear range is extended to 0
 * and not padded beyond it, as counts and errors want. */
void oc_plot_scale_fit (OcPlotScale *scale, OcPlotScaleKind kind, double data_min, double data_max,
                        double pad, gboolean include_zero);

/* Heckbert's nice number: the 1, 2, 5 or 10 times a power of ten closest to @x (@round) or the
 * smallest not below it. */
double oc_plot_nice_number (double x, gboolean round);

typedef struct
{
  double   value;
  gboolean major; /* minor ticks (log axes) carry no label */
  char    *label; /* UTF-8, NULL on minor ticks */
} OcPlotTick;

typedef struct
{
  OcPlotTick *ticks; /* increasing values, all inside the scale's range */
  guint       n_ticks;
  double      step; /* linear: distance between labels; log: decades between labels (0 if the
                     * range is under a decade and labels are placed as on a linear axis) */
} OcPlotTicks;

/* Ticks for @scale with at most @max_labels labelled ones (at least 2 when the range allows).
 * Linear: multiples of a 1-2-5×10^k step. Log: every decade (or every n-th when crowded) with
 * minor ticks at 2..9; under one decade, 1-2-5 steps placed logarithmically. */
OcPlotTicks *oc_plot_ticks_new (const OcPlotScale *scale, guint max_labels);
void         oc_plot_ticks_free (OcPlotTicks *ticks);

/* Formats @value for a linear axis whose labels are @step apart: as few decimals as the step
 * needs, a real minus sign, and k/M suffixes for large round numbers ("250k"). */
char *oc_plot_format_linear (double value, double step);
/* Formats a power of ten: "0.01", "1", "1000", then "10⁴", "10⁻⁵" beyond. */
char *oc_plot_format_decade (int exponent);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OcPlotTicks, oc_plot_ticks_free)

G_END_DECLS
