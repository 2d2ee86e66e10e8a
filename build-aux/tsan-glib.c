/* tsan-glib.c — tells ThreadSanitizer about the synchronisation Occam gets from GLib.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Only for the ThreadSanitizer build (build-aux/occam-test --tsan), which links every program
 * with this file and -Wl,--wrap=SYMBOL for each function below. Why: Debian's GLib is not
 * instrumented, and on Linux GMutex and GCond are built on futexes rather than on pthread
 * mutexes (which ThreadSanitizer intercepts), so it sees no happens-before edge at all across
 * g_mutex_lock()/g_mutex_unlock(), and none where GLib hands work and results between threads
 * (GTask, main-context sources, atomic reference counts). Every piece of Occam data guarded by a
 * GMutex would be reported as a race, burying the real ones. Suppressions cannot fix that without
 * hiding Occam's own frames, so instead each wrapper calls the real function and publishes the
 * edge it implies with __tsan_release()/__tsan_acquire(), keyed on the object that carries it
 * (the mutex, the task, the source's callback record), never wider than the real edge.
 *
 * --wrap only redirects calls made from Occam's objects (GLib's calls to itself stay as they
 * are), which is exactly the synchronisation Occam relies on.
 */
#include <glib.h>
#include <gio/gio.h>

/* ThreadSanitizer's annotation interface (sanitizer/tsan_interface.h is not installed by every
 * compiler package, so the two entry points are declared here). */
void __tsan_acquire (void *addr);
void __tsan_release (void *addr);

/* Declarations for -Wmissing-prototypes; the linker maps __real_X to GLib's X. */
#define WRAP_DECL(ret, name, args) ret __real_##name args; ret __wrap_##name args;

WRAP_DECL (void, g_mutex_lock, (GMutex *mutex))
WRAP_DECL (gboolean, g_mutex_trylock, (GMutex *mutex))
WRAP_DECL (void, g_mutex_unlock, (GMutex *mutex))
WRAP_DECL (void, g_cond_wait, (GCond *cond, GMutex *mutex))
WRAP_DECL (gboolean, g_cond_wait_until, (GCond *cond, GMutex *mutex, gint64 end_time))
WRAP_DECL (gboolean, g_once_init_enter, (volatile void *location))
WRAP_DECL (void, g_once_init_leave, (volatile void *location, gsize result))
WRAP_DECL (void, g_atomic_rc_box_release_full, (gpointer mem_block, GDestroyNotify clear_func))
WRAP_DECL (void, g_atomic_rc_box_release, (gpointer mem_block))
WRAP_DECL (void, g_object_unref, (gpointer object))
WRAP_DECL (void, g_source_set_callback, (GSource *source, GSourceFunc func, gpointer data,
                                         GDestroyNotify notify))
WRAP_DECL (guint, g_idle_add_full, (gint priority, GSourceFunc function, gpointer data,
                                    GDestroyNotify notify))
WRAP_DECL (guint, g_idle_add, (GSourceFunc function, gpointer data))
WRAP_DECL (void, g_main_context_invoke_full, (GMainContext *context, gint priority,
                                              GSourceFunc function, gpointer data,
                                              GDestroyNotify notify))
WRAP_DECL (void, g_main_context_invoke, (GMainContext *context, GSourceFunc function,
                                         gpointer data))
WRAP_DECL (GTask *, g_task_new, (gpointer source_object, GCancellable *cancellable,
                                GAsyncReadyCallback callback, gpointer callback_data))
WRAP_DECL (void, g_task_run_in_thread, (GTask *task, GTaskThreadFunc task_func))
WRAP_DECL (void, g_task_return_pointer, (GTask *task, gpointer result,
                                         GDestroyNotify result_destroy))
WRAP_DECL (void, g_task_return_boolean, (GTask *task, gboolean result))
WRAP_DECL (void, g_task_return_int, (GTask *task, gssize result))
WRAP_DECL (void, g_task_return_error, (GTask *task, GError *error))
WRAP_DECL (gpointer, g_task_propagate_pointer, (GTask *task, GError **error))
WRAP_DECL (gboolean, g_task_propagate_boolean, (GTask *task, GError **error))
WRAP_DECL (gssize, g_task_propagate_int, (GTask *task, GError **error))
WRAP_DECL (gboolean, g_task_had_error, (GTask *task))
WRAP_DECL (gpointer, g_task_get_task_data, (GTask *task))

