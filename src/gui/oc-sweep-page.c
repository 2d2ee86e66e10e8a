/* oc-sweep-page.c — see oc-sweep-page.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An OcExperimentPage: the settings column gives a sweep or rff spec; the page shows what the
 * store already holds for it (a finished sweep reappears as it was, a stopped one shows what it
 * kept) and the base runs the rest. Each batch of updates adds the finished points to the results
 * and rebuilds the figures from them, which costs well under a millisecond for a few hundred
 * points.
 *
 * Three views of the same points take turns in the large area: the double-descent curve, every
 * seed's outcome (sweeps of networks) and the norms of the solutions. A click on the curve or the
 * norms picks a group (a width, say) and shows its learning curves below; a click on a seed's dot
 * shows that one run's curve.
 */
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "occam/oc-error.h"
#include "occam/oc-sweep-record.h"
#include "occam-figures/oc-sweep-figures.h"
#include "oc-run-spec.h"
#include "oc-main-profile.h"
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
  OcSweepPickMap   map, seeds_map, norms_map;
  double           selected_key;   /* swept value of the clicked group; NaN: none */
  int              selected_point; /* results entry of the clicked seed's run; −1: none */
  OcSweepEpochAxis epoch_axis;     /* AUTO until the check button is toggled */

  OcSweepSettings *settings_pane;
  OcRunBar        *run_bar;
  GtkLabel        *point_label;
  GtkCheckButton  *log_epochs_check;
  GtkStack        *views;
  GtkStackPage    *seeds_page;
  OcFigureView    *main_view, *seeds_view, *norms_view, *heatmap_view, *detail_view;
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

/* The clicked seed's run, when it is still one of the results. */
static const OcSweepEntry *
selected_entry (OcSweepPage *self)
{
  if (self->selected_point < 0 || self->results == NULL)
    return NULL;
  return oc_sweep_results_get (self->results, (guint) self->selected_point);
}

static void
update_point_label (OcSweepPage *self)
{
  const OcSweepGroup *g = selected_group (self);
  const OcSweepEntry *e = selected_entry (self);
  g_autofree char *name = NULL;
  g_autofree char *range = NULL;
  g_autofree char *text = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->point_label), g != NULL && g->n > 0);
  if (g == NULL || g->n == 0)
    return;
  name = oc_sweep_group_name (self->mode, g, TRUE);
  if (e != NULL && e->point->status == OC_STATUS_FINISHED)
    {
      const OcEvalPoint *f = &e->point->final;
      g_autoptr (GString) s = g_string_new (NULL);
      guint64 seed_value = oc_sweep_results_get_seed (self->results,
                                                      (guint) self->selected_point);
      g_autofree char *seed = g_strdup_printf ("%" G_GUINT64_FORMAT, seed_value);

      g_string_append_printf (s, _("%s · seed %s: train error %.3f, test error %.3f, test loss "
                                   "%.3f"), name, seed,
                              f->train_error, f->test_error, f->test_loss);
      if (isfinite (e->norms.theta_norm))
        g_string_append_printf (s, " · ‖θ‖ %.3g, ‖θ − θ₀‖ %.3g", e->norms.theta_norm,
                                e->norms.distance);
      if (isfinite (e->norms.path_norm))
        g_string_append_printf (s, _(", path norm %.3g"), e->norms.path_norm);
      if (oc_sweep_results_is_stuck (self->results, (guint) self->selected_point))
        g_string_append (s, _(" · stuck near chance"));
      gtk_label_set_text (self->point_label, s->str);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->point_label), s->str);
      return;
    }
  range = g->n > 1 ? g_strdup_printf (_(" (%.3f–%.3f over seeds)"), g->test_lo, g->test_hi)
                   : g_strdup ("");
  if (self->mode == OC_SWEEP_MODE_RFF)
    text = g_strdup_printf (ngettext ("%s · %u seed: test error %.3f%s, train error %.3f, test "
                                      "squared loss %.4g, ‖coef‖ %.3g, κ(Φ) %.3g",
                                      "%s · %u seeds: test error %.3f%s, train error %.3f, test "
                                      "squared loss %.4g, ‖coef‖ %.3g, κ(Φ) %.3g", g->n),
                            name, g->n, g->test_error, range, g->train_error, g->test_loss,
                            g->coef_norm, g->condition);
  else
    text = g_strdup_printf (ngettext ("%s · %u seed: test error %.3f%s, train error %.3f, test "
                                      "loss %.3f%s",
                                      "%s · %u seeds: test error %.3f%s, train error %.3f, test "
                                      "loss %.3f%s", g->n),
                            name, g->n, g->test_error, range, g->train_error, g->test_loss,
                            g->n_stuck > 0 ? _(" · stuck near chance") : "");
  gtk_label_set_text (self->point_label, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->point_label), text);
}

