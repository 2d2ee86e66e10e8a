/* oc-cli-options.c — data and training flags, generated from the train spec's field table.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>
#include <string.h>

#include "occam/oc-error.h"
#include "oc-cli-describe.h"
#include "oc-config.h"
#include "oc-cli-options.h"

void
oc_cli_options_init (OcCliOptions *o)
{
  oc_cli_options_init_kind (o, "train");
}

void
oc_cli_options_init_kind (OcCliOptions *o, const char *kind)
{
  memset (o, 0, sizeof *o);
  o->kind = kind;
  o->fields = oc_spec_kind_fields (kind, &o->n_fields);
  g_assert (o->fields != NULL);
  o->values = g_new0 (char *, o->n_fields);
  o->switches = g_new0 (gboolean, o->n_fields);
  o->entries = g_ptr_array_new_with_free_func (g_free);
}

void
oc_cli_options_clear (OcCliOptions *o)
{
  for (guint i = 0; o->values != NULL && i < o->n_fields; i++)
    g_free (o->values[i]);
  g_clear_pointer (&o->values, g_free);
  g_clear_pointer (&o->switches, g_free);
  g_clear_pointer (&o->entries, g_ptr_array_unref);
  g_clear_pointer (&o->spec, oc_spec_free);
}

GOptionGroup *
oc_cli_options_group (OcCliOptions *o, const char *name, const char *description,
                      const char *help)
{
  GOptionEntry *entries = g_new0 (GOptionEntry, o->n_fields + 1);
  /* GOption translates the help texts through the group's domain, but not the group's heading. */
  GOptionGroup *g = g_option_group_new (name, _(description), help, o, NULL);
  guint n = 0;

  /* The spec tables mark their flags' help with N_(); --help shows them translated. */
  g_option_group_set_translation_domain (g, GETTEXT_PACKAGE);
  for (guint i = 0; i < o->n_fields; i++)
    {
      const OcSpecField *f = &o->fields[i];
      GOptionEntry *e = &entries[n];

      if (f->flag == NULL || g_strcmp0 (f->group, name) != 0)
        continue;
      e->long_name = f->flag;
      e->description = f->help;
      e->arg_description = f->arg;
      if (f->type == OC_SPEC_BOOL)
        {
          e->arg = G_OPTION_ARG_NONE;
          e->arg_data = &o->switches[i];
        }
      else
        {
          e->arg = f->flags & OC_SPEC_FIELD_PATH ? G_OPTION_ARG_FILENAME : G_OPTION_ARG_STRING;
          e->arg_data = &o->values[i];
        }
      n++;
    }
  g_option_group_add_entries (g, entries);
  g_ptr_array_add (o->entries, entries);
  oc_cli_describe_entries (name, description, entries);
  for (guint i = 0; i < o->n_fields; i++)
    if (o->fields[i].flag != NULL && g_strcmp0 (o->fields[i].group, name) == 0)
      oc_cli_describe_choices (o->fields[i].flag, o->fields[i].choices);
  return g;
}

GOptionGroup *
oc_cli_options_data_group (OcCliOptions *o)
{
  return oc_cli_options_group (o, "data", N_("Data options:"), N_("Show the data options"));
}

GOptionGroup *
oc_cli_options_train_group (OcCliOptions *o)
{
  return oc_cli_options_group (o, "training", N_("Training options:"),
                               N_("Show the training options"));
}

gboolean
oc_cli_options_finish (OcCliOptions *o, GError **error)
{
  return oc_cli_options_finish_from (o, NULL, error);
}

gboolean
oc_cli_options_finish_from (OcCliOptions *o, const OcSpec *base, GError **error)
{
  g_autoptr (OcSpec) spec = base != NULL ? oc_spec_dup (base) : oc_spec_new (o->kind, error);

  if (spec == NULL)
    return FALSE;
  for (guint i = 0; i < o->n_fields; i++)
    {
      const char *text = o->values[i] != NULL ? o->values[i] : o->switches[i] ? "true" : NULL;

      if (text != NULL && !oc_spec_set_from_string (spec, &o->fields[i], text, error))
        return FALSE;
    }
  if (!oc_spec_finish (spec, TRUE, error))
    return FALSE;

  g_clear_pointer (&o->spec, oc_spec_free);
  o->spec = g_steal_pointer (&spec);
  if (oc_spec_get_data_options (o->spec) != NULL)
    o->data = *oc_spec_get_data_options (o->spec);
  if (oc_spec_get_train_config (o->spec) != NULL)
    o->train = *oc_spec_get_train_config (o->spec);
  return TRUE;
}
