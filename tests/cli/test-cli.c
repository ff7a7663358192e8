/* test-cli.c — duplex-cli run as CI runs it: the real binary, workspace
 * files from tests/cli/, the built-in echo server on a port chosen at run
 * time (the fixtures' {{base}} is set with --var), exit statuses, the
 * console, and the JUnit and JSON reports parsed back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "dx-connection.h"
#include "dx-echo-server.h"
#include "dx-field.h"
#include "dx-message.h"
#include "dx-runner.h"
#include "dx-scenario-json.h"
#include "dx-test-util.h"
#include "dx-workspace-io.h"

/* Debian's interpreter, as the interop tests use */
#define PYTHON "/usr/bin/python3"

static DxEchoServer *echo_server;
static char *base_var;   /* "base=ws://127.0.0.1:PORT" */

typedef struct {
  int   status;
  char *out;
  char *err;
} CliResult;

static void
cli_result_clear (CliResult *result)
{
  g_clear_pointer (&result->out, g_free);
  g_clear_pointer (&result->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CliResult, cli_result_clear)

static char *
cli_path (void)
{
  return g_build_filename (g_getenv ("DX_TEST_BUILDDIR"), "..", "src", "cli", "duplex-cli", NULL);
}

static char *
fixture (const char *name)
{
  return g_build_filename (g_getenv ("DX_TEST_SRCDIR"), "cli", name, NULL);
}

/* Runs duplex-cli with @args (NULL-terminated) and waits for it; the
 * suite's timeout is the hang guard. */
static void
run_cli (CliResult  *result,
         const char *first,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  va_list args;

  g_ptr_array_add (argv, cli_path ());
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (args);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                               &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &result->out, &result->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  result->status = g_subprocess_get_exit_status (process);

  g_test_message ("duplex-cli exited with %d\n--- stdout:\n%s--- stderr:\n%s",
                  result->status, result->out, result->err);
}

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("“%s” is not in:\n%s", needle, haystack);
}

