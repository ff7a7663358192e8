/* test-interop.c — DxConnection and DxEchoServer against WebSocket peers we
 * did not write: Debian's python3-websockets (run with /usr/bin/python3) and
 * npm's ws (installed at the repository root by `npm ci`)
 *
 * The peers are the scripts in tests/interop/peers/. A server peer prints
 * "PORT <n>" once it listens and stops when its stdin closes, so it never
 * outlives this program; a client peer exits 0 after a full echo round trip.
 *
 * DxConnection is main-thread only, so every test spins the default main
 * context until what it waits for holds. The deadline on each wait only
 * keeps a broken peer from hanging the suite; nothing here measures time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "dx-connection.h"
#include "dx-echo-server.h"
#include "dx-field.h"
#include "dx-interop-peer.h"
#include "dx-test-util.h"

/* Debian's interpreter: python3 on PATH may be one that cannot see Debian's
 * python3-websockets. */
#define PYTHON "/usr/bin/python3"



typedef enum {
  PEER_PYTHON,
  PEER_WS,
} PeerKind;

typedef struct {
  PeerKind    kind;
  const char *id;           /* in test paths */
  const char *name;
  const char *server_script;
  const char *client_script;
  const char *greeting;
  const char *client_text;
} Peer;

static const Peer peers[] = {
  [PEER_PYTHON] = {
    .kind = PEER_PYTHON,
    .id = "python",
    .name = "python3-websockets",
    .server_script = "py_server.py",
    .client_script = "py_client.py",
    .greeting = "hello from python",
    .client_text = "ping from python",
  },
  [PEER_WS] = {
    .kind = PEER_WS,
    .id = "ws",
    .name = "npm ws",
    .server_script = "ws_server.js",
    .client_script = "ws_client.js",
    .greeting = "hello from ws",
    .client_text = "ping from ws",
  },
};

typedef struct {
  const Peer   *peer;
  GSubprocess  *server;
  guint         port;
  DxSession    *session;
  DxConnection *conn;
} Fixture;

/* ---- peers ------------------------------------------------------------- */

static char *
dup_srcdir (void)
{
  const char *srcdir = g_getenv ("DX_TEST_SRCDIR");

  /* Set by tests/meson.build; run through `meson test`. */
  g_assert_nonnull (srcdir);
  return g_canonicalize_filename (srcdir, NULL);
}

static char *
dup_repo_root (void)
{
  g_autofree char *srcdir = dup_srcdir ();

  return g_path_get_dirname (srcdir);
}

static char *
dup_script_path (const char *script)
{
  g_autofree char *srcdir = dup_srcdir ();

  return g_build_filename (srcdir, "interop", "peers", script, NULL);
}

/* Returns: (transfer full): the interpreter for @peer, or %NULL with
 *   @error saying what to install */
static char *
find_interpreter (const Peer  *peer,
                  GError     **error)
{
  if (peer->kind == PEER_PYTHON)
    {
      if (!g_file_test (PYTHON, G_FILE_TEST_IS_EXECUTABLE))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                       "%s is missing: apt-get install python3 python3-websockets", PYTHON);
          return NULL;
        }
      return g_strdup (PYTHON);
    }
  else
    {
      g_autofree char *root = dup_repo_root ();
      g_autofree char *ws_package = g_build_filename (root, "node_modules", "ws", "package.json", NULL);
      g_autofree char *node = g_find_program_in_path ("node");

      if (node == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                       "node is not on PATH: install Node.js, then run `npm ci` in %s", root);
          return NULL;
        }
      if (!g_file_test (ws_package, G_FILE_TEST_EXISTS))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                       "npm's ws is not installed (%s is missing): run `npm ci` in %s",
                       ws_package, root);
          return NULL;
        }
      return g_steal_pointer (&node);
    }
}

/* @...: more arguments for the script, ending with %NULL */
static GSubprocess *
spawn_peer (const Peer        *peer,
            const char        *script,
            GSubprocessFlags   flags,
            GError           **error,
            ...)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (flags);
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *root = dup_repo_root ();
  char *interpreter;
  const char *arg;
  va_list args;

  interpreter = find_interpreter (peer, error);
  if (interpreter == NULL)
    return NULL;

  g_ptr_array_add (argv, interpreter);
  g_ptr_array_add (argv, dup_script_path (script));
  va_start (args, error);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_subprocess_launcher_set_cwd (launcher, root);
  return g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, error);
}

