/* oc-workspace.c — see oc-workspace.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "oc-workspace.h"

struct _OcWorkspace
{
  GObject       parent_instance;

  GSettings    *settings;
  OcStore      *store;
  char         *store_error;
  OcLoadedData *data;
  gboolean      loading;
  guint         n_running;
};

enum { PROP_0, PROP_DATA, PROP_LOADING, PROP_N_RUNNING, N_PROPS };
static GParamSpec *properties[N_PROPS];
enum { DATA_REQUESTED, RUN_STORED, OPEN_SPEC, RUN_ENDED, DECKS_CHANGED, RUN_UPDATED,
       N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (OcWorkspace, oc_workspace, G_TYPE_OBJECT)

static void
oc_workspace_finalize (GObject *object)
{
  OcWorkspace *self = OC_WORKSPACE (object);

  g_clear_object (&self->settings);
  g_clear_pointer (&self->store, oc_store_close);
  g_clear_pointer (&self->data, oc_loaded_data_unref);
  g_free (self->store_error);

  G_OBJECT_CLASS (oc_workspace_parent_class)->finalize (object);
}

static void
oc_workspace_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  OcWorkspace *self = OC_WORKSPACE (object);

  switch (prop_id)
    {
    case PROP_DATA:
      g_value_set_boxed (value, self->data);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    case PROP_N_RUNNING:
      g_value_set_uint (value, self->n_running);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
oc_workspace_class_init (OcWorkspaceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = oc_workspace_finalize;
  object_class->get_property = oc_workspace_get_property;

  properties[PROP_DATA] =
    g_param_spec_boxed ("data", NULL, NULL, OC_TYPE_LOADED_DATA,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_RUNNING] =
    g_param_spec_uint ("n-running", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[DATA_REQUESTED] = g_signal_new ("data-requested", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[RUN_STORED] = g_signal_new ("run-stored", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                      0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /* The spec (const OcSpec *) is borrowed for the emission. */
  signals[OPEN_SPEC] = g_signal_new ("open-spec", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
  /* (message, seconds): a run ended, saying @message after @seconds of wall time. */
  signals[RUN_ENDED] = g_signal_new ("run-ended", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING,
                                     G_TYPE_DOUBLE);
  signals[RUN_UPDATED] = g_signal_new ("run-updated", G_TYPE_FROM_CLASS (klass),
                                       G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                       G_TYPE_STRING);
  signals[DECKS_CHANGED] = g_signal_new ("decks-changed", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
oc_workspace_init (OcWorkspace *self)
{
}

OcWorkspace *
oc_workspace_new (GSettings *settings, OcStore *store, const char *store_error)
{
  OcWorkspace *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (OC_TYPE_WORKSPACE, NULL);
  self->settings = g_object_ref (settings);
  self->store = store;
  self->store_error = g_strdup (store_error);
  return self;
}

GSettings *
oc_workspace_get_settings (OcWorkspace *self)
{
  g_return_val_if_fail (OC_IS_WORKSPACE (self), NULL);
  return self->settings;
}

OcStore *
oc_workspace_get_store (OcWorkspace *self)
{
  g_return_val_if_fail (OC_IS_WORKSPACE (self), NULL);
  return self->store;
}

const char *
oc_workspace_get_store_error (OcWorkspace *self)
{
  g_return_val_if_fail (OC_IS_WORKSPACE (self), NULL);
  return self->store_error;
}

OcLoadedData *
oc_workspace_get_data (OcWorkspace *self)
{
  g_return_val_if_fail (OC_IS_WORKSPACE (self), NULL);
  return self->data;
}

void
oc_workspace_set_data (OcWorkspace *self, OcLoadedData *data)
{
  g_return_if_fail (OC_IS_WORKSPACE (self));

  if (data == self->data)
    return;
  g_clear_pointer (&self->data, oc_loaded_data_unref);
  self->data = data != NULL ? oc_loaded_data_ref (data) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATA]);
}

gboolean
oc_workspace_get_loading (OcWorkspace *self)
{
  g_return_val_if_fail (OC_IS_WORKSPACE (self), FALSE);
  return self->loading;
}

void
oc_workspace_set_loading (OcWorkspace *self, gboolean loading)
{
  g_return_if_fail (OC_IS_WORKSPACE (self));

  if (self->loading == !!loading)
    return;
  self->loading = !!loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

void
oc_workspace_request_data (OcWorkspace *self)
{
  g_return_if_fail (OC_IS_WORKSPACE (self));
  g_signal_emit (self, signals[DATA_REQUESTED], 0);
}

void
oc_workspace_run_stored (OcWorkspace *self, const char *id)
{
  g_return_if_fail (OC_IS_WORKSPACE (self));
  g_signal_emit (self, signals[RUN_STORED], 0, id);
}

void
oc_workspace_open_spec (OcWorkspace *self, const OcSpec *spec)
{
  g_return_if_fail (OC_IS_WORKSPACE (self));
  g_signal_emit (self, signals[OPEN_SPEC], 0, spec);
}

void
oc_workspace_run_began (OcWorkspace *self)
{
  g_return_if_fail (OC_IS_WORKSPACE (self));

  self->n_running++;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_RUNNING]);
}

void
oc_workspace_run_ended (OcWorkspace *self, const char *message, double seconds)
{
  g_return_if_fail (OC_IS_WORKSPACE (self));
  g_return_if_fail (self->n_running > 0);

  self->n_running--;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_RUNNING]);
  g_signal_emit (self, signals[RUN_ENDED], 0, message, seconds);
}

guint
oc_workspace_get_n_running (OcWorkspace *self)
{
  g_return_val_if_fail (OC_IS_WORKSPACE (self), 0);
  return self->n_running;
}

void
oc_workspace_decks_changed (OcWorkspace *self)
{
  g_return_if_fail (OC_IS_WORKSPACE (self));
  g_signal_emit (self, signals[DECKS_CHANGED], 0);
}

void
oc_workspace_run_updated (OcWorkspace *self, const char *id)
{
  g_return_if_fail (OC_IS_WORKSPACE (self));
  g_signal_emit (self, signals[RUN_UPDATED], 0, id);
}
