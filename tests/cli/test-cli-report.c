/* test-cli-report.c — duplex-cli's reports and console lines, without a
 * network: well-formed XML whatever the payloads hold, counts that add up,
 * a JSON structure scripts can rely on
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "dx-cli-options.h"
#include "dx-cli-progress.h"
#include "dx-cli-report-json.h"
#include "dx-cli-report-junit.h"
#include "dx-cli-report.h"
#include "dx-test-util.h"

static DxCliStep *
make_step (guint        index,
           const char  *title,
           const char  *kind,
           DxCliStatus  status,
           gint64       duration_ms,
           const char  *expected,
           const char  *actual,
           const char  *message)
{
  DxCliStep *step = dx_cli_step_new (index, title, kind);

  step->status = status;
  step->duration_us = duration_ms * 1000;
  step->expected = g_strdup (expected);
  step->actual = g_strdup (actual);
  step->message = g_strdup (message);
  return step;
}

/* Two sessions: one with a pass and a failure whose payload holds what
 * XML cannot carry, one with an error and a scenario that did not run. */
static DxCliReport *
make_report (void)
{
  DxCliReport *report = dx_cli_report_new ("tests & <more>.json");
  DxCliSession *echo = dx_cli_session_new ("Echo \"local\"", "id-1", "ws://127.0.0.1:1/echo?a=1&b=2");
  DxCliSession *prices = dx_cli_session_new ("Prices", "id-2", "ws://127.0.0.1:1/prices");
  DxCliScenario *scenario;

  scenario = dx_cli_scenario_new ("Ping pong");
  dx_cli_scenario_add_step (scenario, make_step (1, "Connect", "connect", DX_CLI_STATUS_PASSED, 12, NULL, NULL, NULL));
  dx_cli_scenario_add_step (scenario, make_step (2, "Send", "send", DX_CLI_STATUS_PASSED, 1, NULL, NULL, NULL));
  dx_cli_scenario_finish (scenario);
  scenario->duration_us = 13000;
  dx_cli_session_add_scenario (echo, scenario);

  scenario = dx_cli_scenario_new ("Types <&>");
  dx_cli_scenario_add_step (scenario, make_step (1, "Connect", "connect", DX_CLI_STATUS_PASSED, 5, NULL, NULL, NULL));
  dx_cli_scenario_add_step (scenario, make_step (2, "Expect message", "expect-message", DX_CLI_STATUS_FAILED, 2003,
                                                 "$.type equals \"pong\"", "{\"type\":\"ping\",\"raw\":\"\x01\x02\x1b]\"}\n\xff",
                                                 "The next message did not match"));
  dx_cli_scenario_add_step (scenario, make_step (3, "Close", "close", DX_CLI_STATUS_SKIPPED, 0, NULL, NULL, NULL));
  dx_cli_scenario_finish (scenario);
  scenario->duration_us = 2008000;
  dx_cli_session_add_scenario (echo, scenario);
  echo->duration_us = 2021000;
  dx_cli_report_add_session (report, echo);

  scenario = dx_cli_scenario_new ("Subscribe");
  dx_cli_scenario_add_step (scenario, make_step (1, "Connect", "connect", DX_CLI_STATUS_ERROR, 3, NULL, NULL,
                                                 "The variable {{token}} is not defined"));
  dx_cli_scenario_finish (scenario);
  scenario->duration_us = 3000;
  dx_cli_session_add_scenario (prices, scenario);

  scenario = dx_cli_scenario_new ("Later");
  scenario->status = DX_CLI_STATUS_SKIPPED;
  scenario->message = g_strdup ("turned off");
  dx_cli_session_add_scenario (prices, scenario);
  prices->duration_us = 3000;
  dx_cli_report_add_session (report, prices);

  report->duration_us = 2025000;
  return report;
}

typedef struct {
  GPtrArray  *stack;       /* element names */
  GHashTable *root;        /* attributes of <testsuites> */
  GPtrArray  *suites;      /* of GHashTable: attributes of each <testsuite> */
  GPtrArray  *cases;       /* of GHashTable: attributes of each <testcase>, plus "result" and "text" */
  GString    *text;
} Junit;

