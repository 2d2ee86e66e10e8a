/* oc-cmd-runs.c — `occam-cli runs list | show ID | export ID | rm ID`: the experiment store.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * IDs may be abbreviated to any unique prefix. `list --json` and `show ID --json` print one JSON
 * document instead of the table (the keys are listed in the README). Export writes, for
 * experiment ID into DIR:
 *   --csv:  ID-points.csv (one row per point) and ID-curves.csv (one row per evaluation, the
 *           columns of `train --csv` after the point's coordinates); every header name is
 *           unique and missing values are empty fields
 *   --json: ID.json (the experiment, its spec, its points with their curves); --json - writes
 *           it to standard output instead
 *   both:   ID-NAME.npy (or ID-COORDS-NAME.npy) for every artifact (into a folder only)
 */
#include <glib/gi18n.h>
#include <errno.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <glib/gstdio.h>

#include "occam/oc-error.h"
#include "occam/oc-json.h"
#include "occam/oc-store.h"
#include "oc-cli.h"
#include "oc-cli-command.h"
#include "oc-cli-json.h"
#include "oc-cli-output.h"
#include "oc-cli-run.h"

typedef struct
{
  char    *store_path;
  char    *csv_dir;
  char    *json_dir;   /* export: the folder for ID.json, or "-" */
  gboolean json;       /* list, show: JSON on standard output */
} RunsOptions;

/* "2024-05-01 14:03" in local time for an ISO 8601 UTC time. */
static char *
local_time (const char *iso)
{
  g_autoptr (GDateTime) utc = iso != NULL ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;
  g_autoptr (GDateTime) local = utc != NULL ? g_date_time_to_local (utc) : NULL;

  return local != NULL ? g_date_time_format (local, "%Y-%m-%d %H:%M") : g_strdup (iso);
}

/* JSON ----------------------------------------------------------------------------------------- */

/* The members every JSON description of an experiment starts with (list, show, export). */
static void
add_experiment_members (JsonBuilder *b, const OcStoreExperiment *e)
{
  oc_cli_json_add_text (b, "id", e->id);
  oc_cli_json_add_text (b, "hash", e->hash);
  oc_cli_json_add_text (b, "kind", e->kind);
  oc_cli_json_add_text (b, "dataset", e->dataset);
  oc_cli_json_add_text (b, "description", e->description);
  oc_cli_json_add_text (b, "status", oc_status_to_string (e->status));
  oc_cli_json_add_text (b, "created", e->created);
  oc_cli_json_add_text (b, "updated", e->updated);
  oc_cli_json_add_int (b, "planned_points", e->planned_points);
  oc_cli_json_add_int (b, "stored_points", e->n_points);
  oc_cli_json_add_int (b, "finished_points", e->n_finished);
  oc_json_add_double (b, "compute_seconds", e->seconds);
  oc_json_add_double (b, "wall_seconds", e->wall_seconds);
}

/* "spec": the stored canonical spec as an object (as stored, a string, when it does not parse). */
static void
add_spec_member (JsonBuilder *b, const OcStoreExperiment *e)
{
  g_autoptr (JsonParser) parser = json_parser_new ();

  json_builder_set_member_name (b, "spec");
  if (oc_json_load_bounded (parser, e->spec, -1, NULL))
    json_builder_add_value (b, json_node_copy (json_parser_get_root (parser)));
  else
    json_builder_add_string_value (b, e->spec);
}

/* A point's members but its curve: key (the coordinates as an object), status, error, started,
 * finished, seconds, threads, then oc_cli_json_add_point_result's. */
static void
add_point_members (JsonBuilder *b, const OcStorePoint *p, JsonNode *key)
{
  json_builder_set_member_name (b, "key");
  json_builder_add_value (b, json_node_copy (key));
  oc_cli_json_add_text (b, "status", oc_status_to_string (p->status));
  oc_cli_json_add_text (b, "error", p->error);
  oc_cli_json_add_text (b, "started", p->started);
  oc_cli_json_add_text (b, "finished", p->finished);
  oc_json_add_double (b, "seconds", p->seconds);
  oc_cli_json_add_int (b, "threads", p->threads);
  oc_cli_json_add_point_result (b, p);
}

/* list ----------------------------------------------------------------------------------------- */

