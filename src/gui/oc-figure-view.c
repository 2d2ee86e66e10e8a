/* oc-figure-view.c — see oc-figure-view.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>
#include <glib/gi18n.h>

#include "oc-deck-pin.h"
#include "oc-figure-view.h"

/* On screen the type has a constant size, as everywhere else in the window; exports scale it. */
#define SCREEN_EM 11.5

struct _OcFigureView
{
  GtkWidget     parent_instance;

  OcPlotFigure *figure;
  char         *placeholder;
  char         *name;
  guint         n_draws;
  /* The catalogue reference (oc_figure_view_set_reference). */
  char         *experiment_id;
  char         *figure_name;
  GStrv         figure_params;
  /* Pins the figure to the deck; shown while the pointer is over a pinnable figure. */
  GtkWidget    *pin_button;
  gboolean      hovered;
};

enum { PROP_0, PROP_PLACEHOLDER, PROP_NAME, N_PROPS };
static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (OcFigureView, oc_figure_view, GTK_TYPE_WIDGET)

/* g_set_str() arrives in GLib 2.76; Debian 12 has 2.74. */
static gboolean
oc_set_str (char **ptr, const char *value)
{
  if (g_strcmp0 (*ptr, value) == 0)
    return FALSE;
  g_free (*ptr);
  *ptr = g_strdup (value);
  return TRUE;
}

void
oc_figure_view_screen_theme (GtkWidget *widget, OcPlotTheme *theme)
{
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  GtkStyleContext *style = gtk_widget_get_style_context (widget);
  GdkRGBA bg;

  *theme = *oc_plot_theme_get (dark ? OC_PLOT_THEME_DARK : OC_PLOT_THEME_LIGHT);
  theme->em_fixed = SCREEN_EM;
  if (gtk_style_context_lookup_color (style, "view_bg_color", &bg))
    theme->background = (OcPlotRgba) { bg.red, bg.green, bg.blue, 1 };
}

static void
oc_figure_view_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  OcFigureView *self = OC_FIGURE_VIEW (widget);
  int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  OcPlotTheme theme;
  cairo_t *cr;

  if (w <= 1 || h <= 1)
    return;
  if (self->figure == NULL)
    {
      /* A dim centred sentence, like the placeholders of GTK's own views. */
      g_autoptr (PangoLayout) layout = gtk_widget_create_pango_layout (widget, self->placeholder);
      GtkStyleContext *style = gtk_widget_get_style_context (widget);
      GdkRGBA fg;
      int lw, lh;

      gtk_style_context_get_color (style, &fg);
      fg.alpha *= 0.55f;
      pango_layout_set_width (layout, MAX (w - 48, 1) * PANGO_SCALE);
      pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_get_pixel_size (layout, &lw, &lh);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (24, (h - lh) / 2.0f));
      gtk_snapshot_append_layout (snapshot, layout, &fg);
      gtk_snapshot_restore (snapshot);
      return;
    }
  oc_figure_view_screen_theme (widget, &theme);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, w, h));
  oc_plot_figure_draw (self->figure, cr, w, h, &theme);
  cairo_destroy (cr);
  self->n_draws++;
  gtk_widget_snapshot_child (widget, self->pin_button, snapshot);
}

static void
oc_figure_view_size_allocate (GtkWidget *widget, int width, int height, int baseline)
{
  OcFigureView *self = OC_FIGURE_VIEW (widget);
  int bw, bh;

  /* The pin sits in the top right corner, clear of the title. */
  gtk_widget_measure (self->pin_button, GTK_ORIENTATION_HORIZONTAL, -1, &bw, NULL, NULL, NULL);
  gtk_widget_measure (self->pin_button, GTK_ORIENTATION_VERTICAL, bw, &bh, NULL, NULL, NULL);
  gtk_widget_size_allocate (self->pin_button,
                            &(GtkAllocation) { MAX (width - bw - 6, 0), 6, bw, bh }, -1);
}

static void
update_pin_button (OcFigureView *self)
{
  gtk_widget_set_visible (self->pin_button, self->hovered && self->figure != NULL
                                              && self->experiment_id != NULL);
}

static void
on_pointer_enter (OcFigureView *self)
{
  if (self->hovered)
    return;
  self->hovered = TRUE;
  update_pin_button (self);
}

static void
on_pointer_leave (OcFigureView *self)
{
  self->hovered = FALSE;
  update_pin_button (self);
}

static void
pin_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  oc_deck_pin_view (OC_FIGURE_VIEW (widget));
}

static void
oc_figure_view_measure (GtkWidget *widget, GtkOrientation orientation, int for_size,
                        int *minimum, int *natural, int *minimum_baseline, int *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 160 : 120;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 480 : 320;
}

