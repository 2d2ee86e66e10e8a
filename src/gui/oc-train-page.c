/* oc-train-page.c — see oc-train-page.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An OcExperimentPage: its settings are the Train rows (bound to GSettings) over the Dataset
 * page's loaded data, and every Start trains again (the spec is the experiment; the store keeps
 * the newest result). Updates append each evaluation to the curves and keep only the newest
 * histogram and boundary of a batch (the older ones are already out of date); rebuilding the
 * figures costs well under a millisecond for thousands of points.
 */
#include <glib/gi18n.h>
#include <math.h>

#include "occam/oc-error.h"
#include "occam-figures/oc-data-figures.h"
#include "occam-figures/oc-train-figures.h"
#include "oc-run-spec.h"
#include "oc-settings-bind.h"
#include "oc-train-page.h"
#include "oc-window.h"

struct _OcTrainPage
{
  OcExperimentPage parent_instance;

  GSettings     *settings;
  OcLoadedData  *data;
  OcSpec        *spec;         /* what the rows describe over the data; NULL: see spec_error */
  char          *spec_error;
  gboolean       spec_valid;   /* spec and spec_error are up to date */
  gboolean       start_when_loaded; /* History's Re-run waits for its dataset */
  GArray        *received;     /* OcEvalPoint of the current or last run */
  OcStorePoint  *last_point;   /* the last run's point, once it ended */

  /* OCCAM_MAIN_LOOP_GAPS=1: a 10 ms timer measures how long the main loop stalls during a run. */
  guint          gap_timer;
  gint64         gap_last, gap_max;

  /* Template children. */
  AdwEntryRow   *hidden_row;
  AdwComboRow   *activation_row, *init_row, *loss_row, *optimizer_row, *schedule_row;
  GtkSpinButton *lr_spin, *batch_spin, *epochs_spin, *iterations_spin, *eval_every_spin;
  GtkSpinButton *seed_spin;
  GtkWidget     *settings_box;
  OcRunBar      *run_bar;
  OcFigureView  *curves_view, *hist_view, *boundary_view;
};

G_DEFINE_FINAL_TYPE (OcTrainPage, oc_train_page, OC_TYPE_EXPERIMENT_PAGE)

static const char *const activation_ids[] = { "relu", "tanh", NULL };
static const char *const activation_labels[] = { "ReLU", "tanh", NULL };
static const char *const init_ids[] = { "torch-default", "kaiming-normal", "kaiming-uniform",
                                        "glorot-normal", "glorot-uniform", NULL };
static const char *const init_labels[] = { N_("PyTorch default"), N_("Kaiming normal"),
                                           N_("Kaiming uniform"), N_("Glorot normal"),
                                           N_("Glorot uniform"), NULL };
static const char *const loss_ids[] = { "ce", "mse", NULL };
static const char *const loss_labels[] = { N_("Cross-entropy"), N_("Mean squared error"), NULL };
static const char *const optimizer_ids[] = { "sgd", "momentum", "adam", "adamw", NULL };
static const char *const optimizer_labels[] = { "SGD", N_("SGD with momentum"), "Adam", "AdamW",
                                                NULL };
static const char *const schedule_ids[] = { "constant", "step", "cosine", "inverse-sqrt", NULL };
static const char *const schedule_labels[] = { N_("Constant"), N_("Step (×0.1 every 512)"),
                                               N_("Cosine"), N_("Inverse square root"), NULL };

/* ---- The spec the rows describe ---- */

static void
build_spec (OcTrainPage *self)
{
  g_autoptr (GError) error = NULL;
  const char *bad_key = NULL;

  g_clear_pointer (&self->spec, oc_spec_free);
  g_clear_pointer (&self->spec_error, g_free);
  self->spec_valid = TRUE;
  if (self->settings == NULL)
    return;
  if (self->data == NULL)
    {
      self->spec_error = g_strdup (_("Load a dataset on the Dataset page to train on it."));
      return;
    }
  self->spec = oc_run_spec_new (&self->data->opts, self->settings, &bad_key, &error);
  if (g_strcmp0 (bad_key, "hidden") == 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->hidden_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->hidden_row), "error");
  if (self->spec == NULL)
    {
      self->spec_error = g_strdup (error->message);
      return;
    }
}

