/* oc-plot-text.c — measuring and drawing labels with Pango, and keeping text as text in SVG.
 *
 * Hinting is switched off for metrics and outlines so that a label has the same size in a PNG at
 * any scale, in a PDF and in the golden images on every machine.
 *
 * Cairo's SVG backend writes glyphs as outlines, which makes slides' text uneditable and
 * unsearchable. When an OcPlotTextSink is attached, text is not drawn but recorded with its
 * transformation and appended to the SVG as <text> elements; the drawing code does not change.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include "oc-plot-private.h"

const int oc_plot_text_sink_key = 0;

struct _OcPlotTextSink
{
  GString *elements;
};

void
oc_plot_ctx_init (OcPlotCtx *ctx, cairo_t *cr, double width, double height,
                  const OcPlotTheme *theme)
{
  cairo_font_options_t *options;
  PangoContext *pctx;

  memset (ctx, 0, sizeof *ctx);
  ctx->cr = cr;
  ctx->theme = theme;
  ctx->width = width;
  ctx->height = height;
  ctx->em = oc_plot_theme_em (theme, width, height);
  ctx->lw = MAX (ctx->em / theme->font_scale * 0.1, 0.75) * theme->stroke_scale;
  ctx->pad = ctx->em * 0.8;
  ctx->layout = pango_cairo_create_layout (cr);
  pctx = pango_layout_get_context (ctx->layout);
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options (pctx, options);
  cairo_font_options_destroy (options);
  pango_layout_context_changed (ctx->layout);
}

void
oc_plot_ctx_clear (OcPlotCtx *ctx)
{
  g_clear_object (&ctx->layout);
}

void
oc_plot_ctx_begin (OcPlotCtx *ctx, cairo_t *cr, double width, double height,
                   const OcPlotTheme *theme)
{
  cairo_save (cr);
  oc_plot_ctx_init (ctx, cr, width, height, theme);
  ctx->sink = cairo_get_user_data (cr, (const cairo_user_data_key_t *) &oc_plot_text_sink_key);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  oc_plot_set_color (cr, &theme->background);
  cairo_paint (cr);
}

void
oc_plot_ctx_end (OcPlotCtx *ctx)
{
  cairo_t *cr = ctx->cr;

  oc_plot_ctx_clear (ctx);
  cairo_restore (cr);
}

static void
set_font (OcPlotCtx *ctx, double size, OcPlotTextFlags flags)
{
  g_autoptr (PangoFontDescription) desc = pango_font_description_new ();

  pango_font_description_set_family (desc, ctx->theme->font_family);
  pango_font_description_set_absolute_size (desc, ctx->em * size * PANGO_SCALE);
  pango_font_description_set_weight (desc, (flags & OC_PLOT_TEXT_BOLD) ? PANGO_WEIGHT_BOLD
                                                                       : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (ctx->layout, desc);
}

static void
prepare (OcPlotCtx *ctx, const char *text, double size, OcPlotTextFlags flags)
{
  set_font (ctx, size, flags);
  pango_layout_set_width (ctx->layout, -1);
  pango_layout_set_height (ctx->layout, -1);
  pango_layout_set_ellipsize (ctx->layout, PANGO_ELLIPSIZE_NONE);
  pango_layout_set_alignment (ctx->layout, PANGO_ALIGN_LEFT);
  pango_layout_set_text (ctx->layout, text, -1);
}

static void
logical_size (PangoLayout *layout, double *w, double *h)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  if (w)
    *w = (double) logical.width / PANGO_SCALE;
  if (h)
    *h = (double) logical.height / PANGO_SCALE;
}

void
oc_plot_text_size (OcPlotCtx *ctx, const char *text, double size, OcPlotTextFlags flags,
                   double *w, double *h)
{
  if (text == NULL || text[0] == '\0')
    {
      if (w)
        *w = 0;
      if (h)
        *h = 0;
      return;
    }
  prepare (ctx, text, size, flags);
  logical_size (ctx->layout, w, h);
}

/* Records one line of text whose baseline starts at (@x, @y) in the current user space, with
 * @anchor 0 (start), 0.5 (middle) or 1 (end) of its width @w. */
