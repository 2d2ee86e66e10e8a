/* test-plot-cli.c — `occam-cli plot` end to end: figures from training and sweep CSVs, and
 * every bad input exits 2 with one line and no output file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <glib/gstdio.h>

#include "plot-test-util.h"

static int
plot (const char *const *args, char **err)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();

  g_ptr_array_add (argv, (char *) g_getenv ("OC_CLI"));
  g_ptr_array_add (argv, "plot");
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  return plot_test_run ((const char *const *) argv->pdata, err);
}

static void
test_learning_formats (void)
{
  static const char *const exts[] = { "png", "svg", "pdf" };
  g_autofree char *csv = plot_test_src_path ("data/train-val.csv");

  for (guint i = 0; i < G_N_ELEMENTS (exts); i++)
    {
      g_autofree char *name = g_strdup_printf ("cli/learning.%s", exts[i]);
      g_autofree char *out = plot_test_build_path (name);
      g_autofree char *err = NULL;
      const char *args[] = { "--in", csv, "--kind", "learning", "--size", "800x450", "--out", out,
                             NULL };

      g_unlink (out);
      g_assert_cmpint (plot (args, &err), ==, 0);
      g_assert_cmpstr (err, ==, "");
      g_assert_true (g_file_test (out, G_FILE_TEST_IS_REGULAR));
      if (i == 0)
        {
          int w, h;

          g_assert_true (plot_test_png_size (out, &w, &h));
          g_assert_cmpint (w, ==, 800);
          g_assert_cmpint (h, ==, 450);
        }
    }
}

static void
test_learning_without_validation (void)
{
  g_autofree char *csv = plot_test_src_path ("data/train-no-val.csv");
  g_autofree char *out = plot_test_build_path ("cli/no-val.svg");
  g_autofree char *err = NULL;
  g_autofree char *svg = NULL;
  const char *args[] = { "--in", csv, "--out", out, "--theme", "dark", NULL };

  g_unlink (out);
  g_assert_cmpint (plot (args, &err), ==, 0);
  g_assert_true (g_file_get_contents (out, &svg, NULL, NULL));
  /* The kind is guessed from the columns, and the all-NaN validation split is left out. */
  g_assert_nonnull (strstr (svg, ">Learning curves<"));
  g_assert_nonnull (strstr (svg, ">test error<"));
  g_assert_null (strstr (svg, ">val error<"));
}

static void
test_curve_sweep (void)
{
  g_autofree char *csv = plot_test_src_path ("data/sweep-width.csv");
  g_autofree char *out = plot_test_build_path ("cli/sweep.png");
  g_autofree char *err = NULL;
  const char *args[] = { "--in", csv, "--kind", "curve", "--x", "params", "--logx", "--y",
                         "train_error,test_error,test_loss", "--theme", "presentation",
                         "--size", "640x360", "--scale", "2", "--title", "Double descent",
                         "--out", out, NULL };
  int w, h;

  g_unlink (out);
  g_assert_cmpint (plot (args, &err), ==, 0);
  g_assert_true (plot_test_png_size (out, &w, &h));
  g_assert_cmpint (w, ==, 1280);
  g_assert_cmpint (h, ==, 720);
}

