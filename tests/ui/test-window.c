/* test-window.c — drives the real window as a tester would: types a URL,
 * clicks Connect, writes a message, clicks Send, and reads the rows shown
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "dx-composer.h"
#include "dx-echo-server.h"
#include "dx-field.h"
#include "dx-history-row.h"
#include "dx-test-echo.h"
#include "dx-test-util.h"
#include "dx-test-widgets.h"
#include "dx-test-window.h"
#include "dx-window.h"

static DxEchoServer *server;

static DxWindow *
open_window (void)
{
  g_autoptr(DxWorkspace) workspace = dx_workspace_new ();
  g_autoptr(DxSession) session = dx_session_new ("Test", "");
  DxWindow *window;

  g_list_store_append (dx_workspace_get_sessions (workspace), session);
  window = dx_window_new (NULL, workspace);

  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static const char *
state_label_text (DxWindow *window)
{
  GtkWidget *url_entry = GTK_WIDGET (dx_window_get_url_entry (window));
  GtkWidget *pill = gtk_widget_get_prev_sibling (url_entry);

  g_assert_true (GTK_IS_LABEL (pill));
  return gtk_label_get_text (GTK_LABEL (pill));
}

static gboolean
is_window_title (GtkWidget     *widget,
                 gconstpointer  data)
{
  return ADW_IS_WINDOW_TITLE (widget);
}

static const char *
window_subtitle (DxWindow *window)
{
  GtkWidget *title = dx_test_find_widget (GTK_WIDGET (window), is_window_title, NULL);

  g_assert_nonnull (title);
  return adw_window_title_get_subtitle (ADW_WINDOW_TITLE (title));
}

static void
test_connect_send_receive (void)
{
  DxWindow *window = open_window ();
  g_autofree char *url = dx_echo_server_dup_url (server, "/echo?room=lobby");
  DxComposer *composer = dx_window_get_composer (window);
  GListModel *params;
  g_autoptr(DxField) param = NULL;

  g_assert_cmpstr (state_label_text (window), ==, "Disconnected");

  gtk_editable_set_text (dx_window_get_url_entry (window), url);
  dx_test_click (GTK_WIDGET (window), "Connect");
  dx_test_wait_for_state (window, DX_CONNECTION_STATE_OPEN);

  /* The query typed into the URL is a row of the parameter editor, and
   * the URL keeps showing it, once. */
  params = G_LIST_MODEL (dx_session_get_params (dx_window_get_session (window)));
  g_assert_cmpuint (g_list_model_get_n_items (params), ==, 1);
  param = g_list_model_get_item (params, 0);
  g_assert_cmpstr (dx_field_get_key (param), ==, "room");
  g_assert_cmpstr (dx_field_get_value (param), ==, "lobby");
  g_assert_cmpstr (gtk_editable_get_text (dx_window_get_url_entry (window)), ==, url);

  g_assert_cmpstr (state_label_text (window), ==, "Open");
  g_assert_nonnull (dx_test_find_widget (GTK_WIDGET (window), dx_test_is_button_labelled, "Disconnect"));
  dx_test_wait_for_row (window, "Connected", "event");

  dx_composer_set_text (composer, "hello from the window");
  dx_test_click (GTK_WIDGET (window), "Send");
  dx_test_wait_for_row (window, "hello from the window", "sent");
  dx_test_wait_for_row (window, "hello from the window", "received");

  dx_test_click (GTK_WIDGET (window), "Disconnect");
  dx_test_wait_for_state (window, DX_CONNECTION_STATE_CLOSED);
  g_assert_cmpstr (state_label_text (window), ==, "Closed");
  dx_test_wait_for_row (window, "Closed by you: 1000 Normal closure", "event");
  g_assert_nonnull (strstr (window_subtitle (window), "1000 Normal closure"));
  g_assert_nonnull (dx_test_find_widget (GTK_WIDGET (window), dx_test_is_button_labelled, "Connect"));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_keyboard_send (void)
{
  DxWindow *window = open_window ();
  g_autofree char *url = dx_echo_server_dup_url (server, "/echo");
  DxComposer *composer = dx_window_get_composer (window);

  gtk_editable_set_text (dx_window_get_url_entry (window), url);
  /* Enter in the URL entry connects */
  g_signal_emit_by_name (dx_window_get_url_entry (window), "activate");
  dx_test_wait_for_state (window, DX_CONNECTION_STATE_OPEN);

  dx_composer_set_text (composer, "sent with the keyboard");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.send", NULL));
  dx_test_wait_for_row (window, "sent with the keyboard", "received");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-connection", NULL));
  dx_test_wait_for_state (window, DX_CONNECTION_STATE_CLOSED);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_invalid_json_is_not_sent (void)
{
  DxWindow *window = open_window ();
  g_autofree char *url = dx_echo_server_dup_url (server, "/echo");
  DxComposer *composer = dx_window_get_composer (window);
  GListModel *history = G_LIST_MODEL (dx_session_get_history (dx_window_get_session (window)));
  guint before;

  gtk_editable_set_text (dx_window_get_url_entry (window), url);
  dx_test_click (GTK_WIDGET (window), "Connect");
  dx_test_wait_for_state (window, DX_CONNECTION_STATE_OPEN);

  dx_test_click (GTK_WIDGET (window), "JSON");
  g_assert_cmpint (dx_composer_get_mode (composer), ==, DX_COMPOSER_MODE_JSON);
  dx_composer_set_text (composer, "{\n  \"id\": 1,\n  \"name\": }");
  before = g_list_model_get_n_items (history);
  dx_test_click (GTK_WIDGET (window), "Send");

  g_assert_nonnull (dx_composer_get_error (composer));
  g_assert_true (g_str_has_prefix (dx_composer_get_error (composer), "Invalid JSON at line 3"));
  dx_test_spin (200);
  g_assert_cmpuint (g_list_model_get_n_items (history), ==, before);

  /* Nothing is lost: the message is still there to fix */
  {
    g_autofree char *text = dx_composer_dup_text (composer);
    g_assert_cmpstr (text, ==, "{\n  \"id\": 1,\n  \"name\": }");
  }

  dx_composer_set_text (composer, "{\"id\": 1, \"name\": \"fixed\"}");
  g_assert_null (dx_composer_get_error (composer));
  dx_test_click (GTK_WIDGET (window), "Send");
  dx_test_wait_for_row (window, "\"fixed\"", "received");

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_send_while_disconnected (void)
{
  DxWindow *window = open_window ();
  DxComposer *composer = dx_window_get_composer (window);

  dx_composer_set_text (composer, "nobody listens");
  dx_test_click (GTK_WIDGET (window), "Send");
  g_assert_nonnull (dx_composer_get_error (composer));
  g_assert_nonnull (strstr (dx_composer_get_error (composer), "connect first"));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_bad_url_explained (void)
{
  DxWindow *window = open_window ();

  gtk_editable_set_text (dx_window_get_url_entry (window), "http://example.com/socket");
  dx_test_click (GTK_WIDGET (window), "Connect");

  g_assert_nonnull (dx_window_get_error (window));
  g_assert_nonnull (strstr (dx_window_get_error (window), "ws://"));
  g_assert_cmpint (dx_connection_get_state (dx_window_get_connection (window)), ==,
                   DX_CONNECTION_STATE_DISCONNECTED);
  /* The URL as typed is kept for the tester to fix */
  g_assert_cmpstr (gtk_editable_get_text (dx_window_get_url_entry (window)), ==, "http://example.com/socket");

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
error_is_shown (gpointer data)
{
  return dx_window_get_error (data) != NULL;
}

static void
test_handshake_failure_explained (void)
{
  DxWindow *window = open_window ();
  g_autofree char *url = dx_echo_server_dup_url (server, "/no-such-socket");

  gtk_editable_set_text (dx_window_get_url_entry (window), url);
  dx_test_click (GTK_WIDGET (window), "Connect");
  dx_test_wait_for_state (window, DX_CONNECTION_STATE_CLOSED);
  dx_test_wait_until (error_is_shown, window, "the error banner");

  g_assert_nonnull (strstr (dx_window_get_error (window), "404 Not Found"));
  dx_test_wait_for_row (window, "404 Not Found", "error");
  g_assert_nonnull (strstr (window_subtitle (window), "404 Not Found"));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_stop_connecting (void)
{
  DxWindow *window = open_window ();
  g_autoptr(GSocketListener) silent = g_socket_listener_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  guint16 port;

  /* A server that takes the connection and never answers the handshake */
  port = g_socket_listener_add_any_inet_port (silent, NULL, &error);
  g_assert_no_error (error);
  url = g_strdup_printf ("ws://127.0.0.1:%u/slow", port);

  gtk_editable_set_text (dx_window_get_url_entry (window), url);
  dx_test_click (GTK_WIDGET (window), "Connect");
  dx_test_wait_for_state (window, DX_CONNECTION_STATE_CONNECTING);
  g_assert_cmpstr (state_label_text (window), ==, "Connecting");

  dx_test_click (GTK_WIDGET (window), "Disconnect");
  dx_test_wait_for_state (window, DX_CONNECTION_STATE_CLOSED);
  dx_test_wait_for_row (window, "Connection attempt stopped", "event");
  g_assert_null (dx_window_get_error (window));
  g_assert_nonnull (dx_test_find_widget (GTK_WIDGET (window), dx_test_is_button_labelled, "Connect"));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_reserved_header_warned (void)
{
  DxWindow *window = open_window ();
  GListStore *headers = dx_session_get_headers (dx_window_get_session (window));
  g_autoptr(DxField) reserved = dx_field_new (TRUE, "Sec-WebSocket-Key", "abc");
  g_autoptr(DxField) custom = dx_field_new (TRUE, "Authorization", "Bearer t");
  GtkWidget *entry;

  g_list_store_append (headers, reserved);
  g_list_store_append (headers, custom);

  /* The header libsoup writes itself is marked at its row, the other not */
  entry = dx_test_find_widget (GTK_WIDGET (window), dx_test_is_entry_with_text, "Sec-WebSocket-Key");
  g_assert_nonnull (entry);
  g_assert_cmpstr (gtk_entry_get_icon_name (GTK_ENTRY (entry), GTK_ENTRY_ICON_SECONDARY), ==, "dialog-warning-symbolic");
  g_assert_nonnull (strstr (gtk_entry_get_icon_tooltip_text (GTK_ENTRY (entry), GTK_ENTRY_ICON_SECONDARY), "libsoup sets"));
  g_assert_nonnull (gtk_entry_get_completion (GTK_ENTRY (entry)));

  entry = dx_test_find_widget (GTK_WIDGET (window), dx_test_is_entry_with_text, "Authorization");
  g_assert_nonnull (entry);
  g_assert_null (gtk_entry_get_icon_name (GTK_ENTRY (entry), GTK_ENTRY_ICON_SECONDARY));

  /* Renaming the row clears the warning */
  dx_field_set_key (reserved, "X-Request-Id");
  entry = dx_test_find_widget (GTK_WIDGET (window), dx_test_is_entry_with_text, "X-Request-Id");
  g_assert_null (gtk_entry_get_icon_name (GTK_ENTRY (entry), GTK_ENTRY_ICON_SECONDARY));

  gtk_window_destroy (GTK_WINDOW (window));
}

typedef struct {
  GListModel *history;
  guint       count;
} CountQuery;

static gboolean
history_has (gpointer data)
{
  CountQuery *query = data;

  return g_list_model_get_n_items (query->history) >= query->count;
}

static void
after_paint_cb (GdkFrameClock *clock,
                guint         *frames)
{
  (*frames)++;
}

static void
test_flood_keeps_drawing (void)
{
  const guint count = 300000;
  DxWindow *window = open_window ();
  g_autofree char *path = g_strdup_printf ("/flood?count=%u&size=16", count);
  g_autofree char *url = dx_echo_server_dup_url (server, path);
  GListModel *history = G_LIST_MODEL (dx_session_get_history (dx_window_get_session (window)));
  GdkFrameClock *clock;
  guint frames = 0;
  guint items_changed = 0;
  gulong handler;
  g_autofree char *last = g_strdup_printf ("#%u ", count);
  CountQuery query;

  dx_test_wait_until ((DxTestCondition) gtk_widget_get_mapped, window, "the window to show");
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &frames);

  gtk_editable_set_text (dx_window_get_url_entry (window), url);
  dx_test_click (GTK_WIDGET (window), "Connect");
  dx_test_wait_for_state (window, DX_CONNECTION_STATE_OPEN);
  frames = 0;

  /* connecting + connected rows, then the flood */
  query.history = history;
  query.count = count + 2;
  while (!history_has (&query))
    {
      guint before = g_list_model_get_n_items (history);

      g_main_context_iteration (NULL, TRUE);
      if (g_list_model_get_n_items (history) != before)
        items_changed++;
    }
  g_signal_handler_disconnect (clock, handler);

  g_test_message ("%u messages arrived in %u batches while %u frames were drawn", count, items_changed, frames);

  /* The window kept drawing while the flood came in (with libsoup on the
   * main thread it draws none), and took it in batches rather than a row
   * at a time. */
  g_assert_cmpuint (frames, >=, 5);
  g_assert_cmpuint (items_changed, >=, 2);
  g_assert_cmpuint (items_changed, <, count / 100);

  /* It followed the newest row: the last message is on screen. */
  dx_test_spin (300);
  dx_test_wait_for_row (window, last, "received");
  g_assert_true (dx_history_view_get_following (dx_window_get_history_view (window)));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_scrolling_up_stops_following (void)
{
  DxWindow *window = open_window ();
  g_autofree char *url = dx_echo_server_dup_url (server, "/flood?count=2000&size=16");
  DxHistoryView *view = dx_window_get_history_view (window);
  GListModel *history = G_LIST_MODEL (dx_session_get_history (dx_window_get_session (window)));
  GtkScrolledWindow *scrolled;
  GtkAdjustment *adjustment;
  CountQuery query = { history, 2002 };

  gtk_editable_set_text (dx_window_get_url_entry (window), url);
  dx_test_click (GTK_WIDGET (window), "Connect");
  dx_test_wait_until (history_has, &query, "the flood");
  dx_test_spin (300);
  dx_test_wait_for_row (window, "#2000 ", "received");

  scrolled = GTK_SCROLLED_WINDOW (gtk_widget_get_parent (GTK_WIDGET (dx_history_view_get_list_view (view))));
  adjustment = gtk_scrolled_window_get_vadjustment (scrolled);
  gtk_adjustment_set_value (adjustment, 0);
  g_assert_false (dx_history_view_get_following (view));

  /* New messages do not pull the tester away from what they read */
  g_assert_true (dx_connection_send_text (dx_window_get_connection (window), "while reading", NULL));
  query.count += 2;
  dx_test_wait_until (history_has, &query, "the echo");
  dx_test_spin (300);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), <, 1);
  g_assert_false (dx_test_row_is_shown (window, "#2000 ", NULL));
  g_assert_true (dx_test_row_is_shown (window, "Connected", NULL));

  /* The follow button brings them back to the newest row */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "history.follow", NULL));
  dx_test_spin (300);
  g_assert_true (dx_history_view_get_following (view));
  dx_test_wait_for_row (window, "while reading", "received");

  /* Sending from the composer shows what was sent, following again */
  gtk_adjustment_set_value (adjustment, 0);
  g_assert_false (dx_history_view_get_following (view));
  dx_composer_set_text (dx_window_get_composer (window), "my own message");
  dx_test_click (GTK_WIDGET (window), "Send");
  dx_test_wait_for_row (window, "my own message", "received");
  g_assert_true (dx_history_view_get_following (view));

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

  g_test_add_func ("/dx/window/connect-send-receive", test_connect_send_receive);
  g_test_add_func ("/dx/window/keyboard-send", test_keyboard_send);
  g_test_add_func ("/dx/window/invalid-json-is-not-sent", test_invalid_json_is_not_sent);
  g_test_add_func ("/dx/window/send-while-disconnected", test_send_while_disconnected);
  g_test_add_func ("/dx/window/bad-url-explained", test_bad_url_explained);
  g_test_add_func ("/dx/window/handshake-failure-explained", test_handshake_failure_explained);
  g_test_add_func ("/dx/window/stop-connecting", test_stop_connecting);
  g_test_add_func ("/dx/window/reserved-header-warned", test_reserved_header_warned);
  g_test_add_func ("/dx/window/flood-keeps-drawing", test_flood_keeps_drawing);
  g_test_add_func ("/dx/window/scrolling-up-stops-following", test_scrolling_up_stops_following);

  status = g_test_run ();
  g_clear_pointer (&server, dx_test_echo_server_stop);
  return status;
}
