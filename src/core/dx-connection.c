/* dx-connection.c — the live WebSocket link of one session
 *
 * DxConnection is used from the main thread only. Each connection attempt
 * makes a DxNetLink (dx-net-link.c) that lives on the network thread and
 * holds the SoupMessage and SoupWebsocketConnection; what the link posts,
 * this file turns into the connection's state and the history's rows, in
 * the order it happened. The request a connect sends is made in
 * dx-connection-request.c, the automatic reconnects after an unasked-for
 * close in dx-connection-reconnect.c, what the tester sends in
 * dx-connection-send.c.
 *
 * Variables: everything a connect sends (URL, parameters, headers,
 * subprotocols, origin) and every text message is expanded on the main
 * thread first; an undefined variable stops it before anything is sent.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>

#include "dx-close-code.h"
#include "dx-connection-private.h"
#include "dx-util.h"

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
  PROP_HANDSHAKE,
  PROP_CLOSE_CLEAN,
  PROP_ROUND_TRIP_TIME,
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

static void
set_state (DxConnection      *self,
           DxConnectionState  state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

void
_dx_connection_set_error_message (DxConnection *self,
                                  const char   *message)
{
  if (dx_set_str (&self->error_message, message))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR_MESSAGE]);
}

/* A history row of Duplex's own, saying what happened */
void
_dx_connection_add_event (DxConnection  *self,
                          DxMessageKind  kind,
                          const char    *text)
{
  g_autoptr(DxMessage) message = dx_message_new_event (kind, text);

  dx_history_append (dx_session_get_history (self->session), message);
}

static void
set_handshake (DxConnection *self,
               DxHandshake  *handshake)
{
  if (g_set_object (&self->handshake, handshake))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HANDSHAKE]);
}

static void
set_close_clean (DxConnection *self,
                 gboolean      clean)
{
  if (self->close_clean == clean)
    return;
  self->close_clean = clean;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLOSE_CLEAN]);
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

void
_dx_connection_set_reconnecting (DxConnection *self,
                                 gboolean      reconnecting)
{
  if (self->reconnecting == reconnecting)
    return;
  self->reconnecting = reconnecting;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECONNECTING]);
}

static void
apply_event (DxConnection *self,
             DxNetEvent   *event)
{
  switch (event->type)
    {
    case DX_NET_EVENT_MESSAGE:
      g_assert_not_reached ();
      break;

    case DX_NET_EVENT_OPENED:
      {
        g_autofree char *text = NULL;

        self->http_status = event->code;
        set_handshake (self, event->handshake);
        dx_set_str (&self->protocol, event->text);
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROTOCOL]);
        if (event->text)
          text = g_strdup_printf (_("Connected, subprotocol “%s”"), event->text);
        else
          text = g_strdup (_("Connected"));
        _dx_connection_add_event (self, DX_MESSAGE_KIND_OPEN, text);
        self->opened_at_us = g_get_monotonic_time ();
        _dx_connection_set_reconnecting (self, FALSE);
        if (self->state == DX_CONNECTION_STATE_CONNECTING)
          {
            set_state (self, DX_CONNECTION_STATE_OPEN);
            _dx_connection_start_heartbeat (self);
          }
      }
      break;

    case DX_NET_EVENT_FAILED:
      self->http_status = event->code;
      set_handshake (self, event->handshake);
      dx_set_str (&self->http_reason, event->detail);
      _dx_connection_set_error_message (self, event->text);
      _dx_connection_add_event (self, DX_MESSAGE_KIND_ERROR, event->text);
      /* Planned first, so that whoever watches the state sees it */
      _dx_connection_maybe_reconnect (self);
      set_state (self, DX_CONNECTION_STATE_CLOSED);
      break;

    case DX_NET_EVENT_CANCELLED:
      _dx_connection_add_event (self, DX_MESSAGE_KIND_STATE, _("Connection attempt stopped"));
      _dx_connection_set_reconnecting (self, FALSE);
      set_state (self, DX_CONNECTION_STATE_CLOSED);
      break;

    case DX_NET_EVENT_ERROR:
      _dx_connection_set_error_message (self, event->text);
      _dx_connection_add_event (self, DX_MESSAGE_KIND_ERROR, event->text);
      break;

    case DX_NET_EVENT_CLOSING:
      {
        g_autofree char *described = dx_close_code_describe (event->code, event->detail);
        g_autofree char *text = g_strdup_printf (_("Server sent close %s"), described);

        _dx_connection_stop_heartbeat (self);
        set_close (self, event->code, event->detail, TRUE);
        _dx_connection_add_event (self, DX_MESSAGE_KIND_STATE, text);
        set_state (self, DX_CONNECTION_STATE_CLOSING);
      }
      break;

    case DX_NET_EVENT_CLOSED:
      {
        g_autoptr(GString) text = g_string_new (NULL);

        _dx_connection_stop_heartbeat (self);
        set_close (self, event->code, event->detail, event->by_peer);
        set_close_clean (self, event->clean);
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
        if (!event->clean)
          g_string_append (text, _(", without a closing handshake (not clean)"));
        if (event->text)
          g_string_append_printf (text, _(" (%s queued messages were not sent)"), event->text);
        _dx_connection_add_event (self, DX_MESSAGE_KIND_CLOSE, text->str);
        if (event->by_peer)
          _dx_connection_maybe_reconnect (self);
        set_state (self, DX_CONNECTION_STATE_CLOSED);
      }
      break;

    case DX_NET_EVENT_PONG:
      _dx_connection_apply_pong (self, event);
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

