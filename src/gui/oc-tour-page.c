/* oc-tour-page.c — see oc-tour-page.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "occam/oc-error.h"
#include "occam/oc-experiment.h"
#include "occam-figures/oc-figure-catalog.h"
#include "occam-figures/oc-tour.h"
#include "oc-figure-view.h"
#include "oc-tour-page.h"
#include "oc-window.h"

typedef struct
{
  OcTourStatus full, quick;
  gboolean     known; /* statuses filled */
} SceneState;

struct _OcTourPage
{
  AdwBin       parent_instance;

  OcWorkspace *workspace;
  const OcTourScene *scenes;
  guint        n_scenes;
  SceneState  *states;
  GPtrArray   *views;   /* OcFigureView of the scene shown */

  GtkListBox  *scenes_list;
  GtkLabel    *title_label;
  GtkLabel    *narration_label;
  GtkLabel    *status_label;
  gboolean     measuring; /* the machine's rate, on a worker thread */
  GtkButton   *live_button;
  GtkButton   *quick_button;
  GtkBox      *figures;
};

static void oc_tour_page_page_init (OcPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (OcTourPage, oc_tour_page, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (OC_TYPE_PAGE, oc_tour_page_page_init))

static OcStore *
get_store (OcTourPage *self)
{
  return self->workspace != NULL ? oc_workspace_get_store (self->workspace) : NULL;
}

static int
selected_scene (OcTourPage *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->scenes_list);

  return row != NULL ? gtk_list_box_row_get_index (row) : -1;
}

static gboolean
all_stored (const OcTourStatus *s)
{
  return s->available && s->n_points > 0 && s->n_stored == s->n_points;
}

/* The page of the window that runs @scene's experiment, or NULL. */
static GtkWidget *
page_for (OcTourPage *self, const OcTourScene *scene)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return OC_IS_WINDOW (root) ? oc_window_get_page_for_kind (OC_WINDOW (root), scene->run.kind)
                             : NULL;
}

static void
ensure_state (OcTourPage *self, guint i)
{
  SceneState *st = &self->states[i];
  g_autoptr (GError) error = NULL;

  if (st->known)
    return;
  oc_tour_status_clear (&st->full);
  oc_tour_status_clear (&st->quick);
  if (!oc_tour_scene_status (&self->scenes[i], FALSE, get_store (self), &st->full, &error)
      || !oc_tour_scene_status (&self->scenes[i], TRUE, get_store (self), &st->quick, &error))
    {
      st->full.available = FALSE;
      g_free (st->full.why_not);
      st->full.why_not = g_strdup (error->message);
    }
  st->known = TRUE;
}

/* ---- The scene shown ---- */

/* The catalogue's "KEY=VALUE;…" of a tour figure, "{also}" replaced by the second experiment. */
static GStrv
figure_params (const OcTourFigure *f, const char *also_id)
{
  g_auto (GStrv) parts = NULL;
  g_autoptr (GStrvBuilder) b = g_strv_builder_new ();

  if (f->params == NULL)
    return g_strv_builder_end (b);
  parts = g_strsplit (f->params, ";", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    if (*parts[i] != '\0')
      {
        g_autoptr (GString) p = g_string_new (parts[i]);

        g_string_replace (p, "{also}", also_id ? also_id : "", 0);
        g_strv_builder_add (b, p->str);
      }
  return g_strv_builder_end (b);
}

static void
show_figures (OcTourPage *self, const OcTourScene *scene, const OcTourStatus *st)
{
  OcStore *store = get_store (self);
  g_autoptr (OcFigureCatalog) catalog = NULL;
  g_autoptr (GError) error = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->figures))) != NULL)
    gtk_box_remove (self->figures, child);
  g_ptr_array_set_size (self->views, 0);
  if (store == NULL || st == NULL || st->n_stored == 0)
    return;
  catalog = oc_figure_catalog_new (store, st->id, &error);
  for (guint i = 0; i < scene->n_figures; i++)
    {
      const OcTourFigure *f = &scene->figures[i];
      g_auto (GStrv) params = figure_params (f, st->also_id);
      g_autoptr (GError) why = NULL;
      OcPlotFigure *figure = catalog ? oc_figure_catalog_build (catalog, f->name,
                                                                (const char *const *) params,
                                                                &why)
                                     : NULL;
      GtkWidget *view = oc_figure_view_new ();
      GtkWidget *caption = gtk_label_new (f->caption ? _(f->caption) : NULL);

      gtk_widget_set_size_request (view, -1, 380);
      oc_figure_view_set_name (OC_FIGURE_VIEW (view), f->name);
      oc_figure_view_set_placeholder (OC_FIGURE_VIEW (view),
                                      why ? why->message : error ? error->message : NULL);
      oc_figure_view_set_figure (OC_FIGURE_VIEW (view), figure);
      oc_figure_view_set_reference (OC_FIGURE_VIEW (view), st->id, f->name,
                                    (const char *const *) params);
      gtk_widget_add_css_class (view, "card");
      gtk_box_append (self->figures, view);
      gtk_label_set_wrap (GTK_LABEL (caption), TRUE);
      gtk_widget_add_css_class (caption, "caption");
      gtk_box_append (self->figures, caption);
      g_ptr_array_add (self->views, view);
    }
}

