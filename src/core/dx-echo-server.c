/* dx-echo-server.c — the built-in local echo server
 *
 * A SoupServer on 127.0.0.1, on a thread of its own so that it never
 * competes with the window. It serves a few paths that a tester (and the
 * test suite) can point a session at:
 *
 *   /echo                          echoes text and binary messages
 *   /inspect                       first sends the handshake it received as
 *                                  JSON (path, query, headers, subprotocol),
 *                                  then echoes
 *   /flood?count=N&size=S          sends N text messages of S bytes, then
 *                                  echoes
 *   /close?code=C&reason=R         closes at once with code C and reason R
 *   /refuse?status=S&body=B        does not upgrade: answers HTTP status S
 *                                  (403 by default) with the text B
 *
 * Any other path answers 404. Pings are answered by libsoup; closes are
 * answered politely.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "dx-echo-server.h"

#define FLOOD_BURST_BYTES (256 * 1024)

struct _DxEchoServer
{
  GObject          parent_instance;

  GMutex           lock;
  GCond            cond;
  GThread         *thread;
  GMainContext    *context;
  GMainLoop       *loop;
  GTlsCertificate *certificate;
  guint            port;
  gboolean         started;
  GError          *start_error;
  guint            requested_port;
};

G_DEFINE_FINAL_TYPE (DxEchoServer, dx_echo_server, G_TYPE_OBJECT)

static const char * const protocols[] = { "echo", "chat", "json", NULL };

typedef struct {
  SoupWebsocketConnection *ws;
  GSource                 *writable;
  guint64                  remaining;
  guint                    size;
  guint64                  sent;
} Flood;

static void
flood_free (Flood *flood)
{
  if (flood->writable)
    {
      g_source_destroy (flood->writable);
      g_source_unref (flood->writable);
    }
  g_free (flood);
}

static void flood_send (Flood *flood);

static gboolean
flood_writable_cb (GObject  *stream,
                   gpointer  data)
{
  Flood *flood = data;

  g_clear_pointer (&flood->writable, g_source_unref);
  flood_send (flood);
  return G_SOURCE_REMOVE;
}

/* Sends a burst, then waits until libsoup's queue has drained (the same
 * low-priority writable trick as DxConnection), so a flood of millions of
 * messages never queues more than one burst. */
static void
flood_send (Flood *flood)
{
  guint64 burst = 0;
  g_autofree char *buffer = g_malloc (flood->size + 1);
  GPollableOutputStream *output;

  if (soup_websocket_connection_get_state (flood->ws) != SOUP_WEBSOCKET_STATE_OPEN)
    return;

  while (flood->remaining > 0 && burst < FLOOD_BURST_BYTES)
    {
      int n = g_snprintf (buffer, flood->size + 1, "#%" G_GUINT64_FORMAT " ", flood->sent + 1);

      if ((guint) n < flood->size)
        memset (buffer + n, 'x', flood->size - n);
      buffer[flood->size] = '\0';

      soup_websocket_connection_send_text (flood->ws, buffer);
      flood->remaining--;
      flood->sent++;
      burst += flood->size;
    }

  if (flood->remaining == 0)
    return;

  output = G_POLLABLE_OUTPUT_STREAM (g_io_stream_get_output_stream (soup_websocket_connection_get_io_stream (flood->ws)));
  flood->writable = g_pollable_output_stream_create_source (output, NULL);
  g_source_set_priority (flood->writable, G_PRIORITY_LOW);
  g_source_set_callback (flood->writable, G_SOURCE_FUNC (flood_writable_cb), flood, NULL);
  g_source_attach (flood->writable, g_main_context_get_thread_default ());
}

static void
echo_message_cb (SoupWebsocketConnection *ws,
                 int                      type,
                 GBytes                  *message,
                 gpointer                 data)
{
  if (soup_websocket_connection_get_state (ws) == SOUP_WEBSOCKET_STATE_OPEN)
    soup_websocket_connection_send_message (ws, type, message);
}

static void
closed_cb (SoupWebsocketConnection *ws,
           gpointer                 data)
{
  g_object_unref (ws);
}

