/* oc-spec-settings.c — see oc-spec-settings.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The protocol row lists Custom (index 0), the presets of the pane's kinds (1 … n_presets) and,
 * once History opened one, the stored experiment (n_presets + 1). The shared rows are template
 * children of the subclass bound into this class's private data (their offsets are the same in
 * every subclass instance).
 */
#include <glib/gi18n.h>
#include <string.h>

#include "occam/oc-error.h"
#include "occam/oc-train.h"
#include "occam-figures/oc-data-figures.h"
#include "oc-run-spec.h"
#include "oc-spec-settings.h"

/* Typing settles before the spec is rebuilt (and the page asks the store for what it holds). */
#define REBUILD_DELAY_MS 200

/* The app's settings key where panes without keys of their own (no protocol_key) remember their
 * protocol and rows: pane (its first kind) → (protocol, spec JSON). The protocol is a preset's
 * name, "" for Custom or HISTORY_PROTOCOL for an experiment opened from History. */
#define STATE_KEY        "pane-states"
#define HISTORY_PROTOCOL "@history"

typedef struct
{
  GSettings           *settings;
  OcLoadedData        *data;
  const OcSpecPreset **presets;  /* of the class's kinds, NULL-terminated */
  guint                n_presets;
  OcSpec              *history;  /* the experiment opened from History, if any */
  GtkStringList       *protocols;
  GPtrArray           *protocol_titles; /* the popover's second lines */
  OcSpec              *spec;
  char                *error;
  guint                variant;  /* get_variant() when the spec was built */
  guint                rebuild_id;
  gboolean             filling;  /* rows changed by code, not by the user */
  GtkWidget           *error_row; /* the row marked as wrong, if any */

  /* Template children of the subclass (see oc_spec_settings_class_set_template). */
  GtkWidget           *settings_box, *data_button, *anchor_box;
  AdwComboRow         *protocol_row;
  AdwActionRow        *data_row, *base_row;
  GtkLabel            *anchor_label, *error_label;
} OcSpecSettingsPrivate;

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (OcSpecSettings, oc_spec_settings, ADW_TYPE_BIN)

#define PRIV(self) ((OcSpecSettingsPrivate *) oc_spec_settings_get_instance_private (self))
#define CLASS(self) OC_SPEC_SETTINGS_GET_CLASS (self)

/* ---- Protocols ---- */

static guint
protocol_index (OcSpecSettings *self)
{
  return adw_combo_row_get_selected (PRIV (self)->protocol_row);
}

static const OcSpecPreset *
selected_preset (OcSpecSettings *self)
{
  OcSpecSettingsPrivate *priv = PRIV (self);
  guint i = protocol_index (self);

  return i >= 1 && i <= priv->n_presets ? priv->presets[i - 1] : NULL;
}

static gboolean
history_selected (OcSpecSettings *self)
{
  OcSpecSettingsPrivate *priv = PRIV (self);

  return priv->history != NULL && protocol_index (self) == priv->n_presets + 1;
}

/* The kind of the selected protocol's spec; NULL for Custom, which takes any. */
static const char *
protocol_kind (OcSpecSettings *self)
{
  const OcSpecPreset *preset = selected_preset (self);

  if (preset != NULL)
    return preset->kind;
  return history_selected (self) ? oc_spec_get_kind (PRIV (self)->history) : NULL;
}

/* Selects preset @name (Custom when NULL or unknown). FALSE when it was selected already, so no
 * notify::selected comes and the caller must refill the rows itself. */
static gboolean
select_preset (OcSpecSettings *self, const char *name)
{
  OcSpecSettingsPrivate *priv = PRIV (self);
  guint index = 0;

  for (guint i = 0; name != NULL && i < priv->n_presets; i++)
    if (g_strcmp0 (priv->presets[i]->name, name) == 0)
      index = i + 1;
  if (protocol_index (self) == index)
    return FALSE;
  adw_combo_row_set_selected (priv->protocol_row, index);
  return TRUE;
}

static void
remember_protocol (OcSpecSettings *self)
{
  OcSpecSettingsPrivate *priv = PRIV (self);
  const OcSpecPreset *preset = selected_preset (self);

  if (priv->settings != NULL && CLASS (self)->protocol_key != NULL)
    g_settings_set_string (priv->settings, CLASS (self)->protocol_key,
                           preset != NULL ? preset->name : "");
}

