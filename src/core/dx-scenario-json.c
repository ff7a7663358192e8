/* dx-scenario-json.c — scenarios in workspace files; writing
 *
 * A scenario is {"name": …, "variables": [row, …], "steps": [step, …],
 * "last-run": {…}}; a step is {"kind": …} followed by what its kind uses,
 * always in the same order, so that files diff well. Defaults are written
 * out except "enabled" of a step (written only when false) and "negate"
 * (only when true). "last-run" is left out for a scenario that has not
 * run; dx-run-result-json.c writes it. Reading is in
 * dx-scenario-json-reader.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "dx-field.h"
#include "dx-runner-private.h"
#include "dx-scenario-json.h"

G_DEFINE_QUARK (dx-scenario-error-quark, dx_scenario_error)

/* ---- writing ------------------------------------------------------------- */

static const char *
enum_nick (GType type,
           int   value)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);
  GEnumValue *enum_value = g_enum_get_value (klass, value);

  g_assert (enum_value != NULL);
  return enum_value->value_nick;
}

static void
add_string (JsonBuilder *builder,
            const char  *member,
            const char  *value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, value);
}

static void
add_int (JsonBuilder *builder,
         const char  *member,
         gint64       value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_int_value (builder, value);
}

static void
add_matcher (JsonBuilder *builder,
             DxMatcher   *matcher)
{
  DxMatcherKind kind = dx_matcher_get_kind (matcher);

  json_builder_begin_object (builder);
  add_string (builder, "kind", enum_nick (DX_TYPE_MATCHER_KIND, kind));
  if (dx_matcher_get_negate (matcher))
    {
      json_builder_set_member_name (builder, "negate");
      json_builder_add_boolean_value (builder, TRUE);
    }
  switch (kind)
    {
    case DX_MATCHER_JSONPATH:
      add_string (builder, "path", dx_matcher_get_path (matcher));
      add_string (builder, "op", enum_nick (DX_TYPE_PATH_OP, dx_matcher_get_path_op (matcher)));
      if (dx_matcher_get_path_op (matcher) != DX_PATH_OP_EXISTS)
        add_string (builder, "value", dx_matcher_get_value (matcher));
      break;
    case DX_MATCHER_SIZE:
      add_string (builder, "op", enum_nick (DX_TYPE_SIZE_OP, dx_matcher_get_size_op (matcher)));
      add_int (builder, "size", (gint64) MIN (dx_matcher_get_size (matcher), (guint64) G_MAXINT64));
      break;
    case DX_MATCHER_EQUALS:
    case DX_MATCHER_CONTAINS:
    case DX_MATCHER_REGEX:
    case DX_MATCHER_JSON_EQUALS:
    case DX_MATCHER_BINARY_EQUALS:
    default:
      add_string (builder, "value", dx_matcher_get_value (matcher));
      break;
    }
  json_builder_end_object (builder);
}

