/* oc-figure-view.c — see oc-figure-view.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "oc-deck-pin.h"
#include "oc-figure-export.h"
#include "oc-figure-view.h"
#include "oc-main-profile.h"
#include "oc-window.h"

/* On screen the type has a constant size, as everywhere else in the window, times the desktop's
 * text scaling; exports scale it with the canvas. */
#define SCREEN_EM 11.5
/* Pixels from a point within which the pointer reads it out. */
#define HOVER_RADIUS 16

/* The figure, shared with a drawing of it under way on a worker thread: whichever lets go last
 * frees it. */
typedef struct
{
  gatomicrefcount ref;
  OcPlotFigure   *figure;
} FigureShare;

/* One drawing of a figure at a size, scale and theme: its pixels and where everything went. */
typedef struct
{
  FigureShare     *share;
  int              width, height, scale;
  OcPlotTheme      theme;
  cairo_surface_t *image;  /* ARGB32, (width × scale) × (height × scale), device scale @scale */
  OcPlotLayout    *layout; /* borrows share->figure */
  gboolean         describe;    /* whether to describe the figure too */
  char            *description; /* the figure's, for assistive technologies; NULL: not asked */
} Drawing;

struct _OcFigureView
{
  GtkWidget     parent_instance;

  OcPlotFigure *figure; /* share->figure, or NULL */
  FigureShare  *share;
  /* The last finished drawing, perhaps of an earlier figure, and the one under way. */
  Drawing      *drawn;
  Drawing      *wanted;  /* what the drawing under way draws (owned by its task) */
  GCancellable *drawing_cancel;
  guint         n_renders;
  char         *placeholder;
  char         *name;
  char         *description;
  guint         n_draws;
  /* The catalogue reference (oc_figure_view_set_reference). */
  char         *experiment_id;
  char         *figure_name;
  GStrv         figure_params;
  /* Pins the figure to the deck; shown while the pointer is over a pinnable figure. */
  GtkWidget    *pin_button;
  gboolean      hovered;

  OcPlotLayout *layout; /* for the current size and theme; NULL: to be made */
  OcPlotTheme   layout_theme;
  gboolean      hovering, focused;
  OcPlotHit     hover, focus;
  double        pointer_x, pointer_y; /* where the hover was found */
  GtkWidget    *menu;
};

