/* oc-window.c — see oc-window.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "oc-dataset-page.h"
#include "oc-animation-export.h"
#include "oc-deck-page.h"
#include "oc-deck-pin.h"
#include "oc-figure-export.h"
#include "oc-grok-page.h"
#include "oc-history-page.h"
#include "oc-landscape-page.h"
#include "oc-presentation.h"
#include "oc-prune-page.h"
#include "oc-stability-page.h"
#include "oc-sweep-page.h"
#include "oc-tour-page.h"
#include "oc-train-page.h"
#include "oc-window.h"

/* The pages, in the order of the view switcher. Each is an OcPage; the window knows them by this
 * table alone (src/gui/README.md, "Adding a page"). Ctrl+Enter starts the page in view, or the
 * `default_start` page when the one in view runs nothing. */
static const struct
{
  const char *name;
  const char *title;
  const char *icon;
  GType     (*get_type) (void);
  gboolean    default_start;
} pages[] = {
  { "dataset", N_("_Dataset"), "view-grid-symbolic", oc_dataset_page_get_type, FALSE },
  { "train", N_("_Train"), "media-playback-start-symbolic", oc_train_page_get_type, TRUE },
  { "sweep", N_("_Sweep"), "network-cellular-signal-excellent-symbolic", oc_sweep_page_get_type,
    FALSE },
  { "prune", N_("_Pruning"), "edit-cut-symbolic", oc_prune_page_get_type, FALSE },
  { "stability", N_("St_ability"), "insert-link-symbolic", oc_stability_page_get_type, FALSE },
  { "landscape", N_("_Landscape"), "find-location-symbolic", oc_landscape_page_get_type, FALSE },
  { "grok", N_("_Grokking"), "view-reveal-symbolic", oc_grok_page_get_type, FALSE },
  { "history", N_("_History"), "document-open-recent-symbolic", oc_history_page_get_type, FALSE },
  { "tour", N_("T_our"), "media-playlist-consecutive-symbolic", oc_tour_page_get_type, FALSE },
  { "deck", N_("D_eck"), "x-office-presentation-symbolic", oc_deck_page_get_type, FALSE },
};

struct _OcWindow
{
  AdwApplicationWindow parent_instance;

  GSettings       *settings;
  OcWorkspace     *workspace;
  GPtrArray       *pages;  /* OcPage*, in table order */
  gboolean         closing; /* asked to close while a run went on: closes once all stopped */
  char            *last_toast;
  char            *last_notification;
  AdwToast        *toast;
  guint            inhibit_cookie; /* from gtk_application_inhibit, 0 when none was given */
  gboolean         inhibiting;     /* asked to keep the system awake (a run is going on) */

  AdwToastOverlay *toast_overlay;
  AdwViewStack    *stack;
  AdwViewSwitcherTitle *switcher_title;
  AdwViewSwitcherBar   *switcher_bar;
};

enum { PROP_0, PROP_SETTINGS, N_PROPS };
static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (OcWindow, oc_window, ADW_TYPE_APPLICATION_WINDOW)

static void
on_toast_dismissed (OcWindow *self, AdwToast *toast)
{
  if (self->toast == toast)
    g_clear_weak_pointer (&self->toast);
}

void
oc_window_toast (GtkWidget *from, const char *text)
{
  AdwToast *toast = adw_toast_new (text);

  adw_toast_set_timeout (toast, 5);
  oc_window_add_toast (from, toast);
}

void
oc_window_add_toast (GtkWidget *from, AdwToast *toast)
{
  GtkWidget *root = from ? GTK_WIDGET (gtk_widget_get_root (from)) : NULL;
  OcWindow *self;

  if (!OC_IS_WINDOW (root))
    {
      g_message ("%s", adw_toast_get_title (toast));
      g_object_unref (toast);
      return;
    }
  self = OC_WINDOW (root);
  g_free (self->last_toast);
  self->last_toast = g_strdup (adw_toast_get_title (toast));
  /* Remembered (weakly: the overlay owns it) until it goes away. */
  g_set_weak_pointer (&self->toast, toast);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_toast_dismissed), self,
                           G_CONNECT_SWAPPED);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

