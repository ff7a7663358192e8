/* test-history-filter.c — DxHistoryFilter on large histories, and
 * DxHistory's clear and restore (Undo)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>

#include "dx-hexdump.h"
#include "dx-history-filter.h"
#include "dx-settings-store.h"

static void
append (DxHistory     *history,
        DxDirection    direction,
        DxMessageKind  kind,
        const void    *data,
        gsize          size)
{
  DxRecord record = {
    .payload = g_bytes_new (data, size),
    .wall_time_us = g_get_real_time (),
    .monotonic_time_us = g_get_monotonic_time (),
    .direction = direction,
    .kind = kind,
  };

  dx_history_append_batch (history, &record, 1);
}

/* A million rows in batches, like a flood: every 7th is sent, every 100th
 * is binary with a NUL, every 1000th mentions "Needle" */
static DxHistory *
make_million (guint n)
{
  DxHistory *history = dx_history_new ();
  g_autoptr(GArray) batch = g_array_new (FALSE, FALSE, sizeof (DxRecord));

  for (guint i = 0; i < n; i++)
    {
      DxRecord record = { 0 };
      char text[64];
      int len;

      if (i % 100 == 0)
        {
          guint8 bin[] = { 0x00, 0xff, 'N', 'e', 'e', 'd', 'l', 'e', (guint8) i };

          record.payload = g_bytes_new (bin, i % 1000 == 0 ? sizeof bin : 2);
          record.kind = DX_MESSAGE_KIND_BINARY;
        }
      else
        {
          len = g_snprintf (text, sizeof text, "{\"seq\":%u,\"note\":\"%s\"}", i, i % 1000 == 550 ? "a needle" : "hay");
          record.payload = g_bytes_new (text, len);
          record.kind = DX_MESSAGE_KIND_TEXT;
        }
      record.direction = i % 7 == 0 ? DX_DIRECTION_SENT : DX_DIRECTION_RECEIVED;
      record.wall_time_us = i;
      record.monotonic_time_us = i;
      g_array_append_val (batch, record);

      if (batch->len == 4096)
        {
          dx_history_append_batch (history, (DxRecord *) batch->data, batch->len);
          g_array_set_size (batch, 0);
        }
    }
  dx_history_append_batch (history, (DxRecord *) batch->data, batch->len);

  return history;
}

static void
test_million (void)
{
  const guint n = 1000000;
  g_autoptr(DxHistory) history = make_million (n);
  g_autoptr(DxHistoryFilter) filter = dx_history_filter_new ();
  guint expected_sent = 0, expected_binary = 0, expected_needle = 0, expected_sent_text = 0;
  gint64 start;

  for (guint i = 0; i < n; i++)
    {
      expected_sent += i % 7 == 0;
      expected_binary += i % 100 == 0;
      expected_needle += i % 1000 == 0 || i % 1000 == 550;
      expected_sent_text += i % 7 == 0 && i % 100 != 0;
    }

  g_assert_true (dx_history_filter_is_everything (filter));
  g_assert_cmpuint (dx_history_filter_count (filter, history), ==, n);

  dx_history_filter_set_directions (filter, DX_HISTORY_FILTER_BIT (DX_DIRECTION_SENT));
  g_assert_cmpuint (dx_history_filter_count (filter, history), ==, expected_sent);

  dx_history_filter_set_kinds (filter, DX_HISTORY_FILTER_BIT (DX_MESSAGE_KIND_TEXT));
  g_assert_cmpuint (dx_history_filter_count (filter, history), ==, expected_sent_text);

  dx_history_filter_set_directions (filter, DX_HISTORY_FILTER_ALL);
  dx_history_filter_set_kinds (filter, DX_HISTORY_FILTER_BIT (DX_MESSAGE_KIND_BINARY));
  g_assert_cmpuint (dx_history_filter_count (filter, history), ==, expected_binary);

  /* Text search ignores ASCII case and looks into binary payloads too */
  dx_history_filter_set_kinds (filter, DX_HISTORY_FILTER_ALL);
  g_assert_true (dx_history_filter_set_search (filter, "NEEDLE", FALSE, NULL));
  start = g_get_monotonic_time ();
  g_assert_cmpuint (dx_history_filter_count (filter, history), ==, expected_needle);
  g_test_message ("text search over %u rows: %.0f ms", n, (g_get_monotonic_time () - start) / 1000.0);

  /* A regular expression works on raw bytes: a NUL, then 0xff */
  g_assert_true (dx_history_filter_set_search (filter, "^\\x00\\xffNeedle", TRUE, NULL));
  start = g_get_monotonic_time ();
  g_assert_cmpuint (dx_history_filter_count (filter, history), ==, n / 1000);
  g_test_message ("regex search over %u rows: %.0f ms", n, (g_get_monotonic_time () - start) / 1000.0);

  g_assert_true (dx_history_filter_set_search (filter, "\"seq\":99999\\d,", TRUE, NULL));
  g_assert_cmpuint (dx_history_filter_count (filter, history), ==, 10);

  /* What an export works on: a copy of the matching rows */
  {
    g_autoptr(DxHistory) copy = dx_history_filter_copy_matching (filter, history);
    g_autoptr(DxHistory) all = NULL;
    gsize size;
    const char *data;

    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (copy)), ==, 10);
    data = dx_history_peek_payload (copy, 0, &size);
    g_assert_cmpmem (data, size, "{\"seq\":999990,\"note\":\"hay\"}", strlen ("{\"seq\":999990,\"note\":\"hay\"}"));
    g_assert_cmpint (dx_history_get_wall_time (copy, 0), ==, 999990);

    start = g_get_monotonic_time ();
    all = dx_history_filter_copy_matching (NULL, history);
    g_test_message ("copy of %u rows for an export: %.0f ms", n, (g_get_monotonic_time () - start) / 1000.0);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (all)), ==, n);
    g_assert_cmpuint (dx_history_get_total_bytes (all), ==, dx_history_get_total_bytes (history));
  }
}

