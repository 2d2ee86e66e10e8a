/* oc-cmd-deck.c — `occam-cli deck`: presentation decks kept in the store.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   deck list                      every deck: name, slides, last change
 *   deck show NAME                 its slides in order
 *   deck add NAME --experiment ID --figure FIG [--param K=V…] [--title T] [--caption C]
 *            [--quick-variant NOTE] [--at POS]
 *   deck move NAME FROM TO         slide FROM ends up at TO
 *   deck remove NAME POS           one slide
 *   deck title NAME POS [TEXT]     retitle (no TEXT: back to the figure's title)
 *   deck caption NAME POS [TEXT]   annotate (no TEXT: no caption)
 *   deck delete NAME               the whole deck
 *   deck export NAME --out F.pdf | --out DIR --format png|svg [--size WxH]
 *
 * Positions count from 1. `add` checks that the figure draws (the experiment exists, has that
 * figure and takes those parameters) and stores the experiment's full ID. list --json and
 * show --json print one JSON document.
 */
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "occam/oc-error.h"
#include "occam/oc-json.h"
#include "occam/oc-path-guard.h"
#include "occam/oc-store-deck.h"
#include "occam-figures/oc-deck.h"
#include "occam-figures/oc-figure-catalog.h"
#include "oc-cli.h"
#include "oc-cli-command.h"
#include "oc-cli-describe.h"
#include "oc-cli-json.h"
#include "oc-cli-output.h"
#include "oc-cli-run.h"

typedef struct
{
  char    *store_path;
  char    *experiment, *figure, *title, *caption, *quick, *at;
  char   **params;
  char    *out, *format, *size;
  gboolean json;
} DeckOptions;

static const char *const subcommands[] = { "list", "show", "add", "move", "remove", "title",
                                           "caption", "delete", "export", NULL };

/* A 1-based position given as @text, as a 0-based index. */
static gboolean
parse_position (const char *what, const char *text, guint *out, GError **error)
{
  guint64 v;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT, &v, NULL))
    {
      g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                   _("%s “%s” is not a slide number: slides count from 1"), what, text);
      return FALSE;
    }
  *out = (guint) v - 1;
  return TRUE;
}

/* list ----------------------------------------------------------------------------------------- */

static void
add_slide_members (JsonBuilder *b, const OcDeckSlide *s, guint position)
{
  oc_cli_json_add_int (b, "position", position);
  oc_cli_json_add_text (b, "experiment", s->experiment_id);
  oc_cli_json_add_text (b, "figure", s->figure);
  json_builder_set_member_name (b, "params");
  json_builder_begin_array (b);
  for (guint i = 0; s->params[i] != NULL; i++)
    json_builder_add_string_value (b, s->params[i]);
  json_builder_end_array (b);
  oc_cli_json_add_text (b, "title", s->title);
  oc_cli_json_add_text (b, "caption", s->caption);
  json_builder_set_member_name (b, "quick");
  json_builder_add_boolean_value (b, s->quick);
  oc_cli_json_add_text (b, "quick_note", s->quick_note);
}

static int
deck_list (OcStore *store, gboolean json)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) decks = oc_store_list_decks (store, &error);

  if (decks == NULL)
    return oc_cli_fail (error);
  if (json)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      oc_cli_json_add_text (b, "store", oc_store_get_path (store));
      json_builder_set_member_name (b, "decks");
      json_builder_begin_array (b);
      for (guint i = 0; i < decks->len; i++)
        {
          const OcDeck *d = decks->pdata[i];

          json_builder_begin_object (b);
          oc_cli_json_add_text (b, "name", d->name);
          oc_cli_json_add_int (b, "slides", d->slides->len);
          oc_cli_json_add_text (b, "created", d->created);
          oc_cli_json_add_text (b, "updated", d->updated);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
      return oc_cli_json_print (b);
    }
  if (decks->len == 0)
    {
      printf (_("%s has no decks; make one with occam-cli deck add NAME --experiment ID "
                "--figure NAME\n"), oc_store_get_path (store));
      return OC_EXIT_OK;
    }
  printf ("%-24s %6s  %s\n", _("deck"), _("slides"), _("updated"));
  for (guint i = 0; i < decks->len; i++)
    {
      const OcDeck *d = decks->pdata[i];

      printf ("%-24s %6u  %s\n", d->name, d->slides->len, d->updated);
    }
  return OC_EXIT_OK;
}

