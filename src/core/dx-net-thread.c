/* dx-net-thread.c — the one thread every socket lives on
 *
 * With libsoup on GTK's main thread a flood of small messages starves the
 * frame clock, because socket sources run at G_PRIORITY_DEFAULT. All
 * WebSocket I/O therefore runs here, on a GMainContext of its own with a
 * SoupSession of its own (libsoup 3.2 allows a session per thread); the main
 * thread only ever sees batches.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "dx-net-thread.h"

typedef struct {
  GThread      *thread;
  GMainContext *context;
  SoupSession  *session;
} DxNetThread;

static gpointer
net_thread_main (gpointer data)
{
  DxNetThread *net = data;
  GMainLoop *loop;

  g_main_context_push_thread_default (net->context);

  net->session = soup_session_new_with_options ("user-agent", "Duplex/" PACKAGE_VERSION " ",
                                                "timeout", 0,
                                                "idle-timeout", 0,
                                                "max-conns", 4096,
                                                "max-conns-per-host", 4096,
                                                NULL);

  /* Runs for the life of the process, like GLib's own worker thread. */
  loop = g_main_loop_new (net->context, FALSE);
  g_main_loop_run (loop);

  return NULL;
}

static DxNetThread *
dx_net_thread_get (void)
{
  static DxNetThread *net;

  if (g_once_init_enter (&net))
    {
      DxNetThread *created = g_new0 (DxNetThread, 1);

      created->context = g_main_context_new ();
      created->thread = g_thread_new ("dx-network", net_thread_main, created);
      g_once_init_leave (&net, created);
    }

  return net;
}

GMainContext *
dx_net_thread_get_context (void)
{
  return dx_net_thread_get ()->context;
}

/**
 * dx_net_thread_get_session:
 *
 * Returns: (transfer none): the SoupSession of the network thread; call
 *   this on the network thread only
 */
SoupSession *
dx_net_thread_get_session (void)
{
  g_return_val_if_fail (dx_net_thread_is_current (), NULL);
  return dx_net_thread_get ()->session;
}

gboolean
dx_net_thread_is_current (void)
{
  return g_thread_self () == dx_net_thread_get ()->thread;
}

/**
 * dx_net_thread_invoke:
 *
 * Runs @func once on the network thread, soon.
 */
void
dx_net_thread_invoke (GSourceFunc     func,
                      gpointer        data,
                      GDestroyNotify  notify)
{
  GSource *source = g_idle_source_new ();

  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, func, data, notify);
  g_source_set_static_name (source, "[duplex] network command");
  g_source_attach (source, dx_net_thread_get_context ());
  g_source_unref (source);
}
