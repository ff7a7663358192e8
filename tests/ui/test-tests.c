/* test-tests.c — scenarios in the window, as a tester builds and runs
 * them: add a scenario, add steps from the Add Step menu, write the
 * message and the matcher in the step editor, run it, read why it failed,
 * fix it, run it again; stop a run; and find the last run's result kept
 * in the workspace file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include <adwaita.h>

#include <json-glib/json-glib.h>

#include "dx-echo-server.h"
#include "dx-sample-session.h"
#include "dx-step-editor.h"
#include "dx-step-row.h"
#include "dx-test-echo.h"
#include "dx-test-util.h"
#include "dx-test-widgets.h"
#include "dx-tests-view.h"
#include "dx-window.h"
#include "dx-workspace-io.h"

static DxEchoServer *server;

static gboolean
is_type (GtkWidget     *widget,
         gconstpointer  type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (type));
}

static gboolean
is_named (GtkWidget     *widget,
          gconstpointer  name)
{
  return gtk_widget_get_mapped (widget) && g_strcmp0 (gtk_widget_get_name (widget), name) == 0;
}

/* A GtkStackSwitcher's button shows its page's title in a label */
static gboolean
is_toggle_showing (GtkWidget     *widget,
                   gconstpointer  text)
{
  GtkWidget *child;

  if (!GTK_IS_TOGGLE_BUTTON (widget) || !gtk_widget_get_mapped (widget))
    return FALSE;
  child = gtk_button_get_child (GTK_BUTTON (widget));
  return GTK_IS_LABEL (child) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (child)), text) == 0;
}

static GtkWidget *
find (GtkWidget        *root,
      DxTestWidgetMatch match,
      gconstpointer     data)
{
  GtkWidget *found = dx_test_find_widget (root, match, data);

  g_assert_nonnull (found);
  return found;
}

static DxWindow *
open_window (void)
{
  g_autoptr(DxWorkspace) workspace = dx_workspace_new ();
  g_autofree char *url = dx_echo_server_dup_url (server, "/echo");
  g_autoptr(DxSession) session = dx_session_new ("Echo", url);
  DxWindow *window;

  g_list_store_append (dx_workspace_get_sessions (workspace), session);
  window = dx_window_new (NULL, workspace);
  gtk_window_present (GTK_WINDOW (window));
  dx_test_spin (100);
  return window;
}

static DxTestsView *
show_tests (DxWindow *window)
{
  GtkWidget *tab = find (GTK_WIDGET (window), is_toggle_showing, "Tests");

  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (tab), TRUE);
  dx_test_spin (50);
  return dx_session_view_get_tests_view (dx_window_get_view (window));
}

/* What choosing an item of the Add Step menu does */
static void
add_step (DxTestsView *view,
          const char  *kind)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "tests.add-step", "s", kind));
  dx_test_spin (50);
}

static GtkWidget *
editor (DxTestsView *view)
{
  return dx_tests_view_get_step_editor (view);
}

static void
write_message (DxTestsView *view,
               const char  *text)
{
  GtkWidget *text_view = find (editor (view), is_type, GSIZE_TO_POINTER (GTK_TYPE_TEXT_VIEW));

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (text_view)), text, -1);
}

/* The steps' list is the one whose rows are DxStepRows */
static DxStepRow *
step_row (DxTestsView *view,
          guint        position)
{
  GtkWidget *first = find (GTK_WIDGET (view), is_type, GSIZE_TO_POINTER (DX_TYPE_STEP_ROW));
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (gtk_widget_get_parent (first)), position);

  g_assert_true (DX_IS_STEP_ROW (row));
  return DX_STEP_ROW (row);
}

static gboolean
not_running (gpointer data)
{
  return !dx_tests_view_get_running (data);
}

static void
run_and_wait (DxWindow    *window,
              DxTestsView *view)
{
  dx_test_click (GTK_WIDGET (window), "_Run");
  g_assert_true (dx_tests_view_get_running (view));
  dx_test_wait_until (not_running, view, "the run to finish");
}