static int
deck_show (OcStore *store, const char *name, gboolean json)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (OcDeck) deck = oc_store_load_deck (store, name, &error);

  if (deck == NULL)
    return oc_cli_fail (error);
  if (json)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      oc_cli_json_add_text (b, "store", oc_store_get_path (store));
      oc_cli_json_add_text (b, "name", deck->name);
      oc_cli_json_add_text (b, "created", deck->created);
      oc_cli_json_add_text (b, "updated", deck->updated);
      json_builder_set_member_name (b, "slides");
      json_builder_begin_array (b);
      for (guint i = 0; i < deck->slides->len; i++)
        {
          json_builder_begin_object (b);
          add_slide_members (b, deck->slides->pdata[i], i + 1);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
      return oc_cli_json_print (b);
    }
  printf (ngettext ("deck %s · %u slide · %s\n", "deck %s · %u slides · %s\n",
                    deck->slides->len),
          deck->name, deck->slides->len, oc_store_get_path (store));
  for (guint i = 0; i < deck->slides->len; i++)
    {
      const OcDeckSlide *s = deck->slides->pdata[i];
      g_autofree char *params = g_strjoinv (" ", s->params);

      printf ("%3u  %-16s %s%s%s\n", i + 1, s->experiment_id, s->figure,
              params[0] != '\0' ? " " : "", params);
      printf ("     %s: %s\n", _("title"), s->title != NULL ? s->title : _("(the figure’s)"));
      if (s->caption != NULL)
        printf ("     %s: %s\n", _("caption"), s->caption);
      if (s->quick)
        printf ("     %s%s%s\n", _("quick variant"), s->quick_note != NULL ? ": " : "",
                s->quick_note != NULL ? s->quick_note : "");
    }
  return OC_EXIT_OK;
}

/* add ------------------------------------------------------------------------------------------ */

static int
deck_add (OcStore *store, const char *name, const DeckOptions *o)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (OcFigureCatalog) catalog = NULL;
  g_autoptr (OcPlotFigure) figure = NULL;
  g_autoptr (OcDeckSlide) slide = NULL;
  int position = -1;
  guint at;

  if (o->experiment == NULL || o->figure == NULL)
    {
      oc_cli_error (_("deck add needs --experiment ID and --figure NAME (see occam-cli plot "
                      "--experiment ID --list-figures)"));
      return OC_EXIT_BAD_INPUT;
    }
  if (!oc_deck_check_name (name, &error) || !oc_deck_check_text (_("title"), o->title, &error)
      || !oc_deck_check_text (_("caption"), o->caption, &error)
      || !oc_deck_check_text (_("quick-variant note"), o->quick, &error))
    return oc_cli_fail (error);
  if (o->at != NULL)
    {
      if (!parse_position ("--at", o->at, &at, &error))
        return oc_cli_fail (error);
      position = (int) at;
    }
  /* The figure must draw now: a typo is caught here, not on stage. */
  catalog = oc_figure_catalog_new (store, o->experiment, &error);
  if (catalog == NULL)
    return oc_cli_fail (error);
  figure = oc_figure_catalog_build (catalog, o->figure, (const char *const *) o->params, &error);
  if (figure == NULL)
    return oc_cli_fail (error);
  slide = oc_deck_slide_new (oc_figure_catalog_get_experiment (catalog)->id, o->figure,
                             (const char *const *) o->params);
  oc_deck_slide_set_title (slide, o->title);
  oc_deck_slide_set_caption (slide, o->caption);
  if (o->quick != NULL)
    oc_deck_slide_set_quick (slide, TRUE, o->quick);
  if (!oc_store_deck_insert (store, name, slide, position, &at, &error))
    return oc_cli_fail (error);
  printf (_("deck %s: slide %u is %s of %s (%s)\n"), name, at + 1, o->figure, slide->experiment_id,
          oc_deck_slide_get_title (slide, figure));
  return OC_EXIT_OK;
}

