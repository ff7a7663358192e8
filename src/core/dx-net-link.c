/* dx-net-link.c — one connection attempt, on the network thread
 *
 * Each connection attempt of a DxConnection makes a DxNetLink. It lives on
 * the network thread (dx-net-thread.c), where it holds the SoupMessage and
 * the SoupWebsocketConnection and answers libsoup's signals, all of which
 * stay on that thread. The two sides talk through the link's
 * mutex-protected inbox (network → main: messages and state changes, in
 * order) and outbox (main → network: messages to send).
 *
 * Receiving: the network thread appends to the inbox and, when it was
 * empty, schedules a drain on the main context below GTK's redraw
 * priority; drains are spaced a frame apart, so under a flood the window
 * gets one history batch (one items-changed) per frame and keeps drawing.
 * What the events mean for the connection is dx-connection.c's business.
 *
 * Sending: libsoup queues outgoing frames without a bound. The link hands
 * libsoup at most max_bytes_in_flight (or one message, if larger) and then
 * waits for a writable source at G_PRIORITY_LOW on the socket: GLib only
 * dispatches it when libsoup's own output source (G_PRIORITY_DEFAULT) is not
 * ready, which with a writable socket means libsoup's queue is empty. The
 * rest waits in the outbox, referencing the same GBytes as the history.
 *
 * Pings: libsoup 3.2 sends no ping of ours, so the link writes the frame
 * itself from that same writable source, between libsoup's frames, and
 * times the pong that answers it (net_write_pings, ws_pong_cb).
 *
 * Handshake: when an attempt ends, what its SoupMessage holds is copied
 * into a DxHandshake that travels with the OPENED or FAILED event; the
 * body of a refused upgrade comes from a SoupLogger
 * (dx-net-link-refusal.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <libsoup/soup.h>

#include "dx-connection-private.h"
#include "dx-handshake-private.h"
#include "dx-net-link-private.h"
#include "dx-net-thread.h"
#include "dx-util.h"

/* Below GDK_PRIORITY_REDRAW (G_PRIORITY_HIGH_IDLE + 20): a frame is drawn
 * before a batch is taken in. */
#define DRAIN_PRIORITY        (G_PRIORITY_HIGH_IDLE + 30)
#define DRAIN_INTERVAL_US     (G_USEC_PER_SEC / 60)

typedef struct {
  GBytes        *payload;
  DxMessageKind  kind;
} OutMessage;

typedef struct {
  GBytes        *payload;
  gint64         sent_us;
} SentPing;

/* ---- the link, shared by both threads ---------------------------------- */

static void
net_event_clear (DxNetEvent *event)
{
  g_clear_pointer (&event->record.payload, g_bytes_unref);
  g_clear_pointer (&event->text, g_free);
  g_clear_pointer (&event->detail, g_free);
  g_clear_object (&event->handshake);
}

static void
sent_ping_free (SentPing *ping)
{
  g_bytes_unref (ping->payload);
  g_free (ping);
}

static void
out_message_free (OutMessage *out)
{
  g_bytes_unref (out->payload);
  g_free (out);
}

DxNetLink *
_dx_net_link_ref (DxNetLink *link)
{
  g_atomic_ref_count_inc (&link->ref_count);
  return link;
}

