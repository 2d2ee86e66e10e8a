/* oc-plot-private.h — the figure model's insides and the helpers the figure kinds share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <pango/pangocairo.h>

#include "occam-plot/oc-plot.h"

G_BEGIN_DECLS

/* ---- The model ---- */

typedef struct
{
  char           *label;
  OcPlotScaleKind kind;
  double          min, max; /* NAN = fit the data */
  double          cover_min, cover_max; /* fitted ranges reach these too; NAN = only the data */
  char          **categories;
  guint           n_categories;
} OcPlotAxis;

struct _OcPlotSeries
{
  char        *name;
  double      *x, *y; /* x is NULL for histogram values */
  double      *lo, *hi;
  gsize        n;
  OcPlotStyle  style;
  int          color; /* palette index, or -1 for "next in order" */
  OcPlotAxisId axis;
  double       marker_scale;
  int          marker;   /* OcPlotMarker, or -1 for "next in order" */
  gboolean     has_rgba; /* rgba instead of the palette */
  OcPlotRgba   rgba;
  gboolean     halo;
};

typedef struct
{
  OcPlotAxisId axis;
  double       value;
  char        *label;
} OcPlotReference;

typedef struct
{
  double x, y;
  char  *text;
} OcPlotAnnotation;

typedef struct
{
  float   *pixels;
  guint    width, height;
  char    *label;
  gboolean marked;
  gboolean dimmed;
} OcPlotImage;

struct _OcPlotFigure
{
  OcPlotKind     kind;
  char          *title;
  OcPlotAxis     axes[OC_PLOT_N_AXES];
  GPtrArray     *series;      /* OcPlotSeries */
  GArray        *references;  /* OcPlotReference */
  GArray        *annotations; /* OcPlotAnnotation */
  GArray        *labels;      /* OcPlotAnnotation: text centred on a data point */
  GPtrArray     *images;      /* OcPlotImage */
  char          *mark_label;
  guint          n_bins;
  float         *matrix; /* heatmap or field, row-major */
  guint          rows, cols;
  double        *col_edges; /* heatmap: cols + 1 increasing X values, or NULL (cell indices) */
  OcPlotSort     sort;
  double         extent[4]; /* field: x0, x1, y0, y1 */
  double         contour;   /* NAN = none */
  GArray        *contours;  /* double: thin level curves */
  double         field_alpha;
  OcPlotColormap colormap;
  double         color_min, color_max; /* NAN = fit */
  gboolean       zero_background; /* the diverging map's zero is the theme's background */
  float         *underlay;        /* heatmap: a picture outlined over the matrix, or NULL */
  guint          underlay_rows, underlay_cols;
  char          *empty_heading, *empty_detail; /* XY without data: what to say instead */
  GPtrArray     *panels;    /* OcPlotFigure, owned */
  GArray        *panel_weights; /* double */
};

extern const guint8 oc_plot_colormap_sequential[256][3];
extern const guint8 oc_plot_colormap_diverging[256][3];

/* ---- Drawing context ---- */

typedef struct
{
  double x, y, w, h;
} OcPlotRect;

typedef struct _OcPlotTextSink OcPlotTextSink;

typedef struct
{
  cairo_t           *cr;
  const OcPlotTheme *theme;
  double             width, height;
  double             em; /* base font size, user units */
  double             lw; /* base stroke width, user units */
  double             pad;
  PangoLayout       *layout;
  OcPlotTextSink    *sink; /* non-NULL when text goes to SVG <text> elements */
  OcPlotLayout      *record; /* non-NULL when the drawing routine reports its layout */
} OcPlotCtx;

void oc_plot_ctx_init (OcPlotCtx *ctx, cairo_t *cr, double width, double height,
                       const OcPlotTheme *theme);
void oc_plot_ctx_clear (OcPlotCtx *ctx);
/* A canvas drawn whole (a figure, a slide): saves @cr, initialises @ctx with the SVG text sink
 * attached to @cr (if any), clips to (0, 0, @width, @height) and paints the background.
 * oc_plot_ctx_end() clears @ctx and restores @cr. */
void oc_plot_ctx_begin (OcPlotCtx *ctx, cairo_t *cr, double width, double height,
                        const OcPlotTheme *theme);
void oc_plot_ctx_end   (OcPlotCtx *ctx);

