/* dx-connection.c — the live WebSocket link of one session
 *
 * DxConnection is used from the main thread only. Each connection attempt
 * makes a NetLink that lives on the network thread (dx-net-thread.c) and
 * holds the SoupMessage and SoupWebsocketConnection. The two sides talk
 * through the link's mutex-protected inbox (network → main: messages and
 * state changes, in order) and outbox (main → network: messages to send).
 *
 * Receiving: the network thread appends to the inbox and, when it was
 * empty, schedules a drain on the main context below GTK's redraw
 * priority; drains are spaced a frame apart, so under a flood the window
 * gets one history batch (one items-changed) per frame and keeps drawing.
 *
 * Sending: libsoup queues outgoing frames without a bound. The link hands
 * libsoup at most max_bytes_in_flight (or one message, if larger) and then
 * waits for a writable source at G_PRIORITY_LOW on the socket: GLib only
 * dispatches it when libsoup's own output source (G_PRIORITY_DEFAULT) is not
 * ready, which with a writable socket means libsoup's queue is empty. The
 * rest waits in the outbox, referencing the same GBytes as the history.
 *
 * Variables: everything a connect sends (URL, parameters, headers,
 * subprotocols, origin) and every text message is expanded on the main
 * thread first; an undefined variable stops it before anything is sent.
 *
 * Reconnecting: after a close or failure the tester did not ask for, the
 * session's reconnect-attempts and reconnect-delay apply. A connection
 * that stayed open RECONNECT_STABLE_S starts a fresh count, so a server
 * that accepts and at once closes is not retried forever.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <libsoup/soup.h>

#include "dx-close-code.h"
#include "dx-connection.h"
#include "dx-field.h"
#include "dx-net-thread.h"
#include "dx-util.h"
#include "dx-variables.h"

/* Below GDK_PRIORITY_REDRAW (G_PRIORITY_HIGH_IDLE + 20): a frame is drawn
 * before a batch is taken in. */
#define DRAIN_PRIORITY        (G_PRIORITY_HIGH_IDLE + 30)
#define DRAIN_INTERVAL_US     (G_USEC_PER_SEC / 60)

#define RECONNECT_STABLE_S    10

typedef enum {
  EVENT_MESSAGE,
  EVENT_OPENED,
  EVENT_FAILED,
  EVENT_CANCELLED,
  EVENT_ERROR,
  EVENT_CLOSING,
  EVENT_CLOSED,
} EventType;

typedef struct {
  EventType  type;
  DxRecord   record;       /* EVENT_MESSAGE */
  guint      code;         /* close code, HTTP status */
  gboolean   by_peer;
  char      *text;         /* protocol, reason phrase, error message */
  char      *detail;       /* close reason */
} NetEvent;

typedef struct {
  GBytes        *payload;
  DxMessageKind  kind;
} OutMessage;

typedef struct {
  gatomicrefcount          ref_count;
  GWeakRef                 owner;        /* DxConnection, main thread */
  GMainContext            *main_context;

  GMutex                   lock;
  GArray                  *inbox;        /* NetEvent */
  gboolean                 drain_pending;
  GQueue                   outbox;       /* OutMessage */
  guint64                  queued_bytes;
  gboolean                 pump_pending;
  guint64                  max_in_flight;
  guint64                  peak_in_flight;

  /* main thread */
  gint64                   next_drain_us;

  /* network thread */
  GUri                    *uri;
  GPtrArray               *header_names;
  GPtrArray               *header_values;
  GStrv                    protocols;
  char                    *origin;
  char                    *user_agent;   /* the tester's own, or NULL */
  guint64                  max_incoming;
  guint                    connect_timeout;
  guint                    keepalive_interval;
  gboolean                 accept_invalid;
  GTlsDatabase            *trust;
  GCancellable            *cancellable;
  GSource                 *timeout_source;
  gboolean                 timed_out;
  SoupMessage             *message;
  SoupWebsocketConnection *ws;
  GSource                 *writable_source;
  guint64                  in_flight;
  gboolean                 close_requested;
  guint                    close_code_sent;
  char                    *close_reason_sent;
} NetLink;

struct _DxConnection
{
  GObject            parent_instance;

  DxSession         *session;
  NetLink           *link;
  DxConnectionState  state;
  char              *protocol;
  guint              close_code;
  char              *close_reason;
  gboolean           closed_by_peer;
  guint              http_status;
  char              *http_reason;
  char              *error_message;
  guint64            max_bytes_in_flight;
  GListModel        *variables;

  GSource           *reconnect_source;
  guint              reconnect_attempt;   /* of the current run of attempts */
  gboolean           reconnecting;
  gboolean           stopped_by_user;
  gint64             opened_at_us;
};

G_DEFINE_FINAL_TYPE (DxConnection, dx_connection, G_TYPE_OBJECT)
G_DEFINE_QUARK (dx-connection-error-quark, dx_connection_error)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_STATE,
  PROP_PROTOCOL,
  PROP_CLOSE_CODE,
  PROP_CLOSE_REASON,
  PROP_ERROR_MESSAGE,
  PROP_VARIABLES,
  PROP_RECONNECTING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GType
dx_connection_state_get_type (void)
{
  static gsize type;
  static const GEnumValue values[] = {
    { DX_CONNECTION_STATE_DISCONNECTED, "DX_CONNECTION_STATE_DISCONNECTED", "disconnected" },
    { DX_CONNECTION_STATE_CONNECTING, "DX_CONNECTION_STATE_CONNECTING", "connecting" },
    { DX_CONNECTION_STATE_OPEN, "DX_CONNECTION_STATE_OPEN", "open" },
    { DX_CONNECTION_STATE_CLOSING, "DX_CONNECTION_STATE_CLOSING", "closing" },
    { DX_CONNECTION_STATE_CLOSED, "DX_CONNECTION_STATE_CLOSED", "closed" },
    { 0, NULL, NULL },
  };

  if (g_once_init_enter (&type))
    g_once_init_leave (&type, g_enum_register_static ("DxConnectionState", values));
  return type;
}

/* ---- the link, shared by both threads ---------------------------------- */

static void
net_event_clear (NetEvent *event)
{
  g_clear_pointer (&event->record.payload, g_bytes_unref);
  g_clear_pointer (&event->text, g_free);
  g_clear_pointer (&event->detail, g_free);
}

static void
out_message_free (OutMessage *out)
{
  g_bytes_unref (out->payload);
  g_free (out);
}

static NetLink *
net_link_ref (NetLink *link)
{
  g_atomic_ref_count_inc (&link->ref_count);
  return link;
}