/* Collects @process's stdout and stderr until it exits; kills it if that
 * takes longer than the limit.
 * Returns: %FALSE if it had to be killed */
static gboolean
communicate_or_kill (GSubprocess  *process,
                     char        **out,
                     char        **err)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 deadline = g_get_monotonic_time () + DX_TEST_WAIT_LIMIT_S * G_USEC_PER_SEC;
  gboolean killed = FALSE;

  g_subprocess_communicate_utf8_async (process, NULL, NULL, dx_test_store_result_cb, &result);
  while (result == NULL)
    {
      if (!killed && g_get_monotonic_time () > deadline)
        {
          g_subprocess_force_exit (process);
          killed = TRUE;
        }
      g_main_context_iteration (NULL, TRUE);
    }
  if (!g_subprocess_communicate_utf8_finish (process, result, out, err, &error))
    {
      g_free (*out);
      g_free (*err);
      *out = g_strdup ("");
      *err = g_strdup_printf ("(its output could not be read: %s)\n", error->message);
    }
  dx_interop_peer_wait_or_kill (process);

  return !killed;
}

/* Starts @peer's server and reads the port it listens on. */
static GSubprocess *
start_server (const Peer  *peer,
              guint       *port,
              GError     **error)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autofree char *who = NULL;

  /* stderr is inherited: what the peer complains about lands in the log */
  process = spawn_peer (peer, peer->server_script,
                        G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                        error, NULL);
  if (process == NULL)
    return NULL;

  who = g_strdup_printf ("The %s server (%s)", peer->name, peer->server_script);
  *port = dx_interop_peer_read_port (process, who, error);
  if (*port == 0)
    return NULL;
  return g_steal_pointer (&process);
}

static void
stop_server (const Peer  *peer,
             GSubprocess *process)
{
  g_autofree char *who = g_strdup_printf ("The %s server", peer->name);

  dx_interop_peer_stop (process, who);
}

/* ---- fixture ------------------------------------------------------------ */

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->peer = data;
  fixture->session = dx_session_new ("Interop", "");
  fixture->conn = dx_connection_new (fixture->session);
  fixture->server = start_server (fixture->peer, &fixture->port, &error);
  if (fixture->server == NULL)
    g_test_fail_printf ("%s", error->message);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  gint64 deadline = g_get_monotonic_time () + DX_TEST_WAIT_LIMIT_S * G_USEC_PER_SEC;

  /* Leave nothing open behind for the next test */
  dx_connection_disconnect (fixture->conn);
  while ((dx_connection_get_state (fixture->conn) == DX_CONNECTION_STATE_CONNECTING ||
          dx_connection_get_state (fixture->conn) == DX_CONNECTION_STATE_OPEN ||
          dx_connection_get_state (fixture->conn) == DX_CONNECTION_STATE_CLOSING) &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  g_clear_object (&fixture->conn);
  g_clear_object (&fixture->session);
  if (fixture->server)
    stop_server (fixture->peer, fixture->server);
  g_clear_object (&fixture->server);
}

/* ---- helpers ------------------------------------------------------------ */

static void
set_path (Fixture    *fixture,
          const char *path)
{
  g_autofree char *url = g_strdup_printf ("ws://127.0.0.1:%u%s", fixture->port, path);

  dx_session_set_url (fixture->session, url);
}

static gboolean
is_settled (DxConnection *conn)
{
  DxConnectionState state = dx_connection_get_state (conn);

  return state != DX_CONNECTION_STATE_CONNECTING && state != DX_CONNECTION_STATE_CLOSING;
}

/* Connects to @path and waits until the attempt has an outcome. */
static gboolean
connect_and_settle (Fixture    *fixture,
                    const char *path)
{
  g_autoptr(GError) error = NULL;

  set_path (fixture, path);
  dx_connection_connect (fixture->conn, &error);
  g_assert_no_error (error);

  DX_TEST_WAIT_UNTIL_OR (dx_connection_get_state (fixture->conn) != DX_CONNECTION_STATE_CONNECTING,
                 "the handshake to finish", return FALSE);
  return TRUE;
}

/* Connects to @path; fails the test unless the connection opens. */
static gboolean
open_path (Fixture    *fixture,
           const char *path)
{
  if (!connect_and_settle (fixture, path))
    return FALSE;

  if (dx_connection_get_state (fixture->conn) != DX_CONNECTION_STATE_OPEN)
    {
      g_autofree char *status = dx_connection_dup_status_text (fixture->conn);

      g_test_fail_printf ("%s on the %s server did not open: %s — %s", path, fixture->peer->name,
                          status, dx_connection_get_error_message (fixture->conn));
      return FALSE;
    }
  return TRUE;
}

