/* oc-experiment-page.c — see oc-experiment-page.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The page owns at most one OcRunJob. Its batches of updates arrive on the main loop; the base
 * keeps the run bar (rows of the points in training, counts, ETA) and hands the batch to the
 * subclass for its results and figures. A one-second tick keeps the elapsed time and ETA moving
 * between reports.
 */
#include <glib/gi18n.h>
#include <math.h>

#include "occam/oc-error.h"
#include "oc-experiment-page.h"
#include "oc-main-profile.h"
#include "oc-spec-settings.h"
#include "oc-window.h"

typedef struct
{
  OcWorkspace  *workspace;
  OcRunBar     *bar;
  GtkWidget    *pane;   /* the settings column; an OcSpecSettings or any widget */

  /* The run in progress, or the last one. */
  OcRunJob     *job;
  OcRunPlan    *plan;
  GCancellable *cancellable;
  gint64        t_start;
  guint         tick_id;
  guint         n_to_run, n_ran, n_failed, workers;
  guint64       iteration, total_iterations;
  double        active_seconds, done;
  guint         n_deliveries, max_batch;
  gboolean      reload_pending;
  gboolean      disposed;
  char         *experiment_id; /* of the settings now */
  void        (*refresh) (OcExperimentPage *); /* waiting for the page to show */
} OcExperimentPagePrivate;

static void oc_experiment_page_page_init (OcPageInterface *iface);

G_DEFINE_ABSTRACT_TYPE_WITH_CODE (OcExperimentPage, oc_experiment_page, ADW_TYPE_BIN,
                                  G_ADD_PRIVATE (OcExperimentPage)
                                  G_IMPLEMENT_INTERFACE (OC_TYPE_PAGE,
                                                         oc_experiment_page_page_init))

enum { PROP_0, PROP_RUNNING, N_PROPS };

#define PRIV(self) ((OcExperimentPagePrivate *) oc_experiment_page_get_instance_private (self))
#define CLASS(self) OC_EXPERIMENT_PAGE_GET_CLASS (self)

/* ---- What the run bar says ---- */

static void
update_actions (OcExperimentPage *self)
{
  OcExperimentPagePrivate *priv = PRIV (self);
  gboolean running = oc_experiment_page_get_running (self);
  gboolean paused = oc_experiment_page_get_paused (self);
  const char *why = NULL;
  gboolean valid = CLASS (self)->get_spec (self, &why) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.run", !running && valid);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.stop", running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.pause",
                                 CLASS (self)->pausable && running && !paused);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.resume",
                                 CLASS (self)->pausable && running && paused);
  if (priv->bar != NULL)
    oc_run_bar_set_pausable (priv->bar, CLASS (self)->pausable, paused);
  if (priv->pane != NULL)
    gtk_widget_set_sensitive (priv->pane, !running);
}

static void
set_run_label (OcExperimentPage *self, guint n_points, guint n_stored)
{
  OcExperimentPagePrivate *priv = PRIV (self);
  const char *label = CLASS (self)->run_label;
  g_autofree char *tooltip = NULL;

  if (CLASS (self)->always_rerun)
    tooltip = g_strdup_printf (_("Start the %s (Ctrl+Enter)"), _(CLASS (self)->what));
  else if (n_points > 0 && n_stored == n_points)
    {
      label = N_("_Run Again");
      tooltip = g_strdup_printf (_("Compute every %s again (Ctrl+Enter)"), _(CLASS (self)->point));
    }
  else if (n_stored > 0)
    {
      label = N_("_Resume");
      tooltip = g_strdup_printf (_("Compute the %s the store does not hold yet (Ctrl+Enter)"),
                                 _(CLASS (self)->points));
    }
  else
    tooltip = g_strdup_printf (_("Run the %s (Ctrl+Enter); finished %s are reused from the store"),
                               _(CLASS (self)->what), _(CLASS (self)->points));
  oc_run_bar_set_run_label (priv->bar, _(label), tooltip);
}