void
_dx_net_link_unref (DxNetLink *link)
{
  if (!g_atomic_ref_count_dec (&link->ref_count))
    return;

  g_assert (link->ws == NULL);

  g_weak_ref_clear (&link->owner);
  g_clear_pointer (&link->main_context, g_main_context_unref);
  g_clear_pointer (&link->inbox, g_array_unref);
  g_queue_clear_full (&link->outbox, (GDestroyNotify) out_message_free);
  g_queue_clear_full (&link->pings, (GDestroyNotify) g_bytes_unref);
  g_queue_clear_full (&link->pings_out, (GDestroyNotify) sent_ping_free);
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

DxNetLink *
_dx_net_link_new (DxConnection *owner,
                  guint64       max_in_flight)
{
  DxNetLink *link = g_new0 (DxNetLink, 1);

  g_atomic_ref_count_init (&link->ref_count);
  g_weak_ref_init (&link->owner, owner);
  link->main_context = g_main_context_ref_thread_default ();
  g_mutex_init (&link->lock);
  link->inbox = g_array_new (FALSE, FALSE, sizeof (DxNetEvent));
  g_array_set_clear_func (link->inbox, (GDestroyNotify) net_event_clear);
  g_queue_init (&link->outbox);
  g_queue_init (&link->pings);
  g_queue_init (&link->pings_out);
  link->max_in_flight = max_in_flight;
  link->cancellable = g_cancellable_new ();
  link->header_names = g_ptr_array_new_with_free_func (g_free);
  link->header_values = g_ptr_array_new_with_free_func (g_free);

  return link;
}

static gboolean drain_cb (gpointer data);

static void
schedule_drain (DxNetLink *link,
                guint      delay_ms)
{
  GSource *source = delay_ms ? g_timeout_source_new (delay_ms) : g_idle_source_new ();

  g_source_set_priority (source, DRAIN_PRIORITY);
  g_source_set_callback (source, drain_cb, _dx_net_link_ref (link), (GDestroyNotify) _dx_net_link_unref);
  g_source_set_static_name (source, "[duplex] history drain");
  g_source_attach (source, link->main_context);
  g_source_unref (source);
}

/* network thread: hand an event to the main thread, in order */
static void
post (DxNetLink  *link,
      DxNetEvent *event)
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
post_simple (DxNetLink      *link,
             DxNetEventType  type,
             guint           code,
             gboolean        by_peer,
             const char     *text,
             const char     *detail)
{
  DxNetEvent event = { 0, };

  event.type = type;
  event.code = code;
  event.by_peer = by_peer;
  event.text = g_strdup (text);
  event.detail = g_strdup (detail);
  post (link, &event);
}

/* ---- network thread ---------------------------------------------------- */

static void net_pump (DxNetLink *link);

/* libsoup 3.2 has no call that sends a ping of our own, so the link writes
 * the frame itself, masked as a client's must be. It does so only from
 * writable_cb, when libsoup's queue is empty and no frame of its own is
 * half written (see the top of the file); the frame is small enough for
 * one blocking write to finish at once on a writable socket. */
static void
net_write_pings (DxNetLink *link)
{
  GOutputStream *output;

  if (link->ws == NULL)
    return;
  output = g_io_stream_get_output_stream (soup_websocket_connection_get_io_stream (link->ws));

  for (;;)
    {
      g_autoptr(GBytes) payload = NULL;
      g_autoptr(GError) error = NULL;
      guint8 frame[2 + 4 + DX_MAX_PING_PAYLOAD];
      const guint8 *data;
      gsize size;
      guint32 mask = g_random_int ();
      SentPing *sent;

      g_mutex_lock (&link->lock);
      payload = g_queue_pop_head (&link->pings);
      g_mutex_unlock (&link->lock);

      if (payload == NULL ||
          soup_websocket_connection_get_state (link->ws) != SOUP_WEBSOCKET_STATE_OPEN)
        break;

      data = g_bytes_get_data (payload, &size);
      g_assert (size <= DX_MAX_PING_PAYLOAD);
      frame[0] = 0x80 | 0x09;     /* FIN, ping */
      frame[1] = 0x80 | (guint8) size;     /* masked */
      memcpy (frame + 2, &mask, 4);
      for (gsize i = 0; i < size; i++)
        frame[6 + i] = data[i] ^ frame[2 + i % 4];

      if (!g_output_stream_write_all (output, frame, 6 + size, NULL, NULL, &error))
        {
          post_simple (link, DX_NET_EVENT_ERROR, 0, FALSE, error->message, NULL);
          break;
        }

      sent = g_new0 (SentPing, 1);
      sent->payload = g_steal_pointer (&payload);
      sent->sent_us = g_get_monotonic_time ();
      g_queue_push_tail (&link->pings_out, sent);
    }
}

static gboolean
writable_cb (GObject  *stream,
             gpointer  data)
{
  DxNetLink *link = data;

  /* See the top of the file: libsoup's queue is empty now. */
  g_clear_pointer (&link->writable_source, g_source_unref);
  link->in_flight = 0;
  net_write_pings (link);
  net_pump (link);

  return G_SOURCE_REMOVE;
}

static void
net_pump (DxNetLink *link)
{
  gboolean pings_waiting;

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

  g_mutex_lock (&link->lock);
  pings_waiting = !g_queue_is_empty (&link->pings);
  g_mutex_unlock (&link->lock);

  if ((link->in_flight > 0 || pings_waiting) && link->writable_source == NULL)
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
               DxNetLink               *link)
{
  DxNetEvent event = { 0, };

  event.type = DX_NET_EVENT_MESSAGE;
  event.record.payload = g_bytes_ref (payload);
  event.record.wall_time_us = g_get_real_time ();
  event.record.monotonic_time_us = g_get_monotonic_time ();
  event.record.direction = DX_DIRECTION_RECEIVED;
  event.record.kind = type == SOUP_WEBSOCKET_DATA_BINARY ? DX_MESSAGE_KIND_BINARY : DX_MESSAGE_KIND_TEXT;
  post (link, &event);
}

/* The signal is declared with a GBytes, but libsoup (3.2 to this day)
 * emits a GByteArray: read it as what it is. */
static void
ws_pong_cb (SoupWebsocketConnection *ws,
            gpointer                 message,
            DxNetLink               *link)
{
  GByteArray *array = message;
  DxNetEvent event = { 0, };
  gint64 now = g_get_monotonic_time ();

  event.type = DX_NET_EVENT_PONG;
  event.rtt_us = -1;
  event.record.payload = g_bytes_new (array->data, array->len);
  event.record.wall_time_us = g_get_real_time ();
  event.record.monotonic_time_us = now;
  event.record.direction = DX_DIRECTION_RECEIVED;
  event.record.kind = DX_MESSAGE_KIND_PONG;

  /* A pong answers the oldest ping with the same payload (RFC 6455 §5.5.3) */
  for (GList *l = link->pings_out.head; l; l = l->next)
    {
      SentPing *sent = l->data;

      if (g_bytes_equal (sent->payload, event.record.payload))
        {
          event.rtt_us = now - sent->sent_us;
          sent_ping_free (sent);
          g_queue_delete_link (&link->pings_out, l);
          break;
        }
    }

  post (link, &event);
}

static void
ws_error_cb (SoupWebsocketConnection *ws,
             GError                  *error,
             DxNetLink               *link)
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

  post_simple (link, DX_NET_EVENT_ERROR, 0, FALSE, text, NULL);
}

