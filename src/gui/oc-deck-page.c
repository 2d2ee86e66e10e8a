/* oc-deck-page.c — see oc-deck-page.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "occam/oc-error.h"
#include "occam-figures/oc-deck.h"
#include "oc-deck-export.h"
#include "oc-deck-page.h"
#include "oc-deck-pin.h"
#include "oc-figure-export.h"
#include "oc-presentation.h"
#include "oc-window.h"

/* Thumbnails: the 16:9 slide drawn at its export size, shrunk. */
#define THUMB_WIDTH  256
#define THUMB_HEIGHT 144

typedef struct
{
  GtkWidget    *row;
  GtkPicture   *thumbnail;
  GtkEditable  *title;
  GtkEditable  *caption;
  OcPlotFigure *figure;  /* built once per reload; NULL with @problem */
  char         *problem;
} Row;

struct _OcDeckPage
{
  AdwBin         parent_instance;

  OcWorkspace   *workspace;
  OcDeck        *deck;     /* the current deck as last read or written */
  GArray        *rows;     /* of Row, one per slide */
  gboolean       filling;  /* the drop-down is being filled: not the user's choice */
  gboolean       stale;    /* the store changed while the page was not shown */

  GtkDropDown   *deck_choice;
  GtkLabel      *count_label;
  GtkStack      *stack;
  GtkListBox    *list;
};

static void oc_deck_page_page_init (OcPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (OcDeckPage, oc_deck_page, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (OC_TYPE_PAGE, oc_deck_page_page_init))

static void
row_clear (gpointer data)
{
  Row *r = data;

  g_clear_pointer (&r->figure, oc_plot_figure_free);
  g_clear_pointer (&r->problem, g_free);
}

static OcStore *
get_store (OcDeckPage *self)
{
  return self->workspace != NULL ? oc_workspace_get_store (self->workspace) : NULL;
}

static char *
current_name (OcDeckPage *self)
{
  return oc_deck_pin_current_deck (oc_workspace_get_settings (self->workspace));
}

/* ---- Thumbnails ---- */

typedef struct
{
  const OcDeckSlide  *slide;
  const Row          *row;
  const OcPlotTheme  *theme;
  guint               number, n;
} ThumbDraw;

static void
draw_thumbnail (cairo_t *cr, int width, int height, gpointer user_data)
{
  ThumbDraw *d = user_data;

  /* Laid out as the slide itself (type sizes and all), then shrunk: a true miniature. */
  cairo_scale (cr, width / OC_PLOT_SLIDE_WIDTH, height / OC_PLOT_SLIDE_HEIGHT);
  oc_deck_slide_draw (d->slide, d->row->figure, d->row->problem, cr, OC_PLOT_SLIDE_WIDTH,
                      OC_PLOT_SLIDE_HEIGHT, d->theme, d->number, d->n);
}

static void
update_thumbnail (OcDeckPage *self, guint position)
{
  Row *r = &g_array_index (self->rows, Row, position);
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  g_autoptr (GdkTexture) texture = NULL;
  OcPlotTheme theme;
  ThumbDraw d;

  oc_presentation_theme (adw_style_manager_get_dark (adw_style_manager_get_default ()), &theme);
  d = (ThumbDraw) { oc_deck_get_slide (self->deck, position), r, &theme, position + 1,
                    self->rows->len };
  texture = oc_render_texture (THUMB_WIDTH * scale, THUMB_HEIGHT * scale, draw_thumbnail, &d,
                               NULL);
  gtk_picture_set_paintable (r->thumbnail, GDK_PAINTABLE (texture));
}

/* ---- Editing ---- */

static void
toast_error (OcDeckPage *self, const GError *error)
{
  oc_window_toast (GTK_WIDGET (self), error->message);
}

static guint
row_position (GtkWidget *widget)
{
  return GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (widget), "position"));
}

