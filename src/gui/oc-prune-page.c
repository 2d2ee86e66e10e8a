/* oc-prune-page.c — see oc-prune-page.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The settings column gives a spec; the page shows what the store already holds for it (a
 * finished experiment reappears as it was, a stopped one shows the levels it kept) and runs the
 * rest on an OcPruneJob. Each batch from the job's mailbox adds the finished levels to the
 * results and rebuilds the figures from them; progress rows show the trainings in flight. The
 * weight and mask figures follow the level slider and the layer menu.
 */
#include <math.h>
#include <string.h>

#include "occam/oc-error.h"
#include "occam-figures/oc-prune-figures.h"
#include "oc-point-progress.h"
#include "oc-run-progress.h"
#include "oc-prune-job.h"
#include "oc-prune-page.h"
#include "oc-window.h"

struct _OcPrunePage
{
  AdwBin           parent_instance;

  GSettings       *settings;
  OcStore         *store; /* the window's */
  OcPruneResults  *results;
  char            *summary;
  gboolean         follow_level; /* the slider moves to each new IMP level */
  gboolean         filling;

  OcPruneJob      *job;
  GCancellable    *cancellable;
  GHashTable      *inflight; /* progress row index → nothing (the rows hold the fractions) */
  double          *fractions; /* by row index, for the ETA; NULL when idle */
  guint            n_to_train, n_trained, n_received, n_failed;
  gint64           t_start;
  guint            tick_id;
  guint            n_deliveries, max_batch;
  gboolean         disposed;

  OcPruneSettings *settings_pane;
  GtkWidget       *run_button, *stop_button;
  OcPointProgress *running;
  AdwButtonContent *run_content;
  GtkLabel        *status_label, *eta_label, *summary_label, *level_label;
  GtkProgressBar  *progress_bar;
  GtkStack        *tabs;
  GtkScale        *level_scale;
  GtkAdjustment   *level_adjustment;
  GtkDropDown     *layer_dropdown;
  OcFigureView    *accuracy_view, *early_view, *density_view, *histogram_view, *scatter_view;
  OcFigureView    *atlas_view, *fanin_view, *mask_view, *overlap_view, *seeds_view;
};

enum { PROP_0, PROP_RUNNING, N_PROPS };
static GParamSpec *properties[N_PROPS];
enum { RUN_STORED, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (OcPrunePage, oc_prune_page, ADW_TYPE_BIN)

gboolean
oc_prune_page_get_running (OcPrunePage *self)
{
  g_return_val_if_fail (OC_IS_PRUNE_PAGE (self), FALSE);

  return self->cancellable != NULL;
}

/* Progress rows: one per training in flight. */
static guint
row_index (OcPrunePage *self, OcControl control, guint64 seed, guint level)
{
  const OcLotteryConfig *cfg = oc_prune_results_get_config (self->results);
  guint s = 0;

  for (guint i = 0; i < cfg->seeds->len; i++)
    if (g_array_index (cfg->seeds, guint64, i) == seed)
      s = i;
  return ((guint) control * cfg->seeds->len + s) * oc_prune_results_get_n_levels (self->results)
         + level;
}

/* ---- Figures ---- */

static guint
selected_layer (OcPrunePage *self)
{
  guint l = gtk_drop_down_get_selected (self->layer_dropdown);

  return l == GTK_INVALID_LIST_POSITION ? 0 : l;
}

/* The highest IMP level with arenas, or -1. */
static int
last_imp_level (OcPrunePage *self)
{
  for (guint l = oc_prune_results_get_n_levels (self->results); l-- > 0;)
    if (oc_prune_results_imp (self->results, l) != NULL)
      return (int) l;
  return -1;
}

static void
update_layers (OcPrunePage *self)
{
  const OcPruneLevel *lv = self->results ? oc_prune_results_imp (self->results, 0) : NULL;
  guint n = lv != NULL ? lv->row->n_layers : 0, old = selected_layer (self);
  GListModel *model = gtk_drop_down_get_model (self->layer_dropdown);
  g_autoptr (GtkStringList) list = NULL;

  if (model != NULL && g_list_model_get_n_items (model) == n && n > 0)
    return;
  list = gtk_string_list_new (NULL);
  for (guint l = 0; l < n; l++)
    {
      g_autofree char *name = g_strdup_printf ("Layer %u: %u → %u", l + 1, lv->row->sizes[l],
                                               lv->row->sizes[l + 1]);

      gtk_string_list_append (list, name);
    }
  self->filling = TRUE;
  gtk_drop_down_set_model (self->layer_dropdown, G_LIST_MODEL (list));
  gtk_drop_down_set_selected (self->layer_dropdown, old < n ? old : 0);
  self->filling = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->layer_dropdown), n > 0);
}

