/* oc-loaded-data.c — loading a dataset on a worker thread into a shared, immutable box.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>
#include <string.h>

#include "occam-figures/oc-data-figures.h"
#include "oc-loaded-data.h"

static void
loaded_data_clear (gpointer mem)
{
  OcLoadedData *data = mem;

  g_clear_pointer (&data->dataset, oc_dataset_free);
  oc_data_options_clear_strings (&data->opts);
}

OcLoadedData *
oc_loaded_data_ref (OcLoadedData *data)
{
  return g_atomic_rc_box_acquire (data);
}

void
oc_loaded_data_unref (OcLoadedData *data)
{
  g_atomic_rc_box_release_full (data, loaded_data_clear);
}

G_DEFINE_BOXED_TYPE (OcLoadedData, oc_loaded_data, oc_loaded_data_ref, oc_loaded_data_unref)

void
oc_data_options_copy (OcDataOptions *dst, const OcDataOptions *src)
{
  *dst = *src;
  dst->name = g_strdup (src->name);
  dst->data_dir = g_strdup (src->data_dir);
  dst->data_file = g_strdup (src->data_file);
  dst->test_file = g_strdup (src->test_file);
  dst->label_column = g_strdup (src->label_column);
}

void
oc_data_options_clear_strings (OcDataOptions *opts)
{
  g_free ((char *) opts->name);
  g_free ((char *) opts->data_dir);
  g_free ((char *) opts->data_file);
  g_free ((char *) opts->test_file);
  g_free ((char *) opts->label_column);
  opts->name = opts->data_dir = opts->data_file = opts->test_file = opts->label_column = NULL;
}

static void
options_free (gpointer mem)
{
  oc_data_options_clear_strings (mem);
  g_free (mem);
}

static void
load_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  const OcDataOptions *opts = task_data;
  g_autoptr (GError) error = NULL;
  OcDataset *ds = oc_dataset_load (opts, cancellable, &error);
  OcLoadedData *data;

  if (ds == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  data = g_atomic_rc_box_new0 (OcLoadedData);
  data->dataset = ds;
  oc_data_options_copy (&data->opts, opts);
  g_task_return_pointer (task, data, (GDestroyNotify) oc_loaded_data_unref);
}

void
oc_loaded_data_load_async (const OcDataOptions *opts, GCancellable *cancellable,
                           GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  OcDataOptions *copy = g_new0 (OcDataOptions, 1);

  g_return_if_fail (opts != NULL);

  oc_data_options_copy (copy, opts);
  g_task_set_source_tag (task, oc_loaded_data_load_async);
  g_task_set_name (task, "occam-load-dataset");
  g_task_set_task_data (task, copy, options_free);
  /* A cancelled load still returns its own error, so the caller can tell a stale result apart. */
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, load_thread);
}

OcLoadedData *
oc_loaded_data_load_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The mean of the training inputs: computed where the data were loaded, and the data freed there
 * too — a pass over 60,000 images and unmapping them cost the main thread tens of milliseconds. */
static void
mean_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  const OcDataOptions *opts = task_data;
  g_autoptr (GError) error = NULL;
  OcDataset *ds = oc_dataset_load (opts, cancellable, &error);
  OcDataMean *mean;

  if (ds == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  mean = g_new0 (OcDataMean, 1);
  mean->dim = ds->dim;
  mean->values = oc_split_mean (ds, &ds->train);
  oc_dataset_free (ds);
  if (mean->values == NULL)
    {
      oc_data_mean_free (mean);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               _("the training split is empty"));
      return;
    }
  g_task_return_pointer (task, mean, (GDestroyNotify) oc_data_mean_free);
}

void
oc_data_mean_free (OcDataMean *mean)
{
  if (mean == NULL)
    return;
  g_free (mean->values);
  g_free (mean);
}

void
oc_data_mean_load_async (const OcDataOptions *opts, GCancellable *cancellable,
                         GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  OcDataOptions *copy = g_new0 (OcDataOptions, 1);

  g_return_if_fail (opts != NULL);

  oc_data_options_copy (copy, opts);
  g_task_set_source_tag (task, oc_data_mean_load_async);
  g_task_set_name (task, "occam-load-mean");
  g_task_set_task_data (task, copy, options_free);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, mean_thread);
}

OcDataMean *
oc_data_mean_load_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

gboolean
oc_loaded_data_is_planar (const OcLoadedData *data)
{
  return data != NULL && oc_dataset_is_planar (data->dataset);
}

char *
oc_loaded_data_title (const OcLoadedData *data)
{
  const char *name = data->dataset->name;

  if (g_strcmp0 (name, "csv") == 0 && data->opts.data_file != NULL)
    return g_path_get_basename (data->opts.data_file);
  if (g_strcmp0 (name, "mnist") == 0 && data->opts.data_dir != NULL)
    return g_path_get_basename (data->opts.data_dir);
  return oc_dataset_display_name (name);
}
