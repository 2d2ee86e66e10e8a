/* oc-mailbox.h — the coalescing mailbox between a worker thread and the main loop.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A worker posts items (copied snapshots, owned by the mailbox from then on) from any thread. The
 * mailbox keeps them in order under a mutex and schedules at most one delivery at a time on the
 * owner's GMainContext; the delivery hands over everything queued so far in one batch. So no item
 * is lost, the order is kept, and a fast worker cannot flood the main loop: however many items
 * arrive, there is never more than one pending main-loop source.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _OcMailbox OcMailbox;

/* Called on the owner's context with the batch (items in posting order); the mailbox frees the
 * array and its items afterwards, so steal what you keep. */
typedef void (*OcMailboxFunc) (GPtrArray *items, gpointer user_data);

/* @context: where deliveries run (NULL = the thread-default context of the caller). */
OcMailbox *oc_mailbox_new   (GMainContext *context, GDestroyNotify item_free, OcMailboxFunc func,
                             gpointer user_data);
OcMailbox *oc_mailbox_ref   (OcMailbox *mailbox);
void       oc_mailbox_unref (OcMailbox *mailbox);

/* Any thread. Takes ownership of @item. */
void       oc_mailbox_post  (OcMailbox *mailbox, gpointer item);
/* Owner thread: deliver what is queued now (e.g. before reporting that the worker finished). */
void       oc_mailbox_flush (OcMailbox *mailbox);
/* Owner thread: drop what is queued and never call the function again. */
void       oc_mailbox_close (OcMailbox *mailbox);

/* For tests: deliveries so far, and the most items one delivery carried. */
guint      oc_mailbox_get_n_deliveries (OcMailbox *mailbox);
guint      oc_mailbox_get_max_batch    (OcMailbox *mailbox);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OcMailbox, oc_mailbox_unref)

G_END_DECLS