enum { PROP_0, PROP_PLACEHOLDER, PROP_NAME, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { POINT_ACTIVATED, N_SIGNALS };
static guint signals[N_SIGNALS];

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

double
oc_figure_view_text_scale (GtkWidget *widget)
{
  GtkSettings *settings = gtk_widget_get_settings (widget);
  int dpi = 0;

  /* GNOME's text-scaling-factor reaches GTK as Xft/DPI (in 1024ths of a dot per inch). */
  if (settings != NULL)
    g_object_get (settings, "gtk-xft-dpi", &dpi, NULL);
  return dpi > 0 ? CLAMP (dpi / (96.0 * 1024), 0.5, 4) : 1;
}

void
oc_figure_view_screen_theme (GtkWidget *widget, OcPlotTheme *theme)
{
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  GtkStyleContext *style = gtk_widget_get_style_context (widget);
  GdkRGBA bg;

  *theme = *oc_plot_theme_get (dark ? OC_PLOT_THEME_DARK : OC_PLOT_THEME_LIGHT);
  theme->em_fixed = SCREEN_EM * oc_figure_view_text_scale (widget);
  if (gtk_style_context_lookup_color (style, "view_bg_color", &bg))
    theme->background = (OcPlotRgba) { bg.red, bg.green, bg.blue, 1 };
}

/* ---- The figure's pixels ----
 *
 * A figure is drawn into an image once for its size, scale and theme, and every snapshot after
 * that paints the image: a readout moving under the pointer, a neighbour's redraw or a frame of
 * the window costs a copy of pixels, not a drawing. A new figure, size, scale or theme is drawn
 * on a worker thread and the previous image stays on screen (stretched to a new size) until it
 * is ready, so the main loop never waits for a drawing.
 * The drawing is the one every export makes (oc_plot_figure_draw_with_layout, the same routine as
 * oc_plot_figure_draw), so the pixels are a full drawing's. */

static FigureShare *
figure_share_new (OcPlotFigure *figure)
{
  FigureShare *share = g_new0 (FigureShare, 1);

  g_atomic_ref_count_init (&share->ref);
  share->figure = figure;
  return share;
}

static FigureShare *
figure_share_ref (FigureShare *share)
{
  g_atomic_ref_count_inc (&share->ref);
  return share;
}

static void
figure_share_unref (FigureShare *share)
{
  if (share != NULL && g_atomic_ref_count_dec (&share->ref))
    {
      oc_plot_figure_free (share->figure);
      g_free (share);
    }
}

static Drawing *
drawing_new (FigureShare *share, int width, int height, int scale, const OcPlotTheme *theme)
{
  Drawing *d = g_new0 (Drawing, 1);

  d->share = figure_share_ref (share);
  d->width = width;
  d->height = height;
  d->scale = scale;
  d->theme = *theme;
  return d;
}

static void
drawing_free (Drawing *d)
{
  if (d == NULL)
    return;
  /* The layout borrows the figure. */
  g_clear_pointer (&d->layout, oc_plot_layout_free);
  g_clear_pointer (&d->image, cairo_surface_destroy);
  g_free (d->description);
  figure_share_unref (d->share);
  g_free (d);
}

/* A task's data: its drawing, freed with the task unless the view took it (NULL then). The task
 * may outlive a drawing the view took and has since replaced. */
typedef struct
{
  Drawing *drawing;
} DrawTask;

static void
draw_task_free (DrawTask *t)
{
  drawing_free (t->drawing);
  g_free (t);
}

/* Draws @d's figure into its image; any thread (the figure is not changed while shared). */
static void
drawing_draw (Drawing *d)
{
  cairo_t *cr;

  d->image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, d->width * d->scale,
                                         d->height * d->scale);
  cairo_surface_set_device_scale (d->image, d->scale, d->scale);
  cr = cairo_create (d->image);
  d->layout = oc_plot_figure_draw_with_layout (d->share->figure, cr, d->width, d->height,
                                               &d->theme);
  cairo_destroy (cr);
  cairo_surface_flush (d->image);
  /* Going over every value of a large figure (a heatmap, a histogram of every weight) takes
   * milliseconds: here rather than on the main thread when the figure is set. */
  if (d->describe)
    d->description = oc_plot_figure_describe (d->share->figure);
}

static gboolean
drawing_fits (const Drawing *d, int width, int height, int scale, const OcPlotTheme *theme)
{
  return d != NULL && d->width == width && d->height == height && d->scale == scale
         && memcmp (&d->theme, theme, sizeof *theme) == 0;
}

static gboolean
drawing_is (const Drawing *d, FigureShare *share, int width, int height, int scale,
            const OcPlotTheme *theme)
{
  return d != NULL && d->share == share && drawing_fits (d, width, height, scale, theme);
}

static void adopt_layout (OcFigureView *self, OcPlotLayout *layout, const OcPlotTheme *theme);

/* @d (finished) becomes what the view shows; its layout serves hover and keys when it is of the
 * current figure. */
static void
install_drawing (OcFigureView *self, Drawing *d)
{
  drawing_free (self->drawn);
  self->drawn = d;
  self->n_renders++;
  if (d->share == self->share)
    adopt_layout (self, g_steal_pointer (&d->layout), &d->theme);
  if (d->share == self->share && d->description != NULL && self->description == NULL)
    {
      self->description = g_steal_pointer (&d->description);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      self->description, -1);
    }
}

static void
draw_in_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  Drawing *d = ((DrawTask *) data)->drawing;

  if (!g_task_return_error_if_cancelled (task))
    {
      drawing_draw (d);
      g_task_return_boolean (task, TRUE);
    }
}

