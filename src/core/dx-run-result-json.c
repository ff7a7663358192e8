/* dx-run-result-json.c — a scenario's last run in workspaces
 *
 * "last-run": {"status": "failed", "finished": "2026-11-25T23:01:02.123Z",
 * "duration-ms": 1234, "steps": [{"status": "passed", "duration-ms": 12,
 * "message": …, "expected": …, "actual": …}, …]}, one entry per step of
 * the scenario, in the scenario's order; texts that are empty are left out.
 * Times are kept to the millisecond, which is all a tester reads.
 *
 * A result is derived data: reading never fails because of one. A
 * "last-run" that is not what this file writes, or whose steps are not as
 * many as the scenario's (the steps were edited by hand, or merged in
 * git), is dropped without a word. For the same reason a result that no
 * longer fits its scenario's steps (one was added or removed since the
 * run) is not written.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "dx-runner-private.h"

/* ---- writing ------------------------------------------------------------- */

static char *
format_finished (gint64 finished_us)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (finished_us / G_USEC_PER_SEC);
  g_autofree char *seconds = NULL;

  if (time == NULL)
    return NULL;
  seconds = g_date_time_format (time, "%Y-%m-%dT%H:%M:%S");
  return g_strdup_printf ("%s.%03dZ", seconds, (int) (finished_us % G_USEC_PER_SEC / 1000));
}

static void
add_text (JsonBuilder *builder,
          const char  *member,
          const char  *text)
{
  if (text == NULL || text[0] == '\0')
    return;
  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, text);
}

static void
add_status (JsonBuilder *builder,
            GType        type,
            int          status)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);

  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, g_enum_get_value (klass, status)->value_nick);
}

static void
add_duration (JsonBuilder *builder,
              gint64       duration_us)
{
  json_builder_set_member_name (builder, "duration-ms");
  json_builder_add_int_value (builder, duration_us / 1000);
}

/* The step results in @scenario's order, or %NULL if some step has none:
 * the run's results follow the steps the run saw, which edits since may
 * have moved, added or removed. */
static GPtrArray *
results_in_step_order (DxRunResult *self,
                       DxScenario  *scenario)
{
  GListModel *results = dx_run_result_get_steps (self);
  GListModel *steps = G_LIST_MODEL (dx_scenario_get_steps (scenario));
  guint n = g_list_model_get_n_items (steps);
  g_autoptr(GHashTable) by_step = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) ordered = g_ptr_array_new_with_free_func (g_object_unref);

  if (g_list_model_get_n_items (results) != n)
    return NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DxStepResult) result = g_list_model_get_item (results, i);

      g_hash_table_insert (by_step, dx_step_result_get_step (result), result);
    }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DxScenarioStep) step = g_list_model_get_item (steps, i);
      DxStepResult *result = g_hash_table_lookup (by_step, step);

      if (result == NULL)
        return NULL;
      g_ptr_array_add (ordered, g_object_ref (result));
    }
  return g_steal_pointer (&ordered);
}

/* Adds "last-run" to the scenario object @builder is in, unless the run
 * is under way or no longer fits @scenario's steps */