void oc_plot_set_color (cairo_t *cr, const OcPlotRgba *c);
void oc_plot_set_color_alpha (cairo_t *cr, const OcPlotRgba *c, double alpha);
OcPlotRgba oc_plot_series_rgba (const OcPlotCtx *ctx, const OcPlotFigure *figure, guint index);

/* ---- Text (oc-plot-text.c) ---- */

typedef enum
{
  OC_PLOT_TEXT_NORMAL = 0,
  OC_PLOT_TEXT_BOLD = 1 << 0,
} OcPlotTextFlags;

/* Size of @text at @size em; rotated text reports its unrotated size. */
void oc_plot_text_size (OcPlotCtx *ctx, const char *text, double size, OcPlotTextFlags flags,
                        double *w, double *h);
/* Draws @text so that the point (@ax, @ay) of its box (0..1 each, 0 = left/top) lands on
 * (@x, @y); @angle rotates counter-clockwise in radians around that point. */
void oc_plot_text_draw (OcPlotCtx *ctx, const char *text, double size, OcPlotTextFlags flags,
                        const OcPlotRgba *color, double x, double y, double ax, double ay,
                        double angle);
/* Wrapped to @max_w, at most @max_lines lines (ellipsised); returns the height used. */
double oc_plot_text_draw_wrapped (OcPlotCtx *ctx, const char *text, double size,
                                  OcPlotTextFlags flags, const OcPlotRgba *color, double x,
                                  double y, double max_w, int max_lines, gboolean measure_only);
/* The same, left-aligned, with the box's top-left corner at (@x, @y): running text. */
double oc_plot_text_draw_paragraph (OcPlotCtx *ctx, const char *text, double size,
                                    OcPlotTextFlags flags, const OcPlotRgba *color, double x,
                                    double y, double max_w, int max_lines, gboolean measure_only);

/* Attached to a cairo_t with this key, the sink receives the text instead of the surface. */
extern const int oc_plot_text_sink_key;
OcPlotTextSink *oc_plot_text_sink_new (void);
void            oc_plot_text_sink_free (OcPlotTextSink *sink);
/* Inserts the recorded text before the closing </svg> of @svg. */
void            oc_plot_text_sink_finish (OcPlotTextSink *sink, GByteArray *svg);

/* ---- Occupancy: where data is, so labels and the legend go elsewhere (oc-plot-occupancy.c) ---- */

typedef struct _OcPlotOccupancy OcPlotOccupancy;

OcPlotOccupancy *oc_plot_occupancy_new (const OcPlotRect *area, double cell);
void             oc_plot_occupancy_free (OcPlotOccupancy *occ);
void             oc_plot_occupancy_segment (OcPlotOccupancy *occ, double x0, double y0, double x1,
                                            double y1);
void             oc_plot_occupancy_rect (OcPlotOccupancy *occ, const OcPlotRect *r);
guint            oc_plot_occupancy_count (const OcPlotOccupancy *occ, const OcPlotRect *r);

/* ---- Axes frame shared by the kinds with axes (oc-plot-frame.c) ---- */

typedef struct
{
  gboolean     shown;
  OcPlotScale  scale;
  OcPlotTicks *ticks;
  const char  *label;
  char       **categories; /* borrowed */
  guint        n_categories;
  gboolean     inverted;   /* y grows downward (matrix rows) */
} OcPlotAxisState;

typedef struct
{
  OcPlotRect      plot;
  OcPlotAxisState axis[3]; /* X, Y, Y2 */
  double          top;     /* below the title */
  double          right_reserve; /* colour bar */
  double          legend_above;  /* height reserved above the plot for the legend */
} OcPlotFrame;

/* Data ranges are given per axis (NAN when no data); the frame fits, pads and lays out. */
typedef struct
{
  double   min[3], max[3];
  gboolean include_zero[3];
  gboolean has_y2;
  gboolean inverted_y;
  double   pad;
  double   right_reserve;
  double   legend_above;
} OcPlotFrameSpec;

void   oc_plot_frame_layout (OcPlotCtx *ctx, const OcPlotFigure *figure,
                             const OcPlotFrameSpec *spec, OcPlotFrame *frame);