static void
update_placeholders (OcSweepPage *self)
{
  OcSweepGrid *g = grid (self);
  gboolean rff = self->mode == OC_SWEEP_MODE_RFF;
  gboolean recorded = g != NULL && !g->rff && g->cfg.record_every_epochs > 0;
  const char *main_text, *main_title;
  GtkStackPage *main_page;

  switch (self->mode)
    {
    case OC_SWEEP_MODE_RFF:
      main_text = _("Each number of features appears here as its fit finishes: test and train "
                    "error against N, test squared loss on the right axis, N = n marked.");
      break;
    case OC_SWEEP_MODE_SAMPLE:
      main_text = _("Each training-set size appears here as its networks finish: test and "
                    "train error against n, test loss on the right axis.");
      break;
    case OC_SWEEP_MODE_NOISE:
      main_text = _("Each noise level appears here as its networks finish.");
      break;
    case OC_SWEEP_MODE_MODEL:
    default:
      main_text = _("Each width appears here as its networks finish: test and train error "
                    "against parameters, test loss on the right axis, n·K and “train error ≈ 0” "
                    "marked.");
      break;
    }
  if (oc_spec_settings_get_spec (OC_SPEC_SETTINGS (self->settings_pane)) == NULL)
    main_text = _("Fix the settings on the left to see this sweep.");
  oc_figure_view_set_placeholder (self->main_view, main_text);
  /* What the export dialog offers, and the file name it suggests. */
  oc_figure_view_set_name (self->main_view,
                           rff                                  ? _("Random features")
                           : self->mode == OC_SWEEP_MODE_NOISE ? _("Label noise")
                                                               : _("Double descent"));
  gtk_widget_set_visible (GTK_WIDGET (self->heatmap_view), !rff);
  {
    const char *by = self->mode == OC_SWEEP_MODE_SAMPLE  ? _("training-set size")
                     : self->mode == OC_SWEEP_MODE_NOISE ? _("label noise")
                                                         : _("width");
    g_autofree char *name = g_strdup_printf (_("Test error by %s and epoch"), by);
    g_autofree char *text = recorded
                              ? g_strdup_printf (_("%s fills in as points finish."), name)
                              : g_strdup_printf (_("Set “Record every” to a number of epochs to "
                                                   "see test error by %s and epoch."), by);

    oc_figure_view_set_name (self->heatmap_view, name);
    /* An invalid sweep has nothing to explain here: the main figure says what to do. */
    oc_figure_view_set_placeholder (self->heatmap_view, g != NULL ? text : "");
  }
  oc_figure_view_set_name (self->detail_view, rff ? _("Coefficient norm") : _("Learning curve"));
  oc_figure_view_set_placeholder (self->detail_view,
                                  g == NULL ? ""
                                  : rff     ? _("The coefficient norm and κ(Φ) appear here.")
                                            : _("Click a point on the figure to see its learning "
                                                "curve here."));

  /* Random features have no networks to get stuck: no seeds view. Only real changes reach the
   * stack, whose switcher updates its buttons on every notification, and this runs for every
   * batch of finished points. */
  main_page = gtk_stack_get_page (self->views, GTK_WIDGET (self->main_view));
  main_title = rff ? _("Random Features") : _("Double Descent");
  if (g_strcmp0 (gtk_stack_page_get_title (main_page), main_title) != 0)
    gtk_stack_page_set_title (main_page, main_title);
  if (gtk_stack_page_get_visible (self->seeds_page) != !rff)
    gtk_stack_page_set_visible (self->seeds_page, !rff);
  if (rff && gtk_stack_get_visible_child (self->views) == GTK_WIDGET (self->seeds_view))
    gtk_stack_set_visible_child (self->views, GTK_WIDGET (self->main_view));
  oc_figure_view_set_placeholder (self->seeds_view,
                                  g == NULL ? ""
                                            : _("Every seed's final train and test error appears "
                                                "here as its network finishes, one dot each, with "
                                                "the runs stuck near chance marked. Click a dot "
                                                "for its learning curve."));
  oc_figure_view_set_name (self->norms_view, rff ? _("Coefficient norm against N")
                                                 : _("Norms of the solutions"));
  oc_figure_view_set_placeholder (self->norms_view,
                                  g == NULL ? ""
                                  : rff     ? _("The norm of each fit's coefficients appears "
                                                "here beside the test error.")
                                            : _("‖θ‖₂, the distance ‖θ − θ₀‖₂ travelled from the "
                                                "initialisation and the path norm of each "
                                                "finished network appear here beside the test "
                                                "error."));
}

