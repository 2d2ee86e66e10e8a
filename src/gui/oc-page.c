/* oc-page.c — see oc-page.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "oc-figure-view.h"
#include "oc-page.h"

G_DEFINE_INTERFACE (OcPage, oc_page, GTK_TYPE_WIDGET)

static void
oc_page_default_init (OcPageInterface *iface)
{
}

GPtrArray *
oc_page_views_new (gpointer first_view, ...)
{
  GPtrArray *views = g_ptr_array_new ();
  va_list ap;

  va_start (ap, first_view);
  for (gpointer v = first_view; v != NULL; v = va_arg (ap, gpointer))
    if (gtk_widget_get_visible (GTK_WIDGET (v)))
      g_ptr_array_add (views, v);
  va_end (ap);
  return views;
}

void
oc_page_attach (OcPage *self, OcWorkspace *workspace)
{
  g_return_if_fail (OC_IS_PAGE (self));

  if (OC_PAGE_GET_IFACE (self)->attach != NULL)
    OC_PAGE_GET_IFACE (self)->attach (self, workspace);
}

GPtrArray *
oc_page_get_figure_views (OcPage *self)
{
  GPtrArray *views;

  g_return_val_if_fail (OC_IS_PAGE (self), NULL);

  views = OC_PAGE_GET_IFACE (self)->get_figure_views != NULL
            ? OC_PAGE_GET_IFACE (self)->get_figure_views (self)
            : g_ptr_array_new ();
  /* Only figures with something in them can be exported. */
  for (guint i = views->len; i-- > 0;)
    if (oc_figure_view_get_figure (views->pdata[i]) == NULL)
      g_ptr_array_remove_index (views, i);
  return views;
}

gboolean
oc_page_can_open (OcPage *self, const char *kind)
{
  g_return_val_if_fail (OC_IS_PAGE (self), FALSE);

  return OC_PAGE_GET_IFACE (self)->can_open != NULL
         && OC_PAGE_GET_IFACE (self)->can_open (self, kind);
}

void
oc_page_open_spec (OcPage *self, const OcSpec *spec)
{
  g_return_if_fail (OC_IS_PAGE (self));
  g_return_if_fail (OC_PAGE_GET_IFACE (self)->open_spec != NULL);

  OC_PAGE_GET_IFACE (self)->open_spec (self, spec);
}

gboolean
oc_page_open_file (OcPage *self, GFile *file)
{
  g_return_val_if_fail (OC_IS_PAGE (self), FALSE);

  return OC_PAGE_GET_IFACE (self)->open_file != NULL
         && OC_PAGE_GET_IFACE (self)->open_file (self, file);
}

gboolean
oc_page_get_running (OcPage *self)
{
  g_return_val_if_fail (OC_IS_PAGE (self), FALSE);

  return OC_PAGE_GET_IFACE (self)->get_running != NULL
         && OC_PAGE_GET_IFACE (self)->get_running (self);
}

void
oc_page_start (OcPage *self)
{
  g_return_if_fail (OC_IS_PAGE (self));

  if (OC_PAGE_GET_IFACE (self)->start != NULL)
    OC_PAGE_GET_IFACE (self)->start (self);
}

void
oc_page_stop (OcPage *self)
{
  g_return_if_fail (OC_IS_PAGE (self));

  if (OC_PAGE_GET_IFACE (self)->stop != NULL)
    OC_PAGE_GET_IFACE (self)->stop (self);
}
