/* test-runner.c — DxRunner against the built-in echo server: every step
 * kind and every matcher, passing and failing, and what a failure says
 *
 * Also: the scenario's own variables in their place among the others, and
 * the result a scenario keeps of its last run.
 *
 * Scenarios are written as workspace-file JSON (with ' for ") so each test
 * reads like the file a tester would write. Waits are hang guards only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "dx-echo-server.h"
#include "dx-field.h"
#include "dx-runner.h"
#include "dx-scenario-json.h"
#include "dx-test-scenario.h"
#include "dx-test-util.h"

typedef struct {
  DxEchoServer *server;
  DxSession    *session;
  DxConnection *conn;
  DxRunner     *runner;
  guint         started;
  guint         finished;
} Fixture;

/* ---- helpers ------------------------------------------------------------- */

static void
set_path (Fixture    *fixture,
          const char *path)
{
  g_autofree char *url = dx_echo_server_dup_url (fixture->server, path);

  dx_session_set_url (fixture->session, url);
}

static DxRunResult *
run_json (Fixture    *fixture,
          const char *json)
{
  return dx_test_run_json (fixture->runner, json);
}

static gboolean
is_settled (DxConnection *conn)
{
  DxConnectionState state = dx_connection_get_state (conn);

  return state != DX_CONNECTION_STATE_CONNECTING && state != DX_CONNECTION_STATE_OPEN &&
         state != DX_CONNECTION_STATE_CLOSING;
}

static void
started_cb (DxRunner     *runner,
            DxStepResult *result,
            Fixture      *fixture)
{
  g_assert_cmpint (dx_step_result_get_status (result), ==, DX_STEP_STATUS_RUNNING);
  fixture->started++;
}

static void
finished_cb (DxRunner     *runner,
             DxStepResult *result,
             Fixture      *fixture)
{
  g_assert_cmpint (dx_step_result_get_status (result), !=, DX_STEP_STATUS_RUNNING);
  fixture->finished++;
}

/* ---- fixture --------------------------------------------------------------- */

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  dx_test_allow_benign_warnings ();
  fixture->server = dx_echo_server_new ();
  dx_echo_server_start (fixture->server, 0, &error);
  g_assert_no_error (error);
  fixture->session = dx_session_new ("Runner", "");
  fixture->conn = dx_connection_new (fixture->session);
  fixture->runner = dx_runner_new (fixture->conn);
  g_signal_connect (fixture->runner, "step-started", G_CALLBACK (started_cb), fixture);
  g_signal_connect (fixture->runner, "step-finished", G_CALLBACK (finished_cb), fixture);
  set_path (fixture, "/echo");
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  gint64 deadline = g_get_monotonic_time () + DX_TEST_WAIT_LIMIT_S * G_USEC_PER_SEC;

  dx_connection_disconnect (fixture->conn);
  while (!is_settled (fixture->conn) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  g_clear_object (&fixture->runner);
  g_clear_object (&fixture->conn);
  g_clear_object (&fixture->session);
  dx_echo_server_stop (fixture->server);
  g_clear_object (&fixture->server);
}

/* ---- the happy path ----------------------------------------------------------- */

static void
test_echo_passes (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(DxRunResult) result = NULL;
  guint n;

  result = run_json (fixture,
    "{'name': 'Echo', 'steps': ["
    " {'kind': 'connect'},"
    " {'kind': 'send', 'format': 'text', 'content': 'hello world'},"
    " {'kind': 'expect-message', 'timeout': 10000, 'matchers': ["
    "   {'kind': 'equals', 'value': 'hello world'},"
    "   {'kind': 'contains', 'value': 'lo wo'},"
    "   {'kind': 'regex', 'value': '^h.*d$'},"
    "   {'kind': 'size', 'op': 'eq', 'size': 11},"
    "   {'kind': 'contains', 'value': 'bye', 'negate': true}]},"
    " {'kind': 'send', 'format': 'json', 'content': '{\\'type\\': \\'pong\\', \\'n\\': 2, \\'list\\': [1, 2]}'},"
    " {'kind': 'expect-message', 'timeout': 10000, 'matchers': ["
    "   {'kind': 'json-equals', 'value': '{\\'list\\': [1, 2.0], \\'n\\': 2, \\'type\\': \\'pong\\'}'},"
    "   {'kind': 'jsonpath', 'path': '$.type', 'op': 'equals', 'value': '\\'pong\\''},"
    "   {'kind': 'jsonpath', 'path': '$.n', 'op': 'exists'},"
    "   {'kind': 'jsonpath', 'path': '$.type', 'op': 'matches', 'value': '^po'},"
    "   {'kind': 'jsonpath', 'path': '$.list', 'op': 'is-type', 'value': 'array'}]},"
    " {'kind': 'send', 'format': 'hex', 'content': '00 ff 10'},"
    " {'kind': 'expect-message', 'timeout': 10000, 'matchers': ["
    "   {'kind': 'binary-equals', 'value': '00ff10'}, {'kind': 'size', 'op': 'lt', 'size': 4}]},"
    " {'kind': 'send', 'format': 'base64', 'content': 'AAE='},"
    " {'kind': 'expect-message', 'timeout': 10000, 'matchers': [{'kind': 'binary-equals', 'value': '00 01'}]},"
    " {'kind': 'expect-no-message', 'duration': 50},"
    " {'kind': 'wait', 'duration': 10},"
    " {'kind': 'ping', 'payload': 'hb', 'timeout': 10000},"
    " {'kind': 'close', 'code': 1000, 'reason': 'done'}]}");

  dx_test_assert_passed (result);
  n = g_list_model_get_n_items (dx_run_result_get_steps (result));
  g_assert_cmpuint (dx_run_result_count (result, DX_STEP_STATUS_PASSED), ==, n);
  g_assert_cmpuint (fixture->started, ==, n);
  g_assert_cmpuint (fixture->finished, ==, n);
  g_assert_cmpint (dx_run_result_get_duration (result), >, 0);
  g_assert_true (is_settled (fixture->conn));
  /* The run's messages are in the history as usual */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (dx_session_get_history (fixture->session))), >, 10);
  g_assert_nonnull (strstr (dx_step_result_get_message (dx_test_step_result (result, 2)), "hello world"));
}

