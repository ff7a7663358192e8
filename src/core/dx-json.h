/* dx-json.h — checking JSON before it is sent
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean dx_json_check (const char  *text,
                        guint       *error_line,
                        guint       *error_column,
                        GError     **error);

G_END_DECLS
