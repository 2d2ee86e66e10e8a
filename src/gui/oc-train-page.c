/* oc-train-page.c — see oc-train-page.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The page owns at most one OcTrainJob. Its "updates" batches arrive on the main loop; the page
 * appends every evaluation to its curve data and keeps only the newest histogram and boundary
 * (the older ones in a batch are already out of date), then rebuilds the figures, which costs
 * well under a millisecond for thousands of points.
 */
#include <math.h>

#include "occam/oc-error.h"
#include "occam-figures/oc-train-figures.h"
#include "oc-run-progress.h"
#include "oc-run-spec.h"
#include "oc-settings-bind.h"
#include "oc-train-job.h"
#include "oc-train-page.h"
#include "oc-window.h"

struct _OcTrainPage
{
  AdwBin         parent_instance;

  GSettings     *settings;
  OcLoadedData  *data;
  OcTrainJob    *job;         /* the run in progress, or the last one */
  GCancellable  *cancellable; /* of the run in progress */
  GArray        *received;    /* OcEvalPoint */
  OcTrainResult *last_result;
  guint64        iteration, total;
  double         active_seconds;
  guint          n_deliveries, max_batch;
  gboolean       disposed;

  /* OCCAM_MAIN_LOOP_GAPS=1: a 10 ms timer measures how long the main loop stalls during a run. */
  guint          gap_timer;
  gint64         gap_last, gap_max;

  /* The experiment of the run in progress, in the store (when there is one). */
  OcStore       *store; /* the window's */
  OcSpec        *spec;
  char          *experiment_id;
  char          *started;
  gint64         t_start;
  gboolean       created;

  /* Template children. */
  AdwEntryRow   *hidden_row;
  AdwComboRow   *activation_row, *init_row, *loss_row, *optimizer_row, *schedule_row;
  GtkSpinButton *lr_spin, *batch_spin, *epochs_spin, *iterations_spin, *eval_every_spin;
  GtkSpinButton *seed_spin;
  GtkWidget     *settings_box, *start_button, *pause_button, *stop_button;
  AdwButtonContent *pause_content;
  GtkLabel      *status_label, *speed_label, *summary_label;
  GtkProgressBar *progress_bar;
  OcFigureView  *curves_view, *hist_view, *boundary_view;
};

enum { PROP_0, PROP_RUNNING, N_PROPS };
static GParamSpec *properties[N_PROPS];
enum { RUN_STORED, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (OcTrainPage, oc_train_page, ADW_TYPE_BIN)

static const char *const activation_ids[] = { "relu", "tanh", NULL };
static const char *const activation_labels[] = { "ReLU", "tanh", NULL };
static const char *const init_ids[] = { "torch-default", "kaiming-normal", "kaiming-uniform",
                                        "glorot-normal", "glorot-uniform", NULL };
static const char *const init_labels[] = { "PyTorch default", "Kaiming normal",
                                           "Kaiming uniform", "Glorot normal", "Glorot uniform",
                                           NULL };
static const char *const loss_ids[] = { "ce", "mse", NULL };
static const char *const loss_labels[] = { "Cross-entropy", "Mean squared error", NULL };
static const char *const optimizer_ids[] = { "sgd", "momentum", "adam", "adamw", NULL };
static const char *const optimizer_labels[] = { "SGD", "SGD with momentum", "Adam", "AdamW",
                                                NULL };
static const char *const schedule_ids[] = { "constant", "step", "cosine", "inverse-sqrt", NULL };
static const char *const schedule_labels[] = { "Constant", "Step (×0.1 every 512)", "Cosine",
                                               "Inverse square root", NULL };

gboolean
oc_train_page_get_running (OcTrainPage *self)
{
  g_return_val_if_fail (OC_IS_TRAIN_PAGE (self), FALSE);

  return self->cancellable != NULL;
}

gboolean
oc_train_page_get_paused (OcTrainPage *self)
{
  g_return_val_if_fail (OC_IS_TRAIN_PAGE (self), FALSE);

  return self->cancellable != NULL && oc_train_job_get_paused (self->job);
}

static void
update_actions (OcTrainPage *self)
{
  gboolean running = oc_train_page_get_running (self);
  gboolean paused = oc_train_page_get_paused (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "train.start",
                                 !running && self->data != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "train.pause", running && !paused);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "train.resume", running && paused);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "train.stop", running);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->pause_button),
                                  paused ? "train.resume" : "train.pause");
  adw_button_content_set_label (self->pause_content, paused ? "_Resume" : "_Pause");
  adw_button_content_set_icon_name (self->pause_content,
                                    paused ? "media-playback-start-symbolic"
                                           : "media-playback-pause-symbolic");
  gtk_widget_set_sensitive (self->settings_box, !running);
}

