/* oc-class-counts.c — see oc-class-counts.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>
#include "occam-figures/oc-data-figures.h"
#include "oc-class-counts.h"

static void
put (GtkGrid *grid, int col, int row, const char *text, gboolean numeric, const char *css)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), numeric ? 1.0f : 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (label), numeric ? PANGO_ELLIPSIZE_NONE
                                                      : PANGO_ELLIPSIZE_END);
  if (!numeric)
    {
      gtk_label_set_max_width_chars (GTK_LABEL (label), 18);
      gtk_widget_set_tooltip_text (label, text);
    }
  gtk_widget_set_hexpand (label, !numeric);
  if (numeric)
    gtk_widget_add_css_class (label, "numeric");
  if (css != NULL)
    gtk_widget_add_css_class (label, css);
  gtk_grid_attach (grid, label, col, row, 1, 1);
}

static void
put_count (GtkGrid *grid, int col, int row, guint n, const char *css)
{
  g_autofree char *text = g_strdup_printf ("%u", n);

  put (grid, col, row, text, TRUE, css);
}

static guint *
flipped_per_class (const OcDataset *ds)
{
  guint *counts = g_new0 (guint, MAX (ds->n_classes, 1));
  const OcSplit *tr = &ds->train;

  for (guint k = 0; k < tr->n_flipped; k++)
    {
      gint32 y = tr->y[(gsize) tr->flipped[k] * ds->n_groups];

      if (y >= 0 && (guint) y < ds->n_classes)
        counts[y]++;
    }
  return counts;
}

GtkWidget *
oc_class_counts_new (const OcDataset *ds)
{
  GtkGrid *grid = GTK_GRID (gtk_grid_new ());
  g_autofree guint *train = oc_split_class_counts (ds, &ds->train);
  g_autofree guint *val = oc_split_class_counts (ds, &ds->val);
  g_autofree guint *test = oc_split_class_counts (ds, &ds->test);
  g_autofree guint *flipped = flipped_per_class (ds);
  gboolean with_val = ds->val.n > 0, with_flip = ds->train.n_flipped > 0;
  int col = 1, c_train, c_flip = -1, c_val = -1, c_test;
  guint row;

  gtk_grid_set_column_spacing (grid, 18);
  gtk_grid_set_row_spacing (grid, 6);
  gtk_widget_add_css_class (GTK_WIDGET (grid), "class-counts");

  put (grid, 0, 0, ds->n_groups > 1 ? _("Class (first digit)") : _("Class"), FALSE, "heading");
  c_train = col++;
  put (grid, c_train, 0, C_("split", "Train"), TRUE, "heading");
  if (with_flip)
    {
      c_flip = col++;
      put (grid, c_flip, 0, _("Flipped"), TRUE, "heading");
    }
  if (with_val)
    {
      c_val = col++;
      put (grid, c_val, 0, _("Validation"), TRUE, "heading");
    }
  c_test = col++;
  put (grid, c_test, 0, C_("split", "Test"), TRUE, "heading");

  for (row = 0; row < ds->n_classes; row++)
    {
      put (grid, 0, row + 1, ds->class_names ? ds->class_names[row] : "?", FALSE, NULL);
      put_count (grid, c_train, row + 1, train[row], NULL);
      if (with_flip)
        put_count (grid, c_flip, row + 1, flipped[row], "warning");
      if (with_val)
        put_count (grid, c_val, row + 1, val[row], NULL);
      put_count (grid, c_test, row + 1, test[row], NULL);
    }
  row++;
  put (grid, 0, row, _("Total"), FALSE, "heading");
  put_count (grid, c_train, row, ds->train.n, "heading");
  if (with_flip)
    put_count (grid, c_flip, row, ds->train.n_flipped, "heading");
  if (with_val)
    put_count (grid, c_val, row, ds->val.n, "heading");
  put_count (grid, c_test, row, ds->test.n, "heading");
  return GTK_WIDGET (grid);
}