void
_dx_run_result_add_json (DxRunResult *self,
                         DxScenario  *scenario,
                         JsonBuilder *builder)
{
  g_autoptr(GPtrArray) results = NULL;
  g_autofree char *finished = NULL;

  if (dx_run_result_get_status (self) == DX_RUN_STATUS_RUNNING)
    return;
  finished = format_finished (dx_run_result_get_finished (self));
  results = results_in_step_order (self, scenario);
  if (finished == NULL || results == NULL)
    return;

  json_builder_set_member_name (builder, "last-run");
  json_builder_begin_object (builder);
  add_status (builder, DX_TYPE_RUN_STATUS, dx_run_result_get_status (self));
  json_builder_set_member_name (builder, "finished");
  json_builder_add_string_value (builder, finished);
  add_duration (builder, dx_run_result_get_duration (self));
  json_builder_set_member_name (builder, "steps");
  json_builder_begin_array (builder);
  for (guint i = 0; i < results->len; i++)
    {
      DxStepResult *result = g_ptr_array_index (results, i);

      json_builder_begin_object (builder);
      add_status (builder, DX_TYPE_STEP_STATUS, dx_step_result_get_status (result));
      add_duration (builder, dx_step_result_get_duration (result));
      add_text (builder, "message", dx_step_result_get_message (result));
      add_text (builder, "expected", dx_step_result_get_expected (result));
      add_text (builder, "actual", dx_step_result_get_actual (result));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

/* ---- reading ------------------------------------------------------------- */

static gboolean
get_string (JsonObject  *object,
            const char  *member,
            const char **out)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return FALSE;
  *out = json_node_get_string (node);
  return TRUE;
}

static gboolean
get_duration (JsonObject *object,
              gint64     *out_us)
{
  JsonNode *node = json_object_get_member (object, "duration-ms");
  gint64 ms;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;
  ms = json_node_get_int (node);
  if (ms < 0 || ms > G_MAXINT64 / 1000)
    return FALSE;
  *out_us = ms * 1000;
  return TRUE;
}

/* Only the statuses a finished run has */
static gboolean
get_status (JsonObject *object,
            GType       type,
            const int  *allowed,
            int        *out)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);
  const char *text = NULL;
  GEnumValue *value;

  if (!get_string (object, "status", &text) || text == NULL)
    return FALSE;
  value = g_enum_get_value_by_nick (klass, text);
  if (value == NULL)
    return FALSE;
  for (guint i = 0; allowed[i] >= 0; i++)
    if (allowed[i] == value->value)
      {
        *out = value->value;
        return TRUE;
      }
  return FALSE;
}

static gboolean
get_finished (JsonObject *object,
              gint64     *out_us)
{
  g_autoptr(GDateTime) time = NULL;
  const char *text = NULL;

  if (!get_string (object, "finished", &text) || text == NULL)
    return FALSE;
  time = g_date_time_new_from_iso8601 (text, NULL);
  if (time == NULL || g_date_time_to_unix (time) <= 0)
    return FALSE;
  *out_us = g_date_time_to_unix (time) * G_USEC_PER_SEC + g_date_time_get_microsecond (time);
  return TRUE;
}

static gboolean
restore_step (DxStepResult *result,
              JsonNode     *node)
{
  static const int allowed[] = { DX_STEP_STATUS_PASSED, DX_STEP_STATUS_FAILED, DX_STEP_STATUS_SKIPPED, -1 };
  const char *message = NULL, *expected = NULL, *actual = NULL;
  JsonObject *object;
  gint64 duration;
  int status;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;
  object = json_node_get_object (node);
  if (!get_status (object, DX_TYPE_STEP_STATUS, allowed, &status) ||
      !get_duration (object, &duration) ||
      !get_string (object, "message", &message) ||
      !get_string (object, "expected", &expected) ||
      !get_string (object, "actual", &actual))
    return FALSE;
  _dx_step_result_finish (result, status, duration, message, expected, actual);
  return TRUE;
}

/* Returns: (transfer full) (nullable): @node read back as a finished run
 *   of @scenario, its step results on @scenario's steps by position; %NULL
 *   if @node is not one that fits */
DxRunResult *
_dx_run_result_new_from_json (DxScenario *scenario,
                              JsonNode   *node)
{
  static const int allowed[] = { DX_RUN_STATUS_PASSED, DX_RUN_STATUS_FAILED, DX_RUN_STATUS_STOPPED, -1 };
  g_autoptr(DxRunResult) result = NULL;
  JsonObject *object;
  JsonNode *steps_node;
  JsonArray *steps;
  GListModel *step_results;
  gint64 finished, duration;
  int status;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  object = json_node_get_object (node);
  steps_node = json_object_get_member (object, "steps");
  if (!get_status (object, DX_TYPE_RUN_STATUS, allowed, &status) ||
      !get_finished (object, &finished) ||
      !get_duration (object, &duration) ||
      steps_node == NULL || !JSON_NODE_HOLDS_ARRAY (steps_node))
    return NULL;

  steps = json_node_get_array (steps_node);
  result = _dx_run_result_new_restored (scenario, status, finished, duration);
  step_results = dx_run_result_get_steps (result);
  if (json_array_get_length (steps) != g_list_model_get_n_items (step_results))
    return NULL;

  for (guint i = 0; i < json_array_get_length (steps); i++)
    {
      g_autoptr(DxStepResult) step_result = g_list_model_get_item (step_results, i);

      if (!restore_step (step_result, json_array_get_element (steps, i)))
        return NULL;
    }
  return g_steal_pointer (&result);
}
