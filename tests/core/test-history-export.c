/* test-history-export.c — exported JSON Lines and CSV read back to the very
 * messages that were exported, binary and invalid UTF-8 included
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "dx-history-export.h"

typedef struct {
  DxDirection    direction;
  DxMessageKind  kind;
  const char    *data;
  gsize          size;
} Sample;

static const Sample samples[] = {
  { DX_DIRECTION_EVENT, DX_MESSAGE_KIND_OPEN, "Connected", 9 },
  { DX_DIRECTION_SENT, DX_MESSAGE_KIND_TEXT, "{\"a\": \"quote \\\" and, comma\"}", 28 },
  { DX_DIRECTION_RECEIVED, DX_MESSAGE_KIND_TEXT, "line one\r\nline \"two\"\n\ttab", 25 },
  { DX_DIRECTION_RECEIVED, DX_MESSAGE_KIND_TEXT, "héllo → 世界 \x7f", 19 },
  { DX_DIRECTION_RECEIVED, DX_MESSAGE_KIND_BINARY, "\x00\xff\xfe" "a\x00\xc3\x28", 7 },
  { DX_DIRECTION_RECEIVED, DX_MESSAGE_KIND_TEXT, "bad \xc3\x28 utf8", 11 },
  { DX_DIRECTION_SENT, DX_MESSAGE_KIND_TEXT, "", 0 },
  { DX_DIRECTION_SENT, DX_MESSAGE_KIND_BINARY, "", 0 },
  { DX_DIRECTION_SENT, DX_MESSAGE_KIND_PING, "rtt", 3 },
  { DX_DIRECTION_RECEIVED, DX_MESSAGE_KIND_CLOSE, "\x03\xe8" "bye", 5 },
};

static DxHistory *
make_history (void)
{
  DxHistory *history = dx_history_new ();
  g_autofree guint8 *large = g_malloc (100000);

  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      DxRecord record = {
        .payload = g_bytes_new (samples[i].data, samples[i].size),
        .wall_time_us = 1764107404123456 + i * 1001,
        .monotonic_time_us = 5000000 + i * 1001,
        .direction = samples[i].direction,
        .kind = samples[i].kind,
      };

      g_assert_cmpuint (strlen (samples[i].data) <= samples[i].size, ==, TRUE);
      dx_history_append_batch (history, &record, 1);
    }

  /* A large binary payload, kept by reference in the history */
  for (guint i = 0; i < 100000; i++)
    large[i] = (guint8) (i * 7);
  {
    DxRecord record = {
      .payload = g_bytes_new (large, 100000),
      .wall_time_us = 1764107405000000,
      .monotonic_time_us = 6000000,
      .direction = DX_DIRECTION_RECEIVED,
      .kind = DX_MESSAGE_KIND_BINARY,
    };
    dx_history_append_batch (history, &record, 1);
  }

  return history;
}

typedef struct {
  char   *direction;
  char   *kind;
  gint64  wall_time_us;
  gint64  monotonic_time_us;
  gsize   size;
  GBytes *payload;
} Parsed;

static void
parsed_free (gpointer data)
{
  Parsed *parsed = data;

  g_free (parsed->direction);
  g_free (parsed->kind);
  g_bytes_unref (parsed->payload);
  g_free (parsed);
}

static void
assert_same (DxHistory *history,
             GPtrArray *parsed,
             guint      skip_event)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (history));
  guint row = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DxMessage) message = g_list_model_get_item (G_LIST_MODEL (history), i);
      GBytes *payload = dx_message_get_payload (message);
      g_autoptr(GEnumClass) directions = g_type_class_ref (DX_TYPE_DIRECTION);
      g_autoptr(GEnumClass) kinds = g_type_class_ref (DX_TYPE_MESSAGE_KIND);
      Parsed *p;

      if (skip_event && dx_message_get_direction (message) == DX_DIRECTION_EVENT)
        continue;

      g_assert_cmpuint (row, <, parsed->len);
      p = g_ptr_array_index (parsed, row++);
      g_assert_cmpstr (p->direction, ==, g_enum_get_value (directions, dx_message_get_direction (message))->value_nick);
      g_assert_cmpstr (p->kind, ==, g_enum_get_value (kinds, dx_message_get_kind (message))->value_nick);
      g_assert_cmpint (p->wall_time_us, ==, dx_message_get_wall_time (message));
      g_assert_cmpint (p->monotonic_time_us, ==, dx_message_get_monotonic_time (message));
      g_assert_cmpuint (p->size, ==, g_bytes_get_size (payload));
      g_assert_cmpmem (g_bytes_get_data (p->payload, NULL), g_bytes_get_size (p->payload),
                       g_bytes_get_data (payload, NULL), g_bytes_get_size (payload));
    }
  g_assert_cmpuint (row, ==, parsed->len);
}

