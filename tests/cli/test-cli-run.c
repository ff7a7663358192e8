/* test-cli-run.c — duplex-cli runs scenarios as CI runs it: the real
 * binary, workspace files from tests/cli/, the built-in echo server on a
 * port chosen at run time (the fixtures' {{base}} is set with --var), exit
 * statuses 0 and 1, the console, and the JUnit and JSON reports parsed
 * back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "dx-cli-test-util.h"
#include "dx-connection.h"
#include "dx-echo-server.h"
#include "dx-field.h"
#include "dx-runner.h"
#include "dx-scenario-json.h"
#include "dx-test-echo.h"
#include "dx-test-scenario.h"
#include "dx-test-util.h"
#include "dx-workspace-io.h"

static DxEchoServer *echo_server;
static char *base_var;   /* "base=ws://127.0.0.1:PORT" */

/* ---- runs ---------------------------------------------------------------- */

/* Step @step of scenario @scenario of session @session in the JSON report
 * at @path */
static JsonObject *
load_step (JsonParser *parser,
           const char *path,
           guint       session,
           guint       scenario,
           guint       step)
{
  JsonObject *report = dx_cli_test_load_json (parser, path);

  return dx_cli_test_member (dx_cli_test_member (dx_cli_test_member (report, "sessions", session),
                                                 "scenarios", scenario),
                             "steps", step);
}

static void
test_run_pass (void)
{
  g_autofree char *path = dx_cli_test_fixture ("pass.json");
  g_auto(DxCliResult) result = { 0 };

  dx_cli_test_run (&result, "run", path, "--var", base_var, NULL);
  g_assert_cmpint (result.status, ==, 0);
  dx_cli_test_assert_contains (result.out, "Echo › Text comes back\n");
  dx_cli_test_assert_contains (result.out, "Echo › JSON comes back\n");
  dx_cli_test_assert_contains (result.out, "  ✓ ");
  g_assert_null (strstr (result.out, "✗"));
  /* A step turned off is shown, in its place, and does not fail the run */
  dx_cli_test_assert_contains (result.out, "  ✓ Send text: “hello”  ");
  dx_cli_test_assert_contains (result.out, "\n  – Wait 60000 ms — Turned off\n  ✓ Expect message: equals “hello”");
  dx_cli_test_assert_contains (result.out, "2 scenarios: 2 passed, 0 failed, 0 skipped in ");
}