static void
on_drawn (GObject *source, GAsyncResult *result, gpointer user_data)
{
  OcFigureView *self = OC_FIGURE_VIEW (source);
  GTask *task = G_TASK (result);
  DrawTask *t = g_task_get_task_data (task);

  /* Cancelled: the view was disposed. */
  if (!g_task_propagate_boolean (task, NULL)
      || g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    return;
  self->wanted = NULL;
  g_clear_object (&self->drawing_cancel);
  /* Shown even when the figure was replaced since (it is newer than what shows now); the next
   * snapshot asks for the current one. */
  install_drawing (self, g_steal_pointer (&t->drawing));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Starts drawing the current figure at this size on a worker, unless a drawing is under way:
 * one at a time, each finished and shown, so that figures replaced faster than they are drawn
 * still appear (the latest one whenever a drawing ends). */
static void
draw_later (OcFigureView *self, int width, int height, int scale, const OcPlotTheme *theme)
{
  g_autoptr (GTask) task = NULL;
  Drawing *d;

  if (self->wanted != NULL)
    return;
  self->drawing_cancel = g_cancellable_new ();
  d = drawing_new (self->share, width, height, scale, theme);
  d->describe = self->description == NULL;
  self->wanted = d;
  task = g_task_new (self, self->drawing_cancel, on_drawn, NULL);
  g_task_set_source_tag (task, draw_later);
  g_task_set_task_data (task, g_memdup2 (&(DrawTask) { d }, sizeof (DrawTask)),
                        (GDestroyNotify) draw_task_free);
  g_task_run_in_thread (task, draw_in_thread);
}

/* What to paint for the current figure at this size: its finished drawing; else, while a worker
 * draws it, the last drawing (of the previous figure, or at the previous size: the run bar's
 * rows come and go while a run updates the figures, and every view's height with them). NULL
 * when there is none yet (the view's first frames): the view stays empty for the few frames the
 * worker takes rather than holding up the window. */
static const Drawing *
drawing_for (OcFigureView *self, int width, int height, int scale, const OcPlotTheme *theme)
{
  if (drawing_is (self->drawn, self->share, width, height, scale, theme))
    return self->drawn;
  draw_later (self, width, height, scale, theme);
  return self->drawn;
}

/* ---- Hover, keys and the readout ---- */

static const OcPlotLayout *
ensure_layout (OcFigureView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  OcPlotTheme theme;

  if (self->figure == NULL || w <= 1 || h <= 1)
    return NULL;
  oc_figure_view_screen_theme (widget, &theme);
  if (self->layout != NULL && oc_plot_layout_get_width (self->layout) == w
      && oc_plot_layout_get_height (self->layout) == h
      && memcmp (&theme, &self->layout_theme, sizeof theme) == 0)
    return self->layout;
  adopt_layout (self, oc_plot_layout_new (self->figure, w, h, &theme), &theme);
  return self->layout;
}

/* The layout for what the pointer asks (hover, tooltips, the readout): the current one, else
 * none until a worker has drawn the current figure at this size (the drawing brings its layout
 * along, a few frames later; it is asked for here if no frame has yet). Laying the figure out
 * here instead is a drawing on the main thread, for every figure a run replaces under a resting
 * pointer. A view that is not shown has no pointer: it lays out at once. */
static const OcPlotLayout *
pointer_layout (OcFigureView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  OcPlotTheme theme;

  if (self->figure == NULL || w <= 1 || h <= 1)
    return NULL;
  oc_figure_view_screen_theme (widget, &theme);
  if (self->layout != NULL && oc_plot_layout_get_width (self->layout) == w
      && oc_plot_layout_get_height (self->layout) == h
      && memcmp (&theme, &self->layout_theme, sizeof theme) == 0)
    return self->layout;
  if (!gtk_widget_get_mapped (widget))
    return ensure_layout (self);
  drawing_for (self, w, h, gtk_widget_get_scale_factor (widget), &theme);
  return NULL;
}

/* @layout (full) is the current figure's at @theme and the view's size. */
static void
adopt_layout (OcFigureView *self, OcPlotLayout *layout, const OcPlotTheme *theme)
{
  g_clear_pointer (&self->layout, oc_plot_layout_free);
  self->layout = layout;
  self->layout_theme = *theme;
  /* The figure, its size or its theme changed (a running sweep adds points): the pointer's
   * element is found again where the pointer is, the keyboard's stays if the figure still has
   * it. */
  if (self->hovering)
    self->hovering = oc_plot_layout_hit (self->layout, self->pointer_x, self->pointer_y,
                                         HOVER_RADIUS, &self->hover);
  if (self->focused)
    self->focused = oc_plot_layout_locate (self->layout, &self->focus);
}

/* The element the readout is about: the hovered one, else the focused one while focused. */
static const OcPlotHit *
shown_hit (OcFigureView *self)
{
  if (self->hovering)
    return &self->hover;
  if (self->focused && gtk_widget_has_focus (GTK_WIDGET (self)))
    return &self->focus;
  return NULL;
}

char *
oc_figure_view_dup_readout (OcFigureView *self)
{
  const OcPlotHit *hit;

  g_return_val_if_fail (OC_IS_FIGURE_VIEW (self), NULL);

  /* Laying out again (a new size or theme) lets go of the hovered element first. */
  if (ensure_layout (self) == NULL || (hit = shown_hit (self)) == NULL)
    return NULL;
  return oc_plot_layout_describe_hit (self->layout, hit);
}

void
oc_figure_view_draw_readout (GtkWidget *widget, cairo_t *cr, const OcPlotTheme *theme,
                             double x, double y, const char *text, double width, double height,
                             double scale)
{
  g_autoptr (PangoLayout) layout = NULL;
  PangoFontDescription *font;
  int lw, lh;
  double bx, by, bw, bh, pad = 6 * scale, gap = 12 * scale, r = 6 * scale;

  g_return_if_fail (GTK_IS_WIDGET (widget) && cr != NULL && theme != NULL && text != NULL);

  cairo_save (cr);
  /* The ring: the background's colour under the text's, visible on any mark. A path left by
   * whatever was drawn before is not part of it. */
  cairo_new_path (cr);
  cairo_set_line_width (cr, 2 * scale);
  cairo_arc (cr, x, y, 7 * scale, 0, 2 * G_PI);
  cairo_set_source_rgb (cr, theme->background.r, theme->background.g, theme->background.b);
  cairo_stroke_preserve (cr);
  cairo_set_line_width (cr, 1.25 * scale);
  cairo_set_source_rgb (cr, theme->text.r, theme->text.g, theme->text.b);
  cairo_stroke (cr);

  /* The widget's font, @scale times its size. */
  layout = gtk_widget_create_pango_layout (widget, text);
  font = pango_font_description_copy (pango_context_get_font_description (
    pango_layout_get_context (layout)));
  if (scale != 1 && font != NULL)
    {
      if (pango_font_description_get_size_is_absolute (font))
        pango_font_description_set_absolute_size (font,
                                                  pango_font_description_get_size (font) * scale);
      else
        pango_font_description_set_size (font,
                                         (int) (pango_font_description_get_size (font) * scale));
      pango_layout_set_font_description (layout, font);
    }
  pango_font_description_free (font);
  pango_layout_set_width (layout, (int) MAX (width / 2, 120 * scale) * PANGO_SCALE);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_get_pixel_size (layout, &lw, &lh);
  bw = lw + 2 * pad;
  bh = lh + 2 * pad;
  /* Right of and above the element; to its left or below when that would leave the area. */
  bx = x + gap + bw <= width ? x + gap : x - gap - bw;
  by = y - gap - bh >= 0 ? y - gap - bh : y + gap;
  bx = CLAMP (bx, 2, MAX (width - bw - 2, 2));
  by = CLAMP (by, 2, MAX (height - bh - 2, 2));
  cairo_new_sub_path (cr);
  cairo_arc (cr, bx + bw - r, by + r, r, -G_PI / 2, 0);
  cairo_arc (cr, bx + bw - r, by + bh - r, r, 0, G_PI / 2);
  cairo_arc (cr, bx + r, by + bh - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, bx + r, by + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
  cairo_set_source_rgba (cr, theme->background.r, theme->background.g, theme->background.b,
                         0.94);
  cairo_fill_preserve (cr);
  cairo_set_line_width (cr, MAX (1, scale));
  cairo_set_source_rgba (cr, theme->muted.r, theme->muted.g, theme->muted.b, 0.8);
  cairo_stroke (cr);
  cairo_set_source_rgb (cr, theme->text.r, theme->text.g, theme->text.b);
  cairo_move_to (cr, bx + pad, by + pad);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
}

static void
draw_readout (OcFigureView *self, GtkSnapshot *snapshot, const OcPlotTheme *theme, int w, int h)
{
  const OcPlotHit *hit;
  g_autofree char *text = NULL;
  cairo_t *cr;

  /* Nothing to read out: no layout needed (making one is a drawing of its own). */
  if (shown_hit (self) == NULL)
    return;
  if (pointer_layout (self) == NULL || (hit = shown_hit (self)) == NULL
      || (text = oc_plot_layout_describe_hit (self->layout, hit)) == NULL)
    return;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, w, h));
  oc_figure_view_draw_readout (GTK_WIDGET (self), cr, theme, hit->x, hit->y, text, w, h, 1);
  cairo_destroy (cr);
}

static gboolean
same_hit (const OcPlotHit *a, const OcPlotHit *b)
{
  return a->kind == b->kind && a->panel == b->panel && a->series == b->series
         && a->index == b->index && a->row == b->row && a->col == b->col;
}

gboolean
oc_figure_view_hit_at (OcFigureView *self, double x, double y, OcPlotHit *hit)
{
  g_return_val_if_fail (OC_IS_FIGURE_VIEW (self), FALSE);

  return pointer_layout (self) != NULL
         && oc_plot_layout_hit (self->layout, x, y, HOVER_RADIUS, hit);
}

gboolean
oc_figure_view_hover_at (OcFigureView *self, double x, double y)
{
  OcPlotHit hit;
  gboolean found;

  g_return_val_if_fail (OC_IS_FIGURE_VIEW (self), FALSE);

  self->pointer_x = x;
  self->pointer_y = y;
  found = pointer_layout (self) != NULL
          && oc_plot_layout_hit (self->layout, x, y, HOVER_RADIUS, &hit);
  if (found != self->hovering || (found && !same_hit (&hit, &self->hover)))
    {
      self->hovering = found;
      if (found)
        self->hover = hit;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
  return found;
}

static void
on_motion (GtkEventControllerMotion *motion, double x, double y, OcFigureView *self)
{
  oc_figure_view_hover_at (self, x, y);
}

static void
on_leave (GtkEventControllerMotion *motion, OcFigureView *self)
{
  if (self->hovering)
    {
      self->hovering = FALSE;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

gboolean
oc_figure_view_get_focus_hit (OcFigureView *self, OcPlotHit *hit)
{
  g_return_val_if_fail (OC_IS_FIGURE_VIEW (self), FALSE);

  if (!self->focused)
    return FALSE;
  *hit = self->focus;
  return TRUE;
}

static void
set_focus_hit (OcFigureView *self, const OcPlotHit *hit)
{
  self->focused = TRUE;
  self->focus = *hit;
  /* The keyboard takes over the readout from a pointer resting somewhere else. */
  self->hovering = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_focus_enter (GtkEventControllerFocus *focus, OcFigureView *self)
{
  OcPlotHit first;

  if (!self->focused && ensure_layout (self) != NULL && oc_plot_layout_first (self->layout, &first))
    set_focus_hit (self, &first);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_focus_leave (GtkEventControllerFocus *focus, OcFigureView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
popup_menu (OcFigureView *self, double x, double y)
{
  if (self->figure == NULL)
    return;
  gtk_popover_set_pointing_to (GTK_POPOVER (self->menu),
                               &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->menu));
}

static gboolean
on_key_pressed (GtkEventControllerKey *keys, guint keyval, guint keycode, GdkModifierType state,
                OcFigureView *self)
{
  int dx = 0, dy = 0;
  OcPlotHit to;

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0 || ensure_layout (self) == NULL)
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      dx = -1;
      break;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      dx = 1;
      break;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      dy = -1;
      break;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      dy = 1;
      break;
    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      if (oc_plot_layout_first (self->layout, &to))
        set_focus_hit (self, &to);
      return TRUE;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
    case GDK_KEY_space:
    case GDK_KEY_KP_Space:
      if (!self->focused)
        return FALSE;
      g_signal_emit (self, signals[POINT_ACTIVATED], 0, self->focus.x, self->focus.y);
      return TRUE;
    case GDK_KEY_Menu:
      popup_menu (self, self->focused ? self->focus.x : gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
                  self->focused ? self->focus.y : gtk_widget_get_height (GTK_WIDGET (self)) / 2.0);
      return TRUE;
    case GDK_KEY_F10:
      if ((state & GDK_SHIFT_MASK) == 0)
        return FALSE;
      popup_menu (self, self->focused ? self->focus.x : gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
                  self->focused ? self->focus.y : gtk_widget_get_height (GTK_WIDGET (self)) / 2.0);
      return TRUE;
    default:
      return FALSE;
    }
  if (!self->focused)
    {
      if (oc_plot_layout_first (self->layout, &to))
        set_focus_hit (self, &to);
      return TRUE;
    }
  /* At the end of a row the key stays here rather than leaving the figure. */
  if (oc_plot_layout_step (self->layout, &self->focus, dx, dy, &to))
    set_focus_hit (self, &to);
  else
    gtk_widget_error_bell (GTK_WIDGET (self));
  return TRUE;
}

static void
on_click (GtkGestureClick *gesture, int n_press, double x, double y, OcFigureView *self)
{
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));
  OcPlotHit hit;

  if (button == GDK_BUTTON_SECONDARY)
    {
      popup_menu (self, x, y);
      return;
    }
  /* The clicked element becomes the keyboard's too, so the arrows go on from there. */
  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (ensure_layout (self) != NULL && oc_plot_layout_hit (self->layout, x, y, HOVER_RADIUS, &hit))
    {
      self->focused = TRUE;
      self->focus = hit;
    }
  g_signal_emit (self, signals[POINT_ACTIVATED], 0, x, y);
}

static void
copy_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  OcFigureView *self = OC_FIGURE_VIEW (widget);
  g_autoptr (GError) error = NULL;
  OcFigureCopy what = g_str_equal (action_name, "figure.copy-svg") ? OC_FIGURE_COPY_SVG
                      : g_str_equal (action_name, "figure.copy-data") ? OC_FIGURE_COPY_DATA
                                                                       : OC_FIGURE_COPY_IMAGE;

  if (self->figure == NULL)
    return;
  if (!oc_figure_copy_as (widget, self->figure, oc_export_theme_for (widget), what, &error))
    oc_window_toast (widget, error->message);
  else
    oc_window_toast (widget, oc_figure_copy_done (what));
}

static void
oc_figure_view_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  OcFigureView *self = OC_FIGURE_VIEW (widget);
  int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  OcPlotTheme theme;
  const Drawing *drawn;
  cairo_t *cr;
  gint64 since;

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
  since = oc_main_profile_now ();
  oc_figure_view_screen_theme (widget, &theme);
  drawn = drawing_for (self, w, h, gtk_widget_get_scale_factor (widget), &theme);
  if (drawn == NULL)
    {
      oc_main_profile_add (OC_MAIN_DRAW, since);
      return;
    }
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, w, h));
  /* A drawing at another size stretches to this one until the new one is ready. */
  if (drawn->width != w || drawn->height != h)
    cairo_scale (cr, (double) w / drawn->width, (double) h / drawn->height);
  cairo_set_source_surface (cr, drawn->image, 0, 0);
  cairo_paint (cr);
  cairo_destroy (cr);
  self->n_draws++;
  oc_main_profile_add (OC_MAIN_DRAW, since);
  draw_readout (self, snapshot, &theme, w, h);
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
  gtk_popover_present (GTK_POPOVER (self->menu));
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