static void
show_scene (OcTourPage *self)
{
  int i = selected_scene (self);
  const OcTourScene *scene;
  SceneState *st;
  g_autoptr (GString) status = g_string_new (NULL);
  g_autofree char *full_time = NULL, *quick_time = NULL;
  g_autofree char *live = NULL, *quick = NULL;
  GtkWidget *page;
  gboolean runnable;

  if (i < 0 || (guint) i >= self->n_scenes)
    return;
  scene = &self->scenes[i];
  ensure_state (self, (guint) i);
  st = &self->states[i];
  page = page_for (self, scene);
  gtk_label_set_text (self->title_label, _(scene->title));
  gtk_label_set_text (self->narration_label, _(scene->narration));
  full_time = oc_format_duration (st->full.seconds);
  quick_time = oc_format_duration (st->quick.seconds);

  if (!st->full.available)
    g_string_printf (status, _("Skipped: %s"), st->full.why_not ? st->full.why_not : "");
  else if (all_stored (&st->full))
    g_string_printf (status, _("The full experiment is in the store."));
  else if (all_stored (&st->quick))
    g_string_printf (status, _("The quick variant is in the store (%s). The full experiment "
                               "would take about %s."), _(scene->quick_note), full_time);
  else
    g_string_printf (status, _("Not in the store yet. Running it live takes about %s; the quick "
                               "variant (%s) about %s."), full_time, _(scene->quick_note),
                     quick_time);
  if (st->full.available && page == NULL)
    g_string_append_printf (status, _(" No page of the window runs “%s” experiments yet: "
                                      "prepare the scene with occam-cli tour --prepare %s."),
                            scene->run.kind, scene->id);
  else if (st->full.available && scene->also.kind != NULL && !all_stored (&st->full))
    g_string_append_printf (status, _(" Its second experiment is computed by occam-cli tour "
                                      "--prepare %s."), scene->id);
  gtk_label_set_text (self->status_label, status->str);

  runnable = st->full.available && page != NULL;
  live = all_stored (&st->full) ? g_strdup (_("Full Experiment Stored"))
                                : g_strdup_printf (_("Run _Live (about %s)"), full_time);
  quick = all_stored (&st->quick) ? g_strdup (_("Quick Variant Stored"))
                                  : g_strdup_printf (_("Run _Quick Variant (about %s)"),
                                                     quick_time);
  gtk_button_set_label (self->live_button, live);
  gtk_button_set_label (self->quick_button, quick);
  gtk_widget_set_sensitive (GTK_WIDGET (self->live_button), runnable && !all_stored (&st->full));
  gtk_widget_set_sensitive (GTK_WIDGET (self->quick_button),
                            runnable && !all_stored (&st->quick));
  /* The full results when the store has them, else the quick variant's, else what has
   * finished. */
  show_figures (self, scene,
                all_stored (&st->full) ? &st->full
                : st->quick.n_stored > 0 ? &st->quick
                : st->full.available ? &st->full : NULL);
}

/* "Run Live" / "Run Quick Variant": the scene's spec on the page of its kind, started there as
 * the page's own Run would. */
static void
run_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  OcTourPage *self = OC_TOUR_PAGE (widget);
  int i = selected_scene (self);
  gboolean quick = g_variant_get_boolean (parameter);
  g_autoptr (OcSpec) spec = NULL;
  g_autoptr (GError) error = NULL;
  GtkWidget *page;

  if (i < 0)
    return;
  page = page_for (self, &self->scenes[i]);
  spec = oc_tour_scene_spec (&self->scenes[i], quick, &error);
  if (spec == NULL || page == NULL)
    {
      oc_window_toast (widget, spec == NULL ? error->message
                                            : _("No page of the window runs this scene"));
      return;
    }
  oc_workspace_open_spec (self->workspace, spec);
  oc_page_start (OC_PAGE (page));
}

static void
on_run_stored (OcTourPage *self)
{
  for (guint i = 0; i < self->n_scenes; i++)
    self->states[i].known = FALSE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    show_scene (self);
}

/* ---- OcPage ---- */

static void
tour_attach (OcPage *page, OcWorkspace *workspace)
{
  OcTourPage *self = OC_TOUR_PAGE (page);

  self->workspace = g_object_ref (workspace);
  g_signal_connect_object (workspace, "run-stored", G_CALLBACK (on_run_stored), self,
                           G_CONNECT_SWAPPED);
}

static GPtrArray *
tour_get_figure_views (OcPage *page)
{
  OcTourPage *self = OC_TOUR_PAGE (page);
  GPtrArray *views = g_ptr_array_new ();

  for (guint i = 0; i < self->views->len; i++)
    if (oc_figure_view_get_figure (self->views->pdata[i]) != NULL)
      g_ptr_array_add (views, self->views->pdata[i]);
  return views;
}

