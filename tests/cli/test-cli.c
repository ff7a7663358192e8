/* test-cli.c — duplex-cli's command line as CI meets it: usage texts,
 * every invalid workspace or argument ending with exit status 2 and a
 * message naming the problem, and the echo-server command
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <signal.h>

#include "dx-cli-test-util.h"
#include "dx-connection.h"
#include "dx-echo-server.h"
#include "dx-message.h"
#include "dx-test-echo.h"
#include "dx-test-util.h"

static DxEchoServer *echo_server;
static char *base_var;   /* "base=ws://127.0.0.1:PORT" */

/* ---- usage ------------------------------------------------------------- */

static void
test_help (void)
{
  g_auto(DxCliResult) main_help = { 0 };
  g_auto(DxCliResult) run_help = { 0 };
  g_auto(DxCliResult) echo_help = { 0 };
  g_auto(DxCliResult) version = { 0 };
  g_auto(DxCliResult) nothing = { 0 };
  g_auto(DxCliResult) unknown = { 0 };

  dx_cli_test_run (&main_help, "--help", NULL);
  g_assert_cmpint (main_help.status, ==, 0);
  dx_cli_test_assert_contains (main_help.out, "run WORKSPACE.json");
  dx_cli_test_assert_contains (main_help.out, "echo-server");
  dx_cli_test_assert_contains (main_help.out, "Exit status:");
  dx_cli_test_assert_contains (main_help.out, "Examples:");

  dx_cli_test_run (&run_help, "run", "--help", NULL);
  g_assert_cmpint (run_help.status, ==, 0);
  for (guint i = 0; i < 7; i++)
    {
      const char *options[] = { "--session=NAME", "--scenario=NAME", "--var=KEY=VALUE", "--junit=FILE",
                                "--json=FILE", "--jobs=N", "--timeout-scale=F" };

      dx_cli_test_assert_contains (run_help.out, options[i]);
    }
  dx_cli_test_assert_contains (run_help.out, "Exit status:");
  dx_cli_test_assert_contains (run_help.out, "  2  the workspace or the command line is invalid");
  dx_cli_test_assert_contains (run_help.out, "Examples:");

  dx_cli_test_run (&echo_help, "echo-server", "--help", NULL);
  g_assert_cmpint (echo_help.status, ==, 0);
  dx_cli_test_assert_contains (echo_help.out, "--port=N");
  dx_cli_test_assert_contains (echo_help.out, "SIGTERM");

  dx_cli_test_run (&version, "--version", NULL);
  g_assert_cmpint (version.status, ==, 0);
  g_assert_cmpstr (version.out, ==, "duplex-cli " PACKAGE_VERSION "\n");

  dx_cli_test_run (&nothing, NULL, NULL);
  g_assert_cmpint (nothing.status, ==, 2);
  dx_cli_test_assert_contains (nothing.err, "no command");

  dx_cli_test_run (&unknown, "walk", NULL);
  g_assert_cmpint (unknown.status, ==, 2);
  dx_cli_test_assert_contains (unknown.err, "unknown command “walk”");
}

/* ---- invalid workspaces and arguments: exit status 2 ------------------- */

static void
test_invalid_unreadable (void)
{
  g_auto(DxCliResult) result = { 0 };

  dx_cli_test_run (&result, "run", "/nonexistent/dir/tests.json", NULL);
  g_assert_cmpint (result.status, ==, 2);
  dx_cli_test_assert_contains (result.err, "tests.json");
  g_assert_cmpstr (result.out, ==, "");
}

static void
test_invalid_not_json (void)
{
  g_autofree char *path = dx_cli_test_fixture ("not-json.json");
  g_auto(DxCliResult) result = { 0 };

  dx_cli_test_run (&result, "run", path, NULL);
  g_assert_cmpint (result.status, ==, 2);
  dx_cli_test_assert_contains (result.err, "not-json.json");
  dx_cli_test_assert_contains (result.err, "line 6");
}

/* A misspelt step member is an error naming the line and what is allowed,
 * not a step run with its default */
static void
test_invalid_step_member (void)
{
  g_autofree char *path = dx_cli_test_fixture ("typo.json");
  g_auto(DxCliResult) result = { 0 };

  dx_cli_test_run (&result, "run", path, "--var", base_var, NULL);
  g_assert_cmpint (result.status, ==, 2);
  dx_cli_test_assert_contains (result.err, "typo.json, line 27");
  dx_cli_test_assert_contains (result.err, "“timout”");
  g_assert_cmpstr (result.out, ==, "");
}

static void
test_invalid_unknown_session (void)
{
  g_autofree char *path = dx_cli_test_fixture ("jobs.json");
  g_auto(DxCliResult) result = { 0 };

  dx_cli_test_run (&result, "run", path, "--session", "Gamma", NULL);
  g_assert_cmpint (result.status, ==, 2);
  dx_cli_test_assert_contains (result.err, "“Gamma”");
  dx_cli_test_assert_contains (result.err, "“Alpha”, “Beta”");
}

