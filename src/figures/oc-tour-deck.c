/* oc-tour-deck.c — the seed tour as slides from the store (see oc-tour.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Figure slides are deck slides (oc-deck.h), drawn by oc_deck_slide_draw like any pinned figure;
 * the title, narration and "prepare this scene" slides are text slides of the same layout.
 */
#include <string.h>

#include <glib/gi18n.h>

#include "occam/oc-error.h"
#include "occam/oc-experiment.h"
#include "occam-figures/oc-tour.h"

typedef struct
{
  /* A figure slide: */
  OcDeckSlide  *slide;
  OcPlotFigure *figure;  /* NULL when it could not be built: @problem says why */
  char         *problem;
  /* A text slide: */
  char         *title, *subtitle, *note;
  GStrv         body;
} TourSlide;

struct _OcTourDeck
{
  GPtrArray *slides; /* TourSlide */
  guint      n_missing;
  gboolean   quick;
};

static void
tour_slide_free (TourSlide *s)
{
  g_clear_pointer (&s->slide, oc_deck_slide_free);
  g_clear_pointer (&s->figure, oc_plot_figure_free);
  g_free (s->problem);
  g_free (s->title);
  g_free (s->subtitle);
  g_free (s->note);
  g_strfreev (s->body);
  g_free (s);
}

static TourSlide *
add_text (OcTourDeck *deck, const char *title, const char *subtitle, const char *note, ...)
  G_GNUC_NULL_TERMINATED;

static TourSlide *
add_text (OcTourDeck *deck, const char *title, const char *subtitle, const char *note, ...)
{
  TourSlide *s = g_new0 (TourSlide, 1);
  g_autoptr (GStrvBuilder) b = g_strv_builder_new ();
  va_list args;
  const char *p;

  s->title = g_strdup (title);
  s->subtitle = g_strdup (subtitle);
  s->note = g_strdup (note);
  va_start (args, note);
  while ((p = va_arg (args, const char *)) != NULL)
    g_strv_builder_add (b, p);
  va_end (args);
  s->body = g_strv_builder_end (b);
  g_ptr_array_add (deck->slides, s);
  return s;
}

/* The figure's catalogue parameters, "{also}" replaced by the second experiment's ID. */
static GStrv
figure_params (const OcTourFigure *f, const char *also_id)
{
  g_autoptr (GStrvBuilder) b = g_strv_builder_new ();
  g_auto (GStrv) items = NULL;

  if (f->params == NULL)
    return g_strv_builder_end (b);
  items = g_strsplit (f->params, ";", -1);
  for (guint i = 0; items[i] != NULL; i++)
    {
      g_autoptr (GString) s = g_string_new (items[i]);

      g_string_replace (s, "{also}", also_id != NULL ? also_id : "", 0);
      g_strv_builder_add (b, s->str);
    }
  return g_strv_builder_end (b);
}

static void
add_scene (OcTourDeck *deck, OcStore *store, const OcTourScene *scene, guint number,
           guint n_scenes)
{
  g_auto (OcTourStatus) st = { 0 };
  g_autoptr (GError) error = NULL;
  g_autofree char *subtitle = g_strdup_printf (_("Scene %u of %u"), number, n_scenes);
  g_autofree char *note = NULL, *quick = NULL;

  if (!oc_tour_scene_status (scene, deck->quick, store, &st, &error))
    {
      add_text (deck, _(scene->title), subtitle, NULL, _(scene->narration),
                error->message, NULL);
      deck->n_missing++;
      return;
    }
  if (!st.available)
    {
      add_text (deck, _(scene->title), subtitle, NULL, _(scene->narration), st.why_not,
                _("The tour skips this scene’s figures until then."), NULL);
      deck->n_missing++;
      return;
    }
  note = g_strdup_printf (_("%s · preset %s · experiment %s"), scene->run.kind,
                          scene->run.preset, st.id);
  if (deck->quick)
    quick = g_strdup_printf (_("Quick variant: %s."), _(scene->quick_note));
  add_text (deck, _(scene->title), subtitle, note, _(scene->narration), quick, NULL);
  if (st.n_stored < st.n_points)
    {
      g_autofree char *have = g_strdup_printf (
        _("The results of this scene are not all in the store yet: %u of %u points are "
          "stored."), st.n_stored, st.n_points);
      g_autofree char *eta = oc_format_duration (st.seconds);
      g_autofree char *how = g_strdup_printf (
        _("Prepare them before the talk with “occam-cli tour --prepare%s %s” (about %s on this "
          "machine), then write the deck again."), deck->quick ? " --quick" : "", scene->id, eta);

      add_text (deck, _(scene->title), _("Not prepared"), NULL, have, how, NULL);
      deck->n_missing++;
      return;
    }
  for (guint i = 0; i < scene->n_figures; i++)
    {
      const OcTourFigure *f = &scene->figures[i];
      g_auto (GStrv) params = figure_params (f, st.also_id);
      TourSlide *s = g_new0 (TourSlide, 1);
      g_autoptr (GError) local = NULL;

      s->slide = oc_deck_slide_new (st.id, f->name, (const char *const *) params);
      oc_deck_slide_set_caption (s->slide, _(f->caption));
      if (deck->quick)
        oc_deck_slide_set_quick (s->slide, TRUE, _(scene->quick_note));
      s->figure = oc_deck_slide_build (store, s->slide, &local);
      if (s->figure == NULL)
        s->problem = g_strdup (local->message);
      g_ptr_array_add (deck->slides, s);
    }
}