/* Called by the link's drain with what the network thread posted since the
 * last one: messages go to the history in batches, and each event after
 * the messages that came before it. */
void
_dx_connection_apply_events (DxConnection *self,
                             DxNetLink    *link,
                             GArray       *events)
{
  g_autoptr(GArray) records = NULL;

  /* A link replaced by a newer connect has nothing more to say */
  if (self->link != link)
    return;

  records = g_array_sized_new (FALSE, FALSE, sizeof (DxRecord), events->len);
  for (guint i = 0; i < events->len; i++)
    {
      DxNetEvent *event = &g_array_index (events, DxNetEvent, i);

      if (event->type == DX_NET_EVENT_MESSAGE)
        {
          g_array_append_vals (records, &event->record, 1);
          event->record.payload = NULL;   /* taken by the batch */
          continue;
        }

      flush_records (self, records);
      apply_event (self, event);
    }
  flush_records (self, records);
}

static void
dx_connection_dispose (GObject *object)
{
  DxConnection *self = DX_CONNECTION (object);

  _dx_connection_cancel_reconnect (self);
  _dx_connection_stop_heartbeat (self);
  if (self->link)
    {
      if (self->state == DX_CONNECTION_STATE_CONNECTING || self->state == DX_CONNECTION_STATE_OPEN)
        dx_connection_close (self, SOUP_WEBSOCKET_CLOSE_GOING_AWAY, NULL);
      g_clear_pointer (&self->link, _dx_net_link_unref);
    }
  g_clear_object (&self->session);
  g_clear_object (&self->variables);
  g_clear_object (&self->library);
  g_clear_object (&self->handshake);

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
    case PROP_HANDSHAKE:
      g_value_set_object (value, self->handshake);
      break;
    case PROP_CLOSE_CLEAN:
      g_value_set_boolean (value, self->close_clean);
      break;
    case PROP_ROUND_TRIP_TIME:
      g_value_set_int64 (value, self->round_trip_us);
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

  /**
   * DxConnection:handshake:
   *
   * What the latest connection attempt sent and got back; %NULL while it
   * is under way or when it never reached the server's answer.
   */
  properties[PROP_HANDSHAKE] =
    g_param_spec_object ("handshake", NULL, NULL, DX_TYPE_HANDSHAKE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * DxConnection:close-clean:
   *
   * Whether the last close finished the closing handshake: a close frame
   * came back from the server, rather than the socket just ending.
   */
  properties[PROP_CLOSE_CLEAN] =
    g_param_spec_boolean ("close-clean", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * DxConnection:round-trip-time:
   *
   * µs between the latest answered ping and its pong, -1 before any.
   */
  properties[PROP_ROUND_TRIP_TIME] =
    g_param_spec_int64 ("round-trip-time", NULL, NULL, -1, G_MAXINT64, -1,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dx_connection_init (DxConnection *self)
{
  self->max_bytes_in_flight = DX_DEFAULT_MAX_BYTES_IN_FLIGHT;
  self->round_trip_us = -1;
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

          if (self->state == DX_CONNECTION_STATE_CLOSED && !self->close_clean)
            return g_strdup_printf (self->closed_by_peer ? _("%s · %s (by the server, not clean)")
                                                         : _("%s · %s (by you, not clean)"),
                                    state, described);
          return g_strdup_printf (self->closed_by_peer ? _("%s · %s (by the server)")
                                                       : _("%s · %s (by you)"),
                                  state, described);
        }
      if (self->state == DX_CONNECTION_STATE_CLOSED && self->http_status == SOUP_STATUS_SWITCHING_PROTOCOLS &&
          !self->close_clean)
        return g_strdup_printf (_("%s · connection lost without a close frame"), state);
      if (self->http_status >= 100 && self->http_status != SOUP_STATUS_SWITCHING_PROTOCOLS)
        return g_strdup_printf (_("%s · handshake failed: %u %s"), state,
                                self->http_status, self->http_reason ? self->http_reason : "");
      if (self->error_message && self->state == DX_CONNECTION_STATE_CLOSED)
        return g_strdup_printf (_("%s · failed"), state);
    }

  return g_strdup (state);
}

/* Makes a connection attempt from the session as it is now: the tester's
 * connect, or an automatic reconnect. */
gboolean
_dx_connection_start_connecting (DxConnection  *self,
                                 GError       **error)
{
  g_autofree char *uri_text = NULL;
  g_autofree char *text = NULL;
  DxNetLink *link;

  link = _dx_connection_new_link (self, error);
  if (link == NULL)
    return FALSE;

  g_clear_pointer (&self->link, _dx_net_link_unref);
  self->link = link;

  self->http_status = 0;
  g_clear_pointer (&self->http_reason, g_free);
  _dx_connection_set_error_message (self, NULL);
  set_close (self, 0, NULL, FALSE);
  set_close_clean (self, FALSE);
  set_handshake (self, NULL);
  dx_set_str (&self->protocol, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROTOCOL]);

  uri_text = g_uri_to_string (link->uri);
  text = g_strdup_printf (_("Connecting to %s"), uri_text);
  _dx_connection_add_event (self, DX_MESSAGE_KIND_STATE, text);
  if (link->accept_invalid && g_ascii_strcasecmp (g_uri_get_scheme (link->uri), "wss") == 0)
    _dx_connection_add_event (self, DX_MESSAGE_KIND_STATE,
                              _("Certificate verification is off for this session: any TLS certificate is "
                                "accepted, even one that is forged or expired"));
  set_state (self, DX_CONNECTION_STATE_CONNECTING);

  _dx_net_link_start (link);

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

  _dx_connection_cancel_reconnect (self);
  _dx_connection_set_reconnecting (self, FALSE);
  self->reconnect_attempt = 0;
  self->stopped_by_user = FALSE;

  return _dx_connection_start_connecting (self, error);
}

/**
 * dx_connection_close:
 * @code: the close code to send, one that dx_close_code_check() accepts
 * @reason: (nullable): the close reason to send, at most 123 bytes
 *
 * Closes the connection, or stops a connection attempt; either way no
 * automatic reconnect follows, and one that is pending stops.
 */
void
dx_connection_close (DxConnection *self,
                     guint         code,
                     const char   *reason)
{
  g_return_if_fail (DX_IS_CONNECTION (self));

  g_return_if_fail (dx_close_code_check (code, reason, NULL));

  self->stopped_by_user = TRUE;
  if (self->reconnect_source)
    {
      _dx_connection_cancel_reconnect (self);
      _dx_connection_add_event (self, DX_MESSAGE_KIND_STATE, _("Stopped reconnecting"));
    }
  self->reconnect_attempt = 0;
  _dx_connection_set_reconnecting (self, FALSE);
  _dx_connection_stop_heartbeat (self);

  if (self->link == NULL ||
      (self->state != DX_CONNECTION_STATE_CONNECTING && self->state != DX_CONNECTION_STATE_OPEN))
    return;

  if (self->state == DX_CONNECTION_STATE_OPEN)
    {
      g_autofree char *described = dx_close_code_describe (code, reason);
      g_autofree char *text = g_strdup_printf (_("Sent close %s"), described);

      set_close (self, code, reason, FALSE);
      _dx_connection_add_event (self, DX_MESSAGE_KIND_STATE, text);
      set_state (self, DX_CONNECTION_STATE_CLOSING);
    }

  _dx_net_link_close (self->link, code, reason);
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

/**
 * dx_connection_get_handshake:
 *
 * Returns: (transfer none) (nullable): see #DxConnection:handshake
 */
DxHandshake *
dx_connection_get_handshake (DxConnection *self)
{
  g_return_val_if_fail (DX_IS_CONNECTION (self), NULL);
  return self->handshake;
}

/**
 * dx_connection_get_close_clean:
 *
 * Returns: see #DxConnection:close-clean
 */
gboolean
dx_connection_get_close_clean (DxConnection *self)
{
  g_return_val_if_fail (DX_IS_CONNECTION (self), FALSE);
  return self->close_clean;
}

/**
 * dx_connection_get_round_trip_time:
 *
 * Returns: see #DxConnection:round-trip-time
 */
gint64
dx_connection_get_round_trip_time (DxConnection *self)
{
  g_return_val_if_fail (DX_IS_CONNECTION (self), -1);
  return self->round_trip_us;
}

void
_dx_connection_set_round_trip_time (DxConnection *self,
                                    gint64        round_trip_us)
{
  self->round_trip_us = round_trip_us;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROUND_TRIP_TIME]);
}