static void
test_build_and_run (void)
{
  DxWindow *window = open_window ();
  DxTestsView *view = show_tests (window);
  DxSession *session = dx_window_get_session (window);
  GListModel *scenarios = G_LIST_MODEL (dx_session_get_scenarios (session));
  g_autoptr(DxScenario) scenario = NULL;
  GtkWidget *matcher_row;
  DxStepRow *row;
  g_autofree char *file = NULL;

  /* No scenario yet: the page says what a scenario is and offers one */
  g_assert_null (dx_tests_view_get_selected (view));
  dx_test_click (GTK_WIDGET (window), "_Add Scenario");
  g_assert_cmpuint (g_list_model_get_n_items (scenarios), ==, 1);
  scenario = g_list_model_get_item (scenarios, 0);
  g_assert_true (dx_tests_view_get_selected (view) == scenario);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (dx_scenario_get_steps (scenario))), ==, 1);

  /* Its name is edited in place */
  gtk_editable_set_text (GTK_EDITABLE (find (GTK_WIDGET (view), dx_test_is_entry_with_text, "Scenario 1")),
                         "Echoes hello");
  g_assert_cmpstr (dx_scenario_get_name (scenario), ==, "Echoes hello");

  /* Send "hello", then expect "bye": the editor follows the new step */
  add_step (view, "send");
  g_assert_cmpint (dx_scenario_step_get_kind (dx_step_editor_get_step (DX_STEP_EDITOR (editor (view)))), ==, DX_STEP_SEND);
  write_message (view, "hello");
  add_step (view, "expect-message");
  dx_test_click (editor (view), "_Add Matcher");
  matcher_row = find (editor (view), is_named, "value");
  gtk_editable_set_text (GTK_EDITABLE (matcher_row), "bye");
  add_step (view, "close");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (dx_scenario_get_steps (scenario))), ==, 4);

  /* It fails at the expectation, and says what came instead */
  run_and_wait (window, view);
  g_test_message ("%s", dx_tests_view_get_result_text (view));
  g_assert_true (g_str_has_prefix (dx_tests_view_get_result_text (view), "Failed at step 3 of 4"));
  g_assert_cmpint (dx_step_row_get_status (step_row (view, 0)), ==, DX_STEP_STATUS_PASSED);
  g_assert_cmpint (dx_step_row_get_status (step_row (view, 1)), ==, DX_STEP_STATUS_PASSED);
  row = step_row (view, 2);
  g_assert_cmpint (dx_step_row_get_status (row), ==, DX_STEP_STATUS_FAILED);
  g_test_message ("%s", dx_step_row_get_detail (row));
  g_assert_nonnull (strstr (dx_step_row_get_detail (row), "bye"));
  g_assert_nonnull (strstr (dx_step_row_get_detail (row), "hello"));
  g_assert_cmpint (dx_step_row_get_status (step_row (view, 3)), ==, DX_STEP_STATUS_SKIPPED);

  /* The run's messages are in the history like any others */
  {
    GListModel *history = G_LIST_MODEL (dx_session_get_history (session));
    gboolean echoed = FALSE;

    for (guint i = 0; i < g_list_model_get_n_items (history); i++)
      {
        g_autoptr(DxMessage) message = g_list_model_get_item (history, i);
        g_autofree char *text = dx_message_dup_text (message);

        echoed |= dx_message_get_direction (message) == DX_DIRECTION_RECEIVED && g_strcmp0 (text, "hello") == 0;
      }
    g_assert_true (echoed);
  }

  /* Fix the expectation: select step 3 and write what the server says */
  gtk_list_box_select_row (GTK_LIST_BOX (gtk_widget_get_parent (GTK_WIDGET (row))), GTK_LIST_BOX_ROW (row));
  dx_test_spin (50);
  gtk_editable_set_text (GTK_EDITABLE (find (editor (view), is_named, "value")), "hello");
  run_and_wait (window, view);
  g_test_message ("%s", dx_tests_view_get_result_text (view));
  g_assert_true (g_str_has_prefix (dx_tests_view_get_result_text (view), "Passed"));
  for (guint i = 0; i < 4; i++)
    g_assert_cmpint (dx_step_row_get_status (step_row (view, i)), ==, DX_STEP_STATUS_PASSED);

  /* The result is the workspace's: saving writes it with the scenario */
  file = dx_workspace_io_to_data (dx_window_get_workspace (window), NULL, NULL);
  g_assert_nonnull (strstr (file, "\"name\": \"Echoes hello\""));
  g_assert_nonnull (strstr (file, "\"last-run\""));
  g_assert_nonnull (strstr (file, "\"status\": \"passed\""));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A long wait is stopped from the Stop button; the steps after it are not
 * run, and a connection the tester opened by hand was closed first */