static void
test_run_fail_reports (void)
{
  g_autofree char *path = dx_cli_test_fixture ("fail.json");
  g_autofree char *dir = dx_cli_test_make_dir ();
  g_autofree char *junit_path = g_build_filename (dir, "junit.xml", NULL);
  g_autofree char *json_path = g_build_filename (dir, "report.json", NULL);
  g_autoptr(JsonParser) junit_parser = json_parser_new ();
  g_autoptr(JsonParser) json_parser = json_parser_new ();
  g_auto(DxCliResult) result = { 0 };
  JsonObject *junit, *totals, *testcase, *report, *session, *scenario, *step;
  const char *text;

  dx_cli_test_run (&result, "run", path, "--var", base_var, "--junit", junit_path, "--json", json_path, NULL);
  g_assert_cmpint (result.status, ==, 1);
  dx_cli_test_assert_contains (result.out, "  ✗ ");
  dx_cli_test_assert_contains (result.out, "pong");
  dx_cli_test_assert_contains (result.out, "2 scenarios: 1 passed, 1 failed, 0 skipped in ");

  junit = dx_cli_test_check_junit (junit_parser, junit_path);
  if (junit == NULL)
    goto out;
  totals = json_object_get_object_member (junit, "totals");
  g_assert_cmpint (json_object_get_int_member (totals, "tests"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (totals, "failures"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (totals, "errors"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (totals, "skipped"), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (dx_cli_test_member (junit, "suites", 0), "name"), ==, "Echo");

  testcase = dx_cli_test_member (dx_cli_test_member (junit, "suites", 0), "cases", 0);
  g_assert_cmpstr (json_object_get_string_member (testcase, "name"), ==, "Passes");
  g_assert_cmpstr (json_object_get_string_member (testcase, "status"), ==, "passed");

  testcase = dx_cli_test_member (dx_cli_test_member (junit, "suites", 0), "cases", 1);
  g_assert_cmpstr (json_object_get_string_member (testcase, "classname"), ==, "Echo");
  g_assert_cmpstr (json_object_get_string_member (testcase, "name"), ==, "Pong expected, ping comes");
  g_assert_cmpstr (json_object_get_string_member (testcase, "status"), ==, "failed");
  g_assert_cmpstr (json_object_get_string_member (testcase, "type"), ==, "expect-message");
  text = json_object_get_string_member (testcase, "text");
  /* Expected vs actual, step by step */
  dx_cli_test_assert_contains (text, "1. ");
  dx_cli_test_assert_contains (text, "3. ");
  dx_cli_test_assert_contains (text, "expected: ");
  dx_cli_test_assert_contains (text, "pong");
  dx_cli_test_assert_contains (text, "actual:   ");
  dx_cli_test_assert_contains (text, "ping");
  dx_cli_test_assert_contains (json_object_get_string_member (testcase, "system_out"), "1. Connect — passed in ");

  report = dx_cli_test_load_json (json_parser, json_path);
  g_assert_cmpstr (json_object_get_string_member (report, "format"), ==, "duplex-cli-report");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (report, "summary"), "failed"), ==, 1);
  session = dx_cli_test_member (report, "sessions", 0);
  g_assert_cmpstr (json_object_get_string_member (session, "name"), ==, "Echo");
  /* As written: a secret given with --var stays out of CI artifacts */
  g_assert_cmpstr (json_object_get_string_member (session, "url"), ==, "{{base}}/echo");
  scenario = dx_cli_test_member (session, "scenarios", 0);
  g_assert_cmpstr (json_object_get_string_member (scenario, "status"), ==, "passed");
  scenario = dx_cli_test_member (session, "scenarios", 1);
  g_assert_cmpstr (json_object_get_string_member (scenario, "status"), ==, "failed");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (scenario, "steps")), ==, 4);
  step = dx_cli_test_member (scenario, "steps", 0);
  g_assert_cmpstr (json_object_get_string_member (step, "kind"), ==, "connect");
  g_assert_cmpstr (json_object_get_string_member (step, "status"), ==, "passed");
  g_assert_true (json_object_has_member (step, "duration_ms"));
  step = dx_cli_test_member (scenario, "steps", 2);
  g_assert_cmpstr (json_object_get_string_member (step, "kind"), ==, "expect-message");
  g_assert_cmpstr (json_object_get_string_member (step, "status"), ==, "failed");
  dx_cli_test_assert_contains (json_object_get_string_member (step, "expected"), "pong");
  dx_cli_test_assert_contains (json_object_get_string_member (step, "actual"), "ping");
  /* A scenario stops at its first failure: the close is never reached */
  step = dx_cli_test_member (scenario, "steps", 3);
  g_assert_cmpstr (json_object_get_string_member (step, "status"), ==, "skipped");

out:
  dx_cli_test_remove_dir (dir);
}

/* Names and payloads full of what XML must escape, and control
 * characters XML 1.0 cannot carry at all: the report must still parse */