static void
oc_tour_page_page_init (OcPageInterface *iface)
{
  iface->attach = tour_attach;
  iface->get_figure_views = tour_get_figure_views;
}

/* ---- Public ---- */

guint
oc_tour_page_get_n_scenes (OcTourPage *self)
{
  g_return_val_if_fail (OC_IS_TOUR_PAGE (self), 0);
  return self->n_scenes;
}

void
oc_tour_page_show_scene (OcTourPage *self, guint index)
{
  g_return_if_fail (OC_IS_TOUR_PAGE (self));
  g_return_if_fail (index < self->n_scenes);
  if (selected_scene (self) == (int) index)
    show_scene (self);
  else
    gtk_list_box_select_row (self->scenes_list,
                             gtk_list_box_get_row_at_index (self->scenes_list, (int) index));
}

GPtrArray *
oc_tour_page_get_views (OcTourPage *self)
{
  g_return_val_if_fail (OC_IS_TOUR_PAGE (self), NULL);
  return self->views;
}

const char *
oc_tour_page_get_status (OcTourPage *self)
{
  g_return_val_if_fail (OC_IS_TOUR_PAGE (self), NULL);
  return gtk_label_get_text (self->status_label);
}

/* ---- GObject ---- */

static void on_map (OcTourPage *self);

static void
measure_in_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  oc_tour_measure_rate ();
  g_task_return_boolean (task, TRUE);
}

static void
on_rate_measured (GObject *source, GAsyncResult *result, gpointer data)
{
  OcTourPage *self = OC_TOUR_PAGE (source);

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    on_map (self);
}

static void
on_map (OcTourPage *self)
{
  /* Estimates measure the machine once (a second or so of training, on a worker thread: the
   * window keeps drawing) and read the store: only when the tour is looked at. */
  if (!oc_tour_rate_known ())
    {
      g_autoptr (GTask) task = NULL;

      if (self->measuring)
        return;
      self->measuring = TRUE;
      gtk_label_set_text (self->status_label, _("Measuring this machine’s speed for the time "
                                                "estimates…"));
      task = g_task_new (self, NULL, on_rate_measured, NULL);
      g_task_run_in_thread (task, measure_in_thread);
      return;
    }
  if (selected_scene (self) < 0 && self->n_scenes > 0)
    oc_tour_page_show_scene (self, 0);
  else
    show_scene (self);
}

static void
oc_tour_page_dispose (GObject *object)
{
  OcTourPage *self = OC_TOUR_PAGE (object);

  /* Emptying the list selects nothing: not a scene to show. */
  if (self->scenes_list != NULL)
    g_signal_handlers_disconnect_by_data (self->scenes_list, self);
  gtk_widget_dispose_template (GTK_WIDGET (object), OC_TYPE_TOUR_PAGE);
  G_OBJECT_CLASS (oc_tour_page_parent_class)->dispose (object);
}

static void
oc_tour_page_finalize (GObject *object)
{
  OcTourPage *self = OC_TOUR_PAGE (object);

  for (guint i = 0; i < self->n_scenes; i++)
    {
      oc_tour_status_clear (&self->states[i].full);
      oc_tour_status_clear (&self->states[i].quick);
    }
  g_free (self->states);
  g_clear_pointer (&self->views, g_ptr_array_unref);
  g_clear_object (&self->workspace);

  G_OBJECT_CLASS (oc_tour_page_parent_class)->finalize (object);
}

static void
oc_tour_page_class_init (OcTourPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = oc_tour_page_dispose;
  object_class->finalize = oc_tour_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/occamlab/Occam/ui/oc-tour-page.ui");
  gtk_widget_class_bind_template_child_full (widget_class, "scenes", FALSE,
                                             G_STRUCT_OFFSET (OcTourPage, scenes_list));
  gtk_widget_class_bind_template_child (widget_class, OcTourPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, OcTourPage, narration_label);
  gtk_widget_class_bind_template_child (widget_class, OcTourPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, OcTourPage, live_button);
  gtk_widget_class_bind_template_child (widget_class, OcTourPage, quick_button);
  gtk_widget_class_bind_template_child (widget_class, OcTourPage, figures);
  gtk_widget_class_install_action (widget_class, "tour.run", "b", run_action);
}

static void
oc_tour_page_init (OcTourPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->views = g_ptr_array_new ();
  self->scenes = oc_tour_scenes (&self->n_scenes);
  self->states = g_new0 (SceneState, self->n_scenes);
  for (guint i = 0; i < self->n_scenes; i++)
    {
      g_autofree char *text = g_strdup_printf ("%u. %s", i + 1, _(self->scenes[i].title));
      GtkWidget *label = gtk_label_new (text);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_list_box_append (self->scenes_list, label);
    }
  g_signal_connect_swapped (self->scenes_list, "row-selected", G_CALLBACK (show_scene), self);
  g_signal_connect_swapped (self, "map", G_CALLBACK (on_map), self);
}
