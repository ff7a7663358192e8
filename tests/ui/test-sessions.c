/* test-sessions.c — the session sidebar as a tester uses it: add, rename,
 * duplicate, reorder, delete with Undo, and several sessions connected at
 * once, each receiving while another is shown
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "dx-echo-server.h"
#include "dx-field.h"
#include "dx-session-row.h"
#include "dx-test-echo.h"
#include "dx-test-util.h"
#include "dx-window.h"

static DxEchoServer *server;

static GListModel *
sessions_of (DxWindow *window)
{
  return G_LIST_MODEL (dx_workspace_get_sessions (dx_window_get_workspace (window)));
}

static DxSession *
session_at (DxWindow *window,
            guint     position)
{
  g_autoptr(DxSession) session = g_list_model_get_item (sessions_of (window), position);

  return session;   /* the workspace keeps it */
}

static void
collect_rows (GtkWidget *root,
              GPtrArray *rows)
{
  if (DX_IS_SESSION_ROW (root) && gtk_widget_get_mapped (root))
    g_ptr_array_add (rows, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    collect_rows (child, rows);
}

static DxSessionRow *
row_for (DxWindow  *window,
         DxSession *session)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect_rows (GTK_WIDGET (window), rows);
  for (guint i = 0; i < rows->len; i++)
    {
      DxSessionView *view = dx_session_row_get_view (rows->pdata[i]);

      if (view && dx_session_view_get_session (view) == session)
        return rows->pdata[i];
    }
  return NULL;
}

static GtkEntry *
find_entry (GtkWidget *root)
{
  if (GTK_IS_ENTRY (root) && gtk_widget_get_mapped (root))
    return GTK_ENTRY (root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkEntry *found = find_entry (child);

      if (found)
        return found;
    }
  return NULL;
}

static DxWindow *
open_window (guint n_sessions)
{
  g_autoptr(DxWorkspace) workspace = dx_workspace_new ();
  DxWindow *window;

  for (guint i = 0; i < n_sessions; i++)
    {
      g_autofree char *name = g_strdup_printf ("S%u", i + 1);
      g_autoptr(DxSession) session = dx_session_new (name, "");

      g_list_store_append (dx_workspace_get_sessions (workspace), session);
    }

  window = dx_window_new (NULL, workspace);
  gtk_window_present (GTK_WINDOW (window));
  dx_test_wait_until ((DxTestCondition) gtk_widget_get_mapped, window, "the window to show");
  dx_test_spin (100);
  return window;
}

static void
activate (DxWindow   *window,
          const char *action)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), action, NULL));
  dx_test_spin (50);
}

