/* test-scenario.c — DxScenario and DxScenarioStep as a model: changes, copies,
 * summaries, variables, the kept last result, and their JSON form (round
 * trip, and what bad input says)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "dx-field.h"
#include "dx-run-result.h"
#include "dx-scenario-json.h"
#include "dx-test-util.h"

static void
count_cb (gpointer  object,
          guint    *count)
{
  (*count)++;
}

static void
notify_count_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static char *
to_text (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, NULL);
}

static JsonNode *
parse (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

/* One step of every kind, with settings away from the defaults */
static DxScenario *
build_full_scenario (void)
{
  DxScenario *scenario = dx_scenario_new ("Everything");
  DxScenarioStep *step;
  DxMatcher *matcher;
  DxField *field;

  field = dx_field_new (TRUE, "id", "42");
  g_list_store_append (dx_scenario_get_variables (scenario), field);
  g_object_unref (field);
  field = dx_field_new (FALSE, "token", "t\u00e9st \"quoted\"");
  g_list_store_append (dx_scenario_get_variables (scenario), field);
  g_object_unref (field);

  step = dx_scenario_step_new (DX_STEP_CONNECT);
  dx_scenario_step_set_subprotocol (step, "chat");
  dx_scenario_step_set_timeout (step, 3000);
  dx_scenario_add_step (scenario, step);
  g_object_unref (step);

  step = dx_scenario_step_new (DX_STEP_CONNECT);
  dx_scenario_step_set_expect_failure (step, TRUE);
  dx_scenario_step_set_status (step, 401);
  dx_scenario_step_set_enabled (step, FALSE);
  dx_scenario_add_step (scenario, step);
  g_object_unref (step);

  step = dx_scenario_step_new (DX_STEP_SEND);
  dx_scenario_step_set_format (step, DX_SAVED_FORMAT_JSON);
  dx_scenario_step_set_content (step, "{\"type\": \"ping\", \"id\": \"{{id}}\"}\n");
  dx_scenario_add_step (scenario, step);
  g_object_unref (step);

  step = dx_scenario_step_new (DX_STEP_SEND);
  dx_scenario_step_set_message_name (step, "Login");
  dx_scenario_add_step (scenario, step);
  g_object_unref (step);

  step = dx_scenario_step_new (DX_STEP_EXPECT_MESSAGE);
  dx_scenario_step_set_mode (step, DX_EXPECT_SKIP);
  dx_scenario_step_set_timeout (step, 2000);
  matcher = dx_matcher_new_path ("$.type", DX_PATH_OP_EQUALS, "\"pong\"");
  dx_scenario_step_add_matcher (step, matcher);
  g_object_unref (matcher);
  matcher = dx_matcher_new_size (DX_SIZE_OP_LT, 100);
  dx_scenario_step_add_matcher (step, matcher);
  g_object_unref (matcher);
  matcher = dx_matcher_new (DX_MATCHER_CONTAINS, "error");
  dx_matcher_set_negate (matcher, TRUE);
  dx_scenario_step_add_matcher (step, matcher);
  g_object_unref (matcher);
  matcher = dx_matcher_new (DX_MATCHER_BINARY_EQUALS, "00 ff");
  dx_scenario_step_add_matcher (step, matcher);
  g_object_unref (matcher);
  matcher = dx_matcher_new_path ("$.id", DX_PATH_OP_EXISTS, NULL);
  dx_scenario_step_add_matcher (step, matcher);
  g_object_unref (matcher);
  dx_scenario_add_step (scenario, step);
  g_object_unref (step);

  step = dx_scenario_step_new (DX_STEP_EXPECT_NO_MESSAGE);
  dx_scenario_step_set_duration (step, 250);
  dx_scenario_add_step (scenario, step);
  g_object_unref (step);

  step = dx_scenario_step_new (DX_STEP_CAPTURE);
  dx_scenario_step_set_variable (step, "session");
  dx_scenario_step_set_source (step, DX_CAPTURE_REGEX);
  dx_scenario_step_set_expression (step, "id=(\\d+)");
  dx_scenario_step_set_group (step, 1);
  dx_scenario_add_step (scenario, step);
  g_object_unref (step);

  step = dx_scenario_step_new (DX_STEP_WAIT);
  dx_scenario_step_set_duration (step, 10);
  dx_scenario_add_step (scenario, step);
  g_object_unref (step);

  step = dx_scenario_step_new (DX_STEP_PING);
  dx_scenario_step_set_content (step, "hb");
  dx_scenario_add_step (scenario, step);
  g_object_unref (step);

  step = dx_scenario_step_new (DX_STEP_CLOSE);
  dx_scenario_step_set_code (step, 4000);
  dx_scenario_step_set_reason (step, "done");
  dx_scenario_add_step (scenario, step);
  g_object_unref (step);

  step = dx_scenario_step_new (DX_STEP_EXPECT_CLOSE);
  dx_scenario_step_set_code (step, 4001);
  dx_scenario_add_step (scenario, step);
  g_object_unref (step);

  return scenario;
}

