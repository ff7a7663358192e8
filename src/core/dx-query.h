/* dx-query.h — a URL's query string as enable/key/value rows and back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

char  *dx_query_split_url (const char *url,
                           GListStore *params);
char  *dx_query_build     (GListModel *params);
char  *dx_query_join_url  (const char *base,
                           GListModel *params);
char     *dx_query_replace_in_url (const char *url,
                                   const char *query);
gboolean  dx_query_rows_match_url (GListModel *params,
                                   const char *url);
void      dx_query_update_rows    (GListStore *params,
                                   const char *url);

G_END_DECLS
