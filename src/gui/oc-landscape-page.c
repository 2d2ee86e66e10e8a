/* oc-landscape-page.c — see oc-landscape-page.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An OcExperimentPage: the settings column gives a landscape spec; the page shows what the store
 * holds for it (the trained network, the line, the plane) and the base runs the rest, each part a
 * point with its progress. Every figure is a builder of the figures library drawn from the
 * results, as occam-cli plot draws it. The replay moves the ball by rebuilding the replay frame
 * on the replay view's frame clock, at most REPLAY_FPS times a second; a frame is one small
 * figure (a 41×41 raster, its level curves and the curve beside it), a few milliseconds.
 */
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "occam/oc-error.h"
#include "occam-figures/oc-landscape-figures.h"
#include "oc-landscape-page.h"
#include "oc-run-spec.h"
#include "oc-window.h"

/* The whole trajectory plays in this many seconds, drawn this many times a second. */
#define REPLAY_SECONDS 8.0
#define REPLAY_FPS     30
/* Stored runs the menus list, newest first. */
#define MAX_LISTED     60

struct _OcLandscapePage
{
  OcExperimentPage     parent_instance;

  OcLandscapeResults  *results;
  guint                n_received;
  char                *summary;

  /* The replay. */
  double               t;
  gboolean             playing;
  guint                tick_id;
  gint64               last_tick, last_draw; /* frame-clock µs; 0: not yet */
  guint                n_frames;
  gboolean             filling;

  /* The comparison: the stored landscapes the menus list, and the two loaded. */
  GPtrArray           *compare_ids;
  OcLandscapeResults  *compared[2];
  gboolean             compare_stale; /* the menus changed while the tab was hidden */

  OcLandscapeSettings *settings_pane;
  OcRunBar            *run_bar;
  GtkStack            *tabs;
  GtkDropDown         *field_dropdown, *compare_a, *compare_b;
  GtkLabel            *field_label, *replay_label;
  GtkButton           *play_button;
  GtkScale            *replay_scale;
  GtkAdjustment       *replay_adjustment;
  OcFigureView        *slice_view, *profile_view, *replay_view, *compare_view;
};

G_DEFINE_FINAL_TYPE (OcLandscapePage, oc_landscape_page, OC_TYPE_EXPERIMENT_PAGE)

static OcLandscapeField
selected_field (OcLandscapePage *self)
{
  guint f = gtk_drop_down_get_selected (self->field_dropdown);

  return f < OC_LANDSCAPE_N_FIELDS ? (OcLandscapeField) f : OC_LANDSCAPE_TRAIN_LOSS;
}

static gboolean
has_trajectory (OcLandscapePage *self)
{
  return self->results != NULL && oc_landscape_results_has_trajectory (self->results);
}

/* ---- The replay ---- */

static double
last_position (OcLandscapePage *self)
{
  return has_trajectory (self) ? self->results->n_trajectory - 1.0 : 0.0;
}

static void
update_replay_label (OcLandscapePage *self)
{
  double alpha, beta, loss, iteration;
  g_autofree char *text = NULL;

  if (!has_trajectory (self)
      || !oc_landscape_replay_position (self->results, self->t, &alpha, &beta, &loss,
                                        &iteration))
    {
      gtk_label_set_text (self->replay_label, "");
      return;
    }
  text = g_strdup_printf (_("iteration %.0f of %d · loss %.3f"), iteration,
                          self->results->trajectory_iteration[self->results->n_trajectory - 1],
                          loss);
  gtk_label_set_text (self->replay_label, text);
}

static void
draw_replay (OcLandscapePage *self)
{
  update_replay_label (self);
  if (!has_trajectory (self))
    {
      oc_figure_view_set_figure (self->replay_view, NULL);
      return;
    }
  oc_figure_view_set_figure (self->replay_view,
                             oc_landscape_replay_figure_new (self->results, self->t));
  {
    g_autofree char *at = g_strdup_printf ("at=%g", self->t);
    const char *params[] = { at, NULL };

    oc_figure_view_set_reference (self->replay_view,
                                  oc_experiment_page_get_experiment_id (OC_EXPERIMENT_PAGE (self)),
                                  "replay", params);
  }
  self->n_frames++;
}

