/* oc-grok-page.c — see oc-grok-page.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The page keeps an OcGrokResults: what the store holds for the settings, then every evaluation
 * a run reports (with its weight norm and Fourier share) and every point it records. Each batch
 * of updates redraws the figures of the run shown from it; a few hundred evaluations cost well
 * under a millisecond.
 */
#include <glib/gi18n.h>
#include <math.h>

#include "occam-figures/oc-grok-figures.h"
#include "oc-grok-page.h"
#include "oc-run-spec.h"
#include "oc-window.h"

struct _OcGrokPage
{
  OcExperimentPage parent_instance;

  OcGrokResults   *results;
  guint            shown;         /* the run the curves show */
  gboolean         follow;        /* show the run in progress (until the user picks one) */
  char            *steps_text;

  OcGrokSettings  *settings_pane;
  OcRunBar        *run_bar;
  GtkLabel        *steps_label;
  GtkDropDown     *run_choice, *detail_choice;
  GtkStringList   *run_names;
  OcFigureView    *accuracy_view, *measures_view, *detail_view;
};

G_DEFINE_FINAL_TYPE (OcGrokPage, oc_grok_page, OC_TYPE_EXPERIMENT_PAGE)

static const char *const detail_labels[] = {
  [OC_GROK_DETAIL_SPECTRUM] = N_("Fourier spectrum of the embedding"),
  [OC_GROK_DETAIL_PAIRS_MEMORISED] = N_("Held-out pairs when memorised"),
  [OC_GROK_DETAIL_PAIRS_FINAL] = N_("Held-out pairs at the end"),
  [OC_GROK_DETAIL_FRACTIONS] = N_("Steps against the train fraction"),
  NULL,
};

/* ---- Figures ---- */

static const OcGrokRun *
shown_run (OcGrokPage *self)
{
  if (self->results == NULL || self->shown >= oc_grok_results_get_n_runs (self->results))
    return NULL;
  return oc_grok_results_get_run (self->results, self->shown);
}

static char *
run_title (OcGrokPage *self, const OcGrokRun *run)
{
  const OcDataOptions *d = oc_spec_get_data_options (oc_grok_results_get_spec (self->results));

  if (oc_grok_results_get_modulus (self->results) > 0)
    return g_strdup_printf (_("(a + b) mod %u · %s"), d->modulus, run->label);
  return g_strdup_printf (ngettext ("%u-digit addition · %s", "%u-digit addition · %s", d->digits),
                          d->digits, run->label);
}

static void
update_steps_label (OcGrokPage *self)
{
  const OcGrokRun *run = shown_run (self);
  g_autofree char *m = NULL, *g = NULL, *ratio = NULL;

  g_clear_pointer (&self->steps_text, g_free);
  if (run == NULL || run->evals->len == 0)
    self->steps_text = g_strdup (self->results == NULL
                                   ? ""
                                   : _("Memorised: not yet · found the rule: not yet"));
  else
    {
      gboolean ended = run->status != OC_STATUS_RUNNING;

      g_autofree char *ms = g_strdup_printf ("%" G_GINT64_FORMAT, run->memorised);
      g_autofree char *gs = g_strdup_printf ("%" G_GINT64_FORMAT, run->generalised);

      m = run->memorised >= 0 ? g_strdup_printf (_("step %s"), ms)
                              : g_strdup (ended ? _("never") : _("not yet"));
      g = run->generalised >= 0 ? g_strdup_printf (_("step %s"), gs)
                                : g_strdup (ended ? _("never") : _("not yet"));
      ratio = oc_grok_format_ratio (run->memorised, run->generalised);
      self->steps_text = run->generalised >= 0 && run->memorised > 0
                           ? g_strdup_printf (_("Memorised: %s · found the rule: %s (%s later)"), m,
                                              g, ratio)
                           : g_strdup_printf (_("Memorised: %s · found the rule: %s"), m, g);
    }
  gtk_label_set_text (self->steps_label, self->steps_text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->steps_label),
                               _("Memorised: the first evaluation with train accuracy ≥ 99 %. "
                                 "Found the rule: the first with held-out accuracy ≥ 95 %."));
}

