/* oc-cli-generate.c — `occam-cli --generate=man|bash|zsh`: the man page and the completion
 * scripts, from the option tables the commands' --help prints.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each command is run once in "describe" mode (oc-cli-describe.h): it builds its GOptionContext
 * as for a real invocation, records its entries and returns before parsing. The build runs this
 * to make occam-cli.1 and the completion files, so they always list exactly the options --help
 * lists.
 */
#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "oc-cli.h"
#include "oc-cli-describe.h"
#include "oc-config.h"

typedef struct
{
  const OcCliCommand *command;
  OcCliDescription   *d;
  char               *args;        /* "SPEC.json", "list | show ID | …" or "" */
  char               *tagline;     /* "run the experiment a spec describes" */
  GStrv               subcommands; /* the first word of each of args' alternatives, or NULL */
} Described;

static void
described_clear (Described *c)
{
  oc_cli_description_free (c->d);
  g_free (c->args);
  g_free (c->tagline);
  g_strfreev (c->subcommands);
}

static Described *
describe_all (const OcCliCommand *commands, guint *n)
{
  guint count = 0;
  Described *all;

  while (commands[count].name != NULL)
    count++;
  all = g_new0 (Described, count);
  for (guint i = 0; i < count; i++)
    {
      Described *c = &all[i];
      g_autofree char *prgname = g_strdup_printf ("occam-cli %s", commands[i].name);
      char *argv[] = { prgname, NULL };
      const char *param, *dash;

      c->command = &commands[i];
      c->d = oc_cli_description_new ();
      oc_cli_describe_begin (c->d);
      commands[i].func (1, argv);
      oc_cli_describe_end ();

      /* The usage parameter is "ARGS - tagline" (GLib prints it after the command). */
      param = c->d->parameter != NULL ? c->d->parameter : "";
      dash = g_str_has_prefix (param, "- ") ? param : strstr (param, " - ");
      c->args = dash != NULL ? g_strndup (param, dash - param) : g_strdup (param);
      c->tagline = g_strdup (dash != NULL ? dash + (dash == param ? 2 : 3) : "");
      if (strstr (c->args, " | ") != NULL)
        {
          g_auto (GStrv) alternatives = g_strsplit (c->args, " | ", -1);
          guint n_alt = g_strv_length (alternatives);

          c->subcommands = g_new0 (char *, n_alt + 1);
          for (guint a = 0; a < n_alt; a++)
            c->subcommands[a] = g_strndup (alternatives[a], strcspn (alternatives[a], " "));
        }
    }
  *n = count;
  return all;
}

/* ---- Man page (roff) ---- */

/* Text for roff: backslashes escaped, '-' as \- (ASCII in Debian's UTF-8 output, so flags copy
 * and paste), and a line that would start with a control character protected. */
static void
roff_text (GString *out, const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      if ((p == text || p[-1] == '\n') && (*p == '.' || *p == '\''))
        g_string_append (out, "\\&");
      if (*p == '\\')
        g_string_append (out, "\\e");
      else if (*p == '-')
        g_string_append (out, "\\-");
      else
        g_string_append_c (out, *p);
    }
}

/* --help's free text: indented lines (examples, subcommand lists) are kept as they are, the rest
 * is joined into paragraphs. */
static void
roff_help (GString *out, const char *help)
{
  g_auto (GStrv) lines = g_strsplit (help, "\n", -1);
  gboolean in_literal = FALSE, in_text = FALSE;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];

      if (g_str_has_prefix (line, " "))
        {
          g_autofree char *stripped = g_strstrip (g_strdup (line));

          if (in_text)
            g_string_append_c (out, '\n');
          if (!in_literal)
            g_string_append (out, ".PP\n.nf\n.RS 2\n");
          roff_text (out, stripped);
          g_string_append_c (out, '\n');
          in_text = FALSE;
          in_literal = TRUE;
          continue;
        }
      if (in_literal)
        g_string_append (out, ".RE\n.fi\n");
      in_literal = FALSE;
      if (*line == '\0')
        {
          if (in_text)
            g_string_append_c (out, '\n');
          in_text = FALSE;
          continue;
        }
      g_string_append (out, in_text ? " " : ".PP\n");
      roff_text (out, line);
      in_text = TRUE;
    }
  if (in_text)
    g_string_append_c (out, '\n');
  if (in_literal)
    g_string_append (out, ".RE\n.fi\n");
}

