/* oc-path-guard.h — the rule that no output overwrites an input or the experiment store.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A front end collects what a command reads (or keeps, like the store) in an OcPathGuard and
 * asks it about each path it is about to write, before anything runs: `--csv x.db` next to
 * `--store x.db`, `--csv d.csv` next to `--data-file d.csv`, a figure exported over the store.
 * Two paths collide when they name the same file: the same device and inode when both exist,
 * else the same canonical path (symbolic links and ".." resolved as far as the folders exist),
 * so hard links, symbolic links and files not yet created are all caught.
 *
 * Every output of every command goes through oc_path_guard_check() (a file) or
 * oc_path_guard_check_folder() (a folder the command writes files into); a new output gets the
 * rule by calling one of them.
 */
#pragma once

#include <glib.h>

#include "oc-spec.h"

G_BEGIN_DECLS

typedef struct _OcPathGuard OcPathGuard;

OcPathGuard *oc_path_guard_new  (void);
void         oc_path_guard_free (OcPathGuard *guard);

/* Guards @path: @what says what it is ("the experiment store"), @arg how the command was given
 * it ("--store x.db"), or NULL when it was not given (a default). */
void     oc_path_guard_add         (OcPathGuard *guard, const char *path, const char *what,
                                    const char *arg);
/* Guards the store at @path and the files SQLite keeps next to it (-wal, -shm, -journal); @what
 * as above, NULL for "the experiment store". */
void     oc_path_guard_add_store   (OcPathGuard *guard, const char *path, const char *what,
                                    const char *arg);
/* Guards every file @spec's data options read: each path field's file (`--data-file`,
 * `--test-file`), the MNIST-format files of `--data-dir` (or of the default Fashion-MNIST folder
 * when the dataset uses it). The fields are named by their CLI flag when @for_cli, else by their
 * JSON path ("$.data.data_file"). */
void     oc_path_guard_add_spec    (OcPathGuard *guard, const OcSpec *spec, gboolean for_cli);

/* FALSE with OC_ERROR_INVALID_ARGUMENT when @path (the output the command was given as
 * "@arg @path"; @arg may be "" for a positional argument) names a guarded file:
 * "--csv x.db is the experiment store (--store x.db); choose another file". */
gboolean oc_path_guard_check       (const OcPathGuard *guard, const char *path, const char *arg,
                                    GError **error);
/* For a folder the command writes files into whose names are only known later: FALSE when @dir
 * names a guarded file, or a guarded file lies directly in @dir under a name matching the glob
 * @pattern (the names the command writes there; NULL: any name). */
gboolean oc_path_guard_check_folder (const OcPathGuard *guard, const char *dir, const char *arg,
                                     const char *pattern, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OcPathGuard, oc_path_guard_free)

G_END_DECLS