/* Marks the clicked seed's dot on the seeds figure with its seed. */
static void
annotate_selected_dot (OcSweepPage *self, OcPlotFigure *seeds)
{
  const OcSweepPickMap *map = &self->seeds_map;

  for (guint s = 0; map->points != NULL && s < map->points->len; s++)
    {
      const double *x, *y;
      gsize n = oc_plot_figure_get_series_data (seeds, s, &x, &y);

      for (gsize k = 0; k < n; k++)
        if (oc_sweep_pick_map_point (map, s, k) == self->selected_point)
          {
            g_autofree char *seed = g_strdup_printf (
              "%" G_GUINT64_FORMAT,
              oc_sweep_results_get_seed (self->results, (guint) self->selected_point));
            g_autofree char *label = g_strdup_printf (_("seed %s"), seed);

            /* The train error's dot, the first of its two. */
            oc_plot_figure_add_annotation (seeds, x[k], y[k], label);
            return;
          }
    }
}

static void on_log_epochs_toggled (GtkCheckButton *check, OcSweepPage *self);

static void refresh_figures_now (OcSweepPage *self);

/* Every figure again from the results (the main thread's time is counted as figure models). */
static void
refresh_figures (OcSweepPage *self)
{
  gint64 since = oc_main_profile_now ();

  refresh_figures_now (self);
  oc_main_profile_add (OC_MAIN_BUILD, since);
}

