/* test-history.c — DxHistory: batches, payload storage, scale
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "dx-history.h"

typedef struct {
  guint emissions;
  guint position;
  guint removed;
  guint added;
} ChangeLog;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  ChangeLog  *log)
{
  log->emissions++;
  log->position = position;
  log->removed = removed;
  log->added = added;
}

static GBytes *
bytes_printf (const char *format,
              ...) G_GNUC_PRINTF (1, 2);

static GBytes *
bytes_printf (const char *format,
              ...)
{
  va_list args;
  char *text;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);

  return g_bytes_new_take (text, strlen (text));
}

static DxRecord
record_new (DxDirection    direction,
            DxMessageKind  kind,
            GBytes        *payload,
            gint64         wall_time_us,
            gint64         monotonic_time_us)
{
  DxRecord record;

  record.payload = payload;
  record.direction = direction;
  record.kind = kind;
  record.wall_time_us = wall_time_us;
  record.monotonic_time_us = monotonic_time_us;

  return record;
}

static void
assert_payload_equals (DxHistory  *history,
                       guint       position,
                       const char *expected)
{
  g_autoptr(GBytes) payload = dx_history_dup_payload (history, position);
  gsize size;
  const char *data = g_bytes_get_data (payload, &size);

  g_assert_cmpmem (data, size, expected, strlen (expected));
}

static void
test_append_batch (void)
{
  g_autoptr(DxHistory) history = dx_history_new ();
  ChangeLog log = { 0, };
  DxRecord first[3];
  DxRecord second[2];

  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (history)) == DX_TYPE_MESSAGE);
  g_signal_connect (history, "items-changed", G_CALLBACK (items_changed_cb), &log);

  for (guint i = 0; i < G_N_ELEMENTS (first); i++)
    first[i] = record_new (DX_DIRECTION_RECEIVED, DX_MESSAGE_KIND_TEXT,
                           bytes_printf ("first %u", i), i, i);
  dx_history_append_batch (history, first, G_N_ELEMENTS (first));

  g_assert_cmpuint (log.emissions, ==, 1);
  g_assert_cmpuint (log.position, ==, 0);
  g_assert_cmpuint (log.removed, ==, 0);
  g_assert_cmpuint (log.added, ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (history)), ==, 3);
  /* The batch took over the references */
  for (guint i = 0; i < G_N_ELEMENTS (first); i++)
    g_assert_null (first[i].payload);

  for (guint i = 0; i < G_N_ELEMENTS (second); i++)
    second[i] = record_new (DX_DIRECTION_SENT, DX_MESSAGE_KIND_TEXT,
                            bytes_printf ("second %u", i), 10 + i, 10 + i);
  dx_history_append_batch (history, second, G_N_ELEMENTS (second));

  g_assert_cmpuint (log.emissions, ==, 2);
  g_assert_cmpuint (log.position, ==, 3);
  g_assert_cmpuint (log.removed, ==, 0);
  g_assert_cmpuint (log.added, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (history)), ==, 5);

  /* An empty batch changes nothing and says nothing */
  dx_history_append_batch (history, NULL, 0);
  g_assert_cmpuint (log.emissions, ==, 2);

  assert_payload_equals (history, 0, "first 0");
  assert_payload_equals (history, 2, "first 2");
  assert_payload_equals (history, 3, "second 0");
  assert_payload_equals (history, 4, "second 1");
  g_assert_cmpuint (dx_history_get_total_bytes (history), ==, 3 * strlen ("first 0") + 2 * strlen ("second 0"));
}