/* {"store": PATH, "experiments": [{experiment members}, …]}, in the order of the table. */
static int
runs_list_json (OcStore *store, GPtrArray *list)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  oc_cli_json_add_text (b, "store", oc_store_get_path (store));
  json_builder_set_member_name (b, "experiments");
  json_builder_begin_array (b);
  for (guint i = 0; i < list->len; i++)
    {
      json_builder_begin_object (b);
      add_experiment_members (b, list->pdata[i]);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return oc_cli_json_print (b);
}

static void
print_padded (const char *s, guint width, gboolean last)
{
  glong n = g_utf8_strlen (s, -1);

  fputs (s, stdout);
  if (last)
    fputc ('\n', stdout);
  else
    for (glong i = n; i < (glong) width + 2; i++)
      fputc (' ', stdout);
}

static int
runs_list (OcStore *store, gboolean json)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) list = oc_store_list_experiments (store, &error);
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  const char *header[] = { "ID", "KIND", "DATASET", "CREATED", "STATUS", "POINTS", "TIME",
                           "SETTINGS", NULL };
  guint n_cols = g_strv_length ((char **) header);
  guint widths[8] = { 0 };

  G_STATIC_ASSERT (G_N_ELEMENTS (widths) == G_N_ELEMENTS (header) - 1);

  if (list == NULL)
    return oc_cli_fail (error);
  if (json)
    return runs_list_json (store, list);
  if (list->len == 0)
    {
      printf (_("no experiments in %s yet\n"), oc_store_get_path (store));
      return OC_EXIT_OK;
    }
  g_ptr_array_add (rows, g_strdupv ((char **) header));
  for (guint i = 0; i < list->len; i++)
    {
      const OcStoreExperiment *e = list->pdata[i];
      char **row = g_new0 (char *, n_cols + 1);

      row[0] = g_strdup (e->id);
      row[1] = g_strdup (e->kind);
      row[2] = g_strdup (e->dataset != NULL ? e->dataset : "-");
      row[3] = local_time (e->created);
      row[4] = g_strdup (oc_status_to_string (e->status));
      row[5] = g_strdup_printf ("%u/%u", e->n_finished, e->planned_points);
      row[6] = oc_format_duration (e->wall_seconds);
      row[7] = g_strdup (e->description);
      g_ptr_array_add (rows, row);
    }
  for (guint r = 0; r < rows->len; r++)
    for (guint c = 0; c < n_cols; c++)
      widths[c] = MAX (widths[c], (guint) g_utf8_strlen (((char **) rows->pdata[r])[c], -1));
  for (guint r = 0; r < rows->len; r++)
    for (guint c = 0; c < n_cols; c++)
      print_padded (((char **) rows->pdata[r])[c], widths[c], c + 1 == n_cols);
  return OC_EXIT_OK;
}

/* show ----------------------------------------------------------------------------------------- */

static char *
pretty_spec (const char *stored)
{
  g_autoptr (OcSpec) spec = oc_spec_new_from_json (stored, -1, NULL, NULL);

  /* A spec the current Occam cannot read any more is still shown as it was stored. */
  if (spec == NULL)
    return g_strdup_printf ("%s\n", stored);
  return oc_spec_to_json (spec, OC_SPEC_JSON_PRETTY | OC_SPEC_JSON_HASHED_ONLY);
}

static char *
percent (double error_rate)
{
  return isfinite (error_rate) ? g_strdup_printf ("%.2f%%", 100 * error_rate) : g_strdup ("-");
}

/* The coordinate names of the points' keys, in order of first appearance; each point's key as a
 * JSON object (a null node when it does not parse) appended to @parsed. */
static GPtrArray *
key_columns (GPtrArray *points, GPtrArray *parsed)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < points->len; i++)
    {
      const OcStorePoint *p = points->pdata[i];
      g_autoptr (JsonParser) parser = json_parser_new ();
      JsonNode *root = NULL;

      if (oc_json_load_bounded (parser, p->key, -1, NULL))
        root = json_parser_get_root (parser);
      if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
        {
          g_autoptr (GList) members = json_object_get_members (json_node_get_object (root));

          for (GList *l = members; l != NULL; l = l->next)
            if (!g_ptr_array_find_with_equal_func (names, l->data, g_str_equal, NULL))
              g_ptr_array_add (names, g_strdup (l->data));
          g_ptr_array_add (parsed, json_node_copy (root));
        }
      else
        g_ptr_array_add (parsed, json_node_new (JSON_NODE_NULL));
    }
  return names;
}

