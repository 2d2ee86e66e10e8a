/* oc-mailbox.c — see oc-mailbox.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "oc-mailbox.h"

struct _OcMailbox
{
  GMutex         lock;
  GPtrArray     *queue;     /* under @lock */
  gboolean       scheduled; /* under @lock: a delivery source is pending */
  gboolean       closed;    /* under @lock */
  GMainContext  *context;
  GDestroyNotify item_free;
  OcMailboxFunc  func;
  gpointer       user_data;
  guint          n_deliveries; /* owner thread only */
  guint          max_batch;
};

static void
mailbox_clear (gpointer mem)
{
  OcMailbox *mb = mem;

  g_ptr_array_unref (mb->queue);
  g_main_context_unref (mb->context);
  g_mutex_clear (&mb->lock);
}

OcMailbox *
oc_mailbox_new (GMainContext *context, GDestroyNotify item_free, OcMailboxFunc func,
                gpointer user_data)
{
  OcMailbox *mb = g_atomic_rc_box_new0 (OcMailbox);

  g_mutex_init (&mb->lock);
  mb->queue = g_ptr_array_new_with_free_func (item_free);
  mb->context = context ? g_main_context_ref (context) : g_main_context_ref_thread_default ();
  mb->item_free = item_free;
  mb->func = func;
  mb->user_data = user_data;
  return mb;
}

OcMailbox *
oc_mailbox_ref (OcMailbox *mb)
{
  return g_atomic_rc_box_acquire (mb);
}

void
oc_mailbox_unref (OcMailbox *mb)
{
  g_atomic_rc_box_release_full (mb, mailbox_clear);
}

/* Swaps the queue out under the lock, so the worker never waits for the UI to consume. */
static void
deliver_now (OcMailbox *mb, gboolean from_source)
{
  g_autoptr (GPtrArray) items = NULL;
  gboolean closed;

  g_mutex_lock (&mb->lock);
  items = mb->queue;
  mb->queue = g_ptr_array_new_with_free_func (mb->item_free);
  if (from_source)
    mb->scheduled = FALSE;
  closed = mb->closed;
  g_mutex_unlock (&mb->lock);

  if (closed || items->len == 0)
    return;
  mb->n_deliveries++;
  mb->max_batch = MAX (mb->max_batch, items->len);
  mb->func (items, mb->user_data);
}

static gboolean
deliver_source (gpointer user_data)
{
  deliver_now (user_data, TRUE);
  return G_SOURCE_REMOVE;
}

void
oc_mailbox_post (OcMailbox *mb, gpointer item)
{
  gboolean schedule;

  g_return_if_fail (mb != NULL);

  g_mutex_lock (&mb->lock);
  if (mb->closed)
    {
      g_mutex_unlock (&mb->lock);
      if (mb->item_free != NULL)
        mb->item_free (item);
      return;
    }
  g_ptr_array_add (mb->queue, item);
  schedule = !mb->scheduled;
  mb->scheduled = TRUE;
  g_mutex_unlock (&mb->lock);

  /* An idle-like source rather than g_main_context_invoke's direct call: even when posted from
   * the owner thread (tests), the consumer runs from the loop, never inside the producer. */
  if (schedule)
    {
      GSource *source = g_idle_source_new ();

      g_source_set_priority (source, G_PRIORITY_DEFAULT);
      g_source_set_callback (source, deliver_source, oc_mailbox_ref (mb),
                             (GDestroyNotify) oc_mailbox_unref);
      g_source_set_static_name (source, "[occam] mailbox delivery");
      g_source_attach (source, mb->context);
      g_source_unref (source);
    }
}

void
oc_mailbox_flush (OcMailbox *mb)
{
  g_return_if_fail (mb != NULL);

  deliver_now (mb, FALSE);
}

void
oc_mailbox_close (OcMailbox *mb)
{
  g_autoptr (GPtrArray) dropped = NULL;

  g_return_if_fail (mb != NULL);

  g_mutex_lock (&mb->lock);
  mb->closed = TRUE;
  dropped = mb->queue;
  mb->queue = g_ptr_array_new_with_free_func (mb->item_free);
  g_mutex_unlock (&mb->lock);
}

guint
oc_mailbox_get_n_deliveries (OcMailbox *mb)
{
  return mb->n_deliveries;
}

guint
oc_mailbox_get_max_batch (OcMailbox *mb)
{
  return mb->max_batch;
}
