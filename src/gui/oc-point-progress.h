/* oc-point-progress.h — one row per sweep point in training: what it is and how far it got.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define OC_TYPE_POINT_PROGRESS (oc_point_progress_get_type ())
G_DECLARE_FINAL_TYPE (OcPointProgress, oc_point_progress, OC, POINT_PROGRESS, GtkWidget)

GtkWidget *oc_point_progress_new    (void);
/* Adds or updates the row of point @index: "width 1024 · seed 0", its bar at @fraction (< 0:
 * no bar, for work without progress), and @text at the end ("42 %", "fitting…"). */
void       oc_point_progress_set    (OcPointProgress *self, guint index, const char *label,
                                     double fraction, const char *text);
/* The point finished: its row goes blank and stays for the next point (the height stays). */
void       oc_point_progress_remove (OcPointProgress *self, guint index);
/* Every row goes, blank ones too (the run ended). */
void       oc_point_progress_clear  (OcPointProgress *self);
/* The points with a row. */
guint      oc_point_progress_get_n_rows (OcPointProgress *self);
/* The rows shown, blank ones included (tests). */
guint      oc_point_progress_get_n_shown (OcPointProgress *self);

G_END_DECLS