void   oc_plot_frame_clear (OcPlotFrame *frame);
void   oc_plot_frame_draw_grid (OcPlotCtx *ctx, const OcPlotFrame *frame);
void   oc_plot_frame_draw_axes (OcPlotCtx *ctx, const OcPlotFrame *frame);
double oc_plot_frame_x (const OcPlotFrame *frame, double v);
double oc_plot_frame_y (const OcPlotFrame *frame, OcPlotAxisId axis, double v);
/* Title at the top of the canvas; returns the y below it. */
double oc_plot_draw_title (OcPlotCtx *ctx, const OcPlotFigure *figure, gboolean measure_only);
/* The "No data" state inside @r. */
void   oc_plot_draw_no_data (OcPlotCtx *ctx, const OcPlotRect *r, const char *why);
/* The same with another heading than "No data". */
void   oc_plot_draw_message (OcPlotCtx *ctx, const OcPlotRect *r, const char *heading,
                             const char *why);

/* ---- Legend, reference lines and annotations (oc-plot-legend.c) ---- */

typedef struct
{
  const char *name;
  OcPlotRgba  color;
  OcPlotStyle style;  /* line, markers, dashed */
  gboolean    band;   /* a translucent swatch behind the line */
  gboolean    filled; /* a histogram's filled box */
  guint       marker; /* OcPlotMarker */
  double      marker_scale;
  gboolean    halo;   /* a dark outline, as the series has */
} OcPlotLegendItem;

/* Height a legend laid out in rows across @max_w takes (0 when there is nothing to show). */
double oc_plot_legend_row_height (OcPlotCtx *ctx, const OcPlotLegendItem *items, guint n,
                                  double max_w);
/* Puts the legend where it covers no data inside the plot if possible (TRUE), else returns FALSE
 * so the caller lays out again with room above the plot. */
gboolean oc_plot_legend_place_inside (OcPlotCtx *ctx, const OcPlotFrame *frame,
                                      OcPlotOccupancy *occ, const OcPlotLegendItem *items,
                                      guint n, OcPlotRect *where);
void     oc_plot_legend_draw (OcPlotCtx *ctx, const OcPlotLegendItem *items, guint n,
                              const OcPlotRect *where, gboolean rows);
void     oc_plot_draw_marker (cairo_t *cr, guint shape, double x, double y, double r);
/* Reference lines: their lines and labels are marked in @occ, each label put beside its line
 * where it covers the least data; @label_rects (one per reference) get width 0 when unlabelled. */
void     oc_plot_references_place (OcPlotCtx *ctx, const OcPlotFigure *figure,
                                   const OcPlotFrame *frame, OcPlotOccupancy *occ,
                                   OcPlotRect *label_rects);
void     oc_plot_references_draw_lines (OcPlotCtx *ctx, const OcPlotFigure *figure,
                                        const OcPlotFrame *frame);
void     oc_plot_references_draw_labels (OcPlotCtx *ctx, const OcPlotFigure *figure,
                                         const OcPlotRect *label_rects);

typedef struct
{
  gboolean   shown;
  OcPlotRect rect;   /* the text */
  double     px, py; /* the point it refers to */
  double     dx, dy; /* direction from the point to the text, each -1, 0 or 1 */
} OcPlotPlacement;

void oc_plot_annotations_place (OcPlotCtx *ctx, const OcPlotFigure *figure,
                                const OcPlotFrame *frame, OcPlotOccupancy *occ,
                                OcPlotPlacement *placed);
void oc_plot_annotations_draw (OcPlotCtx *ctx, const OcPlotFigure *figure,
                               const OcPlotPlacement *placed);
/* Labels (oc_plot_figure_add_label): where each goes, marked in @occ (@rects: one per label,
 * width 0 when it falls outside the plot), and drawing them. */
void oc_plot_labels_place (OcPlotCtx *ctx, const OcPlotFigure *figure, const OcPlotFrame *frame,
                           OcPlotOccupancy *occ, OcPlotRect *rects);
void oc_plot_labels_draw (OcPlotCtx *ctx, const OcPlotFigure *figure, const OcPlotRect *rects);

/* ---- Layout of figures with axes (oc-plot-axes.c) ---- */

#define OC_PLOT_MAX_LEGEND 32

/* Marks where a figure kind's data falls in @occ. */
typedef void (*OcPlotOccupyFunc) (OcPlotCtx *ctx, const OcPlotFigure *figure,
                                  const OcPlotFrame *frame, OcPlotOccupancy *occ, gpointer data);

