/* dx-test-window.c — what a tester sees in the window's history and state:
 * rows on screen with their preview, and the connection's state
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
