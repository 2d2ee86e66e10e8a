/* main.c — occam-cli: the engine and figures without a display.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>

#include "oc-cli.h"
#include "oc-cli-output.h"
#include "oc-config.h"
#include "occam/oc-i18n.h"

/* Terminated by an entry with a NULL name. */
static const OcCliCommand commands[] = {
  { "train", oc_cmd_train, N_("Train one network and report its curves") },
  { "prune", oc_cmd_prune, N_("Lottery tickets: iterative magnitude pruning with controls") },
  { "instability", oc_cmd_instability,
    N_("Linear mode connectivity: is training stable from iteration k? (Frankle 2020)") },
  { "sweep", oc_cmd_sweep, N_("Sweep widths, sample sizes, noise and seeds (double descent)") },
  { "linear", oc_cmd_linear, N_("The isotropic linear model and its closed-form risk (Hastie)") },
  { "rff", oc_cmd_rff, N_("Random-features regression over the number of features") },
  { "landscape", oc_cmd_landscape, N_("The loss along a line and over a plane around a trained "
    "network") },
  { "grok", oc_cmd_grok, N_("Memorise or find the rule: grokking on (modular) addition") },
  { "bench", oc_cmd_bench, N_("Time training epochs and sgemm on this machine") },
  { "plot", oc_cmd_plot, N_("Draw a figure from a CSV, or any figure of a stored experiment") },
  { "animate", oc_cmd_animate, N_("A stored experiment's figure as it grew, as a GIF or WebM") },
  { "run", oc_cmd_run, N_("Run or resume the experiment of a spec file") },
  { "runs", oc_cmd_runs, N_("List, show, export and remove stored experiments") },
  { "merge", oc_cmd_merge, N_("Fold other experiment stores into this one") },
  { "tour", oc_cmd_tour,
    N_("The seed tour: scenes of the talk, preparing their results, the deck") },
  { "deck", oc_cmd_deck, N_("Presentation decks of stored figures: add, reorder, export as PDF") },
  { NULL, NULL, NULL },
};

void
oc_cli_error (const char *format, ...)
{
  va_list args;
  g_autofree char *msg = NULL;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  g_strdelimit (msg, "\n", ' ');
  fprintf (stderr, "occam-cli: %s\n", msg);
}

static const char about[] =
  N_("Experiments on double descent, lottery tickets and loss landscapes, without a display.");

static void
print_usage (FILE *out)
{
  fprintf (out, _("Usage: occam-cli COMMAND [OPTION…]\n\n%s\n\nCommands:\n"), _(about));
  for (const OcCliCommand *c = commands; c->name != NULL; c++)
    fprintf (out, "  %-10s %s\n", c->name, _(c->summary));
  fprintf (out, _("\nRun 'occam-cli COMMAND --help' for the options of a command.\n"));
}

int
main (int argc, char **argv)
{
  const char *name;

  oc_i18n_init ();
  /* Numbers in CSV, JSON and flags always use a decimal point. */
  setlocale (LC_NUMERIC, "C");
  /* A reader that closes standard output early (`| head`) must not kill a run between two steps
   * and leave its experiment `running`: writes fail with EPIPE instead, quietly, and the command
   * ends with the status a shell expects (oc_cli_finish_stdout). */
  signal (SIGPIPE, SIG_IGN);

  if (argc < 2)
    {
      print_usage (stderr);
      return OC_EXIT_BAD_INPUT;
    }
  name = argv[1];
  if (strcmp (name, "--help") == 0 || strcmp (name, "-h") == 0 || strcmp (name, "help") == 0)
    {
      print_usage (stdout);
      return OC_EXIT_OK;
    }
  /* Hidden: the build makes the man page and the completion scripts with it. */
  if (g_str_has_prefix (name, "--generate="))
    return oc_cli_generate (name + strlen ("--generate="), commands, about);
  if (strcmp (name, "--version") == 0)
    {
      printf ("occam-cli %s\n", OC_VERSION);
      return OC_EXIT_OK;
    }
  for (const OcCliCommand *c = commands; c->name != NULL; c++)
    if (strcmp (c->name, name) == 0)
      {
        g_autofree char *prgname = g_strdup_printf ("occam-cli %s", name);

        g_set_prgname (prgname);
        argv[1] = prgname;
        return oc_cli_finish_stdout (c->func (argc - 1, argv + 1));
      }
  oc_cli_error (_("unknown command '%s'; run 'occam-cli --help' for the list"), name);
  return OC_EXIT_BAD_INPUT;
}