static void
update_play_button (OcLandscapePage *self)
{
  gtk_button_set_icon_name (self->play_button, self->playing ? "media-playback-pause-symbolic"
                                                             : "media-playback-start-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->play_button),
                               self->playing ? _("Pause") : _("Play the descent"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->play_button), has_trajectory (self));
  gtk_widget_set_sensitive (GTK_WIDGET (self->replay_scale), has_trajectory (self));
}

static void
set_position (OcLandscapePage *self, double t)
{
  self->t = CLAMP (t, 0.0, last_position (self));
  self->filling = TRUE;
  gtk_adjustment_set_value (self->replay_adjustment, self->t);
  self->filling = FALSE;
}

static gboolean
on_replay_tick (GtkWidget *widget, GdkFrameClock *clock, gpointer user_data)
{
  OcLandscapePage *self = user_data;
  gint64 now = gdk_frame_clock_get_frame_time (clock);
  double end = last_position (self), dt;

  if (!self->playing || !has_trajectory (self))
    {
      self->tick_id = 0;
      return G_SOURCE_REMOVE;
    }
  if (self->last_tick == 0)
    self->last_tick = now;
  /* A stalled frame clock (a hidden window) resumes where it was, not with a jump. */
  dt = MIN ((now - self->last_tick) / 1e6, 0.1);
  self->last_tick = now;
  set_position (self, self->t + dt * end / REPLAY_SECONDS);
  if (self->t >= end)
    {
      draw_replay (self);
      oc_landscape_page_set_playing (self, FALSE);
      return G_SOURCE_REMOVE;
    }
  if (now - self->last_draw >= G_USEC_PER_SEC / REPLAY_FPS)
    {
      self->last_draw = now;
      draw_replay (self);
    }
  return G_SOURCE_CONTINUE;
}

static void
on_play_clicked (OcLandscapePage *self)
{
  oc_landscape_page_set_playing (self, !self->playing);
}

static void
on_scrub (OcLandscapePage *self)
{
  if (self->filling)
    return;
  self->t = gtk_adjustment_get_value (self->replay_adjustment);
  draw_replay (self);
}

/* ---- Figures ---- */

static void
update_placeholders (OcLandscapePage *self)
{
  const char *why = NULL;
  const OcSpec *spec = oc_spec_settings_get_spec (OC_SPEC_SETTINGS (self->settings_pane));
  OcLandscapeConfig cfg = { 0 };
  gboolean plane = TRUE, line = TRUE, pca = TRUE;

  if (spec == NULL)
    why = _("Fix the settings on the left to see this landscape.");
  else if (oc_landscape_config_from_spec (spec, &cfg, NULL))
    {
      plane = cfg.plane != OC_LANDSCAPE_PLANE_NONE;
      pca = cfg.plane == OC_LANDSCAPE_PLANE_PCA;
      line = cfg.line.kind != OC_LANDSCAPE_LINE_NONE;
      oc_landscape_config_clear (&cfg);
    }
  oc_figure_view_set_placeholder (self->slice_view,
                                  why       ? why
                                  : !plane  ? _("This landscape has no plane: choose Random or "
                                                "PCA under Plane.")
                                            : _("Press Run: the network trains, then the loss "
                                                "over a plane through its trained weights "
                                                "appears here, the training path drawn on it."));
  oc_figure_view_set_placeholder (self->profile_view,
                                  why      ? ""
                                  : !line  ? _("This landscape has no line: choose one under "
                                               "Line.")
                                           : _("The loss along the straight line from the "
                                               "initial to the trained weights appears here, "
                                               "beyond both ends."));
  oc_figure_view_set_placeholder (self->replay_view,
                                  why     ? why
                                  : !pca  ? _("The replay follows the training path, which "
                                              "only the PCA plane holds: choose “PCA of the "
                                              "path” under Plane and press Run.")
                                          : _("Press Run: once the plane is computed, press "
                                              "Play to watch gradient descent roll downhill."));
  oc_figure_view_set_placeholder (self->compare_view,
                                  _("Choose two stored landscapes with a plane above — for "
                                    "instance, run the Narrow and the Wide protocols, a "
                                    "784-8-10 and a 784-1024-10 network on one random plane — "
                                    "to see them side by side on one colour scale."));
}

