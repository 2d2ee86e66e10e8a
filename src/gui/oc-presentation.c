/* oc-presentation.c — see oc-presentation.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <glib/gi18n.h>

#include "occam/oc-error.h"

#include "occam-figures/oc-deck.h"
#include "oc-deck-pin.h"
#include "oc-figure-view.h"
#include "oc-presentation.h"
#include "oc-window.h"

/* A running experiment reports many times a second; its slide is built again at most this
 * often (a build reads the store). */
#define REBUILD_MS 500
/* Pixels from a point within which the pointer reads it out, as in the figure view, at the
 * window's type size: a slide's type is larger, and so are the radius and the readout. */
#define HOVER_RADIUS 16

typedef struct
{
  OcPlotFigure *figure;  /* NULL: not built yet, or @problem */
  char         *problem; /* why it could not be built */
  gboolean      built;
  gboolean      stale;   /* its experiment reported since it was built */
} Slide;

struct _OcPresentation
{
  GtkWindow       parent_instance;

  OcWorkspace    *workspace;
  OcDeck         *deck;
  GArray         *slides; /* of Slide, one per deck slide */
  guint           position;
  gboolean        blank;
  guint           n_builds;
  guint           rebuild_id;
  guint           hide_pointer_id;
  double          pointer_x, pointer_y;

  /* The values under the pointer: the current slide's figure as last drawn (in the area's
   * coordinates; NULL: no figure shown), and the element the pointer is on. */
  OcPlotLayout   *layout;
  gboolean        pointer_in; /* over the area and shown */
  gboolean        hovering;
  OcPlotHit       hover;
  double          readout_scale; /* the slide's figure type over the window's */

  GtkWidget      *area;
};

G_DEFINE_FINAL_TYPE (OcPresentation, oc_presentation, GTK_TYPE_WINDOW)

void
oc_presentation_theme (gboolean dark, OcPlotTheme *theme)
{
  const OcPlotTheme *colours = oc_plot_theme_get (OC_PLOT_THEME_DARK);

  /* The presentation's type sizes and strokes; on the dark style, the dark theme's colours. */
  *theme = *oc_plot_theme_get (OC_PLOT_THEME_PRESENTATION);
  if (!dark)
    return;
  theme->background = colours->background;
  theme->text = colours->text;
  theme->muted = colours->muted;
  theme->grid = colours->grid;
  theme->mark = colours->mark;
  memcpy (theme->palette, colours->palette, sizeof theme->palette);
  theme->band_alpha = colours->band_alpha;
}

static void
slide_clear (gpointer data)
{
  Slide *s = data;

  g_clear_pointer (&s->figure, oc_plot_figure_free);
  g_clear_pointer (&s->problem, g_free);
  s->built = FALSE;
}

static Slide *
current (OcPresentation *self)
{
  if (self->slides->len == 0)
    return NULL;
  return &g_array_index (self->slides, Slide, self->position);
}

/* Builds the current slide's figure from the store when it has none or is stale. */
static void
ensure_built (OcPresentation *self)
{
  Slide *s = current (self);
  OcStore *store = oc_workspace_get_store (self->workspace);
  g_autoptr (GError) error = NULL;

  if (s == NULL || (s->built && !s->stale))
    return;
  /* The layout borrows the figure about to go. */
  g_clear_pointer (&self->layout, oc_plot_layout_free);
  slide_clear (s);
  s->stale = FALSE;
  s->built = TRUE;
  self->n_builds++;
  if (store == NULL)
    {
      s->problem = g_strdup (_("Runs are not being stored: there is nothing to show"));
      return;
    }
  s->figure = oc_deck_slide_build (store, oc_deck_get_slide (self->deck, self->position),
                                   &error);
  if (s->figure == NULL)
    s->problem = g_strdup (error->message);
}

/* How much larger the figure's type is on the slide than in the window's figure views: the
 * readout and its pick radius grow as much, so the values read at the size of the figure's. */
static double
readout_scale (OcPresentation *self, const OcPlotTheme *theme)
{
  OcPlotTheme screen;

  oc_figure_view_screen_theme (self->area, &screen);
  if (self->layout == NULL || !(screen.em_fixed > 0))
    return 1;
  return MAX (oc_plot_theme_em (theme, oc_plot_layout_get_width (self->layout),
                                oc_plot_layout_get_height (self->layout))
                / screen.em_fixed,
              1);
}

static gboolean
same_hit (const OcPlotHit *a, const OcPlotHit *b)
{
  return a->kind == b->kind && a->panel == b->panel && a->series == b->series
         && a->index == b->index && a->row == b->row && a->col == b->col;
}

/* Finds the element under the pointer again in the current layout; TRUE when that changed
 * what the readout shows. */
