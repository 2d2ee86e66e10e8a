/* oc-data-cache.c — datasets kept between runs of one process; see oc-dataset.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "occam/oc-dataset.h"

struct _OcDataCache
{
  GMutex      lock;
  GHashTable *sets; /* key (every option) → OcDataset */
};

OcDataCache *
oc_data_cache_new (void)
{
  OcDataCache *cache = g_new0 (OcDataCache, 1);

  g_mutex_init (&cache->lock);
  cache->sets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) oc_dataset_free);
  return cache;
}

void
oc_data_cache_free (OcDataCache *cache)
{
  if (cache == NULL)
    return;
  g_hash_table_unref (cache->sets);
  g_mutex_clear (&cache->lock);
  g_free (cache);
}

static void
append_string (GString *key, const char *s)
{
  if (s == NULL)
    g_string_append (key, "-|");
  else
    g_string_append_printf (key, "%" G_GSIZE_FORMAT ":%s|", strlen (s), s);
}

/* Every option, exactly (doubles in hexadecimal): two option sets with the same key load the
 * same data. */
static char *
options_key (const OcDataOptions *o)
{
  GString *key = g_string_new (NULL);

  append_string (key, o->name);
  append_string (key, o->data_dir);
  append_string (key, o->data_file);
  append_string (key, o->test_file);
  append_string (key, o->label_column);
  g_string_append_printf (key, "%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT "|%d|%a|%u|%"
                          G_GUINT64_FORMAT "|%u|%u|%a|%a|%u|%a", o->classes, o->n_train,
                          (int) o->subset, o->label_noise, o->val_size, o->seed, o->digits,
                          o->modulus, o->train_fraction, o->noise, o->n_points, o->test_fraction);
  return g_string_free (key, FALSE);
}

const OcDataset *
oc_data_cache_load (OcDataCache *cache, const OcDataOptions *opts, GCancellable *cancellable,
                    GError **error)
{
  g_autofree char *key = NULL;
  OcDataset *data;

  g_return_val_if_fail (cache != NULL && opts != NULL, NULL);

  key = options_key (opts);
  /* Loading under the lock: two threads wanting the same data load it once. */
  g_mutex_lock (&cache->lock);
  data = g_hash_table_lookup (cache->sets, key);
  if (data == NULL)
    {
      data = oc_dataset_load (opts, cancellable, error);
      if (data != NULL)
        g_hash_table_insert (cache->sets, g_steal_pointer (&key), data);
    }
  g_mutex_unlock (&cache->lock);
  return data;
}