static void
add_step_members (JsonBuilder    *builder,
                  DxScenarioStep *step)
{
  const char *text;

  switch (dx_scenario_step_get_kind (step))
    {
    case DX_STEP_CONNECT:
      add_string (builder, "expect", dx_scenario_step_get_expect_failure (step) ? "failure" : "success");
      if (dx_scenario_step_get_expect_failure (step) && dx_scenario_step_get_status (step))
        add_int (builder, "status", dx_scenario_step_get_status (step));
      text = dx_scenario_step_get_subprotocol (step);
      if (text && text[0])
        add_string (builder, "subprotocol", text);
      add_int (builder, "timeout", dx_scenario_step_get_timeout (step));
      break;

    case DX_STEP_SEND:
      text = dx_scenario_step_get_message_name (step);
      if (text && text[0])
        add_string (builder, "message", text);
      else
        {
          add_string (builder, "format",
                      dx_saved_format_to_string (dx_scenario_step_get_format (step)));
          add_string (builder, "content", dx_scenario_step_get_content (step));
        }
      break;

    case DX_STEP_EXPECT_MESSAGE:
      {
        GListModel *matchers = G_LIST_MODEL (dx_scenario_step_get_matchers (step));
        guint n = g_list_model_get_n_items (matchers);

        add_string (builder, "mode", enum_nick (DX_TYPE_EXPECT_MODE, dx_scenario_step_get_mode (step)));
        add_int (builder, "timeout", dx_scenario_step_get_timeout (step));
        json_builder_set_member_name (builder, "matchers");
        json_builder_begin_array (builder);
        for (guint i = 0; i < n; i++)
          {
            g_autoptr(DxMatcher) matcher = g_list_model_get_item (matchers, i);

            add_matcher (builder, matcher);
          }
        json_builder_end_array (builder);
      }
      break;

    case DX_STEP_EXPECT_NO_MESSAGE:
    case DX_STEP_WAIT:
      add_int (builder, "duration", dx_scenario_step_get_duration (step));
      break;

    case DX_STEP_CAPTURE:
      add_string (builder, "variable", dx_scenario_step_get_variable (step));
      add_string (builder, "source", enum_nick (DX_TYPE_CAPTURE_SOURCE, dx_scenario_step_get_source (step)));
      add_string (builder, "expression", dx_scenario_step_get_expression (step));
      if (dx_scenario_step_get_source (step) == DX_CAPTURE_REGEX)
        add_int (builder, "group", dx_scenario_step_get_group (step));
      add_int (builder, "timeout", dx_scenario_step_get_timeout (step));
      break;

    case DX_STEP_PING:
      add_string (builder, "payload", dx_scenario_step_get_content (step));
      add_int (builder, "timeout", dx_scenario_step_get_timeout (step));
      break;

    case DX_STEP_CLOSE:
      add_int (builder, "code", dx_scenario_step_get_code (step));
      if (dx_scenario_step_get_reason (step))
        add_string (builder, "reason", dx_scenario_step_get_reason (step));
      break;

    case DX_STEP_EXPECT_CLOSE:
      if (dx_scenario_step_get_code (step))
        add_int (builder, "code", dx_scenario_step_get_code (step));
      if (dx_scenario_step_get_reason (step))
        add_string (builder, "reason", dx_scenario_step_get_reason (step));
      add_int (builder, "timeout", dx_scenario_step_get_timeout (step));
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
add_step (JsonBuilder    *builder,
          DxScenarioStep *step)
{
  json_builder_begin_object (builder);
  add_string (builder, "kind", enum_nick (DX_TYPE_STEP_KIND, dx_scenario_step_get_kind (step)));
  if (!dx_scenario_step_get_enabled (step))
    {
      json_builder_set_member_name (builder, "enabled");
      json_builder_add_boolean_value (builder, FALSE);
    }
  add_step_members (builder, step);
  json_builder_end_object (builder);
}

/* The same {enabled, key, value} rows as the workspace's variables */
static void
add_variables (JsonBuilder *builder,
               GListModel  *variables)
{
  guint n = g_list_model_get_n_items (variables);

  json_builder_set_member_name (builder, "variables");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DxField) field = g_list_model_get_item (variables, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "enabled");
      json_builder_add_boolean_value (builder, dx_field_get_enabled (field));
      add_string (builder, "key", dx_field_get_key (field));
      add_string (builder, "value", dx_field_get_value (field));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

/**
 * dx_scenario_to_json:
 *
 * Returns: (transfer full): the scenario as a JSON object
 */
JsonNode *
dx_scenario_to_json (DxScenario *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  GListModel *steps;
  guint n;

  g_return_val_if_fail (DX_IS_SCENARIO (self), NULL);

  steps = G_LIST_MODEL (dx_scenario_get_steps (self));
  n = g_list_model_get_n_items (steps);

  json_builder_begin_object (builder);
  add_string (builder, "name", dx_scenario_get_name (self));
  add_variables (builder, G_LIST_MODEL (dx_scenario_get_variables (self)));
  json_builder_set_member_name (builder, "steps");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DxScenarioStep) step = g_list_model_get_item (steps, i);

      add_step (builder, step);
    }
  json_builder_end_array (builder);
  if (dx_scenario_get_last_result (self))
    _dx_run_result_add_json (dx_scenario_get_last_result (self), self, builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/**
 * dx_scenarios_to_json:
 * @scenarios: a #GListModel of #DxScenario
 *
 * Returns: (transfer full): a JSON array of the scenarios
 */
JsonNode *
dx_scenarios_to_json (GListModel *scenarios)
{
  g_autoptr(JsonArray) array = json_array_new ();
  JsonNode *node;
  guint n;

  g_return_val_if_fail (G_IS_LIST_MODEL (scenarios), NULL);

  n = g_list_model_get_n_items (scenarios);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DxScenario) scenario = g_list_model_get_item (scenarios, i);

      json_array_add_element (array, dx_scenario_to_json (scenario));
    }

  node = json_node_new (JSON_NODE_ARRAY);
  json_node_set_array (node, array);
  return node;
}