const char *
oc_window_get_last_toast (OcWindow *self)
{
  return self->last_toast;
}

AdwToast *
oc_window_get_toast (OcWindow *self)
{
  return self->toast;
}

gboolean
oc_window_get_toast_shown (OcWindow *self)
{
  return self->toast != NULL;
}

void
oc_window_show_page (OcWindow *self, const char *name)
{
  adw_view_stack_set_visible_child_name (self->stack, name);
}

OcWorkspace *
oc_window_get_workspace (OcWindow *self)
{
  return self->workspace;
}

GtkWidget *
oc_window_get_page (OcWindow *self, const char *name)
{
  return adw_view_stack_get_child_by_name (self->stack, name);
}

static OcPage *
visible_page (OcWindow *self)
{
  return OC_PAGE (adw_view_stack_get_visible_child (self->stack));
}

GPtrArray *
oc_window_get_visible_figures (OcWindow *self)
{
  return oc_page_get_figure_views (visible_page (self));
}

GSettings *
oc_window_get_settings (OcWindow *self)
{
  g_return_val_if_fail (OC_IS_WINDOW (self), NULL);

  return self->settings;
}

static gboolean
any_running (OcWindow *self)
{
  for (guint i = 0; i < self->pages->len; i++)
    if (oc_page_get_running (self->pages->pdata[i]))
      return TRUE;
  return FALSE;
}

/* ---- Actions ---- */

static void
export_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  OcWindow *self = OC_WINDOW (widget);
  g_autoptr (GPtrArray) views = oc_window_get_visible_figures (self);

  if (views->len == 0)
    {
      oc_window_toast (widget, _("This page has no figure to export yet"));
      return;
    }
  oc_figure_export_run (GTK_WINDOW (self), views, oc_export_theme_for (widget));
}

/* Export Animation…: a stored experiment of the visible page, its figure as it grew. */
static void
export_animation_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  OcWindow *self = OC_WINDOW (widget);
  g_autoptr (GPtrArray) views = oc_window_get_visible_figures (self);
  gboolean presentation = g_settings_get_boolean (self->settings, "presentation-exports");

  oc_animation_export_run (GTK_WINDOW (self), visible_page (self), views,
                           oc_workspace_get_store (self->workspace),
                           presentation ? OC_PLOT_THEME_PRESENTATION : OC_PLOT_THEME_LIGHT);
}

/* win.copy-figure, win.copy-figure-svg, win.copy-figure-data: the page's first figure. */
static void
copy_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  OcWindow *self = OC_WINDOW (widget);
  g_autoptr (GPtrArray) views = oc_window_get_visible_figures (self);
  g_autoptr (GError) error = NULL;
  OcFigureCopy what = g_str_equal (action_name, "win.copy-figure-svg") ? OC_FIGURE_COPY_SVG
                      : g_str_equal (action_name, "win.copy-figure-data") ? OC_FIGURE_COPY_DATA
                                                                           : OC_FIGURE_COPY_IMAGE;

  if (views->len == 0)
    {
      oc_window_toast (widget, _("This page has no figure to copy yet"));
      return;
    }
  if (!oc_figure_copy_as (widget, oc_figure_view_get_figure (views->pdata[0]),
                          oc_export_theme_for (widget), what, &error))
    oc_window_toast (widget, error->message);
  else
    oc_window_toast (widget, oc_figure_copy_done (what));
}

/* Ctrl+D: the figure in focus, or the one the user picks, becomes the deck's next slide. */
static void
pin_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  g_autoptr (GPtrArray) views = oc_window_get_visible_figures (OC_WINDOW (widget));

  oc_deck_pin_run (GTK_WINDOW (widget), views);
}