/* ---- every matcher failing --------------------------------------------------- */

static void
test_matchers_fail (Fixture       *fixture,
                    gconstpointer  data)
{
  const struct {
    const char *send;      /* a send step */
    const char *matcher;
    const char *message;
  } cases[] = {
    { "'format': 'text', 'content': 'hello'", "{'kind': 'equals', 'value': 'hullo'}",
      "expected the message to equal “hullo”, got “hello”" },
    { "'format': 'text', 'content': 'hello'", "{'kind': 'contains', 'value': 'xyz'}",
      "expected the message to contain “xyz”, got “hello”" },
    { "'format': 'text', 'content': 'hello'", "{'kind': 'regex', 'value': '^\\\\d+$'}",
      "expected the message to match /^\\d+$/, got “hello”" },
    { "'format': 'text', 'content': 'hello'", "{'kind': 'contains', 'value': 'ell', 'negate': true}",
      "expected not the message to contain “ell”, got “hello”" },
    { "'format': 'json', 'content': '{\\'a\\': 1}'", "{'kind': 'json-equals', 'value': '{\\'a\\': 2}'}",
      "expected JSON equal to {'a': 2}, got “{'a': 1}”" },
    { "'format': 'json', 'content': '{\\'type\\': \\'ping\\'}'",
      "{'kind': 'jsonpath', 'path': '$.type', 'op': 'equals', 'value': '\\'pong\\''}",
      "expected JSON path $.type to equal 'pong', got 'ping'" },
    { "'format': 'json', 'content': '{}'", "{'kind': 'jsonpath', 'path': '$.id', 'op': 'exists'}",
      "expected JSON path $.id to exist, got nothing there in “{}”" },
    { "'format': 'json', 'content': '{\\'id\\': \\'x1\\'}'",
      "{'kind': 'jsonpath', 'path': '$.id', 'op': 'matches', 'value': '^\\\\d+$'}",
      "expected JSON path $.id to match /^\\d+$/, got 'x1'" },
    { "'format': 'json', 'content': '{\\'id\\': 5}'",
      "{'kind': 'jsonpath', 'path': '$.id', 'op': 'is-type', 'value': 'string'}",
      "expected JSON path $.id to be of type string, got number (5)" },
    { "'format': 'text', 'content': 'hello'", "{'kind': 'size', 'op': 'gt', 'size': 10}",
      "expected a payload larger than 10 bytes, got 5 bytes" },
    { "'format': 'hex', 'content': '01 02'", "{'kind': 'binary-equals', 'value': '01 03'}",
      "expected the bytes 01 03, got 2 bytes: 01 02" },
    { "'format': 'text', 'content': 'not json'", "{'kind': 'json-equals', 'value': '1'}",
      "a message that is not JSON: “not json”" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = g_strdup_printf ("{'name': 'm', 'steps': [{'kind': 'connect'},"
                                               " {'kind': 'send', %s},"
                                               " {'kind': 'expect-message', 'timeout': 10000, 'matchers': [%s]},"
                                               " {'kind': 'close'}]}",
                                               cases[i].send, cases[i].matcher);
      g_autofree char *message = g_strdelimit (g_strdup (cases[i].message), "'", '"');
      g_autoptr(DxRunResult) result = run_json (fixture, json);

      g_test_message ("case %u: %s", i, cases[i].matcher);
      dx_test_assert_failed_at (result, 2, message);
      g_assert_nonnull (dx_step_result_get_actual (dx_test_step_result (result, 2)));
      g_assert_nonnull (dx_step_result_get_expected (dx_test_step_result (result, 2)));
      /* The runner opened it, so the runner closed it */
      g_assert_true (is_settled (fixture->conn));
    }
}

/* ---- expect-message modes and timeouts ---------------------------------------- */

static void
test_expect_next_and_skip (Fixture       *fixture,
                           gconstpointer  data)
{
  const char *sends = "{'kind': 'send', 'content': 'a'}, {'kind': 'send', 'content': 'b'},"
                      " {'kind': 'send', 'content': 'c'},";
  g_autofree char *skip = g_strdup_printf ("{'name': 's', 'steps': [{'kind': 'connect'}, %s"
                                           " {'kind': 'expect-message', 'mode': 'skip', 'timeout': 10000,"
                                           "  'matchers': [{'kind': 'equals', 'value': 'c'}]},"
                                           " {'kind': 'expect-no-message', 'duration': 20}]}", sends);
  g_autofree char *next = g_strdup_printf ("{'name': 'n', 'steps': [{'kind': 'connect'}, %s"
                                           " {'kind': 'expect-message', 'mode': 'next', 'timeout': 10000,"
                                           "  'matchers': [{'kind': 'equals', 'value': 'c'}]}]}", sends);
  g_autofree char *in_order = g_strdup_printf ("{'name': 'o', 'steps': [{'kind': 'connect'}, %s"
                                               " {'kind': 'expect-message', 'matchers': [{'kind': 'equals', 'value': 'a'}]},"
                                               " {'kind': 'expect-message', 'matchers': [{'kind': 'equals', 'value': 'b'}]},"
                                               " {'kind': 'expect-message', 'matchers': [{'kind': 'equals', 'value': 'c'}]}]}",
                                               sends);
  g_autoptr(DxRunResult) skipped = run_json (fixture, skip);
  g_autoptr(DxRunResult) strict = run_json (fixture, next);
  g_autoptr(DxRunResult) ordered = run_json (fixture, in_order);

  dx_test_assert_passed (skipped);
  dx_test_assert_failed_at (strict, 4, "expected the message to equal “c”, got “a”");
  g_assert_cmpstr (dx_step_result_get_actual (dx_test_step_result (strict, 4)), ==, "“a”");
  dx_test_assert_passed (ordered);
}

static void
test_expect_timeout (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(DxRunResult) nothing = NULL;
  g_autoptr(DxRunResult) skipped = NULL;

  nothing = run_json (fixture, "{'name': 't', 'steps': [{'kind': 'connect'},"
                               " {'kind': 'expect-message', 'timeout': 100, 'matchers': []}]}");
  dx_test_assert_failed_at (nothing, 1, "no message within 100 ms");
  g_assert_cmpstr (dx_step_result_get_expected (dx_test_step_result (nothing, 1)), ==, "any message");

  skipped = run_json (fixture, "{'name': 't', 'steps': [{'kind': 'connect'},"
                               " {'kind': 'send', 'content': 'one'}, {'kind': 'send', 'content': 'two'},"
                               " {'kind': 'expect-message', 'mode': 'skip', 'timeout': 300,"
                               "  'matchers': [{'kind': 'equals', 'value': 'three'}]}]}");
  dx_test_assert_failed_at (skipped, 3, "no matching message within 300 ms; skipped 2 messages, the last: "
                                        "expected the message to equal “three”, got “two”");
}

static void
test_timeout_scale (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(DxRunResult) result = NULL;

  dx_runner_set_timeout_scale (fixture->runner, 3.0);
  result = run_json (fixture, "{'name': 't', 'steps': [{'kind': 'connect'},"
                              " {'kind': 'expect-message', 'timeout': 40}]}");
  dx_test_assert_failed_at (result, 1, "no message within 120 ms");
}

static void
test_expect_when_closed (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(DxRunResult) never = NULL;
  g_autoptr(DxRunResult) closed = NULL;

  /* No connect at all: it says so at once rather than waiting */
  never = run_json (fixture, "{'name': 'c', 'steps': [{'kind': 'expect-message', 'timeout': 100000}]}");
  dx_test_assert_failed_at (never, 0, "no message, and none can come: the connection is not open");

  set_path (fixture, "/close?code=4001&reason=bye");
  closed = run_json (fixture, "{'name': 'c', 'steps': [{'kind': 'connect'},"
                              " {'kind': 'expect-message', 'timeout': 100000}]}");
  dx_test_assert_failed_at (closed, 1, "no message, and none can come: the connection is not open");
}

/* ---- expect-no-message, wait ----------------------------------------------------- */

static void
test_expect_no_message_fails (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(DxRunResult) result = NULL;

  result = run_json (fixture, "{'name': 'q', 'steps': [{'kind': 'connect'},"
                              " {'kind': 'send', 'content': 'chatter'},"
                              " {'kind': 'expect-no-message', 'duration': 100000}]}");
  dx_test_assert_failed_at (result, 2, "expected no message for 100000 ms, got “chatter”");
}

/* ---- capture --------------------------------------------------------------------- */

static void
test_capture (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(DxRunResult) result = NULL;
  g_autoptr(DxField) captured = NULL;

  /* /inspect first sends what it saw of the handshake, as JSON */
  set_path (fixture, "/inspect?token=abc123");
  result = run_json (fixture,
    "{'name': 'cap', 'steps': [{'kind': 'connect'},"
    " {'kind': 'capture', 'variable': 'path', 'source': 'jsonpath', 'expression': '$.path'},"
    " {'kind': 'send', 'content': 'path={{path}} id=77'},"
    " {'kind': 'capture', 'variable': 'id', 'source': 'regex', 'expression': 'id=(\\\\d+)', 'group': 1},"
    " {'kind': 'send', 'format': 'json', 'content': '{\\'id\\': {{id}}, \\'path\\': \\'{{path}}\\'}'},"
    " {'kind': 'expect-message', 'matchers': ["
    "   {'kind': 'jsonpath', 'path': '$.id', 'op': 'equals', 'value': '{{id}}'},"
    "   {'kind': 'json-equals', 'value': '{\\'path\\': \\'/inspect\\', \\'id\\': 77}'}]}]}");
  dx_test_assert_passed (result);
  g_assert_cmpstr (dx_step_result_get_message (dx_test_step_result (result, 1)), ==, "{{path}} = “/inspect”");
  g_assert_cmpuint (g_list_model_get_n_items (dx_runner_get_captures (fixture->runner)), ==, 2);
  captured = g_list_model_get_item (dx_runner_get_captures (fixture->runner), 1);
  g_assert_cmpstr (dx_field_get_key (captured), ==, "id");
  g_assert_cmpstr (dx_field_get_value (captured), ==, "77");
}

static void
test_capture_fails (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(DxRunResult) missing = NULL;
  g_autoptr(DxRunResult) no_match = NULL;
  g_autoptr(DxRunResult) nothing = NULL;

  missing = run_json (fixture, "{'name': 'c', 'steps': [{'kind': 'connect'},"
                               " {'kind': 'send', 'format': 'json', 'content': '{\\'a\\': 1}'},"
                               " {'kind': 'capture', 'variable': 'v', 'expression': '$.b'}]}");
  dx_test_assert_failed_at (missing, 2, "expected JSON path $.b in the message, got nothing there in “{\"a\": 1}”");
  no_match = run_json (fixture, "{'name': 'c', 'steps': [{'kind': 'connect'},"
                                " {'kind': 'send', 'content': 'no digits'},"
                                " {'kind': 'capture', 'variable': 'v', 'source': 'regex', 'expression': '(\\\\d+)'}]}");
  dx_test_assert_failed_at (no_match, 2, "expected the message to match /(\\d+)/, got “no digits”");
  nothing = run_json (fixture, "{'name': 'c', 'steps': [{'kind': 'connect'},"
                               " {'kind': 'capture', 'variable': 'v', 'expression': '$.b', 'timeout': 50}]}");
  dx_test_assert_failed_at (nothing, 1, "no message to capture {{v}} from within 50 ms");
}

/* ---- connect ------------------------------------------------------------------------ */

static void
test_connect_expectations (Fixture       *fixture,
                           gconstpointer  data)
{
  const char * const chat[] = { "chat", NULL };
  g_autoptr(DxRunResult) refused = NULL;
  g_autoptr(DxRunResult) wrong_status = NULL;
  g_autoptr(DxRunResult) unexpected = NULL;
  g_autoptr(DxRunResult) succeeded = NULL;
  g_autoptr(DxRunResult) protocol = NULL;
  g_autoptr(DxRunResult) wrong_protocol = NULL;

  set_path (fixture, "/refuse?status=401&body=go+away");
  refused = run_json (fixture, "{'name': 'c', 'steps': [{'kind': 'connect', 'expect': 'failure', 'status': 401}]}");
  dx_test_assert_passed (refused);
  g_assert_nonnull (strstr (dx_step_result_get_message (dx_test_step_result (refused, 0)), "401"));

  wrong_status = run_json (fixture, "{'name': 'c', 'steps': [{'kind': 'connect', 'expect': 'failure', 'status': 403}]}");
  dx_test_assert_failed_at (wrong_status, 0, "expected the handshake to fail with HTTP 403, got HTTP 401");

  unexpected = run_json (fixture, "{'name': 'c', 'steps': [{'kind': 'connect'}]}");
  dx_test_assert_failed_at (unexpected, 0, "expected a connection, got HTTP 401");

  set_path (fixture, "/echo");
  succeeded = run_json (fixture, "{'name': 'c', 'steps': [{'kind': 'connect', 'expect': 'failure'}]}");
  dx_test_assert_failed_at (succeeded, 0, "expected the handshake to fail, got connected");

  dx_session_set_subprotocols (fixture->session, chat);
  protocol = run_json (fixture, "{'name': 'c', 'steps': [{'kind': 'connect', 'subprotocol': 'chat'}]}");
  dx_test_assert_passed (protocol);
  wrong_protocol = run_json (fixture, "{'name': 'c', 'steps': [{'kind': 'connect', 'subprotocol': 'json'}]}");
  dx_test_assert_failed_at (wrong_protocol, 0, "expected a connection with subprotocol “json”, got connected, subprotocol “chat”");
}

static void
test_connect_when_open (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(DxRunResult) again = NULL;
  g_autoptr(DxRunResult) reuse = NULL;
  g_autoptr(GError) error = NULL;

  /* The tester connected by hand: a scenario without connect uses it, and
   * leaves it open */
  dx_connection_connect (fixture->conn, &error);
  g_assert_no_error (error);
  DX_TEST_WAIT_UNTIL (dx_connection_get_state (fixture->conn) == DX_CONNECTION_STATE_OPEN, "the connection");

  reuse = run_json (fixture, "{'name': 'r', 'steps': [{'kind': 'send', 'content': 'x'},"
                             " {'kind': 'expect-message', 'matchers': [{'kind': 'equals', 'value': 'x'}]}]}");
  dx_test_assert_passed (reuse);
  g_assert_cmpint (dx_connection_get_state (fixture->conn), ==, DX_CONNECTION_STATE_OPEN);

  again = run_json (fixture, "{'name': 'r', 'steps': [{'kind': 'connect'}]}");
  dx_test_assert_failed_at (again, 0, "already open");
  g_assert_cmpint (dx_connection_get_state (fixture->conn), ==, DX_CONNECTION_STATE_OPEN);
}

/* ---- send ------------------------------------------------------------------------ */

static void
test_send_saved (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GListStore) saved = g_list_store_new (DX_TYPE_SAVED_MESSAGE);
  g_autoptr(GListStore) library = g_list_store_new (DX_TYPE_SAVED_MESSAGE);
  g_autoptr(DxSavedMessage) mine = dx_saved_message_new ("Hello", DX_SAVED_FORMAT_TEXT, "from the session");
  g_autoptr(DxSavedMessage) shadowed = dx_saved_message_new ("Hello", DX_SAVED_FORMAT_TEXT, "from the library");
  g_autoptr(DxSavedMessage) shared = dx_saved_message_new ("Bytes", DX_SAVED_FORMAT_HEX, "ca fe");
  g_autoptr(DxRunResult) result = NULL;
  g_autoptr(DxRunResult) unknown = NULL;

  g_list_store_append (saved, mine);
  g_list_store_append (library, shadowed);
  g_list_store_append (library, shared);
  dx_runner_set_saved_messages (fixture->runner, G_LIST_MODEL (saved));
  dx_runner_set_library (fixture->runner, G_LIST_MODEL (library));

  result = run_json (fixture, "{'name': 's', 'steps': [{'kind': 'connect'},"
                              " {'kind': 'send', 'message': 'Hello'},"
                              " {'kind': 'expect-message', 'matchers': [{'kind': 'equals', 'value': 'from the session'}]},"
                              " {'kind': 'send', 'message': 'Bytes'},"
                              " {'kind': 'expect-message', 'matchers': [{'kind': 'binary-equals', 'value': 'cafe'}]}]}");
  dx_test_assert_passed (result);

  unknown = run_json (fixture, "{'name': 's', 'steps': [{'kind': 'connect'}, {'kind': 'send', 'message': 'Nope'}]}");
  dx_test_assert_failed_at (unknown, 1, "There is no saved message called “Nope” in this session or in the library");
}