static void
net_link_unref (NetLink *link)
{
  if (!g_atomic_ref_count_dec (&link->ref_count))
    return;

  g_assert (link->ws == NULL);

  g_weak_ref_clear (&link->owner);
  g_clear_pointer (&link->main_context, g_main_context_unref);
  g_clear_pointer (&link->inbox, g_array_unref);
  g_queue_clear_full (&link->outbox, (GDestroyNotify) out_message_free);
  g_mutex_clear (&link->lock);
  g_clear_pointer (&link->uri, g_uri_unref);
  g_clear_pointer (&link->header_names, g_ptr_array_unref);
  g_clear_pointer (&link->header_values, g_ptr_array_unref);
  g_clear_pointer (&link->protocols, g_strfreev);
  g_clear_pointer (&link->origin, g_free);
  g_clear_pointer (&link->user_agent, g_free);
  g_clear_object (&link->trust);
  g_clear_object (&link->cancellable);
  g_clear_object (&link->message);
  g_clear_pointer (&link->close_reason_sent, g_free);
  g_free (link);
}

static NetLink *
net_link_new (DxConnection *owner)
{
  NetLink *link = g_new0 (NetLink, 1);

  g_atomic_ref_count_init (&link->ref_count);
  g_weak_ref_init (&link->owner, owner);
  link->main_context = g_main_context_ref_thread_default ();
  g_mutex_init (&link->lock);
  link->inbox = g_array_new (FALSE, FALSE, sizeof (NetEvent));
  g_array_set_clear_func (link->inbox, (GDestroyNotify) net_event_clear);
  g_queue_init (&link->outbox);
  link->max_in_flight = owner->max_bytes_in_flight;
  link->cancellable = g_cancellable_new ();
  link->header_names = g_ptr_array_new_with_free_func (g_free);
  link->header_values = g_ptr_array_new_with_free_func (g_free);

  return link;
}

static gboolean drain_cb (gpointer data);

static void
schedule_drain (NetLink *link,
                guint    delay_ms)
{
  GSource *source = delay_ms ? g_timeout_source_new (delay_ms) : g_idle_source_new ();

  g_source_set_priority (source, DRAIN_PRIORITY);
  g_source_set_callback (source, drain_cb, net_link_ref (link), (GDestroyNotify) net_link_unref);
  g_source_set_static_name (source, "[duplex] history drain");
  g_source_attach (source, link->main_context);
  g_source_unref (source);
}

/* network thread: hand an event to the main thread, in order */
static void
post (NetLink  *link,
      NetEvent *event)
{
  gboolean schedule;

  g_mutex_lock (&link->lock);
  g_array_append_vals (link->inbox, event, 1);
  schedule = !link->drain_pending;
  link->drain_pending = TRUE;
  g_mutex_unlock (&link->lock);

  if (schedule)
    schedule_drain (link, 0);
}

static void
post_simple (NetLink     *link,
             EventType    type,
             guint        code,
             gboolean     by_peer,
             const char  *text,
             const char  *detail)
{
  NetEvent event = { 0, };

  event.type = type;
  event.code = code;
  event.by_peer = by_peer;
  event.text = g_strdup (text);
  event.detail = g_strdup (detail);
  post (link, &event);
}

/* ---- network thread ---------------------------------------------------- */

static void net_pump (NetLink *link);

static gboolean
writable_cb (GObject  *stream,
             gpointer  data)
{
  NetLink *link = data;

  /* See the top of the file: libsoup's queue is empty now. */
  g_clear_pointer (&link->writable_source, g_source_unref);
  link->in_flight = 0;
  net_pump (link);

  return G_SOURCE_REMOVE;
}

static void
net_pump (NetLink *link)
{
  if (link->ws == NULL ||
      soup_websocket_connection_get_state (link->ws) != SOUP_WEBSOCKET_STATE_OPEN)
    return;

  for (;;)
    {
      OutMessage *out;

      g_mutex_lock (&link->lock);
      out = g_queue_peek_head (&link->outbox);
      if (out != NULL && link->in_flight > 0 &&
          link->in_flight + g_bytes_get_size (out->payload) > link->max_in_flight)
        out = NULL;
      if (out != NULL)
        {
          g_queue_pop_head (&link->outbox);
          link->queued_bytes -= g_bytes_get_size (out->payload);
          link->in_flight += g_bytes_get_size (out->payload);
          link->peak_in_flight = MAX (link->peak_in_flight, link->in_flight);
        }
      else
        link->pump_pending = FALSE;
      g_mutex_unlock (&link->lock);

      if (out == NULL)
        break;

      soup_websocket_connection_send_message (link->ws,
                                              out->kind == DX_MESSAGE_KIND_BINARY
                                                ? SOUP_WEBSOCKET_DATA_BINARY
                                                : SOUP_WEBSOCKET_DATA_TEXT,
                                              out->payload);
      out_message_free (out);
    }

  if (link->in_flight > 0 && link->writable_source == NULL)
    {
      GIOStream *io = soup_websocket_connection_get_io_stream (link->ws);
      GPollableOutputStream *output = G_POLLABLE_OUTPUT_STREAM (g_io_stream_get_output_stream (io));

      link->writable_source = g_pollable_output_stream_create_source (output, NULL);
      g_source_set_priority (link->writable_source, G_PRIORITY_LOW);
      g_source_set_callback (link->writable_source, G_SOURCE_FUNC (writable_cb), link, NULL);
      g_source_set_static_name (link->writable_source, "[duplex] send window");
      g_source_attach (link->writable_source, g_main_context_get_thread_default ());
    }
}

static gboolean
net_pump_cb (gpointer data)
{
  net_pump (data);
  return G_SOURCE_REMOVE;
}

static void
ws_message_cb (SoupWebsocketConnection *ws,
               int                      type,
               GBytes                  *payload,
               NetLink                 *link)
{
  NetEvent event = { 0, };

  event.type = EVENT_MESSAGE;
  event.record.payload = g_bytes_ref (payload);
  event.record.wall_time_us = g_get_real_time ();
  event.record.monotonic_time_us = g_get_monotonic_time ();
  event.record.direction = DX_DIRECTION_RECEIVED;
  event.record.kind = type == SOUP_WEBSOCKET_DATA_BINARY ? DX_MESSAGE_KIND_BINARY : DX_MESSAGE_KIND_TEXT;
  post (link, &event);
}