static void
on_dark_changed (OcFigureView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
oc_figure_view_dispose (GObject *object)
{
  OcFigureView *self = OC_FIGURE_VIEW (object);

  g_clear_pointer (&self->pin_button, gtk_widget_unparent);

  G_OBJECT_CLASS (oc_figure_view_parent_class)->dispose (object);
}

static void
oc_figure_view_finalize (GObject *object)
{
  OcFigureView *self = OC_FIGURE_VIEW (object);

  g_signal_handlers_disconnect_by_data (adw_style_manager_get_default (), self);
  g_clear_pointer (&self->figure, oc_plot_figure_free);
  g_free (self->placeholder);
  g_free (self->name);
  g_free (self->experiment_id);
  g_free (self->figure_name);
  g_strfreev (self->figure_params);

  G_OBJECT_CLASS (oc_figure_view_parent_class)->finalize (object);
}

static void
oc_figure_view_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  OcFigureView *self = OC_FIGURE_VIEW (object);

  switch (prop_id)
    {
    case PROP_PLACEHOLDER:
      g_value_set_string (value, self->placeholder);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
oc_figure_view_set_property (GObject *object, guint prop_id, const GValue *value,
                             GParamSpec *pspec)
{
  OcFigureView *self = OC_FIGURE_VIEW (object);

  switch (prop_id)
    {
    case PROP_PLACEHOLDER:
      oc_figure_view_set_placeholder (self, g_value_get_string (value));
      break;
    case PROP_NAME:
      oc_figure_view_set_name (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
oc_figure_view_class_init (OcFigureViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = oc_figure_view_dispose;
  object_class->finalize = oc_figure_view_finalize;
  object_class->get_property = oc_figure_view_get_property;
  object_class->set_property = oc_figure_view_set_property;
  widget_class->snapshot = oc_figure_view_snapshot;
  widget_class->measure = oc_figure_view_measure;
  widget_class->size_allocate = oc_figure_view_size_allocate;

  properties[PROP_PLACEHOLDER] =
    g_param_spec_string ("placeholder", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "figure");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
  gtk_widget_class_install_action (widget_class, "figure.pin", NULL, pin_action);
}

static void
oc_figure_view_init (OcFigureView *self)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();

  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  self->pin_button = gtk_button_new_from_icon_name ("view-pin-symbolic");
  gtk_widget_set_tooltip_text (self->pin_button, _("Pin to Deck (Ctrl+D)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->pin_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Pin to Deck"), -1);
  gtk_widget_add_css_class (self->pin_button, "osd");
  gtk_widget_add_css_class (self->pin_button, "circular");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->pin_button), "figure.pin");
  gtk_widget_set_visible (self->pin_button, FALSE);
  gtk_widget_set_parent (self->pin_button, GTK_WIDGET (self));
  g_signal_connect_swapped (motion, "enter", G_CALLBACK (on_pointer_enter), self);
  /* A pointer already over the view when it appeared moves before it ever enters. */
  g_signal_connect_swapped (motion, "motion", G_CALLBACK (on_pointer_enter), self);
  g_signal_connect_swapped (motion, "leave", G_CALLBACK (on_pointer_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
  g_signal_connect_swapped (adw_style_manager_get_default (), "notify::dark",
                            G_CALLBACK (on_dark_changed), self);
}

GtkWidget *
oc_figure_view_new (void)
{
  return g_object_new (OC_TYPE_FIGURE_VIEW, NULL);
}

void
oc_figure_view_set_figure (OcFigureView *self, OcPlotFigure *figure)
{
  g_return_if_fail (OC_IS_FIGURE_VIEW (self));

  g_clear_pointer (&self->figure, oc_plot_figure_free);
  self->figure = figure;
  update_pin_button (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const OcPlotFigure *
oc_figure_view_get_figure (OcFigureView *self)
{
  g_return_val_if_fail (OC_IS_FIGURE_VIEW (self), NULL);

  return self->figure;
}

void
oc_figure_view_set_placeholder (OcFigureView *self, const char *text)
{
  g_return_if_fail (OC_IS_FIGURE_VIEW (self));

  if (oc_set_str (&self->placeholder, text))
    {
      gtk_widget_queue_draw (GTK_WIDGET (self));
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLACEHOLDER]);
    }
}

void
oc_figure_view_set_name (OcFigureView *self, const char *name)
{
  g_return_if_fail (OC_IS_FIGURE_VIEW (self));

  if (oc_set_str (&self->name, name))
    {
      gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                      -1);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
    }
}

const char *
oc_figure_view_get_name (OcFigureView *self)
{
  g_return_val_if_fail (OC_IS_FIGURE_VIEW (self), NULL);

  return self->name;
}

void
oc_figure_view_set_reference (OcFigureView *self, const char *experiment_id, const char *figure,
                              const char *const *params)
{
  static const char *const none[] = { NULL };

  g_return_if_fail (OC_IS_FIGURE_VIEW (self));
  g_return_if_fail (experiment_id == NULL || figure != NULL);

  if (experiment_id == NULL)
    figure = NULL, params = NULL;
  oc_set_str (&self->experiment_id, experiment_id);
  oc_set_str (&self->figure_name, figure);
  g_strfreev (self->figure_params);
  self->figure_params = g_strdupv ((char **) (params != NULL ? params : none));
  update_pin_button (self);
}

const char *
oc_figure_view_get_experiment_id (OcFigureView *self)
{
  g_return_val_if_fail (OC_IS_FIGURE_VIEW (self), NULL);

  return self->experiment_id;
}

const char *
oc_figure_view_get_figure_name (OcFigureView *self)
{
  g_return_val_if_fail (OC_IS_FIGURE_VIEW (self), NULL);

  return self->figure_name;
}

const char *const *
oc_figure_view_get_figure_params (OcFigureView *self)
{
  static const char *const none[] = { NULL };

  g_return_val_if_fail (OC_IS_FIGURE_VIEW (self), NULL);

  return self->figure_params != NULL ? (const char *const *) self->figure_params : none;
}

guint
oc_figure_view_get_n_draws (OcFigureView *self)
{
  return self->n_draws;
}