static void
test_changed (void)
{
  g_autoptr(DxScenario) scenario = dx_scenario_new ("A");
  g_autoptr(DxScenarioStep) step = dx_scenario_step_new (DX_STEP_EXPECT_MESSAGE);
  g_autoptr(DxMatcher) matcher = dx_matcher_new (DX_MATCHER_EQUALS, "x");
  guint changed = 0, last;

  g_signal_connect (scenario, "changed", G_CALLBACK (count_cb), &changed);

  dx_scenario_set_name (scenario, "B");
  g_assert_cmpuint (changed, ==, 1);
  dx_scenario_set_name (scenario, "B");
  g_assert_cmpuint (changed, ==, 1);

  dx_scenario_add_step (scenario, step);
  g_assert_cmpuint (changed, ==, 2);

  dx_scenario_step_set_timeout (step, 1234);
  g_assert_cmpuint (changed, ==, 3);
  dx_scenario_step_set_timeout (step, 1234);
  g_assert_cmpuint (changed, ==, 3);
  dx_scenario_step_set_enabled (step, FALSE);
  g_assert_cmpuint (changed, ==, 4);

  dx_scenario_step_add_matcher (step, matcher);
  g_assert_cmpuint (changed, ==, 5);
  dx_matcher_set_value (matcher, "y");
  g_assert_cmpuint (changed, ==, 6);
  dx_matcher_set_negate (matcher, TRUE);
  g_assert_cmpuint (changed, ==, 7);

  g_list_store_remove (dx_scenario_step_get_matchers (step), 0);
  g_assert_cmpuint (changed, ==, 8);
  /* A matcher that left says nothing any more */
  dx_matcher_set_value (matcher, "z");
  g_assert_cmpuint (changed, ==, 8);

  g_list_store_remove (dx_scenario_get_steps (scenario), 0);
  last = changed;
  g_assert_cmpuint (last, ==, 9);
  dx_scenario_step_set_timeout (step, 1);
  g_assert_cmpuint (changed, ==, last);
}

static void
test_variables_changed (void)
{
  g_autoptr(DxScenario) scenario = dx_scenario_new ("A");
  g_autoptr(DxField) field = dx_field_new (TRUE, "host", "example.org");
  g_autoptr(DxField) other = dx_field_new (TRUE, "port", "80");
  guint changed = 0;

  g_signal_connect (scenario, "changed", G_CALLBACK (count_cb), &changed);

  g_list_store_append (dx_scenario_get_variables (scenario), field);
  g_assert_cmpuint (changed, ==, 1);
  dx_field_set_key (field, "server");
  g_assert_cmpuint (changed, ==, 2);
  dx_field_set_value (field, "example.com");
  g_assert_cmpuint (changed, ==, 3);
  dx_field_set_enabled (field, FALSE);
  g_assert_cmpuint (changed, ==, 4);
  dx_field_set_enabled (field, FALSE);
  g_assert_cmpuint (changed, ==, 4);

  /* Inserted before the first: both rows are still followed */
  g_list_store_insert (dx_scenario_get_variables (scenario), 0, other);
  g_assert_cmpuint (changed, ==, 5);
  dx_field_set_value (other, "8080");
  g_assert_cmpuint (changed, ==, 6);
  dx_field_set_value (field, "example.net");
  g_assert_cmpuint (changed, ==, 7);

  /* A row that left says nothing any more */
  g_list_store_remove (dx_scenario_get_variables (scenario), 1);
  g_assert_cmpuint (changed, ==, 8);
  dx_field_set_value (field, "gone");
  g_assert_cmpuint (changed, ==, 8);
  dx_field_set_value (other, "8081");
  g_assert_cmpuint (changed, ==, 9);
}

static void
test_step_notify (void)
{
  g_autoptr(DxScenarioStep) step = dx_scenario_step_new (DX_STEP_SEND);
  guint notified = 0;

  g_signal_connect (step, "notify::content", G_CALLBACK (notify_count_cb), &notified);
  g_object_set (step, "content", "a", NULL);
  g_object_set (step, "content", "a", NULL);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpstr (dx_scenario_step_get_content (step), ==, "a");

  /* Turned into a close step, it closes normally, not with "any code" */
  g_assert_cmpuint (dx_scenario_step_get_code (step), ==, 0);
  dx_scenario_step_set_kind (step, DX_STEP_CLOSE);
  g_assert_cmpuint (dx_scenario_step_get_code (step), ==, 1000);
  g_assert_true (dx_scenario_step_validate (step, NULL));
}