static void
ws_error_cb (SoupWebsocketConnection *ws,
             GError                  *error,
             NetLink                 *link)
{
  g_autofree char *text = NULL;

  if (g_error_matches (error, SOUP_WEBSOCKET_ERROR, SOUP_WEBSOCKET_CLOSE_TOO_BIG))
    {
      g_autofree char *limit = g_format_size_full (link->max_incoming, G_FORMAT_SIZE_IEC_UNITS);

      /* libsoup answers with close 1009 itself */
      link->close_requested = TRUE;
      link->close_code_sent = SOUP_WEBSOCKET_CLOSE_TOO_BIG;
      text = g_strdup_printf (_("The server sent a message larger than the %s limit, so the "
                                "connection was closed with 1009 Message too big. Raise "
                                "“Maximum incoming message size” to receive it."),
                              limit);
    }
  else
    text = g_strdup (error->message);

  post_simple (link, EVENT_ERROR, 0, FALSE, text, NULL);
}

static void
ws_closing_cb (SoupWebsocketConnection *ws,
               NetLink                 *link)
{
  gboolean by_peer = !link->close_requested;

  if (by_peer)
    post_simple (link, EVENT_CLOSING, soup_websocket_connection_get_close_code (ws), TRUE,
                 NULL, soup_websocket_connection_get_close_data (ws));
}

static void
net_link_drop_socket (NetLink *link)
{
  if (link->writable_source)
    {
      g_source_destroy (link->writable_source);
      g_clear_pointer (&link->writable_source, g_source_unref);
    }

  if (link->ws)
    {
      g_signal_handlers_disconnect_by_data (link->ws, link);
      g_clear_object (&link->ws);
      net_link_unref (link);     /* the socket's reference, see connect_done_cb */
    }
}

static void
ws_closed_cb (SoupWebsocketConnection *ws,
              NetLink                 *link)
{
  guint received_code = soup_websocket_connection_get_close_code (ws);
  const char *received_reason = soup_websocket_connection_get_close_data (ws);
  g_autofree char *dropped_text = NULL;
  guint dropped;

  g_mutex_lock (&link->lock);
  dropped = g_queue_get_length (&link->outbox);
  g_queue_clear_full (&link->outbox, (GDestroyNotify) out_message_free);
  link->queued_bytes = 0;
  g_mutex_unlock (&link->lock);

  dropped_text = dropped ? g_strdup_printf ("%u", dropped) : NULL;
  if (link->close_requested)
    post_simple (link, EVENT_CLOSED, link->close_code_sent, FALSE,
                 dropped_text, link->close_reason_sent);
  else
    post_simple (link, EVENT_CLOSED, received_code, TRUE, dropped_text, received_reason);

  net_link_drop_socket (link);
}

static const char *
describe_tls_errors (GTlsCertificateFlags flags)
{
  if (flags & G_TLS_CERTIFICATE_UNKNOWN_CA)
    return _("it is not signed by a certificate authority this session trusts");
  if (flags & G_TLS_CERTIFICATE_BAD_IDENTITY)
    return _("it was issued for another host name");
  if (flags & G_TLS_CERTIFICATE_EXPIRED)
    return _("it has expired");
  if (flags & G_TLS_CERTIFICATE_NOT_ACTIVATED)
    return _("it is not valid yet");
  if (flags & G_TLS_CERTIFICATE_REVOKED)
    return _("it has been revoked");
  return _("it is not valid");
}

static gboolean
accept_certificate_cb (SoupMessage          *message,
                       GTlsCertificate      *certificate,
                       GTlsCertificateFlags  errors,
                       NetLink              *link)
{
  GTlsCertificateFlags flags;
  g_autoptr(GSocketConnectable) identity = NULL;

  /* The tester turned verification off for this session; the event row
   * made at connect says so. */
  if (link->accept_invalid)
    return TRUE;

  if (link->trust == NULL)
    return FALSE;

  /* Trust the session's own CA file, and nothing beyond it. */
  identity = g_network_address_new (g_uri_get_host (link->uri), g_uri_get_port (link->uri));
  flags = g_tls_database_verify_chain (link->trust, certificate,
                                       G_TLS_DATABASE_PURPOSE_AUTHENTICATE_SERVER,
                                       identity, NULL, G_TLS_DATABASE_VERIFY_NONE,
                                       NULL, NULL);
  return flags == 0;
}

static void
connect_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  NetLink *link = data;
  g_autoptr(GError) error = NULL;
  SoupWebsocketConnection *ws;

  if (link->timeout_source)
    {
      g_source_destroy (link->timeout_source);
      g_clear_pointer (&link->timeout_source, g_source_unref);
    }

  ws = soup_session_websocket_connect_finish (SOUP_SESSION (source), result, &error);
  if (ws == NULL)
    {
      guint status = soup_message_get_status (link->message);
      GTlsCertificateFlags tls_errors = soup_message_get_tls_peer_certificate_errors (link->message);

      if (link->timed_out && !link->close_requested)
        {
          g_autofree char *text =
            g_strdup_printf (_("No answer from the server within %u s: check that it is running "
                               "and that the host and port are right, or raise “Connect timeout”"),
                             link->connect_timeout);
          post_simple (link, EVENT_FAILED, 0, FALSE, text, NULL);
        }
      else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        post_simple (link, EVENT_CANCELLED, 0, FALSE, NULL, NULL);
      else if (status >= 100 && status != SOUP_STATUS_SWITCHING_PROTOCOLS)
        {
          g_autofree char *text =
            g_strdup_printf (_("Handshake failed: the server answered %u %s instead of switching to WebSocket"),
                             status, soup_message_get_reason_phrase (link->message));

          /* The usual reason for a 400 from a WebSocket server */
          if (status == SOUP_STATUS_BAD_REQUEST && link->protocols && link->protocols[0])
            {
              g_autofree char *offered = g_strjoinv (", ", link->protocols);
              g_autofree char *hint = g_strdup_printf (_("%s. Does it accept the subprotocols offered (%s)?"),
                                                       text, offered);
              g_free (text);
              text = g_steal_pointer (&hint);
            }
          NetEvent event = { 0, };

          event.type = EVENT_FAILED;
          event.code = status;
          event.text = g_steal_pointer (&text);
          event.detail = g_strdup (soup_message_get_reason_phrase (link->message));
          post (link, &event);
        }
      else if (tls_errors != 0)
        {
          g_autofree char *text =
            g_strdup_printf (_("The server’s TLS certificate was refused: %s. Trust its CA for this session, "
                               "or check the host name."),
                             describe_tls_errors (tls_errors));
          post_simple (link, EVENT_FAILED, 0, FALSE, text, NULL);
        }
      else
        {
          /* GIO already says "Could not connect to HOST: REASON" */
          post_simple (link, EVENT_FAILED, 0, FALSE, error->message, NULL);
        }

      net_link_unref (link);
      return;
    }

  /* The socket keeps the link alive until it is closed. */
  link->ws = ws;
  soup_websocket_connection_set_max_incoming_payload_size (ws, link->max_incoming);
  soup_websocket_connection_set_keepalive_interval (ws, link->keepalive_interval);
  g_signal_connect (ws, "message", G_CALLBACK (ws_message_cb), link);
  g_signal_connect (ws, "error", G_CALLBACK (ws_error_cb), link);
  g_signal_connect (ws, "closing", G_CALLBACK (ws_closing_cb), link);
  g_signal_connect (ws, "closed", G_CALLBACK (ws_closed_cb), link);

  post_simple (link, EVENT_OPENED, soup_message_get_status (link->message), FALSE,
               soup_websocket_connection_get_protocol (ws), NULL);

  if (link->close_requested)
    soup_websocket_connection_close (ws, link->close_code_sent, link->close_reason_sent);
  else
    net_pump (link);
}

