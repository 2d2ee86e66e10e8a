/* oc-plot-slide.c — see oc-plot-slide.h.
 *
 * Sizes are in the slide's em (the theme's base font size for the whole canvas), so a slide reads
 * the same at 1280 × 720 on a projector, at 3840 × 2160 in a PNG and in a 16:9 PDF page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>

#include "occam-plot/oc-plot-hit.h"
#include "occam-plot/oc-plot-slide.h"
#include "oc-plot-private.h"

#define TITLE_SIZE       1.6  /* a figure's or text slide's title */
#define COVER_TITLE_SIZE 2.6  /* a title slide's */
#define SUBTITLE_SIZE    1.2
#define BODY_SIZE        1.2
#define CAPTION_SIZE     1.05
#define SMALL_SIZE       0.75 /* note and footer */
#define MARGIN           1.4  /* around everything, em */

/* The note and footer line along the bottom; returns its height (0 without either). */
static double
draw_bottom_line (OcPlotCtx *ctx, const OcPlotSlideText *text, double margin)
{
  double hn = 0, hf = 0, wf = 0;
  double y;

  if (text->note != NULL)
    oc_plot_text_size (ctx, text->note, SMALL_SIZE, 0, NULL, &hn);
  if (text->footer != NULL)
    oc_plot_text_size (ctx, text->footer, SMALL_SIZE, 0, &wf, &hf);
  if (hn == 0 && hf == 0)
    return 0;
  y = ctx->height - margin * 0.6;
  if (text->footer != NULL)
    oc_plot_text_draw (ctx, text->footer, SMALL_SIZE, 0, &ctx->theme->muted,
                       ctx->width - margin, y, 1, 1, 0);
  if (text->note != NULL)
    oc_plot_text_draw_paragraph (ctx, text->note, SMALL_SIZE, 0, &ctx->theme->muted, margin,
                                 y - hn, ctx->width - 2 * margin - wf - ctx->em, 1, FALSE);
  return MAX (hn, hf);
}

/* A slide's title at the top, centred: one line when it fits, else two lines of smaller type
 * (a long figure title reads better that way than broken after its first words). Returns the
 * height used. */
static double
draw_title (OcPlotCtx *ctx, const char *title, double top, double w)
{
  double one, h, size = TITLE_SIZE;

  if (title == NULL)
    return 0;
  oc_plot_text_size (ctx, title, TITLE_SIZE, OC_PLOT_TEXT_BOLD, NULL, &one);
  h = oc_plot_text_draw_wrapped (ctx, title, TITLE_SIZE, OC_PLOT_TEXT_BOLD, &ctx->theme->text,
                                 0, 0, w, 2, TRUE);
  if (h > one * 1.5)
    size = TITLE_SIZE * 0.78;
  return oc_plot_text_draw_wrapped (ctx, title, size, OC_PLOT_TEXT_BOLD, &ctx->theme->text,
                                    ctx->width / 2, top, w, 2, FALSE);
}

/* With @record, *@record is the figure's layout, in the slide's coordinates (NULL when the
 * slide has no room for it). */
static void
draw_figure_slide (OcPlotCtx *ctx, const OcPlotFigure *figure, const OcPlotSlideText *text,
                   OcPlotLayout **record)
{
  double margin = MARGIN * ctx->em, w = ctx->width - 2 * margin;
  double top = margin * 0.7, bottom, hc = 0;
  OcPlotFigure untitled = *figure;

  top += draw_title (ctx, text->title, top, w);
  if (text->subtitle != NULL)
    top += oc_plot_text_draw_wrapped (ctx, text->subtitle, SUBTITLE_SIZE * 0.8, 0,
                                      &ctx->theme->muted, ctx->width / 2, top, w, 1, FALSE);
  bottom = ctx->height - margin * 0.6;
  bottom -= draw_bottom_line (ctx, text, margin);
  if (text->caption != NULL)
    {
      hc = oc_plot_text_draw_wrapped (ctx, text->caption, CAPTION_SIZE, 0, &ctx->theme->text, 0,
                                      0, w, 2, TRUE);
      bottom -= hc + ctx->em * 0.4;
      oc_plot_text_draw_wrapped (ctx, text->caption, CAPTION_SIZE, 0, &ctx->theme->text,
                                 ctx->width / 2, bottom, w, 2, FALSE);
    }
  if (bottom - top < 4 * ctx->em)
    return;
  /* The slide's title replaces the figure's; the copy shares the figure's data, read only. The
   * figure sizes its own type for the area it gets, as an export of that size would: the slide's
   * larger type crowds figures of several panels. */
  untitled.title = NULL;
  if (record != NULL)
    *record = oc_plot_layout_alloc (&untitled, margin * 0.5, top, ctx->width - margin,
                                    bottom - top, ctx->theme);
  cairo_save (ctx->cr);
  cairo_translate (ctx->cr, margin * 0.5, top);
  oc_plot_figure_draw_recording (&untitled, ctx->cr, ctx->width - margin, bottom - top,
                                 ctx->theme, record != NULL ? *record : NULL);
  cairo_restore (ctx->cr);
  /* The layout outlives the copy: it borrows the caller's figure, whose panels and data the
   * copy shared, and whose title the readout does not show. */
  if (record != NULL)
    (*record)->figure = figure;
}