static void
test_duplicate (void)
{
  g_autoptr(DxScenario) scenario = build_full_scenario ();
  g_autoptr(DxScenario) copy = dx_scenario_duplicate (scenario, "Copy");
  g_autoptr(JsonNode) a = NULL;
  g_autoptr(JsonNode) b = NULL;
  g_autoptr(DxScenarioStep) step = NULL;
  g_autoptr(DxScenarioStep) copied_step = NULL;
  g_autoptr(DxMatcher) copied_matcher = NULL;
  g_autoptr(DxMatcher) matcher = NULL;
  g_autoptr(DxField) field = NULL;
  g_autoptr(DxField) copied_field = NULL;
  g_autofree char *text_a = NULL;
  g_autofree char *text_b = NULL;

  g_assert_cmpstr (dx_scenario_get_name (copy), ==, "Copy");
  dx_scenario_set_name (copy, "Everything");
  a = dx_scenario_to_json (scenario);
  b = dx_scenario_to_json (copy);
  text_a = to_text (a);
  text_b = to_text (b);
  g_assert_cmpstr (text_a, ==, text_b);

  /* Deep: editing the copy leaves the original alone */
  step = g_list_model_get_item (G_LIST_MODEL (dx_scenario_get_steps (scenario)), 4);
  copied_step = g_list_model_get_item (G_LIST_MODEL (dx_scenario_get_steps (copy)), 4);
  g_assert_true (step != copied_step);
  matcher = g_list_model_get_item (G_LIST_MODEL (dx_scenario_step_get_matchers (step)), 0);
  copied_matcher = g_list_model_get_item (G_LIST_MODEL (dx_scenario_step_get_matchers (copied_step)), 0);
  dx_matcher_set_path (copied_matcher, "$.other");
  g_assert_cmpstr (dx_matcher_get_path (matcher), ==, "$.type");

  /* The variables too */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (dx_scenario_get_variables (copy))), ==, 2);
  field = g_list_model_get_item (G_LIST_MODEL (dx_scenario_get_variables (scenario)), 1);
  copied_field = g_list_model_get_item (G_LIST_MODEL (dx_scenario_get_variables (copy)), 1);
  g_assert_true (field != copied_field);
  g_assert_false (dx_field_get_enabled (copied_field));
  g_assert_cmpstr (dx_field_get_key (copied_field), ==, "token");
  dx_field_set_value (copied_field, "other");
  g_assert_cmpstr (dx_field_get_value (field), ==, "t\u00e9st \"quoted\"");
}

static void
test_summaries (void)
{
  g_autoptr(DxScenario) scenario = build_full_scenario ();
  const char *expected[] = {
    "Connect, expect subprotocol “chat”",
    "Connect, expect it to fail with HTTP 401",
    "Send JSON: {\"type\": \"ping\", \"id\": \"{{id}}\"} ",
    "Send saved message “Login”",
    "Expect message, skipping others: $.type equals \"pong\" and size < 100 bytes and "
      "not: contains “error” and bytes are 00 ff and $.id exists (2000 ms)",
    "Expect no message for 250 ms",
    "Capture group 1 of /id=(\\d+)/ into {{session}} (5000 ms)",
    "Wait 10 ms",
    "Ping “hb”, expect a pong (5000 ms)",
    "Close with 4000 “done”",
    "Expect close 4001 (5000 ms)",
  };
  GListModel *steps = G_LIST_MODEL (dx_scenario_get_steps (scenario));

  g_assert_cmpuint (g_list_model_get_n_items (steps), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(DxScenarioStep) step = g_list_model_get_item (steps, i);
      g_autofree char *summary = dx_scenario_step_dup_summary (step);

      g_assert_cmpstr (summary, ==, expected[i]);
    }

  {
    g_autoptr(DxScenarioStep) step = dx_scenario_step_new (DX_STEP_EXPECT_MESSAGE);
    g_autoptr(DxMatcher) matcher = dx_matcher_new_path ("$.type", DX_PATH_OP_EQUALS, "\"pong\"");
    g_autofree char *summary = NULL;

    dx_scenario_step_set_timeout (step, 2000);
    dx_scenario_step_add_matcher (step, matcher);
    summary = dx_scenario_step_dup_summary (step);
    g_assert_cmpstr (summary, ==, "Expect message: $.type equals \"pong\" (2000 ms)");
  }
}

static void
test_json_round_trip (void)
{
  g_autoptr(DxScenario) scenario = build_full_scenario ();
  g_autoptr(JsonNode) node = dx_scenario_to_json (scenario);
  g_autoptr(JsonNode) reparsed = NULL;
  g_autoptr(JsonNode) again = NULL;
  g_autoptr(DxScenario) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = to_text (node);
  g_autofree char *text_again = NULL;
  JsonNode *error_node = NULL;

  reparsed = parse (text);
  loaded = dx_scenario_new_from_json (reparsed, &error_node, &error);
  g_assert_no_error (error);
  g_assert_null (error_node);
  again = dx_scenario_to_json (loaded);
  text_again = to_text (again);
  g_assert_cmpstr (text, ==, text_again);
  g_assert_cmpuint (dx_scenario_count_enabled (loaded), ==, 10);
}

static void
test_json_format (void)
{
  g_autoptr(DxScenario) scenario = dx_scenario_new ("Ping pong");
  g_autoptr(DxScenarioStep) connect = dx_scenario_step_new (DX_STEP_CONNECT);
  g_autoptr(DxScenarioStep) send = dx_scenario_step_new (DX_STEP_SEND);
  g_autoptr(DxScenarioStep) expect = dx_scenario_step_new (DX_STEP_EXPECT_MESSAGE);
  g_autoptr(DxMatcher) matcher = dx_matcher_new_path ("$.type", DX_PATH_OP_EQUALS, "\"pong\"");
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;

  dx_scenario_step_set_content (send, "{\"type\":\"ping\"}");
  dx_scenario_step_set_format (send, DX_SAVED_FORMAT_JSON);
  dx_scenario_step_set_timeout (expect, 2000);
  dx_scenario_step_add_matcher (expect, matcher);
  dx_scenario_add_step (scenario, connect);
  dx_scenario_add_step (scenario, send);
  dx_scenario_add_step (scenario, expect);

  node = dx_scenario_to_json (scenario);
  text = to_text (node);
  g_assert_cmpstr (text, ==,
                   "{\"name\":\"Ping pong\",\"variables\":[],\"steps\":["
                   "{\"kind\":\"connect\",\"expect\":\"success\",\"timeout\":5000},"
                   "{\"kind\":\"send\",\"format\":\"json\",\"content\":\"{\\\"type\\\":\\\"ping\\\"}\"},"
                   "{\"kind\":\"expect-message\",\"mode\":\"next\",\"timeout\":2000,\"matchers\":["
                   "{\"kind\":\"jsonpath\",\"path\":\"$.type\",\"op\":\"equals\",\"value\":\"\\\"pong\\\"\"}]}]}");
}

