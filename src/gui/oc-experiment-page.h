/* oc-experiment-page.h — the one pattern of a page that runs experiments.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A page that runs experiments (Train, Sweep, Pruning, and every page added later) subclasses
 * OcExperimentPage and gets the whole run lifecycle from it: the page.run / page.pause /
 * page.resume / page.stop actions, the run bar (OcRunBar) with status, ETA and a row per point in
 * training, what the store already holds for the current settings (Run, Resume or Run Again), the
 * OcRunJob on a worker, the messages when a run ends, "running" and "run-stored" for the window
 * and the History page, and the OcPage interface. The subclass says what its settings describe
 * (get_spec), shows results (load, updates) and names its figures. See src/gui/README.md.
 */
#pragma once

#include <adwaita.h>

#include "oc-page.h"
#include "oc-run-bar.h"
#include "oc-run-job.h"
#include "oc-workspace.h"

G_BEGIN_DECLS

#define OC_TYPE_EXPERIMENT_PAGE (oc_experiment_page_get_type ())
G_DECLARE_DERIVABLE_TYPE (OcExperimentPage, oc_experiment_page, OC, EXPERIMENT_PAGE, AdwBin)

struct _OcExperimentPageClass
{
  AdwBinClass parent_class;

  /* Words of the messages: what runs ("Sweep"), and what its points are ("point", "points"). */
  const char *what;
  const char *point, *points;
  /* The Run button's label when nothing is stored yet ("_Run"; Train: "_Start"). */
  const char *run_label;
  /* Train: every run computes again (the button starts training). Others resume and reuse. */
  gboolean    always_rerun;
  /* Offers Pause / Resume. */
  gboolean    pausable;

  /* Once, when attached to the window's workspace. */
  void          (*attached)         (OcExperimentPage *self, OcWorkspace *workspace);
  /* Applies edits still waiting to be validated (before a run). Default: the settings pane's. */
  void          (*flush)            (OcExperimentPage *self);
  /* The experiment the settings describe, or NULL with @why. Called often: keep it cheap.
   * Default: the settings pane's (an OcSpecSettings). */
  const OcSpec *(*get_spec)         (OcExperimentPage *self, const char **why);
  /* Shows what @store (may be NULL) holds for @spec (NULL: the settings are invalid). Never
   * called while running. */
  void          (*load)             (OcExperimentPage *self, const OcSpec *spec, OcStore *store);
  /* A run of @plan starts (fresh results when @rerun); set up @job (snapshots, data). May be
   * NULL. */
  void          (*prepare)          (OcExperimentPage *self, const OcRunPlan *plan,
                                     gboolean rerun, OcRunJob *job);
  /* Updates of the run, in order (of OcRunUpdate*; points may be stolen). */
  void          (*updates)          (OcExperimentPage *self, GPtrArray *updates);
  /* The run ended; returns the message to show, or NULL for the usual one. May be NULL. */
  char         *(*finished)         (OcExperimentPage *self, gboolean ok,
                                     const OcRunSummary *summary, const GError *error);
  /* OcPage: which kinds open here, opening one (default: into the settings pane), the figures
   * shown now. */
  gboolean      (*can_open)         (OcExperimentPage *self, const char *kind);
  void          (*open_spec)        (OcExperimentPage *self, const OcSpec *spec);
  GPtrArray    *(*get_figure_views) (OcExperimentPage *self);
};

/* Call in the subclass's init, after its template: where the run controls are. */
void             oc_experiment_page_set_run_bar   (OcExperimentPage *self, OcRunBar *bar);
/* Likewise, the settings column, insensitive while a run goes on. An OcSpecSettings is wired
 * for the page: bound to the app's settings and the loaded data once attached, its "changed"
 * reloads the page, and it is the default of flush, get_spec and open_spec. */
void             oc_experiment_page_set_settings_pane (OcExperimentPage *self, GtkWidget *pane);
OcRunBar        *oc_experiment_page_get_run_bar   (OcExperimentPage *self);
/* Calls @refresh (@self) now when the page is shown, else once when it next shows: what a hidden
 * page would redo on the main thread as every run ends (a query of the store for its menus)
 * waits until somebody looks. */
void             oc_experiment_page_refresh_when_shown (OcExperimentPage *self,
                                                        void (*refresh) (OcExperimentPage *));

/* NULL until attached. */
OcWorkspace     *oc_experiment_page_get_workspace (OcExperimentPage *self);
GSettings       *oc_experiment_page_get_settings  (OcExperimentPage *self);
OcStore         *oc_experiment_page_get_store     (OcExperimentPage *self);

/* The settings changed: show what the store holds for them (after the run, when running). */
void             oc_experiment_page_reload        (OcExperimentPage *self);
gboolean         oc_experiment_page_get_running   (OcExperimentPage *self);
gboolean         oc_experiment_page_get_paused    (OcExperimentPage *self);
/* Paused, and the run's worker has reached its next report and waits there. */
gboolean         oc_experiment_page_get_holding   (OcExperimentPage *self);
/* Run (or resume, or run again) what the settings describe; Stop keeps what finished. */
void             oc_experiment_page_run           (OcExperimentPage *self);
void             oc_experiment_page_stop          (OcExperimentPage *self);
/* The plan of the current or last run (point labels and keys), or NULL. */
const OcRunPlan *oc_experiment_page_get_plan      (OcExperimentPage *self);
/* The ID of the experiment the settings describe now, or NULL. */
const char      *oc_experiment_page_get_experiment_id (OcExperimentPage *self);
/* For tests: deliveries of the last run's mailbox and the largest batch. */
void             oc_experiment_page_get_delivery_stats (OcExperimentPage *self,
                                                        guint *n_deliveries, guint *max_batch);

G_END_DECLS
