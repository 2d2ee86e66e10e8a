/* fuzz-common.h — what every fuzz harness shares: the libFuzzer entry points and scratch files.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each harness defines LLVMFuzzerTestOneInput() and LLVMFuzzerInitialize(). Built with clang's
 * -fsanitize=fuzzer (-Dfuzz=enabled), libFuzzer calls them; in the default build, driver.c calls
 * them once per corpus file, so the same code replays the corpora without clang.
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include <glib.h>

G_BEGIN_DECLS

int LLVMFuzzerInitialize   (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* Sets up what every harness needs once per process: GLib warnings and criticals abort (a
 * g_return_if_fail reached from file contents is a bug, as in the tests' G_DEBUG), and a private
 * scratch folder, removed at exit. */
void        oc_fuzz_init      (void);
/* The scratch folder (on /dev/shm when there is one: libFuzzer writes thousands of files a
 * second). */
const char *oc_fuzz_dir       (void);
/* Writes @size bytes to @name in the scratch folder (replacing it) and returns its path, owned
 * by the caller. Aborts when the write fails: a harness that cannot write its input would
 * silently test nothing. */
char       *oc_fuzz_write     (const char *name, const uint8_t *data, size_t size);
/* Removes @name (and SQLite's "-wal", "-shm" and "-journal" companions) from the scratch
 * folder, so that one input never sees what the previous one left. */
void        oc_fuzz_remove    (const char *name);

G_END_DECLS