static void
refresh_figures (OcGrokPage *self)
{
  const OcGrokRun *run = shown_run (self);
  OcGrokDetail detail = (OcGrokDetail) gtk_drop_down_get_selected (self->detail_choice);
  gboolean modadd = self->results != NULL && oc_grok_results_get_modulus (self->results) > 0;
  const OcGrokSpec *v = self->results != NULL
                          ? oc_spec_get_values (oc_grok_results_get_spec (self->results)) : NULL;
  OcPlotFigure *d = NULL;
  /* The catalogue names a run by train fraction/weight decay/seed. */
  const char *id = oc_experiment_page_get_experiment_id (OC_EXPERIMENT_PAGE (self));
  g_autofree char *run_name = run != NULL
                                ? g_strdup_printf ("run=%g/%g/%" G_GUINT64_FORMAT,
                                                   run->point.train_fraction,
                                                   run->point.weight_decay, run->point.seed)
                                : NULL;
  const char *run_param[] = { run_name, NULL };

  update_steps_label (self);
  if (run == NULL || run->evals->len == 0)
    {
      oc_figure_view_set_figure (self->accuracy_view, NULL);
      oc_figure_view_set_figure (self->measures_view, NULL);
    }
  else
    {
      g_autofree char *title = run_title (self, run);

      oc_figure_view_set_figure (self->accuracy_view, oc_grok_accuracy_figure_new (run, title));
      oc_figure_view_set_figure (self->measures_view,
                                 oc_grok_measures_figure_new (run, modadd
                                                              ? _("Weight norm and Fourier share")
                                                              : _("Weight norm")));
      oc_figure_view_set_reference (self->accuracy_view, id, "accuracy", run_param);
      oc_figure_view_set_reference (self->measures_view, id, "measures", run_param);
    }
  if (run != NULL)
    switch (detail)
      {
      case OC_GROK_DETAIL_SPECTRUM:
        d = run->status == OC_STATUS_FINISHED ? oc_grok_spectrum_figure_new (run,
                                                                             v->fourier_top_k)
                                              : NULL;
        break;
      case OC_GROK_DETAIL_PAIRS_MEMORISED:
        d = oc_grok_pairs_figure_new (run, FALSE, modadd);
        break;
      case OC_GROK_DETAIL_PAIRS_FINAL:
        d = oc_grok_pairs_figure_new (run, TRUE, modadd);
        break;
      case OC_GROK_DETAIL_FRACTIONS:
      default:
        d = oc_grok_fractions_figure_new (self->results);
        break;
      }
  oc_figure_view_set_figure (self->detail_view, d);
  oc_figure_view_set_reference (self->detail_view, id,
                                detail == OC_GROK_DETAIL_SPECTRUM           ? "spectrum"
                                : detail == OC_GROK_DETAIL_PAIRS_MEMORISED ? "held-out-memorised"
                                : detail == OC_GROK_DETAIL_PAIRS_FINAL     ? "held-out-final"
                                                                           : "steps-vs-fraction",
                                run_param);
}

static void
update_placeholders (OcGrokPage *self)
{
  OcGrokDetail detail = (OcGrokDetail) gtk_drop_down_get_selected (self->detail_choice);
  gboolean valid = oc_spec_settings_get_spec (OC_SPEC_SETTINGS (self->settings_pane)) != NULL;
  gboolean modadd = self->results != NULL && oc_grok_results_get_modulus (self->results) > 0;

  oc_figure_view_set_placeholder (self->accuracy_view,
                                  valid ? _("Press Run: train and held-out accuracy appear here "
                                            "as the network trains, with the step it memorised "
                                            "and the step it found the rule.")
                                        : _("Fix the settings on the left to see this "
                                            "experiment."));
  oc_figure_view_set_placeholder (self->measures_view,
                                  valid ? (modadd ? _("The weight norm and the embedding's "
                                                      "Fourier share follow here.")
                                                  : _("The weight norm follows here."))
                                        : "");
  oc_figure_view_set_name (self->detail_view, _(detail_labels[detail]));
  switch (detail)
    {
    case OC_GROK_DETAIL_SPECTRUM:
      oc_figure_view_set_placeholder (self->detail_view,
                                      !valid ? ""
                                      : modadd ? _("The embedding's spectrum before and after "
                                                   "the jump appears when the run has finished.")
                                               : _("Fourier spectra are for modular addition."));
      break;
    case OC_GROK_DETAIL_PAIRS_MEMORISED:
      oc_figure_view_set_placeholder (self->detail_view,
                                      valid ? _("Which held-out pairs it gets right once the "
                                                "training pairs are memorised.") : "");
      break;
    case OC_GROK_DETAIL_PAIRS_FINAL:
      oc_figure_view_set_placeholder (self->detail_view,
                                      valid ? _("Which held-out pairs it gets right at the end.")
                                            : "");
      break;
    case OC_GROK_DETAIL_FRACTIONS:
    default:
      oc_figure_view_set_placeholder (self->detail_view,
                                      valid ? _("Steps to memorise and to find the rule against "
                                                "the train fraction, as runs finish.") : "");
      break;
    }
}

