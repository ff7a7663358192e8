/* dx-handshake.h — what one connection attempt sent and got back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define DX_TYPE_HANDSHAKE (dx_handshake_get_type ())
G_DECLARE_FINAL_TYPE (DxHandshake, dx_handshake, DX, HANDSHAKE, GObject)

const char         *dx_handshake_get_url               (DxHandshake *self);
const char * const *dx_handshake_get_request_headers   (DxHandshake *self);
guint               dx_handshake_get_status            (DxHandshake *self);
const char         *dx_handshake_get_reason            (DxHandshake *self);
const char * const *dx_handshake_get_response_headers  (DxHandshake *self);
const char         *dx_handshake_get_protocol          (DxHandshake *self);
const char         *dx_handshake_get_extensions        (DxHandshake *self);
gint64              dx_handshake_get_duration          (DxHandshake *self);
GBytes             *dx_handshake_get_response_body     (DxHandshake *self);
gboolean            dx_handshake_get_tls               (DxHandshake *self);
const char         *dx_handshake_get_tls_subject       (DxHandshake *self);
const char         *dx_handshake_get_tls_issuer        (DxHandshake *self);
GDateTime          *dx_handshake_get_tls_not_before    (DxHandshake *self);
GDateTime          *dx_handshake_get_tls_not_after     (DxHandshake *self);
GTlsCertificateFlags dx_handshake_get_tls_errors       (DxHandshake *self);
const char         *dx_handshake_lookup_request_header (DxHandshake *self,
                                                        const char  *name);
const char         *dx_handshake_lookup_response_header (DxHandshake *self,
                                                         const char  *name);
char               *dx_handshake_dup_text              (DxHandshake *self);

char               *dx_tls_errors_describe             (GTlsCertificateFlags flags);

G_END_DECLS