static void
ws_closing_cb (SoupWebsocketConnection *ws,
               DxNetLink               *link)
{
  gboolean by_peer = !link->close_requested;

  if (by_peer)
    post_simple (link, DX_NET_EVENT_CLOSING, soup_websocket_connection_get_close_code (ws), TRUE,
                 NULL, soup_websocket_connection_get_close_data (ws));
}

static void
net_link_drop_socket (DxNetLink *link)
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
      _dx_net_link_unref (link);     /* the socket's reference, see connect_done_cb */
    }
}

static void
ws_closed_cb (SoupWebsocketConnection *ws,
              DxNetLink               *link)
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
  {
    DxNetEvent event = { 0, };

    event.type = DX_NET_EVENT_CLOSED;
    event.by_peer = !link->close_requested;
    event.code = event.by_peer ? received_code : link->close_code_sent;
    event.text = g_steal_pointer (&dropped_text);
    event.detail = g_strdup (event.by_peer ? received_reason : link->close_reason_sent);
    /* Clean: the closing handshake finished, a close frame came back */
    event.clean = received_code != 0;
    post (link, &event);
  }

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
                       DxNetLink            *link)
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
  DxNetLink *link = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(DxHandshake) handshake = NULL;
  g_autoptr(GBytes) body = NULL;
  SoupWebsocketConnection *ws;

  if (link->timeout_source)
    {
      g_source_destroy (link->timeout_source);
      g_clear_pointer (&link->timeout_source, g_source_unref);
    }

  ws = soup_session_websocket_connect_finish (SOUP_SESSION (source), result, &error);
  body = _dx_net_link_take_refusal_body (link->message);
  handshake = _dx_handshake_new (link->message, g_get_monotonic_time () - link->started_us, body);
  if (ws == NULL)
    {
      guint status = soup_message_get_status (link->message);
      GTlsCertificateFlags tls_errors = soup_message_get_tls_peer_certificate_errors (link->message);
      DxNetEvent event = { 0, };

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
          !(link->timed_out && !link->close_requested))
        {
          post_simple (link, DX_NET_EVENT_CANCELLED, 0, FALSE, NULL, NULL);
          _dx_net_link_unref (link);
          return;
        }

      event.type = DX_NET_EVENT_FAILED;
      event.handshake = g_steal_pointer (&handshake);

      if (link->timed_out && !link->close_requested)
        event.text = g_strdup_printf (_("No answer from the server within %u s: check that it is running "
                                        "and that the host and port are right, or raise “Connect timeout”"),
                                      link->connect_timeout);
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

          event.code = status;
          event.text = g_steal_pointer (&text);
          event.detail = g_strdup (soup_message_get_reason_phrase (link->message));
        }
      else if (tls_errors != 0)
        event.text = g_strdup_printf (_("The server’s TLS certificate was refused: %s. Trust its CA for this session, "
                                        "or check the host name."),
                                      describe_tls_errors (tls_errors));
      else
        /* GIO already says "Could not connect to HOST: REASON" */
        event.text = g_strdup (error->message);

      post (link, &event);
      _dx_net_link_unref (link);
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

  g_signal_connect (ws, "pong", G_CALLBACK (ws_pong_cb), link);

  {
    DxNetEvent event = { 0, };

    event.type = DX_NET_EVENT_OPENED;
    event.code = soup_message_get_status (link->message);
    event.text = g_strdup (soup_websocket_connection_get_protocol (ws));
    event.handshake = g_steal_pointer (&handshake);
    post (link, &event);
  }

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
  DxNetLink *link = data;

  /* connect_done_cb destroys this source, so the link is still alive */
  g_clear_pointer (&link->timeout_source, g_source_unref);
  link->timed_out = TRUE;
  g_cancellable_cancel (link->cancellable);

  return G_SOURCE_REMOVE;
}