static gboolean
update_hover (OcPresentation *self)
{
  OcPlotHit hit;
  gboolean found = FALSE;

  if (self->layout != NULL && self->pointer_in && !self->blank)
    found = oc_plot_layout_hit (self->layout, self->pointer_x, self->pointer_y,
                                HOVER_RADIUS * self->readout_scale, &hit);
  if (found == self->hovering && (!found || same_hit (&hit, &self->hover)))
    return FALSE;
  self->hovering = found;
  if (found)
    self->hover = hit;
  return TRUE;
}

/* The pointer left, hid, or the slide changed: no readout until it moves over a figure again. */
static void
clear_hover (OcPresentation *self)
{
  self->pointer_in = FALSE;
  if (self->hovering)
    {
      self->hovering = FALSE;
      gtk_widget_queue_draw (self->area);
    }
}

static void
draw (GtkDrawingArea *area, cairo_t *cr, int width, int height, gpointer user_data)
{
  OcPresentation *self = user_data;
  Slide *s;
  OcPlotTheme theme;
  g_autofree char *text = NULL;

  g_clear_pointer (&self->layout, oc_plot_layout_free);
  if (self->blank || self->slides->len == 0)
    {
      self->hovering = FALSE;
      cairo_set_source_rgb (cr, 0, 0, 0);
      cairo_paint (cr);
      return;
    }
  ensure_built (self);
  s = current (self);
  g_return_if_fail (s != NULL);
  oc_presentation_theme (adw_style_manager_get_dark (adw_style_manager_get_default ()), &theme);
  /* The one drawing path of the deck's exports, recording where the figure went. */
  oc_deck_slide_draw_full (oc_deck_get_slide (self->deck, self->position), s->figure,
                           s->problem, cr, width, height, &theme, self->position + 1,
                           self->slides->len, &self->layout);
  self->readout_scale = readout_scale (self, &theme);
  /* A running experiment's figure was built again, or the size changed: the element under the
   * pointer is found again where the pointer is. */
  update_hover (self);
  if (self->hovering
      && (text = oc_plot_layout_describe_hit (self->layout, &self->hover)) != NULL)
    oc_figure_view_draw_readout (GTK_WIDGET (area), cr, &theme, self->hover.x, self->hover.y,
                                 text, width, height, self->readout_scale);
}

static void
update_title (OcPresentation *self)
{
  g_autofree char *title = NULL;

  if (self->slides->len == 0)
    title = g_strdup_printf (_("%s (no slides)"), self->deck->name);
  else
    title = g_strdup_printf (_("%s — slide %u of %u"), self->deck->name, self->position + 1,
                             self->slides->len);
  gtk_window_set_title (GTK_WINDOW (self), title);
}

void
oc_presentation_go_to (OcPresentation *self, guint position)
{
  g_return_if_fail (OC_IS_PRESENTATION (self));

  if (self->slides->len > 0)
    self->position = MIN (position, self->slides->len - 1);
  self->blank = FALSE;
  /* Another slide: the old figure's layout and readout go with it. */
  g_clear_pointer (&self->layout, oc_plot_layout_free);
  clear_hover (self);
  update_title (self);
  gtk_widget_queue_draw (self->area);
}

static void
step (OcPresentation *self, int delta)
{
  if (delta < 0 && self->position == 0)
    return;
  oc_presentation_go_to (self, (guint) ((int) self->position + delta));
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller, guint keyval, guint keycode,
                GdkModifierType state, OcPresentation *self)
{
  switch (keyval)
    {
    case GDK_KEY_Page_Down:
    case GDK_KEY_KP_Page_Down:
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
    case GDK_KEY_space:
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_n:
    case GDK_KEY_N:
      step (self, +1);
      return TRUE;
    case GDK_KEY_Page_Up:
    case GDK_KEY_KP_Page_Up:
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
    case GDK_KEY_BackSpace:
    case GDK_KEY_p:
    case GDK_KEY_P:
      step (self, -1);
      return TRUE;
    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      oc_presentation_go_to (self, 0);
      return TRUE;
    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      oc_presentation_go_to (self, self->slides->len > 0 ? self->slides->len - 1 : 0);
      return TRUE;
    case GDK_KEY_b:
    case GDK_KEY_B:
    case GDK_KEY_period:
    case GDK_KEY_KP_Decimal:
      self->blank = !self->blank;
      clear_hover (self);
      gtk_widget_queue_draw (self->area);
      return TRUE;
    case GDK_KEY_Escape:
    case GDK_KEY_F5:
      gtk_window_close (GTK_WINDOW (self));
      return TRUE;
    default:
      return FALSE;
    }
}

/* A click moves on, as on a clicker; the right button goes back. */
static void
on_click (GtkGestureClick *gesture, int n_press, double x, double y, OcPresentation *self)
{
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));

  step (self, button == GDK_BUTTON_SECONDARY ? -1 : +1);
}