static void
test_run_junit_escaping (void)
{
  g_autofree char *path = dx_cli_test_fixture ("nasty.json");
  g_autofree char *dir = dx_cli_test_make_dir ();
  g_autofree char *junit_path = g_build_filename (dir, "junit.xml", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(DxCliResult) result = { 0 };
  JsonObject *junit, *testcase;

  dx_cli_test_run (&result, "run", path, "--var", base_var, "--junit", junit_path, NULL);
  g_assert_cmpint (result.status, ==, 1);
  /* Not a pipe to a terminal, so no colours: an escape could only come
   * from the payload, which must not reach the console raw */
  g_assert_null (strchr (result.out, '\033'));
  g_assert_null (strchr (result.out, '\007'));

  junit = dx_cli_test_check_junit (parser, junit_path);
  if (junit == NULL)
    goto out;
  g_assert_cmpstr (json_object_get_string_member (dx_cli_test_member (junit, "suites", 0), "name"), ==,
                   "Tom & \"Jerry\" <cats>");
  testcase = dx_cli_test_member (dx_cli_test_member (junit, "suites", 0), "cases", 0);
  g_assert_cmpstr (json_object_get_string_member (testcase, "classname"), ==, "Tom & \"Jerry\" <cats>");
  g_assert_cmpstr (json_object_get_string_member (testcase, "name"), ==, "It's <not> \"XML\" & \\x07 safe");
  g_assert_cmpstr (json_object_get_string_member (testcase, "status"), ==, "failed");
  dx_cli_test_assert_contains (json_object_get_string_member (testcase, "text"), "]]> and </failure> too");
  dx_cli_test_assert_contains (json_object_get_string_member (testcase, "text"), "bell \\x07, escape \\x1B[31m");

out:
  dx_cli_test_remove_dir (dir);
}

static void
test_run_var_override (void)
{
  g_autofree char *path = dx_cli_test_fixture ("var.json");
  g_autofree char *dir = dx_cli_test_make_dir ();
  g_autofree char *json_path = g_build_filename (dir, "report.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(DxCliResult) without = { 0 };
  g_auto(DxCliResult) with = { 0 };
  JsonObject *step;

  /* {{name}} is "world" in the workspace and "scenario" in the scenario,
   * which wins: the echo is "hello scenario" */
  dx_cli_test_run (&without, "run", path, "--var", base_var, "--json", json_path, NULL);
  g_assert_cmpint (without.status, ==, 1);
  step = load_step (parser, json_path, 0, 0, 2);
  g_assert_cmpstr (json_object_get_string_member (step, "status"), ==, "failed");
  dx_cli_test_assert_contains (json_object_get_string_member (step, "actual"), "hello scenario");

  /* --var wins over both */

  dx_cli_test_run (&with, "run", path, "--var", base_var, "--var", "name=Duplex", "--json", json_path, NULL);
  g_assert_cmpint (with.status, ==, 0);
  step = load_step (parser, json_path, 0, 0, 2);
  g_assert_cmpstr (json_object_get_string_member (step, "status"), ==, "passed");

  dx_cli_test_remove_dir (dir);
}

static void
test_run_jobs (void)
{
  g_autofree char *path = dx_cli_test_fixture ("jobs.json");
  g_autofree char *dir = dx_cli_test_make_dir ();
  g_autofree char *json_path = g_build_filename (dir, "report.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(DxCliResult) result = { 0 };
  g_auto(GStrv) lines = NULL;
  JsonObject *report, *alpha, *beta;

  dx_cli_test_run (&result, "run", path, "--var", base_var, "--jobs", "2", "--json", json_path, NULL);
  g_assert_cmpint (result.status, ==, 0);
  dx_cli_test_assert_contains (result.out, "3 scenarios: 3 passed, 0 failed, 0 skipped in ");

  /* Every line of a session says which it is, and is whole */
  lines = g_strsplit (result.out, "\n", -1);
  for (guint i = 0; lines[i] != NULL && lines[i][0] != '\0'; i++)
    if (!g_str_has_prefix (lines[i], "3 scenarios"))
      g_assert_true (g_str_has_prefix (lines[i], "[Alpha] ") || g_str_has_prefix (lines[i], "[Beta] "));
  dx_cli_test_assert_contains (result.out, "[Alpha] Alpha one\n");
  dx_cli_test_assert_contains (result.out, "[Alpha] Alpha two\n");
  dx_cli_test_assert_contains (result.out, "[Beta] Beta one\n");

  /* Both sessions ran, each with its scenarios in the order of the file */
  report = dx_cli_test_load_json (parser, json_path);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (report, "sessions")), ==, 2);
  alpha = dx_cli_test_member (report, "sessions", 0);
  beta = dx_cli_test_member (report, "sessions", 1);
  g_assert_cmpstr (json_object_get_string_member (alpha, "name"), ==, "Alpha");
  g_assert_cmpstr (json_object_get_string_member (beta, "name"), ==, "Beta");
  g_assert_cmpstr (json_object_get_string_member (dx_cli_test_member (alpha, "scenarios", 0), "name"), ==, "Alpha one");
  g_assert_cmpstr (json_object_get_string_member (dx_cli_test_member (alpha, "scenarios", 1), "name"), ==, "Alpha two");
  g_assert_cmpstr (json_object_get_string_member (dx_cli_test_member (beta, "scenarios", 0), "name"), ==, "Beta one");
  for (guint i = 0; i < 2; i++)
    g_assert_cmpstr (json_object_get_string_member (dx_cli_test_member (alpha, "scenarios", i), "status"), ==, "passed");
  g_assert_cmpstr (json_object_get_string_member (dx_cli_test_member (beta, "scenarios", 0), "status"), ==, "passed");

  dx_cli_test_remove_dir (dir);
}

/* Alice and Bob each greet and wait for the other's greeting, through a
 * relay that passes on what one says to the other: both pass only if
 * their sessions run at the same time. */
static void
test_run_jobs_concurrent (void)
{
  g_autofree char *path = dx_cli_test_fixture ("relay.json");
  g_autofree char *script = dx_cli_test_fixture ("relay-server.py");
  g_autoptr(GSubprocess) relay = NULL;
  g_autoptr(GDataInputStream) output = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  g_autofree char *together = NULL;
  g_autofree char *apart = NULL;
  g_auto(DxCliResult) concurrent = { 0 };
  g_auto(DxCliResult) serial = { 0 };
  gboolean exited = FALSE;
  guint port;

  if (!g_file_test (DX_CLI_TEST_PYTHON, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip (DX_CLI_TEST_PYTHON " is missing: apt-get install python3 python3-websockets");
      return;
    }

  relay = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                            &error, DX_CLI_TEST_PYTHON, script, NULL);
  g_assert_no_error (error);
  output = g_data_input_stream_new (g_subprocess_get_stdout_pipe (relay));
  line = g_data_input_stream_read_line_utf8 (output, NULL, NULL, &error);
  g_assert_no_error (error);
  if (line == NULL || sscanf (line, "PORT %u", &port) != 1)
    g_error ("relay-server.py did not start (python3-websockets missing?): %s", line);

  /* Each run has a room of its own: the relay remembers what was said */
  together = g_strdup_printf ("room=ws://127.0.0.1:%u/together", port);
  apart = g_strdup_printf ("room=ws://127.0.0.1:%u/apart", port);

  /* The 1 s a greeting may take, scaled so that a slow machine cannot
   * make the concurrent run fail */
  dx_cli_test_run (&concurrent, "run", path, "--var", together, "--jobs", "2", "--timeout-scale", "30", NULL);
  g_assert_cmpint (concurrent.status, ==, 0);
  dx_cli_test_assert_contains (concurrent.out, "2 scenarios: 2 passed, 0 failed, 0 skipped in ");

  /* One after the other, Alice gives up before Bob ever connects */
  dx_cli_test_run (&serial, "run", path, "--var", apart, "--jobs", "1", NULL);
  g_assert_cmpint (serial.status, ==, 1);
  dx_cli_test_assert_contains (serial.out, "2 scenarios: 1 passed, 1 failed, 0 skipped in ");

  g_output_stream_close (g_subprocess_get_stdin_pipe (relay), NULL, NULL);
  g_subprocess_wait_async (relay, NULL, dx_cli_test_exited_cb, &exited);
  DX_TEST_WAIT_UNTIL (exited, "relay-server.py to exit");
}

static void
test_run_select (void)
{
  g_autofree char *path = dx_cli_test_fixture ("jobs.json");
  g_auto(DxCliResult) session = { 0 };
  g_auto(DxCliResult) scenario = { 0 };

  dx_cli_test_run (&session, "run", path, "--var", base_var, "--session", "Beta", NULL);
  g_assert_cmpint (session.status, ==, 0);
  dx_cli_test_assert_contains (session.out, "Beta › Beta one\n");
  g_assert_null (strstr (session.out, "Alpha"));
  dx_cli_test_assert_contains (session.out, "1 scenario: 1 passed, 0 failed, 0 skipped in ");

  dx_cli_test_run (&scenario, "run", path, "--var", base_var, "--scenario", "Alpha two", "--scenario", "Beta one", NULL);
  g_assert_cmpint (scenario.status, ==, 0);
  dx_cli_test_assert_contains (scenario.out, "Alpha › Alpha two\n");
  dx_cli_test_assert_contains (scenario.out, "Beta › Beta one\n");
  g_assert_null (strstr (scenario.out, "Alpha one"));
  dx_cli_test_assert_contains (scenario.out, "2 scenarios: 2 passed, 0 failed, 0 skipped in ");
}

/* Send steps that name a saved message: the session's own, and one from
 * the workspace's library */
static void
test_run_saved_messages (void)
{
  g_autofree char *path = dx_cli_test_fixture ("saved-messages.json");
  g_auto(DxCliResult) result = { 0 };

  dx_cli_test_run (&result, "run", path, "--var", base_var, NULL);
  g_assert_cmpint (result.status, ==, 0);
  dx_cli_test_assert_contains (result.out, "1 scenario: 1 passed, 0 failed, 0 skipped in ");
}

static void
test_run_refused (void)
{
  g_autofree char *path = dx_cli_test_fixture ("pass.json");
  g_autofree char *url = dx_echo_server_dup_url (echo_server, "/nowhere");
  g_autofree char *nowhere = g_strconcat ("base=", url, NULL);
  g_auto(DxCliResult) result = { 0 };

  /* The echo server answers 404 to a path it does not serve */
  dx_cli_test_run (&result, "run", path, "--var", nowhere, NULL);
  g_assert_cmpint (result.status, ==, 1);
  dx_cli_test_assert_contains (result.out, "  ✗ Connect — ");
  dx_cli_test_assert_contains (result.out, "404");
  dx_cli_test_assert_contains (result.out, "2 scenarios: 0 passed, 2 failed, 0 skipped in ");
}

static void
test_run_timeout_scale (void)
{
  g_autofree char *path = dx_cli_test_fixture ("silence.json");
  g_autofree char *dir = dx_cli_test_make_dir ();
  g_autofree char *json_path = g_build_filename (dir, "report.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(DxCliResult) plain = { 0 };
  g_auto(DxCliResult) scaled = { 0 };
  g_autofree char *said = NULL;
  JsonObject *step;

  /* The step's 200 ms is what the failure reports; scaled, it is 500 ms */
  dx_cli_test_run (&plain, "run", path, "--var", base_var, "--json", json_path, NULL);
  g_assert_cmpint (plain.status, ==, 1);
  step = load_step (parser, json_path, 0, 0, 1);
  g_assert_cmpstr (json_object_get_string_member (step, "status"), ==, "failed");
  said = g_strconcat (dx_cli_test_step_text (step, "message"), " ", dx_cli_test_step_text (step, "actual"), NULL);
  dx_cli_test_assert_contains (said, "200 ms");
  g_clear_pointer (&said, g_free);

  dx_cli_test_run (&scaled, "run", path, "--var", base_var, "--timeout-scale", "2.5", "--json", json_path, NULL);
  g_assert_cmpint (scaled.status, ==, 1);
  step = load_step (parser, json_path, 0, 0, 1);
  said = g_strconcat (dx_cli_test_step_text (step, "message"), " ", dx_cli_test_step_text (step, "actual"), NULL);
  dx_cli_test_assert_contains (said, "500 ms");

  dx_cli_test_remove_dir (dir);
}

static void
test_run_interrupted (void)
{
  g_autofree char *cli = dx_cli_test_binary ();
  g_autofree char *path = dx_cli_test_fixture ("slow.json");
  g_autofree char *dir = dx_cli_test_make_dir ();
  g_autofree char *json_path = g_build_filename (dir, "report.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) output = NULL;
  g_autoptr(GError) error = NULL;
  gboolean exited = FALSE;
  JsonObject *session, *waits, *never;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                              &error, cli, "run", path, "--var", base_var, "--json", json_path, NULL);
  g_assert_no_error (error);

  /* Once the connect step has passed, the minute-long wait is under way */
  output = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  for (;;)
    {
      g_autofree char *line = g_data_input_stream_read_line_utf8 (output, NULL, NULL, &error);

      g_assert_no_error (error);
      g_assert_nonnull (line);
      if (g_str_has_prefix (line, "  ✓ Connect"))
        break;
    }

  g_subprocess_send_signal (process, SIGINT);
  g_subprocess_wait_async (process, NULL, dx_cli_test_exited_cb, &exited);
  DX_TEST_WAIT_UNTIL (exited, "duplex-cli run to stop on SIGINT");
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 1);

  /* The report is still written, with what did not finish */
  session = dx_cli_test_member (dx_cli_test_load_json (parser, json_path), "sessions", 0);
  waits = dx_cli_test_member (session, "scenarios", 0);
  never = dx_cli_test_member (session, "scenarios", 1);
  g_assert_cmpstr (json_object_get_string_member (dx_cli_test_member (waits, "steps", 0), "status"), ==, "passed");
  g_assert_cmpstr (json_object_get_string_member (dx_cli_test_member (waits, "steps", 1), "status"), !=, "passed");
  g_assert_cmpstr (json_object_get_string_member (never, "status"), ==, "skipped");

  dx_cli_test_remove_dir (dir);
}

/* ---- a workspace saved by Duplex ------------------------------------------ */

/* A scenario that passes four steps, then fails on an expectation, as a
 * tester builds it in the window; ' stands for " */
static const char saved_scenario_json[] =
  "{'name': 'Built in the window', 'steps': ["
  "  {'kind': 'connect', 'expect': 'success', 'subprotocol': 'chat', 'timeout': 5000},"
  "  {'kind': 'send', 'format': 'text', 'content': '{{greeting}}'},"
  "  {'kind': 'expect-message', 'mode': 'next', 'timeout': 5000,"
  "   'matchers': [{'kind': 'equals', 'value': 'hi there'}]},"
  "  {'kind': 'send', 'format': 'json', 'content': '{\\'n\\': 1}'},"
  "  {'kind': 'expect-message', 'mode': 'next', 'timeout': 5000,"
  "   'matchers': [{'kind': 'jsonpath', 'path': '$.n', 'op': 'equals', 'value': '2'}]},"
  "  {'kind': 'close', 'code': 1000}"
  "]}";

/* "passed", "failed", "skipped": the nick, as the JSON report writes it */
static const char *
status_nick (DxStepResult *step)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (DX_TYPE_STEP_STATUS);

  return g_enum_get_value (klass, dx_step_result_get_status (step))->value_nick;
}