/* The experiment's members, "spec", and "points": each with its members (add_point_members) and
 * "artifacts", the names of what it stored. */
static int
runs_show_json (OcStore *store, const OcStoreExperiment *e, GPtrArray *points)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (GPtrArray) parsed = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  g_autoptr (GPtrArray) columns = key_columns (points, parsed);

  json_builder_begin_object (b);
  add_experiment_members (b, e);
  add_spec_member (b, e);
  json_builder_set_member_name (b, "points");
  json_builder_begin_array (b);
  for (guint i = 0; i < points->len; i++)
    {
      const OcStorePoint *p = points->pdata[i];
      g_autoptr (GPtrArray) names = oc_store_list_artifacts (store, e->id, p->key, &error);

      if (names == NULL)
        return oc_cli_fail (error);
      json_builder_begin_object (b);
      add_point_members (b, p, parsed->pdata[i]);
      json_builder_set_member_name (b, "artifacts");
      json_builder_begin_array (b);
      for (guint a = 0; a < names->len; a++)
        json_builder_add_string_value (b, names->pdata[a]);
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return oc_cli_json_print (b);
}

static int
runs_show (OcStore *store, const char *id, gboolean json)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (OcStoreExperiment) e = oc_store_find_experiment (store, id, &error);
  g_autoptr (GPtrArray) points = NULL;
  g_autofree char *created = NULL, *updated = NULL, *spec = NULL, *duration = NULL, *wall = NULL;

  if (e == NULL)
    return oc_cli_fail (error);
  points = oc_store_list_points (store, e->id, FALSE, &error);
  if (points == NULL)
    return oc_cli_fail (error);
  if (json)
    return runs_show_json (store, e, points);
  created = local_time (e->created);
  updated = local_time (e->updated);
  spec = pretty_spec (e->spec);
  duration = oc_format_duration (e->seconds);
  wall = oc_format_duration (e->wall_seconds);

  printf (_("experiment %s (%s) · %s\n"), e->id, e->kind, oc_status_to_string (e->status));
  printf (_("hash:       %s\n"), e->hash);
  printf (_("store:      %s\n"), oc_store_get_path (store));
  printf (_("created:    %s · updated %s\n"), created, updated);
  printf (_("settings:   %s%s%s\n"), e->dataset != NULL ? e->dataset : "",
          e->dataset != NULL ? " · " : "", e->description);
  printf (_("points:     %u of %u finished · %s wall time · %s of compute\n"), e->n_finished,
          e->planned_points, wall, duration);
  printf (_("spec:\n%s"), spec);
  if (points->len > 0)
    printf ("\n%-24s %-9s %10s %10s %10s %10s %9s\n", "POINT", "STATUS", "ITERATIONS",
            "TRAIN ERR", "TEST ERR", "ES TEST", "TIME");
  for (guint i = 0; i < points->len; i++)
    {
      const OcStorePoint *p = points->pdata[i];
      g_autofree char *tr = percent (p->final.train_error), *te = percent (p->final.test_error);
      g_autofree char *es = percent (p->n_val > 0 ? p->early_stop.test_error : NAN);
      g_autofree char *t = oc_format_duration (p->seconds);
      g_autoptr (GPtrArray) names = oc_store_list_artifacts (store, e->id, p->key, &error);

      if (names == NULL)
        return oc_cli_fail (error);
      printf ("%-24s %-9s %10" G_GUINT64_FORMAT " %10s %10s %10s %9s", p->key,
              oc_status_to_string (p->status), p->iterations, tr, te, es, t);
      for (guint a = 0; a < names->len; a++)
        printf ("%s%s", a == 0 ? "  artifacts: " : ", ", (const char *) names->pdata[a]);
      if (p->error != NULL)
        printf ("  (%s)", p->error);
      printf ("\n");
    }
  return OC_EXIT_OK;
}

/* export --------------------------------------------------------------------------------------- */

