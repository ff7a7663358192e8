/* dx-interop-peer.h — a peer we did not write, run as a child process: it
 * prints "PORT <n>" once it listens and stops when its stdin closes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

guint    dx_interop_peer_read_port    (GSubprocess  *process,
                                       const char   *who,
                                       GError      **error);
gboolean dx_interop_peer_wait_or_kill (GSubprocess  *process);
void     dx_interop_peer_stop         (GSubprocess  *process,
                                       const char   *who);

G_END_DECLS
