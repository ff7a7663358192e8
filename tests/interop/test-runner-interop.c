/* test-runner-interop.c — DxRunner against a WebSocket server we did not
 * write: peers/py_scripted_server.py, on Debian's python3-websockets (run
 * with /usr/bin/python3). It greets on open, sends binary frames that are
 * not text, closes with 4001 when asked, and wants a header and a query
 * parameter before it upgrades.
 *
 * The server prints "PORT <n>" once it listens and stops when its stdin
 * closes. Waits are hang guards only; nothing here measures time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "dx-field.h"
#include "dx-interop-peer.h"
#include "dx-runner.h"
#include "dx-test-scenario.h"
#include "dx-test-util.h"

/* Debian's interpreter: python3 on PATH may not see python3-websockets */
#define PYTHON "/usr/bin/python3"

typedef struct {
  GSubprocess  *server;
  guint         port;
  DxSession    *session;
  DxConnection *conn;
  DxRunner     *runner;
} Fixture;

/* ---- the server ------------------------------------------------------------ */

static GSubprocess *
start_server (guint   *port,
              GError **error)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autofree char *srcdir = NULL;
  g_autofree char *script = NULL;

  if (!g_file_test (PYTHON, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   "%s is missing: apt-get install python3 python3-websockets", PYTHON);
      return NULL;
    }

  /* Set by tests/meson.build; run through `meson test` */
  g_assert_nonnull (g_getenv ("DX_TEST_SRCDIR"));
  srcdir = g_canonicalize_filename (g_getenv ("DX_TEST_SRCDIR"), NULL);
  script = g_build_filename (srcdir, "interop", "peers", "py_scripted_server.py", NULL);

  /* stderr is inherited: what the server complains about lands in the log */
  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                              error, PYTHON, script, NULL);
  if (process == NULL)
    return NULL;

  *port = dx_interop_peer_read_port (process, "py_scripted_server.py", error);
  if (*port == 0)
    return NULL;
  return g_steal_pointer (&process);
}

/* ---- fixture ------------------------------------------------------------------ */

static void
add_field (GListStore *store,
           const char *key,
           const char *value)
{
  g_autoptr(DxField) field = dx_field_new (TRUE, key, value);

  g_list_store_append (store, field);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  dx_test_allow_benign_warnings ();
  fixture->server = start_server (&fixture->port, &error);
  if (fixture->server == NULL)
    {
      g_test_fail_printf ("%s", error->message);
      return;
    }

  /* The key comes from a variable, as a tester would keep it */
  url = g_strdup_printf ("ws://127.0.0.1:%u/scripted", fixture->port);
  fixture->session = dx_session_new ("Scripted", url);
  add_field (dx_session_get_headers (fixture->session), "X-Api-Key", "{{key}}");
  add_field (dx_session_get_params (fixture->session), "token", "t-456");
  fixture->conn = dx_connection_new (fixture->session);
  fixture->runner = dx_runner_new (fixture->conn);

  {
    g_autoptr(GListStore) variables = g_list_store_new (DX_TYPE_FIELD);

    add_field (variables, "key", "k-123");
    dx_runner_set_variables (fixture->runner, G_LIST_MODEL (variables));
  }
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  gint64 deadline = g_get_monotonic_time () + DX_TEST_WAIT_LIMIT_S * G_USEC_PER_SEC;

  if (fixture->conn)
    {
      dx_connection_disconnect (fixture->conn);
      while ((dx_connection_get_state (fixture->conn) == DX_CONNECTION_STATE_CONNECTING ||
              dx_connection_get_state (fixture->conn) == DX_CONNECTION_STATE_OPEN ||
              dx_connection_get_state (fixture->conn) == DX_CONNECTION_STATE_CLOSING) &&
             g_get_monotonic_time () < deadline)
        g_main_context_iteration (NULL, TRUE);
    }
  g_clear_object (&fixture->runner);
  g_clear_object (&fixture->conn);
  g_clear_object (&fixture->session);
  if (fixture->server)
    dx_interop_peer_stop (fixture->server, "py_scripted_server.py");
  g_clear_object (&fixture->server);
}

/* ---- helpers ------------------------------------------------------------------- */

