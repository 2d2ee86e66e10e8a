/* oc-sweep-page.c — see oc-sweep-page.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An OcExperimentPage: the settings column gives a sweep or rff spec; the page shows what the
 * store already holds for it (a finished sweep reappears as it was, a stopped one shows what it
 * kept) and the base runs the rest. Each batch of updates adds the finished points to the results
 * and rebuilds the figures from them, which costs well under a millisecond for a few hundred
 * points.
 */
#include <math.h>
#include <string.h>

#include "occam/oc-error.h"
#include "occam/oc-sweep-record.h"
#include "occam-figures/oc-sweep-figures.h"
#include "oc-run-spec.h"
#include "oc-sweep-page.h"
#include "oc-window.h"

/* Pixels from a point within which a click or hover finds it, and from its column. */
#define PICK_RADIUS 14
#define PICK_COLUMN 8

struct _OcSweepPage
{
  OcExperimentPage parent_instance;

  OcSweepResults  *results;
  OcSweepMode      mode;
  GArray          *groups;
  OcSweepPickMap   map;
  double           selected_key; /* swept value of the clicked group; NaN: none */

  OcSweepSettings *settings_pane;
  OcRunBar        *run_bar;
  GtkLabel        *point_label;
  OcFigureView    *main_view, *heatmap_view, *detail_view;
};

G_DEFINE_FINAL_TYPE (OcSweepPage, oc_sweep_page, OC_TYPE_EXPERIMENT_PAGE)

static OcSweepGrid *
grid (OcSweepPage *self)
{
  return self->results != NULL ? oc_sweep_results_get_grid (self->results) : NULL;
}

/* ---- Figures ---- */

static const OcSweepGroup *
selected_group (OcSweepPage *self)
{
  for (guint k = 0; self->groups != NULL && k < self->groups->len; k++)
    if (g_array_index (self->groups, OcSweepGroup, k).key == self->selected_key)
      return &g_array_index (self->groups, OcSweepGroup, k);
  return NULL;
}

static void
update_point_label (OcSweepPage *self)
{
  const OcSweepGroup *g = selected_group (self);
  g_autofree char *name = NULL;
  g_autofree char *range = NULL;
  g_autofree char *text = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->point_label), g != NULL && g->n > 0);
  if (g == NULL || g->n == 0)
    return;
  name = oc_sweep_group_name (self->mode, g, TRUE);
  range = g->n > 1 ? g_strdup_printf (" (%.3f–%.3f over seeds)", g->test_lo, g->test_hi)
                   : g_strdup ("");
  if (self->mode == OC_SWEEP_MODE_RFF)
    text = g_strdup_printf ("%s · %u seed%s: test error %.3f%s, train error %.3f, test squared "
                            "loss %.4g, ‖coef‖ %.3g, κ(Φ) %.3g", name, g->n, g->n == 1 ? "" : "s",
                            g->test_error, range, g->train_error, g->test_loss, g->coef_norm,
                            g->condition);
  else
    text = g_strdup_printf ("%s · %u seed%s: test error %.3f%s, train error %.3f, test loss "
                            "%.3f%s", name, g->n, g->n == 1 ? "" : "s", g->test_error, range,
                            g->train_error, g->test_loss,
                            g->n_stuck > 0 ? " · stuck near chance" : "");
  gtk_label_set_text (self->point_label, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->point_label), text);
}

