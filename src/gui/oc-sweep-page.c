/* oc-sweep-page.c — see oc-sweep-page.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The settings column gives a spec; the page shows what the store already holds for it (so a
 * finished sweep reappears as it was, and a stopped one shows what it kept) and runs the rest on
 * an OcSweepJob. Each batch of updates from the job's mailbox adds the finished points to the
 * results and rebuilds the figures from them, which costs well under a millisecond for a few
 * hundred points; progress rows show the points in training.
 */
#include <math.h>
#include <string.h>

#include "occam/oc-error.h"
#include "occam-figures/oc-sweep-figures.h"
#include "oc-point-progress.h"
#include "oc-run-progress.h"
#include "oc-sweep-job.h"
#include "oc-sweep-page.h"
#include "oc-window.h"

/* Pixels from a point within which a click or hover finds it, and from its column. */
#define PICK_RADIUS 14
#define PICK_COLUMN 8

struct _OcSweepPage
{
  AdwBin           parent_instance;

  GSettings       *settings;
  OcStore         *store; /* the window's */
  OcSweepResults  *results;
  OcSweepMode      mode;
  GArray          *groups;
  OcSweepPickMap   map;
  double           selected_key; /* swept value of the clicked group; NaN: none */

  /* The run in progress, or the last one. */
  OcSweepJob      *job;
  GCancellable    *cancellable;
  gboolean        *to_run;
  double          *fraction;
  guint            n_to_run, n_ran, n_failed, workers;
  gint64           t_start;
  guint            tick_id;
  guint            n_deliveries, max_batch;
  gboolean         disposed;

  OcSweepSettings *settings_pane;
  GtkWidget       *run_button, *stop_button;
  OcPointProgress *running;
  AdwButtonContent *run_content;
  GtkLabel        *status_label, *eta_label, *summary_label, *point_label;
  GtkProgressBar  *progress_bar;
  OcFigureView    *main_view, *heatmap_view, *detail_view;
};

enum { PROP_0, PROP_RUNNING, N_PROPS };
static GParamSpec *properties[N_PROPS];
enum { RUN_STORED, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (OcSweepPage, oc_sweep_page, ADW_TYPE_BIN)

gboolean
oc_sweep_page_get_running (OcSweepPage *self)
{
  g_return_val_if_fail (OC_IS_SWEEP_PAGE (self), FALSE);

  return self->cancellable != NULL;
}

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

/* ---- Status ---- */

static void
update_actions (OcSweepPage *self)
{
  gboolean running = oc_sweep_page_get_running (self);
  gboolean valid = oc_spec_settings_get_spec (OC_SPEC_SETTINGS (self->settings_pane)) != NULL;
  guint planned = grid (self) != NULL ? oc_sweep_grid_get_n_points (grid (self)) : 0;
  guint finished = self->results != NULL ? oc_sweep_results_get_n_finished (self->results) : 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sweep.run", !running && valid);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sweep.stop", running);
  gtk_widget_set_sensitive (GTK_WIDGET (self->settings_pane), !running);
  adw_button_content_set_label (self->run_content,
                                planned > 0 && finished == planned ? "_Run Again"
                                : finished > 0                     ? "_Resume"
                                                                   : "_Run");
}