/* export --------------------------------------------------------------------------------------- */

static int
deck_export (OcStore *store, const char *name, const DeckOptions *o)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (OcDeck) deck = NULL;
  g_autoptr (OcPathGuard) guard = oc_path_guard_new ();
  g_autofree char *store_arg = NULL;
  g_autofree char *store_path = oc_cli_store_path (o->store_path, &store_arg);
  double width = OC_PLOT_SLIDE_WIDTH, height = OC_PLOT_SLIDE_HEIGHT;
  OcPlotFormat format = OC_PLOT_FORMAT_PDF, from_path;
  gboolean has_ext;
  guint n = 0;

  if (o->out == NULL)
    {
      oc_cli_error (_("deck export needs --out FILE.pdf, or --out DIR with --format png or svg"));
      return OC_EXIT_BAD_INPUT;
    }
  if (oc_cli_is_stdout (o->out))
    {
      oc_cli_error (_("deck export --out -: a deck is written to a file or folder, not to "
                      "standard output (./- for a file named '-')"));
      return OC_EXIT_BAD_INPUT;
    }
  has_ext = oc_plot_format_from_path (o->out, &from_path);
  if (o->format != NULL)
    {
      if (g_ascii_strcasecmp (o->format, "pdf") == 0)
        format = OC_PLOT_FORMAT_PDF;
      else if (g_ascii_strcasecmp (o->format, "png") == 0)
        format = OC_PLOT_FORMAT_PNG;
      else if (g_ascii_strcasecmp (o->format, "svg") == 0)
        format = OC_PLOT_FORMAT_SVG;
      else
        {
          oc_cli_error (_("--format %s: use pdf (one file), png or svg (one file per slide in "
                          "the folder --out)"), o->format);
          return OC_EXIT_BAD_INPUT;
        }
      if (format == OC_PLOT_FORMAT_PDF && has_ext && from_path != OC_PLOT_FORMAT_PDF)
        {
          oc_cli_error (_("--out %s with --format pdf: name the PDF file NAME.pdf"), o->out);
          return OC_EXIT_BAD_INPUT;
        }
    }
  else if (!has_ext || from_path != OC_PLOT_FORMAT_PDF)
    {
      oc_cli_error (has_ext ? _("--out %s: one PNG or SVG per slide needs a folder: give --out "
                                "DIR --format png|svg (or --out FILE.pdf for one PDF)")
                            : _("--out %s: give a .pdf file, or add --format png|svg to fill "
                                "the folder with one file per slide"), o->out);
      return OC_EXIT_BAD_INPUT;
    }
  if (format != OC_PLOT_FORMAT_PDF && has_ext)
    {
      oc_cli_error (_("--out %s --format %s: the slides go into a folder, slide-01.%s …; give a "
                      "folder's name"), o->out, o->format, o->format);
      return OC_EXIT_BAD_INPUT;
    }
  if (o->size != NULL)
    {
      guint w, h;

      if (!oc_cli_parse_size (o->size, 16, 16384, &w, &h, &error))
        return oc_cli_fail (error);
      width = w;
      height = h;
    }
  /* Neither the PDF nor a slide file may be the store or its -wal. */
  oc_path_guard_add_store (guard, store_path, NULL, store_arg);
  if (format == OC_PLOT_FORMAT_PDF
      ? !(oc_path_guard_check (guard, o->out, "--out", &error)
          && oc_cli_check_output_path (o->out, &error))
      : !oc_path_guard_check_folder (guard, o->out, "--out",
                                     format == OC_PLOT_FORMAT_PNG ? "slide-*.png" : "slide-*.svg",
                                     &error))
    return oc_cli_fail (error);
  deck = oc_store_load_deck (store, name, &error);
  if (deck == NULL || !oc_deck_export (store, deck, o->out, format, width, height, 1, &n, &error))
    return oc_cli_fail (error);
  if (format == OC_PLOT_FORMAT_PDF)
    printf (ngettext ("wrote %s: %u slide, %g × %g\n", "wrote %s: %u slides, %g × %g\n",
                      deck->slides->len),
            o->out, deck->slides->len, width, height);
  else
    printf (ngettext ("wrote %u slide into %s (slide-01.%s …), %g × %g\n",
                      "wrote %u slides into %s (slide-01.%s …), %g × %g\n", n),
            n, o->out, format == OC_PLOT_FORMAT_PNG ? "png" : "svg", width, height);
  return OC_EXIT_OK;
}