static void
test_json_lenient (void)
{
  /* Hand-written files may give JSON values as JSON, and leave out defaults */
  g_autoptr(JsonNode) node = parse ("{\"name\": \"x\", \"comment\": \"kept for the workspace\", \"steps\": ["
                                    "{\"kind\": \"expect-message\", \"matchers\": ["
                                    "{\"kind\": \"jsonpath\", \"path\": \"$.a\", \"op\": \"equals\", \"value\": {\"b\": [1]}},"
                                    "{\"kind\": \"json-equals\", \"value\": 42}]},"
                                    "{\"kind\": \"wait\"}]}");
  g_autoptr(GError) error = NULL;
  g_autoptr(DxScenario) scenario = dx_scenario_new_from_json (node, NULL, &error);
  g_autoptr(DxScenarioStep) step = NULL;
  g_autoptr(DxMatcher) first = NULL;
  g_autoptr(DxMatcher) second = NULL;

  g_assert_no_error (error);
  step = g_list_model_get_item (G_LIST_MODEL (dx_scenario_get_steps (scenario)), 0);
  g_assert_cmpuint (dx_scenario_step_get_timeout (step), ==, DX_STEP_DEFAULT_TIMEOUT);
  first = g_list_model_get_item (G_LIST_MODEL (dx_scenario_step_get_matchers (step)), 0);
  second = g_list_model_get_item (G_LIST_MODEL (dx_scenario_step_get_matchers (step)), 1);
  g_assert_cmpstr (dx_matcher_get_value (first), ==, "{\"b\":[1]}");
  g_assert_cmpstr (dx_matcher_get_value (second), ==, "42");
}

