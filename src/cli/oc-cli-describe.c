/* oc-cli-describe.c — see oc-cli-describe.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "oc-cli-describe.h"

/* The description being recorded; occam-cli parses its command line on one thread. */
static OcCliDescription *recording;

static void
option_free (gpointer data)
{
  OcCliOption *o = data;

  g_free (o->long_name);
  g_free (o->value_name);
  g_free (o->help);
  g_strfreev (o->choices);
  g_free (o);
}

static void
group_free (gpointer data)
{
  OcCliOptionGroup *g = data;

  g_free (g->name);
  g_free (g->title);
  g_ptr_array_unref (g->options);
  g_free (g);
}

OcCliDescription *
oc_cli_description_new (void)
{
  OcCliDescription *d = g_new0 (OcCliDescription, 1);

  d->groups = g_ptr_array_new_with_free_func (group_free);
  return d;
}

void
oc_cli_description_free (OcCliDescription *d)
{
  if (d == NULL)
    return;
  g_free (d->parameter);
  g_free (d->help);
  g_ptr_array_unref (d->groups);
  g_free (d);
}

void
oc_cli_describe_begin (OcCliDescription *d)
{
  g_return_if_fail (recording == NULL);
  recording = d;
}

void
oc_cli_describe_end (void)
{
  recording = NULL;
}

gboolean
oc_cli_describing (void)
{
  return recording != NULL;
}

void
oc_cli_describe_usage (const char *parameter, const char *help)
{
  if (recording == NULL)
    return;
  g_free (recording->parameter);
  g_free (recording->help);
  recording->parameter = g_strdup (parameter);
  recording->help = g_strdup (help);
}

/* Main entries added in several calls land in one group, as --help shows them. */
static OcCliOptionGroup *
find_group (const char *name, const char *title)
{
  OcCliOptionGroup *g;

  for (guint i = 0; i < recording->groups->len; i++)
    {
      g = recording->groups->pdata[i];
      if (g_strcmp0 (g->name, name) == 0)
        return g;
    }
  g = g_new0 (OcCliOptionGroup, 1);
  g->name = g_strdup (name);
  g->title = g_strdup (title);
  g->options = g_ptr_array_new_with_free_func (option_free);
  g_ptr_array_add (recording->groups, g);
  return g;
}

void
oc_cli_describe_entries (const char *group_name, const char *group_title,
                         const GOptionEntry *entries)
{
  OcCliOptionGroup *g;

  if (recording == NULL)
    return;
  g = find_group (group_name, group_title);
  for (const GOptionEntry *e = entries; e->long_name != NULL; e++)
    {
      OcCliOption *o;

      if (e->flags & G_OPTION_FLAG_HIDDEN)
        continue;
      o = g_new0 (OcCliOption, 1);
      o->long_name = g_strdup (e->long_name);
      o->short_name = e->short_name;
      o->takes_value = e->arg != G_OPTION_ARG_NONE && !(e->flags & G_OPTION_FLAG_NO_ARG);
      o->is_path = e->arg == G_OPTION_ARG_FILENAME || e->arg == G_OPTION_ARG_FILENAME_ARRAY;
      o->value_name = g_strdup (e->arg_description);
      o->help = g_strdup (e->description);
      g_ptr_array_add (g->options, o);
    }
}

void
oc_cli_describe_choices (const char *long_name, const char *const *choices)
{
  if (recording == NULL || choices == NULL)
    return;
  for (guint i = 0; i < recording->groups->len; i++)
    {
      OcCliOptionGroup *g = recording->groups->pdata[i];

      for (guint j = 0; j < g->options->len; j++)
        {
          OcCliOption *o = g->options->pdata[j];

          if (g_strcmp0 (o->long_name, long_name) == 0)
            {
              g_strfreev (o->choices);
              o->choices = g_strdupv ((char **) choices);
            }
        }
    }
}
