/* dx-echo-server.h — the built-in local echo server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define DX_TYPE_ECHO_SERVER (dx_echo_server_get_type ())
G_DECLARE_FINAL_TYPE (DxEchoServer, dx_echo_server, DX, ECHO_SERVER, GObject)

DxEchoServer *dx_echo_server_new         (void);
void          dx_echo_server_set_tls_certificate (DxEchoServer    *self,
                                                  GTlsCertificate *certificate);
gboolean      dx_echo_server_start       (DxEchoServer  *self,
                                          guint          port,
                                          GError       **error);
void          dx_echo_server_stop        (DxEchoServer  *self);
guint         dx_echo_server_get_port    (DxEchoServer  *self);
char         *dx_echo_server_dup_url     (DxEchoServer  *self,
                                          const char    *path);
const char * const *dx_echo_server_get_protocols (void);

G_END_DECLS
