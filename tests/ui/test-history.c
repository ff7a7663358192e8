/* test-history.c — the history view as a tester uses it: search and filter
 * a million rows without the window stopping, inspect a row (pretty JSON,
 * hex dump), pause following, clear and undo, export what is shown
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <adwaita.h>
#include <glib/gstdio.h>

#include "dx-history.h"
#include "dx-history-view.h"
#include "dx-message-inspector.h"
#include "dx-test-util.h"

typedef struct {
  GtkWindow     *window;
  DxHistoryView *view;
  DxHistory     *history;
} Fixture;

static void
append_text (DxHistory   *history,
             DxDirection  direction,
             const char  *text)
{
  DxRecord record = {
    .payload = g_bytes_new (text, strlen (text)),
    .wall_time_us = g_get_real_time (),
    .monotonic_time_us = g_get_monotonic_time (),
    .direction = direction,
    .kind = DX_MESSAGE_KIND_TEXT,
  };

  dx_history_append_batch (history, &record, 1);
}

/* Rows like a flood's, every 1000th mentions a needle */
static void
append_many (DxHistory *history,
             guint      n)
{
  g_autoptr(GArray) batch = g_array_new (FALSE, FALSE, sizeof (DxRecord));

  for (guint i = 0; i < n; i++)
    {
      char text[64];
      int len = g_snprintf (text, sizeof text, "{\"seq\":%u,\"w\":\"%s\"}", i, i % 1000 == 999 ? "needle" : "hay");
      DxRecord record = {
        .payload = g_bytes_new (text, len),
        .wall_time_us = 1764107404000000 + i,
        .monotonic_time_us = i,
        .direction = i % 2 ? DX_DIRECTION_RECEIVED : DX_DIRECTION_SENT,
        .kind = DX_MESSAGE_KIND_TEXT,
      };

      g_array_append_val (batch, record);
      if (batch->len == 4096)
        {
          dx_history_append_batch (history, (DxRecord *) batch->data, batch->len);
          g_array_set_size (batch, 0);
        }
    }
  dx_history_append_batch (history, (DxRecord *) batch->data, batch->len);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  GtkWidget *overlay = adw_toast_overlay_new ();

  fixture->history = dx_history_new ();
  fixture->view = DX_HISTORY_VIEW (dx_history_view_new ());
  dx_history_view_set_model (fixture->view, G_LIST_MODEL (fixture->history));
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), GTK_WIDGET (fixture->view));

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 900, 600);
  gtk_window_set_child (fixture->window, overlay);
  gtk_window_present (fixture->window);
  dx_test_wait_until ((DxTestCondition) gtk_widget_get_mapped, fixture->view, "the view to show");
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  g_clear_object (&fixture->history);
}

static GtkWidget *
find_by_label (GtkWidget  *root,
               const char *label)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_widget_get_tooltip_text (root), label) == 0)
    return root;
  if (GTK_IS_SEARCH_ENTRY (root) && g_strcmp0 (label, "search") == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_by_label (child, label);

      if (found)
        return found;
    }
  return NULL;
}

static void
click (GtkButton *button)
{
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
}

static gboolean
has_error (gpointer data)
{
  return gtk_widget_has_css_class (data, "error");
}

static gboolean
has_no_error (gpointer data)
{
  return !gtk_widget_has_css_class (data, "error");
}

static gboolean
not_pending (gpointer data)
{
  return dx_filtered_history_get_pending (data) == 0;
}

