/* oc-point-progress.c — see oc-point-progress.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Rows are laid out by a GtkBoxLayout; each is a box of a label, a bar and a percentage. The
 * widget hides itself when it has no rows, so an idle page shows nothing here. The row of a
 * point that finished stays, blank, until the next point takes it over: rows coming and going
 * as points follow each other changed the run bar's height, and with it the size of every
 * figure on the page (each drawn again, the page laid out again) several times a second.
 */
#include "oc-point-progress.h"

struct _OcPointProgress
{
  GtkWidget   parent_instance;

  GHashTable *rows;  /* point index → row */
  GPtrArray  *spare; /* blank rows of finished points, in order */
};

G_DEFINE_FINAL_TYPE (OcPointProgress, oc_point_progress, GTK_TYPE_WIDGET)

static GtkWidget *
row_new (const char *label)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *name = gtk_label_new (label);
  GtkWidget *bar = gtk_progress_bar_new ();
  GtkWidget *percent = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_width_chars (GTK_LABEL (name), 24);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (name, "caption");
  gtk_widget_add_css_class (name, "numeric");
  gtk_widget_set_hexpand (bar, TRUE);
  gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
  gtk_label_set_width_chars (GTK_LABEL (percent), 7);
  gtk_label_set_xalign (GTK_LABEL (percent), 1);
  gtk_widget_add_css_class (percent, "caption");
  gtk_widget_add_css_class (percent, "numeric");
  gtk_widget_add_css_class (percent, "dim-label");
  gtk_box_append (GTK_BOX (row), name);
  gtk_box_append (GTK_BOX (row), bar);
  gtk_box_append (GTK_BOX (row), percent);
  return row;
}

void
oc_point_progress_set (OcPointProgress *self, guint index, const char *label, double fraction,
                       const char *text)
{
  GtkWidget *row, *bar;

  g_return_if_fail (OC_IS_POINT_PROGRESS (self));

  row = g_hash_table_lookup (self->rows, GUINT_TO_POINTER (index));
  if (row == NULL && self->spare->len > 0)
    {
      row = g_ptr_array_steal_index (self->spare, 0);
      gtk_label_set_text (GTK_LABEL (gtk_widget_get_first_child (row)), label);
      g_hash_table_insert (self->rows, GUINT_TO_POINTER (index), row);
    }
  else if (row == NULL)
    {
      row = row_new (label);
      gtk_widget_set_parent (row, GTK_WIDGET (self));
      g_hash_table_insert (self->rows, GUINT_TO_POINTER (index), row);
      gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
    }
  bar = gtk_widget_get_next_sibling (gtk_widget_get_first_child (row));
  gtk_widget_set_opacity (bar, fraction < 0 ? 0 : 1);
  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (bar), CLAMP (fraction, 0, 1));
  gtk_label_set_text (GTK_LABEL (gtk_widget_get_next_sibling (bar)), text);
}

void
oc_point_progress_remove (OcPointProgress *self, guint index)
{
  GtkWidget *row, *bar;

  g_return_if_fail (OC_IS_POINT_PROGRESS (self));

  row = g_hash_table_lookup (self->rows, GUINT_TO_POINTER (index));
  if (row == NULL)
    return;
  g_hash_table_remove (self->rows, GUINT_TO_POINTER (index));
  /* Blank, in place, for the next point. */
  bar = gtk_widget_get_next_sibling (gtk_widget_get_first_child (row));
  gtk_label_set_text (GTK_LABEL (gtk_widget_get_first_child (row)), "");
  gtk_widget_set_opacity (bar, 0);
  gtk_label_set_text (GTK_LABEL (gtk_widget_get_next_sibling (bar)), "");
  g_ptr_array_add (self->spare, row);
}

void
oc_point_progress_clear (OcPointProgress *self)
{
  GtkWidget *child;

  g_return_if_fail (OC_IS_POINT_PROGRESS (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_hash_table_remove_all (self->rows);
  g_ptr_array_set_size (self->spare, 0);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

guint
oc_point_progress_get_n_rows (OcPointProgress *self)
{
  return g_hash_table_size (self->rows);
}

static void
oc_point_progress_dispose (GObject *object)
{
  OcPointProgress *self = OC_POINT_PROGRESS (object);

  oc_point_progress_clear (self);

  G_OBJECT_CLASS (oc_point_progress_parent_class)->dispose (object);
}

static void
oc_point_progress_finalize (GObject *object)
{
  OcPointProgress *self = OC_POINT_PROGRESS (object);

  g_hash_table_unref (self->rows);
  g_ptr_array_unref (self->spare);

  G_OBJECT_CLASS (oc_point_progress_parent_class)->finalize (object);
}

static void
oc_point_progress_class_init (OcPointProgressClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = oc_point_progress_dispose;
  object_class->finalize = oc_point_progress_finalize;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
}

static void
oc_point_progress_init (OcPointProgress *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  self->rows = g_hash_table_new (NULL, NULL);
  self->spare = g_ptr_array_new ();
  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 4);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

GtkWidget *
oc_point_progress_new (void)
{
  return g_object_new (OC_TYPE_POINT_PROGRESS, NULL);
}

guint
oc_point_progress_get_n_shown (OcPointProgress *self)
{
  guint n = 0;

  g_return_val_if_fail (OC_IS_POINT_PROGRESS (self), 0);

  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (self)); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    n++;
  return n;
}
