/* dx-handshake-view.h — the latest handshake of a connection, readable
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "dx-connection.h"

G_BEGIN_DECLS

#define DX_TYPE_HANDSHAKE_VIEW (dx_handshake_view_get_type ())
G_DECLARE_FINAL_TYPE (DxHandshakeView, dx_handshake_view, DX, HANDSHAKE_VIEW, GtkWidget)

void          dx_handshake_view_set_connection (DxHandshakeView *self,
                                                DxConnection    *connection);
const char   *dx_handshake_view_get_summary    (DxHandshakeView *self);
char         *dx_handshake_view_dup_text       (DxHandshakeView *self);

G_END_DECLS