static void
update_progress (OcTrainPage *self)
{
  g_autofree char *status = NULL, *speed = NULL, *eta = NULL, *elapsed = NULL;
  double frac = self->total ? (double) self->iteration / self->total : 0;
  double rate = self->active_seconds > 0 ? self->iteration / self->active_seconds : 0;

  gtk_progress_bar_set_fraction (self->progress_bar, CLAMP (frac, 0, 1));
  elapsed = oc_format_duration (self->active_seconds);
  eta = rate > 0 ? oc_format_duration ((self->total - self->iteration) / rate)
                 : g_strdup ("–");
  status = g_strdup_printf ("Iteration %" G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT "%s",
                            self->iteration, self->total,
                            oc_train_page_get_paused (self) ? " · paused" : "");
  speed = g_strdup_printf ("%.0f it/s · elapsed %s · ETA %s", rate, elapsed,
                           oc_train_page_get_running (self) ? eta : "0:00");
  gtk_label_set_text (self->status_label, status);
  gtk_label_set_text (self->speed_label, speed);
}

static void
on_updates (OcTrainJob *job, GPtrArray *items, OcTrainPage *self)
{
  OcTrainUpdate *newest_hist = NULL, *newest_boundary = NULL;
  gboolean new_eval = FALSE;

  if (job != self->job)
    return;
  for (guint i = 0; i < items->len; i++)
    {
      OcTrainUpdate *u = g_ptr_array_index (items, i);

      if (u->has_eval)
        {
          g_array_append_val (self->received, u->eval);
          new_eval = TRUE;
        }
      if (u->hist != NULL)
        newest_hist = u;
      if (u->boundary != NULL)
        newest_boundary = u;
      self->iteration = u->iteration;
      self->total = u->total;
      self->active_seconds = u->active_seconds;
    }
  if (new_eval)
    oc_figure_view_set_figure (self->curves_view,
                               oc_curves_figure_new (self->received, "Learning curves"));
  if (newest_hist != NULL)
    oc_figure_view_set_figure (self->hist_view, oc_weight_hist_figure_new (newest_hist->hist));
  if (newest_boundary != NULL)
    oc_figure_view_set_figure (self->boundary_view,
                               oc_boundary_figure_new (newest_boundary->boundary,
                                                       oc_train_job_get_data (job)->dataset));
  update_progress (self);
}

static char *
architecture (const OcMlp *model)
{
  GString *s = g_string_new (NULL);

  for (guint l = 0; l <= model->n_layers; l++)
    g_string_append_printf (s, "%s%u", l ? "-" : "", model->sizes[l]);
  return g_string_free (s, FALSE);
}

/* Stores how the run ended, as occam-cli train does: a finished point with its curve, a failed
 * point for a diverged run, the experiment marked cancelled for a stopped one. */
