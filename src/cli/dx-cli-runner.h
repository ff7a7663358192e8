/* dx-cli-runner.h — one scenario run by the core's DxRunner, its results
 * copied into the CLI's report as they come
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "dx-cli-report.h"
#include "dx-connection.h"
#include "dx-scenario.h"

G_BEGIN_DECLS

typedef struct _DxCliRunner DxCliRunner;

typedef void (*DxCliStepFunc)     (DxCliStep     *step,
                                   gpointer       data);
typedef void (*DxCliScenarioFunc) (DxCliScenario *scenario,
                                   gpointer       data);

DxCliRunner *dx_cli_runner_new   (DxConnection      *connection,
                                  DxScenario        *scenario,
                                  GListModel        *variables,
                                  GListModel        *overrides,
                                  double             timeout_scale,
                                  DxCliScenario     *report);
void         dx_cli_runner_set_library (DxCliRunner *self,
                                        GListModel  *library);
void         dx_cli_runner_start (DxCliRunner       *self,
                                  DxCliStepFunc      step_finished,
                                  DxCliScenarioFunc  finished,
                                  gpointer           data);
void         dx_cli_runner_stop  (DxCliRunner       *self);
void         dx_cli_runner_free  (DxCliRunner       *self);

G_END_DECLS