static void
test_send_problems (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(DxRunResult) not_open = NULL;
  g_autoptr(DxRunResult) bad_json = NULL;
  g_autoptr(DxRunResult) undefined = NULL;

  not_open = run_json (fixture, "{'name': 's', 'steps': [{'kind': 'send', 'content': 'x'}]}");
  dx_test_assert_failed_at (not_open, 0, "Not connected");
  bad_json = run_json (fixture, "{'name': 's', 'steps': [{'kind': 'connect'},"
                                " {'kind': 'send', 'format': 'json', 'content': '{oops'}]}");
  dx_test_assert_failed_at (bad_json, 1, "");
  undefined = run_json (fixture, "{'name': 's', 'steps': [{'kind': 'connect'},"
                                 " {'kind': 'send', 'content': '{{nowhere}}'}]}");
  dx_test_assert_failed_at (undefined, 1, "{{nowhere}}");
}

/* ---- variables ---------------------------------------------------------------------- */

static void
test_variables (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GListStore) workspace = g_list_store_new (DX_TYPE_FIELD);
  g_autoptr(GListStore) overrides = g_list_store_new (DX_TYPE_FIELD);
  g_autoptr(GListStore) original = g_list_store_new (DX_TYPE_FIELD);
  g_autoptr(DxField) a = dx_field_new (TRUE, "who", "workspace");
  g_autoptr(DxField) b = dx_field_new (TRUE, "path", "/echo");
  g_autoptr(DxField) c = dx_field_new (TRUE, "who", "override");
  g_autoptr(DxRunResult) result = NULL;
  g_autofree char *url = g_strdup_printf ("ws://127.0.0.1:%u{{path}}", dx_echo_server_get_port (fixture->server));

  g_list_store_append (workspace, a);
  g_list_store_append (workspace, b);
  g_list_store_append (overrides, c);
  dx_connection_set_variables (fixture->conn, G_LIST_MODEL (original));
  dx_runner_set_variables (fixture->runner, G_LIST_MODEL (workspace));
  dx_runner_set_overrides (fixture->runner, G_LIST_MODEL (overrides));
  dx_session_set_url (fixture->session, url);

  /* The URL uses a workspace variable; the override wins over the
   * workspace; a capture wins over both */
  result = run_json (fixture, "{'name': 'v', 'steps': [{'kind': 'connect'},"
                              " {'kind': 'send', 'content': '{{who}}'},"
                              " {'kind': 'expect-message', 'matchers': [{'kind': 'equals', 'value': 'override'}]},"
                              " {'kind': 'send', 'content': 'captured'},"
                              " {'kind': 'capture', 'variable': 'who', 'source': 'regex', 'expression': '(.*)'},"
                              " {'kind': 'send', 'content': '{{who}}'},"
                              " {'kind': 'expect-message', 'matchers': [{'kind': 'equals', 'value': 'captured'}]}]}");
  dx_test_assert_passed (result);
  /* The connection has its own variables back */
  g_assert_true (dx_connection_get_variables (fixture->conn) == G_LIST_MODEL (original));
}