/* Between runs: what the store holds for the settings. */
static void
show_idle_status (OcExperimentPage *self, const OcSpec *spec)
{
  OcExperimentPagePrivate *priv = PRIV (self);
  g_autoptr (OcRunPlan) plan = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *status = NULL;
  guint n, stored;

  if (spec == NULL)
    {
      oc_run_bar_set_status (priv->bar, _("The settings need fixing"), NULL, 0);
      set_run_label (self, 0, 0);
      return;
    }
  plan = oc_run_plan_new (spec, oc_experiment_page_get_store (self), FALSE, &error);
  if (plan == NULL)
    {
      oc_run_bar_set_status (priv->bar, error->message, NULL, 0);
      set_run_label (self, 0, 0);
      return;
    }
  n = oc_run_plan_get_n_points (plan);
  stored = oc_run_plan_get_n_stored (plan);
  if (CLASS (self)->always_rerun)
    status = g_strdup (_("Ready"));
  else if (stored == n && n == 1)
    status = g_strdup_printf (_("The %s is in the store"), _(CLASS (self)->point));
  else if (stored == n)
    status = g_strdup_printf (_("All %u %s are in the store"), n, _(CLASS (self)->points));
  else if (stored > 0)
    status = g_strdup_printf (_("%u of %u %s are in the store · Resume runs the rest"), stored, n,
                              _(CLASS (self)->points));
  else
    status = g_strdup_printf (_("Ready to train %u %s"), n, n == 1 ? _(CLASS (self)->point)
                                                                   : _(CLASS (self)->points));
  oc_run_bar_set_status (priv->bar, status, NULL,
                         n > 0 && !CLASS (self)->always_rerun ? (double) stored / n : 0);
  set_run_label (self, n, stored);
}

/* While running: how far the run is, and how long it still needs at its pace so far. */
static void
show_running_status (OcExperimentPage *self)
{
  OcExperimentPagePrivate *priv = PRIV (self);
  double elapsed = (g_get_monotonic_time () - priv->t_start) / 1e6;
  double eta = priv->done > 0 && priv->done < 1 ? elapsed * (1 - priv->done) / priv->done : NAN;
  g_autofree char *elapsed_s = oc_format_duration (elapsed);
  g_autofree char *eta_s = isfinite (eta) ? oc_format_duration (eta) : g_strdup ("–");
  g_autofree char *status = NULL, *times = NULL;
  gboolean stopping = g_cancellable_is_cancelled (priv->cancellable);
  gboolean paused = oc_experiment_page_get_paused (self);
  const char *state = stopping ? _(" · stopping") : paused ? _(" · paused") : "";

  if (priv->plan == NULL || oc_run_plan_get_n_points (priv->plan) == 1)
    {
      double rate = priv->active_seconds > 0 ? priv->iteration / priv->active_seconds : 0;

      g_autofree char *it = g_strdup_printf ("%" G_GUINT64_FORMAT, priv->iteration);
      g_autofree char *total = g_strdup_printf ("%" G_GUINT64_FORMAT, priv->total_iterations);

      status = priv->total_iterations == 0
                 ? g_strdup (_("Starting…"))
                 /* Translators: the iteration, the total, then " · stopping", " · paused" or
                  * nothing. */
                 : g_strdup_printf (_("Iteration %s of %s%s"), it, total, state);
      times = g_strdup_printf (_("%.0f it/s · elapsed %s · ETA %s"), rate, elapsed_s, eta_s);
    }
  else
    {
      status = priv->n_to_run == 0
                 ? g_strdup (_("Starting…"))
                 : g_strdup_printf (_("%u of %u %s · %u at a time%s"), priv->n_ran, priv->n_to_run,
                                    _(CLASS (self)->points), priv->workers, state);
      times = g_strdup_printf (_("elapsed %s · ETA %s"), elapsed_s, eta_s);
    }
  oc_run_bar_set_status (priv->bar, status, times, priv->done);
}

static gboolean
on_tick (gpointer user_data)
{
  show_running_status (user_data);
  return G_SOURCE_CONTINUE;
}

/* ---- The run ---- */