static void
test_get_item (void)
{
  g_autoptr(DxHistory) history = dx_history_new ();
  static const guint8 binary[] = { 0x00, 0xff, 0xfe, 'a', 0x00, 0xc3, 0x28 };
  g_autofree char *large_text = NULL;
  g_autoptr(GBytes) large = NULL;
  struct {
    DxDirection    direction;
    DxMessageKind  kind;
    GBytes        *payload;
    gint64         wall;
    gint64         monotonic;
  } expected[4];
  DxRecord records[4];

  large_text = g_strnfill (10000, 'L');
  large = g_bytes_new (large_text, 10000);

  expected[0].direction = DX_DIRECTION_SENT;
  expected[0].kind = DX_MESSAGE_KIND_TEXT;
  expected[0].payload = g_bytes_new_static ("héllo", strlen ("héllo"));
  expected[0].wall = G_GINT64_CONSTANT (1700000000123456);
  expected[0].monotonic = 42;

  expected[1].direction = DX_DIRECTION_RECEIVED;
  expected[1].kind = DX_MESSAGE_KIND_BINARY;
  expected[1].payload = g_bytes_new_static (binary, sizeof binary);
  expected[1].wall = G_GINT64_CONSTANT (1700000000223456);
  expected[1].monotonic = 43;

  expected[2].direction = DX_DIRECTION_EVENT;
  expected[2].kind = DX_MESSAGE_KIND_CLOSE;
  expected[2].payload = g_bytes_new_static ("Closed by you", strlen ("Closed by you"));
  expected[2].wall = G_GINT64_CONSTANT (1700000000323456);
  expected[2].monotonic = 44;

  expected[3].direction = DX_DIRECTION_RECEIVED;
  expected[3].kind = DX_MESSAGE_KIND_TEXT;
  expected[3].payload = g_bytes_ref (large);
  expected[3].wall = G_GINT64_CONSTANT (1700000000423456);
  expected[3].monotonic = 45;

  for (guint i = 0; i < G_N_ELEMENTS (records); i++)
    records[i] = record_new (expected[i].direction, expected[i].kind,
                             g_bytes_ref (expected[i].payload),
                             expected[i].wall, expected[i].monotonic);
  dx_history_append_batch (history, records, G_N_ELEMENTS (records));

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(DxMessage) message = g_list_model_get_item (G_LIST_MODEL (history), i);
      GBytes *payload;

      g_assert_true (DX_IS_MESSAGE (message));
      g_assert_cmpint (dx_message_get_direction (message), ==, expected[i].direction);
      g_assert_cmpint (dx_message_get_kind (message), ==, expected[i].kind);
      g_assert_cmpint (dx_message_get_wall_time (message), ==, expected[i].wall);
      g_assert_cmpint (dx_message_get_monotonic_time (message), ==, expected[i].monotonic);
      payload = dx_message_get_payload (message);
      g_assert_true (g_bytes_equal (payload, expected[i].payload));
      g_assert_cmpuint (dx_message_get_size (message), ==, g_bytes_get_size (expected[i].payload));

      g_assert_cmpint (dx_history_get_direction (history, i), ==, expected[i].direction);
      g_assert_cmpint (dx_history_get_kind (history, i), ==, expected[i].kind);
    }

  g_assert_null (g_list_model_get_item (G_LIST_MODEL (history), G_N_ELEMENTS (expected)));

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_bytes_unref (expected[i].payload);
}

typedef struct {
  gboolean  freed;
  guint8   *data;
  gsize     size;
} Watched;

static void
watched_free (gpointer data)
{
  Watched *watched = data;

  /* Scribble over the bytes, so that a history still pointing at them
   * would show garbage instead of passing by luck. */
  memset (watched->data, 0xAA, watched->size);
  g_free (watched->data);
  watched->data = NULL;
  watched->freed = TRUE;
}

static GBytes *
watched_bytes_new (Watched *watched,
                   gsize    size,
                   char     fill)
{
  watched->freed = FALSE;
  watched->size = size;
  watched->data = g_malloc (size);
  memset (watched->data, fill, size);

  return g_bytes_new_with_free_func (watched->data, size, watched_free, watched);
}

static void
test_large_payload_not_copied (void)
{
  DxHistory *history = dx_history_new ();
  Watched watched;
  GBytes *payload = watched_bytes_new (&watched, 4096, 'B');
  gconstpointer appended_data = g_bytes_get_data (payload, NULL);
  DxRecord record = record_new (DX_DIRECTION_RECEIVED, DX_MESSAGE_KIND_BINARY, payload, 1, 1);
  g_autoptr(GBytes) kept = NULL;
  g_autoptr(DxMessage) message = NULL;

  dx_history_append_batch (history, &record, 1);
  g_assert_false (watched.freed);

  kept = dx_history_dup_payload (history, 0);
  g_assert_true (g_bytes_get_data (kept, NULL) == appended_data);
  g_assert_cmpuint (g_bytes_get_size (kept), ==, 4096);

  message = g_list_model_get_item (G_LIST_MODEL (history), 0);
  g_assert_true (g_bytes_get_data (dx_message_get_payload (message), NULL) == appended_data);

  /* The history lets go of it when it goes */
  g_clear_pointer (&kept, g_bytes_unref);
  g_clear_object (&message);
  g_object_unref (history);
  g_assert_true (watched.freed);
}