/* SoupSession writes its own User-Agent just before "starting": put the
 * tester's back. */
static void
restore_user_agent_cb (SoupMessage *message,
                       gpointer     data)
{
  soup_message_headers_replace (soup_message_get_request_headers (message), "User-Agent",
                                g_object_get_data (G_OBJECT (message), "dx-user-agent"));
}

static gboolean
connect_timeout_cb (gpointer data)
{
  NetLink *link = data;

  /* connect_done_cb destroys this source, so the link is still alive */
  g_clear_pointer (&link->timeout_source, g_source_unref);
  link->timed_out = TRUE;
  g_cancellable_cancel (link->cancellable);

  return G_SOURCE_REMOVE;
}

static gboolean
net_connect_cb (gpointer data)
{
  NetLink *link = data;
  SoupMessageHeaders *headers;

  link->message = soup_message_new_from_uri (SOUP_METHOD_GET, link->uri);
  headers = soup_message_get_request_headers (link->message);
  for (guint i = 0; i < link->header_names->len; i++)
    soup_message_headers_append (headers,
                                 g_ptr_array_index (link->header_names, i),
                                 g_ptr_array_index (link->header_values, i));
  g_signal_connect (link->message, "accept-certificate", G_CALLBACK (accept_certificate_cb), link);
  if (link->user_agent)
    {
      g_object_set_data_full (G_OBJECT (link->message), "dx-user-agent",
                              g_strdup (link->user_agent), g_free);
      g_signal_connect (link->message, "starting", G_CALLBACK (restore_user_agent_cb), NULL);
    }

  if (link->connect_timeout > 0)
    {
      link->timeout_source = g_timeout_source_new (link->connect_timeout * 1000);
      g_source_set_callback (link->timeout_source, connect_timeout_cb, link, NULL);
      g_source_set_static_name (link->timeout_source, "[duplex] connect timeout");
      g_source_attach (link->timeout_source, g_main_context_get_thread_default ());
    }

  soup_session_websocket_connect_async (dx_net_thread_get_session (),
                                        link->message,
                                        link->origin,
                                        link->protocols && link->protocols[0] ? link->protocols : NULL,
                                        G_PRIORITY_DEFAULT,
                                        link->cancellable,
                                        connect_done_cb,
                                        net_link_ref (link));
  return G_SOURCE_REMOVE;
}

typedef struct {
  NetLink *link;
  guint    code;
  char    *reason;
} CloseRequest;

static void
close_request_free (CloseRequest *request)
{
  net_link_unref (request->link);
  g_free (request->reason);
  g_free (request);
}

static gboolean
net_close_cb (gpointer data)
{
  CloseRequest *request = data;
  NetLink *link = request->link;

  if (link->close_requested)
    return G_SOURCE_REMOVE;

  link->close_requested = TRUE;
  link->close_code_sent = request->code;
  dx_set_str (&link->close_reason_sent, request->reason);

  if (link->ws == NULL)
    g_cancellable_cancel (link->cancellable);
  else if (soup_websocket_connection_get_state (link->ws) == SOUP_WEBSOCKET_STATE_OPEN)
    soup_websocket_connection_close (link->ws, request->code, request->reason);

  return G_SOURCE_REMOVE;
}

/* ---- main thread ------------------------------------------------------- */

static void
set_state (DxConnection      *self,
           DxConnectionState  state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
set_error_message (DxConnection *self,
                   const char   *message)
{
  if (dx_set_str (&self->error_message, message))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR_MESSAGE]);
}

static void
add_event (DxConnection  *self,
           DxMessageKind  kind,
           const char    *text)
{
  g_autoptr(DxMessage) message = dx_message_new_event (kind, text);

  dx_history_append (dx_session_get_history (self->session), message);
}

static void
set_close (DxConnection *self,
           guint         code,
           const char   *reason,
           gboolean      by_peer)
{
  self->close_code = code;
  dx_set_str (&self->close_reason, reason);
  self->closed_by_peer = by_peer;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLOSE_CODE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLOSE_REASON]);
}

static gboolean start_connecting (DxConnection  *self,
                                  GError       **error);

static void
set_reconnecting (DxConnection *self,
                  gboolean      reconnecting)
{
  if (self->reconnecting == reconnecting)
    return;
  self->reconnecting = reconnecting;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECONNECTING]);
}

static void
cancel_reconnect (DxConnection *self)
{
  if (self->reconnect_source == NULL)
    return;
  g_source_destroy (self->reconnect_source);
  g_clear_pointer (&self->reconnect_source, g_source_unref);
}

static gboolean
reconnect_cb (gpointer data)
{
  DxConnection *self = data;
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->reconnect_source, g_source_unref);

  /* What cannot even be tried (a variable removed meanwhile, say) will
   * not get better by trying again. */
  if (!start_connecting (self, &error))
    {
      set_error_message (self, error->message);
      add_event (self, DX_MESSAGE_KIND_ERROR, error->message);
      self->reconnect_attempt = 0;
      set_reconnecting (self, FALSE);
    }

  return G_SOURCE_REMOVE;
}