static void
on_updates (OcRunJob *job, GPtrArray *items, OcExperimentPage *self)
{
  OcExperimentPagePrivate *priv = PRIV (self);
  OcPointProgress *rows = oc_run_bar_get_rows (priv->bar);
  gboolean one = oc_run_plan_get_n_points (priv->plan) == 1;
  gint64 since;

  if (job != priv->job)
    return;
  since = oc_main_profile_now ();
  for (guint i = 0; i < items->len; i++)
    {
      OcRunUpdate *u = g_ptr_array_index (items, i);

      priv->done = u->done;
      priv->active_seconds = u->active_seconds;
      priv->n_ran = u->n_ran;
      priv->n_failed = u->n_failed;
      switch (u->kind)
        {
        case OC_RUN_EVENT_STARTED:
          priv->n_to_run = u->n_to_run;
          priv->workers = u->workers;
          break;
        case OC_RUN_EVENT_PROGRESS:
          priv->iteration = u->iteration;
          priv->total_iterations = u->total_iterations;
          if (!one)
            {
              /* A fit that reports no progress of its own shows what it does, without a bar. */
              gboolean silent = u->total_iterations == 0;
              g_autofree char *text = silent ? g_strdup (_("fitting…"))
                                             : g_strdup_printf ("%.0f %%", 100 * u->fraction);

              oc_point_progress_set (rows, u->index,
                                     oc_run_plan_get_label (priv->plan, u->index),
                                     silent ? -1 : u->fraction, text);
            }
          break;
        case OC_RUN_EVENT_POINT:
          oc_point_progress_remove (rows, u->index);
          break;
        default:
          break;
        }
    }
  /* The page's figures count as figure models. */
  oc_main_profile_add (OC_MAIN_RUN, since);
  CLASS (self)->updates (self, items);
  since = oc_main_profile_now ();
  show_running_status (self);
  /* Others showing this experiment (a slide in presentation) redraw from the store too. */
  if (priv->workspace != NULL && priv->experiment_id != NULL)
    oc_workspace_run_updated (priv->workspace, priv->experiment_id);
  oc_main_profile_add (OC_MAIN_RUN, since);
}

static char *
finish_message (OcExperimentPage *self, gboolean ok, const OcRunSummary *s, const GError *error)
{
  OcExperimentPageClass *klass = CLASS (self);

  if (ok && s->n_failed > 0)
    return g_strdup_printf (_("%s finished: %u %s, %u diverged (recorded as such)"),
                            _(klass->what), s->n_ran,
                            s->n_ran == 1 ? _(klass->point) : _(klass->points), s->n_failed);
  if (ok)
    return g_strdup_printf (_("%s finished: %u %s computed"), _(klass->what), s->n_ran,
                            s->n_ran == 1 ? _(klass->point) : _(klass->points));
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_strdup_printf (ngettext ("%s stopped: %u finished %s is kept in the store",
                                      "%s stopped: %u finished %s are kept in the store",
                                      s->n_ran),
                            _(klass->what), s->n_ran,
                            s->n_ran == 1 ? _(klass->point) : _(klass->points));
  return g_strdup (error->message);
}

static void
on_run_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (OcExperimentPage) self = user_data;
  OcExperimentPagePrivate *priv = PRIV (self);
  OcRunJob *job = OC_RUN_JOB (source);
  g_autoptr (GError) error = NULL;
  g_autofree char *message = NULL, *took = NULL, *elapsed = NULL;
  OcRunSummary summary;
  gboolean ok = oc_run_job_run_finish (job, result, &summary, &error);
  double seconds;

  oc_run_job_get_delivery_stats (job, &priv->n_deliveries, &priv->max_batch);
  g_clear_object (&priv->cancellable);
  g_clear_handle_id (&priv->tick_id, g_source_remove);
  seconds = (g_get_monotonic_time () - priv->t_start) / 1e6;
  if (priv->disposed)
    {
      oc_workspace_run_ended (priv->workspace, NULL, seconds);
      return;
    }
  oc_point_progress_clear (oc_run_bar_get_rows (priv->bar));
  if (CLASS (self)->finished != NULL)
    message = CLASS (self)->finished (self, ok, &summary, error);
  if (message == NULL)
    message = finish_message (self, ok, &summary, error);
  elapsed = oc_format_duration (seconds);
  took = g_strdup_printf (_("took %s"), elapsed);
  oc_run_bar_set_status (priv->bar,
                         ok       ? _("Finished")
                         : g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ? _("Stopped")
                                                                                     : _("Failed"),
                         took, ok ? 1.0 : -1);
  if (oc_experiment_page_get_store (self) != NULL && summary.n_ran > 0)
    oc_workspace_run_stored (priv->workspace, summary.id);
  if (gtk_widget_get_root (GTK_WIDGET (self)) != NULL)
    oc_window_toast (GTK_WIDGET (self), message);
  update_actions (self);
  g_object_notify (G_OBJECT (self), "running");
  oc_workspace_run_ended (priv->workspace, message, seconds);
  /* Settings changed while running wait for the run to end. */
  if (priv->reload_pending)
    oc_experiment_page_reload (self);
}

