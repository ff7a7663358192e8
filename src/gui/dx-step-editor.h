/* dx-step-editor.h — edits one step of a scenario, and its matchers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "dx-scenario-step.h"

G_BEGIN_DECLS

#define DX_TYPE_STEP_EDITOR (dx_step_editor_get_type ())
G_DECLARE_FINAL_TYPE (DxStepEditor, dx_step_editor, DX, STEP_EDITOR, GtkWidget)

GtkWidget      *dx_step_editor_new                (void);
void            dx_step_editor_set_step           (DxStepEditor   *self,
                                                   DxScenarioStep *step);
DxScenarioStep *dx_step_editor_get_step           (DxStepEditor   *self);
void            dx_step_editor_set_saved_messages (DxStepEditor   *self,
                                                   GListModel     *session_saved,
                                                   GListModel     *library);

G_END_DECLS