static void
refresh_figures_now (OcSweepPage *self)
{
  const OcSweepGroup *sel;
  OcPlotFigure *main, *seeds;
  const char *id = oc_experiment_page_get_experiment_id (OC_EXPERIMENT_PAGE (self));
  gboolean rff = self->mode == OC_SWEEP_MODE_RFF;

  g_clear_pointer (&self->groups, g_array_unref);
  oc_sweep_pick_map_clear (&self->map);
  oc_sweep_pick_map_clear (&self->seeds_map);
  oc_sweep_pick_map_clear (&self->norms_map);
  update_placeholders (self);
  if (self->results == NULL || oc_sweep_results_get_n_finished (self->results) == 0)
    {
      oc_figure_view_set_figure (self->main_view, NULL);
      oc_figure_view_set_figure (self->seeds_view, NULL);
      oc_figure_view_set_figure (self->norms_view, NULL);
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

      oc_plot_figure_add_annotation (main, sel->x,
                                     oc_sweep_group_mark_y (self->results, sel, self->mode),
                                     label);
    }
  oc_figure_view_set_figure (self->main_view, main);
  oc_figure_view_set_reference (self->main_view, id, rff ? "random-features" : "double-descent",
                                NULL);
  seeds = oc_sweep_seeds_figure_new (self->results, self->groups, self->mode, &self->seeds_map);
  if (seeds != NULL && selected_entry (self) != NULL)
    annotate_selected_dot (self, seeds);
  oc_figure_view_set_figure (self->seeds_view, seeds);
  oc_figure_view_set_reference (self->seeds_view, id, "seed-distribution", NULL);
  oc_figure_view_set_figure (self->norms_view,
                             oc_sweep_norms_figure_new (self->results, self->groups, self->mode,
                                                        &self->norms_map));
  oc_figure_view_set_reference (self->norms_view, id, "norms", NULL);
  if (rff)
    {
      oc_figure_view_set_figure (self->heatmap_view, NULL);
      oc_figure_view_set_figure (self->detail_view,
                                 oc_rff_norm_figure_new (self->results, self->groups));
      oc_figure_view_set_reference (self->detail_view, id, "coefficient-norm", NULL);
    }
  else
    {
      OcPlotFigure *detail = NULL;
      OcPlotFigure *heatmap = oc_sweep_heatmap_new (self->results, self->groups, self->mode,
                                                    self->epoch_axis);

      if (sel != NULL && selected_entry (self) != NULL)
        detail = oc_sweep_point_curves_new (self->results, sel, (guint) self->selected_point,
                                            self->mode);
      else if (sel != NULL)
        detail = oc_sweep_curves_new (self->results, sel, self->mode);
      /* The check shows the axis in use (AUTO's choice included) without changing it. */
      gtk_widget_set_visible (GTK_WIDGET (self->log_epochs_check), heatmap != NULL);
      g_signal_handlers_block_by_func (self->log_epochs_check, on_log_epochs_toggled, self);
      gtk_check_button_set_active (self->log_epochs_check,
                                   oc_sweep_heatmap_is_log (self->results, self->groups,
                                                            self->epoch_axis));
      g_signal_handlers_unblock_by_func (self->log_epochs_check, on_log_epochs_toggled, self);
      oc_figure_view_set_figure (self->heatmap_view, heatmap);
      oc_figure_view_set_reference (self->heatmap_view, id, "epoch-heatmap", NULL);
      oc_figure_view_set_figure (self->detail_view, detail);
      if (sel != NULL)
        {
          /* The catalogue's learning-curve names the group by its key (width=, n= or noise=)
           * and the clicked seed's run by seed=. */
          const char *key = self->mode == OC_SWEEP_MODE_SAMPLE  ? "n"
                            : self->mode == OC_SWEEP_MODE_NOISE ? "noise"
                                                                : "width";
          g_autofree char *group = g_strdup_printf ("%s=%g", key, sel->key);
          g_autofree char *seed = selected_entry (self) != NULL
                                    ? g_strdup_printf ("seed=%" G_GUINT64_FORMAT,
                                                       oc_sweep_results_get_seed (
                                                         self->results,
                                                         (guint) self->selected_point))
                                    : NULL;
          const char *params[] = { group, seed, NULL };

          oc_figure_view_set_reference (self->detail_view, id, "learning-curve", params);
        }
      /* Until a point is picked the heatmap takes the learning curve's half of the row. */
      gtk_widget_set_visible (GTK_WIDGET (self->detail_view),
                              detail != NULL || heatmap == NULL);
      update_point_label (self);
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->detail_view), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->log_epochs_check), FALSE);
  update_point_label (self);
}

static void
on_log_epochs_toggled (GtkCheckButton *check, OcSweepPage *self)
{
  self->epoch_axis = gtk_check_button_get_active (check) ? OC_SWEEP_EPOCH_AXIS_LOG
                                                         : OC_SWEEP_EPOCH_AXIS_LINEAR;
  refresh_figures (self);
}

