/* test-connection.c — DxConnection against the built-in echo server on
 * loopback: states, history rows, echo, closes, failures, TLS, handshake
 * contents, limits, the bounded send queue and batched receiving;
 * variables, and the session's options (origin, keepalive, connect
 * timeout, reconnecting, accepting invalid certificates)
 *
 * DxConnection is main-thread only, so every test spins the default main
 * context until what it waits for holds. The deadline on each wait only
 * keeps a broken build from hanging; nothing here measures time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "dx-close-code.h"
#include "dx-connection.h"
#include "dx-echo-server.h"
#include "dx-field.h"
#include "dx-test-util.h"
#include "dx-variables.h"

typedef struct {
  DxEchoServer *server;
  DxSession    *session;
  DxConnection *conn;
  GArray       *states;        /* DxConnectionState, one per notify::state */
  guint         emissions;     /* items-changed on the session history */
  guint         received;      /* received rows in the history */
  gsize         peak_rss_kb;   /* sampled while waiting, see sample_rss() */
} Fixture;

/* ---- helpers ----------------------------------------------------------- */

static void
state_notify_cb (DxConnection *conn,
                 GParamSpec   *pspec,
                 Fixture      *fixture)
{
  DxConnectionState state = dx_connection_get_state (conn);

  g_array_append_val (fixture->states, state);
}

static void
history_changed_cb (GListModel *model,
                    guint       position,
                    guint       removed,
                    guint       added,
                    Fixture    *fixture)
{
  fixture->emissions++;
  for (guint i = position; i < position + added; i++)
    if (dx_history_get_direction (DX_HISTORY (model), i) == DX_DIRECTION_RECEIVED)
      fixture->received++;
}

static void
fixture_set_path (Fixture    *fixture,
                  const char *path)
{
  g_autofree char *url = dx_echo_server_dup_url (fixture->server, path);

  dx_session_set_url (fixture->session, url);
}

static void
fixture_setup_with_server (Fixture      *fixture,
                           DxEchoServer *server)
{
  dx_test_allow_benign_warnings ();

  fixture->server = server;
  fixture->session = dx_session_new ("Test", "");
  fixture->conn = dx_connection_new (fixture->session);
  fixture->states = g_array_new (FALSE, FALSE, sizeof (DxConnectionState));

  g_signal_connect (fixture->conn, "notify::state", G_CALLBACK (state_notify_cb), fixture);
  g_signal_connect (dx_session_get_history (fixture->session), "items-changed",
                    G_CALLBACK (history_changed_cb), fixture);
  fixture_set_path (fixture, "/echo");
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(DxEchoServer) server = dx_echo_server_new ();
  g_autoptr(GError) error = NULL;

  dx_echo_server_start (server, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dx_echo_server_get_port (server), >, 0);

  fixture_setup_with_server (fixture, g_steal_pointer (&server));
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  DxHistory *history = dx_session_get_history (fixture->session);
  gint64 deadline = g_get_monotonic_time () + DX_TEST_WAIT_LIMIT_S * G_USEC_PER_SEC;

  g_signal_handlers_disconnect_by_data (history, fixture);
  g_signal_handlers_disconnect_by_data (fixture->conn, fixture);

  /* Leave nothing open behind for the next test */
  dx_connection_disconnect (fixture->conn);
  while ((dx_connection_get_state (fixture->conn) == DX_CONNECTION_STATE_CONNECTING ||
          dx_connection_get_state (fixture->conn) == DX_CONNECTION_STATE_OPEN ||
          dx_connection_get_state (fixture->conn) == DX_CONNECTION_STATE_CLOSING) &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  g_clear_object (&fixture->conn);
  g_clear_object (&fixture->session);
  dx_echo_server_stop (fixture->server);
  g_clear_object (&fixture->server);
  g_clear_pointer (&fixture->states, g_array_unref);
}

static gboolean
is_settled (DxConnection *conn)
{
  DxConnectionState state = dx_connection_get_state (conn);

  return state != DX_CONNECTION_STATE_CONNECTING && state != DX_CONNECTION_STATE_CLOSING;
}

static char *
states_to_string (GArray *states)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < states->len; i++)
    {
      DxConnectionState state = g_array_index (states, DxConnectionState, i);

      g_string_append_printf (out, "%s%s", i ? " → " : "", dx_connection_state_to_string (state));
    }
  return g_string_free (out, FALSE);
}

/* @...: the states expected, ending with -1 */
static void
assert_states (Fixture *fixture,
               ...)
{
  g_autoptr(GArray) expected = g_array_new (FALSE, FALSE, sizeof (DxConnectionState));
  g_autofree char *got_text = states_to_string (fixture->states);
  g_autofree char *expected_text = NULL;
  va_list args;
  int state;

  va_start (args, fixture);
  while ((state = va_arg (args, int)) >= 0)
    {
      DxConnectionState s = state;

      g_array_append_val (expected, s);
    }
  va_end (args);

  expected_text = states_to_string (expected);
  g_assert_cmpstr (got_text, ==, expected_text);
}

static char *
history_dup_text (DxHistory *history,
                  guint      position)
{
  g_autoptr(GBytes) payload = dx_history_dup_payload (history, position);
  gsize size;
  const char *data = g_bytes_get_data (payload, &size);

  return g_strndup (data ? data : "", size);
}

/* Returns: the position of the first row at or after @from with
 *   @direction and @kind, or -1 */
static int
find_row (DxHistory     *history,
          guint          from,
          DxDirection    direction,
          DxMessageKind  kind)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (history));

  for (guint i = from; i < n; i++)
    if (dx_history_get_direction (history, i) == direction &&
        dx_history_get_kind (history, i) == kind)
      return i;
  return -1;
}

static guint
count_rows (DxHistory     *history,
            DxDirection    direction,
            DxMessageKind  kind)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (history));
  guint count = 0;

  for (guint i = 0; i < n; i++)
    if (dx_history_get_direction (history, i) == direction &&
        dx_history_get_kind (history, i) == kind)
      count++;
  return count;
}

/* Asserts that an event row of @kind exists and contains @needle */
static void
assert_event_row (DxHistory     *history,
                  DxMessageKind  kind,
                  const char    *needle)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (history));
  g_autoptr(GString) seen = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *text = NULL;

      if (dx_history_get_direction (history, i) != DX_DIRECTION_EVENT ||
          dx_history_get_kind (history, i) != kind)
        continue;
      text = history_dup_text (history, i);
      if (strstr (text, needle))
        return;
      g_string_append_printf (seen, "\n  “%s”", text);
    }

  {
    g_autofree char *kind_name = g_enum_to_string (DX_TYPE_MESSAGE_KIND, kind);

    g_error ("No %s event row contains “%s”; rows of that kind:%s",
             kind_name, needle, seen->len ? seen->str : " none");
  }
}

static gsize
read_rss_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;
  line = strstr (status, "\nVmRSS:");
  if (line == NULL)
    return 0;
  return g_ascii_strtoull (line + strlen ("\nVmRSS:"), NULL, 10);
}

static void
sample_rss (Fixture *fixture)
{
  fixture->peak_rss_kb = MAX (fixture->peak_rss_kb, read_rss_kb ());
}

/* MALLOC_PERTURB_ (which meson sets for every test) makes malloc() write
 * every byte it hands out. libsoup assembles each received message in a
 * GByteArray rounded up to a power of two, so a 64 KiB echo sits in a
 * 128 KiB block whose second half is never written; perturbing would make
 * that half resident too and blur what VmRSS says about the send side.
 * So it is off while memory is measured, and back on afterwards. */
typedef int PerturbGuard;

static PerturbGuard
perturb_off (void)
{
#if defined(__GLIBC__) && defined(M_PERTURB)
  mallopt (M_PERTURB, 0);
#endif
  return 1;
}

static void
perturb_restore (PerturbGuard *guard)
{
#if defined(__GLIBC__) && defined(M_PERTURB)
  const char *perturb = g_getenv ("MALLOC_PERTURB_");

  if (perturb)
    mallopt (M_PERTURB, atoi (perturb));
#endif
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PerturbGuard, perturb_restore)

static void
connect_and_wait_open (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  dx_connection_connect (fixture->conn, &error);
  g_assert_no_error (error);
  DX_TEST_WAIT_UNTIL (is_settled (fixture->conn), "the connection to open");
  g_assert_cmpstr (dx_connection_get_error_message (fixture->conn), ==, NULL);
  g_assert_cmpint (dx_connection_get_state (fixture->conn), ==, DX_CONNECTION_STATE_OPEN);
}

/* ---- tests ------------------------------------------------------------- */

static void
test_open (Fixture       *fixture,
           gconstpointer  data)
{
  DxHistory *history = dx_session_get_history (fixture->session);
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *status = NULL;

  g_assert_cmpint (dx_connection_get_state (fixture->conn), ==, DX_CONNECTION_STATE_DISCONNECTED);

  g_assert_true (dx_connection_connect (fixture->conn, &error));
  g_assert_no_error (error);
  g_assert_cmpint (dx_connection_get_state (fixture->conn), ==, DX_CONNECTION_STATE_CONNECTING);

  /* A second connect while connecting is refused */
  g_assert_false (dx_connection_connect (fixture->conn, &error));
  g_assert_error (error, DX_CONNECTION_ERROR, DX_CONNECTION_ERROR_BUSY);

  DX_TEST_WAIT_UNTIL (is_settled (fixture->conn), "the connection to open");
  assert_states (fixture, DX_CONNECTION_STATE_CONNECTING, DX_CONNECTION_STATE_OPEN, -1);
  g_assert_null (dx_connection_get_error_message (fixture->conn));
  g_assert_cmpuint (dx_connection_get_http_status (fixture->conn), ==, 101);
  g_assert_null (dx_connection_get_protocol (fixture->conn));

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (history)), ==, 2);
  g_assert_cmpint (dx_history_get_direction (history, 0), ==, DX_DIRECTION_EVENT);
  g_assert_cmpint (dx_history_get_kind (history, 0), ==, DX_MESSAGE_KIND_STATE);
  first = history_dup_text (history, 0);
  g_assert_true (g_str_has_prefix (first, "Connecting"));
  g_assert_nonnull (strstr (first, "/echo"));
  g_assert_cmpint (dx_history_get_direction (history, 1), ==, DX_DIRECTION_EVENT);
  g_assert_cmpint (dx_history_get_kind (history, 1), ==, DX_MESSAGE_KIND_OPEN);

  status = dx_connection_dup_status_text (fixture->conn);
  g_assert_cmpstr (status, ==, "Open");
}

static void
test_send_not_open (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new_static ("x", 1);

  g_assert_false (dx_connection_send_text (fixture->conn, "hello", &error));
  g_assert_error (error, DX_CONNECTION_ERROR, DX_CONNECTION_ERROR_NOT_OPEN);
  g_clear_error (&error);
  g_assert_false (dx_connection_send_binary (fixture->conn, bytes, &error));
  g_assert_error (error, DX_CONNECTION_ERROR, DX_CONNECTION_ERROR_NOT_OPEN);

  /* Nothing that was not sent shows in the history */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (dx_session_get_history (fixture->session))), ==, 0);
}