/* The pointer shows while it moves and hides after a moment still, as in slide shows. */
#define HIDE_POINTER_MS 2000

static gboolean
hide_pointer (gpointer user_data)
{
  OcPresentation *self = user_data;

  self->hide_pointer_id = 0;
  gtk_widget_set_cursor_from_name (self->area, "none");
  /* A hidden pointer reads nothing out. */
  clear_hover (self);
  return G_SOURCE_REMOVE;
}

static void
on_motion (GtkEventControllerMotion *motion, double x, double y, OcPresentation *self)
{
  /* X servers repeat the last position on many occasions: only a real move counts. */
  if (x == self->pointer_x && y == self->pointer_y)
    return;
  self->pointer_x = x;
  self->pointer_y = y;
  gtk_widget_set_cursor (self->area, NULL);
  g_clear_handle_id (&self->hide_pointer_id, g_source_remove);
  self->hide_pointer_id = g_timeout_add (HIDE_POINTER_MS, hide_pointer, self);
  oc_presentation_hover_at (self, x, y);
}

static void
on_leave (GtkEventControllerMotion *motion, OcPresentation *self)
{
  clear_hover (self);
}

gboolean
oc_presentation_hover_at (OcPresentation *self, double x, double y)
{
  g_return_val_if_fail (OC_IS_PRESENTATION (self), FALSE);

  self->pointer_x = x;
  self->pointer_y = y;
  self->pointer_in = TRUE;
  if (update_hover (self))
    gtk_widget_queue_draw (self->area);
  return self->hovering;
}

char *
oc_presentation_dup_readout (OcPresentation *self)
{
  g_return_val_if_fail (OC_IS_PRESENTATION (self), NULL);

  if (!self->hovering || self->layout == NULL)
    return NULL;
  return oc_plot_layout_describe_hit (self->layout, &self->hover);
}

gboolean
oc_presentation_get_figure_area (OcPresentation *self, double *x, double *y, double *width,
                                 double *height)
{
  g_return_val_if_fail (OC_IS_PRESENTATION (self), FALSE);

  if (self->layout == NULL)
    return FALSE;
  oc_plot_layout_get_origin (self->layout, x, y);
  if (width != NULL)
    *width = oc_plot_layout_get_width (self->layout);
  if (height != NULL)
    *height = oc_plot_layout_get_height (self->layout);
  return TRUE;
}

/* ---- Following running experiments ---- */

static gboolean
rebuild_now (gpointer user_data)
{
  OcPresentation *self = user_data;
  Slide *s = current (self);

  self->rebuild_id = 0;
  if (s != NULL && s->stale && !self->blank)
    gtk_widget_queue_draw (self->area);
  return G_SOURCE_REMOVE;
}

static void
on_run_updated (OcPresentation *self, const char *id)
{
  gboolean shown = FALSE;

  if (id == NULL)
    return;
  /* A slide may name its experiment by a unique prefix of the ID. */
  for (guint i = 0; i < self->slides->len; i++)
    if (g_str_has_prefix (id, oc_deck_get_slide (self->deck, i)->experiment_id))
      {
        g_array_index (self->slides, Slide, i).stale = TRUE;
        shown = shown || i == self->position;
      }
  if (shown && self->rebuild_id == 0)
    self->rebuild_id = g_timeout_add (REBUILD_MS, rebuild_now, self);
}

static void
on_dark_changed (OcPresentation *self)
{
  gtk_widget_queue_draw (self->area);
}

/* ---- GObject ---- */

static void
oc_presentation_dispose (GObject *object)
{
  OcPresentation *self = OC_PRESENTATION (object);

  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  g_clear_handle_id (&self->hide_pointer_id, g_source_remove);
  if (self->workspace != NULL)
    g_signal_handlers_disconnect_by_data (self->workspace, self);
  g_signal_handlers_disconnect_by_data (adw_style_manager_get_default (), self);

  G_OBJECT_CLASS (oc_presentation_parent_class)->dispose (object);
}

static void
oc_presentation_finalize (GObject *object)
{
  OcPresentation *self = OC_PRESENTATION (object);

  g_clear_pointer (&self->layout, oc_plot_layout_free);
  g_clear_object (&self->workspace);
  g_clear_pointer (&self->deck, oc_deck_free);
  g_clear_pointer (&self->slides, g_array_unref);

  G_OBJECT_CLASS (oc_presentation_parent_class)->finalize (object);
}

static void
oc_presentation_class_init (OcPresentationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = oc_presentation_dispose;
  object_class->finalize = oc_presentation_finalize;
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "presentation");
}

