/* test-path-guard.c — no output may name the store or an input: the same file reached through a
 * hard link, a symbolic link or "..", files not yet created, the store's -wal/-shm files, a spec's
 * data files and IDX folder, and folders an export writes into.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "occam/oc-error.h"
#include "occam/oc-path-guard.h"
#include "occam/oc-spec.h"

typedef struct
{
  char *dir;
  char *old_cwd;
} Fixture;

static void
touch (const char *dir, const char *name)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);

  g_file_set_contents (path, "data", -1, &error);
  g_assert_no_error (error);
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->dir = g_dir_make_tmp ("occam-guard-XXXXXX", &error);
  g_assert_no_error (error);
  f->old_cwd = g_get_current_dir ();
  g_assert_cmpint (g_chdir (f->dir), ==, 0);
  touch (f->dir, "x.db");
  touch (f->dir, "d.csv");
  g_assert_cmpint (g_mkdir ("sub", 0700), ==, 0);
  g_assert_cmpint (g_mkdir ("idx", 0700), ==, 0);
  touch (f->dir, "idx/train-images-idx3-ubyte.gz");
  touch (f->dir, "idx/train-labels.idx1-ubyte");
  touch (f->dir, "idx/t10k-images-idx3-ubyte");
  touch (f->dir, "idx/t10k-labels-idx1-ubyte");
  touch (f->dir, "idx/README");
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", f->dir);

  g_assert_cmpint (g_chdir (f->old_cwd), ==, 0);
  g_assert_cmpint (system (cmd), ==, 0);
  g_free (f->old_cwd);
  g_free (f->dir);
}

/* Asserts that @path as "@arg @path" collides, with a message that starts as @prefix. */
static void
assert_refused (const OcPathGuard *guard, const char *path, const char *arg, const char *prefix)
{
  g_autoptr (GError) error = NULL;

  g_assert_false (oc_path_guard_check (guard, path, arg, &error));
  g_assert_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT);
  g_test_message ("%s", error->message);
  if (!g_str_has_prefix (error->message, prefix))
    g_error ("message \"%s\" does not start with \"%s\"", error->message, prefix);
  g_assert_null (strchr (error->message, '\n'));
}

static void
assert_allowed (const OcPathGuard *guard, const char *path)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (oc_path_guard_check (guard, path, "--csv", &error));
  g_assert_no_error (error);
}

static void
test_store (Fixture *f, gconstpointer data)
{
  g_autoptr (OcPathGuard) guard = oc_path_guard_new ();
  g_autofree char *abs = g_build_filename (f->dir, "x.db", NULL);

  oc_path_guard_add_store (guard, "x.db", NULL, "--store x.db");
  assert_refused (guard, "x.db", "--csv",
                  "--csv x.db is the experiment store (--store x.db); choose another file");
  assert_refused (guard, abs, "--json", "--json ");
  assert_refused (guard, "sub/../x.db", "--csv", "--csv sub/../x.db is the experiment store");
  assert_refused (guard, "./x.db", "", "./x.db is the experiment store (--store x.db)");
  assert_refused (guard, "x.db-wal", "--csv",
                  "--csv x.db-wal is the write-ahead log of the experiment store (--store x.db)");
  assert_refused (guard, "sub/../x.db-shm", "--csv", "--csv sub/../x.db-shm is the shared-memory");
  assert_refused (guard, "x.db-journal", "--csv", "--csv x.db-journal is the rollback journal");

  /* Links reach the same file. */
  g_assert_cmpint (link ("x.db", "hard.csv"), ==, 0);
  assert_refused (guard, "hard.csv", "--csv", "--csv hard.csv is the experiment store");
  g_assert_cmpint (symlink ("x.db", "soft.csv"), ==, 0);
  assert_refused (guard, "soft.csv", "--csv", "--csv soft.csv is the experiment store");
  g_assert_cmpint (symlink (f->dir, "sub/up"), ==, 0);
  assert_refused (guard, "sub/up/x.db", "--csv", "--csv sub/up/x.db is the experiment store");

  /* Another file, even with a similar name or in a folder that does not exist, is fine. */
  assert_allowed (guard, "x.db.csv");
  assert_allowed (guard, "sub/x.db");
  assert_allowed (guard, "nowhere/x.db");
  assert_allowed (guard, "d.csv");
}

static void
test_not_yet_created (Fixture *f, gconstpointer data)
{
  g_autoptr (OcPathGuard) guard = oc_path_guard_new ();

  /* A store about to be created, behind a symbolic link to a folder. */
  g_assert_cmpint (symlink ("sub", "link"), ==, 0);
  oc_path_guard_add_store (guard, "link/new.db", NULL, NULL);
  assert_refused (guard, "sub/new.db", "--csv",
                  "--csv sub/new.db is the experiment store (link/new.db)");
  assert_refused (guard, "sub/./new.db-wal", "--csv", "--csv sub/./new.db-wal is the write-ahead");
  /* A dangling symbolic link writes where it points. */
  g_assert_cmpint (symlink ("sub/new.db", "dangling.csv"), ==, 0);
  assert_refused (guard, "dangling.csv", "--csv", "--csv dangling.csv is the experiment store");
  assert_allowed (guard, "sub/other.db");
  g_assert_false (g_file_test ("sub/new.db", G_FILE_TEST_EXISTS));
}