static guint64
query_number (GHashTable *query,
              const char *key,
              guint64     fallback,
              guint64     max)
{
  const char *text = query ? g_hash_table_lookup (query, key) : NULL;
  guint64 value;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 0, max, &value, NULL))
    return fallback;
  return value;
}

static char *
describe_handshake (SoupServerMessage *msg,
                    const char        *path,
                    GHashTable        *query,
                    const char        *protocol)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  SoupMessageHeadersIter iter;
  const char *name, *value;
  GUri *uri = soup_server_message_get_uri (msg);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "path");
  json_builder_add_string_value (builder, path);
  json_builder_set_member_name (builder, "query");
  json_builder_add_string_value (builder, g_uri_get_query (uri) ? g_uri_get_query (uri) : "");
  json_builder_set_member_name (builder, "headers");
  json_builder_begin_object (builder);
  soup_message_headers_iter_init (&iter, soup_server_message_get_request_headers (msg));
  while (soup_message_headers_iter_next (&iter, &name, &value))
    {
      json_builder_set_member_name (builder, name);
      json_builder_add_string_value (builder, value);
    }
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "protocol");
  if (protocol)
    json_builder_add_string_value (builder, protocol);
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static void
websocket_cb (SoupServer              *server,
              SoupServerMessage       *msg,
              const char              *path,
              SoupWebsocketConnection *ws,
              gpointer                 data)
{
  GHashTable *query = NULL;
  const char *query_text = g_uri_get_query (soup_server_message_get_uri (msg));

  if (query_text)
    query = soup_form_decode (query_text);

  /* The connection keeps itself until it is closed. */
  g_object_ref (ws);
  g_signal_connect (ws, "closed", G_CALLBACK (closed_cb), NULL);
  soup_websocket_connection_set_max_incoming_payload_size (ws, 0);

  if (g_str_equal (path, "/close"))
    {
      guint code = query_number (query, "code", SOUP_WEBSOCKET_CLOSE_NORMAL, 4999);
      const char *reason = query ? g_hash_table_lookup (query, "reason") : NULL;

      soup_websocket_connection_close (ws, code, reason);
    }
  else
    {
      g_signal_connect (ws, "message", G_CALLBACK (echo_message_cb), NULL);

      if (g_str_equal (path, "/inspect"))
        {
          g_autofree char *json = describe_handshake (msg, path, query,
                                                      soup_websocket_connection_get_protocol (ws));
          soup_websocket_connection_send_text (ws, json);
        }
      else if (g_str_equal (path, "/flood"))
        {
          Flood *flood = g_new0 (Flood, 1);

          flood->ws = ws;
          flood->remaining = query_number (query, "count", 1000, G_MAXUINT32);
          flood->size = query_number (query, "size", 16, 16 * 1024 * 1024);
          flood->size = MAX (flood->size, 1);
          g_object_set_data_full (G_OBJECT (ws), "dx-flood", flood, (GDestroyNotify) flood_free);
          flood_send (flood);
        }
    }

  g_clear_pointer (&query, g_hash_table_unref);
}

static void
refuse_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           data)
{
  guint status = query_number (query, "status", SOUP_STATUS_FORBIDDEN, 599);
  const char *body = query ? g_hash_table_lookup (query, "body") : NULL;

  if (status < 200)
    status = SOUP_STATUS_FORBIDDEN;
  if (body == NULL)
    body = "Refused by the Duplex echo server";

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "text/plain; charset=utf-8", SOUP_MEMORY_COPY,
                                    body, strlen (body));
}

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

/* libsoup 3.2 leaks from the listening sockets it makes itself: the local
 * address soup_server_listen_local() and soup_server_get_uris() cache, and
 * a reference to the socket of every connection it accepts (later
 * versions fixed both). So the server listens on a GSocketService of its
 * own and hands each connection to libsoup, after the TLS handshake when
 * it speaks wss://, the way libsoup's own listener does. */
typedef struct {
  SoupServer      *server;
  GTlsCertificate *certificate;
} Listening;

