/* bench-receive.c — how fast Duplex takes in a flood, against a bare
 * libsoup client measured in the same run, and what the history costs per
 * message against one GObject + GBytes per message.
 *
 *   meson compile -C build && build/bench/bench-receive [COUNT]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <libsoup/soup.h>
#include <stdlib.h>

#include "dx-connection.h"
#include "dx-echo-server.h"

typedef struct {
  guint64 received;
  guint64 expected;
} Counter;

static void
bare_message_cb (SoupWebsocketConnection *ws,
                 int                      type,
                 GBytes                  *payload,
                 Counter                 *counter)
{
  counter->received++;
}

static void
bare_connected_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      data)
{
  SoupWebsocketConnection **ws = data;

  *ws = soup_session_websocket_connect_finish (SOUP_SESSION (source), result, NULL);
  g_assert (*ws != NULL);
}

/* Baseline: libsoup alone, on this thread, counting messages. */
static double
bare_libsoup_rate (const char *url,
                   guint64     count)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  SoupWebsocketConnection *ws = NULL;
  Counter counter = { 0, count };
  gint64 start;
  double seconds;

  soup_session_websocket_connect_async (session, msg, NULL, NULL, G_PRIORITY_DEFAULT, NULL,
                                        bare_connected_cb, &ws);
  while (ws == NULL)
    g_main_context_iteration (NULL, TRUE);

  soup_websocket_connection_set_max_incoming_payload_size (ws, 0);
  g_signal_connect (ws, "message", G_CALLBACK (bare_message_cb), &counter);
  start = g_get_monotonic_time ();
  while (counter.received < count)
    g_main_context_iteration (NULL, TRUE);
  seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;

  soup_websocket_connection_close (ws, 1000, NULL);
  while (soup_websocket_connection_get_state (ws) != SOUP_WEBSOCKET_STATE_CLOSED)
    g_main_context_iteration (NULL, TRUE);
  g_object_unref (ws);

  return count / seconds;
}

/* Duplex: DxConnection on the network thread, batches into DxHistory. */
static double
duplex_rate (const char *url,
             guint64     count,
             gsize      *bytes_per_entry)
{
  g_autoptr(DxSession) session = dx_session_new ("bench", url);
  g_autoptr(DxConnection) connection = dx_connection_new (session);
  GListModel *history = G_LIST_MODEL (dx_session_get_history (session));
  gint64 start = 0;
  double seconds;

  if (!dx_connection_connect (connection, NULL))
    g_error ("could not connect");
  while (dx_connection_get_state (connection) != DX_CONNECTION_STATE_OPEN)
    g_main_context_iteration (NULL, TRUE);

  start = g_get_monotonic_time ();
  /* two event rows: connecting, connected */
  while (g_list_model_get_n_items (history) < count + 2)
    g_main_context_iteration (NULL, TRUE);
  seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;

  *bytes_per_entry = dx_history_get_storage_size (dx_session_get_history (session)) /
                     g_list_model_get_n_items (history);

  dx_connection_disconnect (connection);
  while (dx_connection_get_state (connection) != DX_CONNECTION_STATE_CLOSED)
    g_main_context_iteration (NULL, TRUE);

  return count / seconds;
}

static gsize
rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;
  line = strstr (status, "VmRSS:");
  return line ? strtoul (line + 6, NULL, 10) : 0;
}

/* What a history costs per 16-byte message: ours against the obvious
 * one-object-per-message store. */
static void
history_memory (guint64 count)
{
  gsize before, naive_kib, compact_kib;
  g_autoptr(GPtrArray) naive = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(DxHistory) history = dx_history_new ();
  DxRecord *batch = g_new0 (DxRecord, 4096);
  gint64 start;
  double naive_s, compact_s;

  before = rss_kib ();
  start = g_get_monotonic_time ();
  for (guint64 i = 0; i < count; i++)
    {
      g_autoptr(GBytes) payload = g_bytes_new ("#1234567 xxxxxxx", 16);
      g_ptr_array_add (naive, dx_message_new_now (DX_DIRECTION_RECEIVED, DX_MESSAGE_KIND_TEXT, payload));
    }
  naive_s = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  naive_kib = rss_kib () - before;
  g_ptr_array_set_size (naive, 0);

  before = rss_kib ();
  start = g_get_monotonic_time ();
  for (guint64 i = 0; i < count;)
    {
      guint n = 0;

      for (; n < 4096 && i < count; n++, i++)
        {
          batch[n].payload = g_bytes_new ("#1234567 xxxxxxx", 16);
          batch[n].wall_time_us = g_get_real_time ();
          batch[n].monotonic_time_us = g_get_monotonic_time ();
          batch[n].direction = DX_DIRECTION_RECEIVED;
          batch[n].kind = DX_MESSAGE_KIND_TEXT;
        }
      dx_history_append_batch (history, batch, n);
    }
  compact_s = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  compact_kib = rss_kib () > before ? rss_kib () - before : 0;
  g_free (batch);

  g_print ("history of %" G_GUINT64_FORMAT " messages of 16 bytes:\n", count);
  g_print ("  one GObject + GBytes each (baseline): %7.1f MiB  %6.0f bytes/message  %.2f s\n",
           naive_kib / 1024.0, naive_kib * 1024.0 / count, naive_s);
  g_print ("  DxHistory:                             %7.1f MiB  %6.0f bytes/message  %.2f s\n",
           compact_kib / 1024.0, compact_kib * 1024.0 / count, compact_s);
  g_print ("  DxHistory overhead beyond payloads:    %6.1f bytes/message (its own count)\n",
           (double) dx_history_get_storage_size (history) / count);
  g_print ("  memory ratio DxHistory / baseline:     %.2f\n", (double) compact_kib / MAX (naive_kib, 1));
}

int
main (int   argc,
      char *argv[])
{
  guint64 count = argc > 1 ? g_ascii_strtoull (argv[1], NULL, 10) : 1000000;
  g_autoptr(DxEchoServer) server = dx_echo_server_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_strdup_printf ("/flood?count=%" G_GUINT64_FORMAT "&size=16", count);
  g_autofree char *url = NULL;
  double bare, duplex;
  gsize bytes_per_entry = 0;

  if (!dx_echo_server_start (server, 0, &error))
    g_error ("%s", error->message);
  url = dx_echo_server_dup_url (server, path);

  bare = bare_libsoup_rate (url, count);
  duplex = duplex_rate (url, count, &bytes_per_entry);

  g_print ("flood of %" G_GUINT64_FORMAT " messages of 16 bytes from the built-in server:\n", count);
  g_print ("  bare libsoup client (baseline): %9.0f msg/s\n", bare);
  g_print ("  DxConnection into DxHistory:    %9.0f msg/s  (%.2fx the baseline)\n", duplex, duplex / bare);
  g_print ("  history overhead:               %9" G_GSIZE_FORMAT " bytes/message beyond the payload\n",
           bytes_per_entry);

  history_memory (count);

  dx_echo_server_stop (server);
  return EXIT_SUCCESS;
}