/* A scenario's own variables: used in sends and matchers, over the
 * workspace's; --var overrides win over them, and captures over all */
static void
test_scenario_variables (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GListStore) workspace = g_list_store_new (DX_TYPE_FIELD);
  g_autoptr(GListStore) overrides = g_list_store_new (DX_TYPE_FIELD);
  g_autoptr(DxField) a = dx_field_new (TRUE, "who", "workspace");
  g_autoptr(DxField) b = dx_field_new (TRUE, "greeting", "from the workspace");
  g_autoptr(DxField) c = dx_field_new (TRUE, "who", "override");
  g_autoptr(DxRunResult) own = NULL;
  g_autoptr(DxRunResult) overridden = NULL;

  g_list_store_append (workspace, a);
  g_list_store_append (workspace, b);
  dx_runner_set_variables (fixture->runner, G_LIST_MODEL (workspace));

  /* A turned-off scenario variable lets the workspace's through */
  own = run_json (fixture, "{'name': 'v', 'variables': ["
                           " {'enabled': true, 'key': 'who', 'value': 'scenario'},"
                           " {'enabled': false, 'key': 'greeting', 'value': 'off'},"
                           " {'enabled': true, 'key': 'want', 'value': 'hello scenario'}],"
                           " 'steps': [{'kind': 'connect'},"
                           " {'kind': 'send', 'content': 'hello {{who}}'},"
                           " {'kind': 'expect-message', 'matchers': [{'kind': 'equals', 'value': '{{want}}'}]},"
                           " {'kind': 'send', 'content': '{{greeting}}'},"
                           " {'kind': 'expect-message', 'matchers': [{'kind': 'equals', 'value': 'from the workspace'}]}]}");
  dx_test_assert_passed (own);

  g_list_store_append (overrides, c);
  dx_runner_set_overrides (fixture->runner, G_LIST_MODEL (overrides));
  overridden = run_json (fixture, "{'name': 'v', 'variables': [{'enabled': true, 'key': 'who', 'value': 'scenario'}],"
                                  " 'steps': [{'kind': 'connect'},"
                                  " {'kind': 'send', 'content': '{{who}}'},"
                                  " {'kind': 'expect-message', 'matchers': [{'kind': 'equals', 'value': 'override'}]},"
                                  " {'kind': 'send', 'content': 'captured'},"
                                  " {'kind': 'capture', 'variable': 'who', 'source': 'regex', 'expression': '(.*)'},"
                                  " {'kind': 'send', 'content': '{{who}}'},"
                                  " {'kind': 'expect-message', 'matchers': [{'kind': 'equals', 'value': 'captured'}]}]}");
  dx_test_assert_passed (overridden);
}