/* F5: the current deck full screen. */
static void
present_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  oc_presentation_run (GTK_WINDOW (widget), OC_WINDOW (widget)->workspace, 0);
}

/* Ctrl+Enter: the page in view runs what it shows; a page that runs nothing hands over. */
static void
start_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  OcWindow *self = OC_WINDOW (widget);
  OcPage *page = visible_page (self);

  if (OC_PAGE_GET_IFACE (page)->start == NULL)
    for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
      if (pages[i].default_start)
        {
          oc_window_show_page (self, pages[i].name);
          page = self->pages->pdata[i];
        }
  oc_page_start (page);
}

/* Esc stops whatever runs. */
static void
stop_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  OcWindow *self = OC_WINDOW (widget);

  for (guint i = 0; i < self->pages->len; i++)
    oc_page_stop (self->pages->pdata[i]);
}

static void
fullscreen_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  if (gtk_window_is_fullscreen (GTK_WINDOW (widget)))
    gtk_window_unfullscreen (GTK_WINDOW (widget));
  else
    gtk_window_fullscreen (GTK_WINDOW (widget));
}

static void
show_page_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  oc_window_show_page (OC_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

/* ---- Drag and drop ---- */

static gboolean
on_drop (GtkDropTarget *target, const GValue *value, double x, double y, OcWindow *self)
{
  GSList *files;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  files = g_value_get_boxed (value);
  if (files == NULL)
    return FALSE;
  for (guint i = 0; i < self->pages->len; i++)
    if (oc_page_open_file (self->pages->pdata[i], files->data))
      {
        adw_view_stack_set_visible_child (self->stack, self->pages->pdata[i]);
        return TRUE;
      }
  return FALSE;
}

/* ---- Runs: keeping awake, telling of the end ---- */

/* Runs longer than this that end while the window is not focused are announced. */
#define NOTIFY_AFTER_SECONDS 30.0
#define NOTIFICATION_ID "run-ended"

/* While any page runs, suspend is inhibited; the last run to stop releases it. */
static void
on_n_running_changed (OcWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  gboolean running = oc_workspace_get_n_running (self->workspace) > 0;

  if (running == self->inhibiting)
    return;
  self->inhibiting = running;
  if (running && app != NULL)
    self->inhibit_cookie = gtk_application_inhibit (app, GTK_WINDOW (self),
                                                    GTK_APPLICATION_INHIBIT_SUSPEND,
                                                    _("An experiment is running"));
  else if (!running && self->inhibit_cookie != 0)
    {
      if (app != NULL)
        gtk_application_uninhibit (app, self->inhibit_cookie);
      self->inhibit_cookie = 0;
    }
}

static void
on_run_ended (OcWindow *self, const char *message, double seconds)
{
  GApplication *app = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  g_autoptr (GNotification) notification = NULL;

  if (message == NULL || seconds < NOTIFY_AFTER_SECONDS
      || gtk_window_is_active (GTK_WINDOW (self)))
    return;
  g_free (self->last_notification);
  self->last_notification = g_strdup (message);
  if (app == NULL)
    return;
  notification = g_notification_new ("Occam");
  g_notification_set_body (notification, message);
  g_application_send_notification (app, NOTIFICATION_ID, notification);
}

/* Back at the window, the notification has been read. */
static void
on_active_changed (OcWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (app != NULL && gtk_window_is_active (GTK_WINDOW (self)))
    g_application_withdraw_notification (G_APPLICATION (app), NOTIFICATION_ID);
}

gboolean
oc_window_get_inhibiting (OcWindow *self)
{
  g_return_val_if_fail (OC_IS_WINDOW (self), FALSE);
  return self->inhibiting;
}

const char *
oc_window_get_last_notification (OcWindow *self)
{
  g_return_val_if_fail (OC_IS_WINDOW (self), NULL);
  return self->last_notification;
}

/* ---- Pages ---- */

static void
on_visible_page_changed (OcWindow *self)
{
  const char *name = adw_view_stack_get_visible_child_name (self->stack);

  if (name != NULL && !self->closing)
    g_settings_set_string (self->settings, "last-page", name);
}

GtkWidget *
oc_window_get_page_for_kind (OcWindow *self, const char *kind)
{
  g_return_val_if_fail (OC_IS_WINDOW (self), NULL);

  for (guint i = 0; i < self->pages->len; i++)
    if (oc_page_can_open (self->pages->pdata[i], kind))
      return self->pages->pdata[i];
  return NULL;
}

/* History's Open: the page that opens the kind shows it. */
static void
on_open_spec (OcWindow *self, const OcSpec *spec)
{
  GtkWidget *page = oc_window_get_page_for_kind (self, oc_spec_get_kind (spec));
  g_autofree char *text = NULL;

  if (page != NULL)
    {
      adw_view_stack_set_visible_child (self->stack, page);
      oc_page_open_spec (OC_PAGE (page), spec);
      return;
    }
  text = g_strdup_printf (_("A “%s” experiment runs from the command line: occam-cli run"),
                          oc_spec_get_kind (spec));
  oc_window_toast (GTK_WIDGET (self), text);
}

/* Esc stops a run, and only then: otherwise it stays with entries and popovers. */
static void
on_running_changed (OcWindow *self)
{
  gboolean running = any_running (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.stop", running);
  if (self->closing && !running)
    gtk_window_close (GTK_WINDOW (self));
}

static void
add_pages (OcWindow *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      GtkWidget *page = g_object_new (pages[i].get_type (), NULL);
      AdwViewStackPage *sp = adw_view_stack_add_titled (self->stack, page, pages[i].name,
                                                        _(pages[i].title));

      adw_view_stack_page_set_use_underline (sp, TRUE);
      adw_view_stack_page_set_icon_name (sp, pages[i].icon);
      g_ptr_array_add (self->pages, page);
      if (g_object_class_find_property (G_OBJECT_GET_CLASS (page), "running") != NULL)
        g_signal_connect_object (page, "notify::running", G_CALLBACK (on_running_changed), self,
                                 G_CONNECT_SWAPPED);
    }
  for (guint i = 0; i < self->pages->len; i++)
    oc_page_attach (self->pages->pdata[i], self->workspace);
  on_running_changed (self);
  /* The window reopens on the page it showed last (when that page still exists). */
  {
    g_autofree char *last = g_settings_get_string (self->settings, "last-page");

    if (adw_view_stack_get_child_by_name (self->stack, last) != NULL)
      oc_window_show_page (self, last);
  }
  g_signal_connect_object (self->stack, "notify::visible-child-name",
                           G_CALLBACK (on_visible_page_changed), self, G_CONNECT_SWAPPED);
}

/* ---- GObject ---- */

/* Closing while a run goes on stops it first, so the store says how it ended; the window goes
 * once every page has finished its step and recorded it. */
static gboolean
oc_window_close_request (GtkWindow *window)
{
  OcWindow *self = OC_WINDOW (window);
  int width, height;

  if (any_running (self))
    {
      self->closing = TRUE;
      stop_action (GTK_WIDGET (self), NULL, NULL);
      return TRUE;
    }

  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));

  return GTK_WINDOW_CLASS (oc_window_parent_class)->close_request (window);
}