static void
fill_run_choice (OcGrokPage *self)
{
  guint n = self->results != NULL ? oc_grok_results_get_n_runs (self->results) : 0;
  g_autoptr (GPtrArray) names = g_ptr_array_new ();

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (names, oc_grok_results_get_run (self->results, i)->label);
  g_ptr_array_add (names, NULL);
  gtk_string_list_splice (self->run_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->run_names)),
                          (const char *const *) names->pdata);
  gtk_widget_set_visible (GTK_WIDGET (self->run_choice), n > 1);
  if (self->shown >= n)
    self->shown = 0;
  gtk_drop_down_set_selected (self->run_choice, self->shown);
}

/* ---- What the store holds, and what a run adds ---- */

static void
update_summary (OcGrokPage *self)
{
  g_autoptr (GString) s = g_string_new (NULL);
  g_autofree char *id = NULL;
  guint n, done;

  if (self->results == NULL)
    {
      oc_run_bar_set_summary (self->run_bar,
                              oc_spec_settings_get_error (OC_SPEC_SETTINGS (self->settings_pane)));
      return;
    }
  id = oc_spec_id (oc_grok_results_get_spec (self->results));
  n = oc_grok_results_get_n_runs (self->results);
  done = oc_grok_results_get_n_finished (self->results);
  g_string_append_printf (s, ngettext ("Experiment %s · %u run", "Experiment %s · %u runs", n), id,
                          n);
  if (done > 0 && done < n)
    g_string_append_printf (s, _(" · %u finished"), done);
  oc_run_bar_set_summary (self->run_bar, s->str);
}

static void
grok_load (OcExperimentPage *page, const OcSpec *spec, OcStore *store)
{
  OcGrokPage *self = OC_GROK_PAGE (page);
  g_autoptr (GError) error = NULL;

  g_clear_pointer (&self->results, oc_grok_results_free);
  if (spec != NULL)
    {
      self->results = oc_grok_results_new (spec);
      if (store != NULL && oc_grok_results_load (self->results, store, &error) < 0)
        oc_window_toast (GTK_WIDGET (self), error->message);
    }
  self->follow = TRUE;
  fill_run_choice (self);
  update_placeholders (self);
  refresh_figures (self);
  update_summary (self);
}

/* One run at a time, each step shared by every core but the window's. */
static void
grok_prepare (OcExperimentPage *page, const OcRunPlan *plan, gboolean rerun, OcRunJob *job)
{
  oc_run_job_set_threads (job, oc_run_spec_blas_threads (oc_experiment_page_get_settings (page)));
}

static void
grok_updates (OcExperimentPage *page, GPtrArray *items)
{
  OcGrokPage *self = OC_GROK_PAGE (page);
  gboolean dirty = FALSE;

  for (guint i = 0; i < items->len && self->results != NULL; i++)
    {
      OcRunUpdate *u = g_ptr_array_index (items, i);
      g_autoptr (GError) error = NULL;

      if (u->index >= oc_grok_results_get_n_runs (self->results))
        continue;
      if (u->kind == OC_RUN_EVENT_PROGRESS && u->has_eval)
        {
          oc_grok_results_add_eval (self->results, u->index, &u->eval, u->measures,
                                    u->n_measures);
          dirty = TRUE;
        }
      else if (u->kind == OC_RUN_EVENT_POINT)
        {
          if (!oc_grok_results_set_point (self->results, u->index, u->point, u->artifacts,
                                          &error))
            oc_window_toast (GTK_WIDGET (self), error->message);
          dirty = TRUE;
        }
      else
        continue;
      /* The curves follow the run in training, until the user picks one. */
      if (self->follow && self->shown != u->index)
        {
          self->shown = u->index;
          gtk_drop_down_set_selected (self->run_choice, self->shown);
        }
    }
  if (dirty)
    {
      refresh_figures (self);
      update_summary (self);
    }
}

/* ---- OcPage ---- */

static gboolean
grok_can_open (OcExperimentPage *page, const char *kind)
{
  return g_strcmp0 (kind, "grok") == 0;
}

