/* oc-source-row.h — a combo row that chooses a stored experiment to start from: its first item
 * means none ("Train it here", "Dense network"), the others are the experiments a page lists,
 * newest first, known by their IDs. The Landscape and Stability settings use it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The chosen ID stays chosen while the list is refilled; one the list does not hold (an
 * experiment opened from History before the list was filled) is added to it, so that the row
 * shows what the spec uses. The menu shows each item in full, the row itself shortened. The
 * row's "notify::selected" fires for the user's choices only: filling and selecting from code
 * set `listing` meanwhile.
 */
#pragma once

#include <adwaita.h>

#include "occam/oc-store.h"

G_BEGIN_DECLS

typedef struct
{
  AdwComboRow *row;          /* borrowed: the settings' template child */
  const char  *none;         /* the first item's label; static */
  const char  *unlisted;     /* an unlisted experiment's label, before its short ID; static */
  GPtrArray   *ids;          /* char*: the items after the first */
  gboolean     listing;      /* the row is being filled or selected from code */
} OcSourceRow;

/* Sets the list's factory and the first item. */
void        oc_source_row_init    (OcSourceRow *self, AdwComboRow *row, const char *none,
                                   const char *unlisted);
void        oc_source_row_clear   (OcSourceRow *self);
/* The items after the first: @experiments (of OcStoreExperiment*) labelled by @label; @chosen
 * (may be NULL) selected again. */
void        oc_source_row_fill    (OcSourceRow *self, GPtrArray *experiments,
                                   char *(*label) (const OcStoreExperiment *e),
                                   const char *chosen);
/* Selects @id's item (NULL: the first), adding it when the list has been filled without it. */
void        oc_source_row_select  (OcSourceRow *self, const char *id);
/* The ID of the selected item, or NULL for the first. */
const char *oc_source_row_get     (OcSourceRow *self);

G_END_DECLS
