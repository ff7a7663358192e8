/* dx-connection.h — the live WebSocket link of one session
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "dx-handshake.h"
#include "dx-saved-message.h"
#include "dx-session.h"

G_BEGIN_DECLS

typedef enum {
  DX_CONNECTION_STATE_DISCONNECTED,
  DX_CONNECTION_STATE_CONNECTING,
  DX_CONNECTION_STATE_OPEN,
  DX_CONNECTION_STATE_CLOSING,
  DX_CONNECTION_STATE_CLOSED,
} DxConnectionState;

#define DX_TYPE_CONNECTION_STATE (dx_connection_state_get_type ())
GType dx_connection_state_get_type (void) G_GNUC_CONST;

#define DX_CONNECTION_ERROR (dx_connection_error_quark ())
GQuark dx_connection_error_quark (void);

typedef enum {
  DX_CONNECTION_ERROR_NOT_OPEN,
  DX_CONNECTION_ERROR_BUSY,
  DX_CONNECTION_ERROR_BAD_HEADER,
  DX_CONNECTION_ERROR_BAD_CA_FILE,
  DX_CONNECTION_ERROR_BAD_PING,
} DxConnectionError;

#define DX_DEFAULT_MAX_BYTES_IN_FLIGHT (1024 * 1024)

#define DX_TYPE_CONNECTION (dx_connection_get_type ())
G_DECLARE_FINAL_TYPE (DxConnection, dx_connection, DX, CONNECTION, GObject)

DxConnection      *dx_connection_new                    (DxSession     *session);
DxSession         *dx_connection_get_session            (DxConnection  *self);
DxConnectionState  dx_connection_get_state              (DxConnection  *self);
const char        *dx_connection_get_protocol           (DxConnection  *self);
guint              dx_connection_get_close_code         (DxConnection  *self);
const char        *dx_connection_get_close_reason       (DxConnection  *self);
gboolean           dx_connection_get_closed_by_peer     (DxConnection  *self);
guint              dx_connection_get_http_status        (DxConnection  *self);
const char        *dx_connection_get_http_reason        (DxConnection  *self);
const char        *dx_connection_get_error_message      (DxConnection  *self);
char              *dx_connection_dup_status_text        (DxConnection  *self);
gboolean           dx_connection_connect                (DxConnection  *self,
                                                         GError       **error);
void               dx_connection_disconnect             (DxConnection  *self);
void               dx_connection_close                  (DxConnection  *self,
                                                         guint          code,
                                                         const char    *reason);
gboolean           dx_connection_send_text              (DxConnection  *self,
                                                         const char    *text,
                                                         GError       **error);
gboolean           dx_connection_send_saved             (DxConnection  *self,
                                                         DxSavedMessage *message,
                                                         GError       **error);
DxSavedMessage    *dx_connection_find_saved             (DxConnection  *self,
                                                         const char    *name);
void               dx_connection_set_library            (DxConnection  *self,
                                                         GListModel    *library);
gboolean           dx_connection_send_binary            (DxConnection  *self,
                                                         GBytes        *payload,
                                                         GError       **error);
guint64            dx_connection_get_queued_bytes       (DxConnection  *self);
guint64            dx_connection_get_peak_bytes_in_flight (DxConnection *self);
void               dx_connection_set_max_bytes_in_flight (DxConnection *self,
                                                          guint64       max_bytes);
void               dx_connection_set_variables          (DxConnection  *self,
                                                         GListModel    *variables);
GListModel        *dx_connection_get_variables          (DxConnection  *self);
gboolean           dx_connection_get_reconnecting       (DxConnection  *self);
DxHandshake       *dx_connection_get_handshake          (DxConnection  *self);
gboolean           dx_connection_get_close_clean        (DxConnection  *self);
gint64             dx_connection_get_round_trip_time    (DxConnection  *self);
gboolean           dx_connection_send_ping              (DxConnection  *self,
                                                         GBytes        *payload,
                                                         GError       **error);

const char        *dx_connection_state_to_string        (DxConnectionState state);

G_END_DECLS
