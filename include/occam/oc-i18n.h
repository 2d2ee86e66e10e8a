/* oc-i18n.h — the message catalogue of occam and occam-cli.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Both programs call oc_i18n_init() first thing in main(): the locale comes from the environment
 * and Occam's messages from the "occam" text domain (GETTEXT_PACKAGE in oc-config.h) under
 * LOCALEDIR, or under $OCCAM_LOCALEDIR when that is set (the build tree's compiled catalogues,
 * for the tests and build-aux/occam-run).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void oc_i18n_init (void);

G_END_DECLS
