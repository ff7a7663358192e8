/* dx-session.h — a saved endpoint and its history
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "dx-history.h"

G_BEGIN_DECLS

#define DX_DEFAULT_MAX_INCOMING_SIZE (16 * 1024 * 1024)
#define DX_DEFAULT_CONNECT_TIMEOUT   10
#define DX_DEFAULT_RECONNECT_DELAY   2

#define DX_TYPE_SESSION (dx_session_get_type ())
G_DECLARE_FINAL_TYPE (DxSession, dx_session, DX, SESSION, GObject)

DxSession          *dx_session_new                   (const char  *name,
                                                      const char  *url);
const char         *dx_session_get_name              (DxSession   *self);
void                dx_session_set_name              (DxSession   *self,
                                                      const char  *name);
const char         *dx_session_get_url               (DxSession   *self);
void                dx_session_set_url               (DxSession   *self,
                                                      const char  *url);
GListStore         *dx_session_get_params            (DxSession   *self);
GListStore         *dx_session_get_headers           (DxSession   *self);
const char * const *dx_session_get_subprotocols      (DxSession   *self);
void                dx_session_set_subprotocols      (DxSession   *self,
                                                      const char * const *subprotocols);
guint64             dx_session_get_max_incoming_size (DxSession   *self);
void                dx_session_set_max_incoming_size (DxSession   *self,
                                                      guint64      size);
const char         *dx_session_get_ca_file           (DxSession   *self);
void                dx_session_set_ca_file           (DxSession   *self,
                                                      const char  *path);
DxHistory          *dx_session_get_history           (DxSession   *self);
GUri               *dx_session_build_uri             (DxSession   *self,
                                                      GError     **error);
GUri               *dx_session_expand_uri            (DxSession   *self,
                                                      GListModel  *variables,
                                                      GError     **error);
const char         *dx_session_get_id                (DxSession   *self);
const char         *dx_session_get_origin            (DxSession   *self);
guint               dx_session_get_connect_timeout   (DxSession   *self);
guint               dx_session_get_keepalive_interval (DxSession  *self);
guint               dx_session_get_reconnect_attempts (DxSession  *self);
guint               dx_session_get_reconnect_delay   (DxSession   *self);
gboolean            dx_session_get_accept_invalid_certificates (DxSession *self);
guint               dx_session_get_heartbeat_interval (DxSession  *self);
const char         *dx_session_get_heartbeat_message (DxSession   *self);
const char         *dx_session_get_heartbeat_saved_message (DxSession *self);
GListStore         *dx_session_get_saved_messages    (DxSession   *self);
GListStore         *dx_session_get_scenarios         (DxSession   *self);
DxSession          *dx_session_duplicate             (DxSession   *self,
                                                      const char  *name);

G_END_DECLS
