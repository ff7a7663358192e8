/* dx-connection-private.h — DxConnection's insides, for the files that
 * share its work: dx-connection-request.c, dx-connection-reconnect.c,
 * dx-connection-control.c, dx-connection-send.c and dx-net-link.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dx-connection.h"
#include "dx-net-link-private.h"

G_BEGIN_DECLS

struct _DxConnection
{
  GObject            parent_instance;

  DxSession         *session;
  DxNetLink         *link;
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
  GListModel        *library;

  GSource           *reconnect_source;
  guint              reconnect_attempt;   /* of the current run of attempts */
  gboolean           reconnecting;
  gboolean           stopped_by_user;
  gint64             opened_at_us;

  DxHandshake       *handshake;
  gboolean           close_clean;
  gint64             round_trip_us;
  GSource           *heartbeat_source;
};

/* dx-connection.c */
void       _dx_connection_add_event          (DxConnection   *self,
                                              DxMessageKind   kind,
                                              const char     *text);
void       _dx_connection_set_error_message  (DxConnection   *self,
                                              const char     *message);
void       _dx_connection_set_reconnecting   (DxConnection   *self,
                                              gboolean        reconnecting);
void       _dx_connection_set_round_trip_time (DxConnection  *self,
                                              gint64          round_trip_us);
gboolean   _dx_connection_start_connecting   (DxConnection   *self,
                                              GError        **error);
void       _dx_connection_apply_events       (DxConnection   *self,
                                              DxNetLink      *link,
                                              GArray         *events);

/* dx-connection-request.c */
DxNetLink *_dx_connection_new_link           (DxConnection   *self,
                                              GError        **error);

/* dx-connection-control.c */
void       _dx_connection_start_heartbeat    (DxConnection   *self);
void       _dx_connection_stop_heartbeat     (DxConnection   *self);
void       _dx_connection_apply_pong         (DxConnection   *self,
                                              DxNetEvent     *event);

/* dx-connection-reconnect.c */
void       _dx_connection_maybe_reconnect    (DxConnection   *self);
void       _dx_connection_cancel_reconnect   (DxConnection   *self);

G_END_DECLS