static void
refresh_level_figures (OcPrunePage *self)
{
  guint level = oc_prune_page_get_level (self), layer = selected_layer (self);
  const OcPruneLevel *lv = self->results ? oc_prune_results_imp (self->results, level) : NULL;
  g_autofree char *text = NULL;

  if (lv != NULL)
    text = g_strdup_printf ("Level %u · %.3g %% left", level, 100 * lv->row->density);
  else
    text = g_strdup_printf ("Level %u", level);
  gtk_label_set_text (self->level_label, text);
  if (self->results == NULL)
    {
      oc_figure_view_set_figure (self->histogram_view, NULL);
      oc_figure_view_set_figure (self->scatter_view, NULL);
      oc_figure_view_set_figure (self->mask_view, NULL);
      oc_figure_view_set_figure (self->atlas_view, NULL);
      oc_figure_view_set_figure (self->fanin_view, NULL);
      return;
    }
  oc_figure_view_set_figure (self->histogram_view,
                             oc_prune_histogram_new (self->results, level, layer));
  oc_figure_view_set_figure (self->scatter_view, oc_prune_scatter_new (self->results, level, layer));
  oc_figure_view_set_figure (self->mask_view,
                             oc_prune_mask_figure_new (self->results, level, layer));
  oc_figure_view_set_figure (self->atlas_view, oc_prune_atlas_new (self->results, level));
  oc_figure_view_set_figure (self->fanin_view, oc_prune_fan_in_new (self->results, level));
}

static void
update_placeholders (OcPrunePage *self)
{
  gboolean valid = oc_spec_settings_get_spec (OC_SPEC_SETTINGS (self->settings_pane)) != NULL;
  const char *wait = "IMP levels appear here as they finish.";

  oc_figure_view_set_placeholder (self->accuracy_view,
                                  valid ? "Each level appears here as it finishes: test accuracy "
                                          "against the share of weights left, IMP against its "
                                          "controls, the dense network as a line."
                                        : "Fix the settings on the left to see this experiment.");
  oc_figure_view_set_placeholder (self->early_view, "Early-stopping iterations appear here.");
  oc_figure_view_set_placeholder (self->density_view, "Densities per layer appear here.");
  oc_figure_view_set_placeholder (self->histogram_view, wait);
  oc_figure_view_set_placeholder (self->scatter_view, wait);
  oc_figure_view_set_placeholder (self->mask_view, wait);
  oc_figure_view_set_placeholder (self->atlas_view,
                                  "The first layer’s receptive fields appear here for image "
                                  "data (a square number of inputs).");
  oc_figure_view_set_placeholder (self->fanin_view, wait);
  oc_figure_view_set_placeholder (self->overlap_view, "Two IMP levels are needed to compare "
                                                      "their masks.");
  oc_figure_view_set_placeholder (self->seeds_view, "Give two seeds or more to compare the "
                                                    "tickets they find.");
}

