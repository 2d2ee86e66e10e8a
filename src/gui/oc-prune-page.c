/* oc-prune-page.c — see oc-prune-page.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An OcExperimentPage: the settings column gives a prune spec; the page shows what the store
 * already holds for it (a finished experiment reappears as it was, a stopped one shows the levels
 * it kept) and the base runs the rest. Each batch of updates adds the finished levels to the
 * results and rebuilds the figures from them. The weight and mask figures follow the level slider
 * and the layer menu; Play steps the slider through the levels. The fan-in figure is drawn over
 * the mean training image once the experiment's data are loaded (off the main thread); hovering
 * a receptive field tells that unit's numbers.
 */
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "occam/oc-error.h"
#include "occam-figures/oc-data-figures.h"
#include "occam-figures/oc-prune-figures.h"
#include "oc-loaded-data.h"
#include "oc-main-profile.h"
#include "oc-prune-page.h"
#include "oc-window.h"

struct _OcPrunePage
{
  OcExperimentPage parent_instance;

  OcPruneResults  *results;
  char            *summary;
  gboolean         follow_level; /* the slider moves to each new IMP level */
  gboolean         filling;
  guint            n_received;

  OcPruneSettings *settings_pane;
  OcRunBar        *run_bar;
  GtkLabel        *level_label;
  GtkStack        *tabs;
  GtkScale        *level_scale;
  GtkAdjustment   *level_adjustment;
  GtkDropDown     *layer_dropdown;
  GtkDropDown     *sort_dropdown;
  GtkToggleButton *play_button;
  GtkWidget       *level_row;
  guint            play_source;

  OcPruneUnit     *units; /* the atlas's tiles, in its order */
  guint            n_units;

  float           *mean_image; /* [mean_dim] of the data under mean_key, or NULL */
  guint            mean_dim;
  char            *mean_key;   /* the data options it (or the load under way) is for */
  GCancellable    *mean_cancel;
  OcFigureView    *accuracy_view, *early_view, *density_view, *histogram_view, *scatter_view;
  OcFigureView    *atlas_view, *fanin_view, *mask_view, *overlap_view, *seeds_view;
  OcFigureView    *methods_view;
  GtkStackPage    *methods_page;

  /* The figures built on a worker during a run (see refresh_figures_later). */
  struct _Build   *building;     /* under way (the task owns it), or NULL */
  GCancellable    *build_cancel;
  GPtrArray       *pending;      /* of OcPruneLevel, arrived while it ran */
  gboolean         rebuild;
};

G_DEFINE_FINAL_TYPE (OcPrunePage, oc_prune_page, OC_TYPE_EXPERIMENT_PAGE)

/* Time each level stays on screen while playing. */
#define PLAY_INTERVAL_MS 700

static OcPruneSort
selected_sort (OcPrunePage *self)
{
  return gtk_drop_down_get_selected (self->sort_dropdown) == 1 ? OC_PRUNE_SORT_NORM
                                                                : OC_PRUNE_SORT_INPUTS;
}

/* The mean training image for the fan-in figure, when loaded for this level's input size. */
static const float *
mean_image_for (OcPrunePage *self, const OcPruneLevel *lv)
{
  if (self->mean_image == NULL || lv == NULL || lv->row->sizes == NULL
      || lv->row->sizes[0] != self->mean_dim)
    return NULL;
  return self->mean_image;
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
      g_autofree char *name = g_strdup_printf (_("Layer %u: %u → %u"), l + 1, lv->row->sizes[l],
                                               lv->row->sizes[l + 1]);

      gtk_string_list_append (list, name);
    }
  self->filling = TRUE;
  gtk_drop_down_set_model (self->layer_dropdown, G_LIST_MODEL (list));
  gtk_drop_down_set_selected (self->layer_dropdown, old < n ? old : 0);
  self->filling = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->layer_dropdown), n > 0);
}

/* ---- Figures: built from the results, at once or on a worker ----
 *
 * A run adds a level every few seconds, and building the page's figures from the results
 * (histograms and masks of 235,200 weights, 300 receptive fields, mask overlaps between levels)
 * takes tens of milliseconds. During a run they are built on a worker thread and handed to the
 * main loop, one build at a time. The results change only on the main thread and never while a
 * build reads them: levels that arrive meanwhile wait in @pending, go in when the build returns,
 * and the next build follows. What the user changes (level, layer, sort, settings) is built at
 * once, as before. */