static void
test_bad_regex (void)
{
  g_autoptr(DxHistoryFilter) filter = dx_history_filter_new ();
  g_autoptr(DxHistory) history = dx_history_new ();
  g_autoptr(GError) error = NULL;

  append (history, DX_DIRECTION_SENT, DX_MESSAGE_KIND_TEXT, "abc", 3);
  append (history, DX_DIRECTION_SENT, DX_MESSAGE_KIND_TEXT, "xyz", 3);
  g_assert_true (dx_history_filter_set_search (filter, "a.c", TRUE, NULL));
  g_assert_cmpuint (dx_history_filter_count (filter, history), ==, 1);

  /* A broken expression says why and leaves the filter as it was */
  g_assert_false (dx_history_filter_set_search (filter, "a(", TRUE, &error));
  g_assert_error (error, G_REGEX_ERROR, G_REGEX_ERROR_UNMATCHED_PARENTHESIS);
  g_assert_nonnull (strstr (error->message, "regular expression"));
  g_assert_cmpuint (dx_history_filter_count (filter, history), ==, 1);

  /* Plain text is not a pattern */
  g_assert_true (dx_history_filter_set_search (filter, "a(", FALSE, NULL));
  g_assert_cmpuint (dx_history_filter_count (filter, history), ==, 0);
  g_assert_true (dx_history_filter_set_search (filter, "", FALSE, NULL));
  g_assert_true (dx_history_filter_is_everything (filter));
}

static void
count_changes_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint      *changes)
{
  (*changes)++;
}

static void
test_clear_restore (void)
{
  g_autoptr(DxHistory) history = dx_history_new ();
  g_autoptr(DxHistory) cleared = NULL;
  g_autofree guint8 *large = g_malloc (10000);
  g_autoptr(GBytes) payload = NULL;
  gsize size;
  guint changes = 0;

  memset (large, 'L', 10000);
  append (history, DX_DIRECTION_SENT, DX_MESSAGE_KIND_TEXT, "one", 3);
  append (history, DX_DIRECTION_RECEIVED, DX_MESSAGE_KIND_BINARY, large, 10000);
  append (history, DX_DIRECTION_RECEIVED, DX_MESSAGE_KIND_TEXT, "three", 5);
  g_signal_connect (history, "items-changed", G_CALLBACK (count_changes_cb), &changes);

  cleared = dx_history_clear (history);
  g_assert_cmpuint (changes, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (history)), ==, 0);
  g_assert_cmpuint (dx_history_get_total_bytes (history), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (cleared)), ==, 3);

  /* What arrives after the clear stays after what Undo puts back */
  append (history, DX_DIRECTION_SENT, DX_MESSAGE_KIND_TEXT, "four", 4);
  changes = 0;
  dx_history_restore (history, cleared);
  g_assert_cmpuint (changes, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (history)), ==, 4);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (cleared)), ==, 0);
  g_assert_cmpuint (dx_history_get_total_bytes (history), ==, 3 + 10000 + 5 + 4);

  g_assert_cmpmem (dx_history_peek_payload (history, 0, &size), size, "one", 3);
  payload = dx_history_dup_payload (history, 1);
  g_assert_cmpmem (g_bytes_get_data (payload, NULL), g_bytes_get_size (payload), large, 10000);
  g_assert_cmpint (dx_history_get_kind (history, 1), ==, DX_MESSAGE_KIND_BINARY);
  g_assert_cmpmem (dx_history_peek_payload (history, 2, &size), size, "three", 5);
  g_assert_cmpmem (dx_history_peek_payload (history, 3, &size), size, "four", 4);
  g_assert_cmpint (dx_history_get_direction (history, 3), ==, DX_DIRECTION_SENT);

  /* Appending after a restore goes on as usual */
  append (history, DX_DIRECTION_SENT, DX_MESSAGE_KIND_TEXT, "five", 4);
  g_assert_cmpmem (dx_history_peek_payload (history, 4, &size), size, "five", 4);
}