static GPtrArray *
parse_jsonl (const char *text)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func (parsed_free);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i]; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      JsonObject *object;
      Parsed *p;

      if (lines[i][0] == '\0')
        {
          g_assert_null (lines[i + 1]); /* only after the last line */
          continue;
        }
      json_parser_load_from_data (parser, lines[i], -1, &error);
      g_assert_no_error (error);
      object = json_node_get_object (json_parser_get_root (parser));

      p = g_new0 (Parsed, 1);
      p->direction = g_strdup (json_object_get_string_member (object, "direction"));
      p->kind = g_strdup (json_object_get_string_member (object, "kind"));
      p->wall_time_us = json_object_get_int_member (object, "wall_time_us");
      p->monotonic_time_us = json_object_get_int_member (object, "monotonic_time_us");
      p->size = json_object_get_int_member (object, "size");
      g_assert_true (json_object_has_member (object, "time"));
      g_assert_true (json_object_has_member (object, "text") != json_object_has_member (object, "base64"));
      if (json_object_has_member (object, "text"))
        {
          const char *t = json_object_get_string_member (object, "text");

          p->payload = g_bytes_new (t, strlen (t));
        }
      else
        {
          gsize len;
          guchar *raw = g_base64_decode (json_object_get_string_member (object, "base64"), &len);

          p->payload = g_bytes_new_take (raw, len);
        }
      g_ptr_array_add (rows, p);
    }
  return rows;
}

/* RFC 4180: quoted fields may hold commas, quotes (doubled) and line breaks */
static GPtrArray *
parse_csv_records (const char *text)
{
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  GPtrArray *fields = g_ptr_array_new_with_free_func (g_free);
  GString *field = g_string_new (NULL);
  const char *p = text;

  while (*p)
    {
      if (*p == '"' && field->len == 0)
        {
          for (p++; *p; p++)
            {
              if (*p == '"' && p[1] == '"')
                g_string_append_c (field, *p++);
              else if (*p == '"')
                break;
              else
                g_string_append_c (field, *p);
            }
          g_assert_true (*p == '"');
          p++;
        }
      else if (*p == ',')
        {
          g_ptr_array_add (fields, g_string_free (field, FALSE));
          field = g_string_new (NULL);
          p++;
        }
      else if (*p == '\r' && p[1] == '\n')
        {
          g_ptr_array_add (fields, g_string_free (field, FALSE));
          field = g_string_new (NULL);
          g_ptr_array_add (records, fields);
          fields = g_ptr_array_new_with_free_func (g_free);
          p += 2;
        }
      else
        {
          g_assert_true (*p != '\n' && *p != '\r' && *p != '"');
          g_string_append_c (field, *p++);
        }
    }
  g_assert_cmpuint (field->len, ==, 0);
  g_assert_cmpuint (fields->len, ==, 0);
  g_string_free (field, TRUE);
  g_ptr_array_unref (fields);
  return records;
}

static GPtrArray *
parse_csv (const char *text)
{
  g_autoptr(GPtrArray) records = parse_csv_records (text);
  GPtrArray *rows = g_ptr_array_new_with_free_func (parsed_free);
  GPtrArray *header = g_ptr_array_index (records, 0);
  static const char * const columns[] = {
    "time", "wall_time_us", "monotonic_time_us", "direction", "kind", "size", "encoding", "payload"
  };

  g_assert_cmpuint (header->len, ==, G_N_ELEMENTS (columns));
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    g_assert_cmpstr (g_ptr_array_index (header, i), ==, columns[i]);

  for (guint r = 1; r < records->len; r++)
    {
      GPtrArray *f = g_ptr_array_index (records, r);
      const char *encoding, *payload;
      Parsed *p = g_new0 (Parsed, 1);

      g_assert_cmpuint (f->len, ==, G_N_ELEMENTS (columns));
      p->wall_time_us = g_ascii_strtoll (g_ptr_array_index (f, 1), NULL, 10);
      p->monotonic_time_us = g_ascii_strtoll (g_ptr_array_index (f, 2), NULL, 10);
      p->direction = g_strdup (g_ptr_array_index (f, 3));
      p->kind = g_strdup (g_ptr_array_index (f, 4));
      p->size = g_ascii_strtoull (g_ptr_array_index (f, 5), NULL, 10);
      encoding = g_ptr_array_index (f, 6);
      payload = g_ptr_array_index (f, 7);
      if (g_str_equal (encoding, "text"))
        p->payload = g_bytes_new (payload, strlen (payload));
      else
        {
          gsize len;
          guchar *raw;

          g_assert_cmpstr (encoding, ==, "base64");
          raw = g_base64_decode (payload, &len);
          p->payload = g_bytes_new_take (raw, len);
        }
      g_ptr_array_add (rows, p);
    }
  return rows;
}