static GPtrArray *
grok_get_figure_views (OcExperimentPage *page)
{
  OcGrokPage *self = OC_GROK_PAGE (page);

  return oc_page_views_new (self->accuracy_view, self->measures_view, self->detail_view, NULL);
}

static void
on_run_chosen (OcGrokPage *self)
{
  guint k = gtk_drop_down_get_selected (self->run_choice);

  if (k == GTK_INVALID_LIST_POSITION || k == self->shown)
    return;
  self->shown = k;
  self->follow = FALSE;
  refresh_figures (self);
}

static void
on_detail_chosen (OcGrokPage *self)
{
  update_placeholders (self);
  refresh_figures (self);
}

/* ---- GObject ---- */

static void
oc_grok_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), OC_TYPE_GROK_PAGE);
  G_OBJECT_CLASS (oc_grok_page_parent_class)->dispose (object);
}

static void
oc_grok_page_finalize (GObject *object)
{
  OcGrokPage *self = OC_GROK_PAGE (object);

  g_clear_pointer (&self->results, oc_grok_results_free);
  g_free (self->steps_text);
  G_OBJECT_CLASS (oc_grok_page_parent_class)->finalize (object);
}

static void
oc_grok_page_class_init (OcGrokPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  OcExperimentPageClass *page_class = OC_EXPERIMENT_PAGE_CLASS (klass);

  object_class->dispose = oc_grok_page_dispose;
  object_class->finalize = oc_grok_page_finalize;

  page_class->what = N_("Grokking run");
  page_class->point = N_("run");
  page_class->points = N_("runs");
  page_class->load = grok_load;
  page_class->prepare = grok_prepare;
  page_class->updates = grok_updates;
  page_class->can_open = grok_can_open;
  page_class->get_figure_views = grok_get_figure_views;

  g_type_ensure (OC_TYPE_FIGURE_VIEW);
  g_type_ensure (OC_TYPE_GROK_SETTINGS);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/occamlab/Occam/ui/oc-grok-page.ui");
#define CHILD(name) gtk_widget_class_bind_template_child (widget_class, OcGrokPage, name)
  CHILD (settings_pane);
  CHILD (run_bar);
  CHILD (steps_label);
  CHILD (run_choice);
  CHILD (detail_choice);
  CHILD (accuracy_view);
  CHILD (measures_view);
  CHILD (detail_view);
#undef CHILD
}

static void
oc_grok_page_init (OcGrokPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->follow = TRUE;
  self->run_names = gtk_string_list_new (NULL);
  gtk_drop_down_set_model (self->run_choice, G_LIST_MODEL (self->run_names));
  g_object_unref (self->run_names);
  {
    GtkStringList *details = gtk_string_list_new (NULL);

    for (guint i = 0; detail_labels[i] != NULL; i++)
      gtk_string_list_append (details, _(detail_labels[i]));
    gtk_drop_down_set_model (self->detail_choice, G_LIST_MODEL (details));
    g_object_unref (details);
  }
  g_signal_connect_swapped (self->run_choice, "notify::selected", G_CALLBACK (on_run_chosen),
                            self);
  g_signal_connect_swapped (self->detail_choice, "notify::selected",
                            G_CALLBACK (on_detail_chosen), self);
  oc_experiment_page_set_settings_pane (OC_EXPERIMENT_PAGE (self),
                                        GTK_WIDGET (self->settings_pane));
  oc_experiment_page_set_run_bar (OC_EXPERIMENT_PAGE (self), self->run_bar);
  fill_run_choice (self);
  update_placeholders (self);
}

OcGrokSettings *
oc_grok_page_get_settings_pane (OcGrokPage *self)
{
  return self->settings_pane;
}

const OcGrokResults *
oc_grok_page_get_results (OcGrokPage *self)
{
  return self->results;
}

guint
oc_grok_page_get_shown_run (OcGrokPage *self)
{
  return self->shown;
}

const char *
oc_grok_page_get_steps_text (OcGrokPage *self)
{
  return self->steps_text != NULL ? self->steps_text : "";
}

OcFigureView *
oc_grok_page_get_accuracy_view (OcGrokPage *self)
{
  return self->accuracy_view;
}

void
oc_grok_page_set_detail (OcGrokPage *self, OcGrokDetail detail)
{
  gtk_drop_down_set_selected (self->detail_choice, detail);
}