/* After a close or failure the tester did not ask for */
static void
maybe_reconnect (DxConnection *self)
{
  guint attempts = dx_session_get_reconnect_attempts (self->session);
  guint delay = dx_session_get_reconnect_delay (self->session);
  g_autofree char *text = NULL;
  g_autoptr(GMainContext) context = NULL;

  if (self->stopped_by_user || attempts == 0)
    {
      set_reconnecting (self, FALSE);
      return;
    }

  if (self->opened_at_us != 0 &&
      g_get_monotonic_time () - self->opened_at_us >= RECONNECT_STABLE_S * G_USEC_PER_SEC)
    self->reconnect_attempt = 0;
  self->opened_at_us = 0;

  if (self->reconnect_attempt >= attempts)
    {
      text = g_strdup_printf (ngettext ("Gave up reconnecting after %u attempt",
                                        "Gave up reconnecting after %u attempts", attempts),
                              attempts);
      add_event (self, DX_MESSAGE_KIND_ERROR, text);
      self->reconnect_attempt = 0;
      set_reconnecting (self, FALSE);
      return;
    }

  self->reconnect_attempt++;
  text = g_strdup_printf (_("Reconnecting in %u s (attempt %u of %u)"),
                          delay, self->reconnect_attempt, attempts);
  add_event (self, DX_MESSAGE_KIND_STATE, text);

  cancel_reconnect (self);
  context = g_main_context_ref_thread_default ();
  self->reconnect_source = g_timeout_source_new (delay * 1000);
  g_source_set_callback (self->reconnect_source, reconnect_cb, self, NULL);
  g_source_set_static_name (self->reconnect_source, "[duplex] reconnect");
  g_source_attach (self->reconnect_source, context);
  set_reconnecting (self, TRUE);
}

static void
apply_event (DxConnection *self,
             NetEvent     *event)
{
  switch (event->type)
    {
    case EVENT_MESSAGE:
      g_assert_not_reached ();
      break;

    case EVENT_OPENED:
      {
        g_autofree char *text = NULL;

        self->http_status = event->code;
        dx_set_str (&self->protocol, event->text);
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROTOCOL]);
        if (event->text)
          text = g_strdup_printf (_("Connected, subprotocol “%s”"), event->text);
        else
          text = g_strdup (_("Connected"));
        add_event (self, DX_MESSAGE_KIND_OPEN, text);
        self->opened_at_us = g_get_monotonic_time ();
        set_reconnecting (self, FALSE);
        if (self->state == DX_CONNECTION_STATE_CONNECTING)
          set_state (self, DX_CONNECTION_STATE_OPEN);
      }
      break;

    case EVENT_FAILED:
      self->http_status = event->code;
      dx_set_str (&self->http_reason, event->detail);
      set_error_message (self, event->text);
      add_event (self, DX_MESSAGE_KIND_ERROR, event->text);
      /* Planned first, so that whoever watches the state sees it */
      maybe_reconnect (self);
      set_state (self, DX_CONNECTION_STATE_CLOSED);
      break;

    case EVENT_CANCELLED:
      add_event (self, DX_MESSAGE_KIND_STATE, _("Connection attempt stopped"));
      set_reconnecting (self, FALSE);
      set_state (self, DX_CONNECTION_STATE_CLOSED);
      break;

    case EVENT_ERROR:
      set_error_message (self, event->text);
      add_event (self, DX_MESSAGE_KIND_ERROR, event->text);
      break;

    case EVENT_CLOSING:
      {
        g_autofree char *described = dx_close_code_describe (event->code, event->detail);
        g_autofree char *text = g_strdup_printf (_("Server sent close %s"), described);

        set_close (self, event->code, event->detail, TRUE);
        add_event (self, DX_MESSAGE_KIND_STATE, text);
        set_state (self, DX_CONNECTION_STATE_CLOSING);
      }
      break;

    case EVENT_CLOSED:
      {
        g_autoptr(GString) text = g_string_new (NULL);

        set_close (self, event->code, event->detail, event->by_peer);
        if (event->code == 0 || event->code == SOUP_WEBSOCKET_CLOSE_NO_STATUS)
          g_string_append (text, event->by_peer
                                   ? _("Closed by the server without a close code")
                                   : _("Closed"));
        else
          {
            g_autofree char *described = dx_close_code_describe (event->code, event->detail);

            g_string_append_printf (text, event->by_peer ? _("Closed by the server: %s")
                                                         : _("Closed by you: %s"),
                                    described);
          }
        if (event->text)
          g_string_append_printf (text, _(" (%s queued messages were not sent)"), event->text);
        add_event (self, DX_MESSAGE_KIND_CLOSE, text->str);
        if (event->by_peer)
          maybe_reconnect (self);
        set_state (self, DX_CONNECTION_STATE_CLOSED);
      }
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
flush_records (DxConnection *self,
               GArray       *records)
{
  dx_history_append_batch (dx_session_get_history (self->session),
                           (DxRecord *) (gpointer) records->data, records->len);
  g_array_set_size (records, 0);
}

static gboolean
drain_cb (gpointer data)
{
  NetLink *link = data;
  g_autoptr(DxConnection) self = NULL;
  g_autoptr(GArray) events = NULL;
  g_autoptr(GArray) records = NULL;
  gint64 now = g_get_monotonic_time ();

  if (now < link->next_drain_us)
    {
      schedule_drain (link, (link->next_drain_us - now + 999) / 1000);
      return G_SOURCE_REMOVE;
    }
  link->next_drain_us = now + DRAIN_INTERVAL_US;

  g_mutex_lock (&link->lock);
  events = g_steal_pointer (&link->inbox);
  link->inbox = g_array_new (FALSE, FALSE, sizeof (NetEvent));
  g_array_set_clear_func (link->inbox, (GDestroyNotify) net_event_clear);
  link->drain_pending = FALSE;
  g_mutex_unlock (&link->lock);

  self = g_weak_ref_get (&link->owner);
  if (self == NULL || self->link != link)
    return G_SOURCE_REMOVE;

  records = g_array_sized_new (FALSE, FALSE, sizeof (DxRecord), events->len);
  for (guint i = 0; i < events->len; i++)
    {
      NetEvent *event = &g_array_index (events, NetEvent, i);

      if (event->type == EVENT_MESSAGE)
        {
          g_array_append_vals (records, &event->record, 1);
          event->record.payload = NULL;   /* taken by the batch */
          continue;
        }

      flush_records (self, records);
      apply_event (self, event);
    }
  flush_records (self, records);

  return G_SOURCE_REMOVE;
}

static void
dx_connection_dispose (GObject *object)
{
  DxConnection *self = DX_CONNECTION (object);

  cancel_reconnect (self);
  if (self->link)
    {
      if (self->state == DX_CONNECTION_STATE_CONNECTING || self->state == DX_CONNECTION_STATE_OPEN)
        dx_connection_close (self, SOUP_WEBSOCKET_CLOSE_GOING_AWAY, NULL);
      g_clear_pointer (&self->link, net_link_unref);
    }
  g_clear_object (&self->session);
  g_clear_object (&self->variables);

  G_OBJECT_CLASS (dx_connection_parent_class)->dispose (object);
}

static void
dx_connection_finalize (GObject *object)
{
  DxConnection *self = DX_CONNECTION (object);

  g_clear_pointer (&self->protocol, g_free);
  g_clear_pointer (&self->close_reason, g_free);
  g_clear_pointer (&self->http_reason, g_free);
  g_clear_pointer (&self->error_message, g_free);

  G_OBJECT_CLASS (dx_connection_parent_class)->finalize (object);
}