/* The style or the desktop's text size changed: the next draw lays the figure out again. */
static void
on_dark_changed (OcFigureView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
oc_figure_view_dispose (GObject *object)
{
  OcFigureView *self = OC_FIGURE_VIEW (object);

  if (self->drawing_cancel != NULL)
    g_cancellable_cancel (self->drawing_cancel);
  g_clear_object (&self->drawing_cancel);
  self->wanted = NULL;
  g_clear_pointer (&self->pin_button, gtk_widget_unparent);
  g_clear_pointer (&self->menu, gtk_widget_unparent);

  G_OBJECT_CLASS (oc_figure_view_parent_class)->dispose (object);
}

static void
oc_figure_view_finalize (GObject *object)
{
  OcFigureView *self = OC_FIGURE_VIEW (object);

  g_signal_handlers_disconnect_by_data (adw_style_manager_get_default (), self);
  if (gtk_settings_get_default () != NULL)
    g_signal_handlers_disconnect_by_data (gtk_settings_get_default (), self);
  g_clear_pointer (&self->layout, oc_plot_layout_free);
  g_clear_pointer (&self->drawn, drawing_free);
  g_clear_pointer (&self->share, figure_share_unref);
  self->figure = NULL;
  g_free (self->placeholder);
  g_free (self->name);
  g_free (self->experiment_id);
  g_free (self->figure_name);
  g_strfreev (self->figure_params);
  g_free (self->description);

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

  /**
   * OcFigureView::point-activated:
   * @x, @y: where, in the view's pixels
   *
   * A click on the figure, or Enter on the element the keyboard is on (at that element's
   * position): pages that open what was clicked listen to this one signal.
   */
  signals[POINT_ACTIVATED] =
    g_signal_new ("point-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 2, G_TYPE_DOUBLE, G_TYPE_DOUBLE);

  gtk_widget_class_install_action (widget_class, "figure.copy-image", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "figure.copy-svg", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "figure.copy-data", NULL, copy_action);

  gtk_widget_class_set_css_name (widget_class, "figure");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
  gtk_widget_class_install_action (widget_class, "figure.pin", NULL, pin_action);
}

static void
oc_figure_view_init (OcFigureView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *pin_motion = gtk_event_controller_motion_new ();
  g_autoptr (GMenu) menu = g_menu_new ();

  gtk_widget_set_overflow (widget, GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_focusable (widget, TRUE);
  self->pin_button = gtk_button_new_from_icon_name ("view-pin-symbolic");
  gtk_widget_set_tooltip_text (self->pin_button, _("Pin to Deck (Ctrl+D)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->pin_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Pin to Deck"), -1);
  gtk_widget_add_css_class (self->pin_button, "osd");
  gtk_widget_add_css_class (self->pin_button, "circular");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->pin_button), "figure.pin");
  gtk_widget_set_visible (self->pin_button, FALSE);
  gtk_widget_set_parent (self->pin_button, GTK_WIDGET (self));
  g_signal_connect_swapped (pin_motion, "enter", G_CALLBACK (on_pointer_enter), self);
  /* A pointer already over the view when it appeared moves before it ever enters. */
  g_signal_connect_swapped (pin_motion, "motion", G_CALLBACK (on_pointer_enter), self);
  g_signal_connect_swapped (pin_motion, "leave", G_CALLBACK (on_pointer_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), pin_motion);
  g_signal_connect_swapped (adw_style_manager_get_default (), "notify::dark",
                            G_CALLBACK (on_dark_changed), self);
  if (gtk_settings_get_default () != NULL)
    g_signal_connect_swapped (gtk_settings_get_default (), "notify::gtk-xft-dpi",
                              G_CALLBACK (on_dark_changed), self);

  g_signal_connect (motion, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (widget, motion);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (widget, keys);
  g_signal_connect (focus, "enter", G_CALLBACK (on_focus_enter), self);
  g_signal_connect (focus, "leave", G_CALLBACK (on_focus_leave), self);
  gtk_widget_add_controller (widget, focus);
  /* Both buttons: the primary activates, the secondary opens the menu. */
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), 0);
  g_signal_connect (click, "released", G_CALLBACK (on_click), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (click));

  g_menu_append (menu, _("Copy Image"), "figure.copy-image");
  g_menu_append (menu, _("Copy as SVG"), "figure.copy-svg");
  g_menu_append (menu, _("Copy Data as CSV"), "figure.copy-data");
  self->menu = gtk_popover_menu_new_from_model (G_MENU_MODEL (menu));
  gtk_popover_set_has_arrow (GTK_POPOVER (self->menu), FALSE);
  gtk_widget_set_halign (self->menu, GTK_ALIGN_START);
  gtk_widget_set_parent (self->menu, widget);
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

  g_clear_pointer (&self->layout, oc_plot_layout_free);
  g_clear_pointer (&self->share, figure_share_unref);
  self->figure = figure;
  self->share = figure != NULL ? figure_share_new (figure) : NULL;
  /* Without a figure the placeholder shows: the last image is not needed again. */
  if (figure == NULL)
    g_clear_pointer (&self->drawn, drawing_free);
  update_pin_button (self);
  /* The description comes with the figure's first drawing (drawing_draw). */
  g_clear_pointer (&self->description, g_free);
  gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const char *
oc_figure_view_get_description (OcFigureView *self)
{
  g_return_val_if_fail (OC_IS_FIGURE_VIEW (self), NULL);

  return self->description;
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

guint
oc_figure_view_get_n_renders (OcFigureView *self)
{
  return self->n_renders;
}

gboolean
oc_figure_view_get_drawing_pending (OcFigureView *self)
{
  g_return_val_if_fail (OC_IS_FIGURE_VIEW (self), FALSE);

  return self->wanted != NULL;
}

cairo_surface_t *
oc_figure_view_get_image (OcFigureView *self)
{
  g_return_val_if_fail (OC_IS_FIGURE_VIEW (self), NULL);

  if (self->drawn == NULL || self->drawn->share != self->share
      || self->drawn->width != gtk_widget_get_width (GTK_WIDGET (self))
      || self->drawn->height != gtk_widget_get_height (GTK_WIDGET (self)))
    return NULL;
  return self->drawn->image;
}