static gboolean
is_data_kind (DxMessageKind kind)
{
  return kind == DX_MESSAGE_KIND_TEXT || kind == DX_MESSAGE_KIND_BINARY;
}

/* Returns: the positions of the received text and binary rows */
static GArray *
received_rows (DxSession *session)
{
  DxHistory *history = dx_session_get_history (session);
  GArray *rows = g_array_new (FALSE, FALSE, sizeof (guint));
  guint n = g_list_model_get_n_items (G_LIST_MODEL (history));

  for (guint i = 0; i < n; i++)
    if (dx_history_get_direction (history, i) == DX_DIRECTION_RECEIVED &&
        is_data_kind (dx_history_get_kind (history, i)))
      g_array_append_val (rows, i);
  return rows;
}

static guint
count_received (DxSession *session)
{
  g_autoptr(GArray) rows = received_rows (session);

  return rows->len;
}

static guint
count_events (DxSession     *session,
              DxMessageKind  kind)
{
  DxHistory *history = dx_session_get_history (session);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (history));
  guint count = 0;

  for (guint i = 0; i < n; i++)
    if (dx_history_get_direction (history, i) == DX_DIRECTION_EVENT &&
        dx_history_get_kind (history, i) == kind)
      count++;
  return count;
}

static char *
dup_received_text (DxSession *session,
                   guint      index)
{
  DxHistory *history = dx_session_get_history (session);
  g_autoptr(GArray) rows = received_rows (session);
  g_autoptr(GBytes) payload = NULL;
  guint position;
  gsize size;
  const char *data;

  g_assert_cmpuint (index, <, rows->len);
  position = g_array_index (rows, guint, index);
  g_assert_cmpint (dx_history_get_kind (history, position), ==, DX_MESSAGE_KIND_TEXT);

  payload = dx_history_dup_payload (history, position);
  data = g_bytes_get_data (payload, &size);
  return g_strndup (data ? data : "", size);
}

static GBytes *
make_binary (gsize size)
{
  guint8 *data = g_malloc (size);

  /* each run of 256 bytes holds every byte value once (7 is odd), shifted
   * by one from the run before */
  for (gsize i = 0; i < size; i++)
    data[i] = (guint8) (i * 7 + i / 256);
  return g_bytes_new_take (data, size);
}

static void
add_field (GListStore *store,
           gboolean    enabled,
           const char *key,
           const char *value)
{
  g_autoptr(DxField) field = dx_field_new (enabled, key, value);

  g_list_store_append (store, field);
}

/* Returns: the strings of the array @member of @object, joined by ',' */
static char *
join_array_member (JsonObject *object,
                   const char *member)
{
  g_autoptr(GString) out = g_string_new (NULL);
  JsonArray *array;

  if (!json_object_has_member (object, member) ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, member)))
    return g_strdup ("(missing)");

  array = json_object_get_array_member (object, member);
  for (guint i = 0; i < json_array_get_length (array); i++)
    g_string_append_printf (out, "%s%s", i ? "," : "", json_array_get_string_element (array, i));
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* ---- DxConnection against the peers' servers ---------------------------- */

static void
test_server_echo (Fixture       *fixture,
                  gconstpointer  data)
{
  DxHistory *history = dx_session_get_history (fixture->session);
  const char *text = "héllo — 你好 🎉 from Duplex";
  g_autoptr(GBytes) text_bytes = g_bytes_new_static (text, strlen (text));
  g_autoptr(GBytes) small = make_binary (256);
  /* past 65535 bytes: the 64-bit frame length */
  g_autoptr(GBytes) large = make_binary (300 * 1000);
  GBytes *sent[3];
  DxMessageKind kinds[] = { DX_MESSAGE_KIND_TEXT, DX_MESSAGE_KIND_BINARY, DX_MESSAGE_KIND_BINARY };
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GError) error = NULL;

  if (fixture->server == NULL || !open_path (fixture, "/echo"))
    return;

  sent[0] = text_bytes;
  sent[1] = small;
  sent[2] = large;
  dx_connection_send_text (fixture->conn, text, &error);
  g_assert_no_error (error);
  dx_connection_send_binary (fixture->conn, small, &error);
  g_assert_no_error (error);
  dx_connection_send_binary (fixture->conn, large, &error);
  g_assert_no_error (error);

  DX_TEST_WAIT_UNTIL (count_received (fixture->session) >= 3, "three echoes");

  rows = received_rows (fixture->session);
  g_assert_cmpuint (rows->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      guint position = g_array_index (rows, guint, i);
      g_autoptr(GBytes) payload = dx_history_dup_payload (history, position);

      g_assert_cmpint (dx_history_get_kind (history, position), ==, kinds[i]);
      g_assert_cmpmem (g_bytes_get_data (payload, NULL), g_bytes_get_size (payload),
                       g_bytes_get_data (sent[i], NULL), g_bytes_get_size (sent[i]));
    }
  g_assert_cmpint (dx_connection_get_state (fixture->conn), ==, DX_CONNECTION_STATE_OPEN);
}

