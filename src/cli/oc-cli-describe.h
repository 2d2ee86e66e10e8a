/* oc-cli-describe.h — every command's options as data, for the man page and shell completion.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The man page and the completion scripts are generated at build time (`occam-cli
 * --generate=man|bash|zsh`) from the very option tables `--help` prints: while a description is
 * being recorded, the two functions that build a command's GOptionContext
 * (oc_cli_parse_options() and oc_cli_spec_parse()) hand their entries here and return without
 * parsing or running anything. So a flag cannot be in `--help` and missing from the man page.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  char     *long_name;
  char      short_name;   /* 0 when none */
  gboolean  takes_value;
  gboolean  is_path;      /* G_OPTION_ARG_FILENAME */
  char     *value_name;   /* "FILE", "DIR", "LR"…, or NULL */
  char     *help;
  GStrv     choices;      /* the accepted values when they are a fixed set, or NULL */
} OcCliOption;

typedef struct
{
  char      *name;        /* GOptionGroup name ("data"), NULL for the main options */
  char      *title;       /* "Data options:", NULL for the main options */
  GPtrArray *options;     /* of OcCliOption */
} OcCliOptionGroup;

typedef struct
{
  char      *parameter;   /* the usage line after the command: "SPEC.json - run …" */
  char      *help;        /* the summary --help prints above the options */
  GPtrArray *groups;      /* of OcCliOptionGroup, in --help order */
} OcCliDescription;

OcCliDescription *oc_cli_description_new  (void);
void              oc_cli_description_free (OcCliDescription *d);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OcCliDescription, oc_cli_description_free)

/* Between begin and end, the parse functions record into @d instead of parsing. */
void     oc_cli_describe_begin   (OcCliDescription *d);
void     oc_cli_describe_end     (void);
gboolean oc_cli_describing       (void);

/* Called by the parse functions; no-ops when nothing is being described. Hidden entries are
 * left out. */
void     oc_cli_describe_usage   (const char *parameter, const char *help);
void     oc_cli_describe_entries (const char *group_name, const char *group_title,
                                  const GOptionEntry *entries);
/* The values --@long_name accepts (recorded after its entry). */
void     oc_cli_describe_choices (const char *long_name, const char *const *choices);

G_END_DECLS