static void
update_placeholders (OcSweepPage *self)
{
  OcSweepGrid *g = grid (self);
  gboolean rff = self->mode == OC_SWEEP_MODE_RFF;
  gboolean recorded = g != NULL && !g->rff && g->cfg.record_every_epochs > 0;
  const char *main_text;

  switch (self->mode)
    {
    case OC_SWEEP_MODE_RFF:
      main_text = "Each number of features appears here as its fit finishes: test and train "
                  "error against N, test squared loss on the right axis, N = n marked.";
      break;
    case OC_SWEEP_MODE_SAMPLE:
      main_text = "Each training-set size appears here as its networks finish: test and train "
                  "error against n, test loss on the right axis.";
      break;
    case OC_SWEEP_MODE_NOISE:
      main_text = "Each noise level appears here as its networks finish.";
      break;
    case OC_SWEEP_MODE_MODEL:
    default:
      main_text = "Each width appears here as its networks finish: test and train error "
                  "against parameters, test loss on the right axis, n·K and “train error ≈ 0” "
                  "marked.";
      break;
    }
  if (oc_spec_settings_get_spec (OC_SPEC_SETTINGS (self->settings_pane)) == NULL)
    main_text = "Fix the settings on the left to see this sweep.";
  oc_figure_view_set_placeholder (self->main_view, main_text);
  /* What the export dialog offers, and the file name it suggests. */
  oc_figure_view_set_name (self->main_view, rff                                  ? "Random features"
                                            : self->mode == OC_SWEEP_MODE_NOISE ? "Label noise"
                                                                                : "Double descent");
  gtk_widget_set_visible (GTK_WIDGET (self->heatmap_view), !rff);
  {
    const char *by = self->mode == OC_SWEEP_MODE_SAMPLE  ? "training-set size"
                     : self->mode == OC_SWEEP_MODE_NOISE ? "label noise"
                                                         : "width";
    g_autofree char *name = g_strdup_printf ("Test error by %s and epoch", by);
    g_autofree char *text = recorded
                              ? g_strdup_printf ("%s fills in as points finish.", name)
                              : g_strdup_printf ("Set “Record every” to a number of epochs to see "
                                                 "test error by %s and epoch.", by);

    oc_figure_view_set_name (self->heatmap_view, name);
    /* An invalid sweep has nothing to explain here: the main figure says what to do. */
    oc_figure_view_set_placeholder (self->heatmap_view, g != NULL ? text : "");
  }
  oc_figure_view_set_name (self->detail_view, rff ? "Coefficient norm" : "Learning curve");
  oc_figure_view_set_placeholder (self->detail_view,
                                  g == NULL ? ""
                                  : rff     ? "The coefficient norm and κ(Φ) appear here."
                                            : "Click a point on the figure to see its learning "
                                              "curve here.");
}

static void
refresh_figures (OcSweepPage *self)
{
  const OcSweepGroup *sel;
  OcPlotFigure *main;

  g_clear_pointer (&self->groups, g_array_unref);
  oc_sweep_pick_map_clear (&self->map);
  update_placeholders (self);
  if (self->results == NULL || oc_sweep_results_get_n_finished (self->results) == 0)
    {
      oc_figure_view_set_figure (self->main_view, NULL);
      oc_figure_view_set_figure (self->heatmap_view, NULL);
      oc_figure_view_set_figure (self->detail_view, NULL);
      update_point_label (self);
      return;
    }
  self->groups = oc_sweep_results_groups (self->results, self->mode);
  /* The figures History and occam-cli plot --experiment draw too; the selection's label is the
   * page's own. */
  main = oc_sweep_main_figure_new (self->results, self->groups, self->mode, &self->map);
  sel = selected_group (self);
  if (sel != NULL && sel->n > 0)
    {
      g_autofree char *label = oc_sweep_group_name (self->mode, sel, FALSE);

      oc_plot_figure_add_annotation (main, sel->x, sel->test_error, label);
    }
  oc_figure_view_set_figure (self->main_view, main);
  if (self->mode == OC_SWEEP_MODE_RFF)
    {
      oc_figure_view_set_figure (self->heatmap_view, NULL);
      oc_figure_view_set_figure (self->detail_view,
                                 oc_rff_norm_figure_new (self->results, self->groups));
    }
  else
    {
      oc_figure_view_set_figure (self->heatmap_view,
                                 oc_sweep_heatmap_new (self->results, self->groups, self->mode));
      oc_figure_view_set_figure (self->detail_view,
                                 sel != NULL ? oc_sweep_curves_new (self->results, sel, self->mode)
                                             : NULL);
    }
  update_point_label (self);
}

/* ---- What the store holds, and what a run adds ---- */

static void
update_summary (OcSweepPage *self)
{
  OcSweepGrid *g = grid (self);
  g_autoptr (GString) s = g_string_new (NULL);
  guint stuck = 0, failed = 0;

  if (g == NULL)
    {
      oc_run_bar_set_summary (self->run_bar,
                              oc_spec_settings_get_error (OC_SPEC_SETTINGS (self->settings_pane)));
      return;
    }
  for (guint i = 0; i < oc_sweep_grid_get_n_points (g); i++)
    {
      const OcSweepEntry *e = oc_sweep_results_get (self->results, i);

      stuck += oc_sweep_results_is_stuck (self->results, i);
      failed += e != NULL && e->point->status != OC_STATUS_FINISHED;
    }
  g_string_append_printf (s, "Experiment %s · %u points", g->id, oc_sweep_grid_get_n_points (g));
  if (stuck > 0)
    g_string_append_printf (s, " · %u stuck near chance (purple diamonds)", stuck);
  if (failed > 0)
    g_string_append_printf (s, " · %u diverged", failed);
  oc_run_bar_set_summary (self->run_bar, s->str);
}