static const OcSpec *
train_get_spec (OcExperimentPage *page, const char **why)
{
  OcTrainPage *self = OC_TRAIN_PAGE (page);

  if (!self->spec_valid)
    build_spec (self);
  if (why != NULL)
    *why = self->spec_error;
  return self->spec;
}

/* "Fashion-MNIST · 60000 training examples · 784-256-10 · 203530 parameters". */
static void
update_summary (OcTrainPage *self)
{
  const OcSpec *spec = train_get_spec (OC_EXPERIMENT_PAGE (self), NULL);
  const OcTrainConfig *cfg;
  const OcDataset *ds;
  g_autofree guint *sizes = NULL;
  g_autofree char *title = NULL, *arch = NULL, *line = NULL;
  guint64 params = 0;

  if (self->data == NULL || spec == NULL)
    {
      oc_run_bar_set_summary (self->run_bar, self->spec_error);
      return;
    }
  ds = self->data->dataset;
  cfg = oc_spec_get_train_config (spec);
  sizes = g_new (guint, cfg->n_hidden + 2);
  sizes[0] = ds->dim;
  for (guint i = 0; i < cfg->n_hidden; i++)
    sizes[i + 1] = cfg->hidden[i];
  sizes[cfg->n_hidden + 1] = ds->n_classes * ds->n_groups;
  for (guint l = 0; l <= cfg->n_hidden; l++)
    params += (guint64) sizes[l] * sizes[l + 1] + sizes[l + 1];
  title = oc_loaded_data_title (self->data);
  arch = oc_mlp_describe_sizes (sizes, cfg->n_hidden + 2);
  {
    g_autofree char *n_params = g_strdup_printf ("%" G_GUINT64_FORMAT, params);

    line = g_strdup_printf (ngettext ("%s · %u training example · %s · %s parameters",
                                      "%s · %u training examples · %s · %s parameters",
                                      ds->train.n),
                            title, ds->train.n, arch, n_params);
  }
  oc_run_bar_set_summary (self->run_bar, line);
}

static void
on_settings_changed (OcTrainPage *self, const char *key)
{
  /* The window's size and the other pages' protocols change no training. */
  if (g_str_has_prefix (key, "window-") || g_str_has_suffix (key, "-protocol"))
    return;
  self->spec_valid = FALSE;
  update_summary (self);
  oc_experiment_page_reload (OC_EXPERIMENT_PAGE (self));
}

static void
on_data_changed (OcTrainPage *self, GParamSpec *pspec, OcWorkspace *workspace)
{
  OcLoadedData *data = oc_workspace_get_data (workspace);

  g_clear_pointer (&self->data, oc_loaded_data_unref);
  self->data = data != NULL ? oc_loaded_data_ref (data) : NULL;
  gtk_widget_set_visible (GTK_WIDGET (self->boundary_view), oc_loaded_data_is_planar (data));
  self->spec_valid = FALSE;
  update_summary (self);
  oc_experiment_page_reload (OC_EXPERIMENT_PAGE (self));
  if (self->start_when_loaded && data != NULL)
    {
      self->start_when_loaded = FALSE;
      oc_experiment_page_run (OC_EXPERIMENT_PAGE (self));
    }
}

/* A failed load cancels a pending re-run; the Dataset page explains why. */
static void
on_loading_changed (OcTrainPage *self, GParamSpec *pspec, OcWorkspace *workspace)
{
  if (!oc_workspace_get_loading (workspace) && oc_workspace_get_data (workspace) != self->data)
    self->start_when_loaded = FALSE;
}

/* ---- Running ---- */

static gboolean
on_gap_tick (gpointer user_data)
{
  OcTrainPage *self = user_data;
  gint64 now = g_get_monotonic_time ();

  if (self->gap_last > 0 && now - self->gap_last > 50000)
    g_message ("main loop stalled %.1f ms", (now - self->gap_last) / 1e3);
  if (self->gap_last > 0)
    self->gap_max = MAX (self->gap_max, now - self->gap_last);
  self->gap_last = now;
  return G_SOURCE_CONTINUE;
}

static void
train_load (OcExperimentPage *page, const OcSpec *spec, OcStore *store)
{
  /* The curves of the last run stay until the next one starts. */
}