static char *
export_to_string (GListModel      *model,
                  DxHistoryFilter *filter,
                  DxExportFormat   format)
{
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  const char nul = '\0';

  g_assert_true (dx_history_export (model, filter, format, stream, NULL, &error));
  g_assert_no_error (error);
  g_output_stream_write_all (stream, &nul, 1, NULL, NULL, NULL);
  g_output_stream_close (stream, NULL, NULL);
  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (stream));
}

static void
test_jsonl_round_trip (void)
{
  g_autoptr(DxHistory) history = make_history ();
  g_autofree char *text = export_to_string (G_LIST_MODEL (history), NULL, DX_EXPORT_FORMAT_JSON_LINES);
  g_autoptr(GPtrArray) parsed = parse_jsonl (text);

  /* Text stays readable; binary and invalid UTF-8 are Base64 */
  g_assert_nonnull (strstr (text, "\"text\":\"héllo → 世界 \\u007f\""));
  g_assert_nonnull (strstr (text, "\"kind\":\"binary\",\"size\":7,\"base64\":\"AP/+YQDDKA==\""));
  g_assert_nonnull (strstr (text, "\"time\":\"2025-11-25T21:50:04.123456Z\""));
  assert_same (history, parsed, FALSE);
}

static void
test_csv_round_trip (void)
{
  g_autoptr(DxHistory) history = make_history ();
  g_autofree char *text = export_to_string (G_LIST_MODEL (history), NULL, DX_EXPORT_FORMAT_CSV);
  g_autoptr(GPtrArray) parsed = parse_csv (text);

  assert_same (history, parsed, FALSE);
}

static void
test_filtered (void)
{
  g_autoptr(DxHistory) history = make_history ();
  g_autoptr(DxHistoryFilter) filter = dx_history_filter_new ();
  g_autofree char *jsonl = NULL;
  g_autofree char *csv = NULL;
  g_autoptr(GPtrArray) from_jsonl = NULL;
  g_autoptr(GPtrArray) from_csv = NULL;

  dx_history_filter_set_directions (filter, DX_HISTORY_FILTER_BIT (DX_DIRECTION_SENT) |
                                            DX_HISTORY_FILTER_BIT (DX_DIRECTION_RECEIVED));
  jsonl = export_to_string (G_LIST_MODEL (history), filter, DX_EXPORT_FORMAT_JSON_LINES);
  csv = export_to_string (G_LIST_MODEL (history), filter, DX_EXPORT_FORMAT_CSV);
  from_jsonl = parse_jsonl (jsonl);
  from_csv = parse_csv (csv);
  g_assert_cmpuint (from_jsonl->len, ==, G_N_ELEMENTS (samples));
  assert_same (history, from_jsonl, TRUE);
  assert_same (history, from_csv, TRUE);
}

static void
test_to_file (void)
{
  g_autoptr(DxHistory) history = make_history ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("dx-export-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "history.jsonl", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *contents = NULL;
  g_autoptr(GPtrArray) parsed = NULL;
  g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent-dir/history.csv");

  g_assert_no_error (error);
  g_assert_true (dx_history_export_to_file (G_LIST_MODEL (history), NULL, DX_EXPORT_FORMAT_JSON_LINES, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  parsed = parse_jsonl (contents);
  assert_same (history, parsed, FALSE);

  g_assert_false (dx_history_export_to_file (G_LIST_MODEL (history), NULL, DX_EXPORT_FORMAT_CSV, missing, NULL, &error));
  g_assert_nonnull (error);

  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dx/history-export/jsonl-round-trip", test_jsonl_round_trip);
  g_test_add_func ("/dx/history-export/csv-round-trip", test_csv_round_trip);
  g_test_add_func ("/dx/history-export/filtered", test_filtered);
  g_test_add_func ("/dx/history-export/to-file", test_to_file);

  return g_test_run ();
}