static char *
make_temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("duplex-cli-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
remove_temp_dir (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

static JsonObject *
load_json_object (JsonParser *parser,
                  const char *path)
{
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_node_get_object (json_parser_get_root (parser));
}

/* Checks the JUnit file with check-junit.py (Python's xml.etree, the way
 * CI tools read it) and returns its summary. */
static JsonObject *
check_junit (JsonParser *parser,
             const char *path)
{
  g_autofree char *script = fixture ("check-junit.py");
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  if (!g_file_test (PYTHON, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip (PYTHON " is missing: apt-get install python3");
      return NULL;
    }

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                              &error, PYTHON, script, path, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_successful (process))
    g_error ("The JUnit report is not what CI tools read: %s", err);

  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

static JsonObject *
array_object (JsonObject *object,
              const char *member,
              guint       index)
{
  JsonArray *array = json_object_get_array_member (object, member);

  g_assert_cmpuint (index, <, json_array_get_length (array));
  return json_array_get_object_element (array, index);
}

static void
exited_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  gboolean *exited = data;

  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  *exited = TRUE;
}

/* ---- usage ------------------------------------------------------------- */

static void
test_help (void)
{
  g_auto(CliResult) main_help = { 0 };
  g_auto(CliResult) run_help = { 0 };
  g_auto(CliResult) echo_help = { 0 };
  g_auto(CliResult) version = { 0 };
  g_auto(CliResult) nothing = { 0 };
  g_auto(CliResult) unknown = { 0 };

  run_cli (&main_help, "--help", NULL);
  g_assert_cmpint (main_help.status, ==, 0);
  assert_contains (main_help.out, "run WORKSPACE.json");
  assert_contains (main_help.out, "echo-server");
  assert_contains (main_help.out, "Exit status:");
  assert_contains (main_help.out, "Examples:");

  run_cli (&run_help, "run", "--help", NULL);
  g_assert_cmpint (run_help.status, ==, 0);
  for (guint i = 0; i < 7; i++)
    {
      const char *options[] = { "--session=NAME", "--scenario=NAME", "--var=KEY=VALUE", "--junit=FILE",
                                "--json=FILE", "--jobs=N", "--timeout-scale=F" };

      assert_contains (run_help.out, options[i]);
    }
  assert_contains (run_help.out, "Exit status:");
  assert_contains (run_help.out, "  2  the workspace or the command line is invalid");
  assert_contains (run_help.out, "Examples:");

  run_cli (&echo_help, "echo-server", "--help", NULL);
  g_assert_cmpint (echo_help.status, ==, 0);
  assert_contains (echo_help.out, "--port=N");
  assert_contains (echo_help.out, "SIGTERM");

  run_cli (&version, "--version", NULL);
  g_assert_cmpint (version.status, ==, 0);
  g_assert_cmpstr (version.out, ==, "duplex-cli " PACKAGE_VERSION "\n");

  run_cli (&nothing, NULL);
  g_assert_cmpint (nothing.status, ==, 2);
  assert_contains (nothing.err, "no command");

  run_cli (&unknown, "walk", NULL);
  g_assert_cmpint (unknown.status, ==, 2);
  assert_contains (unknown.err, "unknown command “walk”");
}

/* ---- invalid workspaces and arguments: exit status 2 ------------------- */

static void
test_invalid_unreadable (void)
{
  g_auto(CliResult) result = { 0 };

  run_cli (&result, "run", "/nonexistent/dir/tests.json", NULL);
  g_assert_cmpint (result.status, ==, 2);
  assert_contains (result.err, "tests.json");
  g_assert_cmpstr (result.out, ==, "");
}

static void
test_invalid_not_json (void)
{
  g_autofree char *path = fixture ("not-json.json");
  g_auto(CliResult) result = { 0 };

  run_cli (&result, "run", path, NULL);
  g_assert_cmpint (result.status, ==, 2);
  assert_contains (result.err, "not-json.json");
  assert_contains (result.err, "line 6");
}

static void
test_invalid_unknown_session (void)
{
  g_autofree char *path = fixture ("jobs.json");
  g_auto(CliResult) result = { 0 };

  run_cli (&result, "run", path, "--session", "Gamma", NULL);
  g_assert_cmpint (result.status, ==, 2);
  assert_contains (result.err, "“Gamma”");
  assert_contains (result.err, "“Alpha”, “Beta”");
}

static void
test_invalid_unknown_scenario (void)
{
  g_autofree char *path = fixture ("jobs.json");
  g_auto(CliResult) result = { 0 };
  g_auto(CliResult) other = { 0 };

  run_cli (&result, "run", path, "--scenario", "Alpha three", NULL);
  g_assert_cmpint (result.status, ==, 2);
  assert_contains (result.err, "“Alpha three”");
  assert_contains (result.err, "“Alpha one”, “Alpha two”, “Beta one”");

  /* Names are looked for in the sessions picked, not in the others */
  run_cli (&other, "run", path, "--session", "Beta", "--scenario", "Alpha one", NULL);
  g_assert_cmpint (other.status, ==, 2);
  assert_contains (other.err, "“Alpha one”");
  assert_contains (other.err, "“Beta one”");
}

static void
test_invalid_arguments (void)
{
  g_autofree char *path = fixture ("pass.json");
  const struct {
    const char *option;
    const char *value;
    const char *says;
  } cases[] = {
    { "--var", "novalue", "--var “novalue” is not KEY=VALUE" },
    { "--var", "=x", "no variable name" },
    { "--jobs", "0", "--jobs must be from 1" },
    { "--jobs", "-3", "--jobs must be from 1" },
    { "--jobs", "many", "--jobs" },
    { "--timeout-scale", "0", "--timeout-scale must be above 0" },
    { "--timeout-scale", "-1.5", "--timeout-scale must be above 0" },
    { "--timeout-scale", "nan", "--timeout-scale" },
    { "--bogus", "1", "--bogus" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(CliResult) result = { 0 };

      run_cli (&result, "run", path, cases[i].option, cases[i].value, NULL);
      g_assert_cmpint (result.status, ==, 2);
      assert_contains (result.err, cases[i].says);
      g_assert_cmpstr (result.out, ==, "");
    }
}

static void
test_invalid_no_workspace (void)
{
  g_autofree char *path = fixture ("pass.json");
  g_auto(CliResult) none = { 0 };
  g_auto(CliResult) two = { 0 };

  run_cli (&none, "run", NULL);
  g_assert_cmpint (none.status, ==, 2);
  assert_contains (none.err, "No workspace file given");

  run_cli (&two, "run", path, path, NULL);
  g_assert_cmpint (two.status, ==, 2);
  assert_contains (two.err, "One workspace file at a time");
}

static void
test_invalid_no_scenarios (void)
{
  g_autofree char *path = fixture ("no-scenarios.json");
  g_auto(CliResult) result = { 0 };

  run_cli (&result, "run", path, NULL);
  g_assert_cmpint (result.status, ==, 2);
  assert_contains (result.err, "no scenarios to run");
}

static void
test_invalid_report_path (void)
{
  g_autofree char *path = fixture ("pass.json");
  g_auto(CliResult) result = { 0 };

  run_cli (&result, "run", path, "--var", base_var, "--junit", "/nonexistent/dir/junit.xml", NULL);
  g_assert_cmpint (result.status, ==, 2);
  assert_contains (result.err, "/nonexistent/dir/junit.xml");
}

/* ---- runs ---------------------------------------------------------------- */

static void
test_run_pass (void)
{
  g_autofree char *path = fixture ("pass.json");
  g_auto(CliResult) result = { 0 };

  run_cli (&result, "run", path, "--var", base_var, NULL);
  g_assert_cmpint (result.status, ==, 0);
  assert_contains (result.out, "Echo › Text comes back\n");
  assert_contains (result.out, "Echo › JSON comes back\n");
  assert_contains (result.out, "  ✓ ");
  g_assert_null (strstr (result.out, "✗"));
  assert_contains (result.out, "2 scenarios: 2 passed, 0 failed, 0 skipped in ");
}

static void
test_run_fail_reports (void)
{
  g_autofree char *path = fixture ("fail.json");
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *junit_path = g_build_filename (dir, "junit.xml", NULL);
  g_autofree char *json_path = g_build_filename (dir, "report.json", NULL);
  g_autoptr(JsonParser) junit_parser = json_parser_new ();
  g_autoptr(JsonParser) json_parser = json_parser_new ();
  g_auto(CliResult) result = { 0 };
  JsonObject *junit, *totals, *testcase, *report, *session, *scenario, *step;
  const char *text;

  run_cli (&result, "run", path, "--var", base_var, "--junit", junit_path, "--json", json_path, NULL);
  g_assert_cmpint (result.status, ==, 1);
  assert_contains (result.out, "  ✗ ");
  assert_contains (result.out, "pong");
  assert_contains (result.out, "2 scenarios: 1 passed, 1 failed, 0 skipped in ");

  junit = check_junit (junit_parser, junit_path);
  if (junit == NULL)
    goto out;
  totals = json_object_get_object_member (junit, "totals");
  g_assert_cmpint (json_object_get_int_member (totals, "tests"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (totals, "failures"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (totals, "errors"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (totals, "skipped"), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (array_object (junit, "suites", 0), "name"), ==, "Echo");

  testcase = array_object (array_object (junit, "suites", 0), "cases", 0);
  g_assert_cmpstr (json_object_get_string_member (testcase, "name"), ==, "Passes");
  g_assert_cmpstr (json_object_get_string_member (testcase, "status"), ==, "passed");

  testcase = array_object (array_object (junit, "suites", 0), "cases", 1);
  g_assert_cmpstr (json_object_get_string_member (testcase, "classname"), ==, "Echo");
  g_assert_cmpstr (json_object_get_string_member (testcase, "name"), ==, "Pong expected, ping comes");
  g_assert_cmpstr (json_object_get_string_member (testcase, "status"), ==, "failed");
  g_assert_cmpstr (json_object_get_string_member (testcase, "type"), ==, "expect-message");
  text = json_object_get_string_member (testcase, "text");
  /* Expected vs actual, step by step */
  assert_contains (text, "1. ");
  assert_contains (text, "3. ");
  assert_contains (text, "expected: ");
  assert_contains (text, "pong");
  assert_contains (text, "actual:   ");
  assert_contains (text, "ping");
  assert_contains (json_object_get_string_member (testcase, "system_out"), "1. Connect — passed in ");

  report = load_json_object (json_parser, json_path);
  g_assert_cmpstr (json_object_get_string_member (report, "format"), ==, "duplex-cli-report");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (report, "summary"), "failed"), ==, 1);
  session = array_object (report, "sessions", 0);
  g_assert_cmpstr (json_object_get_string_member (session, "name"), ==, "Echo");
  /* As written: a secret given with --var stays out of CI artifacts */
  g_assert_cmpstr (json_object_get_string_member (session, "url"), ==, "{{base}}/echo");
  scenario = array_object (session, "scenarios", 0);
  g_assert_cmpstr (json_object_get_string_member (scenario, "status"), ==, "passed");
  scenario = array_object (session, "scenarios", 1);
  g_assert_cmpstr (json_object_get_string_member (scenario, "status"), ==, "failed");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (scenario, "steps")), ==, 4);
  step = array_object (scenario, "steps", 0);
  g_assert_cmpstr (json_object_get_string_member (step, "kind"), ==, "connect");
  g_assert_cmpstr (json_object_get_string_member (step, "status"), ==, "passed");
  g_assert_true (json_object_has_member (step, "duration_ms"));
  step = array_object (scenario, "steps", 2);
  g_assert_cmpstr (json_object_get_string_member (step, "kind"), ==, "expect-message");
  g_assert_cmpstr (json_object_get_string_member (step, "status"), ==, "failed");
  assert_contains (json_object_get_string_member (step, "expected"), "pong");
  assert_contains (json_object_get_string_member (step, "actual"), "ping");
  /* A scenario stops at its first failure: the close is never reached */
  step = array_object (scenario, "steps", 3);
  g_assert_cmpstr (json_object_get_string_member (step, "status"), ==, "skipped");

out:
  remove_temp_dir (dir);
}

/* Names and payloads full of what XML must escape, and control
 * characters XML 1.0 cannot carry at all: the report must still parse */
static void
test_run_junit_escaping (void)
{
  g_autofree char *path = fixture ("nasty.json");
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *junit_path = g_build_filename (dir, "junit.xml", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(CliResult) result = { 0 };
  JsonObject *junit, *testcase;

  run_cli (&result, "run", path, "--var", base_var, "--junit", junit_path, NULL);
  g_assert_cmpint (result.status, ==, 1);
  /* Not a pipe to a terminal, so no colours: an escape could only come
   * from the payload, which must not reach the console raw */
  g_assert_null (strchr (result.out, '\033'));
  g_assert_null (strchr (result.out, '\007'));

  junit = check_junit (parser, junit_path);
  if (junit == NULL)
    goto out;
  g_assert_cmpstr (json_object_get_string_member (array_object (junit, "suites", 0), "name"), ==,
                   "Tom & \"Jerry\" <cats>");
  testcase = array_object (array_object (junit, "suites", 0), "cases", 0);
  g_assert_cmpstr (json_object_get_string_member (testcase, "classname"), ==, "Tom & \"Jerry\" <cats>");
  g_assert_cmpstr (json_object_get_string_member (testcase, "name"), ==, "It's <not> \"XML\" & \\x07 safe");
  g_assert_cmpstr (json_object_get_string_member (testcase, "status"), ==, "failed");
  assert_contains (json_object_get_string_member (testcase, "text"), "]]> and </failure> too");
  assert_contains (json_object_get_string_member (testcase, "text"), "bell \\x07, escape \\x1B[31m");

out:
  remove_temp_dir (dir);
}

static void
test_run_var_override (void)
{
  g_autofree char *path = fixture ("var.json");
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *json_path = g_build_filename (dir, "report.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(CliResult) without = { 0 };
  g_auto(CliResult) with = { 0 };
  JsonObject *step;

  /* The file's {{name}} is "world": the echo is "hello world" */
  run_cli (&without, "run", path, "--var", base_var, "--json", json_path, NULL);
  g_assert_cmpint (without.status, ==, 1);
  step = array_object (array_object (array_object (load_json_object (parser, json_path),
                                                   "sessions", 0), "scenarios", 0), "steps", 2);
  g_assert_cmpstr (json_object_get_string_member (step, "status"), ==, "failed");
  assert_contains (json_object_get_string_member (step, "actual"), "hello world");

  run_cli (&with, "run", path, "--var", base_var, "--var", "name=Duplex", "--json", json_path, NULL);
  g_assert_cmpint (with.status, ==, 0);
  step = array_object (array_object (array_object (load_json_object (parser, json_path),
                                                   "sessions", 0), "scenarios", 0), "steps", 2);
  g_assert_cmpstr (json_object_get_string_member (step, "status"), ==, "passed");

  remove_temp_dir (dir);
}

static void
test_run_jobs (void)
{
  g_autofree char *path = fixture ("jobs.json");
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *json_path = g_build_filename (dir, "report.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(CliResult) result = { 0 };
  g_auto(GStrv) lines = NULL;
  JsonObject *report, *alpha, *beta;

  run_cli (&result, "run", path, "--var", base_var, "--jobs", "2", "--json", json_path, NULL);
  g_assert_cmpint (result.status, ==, 0);
  assert_contains (result.out, "3 scenarios: 3 passed, 0 failed, 0 skipped in ");

  /* Every line of a session says which it is, and is whole */
  lines = g_strsplit (result.out, "\n", -1);
  for (guint i = 0; lines[i] != NULL && lines[i][0] != '\0'; i++)
    if (!g_str_has_prefix (lines[i], "3 scenarios"))
      g_assert_true (g_str_has_prefix (lines[i], "[Alpha] ") || g_str_has_prefix (lines[i], "[Beta] "));
  assert_contains (result.out, "[Alpha] Alpha one\n");
  assert_contains (result.out, "[Alpha] Alpha two\n");
  assert_contains (result.out, "[Beta] Beta one\n");

  /* Both sessions ran, each with its scenarios in the order of the file */
  report = load_json_object (parser, json_path);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (report, "sessions")), ==, 2);
  alpha = array_object (report, "sessions", 0);
  beta = array_object (report, "sessions", 1);
  g_assert_cmpstr (json_object_get_string_member (alpha, "name"), ==, "Alpha");
  g_assert_cmpstr (json_object_get_string_member (beta, "name"), ==, "Beta");
  g_assert_cmpstr (json_object_get_string_member (array_object (alpha, "scenarios", 0), "name"), ==, "Alpha one");
  g_assert_cmpstr (json_object_get_string_member (array_object (alpha, "scenarios", 1), "name"), ==, "Alpha two");
  g_assert_cmpstr (json_object_get_string_member (array_object (beta, "scenarios", 0), "name"), ==, "Beta one");
  for (guint i = 0; i < 2; i++)
    g_assert_cmpstr (json_object_get_string_member (array_object (alpha, "scenarios", i), "status"), ==, "passed");
  g_assert_cmpstr (json_object_get_string_member (array_object (beta, "scenarios", 0), "status"), ==, "passed");

  remove_temp_dir (dir);
}

/* Alice and Bob each greet and wait for the other's greeting, through a
 * relay that passes on what one says to the other: both pass only if
 * their sessions run at the same time. */
static void
test_run_jobs_concurrent (void)
{
  g_autofree char *path = fixture ("relay.json");
  g_autofree char *script = fixture ("relay-server.py");
  g_autoptr(GSubprocess) relay = NULL;
  g_autoptr(GDataInputStream) output = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  g_autofree char *together = NULL;
  g_autofree char *apart = NULL;
  g_auto(CliResult) concurrent = { 0 };
  g_auto(CliResult) serial = { 0 };
  gboolean exited = FALSE;
  guint port;

  if (!g_file_test (PYTHON, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip (PYTHON " is missing: apt-get install python3 python3-websockets");
      return;
    }

  relay = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                            &error, PYTHON, script, NULL);
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
  run_cli (&concurrent, "run", path, "--var", together, "--jobs", "2", "--timeout-scale", "30", NULL);
  g_assert_cmpint (concurrent.status, ==, 0);
  assert_contains (concurrent.out, "2 scenarios: 2 passed, 0 failed, 0 skipped in ");

  /* One after the other, Alice gives up before Bob ever connects */
  run_cli (&serial, "run", path, "--var", apart, "--jobs", "1", NULL);
  g_assert_cmpint (serial.status, ==, 1);
  assert_contains (serial.out, "2 scenarios: 1 passed, 1 failed, 0 skipped in ");

  g_output_stream_close (g_subprocess_get_stdin_pipe (relay), NULL, NULL);
  g_subprocess_wait_async (relay, NULL, exited_cb, &exited);
  DX_TEST_WAIT_UNTIL (exited, "relay-server.py to exit");
}

static void
test_run_select (void)
{
  g_autofree char *path = fixture ("jobs.json");
  g_auto(CliResult) session = { 0 };
  g_auto(CliResult) scenario = { 0 };

  run_cli (&session, "run", path, "--var", base_var, "--session", "Beta", NULL);
  g_assert_cmpint (session.status, ==, 0);
  assert_contains (session.out, "Beta › Beta one\n");
  g_assert_null (strstr (session.out, "Alpha"));
  assert_contains (session.out, "1 scenario: 1 passed, 0 failed, 0 skipped in ");

  run_cli (&scenario, "run", path, "--var", base_var, "--scenario", "Alpha two", "--scenario", "Beta one", NULL);
  g_assert_cmpint (scenario.status, ==, 0);
  assert_contains (scenario.out, "Alpha › Alpha two\n");
  assert_contains (scenario.out, "Beta › Beta one\n");
  g_assert_null (strstr (scenario.out, "Alpha one"));
  assert_contains (scenario.out, "2 scenarios: 2 passed, 0 failed, 0 skipped in ");
}

/* Send steps that name a saved message: the session's own, and one from
 * the workspace's library */
static void
test_run_saved_messages (void)
{
  g_autofree char *path = fixture ("saved-messages.json");
  g_auto(CliResult) result = { 0 };

  run_cli (&result, "run", path, "--var", base_var, NULL);
  g_assert_cmpint (result.status, ==, 0);
  assert_contains (result.out, "1 scenario: 1 passed, 0 failed, 0 skipped in ");
}

static void
test_run_refused (void)
{
  g_autofree char *path = fixture ("pass.json");
  g_autofree char *url = dx_echo_server_dup_url (echo_server, "/nowhere");
  g_autofree char *nowhere = g_strconcat ("base=", url, NULL);
  g_auto(CliResult) result = { 0 };

  /* The echo server answers 404 to a path it does not serve */
  run_cli (&result, "run", path, "--var", nowhere, NULL);
  g_assert_cmpint (result.status, ==, 1);
  assert_contains (result.out, "  ✗ Connect — ");
  assert_contains (result.out, "404");
  assert_contains (result.out, "2 scenarios: 0 passed, 2 failed, 0 skipped in ");
}

static const char *
step_text (JsonObject *step,
           const char *member)
{
  return json_object_get_null_member (step, member) ? "" : json_object_get_string_member (step, member);
}

static void
test_run_timeout_scale (void)
{
  g_autofree char *path = fixture ("silence.json");
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *json_path = g_build_filename (dir, "report.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(CliResult) plain = { 0 };
  g_auto(CliResult) scaled = { 0 };
  g_autofree char *said = NULL;
  JsonObject *step;

  /* The step's 200 ms is what the failure reports; scaled, it is 500 ms */
  run_cli (&plain, "run", path, "--var", base_var, "--json", json_path, NULL);
  g_assert_cmpint (plain.status, ==, 1);
  step = array_object (array_object (array_object (load_json_object (parser, json_path),
                                                   "sessions", 0), "scenarios", 0), "steps", 1);
  g_assert_cmpstr (json_object_get_string_member (step, "status"), ==, "failed");
  said = g_strconcat (step_text (step, "message"), " ", step_text (step, "actual"), NULL);
  assert_contains (said, "200 ms");
  g_clear_pointer (&said, g_free);

  run_cli (&scaled, "run", path, "--var", base_var, "--timeout-scale", "2.5", "--json", json_path, NULL);
  g_assert_cmpint (scaled.status, ==, 1);
  step = array_object (array_object (array_object (load_json_object (parser, json_path),
                                                   "sessions", 0), "scenarios", 0), "steps", 1);
  said = g_strconcat (step_text (step, "message"), " ", step_text (step, "actual"), NULL);
  assert_contains (said, "500 ms");

  remove_temp_dir (dir);
}

static void
test_run_interrupted (void)
{
  g_autofree char *cli = cli_path ();
  g_autofree char *path = fixture ("slow.json");
  g_autofree char *dir = make_temp_dir ();
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
  g_subprocess_wait_async (process, NULL, exited_cb, &exited);
  DX_TEST_WAIT_UNTIL (exited, "duplex-cli run to stop on SIGINT");
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 1);

  /* The report is still written, with what did not finish */
  session = array_object (load_json_object (parser, json_path), "sessions", 0);
  waits = array_object (session, "scenarios", 0);
  never = array_object (session, "scenarios", 1);
  g_assert_cmpstr (json_object_get_string_member (array_object (waits, "steps", 0), "status"), ==, "passed");
  g_assert_cmpstr (json_object_get_string_member (array_object (waits, "steps", 1), "status"), !=, "passed");
  g_assert_cmpstr (json_object_get_string_member (never, "status"), ==, "skipped");

  remove_temp_dir (dir);
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

static DxScenario *
saved_scenario (void)
{
  g_autofree char *text = g_strdelimit (g_strdup (saved_scenario_json), "'", '"');
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  DxScenario *scenario;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  scenario = dx_scenario_new_from_json (json_parser_get_root (parser), NULL, &error);
  g_assert_no_error (error);
  return scenario;
}

/* "passed", "failed", "skipped": the nick, as the JSON report writes it */
static const char *
status_nick (DxStepResult *step)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (DX_TYPE_STEP_STATUS);

  return g_enum_get_value (klass, dx_step_result_get_status (step))->value_nick;
}

static void
store_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  GAsyncResult **out = data;

  *out = g_object_ref (result);
}

/* The workspace is saved with dx_workspace_io_save(), as the window's Save
 * does; the same scenario runs in-process with DxRunner, as the window's
 * Run does; duplex-cli must report the very same outcome, step by step. */
static void
test_run_saved_workspace (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "saved.json", NULL);
  g_autofree char *json_path = g_build_filename (dir, "report.json", NULL);
  g_autofree char *url = dx_echo_server_dup_url (echo_server, "/echo");
  g_autoptr(DxWorkspace) workspace = dx_workspace_new ();
  g_autoptr(DxSession) session = dx_session_new ("Saved", url);
  g_autoptr(DxScenario) scenario = saved_scenario ();
  g_autoptr(DxField) greeting = dx_field_new (TRUE, "greeting", "hi there");
  const char * const protocols[] = { "chat", NULL };
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(DxSession) window_session = NULL;
  g_autoptr(DxScenario) window_scenario = NULL;
  g_autoptr(DxConnection) connection = NULL;
  g_autoptr(DxRunner) runner = NULL;
  g_autoptr(GAsyncResult) async_result = NULL;
  g_autoptr(DxRunResult) result = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_auto(CliResult) cli = { 0 };
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
  dx_runner_run_async (runner, window_scenario, NULL, store_result_cb, &async_result);
  DX_TEST_WAIT_UNTIL (async_result != NULL, "the in-process run");
  result = dx_runner_run_finish (runner, async_result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (dx_run_result_get_status (result), ==, DX_RUN_STATUS_FAILED);

  run_cli (&cli, "run", path, "--json", json_path, NULL);
  g_assert_cmpint (cli.status, ==, 1);
  cli_scenario = array_object (array_object (load_json_object (parser, json_path), "sessions", 0),
                               "scenarios", 0);
  g_assert_cmpstr (json_object_get_string_member (cli_scenario, "name"), ==, "Built in the window");
  g_assert_cmpstr (json_object_get_string_member (cli_scenario, "status"), ==, "failed");

  steps = dx_run_result_get_steps (result);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (cli_scenario, "steps")), ==,
                    g_list_model_get_n_items (steps));
  for (guint i = 0; i < g_list_model_get_n_items (steps); i++)
    {
      g_autoptr(DxStepResult) step = g_list_model_get_item (steps, i);
      JsonObject *cli_step = array_object (cli_scenario, "steps", i);

      g_assert_cmpstr (json_object_get_string_member (cli_step, "status"), ==, status_nick (step));
      g_assert_cmpstr (json_object_get_string_member (cli_step, "summary"), ==, dx_step_result_get_summary (step));
      g_assert_cmpstr (step_text (cli_step, "expected"), ==,
                       dx_step_result_get_expected (step) ? dx_step_result_get_expected (step) : "");
      g_assert_cmpstr (step_text (cli_step, "actual"), ==,
                       dx_step_result_get_actual (step) ? dx_step_result_get_actual (step) : "");
      g_assert_cmpstr (step_text (cli_step, "message"), ==,
                       dx_step_result_get_message (step) ? dx_step_result_get_message (step) : "");
    }

  remove_temp_dir (dir);
}

