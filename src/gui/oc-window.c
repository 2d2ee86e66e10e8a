/* oc-window.c — see oc-window.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "oc-figure-export.h"
#include "oc-run-spec.h"
#include "oc-window.h"

struct _OcWindow
{
  AdwApplicationWindow parent_instance;

  GSettings       *settings;
  OcStore         *store;
  char            *store_error;
  gboolean         train_when_loaded; /* a History re-run waits for its dataset */
  char            *last_toast;
  AdwToast        *toast;

  AdwToastOverlay *toast_overlay;
  AdwViewStack    *stack;
  AdwViewSwitcherTitle *switcher_title;
  AdwViewSwitcherBar   *switcher_bar;
  OcDatasetPage   *dataset_page;
  OcTrainPage     *train_page;
  OcSweepPage     *sweep_page;
  OcPrunePage     *prune_page;
  OcHistoryPage   *history_page;
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
  GtkWidget *root = from ? GTK_WIDGET (gtk_widget_get_root (from)) : NULL;
  OcWindow *self;
  AdwToast *toast;

  if (!OC_IS_WINDOW (root))
    {
      g_message ("%s", text);
      return;
    }
  self = OC_WINDOW (root);
  g_free (self->last_toast);
  self->last_toast = g_strdup (text);
  toast = adw_toast_new (text);
  adw_toast_set_timeout (toast, 5);
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

OcDatasetPage *
oc_window_get_dataset_page (OcWindow *self)
{
  return self->dataset_page;
}

OcTrainPage *
oc_window_get_train_page (OcWindow *self)
{
  return self->train_page;
}

OcSweepPage *
oc_window_get_sweep_page (OcWindow *self)
{
  return self->sweep_page;
}

OcPrunePage *
oc_window_get_prune_page (OcWindow *self)
{
  return self->prune_page;
}

GPtrArray *
oc_window_get_visible_figures (OcWindow *self)
{
  const char *page = adw_view_stack_get_visible_child_name (self->stack);
  GPtrArray *views;

  if (g_strcmp0 (page, "train") == 0)
    views = oc_train_page_get_figure_views (self->train_page);
  else if (g_strcmp0 (page, "sweep") == 0)
    views = oc_sweep_page_get_figure_views (self->sweep_page);
  else if (g_strcmp0 (page, "prune") == 0)
    views = oc_prune_page_get_figure_views (self->prune_page);
  else
    {
      views = g_ptr_array_new ();
      if (g_strcmp0 (page, "dataset") == 0)
        g_ptr_array_add (views, oc_dataset_page_get_figure_view (self->dataset_page));
      else if (g_strcmp0 (page, "history") == 0)
        g_ptr_array_add (views, oc_history_page_get_figure_view (self->history_page));
    }
  /* Only figures with something in them can be exported. */
  for (guint i = views->len; i-- > 0;)
    if (oc_figure_view_get_figure (views->pdata[i]) == NULL)
      g_ptr_array_remove_index (views, i);
  return views;
}

/* ---- Actions ---- */

static void
export_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  OcWindow *self = OC_WINDOW (widget);
  g_autoptr (GPtrArray) views = oc_window_get_visible_figures (self);
  gboolean presentation = g_settings_get_boolean (self->settings, "presentation-exports");

  if (views->len == 0)
    {
      oc_window_toast (widget, "This page has no figure to export yet");
      return;
    }
  oc_figure_export_run (GTK_WINDOW (self), views, oc_export_theme (presentation));
}

static void
copy_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  OcWindow *self = OC_WINDOW (widget);
  g_autoptr (GPtrArray) views = oc_window_get_visible_figures (self);
  gboolean presentation = g_settings_get_boolean (self->settings, "presentation-exports");
  g_autoptr (GError) error = NULL;

  if (views->len == 0)
    {
      oc_window_toast (widget, "This page has no figure to copy yet");
      return;
    }
  if (!oc_figure_copy (widget, oc_figure_view_get_figure (views->pdata[0]),
                       oc_export_theme (presentation), &error))
    oc_window_toast (widget, error->message);
  else
    oc_window_toast (widget, "Figure copied");
}

