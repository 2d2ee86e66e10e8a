/* test-csv-locale.c — CSV numbers keep '.' in a locale that writes decimal commas.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run through in-french.sh: the window runs in the user's locale (gtk_init sets it), and the
 * History page exports CSV with oc_csv_append_number, so the French LC_NUMERIC must not reach it.
 */
#include <locale.h>
#include <stdio.h>

#include "occam/oc-train.h"

static void
test_csv_number (void)
{
  g_autoptr (GString) s = g_string_new (NULL);
  char printed[32];

  /* The locale is in effect: plain printf writes the French comma. */
  g_snprintf (printed, sizeof printed, "%g", 0.25);
  g_assert_cmpstr (printed, ==, "0,25");

  oc_csv_append_number (s, 0.25);
  g_string_append_c (s, ',');
  oc_csv_append_number (s, -1.5e-7);
  g_string_append_c (s, ',');
  oc_csv_append_number (s, 3.0);
  g_assert_cmpstr (s->str, ==, "0.25,-1.5e-07,3");
}

int
main (int argc, char **argv)
{
  if (setlocale (LC_ALL, "") == NULL)
    {
      printf ("1..0 # SKIP the French locale is not available\n");
      return 0;
    }
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/csv/number-in-french", test_csv_number);
  return g_test_run ();
}