static void
test_json_errors (void)
{
  const struct {
    const char *json;
    const char *message;
    const char *error_node;   /* the node, as JSON */
  } cases[] = {
    { "[]", "a scenario must be an object, not an array", "[]" },
    { "{\"steps\": []}", "“name” is missing", "{\"steps\":[]}" },
    { "{\"name\": 3}", "“name” must be a string, not a number", "3" },
    { "{\"name\": \"a\", \"steps\": {}}", "“steps” must be an array, not an object", "{}" },
    { "{\"name\": \"a\", \"variables\": {}}", "“variables” must be an array, not an object", "{}" },
    { "{\"name\": \"a\", \"variables\": [3]}",
      "a variable must be an {enabled, key, value} object, not a number", "3" },
    { "{\"name\": \"a\", \"variables\": [{\"key\": \"a\", \"vaule\": \"b\"}]}",
      "unknown member “vaule” in a variable; it takes: enabled, key, value", "\"b\"" },
    { "{\"name\": \"a\", \"variables\": [{\"value\": \"b\"}]}", "“key” is missing", "{\"value\":\"b\"}" },
    { "{\"name\": \"a\", \"variables\": [{\"key\": \"a\", \"enabled\": \"yes\"}]}",
      "“enabled” must be true or false, not a string", "\"yes\"" },
    { "{\"name\": \"a\", \"variables\": [{\"key\": \"a\", \"value\": 1}]}",
      "“value” must be a string, not a number", "1" },
    { "{\"name\": \"a\", \"steps\": [7]}", "a step must be an object, not a number", "7" },
    { "{\"name\": \"a\", \"steps\": [{}]}", "“kind” is missing", "{}" },
    { "{\"name\": \"a\", \"steps\": [{\"kind\": \"expect-mesage\"}]}",
      "unknown step kind “expect-mesage”; use one of: connect, send, expect-message", "\"expect-mesage\"" },
    { "{\"name\": \"a\", \"steps\": [{\"kind\": \"wait\", \"timout\": 5}]}",
      "unknown member “timout” in a “wait” step; it takes: kind, enabled, duration", "5" },
    { "{\"name\": \"a\", \"steps\": [{\"kind\": \"wait\", \"duration\": \"5\"}]}",
      "“duration” must be a whole number, not a string", "\"5\"" },
    { "{\"name\": \"a\", \"steps\": [{\"kind\": \"wait\", \"duration\": -1}]}",
      "“duration” must be from 0 to", "-1" },
    { "{\"name\": \"a\", \"steps\": [{\"kind\": \"wait\", \"enabled\": 1}]}",
      "“enabled” must be true or false, not a number", "1" },
    { "{\"name\": \"a\", \"steps\": [{\"kind\": \"send\"}]}",
      "a send step needs “content”", "{\"kind\":\"send\"}" },
    { "{\"name\": \"a\", \"steps\": [{\"kind\": \"send\", \"format\": \"xml\", \"content\": \"\"}]}",
      "unknown format “xml”", "\"xml\"" },
    { "{\"name\": \"a\", \"steps\": [{\"kind\": \"connect\", \"expect\": \"maybe\"}]}",
      "“expect” must be “success” or “failure”, not “maybe”", "\"maybe\"" },
    { "{\"name\": \"a\", \"steps\": [{\"kind\": \"close\", \"code\": 70000}]}",
      "“code” must be from 0 to 4999, not 70000", "70000" },
    { "{\"name\": \"a\", \"steps\": [{\"kind\": \"capture\", \"expression\": \"$.a\"}]}",
      "“variable” is missing", "{\"kind\":\"capture\",\"expression\":\"$.a\"}" },
    { "{\"name\": \"a\", \"steps\": [{\"kind\": \"capture\", \"variable\": \"v\", \"expression\": \"x\", "
      "\"source\": \"xpath\"}]}", "unknown capture source “xpath”; use one of: jsonpath, regex", "\"xpath\"" },
    { "{\"name\": \"a\", \"steps\": [{\"kind\": \"expect-message\", \"mode\": \"all\"}]}",
      "unknown expect mode “all”; use one of: next, skip", "\"all\"" },
    { "{\"name\": \"a\", \"steps\": [{\"kind\": \"expect-message\", \"matchers\": {}}]}",
      "“matchers” must be an array, not an object", "{}" },
    { "{\"name\": \"a\", \"steps\": [{\"kind\": \"expect-message\", \"matchers\": [{\"kind\": \"xpath\"}]}]}",
      "unknown matcher kind “xpath”; use one of: equals, contains, regex, json-equals, jsonpath, size, "
      "binary-equals", "\"xpath\"" },
    { "{\"name\": \"a\", \"steps\": [{\"kind\": \"expect-message\", \"matchers\": [{\"kind\": \"equals\", "
      "\"path\": \"$\"}]}]}", "unknown member “path” in a “equals” matcher; it takes: kind, negate, value", "\"$\"" },
    { "{\"name\": \"a\", \"steps\": [{\"kind\": \"expect-message\", \"matchers\": [{\"kind\": \"jsonpath\", "
      "\"path\": \"$.a\", \"op\": \"has\"}]}]}", "unknown JSONPath operation “has”; use one of: exists, equals, "
      "matches, is-type", "\"has\"" },
    { "{\"name\": \"a\", \"steps\": [{\"kind\": \"expect-message\", \"matchers\": [{\"kind\": \"size\", "
      "\"op\": \"lt\", \"size\": 1.5}]}]}", "“size” must be a whole number, not a number", "1.5" },
    { "{\"name\": \"a\", \"steps\": [{\"kind\": \"expect-message\", \"matchers\": [{\"kind\": \"contains\", "
      "\"value\": 5}]}]}", "“value” must be a string, not a number", "5" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) node = parse (cases[i].json);
      g_autoptr(GError) error = NULL;
      g_autoptr(DxScenario) scenario = NULL;
      g_autofree char *error_text = NULL;
      JsonNode *error_node = NULL;

      scenario = dx_scenario_new_from_json (node, &error_node, &error);
      g_assert_null (scenario);
      g_assert_error (error, DX_SCENARIO_ERROR, DX_SCENARIO_ERROR_INVALID);
      if (!g_str_has_prefix (error->message, cases[i].message))
        g_test_fail_printf ("%s: the message “%s” does not start with “%s”",
                            cases[i].json, error->message, cases[i].message);
      g_assert_nonnull (error_node);
      error_text = to_text (error_node);
      if (g_strcmp0 (error_text, cases[i].error_node) != 0)
        g_test_fail_printf ("%s: the problem was placed at %s, not %s", cases[i].json, error_text,
                            cases[i].error_node);
    }
}

/* Three steps and a failed run of them, as a workspace holds it */
#define THREE_STEPS \
  "\"steps\": [{\"kind\": \"connect\", \"expect\": \"success\", \"timeout\": 5000}," \
  "{\"kind\": \"send\", \"format\": \"text\", \"content\": \"hi\"}," \
  "{\"kind\": \"expect-message\", \"mode\": \"next\", \"timeout\": 5000, \"matchers\": []}]"
#define LAST_RUN \
  "\"last-run\": {\"status\": \"failed\", \"finished\": \"2026-11-25T23:01:02.123Z\", \"duration-ms\": 2045," \
  "\"steps\": [{\"status\": \"passed\", \"duration-ms\": 12, \"message\": \"connected\"}," \
  "{\"status\": \"passed\", \"duration-ms\": 0, \"message\": \"Sent “hi”\", \"actual\": \"“hi”\"}," \
  "{\"status\": \"failed\", \"duration-ms\": 2001, \"message\": \"no message within 2000 ms\"," \
  "\"expected\": \"any message\", \"actual\": \"no message\"}]}"