static void
roff_option (GString *out, const OcCliOption *o)
{
  g_string_append (out, ".TP\n");
  if (o->short_name != 0)
    g_string_append_printf (out, "\\fB\\-%c\\fR, ", o->short_name);
  g_string_append (out, "\\fB\\-\\-");
  roff_text (out, o->long_name);
  g_string_append (out, "\\fR");
  if (o->takes_value)
    {
      g_string_append (out, "=\\fI");
      roff_text (out, o->value_name != NULL ? o->value_name : "VALUE");
      g_string_append (out, "\\fR");
    }
  g_string_append_c (out, '\n');
  roff_text (out, o->help != NULL ? o->help : "");
  g_string_append_c (out, '\n');
}

static char *
man_page (const Described *all, guint n, const char *usage)
{
  GString *out = g_string_new (NULL);

  g_string_append_printf (out,
                          ".\\\" occam-cli(1). Generated by 'occam-cli --generate=man' from the "
                          "option tables of --help; do not edit.\n"
                          ".TH OCCAM\\-CLI 1 \"\" \"Occam %s\" \"User Commands\"\n"
                          ".SH NAME\n"
                          "occam\\-cli \\- experiments on double descent and lottery tickets, "
                          "without a display\n"
                          ".SH SYNOPSIS\n"
                          ".B occam\\-cli\n"
                          ".I COMMAND\n"
                          ".RI [ OPTION ...]\n"
                          ".br\n"
                          ".B occam\\-cli\n"
                          ".RB [ \\-\\-help | \\-\\-version ]\n"
                          ".SH DESCRIPTION\n",
                          OC_VERSION);
  roff_text (out, usage);
  g_string_append (out, "\n.PP\n"
                        "Every command also takes \\fB\\-\\-help\\fR; the experiment commands "
                        "take \\fB\\-\\-help\\-all\\fR for every option, and "
                        "\\fB\\-\\-help\\-\\fR\\fIGROUP\\fR for one group.\n"
                        ".SH COMMANDS\n");
  for (guint i = 0; i < n; i++)
    {
      const Described *c = &all[i];

      g_string_append (out, ".SS \"");
      roff_text (out, c->command->name);
      g_string_append (out, "\"\n.B occam\\-cli ");
      roff_text (out, c->command->name);
      g_string_append (out, "\n.RI [ OPTION ...]");
      if (*c->args != '\0')
        {
          g_string_append (out, "\n.I \"");
          roff_text (out, c->args);
          g_string_append (out, "\"");
        }
      g_string_append (out, "\n.PP\n");
      roff_text (out, c->command->summary);
      g_string_append (out, ".\n");
      if (c->d->help != NULL)
        roff_help (out, c->d->help);
      for (guint g = 0; g < c->d->groups->len; g++)
        {
          const OcCliOptionGroup *group = c->d->groups->pdata[g];

          g_string_append (out, ".PP\n\\fB");
          roff_text (out, group->title != NULL ? group->title : "Options:");
          g_string_append (out, "\\fR\n");
          for (guint k = 0; k < group->options->len; k++)
            roff_option (out, group->options->pdata[k]);
        }
    }
  g_string_append (out, ".SH EXIT STATUS\n"
                        ".TP\n0\nSuccess.\n"
                        ".TP\n1\nThe run itself failed: it diverged, was cancelled (Ctrl\\-C, "
                        "SIGTERM, SIGHUP) or ran out of memory.\n"
                        ".TP\n2\nBad input: a flag, a spec or a file (missing, unreadable or "
                        "malformed) that the message names.\n"
                        ".SH FILES\n"
                        ".TP\n.I $XDG_DATA_HOME/occam/occam.db\n"
                        "The experiment store (usually \\fI~/.local/share/occam/occam.db\\fR), "
                        "shared with the desktop app; \\fB\\-\\-store\\fR chooses another.\n"
                        ".SH SEE ALSO\n"
                        ".BR occam (1),\n"
                        "and the README installed with Occam.\n"
                        ".SH COPYRIGHT\n");
  roff_text (out, OC_COPYRIGHT);
  g_string_append (out, ".\nLicence GPL\\-3.0\\-or\\-later: GNU GPL version 3 or later "
                        "<https://gnu.org/licenses/gpl.html>.\n");
  return g_string_free (out, FALSE);
}

/* ---- bash ---- */

static void
bash_words (GString *out, const Described *c)
{
  for (guint g = 0; g < c->d->groups->len; g++)
    {
      const OcCliOptionGroup *group = c->d->groups->pdata[g];

      for (guint k = 0; k < group->options->len; k++)
        {
          const OcCliOption *o = group->options->pdata[k];

          g_string_append_printf (out, " --%s", o->long_name);
          if (o->short_name != 0)
            g_string_append_printf (out, " -%c", o->short_name);
        }
      if (group->name != NULL)
        g_string_append_printf (out, " --help-%s", group->name);
    }
  g_string_append (out, " --help");
  if (c->d->groups->len > 1)
    g_string_append (out, " --help-all");
}

