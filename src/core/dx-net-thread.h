/* dx-net-thread.h — the one thread every socket lives on
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

GMainContext *dx_net_thread_get_context (void);
SoupSession  *dx_net_thread_get_session (void);
gboolean      dx_net_thread_is_current  (void);
void          dx_net_thread_invoke      (GSourceFunc     func,
                                         gpointer        data,
                                         GDestroyNotify  notify);

G_END_DECLS