static void
test_echo (Fixture       *fixture,
           gconstpointer  data)
{
  static const guint8 binary[] = { 0x00, 0xff, 0xfe, 'a', 0x00, 0xc3, 0x28, 0xed, 0xa0, 0x80, 0x00 };
  DxHistory *history = dx_session_get_history (fixture->session);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) binary_bytes = g_bytes_new_static (binary, sizeof binary);
  g_autoptr(GBytes) empty_binary = g_bytes_new (NULL, 0);
  g_autofree char *large_text = NULL;
  g_autoptr(GBytes) large_binary = NULL;
  const char *texts[] = { "hello", "héllo wörld ✓ 日本語", "", NULL };
  struct {
    DxMessageKind  kind;
    GBytes        *payload;
  } sent[8];
  guint n_sent = 0;
  guint first_received = G_MAXUINT;
  guint matched = 0;

  connect_and_wait_open (fixture);
  if (g_test_failed ())
    return;

  large_text = g_strnfill (100000, 'T');
  large_text[0] = '<';
  large_text[99999] = '>';
  {
    guint8 *data_large = g_malloc (300000);

    for (guint i = 0; i < 300000; i++)
      data_large[i] = (guint8) (i * 7 + i / 256);
    large_binary = g_bytes_new_take (data_large, 300000);
  }

  texts[3] = large_text;
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_assert_true (dx_connection_send_text (fixture->conn, texts[i], &error));
      g_assert_no_error (error);
      sent[n_sent].kind = DX_MESSAGE_KIND_TEXT;
      sent[n_sent].payload = g_bytes_new (texts[i], strlen (texts[i]));
      n_sent++;
    }

  g_assert_true (dx_connection_send_binary (fixture->conn, binary_bytes, &error));
  g_assert_no_error (error);
  sent[n_sent].kind = DX_MESSAGE_KIND_BINARY;
  sent[n_sent++].payload = g_bytes_ref (binary_bytes);

  g_assert_true (dx_connection_send_binary (fixture->conn, empty_binary, &error));
  g_assert_no_error (error);
  sent[n_sent].kind = DX_MESSAGE_KIND_BINARY;
  sent[n_sent++].payload = g_bytes_ref (empty_binary);

  g_assert_true (dx_connection_send_binary (fixture->conn, large_binary, &error));
  g_assert_no_error (error);
  sent[n_sent].kind = DX_MESSAGE_KIND_BINARY;
  sent[n_sent++].payload = g_bytes_ref (large_binary);

  /* Sent rows show at once, before anything comes back */
  g_assert_cmpuint (count_rows (history, DX_DIRECTION_SENT, DX_MESSAGE_KIND_TEXT), ==, 4);
  g_assert_cmpuint (count_rows (history, DX_DIRECTION_SENT, DX_MESSAGE_KIND_BINARY), ==, 3);

  DX_TEST_WAIT_UNTIL (fixture->received >= n_sent ||
              dx_connection_get_state (fixture->conn) != DX_CONNECTION_STATE_OPEN,
              "all echoes");
  g_assert_cmpint (dx_connection_get_state (fixture->conn), ==, DX_CONNECTION_STATE_OPEN);
  g_assert_cmpuint (fixture->received, ==, n_sent);

  /* Every echo is what was sent, byte for byte, kind for kind, in order */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (history)); i++)
    {
      g_autoptr(DxMessage) message = NULL;

      if (dx_history_get_direction (history, i) != DX_DIRECTION_RECEIVED)
        continue;
      first_received = MIN (first_received, i);
      message = g_list_model_get_item (G_LIST_MODEL (history), i);
      g_assert_cmpint (dx_message_get_kind (message), ==, sent[matched].kind);
      g_assert_cmpmem (g_bytes_get_data (dx_message_get_payload (message), NULL),
                       g_bytes_get_size (dx_message_get_payload (message)),
                       g_bytes_get_data (sent[matched].payload, NULL),
                       g_bytes_get_size (sent[matched].payload));
      matched++;
    }
  g_assert_cmpuint (matched, ==, n_sent);

  /* The sent rows hold exactly what was sent, too */
  for (guint i = 0, s = 0; i < g_list_model_get_n_items (G_LIST_MODEL (history)); i++)
    {
      g_autoptr(GBytes) payload = NULL;

      if (dx_history_get_direction (history, i) != DX_DIRECTION_SENT)
        continue;
      payload = dx_history_dup_payload (history, i);
      g_assert_true (g_bytes_equal (payload, sent[s].payload));
      g_assert_cmpint (dx_history_get_kind (history, i), ==, sent[s].kind);
      s++;
    }

  for (guint i = 0; i < n_sent; i++)
    g_bytes_unref (sent[i].payload);
}

static void
test_disconnect (Fixture       *fixture,
                 gconstpointer  data)
{
  DxHistory *history = dx_session_get_history (fixture->session);
  g_autofree char *status = NULL;
  guint before;

  connect_and_wait_open (fixture);
  if (g_test_failed ())
    return;
  before = g_list_model_get_n_items (G_LIST_MODEL (history));

  dx_connection_disconnect (fixture->conn);
  g_assert_cmpint (dx_connection_get_state (fixture->conn), ==, DX_CONNECTION_STATE_CLOSING);
  DX_TEST_WAIT_UNTIL (is_settled (fixture->conn), "the connection to close");

  assert_states (fixture, DX_CONNECTION_STATE_CONNECTING, DX_CONNECTION_STATE_OPEN,
                 DX_CONNECTION_STATE_CLOSING, DX_CONNECTION_STATE_CLOSED, -1);
  g_assert_cmpuint (dx_connection_get_close_code (fixture->conn), ==, 1000);
  g_assert_false (dx_connection_get_closed_by_peer (fixture->conn));
  g_assert_null (dx_connection_get_error_message (fixture->conn));

  g_assert_cmpint (find_row (history, before, DX_DIRECTION_EVENT, DX_MESSAGE_KIND_STATE), >=, 0);
  g_assert_cmpint (find_row (history, before, DX_DIRECTION_EVENT, DX_MESSAGE_KIND_CLOSE), >=, 0);
  assert_event_row (history, DX_MESSAGE_KIND_STATE, "1000");
  assert_event_row (history, DX_MESSAGE_KIND_CLOSE, "1000");
  g_assert_cmpuint (count_rows (history, DX_DIRECTION_EVENT, DX_MESSAGE_KIND_ERROR), ==, 0);

  status = dx_connection_dup_status_text (fixture->conn);
  g_assert_cmpstr (status, ==, "Closed · 1000 Normal closure (by you)");

  /* Closed for good: sending is refused, and disconnecting again is harmless */
  g_assert_false (dx_connection_send_text (fixture->conn, "late", NULL));
  dx_connection_disconnect (fixture->conn);
  g_assert_cmpint (dx_connection_get_state (fixture->conn), ==, DX_CONNECTION_STATE_CLOSED);
}

static void
test_close_code (Fixture       *fixture,
                 gconstpointer  data)
{
  DxHistory *history = dx_session_get_history (fixture->session);
  g_autofree char *status = NULL;

  connect_and_wait_open (fixture);
  if (g_test_failed ())
    return;

  dx_connection_close (fixture->conn, 4000, "done testing");
  DX_TEST_WAIT_UNTIL (is_settled (fixture->conn), "the connection to close");

  assert_states (fixture, DX_CONNECTION_STATE_CONNECTING, DX_CONNECTION_STATE_OPEN,
                 DX_CONNECTION_STATE_CLOSING, DX_CONNECTION_STATE_CLOSED, -1);
  g_assert_cmpuint (dx_connection_get_close_code (fixture->conn), ==, 4000);
  g_assert_cmpstr (dx_connection_get_close_reason (fixture->conn), ==, "done testing");
  g_assert_false (dx_connection_get_closed_by_peer (fixture->conn));
  assert_event_row (history, DX_MESSAGE_KIND_CLOSE, "4000");
  assert_event_row (history, DX_MESSAGE_KIND_CLOSE, "done testing");

  status = dx_connection_dup_status_text (fixture->conn);
  g_assert_cmpstr (status, ==, "Closed · 4000 Application code: “done testing” (by you)");

  /* The same connection can be used again */
  connect_and_wait_open (fixture);
  if (g_test_failed ())
    return;
  g_assert_cmpuint (dx_connection_get_close_code (fixture->conn), ==, 0);
  g_assert_null (dx_connection_get_close_reason (fixture->conn));
}

static void
test_server_close (Fixture       *fixture,
                   gconstpointer  data)
{
  DxHistory *history = dx_session_get_history (fixture->session);
  g_autoptr(GError) error = NULL;
  g_autofree char *status = NULL;

  fixture_set_path (fixture, "/close?code=4001&reason=bye");
  dx_connection_connect (fixture->conn, &error);
  g_assert_no_error (error);
  DX_TEST_WAIT_UNTIL (dx_connection_get_state (fixture->conn) == DX_CONNECTION_STATE_CLOSED,
              "the server to close the connection");

  assert_states (fixture, DX_CONNECTION_STATE_CONNECTING, DX_CONNECTION_STATE_OPEN,
                 DX_CONNECTION_STATE_CLOSING, DX_CONNECTION_STATE_CLOSED, -1);
  g_assert_true (dx_connection_get_closed_by_peer (fixture->conn));
  g_assert_cmpuint (dx_connection_get_close_code (fixture->conn), ==, 4001);
  g_assert_cmpstr (dx_connection_get_close_reason (fixture->conn), ==, "bye");
  g_assert_null (dx_connection_get_error_message (fixture->conn));

  assert_event_row (history, DX_MESSAGE_KIND_STATE, "4001");
  assert_event_row (history, DX_MESSAGE_KIND_CLOSE, "4001");
  assert_event_row (history, DX_MESSAGE_KIND_CLOSE, "bye");

  status = dx_connection_dup_status_text (fixture->conn);
  g_assert_cmpstr (status, ==, "Closed · 4001 Application code: “bye” (by the server)");
}

static void
test_handshake_404 (Fixture       *fixture,
                    gconstpointer  data)
{
  DxHistory *history = dx_session_get_history (fixture->session);
  g_autoptr(GError) error = NULL;
  g_autofree char *status = NULL;

  fixture_set_path (fixture, "/no-such-path");
  g_assert_true (dx_connection_connect (fixture->conn, &error));
  g_assert_no_error (error);
  DX_TEST_WAIT_UNTIL (is_settled (fixture->conn), "the handshake to fail");

  assert_states (fixture, DX_CONNECTION_STATE_CONNECTING, DX_CONNECTION_STATE_CLOSED, -1);
  g_assert_cmpuint (dx_connection_get_http_status (fixture->conn), ==, 404);
  g_assert_cmpstr (dx_connection_get_http_reason (fixture->conn), ==, "Not Found");
  g_assert_nonnull (dx_connection_get_error_message (fixture->conn));
  g_assert_nonnull (strstr (dx_connection_get_error_message (fixture->conn), "404"));
  assert_event_row (history, DX_MESSAGE_KIND_ERROR, "404");
  g_assert_cmpint (find_row (history, 0, DX_DIRECTION_EVENT, DX_MESSAGE_KIND_OPEN), ==, -1);

  status = dx_connection_dup_status_text (fixture->conn);
  g_assert_cmpstr (status, ==, "Closed · handshake failed: 404 Not Found");
}

static guint
find_free_port (void)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any_port = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;
  guint port;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_socket_bind (socket, any_port, FALSE, &error);
  g_assert_no_error (error);
  g_socket_listen (socket, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_socket_close (socket, &error);
  g_assert_no_error (error);

  return port;
}

static void
test_refused (Fixture       *fixture,
              gconstpointer  data)
{
  DxHistory *history = dx_session_get_history (fixture->session);
  g_autoptr(GError) error = NULL;
  g_autofree char *url = g_strdup_printf ("ws://127.0.0.1:%u/echo", find_free_port ());
  g_autofree char *status = NULL;

  dx_session_set_url (fixture->session, url);
  g_assert_true (dx_connection_connect (fixture->conn, &error));
  g_assert_no_error (error);
  DX_TEST_WAIT_UNTIL (is_settled (fixture->conn), "the connection attempt to fail");

  assert_states (fixture, DX_CONNECTION_STATE_CONNECTING, DX_CONNECTION_STATE_CLOSED, -1);
  g_assert_nonnull (dx_connection_get_error_message (fixture->conn));
  g_test_message ("refused: %s", dx_connection_get_error_message (fixture->conn));
  g_assert_cmpuint (dx_connection_get_http_status (fixture->conn), ==, 0);
  g_assert_cmpuint (dx_connection_get_close_code (fixture->conn), ==, 0);
  g_assert_cmpuint (count_rows (history, DX_DIRECTION_EVENT, DX_MESSAGE_KIND_ERROR), ==, 1);
  assert_event_row (history, DX_MESSAGE_KIND_ERROR, dx_connection_get_error_message (fixture->conn));

  status = dx_connection_dup_status_text (fixture->conn);
  g_assert_cmpstr (status, ==, "Closed · failed");
}

static void
test_cancel_connecting (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  /* Closing while still connecting stops the attempt */
  g_assert_true (dx_connection_connect (fixture->conn, &error));
  g_assert_no_error (error);
  dx_connection_close (fixture->conn, 1000, NULL);
  DX_TEST_WAIT_UNTIL (dx_connection_get_state (fixture->conn) == DX_CONNECTION_STATE_CLOSED,
              "the connection attempt to stop");
  g_assert_cmpint (dx_connection_get_state (fixture->conn), ==, DX_CONNECTION_STATE_CLOSED);
}

static gboolean
make_certificate (const char  *dir,
                  char       **cert_path,
                  char       **key_path)
{
  g_autofree char *openssl = g_find_program_in_path ("openssl");
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;

  *cert_path = g_build_filename (dir, "cert.pem", NULL);
  *key_path = g_build_filename (dir, "key.pem", NULL);

  if (openssl == NULL)
    return FALSE;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_MERGE, &error,
                              openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                              "-subj", "/CN=127.0.0.1",
                              "-addext", "subjectAltName=IP:127.0.0.1",
                              "-days", "2",
                              "-keyout", *key_path, "-out", *cert_path,
                              NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &output, NULL, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_successful (process))
    g_error ("openssl could not make a certificate: %s", output);

  return TRUE;
}