static void
record_run (OcTrainPage *self, OcTrainJob *job, const OcTrainResult *res, const GError *run_error)
{
  g_autoptr (OcStorePoint) p = NULL;
  g_autoptr (GError) error = NULL;
  const OcDataset *ds = oc_train_job_get_data (job)->dataset;
  const OcMlp *model = oc_train_job_get_model (job);
  const char *id = self->experiment_id;
  double seconds = (g_get_monotonic_time () - self->t_start) / 1e6;
  gboolean ok = TRUE;

  if (self->store == NULL || id == NULL)
    return;
  if (res != NULL || g_error_matches (run_error, OC_ERROR, OC_ERROR_DIVERGED))
    {
      p = oc_store_point_new (id, OC_TRAIN_POINT_KEY);
      p->status = res != NULL ? OC_STATUS_FINISHED : OC_STATUS_FAILED;
      p->error = res != NULL ? NULL : g_strdup (run_error->message);
      p->started = g_strdup (self->started);
      p->finished = oc_run_now ();
      p->seconds = seconds;
      p->threads = oc_train_job_get_config (job)->threads;
      p->architecture = model != NULL ? architecture (model) : NULL;
      p->parameters = model != NULL ? oc_mlp_parameter_count (model) : 0;
      p->n_train = ds->train.n;
      p->n_val = ds->val.n;
      p->n_test = ds->test.n;
      if (res != NULL)
        oc_store_point_set_result (p, res);
      ok = oc_store_put_point (self->store, p, NULL, &error);
      if (ok && res == NULL)
        ok = oc_store_set_experiment_status (self->store, id, OC_STATUS_FAILED, &error);
    }
  else if (g_error_matches (run_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    ok = oc_store_set_experiment_status (self->store, id, OC_STATUS_CANCELLED, &error);
  else if (self->created)
    ok = oc_store_remove_experiment (self->store, id, NULL, &error);
  else
    ok = oc_store_set_experiment_status (self->store, id, OC_STATUS_FAILED, &error);
  if (!ok)
    {
      g_autofree char *text = g_strdup_printf ("The run was not stored: %s", error->message);

      oc_window_toast (GTK_WIDGET (self), text);
      return;
    }
  g_signal_emit (self, signals[RUN_STORED], 0, id);
}

static gboolean
on_gap_tick (gpointer user_data)
{
  OcTrainPage *self = user_data;
  gint64 now = g_get_monotonic_time ();

  if (self->gap_last > 0 && now - self->gap_last > 50000)
    g_message ("main loop stalled %.1f ms at iteration %" G_GUINT64_FORMAT,
               (now - self->gap_last) / 1e3, self->iteration);
  if (self->gap_last > 0)
    self->gap_max = MAX (self->gap_max, now - self->gap_last);
  self->gap_last = now;
  return G_SOURCE_CONTINUE;
}

static void
on_run_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (OcTrainPage) self = user_data;
  OcTrainJob *job = OC_TRAIN_JOB (source);
  g_autoptr (GError) error = NULL;
  g_autoptr (OcTrainResult) res = oc_train_job_run_finish (job, result, &error);
  g_autofree char *message = NULL;

  oc_train_job_get_delivery_stats (job, &self->n_deliveries, &self->max_batch);
  g_clear_object (&self->cancellable);
  if (self->gap_timer != 0)
    {
      g_clear_handle_id (&self->gap_timer, g_source_remove);
      g_message ("Longest main-loop gap during the run: %.1f ms (%u deliveries, largest batch %u)",
                 self->gap_max / 1e3, self->n_deliveries, self->max_batch);
    }
  if (self->disposed)
    return;
  record_run (self, job, res, error);
  if (res != NULL)
    {
      message = g_strdup_printf ("Training finished: test error %.2f %% after %" G_GUINT64_FORMAT
                                 " iterations", 100 * res->final.test_error, res->iterations);
      self->iteration = self->total = res->iterations;
      g_clear_pointer (&self->last_result, oc_train_result_free);
      self->last_result = g_steal_pointer (&res);
      gtk_label_set_text (self->status_label, "Finished");
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      message = g_strdup ("Training stopped");
      gtk_label_set_text (self->status_label, "Stopped");
    }
  else
    {
      message = g_strdup (error->message);
      gtk_label_set_text (self->status_label, "Failed");
    }
  if (gtk_widget_get_root (GTK_WIDGET (self)) != NULL)
    oc_window_toast (GTK_WIDGET (self), message);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

static guint
blas_threads (OcTrainPage *self)
{
  guint t = g_settings_get_uint (self->settings, "blas-threads");

  /* One core stays with the window: OpenBLAS threads spin while they wait, and a spinning
   * thread on every core is what turns a smooth window into a stuttering one. */
  if (t == 0)
    t = MAX (1, g_get_num_processors () - 1);
  return t;
}

static void
start_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  OcTrainPage *self = OC_TRAIN_PAGE (widget);
  g_autoptr (GError) error = NULL;
  const char *bad_key = NULL;
  OcTrainConfig cfg;

  if (oc_train_page_get_running (self) || self->data == NULL)
    return;

  /* The settings become a spec: validated, defaults filled, and the ID the store files it under. */
  g_clear_pointer (&self->spec, oc_spec_free);
  g_clear_pointer (&self->experiment_id, g_free);
  self->spec = oc_run_spec_new (&self->data->opts, self->settings, &bad_key, &error);
  if (g_strcmp0 (bad_key, "hidden") == 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->hidden_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->hidden_row), "error");
  if (self->spec == NULL)
    {
      oc_window_toast (widget, error->message);
      return;
    }
  oc_spec_set_threads (self->spec, blas_threads (self));
  cfg = *oc_spec_get_train_config (self->spec);
  self->experiment_id = oc_spec_id (self->spec);
  self->created = FALSE;
  if (self->store != NULL
      && !oc_store_begin_experiment (self->store, self->spec, 1, &self->created, &error))
    {
      g_autofree char *text = g_strdup_printf ("This run will not be stored: %s",
                                               error->message);

      oc_window_toast (widget, text);
      g_clear_pointer (&self->experiment_id, g_free);
      g_clear_error (&error);
    }
  g_free (self->started);
  self->started = oc_run_now ();
  self->t_start = g_get_monotonic_time ();

  if (self->job != NULL)
    g_signal_handlers_disconnect_by_data (self->job, self);
  g_clear_object (&self->job);
  g_clear_pointer (&self->last_result, oc_train_result_free);
  g_array_set_size (self->received, 0);
  self->iteration = self->total = 0;
  self->active_seconds = 0;
  oc_figure_view_set_figure (self->curves_view, NULL);
  oc_figure_view_set_figure (self->hist_view, NULL);
  oc_figure_view_set_figure (self->boundary_view, NULL);
  gtk_label_set_text (self->status_label, "Starting…");

  self->job = oc_train_job_new (self->data, &cfg);
  g_signal_connect (self->job, "updates", G_CALLBACK (on_updates), self);
  self->cancellable = g_cancellable_new ();
  oc_train_job_run_async (self->job, self->cancellable, on_run_done, g_object_ref (self));
  if (g_getenv ("OCCAM_MAIN_LOOP_GAPS") != NULL)
    {
      self->gap_last = self->gap_max = 0;
      self->gap_timer = g_timeout_add (10, on_gap_tick, self);
    }
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

static void
pause_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  OcTrainPage *self = OC_TRAIN_PAGE (widget);

  if (!oc_train_page_get_running (self))
    return;
  oc_train_job_set_paused (self->job, g_str_equal (action_name, "train.pause"));
  update_actions (self);
  update_progress (self);
}

