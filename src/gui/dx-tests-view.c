/* dx-tests-view.c — a session's scenarios: edit them, run them, read how
 * they went
 *
 * Three panes: the session's scenarios with how each last run went, the
 * steps of the one selected with their live pass/fail, and the editor of
 * the step selected. Runs go through the session view's own connection,
 * so their messages are in the history like any other. The run going on
 * shows live; otherwise each scenario shows the last run it keeps, which
 * the workspace saves, until it runs again. Running is in
 * dx-tests-view-run.c, the actions in dx-tests-view-actions.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "dx-tests-view-private.h"


G_DEFINE_FINAL_TYPE (DxTestsView, dx_tests_view, GTK_TYPE_WIDGET)

static void show_scenario (DxTestsView *self,
                           DxScenario  *scenario);

GListStore *
_dx_tests_view_scenarios (DxTestsView *self)
{
  return dx_session_get_scenarios (self->session);
}

GListStore *
_dx_tests_view_shown_steps (DxTestsView *self)
{
  return self->shown ? dx_scenario_get_steps (self->shown) : NULL;
}

/* The run going on, or the last one the scenario keeps */
static DxRunResult *
result_of (DxTestsView *self,
           DxScenario  *scenario)
{
  if (scenario == NULL)
    return NULL;
  if (self->live != NULL && dx_run_result_get_scenario (self->live) == scenario)
    return self->live;
  return dx_scenario_get_last_result (scenario);
}

static DxStepResult *
find_step_result (DxRunResult    *result,
                  DxScenarioStep *step)
{
  GListModel *steps;

  if (result == NULL)
    return NULL;

  steps = dx_run_result_get_steps (result);
  for (guint i = 0; i < g_list_model_get_n_items (steps); i++)
    {
      g_autoptr(DxStepResult) step_result = g_list_model_get_item (steps, i);

      if (dx_step_result_get_step (step_result) == step)
        return step_result;
    }
  return NULL;
}

/* ---- how runs went -------------------------------------------------------- */

/* One line for a scenario's last run: the list's subtitle and the line
 * above the steps */
static char *
dup_result_text (DxRunResult *result)
{
  guint passed, failed, total;
  g_autofree char *duration = NULL;

  if (result == NULL)
    return g_strdup (_("Not run yet"));

  passed = dx_run_result_count (result, DX_STEP_STATUS_PASSED);
  failed = dx_run_result_count (result, DX_STEP_STATUS_FAILED);
  total = g_list_model_get_n_items (dx_run_result_get_steps (result));
  duration = dx_format_duration (dx_run_result_get_duration (result));

  switch (dx_run_result_get_status (result))
    {
    case DX_RUN_STATUS_RUNNING:
      return g_strdup_printf (_("Running: %u of %u steps passed"), passed, total);
    case DX_RUN_STATUS_PASSED:
      return g_strdup_printf (ngettext ("Passed: %u step in %s", "Passed: all %u steps in %s", total),
                              total, duration);
    case DX_RUN_STATUS_STOPPED:
      return g_strdup_printf (_("Stopped after %u of %u steps"), passed + failed, total);
    case DX_RUN_STATUS_FAILED:
    default:
      {
        DxStepResult *failed_step = dx_run_result_get_failed_step (result);

        if (failed_step != NULL)
          return g_strdup_printf (_("Failed at step %u of %u (%s) in %s"),
                                  dx_step_result_get_index (failed_step) + 1, total,
                                  dx_step_result_get_summary (failed_step), duration);
        return g_strdup_printf (_("Failed in %s"), duration);
      }
    }
}

static const char *
run_status_icon (DxRunResult *result)
{
  if (result == NULL)
    return "radio-symbolic";

  switch (dx_run_result_get_status (result))
    {
    case DX_RUN_STATUS_RUNNING:
      return dx_step_status_icon_name (DX_STEP_STATUS_RUNNING);
    case DX_RUN_STATUS_PASSED:
      return dx_step_status_icon_name (DX_STEP_STATUS_PASSED);
    case DX_RUN_STATUS_STOPPED:
      return dx_step_status_icon_name (DX_STEP_STATUS_SKIPPED);
    case DX_RUN_STATUS_FAILED:
    default:
      return dx_step_status_icon_name (DX_STEP_STATUS_FAILED);
    }
}

static const char * const run_classes[] = { "running", "passed", "failed", "stopped", NULL };

static void
style_by_result (GtkWidget   *widget,
                 DxRunResult *result)
{
  for (guint i = 0; run_classes[i]; i++)
    gtk_widget_remove_css_class (widget, run_classes[i]);
  if (result != NULL)
    gtk_widget_add_css_class (widget, run_classes[dx_run_result_get_status (result)]);
}