/* ---- echo-server ----------------------------------------------------------- */

static gboolean
received_text (DxConnection *connection,
               const char   *text)
{
  GListModel *history = G_LIST_MODEL (dx_session_get_history (dx_connection_get_session (connection)));
  guint n = g_list_model_get_n_items (history);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DxMessage) message = g_list_model_get_item (history, i);
      g_autofree char *payload = NULL;

      if (dx_message_get_direction (message) != DX_DIRECTION_RECEIVED ||
          dx_message_get_kind (message) != DX_MESSAGE_KIND_TEXT)
        continue;
      payload = dx_message_dup_text (message);
      if (g_strcmp0 (payload, text) == 0)
        return TRUE;
    }

  return FALSE;
}

static void
test_echo_server (void)
{
  g_autofree char *cli = cli_path ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) output = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autoptr(DxSession) session = NULL;
  g_autoptr(DxConnection) connection = NULL;
  gboolean exited = FALSE;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                              &error, cli, "echo-server", NULL);
  g_assert_no_error (error);

  /* The first line is the URL, written as soon as the server listens */
  output = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  url = g_data_input_stream_read_line_utf8 (output, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (url);
  g_assert_true (g_str_has_prefix (url, "ws://127.0.0.1:"));
  g_assert_true (g_str_has_suffix (url, "/echo"));

  session = dx_session_new ("CLI echo", url);
  connection = dx_connection_new (session);
  dx_connection_connect (connection, &error);
  g_assert_no_error (error);
  DX_TEST_WAIT_UNTIL (dx_connection_get_state (connection) == DX_CONNECTION_STATE_OPEN,
                      "the connection to duplex-cli echo-server");
  dx_connection_send_text (connection, "hello from the test", &error);
  g_assert_no_error (error);
  DX_TEST_WAIT_UNTIL (received_text (connection, "hello from the test"), "the echo");
  dx_connection_disconnect (connection);

  g_subprocess_send_signal (process, SIGTERM);
  g_subprocess_wait_async (process, NULL, exited_cb, &exited);
  DX_TEST_WAIT_UNTIL (exited, "duplex-cli echo-server to exit on SIGTERM");
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
}