static gboolean
net_connect_cb (gpointer data)
{
  DxNetLink *link = data;
  SoupMessageHeaders *headers;

  link->started_us = g_get_monotonic_time ();
  link->message = soup_message_new_from_uri (SOUP_METHOD_GET, link->uri);
  headers = soup_message_get_request_headers (link->message);
  for (guint i = 0; i < link->header_names->len; i++)
    soup_message_headers_append (headers,
                                 g_ptr_array_index (link->header_names, i),
                                 g_ptr_array_index (link->header_values, i));
  g_signal_connect (link->message, "accept-certificate", G_CALLBACK (accept_certificate_cb), link);
  _dx_net_link_watch_refusal_body (link->message);
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
                                        _dx_net_link_ref (link));
  return G_SOURCE_REMOVE;
}

typedef struct {
  DxNetLink *link;
  guint      code;
  char      *reason;
} CloseRequest;

static void
close_request_free (CloseRequest *request)
{
  _dx_net_link_unref (request->link);
  g_free (request->reason);
  g_free (request);
}

static gboolean
net_close_cb (gpointer data)
{
  CloseRequest *request = data;
  DxNetLink *link = request->link;

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

static gboolean
drain_cb (gpointer data)
{
  DxNetLink *link = data;
  g_autoptr(DxConnection) owner = NULL;
  g_autoptr(GArray) events = NULL;
  gint64 now = g_get_monotonic_time ();

  if (now < link->next_drain_us)
    {
      schedule_drain (link, (link->next_drain_us - now + 999) / 1000);
      return G_SOURCE_REMOVE;
    }
  link->next_drain_us = now + DRAIN_INTERVAL_US;

  g_mutex_lock (&link->lock);
  events = g_steal_pointer (&link->inbox);
  link->inbox = g_array_new (FALSE, FALSE, sizeof (DxNetEvent));
  g_array_set_clear_func (link->inbox, (GDestroyNotify) net_event_clear);
  link->drain_pending = FALSE;
  g_mutex_unlock (&link->lock);

  owner = g_weak_ref_get (&link->owner);
  if (owner != NULL)
    _dx_connection_apply_events (owner, link, events);

  return G_SOURCE_REMOVE;
}

/* Starts connecting with the request filled in on the link. */
void
_dx_net_link_start (DxNetLink *link)
{
  dx_net_thread_invoke (net_connect_cb, _dx_net_link_ref (link), (GDestroyNotify) _dx_net_link_unref);
}

/* Closes the socket, or stops the connection attempt; the link reports
 * what follows as events. */
void
_dx_net_link_close (DxNetLink  *link,
                    guint       code,
                    const char *reason)
{
  CloseRequest *request = g_new0 (CloseRequest, 1);

  request->link = _dx_net_link_ref (link);
  request->code = code;
  request->reason = g_strdup (reason);
  dx_net_thread_invoke (net_close_cb, request, (GDestroyNotify) close_request_free);
}

void
_dx_net_link_send (DxNetLink     *link,
                   DxMessageKind  kind,
                   GBytes        *payload)
{
  OutMessage *out;
  gboolean schedule;

  out = g_new0 (OutMessage, 1);
  out->payload = g_bytes_ref (payload);
  out->kind = kind;

  g_mutex_lock (&link->lock);
  g_queue_push_tail (&link->outbox, out);
  link->queued_bytes += g_bytes_get_size (payload);
  schedule = !link->pump_pending;
  link->pump_pending = TRUE;
  g_mutex_unlock (&link->lock);

  if (schedule)
    dx_net_thread_invoke (net_pump_cb, _dx_net_link_ref (link), (GDestroyNotify) _dx_net_link_unref);
}

/* Sends a ping with @payload (at most 125 bytes) as soon as what was
 * handed to libsoup before it is written */
void
_dx_net_link_ping (DxNetLink *link,
                   GBytes    *payload)
{
  g_assert (g_bytes_get_size (payload) <= DX_MAX_PING_PAYLOAD);

  g_mutex_lock (&link->lock);
  g_queue_push_tail (&link->pings, g_bytes_ref (payload));
  g_mutex_unlock (&link->lock);

  dx_net_thread_invoke (net_pump_cb, _dx_net_link_ref (link), (GDestroyNotify) _dx_net_link_unref);
}

guint64
_dx_net_link_get_queued_bytes (DxNetLink *link)
{
  guint64 queued;

  g_mutex_lock (&link->lock);
  queued = link->queued_bytes;
  g_mutex_unlock (&link->lock);

  return queued;
}

guint64
_dx_net_link_get_peak_in_flight (DxNetLink *link)
{
  guint64 peak;

  g_mutex_lock (&link->lock);
  peak = link->peak_in_flight;
  g_mutex_unlock (&link->lock);

  return peak;
}