static void
test_server_greeting (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *greeting = NULL;
  g_autofree char *echo = NULL;
  g_autoptr(GError) error = NULL;

  if (fixture->server == NULL || !open_path (fixture, "/greet"))
    return;

  DX_TEST_WAIT_UNTIL (count_received (fixture->session) >= 1, "the greeting");
  greeting = dup_received_text (fixture->session, 0);
  g_assert_cmpstr (greeting, ==, fixture->peer->greeting);

  /* and the server goes on echoing after it */
  dx_connection_send_text (fixture->conn, "after the greeting", &error);
  g_assert_no_error (error);
  DX_TEST_WAIT_UNTIL (count_received (fixture->session) >= 2, "the echo after the greeting");
  echo = dup_received_text (fixture->session, 1);
  g_assert_cmpstr (echo, ==, "after the greeting");
}

static void
test_server_close_by_peer (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *status = NULL;

  if (fixture->server == NULL || !connect_and_settle (fixture, "/close"))
    return;

  DX_TEST_WAIT_UNTIL (dx_connection_get_state (fixture->conn) == DX_CONNECTION_STATE_CLOSED,
              "the server's close");

  g_assert_cmpint (dx_connection_get_state (fixture->conn), ==, DX_CONNECTION_STATE_CLOSED);
  g_assert_cmpuint (count_events (fixture->session, DX_MESSAGE_KIND_OPEN), ==, 1);
  g_assert_true (dx_connection_get_closed_by_peer (fixture->conn));
  g_assert_cmpuint (dx_connection_get_close_code (fixture->conn), ==, 4001);
  g_assert_cmpstr (dx_connection_get_close_reason (fixture->conn), ==, "bye");
  g_assert_cmpuint (count_events (fixture->session, DX_MESSAGE_KIND_CLOSE), ==, 1);

  status = dx_connection_dup_status_text (fixture->conn);
  g_assert_nonnull (strstr (status, "4001"));
  g_assert_nonnull (strstr (status, "bye"));
}

static void
test_server_close_by_us (Fixture       *fixture,
                         gconstpointer  data)
{
  if (fixture->server == NULL || !open_path (fixture, "/echo"))
    return;

  dx_connection_close (fixture->conn, 4002, "done here");
  DX_TEST_WAIT_UNTIL (is_settled (fixture->conn), "the closing handshake");

  g_assert_cmpint (dx_connection_get_state (fixture->conn), ==, DX_CONNECTION_STATE_CLOSED);
  g_assert_false (dx_connection_get_closed_by_peer (fixture->conn));
  g_assert_cmpuint (dx_connection_get_close_code (fixture->conn), ==, 4002);
  g_assert_cmpstr (dx_connection_get_close_reason (fixture->conn), ==, "done here");
  g_assert_null (dx_connection_get_error_message (fixture->conn));
}

static void
test_server_subprotocol (Fixture       *fixture,
                         gconstpointer  data)
{
  const char * const offered[] = { "nope", "chat", NULL };
  const char * const unknown[] = { "nope", NULL };
  g_autofree char *status = NULL;

  if (fixture->server == NULL)
    return;

  dx_session_set_subprotocols (fixture->session, offered);
  if (!open_path (fixture, "/echo"))
    return;
  g_assert_cmpstr (dx_connection_get_protocol (fixture->conn), ==, "chat");
  status = dx_connection_dup_status_text (fixture->conn);
  g_assert_nonnull (strstr (status, "chat"));

  dx_connection_disconnect (fixture->conn);
  DX_TEST_WAIT_UNTIL (is_settled (fixture->conn), "the closing handshake");

  /* Neither peer insists on a subprotocol: with none in common the
   * connection opens without one. */
  dx_session_set_subprotocols (fixture->session, unknown);
  if (!open_path (fixture, "/echo"))
    return;
  g_assert_null (dx_connection_get_protocol (fixture->conn));
}