static void
update_scenario_row (DxTestsView   *self,
                     GtkListBoxRow *row)
{
  DxScenario *scenario = g_object_get_data (G_OBJECT (row), "scenario");
  DxRunResult *result = result_of (self, scenario);
  GtkImage *icon = g_object_get_data (G_OBJECT (row), "icon");
  GtkLabel *subtitle = g_object_get_data (G_OBJECT (row), "subtitle");
  g_autofree char *text = dup_result_text (result);

  gtk_image_set_from_icon_name (icon, run_status_icon (result));
  gtk_label_set_text (subtitle, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (subtitle), text);
  style_by_result (GTK_WIDGET (row), result);
}

void
_dx_tests_view_update_results (DxTestsView *self)
{
  DxRunResult *result = result_of (self, self->shown);
  g_autofree char *text = dup_result_text (result);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->scenarios_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (GTK_IS_LIST_BOX_ROW (row) && g_object_get_data (G_OBJECT (row), "scenario"))
      update_scenario_row (self, GTK_LIST_BOX_ROW (row));

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->steps_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (DX_IS_STEP_ROW (row))
      dx_step_row_set_result (DX_STEP_ROW (row),
                              find_step_result (result, dx_step_row_get_step (DX_STEP_ROW (row))));

  gtk_label_set_text (self->result_label, text);
  style_by_result (GTK_WIDGET (self->result_label), result);
}

void
_dx_tests_view_update_running (DxTestsView *self)
{
  gboolean running = dx_tests_view_get_running (self);

  gtk_widget_set_visible (self->run_button, !running);
  gtk_widget_set_visible (self->stop_button, running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tests.run", !running && self->shown != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tests.run-all", !running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tests.stop", running);
}

/* ---- the lists ------------------------------------------------------------- */

static GtkWidget *
create_scenario_row (gpointer item,
                     gpointer data)
{
  DxTestsView *self = data;
  DxScenario *scenario = item;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 9);
  GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *icon = gtk_image_new ();
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);

  gtk_widget_set_valign (icon, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (icon, "status-icon");
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_widget_add_css_class (subtitle, "dim-label");
  g_object_bind_property (scenario, "name", name, "label", G_BINDING_SYNC_CREATE);

  gtk_box_append (GTK_BOX (labels), name);
  gtk_box_append (GTK_BOX (labels), subtitle);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), labels);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_add_css_class (row, "scenario-row");

  g_object_set_data_full (G_OBJECT (row), "scenario", g_object_ref (scenario), g_object_unref);
  g_object_set_data (G_OBJECT (row), "icon", icon);
  g_object_set_data (G_OBJECT (row), "subtitle", subtitle);
  update_scenario_row (self, GTK_LIST_BOX_ROW (row));

  return row;
}

static void
rebuild_steps (DxTestsView *self)
{
  GListModel *steps = G_LIST_MODEL (_dx_tests_view_shown_steps (self));
  GtkListBoxRow *selected = gtk_list_box_get_selected_row (self->steps_list);
  guint keep = selected ? dx_step_row_get_position (DX_STEP_ROW (selected)) : 0;
  guint n = steps ? g_list_model_get_n_items (steps) : 0;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->steps_list))) != NULL)
    gtk_list_box_remove (self->steps_list, child);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DxScenarioStep) step = g_list_model_get_item (steps, i);

      gtk_list_box_append (self->steps_list, dx_step_row_new (step, i));
    }

  gtk_widget_set_visible (GTK_WIDGET (self->steps_list), n > 0);
  gtk_widget_set_visible (self->no_steps_label, n == 0);
  _dx_tests_view_update_results (self);

  if (n > 0)
    dx_tests_view_select_step (self, MIN (keep, n - 1));
  else
    dx_step_editor_set_step (DX_STEP_EDITOR (self->step_editor), NULL);
}

static void
steps_changed_cb (DxTestsView *self)
{
  rebuild_steps (self);
}

static void
update_variables_label (DxTestsView *self)
{
  guint n = self->shown ? g_list_model_get_n_items (G_LIST_MODEL (dx_scenario_get_variables (self->shown))) : 0;
  g_autofree char *label = n > 0 ? g_strdup_printf (_("Scenario _Variables (%u)"), n)
                                 : g_strdup (_("Scenario _Variables"));

  gtk_expander_set_label (self->variables_expander, label);
}