void
oc_experiment_page_run (OcExperimentPage *self)
{
  OcExperimentPagePrivate *priv;
  g_autoptr (GError) error = NULL;
  g_autoptr (OcRunPlan) preview = NULL;
  const OcSpec *spec;
  const char *why = NULL;
  gboolean rerun;

  g_return_if_fail (OC_IS_EXPERIMENT_PAGE (self));
  priv = PRIV (self);

  if (oc_experiment_page_get_running (self) || priv->workspace == NULL)
    return;
  CLASS (self)->flush (self);
  spec = CLASS (self)->get_spec (self, &why);
  if (spec == NULL)
    {
      oc_window_toast (GTK_WIDGET (self), why != NULL ? why : _("The settings need fixing"));
      return;
    }
  /* Fresh from the store: occam-cli may have added points since the page last looked. */
  preview = oc_run_plan_new (spec, oc_experiment_page_get_store (self), FALSE, &error);
  if (preview == NULL)
    {
      oc_window_toast (GTK_WIDGET (self), error->message);
      return;
    }
  /* Run Again: every point anew, as occam-cli --rerun; the old ones stay until replaced. */
  rerun = CLASS (self)->always_rerun || oc_run_plan_get_n_to_run (preview) == 0;
  g_clear_pointer (&priv->plan, oc_run_plan_free);
  priv->plan = oc_run_plan_new (spec, oc_experiment_page_get_store (self), rerun, &error);
  if (priv->plan == NULL)
    {
      oc_window_toast (GTK_WIDGET (self), error->message);
      return;
    }

  if (priv->job != NULL)
    g_signal_handlers_disconnect_by_data (priv->job, self);
  g_clear_object (&priv->job);
  priv->job = oc_run_job_new (spec, oc_experiment_page_get_store (self), rerun);
  if (CLASS (self)->always_rerun)
    CLASS (self)->load (self, spec, NULL);
  else
    CLASS (self)->load (self, spec, rerun ? NULL : oc_experiment_page_get_store (self));
  if (CLASS (self)->prepare != NULL)
    CLASS (self)->prepare (self, priv->plan, rerun, priv->job);
  g_signal_connect (priv->job, "updates", G_CALLBACK (on_updates), self);
  priv->n_to_run = priv->n_ran = priv->n_failed = 0;
  priv->workers = 1;
  priv->iteration = priv->total_iterations = 0;
  priv->active_seconds = priv->done = 0;
  priv->reload_pending = FALSE;
  priv->cancellable = g_cancellable_new ();
  priv->t_start = g_get_monotonic_time ();
  oc_point_progress_clear (oc_run_bar_get_rows (priv->bar));
  oc_run_job_run_async (priv->job, priv->cancellable, on_run_done, g_object_ref (self));
  priv->tick_id = g_timeout_add_seconds (1, on_tick, self);
  oc_run_bar_set_status (priv->bar, _("Starting…"), NULL, 0);
  update_actions (self);
  g_object_notify (G_OBJECT (self), "running");
  oc_workspace_run_began (priv->workspace);
}