static void
append_key_values (GString *s, GPtrArray *columns, JsonNode *key)
{
  JsonObject *obj = JSON_NODE_HOLDS_OBJECT (key) ? json_node_get_object (key) : NULL;

  for (guint c = 0; c < columns->len; c++)
    {
      JsonNode *v = obj != NULL ? json_object_get_member (obj, columns->pdata[c]) : NULL;

      if (v != NULL && JSON_NODE_HOLDS_VALUE (v))
        {
          if (json_node_get_value_type (v) == G_TYPE_STRING)
            oc_csv_append_field (s, json_node_get_string (v));
          else if (json_node_get_value_type (v) == G_TYPE_INT64)
            g_string_append_printf (s, "%" G_GINT64_FORMAT, json_node_get_int (v));
          else if (json_node_get_value_type (v) == G_TYPE_DOUBLE)
            oc_spec_append_double (s, json_node_get_double (v));
          else if (json_node_get_value_type (v) == G_TYPE_BOOLEAN)
            g_string_append (s, json_node_get_boolean (v) ? "true" : "false");
        }
      g_string_append_c (s, ',');
    }
}

/* An evaluation's columns (OC_EVAL_CSV_HEADER, then its seconds when @with_seconds), all empty
 * when @present is FALSE (the early stop of a point without a validation split). */
static void
append_eval_csv (GString *s, const OcEvalPoint *p, gboolean with_seconds, gboolean present)
{
  if (!present)
    {
      /* OC_EVAL_CSV_HEADER's eight columns (and the seconds): seven (eight) separators. */
      g_string_append (s, with_seconds ? ",,,,,,,," : ",,,,,,,");
      return;
    }
  oc_eval_append_csv (s, p);
  if (with_seconds)
    {
      g_string_append_c (s, ',');
      oc_csv_append_number (s, p->seconds);
    }
}

/* The header: the coordinate columns, then the comma-separated @names. A name that is also a
 * coordinate gets "result_" in front (until it is unique), so that every column has a name of
 * its own: a sweep's coordinate n_train (empty: every example) and the n_train each point
 * trained on are n_train and result_n_train. ID-curves.csv and ID-points.csv name the
 * coordinates alike, so the two join on them. */
static void
append_header (GString *s, GPtrArray *columns, const char *names)
{
  g_autoptr (GHashTable) used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto (GStrv) split = g_strsplit (names, ",", -1);

  for (guint c = 0; c < columns->len; c++)
    {
      oc_csv_append_field (s, columns->pdata[c]);
      g_string_append_c (s, ',');
      g_hash_table_add (used, g_strdup (columns->pdata[c]));
    }
  for (guint i = 0; split[i] != NULL; i++)
    {
      g_autofree char *name = g_strdup (split[i]);

      while (g_hash_table_contains (used, name))
        {
          char *longer = g_strconcat ("result_", name, NULL);

          g_free (name);
          name = longer;
        }
      if (i > 0)
        g_string_append_c (s, ',');
      oc_csv_append_field (s, name);
      g_hash_table_add (used, g_steal_pointer (&name));
    }
  g_string_append_c (s, '\n');
}

/* Writes @data to DIR/NAME (atomically), or to standard output when @dir is "-". */
static gboolean
write_file (const char *dir, const char *name, const char *data, gsize len, GError **error)
{
  g_autofree char *path = oc_cli_is_stdout (dir) ? g_strdup ("-")
                                                 : g_build_filename (dir, name, NULL);

  if (!oc_cli_write_output (path, data, (gssize) len, error))
    return FALSE;
  if (!oc_cli_is_stdout (path))
    printf (_("wrote %s\n"), path);
  return TRUE;
}

