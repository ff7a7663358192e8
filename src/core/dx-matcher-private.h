/* dx-matcher-private.h — what the matcher files share with each other and
 * with the runner's captures
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "dx-matcher.h"

G_BEGIN_DECLS

/* dx-matcher-json.c */
JsonNode   *_dx_matcher_parse_json      (const char    *text,
                                         gsize          length,
                                         GError       **error);
JsonNode   *_dx_matcher_select_path     (JsonNode      *root,
                                         const char    *path,
                                         GError       **error);
char       *_dx_matcher_node_to_text    (JsonNode      *node);
char       *_dx_matcher_node_to_json    (JsonNode      *node);
const char *_dx_matcher_node_type_name  (JsonNode      *node);
gboolean    _dx_matcher_nodes_equal     (JsonNode      *a,
                                         JsonNode      *b);

/* dx-matcher-describe.c */
gboolean    _dx_matcher_is_text         (const char    *data,
                                         gsize          size);
char       *_dx_matcher_quote_text      (const char    *text,
                                         gsize          length);
char       *_dx_matcher_quote_bytes     (const guint8  *data,
                                         gsize          size);
char       *_dx_matcher_dup_expectation (DxMatcher     *self,
                                         const char    *value);

G_END_DECLS