static DxRunResult *
run_json (Fixture    *fixture,
          const char *json)
{
  return dx_test_run_json (fixture->runner, json);
}

#define SKIP_WITHOUT_SERVER(fixture) \
  G_STMT_START { if ((fixture)->server == NULL) return; } G_STMT_END

/* ---- tests ------------------------------------------------------------------------ */

static void
test_scripted_passes (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(DxRunResult) result = NULL;

  SKIP_WITHOUT_SERVER (fixture);
  result = run_json (fixture,
    "{'name': 'Scripted', 'steps': ["
    " {'kind': 'connect'},"
    " {'kind': 'expect-message', 'timeout': 10000, 'matchers': ["
    "   {'kind': 'jsonpath', 'path': '$.type', 'op': 'equals', 'value': '\\'welcome\\''},"
    "   {'kind': 'jsonpath', 'path': '$.session', 'op': 'matches', 'value': '^s-\\\\d+$'},"
    "   {'kind': 'jsonpath', 'path': '$.server', 'op': 'is-type', 'value': 'string'}]},"
    " {'kind': 'send', 'format': 'json', 'content': '{\\'type\\': \\'ping\\', \\'id\\': 7}'},"
    " {'kind': 'capture', 'variable': 'id', 'expression': '$.id', 'timeout': 10000},"
    " {'kind': 'send', 'format': 'json', 'content': '{\\'type\\': \\'ping\\', \\'id\\': \\'again-{{id}}\\'}'},"
    " {'kind': 'expect-message', 'timeout': 10000, 'matchers': ["
    "   {'kind': 'json-equals', 'value': '{\\'id\\': \\'again-7\\', \\'type\\': \\'pong\\'}'}]},"
    " {'kind': 'send', 'content': 'binary please'},"
    " {'kind': 'expect-message', 'timeout': 10000, 'matchers': ["
    "   {'kind': 'binary-equals', 'value': '00 ff fe 44 58 00 c3 28'},"
    "   {'kind': 'size', 'op': 'eq', 'size': 8},"
    "   {'kind': 'contains', 'value': 'DX'},"
    "   {'kind': 'regex', 'value': '.', 'negate': true}]},"
    " {'kind': 'send', 'content': 'noise'},"
    " {'kind': 'expect-message', 'mode': 'skip', 'timeout': 10000, 'matchers': ["
    "   {'kind': 'equals', 'value': 'done'}]},"
    " {'kind': 'expect-no-message', 'duration': 50},"
    " {'kind': 'ping', 'payload': 'py', 'timeout': 10000},"
    " {'kind': 'send', 'content': 'close me'},"
    " {'kind': 'expect-close', 'code': 4001, 'reason': 'asked to close', 'timeout': 10000}]}");
  dx_test_assert_passed (result);
}

