/* oc-prune-page.c — see oc-prune-page.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An OcExperimentPage: the settings column gives a prune spec; the page shows what the store
 * already holds for it (a finished experiment reappears as it was, a stopped one shows the levels
 * it kept) and the base runs the rest. Each batch of updates adds the finished levels to the
 * results and rebuilds the figures from them. The weight and mask figures follow the level slider
 * and the layer menu.
 */
#include <math.h>
#include <string.h>

#include "occam/oc-error.h"
#include "occam-figures/oc-prune-figures.h"
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
  OcFigureView    *accuracy_view, *early_view, *density_view, *histogram_view, *scatter_view;
  OcFigureView    *atlas_view, *fanin_view, *mask_view, *overlap_view, *seeds_view;
};

G_DEFINE_FINAL_TYPE (OcPrunePage, oc_prune_page, OC_TYPE_EXPERIMENT_PAGE)

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
  oc_figure_view_set_figure (self->scatter_view,
                             oc_prune_scatter_new (self->results, level, layer));
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

      g_string_append_printf (s, "Experiment %s · %u levels × %u runs",
                              oc_prune_results_get_id (self->results),
                              oc_prune_results_get_n_levels (self->results),
                              oc_prune_results_get_n_points (self->results)
                              / MAX (oc_prune_results_get_n_levels (self->results), 1));
      if (isfinite (dense))
        g_string_append_printf (s, " · dense network %.2f %%", 100 * dense);
      if (match[0] != '\0')
        g_string_append_printf (s, "\nSmallest matching density (within %g pp of dense): %s",
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

  g_clear_pointer (&self->results, oc_prune_results_free);
  if (spec != NULL)
    self->results = oc_prune_results_new (spec, &error);
  if (self->results != NULL && store != NULL
      && oc_prune_results_load (self->results, store, &error) < 0)
    oc_window_toast (GTK_WIDGET (self), error->message);
  self->follow_level = TRUE;
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
      oc_prune_results_add (self->results, level);
      self->n_received++;
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
  return oc_page_views_new (self->accuracy_view, self->early_view, self->density_view, NULL);
}

/* ---- GObject ---- */

static void
oc_prune_page_dispose (GObject *object)
{
  OcPrunePage *self = OC_PRUNE_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), OC_TYPE_PRUNE_PAGE);

  G_OBJECT_CLASS (oc_prune_page_parent_class)->dispose (object);
}

static void
oc_prune_page_finalize (GObject *object)
{
  OcPrunePage *self = OC_PRUNE_PAGE (object);

  g_clear_pointer (&self->results, oc_prune_results_free);
  g_free (self->summary);

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

  page_class->what = "Pruning";
  page_class->point = "level";
  page_class->points = "levels";
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
}

static void
oc_prune_page_init (OcPrunePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->follow_level = TRUE;
  g_signal_connect_swapped (self->level_adjustment, "value-changed",
                            G_CALLBACK (on_level_changed), self);
  g_signal_connect_swapped (self->layer_dropdown, "notify::selected",
                            G_CALLBACK (on_layer_changed), self);
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