static DxScenario *
load (const char *text)
{
  g_autoptr(JsonNode) node = parse (text);
  g_autoptr(GError) error = NULL;
  DxScenario *scenario = dx_scenario_new_from_json (node, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (scenario);
  return scenario;
}

static void
test_json_last_run (void)
{
  g_autoptr(DxScenario) scenario = load ("{\"name\": \"a\", " THREE_STEPS ", " LAST_RUN "}");
  g_autoptr(JsonNode) written = NULL;
  g_autoptr(JsonNode) expected = parse ("{\"name\": \"a\", \"variables\": [], " THREE_STEPS ", " LAST_RUN "}");
  g_autoptr(DxScenario) reloaded = NULL;
  g_autoptr(JsonNode) rewritten = NULL;
  g_autoptr(GDateTime) finished = NULL;
  g_autofree char *text = NULL;
  g_autofree char *expected_text = NULL;
  g_autofree char *text_again = NULL;
  GListModel *steps = G_LIST_MODEL (dx_scenario_get_steps (scenario));
  DxRunResult *result = dx_scenario_get_last_result (scenario);
  GListModel *step_results;
  const struct {
    DxStepStatus status;
    gint64       duration;
    const char  *message;
    const char  *expected;
    const char  *actual;
  } steps_expected[] = {
    { DX_STEP_STATUS_PASSED, 12000, "connected", NULL, NULL },
    { DX_STEP_STATUS_PASSED, 0, "Sent “hi”", NULL, "“hi”" },
    { DX_STEP_STATUS_FAILED, 2001000, "no message within 2000 ms", "any message", "no message" },
  };

  g_assert_nonnull (result);
  g_assert_true (dx_run_result_get_scenario (result) == scenario);
  g_assert_cmpstr (dx_run_result_get_name (result), ==, "a");
  g_assert_cmpint (dx_run_result_get_status (result), ==, DX_RUN_STATUS_FAILED);
  g_assert_cmpint (dx_run_result_get_duration (result), ==, 2045000);
  finished = g_date_time_new_utc (2026, 11, 25, 23, 1, 2.123);
  g_assert_cmpint (dx_run_result_get_finished (result) / 1000, ==, g_date_time_to_unix (finished) * 1000 + 123);

  step_results = dx_run_result_get_steps (result);
  g_assert_cmpuint (g_list_model_get_n_items (step_results), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(DxStepResult) step_result = g_list_model_get_item (step_results, i);
      g_autoptr(DxScenarioStep) step = g_list_model_get_item (steps, i);

      /* On the scenario's own steps, where the window looks for them */
      g_assert_true (dx_step_result_get_step (step_result) == step);
      g_assert_cmpuint (dx_step_result_get_index (step_result), ==, i);
      g_assert_cmpint (dx_step_result_get_status (step_result), ==, steps_expected[i].status);
      g_assert_cmpint (dx_step_result_get_duration (step_result), ==, steps_expected[i].duration);
      g_assert_cmpstr (dx_step_result_get_message (step_result), ==, steps_expected[i].message);
      g_assert_cmpstr (dx_step_result_get_expected (step_result), ==, steps_expected[i].expected);
      g_assert_cmpstr (dx_step_result_get_actual (step_result), ==, steps_expected[i].actual);
    }
  g_assert_true (dx_run_result_get_failed_step (result) != NULL);
  g_assert_cmpuint (dx_run_result_count (result, DX_STEP_STATUS_PASSED), ==, 2);

  /* Written back member for member, in the documented order */
  written = dx_scenario_to_json (scenario);
  text = to_text (written);
  expected_text = to_text (expected);
  g_assert_cmpstr (text, ==, expected_text);
  reloaded = load (text);
  rewritten = dx_scenario_to_json (reloaded);
  text_again = to_text (rewritten);
  g_assert_cmpstr (text, ==, text_again);
}

/* Results are derived data: whatever is wrong with them, the scenario
 * still loads, without them */
static void
test_json_last_run_dropped (void)
{
  const char *cases[] = {
    "3",
    "[]",
    "null",
    "{}",
    /* two steps' results for three steps */
    "{\"status\": \"passed\", \"finished\": \"2026-11-25T23:01:02.123Z\", \"duration-ms\": 1, \"steps\": ["
    "{\"status\": \"passed\", \"duration-ms\": 0}, {\"status\": \"passed\", \"duration-ms\": 0}]}",
    "{\"status\": \"running\", \"finished\": \"2026-11-25T23:01:02.123Z\", \"duration-ms\": 1, \"steps\": []}",
    "{\"status\": \"passed\", \"finished\": \"yesterday\", \"duration-ms\": 1, \"steps\": []}",
    "{\"status\": \"passed\", \"finished\": \"2026-11-25T23:01:02.123Z\", \"duration-ms\": \"1\", \"steps\": []}",
    "{\"status\": \"passed\", \"finished\": \"2026-11-25T23:01:02.123Z\", \"duration-ms\": -1, \"steps\": []}",
    "{\"status\": \"passed\", \"finished\": \"2026-11-25T23:01:02.123Z\", \"duration-ms\": 1, \"steps\": {}}",
    "{\"status\": \"passed\", \"finished\": \"2026-11-25T23:01:02.123Z\", \"duration-ms\": 1, \"steps\": ["
    "{\"status\": \"passed\", \"duration-ms\": 0}, {\"status\": \"pending\", \"duration-ms\": 0},"
    "{\"status\": \"passed\", \"duration-ms\": 0}]}",
    "{\"status\": \"passed\", \"finished\": \"2026-11-25T23:01:02.123Z\", \"duration-ms\": 1, \"steps\": ["
    "{\"status\": \"passed\", \"duration-ms\": 0}, {\"status\": \"passed\", \"duration-ms\": 0},"
    "{\"status\": \"passed\", \"duration-ms\": 0, \"message\": 5}]}",
    "{\"status\": \"passed\", \"finished\": \"2026-11-25T23:01:02.123Z\", \"duration-ms\": 1, \"steps\": ["
    "{\"status\": \"passed\", \"duration-ms\": 0}, 7, {\"status\": \"passed\", \"duration-ms\": 0}]}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strdup_printf ("{\"name\": \"a\", " THREE_STEPS ", \"last-run\": %s}", cases[i]);
      g_autoptr(DxScenario) scenario = load (text);
      g_autoptr(JsonNode) written = NULL;

      if (dx_scenario_get_last_result (scenario) != NULL)
        g_test_fail_printf ("a last run of %s was kept", cases[i]);
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (dx_scenario_get_steps (scenario))), ==, 3);
      written = dx_scenario_to_json (scenario);
      g_assert_false (json_object_has_member (json_node_get_object (written), "last-run"));
    }
}