static void
test_scripted_failures (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(DxRunResult) greeting = NULL;
  g_autoptr(DxRunResult) binary = NULL;
  g_autoptr(DxRunResult) binary_text = NULL;
  g_autoptr(DxRunResult) noise = NULL;
  g_autoptr(DxRunResult) close_code = NULL;
  g_autoptr(DxRunResult) capture = NULL;

  SKIP_WITHOUT_SERVER (fixture);

  greeting = run_json (fixture, "{'name': 'g', 'steps': [{'kind': 'connect'},"
                                " {'kind': 'expect-message', 'timeout': 10000, 'matchers': ["
                                "   {'kind': 'jsonpath', 'path': '$.type', 'op': 'equals', 'value': '\\'hello\\''}]}]}");
  dx_test_assert_failed_at (greeting, 1, "expected JSON path $.type to equal \"hello\", got \"welcome\"");

  binary = run_json (fixture, "{'name': 'b', 'steps': [{'kind': 'connect'},"
                              " {'kind': 'expect-message', 'timeout': 10000},"
                              " {'kind': 'send', 'content': 'binary please'},"
                              " {'kind': 'expect-message', 'timeout': 10000, 'matchers': ["
                              "   {'kind': 'binary-equals', 'value': '00 ff fe 44 58 00 c3 29'}]}]}");
  dx_test_assert_failed_at (binary, 3, "expected the bytes 00 ff fe 44 58 00 c3 29, got 8 bytes: 00 ff fe 44 58 00 c3 28");

  /* Text matchers on bytes that are not text: a plain failure, with hex */
  binary_text = run_json (fixture, "{'name': 'b', 'steps': [{'kind': 'connect'},"
                                   " {'kind': 'expect-message', 'timeout': 10000},"
                                   " {'kind': 'send', 'content': 'binary please'},"
                                   " {'kind': 'expect-message', 'timeout': 10000, 'matchers': ["
                                   "   {'kind': 'jsonpath', 'path': '$.a', 'op': 'exists'}]}]}");
  dx_test_assert_failed_at (binary_text, 3, "binary, 8 bytes: 00 ff fe 44 58 00 c3 28");

  noise = run_json (fixture, "{'name': 'n', 'steps': [{'kind': 'connect'},"
                             " {'kind': 'expect-message', 'timeout': 10000},"
                             " {'kind': 'send', 'content': 'noise'},"
                             " {'kind': 'expect-message', 'timeout': 10000, 'matchers': ["
                             "   {'kind': 'equals', 'value': 'done'}]}]}");
  dx_test_assert_failed_at (noise, 3, "expected the message to equal “done”, got “noise 1”");

  close_code = run_json (fixture, "{'name': 'c', 'steps': [{'kind': 'connect'},"
                                  " {'kind': 'send', 'content': 'close me'},"
                                  " {'kind': 'expect-close', 'code': 4000, 'timeout': 10000}]}");
  dx_test_assert_failed_at (close_code, 2, "expected close 4000, got close 4001 “asked to close”");

  capture = run_json (fixture, "{'name': 'c', 'steps': [{'kind': 'connect'},"
                               " {'kind': 'capture', 'variable': 'v', 'expression': '$.token', 'timeout': 10000}]}");
  dx_test_assert_failed_at (capture, 1, "expected JSON path $.token in the message, got nothing there");
}

static void
test_scripted_auth (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GListStore) wrong_key = g_list_store_new (DX_TYPE_FIELD);
  g_autoptr(DxRunResult) no_key = NULL;
  g_autoptr(DxRunResult) no_token = NULL;
  g_autoptr(DxRunResult) refused = NULL;
  g_autoptr(DxRunResult) expected_refusal = NULL;
  g_autoptr(DxField) token = NULL;

  SKIP_WITHOUT_SERVER (fixture);

  /* An override wins over the workspace's key */
  add_field (wrong_key, "key", "wrong");
  dx_runner_set_overrides (fixture->runner, G_LIST_MODEL (wrong_key));
  no_key = run_json (fixture, "{'name': 'a', 'steps': [{'kind': 'connect', 'expect': 'failure', 'status': 401}]}");
  dx_test_assert_passed (no_key);
  refused = run_json (fixture, "{'name': 'a', 'steps': [{'kind': 'connect'}]}");
  dx_test_assert_failed_at (refused, 0, "expected a connection, got HTTP 401");
  dx_runner_set_overrides (fixture->runner, NULL);

  token = g_list_model_get_item (G_LIST_MODEL (dx_session_get_params (fixture->session)), 0);
  dx_field_set_value (token, "wrong");
  no_token = run_json (fixture, "{'name': 'a', 'steps': [{'kind': 'connect', 'expect': 'failure', 'status': 403}]}");
  dx_test_assert_passed (no_token);
  expected_refusal = run_json (fixture, "{'name': 'a', 'steps': [{'kind': 'connect', 'expect': 'failure', 'status': 401}]}");
  dx_test_assert_failed_at (expected_refusal, 0, "expected the handshake to fail with HTTP 401, got HTTP 403");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  dx_test_setup ();

  g_test_add ("/dx/runner-interop/python/passes", Fixture, NULL, fixture_setup, test_scripted_passes,
              fixture_teardown);
  g_test_add ("/dx/runner-interop/python/failures", Fixture, NULL, fixture_setup, test_scripted_failures,
              fixture_teardown);
  g_test_add ("/dx/runner-interop/python/auth", Fixture, NULL, fixture_setup, test_scripted_auth,
              fixture_teardown);

  return g_test_run ();
}