/* The command ---------------------------------------------------------------------------------- */

static gboolean
is_subcommand (const char *s)
{
  return g_strv_contains (subcommands, s);
}

/* The subcommand before the options are parsed: the first argument that is neither an option nor
 * the value of one. */
static const char *
find_subcommand (int argc, char **argv)
{
  static const char *const with_value[] = { "--store", "--experiment", "--figure", "--param",
                                            "--title", "--caption", "--quick-variant", "--at",
                                            "--out", "-o", "--format", "--size", NULL };

  for (int i = 1; i < argc; i++)
    {
      if (strcmp (argv[i], "--") == 0)
        return i + 1 < argc ? argv[i + 1] : NULL;
      if (g_strv_contains (with_value, argv[i]))
        i++;
      else if (argv[i][0] != '-')
        return argv[i];
    }
  return NULL;
}

/* Which options each subcommand takes; anything else given is refused by name. */
static gboolean
check_options (const char *sub, const DeckOptions *o, GError **error)
{
  struct
  {
    const char *flag;
    gboolean    given;
    const char *subs; /* the subcommands that take it */
  } flags[] = {
    { "--experiment", o->experiment != NULL, "add" },
    { "--figure", o->figure != NULL, "add" },
    { "--param", o->params != NULL, "add" },
    { "--title", o->title != NULL, "add" },
    { "--caption", o->caption != NULL, "add" },
    { "--quick-variant", o->quick != NULL, "add" },
    { "--at", o->at != NULL, "add" },
    { "--out", o->out != NULL, "export" },
    { "--format", o->format != NULL, "export" },
    { "--size", o->size != NULL, "export" },
    { "--json", o->json, "list show" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (flags); i++)
    {
      g_auto (GStrv) subs = g_strsplit (flags[i].subs, " ", -1);

      if (flags[i].given && !g_strv_contains ((const char *const *) subs, sub))
        {
          g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                       _("deck %s does not take %s (it is for deck %s)"), sub, flags[i].flag,
                       flags[i].subs);
          return FALSE;
        }
    }
  return TRUE;
}

