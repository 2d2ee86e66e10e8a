/* test-point-progress.c — the run bar's rows of points in training: a finished point's row
 * stays, blank, for the next point, so the bar keeps its height while points follow each other.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "gui-test-util.h"
#include "oc-point-progress.h"

static int
natural_height (GtkWidget *widget)
{
  int height;

  gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, 400, NULL, &height, NULL, NULL);
  return height;
}

static const char *
row_label (GtkWidget *progress, guint position)
{
  GtkWidget *row = gtk_widget_get_first_child (progress);

  for (guint i = 0; i < position; i++)
    row = gtk_widget_get_next_sibling (row);
  return gtk_label_get_text (GTK_LABEL (gtk_widget_get_first_child (row)));
}

static void
test_rows_follow (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *widget = oc_point_progress_new ();
  OcPointProgress *progress = OC_POINT_PROGRESS (widget);
  int two;

  gtk_window_set_child (GTK_WINDOW (window), widget);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_false (gtk_widget_get_visible (widget));

  oc_point_progress_set (progress, 0, "width 8 · seed 0", 0.25, "25 %");
  oc_point_progress_set (progress, 1, "width 16 · seed 0", 0.5, "50 %");
  g_assert_true (gtk_widget_get_visible (widget));
  g_assert_cmpuint (oc_point_progress_get_n_rows (progress), ==, 2);
  two = natural_height (widget);
  g_assert_cmpint (two, >, 0);

  /* Point 0 finished: its row goes blank but stays, and so does the height. */
  oc_point_progress_remove (progress, 0);
  g_assert_cmpuint (oc_point_progress_get_n_rows (progress), ==, 1);
  g_assert_cmpuint (oc_point_progress_get_n_shown (progress), ==, 2);
  g_assert_cmpstr (row_label (widget, 0), ==, "");
  g_assert_cmpint (natural_height (widget), ==, two);

  /* The next point takes the blank row over. */
  oc_point_progress_set (progress, 2, "width 32 · seed 0", 0.1, "10 %");
  g_assert_cmpuint (oc_point_progress_get_n_rows (progress), ==, 2);
  g_assert_cmpuint (oc_point_progress_get_n_shown (progress), ==, 2);
  g_assert_cmpstr (row_label (widget, 0), ==, "width 32 · seed 0");
  g_assert_cmpstr (row_label (widget, 1), ==, "width 16 · seed 0");
  g_assert_cmpint (natural_height (widget), ==, two);
  /* Updating a point keeps its row. */
  oc_point_progress_set (progress, 1, "width 16 · seed 0", 0.75, "75 %");
  g_assert_cmpuint (oc_point_progress_get_n_shown (progress), ==, 2);

  /* More points at once than rows: a row is added. */
  oc_point_progress_set (progress, 3, "width 64 · seed 0", 0, "0 %");
  g_assert_cmpuint (oc_point_progress_get_n_shown (progress), ==, 3);

  /* The run ended: every row goes, blank ones too. */
  oc_point_progress_remove (progress, 1);
  oc_point_progress_clear (progress);
  g_assert_cmpuint (oc_point_progress_get_n_rows (progress), ==, 0);
  g_assert_cmpuint (oc_point_progress_get_n_shown (progress), ==, 0);
  g_assert_false (gtk_widget_get_visible (widget));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char **argv)
{
  g_autoptr (GSettings) settings = NULL;

  g_test_init (&argc, &argv, NULL);
  settings = gui_test_init ("point-progress");
  g_test_add_func ("/point-progress/rows-follow", test_rows_follow);
  return g_test_run ();
}