static void
dx_connection_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  DxConnection *self = DX_CONNECTION (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_PROTOCOL:
      g_value_set_string (value, self->protocol);
      break;
    case PROP_CLOSE_CODE:
      g_value_set_uint (value, self->close_code);
      break;
    case PROP_CLOSE_REASON:
      g_value_set_string (value, self->close_reason);
      break;
    case PROP_ERROR_MESSAGE:
      g_value_set_string (value, self->error_message);
      break;
    case PROP_VARIABLES:
      g_value_set_object (value, self->variables);
      break;
    case PROP_RECONNECTING:
      g_value_set_boolean (value, self->reconnecting);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dx_connection_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  DxConnection *self = DX_CONNECTION (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;
    case PROP_VARIABLES:
      dx_connection_set_variables (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dx_connection_class_init (DxConnectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dx_connection_dispose;
  object_class->finalize = dx_connection_finalize;
  object_class->get_property = dx_connection_get_property;
  object_class->set_property = dx_connection_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, DX_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, DX_TYPE_CONNECTION_STATE,
                       DX_CONNECTION_STATE_DISCONNECTED,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROTOCOL] =
    g_param_spec_string ("protocol", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CLOSE_CODE] =
    g_param_spec_uint ("close-code", NULL, NULL, 0, G_MAXUINT16, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CLOSE_REASON] =
    g_param_spec_string ("close-reason", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ERROR_MESSAGE] =
    g_param_spec_string ("error-message", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VARIABLES] =
    g_param_spec_object ("variables", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * DxConnection:reconnecting:
   *
   * Whether an automatic reconnect is under way: waiting for the next
   * attempt, or making it. It ends when a connection opens, the tester
   * closes, or the attempts run out.
   */
  properties[PROP_RECONNECTING] =
    g_param_spec_boolean ("reconnecting", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dx_connection_init (DxConnection *self)
{
  self->max_bytes_in_flight = DX_DEFAULT_MAX_BYTES_IN_FLIGHT;
}

DxConnection *
dx_connection_new (DxSession *session)
{
  g_return_val_if_fail (DX_IS_SESSION (session), NULL);

  return g_object_new (DX_TYPE_CONNECTION, "session", session, NULL);
}

/**
 * dx_connection_get_session:
 *
 * Returns: (transfer none): the session this connection belongs to
 */
DxSession *
dx_connection_get_session (DxConnection *self)
{
  g_return_val_if_fail (DX_IS_CONNECTION (self), NULL);
  return self->session;
}

DxConnectionState
dx_connection_get_state (DxConnection *self)
{
  g_return_val_if_fail (DX_IS_CONNECTION (self), DX_CONNECTION_STATE_DISCONNECTED);
  return self->state;
}

const char *
dx_connection_get_protocol (DxConnection *self)
{
  g_return_val_if_fail (DX_IS_CONNECTION (self), NULL);
  return self->protocol;
}

guint
dx_connection_get_close_code (DxConnection *self)
{
  g_return_val_if_fail (DX_IS_CONNECTION (self), 0);
  return self->close_code;
}

const char *
dx_connection_get_close_reason (DxConnection *self)
{
  g_return_val_if_fail (DX_IS_CONNECTION (self), NULL);
  return self->close_reason;
}

/**
 * dx_connection_get_closed_by_peer:
 *
 * Returns: %TRUE when the server sent the close code first, %FALSE when
 *   this side did (including 1009 for an oversized message)
 */
gboolean
dx_connection_get_closed_by_peer (DxConnection *self)
{
  g_return_val_if_fail (DX_IS_CONNECTION (self), FALSE);
  return self->closed_by_peer;
}

guint
dx_connection_get_http_status (DxConnection *self)
{
  g_return_val_if_fail (DX_IS_CONNECTION (self), 0);
  return self->http_status;
}

const char *
dx_connection_get_http_reason (DxConnection *self)
{
  g_return_val_if_fail (DX_IS_CONNECTION (self), NULL);
  return self->http_reason;
}

const char *
dx_connection_get_error_message (DxConnection *self)
{
  g_return_val_if_fail (DX_IS_CONNECTION (self), NULL);
  return self->error_message;
}

const char *
dx_connection_state_to_string (DxConnectionState state)
{
  switch (state)
    {
    case DX_CONNECTION_STATE_DISCONNECTED: return _("Disconnected");
    case DX_CONNECTION_STATE_CONNECTING: return _("Connecting");
    case DX_CONNECTION_STATE_OPEN: return _("Open");
    case DX_CONNECTION_STATE_CLOSING: return _("Closing");
    case DX_CONNECTION_STATE_CLOSED: return _("Closed");
    default: g_assert_not_reached ();
    }
}

/**
 * dx_connection_dup_status_text:
 *
 * Returns: the state as a tester reads it: "Open · subprotocol chat",
 *   "Closed · 1000 Normal closure (by you)", "Closed · 404 Not Found"
 */
char *
dx_connection_dup_status_text (DxConnection *self)
{
  const char *state;

  g_return_val_if_fail (DX_IS_CONNECTION (self), NULL);

  state = dx_connection_state_to_string (self->state);

  if (self->reconnect_source != NULL)
    return g_strdup_printf (_("%s · reconnecting, attempt %u of %u"), state,
                            self->reconnect_attempt,
                            dx_session_get_reconnect_attempts (self->session));

  if (self->state == DX_CONNECTION_STATE_OPEN && self->protocol)
    return g_strdup_printf (_("%s · subprotocol %s"), state, self->protocol);

  if (self->state == DX_CONNECTION_STATE_CLOSING || self->state == DX_CONNECTION_STATE_CLOSED)
    {
      if (self->close_code != 0)
        {
          g_autofree char *described = dx_close_code_describe (self->close_code, self->close_reason);

          return g_strdup_printf (self->closed_by_peer ? _("%s · %s (by the server)")
                                                       : _("%s · %s (by you)"),
                                  state, described);
        }
      if (self->http_status >= 100 && self->http_status != SOUP_STATUS_SWITCHING_PROTOCOLS)
        return g_strdup_printf (_("%s · handshake failed: %u %s"), state,
                                self->http_status, self->http_reason ? self->http_reason : "");
      if (self->error_message && self->state == DX_CONNECTION_STATE_CLOSED)
        return g_strdup_printf (_("%s · failed"), state);
    }

  return g_strdup (state);
}

static gboolean
is_token (const char *name)
{
  if (name[0] == '\0')
    return FALSE;
  for (const char *p = name; *p; p++)
    if (!g_ascii_isalnum (*p) && !strchr ("!#$%&'*+-.^_`|~", *p))
      return FALSE;
  return TRUE;
}

/* Returns: @text with its variables expanded, or %NULL with @error */
static char *
expand (DxConnection  *self,
        const char    *text,
        GError       **error)
{
  return dx_variables_expand (self->variables, text, error);
}

/* Makes a connection attempt from the session as it is now: the tester's
 * connect, or an automatic reconnect. */
static gboolean
start_connecting (DxConnection  *self,
                  GError       **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GTlsDatabase) trust = NULL;
  g_autoptr(GStrvBuilder) protocols = g_strv_builder_new ();
  g_autofree char *origin = NULL;
  g_autofree char *uri_text = NULL;
  g_autofree char *text = NULL;
  const char * const *offered;
  NetLink *link;
  GListModel *headers;
  guint n;

  uri = dx_session_expand_uri (self->session, self->variables, error);
  if (uri == NULL)
    return FALSE;

  if (dx_session_get_ca_file (self->session))
    {
      g_autoptr(GError) local_error = NULL;

      trust = g_tls_file_database_new (dx_session_get_ca_file (self->session), &local_error);
      if (trust == NULL)
        {
          g_set_error (error, DX_CONNECTION_ERROR, DX_CONNECTION_ERROR_BAD_CA_FILE,
                       _("Could not read the CA file “%s”: %s"),
                       dx_session_get_ca_file (self->session), local_error->message);
          return FALSE;
        }
    }

  offered = dx_session_get_subprotocols (self->session);
  for (guint i = 0; offered[i]; i++)
    {
      g_autofree char *protocol = expand (self, offered[i], error);

      if (protocol == NULL)
        return FALSE;
      g_strstrip (protocol);
      if (protocol[0] != '\0')
        g_strv_builder_add (protocols, protocol);
    }

  if (dx_session_get_origin (self->session) && dx_session_get_origin (self->session)[0])
    {
      origin = expand (self, dx_session_get_origin (self->session), error);
      if (origin == NULL)
        return FALSE;
    }

  link = net_link_new (self);
  link->uri = g_uri_ref (uri);
  link->protocols = g_strv_builder_end (protocols);
  link->origin = origin && origin[0] ? g_steal_pointer (&origin) : NULL;
  link->max_incoming = dx_session_get_max_incoming_size (self->session);
  link->connect_timeout = dx_session_get_connect_timeout (self->session);
  link->keepalive_interval = dx_session_get_keepalive_interval (self->session);
  link->accept_invalid = dx_session_get_accept_invalid_certificates (self->session);
  link->trust = g_steal_pointer (&trust);

  headers = G_LIST_MODEL (dx_session_get_headers (self->session));
  n = g_list_model_get_n_items (headers);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DxField) field = g_list_model_get_item (headers, i);
      g_autofree char *name = NULL;
      g_autofree char *value = NULL;

      if (!dx_field_is_active (field))
        continue;

      name = expand (self, dx_field_get_key (field), error);
      value = name ? expand (self, dx_field_get_value (field), error) : NULL;
      if (value == NULL)
        {
          net_link_unref (link);
          return FALSE;
        }
      if (!is_token (name) || strpbrk (value, "\r\n"))
        {
          g_set_error (error, DX_CONNECTION_ERROR, DX_CONNECTION_ERROR_BAD_HEADER,
                       _("The header “%s” cannot be sent: a header name has no spaces and no "
                         "characters such as : ( ) , / ; = \" and a value is one line"),
                       name);
          net_link_unref (link);
          return FALSE;
        }
      if (g_ascii_strcasecmp (name, "User-Agent") == 0)
        dx_set_str (&link->user_agent, value);
      else
        {
          g_ptr_array_add (link->header_names, g_steal_pointer (&name));
          g_ptr_array_add (link->header_values, g_steal_pointer (&value));
        }
    }

  g_clear_pointer (&self->link, net_link_unref);
  self->link = link;

  self->http_status = 0;
  g_clear_pointer (&self->http_reason, g_free);
  set_error_message (self, NULL);
  set_close (self, 0, NULL, FALSE);
  dx_set_str (&self->protocol, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROTOCOL]);

  uri_text = g_uri_to_string (uri);
  text = g_strdup_printf (_("Connecting to %s"), uri_text);
  add_event (self, DX_MESSAGE_KIND_STATE, text);
  if (link->accept_invalid && g_ascii_strcasecmp (g_uri_get_scheme (uri), "wss") == 0)
    add_event (self, DX_MESSAGE_KIND_STATE,
               _("Certificate verification is off for this session: any TLS certificate is "
                 "accepted, even one that is forged or expired"));
  set_state (self, DX_CONNECTION_STATE_CONNECTING);

  dx_net_thread_invoke (net_connect_cb, net_link_ref (link), (GDestroyNotify) net_link_unref);

  return TRUE;
}

/**
 * dx_connection_connect:
 *
 * Starts connecting with the session's URL, parameters, headers,
 * subprotocols and options as they are now, with the variables expanded.
 * What happens next shows in #DxConnection:state and in the history. A
 * pending automatic reconnect gives way to this one.
 *
 * Returns: %FALSE, with @error saying what to fix, when the request cannot
 *   even be made (bad URL, bad header, unreadable CA file, a variable that
 *   is not defined: %DX_VARIABLES_ERROR); nothing is sent then
 */
gboolean
dx_connection_connect (DxConnection  *self,
                       GError       **error)
{
  g_return_val_if_fail (DX_IS_CONNECTION (self), FALSE);

  if (self->state == DX_CONNECTION_STATE_CONNECTING ||
      self->state == DX_CONNECTION_STATE_OPEN ||
      self->state == DX_CONNECTION_STATE_CLOSING)
    {
      g_set_error_literal (error, DX_CONNECTION_ERROR, DX_CONNECTION_ERROR_BUSY,
                           _("Already connected: disconnect first"));
      return FALSE;
    }

  cancel_reconnect (self);
  set_reconnecting (self, FALSE);
  self->reconnect_attempt = 0;
  self->stopped_by_user = FALSE;

  return start_connecting (self, error);
}

/**
 * dx_connection_close:
 * @code: the close code to send, 1000 or 3000–4999 usually
 * @reason: (nullable): the close reason to send
 *
 * Closes the connection, or stops a connection attempt; either way no
 * automatic reconnect follows, and one that is pending stops.
 */
void
dx_connection_close (DxConnection *self,
                     guint         code,
                     const char   *reason)
{
  CloseRequest *request;

  g_return_if_fail (DX_IS_CONNECTION (self));

  self->stopped_by_user = TRUE;
  if (self->reconnect_source)
    {
      cancel_reconnect (self);
      add_event (self, DX_MESSAGE_KIND_STATE, _("Stopped reconnecting"));
    }
  self->reconnect_attempt = 0;
  set_reconnecting (self, FALSE);

  if (self->link == NULL ||
      (self->state != DX_CONNECTION_STATE_CONNECTING && self->state != DX_CONNECTION_STATE_OPEN))
    return;

  if (self->state == DX_CONNECTION_STATE_OPEN)
    {
      g_autofree char *described = dx_close_code_describe (code, reason);
      g_autofree char *text = g_strdup_printf (_("Sent close %s"), described);

      set_close (self, code, reason, FALSE);
      add_event (self, DX_MESSAGE_KIND_STATE, text);
      set_state (self, DX_CONNECTION_STATE_CLOSING);
    }

  request = g_new0 (CloseRequest, 1);
  request->link = net_link_ref (self->link);
  request->code = code;
  request->reason = g_strdup (reason);
  dx_net_thread_invoke (net_close_cb, request, (GDestroyNotify) close_request_free);
}

/**
 * dx_connection_disconnect:
 *
 * Closes the connection normally (1000).
 */
void
dx_connection_disconnect (DxConnection *self)
{
  dx_connection_close (self, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
}

static gboolean
check_open (DxConnection  *self,
            GError       **error)
{
  if (self->state != DX_CONNECTION_STATE_OPEN)
    {
      g_set_error_literal (error, DX_CONNECTION_ERROR, DX_CONNECTION_ERROR_NOT_OPEN,
                           _("Not connected: connect first, then send"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
enqueue (DxConnection   *self,
         DxMessageKind   kind,
         GBytes         *payload,
         GError        **error)
{
  g_autoptr(DxMessage) sent = NULL;
  OutMessage *out;
  gboolean schedule;

  if (!check_open (self, error))
    return FALSE;

  sent = dx_message_new_now (DX_DIRECTION_SENT, kind, payload);
  dx_history_append (dx_session_get_history (self->session), sent);

  out = g_new0 (OutMessage, 1);
  out->payload = g_bytes_ref (payload);
  out->kind = kind;

  g_mutex_lock (&self->link->lock);
  g_queue_push_tail (&self->link->outbox, out);
  self->link->queued_bytes += g_bytes_get_size (payload);
  schedule = !self->link->pump_pending;
  self->link->pump_pending = TRUE;
  g_mutex_unlock (&self->link->lock);

  if (schedule)
    dx_net_thread_invoke (net_pump_cb, net_link_ref (self->link), (GDestroyNotify) net_link_unref);

  return TRUE;
}

/**
 * dx_connection_send_text:
 * @text: the message, which may use {{variables}}
 *
 * Sends @text with its variables expanded; the history shows what was
 * sent, expanded.
 *
 * Returns: %FALSE, with @error, when not open or when a variable is not
 *   defined (%DX_VARIABLES_ERROR); nothing is sent then
 */
gboolean
dx_connection_send_text (DxConnection  *self,
                         const char    *text,
                         GError       **error)
{
  g_autoptr(GBytes) payload = NULL;
  char *expanded;

  g_return_val_if_fail (DX_IS_CONNECTION (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  if (!check_open (self, error))
    return FALSE;

  expanded = expand (self, text, error);
  if (expanded == NULL)
    return FALSE;

  payload = g_bytes_new_take (expanded, strlen (expanded));
  return enqueue (self, DX_MESSAGE_KIND_TEXT, payload, error);
}

gboolean
dx_connection_send_binary (DxConnection  *self,
                           GBytes        *payload,
                           GError       **error)
{
  g_return_val_if_fail (DX_IS_CONNECTION (self), FALSE);
  g_return_val_if_fail (payload != NULL, FALSE);

  return enqueue (self, DX_MESSAGE_KIND_BINARY, payload, error);
}

/**
 * dx_connection_get_queued_bytes:
 *
 * Returns: the bytes of messages sent but not yet handed to the socket
 */
guint64
dx_connection_get_queued_bytes (DxConnection *self)
{
  guint64 queued;

  g_return_val_if_fail (DX_IS_CONNECTION (self), 0);

  if (self->link == NULL)
    return 0;

  g_mutex_lock (&self->link->lock);
  queued = self->link->queued_bytes;
  g_mutex_unlock (&self->link->lock);

  return queued;
}

/**
 * dx_connection_get_peak_bytes_in_flight:
 *
 * Returns: the most bytes handed to libsoup and not yet written to the
 *   socket at any one time during this connection
 */
guint64
dx_connection_get_peak_bytes_in_flight (DxConnection *self)
{
  guint64 peak;

  g_return_val_if_fail (DX_IS_CONNECTION (self), 0);

  if (self->link == NULL)
    return 0;

  g_mutex_lock (&self->link->lock);
  peak = self->link->peak_in_flight;
  g_mutex_unlock (&self->link->lock);

  return peak;
}

/**
 * dx_connection_set_max_bytes_in_flight:
 *
 * Sets how many bytes libsoup may hold at once before the rest waits in
 * this connection's queue; takes effect at the next connect.
 */
void
dx_connection_set_max_bytes_in_flight (DxConnection *self,
                                       guint64       max_bytes)
{
  g_return_if_fail (DX_IS_CONNECTION (self));
  g_return_if_fail (max_bytes > 0);

  self->max_bytes_in_flight = max_bytes;
}

/**
 * dx_connection_set_variables:
 * @variables: (nullable): a list of #DxField, the workspace's variables
 *
 * Sets the {{variables}} that connects and text messages expand; the
 * list is read at each connect and send, so later edits count.
 */
void
dx_connection_set_variables (DxConnection *self,
                             GListModel   *variables)
{
  g_return_if_fail (DX_IS_CONNECTION (self));
  g_return_if_fail (variables == NULL || G_IS_LIST_MODEL (variables));

  if (g_set_object (&self->variables, variables))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VARIABLES]);
}

/**
 * dx_connection_get_variables:
 *
 * Returns: (transfer none) (nullable): the variables this connection expands
 */
GListModel *
dx_connection_get_variables (DxConnection *self)
{
  g_return_val_if_fail (DX_IS_CONNECTION (self), NULL);
  return self->variables;
}

/**
 * dx_connection_get_reconnecting:
 *
 * Returns: whether an automatic reconnect is under way, see
 *   #DxConnection:reconnecting
 */
gboolean
dx_connection_get_reconnecting (DxConnection *self)
{
  g_return_val_if_fail (DX_IS_CONNECTION (self), FALSE);
  return self->reconnecting;
}
