/* dx-connection-control.c — pings, their pongs, and the heartbeat
 *
 * A ping the tester sends shows in the history as a sent ping row; its
 * pong as an event row with the round-trip time the network thread
 * measured, from the moment the ping frame was written to the moment its
 * pong arrived. The heartbeat sends, every so many seconds while open,
 * a saved message the session names, its heartbeat text, or a ping.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "dx-connection-private.h"

/* "abc" for text, "3 bytes" for anything that is not */
static char *
describe_payload (GBytes *payload)
{
  gsize size;
  const char *data = g_bytes_get_data (payload, &size);

  if (size == 0)
    return NULL;
  if (g_utf8_validate (data, size, NULL) && memchr (data, '\0', size) == NULL)
    return g_strdup_printf ("“%.*s”", (int) size, data);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%zu byte", "%zu bytes", size), size);
}

void
_dx_connection_apply_pong (DxConnection *self,
                           DxNetEvent   *event)
{
  g_autofree char *payload = describe_payload (event->record.payload);
  g_autofree char *text = NULL;

  if (event->rtt_us >= 0)
    {
      double ms = event->rtt_us / 1000.0;

      text = payload ? g_strdup_printf (_("Pong %s, round trip %.2f ms"), payload, ms)
                     : g_strdup_printf (_("Pong, round trip %.2f ms"), ms);
      _dx_connection_set_round_trip_time (self, event->rtt_us);
    }
  else
    text = payload ? g_strdup_printf (_("Pong %s, not an answer to a ping of yours"), payload)
                   : g_strdup (_("Pong, not an answer to a ping of yours"));

  _dx_connection_add_event (self, DX_MESSAGE_KIND_PONG, text);
}

/**
 * dx_connection_send_ping:
 * @payload: (nullable): at most 125 bytes the pong must echo
 *
 * Sends a ping; its pong shows in the history with the round-trip time,
 * and sets #DxConnection:round-trip-time.
 *
 * Returns: %FALSE, with @error, when not open or the payload is too long
 */
gboolean
dx_connection_send_ping (DxConnection  *self,
                         GBytes        *payload,
                         GError       **error)
{
  g_autoptr(GBytes) empty = NULL;
  g_autoptr(DxMessage) sent = NULL;

  g_return_val_if_fail (DX_IS_CONNECTION (self), FALSE);

  if (self->state != DX_CONNECTION_STATE_OPEN)
    {
      g_set_error_literal (error, DX_CONNECTION_ERROR, DX_CONNECTION_ERROR_NOT_OPEN,
                           _("Not connected: connect first, then ping"));
      return FALSE;
    }

  if (payload == NULL)
    payload = empty = g_bytes_new_static ("", 0);

  if (g_bytes_get_size (payload) > DX_MAX_PING_PAYLOAD)
    {
      g_set_error (error, DX_CONNECTION_ERROR, DX_CONNECTION_ERROR_BAD_PING,
                   _("The ping payload is %zu bytes long; at most %d fit in a ping"),
                   g_bytes_get_size (payload), DX_MAX_PING_PAYLOAD);
      return FALSE;
    }

  sent = dx_message_new_now (DX_DIRECTION_SENT, DX_MESSAGE_KIND_PING, payload);
  dx_history_append (dx_session_get_history (self->session), sent);
  _dx_net_link_ping (self->link, payload);

  return TRUE;
}

static gboolean
heartbeat_cb (gpointer data)
{
  DxConnection *self = data;
  const char *message = dx_session_get_heartbeat_message (self->session);
  const char *saved_name = dx_session_get_heartbeat_saved_message (self->session);
  g_autoptr(GError) error = NULL;
  gboolean sent;

  if (saved_name && saved_name[0])
    {
      DxSavedMessage *saved = dx_connection_find_saved (self, saved_name);

      if (saved != NULL)
        sent = dx_connection_send_saved (self, saved, &error);
      else
        {
          sent = FALSE;
          g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                       _("there is no saved message named “%s”"), saved_name);
        }
    }
  else if (message && message[0])
    sent = dx_connection_send_text (self, message, &error);
  else
    sent = dx_connection_send_ping (self, NULL, &error);

  /* An undefined variable would fail every time: say so once and stop */
  if (!sent)
    {
      g_autofree char *text = g_strdup_printf (_("Heartbeat stopped: %s"), error->message);

      _dx_connection_add_event (self, DX_MESSAGE_KIND_ERROR, text);
      g_clear_pointer (&self->heartbeat_source, g_source_unref);
      return G_SOURCE_REMOVE;
    }

  return G_SOURCE_CONTINUE;
}

/* When the connection opens: the session's heartbeat, if it has one */
void
_dx_connection_start_heartbeat (DxConnection *self)
{
  guint interval = dx_session_get_heartbeat_interval (self->session);

  _dx_connection_stop_heartbeat (self);
  if (interval == 0)
    return;

  self->heartbeat_source = g_timeout_source_new_seconds (interval);
  g_source_set_callback (self->heartbeat_source, heartbeat_cb, self, NULL);
  g_source_set_static_name (self->heartbeat_source, "[duplex] heartbeat");
  g_source_attach (self->heartbeat_source, NULL);
}

void
_dx_connection_stop_heartbeat (DxConnection *self)
{
  if (self->heartbeat_source == NULL)
    return;

  g_source_destroy (self->heartbeat_source);
  g_clear_pointer (&self->heartbeat_source, g_source_unref);
}
