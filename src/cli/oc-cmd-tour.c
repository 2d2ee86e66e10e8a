/* oc-cmd-tour.c — `occam-cli tour`: the seed tour's scenes, preparing their results, the deck.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   tour --list [--quick]                 scenes, presets, figures, estimated times, stored?
 *   tour --prepare [--quick] [SCENE…]     compute what the store lacks (resumable, Ctrl-C safe)
 *   tour --deck OUT.pdf [--quick]         the whole tour as a PDF from the store
 *
 * The scenes are src/figures/oc-tour.c's. Preparing runs each missing experiment through
 * oc_cli_run_experiment (progress with ETA, Ctrl-C keeps every finished point); scenes that
 * share an experiment compute it once. The deck gives a scene without results a slide that says
 * how to prepare it, rather than leaving it out, so the talk's order never changes.
 */
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "occam/oc-error.h"
#include "occam/oc-path-guard.h"
#include "occam-figures/oc-tour.h"
#include "oc-cli.h"
#include "oc-cli-command.h"
#include "oc-cli-output.h"
#include "oc-cli-run.h"

typedef struct
{
  char    *store_path, *deck, *size, *progress;
  gboolean list, prepare, quick, quiet;
} TourOptions;

/* "accuracy, early-stop" */
static char *
figure_names (const OcTourScene *scene)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < scene->n_figures; i++)
    g_string_append_printf (s, "%s%s", i > 0 ? ", " : "", scene->figures[i].name);
  return g_string_free (s, FALSE);
}

/* The estimate, or "stored" when nothing is left to compute. */
static char *
estimate_text (const OcTourStatus *st)
{
  if (!st->available)
    return g_strdup ("—");
  if (st->n_stored == st->n_points)
    return g_strdup (_("stored"));
  return oc_format_duration (st->seconds);
}

static int
tour_list (OcStore *store)
{
  guint n;
  const OcTourScene *scenes = oc_tour_scenes (&n);
  double total[2] = { 0, 0 };
  g_autoptr (GHashTable) counted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *rate = g_strdup_printf ("%.1f", oc_tour_measure_rate () / 1e9);

  printf ("%-16s %-40s %-26s %-34s %9s %9s\n", _("scene"), _("title"), _("preset"),
          _("figures"), _("full"), _("quick"));
  for (guint i = 0; i < n; i++)
    {
      g_auto (OcTourStatus) full = { 0 };
      g_auto (OcTourStatus) quick = { 0 };
      g_autoptr (GError) error = NULL;
      g_autofree char *figures = figure_names (&scenes[i]);
      g_autofree char *preset = NULL, *f = NULL, *q = NULL;

      if (!oc_tour_scene_status (&scenes[i], FALSE, store, &full, &error)
          || !oc_tour_scene_status (&scenes[i], TRUE, store, &quick, &error))
        return oc_cli_fail (error);
      preset = scenes[i].also.kind != NULL
               ? g_strdup_printf ("%s %s +", scenes[i].run.kind, scenes[i].run.preset)
               : g_strdup_printf ("%s %s", scenes[i].run.kind, scenes[i].run.preset);
      f = estimate_text (&full);
      q = estimate_text (&quick);
      printf ("%-16s %-40s %-26s %-34s %9s %9s\n", scenes[i].id, _(scenes[i].title), preset,
              figures, f, q);
      if (!full.available)
        printf ("%-16s %s\n", "", full.why_not);
      /* Scenes that share an experiment compute it once. */
      for (guint v = 0; v < 2; v++)
        {
          const OcTourStatus *st = v == 0 ? &full : &quick;
          const char *ids[2] = { st->id, st->also_id };

          for (guint r = 0; r < 2; r++)
            if (ids[r] != NULL && !g_hash_table_contains (counted, ids[r]))
              {
                g_hash_table_add (counted, g_strdup (ids[r]));
                total[v] += st->run_seconds[r];
              }
        }
    }
  {
    g_autofree char *f = oc_format_duration (total[0]);
    g_autofree char *q = oc_format_duration (total[1]);

    printf (_("Left to compute: about %s in full, %s as quick variants (estimates from the "
              "work of each point at %s GFLOP/s per core, measured now; small networks run "
              "slower than that)\n"), f, q, rate);
  }
  if (store == NULL)
    printf (_("No store yet: nothing is stored.\n"));
  return OC_EXIT_OK;
}