static void
test_stop (void)
{
  DxWindow *window = open_window ();
  DxTestsView *view = show_tests (window);

  dx_session_view_connect (dx_window_get_view (window));
  dx_test_click (GTK_WIDGET (window), "_Add Scenario");
  add_step (view, "wait");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (find (editor (view), is_type, GSIZE_TO_POINTER (GTK_TYPE_SPIN_BUTTON))),
                             60000);
  add_step (view, "ping");

  dx_test_click (GTK_WIDGET (window), "_Run");
  /* The connect step ran on a connection it opened itself */
  DX_TEST_WAIT_UNTIL (dx_step_row_get_status (step_row (view, 1)) == DX_STEP_STATUS_RUNNING, "the wait to start");
  g_assert_cmpint (dx_step_row_get_status (step_row (view, 0)), ==, DX_STEP_STATUS_PASSED);

  dx_test_click (GTK_WIDGET (window), "S_top");
  dx_test_wait_until (not_running, view, "the run to stop");
  g_test_message ("%s", dx_tests_view_get_result_text (view));
  g_assert_true (g_str_has_prefix (dx_tests_view_get_result_text (view), "Stopped"));
  g_assert_cmpint (dx_step_row_get_status (step_row (view, 2)), ==, DX_STEP_STATUS_SKIPPED);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Steps are reordered, duplicated and deleted (with Undo) from the
 * keyboard and their menu */