static void
draw_text_slide (OcPlotCtx *ctx, const OcPlotSlideText *text)
{
  double margin = MARGIN * ctx->em;
  double column = MIN (ctx->width - 4 * margin, 42 * ctx->em);
  double left = (ctx->width - column) / 2;
  double top = margin, bottom, h = 0, y;
  double gap = ctx->em * 0.9;
  guint n = text->body != NULL ? g_strv_length ((char **) text->body) : 0;

  bottom = ctx->height - margin * 0.6 - draw_bottom_line (ctx, text, margin);
  if (n == 0)
    {
      /* A title slide: the title and subtitle centred. */
      double ht = oc_plot_text_draw_wrapped (ctx, text->title, COVER_TITLE_SIZE, OC_PLOT_TEXT_BOLD,
                                             &ctx->theme->text, 0, 0, ctx->width - 2 * margin,
                                             3, TRUE);
      double hs = oc_plot_text_draw_wrapped (ctx, text->subtitle, SUBTITLE_SIZE, 0,
                                             &ctx->theme->muted, 0, 0, column, 4, TRUE);

      y = top + (bottom - top - ht - hs - gap) / 2;
      y += oc_plot_text_draw_wrapped (ctx, text->title, COVER_TITLE_SIZE, OC_PLOT_TEXT_BOLD,
                                      &ctx->theme->text, ctx->width / 2, y,
                                      ctx->width - 2 * margin, 3, FALSE);
      oc_plot_text_draw_wrapped (ctx, text->subtitle, SUBTITLE_SIZE, 0, &ctx->theme->muted,
                                 ctx->width / 2, y + gap, column, 4, FALSE);
      return;
    }
  top = margin * 0.7;
  top += draw_title (ctx, text->title, top, ctx->width - 2 * margin);
  if (text->subtitle != NULL)
    top += oc_plot_text_draw_wrapped (ctx, text->subtitle, SUBTITLE_SIZE * 0.8, 0,
                                      &ctx->theme->muted, ctx->width / 2, top,
                                      ctx->width - 2 * margin, 1, FALSE);
  /* The paragraphs as one block, centred in the space left. */
  for (guint i = 0; i < n; i++)
    h += oc_plot_text_draw_paragraph (ctx, text->body[i], BODY_SIZE, 0, &ctx->theme->text, 0, 0,
                                      column, 8, TRUE) + (i > 0 ? gap : 0);
  y = top + MAX ((bottom - top - h) / 2, ctx->em);
  for (guint i = 0; i < n; i++)
    y += oc_plot_text_draw_paragraph (ctx, text->body[i], BODY_SIZE, 0, &ctx->theme->text, left,
                                      y, column, 8, FALSE) + gap;
}

void
oc_plot_slide_draw (const OcPlotFigure *figure, const OcPlotSlideText *text, cairo_t *cr,
                    double width, double height, const OcPlotTheme *theme)
{
  oc_plot_slide_draw_full (figure, text, cr, width, height, theme, NULL);
}

void
oc_plot_slide_draw_full (const OcPlotFigure *figure, const OcPlotSlideText *text, cairo_t *cr,
                         double width, double height, const OcPlotTheme *theme,
                         OcPlotLayout **layout)
{
  static const OcPlotSlideText none = { 0 };
  OcPlotCtx ctx;

  if (layout != NULL)
    *layout = NULL;
  g_return_if_fail (cr != NULL);
  g_return_if_fail (theme != NULL);

  if (text == NULL)
    text = &none;
  if (!(width >= 1) || !(height >= 1))
    return;
  oc_plot_ctx_begin (&ctx, cr, width, height, theme);
  if (figure != NULL)
    draw_figure_slide (&ctx, figure, text, layout);
  else
    draw_text_slide (&ctx, text);
  oc_plot_ctx_end (&ctx);
}
