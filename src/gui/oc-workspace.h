/* oc-workspace.h — what the window's pages share: settings, the store, the loaded dataset, and
 * the requests they make of each other.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pages never call each other or the window: a page that loads data sets it here, a page that
 * stored a run says so here, a page that wants an experiment opened asks here; whoever cares
 * listens. The window owns the workspace and routes "open-spec" to the page that opens that kind.
 */
#pragma once

#include <gio/gio.h>

#include "occam/oc-spec.h"
#include "occam/oc-store.h"
#include "oc-loaded-data.h"

G_BEGIN_DECLS

#define OC_TYPE_WORKSPACE (oc_workspace_get_type ())
G_DECLARE_FINAL_TYPE (OcWorkspace, oc_workspace, OC, WORKSPACE, GObject)

/* @store (may be NULL, then @store_error says why) is taken. */
OcWorkspace  *oc_workspace_new             (GSettings *settings, OcStore *store,
                                            const char *store_error);
GSettings    *oc_workspace_get_settings    (OcWorkspace *self);
/* Where experiments are recorded, or NULL (runs still run, nothing is stored). */
OcStore      *oc_workspace_get_store       (OcWorkspace *self);
const char   *oc_workspace_get_store_error (OcWorkspace *self);

/* The dataset the Dataset page shows ("data" property; NULL before the first load). */
OcLoadedData *oc_workspace_get_data        (OcWorkspace *self);
void          oc_workspace_set_data        (OcWorkspace *self, OcLoadedData *data);
/* Whether a load is under way ("loading" property). */
gboolean      oc_workspace_get_loading     (OcWorkspace *self);
void          oc_workspace_set_loading     (OcWorkspace *self, gboolean loading);
/* Asks for the dataset the settings describe to be loaded ("data-requested"). */
void          oc_workspace_request_data    (OcWorkspace *self);

/* A run was written to the store under @id ("run-stored"). */
void          oc_workspace_run_stored      (OcWorkspace *self, const char *id);
/* A running experiment @id reported progress; what finished is in the store ("run-updated"). */
void          oc_workspace_run_updated     (OcWorkspace *self, const char *id);
/* Asks for @spec to be shown on the page that opens its kind ("open-spec"). */
void          oc_workspace_open_spec       (OcWorkspace *self, const OcSpec *spec);

/* Every page's runs, counted ("n-running"): a run began, or ended after @seconds of wall time
 * with @message ("Training finished: 1 model computed"), which "run-ended" carries. The window
 * keeps the system awake while any runs and tells of long ones that end unseen. */
void          oc_workspace_run_began       (OcWorkspace *self);
void          oc_workspace_run_ended       (OcWorkspace *self, const char *message,
                                            double seconds);
guint         oc_workspace_get_n_running   (OcWorkspace *self);

/* The decks in the store changed (a figure was pinned, a slide edited): "decks-changed". */
void          oc_workspace_decks_changed   (OcWorkspace *self);

G_END_DECLS
