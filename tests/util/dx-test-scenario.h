/* dx-test-scenario.h — scenarios in tests: written as JSON, run and
 * checked, and the samples the workspace tests (settings store, workspace
 * files) build alike
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dx-runner.h"
#include "dx-saved-message.h"
#include "dx-scenario.h"

G_BEGIN_DECLS

void          dx_test_add_saved              (GListStore    *list,
                                              const char    *name,
                                              const char    *note,
                                              DxSavedFormat  format,
                                              const char    *content);
DxScenario   *dx_test_scenario_with_last_run (DxScenario    *scenario);

DxScenario   *dx_test_scenario_from_json     (const char    *json);
DxRunResult  *dx_test_run_scenario           (DxRunner      *runner,
                                              DxScenario    *scenario);
DxRunResult  *dx_test_run_json               (DxRunner      *runner,
                                              const char    *json);
DxStepResult *dx_test_step_result            (DxRunResult   *result,
                                              guint          index);
void          dx_test_print_run_result       (DxRunResult   *result);
void          dx_test_assert_passed          (DxRunResult   *result);
void          dx_test_assert_failed_at       (DxRunResult   *result,
                                              guint          index,
                                              const char    *message);

G_END_DECLS
