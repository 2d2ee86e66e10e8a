/* oc-stability-page.c — see oc-stability-page.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An OcExperimentPage: the settings column gives an instability spec; the page shows what the
 * store holds for it and the base runs the rest, one point per k and seed. Each point the run
 * records is added to the results as it arrives and both figures are rebuilt from them, as
 * occam-cli plot draws them from the store.
 */
#include <glib/gi18n.h>
#include <math.h>

#include "occam/oc-error.h"
#include "occam-figures/oc-instability-figures.h"
#include "oc-run-spec.h"
#include "oc-stability-page.h"
#include "oc-window.h"
#include <inttypes.h>

/* Stored Pruning experiments the Network row lists, newest first. */
#define MAX_LISTED 60

struct _OcStabilityPage
{
  OcExperimentPage      parent_instance;

  OcInstabilityResults *results;
  char                 *id;
  guint                 n_received;
  char                 *summary;

  OcStabilitySettings  *settings_pane;
  OcRunBar             *run_bar;
  OcFigureView         *path_view, *k_view;
};

G_DEFINE_FINAL_TYPE (OcStabilityPage, oc_stability_page, OC_TYPE_EXPERIMENT_PAGE)

/* ---- Figures ---- */

static void
update_placeholders (OcStabilityPage *self)
{
  gboolean valid = oc_spec_settings_get_spec (OC_SPEC_SETTINGS (self->settings_pane)) != NULL;

  oc_figure_view_set_placeholder (self->path_view,
                                  valid ? _("Press Run: for each k, the test error along the "
                                            "straight line between two children appears here "
                                            "as soon as both have finished training.")
                                        : _("Fix the settings on the left to see this "
                                            "analysis."));
  oc_figure_view_set_placeholder (self->k_view,
                                  /* xgettext:no-c-format */
                                  valid ? _("The instability at each k appears here against k, "
                                            "with the 2 % line below which a network is "
                                            "stable.")
                                        : "");
}

static void
refresh_figures (OcStabilityPage *self)
{
  update_placeholders (self);
  oc_figure_view_set_figure (self->path_view, self->results != NULL
                                                ? oc_instability_path_figure_new (self->results)
                                                : NULL);
  oc_figure_view_set_figure (self->k_view, self->results != NULL
                                             ? oc_instability_k_figure_new (self->results)
                                             : NULL);
}

/* "Experiment 3f2a91c0 · 4 points stored" and, per k, the instability and whether it is stable. */
static void
update_summary (OcStabilityPage *self)
{
  g_autoptr (GString) s = g_string_new (NULL);

  if (self->results == NULL)
    {
      const char *error = oc_spec_settings_get_error (OC_SPEC_SETTINGS (self->settings_pane));

      g_string_append (s, error ? error : "");
    }
  else
    {
      g_autoptr (GArray) by_k = oc_instability_results_by_k (self->results);
      GPtrArray *rows = oc_instability_results_rows (self->results);
      guint64 first_stable = G_MAXUINT64;

      g_string_append_printf (s, ngettext ("Experiment %.8s · %u point stored",
                                           "Experiment %.8s · %u points stored", rows->len),
                              self->id, rows->len);
      for (guint i = 0; i < by_k->len; i++)
        {
          const OcInstabilityStat *st = &g_array_index (by_k, OcInstabilityStat, i);

          g_string_append_printf (s, "%sk = %" G_GUINT64_FORMAT ": %.2f %%", i == 0 ? "\n" : ", ",
                                  st->k, 100 * st->mean);
          if (first_stable == G_MAXUINT64 && st->mean < OC_INSTABILITY_STABLE)
            first_stable = st->k;
        }
      if (by_k->len > 0)
        {
          if (first_stable == G_MAXUINT64)
            g_string_append (s, _(" · unstable at every k"));
          else
            g_string_append_printf (s, _(" · stable (below 2 %%) from k = %" PRIu64),
                                    first_stable);
        }
    }
  g_free (self->summary);
  self->summary = g_string_free (g_steal_pointer (&s), FALSE);
  oc_run_bar_set_summary (self->run_bar, self->summary);
}

/* ---- The stored Pruning experiments ---- */

static void
refresh_sources (OcStabilityPage *self)
{
  OcStore *store = oc_experiment_page_get_store (OC_EXPERIMENT_PAGE (self));
  g_autoptr (GPtrArray) all = store != NULL ? oc_store_list_experiments (store, NULL) : NULL;
  g_autoptr (GPtrArray) prune = g_ptr_array_new ();

  for (guint i = 0; all != NULL && i < all->len && prune->len < MAX_LISTED; i++)
    {
      const OcStoreExperiment *e = all->pdata[i];

      if (e->n_finished > 0 && g_strcmp0 (e->kind, "prune") == 0)
        g_ptr_array_add (prune, (gpointer) e);
    }
  oc_stability_settings_set_sources (self->settings_pane, prune);
}

/* A page stored a run: a Pruning experiment becomes a network to analyse. */
static void
refresh_sources_page (OcExperimentPage *page)
{
  refresh_sources (OC_STABILITY_PAGE (page));
}

static void
on_run_stored (OcStabilityPage *self, const char *id)
{
  oc_experiment_page_refresh_when_shown (OC_EXPERIMENT_PAGE (self), refresh_sources_page);
}

