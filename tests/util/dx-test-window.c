/* dx-test-window.c — what a tester sees in the window's history and state:
 * rows on screen with their preview, the connection's state, and a
 * message sent and echoed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "dx-history-row.h"
#include "dx-test-util.h"
#include "dx-test-window.h"

static void
collect_rows (GtkWidget *root,
              GPtrArray *rows)
{
  if (DX_IS_HISTORY_ROW (root) && gtk_widget_get_mapped (root))
    g_ptr_array_add (rows, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    collect_rows (child, rows);
}

/**
 * dx_test_row_is_shown:
 * @css_class: (nullable): "sent", "received", "event", "error", or %NULL
 *   for any
 *
 * Returns: whether a history row on screen has @text in its preview
 */
gboolean
dx_test_row_is_shown (DxWindow   *window,
                      const char *text,
                      const char *css_class)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect_rows (GTK_WIDGET (dx_window_get_history_view (window)), rows);
  for (guint i = 0; i < rows->len; i++)
    {
      DxHistoryRow *row = g_ptr_array_index (rows, i);

      if (strstr (dx_history_row_get_preview (row), text) &&
          (css_class == NULL || gtk_widget_has_css_class (GTK_WIDGET (row), css_class)))
        return TRUE;
    }
  return FALSE;
}

/**
 * dx_test_row_tag:
 *
 * Returns: the kind tag ("Ping", "Binary", or "") of the first history row
 *   on screen with @text in its preview, or %NULL when there is none
 */
const char *
dx_test_row_tag (DxWindow   *window,
                 const char *text)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect_rows (GTK_WIDGET (dx_window_get_history_view (window)), rows);
  for (guint i = 0; i < rows->len; i++)
    {
      DxHistoryRow *row = g_ptr_array_index (rows, i);

      if (strstr (dx_history_row_get_preview (row), text))
        return dx_history_row_get_kind_tag (row);
    }
  return NULL;
}

typedef struct {
  DxWindow          *window;
  const char        *text;
  const char        *css_class;
  DxConnectionState  state;
} Query;

static gboolean
row_shown_cb (gpointer data)
{
  Query *query = data;

  return dx_test_row_is_shown (query->window, query->text, query->css_class);
}

void
dx_test_wait_for_row (DxWindow   *window,
                      const char *text,
                      const char *css_class)
{
  Query query = { window, text, css_class, 0 };

  dx_test_wait_until (row_shown_cb, &query, text);
}

static gboolean
state_is_cb (gpointer data)
{
  Query *query = data;

  return dx_connection_get_state (dx_window_get_connection (query->window)) == query->state;
}

void
dx_test_wait_for_state (DxWindow          *window,
                        DxConnectionState  state)
{
  Query query = { window, NULL, NULL, state };

  dx_test_wait_until (state_is_cb, &query, dx_connection_state_to_string (state));
}

typedef struct {
  DxHistory     *history;
  guint          after;
  DxMessageKind  kind;
} EchoQuery;

/* Returns: the first received message of @kind from @after on, or
 *   G_MAXUINT */
static guint
find_received (DxHistory     *history,
               guint          after,
               DxMessageKind  kind)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (history));

  for (guint i = after; i < n; i++)
    if (dx_history_get_direction (history, i) == DX_DIRECTION_RECEIVED &&
        dx_history_get_kind (history, i) == kind)
      return i;
  return G_MAXUINT;
}

static gboolean
echo_arrived_cb (gpointer data)
{
  EchoQuery *query = data;

  return find_received (query->history, query->after, query->kind) != G_MAXUINT;
}

/**
 * dx_test_assert_sent_and_echoed:
 * @after: the length of @history before the send
 *
 * Checks that exactly one message went out since, of @kind and with
 * @expected, then waits for the echo server's answer and checks that it
 * came back the same.
 */
void
dx_test_assert_sent_and_echoed (DxHistory     *history,
                                guint          after,
                                DxMessageKind  kind,
                                const void    *expected,
                                gsize          expected_size)
{
  EchoQuery query = { history, after, kind };
  g_autoptr(GBytes) sent = NULL;
  g_autoptr(GBytes) received = NULL;
  guint position;

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (history)), ==, after + 1);
  g_assert_cmpint (dx_history_get_direction (history, after), ==, DX_DIRECTION_SENT);
  g_assert_cmpint (dx_history_get_kind (history, after), ==, kind);
  sent = dx_history_dup_payload (history, after);
  g_assert_cmpmem (g_bytes_get_data (sent, NULL), g_bytes_get_size (sent), expected, expected_size);

  dx_test_wait_until (echo_arrived_cb, &query, "the echo");
  position = find_received (history, after, kind);
  received = dx_history_dup_payload (history, position);
  g_assert_cmpmem (g_bytes_get_data (received, NULL), g_bytes_get_size (received), expected, expected_size);
}