/* The case labels for the options of @c that take a value: paths, fixed choices, anything. */
static void
bash_values (GString *out, const Described *c)
{
  for (guint g = 0; g < c->d->groups->len; g++)
    {
      const OcCliOptionGroup *group = c->d->groups->pdata[g];

      for (guint k = 0; k < group->options->len; k++)
        {
          const OcCliOption *o = group->options->pdata[k];

          if (!o->takes_value)
            continue;
          g_string_append_printf (out, "        --%s", o->long_name);
          if (o->short_name != 0)
            g_string_append_printf (out, "|-%c", o->short_name);
          if (o->choices != NULL)
            {
              g_autofree char *words = g_strjoinv (" ", o->choices);

              g_string_append_printf (out, ") _occam_cli_reply \"%s\"; return 0 ;;\n", words);
            }
          else if (o->is_path && g_strcmp0 (o->value_name, "DIR") == 0)
            g_string_append (out, ") _occam_cli_files -d; return 0 ;;\n");
          else if (o->is_path)
            g_string_append (out, ") _occam_cli_files -f; return 0 ;;\n");
          else
            g_string_append (out, ") return 0 ;;\n");
        }
    }
}

static char *
bash_script (const Described *all, guint n)
{
  GString *out = g_string_new (NULL);

  g_string_append (out,
                   "# bash completion for occam-cli. Generated by 'occam-cli --generate=bash' "
                   "from the option\n# tables of --help; do not edit.\n\n"
                   "_occam_cli_reply ()\n{\n"
                   "  mapfile -t COMPREPLY < <(compgen -W \"$1\" -- \"$cur\")\n}\n\n"
                   "_occam_cli_files ()\n{\n"
                   "  compopt -o filenames 2>/dev/null\n"
                   "  mapfile -t COMPREPLY < <(compgen \"$1\" -- \"$cur\")\n}\n\n"
                   "_occam_cli ()\n{\n"
                   "  local cur=${COMP_WORDS[COMP_CWORD]} prev= i\n"
                   "  (( COMP_CWORD > 0 )) && prev=${COMP_WORDS[COMP_CWORD-1]}\n"
                   "  # --flag=value: bash splits the word at '='.\n"
                   "  if [[ $cur == = ]]; then\n"
                   "    cur=\n"
                   "  elif [[ $prev == = ]] && (( COMP_CWORD > 1 )); then\n"
                   "    prev=${COMP_WORDS[COMP_CWORD-2]}\n"
                   "  fi\n"
                   "  COMPREPLY=()\n"
                   "  if (( COMP_CWORD == 1 )); then\n"
                   "    _occam_cli_reply \"");
  for (guint i = 0; i < n; i++)
    g_string_append_printf (out, "%s ", all[i].command->name);
  g_string_append (out, "--help --version\"\n"
                        "    return 0\n"
                        "  fi\n"
                        "  case ${COMP_WORDS[1]} in\n");
  for (guint i = 0; i < n; i++)
    {
      const Described *c = &all[i];

      g_string_append_printf (out, "    %s)\n      case $prev in\n", c->command->name);
      bash_values (out, c);
      g_string_append (out, "      esac\n      if [[ $cur == -* ]]; then\n"
                            "        _occam_cli_reply \"");
      bash_words (out, c);
      g_string_append (out, "\"\n");
      if (c->subcommands != NULL)
        {
          g_autofree char *subs = g_strjoinv (" ", c->subcommands);
          g_autofree char *pattern = g_strjoinv ("|", c->subcommands);

          g_string_append_printf (out,
                                  "      else\n"
                                  "        for (( i = 2; i < COMP_CWORD; i++ )); do\n"
                                  "          case ${COMP_WORDS[i]} in %s) return 0 ;; esac\n"
                                  "        done\n"
                                  "        _occam_cli_reply \"%s\"\n",
                                  pattern, subs);
        }
      else if (*c->args != '\0')
        g_string_append (out, "      else\n        _occam_cli_files -f\n");
      g_string_append (out, "      fi\n      ;;\n");
    }
  g_string_append (out, "  esac\n  return 0\n}\n\ncomplete -F _occam_cli occam-cli\n");
  return g_string_free (out, FALSE);
}

/* ---- zsh ---- */

/* Text inside a single-quoted zsh word: quotes closed and reopened, one line; for an _arguments
 * spec (@spec) also brackets, colons and backslashes escaped. */