/* ---- What the store holds, and what a run adds ---- */

static void
stability_load (OcExperimentPage *page, const OcSpec *spec, OcStore *store)
{
  OcStabilityPage *self = OC_STABILITY_PAGE (page);
  g_autoptr (GError) error = NULL;

  g_clear_pointer (&self->results, oc_instability_results_free);
  g_clear_pointer (&self->id, g_free);
  if (spec != NULL)
    {
      self->id = oc_spec_id (spec);
      if (store != NULL)
        self->results = oc_instability_results_load (store, self->id, &error);
      if (self->results == NULL)
        {
          if (error != NULL && !g_error_matches (error, OC_ERROR, OC_ERROR_NOT_FOUND))
            oc_window_toast (GTK_WIDGET (self), error->message);
          self->results = oc_instability_results_new ();
        }
    }
  refresh_figures (self);
  update_summary (self);
}

/* The children train one after the other, each on every BLAS thread but the window's. */
static void
stability_prepare (OcExperimentPage *page, const OcRunPlan *plan, gboolean rerun, OcRunJob *job)
{
  OcStabilityPage *self = OC_STABILITY_PAGE (page);

  self->n_received = 0;
  oc_run_job_set_threads (job, oc_run_spec_blas_threads (oc_experiment_page_get_settings (page)));
}

static void
stability_updates (OcExperimentPage *page, GPtrArray *items)
{
  OcStabilityPage *self = OC_STABILITY_PAGE (page);
  gboolean dirty = FALSE;

  for (guint i = 0; i < items->len && self->results != NULL; i++)
    {
      OcRunUpdate *u = g_ptr_array_index (items, i);
      g_autoptr (GError) error = NULL;

      if (u->kind != OC_RUN_EVENT_POINT)
        continue;
      if (!oc_instability_results_add_point (self->results, u->point, u->artifacts, &error))
        {
          g_warning ("Stability page: %s", error->message);
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
stability_attached (OcExperimentPage *page, OcWorkspace *workspace)
{
  OcStabilityPage *self = OC_STABILITY_PAGE (page);

  oc_stability_settings_set_store (self->settings_pane, oc_workspace_get_store (workspace));
  g_signal_connect_object (workspace, "run-stored", G_CALLBACK (on_run_stored), self,
                           G_CONNECT_SWAPPED);
  refresh_sources (self);
}

/* ---- OcPage ---- */

static gboolean
stability_can_open (OcExperimentPage *page, const char *kind)
{
  return g_strcmp0 (kind, "instability") == 0;
}

static GPtrArray *
stability_get_figure_views (OcExperimentPage *page)
{
  OcStabilityPage *self = OC_STABILITY_PAGE (page);

  return oc_page_views_new (self->path_view, self->k_view, NULL);
}

/* ---- GObject ---- */

static void
oc_stability_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), OC_TYPE_STABILITY_PAGE);

  G_OBJECT_CLASS (oc_stability_page_parent_class)->dispose (object);
}

static void
oc_stability_page_finalize (GObject *object)
{
  OcStabilityPage *self = OC_STABILITY_PAGE (object);

  g_clear_pointer (&self->results, oc_instability_results_free);
  g_free (self->id);
  g_free (self->summary);

  G_OBJECT_CLASS (oc_stability_page_parent_class)->finalize (object);
}

static void
oc_stability_page_class_init (OcStabilityPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  OcExperimentPageClass *page_class = OC_EXPERIMENT_PAGE_CLASS (klass);

  object_class->dispose = oc_stability_page_dispose;
  object_class->finalize = oc_stability_page_finalize;

  page_class->what = N_("Stability");
  page_class->point = N_("point");
  page_class->points = N_("points");
  page_class->attached = stability_attached;
  page_class->load = stability_load;
  page_class->prepare = stability_prepare;
  page_class->updates = stability_updates;
  page_class->can_open = stability_can_open;
  page_class->get_figure_views = stability_get_figure_views;

  g_type_ensure (OC_TYPE_FIGURE_VIEW);
  g_type_ensure (OC_TYPE_STABILITY_SETTINGS);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/occamlab/Occam/ui/"
                                               "oc-stability-page.ui");
#define CHILD(name) gtk_widget_class_bind_template_child (widget_class, OcStabilityPage, name)
  CHILD (settings_pane);
  CHILD (run_bar);
  CHILD (path_view);
  CHILD (k_view);
#undef CHILD
}

static void
oc_stability_page_init (OcStabilityPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  oc_experiment_page_set_settings_pane (OC_EXPERIMENT_PAGE (self),
                                        GTK_WIDGET (self->settings_pane));
  oc_experiment_page_set_run_bar (OC_EXPERIMENT_PAGE (self), self->run_bar);
  update_placeholders (self);
}

/* ---- Public ---- */

OcStabilitySettings *
oc_stability_page_get_settings_pane (OcStabilityPage *self)
{
  return self->settings_pane;
}

OcInstabilityResults *
oc_stability_page_get_results (OcStabilityPage *self)
{
  return self->results;
}

guint
oc_stability_page_get_n_received (OcStabilityPage *self)
{
  return self->n_received;
}

const char *
oc_stability_page_get_summary (OcStabilityPage *self)
{
  return self->summary;
}