static void
refresh_replay (OcLandscapePage *self)
{
  self->filling = TRUE;
  gtk_adjustment_set_upper (self->replay_adjustment, MAX (last_position (self), 1e-9));
  self->filling = FALSE;
  set_position (self, self->t);
  update_play_button (self);
  draw_replay (self);
}

static void
refresh_figures (OcLandscapePage *self)
{
  OcLandscapeResults *r = self->results;

  update_placeholders (self);
  oc_figure_view_set_figure (self->slice_view,
                             r != NULL && oc_landscape_results_has_plane (r)
                               ? oc_landscape_slice_figure_new (r, selected_field (self), NAN)
                               : NULL);
  oc_figure_view_set_figure (self->profile_view,
                             r != NULL && oc_landscape_results_has_line (r)
                               ? oc_landscape_profile_figure_new (r)
                               : NULL);
  {
    const char *id = oc_experiment_page_get_experiment_id (OC_EXPERIMENT_PAGE (self));
    g_autofree char *field = g_strdup_printf ("field=%s",
                                              oc_landscape_field_name (selected_field (self)));
    const char *params[] = { field, NULL };

    oc_figure_view_set_reference (self->slice_view, id, "slice", params);
    oc_figure_view_set_reference (self->profile_view, id, "profile", NULL);
  }
  refresh_replay (self);
}

static void
refresh_compare (OcLandscapePage *self)
{
  OcPlotFigure *figure = NULL;

  if (self->compared[0] != NULL && self->compared[1] != NULL)
    figure = oc_landscape_compare_figure_new (self->compared[0], self->compared[1],
                                              selected_field (self));
  oc_figure_view_set_figure (self->compare_view, figure);
}

static void
on_field_changed (OcLandscapePage *self)
{
  refresh_figures (self);
  refresh_compare (self);
}

/* ---- The stored runs: the Network row's and the comparison's ---- */

static OcLandscapeResults *
load_stored (OcStore *store, const char *id, GError **error)
{
  g_autoptr (OcStoreExperiment) e = oc_store_find_experiment (store, id, error);
  g_autoptr (OcSpec) spec = NULL;
  g_autoptr (OcLandscapeResults) r = NULL;

  if (e == NULL)
    return NULL;
  spec = oc_spec_new_from_json (e->spec, -1, NULL, error);
  if (spec == NULL)
    return NULL;
  r = oc_landscape_results_new (spec, e->id);
  if (!oc_landscape_results_load (r, store, error))
    return NULL;
  return g_steal_pointer (&r);
}

static void
on_compare_changed (OcLandscapePage *self)
{
  GtkDropDown *menus[2] = { self->compare_a, self->compare_b };
  OcStore *store = oc_experiment_page_get_store (OC_EXPERIMENT_PAGE (self));

  if (self->filling)
    return;
  /* Loaded when shown: a landscape's arrays are megabytes, the window starts without them. */
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->tabs), "compare") != 0)
    {
      g_clear_pointer (&self->compared[0], oc_landscape_results_free);
      g_clear_pointer (&self->compared[1], oc_landscape_results_free);
      self->compare_stale = TRUE;
      return;
    }
  self->compare_stale = FALSE;
  for (int i = 0; i < 2; i++)
    {
      guint k = gtk_drop_down_get_selected (menus[i]);
      g_autoptr (GError) error = NULL;

      g_clear_pointer (&self->compared[i], oc_landscape_results_free);
      if (store == NULL || self->compare_ids == NULL || k >= self->compare_ids->len)
        continue;
      self->compared[i] = load_stored (store, self->compare_ids->pdata[k], &error);
      if (self->compared[i] == NULL)
        oc_window_toast (GTK_WIDGET (self), error->message);
    }
  refresh_compare (self);
}

static guint
compare_index (OcLandscapePage *self, const char *id)
{
  for (guint i = 0; id != NULL && self->compare_ids != NULL && i < self->compare_ids->len; i++)
    if (strcmp (self->compare_ids->pdata[i], id) == 0)
      return i;
  return GTK_INVALID_LIST_POSITION;
}