static GHashTable *
attributes_table (const char **names,
                  const char **values)
{
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; names[i] != NULL; i++)
    g_hash_table_insert (table, g_strdup (names[i]), g_strdup (values[i]));
  return table;
}

static void
junit_start (GMarkupParseContext  *context,
             const char           *element,
             const char          **names,
             const char          **values,
             gpointer              data,
             GError              **error)
{
  Junit *junit = data;

  g_ptr_array_add (junit->stack, g_strdup (element));
  g_string_truncate (junit->text, 0);

  if (g_str_equal (element, "testsuites"))
    junit->root = attributes_table (names, values);
  else if (g_str_equal (element, "testsuite"))
    g_ptr_array_add (junit->suites, attributes_table (names, values));
  else if (g_str_equal (element, "testcase"))
    g_ptr_array_add (junit->cases, attributes_table (names, values));
  else if (g_str_equal (element, "failure") || g_str_equal (element, "error") ||
           g_str_equal (element, "skipped"))
    {
      GHashTable *testcase = g_ptr_array_index (junit->cases, junit->cases->len - 1);

      g_hash_table_insert (testcase, g_strdup ("result"), g_strdup (element));
      for (guint i = 0; names[i] != NULL; i++)
        g_hash_table_insert (testcase, g_strconcat ("result-", names[i], NULL), g_strdup (values[i]));
    }
}

static void
junit_text (GMarkupParseContext  *context,
            const char           *text,
            gsize                 length,
            gpointer              data,
            GError              **error)
{
  Junit *junit = data;

  g_string_append_len (junit->text, text, length);
}

static void
junit_end (GMarkupParseContext  *context,
           const char           *element,
           gpointer              data,
           GError              **error)
{
  Junit *junit = data;

  if (g_str_equal (element, "failure") || g_str_equal (element, "error") ||
      g_str_equal (element, "system-out"))
    {
      GHashTable *testcase = g_ptr_array_index (junit->cases, junit->cases->len - 1);

      g_hash_table_insert (testcase, g_strdup (element), g_strdup (junit->text->str));
    }
  g_ptr_array_remove_index (junit->stack, junit->stack->len - 1);
}

static void
junit_parse (Junit      *junit,
             const char *xml)
{
  static const GMarkupParser parser = { junit_start, junit_end, junit_text, NULL, NULL };
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GError) error = NULL;

  junit->stack = g_ptr_array_new_with_free_func (g_free);
  junit->suites = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);
  junit->cases = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);
  junit->text = g_string_new (NULL);

  context = g_markup_parse_context_new (&parser, 0, junit, NULL);
  g_markup_parse_context_parse (context, xml, -1, &error);
  g_assert_no_error (error);
  g_markup_parse_context_end_parse (context, &error);
  g_assert_no_error (error);
  g_assert_nonnull (junit->root);
}

static void
junit_clear (Junit *junit)
{
  g_ptr_array_unref (junit->stack);
  g_clear_pointer (&junit->root, g_hash_table_unref);
  g_ptr_array_unref (junit->suites);
  g_ptr_array_unref (junit->cases);
  g_string_free (junit->text, TRUE);
}

static const char *
attr (GHashTable *table,
      const char *name)
{
  return g_hash_table_lookup (table, name);
}

static void
test_xml_escape (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GString) attribute = g_string_new (NULL);
  const char *input = "a&b<c>d\"e'f\ng\th\x01i\x1b\x7f\xef\xbf\xbej\xc3\xa9\xff";

  dx_cli_xml_append_escaped (text, input, FALSE);
  g_assert_cmpstr (text->str, ==,
                   "a&amp;b&lt;c&gt;d\"e'f\ng\th\\x01i\\x1B\x7f\\uFFFEj\xc3\xa9\xef\xbf\xbd");

  dx_cli_xml_append_escaped (attribute, input, TRUE);
  g_assert_cmpstr (attribute->str, ==,
                   "a&amp;b&lt;c&gt;d&quot;e&apos;f&#10;g&#9;h\\x01i\\x1B\x7f\\uFFFEj\xc3\xa9\xef\xbf\xbd");
}