static void
test_python_auth_accepted (Fixture       *fixture,
                           gconstpointer  data)
{
  const char * const offered[] = { "chat", NULL };
  GListStore *headers = dx_session_get_headers (fixture->session);
  GListStore *params = dx_session_get_params (fixture->session);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *tokens = NULL;
  g_autofree char *keys = NULL;
  JsonObject *seen;

  if (fixture->server == NULL)
    return;

  /* The disabled rows must not reach the server. The URL's query is the
   * enabled parameter rows; a row that is off stays when the URL is set. */
  add_field (headers, FALSE, "X-Token", "wrong");
  add_field (headers, TRUE, "X-Token", "secret");
  add_field (params, FALSE, "key", "0");
  dx_session_set_subprotocols (fixture->session, offered);

  if (!open_path (fixture, "/auth?key=42"))
    return;
  g_assert_cmpuint (dx_connection_get_http_status (fixture->conn), ==, 101);
  g_assert_cmpstr (dx_connection_get_protocol (fixture->conn), ==, "chat");

  DX_TEST_WAIT_UNTIL (count_received (fixture->session) >= 1, "what the server saw");
  json = dup_received_text (fixture->session, 0);
  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  seen = json_node_get_object (json_parser_get_root (parser));

  g_assert_cmpstr (json_object_get_string_member (seen, "path"), ==, "/auth");
  g_assert_cmpstr (json_object_get_string_member (seen, "subprotocol"), ==, "chat");
  tokens = join_array_member (seen, "x_token");
  g_assert_cmpstr (tokens, ==, "secret");
  keys = join_array_member (json_object_get_object_member (seen, "query"), "key");
  g_assert_cmpstr (keys, ==, "42");
}

static void
test_python_auth_rejected (Fixture       *fixture,
                           gconstpointer  data)
{
  GListStore *headers = dx_session_get_headers (fixture->session);
  GListStore *params = dx_session_get_params (fixture->session);
  /* nothing, the parameter only, the header only: each is one short */
  const struct {
    gboolean    header;
    gboolean    param;
  } attempts[] = { { FALSE, FALSE }, { FALSE, TRUE }, { TRUE, FALSE } };

  if (fixture->server == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (attempts); i++)
    {
      g_autofree char *status = NULL;

      g_list_store_remove_all (headers);
      g_list_store_remove_all (params);
      if (attempts[i].header)
        add_field (headers, TRUE, "X-Token", "secret");
      /* The URL's query is the enabled parameter rows */
      if (!connect_and_settle (fixture, attempts[i].param ? "/auth?key=42" : "/auth"))
        return;

      g_assert_cmpint (dx_connection_get_state (fixture->conn), ==, DX_CONNECTION_STATE_CLOSED);
      g_assert_cmpuint (dx_connection_get_http_status (fixture->conn), ==, 401);
      g_assert_cmpstr (dx_connection_get_http_reason (fixture->conn), ==, "Unauthorized");
      g_assert_nonnull (dx_connection_get_error_message (fixture->conn));
      g_assert_nonnull (strstr (dx_connection_get_error_message (fixture->conn), "401"));
      g_assert_cmpuint (dx_connection_get_close_code (fixture->conn), ==, 0);
      g_assert_cmpuint (count_events (fixture->session, DX_MESSAGE_KIND_OPEN), ==, 0);
      status = dx_connection_dup_status_text (fixture->conn);
      g_assert_nonnull (strstr (status, "401"));
    }
}

static gboolean
has_round_trip (gpointer data)
{
  return dx_connection_get_round_trip_time (data) >= 0;
}