static guint n_methods (OcPrunePage *self);
static void  update_summary (OcPrunePage *self);

typedef struct _Build
{
  /* What to build from: the page's results (kept alive until the build returns, see
   * prune_load) and its choices. */
  OcPruneResults *results;
  OcPruneResults *owned; /* the results the page let go of while this build read them */
  gboolean        curves; /* the curves, overlaps and methods too, not only the level's */
  gboolean        several;
  guint           level, layer;
  OcPruneSort     sort;
  float          *mean;   /* a copy of the mean image when it fits the level, or NULL */
  /* The figures (NULL where there is none). */
  OcPlotFigure   *accuracy, *early, *density, *overlap, *seeds, *methods;
  OcPlotFigure   *histogram, *scatter, *mask, *atlas, *fanin;
  OcPruneUnit    *units;
  guint           n_units;
} Build;

static void
build_free (Build *b)
{
  OcPlotFigure **all[] = { &b->accuracy, &b->early, &b->density, &b->overlap, &b->seeds,
                           &b->methods, &b->histogram, &b->scatter, &b->mask, &b->atlas,
                           &b->fanin };

  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    g_clear_pointer (all[i], oc_plot_figure_free);
  g_free (b->units);
  g_free (b->mean);
  g_clear_pointer (&b->owned, oc_prune_results_free);
  g_free (b);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Build, build_free)

/* What the page shows now, to build. */
static Build *
build_new (OcPrunePage *self, gboolean curves)
{
  Build *b = g_new0 (Build, 1);
  const OcPruneLevel *lv;
  const float *mean;

  b->results = self->results;
  b->curves = curves;
  b->several = n_methods (self) > 1;
  b->level = oc_prune_page_get_level (self);
  b->layer = selected_layer (self);
  b->sort = selected_sort (self);
  lv = self->results != NULL ? oc_prune_results_imp (self->results, b->level) : NULL;
  if ((mean = mean_image_for (self, lv)) != NULL)
    b->mean = g_memdup2 (mean, self->mean_dim * sizeof (float));
  return b;
}

/* Any thread: reads the results only. */
static void
build_run (Build *b)
{
  OcPruneResults *r = b->results;

  if (r == NULL)
    return;
  if (b->curves)
    {
      b->accuracy = oc_prune_accuracy_figure_new (r);
      b->early = oc_prune_early_stop_figure_new (r);
      b->density = oc_prune_density_figure_new (r);
      b->overlap = oc_prune_overlap_figure_new (r);
      b->seeds = oc_prune_seed_overlap_new (r);
      if (b->several)
        {
          OcPruneResults *all[1] = { r };

          b->methods = oc_prune_methods_figure_new (all, 1, OC_PRUNE_MATCH_TOLERANCE);
        }
    }
  b->units = oc_prune_units_new (r, b->level, b->sort, &b->n_units);
  b->histogram = oc_prune_histogram_new (r, b->level, b->layer);
  b->scatter = oc_prune_scatter_new (r, b->level, b->layer);
  b->mask = oc_prune_mask_figure_new (r, b->level, b->layer);
  b->atlas = oc_prune_atlas_new (r, b->level, b->sort);
  b->fanin = oc_prune_fan_in_new (r, b->level, b->mean);
}

/* Shows @b's figures. Its level figures only when the page still shows that level, layer,
 * sort and mean image (the user may have moved on while a worker built them: what they asked
 * for was built at once). */
