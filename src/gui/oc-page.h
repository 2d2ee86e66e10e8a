/* oc-page.h — what the window asks of every page, and nothing more.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window creates its pages from one table (oc-window.c), attaches each to the shared
 * workspace and from then on speaks to them only through this interface: which figures can be
 * exported, which experiments they open, whether they are running, start (Ctrl+Enter) and stop
 * (Esc). See src/gui/README.md, "Adding a page".
 */
#pragma once

#include <gtk/gtk.h>

#include "occam/oc-spec.h"
#include "oc-workspace.h"

G_BEGIN_DECLS

#define OC_TYPE_PAGE (oc_page_get_type ())
G_DECLARE_INTERFACE (OcPage, oc_page, OC, PAGE, GtkWidget)

struct _OcPageInterface
{
  GTypeInterface parent_iface;

  /* Once, before the page is shown: settings, store and data come from @workspace. */
  void       (*attach)           (OcPage *self, OcWorkspace *workspace);
  /* The figure views the page shows now (of OcFigureView*, borrowed), most important first. */
  GPtrArray *(*get_figure_views) (OcPage *self);
  /* Whether experiments of @kind open here; NULL: none do. */
  gboolean   (*can_open)         (OcPage *self, const char *kind);
  /* Shows @spec (History's Open): its stored results, ready to resume or run again. */
  void       (*open_spec)        (OcPage *self, const OcSpec *spec);
  /* A file dropped on the window: TRUE when this page took it. NULL: none. */
  gboolean   (*open_file)        (OcPage *self, GFile *file);
  /* NULL for pages that run nothing. */
  gboolean   (*get_running)      (OcPage *self);
  void       (*start)            (OcPage *self);
  void       (*stop)             (OcPage *self);
};

/* For get_figure_views: a new array of the OcFigureView arguments, NULL-terminated; views that
 * are not visible are left out. */
GPtrArray *oc_page_views_new        (gpointer first_view, ...) G_GNUC_NULL_TERMINATED;

void       oc_page_attach           (OcPage *self, OcWorkspace *workspace);
/* A new array (free it) of the views that hold a figure. */
GPtrArray *oc_page_get_figure_views (OcPage *self);
gboolean   oc_page_can_open         (OcPage *self, const char *kind);
void       oc_page_open_spec        (OcPage *self, const OcSpec *spec);
gboolean   oc_page_open_file        (OcPage *self, GFile *file);
/* Pages that run things also have a boolean "running" property, which they notify. */
gboolean   oc_page_get_running      (OcPage *self);
void       oc_page_start            (OcPage *self);
void       oc_page_stop             (OcPage *self);

G_END_DECLS