/* The number of arguments after the subcommand: at least @min, at most @max. */
static gboolean
check_args (const char *sub, int n, GError **error)
{
  static const struct
  {
    const char *sub;
    int         min, max;
    const char *usage;
  } table[] = {
    { "list", 0, 0, "deck list" },
    { "show", 1, 1, "deck show NAME" },
    { "add", 1, 1, "deck add NAME --experiment ID --figure FIG" },
    { "move", 3, 3, "deck move NAME FROM TO" },
    { "remove", 2, 2, "deck remove NAME POS" },
    { "title", 2, 3, "deck title NAME POS [TEXT]" },
    { "caption", 2, 3, "deck caption NAME POS [TEXT]" },
    { "delete", 1, 1, "deck delete NAME" },
    { "export", 1, 1, "deck export NAME --out FILE.pdf" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    if (strcmp (table[i].sub, sub) == 0)
      {
        if (n >= table[i].min && n <= table[i].max)
          return TRUE;
        g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                     _("deck %s: wrong number of arguments; use: occam-cli %s"), sub,
                     table[i].usage);
        return FALSE;
      }
  g_return_val_if_reached (FALSE);
}

static int
run_subcommand (OcStore *store, const char *sub, char **args, const DeckOptions *o)
{
  g_autoptr (GError) error = NULL;
  guint a, b;

  if (strcmp (sub, "list") == 0)
    return deck_list (store, o->json);
  if (strcmp (sub, "show") == 0)
    return deck_show (store, args[0], o->json);
  if (strcmp (sub, "add") == 0)
    return deck_add (store, args[0], o);
  if (strcmp (sub, "export") == 0)
    return deck_export (store, args[0], o);
  if (strcmp (sub, "delete") == 0)
    {
      if (!oc_store_remove_deck (store, args[0], &error))
        return oc_cli_fail (error);
      printf (_("deck %s removed\n"), args[0]);
      return OC_EXIT_OK;
    }
  if (!parse_position (_("Slide"), args[1], &a, &error))
    return oc_cli_fail (error);
  if (strcmp (sub, "move") == 0)
    {
      if (!parse_position (_("Slide"), args[2], &b, &error)
          || !oc_store_deck_move (store, args[0], a, b, &error))
        return oc_cli_fail (error);
      printf (_("deck %s: slide %u moved to %u\n"), args[0], a + 1, b + 1);
    }
  else if (strcmp (sub, "remove") == 0)
    {
      if (!oc_store_deck_remove (store, args[0], a, &error))
        return oc_cli_fail (error);
      printf (_("deck %s: slide %u removed\n"), args[0], a + 1);
    }
  else if (strcmp (sub, "title") == 0)
    {
      if (!oc_store_deck_set_title (store, args[0], a, args[2], &error))
        return oc_cli_fail (error);
      printf (args[2] != NULL && args[2][0] != '\0'
              ? _("deck %s: slide %u retitled\n")
              : _("deck %s: slide %u shows its figure’s title again\n"), args[0], a + 1);
    }
  else
    {
      if (!oc_store_deck_set_caption (store, args[0], a, args[2], &error))
        return oc_cli_fail (error);
      printf (_("deck %s: caption of slide %u set\n"), args[0], a + 1);
    }
  return OC_EXIT_OK;
}

int
oc_cmd_deck (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (OcStore) store = NULL;
  DeckOptions o = { 0 };
  const char *sub = find_subcommand (argc, argv);
  int status = OC_EXIT_BAD_INPUT;
  gboolean parsed;
  const GOptionEntry entries[] = {
    { "store", 0, 0, G_OPTION_ARG_FILENAME, &o.store_path, OC_CLI_STORE_HELP, "FILE" },
    { "experiment", 0, 0, G_OPTION_ARG_STRING, &o.experiment,
      N_("add: the stored experiment the slide shows, its ID or a unique prefix"), "ID" },
    { "figure", 0, 0, G_OPTION_ARG_STRING, &o.figure,
      N_("add: the experiment's figure (occam-cli plot --experiment ID --list-figures)"),
      "NAME" },
    { "param", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o.params,
      N_("add: a parameter of the figure, e.g. level=3 (repeatable)"), "KEY=VALUE" },
    { "title", 0, 0, G_OPTION_ARG_STRING, &o.title,
      N_("add: the slide's title (default: the figure's)"), "TEXT" },
    { "caption", 0, 0, G_OPTION_ARG_STRING, &o.caption,
      N_("add: one line under the figure"), "TEXT" },
    { "quick-variant", 0, 0, G_OPTION_ARG_STRING, &o.quick,
      N_("add: the results are a quick variant; the slide says what it leaves out"), "NOTE" },
    { "at", 0, 0, G_OPTION_ARG_STRING, &o.at,
      N_("add: insert as slide POS (from 1; default: at the end)"), "POS" },
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &o.out,
      N_("export: the PDF (FILE.pdf), or the folder for one file per slide"), "PATH" },
    { "format", 0, 0, G_OPTION_ARG_STRING, &o.format,
      N_("export: pdf (default), png or svg (one file per slide: slide-01.png …)"), "FORMAT" },
    { "size", 0, 0, G_OPTION_ARG_STRING, &o.size,
      N_("export: slide size in points or pixels (default 1280x720, 16:9)"), "WxH" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &o.json,
      N_("list, show: print one JSON document instead of the table"), NULL },
    { NULL }
  };
  static const char *const formats[] = { "pdf", "png", "svg", NULL };
  GOptionEntry translated[G_N_ELEMENTS (entries)];

  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    {
      translated[i] = entries[i];
      if (entries[i].description != NULL)
        translated[i].description = gettext (entries[i].description);
    }
  for (int i = 1; i < argc && strcmp (argv[i], "--") != 0; i++)
    if (g_str_has_prefix (argv[i], "--json="))
      {
        oc_cli_error (_("deck: --json takes no value: it prints the JSON on standard output "
                        "(add > FILE to keep it in a file)"));
        return OC_EXIT_BAD_INPUT;
      }
  parsed = oc_cli_parse_options (&argc, &argv,
                             _("list | show NAME | add NAME … | move NAME FROM TO | remove NAME "
                                "POS | title NAME POS [TEXT] | caption NAME POS [TEXT] | delete "
                                "NAME | export NAME --out … - presentation decks"),
                             _("  list             every deck in the store\n"
                                "  show NAME        its slides in order\n"
                                "  add NAME         a slide: --experiment ID --figure FIG "
                                "[--param K=V] [--title T] [--caption C] [--at POS]\n"
                                "  move NAME FROM TO, remove NAME POS, title NAME POS [TEXT], "
                                "caption NAME POS [TEXT]\n"
                                "  delete NAME      the whole deck\n"
                                "  export NAME      --out FILE.pdf (one page per slide), or --out "
                                "DIR --format png|svg\n"
                                "Slides count from 1. Example: occam-cli deck add talk "
                                "--experiment 3f2a --figure double-descent --caption 'The second "
                                "descent'"), translated);
  oc_cli_describe_choices ("format", formats);
  if (!parsed)
    goto out;
  if (argc < 2)
    {
      oc_cli_error (_("give a subcommand: list, show, add, move, remove, title, caption, delete "
                      "or export; see 'occam-cli deck --help'"));
      goto out;
    }
  sub = argv[1];
  if (!is_subcommand (sub))
    {
      oc_cli_error (_("unknown subcommand '%s'; use list, show, add, move, remove, title, "
                      "caption, delete or export"), sub);
      goto out;
    }
  if (!check_args (sub, argc - 2, &error) || !check_options (sub, &o, &error))
    {
      status = oc_cli_fail (error);
      goto out;
    }
  /* Never a new store: a slide needs a stored experiment, and a mistyped --store must not leave
   * an empty store behind. */
  store = oc_cli_open_store (o.store_path, FALSE, &error);
  if (store == NULL)
    {
      status = oc_cli_fail (error);
      goto out;
    }
  status = run_subcommand (store, sub, argv + 2, &o);

out:
  g_free (o.store_path);
  g_free (o.experiment);
  g_free (o.figure);
  g_strfreev (o.params);
  g_free (o.title);
  g_free (o.caption);
  g_free (o.quick);
  g_free (o.at);
  g_free (o.out);
  g_free (o.format);
  g_free (o.size);
  return status;
}