typedef struct {
  SoupServer     *server;
  GSocketAddress *local;
  GSocketAddress *remote;
} Accepting;

static void
accepting_free (Accepting *accepting)
{
  g_object_unref (accepting->server);
  g_object_unref (accepting->local);
  g_object_unref (accepting->remote);
  g_free (accepting);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Accepting, accepting_free)

static void
handshake_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  g_autoptr(Accepting) accepting = data;

  /* A client that gives up on the handshake is no concern of the server's:
   * dropping the stream closes it. */
  if (g_tls_connection_handshake_finish (G_TLS_CONNECTION (source), result, NULL))
    soup_server_accept_iostream (accepting->server, G_IO_STREAM (source),
                                 accepting->local, accepting->remote, NULL);
}

static gboolean
incoming_cb (GSocketService    *service,
             GSocketConnection *connection,
             GObject           *source_object,
             Listening         *listening)
{
  static const char * const alpn[] = { "http/1.1", "http/1.0", NULL };
  g_autoptr(Accepting) accepting = g_new0 (Accepting, 1);
  g_autoptr(GIOStream) tls = NULL;

  accepting->server = g_object_ref (listening->server);
  accepting->local = g_socket_connection_get_local_address (connection, NULL);
  accepting->remote = g_socket_connection_get_remote_address (connection, NULL);
  /* Already gone */
  if (accepting->local == NULL || accepting->remote == NULL)
    return TRUE;

  g_socket_set_option (g_socket_connection_get_socket (connection), IPPROTO_TCP, TCP_NODELAY, TRUE, NULL);

  if (listening->certificate == NULL)
    {
      soup_server_accept_iostream (accepting->server, G_IO_STREAM (connection),
                                   accepting->local, accepting->remote, NULL);
      return TRUE;
    }

  tls = g_initable_new (g_tls_backend_get_server_connection_type (g_tls_backend_get_default ()),
                        NULL, NULL,
                        "base-io-stream", connection,
                        "certificate", listening->certificate,
                        "require-close-notify", FALSE,
                        "advertised-protocols", alpn,
                        NULL);
  if (tls != NULL)
    g_tls_connection_handshake_async (G_TLS_CONNECTION (tls), G_PRIORITY_DEFAULT, NULL,
                                      handshake_cb, g_steal_pointer (&accepting));
  return TRUE;
}

static gboolean
listen_local (GSocketService  *service,
              guint            port,
              guint           *out_port,
              GError         **error)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, port);
  g_autoptr(GSocketAddress) effective = NULL;

  if (!g_socket_listener_add_address (G_SOCKET_LISTENER (service), address, G_SOCKET_TYPE_STREAM,
                                      G_SOCKET_PROTOCOL_TCP, NULL, &effective, error))
    return FALSE;
  *out_port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective));
  return TRUE;
}

static gpointer
server_thread_main (gpointer data)
{
  DxEchoServer *self = data;
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(GSocketService) service = NULL;
  g_autoptr(GError) error = NULL;
  const char * const paths[] = { "/echo", "/inspect", "/flood", "/close" };
  Listening listening = { NULL, self->certificate };
  guint port = 0;

  g_main_context_push_thread_default (self->context);

  server = soup_server_new ("server-header", "Duplex-echo ",
                            "tls-certificate", self->certificate,
                            NULL);
  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    soup_server_add_websocket_handler (server, paths[i], NULL, (char **) protocols,
                                       websocket_cb, NULL, NULL);
  soup_server_add_handler (server, "/refuse", refuse_cb, NULL, NULL);

  listening.server = server;
  service = g_socket_service_new ();
  g_signal_connect (service, "incoming", G_CALLBACK (incoming_cb), &listening);

  if (!listen_local (service, self->requested_port, &port, &error))
    {
      g_mutex_lock (&self->lock);
      self->start_error = g_steal_pointer (&error);
      self->started = TRUE;
      g_cond_signal (&self->cond);
      g_mutex_unlock (&self->lock);
      g_main_context_pop_thread_default (self->context);
      return NULL;
    }

  g_mutex_lock (&self->lock);
  self->port = port;
  self->started = TRUE;
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->lock);

  g_main_loop_run (self->loop);

  g_socket_service_stop (service);
  g_socket_listener_close (G_SOCKET_LISTENER (service));
  g_signal_handlers_disconnect_by_func (service, incoming_cb, &listening);
  soup_server_disconnect (server);
  g_main_context_pop_thread_default (self->context);

  return NULL;
}