static void
train_start_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  OcWindow *self = OC_WINDOW (widget);

  /* Ctrl+Enter runs what the Sweep page shows when it is the page in view. */
  if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->stack), "sweep") == 0)
    {
      gtk_widget_activate_action (GTK_WIDGET (self->sweep_page), "sweep.run", NULL);
      return;
    }
  if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->stack), "prune") == 0)
    {
      gtk_widget_activate_action (GTK_WIDGET (self->prune_page), "prune.run", NULL);
      return;
    }
  oc_window_show_page (self, "train");
  gtk_widget_activate_action (GTK_WIDGET (self->train_page), "train.start", NULL);
}

static void
train_stop_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  OcWindow *self = OC_WINDOW (widget);

  gtk_widget_activate_action (GTK_WIDGET (self->train_page), "train.stop", NULL);
  gtk_widget_activate_action (GTK_WIDGET (self->sweep_page), "sweep.stop", NULL);
  gtk_widget_activate_action (GTK_WIDGET (self->prune_page), "prune.stop", NULL);
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
  oc_window_show_page (self, "dataset");
  oc_dataset_page_open_file (self->dataset_page, files->data);
  return TRUE;
}

/* ---- Pages ---- */

static void
on_data_changed (OcWindow *self)
{
  oc_train_page_set_data (self->train_page, oc_dataset_page_get_data (self->dataset_page));
  oc_sweep_page_set_data (self->sweep_page, oc_dataset_page_get_data (self->dataset_page));
  oc_prune_page_set_data (self->prune_page, oc_dataset_page_get_data (self->dataset_page));
  if (self->train_when_loaded)
    {
      self->train_when_loaded = FALSE;
      gtk_widget_activate_action (GTK_WIDGET (self), "win.train-start", NULL);
    }
}

/* A failed load cancels a pending re-run; the Dataset page explains why. */
static void
on_loading_changed (OcWindow *self)
{
  if (!oc_dataset_page_get_loading (self->dataset_page))
    self->train_when_loaded = FALSE;
}

static void
on_run_stored (OcWindow *self, const char *id)
{
  oc_history_page_reload (self->history_page);
  oc_history_page_select (self->history_page, id);
}

static void
on_rerun (OcWindow *self, const OcSpec *spec)
{
  g_autoptr (GError) error = NULL;
  const char *kind = oc_spec_get_kind (spec);

  /* Prune experiments open on the Pruning page, to be looked at or resumed with Run. */
  if (g_strcmp0 (kind, "prune") == 0)
    {
      if (oc_prune_page_get_running (self->prune_page))
        {
          oc_window_toast (GTK_WIDGET (self), "Stop the current pruning run first");
          return;
        }
      oc_prune_page_open_spec (self->prune_page, spec);
      oc_window_show_page (self, "prune");
      return;
    }
  /* Sweeps open on the Sweep page; an unfinished one resumes right away. */
  if (g_strcmp0 (kind, "sweep") == 0 || g_strcmp0 (kind, "rff") == 0)
    {
      if (oc_sweep_page_get_running (self->sweep_page))
        {
          oc_window_toast (GTK_WIDGET (self), "Stop the current sweep first");
          return;
        }
      oc_sweep_page_open_spec (self->sweep_page, spec);
      oc_window_show_page (self, "sweep");
      if (oc_sweep_page_get_results (self->sweep_page) != NULL
          && oc_sweep_results_get_n_finished (oc_sweep_page_get_results (self->sweep_page))
               < oc_sweep_grid_get_n_points (oc_sweep_results_get_grid (
                   (OcSweepResults *) oc_sweep_page_get_results (self->sweep_page))))
        gtk_widget_activate_action (GTK_WIDGET (self->sweep_page), "sweep.run", NULL);
      return;
    }
  if (oc_train_page_get_running (self->train_page))
    {
      oc_window_toast (GTK_WIDGET (self), "Stop the current run first");
      return;
    }
  if (!oc_run_spec_apply (spec, self->settings, &error))
    {
      oc_window_toast (GTK_WIDGET (self), error->message);
      return;
    }
  oc_window_show_page (self, "train");
  oc_dataset_page_load (self->dataset_page);
  self->train_when_loaded = TRUE;
}

OcHistoryPage *
oc_window_get_history_page (OcWindow *self)
{
  return self->history_page;
}

/* Esc stops a run, and only then: otherwise it stays with entries and popovers. */
static void
on_running_changed (OcWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.train-stop",
                                 oc_train_page_get_running (self->train_page)
                                 || oc_sweep_page_get_running (self->sweep_page)
                                 || oc_prune_page_get_running (self->prune_page));
}