typedef struct
{
  OcPlotFrame      frame;
  OcPlotOccupancy *occ;
  OcPlotRect      *ref_rects;
  OcPlotPlacement *notes;
  OcPlotRect      *label_rects;
  OcPlotLegendItem items[OC_PLOT_MAX_LEGEND]; /* filled by the caller before laying out */
  guint            n_items;
  OcPlotRect       legend;
  gboolean         legend_rows;
} OcPlotAxesLayout;

void oc_plot_axes_layout (OcPlotCtx *ctx, const OcPlotFigure *figure, OcPlotFrameSpec *spec,
                          OcPlotOccupyFunc occupy, gpointer data, OcPlotAxesLayout *layout);
/* Axes, reference labels, annotations and legend: everything drawn over the data. */
void oc_plot_axes_draw_overlays (OcPlotCtx *ctx, const OcPlotFigure *figure,
                                 OcPlotAxesLayout *layout);
void oc_plot_axes_layout_clear (OcPlotAxesLayout *layout);

/* ---- Rasters: matrices to nearest-neighbour images (oc-plot-raster.c) ---- */

typedef struct
{
  OcPlotColormap  map;
  double          min, max;
  OcPlotScaleKind kind; /* log: colours spread over decades */
  /* Diverging only: 0 takes @bg exactly and each sign fades from @bg to the map's end colour,
   * so zeros vanish into the background on any theme. */
  gboolean        zero_bg;
  OcPlotRgba      bg;
} OcPlotColorScale;

/* Where @v falls on @cs, 0..1 (outside when outside the range), NAN when not representable. */
double oc_plot_color_scale_map (const OcPlotColorScale *cs, double v);

#define OC_PLOT_FIELD_ALPHA 0.6

/* Resolves the figure's colour range over @values (NaN ignored), and its zero colour from
 * @ctx's theme. */
void oc_plot_color_scale_fit (const OcPlotCtx *ctx, const OcPlotFigure *figure,
                              const float *values, gsize n, OcPlotColorScale *cs);
/* An ARGB32 image of @rows × @cols cells; @row_order/@col_order permute (may be NULL);
 * @flip_y puts row 0 at the bottom. NaN cells take @missing. */
cairo_surface_t *oc_plot_raster_new (const float *values, guint rows, guint cols,
                                     const guint *row_order, const guint *col_order,
                                     gboolean flip_y, const OcPlotColorScale *cs,
                                     const OcPlotRgba *missing);
/* Paints @image stretched over @dest: nearest-neighbour when cells are bigger than device
 * pixels, area-averaged when smaller; @smooth interpolates instead (a sampled function). */
void oc_plot_raster_paint (cairo_t *cr, cairo_surface_t *image, const OcPlotRect *dest,
                           double alpha, gboolean smooth);
/* A vertical colour bar right of @plot with its ticks and label; returns the width it needs
 * when @measure_only. */
double oc_plot_colorbar (OcPlotCtx *ctx, const OcPlotFigure *figure, const OcPlotColorScale *cs,
                         const OcPlotRect *plot, gboolean measure_only);

/* ---- The figure kinds, one drawing routine each ---- */

void oc_plot_draw_xy (OcPlotCtx *ctx, const OcPlotFigure *figure);
void oc_plot_draw_histogram (OcPlotCtx *ctx, const OcPlotFigure *figure);
void oc_plot_draw_heatmap (OcPlotCtx *ctx, const OcPlotFigure *figure);
void oc_plot_draw_image_grid (OcPlotCtx *ctx, const OcPlotFigure *figure);
void oc_plot_draw_field (OcPlotCtx *ctx, const OcPlotFigure *figure);
void oc_plot_draw_panels (OcPlotCtx *ctx, const OcPlotFigure *figure);

/* The outline of series with a halo. */
extern const OcPlotRgba oc_plot_halo_color;
/* The marker series @index of @figure draws: its own, or the next shape in order. */
guint oc_plot_series_marker (const OcPlotFigure *figure, guint index);

/* Series lines/markers/bands, shared by XY and FIELD (oc-plot-series.c). */
void oc_plot_series_draw_all (OcPlotCtx *ctx, const OcPlotFigure *figure, const OcPlotFrame *frame,
                              OcPlotOccupancy *occ, gboolean draw);
