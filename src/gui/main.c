/* main.c — the occam desktop app.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "oc-application.h"

int
main (int argc, char *argv[])
{
  g_autoptr (OcApplication) app = oc_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