static void
test_add_and_rename (void)
{
  DxWindow *window = open_window (1);
  GtkEntry *entry;
  DxSession *added;

  activate (window, "win.add-session");
  g_assert_cmpuint (g_list_model_get_n_items (sessions_of (window)), ==, 2);
  added = session_at (window, 1);
  g_assert_true (dx_window_get_session (window) == added);
  g_assert_cmpstr (dx_session_get_name (added), ==, "Session 2");
  g_assert_nonnull (row_for (window, added));

  /* F2 (win.rename-session) edits the name in the sidebar row; Enter keeps it */
  activate (window, "win.rename-session");
  entry = find_entry (GTK_WIDGET (row_for (window, added)));
  g_assert_nonnull (entry);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "Session 2");
  gtk_editable_set_text (GTK_EDITABLE (entry), "Prices feed");
  g_signal_emit_by_name (entry, "activate");
  g_assert_cmpstr (dx_session_get_name (added), ==, "Prices feed");
  g_assert_null (find_entry (GTK_WIDGET (row_for (window, added))));

  /* An emptied name is not taken */
  activate (window, "win.rename-session");
  entry = find_entry (GTK_WIDGET (row_for (window, added)));
  gtk_editable_set_text (GTK_EDITABLE (entry), "  ");
  g_signal_emit_by_name (entry, "activate");
  g_assert_cmpstr (dx_session_get_name (added), ==, "Prices feed");

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_duplicate_and_reorder (void)
{
  DxWindow *window = open_window (2);
  DxSession *first = session_at (window, 0);
  g_autoptr(DxField) header = dx_field_new (TRUE, "Authorization", "Bearer x");
  DxSession *copy;

  dx_session_set_url (first, "ws://example.com/feed");
  g_list_store_append (dx_session_get_headers (first), header);
  dx_window_select_session (window, first);

  activate (window, "win.duplicate-session");
  g_assert_cmpuint (g_list_model_get_n_items (sessions_of (window)), ==, 3);
  copy = session_at (window, 1);
  g_assert_cmpstr (dx_session_get_name (copy), ==, "S1 (copy)");
  g_assert_cmpstr (dx_session_get_url (copy), ==, "ws://example.com/feed");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (dx_session_get_headers (copy))), ==, 1);
  g_assert_cmpstr (dx_session_get_id (copy), !=, dx_session_get_id (first));
  g_assert_true (dx_window_get_session (window) == copy);

  /* Alt+Up / Alt+Down move the selected session */
  activate (window, "win.move-session-up");
  g_assert_true (session_at (window, 0) == copy);
  g_assert_true (dx_window_get_session (window) == copy);
  activate (window, "win.move-session-down");
  activate (window, "win.move-session-down");
  g_assert_true (session_at (window, 2) == copy);
  activate (window, "win.move-session-down");   /* already last: stays */
  g_assert_true (session_at (window, 2) == copy);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_delete_and_undo (void)
{
  DxWindow *window = open_window (3);
  g_autoptr(DxSession) middle = g_object_ref (session_at (window, 1));
  g_autofree char *url = dx_echo_server_dup_url (server, "/echo");
  DxConnection *connection;

  dx_window_select_session (window, middle);
  gtk_editable_set_text (dx_window_get_url_entry (window), url);
  dx_window_connect (window);
  connection = dx_window_get_connection (window);
  DX_TEST_WAIT_UNTIL_OR (dx_connection_get_state (connection) == DX_CONNECTION_STATE_OPEN, "open", g_assert_not_reached ());

  activate (window, "win.delete-session");
  g_assert_cmpuint (g_list_model_get_n_items (sessions_of (window)), ==, 2);
  g_assert_null (row_for (window, middle));
  g_assert_true (dx_window_get_session (window) != middle);

  /* Undo brings it back where it was, still connected, history intact */
  activate (window, "win.undo-delete");
  g_assert_cmpuint (g_list_model_get_n_items (sessions_of (window)), ==, 3);
  g_assert_true (session_at (window, 1) == middle);
  g_assert_true (dx_window_get_session (window) == middle);
  g_assert_true (dx_window_get_connection (window) == connection);
  g_assert_cmpint (dx_connection_get_state (connection), ==, DX_CONNECTION_STATE_OPEN);

  /* Deleting the last session leaves an empty state with a way out */
  activate (window, "win.delete-session");
  activate (window, "win.delete-session");
  activate (window, "win.delete-session");
  g_assert_cmpuint (g_list_model_get_n_items (sessions_of (window)), ==, 0);
  g_assert_null (dx_window_get_view (window));
  activate (window, "win.add-session");
  g_assert_cmpuint (g_list_model_get_n_items (sessions_of (window)), ==, 1);

  gtk_window_destroy (GTK_WINDOW (window));
}

static guint
count_received (DxSession *session)
{
  DxHistory *history = dx_session_get_history (session);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (history)), received = 0;

  for (guint i = 0; i < n; i++)
    received += dx_history_get_direction (history, i) == DX_DIRECTION_RECEIVED;
  return received;
}