static void
build_apply (OcPrunePage *self, Build *b)
{
  const char *id = oc_experiment_page_get_experiment_id (OC_EXPERIMENT_PAGE (self));
  g_autoptr (Build) now = build_new (self, FALSE);

  if (b->curves)
    {
      oc_figure_view_set_figure (self->accuracy_view, g_steal_pointer (&b->accuracy));
      oc_figure_view_set_figure (self->early_view, g_steal_pointer (&b->early));
      oc_figure_view_set_figure (self->density_view, g_steal_pointer (&b->density));
      oc_figure_view_set_figure (self->overlap_view, g_steal_pointer (&b->overlap));
      oc_figure_view_set_figure (self->seeds_view, g_steal_pointer (&b->seeds));
      oc_figure_view_set_figure (self->methods_view, g_steal_pointer (&b->methods));
      if (b->results != NULL)
        {
          oc_figure_view_set_reference (self->accuracy_view, id, "accuracy", NULL);
          oc_figure_view_set_reference (self->early_view, id, "early-stop", NULL);
          oc_figure_view_set_reference (self->density_view, id, "layer-density", NULL);
          oc_figure_view_set_reference (self->overlap_view, id, "mask-overlap", NULL);
          oc_figure_view_set_reference (self->seeds_view, id, "seed-overlap", NULL);
          oc_figure_view_set_reference (self->methods_view, id, "methods", NULL);
        }
    }
  if (now->level != b->level || now->layer != b->layer || now->sort != b->sort
      || (now->mean == NULL) != (b->mean == NULL))
    return;
  g_free (self->units);
  self->units = g_steal_pointer (&b->units);
  self->n_units = b->n_units;
  oc_figure_view_set_figure (self->histogram_view, g_steal_pointer (&b->histogram));
  oc_figure_view_set_figure (self->scatter_view, g_steal_pointer (&b->scatter));
  oc_figure_view_set_figure (self->mask_view, g_steal_pointer (&b->mask));
  oc_figure_view_set_figure (self->atlas_view, g_steal_pointer (&b->atlas));
  oc_figure_view_set_figure (self->fanin_view, g_steal_pointer (&b->fanin));
  if (b->results != NULL)
    {
      g_autofree char *at = g_strdup_printf ("level=%u", b->level);
      g_autofree char *in = g_strdup_printf ("layer=%u", b->layer);
      g_autofree char *by = g_strdup_printf ("sort=%s", oc_prune_sort_to_string (b->sort));
      const char *level_layer[] = { at, in, NULL }, *level_sort[] = { at, by, NULL };
      const char *level_only[] = { at, NULL };

      oc_figure_view_set_reference (self->histogram_view, id, "weight-histogram", level_layer);
      oc_figure_view_set_reference (self->scatter_view, id, "weight-scatter", level_layer);
      oc_figure_view_set_reference (self->mask_view, id, "mask", level_layer);
      oc_figure_view_set_reference (self->atlas_view, id, "receptive-fields", level_sort);
      oc_figure_view_set_reference (self->fanin_view, id, "input-fan-out", level_only);
    }
}

static void
update_level_label (OcPrunePage *self)
{
  guint level = oc_prune_page_get_level (self);
  const OcPruneLevel *lv = self->results ? oc_prune_results_imp (self->results, level) : NULL;
  g_autofree char *text = NULL;

  if (lv != NULL)
    text = g_strdup_printf (_("Level %u · %.3g %% left"), level, 100 * lv->row->density);
  else
    text = g_strdup_printf (_("Level %u"), level);
  gtk_label_set_text (self->level_label, text);
}

/* Builds and shows at once the figures of @curves (all of them) or of the level only; the main
 * thread's time is counted as figure models. */
static void
build_now (OcPrunePage *self, gboolean curves)
{
  gint64 since = oc_main_profile_now ();
  g_autoptr (Build) b = build_new (self, curves);

  build_run (b);
  build_apply (self, b);
  oc_main_profile_add (OC_MAIN_BUILD, since);
}

static void
refresh_level_figures (OcPrunePage *self)
{
  update_level_label (self);
  build_now (self, FALSE);
}

static void
update_placeholders (OcPrunePage *self)
{
  gboolean valid = oc_spec_settings_get_spec (OC_SPEC_SETTINGS (self->settings_pane)) != NULL;
  const char *wait = _("IMP levels appear here as they finish.");

  oc_figure_view_set_placeholder (self->accuracy_view,
                                  valid ? _("Each level appears here as it finishes: test "
                                            "accuracy against the share of weights left, IMP "
                                            "against its controls, the dense network as a line.")
                                        : _("Fix the settings on the left to see this "
                                            "experiment."));
  oc_figure_view_set_placeholder (self->early_view, _("Early-stopping iterations appear here."));
  oc_figure_view_set_placeholder (self->density_view, _("Densities per layer appear here."));
  oc_figure_view_set_placeholder (self->histogram_view, wait);
  oc_figure_view_set_placeholder (self->scatter_view, wait);
  oc_figure_view_set_placeholder (self->mask_view, wait);
  oc_figure_view_set_placeholder (self->atlas_view,
                                  _("The first layer’s receptive fields appear here for image "
                                    "data (a square number of inputs)."));
  oc_figure_view_set_placeholder (self->fanin_view, wait);
  oc_figure_view_set_placeholder (self->overlap_view, _("Two IMP levels are needed to compare "
                                                        "their masks."));
  oc_figure_view_set_placeholder (self->seeds_view, _("Give two seeds or more to compare the "
                                                      "tickets they find."));
  oc_figure_view_set_placeholder (self->methods_view,
                                  _("Each method’s sub-networks appear here as they finish: test "
                                    "accuracy against the share of weights left, the dense "
                                    "network as a line."));
}