static void
test_invalid_unknown_scenario (void)
{
  g_autofree char *path = dx_cli_test_fixture ("jobs.json");
  g_auto(DxCliResult) result = { 0 };
  g_auto(DxCliResult) other = { 0 };

  dx_cli_test_run (&result, "run", path, "--scenario", "Alpha three", NULL);
  g_assert_cmpint (result.status, ==, 2);
  dx_cli_test_assert_contains (result.err, "“Alpha three”");
  dx_cli_test_assert_contains (result.err, "“Alpha one”, “Alpha two”, “Beta one”");

  /* Names are looked for in the sessions picked, not in the others */
  dx_cli_test_run (&other, "run", path, "--session", "Beta", "--scenario", "Alpha one", NULL);
  g_assert_cmpint (other.status, ==, 2);
  dx_cli_test_assert_contains (other.err, "“Alpha one”");
  dx_cli_test_assert_contains (other.err, "“Beta one”");
}

static void
test_invalid_arguments (void)
{
  g_autofree char *path = dx_cli_test_fixture ("pass.json");
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
      g_auto(DxCliResult) result = { 0 };

      dx_cli_test_run (&result, "run", path, cases[i].option, cases[i].value, NULL);
      g_assert_cmpint (result.status, ==, 2);
      dx_cli_test_assert_contains (result.err, cases[i].says);
      g_assert_cmpstr (result.out, ==, "");
    }
}

static void
test_invalid_no_workspace (void)
{
  g_autofree char *path = dx_cli_test_fixture ("pass.json");
  g_auto(DxCliResult) none = { 0 };
  g_auto(DxCliResult) two = { 0 };

  dx_cli_test_run (&none, "run", NULL);
  g_assert_cmpint (none.status, ==, 2);
  dx_cli_test_assert_contains (none.err, "No workspace file given");

  dx_cli_test_run (&two, "run", path, path, NULL);
  g_assert_cmpint (two.status, ==, 2);
  dx_cli_test_assert_contains (two.err, "One workspace file at a time");
}

static void
test_invalid_no_scenarios (void)
{
  g_autofree char *path = dx_cli_test_fixture ("no-scenarios.json");
  g_auto(DxCliResult) result = { 0 };

  dx_cli_test_run (&result, "run", path, NULL);
  g_assert_cmpint (result.status, ==, 2);
  dx_cli_test_assert_contains (result.err, "no scenarios to run");
}

static void
test_invalid_report_path (void)
{
  g_autofree char *path = dx_cli_test_fixture ("pass.json");
  g_auto(DxCliResult) result = { 0 };

  dx_cli_test_run (&result, "run", path, "--var", base_var, "--junit", "/nonexistent/dir/junit.xml", NULL);
  g_assert_cmpint (result.status, ==, 2);
  dx_cli_test_assert_contains (result.err, "/nonexistent/dir/junit.xml");
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
  g_autofree char *cli = dx_cli_test_binary ();
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
  g_subprocess_wait_async (process, NULL, dx_cli_test_exited_cb, &exited);
  DX_TEST_WAIT_UNTIL (exited, "duplex-cli echo-server to exit on SIGTERM");
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
}

static void
test_echo_server_bad_port (void)
{
  g_auto(DxCliResult) result = { 0 };
  g_autofree char *port = g_strdup_printf ("%u", dx_echo_server_get_port (echo_server));
  g_auto(DxCliResult) taken = { 0 };

  dx_cli_test_run (&result, "echo-server", "--port", "70000", NULL);
  g_assert_cmpint (result.status, ==, 2);
  dx_cli_test_assert_contains (result.err, "--port must be from 0 to 65535");

  /* The test's own server holds this port */
  dx_cli_test_run (&taken, "echo-server", "--port", port, NULL);
  g_assert_cmpint (taken.status, ==, 2);
  dx_cli_test_assert_contains (taken.err, port);
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

  g_test_add_func ("/dx/cli/help", test_help);
  g_test_add_func ("/dx/cli/invalid/unreadable", test_invalid_unreadable);
  g_test_add_func ("/dx/cli/invalid/not-json", test_invalid_not_json);
  g_test_add_func ("/dx/cli/invalid/step-member", test_invalid_step_member);
  g_test_add_func ("/dx/cli/invalid/unknown-session", test_invalid_unknown_session);
  g_test_add_func ("/dx/cli/invalid/unknown-scenario", test_invalid_unknown_scenario);
  g_test_add_func ("/dx/cli/invalid/arguments", test_invalid_arguments);
  g_test_add_func ("/dx/cli/invalid/no-workspace", test_invalid_no_workspace);
  g_test_add_func ("/dx/cli/invalid/no-scenarios", test_invalid_no_scenarios);
  g_test_add_func ("/dx/cli/invalid/report-path", test_invalid_report_path);
  g_test_add_func ("/dx/cli/echo-server/sigterm", test_echo_server);
  g_test_add_func ("/dx/cli/echo-server/bad-port", test_echo_server_bad_port);

  status = g_test_run ();

  g_clear_pointer (&echo_server, dx_test_echo_server_stop);
  g_free (base_var);
  return status;
}
