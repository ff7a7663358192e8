/* dx-scenario.h — a named list of steps that tests a WebSocket endpoint
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "dx-scenario-step.h"

G_BEGIN_DECLS

/* dx-run-result.h includes this header; C11 allows the typedef twice */
typedef struct _DxRunResult DxRunResult;

#define DX_TYPE_SCENARIO (dx_scenario_get_type ())
G_DECLARE_FINAL_TYPE (DxScenario, dx_scenario, DX, SCENARIO, GObject)

DxScenario  *dx_scenario_new             (const char     *name);
DxScenario  *dx_scenario_duplicate       (DxScenario     *self,
                                          const char     *name);
const char  *dx_scenario_get_name        (DxScenario     *self);
void         dx_scenario_set_name        (DxScenario     *self,
                                          const char     *name);
GListStore  *dx_scenario_get_steps       (DxScenario     *self);
void         dx_scenario_add_step        (DxScenario     *self,
                                          DxScenarioStep *step);
GListStore  *dx_scenario_get_variables   (DxScenario     *self);
DxRunResult *dx_scenario_get_last_result (DxScenario     *self);
void         dx_scenario_set_last_result (DxScenario     *self,
                                          DxRunResult    *result);
guint        dx_scenario_count_enabled   (DxScenario     *self);
gboolean     dx_scenario_connects        (DxScenario     *self);
gboolean     dx_scenario_validate        (DxScenario     *self,
                                          guint          *step_index,
                                          GError        **error);
DxScenario  *dx_scenario_find            (GListModel     *scenarios,
                                          const char     *name,
                                          guint          *position);

G_END_DECLS
