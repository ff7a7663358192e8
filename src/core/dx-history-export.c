/* dx-history-export.c — history as JSON Lines or CSV
 *
 * One message per line (JSON Lines) or record (CSV, RFC 4180). A payload
 * that is valid UTF-8 text without NUL bytes is written as text; any other
 * payload, and every binary message, as Base64, so that what is read back
 * is byte for byte what was sent or received. The format is documented in
 * docs/history-export.md; change both together.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "dx-history-export.h"
#include "dx-message.h"

/* Write in pieces of about this size: one write per message would be slow,
 * the whole file in memory too big. */
#define FLUSH_SIZE (256 * 1024)

static const char *
enum_nick (GType type,
           int   value)
{
  /* Looked up once per type: a class reference per message is most of the
   * time of a large export */
  static gsize directions;
  static gsize kinds;
  gsize *klass = type == DX_TYPE_DIRECTION ? &directions : &kinds;
  GEnumValue *enum_value;

  if (g_once_init_enter (klass))
    g_once_init_leave (klass, (gsize) g_type_class_ref (type));

  enum_value = g_enum_get_value ((GEnumClass *) *klass, value);
  return enum_value ? enum_value->value_nick : "unknown";
}

static gboolean
is_text (DxMessageKind  kind,
         const char    *data,
         gsize          size)
{
  if (kind == DX_MESSAGE_KIND_BINARY)
    return FALSE;
  return memchr (data, '\0', size) == NULL && g_utf8_validate (data, size, NULL);
}

static void
append_json_string (GString    *out,
                    const char *text,
                    gsize       size)
{
  g_string_append_c (out, '"');
  for (gsize i = 0; i < size; i++)
    {
      guchar c = text[i];

      switch (c)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        default:
          if (c < 0x20 || c == 0x7f)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, c);
        }
    }
  g_string_append_c (out, '"');
}

static void
append_csv_field (GString    *out,
                  const char *text,
                  gsize       size)
{
  gboolean quote = FALSE;

  /* Payloads are not NUL-terminated: no strpbrk() */
  for (gsize i = 0; i < size && !quote; i++)
    quote = text[i] == ',' || text[i] == '"' || text[i] == '\r' || text[i] == '\n';

  if (!quote)
    {
      g_string_append_len (out, text, size);
      return;
    }

  g_string_append_c (out, '"');
  for (gsize i = 0; i < size; i++)
    {
      if (text[i] == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, text[i]);
    }
  g_string_append_c (out, '"');
}

/* Formatting a date is most of the time of a large export; messages come
 * many to the second, so the seconds are formatted once per second. */
typedef struct {
  gint64  second;
  char    text[32];
} TimeCache;

static const char *
format_seconds (TimeCache *cache,
                gint64     wall_time_us)
{
  gint64 second = wall_time_us / G_USEC_PER_SEC;

  if (cache->text[0] == '\0' || cache->second != second)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (second);
      g_autofree char *text = dt ? g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S") : NULL;

      g_strlcpy (cache->text, text ? text : "", sizeof cache->text);
      cache->second = second;
    }
  return cache->text;
}

