/* dx-step-row.h — one step of a scenario, and how it went in the last run
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "dx-scenario-step.h"
#include "dx-step-result.h"

G_BEGIN_DECLS

#define DX_TYPE_STEP_ROW (dx_step_row_get_type ())
G_DECLARE_FINAL_TYPE (DxStepRow, dx_step_row, DX, STEP_ROW, GtkListBoxRow)

GtkWidget       *dx_step_row_new         (DxScenarioStep  *step,
                                          guint            position);
DxScenarioStep  *dx_step_row_get_step    (DxStepRow       *self);
guint            dx_step_row_get_position (DxStepRow      *self);
void             dx_step_row_set_result  (DxStepRow       *self,
                                          DxStepResult    *result);
DxStepStatus     dx_step_row_get_status  (DxStepRow       *self);
const char      *dx_step_row_get_detail  (DxStepRow       *self);

const char      *dx_step_status_icon_name (DxStepStatus   status);

G_END_DECLS
