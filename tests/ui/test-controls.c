/* test-controls.c — the window's control frames and handshake page, as a
 * tester uses them: ping from the menu beside Connect and read the pong's
 * round trip, close with a code of one's own (and be told why a code
 * cannot be sent), set a heartbeat, and read the handshake page after an
 * upgrade and after a refusal
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "dx-control-button.h"
#include "dx-echo-server.h"
#include "dx-handshake-view.h"
#include "dx-history-row.h"
#include "dx-test-echo.h"
#include "dx-test-util.h"
#include "dx-test-widgets.h"
#include "dx-test-window.h"
#include "dx-window.h"

static DxEchoServer *server;

static gboolean
is_type (GtkWidget     *widget,
         gconstpointer  type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (type));
}

static gboolean
is_entry_with_placeholder (GtkWidget     *widget,
                           gconstpointer  placeholder)
{
  return GTK_IS_ENTRY (widget) &&
         g_strcmp0 (gtk_entry_get_placeholder_text (GTK_ENTRY (widget)), placeholder) == 0;
}

static GtkEditable *
find_entry (GtkWidget  *root,
            gboolean  (*match) (GtkWidget *widget, gconstpointer data),
            const char *what)
{
  GtkWidget *entry = dx_test_find_widget (root, match, what);

  g_assert_nonnull (entry);
  return GTK_EDITABLE (entry);
}

static DxWindow *
open_window (const char *path)
{
  g_autoptr(DxWorkspace) workspace = dx_workspace_new ();
  g_autofree char *url = dx_echo_server_dup_url (server, path);
  g_autoptr(DxSession) session = dx_session_new ("Test", url);
  DxWindow *window;

  g_list_store_append (dx_workspace_get_sessions (workspace), session);
  window = dx_window_new (NULL, workspace);

  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static DxControlButton *
open_controls (DxWindow *window)
{
  DxControlButton *controls =
    DX_CONTROL_BUTTON (dx_test_find_widget (GTK_WIDGET (window), is_type, GSIZE_TO_POINTER (DX_TYPE_CONTROL_BUTTON)));

  g_assert_nonnull (controls);
  dx_control_button_popup (controls);
  dx_test_spin (100);
  return controls;
}

static void
test_ping_and_close (void)
{
  DxWindow *window = open_window ("/echo");
  DxConnection *connection = dx_window_get_connection (window);
  DxControlButton *controls;
  GtkWidget *root;

  /* Not connected: nothing to ping or close */
  controls = open_controls (window);
  root = GTK_WIDGET (controls);
  g_assert_false (gtk_widget_is_sensitive (dx_test_find_widget (root, dx_test_is_button_labelled, "Send _Ping")));
  g_assert_false (gtk_widget_is_sensitive (dx_test_find_widget (root, dx_test_is_button_labelled, "_Close Connection")));

  dx_test_click (GTK_WIDGET (window), "Connect");
  dx_test_wait_for_state (window, DX_CONNECTION_STATE_OPEN);
  controls = open_controls (window);

  gtk_editable_set_text (find_entry (root, is_entry_with_placeholder, "Payload (optional)"), "ui ping");
  dx_test_click (root, "Send _Ping");
  dx_test_wait_for_row (window, "Pong “ui ping”, round trip", NULL);
  /* The ping itself is labelled as one, its payload beside the tag */
  g_assert_cmpstr (dx_test_row_tag (window, "ui ping"), ==, "Ping");
  g_assert_cmpstr (dx_test_row_tag (window, "Pong “ui ping”"), ==, "");
  g_assert_cmpint (dx_connection_get_round_trip_time (connection), >=, 0);

  /* A code a client may not send is refused, and says what to choose */
  gtk_editable_set_text (find_entry (root, dx_test_is_entry_with_text, "1000"), "1005");
  dx_test_click (root, "_Close Connection");
  g_assert_nonnull (strstr (dx_control_button_get_error (controls), "1005"));
  g_assert_nonnull (strstr (dx_control_button_get_error (controls), "3000–4999"));
  dx_test_spin (200);
  g_assert_cmpint (dx_connection_get_state (connection), ==, DX_CONNECTION_STATE_OPEN);

  gtk_editable_set_text (find_entry (root, dx_test_is_entry_with_text, "1005"), "soon");
  dx_test_click (root, "_Close Connection");
  g_assert_nonnull (strstr (dx_control_button_get_error (controls), "number"));

  gtk_editable_set_text (find_entry (root, dx_test_is_entry_with_text, "soon"), "4321");
  gtk_editable_set_text (find_entry (root, is_entry_with_placeholder, "Reason (optional)"), "tester done");
  dx_test_click (root, "_Close Connection");
  g_assert_cmpstr (dx_control_button_get_error (controls), ==, "");
  dx_test_wait_for_state (window, DX_CONNECTION_STATE_CLOSED);
  g_assert_cmpuint (dx_connection_get_close_code (connection), ==, 4321);
  g_assert_true (dx_connection_get_close_clean (connection));
  dx_test_wait_for_row (window, "Closed by you: 4321 Application code: “tester done”", NULL);

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
is_stack_with_page (GtkWidget     *widget,
                    gconstpointer  name)
{
  return GTK_IS_STACK (widget) && gtk_stack_get_child_by_name (GTK_STACK (widget), name) != NULL;
}