static void
oc_window_constructed (GObject *object)
{
  OcWindow *self = OC_WINDOW (object);

  G_OBJECT_CLASS (oc_window_parent_class)->constructed (object);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
  /* The store every run goes to, shared with occam-cli. Without one, runs still run. */
  {
    g_autofree char *path = oc_store_default_path ();
    g_autofree char *why = NULL;
    g_autoptr (GError) error = NULL;
    OcStore *store = oc_store_open (path, OC_STORE_OPEN_CREATE, &error);

    if (store == NULL)
      why = g_strdup_printf (_("Runs are not being stored. %s"), error->message);
    self->workspace = oc_workspace_new (self->settings, store, why);
  }
  g_signal_connect_object (self->workspace, "open-spec", G_CALLBACK (on_open_spec), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->workspace, "notify::n-running",
                           G_CALLBACK (on_n_running_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->workspace, "run-ended", G_CALLBACK (on_run_ended), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect (self, "notify::is-active", G_CALLBACK (on_active_changed), NULL);
  add_pages (self);
}

static void
oc_window_dispose (GObject *object)
{
  OcWindow *self = OC_WINDOW (object);
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  /* The pages going away change the visible one: that is not the user's last page. */
  if (self->stack != NULL)
    g_signal_handlers_disconnect_by_data (self->stack, self);
  if (self->inhibit_cookie != 0 && app != NULL)
    gtk_application_uninhibit (app, self->inhibit_cookie);
  self->inhibit_cookie = 0;
  /* Switchers first: libadwaita 1.2 criticals when a switcher outlives its view stack. */
  if (self->switcher_bar != NULL)
    adw_view_switcher_bar_set_stack (self->switcher_bar, NULL);
  if (self->switcher_title != NULL)
    adw_view_switcher_title_set_stack (self->switcher_title, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), OC_TYPE_WINDOW);

  G_OBJECT_CLASS (oc_window_parent_class)->dispose (object);
}

static void
oc_window_finalize (GObject *object)
{
  OcWindow *self = OC_WINDOW (object);

  g_clear_object (&self->settings);
  g_clear_weak_pointer (&self->toast);
  g_clear_pointer (&self->pages, g_ptr_array_unref);
  g_clear_object (&self->workspace);
  g_free (self->last_toast);
  g_free (self->last_notification);

  G_OBJECT_CLASS (oc_window_parent_class)->finalize (object);
}

static void
oc_window_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  OcWindow *self = OC_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
oc_window_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  OcWindow *self = OC_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
oc_window_class_init (OcWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = oc_window_constructed;
  object_class->dispose = oc_window_dispose;
  object_class->finalize = oc_window_finalize;
  object_class->set_property = oc_window_set_property;
  object_class->get_property = oc_window_get_property;
  window_class->close_request = oc_window_close_request;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/occamlab/Occam/ui/oc-window.ui");
  gtk_widget_class_bind_template_child (widget_class, OcWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, OcWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, OcWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, OcWindow, switcher_bar);

  gtk_widget_class_install_action (widget_class, "win.export-figure", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.copy-figure", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "win.export-animation", NULL,
                                   export_animation_action);
  gtk_widget_class_install_action (widget_class, "win.copy-figure-svg", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "win.copy-figure-data", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "win.start", NULL, start_action);
  gtk_widget_class_install_action (widget_class, "win.stop", NULL, stop_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-fullscreen", NULL,
                                   fullscreen_action);
  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_action);
  gtk_widget_class_install_action (widget_class, "win.pin-figure", NULL, pin_action);
  gtk_widget_class_install_action (widget_class, "win.present", NULL, present_action);

  /* The same keys without an application (tests, and the shortcuts window lists them). */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "win.start", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK,
                                       "win.start", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.stop", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "win.export-figure", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.copy-figure", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK | GDK_ALT_MASK,
                                       "win.copy-figure-data", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c,
                                       GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK,
                                       "win.copy-figure-svg", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F11, 0, "win.toggle-fullscreen",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK,
                                       "win.pin-figure", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.present", NULL);
}

static void
oc_window_init (OcWindow *self)
{
  GtkDropTarget *drop;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->pages = g_ptr_array_new ();
  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}

OcWindow *
oc_window_new (AdwApplication *application, GSettings *settings)
{
  return g_object_new (OC_TYPE_WINDOW, "application", application, "settings", settings, NULL);
}