static gboolean
export_csv (const OcStoreExperiment *e, GPtrArray *points, const char *dir, GError **error)
{
  g_autoptr (GPtrArray) parsed = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  g_autoptr (GPtrArray) columns = key_columns (points, parsed);
  g_autoptr (GString) pts = g_string_new (NULL), curves = g_string_new (NULL);
  g_autoptr (GString) names = g_string_new (NULL);
  g_autofree char *points_name = g_strdup_printf ("%s-points.csv", e->id);
  g_autofree char *curves_name = g_strdup_printf ("%s-curves.csv", e->id);
  const char *const prefixes[] = { "final", "es" };

  g_string_append (names, "status,error,started,finished,seconds,threads,architecture,"
                   "parameters,n_train,n_val,n_test,iterations,train_seconds,eval_seconds,"
                   "seconds_per_epoch,gflops");
  for (guint k = 0; k < G_N_ELEMENTS (prefixes); k++)
    g_string_append_printf (names, ",%1$s_iteration,%1$s_epoch,%1$s_train_loss,"
                            "%1$s_train_error,%1$s_val_loss,%1$s_val_error,%1$s_test_loss,"
                            "%1$s_test_error,%1$s_seconds", prefixes[k]);
  append_header (pts, columns, names->str);
  append_header (curves, columns, OC_EVAL_CSV_HEADER);

  for (guint i = 0; i < points->len; i++)
    {
      const OcStorePoint *p = points->pdata[i];
      const double timings[] = { p->train_seconds, p->eval_seconds, p->seconds_per_epoch,
                                 p->gflops };

      append_key_values (pts, columns, parsed->pdata[i]);
      g_string_append_printf (pts, "%s,", oc_status_to_string (p->status));
      oc_csv_append_field (pts, p->error);
      g_string_append_c (pts, ',');
      oc_csv_append_field (pts, p->started);
      g_string_append_c (pts, ',');
      oc_csv_append_field (pts, p->finished);
      g_string_append_c (pts, ',');
      oc_csv_append_number (pts, p->seconds);
      g_string_append_printf (pts, ",%u,", p->threads);
      oc_csv_append_field (pts, p->architecture);
      g_string_append_printf (pts, ",%" G_GUINT64_FORMAT ",%u,%u,%u,%" G_GUINT64_FORMAT,
                              p->parameters, p->n_train, p->n_val, p->n_test, p->iterations);
      for (guint t = 0; t < G_N_ELEMENTS (timings); t++)
        {
          g_string_append_c (pts, ',');
          oc_csv_append_number (pts, timings[t]);
        }
      g_string_append_c (pts, ',');
      append_eval_csv (pts, &p->final, TRUE, TRUE);
      g_string_append_c (pts, ',');
      append_eval_csv (pts, &p->early_stop, TRUE, p->n_val > 0);
      g_string_append_c (pts, '\n');

      for (guint r = 0; p->evals != NULL && r < p->evals->len; r++)
        {
          append_key_values (curves, columns, parsed->pdata[i]);
          append_eval_csv (curves, &g_array_index (p->evals, OcEvalPoint, r), FALSE, TRUE);
          g_string_append_c (curves, '\n');
        }
    }
  return write_file (dir, points_name, pts->str, pts->len, error)
         && write_file (dir, curves_name, curves->str, curves->len, error);
}

static gboolean
export_json (const OcStoreExperiment *e, GPtrArray *points, const char *dir, GError **error)
{
  g_autoptr (GPtrArray) parsed = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  g_autoptr (GPtrArray) columns = key_columns (points, parsed);
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *name = g_strdup_printf ("%s.json", e->id);
  g_autofree char *text = NULL;

  json_builder_begin_object (b);
  add_experiment_members (b, e);
  add_spec_member (b, e);
  json_builder_set_member_name (b, "points");
  json_builder_begin_array (b);
  for (guint i = 0; i < points->len; i++)
    {
      const OcStorePoint *p = points->pdata[i];

      json_builder_begin_object (b);
      add_point_members (b, p, parsed->pdata[i]);
      json_builder_set_member_name (b, "curve");
      json_builder_begin_array (b);
      for (guint r = 0; p->evals != NULL && r < p->evals->len; r++)
        oc_json_add_eval (b, &g_array_index (p->evals, OcEvalPoint, r));
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  text = oc_json_to_string (root, TRUE);
  return write_file (dir, name, text, strlen (text), error);
}

/* @text with every character but [A-Za-z0-9=.,_-] replaced by '_', braces and quotes left out and
 * ':' as '=': a file name part that cannot name another folder. */
static char *
file_name_part (const char *text)
{
  GString *part = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '{' || *p == '}' || *p == '"')
        continue;
      g_string_append_c (part, *p == ':' ? '=' : g_ascii_isalnum (*p) || strchr ("=.,_-", *p)
                                                 ? *p : '_');
    }
  return g_string_free (part, FALSE);
}