static void
test_other_kinds (void)
{
  g_autofree char *sweep = plot_test_src_path ("data/sweep-width.csv");
  g_autofree char *matrix = plot_test_build_path ("cli/matrix.csv");
  g_autofree char *images = plot_test_build_path ("cli/images.csv");
  g_autoptr (GString) m = g_string_new (NULL);
  g_autoptr (GString) im = g_string_new ("label,noisy");

  for (int r = 0; r < 30; r++)
    for (int c = 0; c < 40; c++)
      g_string_append_printf (m, "%g%s", (r - 15) * (c - 20) / 300.0, c == 39 ? "\n" : ",");
  g_assert_true (g_file_set_contents (matrix, m->str, -1, NULL));
  for (int k = 0; k < 784; k++)
    g_string_append_printf (im, ",p%d", k);
  g_string_append_c (im, '\n');
  for (int i = 0; i < 6; i++)
    {
      g_string_append_printf (im, "%d,%d", i, i == 2);
      for (int k = 0; k < 784; k++)
        g_string_append_printf (im, ",%d", (k * (i + 3)) % 256);
      g_string_append_c (im, '\n');
    }
  g_assert_true (g_file_set_contents (images, im->str, -1, NULL));

  {
    const char *const cases[][12] = {
      { "--in", sweep, "--kind", "hist", "--y", "test_error,train_error", "--out", NULL },
      { "--in", sweep, "--kind", "heatmap", "--x", "width", "--y", "seed", "--value",
        "test_error", "--out", NULL },
      { "--in", matrix, "--kind", "heatmap", "--sort", "both", "--out", NULL },
      { "--in", images, "--kind", "grid", "--out", NULL },
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_autofree char *name = g_strdup_printf ("cli/kind-%u.png", i);
        g_autofree char *out = plot_test_build_path (name);
        g_autofree char *err = NULL;
        const char *args[14] = { NULL };
        guint n = 0;

        while (cases[i][n])
          {
            args[n] = cases[i][n];
            n++;
          }
        args[n] = out;
        g_unlink (out);
        g_assert_cmpint (plot (args, &err), ==, 0);
        g_assert_true (g_file_test (out, G_FILE_TEST_IS_REGULAR));
      }
  }
}

static void
test_bad_inputs (void)
{
  g_autofree char *csv = plot_test_src_path ("data/train-val.csv");
  g_autofree char *missing = plot_test_src_path ("data/no-such-file.csv");
  g_autofree char *ragged = plot_test_build_path ("cli/ragged.csv");
  g_autofree char *out = plot_test_build_path ("cli/never.png");
  g_autofree char *bad_ext = plot_test_build_path ("cli/never.gif");
  const struct
  {
    const char *args[8];
    const char *message; /* part of the one-line error */
  } cases[] = {
    { { "--in", missing, "--out", out }, "no-such-file.csv" },
    { { "--in", csv, "--y", "accuracy", "--out", out }, "no column 'accuracy'" },
    { { "--in", csv, "--x", "time", "--out", out }, "no column 'time'" },
    { { "--in", csv, "--size", "10x10", "--out", out }, "16 to 16384" },
    { { "--in", csv, "--size", "big", "--out", out }, "WIDTHxHEIGHT" },
    { { "--in", csv, "--kind", "pie", "--out", out }, "--kind 'pie'" },
    { { "--in", csv, "--theme", "sepia", "--out", out }, "--theme 'sepia'" },
    { { "--in", csv, "--scale", "0", "--out", out }, "--scale" },
    { { "--in", csv, "--out", bad_ext }, ".png, .svg or .pdf" },
    { { "--in", ragged, "--out", out }, "ragged.csv:3: expected 3 fields" },
    { { "--in", csv, "--kind", "grid", "--out", out }, "square image" },
    { { "--out", out }, "--in" },
  };

  g_assert_true (g_file_set_contents (ragged, "a,b,c\n1,2,3\n4,5\n", -1, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *err = NULL;

      g_unlink (out);
      g_assert_cmpint (plot (cases[i].args, &err), ==, 2);
      g_assert_true (g_str_has_prefix (err, "occam-cli: "));
      /* One line. */
      g_assert_cmpint (strchr (err, '\n') - err, ==, (int) strlen (err) - 1);
      if (strstr (err, cases[i].message) == NULL)
        g_error ("case %u: expected '%s' in: %s", i, cases[i].message, err);
      g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
      g_assert_false (g_file_test (bad_ext, G_FILE_TEST_EXISTS));
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/plot/cli/learning-formats", test_learning_formats);
  g_test_add_func ("/plot/cli/learning-without-validation", test_learning_without_validation);
  g_test_add_func ("/plot/cli/curve-sweep", test_curve_sweep);
  g_test_add_func ("/plot/cli/other-kinds", test_other_kinds);
  g_test_add_func ("/plot/cli/bad-inputs", test_bad_inputs);
  return g_test_run ();
}
