/* dx-tests-view-private.h — what the tests view's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "dx-field-editor.h"
#include "dx-runner.h"
#include "dx-step-editor.h"
#include "dx-step-row.h"
#include "dx-tests-view.h"

G_BEGIN_DECLS

struct _DxTestsView
{
  GtkWidget     parent_instance;

  GtkWidget    *outer_paned;
  GtkListBox   *scenarios_list;
  GtkStack     *steps_stack;
  GtkEntry     *name_entry;
  GtkWidget    *run_button;
  GtkWidget    *stop_button;
  GtkLabel     *result_label;
  GtkListBox   *steps_list;
  GtkWidget    *no_steps_label;
  GtkExpander  *variables_expander;
  DxFieldEditor *variables_editor;
  GtkWidget    *editor_box;
  GtkWidget    *step_editor;

  DxConnection *connection;
  DxSession    *session;
  GListModel   *library;
  DxRunner     *runner;
  DxScenario   *shown;          /* whose steps are listed */
  GBinding     *name_binding;
  GPtrArray    *queue;          /* DxScenario, still to run */
  DxRunResult  *live;           /* the run going on */
  gboolean      waiting_for_close;

  /* What Undo brings back */
  GObject      *deleted;
  guint         deleted_position;
};

GListStore *_dx_tests_view_scenarios       (DxTestsView    *self);
GListStore *_dx_tests_view_shown_steps     (DxTestsView    *self);
void        _dx_tests_view_update_results  (DxTestsView    *self);
void        _dx_tests_view_update_running  (DxTestsView    *self);
void        _dx_tests_view_watch_live      (DxTestsView    *self,
                                            DxRunResult    *result);
void        _dx_tests_view_run_scenarios   (DxTestsView    *self,
                                            GListModel     *scenarios);
void        _dx_tests_view_install_actions (GtkWidgetClass *widget_class);

G_END_DECLS