/* Title and caption go to the store as they are typed; a text the deck cannot take (too long,
 * several lines) is marked and kept out of it. */
static void
on_text_changed (GtkEditable *editable, OcDeckPage *self)
{
  guint position = row_position (GTK_WIDGET (editable));
  gboolean caption = g_object_get_data (G_OBJECT (editable), "caption") != NULL;
  const char *text = gtk_editable_get_text (editable);
  OcStore *store = get_store (self);
  g_autoptr (GError) error = NULL;
  OcDeckSlide *slide;
  gboolean ok;

  if (store == NULL || self->deck == NULL || position >= oc_deck_get_n_slides (self->deck))
    return;
  slide = oc_deck_get_slide (self->deck, position);
  ok = oc_deck_check_text (caption ? "caption" : "title", text, &error);
  if (ok)
    ok = caption ? oc_store_deck_set_caption (store, self->deck->name, position, text, &error)
                 : oc_store_deck_set_title (store, self->deck->name, position, text, &error);
  if (!ok)
    {
      gtk_widget_add_css_class (GTK_WIDGET (editable), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (editable), error->message);
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (editable), "error");
  gtk_widget_set_tooltip_text (GTK_WIDGET (editable), NULL);
  if (caption)
    oc_deck_slide_set_caption (slide, text);
  else
    oc_deck_slide_set_title (slide, text);
}

/* The thumbnail follows once the text is done (Enter, or the focus moves on). */
static void
on_text_done (GtkWidget *widget, OcDeckPage *self)
{
  guint position = row_position (widget);

  if (self->deck != NULL && position < self->rows->len)
    update_thumbnail (self, position);
}

static void on_focus_leave (GtkEventControllerFocus *focus, OcDeckPage *self)
{
  on_text_done (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (focus)), self);
}

/* After a move, the focus follows the slide so Alt+Up can be pressed again. */
static void
focus_row (OcDeckPage *self, guint position, const char *which)
{
  if (position < self->rows->len)
    {
      Row *r = &g_array_index (self->rows, Row, position);
      GtkWidget *target = g_object_get_data (G_OBJECT (r->row), which);

      gtk_widget_grab_focus (target != NULL ? target : r->row);
    }
}

static void
move (OcDeckPage *self, guint from, int delta, const char *focus)
{
  OcStore *store = get_store (self);
  g_autoptr (GError) error = NULL;
  guint n = self->deck != NULL ? oc_deck_get_n_slides (self->deck) : 0;
  guint to;

  if (store == NULL || from >= n || (delta < 0 && from == 0) || (delta > 0 && from + 1 >= n))
    return;
  to = (guint) ((int) from + delta);
  if (!oc_store_deck_move (store, self->deck->name, from, to, &error))
    toast_error (self, error);
  oc_deck_page_reload (self);
  focus_row (self, to, focus);
}

static void
up_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  move (OC_DECK_PAGE (widget), g_variant_get_uint32 (parameter), -1, "up");
}

static void
down_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  move (OC_DECK_PAGE (widget), g_variant_get_uint32 (parameter), +1, "down");
}

static void
remove_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  OcDeckPage *self = OC_DECK_PAGE (widget);
  OcStore *store = get_store (self);
  guint position = g_variant_get_uint32 (parameter);
  g_autoptr (GError) error = NULL;

  if (store == NULL || self->deck == NULL)
    return;
  if (!oc_store_deck_remove (store, self->deck->name, position, &error))
    toast_error (self, error);
  oc_deck_page_reload (self);
  focus_row (self, MIN (position, self->rows->len > 0 ? self->rows->len - 1 : 0), "remove");
}

static void
present_from_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  OcDeckPage *self = OC_DECK_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (GTK_IS_WINDOW (root))
    oc_presentation_run (GTK_WINDOW (root), self->workspace, g_variant_get_uint32 (parameter));
}

