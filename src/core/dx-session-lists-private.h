/* dx-session-lists-private.h — the lists of objects a session saves
 *
 * Settings and workspace files keep them the same way: one JSON array per
 * list, under the member named here, read and written by the list's own
 * code. A new kind of list is one more row.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "dx-saved-message.h"
#include "dx-scenario-json.h"
#include "dx-session.h"

G_BEGIN_DECLS

typedef struct {
  const char  *member;
  GListStore *(*get)       (DxSession   *session);
  JsonNode   *(*to_json)   (GListModel  *list);
  gboolean    (*load_json) (GListStore  *list,
                            JsonNode    *node,
                            JsonNode   **error_node,
                            GError     **error);
} DxSessionList;

static const DxSessionList dx_session_lists[] = {
  { "saved-messages", dx_session_get_saved_messages, dx_saved_messages_to_json, dx_saved_messages_load_json },
  { "scenarios", dx_session_get_scenarios, dx_scenarios_to_json, dx_scenarios_load_json },
};

G_END_DECLS