static void
test_junit_structure (void)
{
  g_autoptr(DxCliReport) report = make_report ();
  g_autofree char *xml = dx_cli_report_to_junit (report);
  Junit junit = { 0 };
  GHashTable *suite, *testcase;

  junit_parse (&junit, xml);

  g_assert_cmpstr (attr (junit.root, "tests"), ==, "4");
  g_assert_cmpstr (attr (junit.root, "failures"), ==, "1");
  g_assert_cmpstr (attr (junit.root, "errors"), ==, "1");
  g_assert_cmpstr (attr (junit.root, "skipped"), ==, "1");
  g_assert_cmpstr (attr (junit.root, "time"), ==, "2.025");
  g_assert_cmpstr (attr (junit.root, "name"), ==, "tests & <more>.json");

  g_assert_cmpuint (junit.suites->len, ==, 2);
  suite = g_ptr_array_index (junit.suites, 0);
  g_assert_cmpstr (attr (suite, "name"), ==, "Echo \"local\"");
  g_assert_cmpstr (attr (suite, "tests"), ==, "2");
  g_assert_cmpstr (attr (suite, "failures"), ==, "1");
  g_assert_cmpstr (attr (suite, "errors"), ==, "0");
  g_assert_cmpstr (attr (suite, "skipped"), ==, "0");
  g_assert_cmpstr (attr (suite, "time"), ==, "2.021");
  g_assert_nonnull (attr (suite, "timestamp"));
  g_assert_nonnull (attr (suite, "hostname"));
  suite = g_ptr_array_index (junit.suites, 1);
  g_assert_cmpstr (attr (suite, "tests"), ==, "2");
  g_assert_cmpstr (attr (suite, "errors"), ==, "1");
  g_assert_cmpstr (attr (suite, "skipped"), ==, "1");

  g_assert_cmpuint (junit.cases->len, ==, 4);
  testcase = g_ptr_array_index (junit.cases, 0);
  g_assert_cmpstr (attr (testcase, "classname"), ==, "Echo \"local\"");
  g_assert_cmpstr (attr (testcase, "name"), ==, "Ping pong");
  g_assert_cmpstr (attr (testcase, "time"), ==, "0.013");
  g_assert_null (attr (testcase, "result"));
  g_assert_nonnull (strstr (attr (testcase, "system-out"), "1. Connect"));

  testcase = g_ptr_array_index (junit.cases, 1);
  g_assert_cmpstr (attr (testcase, "name"), ==, "Types <&>");
  g_assert_cmpstr (attr (testcase, "result"), ==, "failure");
  g_assert_cmpstr (attr (testcase, "result-type"), ==, "expect-message");
  g_assert_cmpstr (attr (testcase, "result-message"), ==, "2. Expect message: The next message did not match");
  g_assert_nonnull (strstr (attr (testcase, "failure"), "expected: $.type equals \"pong\""));
  g_assert_nonnull (strstr (attr (testcase, "failure"), "actual:   {\"type\":\"ping\",\"raw\":\"\\x01\\x02\\x1B]\"}"));
  g_assert_nonnull (strstr (attr (testcase, "failure"), "3. Close — skipped"));

  testcase = g_ptr_array_index (junit.cases, 2);
  g_assert_cmpstr (attr (testcase, "classname"), ==, "Prices");
  g_assert_cmpstr (attr (testcase, "result"), ==, "error");
  g_assert_nonnull (strstr (attr (testcase, "error"), "{{token}} is not defined"));

  testcase = g_ptr_array_index (junit.cases, 3);
  g_assert_cmpstr (attr (testcase, "result"), ==, "skipped");
  g_assert_cmpstr (attr (testcase, "result-message"), ==, "turned off");

  junit_clear (&junit);
}