/* Fills @spec's X/Y/Y2 extents from the series' finite points; returns how many there are. */
gsize oc_plot_series_extents (const OcPlotFigure *figure, OcPlotFrameSpec *spec);
guint oc_plot_series_legend_items (OcPlotCtx *ctx, const OcPlotFigure *figure,
                                   OcPlotLegendItem *items, guint max_items);

/* ---- Reading the model as words (oc-plot-data.c) ---- */

/* @v for people: four significant digits (whole numbers as they are), a real minus sign,
 * "missing" for NaN. */
void        oc_plot_append_value    (GString *s, double v);
/* The axis' label, or @fallback when it has none. */
const char *oc_plot_axis_name       (const OcPlotFigure *f, OcPlotAxisId axis,
                                     const char *fallback);
/* Series @i's name, or "series N" when it has none. */
char       *oc_plot_series_dup_name (const OcPlotFigure *f, guint i);
/* The name of row/column @index on @axis: its category, else its number. */
char       *oc_plot_axis_dup_index_name (const OcPlotFigure *f, OcPlotAxisId axis, guint index);

/* ---- Where a drawn figure put things, for hit-testing (oc-plot-hit.c) ---- */

struct _OcPlotLayout
{
  const OcPlotFigure *figure; /* borrowed */
  OcPlotTheme         theme;
  double              width, height;
  double              ox, oy;    /* where this layout's (0, 0) is on the canvas (panels) */
  gboolean            has_frame; /* XY, HISTOGRAM, HEATMAP, FIELD with data */
  OcPlotRect          plot;
  OcPlotScale         scale[3];  /* X, Y, Y2 */
  gboolean            inverted;  /* HEATMAP: row 0 at the top */
  guint               n_bins;    /* HISTOGRAM: shared bins */
  double             *edges;     /* n_bins + 1 */
  double             *counts;    /* n_series × n_bins */
  guint              *row_order, *col_order; /* HEATMAP sorted: display → stored; else NULL */
  gboolean            edges_x;   /* HEATMAP: columns on the figure's col_edges */
  GPtrArray          *panels;    /* PANELS: OcPlotLayout, one per panel */
  /* IMAGE_GRID with images: the tiles as drawn, tile i in column i % tile_cols, row
   * i / tile_cols, at (tile_x0 + column · tile_dx, tile_y0 + row · tile_dy); n_tiles 0: none. */
  guint               n_tiles, tile_cols;
  double              tile_x0, tile_y0, tile_w, tile_h, tile_dx, tile_dy;
};

/* An empty layout of @figure drawn at (@ox, @oy) of the canvas, @width × @height, to be filled
 * in by oc_plot_figure_draw_recording(). */
OcPlotLayout *oc_plot_layout_alloc (const OcPlotFigure *figure, double ox, double oy,
                                    double width, double height, const OcPlotTheme *theme);
/* Draws as oc_plot_figure_draw() does; with @record, the routine fills it in as it lays out. */
void oc_plot_figure_draw_recording (const OcPlotFigure *figure, cairo_t *cr, double width,
                                    double height, const OcPlotTheme *theme,
                                    OcPlotLayout *record);
/* The drawing routines report their frame, bins and orders with these (no-ops without one). */
void oc_plot_record_frame (OcPlotCtx *ctx, const OcPlotFrame *frame);
void oc_plot_record_bins  (OcPlotCtx *ctx, const double *edges, guint n_bins,
                           double *const *counts, guint n_series);
/* HEATMAP: the sort orders, and whether the columns sit on their edges (set_column_edges). */
void oc_plot_record_order (OcPlotCtx *ctx, const guint *row_order, const guint *col_order,
                           gboolean edges);
/* IMAGE_GRID: where its @n tiles went (see OcPlotLayout). */
void oc_plot_record_tiles (OcPlotCtx *ctx, guint n, guint cols, double x0, double y0, double w,
                           double h, double dx, double dy);
/* PANELS: a new layout for panel @panel at (@x, @y), @w × @h, on @ctx's record (NULL without
 * one). */
OcPlotLayout *oc_plot_record_panel (OcPlotCtx *ctx, const OcPlotFigure *panel, double x,
                                    double y, double w, double h, const OcPlotTheme *theme);

G_END_DECLS