static void
export_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  OcDeckPage *self = OC_DECK_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->deck == NULL || oc_deck_get_n_slides (self->deck) == 0)
    {
      oc_window_toast (widget, _("This deck has no slides to export yet"));
      return;
    }
  if (GTK_IS_WINDOW (root))
    oc_deck_export_run (GTK_WINDOW (root), self->workspace, self->deck);
}

/* Alt+Up and Alt+Down move the row holding the focus. */
static gboolean
on_list_key (GtkEventControllerKey *keys, guint keyval, guint keycode, GdkModifierType state,
             OcDeckPage *self)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (self)));
  GtkWidget *row = focus ? gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_BOX_ROW) : NULL;

  if (row == NULL || (state & GDK_ALT_MASK) == 0)
    return FALSE;
  if (keyval == GDK_KEY_Up || keyval == GDK_KEY_KP_Up)
    move (self, row_position (row), -1, "title");
  else if (keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down)
    move (self, row_position (row), +1, "title");
  else
    return FALSE;
  return TRUE;
}

/* ---- Rows ---- */

/* Dragging a thumbnail onto another row moves the slide there. */
static GdkContentProvider *
on_drag_prepare (GtkDragSource *source, double x, double y, OcDeckPage *self)
{
  GtkWidget *picture = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));
  GdkPaintable *paintable = gtk_picture_get_paintable (GTK_PICTURE (picture));

  if (paintable != NULL)
    gtk_drag_source_set_icon (source, paintable, (int) x, (int) y);
  return gdk_content_provider_new_typed (G_TYPE_UINT, row_position (picture));
}

typedef struct
{
  OcDeckPage *self;
  guint       from, to;
} Drop;

/* After the drop has been handled: the move rebuilds the rows, the target's among them. */
static gboolean
move_dropped (gpointer data)
{
  Drop *d = data;

  move (d->self, d->from, (int) d->to - (int) d->from, "title");
  g_object_unref (d->self);
  g_free (d);
  return G_SOURCE_REMOVE;
}

static gboolean
on_drop (GtkDropTarget *target, const GValue *value, double x, double y, OcDeckPage *self)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));
  Drop *d;

  if (g_value_get_uint (value) == row_position (row))
    return FALSE;
  d = g_new0 (Drop, 1);
  d->self = g_object_ref (self);
  d->from = g_value_get_uint (value);
  d->to = row_position (row);
  g_idle_add (move_dropped, d);
  return TRUE;
}

static GtkWidget *
row_button (const char *icon, const char *tooltip, const char *action, guint position,
            gboolean sensitive)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  tooltip, -1);
  gtk_widget_add_css_class (button, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "u", position);
  gtk_widget_set_sensitive (button, sensitive);
  return button;
}

static GtkEditable *
row_entry (OcDeckPage *self, guint position, const char *text, const char *placeholder,
           gboolean caption)
{
  GtkWidget *entry = gtk_entry_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();

  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  gtk_entry_set_max_length (GTK_ENTRY (entry), OC_DECK_TEXT_MAX);
  gtk_editable_set_text (GTK_EDITABLE (entry), text ? text : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  caption ? _("Caption") : _("Title"), -1);
  g_object_set_data (G_OBJECT (entry), "position", GUINT_TO_POINTER (position));
  if (caption)
    g_object_set_data (G_OBJECT (entry), "caption", GUINT_TO_POINTER (1));
  g_signal_connect (entry, "changed", G_CALLBACK (on_text_changed), self);
  g_signal_connect (entry, "activate", G_CALLBACK (on_text_done), self);
  g_signal_connect (focus, "leave", G_CALLBACK (on_focus_leave), self);
  gtk_widget_add_controller (entry, focus);
  return GTK_EDITABLE (entry);
}