/* The scenes named in @names (all when empty); FALSE with a message for an unknown one. */
static GPtrArray *
select_scenes (char **names, int n_names, GError **error)
{
  g_autoptr (GPtrArray) out = g_ptr_array_new ();
  guint n;
  const OcTourScene *scenes = oc_tour_scenes (&n);

  if (n_names == 0)
    for (guint i = 0; i < n; i++)
      g_ptr_array_add (out, (gpointer) &scenes[i]);
  for (int k = 0; k < n_names; k++)
    {
      const OcTourScene *s = oc_tour_find (names[k]);

      if (s == NULL)
        {
          g_autoptr (GString) ids = g_string_new (NULL);

          for (guint i = 0; i < n; i++)
            g_string_append_printf (ids, "%s%s", i > 0 ? ", " : "", scenes[i].id);
          g_set_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT,
                       _("There is no scene “%s”; the scenes are: %s"), names[k], ids->str);
          return NULL;
        }
      if (!g_ptr_array_find (out, s, NULL))
        g_ptr_array_add (out, (gpointer) s);
    }
  return g_steal_pointer (&out);
}

static int
tour_prepare (const TourOptions *o, GPtrArray *selected)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (OcStore) store = NULL;
  g_autoptr (GPtrArray) specs = g_ptr_array_new_with_free_func ((GDestroyNotify) oc_spec_free);
  g_autoptr (GPtrArray) owners = g_ptr_array_new (); /* the scene of each spec */
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  OcCliRunOptions ro = { 0 };
  guint n_skipped = 0;
  double estimate = 0;

  ro.store_path = o->store_path;
  if (!oc_cli_progress_parse (o->progress, o->quiet, &ro.progress, &error))
    return oc_cli_fail (error);
  store = oc_cli_open_store (o->store_path, TRUE, &error);
  if (store == NULL)
    return oc_cli_fail (error);
  /* What is missing, each experiment once. */
  for (guint i = 0; i < selected->len; i++)
    {
      const OcTourScene *scene = selected->pdata[i];
      g_auto (OcTourStatus) st = { 0 };

      if (!oc_tour_scene_status (scene, o->quick, store, &st, &error))
        return oc_cli_fail (error);
      if (!st.available)
        {
          printf (_("%s: skipped — %s\n"), scene->id, st.why_not);
          n_skipped++;
          continue;
        }
      for (guint r = 0; r < 2; r++)
        {
          g_autoptr (OcSpec) spec = r == 0 ? oc_tour_scene_spec (scene, o->quick, &error)
                                           : oc_tour_scene_also_spec (scene, o->quick, &error);
          g_autoptr (OcRunPlan) plan = NULL;
          char *id;

          if (spec == NULL && error != NULL)
            return oc_cli_fail (error);
          if (spec == NULL)
            continue;
          id = oc_spec_id (spec);
          if (g_hash_table_contains (seen, id))
            {
              g_free (id);
              continue;
            }
          g_hash_table_add (seen, id);
          plan = oc_run_plan_new (spec, store, FALSE, &error);
          if (plan == NULL)
            return oc_cli_fail (error);
          if (oc_run_plan_get_n_stored (plan) == oc_run_plan_get_n_points (plan))
            continue;
          g_ptr_array_add (specs, g_steal_pointer (&spec));
          g_ptr_array_add (owners, (gpointer) scene);
          estimate += st.run_seconds[r];
        }
    }
  g_clear_pointer (&store, oc_store_close);
  if (specs->len == 0)
    {
      printf (ngettext ("Nothing to prepare: the store has the %s results of the %u scene "
                        "asked for.\n",
                        "Nothing to prepare: the store has the %s results of the %u scenes "
                        "asked for.\n", selected->len - n_skipped),
              o->quick ? _("quick") : _("full"), selected->len - n_skipped);
      return OC_EXIT_OK;
    }
  {
    g_autofree char *eta = oc_format_duration (estimate);

    printf (ngettext ("Preparing %u experiment (%s), estimated %s on this machine.\n",
                      "Preparing %u experiments (%s), estimated %s on this machine.\n",
                      specs->len),
            specs->len, o->quick ? _("quick variants") : _("full"), eta);
  }
  for (guint i = 0; i < specs->len; i++)
    {
      const OcTourScene *scene = owners->pdata[i];
      OcRunSummary summary;
      int status;

      printf (_("[%u/%u] scene %s: %s\n"), i + 1, specs->len, scene->id, _(scene->title));
      fflush (stdout);
      status = oc_cli_run_experiment (specs->pdata[i], &ro, NULL, &store, &summary);
      if (status != OC_EXIT_OK)
        return status;
      oc_cli_print_stored (&summary, store);
      g_clear_pointer (&store, oc_store_close);
    }
  printf (_("Prepared. occam-cli tour --deck OUT.pdf%s writes the deck.\n"),
          o->quick ? " --quick" : "");
  return OC_EXIT_OK;
}

