/* oc-cli-table.h — a numeric CSV table as occam-cli writes them (header optional).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  char       *path;
  char      **names; /* n_cols; "1", "2", … when the file has no header */
  gboolean    has_header;
  guint       n_cols;
  gsize       n_rows;
  double     *values; /* n_rows × n_cols; "nan", "inf" and empty fields are NaN/±Inf */
  GPtrArray **text;   /* per column, NULL for numeric columns: the fields as written */
} OcCliTable;

/* Reads a whole table; OC_ERROR_NOT_FOUND, _IO or _FORMAT (with file:line) on failure. */
OcCliTable *oc_cli_table_read (const char *path, GError **error);
void        oc_cli_table_free (OcCliTable *t);
double      oc_cli_table_cell (const OcCliTable *t, gsize row, guint col);
/* Finds a column by name (any case); the error lists the columns there are. */
gboolean    oc_cli_table_find (const OcCliTable *t, const char *name, guint *col, GError **error);
gboolean    oc_cli_table_has (const OcCliTable *t, const char *name);
/* TRUE if no row has a finite value in @col (a validation split that was not used). */
gboolean    oc_cli_table_column_missing (const OcCliTable *t, guint col);
/* The columns of a comma list, in order. */
GArray     *oc_cli_table_columns (const OcCliTable *t, const char *list, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OcCliTable, oc_cli_table_free)

G_END_DECLS