static void
update_summary (OcSweepPage *self)
{
  OcSweepGrid *g = grid (self);
  g_autoptr (GString) s = g_string_new (NULL);
  guint stuck = 0, failed = 0;

  if (g == NULL)
    {
      const char *error = oc_spec_settings_get_error (OC_SPEC_SETTINGS (self->settings_pane));

      gtk_label_set_text (self->summary_label, error ? error : "");
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
  gtk_label_set_text (self->summary_label, s->str);
}

static void
update_progress (OcSweepPage *self)
{
  OcSweepGrid *g = grid (self);
  double done = 0, total = 0;
  g_autofree char *status = NULL;

  if (g == NULL || !oc_sweep_page_get_running (self) || self->fraction == NULL)
    return;
  for (guint i = 0; i < oc_sweep_grid_get_n_points (g); i++)
    if (self->to_run[i])
      {
        done += self->fraction[i] * g->cost[i];
        total += g->cost[i];
      }
  if (self->n_to_run == 0)
    status = g_strdup ("Starting…");
  else
    status = g_strdup_printf ("%u of %u points · %u at a time%s", self->n_ran, self->n_to_run,
                              self->workers,
                              g_cancellable_is_cancelled (self->cancellable) ? " · stopping" : "");
  oc_run_progress_update (self->status_label, self->eta_label, self->progress_bar, status, done,
                          total, self->t_start);
}

static gboolean
on_tick (gpointer user_data)
{
  update_progress (user_data);
  return G_SOURCE_CONTINUE;
}

static void
set_row (OcSweepPage *self, guint index, double fraction)
{
  OcSweepGrid *g = oc_sweep_results_get_grid (self->results);
  g_autofree char *label = oc_sweep_grid_describe_point (g, index);
  g_autofree char *text = g->rff ? g_strdup ("fitting…")
                                 : g_strdup_printf ("%.0f %%", 100 * fraction);

  /* A least-squares fit reports no progress of its own: no bar, just what it is doing. */
  oc_point_progress_set (self->running, index, label, g->rff ? -1 : fraction, text);
}

/* ---- What the store holds for the current spec ---- */

static void
load_results (OcSweepPage *self)
{
  const OcSpec *spec = oc_spec_settings_get_spec (OC_SPEC_SETTINGS (self->settings_pane));
  g_autoptr (OcSweepGrid) g = NULL;
  g_autoptr (GError) error = NULL;
  int found = 0;

  g_clear_pointer (&self->results, oc_sweep_results_free);
  self->mode = oc_sweep_settings_get_mode (self->settings_pane);
  if (spec != NULL && (g = oc_sweep_grid_new (spec, &error)) != NULL)
    {
      self->results = oc_sweep_results_new (g);
      if (self->store != NULL && (found = oc_sweep_results_load (self->results, self->store,
                                                                 &error)) < 0)
        oc_window_toast (GTK_WIDGET (self), error->message);
    }
  if (!oc_sweep_page_get_running (self))
    {
      g_autofree char *status = NULL;
      guint n = g != NULL ? oc_sweep_grid_get_n_points (g) : 0;
      guint finished = self->results ? oc_sweep_results_get_n_finished (self->results) : 0;

      if (g == NULL)
        status = g_strdup ("The settings need fixing");
      else if (finished == n)
        status = g_strdup_printf ("All %u points are in the store", n);
      else if (finished > 0)
        status = g_strdup_printf ("%u of %u points are in the store · Resume runs the rest",
                                  finished, n);
      else
        status = g_strdup_printf ("Ready to train %u point%s", n, n == 1 ? "" : "s");
      gtk_label_set_text (self->status_label, status);
      gtk_label_set_text (self->eta_label, "");
      gtk_progress_bar_set_fraction (self->progress_bar, n > 0 ? (double) finished / n : 0);
    }
  refresh_figures (self);
  update_summary (self);
  update_actions (self);
}

static void
on_settings_changed (OcSweepPage *self)
{
  if (!oc_sweep_page_get_running (self))
    load_results (self);
}

/* ---- Running ---- */

static void
on_updates (OcSweepJob *job, GPtrArray *items, OcSweepPage *self)
{
  gboolean dirty = FALSE;

  if (job != self->job || self->results == NULL)
    return;
  for (guint i = 0; i < items->len; i++)
    {
      OcSweepUpdate *u = g_ptr_array_index (items, i);

      switch (u->kind)
        {
        case OC_SWEEP_UPDATE_STARTED:
          self->n_to_run = u->n_to_run;
          self->workers = u->workers;
          break;
        case OC_SWEEP_UPDATE_PROGRESS:
          self->fraction[u->index] = u->fraction;
          set_row (self, u->index, u->fraction);
          break;
        case OC_SWEEP_UPDATE_POINT:
          self->fraction[u->index] = 1;
          self->n_ran++;
          self->n_failed += u->point->status != OC_STATUS_FINISHED;
          oc_sweep_results_set (self->results, u->index, g_steal_pointer (&u->point),
                                u->coef_norm, u->condition);
          oc_point_progress_remove (self->running, u->index);
          dirty = TRUE;
          break;
        default:
          break;
        }
    }
  if (dirty)
    {
      refresh_figures (self);
      update_summary (self);
    }
  update_progress (self);
}

static void
on_run_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (OcSweepPage) self = user_data;
  OcSweepJob *job = OC_SWEEP_JOB (source);
  g_autoptr (GError) error = NULL;
  gboolean ok = oc_sweep_job_run_finish (job, result, &error);
  g_autofree char *message = NULL;

  oc_sweep_job_get_delivery_stats (job, &self->n_deliveries, &self->max_batch);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->tick_id, g_source_remove);
  if (self->disposed)
    return;
  oc_point_progress_clear (self->running);
  if (ok && self->n_to_run == 0)
    message = g_strdup ("Every point was already in the store");
  else if (ok && self->n_failed > 0)
    message = g_strdup_printf ("Sweep finished: %u points, %u diverged (recorded as such)",
                               self->n_ran, self->n_failed);
  else if (ok)
    message = g_strdup_printf ("Sweep finished: %u point%s trained", self->n_ran,
                               self->n_ran == 1 ? "" : "s");
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    message = g_strdup_printf ("Sweep stopped: %u finished point%s kept in the store",
                               self->n_ran, self->n_ran == 1 ? " is" : "s are");
  else
    message = g_strdup (error->message);
  oc_run_progress_finish (self->status_label, self->eta_label, self->progress_bar,
                          ok ? NULL : error,
                          (double) oc_sweep_results_get_n_finished (self->results)
                          / MAX (oc_sweep_grid_get_n_points (
                                   oc_sweep_results_get_grid (self->results)), 1),
                          self->t_start);
  if (self->store != NULL && self->n_to_run > 0)
    g_signal_emit (self, signals[RUN_STORED], 0, oc_sweep_results_get_grid (self->results)->id);
  if (gtk_widget_get_root (GTK_WIDGET (self)) != NULL)
    oc_window_toast (GTK_WIDGET (self), message);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
  /* Settings changed while running wait for the run to end. */
  {
    const OcSpec *spec = oc_spec_settings_get_spec (OC_SPEC_SETTINGS (self->settings_pane));
    g_autofree char *id = spec != NULL ? oc_spec_id (spec) : NULL;

    if (g_strcmp0 (id, oc_sweep_page_get_experiment_id (self)) != 0)
      load_results (self);
  }
}