/* ---- the scenario's last result ---------------------------------------------------------- */

static void
count_cb (gpointer  object,
          guint    *count)
{
  (*count)++;
}

static void
assert_same_results (DxRunResult *a,
                     DxRunResult *b)
{
  GListModel *steps_a = dx_run_result_get_steps (a);
  GListModel *steps_b = dx_run_result_get_steps (b);

  g_assert_cmpint (dx_run_result_get_status (a), ==, dx_run_result_get_status (b));
  g_assert_cmpint (dx_run_result_get_duration (a) / 1000, ==, dx_run_result_get_duration (b) / 1000);
  g_assert_cmpint (dx_run_result_get_finished (a) / 1000, ==, dx_run_result_get_finished (b) / 1000);
  g_assert_cmpuint (g_list_model_get_n_items (steps_a), ==, g_list_model_get_n_items (steps_b));
  for (guint i = 0; i < g_list_model_get_n_items (steps_a); i++)
    {
      DxStepResult *x = dx_test_step_result (a, i);
      DxStepResult *y = dx_test_step_result (b, i);

      g_assert_cmpint (dx_step_result_get_status (x), ==, dx_step_result_get_status (y));
      g_assert_cmpint (dx_step_result_get_duration (x) / 1000, ==, dx_step_result_get_duration (y) / 1000);
      g_assert_cmpstr (dx_step_result_get_summary (x), ==, dx_step_result_get_summary (y));
      g_assert_cmpstr (dx_step_result_get_message (x), ==, dx_step_result_get_message (y));
      g_assert_cmpstr (dx_step_result_get_expected (x), ==, dx_step_result_get_expected (y));
      g_assert_cmpstr (dx_step_result_get_actual (x), ==, dx_step_result_get_actual (y));
    }
}