/* Mutexes and condition variables: unlock releases, lock acquires, a wait does both. */

void
__wrap_g_mutex_lock (GMutex *mutex)
{
  __real_g_mutex_lock (mutex);
  __tsan_acquire (mutex);
}

gboolean
__wrap_g_mutex_trylock (GMutex *mutex)
{
  gboolean locked = __real_g_mutex_trylock (mutex);

  if (locked)
    __tsan_acquire (mutex);
  return locked;
}

void
__wrap_g_mutex_unlock (GMutex *mutex)
{
  __tsan_release (mutex);
  __real_g_mutex_unlock (mutex);
}

void
__wrap_g_cond_wait (GCond *cond, GMutex *mutex)
{
  __tsan_release (mutex);
  __real_g_cond_wait (cond, mutex);
  __tsan_acquire (mutex);
}

gboolean
__wrap_g_cond_wait_until (GCond *cond, GMutex *mutex, gint64 end_time)
{
  gboolean signalled;

  __tsan_release (mutex);
  signalled = __real_g_cond_wait_until (cond, mutex, end_time);
  __tsan_acquire (mutex);
  return signalled;
}

/* g_once_init_enter()'s fast path is an atomic load in Occam's code, which ThreadSanitizer sees;
 * the store it pairs with happens inside GLib. */

gboolean
__wrap_g_once_init_enter (volatile void *location)
{
  gboolean enter = __real_g_once_init_enter (location);

  __tsan_acquire ((void *) location);
  return enter;
}

void
__wrap_g_once_init_leave (volatile void *location, gsize result)
{
  __tsan_release ((void *) location);
  __real_g_once_init_leave (location, result);
}

/* Atomic reference counts: every release happens before the last one, which frees. */

void
__wrap_g_atomic_rc_box_release_full (gpointer mem_block, GDestroyNotify clear_func)
{
  __tsan_release (mem_block);
  __tsan_acquire (mem_block);
  __real_g_atomic_rc_box_release_full (mem_block, clear_func);
}

void
__wrap_g_atomic_rc_box_release (gpointer mem_block)
{
  __tsan_release (mem_block);
  __tsan_acquire (mem_block);
  __real_g_atomic_rc_box_release (mem_block);
}

/* The same for GObjects: a worker's last unref may run a finalizer the main thread wrote for. */

void
__wrap_g_object_unref (gpointer object)
{
  __tsan_release (object);
  __tsan_acquire (object);
  __real_g_object_unref (object);
}

/* Main-context callbacks: what the thread did before handing a callback to a context happens
 * before the callback runs. The callback is routed through a record that carries the edge. */

typedef struct
{
  GSourceFunc    func;
  gpointer       data;
  GDestroyNotify notify;
} Callback;

static Callback *
callback_new (GSourceFunc func, gpointer data, GDestroyNotify notify)
{
  Callback *cb = g_new (Callback, 1);

  cb->func = func;
  cb->data = data;
  cb->notify = notify;
  __tsan_release (cb);
  return cb;
}

static gboolean
callback_run (gpointer user_data)
{
  Callback *cb = user_data;

  __tsan_acquire (cb);
  return cb->func (cb->data);
}

static void
callback_free (gpointer user_data)
{
  Callback *cb = user_data;

  __tsan_acquire (cb);
  if (cb->notify != NULL)
    cb->notify (cb->data);
  g_free (cb);
}

void
__wrap_g_source_set_callback (GSource *source, GSourceFunc func, gpointer data,
                              GDestroyNotify notify)
{
  /* The record assumes a GSourceFunc: Occam sets callbacks only on idle and timeout sources
   * (typed callbacks of child-watch or I/O sources would need their own record). */
  if (func == NULL)
    {
      __real_g_source_set_callback (source, func, data, notify);
      return;
    }
  __real_g_source_set_callback (source, callback_run, callback_new (func, data, notify),
                                callback_free);
}

guint
__wrap_g_idle_add_full (gint priority, GSourceFunc function, gpointer data, GDestroyNotify notify)
{
  return __real_g_idle_add_full (priority, callback_run, callback_new (function, data, notify),
                                 callback_free);
}

guint
__wrap_g_idle_add (GSourceFunc function, gpointer data)
{
  return __real_g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, callback_run,
                                 callback_new (function, data, NULL), callback_free);
}