static void
remove_tmp_dir (const char *dir)
{
  const char *names[] = { "cert.pem", "key.pem" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

static void
tls_fixture_setup (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(DxEchoServer) server = dx_echo_server_new ();
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *cert_path = NULL;
  g_autofree char *key_path = NULL;

  dir = g_dir_make_tmp ("duplex-tls-XXXXXX", &error);
  g_assert_no_error (error);
  if (!make_certificate (dir, &cert_path, &key_path))
    {
      remove_tmp_dir (dir);
      g_test_skip ("openssl is not installed");
      fixture_setup_with_server (fixture, g_steal_pointer (&server));
      return;
    }

  certificate = g_tls_certificate_new_from_files (cert_path, key_path, &error);
  g_assert_no_error (error);
  dx_echo_server_set_tls_certificate (server, certificate);
  dx_echo_server_start (server, 0, &error);
  g_assert_no_error (error);

  fixture_setup_with_server (fixture, g_steal_pointer (&server));
  g_object_set_data_full (G_OBJECT (fixture->session), "test-tmp-dir",
                          g_steal_pointer (&dir), (GDestroyNotify) remove_tmp_dir);
  g_object_set_data_full (G_OBJECT (fixture->session), "test-cert",
                          g_steal_pointer (&cert_path), g_free);
}

static void
test_tls (Fixture       *fixture,
          gconstpointer  data)
{
  DxHistory *history = dx_session_get_history (fixture->session);
  const char *cert_path = g_object_get_data (G_OBJECT (fixture->session), "test-cert");
  g_autoptr(GError) error = NULL;
  g_autoptr(DxSession) untrusting = NULL;
  g_autoptr(DxConnection) untrusting_conn = NULL;
  g_autofree char *url = NULL;

  if (g_test_failed () || cert_path == NULL)
    return;

  if (!g_tls_backend_supports_tls (g_tls_backend_get_default ()))
    {
      g_test_fail_printf ("No TLS backend: install glib-networking");
      return;
    }

  url = dx_echo_server_dup_url (fixture->server, "/echo");
  g_assert_true (g_str_has_prefix (url, "wss://"));

  /* Not trusted: the handshake fails and says why */
  g_assert_true (dx_connection_connect (fixture->conn, &error));
  g_assert_no_error (error);
  DX_TEST_WAIT_UNTIL (is_settled (fixture->conn), "the TLS handshake to fail");
  g_assert_cmpint (dx_connection_get_state (fixture->conn), ==, DX_CONNECTION_STATE_CLOSED);
  g_assert_nonnull (dx_connection_get_error_message (fixture->conn));
  g_test_message ("untrusted: %s", dx_connection_get_error_message (fixture->conn));
  g_assert_nonnull (strstr (dx_connection_get_error_message (fixture->conn), "TLS"));
  assert_event_row (history, DX_MESSAGE_KIND_ERROR, "TLS");
  g_assert_cmpint (find_row (history, 0, DX_DIRECTION_EVENT, DX_MESSAGE_KIND_OPEN), ==, -1);

  /* The refused certificate is there to read, with what is wrong with it */
  {
    DxHandshake *refused = dx_connection_get_handshake (fixture->conn);

    g_assert_nonnull (refused);
    g_assert_cmpuint (dx_handshake_get_status (refused), ==, 0);
    g_assert_nonnull (dx_handshake_get_tls_subject (refused));
    g_assert_nonnull (strstr (dx_handshake_get_tls_subject (refused), "127.0.0.1"));
    g_assert_true (dx_handshake_get_tls_errors (refused) & G_TLS_CERTIFICATE_UNKNOWN_CA);
  }

  /* A CA file that cannot be read is refused before anything starts */
  dx_session_set_ca_file (fixture->session, "/nonexistent/ca.pem");
  g_assert_false (dx_connection_connect (fixture->conn, &error));
  g_assert_error (error, DX_CONNECTION_ERROR, DX_CONNECTION_ERROR_BAD_CA_FILE);
  g_assert_nonnull (strstr (error->message, "/nonexistent/ca.pem"));
  g_clear_error (&error);

  /* Trusted for this session: it opens and echoes */
  dx_session_set_ca_file (fixture->session, cert_path);
  g_array_set_size (fixture->states, 0);
  connect_and_wait_open (fixture);
  if (g_test_failed ())
    return;
  assert_states (fixture, DX_CONNECTION_STATE_CONNECTING, DX_CONNECTION_STATE_OPEN, -1);

  g_assert_true (dx_connection_send_text (fixture->conn, "over TLS ✓", &error));
  g_assert_no_error (error);
  DX_TEST_WAIT_UNTIL (fixture->received >= 1, "the echo over TLS");
  {
    int row = find_row (history, 0, DX_DIRECTION_RECEIVED, DX_MESSAGE_KIND_TEXT);
    g_autofree char *text = NULL;

    g_assert_cmpint (row, >=, 0);
    text = history_dup_text (history, row);
    g_assert_cmpstr (text, ==, "over TLS ✓");
  }

  /* The handshake shows the server's certificate, and that the system
   * would not have trusted it */
  {
    DxHandshake *handshake = dx_connection_get_handshake (fixture->conn);
    g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
    g_autofree char *text = NULL;

    g_assert_nonnull (handshake);
    g_assert_true (dx_handshake_get_tls (handshake));
    g_assert_nonnull (strstr (dx_handshake_get_tls_subject (handshake), "127.0.0.1"));
    g_assert_nonnull (strstr (dx_handshake_get_tls_issuer (handshake), "127.0.0.1"));
    g_assert_nonnull (dx_handshake_get_tls_not_before (handshake));
    g_assert_cmpint (g_date_time_compare (dx_handshake_get_tls_not_before (handshake), now), <=, 0);
    g_assert_cmpint (g_date_time_compare (dx_handshake_get_tls_not_after (handshake), now), >, 0);
    g_assert_true (dx_handshake_get_tls_errors (handshake) & G_TLS_CERTIFICATE_UNKNOWN_CA);
    text = dx_handshake_dup_text (handshake);
    g_test_message ("%s", text);
    g_assert_nonnull (strstr (text, "Certificate subject: CN=127.0.0.1"));
    g_assert_nonnull (strstr (text, "Not signed by a known certificate authority"));
  }

  /* The trust stays with that session: another one still refuses */
  untrusting = dx_session_new ("Untrusting", url);
  untrusting_conn = dx_connection_new (untrusting);
  g_assert_true (dx_connection_connect (untrusting_conn, &error));
  g_assert_no_error (error);
  DX_TEST_WAIT_UNTIL (is_settled (untrusting_conn), "the untrusting session's handshake to fail");
  g_assert_cmpint (dx_connection_get_state (untrusting_conn), ==, DX_CONNECTION_STATE_CLOSED);
  g_assert_nonnull (strstr (dx_connection_get_error_message (untrusting_conn), "TLS"));
}

static JsonObject *
first_received_json (DxHistory *history)
{
  int row = find_row (history, 0, DX_DIRECTION_RECEIVED, DX_MESSAGE_KIND_TEXT);
  g_autofree char *text = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (row, >=, 0);
  text = history_dup_text (history, row);
  g_test_message ("/inspect said: %s", text);
  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));

  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static const char *
header_lookup (JsonObject *headers,
               const char *name)
{
  g_autoptr(GList) members = json_object_get_members (headers);

  for (GList *l = members; l; l = l->next)
    if (g_ascii_strcasecmp (l->data, name) == 0)
      return json_object_get_string_member (headers, l->data);
  return NULL;
}

/* Decodes a query string the way servers commonly do ('+' is a space, a
 * key without '=' has an empty value), independently of dx-query.c */
static GHashTable *
parse_query (const char *query)
{
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_auto(GStrv) pairs = g_strsplit (query, "&", -1);

  for (guint i = 0; pairs[i]; i++)
    {
      g_auto(GStrv) kv = NULL;
      char *key, *value;

      if (pairs[i][0] == '\0')
        continue;
      g_strdelimit (pairs[i], "+", ' ');
      kv = g_strsplit (pairs[i], "=", 2);
      key = g_uri_unescape_string (kv[0], NULL);
      value = kv[1] ? g_uri_unescape_string (kv[1], NULL) : g_strdup ("");
      g_assert_nonnull (key);
      g_assert_nonnull (value);
      g_hash_table_insert (table, key, value);
    }

  return table;
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

static void
test_params_and_headers (Fixture       *fixture,
                         gconstpointer  data)
{
  DxHistory *history = dx_session_get_history (fixture->session);
  GListStore *params = dx_session_get_params (fixture->session);
  GListStore *headers = dx_session_get_headers (fixture->session);
  g_autoptr(JsonObject) handshake = NULL;
  g_autoptr(GHashTable) query = NULL;
  JsonObject *sent_headers;

  fixture_set_path (fixture, "/inspect?fixed=1");
  add_field (params, TRUE, "token", "a b&c=d+e");
  add_field (params, FALSE, "secret", "must-not-be-sent");
  add_field (params, TRUE, "city", "Zürich");
  add_field (params, TRUE, "flag", "");
  add_field (headers, TRUE, "X-Duplex-Test", "yes please");
  add_field (headers, FALSE, "X-Disabled", "no");
  add_field (headers, TRUE, "", "no name, not sent");

  connect_and_wait_open (fixture);
  if (g_test_failed ())
    return;
  DX_TEST_WAIT_UNTIL (fixture->received >= 1, "the handshake description from /inspect");

  handshake = first_received_json (history);
  g_assert_cmpstr (json_object_get_string_member (handshake, "path"), ==, "/inspect");

  query = parse_query (json_object_get_string_member (handshake, "query"));
  g_assert_cmpstr (g_hash_table_lookup (query, "fixed"), ==, "1");
  g_assert_cmpstr (g_hash_table_lookup (query, "token"), ==, "a b&c=d+e");
  g_assert_cmpstr (g_hash_table_lookup (query, "city"), ==, "Zürich");
  g_assert_true (g_hash_table_contains (query, "flag"));
  g_assert_false (g_hash_table_contains (query, "secret"));
  g_assert_cmpuint (g_hash_table_size (query), ==, 4);

  sent_headers = json_object_get_object_member (handshake, "headers");
  g_assert_nonnull (sent_headers);
  g_assert_cmpstr (header_lookup (sent_headers, "X-Duplex-Test"), ==, "yes please");
  g_assert_null (header_lookup (sent_headers, "X-Disabled"));
  g_assert_nonnull (header_lookup (sent_headers, "Sec-WebSocket-Key"));
  g_assert_true (json_object_get_null_member (handshake, "protocol"));
}

static void
test_subprotocol (Fixture       *fixture,
                  gconstpointer  data)
{
  DxHistory *history = dx_session_get_history (fixture->session);
  const char *offer[] = { "nope", "chat", NULL };
  g_autoptr(JsonObject) handshake = NULL;
  g_autofree char *status = NULL;

  fixture_set_path (fixture, "/inspect");
  dx_session_set_subprotocols (fixture->session, offer);
  connect_and_wait_open (fixture);
  if (g_test_failed ())
    return;

  g_assert_cmpstr (dx_connection_get_protocol (fixture->conn), ==, "chat");
  assert_event_row (history, DX_MESSAGE_KIND_OPEN, "chat");
  status = dx_connection_dup_status_text (fixture->conn);
  g_assert_cmpstr (status, ==, "Open · subprotocol chat");

  DX_TEST_WAIT_UNTIL (fixture->received >= 1, "the handshake description from /inspect");
  handshake = first_received_json (history);
  g_assert_cmpstr (json_object_get_string_member (handshake, "protocol"), ==, "chat");
}

static void
test_subprotocol_refused (Fixture       *fixture,
                          gconstpointer  data)
{
  DxHistory *history = dx_session_get_history (fixture->session);
  const char *offer[] = { "nope", NULL };
  g_autoptr(GError) error = NULL;

  dx_session_set_subprotocols (fixture->session, offer);
  g_assert_true (dx_connection_connect (fixture->conn, &error));
  g_assert_no_error (error);
  DX_TEST_WAIT_UNTIL (is_settled (fixture->conn), "the handshake to fail");

  assert_states (fixture, DX_CONNECTION_STATE_CONNECTING, DX_CONNECTION_STATE_CLOSED, -1);
  g_assert_nonnull (dx_connection_get_error_message (fixture->conn));
  g_test_message ("subprotocol refused: %s (HTTP %u)",
                  dx_connection_get_error_message (fixture->conn),
                  dx_connection_get_http_status (fixture->conn));
  g_assert_cmpuint (dx_connection_get_http_status (fixture->conn), >=, 400);
  g_assert_cmpuint (count_rows (history, DX_DIRECTION_EVENT, DX_MESSAGE_KIND_ERROR), ==, 1);
  g_assert_cmpint (find_row (history, 0, DX_DIRECTION_EVENT, DX_MESSAGE_KIND_OPEN), ==, -1);
  g_assert_null (dx_connection_get_protocol (fixture->conn));
}

static void
test_bad_header (Fixture       *fixture,
                 gconstpointer  data)
{
  static const char *bad[][2] = {
    { "Bad Header", "x" },
    { "X-Colon:", "x" },
    { "X-Ümlaut", "x" },
    { "X-Two-Lines", "a\r\nInjected: yes" },
  };
  GListStore *headers = dx_session_get_headers (fixture->session);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_list_store_remove_all (headers);
      add_field (headers, TRUE, "X-Fine", "ok");
      add_field (headers, TRUE, bad[i][0], bad[i][1]);

      g_assert_false (dx_connection_connect (fixture->conn, &error));
      g_assert_error (error, DX_CONNECTION_ERROR, DX_CONNECTION_ERROR_BAD_HEADER);
      g_test_message ("%s: %s", bad[i][0], error->message);
      g_assert_nonnull (strstr (error->message, bad[i][0]));
      g_assert_cmpint (dx_connection_get_state (fixture->conn), ==, DX_CONNECTION_STATE_DISCONNECTED);
    }

  /* Nothing was attempted */
  g_assert_cmpuint (fixture->states->len, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (dx_session_get_history (fixture->session))), ==, 0);

  /* A disabled bad row is not sent, so it is no obstacle */
  g_list_store_remove_all (headers);
  add_field (headers, FALSE, "Bad Header", "x");
  connect_and_wait_open (fixture);
}

