/* dx-connection-send.c — what the tester sends: text, binary and saved
 * messages, and the queue that holds them until libsoup takes them
 *
 * A message sent shows in the history at once, as it was sent (its
 * variables expanded); the network thread writes it when the bytes in
 * flight allow.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "dx-connection-private.h"
#include "dx-saved-message.h"
#include "dx-variables.h"

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

  if (!check_open (self, error))
    return FALSE;

  sent = dx_message_new_now (DX_DIRECTION_SENT, kind, payload);
  dx_history_append (dx_session_get_history (self->session), sent);

  _dx_net_link_send (self->link, kind, payload);

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

  expanded = dx_variables_expand (self->variables, text, error);
  if (expanded == NULL)
    return FALSE;

  payload = g_bytes_new_take (expanded, strlen (expanded));
  return enqueue (self, DX_MESSAGE_KIND_TEXT, payload, error);
}

/**
 * dx_connection_send_saved:
 *
 * Sends @message as its format says, a text or a binary message, its
 * variables expanded once.
 *
 * Returns: %FALSE, with @error, when not open, or when its content cannot
 *   be built (the error names the message then); nothing is sent then
 */
gboolean
dx_connection_send_saved (DxConnection    *self,
                          DxSavedMessage  *message,
                          GError         **error)
{
  g_autoptr(GBytes) payload = NULL;

  g_return_val_if_fail (DX_IS_CONNECTION (self), FALSE);
  g_return_val_if_fail (DX_IS_SAVED_MESSAGE (message), FALSE);

  if (!check_open (self, error))
    return FALSE;

  payload = dx_saved_message_build (message, self->variables, error);
  if (payload == NULL)
    return FALSE;

  return enqueue (self, dx_saved_message_is_binary (message) ? DX_MESSAGE_KIND_BINARY : DX_MESSAGE_KIND_TEXT,
                  payload, error);
}

/**
 * dx_connection_find_saved:
 *
 * Returns: (transfer none) (nullable): the saved message named @name: the
 *   session's own, else the library's
 */
DxSavedMessage *
dx_connection_find_saved (DxConnection *self,
                          const char   *name)
{
  DxSavedMessage *message;

  g_return_val_if_fail (DX_IS_CONNECTION (self), NULL);

  message = dx_saved_message_find (G_LIST_MODEL (dx_session_get_saved_messages (self->session)), name, NULL);
  if (message == NULL && self->library != NULL)
    message = dx_saved_message_find (self->library, name, NULL);
  return message;
}

/**
 * dx_connection_set_library:
 * @library: (nullable): a list of #DxSavedMessage, the workspace's
 *
 * Sets where saved messages that the session does not have are looked
 * up, for heartbeats that name one.
 */
void
dx_connection_set_library (DxConnection *self,
                           GListModel   *library)
{
  g_return_if_fail (DX_IS_CONNECTION (self));
  g_return_if_fail (library == NULL || G_IS_LIST_MODEL (library));

  g_set_object (&self->library, library);
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
  g_return_val_if_fail (DX_IS_CONNECTION (self), 0);

  if (self->link == NULL)
    return 0;

  return _dx_net_link_get_queued_bytes (self->link);
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
  g_return_val_if_fail (DX_IS_CONNECTION (self), 0);

  if (self->link == NULL)
    return 0;

  return _dx_net_link_get_peak_in_flight (self->link);
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