static void
sweep_load (OcExperimentPage *page, const OcSpec *spec, OcStore *store)
{
  OcSweepPage *self = OC_SWEEP_PAGE (page);
  g_autoptr (OcSweepGrid) g = NULL;
  g_autoptr (GError) error = NULL;

  g_clear_pointer (&self->results, oc_sweep_results_free);
  self->mode = oc_sweep_settings_get_mode (self->settings_pane);
  if (spec != NULL && (g = oc_sweep_grid_new (spec, &error)) != NULL)
    {
      self->results = oc_sweep_results_new (g);
      if (store != NULL && oc_sweep_results_load (self->results, store, &error) < 0)
        oc_window_toast (GTK_WIDGET (self), error->message);
    }
  refresh_figures (self);
  update_summary (self);
}

/* A random-features fit uses every BLAS thread but the window's; networks of a sweep plan their
 * own (many single-threaded points, oc_sweep_plan). */
static void
sweep_prepare (OcExperimentPage *page, const OcRunPlan *plan, gboolean rerun, OcRunJob *job)
{
  if (g_strcmp0 (oc_spec_get_kind (oc_run_plan_get_spec (plan)), "rff") == 0)
    oc_run_job_set_threads (job,
                            oc_run_spec_blas_threads (oc_experiment_page_get_settings (page)));
}

static void
sweep_updates (OcExperimentPage *page, GPtrArray *items)
{
  OcSweepPage *self = OC_SWEEP_PAGE (page);
  gboolean dirty = FALSE;

  for (guint i = 0; i < items->len && self->results != NULL; i++)
    {
      OcRunUpdate *u = g_ptr_array_index (items, i);
      OcSolutionNorms norms;
      int index;

      if (u->kind != OC_RUN_EVENT_POINT)
        continue;
      index = oc_sweep_grid_find_key (grid (self), u->point->key);
      g_return_if_fail (index >= 0);
      oc_solution_norms_from_artifacts (&norms, u->artifacts);
      oc_sweep_results_set (self->results, (guint) index, g_steal_pointer (&u->point),
                            oc_artifacts_get_scalar (u->artifacts, "coef_norm"),
                            oc_artifacts_get_scalar (u->artifacts, "condition"), &norms);
      dirty = TRUE;
    }
  if (dirty)
    {
      refresh_figures (self);
      update_summary (self);
    }
}

/* ---- OcPage ---- */

static gboolean
sweep_can_open (OcExperimentPage *page, const char *kind)
{
  return g_strcmp0 (kind, "sweep") == 0 || g_strcmp0 (kind, "rff") == 0;
}

/* History's Open: the sweep as stored; an unfinished one resumes right away. */
static void
sweep_open_spec (OcExperimentPage *page, const OcSpec *spec)
{
  OcSweepPage *self = OC_SWEEP_PAGE (page);

  OC_EXPERIMENT_PAGE_CLASS (oc_sweep_page_parent_class)->open_spec (page, spec);
  OC_EXPERIMENT_PAGE_CLASS (oc_sweep_page_parent_class)->flush (page);
  if (self->results != NULL
      && oc_sweep_results_get_n_finished (self->results)
           < oc_sweep_grid_get_n_points (grid (self)))
    oc_experiment_page_run (page);
}

static GPtrArray *
sweep_get_figure_views (OcExperimentPage *page)
{
  OcSweepPage *self = OC_SWEEP_PAGE (page);

  return oc_page_views_new (self->main_view, self->heatmap_view, self->detail_view, NULL);
}

/* ---- Clicks on the main figure ---- */

static int
pick_group (OcSweepPage *self, double x, double y)
{
  const OcPlotFigure *f = oc_figure_view_get_figure (self->main_view);
  g_autofree gboolean *pickable = NULL;
  OcPlotTheme theme;
  OcPlotPick pick;
  int w, h;

  if (f == NULL || self->map.series == NULL)
    return -1;
  oc_figure_view_screen_theme (GTK_WIDGET (self->main_view), &theme);
  pickable = oc_sweep_pick_map_pickable (&self->map);
  w = gtk_widget_get_width (GTK_WIDGET (self->main_view));
  h = gtk_widget_get_height (GTK_WIDGET (self->main_view));
  /* A point near the pointer; else the nearest one straight above or below it, so a click
   * anywhere in a width's column finds that width. */
  if (!oc_plot_figure_pick (f, w, h, &theme, x, y, PICK_RADIUS, pickable, &pick)
      && (!oc_plot_figure_pick (f, w, h, &theme, x, y, G_MAXDOUBLE, pickable, &pick)
          || fabs (pick.x - x) > PICK_COLUMN))
    return -1;
  return oc_sweep_pick_map_group (&self->map, pick.series, pick.index);
}