static void
sink_record (OcPlotCtx *ctx, const char *text, gsize len, double x, double y, double w,
             double anchor, double size, OcPlotTextFlags flags, const OcPlotRgba *color)
{
  cairo_matrix_t m;
  g_autofree char *escaped = g_markup_escape_text (text, (gssize) len);
  g_autofree char *family = g_strdup (ctx->theme->font_family);
  const char *anchor_name = anchor == 0.5 ? "middle" : anchor == 1 ? "end" : "start";
  char buf[6][G_ASCII_DTOSTR_BUF_SIZE];
  char fs[G_ASCII_DTOSTR_BUF_SIZE], op[G_ASCII_DTOSTR_BUF_SIZE];
  char *comma;

  cairo_get_matrix (ctx->cr, &m);
  cairo_matrix_translate (&m, x + anchor * w, y);
  /* Family lists are CSS-compatible apart from the generic name's case. */
  comma = strchr (family, ',');
  if (comma)
    *comma = '\0';
  g_string_append_printf (
    ctx->sink->elements,
    "<text transform=\"matrix(%s %s %s %s %s %s)\" font-family=\"'%s', sans-serif\" "
    "font-size=\"%s\" font-weight=\"%s\" text-anchor=\"%s\" "
    "fill=\"rgb(%d,%d,%d)\" fill-opacity=\"%s\" xml:space=\"preserve\">%s</text>\n",
    g_ascii_formatd (buf[0], sizeof buf[0], "%.4f", m.xx),
    g_ascii_formatd (buf[1], sizeof buf[1], "%.4f", m.yx),
    g_ascii_formatd (buf[2], sizeof buf[2], "%.4f", m.xy),
    g_ascii_formatd (buf[3], sizeof buf[3], "%.4f", m.yy),
    g_ascii_formatd (buf[4], sizeof buf[4], "%.3f", m.x0),
    g_ascii_formatd (buf[5], sizeof buf[5], "%.3f", m.y0), family,
    g_ascii_formatd (fs, sizeof fs, "%.3f", ctx->em * size),
    (flags & OC_PLOT_TEXT_BOLD) ? "bold" : "normal", anchor_name, (int) lround (color->r * 255),
    (int) lround (color->g * 255), (int) lround (color->b * 255),
    g_ascii_formatd (op, sizeof op, "%.3f", color->a), escaped);
}