static void
test_edit_steps (void)
{
  DxWindow *window = open_window ();
  DxTestsView *view = show_tests (window);
  g_autoptr(DxScenario) scenario = NULL;
  GListModel *steps;
  g_autoptr(DxScenarioStep) first = NULL;

  dx_test_click (GTK_WIDGET (window), "_Add Scenario");
  scenario = g_object_ref (dx_tests_view_get_selected (view));
  steps = G_LIST_MODEL (dx_scenario_get_steps (scenario));
  add_step (view, "send");
  add_step (view, "wait");
  first = g_list_model_get_item (steps, 0);

  /* The wait is selected: Alt+Up through the row's own action */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (step_row (view, 2)), "step.move-up", NULL));
  {
    g_autoptr(DxScenarioStep) moved = g_list_model_get_item (steps, 1);

    g_assert_cmpint (dx_scenario_step_get_kind (moved), ==, DX_STEP_WAIT);
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (step_row (view, 0)), "step.duplicate", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (steps), ==, 4);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (step_row (view, 0)), "step.delete", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (steps), ==, 3);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "tests.undo-delete", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (steps), ==, 4);
  {
    g_autoptr(DxScenarioStep) back = g_list_model_get_item (steps, 0);

    g_assert_true (back == first);
  }

  /* Turning a step off from its row */
  gtk_check_button_set_active (GTK_CHECK_BUTTON (find (GTK_WIDGET (step_row (view, 3)), is_type,
                                                       GSIZE_TO_POINTER (GTK_TYPE_CHECK_BUTTON))), FALSE);
  {
    g_autoptr(DxScenarioStep) last = g_list_model_get_item (steps, 3);

    g_assert_false (dx_scenario_step_get_enabled (last));
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

static const char *
status_word (DxStepStatus status)
{
  switch (status)
    {
    case DX_STEP_STATUS_PASSED: return "passed";
    case DX_STEP_STATUS_FAILED: return "failed";
    case DX_STEP_STATUS_SKIPPED: return "skipped";
    case DX_STEP_STATUS_PENDING:
    case DX_STEP_STATUS_RUNNING:
    default: return "unfinished";
    }
}

/* The first-run session's scenario passes as it comes, in the window; and
 * the workspace saved from the window gives the same results, step by
 * step, when duplex-cli runs it headless */
static void
test_sample_and_cli (void)
{
  g_autofree char *url = dx_echo_server_dup_url (server, "/echo");
  g_autoptr(DxWorkspace) workspace = dx_workspace_new ();
  g_autoptr(DxSession) sample = dx_sample_session_new (url);
  GListModel *scenarios = G_LIST_MODEL (dx_session_get_scenarios (sample));
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("duplex-tests-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "workspace.json", NULL);
  g_autofree char *report_path = g_build_filename (dir, "report.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GSubprocess) cli = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  const char *cli_path = g_getenv ("DX_DUPLEX_CLI");
  JsonArray *cli_scenarios;
  DxTestsView *view;
  DxWindow *window;

  g_assert_no_error (error);
  g_list_store_append (dx_workspace_get_sessions (workspace), sample);
  window = dx_window_new (NULL, workspace);
  gtk_window_present (GTK_WINDOW (window));
  view = show_tests (window);

  /* A second scenario that fails, to compare failures too; the + above
   * the list adds it */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "tests.add-scenario", NULL));
  add_step (view, "send");
  write_message (view, "hello");
  add_step (view, "expect-message");
  dx_test_click (editor (view), "_Add Matcher");
  gtk_editable_set_text (GTK_EDITABLE (find (editor (view), is_named, "value")), "bye");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.run-all-tests", NULL));
  dx_test_wait_until (not_running, view, "both scenarios to run");
  {
    g_autoptr(DxScenario) first = g_list_model_get_item (scenarios, 0);
    DxRunResult *result = dx_scenario_get_last_result (first);

    g_assert_nonnull (result);
    g_assert_cmpint (dx_run_result_get_status (result), ==, DX_RUN_STATUS_PASSED);
  }

  g_assert_true (dx_workspace_io_save (workspace, file, &error));
  g_assert_no_error (error);

  if (cli_path == NULL)
    {
      g_test_skip ("DX_DUPLEX_CLI is not set: run through meson test");
      gtk_window_destroy (GTK_WINDOW (window));
      return;
    }
  cli = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error,
                          cli_path, "run", path, "--json", report_path, NULL);
  g_assert_no_error (error);
  g_subprocess_wait (cli, NULL, &error);
  g_assert_no_error (error);
  /* One scenario failed: exit status 1 */
  g_assert_cmpint (g_subprocess_get_exit_status (cli), ==, 1);

  json_parser_load_from_file (parser, report_path, &error);
  g_assert_no_error (error);
  cli_scenarios = json_object_get_array_member (
    json_array_get_object_element (json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                                                 "sessions"), 0),
    "scenarios");
  g_assert_cmpuint (json_array_get_length (cli_scenarios), ==, g_list_model_get_n_items (scenarios));

  for (guint i = 0; i < g_list_model_get_n_items (scenarios); i++)
    {
      g_autoptr(DxScenario) scenario = g_list_model_get_item (scenarios, i);
      GListModel *window_steps = dx_run_result_get_steps (dx_scenario_get_last_result (scenario));
      JsonObject *cli_scenario = json_array_get_object_element (cli_scenarios, i);
      JsonArray *cli_steps = json_object_get_array_member (cli_scenario, "steps");

      g_assert_cmpstr (json_object_get_string_member (cli_scenario, "name"), ==, dx_scenario_get_name (scenario));
      g_assert_cmpuint (json_array_get_length (cli_steps), ==, g_list_model_get_n_items (window_steps));
      for (guint j = 0; j < json_array_get_length (cli_steps); j++)
        {
          g_autoptr(DxStepResult) step = g_list_model_get_item (window_steps, j);
          JsonObject *cli_step = json_array_get_object_element (cli_steps, j);

          g_test_message ("%s step %u: window %s, duplex-cli %s", dx_scenario_get_name (scenario), j + 1,
                          status_word (dx_step_result_get_status (step)),
                          json_object_get_string_member (cli_step, "status"));
          g_assert_cmpstr (json_object_get_string_member (cli_step, "status"), ==,
                           status_word (dx_step_result_get_status (step)));
          if (dx_step_result_get_status (step) == DX_STEP_STATUS_FAILED)
            g_assert_cmpstr (json_object_get_string_member (cli_step, "message"), ==,
                             dx_step_result_get_message (step));
        }
    }

  g_unlink (report_path);
  g_unlink (path);
  g_rmdir (dir);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  gtk_test_init (&argc, &argv, NULL);
  dx_test_setup ();
  adw_init ();

  server = dx_test_echo_server_start ();

  g_test_add_func ("/dx/tests/build-and-run", test_build_and_run);
  g_test_add_func ("/dx/tests/stop", test_stop);
  g_test_add_func ("/dx/tests/edit-steps", test_edit_steps);
  g_test_add_func ("/dx/tests/sample-and-cli", test_sample_and_cli);

  status = g_test_run ();
  g_clear_pointer (&server, dx_test_echo_server_stop);
  return status;
}