static void
refresh_figures (OcPrunePage *self)
{
  OcPruneResults *r = self->results;
  int last;

  update_placeholders (self);
  if (r == NULL)
    {
      oc_figure_view_set_figure (self->accuracy_view, NULL);
      oc_figure_view_set_figure (self->early_view, NULL);
      oc_figure_view_set_figure (self->density_view, NULL);
      oc_figure_view_set_figure (self->overlap_view, NULL);
      oc_figure_view_set_figure (self->seeds_view, NULL);
      refresh_level_figures (self);
      return;
    }
  oc_figure_view_set_figure (self->accuracy_view, oc_prune_accuracy_figure_new (r));
  oc_figure_view_set_figure (self->early_view, oc_prune_early_stop_figure_new (r));
  oc_figure_view_set_figure (self->density_view, oc_prune_density_figure_new (r));
  oc_figure_view_set_figure (self->overlap_view, oc_prune_overlap_figure_new (r));
  oc_figure_view_set_figure (self->seeds_view, oc_prune_seed_overlap_new (r));
  update_layers (self);
  last = last_imp_level (self);
  self->filling = TRUE;
  gtk_adjustment_set_upper (self->level_adjustment, MAX (last, 0));
  if (self->follow_level && last >= 0)
    gtk_adjustment_set_value (self->level_adjustment, last);
  self->filling = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->level_scale), last > 0);
  refresh_level_figures (self);
}

static void
on_level_changed (OcPrunePage *self)
{
  double v = gtk_adjustment_get_value (self->level_adjustment);

  /* Snap to whole levels. */
  if (v != floor (v + 0.5))
    {
      gtk_adjustment_set_value (self->level_adjustment, floor (v + 0.5));
      return;
    }
  if (self->filling)
    return;
  /* Scrubbed back: stay there while new levels arrive; at the end: follow them again. */
  self->follow_level = (int) v >= last_imp_level (self);
  refresh_level_figures (self);
}

static void
on_layer_changed (OcPrunePage *self)
{
  if (!self->filling)
    refresh_level_figures (self);
}

/* ---- Status ---- */

static void
update_actions (OcPrunePage *self)
{
  gboolean running = oc_prune_page_get_running (self);
  gboolean valid = oc_spec_settings_get_spec (OC_SPEC_SETTINGS (self->settings_pane)) != NULL;
  guint planned = self->results ? oc_prune_results_get_n_points (self->results) : 0;
  guint finished = self->results ? oc_prune_results_get_n_finished (self->results) : 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prune.run", !running && valid);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prune.stop", running);
  gtk_widget_set_sensitive (GTK_WIDGET (self->settings_pane), !running);
  adw_button_content_set_label (self->run_content,
                                planned > 0 && finished == planned ? "_Run Again"
                                : finished > 0                     ? "_Resume"
                                                                   : "_Run");
}

static void
update_summary (OcPrunePage *self)
{
  g_autoptr (GString) s = g_string_new (NULL);

  if (self->results == NULL)
    {
      const char *error = oc_spec_settings_get_error (OC_SPEC_SETTINGS (self->settings_pane));

      g_string_append (s, error ? error : "");
    }
  else
    {
      g_autofree char *match = oc_prune_results_matching_text (self->results,
                                                                OC_PRUNE_MATCH_TOLERANCE);
      double dense = oc_prune_results_dense_accuracy (self->results);

      g_string_append_printf (s, "Experiment %s · %u levels × %u runs",
                              oc_prune_results_get_id (self->results),
                              oc_prune_results_get_n_levels (self->results),
                              oc_prune_results_get_n_points (self->results)
                              / MAX (oc_prune_results_get_n_levels (self->results), 1));
      if (isfinite (dense))
        g_string_append_printf (s, " · dense network %.2f %%", 100 * dense);
      if (match[0] != '\0')
        g_string_append_printf (s, "\nSmallest matching density (within 1 pp of dense): %s",
                                match);
    }
  g_free (self->summary);
  self->summary = g_string_free (g_steal_pointer (&s), FALSE);
  gtk_label_set_text (self->summary_label, self->summary);
}