/* Shows the current layout at the current point, or records its lines. */
static void
show_layout (OcPlotCtx *ctx, double x, double y, double anchor, double size,
             OcPlotTextFlags flags, const OcPlotRgba *color)
{
  PangoLayoutIter *iter;
  const char *text;

  if (ctx->sink == NULL || pango_layout_is_ellipsized (ctx->layout))
    {
      oc_plot_set_color (ctx->cr, color);
      cairo_move_to (ctx->cr, x, y);
      pango_cairo_show_layout (ctx->cr, ctx->layout);
      return;
    }
  text = pango_layout_get_text (ctx->layout);
  iter = pango_layout_get_iter (ctx->layout);
  do
    {
      PangoLayoutLine *line = pango_layout_iter_get_line_readonly (iter);
      PangoRectangle rect;
      gsize len = (gsize) line->length;
      double baseline = (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE;

      pango_layout_iter_get_line_extents (iter, NULL, &rect);
      /* Trailing newlines and spaces are layout, not text. */
      while (len > 0 && (text[line->start_index + len - 1] == '\n'
                         || text[line->start_index + len - 1] == ' '))
        len--;
      if (len > 0)
        sink_record (ctx, text + line->start_index, len, x + (double) rect.x / PANGO_SCALE,
                     y + baseline, (double) rect.width / PANGO_SCALE, anchor, size, flags, color);
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
}

void
oc_plot_text_draw (OcPlotCtx *ctx, const char *text, double size, OcPlotTextFlags flags,
                   const OcPlotRgba *color, double x, double y, double ax, double ay,
                   double angle)
{
  double w, h;
  double anchor = ax < 0.25 ? 0 : ax > 0.75 ? 1 : 0.5;

  if (text == NULL || text[0] == '\0')
    return;
  prepare (ctx, text, size, flags);
  logical_size (ctx->layout, &w, &h);
  cairo_save (ctx->cr);
  cairo_translate (ctx->cr, x, y);
  if (angle != 0)
    cairo_rotate (ctx->cr, -angle);
  show_layout (ctx, -ax * w, -ay * h, anchor, size, flags, color);
  cairo_restore (ctx->cr);
}

/* Wrapped text whose box's left edge is at @left; lines aligned by @align. */
static double
draw_wrapped (OcPlotCtx *ctx, const char *text, double size, OcPlotTextFlags flags,
              const OcPlotRgba *color, double left, double y, double max_w, int max_lines,
              PangoAlignment align, gboolean measure_only)
{
  double w, h;

  if (text == NULL || text[0] == '\0' || max_w <= 0)
    return 0;
  prepare (ctx, text, size, flags);
  pango_layout_set_width (ctx->layout, (int) (max_w * PANGO_SCALE));
  pango_layout_set_wrap (ctx->layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_height (ctx->layout, -max_lines);
  pango_layout_set_ellipsize (ctx->layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_alignment (ctx->layout, align);
  logical_size (ctx->layout, &w, &h);
  if (!measure_only)
    {
      cairo_save (ctx->cr);
      show_layout (ctx, left, y, align == PANGO_ALIGN_CENTER ? 0.5 : 0, size, flags, color);
      cairo_restore (ctx->cr);
    }
  return h;
}

double
oc_plot_text_draw_wrapped (OcPlotCtx *ctx, const char *text, double size, OcPlotTextFlags flags,
                           const OcPlotRgba *color, double x, double y, double max_w,
                           int max_lines, gboolean measure_only)
{
  return draw_wrapped (ctx, text, size, flags, color, x - max_w / 2, y, max_w, max_lines,
                       PANGO_ALIGN_CENTER, measure_only);
}

double
oc_plot_text_draw_paragraph (OcPlotCtx *ctx, const char *text, double size,
                             OcPlotTextFlags flags, const OcPlotRgba *color, double x, double y,
                             double max_w, int max_lines, gboolean measure_only)
{
  return draw_wrapped (ctx, text, size, flags, color, x, y, max_w, max_lines, PANGO_ALIGN_LEFT,
                       measure_only);
}

OcPlotTextSink *
oc_plot_text_sink_new (void)
{
  OcPlotTextSink *sink = g_new0 (OcPlotTextSink, 1);

  sink->elements = g_string_new (NULL);
  return sink;
}

void
oc_plot_text_sink_free (OcPlotTextSink *sink)
{
  if (sink == NULL)
    return;
  g_string_free (sink->elements, TRUE);
  g_free (sink);
}

void
oc_plot_text_sink_finish (OcPlotTextSink *sink, GByteArray *svg)
{
  static const char close_tag[] = "</svg>";
  gsize at = svg->len;

  /* Find the last "</svg>" and insert the text group in front of it. */
  for (gsize i = svg->len >= sizeof close_tag - 1 ? svg->len - (sizeof close_tag - 1) + 1 : 0;
       i-- > 0;)
    if (memcmp (svg->data + i, close_tag, sizeof close_tag - 1) == 0)
      {
        at = i;
        break;
      }
  if (at == svg->len || sink->elements->len == 0)
    return;
  {
    g_autoptr (GString) group = g_string_new ("<g id=\"text\">\n");

    g_string_append_len (group, sink->elements->str, (gssize) sink->elements->len);
    g_string_append (group, "</g>\n");
    g_byte_array_set_size (svg, svg->len + group->len);
    memmove (svg->data + at + group->len, svg->data + at, svg->len - group->len - at);
    memcpy (svg->data + at, group->str, group->len);
  }
}