/* IMP (its levels, or the dense network the others are measured against) and each method that
 * prunes at initialisation. */
static guint
n_methods (OcPrunePage *self)
{
  static const OcControl at_init[] = {
    OC_CONTROL_SNIP, OC_CONTROL_SYNFLOW, OC_CONTROL_RANDOM_INIT, OC_CONTROL_EDGE_POPUP,
  };
  const OcLotteryConfig *c = self->results != NULL
                               ? oc_prune_results_get_config (self->results)
                               : NULL;
  guint n = 1;

  if (c == NULL)
    return 0;
  for (guint i = 0; i < G_N_ELEMENTS (at_init); i++)
    n += (c->controls & (1u << at_init[i])) != 0;
  return n;
}

/* The methods tab, when the experiment compares methods. */
static void
update_methods_tab (OcPrunePage *self)
{
  gboolean several = n_methods (self) > 1;

  gtk_stack_page_set_visible (self->methods_page, several);
  if (!several && g_strcmp0 (gtk_stack_get_visible_child_name (self->tabs), "methods") == 0)
    gtk_stack_set_visible_child_name (self->tabs, "curves");
}

/* Everything but the figures: placeholders, tabs, layers, the level slider (which follows new
 * IMP levels) and its label. */
static void
update_controls (OcPrunePage *self)
{
  int last;

  update_placeholders (self);
  update_methods_tab (self);
  if (self->results != NULL)
    {
      update_layers (self);
      last = last_imp_level (self);
      self->filling = TRUE;
      gtk_adjustment_set_upper (self->level_adjustment, MAX (last, 0));
      if (self->follow_level && last >= 0)
        gtk_adjustment_set_value (self->level_adjustment, last);
      self->filling = FALSE;
      gtk_widget_set_sensitive (GTK_WIDGET (self->level_scale), last > 0);
    }
  update_level_label (self);
}

static void
refresh_figures (OcPrunePage *self)
{
  update_controls (self);
  build_now (self, TRUE);
}

static void refresh_figures_later (OcPrunePage *self);

static void
build_in_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  build_run (data);
  g_task_return_boolean (task, TRUE);
}

static void
on_built (GObject *source, GAsyncResult *result, gpointer user_data)
{
  OcPrunePage *self = OC_PRUNE_PAGE (source);
  GTask *task = G_TASK (result);
  Build *b = g_task_get_task_data (task);
  gint64 since;
  gboolean more;

  /* Disposed: nothing to show it in. */
  if (g_cancellable_is_cancelled (g_task_get_cancellable (task)) || self->building != b)
    return;
  since = oc_main_profile_now ();
  self->building = NULL;
  g_clear_object (&self->build_cancel);
  if (b->results == self->results)
    build_apply (self, b);
  /* The levels that came while it ran, and another build for them. */
  more = self->pending->len > 0 || self->rebuild;
  for (guint i = 0; i < self->pending->len; i++)
    oc_prune_results_add (self->results, g_ptr_array_index (self->pending, i));
  g_ptr_array_set_free_func (self->pending, NULL);
  g_ptr_array_set_size (self->pending, 0);
  g_ptr_array_set_free_func (self->pending, (GDestroyNotify) oc_prune_level_free);
  self->rebuild = FALSE;
  oc_main_profile_add (OC_MAIN_BUILD, since);
  if (more)
    {
      refresh_figures_later (self);
      update_summary (self);
    }
}

/* The figures of every level held, built on a worker (at most one build at a time: another
 * follows the one under way). */