static guint
rff_threads (OcSweepPage *self)
{
  guint t = g_settings_get_uint (self->settings, "blas-threads");

  /* As on the Train page: one core stays with the window, whose main loop would otherwise share
   * it with OpenBLAS threads spinning while they wait. Sweeps of networks plan their own (many
   * single-threaded points; see oc_sweep_plan). */
  if (t == 0)
    t = MAX (1, g_get_num_processors () - 1);
  return t;
}

static void
run_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  OcSweepPage *self = OC_SWEEP_PAGE (widget);
  OcSweepGrid *g;
  gboolean rerun;
  guint n;

  if (oc_sweep_page_get_running (self))
    return;
  oc_spec_settings_flush (OC_SPEC_SETTINGS (self->settings_pane));
  if (oc_spec_settings_get_spec (OC_SPEC_SETTINGS (self->settings_pane)) == NULL)
    {
      oc_window_toast (widget, oc_spec_settings_get_error (OC_SPEC_SETTINGS (self->settings_pane)));
      return;
    }
  /* Fresh from the store: another Occam may have added points since the preview. */
  load_results (self);
  g = grid (self);
  n = oc_sweep_grid_get_n_points (g);
  rerun = oc_sweep_results_get_n_finished (self->results) == n;
  if (rerun)
    {
      /* Run Again: every point anew, as occam-cli --rerun; the old ones stay until replaced. */
      OcSweepResults *fresh = oc_sweep_results_new (g);

      oc_sweep_results_free (self->results);
      self->results = fresh;
      g = grid (self);
      refresh_figures (self);
    }
  g_free (self->to_run);
  g_free (self->fraction);
  self->to_run = g_new0 (gboolean, MAX (n, 1));
  self->fraction = g_new0 (double, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      const OcSweepEntry *e = oc_sweep_results_get (self->results, i);

      self->to_run[i] = e == NULL || e->point->status != OC_STATUS_FINISHED;
    }
  self->n_to_run = self->n_ran = self->n_failed = 0;
  self->workers = 1;

  if (self->job != NULL)
    g_signal_handlers_disconnect_by_data (self->job, self);
  g_clear_object (&self->job);
  self->job = oc_sweep_job_new (g, self->store, rff_threads (self), rerun);
  g_signal_connect (self->job, "updates", G_CALLBACK (on_updates), self);
  self->cancellable = g_cancellable_new ();
  self->t_start = g_get_monotonic_time ();
  oc_point_progress_clear (self->running);
  oc_sweep_job_run_async (self->job, self->cancellable, on_run_done, g_object_ref (self));
  self->tick_id = g_timeout_add_seconds (1, on_tick, self);
  oc_run_progress_start (self->status_label, self->eta_label, self->progress_bar);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

static void
stop_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  OcSweepPage *self = OC_SWEEP_PAGE (widget);

  if (!oc_sweep_page_get_running (self))
    return;
  g_cancellable_cancel (self->cancellable);
  gtk_label_set_text (self->status_label, "Stopping…");
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

  /* A running job finishes its current steps and returns; its completion holds a reference. */
  self->disposed = TRUE;
  g_clear_handle_id (&self->tick_id, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  if (self->job != NULL)
    g_signal_handlers_disconnect_by_data (self->job, self);
  if (self->settings_pane != NULL)
    g_signal_handlers_disconnect_by_data (self->settings_pane, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), OC_TYPE_SWEEP_PAGE);

  G_OBJECT_CLASS (oc_sweep_page_parent_class)->dispose (object);
}