/* "ID-NAME.npy" for a point without coordinates, "ID-width=64,seed=0-NAME.npy" otherwise. */
static char *
artifact_file_name (const char *id, const char *key, const char *name)
{
  g_autofree char *slug = file_name_part (key);
  g_autofree char *safe_name = file_name_part (name);

  if (slug[0] == '\0')
    return g_strdup_printf ("%s-%s.npy", id, safe_name);
  return g_strdup_printf ("%s-%s-%s.npy", id, slug, safe_name);
}

static gboolean
export_artifacts (OcStore *store, const OcStoreExperiment *e, GPtrArray *points, const char *dir,
                  GError **error)
{
  for (guint i = 0; i < points->len; i++)
    {
      const OcStorePoint *p = points->pdata[i];
      g_autoptr (GPtrArray) names = oc_store_list_artifacts (store, e->id, p->key, error);

      if (names == NULL)
        return FALSE;
      for (guint a = 0; a < names->len; a++)
        {
          g_autoptr (OcNpyArray) array = oc_store_get_artifact (store, e->id, p->key,
                                                                names->pdata[a], error);
          g_autoptr (GBytes) npy = array != NULL ? oc_npy_encode (array, error) : NULL;
          g_autofree char *file = artifact_file_name (e->id, p->key, names->pdata[a]);
          gsize len;
          gconstpointer data;

          if (npy == NULL)
            return FALSE;
          data = g_bytes_get_data (npy, &len);
          if (!write_file (dir, file, data, len, error))
            return FALSE;
        }
    }
  return TRUE;
}

/* Every file export writes into @dir, so that none of them is the store (or its -wal): checked
 * before the first is written. */
static gboolean
check_export_dir (const OcPathGuard *store_guard, OcStore *store, const OcStoreExperiment *e,
                  GPtrArray *points, const char *dir, const char *arg, gboolean csv,
                  gboolean json, GError **error)
{
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  if (csv)
    {
      g_ptr_array_add (names, g_strdup_printf ("%s-points.csv", e->id));
      g_ptr_array_add (names, g_strdup_printf ("%s-curves.csv", e->id));
    }
  if (json)
    g_ptr_array_add (names, g_strdup_printf ("%s.json", e->id));
  for (guint i = 0; i < points->len; i++)
    {
      const OcStorePoint *p = points->pdata[i];
      g_autoptr (GPtrArray) artifacts = oc_store_list_artifacts (store, e->id, p->key, error);

      if (artifacts == NULL)
        return FALSE;
      for (guint a = 0; a < artifacts->len; a++)
        g_ptr_array_add (names, artifact_file_name (e->id, p->key, artifacts->pdata[a]));
    }
  /* The names hold no glob characters and no folders (artifact_file_name keeps
   * [A-Za-z0-9=.,_-]), so each pattern matches its own name only, in @dir. */
  for (guint i = 0; i < names->len; i++)
    if (!oc_path_guard_check_folder (store_guard, dir, arg, names->pdata[i], error))
      return FALSE;
  return TRUE;
}

static gboolean
prepare_dir (const char *dir, GError **error)
{
  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      int errsv = errno;

      g_set_error (error, OC_ERROR, OC_ERROR_IO, "%s: cannot create the folder: %s", dir,
                   g_strerror (errsv));
      return FALSE;
    }
  return TRUE;
}