static void
show_scenario (DxTestsView *self,
               DxScenario  *scenario)
{
  if (self->shown == scenario)
    return;

  g_clear_pointer (&self->name_binding, g_binding_unbind);
  if (self->shown != NULL)
    {
      g_signal_handlers_disconnect_by_func (dx_scenario_get_steps (self->shown), steps_changed_cb, self);
      g_signal_handlers_disconnect_by_func (dx_scenario_get_variables (self->shown), update_variables_label, self);
    }
  g_set_object (&self->shown, scenario);

  if (scenario == NULL)
    {
      gtk_stack_set_visible_child_name (self->steps_stack, "empty");
      rebuild_steps (self);
      _dx_tests_view_update_running (self);
      return;
    }

  gtk_stack_set_visible_child_name (self->steps_stack, "steps");
  self->name_binding = g_object_bind_property (scenario, "name", self->name_entry, "text",
                                               G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_signal_connect_swapped (dx_scenario_get_steps (scenario), "items-changed", G_CALLBACK (steps_changed_cb), self);
  g_signal_connect_swapped (dx_scenario_get_variables (scenario), "items-changed", G_CALLBACK (update_variables_label), self);
  dx_field_editor_set_fields (self->variables_editor, dx_scenario_get_variables (scenario));
  update_variables_label (self);
  rebuild_steps (self);
  _dx_tests_view_update_running (self);
}

static void
scenario_selected_cb (DxTestsView   *self,
                      GtkListBoxRow *row)
{
  if (row != NULL)
    show_scenario (self, g_object_get_data (G_OBJECT (row), "scenario"));
}

static void
step_selected_cb (DxTestsView   *self,
                  GtkListBoxRow *row)
{
  dx_step_editor_set_step (DX_STEP_EDITOR (self->step_editor),
                           row ? dx_step_row_get_step (DX_STEP_ROW (row)) : NULL);
}

/* The list box made new rows: select the scenario shown, or the nearest */
static void
scenarios_changed_cb (DxTestsView *self,
                      guint        position,
                      guint        removed,
                      guint        added)
{
  GListStore *scenarios = _dx_tests_view_scenarios (self);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (scenarios));
  guint shown;

  if (n == 0)
    show_scenario (self, NULL);
  else if (self->shown != NULL && g_list_store_find (scenarios, self->shown, &shown))
    dx_tests_view_select (self, shown);
  else
    dx_tests_view_select (self, MIN (position, n - 1));
}

/* ---- the object ------------------------------------------------------------- */

static void
dx_tests_view_dispose (GObject *object)
{
  DxTestsView *self = DX_TESTS_VIEW (object);

  if (self->queue)
    dx_tests_view_stop (self);
  _dx_tests_view_watch_live (self, NULL);
  show_scenario (self, NULL);
  if (self->session)
    g_signal_handlers_disconnect_by_data (_dx_tests_view_scenarios (self), self);
  gtk_widget_dispose_template (GTK_WIDGET (self), DX_TYPE_TESTS_VIEW);
  g_clear_object (&self->runner);
  g_clear_object (&self->connection);
  g_clear_object (&self->session);
  g_clear_object (&self->library);
  g_clear_object (&self->deleted);
  g_clear_pointer (&self->queue, g_ptr_array_unref);

  G_OBJECT_CLASS (dx_tests_view_parent_class)->dispose (object);
}

static void
dx_tests_view_class_init (DxTestsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dx_tests_view_dispose;

  g_type_ensure (DX_TYPE_FIELD_EDITOR);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "gui/dx-tests-view.ui");
  gtk_widget_class_bind_template_child (widget_class, DxTestsView, outer_paned);
  gtk_widget_class_bind_template_child (widget_class, DxTestsView, scenarios_list);
  gtk_widget_class_bind_template_child (widget_class, DxTestsView, steps_stack);
  gtk_widget_class_bind_template_child (widget_class, DxTestsView, name_entry);
  gtk_widget_class_bind_template_child (widget_class, DxTestsView, run_button);
  gtk_widget_class_bind_template_child (widget_class, DxTestsView, stop_button);
  gtk_widget_class_bind_template_child (widget_class, DxTestsView, result_label);
  gtk_widget_class_bind_template_child (widget_class, DxTestsView, steps_list);
  gtk_widget_class_bind_template_child (widget_class, DxTestsView, no_steps_label);
  gtk_widget_class_bind_template_child (widget_class, DxTestsView, variables_expander);
  gtk_widget_class_bind_template_child (widget_class, DxTestsView, variables_editor);
  gtk_widget_class_bind_template_child (widget_class, DxTestsView, editor_box);

  _dx_tests_view_install_actions (widget_class);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "testsview");
}

