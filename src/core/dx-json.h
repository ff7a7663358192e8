/* dx-json.h — checking, pretty-printing and minifying JSON before it is sent
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
char     *dx_json_pretty (const char  *text,
                          GError     **error);
char     *dx_json_minify (const char  *text,
                          GError     **error);

G_END_DECLS