static void
test_spec_inputs (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (OcSpec) csv = oc_spec_new ("train", &error);
  g_autoptr (OcSpec) idx = oc_spec_new ("sweep", &error);
  g_autoptr (OcPathGuard) cli = oc_path_guard_new ();
  g_autoptr (OcPathGuard) json = oc_path_guard_new ();
  g_autoptr (OcPathGuard) idx_guard = oc_path_guard_new ();
  g_autofree char *data_file = g_build_filename (f->dir, "d.csv", NULL);
  g_autofree char *test_file = g_build_filename (f->dir, "t.csv", NULL);
  g_autofree char *data_dir = g_build_filename (f->dir, "idx", NULL);

  g_assert_no_error (error);
  g_assert_true (oc_spec_set_field (csv, "data", "name", "csv", &error));
  g_assert_true (oc_spec_set_field (csv, "data", "data_file", data_file, &error));
  g_assert_true (oc_spec_set_field (csv, "data", "test_file", test_file, &error));
  g_assert_true (oc_spec_finish (csv, TRUE, &error));
  g_assert_no_error (error);
  oc_path_guard_add_spec (cli, csv, TRUE);
  oc_path_guard_add_spec (json, csv, FALSE);
  assert_refused (cli, "d.csv", "--csv", "--csv d.csv is an input of the experiment (--data-file ");
  assert_refused (json, "d.csv", "--csv",
                  "--csv d.csv is an input of the experiment ($.data.data_file = ");
  /* Not there yet, still an input. */
  assert_refused (cli, "t.csv", "--json",
                  "--json t.csv is an input of the experiment (--test-file");
  assert_allowed (cli, "x.db");

  g_assert_true (oc_spec_set_field (idx, "data", "name", "mnist", &error));
  g_assert_true (oc_spec_set_field (idx, "data", "data_dir", data_dir, &error));
  g_assert_true (oc_spec_finish (idx, TRUE, &error));
  g_assert_no_error (error);
  oc_path_guard_add_spec (idx_guard, idx, TRUE);
  assert_refused (idx_guard, "idx/train-images-idx3-ubyte.gz", "--csv",
                  "--csv idx/train-images-idx3-ubyte.gz is a file of the dataset (--data-dir ");
  assert_refused (idx_guard, "idx/train-labels.idx1-ubyte", "--csv", "--csv idx/train-labels");
  assert_refused (idx_guard, "idx/t10k-images-idx3-ubyte", "--csv", "--csv idx/t10k-images");
  assert_refused (idx_guard, "idx/t10k-labels-idx1-ubyte", "--csv", "--csv idx/t10k-labels");
  /* The folder's other files are not read. */
  assert_allowed (idx_guard, "idx/README");
  assert_allowed (idx_guard, "idx/train-images-idx3-ubyte");
}

static void
test_folder (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (OcPathGuard) guard = oc_path_guard_new ();

  touch (f->dir, "sub/imp-s0-l03-layer1-mask.npy");
  oc_path_guard_add_store (guard, "sub/imp-s0-l03-layer1-mask.npy", NULL, NULL);

  g_assert_false (oc_path_guard_check_folder (guard, "sub/imp-s0-l03-layer1-mask.npy",
                                              "--export-masks", NULL, &error));
  g_assert_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT);
  g_assert_true (g_str_has_suffix (error->message, "; choose another folder"));
  g_clear_error (&error);

  g_assert_false (oc_path_guard_check_folder (guard, "idx/../sub", "--export-masks",
                                              "*-s*-l*-layer*-*.npy", &error));
  g_assert_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, "--export-masks idx/../sub would write over "
                                   "sub/imp-s0-l03-layer1-mask.npy, the experiment store"));
  g_clear_error (&error);

  /* A name the export does not write, and a folder without the store, are fine. */
  g_assert_true (oc_path_guard_check_folder (guard, "sub", "--csv", "*.csv", &error));
  g_assert_true (oc_path_guard_check_folder (guard, "idx", "--export-masks",
                                             "*-s*-l*-layer*-*.npy", &error));
  g_assert_true (oc_path_guard_check_folder (guard, "new-folder", "--export-masks", NULL, &error));
  g_assert_no_error (error);
}

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  ADD ("/path-guard/store", test_store);
  ADD ("/path-guard/not-yet-created", test_not_yet_created);
  ADD ("/path-guard/spec-inputs", test_spec_inputs);
  ADD ("/path-guard/folder", test_folder);
  return g_test_run ();
}