static void
test_last_result (void)
{
  g_autoptr(DxScenario) scenario = load ("{\"name\": \"a\", " THREE_STEPS ", " LAST_RUN "}");
  g_autoptr(DxRunResult) result = g_object_ref (dx_scenario_get_last_result (scenario));
  g_autoptr(DxScenarioStep) first = NULL;
  g_autoptr(DxScenarioStep) added = dx_scenario_step_new (DX_STEP_WAIT);
  g_autoptr(JsonNode) written = NULL;
  g_autoptr(JsonNode) moved = NULL;
  g_autoptr(DxScenario) reloaded = NULL;
  g_autoptr(DxStepResult) step_result = NULL;
  g_autoptr(DxScenarioStep) reloaded_step = NULL;
  g_autofree char *text = NULL;
  guint changed = 0, notified = 0;
  gpointer weak = scenario;

  g_signal_connect (scenario, "changed", G_CALLBACK (count_cb), &changed);
  g_signal_connect (scenario, "notify::last-result", G_CALLBACK (notify_count_cb), &notified);

  /* Forgetting and keeping again are saved like any edit */
  dx_scenario_set_last_result (scenario, NULL);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpuint (notified, ==, 1);
  dx_scenario_set_last_result (scenario, NULL);
  g_assert_cmpuint (changed, ==, 1);
  g_object_set (scenario, "last-result", result, NULL);
  g_assert_cmpuint (changed, ==, 2);
  g_assert_cmpuint (notified, ==, 2);
  g_assert_true (dx_scenario_get_last_result (scenario) == result);

  /* Steps moved since the run: written in the steps' new order */
  first = g_list_model_get_item (G_LIST_MODEL (dx_scenario_get_steps (scenario)), 0);
  g_list_store_remove (dx_scenario_get_steps (scenario), 0);
  g_list_store_append (dx_scenario_get_steps (scenario), first);
  moved = dx_scenario_to_json (scenario);
  text = to_text (moved);
  reloaded = load (text);
  g_assert_nonnull (dx_scenario_get_last_result (reloaded));
  step_result = g_list_model_get_item (dx_run_result_get_steps (dx_scenario_get_last_result (reloaded)), 2);
  reloaded_step = g_list_model_get_item (G_LIST_MODEL (dx_scenario_get_steps (reloaded)), 2);
  g_assert_true (dx_step_result_get_step (step_result) == reloaded_step);
  g_assert_cmpstr (dx_step_result_get_message (step_result), ==, "connected");

  /* A step the run never saw: the result no longer fits, so it is not
   * written, though the window may still show it */
  dx_scenario_add_step (scenario, added);
  written = dx_scenario_to_json (scenario);
  g_assert_false (json_object_has_member (json_node_get_object (written), "last-run"));
  g_assert_true (dx_scenario_get_last_result (scenario) == result);

  /* The scenario and its result do not keep each other alive */
  g_object_add_weak_pointer (G_OBJECT (scenario), &weak);
  g_clear_object (&scenario);
  g_assert_null (weak);
  g_assert_null (dx_run_result_get_scenario (result));
}

static void
test_list (void)
{
  g_autoptr(GListStore) scenarios = g_list_store_new (DX_TYPE_SCENARIO);
  g_autoptr(GListStore) loaded = g_list_store_new (DX_TYPE_SCENARIO);
  g_autoptr(DxScenario) a = build_full_scenario ();
  g_autoptr(DxScenario) b = dx_scenario_new ("Empty");
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) bad = NULL;
  g_autoptr(JsonNode) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *text_again = NULL;
  JsonNode *error_node = NULL;

  g_list_store_append (scenarios, a);
  g_list_store_append (scenarios, b);
  node = dx_scenarios_to_json (G_LIST_MODEL (scenarios));
  text = to_text (node);
  g_assert_true (dx_scenarios_load_json (loaded, node, &error_node, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (loaded)), ==, 2);
  again = dx_scenarios_to_json (G_LIST_MODEL (loaded));
  text_again = to_text (again);
  g_assert_cmpstr (text, ==, text_again);
  g_assert_true (dx_scenario_find (G_LIST_MODEL (loaded), "Empty", NULL) != NULL);

  /* All or nothing */
  bad = parse ("[{\"name\": \"ok\"}, {\"name\": \"bad\", \"steps\": [{\"kind\": \"nope\"}]}]");
  g_assert_false (dx_scenarios_load_json (loaded, bad, &error_node, &error));
  g_assert_error (error, DX_SCENARIO_ERROR, DX_SCENARIO_ERROR_INVALID);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (loaded)), ==, 2);
  g_assert_cmpstr (json_node_get_string (error_node), ==, "nope");
}