void
oc_sweep_page_set_epoch_axis (OcSweepPage *self, OcSweepEpochAxis axis)
{
  g_return_if_fail (OC_IS_SWEEP_PAGE (self));

  self->epoch_axis = axis;
  refresh_figures (self);
}

gboolean
oc_sweep_page_get_log_epochs (OcSweepPage *self)
{
  g_return_val_if_fail (OC_IS_SWEEP_PAGE (self), FALSE);

  return gtk_widget_get_visible (GTK_WIDGET (self->log_epochs_check))
         && gtk_check_button_get_active (self->log_epochs_check);
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
  g_string_append_printf (s, ngettext ("Experiment %s · %u point", "Experiment %s · %u points",
                                       oc_sweep_grid_get_n_points (g)),
                          g->id, oc_sweep_grid_get_n_points (g));
  if (stuck > 0)
    g_string_append_printf (s, _(" · %u stuck near chance (purple diamonds)"), stuck);
  if (failed > 0)
    g_string_append_printf (s, _(" · %u diverged"), failed);
  oc_run_bar_set_summary (self->run_bar, s->str);
}

static void
sweep_load (OcExperimentPage *page, const OcSpec *spec, OcStore *store)
{
  OcSweepPage *self = OC_SWEEP_PAGE (page);
  g_autoptr (OcSweepGrid) g = NULL;
  g_autoptr (GError) error = NULL;

  g_clear_pointer (&self->results, oc_sweep_results_free);
  /* Entries belong to the results: another sweep's index means nothing. */
  self->selected_point = -1;
  self->mode = oc_sweep_settings_get_mode (self->settings_pane);
  if (spec != NULL && (g = oc_sweep_grid_new (spec, &error)) != NULL)
    {
      gint64 since = oc_main_profile_now ();

      self->results = oc_sweep_results_new (g);
      if (store != NULL && oc_sweep_results_load (self->results, store, &error) < 0)
        oc_window_toast (GTK_WIDGET (self), error->message);
      oc_main_profile_add (OC_MAIN_STORE, since);
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

  /* The large figure the user switched to, then the two below it. */
  return oc_page_views_new (gtk_stack_get_visible_child (self->views), self->heatmap_view,
                            self->detail_view, NULL);
}

/* ---- Clicks on the figures ---- */

static const OcSweepPickMap *
view_map (OcSweepPage *self, OcFigureView *view)
{
  return view == self->seeds_view ? &self->seeds_map
         : view == self->norms_view ? &self->norms_map
                                    : &self->map;
}

/* The picked point of @view's figure near (@x, @y): its group, and its run on the seeds figure
 * (else −1). FALSE when none is near. */
static gboolean
pick (OcSweepPage *self, OcFigureView *view, double x, double y, int *group, int *point)
{
  const OcPlotFigure *f = oc_figure_view_get_figure (view);
  const OcSweepPickMap *map = view_map (self, view);
  g_autofree gboolean *pickable = NULL;
  OcPlotTheme theme;
  OcPlotPick p;
  int w, h;

  if (f == NULL || map->series == NULL)
    return FALSE;
  oc_figure_view_screen_theme (GTK_WIDGET (view), &theme);
  pickable = oc_sweep_pick_map_pickable (map);
  w = gtk_widget_get_width (GTK_WIDGET (view));
  h = gtk_widget_get_height (GTK_WIDGET (view));
  /* A point near the pointer; else, on the curves, the nearest one straight above or below it,
   * so a click anywhere in a width's column finds that width. A seed's dot must be hit. */
  if (!oc_plot_figure_pick (f, w, h, &theme, x, y, PICK_RADIUS, pickable, &p)
      && (view == self->seeds_view
          || !oc_plot_figure_pick (f, w, h, &theme, x, y, G_MAXDOUBLE, pickable, &p)
          || fabs (p.x - x) > PICK_COLUMN))
    return FALSE;
  *group = oc_sweep_pick_map_group (map, p.series, p.index);
  *point = oc_sweep_pick_map_point (map, p.series, p.index);
  return *group >= 0 && self->groups != NULL && (guint) *group < self->groups->len;
}

static gboolean
click_view (OcSweepPage *self, OcFigureView *view, double x, double y)
{
  int group, point;
  double key;

  if (!pick (self, view, x, y, &group, &point))
    return FALSE;
  key = g_array_index (self->groups, OcSweepGroup, group).key;
  /* A second click on the selected group or seed lets go of it (and of its label). */
  if (key == self->selected_key && point == self->selected_point)
    {
      self->selected_key = NAN;
      self->selected_point = -1;
    }
  else
    {
      self->selected_key = key;
      self->selected_point = point;
    }
  refresh_figures (self);
  return TRUE;
}

gboolean
oc_sweep_page_click_at (OcSweepPage *self, double x, double y)
{
  g_return_val_if_fail (OC_IS_SWEEP_PAGE (self), FALSE);

  return click_view (self, self->main_view, x, y);
}

gboolean
oc_sweep_page_click_seeds_at (OcSweepPage *self, double x, double y)
{
  g_return_val_if_fail (OC_IS_SWEEP_PAGE (self), FALSE);

  return click_view (self, self->seeds_view, x, y);
}

/* A click, or Enter on the point the keyboard is on: the view says where. */
static void
on_point_activated (OcFigureView *view, double x, double y, OcSweepPage *self)
{
  click_view (self, view, x, y);
}

static void
on_motion (GtkEventControllerMotion *motion, double x, double y, OcSweepPage *self)
{
  GtkWidget *view = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (motion));
  int group, point;

  gtk_widget_set_cursor_from_name (view, pick (self, OC_FIGURE_VIEW (view), x, y, &group, &point)
                                           ? "pointer" : NULL);
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
  oc_sweep_pick_map_clear (&self->seeds_map);
  oc_sweep_pick_map_clear (&self->norms_map);

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

  page_class->what = N_("Sweep");
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
  CHILD (log_epochs_check);
  CHILD (views);
  CHILD (seeds_page);
  CHILD (main_view);
  CHILD (seeds_view);
  CHILD (norms_view);
  CHILD (heatmap_view);
  CHILD (detail_view);
#undef CHILD
}

