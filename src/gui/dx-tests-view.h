/* dx-tests-view.h — a session's scenarios: edit them, run them, read how
 * they went
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "dx-connection.h"
#include "dx-run-result.h"
#include "dx-scenario.h"

G_BEGIN_DECLS

#define DX_TYPE_TESTS_VIEW (dx_tests_view_get_type ())
G_DECLARE_FINAL_TYPE (DxTestsView, dx_tests_view, DX, TESTS_VIEW, GtkWidget)

GtkWidget   *dx_tests_view_new               (void);
void         dx_tests_view_bind              (DxTestsView  *self,
                                              DxConnection *connection);
void         dx_tests_view_set_library       (DxTestsView  *self,
                                              GListModel   *library);
DxScenario  *dx_tests_view_get_selected      (DxTestsView  *self);
void         dx_tests_view_select            (DxTestsView  *self,
                                              guint         position);
void         dx_tests_view_select_step       (DxTestsView  *self,
                                              guint         position);
gboolean     dx_tests_view_get_running       (DxTestsView  *self);
void         dx_tests_view_run               (DxTestsView  *self);
void         dx_tests_view_run_all           (DxTestsView  *self);
void         dx_tests_view_stop              (DxTestsView  *self);
DxRunResult *dx_tests_view_get_result        (DxTestsView  *self,
                                              DxScenario   *scenario);
const char  *dx_tests_view_get_result_text   (DxTestsView  *self);
GtkWidget   *dx_tests_view_get_step_editor   (DxTestsView  *self);

G_END_DECLS