static void
refresh_figures_later (OcPrunePage *self)
{
  g_autoptr (GTask) task = NULL;
  gint64 since;

  if (self->building != NULL)
    {
      self->rebuild = TRUE;
      return;
    }
  since = oc_main_profile_now ();
  update_controls (self);
  /* The rows are made on first use and kept: made here, the worker and the main thread (the
   * summary) only read them while the build runs. */
  if (self->results != NULL)
    oc_prune_results_rows (self->results);
  self->building = build_new (self, TRUE);
  self->build_cancel = g_cancellable_new ();
  task = g_task_new (self, self->build_cancel, on_built, NULL);
  g_task_set_source_tag (task, refresh_figures_later);
  g_task_set_task_data (task, self->building, (GDestroyNotify) build_free);
  g_task_run_in_thread (task, build_in_thread);
  oc_main_profile_add (OC_MAIN_BUILD, since);
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

static void
on_sort_changed (OcPrunePage *self)
{
  refresh_level_figures (self);
}

static void stop_playing (OcPrunePage *self);

static void
on_tab_changed (OcPrunePage *self)
{
  const char *tab = gtk_stack_get_visible_child_name (self->tabs);
  /* The level, its player and the layer concern the Weights and Masks tabs only: the others
   * show every level at once. */
  gboolean levels = g_strcmp0 (tab, "weights") == 0 || g_strcmp0 (tab, "masks") == 0;

  if (!levels)
    stop_playing (self);
  gtk_widget_set_visible (self->level_row, levels);
  /* The order only concerns the receptive fields. */
  gtk_widget_set_visible (GTK_WIDGET (self->sort_dropdown), g_strcmp0 (tab, "masks") == 0);
}

/* ---- Playing through the levels ---- */

static void
stop_playing (OcPrunePage *self)
{
  g_clear_handle_id (&self->play_source, g_source_remove);
  if (gtk_toggle_button_get_active (self->play_button))
    gtk_toggle_button_set_active (self->play_button, FALSE);
}

static gboolean
play_step (gpointer data)
{
  OcPrunePage *self = data;
  int last = self->results != NULL ? last_imp_level (self) : -1;
  guint level = oc_prune_page_get_level (self);

  if (last < 0 || (int) level >= last)
    {
      self->play_source = 0;
      stop_playing (self);
      return G_SOURCE_REMOVE;
    }
  /* The next level with arenas (a stopped run may have gaps). */
  while ((int) ++level < last && oc_prune_results_imp (self->results, level) == NULL)
    ;
  gtk_adjustment_set_value (self->level_adjustment, level);
  if ((int) level >= last)
    {
      self->play_source = 0;
      stop_playing (self);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
on_play_toggled (OcPrunePage *self)
{
  gboolean on = gtk_toggle_button_get_active (self->play_button);
  int last = self->results != NULL ? last_imp_level (self) : -1;

  gtk_button_set_icon_name (GTK_BUTTON (self->play_button),
                            on ? "media-playback-pause-symbolic"
                               : "media-playback-start-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->play_button),
                               on ? _("Pause") : _("Play through the levels"));
  if (!on)
    {
      g_clear_handle_id (&self->play_source, g_source_remove);
      return;
    }
  if (last <= 0)
    {
      gtk_toggle_button_set_active (self->play_button, FALSE);
      return;
    }
  /* From the start when at the end, else from where the slider is. */
  if ((int) oc_prune_page_get_level (self) >= last)
    gtk_adjustment_set_value (self->level_adjustment, 0);
  if (self->play_source == 0)
    self->play_source = g_timeout_add (PLAY_INTERVAL_MS, play_step, self);
}

/* ---- The receptive fields' tooltips ---- */

char *
oc_prune_page_describe_unit_at (OcPrunePage *self, double x, double y)
{
  OcPlotHit hit;
  const OcPruneUnit *u;

  g_return_val_if_fail (OC_IS_PRUNE_PAGE (self), NULL);

  /* The drawing's own layout: asked on every pointer move, laying the atlas out again took
   * several milliseconds of the main thread each time. */
  if (self->units == NULL || !oc_figure_view_hit_at (self->atlas_view, x, y, &hit)
      || hit.kind != OC_PLOT_HIT_IMAGE || hit.index >= self->n_units)
    return NULL;
  u = &self->units[hit.index];
  /* Translators: the unit, " · dead" or nothing, its inputs and outputs, its norm. */
  return g_strdup_printf (_("Unit %u%s\n%u surviving inputs · %u outputs\n"
                            "norm of its trained inputs ‖θ_T‖ %.3g"),
                          u->unit, u->dead ? _(" · dead") : "", u->inputs, u->outputs, u->norm);
}

static gboolean
on_atlas_tooltip (GtkWidget *widget, int x, int y, gboolean keyboard, GtkTooltip *tooltip,
                  OcPrunePage *self)
{
  g_autofree char *text = keyboard ? NULL : oc_prune_page_describe_unit_at (self, x, y);

  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* ---- The mean training image ---- */

static char *
data_key (const OcDataOptions *d)
{
  return g_strdup_printf ("%s|%s|%s|%" G_GINT64_FORMAT "|%d|%u|%" G_GUINT64_FORMAT,
                          d->name ? d->name : "", d->data_dir ? d->data_dir : "",
                          d->data_file ? d->data_file : "", d->n_train, (int) d->subset,
                          d->val_size, d->seed);
}

/* One load of the mean image: the page, and the cancellable that says whether it still wants
 * this load's result (cancelled by dispose or by a load for other data). */
typedef struct
{
  OcPrunePage  *page;
  GCancellable *cancellable;
} MeanLoad;

static void
on_mean_loaded (GObject *source, GAsyncResult *result, gpointer user_data)
{
  MeanLoad *load = user_data;
  g_autoptr (OcPrunePage) self = load->page;
  g_autoptr (GCancellable) cancellable = load->cancellable;
  g_autoptr (GError) error = NULL;
  g_autoptr (OcDataMean) mean = oc_data_mean_load_finish (result, &error);

  g_free (load);
  if (g_cancellable_is_cancelled (cancellable))
    return;
  if (mean == NULL)
    {
      /* Not loadable: the fan-in figure goes without. */
      g_debug ("Pruning page: no mean image: %s", error->message);
      return;
    }
  g_clear_object (&self->mean_cancel);
  g_free (self->mean_image);
  self->mean_image = g_steal_pointer (&mean->values);
  self->mean_dim = mean->dim;
  refresh_level_figures (self);
}

/* Starts loading @spec's data for the mean image unless it is loaded or loading already. */
static void
want_mean_image (OcPrunePage *self, const OcSpec *spec)
{
  const OcDataOptions *d = spec != NULL ? oc_spec_get_values (spec) : NULL;
  g_autofree char *key = d != NULL ? data_key (d) : NULL;

  if (key == NULL || g_strcmp0 (key, self->mean_key) == 0)
    return;
  g_cancellable_cancel (self->mean_cancel);
  g_clear_object (&self->mean_cancel);
  g_clear_pointer (&self->mean_image, g_free);
  g_free (self->mean_key);
  self->mean_key = g_steal_pointer (&key);
  self->mean_cancel = g_cancellable_new ();
  {
    MeanLoad *load = g_new (MeanLoad, 1);

    load->page = g_object_ref (self);
    load->cancellable = g_object_ref (self->mean_cancel);
    oc_data_mean_load_async (d, self->mean_cancel, on_mean_loaded, load);
  }
}

/* ---- What the store holds, and what a run adds ---- */

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

      g_string_append_printf (s, _("Experiment %s · %u levels × %u runs"),
                              oc_prune_results_get_id (self->results),
                              oc_prune_results_get_n_levels (self->results),
                              oc_prune_results_get_n_points (self->results)
                              / MAX (oc_prune_results_get_n_levels (self->results), 1));
      if (isfinite (dense))
        g_string_append_printf (s, _(" · dense network %.2f %%"), 100 * dense);
      if (match[0] != '\0')
        g_string_append_printf (s, _("\nSmallest matching density (within %g pp of dense): %s"),
                                100 * OC_PRUNE_MATCH_TOLERANCE, match);
    }
  g_free (self->summary);
  self->summary = g_string_free (g_steal_pointer (&s), FALSE);
  oc_run_bar_set_summary (self->run_bar, self->summary);
}

static void
prune_load (OcExperimentPage *page, const OcSpec *spec, OcStore *store)
{
  OcPrunePage *self = OC_PRUNE_PAGE (page);
  g_autoptr (GError) error = NULL;
  gint64 since;

  /* A build under way reads the old results: it frees them when it returns. Levels that
   * waited for it were the old experiment's. */
  if (self->building != NULL)
    self->building->owned = g_steal_pointer (&self->results);
  g_clear_pointer (&self->results, oc_prune_results_free);
  g_ptr_array_set_size (self->pending, 0);
  self->rebuild = FALSE;
  if (spec != NULL)
    self->results = oc_prune_results_new (spec, &error);
  since = oc_main_profile_now ();
  if (self->results != NULL && store != NULL
      && oc_prune_results_load (self->results, store, &error) < 0)
    oc_window_toast (GTK_WIDGET (self), error->message);
  oc_main_profile_add (OC_MAIN_STORE, since);
  stop_playing (self);
  self->follow_level = TRUE;
  if (self->results != NULL)
    want_mean_image (self, spec);
  refresh_figures (self);
  update_summary (self);
}

static void
prune_prepare (OcExperimentPage *page, const OcRunPlan *plan, gboolean rerun, OcRunJob *job)
{
  OcPrunePage *self = OC_PRUNE_PAGE (page);

  self->n_received = 0;
  self->follow_level = TRUE;
}

static void
prune_updates (OcExperimentPage *page, GPtrArray *items)
{
  OcPrunePage *self = OC_PRUNE_PAGE (page);
  gboolean dirty = FALSE;

  for (guint i = 0; i < items->len && self->results != NULL; i++)
    {
      OcRunUpdate *u = g_ptr_array_index (items, i);
      g_autoptr (GError) error = NULL;
      OcPruneLevel *level;

      if (u->kind != OC_RUN_EVENT_POINT)
        continue;
      level = oc_prune_level_new_from_point (g_steal_pointer (&u->point), u->artifacts, &error);
      if (level == NULL)
        {
          g_warning ("Pruning page: %s", error->message);
          continue;
        }
      /* Never under a build that reads the results. */
      if (self->building != NULL)
        g_ptr_array_add (self->pending, level);
      else
        oc_prune_results_add (self->results, level);
      self->n_received++;
      dirty = TRUE;
    }
  if (dirty)
    {
      refresh_figures_later (self);
      update_summary (self);
    }
}

/* ---- OcPage ---- */

static gboolean
prune_can_open (OcExperimentPage *page, const char *kind)
{
  return g_strcmp0 (kind, "prune") == 0;
}

static GPtrArray *
prune_get_figure_views (OcExperimentPage *page)
{
  OcPrunePage *self = OC_PRUNE_PAGE (page);
  const char *tab = gtk_stack_get_visible_child_name (self->tabs);

  /* The figures of the visible tab. */
  if (g_strcmp0 (tab, "weights") == 0)
    return oc_page_views_new (self->histogram_view, self->scatter_view, NULL);
  if (g_strcmp0 (tab, "masks") == 0)
    return oc_page_views_new (self->atlas_view, self->fanin_view, self->mask_view, NULL);
  if (g_strcmp0 (tab, "overlap") == 0)
    return oc_page_views_new (self->overlap_view, self->seeds_view, NULL);
  if (g_strcmp0 (tab, "methods") == 0)
    return oc_page_views_new (self->methods_view, NULL);
  return oc_page_views_new (self->accuracy_view, self->early_view, self->density_view, NULL);
}

/* ---- GObject ---- */

static void
oc_prune_page_dispose (GObject *object)
{
  OcPrunePage *self = OC_PRUNE_PAGE (object);

  g_clear_handle_id (&self->play_source, g_source_remove);
  /* The task keeps the page, and so its results, alive until the worker returns. */
  g_cancellable_cancel (self->build_cancel);
  g_clear_object (&self->build_cancel);
  self->building = NULL;
  g_cancellable_cancel (self->mean_cancel);
  g_clear_object (&self->mean_cancel);
  gtk_widget_dispose_template (GTK_WIDGET (self), OC_TYPE_PRUNE_PAGE);

  G_OBJECT_CLASS (oc_prune_page_parent_class)->dispose (object);
}

static void
oc_prune_page_finalize (GObject *object)
{
  OcPrunePage *self = OC_PRUNE_PAGE (object);

  g_clear_pointer (&self->pending, g_ptr_array_unref);
  g_clear_pointer (&self->results, oc_prune_results_free);
  g_free (self->summary);
  g_free (self->units);
  g_free (self->mean_image);
  g_free (self->mean_key);

  G_OBJECT_CLASS (oc_prune_page_parent_class)->finalize (object);
}

static void
oc_prune_page_class_init (OcPrunePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  OcExperimentPageClass *page_class = OC_EXPERIMENT_PAGE_CLASS (klass);

  object_class->dispose = oc_prune_page_dispose;
  object_class->finalize = oc_prune_page_finalize;

  page_class->what = N_("Pruning");
  page_class->point = N_("level");
  page_class->points = N_("levels");
  page_class->load = prune_load;
  page_class->prepare = prune_prepare;
  page_class->updates = prune_updates;
  page_class->can_open = prune_can_open;
  page_class->get_figure_views = prune_get_figure_views;

  g_type_ensure (OC_TYPE_FIGURE_VIEW);
  g_type_ensure (OC_TYPE_PRUNE_SETTINGS);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/occamlab/Occam/ui/oc-prune-page.ui");
#define CHILD(name) gtk_widget_class_bind_template_child (widget_class, OcPrunePage, name)
  CHILD (settings_pane);
  CHILD (run_bar);
  CHILD (level_label);
  CHILD (tabs);
  CHILD (level_scale);
  CHILD (level_adjustment);
  CHILD (layer_dropdown);
  CHILD (sort_dropdown);
  CHILD (play_button);
  CHILD (level_row);
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
  CHILD (methods_view);
  CHILD (methods_page);
#undef CHILD
}

static void
oc_prune_page_init (OcPrunePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->follow_level = TRUE;
  self->pending = g_ptr_array_new_with_free_func ((GDestroyNotify) oc_prune_level_free);
  g_signal_connect_swapped (self->level_adjustment, "value-changed",
                            G_CALLBACK (on_level_changed), self);
  g_signal_connect_swapped (self->layer_dropdown, "notify::selected",
                            G_CALLBACK (on_layer_changed), self);
  g_signal_connect_swapped (self->sort_dropdown, "notify::selected",
                            G_CALLBACK (on_sort_changed), self);
  g_signal_connect_swapped (self->play_button, "toggled", G_CALLBACK (on_play_toggled), self);
  g_signal_connect_swapped (self->tabs, "notify::visible-child-name",
                            G_CALLBACK (on_tab_changed), self);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self->atlas_view), TRUE);
  g_signal_connect (self->atlas_view, "query-tooltip", G_CALLBACK (on_atlas_tooltip), self);
  on_tab_changed (self);
  oc_experiment_page_set_settings_pane (OC_EXPERIMENT_PAGE (self),
                                        GTK_WIDGET (self->settings_pane));
  oc_experiment_page_set_run_bar (OC_EXPERIMENT_PAGE (self), self->run_bar);
  update_placeholders (self);
}