static void
oc_sweep_page_finalize (GObject *object)
{
  OcSweepPage *self = OC_SWEEP_PAGE (object);

  g_clear_object (&self->job);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->results, oc_sweep_results_free);
  g_clear_pointer (&self->groups, g_array_unref);
  oc_sweep_pick_map_clear (&self->map);
  g_free (self->to_run);
  g_free (self->fraction);

  G_OBJECT_CLASS (oc_sweep_page_parent_class)->finalize (object);
}

static void
oc_sweep_page_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  OcSweepPage *self = OC_SWEEP_PAGE (object);

  switch (prop_id)
    {
    case PROP_RUNNING:
      g_value_set_boolean (value, oc_sweep_page_get_running (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
oc_sweep_page_class_init (OcSweepPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = oc_sweep_page_dispose;
  object_class->finalize = oc_sweep_page_finalize;
  object_class->get_property = oc_sweep_page_get_property;

  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A run ended and its points are in the store under this experiment ID. */
  signals[RUN_STORED] = g_signal_new ("run-stored", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                      0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (OC_TYPE_FIGURE_VIEW);
  g_type_ensure (OC_TYPE_SWEEP_SETTINGS);
  g_type_ensure (OC_TYPE_POINT_PROGRESS);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/occamlab/Occam/ui/oc-sweep-page.ui");
#define CHILD(name) gtk_widget_class_bind_template_child (widget_class, OcSweepPage, name)
  CHILD (settings_pane);
  CHILD (run_button);
  CHILD (stop_button);
  CHILD (running);
  CHILD (run_content);
  CHILD (status_label);
  CHILD (eta_label);
  CHILD (summary_label);
  CHILD (point_label);
  CHILD (progress_bar);
  CHILD (main_view);
  CHILD (heatmap_view);
  CHILD (detail_view);
#undef CHILD

  gtk_widget_class_install_action (widget_class, "sweep.run", NULL, run_action);
  gtk_widget_class_install_action (widget_class, "sweep.stop", NULL, stop_action);
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
  g_signal_connect_swapped (self->settings_pane, "changed", G_CALLBACK (on_settings_changed),
                            self);
  update_placeholders (self);
  update_actions (self);
}

void
oc_sweep_page_set_settings (OcSweepPage *self, GSettings *settings)
{
  g_return_if_fail (OC_IS_SWEEP_PAGE (self));
  g_return_if_fail (self->settings == NULL);

  self->settings = g_object_ref (settings);
  oc_spec_settings_set_settings (OC_SPEC_SETTINGS (self->settings_pane), settings);
}

void
oc_sweep_page_set_data (OcSweepPage *self, OcLoadedData *data)
{
  g_return_if_fail (OC_IS_SWEEP_PAGE (self));

  oc_spec_settings_set_data (OC_SPEC_SETTINGS (self->settings_pane), data);
}

void
oc_sweep_page_set_store (OcSweepPage *self, OcStore *store)
{
  g_return_if_fail (OC_IS_SWEEP_PAGE (self));

  self->store = store;
  if (!oc_sweep_page_get_running (self))
    load_results (self);
}

void
oc_sweep_page_open_spec (OcSweepPage *self, const OcSpec *spec)
{
  g_return_if_fail (OC_IS_SWEEP_PAGE (self));

  if (oc_sweep_page_get_running (self))
    return;
  oc_spec_settings_open_spec (OC_SPEC_SETTINGS (self->settings_pane), spec);
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

const char *
oc_sweep_page_get_experiment_id (OcSweepPage *self)
{
  OcSweepGrid *g = grid (self);

  return g != NULL ? g->id : NULL;
}

GPtrArray *
oc_sweep_page_get_figure_views (OcSweepPage *self)
{
  GPtrArray *views = g_ptr_array_new ();

  g_ptr_array_add (views, self->main_view);
  if (gtk_widget_get_visible (GTK_WIDGET (self->heatmap_view)))
    g_ptr_array_add (views, self->heatmap_view);
  g_ptr_array_add (views, self->detail_view);
  return views;
}

OcFigureView *
oc_sweep_page_get_main_view (OcSweepPage *self)
{
  return self->main_view;
}

void
oc_sweep_page_get_delivery_stats (OcSweepPage *self, guint *n_deliveries, guint *max_batch)
{
  *n_deliveries = self->n_deliveries;
  *max_batch = self->max_batch;
}