static void
test_small_payload_copied (void)
{
  g_autoptr(DxHistory) history = dx_history_new ();
  Watched watched;
  GBytes *payload = watched_bytes_new (&watched, 4095, 's');
  g_autofree char *expected = g_strnfill (4095, 's');
  DxRecord record = record_new (DX_DIRECTION_RECEIVED, DX_MESSAGE_KIND_TEXT, payload, 1, 1);
  g_autoptr(DxMessage) message = NULL;

  dx_history_append_batch (history, &record, 1);

  /* The history made its own copy, so the appended GBytes is gone... */
  g_assert_true (watched.freed);
  /* ... and the entry still holds the original bytes, not the scribbles */
  assert_payload_equals (history, 0, expected);
  message = g_list_model_get_item (G_LIST_MODEL (history), 0);
  g_assert_cmpuint (dx_message_get_size (message), ==, 4095);
  g_assert_cmpmem (g_bytes_get_data (dx_message_get_payload (message), NULL), 4095, expected, 4095);
}

static void
test_million_entries (void)
{
  g_autoptr(DxHistory) history = dx_history_new ();
  const guint total = 1000000;
  const guint batch_size = 10000;
  g_autofree DxRecord *batch = g_new (DxRecord, batch_size);
  ChangeLog log = { 0, };
  gsize storage;
  double per_entry;

  g_signal_connect (history, "items-changed", G_CALLBACK (items_changed_cb), &log);

  for (guint start = 0; start < total; start += batch_size)
    {
      for (guint i = 0; i < batch_size; i++)
        {
          char text[17];

          g_snprintf (text, sizeof text, "%015u|", start + i);
          batch[i] = record_new (DX_DIRECTION_RECEIVED, DX_MESSAGE_KIND_TEXT,
                                 g_bytes_new (text, 16), start + i, start + i);
        }
      dx_history_append_batch (history, batch, batch_size);
    }

  g_assert_cmpuint (log.emissions, ==, total / batch_size);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (history)), ==, total);
  g_assert_cmpuint (dx_history_get_total_bytes (history), ==, (guint64) total * 16);

  assert_payload_equals (history, 0, "000000000000000|");
  assert_payload_equals (history, 4095, "000000000004095|");
  assert_payload_equals (history, 4096, "000000000004096|");
  assert_payload_equals (history, 65536, "000000000065536|");
  assert_payload_equals (history, 500000, "000000000500000|");
  assert_payload_equals (history, total - 1, "000000000999999|");

  storage = dx_history_get_storage_size (history);
  per_entry = (double) storage / total;
  g_test_message ("1,000,000 16-byte entries: %" G_GSIZE_FORMAT " bytes of storage beyond "
                  "the payloads, %.2f bytes per entry", storage, per_entry);
  g_assert_cmpfloat (per_entry, <=, 48.0);
  /* It cannot be less than the entries themselves */
  g_assert_cmpfloat (per_entry, >=, 16.0);
}

static void
test_empty_payload (void)
{
  g_autoptr(DxHistory) history = dx_history_new ();
  g_autoptr(DxMessage) empty_message = dx_message_new_now (DX_DIRECTION_SENT, DX_MESSAGE_KIND_TEXT, NULL);
  DxRecord records[2];

  records[0] = record_new (DX_DIRECTION_RECEIVED, DX_MESSAGE_KIND_TEXT, g_bytes_new (NULL, 0), 1, 1);
  records[1] = record_new (DX_DIRECTION_RECEIVED, DX_MESSAGE_KIND_BINARY, NULL, 2, 2);
  dx_history_append_batch (history, records, G_N_ELEMENTS (records));
  dx_history_append (history, empty_message);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (history)), ==, 3);
  g_assert_cmpuint (dx_history_get_total_bytes (history), ==, 0);

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(GBytes) payload = dx_history_dup_payload (history, i);
      g_autoptr(DxMessage) message = g_list_model_get_item (G_LIST_MODEL (history), i);
      g_autofree char *text = dx_message_dup_text (message);
      g_autofree char *preview = dx_message_dup_preview (message, 80);

      g_assert_nonnull (payload);
      g_assert_cmpuint (g_bytes_get_size (payload), ==, 0);
      g_assert_cmpuint (dx_message_get_size (message), ==, 0);
      g_assert_cmpstr (text, ==, "");
      g_assert_cmpstr (preview, ==, "");
    }

  g_assert_cmpint (dx_history_get_kind (history, 1), ==, DX_MESSAGE_KIND_BINARY);
  g_assert_cmpint (dx_history_get_direction (history, 2), ==, DX_DIRECTION_SENT);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dx/history/append-batch", test_append_batch);
  g_test_add_func ("/dx/history/get-item", test_get_item);
  g_test_add_func ("/dx/history/large-payload-not-copied", test_large_payload_not_copied);
  g_test_add_func ("/dx/history/small-payload-copied", test_small_payload_copied);
  g_test_add_func ("/dx/history/million-entries", test_million_entries);
  g_test_add_func ("/dx/history/empty-payload", test_empty_payload);

  return g_test_run ();
}