gboolean
oc_sweep_page_click_at (OcSweepPage *self, double x, double y)
{
  int g;

  g_return_val_if_fail (OC_IS_SWEEP_PAGE (self), FALSE);

  g = pick_group (self, x, y);
  if (g < 0 || self->groups == NULL || (guint) g >= self->groups->len)
    return FALSE;
  /* A second click on the selected point lets go of it (and of its label on the figure). */
  if (g_array_index (self->groups, OcSweepGroup, g).key == self->selected_key)
    self->selected_key = NAN;
  else
    self->selected_key = g_array_index (self->groups, OcSweepGroup, g).key;
  refresh_figures (self);
  return TRUE;
}

static void
on_click (GtkGestureClick *gesture, int n_press, double x, double y, OcSweepPage *self)
{
  oc_sweep_page_click_at (self, x, y);
}

static void
on_motion (GtkEventControllerMotion *motion, double x, double y, OcSweepPage *self)
{
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self->main_view),
                                   pick_group (self, x, y) >= 0 ? "pointer" : NULL);
}

/* ---- GObject ---- */

static void
oc_sweep_page_dispose (GObject *object)
{
  OcSweepPage *self = OC_SWEEP_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), OC_TYPE_SWEEP_PAGE);

  G_OBJECT_CLASS (oc_sweep_page_parent_class)->dispose (object);
}

static void
oc_sweep_page_finalize (GObject *object)
{
  OcSweepPage *self = OC_SWEEP_PAGE (object);

  g_clear_pointer (&self->results, oc_sweep_results_free);
  g_clear_pointer (&self->groups, g_array_unref);
  oc_sweep_pick_map_clear (&self->map);

  G_OBJECT_CLASS (oc_sweep_page_parent_class)->finalize (object);
}

static void
oc_sweep_page_class_init (OcSweepPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  OcExperimentPageClass *page_class = OC_EXPERIMENT_PAGE_CLASS (klass);

  object_class->dispose = oc_sweep_page_dispose;
  object_class->finalize = oc_sweep_page_finalize;

  page_class->what = "Sweep";
  page_class->load = sweep_load;
  page_class->prepare = sweep_prepare;
  page_class->updates = sweep_updates;
  page_class->can_open = sweep_can_open;
  page_class->open_spec = sweep_open_spec;
  page_class->get_figure_views = sweep_get_figure_views;

  g_type_ensure (OC_TYPE_FIGURE_VIEW);
  g_type_ensure (OC_TYPE_SWEEP_SETTINGS);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/occamlab/Occam/ui/oc-sweep-page.ui");
#define CHILD(name) gtk_widget_class_bind_template_child (widget_class, OcSweepPage, name)
  CHILD (settings_pane);
  CHILD (run_bar);
  CHILD (point_label);
  CHILD (main_view);
  CHILD (heatmap_view);
  CHILD (detail_view);
#undef CHILD
}

static void
oc_sweep_page_init (OcSweepPage *self)
{
  GtkGesture *click;
  GtkEventController *motion;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->selected_key = NAN;
  click = gtk_gesture_click_new ();
  g_signal_connect (click, "released", G_CALLBACK (on_click), self);
  gtk_widget_add_controller (GTK_WIDGET (self->main_view), GTK_EVENT_CONTROLLER (click));
  motion = gtk_event_controller_motion_new ();
  g_signal_connect (motion, "motion", G_CALLBACK (on_motion), self);
  gtk_widget_add_controller (GTK_WIDGET (self->main_view), motion);
  oc_experiment_page_set_settings_pane (OC_EXPERIMENT_PAGE (self),
                                        GTK_WIDGET (self->settings_pane));
  oc_experiment_page_set_run_bar (OC_EXPERIMENT_PAGE (self), self->run_bar);
  update_placeholders (self);
}

OcSweepSettings *
oc_sweep_page_get_settings_pane (OcSweepPage *self)
{
  return self->settings_pane;
}

const OcSweepResults *
oc_sweep_page_get_results (OcSweepPage *self)
{
  return self->results;
}

OcFigureView *
oc_sweep_page_get_main_view (OcSweepPage *self)
{
  return self->main_view;
}