static void
test_filter_million (Fixture       *fixture,
                     gconstpointer  data)
{
  const guint n = 1000000;
  DxFilteredHistory *shown = dx_history_view_get_shown (fixture->view);
  GtkWidget *search = find_by_label (GTK_WIDGET (fixture->view), "search");
  guint iterations = 0;
  gboolean saw_pending = FALSE;
  gint64 start, turn, longest_turn = 0;
  g_autofree char *status = NULL;

  append_many (fixture->history, n);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (shown)), ==, n);

  /* Typed in the search bar, as a tester would */
  g_assert_nonnull (search);
  gtk_editable_set_text (GTK_EDITABLE (search), "NEEDLE");
  g_signal_emit_by_name (search, "activate");
  start = g_get_monotonic_time ();
  while (dx_filtered_history_get_pending (shown) > 0 || g_list_model_get_n_items (G_LIST_MODEL (shown)) == n)
    {
      if (dx_filtered_history_get_pending (shown) > 0 && !saw_pending)
        {
          g_autofree char *progress = dx_history_view_dup_status_text (fixture->view);

          saw_pending = TRUE;
          g_assert_nonnull (strstr (progress, "Filtering…"));
        }
      turn = g_get_monotonic_time ();
      g_main_context_iteration (NULL, TRUE);
      longest_turn = MAX (longest_turn, g_get_monotonic_time () - turn);
      iterations++;
      g_assert_cmpint (g_get_monotonic_time () - start, <, DX_TEST_WAIT_LIMIT_S * G_USEC_PER_SEC);
    }
  /* Figures for the record (DX_TEST_TIMING=1 prints them to stderr as
   * well); the time is the machine's, so nothing is asserted on it */
  g_test_message ("search over %u rows: %.1f ms in %u main-loop iterations, longest %.1f ms",
                  n, (g_get_monotonic_time () - start) / 1000.0, iterations, longest_turn / 1000.0);
  if (g_getenv ("DX_TEST_TIMING"))
    g_printerr ("search over %u rows in the window: %.1f ms in %u main-loop iterations, longest %.1f ms\n",
                n, (g_get_monotonic_time () - start) / 1000.0, iterations, longest_turn / 1000.0);

  /* It worked in steps, the main loop kept turning, and the count is right */
  g_assert_true (saw_pending);
  g_assert_cmpuint (iterations, >, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (shown)), ==, n / 1000);
  status = dx_history_view_dup_status_text (fixture->view);
  g_assert_nonnull (strstr (status, "1000 of 1000000 messages shown"));
  g_assert_null (strstr (status, "Filtering"));

  /* Direction as well: half of the needles were sent (seq 999, 1999, ... are odd: received) */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (find_by_label (GTK_WIDGET (fixture->view), "Show received messages")), FALSE);
  dx_test_wait_until (not_pending, shown, "filtering by direction");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (shown)), ==, 0);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (find_by_label (GTK_WIDGET (fixture->view), "Show received messages")), TRUE);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (find_by_label (GTK_WIDGET (fixture->view), "Show sent messages")), FALSE);
  dx_test_wait_until (not_pending, shown, "filtering by direction");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (shown)), ==, n / 1000);

  /* New rows are filtered as they come */
  append_text (fixture->history, DX_DIRECTION_RECEIVED, "another needle");
  append_text (fixture->history, DX_DIRECTION_SENT, "a sent needle");
  dx_test_wait_until (not_pending, shown, "filtering new rows");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (shown)), ==, n / 1000 + 1);

  /* A regular expression; a broken one says so and keeps the last filter */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (find_by_label (GTK_WIDGET (fixture->view), "Show sent messages")), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (search), "\"seq\":1[0-9]{5},");
  g_signal_emit_by_name (search, "activate");
  g_assert_false (dx_history_filter_set_search (dx_history_view_get_filter (fixture->view), "(", TRUE, NULL));
  click (GTK_BUTTON (find_by_label (GTK_WIDGET (fixture->view),
                                                 "Search with a regular expression (case-sensitive; add (?i) to ignore case)")));
  dx_test_wait_until (not_pending, shown, "filtering by regex");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (shown)), ==, 100000);

  gtk_editable_set_text (GTK_EDITABLE (search), "\"seq\":(1");
  g_signal_emit_by_name (search, "activate");
  dx_test_wait_until (has_error, search, "the search to be marked wrong");
  g_clear_pointer (&status, g_free);
  status = dx_history_view_dup_status_text (fixture->view);
  g_assert_nonnull (strstr (status, "regular expression"));

  gtk_editable_set_text (GTK_EDITABLE (search), "");
  g_signal_emit_by_name (search, "activate");
  dx_test_wait_until (has_no_error, search, "the search to be right again");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (shown)), ==, n + 2);
}

static void
test_inspector (Fixture       *fixture,
                gconstpointer  data)
{
  static const guint8 binary[] = { 0x00, 0xff, 'A', 'B', 0x0a, 0xc3, 0x28 };
  DxMessageInspector *inspector = dx_history_view_get_inspector (fixture->view);
  GtkSingleSelection *selection = dx_history_view_get_selection (fixture->view);
  DxRecord record = {
    .payload = g_bytes_new (binary, sizeof binary),
    .direction = DX_DIRECTION_RECEIVED,
    .kind = DX_MESSAGE_KIND_BINARY,
  };
  g_autofree char *json = NULL;
  g_autofree char *hex = NULL;
  g_autofree char *plain = NULL;

  append_text (fixture->history, DX_DIRECTION_SENT, "{\"type\":\"hello\",\"list\":[1,2]}");
  record.wall_time_us = g_get_real_time ();
  record.monotonic_time_us = g_get_monotonic_time () + 1500;
  dx_history_append_batch (fixture->history, &record, 1);
  append_text (fixture->history, DX_DIRECTION_RECEIVED, "not json");

  /* Nothing selected: no inspector, the list has the room */
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (inspector)));

  gtk_single_selection_set_selected (selection, 0);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (inspector)));
  json = dx_message_inspector_dup_shown_text (inspector);
  g_assert_cmpstr (json, ==, "{\n  \"type\" : \"hello\",\n  \"list\" : [\n    1,\n    2\n  ]\n}");
  g_assert_cmpstr (dx_message_inspector_get_language (inspector), ==, "json");
  g_assert_false (dx_message_inspector_get_showing_hex (inspector));

  gtk_single_selection_set_selected (selection, 1);
  hex = dx_message_inspector_dup_shown_text (inspector);
  g_assert_true (dx_message_inspector_get_showing_hex (inspector));
  g_assert_cmpstr (hex, ==,
                   "00000000  00 ff 41 42 0a c3 28                              |..AB..(|\n"
                   "00000007\n");
  g_assert_null (dx_message_inspector_get_language (inspector));

  gtk_single_selection_set_selected (selection, 2);
  plain = dx_message_inspector_dup_shown_text (inspector);
  g_assert_cmpstr (plain, ==, "not json");
  g_assert_null (dx_message_inspector_get_language (inspector));

  /* Copy puts the payload on the clipboard */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (inspector), "inspector.copy", NULL));

  /* Closing the inspector unselects */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (inspector), "inspector.close", NULL));
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, GTK_INVALID_LIST_POSITION);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (inspector)));
}