/* The stored experiment ID of preset @name, or NULL. */
static char *
preset_id (const char *name)
{
  g_autoptr (OcSpec) spec = oc_spec_new_from_preset ("landscape", name, NULL);

  return spec != NULL ? oc_spec_id (spec) : NULL;
}

/* "93b80120 · Fashion-MNIST · 784-64-10 · PCA plane": short enough for a menu half a page wide. */
static char *
compare_label (const OcStoreExperiment *e)
{
  g_autoptr (OcSpec) spec = oc_spec_new_from_json (e->spec, -1, NULL, NULL);
  const OcTrainConfig *t = spec != NULL ? oc_spec_get_train_config (spec) : NULL;
  OcLandscapeConfig cfg = { 0 };
  g_autoptr (GString) s = g_string_new (NULL);

  g_string_append_printf (s, "%.8s · %s", e->id, e->dataset != NULL ? e->dataset : "?");
  if (t != NULL)
    {
      g_string_append (s, _(" · hidden "));
      for (guint i = 0; i < t->n_hidden; i++)
        g_string_append_printf (s, "%s%u", i > 0 ? "-" : "", t->hidden[i]);
    }
  if (spec != NULL && oc_landscape_config_from_spec (spec, &cfg, NULL))
    {
      g_string_append (s, cfg.plane == OC_LANDSCAPE_PLANE_PCA      ? _(" · PCA plane")
                          : cfg.plane == OC_LANDSCAPE_PLANE_RANDOM ? _(" · random plane")
                                                                   : _(" · no plane"));
      oc_landscape_config_clear (&cfg);
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static void
refresh_stored (OcLandscapePage *self)
{
  OcStore *store = oc_experiment_page_get_store (OC_EXPERIMENT_PAGE (self));
  g_autoptr (GPtrArray) all = NULL;
  g_autoptr (GPtrArray) sources = g_ptr_array_new ();
  g_autoptr (GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr (GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  const char *was[2] = { NULL, NULL };
  GtkDropDown *menus[2] = { self->compare_a, self->compare_b };
  g_autofree char *narrow = preset_id ("narrow"), *wide = preset_id ("wide");

  if (store != NULL)
    all = oc_store_list_experiments (store, NULL);
  for (guint i = 0; all != NULL && i < all->len; i++)
    {
      const OcStoreExperiment *e = all->pdata[i];
      gboolean landscape = g_strcmp0 (e->kind, "landscape") == 0;

      if (e->n_finished == 0 || (!landscape && g_strcmp0 (e->kind, "train") != 0))
        continue;
      if (sources->len < MAX_LISTED)
        g_ptr_array_add (sources, (gpointer) e);
      if (landscape && ids->len < MAX_LISTED)
        {
          g_autofree char *label = compare_label (e);

          gtk_string_list_append (labels, label);
          g_ptr_array_add (ids, g_strdup (e->id));
        }
    }
  oc_landscape_settings_set_sources (self->settings_pane, sources);

  for (int i = 0; i < 2; i++)
    {
      guint k = gtk_drop_down_get_selected (menus[i]);

      if (self->compare_ids != NULL && k < self->compare_ids->len)
        was[i] = self->compare_ids->pdata[k];
    }
  /* Kept across the refill: the IDs the menus showed. */
  {
    g_autofree char *a = g_strdup (was[0]), *b = g_strdup (was[1]);
    guint pick[2];

    g_clear_pointer (&self->compare_ids, g_ptr_array_unref);
    self->compare_ids = g_steal_pointer (&ids);
    pick[0] = compare_index (self, a != NULL ? a : narrow);
    pick[1] = compare_index (self, b != NULL ? b : wide);
    if (pick[0] == GTK_INVALID_LIST_POSITION && self->compare_ids->len > 0)
      pick[0] = pick[1] == 0 && self->compare_ids->len > 1 ? 1 : 0;
    if (pick[1] == GTK_INVALID_LIST_POSITION && self->compare_ids->len > 1)
      pick[1] = pick[0] == 0 ? 1 : 0;
    self->filling = TRUE;
    for (int i = 0; i < 2; i++)
      {
        gtk_drop_down_set_model (menus[i], G_LIST_MODEL (labels));
        gtk_drop_down_set_selected (menus[i], pick[i]);
      }
    self->filling = FALSE;
  }
  on_compare_changed (self);
}

/* A page stored a run (this one's too, as it ends): the menus list it. */
static void
refresh_stored_page (OcExperimentPage *page)
{
  refresh_stored (OC_LANDSCAPE_PAGE (page));
}

static void
on_run_stored (OcLandscapePage *self, const char *id)
{
  oc_experiment_page_refresh_when_shown (OC_EXPERIMENT_PAGE (self), refresh_stored_page);
}

/* ---- What the store holds, and what a run adds ---- */

static void
update_summary (OcLandscapePage *self)
{
  OcLandscapeResults *r = self->results;
  g_autoptr (GString) s = g_string_new (NULL);

  if (r == NULL)
    {
      const char *error = oc_spec_settings_get_error (OC_SPEC_SETTINGS (self->settings_pane));

      g_string_append (s, error ? error : "");
    }
  else
    {
      g_autofree char *title = oc_landscape_results_title (r);

      g_string_append_printf (s, _("Experiment %.8s · %s"), r->id, title);
      if (r->training != NULL && r->training->status == OC_STATUS_FINISHED)
        g_string_append_printf (s, _(" · trained: test error %.2f %%"),
                                100 * r->training->final.test_error);
      if (oc_landscape_results_has_plane (r))
        {
          const float *loss = r->plane[OC_LANDSCAPE_TRAIN_LOSS];
          guint n = r->nx * r->ny, lo = 0;

          for (guint i = 1; i < n; i++)
            if (loss[i] < loss[lo])
              lo = i;
          g_string_append_printf (s, _("\n%u×%u slice on %u examples: training loss %.4g at "
                                    "θ_T, lowest %.4g at (α, β) = (%.3g, %.3g)"), r->nx, r->ny,
                                  r->n_train, loss[(r->ny / 2) * r->nx + r->nx / 2], loss[lo],
                                  r->plane_alpha[lo % r->nx], r->plane_beta[lo / r->nx]);
        }
    }
  g_free (self->summary);
  self->summary = g_string_free (g_steal_pointer (&s), FALSE);
  oc_run_bar_set_summary (self->run_bar, self->summary);
}

static void
landscape_load (OcExperimentPage *page, const OcSpec *spec, OcStore *store)
{
  OcLandscapePage *self = OC_LANDSCAPE_PAGE (page);
  g_autoptr (GError) error = NULL;
  g_autofree char *id = spec != NULL ? oc_spec_id (spec) : NULL;

  oc_landscape_page_set_playing (self, FALSE);
  g_clear_pointer (&self->results, oc_landscape_results_free);
  if (spec != NULL)
    self->results = oc_landscape_results_new (spec, id);
  if (self->results != NULL && store != NULL
      && !oc_landscape_results_load (self->results, store, &error))
    oc_window_toast (GTK_WIDGET (self), error->message);
  refresh_figures (self);
  update_summary (self);
}

/* The evaluation runs on every BLAS thread but the window's. */
static void
landscape_prepare (OcExperimentPage *page, const OcRunPlan *plan, gboolean rerun, OcRunJob *job)
{
  OcLandscapePage *self = OC_LANDSCAPE_PAGE (page);

  self->n_received = 0;
  oc_run_job_set_threads (job, oc_run_spec_blas_threads (oc_experiment_page_get_settings (page)));
}

static void
landscape_updates (OcExperimentPage *page, GPtrArray *items)
{
  OcLandscapePage *self = OC_LANDSCAPE_PAGE (page);
  gboolean dirty = FALSE;

  for (guint i = 0; i < items->len && self->results != NULL; i++)
    {
      OcRunUpdate *u = g_ptr_array_index (items, i);
      g_autoptr (GError) error = NULL;

      if (u->kind != OC_RUN_EVENT_POINT)
        continue;
      if (!oc_landscape_results_add_point (self->results, u->point, u->artifacts, &error))
        {
          g_warning ("Landscape page: %s", error->message);
          continue;
        }
      self->n_received++;
      dirty = TRUE;
    }
  if (dirty)
    {
      refresh_figures (self);
      update_summary (self);
    }
}

static void
landscape_attached (OcExperimentPage *page, OcWorkspace *workspace)
{
  OcLandscapePage *self = OC_LANDSCAPE_PAGE (page);

  oc_landscape_settings_set_store (self->settings_pane, oc_workspace_get_store (workspace));
  g_signal_connect_object (workspace, "run-stored", G_CALLBACK (on_run_stored), self,
                           G_CONNECT_SWAPPED);
  refresh_stored (self);
}

/* ---- OcPage ---- */

static gboolean
landscape_can_open (OcExperimentPage *page, const char *kind)
{
  return g_strcmp0 (kind, "landscape") == 0;
}

static GPtrArray *
landscape_get_figure_views (OcExperimentPage *page)
{
  OcLandscapePage *self = OC_LANDSCAPE_PAGE (page);
  const char *tab = gtk_stack_get_visible_child_name (self->tabs);

  if (g_strcmp0 (tab, "replay") == 0)
    return oc_page_views_new (self->replay_view, NULL);
  if (g_strcmp0 (tab, "compare") == 0)
    return oc_page_views_new (self->compare_view, NULL);
  return oc_page_views_new (self->slice_view, self->profile_view, NULL);
}

/* ---- GObject ---- */

static void
oc_landscape_page_dispose (GObject *object)
{
  OcLandscapePage *self = OC_LANDSCAPE_PAGE (object);

  if (self->tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->replay_view), self->tick_id);
  self->tick_id = 0;
  self->playing = FALSE;
  gtk_widget_dispose_template (GTK_WIDGET (self), OC_TYPE_LANDSCAPE_PAGE);

  G_OBJECT_CLASS (oc_landscape_page_parent_class)->dispose (object);
}

static void
oc_landscape_page_finalize (GObject *object)
{
  OcLandscapePage *self = OC_LANDSCAPE_PAGE (object);

  g_clear_pointer (&self->results, oc_landscape_results_free);
  g_clear_pointer (&self->compared[0], oc_landscape_results_free);
  g_clear_pointer (&self->compared[1], oc_landscape_results_free);
  g_clear_pointer (&self->compare_ids, g_ptr_array_unref);
  g_free (self->summary);

  G_OBJECT_CLASS (oc_landscape_page_parent_class)->finalize (object);
}

static void
oc_landscape_page_class_init (OcLandscapePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  OcExperimentPageClass *page_class = OC_EXPERIMENT_PAGE_CLASS (klass);

  object_class->dispose = oc_landscape_page_dispose;
  object_class->finalize = oc_landscape_page_finalize;

  page_class->what = N_("Landscape");
  page_class->point = N_("part");
  page_class->points = N_("parts");
  page_class->attached = landscape_attached;
  page_class->load = landscape_load;
  page_class->prepare = landscape_prepare;
  page_class->updates = landscape_updates;
  page_class->can_open = landscape_can_open;
  page_class->get_figure_views = landscape_get_figure_views;

  g_type_ensure (OC_TYPE_FIGURE_VIEW);
  g_type_ensure (OC_TYPE_LANDSCAPE_SETTINGS);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/occamlab/Occam/ui/"
                                               "oc-landscape-page.ui");
#define CHILD(name) gtk_widget_class_bind_template_child (widget_class, OcLandscapePage, name)
  CHILD (settings_pane);
  CHILD (run_bar);
  CHILD (tabs);
  CHILD (field_dropdown);
  CHILD (field_label);
  CHILD (compare_a);
  CHILD (compare_b);
  CHILD (replay_label);
  CHILD (play_button);
  CHILD (replay_scale);
  CHILD (replay_adjustment);
  CHILD (slice_view);
  CHILD (profile_view);
  CHILD (replay_view);
  CHILD (compare_view);
#undef CHILD
}

static void
on_tab_changed (OcLandscapePage *self)
{
  const char *tab = gtk_stack_get_visible_child_name (self->tabs);
  gboolean colours = g_strcmp0 (tab, "replay") != 0;

  /* The replay's colours are the training loss: its frames follow the trajectory's loss. */
  gtk_widget_set_visible (GTK_WIDGET (self->field_dropdown), colours);
  gtk_widget_set_visible (GTK_WIDGET (self->field_label), colours);
  if (g_strcmp0 (tab, "compare") == 0 && self->compare_stale)
    on_compare_changed (self);
  if (!colours || !self->playing)
    return;
  oc_landscape_page_set_playing (self, FALSE);
}

static void
oc_landscape_page_init (OcLandscapePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_swapped (self->field_dropdown, "notify::selected",
                            G_CALLBACK (on_field_changed), self);
  g_signal_connect_swapped (self->compare_a, "notify::selected", G_CALLBACK (on_compare_changed),
                            self);
  g_signal_connect_swapped (self->compare_b, "notify::selected", G_CALLBACK (on_compare_changed),
                            self);
  g_signal_connect_swapped (self->play_button, "clicked", G_CALLBACK (on_play_clicked), self);
  g_signal_connect_swapped (self->replay_adjustment, "value-changed", G_CALLBACK (on_scrub),
                            self);
  g_signal_connect_swapped (self->tabs, "notify::visible-child-name",
                            G_CALLBACK (on_tab_changed), self);
  oc_experiment_page_set_settings_pane (OC_EXPERIMENT_PAGE (self),
                                        GTK_WIDGET (self->settings_pane));
  oc_experiment_page_set_run_bar (OC_EXPERIMENT_PAGE (self), self->run_bar);
  update_placeholders (self);
  update_play_button (self);
}

/* ---- Public ---- */

OcLandscapeSettings *
oc_landscape_page_get_settings_pane (OcLandscapePage *self)
{
  return self->settings_pane;
}

OcLandscapeResults *
oc_landscape_page_get_results (OcLandscapePage *self)
{
  return self->results;
}

guint
oc_landscape_page_get_n_received (OcLandscapePage *self)
{
  return self->n_received;
}

void
oc_landscape_page_show_tab (OcLandscapePage *self, const char *name)
{
  gtk_stack_set_visible_child_name (self->tabs, name);
}

void
oc_landscape_page_set_playing (OcLandscapePage *self, gboolean playing)
{
  g_return_if_fail (OC_IS_LANDSCAPE_PAGE (self));

  playing = playing && has_trajectory (self);
  if (playing == self->playing)
    return;
  self->playing = playing;
  if (playing)
    {
      /* From the start again once the ball has arrived. */
      if (self->t >= last_position (self))
        set_position (self, 0);
      self->n_frames = 0;
      self->last_tick = self->last_draw = 0;
      if (self->tick_id == 0)
        self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self->replay_view),
                                                      on_replay_tick, self, NULL);
    }
  else if (self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self->replay_view), self->tick_id);
      self->tick_id = 0;
    }
  update_play_button (self);
}

gboolean
oc_landscape_page_get_playing (OcLandscapePage *self)
{
  return self->playing;
}

void
oc_landscape_page_set_position (OcLandscapePage *self, double t)
{
  g_return_if_fail (OC_IS_LANDSCAPE_PAGE (self));

  set_position (self, t);
  draw_replay (self);
}

double
oc_landscape_page_get_position (OcLandscapePage *self)
{
  return self->t;
}

guint
oc_landscape_page_get_n_frames (OcLandscapePage *self)
{
  return self->n_frames;
}

void
oc_landscape_page_compare (OcLandscapePage *self, const char *a, const char *b)
{
  GtkDropDown *menus[2] = { self->compare_a, self->compare_b };
  const char *ids[2] = { a, b };

  g_return_if_fail (OC_IS_LANDSCAPE_PAGE (self));

  refresh_stored (self);
  self->filling = TRUE;
  for (int i = 0; i < 2; i++)
    if (ids[i] != NULL && compare_index (self, ids[i]) != GTK_INVALID_LIST_POSITION)
      gtk_drop_down_set_selected (menus[i], compare_index (self, ids[i]));
  self->filling = FALSE;
  on_compare_changed (self);
}
