/* dx-scenario-json.h — scenarios in workspace files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "dx-scenario.h"

G_BEGIN_DECLS

#define DX_SCENARIO_ERROR (dx_scenario_error_quark ())
GQuark dx_scenario_error_quark (void);

typedef enum {
  DX_SCENARIO_ERROR_INVALID,
} DxScenarioError;

JsonNode   *dx_scenario_to_json          (DxScenario  *self);
DxScenario *dx_scenario_new_from_json    (JsonNode    *node,
                                          JsonNode   **error_node,
                                          GError     **error);
JsonNode   *dx_scenarios_to_json         (GListModel  *scenarios);
gboolean    dx_scenarios_load_json       (GListStore  *scenarios,
                                          JsonNode    *node,
                                          JsonNode   **error_node,
                                          GError     **error);

G_END_DECLS