/* "double-descent · width=8 · experiment 1a2b3c4d". */
static char *
describe (const OcDeckSlide *slide)
{
  GString *s = g_string_new (slide->figure);

  for (guint i = 0; slide->params[i] != NULL; i++)
    g_string_append_printf (s, " · %s", slide->params[i]);
  g_string_append_printf (s, _(" · experiment %.8s"), slide->experiment_id);
  if (slide->quick)
    g_string_append (s, _(" · quick variant"));
  return g_string_free (s, FALSE);
}

static void
add_row (OcDeckPage *self, guint position)
{
  const OcDeckSlide *slide = oc_deck_get_slide (self->deck, position);
  guint n = oc_deck_get_n_slides (self->deck);
  Row *r = &g_array_index (self->rows, Row, position);
  OcStore *store = get_store (self);
  g_autoptr (GError) error = NULL;
  g_autofree char *number = g_strdup_printf ("%u", position + 1);
  g_autofree char *about = describe (slide);
  GtkWidget *box, *text, *buttons, *label, *picture;
  GtkWidget *up, *down, *remove;

  r->figure = store ? oc_deck_slide_build (store, slide, &error) : NULL;
  if (r->figure == NULL)
    r->problem = g_strdup (error ? error->message : _("Runs are not being stored"));

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);

  label = gtk_label_new (number);
  gtk_widget_add_css_class (label, "title-3");
  gtk_widget_add_css_class (label, "numeric");
  gtk_label_set_width_chars (GTK_LABEL (label), 2);
  gtk_box_append (GTK_BOX (box), label);

  picture = gtk_picture_new ();
  gtk_picture_set_can_shrink (GTK_PICTURE (picture), FALSE);
  gtk_widget_set_size_request (picture, THUMB_WIDTH, THUMB_HEIGHT);
  gtk_widget_set_valign (picture, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (picture, "card");
  gtk_widget_set_overflow (picture, GTK_OVERFLOW_HIDDEN);
  gtk_box_append (GTK_BOX (box), picture);
  r->thumbnail = GTK_PICTURE (picture);
  g_object_set_data (G_OBJECT (picture), "position", GUINT_TO_POINTER (position));
  {
    GtkDragSource *drag = gtk_drag_source_new ();

    gtk_drag_source_set_actions (drag, GDK_ACTION_MOVE);
    g_signal_connect (drag, "prepare", G_CALLBACK (on_drag_prepare), self);
    gtk_widget_add_controller (picture, GTK_EVENT_CONTROLLER (drag));
    gtk_widget_set_tooltip_text (picture, _("Drag onto another slide to move it there"));
  }

  text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_widget_set_valign (text, GTK_ALIGN_CENTER);
  r->title = row_entry (self, position, slide->title,
                        oc_deck_slide_get_title (slide, r->figure), FALSE);
  r->caption = row_entry (self, position, slide->caption, _("Caption (one line, optional)"),
                          TRUE);
  gtk_box_append (GTK_BOX (text), GTK_WIDGET (r->title));
  gtk_box_append (GTK_BOX (text), GTK_WIDGET (r->caption));
  label = gtk_label_new (r->problem ? r->problem : about);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_tooltip_text (label, about);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, r->problem ? "error" : "dim-label");
  gtk_box_append (GTK_BOX (text), label);
  gtk_box_append (GTK_BOX (box), text);

  buttons = gtk_grid_new ();
  gtk_widget_set_valign (buttons, GTK_ALIGN_CENTER);
  up = row_button ("go-up-symbolic", _("Move Up (Alt+Up)"), "deck.up", position, position > 0);
  down = row_button ("go-down-symbolic", _("Move Down (Alt+Down)"), "deck.down", position,
                     position + 1 < n);
  remove = row_button ("user-trash-symbolic", _("Remove Slide"), "deck.remove", position, TRUE);
  gtk_grid_attach (GTK_GRID (buttons), up, 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (buttons), down, 0, 1, 1, 1);
  gtk_grid_attach (GTK_GRID (buttons), remove, 1, 1, 1, 1);
  gtk_grid_attach (GTK_GRID (buttons),
                   row_button ("media-playback-start-symbolic", _("Present From Here"),
                               "deck.present-from", position, TRUE), 1, 0, 1, 1);
  gtk_box_append (GTK_BOX (box), buttons);

  r->row = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (r->row), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (r->row), box);
  g_object_set_data (G_OBJECT (r->row), "position", GUINT_TO_POINTER (position));
  {
    GtkDropTarget *drop = gtk_drop_target_new (G_TYPE_UINT, GDK_ACTION_MOVE);

    g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
    gtk_widget_add_controller (r->row, GTK_EVENT_CONTROLLER (drop));
  }
  g_object_set_data (G_OBJECT (r->row), "up", up);
  g_object_set_data (G_OBJECT (r->row), "down", down);
  g_object_set_data (G_OBJECT (r->row), "remove", remove);
  g_object_set_data (G_OBJECT (r->row), "title", r->title);
  gtk_list_box_append (self->list, r->row);
  update_thumbnail (self, position);
}