static void
train_prepare (OcExperimentPage *page, const OcRunPlan *plan, gboolean rerun, OcRunJob *job)
{
  OcTrainPage *self = OC_TRAIN_PAGE (page);
  OcBoundaryGrid grid;
  gboolean planar = oc_loaded_data_is_planar (self->data);

  if (planar)
    oc_boundary_grid_for_split (&grid, &self->data->dataset->train, OC_BOUNDARY_GRID_SIDE);
  oc_run_job_set_snapshots (job, planar ? &grid : NULL);
  oc_run_job_set_data (job, self->data);
  oc_run_job_set_threads (job, oc_run_spec_blas_threads (self->settings));
  g_array_set_size (self->received, 0);
  g_clear_pointer (&self->last_point, oc_store_point_free);
  oc_figure_view_set_figure (self->curves_view, NULL);
  oc_figure_view_set_figure (self->hist_view, NULL);
  oc_figure_view_set_figure (self->boundary_view, NULL);
  if (g_getenv ("OCCAM_MAIN_LOOP_GAPS") != NULL)
    {
      self->gap_last = self->gap_max = 0;
      self->gap_timer = g_timeout_add (10, on_gap_tick, self);
    }
}

static void
train_updates (OcExperimentPage *page, GPtrArray *items)
{
  OcTrainPage *self = OC_TRAIN_PAGE (page);
  OcRunUpdate *newest_hist = NULL, *newest_boundary = NULL;
  gboolean new_eval = FALSE;
  const char *id = oc_experiment_page_get_experiment_id (page);

  for (guint i = 0; i < items->len; i++)
    {
      OcRunUpdate *u = g_ptr_array_index (items, i);

      if (u->has_eval)
        {
          g_array_append_val (self->received, u->eval);
          new_eval = TRUE;
        }
      if (u->hist != NULL)
        newest_hist = u;
      if (u->boundary != NULL)
        newest_boundary = u;
      if (u->kind == OC_RUN_EVENT_POINT)
        {
          g_clear_pointer (&self->last_point, oc_store_point_free);
          self->last_point = g_steal_pointer (&u->point);
        }
    }
  if (new_eval)
    {
      oc_figure_view_set_figure (self->curves_view,
                                 oc_curves_figure_new (self->received, _("Learning curves")));
      oc_figure_view_set_reference (self->curves_view, id, "learning-curves", NULL);
    }
  if (newest_hist != NULL)
    {
      oc_figure_view_set_figure (self->hist_view, oc_weight_hist_figure_new (newest_hist->hist));
      oc_figure_view_set_reference (self->hist_view, id, "weight-histogram", NULL);
    }
  if (newest_boundary != NULL)
    {
      oc_figure_view_set_figure (self->boundary_view,
                                 oc_boundary_figure_new (newest_boundary->boundary,
                                                         self->data->dataset));
      oc_figure_view_set_reference (self->boundary_view, id, "decision-boundary", NULL);
    }
}

static char *
train_finished (OcExperimentPage *page, gboolean ok, const OcRunSummary *summary,
                const GError *error)
{
  OcTrainPage *self = OC_TRAIN_PAGE (page);
  const OcStorePoint *p = self->last_point;

  if (self->gap_timer != 0)
    {
      guint n_deliveries, max_batch;

      oc_experiment_page_get_delivery_stats (page, &n_deliveries, &max_batch);
      g_clear_handle_id (&self->gap_timer, g_source_remove);
      g_message ("Longest main-loop gap during the run: %.1f ms (%u deliveries, largest batch %u)",
                 self->gap_max / 1e3, n_deliveries, max_batch);
    }
  if (!ok)
    return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
             ? g_strdup (_("Training stopped")) : NULL;
  if (p == NULL)
    return NULL;
  if (p->status != OC_STATUS_FINISHED)
    return g_strdup (p->error != NULL ? p->error : _("Training failed"));
  {
    g_autofree char *its = g_strdup_printf ("%" G_GUINT64_FORMAT, p->iterations);

    return g_strdup_printf (ngettext ("Training finished: test error %.2f %% after %s iteration",
                                      "Training finished: test error %.2f %% after %s iterations",
                                      (gulong) MIN (p->iterations, G_MAXULONG)),
                            100 * p->final.test_error, its);
  }
}

/* ---- OcPage ---- */