static void
test_last_result (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(DxScenario) scenario = dx_test_scenario_from_json (
    "{'name': 'kept', 'variables': [{'enabled': true, 'key': 'want', 'value': 'ping'}],"
    " 'steps': [{'kind': 'connect'}, {'kind': 'send', 'content': 'ping'},"
    " {'kind': 'expect-message', 'timeout': 200, 'matchers': [{'kind': 'equals', 'value': '{{want}}'}]},"
    " {'kind': 'wait', 'duration': 10, 'enabled': false}, {'kind': 'close'}]}");
  g_autoptr(GAsyncResult) async_result = NULL;
  g_autoptr(DxRunResult) first = NULL;
  g_autoptr(DxRunResult) second = NULL;
  g_autoptr(DxField) want = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(DxScenario) reloaded = NULL;
  guint changed = 0;
  gint64 before = g_get_real_time ();

  g_assert_null (dx_scenario_get_last_result (scenario));
  g_signal_connect (scenario, "changed", G_CALLBACK (count_cb), &changed);

  first = dx_test_run_scenario (fixture->runner, scenario);
  dx_test_assert_passed (first);
  g_assert_true (dx_scenario_get_last_result (scenario) == first);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpint (dx_run_result_get_finished (first), >=, before);
  g_assert_cmpint (dx_run_result_get_finished (first), <=, g_get_real_time ());

  /* While the next run is under way, the last one stays */
  want = g_list_model_get_item (G_LIST_MODEL (dx_scenario_get_variables (scenario)), 0);
  dx_field_set_value (want, "pong");
  changed = 0;
  dx_runner_run_async (fixture->runner, scenario, NULL, dx_test_store_result_cb, &async_result);
  DX_TEST_WAIT_UNTIL (fixture->started >= 6, "the second run to be under way");
  g_assert_true (dx_scenario_get_last_result (scenario) == first);
  g_assert_cmpuint (changed, ==, 0);
  DX_TEST_WAIT_UNTIL (async_result != NULL, "the second run to finish");
  second = dx_runner_run_finish (fixture->runner, async_result, &error);
  g_assert_no_error (error);
  dx_test_assert_failed_at (second, 2, "");
  g_assert_true (dx_scenario_get_last_result (scenario) == second);
  g_assert_cmpuint (changed, ==, 1);

  /* What a workspace keeps of it reads back the same */
  node = dx_scenario_to_json (scenario);
  reloaded = dx_scenario_new_from_json (node, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (dx_scenario_get_last_result (reloaded));
  assert_same_results (second, dx_scenario_get_last_result (reloaded));
  g_assert_cmpint (dx_step_result_get_status (dx_test_step_result (second, 3)), ==, DX_STEP_STATUS_SKIPPED);
  g_assert_nonnull (dx_step_result_get_expected (dx_test_step_result (second, 2)));
}

/* ---- close, expect-close, ping ---------------------------------------------------------- */

static void
test_close (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(DxRunResult) closed = NULL;
  g_autoptr(DxRunResult) bad_code = NULL;
  g_autoptr(DxRunResult) not_open = NULL;

  closed = run_json (fixture, "{'name': 'c', 'steps': [{'kind': 'connect'},"
                              " {'kind': 'close', 'code': 4000, 'reason': 'done'},"
                              " {'kind': 'expect-close', 'code': 4000}]}");
  dx_test_assert_passed (closed);
  g_assert_cmpuint (dx_connection_get_close_code (fixture->conn), ==, 4000);

  bad_code = run_json (fixture, "{'name': 'c', 'steps': [{'kind': 'connect'}, {'kind': 'close', 'code': 1005}]}");
  dx_test_assert_failed_at (bad_code, 1, "1005 cannot be sent as a close code");

  not_open = run_json (fixture, "{'name': 'c', 'steps': [{'kind': 'close', 'code': 1000}]}");
  dx_test_assert_failed_at (not_open, 0, "Nothing to close");
}

static void
test_expect_close (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(DxRunResult) good = NULL;
  g_autoptr(DxRunResult) any = NULL;
  g_autoptr(DxRunResult) wrong_code = NULL;
  g_autoptr(DxRunResult) wrong_reason = NULL;
  g_autoptr(DxRunResult) still_open = NULL;

  set_path (fixture, "/close?code=4001&reason=bye");
  good = run_json (fixture, "{'name': 'c', 'steps': [{'kind': 'connect'},"
                            " {'kind': 'expect-close', 'code': 4001, 'reason': 'bye'}]}");
  dx_test_assert_passed (good);
  g_assert_cmpstr (dx_step_result_get_message (dx_test_step_result (good, 1)), ==, "close 4001 “bye”");
  any = run_json (fixture, "{'name': 'c', 'steps': [{'kind': 'connect'}, {'kind': 'expect-close'}]}");
  dx_test_assert_passed (any);
  wrong_code = run_json (fixture, "{'name': 'c', 'steps': [{'kind': 'connect'},"
                                  " {'kind': 'expect-close', 'code': 4002}]}");
  dx_test_assert_failed_at (wrong_code, 1, "expected close 4002, got close 4001 “bye”");
  wrong_reason = run_json (fixture, "{'name': 'c', 'steps': [{'kind': 'connect'},"
                                    " {'kind': 'expect-close', 'reason': 'ciao'}]}");
  dx_test_assert_failed_at (wrong_reason, 1, "expected a close with the reason “ciao”, got close 4001 “bye”");

  set_path (fixture, "/echo");
  still_open = run_json (fixture, "{'name': 'c', 'steps': [{'kind': 'connect'},"
                                  " {'kind': 'expect-close', 'code': 1000, 'timeout': 50}]}");
  dx_test_assert_failed_at (still_open, 1, "expected close 1000 within 50 ms, but the connection is still open");
}

static void
test_ping (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(DxRunResult) pong = NULL;
  g_autoptr(DxRunResult) not_open = NULL;

  pong = run_json (fixture, "{'name': 'p', 'steps': [{'kind': 'connect'}, {'kind': 'ping'},"
                            " {'kind': 'ping', 'payload': 'second'}]}");
  dx_test_assert_passed (pong);
  g_assert_true (g_str_has_prefix (dx_step_result_get_message (dx_test_step_result (pong, 1)), "Pong after"));

  not_open = run_json (fixture, "{'name': 'p', 'steps': [{'kind': 'ping'}]}");
  dx_test_assert_failed_at (not_open, 0, "Not connected");
}

/* ---- the run itself ---------------------------------------------------------------------- */

static void
status_notify_cb (DxStepResult *result,
                  GParamSpec   *pspec,
                  GArray       *statuses)
{
  DxStepStatus status = dx_step_result_get_status (result);

  g_array_append_val (statuses, status);
}

static void
test_live_results (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(DxScenario) scenario = dx_test_scenario_from_json (
    "{'name': 'live', 'steps': [{'kind': 'connect'}, {'kind': 'wait', 'enabled': false},"
    " {'kind': 'expect-message', 'timeout': 20}, {'kind': 'close'}]}");
  g_autoptr(GAsyncResult) async_result = NULL;
  g_autoptr(GArray) statuses = g_array_new (FALSE, FALSE, sizeof (DxStepStatus));
  g_autoptr(DxRunResult) result = NULL;
  DxRunResult *live;

  dx_runner_run_async (fixture->runner, scenario, NULL, dx_test_store_result_cb, &async_result);
  live = dx_runner_get_result (fixture->runner);
  g_assert_nonnull (live);
  g_assert_true (dx_runner_get_running (fixture->runner));
  g_assert_cmpuint (g_list_model_get_n_items (dx_run_result_get_steps (live)), ==, 4);
  /* Turned off: skipped from the start; the rest pending */
  g_assert_cmpint (dx_step_result_get_status (dx_test_step_result (live, 1)), ==, DX_STEP_STATUS_SKIPPED);
  g_assert_cmpint (dx_step_result_get_status (dx_test_step_result (live, 0)), ==, DX_STEP_STATUS_PENDING);
  g_signal_connect (dx_test_step_result (live, 0), "notify::status", G_CALLBACK (status_notify_cb), statuses);

  DX_TEST_WAIT_UNTIL (async_result != NULL, "the run to finish");
  result = dx_runner_run_finish (fixture->runner, async_result, NULL);
  g_assert_true (result == live);

  g_assert_cmpuint (statuses->len, ==, 2);
  g_assert_cmpint (g_array_index (statuses, DxStepStatus, 0), ==, DX_STEP_STATUS_RUNNING);
  g_assert_cmpint (g_array_index (statuses, DxStepStatus, 1), ==, DX_STEP_STATUS_PASSED);
  g_assert_cmpstr (dx_step_result_get_message (dx_test_step_result (live, 1)), ==, "Turned off");
  dx_test_assert_failed_at (result, 2, "no message within 20 ms");
  g_assert_cmpuint (dx_run_result_count (result, DX_STEP_STATUS_SKIPPED), ==, 2);
  g_assert_cmpuint (fixture->started, ==, 2);
  g_assert_cmpuint (fixture->finished, ==, 2);
  g_signal_handlers_disconnect_by_data (dx_test_step_result (live, 0), statuses);
}

static void
test_stop (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(DxScenario) scenario = dx_test_scenario_from_json (
    "{'name': 'long', 'steps': [{'kind': 'connect'}, {'kind': 'wait', 'duration': 600000},"
    " {'kind': 'close'}]}");
  g_autoptr(GAsyncResult) async_result = NULL;
  g_autoptr(DxRunResult) result = NULL;
  g_autoptr(GError) error = NULL;

  dx_runner_run_async (fixture->runner, scenario, NULL, dx_test_store_result_cb, &async_result);
  DX_TEST_WAIT_UNTIL (fixture->started == 2, "the wait step to start");
  dx_runner_stop (fixture->runner);
  DX_TEST_WAIT_UNTIL (async_result != NULL, "the run to finish");
  result = dx_runner_run_finish (fixture->runner, async_result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (dx_run_result_get_status (result), ==, DX_RUN_STATUS_STOPPED);
  g_assert_cmpstr (dx_step_result_get_message (dx_test_step_result (result, 1)), ==, "Stopped before it finished");
  g_assert_cmpint (dx_step_result_get_status (dx_test_step_result (result, 2)), ==, DX_STEP_STATUS_SKIPPED);
  g_assert_true (is_settled (fixture->conn));
  /* A stopped run is a run: the scenario keeps it */
  g_assert_true (dx_scenario_get_last_result (scenario) == result);
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(DxScenario) scenario = dx_test_scenario_from_json (
    "{'name': 'long', 'steps': [{'kind': 'connect'}, {'kind': 'wait', 'duration': 600000}]}");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) async_result = NULL;
  g_autoptr(DxRunResult) result = NULL;
  g_autoptr(GError) error = NULL;

  dx_runner_run_async (fixture->runner, scenario, cancellable, dx_test_store_result_cb, &async_result);
  DX_TEST_WAIT_UNTIL (fixture->started == 2, "the wait step to start");
  g_cancellable_cancel (cancellable);
  DX_TEST_WAIT_UNTIL (async_result != NULL, "the run to finish");
  result = dx_runner_run_finish (fixture->runner, async_result, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (result);
  g_assert_cmpint (dx_run_result_get_status (dx_runner_get_result (fixture->runner)), ==, DX_RUN_STATUS_STOPPED);
  g_assert_true (dx_scenario_get_last_result (scenario) == dx_runner_get_result (fixture->runner));
  g_assert_true (is_settled (fixture->conn));
}

static void
test_busy (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(DxScenario) scenario = dx_test_scenario_from_json ("{'name': 'b', 'steps': [{'kind': 'wait', 'duration': 10}]}");
  g_autoptr(GAsyncResult) first = NULL;
  g_autoptr(GAsyncResult) second = NULL;
  g_autoptr(DxRunResult) result = NULL;
  g_autoptr(GError) error = NULL;

  dx_runner_run_async (fixture->runner, scenario, NULL, dx_test_store_result_cb, &first);
  dx_runner_run_async (fixture->runner, scenario, NULL, dx_test_store_result_cb, &second);
  DX_TEST_WAIT_UNTIL (first != NULL && second != NULL, "both runs to answer");
  g_assert_null (dx_runner_run_finish (fixture->runner, second, &error));
  g_assert_error (error, DX_RUNNER_ERROR, DX_RUNNER_ERROR_BUSY);
  result = dx_runner_run_finish (fixture->runner, first, NULL);
  dx_test_assert_passed (result);
}

static void
clear_history_cb (DxRunner     *runner,
                  DxStepResult *result,
                  DxHistory    *history)
{
  g_autoptr(DxHistory) cleared = NULL;

  if (dx_step_result_get_index (result) == 2)
    cleared = dx_history_clear (history);
}

static void
test_history_cleared (Fixture       *fixture,
                      gconstpointer  data)
{
  DxHistory *history = dx_session_get_history (fixture->session);
  g_autoptr(DxRunResult) result = NULL;

  /* The tester clears the history in the middle of a run */
  g_signal_connect (fixture->runner, "step-finished", G_CALLBACK (clear_history_cb), history);
  result = run_json (fixture, "{'name': 'h', 'steps': [{'kind': 'connect'},"
                              " {'kind': 'send', 'content': 'a'},"
                              " {'kind': 'expect-message', 'matchers': [{'kind': 'equals', 'value': 'a'}]},"
                              " {'kind': 'send', 'content': 'b'},"
                              " {'kind': 'expect-message', 'matchers': [{'kind': 'equals', 'value': 'b'}]}]}");
  dx_test_assert_passed (result);
  g_signal_handlers_disconnect_by_data (fixture->runner, history);
}

/* Many messages: a skip step wades through them, the next step sees none */
static void
test_flood (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(DxRunResult) result = NULL;

  set_path (fixture, "/flood?count=20000&size=64");
  result = run_json (fixture, "{'name': 'f', 'steps': [{'kind': 'connect'},"
                              " {'kind': 'expect-message', 'timeout': 100000, 'matchers': ["
                              "   {'kind': 'regex', 'value': '^#1 x+$'}, {'kind': 'size', 'op': 'eq', 'size': 64}]},"
                              " {'kind': 'expect-message', 'mode': 'skip', 'timeout': 100000, 'matchers': ["
                              "   {'kind': 'regex', 'value': '^#20000 '}]},"
                              " {'kind': 'expect-no-message', 'duration': 10}]}");
  dx_test_assert_passed (result);
}

static gboolean
has_received (DxHistory *history)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (history));

  for (guint i = 0; i < n; i++)
    if (dx_history_get_direction (history, i) == DX_DIRECTION_RECEIVED)
      return TRUE;
  return FALSE;
}