static int
runs_export (OcStore *store, const char *id, const RunsOptions *opts)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (OcStoreExperiment) e = NULL;
  g_autoptr (GPtrArray) points = NULL;
  g_autoptr (OcPathGuard) guard = oc_path_guard_new ();
  g_autofree char *store_arg = NULL;
  g_autofree char *store_path = oc_cli_store_path (opts->store_path, &store_arg);
  gboolean to_stdout = oc_cli_is_stdout (opts->json_dir);
  /* The folder ID.json goes into, if any. */
  const char *json_dir = to_stdout ? NULL : opts->json_dir;
  gboolean same = json_dir != NULL && g_strcmp0 (opts->csv_dir, json_dir) == 0;

  if (opts->csv_dir == NULL && opts->json_dir == NULL)
    {
      oc_cli_error (_("runs export: give --csv DIR and/or --json DIR"));
      return OC_EXIT_BAD_INPUT;
    }
  if (oc_cli_is_stdout (opts->csv_dir))
    {
      oc_cli_error (_("runs export --csv -: the export is two tables and the .npy artifacts, which "
                      "need a folder; give a folder (./- for one named '-'), or --json - for one "
                      "document on standard output"));
      return OC_EXIT_BAD_INPUT;
    }
  if (!oc_cli_take_stdout (&error, "--json", opts->json_dir, NULL))
    return oc_cli_fail (error);
  e = oc_store_find_experiment (store, id, &error);
  if (e == NULL)
    return oc_cli_fail (error);
  /* The ID names every file written: it must not name another folder. */
  if (strlen (e->id) != OC_SPEC_ID_LEN || strspn (e->id, "0123456789abcdef") != OC_SPEC_ID_LEN)
    {
      oc_cli_error (_("%s: experiment '%s' has no valid ID (16 hex digits); the store was changed "
                      "outside Occam"), oc_store_get_path (store), e->id);
      return OC_EXIT_BAD_INPUT;
    }
  points = oc_store_list_points (store, e->id, TRUE, &error);
  if (points == NULL)
    return oc_cli_fail (error);
  oc_path_guard_add_store (guard, store_path, NULL, store_arg);
  if ((opts->csv_dir != NULL
       && !check_export_dir (guard, store, e, points, opts->csv_dir, "--csv", TRUE, same, &error))
      || (json_dir != NULL && !same
          && !check_export_dir (guard, store, e, points, json_dir, "--json", FALSE, TRUE,
                                &error)))
    return oc_cli_fail (error);

  /* The artifacts go into each folder given; standard output takes ID.json alone. */
  if ((opts->csv_dir != NULL && !(prepare_dir (opts->csv_dir, &error)
                                  && export_csv (e, points, opts->csv_dir, &error)
                                  && export_artifacts (store, e, points, opts->csv_dir, &error)))
      || (json_dir != NULL && !(prepare_dir (json_dir, &error)
                                && export_json (e, points, json_dir, &error)
                                && (same || export_artifacts (store, e, points, json_dir,
                                                              &error))))
      || (to_stdout && !export_json (e, points, "-", &error)))
    return oc_cli_fail (error);
  return OC_EXIT_OK;
}

/* rm ------------------------------------------------------------------------------------------- */

static int
runs_rm (OcStore *store, char **ids)
{
  g_autoptr (GPtrArray) found = g_ptr_array_new_with_free_func (
    (GDestroyNotify) oc_store_experiment_free);

  /* Resolve every ID first, so that a typo in the third removes nothing. */
  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autoptr (GError) error = NULL;
      OcStoreExperiment *e = oc_store_find_experiment (store, ids[i], &error);

      if (e == NULL)
        return oc_cli_fail (error);
      g_ptr_array_add (found, e);
    }
  for (guint i = 0; i < found->len; i++)
    {
      g_autoptr (GError) error = NULL;
      const OcStoreExperiment *e = found->pdata[i];
      guint n = 0;

      if (!oc_store_remove_experiment (store, e->id, &n, &error))
        {
          if (g_error_matches (error, OC_ERROR, OC_ERROR_NOT_FOUND))
            continue; /* given twice */
          return oc_cli_fail (error);
        }
      printf (_("removed %s (%s, %s, %s): %u point%s\n"), e->id, e->kind,
              e->dataset != NULL ? e->dataset : "-", e->description, n, n == 1 ? "" : "s");
    }
  return OC_EXIT_OK;
}

static gboolean
is_subcommand (const char *s)
{
  return strcmp (s, "list") == 0 || strcmp (s, "show") == 0 || strcmp (s, "export") == 0
         || strcmp (s, "rm") == 0;
}

/* The subcommand, looked for before the options are parsed: --json means "print JSON" (no value)
 * for list and show but "write ID.json into DIR" for export. It is the first argument that is
 * neither an option nor the value of one. */
static const char *
find_subcommand (int argc, char **argv)
{
  for (int i = 1; i < argc; i++)
    {
      const char *arg = argv[i];

      if (strcmp (arg, "--") == 0)
        return i + 1 < argc ? argv[i + 1] : NULL;
      if (strcmp (arg, "--store") == 0 || strcmp (arg, "--csv") == 0
          || (strcmp (arg, "--json") == 0 && i + 1 < argc && !is_subcommand (argv[i + 1])))
        i++;
      else if (arg[0] != '-')
        return arg;
    }
  return NULL;
}

