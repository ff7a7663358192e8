/* dx-matcher-private.h — JSON helpers the matchers share with the runner's
 * captures
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "dx-matcher.h"

G_BEGIN_DECLS

JsonNode *_dx_matcher_parse_json   (const char  *text,
                                    gsize        length,
                                    GError     **error);
JsonNode *_dx_matcher_select_path  (JsonNode    *root,
                                    const char  *path,
                                    GError     **error);
char     *_dx_matcher_node_to_text (JsonNode    *node);
char     *_dx_matcher_node_to_json (JsonNode    *node);

G_END_DECLS