static void
test_clear_undo (Fixture       *fixture,
                 gconstpointer  data)
{
  GListModel *history = G_LIST_MODEL (fixture->history);
  g_autofree char *status = NULL;

  append_many (fixture->history, 5000);
  gtk_single_selection_set_selected (dx_history_view_get_selection (fixture->view), 10);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "history.clear", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (history), ==, 0);
  g_assert_true (dx_history_view_can_undo_clear (fixture->view));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dx_history_view_get_inspector (fixture->view))));
  status = dx_history_view_dup_status_text (fixture->view);
  g_assert_nonnull (strstr (status, "0 messages"));

  /* A message that arrives meanwhile stays, after the restored ones */
  append_text (fixture->history, DX_DIRECTION_RECEIVED, "late");
  dx_history_view_undo_clear (fixture->view);
  g_assert_cmpuint (g_list_model_get_n_items (history), ==, 5001);
  g_assert_false (dx_history_view_can_undo_clear (fixture->view));
  {
    g_autoptr(DxMessage) first = g_list_model_get_item (history, 0);
    g_autoptr(DxMessage) last = g_list_model_get_item (history, 5000);
    g_autofree char *first_text = dx_message_dup_text (first);
    g_autofree char *last_text = dx_message_dup_text (last);

    g_assert_cmpstr (first_text, ==, "{\"seq\":0,\"w\":\"hay\"}");
    g_assert_cmpstr (last_text, ==, "late");
  }
  g_clear_pointer (&status, g_free);
  status = dx_history_view_dup_status_text (fixture->view);
  g_assert_nonnull (strstr (status, "5001 messages"));
  g_assert_nonnull (strstr (status, "↑ 2500"));
  g_assert_nonnull (strstr (status, "↓ 2501"));
}

static void
test_pause (Fixture       *fixture,
            gconstpointer  data)
{
  GtkScrolledWindow *scrolled;
  GtkAdjustment *adjustment;
  double value;

  append_many (fixture->history, 2000);
  dx_test_spin (300);
  scrolled = GTK_SCROLLED_WINDOW (gtk_widget_get_parent (GTK_WIDGET (dx_history_view_get_list_view (fixture->view))));
  adjustment = gtk_scrolled_window_get_vadjustment (scrolled);
  g_assert_true (dx_history_view_get_following (fixture->view));
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), >, 0);

  /* Paused: new rows do not move the view, even from the very end */
  click (GTK_BUTTON (find_by_label (GTK_WIDGET (fixture->view), "Pause following the newest message")));
  g_assert_true (dx_history_view_get_paused (fixture->view));
  g_assert_false (dx_history_view_get_following (fixture->view));
  value = gtk_adjustment_get_value (adjustment);
  append_many (fixture->history, 2000);
  dx_test_spin (300);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, value);

  /* Resumed: straight to the newest */
  click (GTK_BUTTON (find_by_label (GTK_WIDGET (fixture->view), "Resume following the newest message")));
  g_assert_false (dx_history_view_get_paused (fixture->view));
  dx_test_spin (300);
  g_assert_true (dx_history_view_get_following (fixture->view));
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), >, value);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), >=,
                     gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment) - 1);
}

static void
test_export_shown (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("dx-history-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "shown.jsonl", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;

  append_many (fixture->history, 3000);
  dx_history_filter_set_search (dx_history_view_get_filter (fixture->view), "needle", FALSE, NULL);

  /* Right away, while the view may still be filtering: the export is whole */
  g_assert_true (dx_history_view_export (fixture->view, file, "shown-jsonl", &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  lines = g_strsplit (contents, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3 + 1);
  g_assert_nonnull (strstr (lines[0], "\\\"seq\\\":999,"));

  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  dx_test_setup ();
  adw_init ();

  g_test_add ("/dx/history-view/filter-million", Fixture, NULL, fixture_setup, test_filter_million, fixture_teardown);
  g_test_add ("/dx/history-view/inspector", Fixture, NULL, fixture_setup, test_inspector, fixture_teardown);
  g_test_add ("/dx/history-view/clear-undo", Fixture, NULL, fixture_setup, test_clear_undo, fixture_teardown);
  g_test_add ("/dx/history-view/pause", Fixture, NULL, fixture_setup, test_pause, fixture_teardown);
  g_test_add ("/dx/history-view/export-shown", Fixture, NULL, fixture_setup, test_export_shown, fixture_teardown);

  return g_test_run ();
}
