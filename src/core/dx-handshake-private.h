/* dx-handshake-private.h — made on the network thread, read on the main one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

#include "dx-handshake.h"

G_BEGIN_DECLS

DxHandshake *_dx_handshake_new (SoupMessage *message,
                                gint64       duration_us,
                                GBytes      *response_body);

G_END_DECLS