static void
stop_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  OcTrainPage *self = OC_TRAIN_PAGE (widget);

  if (!oc_train_page_get_running (self))
    return;
  gtk_label_set_text (self->status_label, "Stopping…");
  g_cancellable_cancel (self->cancellable);
}

static void
update_summary (OcTrainPage *self)
{
  g_autoptr (GArray) hidden = NULL;
  g_autoptr (GString) s = g_string_new (NULL);
  g_autofree char *title = NULL;
  g_autofree char *text = NULL;
  guint64 params = 0, prev;
  const OcDataset *ds;

  if (self->data == NULL)
    {
      gtk_label_set_text (self->summary_label,
                          "Load a dataset on the Dataset page to train on it.");
      return;
    }
  ds = self->data->dataset;
  title = oc_loaded_data_title (self->data);
  text = g_settings_get_string (self->settings, "hidden");
  if (!oc_parse_hidden (text, &hidden, NULL))
    {
      g_autofree char *line = g_strdup_printf ("%s · the hidden layers are not a list of widths",
                                               title);

      gtk_label_set_text (self->summary_label, line);
      return;
    }
  g_string_append_printf (s, "%s · %u training examples · %u", title, ds->train.n, ds->dim);
  prev = ds->dim;
  for (guint i = 0; i < hidden->len; i++)
    {
      guint w = g_array_index (hidden, guint, i);

      g_string_append_printf (s, "–%u", w);
      params += prev * w + w;
      prev = w;
    }
  params += prev * ds->n_classes * ds->n_groups + ds->n_classes * ds->n_groups;
  g_string_append_printf (s, "–%u · %" G_GUINT64_FORMAT " parameters",
                          ds->n_classes * ds->n_groups, params);
  gtk_label_set_text (self->summary_label, s->str);
}