static DxHandshakeView *
show_handshake_page (DxWindow *window)
{
  GtkStack *stack = GTK_STACK (dx_test_find_widget (GTK_WIDGET (window), is_stack_with_page, "handshake"));
  DxHandshakeView *view;

  /* What a click on the request pane's Handshake tab does */
  g_assert_nonnull (stack);
  gtk_stack_set_visible_child_name (stack, "handshake");
  view = DX_HANDSHAKE_VIEW (gtk_stack_get_visible_child (stack));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (view)));
  return view;
}

static gboolean
handshake_shown (gpointer data)
{
  return dx_handshake_view_get_summary (data)[0] != '\0';
}

static void
test_handshake_page (void)
{
  DxWindow *window = open_window ("/inspect");
  DxHandshakeView *view = show_handshake_page (window);
  g_autofree char *text = NULL;
  g_autofree char *url = NULL;

  g_assert_cmpstr (dx_handshake_view_get_summary (view), ==, "");

  dx_test_click (GTK_WIDGET (window), "Connect");
  dx_test_wait_for_state (window, DX_CONNECTION_STATE_OPEN);
  dx_test_wait_until (handshake_shown, view, "the handshake page");
  g_assert_true (g_str_has_prefix (dx_handshake_view_get_summary (view), "101 Switching Protocols"));
  text = dx_handshake_view_dup_text (view);
  g_assert_true (g_str_has_prefix (text, "GET /inspect HTTP/1.1\n"));
  g_assert_nonnull (strstr (text, "Sec-WebSocket-Key: "));
  g_assert_nonnull (strstr (text, "Sec-WebSocket-Accept: "));
  g_assert_nonnull (strstr (text, "Handshake time: "));
  g_clear_pointer (&text, g_free);

  dx_test_click (GTK_WIDGET (window), "Disconnect");
  dx_test_wait_for_state (window, DX_CONNECTION_STATE_CLOSED);

  /* A refused upgrade: the status, and the body the server sent with it */
  url = dx_echo_server_dup_url (server, "/refuse?status=401&body=token%20expired");
  gtk_editable_set_text (dx_window_get_url_entry (window), url);
  dx_test_click (GTK_WIDGET (window), "Connect");
  dx_test_wait_for_state (window, DX_CONNECTION_STATE_CLOSED);
  dx_test_wait_until (handshake_shown, view, "the refused handshake");
  g_assert_true (g_str_has_prefix (dx_handshake_view_get_summary (view), "401 Unauthorized"));
  text = dx_handshake_view_dup_text (view);
  g_assert_nonnull (strstr (text, "HTTP/1.1 401 Unauthorized\n"));
  g_assert_nonnull (strstr (text, "\ntoken expired\n"));

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
is_row_titled (GtkWidget     *widget,
               gconstpointer  title)
{
  return ADW_IS_PREFERENCES_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

/* The heartbeat set in Options sends pings while connected */
static void
test_heartbeat_option (void)
{
  DxWindow *window = open_window ("/echo");
  DxSession *session = dx_window_get_session (window);
  GtkWidget *row = dx_test_find_widget (GTK_WIDGET (window), is_row_titled, "Heartbeat interval");
  GtkWidget *message_row = dx_test_find_widget (GTK_WIDGET (window), is_row_titled, "Heartbeat message (empty: ping)");

  g_assert_nonnull (row);
  g_assert_nonnull (message_row);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row))), 1);
  g_assert_cmpuint (dx_session_get_heartbeat_interval (session), ==, 1);
  gtk_editable_set_text (GTK_EDITABLE (message_row), "beat");
  g_assert_cmpstr (dx_session_get_heartbeat_message (session), ==, "beat");
  gtk_editable_set_text (GTK_EDITABLE (message_row), "");
  g_assert_null (dx_session_get_heartbeat_message (session));

  dx_test_click (GTK_WIDGET (window), "Connect");
  dx_test_wait_for_state (window, DX_CONNECTION_STATE_OPEN);
  dx_test_wait_for_row (window, "Pong, round trip", NULL);

  dx_test_click (GTK_WIDGET (window), "Disconnect");
  dx_test_wait_for_state (window, DX_CONNECTION_STATE_CLOSED);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  gtk_test_init (&argc, &argv, NULL);
  dx_test_setup ();
  adw_init ();

  server = dx_test_echo_server_start ();

  g_test_add_func ("/dx/controls/ping-and-close", test_ping_and_close);
  g_test_add_func ("/dx/controls/handshake-page", test_handshake_page);
  g_test_add_func ("/dx/controls/heartbeat-option", test_heartbeat_option);

  status = g_test_run ();
  g_clear_pointer (&server, dx_test_echo_server_stop);
  return status;
}