static void
update_progress (OcPrunePage *self)
{
  double done;
  g_autofree char *status = NULL;
  GHashTableIter it;
  gpointer key;

  if (!oc_prune_page_get_running (self) || self->results == NULL)
    return;
  done = self->n_trained;
  g_hash_table_iter_init (&it, self->inflight);
  while (g_hash_table_iter_next (&it, &key, NULL))
    done += self->fractions[GPOINTER_TO_UINT (key)];
  status = g_strdup_printf ("%u of %u trainings%s", self->n_trained, self->n_to_train,
                            g_cancellable_is_cancelled (self->cancellable) ? " · stopping" : "");
  oc_run_progress_update (self->status_label, self->eta_label, self->progress_bar, status, done,
                          self->n_to_train, self->t_start);
}

static gboolean
on_tick (gpointer user_data)
{
  update_progress (user_data);
  return G_SOURCE_CONTINUE;
}

/* ---- What the store holds for the current spec ---- */

static void
load_results (OcPrunePage *self)
{
  const OcSpec *spec = oc_spec_settings_get_spec (OC_SPEC_SETTINGS (self->settings_pane));
  g_autoptr (GError) error = NULL;

  g_clear_pointer (&self->results, oc_prune_results_free);
  if (spec != NULL)
    self->results = oc_prune_results_new (spec, &error);
  if (self->results != NULL && self->store != NULL
      && oc_prune_results_load (self->results, self->store, &error) < 0)
    g_warning ("Pruning page: %s", error->message);
  self->follow_level = TRUE;
  if (self->results != NULL)
    {
      guint n = oc_prune_results_get_n_points (self->results);
      guint finished = oc_prune_results_get_n_finished (self->results);
      g_autofree char *status = NULL;

      if (finished == n)
        status = g_strdup_printf ("All %u levels are in the store", n);
      else if (finished > 0)
        status = g_strdup_printf ("%u of %u levels are in the store · Resume runs the rest",
                                  finished, n);
      else
        status = g_strdup_printf ("Ready to train %u level%s", n, n == 1 ? "" : "s");
      gtk_label_set_text (self->status_label, status);
      gtk_label_set_text (self->eta_label, "");
      gtk_progress_bar_set_fraction (self->progress_bar, n > 0 ? (double) finished / n : 0);
    }
  refresh_figures (self);
  update_summary (self);
  update_actions (self);
}

static void
on_settings_changed (OcPrunePage *self)
{
  if (!oc_prune_page_get_running (self))
    load_results (self);
}

/* ---- Running ---- */