/* ---- Decks ---- */

static void
fill_choice (OcDeckPage *self, GPtrArray *decks, const char *current)
{
  g_autoptr (GtkStringList) names = gtk_string_list_new (NULL);
  guint selected = 0, n = 0;
  gboolean found = FALSE;

  for (guint i = 0; decks != NULL && i < decks->len; i++, n++)
    {
      const OcDeck *d = decks->pdata[i];

      gtk_string_list_append (names, d->name);
      if (g_strcmp0 (d->name, current) == 0)
        selected = i, found = TRUE;
    }
  /* The current deck before its first pin. */
  if (!found)
    {
      gtk_string_list_append (names, current);
      selected = n;
    }
  self->filling = TRUE;
  gtk_drop_down_set_model (self->deck_choice, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->deck_choice, selected);
  self->filling = FALSE;
}

void
oc_deck_page_reload (OcDeckPage *self)
{
  OcStore *store;
  g_autoptr (GPtrArray) decks = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *count = NULL;
  GtkWidget *child;
  guint n;

  g_return_if_fail (OC_IS_DECK_PAGE (self));
  if (self->workspace == NULL)
    return;
  self->stale = FALSE;
  store = get_store (self);
  name = current_name (self);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  g_array_set_size (self->rows, 0);
  g_clear_pointer (&self->deck, oc_deck_free);
  if (store != NULL)
    {
      decks = oc_store_list_decks (store, &error);
      if (decks == NULL)
        toast_error (self, error);
      for (guint i = 0; decks != NULL && i < decks->len; i++)
        if (g_strcmp0 (((OcDeck *) decks->pdata[i])->name, name) == 0)
          self->deck = oc_deck_dup (decks->pdata[i]);
      if (self->deck == NULL)
        self->deck = oc_deck_new (name);
    }
  fill_choice (self, decks, name);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "deck.new", store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "deck.delete", store != NULL);
  n = self->deck != NULL ? oc_deck_get_n_slides (self->deck) : 0;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "deck.export", n > 0);
  count = g_strdup_printf (ngettext ("%u slide", "%u slides", n), n);
  gtk_label_set_text (self->count_label, n > 0 ? count : "");
  g_array_set_size (self->rows, n);
  for (guint i = 0; i < n; i++)
    add_row (self, i);
  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "slides" : "empty");
}

/* Thumbnails build every slide's figure from the store: only for a page that is looked at. */
static void
on_store_changed (OcDeckPage *self)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    oc_deck_page_reload (self);
  else
    self->stale = TRUE;
}

static void
ensure_loaded (OcDeckPage *self)
{
  if (self->stale)
    oc_deck_page_reload (self);
}

const OcDeck *
oc_deck_page_get_deck (OcDeckPage *self)
{
  g_return_val_if_fail (OC_IS_DECK_PAGE (self), NULL);
  ensure_loaded (self);
  return self->deck;
}

