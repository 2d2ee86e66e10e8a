/* test-axis.c — sweep axis parsing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "occam/oc-axis.h"
#include "occam/oc-error.h"

static char *
parse_fmt (const char *text)
{
  g_autoptr (GArray) a = oc_axis_parse_uint (text, 1, 1000000, "--widths", NULL);

  return a != NULL ? oc_axis_format_uint (a) : NULL;
}

static void
test_axis_lists (void)
{
  g_autofree char *a = parse_fmt ("8,1,4,4,2");
  g_autofree char *b = parse_fmt ("log:1:1024:11");
  g_autofree char *c = parse_fmt ("log:1:4:10");
  g_autofree char *d = parse_fmt ("lin:10:50:5, 35");
  g_autofree char *e = parse_fmt ("log:100:40000:4,4000");

  g_assert_cmpstr (a, ==, "1,2,4,8");
  g_assert_cmpstr (b, ==, "1,2,4,8,16,32,64,128,256,512,1024");
  /* Rounded to integers, duplicates dropped. */
  g_assert_cmpstr (c, ==, "1,2,3,4");
  g_assert_cmpstr (d, ==, "10,20,30,35,40,50");
  g_assert_cmpstr (e, ==, "100,737,4000,5429,40000");
}

static void
test_axis_doubles (void)
{
  g_autoptr (GArray) a = oc_axis_parse_double ("0.2,0,lin:0:0.2:3", 0, 1, "--noises", NULL);

  g_assert_cmpuint (a->len, ==, 3);
  g_assert_cmpfloat (g_array_index (a, double, 0), ==, 0.0);
  g_assert_cmpfloat_with_epsilon (g_array_index (a, double, 1), 0.1, 1e-12);
  g_assert_cmpfloat_with_epsilon (g_array_index (a, double, 2), 0.2, 1e-12);
}

static void
test_axis_errors (void)
{
  const char *bad[] = { "", "1,,2", "abc", "log:0:10:3", "log:10:1:3", "lin:1:2", "log:1:2:0",
                        "0", "2000000", "-3", "log:1:1e9:5" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      GArray *a = oc_axis_parse_uint (bad[i], 1, 1000000, "--widths", &error);

      g_assert_null (a);
      g_assert_error (error, OC_ERROR, OC_ERROR_INVALID_ARGUMENT);
      g_assert_nonnull (strstr (error->message, "--widths"));
    }
  {
    g_autoptr (GError) error = NULL;

    g_assert_null (oc_axis_parse_double ("0.5,1.5", 0, 1, "--noises", &error));
    g_assert_nonnull (strstr (error->message, "1.5"));
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/axis/lists", test_axis_lists);
  g_test_add_func ("/axis/doubles", test_axis_doubles);
  g_test_add_func ("/axis/errors", test_axis_errors);
  return g_test_run ();
}