void
oc_experiment_page_stop (OcExperimentPage *self)
{
  OcExperimentPagePrivate *priv;

  g_return_if_fail (OC_IS_EXPERIMENT_PAGE (self));
  priv = PRIV (self);

  if (!oc_experiment_page_get_running (self))
    return;
  g_cancellable_cancel (priv->cancellable);
  show_running_status (self);
}

static void
set_paused (OcExperimentPage *self, gboolean paused)
{
  if (!oc_experiment_page_get_running (self))
    return;
  oc_run_job_set_paused (PRIV (self)->job, paused);
  update_actions (self);
  show_running_status (self);
}

static void
page_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  OcExperimentPage *self = OC_EXPERIMENT_PAGE (widget);

  if (g_str_equal (action_name, "page.run"))
    oc_experiment_page_run (self);
  else if (g_str_equal (action_name, "page.stop"))
    oc_experiment_page_stop (self);
  else
    set_paused (self, g_str_equal (action_name, "page.pause"));
}

/* ---- Public ---- */

void
oc_experiment_page_reload (OcExperimentPage *self)
{
  OcExperimentPagePrivate *priv;
  const OcSpec *spec;
  const char *why = NULL;

  g_return_if_fail (OC_IS_EXPERIMENT_PAGE (self));
  priv = PRIV (self);

  if (oc_experiment_page_get_running (self))
    {
      priv->reload_pending = TRUE;
      return;
    }
  priv->reload_pending = FALSE;
  spec = CLASS (self)->get_spec (self, &why);
  g_clear_pointer (&priv->experiment_id, g_free);
  priv->experiment_id = spec != NULL ? oc_spec_id (spec) : NULL;
  CLASS (self)->load (self, spec, oc_experiment_page_get_store (self));
  if (priv->bar != NULL)
    show_idle_status (self, spec);
  update_actions (self);
}

void
oc_experiment_page_set_run_bar (OcExperimentPage *self, OcRunBar *bar)
{
  g_return_if_fail (OC_IS_EXPERIMENT_PAGE (self));

  PRIV (self)->bar = bar;
  oc_run_bar_set_run_label (bar, _(CLASS (self)->run_label), NULL);
  oc_run_bar_set_stop_tooltip (bar, _("Stop (Esc); finished results are kept"));
  update_actions (self);
}

static OcSpecSettings *
spec_pane (OcExperimentPage *self)
{
  GtkWidget *pane = PRIV (self)->pane;

  return pane != NULL && OC_IS_SPEC_SETTINGS (pane) ? OC_SPEC_SETTINGS (pane) : NULL;
}

static void
on_pane_changed (OcExperimentPage *self)
{
  oc_experiment_page_reload (self);
}

void
oc_experiment_page_set_settings_pane (OcExperimentPage *self, GtkWidget *pane)
{
  g_return_if_fail (OC_IS_EXPERIMENT_PAGE (self));

  PRIV (self)->pane = pane;
  if (spec_pane (self) != NULL)
    g_signal_connect_object (pane, "changed", G_CALLBACK (on_pane_changed), self,
                             G_CONNECT_SWAPPED);
}

/* The settings pane's defaults of the class's vfuncs. */
static void
pane_flush (OcExperimentPage *self)
{
  if (spec_pane (self) != NULL)
    oc_spec_settings_flush (spec_pane (self));
}

static const OcSpec *
pane_get_spec (OcExperimentPage *self, const char **why)
{
  OcSpecSettings *pane = spec_pane (self);

  g_return_val_if_fail (pane != NULL, NULL);
  if (why != NULL)
    *why = oc_spec_settings_get_error (pane);
  return oc_spec_settings_get_spec (pane);
}

static void
pane_open_spec (OcExperimentPage *self, const OcSpec *spec)
{
  g_return_if_fail (spec_pane (self) != NULL);
  oc_spec_settings_open_spec (spec_pane (self), spec);
}

static void
on_data_changed (OcExperimentPage *self, GParamSpec *pspec, OcWorkspace *workspace)
{
  oc_spec_settings_set_data (spec_pane (self), oc_workspace_get_data (workspace));
}