static void
on_updates (OcPruneJob *job, GPtrArray *items, OcPrunePage *self)
{
  gboolean dirty = FALSE;

  if (job != self->job || self->results == NULL)
    return;
  for (guint i = 0; i < items->len; i++)
    {
      OcPruneUpdate *u = g_ptr_array_index (items, i);
      guint index;

      if (u->kind == OC_PRUNE_UPDATE_STARTED)
        {
          self->n_to_train = u->n_to_train;
          continue;
        }
      index = row_index (self, u->control, u->seed, u->level_index);
      if (u->kind == OC_PRUNE_UPDATE_PROGRESS)
        {
          g_autofree char *label = g_strdup_printf ("%s · seed %" G_GUINT64_FORMAT " · level %u",
                                                    oc_control_to_string (u->control), u->seed,
                                                    u->level_index);
          g_autofree char *text = g_strdup_printf ("%.0f %%", 100 * u->fraction);

          self->fractions[index] = u->fraction;
          g_hash_table_add (self->inflight, GUINT_TO_POINTER (index));
          oc_point_progress_set (self->running, index, label, u->fraction, text);
        }
      else if (u->kind == OC_PRUNE_UPDATE_LEVEL)
        {
          g_hash_table_remove (self->inflight, GUINT_TO_POINTER (index));
          oc_point_progress_remove (self->running, index);
          if (!u->reused)
            self->n_trained++;
          self->n_received++;
          self->n_failed += u->level->row->point->status != OC_STATUS_FINISHED;
          oc_prune_results_add (self->results, g_steal_pointer (&u->level));
          dirty = TRUE;
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
  g_autoptr (OcPrunePage) self = user_data;
  OcPruneJob *job = OC_PRUNE_JOB (source);
  g_autoptr (GError) error = NULL;
  gboolean ok = oc_prune_job_run_finish (job, result, &error);
  gboolean cancelled = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_autofree char *message = NULL;

  oc_prune_job_get_delivery_stats (job, &self->n_deliveries, &self->max_batch);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->tick_id, g_source_remove);
  g_clear_pointer (&self->fractions, g_free);
  if (self->disposed)
    return;
  g_hash_table_remove_all (self->inflight);
  oc_point_progress_clear (self->running);
  if (ok && self->n_to_train == 0)
    message = g_strdup ("Every level was already in the store");
  else if (ok && self->n_failed > 0)
    message = g_strdup_printf ("Pruning finished: %u trainings, %u diverged (recorded as such)",
                               self->n_trained, self->n_failed);
  else if (ok)
    message = g_strdup_printf ("Pruning finished: %u training%s", self->n_trained,
                               self->n_trained == 1 ? "" : "s");
  else if (cancelled)
    message = g_strdup_printf ("Stopped: %u finished level%s kept in the store",
                               self->n_received, self->n_received == 1 ? " is" : "s are");
  else
    message = g_strdup (error->message);
  oc_run_progress_finish (self->status_label, self->eta_label, self->progress_bar,
                          ok ? NULL : error,
                          self->results == NULL ? -1
                          : (double) oc_prune_results_get_n_finished (self->results)
                            / MAX (oc_prune_results_get_n_points (self->results), 1),
                          self->t_start);
  if (self->store != NULL && self->n_received > 0 && self->results != NULL)
    g_signal_emit (self, signals[RUN_STORED], 0, oc_prune_results_get_id (self->results));
  if (gtk_widget_get_root (GTK_WIDGET (self)) != NULL)
    oc_window_toast (GTK_WIDGET (self), message);
  update_actions (self);
  update_summary (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
  /* Settings changed while running wait for the run to end. */
  {
    const OcSpec *spec = oc_spec_settings_get_spec (OC_SPEC_SETTINGS (self->settings_pane));
    g_autofree char *id = spec != NULL ? oc_spec_id (spec) : NULL;

    if (self->results == NULL || g_strcmp0 (id, oc_prune_results_get_id (self->results)) != 0)
      load_results (self);
  }
}

static void
run_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  OcPrunePage *self = OC_PRUNE_PAGE (widget);
  const OcSpec *spec;
  gboolean rerun;
  guint n;

  if (oc_prune_page_get_running (self))
    return;
  oc_spec_settings_flush (OC_SPEC_SETTINGS (self->settings_pane));
  spec = oc_spec_settings_get_spec (OC_SPEC_SETTINGS (self->settings_pane));
  if (spec == NULL)
    {
      oc_window_toast (widget, oc_spec_settings_get_error (OC_SPEC_SETTINGS (self->settings_pane)));
      return;
    }
  /* Fresh from the store: occam-cli may have added levels since the preview. */
  load_results (self);
  if (self->results == NULL)
    return;
  n = oc_prune_results_get_n_points (self->results);
  rerun = oc_prune_results_get_n_finished (self->results) == n;
  if (rerun)
    {
      /* Run Again: every level anew, as occam-cli --rerun; the old ones stay until replaced. */
      g_clear_pointer (&self->results, oc_prune_results_free);
      self->results = oc_prune_results_new (spec, NULL);
      refresh_figures (self);
    }
  g_free (self->fractions);
  /* Indexed like the progress rows: every control, enabled or not. */
  self->fractions = g_new0 (double, (gsize) OC_N_CONTROLS
                                    * oc_prune_results_get_config (self->results)->seeds->len
                                    * oc_prune_results_get_n_levels (self->results));
  g_hash_table_remove_all (self->inflight);
  self->n_to_train = self->n_trained = self->n_received = self->n_failed = 0;
  self->follow_level = TRUE;
  if (self->job != NULL)
    g_signal_handlers_disconnect_by_data (self->job, self);
  g_clear_object (&self->job);
  self->job = oc_prune_job_new (spec, self->store, rerun);
  g_signal_connect (self->job, "updates", G_CALLBACK (on_updates), self);
  self->cancellable = g_cancellable_new ();
  self->t_start = g_get_monotonic_time ();
  oc_point_progress_clear (self->running);
  oc_prune_job_run_async (self->job, self->cancellable, on_run_done, g_object_ref (self));
  self->tick_id = g_timeout_add_seconds (1, on_tick, self);
  oc_run_progress_start (self->status_label, self->eta_label, self->progress_bar);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

static void
stop_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  OcPrunePage *self = OC_PRUNE_PAGE (widget);

  if (!oc_prune_page_get_running (self))
    return;
  g_cancellable_cancel (self->cancellable);
  gtk_label_set_text (self->status_label, "Stopping…");
}

/* ---- GObject ---- */

static void
oc_prune_page_dispose (GObject *object)
{
  OcPrunePage *self = OC_PRUNE_PAGE (object);

  /* A running job finishes its current steps and returns; its completion holds a reference. */
  self->disposed = TRUE;
  g_clear_handle_id (&self->tick_id, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  if (self->job != NULL)
    g_signal_handlers_disconnect_by_data (self->job, self);
  if (self->settings_pane != NULL)
    g_signal_handlers_disconnect_by_data (self->settings_pane, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), OC_TYPE_PRUNE_PAGE);

  G_OBJECT_CLASS (oc_prune_page_parent_class)->dispose (object);
}

static void
oc_prune_page_finalize (GObject *object)
{
  OcPrunePage *self = OC_PRUNE_PAGE (object);

  g_clear_object (&self->job);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->results, oc_prune_results_free);
  g_clear_pointer (&self->inflight, g_hash_table_unref);
  g_free (self->fractions);
  g_free (self->summary);

  G_OBJECT_CLASS (oc_prune_page_parent_class)->finalize (object);
}