static int
tour_deck (const TourOptions *o)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (OcStore) store = NULL;
  g_autoptr (OcTourDeck) deck = NULL;
  g_autoptr (GBytes) pdf = NULL;
  g_autoptr (OcPathGuard) guard = oc_path_guard_new ();
  g_autofree char *store_arg = NULL;
  g_autofree char *store_path = oc_cli_store_path (o->store_path, &store_arg);
  double width = OC_PLOT_SLIDE_WIDTH, height = OC_PLOT_SLIDE_HEIGHT;
  OcPlotFormat format;
  gsize len;
  const char *data;

  if (!oc_plot_format_from_path (o->deck, &format) || format != OC_PLOT_FORMAT_PDF)
    {
      oc_cli_error (_("--deck %s: the tour is written as one PDF; name it NAME.pdf"), o->deck);
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
  oc_path_guard_add_store (guard, store_path, NULL, store_arg);
  if (!oc_path_guard_check (guard, o->deck, "--deck", &error)
      || !oc_cli_check_output_path (o->deck, &error))
    return oc_cli_fail (error);
  store = oc_cli_open_store (o->store_path, FALSE, &error);
  if (store == NULL)
    return oc_cli_fail (error);
  deck = oc_tour_deck_new (store, o->quick, &error);
  if (deck == NULL)
    return oc_cli_fail (error);
  pdf = oc_tour_deck_render_pdf (deck, width, height, &error);
  if (pdf == NULL)
    return oc_cli_fail (error);
  data = g_bytes_get_data (pdf, &len);
  if (!oc_cli_write_output (o->deck, data, (gssize) len, &error))
    return oc_cli_fail (error);
  printf (ngettext ("wrote %s: %u slide", "wrote %s: %u slides", oc_tour_deck_get_n_slides (deck)),
          o->deck, oc_tour_deck_get_n_slides (deck));
  if (oc_tour_deck_get_n_missing (deck) > 0)
    printf (ngettext ("; %u scene is not prepared (its slide says how: occam-cli tour --prepare%s)",
                      "; %u scenes are not prepared (their slides say how: occam-cli tour "
                      "--prepare%s)", oc_tour_deck_get_n_missing (deck)),
            oc_tour_deck_get_n_missing (deck), o->quick ? " --quick" : "");
  printf ("\n");
  return OC_EXIT_OK;
}