void
__wrap_g_main_context_invoke_full (GMainContext *context, gint priority, GSourceFunc function,
                                   gpointer data, GDestroyNotify notify)
{
  __real_g_main_context_invoke_full (context, priority, callback_run,
                                     callback_new (function, data, notify), callback_free);
}

void
__wrap_g_main_context_invoke (GMainContext *context, GSourceFunc function, gpointer data)
{
  __real_g_main_context_invoke_full (context, G_PRIORITY_DEFAULT, callback_run,
                                     callback_new (function, data, NULL), callback_free);
}

/* GTask: starting a task in a thread releases it to the thread; returning a result releases it
 * back; reading the result or the task data acquires it, and propagating the result, the last
 * thing a callback does with its task, releases it to whichever thread finalizes it. */

static GQuark
watched_quark (void)
{
  return g_quark_from_static_string ("occam-tsan-watched");
}

/* A weak reference's notification runs on the thread of the last unref, just before the object is
 * finalized: the acquire pairs with the release in every g_object_unref() Occam made. */
static void
object_finalizing (gpointer data, GObject *where_the_object_was)
{
  __tsan_acquire (data);
}

GTask *
__wrap_g_task_new (gpointer source_object, GCancellable *cancellable,
                   GAsyncReadyCallback callback, gpointer callback_data)
{
  GTask *task;

  /* The task holds a reference to its source object and drops it inside GLib, on whichever
   * thread releases the task last, where the wrapper above cannot see it: if that is the worker,
   * the object is finalized there. */
  if (source_object != NULL
      && g_object_get_qdata (source_object, watched_quark ()) == NULL)
    {
      g_object_set_qdata (source_object, watched_quark (), GINT_TO_POINTER (1));
      g_object_weak_ref (source_object, object_finalizing, source_object);
    }
  task = __real_g_task_new (source_object, cancellable, callback, callback_data);
  /* The task itself, with its task data, may be finalized on the worker too, after the main
   * thread read them (the propagate wrappers below release it). */
  g_object_weak_ref (G_OBJECT (task), object_finalizing, task);
  return task;
}

static GQuark
thread_func_quark (void)
{
  return g_quark_from_static_string ("occam-tsan-task-func");
}

static void
task_thread (GTask *task, gpointer source_object, gpointer task_data, GCancellable *cancellable)
{
  GTaskThreadFunc func = (GTaskThreadFunc) g_object_get_qdata (G_OBJECT (task),
                                                               thread_func_quark ());

  __tsan_acquire (task);
  func (task, source_object, task_data, cancellable);
}

void
__wrap_g_task_run_in_thread (GTask *task, GTaskThreadFunc task_func)
{
  g_object_set_qdata (G_OBJECT (task), thread_func_quark (), (gpointer) task_func);
  __tsan_release (task);
  __real_g_task_run_in_thread (task, task_thread);
}

void
__wrap_g_task_return_pointer (GTask *task, gpointer result, GDestroyNotify result_destroy)
{
  __tsan_release (task);
  __real_g_task_return_pointer (task, result, result_destroy);
}

void
__wrap_g_task_return_boolean (GTask *task, gboolean result)
{
  __tsan_release (task);
  __real_g_task_return_boolean (task, result);
}

void
__wrap_g_task_return_int (GTask *task, gssize result)
{
  __tsan_release (task);
  __real_g_task_return_int (task, result);
}

void
__wrap_g_task_return_error (GTask *task, GError *error)
{
  __tsan_release (task);
  __real_g_task_return_error (task, error);
}

gpointer
__wrap_g_task_propagate_pointer (GTask *task, GError **error)
{
  gpointer result;

  __tsan_acquire (task);
  result = __real_g_task_propagate_pointer (task, error);
  __tsan_release (task);
  return result;
}

gboolean
__wrap_g_task_propagate_boolean (GTask *task, GError **error)
{
  gboolean result;

  __tsan_acquire (task);
  result = __real_g_task_propagate_boolean (task, error);
  __tsan_release (task);
  return result;
}

gssize
__wrap_g_task_propagate_int (GTask *task, GError **error)
{
  gssize result;

  __tsan_acquire (task);
  result = __real_g_task_propagate_int (task, error);
  __tsan_release (task);
  return result;
}

gboolean
__wrap_g_task_had_error (GTask *task)
{
  __tsan_acquire (task);
  return __real_g_task_had_error (task);
}

gpointer
__wrap_g_task_get_task_data (GTask *task)
{
  __tsan_acquire (task);
  return __real_g_task_get_task_data (task);
}