/* "Nakkiran et al. 2019: 784-H-10 MLP, …" → "Nakkiran et al. 2019" (and without the space a
 * translation puts before the colon). */
static char *
short_title (const char *title)
{
  const char *colon = strchr (title, ':');
  const char *end = colon != NULL ? colon : title + strlen (title);

  while (end > title)
    {
      const char *prev = g_utf8_find_prev_char (title, end);

      if (prev == NULL || !g_unichar_isspace (g_utf8_get_char (prev)))
        break;
      end = prev;
    }
  return g_strndup (title, end - title);
}

static void
on_protocol_setup (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *title = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (title), 44);
  gtk_widget_add_css_class (title, "dim-label");
  gtk_widget_add_css_class (title, "caption");
  gtk_widget_set_margin_top (box, 3);
  gtk_widget_set_margin_bottom (box, 3);
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), title);
  gtk_list_item_set_child (item, box);
}

static void
on_protocol_bind (GtkSignalListItemFactory *factory, GtkListItem *item, OcSpecSettings *self)
{
  GPtrArray *titles = PRIV (self)->protocol_titles;
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *name = gtk_widget_get_first_child (box);
  GtkWidget *title = gtk_widget_get_next_sibling (name);
  guint pos = gtk_list_item_get_position (item);

  gtk_label_set_text (GTK_LABEL (name),
                      gtk_string_object_get_string (gtk_list_item_get_item (item)));
  gtk_label_set_text (GTK_LABEL (title), pos < titles->len ? g_ptr_array_index (titles, pos) : "");
}