/* The peer answers our own ping frame with a pong of the same payload */
static void
test_server_ping (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GBytes) payload = g_bytes_new_static ("interop ping", 12);
  g_autoptr(GError) error = NULL;

  if (fixture->server == NULL || !open_path (fixture, "/echo"))
    return;

  g_assert_true (dx_connection_send_ping (fixture->conn, payload, &error));
  g_assert_no_error (error);
  dx_test_wait_until (has_round_trip, fixture->conn, "the pong");
  g_assert_cmpuint (count_events (fixture->session, DX_MESSAGE_KIND_PONG), ==, 1);

  /* and stays open: the frame was a good one */
  g_assert_true (dx_connection_send_text (fixture->conn, "after the ping", &error));
  DX_TEST_WAIT_UNTIL (count_received (fixture->session) >= 1, "the echo after the ping");
  g_assert_cmpint (dx_connection_get_state (fixture->conn), ==, DX_CONNECTION_STATE_OPEN);
}

/* The handshake keeps the body of python-websockets' refusal */
static void
test_python_refused_body (Fixture       *fixture,
                          gconstpointer  data)
{
  DxHandshake *handshake;
  GBytes *body;

  if (fixture->server == NULL || !connect_and_settle (fixture, "/no-such-path"))
    return;

  handshake = dx_connection_get_handshake (fixture->conn);
  g_assert_nonnull (handshake);
  g_assert_cmpuint (dx_handshake_get_status (handshake), ==, 404);
  body = dx_handshake_get_response_body (handshake);
  g_assert_nonnull (body);
  g_assert_cmpmem (g_bytes_get_data (body, NULL), g_bytes_get_size (body), "no such path", 12);
}

/* ---- the peers' clients against DxEchoServer ---------------------------- */

static void
test_client_echo_server (gconstpointer data)
{
  const Peer *peer = data;
  g_autoptr(DxEchoServer) server = dx_echo_server_new ();
  g_autoptr(GSubprocess) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *echoed_text = NULL;

  dx_echo_server_start (server, 0, &error);
  g_assert_no_error (error);
  url = dx_echo_server_dup_url (server, "/echo");

  client = spawn_peer (peer, peer->client_script,
                       G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                       &error, url, "--subprotocol", "chat", NULL);
  if (client == NULL)
    {
      g_test_fail_printf ("%s", error->message);
      return;
    }

  if (!communicate_or_kill (client, &out, &err))
    {
      g_test_fail_printf ("%s %s did not finish within %d s; killed it. Its output:\n%s%s",
                          peer->client_script, url, DX_TEST_WAIT_LIMIT_S, err, out);
      return;
    }
  if (!g_subprocess_get_if_exited (client) || g_subprocess_get_exit_status (client) != 0)
    {
      g_test_fail_printf ("%s %s failed against DxEchoServer (status %d):\n%s%s",
                          peer->client_script, url, g_subprocess_get_status (client), err, out);
      return;
    }

  echoed_text = g_strdup_printf ("echoed text '%s'\n", peer->client_text);
  g_assert_nonnull (strstr (out, "subprotocol chat\n"));
  g_assert_nonnull (strstr (out, echoed_text));
  g_assert_nonnull (strstr (out, "echoed binary "));
  g_assert_nonnull (strstr (out, "closed 1000\n"));
}

typedef void (*FixtureFunc) (Fixture *fixture, gconstpointer data);

static void
add_server_test (const Peer  *peer,
                 const char  *name,
                 FixtureFunc  func)
{
  g_autofree char *path = g_strdup_printf ("/dx/interop/%s/server/%s", peer->id, name);

  g_test_add (path, Fixture, peer, fixture_setup, func, fixture_teardown);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  dx_test_setup ();

  /* One peer after the other: a failure bails out of the run, and a missing
   * `npm ci` should not hide how the Python peer did. */
  for (guint i = 0; i < G_N_ELEMENTS (peers); i++)
    {
      const Peer *peer = &peers[i];
      g_autofree char *client_path = g_strdup_printf ("/dx/interop/%s/client/echo-server", peer->id);

      add_server_test (peer, "echo", test_server_echo);
      add_server_test (peer, "greeting", test_server_greeting);
      add_server_test (peer, "close-by-peer", test_server_close_by_peer);
      add_server_test (peer, "close-by-us", test_server_close_by_us);
      add_server_test (peer, "subprotocol", test_server_subprotocol);
      add_server_test (peer, "ping", test_server_ping);
      if (peer->kind == PEER_PYTHON)
        {
          add_server_test (peer, "auth-accepted", test_python_auth_accepted);
          add_server_test (peer, "auth-rejected", test_python_auth_rejected);
          add_server_test (peer, "refused-body", test_python_refused_body);
        }
      g_test_add_data_func (client_path, peer, test_client_echo_server);
    }

  return g_test_run ();
}