OcRunBar *
oc_experiment_page_get_run_bar (OcExperimentPage *self)
{
  g_return_val_if_fail (OC_IS_EXPERIMENT_PAGE (self), NULL);
  return PRIV (self)->bar;
}

OcWorkspace *
oc_experiment_page_get_workspace (OcExperimentPage *self)
{
  g_return_val_if_fail (OC_IS_EXPERIMENT_PAGE (self), NULL);
  return PRIV (self)->workspace;
}

GSettings *
oc_experiment_page_get_settings (OcExperimentPage *self)
{
  OcWorkspace *ws = oc_experiment_page_get_workspace (self);

  return ws != NULL ? oc_workspace_get_settings (ws) : NULL;
}

OcStore *
oc_experiment_page_get_store (OcExperimentPage *self)
{
  OcWorkspace *ws = oc_experiment_page_get_workspace (self);

  return ws != NULL ? oc_workspace_get_store (ws) : NULL;
}

gboolean
oc_experiment_page_get_running (OcExperimentPage *self)
{
  g_return_val_if_fail (OC_IS_EXPERIMENT_PAGE (self), FALSE);
  return PRIV (self)->cancellable != NULL;
}

gboolean
oc_experiment_page_get_paused (OcExperimentPage *self)
{
  g_return_val_if_fail (OC_IS_EXPERIMENT_PAGE (self), FALSE);
  return oc_experiment_page_get_running (self) && oc_run_job_get_paused (PRIV (self)->job);
}

gboolean
oc_experiment_page_get_holding (OcExperimentPage *self)
{
  g_return_val_if_fail (OC_IS_EXPERIMENT_PAGE (self), FALSE);
  return oc_experiment_page_get_running (self) && oc_run_job_get_holding (PRIV (self)->job);
}

const OcRunPlan *
oc_experiment_page_get_plan (OcExperimentPage *self)
{
  g_return_val_if_fail (OC_IS_EXPERIMENT_PAGE (self), NULL);
  return PRIV (self)->plan;
}

const char *
oc_experiment_page_get_experiment_id (OcExperimentPage *self)
{
  g_return_val_if_fail (OC_IS_EXPERIMENT_PAGE (self), NULL);
  return PRIV (self)->experiment_id;
}

void
oc_experiment_page_get_delivery_stats (OcExperimentPage *self, guint *n_deliveries,
                                       guint *max_batch)
{
  g_return_if_fail (OC_IS_EXPERIMENT_PAGE (self));

  *n_deliveries = PRIV (self)->n_deliveries;
  *max_batch = PRIV (self)->max_batch;
}

/* ---- OcPage ---- */

static void
page_attach (OcPage *page, OcWorkspace *workspace)
{
  OcExperimentPage *self = OC_EXPERIMENT_PAGE (page);

  g_return_if_fail (PRIV (self)->workspace == NULL);

  PRIV (self)->workspace = g_object_ref (workspace);
  if (spec_pane (self) != NULL)
    {
      oc_spec_settings_set_settings (spec_pane (self), oc_workspace_get_settings (workspace));
      g_signal_connect_object (workspace, "notify::data", G_CALLBACK (on_data_changed), self,
                               G_CONNECT_SWAPPED);
      on_data_changed (self, NULL, workspace);
    }
  if (CLASS (self)->attached != NULL)
    CLASS (self)->attached (self, workspace);
  oc_experiment_page_reload (self);
}

static GPtrArray *
page_get_figure_views (OcPage *page)
{
  return CLASS (page)->get_figure_views (OC_EXPERIMENT_PAGE (page));
}

static gboolean
page_can_open (OcPage *page, const char *kind)
{
  return CLASS (page)->can_open != NULL && CLASS (page)->can_open (OC_EXPERIMENT_PAGE (page), kind);
}

static void
page_open_spec (OcPage *page, const OcSpec *spec)
{
  OcExperimentPage *self = OC_EXPERIMENT_PAGE (page);

  if (oc_experiment_page_get_running (self))
    {
      g_autofree char *text = g_strdup_printf (_("Stop the current %s first"),
                                               _(CLASS (self)->what));

      oc_window_toast (GTK_WIDGET (self), text);
      return;
    }
  CLASS (self)->open_spec (self, spec);
}