static void
test_json_structure (void)
{
  g_autoptr(DxCliReport) report = make_report ();
  g_autofree char *json = dx_cli_report_to_json (report);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root, *summary, *session, *scenario, *step;
  JsonArray *sessions, *scenarios, *steps;

  g_assert_true (g_str_has_suffix (json, "}\n"));
  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);

  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "format"), ==, "duplex-cli-report");
  g_assert_cmpint (json_object_get_int_member (root, "version"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (root, "duration_ms"), ==, 2025);
  summary = json_object_get_object_member (root, "summary");
  g_assert_cmpint (json_object_get_int_member (summary, "scenarios"), ==, 4);
  g_assert_cmpint (json_object_get_int_member (summary, "passed"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (summary, "failed"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (summary, "errors"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (summary, "skipped"), ==, 1);

  sessions = json_object_get_array_member (root, "sessions");
  g_assert_cmpuint (json_array_get_length (sessions), ==, 2);
  session = json_array_get_object_element (sessions, 0);
  g_assert_cmpstr (json_object_get_string_member (session, "name"), ==, "Echo \"local\"");
  g_assert_cmpstr (json_object_get_string_member (session, "url"), ==, "ws://127.0.0.1:1/echo?a=1&b=2");
  scenarios = json_object_get_array_member (session, "scenarios");
  scenario = json_array_get_object_element (scenarios, 1);
  g_assert_cmpstr (json_object_get_string_member (scenario, "status"), ==, "failed");
  g_assert_cmpint (json_object_get_int_member (scenario, "duration_ms"), ==, 2008);
  g_assert_true (json_object_get_null_member (scenario, "message"));
  steps = json_object_get_array_member (scenario, "steps");
  g_assert_cmpuint (json_array_get_length (steps), ==, 3);

  step = json_array_get_object_element (steps, 0);
  g_assert_cmpstr (json_object_get_string_member (step, "status"), ==, "passed");
  g_assert_true (json_object_has_member (step, "expected"));
  g_assert_true (json_object_get_null_member (step, "expected"));
  g_assert_true (json_object_get_null_member (step, "actual"));
  g_assert_true (json_object_get_null_member (step, "message"));

  step = json_array_get_object_element (steps, 1);
  g_assert_cmpint (json_object_get_int_member (step, "index"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (step, "title"), ==, "Expect message");
  g_assert_cmpstr (json_object_get_string_member (step, "kind"), ==, "expect-message");
  g_assert_cmpstr (json_object_get_string_member (step, "status"), ==, "failed");
  g_assert_cmpint (json_object_get_int_member (step, "duration_ms"), ==, 2003);
  g_assert_cmpstr (json_object_get_string_member (step, "expected"), ==, "$.type equals \"pong\"");
  /* Invalid UTF-8 must not make the report unreadable */
  g_assert_true (g_str_has_prefix (json_object_get_string_member (step, "actual"), "{\"type\":\"ping\""));

  session = json_array_get_object_element (sessions, 1);
  scenario = json_array_get_object_element (json_object_get_array_member (session, "scenarios"), 1);
  g_assert_cmpstr (json_object_get_string_member (scenario, "status"), ==, "skipped");
  g_assert_cmpstr (json_object_get_string_member (scenario, "message"), ==, "turned off");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (scenario, "steps")), ==, 0);
}

static void
test_exit_status (void)
{
  g_autoptr(DxCliReport) report = make_report ();
  g_autoptr(DxCliReport) passing = dx_cli_report_new ("x.json");
  DxCliSession *session = dx_cli_session_new ("S", NULL, NULL);
  DxCliScenario *scenario = dx_cli_scenario_new ("A");

  g_assert_cmpint (dx_cli_report_exit_status (report), ==, DX_CLI_EXIT_FAILED);

  dx_cli_scenario_add_step (scenario, make_step (1, "Wait", "wait", DX_CLI_STATUS_PASSED, 1, NULL, NULL, NULL));
  dx_cli_scenario_finish (scenario);
  dx_cli_session_add_scenario (session, scenario);
  dx_cli_report_add_session (passing, session);
  g_assert_cmpint (dx_cli_report_exit_status (passing), ==, DX_CLI_EXIT_PASSED);
}

static void
test_step_lines (void)
{
  g_autoptr(DxCliProgress) progress = dx_cli_progress_new (stdout, FALSE);
  g_autoptr(DxCliStep) passed = make_step (1, "Connect", "connect", DX_CLI_STATUS_PASSED, 12, NULL, NULL, NULL);
  g_autoptr(DxCliStep) failed = make_step (2, "Expect message", "expect-message", DX_CLI_STATUS_FAILED, 2003,
                                           "$.type equals \"pong\"", "\"ping\"", NULL);
  g_autoptr(DxCliStep) timeout = make_step (3, "Expect message", "expect-message", DX_CLI_STATUS_FAILED, 2001,
                                            "equals \"hi\"", NULL, "no message within 2000 ms");
  g_autofree char *long_actual = g_strnfill (5000, 'x');
  g_autoptr(DxCliStep) huge = make_step (4, "Expect message", "expect-message", DX_CLI_STATUS_FAILED, 1,
                                         "size < 10", long_actual, NULL);
  g_autofree char *line = NULL;

  line = dx_cli_progress_dup_step_line (progress, passed);
  g_assert_cmpstr (line, ==, "  ✓ Connect  12 ms");
  g_clear_pointer (&line, g_free);

  line = dx_cli_progress_dup_step_line (progress, failed);
  g_assert_cmpstr (line, ==, "  ✗ Expect message — expected $.type equals \"pong\", got \"ping\"  2.0 s");
  g_clear_pointer (&line, g_free);

  line = dx_cli_progress_dup_step_line (progress, timeout);
  g_assert_cmpstr (line, ==, "  ✗ Expect message — no message within 2000 ms  2.0 s");
  g_clear_pointer (&line, g_free);

  /* One console line stays one line, however large the payload */
  line = dx_cli_progress_dup_step_line (progress, huge);
  g_assert_cmpuint (g_utf8_strlen (line, -1), <, 300);
  g_assert_nonnull (strstr (line, "…"));
}

static void
test_parse_var (void)
{
  const struct {
    const char *text;
    const char *key;
    const char *value;
  } cases[] = {
    { "name=value", "name", "value" },
    { "url=ws://h/?a=b", "url", "ws://h/?a=b" },
    { " spaced =x", "spaced", "x" },
    { "empty=", "empty", "" },
    { "novalue", NULL, NULL },
    { "=value", NULL, NULL },
    { "{{x}}=1", NULL, NULL },
    { "a\"b=1", NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *key = NULL;
      g_autofree char *value = NULL;
      g_autoptr(GError) error = NULL;
      gboolean ok = dx_cli_parse_var (cases[i].text, &key, &value, &error);

      if (cases[i].key == NULL)
        {
          g_assert_false (ok);
          g_assert_error (error, DX_CLI_ERROR, DX_CLI_ERROR_USAGE);
          g_assert_nonnull (strstr (error->message, "--var"));
          continue;
        }
      g_assert_no_error (error);
      g_assert_cmpstr (key, ==, cases[i].key);
      g_assert_cmpstr (value, ==, cases[i].value);
    }
}

int
main (int    argc,
      char **argv)
{
  /* The console lines' glyphs depend on a UTF-8 locale (C.UTF-8 here) */
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  dx_test_setup ();

  g_test_add_func ("/dx/cli/report/xml-escape", test_xml_escape);
  g_test_add_func ("/dx/cli/report/junit-structure", test_junit_structure);
  g_test_add_func ("/dx/cli/report/json-structure", test_json_structure);
  g_test_add_func ("/dx/cli/report/exit-status", test_exit_status);
  g_test_add_func ("/dx/cli/progress/step-lines", test_step_lines);
  g_test_add_func ("/dx/cli/options/parse-var", test_parse_var);

  return g_test_run ();
}