static void
zsh_quote (GString *out, const char *text, gboolean spec)
{
  for (const char *p = text; *p != '\0'; p++)
    switch (*p)
      {
      case '\'':
        g_string_append (out, "'\\''");
        break;
      case '[': case ']': case ':': case '\\':
        if (spec)
          g_string_append_c (out, '\\');
        g_string_append_c (out, *p);
        break;
      case '\n':
        g_string_append_c (out, ' ');
        break;
      default:
        g_string_append_c (out, *p);
      }
}

static void
zsh_text (GString *out, const char *text)
{
  zsh_quote (out, text, TRUE);
}

static void
zsh_option (GString *out, const OcCliOption *o, const char *name)
{
  g_string_append_printf (out, "      '%s%s[", name, o->takes_value && name[1] == '-' ? "=" : "");
  zsh_text (out, o->help != NULL ? o->help : "");
  g_string_append_c (out, ']');
  if (o->takes_value)
    {
      g_string_append_c (out, ':');
      zsh_text (out, o->value_name != NULL ? o->value_name : "value");
      g_string_append_c (out, ':');
      if (o->choices != NULL)
        {
          g_autofree char *words = g_strjoinv (" ", o->choices);

          g_string_append_printf (out, "(%s)", words);
        }
      else if (o->is_path && g_strcmp0 (o->value_name, "DIR") == 0)
        g_string_append (out, "_files -/");
      else if (o->is_path)
        g_string_append (out, "_files");
      else
        g_string_append (out, " ");
    }
  g_string_append (out, "' \\\n");
}

static char *
zsh_script (const Described *all, guint n)
{
  GString *out = g_string_new (NULL);

  g_string_append (out, "#compdef occam-cli\n"
                        "# zsh completion for occam-cli. Generated by 'occam-cli "
                        "--generate=zsh' from the option\n# tables of --help; do not edit.\n\n"
                        "_occam_cli () {\n"
                        "  local -a commands\n"
                        "  commands=(\n");
  for (guint i = 0; i < n; i++)
    {
      g_string_append_printf (out, "    '%s:", all[i].command->name);
      zsh_quote (out, all[i].command->summary, FALSE);
      g_string_append (out, "'\n");
    }
  g_string_append (out, "  )\n"
                        "  if (( CURRENT == 2 )); then\n"
                        "    _describe -t commands 'occam-cli command' commands\n"
                        "    return\n"
                        "  fi\n"
                        "  local cmd=$words[2]\n"
                        "  shift words\n"
                        "  (( CURRENT-- ))\n"
                        "  case $cmd in\n");
  for (guint i = 0; i < n; i++)
    {
      const Described *c = &all[i];

      g_string_append_printf (out, "    %s)\n      _arguments -s \\\n", c->command->name);
      for (guint g = 0; g < c->d->groups->len; g++)
        {
          const OcCliOptionGroup *group = c->d->groups->pdata[g];

          for (guint k = 0; k < group->options->len; k++)
            {
              const OcCliOption *o = group->options->pdata[k];
              g_autofree char *long_name = g_strdup_printf ("--%s", o->long_name);

              zsh_option (out, o, long_name);
              if (o->short_name != 0)
                {
                  char short_name[] = { '-', o->short_name, '\0' };

                  zsh_option (out, o, short_name);
                }
            }
        }
      g_string_append (out, "      '--help[Show the options]' \\\n");
      if (c->subcommands != NULL)
        {
          g_autofree char *subs = g_strjoinv (" ", c->subcommands);

          g_string_append_printf (out, "      '1:subcommand:(%s)' \\\n"
                                       "      '*:ID: ' \\\n", subs);
        }
      else if (*c->args != '\0')
        g_string_append (out, "      '*:file:_files' \\\n");
      g_string_append (out, "      && return 0\n      ;;\n");
    }
  g_string_append (out, "  esac\n  return 1\n}\n\n_occam_cli \"$@\"\n");
  return g_string_free (out, FALSE);
}

int
oc_cli_generate (const char *format, const OcCliCommand *commands, const char *usage)
{
  g_autofree char *text = NULL;
  Described *all;
  guint n;

  if (g_strcmp0 (format, "man") != 0 && g_strcmp0 (format, "bash") != 0
      && g_strcmp0 (format, "zsh") != 0)
    {
      oc_cli_error (_("--generate: unknown format '%s'; use man, bash or zsh"), format);
      return OC_EXIT_BAD_INPUT;
    }
  all = describe_all (commands, &n);
  if (strcmp (format, "man") == 0)
    text = man_page (all, n, usage);
  else if (strcmp (format, "bash") == 0)
    text = bash_script (all, n);
  else
    text = zsh_script (all, n);
  for (guint i = 0; i < n; i++)
    described_clear (&all[i]);
  g_free (all);
  fputs (text, stdout);
  return fflush (stdout) == 0 ? OC_EXIT_OK : OC_EXIT_FAILED;
}