static gboolean
page_get_running (OcPage *page)
{
  return oc_experiment_page_get_running (OC_EXPERIMENT_PAGE (page));
}

static void
page_start (OcPage *page)
{
  oc_experiment_page_run (OC_EXPERIMENT_PAGE (page));
}

static void
page_stop (OcPage *page)
{
  oc_experiment_page_stop (OC_EXPERIMENT_PAGE (page));
}

static void
oc_experiment_page_page_init (OcPageInterface *iface)
{
  iface->attach = page_attach;
  iface->get_figure_views = page_get_figure_views;
  iface->can_open = page_can_open;
  iface->open_spec = page_open_spec;
  iface->get_running = page_get_running;
  iface->start = page_start;
  iface->stop = page_stop;
}

/* ---- GObject ---- */

static void
oc_experiment_page_dispose (GObject *object)
{
  OcExperimentPage *self = OC_EXPERIMENT_PAGE (object);
  OcExperimentPagePrivate *priv = PRIV (self);

  /* A running job finishes its current steps and returns; its completion holds a reference. */
  priv->disposed = TRUE;
  g_clear_handle_id (&priv->tick_id, g_source_remove);
  if (priv->cancellable != NULL)
    g_cancellable_cancel (priv->cancellable);
  if (priv->job != NULL)
    g_signal_handlers_disconnect_by_data (priv->job, self);
  priv->pane = NULL;

  G_OBJECT_CLASS (oc_experiment_page_parent_class)->dispose (object);
}

static void
oc_experiment_page_finalize (GObject *object)
{
  OcExperimentPagePrivate *priv = PRIV (OC_EXPERIMENT_PAGE (object));

  g_clear_object (&priv->job);
  g_clear_object (&priv->cancellable);
  g_clear_object (&priv->workspace);
  g_clear_pointer (&priv->plan, oc_run_plan_free);
  g_free (priv->experiment_id);

  G_OBJECT_CLASS (oc_experiment_page_parent_class)->finalize (object);
}

static void
oc_experiment_page_get_property (GObject *object, guint prop_id, GValue *value,
                                 GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_RUNNING:
      g_value_set_boolean (value, oc_experiment_page_get_running (OC_EXPERIMENT_PAGE (object)));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
oc_experiment_page_class_init (OcExperimentPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = oc_experiment_page_dispose;
  object_class->finalize = oc_experiment_page_finalize;
  object_class->get_property = oc_experiment_page_get_property;
  g_object_class_install_property (
    object_class, PROP_RUNNING,
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* Translated where they are shown; the French keeps every page's noun masculine. */
  klass->what = N_("Run");
  klass->point = N_("point");
  klass->points = N_("points");
  klass->run_label = N_("_Run");
  klass->flush = pane_flush;
  klass->get_spec = pane_get_spec;
  klass->open_spec = pane_open_spec;

  g_type_ensure (OC_TYPE_RUN_BAR);
  gtk_widget_class_install_action (widget_class, "page.run", NULL, page_action);
  gtk_widget_class_install_action (widget_class, "page.stop", NULL, page_action);
  gtk_widget_class_install_action (widget_class, "page.pause", NULL, page_action);
  gtk_widget_class_install_action (widget_class, "page.resume", NULL, page_action);
}

static void
on_map (OcExperimentPage *self)
{
  OcExperimentPagePrivate *priv = PRIV (self);
  void (*refresh) (OcExperimentPage *) = priv->refresh;

  priv->refresh = NULL;
  if (refresh != NULL)
    refresh (self);
}

void
oc_experiment_page_refresh_when_shown (OcExperimentPage *self,
                                       void (*refresh) (OcExperimentPage *))
{
  g_return_if_fail (OC_IS_EXPERIMENT_PAGE (self));

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    refresh (self);
  else
    PRIV (self)->refresh = refresh;
}

static void
oc_experiment_page_init (OcExperimentPage *self)
{
  g_signal_connect (self, "map", G_CALLBACK (on_map), NULL);
}