/* ---- GObject ---- */

static gboolean
oc_window_close_request (GtkWindow *window)
{
  OcWindow *self = OC_WINDOW (window);
  int width, height;

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
  oc_dataset_page_set_settings (self->dataset_page, self->settings);
  oc_train_page_set_settings (self->train_page, self->settings);
  oc_sweep_page_set_settings (self->sweep_page, self->settings);
  oc_prune_page_set_settings (self->prune_page, self->settings);

  /* The store every run goes to, shared with occam-cli. Without one, runs still train. */
  {
    g_autofree char *path = oc_store_default_path ();
    g_autoptr (GError) error = NULL;

    self->store = oc_store_open (path, OC_STORE_OPEN_CREATE, &error);
    if (self->store == NULL)
      self->store_error = g_strdup_printf ("Runs are not being stored. %s", error->message);
  }
  oc_train_page_set_store (self->train_page, self->store);
  oc_sweep_page_set_store (self->sweep_page, self->store);
  oc_prune_page_set_store (self->prune_page, self->store);
  oc_history_page_set_store (self->history_page, self->store, self->store_error);
}

static void
oc_window_dispose (GObject *object)
{
  OcWindow *self = OC_WINDOW (object);

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
  g_clear_pointer (&self->store, oc_store_close);
  g_free (self->store_error);
  g_free (self->last_toast);

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

  g_type_ensure (OC_TYPE_DATASET_PAGE);
  g_type_ensure (OC_TYPE_TRAIN_PAGE);
  g_type_ensure (OC_TYPE_SWEEP_PAGE);
  g_type_ensure (OC_TYPE_PRUNE_PAGE);
  g_type_ensure (OC_TYPE_HISTORY_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/occamlab/Occam/ui/oc-window.ui");
  gtk_widget_class_bind_template_child (widget_class, OcWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, OcWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, OcWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, OcWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, OcWindow, dataset_page);
  gtk_widget_class_bind_template_child (widget_class, OcWindow, train_page);
  gtk_widget_class_bind_template_child (widget_class, OcWindow, sweep_page);
  gtk_widget_class_bind_template_child (widget_class, OcWindow, prune_page);
  gtk_widget_class_bind_template_child (widget_class, OcWindow, history_page);

  gtk_widget_class_install_action (widget_class, "win.export-figure", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.copy-figure", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "win.train-start", NULL, train_start_action);
  gtk_widget_class_install_action (widget_class, "win.train-stop", NULL, train_stop_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-fullscreen", NULL,
                                   fullscreen_action);
  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_action);

  /* The same keys without an application (tests, and the shortcuts window lists them). */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "win.train-start", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK,
                                       "win.train-start", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.train-stop", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "win.export-figure", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.copy-figure", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F11, 0, "win.toggle-fullscreen",
                                       NULL);
}

static void
oc_window_init (OcWindow *self)
{
  GtkDropTarget *drop;

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_swapped (self->dataset_page, "notify::data", G_CALLBACK (on_data_changed),
                            self);
  g_signal_connect_swapped (self->train_page, "notify::running",
                            G_CALLBACK (on_running_changed), self);
  g_signal_connect_swapped (self->sweep_page, "notify::running",
                            G_CALLBACK (on_running_changed), self);
  g_signal_connect_swapped (self->prune_page, "notify::running",
                            G_CALLBACK (on_running_changed), self);
  on_running_changed (self);
  g_signal_connect_swapped (self->dataset_page, "notify::loading",
                            G_CALLBACK (on_loading_changed), self);
  g_signal_connect_swapped (self->train_page, "run-stored", G_CALLBACK (on_run_stored), self);
  g_signal_connect_swapped (self->sweep_page, "run-stored", G_CALLBACK (on_run_stored), self);
  g_signal_connect_swapped (self->prune_page, "run-stored", G_CALLBACK (on_run_stored), self);
  g_signal_connect_swapped (self->history_page, "rerun", G_CALLBACK (on_rerun), self);
  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}

OcWindow *
oc_window_new (AdwApplication *application, GSettings *settings)
{
  return g_object_new (OC_TYPE_WINDOW, "application", application, "settings", settings, NULL);
}