static void
test_validate (void)
{
  g_autoptr(DxScenario) scenario = dx_scenario_new ("v");
  g_autoptr(DxScenarioStep) ok = dx_scenario_step_new (DX_STEP_WAIT);
  g_autoptr(DxScenarioStep) expect = dx_scenario_step_new (DX_STEP_EXPECT_MESSAGE);
  g_autoptr(DxMatcher) matcher = dx_matcher_new (DX_MATCHER_REGEX, "(");
  g_autoptr(GError) error = NULL;
  guint index = 99;

  dx_scenario_add_step (scenario, ok);
  dx_scenario_add_step (scenario, expect);
  dx_scenario_step_add_matcher (expect, matcher);
  g_assert_false (dx_scenario_validate (scenario, &index, &error));
  g_assert_cmpuint (index, ==, 1);
  g_assert_true (g_str_has_prefix (error->message, "Step 2 (Expect message): “(” is not a valid regular expression"));
  g_clear_error (&error);

  /* A disabled step is not in the way */
  dx_scenario_step_set_enabled (expect, FALSE);
  g_assert_true (dx_scenario_validate (scenario, NULL, NULL));
}

static void
test_step_validate (void)
{
  const struct {
    DxStepKind  kind;
    const char *setup;     /* property=value */
    const char *message;
  } cases[] = {
    { DX_STEP_SEND, "content={nope", "" },
    { DX_STEP_CAPTURE, "variable=a b", "“a b” cannot be a variable name" },
    { DX_STEP_CAPTURE, "expression=", "Say where the value is" },
    { DX_STEP_CLOSE, "code=1005", "1005 cannot be sent as a close code" },
    { DX_STEP_PING, "content=" "0123456789012345678901234567890123456789012345678901234567890123456789"
                    "0123456789012345678901234567890123456789012345678901234567890123456789",
      "The ping payload is 140 bytes long" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(DxScenarioStep) step = dx_scenario_step_new (cases[i].kind);
      g_auto(GStrv) parts = g_strsplit (cases[i].setup, "=", 2);
      g_autoptr(GError) error = NULL;
      GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (step), parts[0]);

      if (cases[i].kind == DX_STEP_SEND)
        dx_scenario_step_set_format (step, DX_SAVED_FORMAT_JSON);
      if (cases[i].kind == DX_STEP_CAPTURE)
        {
          dx_scenario_step_set_variable (step, "v");
          dx_scenario_step_set_expression (step, "$.a");
        }
      if (G_PARAM_SPEC_VALUE_TYPE (pspec) == G_TYPE_UINT)
        g_object_set (step, parts[0], (guint) g_ascii_strtoull (parts[1], NULL, 10), NULL);
      else
        g_object_set (step, parts[0], parts[1], NULL);
      g_assert_false (dx_scenario_step_validate (step, &error));
      g_assert_nonnull (error);
      if (!g_str_has_prefix (error->message, cases[i].message))
        g_test_fail_printf ("“%s” does not start with “%s”", error->message, cases[i].message);
    }

  {
    g_autoptr(DxScenarioStep) capture = dx_scenario_step_new (DX_STEP_CAPTURE);
    g_autoptr(GError) error = NULL;

    dx_scenario_step_set_variable (capture, "v");
    dx_scenario_step_set_source (capture, DX_CAPTURE_REGEX);
    dx_scenario_step_set_expression (capture, "id=\\d+");
    g_assert_false (dx_scenario_step_validate (capture, &error));
    g_assert_nonnull (strstr (error->message, "has 0 groups, so it has no group 1"));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  dx_test_setup ();

  g_test_add_func ("/dx/scenario/changed", test_changed);
  g_test_add_func ("/dx/scenario/variables-changed", test_variables_changed);
  g_test_add_func ("/dx/scenario/step-notify", test_step_notify);
  g_test_add_func ("/dx/scenario/duplicate", test_duplicate);
  g_test_add_func ("/dx/scenario/summaries", test_summaries);
  g_test_add_func ("/dx/scenario/json-round-trip", test_json_round_trip);
  g_test_add_func ("/dx/scenario/json-format", test_json_format);
  g_test_add_func ("/dx/scenario/json-lenient", test_json_lenient);
  g_test_add_func ("/dx/scenario/json-errors", test_json_errors);
  g_test_add_func ("/dx/scenario/json-last-run", test_json_last_run);
  g_test_add_func ("/dx/scenario/json-last-run-dropped", test_json_last_run_dropped);
  g_test_add_func ("/dx/scenario/last-result", test_last_result);
  g_test_add_func ("/dx/scenario/list", test_list);
  g_test_add_func ("/dx/scenario/validate", test_validate);
  g_test_add_func ("/dx/scenario/step-validate", test_step_validate);

  return g_test_run ();
}
