/* oc-store-schema.c — whether a file's tables are the ones Occam's schema creates.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The application ID and schema version in a file's header say what it claims to be; its tables
 * say what it is. A file with Occam's header but other tables (hand-made, or written by another
 * program reusing the ID) would hand NULL names, keys and specs to readers that rely on the
 * schema's NOT NULL and STRICT, and would be written into by the first run. So both the store
 * being opened and the file being merged are described — every table with its type, columns,
 * keys, foreign keys and indexes, and every view and trigger — and the description is compared
 * with that of an empty database the same migrations built. Only the schema is read (SQLite
 * keeps it in memory once the file is open), never a row. Describing a schema prepares a few
 * pragma queries per table (about a millisecond), so a store whose schema text is the very text
 * the migrations wrote (every store this Occam made) is recognised by that text alone, in one
 * query; the description is compared only when the text differs.
 */
#include <string.h>

#include "occam/oc-error.h"
#include "oc-store-private.h"
#include "oc-config.h"
#include <glib/gi18n-lib.h>
#include <inttypes.h>

/* One line per property, "KEY\tVALUE\n", in a fixed order, so that equal schemas give equal
 * text and the first differing key says what differs. */
static gboolean
describe_table (sqlite3 *db, const char *schema, const char *table, GString *out)
{
  static const char *const queries[] = {
    /* type is "table" or "virtual"; a virtual table of an unknown module fails the query. */
    "SELECT 'table ' || ?1, type || (CASE WHEN strict THEN ', STRICT' ELSE ', not STRICT' END)"
    "  || (CASE WHEN wr THEN ', WITHOUT ROWID' ELSE '' END)"
    "  FROM pragma_table_list(?1) WHERE name = ?1 AND schema = ?2",
    "SELECT 'table ' || ?1 || ', column ' || cid, name || ' ' || type"
    "  || (CASE WHEN \"notnull\" THEN ' NOT NULL' ELSE '' END)"
    "  || (CASE WHEN pk THEN ' PRIMARY KEY part ' || pk ELSE '' END)"
    "  || (CASE WHEN dflt_value IS NOT NULL THEN ' DEFAULT ' || dflt_value ELSE '' END)"
    "  || (CASE WHEN hidden THEN ' hidden ' || hidden ELSE '' END)"
    "  FROM pragma_table_xinfo(?1, ?2) ORDER BY cid",
    "SELECT 'table ' || ?1 || ', foreign key ' || id || '.' || seq,"
    "  quote(\"from\") || ' REFERENCES ' || \"table\" || ' (' || quote(\"to\") || ') ON UPDATE '"
    "  || on_update || ' ON DELETE ' || on_delete || ' MATCH ' || match"
    "  FROM pragma_foreign_key_list(?1, ?2) ORDER BY id, seq",
    "SELECT 'table ' || ?1 || ', index ' || l.name,"
    "  (CASE WHEN l.\"unique\" THEN 'UNIQUE' ELSE 'not unique' END) || ', ' || l.origin"
    "  || (CASE WHEN l.partial THEN ', partial' ELSE '' END) || ' ('"
    "  || (SELECT group_concat(coalesce(x.name, '<expression>') || ' ' || x.coll"
    "                          || (CASE WHEN x.desc THEN ' DESC' ELSE '' END), ', ')"
    "      FROM pragma_index_xinfo(l.name, ?2) x WHERE x.key) || ')'"
    "  FROM pragma_index_list(?1, ?2) l ORDER BY l.name",
  };

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      g_autoptr (sqlite3_stmt) stmt = NULL;
      int rc;

      if (sqlite3_prepare_v2 (db, queries[q], -1, &stmt, NULL) != SQLITE_OK)
        return FALSE;
      sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, schema, -1, SQLITE_STATIC);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        g_string_append_printf (out, "%s\t%s\n", sqlite3_column_text (stmt, 0),
                                sqlite3_column_type (stmt, 1) == SQLITE_NULL
                                  ? "?" : (const char *) sqlite3_column_text (stmt, 1));
      if (rc != SQLITE_DONE)
        return FALSE;
    }
  return TRUE;
}