int
oc_cmd_runs (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (OcStore) store = NULL;
  RunsOptions opts = { 0 };
  const char *sub = find_subcommand (argc, argv);
  gboolean prints = sub != NULL && (strcmp (sub, "list") == 0 || strcmp (sub, "show") == 0);
  int status;
  const GOptionEntry entries[] = {
    { "store", 0, 0, G_OPTION_ARG_FILENAME, &opts.store_path, OC_CLI_STORE_HELP, "FILE" },
    { "csv", 0, 0, G_OPTION_ARG_FILENAME, &opts.csv_dir,
      N_("export: write ID-points.csv and ID-curves.csv into DIR"), "DIR" },
    prints ? (GOptionEntry) { "json", 0, 0, G_OPTION_ARG_NONE, &opts.json,
                              N_("list, show: print one JSON document instead of the table"), NULL }
           : (GOptionEntry) { "json", 0, 0, G_OPTION_ARG_FILENAME, &opts.json_dir,
                              N_("export: write ID.json into DIR (-: to standard output); list, "
                              "show: print JSON instead of the table (no value)"), "DIR" },
    { NULL }
  };

  /* GOption takes --json=VALUE for a flag without a value and drops the value. */
  for (int i = 1; prints && i < argc && strcmp (argv[i], "--") != 0; i++)
    if (g_str_has_prefix (argv[i], "--json="))
      {
        oc_cli_error (_("runs %s: --json takes no value here: it prints the JSON on standard "
                        "output (add > FILE to keep it in a file)"), sub);
        return OC_EXIT_BAD_INPUT;
      }
  if (!oc_cli_parse_options (&argc, &argv, N_("list | show ID | export ID --csv DIR | rm ID… - the "
                             "experiment store"),
                             N_("  list             every experiment: kind, dataset, created, "
                             "status, points, time, settings\n"
                             "  show ID          its spec and its points\n"
                             "  export ID        --csv DIR and/or --json DIR: points, curves and "
                             ".npy artifacts\n"
                             "  rm ID…           remove experiments with their points, curves and "
                             "artifacts\n"
                             "An ID may be shortened to any unique prefix. list --json and show ID "
                             "--json print one JSON document."), entries))
    {
      status = OC_EXIT_BAD_INPUT;
      goto out;
    }
  if (argc < 2)
    {
      oc_cli_error (_("give a subcommand: list, show, export or rm; see 'occam-cli runs --help'"));
      status = OC_EXIT_BAD_INPUT;
      goto out;
    }
  sub = argv[1];
  if (!is_subcommand (sub))
    {
      oc_cli_error (_("unknown subcommand '%s'; use list, show, export or rm"), sub);
      status = OC_EXIT_BAD_INPUT;
      goto out;
    }
  if ((strcmp (sub, "list") == 0 && argc != 2)
      || ((strcmp (sub, "show") == 0 || strcmp (sub, "export") == 0) && argc != 3)
      || (strcmp (sub, "rm") == 0 && argc < 3))
    {
      oc_cli_error (strcmp (sub, "list") == 0 ? "runs list takes no arguments"
                    : strcmp (sub, "rm") == 0 ? "runs rm: give the IDs to remove"
                    : "runs %s: give one experiment ID", sub);
      status = OC_EXIT_BAD_INPUT;
      goto out;
    }
  if (strcmp (sub, "export") != 0 && (opts.csv_dir != NULL || opts.json_dir != NULL))
    {
      oc_cli_error (_("runs %s: %s DIR is for runs export%s"), sub,
                    opts.csv_dir != NULL ? "--csv" : "--json",
                    prints ? _("; --json (no value) prints JSON here") : "");
      status = OC_EXIT_BAD_INPUT;
      goto out;
    }

  store = oc_cli_open_store (opts.store_path, FALSE, &error);
  if (store == NULL)
    {
      status = oc_cli_fail (error);
      goto out;
    }
  if (strcmp (sub, "list") == 0)
    status = runs_list (store, opts.json);
  else if (strcmp (sub, "show") == 0)
    status = runs_show (store, argv[2], opts.json);
  else if (strcmp (sub, "export") == 0)
    status = runs_export (store, argv[2], &opts);
  else
    status = runs_rm (store, argv + 2);

out:
  g_free (opts.store_path);
  g_free (opts.csv_dir);
  g_free (opts.json_dir);
  return status;
}
