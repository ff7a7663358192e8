/* dx-test-scenario.c — scenarios in tests: written as JSON, run and
 * checked, and the samples the workspace tests build alike
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "dx-scenario-json.h"
#include "dx-test-scenario.h"
#include "dx-test-util.h"

/* Appends a saved message with a note to @list */
void
dx_test_add_saved (GListStore    *list,
                   const char    *name,
                   const char    *note,
                   DxSavedFormat  format,
                   const char    *content)
{
  g_autoptr(DxSavedMessage) message = dx_saved_message_new (name, format, content);

  dx_saved_message_set_note (message, note);
  g_list_store_append (list, message);
}

/* @scenario again, with a failed run of it kept: a result only comes from
 * a run or from a workspace, so it is read from JSON as a workspace would */
DxScenario *
dx_test_scenario_with_last_run (DxScenario *scenario)
{
  g_autoptr(JsonNode) node = dx_scenario_to_json (scenario);
  g_autofree char *text = json_to_string (node, FALSE);
  g_autoptr(GString) json = g_string_new_len (text, strlen (text) - 1);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (dx_scenario_get_steps (scenario)));
  DxScenario *copy;

  g_assert_cmpuint (n, >=, 2);
  g_string_append (json, ",\"last-run\":{\"status\":\"failed\",\"finished\":\"2026-11-25T23:01:02.123Z\","
                         "\"duration-ms\":2345,\"steps\":[");
  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (json, ',');
      if (i == 0)
        g_string_append (json, "{\"status\":\"passed\",\"duration-ms\":12,"
                               "\"message\":\"Sent “{\\\"beat\\\": \\\"♥\\\"}”\"}");
      else if (i == 1)
        g_string_append (json, "{\"status\":\"failed\",\"duration-ms\":2001,\"message\":\"no message within 2000 ms\","
                               "\"expected\":\"matches “^hello \\\"\\\\w+\\\"$”\",\"actual\":\"no message\"}");
      else
        g_string_append (json, "{\"status\":\"skipped\",\"duration-ms\":0,"
                               "\"message\":\"Not run: an earlier step failed\"}");
    }
  g_string_append (json, "]}}");

  json_parser_load_from_data (parser, json->str, -1, &error);
  g_assert_no_error (error);
  copy = dx_scenario_new_from_json (json_parser_get_root (parser), NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (dx_scenario_get_last_result (copy));
  return copy;
}

/* @json with ' standing for " */
DxScenario *
dx_test_scenario_from_json (const char *json)
{
  g_autofree char *text = g_strdelimit (g_strdup (json), "'", '"');
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  DxScenario *scenario;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  scenario = dx_scenario_new_from_json (json_parser_get_root (parser), NULL, &error);
  g_assert_no_error (error);
  return scenario;
}

/* Runs @scenario to its end on @runner; %NULL when it hangs */
DxRunResult *
dx_test_run_scenario (DxRunner   *runner,
                      DxScenario *scenario)
{
  g_autoptr(GAsyncResult) async_result = NULL;
  g_autoptr(GError) error = NULL;
  DxRunResult *result;

  dx_runner_run_async (runner, scenario, NULL, dx_test_store_result_cb, &async_result);
  DX_TEST_WAIT_UNTIL_OR (async_result != NULL, "the run to finish", return NULL);
  result = dx_runner_run_finish (runner, async_result, &error);
  g_assert_no_error (error);
  g_assert_false (dx_runner_get_running (runner));
  return result;
}

/* @json with ' standing for ", run to its end */
DxRunResult *
dx_test_run_json (DxRunner   *runner,
                  const char *json)
{
  g_autoptr(DxScenario) scenario = dx_test_scenario_from_json (json);

  return dx_test_run_scenario (runner, scenario);
}

/* Returns: (transfer none): the result of step @index */
DxStepResult *
dx_test_step_result (DxRunResult *result,
                     guint        index)
{
  g_autoptr(DxStepResult) step = g_list_model_get_item (dx_run_result_get_steps (result), index);

  return step;
}

void
dx_test_print_run_result (DxRunResult *result)
{
  GListModel *steps = dx_run_result_get_steps (result);

  for (guint i = 0; i < g_list_model_get_n_items (steps); i++)
    {
      g_autoptr(DxStepResult) step = g_list_model_get_item (steps, i);

      g_test_message ("  %u %s: %s — %s", i, dx_step_status_to_string (dx_step_result_get_status (step)),
                      dx_step_result_get_summary (step), dx_step_result_get_message (step));
    }
}

/* Fails the test, with every step in the log, unless the run passed */
void
dx_test_assert_passed (DxRunResult *result)
{
  g_assert_nonnull (result);
  if (dx_run_result_get_status (result) != DX_RUN_STATUS_PASSED)
    {
      DxStepResult *failed = dx_run_result_get_failed_step (result);

      dx_test_print_run_result (result);
      g_test_fail_printf ("the run did not pass: step %u failed: %s",
                          failed ? dx_step_result_get_index (failed) : 0,
                          failed ? dx_step_result_get_message (failed) : "?");
    }
}

/* The run failed at step @index with a message that contains @message,
 * and every step after it was skipped */
void
dx_test_assert_failed_at (DxRunResult *result,
                          guint        index,
                          const char  *message)
{
  DxStepResult *failed;

  g_assert_nonnull (result);
  g_assert_cmpint (dx_run_result_get_status (result), ==, DX_RUN_STATUS_FAILED);
  failed = dx_run_result_get_failed_step (result);
  g_assert_nonnull (failed);
  if (dx_step_result_get_index (failed) != index ||
      strstr (dx_step_result_get_message (failed), message) == NULL)
    {
      dx_test_print_run_result (result);
      g_test_fail_printf ("expected step %u to fail with “%s”, got step %u: “%s”", index, message,
                          dx_step_result_get_index (failed), dx_step_result_get_message (failed));
    }
  for (guint i = index + 1; i < g_list_model_get_n_items (dx_run_result_get_steps (result)); i++)
    g_assert_cmpint (dx_step_result_get_status (dx_test_step_result (result, i)), ==, DX_STEP_STATUS_SKIPPED);
}