/* The workspace is saved with dx_workspace_io_save(), as the window's Save
 * does; the same scenario runs in-process with DxRunner, as the window's
 * Run does; duplex-cli must report the very same outcome, step by step. */
static void
test_run_saved_workspace (void)
{
  g_autofree char *dir = dx_cli_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "saved.json", NULL);
  g_autofree char *json_path = g_build_filename (dir, "report.json", NULL);
  g_autofree char *url = dx_echo_server_dup_url (echo_server, "/echo");
  g_autoptr(DxWorkspace) workspace = dx_workspace_new ();
  g_autoptr(DxSession) session = dx_session_new ("Saved", url);
  g_autoptr(DxScenario) scenario = dx_test_scenario_from_json (saved_scenario_json);
  g_autoptr(DxField) greeting = dx_field_new (TRUE, "greeting", "hi there");
  const char * const protocols[] = { "chat", NULL };
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(DxSession) window_session = NULL;
  g_autoptr(DxScenario) window_scenario = NULL;
  g_autoptr(DxConnection) connection = NULL;
  g_autoptr(DxRunner) runner = NULL;
  g_autoptr(DxRunResult) result = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_auto(DxCliResult) cli = { 0 };
  JsonObject *cli_scenario;
  GListModel *steps;

  dx_session_set_subprotocols (session, protocols);
  g_list_store_append (dx_session_get_scenarios (session), scenario);
  g_list_store_append (dx_workspace_get_sessions (workspace), session);
  g_list_store_append (dx_workspace_get_variables (workspace), greeting);
  dx_workspace_io_save (workspace, file, &error);
  g_assert_no_error (error);

  /* In-process, on the session as loaded back from the file */
  g_clear_object (&workspace);
  workspace = dx_workspace_io_load (file, &error);
  g_assert_no_error (error);
  window_session = g_list_model_get_item (G_LIST_MODEL (dx_workspace_get_sessions (workspace)), 0);
  connection = dx_connection_new (window_session);
  runner = dx_runner_new (connection);
  dx_runner_set_variables (runner, G_LIST_MODEL (dx_workspace_get_variables (workspace)));
  window_scenario = g_list_model_get_item (G_LIST_MODEL (dx_session_get_scenarios (window_session)), 0);
  result = dx_test_run_scenario (runner, window_scenario);
  g_assert_nonnull (result);
  g_assert_cmpint (dx_run_result_get_status (result), ==, DX_RUN_STATUS_FAILED);

  dx_cli_test_run (&cli, "run", path, "--json", json_path, NULL);
  g_assert_cmpint (cli.status, ==, 1);
  cli_scenario = dx_cli_test_member (dx_cli_test_member (dx_cli_test_load_json (parser, json_path),
                                                         "sessions", 0),
                                     "scenarios", 0);
  g_assert_cmpstr (json_object_get_string_member (cli_scenario, "name"), ==, "Built in the window");
  g_assert_cmpstr (json_object_get_string_member (cli_scenario, "status"), ==, "failed");

  steps = dx_run_result_get_steps (result);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (cli_scenario, "steps")), ==,
                    g_list_model_get_n_items (steps));
  for (guint i = 0; i < g_list_model_get_n_items (steps); i++)
    {
      g_autoptr(DxStepResult) step = g_list_model_get_item (steps, i);
      JsonObject *cli_step = dx_cli_test_member (cli_scenario, "steps", i);

      g_assert_cmpstr (json_object_get_string_member (cli_step, "status"), ==, status_nick (step));
      g_assert_cmpstr (json_object_get_string_member (cli_step, "summary"), ==, dx_step_result_get_summary (step));
      g_assert_cmpstr (dx_cli_test_step_text (cli_step, "expected"), ==,
                       dx_step_result_get_expected (step) ? dx_step_result_get_expected (step) : "");
      g_assert_cmpstr (dx_cli_test_step_text (cli_step, "actual"), ==,
                       dx_step_result_get_actual (step) ? dx_step_result_get_actual (step) : "");
      g_assert_cmpstr (dx_cli_test_step_text (cli_step, "message"), ==,
                       dx_step_result_get_message (step) ? dx_step_result_get_message (step) : "");
    }

  dx_cli_test_remove_dir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *url = NULL;
  int status;

  /* duplex-cli's lines use ✓ and ✗ in a UTF-8 locale (C.UTF-8 here) */
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  dx_test_setup ();

  echo_server = dx_test_echo_server_start ();
  url = dx_echo_server_dup_url (echo_server, "");
  base_var = g_strconcat ("base=", url, NULL);

  g_test_add_func ("/dx/cli/run/pass", test_run_pass);
  g_test_add_func ("/dx/cli/run/fail-reports", test_run_fail_reports);
  g_test_add_func ("/dx/cli/run/junit-escaping", test_run_junit_escaping);
  g_test_add_func ("/dx/cli/run/var-override", test_run_var_override);
  g_test_add_func ("/dx/cli/run/jobs", test_run_jobs);
  g_test_add_func ("/dx/cli/run/jobs-concurrent", test_run_jobs_concurrent);
  g_test_add_func ("/dx/cli/run/select", test_run_select);
  g_test_add_func ("/dx/cli/run/saved-messages", test_run_saved_messages);
  g_test_add_func ("/dx/cli/run/refused", test_run_refused);
  g_test_add_func ("/dx/cli/run/timeout-scale", test_run_timeout_scale);
  g_test_add_func ("/dx/cli/run/interrupted", test_run_interrupted);
  g_test_add_func ("/dx/cli/run/saved-workspace", test_run_saved_workspace);

  status = g_test_run ();

  g_clear_pointer (&echo_server, dx_test_echo_server_stop);
  g_free (base_var);
  return status;
}