static void
test_too_big (Fixture       *fixture,
              gconstpointer  data)
{
  DxHistory *history = dx_session_get_history (fixture->session);
  g_autoptr(GError) error = NULL;

  dx_session_set_max_incoming_size (fixture->session, 1024);
  fixture_set_path (fixture, "/flood?count=1&size=4096");
  g_assert_true (dx_connection_connect (fixture->conn, &error));
  g_assert_no_error (error);
  DX_TEST_WAIT_UNTIL (dx_connection_get_state (fixture->conn) == DX_CONNECTION_STATE_CLOSED,
              "the oversized message to close the connection");

  assert_event_row (history, DX_MESSAGE_KIND_ERROR, "1009");
  g_assert_cmpuint (dx_connection_get_close_code (fixture->conn), ==, 1009);
  g_assert_false (dx_connection_get_closed_by_peer (fixture->conn));
  g_assert_cmpuint (fixture->received, ==, 0);
  g_assert_nonnull (dx_connection_get_error_message (fixture->conn));
  g_assert_nonnull (strstr (dx_connection_get_error_message (fixture->conn), "1009"));
}

static void
test_send_queue_bounded (Fixture       *fixture,
                         gconstpointer  data)
{
  const guint n_messages = 10000;
  const gsize message_size = 64 * 1024;
  const guint64 max_in_flight = 256 * 1024;
  DxHistory *history = dx_session_get_history (fixture->session);
  g_autoptr(GBytes) payload = NULL;
  g_autoptr(GError) error = NULL;
  guint8 *data_bytes;
  gsize rss_before_kb;
  guint64 peak;
  guint64 received_bytes = 0;
  gsize growth_kb;
  gsize growth_beyond_history_kb;
  guint n_rows;
  guint checked = 0;

  g_auto(PerturbGuard) perturb_guard = perturb_off ();

  dx_connection_set_max_bytes_in_flight (fixture->conn, max_in_flight);
  connect_and_wait_open (fixture);
  if (g_test_failed ())
    return;

  data_bytes = g_malloc (message_size);
  for (gsize i = 0; i < message_size; i++)
    data_bytes[i] = (guint8) (i ^ (i >> 8));
  payload = g_bytes_new_take (data_bytes, message_size);

  rss_before_kb = read_rss_kb ();
  fixture->peak_rss_kb = rss_before_kb;

  for (guint i = 0; i < n_messages; i++)
    {
      g_assert_true (dx_connection_send_binary (fixture->conn, payload, &error));
      g_assert_no_error (error);
    }
  g_test_message ("queued right after sending: %" G_GUINT64_FORMAT " bytes",
                  dx_connection_get_queued_bytes (fixture->conn));

  DX_TEST_WAIT_UNTIL ((sample_rss (fixture), fixture->received >= n_messages ||
               dx_connection_get_state (fixture->conn) != DX_CONNECTION_STATE_OPEN),
              "all 10,000 echoes");
  g_assert_cmpint (dx_connection_get_state (fixture->conn), ==, DX_CONNECTION_STATE_OPEN);
  g_assert_cmpuint (fixture->received, ==, n_messages);
  g_assert_cmpuint (dx_connection_get_queued_bytes (fixture->conn), ==, 0);

  n_rows = g_list_model_get_n_items (G_LIST_MODEL (history));
  for (guint i = 0; i < n_rows; i++)
    {
      g_autoptr(GBytes) echo = NULL;

      if (dx_history_get_direction (history, i) != DX_DIRECTION_RECEIVED)
        continue;
      echo = dx_history_dup_payload (history, i);
      g_assert_true (g_bytes_equal (echo, payload));
      received_bytes += g_bytes_get_size (echo);
      checked++;
    }
  g_assert_cmpuint (checked, ==, n_messages);

  peak = dx_connection_get_peak_bytes_in_flight (fixture->conn);
  growth_kb = fixture->peak_rss_kb > rss_before_kb ? fixture->peak_rss_kb - rss_before_kb : 0;
  /* The history rightly keeps every echo it received (640 MiB here); what
   * must stay small is everything else, the send side above all. */
  growth_beyond_history_kb = growth_kb > received_bytes / 1024 ? growth_kb - received_bytes / 1024 : 0;
  g_test_message ("peak bytes in flight: %" G_GUINT64_FORMAT " (limit %" G_GUINT64_FORMAT ")",
                  peak, max_in_flight);
  g_test_message ("peak VmRSS growth: %" G_GSIZE_FORMAT " MiB, of which %" G_GUINT64_FORMAT
                  " MiB are the received echoes kept in the history; %" G_GSIZE_FORMAT " MiB beyond them",
                  growth_kb / 1024, received_bytes / (1024 * 1024), growth_beyond_history_kb / 1024);

  g_assert_cmpuint (peak, >, 0);
  g_assert_cmpuint (peak, <=, max_in_flight + message_size);
  g_assert_cmpuint (growth_beyond_history_kb, <, 150 * 1024);
}

static void
test_flood_batched (Fixture       *fixture,
                    gconstpointer  data)
{
  const guint count = 200000;
  DxHistory *history = dx_session_get_history (fixture->session);
  guint n_rows;
  guint expected = 1;

  fixture_set_path (fixture, "/flood?count=200000&size=16");
  connect_and_wait_open (fixture);
  if (g_test_failed ())
    return;
  DX_TEST_WAIT_UNTIL (fixture->received >= count ||
              dx_connection_get_state (fixture->conn) != DX_CONNECTION_STATE_OPEN,
              "all 200,000 flood messages");
  g_assert_cmpint (dx_connection_get_state (fixture->conn), ==, DX_CONNECTION_STATE_OPEN);
  g_assert_cmpuint (fixture->received, ==, count);

  n_rows = g_list_model_get_n_items (G_LIST_MODEL (history));
  for (guint i = 0; i < n_rows; i++)
    {
      g_autoptr(GBytes) payload = NULL;
      char prefix[16];
      gsize size;
      const char *text;
      int len;

      if (dx_history_get_direction (history, i) != DX_DIRECTION_RECEIVED)
        continue;
      payload = dx_history_dup_payload (history, i);
      text = g_bytes_get_data (payload, &size);
      len = g_snprintf (prefix, sizeof prefix, "#%u ", expected);
      if (size != 16 || strncmp (text, prefix, len) != 0)
        g_error ("Row %u should be message %s(16 bytes), got %.*s (%" G_GSIZE_FORMAT " bytes)",
                 i, prefix, (int) MIN (size, 40), text, size);
      g_assert_cmpint (dx_history_get_kind (history, i), ==, DX_MESSAGE_KIND_TEXT);
      expected++;
    }
  g_assert_cmpuint (expected - 1, ==, count);

  g_test_message ("%u messages arrived in %u items-changed emissions", count, fixture->emissions);
  g_assert_cmpuint (fixture->emissions, <, count / 10);
}

/* ---- variables ---------------------------------------------------------- */

/* Event rows of @kind whose text contains @needle */
static guint
count_event_rows (DxHistory     *history,
                  DxMessageKind  kind,
                  const char    *needle)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (history));
  guint count = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *text = NULL;

      if (dx_history_get_direction (history, i) != DX_DIRECTION_EVENT ||
          dx_history_get_kind (history, i) != kind)
        continue;
      text = history_dup_text (history, i);
      if (strstr (text, needle))
        count++;
    }
  return count;
}

static GListStore *
fixture_add_variables (Fixture *fixture)
{
  GListStore *variables = g_list_store_new (DX_TYPE_FIELD);

  dx_connection_set_variables (fixture->conn, G_LIST_MODEL (variables));
  g_object_set_data_full (G_OBJECT (fixture->conn), "test-variables", variables, g_object_unref);
  return variables;
}

/* URL, parameters, header names and values, subprotocols and origin all
 * reach the server expanded */
static void
test_variables_connect (Fixture       *fixture,
                        gconstpointer  data)
{
  DxHistory *history = dx_session_get_history (fixture->session);
  GListStore *variables = fixture_add_variables (fixture);
  const char *offer[] = { "{{ protocol }}", NULL };
  g_autofree char *address = g_strdup_printf ("127.0.0.1:%u", dx_echo_server_get_port (fixture->server));
  g_autoptr(JsonObject) handshake = NULL;
  g_autoptr(GHashTable) query = NULL;
  g_autofree char *connecting = NULL;
  JsonObject *sent_headers;

  add_field (variables, TRUE, "address", address);
  add_field (variables, TRUE, "path", "inspect");
  add_field (variables, TRUE, "token", "s3cr&t=1");
  add_field (variables, TRUE, "header", "X-From-Variable");
  add_field (variables, TRUE, "who", "tester");
  add_field (variables, TRUE, "greeting", "hello {{who}}");
  add_field (variables, TRUE, "protocol", "chat");
  add_field (variables, TRUE, "site", "https://{{who}}.example");
  add_field (variables, FALSE, "unused", "{{nowhere}}");

  dx_session_set_url (fixture->session, "ws://{{address}}/{{path}}?token={{token}}&plain=1");
  add_field (dx_session_get_headers (fixture->session), TRUE, "{{header}}", "{{greeting}}!");
  dx_session_set_subprotocols (fixture->session, offer);
  g_object_set (fixture->session, "origin", "{{site}}", NULL);

  /* The session keeps what the tester wrote */
  g_assert_cmpstr (dx_session_get_url (fixture->session), ==,
                   "ws://{{address}}/{{path}}?token={{token}}&plain=1");

  connect_and_wait_open (fixture);
  if (g_test_failed ())
    return;
  DX_TEST_WAIT_UNTIL (fixture->received >= 1, "the handshake description from /inspect");

  /* The history shows what was connected to */
  connecting = history_dup_text (history, 0);
  g_assert_nonnull (strstr (connecting, address));
  g_assert_nonnull (strstr (connecting, "/inspect?token=s3cr%26t%3D1&plain=1"));

  handshake = first_received_json (history);
  g_assert_cmpstr (json_object_get_string_member (handshake, "path"), ==, "/inspect");
  query = parse_query (json_object_get_string_member (handshake, "query"));
  g_assert_cmpstr (g_hash_table_lookup (query, "token"), ==, "s3cr&t=1");
  g_assert_cmpstr (g_hash_table_lookup (query, "plain"), ==, "1");

  sent_headers = json_object_get_object_member (handshake, "headers");
  g_assert_cmpstr (header_lookup (sent_headers, "X-From-Variable"), ==, "hello tester!");
  g_assert_cmpstr (header_lookup (sent_headers, "Origin"), ==, "https://tester.example");
  g_assert_cmpstr (json_object_get_string_member (handshake, "protocol"), ==, "chat");
  g_assert_cmpstr (dx_connection_get_protocol (fixture->conn), ==, "chat");
}