static void
oc_presentation_init (OcPresentation *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *motion = gtk_event_controller_motion_new ();

  self->readout_scale = 1;
  self->slides = g_array_new (FALSE, TRUE, sizeof (Slide));
  g_array_set_clear_func (self->slides, slide_clear);
  self->area = gtk_drawing_area_new ();
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->area), draw, self, NULL);
  gtk_window_set_child (GTK_WINDOW (self), self->area);
  gtk_window_set_decorated (GTK_WINDOW (self), FALSE);

  /* Capture: the keys are the presentation's before any widget's. */
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), 0);
  g_signal_connect (click, "pressed", G_CALLBACK (on_click), self);
  gtk_widget_add_controller (self->area, GTK_EVENT_CONTROLLER (click));
  g_signal_connect (motion, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (self->area, motion);
  g_signal_connect_swapped (adw_style_manager_get_default (), "notify::dark",
                            G_CALLBACK (on_dark_changed), self);
}

OcPresentation *
oc_presentation_new (GtkWindow *parent, OcWorkspace *workspace, const OcDeck *deck, guint first)
{
  OcPresentation *self;

  g_return_val_if_fail (OC_IS_WORKSPACE (workspace), NULL);
  g_return_val_if_fail (deck != NULL, NULL);

  self = g_object_new (OC_TYPE_PRESENTATION, "transient-for", parent, NULL);
  self->workspace = g_object_ref (workspace);
  self->deck = oc_deck_dup (deck);
  g_array_set_size (self->slides, oc_deck_get_n_slides (deck));
  g_signal_connect_object (workspace, "run-updated", G_CALLBACK (on_run_updated), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (workspace, "run-stored", G_CALLBACK (on_run_updated), self,
                           G_CONNECT_SWAPPED);
  oc_presentation_go_to (self, first);
  return self;
}

void
oc_presentation_start (OcPresentation *self)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (self));
  GdkMonitor *monitor = NULL;
  GdkRectangle area;

  g_return_if_fail (OC_IS_PRESENTATION (self));

  /* The monitor the window is on, else the first; its size is the slide's even where no window
   * manager makes the window full screen (Xvfb). */
  if (parent != NULL && gtk_native_get_surface (GTK_NATIVE (parent)) != NULL)
    monitor = gdk_display_get_monitor_at_surface (display,
                                                  gtk_native_get_surface (GTK_NATIVE (parent)));
  if (monitor == NULL && g_list_model_get_n_items (gdk_display_get_monitors (display)) > 0)
    {
      monitor = g_list_model_get_item (gdk_display_get_monitors (display), 0);
      g_object_unref (monitor); /* the display keeps it */
    }
  if (monitor != NULL)
    {
      gdk_monitor_get_geometry (monitor, &area);
      gtk_window_set_default_size (GTK_WINDOW (self), area.width, area.height);
      gtk_window_fullscreen_on_monitor (GTK_WINDOW (self), monitor);
    }
  else
    gtk_window_fullscreen (GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (self));
}

guint
oc_presentation_get_position (OcPresentation *self)
{
  g_return_val_if_fail (OC_IS_PRESENTATION (self), 0);
  return self->position;
}

guint
oc_presentation_get_n_slides (OcPresentation *self)
{
  g_return_val_if_fail (OC_IS_PRESENTATION (self), 0);
  return self->slides->len;
}

gboolean
oc_presentation_get_blank (OcPresentation *self)
{
  g_return_val_if_fail (OC_IS_PRESENTATION (self), FALSE);
  return self->blank;
}

guint
oc_presentation_get_n_builds (OcPresentation *self)
{
  g_return_val_if_fail (OC_IS_PRESENTATION (self), 0);
  return self->n_builds;
}

OcPresentation *
oc_presentation_run (GtkWindow *parent, OcWorkspace *workspace, guint first)
{
  OcStore *store = oc_workspace_get_store (workspace);
  g_autofree char *name = oc_deck_pin_current_deck (oc_workspace_get_settings (workspace));
  g_autoptr (OcDeck) deck = NULL;
  g_autoptr (GError) error = NULL;
  OcPresentation *self;

  if (store == NULL)
    {
      oc_window_toast (GTK_WIDGET (parent), _("Runs are not being stored, so there is no deck "
                                              "to present"));
      return NULL;
    }
  deck = oc_store_load_deck (store, name, &error);
  if (deck == NULL && g_error_matches (error, OC_ERROR, OC_ERROR_NOT_FOUND))
    deck = oc_deck_new (name);
  else if (deck == NULL)
    {
      oc_window_toast (GTK_WIDGET (parent), error->message);
      return NULL;
    }
  if (oc_deck_get_n_slides (deck) == 0)
    {
      g_autofree char *text = g_strdup_printf (_("“%s” has no slides yet: pin a figure with "
                                                 "Ctrl+D"), name);

      oc_window_toast (GTK_WIDGET (parent), text);
      return NULL;
    }
  self = oc_presentation_new (parent, workspace, deck, first);
  oc_presentation_start (self);
  return self;
}
