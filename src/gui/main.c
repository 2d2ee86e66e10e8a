/* main.c — the occam desktop app.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "occam/oc-i18n.h"
#include "oc-application.h"

int
main (int argc, char *argv[])
{
  g_autoptr (OcApplication) app = NULL;

  /* Everything Occam shows is drawn with Cairo. GTK's GL renderer turns each redrawn figure into
   * a texture upload, which on a software GL stack (llvmpipe: virtual machines, Xvfb, no GPU)
   * stalled the main loop for ~90 ms per frame during live training; the cairo renderer keeps
   * every frame under ~30 ms there. GSK_RENDERER set by the user still wins. */
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  oc_i18n_init ();
  app = oc_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