static void
test_two_sessions_receive_at_once (void)
{
  DxWindow *window = open_window (2);
  DxSession *echo = session_at (window, 0);
  DxSession *flood = session_at (window, 1);
  g_autofree char *echo_url = dx_echo_server_dup_url (server, "/echo");
  g_autofree char *flood_url = dx_echo_server_dup_url (server, "/flood?count=500&size=32");
  DxSessionView *flood_view;

  dx_window_select_session (window, echo);
  gtk_editable_set_text (dx_window_get_url_entry (window), echo_url);
  dx_window_connect (window);
  DX_TEST_WAIT_UNTIL_OR (dx_connection_get_state (dx_window_get_connection (window)) == DX_CONNECTION_STATE_OPEN,
                         "the echo session to open", g_assert_not_reached ());

  /* Connect the second, then look at the first while it floods */
  dx_window_select_session (window, flood);
  gtk_editable_set_text (dx_window_get_url_entry (window), flood_url);
  flood_view = dx_window_get_view (window);
  dx_window_connect (window);
  dx_window_select_session (window, echo);

  g_assert_true (dx_connection_send_text (dx_window_get_connection (window), "still here", NULL));
  DX_TEST_WAIT_UNTIL_OR (count_received (flood) == 500 && count_received (echo) == 1,
                         "both sessions to receive", g_assert_not_reached ());
  dx_test_spin (100);

  /* Both stay open; the one not shown counts what it got */
  g_assert_cmpint (dx_connection_get_state (dx_window_get_connection (window)), ==, DX_CONNECTION_STATE_OPEN);
  g_assert_cmpint (dx_connection_get_state (dx_session_view_get_connection (flood_view)), ==, DX_CONNECTION_STATE_OPEN);
  g_assert_cmpuint (dx_session_view_get_unread (flood_view), ==, 500);
  g_assert_cmpstr (dx_session_row_get_unread_text (row_for (window, flood)), ==, "500");
  g_assert_null (dx_session_row_get_unread_text (row_for (window, echo)));

  /* Showing it marks it read */
  dx_window_select_session (window, flood);
  dx_test_spin (50);
  g_assert_cmpuint (dx_session_view_get_unread (flood_view), ==, 0);
  g_assert_null (dx_session_row_get_unread_text (row_for (window, flood)));

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
is_variables_window_shown (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (g_str_equal (G_OBJECT_TYPE_NAME (toplevel), "DxVariablesWindow") && gtk_widget_get_mapped (GTK_WIDGET (toplevel)))
        {
          *(GtkWindow **) data = toplevel;
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
is_button_labelled (GtkWidget  *root,
                    const char *label)
{
  return GTK_IS_BUTTON (root) && gtk_widget_get_mapped (root) &&
         gtk_widget_get_first_child (root) && ADW_IS_BUTTON_CONTENT (gtk_widget_get_first_child (root)) &&
         g_strcmp0 (adw_button_content_get_label (ADW_BUTTON_CONTENT (gtk_widget_get_first_child (root))), label) == 0;
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  if (is_button_labelled (root, label))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found)
        return found;
    }
  return NULL;
}

static void
test_variables (void)
{
  DxWindow *window = open_window (1);
  GListStore *variables = dx_workspace_get_variables (dx_window_get_workspace (window));
  g_autofree char *url = dx_echo_server_dup_url (server, "/{{path}}?room={{room}}");
  GtkWindow *editor = NULL;
  GtkWidget *add;
  g_autoptr(DxField) row = NULL;

  /* Main menu > Variables: a window to add them */
  activate (window, "win.edit-variables");
  dx_test_wait_until (is_variables_window_shown, &editor, "the Variables window");
  add = find_button (GTK_WIDGET (editor), "Add _Variable");
  g_assert_nonnull (add);
  g_signal_emit_by_name (add, "clicked");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (variables)), ==, 1);
  row = g_list_model_get_item (G_LIST_MODEL (variables), 0);
  dx_field_set_key (row, "path");
  dx_field_set_value (row, "echo");
  gtk_window_close (editor);

  /* {{room}} is not defined: connecting says so, by name */
  gtk_editable_set_text (dx_window_get_url_entry (window), url);
  dx_window_connect (window);
  g_assert_nonnull (dx_window_get_error (window));
  g_assert_nonnull (strstr (dx_window_get_error (window), "{{room}}"));
  g_assert_cmpint (dx_connection_get_state (dx_window_get_connection (window)), ==, DX_CONNECTION_STATE_DISCONNECTED);

  /* Defined, it connects; a message uses them too */
  {
    g_autoptr(DxField) room = dx_field_new (TRUE, "room", "lobby");
    g_list_store_append (variables, room);
  }
  dx_window_connect (window);
  DX_TEST_WAIT_UNTIL_OR (dx_connection_get_state (dx_window_get_connection (window)) == DX_CONNECTION_STATE_OPEN,
                         "the session to open", g_assert_not_reached ());
  g_assert_true (dx_connection_send_text (dx_window_get_connection (window), "hello {{room}}", NULL));
  DX_TEST_WAIT_UNTIL_OR (count_received (dx_window_get_session (window)) == 1, "the echo", g_assert_not_reached ());
  {
    DxHistory *history = dx_session_get_history (dx_window_get_session (window));
    guint n = g_list_model_get_n_items (G_LIST_MODEL (history));
    g_autoptr(GBytes) echoed = dx_history_dup_payload (history, n - 1);

    g_assert_cmpmem (g_bytes_get_data (echoed, NULL), g_bytes_get_size (echoed), "hello lobby", 11);
  }

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

  g_test_add_func ("/dx/sessions/add-and-rename", test_add_and_rename);
  g_test_add_func ("/dx/sessions/duplicate-and-reorder", test_duplicate_and_reorder);
  g_test_add_func ("/dx/sessions/delete-and-undo", test_delete_and_undo);
  g_test_add_func ("/dx/sessions/two-sessions-receive-at-once", test_two_sessions_receive_at_once);
  g_test_add_func ("/dx/sessions/variables", test_variables);

  status = g_test_run ();
  g_clear_pointer (&server, dx_test_echo_server_stop);
  return status;
}
