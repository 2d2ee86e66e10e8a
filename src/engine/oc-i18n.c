/* oc-i18n.c — the message catalogue of occam and occam-cli; see oc-i18n.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <libintl.h>
#include <locale.h>

#include "occam/oc-i18n.h"
#include "oc-config.h"

void
oc_i18n_init (void)
{
  const char *dir = g_getenv ("OCCAM_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, dir != NULL && *dir != '\0' ? dir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}