/* An undefined variable anywhere stops the connect before anything is
 * sent, naming the variable */
static void
test_variables_undefined_connect (Fixture       *fixture,
                                  gconstpointer  data)
{
  GListStore *variables = fixture_add_variables (fixture);
  GListStore *headers = dx_session_get_headers (fixture->session);
  g_autofree char *url = dx_echo_server_dup_url (fixture->server, "/echo");
  g_autofree char *url_with_param = g_strconcat (url, "?key={{key}}", NULL);
  const char *offer[] = { "{{protocol}}", NULL };
  const char *no_offer[] = { NULL };
  struct {
    const char *what;
    const char *name;
  } cases[] = {
    { "url", "{{host}}" },
    { "param", "{{key}}" },
    { "header name", "{{header}}" },
    { "header value", "{{value}}" },
    { "subprotocol", "{{protocol}}" },
    { "origin", "{{site}}" },
  };

  add_field (variables, FALSE, "value", "turned off");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *host_url = g_strdup_printf ("ws://{{host}}:%u/echo", dx_echo_server_get_port (fixture->server));

      g_list_store_remove_all (headers);
      dx_session_set_url (fixture->session, i == 0 ? host_url : i == 1 ? url_with_param : url);
      if (i == 2)
        add_field (headers, TRUE, "{{header}}", "x");
      if (i == 3)
        add_field (headers, TRUE, "X-Value", "{{value}}");
      dx_session_set_subprotocols (fixture->session, i == 4 ? offer : no_offer);
      g_object_set (fixture->session, "origin", i == 5 ? "{{site}}" : NULL, NULL);

      g_assert_false (dx_connection_connect (fixture->conn, &error));
      g_test_message ("%s: %s", cases[i].what, error->message);
      g_assert_error (error, DX_VARIABLES_ERROR, DX_VARIABLES_ERROR_UNDEFINED);
      g_assert_nonnull (strstr (error->message, cases[i].name));
      g_assert_cmpint (dx_connection_get_state (fixture->conn), ==, DX_CONNECTION_STATE_DISCONNECTED);
    }

  /* Nothing was attempted */
  g_assert_cmpuint (fixture->states->len, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (dx_session_get_history (fixture->session))), ==, 0);

  /* Defining it is enough */
  add_field (variables, TRUE, "site", "https://example.org");
  connect_and_wait_open (fixture);
}

/* Messages are sent expanded, and the history shows what was sent */
static void
test_variables_message (Fixture       *fixture,
                        gconstpointer  data)
{
  DxHistory *history = dx_session_get_history (fixture->session);
  GListStore *variables = fixture_add_variables (fixture);
  g_autoptr(GError) error = NULL;
  guint rows_before;
  int sent_row;
  g_autofree char *sent_text = NULL;
  g_autofree char *echo_text = NULL;

  add_field (variables, TRUE, "user", "ann");
  add_field (variables, TRUE, "payload", "{\"user\": \"{{user}}\", \"n\": {{n}}}");
  add_field (variables, TRUE, "n", "42");
  add_field (variables, TRUE, "loop", "{{loop}}");

  connect_and_wait_open (fixture);
  if (g_test_failed ())
    return;

  g_assert_true (dx_connection_send_text (fixture->conn, "{{ payload }}", &error));
  g_assert_no_error (error);
  DX_TEST_WAIT_UNTIL (fixture->received >= 1, "the echo");

  sent_row = find_row (history, 0, DX_DIRECTION_SENT, DX_MESSAGE_KIND_TEXT);
  g_assert_cmpint (sent_row, >=, 0);
  sent_text = history_dup_text (history, sent_row);
  g_assert_cmpstr (sent_text, ==, "{\"user\": \"ann\", \"n\": 42}");
  echo_text = history_dup_text (history, find_row (history, 0, DX_DIRECTION_RECEIVED, DX_MESSAGE_KIND_TEXT));
  g_assert_cmpstr (echo_text, ==, "{\"user\": \"ann\", \"n\": 42}");

  /* Undefined, or in a circle: refused, and nothing is sent or shown */
  rows_before = g_list_model_get_n_items (G_LIST_MODEL (history));
  g_assert_false (dx_connection_send_text (fixture->conn, "hi {{nobody}}", &error));
  g_assert_error (error, DX_VARIABLES_ERROR, DX_VARIABLES_ERROR_UNDEFINED);
  g_assert_cmpstr (error->message, ==,
                   "The variable {{nobody}} is not defined: add it under Variables, or remove it");
  g_clear_error (&error);
  g_assert_false (dx_connection_send_text (fixture->conn, "{{loop}}", &error));
  g_assert_error (error, DX_VARIABLES_ERROR, DX_VARIABLES_ERROR_CYCLE);
  g_clear_error (&error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (history)), ==, rows_before);
  g_assert_cmpint (dx_connection_get_state (fixture->conn), ==, DX_CONNECTION_STATE_OPEN);

  /* A variable changed meanwhile counts at the next send */
  {
    g_autoptr(DxField) user = g_list_model_get_item (G_LIST_MODEL (variables), 0);

    dx_field_set_value (user, "bob");
  }
  g_assert_true (dx_connection_send_text (fixture->conn, "{{user}}", &error));
  g_assert_no_error (error);
  DX_TEST_WAIT_UNTIL (fixture->received >= 2, "the second echo");
  {
    int row = find_row (history, rows_before, DX_DIRECTION_RECEIVED, DX_MESSAGE_KIND_TEXT);
    g_autofree char *text = NULL;

    g_assert_cmpint (row, >=, 0);
    text = history_dup_text (history, row);
    g_assert_cmpstr (text, ==, "bob");
  }

  /* Binary messages are bytes, sent as they are */
  {
    g_autoptr(GBytes) bytes = g_bytes_new_static ("{{user}}", 8);

    g_assert_true (dx_connection_send_binary (fixture->conn, bytes, &error));
    g_assert_no_error (error);
  }
}

/* ---- options ------------------------------------------------------------ */

static void
test_origin_and_user_agent (Fixture       *fixture,
                            gconstpointer  data)
{
  DxHistory *history = dx_session_get_history (fixture->session);
  g_autoptr(JsonObject) handshake = NULL;
  JsonObject *sent_headers;

  fixture_set_path (fixture, "/inspect");
  g_object_set (fixture->session, "origin", "https://app.example", NULL);
  add_field (dx_session_get_headers (fixture->session), TRUE, "User-Agent", "DuplexTest/1.0");

  connect_and_wait_open (fixture);
  if (g_test_failed ())
    return;
  DX_TEST_WAIT_UNTIL (fixture->received >= 1, "the handshake description from /inspect");

  handshake = first_received_json (history);
  sent_headers = json_object_get_object_member (handshake, "headers");
  g_assert_cmpstr (header_lookup (sent_headers, "Origin"), ==, "https://app.example");
  /* The tester's own User-Agent, not libsoup's */
  g_assert_cmpstr (header_lookup (sent_headers, "User-Agent"), ==, "DuplexTest/1.0");
}

/* A WebSocket server of a few lines, speaking RFC 6455 by hand, because
 * libsoup answers pings without telling anyone: it counts the pings it
 * receives and answers them. */
typedef struct {
  GSocketListener *listener;
  GCancellable    *cancellable;
  GThread         *thread;
  guint16          port;
  int              pings;     /* atomic */
} PingServer;

static gboolean
read_all (GInputStream *in,
          void         *buffer,
          gsize         size,
          GCancellable *cancellable)
{
  gsize done = 0;

  return g_input_stream_read_all (in, buffer, size, &done, cancellable, NULL) && done == size;
}

static gpointer
ping_server_main (gpointer data)
{
  PingServer *server = data;
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GString) request = g_string_new (NULL);
  g_autoptr(GChecksum) sha1 = g_checksum_new (G_CHECKSUM_SHA1);
  g_autofree char *accept = NULL;
  g_autofree char *response = NULL;
  g_auto(GStrv) lines = NULL;
  GInputStream *in;
  GOutputStream *out;
  const char *key = NULL;
  guint8 digest[20];
  gsize digest_len = sizeof digest;

  connection = g_socket_listener_accept (server->listener, NULL, server->cancellable, NULL);
  if (connection == NULL)
    return NULL;
  in = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  out = g_io_stream_get_output_stream (G_IO_STREAM (connection));

  while (!g_str_has_suffix (request->str, "\r\n\r\n"))
    {
      char c;

      if (!read_all (in, &c, 1, server->cancellable))
        return NULL;
      g_string_append_c (request, c);
    }

  lines = g_strsplit (request->str, "\r\n", -1);
  for (guint i = 0; lines[i]; i++)
    if (g_ascii_strncasecmp (lines[i], "Sec-WebSocket-Key:", 18) == 0)
      key = g_strstrip (lines[i] + 18);
  g_assert_nonnull (key);

  g_checksum_update (sha1, (const guchar *) key, -1);
  g_checksum_update (sha1, (const guchar *) "258EAFA5-E914-47DA-95CA-C5AB0DC85B11", -1);
  g_checksum_get_digest (sha1, digest, &digest_len);
  accept = g_base64_encode (digest, digest_len);
  response = g_strdup_printf ("HTTP/1.1 101 Switching Protocols\r\n"
                              "Upgrade: websocket\r\n"
                              "Connection: Upgrade\r\n"
                              "Sec-WebSocket-Accept: %s\r\n\r\n", accept);
  if (!g_output_stream_write_all (out, response, strlen (response), NULL, server->cancellable, NULL))
    return NULL;

  for (;;)
    {
      guint8 head[2];
      guint8 mask[4] = { 0, };
      guint8 payload[125];
      guint8 reply[2 + sizeof payload];
      guint opcode;
      gsize len;

      if (!read_all (in, head, 2, server->cancellable))
        break;
      opcode = head[0] & 0x0f;
      len = head[1] & 0x7f;
      /* Control frames and the short messages here fit in 125 bytes */
      g_assert_cmpuint (len, <=, sizeof payload);
      if ((head[1] & 0x80) && !read_all (in, mask, 4, server->cancellable))
        break;
      if (len > 0 && !read_all (in, payload, len, server->cancellable))
        break;
      for (gsize i = 0; i < len; i++)
        payload[i] ^= mask[i % 4];

      if (opcode == 0x9 || opcode == 0x8)
        {
          /* pong with the same data, or the closing handshake's answer */
          reply[0] = opcode == 0x9 ? 0x8a : 0x88;
          reply[1] = len;
          memcpy (reply + 2, payload, len);
          if (!g_output_stream_write_all (out, reply, 2 + len, NULL, server->cancellable, NULL))
            break;
        }
      if (opcode == 0x9)
        g_atomic_int_inc (&server->pings);
      if (opcode == 0x8)
        break;
    }

  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
  return NULL;
}