static gsize
saved_history_length (GSettings  *settings,
                      const char *id)
{
  g_autoptr(GVariant) histories = g_settings_get_value (settings, "history");
  g_autoptr(GVariant) saved = g_variant_lookup_value (histories, id, NULL);

  return saved ? g_variant_n_children (saved) : 0;
}

/* The settings store saves what a clear left, and what Undo put back */
static void
test_clear_persists (void)
{
  g_autoptr(GSettingsBackend) backend = g_memory_settings_backend_new ();
  g_autoptr(GSettings) settings = g_settings_new_with_backend (APP_ID, backend);
  g_autoptr(DxWorkspace) workspace = dx_workspace_new ();
  g_autoptr(DxSession) session = dx_session_new ("Test", "ws://127.0.0.1:1/");
  g_autoptr(DxSettingsStore) store = NULL;
  g_autoptr(DxHistory) cleared = NULL;
  DxHistory *history = dx_session_get_history (session);
  const char *id = dx_session_get_id (session);

  store = dx_settings_store_new (settings, workspace);
  g_assert_true (dx_settings_store_restore (store, NULL));
  g_list_store_append (dx_workspace_get_sessions (workspace), session);
  append (history, DX_DIRECTION_SENT, DX_MESSAGE_KIND_TEXT, "one", 3);
  append (history, DX_DIRECTION_RECEIVED, DX_MESSAGE_KIND_TEXT, "two", 3);
  dx_settings_store_flush (store);
  g_assert_cmpuint (saved_history_length (settings, id), ==, 2);

  cleared = dx_history_clear (history);
  dx_settings_store_flush (store);
  g_assert_cmpuint (saved_history_length (settings, id), ==, 0);

  dx_history_restore (history, cleared);
  dx_settings_store_flush (store);
  g_assert_cmpuint (saved_history_length (settings, id), ==, 2);
}

static void
test_hexdump (void)
{
  static const guint8 data[] = "Hello\0\xff" "ABCDEFGHIJKLMNOPQ";
  g_autofree char *dump = dx_hexdump (data, sizeof data - 1, 0);
  g_autofree char *cut = dx_hexdump (data, sizeof data - 1, 4);
  g_autofree char *empty = dx_hexdump (NULL, 0, 0);

  g_assert_cmpstr (dump, ==,
                   "00000000  48 65 6c 6c 6f 00 ff 41  42 43 44 45 46 47 48 49  |Hello..ABCDEFGHI|\n"
                   "00000010  4a 4b 4c 4d 4e 4f 50 51                           |JKLMNOPQ|\n"
                   "00000018\n");
  g_assert_cmpstr (cut, ==,
                   "00000000  48 65 6c 6c                                       |Hell|\n"
                   "00000004\n");
  g_assert_cmpstr (empty, ==, "00000000\n");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dx/history-filter/million", test_million);
  g_test_add_func ("/dx/history-filter/bad-regex", test_bad_regex);
  g_test_add_func ("/dx/history-filter/clear-restore", test_clear_restore);
  g_test_add_func ("/dx/history-filter/clear-persists", test_clear_persists);
  g_test_add_func ("/dx/history-filter/hexdump", test_hexdump);

  return g_test_run ();
}
