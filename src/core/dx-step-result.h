/* dx-step-result.h — how one step of a run went
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "dx-scenario-step.h"

G_BEGIN_DECLS

typedef enum {
  DX_STEP_STATUS_PENDING,
  DX_STEP_STATUS_RUNNING,
  DX_STEP_STATUS_PASSED,
  DX_STEP_STATUS_FAILED,
  DX_STEP_STATUS_SKIPPED,
} DxStepStatus;

#define DX_TYPE_STEP_STATUS (dx_step_status_get_type ())
GType dx_step_status_get_type (void) G_GNUC_CONST;

#define DX_TYPE_STEP_RESULT (dx_step_result_get_type ())
G_DECLARE_FINAL_TYPE (DxStepResult, dx_step_result, DX, STEP_RESULT, GObject)

DxScenarioStep *dx_step_result_get_step     (DxStepResult   *self);
guint           dx_step_result_get_index    (DxStepResult   *self);
DxStepStatus    dx_step_result_get_status   (DxStepResult   *self);
gint64          dx_step_result_get_duration (DxStepResult   *self);
const char     *dx_step_result_get_summary  (DxStepResult   *self);
const char     *dx_step_result_get_message  (DxStepResult   *self);
const char     *dx_step_result_get_expected (DxStepResult   *self);
const char     *dx_step_result_get_actual   (DxStepResult   *self);

const char     *dx_step_status_to_string    (DxStepStatus    status);

G_END_DECLS
