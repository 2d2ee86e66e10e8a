/* oc-cmd-merge.c — `occam-cli merge OTHER.db`: fold another store (a shard computed elsewhere)
 * into this one, idempotently.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>
#include <stdio.h>

#include "occam/oc-store.h"
#include "oc-cli.h"
#include "oc-cli-command.h"
#include "oc-cli-run.h"

/* The store is written and the others are read: none of the others may be the store (or its
 * -wal), and the store none of theirs. */
static gboolean
check_paths (const char *store_path, int argc, char **argv, GError **error)
{
  g_autoptr (OcPathGuard) store_guard = oc_path_guard_new ();
  g_autoptr (OcPathGuard) others = oc_path_guard_new ();
  g_autofree char *arg = NULL;
  g_autofree char *path = oc_cli_store_path (store_path, &arg);

  oc_path_guard_add_store (store_guard, path, NULL, arg);
  for (int i = 1; i < argc; i++)
    {
      g_autofree char *other_arg = g_strdup_printf ("merge %s", argv[i]);

      if (!oc_path_guard_check (store_guard, argv[i], "", error))
        return FALSE;
      oc_path_guard_add_store (others, argv[i], "a store to merge", other_arg);
    }
  return oc_path_guard_check (others, path, "--store", error);
}

int
oc_cmd_merge (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (OcStore) store = NULL;
  g_autofree char *store_path = NULL;
  OcStoreMergeStats stats;
  const GOptionEntry entries[] = {
    { "store", 0, 0, G_OPTION_ARG_FILENAME, &store_path,
      N_("The store to merge into (default: $XDG_DATA_HOME/occam/occam.db)"), "FILE" },
    { NULL }
  };

  if (!oc_cli_parse_options (&argc, &argv,
                             N_("OTHER.db… - fold other experiment stores into this one"),
                             N_("Copies the experiments and points of OTHER.db that this store "
                             "lacks. Where both hold the same point,\na finished one here is "
                             "kept. OTHER.db is only read; merging twice changes nothing the "
                             "second time."), entries))
    return OC_EXIT_BAD_INPUT;
  if (argc < 2)
    {
      oc_cli_error (_("give the store file to merge; see 'occam-cli merge --help'"));
      return OC_EXIT_BAD_INPUT;
    }

  if (!check_paths (store_path, argc, argv, &error))
    {
      oc_cli_error ("%s", error->message);
      return OC_EXIT_BAD_INPUT;
    }
  store = oc_cli_open_store (store_path, TRUE, &error);
  if (store == NULL)
    {
      oc_cli_error ("%s", error->message);
      return oc_cli_exit_code_for (error);
    }
  for (int i = 1; i < argc; i++)
    {
      if (!oc_store_merge (store, argv[i], &stats, &error))
        {
          oc_cli_error ("%s", error->message);
          return oc_cli_exit_code_for (error);
        }
      printf (_("merged %s into %s: %u new experiment%s, %u new point%s, %u kept (finished in "
              "both), %u not taken (unfinished there)\n"), argv[i], oc_store_get_path (store),
              stats.experiments_added, stats.experiments_added == 1 ? "" : "s",
              stats.points_added, stats.points_added == 1 ? "" : "s", stats.points_kept,
              stats.points_skipped);
    }
  return OC_EXIT_OK;
}
