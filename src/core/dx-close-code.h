/* dx-close-code.h — what WebSocket close codes mean
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

const char *dx_close_code_get_meaning (guint code);
char       *dx_close_code_describe    (guint code,
                                       const char *reason);
gboolean    dx_close_code_check       (guint        code,
                                       const char  *reason,
                                       GError     **error);

G_END_DECLS
