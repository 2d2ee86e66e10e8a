/* oc-history-page.c — see oc-history-page.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The experiment store (include/occam/oc-store.h, issue 4) is not part of the engine yet; until
 * it lands this page says what it will hold rather than keeping a second, private store.
 */
#include "oc-history-page.h"

struct _OcHistoryPage
{
  AdwBin parent_instance;
};

G_DEFINE_FINAL_TYPE (OcHistoryPage, oc_history_page, ADW_TYPE_BIN)

static void
oc_history_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), OC_TYPE_HISTORY_PAGE);

  G_OBJECT_CLASS (oc_history_page_parent_class)->dispose (object);
}

static void
oc_history_page_class_init (OcHistoryPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = oc_history_page_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/occamlab/Occam/ui/oc-history-page.ui");
}

static void
oc_history_page_init (OcHistoryPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