GtkEditable *
oc_deck_page_get_title_entry (OcDeckPage *self, guint position)
{
  g_return_val_if_fail (OC_IS_DECK_PAGE (self), NULL);
  ensure_loaded (self);
  g_return_val_if_fail (position < self->rows->len, NULL);
  return g_array_index (self->rows, Row, position).title;
}

GtkEditable *
oc_deck_page_get_caption_entry (OcDeckPage *self, guint position)
{
  g_return_val_if_fail (OC_IS_DECK_PAGE (self), NULL);
  ensure_loaded (self);
  g_return_val_if_fail (position < self->rows->len, NULL);
  return g_array_index (self->rows, Row, position).caption;
}

gboolean
oc_deck_page_new_deck (OcDeckPage *self, const char *name, GError **error)
{
  OcStore *store = get_store (self);
  g_autoptr (OcDeck) deck = NULL;
  g_autoptr (GError) missing = NULL;
  g_autofree char *stripped = g_strstrip (g_strdup (name ? name : ""));

  g_return_val_if_fail (OC_IS_DECK_PAGE (self), FALSE);

  if (store == NULL)
    {
      g_set_error_literal (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                           _("Runs are not being stored, so decks cannot be kept"));
      return FALSE;
    }
  if (!oc_deck_check_name (stripped, error))
    return FALSE;
  deck = oc_store_load_deck (store, stripped, &missing);
  if (deck == NULL)
    {
      deck = oc_deck_new (stripped);
      if (!oc_store_save_deck (store, deck, error))
        return FALSE;
    }
  g_settings_set_string (oc_workspace_get_settings (self->workspace), "current-deck", stripped);
  return TRUE;
}

static void
on_new_response (AdwMessageDialog *dialog, const char *response, OcDeckPage *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autoptr (GError) error = NULL;

  if (g_strcmp0 (response, "create") == 0
      && !oc_deck_page_new_deck (self, gtk_editable_get_text (entry), &error))
    toast_error (self, error);
}

static void
new_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  OcDeckPage *self = OC_DECK_PAGE (widget);
  GtkWidget *dialog, *entry;

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), _("New Deck"),
                                   _("Pinned figures go to the new deck from now on."));
  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Name, e.g. Group meeting"));
  gtk_entry_set_max_length (GTK_ENTRY (entry), OC_DECK_NAME_MAX);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "create", _("C_reate"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "create",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "create");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_new_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_delete_response (AdwMessageDialog *dialog, const char *response, OcDeckPage *self)
{
  OcStore *store = get_store (self);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) decks = NULL;

  if (g_strcmp0 (response, "delete") != 0 || store == NULL || self->deck == NULL)
    return;
  if (!oc_store_remove_deck (store, self->deck->name, &error)
      && !g_error_matches (error, OC_ERROR, OC_ERROR_NOT_FOUND))
    {
      toast_error (self, error);
      return;
    }
  /* On to another deck, if there is one. */
  decks = oc_store_list_decks (store, NULL);
  g_settings_set_string (oc_workspace_get_settings (self->workspace), "current-deck",
                         decks != NULL && decks->len > 0 ? ((OcDeck *) decks->pdata[0])->name
                                                         : "");
  oc_deck_page_reload (self);
}