static void
append_message (GString        *out,
                TimeCache      *times,
                DxMessage      *message,
                DxExportFormat  format)
{
  gsize size;
  const char *data = g_bytes_get_data (dx_message_get_payload (message), &size);
  DxMessageKind kind = dx_message_get_kind (message);
  const char *direction = enum_nick (DX_TYPE_DIRECTION, dx_message_get_direction (message));
  const char *kind_nick = enum_nick (DX_TYPE_MESSAGE_KIND, kind);
  gboolean text = is_text (kind, data ? data : "", size);
  gint64 wall_time_us = dx_message_get_wall_time (message);
  g_autofree char *time = g_strdup_printf ("%s.%06dZ", format_seconds (times, wall_time_us),
                                           (int) (wall_time_us % G_USEC_PER_SEC));
  g_autofree char *base64 = text ? NULL : g_base64_encode ((const guchar *) data, size);

  if (data == NULL)
    data = "";

  if (format == DX_EXPORT_FORMAT_JSON_LINES)
    {
      g_string_append_printf (out,
                              "{\"time\":\"%s\",\"wall_time_us\":%" G_GINT64_FORMAT
                              ",\"monotonic_time_us\":%" G_GINT64_FORMAT
                              ",\"direction\":\"%s\",\"kind\":\"%s\",\"size\":%" G_GSIZE_FORMAT ",",
                              time, dx_message_get_wall_time (message),
                              dx_message_get_monotonic_time (message),
                              direction, kind_nick, size);
      if (text)
        {
          g_string_append (out, "\"text\":");
          append_json_string (out, data, size);
        }
      else
        g_string_append_printf (out, "\"base64\":\"%s\"", base64);
      g_string_append (out, "}\n");
    }
  else
    {
      g_string_append_printf (out, "%s,%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT ",%s,%s,%" G_GSIZE_FORMAT ",%s,",
                              time, dx_message_get_wall_time (message),
                              dx_message_get_monotonic_time (message),
                              direction, kind_nick, size, text ? "text" : "base64");
      if (text)
        append_csv_field (out, data, size);
      else
        g_string_append (out, base64);
      g_string_append (out, "\r\n");
    }
}

/**
 * dx_history_export:
 * @messages: a list of #DxMessage: a #DxHistory, or any view of one
 * @filter: (nullable): write only the messages this filter matches
 * @stream: where to write; it is not closed
 *
 * Writes @messages in @format. The filter is applied here rather than by
 * a filtered view, so that an export is complete even while a view is
 * still filtering.
 *
 * Returns: %FALSE with @error set when writing failed
 */
gboolean
dx_history_export (GListModel      *messages,
                   DxHistoryFilter *filter,
                   DxExportFormat   format,
                   GOutputStream   *stream,
                   GCancellable    *cancellable,
                   GError         **error)
{
  g_autoptr(GString) out = g_string_sized_new (FLUSH_SIZE + 4096);
  TimeCache times = { 0 };
  guint n;

  g_return_val_if_fail (G_IS_LIST_MODEL (messages), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);

  if (format == DX_EXPORT_FORMAT_CSV)
    g_string_append (out, "time,wall_time_us,monotonic_time_us,direction,kind,size,encoding,payload\r\n");

  n = g_list_model_get_n_items (messages);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DxMessage) message = g_list_model_get_item (messages, i);

      if (filter && !dx_history_filter_match_message (filter, message))
        continue;
      append_message (out, &times, message, format);
      if (out->len >= FLUSH_SIZE)
        {
          if (!g_output_stream_write_all (stream, out->str, out->len, NULL, cancellable, error))
            return FALSE;
          g_string_truncate (out, 0);
        }
    }

  return g_output_stream_write_all (stream, out->str, out->len, NULL, cancellable, error);
}

/**
 * dx_history_export_to_file:
 *
 * Writes @messages to @file, replacing it only once everything is written.
 */
gboolean
dx_history_export_to_file (GListModel      *messages,
                           DxHistoryFilter *filter,
                           DxExportFormat   format,
                           GFile           *file,
                           GCancellable    *cancellable,
                           GError         **error)
{
  g_autoptr(GFileOutputStream) stream = NULL;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, cancellable, error);
  if (stream == NULL)
    return FALSE;

  if (!dx_history_export (messages, filter, format, G_OUTPUT_STREAM (stream), cancellable, error))
    {
      g_autoptr(GCancellable) abort = g_cancellable_new ();

      /* Closing a cancelled replace keeps the old file */
      g_cancellable_cancel (abort);
      g_output_stream_close (G_OUTPUT_STREAM (stream), abort, NULL);
      return FALSE;
    }

  return g_output_stream_close (G_OUTPUT_STREAM (stream), cancellable, error);
}