/* The description of @schema ("main" or "other") on @db, or NULL when SQLite cannot read it. */
static char *
describe_schema (sqlite3 *db, const char *schema)
{
  g_autoptr (GString) out = g_string_new (NULL);
  g_autoptr (sqlite3_stmt) objects = NULL;
  g_autofree char *sql = NULL;
  int rc;

  /* SQLite's own objects (sqlite_sequence, sqlite_stat1, automatic indexes) are left out: the
   * automatic indexes come with their tables' indexes. */
  sql = g_strdup_printf ("SELECT type, name, tbl_name FROM \"%s\".sqlite_schema "
                         "WHERE name NOT LIKE 'sqlite\\_%%' ESCAPE '\\' ORDER BY name, type",
                         schema);
  if (sqlite3_prepare_v2 (db, sql, -1, &objects, NULL) != SQLITE_OK)
    return NULL;
  while ((rc = sqlite3_step (objects)) == SQLITE_ROW)
    {
      const char *type = (const char *) sqlite3_column_text (objects, 0);
      const char *name = (const char *) sqlite3_column_text (objects, 1);
      const char *table = (const char *) sqlite3_column_text (objects, 2);

      if (type == NULL || name == NULL)
        return NULL;
      if (strcmp (type, "table") == 0)
        {
          if (!describe_table (db, schema, name, out))
            return NULL;
        }
      else
        g_string_append_printf (out, "%s %s\ton %s\n", type, name, table != NULL ? table : "?");
    }
  if (rc != SQLITE_DONE)
    return NULL;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Every object of @schema with the SQL text that created it (as ALTER TABLE left it), or NULL. */
static char *
schema_text (sqlite3 *db, const char *schema)
{
  g_autoptr (GString) out = g_string_new (NULL);
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = g_strdup_printf ("SELECT type, name, tbl_name, sql FROM \"%s\".sqlite_schema "
                                          "ORDER BY name, type", schema);
  int rc;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    for (int i = 0; i < 4; i++)
      g_string_append_printf (out, "%s%c", sqlite3_column_text (stmt, i) != NULL
                                             ? (const char *) sqlite3_column_text (stmt, i)
                                             : "(null)", i < 3 ? '\t' : '\n');
  if (rc != SQLITE_DONE)
    return NULL;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

typedef struct
{
  char *text;        /* schema_text() */
  char *description; /* describe_schema() */
} Expected;

static void
expected_free (Expected *e)
{
  if (e != NULL)
    {
      g_free (e->text);
      g_free (e->description);
      g_free (e);
    }
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Expected, expected_free)

/* What the first @version steps of @steps create; NULL when they fail. */
static Expected *
describe_expected (const OcStoreMigration *steps, guint n_steps, guint64 version)
{
  sqlite3 *db = NULL;
  Expected *expected = NULL;

  if (sqlite3_open_v2 (":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL)
      == SQLITE_OK)
    {
      gboolean ok = TRUE;

      for (guint i = 0; i < n_steps && ok; i++)
        if (steps[i].version <= version)
          ok = sqlite3_exec (db, steps[i].sql, NULL, NULL, NULL) == SQLITE_OK;
      if (ok)
        {
          expected = g_new0 (Expected, 1);
          expected->text = schema_text (db, "main");
          expected->description = describe_schema (db, "main");
          if (expected->text == NULL || expected->description == NULL)
            g_clear_pointer (&expected, expected_free);
        }
    }
  sqlite3_close (db);
  return expected;
}

/* The built-in migrations' descriptions, one per version, made once per process. */
G_LOCK_DEFINE_STATIC (builtin);
static Expected *builtin_expected[OC_STORE_SCHEMA_VERSION + 1];

/* Other lists of migrations (the tests') are described every time, into @owned. */
static const Expected *
expected_schema (const OcStoreMigration *steps, guint n_steps, guint64 version, Expected **owned)
{
  guint n_builtin;
  const OcStoreMigration *builtin_steps = oc_store_migrations (&n_builtin);
  const Expected *expected;

  *owned = NULL;
  if (steps != builtin_steps || n_steps != n_builtin || version > OC_STORE_SCHEMA_VERSION)
    return *owned = describe_expected (steps, n_steps, version);
  G_LOCK (builtin);
  if (builtin_expected[version] == NULL)
    builtin_expected[version] = describe_expected (steps, n_steps, version);
  expected = builtin_expected[version];
  G_UNLOCK (builtin);
  return expected;
}

/* Splits a description into its lines' keys and values (pointing into @text, which is edited). */
static GHashTable *
parse_description (char *text, GPtrArray *keys)
{
  GHashTable *values = g_hash_table_new (g_str_hash, g_str_equal);
  char *line = text;

  while (*line != '\0')
    {
      char *end = strchr (line, '\n');
      char *tab = strchr (line, '\t');

      g_assert (end != NULL && tab != NULL && tab < end);
      *tab = '\0';
      *end = '\0';
      g_ptr_array_add (keys, line);
      g_hash_table_insert (values, line, tab + 1);
      line = end + 1;
    }
  return values;
}

/* The first way @found differs from @expected, in words. */
static char *
first_difference (const char *expected, const char *found)
{
  g_autofree char *e = g_strdup (expected), *f = g_strdup (found);
  g_autoptr (GPtrArray) e_keys = g_ptr_array_new (), f_keys = g_ptr_array_new ();
  g_autoptr (GHashTable) e_values = parse_description (e, e_keys);
  g_autoptr (GHashTable) f_values = parse_description (f, f_keys);

  for (guint i = 0; i < e_keys->len; i++)
    {
      const char *key = e_keys->pdata[i];
      const char *want = g_hash_table_lookup (e_values, key);
      const char *have = g_hash_table_lookup (f_values, key);

      if (have == NULL)
        return g_strdup_printf ("it has no %s (an Occam store has “%s”)", key, want);
      if (strcmp (have, want) != 0)
        return g_strdup_printf ("its %s is “%s” where an Occam store has “%s”", key, have, want);
    }
  for (guint i = 0; i < f_keys->len; i++)
    if (!g_hash_table_contains (e_values, f_keys->pdata[i]))
      return g_strdup_printf ("it has a %s (“%s”) that an Occam store does not",
                              (const char *) f_keys->pdata[i],
                              (const char *) g_hash_table_lookup (f_values, f_keys->pdata[i]));
  return g_strdup ("its schema differs");
}

gboolean
oc_store_check_schema (OcStore *store, const char *schema, const char *file_path,
                       guint64 version, const OcStoreMigration *steps, guint n_steps,
                       const char *outcome, GError **error)
{
  g_autoptr (Expected) owned = NULL;
  g_autofree char *text = NULL, *found = NULL, *difference = NULL;
  const Expected *expected = expected_schema (steps, n_steps, version, &owned);

  if (expected == NULL)
    {
      /* The migrations themselves do not run on an empty database: a bug, not the file's. */
      g_set_error (error, OC_ERROR, OC_ERROR_STORE,
                   _("%s: cannot build Occam's store schema %" PRIu64 " to compare the "
                   "file with; %s"), file_path, version, outcome);
      return FALSE;
    }
  text = schema_text (store->db, schema);
  if (text != NULL && strcmp (text, expected->text) == 0)
    return TRUE;
  found = text != NULL ? describe_schema (store->db, schema) : NULL;
  if (found != NULL && strcmp (found, expected->description) == 0)
    return TRUE;
  if (found == NULL)
    difference = g_strdup_printf ("its schema cannot be read (%s)", sqlite3_errmsg (store->db));
  else
    difference = first_difference (expected->description, found);
  g_set_error (error, OC_ERROR, OC_ERROR_STORE, _("%s is not an Occam store (or damaged): %s; %s"),
               file_path, difference, outcome);
  return FALSE;
}