static void
delete_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  OcDeckPage *self = OC_DECK_PAGE (widget);
  g_autofree char *heading = NULL;
  GtkWidget *dialog;
  guint n;

  if (self->deck == NULL)
    return;
  n = oc_deck_get_n_slides (self->deck);
  heading = g_strdup_printf (_("Delete “%s”?"), self->deck->name);
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), heading, NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  ngettext ("Its %u slide goes with it. The experiments it "
                                            "shows stay in the store.",
                                            "Its %u slides go with it. The experiments they "
                                            "show stay in the store.", n), n);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "delete", _("_Delete"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_deck_chosen (OcDeckPage *self)
{
  GtkStringObject *item = gtk_drop_down_get_selected_item (self->deck_choice);

  if (self->filling || item == NULL || self->workspace == NULL)
    return;
  g_settings_set_string (oc_workspace_get_settings (self->workspace), "current-deck",
                         gtk_string_object_get_string (item));
}

static void
on_dark_changed (OcDeckPage *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    update_thumbnail (self, i);
}

/* ---- OcPage ---- */

static void
deck_attach (OcPage *page, OcWorkspace *workspace)
{
  OcDeckPage *self = OC_DECK_PAGE (page);

  self->workspace = g_object_ref (workspace);
  g_signal_connect_object (workspace, "decks-changed", G_CALLBACK (on_store_changed), self,
                           G_CONNECT_SWAPPED);
  /* What the slides show may have changed when a run stored more. */
  g_signal_connect_object (workspace, "run-stored", G_CALLBACK (on_store_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (oc_workspace_get_settings (workspace), "changed::current-deck",
                           G_CALLBACK (on_store_changed), self, G_CONNECT_SWAPPED);
  self->stale = TRUE;
}

static GPtrArray *
deck_get_figure_views (OcPage *page)
{
  /* The slides are not figures of a page: nothing to export or pin from here. */
  return g_ptr_array_new ();
}

static void
oc_deck_page_page_init (OcPageInterface *iface)
{
  iface->attach = deck_attach;
  iface->get_figure_views = deck_get_figure_views;
}

/* ---- GObject ---- */

static void
oc_deck_page_dispose (GObject *object)
{
  OcDeckPage *self = OC_DECK_PAGE (object);

  g_signal_handlers_disconnect_by_data (adw_style_manager_get_default (), self);
  gtk_widget_dispose_template (GTK_WIDGET (object), OC_TYPE_DECK_PAGE);

  G_OBJECT_CLASS (oc_deck_page_parent_class)->dispose (object);
}

static void
oc_deck_page_finalize (GObject *object)
{
  OcDeckPage *self = OC_DECK_PAGE (object);

  g_clear_pointer (&self->rows, g_array_unref);
  g_clear_pointer (&self->deck, oc_deck_free);
  g_clear_object (&self->workspace);

  G_OBJECT_CLASS (oc_deck_page_parent_class)->finalize (object);
}

static void
oc_deck_page_class_init (OcDeckPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = oc_deck_page_dispose;
  object_class->finalize = oc_deck_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/occamlab/Occam/ui/oc-deck-page.ui");
  gtk_widget_class_bind_template_child (widget_class, OcDeckPage, deck_choice);
  gtk_widget_class_bind_template_child (widget_class, OcDeckPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, OcDeckPage, stack);
  gtk_widget_class_bind_template_child (widget_class, OcDeckPage, list);

  gtk_widget_class_install_action (widget_class, "deck.up", "u", up_action);
  gtk_widget_class_install_action (widget_class, "deck.down", "u", down_action);
  gtk_widget_class_install_action (widget_class, "deck.remove", "u", remove_action);
  gtk_widget_class_install_action (widget_class, "deck.present-from", "u",
                                   present_from_action);
  gtk_widget_class_install_action (widget_class, "deck.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "deck.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "deck.delete", NULL, delete_action);
}

static void
oc_deck_page_init (OcDeckPage *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_array_new (FALSE, TRUE, sizeof (Row));
  g_array_set_clear_func (self->rows, row_clear);
  g_signal_connect_swapped (self->deck_choice, "notify::selected",
                            G_CALLBACK (on_deck_chosen), self);
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_list_key), self);
  gtk_widget_add_controller (GTK_WIDGET (self->list), keys);
  g_signal_connect_swapped (adw_style_manager_get_default (), "notify::dark",
                            G_CALLBACK (on_dark_changed), self);
  g_signal_connect (self, "map", G_CALLBACK (ensure_loaded), NULL);
}