/* ---- GObject ---- */

static void
oc_train_page_dispose (GObject *object)
{
  OcTrainPage *self = OC_TRAIN_PAGE (object);

  /* A running worker finishes its step and returns; its completion holds a page reference. */
  self->disposed = TRUE;
  g_clear_handle_id (&self->gap_timer, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  if (self->job != NULL)
    g_signal_handlers_disconnect_by_data (self->job, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), OC_TYPE_TRAIN_PAGE);

  G_OBJECT_CLASS (oc_train_page_parent_class)->dispose (object);
}

static void
oc_train_page_finalize (GObject *object)
{
  OcTrainPage *self = OC_TRAIN_PAGE (object);

  g_clear_object (&self->job);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->data, oc_loaded_data_unref);
  g_clear_pointer (&self->received, g_array_unref);
  g_clear_pointer (&self->last_result, oc_train_result_free);
  g_clear_pointer (&self->spec, oc_spec_free);
  g_free (self->experiment_id);
  g_free (self->started);

  G_OBJECT_CLASS (oc_train_page_parent_class)->finalize (object);
}

static void
oc_train_page_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  OcTrainPage *self = OC_TRAIN_PAGE (object);

  switch (prop_id)
    {
    case PROP_RUNNING:
      g_value_set_boolean (value, oc_train_page_get_running (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
oc_train_page_class_init (OcTrainPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = oc_train_page_dispose;
  object_class->finalize = oc_train_page_finalize;
  object_class->get_property = oc_train_page_get_property;

  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A run's outcome was written to the store under this experiment ID. */
  signals[RUN_STORED] = g_signal_new ("run-stored", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                      0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (OC_TYPE_FIGURE_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/occamlab/Occam/ui/oc-train-page.ui");
#define CHILD(name) gtk_widget_class_bind_template_child (widget_class, OcTrainPage, name)
  CHILD (hidden_row);
  CHILD (activation_row);
  CHILD (init_row);
  CHILD (loss_row);
  CHILD (optimizer_row);
  CHILD (schedule_row);
  CHILD (lr_spin);
  CHILD (batch_spin);
  CHILD (epochs_spin);
  CHILD (iterations_spin);
  CHILD (eval_every_spin);
  CHILD (seed_spin);
  CHILD (settings_box);
  CHILD (start_button);
  CHILD (pause_button);
  CHILD (stop_button);
  CHILD (pause_content);
  CHILD (status_label);
  CHILD (speed_label);
  CHILD (summary_label);
  CHILD (progress_bar);
  CHILD (curves_view);
  CHILD (hist_view);
  CHILD (boundary_view);
#undef CHILD

  gtk_widget_class_install_action (widget_class, "train.start", NULL, start_action);
  gtk_widget_class_install_action (widget_class, "train.pause", NULL, pause_action);
  gtk_widget_class_install_action (widget_class, "train.resume", NULL, pause_action);
  gtk_widget_class_install_action (widget_class, "train.stop", NULL, stop_action);
}

static void
oc_train_page_init (OcTrainPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->received = g_array_new (FALSE, FALSE, sizeof (OcEvalPoint));
  oc_combo_row_set_labels (self->activation_row, activation_labels);
  oc_combo_row_set_labels (self->init_row, init_labels);
  oc_combo_row_set_labels (self->loss_row, loss_labels);
  oc_combo_row_set_labels (self->optimizer_row, optimizer_labels);
  oc_combo_row_set_labels (self->schedule_row, schedule_labels);
  oc_spin_button_format_short (self->lr_spin);
  oc_spin_button_name_zero (self->iterations_spin, "Off");
  oc_spin_button_name_zero (self->eval_every_spin, "Epoch");
  gtk_widget_set_visible (GTK_WIDGET (self->boundary_view), FALSE);
  update_actions (self);
}

void
oc_train_page_set_settings (OcTrainPage *self, GSettings *settings)
{
  g_return_if_fail (OC_IS_TRAIN_PAGE (self));
  g_return_if_fail (self->settings == NULL);

  self->settings = g_object_ref (settings);
  g_settings_bind (settings, "hidden", self->hidden_row, "text", G_SETTINGS_BIND_DEFAULT);
  oc_settings_bind_choice (settings, "activation", self->activation_row, activation_ids);
  oc_settings_bind_choice (settings, "init", self->init_row, init_ids);
  oc_settings_bind_choice (settings, "loss", self->loss_row, loss_ids);
  oc_settings_bind_choice (settings, "optimizer", self->optimizer_row, optimizer_ids);
  oc_settings_bind_choice (settings, "schedule", self->schedule_row, schedule_ids);
  oc_settings_bind_spin (settings, "lr", self->lr_spin);
  oc_settings_bind_spin (settings, "batch", self->batch_spin);
  oc_settings_bind_spin (settings, "epochs", self->epochs_spin);
  oc_settings_bind_spin (settings, "iterations", self->iterations_spin);
  oc_settings_bind_spin (settings, "eval-every", self->eval_every_spin);
  oc_settings_bind_spin (settings, "seed", self->seed_spin);
  g_signal_connect_object (settings, "changed::hidden", G_CALLBACK (update_summary), self,
                           G_CONNECT_SWAPPED);
  update_summary (self);
}

void
oc_train_page_set_data (OcTrainPage *self, OcLoadedData *data)
{
  g_return_if_fail (OC_IS_TRAIN_PAGE (self));

  if (data == self->data)
    return;
  g_clear_pointer (&self->data, oc_loaded_data_unref);
  self->data = data ? oc_loaded_data_ref (data) : NULL;
  gtk_widget_set_visible (GTK_WIDGET (self->boundary_view), oc_loaded_data_is_planar (data));
  update_summary (self);
  update_actions (self);
}

const GArray *
oc_train_page_get_received (OcTrainPage *self)
{
  g_return_val_if_fail (OC_IS_TRAIN_PAGE (self), NULL);

  return self->received;
}

const OcTrainResult *
oc_train_page_get_last_result (OcTrainPage *self)
{
  g_return_val_if_fail (OC_IS_TRAIN_PAGE (self), NULL);

  return self->last_result;
}

GPtrArray *
oc_train_page_get_figure_views (OcTrainPage *self)
{
  GPtrArray *views = g_ptr_array_new ();

  g_ptr_array_add (views, self->curves_view);
  g_ptr_array_add (views, self->hist_view);
  if (gtk_widget_get_visible (GTK_WIDGET (self->boundary_view)))
    g_ptr_array_add (views, self->boundary_view);
  return views;
}

void
oc_train_page_get_delivery_stats (OcTrainPage *self, guint *n_deliveries, guint *max_batch)
{
  *n_deliveries = self->n_deliveries;
  *max_batch = self->max_batch;
}

void
oc_train_page_set_store (OcTrainPage *self, OcStore *store)
{
  g_return_if_fail (OC_IS_TRAIN_PAGE (self));

  self->store = store;
}

const char *
oc_train_page_get_experiment_id (OcTrainPage *self)
{
  g_return_val_if_fail (OC_IS_TRAIN_PAGE (self), NULL);

  return self->experiment_id;
}