/* ---- Public ---- */

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

gboolean
oc_prune_page_get_building (OcPrunePage *self)
{
  g_return_val_if_fail (OC_IS_PRUNE_PAGE (self), FALSE);

  return self->building != NULL || self->pending->len > 0;
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
oc_prune_page_set_playing (OcPrunePage *self, gboolean playing)
{
  g_return_if_fail (OC_IS_PRUNE_PAGE (self));

  gtk_toggle_button_set_active (self->play_button, playing);
}

gboolean
oc_prune_page_get_playing (OcPrunePage *self)
{
  g_return_val_if_fail (OC_IS_PRUNE_PAGE (self), FALSE);

  return self->play_source != 0;
}

void
oc_prune_page_set_sort (OcPrunePage *self, OcPruneSort sort)
{
  g_return_if_fail (OC_IS_PRUNE_PAGE (self));

  gtk_drop_down_set_selected (self->sort_dropdown, sort == OC_PRUNE_SORT_NORM ? 1 : 0);
}

gboolean
oc_prune_page_has_mean_image (OcPrunePage *self)
{
  g_return_val_if_fail (OC_IS_PRUNE_PAGE (self), FALSE);

  return self->mean_image != NULL;
}

gboolean
oc_prune_page_get_level_controls_shown (OcPrunePage *self)
{
  g_return_val_if_fail (OC_IS_PRUNE_PAGE (self), FALSE);

  return gtk_widget_get_visible (self->level_row);
}