static void
dx_echo_server_finalize (GObject *object)
{
  DxEchoServer *self = DX_ECHO_SERVER (object);

  dx_echo_server_stop (self);
  g_clear_pointer (&self->loop, g_main_loop_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_object (&self->certificate);
  g_clear_error (&self->start_error);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);

  G_OBJECT_CLASS (dx_echo_server_parent_class)->finalize (object);
}

static void
dx_echo_server_class_init (DxEchoServerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dx_echo_server_finalize;
}

static void
dx_echo_server_init (DxEchoServer *self)
{
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
}

DxEchoServer *
dx_echo_server_new (void)
{
  return g_object_new (DX_TYPE_ECHO_SERVER, NULL);
}

/**
 * dx_echo_server_set_tls_certificate:
 *
 * Makes the server speak wss:// with @certificate; call before starting.
 */
void
dx_echo_server_set_tls_certificate (DxEchoServer    *self,
                                    GTlsCertificate *certificate)
{
  g_return_if_fail (DX_IS_ECHO_SERVER (self));
  g_return_if_fail (self->thread == NULL);

  g_set_object (&self->certificate, certificate);
}

/**
 * dx_echo_server_start:
 * @port: the port on 127.0.0.1, or 0 for any free one
 *
 * Starts the server and returns once it listens.
 */
gboolean
dx_echo_server_start (DxEchoServer  *self,
                      guint          port,
                      GError       **error)
{
  g_return_val_if_fail (DX_IS_ECHO_SERVER (self), FALSE);
  g_return_val_if_fail (self->thread == NULL, FALSE);

  /* A server stopped, or one that could not listen, starts from scratch */
  self->requested_port = port;
  self->started = FALSE;
  self->port = 0;
  self->thread = g_thread_new ("dx-echo-server", server_thread_main, self);

  g_mutex_lock (&self->lock);
  while (!self->started)
    g_cond_wait (&self->cond, &self->lock);
  g_mutex_unlock (&self->lock);

  if (self->start_error)
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&self->start_error),
                                  _("The built-in echo server could not listen on port %u: "), port);
      g_thread_join (g_steal_pointer (&self->thread));
      return FALSE;
    }

  return TRUE;
}

void
dx_echo_server_stop (DxEchoServer *self)
{
  GSource *source;

  g_return_if_fail (DX_IS_ECHO_SERVER (self));

  if (self->thread == NULL)
    return;

  /* Quit from inside the server's loop: a g_main_loop_quit() made before
   * the thread reaches g_main_loop_run() would be lost, and the join would
   * wait forever. */
  source = g_idle_source_new ();
  g_source_set_callback (source, quit_cb, self->loop, NULL);
  g_source_attach (source, self->context);
  g_source_unref (source);

  g_thread_join (g_steal_pointer (&self->thread));
}

guint
dx_echo_server_get_port (DxEchoServer *self)
{
  g_return_val_if_fail (DX_IS_ECHO_SERVER (self), 0);
  return self->port;
}

/**
 * dx_echo_server_dup_url:
 * @path: "/echo", "/inspect", "/flood?count=10" ...
 *
 * Returns: the ws:// (or wss://) URL of @path on this server
 */
char *
dx_echo_server_dup_url (DxEchoServer *self,
                        const char   *path)
{
  g_return_val_if_fail (DX_IS_ECHO_SERVER (self), NULL);

  return g_strdup_printf ("%s://127.0.0.1:%u%s",
                          self->certificate ? "wss" : "ws", self->port, path);
}

/**
 * dx_echo_server_get_protocols:
 *
 * Returns: the subprotocols the server accepts, in its order of preference
 */
const char * const *
dx_echo_server_get_protocols (void)
{
  return protocols;
}