OcTourDeck *
oc_tour_deck_new (OcStore *store, gboolean quick, GError **error)
{
  g_autoptr (OcTourDeck) deck = g_new0 (OcTourDeck, 1);
  guint n_scenes;
  const OcTourScene *scenes = oc_tour_scenes (&n_scenes);

  g_return_val_if_fail (store != NULL, NULL);

  deck->slides = g_ptr_array_new_with_free_func ((GDestroyNotify) tour_slide_free);
  deck->quick = quick;
  add_text (deck, _("Bigger networks, simpler solutions"),
            quick ? _("Double descent and lottery tickets, computed with Occam · quick variants "
                      "of the experiments (fewer epochs, levels and widths)")
                  : _("Double descent and lottery tickets, computed with Occam"),
            NULL, NULL);
  for (guint i = 0; i < n_scenes; i++)
    add_scene (deck, store, &scenes[i], i + 1, n_scenes);
  return g_steal_pointer (&deck);
}

void
oc_tour_deck_free (OcTourDeck *deck)
{
  if (deck == NULL)
    return;
  g_clear_pointer (&deck->slides, g_ptr_array_unref);
  g_free (deck);
}

guint
oc_tour_deck_get_n_slides (const OcTourDeck *deck)
{
  return deck->slides->len;
}

guint
oc_tour_deck_get_n_missing (const OcTourDeck *deck)
{
  return deck->n_missing;
}

void
oc_tour_deck_draw (const OcTourDeck *deck, guint index, cairo_t *cr, double width, double height)
{
  const TourSlide *s;
  g_autofree char *footer = NULL;
  OcPlotSlideText text = { 0 };

  g_return_if_fail (deck != NULL && index < deck->slides->len);

  s = deck->slides->pdata[index];
  if (s->slide != NULL)
    {
      oc_deck_slide_draw (s->slide, s->figure, s->problem, cr, width, height, NULL, index + 1,
                          deck->slides->len);
      return;
    }
  footer = index > 0 ? g_strdup_printf ("%u / %u", index + 1, deck->slides->len) : NULL;
  text.title = s->title;
  text.subtitle = s->subtitle;
  text.note = s->note;
  text.footer = footer;
  text.body = g_strv_length (s->body) > 0 ? (const char *const *) s->body : NULL;
  oc_plot_slide_draw (NULL, &text, cr, width, height,
                      oc_plot_theme_get (OC_PLOT_THEME_PRESENTATION));
}

static gboolean
draw_page (cairo_t *cr, guint page, double width, double height, gpointer user_data,
           GError **error)
{
  oc_tour_deck_draw (user_data, page, cr, width, height);
  return TRUE;
}

GBytes *
oc_tour_deck_render_pdf (const OcTourDeck *deck, double width, double height, GError **error)
{
  g_return_val_if_fail (deck != NULL, NULL);
  return oc_plot_pages_render (OC_PLOT_FORMAT_PDF, deck->slides->len, width, height, 1,
                               _("Bigger networks, simpler solutions"), draw_page,
                               (gpointer) deck, error);
}