static void
oc_prune_page_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_RUNNING:
      g_value_set_boolean (value, oc_prune_page_get_running (OC_PRUNE_PAGE (object)));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
oc_prune_page_class_init (OcPrunePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = oc_prune_page_dispose;
  object_class->finalize = oc_prune_page_finalize;
  object_class->get_property = oc_prune_page_get_property;

  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A run ended and its levels are in the store under this experiment ID. */
  signals[RUN_STORED] = g_signal_new ("run-stored", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                      0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (OC_TYPE_FIGURE_VIEW);
  g_type_ensure (OC_TYPE_PRUNE_SETTINGS);
  g_type_ensure (OC_TYPE_POINT_PROGRESS);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/occamlab/Occam/ui/oc-prune-page.ui");
#define CHILD(name) gtk_widget_class_bind_template_child (widget_class, OcPrunePage, name)
  CHILD (settings_pane);
  CHILD (run_button);
  CHILD (stop_button);
  CHILD (running);
  CHILD (run_content);
  CHILD (status_label);
  CHILD (eta_label);
  CHILD (summary_label);
  CHILD (level_label);
  CHILD (progress_bar);
  CHILD (tabs);
  CHILD (level_scale);
  CHILD (level_adjustment);
  CHILD (layer_dropdown);
  CHILD (accuracy_view);
  CHILD (early_view);
  CHILD (density_view);
  CHILD (histogram_view);
  CHILD (scatter_view);
  CHILD (atlas_view);
  CHILD (fanin_view);
  CHILD (mask_view);
  CHILD (overlap_view);
  CHILD (seeds_view);
#undef CHILD

  gtk_widget_class_install_action (widget_class, "prune.run", NULL, run_action);
  gtk_widget_class_install_action (widget_class, "prune.stop", NULL, stop_action);
}

static void
oc_prune_page_init (OcPrunePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->inflight = g_hash_table_new (g_direct_hash, g_direct_equal);
  self->follow_level = TRUE;
  g_signal_connect_swapped (self->settings_pane, "changed", G_CALLBACK (on_settings_changed),
                            self);
  g_signal_connect_swapped (self->level_adjustment, "value-changed",
                            G_CALLBACK (on_level_changed), self);
  g_signal_connect_swapped (self->layer_dropdown, "notify::selected",
                            G_CALLBACK (on_layer_changed), self);
  update_placeholders (self);
  update_actions (self);
}

/* ---- Public ---- */

void
oc_prune_page_set_settings (OcPrunePage *self, GSettings *settings)
{
  g_return_if_fail (OC_IS_PRUNE_PAGE (self));
  g_return_if_fail (self->settings == NULL);

  self->settings = g_object_ref (settings);
  oc_spec_settings_set_settings (OC_SPEC_SETTINGS (self->settings_pane), settings);
}

void
oc_prune_page_set_data (OcPrunePage *self, OcLoadedData *data)
{
  g_return_if_fail (OC_IS_PRUNE_PAGE (self));

  oc_spec_settings_set_data (OC_SPEC_SETTINGS (self->settings_pane), data);
}

void
oc_prune_page_set_store (OcPrunePage *self, OcStore *store)
{
  g_return_if_fail (OC_IS_PRUNE_PAGE (self));

  self->store = store;
  if (!oc_prune_page_get_running (self))
    load_results (self);
}

void
oc_prune_page_open_spec (OcPrunePage *self, const OcSpec *spec)
{
  g_return_if_fail (OC_IS_PRUNE_PAGE (self));

  if (oc_prune_page_get_running (self))
    return;
  oc_spec_settings_open_spec (OC_SPEC_SETTINGS (self->settings_pane), spec);
}

OcPruneSettings *
oc_prune_page_get_settings_pane (OcPrunePage *self)
{
  return self->settings_pane;
}

OcPruneResults *
oc_prune_page_get_results (OcPrunePage *self)
{
  return self->results;
}

guint
oc_prune_page_get_n_received (OcPrunePage *self)
{
  return self->n_received;
}

GPtrArray *
oc_prune_page_get_figure_views (OcPrunePage *self)
{
  const char *tab = gtk_stack_get_visible_child_name (self->tabs);
  GPtrArray *views = g_ptr_array_new ();

  if (g_strcmp0 (tab, "weights") == 0)
    {
      g_ptr_array_add (views, self->histogram_view);
      g_ptr_array_add (views, self->scatter_view);
    }
  else if (g_strcmp0 (tab, "masks") == 0)
    {
      g_ptr_array_add (views, self->atlas_view);
      g_ptr_array_add (views, self->fanin_view);
      g_ptr_array_add (views, self->mask_view);
    }
  else if (g_strcmp0 (tab, "overlap") == 0)
    {
      g_ptr_array_add (views, self->overlap_view);
      g_ptr_array_add (views, self->seeds_view);
    }
  else
    {
      g_ptr_array_add (views, self->accuracy_view);
      g_ptr_array_add (views, self->early_view);
      g_ptr_array_add (views, self->density_view);
    }
  return views;
}

void
oc_prune_page_show_tab (OcPrunePage *self, const char *name)
{
  gtk_stack_set_visible_child_name (self->tabs, name);
}

void
oc_prune_page_set_level (OcPrunePage *self, guint level)
{
  gtk_adjustment_set_value (self->level_adjustment, level);
}

guint
oc_prune_page_get_level (OcPrunePage *self)
{
  return (guint) (gtk_adjustment_get_value (self->level_adjustment) + 0.5);
}

const char *
oc_prune_page_get_summary (OcPrunePage *self)
{
  return self->summary;
}

void
oc_prune_page_get_delivery_stats (OcPrunePage *self, guint *n_deliveries, guint *max_batch)
{
  *n_deliveries = self->n_deliveries;
  *max_batch = self->max_batch;
}