static void
train_attached (OcExperimentPage *page, OcWorkspace *workspace)
{
  OcTrainPage *self = OC_TRAIN_PAGE (page);
  GSettings *settings = oc_workspace_get_settings (workspace);

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
  g_signal_connect_object (settings, "changed", G_CALLBACK (on_settings_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (workspace, "notify::data", G_CALLBACK (on_data_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (workspace, "notify::loading", G_CALLBACK (on_loading_changed), self,
                           G_CONNECT_SWAPPED);
  on_data_changed (self, NULL, workspace);
}

static gboolean
train_can_open (OcExperimentPage *page, const char *kind)
{
  return g_strcmp0 (kind, "train") == 0;
}

/* History's Re-run: the rows take the spec's settings, the Dataset page loads its data, and the
 * run starts once they are there. */
static void
train_open_spec (OcExperimentPage *page, const OcSpec *spec)
{
  OcTrainPage *self = OC_TRAIN_PAGE (page);
  OcWorkspace *workspace = oc_experiment_page_get_workspace (page);
  g_autoptr (GError) error = NULL;

  if (!oc_run_spec_apply (spec, self->settings, &error))
    {
      oc_window_toast (GTK_WIDGET (self), error->message);
      return;
    }
  self->start_when_loaded = TRUE;
  oc_workspace_request_data (workspace);
}

static GPtrArray *
train_get_figure_views (OcExperimentPage *page)
{
  OcTrainPage *self = OC_TRAIN_PAGE (page);

  return oc_page_views_new (self->curves_view, self->hist_view, self->boundary_view, NULL);
}

/* ---- GObject ---- */

static void
oc_train_page_dispose (GObject *object)
{
  OcTrainPage *self = OC_TRAIN_PAGE (object);

  g_clear_handle_id (&self->gap_timer, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), OC_TYPE_TRAIN_PAGE);

  G_OBJECT_CLASS (oc_train_page_parent_class)->dispose (object);
}

static void
oc_train_page_finalize (GObject *object)
{
  OcTrainPage *self = OC_TRAIN_PAGE (object);

  g_clear_object (&self->settings);
  g_clear_pointer (&self->data, oc_loaded_data_unref);
  g_clear_pointer (&self->spec, oc_spec_free);
  g_clear_pointer (&self->received, g_array_unref);
  g_clear_pointer (&self->last_point, oc_store_point_free);
  g_free (self->spec_error);

  G_OBJECT_CLASS (oc_train_page_parent_class)->finalize (object);
}

static void
oc_train_page_class_init (OcTrainPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  OcExperimentPageClass *page_class = OC_EXPERIMENT_PAGE_CLASS (klass);

  object_class->dispose = oc_train_page_dispose;
  object_class->finalize = oc_train_page_finalize;

  page_class->what = N_("Training");
  page_class->point = N_("training");
  page_class->points = N_("trainings");
  page_class->run_label = N_("_Start");
  page_class->always_rerun = TRUE;
  page_class->pausable = TRUE;
  page_class->attached = train_attached;
  page_class->get_spec = train_get_spec;
  page_class->load = train_load;
  page_class->prepare = train_prepare;
  page_class->updates = train_updates;
  page_class->finished = train_finished;
  page_class->can_open = train_can_open;
  page_class->open_spec = train_open_spec;
  page_class->get_figure_views = train_get_figure_views;

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
  CHILD (run_bar);
  CHILD (curves_view);
  CHILD (hist_view);
  CHILD (boundary_view);
#undef CHILD
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
  oc_spin_button_name_zero (self->iterations_spin, _("Off"));
  oc_spin_button_name_zero (self->batch_spin, _("Full"));
  oc_spin_button_name_zero (self->eval_every_spin, _("Epoch"));
  gtk_widget_set_visible (GTK_WIDGET (self->boundary_view), FALSE);
  oc_experiment_page_set_run_bar (OC_EXPERIMENT_PAGE (self), self->run_bar);
  oc_experiment_page_set_settings_pane (OC_EXPERIMENT_PAGE (self), self->settings_box);
}

const GArray *
oc_train_page_get_received (OcTrainPage *self)
{
  g_return_val_if_fail (OC_IS_TRAIN_PAGE (self), NULL);
  return self->received;
}

const OcStorePoint *
oc_train_page_get_last_point (OcTrainPage *self)
{
  g_return_val_if_fail (OC_IS_TRAIN_PAGE (self), NULL);
  return self->last_point;
}