int
oc_cmd_tour (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  TourOptions o = { 0 };
  int status = OC_EXIT_BAD_INPUT, n_actions;
  gboolean parsed;
  const GOptionEntry entries[] = {
    { "store", 0, 0, G_OPTION_ARG_FILENAME, &o.store_path, OC_CLI_STORE_HELP, "FILE" },
    { "list", 0, 0, G_OPTION_ARG_NONE, &o.list,
      N_("List the scenes: preset, figures, estimated full and quick times, or stored"), NULL },
    { "prepare", 0, 0, G_OPTION_ARG_NONE, &o.prepare,
      N_("Compute the results the store lacks for the scenes named (default: all); run it "
         "again to resume"), NULL },
    { "deck", 0, 0, G_OPTION_ARG_FILENAME, &o.deck,
      N_("Write the whole tour from the store as a PDF deck"), "OUT.pdf" },
    { "quick", 0, 0, G_OPTION_ARG_NONE, &o.quick,
      N_("The quick variants: fewer epochs, levels and widths, named as such on the slides"),
      NULL },
    { "size", 0, 0, G_OPTION_ARG_STRING, &o.size,
      N_("--deck: page size in points (default 1280x720, 16:9)"), "WxH" },
    { "progress", 0, 0, G_OPTION_ARG_STRING, &o.progress, OC_CLI_PROGRESS_HELP, "WHEN" },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &o.quiet, N_("--prepare: no progress"), NULL },
    { NULL }
  };
  GOptionEntry translated[G_N_ELEMENTS (entries)];

  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    {
      translated[i] = entries[i];
      if (entries[i].description != NULL)
        translated[i].description = gettext (entries[i].description);
    }
  parsed = oc_cli_parse_options (&argc, &argv,
                                 _("--list | --prepare [SCENE…] | --deck OUT.pdf - the seed tour"),
                                 _("The talk's argument as scenes, each an experiment and its "
                                   "figures.\n"
                                   "  --list                 scenes, presets, figures, estimated "
                                   "times\n"
                                   "  --prepare [SCENE…]     compute missing results (the evening "
                                   "before)\n"
                                   "  --deck OUT.pdf         the tour as slides from the store\n"
                                   "Add --quick for the quick variants. Example: occam-cli tour "
                                   "--prepare --quick && occam-cli tour --deck tour.pdf --quick"),
                                 translated);
  if (!parsed)
    goto out;
  n_actions = (o.list ? 1 : 0) + (o.prepare ? 1 : 0) + (o.deck != NULL ? 1 : 0);
  if (n_actions != 1)
    {
      oc_cli_error (n_actions == 0 ? _("tour: give --list, --prepare or --deck OUT.pdf")
                                   : _("tour: give only one of --list, --prepare and --deck"));
      goto out;
    }
  if (argc > 1 && !o.prepare)
    {
      oc_cli_error (_("tour: scene names (%s…) go with --prepare only"), argv[1]);
      goto out;
    }
  if (o.size != NULL && o.deck == NULL)
    {
      oc_cli_error (_("tour: --size is for --deck"));
      goto out;
    }
  if ((o.progress != NULL || o.quiet) && !o.prepare)
    {
      oc_cli_error (_("tour: %s is for --prepare"), o.quiet ? "-q" : "--progress");
      goto out;
    }
  if (o.list)
    {
      /* Listing never creates a store: without one, nothing is stored. */
      g_autoptr (OcStore) store = NULL;
      g_autofree char *arg = NULL;
      g_autofree char *path = oc_cli_store_path (o.store_path, &arg);

      if (g_file_test (path, G_FILE_TEST_EXISTS))
        {
          store = oc_cli_open_store (o.store_path, FALSE, &error);
          if (store == NULL)
            {
              status = oc_cli_fail (error);
              goto out;
            }
        }
      else if (o.store_path != NULL)
        {
          oc_cli_error (_("--store %s: no such store (leave --store out for the default, or "
                          "prepare the tour into it first)"), o.store_path);
          goto out;
        }
      status = tour_list (store);
    }
  else if (o.prepare)
    {
      g_autoptr (GPtrArray) selected = select_scenes (argv + 1, argc - 1, &error);

      status = selected != NULL ? tour_prepare (&o, selected) : oc_cli_fail (error);
    }
  else
    status = tour_deck (&o);

out:
  g_free (o.store_path);
  g_free (o.deck);
  g_free (o.size);
  g_free (o.progress);
  return status;
}