static PingServer *
ping_server_start (void)
{
  PingServer *server = g_new0 (PingServer, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  server->listener = g_socket_listener_new ();
  server->cancellable = g_cancellable_new ();
  g_socket_listener_add_address (server->listener, address, G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_TCP, NULL, &bound, &error);
  g_assert_no_error (error);
  server->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  server->thread = g_thread_new ("ping-server", ping_server_main, server);

  return server;
}

static void
ping_server_stop (PingServer *server)
{
  g_cancellable_cancel (server->cancellable);
  g_socket_listener_close (server->listener);
  g_thread_join (server->thread);
  g_object_unref (server->listener);
  g_object_unref (server->cancellable);
  g_free (server);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PingServer, ping_server_stop)

/* With a keepalive interval the server receives pings while the
 * connection sits idle, and the connection stays open */
static void
test_keepalive (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(PingServer) server = ping_server_start ();
  g_autofree char *url = g_strdup_printf ("ws://127.0.0.1:%u/quiet", server->port);

  dx_session_set_url (fixture->session, url);
  g_object_set (fixture->session, "keepalive-interval", 1, NULL);

  connect_and_wait_open (fixture);
  if (g_test_failed ())
    return;

  DX_TEST_WAIT_UNTIL (g_atomic_int_get (&server->pings) >= 2 ||
                      dx_connection_get_state (fixture->conn) != DX_CONNECTION_STATE_OPEN,
                      "two keepalive pings");
  g_assert_cmpint (dx_connection_get_state (fixture->conn), ==, DX_CONNECTION_STATE_OPEN);
  g_assert_cmpint (g_atomic_int_get (&server->pings), >=, 2);

  dx_connection_disconnect (fixture->conn);
  DX_TEST_WAIT_UNTIL (is_settled (fixture->conn), "the connection to close");
  g_assert_cmpuint (dx_connection_get_close_code (fixture->conn), ==, 1000);
}

/* A handshake nobody answers is given up after the connect timeout */
static void
test_connect_timeout (Fixture       *fixture,
                      gconstpointer  data)
{
  DxHistory *history = dx_session_get_history (fixture->session);
  g_autoptr(GSocketListener) silent = g_socket_listener_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *status = NULL;
  guint16 port;

  /* It takes the connection and never says a word */
  port = g_socket_listener_add_any_inet_port (silent, NULL, &error);
  g_assert_no_error (error);
  url = g_strdup_printf ("ws://127.0.0.1:%u/slow", port);
  dx_session_set_url (fixture->session, url);
  g_object_set (fixture->session, "connect-timeout", 1, NULL);

  g_assert_true (dx_connection_connect (fixture->conn, &error));
  g_assert_no_error (error);
  DX_TEST_WAIT_UNTIL (is_settled (fixture->conn), "the connect timeout");

  assert_states (fixture, DX_CONNECTION_STATE_CONNECTING, DX_CONNECTION_STATE_CLOSED, -1);
  g_assert_nonnull (dx_connection_get_error_message (fixture->conn));
  g_test_message ("timeout: %s", dx_connection_get_error_message (fixture->conn));
  g_assert_true (g_str_has_prefix (dx_connection_get_error_message (fixture->conn),
                                   "No answer from the server within 1 s"));
  assert_event_row (history, DX_MESSAGE_KIND_ERROR, "No answer from the server within 1 s");
  g_assert_cmpuint (count_rows (history, DX_DIRECTION_EVENT, DX_MESSAGE_KIND_ERROR), ==, 1);
  g_assert_cmpint (find_row (history, 0, DX_DIRECTION_EVENT, DX_MESSAGE_KIND_OPEN), ==, -1);
  status = dx_connection_dup_status_text (fixture->conn);
  g_assert_cmpstr (status, ==, "Closed · failed");

  /* Stopping by hand before the timeout is still a stop, not a failure */
  g_object_set (fixture->session, "connect-timeout", 3600, NULL);
  g_assert_true (dx_connection_connect (fixture->conn, &error));
  g_assert_no_error (error);
  dx_connection_disconnect (fixture->conn);
  DX_TEST_WAIT_UNTIL (is_settled (fixture->conn), "the attempt to stop");
  g_assert_null (dx_connection_get_error_message (fixture->conn));
  assert_event_row (history, DX_MESSAGE_KIND_STATE, "Connection attempt stopped");
}

static gboolean
history_has_event (DxHistory     *history,
                   DxMessageKind  kind,
                   const char    *needle)
{
  return count_event_rows (history, kind, needle) > 0;
}

/* A server that closes is reconnected to, attempt after attempt, each
 * shown in the history, until the attempts run out */
static void
test_reconnect_gives_up (Fixture       *fixture,
                         gconstpointer  data)
{
  DxHistory *history = dx_session_get_history (fixture->session);
  g_autoptr(GError) error = NULL;

  fixture_set_path (fixture, "/close?code=4001&reason=go%20away");
  g_object_set (fixture->session, "reconnect-attempts", 3, "reconnect-delay", 0, NULL);

  g_assert_true (dx_connection_connect (fixture->conn, &error));
  g_assert_no_error (error);
  DX_TEST_WAIT_UNTIL (history_has_event (history, DX_MESSAGE_KIND_ERROR, "Gave up reconnecting"),
                      "the reconnects to give up");

  for (guint i = 1; i <= 3; i++)
    {
      g_autofree char *row = g_strdup_printf ("Reconnecting in 0 s (attempt %u of 3)", i);

      g_assert_cmpuint (count_event_rows (history, DX_MESSAGE_KIND_STATE, row), ==, 1);
    }
  assert_event_row (history, DX_MESSAGE_KIND_ERROR, "Gave up reconnecting after 3 attempts");
  /* the tester's connect, then three more */
  g_assert_cmpuint (count_event_rows (history, DX_MESSAGE_KIND_STATE, "Connecting to"), ==, 4);
  g_assert_cmpuint (count_rows (history, DX_DIRECTION_EVENT, DX_MESSAGE_KIND_OPEN), ==, 4);
  g_assert_cmpuint (count_event_rows (history, DX_MESSAGE_KIND_CLOSE, "4001"), ==, 4);

  g_assert_cmpint (dx_connection_get_state (fixture->conn), ==, DX_CONNECTION_STATE_CLOSED);
  g_assert_false (dx_connection_get_reconnecting (fixture->conn));

  /* Given up for good */
  dx_test_spin (200);
  g_assert_cmpuint (count_event_rows (history, DX_MESSAGE_KIND_STATE, "Connecting to"), ==, 4);
}

/* Disconnecting while a reconnect waits stops it */
static void
test_reconnect_stopped_by_user (Fixture       *fixture,
                                gconstpointer  data)
{
  DxHistory *history = dx_session_get_history (fixture->session);
  g_autoptr(GError) error = NULL;
  g_autofree char *status = NULL;

  fixture_set_path (fixture, "/close?code=4001");
  g_object_set (fixture->session, "reconnect-attempts", 3, "reconnect-delay", 3600, NULL);

  g_assert_true (dx_connection_connect (fixture->conn, &error));
  g_assert_no_error (error);
  DX_TEST_WAIT_UNTIL (dx_connection_get_reconnecting (fixture->conn), "a reconnect to be planned");

  assert_event_row (history, DX_MESSAGE_KIND_STATE, "Reconnecting in 3600 s (attempt 1 of 3)");
  g_assert_cmpint (dx_connection_get_state (fixture->conn), ==, DX_CONNECTION_STATE_CLOSED);
  status = dx_connection_dup_status_text (fixture->conn);
  g_assert_cmpstr (status, ==, "Closed · reconnecting, attempt 1 of 3");

  dx_connection_disconnect (fixture->conn);
  g_assert_false (dx_connection_get_reconnecting (fixture->conn));
  assert_event_row (history, DX_MESSAGE_KIND_STATE, "Stopped reconnecting");
  g_assert_cmpint (dx_connection_get_state (fixture->conn), ==, DX_CONNECTION_STATE_CLOSED);

  dx_test_spin (200);
  g_assert_cmpuint (count_event_rows (history, DX_MESSAGE_KIND_STATE, "Connecting to"), ==, 1);

  /* And a reconnect attempt under way is stopped like any connect */
  g_object_set (fixture->session, "reconnect-delay", 0, NULL);
  g_array_set_size (fixture->states, 0);
  g_assert_true (dx_connection_connect (fixture->conn, &error));
  g_assert_no_error (error);
  DX_TEST_WAIT_UNTIL (count_event_rows (history, DX_MESSAGE_KIND_STATE, "Connecting to") >= 3,
                      "the first reconnect attempt");
  dx_connection_disconnect (fixture->conn);
  DX_TEST_WAIT_UNTIL (is_settled (fixture->conn), "the attempt to stop");
  g_assert_false (dx_connection_get_reconnecting (fixture->conn));
  {
    guint attempts = count_event_rows (history, DX_MESSAGE_KIND_STATE, "Connecting to");

    dx_test_spin (200);
    g_assert_cmpuint (count_event_rows (history, DX_MESSAGE_KIND_STATE, "Connecting to"), ==, attempts);
  }
}

/* The tester's own close is not followed by a reconnect */
static void
test_reconnect_not_after_own_close (Fixture       *fixture,
                                    gconstpointer  data)
{
  DxHistory *history = dx_session_get_history (fixture->session);

  g_object_set (fixture->session, "reconnect-attempts", 3, "reconnect-delay", 0, NULL);
  connect_and_wait_open (fixture);
  if (g_test_failed ())
    return;

  dx_connection_close (fixture->conn, 4000, "done");
  DX_TEST_WAIT_UNTIL (is_settled (fixture->conn), "the connection to close");
  dx_test_spin (200);

  g_assert_cmpint (dx_connection_get_state (fixture->conn), ==, DX_CONNECTION_STATE_CLOSED);
  g_assert_false (dx_connection_get_reconnecting (fixture->conn));
  g_assert_cmpuint (count_event_rows (history, DX_MESSAGE_KIND_STATE, "Reconnecting"), ==, 0);
  g_assert_cmpuint (count_event_rows (history, DX_MESSAGE_KIND_STATE, "Connecting to"), ==, 1);
}

/* A connection that cannot be made is retried too */
static void
test_reconnect_after_failure (Fixture       *fixture,
                              gconstpointer  data)
{
  DxHistory *history = dx_session_get_history (fixture->session);
  g_autoptr(GError) error = NULL;
  g_autofree char *url = g_strdup_printf ("ws://127.0.0.1:%u/echo", find_free_port ());

  dx_session_set_url (fixture->session, url);
  g_object_set (fixture->session, "reconnect-attempts", 2, "reconnect-delay", 0, NULL);
  g_assert_true (dx_connection_connect (fixture->conn, &error));
  g_assert_no_error (error);
  DX_TEST_WAIT_UNTIL (history_has_event (history, DX_MESSAGE_KIND_ERROR, "Gave up reconnecting"),
                      "the reconnects to give up");

  assert_event_row (history, DX_MESSAGE_KIND_STATE, "Reconnecting in 0 s (attempt 1 of 2)");
  assert_event_row (history, DX_MESSAGE_KIND_STATE, "Reconnecting in 0 s (attempt 2 of 2)");
  assert_event_row (history, DX_MESSAGE_KIND_ERROR, "Gave up reconnecting after 2 attempts");
  g_assert_cmpuint (count_event_rows (history, DX_MESSAGE_KIND_STATE, "Connecting to"), ==, 3);
  g_assert_cmpint (dx_connection_get_state (fixture->conn), ==, DX_CONNECTION_STATE_CLOSED);
  g_assert_nonnull (dx_connection_get_error_message (fixture->conn));
}

/* "Accept invalid certificates" lets this session, and only this one,
 * connect to a server with a self-signed certificate, and says so */
static void
test_accept_invalid_certificates (Fixture       *fixture,
                                  gconstpointer  data)
{
  DxHistory *history = dx_session_get_history (fixture->session);
  const char *cert_path = g_object_get_data (G_OBJECT (fixture->session), "test-cert");
  g_autoptr(GError) error = NULL;
  g_autoptr(DxSession) other = NULL;
  g_autoptr(DxConnection) other_conn = NULL;
  g_autofree char *url = NULL;

  if (g_test_failed () || cert_path == NULL)
    return;
  if (!g_tls_backend_supports_tls (g_tls_backend_get_default ()))
    {
      g_test_fail_printf ("No TLS backend: install glib-networking");
      return;
    }

  url = dx_echo_server_dup_url (fixture->server, "/echo");
  g_object_set (fixture->session, "accept-invalid-certificates", TRUE, NULL);
  connect_and_wait_open (fixture);
  if (g_test_failed ())
    return;
  assert_event_row (history, DX_MESSAGE_KIND_STATE, "Certificate verification is off");

  g_assert_true (dx_connection_send_text (fixture->conn, "unverified ✓", &error));
  g_assert_no_error (error);
  DX_TEST_WAIT_UNTIL (fixture->received >= 1, "the echo over TLS");

  /* Another session to the same server still refuses the certificate */
  other = dx_session_new ("Other", url);
  other_conn = dx_connection_new (other);
  g_assert_true (dx_connection_connect (other_conn, &error));
  g_assert_no_error (error);
  DX_TEST_WAIT_UNTIL (is_settled (other_conn), "the other session's handshake to fail");
  g_assert_cmpint (dx_connection_get_state (other_conn), ==, DX_CONNECTION_STATE_CLOSED);
  g_assert_nonnull (strstr (dx_connection_get_error_message (other_conn), "TLS"));
  g_assert_cmpuint (count_event_rows (dx_session_get_history (other), DX_MESSAGE_KIND_STATE,
                                      "Certificate verification is off"), ==, 0);

  /* And so does this one once the option is off again */
  dx_connection_disconnect (fixture->conn);
  DX_TEST_WAIT_UNTIL (is_settled (fixture->conn), "the connection to close");
  g_object_set (fixture->session, "accept-invalid-certificates", FALSE, NULL);
  g_assert_true (dx_connection_connect (fixture->conn, &error));
  g_assert_no_error (error);
  DX_TEST_WAIT_UNTIL (is_settled (fixture->conn), "the handshake to fail");
  g_assert_cmpint (dx_connection_get_state (fixture->conn), ==, DX_CONNECTION_STATE_CLOSED);
  g_assert_nonnull (strstr (dx_connection_get_error_message (fixture->conn), "TLS"));
}

/* ---- control frames and the handshake ------------------------------------ */

static gboolean
has_round_trip (gpointer data)
{
  return dx_connection_get_round_trip_time (data) >= 0;
}

/* A ping's pong comes back with its payload and a round-trip time; a ping
 * too long for a control frame is refused before anything is sent */
static void
test_ping (Fixture       *fixture,
           gconstpointer  data)
{
  DxHistory *history = dx_session_get_history (fixture->session);
  g_autoptr(GBytes) payload = g_bytes_new_static ("are you there", 13);
  g_autoptr(GBytes) too_long = g_bytes_new_take (g_strnfill (126, 'x'), 126);
  g_autoptr(GError) error = NULL;
  int row;

  g_assert_false (dx_connection_send_ping (fixture->conn, payload, &error));
  g_assert_error (error, DX_CONNECTION_ERROR, DX_CONNECTION_ERROR_NOT_OPEN);
  g_clear_error (&error);

  connect_and_wait_open (fixture);
  if (g_test_failed ())
    return;
  g_assert_cmpint (dx_connection_get_round_trip_time (fixture->conn), ==, -1);

  g_assert_false (dx_connection_send_ping (fixture->conn, too_long, &error));
  g_assert_error (error, DX_CONNECTION_ERROR, DX_CONNECTION_ERROR_BAD_PING);
  g_assert_nonnull (strstr (error->message, "125"));
  g_clear_error (&error);
  g_assert_cmpint (find_row (history, 0, DX_DIRECTION_SENT, DX_MESSAGE_KIND_PING), ==, -1);

  g_assert_true (dx_connection_send_ping (fixture->conn, payload, &error));
  g_assert_no_error (error);
  row = find_row (history, 0, DX_DIRECTION_SENT, DX_MESSAGE_KIND_PING);
  g_assert_cmpint (row, >=, 0);
  {
    g_autofree char *text = history_dup_text (history, row);

    g_assert_cmpstr (text, ==, "are you there");
  }

  dx_test_wait_until (has_round_trip, fixture->conn, "the pong");
  g_assert_cmpint (dx_connection_get_round_trip_time (fixture->conn), >=, 0);
  assert_event_row (history, DX_MESSAGE_KIND_PONG, "“are you there”, round trip");

  /* Without a payload, and several at once: each is answered */
  for (guint i = 0; i < 3; i++)
    g_assert_true (dx_connection_send_ping (fixture->conn, NULL, &error));
  DX_TEST_WAIT_UNTIL (count_rows (history, DX_DIRECTION_EVENT, DX_MESSAGE_KIND_PONG) >= 4, "three more pongs");
  assert_event_row (history, DX_MESSAGE_KIND_PONG, "Pong, round trip");

  /* Pings interleave with a stream of messages and the connection stays sound */
  for (guint i = 0; i < 200; i++)
    {
      g_assert_true (dx_connection_send_text (fixture->conn, "between pings", &error));
      if (i % 50 == 0)
        g_assert_true (dx_connection_send_ping (fixture->conn, payload, &error));
    }
  DX_TEST_WAIT_UNTIL (fixture->received >= 200, "the echoes");
  DX_TEST_WAIT_UNTIL (count_rows (history, DX_DIRECTION_EVENT, DX_MESSAGE_KIND_PONG) >= 8, "four more pongs");
  g_assert_cmpint (dx_connection_get_state (fixture->conn), ==, DX_CONNECTION_STATE_OPEN);
}

/* A heartbeat of pings: a server that counts them sees one a second */
static void
test_heartbeat_ping (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(PingServer) server = ping_server_start ();
  g_autofree char *url = g_strdup_printf ("ws://127.0.0.1:%u/quiet", server->port);
  DxHistory *history = dx_session_get_history (fixture->session);

  dx_session_set_url (fixture->session, url);
  g_object_set (fixture->session, "heartbeat-interval", 1, NULL);

  connect_and_wait_open (fixture);
  if (g_test_failed ())
    return;

  DX_TEST_WAIT_UNTIL (g_atomic_int_get (&server->pings) >= 3 ||
                      dx_connection_get_state (fixture->conn) != DX_CONNECTION_STATE_OPEN,
                      "three heartbeat pings");
  g_assert_cmpint (dx_connection_get_state (fixture->conn), ==, DX_CONNECTION_STATE_OPEN);
  DX_TEST_WAIT_UNTIL (count_rows (history, DX_DIRECTION_EVENT, DX_MESSAGE_KIND_PONG) >= 3, "their pongs");
  g_assert_cmpuint (count_rows (history, DX_DIRECTION_SENT, DX_MESSAGE_KIND_PING), >=, 3);

  /* After a close no more heartbeats go out */
  dx_connection_disconnect (fixture->conn);
  DX_TEST_WAIT_UNTIL (is_settled (fixture->conn), "the connection to close");
  {
    guint sent = count_rows (history, DX_DIRECTION_SENT, DX_MESSAGE_KIND_PING);

    dx_test_spin (1500);
    g_assert_cmpuint (count_rows (history, DX_DIRECTION_SENT, DX_MESSAGE_KIND_PING), ==, sent);
  }
}

/* A heartbeat of a chosen message, variables expanded, echoed back */
static void
test_heartbeat_message (Fixture       *fixture,
                        gconstpointer  data)
{
  DxHistory *history = dx_session_get_history (fixture->session);
  g_autoptr(GListStore) variables = g_list_store_new (DX_TYPE_FIELD);

  add_field (variables, TRUE, "beat", "lub-dub");
  dx_connection_set_variables (fixture->conn, G_LIST_MODEL (variables));
  g_object_set (fixture->session, "heartbeat-interval", 1, "heartbeat-message", "{{beat}}", NULL);

  connect_and_wait_open (fixture);
  if (g_test_failed ())
    return;

  DX_TEST_WAIT_UNTIL (fixture->received >= 2, "two heartbeat echoes");
  {
    int row = find_row (history, 0, DX_DIRECTION_RECEIVED, DX_MESSAGE_KIND_TEXT);
    g_autofree char *text = history_dup_text (history, row);

    g_assert_cmpstr (text, ==, "lub-dub");
  }
  g_assert_cmpint (find_row (history, 0, DX_DIRECTION_SENT, DX_MESSAGE_KIND_PING), ==, -1);
}

/* A heartbeat that names a saved message: the library's binary one is
 * echoed byte for byte, the session's own wins over a library message of
 * the same name, and a name that is nowhere stops the heartbeat with a
 * row that says which */
static void
test_heartbeat_saved (Fixture       *fixture,
                      gconstpointer  data)
{
  DxHistory *history = dx_session_get_history (fixture->session);
  g_autoptr(GListStore) library = g_list_store_new (DX_TYPE_SAVED_MESSAGE);
  g_autoptr(DxSavedMessage) binary = dx_saved_message_new ("Beat", DX_SAVED_FORMAT_HEX, "00 ff 00 c3 28");
  g_autoptr(DxSavedMessage) shadowed = dx_saved_message_new ("Own", DX_SAVED_FORMAT_TEXT, "library's");
  g_autoptr(DxSavedMessage) own = dx_saved_message_new ("Own", DX_SAVED_FORMAT_JSON, "{\"who\": \"{{who}}\"}");
  g_autoptr(GListStore) variables = g_list_store_new (DX_TYPE_FIELD);
  const guint8 expected[] = { 0x00, 0xff, 0x00, 0xc3, 0x28 };
  int row;

  g_list_store_append (library, binary);
  g_list_store_append (library, shadowed);
  g_list_store_append (dx_session_get_saved_messages (fixture->session), own);
  add_field (variables, TRUE, "who", "session");
  dx_connection_set_library (fixture->conn, G_LIST_MODEL (library));
  dx_connection_set_variables (fixture->conn, G_LIST_MODEL (variables));
  g_object_set (fixture->session, "heartbeat-interval", 1, "heartbeat-saved-message", "Beat", NULL);

  connect_and_wait_open (fixture);
  if (g_test_failed ())
    return;

  DX_TEST_WAIT_UNTIL (find_row (history, 0, DX_DIRECTION_RECEIVED, DX_MESSAGE_KIND_BINARY) >= 0,
                      "the saved binary heartbeat's echo");
  row = find_row (history, 0, DX_DIRECTION_RECEIVED, DX_MESSAGE_KIND_BINARY);
  {
    g_autoptr(DxMessage) echo = g_list_model_get_item (G_LIST_MODEL (history), row);
    gsize size;
    const guint8 *bytes = g_bytes_get_data (dx_message_get_payload (echo), &size);

    g_assert_cmpmem (bytes, size, expected, sizeof expected);
  }

  g_object_set (fixture->session, "heartbeat-saved-message", "Own", NULL);
  DX_TEST_WAIT_UNTIL (find_row (history, 0, DX_DIRECTION_RECEIVED, DX_MESSAGE_KIND_TEXT) >= 0,
                      "the session's own saved heartbeat's echo");
  {
    g_autofree char *text = history_dup_text (history, find_row (history, 0, DX_DIRECTION_RECEIVED, DX_MESSAGE_KIND_TEXT));

    g_assert_cmpstr (text, ==, "{\"who\": \"session\"}");
  }

  g_object_set (fixture->session, "heartbeat-saved-message", "Gone", NULL);
  DX_TEST_WAIT_UNTIL (find_row (history, 0, DX_DIRECTION_EVENT, DX_MESSAGE_KIND_ERROR) >= 0,
                      "the heartbeat to stop");
  assert_event_row (history, DX_MESSAGE_KIND_ERROR, "no saved message named “Gone”");
}

/* Sending a saved message sends what it says, variables expanded, in the
 * kind of frame its format says; a JSON message that is not JSON is
 * refused with the saved message's name */
static void
test_send_saved (Fixture       *fixture,
                 gconstpointer  data)
{
  DxHistory *history = dx_session_get_history (fixture->session);
  g_autoptr(GListStore) variables = g_list_store_new (DX_TYPE_FIELD);
  g_autoptr(DxSavedMessage) text = dx_saved_message_new ("Greeting", DX_SAVED_FORMAT_TEXT, "hello {{name}}");
  g_autoptr(DxSavedMessage) broken = dx_saved_message_new ("Broken", DX_SAVED_FORMAT_JSON, "{\"a\": }");
  g_autoptr(DxSavedMessage) base64 = dx_saved_message_new ("Bytes", DX_SAVED_FORMAT_BASE64, "AP8A");
  g_autoptr(GError) error = NULL;
  const guint8 expected[] = { 0x00, 0xff, 0x00 };

  add_field (variables, TRUE, "name", "world");
  dx_connection_set_variables (fixture->conn, G_LIST_MODEL (variables));

  g_assert_false (dx_connection_send_saved (fixture->conn, text, &error));
  g_assert_error (error, DX_CONNECTION_ERROR, DX_CONNECTION_ERROR_NOT_OPEN);
  g_clear_error (&error);

  connect_and_wait_open (fixture);
  if (g_test_failed ())
    return;

  g_assert_false (dx_connection_send_saved (fixture->conn, broken, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "“Broken”"));
  g_clear_error (&error);

  g_assert_true (dx_connection_send_saved (fixture->conn, text, &error));
  g_assert_no_error (error);
  g_assert_true (dx_connection_send_saved (fixture->conn, base64, &error));
  g_assert_no_error (error);
  DX_TEST_WAIT_UNTIL (fixture->received >= 2, "two echoes");
  {
    g_autofree char *echo = history_dup_text (history, find_row (history, 0, DX_DIRECTION_RECEIVED, DX_MESSAGE_KIND_TEXT));
    g_autoptr(DxMessage) bytes = g_list_model_get_item (G_LIST_MODEL (history),
                                                        find_row (history, 0, DX_DIRECTION_RECEIVED, DX_MESSAGE_KIND_BINARY));
    gsize size;
    const guint8 *echoed = g_bytes_get_data (dx_message_get_payload (bytes), &size);

    g_assert_cmpstr (echo, ==, "hello world");
    g_assert_cmpmem (echoed, size, expected, sizeof expected);
  }
}

/* A server that drops the connection without a closing handshake: the
 * close is not clean, and both the history and the status say so */
static void
test_close_unclean (Fixture       *fixture,
                    gconstpointer  data)
{
  PingServer *server = ping_server_start ();
  g_autofree char *url = g_strdup_printf ("ws://127.0.0.1:%u/quiet", server->port);
  g_autofree char *status = NULL;

  dx_session_set_url (fixture->session, url);
  connect_and_wait_open (fixture);
  if (g_test_failed ())
    {
      ping_server_stop (server);
      return;
    }

  ping_server_stop (server);
  DX_TEST_WAIT_UNTIL (dx_connection_get_state (fixture->conn) == DX_CONNECTION_STATE_CLOSED,
                      "the dropped connection to close");
  g_assert_false (dx_connection_get_close_clean (fixture->conn));
  assert_event_row (dx_session_get_history (fixture->session), DX_MESSAGE_KIND_CLOSE, "not clean");
  status = dx_connection_dup_status_text (fixture->conn);
  g_test_message ("status: %s", status);
  g_assert_nonnull (strstr (status, "without a close frame"));
}

/* Close codes a client may send, and a clear message for the others */
static void
test_close_code_check (Fixture       *fixture,
                       gconstpointer  data)
{
  const guint good[] = { 1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 3000, 4000, 4999 };
  const guint bad[] = { 0, 999, 1004, 1005, 1006, 1011, 1015, 2000, 2999, 5000, 65535 };
  g_autofree char *long_reason = g_strnfill (124, 'r');
  g_autofree char *fits = g_strnfill (123, 'r');

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (dx_close_code_check (good[i], "fine", &error));
      g_assert_no_error (error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *code = g_strdup_printf ("%u", bad[i]);

      g_assert_false (dx_close_code_check (bad[i], NULL, &error));
      g_assert_nonnull (error);
      g_assert_nonnull (strstr (error->message, code));
      g_assert_nonnull (strstr (error->message, "3000–4999"));
    }
  {
    g_autoptr(GError) error = NULL;

    g_assert_true (dx_close_code_check (1000, fits, NULL));
    g_assert_false (dx_close_code_check (1000, long_reason, &error));
    g_assert_nonnull (strstr (error->message, "123"));
  }
}

/* Both directions close cleanly: the closing handshake completes */
static void
test_close_clean (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  connect_and_wait_open (fixture);
  if (g_test_failed ())
    return;
  dx_connection_close (fixture->conn, 3001, "from the client");
  DX_TEST_WAIT_UNTIL (is_settled (fixture->conn), "the connection to close");
  g_assert_cmpuint (dx_connection_get_close_code (fixture->conn), ==, 3001);
  g_assert_true (dx_connection_get_close_clean (fixture->conn));
  g_assert_false (dx_connection_get_closed_by_peer (fixture->conn));

  fixture_set_path (fixture, "/close?code=4002&reason=from%20the%20server");
  g_assert_true (dx_connection_connect (fixture->conn, &error));
  g_assert_no_error (error);
  g_assert_false (dx_connection_get_close_clean (fixture->conn));
  DX_TEST_WAIT_UNTIL (dx_connection_get_state (fixture->conn) == DX_CONNECTION_STATE_CLOSED,
                      "the server to close");
  g_assert_cmpuint (dx_connection_get_close_code (fixture->conn), ==, 4002);
  g_assert_cmpstr (dx_connection_get_close_reason (fixture->conn), ==, "from the server");
  g_assert_true (dx_connection_get_closed_by_peer (fixture->conn));
  g_assert_true (dx_connection_get_close_clean (fixture->conn));
}

/* The handshake as the connection saw it is what the server saw */
static void
test_handshake_details (Fixture       *fixture,
                        gconstpointer  data)
{
  DxHistory *history = dx_session_get_history (fixture->session);
  const char * const offered[] = { "chat", NULL };
  g_autoptr(JsonObject) seen = NULL;
  g_autoptr(GList) names = NULL;
  g_autofree char *text = NULL;
  JsonObject *seen_headers;
  DxHandshake *handshake;

  fixture_set_path (fixture, "/inspect?x=1");
  add_field (dx_session_get_headers (fixture->session), TRUE, "X-Duplex-Test", "handshake");
  dx_session_set_subprotocols (fixture->session, offered);
  g_assert_null (dx_connection_get_handshake (fixture->conn));

  connect_and_wait_open (fixture);
  if (g_test_failed ())
    return;
  DX_TEST_WAIT_UNTIL (fixture->received >= 1, "the handshake description from /inspect");
  seen = first_received_json (history);
  seen_headers = json_object_get_object_member (seen, "headers");

  handshake = dx_connection_get_handshake (fixture->conn);
  g_assert_nonnull (handshake);
  g_assert_true (g_str_has_suffix (dx_handshake_get_url (handshake), "/inspect?x=1"));
  g_assert_cmpuint (dx_handshake_get_status (handshake), ==, 101);
  g_assert_cmpstr (dx_handshake_get_protocol (handshake), ==, "chat");
  g_assert_cmpint (dx_handshake_get_duration (handshake), >, 0);
  g_assert_false (dx_handshake_get_tls (handshake));
  g_assert_null (dx_handshake_get_tls_subject (handshake));
  g_assert_null (dx_handshake_get_response_body (handshake));
  g_assert_nonnull (dx_handshake_lookup_response_header (handshake, "Sec-WebSocket-Accept"));
  g_assert_true (g_str_has_prefix (dx_handshake_lookup_response_header (handshake, "Server"), "Duplex-echo"));

  /* Every header the server got, with the same value, and no other */
  names = json_object_get_members (seen_headers);
  for (GList *l = names; l; l = l->next)
    {
      g_test_message ("server saw %s: %s", (char *) l->data,
                      json_object_get_string_member (seen_headers, l->data));
      g_assert_cmpstr (dx_handshake_lookup_request_header (handshake, l->data), ==,
                       json_object_get_string_member (seen_headers, l->data));
    }
  g_assert_cmpuint (g_strv_length ((char **) dx_handshake_get_request_headers (handshake)), ==,
                    2 * g_list_length (names));

  text = dx_handshake_dup_text (handshake);
  g_test_message ("%s", text);
  g_assert_true (g_str_has_prefix (text, "GET /inspect?x=1 HTTP/1.1\n"));
  g_assert_nonnull (strstr (text, "X-Duplex-Test: handshake\n"));
  g_assert_nonnull (strstr (text, "HTTP/1.1 101 Switching Protocols\n"));
  g_assert_nonnull (strstr (text, "Subprotocol: chat\n"));
  /* The session offers no extension, so none is negotiated */
  g_assert_null (dx_handshake_lookup_request_header (handshake, "Sec-WebSocket-Extensions"));
  g_assert_nonnull (strstr (text, "Extensions: none\n"));

  /* A new attempt starts from nothing */
  dx_connection_disconnect (fixture->conn);
  DX_TEST_WAIT_UNTIL (is_settled (fixture->conn), "the connection to close");
  g_assert_nonnull (dx_connection_get_handshake (fixture->conn));
  fixture_set_path (fixture, "/echo");
  g_assert_true (dx_connection_connect (fixture->conn, NULL));
  g_assert_null (dx_connection_get_handshake (fixture->conn));
}

/* A refused upgrade keeps the status, the headers and the body */
static void
test_handshake_refused (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  DxHandshake *handshake;
  GBytes *body;

  fixture_set_path (fixture, "/refuse?status=403&body=no%20token%0Acome%20back%20later");
  g_assert_true (dx_connection_connect (fixture->conn, &error));
  g_assert_no_error (error);
  DX_TEST_WAIT_UNTIL (is_settled (fixture->conn), "the handshake to fail");

  g_assert_cmpuint (dx_connection_get_http_status (fixture->conn), ==, 403);
  handshake = dx_connection_get_handshake (fixture->conn);
  g_assert_nonnull (handshake);
  g_assert_cmpuint (dx_handshake_get_status (handshake), ==, 403);
  g_assert_cmpstr (dx_handshake_get_reason (handshake), ==, "Forbidden");
  g_assert_cmpstr (dx_handshake_lookup_response_header (handshake, "Content-Type"), ==,
                   "text/plain; charset=utf-8");
  body = dx_handshake_get_response_body (handshake);
  g_assert_nonnull (body);
  g_assert_cmpmem (g_bytes_get_data (body, NULL), g_bytes_get_size (body),
                   "no token\ncome back later", strlen ("no token\ncome back later"));

  text = dx_handshake_dup_text (handshake);
  g_assert_nonnull (strstr (text, "HTTP/1.1 403 Forbidden\n"));
  g_assert_nonnull (strstr (text, "\nno token\ncome back later\n"));

  /* Nobody there: no answer, and the handshake says so */
  fixture_set_path (fixture, "/echo");
  dx_echo_server_stop (fixture->server);
  g_assert_true (dx_connection_connect (fixture->conn, &error));
  DX_TEST_WAIT_UNTIL (is_settled (fixture->conn), "the connection to be refused");
  handshake = dx_connection_get_handshake (fixture->conn);
  g_assert_nonnull (handshake);
  g_assert_cmpuint (dx_handshake_get_status (handshake), ==, 0);
  g_assert_null (dx_handshake_get_response_body (handshake));
}

/* A server stopped (or one that failed to listen) starts again from the
 * beginning: start waits for the new listener, and says when it fails */
static void
test_echo_server_restart (void)
{
  g_autoptr(DxEchoServer) server = dx_echo_server_new ();
  g_autoptr(DxEchoServer) other = dx_echo_server_new ();
  g_autoptr(GError) error = NULL;

  dx_echo_server_start (other, 0, &error);
  g_assert_no_error (error);

  dx_echo_server_start (server, 0, &error);
  g_assert_no_error (error);
  dx_echo_server_stop (server);

  /* The port is taken: the second start must fail, not return at once */
  g_assert_false (dx_echo_server_start (server, dx_echo_server_get_port (other), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_ADDRESS_IN_USE);
  g_clear_error (&error);

  g_assert_true (dx_echo_server_start (server, 0, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (dx_echo_server_get_port (server), !=, 0);
  g_assert_cmpuint (dx_echo_server_get_port (server), !=, dx_echo_server_get_port (other));
  dx_echo_server_stop (server);
  dx_echo_server_stop (other);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  dx_test_setup ();

#define ADD(path, func) \
  g_test_add ("/dx/connection/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("open", test_open);
  ADD ("send-not-open", test_send_not_open);
  ADD ("echo", test_echo);
  ADD ("disconnect", test_disconnect);
  ADD ("close-code", test_close_code);
  ADD ("server-close", test_server_close);
  ADD ("handshake-404", test_handshake_404);
  ADD ("refused", test_refused);
  ADD ("cancel-connecting", test_cancel_connecting);
  g_test_add ("/dx/connection/tls", Fixture, NULL, tls_fixture_setup, test_tls, fixture_teardown);
  ADD ("params-headers", test_params_and_headers);
  ADD ("subprotocol", test_subprotocol);
  ADD ("subprotocol-refused", test_subprotocol_refused);
  ADD ("bad-header", test_bad_header);
  ADD ("too-big", test_too_big);
  ADD ("send-queue-bounded", test_send_queue_bounded);
  ADD ("flood-batched", test_flood_batched);
  ADD ("variables-connect", test_variables_connect);
  ADD ("variables-undefined-connect", test_variables_undefined_connect);
  ADD ("variables-message", test_variables_message);
  ADD ("origin-user-agent", test_origin_and_user_agent);
  ADD ("keepalive", test_keepalive);
  ADD ("connect-timeout", test_connect_timeout);
  ADD ("reconnect-gives-up", test_reconnect_gives_up);
  ADD ("reconnect-stopped-by-user", test_reconnect_stopped_by_user);
  ADD ("reconnect-not-after-own-close", test_reconnect_not_after_own_close);
  ADD ("reconnect-after-failure", test_reconnect_after_failure);
  ADD ("ping", test_ping);
  ADD ("heartbeat-ping", test_heartbeat_ping);
  ADD ("heartbeat-message", test_heartbeat_message);
  ADD ("heartbeat-saved", test_heartbeat_saved);
  ADD ("send-saved", test_send_saved);
  ADD ("close-code-check", test_close_code_check);
  ADD ("close-clean", test_close_clean);
  ADD ("close-unclean", test_close_unclean);
  ADD ("handshake-details", test_handshake_details);
  ADD ("handshake-refused", test_handshake_refused);
  g_test_add ("/dx/connection/accept-invalid-certificates", Fixture, NULL,
              tls_fixture_setup, test_accept_invalid_certificates, fixture_teardown);

#undef ADD

  g_test_add_func ("/dx/connection/echo-server-restart", test_echo_server_restart);

  return g_test_run ();
}