/* A message that comes while the end of a run waits for its close belongs
 * to no run: the next run on the same session must not see it */
static void
test_nothing_left_over (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(DxRunResult) first = NULL;
  g_autoptr(DxRunResult) second = NULL;
  g_autoptr(GError) error = NULL;
  DxHistory *history = dx_session_get_history (fixture->session);

  /* The echo of "late" comes back while the run closes what it opened */
  first = run_json (fixture, "{'name': 'a', 'steps': [{'kind': 'connect'},"
                             " {'kind': 'send', 'content': 'late'}]}");
  dx_test_assert_passed (first);
  DX_TEST_WAIT_UNTIL (has_received (history), "the echo in the history");

  dx_connection_connect (fixture->conn, &error);
  g_assert_no_error (error);
  DX_TEST_WAIT_UNTIL (dx_connection_get_state (fixture->conn) == DX_CONNECTION_STATE_OPEN, "the connection");
  second = run_json (fixture, "{'name': 'b', 'steps': [{'kind': 'expect-no-message', 'duration': 50}]}");
  dx_test_assert_passed (second);
}

static void
test_invalid_step (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(DxRunResult) result = NULL;

  result = run_json (fixture, "{'name': 'i', 'steps': [{'kind': 'connect'},"
                              " {'kind': 'expect-message', 'matchers': [{'kind': 'regex', 'value': '(['}]}]}");
  dx_test_assert_failed_at (result, 1, "“([” is not a valid regular expression");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  dx_test_setup ();

#define ADD(path, func) \
  g_test_add ("/dx/runner/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("echo-passes", test_echo_passes);
  ADD ("matchers-fail", test_matchers_fail);
  ADD ("expect-next-and-skip", test_expect_next_and_skip);
  ADD ("expect-timeout", test_expect_timeout);
  ADD ("timeout-scale", test_timeout_scale);
  ADD ("expect-when-closed", test_expect_when_closed);
  ADD ("expect-no-message-fails", test_expect_no_message_fails);
  ADD ("capture", test_capture);
  ADD ("capture-fails", test_capture_fails);
  ADD ("connect-expectations", test_connect_expectations);
  ADD ("connect-when-open", test_connect_when_open);
  ADD ("send-saved", test_send_saved);
  ADD ("send-problems", test_send_problems);
  ADD ("variables", test_variables);
  ADD ("scenario-variables", test_scenario_variables);
  ADD ("last-result", test_last_result);
  ADD ("close", test_close);
  ADD ("expect-close", test_expect_close);
  ADD ("ping", test_ping);
  ADD ("live-results", test_live_results);
  ADD ("stop", test_stop);
  ADD ("cancel", test_cancel);
  ADD ("busy", test_busy);
  ADD ("history-cleared", test_history_cleared);
  ADD ("flood", test_flood);
  ADD ("invalid-step", test_invalid_step);
  ADD ("nothing-left-over", test_nothing_left_over);

#undef ADD

  return g_test_run ();
}