static void
test_echo_server_bad_port (void)
{
  g_auto(CliResult) result = { 0 };
  g_autofree char *port = g_strdup_printf ("%u", dx_echo_server_get_port (echo_server));
  g_auto(CliResult) taken = { 0 };

  run_cli (&result, "echo-server", "--port", "70000", NULL);
  g_assert_cmpint (result.status, ==, 2);
  assert_contains (result.err, "--port must be from 0 to 65535");

  /* The test's own server holds this port */
  run_cli (&taken, "echo-server", "--port", port, NULL);
  g_assert_cmpint (taken.status, ==, 2);
  assert_contains (taken.err, port);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  int status;

  /* duplex-cli's lines use ✓ and ✗ in a UTF-8 locale (C.UTF-8 here) */
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  dx_test_setup ();

  echo_server = dx_echo_server_new ();
  dx_echo_server_start (echo_server, 0, &error);
  g_assert_no_error (error);
  url = dx_echo_server_dup_url (echo_server, "");
  base_var = g_strconcat ("base=", url, NULL);

  g_test_add_func ("/dx/cli/help", test_help);
  g_test_add_func ("/dx/cli/invalid/unreadable", test_invalid_unreadable);
  g_test_add_func ("/dx/cli/invalid/not-json", test_invalid_not_json);
  g_test_add_func ("/dx/cli/invalid/unknown-session", test_invalid_unknown_session);
  g_test_add_func ("/dx/cli/invalid/unknown-scenario", test_invalid_unknown_scenario);
  g_test_add_func ("/dx/cli/invalid/arguments", test_invalid_arguments);
  g_test_add_func ("/dx/cli/invalid/no-workspace", test_invalid_no_workspace);
  g_test_add_func ("/dx/cli/invalid/no-scenarios", test_invalid_no_scenarios);
  g_test_add_func ("/dx/cli/invalid/report-path", test_invalid_report_path);
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
  g_test_add_func ("/dx/cli/echo-server/sigterm", test_echo_server);
  g_test_add_func ("/dx/cli/echo-server/bad-port", test_echo_server_bad_port);

  status = g_test_run ();

  dx_echo_server_stop (echo_server);
  g_clear_object (&echo_server);
  g_free (base_var);
  return status;
}
