/* plot-test-util.h — helpers shared by the plot tests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

/* $OC_TEST_SRCDIR/plot/… and $OC_TEST_BUILDDIR/plot/… (the build dir is created). */
char *plot_test_src_path (const char *name);
char *plot_test_build_path (const char *name);

/* Runs @argv; returns its exit status (-1 if it could not start) and its stderr. */
int plot_test_run (const char *const *argv, char **err);
/* TRUE if @program is on PATH. */
gboolean plot_test_have (const char *program);

/* Pixel width and height of a PNG file, or FALSE. */
gboolean plot_test_png_size (const char *path, int *w, int *h);

G_END_DECLS