static void
oc_sweep_page_init (OcSweepPage *self)
{
  OcFigureView *clickable[3];

  gtk_widget_init_template (GTK_WIDGET (self));
  clickable[0] = self->main_view;
  clickable[1] = self->seeds_view;
  clickable[2] = self->norms_view;

  self->selected_key = NAN;
  self->selected_point = -1;
  g_signal_connect (self->log_epochs_check, "toggled", G_CALLBACK (on_log_epochs_toggled), self);
  for (guint i = 0; i < G_N_ELEMENTS (clickable); i++)
    {
      GtkEventController *motion = gtk_event_controller_motion_new ();

      g_signal_connect (clickable[i], "point-activated", G_CALLBACK (on_point_activated), self);
      g_signal_connect (motion, "motion", G_CALLBACK (on_motion), self);
      gtk_widget_add_controller (GTK_WIDGET (clickable[i]), motion);
    }
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

OcFigureView *
oc_sweep_page_get_seeds_view (OcSweepPage *self)
{
  return self->seeds_view;
}

OcFigureView *
oc_sweep_page_get_norms_view (OcSweepPage *self)
{
  return self->norms_view;
}

OcFigureView *
oc_sweep_page_get_detail_view (OcSweepPage *self)
{
  return self->detail_view;
}

void
oc_sweep_page_show_view (OcSweepPage *self, const char *name)
{
  g_return_if_fail (OC_IS_SWEEP_PAGE (self));

  gtk_stack_set_visible_child_name (self->views, name);
}