static void
fill_protocols (OcSpecSettings *self)
{
  OcSpecSettingsPrivate *priv = PRIV (self);
  g_autoptr (GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GPtrArray *presets = g_ptr_array_new ();

  for (const char *const *kind = CLASS (self)->kinds; *kind != NULL; kind++)
    {
      g_autofree const OcSpecPreset **list = oc_spec_presets (*kind);

      for (guint i = 0; list[i] != NULL; i++)
        g_ptr_array_add (presets, (gpointer) list[i]);
    }
  priv->n_presets = presets->len;
  g_ptr_array_add (presets, NULL);
  priv->presets = (const OcSpecPreset **) g_ptr_array_free (presets, FALSE);

  priv->protocols = gtk_string_list_new (NULL);
  priv->protocol_titles = g_ptr_array_new_with_free_func (g_free);
  gtk_string_list_append (priv->protocols, _("Custom"));
  g_ptr_array_add (priv->protocol_titles,
                   g_strdup (_("The Dataset page’s data, the Train page’s network and optimiser")));
  for (guint i = 0; i < priv->n_presets; i++)
    {
      g_autofree char *full = oc_spec_preset_title (priv->presets[i]);
      g_autofree char *name = short_title (full);
      const char *colon = strchr (full, ':');
      char *what = g_strdup (colon != NULL ? colon + 1 + (colon[1] == ' ') : "");

      gtk_string_list_append (priv->protocols, name);
      /* The popover shows the source, then what it is: "The peak shrinks". */
      what[0] = g_ascii_toupper (what[0]);
      g_ptr_array_add (priv->protocol_titles, what);
    }
  adw_combo_row_set_model (priv->protocol_row, G_LIST_MODEL (priv->protocols));
  g_signal_connect (factory, "setup", G_CALLBACK (on_protocol_setup), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (on_protocol_bind), self);
  adw_combo_row_set_list_factory (priv->protocol_row, factory);
}

/* ---- The spec ---- */

static OcSpec *
base_spec (OcSpecSettings *self, GError **error)
{
  OcSpecSettingsPrivate *priv = PRIV (self);
  const OcSpecPreset *preset = selected_preset (self);

  if (preset != NULL)
    return oc_spec_new_from_preset (preset->kind, preset->name, error);
  if (history_selected (self))
    return oc_spec_dup (priv->history);
  if (priv->data == NULL)
    {
      g_set_error (error, OC_ERROR, OC_ERROR_SPEC, _("No dataset loaded: load one on the Dataset "
                                                     "page, or choose a published protocol"));
      return NULL;
    }
  /* The Train page's network and optimiser; the subclass's rows set the rest. */
  return oc_run_spec_new_base (&priv->data->opts, priv->settings, error);
}

/* The message goes right under the group of the row it is about; the row turns red. */
static void
show_error (OcSpecSettings *self, GtkWidget *bad_row, const char *message)
{
  OcSpecSettingsPrivate *priv = PRIV (self);
  GtkWidget *group;

  if (priv->error_row != NULL)
    gtk_widget_remove_css_class (priv->error_row, "error");
  priv->error_row = message != NULL ? bad_row : NULL;
  gtk_widget_set_visible (GTK_WIDGET (priv->error_label), message != NULL);
  if (message == NULL)
    return;
  if (bad_row != NULL)
    gtk_widget_add_css_class (bad_row, "error");
  gtk_label_set_text (priv->error_label, message);
  group = gtk_widget_get_ancestor (bad_row != NULL ? bad_row : GTK_WIDGET (priv->protocol_row),
                                   ADW_TYPE_PREFERENCES_GROUP);
  gtk_box_reorder_child_after (GTK_BOX (priv->settings_box), GTK_WIDGET (priv->error_label),
                               group);
}

static void
append_label_noise (GString *s, double label_noise)
{
  if (label_noise > 0)
    g_string_append_printf (s, _(" · %g %% label noise"), 100 * label_noise);
}

static void
update_data_row (OcSpecSettings *self, const OcSpec *base)
{
  OcSpecSettingsPrivate *priv = PRIV (self);
  gboolean custom = protocol_index (self) == 0;
  const OcSpecPreset *preset = selected_preset (self);
  const OcDataOptions *d = base != NULL ? oc_spec_get_data_options (base) : NULL;
  g_autoptr (GString) s = g_string_new (NULL);

  gtk_widget_set_visible (priv->data_button, custom);
  if (custom && priv->data == NULL)
    g_string_append (s, _("No dataset loaded yet: load one on the Dataset page, or choose a "
                          "published protocol."));
  else if (custom)
    {
      g_autofree char *title = oc_loaded_data_title (priv->data);

      g_string_append_printf (s, ngettext ("From the Dataset page: %s · %u training example",
                                           "From the Dataset page: %s · %u training examples",
                                           priv->data->dataset->train.n),
                              title, priv->data->dataset->train.n);
      append_label_noise (s, priv->data->opts.label_noise);
    }
  else if (d != NULL)
    {
      g_autofree char *name = oc_dataset_display_name (d->name);

      g_string_append_printf (s, preset != NULL ? _("From the protocol: %s")
                                                : _("From the experiment: %s"), name);
      if (d->n_train >= 0)
        {
          g_autofree char *n = g_strdup_printf ("%" G_GINT64_FORMAT, d->n_train);

          g_string_append_printf (s, d->subset == OC_SUBSET_FIRST
                                       ? _(" · first %s training examples")
                                       : _(" · random %s training examples"), n);
        }
      else
        g_string_append (s, _(" · all training examples"));
      append_label_noise (s, d->label_noise);
      if (d->val_size > 0)
        g_string_append_printf (s, _(" · %u held out for early stopping"), d->val_size);
    }
  adw_action_row_set_subtitle (priv->data_row, s->str);
  gtk_widget_set_visible (priv->anchor_box, preset != NULL && preset->anchor != NULL);
  if (preset != NULL && preset->anchor != NULL)
    {
      g_autofree char *anchor = oc_spec_preset_anchor (preset);

      gtk_label_set_text (priv->anchor_label, anchor);
    }
}

/* @built: @spec is what the rows built, else the base they build on. */
static void
update_base_row (OcSpecSettings *self, const OcSpec *spec, gboolean built)
{
  const OcTrainConfig *t = spec != NULL ? oc_spec_get_train_config (spec) : NULL;
  gboolean custom = protocol_index (self) == 0;
  g_autofree char *network = NULL;
  g_autofree char *origin = NULL;
  g_autofree char *text = NULL;

  origin = CLASS (self)->network_origin != NULL ? CLASS (self)->network_origin (self) : NULL;
  /* A network of its own origin is not the base's: said once the rows build. */
  if (origin != NULL && !built)
    {
      /* Translators: where the network comes from ("the stored run 3f2a91c0"). */
      text = g_strdup_printf (_("From %s"), origin);
      adw_action_row_set_subtitle (PRIV (self)->base_row, text);
      return;
    }
  if (t == NULL)
    {
      adw_action_row_set_subtitle (PRIV (self)->base_row, custom ? _("From the Train page")
                                                                 : _("From the protocol"));
      return;
    }
  network = CLASS (self)->describe_network (self, t);
  if (origin == NULL)
    origin = g_strdup (custom ? _("the Train page") : _("the protocol"));
  /* Translators: a network's description, then where it comes from ("the protocol"). */
  text = g_strdup_printf (_("%s · from %s"), network, origin);
  adw_action_row_set_subtitle (PRIV (self)->base_row, text);
}

/* ---- Remembering the pane ---- */

/* Remembers the protocol and the spec the rows built, for the next session; only a valid spec
 * (the last one stays while the rows are being fixed), and only when it changed. */
static void
save_state (OcSpecSettings *self)
{
  OcSpecSettingsPrivate *priv = PRIV (self);
  const char *name = CLASS (self)->kinds[0], *protocol, *old_protocol, *old_json;
  const OcSpecPreset *preset = selected_preset (self);
  g_autoptr (GVariant) states = NULL;
  g_autofree char *json = NULL;
  GVariantDict dict;

  if (priv->settings == NULL || CLASS (self)->protocol_key != NULL || priv->spec == NULL)
    return;
  protocol = history_selected (self) ? HISTORY_PROTOCOL : preset != NULL ? preset->name : "";
  json = oc_spec_to_json (priv->spec, OC_SPEC_JSON_DEFAULT);
  states = g_settings_get_value (priv->settings, STATE_KEY);
  {
    g_autoptr (GVariant) old = g_variant_lookup_value (states, name, G_VARIANT_TYPE ("(ss)"));

    if (old != NULL)
      {
        g_variant_get (old, "(&s&s)", &old_protocol, &old_json);
        if (strcmp (old_protocol, protocol) == 0 && strcmp (old_json, json) == 0)
          return;
      }
  }
  g_variant_dict_init (&dict, states);
  g_variant_dict_insert (&dict, name, "(ss)", protocol, json);
  g_settings_set_value (priv->settings, STATE_KEY, g_variant_dict_end (&dict));
}

static void fill (OcSpecSettings *self, const OcSpec *spec);

/* Brings back the protocol and rows save_state remembered; FALSE when there are none (or they no
 * longer read as a spec of this pane: the pane then starts from its default protocol). */
static gboolean
restore_state (OcSpecSettings *self)
{
  OcSpecSettingsPrivate *priv = PRIV (self);
  g_autoptr (GVariant) states = g_settings_get_value (priv->settings, STATE_KEY);
  g_autoptr (GVariant) state = g_variant_lookup_value (states, CLASS (self)->kinds[0],
                                                       G_VARIANT_TYPE ("(ss)"));
  g_autoptr (OcSpec) spec = NULL;
  g_autoptr (GError) error = NULL;
  const char *protocol, *json;

  if (state == NULL)
    return FALSE;
  g_variant_get (state, "(&s&s)", &protocol, &json);
  spec = oc_spec_new_from_json (json, -1, NULL, &error);
  if (spec == NULL || !g_strv_contains (CLASS (self)->kinds, oc_spec_get_kind (spec)))
    {
      g_debug ("the %s pane's remembered settings are not used: %s", CLASS (self)->kinds[0],
               spec == NULL ? error->message : "another kind of experiment");
      return FALSE;
    }
  if (strcmp (protocol, HISTORY_PROTOCOL) == 0)
    {
      oc_spec_settings_open_spec (self, spec);
      return TRUE;
    }
  /* The protocol without its rows (a preset since removed is Custom), then the rows as left. */
  priv->filling = TRUE;
  select_preset (self, protocol[0] != '\0' ? protocol : NULL);
  priv->filling = FALSE;
  fill (self, spec);
  return TRUE;
}

static void
rebuild (OcSpecSettings *self)
{
  OcSpecSettingsPrivate *priv = PRIV (self);
  g_autoptr (OcSpec) base = NULL;
  g_autoptr (OcSpec) spec = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *old_id = priv->spec ? oc_spec_id (priv->spec) : NULL;
  g_autofree char *new_id = NULL;
  GtkWidget *bad_row = NULL;
  guint variant = CLASS (self)->get_variant != NULL ? CLASS (self)->get_variant (self) : 0;
  gboolean changed;

  g_clear_handle_id (&priv->rebuild_id, g_source_remove);
  if (priv->settings == NULL)
    return;
  base = base_spec (self, &error);
  if (base != NULL)
    spec = CLASS (self)->build (self, base, &bad_row, &error);
  show_error (self, bad_row, spec == NULL ? error->message : NULL);
  update_data_row (self, base);
  update_base_row (self, spec != NULL ? spec : base, spec != NULL);
  new_id = spec ? oc_spec_id (spec) : NULL;
  changed = g_strcmp0 (old_id, new_id) != 0 || variant != priv->variant
            || (spec == NULL && g_strcmp0 (priv->error, error->message) != 0);
  g_clear_pointer (&priv->spec, oc_spec_free);
  priv->spec = g_steal_pointer (&spec);
  g_free (priv->error);
  priv->error = priv->spec == NULL ? g_strdup (error->message) : NULL;
  priv->variant = variant;
  save_state (self);
  if (changed)
    g_signal_emit (self, signals[CHANGED], 0);
}

static gboolean
rebuild_timeout (gpointer user_data)
{
  OcSpecSettings *self = user_data;

  PRIV (self)->rebuild_id = 0;
  rebuild (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_rebuild (OcSpecSettings *self)
{
  OcSpecSettingsPrivate *priv = PRIV (self);

  if (priv->filling)
    return;
  g_clear_handle_id (&priv->rebuild_id, g_source_remove);
  priv->rebuild_id = g_timeout_add (REBUILD_DELAY_MS, rebuild_timeout, self);
}

/* ---- Signals ---- */

static void
fill (OcSpecSettings *self, const OcSpec *spec)
{
  PRIV (self)->filling = TRUE;
  CLASS (self)->fill (self, spec);
  PRIV (self)->filling = FALSE;
}

static void
on_protocol_changed (OcSpecSettings *self)
{
  const OcSpecPreset *preset = selected_preset (self);

  if (PRIV (self)->filling)
    return;
  if (preset != NULL)
    {
      g_autoptr (OcSpec) spec = oc_spec_new_from_preset (preset->kind, preset->name, NULL);

      if (spec != NULL)
        fill (self, spec);
    }
  else if (history_selected (self))
    fill (self, PRIV (self)->history);
  remember_protocol (self);
  schedule_rebuild (self);
}

static void
on_settings_changed (OcSpecSettings *self, const char *key)
{
  /* The Train page's rows are the Custom protocol's network; the window's size and the panes'
   * remembered states are nothing to it. */
  if (protocol_index (self) == 0 && !g_str_has_prefix (key, "window-")
      && strcmp (key, STATE_KEY) != 0)
    schedule_rebuild (self);
}

/* ---- GObject ---- */

static void
oc_spec_settings_constructed (GObject *object)
{
  OcSpecSettings *self = OC_SPEC_SETTINGS (object);

  G_OBJECT_CLASS (oc_spec_settings_parent_class)->constructed (object);

  /* The subclass's init built its template: the shared rows are there. */
  fill_protocols (self);
  g_signal_connect_swapped (PRIV (self)->protocol_row, "notify::selected",
                            G_CALLBACK (on_protocol_changed), self);
}

static void
oc_spec_settings_dispose (GObject *object)
{
  OcSpecSettings *self = OC_SPEC_SETTINGS (object);
  OcSpecSettingsPrivate *priv = PRIV (self);

  g_clear_handle_id (&priv->rebuild_id, g_source_remove);
  if (priv->settings != NULL)
    g_signal_handlers_disconnect_by_data (priv->settings, self);
  priv->error_row = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), G_OBJECT_TYPE (self));

  G_OBJECT_CLASS (oc_spec_settings_parent_class)->dispose (object);
}

static void
oc_spec_settings_finalize (GObject *object)
{
  OcSpecSettingsPrivate *priv = PRIV (OC_SPEC_SETTINGS (object));

  g_clear_object (&priv->settings);
  g_clear_object (&priv->protocols);
  g_clear_pointer (&priv->protocol_titles, g_ptr_array_unref);
  g_clear_pointer (&priv->data, oc_loaded_data_unref);
  g_clear_pointer (&priv->history, oc_spec_free);
  g_clear_pointer (&priv->spec, oc_spec_free);
  g_free (priv->presets);
  g_free (priv->error);

  G_OBJECT_CLASS (oc_spec_settings_parent_class)->finalize (object);
}

static void
oc_spec_settings_class_init (OcSpecSettingsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = oc_spec_settings_constructed;
  object_class->dispose = oc_spec_settings_dispose;
  object_class->finalize = oc_spec_settings_finalize;

  /* The spec, the variant or the error changed (after the rows settled). */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
oc_spec_settings_init (OcSpecSettings *self)
{
}

/* ---- Public ---- */

void
oc_spec_settings_set_settings (OcSpecSettings *self, GSettings *settings)
{
  OcSpecSettingsPrivate *priv;
  const char *key;

  g_return_if_fail (OC_IS_SPEC_SETTINGS (self));
  g_return_if_fail (G_IS_SETTINGS (settings));
  priv = PRIV (self);
  g_return_if_fail (priv->settings == NULL);

  key = CLASS (self)->protocol_key;
  priv->settings = g_object_ref (settings);
  priv->filling = TRUE;
  if (CLASS (self)->bind_settings != NULL)
    CLASS (self)->bind_settings (self, settings);
  /* The last protocol comes back as the user left it, edits included: no refill. */
  if (key != NULL)
    {
      g_autofree char *protocol = g_settings_get_string (settings, key);

      select_preset (self, protocol);
    }
  priv->filling = FALSE;
  g_signal_connect_object (settings, "changed", G_CALLBACK (on_settings_changed), self,
                           G_CONNECT_SWAPPED);
  if (key == NULL && !restore_state (self))
    oc_spec_settings_set_protocol (self, CLASS (self)->default_protocol);
  rebuild (self);
}

void
oc_spec_settings_set_data (OcSpecSettings *self, OcLoadedData *data)
{
  OcSpecSettingsPrivate *priv;

  g_return_if_fail (OC_IS_SPEC_SETTINGS (self));
  priv = PRIV (self);

  if (data == priv->data)
    return;
  g_clear_pointer (&priv->data, oc_loaded_data_unref);
  priv->data = data ? oc_loaded_data_ref (data) : NULL;
  /* Only Custom builds on the loaded data. */
  if (protocol_index (self) == 0)
    schedule_rebuild (self);
}

void
oc_spec_settings_open_spec (OcSpecSettings *self, const OcSpec *spec)
{
  OcSpecSettingsPrivate *priv;
  g_autofree char *id = NULL;
  g_autofree char *label = NULL;

  g_return_if_fail (OC_IS_SPEC_SETTINGS (self));
  g_return_if_fail (spec != NULL);
  priv = PRIV (self);

  g_clear_pointer (&priv->history, oc_spec_free);
  priv->history = oc_spec_dup (spec);
  id = oc_spec_id (spec);
  label = g_strdup_printf (_("Experiment %.8s"), id);
  priv->filling = TRUE;
  if (g_list_model_get_n_items (G_LIST_MODEL (priv->protocols)) > priv->n_presets + 1)
    gtk_string_list_splice (priv->protocols, priv->n_presets + 1, 1,
                            (const char *const[]) { label, NULL });
  else
    {
      g_ptr_array_add (priv->protocol_titles,
                       g_strdup (_("Opened from History, with its own data")));
      gtk_string_list_append (priv->protocols, label);
    }
  adw_combo_row_set_selected (priv->protocol_row, priv->n_presets + 1);
  priv->filling = FALSE;
  on_protocol_changed (self);
  oc_spec_settings_flush (self);
}

void
oc_spec_settings_set_protocol (OcSpecSettings *self, const char *preset)
{
  g_return_if_fail (OC_IS_SPEC_SETTINGS (self));

  /* Picking the protocol that is already selected still refills the rows from it. */
  if (!select_preset (self, preset))
    on_protocol_changed (self);
}

void
oc_spec_settings_flush (OcSpecSettings *self)
{
  g_return_if_fail (OC_IS_SPEC_SETTINGS (self));

  if (PRIV (self)->rebuild_id != 0)
    rebuild (self);
}

const OcSpec *
oc_spec_settings_get_spec (OcSpecSettings *self)
{
  g_return_val_if_fail (OC_IS_SPEC_SETTINGS (self), NULL);

  return PRIV (self)->spec;
}

const char *
oc_spec_settings_get_error (OcSpecSettings *self)
{
  g_return_val_if_fail (OC_IS_SPEC_SETTINGS (self), NULL);

  return PRIV (self)->error;
}

/* ---- For subclasses ---- */

void
oc_spec_settings_class_set_template (GtkWidgetClass *widget_class, const char *resource)
{
  g_return_if_fail (g_type_is_a (G_TYPE_FROM_CLASS (widget_class), OC_TYPE_SPEC_SETTINGS));

  gtk_widget_class_set_template_from_resource (widget_class, resource);
#define CHILD(name) \
  gtk_widget_class_bind_template_child_private (widget_class, OcSpecSettings, name)
  CHILD (settings_box);
  CHILD (data_button);
  CHILD (anchor_box);
  CHILD (protocol_row);
  CHILD (data_row);
  CHILD (base_row);
  CHILD (anchor_label);
  CHILD (error_label);
#undef CHILD
}

void
oc_spec_settings_watch (OcSpecSettings *self, gpointer widget, ...)
{
  va_list args;

  g_return_if_fail (OC_IS_SPEC_SETTINGS (self));

  va_start (args, widget);
  for (; widget != NULL; widget = va_arg (args, gpointer))
    {
      /* A spin button is an editable too, but its text is not its value until it is parsed. */
      const char *signal = GTK_IS_SPIN_BUTTON (widget) ? "value-changed"
                           : GTK_IS_EDITABLE (widget)  ? "changed"
                           : ADW_IS_COMBO_ROW (widget) ? "notify::selected"
                           : GTK_IS_SWITCH (widget)    ? "notify::active"
                                                       : NULL;

      if (signal == NULL)
        g_critical ("%s: cannot watch a %s", G_STRFUNC, G_OBJECT_TYPE_NAME (widget));
      else
        g_signal_connect_swapped (widget, signal, G_CALLBACK (oc_spec_settings_edited), self);
    }
  va_end (args);
}

gboolean
oc_spec_settings_edited (OcSpecSettings *self)
{
  OcSpecSettingsPrivate *priv;
  const char *kind;

  g_return_val_if_fail (OC_IS_SPEC_SETTINGS (self), FALSE);
  priv = PRIV (self);

  if (priv->filling)
    return FALSE;
  kind = protocol_kind (self);
  /* A protocol of the other family cannot be the base: fall back to Custom. */
  if (CLASS (self)->get_kind != NULL && kind != NULL
      && g_strcmp0 (kind, CLASS (self)->get_kind (self)) != 0)
    {
      priv->filling = TRUE;
      adw_combo_row_set_selected (priv->protocol_row, 0);
      priv->filling = FALSE;
      remember_protocol (self);
    }
  schedule_rebuild (self);
  return TRUE;
}

OcLoadedData *
oc_spec_settings_get_data (OcSpecSettings *self)
{
  g_return_val_if_fail (OC_IS_SPEC_SETTINGS (self), NULL);

  return PRIV (self)->data;
}

guint
oc_spec_settings_get_variant (OcSpecSettings *self)
{
  g_return_val_if_fail (OC_IS_SPEC_SETTINGS (self), 0);

  return PRIV (self)->variant;
}

char *
oc_spec_settings_describe_length (const char *hidden, const char *optimiser,
                                  const OcTrainConfig *t)
{
  guint64 n = t->iterations > 0 ? t->iterations : (guint64) t->epochs;
  g_autofree char *count = g_strdup_printf ("%" G_GUINT64_FORMAT, n);
  gulong plural = (gulong) MIN (n, G_MAXULONG);

  /* Translators: the hidden layers' widths (64-64), the optimiser, then how long it trains. */
  return t->iterations > 0
           ? g_strdup_printf (ngettext ("hidden %s, %s · %s iteration",
                                        "hidden %s, %s · %s iterations", plural),
                              hidden, optimiser, count)
           : g_strdup_printf (ngettext ("hidden %s, %s · %s epoch", "hidden %s, %s · %s epochs",
                                        plural),
                              hidden, optimiser, count);
}

char *
oc_spec_settings_describe_optimiser (const OcTrainConfig *t)
{
  g_autofree char *batch = NULL;

  g_return_val_if_fail (t != NULL, NULL);

  batch = t->batch == 0 ? g_strdup (_("full batch")) : g_strdup_printf (_("batch %u"), t->batch);

  /* Translators: activation, initialisation, optimiser, learning rate, batch: the names are
   * the spec's own (relu, he-normal, sgd) and stay untranslated. */
  return g_strdup_printf (_("%s, %s init · %s, lr %g, %s"),
                          oc_activation_to_string (t->activation), oc_init_to_string (t->init),
                          oc_optim_kind_to_string (t->optim.kind), t->optim.lr, batch);
}