static void
dx_tests_view_init (DxTestsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->queue = g_ptr_array_new_with_free_func (g_object_unref);
  self->step_editor = dx_step_editor_new ();
  gtk_widget_set_hexpand (self->step_editor, TRUE);
  gtk_box_append (GTK_BOX (self->editor_box), self->step_editor);

  g_signal_connect_swapped (self->scenarios_list, "row-selected", G_CALLBACK (scenario_selected_cb), self);
  g_signal_connect_swapped (self->steps_list, "row-selected", G_CALLBACK (step_selected_cb), self);
  _dx_tests_view_update_running (self);
}

GtkWidget *
dx_tests_view_new (void)
{
  return g_object_new (DX_TYPE_TESTS_VIEW, NULL);
}

/**
 * dx_tests_view_bind:
 * @connection: the session view's connection, which runs go through, with
 *   the variables it has
 *
 * Shows the scenarios of @connection's session; call once.
 */
void
dx_tests_view_bind (DxTestsView  *self,
                    DxConnection *connection)
{
  GListModel *scenarios;

  g_return_if_fail (DX_IS_TESTS_VIEW (self));
  g_return_if_fail (DX_IS_CONNECTION (connection));
  g_return_if_fail (self->connection == NULL);

  self->connection = g_object_ref (connection);
  self->session = g_object_ref (dx_connection_get_session (connection));

  self->runner = dx_runner_new (connection);
  dx_runner_set_saved_messages (self->runner, G_LIST_MODEL (dx_session_get_saved_messages (self->session)));
  dx_tests_view_set_library (self, NULL);

  scenarios = G_LIST_MODEL (_dx_tests_view_scenarios (self));
  gtk_list_box_bind_model (self->scenarios_list, scenarios, create_scenario_row, self, NULL);
  /* After the list box has made its rows */
  g_signal_connect_swapped (scenarios, "items-changed", G_CALLBACK (scenarios_changed_cb), self);

  if (g_list_model_get_n_items (scenarios) > 0)
    dx_tests_view_select (self, 0);
  else
    show_scenario (self, NULL);
}

/**
 * dx_tests_view_set_library:
 * @library: (nullable): the workspace's saved messages, which send steps
 *   may name
 */
void
dx_tests_view_set_library (DxTestsView *self,
                           GListModel  *library)
{
  g_return_if_fail (DX_IS_TESTS_VIEW (self));
  g_return_if_fail (self->runner != NULL);

  g_set_object (&self->library, library);
  dx_runner_set_library (self->runner, library);
  dx_step_editor_set_saved_messages (DX_STEP_EDITOR (self->step_editor),
                                     G_LIST_MODEL (dx_session_get_saved_messages (self->session)), library);
}

/**
 * dx_tests_view_get_selected:
 *
 * Returns: (transfer none) (nullable): the scenario whose steps are shown
 */
DxScenario *
dx_tests_view_get_selected (DxTestsView *self)
{
  g_return_val_if_fail (DX_IS_TESTS_VIEW (self), NULL);
  return self->shown;
}

void
dx_tests_view_select (DxTestsView *self,
                      guint        position)
{
  GtkListBoxRow *row;

  g_return_if_fail (DX_IS_TESTS_VIEW (self));

  row = gtk_list_box_get_row_at_index (self->scenarios_list, position);
  if (row != NULL)
    gtk_list_box_select_row (self->scenarios_list, row);
}

void
dx_tests_view_select_step (DxTestsView *self,
                           guint        position)
{
  GtkListBoxRow *row;

  g_return_if_fail (DX_IS_TESTS_VIEW (self));

  row = gtk_list_box_get_row_at_index (self->steps_list, position);
  if (row != NULL)
    gtk_list_box_select_row (self->steps_list, row);
}

/**
 * dx_tests_view_get_result:
 *
 * Returns: (transfer none) (nullable): how @scenario's run is going, or
 *   how its last run went
 */
DxRunResult *
dx_tests_view_get_result (DxTestsView *self,
                          DxScenario  *scenario)
{
  g_return_val_if_fail (DX_IS_TESTS_VIEW (self), NULL);
  return result_of (self, scenario);
}

/**
 * dx_tests_view_get_result_text:
 *
 * Returns: the line above the steps: how the shown scenario's last run went
 */
const char *
dx_tests_view_get_result_text (DxTestsView *self)
{
  g_return_val_if_fail (DX_IS_TESTS_VIEW (self), NULL);
  return gtk_label_get_text (self->result_label);
}

GtkWidget *
dx_tests_view_get_step_editor (DxTestsView *self)
{
  g_return_val_if_fail (DX_IS_TESTS_VIEW (self), NULL);
  return self->step_editor;
}
