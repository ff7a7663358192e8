/* dx-run-result.h — how a run of one scenario went
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "dx-scenario.h"
#include "dx-step-result.h"

G_BEGIN_DECLS

typedef enum {
  DX_RUN_STATUS_RUNNING,
  DX_RUN_STATUS_PASSED,
  DX_RUN_STATUS_FAILED,
  DX_RUN_STATUS_STOPPED,
} DxRunStatus;

#define DX_TYPE_RUN_STATUS (dx_run_status_get_type ())
GType dx_run_status_get_type (void) G_GNUC_CONST;

#define DX_TYPE_RUN_RESULT (dx_run_result_get_type ())
G_DECLARE_FINAL_TYPE (DxRunResult, dx_run_result, DX, RUN_RESULT, GObject)

DxScenario   *dx_run_result_get_scenario     (DxRunResult  *self);
const char   *dx_run_result_get_name         (DxRunResult  *self);
GListModel   *dx_run_result_get_steps        (DxRunResult  *self);
DxStepResult *dx_run_result_get_failed_step  (DxRunResult  *self);
DxRunStatus   dx_run_result_get_status       (DxRunResult  *self);
gint64        dx_run_result_get_duration     (DxRunResult  *self);
gint64        dx_run_result_get_finished     (DxRunResult  *self);
guint         dx_run_result_count            (DxRunResult  *self,
                                              DxStepStatus  status);

G_END_DECLS
